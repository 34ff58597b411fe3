"""The briefing a reader opens first (``index.html``) and the article page its evidence links point into.

Both are views of one :class:`~analysis.pipeline.ArticleAnalysis`, computing nothing: every line of the
briefing is written from the analysis's records (never hand-written text about an article), and every item
links to its evidence, a paragraph of ``article.html`` (``article.html#p7``: numbered paragraphs, actor
mentions and dates highlighted) or the notebook page that explains it. Article text is always escaped;
the pages carry no script and a Content-Security-Policy that forbids scripts and network fetches.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .. import __version__
from ..schema import AnalysisResult, Claim

if TYPE_CHECKING:  # importing it imports spaCy: the report starts its kernels first
    from ..pipeline import ArticleAnalysis

ARTICLE_PAGE = "article.html"
TOP_ACTORS = 10  # rows of the key-actors table
MAIN_ACTORS = 5  # actors named in the "at a glance" lines
CLAIM_WORDS = 40  # a claim's content is cut after this many words (its paragraph holds the rest)
# Which notebook explains which part of the briefing, by the stem of its file.
EXPLAINED_BY = {"article": "01_parse_article", "themes": "02_topic_clustering", "actors": "03_actors_and_themes",
                "timeline": "04_timeline_and_claims", "claims": "04_timeline_and_claims"}
CATEGORIES = ("asserted", "reported", "denied")

STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}
h1{margin-bottom:.2em} .meta{color:#555;margin-top:0} table{border-collapse:collapse;margin:.5em 0}
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4} a{color:#1f5fa8} .tag{font-size:80%;padding:0 .35em;border-radius:.3em;margin-left:.3em}
.denied{background:#f6d5d5} .hedged{background:#fbeec2} .reported{background:#e4e4f4} .asserted{background:#dff0df}
figure{margin:1em 0} figure img{max-width:100%} figcaption{color:#555;font-size:90%}
.warnings li{color:#8a4b00} footer{color:#666;font-size:90%;margin-top:2em;border-top:1px solid #ddd}
.para{margin:.6em 0;padding:.2em .4em} .para:target{background:#fff3bf} .num{color:#888;font-size:80%;margin-right:.4em}
mark{padding:0 .1em;border-radius:.2em} .date{border-bottom:2px solid #c44e52}"""
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; connect-src 'none'; "
       "form-action 'none'")


@dataclass(frozen=True)
class Link:
    """A page or file of the report the briefing links to: its label, its address, what it shows, and its
    other form (a reader's page's page with code, a CSV table's Parquet file)."""

    label: str
    href: str
    note: str = ""
    alternate: str = ""


def paragraph_href(paragraph_id: int) -> str:
    """The evidence link of a paragraph: its anchor on the article page."""
    return f"{ARTICLE_PAGE}#p{paragraph_id}"


def html_page(title: str, body: str) -> str:
    """A complete, script-free page with the report's style."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n")


def _a(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def paragraph_links(paragraph_ids) -> str:
    """``¶0–3, ¶7``: runs of consecutive paragraphs, each linked to its first paragraph."""
    runs: list[list[int]] = []
    for paragraph_id in sorted(set(paragraph_ids)):
        if runs and paragraph_id == runs[-1][-1] + 1:
            runs[-1].append(paragraph_id)
        else:
            runs.append([paragraph_id])
    return ", ".join(_a(paragraph_href(run[0]), f"¶{run[0]}" + (f"–{run[-1]}" if len(run) > 1 else ""))
                     for run in runs)


def _cut(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def inline_code(text: str) -> str:
    """``text`` escaped, its Markdown code spans (```name```) as ``<code>``: a notebook's summary shown as HTML."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _dateline(result: AnalysisResult, analysis: ArticleAnalysis) -> str | None:
    """The dateline, when the analysis records one (a newer field: read defensively), without its closing dash."""
    for holder in (result.source, analysis.article.source):
        value = getattr(holder, "dateline", None)
        if value:
            return str(getattr(value, "text", value)).rstrip(" -–—")
    return None


def shown_title(analysis: ArticleAnalysis) -> str:
    """The title, with an ellipsis when it is the article's first sentence cut short (no title line)."""
    article = analysis.article
    first = article.paragraphs[0].sentences[0] if article.paragraphs and article.paragraphs[0].sentences else None
    cut = article.title_source == "first sentence" and first is not None and article.title_end < first.end
    return article.title + (" …" if cut else "")


def publication_note(analysis: ArticleAnalysis) -> str:
    """The publication date as given (option or HTML metadata); else the date relative dates were counted
    from and where it came from (the dateline, the file name's timestamp), so "last week" can be checked."""
    stated = analysis.published.isoformat() if analysis.published else analysis.article.source.published
    if stated:
        return f"published {escape(stated)}"
    anchor = analysis.publication_date
    if anchor is None:
        return "publication date not given"
    dateline = analysis.dateline
    origin = "the dateline" if dateline is not None and dateline.date_value else "the file name's timestamp"
    return f"publication date not given; relative dates count from {anchor.isoformat()} ({origin})"


def _explained(pages: dict[str, Link], part: str) -> str:
    """A line linking the notebook page that explains a part of the briefing, when that notebook was rendered."""
    link = pages.get(EXPLAINED_BY[part])
    return f'\n<p class="meta">How these were found: {_a(link.href, link.label)}</p>' if link else ""


# --- the "at a glance" lines ----------------------------------------------------------------


def glance_lines(result: AnalysisResult) -> list[str]:
    """The briefing's summary, one HTML line per fact, each with links to its evidence."""
    lines = []
    people = [actor for actor in result.actors if actor.type == "person"][:MAIN_ACTORS]
    others = [actor for actor in result.actors if actor.type != "person"][:MAIN_ACTORS]
    for label, actors in (("Main people", people), ("Main states and organisations", others)):
        if actors:
            lines.append(f"<b>{label}</b>: " + "; ".join(map(_actor_line, actors)) + ".")
    if not result.actors:
        lines.append("<b>No actors</b> found.")
    if len(result.themes) > 1:
        lines.append(f"<b>{len(result.themes)} themes</b>: " + "; ".join(
            f"{escape(theme.label)} ({paragraph_links(theme.paragraph_ids)})" for theme in result.themes) + ".")
    elif result.themes:
        theme = result.themes[0]
        lines.append(f"<b>One theme</b>: {escape(theme.label)} ({paragraph_links(theme.paragraph_ids)}).")
    if result.events:
        first = min(result.events, key=lambda e: (e.range_start, e.start))
        last = max(result.events, key=lambda e: (e.range_end, -e.start))
        start, end = (_a(paragraph_href(e.paragraph_id), e.date_text) for e in (first, last))
        lines.append(f"<b>Period covered</b>: {escape(first.range_start)} ({start}) to {escape(last.range_end)} "
                     f"({end}), {_plural(len(result.events), 'dated sentence')}.")
    else:
        lines.append("<b>Period covered</b>: no sentence holds a resolved date.")
    counts = Counter(claim.category for claim in result.claims)
    hedged = sum(claim.hedged for claim in result.claims)
    lines.append(f"<b>{_a('#who-said-what', _plural(len(result.claims), 'claim'))}</b>: "
                 + ", ".join(f"{counts.get(category, 0)} {category}" for category in CATEGORIES)
                 + f"; {hedged} hedged.")
    lines.append(f"<b>{_a('#warnings', _plural(len(result.warnings), 'warning'))}</b>"
                 + (": " + "; ".join(escape(w) for w in result.warnings) + "." if result.warnings
                    else ": every stage could be computed."))
    return lines


def _actor_line(actor) -> str:
    """``Name (role; affiliation), N mentions``, the name linked to the first paragraph that mentions it."""
    details = [*actor.roles[:2], *([actor.affiliation] if actor.affiliation else [])]
    extra = f" ({escape('; '.join(details))})" if details else ""
    name = _a(paragraph_href(actor.paragraph_ids[0]), actor.name) if actor.paragraph_ids else escape(actor.name)
    return f"{name}{extra}, {_plural(actor.mention_count, 'mention')}"


# --- the tables and lists -------------------------------------------------------------------


def key_actors_html(result: AnalysisResult) -> str:
    """The most mentioned actors: name, type, roles, affiliation, mentions and the paragraphs that mention each."""
    if not result.actors:
        return "<p>No actors found.</p>"
    rows = "\n".join(
        f"<tr><td>{escape(a.name)}</td><td>{escape(a.type)}</td><td>{escape('; '.join(a.roles))}</td>"
        f"<td>{escape(a.affiliation or '')}</td><td>{a.mention_count}</td>"
        f"<td>{paragraph_links(a.paragraph_ids)}</td></tr>"
        for a in result.actors[:TOP_ACTORS]
    )
    more = (f"<p>{len(result.actors) - TOP_ACTORS} more in the actors table (see {_a('#tables', 'Tables')}).</p>"
            if len(result.actors) > TOP_ACTORS else "")
    return ("<table><thead><tr><th>actor</th><th>type</th><th>roles</th><th>affiliation</th><th>mentions</th>"
            f"<th>paragraphs</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table>{more}")


def speaker_name(claim: Claim) -> str:
    return claim.speaker_name or claim.speaker or "(unattributed)"


def claim_html(claim: Claim) -> str:
    """One claim: its paragraph link, verb and content, and its category, hedging and negation marked."""
    tags = f'<span class="tag {claim.category}">{claim.category}</span>'
    if claim.hedged:
        tags += '<span class="tag hedged">hedged</span>'
    if claim.negated:  # "has not claimed responsibility": the speaker did not say it
        tags += '<span class="tag negated">not said</span>'
    return (f"<li>{_a(paragraph_href(claim.paragraph_id), f'¶{claim.paragraph_id}')} "
            f"<i>{escape(claim.verb)}</i>: {escape(_cut(claim.content, CLAIM_WORDS))}{tags}</li>")


def who_said_what_html(result: AnalysisResult) -> str:
    """Each speaker's claims, speakers in order of their first claim."""
    if not result.claims:
        return "<p>No claims found.</p>"
    by_speaker: dict[str, list[Claim]] = {}
    for claim in result.claims:
        by_speaker.setdefault(speaker_name(claim), []).append(claim)
    return "\n".join(f"<h3>{escape(name)}</h3>\n<ul>\n" + "\n".join(map(claim_html, claims)) + "\n</ul>"
                     for name, claims in by_speaker.items())


def figure_html(png: bytes, caption: str, page: Link | None) -> str:
    """A chart as an embedded PNG (a data URI: nothing to fetch) with its caption."""
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    explained = f" ({_a(page.href, page.label)})" if page else ""
    return (f'<figure><img src="{source}" alt="{escape(caption)}">'
            f"<figcaption>{escape(caption)}{explained}</figcaption></figure>")


def chart_pngs(analysis: ArticleAnalysis) -> dict[str, bytes]:
    """The briefing's charts, drawn by :mod:`analysis.charts`: the timeline and, with two themes or more, the
    theme flow (the explorer's default charts and the notebooks' own: drawn once for all,
    :func:`~analysis.charts.chart_png`)."""
    from ..charts import chart_png
    from ..charts.themes import plot_theme_flow
    from ..charts.timeline import plot_timeline

    charts = {"timeline": chart_png(plot_timeline, analysis.events)}
    if analysis.themes.n_themes_ > 1:  # one theme has no flow: a chart of one row says nothing
        charts["themes"] = chart_png(plot_theme_flow, analysis.themes, analysis.article)
    return charts


def theme_flow_html(charts: dict[str, bytes], page: Link | None) -> str:
    """The theme-flow chart, or a line saying why there is none (a single theme runs through the article)."""
    if "themes" in charts:
        return figure_html(charts["themes"], "The theme of each paragraph, in reading order", page)
    explained = f" ({_a(page.href, page.label)})" if page else ""
    return f"<p>One theme runs through every paragraph: there is no flow between themes to draw{explained}.</p>"


def briefing_html(analysis: ArticleAnalysis, *, pages: dict[str, Link], tables: list[Link], built: str,
                  charts: dict[str, bytes] | None = None) -> str:
    """The one-page briefing. ``pages`` maps a notebook's stem to the link of its reader's page; ``tables``
    are the CSV and Parquet files written beside it; ``charts`` are :func:`chart_pngs` when already drawn."""
    result = analysis.result()
    source = result.source
    title = shown_title(analysis)
    meta = [f"Source: <code>{escape(_input_name(source.path))}</code> ({escape(source.format)})",
            publication_note(analysis)]
    dateline = _dateline(result, analysis)
    if dateline:
        meta.append(f"dateline {escape(dateline)}")
    glance = "\n".join(f"<li>{line}</li>" for line in glance_lines(result))
    charts = charts or chart_pngs(analysis)
    warnings = ("<ul class=\"warnings\">" + "".join(f"<li>{escape(w)}</li>" for w in result.warnings) + "</ul>"
                if result.warnings else "<p>None: every stage could be computed.</p>")
    page_items = "\n".join(
        f"<li>{_a(link.href, link.label)}" + (f" ({_a(link.alternate, 'with code')})" if link.alternate else "")
        + (f"<br><span class=\"meta\">{inline_code(link.note)}</span>" if link.note else "") + "</li>"
        for link in pages.values())
    table_items = "\n".join(f"<li>{escape(link.label)}: {_a(link.href, 'CSV')} · {_a(link.alternate, 'Parquet')}"
                            f' <span class="meta">({escape(link.note)})</span></li>' for link in tables)
    body = f"""<h1>Briefing: {escape(title)}</h1>
<p class="meta">{' · '.join(meta)} · {_a(ARTICLE_PAGE, 'the article with numbered paragraphs')}</p>
<h2 id="at-a-glance">At a glance</h2>
<ul>
{glance}
</ul>
<h2 id="key-actors">Key actors</h2>{_explained(pages, "actors")}
{key_actors_html(result)}
<h2 id="who-said-what">Who said what</h2>{_explained(pages, "claims")}
{who_said_what_html(result)}
<h2 id="timeline">Timeline</h2>
{figure_html(charts["timeline"], "Dated events in the article, in date order", pages.get(EXPLAINED_BY["timeline"]))}
<h2 id="theme-flow">Theme flow</h2>
{theme_flow_html(charts, pages.get(EXPLAINED_BY["themes"]))}
<h2 id="warnings">What could not be computed or is unreliable</h2>
{warnings}
<h2 id="pages">The analysis in detail</h2>
<ul>
{page_items}
</ul>
<h2 id="tables">Tables</h2>
<p>The tables behind this briefing, to sort or reuse:</p>
<ul>
{table_items}
</ul>
<footer>analysis {escape(__version__)} · input <code>{escape(_input_name(source.path))}</code>, SHA-256
<code>{escape(source.sha256 or "")}</code> · built {escape(built)}</footer>"""
    return html_page(f"Briefing: {title}", body)


def _input_name(path: str | None) -> str:
    """The input's file name (never its folder: a shared page carries no local path)."""
    from pathlib import PurePath

    return PurePath(path).name if path else "(text given directly)"


# --- the article page -----------------------------------------------------------------------


def _marked_paragraph(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """``text[start:end]`` escaped, each of ``spans`` (start, end, opening tag, closing tag) wrapped in its tags;
    a span overlapping an earlier one is left unmarked."""
    parts, position = [], start
    for span_start, span_end, opening, closing in spans:
        if span_start < position or span_end > end:
            continue
        parts += [escape(text[position:span_start]), opening, escape(text[span_start:span_end]), closing]
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def article_page_html(analysis: ArticleAnalysis) -> str:
    """The article as analysed: headings, numbered paragraphs with an anchor each (``#p7``), actor mentions
    (``mark``, the actor's name on hover) and date expressions (underlined, their value on hover)."""
    from ..colours import TYPE_COLOURS

    article, extraction = analysis.article, analysis.actors
    actors = {actor.id: actor for actor in extraction.actors}
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for mention in extraction.mentions:
        if mention.paragraph_id is not None:
            actor = actors[mention.actor_id]
            tag = (f'<mark style="background:{TYPE_COLOURS[actor.type]}40" '
                   f'title="{escape(actor.name)} ({escape(actor.type)})">')
            spans.setdefault(mention.paragraph_id, []).append((mention.start, mention.end, tag, "</mark>"))
    for found in analysis.dates:
        tag = f'<span class="date" title="{escape(found.value or "unresolved")}">'
        spans.setdefault(found.paragraph_id, []).append((found.start, found.end, tag, "</span>"))
    parts = [f"<h1>{escape(article.title)}</h1>",
             f'<p class="meta">{_a("index.html", "back to the briefing")} · highlighted: actor mentions '
             "(coloured by type, the actor on hover) and dates (underlined, the value on hover)</p>"]
    for section in article.sections:
        if section.heading is not None:
            parts.append(f"<h2>{escape(section.heading)}</h2>")
        for paragraph_id in section.paragraph_ids:
            paragraph = article.paragraphs[paragraph_id]
            marked = _marked_paragraph(article.text, paragraph.start, paragraph.end,
                                       sorted(spans.get(paragraph_id, []), key=lambda span: (span[0], -span[1])))
            number = f'<a class="num" href="#p{paragraph_id}">¶{paragraph_id}</a>'
            parts.append(f'<p class="para" id="p{paragraph_id}">{number}{marked}</p>')
    return html_page(f"Article: {article.title}", "\n".join(parts))
