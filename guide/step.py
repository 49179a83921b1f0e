"""Run prepare or finish, unless nothing it reads has changed since it last ran.

    python -m guide.step prepare BUILD        python -m guide.prepare --build BUILD, if needed
    python -m guide.step finish BUILD SITE    python -m guide.finish BUILD SITE, if needed

`make site` (guide/build.py) runs the steps this way. A step's inputs are the
files it reads (prepare: docs/, data/; finish: the generated sites, prepare's
BUILD/finish.json, overrides/; both: mkdocs.yml, our code, the pinned requirements),
plus what else changes its output: the git commit ("Last changed" and the
readers' changelog), today's date (review status; the date of an uncommitted
page), REQUIRE_REVIEW. After a successful run, BUILD/cache/STEP.json keeps a
sha256 of the inputs and of the step's output. When both still match, the step
is not run again:
- prepare's output (BUILD/[FOLDER/]docs/ and mkdocs.yml) is already there;
- finish's output is kept in BUILD/cache/finished/ and copied to SITE, which
  the booklet step changes afterwards.
Anything else (a changed byte, a missing stamp, a step that failed) runs the
step in full. This module imports only what that decision needs: prepare
loads pydantic, Jinja and the data, most of a new process's time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml

from guide import GENERATED, HANDOVER, ROOT, languages
from guide.config import ConfigError, read_config

STEPS = ("prepare", "finish")
# Read by both steps: the config, our code and the pinned libraries' versions.
SHARED = ("mkdocs.yml", "guide", "build_figures.py", "requirements.txt")
CACHE = "cache"
FINISHED = "finished"   # finish's last output, under BUILD/cache/


def digest(paths: list[Path], *extra: str) -> str:
    """sha256 of the files under `paths` (names, lengths and bytes, in a fixed order) and of `extra`."""
    total = hashlib.sha256(json.dumps(extra).encode())
    for top in paths:
        # Not Python's compiled files (guide/__pycache__/): Python writes them, from the sources hashed here.
        files = sorted(p for p in top.rglob("*") if p.is_file() and p.suffix != ".pyc") if top.is_dir() else [top]
        for path in files:
            content = path.read_bytes() if path.is_file() else b"<missing>"
            total.update(f"\0{path.relative_to(top.parent).as_posix()}\0{len(content)}\0".encode() + content)
    return total.hexdigest()


def libraries() -> str:
    """The Python packages installed where this process finds them (names with versions,
    from each folder's *.dist-info), and PYTHONPATH: a package upgraded by hand changes
    our output (QR codes, minified files) as much as an edit does."""
    found = [os.environ.get("PYTHONPATH", "")]
    for folder in sys.path:
        try:
            found += sorted(name for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue   # a zip file, or a folder that does not exist
    return "\n".join(found)


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """{file: (size, modification time)} under `folder` (a file: itself): how a step's own output
    is recognised. Our steps write only what changed and copy with the times kept, so a file
    changed by anything else has a new time."""
    if folder.is_file():
        return {folder.name: (folder.stat().st_size, folder.stat().st_mtime_ns)}
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def output_digest(paths: list[Path]) -> str:
    return hashlib.sha256(json.dumps([listing(path) for path in paths]).encode()).hexdigest()


def commit(root: Path) -> str:
    """The history prepare reads: the checked-out commit and, in a shallow clone, where its
    history stops (a deeper clone of the same commit dates pages differently); or 'no git'
    (a downloaded copy: prepare dates pages by the build date)."""
    if not (root / ".git").exists():
        return "no git"
    try:
        head, shallow = subprocess.run(["git", "rev-parse", "HEAD", "--git-path", "shallow"],
                                       cwd=root, capture_output=True, text=True, check=True).stdout.split("\n")[:2]
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "no git"
    boundary = root / shallow
    return head + (" shallow " + boundary.read_text(encoding="utf-8") if boundary.is_file() else "")


class Step:
    """One step's inputs, output and stamp."""

    def __init__(self, name: str, build: Path, site: Path | None = None, root: Path = ROOT):
        self.name, self.build, self.site, self.root = name, build, site, root
        # Where the project is from BUILD (prepare writes the theme's folder relative to it), and the libraries.
        context = [os.path.relpath(root, build), libraries()]
        try:
            folders = [e.folder for e in languages.load(read_config(root))]
        except (yaml.YAMLError, ConfigError):
            folders = [""]   # the step runs (mkdocs.yml is an input) and prepare explains the mistake
        shared = [root / part for part in SHARED]
        if name == "prepare":
            self.inputs = [root / "docs", root / "data", *shared]
            self.extra = [*context, commit(root), date.today().isoformat(), os.environ.get("REQUIRE_REVIEW", "")]
            self.output = [*(path for folder in folders for path in (build / folder / "docs", build / folder / "mkdocs.yml")),
                           build / HANDOVER]
        else:   # data/ and docs/ only through prepare's handover
            self.inputs = [*(build / folder / GENERATED for folder in folders), build / HANDOVER, root / "overrides", *shared]
            self.extra = context
            self.output = [build / CACHE / FINISHED]
        self.stamp = build / CACHE / f"{name}.json"

    def inputs_digest(self) -> str:
        return digest(self.inputs, self.name, sys.version, *self.extra)

    def up_to_date(self, inputs: str) -> bool:
        try:
            stamp = json.loads(self.stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(stamp, dict) and stamp.get("inputs") == inputs and stamp.get("output") == output_digest(self.output)

    def run(self) -> int:
        inputs = self.inputs_digest()
        if self.up_to_date(inputs):
            if self.name == "finish":
                publish(self.output[0], self.site)
            print(f"{self.name}: up to date (nothing it reads changed since the last build)")
            return 0
        self.stamp.unlink(missing_ok=True)
        if self.name == "prepare":
            from guide import prepare
            code = prepare.main(["--root", str(self.root), "--build", str(self.build)])
        else:
            from guide import finish
            code = finish.main([str(self.build), str(self.site)])
            if code == 0:
                publish(self.site, self.output[0])
        if code == 0:
            self.stamp.parent.mkdir(parents=True, exist_ok=True)
            self.stamp.write_text(json.dumps({"inputs": inputs, "output": output_digest(self.output)}) + "\n", encoding="utf-8")
        return code


def publish(source: Path, target: Path) -> None:
    """`target` becomes a copy of `source`, all at once: the old copy stays until the new one is complete.
    Nothing is copied when `target` is still the last copy (a build without the booklet step)."""
    if target.is_dir() and listing(target) == listing(source):
        return
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.step", description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=STEPS)
    parser.add_argument("build", type=Path)
    parser.add_argument("site", type=Path, nargs="?", help="finish: where the finished site goes")
    args = parser.parse_args(argv)
    if args.step == "finish" and args.site is None:
        parser.error("finish needs BUILD and SITE")
    return Step(args.step, args.build.resolve(), args.site and args.site.resolve()).run()


if __name__ == "__main__":
    sys.exit(main())
