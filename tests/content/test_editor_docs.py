"""What CONTRIBUTING.md promises editors is true of the project.

- its table maps every name a page may use in `{{ }}` to where it comes from;
- every file in data/ starts with comment lines that explain it;
- the fast check has one name, `make content`, in the README, CONTRIBUTING.md,
  the Makefile and the test workflow.
"""

from __future__ import annotations

import re

import pytest

from guide import DATA_FILES, pages, urls
from guide.data import load
from project import ROOT

pytestmark = pytest.mark.content

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def template_names() -> set[str]:
    """Every top-level name a page template can use, from the code that renders pages."""
    names = set()
    data = load()
    source = next(iter(data.sources))
    try:  # ask the renderer: an unknown name is answered with the list of names there are
        pages.render("{{ no_such_name_at_all }}", pages.PageContext(src="x.md", meta={"sources": [source]}, body_offset=0),
                     data, extra=urls.template_names([]))
    except pages.PageError as error:
        names = set(re.search(r"names here: ([^)]*)\)", str(error)).group(1).split(", "))
    return names


def test_contributing_table_names_every_template_name():
    table = [line for line in CONTRIBUTING.splitlines() if line.startswith("| `{{")]
    listed = {name for line in table for name in re.findall(r"`\{\{ ([a-z_]+)", line.split("|")[1])}
    missing = template_names() - listed
    assert not missing, f"CONTRIBUTING.md: add these to the table of {{{{ name }}}} and data files: {sorted(missing)}"
    for line in table:
        for file in re.findall(r"data/[a-z_]+\.(?:yml|csv)", line):
            assert (ROOT / file).exists(), f"CONTRIBUTING.md names {file}, which does not exist"


@pytest.mark.parametrize("name", [*DATA_FILES, "urls.yml"])
def test_every_data_file_starts_with_comments_that_explain_it(name):
    lines = (ROOT / "data" / name).read_text(encoding="utf-8-sig").splitlines()
    comments = [line for line in lines[:3] if line.startswith("#")]
    assert len(comments) >= 2, f"data/{name}: start the file with # comment lines that say what it holds and what each field means"


def test_the_fast_check_has_one_name_everywhere():
    for file in ("README.md", "CONTRIBUTING.md", "Makefile", ".github/workflows/test.yml"):
        text = (ROOT / file).read_text(encoding="utf-8")
        assert "make content" in text or re.search(r"^content:", text, re.M), f"{file} does not name `make content`"
        assert "guide.checks" not in text, f"{file}: call the fast check `make content`, not by another name"
