"""Corpus mode: many articles through the same ``analyze``, fast, cached, on one machine or on Dask.

The data flow, one article at a time so memory stays flat whatever the corpus size:

records (a folder of .txt/.md/.html files, or JSON-Lines) read lazily (``records.py``) → cache
lookup (content hash, package version, spaCy model, reference tables; ``cache.py``) → the misses, in
chunks, parsed by ``nlp.pipe``, analysed by :class:`~analysis.pipeline.ArticleAnalysis` and encoded
as JSON in worker processes (one per core by default, local engine) or on ``dask.distributed``
workers (dask engine; ``engine.py``) → each result written as JSON under ``articles/`` and streamed
into Parquet tables in row groups (``tables.py``) by this process, and every record that could not be
analysed into ``errors.parquet``.

>>> summary = run_corpus(["data/sample_corpus"], "corpus_out", progress=False)  # doctest: +SKIP
>>> summary.records == summary.articles + summary.errors  # doctest: +SKIP
True
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections import Counter, deque
from collections.abc import Iterable
from pathlib import Path

from ..errors import ArticleError
from ..schema import ITEM_TABLES
from .cache import ResultCache, encode_result
from .engine import (
    BATCH_SIZE,
    CHUNK_SIZE,
    ENGINES,
    N_PROCESS_ENV_VAR,
    Analyse,
    analyze_chunk,
    analyze_sources,
    default_n_process,
    open_engine,
)
from .records import ARTICLE_SUFFIXES, JSONL_SUFFIXES, Record, file_record, iter_records, jsonl_records
from .tables import (
    ARTICLES_FOLDER,
    TABLE_COLUMNS,
    CorpusWriter,
    article_row,
    item_rows,
    json_name,
    read_table,
    table_schema,
)

__all__ = ["ARTICLES_FOLDER", "ARTICLE_SUFFIXES", "BATCH_SIZE", "CHUNK_SIZE", "ENGINES", "ITEM_TABLES",
           "JSONL_SUFFIXES", "N_PROCESS_ENV_VAR", "TABLE_COLUMNS", "CorpusSummary", "CorpusWriter", "Record",
           "ResultCache", "analyze_chunk", "analyze_sources", "article_row", "cluster_articles", "default_n_process",
           "encode_result", "file_record", "item_rows", "iter_records", "json_name", "jsonl_records", "open_engine",
           "read_table", "run_corpus", "table_schema"]


@dataclasses.dataclass(frozen=True)
class CorpusSummary:
    """What a run did: ``records == articles + errors`` always (nothing is dropped)."""

    out: Path
    records: int
    articles: int
    errors: int
    cached: int
    seconds: float


def _outcomes(records: Iterable[Record], analyse: Analyse, cache: ResultCache | None):
    """``(record, result, encoded JSON or error reason, from cache)`` for each record, in order.

    Every record goes into the engine's one stream, a record with nothing to analyse (cached or
    unreadable) as ``None``: the workers are fed continuously, and only the records the engine holds
    are in memory.
    """
    taken = deque()  # (record, cache key, cached JSON) of the records the engine has taken, oldest first

    def items():
        for record in records:
            key = cache.key(record.source) if cache and record.source else None
            cached = cache.get(key) if key else None
            taken.append((record, key, cached))
            yield record.source if cached is None else None  # no source for a record that cannot be read

    for outcome in analyse(items()):
        record, key, cached = taken.popleft()
        if record.error is not None:
            yield record, None, record.error, False
        elif cached is not None:
            yield record, json.loads(cached), cached, True
        else:
            encoded, error = outcome
            if encoded is None:
                yield record, None, error, False
                continue
            if cache:
                cache.put(key, encoded)
            yield record, json.loads(encoded), encoded, False


def run_corpus(
    paths: Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    n_process: int | None = None,
    batch_size: int = BATCH_SIZE,
    chunk_size: int = CHUNK_SIZE,
    cache: str | os.PathLike | None = None,
    use_cache: bool = True,
    progress: bool = True,
) -> CorpusSummary:
    """Analyse every article of the corpus at ``paths`` and write JSON and Parquet tables to ``out``.

    ``out`` gets ``articles/<id>.json`` (each exactly :func:`~analysis.pipeline.analyze`'s output),
    ``articles``, ``paragraphs``, ``mentions``, ``actors`` (canonical across articles), ``dates``,
    ``claims``, ``themes`` and ``errors`` ``.parquet``. The cache lives in ``cache`` (default
    ``out/cache``); ``use_cache=False`` analyses everything afresh and stores nothing. Records that
    cannot be analysed become rows of ``errors.parquet``; the run never stops for one of them.
    ``n_process`` local worker processes (default ``$ANALYSIS_N_PROCESS``, else one per usable core)
    or the Dask engine's workers each take ``chunk_size`` articles at a time; the output does not
    depend on either.

    Raises :class:`~analysis.errors.ArticleError` when a path does not exist.
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise ArticleError(f"{path}: no such file or folder")
    out = Path(out)
    started = time.perf_counter()
    counts = Counter()
    with open_engine(engine, scheduler=scheduler, workers=workers, n_process=n_process,
                     batch_size=batch_size, chunk_size=chunk_size) as (analyse, model):
        store = ResultCache(cache or out / "cache", model=model) if use_cache else None
        writer = CorpusWriter(out)
        with _progress_bar(progress) as bar:
            for record, result, data, cached in _outcomes(iter_records(paths), analyse, store):
                if result is not None:
                    try:
                        writer.add_article(record, result, data)
                    except ValueError as error:  # a stage broke the table contract for this article
                        result, data = None, f"{record.origin}: cannot tabulate the result ({error})"
                if result is None:
                    writer.add_error(record, data)
                    counts["errors"] += 1
                else:
                    counts["articles"] += 1
                    counts["cached"] += cached
                bar.update(1)
        writer.close()
    return CorpusSummary(out, counts["articles"] + counts["errors"], counts["articles"], counts["errors"],
                         counts["cached"], time.perf_counter() - started)


def _progress_bar(enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(unit=" articles", desc="corpus", disable=not enabled, smoothing=0.1)


def cluster_articles(out: str | os.PathLike, *, k: int | None = None, random_state: int = 0):
    """Corpus-level themes: every analysed article clustered by :func:`analysis.cluster_texts`.

    Each article's text is its title and paragraphs (from ``paragraphs.parquet``). Writes
    ``article_themes.parquet`` (``article_id``, ``title``, ``collection``, ``theme``) to ``out`` and
    returns it as a DataFrame.
    """
    from ..themes import cluster_texts

    articles = read_table(out, "articles")[["article_id", "title", "collection"]]
    paragraphs = read_table(out, "paragraphs")
    bodies = paragraphs.groupby("article_id", sort=False)["text"].agg("\n\n".join)
    texts = [f"{title}\n\n{bodies.get(article_id, '')}" for article_id, title in
             zip(articles["article_id"], articles["title"])]
    themes = articles.assign(theme=list(cluster_texts(texts, k=k, random_state=random_state)))
    themes.to_parquet(Path(out) / "article_themes.parquet", index=False)
    return themes
