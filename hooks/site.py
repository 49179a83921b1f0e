"""MkDocs adapter for guide/: the only file that knows about MkDocs.

Each hook is a thin call into plain Python (guide/, build_figures.py), so the
same logic runs as scripts and would move with us to another generator.
Problems stop the build with one line that says what and where to fix.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build_figures  # noqa: E402
from guide import pages  # noqa: E402
from guide.data import DataError, load  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")
_state: dict = {}


def on_config(config):
    try:
        _state["data"] = load()
    except DataError as error:
        raise Abort(f"Data error: {error}") from None
    return config


def on_files(files, config):
    try:
        svgs = build_figures.build()
    except DataError as error:
        raise Abort(f"Data error: {error}") from None
    for svg in svgs:
        uri = pages.FIGURE_URL.format(name=svg.stem)
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    return files


def on_page_markdown(markdown, page, config, files):
    data = _state["data"]
    src = page.file.src_uri
    problems = pages.check_meta(src, page.meta, data)
    if problems:
        raise Abort("Page error: " + str(problems[0]))
    context = pages.PageContext(src=src, meta=page.meta, body_offset=pages.front_matter_lines(page.file.content_string))
    try:
        return pages.render(markdown, context, data)
    except pages.PageError as error:
        raise Abort(f"Page error: {error}") from None


def on_page_content(html, page, config, files):
    # The Sources section comes from a template (overrides/partials/page-sources.html),
    # after Markdown: tell MkDocs' link checker about the anchors it will add.
    page.present_anchor_ids |= pages.source_anchors(page.meta)
    return html


def on_page_context(context, page, config, nav):
    data = _state["data"]
    context["page_sources"] = pages.sources_for(page.meta, data)
    context["review"] = pages.review_dates(page.meta)
    return context


def on_serve(server, config, builder):
    # Editing a number in data/ must redraw figures and text in the preview.
    server.watch(str(ROOT / "data"))
    return server
