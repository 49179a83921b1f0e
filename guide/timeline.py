"""'Where am I on the timeline?': the natural-course study as stages a reader can look up.

A page writes `{{ timeline_tool() }}` (see guide/pages.py) and gets:

- a small form (hidden until the script runs) and a result area that screen
  readers announce (an aria-live region);
- the same facts as a static table, for readers without JavaScript.

The stages (first and last day) are worked out here from data/natural_course.csv
and data/study.yml, so no day is typed twice. The words a reader sees live here
too, next to the numbers they use, in English and Spanish (`language="es"`, with
data/ in Spanish from guide/translations.py). Both reach the browser as JSON in the
tool's `data-sg-timeline` attribute: overrides/assets/javascripts/timeline.js only
finds the stage that holds a day and fills in the words. It never stores or sends
what the reader types.

    python -m guide.timeline         # print the JSON the page will carry
    python -m guide.timeline es      # the same for a Spanish page (needs data/translations/es.yml)
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from html import escape
from typing import Callable

from guide import DAYS_PER_MONTH
from guide.data import ROOT, DataError, SiteData
from guide.translations import TranslatedTerm

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
# Patient-facing: one idea per sentence, everyday words (Flesch-Kincaid grade 8 at most;
# Spanish: Fernández-Huerta 70 or more, "usted", the terms in the Spanish edition's list).
# The study's results are the group's, never a promise about one person: say "the group".
# Advice never assumes the reader already has a care team.
# `{start}`, `{end}` and the like are filled in from data/.
# Each wording is written once per language, the languages side by side, so a
# change to one shows up next to the other. A language is a key of every entry.

LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Said:
    """Sentences for readers in each language (by language code), and the sources they come from."""

    words: dict[str, str]
    sources: tuple[str, ...] = ()

    def in_(self, language: str) -> Text:
        return Text(self.words[language], self.sources)


SEE_A_GP = Said({
    "en": "If no doctor has checked your weak face yet, see a GP as soon as you can.",
    # The citation follows the last word: end on "posible", not on "(médico de familia)".
    "es": "¿Ningún médico le ha revisado todavía la cara débil? Entonces vaya a un médico de cabecera "
          "(médico de familia) lo antes posible.",
}, (URGENT_SOURCE,))
REPORT_CHANGES = Said({
    "en": "At any stage, tell a doctor about new movements you do not mean to make, or ones that get worse.",
    "es": "En cualquier etapa, dígale a un médico si tiene movimientos nuevos que no quiere hacer, "
          "o si los que ya tiene empeoran.",
})
SPECIALIST = Said({
    "en": "You can ask your GP (family doctor) to refer you to a facial palsy specialist. "
          "This may be a facial therapist or a surgeon.",
    "es": "Puede pedirle a su médico de cabecera (médico de familia) que lo envíe a un especialista en "
          "parálisis facial. Esto se llama una derivación (o un referido). Puede ser un terapeuta facial o un cirujano.",
})
THERAPY_FIRST = Said({
    "en": "Experts agree that face training with a therapist is usually the first treatment.",
    "es": "Los expertos están de acuerdo en que el primer tratamiento suele ser la reeducación facial "
          "con un terapeuta.",
}, ("guntinas2022",))
ROZEN_VIEW = Said({
    "en": "Dr Rozen is a surgeon and one of the study's authors. "
          "His view is that talking to a facial nerve surgeon early may help you understand "
          "synkinesis and its treatments.",
    "es": "El Dr. Rozen es cirujano y uno de los autores del estudio. En su opinión, hablar pronto con "
          "un cirujano del nervio facial puede ayudarle a entender la sincinesia y sus tratamientos.",
}, ("rozen_blog",))
TREATMENT_HELPS = Said({
    "en": "Treatment may help your face move and look more even. "
          "It includes face exercises (retraining), injections and, for some people, surgery.",
    "es": "El tratamiento puede ayudar a que su cara se mueva y se vea más pareja. Incluye ejercicios "
          "para la cara (reeducación), inyecciones y, para algunas personas, cirugía.",
}, ("rozen_blog",))

CONSIDER_EARLY = [SEE_A_GP, REPORT_CHANGES, SPECIALIST]
CONSIDER_WORSENING = [REPORT_CHANGES, SPECIALIST, THERAPY_FIRST, ROZEN_VIEW]
CONSIDER_SETTLED = [TREATMENT_HELPS, REPORT_CHANGES, SPECIALIST, THERAPY_FIRST]

# By phase id in data/natural_course.csv; any other phase gets CONSIDER_WORSENING.
PHASE_CONSIDER = {"few_signs": CONSIDER_EARLY}

# A phase's finding in everyday words is the CSV's `plain` column (in Spanish, from data/translations/es.yml).
PHASE_SAW = {
    "en": "What the study found for the group, days {start} to {end}: {plain}.",
    "es": "Lo que el estudio encontró en el grupo, del día {start} al {end}: {plain}.",
}
# The last phase's block of days runs past the plateau; its stage ends at the plateau.
ENDS_AT_PLATEAU = {
    "en": "The group levelled off at about day {plateau_day}, near the end of that time.",
    "es": "El grupo dejó de empeorar cerca del día {plateau_day}, casi al final de ese tiempo.",
}

BETWEEN_SAW = {
    "en": "The study found that the group got worse over about the first {worse_from} to {worse_to} days. "
          "So at this time, it may still be getting worse.",
    "es": "El estudio encontró que el grupo empeoró durante más o menos los primeros {worse_from} a {worse_to} "
          "días. Por eso, en este tiempo, puede que todavía esté empeorando.",
}

ONSET_SAW = {
    "en": "In the study, the first signs showed up as early as {earliest} or as late as "
          "{latest} months after the palsy began.",
    "es": "En el estudio, las primeras señales aparecieron tan pronto como {earliest} o tan tarde como "
          "{latest} meses después de que empezó la parálisis.",
}

LEVELS_OFF_LABEL = {"en": "Levels off", "es": "Deja de empeorar"}
LEVELS_OFF_SAW = [
    ({"en": "In the study, the group stopped getting worse at about {plateau_month} months, or day {plateau_day}.",
      "es": "En el estudio, el grupo dejó de empeorar a los {plateau_month} meses, más o menos (el día {plateau_day})."},
     "plateau"),
    ({"en": "After about {stable_day} days it stayed about the same. "
            "It did not get better on its own, even after {years} years.",
      "es": "Después de unos {stable_day} días, la sincinesia siguió más o menos igual. "
            "No mejoró por sí sola, ni siquiera después de {years} años."},
     "stable"),
]
# "10 or 20 years" (study.yml: stable.no_improvement_years).
OR = {"en": " or ", "es": " o "}

# Shown with a stage when the day calls for it; the script fills in {placeholders}.
NOTES = {
    # Most people who have Bell's palsy never get synkinesis: the stage is an "if".
    "frame": {
        "en": "Most people who have Bell's palsy do not get synkinesis. In one study, about 1 in {one_in} "
              "had it {months_after} months later.",
        "es": "La mayoría de las personas con parálisis de Bell no llegan a tener sincinesia. En un estudio, "
              "cerca de 1 de cada {one_in} la tenía {months_after} meses después.",
    },
    "urgent": {
        "en": "If your face became weak in the last {urgent_days} days and no doctor has seen you yet, "
              "get medical help now. Treatment for Bell's palsy works best if it starts within "
              "{urgent_hours} hours. If you also have a weak arm or trouble speaking, call 999 "
              "or your local emergency number. It may be a stroke.",
        "es": "Si su cara se debilitó en los últimos {urgent_days} días y todavía no ha visto a un médico, "
              "busque ayuda médica ahora. El tratamiento de la parálisis de Bell funciona mejor si empieza "
              "en las primeras {urgent_hours} horas. Si también tiene un brazo débil o problemas para hablar, "
              "llame al 999 (Reino Unido) o al número de emergencias de su país. Puede ser un derrame "
              "cerebral (ictus).",
    },
    # When the study saw it level off, from the reader's own date.
    "levels_ahead": {
        "en": "In the study, the group stopped getting worse at about {plateau_month} months. "
              "For you, that would be in about {when}.",
        "es": "En el estudio, el grupo dejó de empeorar a los {plateau_month} meses, más o menos. "
              "Para usted, eso sería dentro de {when}, más o menos.",
    },
    "levels_now": {
        "en": "In the study, the group stopped getting worse at about {plateau_month} months. "
              "For you, that is about now.",
        "es": "En el estudio, el grupo dejó de empeorar a los {plateau_month} meses, más o menos. "
              "Para usted, eso es más o menos ahora.",
    },
    "levels_past": {
        "en": "In the study, the group stopped getting worse at about {plateau_month} months. "
              "For you, that was about {when} ago.",
        "es": "En el estudio, el grupo dejó de empeorar a los {plateau_month} meses, más o menos. "
              "Para usted, eso fue hace {when}, más o menos.",
    },
    "long_ago": {
        "en": "Even after many years, you can still ask about treatment.",
        "es": "Aunque hayan pasado muchos años, puede preguntar por un tratamiento.",
    },
}

MESSAGES = {
    "from_date": {
        "en": "You entered {date}. That is {days} since your face was first affected ({how_long}).",
        "es": "Usted escribió {date}. Han pasado {days} desde que se le afectó la cara ({how_long}).",
    },
    # Only where a date may be typed without its day ("marzo 2025"; see TYPING): counted from the 1st.
    "from_month": {
        "es": "Usted escribió {date}. Contamos desde el primer día de ese mes. "
              "Han pasado {days} desde entonces ({how_long}).",
    },
    "from_months": {
        "en": "You entered {amount}. That is about day {day} since your face was first affected.",
        "es": "Usted escribió {amount}. Eso es más o menos el día {day} desde que se le afectó la cara.",
    },
    # Only where days or weeks may be typed (see UNIT_WORDS): an exact day, not "about".
    "from_days": {
        "es": "Usted escribió {amount}. Eso es el día {day} desde que se le afectó la cara.",
    },
    "under_a_month": {
        "en": "You entered {amount}. That is less than 1 month since your face was first affected.",
        "es": "Usted escribió {amount}. Eso es menos de 1 mes desde que se le afectó la cara.",
    },
    "stage": {
        "en": "If you have signs of synkinesis, your stage is: {label}",
        "es": "Si tiene señales de sincinesia, su etapa es: {label}",
    },
    "you_are_here": {"en": "You are here", "es": "Usted está aquí"},
    "future": {
        "en": "That date is in the future. Enter the date your face was first affected. It must be today or earlier.",
        "es": "Esa fecha todavía no ha llegado. Escriba la fecha en que se le afectó la cara. Debe ser hoy o antes.",
    },
    "empty_date": {
        "en": "Enter a date first. Or enter a number of months in the second box.",
        "es": "Primero escriba una fecha. O escriba un número de meses en el segundo cuadro.",
    },
    "bad_date": {
        "en": "That date is not complete or does not exist. Check the day, month and year.",
        # The Spanish field is typed, not picked: say the order it reads.
        "es": "Esa fecha no está completa o no existe. Revise el día, el mes y el año. "
              "Escriba primero el día, así: 15/03/2025.",
    },
    "too_old": {
        "en": "That date is more than {max_years} years ago. Check the year.",
        "es": "Esa fecha es de hace más de {max_years} años. Revise el año.",
    },
    "empty_months": {"en": "Enter a number of months, such as 8.", "es": "Escriba un número de meses, como 8."},
    "not_a_number": {
        "en": "Enter the months as a number, such as 8 or 8 months.",
        "es": "Escriba los meses con un número, como 8 u 8 meses.",
    },
    "negative": {
        "en": "The number of months cannot be less than 0. Enter a number such as 8.",
        "es": "El número de meses no puede ser menor que 0. Escriba un número como 8.",
    },
    "too_many": {
        "en": "That is more than {max_years} years. Check the number of months.",
        "es": "Eso es más de {max_years} años. Revise el número de meses.",
    },
    # {how_long} above: months for the first 2 years, then years.
    "less_than_a_month": {"en": "less than 1 month", "es": "menos de 1 mes"},
    "about": {"en": "about {count}", "es": "cerca de {count}"},
}
# Only these may lack a language: they answer input that only some languages take (see TYPING, UNIT_WORDS).
TYPED_ONLY = ("from_month", "from_days")

UNITS = {
    "day": {"en": ["day", "days"], "es": ["día", "días"]},
    "week": {"es": ["semana", "semanas"]},
    "month": {"en": ["month", "months"], "es": ["mes", "meses"]},
    "year": {"en": ["year", "years"], "es": ["año", "años"]},
}
# What readers type after the number in the months box ("8 months", "8 mo", "2 years";
# "8 meses", "2 años" or "2 anos" on a keyboard without ñ, "3 semanas", "10 días").
UNIT_WORDS = {
    "day": {"es": ["día", "días", "dia", "dias", "d"]},
    "week": {"es": ["semana", "semanas", "sem"]},
    "month": {"en": ["month", "months", "mo", "mos", "mth", "mths", "m"], "es": ["mes", "meses", "m"]},
    "year": {"en": ["year", "years", "yr", "yrs", "y"], "es": ["año", "años", "ano", "anos"]},
}

# How a language's readers type a date, beyond the English form's date picker.
# Spanish: a text field read day first ("15/03/2025", "15/3/25", "15 de marzo de 2025",
# "marzo 2025"), whatever the browser's own language: a date picker in a US
# browser asks for month/day/year. The script reads these keys only when present.
TYPING = {
    "es": {
        "locale": "es-419",  # Latin American Spanish: "15 de marzo de 2025", "10,957 días"
        "month_names": [["enero", "ene"], ["febrero", "feb"], ["marzo", "mar"], ["abril", "abr"], ["mayo", "may"],
                        ["junio", "jun"], ["julio", "jul"], ["agosto", "ago"],
                        ["septiembre", "setiembre", "sep", "sept", "set"], ["octubre", "oct"],
                        ["noviembre", "nov"], ["diciembre", "dic"]],
        "filler_words": ["de", "del"],
        "number_words": {"un": 1, "una": 1, "uno": 1},
    },
}

HEADINGS = {
    "saw": {"en": "What the study saw", "es": "Lo que vio el estudio"},
    "consider": {"en": "What you could do now", "es": "Lo que puede hacer ahora"},
    "caveats": {"en": "Keep in mind", "es": "Tenga en cuenta"},
}

CAVEATS = [
    Said({"en": "This comes from one study. It shows what was typical for the group of people in it, "
                "not what will happen to you.",
          "es": "Esto viene de un estudio. Muestra lo que fue típico en el grupo de personas del estudio, "
                "no lo que le va a pasar a usted."},
         ("rail2025",)),
    Said({"en": "One person's face can change sooner or later, or more or less, than the group's.",
          "es": "La cara de una persona puede cambiar antes o después, o más o menos, que la del grupo."}),
    Said({"en": "This is not a diagnosis. Talk to a doctor about your own face.",
          "es": "Esto no es un diagnóstico. Hable con un médico sobre su propia cara."}),
]
PRIVACY = {
    "en": "Nothing you enter is stored or sent. Your browser works out the answer on this page.",
    "es": "No se guarda ni se envía nada de lo que escriba. Su navegador calcula la respuesta en esta página.",
}

FORM = {
    "title": {"en": "Where are you on the timeline?", "es": "¿En qué parte de la línea de tiempo está usted?"},
    "intro": {
        "en": "Enter when your face was first affected. You will see where that falls on the study's timeline.",
        "es": "Escriba cuándo se le afectó la cara por primera vez. Verá en qué parte de la línea de tiempo "
              "del estudio queda esa fecha.",
    },
    "date_label": {"en": "Date your face was first affected",
                   "es": "Fecha en que se le afectó la cara por primera vez"},
    "date_hint": {"en": "For example, the day the palsy began.",
                  "es": "Por ejemplo, el día en que empezó la parálisis. Escriba primero el día: "
                        "15/03/2025 o 15 de marzo de 2025."},
    "months_label": {"en": "Or: how many months ago was that?", "es": "O bien: ¿hace cuántos meses fue eso?"},
    "months_hint": {"en": "A number, such as 8 or 8 months.",
                    "es": "Un número, como 8 u 8 meses. También puede escribir 2 años o 3 semanas."},
    "button": {"en": "Show my stage", "es": "Ver mi etapa"},
    "table_summary": {"en": "Every stage in one table", "es": "Todas las etapas en una tabla"},
    # Without JavaScript, the reader marks "you are here" themselves.
    "find_your_row": {
        "en": "To find where you are, count the months since your face was first affected. "
              "Then find the row that holds that time. If you have signs of synkinesis, that row is your stage.",
        "es": "Para saber dónde está, cuente los meses desde que se le afectó la cara. "
              "Luego busque la fila que incluye ese tiempo. Si tiene señales de sincinesia, esa fila es su etapa.",
    },
    "table_head": {"en": ["Stage", "What the study saw", "What you could do now"],
                   "es": ["Etapa", "Lo que vio el estudio", "Lo que puede hacer ahora"]},
}
# A stage's days in the table: 'Day 200 to 300 (about 7 to 10 months)' / 'From day 500 (about 16 months)'.
WHEN = {
    "range": {"en": "Day {start} to {end} (about {start_months} to {end_months})",
              "es": "Del día {start} al {end} (unos {start_months} a {end_months})"},
    "from": {"en": "From day {start} (about {months})", "es": "Desde el día {start} (unos {months})"},
}

# The date field: English keeps the browser's date picker; a typed language gets a
# text field the script reads (autocomplete off: the browser keeps no list of what was typed).
DATE_FIELD = {
    "en": '<input type="date" id="sg-tl-date" name="date" aria-describedby="sg-tl-date-hint">',
    "es": '<input type="text" id="sg-tl-date" name="date" autocomplete="off" spellcheck="false" '
          'aria-describedby="sg-tl-date-hint">',
}
MONTHS_FIELD = {
    "en": '<input type="text" id="sg-tl-months" name="months" inputmode="decimal" size="6" '
          'aria-describedby="sg-tl-months-hint">',
    "es": '<input type="text" id="sg-tl-months" name="months" inputmode="decimal" size="6" autocomplete="off" '
          'aria-describedby="sg-tl-months-hint">',
}


def _pick(table: dict, language: str) -> dict:
    """One language's words from a table of {key: {language: words}} (keys without that language left out)."""
    return {key: by_language[language] for key, by_language in table.items() if language in by_language}


# --- stages from data/ ---------------------------------------------------------------------


def stages(data: SiteData, language: str = "en") -> list[Stage]:
    """The whole timeline from day 0, in order, with no gaps: the study's phases,
    the time between them, and "levels off" from the plateau day in study.yml.

    A phase whose block of days runs past the plateau ends at the plateau, so a
    day is never both "still getting worse" and "about when it stopped".
    `data` is in `language` (see `_checked_language`)."""
    _checked_language(data, language)
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
            result.append(_between(cursor, phase.start_day, data, language))
        result.append(_phase(phase, levels_off_day, language))
        cursor = min(phase.end_day, levels_off_day)
    if levels_off_day > cursor:
        result.append(_between(cursor, levels_off_day, data, language))
    result.append(_levels_off(levels_off_day, data, language))

    # The first signs can appear until about 11 months: say so in every stage that starts before then.
    onset = _onset_text(data, language)
    return [_with_saw(stage, onset) if stage.start < onset_end and stage.kind != "levels_off" else stage
            for stage in result]


def _checked_language(data: SiteData, language: str) -> None:
    """A language the module has words for, and data/ in that language: a Spanish stage
    with an English phase label would pass unnoticed otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"timeline: no words for language '{language}': use one of {', '.join(LANGUAGES)}")
    localized = any(isinstance(term, TranslatedTerm) for term in data.glossary)
    if data.glossary and localized != (language != "en"):
        wanted = "the English data (guide.data.load())" if language == "en" else \
            f"the data in that language (guide.translations.localize(data, '{language}'))"
        raise ValueError(f"timeline: language '{language}' needs {wanted}")


def _phase(phase, levels_off_day: int, language: str) -> Stage:
    plain = phase.plain[0].lower() + phase.plain[1:]
    saw = [Text(PHASE_SAW[language].format(start=phase.start_day, end=phase.end_day, plain=plain), tuple(phase.source))]
    end = min(phase.end_day, levels_off_day)
    if end < phase.end_day:
        saw.append(Text(ENDS_AT_PLATEAU[language].format(plateau_day=levels_off_day)))
    consider = PHASE_CONSIDER.get(phase.id, CONSIDER_WORSENING)
    return Stage(phase.id, "phase", phase.label, phase.start_day, end, saw, [t.in_(language) for t in consider])


def _between(start: int, end: int, data: SiteData, language: str) -> Stage:
    last = list(data.phases.values())[-1]  # the last block in which the group still got worse
    saw = Text(BETWEEN_SAW[language].format(worse_from=last.start_day, worse_to=last.end_day), tuple(last.source))
    return Stage(f"between_{start}_{end}", "between", build_figures.between_label(language), start, end, [saw],
                 [t.in_(language) for t in CONSIDER_WORSENING])


def _levels_off(start: int, data: SiteData, language: str) -> Stage:
    values = _values(data, language)
    sources = {"plateau": data.study.plateau.source, "stable": data.study.stable.source}
    saw = [Text(text[language].format(**values), (sources[key],)) for text, key in LEVELS_OFF_SAW]
    return Stage("levels_off", "levels_off", LEVELS_OFF_LABEL[language], start, None, saw,
                 [t.in_(language) for t in CONSIDER_SETTLED])


def _onset_text(data: SiteData, language: str) -> Text:
    onset = data.study.onset
    return Text(ONSET_SAW[language].format(earliest=_count(onset.earliest_month, "month", language),
                                           latest=onset.latest_month_text),
                (onset.source,))


def _with_saw(stage: Stage, text: Text) -> Stage:
    return Stage(stage.id, stage.kind, stage.label, stage.start, stage.end, [*stage.saw, text], stage.consider)


def _values(data: SiteData, language: str) -> dict:
    study = data.study
    return {
        "plateau_month": study.plateau.month,
        "plateau_day": study.plateau.day,
        "stable_day": study.stable.after_day,
        "years": OR[language].join(str(y) for y in study.stable.no_improvement_years),
        "one_in": data.prevalence.one_in,
        "months_after": data.prevalence.months_after,
        "urgent_days": URGENT_DAYS,
        "urgent_hours": URGENT_HOURS,
    }


def _count(n: int, unit: str, language: str) -> str:
    return f"{n} {UNITS[unit][language][0 if n == 1 else 1]}"


def _fill(template: str, values: dict) -> str:
    """Fill in the values known at build time; leave the script's own {placeholders}."""
    return template.format_map(_Leave(values))


class _Leave(dict):
    def __missing__(self, key):
        return "{" + key + "}"


# --- what the page carries ----------------------------------------------------------------


def tool_data(data: SiteData, language: str = "en") -> dict:
    """Everything the script needs, as plain JSON-able values, with the words in `language`
    (`data` in that language too: guide.translations.localize)."""
    all_stages = stages(data, language)
    values = _values(data, language)
    note_sources = {"frame": (data.prevalence.source,), "urgent": (URGENT_SOURCE,),
                    "levels_ahead": (data.study.plateau.source,), "levels_now": (data.study.plateau.source,),
                    "levels_past": (data.study.plateau.source,)}
    notes = {key: Text(_fill(text, values), note_sources.get(key, ())) for key, text in _pick(NOTES, language).items()}
    caveats = [t.in_(language) for t in CAVEATS]
    ids = sorted({i for s in all_stages for t in [*s.saw, *s.consider] for i in t.sources}
                 | {i for t in [*caveats, *notes.values()] for i in t.sources})
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
        "messages": {k: v.replace("{max_years}", str(MAX_YEARS)) for k, v in _pick(MESSAGES, language).items()},
        "units": _pick(UNITS, language),
        "unit_words": _pick(UNIT_WORDS, language),
        "headings": _pick(HEADINGS, language),
        "caveats": [asdict(t) for t in caveats],
        "privacy": PRIVACY[language],
        "sources": {i: {"label": short_name(data.sources[i]), "href": f"#source-{i}"} for i in ids},
        **TYPING.get(language, {}),
    }


def source_ids(data: SiteData, language: str = "en") -> list[str]:
    """Every source the tool cites: the page must list them under `sources:`."""
    return list(tool_data(data, language)["sources"])


def tool_html(data: SiteData, language: str = "en") -> str:
    """The tool and its no-JavaScript table, as one raw HTML block for a Markdown page,
    in `language` ("en" or "es"; `data` in that language: guide.translations.localize).

    Citations link to the page's Sources section, as `cite()` does in Markdown.
    """
    payload = tool_data(data, language)

    def cite(ids):
        return _cite_html(ids, payload["sources"])

    f = _pick(FORM, language)
    urgent = payload["notes"]["urgent"]
    form = (
        f'<section class="sg-timeline" id="{TOOL_ID}" aria-labelledby="{TOOL_ID}-title" '
        f'data-sg-timeline="{escape(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))}" hidden>\n'
        # <div>, not <p>: without JavaScript this part is hidden, and it is not article text.
        f'<div class="sg-tl-title" id="{TOOL_ID}-title">{escape(f["title"])}</div>\n'
        f'<div class="sg-tl-intro">{escape(f["intro"])} {escape(payload["privacy"])}</div>\n'
        + _form("date", f["date_label"], f["date_hint"], DATE_FIELD[language], f["button"])
        + _form("months", f["months_label"], f["months_hint"], MONTHS_FIELD[language], f["button"])
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
        f"{table_html(data, cite, language)}"
        f'<p class="sg-tl-h">{escape(payload["headings"]["caveats"])}</p>\n'
        f'<ul>\n{"".join(f"<li>{_text_html(t.in_(language), cite)}</li>" for t in CAVEATS)}\n</ul>\n'
        "</details>\n</div>\n"
    )


def _form(name: str, label: str, hint: str, field_html: str, button: str) -> str:
    # Two forms, one per way of answering, so Enter in a field always submits that field.
    # novalidate: our own messages replace the browser's bubbles (which a screen reader may miss).
    return (
        f'<form class="sg-tl-form" id="sg-tl-by-{name}" novalidate>\n'
        f'<div class="sg-tl-field"><label for="sg-tl-{name}">{escape(label)}</label>\n'
        f'<span class="sg-tl-hint" id="sg-tl-{name}-hint">{escape(hint)}</span>\n{field_html}</div>\n'
        f'<button type="submit" class="md-button md-button--primary">{escape(button)}</button>\n'
        "</form>\n"
    )


def table_html(data: SiteData, cite: Callable[[list[str]], str], language: str = "en") -> str:
    """Every stage with what the study saw and what to consider: the tool, without JavaScript."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in FORM["table_head"][language])
    rows = []
    for stage in stages(data, language):
        cells = [
            f'<th scope="row"><strong>{escape(stage.label)}</strong><br>{escape(when(stage, language))}</th>',
            f'<td>{" ".join(_text_html(t, cite) for t in stage.saw)}</td>',
            f'<td>{" ".join(_text_html(t, cite) for t in stage.consider)}</td>',
        ]
        rows.append(f'<tr id="{TOOL_ID}-{stage.id}">{"".join(cells)}</tr>')
    body = "\n".join(rows)
    return f'<div class="sg-table"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n'


def when(stage: Stage, language: str = "en") -> str:
    """'Day 200 to 300 (about 7 to 10 months)' / 'From day 500 (about 16 months)', in `language`."""
    def months(day: int) -> int:
        return round(day / DAYS_PER_MONTH)

    if stage.end is None:
        return WHEN["from"][language].format(start=stage.start, months=_count(months(stage.start), "month", language))
    return WHEN["range"][language].format(start=stage.start, end=stage.end, start_months=months(stage.start),
                                          end_months=_count(months(stage.end), "month", language))


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
    from guide.translations import localize

    # python -m guide.timeline [LANGUAGE]
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    english = load()
    print(json.dumps(tool_data(english if language == "en" else localize(english, language), language),
                     indent=2, ensure_ascii=False))
