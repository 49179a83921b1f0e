"""Every page on a small phone (360 x 740 CSS pixels).

No sideways scrolling of the page; article text at least 16 px; figures inside the
screen; a table wider than the screen scrolls inside its own box.
"""

from __future__ import annotations

import pytest
from browsing import PHONE, TIMEOUT_MS, load

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 16

# Runs in the page; returns [kind of problem, element] pairs.
PHONE_PROBLEMS = """(minText) => {
  const problems = [];
  const screen = document.documentElement.clientWidth;
  const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (page > screen) problems.push([`the page scrolls sideways (${page} px wide on a ${screen} px screen)`, ""]);
  const article = document.querySelector("article") || document.querySelector("main");
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + ` "${(el.textContent || el.alt || "").trim().slice(0, 40)}"`;
  const outside = rect => rect.left < -0.5 || rect.right > screen + 0.5;
  for (const el of article.querySelectorAll("p, li, dt, dd, td, th, blockquote, figcaption, summary")) {
    if (!el.checkVisibility() || !el.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minText) problems.push([`text smaller than ${minText} px`, `${size} px: ${name(el)}`]);
  }
  for (const el of article.querySelectorAll("figure, img, svg, video, iframe")) {
    if (el.closest("table, .md-typeset__scrollwrap")) continue;
    if (outside(el.getBoundingClientRect())) problems.push(["figure wider than the screen", name(el)]);
  }
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  for (const table of article.querySelectorAll("table")) {
    let box = table.parentElement;
    while (box && box !== article && !scrolls(box)) box = box.parentElement;
    const shown = box && box !== article ? box : table;
    if (outside(shown.getBoundingClientRect())) problems.push(["table wider than the screen and not in a scrolling box", name(table)]);
  }
  return problems;
}"""


def test_pages_fit_a_phone(browser, site_pages):
    context = browser.new_context(**PHONE)
    problems = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for site_page in site_pages:
            load(page, site_page.url)
            problems += [(site_page.name, kind, element) for kind, element in page.evaluate(PHONE_PROBLEMS, MIN_TEXT_PX)]
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
