"""Tables (pandas DataFrames) built from an Article and its analysis, for notebooks and the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .article import Article

if TYPE_CHECKING:
    from .themes import ThemeClustering

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


# --- themes


def theme_table(article: Article, model: ThemeClustering) -> pd.DataFrame:
    """One row per theme: its name, terms, paragraphs, stability and most representative paragraph."""
    rows = []
    for theme in range(model.n_themes_):
        members = np.flatnonzero(model.labels_ == theme)
        best = article.paragraphs[model.representatives_[theme][0]]
        rows.append({
            "theme": theme,
            "label": model.theme_label(theme),
            "terms": ", ".join(model.terms_[theme]),
            "paragraphs": ", ".join(str(article.paragraphs[i].id) for i in members),
            "stability": round(float(model.stability_[theme]), 2),
            "representative": f"¶{best.id}: {opening_words(article.text[best.start:best.end])}",
        })
    return pd.DataFrame(rows).set_index("theme")


def paragraph_theme_table(article: Article, model: ThemeClustering) -> pd.DataFrame:
    """One row per paragraph: its theme, how firmly it belongs (stability) and its opening words."""
    rows = [
        {
            "paragraph": paragraph.id,
            "theme": int(label),
            "theme label": model.theme_label(int(label), 2),
            "stability": round(float(stability), 2),
            "opening": opening_words(article.text[paragraph.start:paragraph.end]),
        }
        for paragraph, label, stability in zip(article.paragraphs, model.labels_, model.sample_stability_)
    ]
    return pd.DataFrame(rows).set_index("paragraph")
