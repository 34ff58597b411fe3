"""Charts of a corpus run: its articles, the actors across articles, and the article themes.

Each function takes a table written by :func:`analysis.corpus.run_corpus` (a DataFrame from
:func:`analysis.corpus.read_table`) and returns a matplotlib Figure.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from . import FONT_SIZE, new_figure, shorten

_LABEL_CHARS = 32
_PALETTE = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974",
            "#64b5cd")


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT_SIZE, wrap=True, transform=ax.transAxes)
    ax.set_axis_off()


def plot_corpus_overview(articles: pd.DataFrame):
    """Articles per collection (left) and the spread of article lengths in words (right)."""
    figure, (left, right) = new_figure(width=11, height=4.5, ncols=2)
    counts = articles["collection"].value_counts().sort_index(ascending=False)
    left.barh([shorten(name, _LABEL_CHARS) for name in counts.index], counts.to_numpy(), color=_PALETTE[0])
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_title("Articles per collection")
    left.set_xlabel("Articles")
    left.set_ylabel("Collection (folder or JSON-Lines file)")
    right.hist(articles["words"], bins=min(30, max(5, len(articles) // 5)), color=_PALETTE[1], edgecolor="white")
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_title(f"Article length ({len(articles)} articles)")
    right.set_xlabel("Words per article")
    right.set_ylabel("Articles")
    return figure


def plot_corpus_actors(actors: pd.DataFrame, *, top: int = 15):
    """The ``top`` actors by the number of articles they appear in, coloured by actor type."""
    figure, ax = new_figure(width=9, height=max(3.0, 0.35 * min(top, len(actors)) + 1.5))
    if actors.empty:
        _empty(ax, "No actors in this corpus's tables.")
        return figure
    shown = actors.sort_values(["articles", "mention_count", "name"], ascending=[False, False, True]).head(top)
    shown = shown.iloc[::-1]  # largest at the top
    colours = {kind: _PALETTE[i % len(_PALETTE)] for i, kind in enumerate(sorted(actors["type"].dropna().unique()))}
    ax.barh([shorten(name, _LABEL_CHARS) for name in shown["name"]], shown["articles"],
            color=[colours.get(kind, "#8c8c8c") for kind in shown["type"]])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Actors across the corpus (top {len(shown)} by articles)")
    ax.set_xlabel("Articles mentioning the actor")
    handles = [Patch(color=colour, label=kind) for kind, colour in colours.items() if kind in set(shown["type"])]
    ax.legend(handles=handles, title="Type", loc="lower right")
    return figure


def plot_article_themes(article_themes: pd.DataFrame):
    """How the corpus-level themes spread over the collections: articles per collection and theme."""
    figure, ax = new_figure(width=10, height=4.5)
    if article_themes.empty:
        _empty(ax, "No articles to show.")
        return figure
    table = pd.crosstab(article_themes["collection"], article_themes["theme"]).sort_index(ascending=False)
    left = pd.Series(0, index=table.index)
    for i, theme in enumerate(table.columns):
        ax.barh([shorten(name, _LABEL_CHARS) for name in table.index], table[theme], left=left,
                color=_PALETTE[i % len(_PALETTE)], label=f"theme {theme}")
        left += table[theme]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Article themes by collection")
    ax.set_xlabel("Articles")
    ax.set_ylabel("Collection")
    ax.legend(title="Theme", loc="center left", bbox_to_anchor=(1.01, 0.5))
    return figure
