"""The terms of the themes: spaCy lemmas of content words, plus multi-word names and compounds.

:func:`span_terms` reads one parsed text, :func:`texts_terms` lemmatises raw strings (cached per block),
:func:`paragraph_terms` reads an article's one parse, and :func:`default_vectorizer` weighs term lists by
sublinear TF-IDF for :class:`~analysis.themes.ThemeClustering`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .article import Article
from .nlp import load_model

# Pipeline components the terms need: the tagger's part of speech drives the rule-based lemmatizer.
TERM_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
NOUN_TAGS = ("NOUN", "PROPN")
MAX_COMPOUND_TOKENS = 4
_BLANK_LINES = re.compile(r"\n\s*\n")
_TERM_CACHE: dict[str, tuple[str, ...]] = {}
_TERM_CACHE_LIMIT = 200_000


def _is_content(token) -> bool:
    return token.is_alpha and not token.is_stop and len(token) > 1


def span_terms(span: Doc | Span) -> list[str]:
    """The terms of a text: lower-case lemmas of content words, then its multi-word nouns and names.

    A run of two to four adjacent nouns or proper nouns ("Union State", "air defense") is added as one
    term beside its words, so the phrase counts as itself and its words still link it to other texts.

    >>> from analysis.nlp import load_model
    >>> span_terms(load_model()("The Union State strengthened its air defense."))
    ['union', 'state', 'strengthen', 'air', 'defense', 'union state', 'air defense']
    """
    terms = [token.lemma_.lower() for token in span if _is_content(token)]
    run: list = []
    for token in [*span, None]:
        if token is not None and token.pos_ in NOUN_TAGS and _is_content(token):
            run.append(token)
            continue
        if 2 <= len(run) <= MAX_COMPOUND_TOKENS:
            terms.append(" ".join(t.lemma_.lower() for t in run))
        run = []
    return terms


def texts_terms(texts: list[str], *, nlp: Language | None = None, batch_size: int = 64) -> list[list[str]]:
    """:func:`span_terms` of raw strings, lemmatised with ``nlp.pipe`` (tagger and lemmatizer only).

    Texts are cut at blank lines and each block's terms are cached for the process, so clustering the
    paragraphs of texts already seen (or the texts again) parses nothing twice.
    """
    nlp = nlp or load_model()
    blocks = [[block.strip() for block in _BLANK_LINES.split(text) if block.strip()] for text in texts]
    missing = list(dict.fromkeys(b for text_blocks in blocks for b in text_blocks if b not in _TERM_CACHE))
    if len(_TERM_CACHE) + len(missing) > _TERM_CACHE_LIMIT:
        _TERM_CACHE.clear()
        missing = list(dict.fromkeys(b for text_blocks in blocks for b in text_blocks))
    disabled = [name for name in nlp.pipe_names if name not in TERM_COMPONENTS]
    for block, doc in zip(missing, nlp.pipe(missing, disable=disabled, batch_size=batch_size)):
        _TERM_CACHE[block] = tuple(span_terms(doc))
    return [[term for block in text_blocks for term in _TERM_CACHE[block]] for text_blocks in blocks]


def paragraph_terms(article: Article) -> list[list[str]]:
    """:func:`span_terms` of each paragraph, read from the article's one parse (no second parse)."""
    return [span_terms(article.doc.char_span(p.start, p.end, alignment_mode="expand")) for p in article.paragraphs]


def _identity(terms):
    return terms


def default_vectorizer():
    """Sublinear TF-IDF over term lists: a term said ten times weighs about three times one said once.

    A scikit-learn ``TfidfVectorizer`` (imported here, on first use).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
