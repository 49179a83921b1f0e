"""Every schema rule in guide/data.py rejects a bad example with a one-line message.

Each case plants one mistake in a copy of data/ and expects the exact place
(file:line), the field and the problem an editor needs to fix it.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from project import ROOT, phase_rows as _phase_rows
from guide.data import DataError, load

pytestmark = pytest.mark.content


def replace(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, f"test setup: {old!r} not found"
        return text.replace(old, new, count)
    return edit


def add_after(anchor: str, extra: str):
    return replace(anchor, anchor + extra)


def sub(pattern: str, new: str):
    """Change the first line matching `pattern` (a regex on field names, not on values)."""
    def edit(text: str) -> str:
        changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
        assert count, f"test setup: {pattern!r} not found"
        return changed
    return edit


# The values these cases need, read from data/ with plain csv/yaml (not guide.data):
# editors change numbers, so no test types one in (issue 17).
def phase_rows() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in _phase_rows()}


def yaml_data(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


PHASES = phase_rows()
FASTEST, LAST = PHASES["fastest"], PHASES["last_worsening"]
FASTEST_START, FASTEST_END = int(FASTEST["start_day"]), int(FASTEST["end_day"])
STUDY = yaml_data("study.yml")
PREVALENCE = yaml_data("prevalence.yml")["bells_palsy"]
TREATMENTS = yaml_data("treatments.yml")
LAST_SLUG, FIRST_SLUG = TREATMENTS[-1]["slug"], TREATMENTS[0]["slug"]
MAX_STEP = 3  # the order of care has three steps (treatments.yml comment)
RAIL = yaml_data("sources.yml")["rail2025"]
DOI_REST = RAIL["doi"].split("/", 1)[1]
WITH_EVIDENCE = next(i for i, t in enumerate(TREATMENTS) if "evidence" in t)
WITH_PATIENTS = next(i for i, t in enumerate(TREATMENTS) if "patients" in (t.get("evidence") or {}))


def phase_line(phase_id: str, column: str, value: str):
    """Set one cell of one phase's row in natural_course.csv."""
    header = "id,start_day,end_day,label,finding,source".split(",")

    def edit(text: str) -> str:
        lines = text.splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith(phase_id + ","))
        row = next(csv.reader([lines[index]]))
        row[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(row)
        lines[index] = out.getvalue()
        return "\n".join(lines) + "\n"
    return edit


CASES = [
    # natural_course.csv
    ("natural_course.csv", phase_line("fastest", "end_day", str(FASTEST_START - 50)),
     f"fastest,{FASTEST_START},{FASTEST_START - 50}",
     f"data/natural_course.csv:{{line}}: end_day: must be greater than start_day (got {FASTEST_START - 50} < {FASTEST_START})"),
    ("natural_course.csv", phase_line("few_signs", "start_day", "-5"),
     'few_signs,-5', "data/natural_course.csv:{line}: start_day: must be 0 or more (got '-5')"),
    ("natural_course.csv", phase_line("fastest", "start_day", "two hundred"),
     'two hundred', "data/natural_course.csv:{line}: start_day: must be a whole number, in digits (e.g. 200) (got 'two hundred')"),
    ("natural_course.csv", replace("id,start_day", "id,start"),
     'id,start', "data/natural_course.csv:{line}: header: columns must be id,start_day,end_day,label,finding,source,plain (got id,start,end_day,label,finding,source,plain)"),
    ("natural_course.csv", phase_line("last_worsening", "start_day", str(FASTEST_END - 50)),
     f'last_worsening,{FASTEST_END - 50}', "data/natural_course.csv:{line}: start_day: phases must be in time order and not overlap "
     f"(starts at {FASTEST_END - 50}, before the previous phase ends at {FASTEST_END})"),
    ("natural_course.csv", phase_line("last_worsening", "id", "fastest"),
     f'fastest,{LAST["start_day"]}', "data/natural_course.csv:{line}: id: 'fastest' is used twice"),
    ("natural_course.csv", sub(r"^(few_signs,.*)$", r"\1,extra"),
     ',extra\n', "data/natural_course.csv:{line}: expected 7 values, found 8 (a comma inside text needs \"quotes\")"),
    ("natural_course.csv", phase_line("few_signs", "source", "rail2052"),
     'rail2052', "data/natural_course.csv:{line}: source: unknown source id 'rail2052': add it to data/sources.yml or fix the spelling"),
    ("natural_course.csv", phase_line("few_signs", "source", ""),
     '\nfew_signs,', "data/natural_course.csv:{line}: source: needs at least 1 item(s) (got [])"),
    ("natural_course.csv", lambda text: "\n".join(line for line in text.splitlines() if not line.startswith("fastest,")) + "\n",
     None, "data/natural_course.csv: id: the phase 'fastest' is missing: pages and figures use it"),
    ("natural_course.csv", phase_line("few_signs", "label", "A label far too long to fit on the figure"),
     'A label far too long', "data/natural_course.csv:{line}: label: must be at most 32 characters long (got 'A label far too long to fit on the figure')"),
    # sources.yml (rail2025 is the study the site is built on: its entry will stay)
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?)  doi: .*\n", r"\1"),
     'rail2025:', "data/sources.yml:{line}: rail2025: needs a doi or a url, so readers can find the source"),
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?  doi: )10\.\d+/", r"\1"),
     f"doi: {DOI_REST}", "data/sources.yml:{line}: rail2025.doi: must be a DOI such as 10.1097/PRS.0000000000012243 "
     f"(without https://doi.org/) (got '{DOI_REST}')"),
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?  title: .*\n)", r"\1  topic: also a topic\n"),
     'rail2025:', "data/sources.yml:{line}: rail2025: give either title (checked published title) or topic (our description), not both or neither"),
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?)  kind: study\n", r"\1  knid: study\n"),
     'knid:', "data/sources.yml:{line}: rail2025.knid: is not a known field: did you mean `kind`?"),
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?)  kind: study\n", r"\1"),
     'rail2025:', "data/sources.yml:{line}: rail2025.kind: is missing"),
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?)  kind: study\n", r"\1  kind: blog\n"),
     'kind: blog', "data/sources.yml:{line}: rail2025.kind: must be one of: study, summary, consensus, patient-guide, standard (got 'blog')"),
    ("sources.yml", replace("rail2025:\n", "Rail-2025:\n"),
     'Rail-2025:', "data/sources.yml:{line}: Rail-2025: source ids use lower-case letters, digits and _ only"),
    ("sources.yml", sub(r"^(rail2025:\n(?:  .*\n)*?  journal):", r"\1"),
     f"  doi: {RAIL['doi']}", "data/sources.yml:{line}: not valid YAML: a line is missing its colon: write `key: value` "
     "(check this line and the one above)"),
    # study.yml
    ("study.yml", sub(r"^(    included: )\d+", rf"\g<1>{STUDY['cohorts']['paper']['screened'] + 1}"),
     f"included: {STUDY['cohorts']['paper']['screened'] + 1}",
     f"data/study.yml:{{line}}: cohorts.paper.included: cannot be more than screened "
     f"(got {STUDY['cohorts']['paper']['screened'] + 1} > {STUDY['cohorts']['paper']['screened']})"),
    ("study.yml", sub(r"^(  latest_month: )\d+", rf"\g<1>{STUDY['onset']['earliest_month']}"),
     f"latest_month: {STUDY['onset']['earliest_month']}\n",
     f"data/study.yml:{{line}}: onset.latest_month: must be greater than earliest_month "
     f"(got {STUDY['onset']['earliest_month']} < {STUDY['onset']['earliest_month']})"),
    ("study.yml", sub(r"^  day: .*\n", ""),
     'plateau:', "data/study.yml:{line}: plateau.day: is missing"),
    ("study.yml", sub(r"^  day:", "  dya:"),
     'dya:', "data/study.yml:{line}: plateau.dya: is not a known field: did you mean `day`?"),
    ("study.yml", sub(r"^(  source: )rozen_blog$", r"\1rozen_blgo"),
     'rozen_blgo', "data/study.yml:{line}: source: unknown source id 'rozen_blgo': add it to data/sources.yml or fix the spelling"),
    # treatments.yml
    ("treatments.yml", replace(f"- slug: {LAST_SLUG}\n", f"- slug: {FIRST_SLUG}\n"),
     f'- slug: {FIRST_SLUG}\n  name: {TREATMENTS[-1]["name"]}',
     f"data/treatments.yml:{{line}}: treatments[{len(TREATMENTS) - 1}].slug: '{FIRST_SLUG}' is used twice"),
    ("treatments.yml", sub(r"^(  step: )\d+", rf"\g<1>{MAX_STEP + 1}"),
     f'step: {MAX_STEP + 1}', f"data/treatments.yml:{{line}}: treatments[0].step: must be {MAX_STEP} or less (got {MAX_STEP + 1})"),
    ("treatments.yml", sub(r"^(  evidence:\n(?:    .*\n)*?)    source: .*\n", r"\1"),
     '  evidence:\n', f"data/treatments.yml:{{line}}: treatments[{WITH_EVIDENCE}].evidence.source: is missing: "
     "give the id of the study these numbers come from"),
    ("treatments.yml", sub(r"^(    patients: )\d+", r"\1twenty-one"),
     'twenty-one', f"data/treatments.yml:{{line}}: treatments[{WITH_PATIENTS}].evidence.patients: must be a number (got 'twenty-one')"),
    ("treatments.yml", replace(f"- slug: {LAST_SLUG}\n", f"- slug: {LAST_SLUG.capitalize()}\n"),
     f'slug: {LAST_SLUG.capitalize()}', f"data/treatments.yml:{{line}}: treatments[{len(TREATMENTS) - 1}].slug: use lower-case letters, "
     f"digits and - only, starting with a letter (e.g. botulinum-toxin) (got '{LAST_SLUG.capitalize()}')"),
    # prevalence.yml
    ("prevalence.yml", sub(r"^(  percent_moderate_to_severe: ).*$", rf"\g<1>{PREVALENCE['percent_with_synkinesis'] + 5}"),
     f"percent_moderate_to_severe: {PREVALENCE['percent_with_synkinesis'] + 5}",
     f"data/prevalence.yml:{{line}}: bells_palsy.percent_moderate_to_severe: cannot be more than percent_with_synkinesis "
     f"(got {PREVALENCE['percent_with_synkinesis'] + 5} > {PREVALENCE['percent_with_synkinesis']})"),
    ("prevalence.yml", sub(r"^(  percent_with_synkinesis: ).*$", r"\g<1>213"),
     'percent_with_synkinesis: 213', "data/prevalence.yml:{line}: bells_palsy.percent_with_synkinesis: must be 100 or less (got 213)"),
]


def test_real_data_loads():
    data = load()
    assert data.phases["fastest"].start_day < data.phases["fastest"].end_day
    assert data.study.cohorts["paper"].source != data.study.cohorts["summary"].source


def line_of(text: str, marker: str | None) -> int | None:
    """The line where `marker` starts: editors change data files, so no line is hard-coded."""
    if marker is None:
        return None
    assert marker in text, f"test setup: marker {marker!r} not in the edited file"
    # A marker starting with a line break means the line after it (a row's start, not a comment).
    return text[: text.index(marker) + marker.startswith("\n")].count("\n") + 1


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
], ids=["pattern", "indentation"])
def test_no_message_shows_a_pattern_or_parser_token(data_copy, old, new):
    # Messages are for editors: no regular expressions, no YAML parser tokens.
    path = data_copy / "sources.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    message = str(caught.value)
    for token in ("^", "\\d", "\\S", "<block", "Input should", "String should"):
        assert token not in message, message
