"""Every page printed to PDF by Chromium, on A4 and on US Letter.

On paper: no site header, navigation, search or footer; the title, the page's
address (text and QR code) and the clinical review status on the first sheet; figures
and tables whole; no heading alone at the foot of a sheet; no blank trailing
sheet; a typical page on 2 sheets; the handout on 1. Glossary words print as
plain text (no underline, no opened definition); a printed web address breaks
only after a slash; the questions page has tick boxes and lines to write on.

Sheets are counted and read with pypdf. Layout facts that a PDF does not keep
(what is hidden, what may not break) are read in the same page with print media,
at the width of the sheet's text area.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass

import pytest
from browsing import ALL_GENERATORS, REPORT, load

from guide import urls

pytestmark = pytest.mark.browser
# Also on the Zensical build (tests/browser/conftest.py; accepted differences: benchmarks/generators.md).
GENERATORS = ALL_GENERATORS

PAPER = {"A4": (210, 297), "Letter": (215.9, 279.4)}  # mm: the two sizes clinics print on
PX_PER_MM = 96 / 25.4
# Was 2 sheets. Issue 12 added the safety advice and the answers patients asked for
# (eye care, side effects, getting referred...): the median page now prints on 3.
TYPICAL_SHEETS = 3
HANDOUT = "/handout/"

# Screen furniture that must not reach paper.
CHROME = (".md-header, .md-tabs, .md-sidebar, .md-search, .md-footer, .md-top, .md-skip, .md-content__button, "
          ".sg-copy-button, .sg-footer-editors")
QUESTIONS = "/questions-to-ask/"
MIN_WRITING_LINES = 6

# Runs in the page with print media; returns what the PDF cannot tell.
LAYOUT = """(chrome) => {
  const shown = el => el.getClientRects().length > 0;
  const article = document.querySelector("article");
  const text = el => el.innerText.replace(/\\s+/g, " ").trim();
  const page = [...document.styleSheets].flatMap(s => { try { return [...s.cssRules] } catch (e) { return [] } })
    .find(rule => rule instanceof CSSPageRule);
  const qr = document.querySelector(".sg-print-header img");
  const style = el => getComputedStyle(el);
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  // A web address as text (print header, handout, clinicians' table): each character's line.
  const lineBreaks = el => {
    const range = document.createRange(), tops = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width && text && rect.top > tops[tops.length - 1] + 2) text += "\\n";
        if (rect.width) tops.push(rect.top);
        text += node.data[i];
      }
    }
    return text;
  };
  const addresses = [...document.querySelectorAll(".sg-url, article code")]
    .filter(el => shown(el) && /^https?:\\/\\//.test(el.textContent.trim())).map(lineBreaks);
  return {
    terms: [...article.querySelectorAll(".sg-term")].filter(shown).map(el => ({
      word: text(el), underline: style(el).textDecorationLine, border: style(el).borderBottomStyle})),
    definitions: [...article.querySelectorAll(".sg-term__definition")].filter(shown).map(text),
    addresses,
    ticks: [...article.querySelectorAll("ul > li")].map(li => {
      const box = getComputedStyle(li, "::before");
      return box.content !== "none" && box.borderTopStyle === "solid" && parseFloat(box.width) > 0;
    }),
    writing_lines: [...article.querySelectorAll(".sg-write-lines > *")].filter(el => shown(el) && style(el).borderBottomStyle === "solid").length,
    chrome: [...document.querySelectorAll(chrome)].filter(shown).map(el => el.className || el.tagName),
    title: text(article.querySelector("h1")),
    review: text(document.querySelector(".sg-print-header__review")),
    headings: [...article.querySelectorAll("h1, h2, h3, h4, h5, h6, .sg-table-title")].map(h => text(h).replace(/¶$/, "")),
    qr: qr ? { shown: shown(qr), loaded: qr.complete && qr.naturalWidth > 0 } : null,
    margins: page ? [page.style.marginTop, page.style.marginBottom] : null,
    whole: [...article.querySelectorAll("figure, table, tr")].map(el => ({
      what: el.tagName.toLowerCase() + " " + text(el).slice(0, 40),
      avoid: style(el).breakInside === "avoid",
      may_break: el.tagName !== "TR" && !!el.closest("details, .sg-page-list"),
      height: el.getBoundingClientRect().height,
    })),
    heading_breaks: [...article.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => style(h).breakAfter),
    ink: rgb(style(article.querySelector("p") || article).color),
    paper: rgb(style(document.body).backgroundColor),
  };
}"""


@dataclass
class Printout:
    name: str
    paper: str
    sheets: list[str]    # the text of each sheet
    layout: dict
    url: str             # the page's permanent address

    @property
    def squashed(self) -> list[str]:
        return [squash(sheet) for sheet in self.sheets]


def squash(text: str) -> str:
    """No white space: a PDF breaks lines where the page did not."""
    return re.sub(r"\s+", "", text)


def mm_to_px(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group())
    return number * (PX_PER_MM if value.endswith("mm") else 1)


# A reader prints a page they have read: every image on it loaded, as after scrolling.
ALL_IMAGES_LOADED = """() => Promise.all([...document.images].map(img => {
  img.loading = "eager";
  return img.complete ? img.decode().catch(() => null)
                      : new Promise(done => { img.onload = img.onerror = done; });
}))"""


@pytest.fixture(scope="module")
def printouts(browser, site_pages, tested_site) -> list[Printout]:
    from pypdf import PdfReader

    served = urls.built_site(tested_site)
    articles = [p for p in site_pages if not p.is_404 and served.get(p.name) == "page"]
    assert articles, "no article pages found in the built site"
    base = urls.site_url()
    done = []
    for paper, (width, _) in PAPER.items():
        # The text area of the sheet, so layout heights match the printed ones.
        context = browser.new_context(viewport={"width": round((width - 30) * PX_PER_MM), "height": 900})
        page = context.new_page()
        try:
            for site_page in articles:
                load(page, site_page.url)
                # Figures load lazily: one still loading when the PDF is made has no height yet, and
                # the sheets break elsewhere (a heading once ended sheet 2 only in a busy CI run).
                page.evaluate(ALL_IMAGES_LOADED)
                # A reader may have opened glossary definitions before printing.
                page.evaluate("() => document.querySelectorAll('button.sg-term').forEach(b => b.click())")
                page.emulate_media(media="print")
                layout = page.evaluate(LAYOUT, CHROME)
                page.emulate_media(media="no-override")  # "screen" would print screen styles
                pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
                sheets = [sheet.extract_text() or "" for sheet in pdf.pages]
                done.append(Printout(site_page.name, paper, sheets, layout, urls.full_url(base, site_page.name)))
                REPORT.setdefault(site_page.row, {})[f"sheets {paper}"] = str(len(sheets))
        finally:
            context.close()
    return done


def test_no_screen_chrome_on_paper(printouts):
    problems = [f"{p.name} ({p.paper}): printed: {', '.join(p.layout['chrome'])}" for p in printouts if p.layout["chrome"]]
    assert not problems, "\n".join(problems)


def test_first_sheet_has_title_address_code_and_review_status(printouts):
    problems = []
    for p in printouts:
        first = p.squashed[0]
        # English, or for a Spanish page the English page's clinical review in Spanish (guide/words.py).
        if not re.match(r"(Not yet clinically reviewed|Clinically reviewed by|Changed since its clinical review"
                        r"|Aún sin revisión clínica|Revisado clínicamente por|Cambió después de su revisión clínica)", p.layout["review"]):
            problems.append(f"{p.name} ({p.paper}): the print header's review status reads {p.layout['review']!r}")
        for what, needle in (("title", p.layout["title"]), ("address", p.url), ("review status", p.layout["review"])):
            if squash(needle) not in first:
                problems.append(f"{p.name} ({p.paper}): the first sheet lacks the {what}: {needle}")
        if not (p.layout["qr"] and p.layout["qr"]["shown"] and p.layout["qr"]["loaded"]):
            problems.append(f"{p.name} ({p.paper}): the QR code is not printed")
    assert not problems, "\n".join(problems)


def test_no_blank_sheet(printouts):
    # Material's full-height layout adds a blank trailing sheet unless print.css undoes it.
    problems = [f"{p.name} ({p.paper}): sheet {n} of {len(p.sheets)} is blank"
                for p in printouts for n, sheet in enumerate(p.squashed, 1) if not sheet]
    assert not problems, "\n".join(problems)


def test_no_heading_alone_at_the_foot_of_a_sheet(printouts):
    problems = []
    for p in printouts:
        assert all(value == "avoid" for value in p.layout["heading_breaks"]), f"{p.name}: headings need break-after: avoid"
        for n, sheet in enumerate(p.squashed[:-1], 1):
            for heading in p.layout["headings"]:
                if heading and sheet.endswith(squash(heading)):
                    problems.append(f"{p.name} ({p.paper}): sheet {n} ends with the heading {heading!r}")
    assert not problems, "\n".join(problems)


def test_figures_and_tables_are_never_split(printouts):
    problems = []
    for p in printouts:
        top, bottom = (mm_to_px(m) for m in p.layout["margins"])
        room = PAPER[p.paper][1] * PX_PER_MM - top - bottom
        for block in p.layout["whole"]:
            if block["may_break"]:
                continue  # long reference tables, taller than a sheet: they break between rows
            if not block["avoid"]:
                problems.append(f"{p.name}: {block['what']!r} may be split (needs break-inside: avoid)")
            elif block["height"] > room:
                problems.append(f"{p.name} ({p.paper}): {block['what']!r} is {block['height']:.0f} px, taller than a sheet ({room:.0f} px)")
    assert not problems, "\n".join(problems)


def test_black_ink_on_white_paper(printouts):
    for p in printouts:
        assert max(p.layout["ink"]) < 100 and min(p.layout["paper"]) > 240, f"{p.name}: ink {p.layout['ink']} on {p.layout['paper']}"


def test_a_typical_page_fits_on_three_sheets(printouts):
    for paper in PAPER:
        counts = {p.name: len(p.sheets) for p in printouts if p.paper == paper}
        assert statistics.median(counts.values()) <= TYPICAL_SHEETS, f"{paper}: sheets per page {counts}"


def test_the_handout_is_one_sheet(printouts):
    handouts = [p for p in printouts if p.name == HANDOUT]
    assert len(handouts) == len(PAPER)
    for p in handouts:
        assert len(p.sheets) == 1, f"the handout takes {len(p.sheets)} sheets of {p.paper}"


def test_dark_palette_prints_black_on_white(browser, site_pages):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        home = next(p for p in site_pages if p.name == "/")
        load(page, home.url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the dark palette is on"
        page.emulate_media(media="print", color_scheme="dark")
        ink = page.evaluate("getComputedStyle(document.querySelector('article h1')).color")
        assert max(map(float, re.findall(r"[\d.]+", ink)[:3])) < 100, f"headings print in {ink} from the dark palette"
    finally:
        context.close()


def test_glossary_words_print_as_plain_text(printouts):
    problems = []
    for p in printouts:
        problems += [f"{p.name} ({p.paper}): {t['word']!r} prints with an underline ({t['underline']}, border {t['border']})"
                     for t in p.layout["terms"] if t["underline"] != "none" or t["border"] not in ("none", "hidden")]
        problems += [f"{p.name} ({p.paper}): an opened definition prints: {d[:60]!r}" for d in p.layout["definitions"]]
    assert any(p.layout["terms"] for p in printouts), "no glossary words found: the test checks nothing"
    assert not problems, "\n".join(problems)


def test_printed_addresses_break_only_after_a_slash(printouts):
    problems, seen = [], 0
    for p in printouts:
        for address in p.layout["addresses"]:
            seen += 1
            lines = address.split("\n")
            if any(not line.endswith("/") for line in lines[:-1]):
                problems.append(f"{p.name} ({p.paper}): the address breaks inside a word: {' | '.join(lines)}")
    assert seen, "no printed addresses found: the test checks nothing"
    assert not problems, "\n".join(problems)


def test_questions_page_prints_tick_boxes_and_writing_lines(printouts):
    pages = [p for p in printouts if p.name == QUESTIONS]
    assert len(pages) == len(PAPER), f"{QUESTIONS} was not printed"
    for p in pages:
        ticks = p.layout["ticks"]
        assert ticks and all(ticks), f"{p.paper}: {ticks.count(False)} of {len(ticks)} questions print without a tick box"
        assert p.layout["writing_lines"] >= MIN_WRITING_LINES, (
            f"{p.paper}: {p.layout['writing_lines']} lines to write on, at least {MIN_WRITING_LINES} expected")
