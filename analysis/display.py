"""HTML views of an article and its analysis for notebooks: article text is always escaped, never injected raw."""

from __future__ import annotations

from html import escape

from .article import Article
from .colours import TYPE_COLOURS
from .pipeline import ArticleAnalysis, as_analysis
from .schema import Claim


def article_html(article: Article) -> str:
    """The article as the reader sees it: title, section headings and numbered paragraphs, in reading order,
    with the boilerplate lines (promotions, calls, captions …) greyed and labelled by kind."""
    items = []  # (offset, html) of every heading, paragraph and boilerplate line
    for section in article.sections:
        if section.heading is not None:
            items.append((section.heading_start, f"<h4>{escape(section.heading)}</h4>"))
        for paragraph_id in section.paragraph_ids:
            paragraph = article.paragraphs[paragraph_id]
            body = escape(article.text[paragraph.start:paragraph.end])
            items.append((paragraph.start, f'<p><small style="color:#888">¶{paragraph.id}</small> {body}</p>'))
    for line in article.boilerplate:
        items.append((line.start, f'<p style="color:#aaa"><small>[{escape(line.kind)}]</small> '
                                  f"{escape(line.text)}</p>"))
    parts = [f"<h3>{escape(article.title)}</h3>"] + [html for _, html in sorted(items, key=lambda item: item[0])]
    return "<div>" + "\n".join(parts) + "</div>"


def show_article(article: Article):
    """Display :func:`article_html` in a notebook."""
    from IPython.display import HTML

    return HTML(article_html(article))


def actors_html(analysis: ArticleAnalysis | Article, *, actor_id: str | None = None,
                include_adjectival: bool = True) -> str:
    """The article with its actor mentions highlighted in displaCy's entity style, coloured by actor type.

    The text and the labels are escaped, never injected as raw HTML. ``actor_id`` narrows the highlight to one
    actor.
    """
    analysis = as_analysis(analysis)
    extraction = analysis.actors
    actors = {actor.id: actor for actor in extraction.actors}
    entities, colours = [], {}
    for mention in extraction.mentions:
        if (actor_id is None or mention.actor_id == actor_id) and (include_adjectival or not mention.adjectival):
            actor = actors[mention.actor_id]
            label = escape(actor.name)
            colours[label.upper()] = TYPE_COLOURS[actor.type] + "55"  # translucent, so the text stays legible
            entities.append((mention.start, mention.end, label))
    return _entities_html(analysis.article.text, sorted(entities, key=lambda entity: entity[:2]), colours)


# displaCy's markup for entities (spaCy's ``displacy.render(..., style="ent", manual=True)``), written here so
# that showing an article already parsed does not import spaCy (half a second of a notebook kernel's CPU).
_ENTITIES = '<div class="entities" style="line-height: 2.5; direction: ltr">{}</div>'
_ENTITY = """
<mark class="entity" style="background: {colour}; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; \
border-radius: 0.35em;">
    {text}
    <span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: \
middle; margin-left: 0.5rem">{label}</span>
</mark>
"""


def _entities_html(text: str, entities: list[tuple[int, int, str]], colours: dict[str, str]) -> str:
    """``text`` with each ``(start, end, label)`` marked and labelled as displaCy marks entities (the same
    HTML: a test compares them): text escaped, line breaks as ``<br>``, ``colours`` by upper-case label."""

    def plain(piece: str) -> str:
        return "<br>".join(_displacy_escape(line) for line in piece.split("\n"))

    parts, offset = [], 0
    for start, end, label in entities:
        parts.append(plain(text[offset:start]))
        parts.append(_ENTITY.format(colour=colours[label.upper()], text=_displacy_escape(text[start:end]), label=label))
        offset = end
    parts.append(plain(text[offset:]))
    return _ENTITIES.format("".join(parts))


def _displacy_escape(text: str) -> str:
    """displaCy's escaping: ``&``, ``<``, ``>`` and ``"``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def show_actors(analysis: ArticleAnalysis | Article, **options):
    """Display :func:`actors_html` in a notebook."""
    from IPython.display import HTML

    return HTML(actors_html(analysis, **options))


_ROLE_STYLES = {
    "speaker": '<mark style="background:#cfe3ff">{}</mark>',
    "verb": "<b>{}</b>",
    "content": '<span style="text-decoration:underline;text-decoration-color:#c44e52">{}</span>',
}


def claims_html(article: Article, claims: list[Claim]) -> str:
    """Each claim in its sentence: speaker highlighted, verb bold, content underlined (text escaped)."""
    sentences = {s.index: s for s in article.sentences}
    items = []
    for claim in claims:
        sentence = sentences[claim.sentence_index]
        start, end = min(sentence.start, claim.start), max(sentence.end, claim.end)
        roles = [None] * (end - start)
        spans = [("content", claim.content_start, claim.content_end), ("verb", claim.verb_start, claim.verb_end)]
        if claim.speaker_start is not None:
            spans.append(("speaker", claim.speaker_start, claim.speaker_end))
        for role, a, b in spans:  # later roles win where spans overlap
            roles[a - start:b - start] = [role] * (b - a)
        parts, run_start = [], 0
        for i in range(1, len(roles) + 1):
            if i == len(roles) or roles[i] != roles[run_start]:
                piece = escape(article.text[start + run_start:start + i])
                role = roles[run_start]
                parts.append(_ROLE_STYLES[role].format(piece) if role else piece)
                run_start = i
        who = escape(claim.speaker_name or claim.speaker or "(unattributed)")
        marks = (", hedged" if claim.hedged else "") + (", negated" if claim.negated else "")
        note = escape(f"{claim.category}{marks}; {claim.speaker_rule}")
        items.append(f'<li><small style="color:#888">¶{claim.paragraph_id} · s{claim.sentence_index} · '
                     f"chars {claim.start}–{claim.end}</small> <b>{who}</b> <small>({note})</small><br>"
                     f"{''.join(parts)}</li>")
    return "<ol>" + "\n".join(items) + "</ol>"
