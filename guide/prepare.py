"""Step 1 of the build, prepare: data/ and docs/ -> build/docs/ and build/mkdocs.yml,
and for each other edition (guide/languages.py) build/es/docs/ and build/es/mkdocs.yml;
and build/finish.json, what finish needs from the same checked data (handover()).

    python -m guide.prepare            then   mkdocs build -f build/mkdocs.yml (and build/es/mkdocs.yml)
                                       (or    zensical build -f ...)
                                       then   python -m guide.finish
                                       (python -m guide.build runs all three)

Everything a page shows that comes from our data is worked out here, in plain
Python, so any generator that reads Markdown builds the same pages: numbers,
figures, citations and the Sources section, the review status, the "report a
problem" links and the readers' changelog are in each page's Markdown; what the
theme shows outside the article (the printed header, JSON-LD, "Last changed",
the language switcher) is in the page's front matter under `sg:`; the urgent-help
box and the theme's words are in the config's `extra:`. A Spanish page is rendered
from the same data with its words from data/translations/es.yml. No MkDocs
import: a generator is only a setting.

Problems are found before anything is written: one line each, all in one
round, and the last good build/docs/ stays as it was. Only files whose bytes
change are rewritten, so a preview after one edit regenerates one page.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2
import yaml

import build_figures
from guide import (GENERATED, HANDOVER, ROOT, changelog, feedback, languages, pages, qr, reviews, safety, search, structured_data,
                   terms, translations, urls)
from guide.config import ConfigError, read_config as read_mkdocs_yml
from guide.data import DataError, SiteData, load
from guide.words import THEME_WORDS, words

BUILD = ROOT / "build"
# Plugins our own steps replace, so that every generator gets the same pages:
# redirect pages are written by guide/finish.py, "Last changed" dates by this step.
REPLACED_PLUGINS = ("redirects", "git-revision-date-localized")
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               autoescape=True)   # all values are text: a commit message may say "<p>"
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
    """What prepare worked out: every generated file and each edition's generator config."""

    files: dict[str, bytes] = field(default_factory=dict)    # path in the whole site ('es/index.md') -> bytes
    configs: dict[str, dict] = field(default_factory=dict)   # language code -> build/[FOLDER/]mkdocs.yml
    statuses: dict = field(default_factory=dict)             # docs/ path -> reviews.Status
    handover: dict = field(default_factory=dict)             # what finish needs: BUILD/finish.json (handover())
    dated_by_git: bool = True                                # False: "Last changed" is the build date


def read_config(root: Path) -> dict:
    try:
        config = read_mkdocs_yml(root)
        languages.load(config)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Problems([f"mkdocs.yml:{mark.line + 1 if mark else 1}: not valid YAML: {getattr(error, 'problem', error)}"]) from None
    except ConfigError as error:
        raise Problems([str(error)]) from None
    return config


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


def prepare(root: Path = ROOT, build: Path = BUILD, preview: bool = False, draw: bool = True,
            only: set[str] | None = None) -> Prepared:
    """Check everything and work out every generated file; raises Problems, writes nothing.

    draw=False: pages only, no figures or QR codes (for `python -m guide.reviews status`).
    only: these editions' pages (the preview of one edition; a translation needs its English page)."""
    docs_dir = root / "docs"
    config = read_config(root)
    editions = languages.load(config)
    problems: list[str] = []
    try:
        data = load(root / "data")
        search_terms = search.load_terms(root / "data" / search.TERMS_FILE.name, root / "data" / "urls.yml")
        manifest = urls.load(root / "data" / "urls.yml")
        reviewers = reviews.load_reviewers(root)
        records = reviews.load_reviews(root, reviewers)
        datasets = {e.code: data if not e.folder else translations.localize(data, e.code, root / "data") for e in editions}
    except DataError as error:
        raise Problems([f"Data error: {error}"]) from None
    docs = urls.scan_docs(docs_dir)
    problems += [f"Address error: {p}" for p in urls.check_docs(manifest, docs) + urls.check_sections(manifest, docs, docs_dir)]
    problems += counterparts(editions, sorted(docs.values()))
    for edition in editions:
        if edition.prefix(GLOSSARY_PAGE) not in docs.values():
            problems.append(f"docs/{edition.prefix(GLOSSARY_PAGE)} is missing: every page links its medical words to it (data/glossary.yml)")
    base = config.get("site_url") or ""
    all_links = urls.page_links(manifest, docs, docs_dir, base)
    all_sections = urls.section_links(manifest, docs, docs_dir, base)
    prepared = Prepared()
    changed = last_changed(root)
    prepared.dated_by_git = bool(changed)
    found: dict[str, reviews.Status] = {}

    for edition in editions:
        if only is not None and edition.code not in only | {languages.DEFAULT}:
            continue
        links = [_rebased(link, edition) for link in all_links if languages.of(link.src, editions) == edition]
        sections = [_rebased(link, edition) for link in all_sections
                    if languages.of(docs[link.path], editions) == edition]
        names = reviews.template_names(links, reviewers, edition.config(config), sections, edition.code)
        if draw:
            _draw(prepared, root, build, edition, [*links, *sections], problems)
        titles = {edition.prefix(e.src): (e.title, e.path.lstrip("/") or "./") for e in links}
        page = _Edition(root, edition, editions, datasets[edition.code], config, names, records, reviewers, links, changed,
                        titles, docs)
        page.english_statuses = found   # English comes first (mkdocs.yml extra.languages)
        for path in sorted(docs_dir.rglob("*")):
            src = path.relative_to(docs_dir).as_posix()
            if path.is_dir() or languages.of(src, editions) != edition:
                continue
            if path.suffix != ".md":
                prepared.files[src] = path.read_bytes()   # images and other files go through as they are
                continue
            try:
                text, found[src] = page.render(src, path.read_text(encoding="utf-8"))
            except pages.PageError as error:
                problems.append(f"Page error: {error}")
                continue
            prepared.files[src] = text.encode("utf-8")
        try:
            nav = edition_nav(config.get("nav") or [], edition, docs_dir)
        except Problems as more:
            problems += more.lines
            nav = []
        prepared.configs[edition.code] = generator_config(config, root, build / edition.folder, edition, nav,
                                                          safety.urgent_help(datasets[edition.code]), preview)
    # A clinic that may publish only reviewed pages sets REQUIRE_REVIEW=1: then
    # the build stops, before writing anything, naming each page.
    if os.environ.get("REQUIRE_REVIEW") == "1":
        missing = reviews.without_matching_review(found)
        if missing:
            problems += ["REQUIRE_REVIEW=1: these pages have no clinical review of their current text:",
                         *(f"Review error: {line}" for line in missing)]
    if problems:
        raise Problems(problems)
    prepared.statuses = found
    prepared.handover = handover(editions, datasets, search_terms, manifest, docs, docs_dir)
    return prepared


def handover(editions: list[languages.Language], datasets: dict, search_terms: dict, manifest, docs: dict[str, str],
             docs_dir: Path) -> dict:
    """What finish needs from data/ and docs/, worked out here from the checked data, so that
    finish loads no data models and reads the same data as the pages (BUILD/finish.json)."""
    return {
        "docs": docs,   # {address: docs path}, every edition
        "moved": {src: [list(anchor) for anchor in moved] for src, moved in urls.moved_anchors(manifest, docs, docs_dir).items()},
        "redirects": urls.redirects(manifest, docs),
        "editions": {edition.code: {
            "glossary": [dataclasses.asdict(terms.Word.of(entry)) for entry in datasets[edition.code].glossary],
            # the edition's patients' words, by address inside its own site ('/es/x/' -> '/x/')
            "search_terms": {"/" + languages.within(address.lstrip("/"), edition): list(words)
                             for address, words in search_terms.items()
                             if languages.of(address.lstrip("/"), editions) == edition},
        } for edition in editions},
    }


def _draw(prepared: Prepared, root: Path, build: Path, edition: languages.Language, links: list, problems: list[str]) -> None:
    """An edition's figures (in its language) and QR codes, into `prepared`."""
    try:
        figures = build_figures.build(build / "figures", root / "data", **({"language": edition.code} if edition.folder else {}))
    except DataError as error:
        raise Problems([*problems, f"Data error: {error}"]) from None
    for svg in figures:
        prepared.files[edition.prefix(pages.FIGURE_URL.format(name=svg.stem))] = svg.read_bytes()
    for uri, svg in qr.build({link.qr: link.url for link in links}, build / "qr" / edition.code).items():
        prepared.files[edition.prefix(uri)] = svg.read_bytes()


def counterparts(editions: list[languages.Language], srcs: list[str]) -> list[str]:
    """Every page in every edition: docs/es/PAGE.md for each docs/PAGE.md, and no Spanish page without an English one."""
    problems = []
    english = [src for src in srcs if not languages.of(src, editions).folder]
    for edition in editions:
        if not edition.folder:
            continue
        translated = {languages.within(src, edition) for src in srcs if languages.of(src, editions) == edition}
        problems += [f"docs/{edition.prefix(src)}:1: missing: every page needs its translation here ({edition.name}): "
                     f"translate docs/{src}"
                     for src in english if src not in translated]
        problems += [f"docs/{edition.prefix(src)}:1: there is no English page docs/{src}: remove this page or rename it "
                     "to match its English page" for src in sorted(translated - set(english))]
    return problems


def edition_nav(nav: list, edition: languages.Language, docs_dir: Path) -> list:
    """The menu of an edition: the English menu (mkdocs.yml `nav:`) with each page's own short
    name (front matter `menu:`) and the section names from `extra: languages:`."""
    if not edition.folder:
        return nav
    problems = []

    def walk(items):
        out = []
        for item in items:
            (title, target), = item.items()
            if isinstance(target, list):
                if title not in edition.menu:
                    problems.append(f"mkdocs.yml:1: extra: languages: {edition.code}: menu: add the {edition.name} name "
                                    f"for the menu section '{title}'")
                out.append({edition.menu.get(title, title): walk(target)})
                continue
            page = docs_dir / edition.prefix(target)
            menu = urls.front_matter(page).get("menu") if page.is_file() else None
            if page.is_file() and not menu:
                problems.append(f"docs/{edition.prefix(target)}:1: front matter: `menu` is missing: add the page's short "
                                f"name in the {edition.name} menu (English: '{title}')")
            out.append({str(menu or title): target})
        return out

    translated = walk(nav)
    if problems:
        raise Problems(problems)
    return translated


def _rebased(link, edition: languages.Language):
    """A page or section link as its edition's own site sees it: the path, file and QR
    code's file inside that site ('/es/treatment/' -> '/treatment/'); the full URL stays."""
    if not edition.folder:
        return link
    inside = "/" + link.path[len(edition.folder) + 2:]
    qr_file = urls.qr_uri(inside)
    if isinstance(link, urls.SectionLink):
        return dataclasses.replace(link, path=inside, qr=qr_file[: -len(".svg")] + f"--{link.id}.svg")
    return dataclasses.replace(link, path=inside, src=languages.within(link.src, edition), qr=qr_file)


class _Edition:
    """Renders the pages of one edition."""

    def __init__(self, root, edition, editions, data: SiteData, config, names, records, reviewers, links, changed, titles, docs):
        self.root, self.edition, self.editions, self.data, self.config = root, edition, editions, data, config
        self.names, self.records, self.reviewers, self.links = names, records, reviewers, links
        self.changed, self.titles, self.docs = changed, titles, docs
        self.words = words(edition.code)
        self.english_statuses: dict = {}   # the English pages' statuses, for their translations

    def review(self, src: str, status: reviews.Status) -> dict:
        """What the page says about its review. A translation shows the clinical review of the
        English page it translates (the medical content), then the review of the translation itself."""
        if not self.edition.folder:
            headline, detail = status.words()
            return {"state": status.state, "headline": headline, "detail": detail, "translation": None}
        # The English page's status; if that page could not be rendered (its problem is
        # reported, and nothing is written), the translation's own stands in.
        clinical = self.english_statuses.get(languages.within(src, self.edition), status)
        headline, detail = clinical.words(self.edition.code)
        translated, translated_detail = status.words(self.edition.code, kind="translation_")
        return {"state": clinical.state, "headline": headline, "detail": detail,
                "translation": {"state": status.state, "headline": translated,
                                "detail": " ".join([self.words["translation"], translated_detail])}}

    def render(self, src: str, text: str) -> tuple[str, reviews.Status]:
        data, config, edition = self.data, self.config, self.edition
        meta, body = reviews.split_page(text)
        problems = pages.check_meta(src, meta, data)
        if problems:
            raise problems[0]
        context = pages.PageContext(src=src, meta=meta, body_offset=pages.front_matter_lines(text))
        rendered = pages.render(body, context, data, extra=self.names(src), language=edition.code)
        status = reviews.page_status(src, text, rendered, meta, data, self.records, self.reviewers)
        review = self.review(src, status)
        address = urls.address(src)
        url = urls.full_url(config.get("site_url") or "", address)
        title = meta.get("title") or src
        report = feedback.links(config.get("repo_url") or "", (config.get("extra") or {}).get("contact"), url, title)
        day = self.changed.get(src) or date.today()   # not committed yet, or no git: the build date, as the old plugin did
        within = languages.within(src, edition)
        link = next((each for each in self.links if each.src == within), None)
        alternates = [{"code": other.code, "name": other.name, "href": urls.relative_link(src, urls.address(other.prefix(within)))}
                      for other in self.editions if other.prefix(within) in self.docs.values()]
        furniture = TEMPLATES.get_template("after-content.html").render(
            w=self.words, sources=pages.sources_for(meta, data), review=review, report=report,
            standards=urls.relative_link(src, edition.prefix("standards/")),
            changes=changelog.changes(self.root, self.titles) if meta.get("changelog") else False,
            repo_url=config.get("repo_url") or "", link=lambda target: urls.relative_link(within, target),
            when=lambda day: languages.format_date(day, edition.code))
        sg = {
            "link": {"url": link.url, "qr": link.qr} if link else None,
            "review": review,
            "changed": {"date": languages.format_date(day, edition.code), "iso": day.isoformat()},
            "language": edition.code,
            "words": {key: self.words[key] for key in ("read_online", "scan", "qr_alt", "other_language")},
            "alternates": alternates,
            "structured_data": structured_data.script_tag(structured_data.page_data(
                title=title, description=meta.get("description", ""), url=url, language=edition.code,
                modified=day.isoformat(), audience=structured_data.audience(link and link.path),
                # The medical content's review: for a translation, that of its English page.
                review=self.english_statuses.get(within, status) if edition.folder else status,
                sources=[data.sources[i] for i in meta.get("sources") or []])),
        }
        front = yaml.dump({**meta, "sg": sg}, Dumper=FAST_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)
        return f"---\n{front}---\n\n{rendered.rstrip()}\n\n{furniture.strip()}\n", status


def generator_config(config: dict, root: Path, build: Path, edition: languages.Language, nav: list, urgent_help: dict,
                     preview: bool) -> dict:
    """mkdocs.yml as the generator needs it for one edition: its prepared pages, our overrides, our plugins' work done."""
    out = edition.config(config)
    out["docs_dir"] = "docs"
    # Inside build/: Zensical wants docs_dir and site_dir under the config file's folder.
    out["site_dir"] = GENERATED
    if edition.folder:
        out["site_url"] = (config.get("site_url") or "").rstrip("/") + f"/{edition.folder}/"
        out["edit_uri"] = (config.get("edit_uri") or "edit/main/docs/").rstrip("/") + f"/{edition.folder}/"
    theme = dict(out.get("theme") or {})
    theme["custom_dir"] = os.path.relpath(root / (theme.get("custom_dir") or "overrides"), build)
    theme["language"] = edition.code
    out["theme"] = theme
    plugins = [p for p in out.get("plugins") or [] if (p if isinstance(p, str) else next(iter(p))) not in REPLACED_PLUGINS]
    out["plugins"] = search.plugins_for(plugins, edition.code)  # Spanish search splits off "de", "la"...
    out.pop("hooks", None)
    if preview:   # `make serve`: the only hook runs these steps again on each save (hooks/preview.py)
        out["hooks"] = [os.path.relpath(root / "hooks" / "preview.py", build)]
    w = words(edition.code)
    out["extra"] = {**(out.get("extra") or {}), "urgent_help": urgent_help, "words": {k: w[k] for k in THEME_WORDS}}
    # Settings that hold words: the dark/light switch and the section links' title.
    theme["palette"] = [{**scheme, "toggle": {**scheme["toggle"], "name": w["dark_mode" if scheme.get("scheme") == "default" else "light_mode"]}}
                        if "toggle" in scheme else scheme for scheme in theme.get("palette") or []]
    out["markdown_extensions"] = [{"toc": {**ext["toc"], "permalink_title": w["permalink"]}} if isinstance(ext, dict) and "toc" in ext
                                  else ext for ext in out.get("markdown_extensions") or []]
    out["nav"] = nav
    return out


def write(prepared: Prepared, build: Path = BUILD, editions: list[languages.Language] | None = None) -> int:
    """Write what changed under build/docs/ and build/FOLDER/docs/ (and remove what is gone); returns how many files."""
    editions = editions or languages.load({"extra": {"languages": [{"code": code} for code in prepared.configs]}})
    written = 0
    for edition in editions:
        if edition.code not in prepared.configs:
            continue   # not prepared this time (the preview of another edition): left as it is
        out = build / edition.folder / "docs"
        files = {languages.within(rel, edition): content for rel, content in prepared.files.items()
                 if languages.of(rel, editions) == edition}
        for rel, content in files.items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            written += build_figures.write_if_changed(out / rel, content)
        if out.is_dir():
            for path in sorted(out.rglob("*"), reverse=True):
                if path.is_file() and path.relative_to(out).as_posix() not in files:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        config = yaml.dump(prepared.configs[edition.code], Dumper=FAST_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)
        content = ("# Written by `python -m guide.prepare` from mkdocs.yml: edit that file, not this one.\n" + config).encode("utf-8")
        build_figures.write_if_changed(build / edition.folder / "mkdocs.yml", content)
    if prepared.handover:
        build_figures.write_if_changed(build / HANDOVER, json.dumps(prepared.handover, ensure_ascii=False, indent=1,
                                                                    sort_keys=True).encode("utf-8"))
    return written


def run(root: Path = ROOT, build: Path = BUILD, preview: bool = False, only: set[str] | None = None) -> int:
    TEMPLATES.bytecode_cache = pages.keep_compiled(build / "cache" / "templates")
    prepared = prepare(root, build, preview, only=only)
    if not prepared.dated_by_git:
        print("prepare: no git history here (a download or a copy): 'Last changed' shows the build date", file=sys.stderr)
    build.mkdir(parents=True, exist_ok=True)
    return write(prepared, build, languages.load(read_config(root)))


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
