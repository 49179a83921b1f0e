#!/usr/bin/env python3
"""Benchmark our site against stock Material built from the same prepared Markdown.

    make benchmark                     # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --repeat 5
    .venv/bin/python benchmarks/run.py --only preview     # one part, no report saved

One run, all on this machine (see benchmarks/README.md):

1. Snapshot: `git clone` of this repository into a temporary folder, with the
   uncommitted working tree laid over it (what CI will see once it is committed).
2. CI: the cold build of that fresh clone (build/ absent), as `make site` runs it:
   prepare, generate (`mkdocs build`), finish, each a new process.
3. The reference site: the pages `python -m guide.prepare` wrote to build/docs/
   (numbers, figures, citations, Sources and review status already in the
   Markdown), built by stock Material from a generated mkdocs.yml (no overrides,
   no hooks, `font: false`, the search plugin, our nav and Markdown extensions).
4. Editors: `make serve`'s preview against stock `mkdocs serve`, from saving a
   page to the served page showing the edit; a new build as separate processes;
   `python build_figures.py` with unchanged data.
5. Generators: our full build with MkDocs and with Zensical, on the site and on
   a copy with every page ten times.
6. Readers: every page loaded in Chromium (Playwright) from a local server that
   serves each site under the path of `site_url` and gzips like a static host;
   Lighthouse (mobile) on a few pages.
7. The budget, as PASS/FAIL lines, and a Markdown table saved to
   benchmarks/results/latest.md (raw numbers in latest.json).

Only the standard library is imported at the top: Playwright and PyYAML are
imported where they are needed.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
GZIP_LEVEL = 6  # what static hosts such as GitHub Pages typically use
# Lighthouse's mobile preset emulates a Moto G Power; the page-weight run uses the same screen.
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
LIGHTHOUSE_PAGES = ("", "changes-over-time/", "treatment/", "clinicians/")
LIGHTHOUSE_RUNS = 3  # scores move by a point or two from run to run: the median of each is reported
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
EDITED_PAGE = "changes-over-time.md"  # a page with a figure, numbers and citations
PREVIEW_RUNS = 9        # saves timed per site (alternating ours and stock); the median is reported
PREVIEW_POLL_S = 0.02   # how often the served page is fetched while waiting for the edit
PREVIEW_SETTLE_S = 1.0  # pause between saves, so that no rebuild is still running when the next one starts
SCALE = 10              # the large copy of the site: every page this many times
GENERATORS = ("mkdocs", "zensical")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

BUDGET = {
    "page_weight_ratio": 1.1,       # our page / the stock page, gzipped bytes
    "figure_gzip_bytes": 20_000,    # each figure, gzipped
    "lighthouse_score": 100,        # every score that is ours to fix
    "preview_ratio": 1.2,           # our preview after a save / stock Material's
    "own_share_s": 0.5,             # prepare + finish in a new build (data and pages unchanged)
    "edited_share_s": 1.5,          # the same after one page was edited (both steps run in full)
    "figures_cache_hit_s": 0.3,     # `python build_figures.py` with unchanged data
    "cold_build_ours_s": 2.0,       # prepare + finish in the cold build of a fresh clone
    "booklet_s": 15.0,              # both booklet PDFs from the built site (guide/booklet.py)
}
# Imported on a figure-cache hit, any of these means the cache check is too heavy.
HEAVY_MODULES = ("matplotlib", "numpy", "PIL")


# --- the snapshot: a fresh clone -----------------------------------------------------------


def fresh_clone(into: Path) -> Path:
    """`git clone` of this repository plus the uncommitted working tree (tracked and new files)."""
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(into)], check=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source, target = ROOT / rel, into / rel
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.exists():  # deleted in the working tree
            target.unlink()
    return into


# --- the build's steps, each a new process ----------------------------------------------------------


def _cpu_seconds() -> float:
    """CPU time of this process and the processes it waited for.

    Unlike wall time it barely moves when other work shares the machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed_command(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return elapsed


def pipeline_steps(project: Path, generator: str = "mkdocs") -> dict[str, list[list[str]]]:
    """`make site`'s three steps (the booklet aside) for `project`, as guide/build.py gives
    them: the generator once per edition that project's mkdocs.yml lists."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from guide import build

    prepare, *generate, finish = build.steps(project / "site", generator, root=project)
    clean = ["--clean"] if generator == "zensical" else []  # Zensical keeps a cache in build/.cache: a full build starts without it
    return {"prepare": [prepare], "generate": [[*command, *clean] for command in generate], "finish": [finish]}


def run_pipeline(project: Path, generator: str = "mkdocs") -> dict[str, float]:
    """Each step's wall time, in seconds (a step that runs once per edition: their sum), and all as "total"."""
    times = {step: sum(timed_command(command, project) for command in commands)
             for step, commands in pipeline_steps(project, generator).items()}
    times["total"] = sum(times.values())
    return times


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


# --- CI: the cold build ---------------------------------------------------------------------------


def measure_cold_builds(work: Path, repeat: int) -> dict:
    """Median of `repeat` cold builds, each in its own fresh clone (build/ absent: figures and QR codes drawn)."""
    runs = [run_pipeline(fresh_clone(work / f"cold-{n}")) for n in range(repeat)]
    for n in range(repeat):
        shutil.rmtree(work / f"cold-{n}")
    steps = medians(runs)
    return {"steps": steps, "ours": steps["prepare"] + steps["finish"], "runs": runs}


# --- Clinics: the booklet -------------------------------------------------------------------------


def measure_booklet(project: Path, repeat: int) -> dict:
    """Median wall and CPU time of `python -m guide.booklet site build/booklet` (both PDFs),
    on a site already built; and what it made (page counts come from the command's output)."""
    walls, cpus, output = [], [], ""
    for _ in range(repeat):
        cpu = _cpu_seconds()
        start = time.perf_counter()
        result = subprocess.run([PYTHON, "-m", "guide.booklet", "site", "build/booklet"], cwd=project, env=ENV,
                                capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu_seconds() - cpu)
        if result.returncode != 0:
            sys.exit(f"error: the booklet build failed:\n{result.stdout}{result.stderr}")
        output = result.stdout
    pdfs = {path.name: path.stat().st_size for path in sorted((project / "build" / "booklet").glob("*.pdf"))}
    pages = dict(re.findall(r"([\w-]+\.pdf): (\d+) pages", output))
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "runs": walls,
            "pdfs": {name: {"bytes": size, "pages": int(pages.get(name, 0))} for name, size in pdfs.items()}}


def booklet_report(b: dict) -> list[str]:
    return ["## Clinics: the booklet (both PDFs, from the built site)", "", "| Step | Time |", "| --- | ---: |",
            f"| `python -m guide.booklet site build/booklet`, wall (median; runs {', '.join(f'{t:.2f}' for t in b['runs'])} s) | {b['wall']:.2f} s |",
            f"| The same, CPU time | {b['cpu']:.2f} s |", ""] + [
            f"- {name}: {pdf['pages']} pages, {pdf['bytes'] / 1024:.0f} KB" for name, pdf in b["pdfs"].items()] + [""]


# --- the reference site: the same prepared Markdown, stock Material --------------------------------


def load_yaml(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def reference_config(ours: dict) -> dict:
    """Stock Material: our site metadata, Markdown extensions and nav; nothing of our look or code."""
    keep = ("site_name", "site_description", "site_url", "repo_url", "repo_name", "copyright",
            "markdown_extensions", "nav")
    config = {key: ours[key] for key in keep if key in ours}
    config["theme"] = {"name": "material", "language": (ours.get("theme") or {}).get("language", "en"), "font": False}
    config["plugins"] = ["search"]
    return config


def build_reference(project: Path, into: Path) -> Path:
    """A project for stock Material: the pages (and figures, QR codes) prepare wrote to
    build/docs/, and a stock mkdocs.yml. Needs `python -m guide.prepare` run in `project` first."""
    import yaml

    shutil.copytree(project / "build" / "docs", into / "docs")
    config = reference_config(load_yaml(project / "mkdocs.yml"))
    (into / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return into


def stock_build(reference: Path) -> float:
    return timed_command([PYTHON, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], reference)


# --- editors: a new build, and the figures' cache ------------------------------------------------------


def measure_new_build(project: Path, reference: Path, repeat: int) -> dict:
    """`make site`'s steps as new processes (pages and data unchanged), against stock `mkdocs build`; alternated."""
    ours, stock = [], []
    for _ in range(repeat):
        ours.append(run_pipeline(project))
        stock.append(stock_build(reference))
    steps = medians(ours)
    return {"ours": steps, "ours_runs": ours, "own_share": statistics.median(r["prepare"] + r["finish"] for r in ours),
            "stock": statistics.median(stock), "stock_runs": stock, "edited": measure_edited_build(project, repeat)}


def measure_edited_build(project: Path, repeat: int) -> dict:
    """`make site`'s steps after a word was added to one page: prepare and finish then run in full
    (guide/step.py skips them only when nothing they read changed). The page is put back afterwards."""
    page = project / "docs" / EDITED_PAGE
    original = page.read_text(encoding="utf-8")
    runs = []
    try:
        for n in range(repeat):
            page.write_text(f"{original}\n\nbenchmark edit {n}\n", encoding="utf-8")
            runs.append(run_pipeline(project))
    finally:
        page.write_text(original, encoding="utf-8")
        run_pipeline(project)
    return {"ours": medians(runs), "ours_runs": runs, "own_share": statistics.median(r["prepare"] + r["finish"] for r in runs)}


def measure_figures(project: Path, repeat: int) -> dict:
    runs = [timed_command([PYTHON, "build_figures.py"], project) for _ in range(repeat)]
    return {"time": statistics.median(runs), "runs": runs, "heavy_imports": heavy_imports(project)}


def heavy_imports(project: Path) -> list[str]:
    """Top-level packages from HEAVY_MODULES that `python -X importtime build_figures.py` imports."""
    result = subprocess.run([PYTHON, "-X", "importtime", "build_figures.py"], cwd=project, env=ENV,
                            capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    return sorted(imported & set(HEAVY_MODULES))


# --- editors: the live preview -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return ""


class Preview:
    """A `mkdocs serve` process for one site, and the page an editor is working on."""

    def __init__(self, name: str, cwd: Path, config: str, edited: Path, base: str, work: Path):
        self.name, self.edited = name, edited
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{base}{EDITED_PAGE[:-len('.md')]}/"
        self.log_path = work / f"serve-{name}.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{self.port}"],
                                        cwd=cwd, env=ENV, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait(lambda page: bool(page), 300, "the first build")
        time.sleep(PREVIEW_SETTLE_S)

    def save(self, marker: str) -> float:
        """Append `marker` to the page's Markdown; seconds from the save until the served page shows it."""
        with self.edited.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\n{marker}\n")
        start = time.perf_counter()
        self._wait(lambda page: marker in page, 60, f"the edit {marker}")
        return time.perf_counter() - start

    def _wait(self, ready, timeout: float, what: str) -> None:
        deadline = time.perf_counter() + timeout
        while not ready(fetch(self.url)):
            if self.process.poll() is not None or time.perf_counter() > deadline:
                self.close()
                sys.exit(f"error: {self.name} preview never served {what} at {self.url}:\n"
                         + self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:])
            time.sleep(PREVIEW_POLL_S)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def measure_preview(work: Path, reference: Path, runs: int) -> dict:
    """`make serve` (in a fresh clone) and stock `mkdocs serve` (on a copy of the reference),
    both serving; saves alternate between them; the median time from save to served edit."""
    ours_dir = fresh_clone(work / "serve-ours")
    timed_command([PYTHON, "-m", "guide.prepare", "--preview"], ours_dir)   # as `make serve`
    stock_dir = work / "serve-stock"
    shutil.copytree(reference / "docs", stock_dir / "docs")
    shutil.copy2(reference / "mkdocs.yml", stock_dir / "mkdocs.yml")
    base = urlsplit(load_yaml(reference / "mkdocs.yml").get("site_url") or "/").path
    previews = {}
    try:
        previews["ours"] = Preview("ours", ours_dir, "build/mkdocs.yml", ours_dir / "docs" / EDITED_PAGE, base, work)
        previews["stock"] = Preview("stock", stock_dir, "mkdocs.yml", stock_dir / "docs" / EDITED_PAGE, base, work)
        times = {name: [] for name in previews}
        for n in range(runs):
            for name, preview in previews.items():
                times[name].append(preview.save(f"sgbench{n}{name}{os.getpid()}"))
                time.sleep(PREVIEW_SETTLE_S)
    finally:
        for preview in previews.values():
            preview.close()
    shutil.rmtree(ours_dir)
    return {name: {"median": statistics.median(t), "runs": t} for name, t in times.items()}


# --- generators: MkDocs and Zensical, on the site and on a copy ten times its size ----------------------


def scaled_copy(project: Path, into: Path, times: int = SCALE) -> Path:
    """A copy of `project` where every page of docs/ is there `times` times: the copies
    get new names in the same folder (so their relative links still work), a nav
    section each and an entry in data/urls.yml, as the build asks of every page."""
    import yaml

    shutil.copytree(project, into, ignore=shutil.ignore_patterns("site", "build", ".cache"))
    docs = into / "docs"
    originals = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    manifest = load_yaml(into / "data" / "urls.yml")
    config = load_yaml(into / "mkdocs.yml")

    def renamed(src: str, k: int) -> str:
        return re.sub(r"\.md$", f"-copy{k}.md", src)

    def nav_copy(items, k: int):
        out = []
        for item in items:
            if isinstance(item, dict):
                out.append({f"{key} ({k})": renamed(value, k) if isinstance(value, str) else nav_copy(value, k)
                            for key, value in item.items()})
            else:
                out.append(renamed(item, k))
        return out

    def address(src: str) -> str:   # as guide/urls.py: 'treatment/index.md' -> '/treatment/'
        return "/" + re.sub(r"(^|/)index$", "", src[:-len(".md")]).strip("/") + ("/" if src != "index.md" else "")

    entries = {entry["path"]: entry for entry in manifest["pages"]}
    nav = list(config["nav"])
    for k in range(2, times + 1):
        for src in originals:
            shutil.copy2(docs / src, docs / renamed(src, k))
            # Its sections and moved ids, as the original's; not on the handout or the clinicians' page.
            entry = {key: value for key, value in entries[address(src)].items() if key not in ("handout", "letters")}
            manifest["pages"].append({**entry, "path": address(renamed(src, k))})
        config["nav"].append({f"Copy {k}": nav_copy(nav, k)})
    # The other editions name each new menu section too (guide/prepare.py edition_nav asks for it).
    sections = [key for item in config["nav"] for key, value in item.items() if isinstance(value, list)]
    sections += [key for item in config["nav"] for value in item.values() if isinstance(value, list)
                 for sub in value if isinstance(sub, dict) for key, inner in sub.items() if isinstance(inner, list)]
    for edition in (config.get("extra") or {}).get("languages") or []:
        if edition.get("code") != "en":
            edition["menu"] = {**{name: name for name in sections}, **(edition.get("menu") or {})}
    (into / "data" / "urls.yml").write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (into / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return into


def measure_generators(project: Path, work: Path, repeat: int, scale_repeat: int) -> dict:
    """Full builds (prepare, generate, finish; pages unchanged since the last build, the
    generator's output and cache removed) with each generator, alternated, at 1x and SCALEx
    (`repeat` runs at 1x, `scale_repeat` at SCALEx: one such build takes a minute)."""
    sites = {"1x": (project, repeat), f"{SCALE}x": (scaled_copy(project, work / f"scale-{SCALE}"), scale_repeat)}
    result = {}
    for size, (where, times) in sites.items():
        pages = sum(1 for _ in (where / "docs").rglob("*.md"))
        runs = {generator: [] for generator in GENERATORS}
        timed_command(pipeline_steps(where)["prepare"][0], where)   # not timed: figures drawn, build/docs/ written
        for _ in range(times):
            for generator in GENERATORS:
                shutil.rmtree(where / "build" / "generated", ignore_errors=True)
                shutil.rmtree(where / "build" / "es" / "generated", ignore_errors=True)
                runs[generator].append(run_pipeline(where, generator))
        result[size] = {"pages": pages, **{g: {**medians(r), "runs": r} for g, r in runs.items()}}
    run_pipeline(project)   # leave the MkDocs site in project/site for the readers' part
    return result


# --- readers: a local static host ------------------------------------------------------------------------


class StaticHost(http.server.BaseHTTPRequestHandler):
    """Serves one built site under its `site_url` path, gzipping text like GitHub Pages.

    Every response is logged as (path, body bytes sent): the server sees what the
    browser downloads, search worker included, which Chromium's own counters miss.
    """

    root: Path
    base: str
    sent: list
    compressible = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        file = self._file(path)
        status = 200
        if file is None:
            status, file = 404, self.root / "404.html"
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        if kind.startswith(self.compressible) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((path, len(body)))

    def _file(self, path: str) -> Path | None:
        if not path.startswith(self.base):
            return None
        file = (self.root / path[len(self.base):]).resolve()
        if not file.is_relative_to(self.root.resolve()):
            return None
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None

    def log_message(self, *args):
        pass


@contextmanager
def static_host(site: Path, base: str):
    handler = type("Host", (StaticHost,), {"root": site, "base": base, "sent": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}", handler.sent
    finally:
        server.shutdown()
        server.server_close()


def page_urls(site: Path) -> list[str]:
    """Every built page, as a path under the site root ('' is the home page)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [("" if p == "." else p + "/") for p in pages if not p.startswith(("assets", "search"))]


def measure_transfer(browser, url: str, sent: list) -> dict:
    """Bytes the server sent (gzipped bodies) and requests, on load and after scrolling to the end."""
    context = browser.new_context(**MOBILE)
    page = context.new_page()
    host = urlsplit(url).netloc
    off_host = []

    def route(route):
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:  # nothing may load from another host: count it, never fetch it
            off_host.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    sent.clear()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    on_load = _tally(sent)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    scrolled = _tally(sent)
    context.close()
    return {"load": on_load, "scrolled": scrolled, "off_host": sorted(set(off_host))}


def _tally(sent) -> dict:
    sizes = list(sent)
    return {"bytes": sum(size for _, size in sizes), "requests": len(sizes),
            "by_type": _by_type(sizes), "files": sizes}


def _by_type(sizes) -> dict:
    kinds: dict[str, int] = {}
    for path, size in sizes:
        suffix = Path(path).suffix or ".html"
        kind = {".js": "js", ".css": "css", ".svg": "img", ".png": "img", ".json": "json"}.get(suffix, "html")
        kinds[kind] = kinds.get(kind, 0) + size
    return kinds


def team_chromium() -> tuple[str, list[str]]:
    """Debian's Chromium and the team's flags, defined once for the browser tests too.

    Imported when needed, not at the top: the timed child processes must not load them.
    """
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from browsing import CHROMIUM, CHROMIUM_ARGS

    return str(CHROMIUM), CHROMIUM_ARGS


def measure_pages(sites: dict[str, Path], base: str) -> dict:
    from playwright.sync_api import sync_playwright

    chromium, flags = team_chromium()
    result: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=flags)
        for name, site in sites.items():
            with static_host(site, base) as (url, sent):
                result[name] = {page: measure_transfer(browser, url + page, sent) for page in page_urls(site)}
        browser.close()
    return result


def figure_sizes(figures: Path) -> dict:
    return {svg.name: {"raw": len(svg.read_bytes()), "gzip": len(gzip.compress(svg.read_bytes(), GZIP_LEVEL, mtime=0))}
            for svg in sorted(figures.glob("*.svg"))}


# --- readers: Lighthouse ----------------------------------------------------------------------------------


def lighthouse(url: str, out: Path) -> dict:
    """Lighthouse's default (mobile) preset; scores 0-100 and the audits that cost points."""
    chromium, flags = team_chromium()
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}", f"--chrome-flags={' '.join(flags)}"]
    result = subprocess.run(command, env={**ENV, "CHROME_PATH": chromium}, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        sys.exit(f"error: lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores, failing = {}, {}
    for key, category in report["categories"].items():
        scores[key] = None if category["score"] is None else round(category["score"] * 100)
        failing[key] = [ref["id"] for ref in category["auditRefs"]
                        if ref.get("weight", 0) > 0 and (report["audits"][ref["id"]].get("score") or 0) < 1
                        and report["audits"][ref["id"]].get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    return {"scores": scores, "failing": failing}


def measure_lighthouse(sites: dict[str, Path], base: str, out_dir: Path) -> dict:
    """LIGHTHOUSE_RUNS runs per page, alternating the sites; the median score of each category."""
    out_dir.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict] = {name: {page: [] for page in LIGHTHOUSE_PAGES} for name in sites}
    with static_host(sites["ours"], base) as (ours, _), static_host(sites["stock"], base) as (stock, _):
        urls = {"ours": ours, "stock": stock}
        for n in range(LIGHTHOUSE_RUNS):
            for page in LIGHTHOUSE_PAGES:
                for name, url in urls.items():
                    out = out_dir / f"{name}-{page.strip('/').replace('/', '-') or 'home'}-{n + 1}.json"
                    runs[name][page].append(lighthouse(url + page, out))
    return {name: {page: _median_run(page_runs) for page, page_runs in pages.items()} for name, pages in runs.items()}


def _median_run(runs: list[dict]) -> dict:
    """Median score per category; the audits that lost points in the run with the median performance."""
    scores = {c: statistics.median_low(run["scores"][c] for run in runs) for c in LIGHTHOUSE_CATEGORIES}
    middle = next(run for run in runs if run["scores"]["performance"] == scores["performance"])
    return {"scores": scores, "failing": middle["failing"], "runs": [run["scores"] for run in runs]}


# --- the budget and the report ------------------------------------------------------------------------------


def check_budget(r: dict) -> list[tuple[bool, str]]:
    """(passed, line) for each budget item that was measured: the worst case decides."""
    b, checks = BUDGET, []
    if "pages" in r:
        for moment in ("load", "scrolled"):
            ratios = {page: r["pages"]["ours"][page][moment]["bytes"] / r["pages"]["stock"][page][moment]["bytes"]
                      for page in r["pages"]["ours"] if page in r["pages"]["stock"]}
            worst = max(ratios, key=ratios.get)
            checks.append((ratios[worst] <= b["page_weight_ratio"],
                           f"page weight ({'on load' if moment == 'load' else 'scrolled to the end'}) <= "
                           f"{b['page_weight_ratio']}x stock: worst {ratios[worst]:.3f}x on /{worst}"))
        off_host = sorted({u for page in r["pages"]["ours"].values() for u in page["off_host"]})
        checks.append((not off_host, f"nothing loads from another host: {len(off_host)} off-host requests {off_host or ''}".rstrip()))
    if "figures" in r:
        biggest = max(r["figures"], key=lambda name: r["figures"][name]["gzip"])
        checks.append((r["figures"][biggest]["gzip"] <= b["figure_gzip_bytes"],
                       f"each figure <= {b['figure_gzip_bytes']:,} bytes gzipped: largest {biggest} {r['figures'][biggest]['gzip']:,} bytes"))
    if "lighthouse" in r:
        for category in LIGHTHOUSE_CATEGORIES:
            pages = [page for page in LIGHTHOUSE_PAGES if category in ours_to_fix(r, page)]
            if not pages:
                continue
            ours = r["lighthouse"]["ours"]
            low = {page: ours[page]["scores"][category] for page in pages if ours[page]["scores"][category] != b["lighthouse_score"]}
            detail = ", ".join(f"/{p} {v} ({' '.join(ours[p]['failing'][category])})" for p, v in low.items())
            where = "every page tested" if len(pages) == len(LIGHTHOUSE_PAGES) else "/" + ", /".join(pages) + " (where stock scores 100)"
            checks.append((not low, f"Lighthouse {category} = {b['lighthouse_score']} on {where}" + (f": {detail}" if low else "")))
    if "preview" in r:
        p = r["preview"]
        ratio = p["ours"]["median"] / p["stock"]["median"]
        checks.append((ratio <= b["preview_ratio"], f"preview, save to served page (mkdocs serve) <= {b['preview_ratio']}x stock: "
                       f"{p['ours']['median']:.3f} s vs {p['stock']['median']:.3f} s = {ratio:.2f}x"))
    if "new_build" in r:
        n = r["new_build"]
        e = n["edited"]
        checks.append((n["own_share"] < b["own_share_s"], f"our share of a new build (prepare + finish) < {b['own_share_s']} s: "
                       f"{n['ours']['prepare']:.3f} + {n['ours']['finish']:.3f} = {n['own_share']:.3f} s "
                       f"(the whole build {n['ours']['total']:.2f} s vs stock mkdocs build {n['stock']:.2f} s)"))
        checks.append((e["own_share"] < b["edited_share_s"], f"our share of a new build after one page was edited < {b['edited_share_s']} s: "
                       f"{e['ours']['prepare']:.3f} + {e['ours']['finish']:.3f} = {e['own_share']:.3f} s"))
    if "figures_cache" in r:
        f = r["figures_cache"]
        checks.append((f["time"] <= b["figures_cache_hit_s"], f"build_figures.py, data unchanged <= {b['figures_cache_hit_s']} s: {f['time']:.3f} s"))
        checks.append((not f["heavy_imports"], f"build_figures.py, data unchanged, imports none of {', '.join(HEAVY_MODULES)} (-X importtime)"
                       + (f": imports {', '.join(f['heavy_imports'])}" if f["heavy_imports"] else "")))
    if "cold" in r:
        c = r["cold"]
        checks.append((c["ours"] < b["cold_build_ours_s"], f"our part of the cold build (prepare + finish) < {b['cold_build_ours_s']} s: "
                       f"{c['steps']['prepare']:.2f} + {c['steps']['finish']:.2f} = {c['ours']:.2f} s"))
    if "booklet" in r:
        checks.append(booklet_check(r["booklet"]))
    return checks


def booklet_check(booklet: dict) -> tuple[bool, str]:
    return (booklet["wall"] < BUDGET["booklet_s"],
            f"the booklet (A4 and Letter PDFs) < {BUDGET['booklet_s']} s: {booklet['wall']:.2f} s (CPU {booklet['cpu']:.2f} s)")


def ours_to_fix(r: dict, page: str) -> list[str]:
    """Categories of one page that must score 100. Accessibility, best practices and SEO
    always (content, templates, CSS). Performance is mostly Material's bundle on a
    simulated slow phone: ours to fix where stock Material reaches 100 on the same page."""
    categories = [c for c in LIGHTHOUSE_CATEGORIES if c != "performance"]
    if r["lighthouse"]["stock"][page]["scores"]["performance"] == 100:
        categories.insert(0, "performance")
    return categories


def busy(r: dict) -> str:
    """A warning when other work shared the CPUs: timings are then slower than they should be."""
    if max(r["load"]) <= os.cpu_count():
        return ""
    return (f"the machine was busy (load average up to {max(r['load']):.1f} on {os.cpu_count()} CPUs): "
            "timings and Lighthouse performance are pessimistic; re-run when it is idle")


def kb(n: float) -> str:
    return f"{n / 1000:.1f} kB"


def runs_text(runs) -> str:
    return ", ".join(f"{t:.2f}" for t in runs)


def report(r: dict, checks) -> str:
    out = [f"# Benchmark: our site vs stock Material ({r['when']})", "",
           f"Machine: {r['machine']}. Repeats: {r['repeat']} (medians). Sizes are gzipped bodies "
           f"(level {GZIP_LEVEL}) as the local server sent them to Chromium (headers not counted); 1 kB = 1000 bytes. "
           f"Load average (1 min) at each part: {', '.join(f'{x:.1f}' for x in r['load'])}.", ""]
    if busy(r):
        out += [f"**Warning: {busy(r)}.**", ""]
    out += ["## Budget", ""] + [f"- {'PASS' if ok else 'FAIL'}: {line}" for ok, line in checks] + [""]
    out += editors_report(r) + generators_report(r)
    if "pages" in r:
        out += readers_report(r)
    if "cold" in r:
        c = r["cold"]["steps"]
        out += ["## CI: cold build of a fresh clone (build/ absent), each step a new process", "",
                "| Step | Time | Ours? |", "| --- | ---: | --- |",
                f"| `python -m guide.step prepare build` (checks, figures and QR codes drawn, every page rendered) | {c['prepare']:.3f} s | yes |",
                f"| `python -m mkdocs build -f build/[es/]mkdocs.yml`, both editions (MkDocs, Material, our overrides) | {c['generate']:.3f} s | no |",
                f"| `python -m guide.step finish build site` | {c['finish']:.3f} s | yes |",
                f"| **Ours (prepare + finish)** | **{r['cold']['ours']:.3f} s** | |",
                f"| All three (`make site` without the booklet) | {c['total']:.3f} s | |", ""]
    if "booklet" in r:
        out += booklet_report(r["booklet"])
    return "\n".join(out)


def editors_report(r: dict) -> list[str]:
    out = []
    if "preview" in r:
        p = r["preview"]
        out += ["## Editors: live preview (`mkdocs serve`), from saving a page to the served page showing it", "",
                "| Site | Median | Each save (s, in order) |", "| --- | ---: | --- |",
                f"| Ours (`make serve`: prepare --preview, mkdocs serve; prepare and finish run on each save) | "
                f"{p['ours']['median']:.3f} s | {runs_text(p['ours']['runs'])} |",
                f"| Stock Material on the prepared pages | {p['stock']['median']:.3f} s | {runs_text(p['stock']['runs'])} |",
                f"| **Ratio** | **{p['ours']['median'] / p['stock']['median']:.2f}x** | |", "",
                f"Each save appends a new word to docs/{EDITED_PAGE} (stock: its copy); the served page is fetched "
                f"every {PREVIEW_POLL_S * 1000:.0f} ms. Saves alternate between the two servers, {PREVIEW_SETTLE_S:.0f} s apart.", ""]
    if "new_build" in r:
        n = r["new_build"]
        o = n["ours"]
        e = n["edited"]["ours"]
        out += ["## Editors: a new build, each step a new process", "",
                "Pages and data unchanged since the last build (guide/step.py finds prepare's and finish's "
                f"inputs unchanged), and after a word was added to docs/{EDITED_PAGE} (both run in full).", "",
                "| Step | Ours, unchanged | Ours, one page edited | Stock |", "| --- | ---: | ---: | ---: |",
                f"| `python -m guide.step prepare build` | {o['prepare']:.3f} s | {e['prepare']:.3f} s | - |",
                f"| `python -m mkdocs build`, both editions | {o['generate']:.3f} s | {e['generate']:.3f} s | {n['stock']:.3f} s (English) |",
                f"| `python -m guide.step finish build site` | {o['finish']:.3f} s | {e['finish']:.3f} s | - |",
                f"| **Our share (prepare + finish)** | **{n['own_share']:.3f} s** | **{n['edited']['own_share']:.3f} s** | |",
                f"| All | {o['total']:.3f} s | {e['total']:.3f} s | {n['stock']:.3f} s |",
                f"| Ratio to stock | {o['total'] / n['stock']:.2f}x | {e['total'] / n['stock']:.2f}x | |", ""]
    if "figures_cache" in r:
        f = r["figures_cache"]
        out += [f"`python build_figures.py`, data unchanged: {f['time']:.3f} s (runs {runs_text(f['runs'])}); heavy modules "
                f"imported: {', '.join(f['heavy_imports']) or 'none'}.", ""]
    return out


def generators_report(r: dict) -> list[str]:
    if "generators" not in r:
        return []
    g = r["generators"]
    sizes = list(g)
    out = ["## Generators: our full build with MkDocs and with Zensical", "",
           "prepare + generate + finish, each a new process; pages unchanged since the previous build; "
           "the generator's output removed, and Zensical's cache (`--clean`).", "",
           f"Runs: {r['repeat']} at 1x, {r['scale_repeat']} at {SCALE}x (medians).", "",
           "| Pages | Generator | prepare | generate | finish | Total | Total vs 1x |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size in sizes:
        for generator in GENERATORS:
            t = g[size][generator]
            growth = t["total"] / g[sizes[0]][generator]["total"]
            out.append(f"| {g[size]['pages']} ({size}) | {generator} | {t['prepare']:.2f} s | {t['generate']:.2f} s | "
                       f"{t['finish']:.2f} s | {t['total']:.2f} s | {growth:.1f}x |")
    out += [""]
    return out


def readers_report(r: dict) -> list[str]:
    out = ["## Readers: transfer per page (mobile screen, empty cache)", "",
           "| Page | Ours on load | Stock on load | Ratio | Ours scrolled | Stock scrolled | Ratio | Requests ours / stock (load, scrolled) |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ours, stock = r["pages"]["ours"], r["pages"]["stock"]
    for page in ours:
        o, s = ours[page], stock.get(page)
        if not s:
            continue
        out.append(f"| /{page} | {kb(o['load']['bytes'])} | {kb(s['load']['bytes'])} | {o['load']['bytes'] / s['load']['bytes']:.3f} "
                   f"| {kb(o['scrolled']['bytes'])} | {kb(s['scrolled']['bytes'])} | {o['scrolled']['bytes'] / s['scrolled']['bytes']:.3f} "
                   f"| {o['load']['requests']} / {s['load']['requests']}, {o['scrolled']['requests']} / {s['scrolled']['requests']} |")
    home = "" if "" in ours else next(iter(ours))
    out += ["", f"Where the bytes go on /{home} after scrolling (ours / stock): " + ", ".join(
        f"{kind} {kb(ours[home]['scrolled']['by_type'].get(kind, 0))} / {kb(stock[home]['scrolled']['by_type'].get(kind, 0))}"
        for kind in ("html", "css", "js", "json", "img")) + ".",
        "Off-host requests (blocked, not counted): ours "
        f"{sorted({u for p in ours.values() for u in p['off_host']}) or 'none'}, stock "
        f"{sorted({u for p in stock.values() for u in p['off_host']}) or 'none'}.", ""]

    out += ["## Readers: figures (same files on both sites)", "", "| Figure | Raw | Gzipped |", "| --- | ---: | ---: |"]
    out += [f"| {name} | {kb(f['raw'])} | {kb(f['gzip'])} |" for name, f in r["figures"].items()] + [""]

    out += [f"## Readers: Lighthouse 12.2.3, mobile preset (ours / stock, median of {LIGHTHOUSE_RUNS} runs)", "",
            "| Page | " + " | ".join(c.replace("-", " ").capitalize() for c in LIGHTHOUSE_CATEGORIES)
            + " | Performance, each run (ours / stock) | Audits losing points (ours) |",
            "| --- | " + " | ".join("---:" for _ in LIGHTHOUSE_CATEGORIES) + " | --- | --- |"]
    for page, o in r["lighthouse"]["ours"].items():
        s = r["lighthouse"]["stock"][page]
        lost = "; ".join(f"{c}: {', '.join(o['failing'][c])}" for c in LIGHTHOUSE_CATEGORIES
                         if o["failing"].get(c) and o["scores"][c] != 100)
        each = f"{', '.join(str(run['performance']) for run in o['runs'])} / {', '.join(str(run['performance']) for run in s['runs'])}"
        out.append(f"| /{page} | " + " | ".join(f"{o['scores'][c]} / {s['scores'][c]}" for c in LIGHTHOUSE_CATEGORIES)
                   + f" | {each} | {lost or 'none'} |")
    stock_lost = sorted({a for s in r["lighthouse"]["stock"].values() for c in LIGHTHOUSE_CATEGORIES
                         for a in s["failing"].get(c, []) if s["scores"][c] != 100})
    perf_pages = [page for page in LIGHTHOUSE_PAGES if "performance" in ours_to_fix(r, page)]
    out += ["", f"Audits losing points on stock: {', '.join(stock_lost) or 'none'}. Ours to fix (must be 100): "
            "accessibility, best practices and SEO on every page; performance where stock scores 100 ("
            + (", ".join(f"/{page}" for page in perf_pages) or "no page this run") + ").", ""]
    return out


PARTS = ("cold", "booklet", "new_build", "preview", "generators", "readers")


def measure(parts: tuple[str, ...], repeat: int, preview_runs: int, scale_repeat: int) -> dict:
    r = {"when": time.strftime("%Y-%m-%d %H:%M %Z"), "repeat": repeat, "scale_repeat": scale_repeat, "parts": list(parts), "load": [],
         "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"}

    def part(label: str) -> None:
        r["load"].append(os.getloadavg()[0])
        print(f"{label} (load average {r['load'][-1]:.1f} on {os.cpu_count()} CPUs)...", flush=True)

    with tempfile.TemporaryDirectory(prefix="synkinesis-bench-") as tmp:
        work = Path(tmp)
        if "cold" in parts:
            part("CI: cold builds of fresh clones")
            r["cold"] = measure_cold_builds(work, repeat)
        project = fresh_clone(work / "project")
        run_pipeline(project)
        reference = build_reference(project, work / "reference")
        stock_build(reference)
        if "booklet" in parts:
            part("Clinics: the booklet")
            r["booklet"] = measure_booklet(project, repeat)
        if "new_build" in parts:
            part("Editors: a new build, step by step")
            r["new_build"] = measure_new_build(project, reference, repeat)
            r["figures_cache"] = measure_figures(project, repeat)
        if "preview" in parts:
            part("Editors: the live preview (mkdocs serve)")
            r["preview"] = measure_preview(work, reference, preview_runs)
        if "generators" in parts:
            part(f"Generators: MkDocs and Zensical at 1x and {SCALE}x pages")
            r["generators"] = measure_generators(project, work, repeat, scale_repeat)
        if "readers" in parts:
            sites = {"ours": project / "site", "stock": reference / "site"}
            base = urlsplit(load_yaml(project / "mkdocs.yml")["site_url"]).path
            part("Readers: page weight in Chromium")
            r["pages"] = measure_pages(sites, base)
            r["figures"] = figure_sizes(project / "build" / "figures")
            part("Readers: Lighthouse")
            r["lighthouse"] = measure_lighthouse(sites, base, RESULTS / "lighthouse")
    r["load"].append(os.getloadavg()[0])
    return r


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark our site against stock Material (see benchmarks/README.md).")
    parser.add_argument("--repeat", type=int, default=3, help="runs per build timing, median reported (default 3)")
    parser.add_argument("--preview-runs", type=int, default=PREVIEW_RUNS, help=f"saves timed per site (default {PREVIEW_RUNS})")
    parser.add_argument("--scale-repeat", type=int, default=1, help=f"builds timed per generator on the {SCALE}x copy (default 1)")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="measure only this part (repeatable); the report is printed, not saved")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.preview_runs < 1:
        parser.error("--repeat and --preview-runs must be at least 1")
    r = measure(tuple(args.only or PARTS), args.repeat, args.preview_runs, args.scale_repeat)
    checks = check_budget(r)
    table = report(r, checks)
    print()
    for ok, line in checks:
        print(f"{'PASS' if ok else 'FAIL'}: {line}")
    print()
    print(table)
    if not args.only:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "latest.md").write_text(table + "\n", encoding="utf-8")
        (RESULTS / "latest.json").write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
        print(f"\nSaved {RESULTS.relative_to(ROOT)}/latest.md and latest.json")
    if busy(r):
        print(f"warning: {busy(r)}", file=sys.stderr)
    return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
