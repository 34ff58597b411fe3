"""Charts of the article's structure: paragraph and sentence lengths in reading order."""

from __future__ import annotations

from ..article import Article
from . import drawn_once, mark_sections, new_figure, paragraph_ticks, section_boundaries


@drawn_once
def plot_lengths(article: Article):
    """Words per paragraph (top) and per sentence (bottom), in reading order, sections marked."""
    figure, (top, bottom) = new_figure(height=6.5, nrows=2)
    paragraph_words = [len(article.text[p.start:p.end].split()) for p in article.paragraphs]
    top.bar(range(len(paragraph_words)), paragraph_words, color="#4c72b0")
    top.set_title("Paragraph length in reading order", pad=18)
    top.set_xlabel("Paragraph")
    top.set_ylabel("Words")
    top.set_xticks(paragraph_ticks(len(paragraph_words), figure.get_size_inches()[0] - 2))
    mark_sections(top, section_boundaries(article))

    sentences = article.sentences
    sentence_words = [len(article.text[s.start:s.end].split()) for s in sentences]
    colours = ["#4c72b0" if s.paragraph_id % 2 == 0 else "#dd8452" for s in sentences]
    bottom.bar(range(len(sentences)), sentence_words, color=colours)
    bottom.set_title("Sentence length (colour alternates by paragraph)")
    bottom.set_xlabel("Sentence")
    bottom.set_ylabel("Words")
    return figure
