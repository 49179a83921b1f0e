"""What changed on which page, when: the readers' changelog, made from git history.

Every commit that touched docs/ or data/ becomes one entry: its date, its
message, and the pages (or kinds of facts) it changed. Nothing is typed twice:
the history is the record. In a copy of the site without git history (a
downloaded archive) there is no record to show, and `changes()` returns None so
the page can say so instead of showing an empty or invented list.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from guide.data import format_date

LIMIT = 60   # newest entries shown; the full history stays on GitHub
# What a change to a data file means for a reader.
DATA_WORDS = {
    "sources.yml": "the list of sources",
    "natural_course.csv": "the study's numbers on how synkinesis changes over time",
    "study.yml": "facts about the study",
    "treatments.yml": "facts about treatments",
    "prevalence.yml": "how common synkinesis is",
    "glossary.yml": "the meanings of medical words",
    "reviews.yml": "clinical reviews",
    "reviewers.yml": "the list of clinical reviewers",
}
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    day: date
    message: str
    pages: tuple[tuple[str, str], ...]   # (title, address) of each page changed, e.g. ("Myectomy", "treatment/myectomy/")
    facts: tuple[str, ...]               # what changed in data/, in words

    @property
    def when(self) -> str:
        return format_date(self.day)


def changes(root: Path, titles: dict[str, tuple[str, str]], limit: int = LIMIT) -> list[Change] | None:
    """Newest first; None when `root` is not a git checkout (or git is missing).

    `titles`: {docs path: (title, address)} of every page (from guide/urls.py).
    """
    if not (root / ".git").exists():   # never read the history of a folder above the project
        return None
    try:
        log = subprocess.run(["git", "log", "--no-merges", f"-n{limit}", f"--format={_RECORD}%cs{_FIELD}%s",
                              "--name-only", "--", "docs", "data"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [change for record in log.split(_RECORD)[1:] if (change := _parse(record, titles))]


def _parse(record: str, titles: dict[str, tuple[str, str]]) -> Change | None:
    head, _, files = record.partition("\n")
    day, _, message = head.partition(_FIELD)
    pages, facts = [], []
    for name in filter(None, (line.strip() for line in files.splitlines())):
        folder, _, rest = name.partition("/")
        if folder == "docs" and rest in titles:
            pages.append(titles[rest])
        elif folder == "data" and rest in DATA_WORDS:
            facts.append(DATA_WORDS[rest])
    if not (pages or facts):
        return None   # pictures or files readers never see
    return Change(date.fromisoformat(day), _plain(message), tuple(pages), tuple(facts))


_TEMPLATE_CODE = re.compile(r"\s*\(?\{\{.*?\}\}\)?")


def _plain(message: str) -> str:
    """A commit subject for readers: without page-template code such as `({{ booklet_links() }})`,
    which means nothing to them (and would look like a page that failed to build)."""
    return _TEMPLATE_CODE.sub("", message).strip()
