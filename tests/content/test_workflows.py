"""The GitHub workflows run what the README and CONTRIBUTING.md promise.

- test.yml: every pull request runs `make test`, the README's test command;
- publish.yml: main is built with `make site` and published with deploy-pages;
- both fetch the whole history: with a shallow clone on GitHub Actions the
  "Last changed" plugin warns, and the strict build fails;
- publish.yml runs the content checks before it builds and deploys;
- every third-party action is pinned to a full commit SHA, with its version in a comment.
"""

from __future__ import annotations

import re

import yaml

from project import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as True
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_pull_request_runs_make_test():
    workflow = load("test.yml")
    assert "pull_request" in workflow["on"]
    assert any(step.get("run", "").strip() == "make test" for step in steps(workflow))


def test_main_is_built_with_make_site_and_published_to_pages():
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow)]
    assert any(step.get("run", "").strip() == "make site" for step in steps(workflow))
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_workflows_fetch_the_whole_history_for_last_changed_dates():
    for name in ("test.yml", "publish.yml"):
        checkouts = [s for s in steps(load(name)) if s.get("uses", "").startswith("actions/checkout")]
        assert checkouts and all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts), name


def test_publishing_runs_the_content_checks_before_deploying():
    workflow = load("publish.yml")
    runs = [step.get("run", "").split("#")[0].strip() for step in steps(workflow)]
    assert runs.index("make content") < runs.index("make site")
    assert workflow["jobs"]["deploy"]["needs"] == "build", "deploy must wait for the job that ran the checks"


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    problems = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"^\s*(- )?uses:", line) and not re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line):
                problems.append(f".github/workflows/{path.name}:{number}: {line.strip()}")
    assert not problems, "pin to a full commit SHA with '# vX.Y.Z' after it:\n" + "\n".join(problems)
def test_content_checks_run_first_and_alone():
    # An editor's mistake must show first, on its own (issue 17): `make content`
    # is the first command the test workflow runs, before the build and browser tests.
    runs = [step["run"].strip() for step in steps(load("test.yml")) if "run" in step]
    assert runs[0] == "make content", runs
    assert runs.index("make content") < runs.index("make test")


def test_problem_lines_become_one_annotation_each():
    from project import github_annotations

    report = ("E       AssertionError: 2 problem(s):\n"
              "E         docs/index.md:12: link to 'x.md': there is no such page in docs/: check the file name\n"
              "E         data/study.yml:3: plateau.day: is missing\n"
              "E         INFO    -  Building documentation\n")
    assert github_annotations(report) == [
        "::error file=docs/index.md,line=12::link to 'x.md': there is no such page in docs/: check the file name",
        "::error file=data/study.yml,line=3::plateau.day: is missing",
    ]
    assert github_annotations(report) == [], "each problem once, however many tests print it"
