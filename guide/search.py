"""Patients' words in the site search: data/search_terms.yml, checked, and the
search plugin's settings per edition. guide/search_index.py puts the words into
the built index (finish).

Material's search (lunr, in a web worker) finds a page only by the words on it.
Patients type "botox", "physio" or "sinkinesis". data/search_terms.yml lists
those words per page; the glossary's `also:` spellings are added by themselves.

    load_terms()                               check data/search_terms.yml (DataError with the line)
    plugins_for(plugins, language)             the search plugin's word separator for an edition
    python -m guide.search [site/]             check the file; show the words per page
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

from guide.data import DATA_DIR, DataError, _read_yaml, _rel
from guide.search_index import FIELD, INDEX, _address, add_to_index
from guide.urls import load as load_addresses

TERMS_FILE = DATA_DIR / "search_terms.yml"

# Where each edition's search splits text and queries into words, for the editions that
# need more than Material's default (spaces and hyphens). Material looks for every word
# typed as the start of a word: in "terapia de mimo", "de" also finds "derivación" and
# "depresión", and in Spanish such short words ("de", "la", "en", "para") are in almost
# every question: a page with many patients' words starting "de" or "la" came first for
# questions about something else (tests/search_queries_es.yml shows it).
# So for Spanish, the short words of the language and punctuation ("¿", "?", ",", a full
# stop but not a decimal point) split words too, in the pages and in what patients type.
# The lookarounds keep them inside words ("dedo", "aún"); the first letter may be a
# capital (a phone writes "La cara..."). A word that is only such short words finds nothing.
SEPARATORS = {
    "es": (r'[\s\-,;:!¡?¿()"“”«»/]+|\.(?!\d)'
           r"|(?<![A-Za-zÀ-ÿ])(?:[Dd]el?|[Ll][aeo]s?|[Aa]l?|[Ee][lns]|[Yy]|[Oo]|[Uu]n[ao]?s?|[Pp]ara|[Pp]or"
           r"|[Cc]on|[Mm][ei]|[Ss][eu]|[Tt][eu]|[Qq]u[eé]|[Cc][oó]mo)(?![A-Za-zÀ-ÿ])"),
}


def load_terms(path: Path = TERMS_FILE, addresses_file: Path | None = None) -> dict[str, tuple[str, ...]]:
    """{page address: its words}, checked: every address a page, every word written."""
    document, lines = _read_yaml(path)
    rel = _rel(path)
    manifest = load_addresses(addresses_file) if addresses_file else load_addresses()
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise DataError(rel, 1, "", "must list page addresses, each with its words under it (see the comment at the top)")
    terms: dict[str, tuple[str, ...]] = {}
    for address, words in document.items():
        line = lines.get((address,))
        if not isinstance(address, str) or address not in manifest.paths:
            raise DataError(rel, line, str(address), _unknown_address(address, manifest))
        if not isinstance(words, list) or not words:
            raise DataError(rel, line, address, "needs a list of words under it, one per line, e.g. `  - botox`")
        seen: dict[str, int] = {}
        for index, word in enumerate(words):
            word_line = lines.get((address, index), line)
            if isinstance(word, (dict, list)):
                raise DataError(rel, word_line, address, "each entry must be a word or phrase (a colon inside it needs \"quotes\")")
            text = "" if word is None else " ".join(str(word).split())
            if not _words(text):
                raise DataError(rel, word_line, address, f"entry {index + 1} is empty: write the word or phrase, or delete the line")
            key = text.lower()
            if key in seen:
                raise DataError(rel, word_line, address, f"'{text}' is listed twice for this page (also line {seen[key]}): delete one")
            seen[key] = word_line
        terms[address] = tuple(seen)
    return terms


def plugins_for(plugins: list, language: str) -> list:
    """mkdocs.yml's plugins for one edition's generator: its search splits words as SEPARATORS says."""
    separator = SEPARATORS.get(language)
    if not separator:
        return plugins
    out = []
    for plugin in plugins:   # "search", or {"search": {its options}}
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        options = {} if isinstance(plugin, str) else dict(plugin[name] or {})
        out.append({"search": {**options, "separator": separator}} if name == "search" else plugin)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _unknown_address(address, manifest) -> str:
    if address in manifest.redirects:
        return f"this page moved to {manifest.redirects[address]}: use the new address"
    close = difflib.get_close_matches(str(address), manifest.paths, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"not a page address in data/urls.yml{hint}: use an address listed under pages:, ending in /"


def main(argv: list[str]) -> int:
    try:
        terms = load_terms()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    if argv:
        from guide.data import load

        add_to_index(Path(argv[0]), terms, load().glossary)
        index = json.loads((Path(argv[0]) / INDEX).read_text(encoding="utf-8"))
        for doc in index["docs"]:
            if FIELD in doc:
                print(f"{_address(doc['location']):36} {doc[FIELD]}")
    else:
        for address, words in terms.items():
            print(f"{address:36} {', '.join(words)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
