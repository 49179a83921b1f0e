"""Without JavaScript every page still shows all its article text and figures.

Each page is opened twice, with and without JavaScript. Every text block and
image a reader sees in the article with JavaScript must also be shown without
it (images loaded and on screen). The one exception is content the HTML itself
marks `hidden`: a script-only tool that reveals itself when its script runs,
whose information the page must give in another form too (checked by the
tool's own tests). Print-only content is hidden in both and so not compared.
"""

from __future__ import annotations

import pytest
from browsing import TIMEOUT_MS, load

pytestmark = pytest.mark.browser

TEXT_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption, blockquote, summary"

# What a reader sees in the article: text blocks (without white space, since
# lines may break differently) and images.
SEEN = """async (blocks) => {
  const article = document.querySelector("article") || document.querySelector("main");
  const squash = text => text.replace(/\\s+/g, "");
  const seen = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const images = [];
  for (const img of article.querySelectorAll("img")) {
    if (!seen(img)) continue;
    img.scrollIntoView();  // images load lazily, when near the screen
    const loaded = await img.decode().then(() => img.naturalWidth > 0, () => false);
    if (loaded) images.push(img.getAttribute("src"));
  }
  return {
    text: squash(article.innerText),
    blocks: [...article.querySelectorAll(blocks)].filter(seen).map(el => el.innerText.trim()).filter(Boolean),
    images,
    byAuthor: [...article.querySelectorAll("[hidden]")].map(el => squash(el.textContent) + " " +
              [...el.querySelectorAll("img")].map(img => img.getAttribute("src")).join(" ")).join(" "),
  };
}"""


def squash(text: str) -> str:
    return "".join(text.split())


def test_article_text_and_figures_without_javascript(browser, site_pages):
    contexts = {"with": browser.new_context(), "without": browser.new_context(java_script_enabled=False)}
    problems = []
    try:
        tabs = {name: context.new_page() for name, context in contexts.items()}
        for tab in tabs.values():
            tab.set_default_timeout(TIMEOUT_MS)
        for site_page in site_pages:
            load(tabs["with"], site_page.url)
            load(tabs["without"], site_page.url, scripts=False)
            expected = tabs["with"].evaluate(SEEN, TEXT_BLOCKS)
            shown = tabs["without"].evaluate(SEEN, TEXT_BLOCKS)
            for block in expected["blocks"]:
                if squash(block) not in shown["text"] and squash(block) not in shown["byAuthor"]:
                    problems.append(f"{site_page.name}: text needs JavaScript: {block[:70]!r}")
            for image in expected["images"]:
                if image not in shown["images"] and image not in shown["byAuthor"]:
                    problems.append(f"{site_page.name}: figure needs JavaScript: {image}")
    finally:
        for context in contexts.values():
            context.close()
    assert not problems, "\n".join(problems)
