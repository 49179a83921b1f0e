"""MkDocs adapter for guide/: the only file that knows about MkDocs.

Each hook is a thin call into plain Python (guide/, build_figures.py), so the
same logic runs as scripts and would move with us to another generator.
Problems stop the build with one line that says what and where to fix.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build_figures  # noqa: E402
from guide import html_repairs, loading, minify, pages, qr, security, serve_errors, urls  # noqa: E402
from guide.data import DataError, load  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")
_state: dict = {"errors": []}


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
    except DataError as error:
        if "data" not in _state:  # no good data yet: nothing to build but the message
            raise Abort(f"Data error: {error}") from None
        _problem(f"Data error: {error} (the preview shows your last good data)")
    _load_addresses(config)
    return config


def _load_addresses(config):
    # Permanent addresses (data/urls.yml): every page must have one, and moved
    # pages get their redirects from there (the one place they are written).
    try:
        manifest = urls.load()
    except DataError as error:
        raise Abort(f"Data error: {error}") from None
    docs = urls.scan_docs(Path(config["docs_dir"]))
    problems = urls.check_docs(manifest, docs)
    if problems:
        _problem("\n".join(f"Address error: {problem}" for problem in problems))
    redirects = config["plugins"].get("redirects")
    if redirects is None or redirects.config.get("redirect_maps"):
        raise Abort("mkdocs.yml: plugins: list `- redirects` with no redirect_maps: redirects come from data/urls.yml")
    redirects.config["redirect_maps"] = urls.redirect_maps(manifest, docs)
    _state["links"] = urls.page_links(manifest, docs, Path(config["docs_dir"]), config["site_url"])


def on_files(files, config):
    try:
        svgs = build_figures.build()
    except DataError as error:
        _problem(f"Data error: {error}")
        svgs = sorted(build_figures.DEFAULT_OUT.glob("*.svg"))  # the last good figures
    for svg in svgs:
        uri = pages.FIGURE_URL.format(name=svg.stem)
        files.append(File.generated(config, uri, abs_src_path=str(svg)))
    qr_codes = qr.build({link.qr: link.url for link in _state["links"]})
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
        return pages.render(markdown, context, data, extra=urls.template_names(_state["links"]))
    except pages.PageError as error:
        return _page_problem(f"Page error: {error}")


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
    return pages.first_use_abbr(html)


def on_page_context(context, page, config, nav):
    data = _state["data"]
    context["page_sources"] = pages.sources_for(page.meta, data)
    context["review"] = pages.review_dates(page.meta)
    # This page's permanent address and QR code, for the printed header.
    context["page_link"] = next((link for link in _state["links"] if link.src == page.file.src_uri), None)
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
    return _finish_page(output)


def on_post_template(output_content, template_name, config):
    return _finish_page(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    site_dir = Path(config["site_dir"])
    security.secure_redirect_pages(site_dir)  # mkdocs-redirects writes these after on_post_page
    if _state["errors"] and not _state.get("preview"):
        raise Abort(f"{len(_state['errors'])} problem(s) above: fix them, then build again")
    # Readers download our CSS and JS without comments (overrides/ keeps the commented files).
    minify.minify_site(site_dir, Path(config["theme"].custom_dir))
    (site_dir / "_headers").write_text(security.headers_file(security.site_hashes(site_dir)), encoding="utf-8")


def on_serve(server, config, builder):
    # Editing a number in data/ must redraw figures and text in the preview.
    server.watch(str(ROOT / "data"))
    # A failed rebuild must not leave the preview stuck: keep the last good pages, with the error on top.
    server.builder = serve_errors.keep_serving(builder, Path(config["site_dir"]), lambda: _state["errors"])
    return server
