"""The patient booklet (guide/booklet.py), read back as a reader and a screen reader would.

Built twice from the test build of the site, with the same command `make site`
runs. What is expected comes from the built site itself (each page's <h1> and
<link rel="canonical">), from each edition's menu (build/mkdocs.yml and
build/es/mkdocs.yml, which the build wrote) and from the words below, never from
the booklet code. Each edition (English, Spanish) is checked the same way.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from project import PYTHON, ROOT

PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Edition:
    """What one edition's booklet must be and say (written here, not read from guide/words.py)."""

    folder: str          # its site: site/ or site/es/
    file: str            # its PDFs' names
    max_a4_pages: int    # the sheet budget on A4; US Letter may take two more
    contents: str        # the contents page's heading
    online: str          # a page's print header: "Read this page online: ADDRESS"
    sources: str         # how the list of sources begins
    footer: str          # "Page 3 of 32"
    footer_line: str     # the same, as a pattern for any page
    title: str           # the site's name, in the PDF's title

    @property
    def address(self) -> str:   # the footer's site address
        return "synkinesis-guide.github.io/synkinesis" + (f"/{self.folder}" if self.folder else "")


EDITIONS = {
    # English: 32 A4 sheets when the budget was set (standards and changelog stay on the web).
    "en": Edition("", "synkinesis-guide-{paper}.pdf", 32, "Contents", "Read this page online:",
                  "Sources The numbers", "Page {n} of {total}", r"Page \d+ of \d+", "Synkinesis Guide"),
    # Spanish text runs about a tenth longer: 35 A4 and 36 Letter sheets when the Spanish
    # booklet was first built (English 32 and 34). As for English, the budget is that length:
    # a longer booklet is a decision (trim or raise it here), not an accident.
    "es": Edition("es", "guia-sincinesia-{paper}.pdf", 35, "Contenido", "Lea esta página en internet:",
                  "Fuentes Los números", "Página {n} de {total}", r"Página \d+ de \d+", "Guía de la sincinesia"),
}
BOOKLETS = [(code, paper) for code in EDITIONS for paper in PAPERS]
# The menu's pages for clinicians, which the booklet leaves out (issue 16), and the
# site's own furniture (our standards, the changelog), which stays on the web.
NOT_FOR_PATIENTS = ("clinicians.md", "handout.md", "standards.md", "changes.md")


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def build(site: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "guide.booklet", str(site), str(out), *options], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def booklets(built_site, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """{(language, paper): PDF} from one run of the command `make site` runs."""
    out = tmp_path_factory.mktemp("booklet")
    result = build(built_site, out)
    assert result.returncode == 0, f"booklet build failed:\n{result.stdout}\n{result.stderr}"
    found = {(code, paper): out / EDITIONS[code].file.format(paper=paper) for code, paper in BOOKLETS}
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(p.name for p in found.values())
    return found


@pytest.fixture(scope="module")
def published(built_site, tmp_path_factory) -> tuple[Path, Path]:
    """(site, out) of a second run, with --publish, on a copy of the built site."""
    site = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(built_site, site)
    out = site.parent / "out"
    result = build(site, out, "--publish")
    assert result.returncode == 0, f"booklet build failed:\n{result.stdout}\n{result.stderr}"
    return site, out


@pytest.fixture(scope="module")
def all_patient_pages(built_site) -> dict[str, list[tuple[str, str]]]:
    return {code: patient_pages_of(built_site, code) for code in EDITIONS}


def patient_pages_of(built_site: Path, code: str) -> list[tuple[str, str]]:
    """(title, canonical address) of every patient page of an edition, in the order of its
    own menu (the generator's config the build wrote), from its built site."""
    edition = EDITIONS[code]
    from guide.build import build_dir  # where the build step wrote that config: not build/ for a test's site

    config_file = build_dir(built_site) / edition.folder / "mkdocs.yml"
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTag)
    site = built_site / edition.folder
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
        soup = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        title = " ".join(soup.find("article").find("h1").get_text(" ", strip=True).replace("¶", "").split())
        pages.append((title, soup.find("link", rel="canonical")["href"]))
    return pages


def texts(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def contents(pdf: Path, heading: str) -> dict[str, int]:
    """{title: page number} as the contents page prints it ("Title . . . . 12")."""
    page = next(p.extract_text() for p in PdfReader(pdf).pages if (p.extract_text() or "").startswith(heading))
    lines = (re.fullmatch(r"(.*?[^. ])\s*(?:\.\s*){3,}(\d+)", " ".join(line.split())) for line in page.splitlines())
    return {match.group(1): int(match.group(2)) for match in lines if match}


@pytest.mark.parametrize("code, paper", BOOKLETS)
def test_both_papers_are_built_and_fit_the_page_budget(booklets, code, paper):
    count = len(PdfReader(booklets[code, paper]).pages)
    # The budget is for A4; US Letter is a little shorter, so it may take a sheet or two more.
    assert count <= EDITIONS[code].max_a4_pages + (0 if paper == "a4" else 2), f"{code}, {paper}: {count} pages"


@pytest.mark.parametrize("code, paper", BOOKLETS)
def test_the_cover_says_when_to_get_urgent_help(booklets, code, paper):
    # The box every page shows (data/safety.yml; for Spanish, data/translations/es.yml):
    # a printed booklet is kept for years, so its cover says which numbers to call.
    cover = texts(booklets[code, paper])[0]
    if code == "en":
        title = yaml.safe_load((ROOT / "data" / "safety.yml").read_text(encoding="utf-8"))["urgent"]["title"]
    else:
        title = yaml.safe_load((ROOT / "data" / "translations" / "es.yml").read_text(encoding="utf-8"))["safety"]["urgent.title"]
    assert title in cover and "999" in cover and "911" in cover, cover


@pytest.mark.parametrize("code, paper", BOOKLETS)
def test_contents_lists_every_patient_page_where_it_really_starts(booklets, all_patient_pages, code, paper):
    edition, patient_pages = EDITIONS[code], all_patient_pages[code]
    listed = contents(booklets[code, paper], edition.contents)
    pages = texts(booklets[code, paper])
    assert list(listed)[: len(patient_pages)] == [title for title, _ in patient_pages], "contents: not the menu's pages in menu order"
    for title, url in patient_pages:
        # A page starts where its print header gives its own address, under its title.
        starts = [n for n, text in enumerate(pages, start=1) if starts_here(url, text, edition.online)]
        assert len(starts) == 1, f"{url}: its header is on pages {starts}"
        assert title in pages[starts[0] - 1], f"{title!r} is not on page {starts[0]}"
        assert listed[title] == starts[0], f"contents says {title!r} is on page {listed[title]}, it starts on {starts[0]}"
    for src in NOT_FOR_PATIENTS:
        assert not any(f"/{src[:-3]}/" in text and edition.online in text for text in pages), f"{src} is in the booklet"


@pytest.mark.parametrize("code", EDITIONS)
def test_no_blank_page_and_a_footer_on_each(booklets, code):
    edition = EDITIONS[code]
    pages = texts(booklets[code, "a4"])
    for number, text in enumerate(pages, start=1):
        assert len(text) > 40, f"page {number} is (almost) blank: {text!r}"
        if number > 1:
            footer = edition.footer.format(n=number, total=len(pages))
            assert footer in text and f"{edition.address} {footer}" in text, f"{code}, page {number}: no footer"


def starts_here(url: str, text: str, online: str) -> bool:
    """The page's print header, with its own address (not a longer one that begins with it).
    A long address wraps after a slash (print.css), so a line break there is no break in it."""
    address = r"/\s*".join(re.escape(part) for part in url.split("/"))
    return re.search(rf"{re.escape(online)} {address}(?!\s*[a-z0-9-]+/)(\s|$)", text) is not None


def qr_codes(pdf: Path, page: int) -> list[str]:
    png = subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"), reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("code", EDITIONS)
def test_qr_codes_open_the_right_addresses(booklets, all_patient_pages, code):
    pdf, patient_pages = booklets[code, "a4"], all_patient_pages[code]
    pages = texts(pdf)
    home = patient_pages[0][1]
    assert home in qr_codes(pdf, 1), "the cover's QR code does not open the site"
    for _title, url in patient_pages:
        start = next(n for n, text in enumerate(pages, start=1) if starts_here(url, text, EDITIONS[code].online))
        assert qr_codes(pdf, start) == [url], f"page {start}: its QR code does not open {url}"


@pytest.mark.parametrize("code, paper", BOOKLETS)
def test_pdf_is_tagged_titled_and_in_its_language(booklets, code, paper):
    reader = PdfReader(booklets[code, paper])
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == code
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712  (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert reader.metadata.title and EDITIONS[code].title in reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data(), "not marked as PDF/UA"


@pytest.mark.parametrize("code", EDITIONS)
def test_citations_point_into_one_numbered_list(booklets, code):
    pages = texts(booklets[code, "a4"])
    start = EDITIONS[code].sources
    sources_page = next(n for n, text in enumerate(pages) if text.startswith(start) or f" {start}" in text)
    cited = {int(n) for text in pages[:sources_page] for n in re.findall(r"\[(\d+)\]", text)}
    listed = " ".join(pages[sources_page:])
    assert cited, "no numbered citations in the text"
    for number in sorted(cited):
        assert re.search(rf"(^|\s){number}\.\s", listed), f"citation [{number}] has no entry in the list of sources"


@pytest.mark.parametrize("code", EDITIONS)
def test_links_are_live(booklets, code):
    reader = PdfReader(booklets[code, "a4"])
    uris = [annot.get_object().get("/A", {}).get("/URI") for page in reader.pages for annot in page.get("/Annots") or []]
    internal = [annot for page in reader.pages for annot in page.get("/Annots") or []
                if annot.get_object().get("/Dest") is not None or annot.get_object().get("/A", {}).get("/S") == "/GoTo"]
    assert any(uri and uri.startswith("https://") for uri in uris), "no web links in the PDF"
    assert internal, "no links inside the booklet (contents, citations)"


def test_two_builds_are_byte_identical(booklets, published):
    _site, second = published
    for (code, paper), first in booklets.items():
        assert (second / first.name).read_bytes() == first.read_bytes(), f"{code}, {paper}: the second build differs"


@pytest.mark.parametrize("code", EDITIONS)
def test_each_edition_links_its_own_booklet(booklets, published, code):
    """`{{ booklet_links() }}` on the handout and the clinicians' page: after --publish, each
    link opens that edition's PDF (in its language) in its own site, with its size."""
    site, _out = published
    edition = EDITIONS[code]
    for page in ("handout", "clinicians"):
        html = site / edition.folder / page / "index.html"
        links = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select(".sg-booklet-links a")
        assert len(links) == len(PAPERS), f"{html}: {len(links)} booklet links"
        for link, paper in zip(links, PAPERS):
            target = (html.parent / link["href"]).resolve()
            assert target == (site / edition.folder / "booklet" / edition.file.format(paper=paper)).resolve(), link["href"]
            assert target.read_bytes() == booklets[code, paper].read_bytes(), f"{link['href']}: not the {code} booklet"
            assert f"{round(target.stat().st_size / 1024)} KB" in link.get_text(), link.get_text()
    if code == "es":
        # Spanish labels: no English words around the Spanish links.
        text = BeautifulSoup((site / "es" / "handout" / "index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one(".sg-booklet-links").get_text(" ")
        assert "papel" in text and not re.search(r"\b(paper|whole|guide|print)\b", text), text


@pytest.mark.parametrize("code", EDITIONS)
def test_nothing_outside_the_project_is_fetched(built_site, tmp_path, code):
    # A page of either edition that points at another host must stop the build, not fetch it,
    # and leave no PDF of any edition.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / EDITIONS[code].folder / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<h1", '<img src="https://example.org/tracker.png" alt="x"><h1', 1), encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert result.returncode != 0
    assert "https://example.org/tracker.png" in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_no_heading_alone_at_the_foot_of_a_page(booklets, built_site):
    headings = set()
    for html in built_site.rglob("index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is not None:
            headings |= {" ".join(h.get_text(" ", strip=True).replace("¶", "").split()) for h in article.find_all(["h2", "h3"])}
    for (code, paper), pdf in booklets.items():
        footer = EDITIONS[code].footer_line
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith("synkinesis-guide.github.io") and not re.fullmatch(footer, line)]
            assert not body or body[-1] not in headings, f"{code}, {paper}, page {number}: the heading {body[-1]!r} is alone at the foot"


@pytest.mark.content
def test_publishing_writes_each_size_into_the_pages_that_link_the_booklet(tmp_path):
    from guide import booklet

    site = tmp_path / "site"
    written = {}
    for code, sizes in (("en", (2048, 3072)), ("es", (5120, 6144))):
        edition = EDITIONS[code]
        page = site / edition.folder / "handout" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(booklet.booklet_links(f"{edition.folder}/handout.md".lstrip("/")), encoding="utf-8")
        for paper, size in zip(PAPERS, sizes):
            pdf = tmp_path / edition.file.format(paper=paper)
            pdf.write_bytes(b"%" * size)
            written.setdefault(code, {})[paper] = (pdf, 1)
    booklet.publish(written, site)
    english = (site / "handout" / "index.html").read_text(encoding="utf-8")
    assert "A4 paper (PDF" in english and ", 2 KB</span>" in english and ", 3 KB</span>" in english, english
    spanish = (site / "es" / "handout" / "index.html").read_text(encoding="utf-8")
    assert "papel A4 (PDF" in spanish and ", 5 KB</span>" in spanish and ", 6 KB</span>" in spanish, spanish
    assert 'href="../booklet/guia-sincinesia-a4.pdf"' in spanish, spanish
    assert (site / "booklet" / "synkinesis-guide-a4.pdf").read_bytes() == b"%" * 2048
    assert (site / "es" / "booklet" / "guia-sincinesia-letter.pdf").read_bytes() == b"%" * 6144
    assert not (site / "booklet" / "guia-sincinesia-a4.pdf").exists()
