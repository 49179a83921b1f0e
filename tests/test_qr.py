"""Each page's QR code really opens that page: read back with an independent decoder.

The SVG's modules are redrawn as a bitmap and read by zxing-cpp (a barcode
reader unrelated to segno, which drew them), then compared with the page's
canonical address as MkDocs writes it in <link rel="canonical">.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from bs4 import BeautifulSoup

from guide import config, qr, urls
from project import ROOT, requires_git

pytestmark = pytest.mark.content

SVG = "{http://www.w3.org/2000/svg}"
PIXELS_PER_MODULE = 4


def modules(svg: bytes) -> np.ndarray:
    """The dark modules of segno's SVG path ("M4 4.5h7m2 0h1..." draws horizontal runs)."""
    root = ET.fromstring(svg)
    width, height = (int(float(v)) for v in root.get("viewBox").split()[2:])
    grid = np.zeros((height, width), dtype=bool)
    x = y = 0.0
    # The dark modules are the stroked path; the other one fills the white background.
    (dark,) = [path for path in root.iter(f"{SVG}path") if path.get("stroke")]
    for command, number, second in re.findall(r"([MmHh])\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+))?", dark.get("d")):
        if command == "M":
            x, y = float(number), float(second)
        elif command == "m":
            x, y = x + float(number), y + float(second)
        else:  # h: a run of dark modules on row y (the path runs through module centres)
            length = float(number)
            grid[int(y), int(x):int(x + length)] = True
            x += length
    return grid


def decode(svg: bytes) -> list[str]:
    """What a phone would read: every QR code found in the redrawn SVG."""
    image = np.where(modules(svg), 0, 255).astype(np.uint8)
    image = np.kron(image, np.ones((PIXELS_PER_MODULE, PIXELS_PER_MODULE), dtype=np.uint8))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def canonical(html: Path) -> str:
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("link", rel="canonical")["href"]


def test_decoder_reads_a_code_and_tells_codes_apart():
    # The check below can fail: a code for another address reads as that address.
    assert decode(qr.svg("https://example.org/a/")) == ["https://example.org/a/"]
    assert decode(qr.svg("https://example.org/b/")) != ["https://example.org/a/"]


def qr_file(path: str, manifest: urls.Manifest) -> str:
    """Where a page's QR code is in the built site: each edition keeps its codes in its own
    assets/ ('/es/treatment/' -> 'es/assets/qr/treatment.svg')."""
    if path not in manifest.translated:
        return urls.qr_uri(path)
    folder, _, inside = path.strip("/").partition("/")
    return f"{folder}/{urls.qr_uri('/' + inside)}"


def test_every_page_has_a_code_that_opens_its_canonical_address(built_site):
    manifest = urls.load()
    base = config.site_url()
    for path in manifest.paths:
        page = built_site / path.strip("/") / "index.html"
        svg = (built_site / qr_file(path, manifest)).read_bytes()
        expected = urls.full_url(base, path)
        assert canonical(page) == expected, f"{path}: MkDocs' canonical address differs from site_url + path"
        assert decode(svg) == [expected], f"{qr_file(path, manifest)} does not read as {expected}"


def test_codes_scale_with_css(built_site):
    # omitsize=True: a viewBox and no fixed width/height, so CSS sets the printed size.
    manifest = urls.load()
    for path in manifest.paths:
        root = ET.fromstring((built_site / qr_file(path, manifest)).read_bytes())
        assert root.get("viewBox") and root.get("width") is None and root.get("height") is None, path


@requires_git
def test_codes_are_built_not_committed():
    assert qr.OUT_DIR == ROOT / "build" / "qr"
    probe = qr.OUT_DIR / "index.svg"
    ignored = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=ROOT)
    assert ignored.returncode == 0, "build/qr/ must be ignored by git (.gitignore: build/)"
    tracked = subprocess.run(["git", "ls-files", "build", "docs/assets/qr"], cwd=ROOT, capture_output=True, text=True)
    assert tracked.stdout == "", f"QR codes are build outputs, never committed: {tracked.stdout}"


def test_every_page_prints_its_address_and_code(built_site):
    # The print header (partials/print-header.html) shows the same address as text.
    manifest = urls.load()
    for path in manifest.paths:
        page = built_site / path.strip("/") / "index.html"
        header = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".sg-print-header")
        assert header is not None, f"{path}: no print header"
        assert canonical(page) in header.get_text(), f"{path}: the print header does not show the address"
        img = header.find("img")
        assert (page.parent / img["src"]).resolve() == (built_site / qr_file(path, manifest)).resolve(), path
        assert img.get("alt"), f"{path}: the QR code has no alt text"
