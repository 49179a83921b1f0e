"""Keyboard use: the skip link reaches the main content; focus is always visible.

The second test presses Tab through each whole page. For every element that
takes focus it compares the styles of the element (and its label, parent and
next sibling, where Material draws some focus rings) focused and not focused:
something must change, on screen.
"""

from __future__ import annotations

import pytest
from browsing import TIMEOUT_MS, load

pytestmark = pytest.mark.browser

MAX_TABS = 400  # more stops than any page should have; reaching it is reported

# Runs in the page after a Tab press: describes the focused element and whether
# its focus can be seen. Returns null once focus has left the page. Transitions
# are finished at once, so each state is read as the reader finally sees it.
FOCUS_PROBE = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.dataset.sgTabbed) return {repeat: true};  // back at the start: the whole page is done
  el.dataset.sgTabbed = "yes";
  const settle = async () => {
    await Promise.resolve();  // let Material's focus and blur handlers run
    for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* endless: leave it */ } }
  };
  const props = ["outline-style", "outline-width", "outline-color", "box-shadow", "background-color", "color",
                 "text-decoration-line", "border-bottom-color", "border-bottom-width", "opacity", "visibility", "transform"];
  const related = [el, ...(el.labels || []), el.parentElement, el.nextElementSibling].filter(Boolean);
  const look = () => related.map(e => { const s = getComputedStyle(e); return props.map(p => s.getPropertyValue(p)).join("|"); });
  const onScreen = e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
      && e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  await settle();
  const focused = look(), shown = related.map(onScreen);
  el.blur();
  await settle();
  const unfocused = look();
  el.focus();
  await settle();
  const text = (el.getAttribute("aria-label") || el.textContent || el.id || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  return {repeat: false, name: `${el.tagName.toLowerCase()}.${el.classList[0] || ""} "${text}"`,
          visible: related.some((e, i) => shown[i] && focused[i] !== unfocused[i])};
}"""

SKIP_TARGET = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const main = document.querySelector("main");
  if (!target || !main || !main.contains(target)) return "the skip link's target is not inside <main>";
  const top = target.getBoundingClientRect().top;
  return top >= 0 && top < innerHeight ? "" : "the page did not scroll to the main content";
}"""


def test_skip_link_reaches_main_content(browser, site_pages):
    context = browser.new_context()
    problems = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        # Material adds a skip link on pages with a table of contents; 404.html has none.
        for site_page in (p for p in site_pages if not p.is_404):
            load(page, site_page.url)
            page.keyboard.press("Tab")
            first = page.evaluate("document.activeElement.matches('a.md-skip') && document.activeElement.checkVisibility()")
            if not first:
                problems.append(f"{site_page.name}: the first Tab does not land on a visible skip link")
            else:
                page.keyboard.press("Enter")
                problems += [f"{site_page.name}: {p}" for p in [page.evaluate(SKIP_TARGET)] if p]
                page.keyboard.press("Tab")
                if not page.evaluate("!!document.activeElement.closest('main')"):
                    problems.append(f"{site_page.name}: after the skip link, Tab does not continue inside <main>")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_focus_is_always_visible(browser, site_pages):
    context = browser.new_context()
    problems, stops = [], 0
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for site_page in site_pages:
            load(page, site_page.url)
            seen = 0
            for _ in range(MAX_TABS):
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS_PROBE)
                if focus is None or focus["repeat"]:
                    break
                seen += 1
                if not focus["visible"]:
                    problems.append(f"{site_page.name}: focus not visible on {focus['name']}")
            else:
                problems.append(f"{site_page.name}: still tabbing after {MAX_TABS} stops")
            stops += seen
    finally:
        context.close()
    assert stops, "Tab never focused anything: the test itself is broken"
    assert not problems, "\n".join(problems)
