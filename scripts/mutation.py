"""`make mutation`: mutation testing of guide/ and build_figures.py, one module at a time.

mutmut (pinned in requirements-dev.txt) changes the code in small ways (a < that
becomes <=, a string that becomes "XX", a call that is dropped) and runs the fast
content tests against each change. A change the tests notice is "killed"; one
they do not is "survived": a behaviour no test pins. The score is killed / tested.

Each module is a separate `mutmut run`, so the run can be limited to a few
modules on a shared machine, and is written to benchmarks/mutation.md with the
time it took:

    python scripts/mutation.py                 # the modules in MODULES
    python scripts/mutation.py security urls   # just these
    MUTATION_JOBS=1 python scripts/mutation.py  # one process (default 2)
    python scripts/mutation.py --report         # rewrite the report from the last results

Not part of `make test`: it takes minutes per module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "benchmarks" / "mutation.md"
# The modules issue 17 asks >= 90% on come first; the rest follow when time allows.
MODULES = ["guide.data", "guide.timeline", "guide.security", "guide.pages", "guide.urls",
           "guide.serve_errors", "guide.readability", "guide.html_repairs", "guide.loading", "guide.minify",
           "guide.qr", "guide.checks.links", "guide.checks.nav", "guide.checks.sources", "build_figures"]
TARGET = {"guide.data", "guide.timeline", "guide.security", "guide.pages", "guide.urls"}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "type check"}


def meta_file(module: str) -> Path:
    return ROOT / "mutants" / (module.replace(".", "/") + ".py.meta")


def results(module: str) -> Counter:
    """Counts by status for one module, from mutmut's own result file."""
    path = meta_file(module)
    if not path.exists():
        return Counter()
    codes = json.loads(path.read_text(encoding="utf-8"))["exit_code_by_key"]
    return Counter(STATUS.get(code, "not checked" if code is None else "suspicious") for code in codes.values())


def score(counts: Counter) -> float | None:
    # Timeouts count as killed (the change made the tests hang: noticed), as mutmut reports them.
    tested = counts["killed"] + counts["timeout"] + counts["survived"]
    return (counts["killed"] + counts["timeout"]) / tested if tested else None


def run(module: str, jobs: int) -> float:
    # mutmut keeps a mutant's result while the code is unchanged, even when the tests
    # changed: start the module afresh so the score is for today's tests.
    path = meta_file(module)
    if path.exists():
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["exit_code_by_key"] = {key: None for key in meta["exit_code_by_key"]}
        path.write_text(json.dumps(meta), encoding="utf-8")
    start = time.monotonic()
    subprocess.run([str(ROOT / ".venv" / "bin" / "mutmut"), "run", "--max-children", str(jobs), f"{module}.*"],
                   cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def write_report(rows: dict[str, tuple[Counter, float | None]]) -> None:
    lines = [
        "# Mutation testing (`make mutation`)",
        "",
        "Written by scripts/mutation.py with mutmut (requirements-dev.txt), over guide/ and",
        "build_figures.py, using the fast tests `pytest -m \"content and not builds\"` (tests",
        "that build the whole site are left out: a build per mutant is too slow). Score =",
        "killed / (killed + survived); timeouts count as killed. Target (issue 17): at least",
        "90% on data, timeline, security, pages and urls.",
        "",
        f"Last run: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, on a shared 2-core machine.",
        "",
        "\"no tests\": mutants in code that only the site build runs (tests marked `builds`), so",
        "the fast tests never reach them; \"score, all\" counts them as survivors.",
        "",
        "| module | mutants | killed | survived | no tests | score | score, all | target | run time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for module, (counts, seconds) in rows.items():
        value = score(counts)
        total = sum(counts.values())
        killed = counts["killed"] + counts["timeout"]
        reached = killed + counts["survived"] + counts["no tests"]
        # A run of only some of a module's mutants (`mutmut run "guide.pages.x_check_meta*"`)
        # is not the module's score: say how many were checked.
        partial = f" (partial: {killed + counts['survived']} of {total} checked)" if counts["not checked"] else ""
        lines.append(f"| {module} | {total} | {killed} | {counts['survived']} | "
                     f"{counts['no tests']} | {f'{value:.0%}{partial}' if value is not None else 'not run'} | "
                     f"{f'{killed / reached:.0%}' if value is not None and reached else ''} | "
                     f"{'≥ 90%' if module in TARGET else ''} | {f'{seconds / 60:.1f} min' if seconds else ''} |")
    lines += ["", "`.venv/bin/mutmut results` lists the survivors; `.venv/bin/mutmut show NAME` shows one.", ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def previous_times() -> dict[str, float]:
    """Run times kept from the last report, for modules not run this time."""
    times = {}
    if REPORT.exists():
        for line in REPORT.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) >= 8 and cells[-1].endswith(" min"):
                times[cells[0]] = float(cells[-1].removesuffix(" min")) * 60
    return times


def main(argv: list[str]) -> int:
    report_only = "--report" in argv  # rewrite benchmarks/mutation.md from the last results
    argv = [a for a in argv if a != "--report"]
    chosen = [] if report_only else [m if m.startswith(("guide.", "build_figures")) else f"guide.{m}" for m in argv] or MODULES
    jobs = int(os.environ.get("MUTATION_JOBS", "2"))
    times = previous_times()
    # mutmut copies tests/ into mutants/ but never deletes: a moved test file would linger.
    shutil.rmtree(ROOT / "mutants" / "tests", ignore_errors=True)
    # mutmut maps each function to the tests that call it once, and afterwards only
    # adds tests that are new: a test that changed would keep its old map. Map afresh.
    if chosen:
        (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    for module in chosen:
        times[module] = run(module, jobs)
        counts = results(module)
        print(f"{module}: {dict(counts)} score {score(counts)} in {times[module]:.0f} s", flush=True)
    write_report({m: (results(m), times.get(m)) for m in MODULES})
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
