"""The whole build, the same three steps whoever runs it: `make site`, the checks,
the tests and the benchmark.

    python -m guide.build [SITE] [--generator zensical]

1. prepare   python -m guide.step prepare BUILD          data/ + docs/ -> BUILD/docs/, BUILD/mkdocs.yml
                                                          (and BUILD/es/... for each other edition)
2. generate  python -m mkdocs build -f BUILD/mkdocs.yml   once per edition (or zensical)
3. finish    python -m guide.step finish BUILD SITE       -> SITE/ (and SITE/es/)

guide/step.py runs guide/prepare.py and guide/finish.py, or skips them when
nothing they read has changed since the last build.

BUILD is build/ for the project's own site/, else SITE-build/ next to SITE, so
a check of a copy never touches the project's build/ and site/. The
generator's strict mode may stop it after it has written the pages (a broken
link): then finish still runs, so the checks can read the pages and say
exactly where the link is, and the result is still a failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

from guide import ROOT, languages
from guide.config import ConfigError, read_config

GENERATORS = ("mkdocs", "zensical")


def build_dir(site_dir: Path, root: Path = ROOT) -> Path:
    site_dir = Path(site_dir).resolve()
    return root / "build" if site_dir == (root / "site").resolve() else site_dir.with_name(site_dir.name + "-build")


def steps(site_dir: Path, generator: str = "mkdocs", root: Path = ROOT) -> list[list[str]]:
    if generator not in GENERATORS:
        raise ValueError(f"generator must be one of {', '.join(GENERATORS)}, not {generator!r}")
    build = build_dir(site_dir, root)
    try:
        editions = languages.load(read_config(root))
    except (yaml.YAMLError, ConfigError):
        editions = languages.load({})   # prepare reports the broken mkdocs.yml
    return [[sys.executable, "-m", "guide.step", "prepare", str(build)],
            *([sys.executable, "-m", generator, "build", "-f", str(build / e.folder / "mkdocs.yml")] for e in editions),
            [sys.executable, "-m", "guide.step", "finish", str(build), str(Path(site_dir).resolve())]]


def run(site_dir: Path, root: Path = ROOT, generator: str = "mkdocs", env: dict | None = None,
        echo: bool = False) -> subprocess.CompletedProcess:
    """Run the steps in `root`; the result holds all their output and the first failure's exit code."""
    commands = steps(site_dir, generator, root)
    prepare, *generate, finish = commands
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    out, err, code = "", "", 0
    for command in commands:
        generated = Path(finish[-2]) / "generated" / "index.html"
        if command is finish and code and not generated.is_file():
            break
        if echo:
            print("+ " + " ".join(Path(part).name if part == sys.executable else part for part in command), flush=True)
        result = subprocess.run(command, cwd=root, env=env, capture_output=not echo, text=True)
        out, err = out + (result.stdout or ""), err + (result.stderr or "")
        code = code or result.returncode
        if command is prepare and code:
            break
    return subprocess.CompletedProcess(commands, code, out, err)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.build", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--generator", choices=GENERATORS, default="mkdocs")
    args = parser.parse_args(argv)
    return run(args.site, generator=args.generator, echo=True).returncode


if __name__ == "__main__":
    sys.exit(main())
