"""Headings: one main heading per page, no skipped levels."""

from __future__ import annotations

import re

from guide.checks.tree import HEADING, Tree


HTML_HEADING = re.compile(r"<h([1-6])\b", re.I)


def check_headings(tree: Tree) -> list[str]:
    """One main heading (#) per page, and no skipped levels (## then ####)."""
    problems = []
    for page in tree.pages:
        previous = 0
        h1_lines = []
        for number, line in page.body():
            match = HEADING.match(line)
            html = HTML_HEADING.search(line)
            if not (match or html):
                continue
            level = len(match.group(1)) if match else int(html.group(1))
            if level == 1:
                h1_lines.append(number)
            elif level > previous + 1:
                expected = "#" * (previous + 1)
                problems.append(f"{page.where}:{number}: heading level jumps from {'#' * previous or 'the top of the page'} to {'#' * level}: "
                                f"use {expected} here (or add the missing level above it)")
            previous = level
        if not h1_lines:
            problems.append(f"{page.where}:{page.body_start + 1}: the page has no main heading: start it with one line `# Title`")
        for number in h1_lines[1:]:
            problems.append(f"{page.where}:{number}: a second main heading (#): a page has one; make this one a section heading (##)")
    return problems
