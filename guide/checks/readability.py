"""Reading ease of each page's prose, and long sentences (guide/readability.py measures)."""

from __future__ import annotations

import re
import statistics

from guide.checks.tree import Tree


# A sentence longer than this is flagged even on a page whose grade is fine (style.md: short sentences).
MAX_SENTENCE_WORDS = 30


def check_readability(tree: Tree) -> list[str]:
    """Flesch-Kincaid grade of each page's prose at most 8; the median of all pages at most 6."""
    from guide import readability

    results = [readability.measure(page.src, tree.article_html(page.src), readability.language_of(page.src))
               for page in tree.pages if tree.html(page.src)]
    problems = []
    for page in tree.pages:  # long sentences are hard whatever the page's grade
        html = tree.article_html(page.src)
        if html is None:
            continue
        for sentence in readability.sentences(readability.prose(html)):
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                number = page.line_of_sentence(sentence) or page.first_heading_line()
                start = " ".join(sentence.split()[:8])
                problems.append(f"{page.where}:{number}: readability: a sentence of {words} words (more than "
                                f"{MAX_SENTENCE_WORDS}): split it into shorter ones: \"{start} …\"")
    spanish = [r for r in results if r.language == "es"]
    results = [r for r in results if r.language == "en"]
    for result in results:
        if result.grade > readability.MAX_GRADE:
            problems.append(_readability_problem(tree, result, f"reading grade {result.grade} is above {readability.MAX_GRADE:g}"))
    for result in spanish:
        if result.ease < readability.MIN_EASE_ES:
            problems.append(_readability_problem(tree, result, f"Fernández-Huerta reading ease {result.ease} is below "
                                                               f"{readability.MIN_EASE_ES:g}"))
    if spanish:
        median = statistics.median(r.ease for r in spanish)
        if median < readability.MIN_MEDIAN_EASE_ES:
            hardest = min(spanish, key=lambda r: r.ease)
            problems.append(_readability_problem(
                tree, hardest, f"the median Fernández-Huerta reading ease of the Spanish pages is {median:.1f}, below "
                               f"{readability.MIN_MEDIAN_EASE_ES:g}, and this page is the hardest ({hardest.ease})"))
    if results:
        median = statistics.median(r.grade for r in results)
        if median > readability.MAX_MEDIAN_GRADE:
            hardest = max(results, key=lambda r: r.grade)
            problems.append(_readability_problem(
                tree, hardest, f"the median reading grade of all pages is {median:.1f}, above {readability.MAX_MEDIAN_GRADE:g}, "
                               f"and this page is the hardest ({hardest.grade})"))
    return problems


def _readability_problem(tree: Tree, result, what: str) -> str:
    page = tree.page(result.src)
    words = len(result.longest.split())
    number = (page.line_of_sentence(result.longest) if page else None) or (page.first_heading_line() if page else 1)
    start = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(result.longest.split()[:8])).rstrip(",;:")
    return (f"docs/{result.src}:{number}: readability: {what}: use shorter sentences and everyday words; "
            f"start with the longest sentence ({words} words): \"{start} …\"")
