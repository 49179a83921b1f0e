"""What the Spanish timeline tool should show, worked out from data/ and data/translations/es.yml.

As in timeline_expected.py, read straight from the files (csv, yaml), not through
guide/timeline.py. The days come from data/; a phase's Spanish label and plain
words come from the translation file; the labels of the tool's own stages and
the urgent phrase are typed here on purpose: they are the words a reader must see.

data/translations/es.yml is written by the Spanish edition's data work. Where it
is not in the tree yet, `spanish_data_dir` writes a stand-in into a temporary copy
of data/: marked words ("es label fastest") that keep the English text's digits,
so the tool's own Spanish words, its days and its numbers are still tested. The
stand-in exists only in the test's temporary folder; it is never a translation.
Shared by tests/test_timeline_stages_es.py and tests/browser/test_timeline_spanish.py.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import yaml
from timeline_expected import DATA_DIR, Expected, expected_stages

ES_FILE = DATA_DIR / "translations" / "es.yml"

BETWEEN_LABEL_ES = "Puede seguir empeorando"
LEVELS_OFF_LABEL_ES = "Deja de empeorar"
MEDICAL_HELP_NOW_ES = "busque ayuda médica ahora"
STAGE_IS_ES = "Si tiene señales de sincinesia, su etapa es: "
# How a Spanish reader writes a month (the tool must read these).
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]


def spanish_data_dir(tmp: Path) -> Path:
    """data/ with Spanish words: the real folder once es.yml exists, else a copy with a stand-in."""
    if ES_FILE.is_file():
        return DATA_DIR
    data_dir = tmp / "data"
    shutil.copytree(DATA_DIR, data_dir)
    (data_dir / "translations").mkdir(exist_ok=True)
    (data_dir / "translations" / "es.yml").write_text(
        yaml.safe_dump(_stand_in(data_dir), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data_dir


def _stand_in(data_dir: Path) -> dict:
    """Every word guide/translations.py asks for, as a marked stand-in with the English digits."""
    from guide import translations
    from guide.data import load

    data = load(data_dir)

    def mark(field: str, key: str, english) -> str | list:
        if isinstance(english, list):
            return [f"es-{word}" for word in english]
        return " ".join(["es", field, key, *re.findall(r"\d+", str(english))])

    def words(model, key: str, fields) -> dict:
        return {f: mark(f, key, getattr(model, f)) for f in fields}

    def dotted(model, names) -> dict:
        found = {}
        for name in names:
            value = model
            for part in name.split("."):
                value = value[part] if isinstance(value, dict) else getattr(value, part)
            found[name] = mark(name.replace(".", "_"), "", value)
        return found

    glossary = {}
    for term in data.glossary:
        glossary[term.term] = {"term": f"es-{term.term}", "definition": f"es definicion {term.anchor}",
                               "also": [f"es-{a}" for a in term.also]}
    return {
        "phases": {pid: words(p, pid, translations.WORDS["phases"][1]) for pid, p in data.phases.items()},
        "treatments": {s: words(t, s, translations.WORDS["treatments"][1]) for s, t in data.treatments.items()},
        "glossary": glossary,
        "study": dotted(data.study, translations.STUDY_WORDS),
        "safety": dotted(data.safety, translations.SAFETY_WORDS),
        "sources": {sid: {"note": f"es nota {sid}"} for sid, s in data.sources.items() if s.note},
    }


def spanish_phases(data_dir: Path) -> dict[str, dict]:
    """The Spanish words of each phase (label, plain), by id, read from the translation file."""
    return yaml.safe_load((data_dir / "translations" / "es.yml").read_text(encoding="utf-8"))["phases"]


def expected_stages_es(data_dir: Path) -> list[Expected]:
    """The same days as the English stages (timeline_expected.py), with the Spanish labels."""
    words = spanish_phases(data_dir)
    labels = {"between": BETWEEN_LABEL_ES, "levels_off": LEVELS_OFF_LABEL_ES}
    return [dataclasses.replace(e, label=labels.get(e.kind) or " ".join(words[e.kind]["label"].split()))
            for e in expected_stages()]


def expected_at_es(day: int, data_dir: Path) -> Expected:
    return next(s for s in expected_stages_es(data_dir) if s.start <= day and (s.end is None or day < s.end))
