"""The site's data: one schema per file in data/, loaded and checked in one place.

Editors change these files, so every problem is reported as one line that
names the file, the line and the field, e.g.

    data/natural_course.csv:4: end_day: must be greater than start_day (got 150 < 200)

`load()` returns a `SiteData`; anything wrong raises `DataError` with that line.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from guide import DATA_DIR, DAYS_PER_MONTH, ROOT  # noqa: F401  (re-exported for callers)

# Pages and figures refer to these phases by id (`phases.fastest.start_day`).
REQUIRED_PHASES = ("few_signs", "fastest", "last_worsening")

SOURCE_ID = r"^[a-z][a-z0-9_]*$"


class DataError(Exception):
    """A problem in a data file, as one line an editor can act on."""

    def __init__(self, file: str, line: int | None, field: str, problem: str):
        self.file, self.line, self.field, self.problem = file, line, field, problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")


class Strict(BaseModel):
    # Unknown keys are almost always typos ("sorce:"), so they are errors.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources.yml ---------------------------------------------------------------


# What each kind of source must give, besides authors (or label), a title or
# topic, and a doi or url. A study also needs its year (or year_unknown: why not).
KIND_NEEDS: dict[str, tuple[str, ...]] = {
    "study": ("journal",),
    "consensus": ("journal", "year"),
    "summary": ("publisher",),
    "patient-guide": ("publisher",),
    "standard": ("publisher", "year"),  # e.g. WCAG, cited on our standards page
}


def _needs_text(kind: str) -> str:
    extra = {"study": ["a year"]}.get(kind, [])
    return ", ".join(["authors or label", "title or topic", "doi or url", *KIND_NEEDS[kind], *extra])


class Source(Strict):
    authors: Optional[str] = None
    label: Optional[str] = Field(default=None, max_length=40)  # how the text cites it, when there are no authors
    title: Optional[str] = None
    topic: Optional[str] = None
    journal: Optional[str] = None
    publisher: Optional[str] = None
    year: Optional[int] = Field(default=None, ge=1900, le=2100)
    volume: Optional[str] = None
    pages: Optional[str] = None
    doi: Optional[str] = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    url: Optional[str] = Field(default=None, pattern=r"^https?://\S+$")
    kind: Literal["study", "summary", "consensus", "patient-guide", "standard"]
    note: Optional[str] = None

    year_unknown: Optional[str] = None  # why a study has no year: what was checked

    @model_validator(mode="after")
    def _needs_link_and_name(self):
        if not (self.doi or self.url):
            raise ValueError("needs a doi or a url, so readers can find the source")
        if bool(self.title) == bool(self.topic):
            raise ValueError("give either title (checked published title) or topic (our description), not both or neither")
        if not (self.authors or self.label):
            raise ValueError("needs authors (or, without authors, a short label)")
        for field in KIND_NEEDS[self.kind]:
            if not getattr(self, field):
                raise _FieldProblem(field, f"is missing: a {self.kind} needs {_needs_text(self.kind)}")
        if self.kind == "study" and not self.year and not self.year_unknown:
            raise _FieldProblem("year", "is missing: a study is cited with its year (e.g. year: 2019); "
                                        "if the sources you checked give none, say so in year_unknown")
        if not (self.journal or self.publisher):
            raise ValueError("needs a journal or a publisher")
        return self

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)

    def citation(self) -> str:
        """Plain-text citation, Vancouver-like; an unchecked title shows in [brackets].
        Every list that shows it puts `link` right after it: a DOI is that link."""
        parts = []
        if self.authors:
            names = [name.strip() for name in self.authors.rstrip(".").split(",")]
            # Vancouver: more than 6 authors are cited as the first 6, et al.
            shown = ", ".join(names[:6]) + (", et al" if len(names) > 6 else "")
            parts.append(shown + ".")
        parts.append((self.title.rstrip(".") if self.title else f"[{self.topic}]") + ".")
        venue = self.journal or self.publisher
        detail = venue
        if self.year:
            detail += f". {self.year}"
        if self.volume:
            detail += f";{self.volume}"
        if self.pages:
            detail += f":{self.pages}"
        parts.append(detail + ".")
        return " ".join(parts)


# --- natural_course.csv -------------------------------------------------------------


class Phase(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    start_day: int = Field(ge=0)
    end_day: int = Field(ge=0)
    label: str = Field(min_length=1, max_length=32)
    finding: str = Field(min_length=1)  # the study's exact words, for the clinicians' page
    source: list[str] = Field(min_length=1)
    plain: str = Field(min_length=1)  # the same finding in everyday words, for patient pages

    @field_validator("source", mode="before")
    @classmethod
    def _split_ids(cls, value):
        return value.split() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _ordered(self):
        if self.end_day <= self.start_day:
            raise _FieldProblem("end_day", f"must be greater than start_day (got {self.end_day} < {self.start_day})")
        return self


# --- study.yml --------------------------------------------------------------------------


class Sourced(Strict):
    source: str


class TextFact(Sourced):
    value: str


class Summary(Strict):
    """One plain description of the study, written once and reused by every page."""

    value: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class Design(TextFact):
    summary: Summary


class Years(Sourced):
    first: int
    last: int


class Measure(Sourced):
    value: str
    method: str
    block_days: int = Field(gt=0)  # scores were grouped in blocks of this many days


class Cohort(Sourced):
    included: int = Field(gt=0)
    screened: Optional[int] = Field(default=None, gt=0)
    description: str

    @model_validator(mode="after")
    def _not_more_than_screened(self):
        if self.screened is not None and self.included > self.screened:
            raise _FieldProblem("included", f"cannot be more than screened (got {self.included} > {self.screened})")
        return self


class Onset(Sourced):
    earliest_month: int = Field(ge=0)
    latest_month: int = Field(ge=0)
    latest_month_text: str

    @model_validator(mode="after")
    def _ordered(self):
        if self.latest_month <= self.earliest_month:
            raise _FieldProblem("latest_month", f"must be greater than earliest_month (got {self.latest_month} < {self.earliest_month})")
        return self


class Plateau(Sourced):
    day: int = Field(gt=0)

    @property
    def month(self) -> int:
        """'About 16 months': worked out from `day`, so the two can never disagree."""
        return round(self.day / DAYS_PER_MONTH)


class Stable(Sourced):
    after_day: int = Field(gt=0)
    no_improvement_years: list[int] = Field(min_length=1)


class Records(Sourced):
    """Who could be in the study: how many photo and video sets, how far apart."""

    photo_sets_at_least: int = Field(gt=1)
    months_apart_at_least: int = Field(gt=0)
    no_treatment_months_before: int = Field(gt=0)


class Study(Strict):
    title: TextFact
    design: Design
    years: Years
    measure: Measure
    cohorts: dict[Literal["paper", "summary"], Cohort]
    onset: Onset
    plateau: Plateau
    stable: Stable
    records: Records


# --- treatments.yml ---------------------------------------------------------------


class Duration(Sourced):
    months_low: int = Field(gt=0)
    months_high: int = Field(gt=0)
    repeated: bool = False


class LargerGains(Sourced):
    """Who gained more from a treatment, from a study other than the main evidence."""

    age_over: int = Field(gt=0)
    palsy_years_over: int = Field(gt=0)


class Treatment(Strict):
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    medical_name: str
    step: int = Field(ge=1, le=3)
    summary: str = Field(max_length=140)
    when: str
    sources: list[str] = Field(min_length=1)
    evidence: dict[str, Any]
    duration: Optional[Duration] = None

    larger_gains: Optional[LargerGains] = None

    @property
    def lasts(self) -> Optional[str]:
        """How long the effect lasts, in words, from `duration` (None where unpublished)."""
        d = self.duration
        if d is None:
            return None
        return f"About {d.months_low} to {d.months_high} months" + (", so the treatment is repeated" if d.repeated else "")

    @field_validator("evidence")
    @classmethod
    def _evidence_has_source(cls, value):
        if not isinstance(value.get("source"), str):
            raise _FieldProblem("source", "is missing: give the id of the study these numbers come from")
        for key, number in value.items():
            if key != "source" and not isinstance(number, (int, float)):
                raise _FieldProblem(key, f"must be a number (got {number!r})")
        return value


class Treatments(Strict):
    treatments: list[Treatment] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_slugs(self):
        seen = set()
        for index, t in enumerate(self.treatments):
            if t.slug in seen:
                raise _FieldProblem(("treatments", index, "slug"), f"'{t.slug}' is used twice")
            seen.add(t.slug)
        return self


# --- prevalence.yml -------------------------------------------------------------------


class Prevalence(Sourced):
    people: int = Field(gt=0)
    percent_with_synkinesis: float = Field(gt=0, le=100)
    percent_moderate_to_severe: float = Field(ge=0, le=100)
    months_after: int = Field(gt=0)

    @model_validator(mode="after")
    def _severe_is_subset(self):
        if self.percent_moderate_to_severe > self.percent_with_synkinesis:
            raise _FieldProblem(
                "percent_moderate_to_severe",
                f"cannot be more than percent_with_synkinesis (got {self.percent_moderate_to_severe} > {self.percent_with_synkinesis})",
            )
        return self

    @property
    def one_in(self) -> int:
        """'About 1 in N': the nearest whole N, for plain-language text."""
        return round(100 / self.percent_with_synkinesis)

    @property
    def per_hundred(self) -> int:
        return round(self.percent_with_synkinesis)


class PrevalenceFile(Strict):
    bells_palsy: Prevalence


# --- glossary.yml ---------------------------------------------------------------------

# Letters, digits, spaces, hyphens and straight apostrophes: what a word on a page is made of.
# Letters of any language (parálisis), digits, spaces, hyphens and straight apostrophes.
TERM = re.compile(r"^[^\W\d_][^\W_]*(?:[ '-]+[^\W_]+)*$")
MAX_DEFINITION = 250  # shown as a tooltip over the word, so it must stay short


class Term(Strict):
    """One medical word, defined once: the glossary page and every tooltip use it."""

    term: str
    definition: str
    also: list[str] = []      # other spellings on the pages, e.g. "Botox" for botulinum toxin
    sources: list[str] = []   # ids in sources.yml; none only for plain common knowledge

    @field_validator("term", "also")
    @classmethod
    def _plain_word(cls, value):
        for word in [value] if isinstance(value, str) else value:
            if not TERM.match(word):
                raise ValueError(f"'{word}': use letters, digits, spaces, hyphens and straight apostrophes (') only")
        return value

    @field_validator("definition")
    @classmethod
    def _short_plain_text(cls, value: str):
        value = " ".join(value.split())
        if not value:
            raise ValueError("is empty: write the meaning in plain words")
        if len(value) > MAX_DEFINITION:
            raise ValueError(f"is {len(value)} characters: shorten it to {MAX_DEFINITION} or fewer (it is shown as a tooltip)")
        if re.search(r"[\[\]{}<>]", value):
            raise ValueError("use plain text: no [ ] { } < > (links and formatting do not work in a tooltip)")
        return value

    @property
    def anchor(self) -> str:
        """'bells-palsy': the id on the glossary page, for links like glossary.md#bells-palsy."""
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower().replace("'", "")).strip("-")

    @property
    def spellings(self) -> list[str]:
        """Every form the abbr extension should match (it is case-sensitive): 'synkinesis', 'Synkinesis'."""
        forms = [self.term, *self.also]
        return forms + [f[0].upper() + f[1:] for f in forms if f.islower()]


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _defined_once(self):
        seen: dict[str, str] = {}
        for index, entry in enumerate(self.terms):
            for word in dict.fromkeys(w.lower() for w in [entry.term, *entry.also]):
                if word in seen:
                    raise _FieldProblem(("terms", index, "term"), f"'{word}' is already defined under '{seen[word]}': keep one definition")
                seen[word] = entry.term
        return self


# --- safety.yml ---------------------------------------------------------------------------


class SourcedText(Strict):
    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class UrgentHelp(Strict):
    """The box at the top of every page: when to call an emergency number, when to see a doctor."""

    title: str = Field(min_length=1)
    stroke: SourcedText
    new_palsy: SourcedText


class Safety(Strict):
    urgent: UrgentHelp


# --- the whole data set ------------------------------------------------------------------


@dataclass(frozen=True)
class SiteData:
    sources: dict[str, Source]
    phases: dict[str, Phase]
    study: Study
    treatments: dict[str, Treatment]
    prevalence: Prevalence
    glossary: tuple[Term, ...] = ()
    safety: Optional[Safety] = None

    def context(self) -> dict[str, Any]:
        """What page templates may use: `{{ phases.fastest.start_day }}` and so on."""
        return {
            "sources": self.sources,
            "phases": self.phases,
            "study": self.study,
            "treatments": self.treatments,
            "prevalence": self.prevalence,
            "glossary": self.glossary,
            "safety": self.safety,
        }


class _FieldProblem(ValueError):
    """Raised inside a model check to blame one field rather than the whole row."""

    def __init__(self, field: str | tuple, problem: str):
        super().__init__(problem)
        self.loc = field if isinstance(field, tuple) else (field,)


def load(data_dir: Path = DATA_DIR) -> SiteData:
    """Read and check every data file; raise DataError on the first problem."""
    data_dir = Path(data_dir)
    sources = _load_sources(data_dir / "sources.yml")
    phases = _load_phases(data_dir / "natural_course.csv")
    study = _load_yaml_model(Study, data_dir / "study.yml")
    treatments_file = _load_yaml_model(Treatments, data_dir / "treatments.yml", wrap="treatments")
    prevalence = _load_yaml_model(PrevalenceFile, data_dir / "prevalence.yml").bells_palsy
    glossary = _load_yaml_model(Glossary, data_dir / "glossary.yml", wrap="terms").terms
    safety = _load_yaml_model(Safety, data_dir / "safety.yml")

    data = SiteData(
        sources=sources,
        phases=phases,
        study=study,
        treatments={t.slug: t for t in treatments_file.treatments},
        prevalence=prevalence,
        glossary=tuple(glossary),
        safety=safety,
    )
    _check_source_ids(data, data_dir)
    return data


def cited_ids(data: SiteData) -> dict[str, set[str]]:
    """Every source id a data file cites, by file name."""
    found: dict[str, set[str]] = {"natural_course.csv": set(), "study.yml": set(), "treatments.yml": set(), "prevalence.yml": set()}
    for phase in data.phases.values():
        found["natural_course.csv"].update(phase.source)
    for part in data.study.model_dump().values():
        _collect_sources(part, found["study.yml"])
    for t in data.treatments.values():
        found["treatments.yml"].update(t.sources)
        _collect_sources(t.model_dump(), found["treatments.yml"])
    found["prevalence.yml"].add(data.prevalence.source)
    found["glossary.yml"] = {i for entry in data.glossary for i in entry.sources}
    found["safety.yml"] = set()
    if data.safety is not None:
        urgent = data.safety.urgent
        found["safety.yml"] = {*urgent.stroke.sources, *urgent.new_palsy.sources}
    return found


def _collect_sources(node: Any, into: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                into.add(value)
            elif key == "sources" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                into.update(value)
            else:
                _collect_sources(value, into)
    elif isinstance(node, list):
        for item in node:
            _collect_sources(item, into)


def _check_source_ids(data: SiteData, data_dir: Path) -> None:
    for file, ids in cited_ids(data).items():
        for source_id in sorted(ids - data.sources.keys()):
            path = data_dir / file
            raise DataError(_rel(path), _line_of(path, source_id), "source",
                            f"unknown source id '{source_id}': add it to data/sources.yml or fix the spelling")


def _load_phases(path: Path) -> dict[str, Phase]:
    rel = _rel(path)
    text = _read(path)
    lines = text.splitlines()
    # Comment lines at the top (`# ...`) explain the columns; line numbers stay the file's own.
    skip = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    rows = list(csv.reader(lines[skip:]))
    if not rows:
        raise DataError(rel, skip + 1, "", "the file is empty: it needs a header row")
    header = rows[0]
    expected = list(Phase.model_fields)
    if header != expected:
        raise DataError(rel, skip + 1, "header", f"columns must be {','.join(expected)} (got {','.join(header)})")
    phases: dict[str, Phase] = {}
    previous_end = -1
    for line_no, row in enumerate(rows[1:], start=skip + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(rel, line_no, "", f"expected {len(header)} values, found {len(row)} (a comma inside text needs \"quotes\")")
        record = dict(zip(header, (cell.strip() for cell in row)))
        phase = _validate(Phase, record, path, {(): line_no}, ())
        if phase.id in phases:
            raise DataError(rel, line_no, "id", f"'{phase.id}' is used twice")
        if phase.start_day < previous_end:
            raise DataError(rel, line_no, "start_day", f"phases must be in time order and not overlap (starts at {phase.start_day}, before the previous phase ends at {previous_end})")
        previous_end = phase.end_day
        phases[phase.id] = phase
    for required in REQUIRED_PHASES:
        if required not in phases:
            raise DataError(rel, None, "id", f"the phase '{required}' is missing: pages and figures use it")
    return phases


def _load_yaml_model(model: type[BaseModel], path: Path, wrap: str | None = None):
    document, lines = _read_yaml(path)
    if wrap:
        document = {wrap: document}
        lines = {(wrap, *loc): line for loc, line in lines.items()}
    return _validate(model, document, path, lines, ())


def _load_sources(path: Path) -> dict[str, Source]:
    document, lines = _read_yaml(path)
    if not isinstance(document, dict):
        raise DataError(_rel(path), 1, "", "must be a list of `id:` entries, one per source")
    sources = {}
    for key, value in document.items():
        if not re.match(SOURCE_ID, str(key)):
            raise DataError(_rel(path), lines.get((key,)), str(key), "source ids use lower-case letters, digits and _ only")
        sources[key] = _validate(Source, value, path, lines, (key,))
    return sources


def _validate(model: type[BaseModel], value: Any, path: Path, lines: dict, prefix: tuple):
    try:
        return model.model_validate(value)
    except ValidationError as error:
        # A misspelt key also makes the real key "missing": report the typo first.
        first = min(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        loc = tuple(first["loc"])
        problem = first["msg"].removeprefix("Value error, ")
        ctx_error = first.get("ctx", {}).get("error")
        if isinstance(ctx_error, _FieldProblem):
            loc = loc + ctx_error.loc
            problem = str(ctx_error)
        elif first["type"] == "missing":
            problem = "is missing"
        elif first["type"] == "extra_forbidden":
            known = ", ".join(_model_at(model, loc[:-1]).model_fields) if _model_at(model, loc[:-1]) else ""
            close = difflib.get_close_matches(str(loc[-1]), known.split(", "), n=1)
            problem = ("is not a known field" + (f": did you mean `{close[0]}`?" if close else " (a typo?)")
                       + (f" Fields here: {known}" if known and not close else ""))
        elif "input" in first and first["type"] not in ("value_error",):
            problem = plain_problem(first) + f" (got {first['input']!r})"
        line = _nearest_line(lines, prefix + loc)
        return _raise(DataError(_rel(path), line, _dotted(prefix + loc), problem))


# What our patterns mean, in words an editor can act on (never the pattern itself).
PATTERN_WORDS = {
    r"^10\.\d{4,9}/\S+$": "must be a DOI such as 10.1097/PRS.0000000000012243 (without https://doi.org/)",
    r"^https?://\S+$": "must be a full web address starting with https:// (no spaces)",
    SOURCE_ID: "use lower-case letters, digits and _ only, starting with a letter (e.g. smith2019)",
    r"^[a-z][a-z0-9-]*$": "use lower-case letters, digits and - only, starting with a letter (e.g. botulinum-toxin)",
    r"^/([a-z0-9]+(-[a-z0-9]+)*/)*$": "must be an address like /treatment/myectomy/: lower-case words joined by -, "
                                      "starting and ending with /",
}


def plain_problem(error: dict) -> str:
    """One pydantic problem in plain words, with the allowed values where there is a choice."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "string_pattern_mismatch":
        return PATTERN_WORDS.get(ctx.get("pattern"), "is not written in the expected form (see the comments at the top of the file)")
    if kind == "literal_error":
        return "must be one of: " + ", ".join(re.findall(r"'([^']*)'", str(ctx["expected"])))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "must be a whole number, in digits (e.g. 200)"
    if kind in ("float_parsing", "float_type"):
        return "must be a number, in digits (e.g. 6.6)"
    words = {"greater_than_equal": "must be {ge} or more", "greater_than": "must be more than {gt}",
             "less_than_equal": "must be {le} or less", "less_than": "must be less than {lt}",
             "string_too_long": "must be at most {max_length} characters long",
             "too_short": "needs at least {min_length} item(s)"}
    if kind in words:
        return words[kind].format(**{k: f"{v:g}" if isinstance(v, float) else v for k, v in ctx.items()})
    return error["msg"]


def _model_at(model: type[BaseModel], loc: tuple):
    """The model class that holds the field at `loc` (for listing its fields), or None."""
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _raise(error: Exception):
    raise error


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _nearest_line(lines: dict, loc: tuple) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _read(path: Path) -> str:
    try:
        # utf-8-sig: Excel and Notepad start a file with a byte-order mark; it is not text.
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(_rel(path), None, "", "file not found") from None
    except UnicodeDecodeError:
        raise DataError(_rel(path), None, "", "is not UTF-8 text: save it as UTF-8") from None


# libyaml's parser is about ten times faster, and `mkdocs serve` reads data/ on every save.
_FAST_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str, loader_class) -> tuple[Any, Any]:
    """Parse once: the node tree (for line numbers) and the document built from it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML and remember the line of every key and list item."""
    text = _read(path)
    try:
        try:
            node, document = _parse_yaml(text, _FAST_YAML)
        except yaml.YAMLError:  # explain the problem in the pure-Python parser's words, as always
            node, document = _parse_yaml(text, yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = yaml_problem(getattr(error, "problem", None) or str(error).splitlines()[0])
        raise DataError(_rel(path), line, "", f"not valid YAML: {problem}") from None
    lines: dict[tuple, int] = {}
    _walk(node, (), lines)
    return document, lines


def yaml_problem(problem: str) -> str:
    """A YAML parser's complaint in plain words (never its `<block mapping start>` tokens)."""
    if "could not find expected ':'" in problem:
        return "a line is missing its colon: write `key: value` (check this line and the one above)"
    if "<block" in problem or "mapping values are not allowed" in problem:
        return ("the indentation is off, or a value holds a colon: indent each line like the ones above it, "
                "and put text containing ': ' in \"quotes\"")
    if "found character '\\t'" in problem:
        return "a tab: indent with spaces only"
    if "found undefined alias" in problem or "found unknown escape" in problem or "unacceptable character" in problem:
        return f"{problem}: put the text in \"quotes\""
    return f"{problem} (check indentation and colons)"


def _walk(node, loc: tuple, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = loc + (key_node.value,)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = loc + (index,)
            lines[child] = item.start_mark.line + 1
            _walk(item, child, lines)


def _line_of(path: Path, needle: str) -> int | None:
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", line):
            return number
    return None


def _rel(path: Path) -> str:
    """'data/natural_course.csv': how an editor names the file, wherever the folder is."""
    path = Path(path)
    return f"{path.parent.name}/{path.name}"


def format_date(value: date) -> str:
    """'26 November 2026', the NHS style for review dates."""
    return f"{value.day} {value.strftime('%B %Y')}"
