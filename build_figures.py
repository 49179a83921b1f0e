#!/usr/bin/env python3
"""Draw the site's figures from data/ as SVG files.

    python build_figures.py            # check data/, redraw figures that are out of date
    python build_figures.py --force    # redraw everything
    python build_figures.py --out DIR  # write somewhere else (default: build/figures)

The same inputs always give byte-identical files. When nothing in the inputs
changed, nothing is redrawn and matplotlib is not even imported: the output
folder keeps a fingerprint of the inputs it was drawn from.

    python build_figures.py --language es   # the Spanish figures, in build/figures/es/

Each figure also has a title (its one message), a short alt text and a data
table in Markdown; pages show them next to the figure (see guide/pages.py).
Every word a figure shows, in each language, is in data/figure_words.yml; the
numbers come from the other data files, so both languages show the same facts.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
DEFAULT_OUT = ROOT / "build" / "figures"
FINGERPRINT = ".inputs.sha256"

# Everything a figure depends on. A change to any of these redraws every figure.
CODE_INPUTS = (Path(__file__), ROOT / "guide" / "__init__.py", ROOT / "guide" / "data.py", ROOT / "requirements.txt",
               ROOT / "guide" / "figure_words.py", ROOT / "guide" / "translations.py")
# The words on the figures (every language), and a language's words for data/ (guide/translations.py).
WORDS_FILE = "figure_words.yml"
ENGLISH = "en"

from guide import DAYS_PER_MONTH  # noqa: E402  (light: no pydantic, no matplotlib)

# Okabe-Ito colours (colour-blind safe), by role. Meaning is always also carried
# by a text label or a pattern, never by colour alone.
COLOURS = {
    "onset": "#CC79A7",      # reddish purple
    "few_signs": "#56B4E9",  # sky blue
    "fastest": "#D55E00",    # vermillion
    "last_worsening": "#E69F00",  # orange
    "between": "#F0E442",    # yellow: still getting worse, more slowly (lighter = slower)
    "plateau": "#0072B2",    # blue
    "marked": "#D55E00",
    "unmarked": "#FFFFFF",
    "ink": "#1A1A1A",
    "muted": "#595959",      # 7:1 on white
    "grid": "#D9D9D9",
}
FONT_SIZE = 12  # points; figures are 4.2 in (302 pt) wide, so on a 360 px phone text is ~13 px


def plain_cite(ids) -> str:
    """Source ids as plain text; pages pass their own `cite` that makes links."""
    return ", ".join(ids)


@dataclass(frozen=True)
class Figure:
    """`data` is the SiteData in `language` (guide.translations.localize for any but English)."""

    name: str
    title: Callable  # (data, language="en") -> the figure's one message, shown as its caption
    alt: Callable    # (data, language="en") -> short alt text
    table: Callable  # (data, cite, language="en") -> Markdown table with the same facts
    draw: Callable   # (data, plt, language="en") -> matplotlib figure


def _words(data, language: str, data_dir=None):
    """The figure texts in `language` (data/figure_words.yml), for `data` in that language."""
    from guide import figure_words

    if language != ENGLISH and data.glossary:
        from guide.translations import TranslatedTerm

        if not isinstance(data.glossary[0], TranslatedTerm):
            raise ValueError(f"the {language} figures need the data in {language}: "
                             f"pass guide.translations.localize(data, {language!r})")
    return figure_words.load(language, data_dir)


def _table(columns: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    return "\n".join([*lines, *("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)])


# --- natural course ------------------------------------------------------------------



def between_label(language: str = ENGLISH, data_dir=None) -> str:
    """The figure's name for the stretches between phases; the timeline tool uses it too."""
    from guide import figure_words

    return figure_words.load(language, data_dir)("natural_course.between_bar")


def __getattr__(name: str):
    # BETWEEN_LABEL: the English words, read from data/ only when asked for (not on a cache hit).
    if name == "BETWEEN_LABEL":
        return between_label()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Where the axis starts and ends across the figure's width (0 to 1): fixed, not
# left to tight_layout, so the timeline tool can mark "you are here" on the image.
COURSE_X = (0.04, 0.95)
COURSE_ROW_IN = 0.55     # inches per bar
COURSE_MARGIN_IN = 0.62  # above and below the bars, for the month and day axes


def _course_rows(data, words=None):
    """The timeline's bars, top to bottom: (key, label, start_day, end_day, source ids).

    Between two phases the group was still getting worse (the study found worsening
    over about the first 400 to 500 days), so those stretches are drawn too. A phase
    that runs past the plateau ends there, as in the timeline tool. Without `words`
    the labels are None (for the figure's size alone).
    """
    say = words or (lambda key, **values: None)
    onset = data.study.onset
    plateau = data.study.plateau
    rows = [(
        "onset",
        say("natural_course.onset_bar", earliest_month=onset.earliest_month, latest_month=onset.latest_month),
        round(onset.earliest_month * DAYS_PER_MONTH),
        round(onset.latest_month * DAYS_PER_MONTH),
        [onset.source],
    )]
    between = say("natural_course.between_bar")
    phases = list(data.phases.values())
    last = phases[-1]
    cursor = 0
    for phase in phases:
        if phase.start_day >= plateau.day:
            break
        if phase.start_day > cursor:
            rows.append(("between", between, cursor, phase.start_day, last.source))
        rows.append((phase.id, phase.label, phase.start_day, min(phase.end_day, plateau.day), phase.source))
        cursor = min(phase.end_day, plateau.day)
    if plateau.day > cursor:
        rows.append(("between", between, cursor, plateau.day, last.source))
    rows.append(("plateau", say("natural_course.levels_off_bar", plateau_month=plateau.month), plateau.day, None,
                 [plateau.source]))
    return rows


def course_frame(data) -> dict:
    """The plot area's place in the image, as shares of its width and height (0 to 1):
    `left`/`right` from the left edge, `top`/`bottom` margins from the top and bottom edges."""
    height = COURSE_ROW_IN * len(_course_rows(data)) + 2 * COURSE_MARGIN_IN
    return {"left": COURSE_X[0], "right": COURSE_X[1], "top": COURSE_MARGIN_IN / height,
            "bottom": COURSE_MARGIN_IN / height, "height_in": height}


def course_axis_end(data) -> int:
    last = max(data.study.plateau.day, data.study.stable.after_day, *(p.end_day for p in data.phases.values()))
    return max(800, (last // 100 + 3) * 100)


def course_title(data, language=ENGLISH, data_dir=None) -> str:
    fastest = data.phases["fastest"]
    return _words(data, language, data_dir)("natural_course.title", start_day=fastest.start_day,
                                             end_day=fastest.end_day, plateau_month=data.study.plateau.month)


def course_alt(data, language=ENGLISH, data_dir=None) -> str:
    say = _words(data, language, data_dir)
    parts = [say("natural_course.alt_stretch", label=label.lower(), start_day=start, end_day=end)
             if key != "plateau" else say("natural_course.alt_levels_off", label=label.lower(), start_day=start)
             for key, label, start, end, _ in _course_rows(data, say)[1:]]
    return say("natural_course.alt", axis_days=course_axis_end(data), stretches="; ".join(parts))


def course_table(data, cite=plain_cite, language=ENGLISH, data_dir=None) -> str:
    """For patient pages: each finding in everyday words (the `plain` column of natural_course.csv)."""
    say = _words(data, language, data_dir)
    study = data.study
    rows = [[say("natural_course.phase_time", start_day=phase.start_day, end_day=phase.end_day), phase.plain,
             cite(phase.source)] for phase in data.phases.values()]
    years = f" {say('shared.or')} ".join(str(y) for y in study.stable.no_improvement_years)
    rows += [
        [say("natural_course.plateau_time", plateau_month=study.plateau.month, plateau_day=study.plateau.day),
         say("natural_course.plateau_found"), cite([study.plateau.source])],
        [say("natural_course.stable_time", after_day=study.stable.after_day),
         say("natural_course.stable_found", years=years), cite([study.stable.source])],
        [say.count("natural_course.onset_time", study.onset.earliest_month, earliest_month=study.onset.earliest_month,
                   latest_month_text=study.onset.latest_month_text),
         say("natural_course.onset_found"), cite([study.onset.source])],
    ]
    return _table(say.columns("natural_course.columns"), rows)


def _text_width_pt(text: str, size: float) -> float:
    """How wide `text` is drawn in the current font, in points (any backend)."""
    from matplotlib.textpath import TextPath

    return TextPath((0, 0), text, size=size).get_extents().width


def draw_course(data, plt, language=ENGLISH, data_dir=None):
    say = _words(data, language, data_dir)
    rows = _course_rows(data, say)
    end = course_axis_end(data)
    frame = course_frame(data)
    fig, ax = plt.subplots(figsize=(4.2, frame["height_in"]))
    fig.subplots_adjust(left=frame["left"], right=frame["right"], bottom=frame["bottom"], top=1 - frame["top"])
    ax.set_xlim(0, end)
    ax.set_ylim(len(rows) - 0.35, -0.95)
    for block in range(100, end, 100):
        ax.axvline(block, color=COLOURS["grid"], linewidth=0.8, zorder=0)
    width_pt = (frame["right"] - frame["left"]) * fig.get_figwidth() * 72  # the plot area's width
    # Pattern as well as colour: the fastest worsening is striped, "may still get worse" dotted.
    hatches = {"fastest": "////", "between": ".."}
    for y, (key, label, start, stop, _) in enumerate(rows):
        stop_at = end if stop is None else stop
        ax.barh(y, stop_at - start, left=start, height=0.34, color=COLOURS[key],
                edgecolor=COLOURS["ink"], linewidth=0.6, hatch=hatches.get(key), zorder=2, gid=f"bar-{key}-{y}")
        if stop is None:
            ax.annotate("", xy=(end, y), xytext=(end - 40, y), zorder=3,
                        arrowprops={"arrowstyle": "-|>", "color": COLOURS["ink"], "lw": 1.2})
        right = start > end * 0.55
        text = ax.text(stop_at if right else start, y - 0.27, label, ha="right" if right else "left", va="bottom",
                       fontsize=FONT_SIZE, color=COLOURS["ink"])
        # A longer label (another language's words) that would run off the right edge ends at it instead.
        if not right and start / end * width_pt + _text_width_pt(label, FONT_SIZE) > width_pt:
            text.set_x(end)
            text.set_horizontalalignment("right")
    ax.set_yticks([])
    ax.set_xticks(range(0, end + 1, 200))
    ax.set_xlabel(say("natural_course.days_axis"), fontsize=FONT_SIZE, color=COLOURS["ink"])
    months = ax.secondary_xaxis("top", functions=(lambda d: d / DAYS_PER_MONTH, lambda m: m * DAYS_PER_MONTH))
    months.set_xticks(range(0, int(end / DAYS_PER_MONTH) + 1, 6))
    months.set_xlabel(say("natural_course.months_axis"), fontsize=FONT_SIZE, color=COLOURS["ink"])
    for axis in (ax, months):
        axis.tick_params(labelsize=FONT_SIZE - 1, colors=COLOURS["ink"])
    for side in ("left", "right"):
        ax.spines[side].set_visible(False)
    return fig


# --- order of care ------------------------------------------------------------------------


def _care_steps(data):
    steps: dict[int, list] = {}
    for treatment in data.treatments.values():
        steps.setdefault(treatment.step, []).append(treatment)
    return [steps[k] for k in sorted(steps)]


def care_title(data, language=ENGLISH, data_dir=None) -> str:
    return _words(data, language, data_dir)("order_of_care.title")


def care_alt(data, language=ENGLISH, data_dir=None) -> str:
    say = _words(data, language, data_dir)
    either = f" {say('shared.or')} "
    parts = [say("order_of_care.alt_step", step=n, treatments=either.join(t.name.lower() for t in group))
             for n, group in enumerate(_care_steps(data), start=1)]
    return say("order_of_care.alt", steps="; ".join(parts))


def _leaflet_span(d, say) -> str:
    key = "order_of_care.span_same" if d.months_low == d.months_high else "order_of_care.span"
    return say(key, months_low=d.months_low, months_high=d.months_high)


def care_lasts(t, language=ENGLISH, data_dir=None) -> str:
    """How long a treatment's effect lasts, in the words the table and the pages' tests share.

    Only `duration` gives a length, and it comes from patient leaflets, so the
    words say so; otherwise our sources do not say (never "not published").
    `t` is the treatment in `language`.
    """
    from guide import figure_words

    say = figure_words.load(language, data_dir)
    d = t.duration
    if d is not None:
        key = "order_of_care.lasts_leaflets_repeated" if d.repeated else "order_of_care.lasts_leaflets"
        return say(key, span=_leaflet_span(d, say))
    years = t.evidence.get("stable_years")
    if years:
        return say.count("order_of_care.lasts_trial", years, years=years)
    return say("order_of_care.lasts_unknown")


def _cell_sources(data, t) -> tuple[list[str], list[str]]:
    """The sources behind each of a row's two cells, so a citation sits on what it supports.

    "When": the consensus on the order of care. "How long": the patient
    leaflets for a usual duration, or the follow-up study (a study other than
    the row's main evidence) for how long the gains were seen to last.
    """
    kind = {i: data.sources[i].kind for i in t.sources}
    when = [i for i in t.sources if kind[i] == "consensus"]
    if t.duration is not None:
        lasts = [i for i in t.sources if kind[i] == "patient-guide"]
    elif t.evidence.get("stable_years"):
        lasts = [i for i in t.sources if kind[i] == "study" and i != t.evidence["source"]]
    else:
        lasts = []
    return when, lasts


def care_table(data, cite=plain_cite, language=ENGLISH, data_dir=None) -> str:
    say = _words(data, language, data_dir)
    rows = []
    for n, group in enumerate(_care_steps(data), start=1):
        for t in group:
            when, lasts = _cell_sources(data, t)
            when_cell = t.when.rstrip(".") + (f" ({cite(when)})" if when else "")
            lasts_cell = care_lasts(t, language, data_dir) + (f" ({cite(lasts)})" if lasts else "")
            rows.append([n, t.name, when_cell, lasts_cell])
    return _table(say.columns("order_of_care.columns"), rows)


def draw_care(data, plt, language=ENGLISH, data_dir=None):
    from matplotlib.patches import FancyBboxPatch

    say = _words(data, language, data_dir)
    either = f" {say('shared.or')} "
    steps = _care_steps(data)
    box_h, gap = 1.0, 0.55
    height = len(steps) * (box_h + gap)
    fig, ax = plt.subplots(figsize=(4.2, 1.25 * len(steps) + 0.3))
    ax.set_xlim(0, 10)
    ax.set_ylim(height, -0.1)
    ax.axis("off")
    for n, group in enumerate(steps):
        top = n * (box_h + gap)
        # Treatments at the same step share one box ("A or B"): they are alternatives.
        name = either.join(t.name if i == 0 else t.name.lower() for i, t in enumerate(group))
        d = group[0].duration
        note = say("order_of_care.box_note", span=_leaflet_span(d, say)) if d is not None else group[0].when
        ax.add_patch(FancyBboxPatch((1.1, top), 8.8, box_h, boxstyle="round,pad=0,rounding_size=0.15",
                                    facecolor="#FFFFFF", edgecolor=COLOURS["plateau"], linewidth=1.5))
        ax.text(1.35, top + 0.3, name, fontsize=FONT_SIZE, weight="bold", va="center", color=COLOURS["ink"])
        ax.text(1.35, top + 0.7, textwrap.fill(note, 40), fontsize=FONT_SIZE - 1.5,
                va="center", color=COLOURS["muted"], linespacing=1.1)
        # The step circle reaches just past the axes' left edge: unclipped, or
        # print and screen cut off its left side and the "1" with it.
        ax.plot(0.45, top + box_h / 2, marker="o", markersize=26, color=COLOURS["plateau"], linestyle="none", clip_on=False)
        ax.text(0.45, top + box_h / 2, str(n + 1), fontsize=FONT_SIZE, weight="bold", color="#FFFFFF", ha="center", va="center",
                clip_on=False)
        if n < len(steps) - 1:
            ax.annotate("", xy=(0.45, top + box_h + gap - 0.02), xytext=(0.45, top + box_h / 2 + 0.42),
                        arrowprops={"arrowstyle": "-|>", "color": COLOURS["ink"], "lw": 1.2})
    fig.tight_layout(pad=0.2)
    return fig


# --- how common -------------------------------------------------------------------------------


ICONS = 100  # people in the icon array: the share per hundred is coloured in


def common_title(data, language=ENGLISH, data_dir=None) -> str:
    p = data.prevalence
    return _words(data, language, data_dir)("how_common.title", one_in=p.one_in, months_after=p.months_after)


def common_alt(data, language=ENGLISH, data_dir=None) -> str:
    p = data.prevalence
    return _words(data, language, data_dir)("how_common.alt", icons=ICONS, marked=p.per_hundred,
                                            unmarked=ICONS - p.per_hundred, months_after=p.months_after)


def common_table(data, cite=plain_cite, language=ENGLISH, data_dir=None) -> str:
    say = _words(data, language, data_dir)
    p = data.prevalence
    source = cite([p.source])
    return _table(say.columns("how_common.columns"), [
        [say("how_common.followed", months_after=p.months_after), p.people, source],
        [say("how_common.had_at", months_after=p.months_after),
         say("how_common.had_at_result", percent=p.percent_with_synkinesis, per_hundred=p.per_hundred), source],
        [say("how_common.severe"), say("how_common.severe_result", percent=p.percent_moderate_to_severe), source],
    ])


def _person_marker():
    """A person icon (head and shoulders) as one marker path, so the SVG defines it once."""
    from matplotlib.path import Path as MPath

    head = MPath.circle((0, 0.62), 0.3)
    body = MPath([(-0.5, -0.6), (-0.5, 0.05), (-0.3, 0.25), (0.3, 0.25), (0.5, 0.05), (0.5, -0.6), (-0.5, -0.6)],
                 [MPath.MOVETO, MPath.LINETO, MPath.CURVE3, MPath.LINETO, MPath.CURVE3, MPath.LINETO, MPath.CLOSEPOLY])
    return MPath.make_compound_path(head, body)


def draw_common(data, plt, language=ENGLISH, data_dir=None):
    say = _words(data, language, data_dir)
    marked = data.prevalence.per_hundred
    icon = _person_marker()
    styles = {
        True: {"markerfacecolor": COLOURS["marked"], "markeredgecolor": COLOURS["ink"]},
        False: {"markerfacecolor": COLOURS["unmarked"], "markeredgecolor": COLOURS["muted"]},
    }
    fig, ax = plt.subplots(figsize=(4.2, 5.6))
    ax.set_xlim(-0.5, 9.5)
    ax.set_ylim(12.1, -0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    for is_marked in (True, False):
        cells = [i for i in range(ICONS) if (i < marked) == is_marked]
        ax.plot([i % 10 for i in cells] + [0], [i // 10 for i in cells] + [10.7 if is_marked else 11.6],
                linestyle="none", marker=icon, markersize=22, markeredgewidth=0.9, **styles[is_marked])
    ax.text(0.5, 10.7, say("how_common.marked_legend", marked=marked, icons=ICONS), fontsize=FONT_SIZE, va="center",
            color=COLOURS["ink"])
    ax.text(0.5, 11.6, say("how_common.unmarked_legend", unmarked=ICONS - marked, icons=ICONS), fontsize=FONT_SIZE,
            va="center", color=COLOURS["ink"])
    fig.tight_layout(pad=0.2)
    return fig


FIGURES = {
    f.name: f
    for f in (
        Figure("natural_course", course_title, course_alt, course_table, draw_course),
        Figure("order_of_care", care_title, care_alt, care_table, draw_care),
        Figure("how_common", common_title, common_alt, common_table, draw_common),
    )
}


# --- building --------------------------------------------------------------------------------------


def fingerprint(data_dir: Path, language: str = ENGLISH) -> str:
    from guide import DATA_FILES

    data_dir = Path(data_dir)
    inputs = [*(data_dir / f for f in DATA_FILES), data_dir / WORDS_FILE]
    if language != ENGLISH:
        inputs.append(data_dir / "translations" / f"{language}.yml")
    digest = hashlib.sha256(language.encode() + b"\0")
    for path in [*inputs, *CODE_INPUTS]:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def is_up_to_date(out_dir: Path, key: str) -> bool:
    stamp = out_dir / FINGERPRINT
    return (stamp.exists() and stamp.read_text() == key
            and all((out_dir / f"{name}.svg").exists() for name in FIGURES))


def language_dir(out_dir: Path, language: str = ENGLISH) -> Path:
    """Where a language's figures go: English in `out_dir`, another in `out_dir`/LANG."""
    return Path(out_dir) if language == ENGLISH else Path(out_dir) / language


def build(out_dir: Path = DEFAULT_OUT, data_dir: Path | None = None, force: bool = False,
          language: str = ENGLISH) -> list[Path]:
    """Check the data and (re)draw any figure that is out of date. Returns the SVG paths.

    English figures go in `out_dir`, another language's in `out_dir`/LANG, drawn
    from the same data with that language's words (data/translations/LANG.yml,
    data/figure_words.yml). Raises guide.data.DataError for bad data, before
    anything is written: the figures from the last good run stay in place.
    """
    from guide import DATA_DIR

    data_dir = Path(data_dir or DATA_DIR)
    out_dir = language_dir(out_dir, language)
    paths = [out_dir / f"{name}.svg" for name in FIGURES]
    key = fingerprint(data_dir, language)
    if not force and is_up_to_date(out_dir, key):
        return paths
    from guide import data as site_data  # pydantic: only when something must be drawn

    data = site_data.load(data_dir)
    if language != ENGLISH:
        from guide.translations import localize

        data = localize(data, language, data_dir)
    svgs = render_all(data, language, data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, svg in zip(paths, svgs):
        write_if_changed(path, svg)
    write_if_changed(out_dir / FINGERPRINT, key.encode())
    return paths


def render_all(data, language: str = ENGLISH, data_dir=None) -> list[bytes]:
    """Every figure as SVG bytes, all in memory: nothing is written unless all succeed."""
    import io

    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    rc = {
        "svg.fonttype": "none",      # text stays text: sharp, searchable, readable aloud
        "svg.hashsalt": "synkinesis-guide",  # stable element ids, so identical bytes
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "axes.edgecolor": COLOURS["ink"],
        "figure.facecolor": "#FFFFFF",  # a white card in dark mode too
    }
    out = []
    with matplotlib.rc_context(rc):
        for figure in FIGURES.values():
            title, alt = figure.title(data, language, data_dir), figure.alt(data, language, data_dir)
            figure.table(data, plain_cite, language, data_dir)  # pages show it: its words must work too
            fig = figure.draw(data, plt, language, data_dir)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
            plt.close(fig)
            out.append(_label_svg(buffer.getvalue(), figure.name, title, alt))
    return out


def _label_svg(svg: bytes, name: str, title: str, desc: str) -> bytes:
    """Put <title> and <desc> first inside <svg>, so the file explains itself anywhere."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start) + 1
    opening = text[start:end].replace("<svg", f'<svg role="img" aria-labelledby="{name}-title {name}-desc"', 1)
    labels = f'\n <title id="{name}-title">{escape(title)}</title>\n <desc id="{name}-desc">{escape(desc)}</desc>'
    return (text[:start] + opening + labels + text[end:]).encode("utf-8")


def write_if_changed(path: Path, content: bytes) -> bool:
    """Atomic write that leaves an identical file (and its timestamp) alone; whether it wrote."""
    if path.exists() and path.read_bytes() == content:
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check data/ and draw the site's figures as SVG.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/figures)")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    parser.add_argument("--force", action="store_true", help="redraw even if nothing changed")
    parser.add_argument("--language", default=ENGLISH,
                        help="draw in this language (default: en); es goes in OUT/es/ (data/translations/es.yml)")
    args = parser.parse_args(argv)
    try:
        paths = build(args.out, args.data, args.force, args.language)
    except Exception as error:
        if type(error).__name__ != "DataError":  # avoid importing pydantic just to name it
            raise
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
