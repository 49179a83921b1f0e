"""Valid HTML: the Nu HTML Checker reports 0 errors on every built page (one Java run)."""

from __future__ import annotations

import json
import subprocess

import pytest
from browsing import ALL_GENERATORS

pytestmark = pytest.mark.browser
# Also on the Zensical build (tests/browser/conftest.py; accepted differences: benchmarks/generators.md).
GENERATORS = ALL_GENERATORS


def test_every_page_is_valid_html(tested_site, vnu_jar):
    pages = sorted(tested_site.rglob("*.html"))
    assert pages, "no HTML pages were built"
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True,
    )
    # vnu writes its JSON report to stderr; exit code 1 means errors were found.
    report = json.loads(result.stderr or '{"messages": []}')
    problems = [
        f"{message.get('url', '').split(str(tested_site) + '/')[-1]}:{message.get('lastLine', '?')}: "
        f"{message['message']}"
        for message in report["messages"]
        if message.get("type") in ("error", "non-document-error")
    ]
    assert not problems, f"{len(problems)} HTML error(s):\n" + "\n".join(problems)
    assert result.returncode == 0, f"the Nu HTML Checker failed:\n{result.stderr[-2000:]}"
