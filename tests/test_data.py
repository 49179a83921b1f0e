"""Every schema rule in guide/data.py rejects a bad example with a one-line message.

Each case plants one mistake in a copy of data/ and expects the exact place
(file:line), the field and the problem an editor needs to fix it.
"""

from __future__ import annotations

import shutil

import pytest

from project import ROOT
from guide.data import DataError, load

pytestmark = pytest.mark.content


def replace(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, f"test setup: {old!r} not found"
        return text.replace(old, new, count)
    return edit


def add_after(anchor: str, extra: str):
    return replace(anchor, anchor + extra)


CASES = [
    # natural_course.csv
    ("natural_course.csv", replace("fastest,200,300", "fastest,200,150"),
     'fastest,200,150', "data/natural_course.csv:{line}: end_day: must be greater than start_day (got 150 < 200)"),
    ("natural_course.csv", replace("few_signs,0,100", "few_signs,-5,100"),
     'few_signs,-5', "data/natural_course.csv:{line}: start_day: Input should be greater than or equal to 0 (got '-5')"),
    ("natural_course.csv", replace("fastest,200,300", "fastest,two hundred,300"),
     'two hundred', "data/natural_course.csv:{line}: start_day: Input should be a valid integer, unable to parse string as an integer (got 'two hundred')"),
    ("natural_course.csv", replace("id,start_day", "id,start"),
     'id,start', "data/natural_course.csv:{line}: header: columns must be id,start_day,end_day,label,finding,source,plain (got id,start,end_day,label,finding,source,plain)"),
    ("natural_course.csv", replace("last_worsening,400,500", "last_worsening,250,500"),
     'last_worsening,250', "data/natural_course.csv:{line}: start_day: phases must be in time order and not overlap (starts at 250, before the previous phase ends at 300)"),
    ("natural_course.csv", replace("last_worsening,", "fastest,"),
     'fastest,400', "data/natural_course.csv:{line}: id: 'fastest' is used twice"),
    ("natural_course.csv", replace("Minimal symptoms,rail2025", "Minimal symptoms,rail2025,extra"),
     'rail2025,extra', "data/natural_course.csv:{line}: expected 7 values, found 8 (a comma inside text needs \"quotes\")"),
    ("natural_course.csv", replace("Minimal symptoms,rail2025", "Minimal symptoms,rail2052"),
     'rail2052', "data/natural_course.csv:{line}: source: unknown source id 'rail2052': add it to data/sources.yml or fix the spelling"),
    ("natural_course.csv", replace("Minimal symptoms,rail2025", "Minimal symptoms,"),
     'few_signs,', "data/natural_course.csv:{line}: source: List should have at least 1 item after validation, not 0 (got [])"),
    ("natural_course.csv", lambda text: "\n".join(line for line in text.splitlines() if not line.startswith("fastest")) + "\n",
     None, "data/natural_course.csv: id: the phase 'fastest' is missing: pages and figures use it"),
    ("natural_course.csv", replace("Few signs yet", "A label far too long to fit on the figure"),
     'A label far too long', "data/natural_course.csv:{line}: label: String should have at most 32 characters (got 'A label far too long to fit on the figure')"),
    # sources.yml
    ("sources.yml", replace("  doi: 10.1097/PRS.0000000000012243\n", ""),
     'rail2025:', "data/sources.yml:{line}: rail2025: needs a doi or a url, so readers can find the source"),
    ("sources.yml", replace("  doi: 10.1097/PRS.0000000000012243", "  doi: PRS.0000000000012243"),
     'doi: PRS.', "data/sources.yml:{line}: rail2025.doi: String should match pattern '^10\\.\\d{4,9}/\\S+$' (got 'PRS.0000000000012243')"),
    ("sources.yml", add_after("  journal: Plastic and Reconstructive Surgery\n", "  topic: also a topic\n"),
     'rail2025:', "data/sources.yml:{line}: rail2025: give either title (checked published title) or topic (our description), not both or neither"),
    ("sources.yml", replace("  kind: study\n", "  knid: study\n"),
     'knid:', "data/sources.yml:{line}: rail2025.knid: is not a known field (a typo?)"),
    ("sources.yml", replace("  kind: study\n", "", 1),
     'rail2025:', "data/sources.yml:{line}: rail2025.kind: is missing"),
    ("sources.yml", replace("  kind: study\n", "  kind: blog\n"),
     'kind: blog', "data/sources.yml:{line}: rail2025.kind: Input should be 'study', 'summary', 'consensus' or 'patient-guide' (got 'blog')"),
    ("sources.yml", replace("rail2025:\n", "Rail-2025:\n"),
     'Rail-2025:', "data/sources.yml:{line}: Rail-2025: source ids use lower-case letters, digits and _ only"),
    ("sources.yml", replace("  journal: Plastic and Reconstructive Surgery\n  doi: 10.1097/PRS.0000000000012243",
                            "  journal Plastic and Reconstructive Surgery\n  doi: 10.1097/PRS.0000000000012243"),
     '  doi: 10.1097/PRS.0000000000012243', "data/sources.yml:{line}: not valid YAML: could not find expected ':' (check indentation and colons)"),
    # study.yml
    ("study.yml", replace("    included: 98", "    included: 498"),
     'included: 498', "data/study.yml:{line}: cohorts.paper.included: cannot be more than screened (got 498 > 409)"),
    ("study.yml", replace("  latest_month: 11", "  latest_month: 1"),
     'latest_month: 1\n', "data/study.yml:{line}: onset.latest_month: must be greater than earliest_month (got 1 < 1)"),
    ("study.yml", replace("  day: 487\n", ""),
     'plateau:', "data/study.yml:{line}: plateau.day: is missing"),
    ("study.yml", replace("  day: 487", "  dya: 487"),
     'dya:', "data/study.yml:{line}: plateau.dya: is not a known field (a typo?)"),
    ("study.yml", replace("  source: rozen_blog\n", "  source: rozen_blgo\n"),
     'rozen_blgo', "data/study.yml:{line}: source: unknown source id 'rozen_blgo': add it to data/sources.yml or fix the spelling"),
    # treatments.yml
    ("treatments.yml", replace("- slug: myectomy", "- slug: retraining"),
     '- slug: retraining\n  name: Myectomy', "data/treatments.yml:{line}: treatments[3].slug: 'retraining' is used twice"),
    ("treatments.yml", replace("  step: 1", "  step: 4"),
     'step: 4', "data/treatments.yml:{line}: treatments[0].step: Input should be less than or equal to 3 (got 4)"),
    ("treatments.yml", replace("    source: halani2022\n", ""),
     '  evidence:\n    patients: 21', "data/treatments.yml:{line}: treatments[3].evidence.source: is missing: give the id of the study these numbers come from"),
    ("treatments.yml", replace("    patients: 21", "    patients: twenty-one"),
     'twenty-one', "data/treatments.yml:{line}: treatments[3].evidence.patients: must be a number (got 'twenty-one')"),
    ("treatments.yml", replace("- slug: myectomy", "- slug: Myectomy"),
     'slug: Myectomy', "data/treatments.yml:{line}: treatments[3].slug: String should match pattern '^[a-z][a-z0-9-]*$' (got 'Myectomy')"),
    # prevalence.yml
    ("prevalence.yml", replace("percent_moderate_to_severe: 6.6", "percent_moderate_to_severe: 26.6"),
     'percent_moderate_to_severe: 26.6', "data/prevalence.yml:{line}: bells_palsy.percent_moderate_to_severe: cannot be more than percent_with_synkinesis (got 26.6 > 21.3)"),
    ("prevalence.yml", replace("percent_with_synkinesis: 21.3", "percent_with_synkinesis: 213"),
     'percent_with_synkinesis: 213', "data/prevalence.yml:{line}: bells_palsy.percent_with_synkinesis: Input should be less than or equal to 100 (got 213)"),
]


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def test_real_data_loads():
    data = load()
    assert data.phases["fastest"].start_day < data.phases["fastest"].end_day
    assert data.study.cohorts["paper"].source != data.study.cohorts["summary"].source


def line_of(text: str, marker: str | None) -> int | None:
    """The line where `marker` starts: editors change data files, so no line is hard-coded."""
    if marker is None:
        return None
    assert marker in text, f"test setup: marker {marker!r} not in the edited file"
    return text[: text.index(marker)].count("\n") + 1


@pytest.mark.parametrize("file, edit, marker, expected", CASES,
                         ids=[f"{c[0]}:{c[3].split(': ', 1)[1][:50]}" for c in CASES])
def test_bad_data_gives_one_line_message(data_copy, file, edit, marker, expected):
    path = data_copy / file
    text = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    message = str(caught.value)
    assert "\n" not in message
    assert message == expected.replace("{line}", str(line_of(text, marker)))


def test_missing_file_is_reported(data_copy):
    (data_copy / "prevalence.yml").unlink()
    with pytest.raises(DataError, match=r"^data/prevalence\.yml: file not found$"):
        load(data_copy)
