"""Corpus mode: records in, per-article JSON and Parquet tables out, cached, on local and Dask engines."""

from __future__ import annotations

import codecs
import json
import pathlib
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import ArticleAnalysis, analyze, run_corpus
from analysis.cli import main
from analysis.config import SAMPLE_CORPUS
from analysis.corpus import (
    ITEM_TABLES,
    CorpusWriter,
    Record,
    iter_records,
    read_table,
    table_schema,
)
from analysis.errors import ArticleError
from analysis.nlp import CHUNK_CHARS

from .conftest import assert_offsets_round_trip

TABLES = ("articles", *ITEM_TABLES, "actors", "errors")

HARBOUR = """Harbour Strike Enters Second Week

Dock workers in Rotterdam extended their strike on Monday. The union said talks had stalled.

Shipping lines diverted vessels to Antwerp, according to port officials.
"""
BUDGET = """# City Council Approves New Budget

The council voted 7 to 2 on Tuesday to approve a budget that raises spending on schools.

## What Happens Next

The budget takes effect in January. Departments must submit spending plans by March.
"""
STORM = """Storm Closes Mountain Passes

Heavy snow closed three passes in the Alps overnight. Police advised drivers to stay home.
"""


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in TABLES}


def article_json(out: Path, row) -> dict:
    return json.loads((out / row.json_path).read_text(encoding="utf-8"))


def test_sample_corpus_per_article_json_is_analyze_output(tmp_path):
    summary = run_corpus([SAMPLE_CORPUS], tmp_path / "out", progress=False)
    out = summary.out
    assert (summary.records, summary.articles, summary.errors, summary.cached) == (6, 6, 0, 0)
    articles = read_table(out, "articles")
    assert sorted(articles["collection"].unique()) == [
        "sample_corpus/labour", "sample_corpus/technology", "sample_corpus/weather"]
    assert not articles["article_id"].str.contains("README").any()
    for row in articles.itertuples():
        result = article_json(out, row)
        assert result == analyze(Path(row.origin))
        assert_offsets_round_trip(result)
        assert row.title == result["title"] and row.paragraphs == len(result["paragraphs"])
    html = articles.set_index("collection").loc["sample_corpus/weather"].set_index("format").loc["html"]
    assert html["published"].startswith("2024-02-14") and html["title"] == "Flood-Hit Towns Promised Recovery Funds"


def test_paragraph_table_round_trips_offsets(tmp_path):
    out = run_corpus([write_corpus(tmp_path / "news", {"a.txt": HARBOUR, "b.md": BUDGET})], tmp_path / "out",
                     progress=False).out
    paragraphs, articles = read_table(out, "paragraphs"), read_table(out, "articles").set_index("article_id")
    assert list(paragraphs.groupby("article_id", sort=False).size()) == [2, 2]
    for row in paragraphs.itertuples():
        text = article_json(out, articles.loc[row.article_id])["text"]
        assert text[row.start:row.end] == row.text
    budget = articles.loc["news/b.md"]
    assert (budget.sections, budget.format, budget.title) == (2, "markdown", "City Council Approves New Budget")


def test_every_table_is_written_with_documented_columns_when_stage_keys_are_absent(tmp_path):
    out = tmp_path / "out"
    writer = CorpusWriter(out)
    result = {key: value for key, value in analyze(HARBOUR).items() if key not in ("mentions", "actors",
              "dates", "events", "claims", "themes")}
    writer.add_article(Record("one", "one.txt", "c"), result, json.dumps(result).encode())
    writer.close()
    for name in TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema == table_schema(name), name
        assert table.num_rows == (2 if name == "paragraphs" else 1 if name == "articles" else 0), name
    assert read_table(out, "articles")[["mentions", "claims", "themes"]].isna().all().all()


def _with_stage_keys(text: str, actor_names: list[str]) -> dict:
    """An analyze result plus stage keys shaped as the actors, themes and timeline issues specify."""
    result = analyze(text)
    first = result["paragraphs"][0]
    result["actors"] = [
        {"id": index, "name": name, "type": "organization", "aliases": [name.lower()], "mention_count": 2,
         "roles": ["port operator"], "affiliation": "Netherlands", "code": "NLDBUS", "paragraph_ids": [0]}
        for index, name in enumerate(actor_names)
    ]
    result["mentions"] = [
        {"actor_id": index, "text": text[first["start"]:first["start"] + 4], "start": first["start"],
         "end": first["start"] + 4, "paragraph_id": 0, "sentence_index": 0, "adjectival": False}
        for index in range(len(actor_names))
    ]
    result["dates"] = [{"text": "Monday", "start": 1, "end": 7, "value": "2024-01-01", "precision": "day",
                        "paragraph_id": 0}]
    result["claims"] = [{"speaker": "the union", "speaker_id": None, "verb": "said", "content": "talks had stalled",
                         "start": 5, "end": 20, "paragraph_id": 0, "hedged": False, "cues": ["said"]}]
    result["themes"] = [{"id": 0, "label": "strike", "terms": ["strike", "union"], "paragraph_ids": [0, 1],
                         "stability": 0.75}]
    return result


def test_stage_keys_become_tables_and_actors_are_canonical_across_articles(tmp_path):
    out = tmp_path / "out"
    writer = CorpusWriter(out)
    first = _with_stage_keys(HARBOUR, ["Port Authority", "Dock Union"])
    second = _with_stage_keys(STORM, ["Dock Union"])
    for article_id, result in (("first", first), ("second", second)):
        writer.add_article(Record(article_id, article_id, "c"), result, json.dumps(result).encode())
    writer.close()
    got = tables(out)
    actors = got["actors"].set_index("name")
    assert list(actors.index) == ["Port Authority", "Dock Union"]
    assert actors.loc["Dock Union", "articles"] == 2 and actors.loc["Dock Union", "mention_count"] == 4
    assert list(actors.loc["Dock Union", "aliases"]) == ["dock union"]
    mentions = got["mentions"]
    # The second article's actor 0 is the first article's actor 1: one corpus actor.
    assert list(mentions["corpus_actor_id"]) == [0, 1, 1]
    assert list(mentions["actor_id"]) == ["0", "1", "0"]
    assert json.loads(mentions["extra"][0]) == {"adjectival": False}  # undocumented keys are kept
    assert list(got["themes"]["terms"][0]) == ["strike", "union"] and got["themes"]["stability"][0] == 0.75
    assert list(got["claims"]["cues"][0]) == ["said"] and got["claims"]["speaker_id"].isna().all()
    assert got["dates"]["value"].tolist() == ["2024-01-01", "2024-01-01"]
    assert got["articles"]["actors"].tolist() == [2, 1]


def test_bad_records_are_errors_and_nothing_is_dropped(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "mixed", {
        "good.txt": HARBOUR,
        "empty.txt": "",
        "blank.txt": "  \n\n \t\n",
        "binary.txt": b"\x00\x01\x02 not text \x00",
        "broken_utf16.txt": codecs.BOM_UTF16_LE + "Title\n\nBody text here.".encode("utf-16-le")[:-1],
        "stage_fails.txt": "Harbour Strike\n\nA paragraph that makes a stage fail.",
        "locked.txt": STORM,
        "README.md": "Documentation of the folder, not an article.",
        "notes.csv": "a,b\n1,2\n",
        "lines.jsonl": "\n".join([
            json.dumps({"id": "ok-1", "text": BUDGET}),
            "{not json",
            json.dumps({"title": "No text field"}),
            json.dumps({"id": "ok-1", "text": STORM}),
            "",
        ]).encode() + b"\n" + b'{"text": "caf\xe9 society"}\n',
    })
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(path)

    real_to_dict = ArticleAnalysis.to_dict

    def to_dict_or_fail(analysis):
        if "stage fail" in analysis.article.text:
            raise RuntimeError("a stage broke")
        return real_to_dict(analysis)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(ArticleAnalysis, "to_dict", to_dict_or_fail)
    summary = run_corpus([folder], tmp_path / "out", progress=False)
    records = list(iter_records([folder]))
    errors = read_table(summary.out, "errors").set_index("article_id")["reason"]
    articles = read_table(summary.out, "articles")
    assert summary.records == len(records) == 12
    assert summary.records == summary.articles + summary.errors == len(articles) + len(errors)
    assert sorted(articles["article_id"]) == ["mixed/good.txt", "ok-1"]
    expected = {
        "mixed/empty.txt": "empty article",
        "mixed/blank.txt": "empty article",
        "mixed/binary.txt": "binary data",
        "mixed/broken_utf16.txt": "invalid utf-16",
        "mixed/stage_fails.txt": "analysis failed (RuntimeError: a stage broke)",
        "mixed/locked.txt": "cannot be read (Permission denied)",
        "lines.jsonl:2": "invalid JSON",
        "lines.jsonl:3": "no 'text' string",
        "ok-1": "duplicate article id",
        "lines.jsonl:6": "invalid UTF-8 at byte 13",
    }
    assert sorted(errors.index) == sorted(expected)
    for article_id, reason in expected.items():
        assert reason in errors[article_id], (article_id, errors[article_id])


def test_jsonl_title_date_and_id(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [{"id": 17, "title": "Harbour Strike Enters Second Week", "date": "2024-03-04",
              "text": HARBOUR.split("\n", 2)[2]},
             {"text": "Storm Closes Mountain Passes\n\nHeavy snow closed three passes overnight."}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = run_corpus([path], tmp_path / "out", progress=False).out
    articles = read_table(out, "articles").set_index("article_id")
    assert list(articles.index) == ["17", "feed.jsonl:2"]
    first = articles.loc["17"]
    assert (first.title, first.title_source, first.published) == (
        "Harbour Strike Enters Second Week", "title line", "2024-03-04")
    assert article_json(out, first)["source"]["published"] == "2024-03-04"
    assert articles.loc["feed.jsonl:2", "title"] == "Storm Closes Mountain Passes"


def test_a_gdelt_file_name_dates_an_article_without_a_publication_date(tmp_path):
    folder = write_corpus(tmp_path / "gdelt", {"20240304T101500Z_GB_en_0a1b2c3d4e.txt": HARBOUR})
    out = run_corpus([folder], tmp_path / "out", progress=False).out
    result = article_json(out, read_table(out, "articles").iloc[0])
    assert (result["source"]["published"], result["source"]["file_name_date"]) == (None, "2024-03-04")
    assert [(d["text"], d["value"]) for d in result["dates"]] == [("Monday", "2024-03-04")]


def test_cache_skips_unchanged_articles_and_reanalyses_a_changed_one(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "news", {"a.txt": HARBOUR, "b.md": BUDGET, "c.txt": STORM})
    out = tmp_path / "out"
    first = run_corpus([folder], out, progress=False)
    before = tables(out)
    assert (first.articles, first.cached) == (3, 0)

    again = run_corpus([folder], out, progress=False)
    assert (again.articles, again.cached) == (3, 3)
    for name, table in tables(out).items():
        pd.testing.assert_frame_equal(table, before[name], obj=name)

    (folder / "c.txt").write_text(STORM.replace("three passes", "four passes"), encoding="utf-8")
    (folder / "a.txt").unlink()
    changed = run_corpus([folder], out, progress=False)
    assert (changed.articles, changed.cached) == (2, 1)
    articles = read_table(out, "articles").set_index("article_id")
    assert "four passes" in article_json(out, articles.loc["news/c.txt"])["text"]
    assert sorted(p.name for p in (out / "articles").iterdir()) == sorted(articles["json_path"].str[9:])

    monkeypatch.setattr("analysis.cache.__version__", "999.0")  # a new package version re-analyses all
    assert run_corpus([folder], out, progress=False).cached == 0
    assert run_corpus([folder], out, progress=False, use_cache=False).cached == 0


def test_long_article_is_parsed_in_chunks_and_matches_analyze(tmp_path):
    paragraph = "The committee met again on Tuesday and agreed a revised plan for the river crossing. " * 6
    text = "Committee Agrees River Plan\n\n" + "\n\n".join([paragraph.strip()] * (CHUNK_CHARS // len(paragraph) + 5))
    assert len(text) > CHUNK_CHARS
    folder = write_corpus(tmp_path / "long", {"long.txt": text})
    out = run_corpus([folder], tmp_path / "out", progress=False).out
    row = next(read_table(out, "articles").itertuples())
    assert article_json(out, row) == analyze(folder / "long.txt")


def test_tables_are_identical_across_engines_and_process_counts(tmp_path):
    from dask.distributed import LocalCluster

    folder = write_corpus(tmp_path / "news", {"a.txt": HARBOUR, "b.md": BUDGET, "c.txt": STORM, "d.txt": ""})
    paths = [folder, SAMPLE_CORPUS]
    runs = {n: run_corpus(paths, tmp_path / f"local{n}", progress=False, n_process=n, chunk_size=2)
            for n in (1, 2)}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        runs["dask"] = run_corpus(paths, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
                                  progress=False, chunk_size=3)
    # the engine's own LocalCluster: workers forked from this process, which has loaded the model
    runs["dask-local"] = run_corpus(paths, tmp_path / "dask-local", engine="dask", workers=2, progress=False,
                                    chunk_size=4)
    expected = tables(runs[1].out)
    assert list(expected["errors"]["article_id"]) == ["news/d.txt"]
    assert list(expected["articles"]["article_id"]) == [record.article_id for record in iter_records(paths)
                                                        if record.error is None]
    for name, run in runs.items():
        assert (run.records, run.articles, run.errors, run.cached) == (10, 9, 1, 0), name
        for table, frame in tables(run.out).items():
            pd.testing.assert_frame_equal(frame, expected[table], obj=f"{name}: {table}")
        for path in (runs[1].out / "articles").iterdir():
            assert (run.out / "articles" / path.name).read_bytes() == path.read_bytes(), (name, path.name)
        cache = sorted(p.relative_to(run.out) for p in (run.out / "cache").rglob("*.json"))
        assert cache == sorted(p.relative_to(runs[1].out) for p in (runs[1].out / "cache").rglob("*.json"))
    again = run_corpus(paths, runs[2].out, progress=False, n_process=1)
    assert again.cached == 9
    for table, frame in tables(again.out).items():
        pd.testing.assert_frame_equal(frame, expected[table], obj=f"cached: {table}")


@pytest.mark.parametrize("ahead", [0, 3])
def test_the_engine_stream_keeps_order_and_holds_a_bounded_number_of_tasks_and_records(ahead):
    from analysis.corpus.engine import SEGMENT_ITEMS, _stream

    # sources are strings here; None is a record with nothing to analyse (cached or unreadable)
    items = [None if i % 5 == 0 or 100 <= i < 400 else f"s{i}" for i in range(500)]
    pulled, tasks, in_flight = [], [], []

    def lazily():
        for item in items:
            pulled.append(item)
            yield item

    def submit(sources):
        tasks.append(sources)
        in_flight.append(len(tasks) - collected[0])
        return sources

    def collect(sources):
        collected[0] += 1
        return [(source.encode(), None) for source in sources]

    collected = [0]
    stream = _stream(lazily(), submit, collect, chunk_size=3, ahead=ahead)
    first = next(stream)
    assert first is None and len(pulled) <= (ahead + 1) * SEGMENT_ITEMS  # lazy: not the whole input
    outcomes = [first, *stream]
    assert outcomes == [None if item is None else (item.encode(), None) for item in items]
    assert max(in_flight) == ahead + 1  # submitted and not yet collected, never more
    assert all(1 <= len(task) <= 3 for task in tasks)
    assert [source for task in tasks for source in task] == [item for item in items if item is not None]


def test_n_process_defaults_to_the_usable_cores_and_the_environment_limits_it(monkeypatch):
    from analysis.corpus import N_PROCESS_ENV_VAR, default_n_process
    from analysis.corpus.engine import usable_cores

    monkeypatch.delenv(N_PROCESS_ENV_VAR, raising=False)
    assert default_n_process() == usable_cores() >= 1
    monkeypatch.setenv(N_PROCESS_ENV_VAR, "1")
    assert default_n_process() == 1
    monkeypatch.setenv(N_PROCESS_ENV_VAR, "many")
    with pytest.raises(ArticleError, match=N_PROCESS_ENV_VAR):
        default_n_process()


def test_cli_corpus(tmp_path, capsys):
    folder = write_corpus(tmp_path / "news", {"a.txt": HARBOUR, "b.txt": ""})
    assert main(["corpus", str(folder), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    assert "2 records -> 1 articles (0 from cache), 1 errors" in capsys.readouterr().out
    assert main(["corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip().endswith("missing: no such file or folder")
    assert main(["corpus", str(folder), "--out", str(tmp_path / "out"), "--n-process", "0"]) == 2
    assert capsys.readouterr().err.strip() == "error: n_process=0: give a number of processes, 1 or more"


def test_cli_dask_engine_starts_its_own_local_cluster(tmp_path, capsys):
    folder = write_corpus(tmp_path / "news", {"a.txt": HARBOUR, "b.md": BUDGET})
    out = tmp_path / "out"
    assert main(["corpus", str(folder), "--out", str(out), "--engine", "dask", "--workers", "2", "--no-progress"]) == 0
    assert "2 records -> 2 articles" in capsys.readouterr().out
    local = run_corpus([folder], tmp_path / "local", progress=False)
    pd.testing.assert_frame_equal(read_table(out, "paragraphs"), read_table(local.out, "paragraphs"))


def test_corpus_charts(tmp_path):
    from analysis.charts.corpus import plot_article_themes, plot_corpus_actors, plot_corpus_overview

    out = run_corpus([SAMPLE_CORPUS], tmp_path / "out", progress=False).out
    articles = read_table(out, "articles")
    overview = plot_corpus_overview(articles)
    left, right = overview.axes
    assert len(left.patches) == 3 and sum(p.get_width() for p in left.patches) == 6
    assert right.get_xlabel() == "Words per article" and sum(p.get_height() for p in right.patches) == 6

    actors = pd.DataFrame({"name": ["Dock Union", "Port Authority", "Vellmar"], "type": ["group", "organization",
                           "location"], "articles": [2, 1, 3], "mention_count": [4, 1, 5]})
    ax = plot_corpus_actors(actors, top=2).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Dock Union", "Vellmar"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["group", "location"]
    empty = plot_corpus_actors(actors.iloc[:0]).axes[0]
    assert "No actors" in empty.texts[0].get_text()

    themes = articles.assign(theme=[0, 0, 1, 1, 2, 2])
    ax = plot_article_themes(themes).axes[0]
    assert len(ax.patches) == 3 * 3 and [t.get_text() for t in ax.get_legend().get_texts()] == [
        "theme 0", "theme 1", "theme 2"]


@pytest.mark.notebooks
def test_corpus_notebook_runs_top_to_bottom(tmp_path):
    from analysis.config import NOTEBOOKS_DIR
    from analysis.report import execute_notebook

    folder = write_corpus(tmp_path / "news", {"a.txt": HARBOUR, "b.md": BUDGET, "c.txt": ""})
    notebook = execute_notebook(NOTEBOOKS_DIR / "05_corpus_overview.ipynb",
                                {"CORPUS_PATH": str(folder), "CORPUS_OUT": str(tmp_path / "out"),
                                 "ARTICLE_PATH": None, "RANDOM_STATE": 0})
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    printed = "".join(output.get("text", "") for output in outputs)
    assert "3 records: 2 articles analysed" in printed and "1 errors" in printed
    assert sum("image/png" in output.get("data", {}) for output in outputs) == 3
    assert len(read_table(tmp_path / "out", "errors")) == 1


def test_cluster_articles_groups_the_sample_corpus_by_subject(tmp_path):
    from analysis.corpus import cluster_articles

    out = run_corpus([SAMPLE_CORPUS], tmp_path / "out", progress=False).out
    themes = cluster_articles(out, k=3, random_state=0)
    assert (themes.groupby("collection")["theme"].nunique() == 1).all() and themes["theme"].nunique() == 3
    pd.testing.assert_frame_equal(themes, cluster_articles(out, k=3, random_state=0))
    pd.testing.assert_frame_equal(read_table(out, "article_themes"), themes)
