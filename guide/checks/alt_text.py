"""Images: each has alt text, a short description for people who cannot see it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from guide.checks.tree import Tree


def check_alt_text(tree: Tree) -> list[str]:
    """Every image and figure has alt text, a short description for people who cannot see it."""
    problems = []
    for page in tree.pages:
        article = tree.article(page.src)
        if article is None:
            continue
        for image in article.find_all("img"):
            if (image.get("alt") or "").strip():
                continue
            source = image.get("src") or "?"
            name = Path(unquote(source)).stem
            number = page.line_of(Path(source).name) or page.line_of(f'"{name}"') or page.first_heading_line()
            problems.append(f"{page.where}:{number}: image '{source}' has no alt text: describe what it shows "
                            f"in the square brackets, e.g. ![Chart of scores rising, then levelling off]({source})")
        for figure in article.find_all("figure"):
            if not figure.find(["img", "svg", "object", "table"]):
                problems.append(f"{page.where}:{page.first_heading_line()}: a figure has no image: put ![what it shows](file) inside it")
    return problems
