"""The site's editions: English at the site's root (docs/), each other language in
its own folder with the same file names (docs/es/treatment/index.md -> /es/treatment/).

Each edition is built as a site of its own (its own menu, search and theme
language: `lang="es"`, Spanish buttons), from the same data/: guide/prepare.py
writes build/docs/ and build/es/docs/, the generator runs once per edition,
and guide/finish.py puts the Spanish site in site/es/. The editions are listed
once, in mkdocs.yml under `extra: languages:`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from guide.config import ConfigError

DEFAULT = "en"
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre")


@dataclass(frozen=True)
class Language:
    code: str                 # "es"
    name: str                 # "Español": how the switcher names it, in its own language
    folder: str = ""          # "es": where its pages are under docs/ and in the site ("" for English)
    site: dict = field(default_factory=dict)   # site_name, site_description, copyright in this language
    menu: dict = field(default_factory=dict)   # menu section names: {"Treatment": "Tratamiento"}
    extra: dict = field(default_factory=dict)  # `extra:` values in this language, e.g. the owner's name

    def config(self, config: dict) -> dict:
        """mkdocs.yml as this edition's pages see it: its own site name and `extra:` words."""
        return {**config, **self.site, "extra": {**(config.get("extra") or {}), **self.extra}}

    def prefix(self, path: str) -> str:
        """A path of this edition from the whole site's root: 'treatment/' -> 'es/treatment/'."""
        return f"{self.folder}/{path}" if self.folder else path


def load(config: dict) -> list[Language]:
    """The editions from mkdocs.yml's `extra: languages:` (English alone when there is none);
    ConfigError for an edition without its language code."""
    extra = config.get("extra") or {}
    if not isinstance(extra, dict):
        raise ConfigError("mkdocs.yml: extra: must be settings (`languages:`, `contact:` ...), not a list or a value")
    listed = extra.get("languages") or [{"code": DEFAULT, "name": "English"}]
    if not isinstance(listed, list):
        raise ConfigError("mkdocs.yml: extra: languages: must be a list of editions, each starting `- code: ...`")
    found = []
    for number, entry in enumerate(listed, 1):
        if not isinstance(entry, dict) or not entry.get("code"):
            raise ConfigError(f"mkdocs.yml: extra: languages: edition {number} has no `code`: "
                             "give each its language code (`code: en`, `code: es`)")
        code = entry["code"]
        found.append(Language(code=code, name=entry.get("name", code), folder="" if code == DEFAULT else code,
                              site={k: entry[k] for k in ("site_name", "site_description", "copyright") if k in entry},
                              menu=dict(entry.get("menu") or {}), extra=dict(entry.get("extra") or {})))
    return found


def of(src: str, languages: list[Language]) -> Language:
    """The edition a docs/ file belongs to: 'es/index.md' -> Spanish, 'index.md' -> English."""
    first = src.split("/", 1)[0]
    for language in languages:
        if language.folder and first == language.folder:
            return language
    return next(language for language in languages if not language.folder)


def within(src: str, language: Language) -> str:
    """The file's path inside its edition: 'es/treatment/index.md' -> 'treatment/index.md'."""
    return src[len(language.folder) + 1:] if language.folder and src.startswith(language.folder + "/") else src


def format_date(day: date, code: str = DEFAULT) -> str:
    """'26 November 2026'; in Spanish '26 de noviembre de 2026'."""
    if code == "es":
        return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"
    from guide.data import format_date as english

    return english(day)
