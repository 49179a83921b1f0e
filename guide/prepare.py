"""Step 1 of the build, prepare: data/ and docs/ -> build/docs/ and build/mkdocs.yml.

    python -m guide.prepare            then   mkdocs build -f build/mkdocs.yml
                                       (or    zensical build -f build/mkdocs.yml)
                                       then   python -m guide.finish

Everything a page shows that comes from our data is worked out here, in plain
Python, so any generator that reads Markdown builds the same pages: numbers,
figures, citations and the Sources section, the review status, the "report a
problem" links and the readers' changelog are in each page's Markdown; what the
theme shows outside the article (the printed header, JSON-LD, "Last changed")
is in the page's front matter under `sg:`; the urgent-help box is in the
config's `extra:`. No MkDocs import: a generator is only a setting.

Problems are found before anything is written: one line each, all in one
round, and the last good build/docs/ stays as it was. Only files whose bytes
change are rewritten, so a preview after one edit regenerates one page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2
import yaml

import build_figures
from guide import ROOT, booklet, changelog, feedback, pages, qr, reviews, safety, search, structured_data, urls
from guide.data import DataError, SiteData, format_date, load

BUILD = ROOT / "build"
# The generator writes here; guide/finish.py turns it into site/. Inside build/,
# because Zensical wants docs_dir and site_dir under the config file's folder.
GENERATED = "generated"
# Plugins our own steps replace, so that every generator gets the same pages:
# redirect pages are written by guide/finish.py, "Last changed" dates by this step.
REPLACED_PLUGINS = ("redirects", "git-revision-date-localized")
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
GLOSSARY_PAGE = "glossary.md"
# libyaml's dumper when PyYAML has it (the same bytes): the pure-Python one was a tenth of a new prepare process.
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Problems(Exception):
    """Everything an editor must fix before the site can be built, one line each."""

    def __init__(self, lines: list[str]):
        self.lines = list(dict.fromkeys(lines))  # figures and pages read the same data: one problem, one line
        super().__init__("\n".join(self.lines))


@dataclass
class Prepared:
    """What prepare worked out: the generated files, and what finish needs."""

    files: dict[str, bytes] = field(default_factory=dict)   # path under build/docs/ -> bytes
    config: dict = field(default_factory=dict)


def read_config(root: Path) -> dict:
    try:
        return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=urls.ConfigLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Problems([f"mkdocs.yml:{mark.line + 1 if mark else 1}: not valid YAML: {getattr(error, 'problem', error)}"]) from None


def last_changed(root: Path) -> dict[str, date]:
    """{path under docs/: date of its last commit}; empty without git (a downloaded copy)."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "docs"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    found: dict[str, date] = {}
    for record in log.split("\x00")[1:]:
        day, *names = record.strip().splitlines()
        for name in names:
            if name.startswith("docs/"):
                found.setdefault(name[len("docs/"):], date.fromisoformat(day))
    return found


def prepare(root: Path = ROOT, build: Path = BUILD, preview: bool = False) -> Prepared:
    """Check everything and work out every generated file; raises Problems, writes nothing."""
    docs_dir = root / "docs"
    config = read_config(root)
    problems: list[str] = []
    try:
        data = load(root / "data")
        search.load_terms(root / "data" / search.TERMS_FILE.name, root / "data" / "urls.yml")  # used by finish; checked now
        manifest = urls.load(root / "data" / "urls.yml")
        reviewers = reviews.load_reviewers(root)
        records = reviews.load_reviews(root, reviewers)
    except DataError as error:
        raise Problems([f"Data error: {error}"]) from None
    docs = urls.scan_docs(docs_dir)
    problems += [f"Address error: {p}" for p in urls.check_docs(manifest, docs) + urls.check_sections(manifest, docs, docs_dir)]
    if GLOSSARY_PAGE not in docs.values():
        problems.append(f"docs/{GLOSSARY_PAGE} is missing: every page links its medical words to it (data/glossary.yml)")
    base = config.get("site_url") or ""
    links = urls.page_links(manifest, docs, docs_dir, base)
    sections = urls.section_links(manifest, docs, docs_dir, base)
    names = reviews.template_names(links, reviewers, config, sections)
    prepared = Prepared()

    try:
        figures = build_figures.build(build / "figures", root / "data")
    except DataError as error:
        raise Problems([*problems, f"Data error: {error}"]) from None
    for svg in figures:
        prepared.files[pages.FIGURE_URL.format(name=svg.stem)] = svg.read_bytes()
    for uri, svg in qr.build({link.qr: link.url for link in [*links, *sections]}, build / "qr").items():
        prepared.files[uri] = svg.read_bytes()

    changed = last_changed(root)
    found: dict[str, reviews.Status] = {}
    titles = {e.src: (e.title, e.path.lstrip("/") or "./") for e in links}
    for path in sorted(docs_dir.rglob("*")):
        src = path.relative_to(docs_dir).as_posix()
        if path.is_dir():
            continue
        if path.suffix != ".md":
            prepared.files[src] = path.read_bytes()   # images and other files go through as they are
            continue
        try:
            text, found[src] = _page(root, src, path.read_text(encoding="utf-8"), data, config, names, records, reviewers,
                                     links, changed, titles)
        except pages.PageError as error:
            problems.append(f"Page error: {error}")
            continue
        prepared.files[src] = text.encode("utf-8")
    # A clinic that may publish only reviewed pages sets REQUIRE_REVIEW=1: then
    # the build stops, before writing anything, naming each page.
    if os.environ.get("REQUIRE_REVIEW") == "1":
        missing = reviews.without_matching_review(found)
        if missing:
            problems += ["REQUIRE_REVIEW=1: these pages have no clinical review of their current text:",
                         *(f"Review error: {line}" for line in missing)]
    if problems:
        raise Problems(problems)
    prepared.config = generator_config(config, root, build, safety.urgent_help(data), preview)
    return prepared


def _page(root, src, text, data: SiteData, config, names, records, reviewers, links, changed, titles) -> str:
    meta, body = reviews.split_page(text)
    problems = pages.check_meta(src, meta, data)
    if problems:
        raise problems[0]
    context = pages.PageContext(src=src, meta=meta, body_offset=pages.front_matter_lines(text))
    rendered = pages.render(body, context, data, extra=names(src))
    status = reviews.page_status(src, text, rendered, meta, data, records, reviewers)
    review = {"state": status.state, "headline": status.headline, "detail": status.detail}
    url = urls.full_url(config.get("site_url") or "", urls.address(src))
    title = meta.get("title") or src
    report = feedback.links(config.get("repo_url") or "", (config.get("extra") or {}).get("contact"), url, title)
    day = changed.get(src) or date.today()   # not committed yet, or no git: the build date, as the old plugin did
    link = next((each for each in links if each.src == src), None)
    furniture = TEMPLATES.get_template("after-content.html").render(
        sources=pages.sources_for(meta, data), review=review, report=report,
        standards=urls.relative_link(src, "standards/"),
        changes=changelog.changes(root, titles) if meta.get("changelog") else False,
        repo_url=config.get("repo_url") or "", link=lambda target: urls.relative_link(src, target))
    sg = {
        "link": {"url": link.url, "qr": link.qr} if link else None,
        "review": review,
        "changed": {"date": format_date(day), "iso": day.isoformat()},
        "structured_data": structured_data.script_tag(structured_data.page_data(
            title=title, description=meta.get("description", ""), url=url,
            language=(config.get("theme") or {}).get("language", "en"), modified=day.isoformat(),
            audience=structured_data.audience(link and link.path), review=status,
            sources=[data.sources[i] for i in meta.get("sources") or []])),
    }
    front = yaml.dump({**meta, "sg": sg}, Dumper=FAST_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n\n{rendered.rstrip()}\n\n{furniture.strip()}\n", status


def generator_config(config: dict, root: Path, build: Path, urgent_help: dict, preview: bool) -> dict:
    """mkdocs.yml as the generator needs it: the prepared pages, our overrides, our plugins' work done."""
    out = dict(config)
    out["docs_dir"] = "docs"
    out["site_dir"] = GENERATED
    theme = dict(out.get("theme") or {})
    theme["custom_dir"] = os.path.relpath(root / (theme.get("custom_dir") or "overrides"), build)
    out["theme"] = theme
    plugins = [p for p in out.get("plugins") or [] if (p if isinstance(p, str) else next(iter(p))) not in REPLACED_PLUGINS]
    out["plugins"] = plugins
    out.pop("hooks", None)
    if preview:   # `make serve`: the only hook runs these steps again on each save (hooks/preview.py)
        out["hooks"] = [os.path.relpath(root / "hooks" / "preview.py", build)]
    out["extra"] = {**(out.get("extra") or {}), "urgent_help": urgent_help}
    return out


def write(prepared: Prepared, build: Path = BUILD) -> int:
    """Write what changed under build/docs/ (and remove what is gone); returns how many files were written."""
    out = build / "docs"
    written = 0
    for rel, content in prepared.files.items():
        target = out / rel
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written += 1
    if out.is_dir():
        for path in sorted(out.rglob("*"), reverse=True):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in prepared.files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    config = yaml.dump(prepared.config, Dumper=FAST_DUMPER, sort_keys=False, allow_unicode=True, width=10_000).encode("utf-8")
    header = b"# Written by `python -m guide.prepare` from mkdocs.yml: edit that file, not this one.\n"
    target = build / "mkdocs.yml"
    if not target.is_file() or target.read_bytes() != header + config:
        target.write_bytes(header + config)
    return written


def run(root: Path = ROOT, build: Path = BUILD, preview: bool = False) -> int:
    prepared = prepare(root, build, preview)
    build.mkdir(parents=True, exist_ok=True)
    return write(prepared, build)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.prepare", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this one)")
    parser.add_argument("--build", type=Path, default=None, help="where to write docs/ and mkdocs.yml (default: ROOT/build)")
    parser.add_argument("--preview", action="store_true", help="for `make serve`: the config runs hooks/preview.py")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    build = (args.build or root / "build").resolve()
    try:
        written = run(root, build, args.preview)
    except Problems as problems:
        for line in problems.lines:
            print(line, file=sys.stderr)
        print(f"{len(problems.lines)} problem(s): fix them, then build again (nothing was written)", file=sys.stderr)
        return 1
    print(f"prepare: {written} file(s) updated in {os.path.relpath(build / 'docs')}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
