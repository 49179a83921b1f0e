"""Plain-Python logic behind the Synkinesis Guide: data, figures, pages, checks.

The build runs them as plain steps (prepare.py, then any generator, then
finish.py); no generator's hooks or plugins are needed. This module
stays free of heavy imports: build_figures.py reads it on every run to decide
whether anything needs redrawing.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

# An average month in days: one conversion for data, figures and the timeline tool.
DAYS_PER_MONTH = 365.25 / 12

# The files that make up the site's data (schemas in guide/data.py).
DATA_FILES = ("sources.yml", "natural_course.csv", "study.yml", "treatments.yml", "prevalence.yml", "glossary.yml")

# A page's YAML front matter between --- lines, as MkDocs reads it (`...` may close it too).
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


# The build's folders under build/: the generator writes its site to build/[FOLDER/]generated/.
GENERATED = "generated"
# What prepare works out for finish from the checked data (glossary words, moved
# sections, redirects, patients' search words), so finish loads no data models: BUILD/finish.json.
HANDOVER = "finish.json"


class PageError(Exception):
    """A problem in a page, as `docs/PAGE.md:LINE: what is wrong: how to fix it`.
    Here, not in pages.py, so that modules reading addresses need not load the renderer."""

    def __init__(self, src: str, line: int | None, problem: str):
        self.src, self.line, self.problem = src, line, problem
        super().__init__(f"docs/{src}:{line or 1}: {problem}")
