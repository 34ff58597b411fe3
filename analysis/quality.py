"""What an analysis could not compute: plain-language warnings for degenerate but valid articles.

A one-paragraph note, a page of headings or a text in another language is still analysed; the
``warnings`` list of the ``analyze`` JSON tells the reader which parts are empty or unreliable and
why, reusing what each stage already reports (e.g. the themes stage's ``k_reason_``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pipeline import ArticleAnalysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_ENGLISH_STOP_SHARE = 0.2
"""Share of English stop words among the words below which a text is flagged as not English.

English news prose has 35–55 % stop words ("the", "of", "said" …; 0.36–0.50 in a sample of BBC
articles); German has about 10 %, Russian none.
"""
MIN_WORDS_FOR_LANGUAGE = 10
"""Fewer words than this (a title, a heading) are too few to judge the language."""
MIN_PARAGRAPHS_FOR_CLUSTERING = 3


def english_stop_share(doc: Doc) -> tuple[float, int]:
    """Share of the alphabetic tokens that are English stop words, and how many tokens there are.

    A cheap language check on the one parse: the English model's stop list covers most function
    words of any English sentence and almost none of another language's.
    """
    from spacy.attrs import IS_ALPHA, IS_STOP

    flags = doc.to_array([IS_ALPHA, IS_STOP]).astype(bool)  # one array: no Token object per word
    words = int(flags[:, 0].sum())
    return int((flags[:, 0] & flags[:, 1]).sum()) / max(words, 1), words


def analysis_warnings(analysis: ArticleAnalysis) -> list[str]:
    """Plain-language warnings about what the analysis of an article could not compute or is unreliable."""
    article = analysis.article
    warnings = []
    share, words = english_stop_share(article.doc)
    if words >= MIN_WORDS_FOR_LANGUAGE and share < MIN_ENGLISH_STOP_SHARE:
        warnings.append(
            f"the text does not look like English ({share:.0%} of its {words} words are common English words, "
            f"expected at least {MIN_ENGLISH_STOP_SHARE:.0%}): the English model's actors, dates and claims "
            "are unreliable"
        )
    if article.title_source == "first sentence":
        warnings.append("no title line: the title is the first sentence")
    paragraphs = len(article.paragraphs)
    if paragraphs < MIN_PARAGRAPHS_FOR_CLUSTERING:
        warnings.append(f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}: no theme clustering "
                        f"({analysis.themes.k_reason_})")
    empty = [(analysis.actors.actors, "no actors found: the actor tables and charts are empty"),
             (analysis.dates, "no dates found: the timeline is empty"),
             (analysis.claims, "no attributed statements found: the claims table is empty")]
    return warnings + [message for found, message in empty if not found]
