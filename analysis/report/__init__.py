"""The rendered report: the briefing (``index.html``), the article page, the notebook pages and the tables.

``build_report`` analyses the article once (:mod:`analysis.cache`: the notebooks' kernels read
that analysis instead of analysing the article again), runs the notebooks side by side on fresh kernels
(:mod:`analysis.report.notebooks`), and writes, all from the same analysis: the briefing and the
article page its evidence links point into (:mod:`analysis.report.briefing`), each notebook as a page
with code and as a reader's page without, and the tables behind the briefing as CSV and Parquet.
No page carries a local path: the input is named by its file name and SHA-256.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from ..cache import CACHE_ENV_VAR, MODEL_ENV_VAR, AnalysisCache, analyse_into_cache, default_cache_dir
from ..config import DEFAULT_ARTICLE, DEFAULT_RANDOM_STATE, REPORTS_DIR
from ..pipeline import ArticleAnalysis
from .briefing import ARTICLE_PAGE, Link, article_page_html, briefing_html
from .notebooks import (
    INJECTED_TAG,
    READER_SUFFIX,
    RenderedPage,
    declared_parameters,
    execute_notebook,
    export_html,
    inject_parameters,
    notebook_paths,
    notebook_summary,
)

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
    :class:`~analysis.errors.ArticleError`, not inside a kernel), then analysed into the analysis cache
    (``cache``, default :func:`~analysis.cache.default_cache_dir`) while the notebooks that do not read it
    already run; ``workers`` notebooks run at once (default: one more than the cores, since a kernel also
    waits, for its start and for each cell's round trip; measured faster than one per core).
    """
    import nbformat

    from ..nlp import load_model, model_description
    from ..reading import read_source

    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    article_path = Path(article or DEFAULT_ARTICLE).resolve()
    read_source(article_path)  # input that cannot be analysed fails here, in a second, before any kernel starts
    out_dir = Path(out or REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    model = model_description(load_model())
    analysis_cache = AnalysisCache(cache or default_cache_dir(), model=model)

    paths = notebooks if notebooks is not None else notebook_paths()
    declared = {path: declared_parameters(nbformat.read(path, as_version=4)) for path in paths}
    parameters = {"ARTICLE_PATH": article_path.name, "RANDOM_STATE": random_state, "CORPUS_OUT": CORPUS_DIR}
    environment = {CACHE_ENV_VAR: str(analysis_cache.directory.resolve()), MODEL_ENV_VAR: model}

    def render(number: int, path: Path) -> RenderedPage:
        progress(f"[{number}/{len(paths)}] {path.name}: running …")
        begun = time.perf_counter()
        executed = execute_notebook(path, parameters, model=model,
                                    cwd=_working_folder(declared[path], article_path.parent, out_dir),
                                    environment=environment)
        title, summary = notebook_summary(executed)
        title = title or path.stem
        html, reader = out_dir / (path.stem + ".html"), out_dir / (path.stem + READER_SUFFIX)
        export_html(executed, html, title=title)
        export_html(executed, reader, title=title, code=False)
        seconds = time.perf_counter() - begun
        progress(f"[{number}/{len(paths)}] {path.name}: done in {seconds:.1f} s → {html}")
        return RenderedPage(path, html, title, summary, seconds, reader)

    numbered = list(enumerate(paths, start=1))
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        # Notebooks that do not read the article start at once; the others once its analysis is in the cache.
        futures = {path: pool.submit(render, number, path) for number, path in numbered
                   if "ARTICLE_PATH" not in declared[path]}
        analysis = analyse_into_cache(article_path, analysis_cache, random_state=random_state)
        progress(f"analysis: {time.perf_counter() - started:.1f} s")
        futures |= {path: pool.submit(render, number, path) for number, path in numbered if path not in futures}
        tables = write_tables(analysis, out_dir / TABLES_DIR)  # while the kernels run
        (out_dir / ARTICLE_PAGE).write_text(article_page_html(analysis), encoding="utf-8")
        pages = [futures[path].result() for path in paths]
    index = write_briefing(out_dir, analysis, pages, tables)
    progress(f"report: {len(pages)} pages in {time.perf_counter() - started:.1f} s, briefing at {index}")
    return pages


def default_workers() -> int:
    """Notebooks run at once by default: one more than the cores."""
    return (os.cpu_count() or 1) + 1


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


def write_briefing(out_dir: Path, analysis: ArticleAnalysis, pages: list[RenderedPage], tables: list[Link]) -> Path:
    """``index.html``: the briefing, linking each rendered notebook's reader's page and its page with code."""
    links = {page.notebook.stem: Link(page.title, (page.reader or page.html).name, page.summary, page.html.name)
             for page in pages}
    built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    index = out_dir / "index.html"
    index.write_text(briefing_html(analysis, pages=links, tables=tables, built=built), encoding="utf-8")
    return index
