"""Clinical review bound to the text (guide/reviews.py): `pytest -m content`, no build.

The commands run as an editor runs them (`python -m guide.reviews ...`) in a
throw-away copy of the project, then the status of every page is read back.
The built pages (status line, JSON-LD) are tested in tests/content/test_reviews_built.py.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from guide import feedback, reviews, structured_data
from guide.data import load
from planting import edit
from project import ROOT, copy_project

pytestmark = pytest.mark.content

REVIEWER = ["add-reviewer", "tester", "--name", "Test Reviewer", "--role", "Test role", "--conflicts", "None declared"]


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command exactly as an editor types it, in the copy (slower: a new Python each time)."""
    return subprocess.run([sys.executable, "-m", "guide.reviews", *args], cwd=root, capture_output=True, text=True)


def run(root: Path, *args: str) -> int:
    """The same command line, in this process (guide.reviews.main with the copy as its root)."""
    return reviews.main(list(args), root=root)


def empty_reviews(root: Path) -> Path:
    """A copy as on a fresh clone: no reviewer, no review."""
    (root / "data" / "reviewers.yml").write_text("reviewers: {}\n", encoding="utf-8")
    (root / "data" / "reviews.yml").write_text("reviews: []\n", encoding="utf-8")
    return root


@pytest.fixture
def fresh(tmp_path) -> Path:
    return empty_reviews(copy_project(tmp_path / "project"))


@pytest.fixture
def signed(fresh) -> Path:
    """A fresh copy with one reviewer who signed the home page today."""
    assert run(fresh, *REVIEWER) == 0
    assert run(fresh, "sign", "docs/index.md", "--by", "tester") == 0
    return fresh


def states(root: Path) -> dict[str, str]:
    return {src: s.state for src, s in reviews.site_statuses(root).items()}


def test_the_real_project_has_no_overdue_review():
    # The content check an editor sees: a page whose review is overdue fails here, named with its date.
    problems = reviews.overdue(reviews.site_statuses(ROOT))
    assert not problems, "\n".join(problems)


def test_a_fresh_project_has_no_reviewed_page(fresh):
    found = reviews.site_statuses(fresh)
    assert set(found) == {p.relative_to(fresh / "docs").as_posix() for p in (fresh / "docs").rglob("*.md")}
    assert {s.state for s in found.values()} == {reviews.NEVER}
    assert {s.headline for s in found.values()} == {"Not yet clinically reviewed"}
    listed = cli(fresh, "status").stdout.splitlines()
    assert listed and all(line.endswith(": never reviewed") for line in listed), listed


def test_signing_one_page_reviews_only_that_page(signed, capsys):
    found = reviews.site_statuses(signed)
    assert {src for src, s in found.items() if s.state != reviews.NEVER} == {"index.md"}
    home = found["index.md"]
    today = date.today()
    assert home.state == reviews.REVIEWED
    assert home.headline == f"Clinically reviewed by Test Reviewer, Test role, on {today.day} {today:%B %Y}"
    record = yaml.safe_load((signed / "data" / "reviews.yml").read_text(encoding="utf-8"))["reviews"]
    assert record == [{"page": "docs/index.md", "reviewer": "tester", "date": today,
                       "next_review": reviews.add_years(today, 3), "fingerprint": home.fingerprint}]
    assert run(signed, "status") == 0
    assert "docs/index.md: reviewed" in capsys.readouterr().out


def test_comments_at_the_top_of_the_records_survive_signing(tmp_path):
    root = copy_project(tmp_path / "project")
    header = [line for line in (root / "data" / "reviews.yml").read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert run(root, "add-reviewer", "other", "--name", "N", "--role", "R", "--conflicts", "None declared") == 0
    assert run(root, "sign", "docs/glossary.md", "--by", "other") == 0
    lines = (root / "data" / "reviews.yml").read_text(encoding="utf-8").splitlines()
    assert lines[:len(header)] == header


def test_a_one_word_edit_ends_the_review(signed, capsys):
    edit(signed / "docs" / "index.md", "## Key facts", "## Key fact")
    home = reviews.site_statuses(signed)["index.md"]
    assert home.state == reviews.CHANGED
    today = date.today()
    assert home.headline == f"Changed since its clinical review on {today.day} {today:%B %Y}"
    assert run(signed, "status") == 0
    assert "docs/index.md: changed since review" in capsys.readouterr().out


def test_a_data_value_the_page_shows_ends_the_review(fresh):
    assert run(fresh, *REVIEWER) == 0
    for page in ("docs/about.md", "docs/glossary.md"):
        assert run(fresh, "sign", page, "--by", "tester") == 0
    # The About page shows the number of people in the paper's cohort; the glossary does not.
    data = load(fresh / "data")
    included = data.study.cohorts["paper"].included
    edit(fresh / "data" / "study.yml", f"included: {included}", f"included: {included - 1}")
    assert states(fresh)["about.md"] == reviews.CHANGED
    assert states(fresh)["glossary.md"] == reviews.REVIEWED


def test_a_changed_source_entry_ends_the_review(fresh):
    assert run(fresh, *REVIEWER) == 0
    assert run(fresh, "sign", "docs/standards.md", "--by", "tester") == 0
    edit(fresh / "data" / "sources.yml", "url: https://www.w3.org/TR/WCAG22/", "url: https://www.w3.org/TR/WCAG21/")
    assert states(fresh)["standards.md"] == reviews.CHANGED


def test_an_overdue_review_is_reported_with_page_and_date(fresh):
    assert run(fresh, *REVIEWER) == 0
    long_ago = date.today() - timedelta(days=4 * 365)
    assert run(fresh, "sign", "docs/glossary.md", "--by", "tester", "--date", long_ago.isoformat()) == 0
    found = reviews.site_statuses(fresh)
    due = reviews.add_years(long_ago, 3)
    assert found["glossary.md"].state == reviews.OVERDUE
    assert reviews.overdue(found) == [f"docs/glossary.md: clinical review overdue since {due}: have the page reviewed again, "
                                      "then run `python -m guide.reviews sign docs/glossary.md --by REVIEWER`"]
    assert f"{due.day} {due:%B %Y}" in found["glossary.md"].detail


@pytest.mark.parametrize("args, message", [
    (["sign", "docs/index.md", "--by", "nobody"],
     "error: reviewer 'nobody' is not in data/reviewers.yml (known: none yet): add them first with `python -m guide.reviews add-reviewer`"),
    (["sign", "docs/no-such-page.md", "--by", "nobody"], "error: docs/no-such-page.md: no such page: give a file in docs/, e.g. docs/index.md"),
    (["add-reviewer", "Bad Id", "--name", "N", "--role", "R", "--conflicts", "None declared"],
     "error: reviewer id 'Bad Id': use lower-case letters, digits, - and _ (e.g. asmith)"),
])
def test_command_mistakes_are_one_line_each(fresh, args, message, capsys):
    assert run(fresh, *args) == 1
    assert capsys.readouterr().err.strip() == message
    assert (fresh / "data" / "reviews.yml").read_text(encoding="utf-8") == "reviews: []\n", "nothing is written"


def test_next_review_at_most_three_years_on(signed, capsys):
    assert run(signed, "sign", "docs/glossary.md", "--by", "tester", "--date", "2026-01-10", "--next-review", "2029-01-11") == 1
    assert capsys.readouterr().err.strip() == ("error: --next-review: next_review (2029-01-11) is more than 3 years after date (2026-01-10): "
                                     "set it to 2029-01-10 or earlier")


def test_a_hand_edited_record_with_an_unknown_reviewer_names_file_and_line(signed):
    path = signed / "data" / "reviews.yml"
    edit(path, "reviewer: tester", "reviewer: someone")
    result = cli(signed, "status")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "someone" in text)
    assert result.stderr.strip() == (f"error: data/reviews.yml:{line}: reviews[0].reviewer: 'someone' is not in data/reviewers.yml: "
                                     "add them with `python -m guide.reviews add-reviewer`")


def test_structured_data_has_review_properties_only_with_a_matching_review(signed):
    data = load(signed / "data")
    found = reviews.site_statuses(signed)
    common = dict(title="T", description="D", url="https://example.org/", language="en", modified="2026-01-01",
                  audience="patients", sources=[data.sources["rail2025"]])
    reviewed = structured_data.page_data(**common, review=found["index.md"])
    assert reviewed["lastReviewed"] == date.today().isoformat()
    assert reviewed["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer", "jobTitle": "Test role"}
    edit(signed / "docs" / "index.md", "## Key facts", "## Key fact")
    changed = structured_data.page_data(**common, review=reviews.site_statuses(signed)["index.md"])
    assert "lastReviewed" not in changed and "reviewedBy" not in changed


def test_json_ld_cannot_close_its_script_element():
    tag = structured_data.script_tag({"name": "</script><script>alert(1)</script>"})
    assert tag.count("</script>") == 1 and "\\u003c/script>" in tag


def test_without_an_email_address_only_the_issue_form_is_offered():
    # mkdocs.yml ships without one: a made-up address would send readers' reports to nobody.
    assert feedback.links("https://github.com/o/r", {"email": ""}, "https://x.org/a/", "A")["email"] is None
    assert feedback.links("https://github.com/o/r", {"email": "e@x.org"}, "https://x.org/a/", "A")["email"] == \
        "mailto:e@x.org?subject=Problem%20on%20https%3A%2F%2Fx.org%2Fa%2F"
