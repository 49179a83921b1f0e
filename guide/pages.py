"""Turn a page's Markdown into final Markdown: numbers from data/, figures, citations.

Pages are Jinja2 templates. What they may use:

    {{ phases.fastest.start_day }}     any value from data/ (see SiteData.context)
    {{ figure("natural_course") }}     a figure with its caption, alt text and data table
    {{ cite("rail2025") }}             a citation link to the page's Sources section
    {{ review_years }}                 the longest review cycle for a page, in years
    {{ timeline_tool() }}              "Where are you on the timeline?" form and table (guide/timeline.py)

An unknown name stops the build with `docs/PAGE.md:LINE: ...`, never a blank.
"""

from __future__ import annotations

import contextvars
import difflib
import functools
import posixpath
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from guide import FRONT_MATTER, PageError, timeline
from guide.data import ROOT, SiteData, Source
from guide.words import words

sys.path.insert(0, str(ROOT))
import build_figures  # noqa: E402  (top-level script, also a module)

FIGURE_URL = "assets/figures/{name}.svg"
MAX_REVIEW_YEARS = 3
REQUIRED_META = ("title", "description", "sources")
# Review dates are no longer typed into pages: data/reviews.yml holds them,
# bound to the text reviewed (guide/reviews.py).
RETIRED_META = ("reviewed", "next_review")


def short_name(source: Source, language: str = "en") -> str:
    """How a citation reads in the text: 'Rozen', 'Beurskens and Heymans 2006', 'Rail et al. 2025'.

    One author: the surname. Two: both surnames joined by "and". Three or more,
    or a list cut short with "et al." or "…": the first surname and "et al.".
    A publisher ('Facial Palsy UK') is used as it is.
    """
    if source.label:
        return source.label
    authors = (source.authors or source.publisher or source.journal or "").strip()
    cut_short = "et al" in authors or "…" in authors or "..." in authors
    names = [part.strip() for part in authors.split(",")]
    names = [n for n in names if n and "et al" not in n and not n.startswith(("…", "..."))]
    surnames = [_surname(n) for n in names] or [authors]
    if cut_short or len(surnames) >= 3:
        text = f"{surnames[0]} et al."
    elif len(surnames) == 2:
        text = f"{surnames[0]} {words(language)['and']} {surnames[1]}"
    else:
        text = surnames[0]
    return f"{text} {source.year}" if source.year else text


def _surname(name: str) -> str:
    """'Rozen SM' -> 'Rozen'; a name that is not "Surname INITIALS" ('Facial Palsy UK', 'NHS') stays whole."""
    words = name.split()
    if len(words) == 2 and words[-1].isupper() and len(words[-1]) <= 3 and words[0] != "NHS":
        return words[0]
    return name


@dataclass
class PageContext:
    """Everything the renderer knows about one page."""

    src: str            # path under docs/, e.g. "changes-over-time.md"
    meta: dict[str, Any]
    body_offset: int    # lines of front matter before the Markdown body


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined that remembers which names the object did have, to suggest the closest."""

    @property
    def _undefined_message(self) -> str:
        obj = self._undefined_obj
        if obj is not jinja2.utils.missing:
            _KNOWN_NAMES.set(_names_of(obj))
        return super()._undefined_message


_KNOWN_NAMES: contextvars.ContextVar[list[str]] = contextvars.ContextVar("known_names", default=[])
_ENV = jinja2.Environment(undefined=_Undefined, keep_trailing_newline=True, autoescape=False)


def keep_compiled(folder: Path) -> jinja2.BytecodeCache:
    """Keep each page's compiled template in `folder` (prepare: build/cache/templates/) for the
    next build, as well as in memory for the next preview rebuild.

    Compiling is most of a page's rendering: two thirds of a new prepare process.
    Jinja stores the source's checksum with the code, so an edited page is compiled afresh.
    Returns the cache, for other template environments to share."""
    folder.mkdir(parents=True, exist_ok=True)
    cache = _ENV.bytecode_cache
    if not (isinstance(cache, jinja2.FileSystemBytecodeCache) and cache.directory == str(folder)):
        _ENV.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return _ENV.bytecode_cache


@functools.lru_cache(maxsize=256)
def _compiled(markdown: str, src: str) -> jinja2.Template:
    # `mkdocs serve` re-renders every page on each save in one process: a page
    # whose text did not change reuses its compiled template.
    cache = _ENV.bytecode_cache
    if cache is None:
        return _ENV.from_string(markdown)
    bucket = cache.get_bucket(_ENV, src, None, markdown)   # one file per page, replaced when the page changes
    if bucket.code is None:
        bucket.code = _ENV.compile(markdown)
        cache.set_bucket(bucket)
    return _ENV.template_class.from_code(_ENV, bucket.code, _ENV.make_globals(None))


def render(markdown: str, page: PageContext, data: SiteData, extra: dict[str, Any] | None = None,
           language: str = "en") -> str:
    # `extra`: more names for templates, e.g. `site_pages` from guide/urls.py (the clinicians' page).
    page_sources = set(page.meta.get("sources") or [])

    def checked(ids) -> str:
        for source_id in ids:
            if source_id not in data.sources:
                raise PageError(page.src, None, f"cite('{source_id}'): unknown source id: add it to data/sources.yml or fix the spelling")
            if source_id not in page_sources:
                raise PageError(page.src, None, f"cite('{source_id}'): list '{source_id}' under `sources:` in this page's front matter")
        return cite_links(ids, data, language)

    def cite(*ids: str) -> str:
        return f"({checked(ids)})"

    def figure(name: str) -> str:
        if name not in build_figures.FIGURES:
            raise PageError(page.src, None, f"figure('{name}'): no such figure; known: {', '.join(build_figures.FIGURES)}")
        return figure_markdown(name, page.src, data, checked, language)

    tools_shown = []

    def timeline_tool() -> str:
        if tools_shown:
            raise PageError(page.src, None, "timeline_tool(): it can appear only once on a page: remove the second one")
        tools_shown.append("timeline")
        checked(timeline.source_ids(data, language))  # the page must list the sources the tool cites
        return timeline.tool_html(data, language)

    try:
        template = _compiled(markdown, page.src)
        rendered = template.render(**data.context(), **(extra or {}), cite=cite, figure=figure, review_years=MAX_REVIEW_YEARS,
                                   timeline_tool=timeline_tool)
        return rendered + abbreviations(data.glossary)
    except PageError as error:
        raise PageError(page.src, _page_line(error, page), error.problem) from None
    except jinja2.TemplateSyntaxError as error:
        raise PageError(page.src, (error.lineno or 0) + page.body_offset, f"template error: {error.message}: check the {{{{ }}}} braces") from None
    except jinja2.UndefinedError as error:
        top_level = [*data.context(), *(extra or {}), "cite", "figure", "review_years", "timeline_tool"]
        known = top_level if " is undefined" in str(error) else _KNOWN_NAMES.get()
        raise PageError(page.src, _page_line(error, page),
                        f"unknown variable: {_undefined_name(error)}: {_closest(str(error), known)}") from None


def abbreviations(glossary) -> str:
    """`*[term]: definition` lines for every glossary word, to append to a page.

    The `abbr` Markdown extension then wraps each use of the word in
    <abbr title="definition">, and guide/terms.py turns the first use into a
    definition readers can open by tap, click or keyboard. The definition lives
    only in data/glossary.yml.
    """
    lines = [f"*[{spelling}]: {entry.definition}" for entry in glossary for spelling in entry.spellings]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def cite_links(ids, data: SiteData, language: str = "en") -> str:
    return "; ".join(f"[{short_name(data.sources[i], language)}](#source-{i})" for i in ids)


def figure_markdown(name: str, page_src: str, data: SiteData, cite=None, language: str = "en") -> str:
    """A figure, its caption (the figure's message) and the same facts as a table.

    `page_src` is the page's path under docs/ ('es/index.md'); each edition has its
    own figures, drawn in its language (build/figures/es/ -> es/assets/figures/)."""
    fig = build_figures.FIGURES[name]
    cite = cite or (lambda ids: cite_links(ids, data, language))
    folder = "" if language == "en" else f"{language}/"
    src = posixpath.relpath(folder + FIGURE_URL.format(name=name), posixpath.dirname(page_src) or ".")
    in_language = {} if language == "en" else {"language": language}
    table = fig.table(data, cite, **in_language)
    anchor = name.replace("_", "-")
    return (
        f'<figure class="sg-figure" id="figure-{anchor}" markdown>\n'
        f'![{_attr(fig.alt(data, **in_language))}]({src}){{ loading="lazy" }}\n'
        f"<figcaption>{fig.title(data, **in_language)}</figcaption>\n"
        f"</figure>\n\n"
        f'<p class="sg-table-title" id="table-{anchor}">{words(language)["table_title"]}</p>\n\n'
        f'<div class="sg-table" markdown>\n\n{table}\n\n</div>\n'
    )


def sources_for(meta: dict, data: SiteData) -> list[dict[str, str]]:
    """The page's Sources section, in the order the page lists them."""
    return [
        {"id": i, "citation": data.sources[i].citation(), "link": data.sources[i].link,
         "note": data.sources[i].note or ""}
        for i in meta.get("sources") or [] if i in data.sources
    ]


def source_anchors(meta: dict) -> set[str]:
    return {"sources", *(f"source-{i}" for i in meta.get("sources") or [])}


def check_meta(src: str, meta: dict, data: SiteData,
               lines: dict[str, int] | None = None) -> list[PageError]:
    """Front-matter problems of one page (all of them, not only the first).

    `lines` maps a front-matter key to its line in the file (guide/checks/front_matter.py
    passes it), so a message points at the key itself; otherwise line 1.
    """
    problems = []
    line = 1

    def at(key: str) -> int:
        return (lines or {}).get(key, line)

    for key in REQUIRED_META:
        if key not in meta:
            problems.append(PageError(src, line, f"front matter: `{key}` is missing: add it at the top, between the --- lines (see CONTRIBUTING.md)"))
    description = meta.get("description")
    if isinstance(description, str) and len(description) > 160:
        problems.append(PageError(src, at("description"), f"front matter: `description` is {len(description)} characters: shorten it to 160 or fewer"))
    for key in RETIRED_META:
        if key in meta:
            problems.append(PageError(src, at(key), f"front matter: `{key}` is no longer used: delete the line; a clinical review is "
                                                    "recorded with `python -m guide.reviews sign` (see CONTRIBUTING.md)"))
    sources = meta.get("sources")
    if "sources" in meta and not (isinstance(sources, list) and sources):
        problems.append(PageError(src, at("sources"), "front matter: `sources` must be a list of ids from data/sources.yml, e.g. [rail2025]"))
    elif isinstance(sources, list):
        for source_id in sources:
            if source_id not in data.sources:
                problems.append(PageError(src, at("sources"), f"front matter: unknown source id '{source_id}': add it to data/sources.yml or fix the spelling"))
    return problems


def front_matter_lines(text: str) -> int:
    """How many lines come before the Markdown body that MkDocs hands to hooks:
    the front matter with its --- fences, and the blank lines MkDocs strips after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return 0
    rest = text[match.end():]
    return match.group(0).count("\n") + len(rest) - len(rest.lstrip("\n"))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _attr(text: str) -> str:
    return text.replace("[", "(").replace("]", ")")


def _template_line(error: Exception) -> int | None:
    """The line in the page where Jinja failed (from the template's own frames)."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _page_line(error: Exception, page: PageContext) -> int | None:
    """The line in the page's file (front matter counted) where Jinja failed, if known."""
    line = _template_line(error)
    return line + page.body_offset if line else None


def _names_of(obj: Any) -> list[str]:
    if isinstance(obj, dict):
        return [str(key) for key in obj]
    fields = getattr(type(obj), "model_fields", None)
    return list(fields) if fields else [name for name in dir(obj) if not name.startswith("_")]


def _closest(message: str, known: list[str]) -> str:
    """'did you mean ...?' for a misspelt name, else where the names come from."""
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
    name = next((group for group in match.groups() if group), "") if match else ""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    listed = f" (names here: {', '.join(known[:20])})" if known else ""
    return f"check the spelling against the files in data/{listed}"


def _undefined_name(error: jinja2.UndefinedError) -> str:
    message = str(error)
    match = re.search(r"'([^']+)' is undefined", message)
    if match:
        return f"'{match.group(1)}'"
    match = re.search(r"has no attribute '([^']+)'", message)
    return f"no field '{match.group(1)}'" if match else message
