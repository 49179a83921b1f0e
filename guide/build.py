"""The whole build in one call, for the checks, tests and benchmarks: the same
three steps as `make site` (see the Makefile), into any site folder.

    python -m guide.build [SITE] [--generator zensical]

The prepared pages go next to SITE (SITE-build/), so a check of a copy never
touches the project's own build/ and site/. The generator's strict mode may
stop it after it has written the pages (a broken link): then finish still
runs, so the checks can read the pages and say exactly where the link is, and
the result is still a failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from guide import ROOT

GENERATORS = ("mkdocs", "zensical")


def steps(site_dir: Path, generator: str = "mkdocs") -> list[list[str]]:
    if generator not in GENERATORS:
        raise ValueError(f"generator must be one of {', '.join(GENERATORS)}, not {generator!r}")
    build = site_dir.with_name(site_dir.name + "-build")
    return [[sys.executable, "-m", "guide.prepare", "--build", str(build)],
            [sys.executable, "-m", generator, "build", "-f", str(build / "mkdocs.yml")],
            [sys.executable, "-m", "guide.finish", str(build / "generated"), str(site_dir)]]


def run(site_dir: Path, root: Path = ROOT, generator: str = "mkdocs", env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the steps in `root`; the result holds all their output and the first failure's exit code."""
    prepare, generate, finish = steps(Path(site_dir).resolve(), generator)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    out, err, code = "", "", 0
    for command in (prepare, generate, finish):
        if command is finish and code and not (Path(generate[-1]).parent / "generated" / "index.html").is_file():
            break
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        out, err = out + result.stdout, err + result.stderr
        code = code or result.returncode
        if command is prepare and code:
            break
    return subprocess.CompletedProcess([prepare, generate, finish], code, out, err)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.build", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--generator", choices=GENERATORS, default="mkdocs")
    args = parser.parse_args(argv)
    result = run(args.site, generator=args.generator)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
