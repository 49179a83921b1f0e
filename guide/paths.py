"""Where a page is and how to link to it: plain functions, no data loaded.

guide/urls.py (the address manifest), prepare and finish all use these; finish
imports nothing heavier.
"""

from __future__ import annotations

import posixpath
import re


def address(src: str) -> str:
    """The address MkDocs gives a docs/ file: 'treatment/index.md' -> '/treatment/'."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    stem = stem.strip("/")
    return f"/{stem}/" if stem else "/"


def relative_link(from_src: str, target: str) -> str:
    """A link from the page `from_src` to the site path `target` ('standards/'), for raw HTML:
    'treatment/index.md' to 'standards/' -> '../standards/'; to its own page -> './'."""
    here = address(from_src).strip("/")
    link = posixpath.relpath(target.strip("/") or ".", here or ".")
    if link == ".":
        return "./"
    return link + "/" if target.endswith("/") else link


def add_moved_anchors(html: str, moved: list[tuple[str, str, str]]) -> str:
    """Old section ids keep working: an anchor just before the section's new heading on the
    same page, or a line at the end of the page that links to where the section went."""
    for old, href, heading in moved:
        if href.startswith("#"):
            html = re.sub(rf'(<h[1-6][^>]*\sid="{re.escape(href[1:])}")', rf'<span id="{old}" class="sg-moved-anchor"></span>\1', html, count=1)
        else:
            html += f'\n<p id="{old}" class="sg-moved">This part has moved: <a href="{href}">{heading}</a></p>\n'
    return html
