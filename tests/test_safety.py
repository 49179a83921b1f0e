"""Safety information (issue 12 §3) and the general pages' fixes (issues 12 and 17).

- The urgent-help box is on every built page, above the article, with both
  emergency numbers (999 for the UK, 911 for the US) and links to its sources.
  Expectations come from data/safety.yml and data/sources.yml read here with
  plain YAML, not from the code that renders the box.
- Eye care for an eye that does not close well is on "Living with synkinesis".
- The study is described in one wording (data/study.yml `design.summary`) on
  the handout and the clinicians' page, never as following people "from the
  start of their palsy".
- The handout's title matches its menu entry; it has 3 key facts and a box for
  the clinic's name and phone.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from guide import urls
from guide.data import DataError, load
from project import ROOT

pytestmark = pytest.mark.content

EMERGENCY_NUMBERS = ("999", "911")  # UK and US, as issue 12 asks


def read_yaml(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_pages(site: Path) -> list[Path]:
    # Every page in data/urls.yml, and each edition's 404 page.
    pages = [site / path.strip("/") / "index.html" for path in urls.load().paths]
    return [p for p in pages if p.exists()] + [site / "404.html", site / "es" / "404.html"]


def box_words(site: Path, page: Path) -> dict:
    """The box's words as data/ holds them: safety.yml, or for a Spanish page data/translations/es.yml."""
    urgent = read_yaml("safety.yml")["urgent"]
    if not page.relative_to(site).as_posix().startswith("es/"):
        return {"title": urgent["title"], "stroke": urgent["stroke"]["text"], "new_palsy": urgent["new_palsy"]["text"]}
    spanish = yaml.safe_load((ROOT / "data" / "translations" / "es.yml").read_text(encoding="utf-8"))["safety"]
    return {"title": spanish["urgent.title"], "stroke": spanish["urgent.stroke.text"],
            "new_palsy": spanish["urgent.new_palsy.text"]}


def words(text: str) -> str:
    return " ".join(text.split())


def test_urgent_box_on_every_page_with_both_numbers(built_site):
    safety = read_yaml("safety.yml")["urgent"]
    sources = read_yaml("sources.yml")
    pages = built_pages(built_site)
    assert len(pages) == len(urls.load().paths) + 2
    for page in pages:
        html = soup(page)
        boxes = html.select("aside.sg-urgent")
        assert len(boxes) == 1, f"{page.relative_to(built_site)}: {len(boxes)} urgent-help boxes"
        text = words(boxes[0].get_text(" "))
        for number in EMERGENCY_NUMBERS:
            assert re.search(rf"\b{number}\b", text), f"{page.relative_to(built_site)}: no {number} in {text!r}"
        expected = box_words(built_site, page)
        assert words(expected["title"]) in text
        for part in ("stroke", "new_palsy"):
            assert words(expected[part]) in text, f"{page.relative_to(built_site)}: the {part} text is missing"
        links = {a["href"] for a in boxes[0].select("a[href]")}
        for source_id in safety["stroke"]["sources"] + safety["new_palsy"]["sources"]:
            entry = sources[source_id]
            expected = f"https://doi.org/{entry['doi']}" if entry.get("doi") else entry["url"]
            assert expected in links, f"{page.relative_to(built_site)}: no link to {source_id}"


def test_urgent_box_is_above_the_article_and_outside_main(built_site):
    for page in built_pages(built_site):
        html = page.read_text(encoding="utf-8")
        box, main, article = html.find('class="sg-urgent"'), html.find("<main"), html.find("<article")
        assert -1 < box < main < article, f"{page.relative_to(built_site)}: the box must come before <main> and the article"
        aside = soup(page).select_one("aside.sg-urgent")
        assert aside.find_parent("main") is None
        assert aside.get("aria-labelledby") and soup(page).find(id=aside["aria-labelledby"]), "the landmark has a name"


def test_the_stroke_advice_names_both_a_uk_and_a_us_source():
    safety = read_yaml("safety.yml")["urgent"]
    sources = read_yaml("sources.yml")
    publishers = " ".join(f"{sources[i].get('authors', '')} {sources[i].get('publisher', '')}" for i in safety["stroke"]["sources"])
    assert "NHS" in publishers, "a UK source (NHS) for 999"
    assert re.search(r"American Stroke Association|CDC|Centers for Disease Control", publishers), "a US source for 911"


def test_a_safety_file_with_a_missing_part_names_the_file_and_field(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    text = (data_dir / "safety.yml").read_text(encoding="utf-8")
    (data_dir / "safety.yml").write_text(text.replace("  new_palsy:", "  new_palsi:"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load(data_dir)
    message = str(error.value)
    assert message.startswith("data/safety.yml:") and "new_palsi" in message and "\n" not in message, message


def test_a_safety_source_must_exist(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    text = (data_dir / "safety.yml").read_text(encoding="utf-8")
    (data_dir / "safety.yml").write_text(text.replace("[nhs_bells_palsy]", "[nhs_bells_pasly]"), encoding="utf-8")
    with pytest.raises(DataError, match=r"data/safety.yml:\d+: source: unknown source id 'nhs_bells_pasly'"):
        load(data_dir)


def section(html: BeautifulSoup, heading_start: str) -> str:
    """The text of the section whose heading starts with these words, up to the next heading."""
    heading = next((h for h in html.select("article h2") if h.get_text().startswith(heading_start)), None)
    assert heading is not None, f"no section {heading_start!r}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        parts.append(sibling.get_text(" "))
    return words(" ".join(parts))


def test_eye_care_is_on_living_with_synkinesis(built_site):
    html = soup(built_site / "living-with-synkinesis" / "index.html")
    text = section(html, "How do I look after my eye").lower()
    # Drops by day, ointment and taping at night; a red or painful eye, or a
    # change in sight, is urgent (issue 12 §3).
    for advice in ("eye drops", "ointment", "tape your eye closed", "red and painful", "change in your sight", "999"):
        assert advice in text, f"eye care: {advice!r} is missing"
    cited = {a["href"] for a in html.select("article h2 ~ p a[href^='#source-'], article h2 ~ ul a[href^='#source-']")}
    assert {"#source-barnsley_bells_palsy", "#source-nhs_red_eye"} <= cited


def test_the_study_is_described_one_way(built_site):
    summary = words(read_yaml("study.yml")["design"]["summary"]["value"].rstrip("."))
    for src in ("clinicians.md", "changes-over-time.md"):
        text = words(soup(built_site / urls.address(src).strip("/") / "index.html").select_one("article").get_text(" "))
        assert summary in text, f"docs/{src}: the study's one-sentence design is missing"
    for page in built_pages(built_site):
        article = soup(page).select_one("article")
        if article is not None:
            assert "from the start of their palsy" not in words(article.get_text(" ")), page.relative_to(built_site)


def nav_label(target: str) -> str:
    config = yaml.safe_load(re.sub(r"!!python\S*", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))

    def walk(node):
        for item in node:
            for label, value in item.items():
                if value == target:
                    return label
                if isinstance(value, list):
                    found = walk(value)
                    if found:
                        return found
        return None

    return walk(config["nav"])


def test_handout_title_matches_the_menu_with_three_facts_and_a_clinic_box(built_site):
    html = soup(built_site / "handout" / "index.html")
    assert words(html.select_one("article h1").get_text()).rstrip("¶").strip() == nav_label("handout.md")
    facts = html.select(".sg-handout-top ul > li")
    assert len(facts) == 3, f"{len(facts)} key facts on the handout"
    assert all(li.select("a[href^='#source-']") for li in facts), "each key fact cites its source"
    box = words(html.select_one(".sg-clinic-box").get_text(" "))
    assert "clinic" in box.lower() and "phone" in box.lower()
    assert len(html.select(".sg-clinic-box .sg-write-line")) == 2


def test_handout_addresses_wrap_only_after_a_slash(built_site):
    html = soup(built_site / "handout" / "index.html")
    addresses = html.select(".sg-handout-url")
    assert addresses
    for address in addresses:
        parts = [span.get_text() for span in address.find_all("span", recursive=False)]
        assert "".join(parts) == address.get_text(), "nothing outside the unbreakable parts"
        assert all(part.endswith("/") and "/" not in part[:-1].replace("https://", "") for part in parts), parts


def test_print_header_labels_its_qr_code(built_site):
    header = soup(built_site / "handout" / "index.html").select_one(".sg-print-header")
    assert header.select_one("img.sg-print-header__qr")
    assert "scan" in header.select_one(".sg-print-header__qr-label").get_text().lower()


def test_one_name_for_the_specialist_on_the_general_pages():
    pages = ["index.md", "what-is-synkinesis.md", "signs-and-symptoms.md", "living-with-synkinesis.md",
             "clinicians.md", "handout.md"]
    for src in pages:
        text = (ROOT / "docs" / src).read_text(encoding="utf-8")
        assert "Talk to a facial nerve surgeon early" not in text, src
        # Dr Rozen's own advice may name a facial nerve surgeon, attributed to him.
        for match in re.finditer(r"facial nerve surgeon", text):
            before = text[max(0, match.start() - 200):match.start()]
            assert "Rozen" in before, f"docs/{src}: 'facial nerve surgeon' outside Dr Rozen's attributed view"
    living = (ROOT / "docs" / "living-with-synkinesis.md").read_text(encoding="utf-8")
    assert "**facial palsy specialist** is a therapist or a surgeon who" in " ".join(living.split())
