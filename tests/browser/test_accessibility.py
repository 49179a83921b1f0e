"""axe-core on every page, in the light and the dark palette: 0 violations.

Rules: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
A violation that truly cannot be fixed goes in axe-allowlist.yml (rule, selector,
why); nothing else is ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from browsing import ALL_GENERATORS, AXE_TAGS, REPORT, TIMEOUT_MS, load

pytestmark = pytest.mark.browser
# Also on the Zensical build (tests/browser/conftest.py; accepted differences: benchmarks/generators.md).
GENERATORS = ALL_GENERATORS

ALLOWLIST = Path(__file__).with_name("axe-allowlist.yml")
# The palette Material shows for each colour scheme the reader's system asks for.
SCHEMES = {"light": "default", "dark": "slate"}

# axe runs in both tabs at once (one starts, then the other, then both are read):
# each tab has its own renderer process, so this halves the suite's slowest part.
START_AXE = """(tags) => {
  window.__sgAxe = axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
}"""
AXE_RESULT = """async () => (await window.__sgAxe).violations.flatMap(v => v.nodes.map(n => ({
  rule: v.id, selector: n.target.join(" "), help: v.help, detail: n.failureSummary})))"""


def allowed() -> set[tuple[str, str]]:
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8")) or []
    for entry in entries:
        assert {"rule", "selector", "why"} <= set(entry) and str(entry["why"]).strip(), (
            f"{ALLOWLIST.name}: every entry needs rule, selector and why: {entry}")
    return {(entry["rule"], entry["selector"]) for entry in entries}


def test_no_axe_violations_in_light_and_dark(browser, site_pages, axe_source):
    # One tab per palette; the reader's system setting picks it, as Material does.
    # axe is added as an init script (not an inline <script>), so the site's own
    # Content-Security-Policy stays on while it runs.
    contexts = {scheme: browser.new_context(color_scheme=scheme) for scheme in SCHEMES}
    exceptions = allowed()
    problems = []
    try:
        tabs = {}
        for scheme, context in contexts.items():
            context.add_init_script(path=str(axe_source))
            tabs[scheme] = context.new_page()
            tabs[scheme].set_default_timeout(TIMEOUT_MS)
        for site_page in site_pages:
            for scheme, tab in tabs.items():
                load(tab, site_page.url)
                palette = tab.evaluate("document.body.dataset.mdColorScheme")
                assert palette == SCHEMES[scheme], f"{site_page.name}: expected the {scheme} palette, got {palette!r}"
                tab.evaluate(START_AXE, AXE_TAGS)
            for scheme, tab in tabs.items():
                found = [v for v in tab.evaluate(AXE_RESULT) if (v["rule"], v["selector"]) not in exceptions]
                REPORT.setdefault(site_page.row, {})[f"axe {scheme}"] = str(len(found))
                problems += [{**v, "page": site_page.name, "scheme": scheme} for v in found]
    finally:
        for context in contexts.values():
            context.close()
    assert not problems, f"{len(problems)} axe violation(s):\n" + summary(problems)


def summary(problems: list[dict], examples: int = 3) -> str:
    """One paragraph per rule: how many, on which pages, a few examples with axe's advice."""
    lines = []
    for rule in sorted({p["rule"] for p in problems}):
        hits = [p for p in problems if p["rule"] == rule]
        pages = sorted({p["page"] for p in hits})
        schemes = "/".join(sorted({p["scheme"] for p in hits}))
        lines.append(f"{rule} ({hits[0]['help']}), {schemes}: {len(hits)} element(s) on {', '.join(pages)}")
        lines += [f"  {p['page']} [{p['scheme']}] {p['selector']}: {' '.join(p['detail'].split())}" for p in hits[:examples]]
    return "\n".join(lines)
