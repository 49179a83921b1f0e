"""build_figures.py: reproducible, cached, safe on bad data, accessible SVG."""

from __future__ import annotations

import collections
import re
import subprocess
from xml.etree import ElementTree

import pytest
import yaml

import build_figures
from project import FASTEST_LINE, FASTEST_ROW, START, END  # values from data/
from project import PYTHON, ROOT, phase_rows
from guide.data import DataError, load

# Browser-free and quick: part of `make content` (a data edit redraws figures).
pytestmark = pytest.mark.content


def test_two_runs_give_identical_bytes(tmp_path):
    first = build_figures.build(tmp_path / "a", force=True)
    second = build_figures.build(tmp_path / "b", force=True)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between runs"


def test_unchanged_inputs_leave_files_untouched(tmp_path):
    paths = build_figures.build(tmp_path, force=True)
    before = {p: p.stat().st_mtime_ns for p in paths}
    build_figures.build(tmp_path)
    build_figures.build(tmp_path, force=True)  # same bytes: still not rewritten
    assert {p: p.stat().st_mtime_ns for p in paths} == before


def test_cache_hit_does_not_import_matplotlib(tmp_path):
    out = tmp_path / "figures"
    build_figures.build(out, force=True)
    result = subprocess.run([PYTHON, "-X", "importtime", str(ROOT / "build_figures.py"), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "matplotlib" not in imported
    assert "pydantic" not in imported


def test_changed_data_redraws_the_figure(tmp_path, data_copy):
    out = tmp_path / "figures"
    build_figures.build(out, data_copy, force=True)
    before = (out / "natural_course.svg").read_bytes()
    csv = data_copy / "natural_course.csv"
    csv.write_text(csv.read_text().replace(FASTEST_ROW, f"fastest,{START},{END + 30}"))
    build_figures.build(out, data_copy)
    after = (out / "natural_course.svg").read_bytes()
    assert after != before
    assert b"330" in after  # the message in <title> quotes the new number


def test_bad_data_keeps_last_good_figures(tmp_path, data_copy):
    out = tmp_path / "figures"
    paths = build_figures.build(out, data_copy, force=True)
    good = {p: p.read_bytes() for p in paths}
    csv = data_copy / "natural_course.csv"
    csv.write_text(csv.read_text().replace(FASTEST_ROW, f"fastest,{START},{START - 50}"))
    with pytest.raises(DataError):
        build_figures.build(out, data_copy)
    assert {p: p.read_bytes() for p in paths} == good
    assert sorted(p.name for p in out.iterdir()) == sorted([*(p.name for p in paths), build_figures.FINGERPRINT])


def test_cli_reports_bad_data_in_one_line(tmp_path, data_copy):
    csv = data_copy / "natural_course.csv"
    csv.write_text(csv.read_text().replace(FASTEST_ROW, f"fastest,{START},{START - 50}"))
    result = subprocess.run([PYTHON, str(ROOT / "build_figures.py"), "--data", str(data_copy), "--out", str(tmp_path / "f")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr == f"error: data/natural_course.csv:{FASTEST_LINE}: end_day: must be greater than start_day (got {START - 50} < {START})\n"
    assert not (tmp_path / "f").exists()


@pytest.mark.parametrize("name", list(build_figures.FIGURES))
def test_svg_is_accessible_text(tmp_path, name):
    build_figures.build(tmp_path, force=True)
    svg = (tmp_path / f"{name}.svg").read_text()
    data = load()
    figure = build_figures.FIGURES[name]
    assert f'<title id="{name}-title">' in svg and f'<desc id="{name}-desc">' in svg
    assert "<text" in svg, "text must stay text (svg.fonttype none)"
    assert not re.search(r"<dc:date>|\d{4}-\d{2}-\d{2}T", svg), "no build date inside the figure"
    assert figure.alt(data) and len(figure.alt(data)) < 400
    table = figure.table(data)
    assert table.count("\n") >= 2 and table.startswith("|")
    assert re.search(r'viewBox="0 0 ([\d.]+) ', svg), "the SVG must scale"
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    assert width <= 310, "figures are drawn narrow (<= 4.3 in) so text stays legible at 360 px"


def test_icon_array_marks_the_published_share(tmp_path):
    build_figures.build(tmp_path, force=True)
    svg = (tmp_path / "how_common.svg").read_text()
    marked = load().prevalence.per_hundred
    # One <use> per person icon: the marked ones first (plus one legend icon each).
    assert svg.count("<use ") == 100 + 2
    assert f"{marked} in 100 had synkinesis" in svg
    assert f"{100 - marked} in 100 did not" in svg
    # Stated rule (the alt text says so): the people who had synkinesis are coloured
    # in, the others are plain white; one legend icon of each kind.
    fills = collections.Counter(re.findall(r'<use [^>]*style="fill: (#[0-9a-f]{6})', svg))
    assert fills.pop("#ffffff") == 100 - marked + 1, fills
    assert list(fills.values()) == [marked + 1], f"one colour for the {marked} marked people: {fills}"


# --- natural course: bars where data/ puts them, colours that keep their meaning ------------------

NS = {"svg": "http://www.w3.org/2000/svg"}
COURSE_ROWS = phase_rows()
PLATEAU_DAY = yaml.safe_load((ROOT / "data" / "study.yml").read_text(encoding="utf-8"))["plateau"]["day"]


def course_bars(tmp_path) -> dict[str, list[dict]]:
    """Each bar of natural_course.svg by key: its left and right edge (SVG units), fill colour and pattern."""
    build_figures.build(tmp_path, force=True)
    root = ElementTree.parse(tmp_path / "natural_course.svg").getroot()
    patterns = {p.get("id"): p for p in root.iter(f"{{{NS['svg']}}}pattern")}
    bars: dict[str, list[dict]] = {}
    for group in root.iter(f"{{{NS['svg']}}}g"):
        found = re.fullmatch(r"bar-(\w+?)-(\d+)", group.get("id") or "")
        if not found:
            continue
        path = group.find("svg:path", NS)
        xs = [float(x) for x in re.findall(r"[ML] ([\d.]+) ", path.get("d"))]
        fill = re.search(r"fill: ([^;]+)", path.get("style")).group(1)
        hatched = fill.startswith("url(")
        if hatched:  # a pattern: its background rectangle carries the colour
            fill = patterns[fill[5:-1]].find("svg:rect", NS).get("fill")
        bars.setdefault(found.group(1), []).append({"left": min(xs), "right": max(xs), "fill": fill.lower(), "hatched": hatched})
    return bars


def luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.content
def test_course_bars_sit_on_the_days_in_data(tmp_path):
    bars = course_bars(tmp_path)
    first = COURSE_ROWS[0]
    (anchor,) = bars[first["id"]]
    scale = (anchor["right"] - anchor["left"]) / (int(first["end_day"]) - int(first["start_day"]))
    zero = anchor["left"] - int(first["start_day"]) * scale

    def at(day):
        return zero + day * scale

    for row in COURSE_ROWS:
        (bar,) = bars[row["id"]]
        end = min(int(row["end_day"]), PLATEAU_DAY)
        assert bar["left"] == pytest.approx(at(int(row["start_day"])), abs=0.05), row["id"]
        assert bar["right"] == pytest.approx(at(end), abs=0.05), row["id"]
    (plateau,) = bars["plateau"]
    assert plateau["left"] == pytest.approx(at(PLATEAU_DAY), abs=0.05)
    # Every gap between two phases is drawn as "may still get worse".
    gaps = [(int(a["end_day"]), int(b["start_day"])) for a, b in zip(COURSE_ROWS, COURSE_ROWS[1:])
            if int(b["start_day"]) > int(a["end_day"])]
    drawn = sorted((round((b["left"] - zero) / scale), round((b["right"] - zero) / scale)) for b in bars["between"])
    assert drawn == gaps


@pytest.mark.content
def test_course_colours_keep_their_meaning(tmp_path):
    """Lighter means slower worsening: 'may still get worse' is lightest, then the last
    clear worsening; the fastest worsening is darkest and striped (not colour alone)."""
    bars = course_bars(tmp_path)
    between, last, fastest = bars["between"][0], bars["last_worsening"][0], bars["fastest"][0]
    assert all(b["fill"] == between["fill"] and b["hatched"] for b in bars["between"])
    assert luminance(between["fill"]) > luminance(last["fill"]) > luminance(fastest["fill"]), \
        f"between {between['fill']}, last {last['fill']}, fastest {fastest['fill']}"
    assert fastest["hatched"] and not last["hatched"]
    fills = [bars[key][0]["fill"] for key in ("onset", "few_signs", "between", "fastest", "last_worsening", "plateau")]
    assert len(set(fills)) == len(fills), f"two kinds of bar share a colour: {fills}"


@pytest.mark.content
def test_course_table_uses_plain_words():
    table = build_figures.course_table(load())
    for row in COURSE_ROWS:
        assert row["plain"] in table and row["finding"] not in table
    assert "significant" not in table.lower()
