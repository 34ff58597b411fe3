"""News-article briefing: structure, actors, themes, dates and claims, with offsets to every sentence.

The public names below are imported on first use, so ``python -m analysis analyze`` loads only
the stages it runs (corpus mode's pyarrow and Dask, or the explorer's ipywidgets, stay unloaded).
"""

__version__ = "0.1.0"

# Public name → the module that defines it.
_EXPORTS = {
    "Actor": "schema",
    "ActorExtraction": "schema",
    "Mention": "schema",
    "Claim": "schema",
    "DateMention": "schema",
    "Event": "schema",
    "Article": "article",
    "Paragraph": "schema",
    "Section": "schema",
    "Sentence": "schema",
    "load_article": "article",
    "ArticleError": "errors",
    "ArticleAnalysis": "pipeline",
    "analyze": "pipeline",
    "extract_actors": "actors",
    "extract_claims": "claims",
    "extract_dates": "dates",
    "extract_events": "events",
    "load_model": "nlp",
    "run_corpus": "corpus",
    "ThemeClustering": "themes",
    "cluster_texts": "themes",
    "explore": "explorer",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Import a public name from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_EXPORTS])
