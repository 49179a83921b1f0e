"""One QR code per page, encoding the page's permanent address (site_url + path).

Made at build time into build/qr/ (never committed) and added to the site as
assets/qr/NAME.svg (see guide.urls.qr_uri). The SVG has a viewBox and no fixed
size (`omitsize=True`), so CSS sets its printed size. Black on white with the
standard 4-module quiet zone: it stays scannable on the dark palette too.

    python -m guide.qr      # write build/qr/ for every page of data/urls.yml
"""

from __future__ import annotations

import functools
import io
import json
import sys
from pathlib import Path

import segno

from guide import urls
from guide.config import site_url
from guide.data import ROOT

sys.path.insert(0, str(ROOT))
from build_figures import write_if_changed  # noqa: E402  (the same atomic write as the figures)

OUT_DIR = ROOT / "build" / "qr"
ERROR_LEVEL = "m"   # 15% of the code can be smudged or folded and still scan
QUIET_ZONE = 4      # modules of white around the code, as the standard asks
DRAWN = "drawn.json"  # in out_dir: {qr_uri: the URL and settings its file was drawn with}


@functools.lru_cache(maxsize=None)  # `mkdocs serve` makes every code again on each save
def svg(url: str) -> bytes:
    """The QR code for one URL as a scalable SVG."""
    code = segno.make(url, error=ERROR_LEVEL, micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", omitsize=True, xmldecl=False, border=QUIET_ZONE, dark="#000", light="#fff")
    return out.getvalue()


def build(links: dict[str, str], out_dir: Path = OUT_DIR) -> dict[str, Path]:
    """Write one SVG per {qr_uri: url}; return {qr_uri: file}. Unchanged files are not rewritten,
    and a code already drawn for the same URL and settings is not drawn again: segno takes
    about 15 ms a code, most of `python -m guide.prepare`'s time when nothing changed."""
    drawn_file = out_dir / DRAWN
    try:
        drawn = json.loads(drawn_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        drawn = {}
    written, keys = {}, {}
    for uri, url in links.items():
        path = out_dir / uri.removeprefix(urls.QR_FOLDER + "/")
        keys[uri] = f"{url} {ERROR_LEVEL} {QUIET_ZONE} segno {segno.__version__}"
        if drawn.get(uri) != keys[uri] or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_if_changed(path, svg(url))
        written[uri] = path
    if keys != drawn:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_if_changed(drawn_file, json.dumps(keys, indent=0, sort_keys=True).encode("utf-8"))
    return written


def manifest_links(manifest: urls.Manifest, base_url: str) -> dict[str, str]:
    """{qr_uri: full URL} for every page in the manifest."""
    return {urls.qr_uri(path): urls.full_url(base_url, path) for path in manifest.paths}


def main() -> int:
    written = build(manifest_links(urls.load(), site_url()))
    print(f"{len(written)} QR codes in {OUT_DIR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
