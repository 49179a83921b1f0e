"""The glossary: one definition per word in data/glossary.yml, shown on the
Glossary page and as a tooltip (<abbr title="...">) wherever a page uses the word."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from guide.data import DataError, load
from guide.pages import PageContext, abbreviations, render

pytestmark = pytest.mark.content

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def line_of(text: str, marker: str) -> int:
    assert marker in text, f"test setup: marker {marker!r} not in the edited file"
    return text[: text.index(marker)].count("\n") + 1


# (what to append to glossary.yml, marker where the error is, expected message)
BAD_ENTRIES = [
    ("- term: palsy-free\n  also: [synkinesis]\n  definition: A second definition.\n",
     "- term: palsy-free",
     "data/glossary.yml:{line}: terms[{index}].term: 'synkinesis' is already defined under 'synkinesis': keep one definition"),
    ("- term: nerve graft\n",
     "- term: nerve graft",
     "data/glossary.yml:{line}: terms[{index}].definition: is missing"),
    ("- term: Bell’s palsy\n  definition: Curly apostrophe.\n",
     "- term: Bell’s palsy",
     "data/glossary.yml:{line}: terms[{index}].term: 'Bell’s palsy': use letters, digits, spaces, hyphens and straight apostrophes (') only"),
    ("- term: nerve graft\n  definition: See [the surgery page](treatment/index.md).\n",
     "  definition: See [",
     "data/glossary.yml:{line}: terms[{index}].definition: use plain text: no [ ] { } < > (links and formatting do not work in a tooltip)"),
    ("- term: nerve graft\n  definition: " + "Very long. " * 30 + "\n",
     "  definition: Very long.",
     "data/glossary.yml:{line}: terms[{index}].definition: is %d characters: shorten it to 250 or fewer (it is shown as a tooltip)"
     % len(("Very long. " * 30).strip())),
    ("- term: nerve graft\n  definition: A short definition.\n  sources: [nhs_belsl_palsy]\n",
     "nhs_belsl_palsy",
     "data/glossary.yml:{line}: source: unknown source id 'nhs_belsl_palsy': add it to data/sources.yml or fix the spelling"),
    ("- term: nerve graft\n  definition: A short definition.\n  sorce: [nhs_bells_palsy]\n",
     "  sorce:",
     "data/glossary.yml:{line}: terms[{index}].sorce: is not a known field: did you mean `sources`?"),
]


@pytest.mark.parametrize("extra, marker, expected", BAD_ENTRIES, ids=[e[2].split(": ", 2)[2][:40] for e in BAD_ENTRIES])
def test_bad_glossary_entry_gives_one_line_message(data_copy, extra, marker, expected):
    path = data_copy / "glossary.yml"
    index = len(load(data_copy).glossary)  # the new entry's place in the list
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + extra
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    message = str(caught.value)
    assert "\n" not in message
    assert message == expected.replace("{line}", str(line_of(text, marker))).replace("{index}", str(index))


def test_every_spelling_becomes_an_abbreviation():
    data = load()
    html = markdown.markdown("Botox and synkinesis. Synkinesis again." + abbreviations(data.glossary), extensions=["abbr"])
    titles = {abbr.get_text(): abbr["title"] for abbr in BeautifulSoup(html, "html.parser").find_all("abbr")}
    by_term = {entry.term: entry.definition for entry in data.glossary}
    assert titles == {"Botox": by_term["botulinum toxin"], "synkinesis": by_term["synkinesis"],
                      "Synkinesis": by_term["synkinesis"]}


def test_render_appends_the_glossary():
    data = load()
    page = PageContext(src="test.md", meta={"sources": []}, body_offset=0)
    rendered = render("Some text.\n", page, data)
    for entry in data.glossary:
        assert f"*[{entry.term}]: {entry.definition}" in rendered


def test_built_page_shows_definitions_as_tooltips(built_site):
    data = load()
    definition = {entry.term: entry.definition for entry in data.glossary}["synkinesis"]
    soup = BeautifulSoup((built_site / "what-is-synkinesis" / "index.html").read_text(encoding="utf-8"), "html.parser")
    abbrs = soup.select("article abbr")
    assert any(a.get_text() in ("synkinesis", "Synkinesis") and a["title"] == definition for a in abbrs)


def test_glossary_page_lists_every_term_with_a_link_target(built_site):
    data = load()
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for entry in data.glossary:
        term = soup.select_one(f"article dt#{entry.anchor}")
        assert term is not None, f"glossary page: no <dt id=\"{entry.anchor}\"> for '{entry.term}'"
        assert " ".join(term.get_text().split()) == entry.term
        assert entry.definition in " ".join(term.find_next_sibling("dd").get_text().split())


def test_tooltip_only_on_first_use_and_never_in_headings():
    from guide.pages import first_use_abbr

    html = ('<h2 id="a"><abbr title="d">Myectomy</abbr> today</h2>'
            '<p><abbr title="d">myectomy</abbr>, then <abbr title="d">Myectomy</abbr> again, '
            'and <abbr title="s">stroke</abbr>.</p>')
    assert first_use_abbr(html) == ('<h2 id="a">Myectomy today</h2>'
                                    '<p><abbr title="d">myectomy</abbr>, then Myectomy again, '
                                    'and <abbr title="s">stroke</abbr>.</p>')
