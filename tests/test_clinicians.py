"""The clinicians' page and the handout: made from data/urls.yml, plain and printable.

(The copy buttons are checked in a real browser: tests/browser/test_copy_buttons.py;
the handout's single sheet in tests/browser/test_print.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guide import readability, urls
from project import ROOT

pytestmark = pytest.mark.content

CLINICIANS = "clinicians.md"
HANDOUT = "handout.md"


# Each edition's clinicians' page and handout list that edition's pages ("" English, "es/" Spanish).
EDITIONS = ("", "es/")


def edition_paths(folder: str, handout: bool = False) -> list[str]:
    """The edition's page addresses from data/urls.yml, in its order."""
    manifest = urls.load()
    return [entry.path for entry in manifest.pages if (handout is False or entry.handout)
            and (entry.path in manifest.translated) == bool(folder) and entry.path.startswith("/" + folder)]


def soup_of(site: Path, src: str) -> BeautifulSoup:
    page = site / urls.address(src).strip("/") / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_front_matter_like_every_page():
    for src in (CLINICIANS, HANDOUT):
        meta = urls.front_matter(ROOT / "docs" / src)
        assert meta["title"] and meta["description"] and meta["sources"], src


def test_addresses_are_generated_not_typed():
    # Every address on these pages comes from data/urls.yml through the template.
    base = urls.site_url()
    for src in (CLINICIANS, HANDOUT):
        text = (ROOT / "docs" / src).read_text(encoding="utf-8")
        assert base not in text and "https://" not in text, f"docs/{src}: type no address, use page_url() or site_pages"


@pytest.mark.parametrize("folder", EDITIONS)
def test_table_lists_every_page_with_its_address_and_code(built_site, folder):
    paths = edition_paths(folder)
    base = urls.site_url()
    page_dir = built_site / folder / "clinicians"
    rows = soup_of(built_site, folder + CLINICIANS).select(".sg-page-list tbody tr")
    assert len(rows) == len(paths), "one row per page of the edition in data/urls.yml"
    for row, path in zip(rows, paths):
        link, address, code = row.find_all("td")
        assert (page_dir / link.a["href"]).resolve() == (built_site / path.strip("/")).resolve(), path
        assert address.get_text(strip=True) == urls.full_url(base, path)
        # The QR code opens this edition's address (each edition keeps its codes in its own assets/).
        assert (page_dir / code.img["src"]).resolve() == (built_site / folder / urls.qr_uri(path[len(folder):])).resolve(), path


def test_referral_sentences_are_plain_text_with_real_addresses(built_site):
    soup = soup_of(built_site, CLINICIANS)
    known = {urls.full_url(urls.site_url(), path) for path in urls.load().paths}
    sentences = soup.select("[data-sg-copy] .sg-letter")
    assert len(sentences) >= 3
    for sentence in sentences:
        text = sentence.get_text()
        assert any(text.rstrip(".").endswith(address) or f"{address} " in text for address in known), text
        assert not sentence.find(["button", "abbr", "script"]), "selectable plain text, nothing inside"
    # The copy buttons come from an external file (the CSP allows no inline script).
    scripts = [script["src"] for script in soup.find_all("script", src=True)]
    assert any(src.endswith("assets/javascripts/copy.js") for src in scripts)
    assert (built_site / "assets" / "javascripts" / "copy.js").exists()
    assert not any("sg-copy" in (script.string or "") for script in soup.find_all("script", src=False))


@pytest.mark.parametrize("folder", EDITIONS)
def test_handout_lists_the_key_pages_with_codes(built_site, folder):
    key_pages = edition_paths(folder, handout=True)
    items = soup_of(built_site, folder + HANDOUT).select(".sg-handout-item")
    assert len(items) == len(key_pages) >= 5
    for item, path in zip(items, key_pages):
        assert urls.full_url(urls.site_url(), path) in item.get_text()
        assert ((built_site / folder / "handout" / item.img["src"]).resolve()
                == (built_site / folder / urls.qr_uri(path[len(folder):])).resolve())


def test_clinicians_link_to_the_handout(built_site):
    links = [a["href"] for a in soup_of(built_site, CLINICIANS).select("article a[href]")]
    assert "../handout/" in links


@pytest.mark.parametrize("src", [CLINICIANS, HANDOUT])
def test_plain_words(built_site, src):
    page = built_site / urls.address(src).strip("/") / "index.html"
    result = readability.measure(src, page.read_text(encoding="utf-8"))
    # The team's rule (BRIEF.md), stated here rather than read from guide/readability.py: grade 8 at most.
    assert result.grade <= 8, f"docs/{src}: grade {result.grade}; longest: {result.longest}"
