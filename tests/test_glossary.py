"""The glossary: one definition per word in data/glossary.yml, shown on the
Glossary page and, where a page first uses the word, as a link to the word's
glossary entry that carries the definition (glossary.js makes it a button that
shows the definition: tests/browser/test_glossary_terms.py)."""

from __future__ import annotations

import posixpath

import markdown
import pytest
from bs4 import BeautifulSoup

from guide.data import DataError, load
from guide.data import Term as Entry
from guide.pages import PageContext, abbreviations, render
from guide.terms import glossary_terms

pytestmark = pytest.mark.content


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


def test_built_page_links_first_use_to_its_definition(built_site):
    data = load()
    by_term = {entry.term: entry for entry in data.glossary}
    soup = BeautifulSoup((built_site / "what-is-synkinesis" / "index.html").read_text(encoding="utf-8"), "html.parser")
    terms = soup.select("article a.sg-term")
    synkinesis = [a for a in terms if a.get_text().lower() == "synkinesis"]
    assert len(synkinesis) == 1, "the first use of 'synkinesis' links to the glossary, and only the first"
    assert synkinesis[0]["href"] == "../glossary/#synkinesis"
    assert synkinesis[0]["data-sg-definition"] == by_term["synkinesis"].definition
    assert not soup.select("article abbr"), "no hover-only tooltips left"


def test_every_glossary_link_reaches_its_entry(built_site):
    """On every page, each glossary word's link points at an existing entry on its edition's Glossary page."""
    anchors = {}
    for folder in ("", "es/"):
        glossary = BeautifulSoup((built_site / folder / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
        anchors[folder + "glossary"] = {dt["id"] for dt in glossary.select("article dt[id]")}
    problems, seen = [], 0
    for file in sorted(built_site.rglob("*.html")):
        page = file.parent.relative_to(built_site).as_posix()
        own = "es/glossary" if page == "es" or page.startswith("es/") else "glossary"
        for link in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("a.sg-term"):
            seen += 1
            target = posixpath.normpath(posixpath.join(page, link["href"].split("#")[0] or "."))
            if target != own or link["href"].split("#")[1] not in anchors[own]:
                problems.append(f"{page}: {link.get_text()!r} links to {link['href']}")
    assert seen, "no glossary words found on any page"
    assert not problems, "\n".join(problems)


def test_glossary_page_lists_every_term_with_a_link_target(built_site):
    data = load()
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for entry in data.glossary:
        term = soup.select_one(f"article dt#{entry.anchor}")
        assert term is not None, f"glossary page: no <dt id=\"{entry.anchor}\"> for '{entry.term}'"
        assert " ".join(term.get_text().split()) == entry.term
        assert entry.definition in " ".join(term.find_next_sibling("dd").get_text().split())


def entry(term: str, definition: str, also=()):
    return Entry(term=term, definition=definition, also=list(also))


def test_definition_only_on_first_use_and_never_in_headings_or_links():
    glossary = [entry("myectomy", "d"), entry("stroke", "s"), entry("botulinum toxin", "b", also=["Botox"])]
    html = ('<h2 id="a"><abbr title="d">Myectomy</abbr> today</h2>'
            '<p><a href="x"><abbr title="b">Botox</abbr></a> and <abbr title="d">myectomy</abbr>, '
            'then <abbr title="d">Myectomy</abbr> again, and <abbr title="s">stroke</abbr>.</p>'
            '<p><abbr title="b">botulinum toxin</abbr> and <abbr title="b">Botox</abbr></p>'
            '<div class="sg-bibliography"><div>x</div><abbr title="s">Stroke</abbr></div>'
            '<dl><dt id="stroke"><abbr title="s">stroke</abbr></dt></dl>')
    assert glossary_terms(html, glossary, "../glossary/") == (
        '<h2 id="a">Myectomy today</h2>'
        '<p><a href="x">Botox</a> and <a class="sg-term" href="../glossary/#myectomy" data-sg-definition="d">myectomy</a>, '
        'then Myectomy again, and <a class="sg-term" href="../glossary/#stroke" data-sg-definition="s">stroke</a>.</p>'
        '<p><a class="sg-term" href="../glossary/#botulinum-toxin" data-sg-definition="b">botulinum toxin</a> and Botox</p>'
        '<div class="sg-bibliography"><div>x</div>Stroke</div>'
        '<dl><dt id="stroke">stroke</dt></dl>')


def test_a_word_being_defined_is_not_marked_again_in_its_definition():
    glossary = [entry("botulinum toxin", "b", also=["Botox"]), entry("stroke", "s")]
    html = ('<dl><dt id="botulinum-toxin"><abbr title="b">botulinum toxin</abbr></dt>'
            '<dd>A medicine. <abbr title="b">Botox</abbr> is a brand. Not a <abbr title="s">stroke</abbr>.</dd></dl>')
    assert glossary_terms(html, glossary, "") == (
        '<dl><dt id="botulinum-toxin">botulinum toxin</dt>'
        '<dd>A medicine. Botox is a brand. Not a <a class="sg-term" href="#stroke" data-sg-definition="s">stroke</a>.</dd></dl>')
