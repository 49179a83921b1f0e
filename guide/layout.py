"""HTML for small screens and paper: tables that stack as cards, addresses that wrap whole.

Two changes to a finished page, both plain string work on the HTML that
Python-Markdown and guide/timeline.py write:

- Every table cell gets its column's name (`data-label`), so site.css can show
  each row as a card on a phone, label above value, instead of a table wider
  than the screen. (No ARIA roles: the Nu HTML Checker rejects roles on the
  rows and cells of a real table. Screen readers still hear each value's
  column name, from the label.)
- A web address shown as text (`<code>https://…</code>`, `<span class="sg-url">`)
  may wrap only after a slash: each part between slashes is kept whole, so a
  printed or phone-sized address never splits inside a word or at a hyphen,
  where a reader could mistake the line end for part of the address. Copying
  the text still gives the address unchanged (<wbr> adds no characters).
"""

from __future__ import annotations

import html as html_lib
import re

_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_THEAD = re.compile(r"<thead\b[^>]*>.*?</thead>", re.S)
_TBODY = re.compile(r"<tbody\b[^>]*>.*?</tbody>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</t[hd]>", re.S)
_CELL_OPEN = re.compile(r"<(t[hd])\b([^>]*)>")
_TAG = re.compile(r"<[^>]+>")
_SPANS = re.compile(r"\b(?:col|row)span=")

_URL_TEXT = re.compile(r'(<code>|<span class="sg-url">)(https?://[^\s<>"]+)(</code>|</span>)')


def _text(cell_html: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub(" ", cell_html)).split())


def _add(tag: str, attributes: str) -> str:
    """`<td>` + ` data-label="Page"` -> `<td data-label="Page">`."""
    return tag[:-1] + attributes + ">"


def label_table(table: str) -> str:
    """One table with `data-label` on each body cell and `data-sg-cards` on the table;
    unchanged if it has no header row or merges cells (a card could not name the column)."""
    head = _THEAD.search(table)
    body = _TBODY.search(table)
    if not head or not body or _SPANS.search(table):
        return table
    labels = [_text(match.group(3)) for match in _CELL.finditer(head.group(0))]

    def row(match: re.Match) -> str:
        cells = iter(labels)

        def cell(open_tag: re.Match) -> str:
            label = next(cells, "")
            return _add(open_tag.group(0), f' data-label="{html_lib.escape(label)}"') if label else open_tag.group(0)

        return _CELL_OPEN.sub(cell, match.group(0))

    table = table.replace(body.group(0), _ROW.sub(row, body.group(0)), 1)
    end = table.index(">") + 1
    return _add(table[:end], " data-sg-cards") + table[end:]


def label_tables(page_html: str) -> str:
    """Every table in a page, labelled for cards on phones (see `label_table`)."""
    return _TABLE.sub(lambda match: label_table(match.group(0)), page_html)


def url_parts(url: str) -> list[str]:
    """'https://a.org/b-c/' -> ['https://', 'a.org/', 'b-c/']: the pieces kept whole."""
    scheme, _, rest = url.partition("://")
    parts = [scheme + "://"] if rest else []
    parts += re.findall(r"[^/]*/|[^/]+$", rest if rest else url)
    return [part for part in parts if part]


def breakable_url(url: str) -> str:
    """An address as HTML that wraps only after a slash (see the module's docstring)."""
    return "<wbr>".join(f'<span class="sg-url-part">{part}</span>' for part in url_parts(url))


def breakable_urls(page_html: str) -> str:
    """Every address shown as text in a page (in <code> or <span class="sg-url">) made breakable."""
    return _URL_TEXT.sub(lambda m: m.group(1) + breakable_url(m.group(2)) + m.group(3), page_html)


def prepare(page_html: str) -> str:
    """Both changes, for one finished page."""
    return breakable_urls(label_tables(page_html))
