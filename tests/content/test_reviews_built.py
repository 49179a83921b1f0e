"""What readers and search engines see of the review, the report link and the JSON-LD.

On the real site: every page has one valid schema.org MedicalWebPage block, whose
review properties appear exactly when the page shows a matching review; every page
has its "Report a problem" link and the link to the standards page.

In a throw-away copy, the whole story of issue 13: fresh, every page "Not yet
clinically reviewed"; one page signed, only it shows the reviewer (and its JSON-LD
has lastReviewed/reviewedBy); its text or a data value it shows changes, and it
says "Changed since its clinical review" (JSON-LD without them); REQUIRE_REVIEW=1
stops the build naming the pages. These build the site several times, so they run
in the full test run (`make test`), not in `pytest -m content`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from guide import feedback, reviews, urls
from planting import edit
from project import ROOT, copy_project, run_build

REQUIRED = ("name", "description", "url", "inLanguage", "dateModified", "about", "audience", "citation")
STATUS = re.compile(r"^(Not yet clinically reviewed|Clinically reviewed by .+, .+, on \d{1,2} \w+ \d{4}|"
                    r"Changed since its clinical review on \d{1,2} \w+ \d{4})")


def pages_of(site: Path, spanish: bool = False) -> dict[str, BeautifulSoup]:
    """{docs path: parsed page} for every English page in data/urls.yml (or every Spanish one)."""
    docs = urls.scan_docs(ROOT / "docs")
    return {src: BeautifulSoup((site / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
            for path, src in docs.items() if src.startswith("es/") == spanish}


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def status(soup: BeautifulSoup) -> str:
    return soup.select_one("article .sg-review .sg-review__status").get_text(" ", strip=True)


def build(root: Path, **env: str) -> subprocess.CompletedProcess:
    return run_build(root / "site", cwd=root, env=env)


# --- the real site -----------------------------------------------------------------


def test_every_page_has_one_valid_medical_web_page_block(built_site):
    problems = []
    for src, soup in pages_of(built_site).items():
        blocks = json_ld(soup)
        if len(blocks) != 1:
            problems.append(f"{src}: {len(blocks)} JSON-LD blocks")
            continue
        block = blocks[0]
        problems += [f"{src}: no {key}" for key in REQUIRED if not block.get(key)]
        if block.get("@context") != "https://schema.org" or block.get("@type") != "MedicalWebPage":
            problems.append(f"{src}: not a schema.org MedicalWebPage")
        if block.get("about", {}).get("@type") != "MedicalCondition":
            problems.append(f"{src}: `about` is not a MedicalCondition")
        expected = "Clinician" if src == "clinicians.md" else "Patient"
        if block.get("audience") != {"@type": "MedicalAudience", "audienceType": expected}:
            problems.append(f"{src}: audience is {block.get('audience')}, expected {expected}")
        canonical = soup.find("link", rel="canonical")["href"]
        if block.get("url") != canonical:
            problems.append(f"{src}: url {block.get('url')} is not the page's address {canonical}")
        listed = yaml.safe_load((ROOT / "docs" / src).read_text(encoding="utf-8").split("---")[1])["sources"]
        cited = [c.get("url") for c in block.get("citation", [])]
        if len(cited) != len(listed) or not all(cited):
            problems.append(f"{src}: {len(cited)} citations for {len(listed)} sources")
        shown = status(soup)
        if not STATUS.match(shown):
            problems.append(f"{src}: review status reads {shown!r}")
        reviewed = shown.startswith("Clinically reviewed by")
        for key in ("lastReviewed", "reviewedBy"):
            if (key in block) != reviewed:
                problems.append(f"{src}: {key} {'missing' if reviewed else 'present'}, but the page says {shown!r}")
    assert not problems, "\n".join(problems)


def test_every_page_links_to_report_a_problem_and_to_our_standards(built_site):
    problems = []
    for src, soup in pages_of(built_site).items():
        link = soup.find("a", string=re.compile("Report a problem with this page"))
        canonical = soup.find("link", rel="canonical")["href"]
        if link is None:
            problems.append(f"{src}: no 'Report a problem with this page' link")
        else:
            where = urlsplit(link["href"])
            query = parse_qs(where.query)
            if f"{where.scheme}://{where.netloc}{where.path}" != "https://github.com/synkinesis-guide/synkinesis/issues/new":
                problems.append(f"{src}: report link goes to {link['href']}")
            if query.get("template") != [feedback.ISSUE_FORM] or query.get(feedback.PAGE_FIELD) != [canonical]:
                problems.append(f"{src}: report link does not fill in the form and the page address: {link['href']}")
        footer_links = {a.get_text(strip=True): a["href"] for a in soup.select("nav.sg-site-links a")}
        if not footer_links.get("About us and our standards", "").rstrip("/").endswith("standards") and src != "standards.md":
            problems.append(f"{src}: no link to 'About us and our standards' above the footer: {footer_links}")
    assert not problems, "\n".join(problems)


def test_the_issue_form_asks_what_is_wrong_and_warns_about_medical_details():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / feedback.ISSUE_FORM).read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in form["body"] if item.get("id")}
    assert fields[feedback.PAGE_FIELD]["type"] == "input"
    assert fields["problem"]["type"] == "textarea" and fields["problem"]["validations"]["required"]
    warning = next(item for item in form["body"] if item["type"] == "markdown")["attributes"]["value"]
    assert "do not post personal medical details" in warning.lower()


# --- the story of one review, in a copy ----------------------------------------------


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """Build a fresh copy, sign the home page and About, build; change both, build again."""
    root = copy_project(tmp_path_factory.mktemp("review-story") / "project")
    (root / "data" / "reviewers.yml").write_text("reviewers: {}\n", encoding="utf-8")
    (root / "data" / "reviews.yml").write_text("reviews: []\n", encoding="utf-8")
    edit(root / "mkdocs.yml", 'email: ""', "email: editors@example.org")   # a reserved test domain
    builds = {}

    def snapshot(name):
        result = build(root)
        assert result.returncode == 0, result.stdout + result.stderr
        builds[name] = pages_of(root / "site")
        builds[name + ":es"] = pages_of(root / "site", spanish=True)

    snapshot("fresh")
    required = build(root, REQUIRE_REVIEW="1")
    assert reviews.main(["add-reviewer", "tester", "--name", "Test Reviewer", "--role", "Test role",
                         "--conflicts", "None declared"], root=root) == 0
    for page in ("docs/index.md", "docs/about.md", "docs/glossary.md"):
        assert reviews.main(["sign", page, "--by", "tester"], root=root) == 0
    snapshot("signed")
    edit(root / "docs" / "index.md", "## Key facts", "## Key fact")                  # a one-word edit
    included = re.search(r"included: (\d+)", (root / "data" / "study.yml").read_text(encoding="utf-8")).group(1)
    edit(root / "data" / "study.yml", f"included: {included}", f"included: {int(included) - 1}")  # a number About shows
    snapshot("changed")
    return builds, required


def pages_of_story(builds: dict, name: str) -> dict[str, BeautifulSoup]:
    return builds[name + ":es"]


def test_fresh_every_page_not_yet_reviewed(story):
    builds, _ = story
    for src, soup in builds["fresh"].items():
        assert status(soup) == "Not yet clinically reviewed", src
        assert "lastReviewed" not in json_ld(soup)[0], src


def test_signed_pages_and_only_they_show_the_reviewer(story):
    builds, _ = story
    today = date.today()
    for src, soup in builds["signed"].items():
        block = json_ld(soup)[0]
        if src in ("index.md", "about.md", "glossary.md"):
            assert status(soup) == f"Clinically reviewed by Test Reviewer, Test role, on {today.day} {today:%B %Y}", src
            assert block["lastReviewed"] == today.isoformat()
            assert block["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer", "jobTitle": "Test role"}
        else:
            assert status(soup) == "Not yet clinically reviewed", src
            assert "lastReviewed" not in block and "reviewedBy" not in block, src
    # A Spanish page shows the clinical review of the English page it translates (in Spanish,
    # with lastReviewed in its JSON-LD), then its own translation's status: not reviewed.
    for src, soup in pages_of_story(builds, "signed").items():
        english = src.removeprefix("es/")
        block = json_ld(soup)[0]
        translation = soup.select_one("article .sg-review .sg-review__translation").get_text(" ", strip=True)
        assert translation.startswith("Traducción aún no revisada"), src
        if english in ("index.md", "about.md", "glossary.md"):
            months = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre").split()
            assert status(soup) == (f"Revisado clínicamente por Test Reviewer, Test role, el {today.day} de "
                                    f"{months[today.month - 1]} de {today.year}"), src
            assert block["lastReviewed"] == today.isoformat(), src
        else:
            assert status(soup) == "Aún sin revisión clínica", src
            assert "lastReviewed" not in block, src
    # The standards page lists the reviewer and their declared conflicts.
    standards = " ".join(builds["signed"]["standards.md"].select_one("article").get_text(" ").split())
    assert "Test Reviewer , Test role. Conflicts of interest: None declared" in standards


def test_a_change_to_the_text_or_to_a_number_it_shows_ends_the_review(story):
    builds, _ = story
    today = date.today()
    for src in ("index.md", "about.md"):
        soup = builds["changed"][src]
        assert status(soup) == f"Changed since its clinical review on {today.day} {today:%B %Y}", src
        block = json_ld(soup)[0]
        assert "lastReviewed" not in block and "reviewedBy" not in block, src
    assert status(builds["changed"]["glossary.md"]).startswith("Clinically reviewed by"), "an unrelated page keeps its review"


def test_require_review_stops_the_build_naming_each_page(story):
    _, required = story
    assert required.returncode != 0
    output = required.stdout + required.stderr
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src = path.relative_to(ROOT / "docs").as_posix()
        assert f"Review error: docs/{src}: not yet clinically reviewed" in output, src
    assert "Traceback" not in output


def test_with_an_email_address_set_every_page_offers_it_too(story):
    builds, _ = story
    for src, soup in builds["fresh"].items():
        mail = soup.select_one(".sg-report a[href^='mailto:']")
        assert mail is not None, src
        where = urlsplit(mail["href"])
        assert where.path == "editors@example.org", src
        assert parse_qs(where.query)["subject"] == [f"Problem on {soup.find('link', rel='canonical')['href']}"], src
