"""`make serve` keeps going on a mistake (guide/serve_errors.py): the last good
pages stay, with the problem in plain words at the top of each, and the box goes
away once the problem is fixed."""

from __future__ import annotations

import pytest

from guide import serve_errors
from mkdocs.exceptions import Abort

pytestmark = pytest.mark.content

PAGE = '<html><head></head><body class="x"><p>Last good text.</p></body></html>'
PROBLEM = "docs/index.md:12: unknown variable: no field 'fastst': did you mean `fastest`?"


def test_the_problem_is_shown_at_the_top_of_the_page_in_plain_words():
    shown = serve_errors.show(PAGE, [PROBLEM])
    assert shown.index('<body class="x">') < shown.index(serve_errors.BOX_ID) < shown.index("Last good text.")
    assert "did you mean `fastest`?" in shown and "Fix this, then save the file" in shown
    assert "<script" not in shown


def test_the_box_goes_once_the_problem_is_fixed_and_is_never_doubled():
    shown = serve_errors.show(PAGE, [PROBLEM])
    assert serve_errors.show(shown, [PROBLEM]).count(serve_errors.BOX_ID) == 1
    assert serve_errors.show(shown, []) == PAGE
    assert serve_errors.show(PAGE, []) == PAGE


def test_text_is_escaped():
    assert "<b>" not in serve_errors.box(["docs/a.md:1: <b>bold</b>"])


def test_a_failed_rebuild_keeps_the_last_good_pages_and_marks_them(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(PAGE, encoding="utf-8")

    def failing_build():
        raise Abort("Data error: data/study.yml:3: plateau.day: is missing")

    rebuild = serve_errors.keep_serving(failing_build, tmp_path, lambda: [])
    rebuild()  # must not raise: MkDocs' own loop would leave the browser waiting
    text = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert "Last good text." in text and "plateau.day: is missing" in text


def test_a_good_rebuild_is_passed_through(tmp_path):
    calls = []
    serve_errors.keep_serving(lambda: calls.append(1), tmp_path, lambda: [])()
    assert calls == [1]
