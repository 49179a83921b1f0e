"""Without JavaScript every page still shows all its article text and figures.

The reference is the built HTML itself (parsed here, not in the browser): each
text block of the article must be in the text the browser shows, and each image
must load and be on screen.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from browsing import open_page

pytestmark = pytest.mark.browser

TEXT_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption, blockquote, summary"
# Permalink symbols next to headings are decoration, shown only on hover.
DECORATION = ".headerlink"


def squash(text: str) -> str:
    """Text without any white space: layout may break lines differently from the source."""
    return re.sub(r"\s+", "", text)


def article_blocks(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup.find("main")
    for decoration in article.select(DECORATION):
        decoration.decompose()
    return [block.get_text() for block in article.select(TEXT_BLOCKS) if block.get_text().strip()]


def test_article_text_and_figures_without_javascript(browser, site_pages):
    context = browser.new_context(java_script_enabled=False)
    problems = []
    try:
        page = None
        for site_page in site_pages:
            if page:
                page.close()
            page = open_page(context, site_page.url, scripts=False)
            article = page.locator("article").or_(page.locator("main")).first
            shown = squash(article.inner_text())
            problems += [f"{site_page.name}: text not shown: {block.strip()[:70]!r}"
                         for block in article_blocks(site_page.file.read_text(encoding="utf-8"))
                         if squash(block) not in shown]
            images = article.locator("img")
            for index in range(images.count()):
                image = images.nth(index)
                image.scroll_into_view_if_needed()  # images load lazily, when near the screen
                loaded = image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")
                if not (loaded and image.is_visible()):
                    problems.append(f"{site_page.name}: figure not shown: {image.get_attribute('src')}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
