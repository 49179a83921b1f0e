"""Shared test helpers: the project's paths, a strict build, a throw-away copy.

A plain module (not conftest.py): several conftest.py files share that module
name, so tests import helpers from here.
"""

from __future__ import annotations

import functools
import csv
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PYTHON = sys.executable

# The one line a test that needs the site shows when the site did not build.
FIX_CONTENT_FIRST = "the site did not build: fix the content problems above first"


def run_build(site_dir: Path, cwd: Path = ROOT, generator: str = "mkdocs", env: dict | None = None) -> subprocess.CompletedProcess:
    """The build's three steps as `make site` runs them (guide/build.py), into `site_dir`, in the project `cwd`."""
    from guide import build

    return build.run(site_dir, root=cwd, generator=generator, env=env)


# A copy has everything a build needs (build/figures too, so nothing is redrawn);
# not history, tools, outputs or the tests themselves.
NOT_COPIED = (".git", ".venv", "node_modules", "site", ".pytest_cache", "__pycache__", "tests", "benchmarks", ".notes",
              "cache")   # build/cache/: the steps' stamps (guide/step.py); a copy starts without them


def plant_manifest(root: Path, text: str):
    """data/urls.yml under `root` with `text` (dedented), loaded by guide/urls.py."""
    from guide import urls

    path = root / "data" / "urls.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return urls.load(path)


def plant_docs(root: Path, files: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """docs/ under `root` with these pages {path: Markdown}; (the folder, {address: docs path})."""
    from guide import urls

    folder = root / "docs"
    for src, text in files.items():
        (folder / src).parent.mkdir(parents=True, exist_ok=True)
        (folder / src).write_text(text, encoding="utf-8")
    return folder, urls.scan_docs(folder)


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project to plant mistakes in.

    Skips (one line) when the real pages or data have a problem: the copy would
    carry it, and every planted-mistake test would fail for the editor's mistake.
    """
    if real_content_problems():
        pytest.skip(FIX_CONTENT_FIRST)
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return dest


@functools.lru_cache(maxsize=1)
def real_content_problems() -> tuple[str, ...]:
    """Every problem the Markdown and data checks find in the real project, each once (run once)."""
    from guide import checks

    return tuple(dict.fromkeys(p for check in checks.MARKDOWN_CHECKS for p in check(checks.Tree())))


def in_git_checkout(path: Path = ROOT) -> bool:
    """Whether `path` is inside a git checkout (a download of the repository is not)."""
    try:
        result = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=path, capture_output=True, text=True)
    except OSError:  # no git installed
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"


# For the few checks that ask git itself (what is committed or ignored): in a
# download of the repository they skip with this one line; everything else runs.
requires_git = pytest.mark.skipif(not in_git_checkout(), reason="not a git checkout (no .git): git-only check skipped")


def _fastest_phase() -> tuple[int, str]:
    """(line, 'fastest,START,END') in data/natural_course.csv, read as plain text: tests plant
    mistakes in it without typing its numbers (an editor may change them)."""
    for number, line in enumerate((ROOT / "data" / "natural_course.csv").read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.startswith("fastest,"):
            return number, ",".join(line.split(",")[:3])
    raise AssertionError("data/natural_course.csv has no 'fastest' row")


FASTEST_LINE, FASTEST_ROW = _fastest_phase()
START, END = (int(n) for n in FASTEST_ROW.split(",")[1:3])


# --- GitHub annotations (used by tests/conftest.py on GitHub Actions) ----------------
PROBLEM_LINE = re.compile(r"^(?:E\s+)?((?:docs|data|overrides)/[^\s:]+|mkdocs\.yml):(\d+): (.+)$")
_annotated: set[str] = set()


def github_annotations(text: str) -> list[str]:
    """`::error file=…,line=…::…` for each problem line in a test's failure report, not seen before."""
    found = []
    for line in text.splitlines():
        match = PROBLEM_LINE.match(line.strip())
        if not match or match.group(0) in _annotated:
            continue
        _annotated.add(match.group(0))
        path, number, problem = match.groups()
        problem = problem.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        found.append(f"::error file={path},line={number}::{problem}")
    return found


def phase_rows() -> list[dict[str, str]]:
    """data/natural_course.csv as rows, read with plain csv (not guide.data): the
    comment lines at its top (starting with #) are left out, as the build does."""
    text = (ROOT / "data" / "natural_course.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
