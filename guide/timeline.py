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

from guide import DAYS_PER_MONTH
from guide.data import ROOT, DataError, SiteData

sys.path.insert(0, str(ROOT))
import build_figures  # noqa: E402  (the figure the tool marks "you are here" on)

DAYS_PER_YEAR = DAYS_PER_MONTH * 12

# Not a medical number: a typed year like 0202 or 1025 is a mistake, not a patient.
MAX_YEARS = 120

# A new facial palsy: treatment for Bell's palsy works best if it starts within
# 72 hours (NHS 111 Wales). Within this many days the tool says "get medical help now".
URGENT_HOURS = 72
URGENT_DAYS = URGENT_HOURS // 24
URGENT_SOURCE = "nhs_wales_bells_palsy"

TOOL_ID = "sg-timeline"
FIGURE_ID = "figure-natural-course"  # guide/pages.py: figure-{name with hyphens}


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
# The study's results are the group's, never a promise about one person: say "the group".
# Advice never assumes the reader already has a care team.
# `{start}`, `{end}` and the like are filled in from data/.

SEE_A_GP = Text("If no doctor has checked your weak face yet, see a GP as soon as you can.", (URGENT_SOURCE,))
REPORT_CHANGES = Text("At any stage, tell a doctor about new movements you do not mean to make, "
                      "or ones that get worse.")
SPECIALIST = Text("You can ask your GP (family doctor) to refer you to a facial palsy specialist. "
                  "This may be a facial therapist or a surgeon.")
THERAPY_FIRST = Text("Experts agree that face training with a therapist is usually the first treatment.",
                     ("guntinas2022",))
ROZEN_VIEW = Text("Dr Rozen is a surgeon and one of the study's authors. "
                  "His view is that talking to a facial nerve surgeon early may help you understand "
                  "synkinesis and its treatments.", ("rozen_blog",))
TREATMENT_HELPS = Text("Treatment may help your face move and look more even. "
                       "It includes face exercises (retraining), injections and, for some people, surgery.",
                       ("rozen_blog",))

CONSIDER_EARLY = [SEE_A_GP, REPORT_CHANGES, SPECIALIST]
CONSIDER_WORSENING = [REPORT_CHANGES, SPECIALIST, THERAPY_FIRST, ROZEN_VIEW]
CONSIDER_SETTLED = [TREATMENT_HELPS, REPORT_CHANGES, SPECIALIST, THERAPY_FIRST]

# By phase id in data/natural_course.csv; any other phase gets CONSIDER_WORSENING.
PHASE_CONSIDER = {"few_signs": CONSIDER_EARLY}

# A phase's finding in everyday words is the CSV's `plain` column.
PHASE_SAW = "What the study found for the group, days {start} to {end}: {plain}."
# The last phase's block of days runs past the plateau; its stage ends at the plateau.
ENDS_AT_PLATEAU = "The group levelled off at about day {plateau_day}, near the end of that time."

BETWEEN_LABEL = build_figures.BETWEEN_LABEL  # the figure draws these stretches under the same name
BETWEEN_SAW = ("The study found that the group got worse over about the first {worse_from} to {worse_to} days. "
               "So at this time, it may still be getting worse.")

ONSET_SAW = ("In the study, the first signs showed up as early as {earliest} or as late as "
             "{latest} months after the palsy began.")

LEVELS_OFF_LABEL = "Levels off"
LEVELS_OFF_SAW = [
    ("In the study, the group stopped getting worse at about {plateau_month} months, or day {plateau_day}.", "plateau"),
    ("After about {stable_day} days it stayed about the same. "
     "It did not get better on its own, even after {years} years.", "stable"),
]

# Shown with a stage when the day calls for it; the script fills in {placeholders}.
NOTES = {
    # Most people who have Bell's palsy never get synkinesis: the stage is an "if".
    "frame": ("Most people who have Bell's palsy do not get synkinesis. In one study, about 1 in {one_in} "
              "had it {months_after} months later."),
    "urgent": ("If your face became weak in the last {urgent_days} days and no doctor has seen you yet, "
               "get medical help now. Treatment for Bell's palsy works best if it starts within "
               "{urgent_hours} hours. If you also have a weak arm or trouble speaking, call 999 "
               "or your local emergency number. It may be a stroke."),
    # When the study saw it level off, from the reader's own date.
    "levels_ahead": "In the study, the group stopped getting worse at about {plateau_month} months. "
                    "For you, that would be in about {when}.",
    "levels_now": "In the study, the group stopped getting worse at about {plateau_month} months. "
                  "For you, that is about now.",
    "levels_past": "In the study, the group stopped getting worse at about {plateau_month} months. "
                   "For you, that was about {when} ago.",
    "long_ago": "Even after many years, you can still ask about treatment.",
}

MESSAGES = {
    "from_date": "You entered {date}. That is {days} since your face was first affected ({how_long}).",
    "from_months": "You entered {amount}. That is about day {day} since your face was first affected.",
    "under_a_month": "You entered {amount}. That is less than 1 month since your face was first affected.",
    "stage": "If you have signs of synkinesis, your stage is: {label}",
    "you_are_here": "You are here",
    "future": "That date is in the future. Enter the date your face was first affected. It must be today or earlier.",
    "empty_date": "Enter a date first. Or enter a number of months in the second box.",
    "bad_date": "That date is not complete or does not exist. Check the day, month and year.",
    "too_old": "That date is more than {max_years} years ago. Check the year.",
    "empty_months": "Enter a number of months, such as 8.",
    "not_a_number": "Enter the months as a number, such as 8 or 8 months.",
    "negative": "The number of months cannot be less than 0. Enter a number such as 8.",
    "too_many": "That is more than {max_years} years. Check the number of months.",
    # {how_long} above: months for the first 2 years, then years.
    "less_than_a_month": "less than 1 month",
    "about": "about {count}",
}
UNITS = {"day": ["day", "days"], "month": ["month", "months"], "year": ["year", "years"]}
# What readers type after the number in the months box ("8 months", "8 mo", "2 years").
UNIT_WORDS = {"month": ["month", "months", "mo", "mos", "mth", "mths", "m"], "year": ["year", "years", "yr", "yrs", "y"]}

HEADINGS = {"saw": "What the study saw", "consider": "What you could do now", "caveats": "Keep in mind"}

CAVEATS = [
    Text("This comes from one study. It shows what was typical for the group of people in it, not what will happen to you.",
         ("rail2025",)),
    Text("One person's face can change sooner or later, or more or less, than the group's."),
    Text("This is not a diagnosis. Talk to a doctor about your own face."),
]
PRIVACY = "Nothing you enter is stored or sent. Your browser works out the answer on this page."

FORM = {
    "title": "Where are you on the timeline?",
    "intro": "Enter when your face was first affected. You will see where that falls on the study's timeline.",
    "date_label": "Date your face was first affected",
    "date_hint": "For example, the day the palsy began.",
    "months_label": "Or: how many months ago was that?",
    "months_hint": "A number, such as 8 or 8 months.",
    "button": "Show my stage",
    "table_summary": "Every stage in one table",
    # Without JavaScript, the reader marks "you are here" themselves.
    "find_your_row": "To find where you are, count the months since your face was first affected. "
                     "Then find the row that holds that time. If you have signs of synkinesis, that row is your stage.",
    "table_head": ["Stage", "What the study saw", "What you could do now"],
}


# --- stages from data/ ---------------------------------------------------------------------


def stages(data: SiteData) -> list[Stage]:
    """The whole timeline from day 0, in order, with no gaps: the study's phases,
    the time between them, and "levels off" from the plateau day in study.yml.

    A phase whose block of days runs past the plateau ends at the plateau, so a
    day is never both "still getting worse" and "about when it stopped"."""
    study = data.study
    phases = list(data.phases.values())
    levels_off_day = study.plateau.day
    if phases[-1].start_day >= levels_off_day:
        raise DataError("data/study.yml", None, "plateau.day",
                        f"must be after the start of the last phase in natural_course.csv "
                        f"(got {levels_off_day}, the phase '{phases[-1].id}' starts at {phases[-1].start_day})")
    onset_end = round(study.onset.latest_month * DAYS_PER_MONTH)

    result: list[Stage] = []
    cursor = 0
    for phase in phases:
        if phase.start_day >= levels_off_day:
            break
        if phase.start_day > cursor:
            result.append(_between(cursor, phase.start_day, data))
        result.append(_phase(phase, levels_off_day))
        cursor = min(phase.end_day, levels_off_day)
    if levels_off_day > cursor:
        result.append(_between(cursor, levels_off_day, data))
    result.append(_levels_off(levels_off_day, data))

    # The first signs can appear until about 11 months: say so in every stage that starts before then.
    onset = _onset_text(data)
    return [_with_saw(stage, onset) if stage.start < onset_end and stage.kind != "levels_off" else stage
            for stage in result]


def _phase(phase, levels_off_day: int) -> Stage:
    plain = phase.plain[0].lower() + phase.plain[1:]
    saw = [Text(PHASE_SAW.format(start=phase.start_day, end=phase.end_day, plain=plain), tuple(phase.source))]
    end = min(phase.end_day, levels_off_day)
    if end < phase.end_day:
        saw.append(Text(ENDS_AT_PLATEAU.format(plateau_day=levels_off_day)))
    return Stage(phase.id, "phase", phase.label, phase.start_day, end, saw,
                 list(PHASE_CONSIDER.get(phase.id, CONSIDER_WORSENING)))


def _between(start: int, end: int, data: SiteData) -> Stage:
    last = list(data.phases.values())[-1]  # the last block in which the group still got worse
    saw = Text(BETWEEN_SAW.format(worse_from=last.start_day, worse_to=last.end_day), tuple(last.source))
    return Stage(f"between_{start}_{end}", "between", BETWEEN_LABEL, start, end, [saw], list(CONSIDER_WORSENING))


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
        "one_in": data.prevalence.one_in,
        "months_after": data.prevalence.months_after,
        "urgent_days": URGENT_DAYS,
        "urgent_hours": URGENT_HOURS,
    }


def _count(n: int, unit: str) -> str:
    return f"{n} {UNITS[unit][0 if n == 1 else 1]}"


def _fill(template: str, values: dict) -> str:
    """Fill in the values known at build time; leave the script's own {placeholders}."""
    return template.format_map(_Leave(values))


class _Leave(dict):
    def __missing__(self, key):
        return "{" + key + "}"


# --- what the page carries ----------------------------------------------------------------


def tool_data(data: SiteData) -> dict:
    """Everything the script needs, as plain JSON-able values."""
    values = _values(data)
    note_sources = {"frame": (data.prevalence.source,), "urgent": (URGENT_SOURCE,),
                    "levels_ahead": (data.study.plateau.source,), "levels_now": (data.study.plateau.source,),
                    "levels_past": (data.study.plateau.source,)}
    notes = {key: Text(_fill(text, values), note_sources.get(key, ())) for key, text in NOTES.items()}
    all_stages = stages(data)
    ids = sorted({i for s in all_stages for t in [*s.saw, *s.consider] for i in t.sources}
                 | {i for t in [*CAVEATS, *notes.values()] for i in t.sources})
    from guide.pages import short_name  # here, not at the top: pages imports this module

    frame = build_figures.course_frame(data)
    return {
        "days_per_month": DAYS_PER_MONTH,
        "days_per_year": DAYS_PER_YEAR,
        "max_years": MAX_YEARS,
        "urgent_days": URGENT_DAYS,
        "plateau_day": data.study.plateau.day,
        "long_ago_years": min(data.study.stable.no_improvement_years),
        "stages": [asdict(s) for s in all_stages],
        # Where the natural-course figure's plot area sits in its image (shares of width and height).
        "figure": {"id": FIGURE_ID, "end_day": build_figures.course_axis_end(data),
                   **{k: round(frame[k], 4) for k in ("left", "right", "top", "bottom")}},
        "notes": {key: asdict(text) for key, text in notes.items()},
        "messages": {k: v.replace("{max_years}", str(MAX_YEARS)) for k, v in MESSAGES.items()},
        "units": UNITS,
        "unit_words": UNIT_WORDS,
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
    urgent = payload["notes"]["urgent"]
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
        f'<p class="sg-tl-find">{escape(f["find_your_row"])}</p>\n'
        # Without the form nobody is told by date, so the urgent advice is given to all.
        f'<p class="sg-tl-urgent">{_text_html(Text(urgent["text"], tuple(urgent["sources"])), cite)}</p>\n'
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
        rows.append(f'<tr id="{TOOL_ID}-{stage.id}">{"".join(cells)}</tr>')
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
