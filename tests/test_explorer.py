"""The explorer: driven programmatically as a user would (dropdown, slider), its views checked."""

from __future__ import annotations

import re
from html import escape

import ipywidgets as widgets
import nbformat
import pytest

from analysis import explore, load_article
from analysis.config import DEFAULT_ARTICLE
from analysis.report import execute_notebook, export_html

MARK = re.compile(r"<mark[^>]*>\s*(.*?)\s*<span", re.S)
HOSTILE = ("Talks at <b>the border</b>\n\n"
           "Russian President Vladimir Putin said <script>alert('x')</script> to NATO officials on 3 May 2023. "
           "Putin left for Minsk on 4 May 2023.\n\n"
           "NATO officials said <img src=x onerror=alert(1)> nothing changed.")


@pytest.fixture(scope="module")
def app(default_article_path):
    return explore(load_article(default_article_path))


def highlighted(app) -> list[str]:
    """The texts the article view marks, in reading order."""
    return MARK.findall(app.text_view.value)


def listed_mentions(app) -> list[str]:
    """The mention texts the actor's mention list marks."""
    listing = app.mention_list.value.split('<ol class="mentions">')[1].split("</ol>")[0]
    return re.findall(r"<mark>(.*?)</mark>", listing)


def test_explore_returns_a_widget_with_three_tabs(app):
    assert isinstance(app, widgets.Widget)
    tabs = app.children[1]
    assert tabs.titles == ("Text", "Themes", "Network and timeline")
    assert app.actor_dropdown.value is None
    assert highlighted(app) == [escape(m.text) for m in app.extraction.mentions]


def test_choosing_an_actor_highlights_exactly_its_mentions(app):
    ranked = sorted(app.extraction.actors, key=lambda a: -a.mention_count)
    for actor in [ranked[0], ranked[1], ranked[-1]]:
        app.actor_dropdown.value = actor.id
        mentions = app.extraction.mentions_of(actor.id)
        assert highlighted(app) == [escape(m.text) for m in mentions]
        assert len(highlighted(app)) == actor.mention_count
        assert listed_mentions(app) == [escape(m.text) for m in mentions]
        assert f"<b>{len(mentions)} mentions</b>" in app.mention_list.value
        assert escape(actor.name) in app.mention_list.value
        for m in mentions:
            assert f"chars {m.start}–{m.end}" in app.mention_list.value
    app.actor_dropdown.value = None
    assert len(highlighted(app)) == len(app.extraction.mentions)


def test_actor_lists_its_claims_neighbours_and_events(app):
    speaker = next(c.speaker_id for c in app.claims if c.speaker_id is not None)
    app.actor_dropdown.value = speaker
    claims = [c for c in app.claims if c.speaker_id == speaker]
    assert f"<b>{len(claims)} claims</b>" in app.mention_list.value
    for claim in claims:
        assert f"¶{claim.paragraph_id} · s{claim.sentence_index}" in app.mention_list.value
    partners = {b if a == speaker else a for a, b in app.cooccurrences if speaker in (a, b)}
    assert f"({len(partners)}):" in app.neighbour_list.value
    for partner in partners:
        assert escape(app.extraction.actor(partner).name) in app.neighbour_list.value
    events = [e for e in app.events if speaker in e.actor_ids]
    assert f"mention this actor</b> ({len(events)})" in app.event_list.value
    assert app.event_list.value.count("<li>") == len(events)
    app.actor_dropdown.value = None
    assert app.event_list.value.count("<li>") == len(app.events)


def test_highlight_redraws_network_and_timeline(app):
    app.actor_dropdown.value = None
    network, timeline = app.network.value, app.timeline.value
    app.actor_dropdown.value = app.events[0].actor_ids[0]
    assert app.network.value != network and app.timeline.value != timeline
    assert bytes(app.network.value).startswith(b"\x89PNG")
    app.actor_dropdown.value = None
    assert app.network.value == network  # deterministic: the same view draws the same image


@pytest.mark.parametrize("k", [4, 2, 1])  # each a move away from the k before (the default article chooses 2)
def test_theme_slider_reclusters(app, k):
    before = app.theme_map.value
    app.k_slider.value = k
    assert app.theme_model.n_themes_ == k
    assert f"<b>{k} themes</b>" in app.theme_summary.value
    assert app.theme_summary.value.split("<tbody>")[1].count("<tr>") == k
    paragraphs = app.stability_view.value.split("<tbody>")[1].count("<tr>")
    assert paragraphs == len(app.article.paragraphs) == len(app.theme_model.sample_stability_)
    assert app.theme_map.value != before


def test_initial_k_sets_the_slider(default_article_path):
    app = explore(default_article_path, k=2)
    assert app.k_slider.value == 2 == app.theme_model.n_themes_


def test_hostile_text_is_escaped_everywhere(write_article):
    app = explore(write_article("hostile.txt", HOSTILE))
    putin = next(a.id for a in app.extraction.actors if a.name == "Vladimir Putin")
    app.actor_dropdown.value = putin
    values = {name: getattr(app, name).value for name in
              ("text_view", "mention_list", "theme_summary", "stability_view", "neighbour_list", "event_list")}
    values["static"] = app.static_html()
    for name, value in values.items():
        assert "<script" not in value and "<img src=x" not in value and "<b>the border" not in value, name
    assert "&lt;script&gt;" in values["text_view"] and "&lt;script&gt;" in values["mention_list"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in values["text_view"]
    assert "&lt;b&gt;the border&lt;/b&gt;" in values["static"]


def test_static_fallback_travels_with_the_widget(app):
    app.actor_dropdown.value = None
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "JupyterLab" in bundle["text/html"] and app.text_view.value in bundle["text/html"]
    assert bundle["text/html"].count('src="data:image/png;base64,') == 4


@pytest.mark.notebooks
def test_rendered_report_shows_the_static_view_and_no_script(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Explorer\n\nThe explorer in a rendered page."),
        nbformat.v4.new_code_cell("ARTICLE_PATH = None\nRANDOM_STATE = 0", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from analysis import explore\n\nexplore(ARTICLE_PATH, random_state=RANDOM_STATE)"),
    ]
    path = tmp_path / "explore.ipynb"
    nbformat.write(notebook, path)
    executed = execute_notebook(path, {"ARTICLE_PATH": str(DEFAULT_ARTICLE), "RANDOM_STATE": 0})
    export_html(executed, tmp_path / "explore.html", title="explore")
    html = (tmp_path / "explore.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "widget-state" not in html
    assert 'class="explorer-static"' in html and "needs a running kernel" in html
    assert html.count('src="data:image/png;base64,') >= 4
