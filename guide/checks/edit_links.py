"""Every page has its "Edit this page" link, for editors."""

from __future__ import annotations

import posixpath
import re

from guide.checks.tree import Tree


_EDIT_LINK = re.compile(r'<a href="([^"]+)" rel="edit"')


def check_edit_links(tree: Tree) -> list[str]:
    """Every page has an "Edit this page" link to its file in the repository, for
    editors, in the footer (overrides/partials/footer-editors.html)."""
    repo, edit_uri = str(tree.config.get("repo_url") or ""), str(tree.config.get("edit_uri") or "")
    problems = []
    for page in tree.pages:
        html = tree.html(page.src)
        if html is None:
            continue
        expected = posixpath.join(repo.rstrip("/") + "/", edit_uri, page.src) if repo and edit_uri else None
        footer = html[html.find("</article>"):]
        if not expected or expected not in _EDIT_LINK.findall(footer):
            problems.append(f"{page.where}:1: the page has no \"Edit this page\" link to its file in the footer: "
                            "set repo_url and edit_uri in mkdocs.yml")
    return problems
