"""Fixtures for every test: one strict build of the site, and a throw-away project copy.

One planted mistake must give an editor one short list of problems, not a wall
of build output repeated by every test that needs the site. So:

- the content checks that read only the Markdown and data/ run first
  (tests/content/test_checks.py::test_markdown_and_data_checks_pass prints each
  problem as `docs/PAGE.md:LINE: ...`);
- the site is built once; if that fails, the one test
  `test_site_builds` shows why (in the same one-line form), and every other
  test that needs the site is skipped with one line:
  "fix the content problems above first".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from project import FIX_CONTENT_FIRST, ROOT, copy_project, github_annotations, run_build


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """(site folder, `mkdocs build` result) of the real site, built once."""
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, run_build(site_dir)


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The real site, built once with the project's own mkdocs.yml (skips when it does not build)."""
    site_dir, result = site_build
    if result.returncode != 0:
        pytest.skip(FIX_CONTENT_FIRST)
    return site_dir


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory):
    """(site folder, build result) of the real site built with Zensical instead of MkDocs, once."""
    site_dir = tmp_path_factory.mktemp("site-zensical")
    return site_dir, run_build(site_dir, generator="zensical")


@pytest.fixture(scope="session")
def zensical_site(zensical_build, built_site) -> Path:
    """The real site built with Zensical (tests/test_generators.py). Skips, as `built_site`
    does, when the content does not build; a Zensical-only failure is
    tests/test_generators.py::test_zensical_builds's to report."""
    site_dir, result = zensical_build
    if result.returncode != 0:
        pytest.skip("the site did not build with Zensical: see tests/test_generators.py::test_zensical_builds")
    return site_dir


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A throw-away copy of data/ alone, to plant a data mistake in (faster than a project copy)."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project (no .git, no build/) to plant mistakes in."""
    return copy_project(tmp_path / "project")


# Tests that read only Markdown and data first, then the build, then everything
# else: `pytest -x` then stops at the editor's own mistake, not at a test that
# needs the site.
FIRST = ("test_markdown_and_data_checks_pass", "test_site_builds")


def pytest_collection_modifyitems(session, config, items):
    def rank(item) -> int:
        name = item.originalname if hasattr(item, "originalname") else item.name
        if name in FIRST:
            return FIRST.index(name)
        return len(FIRST) + (0 if item.get_closest_marker("content") else 1)

    items.sort(key=rank)  # stable: the order inside each group is unchanged
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.builds)


# Fixtures that build the site (`mkdocs build` or `zensical build`) in a subprocess: `make mutation` leaves their tests out.
BUILD_FIXTURES = {"built_site", "site_build", "zensical_site", "zensical_build", "background_builds", "project_copy", "download"}


# --- GitHub annotations ------------------------------------------------------------
# On GitHub Actions every `docs/PAGE.md:LINE: problem` line of a failed test becomes
# an annotation on that line of the pull request, and a line of the job summary.
# Each problem once, however many tests print it.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Every "fix the content problems above first" skip at one place, so pytest's
    # summary shows it as one line ("SKIPPED [N] ...") rather than one per test.
    outcome = yield
    report = outcome.get_result()
    if report.skipped and isinstance(report.longrepr, tuple) and report.longrepr[2].endswith(FIX_CONTENT_FIRST):
        report.longrepr = (str(Path(__file__).relative_to(Path.cwd()) if Path.cwd() in Path(__file__).parents else __file__),
                           1, report.longrepr[2])


def pytest_runtest_logreport(report):
    if not report.failed or os.environ.get("GITHUB_ACTIONS") != "true":
        return
    annotations = github_annotations(report.longreprtext)
    if annotations:  # GitHub reads `::error` only at the start of a line, not after pytest's "F"
        print("\n" + "\n".join(annotations), flush=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and annotations:
        with open(summary, "a", encoding="utf-8") as out:
            for annotation in annotations:
                where, _, problem = annotation.removeprefix("::error file=").partition("::")
                out.write(f"- `{where.replace(',line=', ':')}`: {problem}\n")
