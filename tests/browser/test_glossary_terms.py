"""Glossary words open their definition by touch and keyboard, and without JavaScript still lead to it.

On every page that marks a glossary word: each marked word is a button with
aria-expanded; a tap shows the word's definition from data/glossary.yml under
it; Escape closes it. With the keyboard, Enter opens it, Tab reaches the
glossary link inside, and Escape closes it and brings focus back to the word.
Without JavaScript the word is a link to its entry on the Glossary page.
"""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup
from browsing import PHONE, TIMEOUT_MS, load
from project import ROOT

from guide.data import load as load_data

pytestmark = pytest.mark.browser

STATE = """(button) => {
  const box = document.getElementById(button.getAttribute("aria-controls"));
  return {expanded: button.getAttribute("aria-expanded"), shown: !!box && box.checkVisibility(),
          text: box ? box.textContent.replace(/\\s+/g, " ").trim() : "", focusedWord: document.activeElement === button};
}"""


def definitions(spanish: bool = False) -> dict[str, str]:
    """Each spelling, lower case -> its definition, from data/glossary.yml or, for the
    Spanish pages, data/translations/es.yml (read as plain YAML, not through the build's code)."""
    if not spanish:
        return {spelling.lower(): entry.definition for entry in load_data().glossary for spelling in entry.spellings}
    words = yaml.safe_load((ROOT / "data" / "translations" / "es.yml").read_text(encoding="utf-8"))["glossary"]
    return {spelling.lower(): " ".join(entry["definition"].split())
            for entry in words.values() for spelling in [entry["term"], *(entry.get("also") or [])]}


@pytest.fixture(scope="module")
def pages_with_terms(site_pages):
    found = []
    for site_page in site_pages:
        soup = BeautifulSoup(site_page.file.read_text(encoding="utf-8"), "html.parser")
        words = [a.get_text() for a in soup.select("article a.sg-term")]
        if words:
            found.append((site_page, words))
    assert found, "no page marks a glossary word: the glossary step did not run"
    return found


def test_tap_opens_and_escape_closes(browser, pages_with_terms):
    meanings = {False: definitions(), True: definitions(spanish=True)}
    context = browser.new_context(**PHONE)
    problems = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for site_page, words in pages_with_terms:
            load(page, site_page.url)
            meaning = meanings[site_page.path.startswith("es/")]
            buttons = page.locator("article button.sg-term")
            if buttons.count() != len(words):
                problems.append(f"{site_page.name}: {len(words)} glossary words, {buttons.count()} buttons")
                continue
            for n in range(len(words)):
                button = buttons.nth(n)
                word = button.inner_text().strip()
                closed = button.evaluate(STATE)
                if closed["expanded"] != "false" or closed["shown"]:
                    problems.append(f"{site_page.name}: {word!r} starts open")
                button.tap()
                opened = button.evaluate(STATE)
                if opened["expanded"] != "true" or not opened["shown"] or meaning[word.lower()] not in opened["text"]:
                    problems.append(f"{site_page.name}: tapping {word!r} does not show its definition ({opened})")
                page.keyboard.press("Escape")
                again = button.evaluate(STATE)
                if again["expanded"] != "false" or again["shown"]:
                    problems.append(f"{site_page.name}: Escape does not close {word!r}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_enter_opens_tab_reaches_the_glossary_link_escape_returns(browser, pages_with_terms):
    context = browser.new_context()
    problems = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for site_page, _ in pages_with_terms:
            load(page, site_page.url)
            button = page.locator("article button.sg-term").first
            word = button.inner_text().strip()
            button.focus()
            page.keyboard.press("Enter")
            if button.evaluate(STATE)["expanded"] != "true":
                problems.append(f"{site_page.name}: Enter does not open {word!r}")
                continue
            page.keyboard.press("Tab")
            href = page.evaluate("() => document.activeElement.closest('.sg-term__definition') && document.activeElement.href")
            if not href or "/glossary/#" not in href:
                problems.append(f"{site_page.name}: Tab after {word!r} does not reach its glossary link")
            page.keyboard.press("Escape")
            state = button.evaluate(STATE)
            if state["shown"] or not state["focusedWord"]:
                problems.append(f"{site_page.name}: Escape leaves {word!r} open or focus lost ({state})")
            page.keyboard.press("Space")
            if button.evaluate(STATE)["expanded"] != "true":
                problems.append(f"{site_page.name}: Space does not open {word!r}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_without_javascript_the_word_leads_to_its_entry(browser, pages_with_terms):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        site_page, _ = pages_with_terms[0]
        meaning = definitions(spanish=site_page.path.startswith("es/"))
        load(page, site_page.url, scripts=False)
        link = page.locator("article a.sg-term").first
        word = link.inner_text().strip()
        link.click()
        page.wait_for_load_state()
        anchor = page.url.split("#")[1]
        entry = page.locator(f"article dt#{anchor} + dd")
        assert meaning[word.lower()] in " ".join(entry.inner_text().split()), f"{word!r} leads to {page.url}"
    finally:
        context.close()
