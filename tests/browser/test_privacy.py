"""Privacy and security in the browser: no other hosts, no cookies, no console errors.

Each page opens in a fresh browser profile with an empty cache, as a first-time
reader sees it, with the site's Content-Security-Policy (meta tag and header)
in force: a blocked script or style would show up as a console error.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browsing import ALL_GENERATORS, REPORT, TIMEOUT_MS, open_page

from guide import security

pytestmark = pytest.mark.browser
# Also on the Zensical build (tests/browser/conftest.py; accepted differences: benchmarks/generators.md).
GENERATORS = ALL_GENERATORS

INJECTED = 'document.documentElement.dataset.injected = "ran"'


class PageLog:
    """What one page did: its requests (with bytes moved), console errors, cookies."""

    def __init__(self, context, page):
        self.requests, self.errors = [], []
        context.on("request", lambda request: self.requests.append(request))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url} {request.failure}"))

    def bytes_moved(self) -> int:
        total = 0
        for request in self.requests:
            if request.failure is not None:  # reported as an error; it moved no response
                continue
            sizes = request.sizes()
            body = sizes["responseBodySize"]
            if not body and (response := request.response()):  # Chromium gives no body size for worker scripts
                body = int(response.headers.get("content-length", "0"))
            total += sizes["responseHeadersSize"] + body
        return total


def visit(browser, url: str) -> tuple[PageLog, list, int]:
    """Open `url` in a fresh profile: what it did, its cookies and the bytes it moved."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        log = PageLog(context, page)
        page.goto(url, wait_until="networkidle")  # includes the search index the worker fetches
        return log, context.cookies(), log.bytes_moved()
    finally:
        context.close()


def test_only_the_site_itself_no_cookies_no_console_errors(browser, site_pages, served_site):
    site_host = urlsplit(served_site).netloc
    problems = []
    for site_page in site_pages:
        log, cookies, weight = visit(browser, site_page.url)
        hosts = {urlsplit(r.url).netloc for r in log.requests if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")}
        REPORT.setdefault(site_page.row, {}).update({"requests": str(len(log.requests)), "weight (kB)": f"{weight / 1000:.1f}"})
        problems += [(f"request to another host: {host}", site_page.name) for host in sorted(hosts - {site_host})]
        problems += [(f"cookie set: {cookie['name']}", site_page.name) for cookie in cookies]
        problems += [(f"console: {error}", site_page.name) for error in log.errors]
    assert not problems, summary(problems)


def summary(problems: list[tuple[str, str]]) -> str:
    """Each problem once, with the pages it happens on (a shared file breaks every page)."""
    pages: dict[str, list[str]] = {}
    for problem, page in problems:
        pages.setdefault(problem, []).append(page)
    return "\n".join(f"{problem}\n    on {len(names)} page(s): {', '.join(names)}" for problem, names in pages.items())


# (what opens search, a result): Material's box in the header; Zensical's button that
# opens its dialog (in a shadow root, which Playwright's selectors reach), input focused.
SEARCH_UI = {
    "mkdocs": (".md-search__input", ".md-search-result__item"),
    "zensical": (".md-search__button", "dialog[aria-label=Search] ol[role=listbox] [role=option]"),
}


def test_search_works_under_the_content_security_policy(browser, site_pages, generator):
    # Search runs in a web worker and fetches its index: both must pass the policy
    # (Zensical's dialog also brings its own <style>: guide/security.theme_style_hashes).
    home = next(p for p in site_pages if p.path == "")
    opener, result = SEARCH_UI[generator]
    context = browser.new_context()
    try:
        page = open_page(context, home.url)
        log = PageLog(context, page)
        page.locator(opener).click()
        page.keyboard.type("synkinesis")
        results = page.locator(result)
        results.first.wait_for(state="visible")
        assert results.count() > 0, "searching for 'synkinesis' found nothing"
        assert not log.errors, "\n".join(log.errors)
    finally:
        context.close()


def test_a_script_that_is_not_in_the_build_is_blocked(browser, site_pages):
    # Proves the policy is enforced: the same page with one script added must not run it.
    target = next(p for p in site_pages if not p.is_404)
    context = browser.new_context()
    try:
        def tamper(route):
            response = route.fetch()
            route.fulfill(response=response, body=response.text().replace("</body>", f"<script>{INJECTED}</script></body>"))

        context.route(target.url, tamper)
        page = context.new_page()
        blocked = []
        page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
        page.goto(target.url, wait_until="load")
        assert page.evaluate("document.documentElement.dataset.injected") is None, "an injected inline script ran"
        # Chromium names the hash it computed; it must be ours for the same text (the
        # build hashes the same way), and only the injected script may be blocked:
        # the site's own inline scripts, hashed at build time, ran.
        assert blocked, "the browser reported no Content-Security-Policy violation"
        expected = security.script_hash(INJECTED).strip("'")
        assert all(expected in message for message in blocked), f"other scripts were blocked too: {blocked}"
    finally:
        context.close()
