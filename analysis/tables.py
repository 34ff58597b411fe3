"""Tables (pandas DataFrames) built from an Article and its analysis, for notebooks and the CLI."""

from __future__ import annotations

import pandas as pd

from .article import Article

_OPENING_WORDS = 8


def opening_words(text: str) -> str:
    """The first words of a text, with an ellipsis when there are more: a readable row label."""
    words = text.split()
    return " ".join(words[:_OPENING_WORDS]) + (" …" if len(words) > _OPENING_WORDS else "")


def structure_table(article: Article) -> pd.DataFrame:
    """One row per paragraph: its section, offsets, sentence and word counts, and opening words."""
    headings = {section.id: section.heading or "(lead)" for section in article.sections}
    rows = [
        {
            "paragraph": p.id,
            "section": headings[p.section_id],
            "start": p.start,
            "end": p.end,
            "sentences": len(p.sentences),
            "words": len(article.text[p.start:p.end].split()),
            "opening": opening_words(article.text[p.start:p.end]),
        }
        for p in article.paragraphs
    ]
    return pd.DataFrame(rows).set_index("paragraph")


def sentence_table(article: Article) -> pd.DataFrame:
    """One row per sentence: its paragraph, offsets, word count and text."""
    rows = [
        {
            "sentence": s.index,
            "paragraph": s.paragraph_id,
            "start": s.start,
            "end": s.end,
            "words": len(article.text[s.start:s.end].split()),
            "text": article.text[s.start:s.end],
        }
        for s in article.sentences
    ]
    return pd.DataFrame(rows).set_index("sentence")
