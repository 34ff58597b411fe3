"""The rendered report: the briefing (``index.html``), the article page, the notebook pages and the tables.

``build_report`` analyses the article once (:mod:`analysis.cache`: the notebooks' kernels read
that analysis instead of analysing the article again), runs the notebooks side by side on a pool of kernels
started while the article is analysed (:mod:`analysis.report.kernels`, :mod:`analysis.report.notebooks`),
and writes, all from the same analysis: the briefing and the article page its evidence links point into
(:mod:`analysis.report.briefing`), each notebook as a page with code and as a reader's page without, and the
tables behind the briefing as CSV and Parquet.
No page carries a local path: the input is named by its file name and SHA-256.
"""

from __future__ import annotations

import gc
import os
import re
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from ..config import DEFAULT_ARTICLE, DEFAULT_RANDOM_STATE, REPORTS_DIR
from .briefing import ARTICLE_PAGE, Link, article_page_html, briefing_html, chart_pngs
from .kernels import PoolKernel, run_on_pool, shared_imports
from .notebooks import (
    CELL_TIMEOUT_SECONDS,
    INJECTED_TAG,
    READER_SUFFIX,
    RenderedPage,
    declared_parameters,
    execute_notebook,
    export_html,
    failures_named,
    inject_parameters,
    kernel_environment,
    notebook_paths,
    notebook_summary,
    prepared_notebook,
)

if TYPE_CHECKING:
    from ..pipeline import ArticleAnalysis

__all__ = ["INJECTED_TAG", "RenderedPage", "build_report", "execute_notebook", "export_html", "inject_parameters",
           "notebook_paths", "write_briefing", "write_tables"]

TABLES_DIR = "tables"
CORPUS_DIR = "corpus"


def build_report(
    article: str | Path | None = None,
    out: str | Path | None = None,
    *,
    random_state: int = DEFAULT_RANDOM_STATE,
    notebooks: list[Path] | None = None,
    progress=None,
    cache: str | Path | None = None,
    workers: int | None = None,
) -> list[RenderedPage]:
    """Render the briefing, the article page, every notebook and the tables for ``article`` into ``out``.

    The article is read first (bad input fails in a second with a clear
    :class:`~analysis.errors.ArticleError`, not inside a kernel). ``workers`` kernels (default: one per core)
    start and import what the notebooks import while the article is analysed into the analysis cache
    (``cache``, default :func:`~analysis.cache.default_cache_dir`); each then runs notebooks one after
    another (:mod:`analysis.report.kernels`), those that do not read the article first, while one thread of
    this process exports each executed notebook's two pages. Once the model is loaded, what this process holds
    is frozen for the garbage collector (``gc.freeze``: later collections do not walk the modules and the model).
    """
    from ..reading import read_source

    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    article_path = Path(article or DEFAULT_ARTICLE).resolve()
    read_source(article_path)  # input that cannot be analysed fails here, in a second, before any kernel starts
    out_dir = Path(out or REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    paths = notebooks if notebooks is not None else notebook_paths()
    sources = {path: nbformat.read(path, as_version=4) for path in paths}
    declared = {path: declared_parameters(notebook) for path, notebook in sources.items()}
    parameters = {"ARTICLE_PATH": article_path.name, "RANDOM_STATE": random_state, "CORPUS_OUT": CORPUS_DIR}
    # Set below while the kernels start: the model's description and the notebooks' environment; the analysis.
    setting, analysed = Future(), Future()

    def render(kernel: PoolKernel, numbered: tuple[int, Path]) -> Future:
        """Run one notebook on ``kernel``; its pages are exported by the export thread while the kernel goes on."""
        number, path = numbered
        model, environment = setting.result()
        if "ARTICLE_PATH" in declared[path]:
            analysed.result()
        progress(f"[{number}/{len(paths)}] {path.name}: running …")
        begun = time.perf_counter()
        executed = prepared_notebook(path, parameters, model=model)
        with failures_named(path, executed):
            kernel.execute(executed, cwd=str(_working_folder(declared[path], article_path.parent, out_dir)),
                           environment=environment)
        return exporting.submit(export, executed, numbered, begun)

    def export(executed, numbered: tuple[int, Path], begun: float) -> RenderedPage:
        number, path = numbered
        title, summary = notebook_summary(executed)
        title = title or path.stem
        html, reader = out_dir / (path.stem + ".html"), out_dir / (path.stem + READER_SUFFIX)
        export_html(executed, html, title=title)
        export_html(executed, reader, title=title, code=False)
        seconds = time.perf_counter() - begun
        progress(f"[{number}/{len(paths)}] {path.name}: done in {seconds:.1f} s → {html}")
        return RenderedPage(path, html, title, summary, seconds, reader)

    numbered = list(enumerate(paths, start=1))
    # Notebooks that do not read the article first: they run while it is analysed. Then the longest first, so
    # that the kernels finish at about the same time (:func:`_expected_cost`).
    order = sorted(numbered, key=lambda item: _expected_cost(sources[item[1]]), reverse=True)
    order.sort(key=lambda item: "ARTICLE_PATH" in declared[item[1]])  # stable: the longest first within each
    launched = threading.Event()
    # One thread runs the pool; one exports the pages, one after another (one exporter), so no kernel waits.
    with ThreadPoolExecutor(max_workers=1) as pool, ThreadPoolExecutor(max_workers=1) as exporting:
        pages = pool.submit(run_on_pool, render, order, size=workers or default_workers(),
                            environment=kernel_environment(), warm_up=shared_imports(sources.values()),
                            timeout=CELL_TIMEOUT_SECONDS, launched=launched)
        while not (launched.wait(0.05) or pages.done()):  # the kernels' processes start before this one imports
            pass                                              # spaCy (the import would hold them up)
        try:
            from ..cache import CACHE_ENV_VAR, MODEL_ENV_VAR, AnalysisCache, analyse_into_cache, default_cache_dir
            from ..corpus.engine import N_PROCESS_ENV_VAR
            from ..nlp import load_model, model_description

            model = model_description(load_model())
            gc.freeze()  # the modules and the model: long-lived (as in the kernels, kernels.AFTER_WARM_UP)
            analysis_cache = AnalysisCache(cache or default_cache_dir(), model=model)
            setting.set_result((model, {CACHE_ENV_VAR: str(analysis_cache.directory.resolve()), MODEL_ENV_VAR: model,
                                        N_PROCESS_ENV_VAR: "1"}))  # corpus mode in a notebook: no worker processes
            analysis = analyse_into_cache(article_path, analysis_cache, random_state=random_state)
            analysed.set_result(True)
        except BaseException as error:
            for waited in (setting, analysed):
                if not waited.done():
                    waited.set_exception(error)
            raise
        progress(f"analysis: {time.perf_counter() - started:.1f} s")
        tables = write_tables(analysis, out_dir / TABLES_DIR)  # while the kernels run
        (out_dir / ARTICLE_PAGE).write_text(article_page_html(analysis), encoding="utf-8")
        from ..charts import themes, timeline  # noqa: F401 - the briefing's charts' modules, imported while kernels run
        rendered = {page.notebook: page for page in (exported.result() for exported in pages.result())}
    pages = [rendered[path] for path in paths]
    charts = chart_pngs(analysis)  # after the notebooks: they have drawn these, so they are read
    index = write_briefing(out_dir, analysis, pages, tables, charts)
    progress(f"report: {len(pages)} pages in {time.perf_counter() - started:.1f} s, briefing at {index}")
    return pages


def default_workers() -> int:
    """Kernels of the report by default: one per core (each runs several notebooks, one after another)."""
    return os.cpu_count() or 1


def _expected_cost(notebook) -> tuple[int, int]:
    """How long a notebook is expected to run on a warm kernel: by the charts it draws (``plot_…(`` calls;
    0.2–0.4 s of CPU each, most of a notebook's time once the analysis is read), then by its code cells."""
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    return sum(len(re.findall(r"\bplot_\w+\(", source)) for source in code), len(code)


def _working_folder(declared: set[str], article_folder: Path, out_dir: Path) -> Path:
    """Where a notebook's kernel runs, so that its path parameters are plain names and no page shows a local
    path: the report folder for a notebook that writes into it (it declares ``CORPUS_OUT``), else the
    article's folder (``ARTICLE_PATH`` is the file's name)."""
    return out_dir.resolve() if "CORPUS_OUT" in declared else article_folder


def write_tables(analysis: ArticleAnalysis, folder: Path) -> list[Link]:
    """The tables behind the briefing (actors, claims, dates, themes) as CSV and Parquet; their links (``href``
    the CSV file, ``alternate`` the Parquet file)."""
    from ..tables import actor_table, claims_table, dates_table
    from ..themes import theme_table

    folder.mkdir(parents=True, exist_ok=True)
    tables = {"actors": actor_table(analysis).reset_index(), "claims": claims_table(analysis.claims),
              "dates": dates_table(analysis.dates),
              "themes": theme_table(analysis.article, analysis.themes).reset_index()}
    links = []
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
        table.to_parquet(folder / f"{name}.parquet", index=False)
        links.append(Link(name, f"{folder.name}/{name}.csv", f"{len(table)} rows × {len(table.columns)} columns",
                          f"{folder.name}/{name}.parquet"))
    return links


def write_briefing(out_dir: Path, analysis: ArticleAnalysis, pages: list[RenderedPage], tables: list[Link],
                   charts: dict[str, bytes] | None = None) -> Path:
    """``index.html``: the briefing, linking each rendered notebook's reader's page and its page with code
    (``charts``: the briefing's charts when already drawn)."""
    links = {page.notebook.stem: Link(page.title, (page.reader or page.html).name, page.summary, page.html.name)
             for page in pages}
    built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    index = out_dir / "index.html"
    index.write_text(briefing_html(analysis, pages=links, tables=tables, built=built, charts=charts), encoding="utf-8")
    return index
