"""guide/step.py: prepare and finish are skipped only when nothing they read changed.

A skipped step that should have run would publish a stale page, so most of
these tests change one input and check that the step then runs in full.
"""

from __future__ import annotations

import datetime
import subprocess

from project import PYTHON, ROOT, run_build
from guide import step


def test_digest_changes_with_a_byte_a_new_file_a_name_or_an_extra(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("one", encoding="utf-8")
    first = step.digest([folder, tmp_path / "missing.yml"], "x")
    assert step.digest([folder, tmp_path / "missing.yml"], "x") == first
    assert step.digest([folder, tmp_path / "missing.yml"], "y") != first
    (folder / "a.md").write_text("onE", encoding="utf-8")
    changed = step.digest([folder, tmp_path / "missing.yml"], "x")
    assert changed != first
    (folder / "a.md").rename(folder / "b.md")
    assert step.digest([folder, tmp_path / "missing.yml"], "x") != changed
    (folder / "c.md").write_text("", encoding="utf-8")
    assert step.digest([folder], "x") != step.digest([folder / "b.md"], "x")
    (tmp_path / "missing.yml").write_text("", encoding="utf-8")   # an empty file is not a missing one
    assert step.digest([tmp_path / "missing.yml"]) != step.digest([tmp_path / "gone.yml"])


def test_prepare_reads_the_date_the_commit_and_require_review(tmp_path, monkeypatch):
    prepare = step.Step("prepare", tmp_path / "build")
    before = prepare.inputs_digest()
    assert step.Step("prepare", tmp_path / "build").inputs_digest() == before
    monkeypatch.setenv("REQUIRE_REVIEW", "1")
    assert step.Step("prepare", tmp_path / "build").inputs_digest() != before
    monkeypatch.delenv("REQUIRE_REVIEW")

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls):
            return datetime.date.today() + datetime.timedelta(days=1)

    monkeypatch.setattr(step, "date", Tomorrow)   # a review falls due, an uncommitted page's date moves
    assert step.Step("prepare", tmp_path / "build").inputs_digest() != before
    monkeypatch.setattr(step, "date", datetime.date)
    monkeypatch.setattr(step, "commit", lambda root: "another commit")
    assert step.Step("prepare", tmp_path / "build").inputs_digest() != before


def test_digest_reads_every_file_but_compiled_python(tmp_path):
    folder = tmp_path / "docs"
    (folder / "__pycache__").mkdir(parents=True)
    before = step.digest([folder])
    (folder / "__pycache__" / "notes.txt").write_text("a file prepare copies", encoding="utf-8")
    assert step.digest([folder]) != before
    after = step.digest([folder])
    (folder / "__pycache__" / "pages.cpython-311.pyc").write_bytes(b"written by Python itself")
    assert step.digest([folder]) == after


def test_both_steps_read_where_the_project_is_and_the_installed_libraries(tmp_path, monkeypatch):
    for name in step.STEPS:
        here = step.Step(name, tmp_path / "build", tmp_path / "site").inputs_digest()
        # prepare writes the theme's folder relative to BUILD: another BUILD, another config
        assert step.Step(name, tmp_path / "other" / "build", tmp_path / "site").inputs_digest() != here
        monkeypatch.setenv("PYTHONPATH", str(tmp_path / "shadow"))   # another copy of a library first
        assert step.Step(name, tmp_path / "build", tmp_path / "site").inputs_digest() != here
        monkeypatch.delenv("PYTHONPATH")
    listed = step.libraries()
    assert any(line.startswith("segno-") and line.endswith(".dist-info") for line in listed.splitlines()), listed


def test_finish_reads_the_generated_site_and_our_code_not_the_date(tmp_path, monkeypatch):
    generated = tmp_path / "build" / "generated"
    generated.mkdir(parents=True)
    (generated / "index.html").write_text("<p>one</p>", encoding="utf-8")
    finish = step.Step("finish", tmp_path / "build", tmp_path / "site")
    assert finish.inputs[0] == generated and ROOT / "guide" in finish.inputs and ROOT / "overrides" in finish.inputs
    assert tmp_path / "build" / "finish.json" in finish.inputs   # data/ and docs/ only as prepare handed them over
    before = finish.inputs_digest()
    (generated / "index.html").write_text("<p>two</p>", encoding="utf-8")
    assert finish.inputs_digest() != before


def steps(project, name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "guide.step", name, *(str(project / a) for a in args)], cwd=project,
                          capture_output=True, text=True)


def files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_step_runs_again_when_an_input_or_its_output_changed(project_copy):
    built = run_build(project_copy / "site", cwd=project_copy)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "up to date" not in built.stdout   # a copy starts without stamps: both steps ran
    site = files(project_copy / "site")

    again = run_build(project_copy / "site", cwd=project_copy)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "prepare: up to date" in again.stdout and "finish: up to date" in again.stdout
    assert files(project_copy / "site") == site

    # The booklet step changes site/ after finish: a skipped finish still gives finish's own output.
    (project_copy / "site" / "index.html").write_text("changed by a later step", encoding="utf-8")
    (project_copy / "site" / "extra.pdf").write_bytes(b"%PDF")
    finish = steps(project_copy, "finish", "build", "site")
    assert "finish: up to date" in finish.stdout, finish.stdout + finish.stderr
    assert files(project_copy / "site") == site

    # A stamp that is not what the step wrote: the step runs, no traceback.
    (project_copy / "build" / "cache" / "finish.json").write_text("[]", encoding="utf-8")
    finish = steps(project_copy, "finish", "build", "site")
    assert finish.returncode == 0 and "up to date" not in finish.stdout, finish.stdout + finish.stderr
    assert files(project_copy / "site") == site

    # prepare's output was changed by hand: prepare runs and writes it again.
    page = project_copy / "build" / "docs" / "index.md"
    written = page.read_bytes()
    page.write_text("edited by hand", encoding="utf-8")
    prepare = steps(project_copy, "prepare", "build")
    assert prepare.returncode == 0 and "up to date" not in prepare.stdout, prepare.stdout + prepare.stderr
    assert page.read_bytes() == written

    # An edited page: prepare runs; a failed run leaves no stamp to skip the next one.
    source = project_copy / "docs" / "index.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nA word the editor added.\n", encoding="utf-8")
    prepare = steps(project_copy, "prepare", "build")
    assert prepare.returncode == 0 and "up to date" not in prepare.stdout, prepare.stdout + prepare.stderr
    assert "A word the editor added." in page.read_text(encoding="utf-8")
    source.write_text(text + "\n{{ no_such_number }}\n", encoding="utf-8")
    failed = steps(project_copy, "prepare", "build")
    assert failed.returncode == 1 and "no_such_number" in failed.stderr
    assert not (project_copy / "build" / "cache" / "prepare.json").exists()
    source.write_text(text + "\nA word the editor added.\n", encoding="utf-8")
    prepare = steps(project_copy, "prepare", "build")
    assert prepare.returncode == 0 and "up to date" not in prepare.stdout, prepare.stdout + prepare.stderr
    assert "prepare: up to date" in steps(project_copy, "prepare", "build").stdout


def test_a_broken_config_is_one_line_from_prepare_not_a_traceback(project_copy):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for broken, said in ((text + "\nsite_name: [unclosed\n", "mkdocs.yml:"),
                         (text.replace("- code: es", "- cod: es", 1), "mkdocs.yml: extra: languages: edition 2 has no `code`"),
                         (text + "\nextra: [1]\n", "mkdocs.yml: extra: must be settings"),
                         ("- site_name: x\n", "mkdocs.yml:1: must be settings"),
                         ("site_name: Gu\xeda\n".encode("latin-1"), "mkdocs.yml: is not UTF-8")):
        config.write_bytes(broken if isinstance(broken, bytes) else broken.encode("utf-8"))
        for name, *args in (("prepare", "build"), ("finish", "build", "site")):
            result = steps(project_copy, name, *args)
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        result = steps(project_copy, "prepare", "build")
        assert result.stderr.startswith(said), result.stderr
