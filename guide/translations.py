"""The words data/ carries, in another language: data/translations/LANG.yml.

One set of facts: numbers, sources and figure data live only in the English
data files. A translation file holds only words (a phase's label, a glossary
entry, a treatment's name, the urgent-help box...), keyed by the English
data's ids, e.g. for Spanish:

    phases:
      fastest: {label: Empeora más rápido, plain: ..., finding: ...}
    glossary:
      synkinesis: {term: sincinesia, definition: ..., also: []}

`localize(data, "es")` returns the same SiteData with those words swapped in,
so a Spanish page or figure uses the same `{{ phases.fastest.start_day }}` and
gets the same number. A word with no translation stops the build with one
line naming the file, the field and the English text to translate.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from guide import DATA_DIR
from guide.data import DataError, SiteData, Term, _read_yaml, _rel, plain_problem

TRANSLATIONS_DIR = DATA_DIR / "translations"

# Every field a reader sees in words, per part of data/: (where, its ids, the fields).
# `also` (other spellings of a glossary word) may be an empty list.
WORDS = {
    "phases": ("natural_course.csv", ("label", "plain", "finding")),
    "treatments": ("treatments.yml", ("name", "medical_name", "summary", "when")),
    "glossary": ("glossary.yml", ("term", "definition", "also")),
}
# Single fields, by their dotted place in study.yml and safety.yml.
STUDY_WORDS = ("design.summary.value", "design.value", "measure.value", "measure.method",
               "cohorts.paper.description", "cohorts.summary.description", "onset.latest_month_text")
SAFETY_WORDS = ("urgent.title", "urgent.stroke.text", "urgent.new_palsy.text")
# A source's label (how a citation reads, 'Hospital leaflet on botulinum toxin') and its
# note (shown under it in the Sources section), when it has them; its title stays as published.
SOURCE_WORDS = ("label", "note")


class TranslatedTerm(Term):
    """A glossary word in another language; its anchor stays the English one, so
    links such as glossary.md#bells-palsy work in every language."""

    english: str

    @property
    def anchor(self) -> str:
        return Term(term=self.english, definition="-").anchor


def path(language: str, data_dir: Path = DATA_DIR) -> Path:
    return Path(data_dir) / "translations" / f"{language}.yml"


def localize(data: SiteData, language: str, data_dir: Path = DATA_DIR) -> SiteData:
    """`data` with every word in `language`; raises DataError naming a missing or unknown entry."""
    file = path(language, data_dir)
    if not file.is_file():
        raise DataError(_rel(file), None, "", f"missing: add the {language} words for data/ (see guide/translations.py)")
    words, lines = _read_yaml(file)
    words = words or {}
    where = _Where(file, lines)
    known = {"phases", "treatments", "glossary", "study", "safety", "sources"}
    for key in words:
        if key not in known:
            raise where.error((key,), f"not a part of data/ that has words: use one of {', '.join(sorted(known))}")

    phases = {pid: _swap(phase, where, ("phases", pid), words, WORDS["phases"][1]) for pid, phase in data.phases.items()}
    treatments = {slug: _swap(t, where, ("treatments", slug), words, WORDS["treatments"][1]) for slug, t in data.treatments.items()}
    glossary = tuple(_term(entry, where, words) for entry in data.glossary)
    study = _swap_dotted(data.study, where, ("study",), words, STUDY_WORDS)
    safety = _swap_dotted(data.safety, where, ("safety",), words, SAFETY_WORDS) if data.safety else None
    sources = {}
    for sid, source in data.sources.items():
        fields = tuple(field for field in SOURCE_WORDS if getattr(source, field))
        if fields:
            sources[sid] = _swap(source, where, ("sources", sid), words, fields)
        elif _get(words, ("sources", sid)) is not None:
            raise where.error(("sources", sid), "this source has no label or note in data/sources.yml: remove the entry")
        else:
            sources[sid] = source
    for part in ("phases", "treatments", "sources"):
        for key in words.get(part) or {}:
            if key not in getattr(data, part):
                raise where.error((part, key), f"no such id in data/: use one of {', '.join(getattr(data, part))}")
    english_terms = {entry.term for entry in data.glossary}
    for key in words.get("glossary") or {}:
        if key not in english_terms:
            raise where.error(("glossary", key), "no such word in data/glossary.yml: key each entry by its English term")
    return dataclasses.replace(data, phases=phases, treatments=treatments, glossary=glossary, study=study,
                               safety=safety, sources=sources)


class _Where:
    def __init__(self, file: Path, lines: dict):
        self.file, self.lines = file, lines

    def error(self, loc: tuple, problem: str) -> DataError:
        line = None
        for n in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:n]))
            if line:
                break
        return DataError(_rel(self.file), line, ": ".join(str(part) for part in loc), problem)


def _get(words: dict, loc: tuple) -> Any:
    node: Any = words
    for part in loc:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _text(where: _Where, loc: tuple, value: Any, english: Any) -> Any:
    if isinstance(english, list):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise where.error(loc, f"must be a list of words, like the English {english} (an empty list [] if none)")
        return value
    if not isinstance(value, str) or not value.strip():
        raise where.error(loc, f"is missing: translate '{' '.join(str(english).split())}'")
    return " ".join(value.split())


def _swap(model, where: _Where, loc: tuple, words: dict, fields: tuple):
    given = _get(words, loc)
    if given is None:
        raise where.error(loc, f"is missing: add its {', '.join(fields)}")
    if not isinstance(given, dict):
        raise where.error(loc, f"must be a mapping of {', '.join(fields)}")
    for key in given:
        if key not in fields:
            raise where.error((*loc, key), f"is not translated here: use only {', '.join(fields)}")
    update = {}
    for field in fields:
        english = getattr(model, field)
        if field not in given and field == "also" and not english:
            continue
        update[field] = _text(where, (*loc, field), given.get(field), english)
    return _checked(type(model), {**model.model_dump(), **update}, where, loc)


def _checked(model_class, values: dict, where: _Where, loc: tuple):
    """The translated entry, held to the same rules as the English one (a label's length, a definition's)."""
    try:
        return model_class.model_validate(values)
    except ValueError as error:
        if not hasattr(error, "errors"):
            raise where.error(loc, str(error)) from None
        problem = error.errors()[0]
        field = [str(p) for p in problem.get("loc", ())][:1]
        raise where.error((*loc, *field), plain_problem(problem).removeprefix("Value error, ")) from None


def _term(entry: Term, where: _Where, words: dict) -> Term:
    swapped = _swap(entry, where, ("glossary", entry.term), words, WORDS["glossary"][1])
    return _checked(TranslatedTerm, {**swapped.model_dump(), "english": entry.term}, where, ("glossary", entry.term))


def _swap_dotted(model, where: _Where, loc: tuple, words: dict, dotted: tuple):
    for name in dotted:
        parts = tuple(name.split("."))
        given = _get(words, (*loc, name))
        english = model
        for part in parts:
            english = english[part] if isinstance(english, dict) else getattr(english, part)
        model = _set(model, parts, _text(where, (*loc, name), given, english))
    return model


def _set(model, parts: tuple, value):
    head, rest = parts[0], parts[1:]
    if isinstance(model, dict):
        return {**model, head: _set(model[head], rest, value) if rest else value}
    current = getattr(model, head)
    return model.model_copy(update={head: _set(current, rest, value) if rest else value})
