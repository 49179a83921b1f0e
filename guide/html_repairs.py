"""Repairs to Material's HTML that no template block reaches.

Material writes a few attributes that the Nu HTML Checker rejects or axe-core
flags, in places with no block to extend: the body of base.html, and the
partials search.html and nav-item.html. Copying those templates would freeze
them at one Material version; instead each repair is one narrow substitution on
the finished page. If Material changes its markup, a repair stops matching and
the browser tests (tests/browser/) report the problem again.
"""

from __future__ import annotations

import re

_INPUT = re.compile(r"<input\b[^>]*>", re.I)
_CHECKBOX = re.compile(r"""\btype=["']?checkbox\b""", re.I)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete=["'][^"']*["']""", re.I)
_EMPTY_TABINDEX = re.compile(r"""tabindex=(?:""|'')""")
_SEARCH_DIALOG = re.compile(r"""(<div class="md-search" data-md-component="search" role="dialog")>""")
_SEARCH_INPUT_LABEL = re.compile(r'<input[^>]*class="md-search__input"[^>]*\baria-label="([^"]+)"')
_ID = re.compile(r'\sid="([^"]+)"')
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]+)"')
_LABEL = re.compile(r"<label\b[^>]*>", re.I)
_ARIA_HIDDEN = re.compile(r'\s+aria-hidden="true"')


def drop_checkbox_autocomplete(html: str) -> str:
    """`autocomplete` is not allowed on checkboxes (Nu); Material puts it on its drawer and search toggles."""

    def repair(tag: re.Match) -> str:
        text = tag.group(0)
        return _AUTOCOMPLETE.sub("", text) if _CHECKBOX.search(text) else text

    return _INPUT.sub(repair, html)


def drop_empty_tabindex(html: str) -> str:
    """`tabindex=""` is not a number (Nu); Material writes it on section labels, which need none."""
    # Found by its words, then the spaces before it dropped: a pattern that starts with
    # spaces is tried at every space of the page's indentation (a tenth of finishing a page).
    kept, start = [], 0
    for found in _EMPTY_TABINDEX.finditer(html):
        before = html[start:found.start()]
        if before[-1:].isspace():
            kept.append(before.rstrip())
            start = found.end()
    return "".join(kept) + html[start:]


def name_search_dialog(html: str) -> str:
    """A dialog needs an accessible name (axe `aria-dialog-name`): reuse the search box's own label."""
    label = _SEARCH_INPUT_LABEL.search(html)
    if not label:
        return html
    return _SEARCH_DIALOG.sub(rf'\1 aria-label="{label.group(1)}">', html, count=1)


def drop_dangling_label_for(html: str) -> str:
    """A label's `for` must name a control on the page (Nu). On a section's index page
    Material's table of contents points at a `__toc` toggle it did not write."""
    ids = set(_ID.findall(html))
    return _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)


def drop_hidden_label(html: str) -> str:
    """`aria-hidden` is not allowed on a label for a control (Nu). Zensical writes it on
    the menu's overlay (`<label class="md-overlay" for="__drawer">`); Material does not."""
    return _LABEL.sub(lambda tag: _ARIA_HIDDEN.sub("", tag.group(0)) if " for=" in tag.group(0) else tag.group(0), html)


REPAIRS = (drop_checkbox_autocomplete, drop_empty_tabindex, name_search_dialog, drop_dangling_label_for, drop_hidden_label)


def repair(html: str) -> str:
    """Apply every repair to one finished page."""
    for fix in REPAIRS:
        html = fix(html)
    return html
