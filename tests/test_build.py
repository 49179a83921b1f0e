"""The strict MkDocs build: figures, numbers from data/, and clear errors.

The checks of the real build are part of the fast editor check (`-m content`);
those that build planted copies of the project take longer and run in the full suite.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import build_figures
from project import FASTEST_LINE, FASTEST_ROW, START, END  # values from data/
from project import ROOT, run_build

def article_pages(site: Path):
    for html in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is not None:
            yield html.relative_to(site).as_posix(), article


@pytest.mark.content
def test_strict_build_passes(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "changes-over-time" / "index.html").exists()


@pytest.mark.content
def test_every_figure_has_alt_text_and_a_table(built_site):
    seen = set()
    for page, article in article_pages(built_site):
        for figure in article.select("figure.sg-figure"):
            img = figure.find("img")
            name = Path(img["src"]).stem
            seen.add(name)
            assert img.get("alt", "").strip(), f"{page}: figure {name} has no alt text"
            assert figure.find("figcaption").get_text(strip=True), f"{page}: figure {name} has no caption"
            table_id = "table-" + name.replace("_", "-")
            assert article.find(id=table_id), f"{page}: figure {name} has no data table"
            assert article.find(id=table_id).find_next("table"), f"{page}: figure {name}: table missing"
    assert seen == set(build_figures.FIGURES), "every figure is shown on some page"


@pytest.mark.content
def test_figures_are_generated_not_committed(built_site):
    for name in build_figures.FIGURES:
        assert (built_site / "assets" / "figures" / f"{name}.svg").exists()
    assert not list((ROOT / "docs").rglob("*.svg")), "figures are build outputs: none in docs/"


def test_unknown_variable_fails_naming_page_and_variable(project_copy):
    page = project_copy / "docs" / "changes-over-time.md"
    lines = page.read_text().splitlines()
    lines.append("")
    lines.append("The worst is at day {{ phases.fastst.start_day }}.")
    page.write_text("\n".join(lines) + "\n")
    result = run_build(project_copy / "site", cwd=project_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"docs/changes-over-time.md:{len(lines)}: unknown variable: no field 'fastst'" in output
    assert "Traceback" not in output


def test_bad_data_stops_the_build_with_one_line(project_copy):
    csv = project_copy / "data" / "natural_course.csv"
    csv.write_text(csv.read_text().replace(FASTEST_ROW, f"fastest,{START},{START - 50}"))
    result = run_build(project_copy / "site", cwd=project_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"data/natural_course.csv:{FASTEST_LINE}: end_day: must be greater than start_day (got {START - 50} < {START})" in output
    assert "Traceback" not in output


def test_changing_one_number_changes_figure_and_text(project_copy):
    first = run_build(project_copy / "site-a", cwd=project_copy)
    assert first.returncode == 0, first.stderr
    csv = project_copy / "data" / "natural_course.csv"
    csv.write_text(csv.read_text().replace(FASTEST_ROW, f"fastest,{START},{END + 30}"))
    second = run_build(project_copy / "site-b", cwd=project_copy)
    assert second.returncode == 0, second.stderr

    def page_text(site):
        return (project_copy / site / "changes-over-time" / "index.html").read_text()

    def figure(site):
        return (project_copy / site / "assets" / "figures" / "natural_course.svg").read_bytes()

    assert figure("site-a") != figure("site-b")
    assert re.search(rf"between\s+day {START} and day {END}", page_text("site-a"))
    assert re.search(rf"between\s+day {START} and day {END + 30}", page_text("site-b"))
