"""guide/layout.py: table cells carry their column's name (cards on phones);
web addresses wrap only after a slash."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from guide.layout import breakable_url, label_table, prepare

pytestmark = pytest.mark.content

TABLE = ('<table>\n<thead>\n<tr>\n<th style="text-align: left;">Page</th>\n<th>Address &amp; code</th>\n</tr>\n</thead>\n'
         '<tbody>\n<tr>\n<td><a href="x">A</a></td>\n<td><code>https://a.org/b-c/</code></td>\n</tr>\n'
         '<tr>\n<th scope="row"><strong>B</strong><br>b</th>\n<td>two</td>\n</tr>\n</tbody>\n</table>')


def test_every_body_cell_is_labelled_with_its_column():
    soup = BeautifulSoup(label_table(TABLE), "html.parser")
    assert soup.table.has_attr("data-sg-cards")
    labels = [[cell.get("data-label") for cell in row.find_all(["td", "th"])] for row in soup.tbody.find_all("tr")]
    assert labels == [["Page", "Address & code"], ["Page", "Address & code"]]
    assert not soup.thead.find(attrs={"data-label": True}), "the header row keeps its own cells"


def test_tables_that_merge_cells_or_lack_a_header_stay_as_they_are():
    merged = TABLE.replace("<td>two</td>", '<td colspan="2">two</td>')
    headless = re.sub(r"<thead>.*?</thead>", "", TABLE, flags=re.S)
    assert label_table(merged) == merged
    assert label_table(headless) == headless


def test_an_address_breaks_only_after_a_slash_and_reads_unchanged():
    url = "https://synkinesis-guide.github.io/synkinesis/changes-over-time/"
    html = breakable_url(url)
    parts = [span.get_text() for span in BeautifulSoup(html, "html.parser").find_all("span", class_="sg-url-part")]
    assert "".join(parts) == url, "copying the address gives it unchanged"
    assert all(part.endswith("/") for part in parts[:-1]) and parts[-1] == "changes-over-time/"
    assert html.count("<wbr>") == len(parts) - 1, "a break opportunity after each slash only"


def test_addresses_in_code_and_sg_url_only():
    page = '<p><code>https://a.org/x/</code> <span class="sg-url">https://a.org/y</span> <code>not/a/url</code></p>'
    soup = BeautifulSoup(prepare(page), "html.parser")
    assert [s.get_text() for s in soup.find_all(class_="sg-url-part")] == ["https://", "a.org/", "x/", "https://", "a.org/", "y"]
    assert soup.find_all("code")[1].get_text() == "not/a/url" and not soup.find_all("code")[1].find("span")


def test_built_tables_are_all_labelled(built_site):
    """Every data table on every page becomes cards on a phone: none was skipped."""
    problems = []
    for file in sorted(built_site.rglob("*.html")):
        for table in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("article table"):
            unlabelled = [c for c in table.select("tbody td, tbody th") if not c.get("data-label")]
            if not table.has_attr("data-sg-cards") or unlabelled:
                problems.append(f"{file.relative_to(built_site)}: table {table.get_text(' ', strip=True)[:40]!r}")
    assert not problems, "\n".join(problems)
