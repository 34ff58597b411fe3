"""Charts: each function takes analysis results and returns a matplotlib Figure.

One module per stage (structure, actors, themes, timeline). Shared style lives here so every
chart has titles, labelled axes and legible fonts when rendered.
"""

from __future__ import annotations

import base64
import functools
import math
from io import BytesIO

import matplotlib
from matplotlib.figure import Figure

from ..colours import TYPE_COLOURS  # noqa: F401 - the charts' colours, imported from here too

FONT_SIZE = 11
STYLE = {
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 2,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE - 1,
    "ytick.labelsize": FONT_SIZE - 1,
    "legend.fontsize": FONT_SIZE - 1,
    "figure.dpi": 100,
    "svg.hashsalt": "analysis",  # deterministic SVG output
}


matplotlib.rcParams.update(STYLE)


def _show_figures_in_notebooks() -> None:
    """Let a notebook cell that ends with a Figure show it as a PNG, without pyplot or ``%matplotlib``: the PNG
    of :func:`figure_png` (so a chart of a cached analysis is saved once per analysis)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png")
        shell.display_formatter.formatters["image/png"].for_type(Figure, _notebook_png)


def _notebook_png(figure: Figure) -> str:
    """A figure's PNG as IPython's PNG formatter gives it (base64 text)."""
    return base64.b64encode(figure_png(figure)).decode("ascii")


def new_figure(*, width: float = 9.0, height: float = 4.5, nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure and its axes, outside pyplot's global state.

    A notebook cell that ends with the returned figure shows it once; scripts save it with
    ``figure.savefig``. Nothing accumulates in pyplot when many figures are made.
    """
    figure = Figure(figsize=(width, height), layout=kwargs.pop("layout", "constrained"))
    axes = figure.subplots(nrows, ncols, **kwargs)
    return figure, axes


def shorten(label, limit: int) -> str:
    """A chart label of at most ``limit`` characters: whitespace collapsed, an ellipsis where it is cut."""
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[:limit - 1] + "…"


def paragraph_ticks(n: int, inches: float) -> range:
    """Where to tick ``n`` paragraphs along an axis about ``inches`` long: every paragraph when their numbers fit
    (0.09 in a digit, 0.07 in between), else every k-th, so labels never overlap."""
    room = 0.09 * len(str(max(n - 1, 0))) + 0.07
    return range(0, n, max(1, math.ceil(n * room / inches)))


def count_colorbar(figure: Figure, image, ax, label: str, **options):
    """A colour bar for counts (mentions, claims): whole-number ticks only, never "1.25 mentions"."""
    from matplotlib.ticker import MaxNLocator

    colorbar = figure.colorbar(image, ax=ax, label=label, **options)
    colorbar.locator = MaxNLocator(integer=True)
    colorbar.update_ticks()
    return colorbar


def mark_sections(ax, boundaries: list[tuple[float, str]], *, axis: str = "x") -> None:
    """Dashed lines at section starts, labelled with the (shortened) heading."""
    for position, label in boundaries:
        line = ax.axvline if axis == "x" else ax.axhline
        line(position - 0.5, color="#555", linestyle="--", linewidth=0.8)
        short = shorten(label, 28)
        if axis == "x":
            ax.annotate(short, (position - 0.5, 1.0), xycoords=("data", "axes fraction"), rotation=0,
                        fontsize=FONT_SIZE - 2, ha="left", va="bottom", color="#333", xytext=(2, 2),
                        textcoords="offset points")
        else:
            ax.annotate(short, (1.0, position - 0.5), xycoords=("axes fraction", "data"),
                        fontsize=FONT_SIZE - 2, ha="left", va="center", color="#333", xytext=(4, 0),
                        textcoords="offset points")


def section_boundaries(article) -> list[tuple[int, str]]:
    """(first paragraph id, heading) of every section after the first, for :func:`mark_sections`."""
    return [
        (section.paragraph_ids[0], section.heading or "(lead)")
        for section in article.sections[1:]
        if section.paragraph_ids
    ]


def drawn_once(plot):
    """A chart function whose figures of the parts of a cached analysis (:func:`~analysis.cache.chart_entry`:
    in a report's kernels and in the report itself) are saved as PNG once per analysis: the notebooks, their
    explorers and the briefing show some of the same charts, each then drawn once per report. A figure changed
    after it was made is drawn as it is."""

    @functools.wraps(plot)
    def chart(*args, **kwargs):
        from ..cache import chart_entry

        figure = plot(*args, **kwargs)
        figure.cache_entry = chart_entry(plot, args, kwargs)
        if figure.cache_entry is not None:
            figure.stale_callback = _changed
        return figure

    return chart


def _changed(figure: Figure, stale: bool) -> None:
    """A figure changed after its chart function made it (a title set, a line added): no longer that chart."""
    figure.cache_entry = None


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes (for widgets and for HTML pages that embed images as data URIs); a chart of a
    cached analysis (:func:`drawn_once`) is read from the cache when it was saved already."""
    from ..cache import cached_png

    entry = getattr(figure, "cache_entry", None)
    return _saved_png(figure) if entry is None else cached_png(*entry, lambda: _saved_png(figure))


def chart_png(plot, *args, **kwargs) -> bytes:
    """:func:`figure_png` of ``plot(*args, **kwargs)``, without making the figure when it is in the cache."""
    from ..cache import cached_png, chart_entry

    def draw() -> bytes:
        return _saved_png(plot(*args, **kwargs))

    entry = chart_entry(plot, args, kwargs)
    return draw() if entry is None else cached_png(*entry, draw)


def _saved_png(figure: Figure) -> bytes:
    # As notebooks show figures, no tight bounding box: the constrained layout already fits every label inside
    # the figure, and a tight box would lay each figure out once more before drawing it.
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


_show_figures_in_notebooks()
