"""Every page on a small phone (360 x 740 CSS pixels).

Nothing is off-screen: the page does not scroll sideways, no element in the
article or footer reaches past either edge of the screen, no element anywhere
is wider than the screen, and no table scrolls sideways inside its own box
(a reader would not find its hidden columns: tables stack as cards instead).
A web address shown as text wraps only after a slash, never inside a word.
Article text is at least 16 px.
"""

from __future__ import annotations

import pytest
from browsing import PHONE, REPORT, TIMEOUT_MS, load

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 16

# Runs in the page; returns {problems: [kind of problem, element] pairs, widest: the widest table in px}.
PHONE_PROBLEMS = """(minText) => {
  const problems = [];
  const screen = document.documentElement.clientWidth;
  const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (page > screen) problems.push([`the page scrolls sideways (${page} px wide on a ${screen} px screen)`, ""]);
  const article = document.querySelector("article") || document.querySelector("main");
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList[0] ? "." + el.classList[0] : "")
    + ` "${(el.textContent || el.alt || "").trim().replace(/\\s+/g, " ").slice(0, 40)}"`;
  const seen = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  // Inside a box that clips its content (the visually hidden header row of a card table):
  // what overflows is cut off, not off-screen.
  const clipped = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === "hidden" || style.overflowX === "clip" || style.clipPath !== "none") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (!seen(el) || clipped(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width > screen + 0.5) problems.push([`element wider than the screen`, `${Math.round(rect.width)} px: ${name(el)}`]);
  }
  for (const el of [...article.querySelectorAll("*"), ...document.querySelectorAll("footer *")]) {
    if (!seen(el) || clipped(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width && (rect.left < -0.5 || rect.right > screen + 0.5))
      problems.push(["element off the screen", `${Math.round(rect.left)}..${Math.round(rect.right)} px: ${name(el)}`]);
  }
  for (const el of article.querySelectorAll("p, li, dt, dd, td, th, blockquote, figcaption, summary")) {
    if (!seen(el) || !el.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minText) problems.push([`text smaller than ${minText} px`, `${size} px: ${name(el)}`]);
  }
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
  let widest = 0;
  for (const table of article.querySelectorAll("table")) {
    widest = Math.max(widest, Math.round(table.scrollWidth));
    for (let box = table; box && box !== article; box = box.parentElement) {
      if (scrolls(box)) {
        problems.push(["table scrolls sideways", `${box.scrollWidth} px in a ${box.clientWidth} px box: ${name(table)}`]);
        break;
      }
    }
  }
  // A web address as text: the characters on each line, so a break inside a word shows.
  for (const el of document.querySelectorAll(".sg-url, article code")) {
    const address = el.textContent.trim();
    if (!seen(el) || !/^https?:\\/\\//.test(address)) continue;
    const range = document.createRange(), walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let line = "", top = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (!rect.width) continue;
        if (top !== null && rect.top > top + 2 && !line.endsWith("/"))
          problems.push(["address breaks inside a word", `${address} after "${line}"`]);
        if (top === null || rect.top > top + 2) { top = rect.top; line = ""; }
        line += node.data[i];
      }
    }
  }
  return {problems, widest};
}"""


def test_pages_fit_a_phone(browser, site_pages):
    context = browser.new_context(**PHONE)
    problems = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for site_page in site_pages:
            load(page, site_page.url)
            # Closed boxes hide what they hold: open them, so their tables are measured too.
            page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")
            found = page.evaluate(PHONE_PROBLEMS, MIN_TEXT_PX)
            problems += [(site_page.name, kind, element) for kind, element in found["problems"]]
            if found["widest"]:
                REPORT.setdefault(site_page.name, {})["table px @360"] = str(found["widest"])
    finally:
        context.close()
    assert not problems, summary(problems)


def summary(problems: list[tuple[str, str, str]], examples: int = 2) -> str:
    """Per page and kind of problem: how many elements, and the first few."""
    lines = []
    for page, kind in sorted({(page, kind) for page, kind, _ in problems}):
        elements = [element for p, k, element in problems if (p, k) == (page, kind) and element]
        lines.append(f"{page}: {kind}" + (f" ({len(elements)}), e.g. " + "; ".join(elements[:examples]) if elements else ""))
    return "\n".join(lines)
