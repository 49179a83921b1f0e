"""What the checks read: the project's pages (Page) and, once built, its site (Tree)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml

from guide import FRONT_MATTER, ROOT
from guide.config import ConfigLoader
from guide.paths import address


FENCE = re.compile(r"^ {0,3}(```|~~~)")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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
        return yaml.load(read(self.root / "mkdocs.yml"), Loader=ConfigLoader) or {}

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
        text = read(path)
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


def html_path(src: str) -> str:
    """Where MkDocs writes a page (use_directory_urls): index.md -> index.html, a/b.md -> a/b/index.html."""
    return address(src).lstrip("/") + "index.html"


def source_ids(tree: Tree) -> set[str]:
    """The ids in data/sources.yml, read without the full data check (check_sources does that)."""
    try:
        document = yaml.safe_load(read(tree.data_dir / "sources.yml"))
    except (OSError, yaml.YAMLError):
        return set()
    return set(document) if isinstance(document, dict) else set()


def log_messages(log: str):
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


def relative(text: str, root: Path) -> str:
    """Paths as an editor sees them: docs/x.md, not /home/.../docs/x.md."""
    for base in {str(root), str(root.resolve()), str(ROOT)}:
        text = text.replace(base.rstrip("/") + "/", "")
    return text


def read(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8")
