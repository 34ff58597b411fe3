"""The result cache: each article's ``analyze`` JSON on disk, keyed by everything that determines it."""

from __future__ import annotations

import json

from ..cache import KeyedStore
from ..reading import Source


class ResultCache(KeyedStore):
    """``analyze`` results on disk, keyed by everything that determines them.

    The key hashes the source's content hash, path, format and publication date with the package
    version and source (:func:`~analysis.cache.source_fingerprint`), the spaCy model and the reference
    tables' contents, so a re-run skips unchanged articles and a changed article (or a new package
    version, an edited package, model or edited table) is analysed again.
    Entries are the per-article JSON bytes.
    """

    suffix = ".json"

    def key(self, source: Source) -> str:
        return self.hashed(source.sha256, source.path, source.format, source.published)

    def get(self, key: str) -> bytes | None:
        return self.read(key)

    def put(self, key: str, encoded: bytes) -> None:
        self.write(key, encoded)


def encode_result(result: dict) -> bytes:
    """The per-article JSON file's bytes: ``analyze``'s JSON, compact (indenting would need Python's
    slow encoder and add a third to the size; ``python -m json.tool FILE`` shows it indented)."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
