"""Patients' words in the site search: data/search_terms.yml into the search index.

Material's search (lunr, in a web worker) finds a page only by the words on it.
Patients type "botox", "physio" or "sinkinesis". data/search_terms.yml lists
those words per page; the glossary's `also:` spellings are added by themselves.

The words go into the search index only, never into the pages: after the build,
each page's document in search/search_index.json gets one more field,
`patient_words`, and the index's config lists that field with a boost. Material's
worker indexes every field named in `config.fields` (not only title, text and
tags), but its result template shows only `title`, `text` and `tags`. So the
words are found but never shown: no odd text in the previews. (`tags` would be
indexed too, but Material draws tags as chips under each result.)

    load_terms()                               check data/search_terms.yml (DataError with the line)
    plugins_for(plugins, language)             the search plugin's word separator for an edition
    add_to_index(site_dir, terms, glossary)    rewrite site/search/search_index.json
    python -m guide.search [site/]             check the file; show the words per page
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

from guide.data import DATA_DIR, DataError, _read_yaml, _rel
from guide.urls import load as load_addresses

TERMS_FILE = DATA_DIR / "search_terms.yml"
INDEX = Path("search") / "search_index.json"

FIELD = "patient_words"
# Material gives a match in a title 1000 and in the text 1 (tags 1000000).
# Patients' words count as much as a title: a page whose title has the word
# still comes first, and a word in the text of many pages does not drown it.
BOOST = 1000.0

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

# Pages about the site, not about synkinesis: a glossary term named there (a list,
# a letter) is not explained there.
_NOT_TOPIC_PAGES = ("/glossary/", "/about/", "/clinicians/", "/handout/")


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


def add_to_index(site_dir: Path, terms: dict[str, tuple[str, ...]], glossary=()) -> Path | None:
    """Add each page's words to its document in the built search index; returns the file."""
    path = Path(site_dir) / INDEX
    if not path.exists():
        return None  # search is switched off: nothing to add to
    index = json.loads(path.read_text(encoding="utf-8"))
    split = re.compile(index["config"].get("separator") or r"[\s\-]+")
    pages = {_address(doc["location"]): doc for doc in index["docs"] if "#" not in doc["location"]}
    words: dict[str, list[str]] = {address: [] for address in pages}
    for address, phrases in terms.items():
        if address in words:  # a page left out of search (`search: exclude`) stays out
            words[address] += phrases
    for address, phrases in glossary_words(glossary, index["docs"]).items():
        words[address] += phrases
    for address, doc in pages.items():
        doc.pop(FIELD, None)
        unique = list(dict.fromkeys(t for phrase in words[address] for t in split.split(phrase.lower()) if t))
        if unique:
            doc[FIELD] = " ".join(unique)
    index["config"]["fields"][FIELD] = {"boost": BOOST}
    # As Material writes it: compact, keys in their order, so builds stay byte-identical.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return path


def glossary_words(glossary, docs) -> dict[str, list[str]]:
    """The glossary's other spellings: for the Glossary page, and for the page about the term.

    The page about a term is the one whose title or section titles name it (or one
    of its spellings) most often: "Facial retraining" for neuromuscular retraining,
    "Botulinum toxin injections" for Botox. A term no title names (facial palsy,
    eFACE) only leads to the Glossary page. data/search_terms.yml can add more.
    """
    found: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    for doc in docs:
        titles.setdefault(_address(doc["location"]), []).append(doc.get("title", ""))
    glossary_text = " ".join(re.sub(r"<[^>]+>", " ", d.get("text", "")) for d in docs if _address(d["location"]) == "/glossary/")
    for entry in glossary:
        if not entry.also:
            continue
        # The Glossary page may show a spelling already ("Botox is one brand"): lunr finds that by itself.
        found.setdefault("/glossary/", []).extend(a for a in entry.also if not _uses(glossary_text, a))
        names = [entry.term, *entry.also]
        hits = {address: sum(any(_uses(title, name) for name in names) for title in page_titles)
                for address, page_titles in titles.items() if address not in _NOT_TOPIC_PAGES}
        best = max(hits.values(), default=0)
        if best:
            top = next(address for address, count in hits.items() if count == best)  # first in site order on a tie
            found.setdefault(top, []).extend(entry.also)
    return found


def _pattern(term: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.I)


def _uses(text: str, term: str) -> bool:
    return bool(_pattern(term).search(text))


def _address(location: str) -> str:
    """'treatment/botulinum-toxin/#key-facts' -> '/treatment/botulinum-toxin/'; '' -> '/'."""
    page = location.split("#")[0].strip("/")
    return f"/{page}/" if page else "/"


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
