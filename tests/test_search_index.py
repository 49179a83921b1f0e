"""Patients' words in the search index, without a browser (guide/search.py).

Expectations come from the data files themselves (data/search_terms.yml,
data/glossary.yml, read here with plain YAML) and from how Material's worker
reads the index, not from guide/search.py. The browser test
tests/browser/test_search.py types the patients' queries into the search box.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from guide import search, search_index
from guide.data import DataError
from project import ROOT, run_build

TERMS = ROOT / "data" / "search_terms.yml"
SHOWN = ("location", "title", "text")  # what Material's result template shows (and "tags", as chips)


def load_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def edition_of(built_site: Path, address: str) -> tuple[dict, str]:
    """(the search index of the edition an address is in, the address inside that edition).

    Each edition is a site of its own with its own index: '/es/treatment/' is
    'treatment/' in site/es/search/search_index.json.
    """
    folder = address.strip("/").split("/")[0]
    if folder and (built_site / folder / "search" / "search_index.json").exists():
        return load_index(built_site / folder), address[len(folder) + 1:]
    return load_index(built_site), address


def all_indexes(built_site: Path) -> list[dict]:
    return [load_index(index.parent.parent) for index in sorted(built_site.rglob("search/search_index.json"))]


def page_docs(index: dict) -> dict[str, dict]:
    """{address: the page's own document}; a section's location has a '#'."""
    return {"/" + doc["location"]: doc for doc in index["docs"] if "#" not in doc["location"]}


def words_of(phrase: str, index: dict | None = None) -> list[str]:
    """The words Material's search makes of a phrase: split where the index's config says."""
    separator = (index or {}).get("config", {}).get("separator") or r"[\s\-]+"
    return [w for w in re.split(separator, phrase.lower()) if w]


def hidden_field(index: dict) -> str:
    """The one field that is neither shown in results nor Material's own."""
    extra = set(index["config"]["fields"]) - {"title", "text", "tags"}
    assert len(extra) == 1, f"expected one extra search field, found {sorted(extra)}"
    return extra.pop()


@pytest.mark.content
@pytest.mark.parametrize("name, at_least, prefix", [("search_queries.yml", 30, "/"), ("search_queries_es.yml", 20, "/es/")])
def test_the_query_set_names_real_pages(name, at_least, prefix):
    # tests/search_queries*.yml, used by tests/browser/test_search.py: a typo in an
    # expected address would make a query fail for the wrong reason, and each
    # edition's search finds only its own pages.
    queries = yaml.safe_load((ROOT / "tests" / name).read_text(encoding="utf-8"))
    addresses = {entry["path"] for entry in yaml.safe_load((ROOT / "data" / "urls.yml").read_text(encoding="utf-8"))["pages"]}
    assert len(queries) >= at_least, f"tests/{name}: at least {at_least} patient queries"
    wrong = [f"tests/{name}: '{query}': {page} is not a page in data/urls.yml"
             for query, pages in queries.items() for page in pages if page not in addresses]
    wrong += [f"tests/{name}: '{query}': {page} is not in this edition (its addresses start {prefix})"
              for query, pages in queries.items() for page in pages
              if not page.startswith(prefix) or (prefix == "/" and page.startswith("/es/"))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.content
def test_every_page_has_its_patient_words_in_the_index(built_site):
    missing = []
    for address, phrases in yaml.safe_load(TERMS.read_text(encoding="utf-8")).items():
        index, inside = edition_of(built_site, address)   # '/es/x/': 'x/' in the Spanish site's index
        indexed = set(page_docs(index)[inside].get(hidden_field(index), "").split())
        missing += [f"{address}: '{phrase}'" for phrase in phrases if not set(words_of(str(phrase), index)) <= indexed]
    assert not missing, "words from data/search_terms.yml missing from the search index:\n" + "\n".join(missing)


@pytest.mark.content
def test_patient_words_count_at_least_as_much_as_a_title(built_site):
    # Otherwise one mention in the text of a long page would outrank the page the word is for.
    fields = load_index(built_site)["config"]["fields"]
    assert fields[hidden_field(load_index(built_site))]["boost"] >= fields["title"]["boost"]


@pytest.mark.content
def test_glossary_spellings_lead_to_the_glossary(built_site):
    index = load_index(built_site)
    glossary = page_docs(index)["/glossary/"]
    glossary_text = " ".join(d["text"].lower() for d in index["docs"] if d["location"].startswith("glossary/"))
    indexed = set(glossary.get(hidden_field(index), "").split())
    lost = [spelling for entry in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
            for spelling in entry.get("also", [])
            if not set(words_of(spelling)) <= indexed and spelling.lower() not in glossary_text]
    assert not lost, f"glossary spellings the search cannot find on the Glossary page: {lost}"


@pytest.mark.content
def test_botox_leads_to_the_botulinum_toxin_page(built_site):
    # A glossary spelling also goes to the page named after the term (its title says "Botulinum toxin").
    index = load_index(built_site)
    assert "botox" in page_docs(index)["/treatment/botulinum-toxin/"].get(hidden_field(index), "").split()


@pytest.mark.content
def test_patient_words_are_not_shown_or_on_the_pages(built_site):
    indexes = all_indexes(built_site)   # each edition's
    assert len(indexes) >= 2, "test setup: expected the English and the Spanish search index"
    for index in indexes:
        field = hidden_field(index)
        assert all(set(doc) <= {*SHOWN, field} for doc in index["docs"]), "a search document has tags or other shown fields"
    # The misspellings on purpose (marked for codespell) are on no page: they must
    # stay in the hidden field, out of the result text and out of the pages.
    misspelt = re.findall(r"^\s*-\s*(\S+)\s*# codespell:ignore", TERMS.read_text(encoding="utf-8"), re.M)
    assert len(misspelt) >= 2, "test setup: no misspellings marked in data/search_terms.yml"
    shown_text = " ".join(doc["title"].lower() + " " + doc["text"].lower() for index in indexes for doc in index["docs"])
    html = " ".join(p.read_text(encoding="utf-8").lower() for p in built_site.rglob("*.html"))
    hidden = set().union(*(index_words(index, hidden_field(index)) for index in indexes))
    assert [w for w in misspelt if w.lower() not in hidden] == [], "misspellings missing from the search indexes"
    assert not [w for w in misspelt if re.search(rf"\b{re.escape(w)}\b", shown_text)], "patients' words show in result text"
    assert not [w for w in misspelt if re.search(rf"\b{re.escape(w)}\b", html)], "patients' words are hidden in the pages"


def index_words(index: dict, field: str) -> set[str]:
    return {w for doc in index["docs"] for w in doc.get(field, "").split()}


@pytest.mark.content
def test_spanish_search_leaves_out_the_short_words_of_the_language(built_site):
    # Material's search takes each word typed as the start of a word, so in Spanish
    # "de" or "la" (in almost every question) would find "derivación" or "lágrimas"
    # on pages about something else. The Spanish index splits them off, in the
    # pages and in the queries, without cutting them out of longer words.
    index = load_index(built_site / "es")
    assert words_of("¿Terapia de mimo para la cara?", index) == ["terapia", "mimo", "cara"]
    assert words_of("La cara me duele, en el cuello", index) == ["cara", "duele", "cuello"]
    kept = "dedo delgado aún lágrimas ella más sincinesia 1.5 meses"
    assert words_of(kept, index) == kept.split()
    assert words_of("ejercicios de la cara", load_index(built_site)) == ["ejercicios", "de", "la", "cara"], \
        "the English search should keep its own separator"


@pytest.mark.content
def test_rewriting_the_index_again_changes_nothing(built_site, tmp_path):
    # The build must be reproducible, also when the index is rewritten twice (mkdocs serve).
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    shutil.copy(built_site / "search" / "search_index.json", site / "search" / "search_index.json")
    before = (site / "search" / "search_index.json").read_bytes()
    from guide.data import load

    search_index.add_to_index(site, search.load_terms(), load().glossary)
    assert (site / "search" / "search_index.json").read_bytes() == before


# --- a mistake in data/search_terms.yml: one line naming file, line and entry ---------------


def planted(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data" / "search_terms.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.content
@pytest.mark.parametrize("text, message", [
    ("/treatment/:\n  - surgery\n/treatmnt/:\n  - operation\n",
     "data/search_terms.yml:3: /treatmnt/: not a page address in data/urls.yml (did you mean /treatment/?): "
     "use an address listed under pages:, ending in /"),
    ("/treatment/:\n  - surgery\n  -\n",
     "data/search_terms.yml:3: /treatment/: entry 2 is empty: write the word or phrase, or delete the line"),
    ("/treatment/:\n  - surgery\n  - '  '\n",
     "data/search_terms.yml:3: /treatment/: entry 2 is empty: write the word or phrase, or delete the line"),
    ("/treatment/:\n  - surgery\n  - Surgery\n",
     "data/search_terms.yml:3: /treatment/: 'Surgery' is listed twice for this page (also line 2): delete one"),
    ("/treatment/: surgery\n",
     "data/search_terms.yml:1: /treatment/: needs a list of words under it, one per line, e.g. `  - botox`"),
    ("/treatment/:\n  - surgery\n  - why: because\n",
     "data/search_terms.yml:3: /treatment/: each entry must be a word or phrase (a colon inside it needs \"quotes\")"),
])
def test_a_bad_entry_gives_one_line_naming_file_and_entry(tmp_path, text, message):
    with pytest.raises(DataError) as error:
        search.load_terms(planted(tmp_path, text))
    assert str(error.value) == message


@pytest.mark.content
def test_a_moved_page_points_to_its_new_address(tmp_path):
    urls = tmp_path / "urls.yml"
    urls.write_text("pages:\n  - {path: /}\n  - {path: /treatment/}\nredirects:\n  /therapy/: /treatment/\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        search.load_terms(planted(tmp_path, "/therapy/:\n  - physio\n"), urls)
    assert str(error.value) == "data/search_terms.yml:1: /therapy/: this page moved to /treatment/: use the new address"


def test_a_bad_entry_stops_the_build_with_one_line(project_copy):
    terms = project_copy / "data" / "search_terms.yml"
    text = terms.read_text(encoding="utf-8")
    terms.write_text(text + "\n/treatmnt/:\n  - operation\n", encoding="utf-8")
    line = text.count("\n") + 2
    result = run_build(project_copy / "site", cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    errors = [row for row in output.splitlines() if "search_terms.yml" in row]
    assert len(errors) == 1 and f"data/search_terms.yml:{line}: /treatmnt/: not a page address" in errors[0], output
    assert "Traceback" not in output
    assert not (project_copy / "site" / "search" / "search_index.json").exists(), "a half-built site was left behind"
