"""The timeline tool as the page carries it, without a browser: the JSON the script
reads, the no-JavaScript table, and stages worked out from planted data.

Expectations come from data/ (read with csv and yaml by tests/timeline_expected.py),
from overrides/assets/javascripts/timeline.js (what the script reads), and from
the rules in issues 12 and 17; never from guide/timeline.py's own results.
Everything is worked out inside each test: `make mutation` imports tests once.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup
from timeline_expected import DATA_DIR, DAYS_PER_MONTH, PHASES, PLATEAU_DAY, STUDY, expected_stages

from guide import timeline
from guide.translations import localize
from guide.data import DataError, load
from project import ROOT

pytestmark = pytest.mark.content

SCRIPT = (ROOT / "overrides" / "assets" / "javascripts" / "timeline.js").read_text(encoding="utf-8")
PREVALENCE = yaml.safe_load((DATA_DIR / "prevalence.yml").read_text(encoding="utf-8"))["bells_palsy"]
# The onset text goes with every stage that starts before the latest month the first signs showed.
ONSET_END_DAY = round(STUDY["onset"]["latest_month"] * DAYS_PER_MONTH)


@pytest.fixture
def data():
    return load()


@pytest.fixture
def tool(data):
    return timeline.tool_data(data)


@pytest.fixture
def page(data):
    return BeautifulSoup(timeline.tool_html(data), "html.parser")


def sources_of(row: dict) -> tuple[str, ...]:
    return tuple(row["source"].split())


# --- the JSON the script reads -------------------------------------------------------------


def test_every_value_the_script_reads_is_in_the_payload(tool, data):
    read = set(re.findall(r"\binfo\.([a-z_]+)", SCRIPT))
    assert read, "timeline.js no longer reads `info.…`: update this test"
    # Day-first dates and number words are the Spanish page's: the English page leaves them out.
    spanish = timeline.tool_data(localize(data, "es"), "es")
    assert read <= set(spanish), f"timeline.js reads {sorted(read - set(spanish))}, which the Spanish page does not carry"
    only_spanish = {"locale", "month_names", "number_words", "filler_words"}
    assert read - only_spanish <= set(tool), f"timeline.js reads {sorted(read - only_spanish - set(tool))}, which the page does not carry"
    for group in ("notes", "headings", "figure", "messages", "units"):
        keys = set(re.findall(rf"\binfo\.{group}\.([a-z_]+)", SCRIPT))
        assert keys <= set(tool[group]), f"info.{group}: missing {sorted(keys - set(tool[group]))}"
    errors = set(re.findall(r'error: "([a-z_]+)"', SCRIPT))
    assert errors and errors <= set(tool["messages"]), f"no message for {sorted(errors - set(tool['messages']))}"
    for short in ("m.from_date", "m.from_months", "m.under_a_month", "m.stage"):
        assert short in SCRIPT and short[2:] in tool["messages"]
    for unit in re.findall(r'count\([^,]+, "([a-z]+)"', SCRIPT):
        singular, plural = tool["units"][unit]
        assert (singular, plural) == (unit, unit + "s")


def test_the_numbers_the_script_counts_with(tool):
    assert tool["days_per_month"] == pytest.approx(DAYS_PER_MONTH)
    assert tool["days_per_year"] == pytest.approx(12 * DAYS_PER_MONTH)
    assert tool["plateau_day"] == PLATEAU_DAY
    # "Even after many years": from the fewest years the study saw no improvement.
    assert tool["long_ago_years"] == min(STUDY["stable"]["no_improvement_years"])
    assert tool["urgent_days"] == 72 // 24
    assert [s["start"] for s in tool["stages"]] == [e.start for e in expected_stages()]


def test_messages_give_the_year_limit_in_figures(tool):
    limit = tool["max_years"]
    assert 100 <= limit <= 150, "a typed year like 0202 must be refused, a long-lived patient not"
    assert f"more than {limit} years" in tool["messages"]["too_old"]
    assert f"more than {limit} years" in tool["messages"]["too_many"]
    assert not any("{max_years}" in text for text in tool["messages"].values())


def test_notes_have_the_data_filled_in_and_cite_it(tool, data):
    notes = tool["notes"]
    one_in = round(100 / PREVALENCE["percent_with_synkinesis"])
    assert f"about 1 in {one_in} had it {PREVALENCE['months_after']} months later" in notes["frame"]["text"]
    assert list(notes["frame"]["sources"]) == [PREVALENCE["source"]]
    plateau_month = round(PLATEAU_DAY / DAYS_PER_MONTH)
    for key in ("levels_ahead", "levels_now", "levels_past"):
        assert f"about {plateau_month} months" in notes[key]["text"], key
        assert list(notes[key]["sources"]) == [STUDY["plateau"]["source"]], key
    # Placeholders only the script can fill stay for it, written as the script's fill() reads them.
    assert "{when}" in notes["levels_ahead"]["text"] and "{when}" in notes["levels_past"]["text"]
    left = {name for note in notes.values() for name in re.findall(r"\{(\w+)\}", note["text"])}
    assert left == {"when"}, f"placeholders left unfilled: {sorted(left - {'when'})}"
    assert "last 3 days" in notes["urgent"]["text"] and "72 hours" in notes["urgent"]["text"]
    assert not notes["long_ago"]["sources"]


def test_every_cited_source_has_a_label_and_a_link_to_the_sources_section(tool):
    cited = {i for s in tool["stages"] for t in [*s["saw"], *s["consider"]] for i in t["sources"]}
    cited |= {i for t in [*tool["caveats"], *tool["notes"].values()] for i in t["sources"]}
    assert set(tool["sources"]) == cited
    for source_id, shown in tool["sources"].items():
        assert shown["href"] == f"#source-{source_id}"
        assert shown["label"].strip()


# --- stages from data/ ------------------------------------------------------------------------


def test_phase_stages_say_the_csv_days_and_plain_words_and_cite_the_csv(data):
    stages = {s.id: s for s in timeline.stages(data)}
    for row in PHASES:
        stage = stages[row["id"]]
        assert stage.kind == "phase"
        first = stage.saw[0]
        plain = row["plain"][0].lower() + row["plain"][1:]  # mid-sentence
        assert f"days {row['start_day']} to {row['end_day']}: {plain}." in first.text, row["id"]
        assert first.sources == sources_of(row), f"{row['id']}: cite the CSV's sources"
        if int(row["end_day"]) <= PLATEAU_DAY:
            assert "levelled off" not in " ".join(t.text for t in stage.saw), row["id"]


def test_the_first_stage_tells_people_to_see_a_gp_and_later_ones_name_a_therapist(data):
    stages = timeline.stages(data)
    first = " ".join(t.text for t in stages[0].consider)
    assert "see a GP as soon as you can" in first
    for stage in stages[1:]:
        said = " ".join(t.text for t in stage.consider)
        assert "face training with a therapist" in said or "face exercises" in said, stage.id


def test_between_stages_quote_the_last_worsening_phase_and_have_their_own_ids(data):
    stages = timeline.stages(data)
    last = PHASES[-1]
    between = [s for s in stages if s.kind == "between"]
    assert between
    for stage in between:
        assert f"first {last['start_day']} to {last['end_day']} days" in stage.saw[0].text
        assert stage.saw[0].sources == sources_of(last)
    ids = [s.id for s in stages]
    assert len(set(ids)) == len(ids) and all(isinstance(i, str) for i in ids)


def test_levels_off_says_the_study_numbers_and_cites_them(data):
    stage = timeline.stages(data)[-1]
    said = " ".join(t.text for t in stage.saw)
    assert f"about {round(PLATEAU_DAY / DAYS_PER_MONTH)} months, or day {PLATEAU_DAY}" in said
    assert f"After about {STUDY['stable']['after_day']} days" in said
    years = " or ".join(str(y) for y in STUDY["stable"]["no_improvement_years"])
    assert f"even after {years} years" in said
    assert [t.sources for t in stage.saw] == [(STUDY["plateau"]["source"],), (STUDY["stable"]["source"],)]


def test_first_signs_text_goes_with_every_stage_before_they_stop_appearing(data):
    onset = STUDY["onset"]
    months = "month" if onset["earliest_month"] == 1 else "months"
    expected = (f"as early as {onset['earliest_month']} {months} or as late as "
                f"{onset['latest_month_text']} months after the palsy began")
    for stage in timeline.stages(data):
        having = [t for t in stage.saw if expected in t.text]
        if stage.start < ONSET_END_DAY and stage.kind != "levels_off":
            assert [t.sources for t in having] == [(onset["source"],)], stage.id
        else:
            assert not having, f"{stage.id} starts on day {stage.start}, after the first signs stop appearing"


def plant(tmp_path, rows=None, plateau_day=None):
    """A copy of data/ with other phase rows and/or another plateau day."""
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    if rows is not None:
        header = ",".join(PHASES[0])
        lines = [",".join(f'"{v}"' if "," in v else v for v in row.values()) for row in rows]
        (data_dir / "natural_course.csv").write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    if plateau_day is not None:
        path = data_dir / "study.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^(plateau:\n  day:) \d+", rf"\g<1> {plateau_day}", text), encoding="utf-8")
    return data_dir


def with_days(row: dict, start: int, end: int) -> dict:
    return {**row, "start_day": str(start), "end_day": str(end)}


@pytest.mark.parametrize("case", ["phase runs past the plateau", "plateau long after the last phase",
                                  "first phase starts on day 1"])
def test_stages_follow_planted_data(tmp_path, case):
    rows, plateau = [dict(r) for r in PHASES], PLATEAU_DAY
    last_start = int(rows[-1]["start_day"])
    if case == "phase runs past the plateau":
        plateau = last_start + 1
    elif case == "plateau long after the last phase":
        plateau = int(rows[-1]["end_day"]) + 150
    else:
        rows[0] = with_days(rows[0], 1, int(rows[0]["end_day"]))
    data = load(plant(tmp_path, rows, plateau))
    stages = timeline.stages(data)
    got = [("between" if s.kind == "between" else s.id, s.label, s.start, s.end) for s in stages]
    assert got == [(e.kind, e.label, e.start, e.end) for e in expected_stages(rows, plateau)]
    last = next(s for s in stages if s.id == rows[-1]["id"])
    cut = f"levelled off at about day {plateau}"
    assert (cut in " ".join(t.text for t in last.saw)) == (plateau < int(rows[-1]["end_day"]))


@pytest.mark.parametrize("offset", [0, 50])
def test_a_plateau_on_or_before_the_last_phase_start_is_refused(tmp_path, offset):
    last = PHASES[-1]
    day = int(last["start_day"]) - offset
    data = load(plant(tmp_path, plateau_day=day))
    with pytest.raises(DataError) as error:
        timeline.stages(data)
    message = str(error.value)
    assert message.startswith("data/study.yml: plateau.day: must be after the start of the last phase")
    assert f"got {day}, the phase '{last['id']}' starts at {last['start_day']}" in message


# --- the page: form and table ----------------------------------------------------------------


def test_every_element_the_script_looks_up_is_on_the_page(page):
    for element_id in re.findall(r'getElementById\("([^"]+)"\)', SCRIPT):
        assert page.find(id=element_id), f"timeline.js looks for #{element_id}"
    tool_id = page.find(attrs={"data-sg-timeline": True})["id"]
    assert page.find(id=f"{tool_id}-table"), "timeline.js folds away `#<tool id>-table`"


def test_the_tool_carries_the_payload_compactly(page, tool):
    carried = page.find(attrs={"data-sg-timeline": True})["data-sg-timeline"]
    assert json.loads(carried) == json.loads(json.dumps(tool))
    # On every phone: no spaces after separators and no \u escapes for letters like "’".
    assert '", "' not in carried and '": ' not in carried and "\\u" not in carried
    assert page.find(attrs={"data-sg-timeline": True}).has_attr("hidden"), "without JavaScript the form stays hidden"


def test_each_field_has_its_label_and_hint_and_its_own_form(page):
    forms = page.find_all("form")
    assert [f["id"] for f in forms] == ["sg-tl-by-date", "sg-tl-by-months"]
    for form, kind in zip(forms, ("date", "text")):
        field = form.find("input")
        assert field["type"] == kind
        assert form.find("label")["for"] == field["id"]
        assert page.find(id=field["aria-describedby"]), field["aria-describedby"]
        assert form.has_attr("novalidate")
        assert form.find("button", type="submit")
    assert page.find(id="sg-tl-result")["aria-live"] == "polite"
    assert page.find("section").find_next_sibling("details"), "the table comes after the form, not inside it"


def test_the_table_has_a_row_per_stage_with_its_days(page, data):
    expected = expected_stages()
    table = page.find("table")
    assert [th.get_text() for th in table.find("thead").find_all("th")] == timeline.FORM["table_head"]["en"]
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(expected)
    assert len({r["id"] for r in rows}) == len(rows)

    def months(day):
        return round(day / DAYS_PER_MONTH)

    for row, stage in zip(rows, expected):
        head = row.find("th").get_text(" ")
        assert head.startswith(stage.label)
        if stage.end is None:
            assert head.endswith(f"From day {stage.start} (about {months(stage.start)} months)")
        else:
            assert head.endswith(f"Day {stage.start} to {stage.end} (about {months(stage.start)} "
                                 f"to {months(stage.end)} months)")


def test_table_cells_show_the_same_words_as_the_tool_with_citations_before_the_full_stop(page, data):
    rows = page.find("tbody").find_all("tr")
    for row, stage in zip(rows, timeline.stages(data)):
        saw, consider = row.find_all("td")
        for cell, texts in ((saw, stage.saw), (consider, stage.consider)):
            shown = cell.get_text()
            assert re.sub(r" \([^()]*\)\.", ".", shown) == " ".join(t.text for t in texts), stage.id
            cited = [a["href"] for a in cell.find_all("a")]
            assert cited == [f"#source-{i}" for t in texts for i in t.sources], stage.id
            for text in texts:
                if not text.sources:
                    assert text.text in shown


def test_without_javascript_everyone_gets_the_urgent_advice_and_the_caveats(page, tool):
    urgent = page.find(class_="sg-tl-urgent")
    assert "get medical help now" in urgent.get_text()
    assert [a["href"] for a in urgent.find_all("a")] == [f"#source-{i}" for i in tool["notes"]["urgent"]["sources"]]
    assert urgent.get_text().endswith(").")
    caveats = page.find("details").find("ul").find_all("li")
    assert [re.sub(r" \([^()]*\)\.", ".", li.get_text()) for li in caveats] == [c["text"] for c in tool["caveats"]]
