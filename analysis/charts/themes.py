"""Charts of the themes: where paragraphs sit, what names the themes, how they flow, who carries them.

Each function takes a fitted :class:`~analysis.themes.ThemeClustering` (and the article where
reading order or sections matter) and returns a Figure.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from matplotlib import colormaps

from ..article import Article
from ..clustering import principal_components
from ..themes import ThemeClustering
from . import FONT_SIZE, count_colorbar, drawn_once, mark_sections, new_figure, paragraph_ticks, section_boundaries

_PALETTE = colormaps["tab10"]
MAX_LABELLED_POINTS = 60
_FLOW_MAX_WIDTH = 10.0  # inches: 1000 px at 100 dpi, about the briefing column (60em), so fonts stay at size


def theme_colour(theme: int):
    """The colour of a theme, the same in every chart."""
    return _PALETTE(theme % 10)


def _legend_label(model: ThemeClustering, theme: int) -> str:
    return f"T{theme}: {model.theme_label(theme)}"


@drawn_once
def plot_theme_map(model: ThemeClustering, *, item_labels: list[str] | None = None):
    """The texts on a 2-D map (PCA of their LSA vectors), coloured by theme, each labelled (up to 60).

    Texts close together use similar words; a text far from its theme's colour group is a weak member.
    """
    n = len(model.labels_)
    item_labels = item_labels or [f"¶{i}" for i in range(n)]
    points = np.zeros((n, 2))
    if n > 2 and model.embedding_.shape[1] >= 2:
        points = principal_components(model.embedding_, 2)
    elif n == 2:
        points[:, 0] = [-1, 1]
    figure, ax = new_figure(width=9, height=6)
    for theme in range(model.n_themes_):
        members = model.labels_ == theme
        ax.scatter(points[members, 0], points[members, 1], s=90, color=theme_colour(theme),
                   label=_legend_label(model, theme), edgecolor="white", zorder=3)
    if n <= MAX_LABELLED_POINTS:  # beyond that, labels would hide the points
        for (x, y), label in _joined_labels(points, item_labels):
            ax.annotate(label, (x, y), xytext=(5, 4), textcoords="offset points", fontsize=FONT_SIZE - 2)
    ax.set_title("Paragraphs mapped by their words, coloured by theme")
    ax.set_xlabel("First principal component (LSA)")
    ax.set_ylabel("Second principal component (LSA)")
    # Below the map, not beside it: long theme labels would squeeze the map and push its title off the figure.
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.12), frameon=False, ncol=1 if model.n_themes_ <= 4 else 2)
    return figure


def _joined_labels(points: np.ndarray, labels: list[str], *, closeness: float = 0.04):
    """(position, label) per group of points closer than ``closeness`` × the map's extent: texts that
    land on one spot get one label ("¶5, ¶8") instead of labels printed over each other."""
    extent = float(np.ptp(points, axis=0).max()) or 1.0
    groups: list[tuple[np.ndarray, list[str]]] = []
    for point, label in zip(points, labels):
        group = next((g for g in groups if np.linalg.norm(g[0] - point) < closeness * extent), None)
        if group is None:
            groups.append((point, [label]))
        else:
            group[1].append(label)
    return [(tuple(point), ", ".join(members)) for point, members in groups]


@drawn_once
def plot_top_terms(model: ThemeClustering, *, n_terms: int = 8):
    """The most distinctive terms of each theme (class-based TF-IDF), one panel per theme."""
    count = model.n_themes_
    columns = min(count, 3)
    rows = -(-count // columns)
    figure, axes = new_figure(width=4.2 * columns, height=2.8 * rows, nrows=rows, ncols=columns, squeeze=False)
    for theme, ax in enumerate(axes.ravel()):
        if theme >= count:
            ax.set_visible(False)
            continue
        terms = model.terms_[theme][:n_terms][::-1]
        scores = model.term_scores_[theme][:n_terms][::-1]
        ax.barh(range(len(terms)), scores, color=theme_colour(theme))
        ax.set_yticks(range(len(terms)), terms)
        ax.set_title(f"Theme {theme} ({int((model.labels_ == theme).sum())} paragraphs)")
        ax.set_xlabel("c-TF-IDF score")
    figure.suptitle("What names each theme: its most distinctive terms")
    return figure


@drawn_once
def plot_similarity(model: ThemeClustering, article: Article | None = None):
    """Cosine similarity of every pair of paragraphs (LSA vectors), in reading order, sections marked."""
    similarity = model.embedding_ @ model.embedding_.T
    n = len(similarity)
    np.fill_diagonal(similarity, np.nan)  # self-similarity (1) would flatten the colour scale
    top = float(np.nanmax(similarity)) if n > 1 else 1.0
    figure, ax = new_figure(width=7.5, height=6.5)
    image = ax.imshow(similarity, cmap="viridis", vmin=0, vmax=max(top, 0.05))
    figure.colorbar(image, ax=ax, label="Cosine similarity", shrink=0.8)
    ticks = list(paragraph_ticks(n, 4.5))  # the square plot beside its colour bar is about 4.5 in wide
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    if article is not None:
        for position, _ in section_boundaries(article):
            ax.axvline(position - 0.5, color="white", linewidth=1.2)
            ax.axhline(position - 0.5, color="white", linewidth=1.2)
    ax.set_title("Paragraph similarity in reading order\n(white lines: section starts; diagonal left blank)")
    ax.set_xlabel("Paragraph")
    ax.set_ylabel("Paragraph")
    return figure


@drawn_once
def plot_theme_flow(model: ThemeClustering, article: Article):
    """Which theme each paragraph belongs to, in reading order; faint dots are unstable assignments."""
    n = len(model.labels_)
    # No wider than a page's column, so a long article's labels are not shrunk to illegible; dots shrink instead.
    width = min(max(8, 0.45 * n + 3), _FLOW_MAX_WIDTH)
    dot = min(220.0, (0.8 * 72 * (width - 3) / max(n, 1)) ** 2)  # area in points², at most 80 % of the spacing
    figure, ax = new_figure(width=width, height=1.2 + 0.55 * model.n_themes_)
    stability = np.nan_to_num(model.sample_stability_, nan=1.0)
    for index, (theme, firm) in enumerate(zip(model.labels_, stability)):
        ax.scatter(index, theme, s=dot, color=theme_colour(theme), alpha=0.25 + 0.75 * firm, edgecolor="black",
                   linewidth=0.5, zorder=3)
    ax.plot(range(n), model.labels_, color="#999", linewidth=0.8, zorder=1)
    ax.set_yticks(range(model.n_themes_), [f"T{t}: {model.theme_label(t, 2)}" for t in range(model.n_themes_)])
    ax.set_ylim(model.n_themes_ - 0.5, -0.5)
    ax.set_xticks(paragraph_ticks(n, width - 2.5))
    ax.set_xlabel("Paragraph (reading order); opacity = stability")
    ax.set_title("Theme flow across the article", pad=18)
    mark_sections(ax, section_boundaries(article))
    return figure


@drawn_once
def plot_k_choice(model: ThemeClustering):
    """Silhouette and mean stability for each number of themes tried (the chosen one marked), and each
    chosen theme's stability."""
    figure, (left, right) = new_figure(width=11, height=4, ncols=2)
    if model.silhouette_:
        ks = sorted(model.silhouette_)
        lines = left.plot(ks, [model.silhouette_[k] for k in ks], marker="o", color="#4c72b0", label="silhouette")
        lines.append(left.axvline(model.n_themes_, color="#c44e52", linestyle="--", label=f"chosen: {model.n_themes_}"))
        if model.k_stability_:
            twin = left.twinx()
            lines += twin.plot(ks, [model.k_stability_[k] for k in ks], marker="s", color="#55a868",
                               label="mean stability")
            twin.set_ylim(0, 1.05)
            twin.set_ylabel("Mean theme stability")
        left.set_xticks(ks)
        left.set_xlim(ks[0] - 0.5, ks[-1] + 0.5)
        left.legend(handles=lines, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=len(lines),
                    frameon=False)  # below the axes: inside, it would cover points
    else:
        left.text(0.5, 0.5, model.k_reason_, ha="center", va="center", wrap=True, transform=left.transAxes)
    left.set_title("Silhouette and stability per number of themes")
    left.set_xlabel("Number of themes (k)")
    left.set_ylabel("Mean silhouette (cosine)")
    stability = np.nan_to_num(model.stability_, nan=0.0)
    right.bar(range(model.n_themes_), stability, color=[theme_colour(t) for t in range(model.n_themes_)])
    right.set_ylim(0, 1.05)
    right.set_xticks(range(model.n_themes_), [f"T{t}" for t in range(model.n_themes_)])
    right.set_title("Stability of each theme (re-clustering)")
    right.set_xlabel("Theme")
    right.set_ylabel("Mean Jaccard with best match")
    return figure


def _field(record, name: str):
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def actor_theme_counts(mentions, paragraph_themes: list[int]) -> tuple[list[str], np.ndarray]:
    """Actor names and an (actors × themes) count of their mentions in each theme's paragraphs.

    ``mentions``: a DataFrame, or records (dicts or objects), with ``paragraph_id`` and ``actor_id``,
    plus an actor name as ``actor``, ``name`` or ``actor_name``; ``paragraph_themes``: the theme of
    each paragraph. Mentions outside paragraphs (title, headings: ``paragraph_id`` None) are left out.
    """
    if hasattr(mentions, "reset_index"):  # a DataFrame, its index possibly a field
        mentions = mentions.reset_index().to_dict("records")
    counts: Counter = Counter()
    names: dict = {}
    for mention in mentions:
        paragraph_id = _field(mention, "paragraph_id")
        if paragraph_id is None or paragraph_id != paragraph_id:  # title or heading (None, or NaN in a table)
            continue
        actor_id = _field(mention, "actor_id")
        name = next((_field(mention, k) for k in ("actor", "name", "actor_name") if _field(mention, k)), actor_id)
        names.setdefault(actor_id, str(name))
        counts[actor_id, paragraph_themes[int(paragraph_id)]] += 1
    actors = sorted(names, key=lambda a: (-sum(v for (b, _), v in counts.items() if b == a), names[a]))
    table = np.zeros((len(actors), max(paragraph_themes, default=0) + 1), dtype=int)
    for (actor_id, theme), value in counts.items():
        table[actors.index(actor_id), theme] = value
    return [names[a] for a in actors], table


@drawn_once
def plot_actor_themes(mentions, paragraph_themes: list[int], theme_labels: list[str], *, max_actors: int = 15):
    """Heatmap of who carries which theme: mentions of each actor in each theme's paragraphs."""
    names, table = actor_theme_counts(mentions, paragraph_themes)
    names, table = names[:max_actors], table[:max_actors]
    figure, ax = new_figure(width=max(7, 1.4 * len(theme_labels) + 4), height=3.2 + 0.45 * max(len(names), 1))
    image = ax.imshow(table if len(names) else np.zeros((1, len(theme_labels))), cmap="Blues", aspect="auto",
                      vmin=0)
    for (row, column), value in np.ndenumerate(table):
        ax.text(column, row, str(value), ha="center", va="center", fontsize=FONT_SIZE - 1,
                color="white" if value > table.max() / 2 else "black")
    ax.set_xticks(range(len(theme_labels)), [f"T{t}: {label}" for t, label in enumerate(theme_labels)],
                  rotation=30, ha="right")
    ax.set_yticks(range(len(names)), names)
    count_colorbar(figure, image, ax, "Mentions")
    ax.set_title("Who carries which theme (mentions per theme)")
    ax.set_xlabel("Theme")
    ax.set_ylabel("Actor")
    return figure


@drawn_once
def plot_lexicon_scores(paragraph_scores: list[dict], model: ThemeClustering, *, codes: list[str] | None = None):
    """Lexicon scores per paragraph (rows: codes) above a strip of each paragraph's data-driven theme.

    Read down a column: does the lexicon agree with the cluster the paragraph fell into?
    """
    codes = codes or [c for c in paragraph_scores[0] if any(row[c] for row in paragraph_scores)] or \
        list(paragraph_scores[0])
    table = np.array([[row[code] for row in paragraph_scores] for code in codes])
    n = len(paragraph_scores)
    figure, (top, strip) = new_figure(width=max(8, 0.5 * n + 4), height=1.8 + 0.4 * len(codes), nrows=2,
                                      sharex=True, gridspec_kw={"height_ratios": [max(len(codes), 1), 1]})
    image = top.imshow(table, cmap="Oranges", aspect="auto", vmin=0)
    top.set_yticks(range(len(codes)), codes)
    top.set_title("Theme lexicon: matched words per 100 words, beside the clusters")
    figure.colorbar(image, ax=top, label="Score")
    strip.imshow([[theme_colour(t) for t in model.labels_]], aspect="auto")
    for index, theme in enumerate(model.labels_):
        strip.text(index, 0, f"T{theme}", ha="center", va="center", fontsize=FONT_SIZE - 2, color="white")
    strip.set_yticks([0], ["cluster"])
    strip.set_xticks(paragraph_ticks(n, figure.get_size_inches()[0] - 3))
    strip.set_xlabel("Paragraph")
    return figure
