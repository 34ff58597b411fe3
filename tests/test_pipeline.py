"""The analysis object and the schema: stages computed once and shared, the JSON contract kept, one serialiser."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import ArticleAnalysis, ArticleError, analyze, load_article
from analysis.config import DEFAULT_ARTICLE, PROJECT_ROOT
from analysis.corpus import TABLE_COLUMNS
from analysis.schema import ITEM_TABLES, AnalysisResult, Cue, markdown_tables, to_json

KEY_PATHS = Path(__file__).parent / "contract" / "analyze_key_paths.txt"
# Dicts whose keys are data (lexicon codes, numbers of themes tried), not field names.
_DATA_KEYED = {"lexicon_scores", "silhouette", "stability"}

CONTRACT_ARTICLES = {
    "briefing.md": (
        "# Ministers meet in Oslo\n\n"
        "Norwegian Foreign Minister Ingrid Dahl met her Swedish counterpart on March 3, 2022, in Oslo. "
        "The two ministers discussed energy and border security.\n\n"
        "## Talks\n\n"
        "\u201cWe agreed to work together on the pipeline,\u201d Dahl said after the meeting. "
        "Swedish officials said the talks would resume next week.\n\n"
        "A spokesman for the Swedish Foreign Ministry, Erik Lund, said the plan was not final. "
        "He denied that the deal had collapsed.\n\n"
        "## Background\n\n"
        "The countries signed an energy accord in 2019. Since October, prices may have risen, "
        "according to reports.\n"
    ),
    "note.txt": "A short note without a title line. The committee met on Monday and nothing was decided.\n",
    "page.html": (
        "<html><head><title>Storm hits coast</title>"
        '<meta property="article:published_time" content="2023-05-02"></head><body>'
        "<h1>Storm hits coast</h1><p>A storm hit the coast of Portugal on Sunday, officials said.</p>"
        "<p>Mayor Ana Costa said two bridges were closed. \u201cThe damage is serious,\u201d she said.</p>"
        "<p>Weather forecasters expect calmer seas later this week.</p></body></html>"
    ),
}


def key_paths(value, path: str = "") -> set[str]:
    """Every key path of a JSON value (``.paragraphs[].sentences[].start``); data-keyed dicts as ``*``."""
    found = set()
    if isinstance(value, dict):
        for key, item in value.items():
            name = "*" if path.rsplit(".", 1)[-1] in _DATA_KEYED and isinstance(item, int | float) else key
            found.add(f"{path}.{name}")
            found |= key_paths(item, f"{path}.{name}")
    elif isinstance(value, list):
        for item in value:
            found |= key_paths(item, path + "[]")
    return found


@pytest.fixture(scope="module")
def contract_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("contract")
    files = {"default": DEFAULT_ARTICLE}
    for name, text in CONTRACT_ARTICLES.items():
        files[name] = folder / name
        files[name].write_text(text, encoding="utf-8")
    return files


def _recorded_paths() -> dict[str, set[str]]:
    recorded: dict[str, set[str]] = {}
    for line in KEY_PATHS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, path = line.split("\t")
            recorded.setdefault(name, set()).add(path)
    return recorded


@pytest.mark.parametrize("name", ["default", *CONTRACT_ARTICLES])
def test_every_key_path_of_the_earlier_output_is_kept(contract_files, name):
    recorded = _recorded_paths()[name]
    assert recorded, "the recorded contract lists this article"
    assert recorded - key_paths(analyze(contract_files[name])) == set()


def test_stages_are_computed_once_and_shared_by_every_view(monkeypatch, contract_files):
    from analysis import actors as actors_stage
    from analysis.charts.actors import plot_mention_counts
    from analysis.display import actors_html
    from analysis.tables import actor_table, mention_table

    calls = []
    real = actors_stage.extract_actors
    monkeypatch.setattr(actors_stage, "extract_actors", lambda *a, **k: calls.append(1) or real(*a, **k))
    analysis = ArticleAnalysis.load(contract_files["briefing.md"])
    result = analysis.to_dict()
    actor_table(analysis), mention_table(analysis), actors_html(analysis), plot_mention_counts(analysis)
    assert len(calls) == 1
    assert analysis.claims is analysis.claims and analysis.themes is analysis.themes
    assert [a["id"] for a in result["actors"]] == list(actor_table(analysis).index)


def test_views_show_the_analysis_made_with_another_alias_file(tmp_path, contract_files):
    from analysis.charts.actors import plot_mention_counts
    from analysis.display import actors_html
    from analysis.tables import actor_table

    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("alias\tcanonical\ttype\tcode\nErik Lund\tLund the Spokesman\tperson\tSWEGOV\n",
                       encoding="utf-8")
    analysis = ArticleAnalysis.load(contract_files["briefing.md"], aliases_path=aliases)
    names = set(actor_table(analysis)["name"])
    assert "Lund the Spokesman" in names and "Erik Lund" not in names
    assert "Lund the Spokesman" in actors_html(analysis)
    ticks = {label.get_text() for label in plot_mention_counts(analysis).axes[0].get_yticklabels()}
    assert "Lund the Spokesman" in ticks
    assert "Lund the Spokesman" in {a["name"] for a in analysis.to_dict()["actors"]}
    speakers = {c.speaker_name for c in analysis.claims}
    assert "Lund the Spokesman" in speakers  # the claims stage reads the same actors


def test_analyze_takes_an_analysis_with_its_own_options(contract_files):
    article = load_article(contract_files["briefing.md"])
    seeded = ArticleAnalysis(article, random_state=7, published="2022-03-04")
    assert analyze(seeded) == analyze(article, random_state=7, published="2022-03-04")
    assert analyze(seeded) != analyze(article)  # "next week" is anchored by the publication date


def test_a_bad_publication_date_fails_before_any_stage_runs(contract_files):
    article = load_article(contract_files["briefing.md"])
    with pytest.raises(ArticleError, match="'last spring' is not an ISO date"):
        ArticleAnalysis(article, published="last spring")


def test_the_serialiser_keeps_json_fields_only_and_refuses_other_objects():
    cue = Cue("may", 4, 7, "hedge", sentence_index=2, paragraph_id=1)
    assert to_json([cue, (1, 2), {"k": (cue,)}]) == [
        {"text": "may", "start": 4, "end": 7, "kind": "hedge"}, [1, 2], {"k": [{"text": "may", "start": 4,
                                                                                "end": 7, "kind": "hedge"}]}]
    with pytest.raises(TypeError, match="set is not part of the analyze schema"):
        to_json({1, 2})


def test_the_json_has_exactly_the_fields_of_the_result_record(contract_files):
    result = analyze(contract_files["page.html"])
    assert list(result) == [f.name for f in dataclasses.fields(AnalysisResult)]
    assert json.loads(json.dumps(result)) == result


def test_readme_field_tables_are_the_schemas():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- schema tables: python -m analysis.schema -->\n", "<!-- end of schema tables -->"
    assert start in readme and end in readme
    assert readme.split(start, 1)[1].split(end, 1)[0] == markdown_tables()


def test_corpus_item_columns_are_fields_of_the_json_items(contract_files):
    result = analyze(contract_files["briefing.md"])
    for table, id_column in ITEM_TABLES.items():
        assert result[table], table
        keys = set(result[table][0]) | ({id_column} if id_column else set())
        assert set(TABLE_COLUMNS[table]) - {"corpus_actor_id"} <= keys, table


def test_analyze_command_imports_only_what_it_uses():
    code = ("import sys\nfrom analysis.cli import main\nmain(['analyze', sys.argv[1]])\n"
            "heavy = ('pandas', 'pyarrow', 'dask', 'ipywidgets', 'matplotlib', 'nbformat', 'networkx')\n"
            "print(sorted(name for name in heavy if name in sys.modules), file=sys.stderr)")
    completed = subprocess.run([sys.executable, "-c", code, str(DEFAULT_ARTICLE)], capture_output=True, text=True,
                               check=True, cwd=PROJECT_ROOT)
    assert json.loads(completed.stdout)["actors"]
    assert completed.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("module", "name", "home"), [
    ("analysis.actors", "actor_table", "analysis.tables"), ("analysis.actors", "actors_html", "analysis.display"),
    ("analysis.actors", "TYPE_COLOURS", "analysis.charts"), ("analysis.claims", "claims_html", "analysis.display"),
    ("analysis.claims", "cue_table", "analysis.tables"), ("analysis.dates", "dates_table", "analysis.tables"),
    ("analysis.events", "events_table", "analysis.tables"), ("analysis.themes", "theme_table", "analysis.tables"),
])
def test_views_that_left_a_stage_are_still_importable_from_it(module, name, home):
    import importlib

    assert getattr(importlib.import_module(module), name) is getattr(importlib.import_module(home), name)
    with pytest.raises(AttributeError, match="has no attribute 'no_such_view'"):
        _ = importlib.import_module(module).no_such_view
