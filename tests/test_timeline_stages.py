"""guide/timeline.py without a browser: the stages, the plateau and the words, checked against data/.

Expectations are worked out here from the data files themselves (read with
csv and yaml, not through guide/) and from the rules the issues state, never
from timeline.stages(): a stage that starts late, a zero-length phase or a lost
safety sentence must fail a test.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from timeline_expected import (BETWEEN_LABEL, DATA_DIR, DAYS_PER_MONTH, LEVELS_OFF_LABEL, MEDICAL_HELP_NOW, PHASES,
                               PLATEAU_DAY, STUDY, URGENT_DAYS, expected_stages)

from guide import timeline
from guide.data import DataError, load
from project import ROOT

pytestmark = pytest.mark.content

# Worked out inside each test, not when this file is imported: `make mutation`
# (mutmut) imports the tests once, then switches a changed guide/ on per run.
@pytest.fixture
def data():
    return load()


@pytest.fixture
def stages(data):
    return timeline.stages(data)


@pytest.fixture
def tool(data):
    return timeline.tool_data(data)


def stage_at(stages, day: int) -> timeline.Stage:
    found = [s for s in stages if s.start <= day and (s.end is None or day < s.end)]
    assert len(found) == 1, f"day {day} is in {len(found)} stages: {[s.id for s in found]}"
    return found[0]


def texts(stage: timeline.Stage) -> str:
    return " ".join(t.text for t in [*stage.saw, *stage.consider])


# --- stages and plateau agree with data/ ----------------------------------------------------


def test_stages_follow_the_data_files(stages):
    got = [("between" if s.kind == "between" else s.id, s.label, s.start, s.end) for s in stages]
    assert got == [(e.kind, e.label, e.start, e.end) for e in expected_stages()]


def test_levels_off_starts_on_the_plateau_day_from_study_yml(stages):
    levels_off = stages[-1]
    assert (levels_off.label, levels_off.start, levels_off.end) == (LEVELS_OFF_LABEL, PLATEAU_DAY, None)
    assert stage_at(stages, PLATEAU_DAY - 1).kind != "levels_off"


def test_every_stage_has_days_in_it(stages):
    for stage in stages:
        assert stage.end is None or stage.end > stage.start, f"{stage.id} ends on or before its start day"


def test_a_phase_cannot_end_on_its_start_day(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    path = data_dir / "natural_course.csv"
    row = PHASES[1]
    path.write_text(path.read_text().replace(f"{row['id']},{row['start_day']},{row['end_day']},",
                                             f"{row['id']},{row['start_day']},{row['start_day']},"))
    with pytest.raises(DataError, match="end_day: must be greater than start_day"):
        load(data_dir)


def test_about_16_months_and_the_plateau_day_are_one_value(stages, data):
    # study.yml holds the day only; "about N months" is worked out from it.
    assert "month" not in STUDY["plateau"], "study.yml: give the plateau as `day` only; months are derived"
    assert data.study.plateau.month == round(PLATEAU_DAY / DAYS_PER_MONTH)
    assert f"about {data.study.plateau.month} months" in stages[-1].saw[0].text
    assert f"day {PLATEAU_DAY}" in stages[-1].saw[0].text


def test_16_months_is_levels_off_not_last_worsening(stages):
    day = round(16 * DAYS_PER_MONTH)
    assert stage_at(stages, day).kind == "levels_off", f"16 months (day {day}) should be past the plateau (day {PLATEAU_DAY})"


# --- the words for each stage ------------------------------------------------------------------


@pytest.mark.parametrize("day", [150, 350])
def test_between_stages_say_it_may_still_be_getting_worse(day, stages):
    stage = stage_at(stages, day)
    assert stage.kind == "between"
    assert stage.label == BETWEEN_LABEL
    assert "may still be getting worse" in texts(stage)
    assert "did not describe" not in texts(stage), "the old 'nothing known' wording is back"


def test_phase_findings_are_the_plain_words_from_the_csv(stages):
    for row in PHASES:
        stage = next(s for s in stages if s.id == row["id"])
        said = stage.saw[0].text
        assert row["plain"].lower() in said.lower(), f"{row['id']}: the CSV's plain words are missing"
        assert row["finding"].lower() not in said.lower() or row["finding"] == row["plain"]
        assert "for the group" in said, f"{row['id']}: say it is the group's result"


def test_no_jargon_in_what_readers_see(tool):
    shown = json.dumps(tool, ensure_ascii=False).lower()
    for jargon in ("statistically", "significant", "plateau:"):
        assert jargon not in shown, f"'{jargon}' in the tool's words: use plain words"


def test_every_stage_says_to_report_new_or_worse_movements(stages):
    for stage in stages:
        said = " ".join(t.text for t in stage.consider)
        assert "new movements" in said and "worse" in said, f"{stage.id}: say to report new or worsening movements"


def test_advice_does_not_assume_a_care_team(tool):
    shown = json.dumps(tool, ensure_ascii=False).lower()
    assert "care team" not in shown


def test_specialist_is_a_facial_palsy_specialist_and_the_surgeon_view_is_rozens(stages):
    for stage in stages:
        assert "facial palsy specialist" in texts(stage), stage.id
        for text in stage.consider:
            if "surgeon early" in text.text or "facial nerve surgeon" in text.text:
                assert "Dr Rozen" in text.text and text.sources == ("rozen_blog",), text


# --- safety: a face that became weak in the last few days --------------------------------------


def test_urgent_note_tells_people_to_get_medical_help_now(tool, data):
    urgent = tool["notes"]["urgent"]
    assert MEDICAL_HELP_NOW in urgent["text"]
    assert "72 hours" in urgent["text"]
    # NHS: treatment for Bell's palsy should start within 72 hours, so "the last few days" is 3.
    assert tool["urgent_days"] == URGENT_DAYS
    assert f"last {URGENT_DAYS} days" in urgent["text"]
    (source,) = urgent["sources"]
    assert "nhs" in data.sources[source].link, "the 72-hour advice must cite an NHS page"


def test_no_note_calls_less_than_a_month_today(tool):
    shown = json.dumps(tool, ensure_ascii=False).lower()
    assert "that is today" not in shown and "day 0" not in shown


def test_every_cited_source_exists_and_the_page_lists_it(data):
    front = (ROOT / "docs" / "changes-over-time.md").read_text(encoding="utf-8").split("---")[1]
    listed = set(yaml.safe_load(front)["sources"])
    cited = set(timeline.source_ids(data))
    assert cited <= set(data.sources)
    assert cited <= listed, f"the page must list {sorted(cited - listed)} under sources:"


# --- the figure the tool marks -----------------------------------------------------------


def test_the_marker_maps_days_onto_the_plot_area(tool):
    figure = tool["figure"]
    assert 0 <= figure["left"] < figure["right"] <= 1
    assert 0 < figure["top"] < 0.5 and 0 < figure["bottom"] < 0.5
    assert figure["end_day"] > PLATEAU_DAY
