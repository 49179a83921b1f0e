"""`make serve` only: MkDocs' live preview runs the pipeline's steps (guide/preview.py).

`make site` needs no hook: it runs prepare, the generator and finish one after
the other. This file only ties them to MkDocs' preview server.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import preview, serve_errors  # noqa: E402


def on_pre_build(config):
    preview.before_build(config.theme["language"])


def on_env(env, config, files):
    return preview.theme_env(env)


def on_post_page(output, page, config):
    return preview.page(output, page.url)


def on_post_template(output_content, template_name, config):
    return preview.page(output_content, template_name) if template_name.endswith(".html") else output_content


def on_serve(server, config, builder):
    # Edits happen in docs/ and data/; build/docs/ is ours to rewrite, and watching
    # it too would rebuild twice per save.
    server.unwatch(config.docs_dir)
    server.watch(str(ROOT / "docs"))
    server.watch(str(ROOT / "data"))
    # A failed rebuild must not leave the preview stuck: keep the last good pages, with the error on top.
    server.builder = serve_errors.keep_serving(builder, Path(config.site_dir), preview.errors)
    return server
