"""Patients' words into the built search index (finish; the words: guide/search.py).

The words go into the search index only, never into the pages: after the build,
each page's document in search/search_index.json gets one more field,
`patient_words`, and the index's config lists that field with a boost. Material's
worker indexes every field named in `config.fields` (not only title, text and
tags), but its result template shows only `title`, `text` and `tags`. So the
words are found but never shown: no odd text in the previews. (`tags` would be
indexed too, but Material draws tags as chips under each result.)

    add_to_index(site_dir, terms, glossary)    rewrite site/search/search_index.json

Light on purpose: finish imports it, and loads no data models. `glossary`: the
glossary's words, each with `term` and `also` (guide/terms.py's Word).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX = Path("search") / "search_index.json"

FIELD = "patient_words"
# Material gives a match in a title 1000 and in the text 1 (tags 1000000).
# Patients' words count as much as a title: a page whose title has the word
# still comes first, and a word in the text of many pages does not drown it.
BOOST = 1000.0

# Pages about the site, not about synkinesis: a glossary term named there (a list,
# a letter) is not explained there.
_NOT_TOPIC_PAGES = ("/glossary/", "/about/", "/clinicians/", "/handout/")


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
