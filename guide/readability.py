"""Readability of each built page: Flesch-Kincaid grade of the article's prose;
for a Spanish page, Fernández-Huerta and Szigriszt-Pazos (INFLESZ) reading ease.

Prose is what a patient reads as sentences: paragraphs and list items of the
article, not headings, tables, figures, code, the Sources list or the review
dates. Measured with textstat 0.7.8 (newer versions need the internet).

    python -m guide.readability [site/]      # a table of every page
"""

from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

MAX_GRADE = 8.0
MAX_MEDIAN_GRADE = 6.0
# Spanish pages (issue 15): reading ease, higher is easier. 70 and up is "fairly
# easy" on the Fernández-Huerta scale, what a reading age of 9 to 11 needs.
MIN_EASE_ES = 70.0
MIN_MEDIAN_EASE_ES = 75.0
LONG_SENTENCE_WORDS = 20

# Parts of the article that are not running prose.
SKIP = "table, figure, pre, code, .sg-sources, .sg-review, .sg-print-header, .headerlink, .md-source-file, .admonition-title, .sg-no-readability, script, style, noscript, form"


@dataclass(frozen=True)
class PageReadability:
    src: str          # docs/ path of the page
    grade: float
    words: int
    sentences: int
    longest: str      # the longest sentence, to show an editor what to split
    long_share: float  # share of sentences over LONG_SENTENCE_WORDS words
    language: str = "en"
    ease: float | None = None     # Spanish: Fernández-Huerta reading ease
    inflesz: float | None = None  # Spanish: Szigriszt-Pazos (INFLESZ)


def prose(html: str) -> list[str]:
    """The article's paragraphs and list items as plain text, each ending a sentence."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for element in article.select(SKIP):
        element.decompose()
    blocks = []
    for element in article.find_all(["p", "li", "dd"]):
        if element.name in ("li", "dd") and element.find("p"):
            continue  # its <p> children are counted on their own
        own = element
        if element.name == "li":
            own = BeautifulSoup(str(element), "html.parser").li
            for nested in own.find_all(["ul", "ol"]):
                nested.decompose()
        text = " ".join(own.get_text(" ").split())
        if not text:
            continue
        if not re.search(r"[.!?:;]$", text):
            text += "."
        blocks.append(text)
    return blocks


def sentences(blocks: list[str]) -> list[str]:
    found = []
    for block in blocks:
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÜÑ0-9\"'(¿¡])", block) if s.strip()]
    return found


def measure(src: str, html: str, language: str = "en") -> PageReadability:
    import textstat

    blocks = prose(html)
    text = " ".join(blocks)
    found = sentences(blocks)
    lengths = [len(s.split()) for s in found]
    longest = max(found, key=lambda s: len(s.split()), default="")
    ease = inflesz = None
    grade = round(textstat.flesch_kincaid_grade(text), 1) if text else 0.0
    if language == "es" and text:
        textstat.set_lang("es")   # textstat keeps the language globally: set it back at once
        try:
            ease, inflesz = round(textstat.fernandez_huerta(text), 1), round(textstat.szigriszt_pazos(text), 1)
        finally:
            textstat.set_lang("en_US")
    return PageReadability(
        src=src,
        grade=grade,
        words=len(text.split()),
        sentences=len(found),
        longest=longest,
        long_share=round(sum(n > LONG_SENTENCE_WORDS for n in lengths) / len(lengths), 2) if lengths else 0.0,
        language=language,
        ease=ease,
        inflesz=inflesz,
    )


def language_of(src: str) -> str:
    """'es' for a page under docs/es/ (guide/languages.py), else 'en'."""
    return "es" if src.startswith("es/") else "en"


def report(site_dir: Path, docs_dir: Path) -> list[PageReadability]:
    results = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        src = _source_for(rel, docs_dir)
        if src is None:
            continue  # a redirect page or search: not an article
        results.append(measure(src, html.read_text(encoding="utf-8"), language_of(src)))
    return results


def _source_for(rel: str, docs_dir: Path) -> str | None:
    candidates = ["index.md"] if rel == "." else [f"{rel}.md", f"{rel}/index.md"]
    for candidate in candidates:
        if (docs_dir / candidate).exists():
            return candidate
    return None


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    site_dir = Path(argv[0]) if argv else root / "site"
    results = report(site_dir, root / "docs")
    english = [r for r in results if r.language == "en"]
    spanish = [r for r in results if r.language == "es"]
    print(f"{'page':42} {'grade':>5} {'words':>6} {'>20w':>5}  longest sentence")
    for r in english:
        flag = " !" if r.grade > MAX_GRADE else ""
        print(f"{r.src:42} {r.grade:5.1f} {r.words:6d} {r.long_share:5.0%}  {r.longest[:90]}{flag}")
    if english:
        print(f"median grade: {statistics.median(r.grade for r in english):.1f} (limit {MAX_MEDIAN_GRADE}); "
              f"highest: {max(r.grade for r in english):.1f} (limit {MAX_GRADE})")
    if spanish:
        print(f"\n{'Spanish page':42} {'F-H':>5} {'INFLESZ':>7} {'words':>6}  longest sentence")
        for r in spanish:
            flag = " !" if r.ease < MIN_EASE_ES else ""
            print(f"{r.src:42} {r.ease:5.1f} {r.inflesz:7.1f} {r.words:6d}  {r.longest[:80]}{flag}")
        print(f"median Fernández-Huerta: {statistics.median(r.ease for r in spanish):.1f} (at least {MIN_MEDIAN_EASE_ES:g}); "
              f"lowest: {min(r.ease for r in spanish):.1f} (at least {MIN_EASE_ES:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
