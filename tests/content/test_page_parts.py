"""guide/pages.py without a build: front-matter problems (every one, at its line), the
Sources section, figures with their table, glossary words, and the template errors
an editor sees. Expectations come from data/ (read with yaml) and the stated rules
(CONTRIBUTING.md: description at most 160 characters; review dates live in
data/reviews.yml), never from pages.py's own results.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from guide import pages
from guide.data import load
from project import ROOT

pytestmark = pytest.mark.content

SOURCES = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
DESCRIPTION_LIMIT = 160


@pytest.fixture
def data():
    return load()


def good_meta(**changes) -> dict:
    meta = {"title": "T", "description": "D", "sources": [next(iter(SOURCES))]}
    meta.update(changes)
    return {k: v for k, v in meta.items() if v is not None}


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# --- front matter ---------------------------------------------------------------------


def test_good_front_matter_has_no_problems(data):
    assert pages.check_meta("a.md", good_meta(description="x" * DESCRIPTION_LIMIT), data) == []


def test_every_missing_field_is_named_at_line_1(data):
    problems = messages(pages.check_meta("a.md", {}, data, {"title": 5}))
    assert problems == [f"docs/a.md:1: front matter: `{key}` is missing: add it at the top, between the --- lines "
                        "(see CONTRIBUTING.md)" for key in ("title", "description", "sources")]


def test_a_long_description_gives_its_length_at_its_line(data):
    description = "x" * (DESCRIPTION_LIMIT + 1)
    problems = messages(pages.check_meta("a.md", good_meta(description=description), data, {"description": 3}))
    assert problems == [f"docs/a.md:3: front matter: `description` is {DESCRIPTION_LIMIT + 1} characters: "
                        f"shorten it to {DESCRIPTION_LIMIT} or fewer"]
    # Without a line map, line 1.
    assert messages(pages.check_meta("a.md", good_meta(description=description), data))[0].startswith("docs/a.md:1: ")


@pytest.mark.parametrize("key", ["reviewed", "next_review"])
def test_a_hand_typed_review_date_is_retired(data, key):
    problems = messages(pages.check_meta("a.md", good_meta(**{key: "2026-01-01"}), data, {key: 4}))
    assert problems == [f"docs/a.md:4: front matter: `{key}` is no longer used: delete the line; a clinical review is "
                        "recorded with `python -m guide.reviews sign` (see CONTRIBUTING.md)"]


@pytest.mark.parametrize("value", [[], "rail2025", None])
def test_sources_must_be_a_list_of_ids(data, value):
    meta = good_meta()
    meta["sources"] = value
    problems = messages(pages.check_meta("a.md", meta, data, {"sources": 6}))
    assert problems == ["docs/a.md:6: front matter: `sources` must be a list of ids from data/sources.yml, e.g. [rail2025]"]


def test_each_unknown_source_id_is_named(data):
    known = next(iter(SOURCES))
    problems = messages(pages.check_meta("a.md", good_meta(sources=[known, "nobody1900", "nobody1901"]), data, {"sources": 2}))
    assert problems == [f"docs/a.md:2: front matter: unknown source id '{i}': add it to data/sources.yml or fix the spelling"
                        for i in ("nobody1900", "nobody1901")]


def test_all_problems_come_together(data):
    meta = {"description": "x" * 200, "reviewed": "2026-01-01", "sources": ["nobody1900"]}
    # title missing, description too long, a retired key, an unknown source: four lines at once.
    assert len(pages.check_meta("a.md", meta, data)) == 4


# --- the Sources section ----------------------------------------------------------------


def test_sources_section_in_the_pages_order_with_citation_link_and_note(data):
    ids = list(SOURCES)[:3][::-1]
    listed = pages.sources_for({"sources": [*ids, "nobody1900"]}, data)
    assert [s["id"] for s in listed] == ids, "in the page's order; an unknown id is check_meta's to report"
    for entry in listed:
        raw = SOURCES[entry["id"]]
        assert entry["link"] == (f"https://doi.org/{raw['doi']}" if raw.get("doi") else raw["url"])
        assert entry["note"] == raw.get("note", "")
        title = raw.get("title") or f"[{raw['topic']}]"
        assert title.rstrip(".") in entry["citation"]
    assert pages.sources_for({}, data) == []
    assert pages.source_anchors({"sources": ids}) == {"sources", *(f"source-{i}" for i in ids)}
    assert pages.source_anchors({}) == {"sources"}


def test_cite_links_name_each_source_and_link_to_its_entry(data):
    ids = list(SOURCES)[:2]
    links = pages.cite_links(ids, data)
    assert links == "; ".join(f"[{pages.short_name(data.sources[i])}](#source-{i})" for i in ids)
    assert links.count("](#source-") == 2


# --- figures ----------------------------------------------------------------------------


def test_a_figure_has_its_image_caption_and_the_same_facts_as_a_table(data):
    import build_figures

    for name in build_figures.FIGURES:
        for page, prefix in (("index.md", ""), ("treatment/index.md", "../")):
            md = pages.figure_markdown(name, page, data)
            anchor = name.replace("_", "-")
            assert md.startswith(f'<figure class="sg-figure" id="figure-{anchor}" markdown>\n![')
            assert f"]({prefix}assets/figures/{name}.svg){{ loading=\"lazy\" }}\n" in md
            assert f'<p class="sg-table-title" id="table-{anchor}">The same information as a table</p>' in md
            assert md.index("</figure>") < md.index('<div class="sg-table" markdown>\n\n|')
            alt = md.split("![", 1)[1].split("](", 1)[0]
            assert "[" not in alt and "]" not in alt, "square brackets would end the alt text early"
            assert md.endswith("\n\n</div>\n")


# --- glossary words -----------------------------------------------------------------------


def test_every_glossary_spelling_gets_its_definition(data):
    text = pages.abbreviations(data.glossary)
    assert text.startswith("\n\n") and text.endswith("\n")
    lines = text.strip("\n").split("\n")
    for entry in GLOSSARY:
        definition = " ".join(entry["definition"].split())
        for word in [entry["term"], *entry.get("also", [])]:
            assert f"*[{word}]: {definition}" in lines, word
            if word.islower():
                assert f"*[{word[0].upper() + word[1:]}]: {definition}" in lines, word
    assert pages.abbreviations(()) == ""


# --- where the Markdown body starts, review dates -----------------------------------------


@pytest.mark.parametrize("text, lines", [
    ("---\ntitle: T\n---\n# H\n", 3),
    ("---\ntitle: T\n---\n\n\n# H\n", 5),
    ("# H\n", 0),
])
def test_front_matter_lines_count_the_fences_and_blank_lines(text, lines):
    assert pages.front_matter_lines(text) == lines


def test_add_years_keeps_the_day_or_uses_28_february():
    assert pages.add_years(date(2024, 3, 1), 3) == date(2027, 3, 1)
    assert pages.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


# --- template errors -------------------------------------------------------------------------


def context(sources=(), offset=3):
    return pages.PageContext(src="a.md", meta={"sources": list(sources)}, body_offset=offset)


def test_a_brace_mistake_names_the_line(data):
    with pytest.raises(pages.PageError) as caught:
        pages.render("Line one.\n\n{{ phases.fastest.start_day }\n", context(), data)
    assert str(caught.value).startswith("docs/a.md:6: template error: ")
    assert str(caught.value).endswith("check the {{ }} braces")


def test_an_unknown_top_level_name_suggests_the_closest(data):
    with pytest.raises(pages.PageError) as caught:
        pages.render("{{ studdy.plateau.day }}", context(), data)
    assert str(caught.value) == "docs/a.md:4: unknown variable: 'studdy': did you mean `study`?"


def test_an_unknown_name_with_nothing_close_lists_where_names_come_from(data):
    with pytest.raises(pages.PageError) as caught:
        pages.render("{{ study.qqqqqq }}", context(), data)
    message = str(caught.value)
    assert message.startswith("docs/a.md:4: unknown variable: no field 'qqqqqq': check the spelling against the files in data/ (names here: ")
    assert "plateau" in message


def test_an_unknown_figure_lists_the_known_ones(data):
    import build_figures

    with pytest.raises(pages.PageError) as caught:
        pages.render('\n{{ figure("nope") }}', context(), data)
    assert str(caught.value) == f"docs/a.md:5: figure('nope'): no such figure; known: {', '.join(build_figures.FIGURES)}"


def test_the_timeline_tool_appears_once_and_its_sources_must_be_listed(data):
    from guide import timeline

    ids = timeline.source_ids(data)
    html = pages.render("{{ timeline_tool() }}", context(ids), data)
    assert 'id="sg-timeline"' in html
    with pytest.raises(pages.PageError, match=r"timeline_tool\(\): it can appear only once on a page"):
        pages.render("{{ timeline_tool() }}\n{{ timeline_tool() }}", context(ids), data)
    with pytest.raises(pages.PageError, match=rf"list '{ids[-1]}' under `sources:`"):
        pages.render("{{ timeline_tool() }}", context(ids[:-1]), data)


def test_rendered_page_gets_values_citations_and_glossary(data):
    source_id = next(iter(SOURCES))
    html = pages.render("Day {{ study.plateau.day }} {{ cite('%s') }}. Every {{ review_years }} years." % source_id,
                        context([source_id]), data)
    plateau = yaml.safe_load((ROOT / "data" / "study.yml").read_text(encoding="utf-8"))["plateau"]["day"]
    assert html.startswith(f"Day {plateau} ([{pages.short_name(data.sources[source_id])}](#source-{source_id})). Every 3 years.")
    assert html.endswith(pages.abbreviations(data.glossary))


@pytest.mark.parametrize("fields, expected", [
    ({"authors": "Smith A, Jones B, ..."}, "Smith et al."),        # a list cut short with ...
    ({"authors": "Smith A, Jones B, …"}, "Smith et al."),          # or with …
    ({"authors": "Smith A, et al"}, "Smith et al."),
    ({"authors": "NHS England"}, "NHS England"),                   # an organisation, not "Surname INITIALS"
    ({"authors": "Smith ABCD"}, "Smith ABCD"),                     # four capitals: not initials
])
def test_short_names_for_cut_short_lists_and_organisations(fields, expected):
    from guide.data import Source

    base = {"authors": "x", "title": "T", "url": "https://example.org/", "kind": "summary", "publisher": "P"}
    assert pages.short_name(Source.model_validate({**base, **fields})) == expected


def test_square_brackets_in_alt_text_become_round():
    assert pages._attr("Bars [days 0 to 100] and more]") == "Bars (days 0 to 100) and more)"


def test_a_page_error_without_a_line_points_at_line_1():
    assert str(pages.PageError("a.md", None, "a problem")) == "docs/a.md:1: a problem"


def test_a_figure_table_cites_only_sources_the_page_lists(data):
    with pytest.raises(pages.PageError, match=r"under `sources:` in this page's front matter"):
        pages.render('{{ figure("natural_course") }}', context([]), data)
    md = pages.figure_markdown("natural_course", "index.md", data)
    assert "](#source-" in md, "the table's facts link to the page's Sources section"


def test_the_second_timeline_tool_message_in_full(data):
    from guide import timeline

    with pytest.raises(pages.PageError) as caught:
        pages.render("{{ timeline_tool() }}\n{{ timeline_tool() }}", context(timeline.source_ids(data)), data)
    assert str(caught.value) == "docs/a.md:5: timeline_tool(): it can appear only once on a page: remove the second one"


def test_an_unknown_field_of_a_plain_value_lists_its_public_names(data):
    with pytest.raises(pages.PageError) as caught:
        pages.render("{{ review_years.qqqq }}", context(), data)
    message = str(caught.value)
    assert "(names here: " in message and "bit_length" in message and "__" not in message


# --- the Spanish edition: its own figures, words and citations ----------------------------

FIGURE_WORDS = yaml.safe_load((ROOT / "data" / "figure_words.yml").read_text(encoding="utf-8"))


@pytest.fixture
def spanish():
    from guide.translations import localize

    return localize(load(), "es")


def words_before_first_name(template: str) -> str:
    """A data/figure_words.yml text up to its first {name}: the words no number changes."""
    return template.split("{", 1)[0]


def test_a_spanish_page_shows_the_spanish_figure_its_words_and_table(spanish):
    import build_figures

    for name in build_figures.FIGURES:
        md = pages.figure_markdown(name, "es/treatment/index.md", spanish, language="es")
        # The Spanish figures are site/es/assets/figures/: one folder up from /es/treatment/.
        assert f"](../assets/figures/{name}.svg)" in md
        wording = FIGURE_WORDS[name]
        assert md.split("<figcaption>", 1)[1].startswith(words_before_first_name(wording["title"]["es"]))
        assert md.split("![", 1)[1].startswith(words_before_first_name(wording["alt"]["es"]))
        header = "| " + " | ".join(wording["columns"]["es"]) + " |"
        assert f"\n\n{header}\n" in md, f"{name}: the table's columns are not the Spanish ones"
        assert "The same information as a table" not in md


def test_spanish_citations_join_two_authors_with_y(spanish):
    # Two authors: "A and B" in English, "A y B" in Spanish (the same rule, the edition's word).
    two = next(i for i, s in SOURCES.items() if s.get("authors") and s["authors"].count(",") == 1 and s.get("year")
               and "et al" not in s["authors"] and "…" not in s["authors"] and not s.get("label"))
    first, second = (name.split()[0] for name in SOURCES[two]["authors"].rstrip(".").split(","))
    expected = f"[{first} y {second} {SOURCES[two]['year']}](#source-{two})"
    assert pages.cite_links([two], spanish, "es") == expected
    es_page = pages.PageContext(src="es/a.md", meta={"sources": [two]}, body_offset=3)
    assert pages.render("{{ cite('%s') }}" % two, es_page, spanish, language="es").startswith(f"({expected})")
    assert pages.cite_links([two], spanish) == expected.replace(" y ", " and ")


def test_a_figure_in_a_spanish_page_is_drawn_in_spanish(spanish):
    import build_figures

    name = next(iter(build_figures.FIGURES))
    es_page = pages.PageContext(src="es/index.md", meta={"sources": list(SOURCES)}, body_offset=3)
    html = pages.render('{{ figure("%s") }}' % name, es_page, spanish, language="es")
    assert words_before_first_name(FIGURE_WORDS[name]["title"]["es"]) in html
    assert f"](assets/figures/{name}.svg)" in html


def test_initials_after_nhs_are_not_a_surname():
    # "Surname INITIALS" gives the surname; "NHS UK" is an organisation's name, kept whole.
    from guide.data import Source

    base = {"title": "T", "url": "https://example.org/", "kind": "summary", "publisher": "P"}
    assert pages.short_name(Source.model_validate({**base, "authors": "NHS UK"})) == "NHS UK"
    assert pages.short_name(Source.model_validate({**base, "authors": "Smith UK"})) == "Smith"
