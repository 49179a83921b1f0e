"""Step 3 of the build, finish: the generator's HTML (build/generated/) -> site/.

    python -m guide.finish [GENERATED] [SITE]

Plain Python over built HTML, the same for every generator:
- each page: glossary words that open their definition (guide/terms.py), old
  section ids that keep working (data/urls.yml `moved:`), tables that stack as
  cards on phones (guide/layout.py), valid HTML (guide/html_repairs.py), the
  security policy as meta tags (guide/security.py) and fast script loading
  (guide/loading.py);
- redirect pages for moved pages (data/urls.yml `redirects:`), with the policy too;
- our CSS and JavaScript minified, the patients' words in the search index
  (guide/search.py), and the `_headers` file for hosts that read it.

SITE is written afresh from GENERATED, so running finish twice gives the same site.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

from guide import ROOT, html_repairs, layout, loading, minify, search, security, terms, urls
from guide.data import DataError, load

GLOSSARY = "glossary/"
ARTICLE = '<article class="md-content__inner md-typeset">'

# The page mkdocs-redirects wrote, which data/urls.yml's checks and clinics' old
# links already rely on: a refresh that works without JavaScript, and a script
# that keeps the #section part of the old link.
REDIRECT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting...</title>
<link rel="canonical" href="{url}">
<script>var anchor=window.location.hash.substr(1);location.href="{url}"+(anchor?"#"+anchor:"")</script>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
This page has moved to a <a href="{url}">new address</a>.
</body>
</html>
"""


class Finish:
    """What every page's finishing needs, read once from data/ and docs/."""

    def __init__(self, root: Path = ROOT, preview: bool = False):
        self.root, self.preview = root, preview
        self.data = load(root / "data")
        self.manifest = urls.load(root / "data" / "urls.yml")
        self.docs = urls.scan_docs(root / "docs")
        self.moved = urls.moved_anchors(self.manifest, self.docs, root / "docs")
        self.search_terms = search.load_terms(root / "data" / search.TERMS_FILE.name, root / "data" / "urls.yml")
        self.styles: set[str] = set()  # the theme's own <style> elements (security.theme_style_hashes)

    def page(self, html: str, path: str) -> str:
        """One built page; `path` is its place in the site ('treatment/', '' for home, '404.html')."""
        src = self.docs.get("/" + path.strip("/") + "/" if path.strip("/") else "/")
        if src and ARTICLE in html:
            start = html.index(ARTICLE)
            end = html.index("</article>", start)
            article = terms.glossary_terms(html[start:end], self.data.glossary, _glossary_href(src))
            article = urls.add_moved_anchors(article, self.moved.get(src, []))
            html = html[:start] + article + html[end:]
        html = html_repairs.repair(layout.prepare(keep_raw_links(html)))
        # `mkdocs serve` injects an inline live-reload script that no hash can allow: the preview goes without a policy.
        return loading.fast_scripts(security.add_meta_tags(html, csp=not self.preview, styles=self.styles))

    def redirects(self) -> dict[str, str]:
        """{old page's file in the site: the redirect page}, from data/urls.yml."""
        pages = {}
        for old, new in self.manifest.redirects.items():
            if new in self.docs:
                target = urls.relative_link(urls._old_src(old), new)
                pages[old.strip("/") + "/index.html"] = REDIRECT_PAGE.format(url=target)
        return pages


# Links our steps write as raw HTML in the prepared Markdown (review status, changelog,
# booklet): relative to the page's address, as MkDocs leaves them. Zensical rewrites
# them as if relative to the Markdown file (`../standards/` became `../../standards/`),
# so each carries its link twice; the copy in data-sg-href wins and is dropped.
_RAW_LINK = re.compile(r'<a\b[^>]*\sdata-sg-href="[^"]*"[^>]*>')
_HREF = re.compile(r'\shref="[^"]*"')
_KEPT = re.compile(r'\sdata-sg-href="([^"]*)"')


def keep_raw_links(html: str) -> str:
    """Each `<a href=X data-sg-href=Y>` as `<a href=Y>`, whatever the generator did to X."""
    def restore(tag: re.Match) -> str:
        text = tag.group(0)
        kept = _KEPT.search(text).group(1)
        return _HREF.sub(lambda _: f' href="{kept}"', _KEPT.sub("", text), count=1)

    return _RAW_LINK.sub(restore, html)


def _glossary_href(src: str) -> str:
    link = urls.relative_link(src, GLOSSARY)
    return "" if link == "./" else link


def finish(generated: Path, site: Path, root: Path = ROOT) -> int:
    """Write `site` from the generator's output; returns how many pages were finished."""
    if not (generated / "index.html").is_file():
        raise FileNotFoundError(f"{generated}/index.html: no generated site here: run the generator first (make site)")
    steps = Finish(root)
    staging = site.with_name(site.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(generated, staging)
    steps.styles = security.theme_style_hashes(staging)  # Zensical's search dialog: before the pages get their policy
    count = 0
    for page in sorted(staging.rglob("*.html")):
        rel = page.relative_to(staging).as_posix()
        path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        page.write_text(steps.page(page.read_text(encoding="utf-8"), path), encoding="utf-8")
        count += 1
    for rel, html in steps.redirects().items():
        target = staging / rel
        if target.exists():
            raise FileExistsError(f"data/urls.yml: redirects: /{rel[: -len('index.html')]} is still a page: remove the redirect")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(security.add_meta_tags(html), encoding="utf-8")
    # Readers download our CSS and JS without comments (overrides/ keeps the commented files).
    minify.minify_site(staging, root / "overrides")
    search.add_to_index(staging, steps.search_terms, steps.data.glossary)  # patients' words (data/search_terms.yml)
    (staging / "_headers").write_text(security.headers_file(security.site_hashes(staging), steps.styles), encoding="utf-8")
    # All or nothing: the old site stays until the new one is complete.
    shutil.rmtree(site, ignore_errors=True)
    os.replace(staging, site)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.finish", description=__doc__.splitlines()[0])
    parser.add_argument("generated", nargs="?", type=Path, default=ROOT / "build" / "generated")
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    try:
        count = finish(args.generated.resolve(), args.site.resolve())
    except (DataError, FileNotFoundError, FileExistsError) as error:
        print(f"finish: {error}", file=sys.stderr)
        return 1
    print(f"finish: {count} pages in {os.path.relpath(args.site)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
