"""Scripts stay off the path to the first paint (guide/loading.py).

The unit tests pin the two changes; the built-site test reads every page with
an HTML parser (not guide/loading.py's pattern) and checks what a browser gets.
That Material still works with its bundle deferred (search, palette, drawer)
is checked in a real browser in tests/browser/.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from guide import loading

POLICY = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'


def test_external_scripts_get_defer_and_nothing_else_changes():
    html = ('<script src="a.js"></script><script src="b.js" defer></script><script async src="c.js"></script>'
            '<script type="module" src="d.js"></script><script>inline()</script><script src="async.js"></script>')
    expected = html.replace('<script src="a.js">', '<script src="a.js" defer>')
    assert loading.defer_scripts(html) == expected.replace('src="async.js">', 'src="async.js" defer>')


def test_preloads_go_before_the_policy_tag_in_page_order():
    html = f'<head><meta charset="utf-8">\n{POLICY}</head><body><script src="b.js"></script><script src="a.js"></script>'
    head = loading.preload_scripts(html).split("</head>")[0]
    assert head == ('<head><meta charset="utf-8">\n'
                    '<link rel="preload" as="script" fetchpriority="low" href="b.js">\n'
                    '<link rel="preload" as="script" fetchpriority="low" href="a.js">\n' + POLICY)


def test_without_a_policy_preloads_follow_the_charset():
    html = '<head><meta charset="utf-8">\n<title>x</title></head><script src="a.js"></script>'
    assert loading.preload_scripts(html).startswith(
        '<head><meta charset="utf-8">\n<link rel="preload" as="script" fetchpriority="low" href="a.js">\n<title>')


def test_a_page_without_scripts_is_left_alone():
    assert loading.fast_scripts("<p>no scripts</p>") == "<p>no scripts</p>"


def test_a_page_without_head_is_an_error():
    with pytest.raises(ValueError, match="no <head>"):
        loading.preload_scripts('<p><script src="a.js"></script>')


@pytest.mark.content
def test_every_page_preloads_and_defers_its_scripts(built_site):
    problems = []
    for file in sorted(built_site.rglob("*.html")):
        name = file.relative_to(built_site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        scripts = soup.find_all("script", src=True)
        preloads = soup.find_all("link", rel="preload", attrs={"as": "script"})
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        problems += [f"{name}: {s['src']} blocks the parser (no defer or async)"
                     for s in scripts if not (s.has_attr("defer") or s.has_attr("async"))]
        if sorted(p["href"] for p in preloads) != sorted({s["src"] for s in scripts}):
            problems.append(f"{name}: preloads {[p['href'] for p in preloads]} do not match the scripts")
        problems += [f"{name}: preload {p['href']} is not low priority"
                     for p in preloads if p.get("fetchpriority") != "low"]
        if policy is not None and any(p.find_previous("meta", attrs={"http-equiv": "Content-Security-Policy"})
                                      for p in preloads):
            problems.append(f"{name}: a preload comes after the policy tag, where Chromium does not act on it early")
        if not scripts:
            problems.append(f"{name}: no external script found: has Material's markup changed?")
    assert not problems, "\n".join(problems)
