"""The patient booklet: every patient page of the built site as one printable PDF.

Clinics hand patients something to take home. This step runs after `mkdocs
build`, on the pages it wrote to site/, so the booklet says exactly what the
site says: same text, figures, addresses, QR codes and review status.

    python -m guide.booklet site/ build/booklet/            # every edition's PDFs (A4, US Letter)
    python -m guide.booklet site/ build/booklet/ --publish  # and put them in site/booklet/, site/es/booklet/

Each edition (mkdocs.yml `extra: languages:`, guide/languages.py) gets its own
booklet from its own site (site/, site/es/), with the same pages in the same
menu order, and its fixed words (cover, contents, footer, file names) from
guide/words.py: synkinesis-guide-a4.pdf, guia-sincinesia-a4.pdf, ...

The booklet is one HTML document (cover, contents, one section per page in
menu order, one numbered list of sources) laid out by WeasyPrint with
overrides/booklet/booklet.css. WeasyPrint may read only files under site/ and
build/ (`LocalOnlyFetcher`): no request leaves the machine. Dates come from
SOURCE_DATE_EPOCH or the last commit, so the same inputs give the same bytes.

Not an MkDocs plugin: it reads finished HTML, so it would work unchanged with
another generator that keeps the same page elements (the selectors below).
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from guide import ROOT, languages, urls
from guide.config import MKDOCS_YML, parse_config
from guide.words import words

CSS_FILE = ROOT / "overrides" / "booklet" / "booklet.css"
# The site's own stylesheets come first, so the booklet looks like a printed page.
SITE_CSS = ("assets/stylesheets/site.css", "assets/stylesheets/print.css")
OUT_DIR = ROOT / "build" / "booklet"
PUBLISH_FOLDER = "booklet"           # site/booklet/*.pdf, site/es/booklet/*.pdf
SIZES = {"a4": "A4", "letter": "letter"}
# Pages for clinicians, not patients; the handout only points to pages the booklet has;
# the site's own furniture (our standards, the changelog) stays on the web.
NOT_IN_BOOKLET = ("clinicians.md", "handout.md", "standards.md", "changes.md")
# Tagged PDF for screen readers (PDF/UA-1). pdf_tags is spelled out: WeasyPrint's
# variant fills in only options left at None, and pdf_tags defaults to False.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

# What the booklet takes from a built page (Material's layout and our partials).
ARTICLE = "md-content__inner"        # <article> with the page's text
PRINT_HEADER = "sg-print-header"     # address, QR code and review line for paper
REVIEW = "sg-review"                 # the review status, as the page shows it
SOURCES = "sg-sources"               # the page's numbered sources
URGENT = "sg-urgent"                 # the urgent-help box, if pages have one
URGENT_FALLBACK = "danger"           # else: Home's stroke warning (an admonition "danger")
# Screen-only parts, and the per-page lists the booklet's own bibliography replaces.
DROP_CLASSES = ("md-content__button", "headerlink", "sg-timeline", "sg-tl-all", "sg-copy-button",
                "sg-copy-status", SOURCES, REVIEW, "sg-booklet-links", URGENT)
# The About page's list of every source: in the booklet, the list at its end.
FULL_SOURCE_LIST = "sg-bibliography"
DROP_TAGS = ("script", "form", "noscript", "style", "button")


class BookletError(Exception):
    """A problem that stops the booklet, as one line naming what and where to fix."""


@dataclass
class Page:
    src: str             # "treatment/index.md"
    path: str            # "/treatment/"
    anchor: str          # "p-treatment": the id of the page's section in the booklet
    title: str           # the page's <h1>
    depth: int           # 0 for top-level menu entries, 1 inside a menu section
    header: ET.Element | None
    article: ET.Element
    review: str
    sources: list[ET.Element]
    urgent: ET.Element | None = None   # the urgent-help box above the article (overrides/partials/urgent-help.html)


@dataclass(frozen=True)
class Edition:
    """One language's booklet: its site, its settings and its words."""

    code: str            # "es"
    folder: str          # "es": its site is SITE/es/ and its PDFs go to SITE/es/booklet/ ("" for English)
    config: dict         # mkdocs.yml with this edition's site_name, site_description, copyright, site_url, language

    @property
    def words(self) -> dict[str, str]:
        return words(self.code)

    def file_name(self, size: str) -> str:
        return self.words["booklet_file"].format(size=size)

    def site(self, site_dir: Path) -> Path:
        return site_dir / self.folder if self.folder else site_dir


def read_config(config_file: Path = MKDOCS_YML) -> dict:
    return parse_config(config_file.read_text(encoding="utf-8"))


def editions(config: dict | None = None) -> list[Edition]:
    """Every edition in mkdocs.yml, with its settings as its own site has them (guide/prepare.py)."""
    config = read_config() if config is None else config
    found = []
    for language in languages.load(config):
        settings = {**config, **language.site}
        settings.setdefault("language", (config.get("theme") or {}).get("language", "en"))
        if language.folder:
            settings["site_url"] = urls.full_url(config.get("site_url") or "", f"/{language.folder}/")
            settings["language"] = language.code
        found.append(Edition(language.code, language.folder, settings))
    return found


# --- reading the built site --------------------------------------------------------------


def menu_pages(config_file: Path = MKDOCS_YML) -> list[tuple[str, int]]:
    """(docs path, depth) of every page in the menu (mkdocs.yml nav), in menu order. Every
    edition's menu has the same pages in the same order (guide/prepare.py's edition_nav)."""
    config = read_config(config_file)
    found: list[tuple[str, int]] = []

    def walk(items, depth):
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value, depth + 1)
            elif isinstance(value, str) and value.endswith(".md"):
                found.append((value, depth))

    walk(config.get("nav"), 0)
    return found


def parse(path: Path) -> ET.Element:
    import tinyhtml5  # WeasyPrint's own HTML parser: no extra dependency

    return tinyhtml5.parse(path.read_bytes(), namespace_html_elements=False)


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def find_class(root: ET.Element, name: str) -> ET.Element | None:
    return next((el for el in root.iter() if name in classes(el)), None)


def text_of(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def read_page(site_dir: Path, src: str, depth: int, folder: str = "") -> Page:
    path = urls.address(src)
    file = site_dir / path.lstrip("/") / "index.html"
    if not file.is_file():
        docs = f"docs/{folder}/{src}" if folder else f"docs/{src}"
        raise BookletError(f"{file}: no such page in the built site: run `make site` first (the menu lists {docs})")
    root = parse(file)
    article = next((el for el in root.iter("article") if ARTICLE in classes(el)), None)
    h1 = article.find(".//h1") if article is not None else None
    if h1 is None:
        raise BookletError(f"{file}: no <article class=\"{ARTICLE}\"> with an <h1>: the booklet cannot find the page's text")
    for link in h1.findall(".//a"):
        if "headerlink" in classes(link):
            _remove(h1, link)
    source_list = find_class(article, SOURCES)
    sources = [li for li in source_list.iter("li") if (li.get("id") or "").startswith("source-")] if source_list is not None else []
    return Page(src=src, path=path, anchor=page_anchor(path), title=text_of(h1), depth=depth,
                header=find_class(root, PRINT_HEADER), article=article, review=text_of(find_class(root, REVIEW)),
                sources=sources, urgent=find_class(root, URGENT))


def page_anchor(path: str) -> str:
    """'/treatment/retraining/' -> 'p-treatment-retraining'; '/' -> 'p-home'."""
    return "p-" + (path.strip("/").replace("/", "-") or "home")


def read_site(site_dir: Path, folder: str = "") -> list[Page]:
    """The booklet's pages of one edition's site, in menu order (`folder`: "es" for site/es/)."""
    return [read_page(site_dir, src, depth, folder) for src, depth in menu_pages() if src not in NOT_IN_BOOKLET]


# --- making the booklet's HTML -----------------------------------------------------------


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _remove(parent: ET.Element, child: ET.Element) -> None:
    # Keep the text that follows the removed element (ElementTree stores it on the element).
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def drop(root: ET.Element, test) -> list[ET.Element]:
    parents = _parents(root)
    removed = [el for el in root.iter() if el is not root and test(el)]
    for el in removed:
        parent = parents.get(el)
        if parent is not None and el in list(parent):
            _remove(parent, el)
    return removed


class Linker:
    """Rewrites a page's ids and links so they work inside one document."""

    def __init__(self, pages: list[Page], site_dir: Path, base_url: str, numbers: dict[str, int]):
        self.by_path = {page.path: page for page in pages}
        self.site_dir = site_dir
        self.base_url = base_url
        self.numbers = numbers    # source id -> its number in the bibliography

    def local_id(self, page: Page, fragment: str) -> str:
        return f"{page.anchor}--{fragment}"

    def href(self, page: Page, href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href                                   # the web, mailto: ...
        if not parts.path:                                # "#section" on the same page
            return "#" + self._fragment(page, parts.fragment)
        target = posixpath.normpath(posixpath.join(page.path, parts.path))
        target = "/" if target in (".", "/") else target.rstrip("/") + "/"
        other = self.by_path.get(target)
        if other is not None:
            return "#" + (self._fragment(other, parts.fragment) if parts.fragment else other.anchor)
        # A page not in the booklet (the clinicians' page): its address on the web.
        return urls.full_url(self.base_url, target) + (f"#{parts.fragment}" if parts.fragment else "")

    def _fragment(self, page: Page, fragment: str) -> str:
        if fragment.startswith("source-") and fragment[len("source-"):] in self.numbers:
            return f"bib-{fragment[len('source-'):]}"
        return self.local_id(page, fragment) if fragment else page.anchor

    def file_url(self, page: Page, src: str) -> str:
        if urlsplit(src).scheme:
            return src
        target = posixpath.normpath(posixpath.join(page.path, src)).lstrip("/")
        return (self.site_dir / target).resolve().as_uri()

    def rewrite(self, page: Page, root: ET.Element) -> None:
        for el in root.iter():
            if el.get("id"):
                el.set("id", self.local_id(page, el.get("id")))
            if el.get("for"):
                el.set("for", self.local_id(page, el.get("for")))
            if el.tag == "a" and el.get("href") is not None:
                old = el.get("href")
                el.set("href", self.href(page, old))
                cited = old[len("#source-"):] if old.startswith("#source-") else None
                if cited in self.numbers:
                    # "Rail et al." -> "Rail et al. [3]": the number of its entry in the list of sources.
                    el.text = f"{text_of(el)} [{self.numbers[cited]}]"
                    for child in list(el):
                        el.remove(child)
            if el.tag == "img" and el.get("src"):
                el.set("src", self.file_url(page, el.get("src")))
                el.attrib.pop("loading", None)


def bibliography(pages: list[Page]) -> tuple[dict[str, int], list[ET.Element]]:
    """One numbered list from every page's sources, in order of first appearance."""
    numbers: dict[str, int] = {}
    entries: list[ET.Element] = []
    for page in pages:
        for li in page.sources:
            source_id = li.get("id")[len("source-"):]
            if source_id in numbers:
                continue
            numbers[source_id] = len(numbers) + 1
            entry = copy.deepcopy(li)
            entry.set("id", f"bib-{source_id}")
            entries.append(entry)
    return numbers, entries


def urgent_box(pages: list[Page]) -> tuple[Page, ET.Element] | None:
    """The urgent-help box, once, with its page: the box every page shows above its
    article (on the cover; not repeated on each page), else Home's stroke warning."""
    for page in pages:
        box = page.urgent if page.urgent is not None else find_class(page.article, URGENT)
        if box is not None:
            return page, copy.deepcopy(box)
    for page in pages:
        for el in page.article.iter():
            if "admonition" in classes(el) and URGENT_FALLBACK in classes(el):
                box = copy.deepcopy(el)
                drop(page.article, lambda e, target=el: e is target)
                return page, box
    return None


def build_date(root: Path = ROOT) -> datetime:
    """SOURCE_DATE_EPOCH, else the last commit's date, else today (a copy without git)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                                   text=True, check=True).stdout.strip() or None
        except (OSError, subprocess.CalledProcessError):
            epoch = None
    if epoch is None:
        today = datetime.now(timezone.utc).date()
        return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    except ValueError:
        raise BookletError(f"SOURCE_DATE_EPOCH: not a number of seconds (got {epoch!r}): unset it or set it to e.g. $(git log -1 --format=%ct)") from None


def review_status(pages: list[Page], mixed: str) -> str:
    """The review status as the pages show it; one line if all pages agree, else `mixed`."""
    statuses = [page.review for page in pages if page.review]
    if statuses and all(status == statuses[0] for status in statuses):
        return statuses[0]
    return mixed


def _html(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode", method="html")


def _qr_file(site_dir: Path, path: str) -> str:
    return (site_dir / urls.qr_uri(path)).resolve().as_uri()


def document(site_dir: Path, pages: list[Page], config: dict, built: datetime, code: str = languages.DEFAULT) -> str:
    """The whole booklet as one HTML document (without the page size), in the language `code`."""
    said = words(code)
    w = {key: html.escape(value) for key, value in said.items()}
    base_url = config["site_url"]
    numbers, entries = bibliography(pages)
    linker = Linker(pages, site_dir, base_url, numbers)
    urgent = urgent_box(pages)
    if urgent is not None:
        linker.rewrite(*urgent)  # its citation points into the booklet's list of sources
    status = review_status(pages, said["booklet_statuses"])
    site_name = html.escape(config["site_name"])
    title = html.escape(said["booklet_title"].format(site_name=config["site_name"]))
    address = html.escape(urls.full_url(base_url, "/"))
    when = built.strftime("%Y-%m-%dT%H:%M:%SZ")

    sections = []
    for page in pages:
        article = copy.deepcopy(page.article)
        drop(article, lambda el: el.tag in DROP_TAGS or any(c in DROP_CLASSES for c in classes(el)))
        for el in article.iter():
            if FULL_SOURCE_LIST in classes(el):
                el.clear()
                el.tag = "p"
                el.text = said["booklet_list_at_end"] + " "
                ET.SubElement(el, "a", href="#bibliography").text = said["sources"]
                el[0].tail = "."
        linker.rewrite(page, article)
        header = ""
        if page.header is not None:
            head = copy.deepcopy(page.header)
            linker.rewrite(page, head)
            header = _html(head)
        body = (article.text or "") + "".join(_html(child) for child in article)
        sections.append(f'<section class="sg-bpage" id="{page.anchor}" aria-label="{html.escape(page.title)}">\n{header}\n'
                        f'<div class="md-typeset">{body}</div>\n</section>')

    contents = "\n".join(
        f'<li class="sg-contents__depth-{page.depth}"><a href="#{page.anchor}">{html.escape(page.title)}</a></li>'
        for page in pages)
    bib = "\n".join(f'<li id="{e.get("id")}" value="{i}">{(e.text or "")}{"".join(_html(c) for c in e)}</li>'
                    for i, e in enumerate(entries, start=1))

    return f"""<!doctype html>
<html lang="{html.escape(config.get('language', 'en'))}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="description" content="{html.escape(config.get('site_description', '').strip())}">
<meta name="author" content="{site_name}">
<meta name="dcterms.created" content="{when}">
<meta name="dcterms.modified" content="{when}">
</head>
<body>
<section class="sg-cover" aria-label="{w['booklet_cover']}">
<h1 class="sg-cover__title">{site_name}</h1>
<p class="sg-cover__subtitle">{w['booklet_subtitle']}</p>
<p class="sg-cover__purpose">{html.escape(config.get('site_description', '').strip())}
{w['booklet_purpose']}</p>
<div class="sg-cover__address">
<img class="sg-cover__qr" src="{_qr_file(site_dir, '/')}" alt="{w['booklet_qr_alt']}">
<p>{w['booklet_online']}<br><a class="sg-url" href="{address}">{address}</a></p>
</div>
{_html(urgent[1]) if urgent is not None else ''}
<p class="sg-cover__status">{html.escape(status)}</p>
<p class="sg-cover__built">{html.escape(said['booklet_made'].format(date=languages.format_date(built.date(), code)))}</p>
<p class="sg-cover__advice">{html.escape(config.get('copyright') or '')}</p>
</section>
<nav class="sg-contents" aria-labelledby="contents">
<h2 id="contents">{w['booklet_contents']}</h2>
<ol>
{contents}
<li class="sg-contents__depth-0"><a href="#bibliography">{w['sources']}</a></li>
</ol>
</nav>
{''.join(sections)}
<section class="sg-bibliography-all" id="bibliography" aria-labelledby="bibliography-title">
<h1 id="bibliography-title">{w['sources']}</h1>
<p>{w['booklet_numbers']}</p>
<ol>
{bib}
</ol>
</section>
</body>
</html>
"""


def page_css(size: str, base_url: str, code: str = languages.DEFAULT) -> str:
    """The sheet size and the running footer: the site address (from mkdocs.yml) and
    "Page 3 of 32" in the edition's language (counters in CSS, words from guide/words.py)."""
    footer = urlsplit(base_url)
    shown = (footer.netloc + footer.path).rstrip("/")
    page = " ".join(f"counter({part[1:-1]})" if part in ("{page}", "{pages}") else f'"{_css_string(part)}"'
                    for part in re.split(r"(\{pages?\})", words(code)["booklet_page"]) if part)
    return (f'@page {{ size: {size}; @bottom-left {{ content: "{shown}"; }} '
            f'@bottom-right {{ content: {page}; }} }}')


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# --- rendering -----------------------------------------------------------------------------


def fetcher(allowed: tuple[Path, ...]):
    """WeasyPrint's URL fetcher, limited to files under `allowed`: nothing leaves the machine."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                from urllib.request import url2pathname

                path = Path(url2pathname(parts.path)).resolve()
                if any(path.is_relative_to(folder) for folder in allowed):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"{url}: the booklet may read only files under {', '.join(str(f) for f in allowed)}: "
                                        f"a page or stylesheet uses something from outside: make it a file in the site")

    return LocalOnlyFetcher()


def render(site_dir: Path, out_dir: Path) -> dict[str, dict[str, tuple[Path, int]]]:
    """Write both PDFs of every edition; return {language: {size: (file, number of pages)}}.

    Every PDF is laid out before the first is written: a problem in one edition
    leaves no new PDF of any edition."""
    site_dir, out_dir = site_dir.resolve(), out_dir.resolve()
    built = build_date()
    # Every edition's pages first: a missing page stops the build before the slow layout.
    found = [(edition, read_site(edition.site(site_dir), edition.folder)) for edition in editions()]
    laid_out = {edition.code: render_edition(edition, site_dir, pages, built) for edition, pages in found}
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, tuple[Path, int]]] = {}
    for code, pdfs in laid_out.items():
        for name, (file, data, count) in pdfs.items():
            target = out_dir / file
            _write_atomic(target, data)
            written.setdefault(code, {})[name] = (target, count)
    return written


def render_edition(edition: Edition, site_dir: Path, pages: list[Page], built: datetime) -> dict[str, tuple[str, bytes, int]]:
    """One edition's PDFs from its own site (site/ or site/es/): {size: (file name, bytes, number of pages)}."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    edition_dir = edition.site(site_dir)
    config = edition.config
    source = document(edition_dir, pages, config, built, edition.code)
    allowed = (edition_dir, (ROOT / "build").resolve(), CSS_FILE.parent.resolve())
    fetch = fetcher(allowed)
    stylesheets = [weasyprint.CSS(filename=str(edition_dir / css), url_fetcher=fetch) for css in SITE_CSS
                   if (edition_dir / css).is_file()]
    stylesheets.append(weasyprint.CSS(filename=str(CSS_FILE), url_fetcher=fetch))
    result = {}
    document_html = weasyprint.HTML(string=source, base_url=str(edition_dir) + "/", url_fetcher=fetch)
    for name, size in SIZES.items():
        sheet = weasyprint.CSS(string=page_css(size, config["site_url"], edition.code), url_fetcher=fetch)
        try:
            laid_out = document_html.render(stylesheets=[*stylesheets, sheet], **PDF_OPTIONS)
        except FatalURLFetchingError as error:
            raise BookletError(str(error)) from None
        result[name] = (edition.file_name(name), laid_out.write_pdf(**PDF_OPTIONS), len(laid_out.pages))
    return result


def _write_atomic(target: Path, data: bytes) -> None:
    # Never a half-written PDF: write beside it, then rename.
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)


# --- publishing in the site ----------------------------------------------------------------

SIZE_SLOT = re.compile(r'(<span data-sg-booklet-size="([a-z0-9]+)">)[^<]*(</span>)')


def publish(written: dict[str, dict[str, tuple[Path, int]]], site_dir: Path) -> list[Path]:
    """Copy each edition's PDFs to its site's booklet/ (site/booklet/, site/es/booklet/) and
    write their sizes into the pages of that edition that link them."""
    found = {edition.code: edition for edition in editions()}
    others = [site_dir / edition.folder for edition in found.values() if edition.folder]
    changed = []
    for code, pdfs in written.items():
        edition_dir = found[code].site(site_dir)
        folder = edition_dir / PUBLISH_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        sizes = {}
        for name, (pdf, _count) in pdfs.items():
            shutil.copyfile(pdf, folder / pdf.name)
            sizes[name] = size_kb(pdf)
        for page in sorted(edition_dir.rglob("index.html")):
            if any(page.is_relative_to(other) for other in others if other != edition_dir):
                continue   # another edition's page: it links that edition's PDFs
            text = page.read_text(encoding="utf-8")
            if "data-sg-booklet-size" not in text:
                continue
            new = SIZE_SLOT.sub(lambda m: m.group(1) + html.escape(f", {sizes[m.group(2)]}" if m.group(2) in sizes else "") + m.group(3), text)
            if new != text:
                page.write_text(new, encoding="utf-8")
                changed.append(page)
    return changed


def size_kb(pdf: Path) -> str:
    return f"{round(pdf.stat().st_size / 1024)} KB"


def booklet_links(page_src: str) -> str:
    """`{{ booklet_links() }}` in a page: links to both PDFs of the page's edition, in its
    language, with a slot for each size.

    The booklet is made after the site, so `--publish` writes the sizes into the
    built page. The rendered Markdown never depends on build/ (no sizes here): a
    page's review fingerprint (guide/reviews.py) must not change between builds.
    """
    language = languages.of(page_src, languages.load(read_config()))
    said = words(language.code)
    # Relative to the page inside its own edition's site (es/handout.md -> /handout/ in site/es/).
    prefix = "../" * (urls.address(languages.within(page_src, language)).count("/") - 1)
    links = []
    for name in SIZES:
        file = said["booklet_file"].format(size=name)
        label = html.escape(said[f"booklet_{name}"])
        href = f"{prefix}{PUBLISH_FOLDER}/{file}"  # data-sg-href: guide/finish.py keeps it (Zensical would rewrite it)
        links.append(f'<a href="{href}" data-sg-href="{href}">{label} (PDF<span data-sg-booklet-size="{name}"></span>)</a>')
    return f'<p class="sg-booklet-links">{html.escape(said["booklet_links"])} {" · ".join(links)}</p>'


def template_names(page_src: str) -> dict:
    """What page templates may use: `{{ booklet_links() }}`."""
    return {"booklet_links": lambda: booklet_links(page_src)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.booklet", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (site/)")
    parser.add_argument("out", type=Path, help="where to write the PDFs (build/booklet/)")
    parser.add_argument("--publish", action="store_true",
                        help="also copy them into SITE/booklet/ (and SITE/es/booklet/) and show their sizes")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        written = render(args.site, args.out)
    except BookletError as error:
        print(f"Booklet error: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    for pdfs in written.values():
        for pdf, count in pdfs.values():
            print(f"{pdf}: {count} pages, {size_kb(pdf)}")
    if args.publish:
        publish(written, args.site)
    print(f"booklet built in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
