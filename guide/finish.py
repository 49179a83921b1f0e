"""Step 3 of the build, finish: the generator's HTML (build/generated/, and each
other edition's build/FOLDER/generated/) -> site/ (and site/FOLDER/).

    python -m guide.finish [BUILD] [SITE]

Plain Python over built HTML, the same for every generator:
- each page: glossary words that open their definition (guide/terms.py), old
  section ids that keep working (data/urls.yml `moved:`), tables that stack as
  cards on phones (guide/layout.py), valid HTML (guide/html_repairs.py), the
  security policy as meta tags (guide/security.py) and fast script loading
  (guide/loading.py);
- redirect pages for moved pages (data/urls.yml `redirects:`), with the policy too;
- our CSS and JavaScript minified, the patients' words in the search index
  (guide/search_index.py), and the `_headers` file for hosts that read it.

What it needs from data/ and docs/ (glossary words, moved sections, redirects,
search words), prepare worked out from the checked data into BUILD/finish.json:
finish loads no data models, and a new finish process starts in a fraction of
the time. SITE is written afresh from BUILD, so running finish twice gives the same site.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import sys
from pathlib import Path

import yaml

from guide import GENERATED, HANDOVER, ROOT, html_repairs, languages, layout, loading, minify, paths, search_index, security, terms
from guide.config import ConfigError, read_config

GLOSSARY = "glossary/"
ARTICLE = '<article class="md-content__inner md-typeset">'

# The page mkdocs-redirects used to write, which guide/urls.py's site check and
# clinics' old links rely on: a refresh that works without JavaScript, and a script
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


def read_handover(build: Path) -> dict:
    """BUILD/finish.json, what prepare worked out for finish (guide/prepare.py handover())."""
    try:
        return json.loads((build / HANDOVER).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        raise FileNotFoundError(f"{build / HANDOVER}: missing or unreadable: run prepare first (make site)") from None


class Finish:
    """What every page of one edition needs, from prepare's handover (read_handover())."""

    def __init__(self, handover: dict, editions: list[languages.Language], language: str = languages.DEFAULT,
                 preview: bool = False):
        self.preview, self.editions = preview, editions
        self.edition = next(e for e in editions if e.code == language)
        if language not in handover["editions"]:
            raise FileNotFoundError(f"{HANDOVER} has no {language} edition: run prepare again (make site)")
        mine = handover["editions"][language]
        self.glossary = [terms.Word(w["term"], w["anchor"], tuple(w["spellings"]), tuple(w["also"])) for w in mine["glossary"]]
        self.search_terms = {address: tuple(words) for address, words in mine["search_terms"].items()}
        self.docs: dict[str, str] = handover["docs"]   # {address: docs path}
        self.moved = {src: [tuple(anchor) for anchor in moved] for src, moved in handover["moved"].items()}
        self.redirect_links: dict[str, str] = handover["redirects"]
        self.styles: set[str] = set()  # the theme's own <style> elements (security.theme_style_hashes)

    def page(self, html: str, path: str) -> str:
        """One built page; `path` is its place in the edition's site ('treatment/', '' for home, '404.html')."""
        address = "/" + self.edition.prefix(path.strip("/") + "/" if path.strip("/") else "")
        src = self.docs.get(address)
        if src and ARTICLE in html:
            start = html.index(ARTICLE)
            end = html.index("</article>", start)
            glossary = paths.relative_link(src, self.edition.prefix(GLOSSARY))
            article = terms.glossary_terms(html[start:end], self.glossary, "" if glossary == "./" else glossary)
            article = paths.add_moved_anchors(article, self.moved.get(src, []))
            html = html[:start] + article + html[end:]
        html = html_repairs.repair(layout.prepare(keep_raw_links(html)))
        # `mkdocs serve` injects an inline live-reload script that no hash can allow: the preview goes without a policy.
        return loading.fast_scripts(security.add_meta_tags(html, csp=not self.preview, styles=self.styles))

    def redirects(self) -> dict[str, str]:
        """{old page's file in the whole site: the redirect page}, from data/urls.yml."""
        return {file: REDIRECT_PAGE.format(url=target) for file, target in self.redirect_links.items()}


_LOC = re.compile(r"(<loc>([^<]+)</loc>)")


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


def sitemap_alternates(sitemap: Path, edition, editions, docs: dict[str, str], base: str) -> None:
    """Each page's other editions in the sitemap (hreflang, English as x-default), where
    search engines read them. Not as <link rel="alternate"> in the page: Material's script
    fetches the sitemap.xml beside every such link, a request per page for nothing."""
    if not sitemap.is_file():
        return
    base = base.rstrip("/") + "/"

    def alternates(match: re.Match) -> str:
        url = match[2]
        if not url.startswith(base):
            return match[0]
        inside = languages.within(url[len(base):], edition)
        lines = []
        for other in editions:
            address = "/" + other.prefix(inside)
            if address in docs:
                lines += [(other.code, base + address.lstrip("/"))]
                if not other.folder:
                    lines += [("x-default", base + address.lstrip("/"))]
        return match[1] + "".join(f'\n         <xhtml:link rel="alternate" hreflang="{code}" href="{href}"/>'
                                  for code, href in lines)

    text = sitemap.read_text(encoding="utf-8")
    text = text.replace('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">', 1)
    text = _LOC.sub(alternates, text)
    sitemap.write_text(text, encoding="utf-8")
    packed = sitemap.with_name(sitemap.name + ".gz")
    if packed.exists():   # the same bytes for the same sitemap: no timestamp in the gzip header
        packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def finish(build: Path, site: Path, root: Path = ROOT) -> int:
    """Write `site` from each edition's generated site under `build`; returns how many pages were finished."""
    config = read_config(root)
    editions = languages.load(config)
    handover = read_handover(build)
    staging = site.with_name(site.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    count = 0
    styles: set[str] = set()
    for edition in editions:   # English first: the others go in its folders
        generated = build / edition.folder / GENERATED
        if not (generated / "index.html").is_file():
            raise FileNotFoundError(f"{generated}/index.html: no generated site here: run the generator first (make site)")
        steps = Finish(handover, editions, edition.code)
        out = staging / edition.folder
        shutil.copytree(generated, out)
        steps.styles = security.theme_style_hashes(out)  # Zensical's search dialog: before the pages get their policy
        styles |= steps.styles
        for page in sorted(out.rglob("*.html")):
            rel = page.relative_to(out).as_posix()
            path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
            page.write_text(steps.page(page.read_text(encoding="utf-8"), path), encoding="utf-8")
            count += 1
        # Readers download our CSS and JS without comments (overrides/ keeps the commented files).
        minify.minify_site(out, root / "overrides")
        search_index.add_to_index(out, steps.search_terms, steps.glossary)  # patients' words (data/search_terms.yml)
    if len(editions) > 1:
        for edition in editions:
            sitemap_alternates(staging / edition.folder / "sitemap.xml", edition, editions, steps.docs,
                               config.get("site_url") or "")
    for rel, html in steps.redirects().items():
        target = staging / rel
        if target.exists():
            raise FileExistsError(f"data/urls.yml: redirects: /{rel[: -len('index.html')]} is still a page: remove the redirect")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(security.add_meta_tags(html), encoding="utf-8")
    (staging / "_headers").write_text(security.headers_file(security.site_hashes(staging), styles), encoding="utf-8")
    # All or nothing: the old site stays until the new one is complete.
    shutil.rmtree(site, ignore_errors=True)
    os.replace(staging, site)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.finish", description=__doc__.splitlines()[0])
    parser.add_argument("build", nargs="?", type=Path, default=ROOT / "build")
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    try:
        count = finish(args.build.resolve(), args.site.resolve())
    except (ConfigError, FileNotFoundError, FileExistsError) as error:
        print(f"finish: {error}", file=sys.stderr)
        return 1
    except yaml.YAMLError:
        print("finish: mkdocs.yml is not valid YAML: `python -m guide.prepare` says where", file=sys.stderr)
        return 1
    print(f"finish: {count} pages in {os.path.relpath(args.site)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
