"""Word lists and token tests that several steps of the actors stage read.

Kept in one place so that every step agrees on what an honorific, a name's words or a clause
boundary is; the word lists a single step reads live in that step's module.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..nlp import token_offsets
from ..references import normalize_name
from .records import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc

ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "NORP": "group"}
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. sir dame lord lady baroness baron rev rev. reverend".split()
)
NAME_PARTICLES = frozenset("de di da del della van von der den le la bin al ibn".split())
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Titles that only a person holds: a name right after one is a person's, whatever the model says.
PERSON_TITLES = frozenset("""
    president minister secretary chancellor spokesman spokeswoman spokesperson leader chairman chairwoman
    mp mep msp senator governor mayor director executive general colonel captain coach manager striker
    judge prosecutor ambassador commissioner premier deputy vice-president analyst economist chief head
    boss actor actress singer presenter journalist editor founder professor officer inspector envoy
    reporter correspondent columnist lawyer activist blogger counselor counsellor adviser advisor
""".split())
# Words of organisation names and nouns that describe organisations: such a name is not a person's.
ORGANIZATION_WORDS = frozenset("""
    party council office group bank association committee university college institute commission department
    ministry agency union trust foundation corporation company club news times post league court service
    services board authority fund securities holdings airline airlines motors federation organisation
    organization society school hospital centre center inc ltd plc corp co firm broker retailer maker
    carmaker giant insurer operator chain business body watchdog charity regulator newspaper station
    channel team side band label studio network government assembly parliament congress city united
    rovers athletic wanderers albion county town real fc records pictures media technologies systems
    incorporated limited bancorp bancshares industries international
""".split())
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_LEADING_WORDS = frozenset({"the", "a", "an"})
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "”"})
_INITIAL = re.compile(r"^[A-Z]\.?$")


class Bounds(NamedTuple):
    """Token bounds of a name (end exclusive) and the honorific ("mr", "dr") written before it, if any."""

    start: int
    end: int
    honorific: str | None


def trim(doc: Doc, start: int, end: int) -> Bounds:
    """Token bounds without a leading article, honorific or punctuation, nor anything from a line
    break, a spaced dash or a trailing possessive or punctuation on."""
    while start < end and (doc[start].lower_ in _LEADING_WORDS or doc[start].lower_ in HONORIFICS
                           or doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(start, end):  # a name never runs over a line break
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            end = i if doc[i].is_space else i + 1
            break
    for i in range(start + 1, end):  # "Mark Lewis-Francis - runner": a spaced dash ends the name
        if doc[i].is_punct and doc[i].text != "&" and doc[i - 1].whitespace_ and doc[i].whitespace_:
            end = i
            break
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    honorific = doc[start - 1].lower_ if start > 0 and doc[start - 1].lower_ in HONORIFICS else None
    return Bounds(start, end, honorific)


def span_text(doc: Doc, candidate: Candidate) -> str:
    """The candidate's text (without a glued word), cut from the text: no Token or Span to build."""
    if candidate.end <= candidate.start:
        return ""
    text, starts, ends = token_offsets(doc)
    return text[starts[candidate.start] + candidate.glued:ends[candidate.end - 1]]


# A lower-case word glued to a capitalised one by a scraper that lost the space ("includingEmmanuel").
GLUED_WORDS = re.compile(r"^([a-z]{3,})(?=[A-Z][a-z]+$)")


def name_tokens(doc: Doc, candidate: Candidate) -> tuple[str, ...]:
    """A person's name as comparable words: no accents, honorifics, initials, suffixes (Jr) or
    possessives, hyphens read as spaces, case-folded ("José Mourinho's" → ("jose", "mourinho"))."""
    return _comparable_words(span_text(doc, candidate))


@lru_cache(maxsize=65536)  # every step asks for the words of every candidate, on the same few names
def _comparable_words(text: str) -> tuple[str, ...]:
    plain = unicodedata.normalize("NFKD", normalize_name(text))
    words = "".join(c for c in plain if not unicodedata.combining(c)).replace("'s", "").replace("-", " ").split()
    kept = tuple(w.casefold() for w in words
                 if w.casefold() not in HONORIFICS | _NAME_SUFFIXES and not _INITIAL.match(w))
    return kept or tuple(w.casefold() for w in words)


def capitalised(token) -> bool:
    """Whether a word is written like a name: a capital, then not all capitals ("Blair", "McManus")."""
    return token.text[:1].isupper() and not token.is_upper


def clause_boundary(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a text, line or sentence: after a line break or closing punctuation.

    Read from the text rather than from ``is_sent_start``: the small model sometimes starts a
    sentence inside a name ("David | Miliband").
    """
    return i == 0 or closes_clause(doc[i - 1].text, doc[i - 1].is_space)


def closes_clause(token_text: str, is_space: bool) -> bool:
    """Whether a token ends a clause: a line break or other space token, or closing punctuation."""
    return is_space or token_text in _SENTENCE_ENDS


def opening_gerund(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a capitalised gerund opening a clause ("[Joining] Biggs were …"): no name word."""
    token = doc[i]
    return token.is_alpha and len(token) > 5 and token.lower_.endswith("ing") and capitalised(token) \
        and clause_boundary(doc, i)


# Spellings of one name in transliterations (Russian, Ukrainian, Polish, Belarusian into English):
# each rewrite, in order, brings the variants to one key ("Zelenskyy", "Zełenski" → "zelensky").
_SPELLINGS = ((r"ł", "l"), (r"(?<=[^aeiou])ie", "e"), (r"ij$|iy$|yy$|yi$", "y"), (r"ski$", "sky"),
              (r"(?<=o)w$", "v"), (r"ks", "x"), (r"kh", "h"), (r"(?<=[aeiou])j(?=[aeiou])", "y"))


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """A word of a person's name in the form its transliterations share ("Pieskow", "Peskov" → "peskov")."""
    for pattern, replacement in _SPELLINGS:
        word = re.sub(pattern, replacement, word)
    return word
