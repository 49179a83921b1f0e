"""MkDocs adapter for guide/: the only file that knows about MkDocs.

Each hook is a thin call into plain Python (guide/, build_figures.py), so the
same logic runs as scripts and would move with us to another generator.
Problems stop the build with one line that says what and where to fix.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build_figures  # noqa: E402
from guide import (booklet, changelog, feedback, html_repairs, layout, loading, minify, pages, qr, reviews,  # noqa: E402
                   safety, search, security, serve_errors, structured_data, terms, urls)
from guide.data import DataError, load  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")
_state: dict = {"errors": []}
GLOSSARY_PAGE = "glossary.md"


def _problem(message: str) -> None:
    """A problem an editor must fix: stop `mkdocs build`; in `mkdocs serve`, show it and keep serving."""
    if not _state.get("preview"):
        raise Abort(message)
    if any(message in known for known in _state["errors"]):
        return  # figures and pages read the same data: one problem, one line
    _state["errors"].append(message)
    _report(message)


def _report(message: str) -> None:
    # In the preview, not through MkDocs' logger: strict mode counts its errors and
    # would stop `mkdocs serve` (the page shows the problem instead).
    if _state.get("preview"):
        print(f"ERROR    -  {message}", file=sys.stderr, flush=True)
    else:
        log.error(message)


def on_config(config):
    _state["errors"] = []
    try:
        _state["data"] = load()
        _state["search_terms"] = search.load_terms()  # checked before the build; used in on_post_build
        _state["urgent_help"] = safety.urgent_help(_state["data"])
    except DataError as error:
        if "data" not in _state:  # no good data yet: nothing to build but the message
            raise Abort(f"Data error: {error}") from None
        _problem(f"Data error: {error} (the preview shows your last good data)")
    _load_addresses(config)
    _load_reviews(config)
    return config


def _load_reviews(config):
    # Each page's clinical review status, from data/reviews.yml and the page as it
    # is now (guide/reviews.py). A clinic that may publish reviewed pages only sets
    # REQUIRE_REVIEW=1: then the build stops, before writing anything, naming each page.
    try:
        reviewers = reviews.load_reviewers(ROOT)
        _state["names"] = reviews.template_names(_state["links"], reviewers, config, _state["sections"])
        _state["records"] = (reviews.load_reviews(ROOT, reviewers), reviewers)
    except DataError as error:
        raise Abort(f"Data error: {error}") from None
    # Each page's status is worked out when the page is rendered (on_page_markdown);
    # only REQUIRE_REVIEW needs them all up front.
    _state["reviews"] = {}
    if os.environ.get("REQUIRE_REVIEW") == "1":
        found = reviews.page_fingerprints(Path(config["docs_dir"]), _state["data"], _state["names"], skip_broken=True)
        missing = reviews.without_matching_review(reviews.statuses(found, *_state["records"]))
        if missing:
            raise Abort("REQUIRE_REVIEW=1: these pages have no clinical review of their current text:\n"
                        + "\n".join(f"Review error: {line}" for line in missing))


def _load_addresses(config):
    # Permanent addresses (data/urls.yml): every page must have one, and moved
    # pages get their redirects from there (the one place they are written).
    try:
        manifest = urls.load()
    except DataError as error:
        raise Abort(f"Data error: {error}") from None
    docs = urls.scan_docs(Path(config["docs_dir"]))
    problems = urls.check_docs(manifest, docs) + urls.check_sections(manifest, docs, Path(config["docs_dir"]))
    if problems:
        _problem("\n".join(f"Address error: {problem}" for problem in problems))
    redirects = config["plugins"].get("redirects")
    if redirects is None or redirects.config.get("redirect_maps"):
        raise Abort("mkdocs.yml: plugins: list `- redirects` with no redirect_maps: redirects come from data/urls.yml")
    redirects.config["redirect_maps"] = urls.redirect_maps(manifest, docs)
    _state["links"] = urls.page_links(manifest, docs, Path(config["docs_dir"]), config["site_url"])
    _state["sections"] = urls.section_links(manifest, docs, Path(config["docs_dir"]), config["site_url"])
    _state["moved"] = urls.moved_anchors(manifest, docs, Path(config["docs_dir"]))


def on_files(files, config):
    try:
        svgs = build_figures.build()
    except DataError as error:
        _problem(f"Data error: {error}")
        svgs = sorted(build_figures.DEFAULT_OUT.glob("*.svg"))  # the last good figures
    for svg in svgs:
        uri = pages.FIGURE_URL.format(name=svg.stem)
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    qr_codes = qr.build({link.qr: link.url for link in [*_state["links"], *_state["sections"]]})
    for uri, svg in qr_codes.items():
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    return files


def on_page_markdown(markdown, page, config, files):
    data = _state["data"]
    src = page.file.src_uri
    problems = pages.check_meta(src, page.meta, data)
    if problems:
        return _page_problem(f"Page error: {problems[0]}")
    context = pages.PageContext(src=src, meta=page.meta, body_offset=pages.front_matter_lines(page.file.content_string))
    try:
        rendered = pages.render(markdown, context, data, extra=_state["names"](src))
    except pages.PageError as error:
        return _page_problem(f"Page error: {error}")
    _state["reviews"][src] = reviews.page_status(src, page.file.content_string, rendered, page.meta, data, *_state["records"])
    return rendered


def _page_problem(message: str) -> str:
    # Every page's problem in one round: log it, go on with the other pages, and
    # stop in on_post_build (strict mode stops the build at the end as well).
    _state["errors"].append(message)
    _report(message)
    return f"# This page has a problem\n\n{message}\n"


def on_page_content(html, page, config, files):
    # The Sources section comes from a template (overrides/partials/page-sources.html),
    # after Markdown: tell MkDocs' link checker about the anchors it will add.
    page.present_anchor_ids |= pages.source_anchors(page.meta)
    # Glossary words open their definition in place and link to the Glossary page.
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary is None:
        raise Abort(f"docs/{GLOSSARY_PAGE} is missing: every page links its medical words to it (data/glossary.yml)")
    html = terms.glossary_terms(html, _state["data"].glossary, get_relative_url(glossary.url, page.url))
    return urls.add_moved_anchors(html, _state["moved"].get(page.file.src_uri, []))


def on_page_context(context, page, config, nav):
    data = _state["data"]
    context["page_sources"] = pages.sources_for(page.meta, data)
    src = page.file.src_uri
    context["review"] = _state["reviews"].get(src)
    # This page's permanent address and QR code, for the printed header.
    link = context["page_link"] = next((each for each in _state["links"] if each.src == src), None)
    # Trust furniture (guide/feedback.py, structured_data.py, changelog.py): report links, JSON-LD, changelog.
    context["report"] = feedback.links(config["repo_url"], config["extra"].get("contact"), page.canonical_url, page.title)
    context["structured_data"] = structured_data.script_tag(structured_data.page_data(
        title=page.meta.get("title") or page.title, description=page.meta.get("description", ""), url=page.canonical_url,
        language=config["theme"]["language"], modified=page.meta.get("git_revision_date_localized_raw_iso_date"),
        audience=structured_data.audience(link and link.path), review=context["review"],
        sources=[data.sources[i] for i in page.meta.get("sources") or []]))
    context["urgent_help"] = _state["urgent_help"]
    if page.meta.get("changelog"):
        context["content_changes"] = changelog.changes(ROOT, {e.src: (e.title, e.path.lstrip("/") or "./") for e in _state["links"]})
    return context


def on_template_context(context, template_name, config):
    # Theme pages such as 404.html carry the urgent-help box like every other page.
    context["urgent_help"] = _state["urgent_help"]
    return context


def on_startup(command, dirty):
    # `mkdocs serve` injects an inline live-reload script that no hash can allow.
    _state["preview"] = command == "serve"


# Security, valid HTML and fast scripts, on every finished page (404.html is a theme
# template, so only on_post_template reaches it). See guide/security.py for how the
# policy reaches the browser on GitHub Pages (meta tags) and on Netlify/Cloudflare
# (_headers), and guide/loading.py for why the scripts change once the policy is in.
def _finish_page(html: str) -> str:
    secured = security.add_meta_tags(html_repairs.repair(html), csp=not _state.get("preview", False))
    if _state.get("preview"):
        secured = serve_errors.show(secured, _state["errors"])
    return loading.fast_scripts(secured)


def on_post_page(output, page, config):
    # Tables that stack as cards on phones; addresses that wrap only after a slash.
    return _finish_page(layout.prepare(output))


def on_post_template(output_content, template_name, config):
    return _finish_page(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    site_dir = Path(config["site_dir"])
    security.secure_redirect_pages(site_dir)  # mkdocs-redirects writes these after on_post_page
    if _state["errors"] and not _state.get("preview"):
        raise Abort(f"{len(_state['errors'])} problem(s) above: fix them, then build again")
    # Readers download our CSS and JS without comments (overrides/ keeps the commented files).
    minify.minify_site(site_dir, Path(config["theme"].custom_dir))
    search.add_to_index(site_dir, _state["search_terms"], _state["data"].glossary)  # patients' words (data/search_terms.yml)
    (site_dir / "_headers").write_text(security.headers_file(security.site_hashes(site_dir)), encoding="utf-8")


def on_serve(server, config, builder):
    # Editing a number in data/ must redraw figures and text in the preview.
    server.watch(str(ROOT / "data"))
    # A failed rebuild must not leave the preview stuck: keep the last good pages, with the error on top.
    server.builder = serve_errors.keep_serving(builder, Path(config["site_dir"]), lambda: _state["errors"])
    return server
