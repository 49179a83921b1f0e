"""build_figures.py in Spanish: the same facts, words from data/, deterministic, safe on bad words.

Expected words come from data/figure_words.yml and data/translations/es.yml,
read with plain yaml; expected numbers from the English figures.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

import build_figures
from project import PYTHON, ROOT
from guide.data import DataError, load
from guide.translations import localize

pytestmark = pytest.mark.content

WORDS = yaml.safe_load((ROOT / "data" / "figure_words.yml").read_text(encoding="utf-8"))
ES = yaml.safe_load((ROOT / "data" / "translations" / "es.yml").read_text(encoding="utf-8"))
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Both languages drawn once into one folder, as the build does."""
    out = tmp_path_factory.mktemp("figures")
    return out, build_figures.build(out, force=True), build_figures.build(out, force=True, language="es")


def svg_texts(path) -> str:
    """The words a reader sees or hears in an SVG: its <text>, <title> and <desc>, unescaped."""
    svg = path.read_text(encoding="utf-8")
    parts = re.findall(r"<(?:text|title|desc)\b[^>]*>([^<]*)<", svg)
    return "\n".join(p.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"') for p in parts)


def test_spanish_figures_go_in_their_own_folder(drawn):
    out, english, spanish = drawn
    assert [p.name for p in spanish] == [p.name for p in english]
    assert all(p.parent == out / "es" and p.exists() for p in spanish)
    assert all(p.parent == out for p in english)


def test_two_spanish_runs_give_identical_bytes(tmp_path, drawn):
    _, _, first = drawn
    second = build_figures.build(tmp_path, force=True, language="es")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), f"es/{a.name} differs between runs"


@pytest.mark.parametrize("name", list(build_figures.FIGURES))
def test_spanish_svg_speaks_spanish_and_gives_the_same_numbers(drawn, name):
    out, _, _ = drawn
    english, spanish = svg_texts(out / f"{name}.svg"), svg_texts(out / "es" / f"{name}.svg")
    assert sorted(NUMBER.findall(spanish)) == sorted(NUMBER.findall(english))
    svg = (out / "es" / f"{name}.svg").read_text(encoding="utf-8")
    assert f'<title id="{name}-title">' in svg and f'<desc id="{name}-desc">' in svg
    for key in ("title", "alt"):
        first_words = re.split(r"\{", WORDS[name][key]["es"])[0].strip()
        assert first_words and first_words in spanish, f"{name}.{key}: the Spanish text is not in the figure"
        assert re.split(r"\{", WORDS[name][key]["en"])[0].strip() not in spanish
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    assert width <= 310


def test_spanish_labels_come_from_the_spanish_data(drawn):
    out, _, _ = drawn
    course = svg_texts(out / "es" / "natural_course.svg")
    for phase_id, words in ES["phases"].items():
        assert words["label"] in course, f"phase {phase_id}: its Spanish label is not drawn"
    for key in ("between_bar", "days_axis", "months_axis"):
        assert WORDS["natural_course"][key]["es"] in course
    care = svg_texts(out / "es" / "order_of_care.svg")
    for slug, words in ES["treatments"].items():
        assert words["name"] in care or words["name"].lower() in care, f"treatment {slug}: its Spanish name is not drawn"


def test_every_label_stays_inside_the_figure(drawn):
    """A longer Spanish label must not run past either edge of the image (widths measured with matplotlib)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    out, _, _ = drawn
    for path in [*out.glob("*.svg"), *(out / "es").glob("*.svg")]:
        svg = path.read_text(encoding="utf-8")
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        labels = re.findall(r'<text style="([^"]*)"([^>]*)>([^<]+)<', svg)
        assert len(labels) >= 2, f"{path.name}: no labels found: this test reads the SVG wrongly"
        for style, place, text in labels:
            size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
            bold = "font-weight: 700" in style
            anchor = (re.search(r"text-anchor: (\w+)", style) or [None, "start"])[1]
            x = float((re.search(r'x="([\d.]+)"', place) or re.search(r"translate\(([\d.]+) ", place)).group(1))
            font = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
            w = TextPath((0, 0), text, size=size, prop=font).get_extents().width
            left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
            assert left >= 0 and left + w <= width + 0.5, f"{path.parent.name}/{path.name}: '{text}' runs off the image"


def test_tables_and_titles_in_spanish_match_the_english_numbers():
    english, spanish = load(), localize(load(), "es")
    for name, figure in build_figures.FIGURES.items():
        for en, es in [(figure.title(english), figure.title(spanish, "es")),
                       (figure.alt(english), figure.alt(spanish, "es")),
                       (figure.table(english, build_figures.plain_cite),
                        figure.table(spanish, build_figures.plain_cite, "es"))]:
            assert en != es, f"{name}: the Spanish text is the English one"
            assert sorted(NUMBER.findall(en)) == sorted(NUMBER.findall(es)), f"{name}: numbers differ:\n{en}\n{es}"
    columns = WORDS["natural_course"]["columns"]["es"]
    assert build_figures.course_table(spanish, language="es").splitlines()[0] == "| " + " | ".join(columns) + " |"


def test_spanish_figures_need_spanish_data():
    with pytest.raises(ValueError, match="localize"):
        build_figures.course_alt(load(), "es")


# --- a mistake in data/figure_words.yml: one line, nothing written ------------------------------


def plant(data_copy, old: str, new: str) -> list[str]:
    words = data_copy / "figure_words.yml"
    text = words.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    words.write_text(text, encoding="utf-8")
    return text.splitlines()


def test_a_missing_spanish_figure_text_names_file_line_and_field(tmp_path, data_copy):
    spanish_title = f'    es: "{WORDS["natural_course"]["title"]["es"]}"\n'
    lines = plant(data_copy, spanish_title, "")
    out = tmp_path / "figures"
    with pytest.raises(DataError) as caught:
        build_figures.build(out, data_copy, force=True, language="es")
    error = caught.value
    assert (error.file, error.field) == ("data/figure_words.yml", "natural_course.title.es")
    assert lines[error.line - 1] == "  title:", "the line of the text that lacks its Spanish"
    assert "is missing" in error.problem and WORDS["natural_course"]["title"]["en"][:20] in error.problem
    assert not out.exists(), "nothing is written when a word is missing"
    # English does not need the Spanish text.
    assert build_figures.build(out, data_copy, force=True)


def test_the_command_reports_a_missing_spanish_text_in_one_line(tmp_path, data_copy):
    plant(data_copy, f'    es: "{WORDS["how_common"]["severe"]["es"]}"\n', "")
    result = subprocess.run([PYTHON, str(ROOT / "build_figures.py"), "--data", str(data_copy), "--out",
                             str(tmp_path / "f"), "--language", "es"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert re.fullmatch(r"error: data/figure_words\.yml:\d+: how_common\.severe\.es: is missing: translate '[^\n]+'\n",
                        result.stderr), result.stderr


def test_a_spanish_text_must_keep_every_number(data_copy):
    spanish = WORDS["natural_course"]["title"]["es"]
    plant(data_copy, spanish, spanish.replace("{end_day}", "300"))
    with pytest.raises(DataError) as caught:
        build_figures.build(data_copy.parent / "f", data_copy, force=True, language="es")
    assert caught.value.field == "natural_course.title.es"
    assert "{end_day}" in caught.value.problem


def test_an_unknown_name_in_a_text_names_the_field(data_copy):
    for language in ("en", "es"):
        old = WORDS["how_common"]["severe_result"][language]
        plant(data_copy, f'    {language}: "{old}"', f'    {language}: "{{percentage}}%"')
    with pytest.raises(DataError) as caught:
        build_figures.build(data_copy.parent / "f", data_copy, force=True)
    assert caught.value.field == "how_common.severe_result.en"
    assert "{percentage}" in caught.value.problem and "{percent}" in caught.value.problem


# --- redrawn when its words change --------------------------------------------------------------


def test_changed_words_redraw_the_figures(tmp_path, data_copy):
    out = tmp_path / "figures"
    build_figures.build(out, data_copy, force=True, language="es")
    before = (out / "es" / "natural_course.svg").read_bytes()
    es = data_copy / "translations" / "es.yml"
    label = ES["phases"]["fastest"]["label"]
    es.write_text(es.read_text(encoding="utf-8").replace(f"label: {label}\n", "label: Empeora muy rápido\n"), encoding="utf-8")
    build_figures.build(out, data_copy, language="es")
    after = (out / "es" / "natural_course.svg").read_bytes()
    assert after != before and "Empeora muy rápido" in after.decode("utf-8")

    plant(data_copy, f'    es: "{WORDS["natural_course"]["months_axis"]["es"]}"', '    es: "Meses desde el inicio"')
    build_figures.build(out, data_copy, language="es")
    assert "Meses desde el inicio" in (out / "es" / "natural_course.svg").read_text(encoding="utf-8")


def test_spanish_cache_hit_imports_neither_matplotlib_nor_pydantic(tmp_path):
    out = tmp_path / "figures"
    build_figures.build(out, force=True, language="es")
    result = subprocess.run([PYTHON, "-X", "importtime", str(ROOT / "build_figures.py"), "--out", str(out),
                             "--language", "es"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert not {"matplotlib", "pydantic", "yaml"} & imported


def test_the_timeline_tool_keeps_the_english_between_label():
    assert build_figures.BETWEEN_LABEL == WORDS["natural_course"]["between_bar"]["en"]
    assert build_figures.between_label("es") == WORDS["natural_course"]["between_bar"]["es"]
