"""Engines: one per-chunk function (parse in one ``nlp.pipe`` stream, :class:`ArticleAnalysis`, JSON
encoding) run in this process, in a pool of local worker processes, or on ``dask.distributed`` workers,
with the same results in the same order.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from ..article import build_article, source_layout
from ..errors import ArticleError, ReferenceTableError
from ..nlp import chunk_docs, join_docs, load_model, model_description
from ..pipeline import ArticleAnalysis
from ..reading import Source
from .cache import encode_result

if TYPE_CHECKING:
    from spacy.language import Language

ENGINES = ("local", "dask")
N_PROCESS_ENV_VAR = "ANALYSIS_N_PROCESS"
BATCH_SIZE = 32  # docs per nlp.pipe batch
CHUNK_SIZE = 8  # articles per task of a worker: small enough to balance the workers, large enough to batch
# Tasks submitted and not yet collected, per worker: each worker always has its next chunks waiting, even
# when the oldest chunk (whose results are due first) is on a slower worker, and memory stays bounded.
TASKS_PER_WORKER = 4
SEGMENT_ITEMS = 64  # at most this many records (cached ones included) ride on one task, so memory stays bounded
# The stage modules ArticleAnalysis imports on first use (scikit-learn among them: seconds to import).
STAGE_MODULES = ("actors", "claims", "dates", "events", "lexicon", "quality", "themes")
Outcome = tuple[bytes | None, str | None]  # an article's encoded analyze JSON, or why it has none
# Dask settings for the LocalCluster the engine starts: the periodic bookkeeping a one-machine run does
# not need, slowed down or off (the statistical profiler, event-loop ticks, system and memory monitors,
# work stealing: together ~6 % of a 2-core machine's CPU while idle, ~1.5 % with these).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it, else all of them)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_n_process() -> int:
    """``$ANALYSIS_N_PROCESS`` if set, else the number of usable cores."""
    value = os.environ.get(N_PROCESS_ENV_VAR, "").strip()
    if not value:
        return usable_cores()
    if not value.isdigit() or int(value) < 1:
        raise ArticleError(f"{N_PROCESS_ENV_VAR}={value!r}: give a number of processes, 1 or more")
    return int(value)


def analyze_sources(
    sources: Iterable[Source], *, nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Outcome]:
    """Yield ``(encoded analyze JSON, None)`` or ``(None, reason)`` for each source, in order.

    All sources go through ONE ``nlp.pipe`` stream (batched) of docs with a sentence start at every
    block start, as :func:`~analysis.article.load_article` makes them; long articles go in chunks
    that are joined back. Each parse is assembled by :func:`~analysis.article.build_article` and
    analysed by :class:`~analysis.pipeline.ArticleAnalysis`, so a corpus result is exactly the
    single-article result.
    """
    nlp = nlp or load_model()

    def chunks():
        for source in sources:
            blocks = source_layout(source)
            docs = chunk_docs(source.text, nlp, sentence_starts=[block.start for block in blocks])
            for doc in docs:
                yield doc, (source, blocks, len(docs))

    parsed = nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size)
    for doc, (source, blocks, count) in parsed:
        docs = [doc] + [next(parsed)[0] for _ in range(count - 1)]
        yield _analyze_parsed(source, blocks, join_docs(docs))


def _analyze_parsed(source: Source, blocks, doc) -> Outcome:
    try:
        return encode_result(ArticleAnalysis(build_article(source, blocks, doc)).to_dict()), None
    except ReferenceTableError:  # a malformed table fails every article: stop the run with its one line
        raise
    except ArticleError as error:
        return None, str(error)
    except Exception as error:  # one article failing in a stage must not stop the corpus
        return None, f"{source.path or 'input'}: analysis failed ({type(error).__name__}: {error})"


def analyze_chunk(sources: list[Source], batch_size: int = BATCH_SIZE) -> list[Outcome]:
    """:func:`analyze_sources` over one chunk with this process's model: the task of a worker."""
    return list(analyze_sources(sources, batch_size=batch_size))


def prepare_worker() -> str:
    """Load the spaCy model and import the analysis stages in a worker (once: they stay loaded), before
    its first task, and name the model, for the cache key."""
    for name in STAGE_MODULES:
        importlib.import_module(f"..{name}", __package__)
    return model_description(load_model())


# Analyses a stream of sources, lazily and in order: one outcome per item, None for a None item (a record
# with nothing to analyse: cached or unreadable), so that the stream never stops for them.
Analyse = Callable[[Iterable[Source | None]], Iterator[Outcome | None]]


def _stream(
    items: Iterable[Source | None], submit: Callable, collect: Callable, *, chunk_size: int, ahead: int
) -> Iterator[Outcome | None]:
    """The outcome of each item, in order, from tasks of ``chunk_size`` sources: ``submit(sources)`` starts
    one and returns a handle, ``collect(handle)`` waits for its outcomes. ``ahead`` tasks stay submitted
    beyond the one being collected, so the workers never wait for this process (no batch to drain), and
    memory holds at most ``ahead + 1`` tasks' records."""
    pending = deque()  # (the items of a task, its handle or None when all are None), oldest first
    for segment in _segments(items, chunk_size):
        sources = [item for item in segment if item is not None]
        pending.append((segment, submit(sources) if sources else None))
        if len(pending) > ahead:
            yield from _in_place(*pending.popleft(), collect)
    while pending:
        yield from _in_place(*pending.popleft(), collect)


def _segments(items: Iterable[Source | None], chunk_size: int) -> Iterator[list[Source | None]]:
    """The items cut after every ``chunk_size`` sources, or after :data:`SEGMENT_ITEMS` items."""
    segment, sources = [], 0
    for item in items:
        segment.append(item)
        sources += item is not None
        if sources == chunk_size or len(segment) == SEGMENT_ITEMS:
            yield segment
            segment, sources = [], 0
    if segment:
        yield segment


def _in_place(segment: list[Source | None], handle, collect: Callable) -> Iterator[Outcome | None]:
    outcomes = collect(handle) if handle is not None else []
    if len(outcomes) != len(segment) - segment.count(None):
        raise RuntimeError(f"a task returned {len(outcomes)} outcomes for {len(segment) - segment.count(None)} sources")
    outcomes = iter(outcomes)
    for item in segment:
        yield None if item is None else next(outcomes)


@contextlib.contextmanager
def open_engine(
    engine: str = "local", *, scheduler: str | None = None, workers: int = 2, n_process: int | None = None,
    batch_size: int = BATCH_SIZE, chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[Analyse, str]]:
    """The function that analyses a stream of sources (:data:`Analyse`), in order, and the spaCy model it uses.

    ``local``: ``n_process`` worker processes (default :func:`default_n_process`), each loading the
    model once and running :func:`analyze_chunk` on chunks of ``chunk_size`` articles, so parsing and
    analysis run on every core while this process reads, caches and writes; ``n_process=1`` runs in
    this process. ``dask``: the same chunks run on a ``dask.distributed`` cluster: the one at
    ``scheduler`` or else a LocalCluster of ``workers`` single-threaded worker processes started like
    the local engine's (forked, on Linux, after this process has loaded the model; with
    :data:`LOCAL_CLUSTER_CONFIG`), closed on exit. Both engines keep :data:`TASKS_PER_WORKER` chunks
    per worker submitted, taking the next chunk from the stream as they hand back the oldest one's
    results, so no worker waits for a batch to drain.
    """
    if engine == "local":
        n_process = default_n_process() if n_process is None else n_process
        if n_process < 1:
            raise ArticleError(f"n_process={n_process}: give a number of processes, 1 or more")
        with _local_engine(n_process, batch_size, chunk_size) as local:
            yield local
        return
    if engine != "dask":
        raise ArticleError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    import dask
    from dask.distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            # Workers started like the local engine's (forked on Linux, Dask's default is spawn) after this
            # process has loaded the model and the stages, so they share them instead of each importing
            # and loading them for seconds.
            prepare_worker()
            method = {"distributed.worker.multiprocessing-method": multiprocessing.get_start_method()}
            stack.enter_context(dask.config.set({**LOCAL_CLUSTER_CONFIG, **method}))
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))

        models = set(client.run(prepare_worker).values())  # in parallel, unless forked with it loaded
        if len(models) != 1:
            raise RuntimeError(f"the Dask workers load different spaCy models ({', '.join(sorted(models))})")
        ahead = TASKS_PER_WORKER * max(sum(client.nthreads().values()), 1)  # its threads at the start

        def analyse(items: Iterable[Source | None]):
            def submit(sources):
                return client.submit(analyze_chunk, sources, batch_size=batch_size, pure=False)

            return _stream(items, submit, _dask_result, chunk_size=chunk_size, ahead=ahead)

        yield analyse, models.pop()


def _dask_result(future) -> list[Outcome]:
    try:
        return future.result()
    finally:
        future.release()  # the worker may drop it now


@contextlib.contextmanager
def _local_engine(n_process: int, batch_size: int, chunk_size: int) -> Iterator[tuple[Analyse, str]]:
    nlp = load_model()
    if n_process == 1:

        def analyse_here(items: Iterable[Source | None]):  # a chunk is analysed when it is collected
            collect = functools.partial(analyze_chunk, batch_size=batch_size)
            return _stream(items, list, collect, chunk_size=chunk_size, ahead=0)

        yield analyse_here, model_description(nlp)
        return
    prepare_worker()  # here, so that forked workers share the model and the stages instead of loading them
    with multiprocessing.get_context().Pool(n_process, initializer=prepare_worker) as pool:

        def analyse(items: Iterable[Source | None]):
            def submit(sources):
                return pool.apply_async(analyze_chunk, (sources, batch_size))

            return _stream(items, submit, AsyncResult.get, chunk_size=chunk_size, ahead=TASKS_PER_WORKER * n_process)

        yield analyse, model_description(nlp)
