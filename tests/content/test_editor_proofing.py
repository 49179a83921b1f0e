"""Issue 14's editor-proofing, run the way an editor meets it: `pytest` in a copy.

- a download of the repository (no .git): `pytest -m content` runs, and the
  checks that ask git skip with one line;
- a broken link planted in a page: the first failure `pytest -m content -x`
  shows is the one-line `docs/PAGE.md:LINE: link to ...` message, not a build
  test full of INFO lines;
- a mistake that stops the build: each test that needs the site skips with one
  line, instead of repeating the build's output.

(A CSV with a byte-order mark and a study without a year are in test_data.py.)
These run pytest inside a copy, so they are part of `make test`, not `make content`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planting import append
from project import FIX_CONTENT_FIRST, ROOT, copy_project


@pytest.fixture
def download(tmp_path) -> Path:
    """The project as a download would have it: every file, tests included, no .git."""
    root = copy_project(tmp_path / "download")
    shutil.copytree(ROOT / "tests", root / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pytest.ini", root / "pytest.ini")
    assert not any((parent / ".git").exists() for parent in [root, *root.parents])
    return root


def pytest_in(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTEST_ADDOPTS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-ra", *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


def test_without_git_the_content_checks_run_and_git_checks_skip_with_a_reason(download):
    # The git-only check and a check that needs nothing but the files, side by side.
    result = pytest_in(download, "-m", "content", "-k", "codes_are_built_not_committed or real_data_loads")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "1 passed, 1 skipped" in output, output
    assert "not a git checkout (no .git): git-only check skipped" in output


def test_a_broken_link_is_the_first_failure_and_a_single_line(download):
    line = append(download, "index.md", "See [the new page](no-such-page.md).")
    result = pytest_in(download, "-m", "content", "-x")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    first_failure = next(l for l in output.splitlines() if l.startswith("FAILED "))
    assert "test_markdown_and_data_checks_pass" in first_failure, output
    assert f"docs/index.md:{line}: link to 'no-such-page.md': there is no such page in docs/" in output
    assert "INFO" not in output, "MkDocs' build log is not shown to the editor"


def test_when_the_site_does_not_build_tests_that_need_it_skip_with_one_line(download):
    append(download, "index.md", "Worst at day {{ phases.fastst.start_day }}.")
    result = pytest_in(download, "tests/test_build.py", "tests/test_qr.py", "-m", "content")
    output = result.stdout + result.stderr
    skipped = [l for l in output.splitlines() if l.startswith("SKIPPED") and FIX_CONTENT_FIRST in l]
    assert len(skipped) == 1 and re.match(r"SKIPPED \[[2-9]\d*\] ", skipped[0]), output  # several tests, one line
    assert "INFO" not in output and "Traceback" not in output, output
