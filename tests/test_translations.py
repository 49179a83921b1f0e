"""data/translations/es.yml: the Spanish words for data/, and what localize() makes of them.

Expected values come from the data files themselves (read with plain yaml and
csv), never from guide/translations.py: a Spanish page must show the same
numbers as the English one, and every glossary link must keep working.
"""

from __future__ import annotations

import collections
import re

import pytest
import yaml

from project import ROOT, phase_rows
from guide.data import DataError, load
from guide.translations import localize

pytestmark = pytest.mark.content

ES = ROOT / "data" / "translations" / "es.yml"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def read_yaml(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8-sig"))


@pytest.fixture(scope="module")
def spanish():
    return localize(load(), "es")


def line_of(lines: list[str], text: str) -> int:
    """1-based number of the only line that is exactly `text`."""
    found = [n for n, line in enumerate(lines, 1) if line == text]
    assert len(found) == 1, f"{text!r} is in es.yml {len(found)} times"
    return found[0]


def without_block(lines: list[str], text: str) -> list[str]:
    """`lines` without the line `text` and the more deeply indented lines under it."""
    start = line_of(lines, text) - 1
    indent = len(text) - len(text.lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return lines[:start] + lines[end:]


def localize_copy(data_copy):
    return localize(load(data_copy), "es", data_copy)


# --- a mistake in es.yml: one line naming the file, the line and the field ------------------------

# (the line removed with what is under it, the field the error must name, the line it must point at)
MISSING = [
    ("    label: Empeora más rápido", "phases: fastest: label", "  fastest:"),
    ("  plateau:", "glossary: plateau", "glossary:"),
    ("  selective-neurolysis:", "treatments: selective-neurolysis", "treatments:"),
    ("  urgent.title: ¿Tiene la cara débil de repente?", "safety: urgent.title", "safety:"),
]


@pytest.mark.parametrize("removed, field, parent", MISSING, ids=[m[1] for m in MISSING])
def test_a_missing_spanish_entry_names_file_line_and_field(data_copy, removed, field, parent):
    es = data_copy / "translations" / "es.yml"
    lines = without_block(es.read_text(encoding="utf-8").splitlines(), removed)
    es.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        localize_copy(data_copy)
    error = caught.value
    assert error.file.endswith("translations/es.yml")
    assert error.field == field
    assert error.line == line_of(lines, parent)
    assert "missing" in error.problem
    assert str(error).startswith(f"{error.file}:{error.line}: {field}: ")
    assert "\n" not in str(error)


@pytest.mark.parametrize("section, entry", [("phases", "worst_ever"), ("treatments", "acupuncture"),
                                            ("glossary", "hemifacial spasm")])
def test_an_unknown_id_fails(data_copy, section, entry):
    es = data_copy / "translations" / "es.yml"
    lines = es.read_text(encoding="utf-8").splitlines()
    at = line_of(lines, f"{section}:")
    lines.insert(at, f"  {entry}:\n    term: palabra")
    es.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        localize_copy(data_copy)
    assert caught.value.field == f"{section}: {entry}"
    assert caught.value.line == at + 1
    assert "no such" in caught.value.problem


def test_a_too_long_spanish_phase_label_fails_in_plain_words(data_copy):
    es = data_copy / "translations" / "es.yml"
    long_label = "Empeora más rápido que en cualquier otro momento"
    assert len(long_label) > 32
    text = es.read_text(encoding="utf-8")
    es.write_text(text.replace("label: Empeora más rápido\n", f"label: {long_label}\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        localize_copy(data_copy)
    error = caught.value
    assert error.field == "phases: fastest: label"
    assert error.problem == "must be at most 32 characters long"
    assert error.line == line_of(text.splitlines(), "    label: Empeora más rápido")


def test_every_spanish_phase_label_fits():
    """The English limit (natural_course.csv's comment: 32 characters), read from the file."""
    header = (ROOT / "data" / "natural_course.csv").read_text(encoding="utf-8").splitlines()
    limit = int(re.search(r"label .*\((\d+) characters at most\)", "\n".join(header)).group(1))
    for phase_id, words in yaml.safe_load(ES.read_text(encoding="utf-8"))["phases"].items():
        assert len(words["label"]) <= limit, f"es.yml: phases: {phase_id}: label is longer than {limit}"


# --- the same facts in both languages -------------------------------------------------------------


def numbers(node, path=()) -> dict[tuple, float]:
    """Every number in a nested structure, by its place in it (booleans are not numbers)."""
    found = {}
    if isinstance(node, dict):
        for key, value in node.items():
            found.update(numbers(value, (*path, key)))
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            found.update(numbers(value, (*path, index)))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        found[path] = node
    return found


def test_localized_numbers_equal_the_english_data_files(spanish):
    assert numbers(spanish.study.model_dump()) == numbers(read_yaml("study.yml"))
    assert numbers([t.model_dump() for t in spanish.treatments.values()]) == numbers(read_yaml("treatments.yml"))
    assert numbers(spanish.prevalence.model_dump()) == numbers(read_yaml("prevalence.yml")["bells_palsy"])
    for sid, source in read_yaml("sources.yml").items():
        assert numbers(spanish.sources[sid].model_dump()) == numbers(source), sid
    rows = {row["id"]: row for row in phase_rows()}
    assert list(spanish.phases) == list(rows)
    for phase_id, phase in spanish.phases.items():
        assert (phase.start_day, phase.end_day) == (int(rows[phase_id]["start_day"]), int(rows[phase_id]["end_day"]))
        assert phase.source == rows[phase_id]["source"].split()


def english_texts() -> dict[str, str]:
    """Every translated text field in the English data files, by a readable name."""
    texts = {}
    for row in phase_rows():
        for field in ("label", "finding", "plain"):
            texts[f"phases: {row['id']}: {field}"] = row[field]
    for t in read_yaml("treatments.yml"):
        for field in ("name", "medical_name", "summary", "when"):
            texts[f"treatments: {t['slug']}: {field}"] = t[field]
    for entry in read_yaml("glossary.yml"):
        texts[f"glossary: {entry['term']}: definition"] = entry["definition"]
    for part, file in (("study", "study.yml"), ("safety", "safety.yml")):
        for dotted in yaml.safe_load(ES.read_text(encoding="utf-8"))[part]:
            node = read_yaml(file)
            for key in dotted.split("."):
                node = node[key]
            texts[f"{part}: {dotted}"] = str(node)
    for sid, source in read_yaml("sources.yml").items():
        if source.get("note"):
            texts[f"sources: {sid}: note"] = source["note"]
    return texts


def spanish_text(spanish, name: str) -> str:
    part, key, *field = name.split(": ")
    if part == "phases":
        return getattr(spanish.phases[key], field[0])
    if part == "treatments":
        return getattr(spanish.treatments[key], field[0])
    if part == "glossary":
        (entry,) = [g for g in spanish.glossary if g.english == key]
        return entry.definition
    if part == "sources":
        return spanish.sources[key].note
    node = getattr(spanish, part)
    for attr in key.split("."):
        node = node[attr] if isinstance(node, dict) else getattr(node, attr)
    return node


def test_every_number_written_in_a_text_is_kept(spanish):
    """A number inside a sentence (999, 2010, 10 or 20 years) stays in the Spanish sentence."""
    texts = english_texts()
    assert len(texts) > 40
    for name, english in texts.items():
        translated = spanish_text(spanish, name)
        assert translated != english, f"es.yml: {name}: still the English '{english}'"
        assert collections.Counter(NUMBER.findall(translated)) == collections.Counter(NUMBER.findall(english)), \
            f"es.yml: {name}: the numbers differ from the English '{english}'"


def test_the_urgent_help_box_keeps_both_emergency_numbers(spanish):
    stroke = spanish.safety.urgent.stroke.text
    assert "999 en el Reino Unido" in stroke and "911 en los Estados Unidos" in stroke
    assert "cita urgente" in spanish.safety.urgent.new_palsy.text


# --- glossary links keep working in Spanish -----------------------------------------------------


def test_glossary_anchors_stay_the_english_ones(spanish):
    english = load().glossary
    assert [g.anchor for g in spanish.glossary] == [g.anchor for g in english]
    assert [g.english for g in spanish.glossary] == [g["term"] for g in read_yaml("glossary.yml")]
    assert all(s.term != e.term for s, e in zip(spanish.glossary, english) if e.term.islower())
    # Every link to a glossary word that an English page makes exists on the Spanish glossary too.
    linked = {m for page in (ROOT / "docs").rglob("*.md")
              for m in re.findall(r"glossary\.md#([a-z0-9-]+)", page.read_text(encoding="utf-8"))}
    assert linked, "no page links a glossary word: this test reads the wrong folder"
    assert linked <= {g.anchor for g in spanish.glossary}


def test_every_english_glossary_word_has_one_spanish_entry():
    english = [g["term"] for g in read_yaml("glossary.yml")]
    spanish_words = yaml.safe_load(ES.read_text(encoding="utf-8"))["glossary"]
    assert sorted(spanish_words) == sorted(english)
    seen = {}
    for key, entry in spanish_words.items():
        for word in [entry["term"], *entry.get("also", [])]:
            assert word.lower() not in seen, f"es.yml: glossary: '{word}' is under both '{seen.get(word.lower())}' and '{key}'"
            seen[word.lower()] = key
