"""An interactive explorer of one article for JupyterLab (ipywidgets): pick an actor, move the number of themes.

The data flow: the article → its (cached) actors, claims, dated events and a paragraph theme clustering →
escaped HTML views and PNG charts inside widgets. Choosing an actor narrows the highlighted mentions,
lists the actor's mentions and claims with paragraph and sentence, and lights up its neighbours in the
co-occurrence network and its events in the timeline; the theme slider re-clusters the paragraphs.

Article text reaches a widget only escaped (``html.escape``, the actor view's escaping, pandas').
Where no live kernel draws the widget (the rendered report), :meth:`Explorer._repr_mimebundle_`
offers the default view as static HTML with the charts embedded as PNG.

>>> from analysis import load_article
>>> from analysis.explorer import explore
>>> app = explore(load_article("Talks\\n\\nRussian President Vladimir Putin met NATO officials. Putin left."))
>>> app.actor_dropdown.value = app.actor_dropdown.options[1][1]
>>> app.text_view.value.count("<mark")
2
"""

from __future__ import annotations

import base64
import os
from html import escape

import ipywidgets as widgets

from .actors import cooccurrences
from .article import Article
from .charts import chart_png
from .charts.actors import plot_cooccurrence_network
from .charts.themes import plot_theme_flow, plot_theme_map
from .charts.timeline import plot_timeline
from .display import actors_html, claims_html
from .pipeline import ArticleAnalysis
from .tables import paragraph_theme_table, theme_table
from .themes import article_themes

LIVE_NOTE = ("Static view of the explorer (all actors, the default number of themes). The live explorer "
             "(actor dropdown, theme slider) needs a running kernel: open this notebook in JupyterLab "
             "(<code>jupyter lab notebooks/</code>) and run it.")
MAX_SLIDER_THEMES = 12


class Explorer(widgets.VBox):
    """The explorer app: an actor dropdown above three tabs (Text, Themes, Network and timeline).

    Parameters
    ----------
    analysis : ArticleAnalysis or Article
        The analysis shown (an Article is analysed with ``k``, ``random_state`` and ``published``;
        an ArticleAnalysis is shown with its own options).
    k : int or None
        Initial number of themes; None lets :class:`~analysis.themes.ThemeClustering` choose.
    random_state : int
        Seed of the theme clustering and of the network's tie order.
    published : str or None
        Publication date (``YYYY-MM-DD``) that anchors the dates; None reads it from the source.

    Attributes
    ----------
    actor_dropdown : Dropdown, value None (all actors) or an actor id.
    text_view : HTML, the article with the chosen mentions highlighted.
    mention_list : HTML, the chosen actor's details, mentions and claims.
    k_slider : IntSlider, the number of themes. theme_model : the fitted ThemeClustering shown.
    theme_summary, stability_view : HTML tables of the themes and of each paragraph's theme and stability.
    theme_map, theme_flow, network, timeline : PNG Images of the charts.
    neighbour_list, event_list : HTML lists of the chosen actor's neighbours and dated events.
    """

    def __init__(self, analysis: ArticleAnalysis | Article, *, k: int | None = None, random_state: int = 0,
                 published: str | None = None):
        super().__init__()
        if not isinstance(analysis, ArticleAnalysis):
            analysis = ArticleAnalysis(analysis, n_themes=k, random_state=random_state, published=published)
        self.analysis, self.article, self.random_state = analysis, analysis.article, analysis.random_state
        self.extraction, self.claims, self.events = analysis.actors, analysis.claims, analysis.events
        actors = self.extraction.actors
        self.cooccurrences = cooccurrences(self.extraction)
        self.theme_model = analysis.themes
        options = [("All actors", None)] + [(f"{a.name} ({a.type}, {a.mention_count})", a.id) for a in actors]
        self.actor_dropdown = widgets.Dropdown(options=options, value=None, description="Actor")
        self.text_view, self.mention_list = widgets.HTML(), widgets.HTML()
        most = max(self.theme_model.n_themes_, min(len(self.article.paragraphs), MAX_SLIDER_THEMES))
        self.k_slider = widgets.IntSlider(value=self.theme_model.n_themes_, min=1, max=most,
                                          description="Themes", continuous_update=False)
        self.theme_summary, self.stability_view = widgets.HTML(), widgets.HTML()
        self.theme_map, self.theme_flow = widgets.Image(format="png"), widgets.Image(format="png")
        self.network, self.timeline = widgets.Image(format="png"), widgets.Image(format="png")
        self.neighbour_list, self.event_list = widgets.HTML(), widgets.HTML()
        tabs = widgets.Tab(children=[
            widgets.VBox([self.mention_list, self.text_view]),
            widgets.VBox([self.k_slider, self.theme_summary, self.theme_map, self.theme_flow, self.stability_view]),
            widgets.VBox([self.neighbour_list, self.network, self.event_list, self.timeline]),
        ])
        tabs.titles = ("Text", "Themes", "Network and timeline")
        self.children = [self.actor_dropdown, tabs]
        self._show_actor(None)
        self._show_themes(self.theme_model)
        self.actor_dropdown.observe(lambda change: self._show_actor(change["new"]), names="value")
        self.k_slider.observe(lambda change: self._recluster(change["new"]), names="value")

    def _show_actor(self, actor_id: str | None) -> None:
        """Narrow the highlight, the lists, the network and the timeline to one actor (None: all)."""
        self.text_view.value = actors_html(self.analysis, actor_id=actor_id)
        self.mention_list.value = self._actor_details(actor_id)
        self.neighbour_list.value = self._neighbours(actor_id)
        events = [e for e in self.events if actor_id is None or actor_id in e.actor_ids]
        self.event_list.value = _event_items(events, actor_id)
        self.network.value = chart_png(
            plot_cooccurrence_network, self.analysis, random_state=self.random_state, highlight=actor_id
        )
        self.timeline.value = chart_png(plot_timeline, self.events, highlight=actor_id)

    def _recluster(self, n_themes: int) -> None:
        """Re-cluster the paragraphs into ``n_themes`` themes and redraw the theme views."""
        self._show_themes(article_themes(self.article, n_themes=n_themes, random_state=self.random_state))

    def _show_themes(self, model) -> None:
        self.theme_model = model
        self.theme_summary.value = (f"<p><b>{model.n_themes_} themes</b> ({escape(model.k_reason_)})</p>"
                                    + theme_table(self.article, model).to_html())
        self.stability_view.value = ("<p>Each paragraph's theme and stability (share of re-clusterings that "
                                     "keep it there)</p>" + paragraph_theme_table(self.article, model).to_html())
        # Drawn once per analysis for the analysis's own themes (its notebook shows the same charts).
        self.theme_map.value = chart_png(plot_theme_map, model)
        self.theme_flow.value = chart_png(plot_theme_flow, model, self.article)

    def _actor_details(self, actor_id: str | None) -> str:
        """The actor's type, roles, affiliation and code, each mention in its sentence, and its claims."""
        if actor_id is None:
            return (f"<p>{len(self.extraction.mentions)} mentions of {len(self.extraction.actors)} actors "
                    "highlighted; choose an actor to list its mentions and claims.</p>")
        actor = self.extraction.actor(actor_id)
        facts = [("type", actor.type), ("roles", "; ".join(actor.roles) or "none stated"),
                 ("affiliation", actor.affiliation or "none stated"), ("code", actor.code or "none")]
        mentions = self.extraction.mentions_of(actor_id)
        sentences = {sentence.index: sentence for sentence in self.article.sentences}
        claims = [c for c in self.claims if actor_id in {c.speaker_id, *(s.speaker_id for s in c.speakers)}]
        return (f"<h4>{escape(actor.name)}</h4><p>"
                + " · ".join(f"<b>{name}</b>: {escape(value)}" for name, value in facts)
                + f"</p><p><b>{len(mentions)} mentions</b></p><ol class=\"mentions\">"
                + "".join(_mention_item(self.article, m, sentences) for m in mentions)
                + f"</ol><p><b>{len(claims)} claims</b></p>" + claims_html(self.article, claims))

    def _neighbours(self, actor_id: str | None) -> str:
        """The actors that share a sentence with the chosen one, most shared sentences first."""
        if actor_id is None:
            return "<p>Choose an actor to light up its neighbours and its events.</p>"
        shared = {(b if a == actor_id else a): n for (a, b), n in self.cooccurrences.items() if actor_id in (a, b)}
        names = [f"{escape(self.extraction.actor(other).name)} ({n})"
                 for other, n in sorted(shared.items(), key=lambda item: -item[1])]
        return f"<p><b>Shares sentences with</b> ({len(names)}): {', '.join(names) or 'no other actor'}</p>"

    def static_html(self) -> str:
        """The current view as static HTML (escaped text, charts as PNG data URIs), for pages without a kernel."""
        images = "".join(f'<img alt="{name}" src="data:image/png;base64,{base64.b64encode(image.value).decode()}">'
                         for name, image in [("theme map", self.theme_map), ("theme flow", self.theme_flow),
                                             ("network", self.network), ("timeline", self.timeline)])
        return (f"<div class=\"explorer-static\"><p><i>{LIVE_NOTE}</i></p>{self.mention_list.value}"
                f"{self.text_view.value}{self.theme_summary.value}{images}</div>")

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, and :meth:`static_html` for renderers that cannot run it."""
        data = super()._repr_mimebundle_(**kwargs)
        data["text/html"] = self.static_html()
        return data


def _mention_item(article: Article, mention, sentences: dict) -> str:
    """One mention as a list item: where it is and its sentence (``sentences``: index → Sentence), marked."""
    where = (f"¶{mention.paragraph_id} · s{mention.sentence_index}" if mention.sentence_index is not None
             else "title or heading")
    sentence = sentences.get(mention.sentence_index)
    start, end = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
    text = article.text
    return (f'<li><small style="color:#888">{where} · chars {mention.start}–{mention.end}</small> '
            f"{escape(text[start:mention.start])}<mark>{escape(text[mention.start:mention.end])}</mark>"
            f"{escape(text[mention.end:end])}</li>")


def _event_items(events, actor_id: str | None) -> str:
    """The dated events as a list: date, paragraph, sentence (escaped)."""
    heading = "Dated events" if actor_id is None else "Dated events that mention this actor"
    items = "".join(f'<li><b>{escape(e.value)}</b> ({escape(e.date_text)}, ¶{e.paragraph_id}): {escape(e.text)}</li>'
                    for e in events)
    return f"<p><b>{heading}</b> ({len(events)})</p><ol>{items}</ol>"


def explore(source: ArticleAnalysis | Article | str | os.PathLike, *, k: int | None = None, random_state: int = 0,
            published: str | None = None) -> Explorer:
    """The interactive explorer (an ipywidgets :class:`Explorer`) of an analysis, an article or an article path."""
    if not isinstance(source, ArticleAnalysis | Article):
        source = ArticleAnalysis.load(source, n_themes=k, random_state=random_state, published=published)
    return Explorer(source, k=k, random_state=random_state, published=published)
