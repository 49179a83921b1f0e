"""The words the figures show, in each language: data/figure_words.yml.

    natural_course:
      title:
        en: "In the study, synkinesis got worse most between {start_day} and {end_day} days, ..."
        es: "En el estudio, la sincinesia empeoró más entre los {start_day} y los {end_day} días, ..."

build_figures.py fills each {name} with a number from data/, so a figure says
the same in every language and no number is typed twice. Editors change this
file, so a problem is one line naming the file, the line and the field:

    data/figure_words.yml:17: natural_course.title.es: is missing: translate 'In the study, ...'
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

from guide import DATA_DIR
from guide.data import DataError, _read_yaml, _rel

FILE = "figure_words.yml"
ENGLISH = "en"


def path(data_dir: Path | None = None) -> Path:
    return Path(data_dir or DATA_DIR) / FILE


class Words:
    """One language's figure texts: `words("natural_course.title", start_day=200, ...)`."""

    def __init__(self, file: Path, language: str, texts: dict, lines: dict):
        self.file, self.language, self._texts, self._lines = file, language, texts, lines

    def __call__(self, key: str, **values) -> str:
        """The text for `key` with its {names} filled in."""
        text = self._get(key)
        if not isinstance(text, str):
            raise self._error(key, "must be one text, not a list")
        return self._fill(key, text, values)

    def count(self, key: str, number, **values) -> str:
        """`key`, or `key`_one when `number` is 1 ("1 year", "2 years")."""
        return self(f"{key}_one" if number == 1 else key, **values)

    def columns(self, key: str) -> list[str]:
        """A table's column headings (a list in the file)."""
        texts = self._get(key)
        if not isinstance(texts, list):
            raise self._error(key, "must be a list of column headings, like [Step, Treatment]")
        return list(texts)

    def _get(self, key: str):
        figure, _, name = key.partition(".")
        entry = (self._texts.get(figure) or {}).get(name)
        if entry is None:
            raise DataError(_rel(self.file), self._line((figure,)), key,
                            f"is missing: build_figures.py needs it (give it {ENGLISH} and {self.language} texts)")
        return entry

    def _fill(self, key: str, text: str, values: dict) -> str:
        try:
            return text.format(**values)
        except KeyError as error:
            known = ", ".join("{" + name + "}" for name in values) or "no {names}"
            raise self._error(key, f"uses {{{error.args[0]}}}, which the figure does not fill in here: use {known}") from None

    def _line(self, loc: tuple) -> int | None:
        for end in range(len(loc), 0, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return None

    def _error(self, key: str, problem: str) -> DataError:
        figure, _, name = key.partition(".")
        return DataError(_rel(self.file), self._line((figure, name, self.language)), f"{key}.{self.language}", problem)


def load(language: str = ENGLISH, data_dir: Path | None = None) -> Words:
    """The figure texts in `language`; raises DataError for a missing or mismatched text."""
    file = path(data_dir)
    # Keyed by the file's text, so an edit (`make serve`) is read again and an unchanged file is not.
    return _parse(file, language, file.read_bytes() if file.is_file() else None)


@functools.lru_cache(maxsize=8)
def _parse(file: Path, language: str, content: bytes | None) -> Words:
    if content is None:
        raise DataError(_rel(file), None, "", "file not found: it holds every word the figures show")
    document, lines = _read_yaml(file)
    if not isinstance(document, dict):
        raise DataError(_rel(file), 1, "", "must map each figure's name to its texts (see the comments at its top)")
    texts: dict[str, dict] = {}
    for figure, entries in document.items():
        if not isinstance(entries, dict):
            raise DataError(_rel(file), lines.get((figure,)), str(figure), "must map each text's name to its en and es texts")
        texts[figure] = {}
        for name, entry in entries.items():
            loc = (figure, name)
            field = f"{figure}.{name}"
            if not isinstance(entry, dict) or ENGLISH not in entry:
                raise DataError(_rel(file), lines.get(loc), f"{field}.{ENGLISH}", "is missing: give the English text")
            english = _checked(entry[ENGLISH], file, lines, (*loc, ENGLISH), f"{field}.{ENGLISH}")
            if language not in entry:
                raise DataError(_rel(file), lines.get(loc), f"{field}.{language}",
                                f"is missing: translate '{_shown(entry[ENGLISH])}'")
            text = _checked(entry[language], file, lines, (*loc, language), f"{field}.{language}")
            _same_shape(english, text, file, lines, (*loc, language), f"{field}.{language}")
            texts[figure][name] = text
    return Words(file, language, texts, lines)


def _shown(english) -> str:
    return " | ".join(english) if isinstance(english, list) else str(english)


def _checked(value, file: Path, lines: dict, loc: tuple, field: str):
    """A text or a list of texts, with only plain {name} placeholders."""
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) and item.strip() for item in items):
        raise DataError(_rel(file), lines.get(loc), field, "must be a text in \"quotes\" (or, for table columns, a list of them)")
    for item in items:
        _names(item, file, lines, loc, field)
    return value


def _names(text: str, file: Path, lines: dict, loc: tuple, field: str) -> list[str]:
    """The {names} in `text`, in order; anything but a plain {name} is an error."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise DataError(_rel(file), lines.get(loc), field, "has a { without its } (or the other way round)") from None
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise DataError(_rel(file), lines.get(loc), field,
                            f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}: "
                            "write a placeholder as a plain {name}, e.g. {start_day}")
        names.append(name)
    return names


def _same_shape(english, text, file: Path, lines: dict, loc: tuple, field: str) -> None:
    """The same {names} as the English (no number added or left out), and as many columns."""
    if isinstance(english, list) != isinstance(text, list) or (isinstance(text, list) and len(text) != len(english)):
        raise DataError(_rel(file), lines.get(loc), field,
                        f"must have the same form as the English: {len(english) if isinstance(english, list) else 'one'} text(s)")
    pairs = zip(english, text) if isinstance(text, list) else [(english, text)]
    for en, other in pairs:
        want = sorted(set(_names(en, file, lines, loc, field)))
        got = sorted(set(_names(other, file, lines, loc, field)))
        if want != got:
            shown = ", ".join("{" + n + "}" for n in want) or "no {names}"
            raise DataError(_rel(file), lines.get(loc), field,
                            f"must use the same {{names}} as the English ({shown}), so it gives the same facts")
