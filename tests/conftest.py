"""Fixtures for every test: one strict build of the site, and a throw-away project copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from project import copy_project, run_mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with the project's own mkdocs.yml."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project (no .git, no build/) to plant mistakes in."""
    return copy_project(tmp_path / "project")
