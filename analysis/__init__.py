"""News-article briefing: structure, actors, themes, dates and claims, with offsets to every sentence."""

__version__ = "0.1.0"

from .article import Article, Paragraph, Section, Sentence, load_article  # noqa: E402
from .corpus import run_corpus  # noqa: E402
from .errors import ArticleError  # noqa: E402
from .nlp import load_model  # noqa: E402
from .pipeline import analyze  # noqa: E402

__all__ = [
    "Article",
    "ArticleError",
    "Paragraph",
    "Section",
    "Sentence",
    "analyze",
    "load_article",
    "load_model",
    "run_corpus",
]
