"""News-article briefing: structure, actors, themes, dates and claims, with offsets to every sentence."""

__version__ = "0.1.0"

from .actors import Actor, ActorExtraction, Mention, extract_actors  # noqa: E402
from .article import Article, Paragraph, Section, Sentence, load_article  # noqa: E402
from .claims import extract_claims  # noqa: E402
from .corpus import run_corpus  # noqa: E402
from .dates import extract_dates  # noqa: E402
from .errors import ArticleError  # noqa: E402
from .events import extract_events  # noqa: E402
from .nlp import load_model  # noqa: E402
from .pipeline import analyze  # noqa: E402
from .themes import ThemeClustering, cluster_texts  # noqa: E402

__all__ = [
    "Actor",
    "ActorExtraction",
    "Article",
    "ArticleError",
    "Mention",
    "Paragraph",
    "Section",
    "Sentence",
    "ThemeClustering",
    "analyze",
    "extract_actors",
    "cluster_texts",
    "extract_claims",
    "extract_dates",
    "extract_events",
    "explore",
    "load_article",
    "load_model",
    "run_corpus",
]


def __getattr__(name: str):
    """``analysis.explore`` is imported on first use: it brings ipywidgets, which scripts and the CLI don't need."""
    if name == "explore":
        from .explorer import explore

        return explore
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
