"""Engines: the per-article function (parse in one ``nlp.pipe`` stream, then :class:`ArticleAnalysis`),
run in this process or on ``dask.distributed`` workers, with the same results in the same order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from ..article import build_article, source_layout
from ..errors import ArticleError, ReferenceTableError
from ..nlp import chunk_docs, join_docs, load_model, model_description
from ..pipeline import ArticleAnalysis
from ..reading import Source

ENGINES = ("local", "dask")
BATCH_SIZE = 32  # docs per nlp.pipe batch
PARTITION_SIZE = 32  # articles per Dask task


def analyze_sources(
    sources: Iterable[Source], *, nlp: Language | None = None, batch_size: int = BATCH_SIZE, n_process: int = 1
) -> Iterator[tuple[dict | None, str | None]]:
    """Yield ``(analyze result, None)`` or ``(None, reason)`` for each source, in order.

    All sources go through ONE ``nlp.pipe`` stream (batched, optionally over ``n_process``
    processes) of docs with a sentence start at every block start, as
    :func:`~analysis.article.load_article` makes them; long articles go in chunks that are joined
    back. Each parse is assembled by :func:`~analysis.article.build_article` and analysed by
    :func:`~analysis.pipeline.analyze`, so a corpus result is exactly the single-article result.
    """
    nlp = nlp or load_model()

    def chunks():
        for source in sources:
            blocks = source_layout(source)
            docs = chunk_docs(source.text, nlp, sentence_starts=[block.start for block in blocks])
            for doc in docs:
                yield doc, (source, blocks, len(docs))

    parsed = nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (source, blocks, count) in parsed:
        docs = [doc] + [next(parsed)[0] for _ in range(count - 1)]
        yield _analyze_parsed(source, blocks, join_docs(docs))


def _analyze_parsed(source: Source, blocks, doc) -> tuple[dict | None, str | None]:
    try:
        return ArticleAnalysis(build_article(source, blocks, doc)).to_dict(), None
    except ReferenceTableError:  # a malformed table fails every article: stop the run with its one line
        raise
    except ArticleError as error:
        return None, str(error)
    except Exception as error:  # one article failing in a stage must not stop the corpus
        return None, f"{source.path or 'input'}: analysis failed ({type(error).__name__}: {error})"


def analyze_partition(sources: list[Source], *, batch_size: int = BATCH_SIZE) -> list[tuple[dict | None, str | None]]:
    """:func:`analyze_sources` over one partition, with the worker's own model: a Dask task."""
    return list(analyze_sources(sources, batch_size=batch_size))


def worker_model() -> str:
    """Load the spaCy model on a Dask worker and name it, for the cache key."""
    return model_description(load_model())


Analyse = Callable[[list[Source]], Iterable[tuple[dict | None, str | None]]]


@contextlib.contextmanager
def open_engine(
    engine: str = "local", *, scheduler: str | None = None, workers: int = 2, n_process: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Analyse, str]]:
    """The function that analyses a list of sources, in order, and the spaCy model it uses.

    ``local``: this process (``n_process`` > 1 spreads ``nlp.pipe`` over processes). ``dask``: the
    sources are split into partitions of :data:`PARTITION_SIZE` run by :func:`analyze_partition` on
    a ``dask.distributed`` cluster: the one at ``scheduler`` or else a LocalCluster of ``workers``
    single-threaded worker processes, closed on exit.
    """
    if engine == "local":
        nlp = load_model()
        yield (lambda sources: analyze_sources(sources, nlp=nlp, batch_size=batch_size, n_process=n_process),
               model_description(nlp))
        return
    if engine != "dask":
        raise ArticleError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    from dask.distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))

        def analyse(sources: list[Source]):
            partitions = [sources[i:i + PARTITION_SIZE] for i in range(0, len(sources), PARTITION_SIZE)]
            for future in client.map(analyze_partition, partitions, batch_size=batch_size, pure=False):
                yield from future.result()
                future.release()

        models = set(client.run(worker_model).values())  # loads the model on every worker, in parallel
        if len(models) != 1:
            raise RuntimeError(f"the Dask workers load different spaCy models ({', '.join(sorted(models))})")
        yield analyse, models.pop()
