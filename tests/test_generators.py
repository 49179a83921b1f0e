"""The same site from either generator: MkDocs (the default) and Zensical (issue 14).

The build is prepare -> generate -> finish; only the middle step differs. Both
builds must give every page the same article text (numbers, citations, Sources,
review status), the same pages, links that lead to the same places, and no
unrendered template (`{{`) in any file. Every other difference we accept is a
row of benchmarks/generators.md, and each row is pinned by a test here (or in
tests/browser/, which also runs on the Zensical build): if Zensical changes, a
test fails and the table is updated, rather than going stale.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

TABLE = Path(__file__).resolve().parent.parent / "benchmarks" / "generators.md"
CONTEXT_WORDS = 8  # words shown around the first difference


def html_pages(site: Path) -> dict[str, Path]:
    """{'about/index.html': file} for every HTML file of a built site."""
    return {file.relative_to(site).as_posix(): file for file in sorted(site.rglob("*.html"))}


def soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def article_words(page: BeautifulSoup) -> list[str] | None:
    """The words of the page's one <article> (None: no article), whitespace normalised."""
    articles = page.find_all("article")
    assert len(articles) <= 1, f"{len(articles)} <article> elements"
    return articles[0].get_text(" ").split() if articles else None


def first_difference(a: list[str], b: list[str]) -> str:
    """Where two word lists part: the words from just before it, from each."""
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, at - 3)

    def show(words: list[str]) -> str:
        part = " ".join(words[start:at + CONTEXT_WORDS])
        return ("… " if start else "") + (part or "(the end)")

    return f"from word {at + 1}:\n      MkDocs:   {show(a)}\n      Zensical: {show(b)}"


# --- both build ------------------------------------------------------------------------


def test_zensical_builds(zensical_build, built_site):
    # `built_site` first: when the content itself does not build, that is reported
    # once (tests/content/test_content_first.py), not again here.
    site_dir, result = zensical_build
    output = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode == 0, "`zensical build` (or prepare/finish around it) failed:\n" + "\n".join(output[-30:])
    assert (site_dir / "index.html").is_file()


def test_same_pages(built_site, zensical_site):
    mkdocs, zensical = set(html_pages(built_site)), set(html_pages(zensical_site))
    assert mkdocs == zensical, (f"only MkDocs built: {sorted(mkdocs - zensical)}\n"
                                f"only Zensical built: {sorted(zensical - mkdocs)}")


def test_every_article_has_the_same_text(built_site, zensical_site):
    # Numbers, citations, the Sources section and the review status are all
    # inside <article>: any of them rendered differently shows here.
    zensical = html_pages(zensical_site)
    problems, compared = [], 0
    for name, file in html_pages(built_site).items():
        if name not in zensical:
            continue  # test_same_pages names it
        a, b = article_words(soup(file)), article_words(soup(zensical[name]))
        if a is None or b is None:
            if (a is None) != (b is None):
                problems.append(f"{name}: an <article> only in the {'Zensical' if a is None else 'MkDocs'} build")
            continue
        compared += 1
        if a != b:
            problems.append(f"{name}: the article text differs {first_difference(a, b)}")
    assert compared, "no page with an <article> was compared: the test checks nothing"
    assert not problems, f"{len(problems)} page(s) differ:\n" + "\n".join(problems)


def test_article_links_lead_to_the_same_places(built_site, zensical_site):
    # Zensical writes relative links as `./about/` (and `././` for the page
    # itself) where MkDocs writes `about/`: written differently, same place.
    # (benchmarks/generators.md, "relative links")
    zensical = html_pages(zensical_site)
    problems, links, written_differently = [], 0, 0
    for name, file in html_pages(built_site).items():
        if name not in zensical:
            continue
        pages = [soup(file).find("article"), soup(zensical[name]).find("article")]
        if None in pages:
            continue
        hrefs = [[a["href"] for a in page.find_all("a", href=True)] for page in pages]
        base = "https://example.org/site/" + name
        targets = [[urljoin(base, href) for href in found] for found in hrefs]
        links += len(targets[0])
        written_differently += sum(x != y for x, y in zip(*hrefs))
        if targets[0] != targets[1]:
            at = next((i for i, (x, y) in enumerate(zip(*targets)) if x != y), min(map(len, targets)))
            problems.append(f"{name}: link {at + 1} of the article: MkDocs {hrefs[0][at:at + 1]}, Zensical {hrefs[1][at:at + 1]}")
    assert links, "no links in any article: the test checks nothing"
    assert not problems, "\n".join(problems)
    assert written_differently, "every link is written the same: remove the 'relative links' row of benchmarks/generators.md"


def test_raw_html_links_keep_the_address_our_steps_wrote():
    # Zensical rewrites a raw-HTML link as if relative to the Markdown file; MkDocs
    # leaves it. guide/finish.py puts back the copy in data-sg-href (guide/templates/after-content.html).
    from guide.finish import keep_raw_links

    zensical = '<p><a href="../../standards/#how" data-sg-href="../standards/#how">How</a> <a href="../x/">x</a></p>'
    assert keep_raw_links(zensical) == '<p><a href="../standards/#how">How</a> <a href="../x/">x</a></p>'
    assert keep_raw_links('<a data-sg-href="./" class="c" href=".././">') == '<a class="c" href="./">'


# --- nothing left unrendered ---------------------------------------------------------------

# Copied unchanged from Material's theme, where `{{a,b}}` is part of a comment
# ("x{{a,b}}y ==> x{a}y x{b}y", brace expansion in lunr's Thai word splitter):
# not ours, and checked to be byte-identical to Material's own copy.
MATERIAL_VENDORED = ("assets/javascripts/lunr/wordcut.js",)


@functools.cache
def edition_folders() -> frozenset[str]:
    """The other editions' folders ('es'), read from mkdocs.yml once (every file of both sites asks)."""
    from guide import ROOT, languages
    from guide.prepare import read_config

    return frozenset(edition.folder for edition in languages.load(read_config(ROOT)) if edition.folder)


def without_edition(relative: str) -> str:
    """'es/assets/x.js' -> 'assets/x.js': each edition's site has its own copy of the theme's files."""
    first, _, rest = relative.partition("/")
    return rest if first in edition_folders() and rest else relative


def material_asset(relative: str) -> Path:
    import material

    return Path(material.__file__).parent / "templates" / relative


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_no_unrendered_template_in_any_file(request, generator, built_site):
    site = built_site if generator == "mkdocs" else request.getfixturevalue("zensical_site")
    problems, read = [], 0
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = file.relative_to(site).as_posix()
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)  # sitemap.xml.gz
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # images: no template text in them
        read += 1
        theirs = without_edition(relative)
        if theirs in MATERIAL_VENDORED and file.read_bytes() == material_asset(theirs).read_bytes():
            continue
        for marker in ("{{", "{%"):
            if marker in text:
                at = text.index(marker)
                line = text.count("\n", 0, at) + 1
                problems.append(f"{relative}:{line}: {marker} left in: …{text[max(0, at - 40):at + 40]!r}…")
    assert read > len(html_pages(site)), f"only {read} text files read"
    assert not problems, "\n".join(problems)


# --- the accepted differences (benchmarks/generators.md), each pinned ----------------------


def test_the_table_lists_each_pinned_difference():
    # Each row names the test that pins it; each named test exists here or in tests/browser/.
    text = TABLE.read_text(encoding="utf-8").split("\n## ", 2)
    assert text[1].startswith("Accepted differences"), f"{TABLE.name}: the first section is the table of accepted differences"
    rows = [line for line in text[1].splitlines() if line.startswith("| ") and not line.startswith("| What differs")]
    rows = [row for row in rows if not set(row) <= set("|- ")]
    assert rows, f"{TABLE.name}: no rows"
    tests_dir = Path(__file__).resolve().parent
    sources = "\n".join(p.read_text(encoding="utf-8") for p in tests_dir.rglob("test_*.py"))
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 5, f"{TABLE.name}: a row needs 5 columns: {row}"
        named = re.findall(r"`(?:tests/[\w/]+\.py::)?(test_\w+)`", cells[4])
        assert named, f"{TABLE.name}: the row {cells[0]!r} names no test that pins it"
        for test in named:
            assert f"def {test}(" in sources, f"{TABLE.name}: the row {cells[0]!r} names {test}, which does not exist"


def search_index(site: Path) -> tuple[str, list[dict]]:
    """(the index's file, its documents): MkDocs's search/search_index.json or Zensical's search.json."""
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        if (site / name).is_file():
            return name, json.loads((site / name).read_text(encoding="utf-8"))[key]
    raise AssertionError(f"{site}: no search index")


def test_zensical_search_has_no_patients_words(built_site, zensical_site):
    # guide/search.py adds data/search_terms.yml's words ("botox", "physio") to
    # MkDocs's index only: Zensical's search.json has another shape and engine.
    # The pages' own words are indexed the same by both.
    mkdocs_file, mkdocs_docs = search_index(built_site)
    zensical_file, zensical_docs = search_index(zensical_site)
    assert (mkdocs_file, zensical_file) == ("search/search_index.json", "search.json")
    assert any("patient_words" in doc for doc in mkdocs_docs), "MkDocs's index has no patients' words"
    assert not any("patient_words" in doc for doc in zensical_docs), (
        "Zensical's index has patients' words now: update the row in benchmarks/generators.md")
    by_location = {doc["location"]: doc["text"] for doc in zensical_docs}
    assert by_location == {doc["location"]: doc["text"] for doc in mkdocs_docs}, "the pages' text is indexed differently"


def test_zensical_drops_the_search_exclude_marks_but_keeps_them_out(built_site, zensical_site):
    # Sources, review status and the report link are marked data-search-exclude.
    # Zensical takes the attribute out of the page, but still leaves them out of
    # its index, as MkDocs does.
    marked = [soup(file).select("article [data-search-exclude]") for file in html_pages(built_site).values()]
    assert any(marked), "MkDocs's pages have no data-search-exclude marks: the test checks nothing"
    assert not any(soup(file).select("[data-search-exclude]") for file in html_pages(zensical_site).values())
    for site in (built_site, zensical_site):
        docs = search_index(site)[1]
        sources = [doc for doc in docs if doc["location"].endswith("#sources")]
        assert sources and all(doc["text"] == "" for doc in sources), f"{site.name}: the Sources sections are in the search index"
        indexed = " ".join(" ".join(re.sub(r"<[^>]+>", " ", doc["text"]).split()) for doc in docs)
        excluded = {" ".join(block.get_text(" ").split()) for file in html_pages(site).values()
                    for block in soup(file).select(".sg-review, .sg-report")}
        assert excluded, f"{site.name}: no review status or report link found"
        found = [text for text in excluded if text in indexed]
        assert not found, f"{site.name}: in the search index: {found}"


def generator_tag(file: Path) -> str:
    tag = soup(file).find("meta", attrs={"name": "generator"})
    return tag["content"] if tag else ""


def test_generator_meta_tag_names_the_generator(built_site, zensical_site):
    mkdocs = f"mkdocs-{metadata.version('mkdocs')}, mkdocs-material-{metadata.version('mkdocs-material')}"
    zensical = f"zensical-{metadata.version('zensical')}"
    for site, expected in ((built_site, mkdocs), (zensical_site, zensical)):
        tags = {name: generator_tag(file) for name, file in html_pages(site).items() if generator_tag(file)}
        assert tags, f"{site.name}: no generator meta tag"
        assert set(tags.values()) == {expected}, f"{site.name}: {sorted(set(tags.values()))}"


def sitemap_urls(site: Path) -> list[str]:
    return re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


def test_zensical_sitemap_has_no_dates_and_no_gzip_copy(built_site, zensical_site):
    # The same addresses (in another order).
    assert sorted(sitemap_urls(zensical_site)) == sorted(sitemap_urls(built_site)) != []
    assert "<lastmod>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" not in (zensical_site / "sitemap.xml").read_text(encoding="utf-8")
    assert (built_site / "sitemap.xml.gz").is_file() and not (zensical_site / "sitemap.xml.gz").exists()


def stylesheets(site: Path) -> list[str]:
    page = soup(site / "index.html")
    return [link["href"].removeprefix("./") for link in page.find_all("link", rel="stylesheet")]


def test_zensical_has_its_own_theme_files(built_site, zensical_site):
    # Zensical's own look ("modern"): its CSS and JavaScript, no lunr language
    # files or source maps. Our own CSS comes after the theme's in both.
    mkdocs, zensical = stylesheets(built_site), stylesheets(zensical_site)
    assert re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", mkdocs[0]), mkdocs
    assert re.fullmatch(r"assets/stylesheets/modern/main\.\w+\.min\.css", zensical[0]), zensical
    assert mkdocs[2:] == zensical[2:] == ["assets/stylesheets/site.css", "assets/stylesheets/print.css"]
    assert (built_site / "assets/javascripts/lunr").is_dir() and not (zensical_site / "assets/javascripts/lunr").exists()
    assert list(built_site.rglob("*.map")) and not list(zensical_site.rglob("*.map"))


def skip_target(site: Path, name: str) -> tuple[str, BeautifulSoup]:
    page = soup(site / name)
    return page.select_one("a.md-skip")["href"], page


def test_skip_link_targets(built_site, zensical_site):
    # MkDocs's "Skip to content" goes to the page title's id; Zensical's to an
    # empty anchor (#__skip) at the start of the article. Both land on the article.
    checked = 0
    for name in html_pages(built_site):
        if soup(built_site / name).select_one("a.md-skip") is None:
            continue
        checked += 1
        href, page = skip_target(built_site, name)
        assert page.find(id=href.lstrip("#")).name == "h1", f"MkDocs {name}: skip link to {href}"
        href, page = skip_target(zensical_site, name)
        assert href == "#__skip", f"Zensical {name}: skip link to {href}"
        anchor = page.find(id="__skip")
        assert anchor.find_parent("article") is not None and anchor.get_text() == "", f"Zensical {name}: #__skip"
    assert checked, "no skip links found"


def test_table_of_contents_label(built_site, zensical_site):
    # The same headings; Zensical names the list "On this page", MkDocs "Table of contents".
    for site, label in ((built_site, "Table of contents"), (zensical_site, "On this page")):
        page = soup(site / "changes-over-time" / "index.html")
        toc = page.select_one(".md-sidebar--secondary nav.md-nav--secondary")
        assert toc is not None and toc["aria-label"] == label, f"{site.name}: {toc and toc.get('aria-label')}"
    headings = [[a.get_text(" ", strip=True) for a in soup(site / "changes-over-time" / "index.html")
                 .select(".md-sidebar--secondary nav.md-nav--secondary a")] for site in (built_site, zensical_site)]
    assert headings[0] == headings[1] != []


def test_theme_files_differ_but_ours_are_identical(built_site, zensical_site):
    # Everything that is ours (figures, QR codes, our CSS and JavaScript, images)
    # is byte-identical; only the theme's own files and what the generator writes differ.
    def ours(site: Path) -> dict[str, str]:
        found = {}
        for file in site.rglob("*"):
            relative = file.relative_to(site).as_posix()
            if file.is_file() and not relative.endswith(".html") and not _theme_or_generator(relative):
                found[relative] = hashlib.sha256(file.read_bytes()).hexdigest()
        return found

    mkdocs, zensical = ours(built_site), ours(zensical_site)
    assert mkdocs.keys() == zensical.keys(), f"only MkDocs: {sorted(mkdocs.keys() - zensical.keys())}; only Zensical: {sorted(zensical.keys() - mkdocs.keys())}"
    assert [name for name in mkdocs if mkdocs[name] != zensical[name]] == []


def _theme_or_generator(relative: str) -> bool:
    """Files the theme or the generator writes (accepted to differ), not our own."""
    theme = (r"assets/javascripts/(bundle|workers/search)\.\w+\.min\.js(\.map)?", r"assets/javascripts/lunr/.*",
             r"assets/javascripts/LICENSE", r"assets/stylesheets/(modern/|classic/)?(main|palette)\.\w+\.min\.css(\.map)?",
             r"search/search_index\.json", r"search\.json", r"sitemap\.xml(\.gz)?",
             r"_headers")  # the policy's hashes are of each theme's own inline scripts
    return any(re.fullmatch(pattern, without_edition(relative)) for pattern in theme)


def test_footer_credit_names_the_generator(built_site, zensical_site):
    # Our own footer text is the same; the theme's "Made with" credit links to its maker.
    texts, credits = [], []
    for site in (built_site, zensical_site):
        footer = soup(site / "index.html").select_one(".md-copyright")
        texts.append(" ".join(footer.get_text(" ").split()).split(" Made with ")[0])
        credits.append([a["href"] for a in footer.find_all("a")])
    assert texts[0] == texts[1] != ""
    assert credits == [["https://squidfunk.github.io/mkdocs-material/"], ["https://zensical.org/"]]


def theme_bytes(site: Path) -> int:
    """Bytes of the theme's own CSS and JavaScript that every page loads (not ours)."""
    page = soup(site / "index.html")
    files = [link["href"] for link in page.find_all("link", rel="stylesheet")] + [s["src"] for s in page.find_all("script", src=True)]
    theirs = [f.removeprefix("./") for f in files if _theme_or_generator(f.removeprefix("./"))]
    assert len(theirs) == 3, f"{site.name}: expected the theme's main CSS, palette CSS and bundle, got {theirs}"
    return sum((site / f).stat().st_size for f in theirs)


def test_zensical_theme_weighs_more(built_site, zensical_site):
    # Every page loads the theme's CSS and JavaScript: Zensical's are larger (benchmarks/generators.md).
    mkdocs, zensical = theme_bytes(built_site), theme_bytes(zensical_site)
    assert zensical > mkdocs, f"Zensical's theme files ({zensical} bytes) are no longer larger than Material's ({mkdocs}): update the table"
