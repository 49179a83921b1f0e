"""Glossary words in a page: the first use of each word explains it, on any device.

The `abbr` Markdown extension wraps every use of a glossary word in
`<abbr title="definition">` (guide/pages.py appends the words). A title shows
only when a mouse hovers over it, so this step rewrites the page's HTML:

- the first use of each word in the text becomes a link to the word's entry on
  the Glossary page, carrying the definition in `data-sg-definition`. Without
  JavaScript the link works as it is: tap it and read the entry.
- javascripts/glossary.js turns each such link into a button that shows the
  definition under the word (tap, click, Enter or Space; Escape closes), with
  the glossary link inside the definition.
- every later use, and any use where a button or link cannot go (headings,
  inside another link, the titles in a bibliography), is plain text: a marked
  word on every line is clutter, not help. A word in a <dt> is being defined
  right there (the Glossary page): it and its later uses stay plain.

The definitions themselves live only in data/glossary.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r'<abbr title="(?P<definition>[^"]*)">(?P<word>.*?)</abbr>'
    r"|<(?P<close>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b(?P<attrs>[^>]*)>",
    re.S,
)
# Elements a button or link may not sit in, or where a definition is not wanted
# (a heading, the word being defined, a control's label).
NO_TERMS = frozenset({"a", "button", "label", "summary", "dt", "select", "option", "textarea",
                      "h1", "h2", "h3", "h4", "h5", "h6"})
# Blocks of references: a word in a paper's title is not the reader's first meeting with it.
NO_TERMS_CLASSES = ("sg-bibliography",)
_CLASS = re.compile(r"""\bclass=["']([^"']*)["']""")


@dataclass(frozen=True)
class Word:
    """A glossary word as finish needs it (prepare hands it over from data/glossary.yml, checked)."""

    term: str
    anchor: str                  # its id on the Glossary page
    spellings: tuple[str, ...]   # every form the abbr extension matches
    also: tuple[str, ...]        # other spellings patients use (the search index)

    @classmethod
    def of(cls, entry) -> Word:
        """From guide/data.py's Term (or anything with the same attributes)."""
        return cls(entry.term, entry.anchor, tuple(entry.spellings), tuple(entry.also))


def glossary_terms(html: str, glossary, glossary_href: str) -> str:
    """The page's HTML with each glossary word's first use linked and defined (see the module).

    `glossary`: the entries of data/glossary.yml; `glossary_href`: the Glossary
    page's address relative to this page ("../glossary/"; "" on the glossary itself).
    """
    entries = {spelling: entry for entry in glossary for spelling in entry.spellings}
    entries_lower = {spelling.lower(): entry for spelling, entry in entries.items()}
    explained: set[str] = set()
    inside: dict[str, int] = {}   # excluded element name -> how many are open
    blocks: list[tuple[str, int]] = []  # (element, depth) of open excluded-by-class blocks
    depth: dict[str, int] = {}

    def term(match: re.Match) -> str:
        word = match["word"]
        entry = entries.get(word) or entries_lower.get(word.lower())
        if entry is not None and inside.get("dt"):
            explained.add(entry.anchor)  # the word being defined: its definition follows
        if entry is None or entry.anchor in explained or any(inside.values()) or blocks:
            return word
        explained.add(entry.anchor)
        return (f'<a class="sg-term" href="{glossary_href}#{entry.anchor}" '
                f'data-sg-definition="{match["definition"]}">{word}</a>')

    def tag(match: re.Match) -> str:
        name = match["tag"].lower()
        if match["close"]:
            if name in inside and inside[name] > 0:
                inside[name] -= 1
            if blocks and blocks[-1] == (name, depth.get(name, 0)):
                blocks.pop()
            depth[name] = depth.get(name, 0) - 1
            return match.group(0)
        if match["attrs"].rstrip().endswith("/"):
            return match.group(0)
        depth[name] = depth.get(name, 0) + 1
        if name in NO_TERMS:
            inside[name] = inside.get(name, 0) + 1
        classes = _CLASS.search(match["attrs"])
        if classes and any(c in classes.group(1).split() for c in NO_TERMS_CLASSES):
            blocks.append((name, depth[name]))
        return match.group(0)

    return _TOKEN.sub(lambda m: term(m) if m["word"] is not None else tag(m), html)
