"""Front matter: the fields every page needs, no hand-typed review dates, known sources."""

from __future__ import annotations

from types import SimpleNamespace

from guide.checks.tree import Tree, source_ids


def check_front_matter(tree: Tree) -> list[str]:
    """Required fields, no hand-typed review dates (see guide/reviews.py), known sources."""
    from guide.pages import check_meta

    known = SimpleNamespace(sources=source_ids(tree))
    problems = []
    for page in tree.pages:
        if page.meta_problem:
            problems.append(f"{page.where}:{page.meta_problem}")
            continue
        problems += [str(p) for p in check_meta(page.src, page.meta, known, lines=page.key_lines)]
    return problems
