"""`mkdocs serve` keeps going when an editor makes a mistake (plain Python).

MkDocs' own preview stops on the first build error, or, on a rebuild, logs a
traceback and leaves the browser waiting. Here a failed rebuild keeps the last
good pages on disk and puts the problem, in plain words, at the top of every
page; the browser reloads as usual, and the box goes away once the problem is
fixed and the file saved.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Callable

log = logging.getLogger("mkdocs.hooks.site")

BOX_ID = "sg-preview-error"
_BOX = re.compile(rf'<div id="{BOX_ID}".*?</div>\n?', re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)


def box(errors: list[str]) -> str:
    """The preview's error box: what to fix, one problem per line (inline styles: the preview has no CSP)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for error in errors for line in error.splitlines())
    return (f'<div id="{BOX_ID}" role="alert" style="background:#fff3cd;color:#000;border:3px solid #b00020;'
            f'padding:1em;margin:0;font:16px/1.5 sans-serif">'
            f"<strong>This preview is not up to date.</strong> Fix this, then save the file:<ul>{items}</ul></div>\n")


def show(page: str, errors: list[str]) -> str:
    """The page with the error box at the top of <body> (an old box removed), or unchanged without errors."""
    page = _BOX.sub("", page)
    body = _BODY.search(page)
    if not errors or body is None:
        return page
    return page[:body.end()] + box(errors) + page[body.end():]


def mark_site(site_dir: Path, errors: list[str]) -> None:
    """Show the errors in every page of the last good build (a failed rebuild wrote none)."""
    for file in Path(site_dir).rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        marked = show(text, errors)
        if marked != text:
            file.write_text(marked, encoding="utf-8")


def keep_serving(builder: Callable[[], None], site_dir: Path, current_errors: Callable[[], list[str]]) -> Callable[[], None]:
    """A rebuild function for `mkdocs serve` that never raises: a failure is shown in the pages instead."""

    def rebuild(*args, **kwargs) -> None:
        try:
            builder(*args, **kwargs)
        except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit-like ClickException
            message = str(getattr(error, "message", None) or error) or type(error).__name__
            errors = [*current_errors(), *([message] if message not in current_errors() else [])]
            log.error("The preview shows the last good build. %s", message)
            mark_site(site_dir, errors)

    return rebuild
