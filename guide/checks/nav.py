"""The menu: every page is in it (or translated from one that is), every entry is a page."""

from __future__ import annotations

from pathlib import Path

import yaml

from guide import languages
from guide.config import ConfigLoader
from guide.checks.tree import SCHEME, Tree, read


def check_nav(tree: Tree) -> list[str]:
    """Every page is in the menu (nav in mkdocs.yml) and every menu entry is a page."""
    entries = nav_entries(tree.root / "mkdocs.yml")
    problems = []
    for src, line in entries.items():
        if not (tree.docs_dir / src).exists():
            problems.append(f"mkdocs.yml:{line}: nav: '{src}' is not a page in docs/: fix the file name, or remove the line")
    hidden = _not_in_nav(tree.config)
    editions = languages.load(tree.config)
    for page in tree.pages:
        edition = languages.of(page.src, editions)
        if edition.folder:
            # Another edition's menu is the English one, with each page's own short name (guide/prepare.py).
            english = languages.within(page.src, edition)
            if not (tree.docs_dir / english).exists():
                problems.append(f"{page.where}:1: there is no English page docs/{english}: remove this page or rename it "
                                "to match its English page")
            elif not page.meta.get("menu"):
                problems.append(f"{page.where}:1: front matter: `menu` is missing: add the page's short name in the "
                                f"{edition.name} menu")
            continue
        if page.src not in entries and not hidden(page.src):
            problems.append(f"{page.where}:1: the page is not in the menu: add a line for it under `nav:` in mkdocs.yml")
        problems += [f"docs/{other.prefix(page.src)}:1: missing: every page needs its translation here ({other.name}): "
                     f"translate {page.where}"
                     for other in editions if other.folder and not (tree.docs_dir / other.prefix(page.src)).exists()]
    return problems


def nav_entries(config_file: Path) -> dict[str, int]:
    """Every page named in `nav:` with its line in mkdocs.yml."""
    root = yaml.compose(read(config_file), Loader=ConfigLoader)
    nav = next((value for key, value in getattr(root, "value", []) if key.value == "nav"), None)
    found: dict[str, int] = {}

    def walk(node):
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if not SCHEME.match(value) and value.endswith(".md"):
                found[value.lstrip("/")] = node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            for _, value in node.value:
                walk(value)

    if nav is not None:
        walk(nav)
    return found


def _not_in_nav(config: dict):
    """A function telling whether MkDocs' `not_in_nav` setting leaves a page out of the menu on purpose."""
    patterns = str(config.get("not_in_nav") or "").splitlines()
    if not any(p.strip() for p in patterns):
        return lambda src: False
    import pathspec

    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(patterns)
    return lambda src: spec.match_file(src)
