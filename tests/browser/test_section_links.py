"""Every recorded section link (data/urls.yml `sections:` and `moved:`) lands on its section.

Letters print links such as .../treatment/botulinum-toxin/#what-happens-on-the-day.
Each one is opened in Chromium, as a patient's phone would, and must scroll the
page to a heading with that id (or, for a moved section, to the anchor the build
left there), not leave the reader at the top of the page.
"""

from __future__ import annotations

import pytest
import yaml
from browsing import TIMEOUT_MS, load

from project import ROOT

pytestmark = pytest.mark.browser

# Where the fragment's element ends up, and whether the page could scroll any further.
WHERE = """(id) => {
  const el = document.getElementById(id);
  if (!el) return null;
  const target = el.matches("h1, h2, h3, h4, h5, h6") ? el : (el.nextElementSibling || el);
  return {tag: target.tagName, text: target.textContent.replace("¶", "").trim(), top: el.getBoundingClientRect().top,
          bottom_reached: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 2,
          scrolled: scrollY};
}"""
HEADER_ROOM = 120  # px: Material's sticky header covers the top of the window


def recorded_links() -> list[tuple[str, str]]:
    manifest = yaml.safe_load((ROOT / "data" / "urls.yml").read_text(encoding="utf-8"))
    links = []
    for entry in manifest["pages"]:
        links += [(entry["path"], sid) for sid in entry.get("sections", [])]
        links += [(entry["path"], sid) for sid in entry.get("moved", {})]
    return links


def test_every_page_has_recorded_sections():
    # Without any, the test below would check nothing.
    assert len(recorded_links()) >= 10


def test_every_recorded_section_link_lands_on_its_section(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    missed = []
    for path, sid in recorded_links():
        url = served_site + path.lstrip("/") + "#" + sid
        load(page, "about:blank", scripts=False)
        load(page, url)
        found = page.evaluate(WHERE, sid)
        if found is None:
            missed.append(f"{path}#{sid}: no element with this id")
        elif not found["tag"].startswith("H") and "sg-moved" not in (page.evaluate("(id) => document.getElementById(id).className", sid) or ""):
            missed.append(f"{path}#{sid}: lands on a <{found['tag'].lower()}>, not a heading")
        elif not (-2 <= found["top"] <= HEADER_ROOM or (found["bottom_reached"] and found["top"] >= 0)):
            missed.append(f"{path}#{sid}: the section is {found['top']:.0f} px from the top of the window, not at it")
        elif found["scrolled"] == 0 and found["top"] > HEADER_ROOM:
            missed.append(f"{path}#{sid}: the page did not scroll to the section")
    context.close()
    assert not missed, "\n".join(missed)
