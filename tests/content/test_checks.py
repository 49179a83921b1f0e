"""The editors' content checks (guide/checks/): `pytest -m content`.

First, each check runs on the real pages and prints every problem it finds.
Then, for each check, a copy of the project gets one planted mistake and the
check must report it as `docs/PATH.md:LINE: what is wrong: how to fix it`.
Mistakes that only the built site shows are built in the background
(planting.background_builds), so the whole file stays fast.
"""

from __future__ import annotations

import pytest

from guide import checks
from guide.data import load
from planting import (HARD_PROSE, append, background_builds, edit, line_of, planted,  # noqa: F401 (fixture)
                      problems_text, set_front_matter)
from project import copy_project

pytestmark = pytest.mark.content


@pytest.fixture(autouse=True, scope="module")
def _start_background_builds(background_builds):
    """Start the planted builds with the first test, so they overlap the others."""


@pytest.fixture
def tree(tmp_path) -> checks.Tree:
    """A fresh copy of the project, without a build: for checks that read the Markdown."""
    return checks.Tree(root=copy_project(tmp_path / "project"))


# --- the real pages ---------------------------------------------------------------


@pytest.mark.parametrize("check", checks.SITE_CHECKS, ids=lambda c: c.__name__)
def test_built_site_checks_pass(check, built_site):
    problems = check(checks.Tree(site_dir=built_site))
    assert not problems, f"{len(problems)} problem(s):{problems_text(problems)}"


# --- one planted mistake per check, in the Markdown ------------------------------------


def test_front_matter_hand_typed_review_date(tree):
    # Review dates live in data/reviews.yml, bound to the text reviewed (guide/reviews.py).
    text = (tree.docs_dir / "index.md").read_text(encoding="utf-8")
    (tree.docs_dir / "index.md").write_text(text.replace("---\n", "---\nreviewed: 2026-01-10\n", 1), encoding="utf-8")
    problems = checks.check_front_matter(tree)
    assert problems == ["docs/index.md:2: front matter: `reviewed` is no longer used: delete the line; a clinical review is "
                        "recorded with `python -m guide.reviews sign` (see CONTRIBUTING.md)"], problems_text(problems)


def test_front_matter_missing_field(tree):
    set_front_matter(tree.root, "glossary.md", "description", None)
    problems = checks.check_front_matter(tree)
    assert problems == ["docs/glossary.md:1: front matter: `description` is missing: "
                        "add it at the top, between the --- lines (see CONTRIBUTING.md)"], problems_text(problems)


def test_front_matter_that_cannot_be_read(tree):
    set_front_matter(tree.root, "index.md", "sources", "[rail2025")  # no closing bracket
    problems = checks.check_front_matter(tree)
    assert len(problems) == 1 and problems[0].startswith("docs/index.md:"), problems_text(problems)
    assert ": front matter: cannot be read (" in problems[0] and problems[0].endswith(
        "write each line as `key: value`, lists as [a, b], like the other pages")


def test_sources_unknown_citation(tree):
    line = append(tree.root, "index.md", 'As one study found {{ cite("smith1999") }}.')
    problems = checks.check_sources(tree)
    assert problems == [f"docs/index.md:{line}: cite('smith1999'): unknown source id: "
                        "add it to data/sources.yml or fix the spelling"], problems_text(problems)


def test_sources_nobody_cites(tree):
    sources = tree.data_dir / "sources.yml"
    sources.write_text(sources.read_text() + "\nunused2020:\n  label: Nobody\n  title: An unused source\n  publisher: Nobody\n"
                       "  url: https://example.org/\n  kind: summary\n")
    problems = checks.check_sources(tree)
    line = line_of(sources, "unused2020:")
    assert problems == [f"data/sources.yml:{line}: unused2020: no page or data file cites this source: "
                        "list it under `sources:` on the page that uses it, or delete it"], problems_text(problems)


def test_nav_page_missing_from_menu(tree):
    edit(tree.root / "mkdocs.yml", "  - Glossary: glossary.md\n", "")
    problems = checks.check_nav(tree)
    assert problems == ["docs/glossary.md:1: the page is not in the menu: add a line for it under `nav:` in mkdocs.yml"]


def test_nav_entry_without_page(tree):
    edit(tree.root / "mkdocs.yml", "  - Glossary: glossary.md\n", "  - Glossary: glossary.md\n  - Extra: extra-page.md\n")
    line = line_of(tree.root / "mkdocs.yml", "extra-page.md")
    problems = checks.check_nav(tree)
    assert problems == [f"mkdocs.yml:{line}: nav: 'extra-page.md' is not a page in docs/: fix the file name, or remove the line"]


def test_links_to_a_missing_page_without_a_build(tree):
    line = append(tree.root, "treatment/myectomy.md", "Read [more](../no-such-page.md).")
    problems = checks.check_links(tree)
    assert problems == [f"docs/treatment/myectomy.md:{line}: link to '../no-such-page.md': there is no such page in docs/: "
                        "check the file name and folder (../ goes up one folder)"], problems_text(problems)


def test_links_written_in_html_are_asked_for_in_markdown(tree):
    # Zensical rewrites links in raw HTML as if relative to the Markdown file: they break there.
    line = append(tree.root, "treatment/myectomy.md", '<p>See <a href="../about.md">about us</a> and '
                  '<img src="../assets/logo.svg" alt="Logo"> or <a href="#top">the top</a>.</p>')
    problems = checks.check_links(tree)
    expected = ("a link written in HTML: write it in Markdown, [words](page.md) or ![description](file.svg), "
                "so the build checks it and every generator writes it right")
    assert problems == [f"docs/treatment/myectomy.md:{line}: link to '../about.md': {expected}",
                        f"docs/treatment/myectomy.md:{line}: link to '../assets/logo.svg': {expected}"], problems_text(problems)


def test_headings_second_main_heading(tree):
    line = append(tree.root, "index.md", "# Another main heading\n\nText.")
    problems = checks.check_headings(tree)
    assert problems == [f"docs/index.md:{line}: a second main heading (#): a page has one; "
                        "make this one a section heading (##)"], problems_text(problems)


def test_headings_skipped_level(tree):
    line = append(tree.root, "index.md", "## A section\n\nText.\n\n#### Too deep\n\nText.") + 4
    problems = checks.check_headings(tree)
    assert problems == [f"docs/index.md:{line}: heading level jumps from ## to ####: "
                        "use ### here (or add the missing level above it)"], problems_text(problems)


def test_spelling_common_and_medical_misspellings(tree):
    line = append(tree.root, "glossary.md", "Teh face.\n\nThis is synkenesis.\n\nAn OT can help.")
    problems = checks.check_spelling(tree)
    assert problems == [
        f"docs/glossary.md:{line}: spelling: 'Teh' looks misspelt: write 'The' (if 'Teh' is right, add it to .codespell-words.txt)",
        f"docs/glossary.md:{line + 2}: spelling: 'synkenesis' looks misspelt: write 'synkinesis' "
        "(if 'synkenesis' is right, add it to .codespell-words.txt)",
    ], problems_text(problems)  # "OT" (occupational therapist) is in the project's word list


def only_page(tree: checks.Tree, src: str) -> None:
    """Delete every other page of the copy: the linter is slow, and one page shows the point."""
    for page in tree.docs_dir.rglob("*.md"):
        if page.relative_to(tree.docs_dir).as_posix() != src:
            page.unlink()


def test_markdown_style_list_without_blank_line(tree):
    only_page(tree, "index.md")
    line = append(tree.root, "index.md", "You may notice:\n- one thing\n- another thing")
    problems = checks.check_markdown_style(tree)
    assert problems == [f"docs/index.md:{line + 1}: Markdown style: Lists should be surrounded by blank lines (MD032): "
                        "leave an empty line before and after the list"], problems_text(problems)


def test_markdown_style_template_lines_are_not_text(tree):
    only_page(tree, "index.md")
    append(tree.root, "index.md", "Our pages:\n\n{% for t in treatments.values() %}\n- {{ t.name }}\n{% endfor %}\n\nEnd.")
    assert checks.check_markdown_style(tree) == []


# --- planted mistakes that only the built site shows (built in the background) ---------------


def test_links_and_anchors_in_the_built_site(background_builds):
    build = planted(background_builds, "site")
    problems = checks.check_links(build.tree)
    line = build.lines["links"]
    # MkDocs' strict build saw the first two links too: each is reported once.
    assert "no-such-page.md" in build.tree.build_log and "no-such-section" in build.tree.build_log
    assert len(problems) == 3, problems_text(problems)
    assert problems[0] == (f"docs/index.md:{line}: link to 'no-such-page.md': there is no such page in docs/: "
                           "check the file name and folder (../ goes up one folder)")
    assert problems[1].startswith(f"docs/index.md:{line}: link to 'what-is-synkinesis.md#no-such-section': "
                                  "'what-is-synkinesis.md' has no section '#no-such-section': use one of: #")
    # A link that a template makes: our scan skips {{ }}, MkDocs' check finds it.
    assert problems[2] == (f"docs/index.md:{build.lines['template link']}: link to 'gone-page.md': the target is not found "
                           "among documentation files: fix the address (pages end in .md)")


def test_alt_text(background_builds):
    build = planted(background_builds, "site")
    problems = checks.check_alt_text(build.tree)
    assert problems == [f"docs/index.md:{build.lines['alt']}: image 'assets/figures/natural_course.svg' has no alt text: "
                        "describe what it shows in the square brackets, e.g. "
                        "![Chart of scores rising, then levelling off](assets/figures/natural_course.svg)"], problems_text(problems)


def test_readability_per_page_and_median(background_builds):
    build = planted(background_builds, "site")
    problems = checks.check_readability(build.tree)
    first_words = " ".join(HARD_PROSE.split()[:5])
    page_problem = [p for p in problems if p.startswith("docs/index.md:") and "reading grade" in p]
    assert page_problem and page_problem[0].startswith(f"docs/index.md:{build.lines['hard:index.md']}: readability: reading grade "), \
        problems_text(problems)
    assert "start with the longest sentence (" in page_problem[0] and first_words in page_problem[0]
    assert any("the median reading grade of all pages is" in p for p in problems), problems_text(problems)


def test_edit_links(background_builds):
    build = planted(background_builds, "site")
    problems = checks.check_edit_links(build.tree)
    assert "docs/index.md:1: the page has no \"Edit this page\" link to its file in the footer: " \
           "set repo_url and edit_uri in mkdocs.yml" in problems
    assert len(problems) == len(build.tree.pages), "every page lost its button"


def test_build_error_names_page_and_line(background_builds):
    build = planted(background_builds, "abort")
    problems = checks.check_build(build.tree)
    # One round: both pages' mistakes in one build, each once, with what the names could be.
    phases = ", ".join(load().phases)  # the phase ids, from data/
    assert problems == [f"docs/index.md:{build.lines['typo']}: unknown variable: no field 'no_such_phase': "
                        f"check the spelling against the files in data/ (names here: {phases})",
                        f"docs/what-is-synkinesis.md:{build.lines['misspelt']}: unknown variable: no field 'fastst': "
                        "did you mean `fastest`?"], problems_text(problems)
    assert not any(p.startswith("mkdocs.yml:1:") for p in problems), "no misleading line about mkdocs.yml"


def test_a_misspelt_variable_gets_the_closest_name(background_builds):
    build = planted(background_builds, "abort")
    assert f"docs/what-is-synkinesis.md:{build.lines['misspelt']}: unknown variable: no field 'fastst': did you mean `fastest`?" \
        in checks.check_build(build.tree), build.tree.build_log
