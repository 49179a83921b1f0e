"""guide/urls.py's checks on small planted projects: each mistake an editor can make with
addresses and sections gives one line naming the file and line to fix.
"""

from __future__ import annotations

import pytest

from guide import urls
from project import plant_docs, plant_manifest

pytestmark = pytest.mark.content


def site(tmp_path, pages: dict[str, str]):
    folder = tmp_path / "site"
    for path, html in pages.items():
        (folder / path.strip("/")).mkdir(parents=True, exist_ok=True)
        (folder / path.strip("/") / "index.html").write_text(html, encoding="utf-8")
    return folder


def test_check_docs_names_a_listed_page_that_is_gone_and_a_page_not_listed(tmp_path):
    m = plant_manifest(tmp_path, "pages:\n  - {path: /}\n  - {path: /gone/}\n")
    problems = urls.check_docs(m, urls.docs_pages(["index.md", "new.md"]))
    assert len(problems) == 2, problems
    assert problems[0].startswith("data/urls.yml:3: /gone/: no page has this address any more")
    assert "add `/gone/: /new/address/` under redirects:" in problems[0]
    assert problems[1].startswith("docs/new.md:1: address /new/ is not in data/urls.yml: add `- {path: /new/}` under pages:")


def test_check_site_names_each_redirect_problem(tmp_path):
    m = plant_manifest(tmp_path, """\
        pages:
          - {path: /}
          - {path: /a/}
          - {path: /b/}
        redirects:
          /old-a/: /a/
          /old-b/: /b/
          /lost/: /a/
        """)
    built = site(tmp_path, {
        "/": "<h1>Home</h1>",
        "/a/": '<META HTTP-EQUIV="Refresh" CONTENT="0; URL=../b/#top">',  # a page that became a redirect
        "/b/": "<h1>B</h1>",
        "/old-a/": '<meta http-equiv="refresh" content="0; url=../b">',    # to the wrong page
        "/old-b/": '<meta http-equiv="refresh" content="0; url=../b/">',   # right
        "/stray/": '<meta http-equiv="refresh" content="0; url=../b/">',   # not in the manifest
    })
    assert urls.built_site(built)["/a/"] == ("redirect", "/b/")
    problems = urls.check_site(m, built)
    assert problems == [
        "data/urls.yml:3: /a/ is a redirect to /b/ in the built site, not a page: check redirects: in data/urls.yml",
        "data/urls.yml:6: redirects: /old-a/ leads to /b/, not to /a/ as data/urls.yml says",
        "data/urls.yml:8: redirects: /lost/: the built site has no redirect there: check that mkdocs.yml lists the `redirects` plugin",
        "site redirect to /b/ /stray/: address /stray/ is not in data/urls.yml: add `- {path: /stray/}` under pages: "
        f"(addresses are permanent once published; {urls.HOW_TO})",
    ]


def test_redirect_from_the_home_page_is_the_site_s_index_html(tmp_path):
    m = plant_manifest(tmp_path, "pages:\n  - {path: /home/}\nredirects:\n  /: /home/\n")
    assert urls.redirects(m, urls.docs_pages(["home.md"])) == {"index.html": "home/"}


def test_an_address_not_in_the_file_points_at_its_first_line():
    assert urls.Manifest((), {}, {}).where("/x/") == "data/urls.yml:1"


def test_a_full_link_with_another_address_in_its_query_is_still_ours():
    problem = urls.own_site_link("https://example.org/guide/treatment/?a=1?from=https://other.org/x",
                                 "https://example.org/guide/", {"/treatment/": "treatment/index.md"}, "index.md")
    assert problem and "[text](treatment/index.md)" in problem


SECTIONED = {
    "index.md": "# Home\n\n## Key facts { #key-facts }\n\n```\n## Not a heading { #in-code }\n```\n",
    "other.md": "# Other\n\n## Where it went { #where-it-went }\n\n### Small part { #small-part }\n",
}


@pytest.mark.parametrize("entries, expected", [
    ("- {path: /, sections: [key-facts, key-facts]}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: /#key-facts is listed twice under sections: delete one"),
    ("- {path: /, sections: [key-facts, gone], moved: {gone: '/other/#where-it-went'}}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: /#gone is under both sections: and moved:"),
    ("- {path: /, sections: [key-facts, gone]}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: /#gone: docs/index.md has no heading with { #gone }, so printed links to this section would break"),
    ("- {path: /}\n  - {path: /other/, sections: [where-it-went]}",
     "docs/index.md:3: section 'Key facts' has the id #key-facts, which is not recorded: add 'key-facts' to sections: of / in data/urls.yml"),
    ("- {path: /, moved: {key-facts: '#key-facts'}}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: /#key-facts is under moved: but docs/index.md still has that heading id"),
    ("- {path: /, sections: [key-facts], moved: {old: '/nowhere/#x'}}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: moved: old -> /nowhere/#x: /nowhere/ is not a page"),
    ("- {path: /, sections: [key-facts], moved: {old: '/other/#missing'}}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: moved: old -> /other/#missing: docs/other.md has no heading with { #missing }"),
    ("- {path: /, sections: [key-facts], letters: [where-it-went]}\n  - {path: /other/, sections: [where-it-went]}",
     "data/urls.yml:2: letters: /#where-it-went is not under sections:"),
], ids=["listed twice", "sections and moved", "heading gone", "not recorded", "moved but still there",
        "moved to no page", "moved to no section", "letter not a section"])
def test_check_sections_names_each_mistake_once(tmp_path, entries, expected):
    folder, pages = plant_docs(tmp_path, SECTIONED)
    m = plant_manifest(tmp_path, f"pages:\n  {entries}\n")
    problems = urls.check_sections(m, pages, folder)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_check_sections_skips_a_listed_page_that_is_gone_and_checks_the_rest(tmp_path):
    folder, pages = plant_docs(tmp_path, SECTIONED)
    m = plant_manifest(tmp_path, "pages:\n  - {path: /gone/}\n  - {path: /, sections: [key-facts]}\n  - {path: /other/}\n")
    assert urls.check_sections(m, pages, folder) == [
        "docs/other.md:3: section 'Where it went' has the id #where-it-went, which is not recorded: "
        "add 'where-it-went' to sections: of /other/ in data/urls.yml"]


# --- small rules of guide/urls.py, each from its docstring -------------------------------------


def languages_config(root, languages: str = "[{code: en}, {code: es}]"):
    """A mkdocs.yml in `root` listing `languages`, beside the data/ folder `plant_manifest()` writes."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(f"site_name: T\nextra:\n  languages: {languages}\n", encoding="utf-8")


def test_other_editions_are_the_languages_other_than_english(tmp_path):
    # Read from the mkdocs.yml one folder above data/: the manifest file itself need not exist.
    languages_config(tmp_path / "a")
    languages_config(tmp_path / "c", "[{code: fr}, {code: en}, {code: es}]")
    assert urls._edition_folders(tmp_path / "a" / "data" / "urls.yml") == ("es",)
    assert urls._edition_folders(tmp_path / "b" / "data" / "urls.yml") == ()
    assert urls._edition_folders(tmp_path / "c" / "data" / "urls.yml") == ("fr", "es")


def test_a_translated_page_keeps_its_english_pages_sections(tmp_path):
    languages_config(tmp_path)
    loaded = plant_manifest(tmp_path, """\
        pages:
          - {path: /treatment/myectomy/, sections: [after], letters: [after]}
          - {path: /es/treatment/myectomy/}
          - {path: /es/}
          - {path: /essay/}
        """)
    assert loaded.translated == {"/es/treatment/myectomy/", "/es/"}
    spanish = next(entry for entry in loaded.pages if entry.path == "/es/treatment/myectomy/")
    assert (spanish.sections, spanish.letters) == (["after"], ["after"])


@pytest.mark.parametrize("from_src, target, link", [
    ("treatment/index.md", "standards/", "../standards/"),
    ("treatment/index.md", "treatment/", "./"),                       # its own page
    ("index.md", "/", "./"),
    ("treatment/myectomy.md", "booklet/guide-a4.pdf", "../../booklet/guide-a4.pdf"),  # a file: no slash added
])
def test_relative_links_from_a_page(from_src, target, link):
    assert urls.relative_link(from_src, target) == link


@pytest.mark.parametrize("path, src", [("/", "index.md"), ("/old-page/", "old-page.md"), ("/treatment/old/", "treatment/old.md")])
def test_an_old_address_redirects_from_where_its_page_file_would_be(path, src):
    assert urls._old_src(path) == src


def test_headings_inside_any_code_block_are_not_sections():
    markdown = ("## Real { #real }\n"
                "  ```\n## In an indented fence { #not-1 }\n  ```\n"
                "~~~\n## In a tilde fence { #not-2 }\n~~~\n"
                "### After { #after }\n")
    assert urls.heading_ids(markdown) == {"real": (1, "Real", 2), "after": (8, "After", 3)}


def test_a_section_moved_to_a_missing_page_does_not_stop_the_next_one(tmp_path):
    # /gone/ is listed but has no file (check_docs reports that); /b/'s other moved section still works.
    folder, pages = plant_docs(tmp_path, {"b.md": "# B\n\n## New place { #new }\n"})
    m = plant_manifest(tmp_path, "pages:\n  - {path: /gone/}\n  - {path: /b/, moved: {old: '/gone/#x', was: '#new'}}\n")
    assert urls.moved_anchors(m, pages, folder) == {"b.md": [("was", "#new", "New place")]}


def test_section_links_are_in_the_pages_language():
    link = urls.SectionLink(path="/a/", id="s", url="https://x.org/a/#s", title="S", page_title="A", qr="assets/qr/a--s.svg")
    page = urls.PageLink(path="/a/", url="https://x.org/a/", src="a.md", title="A", description="", qr="assets/qr/a.svg", handout=False)
    assert "| Part of a page |" in urls.section_links_markdown([link], {"/a/": "a.md"})
    assert "| Part of a page |" in urls.template_names([page], [link])["section_links"]()
    assert "| Parte de una página |" in urls.template_names([page], [link], language="es")["section_links"]()
