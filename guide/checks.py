"""Content checks for editors: every problem as one line that says what and where to fix.

    docs/PATH.md:LINE: what is wrong: how to fix it

Each check is a plain function `check_x(tree) -> list[str]` that returns all the
problems it finds (an empty list when all is well). `tree` says where the pages
are and, for the checks that read the finished site, where it was built. The
tests (tests/content/, `pytest -m content`) run each check on the real pages,
and on a copy with one planted mistake.

    python -m guide.checks [ROOT]   # build the site into a temporary folder, run every check

CONTRIBUTING.md has an example of each message and what to do about it.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import yaml

from guide import FRONT_MATTER, ROOT, languages
from guide.config import ConfigLoader
from guide.urls import address, own_site_link, scan_docs

# Config files of the two linters, at the top of the project (see CONTRIBUTING.md).
CODESPELL_WORDS = ".codespell-words.txt"             # right words codespell must accept
CODESPELL_DICTIONARY = ".codespell-dictionary.txt"   # misspellings of medical words: wrong->right
PYMARKDOWN_CONFIG = ".pymarkdown.json"

FENCE = re.compile(r"^ {0,3}(```|~~~)")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
HTML_HEADING = re.compile(r"<h([1-6])\b", re.I)
LINK_TARGETS = (
    re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)"),   # [text](target) and ![alt](target)
    re.compile(r"^ {0,3}\[[^\]^*][^\]]*\]:\s*<?(\S+?)>?(?:\s|$)"),  # [label]: target
    re.compile(r"\b(?:href|src)=[\"']([^\"']+)[\"']", re.I),      # raw HTML
)
CITE = re.compile(r"\bcite\(([^)]*)\)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# A sentence longer than this is flagged even on a page whose grade is fine (style.md: short sentences).
MAX_SENTENCE_WORDS = 30


@dataclass
class Tree:
    """A copy of the project to check: its root, and the built site if there is one."""

    root: Path = ROOT
    site_dir: Path | None = None   # output of `mkdocs build`, for the checks that read HTML
    build_log: str = ""            # what `mkdocs build` printed
    today: date = field(default_factory=date.today)
    _html: dict = field(default_factory=dict, repr=False)

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @cached_property
    def pages(self) -> list[Page]:
        return [Page.read(self.docs_dir, path) for path in sorted(self.docs_dir.rglob("*.md"))]

    def page(self, src: str) -> Page | None:
        return next((p for p in self.pages if p.src == src), None)

    @cached_property
    def config(self) -> dict:
        return yaml.load(_read(self.root / "mkdocs.yml"), Loader=ConfigLoader) or {}

    def html(self, src: str) -> str | None:
        """The built HTML of a page (MkDocs' directory URLs: a/b.md -> a/b/index.html)."""
        if self.site_dir is None:
            return None
        if src not in self._html:
            path = self.site_dir / html_path(src)
            self._html[src] = path.read_text(encoding="utf-8") if path.exists() else None
        return self._html[src]

    def article_html(self, src: str) -> str | None:
        """The page's own content (Material's <article>) without the menus: much faster to parse."""
        html = self.html(src)
        if html is None:
            return None
        start, end = html.find("<article"), html.find("</article>")
        return html[start:end + len("</article>")] if start != -1 and end != -1 else html

    def article(self, src: str):
        html = self.article_html(src)
        if html is None:
            return None
        from bs4 import BeautifulSoup

        return BeautifulSoup(html, "html.parser")


@dataclass
class Page:
    """One Markdown page: its text, front matter, and where the body starts."""

    src: str                  # path under docs/, e.g. "treatment/myectomy.md"
    lines: list[str]
    meta: dict
    meta_problem: str | None  # why the front matter could not be read, as "LINE: problem: fix"
    key_lines: dict[str, int]  # line of each front-matter key
    body_start: int           # 0-based index of the first line after the front matter

    @classmethod
    def read(cls, docs_dir: Path, path: Path) -> Page:
        text = _read(path)
        src = path.relative_to(docs_dir).as_posix()
        match = FRONT_MATTER.match(text)
        meta, problem, key_lines = {}, None, {}
        if match:
            block = match.group(1) or ""
            meta, problem = _parse_front_matter(block)
            key_lines = _key_lines(block)
        return cls(src, text.splitlines(), meta, problem, key_lines, match.group(0).count("\n") if match else 0)

    @property
    def where(self) -> str:
        return f"docs/{self.src}"

    def body(self):
        """(line number, line) of the Markdown body, outside fenced code blocks."""
        fence = None
        for index in range(self.body_start, len(self.lines)):
            line = self.lines[index]
            opening = FENCE.match(line)
            if fence:
                if opening and opening.group(1) == fence:
                    fence = None
                continue
            if opening:
                fence = opening.group(1)
                continue
            yield index + 1, line

    def first_heading_line(self) -> int:
        return next((n for n, line in self.body() if HEADING.match(line)), self.body_start + 1)

    def line_of(self, needle: str) -> int | None:
        return next((n for n, line in self.body() if needle in line), None)

    def line_of_sentence(self, sentence: str) -> int | None:
        """The line where a sentence of the built page starts in the Markdown.

        Numbers, citations and glossary words come from data/, so only the
        sentence's first longer words are matched, in order, across a few lines.
        """
        words = re.findall(r"[A-Za-z][A-Za-z']{2,}", sentence)
        body = list(self.body())
        for count in (5, 3):
            if len(words) < count:
                continue
            pattern = re.compile(r"\b" + r"\b.*?\b".join(map(re.escape, words[:count])) + r"\b", re.S)
            for i, (number, line) in enumerate(body):
                window = " ".join(text for _, text in body[i:i + 4])
                match = pattern.search(window)
                if match and match.start() < len(line):
                    return number
        return None


# --- checks on the Markdown -----------------------------------------------------


def check_front_matter(tree: Tree) -> list[str]:
    """Required fields, no hand-typed review dates (see guide/reviews.py), known sources."""
    from guide.pages import check_meta

    known = SimpleNamespace(sources=source_ids(tree))
    problems = []
    for page in tree.pages:
        if page.meta_problem:
            problems.append(f"{page.where}:{page.meta_problem}")
            continue
        problems += [str(p) for p in check_meta(page.src, page.meta, known, lines=page.key_lines)]
    return problems


def check_sources(tree: Tree) -> list[str]:
    """Citations in the text name known sources listed in front matter; every source is cited somewhere."""
    from guide.data import DataError, cited_ids, load

    known = source_ids(tree)
    problems = []
    for page in tree.pages:
        listed = _listed_sources(page)
        for number, line in page.body():
            for call in CITE.finditer(line):
                for source_id in re.findall(r"[\"']([^\"']+)[\"']", call.group(1)):
                    if source_id not in known:
                        problems.append(f"{page.where}:{number}: cite('{source_id}'): unknown source id: add it to data/sources.yml or fix the spelling")
                    elif source_id not in listed:
                        problems.append(f"{page.where}:{number}: cite('{source_id}'): the source is not in this page's front matter: add it to `sources:` at the top")
    try:
        data = load(tree.data_dir)
    except DataError as error:
        return problems + [_relative(str(error), tree.root)]
    used = set().union(*cited_ids(data).values())
    for page in tree.pages:
        used.update(_listed_sources(page))
    sources_file = tree.data_dir / "sources.yml"
    for source_id in sorted(known - used):
        problems.append(f"data/sources.yml:{_line_of_key(sources_file, source_id)}: {source_id}: no page or data file cites this source: "
                        "list it under `sources:` on the page that uses it, or delete it")
    return problems


def check_nav(tree: Tree) -> list[str]:
    """Every page is in the menu (nav in mkdocs.yml) and every menu entry is a page."""
    entries = nav_entries(tree.root / "mkdocs.yml")
    problems = []
    for src, line in entries.items():
        if not (tree.docs_dir / src).exists():
            problems.append(f"mkdocs.yml:{line}: nav: '{src}' is not a page in docs/: fix the file name, or remove the line")
    hidden = _not_in_nav(tree.config)
    editions = languages.load(tree.config)
    for page in tree.pages:
        edition = languages.of(page.src, editions)
        if edition.folder:
            # Another edition's menu is the English one, with each page's own short name (guide/prepare.py).
            english = languages.within(page.src, edition)
            if not (tree.docs_dir / english).exists():
                problems.append(f"{page.where}:1: there is no English page docs/{english}: remove this page or rename it "
                                "to match its English page")
            elif not page.meta.get("menu"):
                problems.append(f"{page.where}:1: front matter: `menu` is missing: add the page's short name in the "
                                f"{edition.name} menu")
            continue
        if page.src not in entries and not hidden(page.src):
            problems.append(f"{page.where}:1: the page is not in the menu: add a line for it under `nav:` in mkdocs.yml")
        problems += [f"docs/{other.prefix(page.src)}:1: missing: every page needs its translation here ({other.name}): "
                     f"translate {page.where}"
                     for other in editions if other.folder and not (tree.docs_dir / other.prefix(page.src)).exists()]
    return problems


def check_headings(tree: Tree) -> list[str]:
    """One main heading (#) per page, and no skipped levels (## then ####)."""
    problems = []
    for page in tree.pages:
        previous = 0
        h1_lines = []
        for number, line in page.body():
            match = HEADING.match(line)
            html = HTML_HEADING.search(line)
            if not (match or html):
                continue
            level = len(match.group(1)) if match else int(html.group(1))
            if level == 1:
                h1_lines.append(number)
            elif level > previous + 1:
                expected = "#" * (previous + 1)
                problems.append(f"{page.where}:{number}: heading level jumps from {'#' * previous or 'the top of the page'} to {'#' * level}: "
                                f"use {expected} here (or add the missing level above it)")
            previous = level
        if not h1_lines:
            problems.append(f"{page.where}:{page.body_start + 1}: the page has no main heading: start it with one line `# Title`")
        for number in h1_lines[1:]:
            problems.append(f"{page.where}:{number}: a second main heading (#): a page has one; make this one a section heading (##)")
    return problems


def check_spelling(tree: Tree) -> list[str]:
    """codespell over pages and data, with our word list and medical misspellings."""
    import codespell_lib

    # codespell knows English only: the Spanish edition's pages and words are left to their
    # translators and reviewers (issue 15); its readability is checked all the same.
    others = [e.folder for e in languages.load(tree.config) if e.folder]
    args = ["--builtin", "clear,rare", "--dictionary", "-", "--skip", ",".join([*(f"*/docs/{f}/*" for f in others), "*/data/translations/*"])]
    for name, option in ((CODESPELL_DICTIONARY, "--dictionary"), (CODESPELL_WORDS, "--ignore-words")):
        if (tree.root / name).exists():
            args += [option, str(tree.root / name)]
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
        codespell_lib.main(*args, str(tree.docs_dir), str(tree.data_dir))
    problems = []
    for line in output.getvalue().splitlines():
        match = re.match(r"^(.*?):(\d+): (.+?) ==> (.+?)(?:\s*\|.*)?$", line)
        if not match:
            continue
        path, number, wrong, right = match.groups()
        options = " or ".join(f"'{w.strip()}'" for w in right.split(",") if w.strip())
        problems.append(f"{_relative(path, tree.root)}:{number}: spelling: '{wrong}' looks misspelt: write {options} "
                        f"(if '{wrong}' is right, add it to {CODESPELL_WORDS})")
    return problems


# What to do about each Markdown style rule we keep (see .pymarkdown.json).
STYLE_FIXES = {
    "md003": "write headings as # Title, ## Section (not underlined with === or ---)",
    "md004": "start every bullet with -",
    "md005": "indent items of the same list by the same amount",
    "md007": "indent a list inside a list by 4 spaces",
    "md009": "delete the spaces at the end of the line",
    "md010": "replace the tab with spaces",
    "md011": "write links as [text](address)",
    "md018": "put a space after the #",
    "md019": "use one space after the #",
    "md022": "leave an empty line before and after the heading",
    "md023": "start the heading at the beginning of the line",
    "md024": "give each section heading a different name",
    "md026": "remove the full stop or colon at the end of the heading",
    "md027": "use one space after >",
    "md029": "number the list 1. 2. 3. (or 1. 1. 1.)",
    "md030": "use one space after the list marker",
    "md031": "leave an empty line before and after the code block",
    "md032": "leave an empty line before and after the list",
    "md033": "use Markdown instead of this HTML, or ask a developer to allow it",
    "md034": "write the address as a link: [what it is](https://...)",
    "md035": "write horizontal rules as ---",
    "md037": "remove the spaces inside the * or _ marks",
    "md038": "remove the spaces inside the `backticks`",
    "md039": "remove the spaces inside the [link text]",
    "md040": "say the language after the opening ```",
    "md042": "give the link an address",
    "md049": "use *one style* of emphasis throughout the page",
    "md050": "use **one style** of bold throughout the page",
    "md059": "make the link text say where it goes, e.g. [how botulinum toxin works](botulinum-toxin.md), not [more]",
}


def check_markdown_style(tree: Tree) -> list[str]:
    """pymarkdownlnt with our config (.pymarkdown.json): consistent, predictable Markdown."""
    from pymarkdown.api import PyMarkdownApi, PyMarkdownApiException

    config = tree.root / PYMARKDOWN_CONFIG
    api = PyMarkdownApi().log_error_and_above()
    if config.exists():
        api = api.configuration_file_path(str(config))
    problems = []
    for page in tree.pages:
        text, numbers = _for_linter(page.lines)
        try:
            result = api.scan_string(text)
        except PyMarkdownApiException as error:
            return [f"{PYMARKDOWN_CONFIG}:1: the Markdown style check did not run: {error}: fix the config file"]

        def real(line: int) -> int:
            return numbers[min(line, len(numbers)) - 1] if numbers else line

        for failure in result.scan_failures:
            rule = failure.rule_id.lower()
            detail = f" [{failure.extra_error_information.strip(' []')}]" if failure.extra_error_information else ""
            fix = STYLE_FIXES.get(rule, f"see rule {failure.rule_id} in the pymarkdownlnt documentation")
            problems.append(f"{page.where}:{real(failure.line_number)}: Markdown style: "
                            f"{failure.rule_description.rstrip('.')}{detail} ({failure.rule_id}): {fix}")
        for error in result.pragma_errors:
            problems.append(f"{page.where}:{real(error.line_number)}: Markdown style: {error.pragma_error}: fix the pymarkdown comment")
    return problems


def _for_linter(lines: list[str]) -> tuple[str, list[int]]:
    """The page as the linter should see it, and the real line number of each of its lines.

    A line with only a Jinja statement ({% for %}, {# note #}) prints nothing, so
    it becomes an empty line (else the linter says a list has no blank line
    around it). Runs of empty lines become one: they look the same on the page.
    """
    statement = re.compile(r"^\s*(\{%.*%\}|\{#.*#\})\s*$")
    text, numbers = [], []
    for number, line in enumerate(lines, start=1):
        if statement.match(line):
            line = ""
        if not line.strip() and text and not text[-1].strip():
            continue
        text.append(line)
        numbers.append(number)
    return "\n".join(text) + "\n", numbers


# --- checks on the built site ---------------------------------------------------------


def check_links(tree: Tree) -> list[str]:
    """Links between pages, to files, and to sections (#anchors) lead somewhere."""
    problems, seen = [], set()
    base_url, pages = str(tree.config.get("site_url") or ""), scan_docs(tree.docs_dir)
    for page in tree.pages:
        for number, line in page.body():
            for target, in_html in _link_targets(line, own_site=base_url):
                problem = (own_site_link(target, base_url, pages, page.src) if base_url and "://" in target
                           else _HTML_LINK_PROBLEM if in_html and not target.startswith("#")
                           else _link_problem(tree, page, target))
                if problem:
                    seen.add((page.src, target))
                    problems.append(f"{page.where}:{number}: link to '{target}': {problem}")
    # MkDocs' own validation (strict mode) sees links our scan cannot, such as
    # those written by templates; report those it found that we did not.
    for src, target, reason in _mkdocs_link_warnings(tree.build_log):
        page = tree.page(src)
        if page and (src, target) not in seen:
            seen.add((src, target))
            number = page.line_of(target) or page.first_heading_line()
            problems.append(f"{page.where}:{number}: link to '{target}': {reason}: fix the address (pages end in .md)")
    return problems


def check_build(tree: Tree) -> list[str]:
    """`mkdocs build` (strict) finished without warnings; links are reported by check_links."""
    problems = []
    for level, message in _log_messages(tree.build_log):
        located = re.search(r"((?:docs|data)/[^\s:]+:\d+: .*)", message)
        if level == "TEXT" and located:
            problems.append(located.group(1))
        elif level in ("WARNING", "ERROR") and not _is_link_warning(message) and not _is_nav_warning(message):
            problems.append(located.group(1) if located else
                            f"mkdocs.yml:1: the site build says: {message}: fix this first (run `make site` to see it)")
    return list(dict.fromkeys(problems))  # the same error is often printed twice


def check_alt_text(tree: Tree) -> list[str]:
    """Every image and figure has alt text, a short description for people who cannot see it."""
    problems = []
    for page in tree.pages:
        article = tree.article(page.src)
        if article is None:
            continue
        for image in article.find_all("img"):
            if (image.get("alt") or "").strip():
                continue
            source = image.get("src") or "?"
            name = Path(unquote(source)).stem
            number = page.line_of(Path(source).name) or page.line_of(f'"{name}"') or page.first_heading_line()
            problems.append(f"{page.where}:{number}: image '{source}' has no alt text: describe what it shows "
                            f"in the square brackets, e.g. ![Chart of scores rising, then levelling off]({source})")
        for figure in article.find_all("figure"):
            if not figure.find(["img", "svg", "object", "table"]):
                problems.append(f"{page.where}:{page.first_heading_line()}: a figure has no image: put ![what it shows](file) inside it")
    return problems


def check_readability(tree: Tree) -> list[str]:
    """Flesch-Kincaid grade of each page's prose at most 8; the median of all pages at most 6."""
    from guide import readability

    results = [readability.measure(page.src, tree.article_html(page.src), readability.language_of(page.src))
               for page in tree.pages if tree.html(page.src)]
    problems = []
    for page in tree.pages:  # long sentences are hard whatever the page's grade
        html = tree.article_html(page.src)
        if html is None:
            continue
        for sentence in readability.sentences(readability.prose(html)):
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                number = page.line_of_sentence(sentence) or page.first_heading_line()
                start = " ".join(sentence.split()[:8])
                problems.append(f"{page.where}:{number}: readability: a sentence of {words} words (more than "
                                f"{MAX_SENTENCE_WORDS}): split it into shorter ones: \"{start} …\"")
    spanish = [r for r in results if r.language == "es"]
    results = [r for r in results if r.language == "en"]
    for result in results:
        if result.grade > readability.MAX_GRADE:
            problems.append(_readability_problem(tree, result, f"reading grade {result.grade} is above {readability.MAX_GRADE:g}"))
    for result in spanish:
        if result.ease < readability.MIN_EASE_ES:
            problems.append(_readability_problem(tree, result, f"Fernández-Huerta reading ease {result.ease} is below "
                                                               f"{readability.MIN_EASE_ES:g}"))
    if spanish:
        median = statistics.median(r.ease for r in spanish)
        if median < readability.MIN_MEDIAN_EASE_ES:
            hardest = min(spanish, key=lambda r: r.ease)
            problems.append(_readability_problem(
                tree, hardest, f"the median Fernández-Huerta reading ease of the Spanish pages is {median:.1f}, below "
                               f"{readability.MIN_MEDIAN_EASE_ES:g}, and this page is the hardest ({hardest.ease})"))
    if results:
        median = statistics.median(r.grade for r in results)
        if median > readability.MAX_MEDIAN_GRADE:
            hardest = max(results, key=lambda r: r.grade)
            problems.append(_readability_problem(
                tree, hardest, f"the median reading grade of all pages is {median:.1f}, above {readability.MAX_MEDIAN_GRADE:g}, "
                               f"and this page is the hardest ({hardest.grade})"))
    return problems


_EDIT_LINK = re.compile(r'<a href="([^"]+)" rel="edit"')


def check_edit_links(tree: Tree) -> list[str]:
    """Every page has an "Edit this page" link to its file in the repository, for
    editors, in the footer (overrides/partials/footer-editors.html)."""
    repo, edit_uri = str(tree.config.get("repo_url") or ""), str(tree.config.get("edit_uri") or "")
    problems = []
    for page in tree.pages:
        html = tree.html(page.src)
        if html is None:
            continue
        expected = posixpath.join(repo.rstrip("/") + "/", edit_uri, page.src) if repo and edit_uri else None
        footer = html[html.find("</article>"):]
        if not expected or expected not in _EDIT_LINK.findall(footer):
            problems.append(f"{page.where}:1: the page has no \"Edit this page\" link to its file in the footer: "
                            "set repo_url and edit_uri in mkdocs.yml")
    return problems


# In the order an editor best fixes them: a build problem can hide the others.
ALL_CHECKS = (check_build, check_front_matter, check_sources, check_nav, check_links, check_headings,
              check_alt_text, check_spelling, check_markdown_style, check_readability, check_edit_links)
# Checks that read only the Markdown and data/ (no build needed): they run first.
# check_links is in both: without a build it checks pages and files, with one also #sections.
MARKDOWN_CHECKS = (check_front_matter, check_sources, check_nav, check_links, check_headings,
                   check_spelling, check_markdown_style)
SITE_CHECKS = (check_links, check_alt_text, check_readability, check_edit_links)


def run_all(tree: Tree) -> list[str]:
    problems = []
    for check in ALL_CHECKS:
        problems += check(tree)
    return list(dict.fromkeys(problems))  # a mistake that stops the build is also found by its own check


# --- helpers ---------------------------------------------------------------------------


def html_path(src: str) -> str:
    """Where MkDocs writes a page (use_directory_urls): index.md -> index.html, a/b.md -> a/b/index.html."""
    return address(src).lstrip("/") + "index.html"


def source_ids(tree: Tree) -> set[str]:
    """The ids in data/sources.yml, read without the full data check (check_sources does that)."""
    try:
        document = yaml.safe_load(_read(tree.data_dir / "sources.yml"))
    except (OSError, yaml.YAMLError):
        return set()
    return set(document) if isinstance(document, dict) else set()


def nav_entries(config_file: Path) -> dict[str, int]:
    """Every page named in `nav:` with its line in mkdocs.yml."""
    root = yaml.compose(_read(config_file), Loader=ConfigLoader)
    nav = next((value for key, value in getattr(root, "value", []) if key.value == "nav"), None)
    found: dict[str, int] = {}

    def walk(node):
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if not SCHEME.match(value) and value.endswith(".md"):
                found[value.lstrip("/")] = node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            for _, value in node.value:
                walk(value)

    if nav is not None:
        walk(nav)
    return found


def build_site(root: Path, site_dir: Path) -> tuple[int, str]:
    """The build as `make site` runs it (guide/build.py; strict mode comes from mkdocs.yml)."""
    from guide import build

    result = build.run(site_dir, root=root)
    return result.returncode, result.stdout + result.stderr


def _link_targets(line: str, own_site: str = ""):
    """(target, whether it is written in HTML) of each link on the line to our own pages and files."""
    own = own_site.split("://", 1)[-1].rstrip("/")
    for pattern in LINK_TARGETS:
        for match in pattern.finditer(line):
            target = match.group(1)
            if own and "://" in target and target.split("://", 1)[1].startswith(own):
                yield target, pattern is LINK_TARGETS[-1]  # a full link to our own site: an internal link
                continue
            if "{{" in target or "{%" in target or SCHEME.match(target) or target.startswith("//"):
                continue  # a template value, or another website
            yield target, pattern is LINK_TARGETS[-1]


# MkDocs leaves a link in raw HTML as written (relative to the page's address); Zensical
# rewrites it as if relative to the Markdown file, and it breaks (benchmarks/generators.md).
# Neither checks it. A Markdown link is checked, and right with both generators.
_HTML_LINK_PROBLEM = ("a link written in HTML: write it in Markdown, [words](page.md) or ![description](file.svg), "
                      "so the build checks it and every generator writes it right")


def _link_problem(tree: Tree, page: Page, target: str) -> str | None:
    path, _, anchor = target.partition("#")
    path = unquote(path)
    if path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
        if resolved.startswith("../"):
            return "it points outside docs/: link to a page's .md file, relative to this page"
        if path.endswith(".md"):
            if not (tree.docs_dir / resolved).is_file():
                return "there is no such page in docs/: check the file name and folder (../ goes up one folder)"
        elif path.endswith("/") or (tree.docs_dir / resolved).is_dir():
            return "link to the page's .md file instead, e.g. treatment/index.md (MkDocs then checks it)"
        elif not (tree.docs_dir / resolved).is_file() and not (tree.site_dir and (tree.site_dir / resolved).is_file()):
            return "there is no such file: check the file name and folder"
        else:
            return None  # a file (image, PDF): it has no sections
        target_src = resolved
    else:
        target_src = page.src
    if not anchor or tree.site_dir is None:
        return None
    html = tree.html(target_src)
    if html is None:
        return None
    ids = re.findall(r"\bid=[\"']([^\"']+)[\"']", html)
    if anchor in ids:
        return None
    headings = re.findall(r"<h[2-6][^>]*\bid=[\"']([^\"']+)[\"']", html)
    hint = f"use one of: {', '.join('#' + h for h in headings[:8])}" if headings else "link to the page without #"
    return f"'{target_src}' has no section '#{anchor}': {hint}"


def _log_messages(log: str):
    """(level, message) for each message of a MkDocs build.

    Indented lines continue the message above them; a line without a level
    (MkDocs' final "Page error: ..." when a hook stops the build) stands alone.
    """
    current = None
    for line in log.splitlines():
        match = re.match(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(.*)$", line)
        if current and not match and line[:1].isspace() and line.strip():
            current[1] += " " + line.strip()
            continue
        if current:
            yield tuple(current)
            current = None
        if match:
            current = [match.group(1), match.group(2).strip()]
        elif line.strip() and not line.startswith("Aborted with"):  # strict mode's summary: each warning is reported
            current = ["TEXT", line.strip()]
    if current:
        yield tuple(current)


def _is_link_warning(message: str) -> bool:
    return message.startswith("Doc file '") and " contains " in message and "link" in message


def _is_nav_warning(message: str) -> bool:
    # check_nav reports these, with the line to change.
    return message.startswith("The following pages exist in the docs directory") or " is included in the 'nav' configuration" in message


def _mkdocs_link_warnings(log: str):
    for level, message in _log_messages(log):
        if level != "WARNING" or not _is_link_warning(message):
            continue
        match = re.match(r"Doc file '([^']+)' contains (?:an? )?(?:\w+ )*link '([^']+)', (?:but )?(.*?)\.?$", message)
        if match:
            yield match.group(1), match.group(2), match.group(3)


def _readability_problem(tree: Tree, result, what: str) -> str:
    page = tree.page(result.src)
    words = len(result.longest.split())
    number = (page.line_of_sentence(result.longest) if page else None) or (page.first_heading_line() if page else 1)
    start = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(result.longest.split()[:8])).rstrip(",;:")
    return (f"docs/{result.src}:{number}: readability: {what}: use shorter sentences and everyday words; "
            f"start with the longest sentence ({words} words): \"{start} …\"")


def _parse_front_matter(block: str) -> tuple[dict, str | None]:
    """The front matter as a dict, or why it cannot be read ("LINE: problem: fix")."""
    try:
        meta = yaml.safe_load(block) or {}
    except ValueError:
        # A date that does not exist (2026-02-30): read it as text, so the date check names it.
        meta = yaml.load(block, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # + the opening --- line
        return {}, (f"{line}: front matter: cannot be read ({getattr(error, 'problem', None) or 'not valid YAML'}): "
                    "write each line as `key: value`, lists as [a, b], like the other pages")
    if not isinstance(meta, dict):
        return {}, "1: front matter: cannot be read: write each line as `key: value`, like the other pages"
    return meta, None


def _key_lines(block: str) -> dict[str, int]:
    """{key: line in the file} for a front-matter block (the block starts on line 2)."""
    found = {}
    for number, line in enumerate(block.splitlines(), start=2):
        match = re.match(r"^([A-Za-z_]\w*)\s*:", line)
        if match:
            found[match.group(1)] = number
    return found


def _listed_sources(page: Page) -> set[str]:
    sources = page.meta.get("sources")
    return {str(s) for s in sources} if isinstance(sources, list) else set()


def _not_in_nav(config: dict):
    """A function telling whether MkDocs' `not_in_nav` setting leaves a page out of the menu on purpose."""
    patterns = str(config.get("not_in_nav") or "").splitlines()
    if not any(p.strip() for p in patterns):
        return lambda src: False
    import pathspec

    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(patterns)
    return lambda src: spec.match_file(src)


def _line_of_key(path: Path, key: str) -> int:
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def _relative(text: str, root: Path) -> str:
    """Paths as an editor sees them: docs/x.md, not /home/.../docs/x.md."""
    for base in {str(root), str(root.resolve()), str(ROOT)}:
        text = text.replace(base.rstrip("/") + "/", "")
    return text


def _read(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8")


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else ROOT
    with tempfile.TemporaryDirectory(prefix="site-") as site_dir:
        _, log = build_site(root, Path(site_dir))
        problems = run_all(Tree(root=root, site_dir=Path(site_dir), build_log=log))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found" if problems else "All content checks passed.", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
