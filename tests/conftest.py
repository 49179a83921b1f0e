"""Shared fixtures: the project's paths and one strict build of the site per test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PYTHON = sys.executable


def run_mkdocs_build(site_dir: Path, config: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build` exactly as an editor or CI runs it (strict comes from mkdocs.yml)."""
    command = [PYTHON, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if config:
        command += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with the project's own mkdocs.yml."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


# What a build needs: copied into a temporary folder so tests can plant mistakes
# without touching the real tree.
PROJECT_PARTS = ("docs", "data", "overrides", "hooks", "guide", "build_figures.py", "mkdocs.yml", "requirements.txt")


def copy_project(dest: Path) -> Path:
    import shutil

    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project (no .git, no build/) to plant mistakes in."""
    return copy_project(tmp_path / "project")
