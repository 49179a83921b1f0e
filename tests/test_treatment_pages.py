"""The treatment pages and their figure say what the clinical-accuracy issue asks.

Expectations come from data/*.yml read here with plain YAML and from the
issue's rules, not from the code that renders the pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import build_figures

pytestmark = pytest.mark.content

ROOT = Path(__file__).resolve().parent.parent
TREATMENTS = yaml.safe_load((ROOT / "data" / "treatments.yml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
BOTOX = next(t for t in TREATMENTS if t["slug"] == "botulinum-toxin")
LEAFLET_WORDS = "patient leaflets say"


def page(built_site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def section(soup: BeautifulSoup, heading_start: str) -> list:
    """The elements under the h2 whose text starts with `heading_start`, up to the next h2."""
    heading = next((h for h in soup.select("article h2") if text(h).startswith(heading_start)), None)
    assert heading is not None, f"no section heading starting {heading_start!r}"
    out = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        out.append(sibling)
    return out


def test_botulinum_page_lists_side_effects_from_a_cited_source(built_site):
    soup = page(built_site, "treatment/botulinum-toxin")
    parts = section(soup, "What are the side effects")
    items = [li for part in parts for li in part.find_all("li")]
    assert len(items) >= 4, "the side effects are listed one per bullet"
    words = " ".join(text(li) for li in items).lower()
    for expected in ("eyelid", "bruise", "headache"):  # listed on the UCLH complex facial clinic page
        assert expected in words
    links = {a["href"] for part in parts for a in part.find_all("a", href=True)}
    assert "#source-uclh_botulinum" in links


def test_botulinum_page_says_who_should_give_the_injections(built_site):
    parts = section(page(built_site, "treatment/botulinum-toxin"), "Who should give the injections")
    words = " ".join(text(p) for p in parts)
    assert "specialises in facial palsy" in words
    assert "#source-fpuk_botulinum" in {a["href"] for p in parts for a in p.find_all("a", href=True)}


def test_duration_in_the_table_is_marked_as_from_leaflets_with_only_leaflet_citations(built_site):
    soup = page(built_site, "treatment")
    tables = [t for t in soup.select("article table") if "How long the effect lasts" in text(t.find("tr"))]
    assert len(tables) == 1, "one table on /treatment/ gives how long each treatment lasts"
    header = [text(th) for th in tables[0].find("tr").find_all(["th", "td"])]
    column = header.index("How long the effect lasts")
    rows = {text(tr.find_all("td")[1]): tr.find_all("td") for tr in tables[0].find_all("tr")[1:]}
    cell = rows[BOTOX["name"]][column]
    d = BOTOX["duration"]
    assert f"{d['months_low']} to {d['months_high']} months" in text(cell)
    assert LEAFLET_WORDS in text(cell)
    cited = [a["href"].removeprefix("#source-") for a in cell.find_all("a", href=True)]
    assert cited, "the duration cell names the leaflets it comes from"
    assert all(SOURCES[i]["kind"] == "patient-guide" for i in cited), f"trial citations mixed into the duration cell: {cited}"
    when = header.index("When it is usually considered")
    for name, cells in rows.items():
        order = [a["href"].removeprefix("#source-") for a in cells[when].find_all("a", href=True)]
        assert order and all(SOURCES[i]["kind"] == "consensus" for i in order), f"{name}: the order of care cites {order}"


def test_no_treatment_page_claims_the_duration_is_unpublished(built_site):
    for path in ("treatment", "treatment/retraining", "treatment/selective-neurolysis", "treatment/myectomy"):
        words = text(page(built_site, path).select_one("article"))
        assert "Not published" not in words and "Not given in our sources" not in words, path
    table_text = text(page(built_site, "treatment").select_one("article table"))
    assert table_text.count("Our sources do not say") == sum(1 for t in TREATMENTS if "duration" not in t)


def test_both_places_give_the_retraining_follow_up_the_same_way(built_site):
    years = next(t for t in TREATMENTS if t["slug"] == "retraining")["evidence"]["stable_years"]
    sentence = f"the gains were still there {years} year{'' if years == 1 else 's'} later"
    assert sentence in text(page(built_site, "treatment").select_one("article table"))
    assert sentence in text(page(built_site, "treatment/retraining").select_one("article"))


def test_order_of_care_figure_marks_the_leaflet_duration(tmp_path):
    build_figures.build(tmp_path, force=True)
    svg = (tmp_path / "order_of_care.svg").read_text(encoding="utf-8")
    shown = " ".join(re.sub(r"<[^>]+>", " ", " ".join(re.findall(r"<text[^>]*>.*?</text>|<!-- .*? -->", svg, re.S))).split())
    d = BOTOX["duration"]
    assert f"{d['months_low']} to {d['months_high']} months" in shown
    assert "leaflets" in shown


def test_order_of_care_circles_are_drawn_whole(tmp_path):
    """Print showed the step "1" clipped at the left edge: no step circle may be cut,
    neither by the figure's edge (x < 0) nor by a clip rectangle around it."""
    import xml.etree.ElementTree as ET

    build_figures.build(tmp_path, force=True)
    root = ET.parse(tmp_path / "order_of_care.svg").getroot()
    ns = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
    href = "{http://www.w3.org/1999/xlink}href"
    shapes = {p.get("id"): p.get("d") for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("id")}
    clips = {c.get("id"): float(c.find("svg:rect", ns).get("x")) for c in root.iter("{http://www.w3.org/2000/svg}clipPath")}

    def walk(node, clip_x):
        match = re.match(r"url\(#(.+)\)", node.get("clip-path") or "")
        clip_x = clips[match.group(1)] if match else clip_x
        if node.tag.endswith("use"):
            yield node, clip_x
        for child in node:
            yield from walk(child, clip_x)

    circles = list(walk(root, 0.0))
    assert circles, "the step circles are drawn as markers"
    for use, left_limit in circles:
        xs = [float(n) for n in re.findall(r"[-\d.]+", shapes[use.get(href).lstrip("#")])[0::2]]
        assert float(use.get("x")) + min(xs) >= left_limit, f"step circle at x={use.get('x')} is cut off at x={left_limit}"


def test_icon_array_title_says_it_is_one_study(tmp_path):
    build_figures.build(tmp_path, force=True)
    svg = (tmp_path / "how_common.svg").read_text(encoding="utf-8")
    title = re.search(r'<title id="how_common-title">(.*?)</title>', svg).group(1)
    assert title.startswith("In one study")
