"""guide/pages.py and the content checks, against rules stated here (not read from the code).

- A citation must name a source the page lists under `sources:` (CONTRIBUTING.md):
  `cite()` of an unlisted source stops the build naming the page and line.
- Reading grade: every page at most 8 (BRIEF.md); a page between 8 and 9 is flagged.
- A sentence over 30 words is flagged even when the page's grade is fine.
- A full link to our own site (site_url) is an internal link: checked, and flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from guide import checks, pages
from guide.data import load
from planting import append
from project import copy_project

pytestmark = pytest.mark.content

GRADE_LIMIT = 8          # BRIEF.md: every page Flesch-Kincaid <= 8
SENTENCE_LIMIT = 30      # issue 17: a sentence over 30 words is flagged


@pytest.fixture(scope="module")
def data():
    return load()


def context(src="index.md", sources=()):
    return pages.PageContext(src=src, meta={"sources": list(sources)}, body_offset=3)


def test_cite_of_a_listed_source_links_to_it(data):
    source_id = next(iter(data.sources))
    html = pages.render(f'Text {{{{ cite("{source_id}") }}}}.', context(sources=[source_id]), data)
    assert f"#source-{source_id}" in html or source_id in html


def test_cite_of_a_source_the_page_does_not_list_stops_with_page_and_line(data):
    listed, unlisted = list(data.sources)[:2]
    with pytest.raises(pages.PageError) as caught:
        pages.render(f'Line one.\n\nText {{{{ cite("{unlisted}") }}}}.', context(sources=[listed]), data)
    message = str(caught.value)
    assert message.startswith("docs/index.md:6: ") and f"'{unlisted}'" in message and "sources:" in message, message


def test_cite_of_an_unknown_source_stops(data):
    with pytest.raises(pages.PageError, match="unknown source id"):
        pages.render('{{ cite("nobody1900") }}', context(sources=["nobody1900"]), data)


def test_unknown_variable_suggests_the_closest_name(data):
    phase = next(iter(data.phases))
    typo = phase[:-1]
    with pytest.raises(pages.PageError) as caught:
        pages.render(f"{{{{ phases.{typo}.start_day }}}}", context(), data)
    assert str(caught.value) == f"docs/index.md:4: unknown variable: no field '{typo}': did you mean `{phase}`?"


def test_compiled_pages_kept_between_builds_are_never_stale(data, tmp_path, monkeypatch):
    # prepare keeps each page's compiled template in build/cache/templates/ (pages.keep_compiled).
    monkeypatch.setattr(pages._ENV, "bytecode_cache", None)   # this process's cache, put back afterwards
    pages.keep_compiled(tmp_path / "templates")
    phase = next(iter(data.phases))
    first = pages.render(f"Day {{{{ phases.{phase}.start_day }}}}.", context(), data)
    assert list((tmp_path / "templates").iterdir()), "nothing was kept"
    pages._compiled.cache_clear()   # a new process: the code comes from the file
    assert pages.render(f"Day {{{{ phases.{phase}.start_day }}}}.", context(), data) == first
    assert pages.render(f"Days {{{{ phases.{phase}.start_day }}}}.", context(), data) == "Days" + first[3:]   # edited page
    for _ in range(2):   # compiled, then read back from the file: the mistake's line either way
        pages._compiled.cache_clear()
        with pytest.raises(pages.PageError) as caught:
            pages.render(f"Line one.\n\n{{{{ phases.{phase[:-1]}.start_day }}}}", context(), data)
        assert str(caught.value).startswith("docs/index.md:6: unknown variable"), caught.value


def page_tree(tmp_path: Path, text: str) -> checks.Tree:
    """A one-page project whose built page is `text` in one paragraph."""
    root = tmp_path / "p"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Title\n\n" + text + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"<article><h1>Title</h1><p>{text}</p></article>", encoding="utf-8")
    return checks.Tree(root=root, site_dir=site)


def prose_with_grade(low: float, high: float) -> str:
    """Text whose Flesch-Kincaid grade (textstat, the measuring library) lies in (low, high]."""
    easy = "We can help you with this. "
    hard = "Rehabilitation sometimes requires considerable professional coordination. "
    for hard_count in range(1, 40):
        text = (hard * hard_count + easy * (40 - hard_count)).strip()
        if low < textstat.flesch_kincaid_grade(text) <= high:
            return text
    raise AssertionError("test setup: no mix of the two sentences has that grade")


def test_a_page_just_above_grade_8_is_flagged(tmp_path):
    text = prose_with_grade(GRADE_LIMIT, GRADE_LIMIT + 1)
    problems = checks.check_readability(page_tree(tmp_path, text))
    assert any(p.startswith("docs/index.md:") and f"is above {GRADE_LIMIT}" in p for p in problems), problems


def test_a_page_at_grade_8_or_below_is_not_flagged_for_its_grade(tmp_path):
    text = prose_with_grade(GRADE_LIMIT - 1, GRADE_LIMIT)
    problems = checks.check_readability(page_tree(tmp_path, text))
    assert not any("reading grade" in p and "median" not in p for p in problems), problems


def test_a_long_sentence_is_flagged_even_on_an_easy_page(tmp_path):
    long = " ".join(["dogs"] * SENTENCE_LIMIT + ["run."])       # 31 one-syllable words
    just_right = " ".join(["dogs"] * (SENTENCE_LIMIT - 1) + ["run."])
    problems = checks.check_readability(page_tree(tmp_path, f"{long.capitalize()} {just_right.capitalize()} Yes."))
    flagged = [p for p in problems if "sentence of" in p]
    assert flagged == [f"docs/index.md:3: readability: a sentence of {SENTENCE_LIMIT + 1} words (more than {SENTENCE_LIMIT}): "
                       "split it into shorter ones: \"Dogs dogs dogs dogs dogs dogs dogs dogs …\""], problems


def test_a_full_link_to_our_own_site_is_checked_and_flagged(tmp_path):
    root = copy_project(tmp_path / "project")
    tree = checks.Tree(root=root)
    site_url = tree.config["site_url"].rstrip("/")
    good = append(root, "index.md", f"See [myectomy]({site_url}/treatment/myectomy/).")
    bad = append(root, "index.md", f"See [gone]({site_url}/no-such-page/).")
    append(root, "index.md", "See [another site](https://example.org/synkinesis/).")
    problems = checks.check_links(tree)
    assert problems == [
        f"docs/index.md:{good}: link to '{site_url}/treatment/myectomy/': a full address to our own site: write it as "
        "a relative link, [text](treatment/myectomy.md), so it keeps working if the site moves and the checks can follow it",
        f"docs/index.md:{bad}: link to '{site_url}/no-such-page/': there is no page at /no-such-page/ on our site: "
        "link to a page's .md file, relative to this page",
    ], problems
