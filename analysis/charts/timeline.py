"""Charts of the chronology and the claims: a timeline of dated events, claims per speaker by theme,
and a speaker × theme grid.

Events and claims may be the dataclasses of :mod:`analysis.events` and :mod:`analysis.claims` or
their ``analyze`` JSON dicts. Themes come from the themes stage as a mapping paragraph id → label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta

import matplotlib.dates as mdates

from ..claims import item_field
from . import FONT_SIZE, count_colorbar, drawn_once, new_figure, shorten

PRECISION_COLOURS = {"day": "#4c72b0", "month": "#dd8452", "year": "#55a868", "approximate": "#c44e52"}
NO_THEME = "(no theme)"
_LABEL_CHARS = 70
_SHORTEST_BAR = 120  # a span is drawn at least this fraction (1/N) of the time axis wide, so it stays visible


def _empty(title: str, message: str):
    figure, ax = new_figure(height=2.0)
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return figure


@drawn_once
def plot_timeline(events, *, title: str = "Timeline of dated events", highlight: str | None = None):
    """Events on a real date axis: one row each, a dot for a day, a bar for the span a month or an
    approximate date covers (at least 1/120 of the axis wide, so a week among years stays visible); each
    row's label (date, paragraph, actors) sits on its own line.

    ``highlight`` (an actor id) keeps the events that mention that actor in full colour, with bold
    labels, and fades the others."""
    rows = sorted(events, key=lambda e: (item_field(e, "range_start"), item_field(e, "start")))
    if not rows:
        return _empty(title, "No sentence holds a resolved date.")
    starts = [date.fromisoformat(item_field(e, "range_start")) for e in rows]
    ends = [date.fromisoformat(item_field(e, "range_end")) + timedelta(days=1) for e in rows]
    margin = max(timedelta(days=3), (max(ends) - min(starts)) / 20)
    left, right = min(starts) - margin, max(ends) + margin
    # whole days (a date drops the rest): a week on an axis of years would be thinner than a pixel
    shortest = timedelta(days=-(-(right - left).days // _SHORTEST_BAR))
    figure, ax = new_figure(width=11.0, height=max(2.5, 0.45 * len(rows) + 1.6))
    labels = []
    for y, (event, first, last) in enumerate(zip(rows, starts, ends)):
        colour = PRECISION_COLOURS.get(item_field(event, "precision"), "#777")
        lit = highlight is None or highlight in item_field(event, "actor_ids")
        if (last - first).days <= 1:
            ax.plot([first + timedelta(hours=12)], [y], "o", color=colour, markersize=8, alpha=1.0 if lit else 0.2)
        else:
            ax.barh(y, max(last - first, shortest), left=first, height=0.5, color=colour,
                    alpha=0.75 if lit else 0.15)
        actors = ", ".join(item_field(event, "actors")) or shorten(item_field(event, "text"), 40)
        labels.append(shorten(f"{item_field(event, 'date_text')} (¶{item_field(event, 'paragraph_id')}): {actors}",
                              _LABEL_CHARS))
    ax.set_yticks(range(len(rows)), labels)
    if highlight is not None:
        for label, event in zip(ax.get_yticklabels(), rows):
            mentioned = highlight in item_field(event, "actor_ids")
            label.set(color="black" if mentioned else "#aaa", fontweight="bold" if mentioned else "normal")
    ax.invert_yaxis()
    ax.set_xlim(left, right)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    # Day ticks carry their month ("07 Jul"): with no offset text, "04 05 06" alone would not say which month.
    formats = ["%Y", "%b", "%d %b", "%H:%M", "%H:%M", "%S.%f"]
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, formats=formats, show_offset=False))
    ax.grid(axis="x", color="#ddd")
    years = sorted({d.year for d in starts + [end - timedelta(days=1) for end in ends]})
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    ax.set_xlabel(f"Date, {span} (dot: a day; bar: the span of a month or an approximate date)")
    ax.set_title(title)
    used = {item_field(e, "precision") for e in rows}
    handles = [ax.scatter([], [], color=colour, marker="s", label=name)
               for name, colour in PRECISION_COLOURS.items() if name in used]
    ax.legend(handles=handles, title="Precision", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure


def speaker_label(claim) -> str:
    """The name a chart shows for a claim's speaker ("(unattributed)" when there is none)."""
    return _label(item_field(claim, "speaker_name") or item_field(claim, "speaker"), item_field(claim, "unnamed"))


def speaker_labels(claim) -> list[str]:
    """The names a chart shows for each speaker of a claim: speakers the text coordinates ("Roe and Doe said …",
    one claim) each count it, as each said it."""
    unnamed = item_field(claim, "unnamed")
    return [_label(item_field(s, "speaker_name") or item_field(s, "text"), unnamed)
            for s in item_field(claim, "speakers") or ()] or [speaker_label(claim)]


def _label(name: str | None, unnamed: bool) -> str:
    if not name:
        return "(unattributed)"
    return shorten(name, 40) + (" (unnamed)" if unnamed else "")


def _speaker_theme_counts(claims, paragraph_themes: Mapping[int, str] | None):
    themes = paragraph_themes or {}
    counts = Counter((label, str(themes.get(item_field(c, "paragraph_id"), NO_THEME)))
                     for c in claims for label in speaker_labels(c))
    speakers = sorted({s for s, _ in counts}, key=lambda s: (-sum(n for (t, _), n in counts.items() if t == s), s))
    theme_names = sorted({t for _, t in counts})
    return counts, speakers, theme_names


def _theme_colours(theme_names: list[str]) -> dict[str, tuple]:
    from matplotlib import colormaps

    palette = colormaps["tab10"]
    return {name: palette(i % 10) for i, name in enumerate(theme_names)}


@drawn_once
def plot_claims_by_speaker(claims, paragraph_themes: Mapping[int, str] | None = None, *, top: int = 15,
                           title: str = "Claims per speaker, coloured by theme"):
    """Horizontal bars: claims per speaker (most first, at most ``top``; a claim of coordinated speakers counts for
    each), stacked by the theme of the paragraph each claim is in (``paragraph_themes``: paragraph id → theme label)."""
    if not claims:
        return _empty(title, "No attributed claims found.")
    counts, speakers, theme_names = _speaker_theme_counts(claims, paragraph_themes)
    speakers = speakers[:top]
    colours = _theme_colours(theme_names)
    figure, ax = new_figure(width=10.0, height=max(2.5, 0.4 * len(speakers) + 1.5))
    left = [0] * len(speakers)
    for theme in theme_names:
        widths = [counts.get((speaker, theme), 0) for speaker in speakers]
        ax.barh(range(len(speakers)), widths, left=left, color=colours[theme], label=shorten(theme, 40))
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(range(len(speakers)), speakers)
    ax.invert_yaxis()
    ax.set_xlabel("Claims")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    ax.legend(title="Theme", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=FONT_SIZE - 2)
    return figure


@drawn_once
def plot_speaker_themes(claims, paragraph_themes: Mapping[int, str] | None = None, *, top: int = 15,
                        title: str = "Which speaker talks about which theme"):
    """A speaker × theme grid: each cell counts the speaker's claims in paragraphs of that theme."""
    if not claims:
        return _empty(title, "No attributed claims found.")
    counts, speakers, theme_names = _speaker_theme_counts(claims, paragraph_themes)
    speakers = speakers[:top]
    grid = [[counts.get((speaker, theme), 0) for theme in theme_names] for speaker in speakers]
    figure, ax = new_figure(width=max(6.0, 1.6 * len(theme_names) + 4.5), height=max(2.5, 0.42 * len(speakers) + 2))
    image = ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0)
    peak = max(max(row) for row in grid) or 1
    for y, row in enumerate(grid):
        for x, value in enumerate(row):
            if value:
                ax.text(x, y, str(value), ha="center", va="center", color="white" if value > peak / 2 else "black")
    ax.set_xticks(range(len(theme_names)), [shorten(t, 24) for t in theme_names], rotation=30, ha="right")
    ax.set_yticks(range(len(speakers)), speakers)
    ax.set_xlabel("Theme of the paragraph")
    ax.set_title(title)
    count_colorbar(figure, image, ax, "Claims")
    return figure
