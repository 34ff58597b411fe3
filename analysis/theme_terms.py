"""The terms of the themes: spaCy lemmas of content words, plus multi-word names and compounds.

:func:`span_terms` reads one parsed text, :func:`texts_terms` lemmatises raw strings (cached per block),
:func:`paragraph_terms` reads an article's one parse, and :func:`default_vectorizer` weighs term lists by
sublinear TF-IDF for :class:`~analysis.themes.ThemeClustering`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from .article import Article
from .clustering import normalize_sparse
from .nlp import load_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Pipeline components the terms need: the tagger's part of speech drives the rule-based lemmatizer.
TERM_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
NOUN_TAGS = ("NOUN", "PROPN")
MAX_COMPOUND_TOKENS = 4
_BLANK_LINES = re.compile(r"\n\s*\n")
_TERM_CACHE: dict[str, tuple[str, ...]] = {}
_TERM_CACHE_LIMIT = 200_000


def span_terms(span: Doc | Span) -> list[str]:
    """The terms of a text: lower-case lemmas of content words, then its multi-word nouns and names.

    A run of two to four adjacent nouns or proper nouns ("Union State", "air defense") is added as one
    term beside its words, so the phrase counts as itself and its words still link it to other texts.

    >>> from analysis.nlp import load_model
    >>> span_terms(load_model()("The Union State strengthened its air defense."))
    ['union', 'state', 'strengthen', 'air', 'defense', 'union state', 'air defense']
    """
    lemmas, _, compounds = _term_parts(span)
    return lemmas + compounds


def span_nameable_terms(span: Doc | Span) -> set[str]:
    """The terms of a text that can name a theme: lemmas of its nouns and names, and its multi-word
    compounds; not its verbs ("say", "return") nor adjectives ("digital").

    >>> from analysis.nlp import load_model
    >>> sorted(span_nameable_terms(load_model()("The Union State strengthened its air defense.")))
    ['air', 'air defense', 'defense', 'state', 'union', 'union state']
    """
    _, nouns, compounds = _term_parts(span)
    return nouns | set(compounds)


def _term_parts(span: Doc | Span) -> tuple[list[str], set[str], list[str]]:
    """One pass over a text's tokens: the lower-case lemmas of its content words, those of its nouns and
    names, and its compounds (runs of two to :data:`MAX_COMPOUND_TOKENS` adjacent content nouns or proper
    nouns, as lemma phrases). A token of two words a scraper glued together ("saidPutin",
    :func:`glued_words`) gives the terms of its two words, read as :func:`word_terms` reads words."""
    lemmas, nouns, compounds, run = [], set(), [], []
    for token in span:
        if not token.is_alpha:
            if run:
                _end_run(run, compounds)
            continue
        parts = None
        if not token.is_lower:  # only a token with a capital after a lower-case start can be glued
            text = token.text
            parts = glued_words(text) if text[0].islower() else None
        if parts:
            for position, part in enumerate(parts):  # each part alone, as a line's end and the next's start
                _end_run(run, compounds)
                nouns.update(_add_reading(_plain_reading(part), position > 0, lemmas, run, compounds))
            _end_run(run, compounds)
            continue
        if not token.is_stop and len(token) > 1:  # a content word
            lemma = token.lemma_.lower()
            lemmas.append(lemma)
            if token.pos_ in NOUN_TAGS:
                nouns.add(lemma)
                run.append(lemma)
                continue
        if run:
            _end_run(run, compounds)
    _end_run(run, compounds)
    return lemmas, nouns, compounds


# A lower-case word glued to a capitalised one, as scrapers join a line's end to the next line's start.
_GLUED = re.compile(r"([a-z]{2,})([A-Z][a-z]+)")
# A glued lower-case part other than a stop word is a word when it has at least this many letters:
# "de", "la" and "el" are in the model's tables but are mostly name particles ("deGrasse").
GLUED_MIN_LETTERS = 3


def glued_words(word: str) -> tuple[str, str] | None:
    """The two words of a token a scraper glued together ("saidPutin": "said", "Putin"), or None.

    Only a lower-case word followed by a capitalised one is split, and only when the lower-case word is
    an English word to the model (a stop word, or a form its lemma tables know, of at least
    :data:`GLUED_MIN_LETTERS` letters): names written so ("fitzJohn", "McDonald", "iPhone") stay whole.

    >>> glued_words("saidPutin"), glued_words("fitzJohn"), glued_words("McDonald")
    (('said', 'Putin'), None, None)
    """
    match = _GLUED.fullmatch(word)
    if not match:
        return None
    lower = match.group(1)
    known = lower in _stop_words() or (len(lower) >= GLUED_MIN_LETTERS and (
        _lemma_and_pos(lower)[1] != "" or any(lower in forms for forms in _lemma_tables()[0].values())))
    return (lower, match.group(2)) if known else None


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _end_run(run: list[str], compounds: list[str]) -> None:
    """A run of adjacent nouns and names ends: two to :data:`MAX_COMPOUND_TOKENS` of them are a compound."""
    if 2 <= len(run) <= MAX_COMPOUND_TOKENS:
        compounds.append(" ".join(run))
    run.clear()


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


# A word: letters only, not glued to digits or underscores ("5bn" is no word).
_WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?![^\W_])")
_SENTENCE_OPENERS = ("", ".", "!", "?", ":", "\n")
LEMMA_POS = ("noun", "verb", "adj")


def word_terms(texts: list[str]) -> list[list[str]]:
    """The terms of raw strings without a parse: lower-case lemmas of content words, then their compounds.

    Tokenising and tagging every text with spaCy is most of the time of clustering a corpus (65 s of
    CPU for the 2,225 BBC articles, against 4 s for all of TF-IDF + LSA + k-means), so here the words are
    a regular expression's, content words are those outside spaCy's stop list, and a word's lemma comes
    from the model's own lemma tables without a part of speech (:func:`lemma_of`); a capitalised word
    within a sentence is a name and keeps its form. Compounds, as in :func:`span_terms`, are runs of two
    to :data:`MAX_COMPOUND_TOKENS` content words with only spaces between, each a name or a noun
    (:func:`_is_noun`: "air defense", "Vladimir Putin"). An article's paragraphs, parsed once anyway, take
    :func:`paragraph_terms`, whose parts of speech serve sections of real articles better.

    >>> word_terms(["Vladimir Putin said the air defenses held."])
    [['vladimir', 'putin', 'say', 'air', 'defense', 'hold', 'vladimir putin', 'air defense']]
    """
    found = []
    for text in texts:
        lemmas, compounds, run, end = [], [], [], 0
        for match in _WORD.finditer(text):
            start = match.start()
            if run and text[end:start].strip(" "):
                _end_run(run, compounds)
            end = match.end()
            first, *glued = _word_readings(match.group())
            # Whether the word opens a sentence matters only when its two readings differ (a capitalised
            # word); a glued pair's second word is read as opening one.
            opens = first is not None and first[0] != first[1] and (
                text[max(0, start - 4):start].rstrip(" \"'“‘(")[-1:] in _SENTENCE_OPENERS)
            _add_reading(first, opens, lemmas, run, compounds)
            for reading in glued:  # glued words were a line's end and the next line's start: no compound
                _end_run(run, compounds)
                _add_reading(reading, True, lemmas, run, compounds)
        _end_run(run, compounds)
        found.append(lemmas + compounds)
    return found


def _add_reading(reading: tuple[str, str, bool] | None, opens: bool, lemmas: list[str], run: list[str],
                 compounds: list[str]) -> list[str]:
    """Add one word read without a parse (its :func:`_plain_reading`) to a text's ``lemmas`` and noun ``run``
    (:func:`word_terms`); returns ``[lemma]`` when it is a noun or a name, else ``[]``. A stop word or one
    letter ends the run and is no term; a capitalised word not opening a sentence (``opens``) is a name and
    keeps its form."""
    if reading is None:
        if run:
            _end_run(run, compounds)
        return []
    lemma = reading[opens]
    lemmas.append(lemma)
    if reading[2]:
        run.append(lemma)
        return [lemma]
    if run:
        _end_run(run, compounds)
    return []


@functools.lru_cache(maxsize=_TERM_CACHE_LIMIT)
def _word_readings(word: str) -> tuple[tuple[str, str, bool] | None, ...]:
    """The :func:`_plain_reading` of each word of a token, once per token: its two words when a scraper
    glued them (:func:`glued_words`), else itself."""
    return tuple(_plain_reading(part) for part in glued_words(word) or (word,))


@functools.lru_cache(maxsize=_TERM_CACHE_LIMIT)
def _plain_reading(word: str) -> tuple[str, str, bool] | None:
    """How :func:`_add_reading` takes a word, once per word: None for a stop word or one letter, else its
    term within a sentence, its term opening one, and whether it is a noun or a name."""
    lower = word.lower()
    if len(word) < 2 or lower in _stop_words():
        return None
    name = word[0].isupper()
    return (lower if name else lemma_of(lower)), lemma_of(lower), name or _is_noun(lower)


def lemma_of(word: str) -> str:
    """The lemma of a lower-case word without its part of speech, from the spaCy model's rule tables: an
    exception of a verb, noun or adjective ("said": "say"), else the first suffix rule, for nouns, verbs,
    then adjectives, whose result is a known base form ("years": "year", "strengthened": "strengthen"),
    else the word itself."""
    return _lemma_and_pos(word)[0]


@functools.lru_cache(maxsize=_TERM_CACHE_LIMIT)
def _lemma_and_pos(word: str) -> tuple[str, str]:
    """:func:`lemma_of` and the part of speech whose table gave it ("" for the word itself)."""
    index, exceptions, rules = _lemma_tables()
    for pos in LEMMA_POS:
        if word in exceptions[pos]:
            return exceptions[pos][word][0], pos
    for pos in LEMMA_POS:
        for old, new in rules[pos]:
            if word.endswith(old) and (form := word[:len(word) - len(old)] + new) in index[pos]:
                return form, pos
    return word, ""


def _is_noun(word: str) -> bool:
    """Whether a lower-case word reads as a noun without a parse: a noun's inflection ("forces"), or a
    known noun that is no inflection of another word ("air", "defense"; not "met", "said")."""
    lemma, pos = _lemma_and_pos(word)
    return pos == "noun" or (pos == "" and word in _lemma_tables()[0]["noun"])


@functools.cache
def _lemma_tables() -> tuple[dict, dict, dict]:
    """Base forms, exceptions and suffix rules per part of speech of :data:`LEMMA_POS`, from the model's
    rule-based lemmatizer (empty when it has none: every word is then its own lemma)."""
    nlp = load_model()
    lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None

    def table(name, pos, kind):
        if lookups is None or not lookups.has_table(name):
            return kind()
        return kind(lookups.get_table(name).get(nlp.vocab.strings[pos], kind()))

    return ({pos: table("lemma_index", pos, set) for pos in LEMMA_POS},
            {pos: table("lemma_exc", pos, dict) for pos in LEMMA_POS},
            {pos: table("lemma_rules", pos, list) for pos in LEMMA_POS})


def paragraph_terms(article: Article) -> list[list[str]]:
    """:func:`span_terms` of each paragraph, read from the article's one parse (no second parse)."""
    return paragraph_terms_and_nameable(article)[0]


def paragraph_terms_and_nameable(article: Article) -> tuple[list[list[str]], set[str]]:
    """:func:`span_terms` of each paragraph and :func:`span_nameable_terms` of them all, in one pass over
    the article's one parse."""
    terms, nameable = [], set()
    for span in _paragraph_spans(article):
        lemmas, nouns, compounds = _term_parts(span)
        terms.append(lemmas + compounds)
        nameable |= nouns | set(compounds)
    return terms, nameable


def _paragraph_spans(article: Article) -> list[Span]:
    return [article.doc.char_span(p.start, p.end, alignment_mode="expand") for p in article.paragraphs]


class TermWeights:
    """Sublinear TF-IDF over term lists: a term said ten times weighs about three times one said once.

    The weights of scikit-learn's ``TfidfVectorizer(analyzer=<term lists>, sublinear_tf=True)``
    (tf = 1 + ln count, idf = ln((1 + n) / (1 + df)) + 1, rows L2-normalised, terms in sorted order),
    computed with NumPy and a SciPy sparse matrix so that analysing an article does not import
    scikit-learn (its import is most of a bare parse's time and memory again).
    """

    def fit_transform(self, documents):
        """The texts × terms weight matrix (CSR); ValueError when no document has a term."""
        from scipy.sparse import csr_matrix

        counts = [Counter(terms) for terms in documents]
        seen: dict[str, int] = {}  # terms in order of first appearance
        for row in counts:
            for term in row:
                seen.setdefault(term, len(seen))
        if not seen:
            raise ValueError("empty vocabulary: the documents hold no terms")
        self.vocabulary_ = {term: column for column, term in enumerate(sorted(seen))}
        columns = np.array([seen[term] for row in counts for term in row], dtype=np.int64)
        values = np.array([count for row in counts for count in row.values()], dtype=np.float64)
        rows = np.repeat(np.arange(len(counts)), [len(row) for row in counts])
        matrix = csr_matrix((np.log(values) + 1, (rows, columns)), shape=(len(counts), len(seen)))
        # Each row's entries in order of first appearance, as scikit-learn stores them, so the row norms
        # add the same numbers in the same order; then the columns take the sorted terms' numbers.
        matrix.sort_indices()
        matrix.indices = np.array([self.vocabulary_[term] for term in seen], dtype=np.int64)[matrix.indices]
        frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
        matrix.data *= (np.log((len(counts) + 1) / (frequency + 1)) + 1)[matrix.indices]
        return normalize_sparse(matrix)

    def get_feature_names_out(self) -> np.ndarray:
        return np.array(list(self.vocabulary_), dtype=object)


def default_vectorizer() -> TermWeights:
    """The default weighting of term lists: :class:`TermWeights`."""
    return TermWeights()
