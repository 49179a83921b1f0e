"""The Content-Security-Policy, the referrer policy and the HTML repairs, read from the built files.

The browser side (the policy is enforced, nothing else is blocked) is in
browser/test_privacy.py. Nothing here needs a browser, so it is part of the
fast content check. The hashes are recomputed independently (an HTML parser,
not guide/security.py's pattern) and compared with what the build wrote; the
rules are stated here, not read from guide/security.py: no referrer is ever
sent ("no-referrer"), nothing loads from another host, no inline script runs
unless the policy lists its hash.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
from bs4 import BeautifulSoup

from guide import html_repairs, security

pytestmark = pytest.mark.content

# The rule (BRIEF: no trackers; a request to another host is a bug): never send a referrer.
REFERRER = "no-referrer"

EMPTY_SHA256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="  # sha256 of no bytes, a published test vector


def parsed_hashes(soup: BeautifulSoup) -> set[str]:
    """sha256 of every inline script a browser would run, found with an HTML parser."""
    hashes = set()
    for script in soup.find_all("script"):
        if script.has_attr("src") or script.get("type", "text/javascript") not in ("text/javascript", "module"):
            continue
        digest = hashlib.sha256(script.string.encode("utf-8") if script.string else b"").digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_script_hash_matches_a_published_value():
    assert security.script_hash("") == f"'sha256-{EMPTY_SHA256}'"


def test_only_scripts_the_browser_runs_are_hashed():
    html = ('<script>a()</script><script type="module">b()</script>'
            '<script type="application/json">{"c": 1}</script><script src="d.js"></script>')
    assert security.inline_script_hashes(html) == sorted({security.script_hash("a()"), security.script_hash("b()")})


def test_the_policy_never_lets_any_inline_script_run():
    meta, header = directives(security.policy(["'sha256-x'"])), directives(security.policy(["'sha256-x'"], header=True))
    for policy in (meta, header):
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(policy["script-src"])
        assert policy["default-src"] == ["'none'"]
    assert "frame-ancestors" not in meta, "browsers ignore frame-ancestors in a <meta> policy and warn in the console"
    assert header["frame-ancestors"] == ["'none'"]


def test_every_page_carries_a_policy_for_its_own_scripts(built_site):
    problems = []
    for file in sorted(built_site.rglob("*.html")):
        name = file.relative_to(built_site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        referrer = soup.find("meta", attrs={"name": "referrer"})
        if csp is None:
            problems.append(f"{name}: no Content-Security-Policy <meta>")
            continue
        if csp.find_previous("script") is not None:
            problems.append(f"{name}: a <script> comes before the policy, so the policy does not cover it")
        missing = parsed_hashes(soup) - set(directives(csp["content"])["script-src"])
        problems += [f"{name}: inline script {h} is not in the policy" for h in sorted(missing)]
        if referrer is None or referrer.get("content") != REFERRER:
            problems.append(f"{name}: no <meta name=\"referrer\" content=\"{REFERRER}\">")
    assert not problems, "\n".join(problems)


def test_headers_file_covers_every_page(built_site):
    headers = built_site / "_headers"
    assert headers.exists(), "the build wrote no _headers file"
    lines = dict(line.strip().split(": ", 1) for line in headers.read_text(encoding="utf-8").splitlines()
                 if line.startswith("  "))
    every_script = set().union(*(parsed_hashes(BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser"))
                                 for f in built_site.rglob("*.html")))
    assert every_script <= set(directives(lines["Content-Security-Policy"])["script-src"])
    assert lines["Referrer-Policy"] == REFERRER
    assert lines["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("before, after", [
    ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" type="checkbox" id="__drawer">'),
    ('<input type="text" autocomplete="off">', '<input type="text" autocomplete="off">'),  # allowed on text
    ('<input id="__nav_5"><label for="__nav_5" tabindex="">', '<input id="__nav_5"><label for="__nav_5">'),
    ('<label class="md-nav__title" for="__toc">x</label>', '<label class="md-nav__title">x</label>'),
    ('<input id="__toc"><label class="md-nav__title" for="__toc">', '<input id="__toc"><label class="md-nav__title" for="__toc">'),
    ('<div class="md-search" data-md-component="search" role="dialog"><input class="md-search__input" aria-label="Search">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search"><input class="md-search__input" aria-label="Search">'),
    ('<input id="__drawer"><label aria-hidden="true" class="md-overlay" for="__drawer"></label>',  # Zensical
     '<input id="__drawer"><label class="md-overlay" for="__drawer"></label>'),
    ('<input id="__drawer"><label class="md-overlay" for="__drawer" aria-hidden="true"></label>',
     '<input id="__drawer"><label class="md-overlay" for="__drawer"></label>'),
    ('<label aria-hidden="true">x</label><span aria-hidden="true">x</span>',
     '<label aria-hidden="true">x</label><span aria-hidden="true">x</span>'),  # allowed where no control is labelled
])
def test_html_repairs(before, after):
    assert html_repairs.repair(before) == after


def test_meta_policy_allows_only_our_own_origin():
    # Stated rule: everything from the site's own origin; images may also be data: URLs (icons).
    policy = directives(security.policy([]))
    for name, sources in policy.items():
        allowed = {"'none'"} if name == "default-src" else {"'self'", "data:"} if name == "img-src" else {"'self'"}
        assert set(sources) <= allowed, f"{name}: {sources}"
    for name in ("script-src", "style-src", "img-src", "connect-src", "base-uri", "form-action"):
        assert name in policy, f"{name} must be set: default-src 'none' would block our own files"


def test_meta_tags_come_first_in_head_and_list_this_pages_scripts():
    page = '<html><head><meta charset="utf-8"><title>t</title><script>x()</script></head><body></body></html>'
    secured = security.add_meta_tags(page)
    soup = BeautifulSoup(secured, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and csp.find_previous("script") is None
    assert secured.index("Content-Security-Policy") < secured.index("<title>")
    assert secured.index('<meta charset="utf-8">') < secured.index("Content-Security-Policy")
    assert directives(csp["content"])["script-src"] == ["'self'", *parsed_hashes(soup)]
    assert soup.find("meta", attrs={"name": "referrer"})["content"] == REFERRER
    preview = BeautifulSoup(security.add_meta_tags(page, csp=False), "html.parser")
    assert preview.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is None
    assert preview.find("meta", attrs={"name": "referrer"})["content"] == REFERRER


def test_a_page_without_head_is_an_error():
    with pytest.raises(ValueError, match="no <head> in the page: cannot add the Content-Security-Policy"):
        security.add_meta_tags("<p>no head</p>")


def test_headers_file_lists_the_policy_for_every_path():
    text = security.headers_file({"'sha256-abc'"})
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == "/*"
    headers = dict(line.strip().split(": ", 1) for line in lines[1:])
    assert headers["Referrer-Policy"] == REFERRER and headers["X-Content-Type-Options"] == "nosniff"
    assert "'sha256-abc'" in directives(headers["Content-Security-Policy"])["script-src"]
    assert directives(headers["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_site_hashes_cover_every_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<script>a()</script>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<script>b()</script><script src=x.js></script>", encoding="utf-8")
    assert security.site_hashes(tmp_path) == {security.script_hash("a()"), security.script_hash("b()")}


def test_theme_style_hashes_allow_exactly_the_style_the_bundle_creates(tmp_path):
    # Zensical's search dialog: a <style> in a shadow root, its text a constant in the bundle.
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.abc123.min.js").write_text(
        "var Tc='.u{color:red}';function Sc(){o.appendChild(C(\"style\",{},Tc.toString()))}var Other='.x{}';", encoding="utf-8")
    (scripts / "glossary.js").write_text("C(\"style\",{},Other.toString())", encoding="utf-8")  # ours: not the theme's bundle
    assert security.theme_style_hashes(tmp_path) == {security.script_hash(".u{color:red}")}
    policy = directives(security.policy([], styles=security.theme_style_hashes(tmp_path)))
    assert policy["style-src"] == ["'self'", security.script_hash(".u{color:red}")]
    assert security.theme_style_hashes(tmp_path / "nothing") == set()


def test_script_hash_ignores_windows_line_ends():
    assert security.script_hash("a();\r\nb();") == security.script_hash("a();\nb();")


def test_meta_tags_alone_give_the_policy_then_the_referrer_one_per_line():
    # What the build inserts by default: the policy for this page's scripts, then no referrer.
    lines = security.meta_tags("<script>x()</script>").split("\n")
    assert len(lines) == 2
    csp, referrer = (BeautifulSoup(line, "html.parser").meta for line in lines)
    assert csp["http-equiv"] == "Content-Security-Policy"
    assert directives(csp["content"])["script-src"] == ["'self'", security.script_hash("x()")]
    assert referrer["name"] == "referrer" and referrer["content"] == REFERRER
    assert security.meta_tags("<script>x()</script>", csp=False) == f'<meta name="referrer" content="{REFERRER}">'


def test_the_inserted_tags_are_only_tags_one_per_line():
    # Nothing but the tags and line breaks goes into <head>: stray text there would
    # end the head early in the browser's parser.
    page = '<html><head><meta charset="utf-8"><title>t</title><script>x()</script></head><body></body></html>'
    for lines in (security.meta_tags(page).split("\n"), security.meta_tags(page, csp=False).split("\n")):
        assert all(line.startswith("<meta ") and line.endswith(">") and line.count("<") == 1 for line in lines), lines
    secured = security.add_meta_tags(page)
    start = secured.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    inserted = secured[start:secured.index("<title>")]
    assert inserted == "\n" + security.meta_tags(page)


def test_theme_style_hashes_reach_the_page_policy_and_headers():
    style = "'sha256-style'"
    page = '<html><head><meta charset="utf-8"></head></html>'
    for text in (security.meta_tags(page, styles={style}), security.add_meta_tags(page, styles={style})):
        csp = BeautifulSoup(text, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert directives(csp["content"])["style-src"] == ["'self'", style]
    headers = dict(line.strip().split(": ", 1) for line in security.headers_file(set(), {style}).splitlines()[4:])
    assert directives(headers["Content-Security-Policy"])["style-src"] == ["'self'", style]
