"""Patients' queries in the real search box: the right page must come in the first 3.

The queries and the pages that answer them are in tests/search_queries.yml,
written from what patients ask, not from the search index. Each query is typed
key by key (Material's search reacts to key events, `fill()` shows nothing) on
the home page, under the site's Content Security Policy, and the first 3 result
groups (one per page) are read back. At least 90% must find a right page; the
message names every miss. With `-s` the whole table is printed.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browsing import open_page

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
# Each edition has its own search (its own index, and Spanish word stems for Spanish):
# (folder of the edition in the site, its queries, how many at least).
EDITIONS = {"en": ("", TESTS / "search_queries.yml", 30), "es": ("es/", TESTS / "search_queries_es.yml", 20)}
TOP = 3
REQUIRED_HIT_RATE = 0.9


def patient_queries(language: str = "en") -> dict[str, list[str]]:
    _, file, at_least = EDITIONS[language]
    queries = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert isinstance(queries, dict) and len(queries) >= at_least, f"{file.name}: needs at least {at_least} queries"
    return {str(query): list(pages) for query, pages in queries.items()}


def results_for(page, query: str, base_path: str) -> list[str]:
    """The page addresses of the result groups, best first, once the list stops changing."""
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query)
    return _settled(page, base_path)


def _settled(page, base_path: str, quiet_s: float = 0.4, timeout_s: float = 10.0) -> list[str]:
    # Every key starts a search in the worker; the last answer is the one for the whole query.
    read = """() => [document.querySelector('.md-search-result__meta').textContent,
                     ...[...document.querySelectorAll('.md-search-result__item')]
                        .map(item => item.querySelector('a.md-search-result__link').href)]"""
    start = last_change = time.monotonic()
    seen = page.evaluate(read)
    while time.monotonic() - last_change < quiet_s:
        assert time.monotonic() - start < timeout_s, "search results never settled"
        time.sleep(0.05)
        now = page.evaluate(read)
        if now != seen:
            seen, last_change = now, time.monotonic()
    return [_address(href, base_path) for href in seen[1:]]


def _address(href: str, base_path: str) -> str:
    path = urlsplit(href).path
    return "/" + path[len(base_path):] if path.startswith(base_path) else path


@pytest.mark.parametrize("language", EDITIONS)
def test_patient_queries_find_the_right_page(browser, served_site, capsys, language):
    queries = patient_queries(language)
    base_path = urlsplit(served_site).path
    context = browser.new_context()
    errors: list[str] = []
    try:
        page = open_page(context, served_site + EDITIONS[language][0])
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        rows, misses = [], []
        for query, expected in queries.items():
            found = results_for(page, query, base_path)
            rank = next((number for number, address in enumerate(found, start=1) if address in expected), None)
            rows.append(f"{query:34} {', '.join(expected):62} {rank or '-'}")
            if rank is None or rank > TOP:
                misses.append(f"'{query}': expected {' or '.join(expected)} in the first {TOP}, "
                              f"got {', '.join(found[:TOP]) or 'no results'}" + (f" (rank {rank})" if rank else ""))
    finally:
        context.close()
    hits = len(queries) - len(misses)
    table = "\n".join([f"{'query':34} {'expected page(s)':62} rank", *rows, f"{hits} of {len(queries)} in the first {TOP}"])
    with capsys.disabled():
        print("\n" + table)
    assert not errors, "errors in the page while searching:\n" + "\n".join(errors)
    assert hits / len(queries) >= REQUIRED_HIT_RATE, (
        f"only {hits} of {len(queries)} queries ({hits / len(queries):.0%}) found a right page in the first {TOP} "
        f"(need {REQUIRED_HIT_RATE:.0%}); add the patients' words to data/search_terms.yml. Misses:\n" + "\n".join(misses))


def test_patient_words_are_not_shown_in_results(browser, served_site):
    # "sinkinesis" is on no page: it is found through data/search_terms.yml only,
    # and must not show up as text in the result, only lead to the page.
    context = browser.new_context()
    try:
        page = open_page(context, served_site)
        found = results_for(page, "sinkinesis", urlsplit(served_site).path)  # codespell:ignore
        assert found, "searching for a misspelling of synkinesis found nothing"
        shown = page.locator(".md-search-result__list").inner_text().lower()
        assert "sinkinesis" not in shown, f"the hidden search words show in the results:\n{shown}"  # codespell:ignore
        assert page.locator(".md-search-result .md-tags").count() == 0, "search results show tags"
    finally:
        context.close()
