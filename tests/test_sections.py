"""Section links that never break: the ids in data/urls.yml `sections:` (guide/urls.py).

A letter links to one part of a page (/treatment/botulinum-toxin/#what-happens-on-the-day).
Renaming the heading must keep the link; removing it must stop the build unless
`moved:` says where it went, and then the old link must still lead there.
"""

from __future__ import annotations

import re

import pytest

from guide import paths, urls
from project import ROOT, run_build

DOCS = ROOT / "docs"


def manifest_and_pages():
    return urls.load(), urls.scan_docs(DOCS)


@pytest.mark.content
def test_the_project_passes():
    manifest, pages = manifest_and_pages()
    assert urls.check_sections(manifest, pages, DOCS) == []


@pytest.mark.content
def test_every_recorded_id_is_written_on_a_heading_of_its_page():
    # Written out ({ #id }), not made from the heading's words, so renaming keeps it.
    manifest, pages = manifest_and_pages()
    for entry in manifest.pages:
        text = (DOCS / pages[entry.path]).read_text(encoding="utf-8")
        for sid in entry.sections:
            assert re.search(rf"^##+ .*\{{ *#{sid} *\}}\s*$", text, re.M), f"{entry.path}#{sid} is not on a heading"


@pytest.mark.content
def test_letters_deep_links_are_recorded_sections():
    manifest, _ = manifest_and_pages()
    letters = [(entry.path, sid) for entry in manifest.pages for sid in entry.letters]
    assert letters, "no section is offered for letters"
    for path, sid in letters:
        assert sid in next(e for e in manifest.pages if e.path == path).sections


def _copy_with(project_copy, page: str, old: str, new: str, manifest_old: str = "", manifest_new: str = ""):
    file = project_copy / "docs" / page
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    if manifest_old:
        data = project_copy / "data" / "urls.yml"
        content = data.read_text(encoding="utf-8")
        assert manifest_old in content
        data.write_text(content.replace(manifest_old, manifest_new, 1), encoding="utf-8")


HEADING = "## What happens on the day? { #what-happens-on-the-day }"


def test_renaming_a_heading_keeps_its_link(project_copy, tmp_path):
    _copy_with(project_copy, "treatment/botulinum-toxin.md", HEADING, "## Your appointment { #what-happens-on-the-day }")
    result = run_build(tmp_path / "site", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "treatment" / "botulinum-toxin" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="what-happens-on-the-day">Your appointment', html)


def test_removing_a_recorded_section_stops_the_build(project_copy, tmp_path):
    _copy_with(project_copy, "treatment/botulinum-toxin.md", HEADING, "## What happens on the day?")
    result = run_build(tmp_path / "site", cwd=project_copy)
    assert result.returncode != 0
    assert re.search(r"data/urls\.yml:\d+: /treatment/botulinum-toxin/#what-happens-on-the-day: docs/treatment/botulinum-toxin\.md "
                     r"has no heading with \{ #what-happens-on-the-day \}", result.stdout + result.stderr), result.stdout + result.stderr


def test_a_moved_section_keeps_its_old_link(project_copy, tmp_path):
    # The section is gone from the page; the manifest sends its old id to the treatments overview.
    _copy_with(project_copy, "treatment/botulinum-toxin.md", HEADING, "## What happens on the day?",
               "what-does-it-feel-like, what-happens-on-the-day, ",
               "what-does-it-feel-like, ")
    data = project_copy / "data" / "urls.yml"
    content = data.read_text(encoding="utf-8")
    content = content.replace("    letters: [what-happens-on-the-day, are-there-side-effects-or-risks]",
                              "    letters: [are-there-side-effects-or-risks]")
    # The page already lists sections that moved earlier: add this one to its moved: map.
    content = content.replace("    moved: {who-may-it-help:",
                              '    moved: {what-happens-on-the-day: "/treatment/#what-treatments-are-there", who-may-it-help:')
    data.write_text(content, encoding="utf-8")
    result = run_build(tmp_path / "site", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "treatment" / "botulinum-toxin" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p id="what-happens-on-the-day" class="sg-moved">This part has moved: <a href="\.\./#what-treatments-are-there">', html)


@pytest.mark.content
def test_a_section_moved_on_the_same_page_gets_an_anchor_at_its_new_heading():
    html = '<h2 id="key-facts">Key facts</h2><h2 id="when">When</h2>'
    moved = paths.add_moved_anchors(html, [("old-when", "#when", "When")])
    assert moved == '<h2 id="key-facts">Key facts</h2><span id="old-when" class="sg-moved-anchor"></span><h2 id="when">When</h2>'


@pytest.mark.content
def test_a_new_section_id_must_be_recorded(tmp_path):
    manifest, pages = manifest_and_pages()
    docs = tmp_path / "docs"
    for path, src in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text((DOCS / src).read_text(encoding="utf-8"), encoding="utf-8")
    glossary = docs / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n## Other words { #other-words }\n", encoding="utf-8")
    problems = urls.check_sections(manifest, pages, docs)
    assert len(problems) == 1 and "docs/glossary.md:" in problems[0] and "#other-words" in problems[0], problems
