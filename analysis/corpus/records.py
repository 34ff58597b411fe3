"""Corpus records: a folder of article files or JSON-Lines read lazily, one :class:`Record` per article.

Every record is read and decoded here, in the calling process, so engines' workers need no shared
disk; a record that cannot be read carries its error instead of a source (nothing is dropped).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ArticleError
from ..reading import Source, read_source

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


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
