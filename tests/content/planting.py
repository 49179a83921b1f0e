"""Helpers for the content-check tests: plant one mistake in a throw-away copy
of the project (tests/project.py makes the copy), and build such copies in the
background.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide import checks
from project import copy_project, run_build


def append(root: Path, src: str, text: str) -> int:
    """Add `text` at the end of docs/SRC; return the line its first line lands on."""
    page = root / "docs" / src
    before = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(before + text.rstrip("\n") + "\n", encoding="utf-8")
    return before.count("\n") + 1


def set_front_matter(root: Path, src: str, key: str, value: str | None) -> int:
    """Change (or, with None, delete) one front-matter line of docs/SRC; return its line."""
    page = root / "docs" / src
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if re.match(rf"^{key}\s*:", line))
    if value is None:
        del lines[number]
    else:
        lines[number] = f"{key}: {value}"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"test setup: {needle!r} not in {path}")


def problems_text(problems: list[str]) -> str:
    return "\n" + "\n".join(problems) if problems else " (none)"


@dataclass
class PlantedBuild:
    """A copy with mistakes planted, built with `mkdocs build` (strict: it may fail)."""

    tree: checks.Tree
    lines: dict[str, int]   # where each mistake was planted


def build(root: Path, lines: dict[str, int]) -> PlantedBuild:
    site = root / "site"
    result = run_build(site, cwd=root)
    return PlantedBuild(checks.Tree(root=root, site_dir=site, build_log=result.stdout + result.stderr), lines)


@pytest.fixture(scope="session")
def background_builds(tmp_path_factory):
    """Two planted copies, built in background threads while the other tests run.

    "site": mistakes that only the built site shows, each on its own: broken
    links and an image without alt text on index.md, hard prose at the end of
    every page, and no "Edit this page" button. "abort": a typo in a
    template variable, which stops the build.
    """
    site_root = copy_project(tmp_path_factory.mktemp("planted") / "project")
    lines = {
        "links": append(site_root, "index.md", "See [a page](no-such-page.md) and [a section](what-is-synkinesis.md#no-such-section)."),
        "alt": append(site_root, "index.md", "![](assets/figures/natural_course.svg)"),
        # A link made by the template: only MkDocs' own link check sees it.
        "template link": append(site_root, "index.md", '{% set gone = "gone-page.md" %}See [another page]({{ gone }}).'),
    }
    for page in sorted((site_root / "docs").rglob("*.md")):
        src = page.relative_to(site_root / "docs").as_posix()
        lines[f"hard:{src}"] = append(site_root, src, HARD_PROSE)
    edit(site_root / "mkdocs.yml", "edit_uri: edit/main/docs/\n", "")

    abort_root = copy_project(tmp_path_factory.mktemp("planted") / "project")
    lines_abort = {"typo": append(abort_root, "index.md", "Worst at day {{ phases.no_such_phase.start_day }}."),
                   "misspelt": append(abort_root, "what-is-synkinesis.md", "Worst at day {{ phases.fastst.start_day }}.")}

    with ThreadPoolExecutor(max_workers=2) as pool:
        yield {"site": pool.submit(build, site_root, lines), "abort": pool.submit(build, abort_root, lines_abort)}


def planted(builds: dict[str, Future], name: str) -> PlantedBuild:
    return builds[name].result()


# Long sentences of long words: a reading grade far above 8 on any page.
HARD_PROSE = (
    "Comprehensive multidisciplinary rehabilitation incorporating individualised neuromuscular "
    "re-education, pharmacological chemodenervation and occasionally microsurgical intervention "
    "necessitates considerable organisational coordination between specialist practitioners, "
    "consequently requiring substantial institutional commitment and longitudinal evaluation "
    "methodologies throughout the therapeutic relationship. Physiological variability "
    "notwithstanding, contemporary evidence demonstrates considerable heterogeneity regarding "
    "interventional effectiveness across heterogeneous populations."
)
