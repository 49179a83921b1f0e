"""Permanent page addresses (data/urls.yml): load, check, and turn into redirects.

Clinics print our addresses in referral letters that patients keep for years,
so a published address must keep working. data/urls.yml lists every page's
address and, for pages that moved, `redirects:` from the old address to the new.

    check_docs(manifest, pages)       every docs/ page has an entry, every entry a page
    redirects(manifest, pages)        {old page's file in the site: link to the new page}, for guide/finish.py
    check_site(manifest, site_dir)    the built site serves every address (tests)
    check_sections(manifest, pages, docs_dir)   every recorded section (#id) is still there, or says where it went
    python -m guide.urls [site/]      print the manifest with full URLs; check a build

Here `pages` is `{address: docs path}`, e.g. {"/treatment/": "treatment/index.md"}.
Problems come back as one line each, naming the file and line to fix.
"""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field

from guide import FRONT_MATTER, PageError
from guide.config import parse_config, site_url
from guide.paths import address, relative_link
from guide.data import _FAST_YAML, DATA_DIR, ROOT, DataError, Strict, _read_yaml, _rel, _validate
from guide.words import words

MANIFEST = DATA_DIR / "urls.yml"
HOW_TO = "see CONTRIBUTING.md, 'Moving, renaming or removing a page'"

# "/" or "/treatment/botulinum-toxin/": lower-case words joined by hyphens.
Address = Annotated[str, Field(pattern=r"^/([a-z0-9]+(-[a-z0-9]+)*/)*$")]


# "what-happens-on-the-day": the id a `##` heading carries as `{ #what-happens-on-the-day }`.
SectionId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# Where a removed section went: "#other-id" on the same page, or "/other/page/#id".
MovedTo = Annotated[str, Field(pattern=r"^(/([a-z0-9]+(-[a-z0-9]+)*/)*)?#[a-z0-9]+(-[a-z0-9]+)*$")]


class PageEntry(Strict):
    path: Address
    handout: bool = False
    sections: list[SectionId] = Field(default_factory=list)
    moved: dict[SectionId, MovedTo] = Field(default_factory=dict)
    letters: list[SectionId] = Field(default_factory=list)


class ManifestFile(Strict):
    pages: list[PageEntry] = Field(min_length=1)
    redirects: dict[Address, Address] = Field(default_factory=dict)


@dataclass(frozen=True)
class Manifest:
    pages: tuple[PageEntry, ...]
    redirects: dict[str, str]        # old address -> new address
    lines: dict[str, int]            # address -> its line in data/urls.yml
    file: str = "data/urls.yml"
    translated: frozenset = frozenset()  # addresses of translated pages (/es/...), which follow their English page

    @property
    def paths(self) -> list[str]:
        return [entry.path for entry in self.pages]

    def where(self, path: str) -> str:
        return f"{self.file}:{self.lines.get(path, 1)}"


@dataclass(frozen=True)
class SectionLink:
    """One section of a page, for a letter: the clinicians' page lists these with QR codes."""

    path: str          # "/treatment/botulinum-toxin/"
    id: str            # "what-happens-on-the-day"
    url: str           # full address with "#id"
    title: str         # the section's heading
    page_title: str
    qr: str            # "assets/qr/treatment/botulinum-toxin--what-happens-on-the-day.svg"


@dataclass(frozen=True)
class PageLink:
    """One page as the clinicians' table, the handout and the print header show it."""

    path: str          # "/treatment/"
    url: str           # "https://.../synkinesis/treatment/"
    src: str           # "treatment/index.md"
    title: str
    description: str
    qr: str            # the QR code's file in the site, e.g. "assets/qr/treatment.svg"
    handout: bool


# --- reading ---------------------------------------------------------------------------


def load(path: Path = MANIFEST) -> Manifest:
    """Read and check data/urls.yml on its own; raise DataError with the line to fix."""
    document, lines = _read_yaml(path)
    parsed = _validate(ManifestFile, document, path, lines, ())
    rel = _rel(path)
    where: dict[str, int] = {}
    for index, entry in enumerate(parsed.pages):
        line = lines.get(("pages", index))
        if entry.path in where:
            raise DataError(rel, line, "pages", f"{entry.path} is listed twice: delete one of the two lines")
        where[entry.path] = line
    for old, new in parsed.redirects.items():
        line = lines.get(("redirects", old))
        if old in where:
            raise DataError(rel, line, "redirects", f"{old} is both a page and a redirect: keep it under pages: only if the page is there, else only under redirects:")
        if new not in where:
            raise DataError(rel, line, "redirects", f"{old} -> {new}: {new} is not under pages: point the redirect at a current page's address")
        where[old] = line
    folders = _edition_folders(path)
    translated = frozenset(e.path for e in parsed.pages if e.path.strip("/").split("/", 1)[0] in folders)
    return Manifest(tuple(_with_english_sections(parsed.pages, folders)), dict(parsed.redirects), where, rel, translated)


def _edition_folders(manifest_path: Path) -> tuple[str, ...]:
    """The other editions' folders ('es'), from mkdocs.yml beside data/ (guide/languages.py)."""
    config_file = Path(manifest_path).resolve().parent.parent / "mkdocs.yml"
    if not config_file.is_file():
        return ()
    config = parse_config(config_file.read_text(encoding="utf-8"))
    return tuple(entry["code"] for entry in (config.get("extra") or {}).get("languages") or [] if entry.get("code") != "en")


def _with_english_sections(entries, folders: tuple[str, ...]) -> list[PageEntry]:
    """A translated page (/es/treatment/) keeps its English page's section ids, so the same
    `sections:` and `letters:` (and `handout:`) hold for it unless its own entry lists them."""
    english = {entry.path: entry for entry in entries}
    result = []
    for entry in entries:
        first = entry.path.strip("/").split("/", 1)[0]
        original = english.get(entry.path[len(first) + 1:]) if first in folders else None
        if original is not None and not (entry.sections or entry.letters or entry.handout):
            entry = entry.model_copy(update={"sections": original.sections, "letters": original.letters,
                                             "handout": original.handout})
        result.append(entry)
    return result


def docs_pages(srcs) -> dict[str, str]:
    """{address: docs path} for the Markdown files of docs/ (paths relative to it)."""
    return {address(src): src for src in sorted(srcs) if src.endswith(".md")}


def scan_docs(docs_dir: Path) -> dict[str, str]:
    """docs_pages() of a folder, skipping hidden folders as MkDocs does."""
    srcs = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
    return docs_pages(s for s in srcs if not any(part.startswith(".") for part in s.split("/")))


def own_site_link(target: str, base_url: str, pages: dict[str, str], from_src: str) -> str | None:
    """The problem with a full link to our own site (site_url), or None if it is not one.

    Such a link is internal: it breaks if the page moves and MkDocs cannot check
    it, so it is checked here and always flagged, with the relative link to write.
    """
    base = base_url.rstrip("/") + "/"
    bare = base.split("://", 1)[-1]
    if "://" not in target:
        return None
    rest = target.split("://", 1)[1]
    if not (rest + "/").startswith(bare):
        return None
    path, _, anchor = ("/" + rest[len(bare):]).partition("#")
    path = path.split("?", 1)[0]
    if not path.endswith("/"):
        path += "/"
    src = pages.get(path)
    if src is None:
        return f"there is no page at {path} on our site: link to a page's .md file, relative to this page"
    relative = posixpath.relpath(src, posixpath.dirname(from_src) or ".")
    return (f"a full address to our own site: write it as a relative link, [text]({relative}{'#' + anchor if anchor else ''}), "
            "so it keeps working if the site moves and the checks can follow it")


def full_url(base: str, path: str) -> str:
    """The address as printed and encoded in the QR code: site_url + path."""
    return base.rstrip("/") + path


QR_FOLDER = "assets/qr"


def qr_uri(path: str) -> str:
    """Where the page's QR code lives in the site: '/treatment/' -> 'assets/qr/treatment.svg'."""
    return f"{QR_FOLDER}/{path.strip('/') or 'index'}.svg"


# --- checks ----------------------------------------------------------------------------


def check_docs(manifest: Manifest, pages: dict[str, str]) -> list[str]:
    """Every page has an entry and every entry a page (or a redirect to one)."""
    problems = [_broken(manifest, path) for path in manifest.paths if path not in pages]
    for path, src in pages.items():
        if path in manifest.redirects:
            problems.append(f"{manifest.where(path)}: redirects: {path} is a page again (docs/{src}): delete its line under redirects:, or the redirect would replace the page")
        elif path not in manifest.lines:
            problems.append(_missing(path, f"docs/{src}:1"))
    return problems


def redirects(manifest: Manifest, pages: dict[str, str]) -> dict[str, str]:
    """{file of the old address in the built site: relative link to the new page}:
    '/treatment/botox/' -> '/treatment/' gives {'treatment/botox/index.html': '../'}."""
    return {old.strip("/") + "/index.html" if old != "/" else "index.html": relative_link(_old_src(old), new)
            for old, new in manifest.redirects.items() if new in pages}


def check_site(manifest: Manifest, site_dir: Path) -> list[str]:
    """The built site, both ways: every address serves a page; every page has an address."""
    served = built_site(site_dir)
    problems = []
    for path in manifest.paths:
        kind = served.get(path)
        if kind is None:
            problems.append(_broken(manifest, path))
        elif kind != "page":
            problems.append(f"{manifest.where(path)}: {path} is a redirect to {kind[1]} in the built site, not a page: check redirects: in data/urls.yml")
    for old, new in manifest.redirects.items():
        kind = served.get(old)
        if not isinstance(kind, tuple):
            problems.append(f"{manifest.where(old)}: redirects: {old}: the built site has no redirect there: check that mkdocs.yml lists the `redirects` plugin")
        elif served.get(kind[1]) != "page":
            problems.append(f"{manifest.where(old)}: redirects: {old} leads to {kind[1]}, which is not a page in the built site: point it at a current page")
        elif kind[1] != new:
            problems.append(f"{manifest.where(old)}: redirects: {old} leads to {kind[1]}, not to {new} as data/urls.yml says")
    for path, kind in served.items():
        if path not in manifest.lines:
            what = "page" if kind == "page" else f"redirect to {kind[1]}"
            problems.append(_missing(path, f"site {what} {path}"))
    return problems


def built_site(site_dir: Path) -> dict[str, str | tuple[str, str]]:
    """{address: "page" or ("redirect", target address)} for every index.html built."""
    served: dict[str, str | tuple[str, str]] = {}
    for html in sorted(Path(site_dir).rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        path = "/" if rel == "." else f"/{rel}/"
        target = _refresh_target(html.read_text(encoding="utf-8"))
        served[path] = "page" if target is None else ("redirect", _resolve(path, target))
    return served


def _refresh_target(html: str) -> str | None:
    # mkdocs-redirects writes a page with only a meta refresh to the new address.
    match = re.search(r'<meta\s+http-equiv="refresh"\s+content="\d+;\s*url=([^"]+)"', html, flags=re.I)
    return match.group(1) if match else None


def _resolve(path: str, target: str) -> str:
    target = target.split("#")[0]
    resolved = posixpath.normpath(posixpath.join(path, target))
    return resolved.rstrip("/") + "/"


def _old_src(path: str) -> str:
    return "index.md" if path == "/" else path.strip("/") + ".md"


def _broken(manifest: Manifest, path: str) -> str:
    return (f"{manifest.where(path)}: {path}: no page has this address any more, so printed links to it would break: "
            f"if the page moved, list its new address under pages: and add `{path}: /new/address/` under redirects:; "
            f"if it was removed, redirect it to the closest page ({HOW_TO})")


def _missing(path: str, where: str) -> str:
    return (f"{where}: address {path} is not in data/urls.yml: add `- {{path: {path}}}` under pages: "
            f"(addresses are permanent once published; {HOW_TO})")


# --- sections: links to one part of a page ---------------------------------------------

# A heading with an explicit id: "## What happens on the day? { #what-happens-on-the-day }".
_HEADING_ID = re.compile(r"^(#{1,6})\s+(.*?)\s*\{[^}]*?#([A-Za-z0-9_-]+)[^}]*\}\s*$")
SECTIONS_HOW_TO = "see the comments at the top of data/urls.yml"


def heading_ids(markdown: str) -> dict[str, tuple[int, str, int]]:
    """{id: (line, heading text, level)} for every heading with an explicit `{ #id }`."""
    found = {}
    in_code = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        match = None if in_code else _HEADING_ID.match(line)
        if match:
            found[match.group(3)] = (number, match.group(2), len(match.group(1)))
    return found


def _split_target(path: str, target: str) -> tuple[str, str]:
    page, _, fragment = target.partition("#")
    return (page or path), fragment


def check_sections(manifest: Manifest, pages: dict[str, str], docs_dir: Path) -> list[str]:
    """Every recorded section still has its heading id, or `moved:` says where it went.

    Letters print links such as /treatment/botulinum-toxin/#what-happens-on-the-day.
    The id is written on the heading, so new words for a heading keep it; deleting
    the heading (or its id) breaks those links, so the build stops unless the
    page's entry moves the id from `sections:` to `moved:`.
    """
    problems = []
    ids = {path: heading_ids((docs_dir / src).read_text(encoding="utf-8")) for path, src in pages.items()}
    recorded = {entry.path: set(entry.sections) for entry in manifest.pages}
    for entry in manifest.pages:
        src = pages.get(entry.path)
        if src is None:
            continue  # check_docs reports it
        where, found = manifest.where(entry.path), ids[entry.path]
        seen = set()
        for sid in entry.sections:
            if sid in seen:
                problems.append(f"{where}: {entry.path}#{sid} is listed twice under sections: delete one")
            seen.add(sid)
            if sid in entry.moved:
                problems.append(f"{where}: {entry.path}#{sid} is under both sections: and moved: keep it in sections: if the heading is still there, else only under moved:")
            elif sid not in found:
                problems.append(f"{where}: {entry.path}#{sid}: docs/{src} has no heading with {{ #{sid} }}, so printed links to this section would break: "
                                f"if you renamed the heading, keep its id (## New words {{ #{sid} }}); if you removed the section, "
                                f"move '{sid}' from sections: to moved: with where it went, e.g. moved: {{{sid}: /other/page/#section}} ({SECTIONS_HOW_TO})")
        # A translated page writes its English page's id on every heading, recorded or not
        # (guide/languages.py): the recorded ones are checked above.
        for sid, (line, text, level) in found.items() if entry.path not in manifest.translated else ():
            if level == 2 and sid not in recorded.get(entry.path, ()) and sid not in entry.moved:
                problems.append(f"docs/{src}:{line}: section '{text}' has the id #{sid}, which is not recorded: add '{sid}' to sections: of {entry.path} in data/urls.yml")
        for sid, target in entry.moved.items():
            if sid in found:
                problems.append(f"{where}: {entry.path}#{sid} is under moved: but docs/{src} still has that heading id: keep it under sections: instead")
            page, fragment = _split_target(entry.path, target)
            if page not in pages:
                problems.append(f"{where}: moved: {sid} -> {target}: {page} is not a page: point it at a page under pages:")
            elif fragment not in ids[page]:
                problems.append(f"{where}: moved: {sid} -> {target}: docs/{pages[page]} has no heading with {{ #{fragment} }}: point it at a section that exists")
        for sid in entry.letters:
            if sid not in entry.sections:
                problems.append(f"{where}: letters: {entry.path}#{sid} is not under sections: list it there first")
    return problems


def moved_anchors(manifest: Manifest, pages: dict[str, str], docs_dir: Path) -> dict[str, list[tuple[str, str, str]]]:
    """{docs path: [(old id, where it went, its heading)]}: what keeps each old fragment working."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for entry in manifest.pages:
        for sid, target in entry.moved.items():
            page, fragment = _split_target(entry.path, target)
            if entry.path not in pages or page not in pages:
                continue  # check_sections reports it
            heading = heading_ids((docs_dir / pages[page]).read_text(encoding="utf-8")).get(fragment, (0, fragment, 2))[1]
            href = f"#{fragment}" if page == entry.path else posixpath.relpath(page, entry.path) + f"/#{fragment}"
            found.setdefault(pages[entry.path], []).append((sid, href, heading))
    return found


def section_links(manifest: Manifest, pages: dict[str, str], docs_dir: Path, base_url: str) -> list[SectionLink]:
    """The sections marked `letters:` in data/urls.yml, in manifest order."""
    links = []
    for entry in manifest.pages:
        src = pages.get(entry.path)
        if src is None or not entry.letters:
            continue
        found = heading_ids((docs_dir / src).read_text(encoding="utf-8"))
        page_title = str(front_matter(docs_dir / src).get("title") or src)
        for sid in entry.letters:
            if sid in found:
                stem = entry.path.strip("/") or "index"
                links.append(SectionLink(path=entry.path, id=sid, url=full_url(base_url, entry.path) + f"#{sid}",
                                         title=found[sid][1], page_title=page_title, qr=f"{QR_FOLDER}/{stem}--{sid}.svg"))
    return links


def section_links_markdown(sections: list[SectionLink], pages: dict[str, str], language: str = "en") -> str:
    """`{{ section_links() }}`: a table of links to one part of a page, with QR codes."""
    w = words(language)
    rows = [f"| [{s.title}]({pages[s.path]}#{s.id}) ({s.page_title}) | `{s.url}` | ![{w['qr_this_address']}]({s.qr}){{ .sg-qr }} |"
            for s in sections]
    return (f"{w['section_links_intro']}\n\n"
            f'<div class="sg-table sg-section-list" markdown>\n\n| {w["part_of_page"]} | {w["address"]} | {w["qr_code"]} |\n| --- | --- | --- |\n'
            + "\n".join(rows) + "\n\n</div>\n")


# --- what pages and templates use ------------------------------------------------------


def page_links(manifest: Manifest, pages: dict[str, str], docs_dir: Path, base_url: str) -> list[PageLink]:
    """Every page of the manifest with its title and description from front matter."""
    links = []
    for entry in manifest.pages:
        src = pages.get(entry.path)
        if src is None:
            continue  # check_docs reports it
        meta = front_matter(docs_dir / src)
        links.append(PageLink(
            path=entry.path, url=full_url(base_url, entry.path), src=src,
            title=str(meta.get("title") or src), description=str(meta.get("description") or ""),
            qr=qr_uri(entry.path), handout=entry.handout,
        ))
    return links


def template_names(links: list[PageLink], sections: list[SectionLink] = (), language: str = "en") -> dict:
    """What page templates may use: `site_pages`, `handout_pages`, `page_url("/treatment/")`,
    `section_links()` (links to one part of a page, for letters)."""
    by_path = {link.path: link for link in links}
    srcs = {link.path: link.src for link in links}

    def page_url(path: str) -> str:
        if path not in by_path:
            raise PageError("", None, f"page_url('{path}'): not a page address in data/urls.yml: use one listed under pages:")
        return by_path[path].url

    return {"site_pages": links, "handout_pages": [link for link in links if link.handout], "page_url": page_url,
            "section_links": lambda: section_links_markdown(list(sections), srcs, language)}


def front_matter(path: Path) -> dict:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    meta = yaml.load(match.group(1) or "", Loader=_FAST_YAML) if match else None  # libyaml: read on every rebuild
    return meta if isinstance(meta, dict) else {}


def main(argv: list[str]) -> int:
    manifest = load()
    base = site_url()
    pages = scan_docs(ROOT / "docs")
    for entry in manifest.pages:
        flag = "  (handout)" if entry.handout else ""
        print(f"{full_url(base, entry.path):70} docs/{pages.get(entry.path, '?')}{flag}")
    for old, new in manifest.redirects.items():
        print(f"{full_url(base, old):70} -> {new}")
    problems = check_docs(manifest, pages) + (check_site(manifest, Path(argv[0])) if argv else [])
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
