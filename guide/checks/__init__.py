"""Content checks for editors: every problem as one line that says what and where to fix.

    docs/PATH.md:LINE: what is wrong: how to fix it

Each check is a plain function `check_x(tree) -> list[str]` in a module of its
own here, that returns all the problems it finds (an empty list when all is
well). `tree` (tree.py) says where the pages are and, for the checks that read
the finished site, where it was built. The tests (tests/content/, `pytest -m
content`) run each check on the real pages, and on a copy with one planted mistake.

    python -m guide.checks [ROOT]   # build the site into a temporary folder, run every check

CONTRIBUTING.md has an example of each message and what to do about it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from guide import ROOT
from guide.checks.alt_text import check_alt_text
from guide.checks.build import build_site, check_build
from guide.checks.edit_links import check_edit_links
from guide.checks.front_matter import check_front_matter
from guide.checks.headings import check_headings
from guide.checks.links import check_links
from guide.checks.markdown_style import check_markdown_style
from guide.checks.nav import check_nav
from guide.checks.readability import check_readability
from guide.checks.sources import check_sources
from guide.checks.spelling import check_spelling
from guide.checks.tree import Tree

# In the order an editor best fixes them: a build problem can hide the others.
ALL_CHECKS = (check_build, check_front_matter, check_sources, check_nav, check_links, check_headings,
              check_alt_text, check_spelling, check_markdown_style, check_readability, check_edit_links)
# Checks that read only the Markdown and data/ (no build needed): they run first.
# check_links is in both: without a build it checks pages and files, with one also #sections.
MARKDOWN_CHECKS = (check_front_matter, check_sources, check_nav, check_links, check_headings,
                   check_spelling, check_markdown_style)
SITE_CHECKS = (check_links, check_alt_text, check_readability, check_edit_links)


def run_all(tree: Tree) -> list[str]:
    problems = []
    for check in ALL_CHECKS:
        problems += check(tree)
    return list(dict.fromkeys(problems))  # a mistake that stops the build is also found by its own check


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else ROOT
    with tempfile.TemporaryDirectory(prefix="site-") as site_dir:
        _, log = build_site(root, Path(site_dir))
        problems = run_all(Tree(root=root, site_dir=Path(site_dir), build_log=log))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found" if problems else "All content checks passed.", file=sys.stderr)
    return 1 if problems else 0
