"""Charts of the article's actors: who is mentioned, where, with whom, and as whom.

Each function takes an Article, reads its (cached) actor extraction and returns a Figure.
``include_adjectival=False`` leaves out demonym mentions ("Russian forces") of states.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import Patch

from ..actors import cooccurrences
from ..article import Article
from ..pipeline import ArticleAnalysis, as_analysis
from ..schema import ActorExtraction
from . import (
    FONT_SIZE,
    TYPE_COLOURS,
    count_colorbar,
    drawn_once,
    mark_sections,
    new_figure,
    paragraph_ticks,
    section_boundaries,
    shorten,
)

_LABEL_CHARS = 28


def _counts(extraction: ActorExtraction, include_adjectival: bool) -> dict[str, int]:
    """Mentions per actor id, with or without adjectival mentions."""
    counts: dict[str, int] = {}
    for mention in extraction.mentions:
        if include_adjectival or not mention.adjectival:
            counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
    return counts


def _top_actors(extraction: ActorExtraction, counts: dict[str, int], top: int):
    """The ``top`` most mentioned actors (ties in order of the extraction), those with a mention."""
    ranked = sorted((a for a in extraction.actors if counts.get(a.id)), key=lambda a: -counts[a.id])
    return ranked[:top]


def _type_legend(ax, types, **options) -> None:
    handles = [Patch(color=TYPE_COLOURS[kind], label=kind) for kind in TYPE_COLOURS if kind in set(types)]
    ax.legend(handles=handles, title="Actor type", **options)


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


@drawn_once
def plot_mention_counts(analysis: ArticleAnalysis | Article, *, top: int = 20, include_adjectival: bool = True):
    """Horizontal bars: mentions per actor, most mentioned at the top, coloured by actor type."""
    analysis = as_analysis(analysis)
    extraction = analysis.actors
    counts = _counts(extraction, include_adjectival)
    actors = _top_actors(extraction, counts, top)
    figure, ax = new_figure(width=9, height=max(3.0, 0.32 * len(actors) + 1.5))
    if not actors:
        _empty(ax, "No actors found")
        return figure
    positions = np.arange(len(actors))
    ax.barh(positions, [counts[a.id] for a in actors], color=[TYPE_COLOURS[a.type] for a in actors])
    ax.set_yticks(positions, [shorten(a.name, _LABEL_CHARS) for a in actors])
    ax.invert_yaxis()
    ax.set_xlabel("Mentions" + ("" if include_adjectival else " (without adjectival mentions)"))
    shown = f"the {top} most mentioned of {len(counts)}" if len(counts) > top else f"all {len(actors)}"
    ax.set_title(f"Mentions per actor ({shown})")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _type_legend(ax, [a.type for a in actors], loc="lower right")
    return figure


@drawn_once
def plot_presence_grid(analysis: ArticleAnalysis | Article, *, top: int = 20, include_adjectival: bool = True):
    """Actors (rows, most mentioned first) × paragraphs (columns, reading order): mentions per cell.

    Dashed lines mark section starts, so an analyst sees who enters where and who carries on.
    """
    analysis = as_analysis(analysis)
    extraction = analysis.actors
    counts = _counts(extraction, include_adjectival)
    actors = _top_actors(extraction, counts, top)
    figure, ax = new_figure(width=min(16.0, max(8.0, 0.35 * len(analysis.article.paragraphs) + 4)),
                            height=max(3.0, 0.32 * len(actors) + 2))
    if not actors:
        _empty(ax, "No actors found")
        return figure
    row = {actor.id: n for n, actor in enumerate(actors)}
    grid = np.zeros((len(actors), len(analysis.article.paragraphs)))
    for mention in extraction.mentions:
        if mention.actor_id in row and mention.paragraph_id is not None \
                and (include_adjectival or not mention.adjectival):
            grid[row[mention.actor_id], mention.paragraph_id] += 1
    image = ax.imshow(grid, aspect="auto", cmap="Blues", interpolation="nearest", vmin=0)
    ax.set_yticks(range(len(actors)), [shorten(a.name, _LABEL_CHARS) for a in actors])
    for label, actor in zip(ax.get_yticklabels(), actors):
        label.set_color(TYPE_COLOURS[actor.type])
    ax.set_xticks(paragraph_ticks(len(analysis.article.paragraphs), 0.6 * figure.get_size_inches()[0]))
    ax.set_xlabel("Paragraph (reading order)")
    ax.set_title("Where each actor appears", pad=18)
    mark_sections(ax, section_boundaries(analysis.article))
    count_colorbar(figure, image, ax, "Mentions in paragraph", shrink=0.8)
    return figure


@drawn_once
def plot_cooccurrence_network(analysis: ArticleAnalysis | Article, *, top: int = 20, include_adjectival: bool = True,
                              random_state: int = 0, highlight: str | None = None):
    """Actors that share a sentence: edge width by shared sentences, node size by mentions.

    Nodes sit on a circle (grouped by type, deterministic) with labels placed outside it, pointing
    away from the centre, so labels do not overlap each other or the edges. ``random_state`` only
    breaks ties in the order around the circle, for reproducibility. ``highlight`` (an actor id)
    keeps that actor, its neighbours and their links in full colour and fades the rest.
    """
    import networkx as nx  # here: a kernel that draws no network (the report draws it once) never loads it

    analysis = as_analysis(analysis)
    extraction = analysis.actors
    counts = _counts(extraction, include_adjectival)
    actors = _top_actors(extraction, counts, top)
    pairs = cooccurrences(extraction, include_adjectival=include_adjectival)
    graph = nx.Graph()
    rng = np.random.default_rng(random_state)
    tiebreak = {actor.id: value for actor, value in zip(actors, rng.random(len(actors)))}
    order = sorted(actors, key=lambda a: (list(TYPE_COLOURS).index(a.type), -counts[a.id], tiebreak[a.id]))
    graph.add_nodes_from(actor.id for actor in order)
    graph.add_weighted_edges_from((a, b, n) for (a, b), n in pairs.items() if a in graph and b in graph)
    figure, ax = new_figure(width=10, height=9)
    figure.suptitle("Actors mentioned in the same sentence", fontsize=FONT_SIZE + 2)  # above the outermost labels
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        _empty(ax, "No actors found")
        return figure
    positions = nx.circular_layout(graph)
    lit = set(graph) if highlight not in graph else {highlight, *graph[highlight]}
    widths = [1 + 1.5 * graph[a][b]["weight"] for a, b in graph.edges]
    edge_colours = ["#999" if highlight not in graph or highlight in (a, b) else "#e4e4e4" for a, b in graph.edges]
    nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color=edge_colours, alpha=0.7)
    by_id = {actor.id: actor for actor in actors}
    nx.draw_networkx_nodes(graph, positions, ax=ax, node_color=[TYPE_COLOURS[by_id[n].type] for n in graph],
                           node_size=[120 + 60 * counts[n] for n in graph], edgecolors="white",
                           alpha=[1.0 if n in lit else 0.2 for n in graph])
    for node, (x, y) in positions.items():
        angle = math.degrees(math.atan2(y, x))
        flip = 90 < abs(angle)
        ax.text(1.12 * x, 1.12 * y, shorten(by_id[node].name, 32), rotation=angle + (180 if flip else 0),
                rotation_mode="anchor", ha="right" if flip else "left", va="center", fontsize=FONT_SIZE - 1,
                color="black" if node in lit else "#bbb", fontweight="bold" if node == highlight else "normal")
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.9, 1.9)
    ax.set_aspect("equal")
    _type_legend(ax, [a.type for a in actors], loc="upper left", bbox_to_anchor=(0.0, 1.0))
    return figure


@drawn_once
def plot_role_grid(analysis: ArticleAnalysis | Article, *, top: int = 20):
    """Actors with a role or an affiliation (rows) by affiliation (columns); each cell names the role.

    Shows at a glance who speaks for which state, bloc or organisation, and in what capacity.
    """
    analysis = as_analysis(analysis)
    extraction = analysis.actors
    actors = [a for a in extraction.actors if a.roles or (a.affiliation and a.type in ("person", "organization"))]
    actors = actors[:top]
    affiliations = list(dict.fromkeys(a.affiliation or "(none stated)" for a in actors))
    figure, ax = new_figure(width=min(16.0, max(8.0, 2.2 * len(affiliations) + 3)),
                            height=max(3.0, 0.45 * len(actors) + 2))
    if not actors:
        _empty(ax, "No roles or affiliations found")
        return figure
    column = {name: n for n, name in enumerate(affiliations)}
    for n, actor in enumerate(actors):
        x = column[actor.affiliation or "(none stated)"]
        ax.scatter([x], [n], s=140, color=TYPE_COLOURS[actor.type], zorder=3)
        role = shorten("; ".join(actor.roles), 34) if actor.roles else "(no role stated)"
        ax.annotate(role, (x, n), xytext=(0, -11), textcoords="offset points", ha="center", va="top",
                    fontsize=FONT_SIZE - 3, color="#333")
    ax.set_xticks(range(len(affiliations)), [shorten(name, 22) for name in affiliations], rotation=20, ha="right")
    ax.set_yticks(range(len(actors)), [shorten(a.name, _LABEL_CHARS) for a in actors])
    ax.set_xlim(-0.6, len(affiliations) - 0.4)
    ax.set_ylim(len(actors) - 0.3, -0.7)
    ax.grid(True, color="#eee", zorder=0)
    ax.set_xlabel("Affiliation")
    ax.set_title("Roles by affiliation")
    _type_legend(ax, [a.type for a in actors], loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure
