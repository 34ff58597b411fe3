"""The result cache: each article's ``analyze`` JSON on disk, keyed by everything that determines it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from ..reading import Source
from ..resources import tables_fingerprint


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
