"""The Spanish edition (issue 15): every page in both languages, the same facts, and
readers can move between them.

Rules stated in the issue, checked against the built site and docs/ (never
against the code that makes them): each English page has a Spanish page under
/es/ and back; the numbers on a Spanish page are those of its English page;
`lang="es"` on Spanish pages; a switcher and hreflang alternates both ways.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from project import ROOT

from guide import prepare
from guide.languages import Language

SPANISH = "es"
DOCS = ROOT / "docs"
EDITIONS = [Language("en", "English"), Language("es", "Español", folder="es")]
# Parts of an article whose numbers are not the page's facts: dates of the build or of
# a review (the same dates, but the changelog lists a different set of commits per language),
# and the timeline tool's form, whose Spanish hint shows how to type a date (15/03/2025).
NOT_FACTS = ".sg-changes, .md-source-file, .sg-review, .headerlink, .sg-print-header, form"
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def english_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if not p.relative_to(DOCS).as_posix().startswith("es/"))


@pytest.mark.content
def test_spanish_is_an_edition_in_mkdocs_yml():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    codes = [entry["code"] for entry in config["extra"]["languages"]]
    assert codes == ["en", SPANISH]


@pytest.mark.content
def test_every_english_page_has_a_spanish_page_and_back():
    assert prepare.counterparts(EDITIONS, sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))) == []
    for src in english_pages():
        assert (DOCS / SPANISH / src).is_file(), f"docs/es/{src} is missing"


@pytest.mark.content
def test_a_missing_or_extra_spanish_page_is_named():
    srcs = [*english_pages(), *(f"es/{src}" for src in english_pages() if src != "glossary.md"), "es/only-in-spanish.md"]
    problems = prepare.counterparts(EDITIONS, srcs)
    assert problems == [
        "docs/es/glossary.md:1: missing: every page needs its translation here (Español): translate docs/glossary.md",
        "docs/es/only-in-spanish.md:1: there is no English page docs/only-in-spanish.md: remove this page or rename it "
        "to match its English page",
    ]


def _article(site: Path, path: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup


def _page_paths(site: Path) -> list[str]:
    """'' for the home page, 'treatment/' and so on: every English page (not redirects)."""
    return sorted(html.relative_to(site).as_posix()[: -len("index.html")] for html in site.rglob("index.html")
                  if not html.relative_to(site).as_posix().startswith(("es/", "search/"))
                  and "http-equiv=\"refresh\"" not in html.read_text(encoding="utf-8"))


def test_numbers_on_each_spanish_page_equal_its_english_page(built_site):
    differences = []
    for path in _page_paths(built_site):
        counts = {}
        for edition, where in (("en", path), ("es", f"es/{path}")):
            article = _article(built_site, where).select_one("article")
            for part in article.select(NOT_FACTS):
                part.decompose()
            counts[edition] = Counter(n.replace(",", ".") for n in NUMBER.findall(article.get_text(" ")))
        if counts["en"] != counts["es"]:
            only_en, only_es = counts["en"] - counts["es"], counts["es"] - counts["en"]
            differences.append(f"/{path}: only in English {dict(only_en)}, only in Spanish {dict(only_es)}")
    assert not differences, "numbers differ between the editions:\n" + "\n".join(differences)


def test_lang_switcher_and_alternates_both_ways(built_site):
    base = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)["site_url"]
    sitemaps = {folder: BeautifulSoup((built_site / folder / "sitemap.xml").read_text(encoding="utf-8"), "html.parser")
                for folder in ("", "es/")}
    for path in _page_paths(built_site):
        spanish = f"es/{path}"
        for here, lang, other, other_lang, folder in ((path, "en", spanish, "es", ""), (spanish, "es", path, "en", "es/")):
            soup = _article(built_site, here)
            assert soup.html["lang"] == lang, f"/{here}: <html lang> is {soup.html.get('lang')}"
            # hreflang alternates, both ways, in each edition's sitemap
            entry = next(url for url in sitemaps[folder].find_all("url") if url.loc.get_text() == base + here)
            alternates = {link["hreflang"]: link["href"] for link in entry.find_all("xhtml:link")}
            assert alternates == {"en": base + path, "x-default": base + path, "es": base + spanish}, f"/{here}: {alternates}"
            switch = soup.select_one(f'.sg-languages a[hreflang="{other_lang}"]')
            assert switch is not None and switch.get("lang") == other_lang, f"/{here}: no link to the {other_lang} page"
            target = (built_site / here / switch["href"]).resolve()
            assert target == (built_site / other).resolve(), f"/{here}: the switcher leads to {switch['href']}"
            assert (target / "index.html").is_file()


def test_spanish_pages_say_they_are_a_translation_and_whether_it_was_reviewed(built_site):
    for path in _page_paths(built_site):
        review = _article(built_site, f"es/{path}").select_one("article .sg-review")
        text = " ".join(review.get_text(" ").split())
        assert "traducción" in text.lower(), f"/es/{path}: {text}"
        assert review["data-review"] != "never" or "Traducción aún no revisada" in text, f"/es/{path}: {text}"
