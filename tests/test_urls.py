"""Permanent addresses (data/urls.yml): every page has one, every one keeps working.

Both directions are checked on the real build; the move-a-page story (break,
then fix with a redirect) is played out in a throw-away copy of the project.
"""

from __future__ import annotations

import re

import textwrap
from pathlib import Path

import pytest

from project import ROOT, run_build
from guide import urls
from guide.config import read_config
from guide.data import DataError

pytestmark = pytest.mark.content

PLANTED_PAGE = """\
---
title: A planted page
description: A page planted by tests/test_urls.py to be moved.
sources: [rail2025]
---

# A planted page

This page is only here for a test.
"""


def test_every_docs_page_has_an_address_and_every_address_a_page():
    manifest = urls.load()
    assert urls.check_docs(manifest, urls.scan_docs(ROOT / "docs")) == []


def test_built_site_serves_every_address_both_ways(built_site):
    manifest = urls.load()
    assert urls.check_site(manifest, built_site) == []
    served = urls.built_site(built_site)
    pages = {path for path, kind in served.items() if kind == "page"}
    assert pages == set(manifest.paths), "the built site's pages are exactly the manifest's pages"


def test_redirects_come_from_the_manifest_only():
    # One fact in one place: data/urls.yml holds the map, and guide/finish.py writes the
    # pages for every generator; a redirects plugin in mkdocs.yml would be a second map.
    config = read_config(ROOT)
    names = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins") or []]
    assert "redirects" not in names, "mkdocs.yml: remove the redirects plugin: redirects come from data/urls.yml"


def _plant(project: Path, src: str) -> None:
    """Add a page at docs/SRC and its Spanish page at docs/es/SRC, in the nav and in the manifest."""
    for folder, text in (("", PLANTED_PAGE), ("es/", PLANTED_PAGE.replace("---\n\n", "menu: Plantada\n---\n\n", 1))):
        page = project / "docs" / (folder + src)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nnav:\n", f"\nnav:\n  - Planted: {src}\n"), encoding="utf-8")
    manifest = project / "data" / "urls.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "\npages:\n", f"\npages:\n  - {{path: {urls.address(src)}}}\n  - {{path: /es{urls.address(src)}}}\n"), encoding="utf-8")


def _move(project: Path, old: str, new: str) -> None:
    """Move docs/OLD to docs/NEW (and its Spanish page) and update the nav, as an editor would."""
    for folder in ("", "es/"):
        (project / "docs" / (folder + new)).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / (folder + old)).rename(project / "docs" / (folder + new))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"Planted: {old}", f"Planted: {new}"), encoding="utf-8")


def test_moving_a_page_without_a_redirect_fails_then_a_redirect_fixes_it(project_copy):
    _plant(project_copy, "printed-page.md")

    # The editor moves the page and forgets the redirect: the build names the
    # address that would break, where it is listed, and how to fix it.
    _move(project_copy, "printed-page.md", "treatment/moved-page.md")
    broken = run_build(project_copy / "site-2", cwd=project_copy)
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0
    line = _line_of(project_copy / "data" / "urls.yml", "{path: /printed-page/}")
    assert f"data/urls.yml:{line}: /printed-page/: no page has this address any more" in output
    assert "add `/printed-page/: /new/address/` under redirects:" in output
    assert "docs/treatment/moved-page.md:1: address /treatment/moved-page/ is not in data/urls.yml" in output
    assert "Traceback" not in output

    # The fix CONTRIBUTING.md describes: new address under pages, old one redirected.
    manifest = project_copy / "data" / "urls.yml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("  - {path: /printed-page/}\n", "  - {path: /treatment/moved-page/}\n")
    text = text.replace("  - {path: /es/printed-page/}\n", "  - {path: /es/treatment/moved-page/}\n")
    text = _add_redirect(text, "/printed-page/", "/treatment/moved-page/")
    manifest.write_text(_add_redirect(text, "/es/printed-page/", "/es/treatment/moved-page/"), encoding="utf-8")
    fixed = run_build(project_copy / "site-3", cwd=project_copy)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr

    site = project_copy / "site-3"
    served = urls.built_site(site)
    assert served["/printed-page/"] == ("redirect", "/treatment/moved-page/")
    assert served["/es/printed-page/"] == ("redirect", "/es/treatment/moved-page/")
    assert served["/treatment/moved-page/"] == "page"
    assert urls.check_site(urls.load(manifest), site) == []
    # The redirect page carries the same policy as every page (stated rule: no inline
    # script runs unless the policy lists its hash; no referrer is sent).
    redirect = (site / "printed-page" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in redirect
    assert '<meta name="referrer" content="no-referrer">' in redirect


def test_check_site_names_an_address_the_build_lost(tmp_path):
    # A built site missing a listed page, with an unlisted page and a bad redirect.
    site = tmp_path / "site"
    for path, html in {"": "<h1>Home</h1>", "extra/": "<h1>Extra</h1>",
                       "old/": '<meta http-equiv="refresh" content="0; url=../gone/">'}.items():
        (site / path).mkdir(parents=True, exist_ok=True)
        (site / path / "index.html").write_text(html, encoding="utf-8")
    manifest = _manifest(tmp_path, """\
        pages:
          - {path: /}
          - {path: /kept/}
        redirects:
          /old/: /kept/
        """)
    problems = urls.check_site(manifest, site)
    assert any(p.startswith("data/urls.yml:3: /kept/: no page has this address any more") for p in problems), problems
    assert any("data/urls.yml:5: redirects: /old/ leads to /gone/, which is not a page" in p for p in problems), problems
    assert any("site page /extra/: address /extra/ is not in data/urls.yml" in p for p in problems), problems
    assert len(problems) == 3, problems


def test_redirects_link_each_old_address_to_its_new_page(tmp_path):
    manifest = _manifest(tmp_path, """\
        pages:
          - {path: /}
          - {path: /treatment/}
        redirects:
          /treatment/botox/: /treatment/
          /old-home/: /
        """)
    pages = urls.docs_pages(["index.md", "treatment/index.md"])
    # Relative links, so the redirect works under any site_url path.
    assert urls.redirects(manifest, pages) == {"treatment/botox/index.html": "../", "old-home/index.html": "../"}


@pytest.mark.parametrize("body, message", [
    ("pages:\n  - {path: /a/}\n  - {path: /a/}\n", "data/urls.yml:3: pages: /a/ is listed twice"),
    ("pages:\n  - {path: /a/}\nredirects:\n  /b/: /c/\n", "data/urls.yml:4: redirects: /b/ -> /c/: /c/ is not under pages:"),
    ("pages:\n  - {path: /a/}\nredirects:\n  /a/: /a/\n", "data/urls.yml:4: redirects: /a/ is both a page and a redirect"),
    ("pages:\n  - {path: /Treatment}\n", "data/urls.yml:2: pages[0].path: must be an address like /treatment/myectomy/: lower-case words joined by -, starting and ending with /"),
    ("pages:\n  - {path: /a/, handot: true}\n", "data/urls.yml:2: pages[0].handot: is not a known field: did you mean `handout`?"),
], ids=["listed twice", "redirect to no page", "page and redirect", "address form", "unknown field"])
def test_manifest_mistakes_name_file_and_line(tmp_path, body, message):
    path = tmp_path / "data" / "urls.yml"
    path.parent.mkdir()
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as error:
        urls.load(path)
    assert str(error.value).startswith(message), str(error.value)


def test_a_page_that_returns_must_lose_its_redirect(tmp_path):
    manifest = _manifest(tmp_path, "pages:\n  - {path: /}\nredirects:\n  /back/: /\n")
    problems = urls.check_docs(manifest, urls.docs_pages(["index.md", "back.md"]))
    assert problems == ["data/urls.yml:4: redirects: /back/ is a page again (docs/back.md): "
                        "delete its line under redirects:, or the redirect would replace the page"]


@pytest.mark.parametrize("src, path", [
    ("index.md", "/"), ("glossary.md", "/glossary/"),
    ("treatment/index.md", "/treatment/"), ("treatment/myectomy.md", "/treatment/myectomy/"),
])
def test_address_follows_mkdocs_directory_urls(src, path):
    assert urls.address(src) == path


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _manifest(tmp_path: Path, text: str) -> urls.Manifest:
    path = tmp_path / "data" / "urls.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return urls.load(path)


def _add_redirect(text: str, old: str, new: str) -> str:
    """Add `old: new` under redirects: as an editor would, whether the list is empty ({}) or not."""
    match = re.search(r"^redirects:[ \t]*(\{\})?[ \t]*$", text, re.M)
    assert match, "test setup: data/urls.yml has no `redirects:` line"
    return text[:match.start()] + f"redirects:\n  {old}: {new}" + text[match.end():]


# A full link to our own site is an internal link (issue 17), whatever the page.
BASE = "https://example.org/guide/"
PAGES = {"/": "index.md", "/treatment/": "treatment/index.md", "/treatment/myectomy/": "treatment/myectomy.md"}
TO_RELATIVE = "a full address to our own site: write it as a relative link, [text]({}), so it keeps working if the site moves and the checks can follow it"


@pytest.mark.parametrize("target, from_src, expected", [
    ("https://example.org/guide/treatment/myectomy/", "index.md", TO_RELATIVE.format("treatment/myectomy.md")),
    ("https://example.org/guide/treatment/myectomy/", "treatment/index.md", TO_RELATIVE.format("myectomy.md")),
    ("http://example.org/guide/treatment/#how", "treatment/myectomy.md", TO_RELATIVE.format("index.md#how")),
    ("https://example.org/guide/treatment", "index.md", TO_RELATIVE.format("treatment/index.md")),
    ("https://example.org/guide/treatment/?x=1", "index.md", TO_RELATIVE.format("treatment/index.md")),
    ("https://example.org/guide", "treatment/myectomy.md", TO_RELATIVE.format("../index.md")),
    ("https://example.org/guide/gone/", "index.md", "there is no page at /gone/ on our site: link to a page's .md file, relative to this page"),
    ("https://example.org/guidebook/", "index.md", None),
    ("https://example.org/", "index.md", None),
    ("https://other.org/guide/treatment/", "index.md", None),
    ("treatment/index.md", "index.md", None),
], ids=["page", "sibling", "section", "no slash", "query", "home", "no such page", "longer path", "host only", "other host", "relative"])
def test_own_site_links(target, from_src, expected):
    assert urls.own_site_link(target, BASE, PAGES, from_src) == expected
    assert urls.own_site_link(target, BASE.rstrip("/"), PAGES, from_src) == expected, "site_url without its last /"
