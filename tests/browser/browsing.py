"""What the browser tests share: tools, the page list's shape, opening a page, the report."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
# For a module's `GENERATORS`: run its tests on the Zensical build too (tests/browser/conftest.py).
ALL_GENERATORS = ("mkdocs", "zensical")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
TIMEOUT_MS = 15_000

# Per page, what the checks measured; printed at the end of the run.
REPORT: dict[str, dict[str, str]] = {}


def require(path: Path | None, what: str, how: str) -> None:
    """Skip when a tool is missing on a laptop; fail in CI (CI=true)."""
    if path is not None and path.exists():
        return
    message = f"{what} not found: {how}"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def site_path() -> str:
    """'/synkinesis/': the path part of site_url in mkdocs.yml (defined there only)."""
    # A plain search, not a YAML load: mkdocs.yml may hold !!python tags.
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert found, "mkdocs.yml: site_url is missing"
    path = urlsplit(found.group(1).strip("'\"")).path or "/"
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class SitePage:
    path: str   # under the site root: "", "treatment/myectomy/", "404.html"
    url: str    # full local address
    file: Path  # the built HTML file
    generator: str = "mkdocs"  # which generator built it

    @property
    def name(self) -> str:
        return "/" + self.path

    @property
    def row(self) -> str:
        """Its row in the per-page report: the name, with the generator when not MkDocs."""
        return self.name if self.generator == "mkdocs" else f"{self.name} [{self.generator}]"

    @property
    def is_404(self) -> bool:
        """The theme's 404 page of an edition: '404.html', 'es/404.html'."""
        return self.path.rsplit("/", 1)[-1] == "404.html"


def open_page(context, url: str, *, scripts: bool = True):
    """A new tab at `url` (see `load`)."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    load(page, url, scripts=scripts)
    return page


def load(page, url: str, *, scripts: bool = True) -> None:
    """Go to `url`; with scripts, wait until Material has settled (no colour transition running)."""
    page.goto(url, wait_until="load")
    if scripts:
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
