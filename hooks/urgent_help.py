"""MkDocs adapter: the urgent-help box (guide/safety.py) in every page's template.

Separate from hooks/site.py only to keep parallel branches apart; it can move
there as two lines (on_page_context and on_template_context).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import Abort

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guide import safety  # noqa: E402
from guide.data import DataError, load  # noqa: E402

_state: dict = {}


def on_config(config):
    try:
        _state["box"] = safety.urgent_help(load())
    except DataError as error:
        raise Abort(f"Data error: {error}") from None
    return config


def on_page_context(context, page, config, nav):
    context["urgent_help"] = _state["box"]
    return context


def on_template_context(context, template_name, config):
    # Theme pages such as 404.html: the same box as every other page.
    context["urgent_help"] = _state["box"]
    return context
