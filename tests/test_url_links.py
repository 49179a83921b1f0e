"""What guide/urls.py hands to pages and to editors, without building the site: the
page and section links (with their printed addresses and QR files), old section
ids kept working, and `python -m guide.urls`.

Expectations come from data/urls.yml, mkdocs.yml and the pages' own front matter
and headings, read here with yaml and plain text (not through guide/urls.py).
"""

from __future__ import annotations

import re

import pytest
import yaml

from guide import paths, urls
from project import ROOT, plant_docs, plant_manifest

pytestmark = pytest.mark.content

DOCS = ROOT / "docs"


def manifest_file() -> dict:
    """data/urls.yml, with the rule its comments state for the Spanish pages: an /es/ entry
    that lists no sections, letters or handout of its own has its English page's."""
    found = yaml.safe_load((ROOT / "data" / "urls.yml").read_text(encoding="utf-8"))
    english = {entry["path"]: entry for entry in found["pages"]}
    for entry in found["pages"]:
        original = english.get(entry["path"][len("/es"):]) if entry["path"].startswith("/es/") else None
        if original and not any(entry.get(key) for key in ("sections", "letters", "handout")):
            entry.update({key: original[key] for key in ("sections", "letters", "handout") if key in original})
    return found


def site_url() -> str:
    line = next(l for l in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if l.startswith("site_url:"))
    return line.split(":", 1)[1].strip()


def src_of(path: str) -> str:
    """The docs/ file that makes an address (MkDocs directory URLs)."""
    stem = path.strip("/")
    for src in (f"{stem}/index.md" if stem else "index.md", f"{stem}.md"):
        if (DOCS / src).exists():
            return src
    raise AssertionError(f"no docs/ file for {path}")


def meta_of(src: str) -> dict:
    text = (DOCS / src).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def heading(src: str, section_id: str) -> str:
    for line in (DOCS / src).read_text(encoding="utf-8").splitlines():
        match = re.match(rf"^#+\s+(.*?)\s*\{{[^}}]*#{re.escape(section_id)}\b[^}}]*\}}\s*$", line)
        if match:
            return match.group(1)
    raise AssertionError(f"docs/{src}: no heading with {{ #{section_id} }}")


def test_page_links_give_each_page_its_printed_address_title_and_code():
    entries = manifest_file()["pages"]
    links = urls.page_links(urls.load(), urls.scan_docs(DOCS), DOCS, site_url())
    assert [link.path for link in links] == [e["path"] for e in entries]
    base = site_url().rstrip("/")
    for link, entry in zip(links, entries):
        src = src_of(entry["path"])
        meta = meta_of(src)
        assert link.src == src
        assert link.url == base + entry["path"]
        assert link.title == meta["title"] and link.description == meta.get("description", "")
        assert link.qr == f"assets/qr/{entry['path'].strip('/') or 'index'}.svg"
        assert link.handout == entry.get("handout", False)


def test_templates_get_every_page_the_handout_pages_and_page_url():
    links = urls.page_links(urls.load(), urls.scan_docs(DOCS), DOCS, site_url())
    names = urls.template_names(links)
    assert names["site_pages"] == links
    assert [l.path for l in names["handout_pages"]] == [e["path"] for e in manifest_file()["pages"] if e.get("handout")]
    assert names["page_url"]("/treatment/") == site_url().rstrip("/") + "/treatment/"
    with pytest.raises(urls.PageError, match=r"page_url\('/no-such-page/'\): not a page address in data/urls.yml"):
        names["page_url"]("/no-such-page/")


def test_section_links_are_the_letters_sections_with_heading_title_address_and_code():
    manifest = urls.load()
    links = urls.section_links(manifest, urls.scan_docs(DOCS), DOCS, site_url())
    expected = [(e["path"], sid) for e in manifest_file()["pages"] for sid in e.get("letters", [])]
    assert [(s.path, s.id) for s in links] == expected and expected
    for link in links:
        src = src_of(link.path)
        assert link.url == f"{site_url().rstrip('/')}{link.path}#{link.id}"
        assert link.title == heading(src, link.id)
        assert link.page_title == meta_of(src)["title"]
        assert link.qr == f"assets/qr/{link.path.strip('/') or 'index'}--{link.id}.svg"
    pages = urls.page_links(manifest, urls.scan_docs(DOCS), DOCS, site_url())
    table = urls.template_names(pages, links)["section_links"]()
    for link in links:
        row = f"| [{link.title}]({src_of(link.path)}#{link.id}) ({link.page_title}) | `{link.url}` | ![QR code for this address]({link.qr})"
        assert row in table
    assert table.count("\n| [") == len(links)


def test_moved_sections_point_to_their_new_heading_on_the_same_page():
    found = urls.moved_anchors(urls.load(), urls.scan_docs(DOCS), DOCS)
    expected = {}
    for entry in manifest_file()["pages"]:
        for old, target in entry.get("moved", {}).items():
            page, _, fragment = target.partition("#")
            if page in ("", entry["path"]):  # other pages: test_a_section_moved_to_another_page_links_there
                src = src_of(entry["path"])
                expected.setdefault(src, []).append((old, f"#{fragment}", heading(src, fragment)))
    assert expected, "data/urls.yml has no moved: sections to check"
    assert {src: [m for m in moved if m[1].startswith("#")] for src, moved in found.items()} == expected


def test_a_section_moved_to_another_page_links_there(tmp_path):
    docs, pages = plant_docs(tmp_path, {
        "index.md": "# Home\n\n## Key facts { #key-facts }\n",
        "treatment/index.md": "# T\n\n## What treatments are there? { #what-treatments-are-there }\n",
        "treatment/myectomy.md": "# M\n"})
    manifest = plant_manifest(tmp_path, "pages:\n  - {path: /, sections: [key-facts]}\n"
                              "  - {path: /treatment/, sections: [what-treatments-are-there]}\n  - path: /treatment/myectomy/\n"
                              "    moved: {old-part: \"/treatment/#what-treatments-are-there\", gone: \"/#key-facts\"}\n")
    assert urls.check_sections(manifest, pages, docs) == []
    found = urls.moved_anchors(manifest, pages, docs)
    assert found == {"treatment/myectomy.md": [("old-part", "../#what-treatments-are-there", "What treatments are there?"),
                                               ("gone", "../../#key-facts", "Key facts")]}
    html = paths.add_moved_anchors("<h1>M</h1>", found["treatment/myectomy.md"])
    assert ('<p id="old-part" class="sg-moved">This part has moved: '
            '<a href="../#what-treatments-are-there">What treatments are there?</a></p>') in html
    assert html.count('class="sg-moved"') == 2


def test_the_command_lists_every_address_and_reports_a_broken_build(tmp_path, capsys):
    assert urls.main([]) == 0
    shown = capsys.readouterr()
    assert shown.err == ""
    base = site_url().rstrip("/")
    lines = shown.out.splitlines()
    entries = manifest_file()["pages"]
    redirects = manifest_file().get("redirects") or {}
    assert len(lines) == len(entries) + len(redirects)
    for line, entry in zip(lines, entries):
        url, src, *flag = line.split()
        assert (url, src) == (base + entry["path"], f"docs/{src_of(entry['path'])}")
        assert flag == (["(handout)"] if entry.get("handout") else [])
    for line, (old, new) in zip(lines[len(entries):], redirects.items()):
        assert line.split() == [base + old, "->", new]
    # A "built site" with only a home page: every other address is reported, and it fails.
    (tmp_path / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    assert urls.main([str(tmp_path)]) == 1
    problems = capsys.readouterr().err.splitlines()
    assert len(problems) == len(entries) - 1 + len(redirects)
    assert all(p.startswith("data/urls.yml:") for p in problems)


def test_section_table_intro_header_and_layout():
    manifest = urls.load()
    links = urls.section_links(manifest, urls.scan_docs(DOCS), DOCS, site_url())
    pages = urls.page_links(manifest, urls.scan_docs(DOCS), DOCS, site_url())
    table = urls.template_names(pages, links)["section_links"]()
    intro, rest = table.split("\n\n", 1)
    assert intro.startswith("You can also link to one part of a page.")
    # A Markdown table inside the layout's scrolling wrapper (class sg-table), then closed.
    assert rest.startswith('<div class="sg-table sg-section-list" markdown>\n\n| Part of a page | Address | QR code |\n| --- | --- | --- |\n')
    assert table.endswith("\n\n</div>\n")


def test_planted_pages_without_front_matter_missing_pages_and_the_home_page(tmp_path):
    """A page with no front matter is named by its file; a listed page that is gone is skipped
    (check_docs reports it); the home page's codes are named index."""
    docs, pages = plant_docs(tmp_path, {"index.md": "---\ntitle: Home\n---\n# Home\n\n## Key facts { #key-facts }\n",
                                        "plain.md": "# Plain\n\n## Part { #part }\n"})
    manifest = plant_manifest(tmp_path, "pages:\n  - {path: /gone/, letters: [x], moved: {y: '#z'}}\n"
                              "  - {path: /, sections: [key-facts], letters: [key-facts]}\n"
                              "  - {path: /plain/, sections: [part], moved: {old: '/#key-facts', lost: '#nothing-here'}}\n")
    links = urls.page_links(manifest, pages, docs, "https://example.org/")
    assert [(l.path, l.title, l.description, l.qr) for l in links] == [
        ("/", "Home", "", "assets/qr/index.svg"), ("/plain/", "plain.md", "", "assets/qr/plain.svg")]
    sections = urls.section_links(manifest, pages, docs, "https://example.org/")
    assert [(s.url, s.qr, s.page_title) for s in sections] == [
        ("https://example.org/#key-facts", "assets/qr/index--key-facts.svg", "Home")]
    # A moved id whose new section is missing is check_sections' to report; the link text falls back to the id.
    assert urls.moved_anchors(manifest, pages, docs) == {
        "plain.md": [("old", "../#key-facts", "Key facts"), ("lost", "#nothing-here", "nothing-here")]}
