"""Spelling (codespell), with our word list and medical misspellings."""

from __future__ import annotations

import contextlib
import io
import re

from guide import languages
from guide.checks.tree import Tree, relative


# Config files of the two linters, at the top of the project (see CONTRIBUTING.md).
CODESPELL_WORDS = ".codespell-words.txt"             # right words codespell must accept
CODESPELL_DICTIONARY = ".codespell-dictionary.txt"   # misspellings of medical words: wrong->right


def check_spelling(tree: Tree) -> list[str]:
    """codespell over pages and data, with our word list and medical misspellings."""
    import codespell_lib

    # codespell knows English only: the Spanish edition's pages and words are left to their
    # translators and reviewers (issue 15); its readability is checked all the same.
    others = [e.folder for e in languages.load(tree.config) if e.folder]
    args = ["--builtin", "clear,rare", "--dictionary", "-", "--skip", ",".join([*(f"*/docs/{f}/*" for f in others), "*/data/translations/*"])]
    for name, option in ((CODESPELL_DICTIONARY, "--dictionary"), (CODESPELL_WORDS, "--ignore-words")):
        if (tree.root / name).exists():
            args += [option, str(tree.root / name)]
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
        codespell_lib.main(*args, str(tree.docs_dir), str(tree.data_dir))
    problems = []
    for line in output.getvalue().splitlines():
        match = re.match(r"^(.*?):(\d+): (.+?) ==> (.+?)(?:\s*\|.*)?$", line)
        if not match:
            continue
        path, number, wrong, right = match.groups()
        options = " or ".join(f"'{w.strip()}'" for w in right.split(",") if w.strip())
        problems.append(f"{relative(path, tree.root)}:{number}: spelling: '{wrong}' looks misspelt: write {options} "
                        f"(if '{wrong}' is right, add it to {CODESPELL_WORDS})")
    return problems
