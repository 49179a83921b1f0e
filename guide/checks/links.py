"""Links: to pages, files and sections, each leads somewhere; none written in HTML."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from guide.urls import own_site_link, scan_docs
from guide.checks.tree import SCHEME, Page, Tree, log_messages


LINK_TARGETS = (
    re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)"),   # [text](target) and ![alt](target)
    re.compile(r"^ {0,3}\[[^\]^*][^\]]*\]:\s*<?(\S+?)>?(?:\s|$)"),  # [label]: target
    re.compile(r"\b(?:href|src)=[\"']([^\"']+)[\"']", re.I),      # raw HTML
)


def check_links(tree: Tree) -> list[str]:
    """Links between pages, to files, and to sections (#anchors) lead somewhere."""
    problems, seen = [], set()
    base_url, pages = str(tree.config.get("site_url") or ""), scan_docs(tree.docs_dir)
    for page in tree.pages:
        for number, line in page.body():
            for target, in_html in _link_targets(line, own_site=base_url):
                problem = (own_site_link(target, base_url, pages, page.src) if base_url and "://" in target
                           else _HTML_LINK_PROBLEM if in_html and not target.startswith("#")
                           else _link_problem(tree, page, target))
                if problem:
                    seen.add((page.src, target))
                    problems.append(f"{page.where}:{number}: link to '{target}': {problem}")
    # MkDocs' own validation (strict mode) sees links our scan cannot, such as
    # those written by templates; report those it found that we did not.
    for src, target, reason in _mkdocs_link_warnings(tree.build_log):
        page = tree.page(src)
        if page and (src, target) not in seen:
            seen.add((src, target))
            number = page.line_of(target) or page.first_heading_line()
            problems.append(f"{page.where}:{number}: link to '{target}': {reason}: fix the address (pages end in .md)")
    return problems


def _link_targets(line: str, own_site: str = ""):
    """(target, whether it is written in HTML) of each link on the line to our own pages and files."""
    own = own_site.split("://", 1)[-1].rstrip("/")
    for pattern in LINK_TARGETS:
        for match in pattern.finditer(line):
            target = match.group(1)
            if own and "://" in target and target.split("://", 1)[1].startswith(own):
                yield target, pattern is LINK_TARGETS[-1]  # a full link to our own site: an internal link
                continue
            if "{{" in target or "{%" in target or SCHEME.match(target) or target.startswith("//"):
                continue  # a template value, or another website
            yield target, pattern is LINK_TARGETS[-1]


# MkDocs leaves a link in raw HTML as written (relative to the page's address); Zensical
# rewrites it as if relative to the Markdown file, and it breaks (benchmarks/generators.md).
# Neither checks it. A Markdown link is checked, and right with both generators.
_HTML_LINK_PROBLEM = ("a link written in HTML: write it in Markdown, [words](page.md) or ![description](file.svg), "
                      "so the build checks it and every generator writes it right")


def _link_problem(tree: Tree, page: Page, target: str) -> str | None:
    path, _, anchor = target.partition("#")
    path = unquote(path)
    if path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
        if resolved.startswith("../"):
            return "it points outside docs/: link to a page's .md file, relative to this page"
        if path.endswith(".md"):
            if not (tree.docs_dir / resolved).is_file():
                return "there is no such page in docs/: check the file name and folder (../ goes up one folder)"
        elif path.endswith("/") or (tree.docs_dir / resolved).is_dir():
            return "link to the page's .md file instead, e.g. treatment/index.md (MkDocs then checks it)"
        elif not (tree.docs_dir / resolved).is_file() and not (tree.site_dir and (tree.site_dir / resolved).is_file()):
            return "there is no such file: check the file name and folder"
        else:
            return None  # a file (image, PDF): it has no sections
        target_src = resolved
    else:
        target_src = page.src
    if not anchor or tree.site_dir is None:
        return None
    html = tree.html(target_src)
    if html is None:
        return None
    ids = re.findall(r"\bid=[\"']([^\"']+)[\"']", html)
    if anchor in ids:
        return None
    headings = re.findall(r"<h[2-6][^>]*\bid=[\"']([^\"']+)[\"']", html)
    hint = f"use one of: {', '.join('#' + h for h in headings[:8])}" if headings else "link to the page without #"
    return f"'{target_src}' has no section '#{anchor}': {hint}"


def is_link_warning(message: str) -> bool:
    return message.startswith("Doc file '") and " contains " in message and "link" in message


def _mkdocs_link_warnings(log: str):
    for level, message in log_messages(log):
        if level != "WARNING" or not is_link_warning(message):
            continue
        match = re.match(r"Doc file '([^']+)' contains (?:an? )?(?:\w+ )*link '([^']+)', (?:but )?(.*?)\.?$", message)
        if match:
            yield match.group(1), match.group(2), match.group(3)
