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

Run `python -m guide.security site/` to print the policy for a built site.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
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


def policy(hashes: list[str] | set[str], *, header: bool = False) -> str:
    """The Content-Security-Policy value allowing exactly these inline scripts."""
    directives = {**BASE_POLICY, **(HEADER_ONLY_POLICY if header else {})}
    directives["script-src"] = directives["script-src"] + sorted(hashes)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def meta_tags(html: str, *, csp: bool = True) -> str:
    """The <meta> elements for this page: its own script hashes, no referrer."""
    tags = [f'<meta name="referrer" content="{REFERRER_POLICY}">']
    if csp:
        tags.insert(0, f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">')
    return "\n".join(tags)


def top_of_head(html: str, purpose: str) -> int:
    """Where tags go first in <head>: right after <meta charset> (or <head>)."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError(f"no <head> in the page: cannot {purpose}")
    return anchor.end()


def add_meta_tags(html: str, *, csp: bool = True) -> str:
    """Insert the tags at the top of <head>: a policy covers only what follows it.

    csp=False is for `mkdocs serve`: its live-reload script is inline and changes
    on every request, so no hash can allow it; the preview goes without a policy.
    """
    at = top_of_head(html, "add the Content-Security-Policy")
    return html[:at] + "\n" + meta_tags(html, csp=csp) + html[at:]


def secure_redirect_pages(site_dir: Path) -> list[Path]:
    """Give the policy to pages written after the others, such as mkdocs-redirects' redirect pages.

    Those are written in the last build step, so the per-page step never saw them;
    a page that already has a policy is left alone. Returns the pages changed.
    """
    changed = []
    for page in sorted(Path(site_dir).rglob("*.html")):
        # "utf-8" spelt in capitals, or left to the locale (UTF-8 on every Python 3.7+ here), reads the same.
        html = page.read_text(encoding="utf-8")  # pragma: no mutate
        if 'http-equiv="Content-Security-Policy"' in html or not (_CHARSET.search(html) or _HEAD.search(html)):
            continue
        page.write_text(add_meta_tags(html), encoding="utf-8")  # pragma: no mutate (as above)
        changed.append(page)
    return changed


def headers_file(hashes: set[str]) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the same policy for every path."""
    # The comment lines: hosts skip them, so their wording (or its letter case) changes nothing.
    lines = [
        "# Security headers for hosts that read _headers (Netlify, Cloudflare Pages).",  # pragma: no mutate
        "# Generated by guide/security.py at build time: do not edit.",  # pragma: no mutate
        "# GitHub Pages ignores this file; the <meta> tags in each page carry the policy there.",  # pragma: no mutate
        "/*",
        f"  Content-Security-Policy: {policy(hashes, header=True)}",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        "  X-Content-Type-Options: nosniff",
    ]
    return "\n".join(lines) + "\n"


def site_hashes(site_dir: Path) -> set[str]:
    """Every inline-script hash in a built site (all pages, including 404.html)."""
    return {h for page in sorted(site_dir.rglob("*.html")) for h in inline_script_hashes(page.read_text("utf-8"))}


if __name__ == "__main__":
    print(headers_file(site_hashes(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))), end="")
