"""'¿En qué parte de la línea de tiempo está usted?': the timeline tool in Spanish, in Chromium.

The tool's Spanish HTML (guide/timeline.py, language="es") and the site's own
timeline.js (minified, as built) are put into one page at a local address, without the rest of the
site, so the Spanish tool is tested before the Spanish pages are built. The
browser is set to US English, as for many Spanish speakers in Texas: the tool
must still read a date day first and answer in Spanish.

Expected stages come from data/ and data/translations/es.yml through
tests/timeline_expected_es.py (not through guide/timeline.py). Error messages
come from the tool's JSON: which one shows, in Spanish, is what is tested.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

import pytest
from browsing import AXE_TAGS, ROOT
from timeline_expected import DAYS_PER_MONTH, URGENT_DAYS
from timeline_expected_es import MEDICAL_HELP_NOW_ES, MONTHS_ES, STAGE_IS_ES, expected_at_es, spanish_data_dir

from guide import timeline
from guide.data import load
from guide.minify import minify
from guide.translations import localize

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "timeline.js"
URL = "http://sg-timeline.test/es/"  # answered by the test itself: nothing leaves the machine
TODAY = date.today()


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    data_dir = spanish_data_dir(tmp_path_factory.mktemp("es"))
    return data_dir, localize(load(data_dir), "es", data_dir)


@pytest.fixture(scope="module")
def messages(spanish):
    return timeline.tool_data(spanish[1], "es")["messages"]


def page_html(data) -> str:
    return ('<!doctype html>\n<html lang="es"><head><meta charset="utf-8"><title>Línea de tiempo</title></head>\n'
            f'<body><main>\n{timeline.tool_html(data, "es")}</main>\n'
            # Minified, as the built site serves it.
            f'<script>{minify(SCRIPT.read_text(encoding="utf-8"), ".js")}</script>\n</body></html>\n')


def open_tool(browser, data, requests: list | None = None, today: date = TODAY):
    context = browser.new_context(locale="en-US")
    context.clock.set_fixed_time(datetime.combine(today, time(12, 0)))
    html = page_html(data)
    context.route(URL, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    if requests is not None:
        context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(URL)
    page.wait_for_function("() => !document.getElementById('sg-timeline').hidden")
    return context, page


@pytest.fixture(scope="module")
def tool(browser, spanish):
    context, page = open_tool(browser, spanish[1])
    yield page
    context.close()


def submit(page, field: str, value: str) -> str:
    """Type into the date or months field and press the field's button; the live region's text."""
    page.evaluate("document.getElementById('sg-tl-result').replaceChildren()")
    page.fill(f"#sg-tl-{field}", value)
    page.click(f"#sg-tl-by-{field} button")
    page.wait_for_function("() => document.getElementById('sg-tl-result').textContent.trim() !== ''")
    return page.locator("#sg-tl-result").inner_text()


def assert_stage_es(text: str, day: int, data_dir) -> None:
    expected = expected_at_es(day, data_dir)
    assert text.splitlines()[0] == STAGE_IS_ES + expected.label, f"day {day}: expected {expected.label!r}:\n{text}"
    assert "Lo que vio el estudio" in text and "Tenga en cuenta" in text
    assert "movimientos nuevos" in text


def day_first_case(near: int) -> int:
    """A day near `near` whose date reads differently month first (day 1-12, not the month): the order matters."""
    for day in range(near, near + 60):
        when = TODAY - timedelta(days=day)
        if when.day <= 12 and when.day != when.month:
            return day
    raise AssertionError("no such day")


# --- a number of months, weeks, days or years ---------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("typed, months", [
    ("8 meses", 8), ("8 Meses", 8), ("8", 8), ("8,5 meses", 8.5), ("1 mes", 1), ("un mes", 1), ("16 meses", 16),
    ("un año", 12), ("1 año", 12), ("2 años", 24), ("2 anos", 24), ("2 AÑOS", 24),
])
def test_a_number_of_months_or_years_in_spanish(tool, spanish, typed, months):
    day = math.floor(months * DAYS_PER_MONTH + 0.5)  # half up
    text = submit(tool, "months", typed)
    assert_stage_es(text, day, spanish[0])
    assert "Usted escribió " in text and f"más o menos el día {day} " in text
    assert MEDICAL_HELP_NOW_ES not in text


@pytest.mark.browser
@pytest.mark.parametrize("typed, day", [
    ("3 semanas", 21), ("una semana", 7), ("10 días", 10), ("10 dias", 10), ("45 días", 45), ("2 días", 2),
])
def test_weeks_and_days_in_spanish(tool, spanish, typed, day):
    text = submit(tool, "months", typed)
    assert_stage_es(text, day, spanish[0])
    assert f"Eso es el día {day} " in text
    assert (MEDICAL_HELP_NOW_ES in text) == (day <= URGENT_DAYS), text


# --- a date typed day first -----------------------------------------------------------------------


def formats(when: date) -> dict[str, str]:
    month = MONTHS_ES[when.month - 1]
    return {
        "dd/mm/aaaa": when.strftime("%d/%m/%Y"),
        "d/m/aa": f"{when.day}/{when.month}/{when.strftime('%y')}",
        "dd-mm-aaaa": when.strftime("%d-%m-%Y"),
        "d de mes de aaaa": f"{when.day} de {month} de {when.year}",
        "D de Mes del aaaa": f"{when.day} de {month.capitalize()} del {when.year}",
        "d mes aaaa": f"{when.day} {month[:3]} {when.year}",
        "aaaa-mm-dd": when.isoformat(),
    }


@pytest.mark.browser
@pytest.mark.parametrize("style", list(formats(TODAY)))
@pytest.mark.parametrize("near", [40, 250, 600])
def test_a_date_typed_day_first(tool, spanish, style, near):
    day = day_first_case(near)
    when = TODAY - timedelta(days=day)
    text = submit(tool, "date", formats(when)[style])
    assert_stage_es(text, day, spanish[0])
    assert f"Usted escribió {when.day} de {MONTHS_ES[when.month - 1]} de {when.year}." in text
    assert f"Han pasado {day:,} días" in text


@pytest.mark.browser
@pytest.mark.parametrize("months_ago", [1, 5, 14, 30])
def test_a_month_and_year_counts_from_the_first(tool, spanish, months_ago):
    first = date(TODAY.year, TODAY.month, 1)
    for _ in range(months_ago):
        first = (first - timedelta(days=1)).replace(day=1)
    day = (TODAY - first).days
    month = MONTHS_ES[first.month - 1]
    for typed in (f"{month} {first.year}", f"{month.capitalize()} de {first.year}", f"{first.month:02d}/{first.year}"):
        text = submit(tool, "date", typed)
        assert_stage_es(text, day, spanish[0])
        assert f"Usted escribió {month} de {first.year}. Contamos desde el primer día de ese mes." in text
        assert f"Han pasado {day:,} días" in text


# --- safety: the last few days ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("day", [0, 1, URGENT_DAYS, URGENT_DAYS + 1, 30])
def test_a_face_weak_in_the_last_days_is_told_to_get_help_now(tool, spanish, day):
    when = TODAY - timedelta(days=day)
    text = submit(tool, "date", when.strftime("%d/%m/%Y"))
    assert_stage_es(text, day, spanish[0])
    assert (MEDICAL_HELP_NOW_ES in text) == (day <= URGENT_DAYS), f"day {day}:\n{text}"
    if day <= URGENT_DAYS:
        assert f"{URGENT_DAYS * 24} horas" in text and "999 (Reino Unido)" in text


@pytest.mark.browser
@pytest.mark.parametrize("today, typed, urgent", [
    (date(2026, 3, 20), "marzo 2026", True),     # it may have begun today
    (date(2026, 3, 2), "febrero 2026", True),    # or on 28 February, 2 days ago
    (date(2026, 3, 10), "febrero 2026", False),  # at least 10 days ago
], ids=["this month", "last month, 2 days on", "last month, 10 days on"])
def test_a_month_without_its_day_may_be_days_old(browser, spanish, today, typed, urgent):
    """A month counts from its 1st, but the palsy may have begun on its last day: say to get help if that is recent."""
    context, page = open_tool(browser, spanish[1], today=today)
    try:
        text = submit(page, "date", typed)
        assert (MEDICAL_HELP_NOW_ES in text) == urgent, text
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["0", "0,5 meses", "0.5"])
def test_less_than_a_month_in_spanish(tool, typed):
    text = submit(tool, "months", typed)
    assert "menos de 1 mes" in text and MEDICAL_HELP_NOW_ES in text


# --- what cannot be used ----------------------------------------------------------------------------


def bad_dates() -> list[tuple[str, str]]:
    last_year = TODAY.year - 1
    tomorrow = TODAY + timedelta(days=1)
    return [
        ("", "empty_date"), ("   ", "empty_date"),
        (f"31/02/{last_year}", "bad_date"), (f"31/04/{last_year}", "bad_date"),
        (f"03/15/{last_year}", "bad_date"),  # month first, as a US form would have it: refused, not misread
        ("15/03", "bad_date"), ("marzo", "bad_date"), ("ayer", "bad_date"), (f"15 de marzoo de {last_year}", "bad_date"),
        (tomorrow.strftime("%d/%m/%Y"), "future"), (f"{MONTHS_ES[(TODAY.month % 12)]} {TODAY.year + 1}", "future"),
        ("01/01/1850", "too_old"),
    ]


@pytest.mark.browser
@pytest.mark.parametrize("typed, message", bad_dates(), ids=[f"{t!r}" for t, _ in bad_dates()])
def test_a_date_that_cannot_be_used_gets_a_spanish_message(tool, messages, typed, message):
    text = submit(tool, "date", typed)
    assert text == messages[message]
    assert messages[message] != timeline.MESSAGES[message]["en"]
    assert tool.get_attribute("#sg-tl-date", "aria-invalid") == "true"
    assert "sg-tl-date-error" in tool.get_attribute("#sg-tl-date", "aria-describedby")


@pytest.mark.browser
@pytest.mark.parametrize("typed, message", [
    ("", "empty_months"), ("abc", "not_a_number"), ("8 weeks", "not_a_number"), ("ocho meses", "not_a_number"),
    ("8 mesess", "not_a_number"), ("-3", "negative"), ("2000", "too_many"), ("200 años", "too_many"),
    ("50000 días", "too_many"),
])
def test_months_that_cannot_be_used_get_a_spanish_message(tool, messages, typed, message):
    text = submit(tool, "months", typed)
    assert text == messages[message]
    assert messages[message] != timeline.MESSAGES[message]["en"]
    assert tool.get_attribute("#sg-tl-months", "aria-invalid") == "true"


# --- privacy and accessibility ----------------------------------------------------------------------


@pytest.mark.browser
def test_nothing_typed_in_spanish_is_stored_or_sent(browser, spanish):
    requests = []
    context, page = open_tool(browser, spanish[1], requests)
    try:
        before = page.evaluate("[JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
        requests.clear()
        entered = (TODAY - timedelta(days=321)).strftime("%d/%m/%Y")
        submit(page, "date", entered)
        submit(page, "date", "ayer")
        submit(page, "months", "8 meses")
        after = page.evaluate("[JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
        assert requests == [], f"using the tool made requests: {requests}"
        assert after == before and context.cookies() == []
        # The browser keeps no list of what was typed in these fields.
        assert page.get_attribute("#sg-tl-date", "autocomplete") == "off"
        assert page.get_attribute("#sg-tl-months", "autocomplete") == "off"
    finally:
        context.close()


@pytest.mark.browser
def test_no_axe_violations_in_the_spanish_tool(browser, spanish, axe_source):
    context, page = open_tool(browser, spanish[1])
    context.add_init_script(path=str(axe_source))
    page.reload()
    page.wait_for_function("() => !document.getElementById('sg-timeline').hidden")
    # The markup (labels, names, ARIA, language) of the Spanish tool. This page has no site
    # styles, so sizes and colours are left to the built Spanish pages (test_accessibility.py).
    run = """async (tags) => {
      const result = await axe.run(document.querySelector('.sg-timeline-tool'),
                                   {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                                    rules: {"target-size": {enabled: false}, "color-contrast": {enabled: false}}});
      return result.violations.flatMap(v => v.nodes.map(n => `${v.id} at ${n.target.join(" ")}: ${v.help}`));
    }"""
    try:
        found = {"before use": page.evaluate(run, AXE_TAGS)}
        submit(page, "date", "ayer")
        found["with an error"] = page.evaluate(run, AXE_TAGS)
        submit(page, "months", "8 meses")
        found["with an answer"] = page.evaluate(run, AXE_TAGS)
        problems = [f"{when}: {v}" for when, violations in found.items() for v in violations]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
