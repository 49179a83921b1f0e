"""The patient booklet (guide/booklet.py), read back as a reader and a screen reader would.

Built twice from the test build of the site, with the same command `make site`
runs. What is expected comes from the built site itself (each page's <h1> and
<link rel="canonical">) and from mkdocs.yml's menu, never from the booklet code.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from project import PYTHON, ROOT

MAX_A4_PAGES = 32
PAPERS = ("a4", "letter")
# The menu's pages for clinicians, which the booklet leaves out (issue 16), and the
# site's own furniture (our standards, the changelog), which stays on the web.
NOT_FOR_PATIENTS = ("clinicians.md", "handout.md", "standards.md", "changes.md")


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def build(site: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "guide.booklet", str(site), str(out)], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def booklets(built_site, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("booklet")
    result = build(built_site, out)
    assert result.returncode == 0, f"booklet build failed:\n{result.stdout}\n{result.stderr}"
    return {paper: out / f"synkinesis-guide-{paper}.pdf" for paper in PAPERS}


@pytest.fixture(scope="module")
def patient_pages(built_site) -> list[tuple[str, str]]:
    """(title, canonical address) of every patient page, in menu order, from the built site."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    srcs: list[str] = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            walk(value) if isinstance(value, list) else srcs.append(value)

    walk(config["nav"])
    pages = []
    for src in srcs:
        if src in NOT_FOR_PATIENTS:
            continue
        folder = re.sub(r"(^|/)index\.md$|\.md$", "", src)
        soup = BeautifulSoup((built_site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        title = " ".join(soup.find("article").find("h1").get_text(" ", strip=True).replace("¶", "").split())
        pages.append((title, soup.find("link", rel="canonical")["href"]))
    return pages


def texts(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def contents(pdf: Path) -> dict[str, int]:
    """{title: page number} as the contents page prints it ("Title . . . . 12")."""
    page = next(p.extract_text() for p in PdfReader(pdf).pages if (p.extract_text() or "").startswith("Contents"))
    lines = (re.fullmatch(r"(.*?[^. ])\s*(?:\.\s*){3,}(\d+)", " ".join(line.split())) for line in page.splitlines())
    return {match.group(1): int(match.group(2)) for match in lines if match}


@pytest.mark.parametrize("paper", PAPERS)
def test_both_papers_are_built_and_fit_the_page_budget(booklets, paper):
    count = len(PdfReader(booklets[paper]).pages)
    # The budget is for A4; US Letter is a little shorter, so it may take a sheet or two more.
    assert count <= MAX_A4_PAGES + (0 if paper == "a4" else 2), f"{paper}: {count} pages"


@pytest.mark.parametrize("paper", PAPERS)
def test_contents_lists_every_patient_page_where_it_really_starts(booklets, patient_pages, paper):
    listed = contents(booklets[paper])
    pages = texts(booklets[paper])
    assert list(listed)[: len(patient_pages)] == [title for title, _ in patient_pages], "contents: not the menu's pages in menu order"
    for title, url in patient_pages:
        # A page starts where its print header gives its own address, under its title.
        starts = [n for n, text in enumerate(pages, start=1) if starts_here(url, text)]
        assert len(starts) == 1, f"{url}: its header is on pages {starts}"
        assert title in pages[starts[0] - 1], f"{title!r} is not on page {starts[0]}"
        assert listed[title] == starts[0], f"contents says {title!r} is on page {listed[title]}, it starts on {starts[0]}"
    for src in NOT_FOR_PATIENTS:
        assert not any(f"/{src[:-3]}/" in text and "Read this page online" in text for text in pages), f"{src} is in the booklet"


def test_no_blank_page_and_a_footer_on_each(booklets):
    pages = texts(booklets["a4"])
    for number, text in enumerate(pages, start=1):
        assert len(text) > 40, f"page {number} is (almost) blank: {text!r}"
        if number > 1:
            assert f"Page {number} of {len(pages)}" in text and "synkinesis-guide.github.io/synkinesis" in text, f"page {number}: no footer"


def starts_here(url: str, text: str) -> bool:
    """The page's print header, with its own address (not a longer one that begins with it).
    A long address wraps after a slash (print.css), so a line break there is no break in it."""
    address = r"/\s*".join(re.escape(part) for part in url.split("/"))
    return re.search(rf"Read this page online: {address}(?!\s*[a-z0-9-]+/)(\s|$)", text) is not None


def qr_codes(pdf: Path, page: int) -> list[str]:
    png = subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"), reason="pdftoppm (poppler-utils) not installed")
def test_qr_codes_open_the_right_addresses(booklets, patient_pages):
    pdf = booklets["a4"]
    pages = texts(pdf)
    home = patient_pages[0][1]
    assert home in qr_codes(pdf, 1), "the cover's QR code does not open the site"
    for _title, url in patient_pages:
        start = next(n for n, text in enumerate(pages, start=1) if starts_here(url, text))
        assert qr_codes(pdf, start) == [url], f"page {start}: its QR code does not open {url}"


@pytest.mark.parametrize("paper", PAPERS)
def test_pdf_is_tagged_titled_and_in_english(booklets, paper):
    reader = PdfReader(booklets[paper])
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "en"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712  (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert reader.metadata.title and "Synkinesis Guide" in reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data(), "not marked as PDF/UA"


def test_citations_point_into_one_numbered_list(booklets):
    pages = texts(booklets["a4"])
    sources_page = next(n for n, text in enumerate(pages) if text.startswith("Sources") or " Sources The numbers" in text)
    cited = {int(n) for text in pages[:sources_page] for n in re.findall(r"\[(\d+)\]", text)}
    listed = " ".join(pages[sources_page:])
    assert cited, "no numbered citations in the text"
    for number in sorted(cited):
        assert re.search(rf"(^|\s){number}\.\s", listed), f"citation [{number}] has no entry in the list of sources"


def test_links_are_live(booklets):
    reader = PdfReader(booklets["a4"])
    uris = [annot.get_object().get("/A", {}).get("/URI") for page in reader.pages for annot in page.get("/Annots") or []]
    internal = [annot for page in reader.pages for annot in page.get("/Annots") or []
                if annot.get_object().get("/Dest") is not None or annot.get_object().get("/A", {}).get("/S") == "/GoTo"]
    assert any(uri and uri.startswith("https://") for uri in uris), "no web links in the PDF"
    assert internal, "no links inside the booklet (contents, citations)"


def test_two_builds_are_byte_identical(built_site, booklets, tmp_path):
    result = build(built_site, tmp_path)
    assert result.returncode == 0, result.stderr
    for paper, first in booklets.items():
        assert (tmp_path / first.name).read_bytes() == first.read_bytes(), f"{paper}: the second build differs"


def test_nothing_outside_the_project_is_fetched(built_site, tmp_path):
    # A page that points at another host must stop the build, not fetch it.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<h1", '<img src="https://example.org/tracker.png" alt="x"><h1', 1), encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert result.returncode != 0
    assert "https://example.org/tracker.png" in result.stderr
    assert not (tmp_path / "out" / "synkinesis-guide-a4.pdf").exists()


def test_no_heading_alone_at_the_foot_of_a_page(booklets, built_site):
    headings = set()
    for html in built_site.rglob("index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is not None:
            headings |= {" ".join(h.get_text(" ", strip=True).replace("¶", "").split()) for h in article.find_all(["h2", "h3"])}
    for paper, pdf in booklets.items():
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith("synkinesis-guide.github.io") and not re.fullmatch(r"Page \d+ of \d+", line)]
            assert not body or body[-1] not in headings, f"{paper}, page {number}: the heading {body[-1]!r} is alone at the foot"


@pytest.mark.content
def test_publishing_writes_each_size_into_the_pages_that_link_the_booklet(tmp_path):
    from guide import booklet

    site = tmp_path / "site"
    (site / "handout").mkdir(parents=True)
    (site / "handout" / "index.html").write_text(booklet.booklet_links("handout.md"), encoding="utf-8")
    written = {}
    for name, size in (("a4", 2048), ("letter", 3072)):
        pdf = tmp_path / f"synkinesis-guide-{name}.pdf"
        pdf.write_bytes(b"%" * size)
        written[name] = (pdf, 1)
    booklet.publish(written, site)
    page = (site / "handout" / "index.html").read_text(encoding="utf-8")
    assert "A4 paper (PDF" in page and ", 2 KB</span>" in page and ", 3 KB</span>" in page, page
    assert (site / "booklet" / "synkinesis-guide-a4.pdf").read_bytes() == b"%" * 2048
