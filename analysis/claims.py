"""Claims: who said what, with the speaker, the verb and the claimed content as offsets.

The data flow: the article's one spaCy parse → speech and cognition verbs (``analysis/data/claim_lexicon.json``,
every inflection) with their subject, passive agent or "according to" phrase → the speaker resolved to
an actor through the actor mentions (a mention at the head, an apposition "a spokesperson for X, NAME",
a possessive "X's press service", an "of/for" phrase, a pronoun back to the speaker it continues) → the
content clause or quotation → hedging, sourcing and denial cues per claim and per sentence.

Without actor mentions, ``speaker_id`` stays None and the speaker text is kept, so nothing is guessed.
Mentions are any objects (or dicts) with ``actor_id``, ``start`` and ``end`` (``adjectival`` optional);
actors any objects (or dicts) with ``id``, ``name`` and ``type`` (``affiliation`` optional).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path

from spacy.tokens import Span, Token

from .article import Article, Sentence, record_fields
from .resources import load_reference, packaged_path, read_json

LEXICON_PATH = packaged_path("claim_lexicon.json")
HEDGE, SOURCING, DENIAL = "hedge", "sourcing", "denial"
ASSERTED, REPORTED, DENIED = "asserted", "reported", "denied"
# Dependency labels under which a speech verb heads a statement (not "the announced plans").
_CLAUSE_DEPS = {"ROOT", "ccomp", "conj", "advcl", "relcl", "pcomp", "parataxis", "xcomp"}
# Right-hand children that are not part of what was said.
_NOT_CONTENT = {"punct", "advcl", "conj", "cc", "nsubj", "nsubjpass", "agent", "aux", "auxpass", "neg", "advmod",
                "mark", "npadvmod", "dep", "prt"}
_PRONOUN_GENDER = {"he": "male", "she": "female"}
_VOICE_RULE = "spokesperson or service of an actor"
_SPEAKING_PRONOUNS = {"he", "she", "it", "they"}
_HONORIFIC_GENDER = {"mr": "male", "sir": "male", "lord": "male", "ms": "female", "mrs": "female", "miss": "female",
                     "lady": "female", "dame": "female", "baroness": "female"}
# Quoted first- and second-person speakers ("I think", "we say") are the quoted person, not new speakers.
_QUOTED_PRONOUNS = {"i", "we", "you"}
_RELATIVE_PRONOUNS = {"who", "that", "which"}
_SPEAKER_POS = {"PROPN", "NOUN", "PRON", "NUM"}
_PHRASE_PREPOSITIONS = {"of", "for", "at", "from", "in"}
_OPENING_QUOTES, _CLOSING_QUOTES = "“", "”"
_QUOTE_MARKS = re.compile(f'["{_OPENING_QUOTES}{_CLOSING_QUOTES}]')  # the only characters with a role
_QUOTE_MIN_WORDS = 4
_PRONOUN_LOOKBACK = 3  # sentences searched back for the actor a speaking pronoun refers to


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

    @classmethod
    def from_file(cls, path: str | Path = LEXICON_PATH) -> Lexicon:
        data = read_json(Path(path), lists=_LEXICON_LISTS)
        patterns = {kind: _phrase_pattern(data[key]) for kind, key in
                    ((HEDGE, "hedges"), (SOURCING, "sourcing"), (DENIAL, "denials"))}
        return cls(frozenset(data["speech_verbs"]), frozenset(data["denial_verbs"]), frozenset(data["passive_verbs"]),
                   frozenset(data["clause_only_verbs"]), frozenset(data["voice_nouns"]),
                   frozenset(data["unnamed_sources"]), patterns)


_LEXICON_LISTS = ("speech_verbs", "denial_verbs", "passive_verbs", "clause_only_verbs", "voice_nouns",
                  "unnamed_sources", "hedges", "sourcing", "denials")


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    alternatives = sorted({re.escape(p.lower()).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def load_lexicon(path: str | Path = LEXICON_PATH) -> Lexicon:
    """The claim lexicon (read once per file version; a malformed file raises ReferenceTableError)."""
    return load_reference(Path(path), Lexicon.from_file)


@dataclass(frozen=True)
class Cue:
    """A hedging, sourcing or denial word or phrase in a sentence."""

    text: str
    start: int
    end: int
    kind: str
    sentence_index: int
    paragraph_id: int


@dataclass(frozen=True)
class Claim:
    """An attributed statement.

    ``start``/``end`` cover speaker, verb and content; ``speaker_start``/``speaker_end``,
    ``verb_start``/``verb_end`` and ``content_start``/``content_end`` locate each part.
    ``speaker_id`` is the actor the speaker resolves to (None when no mention resolves it, and
    for unnamed sources such as "officials", whose ``affiliation`` names the actor the text ties
    them to). ``speaker_rule`` says how the speaker was resolved; ``category`` is ``asserted``,
    ``reported`` (second-hand, unnamed or hedged) or ``denied``.
    """

    speaker: str | None
    speaker_id: object
    speaker_name: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_rule: str
    unnamed: bool
    affiliation: str | None
    affiliation_id: object
    verb: str
    verb_lemma: str
    verb_start: int
    verb_end: int
    content: str
    content_start: int
    content_end: int
    start: int
    end: int
    paragraph_id: int
    sentence_index: int
    pattern: str
    quotation: bool = False
    hedged: bool = False
    category: str = ASSERTED
    cues: tuple[Cue, ...] = field(default=())

    def to_dict(self) -> dict:
        data = record_fields(self)
        data["cues"] = [{k: getattr(cue, k) for k in ("text", "start", "end", "kind")} for cue in self.cues]
        return data


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor_id: object
    adjectival: bool


def item_field(item, name: str, default=None):
    """``item.name`` or ``item[name]``: mentions and actors may be objects or JSON dicts."""
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


class _Actors:
    """Actor mentions indexed by character offset, with each actor's name and type."""

    def __init__(self, article: Article, mentions, actors, quotes=()):
        self.given = mentions is not None
        self.quotes = quotes
        self.mentions = list(_Mention(item_field(m, "start"), item_field(m, "end"), item_field(m, "actor_id"),
                                        bool(item_field(m, "adjectival", False))) for m in (mentions or ()))
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self.names = {item_field(a, "id"): item_field(a, "name") for a in (actors or ())}
        self.types = {item_field(a, "id"): item_field(a, "type") for a in (actors or ())}
        self.affiliations = {item_field(a, "id"): (item_field(a, "affiliation"), item_field(a, "affiliation_id"))
                             for a in (actors or ())}
        self.article = article

    def at(self, token: Token) -> _Mention | None:
        """The mention that contains a token (the longest, if mentions nest)."""
        inside = [m for m in self.mentions if m.start <= token.idx < m.end]
        return max(inside, key=lambda m: m.end - m.start) if inside else None

    def affiliation_of(self, actor_id) -> dict:
        """The affiliation the actors stage gives an actor ("Belarus" for its defence minister), if any."""
        affiliation, affiliation_id = self.affiliations.get(actor_id, (None, None))
        return {"affiliation": affiliation, "affiliation_id": affiliation_id}

    def name(self, mention: _Mention) -> str:
        return self.names.get(mention.actor_id) or self.article.text[mention.start:mention.end]

    def is_person(self, mention: _Mention) -> bool:
        if mention.actor_id in self.types:
            return self.types[mention.actor_id] == "person"
        doc = self.article.doc
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and any(token.ent_type_ == "PERSON" for token in span)

    def gender(self, actor_id) -> str | None:
        """"male"/"female" when a mention of the actor starts with or follows an honorific ("Mr", "Ms")."""
        text = self.article.text
        for mention in self.mentions:
            if mention.actor_id == actor_id:
                before = text[max(0, mention.start - 12):mention.start].replace(".", " ").split()[-1:]
                words = before + text[mention.start:mention.end].replace(".", " ").split()[:1]
                for word in words:
                    if word.lower() in _HONORIFIC_GENDER:
                        return _HONORIFIC_GENDER[word.lower()]
        return None

    def plural(self, mention: _Mention) -> bool:
        """Whether the mention's last word is a plural noun ("MPs", "the unions"), which "they" can continue."""
        span = self.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span[-1].tag_ in ("NNS", "NNPS")

    def persons_in(self, start: int, end: int) -> list[_Mention]:
        """Persons named in [start, end), outside quotations (a person quoted about is not the speaker)."""
        return [m for m in self.mentions if start <= m.start and m.end <= end and self.is_person(m)
                and not any(a <= m.start < b for a, b in self.quotes)]


def extract_claims(article: Article, *, mentions=None, actors=None, lexicon: Lexicon | None = None) -> list[Claim]:
    """Every attributed statement in the article, in reading order.

    Parameters
    ----------
    article : Article
        The parsed article (its one spaCy parse is reused).
    mentions : iterable, optional
        Actor mentions (``actor_id``, ``start``, ``end``, optional ``adjectival``) from the actors
        stage. Without them ``speaker_id`` is None and the speaker text is kept.
    actors : iterable, optional
        Actors (``id``, ``name``, ``type``, optional ``affiliation``/``affiliation_id``): names for
        ``speaker_name``, types for resolving pronouns, affiliations for named speakers.
    lexicon : Lexicon, optional
        Verbs and cues; defaults to ``analysis/data/claim_lexicon.json``.

    >>> from analysis import load_article
    >>> claims = extract_claims(load_article("Title\\n\\nThe mayor said that the budget was fair."))
    >>> [(c.speaker, c.verb, c.content) for c in claims]
    [('The mayor', 'said', 'the budget was fair')]
    """
    lexicon = lexicon or load_lexicon()
    quotes = quotation_spans(article)
    index = _Actors(article, mentions, actors, quotes)
    claims: list[Claim] = []
    for sentence in article.sentences:
        span = article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        cues = sentence_cues(article, sentence, lexicon=lexicon)
        found = [*_verb_claims(span, sentence, lexicon, index, claims, quotes),
                 *_according_claims(span, sentence, lexicon, index, claims)]
        found.sort(key=lambda c: (c.start, c.verb_start))
        claims += [_finish(claim, cues, lexicon, found) for claim in found]
    return _add_quotations(article, claims, quotes, lexicon)


def _verb_claims(span: Span, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim], quotes):
    """Claims headed by a speech or cognition verb: subject, passive agent or unattributed passive.

    A verb inside a direct quotation ("I think ...") is the quoted speaker's wording, not a new claim.
    """
    for verb in span:
        if verb.lemma_.lower() not in lexicon.speech_verbs or verb.pos_ not in ("VERB", "AUX") \
                or verb.dep_ not in _CLAUSE_DEPS or any(a <= verb.idx < b for a, b in quotes):
            continue
        content = _content(verb, lexicon)
        if content is None:
            continue
        subjects, pattern = _subjects(verb, lexicon)
        if pattern == "passive with agent" and verb.lemma_.lower() not in lexicon.passive_verbs:
            continue  # "the bridge is maintained by the council" is no claim
        if not subjects:
            deps = {c.dep_ for c in verb.children}
            if verb.lemma_.lower() not in lexicon.passive_verbs or "nsubjpass" not in deps or deps & {"neg", "dobj"}:
                continue  # "the plan is said to ..." is a claim; "he was denied a visa" is not
            speaker = _no_speaker("unattributed passive")
            yield _claim(speaker, verb, verb, content, sentence, "passive")
            continue
        for subject in subjects:
            speaker = _resolve_speaker(subject, sentence, lexicon, index, earlier)
            yield _claim(speaker, verb, verb, content, sentence, pattern)


def _subjects(verb: Token, lexicon: Lexicon) -> tuple[list[Token], str]:
    """The speaker heads of a verb (with their conjuncts) and the pattern that found them.

    A verb without a subject borrows it from the verb it is coordinated with ("arrived and said"),
    from a governing verb ("refused to say", "was quoted as saying"), or, for "..., adding that",
    from the speech verb or main-clause verb it hangs on ("X backed the bill, saying ..."); never
    from a verb inside reported speech, whose subject is someone else.
    """
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        objects = [c for c in agent.children if c.dep_ == "pobj"]
        return _with_conjuncts(objects), "passive with agent"
    head = verb
    while True:
        subject_deps = ("nsubj", "csubj") if head is verb else ("nsubj", "csubj", "nsubjpass")
        subjects = [c for c in head.children if c.dep_ in subject_deps and c.pos_ in _SPEAKER_POS]
        if subjects:  # the one nearest the verb when the parse gives two ("Usdaw ... John Hannett added")
            subject = min(subjects, key=lambda c: abs(c.i - head.i))
            break
        if head.dep_ == "pcomp" and head.head.lower_ == "as":  # "X was quoted as saying"
            head = head.head
        borrows = head.dep_ in ("conj", "xcomp", "prep") or (
            head.dep_ == "advcl" and (head.head.lemma_.lower() in lexicon.speech_verbs or _main_clause(head.head)))
        if not borrows or head.head is head:
            return [], "verb"
        head = head.head
    if subject.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
        subject = head.head
    if subject.lower_ in _QUOTED_PRONOUNS:
        return [], "verb"
    return _with_conjuncts([subject]), "verb"


def _main_clause(verb: Token) -> bool:
    """The sentence's main verb, or a verb coordinated with it: its subject is the sentence's subject."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Each speaker head and the heads coordinated with it, except inside one name ("X and Y Authority")."""
    return [t for token in tokens for t in (token, *token.conjuncts)
            if t.i >= token.i and (t is token or _entity_bounds(t) != _entity_bounds(token) or t.ent_iob_ == "O")]


def _content(verb: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """Token range [first, last] of what was said: the clause, the passive subject, or the object."""
    clause = [c for c in verb.children if c.dep_ == "ccomp"]
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"), None)
    after = [t for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_CONTENT for t in c.subtree]
    if clause:
        tokens = [t for c in clause for t in c.subtree]
    elif any(c.dep_ == "agent" for c in verb.children):  # "the plans were announced by X": the plans
        tokens = list(passive_subject.subtree) if passive_subject is not None else []
    elif _said_after(verb):
        inner = {t.i for t in verb.subtree}  # '"We will win," he said.': the quote heads the sentence
        tokens = [t for t in verb.head.subtree if t.i < verb.i and t.i not in inner]
    elif passive_subject is not None:  # "the plan is believed to cost ...", "is described as complex"
        tokens = list(passive_subject.subtree) + after
    elif verb.lemma_.lower() in lexicon.clause_only_verbs:
        return None
    else:
        tokens = after
    return _trim(tokens)


def _said_after(verb: Token) -> bool:
    """'..., he said.': the parse makes the statement the head and hangs the verb on it, with nothing after."""
    attached = verb.dep_ in ("ccomp", "parataxis") or (
        verb.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in verb.children))
    return attached and verb.head.i < verb.i and not any(
        c.i > verb.i and c.dep_ not in _NOT_CONTENT for c in verb.children)


def _trim(tokens: list[Token]) -> tuple[int, int] | None:
    """The contiguous token range of ``tokens`` without edge punctuation, quotes and a leading 'that'."""
    if not tokens:
        return None
    doc = tokens[0].doc
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ == "that"):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return (first, last) if first <= last else None


def _according_claims(span: Span, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim]):
    """"According to X, ...": X is the speaker and the rest of the sentence the content."""
    for token in span:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        phrase_first, phrase_last = token.i, max(t.i for t in to.subtree)
        before = _trim(list(span.doc[span.start:phrase_first]))
        after = _trim(list(span.doc[phrase_last + 1:span.end]))
        sides = [side for side in (before, after) if side]
        if not sides:
            continue
        content = max(sides, key=lambda side: side[1] - side[0])
        for subject in _with_conjuncts([source]):
            speaker = _resolve_speaker(subject, sentence, lexicon, index, earlier)
            yield _claim(speaker, token, to, content, sentence, "according to")


def _no_speaker(rule: str) -> dict:
    return {"speaker": None, "speaker_id": None, "speaker_name": None, "speaker_start": None, "speaker_end": None,
            "speaker_rule": rule, "unnamed": True, "affiliation": None, "affiliation_id": None}


def _resolve_speaker(head: Token, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim]) -> dict:
    """The speaker of a claim from the head of its subject phrase (see the module docstring)."""
    if head.lower_ in _SPEAKING_PRONOUNS:
        return _resolve_pronoun(head, sentence, index, earlier)
    first, last = _phrase(head)
    doc = head.doc
    text_span = (doc[first].idx, doc[last].idx + len(doc[last]))
    result = {"speaker": doc[first:last + 1].text, "speaker_start": text_span[0],
              "speaker_end": text_span[1], "speaker_id": None, "speaker_name": None, "affiliation": None,
              "affiliation_id": None, "unnamed": _head_lemma(head) in lexicon.unnamed_sources}
    modifiers = [t for t in _modifier_chain(head) if t.i != head.i]
    appositions = [c for t in (head, *modifiers) for c in t.children if c.dep_ == "appos"]
    # "one of the Four, Gerry Conlon - who ... - said": the parse hangs the name on the verb.
    appositions += [c for c in head.head.children if c.dep_ == "npadvmod" and head.i < c.i < head.head.i]
    if not index.given:
        named_apposition = next((a for a in appositions if _is_name(a)), None)
        if named_apposition is not None and head.ent_type_ != "PERSON":
            result.update(_name_span(named_apposition), unnamed=False)
        affiliation = next((t for t in modifiers if t.ent_type_ in ("NORP", "GPE", "ORG")), None)
        if result["unnamed"] and affiliation is not None:
            first, last = _entity_bounds(affiliation)
            result["affiliation"] = doc[first:last + 1].text
        return {**result, "speaker_name": result["speaker"], "speaker_rule": "no actor mentions given"}
    for apposition in appositions:
        mention = index.at(apposition)
        if mention is not None and index.is_person(mention):
            affiliation = next((index.at(t) for t in modifiers if index.at(t) is not None), None)
            return {**result, **_named(mention, index, "person in apposition"), "unnamed": False,
                    **_affiliation(affiliation, index)}
    named_apposition = next((a for a in appositions if _is_name(a) and index.at(a) is None), None)
    if named_apposition is not None and index.at(head) is None and head.ent_type_ != "PERSON":  # unlisted name
        name = _name_span(named_apposition)
        return {**result, **name, "speaker_name": name["speaker"], "unnamed": False,
                "speaker_rule": "name in apposition with no actor mention"}
    mention = index.at(head)
    if mention is not None and not mention.adjectival:
        return {**result, **_named(mention, index, "actor mention at the subject head"), "unnamed": False,
                **index.affiliation_of(mention.actor_id)}
    modifier = next((index.at(t) for t in modifiers if index.at(t) is not None), None)
    if modifier is None:
        return {**result, "speaker_name": result["speaker"], "speaker_rule": "no actor mention in the speaker phrase"}
    if _head_lemma(head) in lexicon.voice_nouns or _compound_lemma(head) in lexicon.voice_nouns:
        named = _named(modifier, index, _VOICE_RULE)
        return {**result, "speaker_id": named["speaker_id"], "speaker_name": named["speaker_name"],
                "speaker_rule": named["speaker_rule"], "unnamed": False}
    return {**result, "speaker_name": result["speaker"], "speaker_rule": "unnamed source tied to an actor",
            "unnamed": True, **_affiliation(modifier, index)}


def _named(mention: _Mention, index: _Actors, rule: str) -> dict:
    return {"speaker": index.article.text[mention.start:mention.end], "speaker_start": mention.start,
            "speaker_end": mention.end, "speaker_id": mention.actor_id, "speaker_name": index.name(mention),
            "speaker_rule": rule}


def _affiliation(mention: _Mention | None, index: _Actors) -> dict:
    if mention is None:
        return {"affiliation": None, "affiliation_id": None}
    return {"affiliation": index.name(mention), "affiliation_id": mention.actor_id}


def _head_lemma(head: Token) -> str:
    return head.lemma_.lower()


def _compound_lemma(head: Token) -> str:
    """"press service" for the head "service" with the compound "press"."""
    compounds = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i == head.i - 1]
    return " ".join([*compounds, head.lemma_.lower()])


def _modifier_chain(head: Token) -> list[Token]:
    """Tokens that tie a subject head to an actor, nearest first: possessive, compound, adjective, of/for phrase."""
    chain = [head]
    for child in head.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            chain.append(child)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _PHRASE_PREPOSITIONS:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                chain += _modifier_chain(pobj)
    return chain


def _phrase(head: Token) -> tuple[int, int]:
    """Token range of a subject phrase: its left part, the head and its of/for phrases (no apposition)."""
    first, last = head.left_edge.i, head.i
    if head.ent_iob_ != "O":  # a name the parse splits ("The Qualifications and Curriculum Authority")
        entity_first, entity_last = _entity_bounds(head)
        first, last = min(first, entity_first), max(last, entity_last)
    for child in head.children:
        if child.i > head.i and child.dep_ == "prep" and child.lower_ in _PHRASE_PREPOSITIONS:
            last = max(last, child.right_edge.i)
        elif child.i > head.i:
            break
    while head.doc[first].is_punct:
        first += 1
    return first, last


def _is_name(token: Token) -> bool:
    """A person entity, or a proper noun with proper-noun compounds ("Theresa May" the model missed)."""
    if token.ent_type_ == "PERSON":
        return True
    parts = [c for c in token.children if c.dep_ == "compound"]
    return token.pos_ == "PROPN" and bool(parts) and all(p.pos_ == "PROPN" for p in parts)


def _name_span(token: Token) -> dict:
    """Speaker text and offsets of the name a token heads (its entity, or its compounds and itself)."""
    doc = token.doc
    first, last = _entity_bounds(token)
    if token.ent_type_ != "PERSON":
        first = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
    return {"speaker": doc[first:last + 1].text, "speaker_start": doc[first].idx,
            "speaker_end": doc[last].idx + len(doc[last])}


def _entity_bounds(token: Token) -> tuple[int, int]:
    if token.ent_iob_ == "O":
        return token.i, token.i
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity.start, entity.end - 1
    return token.i, token.i


def _resolve_pronoun(pronoun: Token, sentence: Sentence, index: _Actors, earlier: list[Claim]) -> dict:
    """A speaking pronoun → the actor the text points to, or None when it could be someone else.

    Searched nearest first: the same sentence before the pronoun, then up to three sentences back
    (same or previous paragraph). In a sentence with a top-level claim, the pronoun continues that
    claim's speaker, who must fit it: a person (or an actor's spokesperson) for "he"/"she" (never
    one whose honorific, "Mr" or "Ms", disagrees), an organisation or state for "it", a plural group
    for "they"; anyone else stops the search.
    Without a claim, "he"/"she" take the one person the sentence names; "it"/"they" only ever
    continue a speaker.
    """
    base = {"speaker": pronoun.text, "speaker_start": pronoun.idx, "speaker_end": pronoun.idx + len(pronoun),
            "speaker_id": None, "speaker_name": pronoun.text, "unnamed": False, "affiliation": None,
            "affiliation_id": None}
    if not index.given:
        return {**base, "speaker_rule": "pronoun; no actor mentions given"}
    gender = _PRONOUN_GENDER.get(pronoun.lower_)
    sentences = index.article.sentences
    windows = [(sentence.start, pronoun.idx, sentence.index)]
    for back in range(sentence.index - 1, max(-1, sentence.index - 1 - _PRONOUN_LOOKBACK), -1):
        if sentences[back].paragraph_id < sentence.paragraph_id - 1:
            break
        windows.append((sentences[back].start, sentences[back].end, back))
    for start, end, sentence_index in windows:
        here = [c for c in earlier if c.sentence_index == sentence_index and c.verb_lemma]
        top = [c for c in here if not any(o.content_start <= c.verb_start < o.content_end for o in here)]
        if top:
            previous = top[-1]
            mention = next((m for m in index.mentions if m.actor_id == previous.speaker_id), None)
            spokesperson = gender is not None and previous.speaker_rule == _VOICE_RULE  # "A spokeswoman for X said"
            fits = spokesperson or mention is not None and (
                index.is_person(mention) and index.gender(mention.actor_id) in (gender, None) if gender
                else not index.is_person(mention) and (pronoun.lower_ != "they" or index.plural(mention)))
            if not fits:
                return {**base, "speaker_rule": "pronoun; the previous speaker does not fit it"}
            return {**base, "speaker_id": previous.speaker_id, "speaker_name": previous.speaker_name,
                    "speaker_rule": f"pronoun → the speaker of sentence {sentence_index}"}
        if gender is None:
            continue
        persons = [m for m in index.persons_in(start, end) if index.gender(m.actor_id) in (gender, None)]
        actor_ids = list(dict.fromkeys(m.actor_id for m in persons))
        if len(actor_ids) == 1:
            where = "same sentence" if sentence_index == sentence.index else f"sentence {sentence_index}"
            return {**base, "speaker_id": actor_ids[0], "speaker_name": index.name(persons[0]),
                    "speaker_rule": f"pronoun → the one person named in the {where}"}
        if actor_ids:
            return {**base, "speaker_rule": "pronoun; several persons could be meant"}
    return {**base, "speaker_rule": "pronoun; no earlier speaker or person fits it"}


def _claim(speaker: dict, verb_first: Token, verb_last: Token, content: tuple[int, int], sentence: Sentence,
           pattern: str) -> Claim:
    doc = verb_first.doc  # spans' own text: Doc.text would join every token of the article each time
    verb_start, verb_end = verb_first.idx, verb_last.idx + len(verb_last)
    content_start, content_end = doc[content[0]].idx, doc[content[1]].idx + len(doc[content[1]])
    edges = [verb_start, verb_end, content_start, content_end]
    if speaker["speaker_start"] is not None:
        edges += [speaker["speaker_start"], speaker["speaker_end"]]
    return Claim(**speaker, verb=doc[verb_first.i:verb_last.i + 1].text, verb_lemma=verb_first.lemma_.lower(),
                 verb_start=verb_start, verb_end=verb_end,
                 content=doc[content[0]:content[1] + 1].text, content_start=content_start, content_end=content_end,
                 start=min(edges), end=max(edges), paragraph_id=sentence.paragraph_id,
                 sentence_index=sentence.index, pattern=pattern)


def sentence_cues(article: Article, sentence: Sentence, *, lexicon: Lexicon | None = None) -> list[Cue]:
    """Hedging, sourcing and denial cues in one sentence (a name such as "May" is never a cue)."""
    lexicon = lexicon or load_lexicon()
    text = article.text[sentence.start:sentence.end]
    cues = []
    for kind, pattern in lexicon.cues.items():
        for match in pattern.finditer(text):
            if match.start() > 0 and match.group()[0].isupper():
                continue  # capitalised inside a sentence: a name ("Theresa May"), not a cue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            cues.append(Cue(article.text[start:end], start, end, kind, sentence.index, sentence.paragraph_id))
    return sorted(cues, key=lambda cue: (cue.start, cue.kind))


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


def quotation_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every direct quotation of at least four words, quote marks excluded.

    Each mark is read as opening or closing from its neighbours (straight quotes open after a space
    and before a word, close after a word), so a quotation left open — news style for a quote that
    goes on in the next paragraph — runs to its paragraph's end without upsetting the pairs after it.
    """
    spans = []
    text = article.text
    for paragraph in article.paragraphs:
        opened = None
        for mark in _QUOTE_MARKS.finditer(text, paragraph.start, paragraph.end):
            position = mark.start()
            role = _quote_role(text, position, paragraph.start, paragraph.end)
            if role == "open":
                if opened is not None:
                    spans.append((opened, position))
                opened = position + 1
            elif role in ("close", "either") and opened is not None:
                spans.append((opened, position))
                opened = None
        if opened is not None:
            spans.append((opened, paragraph.end))
    return [(a, b) for a, b in (_trim_quote(text, a, b) for a, b in spans)
            if len(text[a:b].split()) >= _QUOTE_MIN_WORDS]


def _quote_role(text: str, position: int, start: int, end: int) -> str | None:
    """"open", "close", "either" (a straight quote between spaces) or None for the character at
    ``position``; curly quotes say it themselves."""
    char = text[position]
    if char in _OPENING_QUOTES:
        return "open"
    if char in _CLOSING_QUOTES:
        return "close"
    if char != '"':
        return None
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < end else " "
    if (before.isspace() or before in "([{-—–:") and not after.isspace():
        return "open"
    return "close" if not before.isspace() else "either" if after.isspace() else None


def _trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


def _add_quotations(article: Article, claims: list[Claim], quotes: list[tuple[int, int]], lexicon: Lexicon):
    """Mark claims whose content is a direct quotation; quotations no verb introduces become claims too."""
    result = list(claims)
    for start, end in quotes:
        overlapping = [i for i, c in enumerate(result) if c.content_start < end and start < c.content_end]
        for i in overlapping:
            result[i] = replace(result[i], quotation=True)
        if not overlapping:
            result.append(_quotation_claim(article, start, end, result, lexicon))
    return sorted(result, key=lambda c: (c.start, c.verb_start))


def _quotation_claim(article: Article, start: int, end: int, claims: list[Claim], lexicon: Lexicon) -> Claim:
    """A quotation no speech verb introduces: it continues the previous quoted speaker's words, if any."""
    sentence = _sentence_at(article, start)
    previous = max((c for c in claims if c.start < start), key=lambda c: c.start, default=None)
    if previous is not None and previous.quotation and previous.paragraph_id >= sentence.paragraph_id - 1:
        fields = ("speaker", "speaker_id", "speaker_name", "speaker_start", "speaker_end", "unnamed", "affiliation",
                  "affiliation_id")
        speaker = {name: getattr(previous, name) for name in fields}
        speaker["speaker_rule"] = "continues the quotation of the previous claim"
    else:
        speaker = _no_speaker("quotation with no speaker in the text")
    edges = [start, end] + ([speaker["speaker_start"], speaker["speaker_end"]] if speaker["speaker_start"] else [])
    claim = Claim(**speaker, verb="", verb_lemma="", verb_start=start, verb_end=start,
                  content=article.text[start:end], content_start=start, content_end=end, start=min(edges),
                  end=max(edges), paragraph_id=sentence.paragraph_id, sentence_index=sentence.index,
                  pattern="quotation", quotation=True)
    return _finish(claim, sentence_cues(article, sentence, lexicon=lexicon), lexicon)


def _sentence_at(article: Article, offset: int) -> Sentence:
    """The sentence that contains (or, between sentences, precedes) a character offset."""
    sentences = article.sentences
    return sentences[max(bisect.bisect_right([s.start for s in sentences], offset) - 1, 0)]


def claims_to_dict(claims: list[Claim]) -> list[dict]:
    """The ``claims`` part of the ``analyze`` JSON."""
    return [claim.to_dict() for claim in claims]


def cues_to_dict(article: Article, *, lexicon: Lexicon | None = None) -> list[dict]:
    """The ``sentence_cues`` part of the ``analyze`` JSON: every sentence with a hedging, sourcing or denial cue."""
    rows = []
    for sentence in article.sentences:
        cues = sentence_cues(article, sentence, lexicon=lexicon)
        if cues:
            kinds = {cue.kind for cue in cues}
            rows.append({"sentence_index": sentence.index, "paragraph_id": sentence.paragraph_id,
                         "start": sentence.start, "end": sentence.end, "hedged": HEDGE in kinds,
                         "sourced": SOURCING in kinds, "denied": DENIAL in kinds,
                         "cues": [{"text": c.text, "start": c.start, "end": c.end, "kind": c.kind} for c in cues]})
    return rows


def claims_table(claims: list[Claim]):
    """One row per claim: speaker, verb, content, category and cues (a pandas DataFrame)."""
    import pandas as pd

    rows = [{"speaker": c.speaker_name or c.speaker, "speaker_id": c.speaker_id, "unnamed": c.unnamed,
             "affiliation": c.affiliation, "verb": c.verb, "content": c.content, "category": c.category,
             "hedged": c.hedged, "quotation": c.quotation, "paragraph_id": c.paragraph_id,
             "sentence_index": c.sentence_index, "start": c.start, "end": c.end,
             "cues": ", ".join(f"{cue.text} ({cue.kind})" for cue in c.cues), "speaker_rule": c.speaker_rule}
            for c in claims]
    return pd.DataFrame(rows, columns=["speaker", "speaker_id", "unnamed", "affiliation", "verb", "content",
                                       "category", "hedged", "quotation", "paragraph_id", "sentence_index",
                                       "start", "end", "cues", "speaker_rule"])


_ROLE_STYLES = {
    "speaker": '<mark style="background:#cfe3ff">{}</mark>',
    "verb": "<b>{}</b>",
    "content": '<span style="text-decoration:underline;text-decoration-color:#c44e52">{}</span>',
}


def claims_html(article: Article, claims: list[Claim]) -> str:
    """Each claim in its sentence: speaker highlighted, verb bold, content underlined (text escaped)."""
    sentences = {s.index: s for s in article.sentences}
    items = []
    for claim in claims:
        sentence = sentences[claim.sentence_index]
        start, end = min(sentence.start, claim.start), max(sentence.end, claim.end)
        roles = [None] * (end - start)
        spans = [("content", claim.content_start, claim.content_end), ("verb", claim.verb_start, claim.verb_end)]
        if claim.speaker_start is not None:
            spans.append(("speaker", claim.speaker_start, claim.speaker_end))
        for role, a, b in spans:  # later roles win where spans overlap
            roles[a - start:b - start] = [role] * (b - a)
        parts, run_start = [], 0
        for i in range(1, len(roles) + 1):
            if i == len(roles) or roles[i] != roles[run_start]:
                piece = escape(article.text[start + run_start:start + i])
                role = roles[run_start]
                parts.append(_ROLE_STYLES[role].format(piece) if role else piece)
                run_start = i
        who = escape(claim.speaker_name or claim.speaker or "(unattributed)")
        note = escape(f"{claim.category}{', hedged' if claim.hedged else ''}; {claim.speaker_rule}")
        items.append(f'<li><small style="color:#888">¶{claim.paragraph_id} · s{claim.sentence_index} · '
                     f"chars {claim.start}–{claim.end}</small> <b>{who}</b> <small>({note})</small><br>"
                     f"{''.join(parts)}</li>")
    return "<ol>" + "\n".join(items) + "</ol>"


def cue_table(article: Article, *, lexicon: Lexicon | None = None):
    """One row per sentence with a hedging, sourcing or denial cue (a pandas DataFrame)."""
    import pandas as pd

    rows = [{**row, "cues": ", ".join(f"{c['text']} ({c['kind']})" for c in row["cues"]),
             "text": article.text[row["start"]:row["end"]]} for row in cues_to_dict(article, lexicon=lexicon)]
    return pd.DataFrame(rows, columns=["sentence_index", "paragraph_id", "hedged", "sourced", "denied", "cues",
                                       "text"])
