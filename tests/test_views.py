"""The briefing's and the charts' presentation of an analysis: what a reader sees, on texts written here."""

from __future__ import annotations

from datetime import date

import pytest

from analysis import ArticleAnalysis, load_article
from analysis.report.briefing import inline_code, publication_note, shown_title

from .conftest import assert_tick_labels_apart

LONG_LEAD = ("Opposition leader Jane Roe met with the governor of the northern province in the capital on Monday "
             "to discuss the flooding that has displaced thousands of families this spring.\n\n"
             "Roe said the relief budget was too small.\n")


def _event(text: str, first: str, last: str, precision: str, paragraph_id: int) -> dict:
    return {"date_text": text, "range_start": first, "range_end": last, "precision": precision, "start": paragraph_id,
            "paragraph_id": paragraph_id, "actors": ["Roe"], "actor_ids": ["person:roe"], "text": text}


def test_timeline_keeps_a_short_span_visible_on_an_axis_of_years():
    from matplotlib.dates import date2num

    from analysis.charts.timeline import plot_timeline

    events = [_event("2014", "2014-01-01", "2014-12-31", "year", 0),
              _event("this week", "2022-08-15", "2022-08-21", "approximate", 1)]
    ax = plot_timeline(events).axes[0]
    left, right = ax.get_xlim()
    week, year = sorted(ax.patches, key=lambda bar: bar.get_width())
    assert week.get_width() >= (right - left) / 120 > 7  # wider than its seven days, so it shows
    assert year.get_width() == pytest.approx(365)  # a span wider than the minimum keeps its true width
    assert week.get_x() == pytest.approx(date2num(date(2022, 8, 15)))  # drawn from its first day


def test_timeline_axis_label_names_the_years_the_events_cover():
    from analysis.charts.timeline import plot_timeline

    ax = plot_timeline([_event("December", "2021-12-01", "2021-12-31", "month", 0)]).axes[0]
    assert "Date, 2021 " in ax.get_xlabel()  # a span ending on 31 December stays in its year


def test_shown_title_marks_a_first_sentence_cut_short():
    cut = ArticleAnalysis(load_article(LONG_LEAD))
    assert cut.article.title_source == "first sentence" and shown_title(cut).endswith(" …")
    assert shown_title(cut).startswith(cut.article.title)
    whole = ArticleAnalysis(load_article("Flood Talks Stall\n\nRoe said the relief budget was too small.\n"))
    assert shown_title(whole) == "Flood Talks Stall"


@pytest.mark.parametrize(("name", "published", "expected"), [
    ("20220314T081500Z_XX_en_0.txt", None, "relative dates count from 2022-03-14 (the file name's timestamp)"),
    ("20220314T081500Z_XX_en_0.txt", "2022-03-10", "published 2022-03-10"),
    ("notes.txt", None, "publication date not given"),
])
def test_publication_note_says_what_relative_dates_count_from(write_article, name, published, expected):
    path = write_article(name, "Flood Talks Stall\n\nRoe said last week the relief budget was too small.\n")
    assert expected in publication_note(ArticleAnalysis.load(path, published=published))


def test_publication_note_names_the_dateline_when_it_dates_the_story(write_article):
    path = write_article("wire.txt", "Flood Talks Stall\n\nROME, May 3, 2022 (Reuters) - Roe said the budget "
                                     "was too small.\n")
    analysis = ArticleAnalysis.load(path)
    assert analysis.dateline is not None and analysis.dateline.date_value == "2022-05-03"
    assert publication_note(analysis) == ("publication date not given; relative dates count from 2022-05-03 "
                                          "(the dateline)")
    from analysis.report.briefing import briefing_html

    page = briefing_html(analysis, pages={}, tables=[], built="now")
    assert "dateline ROME, May 3, 2022 (Reuters) ·" in page  # shown without its closing dash


def test_inline_code_shows_markdown_code_spans_and_escapes_the_rest():
    assert inline_code("made in `01_parse` <b>") == "made in <code>01_parse</code> &lt;b&gt;"
    assert inline_code("no code here") == "no code here"


def test_count_colour_bars_tick_whole_numbers_only():
    from analysis.charts.actors import plot_presence_grid

    analysis = ArticleAnalysis(load_article("Flood Talks\n\nJane Roe met Paris officials. Roe said France would help."
                                            "\n\nParis and France agreed, Roe said.\n"))
    colorbar_ax = plot_presence_grid(analysis).axes[1]
    low, high = colorbar_ax.get_ylim()
    ticks = [tick for tick in colorbar_ax.get_yticks() if low <= tick <= high]
    assert ticks and all(float(tick).is_integer() for tick in ticks)


def test_theme_flow_of_a_long_article_fits_a_page_column_with_dots_apart():
    from analysis.charts.themes import plot_theme_flow

    paragraphs = "\n\n".join(f"Roe said the {word} budget for the region was too small in year {n}."
                             for n, word in enumerate(["relief", "housing", "school", "road", "water"] * 12))
    analysis = ArticleAnalysis(load_article(f"Budget Talks\n\n{paragraphs}\n"))
    figure = plot_theme_flow(analysis.themes, analysis.article)
    width_inches = figure.get_size_inches()[0]
    assert len(analysis.article.paragraphs) == 60 and width_inches <= 10.0
    spacing_points = 72 * (width_inches - 3) / 60
    sizes = {float(size) for collection in figure.axes[0].collections for size in collection.get_sizes()}
    assert len(sizes) == 1 and sizes.pop() ** 0.5 < spacing_points  # a dot's diameter is less than the spacing


def test_briefing_says_why_a_single_theme_has_no_flow_chart():
    from analysis.report.briefing import briefing_html, chart_pngs

    analysis = ArticleAnalysis(load_article("Flood Talks Stall\n\nRoe said the relief budget was too small.\n"))
    charts = chart_pngs(analysis)
    assert analysis.themes.n_themes_ == 1 and set(charts) == {"timeline"}
    page = briefing_html(analysis, pages={}, tables=[], built="now", charts=charts)
    assert "no flow between themes to draw" in page and page.count("<img") == 1  # the timeline only


def test_notebook_pages_align_table_cells_left_after_the_lab_style(tmp_path):
    import nbformat

    from analysis.report.notebooks import export_html

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("table", outputs=[nbformat.v4.new_output(
        "execute_result", data={"text/html": "<table class='dataframe'><tr><td>Roe said</td></tr></table>"},
        execution_count=1)])])
    page = tmp_path / "page.html"
    export_html(notebook, page, title="t", code=False)
    html = page.read_text(encoding="utf-8")
    lab_rule = html.index("text-align: right")  # the lab style's rule for numbers …
    assert html.index("jp-RenderedHTMLCommon tr {text-align: left", lab_rule) > lab_rule  # … comes before ours
    assert "<script" not in html


def test_timeline_day_ticks_name_their_month():
    from analysis.charts.timeline import plot_timeline

    figure = plot_timeline([_event("Friday", "2023-07-07", "2023-07-07", "day", 0),
                            _event("Monday", "2023-07-10", "2023-07-10", "day", 1)])
    figure.canvas.draw()
    labels = [label.get_text() for label in figure.axes[0].get_xticklabels() if label.get_text()]
    assert labels and all("Jul" in label for label in labels)


@pytest.mark.parametrize("paragraphs", [30, 60, 120])
def test_paragraph_axes_label_without_overlap(paragraphs):
    from analysis.charts.actors import plot_presence_grid
    from analysis.charts.structure import plot_lengths
    from analysis.charts.themes import plot_similarity, plot_theme_flow

    text = "\n\n".join(f"Roe said the {word} budget for Paris was too small in year {n}."
                       for n, word in enumerate(["relief", "housing", "school", "road", "water"] * (paragraphs // 5)))
    analysis = ArticleAnalysis(load_article(f"Budget Talks\n\n{text}\n"))
    themes, article = analysis.themes, analysis.article
    for figure in (plot_similarity(themes, article), plot_theme_flow(themes, article), plot_presence_grid(analysis),
                   plot_lengths(article)):
        labels = assert_tick_labels_apart(figure, "x")
        assert labels[0] == "0" and len(labels) >= 10  # every k-th paragraph still numbered
