"""The build: it finishes without warnings (links are check_links's)."""

from __future__ import annotations

import re
from pathlib import Path

from guide.checks.links import is_link_warning
from guide.checks.tree import Tree, log_messages


def check_build(tree: Tree) -> list[str]:
    """`mkdocs build` (strict) finished without warnings; links are reported by check_links."""
    problems = []
    for level, message in log_messages(tree.build_log):
        located = re.search(r"((?:docs|data)/[^\s:]+:\d+: .*)", message)
        if level == "TEXT" and located:
            problems.append(located.group(1))
        elif level in ("WARNING", "ERROR") and not is_link_warning(message) and not _is_nav_warning(message):
            problems.append(located.group(1) if located else
                            f"mkdocs.yml:1: the site build says: {message}: fix this first (run `make site` to see it)")
    return list(dict.fromkeys(problems))  # the same error is often printed twice


def _is_nav_warning(message: str) -> bool:
    # check_nav reports these, with the line to change.
    return message.startswith("The following pages exist in the docs directory") or " is included in the 'nav' configuration" in message


def build_site(root: Path, site_dir: Path) -> tuple[int, str]:
    """The build as `make site` runs it (guide/build.py; strict mode comes from mkdocs.yml)."""
    from guide import build

    result = build.run(site_dir, root=root)
    return result.returncode, result.stdout + result.stderr
