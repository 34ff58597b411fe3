"""Reference tables: where they are found, and the one loader that reads and caches them.

The tables ship inside the package (``analysis/data/``). A folder named by the environment variable
``ANALYSIS_DATA_DIR`` overrides any of them by file name: put an edited ``states.tsv`` there and every
lookup of the packaged ``states.tsv`` reads yours, while the other tables stay the packaged ones.
A path given explicitly (``extract_actors(article, aliases_path=...)``) is read as given.

>>> from analysis.resources import load_reference, packaged_path, read_rows
>>> rows = load_reference(packaged_path("blocs.tsv"), read_rows)  # parsed once per file version
>>> rows[0][1]["name"]
'NATO'
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

from .errors import ReferenceTableError

DATA_ENV_VAR = "ANALYSIS_DATA_DIR"
# The packaged tables; a regular install (wheel, ``pip install .`` or ``-e .``) keeps them on disk.
PACKAGE_DATA = Path(str(files(__package__).joinpath("data")))

T = TypeVar("T")
_CACHE: dict[tuple[Callable, tuple[Path, ...]], tuple[tuple[tuple[int, int], ...], object]] = {}


def packaged_path(name: str) -> Path:
    """The packaged copy of reference table ``name`` (e.g. ``"states.tsv"``)."""
    return PACKAGE_DATA / name


def reference_path(path: str | os.PathLike) -> Path:
    """The file to read for ``path``: the override folder's file of the same name when ``path`` is a
    packaged table and ``$ANALYSIS_DATA_DIR`` holds one, else ``path`` itself."""
    path = path if isinstance(path, Path) else Path(path)  # no new Path per call: tables are read per article
    folder = os.environ.get(DATA_ENV_VAR, "").strip()
    if folder and path.parent == PACKAGE_DATA and (override := Path(folder).expanduser() / path.name).is_file():
        return override
    return path


def tables_fingerprint() -> str:
    """A hash of the contents of the tables read by default (packaged or overridden), so a cache of results
    (corpus mode's) knows when a table changed."""
    digest = hashlib.sha256()
    for name in sorted(path.name for path in PACKAGE_DATA.iterdir() if path.suffix in (".tsv", ".csv", ".json")):
        digest.update(name.encode("utf-8") + b"\0" + reference_path(packaged_path(name)).read_bytes() + b"\0")
    return digest.hexdigest()


def load_reference(path: str | os.PathLike | tuple[str | os.PathLike, ...], parse: Callable[..., T]) -> T:
    """``parse(file)`` of the reference table at ``path`` (see :func:`reference_path`), cached per file version.

    A file is parsed once per process while its modification time and size stay the same (corpus
    mode asks for every article), and again as soon as it changes (an edit while a kernel runs).
    ``path`` may be a tuple of files parsed into one object (``parse`` then gets the tuple); it is
    parsed again when any of them changes. ``parse`` is a module-level function (the cache is keyed by
    it and the files) that raises :class:`ReferenceTableError` for a malformed table; a file that
    cannot be read or decoded raises it too, so every problem with a table is one line naming the file.
    """
    paths = tuple(reference_path(p) for p in (path if isinstance(path, tuple) else (path,)))
    versions = tuple(_version(file) for file in paths)
    cached = _CACHE.get((parse, paths))
    if cached is not None and cached[0] == versions:
        return cached[1]
    try:
        result = parse(paths if isinstance(path, tuple) else paths[0])
    except OSError as error:
        raise _unreadable(Path(error.filename or paths[0]), error) from None
    _CACHE[(parse, paths)] = (versions, result)
    return result


def _version(file: Path) -> tuple[int, int]:
    try:
        status = os.stat(file)
    except OSError as error:
        raise _unreadable(file, error) from None
    return status.st_mtime_ns, status.st_size


def _unreadable(file: Path, error: OSError) -> ReferenceTableError:
    return ReferenceTableError(f"{file}: cannot read the reference table ({error.strerror or error})")


def table_error(path: Path, line: int, problem: str) -> ReferenceTableError:
    """The error for a malformed row: ``<file>, line <n>: <problem>``."""
    return ReferenceTableError(f"{path}, line {line}: {problem}")


def read_text(path: Path) -> str:
    """The text of a reference table; raises :class:`ReferenceTableError` naming the line that is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise table_error(path, data.count(b"\n", 0, error.start) + 1, f"not UTF-8 text ({error.reason})") from None


def read_rows(path: Path, *, columns: tuple[str, ...] = (), delimiter: str = "\t") -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` of every row of a delimited table, cells stripped, missing cells ``""``.

    Lines starting with ``#`` and blank lines are comments; the first other line is the header, which
    must name every one of ``columns``. Tab-separated tables take cells literally (no quoting); comma-
    separated ones follow the CSV quoting rules. A row with more non-empty cells than the header has
    raises :class:`ReferenceTableError` naming its line.
    """
    text = io.StringIO(read_text(path), newline="")  # lines end at \n, \r\n or \r only, as in a file
    numbered = [(number, line) for number, line in enumerate(text, start=1)
                if line.strip() and not line.startswith("#")]
    position = 0  # lines handed to the csv reader so far (a quoted CSV cell may span several)

    def lines():
        nonlocal position
        for _, line in numbered:
            position += 1
            yield line

    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(lines(), delimiter=delimiter, quoting=quoting)
    header = [cell.strip() for cell in next(reader, [])]
    if missing := [column for column in columns if column not in header]:
        raise table_error(path, numbered[0][0] if numbered else 1, f"the header lacks column(s) {', '.join(missing)} "
                                                                    f"(it has: {', '.join(header) or 'nothing'})")
    rows = []
    while True:
        first = position
        cells = next(reader, None)
        if cells is None:
            return rows
        line = numbered[first][0]
        if any(cell.strip() for cell in cells[len(header):]):
            raise table_error(path, line, f"{len(cells)} cells but the header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append((line, {key: value.strip() for key, value in zip(header, cells)}))


def read_json(path: Path, *, lists: tuple[str, ...] = ()) -> dict:
    """A JSON object whose keys ``lists`` each hold a list of strings; raises :class:`ReferenceTableError`
    naming the line of a syntax error, of a key whose value is not such a list, or of the object lacking one."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise table_error(path, error.lineno, f"not valid JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(data, dict):
        raise table_error(path, 1, "expected a JSON object {...}")
    for key in lists:
        if key not in data:
            raise table_error(path, text.count("\n", 0, text.find("{")) + 1, f"the object has no key {key!r}")
        if not isinstance(data[key], list) or not all(isinstance(item, str) for item in data[key]):
            found = re.search(rf'"{re.escape(key)}"\s*:', text)
            line = text.count("\n", 0, found.start()) + 1 if found else 1
            raise table_error(path, line, f"{key!r} must be a list of strings")
    return data
