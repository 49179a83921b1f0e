"""Markdown style (pymarkdownlnt with .pymarkdown.json): consistent, predictable Markdown."""

from __future__ import annotations

import re

from guide.checks.tree import Tree


PYMARKDOWN_CONFIG = ".pymarkdown.json"
# What to do about each Markdown style rule we keep (see .pymarkdown.json).
STYLE_FIXES = {
    "md003": "write headings as # Title, ## Section (not underlined with === or ---)",
    "md004": "start every bullet with -",
    "md005": "indent items of the same list by the same amount",
    "md007": "indent a list inside a list by 4 spaces",
    "md009": "delete the spaces at the end of the line",
    "md010": "replace the tab with spaces",
    "md011": "write links as [text](address)",
    "md018": "put a space after the #",
    "md019": "use one space after the #",
    "md022": "leave an empty line before and after the heading",
    "md023": "start the heading at the beginning of the line",
    "md024": "give each section heading a different name",
    "md026": "remove the full stop or colon at the end of the heading",
    "md027": "use one space after >",
    "md029": "number the list 1. 2. 3. (or 1. 1. 1.)",
    "md030": "use one space after the list marker",
    "md031": "leave an empty line before and after the code block",
    "md032": "leave an empty line before and after the list",
    "md033": "use Markdown instead of this HTML, or ask a developer to allow it",
    "md034": "write the address as a link: [what it is](https://...)",
    "md035": "write horizontal rules as ---",
    "md037": "remove the spaces inside the * or _ marks",
    "md038": "remove the spaces inside the `backticks`",
    "md039": "remove the spaces inside the [link text]",
    "md040": "say the language after the opening ```",
    "md042": "give the link an address",
    "md049": "use *one style* of emphasis throughout the page",
    "md050": "use **one style** of bold throughout the page",
    "md059": "make the link text say where it goes, e.g. [how botulinum toxin works](botulinum-toxin.md), not [more]",
}


def check_markdown_style(tree: Tree) -> list[str]:
    """pymarkdownlnt with our config (.pymarkdown.json): consistent, predictable Markdown."""
    from pymarkdown.api import PyMarkdownApi, PyMarkdownApiException

    config = tree.root / PYMARKDOWN_CONFIG
    api = PyMarkdownApi().log_error_and_above()
    if config.exists():
        api = api.configuration_file_path(str(config))
    problems = []
    for page in tree.pages:
        text, numbers = _for_linter(page.lines)
        try:
            result = api.scan_string(text)
        except PyMarkdownApiException as error:
            return [f"{PYMARKDOWN_CONFIG}:1: the Markdown style check did not run: {error}: fix the config file"]

        def real(line: int) -> int:
            return numbers[min(line, len(numbers)) - 1] if numbers else line

        for failure in result.scan_failures:
            rule = failure.rule_id.lower()
            detail = f" [{failure.extra_error_information.strip(' []')}]" if failure.extra_error_information else ""
            fix = STYLE_FIXES.get(rule, f"see rule {failure.rule_id} in the pymarkdownlnt documentation")
            problems.append(f"{page.where}:{real(failure.line_number)}: Markdown style: "
                            f"{failure.rule_description.rstrip('.')}{detail} ({failure.rule_id}): {fix}")
        for error in result.pragma_errors:
            problems.append(f"{page.where}:{real(error.line_number)}: Markdown style: {error.pragma_error}: fix the pymarkdown comment")
    return problems


def _for_linter(lines: list[str]) -> tuple[str, list[int]]:
    """The page as the linter should see it, and the real line number of each of its lines.

    A line with only a Jinja statement ({% for %}, {# note #}) prints nothing, so
    it becomes an empty line (else the linter says a list has no blank line
    around it). Runs of empty lines become one: they look the same on the page.
    """
    statement = re.compile(r"^\s*(\{%.*%\}|\{#.*#\})\s*$")
    text, numbers = [], []
    for number, line in enumerate(lines, start=1):
        if statement.match(line):
            line = ""
        if not line.strip() and text and not text[-1].strip():
            continue
        text.append(line)
        numbers.append(number)
    return "\n".join(text) + "\n", numbers
