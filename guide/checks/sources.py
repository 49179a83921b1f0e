"""Citations: each names a known source the page lists; every source is cited somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from guide.checks.tree import Page, Tree, read, relative, source_ids


CITE = re.compile(r"\bcite\(([^)]*)\)")


def check_sources(tree: Tree) -> list[str]:
    """Citations in the text name known sources listed in front matter; every source is cited somewhere."""
    from guide.data import DataError, cited_ids, load

    known = source_ids(tree)
    problems = []
    for page in tree.pages:
        listed = _listed_sources(page)
        for number, line in page.body():
            for call in CITE.finditer(line):
                for source_id in re.findall(r"[\"']([^\"']+)[\"']", call.group(1)):
                    if source_id not in known:
                        problems.append(f"{page.where}:{number}: cite('{source_id}'): unknown source id: add it to data/sources.yml or fix the spelling")
                    elif source_id not in listed:
                        problems.append(f"{page.where}:{number}: cite('{source_id}'): the source is not in this page's front matter: add it to `sources:` at the top")
    try:
        data = load(tree.data_dir)
    except DataError as error:
        return problems + [relative(str(error), tree.root)]
    used = set().union(*cited_ids(data).values())
    for page in tree.pages:
        used.update(_listed_sources(page))
    sources_file = tree.data_dir / "sources.yml"
    for source_id in sorted(known - used):
        problems.append(f"data/sources.yml:{_line_of_key(sources_file, source_id)}: {source_id}: no page or data file cites this source: "
                        "list it under `sources:` on the page that uses it, or delete it")
    return problems


def _listed_sources(page: Page) -> set[str]:
    sources = page.meta.get("sources")
    return {str(s) for s in sources} if isinstance(sources, list) else set()


def _line_of_key(path: Path, key: str) -> int:
    for number, line in enumerate(read(path).splitlines(), start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1
