"""`make serve`: live preview of docs/ and data/ with the same three steps as `make site`.

MkDocs serves build/docs/; on every save in docs/ or data/ it rebuilds, and
hooks/preview.py calls this module: `before_build` runs prepare (only changed
files are rewritten), `page` runs finish on each page as MkDocs writes it.
A problem never stops the preview: the last good pages stay, with the problem
in a box at the top of every page until it is fixed (guide/serve_errors.py).

State lives here, not in the hook file: MkDocs runs the hook file afresh on
every rebuild.
"""

from __future__ import annotations

import jinja2

from guide import ROOT, languages, prepare, serve_errors
from guide.finish import Finish, read_handover

BUILD = prepare.BUILD
_state: dict = {"errors": [], "finish": None}


def before_build(language: str = "en") -> None:
    """Prepare the edition the preview serves (`language`, and English, which it translates) again."""
    errors = []
    try:
        prepare.run(ROOT, BUILD, preview=True, only={language})
    except prepare.Problems as problems:
        errors = problems.lines
    # What finish needs, as prepare handed it over; after a problem, still the last good one.
    try:
        _state["finish"] = Finish(read_handover(BUILD), languages.load(prepare.read_config(ROOT)), language, preview=True)
    except (prepare.Problems, FileNotFoundError):
        pass   # prepare's problems say why
    _state["errors"] = errors
    for line in errors:
        print(f"ERROR    -  {line}", flush=True)


def page(html: str, path: str) -> str:
    finished = _state["finish"].page(html, path) if _state["finish"] else html
    return serve_errors.show(finished, _state["errors"])


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept from one rebuild to the next.

    MkDocs makes a new Jinja environment on every save, and compiled Material's
    and our ~50 templates again: about a quarter of a preview rebuild. Jinja
    checks each template's source checksum, so an edited override is compiled afresh.
    """

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def theme_env(env: jinja2.Environment) -> jinja2.Environment:
    env.bytecode_cache = _compiled
    return env


def errors() -> list[str]:
    return _state["errors"]
