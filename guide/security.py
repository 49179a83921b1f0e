"""Content-Security-Policy and referrer policy for the built site (plain Python).

The site runs a few small inline scripts (Material's palette and storage
helpers). Rather than allow every inline script ('unsafe-inline'), the policy
lists the sha256 hash of each one, computed from the final HTML: a script that
was not in the build, for example one injected into a page, does not run.

Two ways the policy reaches the browser:

- `<meta http-equiv="Content-Security-Policy">` and `<meta name="referrer">`
  in every page. This is all GitHub Pages offers: it cannot send custom headers,
  so on GitHub Pages the meta tags ARE the policy. (`frame-ancestors` works only
  as a header, so there clickjacking protection is not available.)
- A `_headers` file (Netlify and Cloudflare Pages read it) with the same policy
  for the whole site plus header-only directives. On any other host, send the
  headers listed in that file from the server configuration.

Styles come only from the site's files, with one exception: Zensical's search
draws its dialog inside a shadow root with a <style> element whose text is a
constant in the theme's JavaScript bundle. Its hash (read from the bundle,
`theme_style_hashes`) is allowed in style-src; Material's bundle has none.

Run `python -m guide.security site/` to print the policy for a built site.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# Everything comes from the site's own origin; nothing from another host.
# `data:` images: Material's CSS draws its icons as data-URL SVG masks.
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index
    "worker-src": ["'self'"],   # the search worker
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Browsers ignore these in a <meta> policy (and say so in the console).
HEADER_ONLY_POLICY: dict[str, list[str]] = {
    "frame-ancestors": ["'none'"],
}
REFERRER_POLICY = "no-referrer"

# <script> elements whose content the browser runs (not JSON data blocks).
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def _runs_as_script(attrs: str) -> bool:
    kind = _TYPE.search(attrs)
    return not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in _JS_TYPES


def script_hash(source: str) -> str:
    """The CSP source expression for one inline script: 'sha256-BASE64'."""
    # Browsers turn CR LF into LF before they hash, so do the same.
    digest = hashlib.sha256(source.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """Hashes of every inline script the browser would run, sorted, no repeats."""
    return sorted({script_hash(m["body"]) for m in _SCRIPT.finditer(html) if _runs_as_script(m["attrs"])})


def policy(hashes: list[str] | set[str], *, header: bool = False, styles: Iterable[str] = ()) -> str:
    """The Content-Security-Policy value allowing exactly these inline scripts (and theme styles)."""
    directives = {**BASE_POLICY, **(HEADER_ONLY_POLICY if header else {})}
    directives["script-src"] = directives["script-src"] + sorted(hashes)
    directives["style-src"] = directives["style-src"] + sorted(set(styles))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def meta_tags(html: str, *, csp: bool = True, styles: Iterable[str] = ()) -> str:
    """The <meta> elements for this page: its own script hashes, no referrer."""
    tags = [f'<meta name="referrer" content="{REFERRER_POLICY}">']
    if csp:
        tags.insert(0, f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html), styles=styles)}">')
    return "\n".join(tags)


def top_of_head(html: str, purpose: str) -> int:
    """Where tags go first in <head>: right after <meta charset> (or <head>)."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError(f"no <head> in the page: cannot {purpose}")
    return anchor.end()


def add_meta_tags(html: str, *, csp: bool = True, styles: Iterable[str] = ()) -> str:
    """Insert the tags at the top of <head>: a policy covers only what follows it.

    csp=False is for `mkdocs serve`: its live-reload script is inline and changes
    on every request, so no hash can allow it; the preview goes without a policy.
    """
    at = top_of_head(html, "add the Content-Security-Policy")
    return html[:at] + "\n" + meta_tags(html, csp=csp, styles=styles) + html[at:]


def headers_file(hashes: set[str], styles: Iterable[str] = ()) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the same policy for every path."""
    # The comment lines: hosts skip them, so their wording (or its letter case) changes nothing.
    lines = [
        "# Security headers for hosts that read _headers (Netlify, Cloudflare Pages).",  # pragma: no mutate
        "# Generated by guide/security.py at build time: do not edit.",  # pragma: no mutate
        "# GitHub Pages ignores this file; the <meta> tags in each page carry the policy there.",  # pragma: no mutate
        "/*",
        f"  Content-Security-Policy: {policy(hashes, header=True, styles=styles)}",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        "  X-Content-Type-Options: nosniff",
    ]
    return "\n".join(lines) + "\n"


def site_hashes(site_dir: Path) -> set[str]:
    """Every inline-script hash in a built site (all pages, including 404.html)."""
    return {h for page in sorted(site_dir.rglob("*.html")) for h in inline_script_hashes(page.read_text("utf-8"))}


# Zensical 0.0.73's bundle: `var Tc='.u{…}…';` … `C("style",{},Tc.toString())` (minified
# names). A string without quotes or backslashes in it: its text is the style's text.
_STYLE_ELEMENT = re.compile(r"""\b\w+\("style",\{\},(\w+)\.toString\(\)\)""")


def theme_style_hashes(site_dir: Path) -> set[str]:
    """Hashes of the <style> elements the theme's JavaScript bundle creates (Zensical's search)."""
    found = set()
    for bundle in sorted(Path(site_dir).glob("assets/javascripts/bundle.*.js")):
        js = bundle.read_text(encoding="utf-8")
        for name in _STYLE_ELEMENT.findall(js):
            constant = re.search(rf"\b{name}='([^'\\]*)'", js)
            if constant:
                found.add(script_hash(constant.group(1)))
    return found


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print(headers_file(site_hashes(site), theme_style_hashes(site)), end="")
