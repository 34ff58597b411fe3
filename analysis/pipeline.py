"""``analyze``: one article in, the JSON-ready analysis out.

The data flow: source → :func:`~analysis.article.load_article` (layout + one spaCy parse) →
stages that read the parse → one dict, the contract documented in the README.
"""

from __future__ import annotations

import os

from spacy.language import Language

from . import __version__
from .actors import extract_actors
from .article import Article, load_article
from .config import DEFAULT_RANDOM_STATE
from .events import timeline_to_dict
from .lexicon import score_lexicon
from .quality import analysis_warnings
from .themes import article_themes, paragraph_theme_fields, themes_to_dict


def analyze(source: str | os.PathLike | bytes | Article, *, nlp: Language | None = None, format: str = "auto",
            published: str | None = None, random_state: int = DEFAULT_RANDOM_STATE) -> dict:
    """The full analysis of one article as a JSON-ready dict.

    ``source`` is a path, text, bytes, or an already loaded :class:`Article`. ``published``
    (``YYYY-MM-DD``) anchors years and relative dates; it defaults to the HTML page's metadata.
    ``random_state`` seeds the theme clustering (the only random step).
    """
    article = source if isinstance(source, Article) else load_article(source, format=format, nlp=nlp)
    result = {"schema_version": 1, "package_version": __version__}
    result.update(article.to_dict())
    actors = extract_actors(article)
    result.update(actors.to_dict())
    themes, lexicon = article_themes(article, random_state=random_state), score_lexicon(article)
    result.update(themes_to_dict(article, themes))
    result.update(lexicon.to_dict())
    for paragraph, theme_fields, lexicon_fields in zip(result["paragraphs"], paragraph_theme_fields(themes),
                                                       lexicon.paragraph_fields()):
        paragraph.update(theme_fields, **lexicon_fields)
    result.update(timeline_to_dict(article, mentions=actors.mentions, actors=actors.actors, published=published))
    result["warnings"] = analysis_warnings(article, result)
    return result
