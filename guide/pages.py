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

from guide import FRONT_MATTER, timeline
from guide.data import ROOT, SiteData, Source, format_date

sys.path.insert(0, str(ROOT))
import build_figures  # noqa: E402  (top-level script, also a module)

FIGURE_URL = "assets/figures/{name}.svg"
MAX_REVIEW_YEARS = 3
REQUIRED_META = ("title", "description", "reviewed", "next_review", "sources")


class PageError(Exception):
    """A problem in a page, as `docs/PAGE.md:LINE: what is wrong: how to fix it`."""

    def __init__(self, src: str, line: int | None, problem: str):
        self.src, self.line, self.problem = src, line, problem
        super().__init__(f"docs/{src}:{line or 1}: {problem}")


def short_name(source: Source) -> str:
    """'Rail et al.' / 'Rozen' / 'Facial Palsy UK': how a citation reads in the text."""
    if source.label:
        return source.label
    authors = (source.authors or source.publisher or source.journal or "").strip()
    first = authors.split(",")[0].strip()
    words = first.split()
    # Only "Surname XY" is a person with initials; "Facial Palsy UK" keeps its "UK".
    if len(words) == 2 and words[-1].isupper() and len(words[-1]) <= 3 and words[0] != "NHS":
        first = " ".join(words[:-1])  # drop initials: "Rozen SM" -> "Rozen"
    if "," in authors or "et al" in authors:
        first += " et al."
    return f"{first} {source.year}" if source.year else first


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


@functools.lru_cache(maxsize=256)
def _compiled(markdown: str) -> jinja2.Template:
    # Compiling is most of the work, and `mkdocs serve` re-renders every page on
    # each save: a page whose text did not change reuses its compiled template.
    return _ENV.from_string(markdown)


def render(markdown: str, page: PageContext, data: SiteData, extra: dict[str, Any] | None = None) -> str:
    # `extra`: more names for templates, e.g. `site_pages` from guide/urls.py (the clinicians' page).
    page_sources = set(page.meta.get("sources") or [])

    def checked(ids) -> str:
        for source_id in ids:
            if source_id not in data.sources:
                raise PageError(page.src, None, f"cite('{source_id}'): unknown source id: add it to data/sources.yml or fix the spelling")
            if source_id not in page_sources:
                raise PageError(page.src, None, f"cite('{source_id}'): list '{source_id}' under `sources:` in this page's front matter")
        return cite_links(ids, data)

    def cite(*ids: str) -> str:
        return f"({checked(ids)})"

    def figure(name: str) -> str:
        if name not in build_figures.FIGURES:
            raise PageError(page.src, None, f"figure('{name}'): no such figure; known: {', '.join(build_figures.FIGURES)}")
        return figure_markdown(name, page.src, data, checked)

    tools_shown = []

    def timeline_tool() -> str:
        if tools_shown:
            raise PageError(page.src, None, "timeline_tool(): it can appear only once on a page: remove the second one")
        tools_shown.append("timeline")
        checked(timeline.source_ids(data))  # the page must list the sources the tool cites
        return timeline.tool_html(data)

    try:
        template = _compiled(markdown)
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
    <abbr title="definition">: the reader sees the glossary's definition as a
    tooltip, and the definition lives only in data/glossary.yml.
    """
    lines = [f"*[{spelling}]: {entry.definition}" for entry in glossary for spelling in entry.spellings]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


_ABBR = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)
_HEADING = re.compile(r"(<h[1-6][^>]*>.*?</h[1-6]>)", re.S)


def first_use_abbr(html: str) -> str:
    """Keep the glossary tooltip on a word's first use in the text only.

    House style explains a word the first time it appears; a dotted underline on
    every later use (and in headings) is clutter, not help.
    """
    seen: set[str] = set()

    def once(match: re.Match) -> str:
        term = match.group(1).lower()
        if term in seen:
            return match.group(1)
        seen.add(term)
        return match.group(0)

    parts = _HEADING.split(html)
    return "".join(_ABBR.sub(r"\1", part) if _HEADING.fullmatch(part) else _ABBR.sub(once, part) for part in parts)


def cite_links(ids, data: SiteData) -> str:
    return "; ".join(f"[{short_name(data.sources[i])}](#source-{i})" for i in ids)


def figure_markdown(name: str, page_src: str, data: SiteData, cite=None) -> str:
    """A figure, its caption (the figure's message) and the same facts as a table."""
    fig = build_figures.FIGURES[name]
    cite = cite or (lambda ids: cite_links(ids, data))
    src = posixpath.relpath(FIGURE_URL.format(name=name), posixpath.dirname(page_src) or ".")
    table = fig.table(data, cite)
    anchor = name.replace("_", "-")
    return (
        f'<figure class="sg-figure" id="figure-{anchor}" markdown>\n'
        f'![{_attr(fig.alt(data))}]({src}){{ loading="lazy" }}\n'
        f"<figcaption>{fig.title(data)}</figcaption>\n"
        f"</figure>\n\n"
        f'<p class="sg-table-title" id="table-{anchor}">The same information as a table</p>\n\n'
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


def review_dates(meta: dict) -> dict[str, str] | None:
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    if not isinstance(reviewed, date) or not isinstance(next_review, date):
        return None
    return {"reviewed": format_date(reviewed), "next_review": format_date(next_review),
            "reviewed_iso": reviewed.isoformat(), "next_review_iso": next_review.isoformat()}


def check_meta(src: str, meta: dict, data: SiteData, today: date | None = None,
               lines: dict[str, int] | None = None) -> list[PageError]:
    """Front-matter problems of one page (all of them, not only the first).

    `lines` maps a front-matter key to its line in the file (guide/checks.py
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
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    for key, value in (("reviewed", reviewed), ("next_review", next_review)):
        if key in meta and not isinstance(value, date):
            problems.append(PageError(src, at(key), f"front matter: `{key}` is not a date (got {value!r}): write it as YYYY-MM-DD"))
    if isinstance(reviewed, date) and isinstance(next_review, date):
        if next_review <= reviewed:
            problems.append(PageError(src, at("next_review"), f"front matter: `next_review` ({next_review}) must be after `reviewed` ({reviewed}): set a later date, at most {MAX_REVIEW_YEARS} years after `reviewed`"))
        elif next_review > _add_years(reviewed, MAX_REVIEW_YEARS):
            problems.append(PageError(src, at("next_review"), f"front matter: `next_review` ({next_review}) is more than {MAX_REVIEW_YEARS} years after `reviewed` ({reviewed}): set it to {_add_years(reviewed, MAX_REVIEW_YEARS)} or earlier"))
        if today and next_review < today:
            problems.append(PageError(src, at("next_review"), f"front matter: review overdue since {next_review}: have the page clinically reviewed, then update `reviewed` and `next_review`"))
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


def _add_years(day: date, years: int) -> date:
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
