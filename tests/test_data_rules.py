"""guide/data.py's derived values and editor messages that tests/test_data.py does not
plant: citations (Vancouver), review dates, "about 1 in N", how long a treatment
lasts, and the plain-words message for each kind of YAML or value mistake.

Inputs are written here (small, made-up values that show the rule); expected
results follow from the rule as stated in the docstrings and CONTRIBUTING.md.
"""

from __future__ import annotations

import shutil
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


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


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
