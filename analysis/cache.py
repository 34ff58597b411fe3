"""The analysis cache: one article analysed once, its :class:`ArticleAnalysis` reused by every notebook.

``python -m analysis report`` analyses the article, computes every stage and stores the whole object
(its parse, its fitted themes, every stage result) as a pickle keyed by everything that determines it:
the input's SHA-256, its format, the options, the package version and its source files' contents, the
spaCy model and the reference tables' contents (the ingredients of corpus mode's
:class:`~analysis.corpus.cache.ResultCache` key).
Each notebook kernel then calls :func:`cached_analysis`, which reads that entry in a fraction of a second
instead of loading the model and analysing the article again. Outside a report (no cache folder set)
:func:`cached_analysis` simply analyses the article.

A pickle runs code when it is read, so entries are only read from the cache folder of the user who
wrote them (the report's ``--cache`` folder, by default ``~/.cache/analysis``), never from a shared report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import os
import pickle
import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path

from . import __version__
from .pipeline import ArticleAnalysis
from .reading import read_source
from .resources import tables_fingerprint

CACHE_ENV_VAR = "ANALYSIS_CACHE_DIR"
MODEL_ENV_VAR = "ANALYSIS_CACHE_MODEL"  # the model description the report's cache entries were made with
# Each analysis read from or stored in a cache → (its cache, its key): where its figures are kept (:func:`cached_png`).
_ENTRIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
PACKAGE_DIR = Path(__file__).resolve().parent
OPTIONS = ("published", "random_state", "n_themes", "aliases_path", "theme_lexicon_path", "claim_lexicon_path")


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/analysis`` (``~/.cache/analysis`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "analysis"


@cache
def source_fingerprint(folder: Path = PACKAGE_DIR) -> str:
    """A hash of the package's Python source (every ``.py`` file below ``folder``, with its relative path):
    entries made by other code under the same version number (an edited checkout) are not read. A few
    milliseconds, once per process."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class KeyedStore:
    """Entries on disk, each keyed by a hash of everything that determines it: the package version and its
    source (:func:`source_fingerprint`), the spaCy model, the reference tables' contents and the input's own
    parts (:meth:`hashed`).

    The one store behind corpus mode's :class:`~analysis.corpus.cache.ResultCache` (JSON bytes) and the
    report's :class:`AnalysisCache` (pickles); entries are written atomically.
    """

    folder = ""  # a subfolder of ``directory`` for this kind of entry
    suffix = ""

    def __init__(self, directory: str | os.PathLike, *, model: str):
        self.directory = Path(directory)
        self.model = model
        self.source = source_fingerprint()
        self.tables = tables_fingerprint()

    def hashed(self, *parts) -> str:
        """The key of an entry determined by ``parts`` (JSON values) and by what every entry depends on."""
        ingredients = [__version__, self.source, self.model, self.tables, *parts]
        return hashlib.sha256(json.dumps(ingredients).encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.directory / self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, key: str, data: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        os.replace(partial, path)


class AnalysisCache(KeyedStore):
    """Computed :class:`ArticleAnalysis` objects on disk, one pickle per input and options."""

    folder, suffix = "analyses", ".pickle"

    def key(self, sha256: str, format: str, options: dict) -> str:
        chosen = {name: options.get(name) for name in OPTIONS}
        return self.hashed(sha256, format, json.dumps(chosen, default=str, sort_keys=True))

    def get(self, key: str) -> ArticleAnalysis | None:
        data = self.read(key)
        return None if data is None else pickle.loads(data)

    def put(self, key: str, analysis: ArticleAnalysis) -> None:
        """Store ``analysis`` with every stage computed (so a reader needs neither the model nor the stages)."""
        analysis.result()  # computes each stage once; they are kept in the object's cached properties
        self.write(key, pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL))


class FigureCache(KeyedStore):
    """PNG images of an analysis's charts on disk, keyed by the analysis's key and the chart's name: the
    explorer of every notebook and the briefing show the same default charts, drawn once per report."""

    folder, suffix = "figures", ".png"


def analyse_into_cache(path: str | os.PathLike, cache: AnalysisCache, **options) -> ArticleAnalysis:
    """The analysis of the file at ``path`` with ``options``: from ``cache`` when there, else computed and stored."""
    source = read_source(Path(path))
    key = cache.key(source.sha256, source.format, options)
    analysis = cache.get(key)
    if analysis is None:
        analysis = ArticleAnalysis.load(Path(path), **options)
        cache.put(key, analysis)
    _ENTRIES[analysis] = (cache, key)
    return _as_read_from(analysis, path)


def cached_png(analysis: ArticleAnalysis, name: str, draw: Callable[[], bytes]) -> bytes:
    """The PNG ``draw()`` makes of ``analysis`` under ``name`` (a chart and every argument it takes beyond the
    analysis), drawn once: kept beside the analysis's cache entry when it has one, else simply drawn."""
    entry = _ENTRIES.get(analysis)
    if entry is None:
        return draw()
    cache, key = entry
    figures = FigureCache(cache.directory, model=cache.model)
    figure_key = figures.hashed(key, name)
    png = figures.read(figure_key)
    if png is None:
        png = draw()
        figures.write(figure_key, png)
    return png


def chart_entry(plot: Callable, args: tuple, kwargs: dict) -> tuple[ArticleAnalysis, str] | None:
    """Under which analysis and name :func:`cached_png` keeps the chart ``plot(*args, **kwargs)``: the analysis
    (read from or stored in a cache) its arguments are parts of, and the chart function with every argument
    (each part named by its attribute, plain values by their ``repr``, defaults included). None when an argument
    is neither (the chart is then simply drawn)."""
    bound = inspect.signature(plot).bind(*args, **kwargs)
    bound.apply_defaults()
    owner, described = None, []
    for name, value in bound.arguments.items():
        if value is None or isinstance(value, bool | int | float | str):
            described.append(f"{name}={value!r}")
            continue
        part = _part_of_an_entry(value)
        if part is None or (owner is not None and part[0] is not owner):
            return None
        owner = part[0]
        described.append(f"{name}={part[1]}")
    return None if owner is None else (owner, f"{plot.__module__}.{plot.__qualname__}({', '.join(described)})")


def _part_of_an_entry(value) -> tuple[ArticleAnalysis, str] | None:
    """The analysis of :data:`_ENTRIES` that is ``value`` or holds it as an attribute (a stage result), and
    which attribute."""
    for analysis in list(_ENTRIES):
        if value is analysis:
            return analysis, "analysis"
        for attribute, held in vars(analysis).items():
            if held is value:
                return analysis, attribute
    return None


def cached_analysis(path: str | os.PathLike, **options) -> ArticleAnalysis:
    """:meth:`ArticleAnalysis.load` of a file, read from the report's cache when the report set one.

    The report sets ``$ANALYSIS_CACHE_DIR`` (and the model it used) for its kernels; the file is still
    read and hashed, so an entry is used only for exactly these bytes and these options. Without the
    variable (a notebook opened in JupyterLab) the article is analysed here.
    """
    directory, model = os.environ.get(CACHE_ENV_VAR), os.environ.get(MODEL_ENV_VAR)
    if not (directory and model):
        return ArticleAnalysis.load(Path(path), **options)
    return analyse_into_cache(path, AnalysisCache(directory, model=model), **options)


def _as_read_from(analysis: ArticleAnalysis, path: str | os.PathLike) -> ArticleAnalysis:
    """The analysis as if read from ``path``: an entry made from the same bytes elsewhere names this file."""
    analysis.article.source = dataclasses.replace(analysis.article.source, path=str(path))
    return analysis
