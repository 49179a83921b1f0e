"""mkdocs.yml, the one config, as every step reads it.

Light on purpose (PyYAML only): guide/step.py reads it to decide whether a step
must run at all, before anything heavy is imported.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from guide import ROOT

MKDOCS_YML = ROOT / "mkdocs.yml"


class ConfigError(ValueError):
    """A mistake in mkdocs.yml that YAML itself accepts, in an editor's words."""


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the tags (!ENV, !!python/name:...) that only MkDocs understands."""


class _FastConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """ConfigLoader with libyaml's parser."""


for _loader in (ConfigLoader, _FastConfigLoader):
    _loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(root: Path = ROOT) -> dict:
    """mkdocs.yml as a dict (the tags only MkDocs understands left out); raises yaml.YAMLError
    (with its line) or ConfigError."""
    try:
        return parse_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"mkdocs.yml: not found in {root}: run the build from the project's folder") from None
    except UnicodeDecodeError:
        raise ConfigError("mkdocs.yml: is not UTF-8 text: save it as UTF-8") from None


def parse_config(text: str) -> dict:
    """mkdocs.yml's text as a dict. Every step reads it, so libyaml parses it (a tenth of the
    time); a mistake is explained in the pure-Python parser's words, as always."""
    try:
        config = yaml.load(text, Loader=_FastConfigLoader) or {}
    except yaml.YAMLError:
        config = yaml.load(text, Loader=ConfigLoader) or {}
    if not isinstance(config, dict):
        raise ConfigError("mkdocs.yml:1: must be settings, one per line (`site_name: ...`), not a list or a value")
    return config


def site_url(config_file: Path = MKDOCS_YML) -> str:
    """site_url from mkdocs.yml, for scripts and tests (the build passes its own)."""
    return str(parse_config(config_file.read_text(encoding="utf-8"))["site_url"])
