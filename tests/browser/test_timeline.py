"""'Where are you on the timeline?' on the natural-course page, in Chromium.

Expected stages are worked out from data/ by tests/timeline_expected.py (read
straight from the CSV and YAML, not through guide/timeline.py), so the tests
check what a reader sees: the stage for a day, its boundaries, the safety and
"levels off" notes, "you are here" on the figure, the messages for bad input,
privacy, keyboard use and accessibility. Test dates are counted back from today; the browser's
clock is pinned to today (noon) so a run at midnight cannot straddle two days.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time, timedelta

import pytest
import textstat
from bs4 import BeautifulSoup
from browsing import ALL_GENERATORS, AXE_TAGS, ROOT, open_page
from project import run_build
from timeline_expected import (BETWEEN_LABEL, DAYS_PER_MONTH, LEVELS_OFF_LABEL, MEDICAL_HELP_NOW, PHASES, PLATEAU_DAY,
                               PLATEAU_MONTH, URGENT_DAYS, expected_at, expected_stages)

from guide import timeline
from guide.data import load

PAGE = "changes-over-time/"
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "timeline.js"
TODAY = date.today()
# The browser tests also on the Zensical build (tests/browser/conftest.py; benchmarks/generators.md).
GENERATORS = ALL_GENERATORS
MAX_GRADE = 8  # Flesch-Kincaid, house style
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.flatMap(v => v.nodes.map(n => `${v.id} at ${n.target.join(" ")}: ${v.help}`));
}"""

DATA = load()
STAGES = expected_stages()
MESSAGES = timeline.tool_data(DATA)["messages"]  # error messages: which one shows is what is tested
FRAME = "If you have signs of synkinesis"  # issue 17: the stage is an "if", most people never get it


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def years_ago(years: int) -> date:
    try:
        return TODAY.replace(year=TODAY.year - years)
    except ValueError:  # 29 February
        return TODAY.replace(year=TODAY.year - years, day=28)


def date_cases():
    """(name, days ago): first, middle and last day of every stage, and the edges."""
    cases = []
    for stage in STAGES:
        if stage.end is None:
            days = (("first day", stage.start), ("a year in", stage.start + 365), ("5 years in", stage.start + 5 * 365))
        else:
            days = (("first day", stage.start), ("middle", (stage.start + stage.end) // 2), ("last day", stage.end - 1))
        cases += [(f"{stage.kind} {where} (day {day})", day) for where, day in days]
    cases += [("yesterday", 1), (f"day {URGENT_DAYS}", URGENT_DAYS), (f"day {URGENT_DAYS + 1}", URGENT_DAYS + 1),
              ("day 150", 150), ("day 350", 350)]
    return cases


# --- the page, ready to use -----------------------------------------------------------


@pytest.fixture(scope="module")
def page_url(served_site) -> str:
    return served_site + PAGE


def new_context(browser, **options):
    # en-US: the date field reads month/day/year, which the typing tests rely on.
    context = browser.new_context(locale="en-US", **options)
    context.clock.set_fixed_time(datetime.combine(TODAY, time(12, 0)))
    return context


@pytest.fixture(scope="module")
def tool(browser, page_url):
    context = new_context(browser)
    page = open_page(context, page_url)
    yield page
    context.close()


def announced(page) -> str:
    """The text of the live region once it has something in it."""
    region = page.locator("#sg-tl-result")
    assert region.get_attribute("aria-live") == "polite"
    # A function, not an expression: the site's Content-Security-Policy forbids eval of strings.
    page.wait_for_function("() => document.getElementById('sg-tl-result').textContent.trim() !== ''")
    return region.inner_text()


def settle(page) -> None:
    """Pointer off the content and no transition running: axe measures the colours at rest."""
    page.mouse.move(0, 0)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def to_top_at_rest(page) -> None:
    """Back to the top, then settle. Where a submit scrolls to depends on the height of
    the text above, and axe's target-size rule flags whatever link happens to sit half
    under Material's sticky header. Scrolling back fades the header's title in: axe
    run during that fade measured a half-transparent title (a contrast failure under
    load), so wait two frames for the scroll to be handled, then for the fade to end."""
    page.evaluate("() => window.scrollTo(0, 0)")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    settle(page)


def clear_result(page) -> None:
    page.evaluate("document.getElementById('sg-tl-result').replaceChildren()")


def submit_date(page, value: str) -> str:
    clear_result(page)
    page.fill("#sg-tl-date", value)
    page.click("#sg-tl-by-date button")
    return announced(page)


def type_date(page, keys: str) -> str:
    """Type into the date field as a person does (month, day, year), then press Enter."""
    clear_result(page)
    page.fill("#sg-tl-date", "")
    page.focus("#sg-tl-date")
    page.keyboard.type(keys)
    page.keyboard.press("Enter")
    return announced(page)


def submit_months(page, value: str) -> str:
    clear_result(page)
    page.fill("#sg-tl-months", value)
    page.click("#sg-tl-by-months button")
    return announced(page)


def assert_stage(text: str, day: int) -> None:
    expected = expected_at(day)
    first_line = text.splitlines()[0]
    assert first_line.startswith(FRAME) and first_line.endswith(f": {expected.label}"), \
        f"day {day}: expected {expected.label!r}, page says:\n{text}"
    assert "What the study saw" in text and "Keep in mind" in text
    assert "new movements" in text, f"day {day}: say to report new or worsening movements"
    assert "care team" not in text, f"day {day}: do not assume the reader has a care team"
    # When the study saw the group level off, from the reader's own day.
    months_away = round(abs(PLATEAU_DAY - day) / DAYS_PER_MONTH)
    assert f"stopped getting worse at about {PLATEAU_MONTH} months" in text
    if months_away < 1:
        assert "For you, that is about now" in text, text
    else:
        assert ("For you, that would be in about" in text) == (day < PLATEAU_DAY), text
        assert ("For you, that was about" in text) == (day > PLATEAU_DAY), text
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"day {day}: reading grade {grade} (at most {MAX_GRADE}):\n{text}"


# --- stages from data/ (no browser) ----------------------------------------------------


@pytest.mark.content
def test_no_boundary_is_typed_into_the_script():
    script = SCRIPT.read_text(encoding="utf-8")
    numbers = {DATA.study.plateau.day, DATA.study.stable.after_day, *(p.start_day for p in DATA.phases.values()),
               *(p.end_day for p in DATA.phases.values())} - {0}
    typed = sorted(n for n in numbers if re.search(rf"(?<![\w.]){n}(?![\w.])", script))
    assert not typed, f"timeline.js contains the day(s) {typed}: read them from the page's data instead"


@pytest.mark.content
def test_a_changed_boundary_reaches_the_page(project_copy):
    csv = project_copy / "data" / "natural_course.csv"
    csv.write_text(csv.read_text().replace("fastest,200,300", "fastest,210,330"))
    result = run_build(project_copy / "site", cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project_copy / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    tool = BeautifulSoup(html, "html.parser").select_one("[data-sg-timeline]")
    stages = {s["id"]: s for s in json.loads(tool["data-sg-timeline"])["stages"]}
    assert (stages["fastest"]["start"], stages["fastest"]["end"]) == (210, 330)
    assert "between_330_400" in stages and "Day 210 to 330" in html


# --- every stage and edge, by date ------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name, day", date_cases(), ids=[c[0] for c in date_cases()])
def test_a_date_in_each_stage(tool, name, day):
    text = submit_date(tool, days_ago(day).isoformat())
    assert_stage(text, day)
    assert f"That is {day:,} day" in text
    assert (timeline.NOTES["long_ago"]["en"] in text) == (day >= min(DATA.study.stable.no_improvement_years) * 365.25)
    assert (MEDICAL_HELP_NOW in text) == (day <= URGENT_DAYS), f"day {day}:\n{text}"
    if expected_at(day).kind == "between":
        assert "may still be getting worse" in text


@pytest.mark.browser
@pytest.mark.parametrize("day", [0, URGENT_DAYS])
def test_a_face_weak_in_the_last_days_is_told_to_get_help_now(tool, day):
    text = submit_date(tool, days_ago(day).isoformat())
    assert_stage(text, day)
    assert f"That is {day} day" in text and MEDICAL_HELP_NOW in text and "72 hours" in text
    assert "today" not in text.lower()


@pytest.mark.browser
@pytest.mark.parametrize("day", [150, 350])
def test_between_stages_may_still_get_worse(tool, day):
    text = submit_date(tool, days_ago(day).isoformat())
    assert text.splitlines()[0].endswith(BETWEEN_LABEL)
    assert "may still be getting worse" in text and "did not describe" not in text


@pytest.mark.browser
@pytest.mark.parametrize("years", [30, 60])
def test_decades_ago_levels_off_and_does_not_improve(tool, years):
    text = submit_date(tool, years_ago(years).isoformat())
    day = (TODAY - years_ago(years)).days
    assert_stage(text, day)
    assert expected_at(day).kind == "levels_off"
    assert f"(about {years} years)" in text and timeline.NOTES["long_ago"]["en"] in text
    no_improvement = " or ".join(str(y) for y in DATA.study.stable.no_improvement_years)
    assert f"did not get better on its own, even after {no_improvement} years" in text


@pytest.mark.browser
@pytest.mark.parametrize("when, message", [
    (TODAY + timedelta(days=1), "future"),
    (TODAY + timedelta(days=400), "future"),
    (date(1850, 1, 1), "too_old"),
], ids=["tomorrow", "next year", "1850"])
def test_dates_that_cannot_be_right(tool, when, message):
    text = submit_date(tool, when.isoformat())
    assert MESSAGES[message] in text
    assert FRAME not in text
    assert tool.get_attribute("#sg-tl-date", "aria-invalid") == "true"
    assert "sg-tl-date-error" in tool.get_attribute("#sg-tl-date", "aria-describedby")


@pytest.mark.browser
def test_an_empty_date(tool):
    text = submit_date(tool, "")
    assert MESSAGES["empty_date"] in text


@pytest.mark.browser
@pytest.mark.parametrize("keys", [f"0230{TODAY.year - 1}", f"0431{TODAY.year - 1}", "0315"],
                         ids=["30 February", "31 April", "no year"])
def test_an_impossible_or_unfinished_date(tool, keys):
    text = type_date(tool, keys)
    assert MESSAGES["bad_date"] in text, text
    assert FRAME not in text


@pytest.mark.browser
def test_a_good_answer_clears_the_error(tool):
    submit_date(tool, "")
    assert tool.get_attribute("#sg-tl-date", "aria-invalid") == "true"
    submit_date(tool, days_ago(250).isoformat())
    assert tool.get_attribute("#sg-tl-date", "aria-invalid") is None
    assert tool.get_attribute("#sg-tl-date", "aria-describedby") == "sg-tl-date-hint"


# --- by months ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("typed, months", [
    ("2.5", 2.5), ("8", 8), ("8 months", 8), ("8 Months", 8), ("8 mo", 8), ("8mo", 8), ("8,5", 8.5), (" 12 ", 12),
    ("16", 16), ("16 months", 16), ("24", 24), ("2 years", 24), ("240", 240),
])
def test_a_number_of_months(tool, typed, months):
    day = math.floor(months * DAYS_PER_MONTH + 0.5)  # half up
    text = submit_months(tool, typed)
    assert_stage(text, day)
    assert f"about day {day} " in text
    assert MEDICAL_HELP_NOW not in text


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["0", "0 months", "0.5"])
def test_less_than_a_month_is_not_today(tool, typed):
    text = submit_months(tool, typed)
    assert "less than 1 month" in text
    assert "today" not in text.lower() and "day 0" not in text.lower()
    assert MEDICAL_HELP_NOW in text, "a face weak for under a month may be days old: say to get help now if not seen"


@pytest.mark.browser
def test_16_months_levels_off_and_agrees_with_the_plateau(tool):
    text = submit_months(tool, "16 months")
    assert text.splitlines()[0].endswith(f": {LEVELS_OFF_LABEL}")
    last_phase = PHASES[-1]["label"]
    assert last_phase not in text, f"16 months must not show {last_phase!r} beside 'stopped getting worse'"


@pytest.mark.browser
@pytest.mark.parametrize("value, message", [
    ("", "empty_months"), ("   ", "empty_months"), ("-3", "negative"), ("abc", "not_a_number"),
    ("8 weeks", "not_a_number"), ("1e3", "not_a_number"), ("2000", "too_many"),
])
def test_months_that_cannot_be_used(tool, value, message):
    text = submit_months(tool, value)
    assert MESSAGES[message] in text
    assert FRAME not in text
    assert tool.get_attribute("#sg-tl-months", "aria-invalid") == "true"


# --- "you are here" on the figure ---------------------------------------------------------


def bar_share(svg_text: str, key: str) -> tuple[float, float]:
    """Left and right edge of a bar in natural_course.svg, as shares of the image's width."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg_text).group(1))
    group = re.search(rf'<g id="bar-{key}-\d+">\s*<path d="([^"]+)"', svg_text).group(1)
    xs = [float(x) for x in re.findall(r"[ML] ([\d.]+) ", group)]
    return min(xs) / width, max(xs) / width


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["fastest", "between", "levels_off"])
def test_you_are_here_is_marked_on_the_figure(tool, page_url, tested_site, kind):
    stage = next(s for s in STAGES if s.kind == kind)
    day = stage.start + 10
    submit_date(tool, days_ago(day).isoformat())
    marker = tool.locator("#figure-natural-course .sg-tl-here")
    assert marker.count() == 1 and "You are here" in marker.inner_text()
    image = tool.locator("#figure-natural-course img").bounding_box()
    at = (marker.bounding_box()["x"] - image["x"]) / image["width"]
    # The figure the page shows (the build under test's copy, not the project's build/).
    svg = (tested_site / "assets" / "figures" / "natural_course.svg").read_text(encoding="utf-8")
    key = "plateau" if kind == "levels_off" else kind
    left, right = bar_share(svg, key)
    if stage.end is not None:  # the bar spans the stage: the marker is 10 days into it
        expected = left + (right - left) * 10 / (stage.end - stage.start)
        assert at == pytest.approx(expected, abs=0.01), f"day {day}: marker at {at:.3f} of the width, bar {left:.3f}-{right:.3f}"
    else:
        assert left < at < right


# --- privacy -----------------------------------------------------------------------------------

SPY = """
window.__sgCalls = [];
const note = (what) => () => window.__sgCalls.push(what);
for (const name of ["setItem", "removeItem", "clear"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (...args) { note("storage." + name)(); return original.apply(this, args); };
}
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
Object.defineProperty(Document.prototype, "cookie", {
  get() { return cookie.get.call(this); },
  set(value) { note("cookie")(); cookie.set.call(this, value); },
});
"""


@pytest.mark.browser
def test_nothing_is_stored_or_sent(browser, page_url):
    context = new_context(browser)
    context.add_init_script(SPY)
    try:
        page = open_page(context, page_url)
        page.wait_for_load_state("networkidle")
        before = page.evaluate("[JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
        # At load only Material's own palette choice is stored (its `__palette` key); then count what use does.
        stored = page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
        assert all(key.endswith(".__palette") for key in stored), f"stored at load: {stored}"
        page.evaluate("window.__sgCalls = []")
        requests = []
        context.on("request", lambda request: requests.append(request.url))
        entered = days_ago(321).isoformat()
        submit_date(page, entered)
        submit_date(page, "")
        submit_months(page, "8")
        submit_months(page, "abc")
        after = page.evaluate("[JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
        assert requests == [], "using the tool made requests"
        assert page.evaluate("window.__sgCalls") == [], "using the tool wrote to storage or cookies"
        assert after == before
        assert entered not in "".join(after)
        assert after[2] == "" and context.cookies() == []
    finally:
        context.close()


# --- keyboard, no JavaScript, accessibility -------------------------------------------------


def tab_to(page, element_id: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} not reached with {limit} presses of Tab")


@pytest.mark.browser
def test_works_with_the_keyboard_only(browser, page_url):
    context = new_context(browser)
    try:
        page = open_page(context, page_url)
        tab_to(page, "sg-tl-date")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the date field shows no focus outline"
        when = days_ago(250)
        page.keyboard.type(when.strftime("%m%d%Y"))
        page.keyboard.press("Enter")
        assert_stage(announced(page), 250)
        tab_to(page, "sg-tl-months", limit=10)  # from the date field, past its button
        page.keyboard.type("20")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('sg-tl-result').innerText.includes('You entered 20 months')")
        assert_stage(announced(page), round(20 * DAYS_PER_MONTH))
        assert page.evaluate("document.activeElement.id") == "sg-tl-months", "focus stays where the reader is"
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_table_shows_every_stage(browser, page_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = open_page(context, page_url, scripts=False)
        assert not page.locator("#sg-timeline").is_visible(), "the form cannot work without JavaScript: hide it"
        table = page.locator("#sg-timeline-table table")
        assert table.is_visible()
        rows = table.locator("tbody tr")
        assert rows.count() == len(STAGES)
        for index, stage in enumerate(STAGES):
            row = rows.nth(index).inner_text()
            days = f"From day {stage.start}" if stage.end is None else f"Day {stage.start} to {stage.end}"
            assert days in row and stage.label in row, row
            assert "new movements" in row
        # Without the form, the reader finds their own row: "you are here" in words.
        how = page.locator("#sg-timeline-table .sg-tl-find")
        assert how.is_visible() and "find the row" in how.inner_text()
        assert MEDICAL_HELP_NOW in page.locator("#sg-timeline-table").inner_text()
        caveats = page.locator("#sg-timeline-table li").all_inner_texts()
        assert len(caveats) == len(timeline.CAVEATS)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_no_axe_violations_before_and_after_use(browser, page_url, axe_source, scheme, palette):
    context = new_context(browser, color_scheme=scheme)
    context.add_init_script(path=str(axe_source))
    try:
        page = open_page(context, page_url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == palette
        found = {"before use": page.evaluate(RUN_AXE, AXE_TAGS)}
        submit_date(page, days_ago(250).isoformat())
        page.locator("#sg-timeline-table summary").click()  # the table folds away with JavaScript: open it
        to_top_at_rest(page)
        found["with an answer"] = page.evaluate(RUN_AXE, AXE_TAGS)
        submit_months(page, "abc")
        to_top_at_rest(page)
        found["with an error"] = page.evaluate(RUN_AXE, AXE_TAGS)
        problems = [f"{when}: {v}" for when, violations in found.items() for v in violations]
        assert not problems, "\n".join(problems)
    finally:
        context.close()


# --- print ---------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_first_printed_sheet_is_not_half_blank(browser, page_url, paper):
    """Issue 17: the figure used to jump to sheet 2 and leave sheet 1 half empty."""
    import io

    from pypdf import PdfReader

    context = browser.new_context()
    try:
        page = open_page(context, page_url)
        sheet = PdfReader(io.BytesIO(page.pdf(format=paper))).pages[0]
        lowest = []

        def note(text, cm, tm, font, size):
            if text.strip():
                lowest.append((cm[5] + tm[5] * cm[3]) if cm else tm[5])

        words = sheet.extract_text(visitor_text=note)
        height = float(sheet.mediabox.height)
        filled = 1 - min(lowest) / height  # PDF y grows upwards from the foot of the sheet
        assert filled > 0.8, f"{paper}: only {filled:.0%} of the first sheet is used"
        assert "Days since the palsy began" in words, f"{paper}: the figure is not on the first sheet"
    finally:
        context.close()
