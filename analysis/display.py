"""HTML views of an article for notebooks: article text is always escaped, never injected raw."""

from __future__ import annotations

from html import escape

from .article import Article


def article_html(article: Article) -> str:
    """The article as the reader sees it: title, section headings and numbered paragraphs."""
    parts = [f"<h3>{escape(article.title)}</h3>"]
    for section in article.sections:
        if section.heading is not None:
            parts.append(f"<h4>{escape(section.heading)}</h4>")
        for paragraph_id in section.paragraph_ids:
            paragraph = article.paragraphs[paragraph_id]
            body = escape(article.text[paragraph.start:paragraph.end])
            parts.append(f'<p><small style="color:#888">¶{paragraph.id}</small> {body}</p>')
    return "<div>" + "\n".join(parts) + "</div>"


def show_article(article: Article):
    """Display :func:`article_html` in a notebook."""
    from IPython.display import HTML

    return HTML(article_html(article))
