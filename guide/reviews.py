"""Clinical review bound to the exact text it approved.

A page says "Clinically reviewed by NAME, ROLE on DATE" only while a record in
data/reviews.yml matches what the page shows today. Each record holds a
fingerprint (sha256) of what the reviewer read; editors never type it:

    python -m guide.reviews add-reviewer ID --name NAME --role ROLE [--registration ...] --conflicts TEXT
    python -m guide.reviews sign docs/PAGE.md --by ID [--date YYYY-MM-DD] [--next-review YYYY-MM-DD]
    python -m guide.reviews status

What the fingerprint covers, and why this way
----------------------------------------------
A page is a Jinja template that pulls numbers, figures and citations from
data/, so its Markdown file alone is not what a reader sees. Listing "the data
keys a page uses" by hand would drift; recording attribute access inside Jinja
misses what Python helpers (figures, the timeline tool) read. So we fingerprint
the page the way the build makes it, with the same renderer (guide/pages.py):

- the page file itself, front matter included (title, description, sources);
- the rendered Markdown: every number, sentence, figure caption, figure data
  table and tool text that data/ puts on the page (a data value that changes
  what the page says changes the fingerprint; one the page never shows cannot);
- the full entry of each source the page lists (its Sources section);
- the glossary definitions of the words that appear on the page (tooltips);
- for a page with a figure, every value in data/ except the glossary: a figure
  is drawn by code from data/, so we cannot see from here which values it
  draws, and we would rather ask for a re-review than keep a stale one.

A wording-only edit (even a typo) changes the fingerprint: the editor re-signs.
A record stays in the file after the page changes, so the page can say
"Changed since its clinical review on DATE".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

import yaml
from pydantic import Field, ValidationError, model_validator

from guide import FRONT_MATTER, ROOT, booklet, languages, urls
from guide.data import _FAST_YAML, DataError, SiteData, Strict, _read_yaml, _validate
from guide.pages import MAX_REVIEW_YEARS, PageError, abbreviations, add_years, sources_for
from guide.words import words

REVIEWERS_FILE = "data/reviewers.yml"
REVIEWS_FILE = "data/reviews.yml"
REVIEWER_ID = r"^[a-z][a-z0-9_-]*$"

REVIEWED, OVERDUE, CHANGED, NEVER = "reviewed", "overdue", "changed", "never"


class Reviewer(Strict):
    name: str = Field(min_length=1)
    role: str = Field(min_length=1)              # "Consultant facial plastic surgeon"
    registration: Optional[str] = None           # professional registration or affiliation
    conflicts: str = Field(min_length=1)         # as declared by the reviewer; "None declared" is a declaration too


class Review(Strict):
    page: str = Field(pattern=r"^docs/\S+\.md$")
    reviewer: str = Field(pattern=REVIEWER_ID)
    date: date
    next_review: date
    fingerprint: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")

    @model_validator(mode="after")
    def _within_cycle(self):
        if self.next_review <= self.date:
            raise ValueError(f"next_review ({self.next_review}) must be after date ({self.date})")
        if self.next_review > add_years(self.date, MAX_REVIEW_YEARS):
            raise ValueError(f"next_review ({self.next_review}) is more than {MAX_REVIEW_YEARS} years after date "
                             f"({self.date}): set it to {add_years(self.date, MAX_REVIEW_YEARS)} or earlier")
        return self


class ReviewersFile(Strict):
    reviewers: dict[str, Reviewer] = Field(default_factory=dict)


class ReviewsFile(Strict):
    reviews: list[Review] = Field(default_factory=list)


@dataclass(frozen=True)
class Status:
    """One page's review status, in words for the page and values for JSON-LD."""

    src: str                        # path under docs/, e.g. "index.md"
    state: str                      # REVIEWED, OVERDUE, CHANGED or NEVER
    fingerprint: str
    review: Review | None = None    # the matching record, or the latest one for CHANGED
    reviewer: Reviewer | None = None

    @property
    def matches(self) -> bool:
        """A review covers exactly the text shown (it may be overdue)."""
        return self.state in (REVIEWED, OVERDUE)

    @property
    def headline(self) -> str:
        return self.words()[0]

    @property
    def detail(self) -> str:
        return self.words()[1]

    def words(self, code: str = "en", kind: str = "") -> tuple[str, str]:
        """(headline, detail) in a language (guide/words.py); kind="translation_" for the
        review of a translation rather than the clinical review of the medical content."""
        w = words(code)

        def day(value: date) -> str:
            return languages.format_date(value, code)

        if self.matches:
            headline = w[kind + "reviewed"].format(name=self.reviewer.name, role=self.reviewer.role, date=day(self.review.date))
        elif self.state == CHANGED:
            headline = w[kind + "changed"].format(date=day(self.review.date))
        else:
            headline = w[kind + "never"]
        detail = {REVIEWED: w["next_due"], OVERDUE: w["overdue"], CHANGED: w[kind + "changed_detail"],
                  NEVER: w[kind + "never_detail"]}[self.state]
        if self.review is not None:
            detail = detail.format(date=day(self.review.next_review))
        return headline, detail

    def line(self) -> str:
        """One line for `status`."""
        words = {REVIEWED: "reviewed", OVERDUE: "REVIEW OVERDUE", CHANGED: "changed since review", NEVER: "never reviewed"}[self.state]
        when = ""
        if self.review:
            when = f" {self.review.date} by {self.review.reviewer}"
            if self.matches:
                when += f", next review {self.review.next_review}"
        return f"docs/{self.src}: {words}{when}"


class ReviewError(Exception):
    """One line an editor can act on."""


# --- the records -------------------------------------------------------------------------


def load_reviewers(root: Path = ROOT) -> dict[str, Reviewer]:
    return _load(ReviewersFile, root / REVIEWERS_FILE).reviewers


def load_reviews(root: Path = ROOT, reviewers: dict[str, Reviewer] | None = None) -> list[Review]:
    reviewers = load_reviewers(root) if reviewers is None else reviewers
    path = root / REVIEWS_FILE
    records = _load(ReviewsFile, path).reviews
    for index, record in enumerate(records):
        if record.reviewer not in reviewers:
            _, lines = _read_yaml(path)
            raise DataError(REVIEWS_FILE, lines.get(("reviews", index, "reviewer")), f"reviews[{index}].reviewer",
                            f"'{record.reviewer}' is not in {REVIEWERS_FILE}: add them with `python -m guide.reviews add-reviewer`")
    return records


def _load(model, path: Path):
    document, lines = _read_yaml(path)
    return _validate(model, document or {}, path, lines, ())


# --- the fingerprint ---------------------------------------------------------------------


def split_page(text: str) -> tuple[dict, str]:
    """(front matter, Markdown body) as MkDocs splits them: the body loses its leading blank lines."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        # libyaml: every page is split on every preview rebuild; a broken front matter is
        # named by the front-matter check (guide/checks/front_matter.py), with the pure parser's words.
        meta = yaml.load(match.group(1) or "", Loader=_FAST_YAML)
    except yaml.YAMLError:
        return {}, text   # as MkDocs does; the front-matter check names the problem
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[match.end():].lstrip("\n")


def fingerprint(text: str, rendered: str, meta: dict, data: SiteData) -> str:
    """sha256 of what a reviewer signs off: see the module docstring."""
    suffix = abbreviations(data.glossary)
    shown = rendered[:-len(suffix)] if suffix and rendered.endswith(suffix) else rendered
    # The plain `in` first: it rules out most words at once (this runs for every page on every preview rebuild).
    words = [entry for entry in data.glossary
             if any(spelling in shown and re.search(rf"\b{re.escape(spelling)}\b", shown) for spelling in entry.spellings)]
    parts = {
        "page": text,
        "rendered": shown,
        "sources": [data.sources[i].model_dump(mode="json") for i in meta.get("sources") or [] if i in data.sources],
        "shown_sources": sources_for(meta, data),
        "glossary": [[entry.term, entry.definition] for entry in words],
    }
    if 'class="sg-figure"' in shown:
        parts["figure_data"] = {
            "phases": {k: v.model_dump(mode="json") for k, v in data.phases.items()},
            "study": data.study.model_dump(mode="json"),
            "treatments": {k: v.model_dump(mode="json") for k, v in data.treatments.items()},
            "prevalence": data.prevalence.model_dump(mode="json"),
            "sources": {k: v.model_dump(mode="json") for k, v in data.sources.items()},
        }
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- the status of every page ------------------------------------------------------------


def statuses(fingerprints: dict[str, str], reviews: list[Review], reviewers: dict[str, Reviewer],
             today: date | None = None) -> dict[str, Status]:
    today = today or date.today()
    result = {}
    for src, current in fingerprints.items():
        records = sorted((r for r in reviews if r.page == f"docs/{src}"), key=lambda r: r.date)
        matching = [r for r in records if r.fingerprint == current]
        if matching:
            record = matching[-1]
            state = OVERDUE if record.next_review < today else REVIEWED
            result[src] = Status(src, state, current, record, reviewers[record.reviewer])
        elif records:
            result[src] = Status(src, CHANGED, current, records[-1], reviewers[records[-1].reviewer])
        else:
            result[src] = Status(src, NEVER, current)
    return result


def page_status(src: str, text: str, rendered: str, meta: dict, data: SiteData, reviews: list[Review],
                reviewers: dict[str, Reviewer]) -> Status:
    """One page's status from the Markdown the build has just rendered (no second render)."""
    return statuses({src: fingerprint(text, rendered, meta, data)}, reviews, reviewers)[src]


def without_matching_review(found: dict[str, Status]) -> list[str]:
    """For REQUIRE_REVIEW=1: one line per page that lacks a review of its current text."""
    return [f"docs/{s.src}: {s.headline.lower()}: have it reviewed, then run "
            f"`python -m guide.reviews sign docs/{s.src} --by REVIEWER`" for s in found.values() if not s.matches]


def overdue(found: dict[str, Status]) -> list[str]:
    return [f"docs/{s.src}: clinical review overdue since {s.review.next_review}: have the page reviewed again, then run "
            f"`python -m guide.reviews sign docs/{s.src} --by REVIEWER`" for s in found.values() if s.state == OVERDUE]


def template_names(links: list, reviewers: dict[str, Reviewer], config, sections: list = (), language: str = "en"):
    """What each page may use besides data/, as `names(src)` (the build and `status`
    must render alike): `site_pages`, `page_url()`, `section_links()` (guide/urls.py),
    `booklet_links()` (guide/booklet.py), `reviewers`, and from mkdocs.yml `extra`
    (contact details) and `repo_url`."""
    shared = {**urls.template_names(links, sections, language), "reviewers": reviewers, "extra": config.get("extra") or {},
              "repo_url": config.get("repo_url") or ""}
    return lambda src: {**shared, **booklet.template_names(src)}


def site_statuses(root: Path = ROOT, today: date | None = None) -> dict[str, Status]:
    """Every page's status, from the files under `root` (what `status` prints), every
    edition's pages rendered exactly as the build renders them (guide/prepare.py)."""
    from guide import prepare   # the build step imports this module: import it only when asked

    try:
        found = prepare.prepare(root, draw=False).statuses
    except prepare.Problems as problems:
        raise ReviewError("; ".join(line.removeprefix("Data error: ") for line in problems.lines)) from None
    reviewers = load_reviewers(root)
    return statuses({src: s.fingerprint for src, s in found.items()}, load_reviews(root, reviewers), reviewers, today)


# --- writing the records -----------------------------------------------------------------


def _write(path: Path, key: str, value) -> None:
    """Rewrite a records file: its leading comments stay, the records follow. All or nothing."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    header = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            header.append(line)
        else:
            break
    body = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=100)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write("\n".join(header).rstrip("\n") + ("\n" if header else "") + body)
    os.replace(temp, path)


def add_reviewer(root: Path, reviewer_id: str, reviewer: Reviewer) -> None:
    if not re.match(REVIEWER_ID, reviewer_id):
        raise ReviewError(f"reviewer id '{reviewer_id}': use lower-case letters, digits, - and _ (e.g. asmith)")
    reviewers = load_reviewers(root)
    if reviewer_id in reviewers:
        raise ReviewError(f"{REVIEWERS_FILE}: '{reviewer_id}' is already a reviewer: choose another id, or edit the file")
    reviewers[reviewer_id] = reviewer
    _write(root / REVIEWERS_FILE, "reviewers",
           {key: r.model_dump(exclude_none=True) for key, r in reviewers.items()})


def sign(root: Path, page: str, reviewer_id: str, when: date | None = None, next_review: date | None = None) -> Review:
    """Record that `reviewer_id` reviewed the page as it is now."""
    when = when or date.today()
    if when > date.today():
        raise ReviewError(f"--date {when} is in the future: give the day the review happened")
    src = page.removeprefix("./").removeprefix("docs/")
    if not (root / "docs" / src).is_file() or not src.endswith(".md"):
        raise ReviewError(f"{page}: no such page: give a file in docs/, e.g. docs/index.md")
    reviewers = load_reviewers(root)
    if reviewer_id not in reviewers:
        known = ", ".join(reviewers) or "none yet"
        raise ReviewError(f"reviewer '{reviewer_id}' is not in {REVIEWERS_FILE} (known: {known}): "
                          "add them first with `python -m guide.reviews add-reviewer`")
    current = site_statuses(root)[src].fingerprint
    try:
        record = Review(page=f"docs/{src}", reviewer=reviewer_id, date=when,
                        next_review=next_review or add_years(when, MAX_REVIEW_YEARS), fingerprint=current)
    except ValueError as error:
        raise ReviewError(f"--next-review: {error.errors()[0]['msg'].removeprefix('Value error, ')}") from None
    reviews = load_reviews(root, reviewers) + [record]
    _write(root / REVIEWS_FILE, "reviews", [r.model_dump(mode="python") for r in reviews])
    return record


# --- command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.reviews", description="Clinical review of the pages.")
    commands = parser.add_subparsers(dest="command", required=True)
    signing = commands.add_parser("sign", help="record a clinical review of a page as it is now")
    signing.add_argument("page", help="the page's file, e.g. docs/index.md")
    signing.add_argument("--by", required=True, help="the reviewer's id in data/reviewers.yml")
    signing.add_argument("--date", type=date.fromisoformat, help="day of the review, YYYY-MM-DD (default: today)")
    signing.add_argument("--next-review", type=date.fromisoformat,
                         help=f"YYYY-MM-DD, at most {MAX_REVIEW_YEARS} years on (default: {MAX_REVIEW_YEARS} years on)")
    adding = commands.add_parser("add-reviewer", help="add a person who may sign off pages")
    adding.add_argument("id", help="short id, e.g. asmith")
    adding.add_argument("--name", required=True)
    adding.add_argument("--role", required=True, help='e.g. "Consultant facial plastic surgeon"')
    adding.add_argument("--registration", help="professional registration or affiliation")
    adding.add_argument("--conflicts", required=True, help='conflicts of interest as declared, e.g. "None declared"')
    commands.add_parser("status", help="every page: reviewed, changed since review, or never reviewed")
    args = parser.parse_args(argv)
    try:
        if args.command == "add-reviewer":
            add_reviewer(root, args.id, Reviewer(name=args.name, role=args.role, registration=args.registration,
                                                 conflicts=args.conflicts))
            print(f"Added reviewer '{args.id}' to {REVIEWERS_FILE}.")
        elif args.command == "sign":
            record = sign(root, args.page, args.by, args.date, args.next_review)
            print(f"Signed {record.page} for {args.by} on {record.date}; next review due {record.next_review}.")
        else:
            for status in site_statuses(root).values():
                print(status.line())
    except (ReviewError, DataError, PageError, ValidationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
