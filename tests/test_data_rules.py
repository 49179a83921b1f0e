"""guide/data.py's derived values and editor messages that tests/test_data.py does not
plant: citations (Vancouver), review dates, "about 1 in N", how long a treatment
lasts, and the plain-words message for each kind of YAML or value mistake.

Inputs are written here (small, made-up values that show the rule); expected
results follow from the rule as stated in the docstrings and CONTRIBUTING.md.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from guide import data as gd
from guide.data import DataError, load
from project import ROOT

pytestmark = pytest.mark.content


def source(**fields) -> gd.Source:
    base = {"authors": "Smith A", "title": "A title", "journal": "J Test", "url": "https://example.org/", "kind": "summary",
            "publisher": "P"}
    return gd.Source.model_validate({**base, **fields})


# --- derived values ----------------------------------------------------------------------


def test_citation_follows_vancouver_with_six_authors_then_et_al():
    seven = ", ".join(f"Author{i} A" for i in range(1, 8))
    cited = source(authors=seven + ".", title="Long study.", year=2020, volume="12", pages="3-9", kind="study").citation()
    assert cited == ("Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al. "
                     "Long study. J Test. 2020;12:3-9.")
    six = ", ".join(f"Author{i} A" for i in range(1, 7))
    assert source(authors=six, kind="study", year=2020).citation().startswith(six + ". A title. ")


def test_citation_shows_our_own_topic_in_brackets_and_a_publisher_without_year():
    cited = gd.Source.model_validate({"label": "NHS", "topic": "Bell's palsy", "publisher": "NHS",
                                      "url": "https://www.nhs.uk/", "kind": "patient-guide"}).citation()
    assert cited == "[Bell's palsy]. NHS."


def test_link_is_the_doi_address_when_there_is_a_doi():
    assert source(doi="10.1234/abc").link == "https://doi.org/10.1234/abc"
    assert source().link == "https://example.org/"


def test_review_dates_are_written_day_month_year():
    assert gd.format_date(date(2026, 11, 3)) == "3 November 2026"


def test_how_long_a_treatment_lasts_in_words():
    treatment = {"slug": "t", "name": "T", "medical_name": "T", "step": 1, "summary": "s", "when": "w",
                 "sources": ["x"], "evidence": {"source": "x"}}
    t = gd.Treatment.model_validate({**treatment, "duration": {"months_low": 3, "months_high": 4, "source": "x"}})
    assert t.lasts == "About 3 to 4 months"
    t = gd.Treatment.model_validate({**treatment, "duration": {"months_low": 3, "months_high": 4, "repeated": True,
                                                               "source": "x"}})
    assert t.lasts == "About 3 to 4 months, so the treatment is repeated"
    assert gd.Treatment.model_validate(treatment).lasts is None


@pytest.mark.parametrize("percent, one_in", [(16.6, 6), (25, 4), (9, 11)])
def test_about_one_in_n_is_the_nearest_whole_number(percent, one_in):
    p = gd.Prevalence(people=100, percent_with_synkinesis=percent, percent_moderate_to_severe=1, months_after=12, source="x")
    assert p.one_in == one_in
    assert p.per_hundred == round(percent)


def test_every_source_a_data_file_cites_is_found():
    files = {name: yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
             for name in ("study.yml", "treatments.yml", "prevalence.yml", "glossary.yml", "safety.yml")}

    def ids(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "source" and isinstance(value, str):
                    yield value
                elif key == "sources" and isinstance(value, list):
                    yield from value
                else:
                    yield from ids(value)
        elif isinstance(node, list):
            for item in node:
                yield from ids(item)

    cited = gd.cited_ids(load())
    for name, document in files.items():
        assert cited[name] == set(ids(document)), name
    csv_text = (ROOT / "data" / "natural_course.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in csv_text.splitlines() if line and not line.startswith(("#", "id,"))]
    assert cited["natural_course.csv"] == {i for row in rows for i in row[5].split()}


# --- messages for editors --------------------------------------------------------------


def message(data_dir) -> str:
    with pytest.raises(DataError) as caught:
        load(data_dir)
    return str(caught.value)


@pytest.mark.parametrize("text, line, problem", [
    ("bells_palsy:\n  people: 100\n  source x\n", 4, "a line is missing its colon: write `key: value`"),
    ("bells_palsy:\n\tpeople: 100\n", 2, "a tab: indent with spaces only"),
    ("bells_palsy:\n  people: *nowhere\n", 2, "found undefined alias"),
    ("bells_palsy:\n  people: 100\n  bad: one: two\n", 3, "the indentation is off, or a value holds a colon"),
], ids=["no colon", "tab", "alias", "colon in value"])
def test_yaml_mistakes_are_explained_in_plain_words(data_copy, text, line, problem):
    (data_copy / "prevalence.yml").write_text(text, encoding="utf-8")
    got = message(data_copy)
    assert got.startswith(f"data/prevalence.yml:{line}: not valid YAML: ")
    assert problem in got and "<block" not in got


def test_an_unknown_yaml_problem_still_points_at_indentation_and_colons():
    assert gd.yaml_problem("something new") == "something new (check indentation and colons)"
    assert gd.yaml_problem("found unknown escape character") .endswith(': put the text in "quotes"')


def set_prevalence(data_copy, field: str, value: str) -> str:
    path = data_copy / "prevalence.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, l in enumerate(lines) if l.strip().startswith(f"{field}:"))
    lines[index] = lines[index].split(":")[0] + f": {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(index + 1)


@pytest.mark.parametrize("field, value, problem", [
    ("percent_with_synkinesis", "many", "must be a number, in digits (e.g. 6.6) (got 'many')"),
    ("percent_with_synkinesis", "0", "must be more than 0 (got 0)"),
    ("percent_moderate_to_severe", "-1.5", "must be 0 or more (got -1.5)"),
    ("months_after", "12.5", "must be a whole number, in digits (e.g. 200) (got 12.5)"),
])
def test_number_mistakes_name_the_field_and_the_allowed_values(data_copy, field, value, problem):
    line = set_prevalence(data_copy, field, value)
    assert message(data_copy) == f"data/prevalence.yml:{line}: bells_palsy.{field}: {problem}"


def test_a_misspelt_field_with_no_close_match_lists_the_fields_there(data_copy):
    path = data_copy / "prevalence.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("bells_palsy:\n", "bells_palsy:\n  zzz: 1\n", 1), encoding="utf-8")
    got = message(data_copy)
    assert "bells_palsy.zzz: is not a known field (a typo?) Fields here: source, people, percent_with_synkinesis" in got


def test_an_empty_csv_needs_a_header_row(data_copy):
    (data_copy / "natural_course.csv").write_text("# only a comment\n", encoding="utf-8")
    assert message(data_copy) == "data/natural_course.csv:2: the file is empty: it needs a header row"


def test_sources_must_be_a_list_of_ids(data_copy):
    (data_copy / "sources.yml").write_text("- rail2025\n", encoding="utf-8")
    assert message(data_copy) == "data/sources.yml:1: must be a list of `id:` entries, one per source"


def test_a_file_that_is_not_utf8_says_how_to_save_it(data_copy):
    (data_copy / "study.yml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert message(data_copy) == "data/study.yml: is not UTF-8 text: save it as UTF-8"


# --- what each kind of source needs, in the message ------------------------------------------


def source_problem(**fields) -> str:
    """The one-line message for a source entry `x` in data/sources.yml."""
    entry = {"authors": "Smith A", "title": "A title", "url": "https://example.org/", **fields}
    with pytest.raises(DataError) as caught:
        gd._validate(gd.Source, entry, ROOT / "data" / "sources.yml", {("x",): 7}, ("x",))
    return str(caught.value)


def test_a_source_missing_a_field_lists_everything_its_kind_needs():
    # The rule, as the comment above KIND_NEEDS states it: authors (or label), a title
    # or topic, a doi or url, and per kind: a study a journal and a year; a consensus a
    # journal and a year; a summary, patient guide or standard a publisher.
    assert source_problem(kind="consensus", year=2020) == (
        "data/sources.yml:7: x.journal: is missing: a consensus needs "
        "authors or label, title or topic, doi or url, journal, year")
    assert source_problem(kind="study", year=2020) == (
        "data/sources.yml:7: x.journal: is missing: a study needs "
        "authors or label, title or topic, doi or url, journal, a year")
    assert source_problem(kind="patient-guide") == (
        "data/sources.yml:7: x.publisher: is missing: a patient-guide needs "
        "authors or label, title or topic, doi or url, publisher")


def test_a_citation_drops_a_final_full_stop_from_the_authors_and_the_title_only():
    # Two authors, the last with the initial X (a full stop, not the X, is dropped).
    cited = source(authors="Li Y, Wang X.", title="Outcomes in group X.", year=2021, kind="study").citation()
    assert cited == "Li Y, Wang X. Outcomes in group X. J Test. 2021."
    assert source(authors=".Smith A", title="A title").citation().startswith(".Smith A. A title. ")


# --- which sources a data file cites ------------------------------------------------------------


@pytest.mark.parametrize("node, ids", [
    ({"source": "a"}, {"a"}),
    ({"sources": ["a", "b"]}, {"a", "b"}),
    ({"other": ["a"], "note": "b"}, set()),             # a list under another key is not sources
    ({"sources": "a"}, set()),                           # `sources:` is a list; a string is not read as ids
    ({"evidence": {"source": "a"}, "duration": {"sources": ["b"]}}, {"a", "b"}),
    ([{"source": "a"}, [{"sources": ["b"]}]], {"a", "b"}),
    ({"sources": [{"source": "a"}]}, {"a"}),           # entries that are not ids are looked inside
], ids=["source", "sources", "other keys", "sources not a list", "nested", "in lists", "sources of entries"])
def test_cited_source_ids_are_found_at_any_depth(node, ids):
    found: set[str] = set()
    gd._collect_sources(node, found)
    assert found == ids


def test_a_source_cited_only_deep_inside_a_treatment_must_exist(data_copy):
    path = data_copy / "treatments.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = document[0] if isinstance(document, list) else next(iter(document.values()))
    if isinstance(first, list):
        first = first[0]
    assert isinstance(first.get("evidence"), dict), "treatments.yml changed shape: update this test"
    text = path.read_text(encoding="utf-8")
    cited = first["evidence"]["source"]
    before, _, after = text.partition(f"source: {cited}")
    assert _, f"`source: {cited}` not found in treatments.yml"
    path.write_text(before + "source: nowhere2099" + after, encoding="utf-8")
    assert "data/treatments.yml" in message(data_copy) and "unknown source id 'nowhere2099'" in message(data_copy)


def test_without_safety_yml_it_cites_nothing():
    import dataclasses

    data = dataclasses.replace(load(), safety=None)
    assert gd.cited_ids(data)["safety.yml"] == set()


# --- the phases CSV -----------------------------------------------------------------------


def write_phases(data_copy, *rows: str) -> None:
    header = "id,start_day,end_day,label,finding,source,plain"
    (data_copy / "natural_course.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_blank_lines_between_phases_are_skipped(data_copy):
    write_phases(data_copy, "few_signs,0,100,A,B,rail2025,C", "", "fastest,200,300,A,B,rail2025,C", ",,,,,,",
                 "last_worsening,400,500,A,B,rail2025,C")
    assert list(load(data_copy).phases) == ["few_signs", "fastest", "last_worsening"]


def test_a_phase_may_start_on_the_day_the_one_before_ends_but_not_earlier(data_copy):
    write_phases(data_copy, "few_signs,0,100,A,B,rail2025,C", "fastest,100,300,A,B,rail2025,C",
                 "last_worsening,400,500,A,B,rail2025,C")
    assert load(data_copy).phases["fastest"].start_day == 100
    write_phases(data_copy, "few_signs,0,100,A,B,rail2025,C", "fastest,99,300,A,B,rail2025,C",
                 "last_worsening,400,500,A,B,rail2025,C")
    assert message(data_copy) == ("data/natural_course.csv:3: start_day: phases must be in time order and not overlap "
                                  "(starts at 99, before the previous phase ends at 100)")


# --- pydantic's problems in plain words -----------------------------------------------------


@pytest.mark.parametrize("error, words", [
    ({"type": "string_pattern_mismatch", "msg": "m"}, "is not written in the expected form (see the comments at the top of the file)"),
    ({"type": "string_pattern_mismatch", "msg": "m", "ctx": {"pattern": "^x$"}},
     "is not written in the expected form (see the comments at the top of the file)"),
    ({"type": "string_pattern_mismatch", "msg": "m", "ctx": {"pattern": r"^https?://\S+$"}},
     "must be a full web address starting with https:// (no spaces)"),
    ({"type": "literal_error", "msg": "m", "ctx": {"expected": "'a', 'b' or 'c d'"}}, "must be one of: a, b, c d"),
    ({"type": "int_type", "msg": "m"}, "must be a whole number, in digits (e.g. 200)"),
    ({"type": "int_parsing", "msg": "m"}, "must be a whole number, in digits (e.g. 200)"),
    ({"type": "int_from_float", "msg": "m"}, "must be a whole number, in digits (e.g. 200)"),
    ({"type": "float_type", "msg": "m"}, "must be a number, in digits (e.g. 6.6)"),
    ({"type": "float_parsing", "msg": "m"}, "must be a number, in digits (e.g. 6.6)"),
    ({"type": "less_than", "msg": "m", "ctx": {"lt": 5}}, "must be less than 5"),
    ({"type": "less_than_equal", "msg": "m", "ctx": {"le": 2.5}}, "must be 2.5 or less"),
    ({"type": "greater_than", "msg": "m", "ctx": {"gt": 0}}, "must be more than 0"),
    ({"type": "greater_than_equal", "msg": "m", "ctx": {"ge": 1}}, "must be 1 or more"),
    ({"type": "string_too_long", "msg": "m", "ctx": {"max_length": 40}}, "must be at most 40 characters long"),
    ({"type": "too_short", "msg": "m", "ctx": {"min_length": 1}}, "needs at least 1 item(s)"),
    ({"type": "something_new", "msg": "pydantic's own words"}, "pydantic's own words"),
], ids=lambda value: value["type"] if isinstance(value, dict) else "")
def test_each_kind_of_value_problem_has_plain_words(error, words):
    assert gd.plain_problem(error) == words


def test_the_fields_listed_for_a_typo_are_those_of_the_model_that_holds_it():
    from typing import Optional

    from pydantic import BaseModel

    class Holder(BaseModel):
        listed: list[gd.Source]
        maybe: Optional[gd.Source] = None
        keyed: dict[str, gd.Source]
        word: Optional[str] = None

    assert gd._model_at(Holder, ()) is Holder
    assert gd._model_at(Holder, ("listed", 0)) is gd.Source
    assert gd._model_at(Holder, ("maybe",)) is gd.Source
    assert gd._model_at(Holder, ("listed", 0, "authors")) is None    # a text field holds no fields
    assert gd._model_at(Holder, ("word",)) is None
    assert gd._model_at(Holder, ("keyed", "any")) is None            # a name chosen by the editor: unknown here
    assert gd._model_at(Holder, ("nothing",)) is None
    assert gd._inner_model(str) is None and gd._inner_model(Optional[str]) is None
    assert gd._inner_model(Optional[list[gd.Source]]) is gd.Source


def test_a_typo_where_no_fields_are_known_still_gets_one_line():
    from pydantic import BaseModel, ConfigDict

    class Entry(BaseModel):
        model_config = ConfigDict(extra="forbid")
        name: str

    class Holder(BaseModel):
        keyed: dict[str, Entry]

    with pytest.raises(DataError) as caught:
        gd._validate(Holder, {"keyed": {"a": {"name": "x", "zzz": 1}}}, ROOT / "data" / "x.yml", {("keyed", "a", "zzz"): 4}, ())
    # The entry's model is not found through a name the editor chose ("a"), so no list of fields.
    assert str(caught.value) == "data/x.yml:4: keyed.a.zzz: is not a known field (a typo?)"


@pytest.mark.parametrize("problem, words", [
    ("expected <block end>, but found '<block mapping start>'",
     "the indentation is off, or a value holds a colon: indent each line like the ones above it, "
     "and put text containing ': ' in \"quotes\""),
    ("mapping values are not allowed here",
     "the indentation is off, or a value holds a colon: indent each line like the ones above it, "
     "and put text containing ': ' in \"quotes\""),
    ("found character '\\t' that cannot start any token", "a tab: indent with spaces only"),
    ("found undefined alias 'x'", "found undefined alias 'x': put the text in \"quotes\""),
    ("unacceptable character #x0007: special characters are not allowed",
     "unacceptable character #x0007: special characters are not allowed: put the text in \"quotes\""),
    ("could not find expected ':'", "a line is missing its colon: write `key: value` (check this line and the one above)"),
])
def test_each_yaml_problem_in_plain_words(problem, words):
    assert gd.yaml_problem(problem) == words
