"""The tense of the verb that governs a time expression: past, future or present (None when no verb).

"talks are set to resume Monday" is future, "talks resumed Monday" past: a month or weekday
without a year or week takes its place before or after the publication date from it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

PAST, PRESENT, FUTURE = "past", "present", "future"
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "would"}
# Verbs whose "to" complement happens later: "set to resume", "expected to vote", "plans to open".
DEADLINE_PREPOSITIONS = {"by", "until", "till", "through"}
FUTURE_ADJECTIVES = {"payable", "due", "effective", "scheduled", "upcoming"}
# Verbs that move an event to a later date: "postponed until Tuesday" is ahead even in the past tense;
# "put" and "push" only as "put off", "pushed back".
POSTPONE_VERBS = {"postpone", "delay", "defer", "adjourn", "reschedule"}
POSTPONE_PARTICLES = {"put": "off", "push": "back"}
# Participles that put their date ahead: "the vote is expected in December", "a meeting scheduled for May".
FUTURE_PARTICIPLES = {"expect", "schedule", "plan", "slate", "set", "due", "propose"}
# ... but only through these prepositions: "a vote set for May"; "the record set on Aug. 6" is past.
PARTICIPLE_PREPOSITIONS = {"set": {"for"}}
FUTURE_FRAMES = {"set", "expect", "plan", "schedule", "due", "intend", "aim", "hope", "prepare", "likely",
                 "going", "slate", "propose", "agree", "decide", "vow", "promise", "threaten", "want", "seek"}


EARLIEST = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.IGNORECASE)
# Verbs that put their date ahead in any tense: "protesters planned a rally on Saturday", "plans to vote Monday".
PLAN_VERBS = {"plan", "schedule", "intend"}


def governing_tense(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the first verb above the expression at ``start:end`` in the dependency tree."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if EARLIEST.search(doc[max(0, span.start - 4):span.start].text_with_ws):
        return FUTURE  # "as soon as Tuesday", "as early as next week"
    token, deadline, preposition = span.root, False, None
    for _ in range(8):  # a verb is never far up; the bound guards against odd parses
        if token.pos_ == "ADP":
            # the date's own preposition, past "of" ("by the end of February"); not one higher up ("stands by
            # his vow in March")
            deadline = deadline or token.lower_ in DEADLINE_PREPOSITIONS and preposition in (None, "of")
            preposition = token.lower_ if preposition in (None, "of") else preposition
        if token.pos_ == "ADJ" and token.lower_ in FUTURE_ADJECTIVES:
            # "it had been due to expire Friday": the past perfect puts even a deadline behind
            return PAST if _past_perfect(token) else FUTURE
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" and not _bare_gerund(token):
            tense = _verb_tense(token, preposition)
            if deadline and preposition in ("until", "till") and _postponement(token):
                return FUTURE  # "talks were postponed until Tuesday"
            # "extended until Nov. 20" may reach past publication; "repay it by February" lies ahead
            return (None if tense == PAST else FUTURE) if deadline else tense
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _bare_gerund(verb) -> bool:
    """A gerund or participle in -ing with no auxiliary under another word ("holders tendering their
    shares by the Tuesday deadline", "he will visit Kyiv, arriving Tuesday"): it has no tense of its
    own, so the verb above it gives the date's. One that plans ahead ("planning", "hoping") keeps its own."""
    return verb.tag_ == "VBG" and verb.head.i != verb.i and verb.lemma_.lower() not in PLAN_VERBS | FUTURE_FRAMES \
        and not any(child.dep_ in ("aux", "auxpass") for child in verb.children)


def _postponement(verb) -> bool:
    """Whether ``verb`` moves an event later: "postponed", "delayed", "put off", "pushed back"."""
    lemma = verb.lemma_.lower()
    particle = POSTPONE_PARTICLES.get(lemma)
    return lemma in POSTPONE_VERBS or any(child.dep_ in ("prt", "advmod") and child.lower_ == particle
                                          for child in verb.children)


def _past_perfect(word) -> bool:
    """Whether ``word`` is in the past perfect: "had planned", "had been due" (an adjective after "had been")."""
    copula = word if word.dep_ != "acomp" else word.head
    return any(child.lower_ == "had" and child.dep_ == "aux" for child in copula.children)


def _verb_tense(verb, preposition: str | None = None) -> str:
    """The tense of ``verb``; ``preposition`` is the one between it and the date ("set for May")."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES or verb.lemma_.lower() in PLAN_VERBS:
        return FUTURE
    if verb.tag_ == "VB" and "to" in words:
        frame = verb.head
        if frame is not verb and _past_perfect(frame):
            return PAST  # "it had been due to expire Friday", "they had planned to vote Monday": behind
        if frame is not verb and (frame.lemma_.lower() in FUTURE_FRAMES
                                  or (frame.lemma_ == "be" and verb.dep_ == "xcomp")  # "is to resume"
                                  or any(c.lower_ in FUTURE_AUXILIARIES for c in frame.children)):
            return FUTURE
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBN" and lemma in FUTURE_PARTICIPLES and preposition in PARTICIPLE_PREPOSITIONS.get(
            lemma, {preposition}):
        return FUTURE
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries) or words & {"has", "have", "had"}:
        return PAST
    if verb.tag_ == "VBN" and not auxiliaries:
        return PAST  # "cited in December", "a plan announced in May"
    if verb.tag_ == "VBG" and words & {"is", "are", "'re", "'s", "am"}:
        return FUTURE  # the present progressive with a date is a plan: "they are meeting Monday"
    return PRESENT
