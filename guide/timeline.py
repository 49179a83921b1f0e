"""'Where am I on the timeline?': the natural-course study as stages a reader can look up.

A page writes `{{ timeline_tool() }}` (see guide/pages.py) and gets:

- a small form (hidden until the script runs) and a result area that screen
  readers announce (an aria-live region);
- the same facts as a static table, for readers without JavaScript.

The stages (first and last day) are worked out here from data/natural_course.csv
and data/study.yml, so no day is typed twice. The words a reader sees live here
too, next to the numbers they use. Both reach the browser as JSON in the tool's
`data-sg-timeline` attribute: overrides/assets/javascripts/timeline.js only finds
the stage that holds a day and fills in the words. It never stores or sends
what the reader types.

    python -m guide.timeline     # print the JSON the page will carry
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from html import escape
from typing import Callable

from guide.data import ROOT, SiteData

sys.path.insert(0, str(ROOT))
from build_figures import DAYS_PER_MONTH  # noqa: E402  (the figure's month axis: one conversion for both)

DAYS_PER_YEAR = DAYS_PER_MONTH * 12

# Not a medical number: a typed year like 0202 or 1025 is a mistake, not a patient.
MAX_YEARS = 120

TOOL_ID = "sg-timeline"


@dataclass(frozen=True)
class Text:
    """One or more sentences for readers, and the sources they come from (ids in data/sources.yml)."""

    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    """A stretch of the timeline: days `start` (included) to `end` (not included; None = no end)."""

    id: str
    kind: str  # "phase" (a row of natural_course.csv), "between" or "levels_off"
    label: str
    start: int
    end: int | None
    saw: list[Text] = field(default_factory=list)
    consider: list[Text] = field(default_factory=list)


# --- words ---------------------------------------------------------------------------------
# Patient-facing: one idea per sentence, everyday words (Flesch-Kincaid grade 8 at most).
# `{start}`, `{end}` and the like are filled in from data/.

SPECIALIST = Text(
    "Dr Rozen suggests talking to a facial nerve surgeon early. "
    "It can help you learn what to expect and what treatments there are.",
    ("rozen_blog",),
)

CONSIDER_EARLY = [
    Text("Keep to the care plan your team gave you. "
         "Look out for new movements you do not mean to make, such as your eye closing when you smile."),
    SPECIALIST,
]

CONSIDER_WORSENING = [
    Text("Tell your care team about any new movements you do not mean to make. "
         "You do not need to wait for your face to settle before you ask about treatment."),
    SPECIALIST,
]

CONSIDER_SETTLED = [
    Text("Treatment may help your face move and look more even. "
         "It includes face exercises (retraining), injections and, for some people, surgery.",
         ("rozen_blog",)),
    Text("Ask your care team about seeing a facial nerve specialist."),
]

# By phase id in data/natural_course.csv. A phase without words here shows the
# CSV's own `finding`, so adding a row never breaks the tool.
PHASE_WORDS: dict[str, dict] = {
    "few_signs": {
        "saw": "In the study, people had few signs of synkinesis in the first {end} days.",
        "consider": CONSIDER_EARLY,
    },
    "fastest": {
        "saw": "In the study, synkinesis got worse fastest between day {start} and day {end}.",
        "consider": CONSIDER_WORSENING,
    },
    "last_worsening": {
        "saw": "In the study, day {start} to day {end} was the last time it was still clearly getting worse.",
        "consider": CONSIDER_WORSENING,
    },
}

BETWEEN_LABEL = "Between two stages"
BEFORE = "It comes after the stage “{label}”, which ends at day {end}."
AFTER = "The next stage, “{label}”, starts at day {start}."
BETWEEN_SAW = "The study did not describe this time on its own."

ONSET_SAW = ("In the study, the first signs showed up as early as {earliest} or as late as "
             "{latest} months after the palsy began.")

LEVELS_OFF_LABEL = "Levels off"
LEVELS_OFF_SAW = [
    ("In the study, synkinesis stopped getting worse at about {plateau_month} months, or day {plateau_day}.", "plateau"),
    ("After about {stable_day} days it stayed about the same. "
     "It did not get better on its own, even after {years} years.", "stable"),
]

# Shown with a stage when the day calls for it; the script fills in {placeholders}.
# The day-0 note repeats the site's stroke warning, which comes from this source.
URGENT_HELP_SOURCE = "nhs_bells_palsy"

NOTES = {
    "plateau": "You are at about {plateau_month} months. In the study, this is about when it stopped getting worse.",
    # With "Levels off", which already says it did not get better on its own even after 10 or 20 years.
    "long_ago": "Even after many years, you can still ask your care team about treatment.",
    "today": "That is today, day 0: the very start. If your face suddenly became weak today, get medical help now.",
}

MESSAGES = {
    "from_date": "You entered {date}. That is {days} since your face was first affected ({how_long}).",
    "from_months": "You entered {months}. That is about day {day} since your face was first affected.",
    "stage": "Your stage: {label}",
    "future": "That date is in the future. Enter the date your face was first affected. It must be today or earlier.",
    "empty_date": "Enter a date first. Or enter a number of months in the second box.",
    "bad_date": "That date is not complete or does not exist. Check the day, month and year.",
    "too_old": "That date is more than {max_years} years ago. Check the year.",
    "empty_months": "Enter a number of months, such as 8.",
    "not_a_number": "Enter the months as a number, such as 8.",
    "negative": "The number of months cannot be less than 0. Enter a number such as 8.",
    "too_many": "That is more than {max_years} years. Check the number of months.",
    # {how_long} above: months for the first 2 years, then years.
    "less_than_a_month": "less than 1 month",
    "about": "about {count}",
}
UNITS = {"day": ["day", "days"], "month": ["month", "months"], "year": ["year", "years"]}

HEADINGS = {"saw": "What the study saw", "consider": "What you could do now", "caveats": "Keep in mind"}

CAVEATS = [
    Text("This comes from one study. It shows what was typical for the people in it, not what will happen to you.",
         ("rail2025",)),
    Text("Everyone is different. Your face may change sooner or later, or more or less, than these averages."),
    Text("This is not a diagnosis. Talk to your care team about your own face."),
]
PRIVACY = "Nothing you enter is stored or sent. Your browser works out the answer on this page."

FORM = {
    "title": "Where are you on the timeline?",
    "intro": "Enter when your face was first affected. You will see where that falls on the study's timeline.",
    "date_label": "Date your face was first affected",
    "date_hint": "For example, the day the palsy began.",
    "months_label": "Or: how many months ago was that?",
    "months_hint": "A number, such as 8.",
    "button": "Show my stage",
    "table_summary": "Every stage in one table",
    "table_head": ["Stage", "What the study saw", "What you could do now"],
}


# --- stages from data/ ---------------------------------------------------------------------


def stages(data: SiteData) -> list[Stage]:
    """The whole timeline from day 0, in order, with no gaps: the study's phases,
    the time between them, and "levels off" from the first day on which every
    source agrees it had levelled off (the last phase's end, the plateau, "stable after")."""
    study = data.study
    phases = list(data.phases.values())
    levels_off_day = max(phases[-1].end_day, study.plateau.day, study.stable.after_day)
    onset_end = round(study.onset.latest_month * DAYS_PER_MONTH)

    result: list[Stage] = []
    cursor, before = 0, None
    for phase in phases:
        if phase.start_day > cursor:
            result.append(_between(cursor, phase.start_day, before, phase))
        result.append(_phase(phase))
        cursor, before = phase.end_day, phase
    if levels_off_day > cursor:
        result.append(_between(cursor, levels_off_day, before, None))
    result.append(_levels_off(levels_off_day, data))

    # The first signs can appear until about 11 months: say so in every stage that starts before then.
    onset = _onset_text(data)
    return [_with_saw(stage, onset) if stage.start < onset_end and stage.kind != "levels_off" else stage
            for stage in result]


def _phase(phase) -> Stage:
    words = PHASE_WORDS.get(phase.id)
    saw = words["saw"].format(start=phase.start_day, end=phase.end_day) if words else f"In the study: {phase.finding}."
    consider = words["consider"] if words else CONSIDER_WORSENING
    return Stage(phase.id, "phase", phase.label, phase.start_day, phase.end_day,
                 [Text(saw, tuple(phase.source))], list(consider))


def _between(start: int, end: int, before, after) -> Stage:
    parts = [BETWEEN_SAW]
    if before:
        parts.append(BEFORE.format(label=before.label, end=before.end_day))
    if after:
        parts.append(AFTER.format(label=after.label, start=after.start_day))
    sources = tuple(dict.fromkeys([*(before.source if before else []), *(after.source if after else [])]))
    neighbour = PHASE_WORDS.get(before.id if before else "", {})
    return Stage(f"between_{start}_{end}", "between", BETWEEN_LABEL, start, end,
                 [Text(" ".join(parts), sources)],
                 list(neighbour.get("consider", CONSIDER_EARLY if before is None else CONSIDER_WORSENING)))


def _levels_off(start: int, data: SiteData) -> Stage:
    values = _values(data)
    sources = {"plateau": data.study.plateau.source, "stable": data.study.stable.source}
    saw = [Text(text.format(**values), (sources[key],)) for text, key in LEVELS_OFF_SAW]
    return Stage("levels_off", "levels_off", LEVELS_OFF_LABEL, start, None, saw, list(CONSIDER_SETTLED))


def _onset_text(data: SiteData) -> Text:
    onset = data.study.onset
    return Text(ONSET_SAW.format(earliest=_count(onset.earliest_month, "month"), latest=onset.latest_month_text),
                (onset.source,))


def _with_saw(stage: Stage, text: Text) -> Stage:
    return Stage(stage.id, stage.kind, stage.label, stage.start, stage.end, [*stage.saw, text], stage.consider)


def _values(data: SiteData) -> dict:
    study = data.study
    return {
        "plateau_month": study.plateau.month,
        "plateau_day": study.plateau.day,
        "stable_day": study.stable.after_day,
        "years": " or ".join(str(y) for y in study.stable.no_improvement_years),
    }


def _count(n: int, unit: str) -> str:
    return f"{n} {UNITS[unit][0 if n == 1 else 1]}"


# --- what the page carries ----------------------------------------------------------------


def tool_data(data: SiteData) -> dict:
    """Everything the script needs, as plain JSON-able values."""
    values = _values(data)
    notes = {
        "plateau": Text(NOTES["plateau"].format(**values), (data.study.plateau.source,)),
        "long_ago": Text(NOTES["long_ago"]),
        "today": Text(NOTES["today"], (URGENT_HELP_SOURCE,)),
    }
    ids = sorted({i for s in stages(data) for t in [*s.saw, *s.consider] for i in t.sources}
                 | {i for t in [*CAVEATS, *notes.values()] for i in t.sources})
    from guide.pages import short_name  # here, not at the top: pages imports this module

    return {
        "days_per_month": DAYS_PER_MONTH,
        "days_per_year": DAYS_PER_YEAR,
        "max_years": MAX_YEARS,
        "plateau_day": data.study.plateau.day,
        "long_ago_years": min(data.study.stable.no_improvement_years),
        "stages": [asdict(s) for s in stages(data)],
        "notes": {key: asdict(text) for key, text in notes.items()},
        "messages": {k: v.replace("{max_years}", str(MAX_YEARS)) for k, v in MESSAGES.items()},
        "units": UNITS,
        "headings": HEADINGS,
        "caveats": [asdict(t) for t in CAVEATS],
        "privacy": PRIVACY,
        "sources": {i: {"label": short_name(data.sources[i]), "href": f"#source-{i}"} for i in ids},
    }


def source_ids(data: SiteData) -> list[str]:
    """Every source the tool cites: the page must list them under `sources:`."""
    return list(tool_data(data)["sources"])


def tool_html(data: SiteData) -> str:
    """The tool and its no-JavaScript table, as one raw HTML block for a Markdown page.

    Citations link to the page's Sources section, as `cite()` does in Markdown.
    """
    payload = tool_data(data)

    def cite(ids):
        return _cite_html(ids, payload["sources"])

    f = FORM
    form = (
        f'<section class="sg-timeline" id="{TOOL_ID}" aria-labelledby="{TOOL_ID}-title" '
        f'data-sg-timeline="{escape(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))}" hidden>\n'
        # <div>, not <p>: without JavaScript this part is hidden, and it is not article text.
        f'<div class="sg-tl-title" id="{TOOL_ID}-title">{escape(f["title"])}</div>\n'
        f'<div class="sg-tl-intro">{escape(f["intro"])} {escape(PRIVACY)}</div>\n'
        + _form("date", f["date_label"], f["date_hint"], '<input type="date" id="sg-tl-date" name="date" '
                'aria-describedby="sg-tl-date-hint">')
        + _form("months", f["months_label"], f["months_hint"], '<input type="text" id="sg-tl-months" name="months" '
                'inputmode="decimal" size="6" aria-describedby="sg-tl-months-hint">')
        + '<div class="sg-tl-result" id="sg-tl-result" aria-live="polite"></div>\n'
        '</section>\n'
    )
    return (
        f'<div class="sg-timeline-tool">\n{form}'
        f'<details class="sg-tl-all" id="{TOOL_ID}-table" open>\n'
        f'<summary>{escape(f["table_summary"])}</summary>\n'
        f"{table_html(data, cite)}"
        f'<p class="sg-tl-h">{escape(HEADINGS["caveats"])}</p>\n'
        f'<ul>\n{"".join(f"<li>{_text_html(t, cite)}</li>" for t in CAVEATS)}\n</ul>\n'
        "</details>\n</div>\n"
    )


def _form(name: str, label: str, hint: str, field_html: str) -> str:
    # Two forms, one per way of answering, so Enter in a field always submits that field.
    # novalidate: our own messages replace the browser's bubbles (which a screen reader may miss).
    return (
        f'<form class="sg-tl-form" id="sg-tl-by-{name}" novalidate>\n'
        f'<div class="sg-tl-field"><label for="sg-tl-{name}">{escape(label)}</label>\n'
        f'<span class="sg-tl-hint" id="sg-tl-{name}-hint">{escape(hint)}</span>\n{field_html}</div>\n'
        f'<button type="submit" class="md-button md-button--primary">{escape(FORM["button"])}</button>\n'
        "</form>\n"
    )


def table_html(data: SiteData, cite: Callable[[list[str]], str]) -> str:
    """Every stage with what the study saw and what to consider: the tool, without JavaScript."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in FORM["table_head"])
    rows = []
    for stage in stages(data):
        cells = [
            f'<th scope="row"><strong>{escape(stage.label)}</strong><br>{escape(when(stage))}</th>',
            f'<td>{" ".join(_text_html(t, cite) for t in stage.saw)}</td>',
            f'<td>{" ".join(_text_html(t, cite) for t in stage.consider)}</td>',
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    body = "\n".join(rows)
    return f'<div class="sg-table"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n'


def when(stage: Stage) -> str:
    """'Day 200 to 300 (about 7 to 10 months)' / 'From day 500 (about 16 months)'."""
    def months(day: int) -> int:
        return round(day / DAYS_PER_MONTH)

    if stage.end is None:
        return f"From day {stage.start} (about {_count(months(stage.start), 'month')})"
    return f"Day {stage.start} to {stage.end} (about {months(stage.start)} to {_count(months(stage.end), 'month')})"


def _text_html(text: Text, cite: Callable[[list[str]], str]) -> str:
    """The text with its citation before the final full stop, as pages cite: '… 300 (Rail et al.).'"""
    if not text.sources:
        return escape(text.text)
    body = text.text[:-1] if text.text.endswith(".") else text.text
    return f"{escape(body)} ({cite(list(text.sources))})."


def _cite_html(ids, sources: dict) -> str:
    return "; ".join(f'<a href="{escape(sources[i]["href"])}">{escape(sources[i]["label"])}</a>' for i in ids)


if __name__ == "__main__":
    from guide.data import load

    print(json.dumps(tool_data(load()), indent=2, ensure_ascii=False))
