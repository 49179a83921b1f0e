"""The editor's first answer: the problems in the real pages and data, one line each.

These two run before every other test (tests/conftest.py orders them), in a
module of their own: nothing here depends on a copy of the project, so they
always run, and a failure here is the first failure `pytest -m content -x` shows.
When they fail, tests that need the built site or a copy of the project skip
with one line ("fix the content problems above first").
"""

from __future__ import annotations

import pytest

from guide import checks
from planting import problems_text
from project import FIX_CONTENT_FIRST, real_content_problems

pytestmark = pytest.mark.content


def test_markdown_and_data_checks_pass():
    # Runs first (tests/conftest.py): an editor's mistake shows here as
    # `docs/PAGE.md:LINE: ...` lines, before any test that needs the built site.
    problems = list(real_content_problems())
    if problems:  # just the lines, without pytest's repeat of the list
        pytest.fail(f"{len(problems)} problem(s) in the pages or data:{problems_text(problems)}", pytrace=False)


def test_site_builds(site_build):
    # The build's own problems, one line each; link problems the Markdown scan
    # already reported are not repeated, and MkDocs' INFO lines are never shown.
    site_dir, result = site_build
    log = result.stdout + result.stderr
    already = set(checks.check_links(checks.Tree()))
    problems = checks.check_build(checks.Tree(build_log=log))
    problems += [p for p in checks.check_links(checks.Tree(build_log=log)) if p not in already]
    if result.returncode != 0 and not problems:
        pytest.skip(FIX_CONTENT_FIRST)  # the problems are the ones listed by the Markdown checks above
    if problems:
        pytest.fail(f"{len(problems)} problem(s) in the build:{problems_text(problems)}", pytrace=False)
