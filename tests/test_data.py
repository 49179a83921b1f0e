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
     'few_signs,-5', "data/natural_course.csv:{line}: start_day: must be 0 or more (got '-5')"),
    ("natural_course.csv", replace("fastest,200,300", "fastest,two hundred,300"),
     'two hundred', "data/natural_course.csv:{line}: start_day: must be a whole number, in digits (e.g. 200) (got 'two hundred')"),
    ("natural_course.csv", replace("id,start_day", "id,start"),
     'id,start', "data/natural_course.csv:{line}: header: columns must be id,start_day,end_day,label,finding,source (got id,start,end_day,label,finding,source)"),
    ("natural_course.csv", replace("last_worsening,400,500", "last_worsening,250,500"),
     'last_worsening,250', "data/natural_course.csv:{line}: start_day: phases must be in time order and not overlap (starts at 250, before the previous phase ends at 300)"),
    ("natural_course.csv", replace("last_worsening,", "fastest,"),
     'fastest,400', "data/natural_course.csv:{line}: id: 'fastest' is used twice"),
    ("natural_course.csv", replace("Minimal symptoms,rail2025", "Minimal symptoms,rail2025,extra"),
     'rail2025,extra', "data/natural_course.csv:{line}: expected 6 values, found 7 (a comma inside text needs \"quotes\")"),
    ("natural_course.csv", replace("Minimal symptoms,rail2025", "Minimal symptoms,rail2052"),
     'rail2052', "data/natural_course.csv:{line}: source: unknown source id 'rail2052': add it to data/sources.yml or fix the spelling"),
    ("natural_course.csv", replace("Minimal symptoms,rail2025", "Minimal symptoms,"),
     'few_signs,', "data/natural_course.csv:{line}: source: needs at least 1 item(s) (got [])"),
    ("natural_course.csv", lambda text: "\n".join(line for line in text.splitlines() if not line.startswith("fastest")) + "\n",
     None, "data/natural_course.csv: id: the phase 'fastest' is missing: pages and figures use it"),
    ("natural_course.csv", replace("Few signs yet", "A label far too long to fit on the figure"),
     'A label far too long', "data/natural_course.csv:{line}: label: must be at most 32 characters long (got 'A label far too long to fit on the figure')"),
    # sources.yml
    ("sources.yml", replace("  doi: 10.1097/PRS.0000000000012243\n", ""),
     'rail2025:', "data/sources.yml:{line}: rail2025: needs a doi or a url, so readers can find the source"),
    ("sources.yml", replace("  doi: 10.1097/PRS.0000000000012243", "  doi: PRS.0000000000012243"),
     'doi: PRS.', "data/sources.yml:{line}: rail2025.doi: must be a DOI such as 10.1097/PRS.0000000000012243 (without https://doi.org/) (got 'PRS.0000000000012243')"),
    ("sources.yml", add_after("  journal: Plastic and Reconstructive Surgery\n", "  topic: also a topic\n"),
     'rail2025:', "data/sources.yml:{line}: rail2025: give either title (checked published title) or topic (our description), not both or neither"),
    ("sources.yml", replace("  kind: study\n", "  knid: study\n"),
     'knid:', "data/sources.yml:{line}: rail2025.knid: is not a known field: did you mean `kind`?"),
    ("sources.yml", replace("  kind: study\n", "", 1),
     'rail2025:', "data/sources.yml:{line}: rail2025.kind: is missing"),
    ("sources.yml", replace("  kind: study\n", "  kind: blog\n"),
     'kind: blog', "data/sources.yml:{line}: rail2025.kind: must be one of: study, summary, consensus, patient-guide (got 'blog')"),
    ("sources.yml", replace("rail2025:\n", "Rail-2025:\n"),
     'Rail-2025:', "data/sources.yml:{line}: Rail-2025: source ids use lower-case letters, digits and _ only"),
    ("sources.yml", replace("  journal: Plastic and Reconstructive Surgery\n  doi: 10.1097/PRS.0000000000012243",
                            "  journal Plastic and Reconstructive Surgery\n  doi: 10.1097/PRS.0000000000012243"),
     '  doi: 10.1097/PRS.0000000000012243', "data/sources.yml:{line}: not valid YAML: a line is missing its colon: write `key: value` (check this line and the one above)"),
    # study.yml
    ("study.yml", replace("    included: 98", "    included: 498"),
     'included: 498', "data/study.yml:{line}: cohorts.paper.included: cannot be more than screened (got 498 > 409)"),
    ("study.yml", replace("  latest_month: 11", "  latest_month: 1"),
     'latest_month: 1\n', "data/study.yml:{line}: onset.latest_month: must be greater than earliest_month (got 1 < 1)"),
    ("study.yml", replace("  day: 487\n", ""),
     'plateau:', "data/study.yml:{line}: plateau.day: is missing"),
    ("study.yml", replace("  day: 487", "  dya: 487"),
     'dya:', "data/study.yml:{line}: plateau.dya: is not a known field: did you mean `day`?"),
    ("study.yml", replace("  source: rozen_blog\n", "  source: rozen_blgo\n"),
     'rozen_blgo', "data/study.yml:{line}: source: unknown source id 'rozen_blgo': add it to data/sources.yml or fix the spelling"),
    # treatments.yml
    ("treatments.yml", replace("- slug: myectomy", "- slug: retraining"),
     '- slug: retraining\n  name: Myectomy', "data/treatments.yml:{line}: treatments[3].slug: 'retraining' is used twice"),
    ("treatments.yml", replace("  step: 1", "  step: 4"),
     'step: 4', "data/treatments.yml:{line}: treatments[0].step: must be 3 or less (got 4)"),
    ("treatments.yml", replace("    source: halani2022\n", ""),
     '  evidence:\n    patients: 21', "data/treatments.yml:{line}: treatments[3].evidence.source: is missing: give the id of the study these numbers come from"),
    ("treatments.yml", replace("    patients: 21", "    patients: twenty-one"),
     'twenty-one', "data/treatments.yml:{line}: treatments[3].evidence.patients: must be a number (got 'twenty-one')"),
    ("treatments.yml", replace("- slug: myectomy", "- slug: Myectomy"),
     'slug: Myectomy', "data/treatments.yml:{line}: treatments[3].slug: use lower-case letters, digits and - only, starting with a letter (e.g. botulinum-toxin) (got 'Myectomy')"),
    # prevalence.yml
    ("prevalence.yml", replace("percent_moderate_to_severe: 6.6", "percent_moderate_to_severe: 26.6"),
     'percent_moderate_to_severe: 26.6', "data/prevalence.yml:{line}: bells_palsy.percent_moderate_to_severe: cannot be more than percent_with_synkinesis (got 26.6 > 21.3)"),
    ("prevalence.yml", replace("percent_with_synkinesis: 21.3", "percent_with_synkinesis: 213"),
     'percent_with_synkinesis: 213', "data/prevalence.yml:{line}: bells_palsy.percent_with_synkinesis: must be 100 or less (got 213)"),
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


# --- issue 14: editor-proofing --------------------------------------------------------


def test_a_study_without_a_year_is_rejected(data_copy):
    path = data_copy / "sources.yml"
    text = path.read_text(encoding="utf-8")
    # bylund2017 is a study with a year today; an editor deletes the year line.
    entry = text[text.index("bylund2017:"):]
    year_line = next(line for line in entry.splitlines() if line.startswith("  year:"))
    path.write_text(text.replace(entry, entry.replace(year_line + "\n", "", 1)), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    assert str(caught.value) == (f"data/sources.yml:{line_of(text, 'bylund2017:')}: bylund2017.year: is missing: a study is cited "
                                 "with its year (e.g. year: 2019); if the sources you checked give none, say so in year_unknown")


@pytest.mark.parametrize("kind, field", [("study", "journal"), ("consensus", "year"), ("summary", "publisher")])
def test_each_kind_of_source_names_the_field_it_needs(data_copy, kind, field):
    # A source written with only the fields every kind shares: each kind names what it lacks.
    path = data_copy / "sources.yml"
    extra = "  journal: J\n" if field != "journal" and kind != "summary" else ""
    path.write_text(path.read_text(encoding="utf-8") + f"\nplanted:\n  authors: A B\n  topic: T\n  url: https://example.org/\n"
                    f"{extra}  kind: {kind}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    assert str(caught.value).startswith(f"data/sources.yml:{line_of(path.read_text(), 'planted:')}: planted.{field}: is missing: a {kind} needs ")


def test_a_csv_saved_with_a_byte_order_mark_gives_the_same_data(data_copy):
    # Excel's "CSV UTF-8" starts the file with U+FEFF; the data must not change.
    before = load(data_copy)
    path = data_copy / "natural_course.csv"
    path.write_bytes("\ufeff".encode("utf-8") + path.read_bytes())
    assert load(data_copy) == before


@pytest.mark.parametrize("old, new", [
    ("  doi: 10.1097/PRS.0000000000012243\n", "  doi: PRS.1\n"),       # a pattern check
    ("rail2025:\n  authors", "rail2025:\n    authors"),                 # indentation: a YAML parser token
])
def test_no_message_shows_a_pattern_or_parser_token(data_copy, old, new):
    # Messages are for editors: no regular expressions, no YAML parser tokens.
    path = data_copy / "sources.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    message = str(caught.value)
    for token in ("^", "\\d", "\\S", "<block", "Input should", "String should"):
        assert token not in message, message
