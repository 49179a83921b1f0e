"""Real-browser fixtures: the built site served on 127.0.0.1 and one Chromium per session.

The site is served under the path of `site_url` (`/synkinesis/`), as the real host
serves it: Material's 404 page uses absolute URLs under that path. The server
also sends the headers from the generated `_headers` file, like Netlify would,
and answers unknown paths with 404.html, like GitHub Pages.

Pages are discovered from the built site (every .html file), so a new page is
checked without editing any test. Other browser tests use the fixtures
`site_pages`, `browser`, `served_site` and the helpers in browsing.py.

The site is the MkDocs build. A test module that sets `GENERATORS = ALL_GENERATORS`
runs its tests on the Zensical build too (ids end in [mkdocs] and [zensical]);
the differences we accept between the two are in benchmarks/generators.md.

Without /usr/bin/chromium, Java or node_modules the tests skip locally; with
CI=true they fail, because a check that did not run has not passed.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import AXE, CHROMIUM, CHROMIUM_ARGS, REPORT, VNU, SitePage, require, site_path

DEFAULT_GENERATOR = "mkdocs"


def pytest_generate_tests(metafunc):
    # Only the modules that ask for it (GENERATORS) run on more than MkDocs's build.
    # Session scope: pytest then runs each generator's tests together, one server each.
    generators = getattr(metafunc.module, "GENERATORS", None)
    if generators and "generator" in metafunc.fixturenames:
        metafunc.parametrize("generator", generators, indirect=True, scope="session")


@pytest.fixture(scope="session")
def generator(request) -> str:
    """Which generator built the site under test: "mkdocs" unless the module asks for more."""
    return getattr(request, "param", DEFAULT_GENERATOR)


@pytest.fixture(scope="session")
def tested_site(generator, built_site, request) -> Path:
    """The built site the browser tests open: `built_site` (MkDocs) or `zensical_site`."""
    return built_site if generator == "mkdocs" else request.getfixturevalue(f"{generator}_site")


def _headers_from(site_dir: Path) -> list[tuple[str, str]]:
    """The `/*` headers of the generated _headers file (what Netlify would send)."""
    file = site_dir / "_headers"
    if not file.exists():
        return []
    headers, in_all = [], False
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            in_all = line.strip() == "/*"
        elif in_all:
            name, _, value = line.strip().partition(":")
            headers.append((name.strip(), value.strip()))
    return headers


class _SiteHandler(SimpleHTTPRequestHandler):
    site_headers: list[tuple[str, str]] = []
    not_found: Path | None = None

    def end_headers(self):
        for name, value in self.site_headers:
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # keep pytest's output for test results


@pytest.fixture(scope="session")
def served_site(tested_site, tmp_path_factory) -> str:
    """Base URL of the built site, served at http://127.0.0.1:PORT/synkinesis/."""
    root = tmp_path_factory.mktemp("www")
    base = site_path()
    mount = root / base.strip("/") if base.strip("/") else root
    if mount != root:
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(tested_site, target_is_directory=True)
    handler = type("Handler", (_SiteHandler,), {
        "site_headers": _headers_from(tested_site),
        "not_found": tested_site / "404.html" if (tested_site / "404.html").exists() else None,
    })
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{base}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_pages(tested_site, served_site, generator) -> list[SitePage]:
    """Every HTML page of the built site, found on disk (new pages are included automatically)."""
    pages = []
    for file in sorted(tested_site.rglob("*.html")):
        relative = file.relative_to(tested_site).as_posix()
        path = relative.removesuffix("index.html") if file.name == "index.html" else relative
        pages.append(SitePage(path=path, url=served_site + path, file=file, generator=generator))
    assert pages, f"no HTML pages in the built site {tested_site}"
    return pages


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the whole session."""
    require(CHROMIUM, "Chromium", "install the Debian package `chromium` (scripts/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    require(AXE, "axe-core", "run `npm ci --ignore-scripts` (make test does)")
    return AXE


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    require(VNU, "The Nu HTML Checker (vnu-jar)", "run `npm ci --ignore-scripts` (make test does)")
    java = shutil.which("java")
    require(Path(java) if java else None, "Java", "install the Debian package `default-jre-headless` (scripts/install-system-deps.sh)")
    return VNU


def pytest_terminal_summary(terminalreporter):
    if not REPORT:
        return
    columns = sorted({column for row in REPORT.values() for column in row})
    width = max(len(name) for name in REPORT)
    terminalreporter.section("browser checks, per page")
    terminalreporter.write_line(f"{'page':<{width}}  " + "  ".join(f"{c:>14}" for c in columns))
    for name in sorted(REPORT):
        row = REPORT[name]
        terminalreporter.write_line(f"{name:<{width}}  " + "  ".join(f"{row.get(c, '-'):>14}" for c in columns))
