"""The claim lexicon and its cues: word lists, hedging/sourcing/denial cues, and a claim's category.

``load_lexicon`` reads ``analysis/data/claim_lexicon.json`` into a :class:`Lexicon`; ``sentence_cues`` finds the
cues of one sentence, ``article_cues`` those of every sentence (searched once for the claims and the cue
records), ``sentence_cue_records`` the sentences with cues (the JSON's ``sentence_cues``),
and ``_finish`` attaches a claim's cues and places it as asserted, reported or denied.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..article import Article, Sentence
from ..resources import load_reference, packaged_path, read_json
from ..schema import Claim, Cue, SentenceCues
from ..wordcase import lowered_for_words

LEXICON_PATH = packaged_path("claim_lexicon.json")
HEDGE, SOURCING, DENIAL = "hedge", "sourcing", "denial"
ASSERTED, REPORTED, DENIED = "asserted", "reported", "denied"


@dataclass(frozen=True)
class Lexicon:
    """The editable word lists of ``analysis/data/claim_lexicon.json``."""

    speech_verbs: frozenset
    denial_verbs: frozenset
    passive_verbs: frozenset
    clause_only_verbs: frozenset
    voice_nouns: frozenset
    unnamed_sources: frozenset
    cues: dict  # kind -> compiled pattern
    claim_nouns: frozenset = frozenset()  # optional in the file: older lexicons have no such list
    frame_verbs: frozenset = frozenset()  # cues only when they frame a quotation ('“…,” she continued'); optional
    source_documents: frozenset = frozenset()  # "In the latest poll, ...": the document speaks; optional
    leader_nouns: frozenset = frozenset()  # "the head of state": whoever holds one of leader_roles; optional
    leader_roles: frozenset = frozenset()  # the last words of a leader's role ("president", "prime minister")
    occasion_nouns: frozenset = frozenset()  # "in a statement", "at a rally": when it was said, not what; optional
    view_verbs: frozenset = frozenset()  # "voiced concerns about X": a view held or voiced, with view_nouns; optional
    view_nouns: frozenset = frozenset()  # views besides the claim nouns ("concern", "doubt"); optional
    question_verbs: frozenset = frozenset()  # "asked workers if ...": the "if" clause is what was asked; optional
    addressee_verbs: frozenset = frozenset()  # "told his supporters ...": the object is who heard it; optional
    provider_verbs: frozenset = frozenset()  # "a report published by X": X speaks for the document; optional
    recipient_verbs: frozenset = frozenset()  # "X learned from Y that …": Y speaks, X only heard it; optional
    reporting_adverbs: frozenset = frozenset()  # "X has reportedly left": what others said, nobody named; optional

    @classmethod
    def from_file(cls, path: str | Path = LEXICON_PATH) -> Lexicon:
        data = read_json(Path(path), lists=_LEXICON_LISTS)
        patterns = {kind: _phrase_pattern(data[key]) for kind, key in
                    ((HEDGE, "hedges"), (SOURCING, "sourcing"), (DENIAL, "denials"))}
        return cls(frozenset(data["speech_verbs"]), frozenset(data["denial_verbs"]), frozenset(data["passive_verbs"]),
                   frozenset(data["clause_only_verbs"]), frozenset(data["voice_nouns"]),
                   frozenset(data["unnamed_sources"]), patterns, frozenset(data.get("claim_nouns", ())),
                   frozenset(data.get("frame_verbs", ())), frozenset(data.get("source_documents", ())),
                   frozenset(data.get("leader_nouns", ())), frozenset(data.get("leader_roles", ())),
                   frozenset(data.get("occasion_nouns", ())),
                   *(frozenset(data.get(key, ())) for key in _OPTIONAL_VERB_LISTS))


_OPTIONAL_VERB_LISTS = ("view_verbs", "view_nouns", "question_verbs", "addressee_verbs", "provider_verbs",
                        "recipient_verbs", "reporting_adverbs")
_LEXICON_LISTS = ("speech_verbs", "denial_verbs", "passive_verbs", "clause_only_verbs", "voice_nouns",
                  "unnamed_sources", "hedges", "sourcing", "denials")


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    """Any of the lower-case ``phrases`` as whole words, the longest first among those starting alike (the
    only ones that can match at the same place)."""
    alternatives = sorted({re.escape(p.lower()).replace(r"\ ", r"\s+") for p in phrases},
                          key=lambda a: (_first_character(a), -len(a), a))
    return re.compile(r"\b(?:" + _alternation(alternatives) + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def lowered_gate(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """Any of ``patterns`` (``re.IGNORECASE`` patterns of lower-case words, as :func:`_phrase_pattern` makes them)
    without ``re.IGNORECASE``, for a text through :func:`~analysis.wordcase.lowered_for_words`: it matches
    wherever one of them does (each letter they match lowers to their own letter) and searches about three times
    faster, so a text it does not match needs no search with them."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns),
                      functools.reduce(operator.or_, (p.flags for p in patterns)) & ~re.IGNORECASE)


def _alternation(alternatives: list[str]) -> str:
    """``a|b|…`` of regular expressions, the first character of each run of neighbours sharing it written once
    (``claim|concern`` → ``c(?:laim|oncern)``): the same matches, tried in the same order, but Python's regex
    engine tests that character once per run instead of once per alternative (about twice as fast on
    sentences for the cue and claim-noun patterns)."""
    runs = [list(run) for _, run in itertools.groupby(alternatives, key=_first_character)]
    return "|".join(run[0] if len(run) == 1 else _first_character(run[0]) + "(?:" + "|".join(
        a[len(_first_character(a)):] for a in run) + ")" for run in runs)


def _first_character(alternative: str) -> str:
    """The first character of a regular expression of ``re.escape``d text (with its backslash if escaped)."""
    return alternative[:2] if alternative.startswith("\\") else alternative[:1]


def load_lexicon(path: str | Path = LEXICON_PATH) -> Lexicon:
    """The claim lexicon (read once per file version; a malformed file raises ReferenceTableError)."""
    return load_reference(Path(path), Lexicon.from_file)


def sentence_cues(article: Article, sentence: Sentence, *, lexicon: Lexicon | None = None) -> list[Cue]:
    """Hedging, sourcing and denial cues in one sentence (a name such as "May" is never a cue)."""
    lexicon = lexicon or load_lexicon()
    text = article.text[sentence.start:sentence.end]
    if not lowered_gate(tuple(lexicon.cues.values())).search(lowered_for_words(text)):
        return []  # most sentences have no cue
    cues = []
    for kind, pattern in lexicon.cues.items():
        for match in pattern.finditer(text):
            if match.start() > 0 and match.group()[0].isupper():
                continue  # capitalised inside a sentence: a name ("Theresa May"), not a cue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            cues.append(Cue(article.text[start:end], start, end, kind, sentence.index, sentence.paragraph_id))
    return sorted(cues, key=lambda cue: (cue.start, cue.kind))


def article_cues(article: Article, *, lexicon: Lexicon | None = None) -> list[list[Cue]]:
    """The cues of every sentence, by sentence index (:func:`sentence_cues` of each)."""
    lexicon = lexicon or load_lexicon()
    return [sentence_cues(article, sentence, lexicon=lexicon) for sentence in article.sentences]


def _finish(claim: Claim, cues: list[Cue], lexicon: Lexicon, siblings: list[Claim] = ()) -> Claim:
    """Attach the sentence's cues; mark the claim hedged and place it as asserted, reported or denied.

    Only cues from the sentence start to the claim's end count, and none inside another claim of the
    sentence. Denied: a denial verb, or a denial cue in the claim. Reported (second-hand): an unnamed or
    missing speaker, or a sourcing or hedging cue outside the content ("reportedly said"); a hedge
    inside the content only marks the claim hedged.
    """
    others = [c for c in siblings if c is not claim and not (c.start <= claim.start and claim.end <= c.end)]
    region = [c for c in cues if c.end <= claim.end and not any(o.start <= c.start and c.end <= o.end for o in others)]
    own = [c for c in region if not (c.start < claim.verb_end and claim.verb_start < c.end)]
    outside_content = [c for c in own if not (claim.content_start <= c.start and c.end <= claim.content_end)]
    if claim.verb_lemma in lexicon.denial_verbs or any(c.kind == DENIAL and c.start >= claim.start for c in own):
        category = DENIED
    elif claim.unnamed or claim.speaker is None or any(c.kind in (SOURCING, HEDGE) for c in outside_content):
        category = REPORTED
    else:
        category = ASSERTED
    return replace(claim, cues=tuple(region), hedged=any(c.kind == HEDGE for c in region), category=category)


def sentence_cue_records(article: Article, *, lexicon: Lexicon | None = None,
                         cues_of: list[list[Cue]] | None = None) -> list[SentenceCues]:
    """Every sentence with a hedging, sourcing or denial cue, with its cues (the ``sentence_cues`` of the JSON).

    ``cues_of``: the article's :func:`article_cues`, when already searched (by the claims stage)."""
    cues_of = article_cues(article, lexicon=lexicon) if cues_of is None else cues_of
    records = []
    for sentence, cues in zip(article.sentences, cues_of):
        if cues:
            kinds = {cue.kind for cue in cues}
            records.append(SentenceCues(sentence.index, sentence.paragraph_id, sentence.start, sentence.end,
                                        HEDGE in kinds, SOURCING in kinds, DENIAL in kinds, tuple(cues)))
    return records
