"""The clinicians' referral sentences: a working Copy button, plain text without JavaScript."""

from __future__ import annotations

import pytest
from browsing import open_page

pytestmark = pytest.mark.browser

CLINICIANS = "/clinicians/"


def clinicians(site_pages):
    return next(p for p in site_pages if p.name == CLINICIANS)


def test_copy_button_puts_the_sentence_on_the_clipboard(browser, site_pages):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = open_page(context, clinicians(site_pages).url)
        sentences = page.locator("[data-sg-copy] .sg-letter")
        buttons = page.locator("[data-sg-copy] .sg-copy-button")
        assert buttons.count() == sentences.count() >= 3
        for index in (0, sentences.count() - 1):
            buttons.nth(index).click()
            status = page.get_by_role("status")
            status.filter(has_text=f"Sentence {index + 1} copied").wait_for()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == " ".join(sentences.nth(index).inner_text().split())
        # Each button says which sentence it copies, for screen readers.
        assert buttons.nth(1).evaluate("b => b.textContent") == "Copy sentence 2"
    finally:
        context.close()


def test_sentences_are_selectable_text_without_javascript(browser, site_pages):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = open_page(context, clinicians(site_pages).url, scripts=False)
        sentences = page.locator("[data-sg-copy] .sg-letter")
        assert sentences.count() >= 3 and sentences.first.is_visible()
        assert page.locator(".sg-copy-button").count() == 0, "no dead buttons without JavaScript"
        assert sentences.first.evaluate("p => getComputedStyle(p).userSelect") != "none"
    finally:
        context.close()
