#!/usr/bin/env python3
"""Benchmark our site against stock Material built from the same Markdown and figures.

    make benchmark                     # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --repeat 5

One run, all on this machine:

1. Snapshot: `git clone` of this repository into a temporary folder, with the
   uncommitted working tree laid over it (what CI will see once it is committed).
2. CI: the cold build of that fresh clone (build/ absent), timed step by step.
3. The reference site: every page rendered to plain Markdown by guide/pages.py,
   our figures copied in, and a generated mkdocs.yml with stock Material
   (no hooks, no overrides, `font: false`, same nav and Markdown extensions).
4. Editors: rebuild after editing one page, as `mkdocs serve` does on save;
   `python build_figures.py` with unchanged data.
5. Readers: every page loaded in Chromium (Playwright) from a local server that
   serves each site under the path of `site_url` and gzips like a static host;
   Lighthouse (mobile) on a few pages.
6. The budget, as PASS/FAIL lines, and a Markdown table saved to
   benchmarks/results/latest.md (raw numbers in latest.json).

Only the standard library is imported at the top: the same file runs the timed
child processes (`--child ...`), which must not pay for anything else.
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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

BUDGET = {
    "page_weight_ratio": 1.1,       # our page / the stock page, gzipped bytes
    "figure_gzip_bytes": 20_000,    # each figure, gzipped
    "lighthouse_score": 100,        # every score that is ours to fix
    "rebuild_ratio": 1.2,           # our rebuild / the stock rebuild
    "figures_cache_hit_s": 0.3,     # `python build_figures.py` with unchanged data
    "cold_build_ours_s": 2.0,       # our own part of the cold build
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


# --- timed child processes ---------------------------------------------------------------------


class Timer:
    """Accumulates the time spent inside wrapped functions (outermost calls only)."""

    def __init__(self):
        self.seconds = 0.0
        self._depth = 0

    def wrap(self, function):
        def timed(*args, **kwargs):
            self._depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.seconds += time.perf_counter() - start
        timed.__wrapped__ = function
        return timed


def _wrap_module(module, timer: Timer) -> None:
    for name, value in list(vars(module).items()):
        if callable(value) and getattr(value, "__module__", None) == module.__name__ and not isinstance(value, type):
            setattr(module, name, timer.wrap(value))


def _wrap_hooks(config, timer: Timer, hook_names) -> None:
    """Time every event handler that comes from our hooks (not from MkDocs or Material)."""
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            if plugins._event_origins.get(method) in hook_names:
                methods[index] = timer.wrap(method)


def child_cold(project: Path) -> dict:
    """A cold build in a fresh clone, step by step, in one process (as `make site` does in two)."""
    sys.path.insert(0, str(project))
    os.chdir(project)
    steps = {}

    start = time.perf_counter()
    import build_figures  # noqa: F401
    import guide.data  # noqa: F401
    import guide.pages  # noqa: F401
    steps["imports_ours"] = time.perf_counter() - start

    qr_timer = Timer()
    if (project / "guide" / "qr.py").exists():
        start = time.perf_counter()
        import guide.qr
        steps["qr_import"] = time.perf_counter() - start
        _wrap_module(guide.qr, qr_timer)

    start = time.perf_counter()
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot  # noqa: F401
    steps["imports_matplotlib"] = time.perf_counter() - start

    start = time.perf_counter()
    build_figures.build()
    steps["figures"] = time.perf_counter() - start

    start = time.perf_counter()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    import material  # noqa: F401
    steps["imports_mkdocs"] = time.perf_counter() - start

    hooks_timer = Timer()
    start = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"))
    _wrap_hooks(config, hooks_timer, set(config.hooks))
    build(config)
    total = time.perf_counter() - start
    steps["qr"] = qr_timer.seconds
    # QR codes are drawn inside the hooks: count them once, on their own line.
    steps["hooks"] = max(0.0, hooks_timer.seconds - qr_timer.seconds)
    steps["mkdocs"] = total - hooks_timer.seconds
    return steps


def child_rebuild(config_file: Path, page: Path) -> None:
    """What `mkdocs serve` does on save: load_config() then build(), in the same warm process.

    Builds once (serve's first build), then rebuilds each time a line arrives on
    stdin and answers with one line of JSON: the parent alternates two of these
    processes, ours and stock, so a busy machine slows both alike.
    """
    os.chdir(config_file.parent)
    answers, sys.stdout = sys.stdout, sys.stderr  # anything the build prints stays off the answers
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="rebuild-")
    # As mkdocs/commands/serve.py: on_startup once (plugins with it are then kept
    # across rebuilds, with their caches), the first build, then a fresh config per save.
    config = load_config(str(config_file), site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    serve_url = "http://127.0.0.1:8000" + urlsplit(config.site_url or "/").path
    config.site_url = serve_url
    build(config, serve_url=serve_url)

    def rebuild() -> dict:
        with page.open("a", encoding="utf-8") as handle:
            handle.write("\n")  # an edit that changes the file, not the page
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        config = load_config(str(config_file), site_dir=site_dir)
        config.site_url = serve_url
        build(config, serve_url=serve_url)
        return {"time": time.perf_counter() - start, "cpu": _cpu_seconds() - start_cpu}

    print("{}", file=answers, flush=True)
    for _ in sys.stdin:
        print(json.dumps(rebuild()), file=answers, flush=True)
    shutil.rmtree(site_dir)


class Rebuilder:
    """A warm child_rebuild process for one site."""

    def __init__(self, project: Path):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [PYTHON, str(Path(__file__).resolve()), "--child", "rebuild", str(project / "mkdocs.yml"), str(project / "docs" / EDITED_PAGE)],
            cwd=project, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self._answer()

    def rebuild(self) -> dict:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return self._answer()

    def _answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.log.seek(0)
            sys.exit(f"error: the rebuild step failed:\n{self.log.read().decode(errors='replace')}")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()
        self.log.close()


def _cpu_seconds() -> float:
    """CPU time of this process and the processes it waited for (git, for example).

    Unlike wall time it barely moves when other work shares the machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_child(kind: str, args: list[str], cwd: Path) -> dict:
    result = subprocess.run([PYTHON, str(Path(__file__).resolve()), "--child", kind, *args],
                            cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: the {kind} step failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed_command(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return elapsed


def mkdocs_build(project: Path, config: str = "mkdocs.yml") -> float:
    return timed_command([PYTHON, "-m", "mkdocs", "build", "--config-file", config], project)


# --- CI: the cold build ---------------------------------------------------------------------------


def measure_cold_builds(work: Path, repeat: int) -> dict:
    """Median of `repeat` cold builds, each in its own fresh clone, and `make site` as two commands."""
    runs, plain = [], []
    for n in range(repeat):
        project = fresh_clone(work / f"cold-{n}")
        runs.append(run_child("cold", [str(project)], project))
        project = fresh_clone(work / f"plain-{n}")
        plain.append(timed_command([PYTHON, "build_figures.py"], project) + mkdocs_build(project))
    steps = {key: statistics.median(run.get(key, 0.0) for run in runs) for key in runs[0]}
    ours = sum(steps.get(key, 0.0) for key in ("imports_ours", "qr_import", "imports_matplotlib", "figures", "qr", "hooks"))
    return {"steps": steps, "ours": ours, "total": sum(steps.values()), "make_site": statistics.median(plain)}


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


# --- the reference site: same Markdown, same figures, stock Material --------------------------------


def load_mkdocs_yml(path: Path) -> dict:
    from mkdocs.utils.yaml import get_yaml_loader
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=get_yaml_loader())


def reference_config(ours: dict) -> dict:
    """Stock Material: our site metadata, Markdown extensions and nav; nothing of our look or code."""
    keep = ("site_name", "site_description", "site_url", "repo_url", "repo_name", "copyright",
            "markdown_extensions", "nav")
    config = {key: ours[key] for key in keep if key in ours}
    config["theme"] = {"name": "material", "language": ours["theme"].get("language", "en"), "font": False}
    config["plugins"] = ["search"]
    return config


def build_reference(project: Path, into: Path) -> Path:
    """Stock Material fed with the Markdown our hooks render (guide/pages.py) and the files they generate.

    The pages are captured from a build of our own site with this file added as the
    last hook (see "capture" below), so the reference gets exactly our text, figures
    and QR codes, whatever names and files our hooks provide.
    """
    import yaml

    ours = load_mkdocs_yml(project / "mkdocs.yml")
    capture = project / ".benchmark-capture.yml"
    capture.write_text(yaml.dump({"INHERIT": "mkdocs.yml", "hooks": [*ours.get("hooks", []), str(Path(__file__).resolve())]}),
                       encoding="utf-8")
    command = [PYTHON, "-m", "mkdocs", "build", "--config-file", str(capture), "--site-dir", str(into / "captured-site")]
    result = subprocess.run(command, cwd=project, env={**ENV, CAPTURE_ENV: str(into / "docs")}, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: capturing our rendered pages failed:\n{result.stdout}{result.stderr}")
    capture.unlink()
    shutil.rmtree(into / "captured-site")
    (into / "mkdocs.yml").write_text(yaml.dump(reference_config(ours), sort_keys=False), encoding="utf-8")
    return into


# --- capture: MkDocs also loads this file as a hook (build_reference), then these run -----------------

CAPTURE_ENV = "SYNKINESIS_BENCHMARK_CAPTURE"


def on_files(files, config):
    """Copy every file our hooks generated (figures, QR codes) into the reference's docs."""
    target = Path(os.environ[CAPTURE_ENV])
    for file in files:
        if file.generated_by and file.generated_by != __name__:
            (target / file.src_uri).parent.mkdir(parents=True, exist_ok=True)
            (target / file.src_uri).write_bytes(file.content_bytes)
    return files


def on_page_markdown(markdown, page, config, files):
    """Save each page as our hooks rendered it, with its own front matter (not what plugins added)."""
    import yaml
    from mkdocs.utils.meta import get_data

    target = Path(os.environ[CAPTURE_ENV]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = get_data(page.file.content_string)[1]
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) if meta else ""
    target.write_text(f"---\n{front}---\n\n{markdown}" if front else markdown, encoding="utf-8")
    return markdown


# --- editors ------------------------------------------------------------------------------------------


def measure_editing(project: Path, reference: Path, repeat: int) -> dict:
    """Rebuilds of ours and stock, alternated run by run; then build_figures.py alone."""
    sites = {"ours": project, "stock": reference}
    rebuilders = {name: Rebuilder(where) for name, where in sites.items()}
    serve = {name: [] for name in sites}
    builds = {name: [] for name in sites}
    for _ in range(repeat):
        for name, where in sites.items():
            serve[name].append(rebuilders[name].rebuild())
            builds[name].append(mkdocs_build(where))
    for rebuilder in rebuilders.values():
        rebuilder.close()
    result = {name: {"serve": statistics.median(r["time"] for r in serve[name]),
                     "serve_cpu": statistics.median(r["cpu"] for r in serve[name]), "serve_runs": serve[name],
                     "build": statistics.median(builds[name]), "build_runs": builds[name]}
              for name in sites}
    figures = [timed_command([PYTHON, "build_figures.py"], project) for _ in range(repeat)]
    result["figures"] = statistics.median(figures)
    result["figures_runs"] = figures
    result["figures_heavy_imports"] = heavy_imports(project)
    return result


def heavy_imports(project: Path) -> list[str]:
    """Top-level packages from HEAVY_MODULES that `python -X importtime build_figures.py` imports."""
    result = subprocess.run([PYTHON, "-X", "importtime", "build_figures.py"], cwd=project, env=ENV,
                            capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    return sorted(imported & set(HEAVY_MODULES))


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
    """(passed, line) for each budget item: the worst case decides."""
    b, checks = BUDGET, []
    for moment in ("load", "scrolled"):
        ratios = {page: r["pages"]["ours"][page][moment]["bytes"] / r["pages"]["stock"][page][moment]["bytes"]
                  for page in r["pages"]["ours"] if page in r["pages"]["stock"]}
        worst = max(ratios, key=ratios.get)
        checks.append((ratios[worst] <= b["page_weight_ratio"],
                       f"page weight ({'on load' if moment == 'load' else 'scrolled to the end'}) <= "
                       f"{b['page_weight_ratio']}x stock: worst {ratios[worst]:.3f}x on /{worst}"))
    off_host = sorted({u for page in r["pages"]["ours"].values() for u in page["off_host"]})
    checks.append((not off_host, f"nothing loads from another host: {len(off_host)} off-host requests {off_host or ''}".rstrip()))
    biggest = max(r["figures"], key=lambda name: r["figures"][name]["gzip"])
    checks.append((r["figures"][biggest]["gzip"] <= b["figure_gzip_bytes"],
                   f"each figure <= {b['figure_gzip_bytes']:,} bytes gzipped: largest {biggest} {r['figures'][biggest]['gzip']:,} bytes"))
    for category in LIGHTHOUSE_CATEGORIES:
        pages = [page for page in LIGHTHOUSE_PAGES if category in ours_to_fix(r, page)]
        if not pages:
            continue
        ours = r["lighthouse"]["ours"]
        low = {page: ours[page]["scores"][category] for page in pages if ours[page]["scores"][category] != b["lighthouse_score"]}
        detail = ", ".join(f"/{p} {v} ({' '.join(ours[p]['failing'][category])})" for p, v in low.items())
        where = "every page tested" if len(pages) == len(LIGHTHOUSE_PAGES) else "/" + ", /".join(pages) + " (where stock scores 100)"
        checks.append((not low, f"Lighthouse {category} = {b['lighthouse_score']} on {where}" + (f": {detail}" if low else "")))
    e = r["editing"]
    ratio = e["ours"]["serve"] / e["stock"]["serve"]
    checks.append((ratio <= b["rebuild_ratio"], f"rebuild after a page edit <= {b['rebuild_ratio']}x stock: "
                   f"{e['ours']['serve']:.3f} s vs {e['stock']['serve']:.3f} s = {ratio:.2f}x"))
    checks.append((e["figures"] <= b["figures_cache_hit_s"], f"build_figures.py, data unchanged <= {b['figures_cache_hit_s']} s: {e['figures']:.3f} s"))
    heavy = e["figures_heavy_imports"]
    checks.append((not heavy, f"build_figures.py, data unchanged, imports none of {', '.join(HEAVY_MODULES)} (-X importtime)"
                   + (f": imports {', '.join(heavy)}" if heavy else "")))
    checks.append((r["cold"]["ours"] < b["cold_build_ours_s"], f"our part of the cold build < {b['cold_build_ours_s']} s: {r['cold']['ours']:.2f} s"))
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
    return (f"the machine was busy (load average {max(r['load']):.1f} on {os.cpu_count()} CPUs): "
            "timings and Lighthouse performance are pessimistic; re-run when it is idle")


def kb(n: float) -> str:
    return f"{n / 1000:.1f} kB"


def report(r: dict, checks) -> str:
    out = [f"# Benchmark: our site vs stock Material ({r['when']})", "",
           f"Machine: {r['machine']}. Repeats: {r['repeat']} (medians). Sizes are gzipped bodies "
           f"(level {GZIP_LEVEL}) as the local server sent them to Chromium (headers not counted); 1 kB = 1000 bytes. "
           f"Load average at start / end: {r['load'][0]:.1f} / {r['load'][-1]:.1f}.", ""]
    if busy(r):
        out += [f"**Warning: {busy(r)}.**", ""]
    out += ["## Budget", ""] + [f"- {'PASS' if ok else 'FAIL'}: {line}" for ok, line in checks] + [""]

    out += ["## Readers: transfer per page (mobile screen, empty cache)", "",
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

    e = r["editing"]
    out += ["## Editors (data/ unchanged)", "", "| Step | Ours | Stock | Ratio |", "| --- | ---: | ---: | ---: |",
            f"| Rebuild after editing docs/{EDITED_PAGE}, in-process like `mkdocs serve` (load_config + build) | "
            f"{e['ours']['serve']:.3f} s | {e['stock']['serve']:.3f} s | {e['ours']['serve'] / e['stock']['serve']:.2f} |",
            f"| The same rebuild, CPU time (less sensitive to a busy machine) | {e['ours']['serve_cpu']:.3f} s | "
            f"{e['stock']['serve_cpu']:.3f} s | {e['ours']['serve_cpu'] / e['stock']['serve_cpu']:.2f} |",
            f"| `mkdocs build` as a new process | {e['ours']['build']:.3f} s | {e['stock']['build']:.3f} s | "
            f"{e['ours']['build'] / e['stock']['build']:.2f} |",
            f"| `python build_figures.py` (cache hit) | {e['figures']:.3f} s | - | - |", "",
            f"Heavy modules imported by build_figures.py on a cache hit: {', '.join(e['figures_heavy_imports']) or 'none'}.", ""]

    c, steps = r["cold"], r["cold"]["steps"]
    names = {"imports_ours": "Imports: our modules (pydantic, PyYAML, Jinja2)", "qr_import": "Imports: guide/qr.py",
             "imports_matplotlib": "Imports: matplotlib", "figures": "Figures: drawing (build_figures.build)",
             "qr": "QR codes (guide/qr.py)", "imports_mkdocs": "Imports: MkDocs and Material",
             "hooks": "Our hooks (hooks/site.py: data, page templates, checks)", "mkdocs": "MkDocs itself: the build minus our hooks (MkDocs, Material, plugins)"}
    out += ["## CI: cold build of a fresh clone (build/ absent)", "", "| Step | Time | Ours? |", "| --- | ---: | --- |"]
    for key, label in names.items():
        if key in steps or key == "qr":
            mine = "yes" if key not in ("imports_mkdocs", "mkdocs") else "no"
            shown = f"{steps[key]:.3f} s" if key in steps and (key != "qr" or "qr_import" in steps) else "not present"
            out.append(f"| {label} | {shown} | {mine} |")
    out += [f"| **Ours** | **{c['ours']:.3f} s** | |", f"| All steps, in one process | {c['total']:.3f} s | |",
            f"| `build_figures.py` then `mkdocs build`, two processes (as `make site`) | {c['make_site']:.3f} s | |", ""]
    out += booklet_report(r["booklet"])
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark our site against stock Material (see benchmarks/README.md).")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, median reported (at least 3)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=["booklet"], help="measure one part only, on a fresh clone (no report saved)")
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "rebuild":
            child_rebuild(Path(rest[0]), Path(rest[1]))
        else:
            print(json.dumps(child_cold(Path(rest[0]))))
        return 0
    if args.repeat < 3:
        parser.error("--repeat must be at least 3")
    if args.only == "booklet":
        return booklet_only(args.repeat)

    RESULTS.mkdir(parents=True, exist_ok=True)
    r = {"when": time.strftime("%Y-%m-%d %H:%M"), "repeat": args.repeat, "load": [os.getloadavg()[0]],
         "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"}
    with tempfile.TemporaryDirectory(prefix="synkinesis-bench-") as tmp:
        work = Path(tmp)
        print("CI: cold builds of fresh clones...", flush=True)
        r["cold"] = measure_cold_builds(work, args.repeat)
        project = fresh_clone(work / "project")
        timed_command([PYTHON, "build_figures.py"], project)
        mkdocs_build(project)
        print("Clinics: the booklet...", flush=True)
        r["booklet"] = measure_booklet(project, args.repeat)
        print("Building the stock Material reference...", flush=True)
        reference = build_reference(project, work / "reference")
        mkdocs_build(reference)
        print("Editors: rebuilds...", flush=True)
        r["editing"] = measure_editing(project, reference, args.repeat)
        sites = {"ours": project / "site", "stock": reference / "site"}
        base = urlsplit(load_mkdocs_yml(project / "mkdocs.yml")["site_url"]).path
        print("Readers: page weight in Chromium...", flush=True)
        r["pages"] = measure_pages(sites, base)
        r["figures"] = figure_sizes(project / "build" / "figures")
        print("Readers: Lighthouse...", flush=True)
        r["lighthouse"] = measure_lighthouse(sites, base, RESULTS / "lighthouse")
    r["load"].append(os.getloadavg()[0])
    checks = check_budget(r)
    table = report(r, checks)
    (RESULTS / "latest.md").write_text(table + "\n", encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
    print()
    for ok, line in checks:
        print(f"{'PASS' if ok else 'FAIL'}: {line}")
    print()
    print(table)
    print(f"\nSaved {RESULTS.relative_to(ROOT)}/latest.md and latest.json")
    if busy(r):
        print(f"warning: {busy(r)}", file=sys.stderr)
    return 0 if all(ok for ok, _ in checks) else 1


def booklet_only(repeat: int) -> int:
    """`benchmarks/run.py --only booklet`: the booklet's time alone, on a fresh clone."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="synkinesis-bench-") as tmp:
        project = fresh_clone(Path(tmp) / "project")
        timed_command([PYTHON, "build_figures.py"], project)
        mkdocs_build(project)
        booklet = measure_booklet(project, repeat)
    ok, line = booklet_check(booklet)
    print("\n".join(booklet_report(booklet)))
    print(f"{'PASS' if ok else 'FAIL'}: {line} (load average {load:.1f} on {os.cpu_count()} CPUs)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
