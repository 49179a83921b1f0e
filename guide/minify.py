"""Smaller CSS and JavaScript for readers: our own files, minified in the built site.

overrides/assets/ keeps the commented files that developers read and edit; the
built site gets minified copies (rcssmin and rjsmin understand strings, URLs
and regular expressions, so only comments and spaces go). Material's own files
are minified already. Readers on weak connections download about 40% less of
our CSS and JavaScript (see benchmarks/).

    python -m guide.minify site/      # minify our files in a built site (the build does this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide import ROOT

OVERRIDES = ROOT / "overrides"


def minify(text: str, suffix: str) -> str:
    if suffix == ".css":
        import rcssmin

        return rcssmin.cssmin(text)
    if suffix == ".js":
        import rjsmin

        return rjsmin.jsmin(text)
    raise ValueError(f"cannot minify {suffix} files")


def minify_site(site_dir: Path, overrides: Path = OVERRIDES) -> list[Path]:
    """Minify, in site_dir, every CSS and JS file that comes from overrides/. Returns the files."""
    done = []
    for source in sorted(overrides.rglob("*")):
        if source.suffix in (".css", ".js"):
            built = Path(site_dir) / source.relative_to(overrides)
            if built.is_file():
                built.write_text(minify(built.read_text(encoding="utf-8"), source.suffix), encoding="utf-8")
                done.append(built)
    return done


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m guide.minify SITE_DIR", file=sys.stderr)
        return 2
    for path in minify_site(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
