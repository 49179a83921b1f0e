"""What the timeline tool should show, worked out from data/ by the rules in issues 12 and 17.

Read straight from the data files (csv, yaml), not through guide/timeline.py, so
a test that compares the two catches a stage that starts late or goes missing.
Shared by tests/test_timeline_stages.py and tests/browser/test_timeline.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from project import ROOT, phase_rows

DATA_DIR = ROOT / "data"
DAYS_PER_MONTH = 365.25 / 12  # an average month
URGENT_DAYS = 72 // 24  # NHS: Bell's palsy treatment should start within 72 hours

PHASES = phase_rows()
STUDY = yaml.safe_load((DATA_DIR / "study.yml").read_text(encoding="utf-8"))
PLATEAU_DAY = STUDY["plateau"]["day"]
PLATEAU_MONTH = round(PLATEAU_DAY / DAYS_PER_MONTH)

# Stated in the issues, so typed here on purpose: the words a reader must see.
BETWEEN_LABEL = "May still get worse"
LEVELS_OFF_LABEL = "Levels off"
MEDICAL_HELP_NOW = "get medical help now"


@dataclass(frozen=True)
class Expected:
    kind: str  # a phase id, "between" or "levels_off"
    label: str
    start: int
    end: int | None


def expected_stages(phases: list[dict] | None = None, plateau_day: int | None = None) -> list[Expected]:
    """Every day from day 0 is covered: the study's phases in order; the stretches
    between them "may still get worse"; a phase ends at the plateau at the latest;
    "levels off" from the plateau day in study.yml. (Other rows or day: planted data.)"""
    phases = PHASES if phases is None else phases
    plateau = PLATEAU_DAY if plateau_day is None else plateau_day
    result, cursor = [], 0
    for row in phases:
        start, end = int(row["start_day"]), int(row["end_day"])
        if start >= plateau:
            break
        if start > cursor:
            result.append(Expected("between", BETWEEN_LABEL, cursor, start))
        result.append(Expected(row["id"], row["label"], start, min(end, plateau)))
        cursor = min(end, plateau)
    if plateau > cursor:
        result.append(Expected("between", BETWEEN_LABEL, cursor, plateau))
    result.append(Expected("levels_off", LEVELS_OFF_LABEL, plateau, None))
    return result


def expected_at(day: int) -> Expected:
    return next(s for s in expected_stages() if s.start <= day and (s.end is None or day < s.end))
