"""'Where are you on the timeline?' on the natural-course page, in Chromium.

Expected stages come from data/ through guide/timeline.py (the same source as
the page), so the tests check what the script does with them: the stage it
finds for a day, its boundaries, the messages for bad input, privacy, keyboard
use and accessibility. Test dates are counted back from today; the browser's
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
from browsing import AXE_TAGS, ROOT, open_page
from project import run_mkdocs_build

from guide import timeline
from guide.data import load

PAGE = "changes-over-time/"
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "timeline.js"
TODAY = date.today()
MAX_GRADE = 8  # Flesch-Kincaid, house style
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.flatMap(v => v.nodes.map(n => `${v.id} at ${n.target.join(" ")}: ${v.help}`));
}"""

DATA = load()
STAGES = timeline.stages(DATA)
MESSAGES = timeline.tool_data(DATA)["messages"]
NOTES = {key: text.split(".")[0] for key, text in timeline.NOTES.items()}  # the first sentence is enough


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def years_ago(years: int) -> date:
    try:
        return TODAY.replace(year=TODAY.year - years)
    except ValueError:  # 29 February
        return TODAY.replace(year=TODAY.year - years, day=28)


def stage_for(day: int) -> timeline.Stage:
    """The expected stage, read off the list of stages (not the script's search)."""
    return next(s for s in STAGES if s.start <= day and (s.end is None or day < s.end))


def date_cases():
    """(name, days ago): first, middle and last day of every stage, and the edges."""
    cases = []
    for stage in STAGES:
        if stage.end is None:
            days = (("first day", stage.start), ("a year in", stage.start + 365), ("5 years in", stage.start + 5 * 365))
        else:
            days = (("first day", stage.start), ("middle", (stage.start + stage.end) // 2), ("last day", stage.end - 1))
        cases += [(f"{stage.id} {where} (day {day})", day) for where, day in days]
    plateau = DATA.study.plateau.day
    cases.append((f"plateau day {plateau}", plateau))
    cases.append(("yesterday", 1))
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
    expected = stage_for(day)
    first_line = text.splitlines()[0]
    assert first_line == MESSAGES["stage"].format(label=expected.label), f"day {day}: expected {expected.label!r}, page says:\n{text}"
    assert "What the study saw" in text and "Keep in mind" in text
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"day {day}: reading grade {grade} (at most {MAX_GRADE}):\n{text}"


# --- stages from data/ (no browser) ----------------------------------------------------


@pytest.mark.content
def test_stages_cover_every_day_and_follow_the_data():
    assert STAGES[0].start == 0 and STAGES[-1].end is None
    for before, after in zip(STAGES, STAGES[1:]):
        assert before.end == after.start, f"gap or overlap between {before.id} and {after.id}"
    for phase in DATA.phases.values():
        stage = next(s for s in STAGES if s.id == phase.id)
        assert (stage.start, stage.end, stage.label) == (phase.start_day, phase.end_day, phase.label)
    assert STAGES[-1].start >= DATA.study.plateau.day and STAGES[-1].start >= DATA.study.stable.after_day


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
    result = run_mkdocs_build(project_copy / "site", cwd=project_copy)
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
    plateau = DATA.study.plateau.day
    shows_plateau_note = NOTES["plateau"].format(plateau_month=DATA.study.plateau.month) in text
    assert shows_plateau_note == (day >= plateau and stage_for(day).kind != "levels_off"), text
    assert (timeline.NOTES["long_ago"] in text) == (day >= min(DATA.study.stable.no_improvement_years) * 365.25)
    assert (NOTES["today"] in text) == (day == 0)


@pytest.mark.browser
def test_today_is_day_zero(tool):
    text = submit_date(tool, TODAY.isoformat())
    assert_stage(text, 0)
    assert "That is 0 days" in text and NOTES["today"] in text


@pytest.mark.browser
@pytest.mark.parametrize("years", [30, 60])
def test_decades_ago_levels_off_and_does_not_improve(tool, years):
    text = submit_date(tool, years_ago(years).isoformat())
    day = (TODAY - years_ago(years)).days
    assert_stage(text, day)
    assert stage_for(day).kind == "levels_off"
    assert f"(about {years} years)" in text and timeline.NOTES["long_ago"] in text
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
    assert "Your stage" not in text
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
    assert "Your stage" not in text


@pytest.mark.browser
def test_a_good_answer_clears_the_error(tool):
    submit_date(tool, "")
    assert tool.get_attribute("#sg-tl-date", "aria-invalid") == "true"
    submit_date(tool, days_ago(250).isoformat())
    assert tool.get_attribute("#sg-tl-date", "aria-invalid") is None
    assert tool.get_attribute("#sg-tl-date", "aria-describedby") == "sg-tl-date-hint"


# --- by months ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("months", ["0", "2.5", "8", "8,5", " 12 ", "16", "24", "240"])
def test_a_number_of_months(tool, months):
    day = math.floor(float(months.strip().replace(",", ".")) * timeline.DAYS_PER_MONTH + 0.5)  # half up
    text = submit_months(tool, months)
    assert_stage(text, day)
    assert f"about day {day} " in text


@pytest.mark.browser
@pytest.mark.parametrize("value, message", [
    ("", "empty_months"), ("   ", "empty_months"), ("-3", "negative"), ("abc", "not_a_number"),
    ("8 months", "not_a_number"), ("1e3", "not_a_number"), ("2000", "too_many"),
])
def test_months_that_cannot_be_used(tool, value, message):
    text = submit_months(tool, value)
    assert MESSAGES[message] in text
    assert "Your stage" not in text
    assert tool.get_attribute("#sg-tl-months", "aria-invalid") == "true"


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
        assert_stage(announced(page), round(20 * timeline.DAYS_PER_MONTH))
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
            assert timeline.when(stage) in row and stage.label in row
            for text in [*stage.saw, *stage.consider]:
                assert text.text.rstrip(".") in row
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
        settle(page)
        # Back to the top before each run: where a submit scrolls to depends on the
        # height of the text above, and axe's target-size rule flags whatever link
        # happens to sit half under Material's sticky header.
        page.evaluate("() => window.scrollTo(0, 0)")
        found["with an answer"] = page.evaluate(RUN_AXE, AXE_TAGS)
        submit_months(page, "abc")
        settle(page)
        page.evaluate("() => window.scrollTo(0, 0)")
        found["with an error"] = page.evaluate(RUN_AXE, AXE_TAGS)
        problems = [f"{when}: {v}" for when, violations in found.items() for v in violations]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
