"""Two dates under every page, kept apart:

- the clinical review status, from data/reviews.yml (guide/reviews.py, tests/content/test_reviews_built.py);
- "Last changed": the last git commit that touched the page's file
  (guide/prepare.py asks git), or the build date without git.

The strict build must pass without git (a download or a copy of the files) and
in a shallow clone. These tests build the site several times, so they run in
the full test run (`make test`), not in the quick `pytest -m content`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from bs4 import BeautifulSoup

from planting import edit
from project import copy_project, run_build

FIRST_COMMIT = "2024-03-05T12:00:00+00:00"
SECOND_COMMIT = "2024-06-07T12:00:00+00:00"


def build(root: Path) -> subprocess.CompletedProcess:
    return run_build(root / "site", cwd=root)


def dates(site: Path, page: str) -> dict[str, str]:
    """The labelled dates at the foot of a built page: {"Last changed": "5 March 2024", ...}."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    found = {}
    for time in soup.select("article time"):
        label = re.sub(r"\s+", " ", time.previous_sibling or "").strip(" :\u00a0·")
        found[label.split(":")[-1].strip()] = time.get_text(strip=True)
    return found


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def long_date(iso: str) -> str:
    day = datetime.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def test_without_git_last_changed_falls_back_to_the_build_date(tmp_path):
    root = copy_project(tmp_path / "no-git")  # no .git folder, and none above it
    assert not any((parent / ".git").exists() for parent in [root, *root.parents])
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    today = datetime.now(timezone.utc)
    shown = dates(root / "site", "index.html")
    assert shown["Last changed"] == long_date(today.isoformat()), shown
    assert "'Last changed' shows the build date" in result.stdout + result.stderr
    # The readers' changelog comes from git: without it, the page says so instead of listing nothing.
    changes = BeautifulSoup((root / "site" / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "the list of changes is not available here" in changes.select_one(".sg-changes").get_text(" ", strip=True)


def test_last_changed_follows_git_even_in_a_shallow_clone(tmp_path):
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first", when=FIRST_COMMIT)
    edit(repo / "docs" / "index.md", "\n# ", "\n<!-- a small edit -->\n\n# ")
    git(repo, "commit", "-q", "-am", "edit the home page", when=SECOND_COMMIT)

    full = build(repo)
    assert full.returncode == 0, full.stdout + full.stderr
    assert dates(repo / "site", "index.html")["Last changed"] == long_date(SECOND_COMMIT)
    assert dates(repo / "site", "glossary/index.html")["Last changed"] == long_date(FIRST_COMMIT)

    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    shutil.copytree(repo / "build", shallow / "build")  # the figure cache (build/ is not in git)
    result = build(shallow)
    assert result.returncode == 0, result.stdout + result.stderr
    # A shallow clone knows only its newest commit: every page gets that date, and the build passes.
    assert dates(shallow / "site", "glossary/index.html")["Last changed"] == long_date(SECOND_COMMIT)


def test_dates_are_labelled_apart_on_the_real_site(built_site):
    shown = dates(built_site, "index.html")
    assert "Last changed" in shown, shown
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    status = soup.select_one("article .sg-review").get_text(" ", strip=True)
    assert re.match(r"(Not yet clinically reviewed|Clinically reviewed by|Changed since its clinical review)", status), status
    assert "Last changed" not in status
