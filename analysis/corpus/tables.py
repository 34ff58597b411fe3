"""Corpus tables: each article's JSON and its rows streamed into Parquet files, in row groups.

The item tables' columns follow the schema's records (:func:`analysis.schema.table_columns`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..schema import ITEM_TABLES, table_columns
from .records import Record

ROW_GROUP_ROWS = 20_000  # table rows buffered before a Parquet row group is written
ARTICLES_FOLDER = "articles"
# Keys of the analyze JSON whose items the ``articles`` table counts.
COUNTED_KEYS = ("mentions", "actors", "dates", "events", "claims", "themes")


_ARROW_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "count": pa.int64(),
    "strlist": pa.list_(pa.string()),
    "intlist": pa.list_(pa.int64()),
}


def _item_table_columns(table: str) -> dict[str, str]:
    """An item table's columns: those the schema marks for it, and the corpus actor id beside each actor id."""
    columns = {}
    for name, kind in table_columns(table).items():
        columns[name] = kind
        if table == "mentions" and name == "actor_id":
            columns["corpus_actor_id"] = "int"
    return columns


# Documented columns of each table (after ``article_id``) and their kinds. The item tables follow the
# schema's records (:func:`analysis.schema.table_columns`); ids that other stages define (actors,
# themes) are written as strings, so tables join whatever type a stage uses; keys a stage adds beyond
# these go, JSON-encoded, into the ``extra`` column: nothing is lost.
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "origin": "str", "collection": "str", "json_path": "str", "title": "str", "title_source": "str",
        "published": "str", "format": "str", "encoding": "str", "sha256": "str", "sections": "int",
        "paragraphs": "int", "sentences": "int", "words": "int", "chars": "int",
        **{key: "int" for key in COUNTED_KEYS},
    },
    **{table: _item_table_columns(table) for table in ITEM_TABLES},
    "errors": {"origin": "str", "collection": "str", "reason": "str"},
}
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
    columns, id_column = TABLE_COLUMNS[table], ITEM_TABLES[table] or "id"
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
