"""guide/timeline.py in Spanish, without a browser: stages, words, numbers and the no-JavaScript table.

Days are worked out from data/ and labels from data/translations/es.yml by
tests/timeline_expected_es.py (read with csv and yaml, not through guide/); the
urgent phrase and the tool's own stage names are typed there on purpose.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import textstat
from bs4 import BeautifulSoup
from timeline_expected import URGENT_DAYS, expected_stages
from timeline_expected_es import (MEDICAL_HELP_NOW_ES, STAGE_IS_ES, expected_stages_es, spanish_data_dir,
                                  spanish_phases)

from guide import timeline
from guide.data import load
from guide.translations import localize

pytestmark = pytest.mark.content

ENGLISH = load()
MIN_READING_EASE = 75  # Fernández-Huerta, the Spanish edition's aim for a page (its floor is 70)
# Common English words: none may be left in what a Spanish reader sees.
ENGLISH_WORDS = re.compile(r"\b(the|you|your|and|of|to|is|was|study|stage|month|months|day|days|year|years|"
                           r"doctor|enter|face|group|worse|about|from)\b", re.I)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return spanish_data_dir(tmp_path_factory.mktemp("es"))


@pytest.fixture(scope="module")
def spanish(data_dir):
    return localize(load(data_dir), "es", data_dir)


def visible_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def without_citations(soup_or_html) -> str:
    """The text a reader sees, without the sources' names (those stay as published)."""
    soup = BeautifulSoup(str(soup_or_html), "html.parser")
    for link in soup.find_all("a"):
        link.decompose()
    return " ".join(soup.get_text(" ").split())


# --- the stages -------------------------------------------------------------------------------


def test_spanish_stages_have_the_days_from_data_and_the_labels_from_the_translation(spanish, data_dir):
    got = [("between" if s.kind == "between" else s.id, s.label, s.start, s.end) for s in timeline.stages(spanish, "es")]
    assert got == [(e.kind, e.label, e.start, e.end) for e in expected_stages_es(data_dir)]
    assert [(s.start, s.end) for s in timeline.stages(spanish, "es")] == [(e.start, e.end) for e in expected_stages()]


def test_spanish_phase_findings_are_the_plain_words_from_the_translation(spanish, data_dir):
    words = spanish_phases(data_dir)
    for stage in timeline.stages(spanish, "es"):
        if stage.kind != "phase":
            continue
        said = stage.saw[0].text
        plain = " ".join(words[stage.id]["plain"].split())
        assert plain[1:] in said and plain[0].lower() == said[said.index(plain[1:]) - 1], (stage.id, said)
        assert "en el grupo" in said, f"{stage.id}: say it is the group's result"
        assert f"del día {stage.start} al " in said


def test_every_spanish_stage_says_to_report_new_movements_and_names_the_specialist(spanish):
    for stage in timeline.stages(spanish, "es"):
        said = " ".join(t.text for t in stage.consider)
        assert "movimientos nuevos" in said and "empeoran" in said, stage.id
        assert "especialista en parálisis facial" in said, stage.id  # the term list's words
        assert "equipo" not in said, f"{stage.id}: do not assume a care team"
        for text in stage.consider:
            if "cirujano del nervio facial" in text.text:
                assert "Dr. Rozen" in text.text and "En su opinión" in text.text and text.sources == ("rozen_blog",)


def test_between_and_levels_off_in_spanish(spanish, data_dir):
    stages = timeline.stages(spanish, "es")
    between = [s for s in stages if s.kind == "between"]
    assert between and all("puede que todavía esté empeorando" in s.saw[0].text for s in between)
    levels_off = stages[-1]
    study = ENGLISH.study
    assert f"dejó de empeorar a los {study.plateau.month} meses" in levels_off.saw[0].text
    assert f"el día {study.plateau.day}" in levels_off.saw[0].text
    years = " o ".join(str(y) for y in study.stable.no_improvement_years)
    assert f"ni siquiera después de {years} años" in levels_off.saw[1].text


# --- safety -------------------------------------------------------------------------------------


def test_spanish_urgent_note_tells_people_to_get_medical_help_now(spanish):
    tool = timeline.tool_data(spanish, "es")
    urgent = tool["notes"]["urgent"]
    assert MEDICAL_HELP_NOW_ES in urgent["text"]
    assert f"últimos {URGENT_DAYS} días" in urgent["text"] and f"{URGENT_DAYS * 24} horas" in urgent["text"]
    assert "999 (Reino Unido)" in urgent["text"] and "derrame cerebral (ictus)" in urgent["text"]
    assert urgent["sources"] == timeline.tool_data(ENGLISH)["notes"]["urgent"]["sources"]
    assert tool["urgent_days"] == URGENT_DAYS
    # Without JavaScript the table gives it to everyone, as in English.
    table = BeautifulSoup(timeline.tool_html(spanish, "es"), "html.parser").select_one("details")
    assert MEDICAL_HELP_NOW_ES in table.select_one(".sg-tl-urgent").get_text()


# --- every wording in both languages -----------------------------------------------------------

# Answers to input only Spanish takes (a month without its day; days or weeks).
PARTIAL = {"MESSAGES.from_month", "MESSAGES.from_days", "UNITS.week", "UNIT_WORDS.day", "UNIT_WORDS.week"}


def wordings():
    """(name, {language: words}) for every wording in guide/timeline.py, found by walking its tables."""
    found = []

    def walk(name, value):
        if isinstance(value, timeline.Said):
            found.append((name, value.words))
        elif isinstance(value, dict) and value and set(value) <= set(timeline.LANGUAGES):
            found.append((name, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{name}.{key}", item)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                walk(f"{name}[{index}]", item)

    for name, value in vars(timeline).items():
        if name.isupper() and name != "TYPING":  # TYPING: how a language types, by language
            walk(name, value)
    return found


def test_every_wording_is_in_every_language_with_the_same_placeholders():
    found = wordings()
    assert len(found) > 50, "the walk found too few wordings: has the module's layout changed?"
    for name, words in found:
        if name in PARTIAL:
            assert set(words) == {"es"}, name
            continue
        assert set(words) == set(timeline.LANGUAGES), f"{name}: give it in {', '.join(timeline.LANGUAGES)}"
        english = words["en"]
        for language, text in words.items():
            assert text and (text != english or language == "en"), f"{name}: the {language} text is the English one"
            if isinstance(text, str):
                assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", english)), \
                    f"{name}: the {language} text must use the same {{placeholders}} as the English"
            else:
                assert len(text) == len(english) or name.startswith("UNIT_WORDS"), name


def test_every_unit_typed_has_words_to_show_it():
    for language in timeline.LANGUAGES:
        typed = {unit for unit, words in timeline.UNIT_WORDS.items() if language in words}
        shown = {unit for unit, words in timeline.UNITS.items() if language in words}
        assert typed <= shown, f"{language}: {sorted(typed - shown)} can be typed but has no words to show it"


def test_spanish_types_its_dates_in_a_text_field_the_browser_does_not_remember(spanish):
    soup = BeautifulSoup(timeline.tool_html(spanish, "es"), "html.parser")
    date, months = soup.select_one("#sg-tl-date"), soup.select_one("#sg-tl-months")
    assert date["type"] == "text" and date["autocomplete"] == "off" and months["autocomplete"] == "off"
    payload = json.loads(soup.select_one("[data-sg-timeline]")["data-sg-timeline"])
    assert [m[0] for m in payload["month_names"]][2] == "marzo" and len(payload["month_names"]) == 12
    for key in timeline.TYPED_ONLY:
        assert key in payload["messages"], f"Spanish can type a month or days: it needs the message '{key}'"
    english = BeautifulSoup(timeline.tool_html(ENGLISH), "html.parser")
    assert english.select_one("#sg-tl-date")["type"] == "date"
    assert not set(timeline.TYPED_ONLY) & set(timeline.tool_data(ENGLISH)["messages"])


# --- the whole tool in Spanish ------------------------------------------------------------------


def test_no_english_words_in_the_spanish_tool(spanish):
    html = timeline.tool_html(spanish, "es")
    soup = BeautifulSoup(html, "html.parser")
    payload = json.loads(soup.select_one("[data-sg-timeline]")["data-sg-timeline"])
    shown = [without_citations(html)]

    def values(value, key=None):
        if key in ("id", "kind", "sources"):  # ids, not words a reader sees
            return
        if isinstance(value, dict):
            for k, v in value.items():
                values(v, k)
        elif isinstance(value, list):
            for v in value:
                values(v)
        elif isinstance(value, str):
            shown.append(re.sub(r"\{\w+\}", "", value))  # the script's {placeholders}

    values({key: payload[key] for key in ("notes", "messages", "headings", "caveats", "privacy", "stages", "units")})
    text = " ".join(shown)
    english = sorted(set(m.lower() for m in ENGLISH_WORDS.findall(text)))
    assert not english, f"English words in the Spanish tool: {english}"


def test_the_spanish_table_has_the_same_numbers_as_the_english(spanish):
    def numbers(html: str) -> Counter:
        table = BeautifulSoup(html, "html.parser").select_one("details")
        return Counter(re.findall(r"\d+", table.get_text(" ")))

    assert numbers(timeline.tool_html(spanish, "es")) == numbers(timeline.tool_html(ENGLISH))


def test_the_spanish_table_rows(spanish, data_dir):
    rows = BeautifulSoup(timeline.tool_html(spanish, "es"), "html.parser").select("details tbody tr")
    expected = expected_stages_es(data_dir)
    assert len(rows) == len(expected)
    for row, stage in zip(rows, expected):
        head = row.select_one("th").get_text(" ")
        days = f"Desde el día {stage.start}" if stage.end is None else f"Del día {stage.start} al {stage.end}"
        assert stage.label in head and days in head, head
        assert "meses" in head


def test_the_stage_message_reads_as_the_spanish_frame(spanish):
    assert timeline.tool_data(spanish, "es")["messages"]["stage"] == STAGE_IS_ES + "{label}"


def test_the_tools_own_spanish_words_are_easy_to_read(spanish, data_dir):
    """Fernández-Huerta of everything the module writes in Spanish (not data/'s words, measured with their pages)."""
    textstat.set_lang("es")
    try:
        # Each text once (the advice lists repeat their sentences); sentences, not field markup.
        texts = list(dict.fromkeys(words["es"] for name, words in wordings()
                                   if isinstance(words.get("es"), str) and len(words["es"].split()) > 4
                                   and "<" not in words["es"]))
        text = " ".join(re.sub(r"\{\w+\}", "8", t) for t in texts)
        score = textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")
    assert score >= MIN_READING_EASE, f"Fernández-Huerta {score:.0f} (at least {MIN_READING_EASE}) for:\n{text}"


# --- asking for a language ----------------------------------------------------------------------


def test_a_language_needs_its_own_data(spanish):
    with pytest.raises(ValueError, match="no words for language 'fr'"):
        timeline.tool_html(ENGLISH, "fr")
    with pytest.raises(ValueError, match=r"localize\(data, 'es'\)"):
        timeline.tool_html(ENGLISH, "es")
    with pytest.raises(ValueError, match="English data"):
        timeline.tool_html(spanish)


def test_english_is_the_default_and_unchanged_by_spanish(spanish):
    timeline.tool_html(spanish, "es")
    assert timeline.tool_html(ENGLISH) == timeline.tool_html(ENGLISH, "en")
    assert "Where are you on the timeline?" in visible_text(timeline.tool_html(ENGLISH))
    assert timeline.source_ids(spanish, "es") == timeline.source_ids(ENGLISH)
