"""Notebooks: committed without outputs, each executed top to bottom, rendered into the report."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import ArticleAnalysis
from analysis.config import DEFAULT_ARTICLE, PROJECT_ROOT
from analysis.errors import NotebookFailed
from analysis.report import build_report, execute_notebook, notebook_paths
from analysis.report.notebooks import declared_parameters

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_parse_article.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs_and_with_parameters(path):
    notebook = nbformat.read(path, as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code_cells)
    assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code_cells)
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")


@pytest.fixture(scope="module")
def rendered_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    cache = tmp_path_factory.mktemp("cache")
    messages = []
    pages = build_report(DEFAULT_ARTICLE, out, progress=messages.append, cache=cache)
    return out, pages, messages, cache


@pytest.mark.notebooks
def test_report_renders_every_notebook(rendered_report):
    out, pages, messages, _ = rendered_report
    assert [page.notebook for page in pages] == NOTEBOOKS
    digest = hashlib.sha256(DEFAULT_ARTICLE.read_bytes()).hexdigest()
    for page in pages:
        html = page.html.read_text(encoding="utf-8")
        assert "Reproducibility record" in html
        assert html.rfind("Reproducibility record") > html.rfind("Results, limitations")
        assert "data:image/png;base64," in html, f"{page.html.name} has no embedded figure"
        assert 'class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"' not in html
        if "ARTICLE_PATH" in declared_parameters(nbformat.read(page.notebook, as_version=4)):
            # the pages about the article name it by its file name and SHA-256
            assert digest in html and f"'{DEFAULT_ARTICLE.name}'" in html, page.html.name
    assert sum(digest in page.html.read_text(encoding="utf-8") for page in pages) >= 4
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{page.html.name}"' in index and f'href="{page.reader.name}"' in index for page in pages)
    assert "Joint Tactical Flight Exercises" in index
    assert any("done in" in message for message in messages)
    assert (out / "corpus" / "articles.parquet").is_file()  # the corpus notebook writes inside --out


@pytest.mark.notebooks
def test_reader_pages_have_the_results_without_the_code(rendered_report):
    _, pages, _, _ = rendered_report
    for page in pages:
        with_code, reader = (path.read_text(encoding="utf-8") for path in (page.html, page.reader))
        assert 'highlight hl-ipython3' in with_code and 'highlight hl-ipython3' not in reader, page.reader.name
        assert "import" in with_code and "from analysis" not in reader
        assert reader.count("data:image/png;base64,") == with_code.count("data:image/png;base64,") > 0
        assert "Reproducibility record" in reader and "Results, limitations" in reader


@pytest.mark.notebooks
def test_no_page_carries_a_local_path(rendered_report):
    out, _, _, cache = rendered_report
    local = [str(DEFAULT_ARTICLE.parent), str(PROJECT_ROOT), str(out), str(cache), str(Path.home())]
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 2 * len(NOTEBOOKS) + 2  # each notebook twice, the briefing, the article page
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert not [folder for folder in local if folder in html], path.name


@pytest.mark.notebooks
def test_the_notebooks_reuse_the_reports_analysis(rendered_report):
    """One cache entry: every kernel read the analysis the report made instead of making its own."""
    _, _, _, cache = rendered_report
    entries = list(cache.rglob("*.pickle"))
    assert len(entries) == 1
    assert entries[0].stat().st_mtime < min(page.html.stat().st_mtime for page in rendered_report[1])


@pytest.mark.notebooks
def test_the_tables_behind_the_briefing_are_written_beside_it(rendered_report):
    out = rendered_report[0]
    analysis = ArticleAnalysis.load(DEFAULT_ARTICLE)
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("actors", "claims", "dates", "themes"):
        assert f'href="tables/{name}.csv"' in index and f'href="tables/{name}.parquet"' in index
        csv, parquet = pd.read_csv(out / "tables" / f"{name}.csv"), pd.read_parquet(out / "tables" / f"{name}.parquet")
        assert len(csv) == len(parquet) > 0 and list(csv.columns) == list(parquet.columns)
    actors = pd.read_parquet(out / "tables" / "actors.parquet")
    assert actors["id"].tolist() == [actor.id for actor in analysis.actors.actors]
    assert len(pd.read_csv(out / "tables" / "claims.csv")) == len(analysis.claims)


def test_injected_parameters_are_those_the_notebook_declares():
    from analysis.report import INJECTED_TAG, inject_parameters

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("ARTICLE_PATH = None\nRANDOM_STATE = 0",
                                                metadata={"tags": ["parameters"]})]
    inject_parameters(notebook, {"ARTICLE_PATH": "a.txt", "RANDOM_STATE": 3, "CORPUS_OUT": "elsewhere"})
    injected = notebook.cells[1]
    assert INJECTED_TAG in injected.metadata["tags"]
    assert "ARTICLE_PATH = 'a.txt'" in injected.source and "RANDOM_STATE = 3" in injected.source
    assert "CORPUS_OUT" not in injected.source


@pytest.mark.notebooks
def test_failing_cell_is_named(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("ARTICLE_PATH = None\nRANDOM_STATE = 0", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('deliberate failure')"),
    ]
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(NotebookFailed, match=r"broken.ipynb failed in code cell 3 .*deliberate failure"):
        execute_notebook(path, {"ARTICLE_PATH": str(DEFAULT_ARTICLE), "RANDOM_STATE": 0})


def test_cached_analysis_is_the_analysis_of_these_bytes(tmp_path, monkeypatch, write_article):
    """A hit gives exactly what analysing the file gives; changed bytes or options are analysed afresh."""
    from analysis.cache import CACHE_ENV_VAR, MODEL_ENV_VAR, AnalysisCache, analyse_into_cache, cached_analysis
    from analysis.nlp import load_model, model_description

    path = write_article("talks.txt", "Talks in Oslo\n\nThe minister met the envoy in Oslo on 3 May 2023, "
                                       "officials said.\n\nThe envoy said the talks would go on.\n")
    model = model_description(load_model())
    cache = AnalysisCache(tmp_path / "cache", model=model)
    stored = analyse_into_cache(path, cache, random_state=0)
    monkeypatch.setenv(CACHE_ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setenv(MODEL_ENV_VAR, model)
    monkeypatch.chdir(path.parent)
    read = cached_analysis(path.name, random_state=0)
    assert read is not stored and read.to_dict() == ArticleAnalysis.load(path.name, random_state=0).to_dict()
    assert read.article.source.path == path.name and len(list((tmp_path / "cache").rglob("*.pickle"))) == 1
    cached_analysis(path.name, random_state=1)
    path.write_text(path.read_text(encoding="utf-8").replace("Oslo on", "Bergen on"), encoding="utf-8")
    assert "Bergen" in cached_analysis(path.name, random_state=0).article.text
    assert len(list((tmp_path / "cache").rglob("*.pickle"))) == 3


def test_a_cached_analysis_draws_each_figure_once_and_an_uncached_one_every_time(tmp_path, write_article):
    """The explorer's and the briefing's charts of one cache entry are drawn once, by whichever asks first."""
    from analysis.cache import AnalysisCache, analyse_into_cache, cached_png
    from analysis.nlp import load_model, model_description

    path = write_article("talks.txt", "Talks in Oslo\n\nThe minister met the envoy in Oslo on 3 May 2023.\n")
    cache = AnalysisCache(tmp_path / "cache", model=model_description(load_model()))
    draws = []

    def draw(png: bytes):
        return lambda: draws.append(png) or png

    first, second = (analyse_into_cache(path, cache, random_state=0) for _ in range(2))
    assert cached_png(first, "chart", draw(b"one")) == b"one"
    assert cached_png(second, "chart", draw(b"two")) == b"one" and draws == [b"one"]
    assert cached_png(second, "other chart", draw(b"three")) == b"three"
    other_options = analyse_into_cache(path, cache, random_state=1)
    assert cached_png(other_options, "chart", draw(b"four")) == b"four"
    uncached = ArticleAnalysis.load(path, random_state=0)
    assert [cached_png(uncached, "chart", draw(b"five")) for _ in range(2)] == [b"five"] * 2
    assert draws == [b"one", b"three", b"four", b"five", b"five"]


def test_a_chart_of_a_cached_analysis_is_saved_once_whoever_draws_it(tmp_path, monkeypatch, write_article):
    """A notebook cell's figure, the explorer's and the briefing's PNG of the same chart of one cache entry: one
    savefig, the same bytes; other arguments, a figure changed after it was made, another analysis's parts or
    an uncached analysis: drawn again."""
    from analysis import charts
    from analysis.cache import AnalysisCache, analyse_into_cache, chart_entry
    from analysis.charts.themes import plot_theme_flow
    from analysis.charts.timeline import plot_timeline
    from analysis.nlp import load_model, model_description
    from analysis.themes import article_themes

    path = write_article(
        "talks.txt",
        "Talks in Oslo\n\nThe minister met the envoy in Oslo on 3 May 2023.\n\n"
        "The envoy said on 4 May that the talks would go on.\n",
    )
    cache = AnalysisCache(tmp_path / "cache", model=model_description(load_model()))
    analysis = analyse_into_cache(path, cache, random_state=0)
    saved = []
    real = charts._saved_png
    monkeypatch.setattr(charts, "_saved_png", lambda figure: saved.append(figure) or real(figure))
    shown = charts.figure_png(plot_timeline(analysis.events))
    assert charts.chart_png(plot_timeline, analysis.events, highlight=None) == shown and len(saved) == 1
    assert charts.chart_png(plot_timeline, analysis.events, title="Other title") != shown and len(saved) == 2
    changed = plot_timeline(analysis.events)
    changed.axes[0].set_title("Changed after it was made")
    assert charts.figure_png(changed) != shown and len(saved) == 3
    assert chart_entry(plot_timeline, (analysis.events,), {})[1].endswith(
        "plot_timeline(events=events, title='Timeline of dated events', highlight=None)"
    )
    flow = charts.chart_png(plot_theme_flow, analysis.themes, analysis.article)
    assert charts.figure_png(plot_theme_flow(analysis.themes, analysis.article)) == flow and len(saved) == 4
    reclustered = article_themes(analysis.article, n_themes=1, random_state=0)  # not a part of the analysis
    assert chart_entry(plot_theme_flow, (reclustered, analysis.article), {}) is None
    other = analyse_into_cache(path, cache, random_state=1)
    assert chart_entry(plot_theme_flow, (other.themes, analysis.article), {}) is None  # parts of two analyses
    uncached = ArticleAnalysis.load(path, random_state=0)
    for _ in range(2):
        charts.figure_png(plot_timeline(uncached.events))
    assert len(saved) == 6


def test_the_cache_key_follows_the_packages_source(tmp_path, monkeypatch):
    """An edited source file (not a renamed or added non-Python file) makes another key: entries of other code
    under the same version number are not read."""
    from analysis import cache

    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "sub" / "stage.py").write_text("RULE = 1\n", encoding="utf-8")
    (package / "notes.txt").write_text("not code", encoding="utf-8")
    before = cache.source_fingerprint.__wrapped__(package)
    (package / "notes.txt").write_text("edited, still not code", encoding="utf-8")
    assert cache.source_fingerprint.__wrapped__(package) == before
    (package / "sub" / "stage.py").write_text("RULE = 2\n", encoding="utf-8")
    edited = cache.source_fingerprint.__wrapped__(package)
    assert edited != before
    key = cache.AnalysisCache(tmp_path, model="m").key("0" * 64, "text", {})
    monkeypatch.setattr(cache, "source_fingerprint", lambda: edited)
    assert cache.AnalysisCache(tmp_path, model="m").key("0" * 64, "text", {}) != key


def test_a_cache_entry_holds_the_parse_without_the_vocabulary(tmp_path, write_article):
    """The entry stores the Doc as bytes (no pickled vocabulary); the analysis read back has every stage and
    rebuilds the same Doc only when it is used."""
    from analysis.cache import AnalysisCache, analyse_into_cache
    from analysis.nlp import load_model, model_description

    path = write_article("talks.txt", "Talks in Oslo\n\nThe minister met the envoy in Oslo on 3 May 2023.\n")
    cache = AnalysisCache(tmp_path / "cache", model=model_description(load_model()))
    stored = analyse_into_cache(path, cache, random_state=0)
    (entry,) = (tmp_path / "cache").rglob("*.pickle")
    assert b"unpickle_vocab" not in entry.read_bytes()
    read = analyse_into_cache(path, cache, random_state=0)
    assert "doc" not in vars(read.article) and read.to_dict() == stored.to_dict()
    assert read.article.doc.to_bytes() == stored.article.doc.to_bytes()
    assert [token.is_stop for token in read.article.doc] == [token.is_stop for token in stored.article.doc]


def test_a_cached_analysis_is_read_without_importing_spacy(tmp_path, write_article):
    """A notebook kernel reads every stage result and the tables of a cached analysis without importing spaCy
    (about a second of CPU per kernel): the stages import spaCy's names for type hints only."""
    from analysis.cache import CACHE_ENV_VAR, MODEL_ENV_VAR, AnalysisCache, analyse_into_cache
    from analysis.nlp import load_model, model_description

    path = write_article("talks.txt", "Talks in Oslo\n\nThe minister met the envoy in Oslo on 3 May 2023, "
                                       "officials said.\n\nThe envoy said the talks would go on.\n")
    model = model_description(load_model())
    stored = analyse_into_cache(path, AnalysisCache(tmp_path / "cache", model=model), random_state=0)
    code = ("import json, sys\n"
            "from analysis.cache import cached_analysis\n"
            "from analysis import tables\n"
            "analysis = cached_analysis(sys.argv[1], random_state=0)\n"
            "article, themes = analysis.article, analysis.themes\n"
            "frames = [tables.structure_table(article), tables.sentence_table(article), tables.actor_table(analysis),\n"
            "          tables.mention_table(analysis), tables.dates_table(analysis.dates),\n"
            "          tables.events_table(analysis.events), tables.claims_table(analysis.claims),\n"
            "          tables.cue_table(analysis), tables.theme_table(article, themes),\n"
            "          tables.paragraph_theme_table(article, themes)]\n"
            "print(json.dumps({'rows': [len(frame) for frame in frames], 'result': analysis.to_dict(),\n"
            "                  'spacy': 'spacy' in sys.modules}))\n")
    environment = {**os.environ, CACHE_ENV_VAR: str(tmp_path / "cache"), MODEL_ENV_VAR: model}
    completed = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                               env=environment)
    read = json.loads(completed.stdout)
    assert read["result"] == json.loads(json.dumps(stored.to_dict())) and all(read["rows"][:3])
    assert read["spacy"] is False


def _notebook(*sources: str):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    return notebook


@pytest.mark.notebooks
def test_a_pool_kernel_runs_each_notebook_from_an_empty_namespace(tmp_path):
    """One kernel, two notebooks: the second sees none of the first's names, numbers its cells from 1 and runs
    in its own folder with its own environment; the garbage collector is on, what the warm-up made frozen."""
    from analysis.report.kernels import run_on_pool, shared_imports
    from analysis.report.notebooks import kernel_environment

    first = _notebook("import json\nleftover = json.dumps(1)", "leftover")
    second = _notebook(
        "import os\nprint(os.getcwd(), os.environ['POOL_TEST'])",
        "print(sorted(name for name in ('leftover', 'json') if name in dir()))",
        "import gc\nprint(gc.isenabled(), gc.get_freeze_count() > 0)",
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()

    def run(kernel, item):
        notebook, folder = item
        kernel.execute(notebook, cwd=str(tmp_path / folder), environment={"POOL_TEST": folder})
        return notebook

    launched = threading.Event()
    ran = run_on_pool(run, [(first, "a"), (second, "b")], size=1, environment=kernel_environment(),
                      warm_up=shared_imports([first, second]), timeout=60, launched=launched)
    assert launched.is_set()
    assert [notebook is expected for notebook, expected in zip(ran, (first, second))] == [True, True]
    assert first.cells[1].outputs[0]["data"]["text/plain"] == "'1'"
    cwd_line, names_line, collector_line = (cell.outputs[0]["text"].strip() for cell in second.cells)
    assert cwd_line == f"{tmp_path / 'b'} b"
    assert names_line == "[]"
    assert collector_line == "True True"  # collecting again, the warm-up's objects frozen
    assert [cell.execution_count for cell in second.cells] == [1, 2, 3]


@pytest.mark.notebooks
def test_the_pool_stops_at_a_failing_notebook(tmp_path):
    from nbclient.exceptions import CellExecutionError

    from analysis.report.kernels import run_on_pool
    from analysis.report.notebooks import kernel_environment

    marker = tmp_path / "ran"
    notebooks = [_notebook("raise ValueError('deliberate failure')"), _notebook(f"open({str(marker)!r}, 'w')")]
    with pytest.raises(CellExecutionError, match="deliberate failure"):
        run_on_pool(lambda kernel, notebook: kernel.execute(notebook, cwd=str(tmp_path), environment={}),
                    notebooks, size=1, environment=kernel_environment(), warm_up="", timeout=60)
    assert not marker.exists()


def test_kernels_warm_up_with_the_imports_notebooks_share():
    from analysis.report.kernels import shared_imports

    notebooks = [_notebook("import json\nfrom os import path, sep", "%time x = 1"), _notebook("from os import sep"),
                 _notebook("import json, csv")]
    namespace = {}
    exec(shared_imports(notebooks), namespace)  # noqa: S102 - the code under test
    warmed = shared_imports(notebooks).split("\n")[0]
    assert "'import json'" in warmed and "'from os import sep'" in warmed
    assert "path" not in warmed and "csv" not in warmed
    assert "json" not in namespace  # the imports leave no name behind
