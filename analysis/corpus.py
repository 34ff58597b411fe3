"""Corpus mode: many articles through the same ``analyze``, fast, cached, on one machine or on Dask.

The data flow, one article at a time so memory stays flat whatever the corpus size:

records (a folder of .txt/.md/.html files, or JSON-Lines) read lazily → cache lookup (content hash,
package version, spaCy model, tables) → the misses parsed by one ``nlp.pipe`` stream (local engine) or in
partitions on ``dask.distributed`` workers (dask engine) → :func:`analysis.pipeline.analyze` → each
result written as JSON under ``articles/`` and streamed into Parquet tables (row groups of
:data:`ROW_GROUP_ROWS`), and every record that could not be analysed into ``errors.parquet``.

>>> summary = run_corpus(["data/sample_corpus"], "corpus_out", progress=False)  # doctest: +SKIP
>>> summary.records == summary.articles + summary.errors  # doctest: +SKIP
True
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from spacy.language import Language

from . import __version__
from .article import build_article, source_layout
from .errors import ArticleError, ReferenceTableError
from .nlp import chunk_docs, join_docs, load_model, model_description
from .pipeline import analyze
from .reading import Source, read_source
from .resources import tables_fingerprint

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ENGINES = ("local", "dask")
BATCH_SIZE = 32  # docs per nlp.pipe batch
WINDOW = 1024  # records looked up in the cache and sent to the engine together: bounds memory
PARTITION_SIZE = 32  # articles per Dask task
ROW_GROUP_ROWS = 20_000  # table rows buffered before a Parquet row group is written
ARTICLES_FOLDER = "articles"
# Keys of the analyze JSON whose items become one table each (when a stage provides them).
ITEM_TABLES = ("paragraphs", "mentions", "dates", "claims", "themes")
COUNTED_KEYS = ("mentions", "actors", "dates", "events", "claims", "themes")


@dataclasses.dataclass(frozen=True)
class Record:
    """One article of a corpus as read: its id, where it came from, and its source or why it failed.

    ``collection`` is the folder of the file inside the corpus (or the JSON-Lines file name), so
    tables can be grouped by it (for BBC News: the category folder).
    """

    article_id: str
    origin: str
    collection: str
    source: Source | None = None
    error: str | None = None


@dataclasses.dataclass(frozen=True)
class CorpusSummary:
    """What a run did: ``records == articles + errors`` always (nothing is dropped)."""

    out: Path
    records: int
    articles: int
    errors: int
    cached: int
    seconds: float


# ---------------------------------------------------------------------------------------------
# Reading records


def iter_records(paths: Iterable[str | os.PathLike]) -> Iterator[Record]:
    """Yield the records of folders, JSON-Lines files and single article files, lazily, in order.

    A folder gives every ``.txt``, ``.md``, ``.html`` (and ``.jsonl``) file under it in sorted
    order, skipping hidden files and README files (folder documentation, not articles). A record
    that cannot be read carries its ``error`` instead of a source; a repeated id is an error too.
    """
    seen: set[str] = set()
    for path in map(Path, paths):
        for record in _records_of(path):
            if record.article_id in seen and record.error is None:
                record = dataclasses.replace(record, source=None, error=f"duplicate article id {record.article_id!r}")
            seen.add(record.article_id)
            yield record


def _records_of(path: Path) -> Iterator[Record]:
    if path.is_dir():
        yield from _folder_records(path)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from jsonl_records(path)
    else:
        yield file_record(path, path.name, collection=path.parent.name)


def _folder_records(folder: Path) -> Iterator[Record]:
    root = folder.resolve().name
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or "README" in file.stem.upper():
            continue
        suffix = file.suffix.lower()
        if suffix in ARTICLE_SUFFIXES:
            collection = "/".join((root, *relative.parts[:-1]))
            yield file_record(file, f"{root}/{relative.as_posix()}", collection=collection)
        elif suffix in JSONL_SUFFIXES:
            yield from jsonl_records(file)


def file_record(path: Path, article_id: str, *, collection: str) -> Record:
    """A record for one article file: decoded by :func:`~analysis.reading.read_source`, or its error."""
    try:
        return Record(article_id, str(path), collection, source=read_source(path))
    except (ArticleError, OSError) as error:
        return Record(article_id, str(path), collection, error=str(error))


def jsonl_records(path: Path) -> Iterator[Record]:
    """One record per non-blank line of a JSON-Lines file: ``text`` and optional ``title``, ``date``, ``id``.

    A given ``title`` becomes the article's title line (unless the text already starts with it);
    ``date`` becomes the source's publication date. Lines are decoded one by one, so a line with
    broken UTF-8 or bad JSON is one error record and the rest of the file is still read.
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Record(path.name, str(path), path.name, error=f"{path}: cannot be read ({error.strerror or error})")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _jsonl_record(line, path, number)


def _jsonl_record(line: bytes, path: Path, number: int) -> Record:
    origin, article_id = f"{path}:{number}", f"{path.name}:{number}"
    try:
        item = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        return Record(article_id, origin, path.name, error=f"{origin}: invalid UTF-8 at byte {error.start}")
    except json.JSONDecodeError as error:
        return Record(article_id, origin, path.name, error=f"{origin}: invalid JSON ({error.msg})")
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return Record(article_id, origin, path.name, error=f"{origin}: no 'text' string in the record")
    if item.get("id") is not None:
        article_id = str(item["id"])
    text, title = item["text"], item.get("title")
    if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    try:  # bytes, so that a text naming a file is never read as a path
        source = read_source(text.encode("utf-8", "surrogatepass"))
    except ArticleError as error:
        return Record(article_id, origin, path.name, error=f"{origin}: {error}")
    if item.get("date") is not None:
        source = dataclasses.replace(source, published=str(item["date"]))
    return Record(article_id, origin, path.name, source=source)


# ---------------------------------------------------------------------------------------------
# Analysing sources: the per-article function both engines run


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
        return analyze(build_article(source, blocks, doc)), None
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


# ---------------------------------------------------------------------------------------------
# Cache


class ResultCache:
    """``analyze`` results on disk, keyed by everything that determines them.

    The key hashes the source's content hash, path, format and publication date with the package
    version, the spaCy model and the reference tables' contents, so a re-run skips unchanged articles
    and a changed article (or a new package version, model or edited table) is analysed again.
    Entries are the per-article JSON bytes.
    """

    def __init__(self, directory: str | os.PathLike, *, model: str):
        self.directory = Path(directory)
        self.model = model
        self.tables = tables_fingerprint()

    def key(self, source: Source) -> str:
        parts = [__version__, self.model, self.tables, source.sha256, source.path, source.format, source.published]
        return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, encoded: bytes) -> None:
        _write_atomically(self._path(key), encoded)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def encode_result(result: dict) -> bytes:
    """The per-article JSON file's bytes: ``analyze``'s JSON, compact (indenting would need Python's
    slow encoder and add a third to the size; ``python -m json.tool FILE`` shows it indented)."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Tables


_ARROW_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "count": pa.int64(),
    "strlist": pa.list_(pa.string()),
    "intlist": pa.list_(pa.int64()),
}

# Documented columns of each table (after ``article_id``) and their kinds. Ids that other stages
# define (actors, themes) are written as strings, so tables join whatever type a stage uses; keys
# a stage adds beyond these go, JSON-encoded, into the ``extra`` column: nothing is lost.
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "origin": "str", "collection": "str", "json_path": "str", "title": "str", "title_source": "str",
        "published": "str", "format": "str", "encoding": "str", "sha256": "str", "sections": "int",
        "paragraphs": "int", "sentences": "int", "words": "int", "chars": "int",
        **{key: "int" for key in COUNTED_KEYS},
    },
    "paragraphs": {
        "paragraph_id": "int", "section_id": "int", "start": "int", "end": "int", "text": "str",
        "sentences": "count", "theme_id": "str", "theme_stability": "float",
    },
    "mentions": {
        "actor_id": "str", "corpus_actor_id": "int", "text": "str", "start": "int", "end": "int",
        "paragraph_id": "int", "sentence_index": "int",
    },
    "dates": {"text": "str", "start": "int", "end": "int", "value": "str", "precision": "str", "paragraph_id": "int"},
    "claims": {
        "speaker": "str", "speaker_id": "str", "verb": "str", "content": "str", "start": "int", "end": "int",
        "paragraph_id": "int", "hedged": "bool", "cues": "strlist",
    },
    "themes": {"theme_id": "str", "label": "str", "terms": "strlist", "paragraph_ids": "intlist", "stability": "float"},
    "errors": {"origin": "str", "collection": "str", "reason": "str"},
}
# The id column each item table's ``id`` key is written to.
_ID_COLUMNS = {"paragraphs": "paragraph_id", "themes": "theme_id"}
ACTOR_COLUMNS = {
    "corpus_actor_id": "int", "name": "str", "type": "str", "articles": "int", "mention_count": "int",
    "aliases": "strlist", "roles": "strlist", "affiliation": "str", "code": "str",
}


def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of a corpus table: ``article_id``, its documented columns, and ``extra``."""
    if name == "actors":
        return pa.schema([(column, _ARROW_TYPES[kind]) for column, kind in ACTOR_COLUMNS.items()])
    fields = [("article_id", pa.string())]
    fields += [(column, _ARROW_TYPES[kind]) for column, kind in TABLE_COLUMNS[name].items()]
    if name in ITEM_TABLES:
        fields.append(("extra", pa.string()))
    return pa.schema(fields)


def _cell(value, kind: str):
    """A JSON value as a table cell of ``kind``; anything that does not fit is kept as JSON text."""
    if value is None:
        return None
    if kind == "count":
        return len(value)
    if kind in ("strlist", "intlist"):
        return [_cell(item, kind[:-4]) for item in value]
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "str":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    raise ValueError(f"{value!r} is not a {kind}")


def item_rows(table: str, article_id: str, items: list[dict]) -> list[dict]:
    """Rows of an item table (paragraphs, mentions, dates, claims, themes) from one article's items."""
    columns, id_column = TABLE_COLUMNS[table], _ID_COLUMNS.get(table, "id")
    rows = []
    for item in items:
        row, extra = {"article_id": article_id}, {}
        for key, value in item.items():
            column = id_column if key == "id" else key
            if column in columns:
                row[column] = _cell(value, columns[column])
            else:
                extra[key] = value
        row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        rows.append(row)
    return rows


def article_row(record: Record, json_path: str, result: dict) -> dict:
    """The ``articles`` row of one analysed article: where it came from and what it holds."""
    text, source = result["text"], result["source"]
    row = {
        "article_id": record.article_id, "origin": record.origin, "collection": record.collection,
        "json_path": json_path, "title": result["title"], "title_source": result["title_span"]["source"],
        "published": source.get("published"), "format": source.get("format"), "encoding": source.get("encoding"),
        "sha256": source.get("sha256"), "sections": len(result["sections"]), "paragraphs": len(result["paragraphs"]),
        "sentences": sum(len(p["sentences"]) for p in result["paragraphs"]), "words": len(text.split()),
        "chars": len(text),
    }
    row.update({key: len(result[key]) if key in result else None for key in COUNTED_KEYS})
    return row


class ActorIndex:
    """Actors merged across articles by (name, type): one ``corpus_actor_id`` each, first seen first.

    Holds one entry per distinct actor (not per article), so it grows with the corpus's
    vocabulary of actors, not with its size.
    """

    def __init__(self):
        self.entries: dict[tuple, dict] = {}

    def add(self, actors: list[dict]) -> dict[str, int]:
        """Count one article's actors; return its actor ids (as strings) → corpus actor ids."""
        ids = {}
        for actor in actors:
            key = (_cell(actor.get("name"), "str"), _cell(actor.get("type"), "str"))
            entry = self.entries.setdefault(key, {
                "corpus_actor_id": len(self.entries), "articles": 0, "mention_count": 0,
                "aliases": set(), "roles": set(), "affiliation": Counter(), "code": Counter(),
            })
            entry["articles"] += 1
            entry["mention_count"] += actor.get("mention_count") or 0
            for field in ("aliases", "roles"):
                entry[field].update(_cell(actor.get(field) or [], "strlist"))
            for field in ("affiliation", "code"):
                if actor.get(field) is not None:
                    entry[field][_cell(actor[field], "str")] += 1
            ids[_cell(actor.get("id"), "str")] = entry["corpus_actor_id"]
        return ids

    def rows(self) -> list[dict]:
        """One row per corpus actor; affiliation and code are the most frequent across articles."""
        return [
            {
                "corpus_actor_id": entry["corpus_actor_id"], "name": name, "type": kind,
                "articles": entry["articles"], "mention_count": entry["mention_count"],
                "aliases": sorted(entry["aliases"]), "roles": sorted(entry["roles"]),
                "affiliation": _most_common(entry["affiliation"]), "code": _most_common(entry["code"]),
            }
            for (name, kind), entry in self.entries.items()
        ]


def _most_common(counter: Counter) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


class TableStream:
    """One Parquet table written in row groups as rows arrive; the file appears complete on close."""

    def __init__(self, path: Path, schema: pa.Schema):
        self.path, self.schema = path, schema
        self.partial = path.with_name(path.name + ".part")
        self.writer = pq.ParquetWriter(self.partial, schema)
        self.rows: list[dict] = []

    def extend(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()
        os.replace(self.partial, self.path)


class CorpusWriter:
    """Writes each article's JSON and streams the corpus tables (see :data:`TABLE_COLUMNS`).

    Every table file is written, with zero rows when no article had its key (e.g. no
    ``claims`` stage installed), so readers always find the documented columns.
    """

    def __init__(self, out: Path):
        self.out = out
        (out / ARTICLES_FOLDER).mkdir(parents=True, exist_ok=True)
        names = ("articles", *ITEM_TABLES, "errors")
        self.tables = {name: TableStream(out / f"{name}.parquet", table_schema(name)) for name in names}
        self.actors = ActorIndex()
        self.json_names: set[str] = set()

    def add_article(self, record: Record, result: dict, encoded: bytes) -> None:
        """Write one article's JSON and table rows; ValueError (nothing written) if a value breaks its column."""
        name = json_name(record.article_id)
        rows = {table: item_rows(table, record.article_id, result[table]) for table in ITEM_TABLES if table in result}
        rows["articles"] = [article_row(record, f"{ARTICLES_FOLDER}/{name}", result)]
        corpus_ids = self.actors.add(result.get("actors", []))
        for row in rows.get("mentions", []):
            row["corpus_actor_id"] = corpus_ids.get(row.get("actor_id"))
        (self.out / ARTICLES_FOLDER / name).write_bytes(encoded)
        self.json_names.add(name)
        for table, table_rows in rows.items():
            self.tables[table].extend(table_rows)

    def add_error(self, record: Record, reason: str) -> None:
        self.tables["errors"].extend([{
            "article_id": record.article_id, "origin": record.origin, "collection": record.collection,
            "reason": reason,
        }])

    def close(self) -> None:
        for stream in self.tables.values():
            stream.close()
        actors = pa.Table.from_pylist(self.actors.rows(), schema=table_schema("actors"))
        pq.write_table(actors, self.out / "actors.parquet")
        for stale in (self.out / ARTICLES_FOLDER).glob("*.json"):  # articles gone from the corpus
            if stale.name not in self.json_names:
                stale.unlink()


def json_name(article_id: str) -> str:
    """A safe, unique file name for an article's JSON: readable id plus a short hash of it."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", article_id).strip("._")[:80] or "article"
    return f"{slug}-{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:8]}.json"


def read_table(out: str | os.PathLike, name: str):
    """A corpus table written by :func:`run_corpus` as a pandas DataFrame (``name`` without suffix)."""
    import pandas as pd

    return pd.read_parquet(Path(out) / f"{name}.parquet")


# ---------------------------------------------------------------------------------------------
# Engines and the run


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


def _outcomes(window: list[Record], analyse: Analyse, cache: ResultCache | None):
    """``(record, result, encoded JSON or error reason, from cache)`` for a window of records, in order."""
    keys = [cache.key(r.source) if cache and r.source else None for r in window]
    hits = {i: data for i, key in enumerate(keys) if key and (data := cache.get(key)) is not None}
    fresh = iter(analyse([r.source for i, r in enumerate(window) if r.source and i not in hits]))
    for i, record in enumerate(window):
        if record.error is not None:
            yield record, None, record.error, False
        elif i in hits:
            yield record, json.loads(hits[i]), hits[i], True
        else:
            result, error = next(fresh)
            if result is None:
                yield record, None, error, False
                continue
            encoded = encode_result(result)
            if cache:
                cache.put(keys[i], encoded)
            yield record, result, encoded, False
    if next(fresh, None) is not None:  # also lets the engine's generator finish and clean up
        raise RuntimeError("the engine returned more results than it was given sources")


def run_corpus(
    paths: Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
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
                     batch_size=batch_size) as (analyse, model):
        store = ResultCache(cache or out / "cache", model=model) if use_cache else None
        writer = CorpusWriter(out)
        with _progress_bar(progress) as bar:
            records = iter_records(paths)
            while window := list(islice(records, WINDOW)):
                for record, result, data, cached in _outcomes(window, analyse, store):
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


# ---------------------------------------------------------------------------------------------
# Corpus-level themes


def cluster_articles(out: str | os.PathLike, *, k: int | None = None, random_state: int = 0):
    """Corpus-level themes: every analysed article clustered by :func:`analysis.cluster_texts`.

    Each article's text is its title and paragraphs (from ``paragraphs.parquet``). Writes
    ``article_themes.parquet`` (``article_id``, ``title``, ``collection``, ``theme``) to ``out`` and
    returns it as a DataFrame.
    """
    from .themes import cluster_texts
    articles = read_table(out, "articles")[["article_id", "title", "collection"]]
    paragraphs = read_table(out, "paragraphs")
    bodies = paragraphs.groupby("article_id", sort=False)["text"].agg("\n\n".join)
    texts = [f"{title}\n\n{bodies.get(article_id, '')}" for article_id, title in
             zip(articles["article_id"], articles["title"])]
    themes = articles.assign(theme=list(cluster_texts(texts, k=k, random_state=random_state)))
    themes.to_parquet(Path(out) / "article_themes.parquet", index=False)
    return themes
