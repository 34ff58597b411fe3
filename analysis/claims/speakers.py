"""Speakers: the subject of a claim resolved to an actor through the actor mentions.

``_Actors`` indexes the mentions by offset; ``_resolve_speaker`` reads the subject phrase (a mention
at its head, an apposition, a possessive or "of/for" phrase, a voice noun such as "spokesperson",
a role noun such as "the president", "the deputy prime minister" or "Sweden's president", or a leader noun
such as "the head of state", for the person the actors stage gave that role, a person named right after a
role's organisation, an actor's name the actors stage has no mention of there)
and ``_resolve_pronoun`` follows "he", "she", "it" or "they" (also "his", "him", "their", "them") back to the
speaker it continues or the person a section heading names. Each
returns a :class:`Speaker`, the speaker fields of a claim, with the rule that found it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..article import Article, Sentence
from ..nlp import entity_bounds
from ..schema import Claim
from .lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PRONOUN_GENDER = {"he": "male", "she": "female"}
_PRONOUN_FORMS = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
_VOICE_RULE = "spokesperson or service of an actor"
_DESCRIPTION_RULE = "definite description → the organisation named before"
_SHARED_ROLE = "; role noun held by more than one actor"  # added to the rule of a role noun left as written
# Nouns a text uses for a news outlet it named before ("“…,” the daily wrote"): the last media actor mentioned.
_MEDIA_NOUNS = frozenset({"daily", "newspaper", "paper", "weekly", "tabloid", "outlet", "broadcaster", "channel",
                          "agency", "portal", "magazine", "publication", "website", "site"})
_ORGANISATION_TYPES = frozenset({"organization", "media", "bloc"})
_ROLE_HOLDER_TYPES = _ORGANISATION_TYPES | {"state"}  # whose roles a person named right after holds
_SPEAKING_PRONOUNS = {"he", "she", "it", "they"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}  # "his claim that ..."
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}  # "according to him"
_FORMS = {**{p: p for p in _SPEAKING_PRONOUNS}, **_POSSESSIVE_PRONOUNS, **_OBJECT_PRONOUNS}  # any form → subject form
_HONORIFIC_GENDER = {"mr": "male", "sir": "male", "lord": "male", "ms": "female", "mrs": "female", "miss": "female",
                     "lady": "female", "dame": "female", "baroness": "female"}
_PHRASE_PREPOSITIONS = {"of", "for", "at", "from", "in"}
_DEPUTY_WORDS = frozenset({"vice", "deputy"})  # "Vice President X" is not "the president"
# Title abbreviations a role may be written in ("Sen. Lindsey Graham"), so that "the senator" finds its holder.
_ROLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                       "adm": "admiral", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
                       "maj": "major", "cmdr": "commander", "amb": "ambassador", "pres": "president",
                       "sec": "secretary", "atty": "attorney", "supt": "superintendent"}
_PRONOUN_LOOKBACK = 3  # sentences searched back for the actor a speaking pronoun refers to
_AGENT_SUFFIXES = ("er", "or", "ist", "man", "woman", "person", "ent", "ant", "ee", "ary")  # founder, chairman, nominee
_AGENT_WORDS = frozenset({"head", "chief"})
_GENDERED_SUFFIXES = (("woman", "female"), ("man", "male"))
_ROLE_LOOKBACK = 3  # paragraphs searched back for the person a role noun with no holder calls by that role
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Speaker:
    """Who makes a claim, as far as the text resolves it: the speaker fields of a :class:`Claim`.

    Each rule of ``_resolve_speaker`` starts from the subject phrase and refines it with
    ``dataclasses.replace``; ``speaker_rule`` says which rule gave the result.
    """

    speaker: str | None = None
    speaker_id: object = None
    speaker_name: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_rule: str = ""
    unnamed: bool = False
    affiliation: str | None = None
    affiliation_id: object = None

    @classmethod
    def of(cls, claim: Claim) -> Speaker:
        """The speaker of an earlier claim."""
        return cls(**{field.name: getattr(claim, field.name) for field in fields(cls)})

    def claim_fields(self) -> dict:
        """The keyword arguments these fields are in :class:`Claim`."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


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
        self.roles = {item_field(a, "id"): [_spelt_out(role) for role in item_field(a, "roles", ()) or ()
                                            if role.split()] for a in (actors or ())}
        self.by_name = {" ".join(name.lower().split()): item_field(a, "id") for a in (actors or ())
                        for name in (item_field(a, "name"), *(item_field(a, "aliases", ()) or ())) if name}
        self.article = article
        self._at: dict = {}  # token offset → its mention: asked again for one token by several rules

    def named(self, words: str):
        """The actor whose name or alias is ``words`` (case ignored), if any: a name the tagger missed there."""
        return self.by_name.get(" ".join(words.lower().split()))

    def at(self, token: Token) -> _Mention | None:
        """The mention that contains a token (the longest, if mentions nest)."""
        offset = token.idx
        if offset not in self._at:
            inside = [m for m in self.mentions if m.start <= offset < m.end]
            self._at[offset] = max(inside, key=lambda m: m.end - m.start) if inside else None
        return self._at[offset]

    def type_at(self, token: Token) -> str | None:
        """The type ("person", "organisation", ...) of the actor mentioned at a token, if any."""
        mention = self.at(token)
        return None if mention is None else self.types.get(mention.actor_id) or "unknown"

    def with_role(self, endings, before: int, deputy: bool = False, earlier=(), qualifier=None,
                  speech_verbs=frozenset()) -> tuple[_Mention | None, bool, int]:
        """The last mention before an offset of a person the actors stage gave a role ending in one of
        ``endings`` ("the president" → the actor titled "President"): the nearest such actor is the one meant,
        not one named only inside what an earlier claim says ("X said the president of France, Y, …"; an earlier
        claim's own speaker counts, even where a content runs over it, and so does an earlier speaker resolved to
        such an actor with no mention there). With
        none before, the one such person the article names later, if only one, leaving out persons named only
        inside a clause a speech verb reports ("“…,” the head of state said" opening a text that names him after,
        and whom he speaks of). Also whether the mention comes later, and how many such actors there are.
        A deputy's role ("Vice President") answers only a phrase that says deputy itself. A phrase qualified by an
        actor (``qualifier``: "the US president") takes only a holder affiliated with it ("the Russian president"
        is not the US president named earlier), or else the article's one holder with no affiliation at all
        ("President Zelensky …" and then "the Ukrainian leader")."""
        def fits(role: str) -> bool:  # "head of the office of the President" heads an office: no president
            words = role.split()
            return any(role == ending or role.endswith(" " + ending)
                       and role[:-len(ending)].split()[-1] not in ("of", "the") for ending in endings) \
                and (deputy or not _DEPUTY_WORDS.intersection(words))

        holders = {actor_id for actor_id, roles in self.roles.items()
                   if any(fits(role) for role in roles) and self.types.get(actor_id) == "person"}
        if qualifier is not None:
            affiliated = {a for a in holders if self.affiliation_of(a)[1] == qualifier}
            unaffiliated = {a for a in holders if self.affiliation_of(a)[1] is None}
            holders = affiliated or (unaffiliated if len(unaffiliated) == 1 else set())
        told = [(c.content_start, c.content_end) for c in earlier if c.verb_lemma] + list(self.quotes)
        speaking = {c.speaker_start for c in earlier}  # a content that runs over its own speaker still names him
        named = [m for m in self.mentions if m.actor_id in holders and not m.adjectival
                 and (m.start in speaking or not any(a <= m.start < b for a, b in told))]
        named += [_Mention(c.speaker_start, c.speaker_end, c.speaker_id, False) for c in earlier
                  if c.speaker_id in holders and c.speaker_start is not None]
        before_it = sorted((m for m in named if m.end <= before), key=lambda m: m.start)
        if before_it:
            return before_it[-1], False, len(holders)
        later = [m for m in named if not self.reported(m, speech_verbs)]
        return (later[0], True, 1) if len({m.actor_id for m in later}) == 1 else (None, False, len(holders))

    def reported(self, mention: _Mention, speech_verbs) -> bool:
        """Whether a mention lies inside a clause a speech verb reports ("X said that the president of France, Y,
        …"): a person spoken of there, not one the text introduces."""
        span = self.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        while token is not None and token.head.i != token.i:
            if token.dep_ == "ccomp" and token.head.lemma_.lower() in speech_verbs:
                return True
            token = token.head
        return False

    def named_after_organisation(self, token: Token) -> tuple[_Mention | None, _Mention | None]:
        """The person whose name ends at ``token`` right after an organisation's or a state's name, and that
        organisation or state ("President of the European Council Charles Michel", "Adviser of the President of
        Ukraine X Y", which the parse reads as one name): the role's holder. (None, None) for anything else."""
        person = self.at(token)
        if person is None or person.end != token.idx + len(token) or not self.is_person(person):
            return None, None
        before = self.article.text[:person.start]
        organisation = next((m for m in self.mentions if m.end == len(before.rstrip()) and m.end < person.start
                             and not m.adjectival and self.types.get(m.actor_id) in _ROLE_HOLDER_TYPES), None)
        return (person, organisation) if organisation is not None else (None, None)

    def described(self, token: Token) -> _Mention | None:
        """The organisation a definite description at ``token`` refers to, if any: "the ministry" → the one
        organisation mentioned before whose name ends with "Ministry", "the (influential) daily" → the one news
        outlet mentioned before (two such actors: none). Only "the", adjectives and the noun: "the Russian
        ministry" or "the ministry of X" is no such reference."""
        children = list(token.children)
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in children) or any(
                c.dep_ not in ("det", "amod", "case") or c.dep_ == "amod"
                and (c.pos_ != "ADJ" or self.at(c) is not None) for c in children):
            return None
        lemma = token.lemma_.lower()
        earlier = [m for m in self.mentions if m.end <= token.idx and not m.adjectival
                   and self.types.get(m.actor_id) in _ORGANISATION_TYPES
                   and ((self.names.get(m.actor_id) or "").lower().split()[-1:] == [lemma]
                        or lemma in _MEDIA_NOUNS and self.types.get(m.actor_id) == "media")]
        return earlier[-1] if len({m.actor_id for m in earlier}) == 1 else None

    def affiliation_of(self, actor_id) -> tuple[str | None, object]:
        """The affiliation (name, id) the actors stage gives an actor ("Belarus" for its defence minister), if any."""
        return self.affiliations.get(actor_id, (None, None))

    def name(self, mention: _Mention) -> str:
        return self.names.get(mention.actor_id) or self.article.text[mention.start:mention.end]

    def is_person(self, mention: _Mention) -> bool:
        if mention.actor_id in self.types:
            return self.types[mention.actor_id] == "person"
        doc = self.article.doc
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and any(token.ent_type_ == "PERSON" for token in span)

    def gender(self, actor_id) -> str | None:
        """"male"/"female" when a mention of the actor starts with or follows an honorific ("Mr", "Ms"),
        else when the sentences that name the actor as their only person say "he"/"his" or "she"/"her"
        and clearly more of one (the article's own usage, for any name in any language)."""
        text = self.article.text
        for mention in self.mentions:
            if mention.actor_id == actor_id:
                before = text[max(0, mention.start - 12):mention.start].replace(".", " ").split()[-1:]
                words = before + text[mention.start:mention.end].replace(".", " ").split()[:1]
                for word in words:
                    if word.lower() in _HONORIFIC_GENDER:
                        return _HONORIFIC_GENDER[word.lower()]
        return self._pronoun_genders.get(actor_id)

    @cached_property
    def _pronoun_genders(self) -> dict:
        votes: dict = {}
        for sentence in self.article.sentences:
            persons = {m.actor_id for m in self.mentions if m.start < sentence.end and sentence.start < m.end
                       and self.is_person(m) and not any(a <= m.start < b for a, b in self.quotes)}
            if len(persons) != 1:
                continue
            span = self.article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            for token in span if span is not None else ():
                gender = _PRONOUN_FORMS.get(token.lower_)
                if gender and not any(a <= token.idx < b for a, b in self.quotes):
                    counts = votes.setdefault(next(iter(persons)), {"male": 0, "female": 0})
                    counts[gender] += 1
        return {actor_id: max(counts, key=counts.get) for actor_id, counts in votes.items()
                if max(counts.values()) >= 2 * min(counts.values()) + 1}

    def plural(self, start: int, end: int) -> bool:
        """Whether the last word of a phrase (a mention, a speaker) is a plural noun ("MPs", "the unions",
        "Ukrainian officials"), which "they" can continue."""
        span = self.article.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span[-1].tag_ in ("NNS", "NNPS")

    def says(self, sentence: Sentence, form: str) -> bool:
        """Whether a sentence has a form of the pronoun ``form`` ("he": he, his, him) outside quotations: it goes
        on about the one the pronoun means, so the search for that one may reach a paragraph further back."""
        span = self.article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        return any(_FORMS.get(t.lower_) == form and not any(a <= t.idx < b for a, b in self.quotes)
                   for t in (span if span is not None else ()))

    def quoted(self, sentence: Sentence) -> bool:
        """Whether all of a sentence's words lie inside one direct quotation."""
        words = [m.span() for m in _WORD.finditer(self.article.text, sentence.start, sentence.end)]
        return bool(words) and any(a <= words[0][0] and words[-1][1] <= b for a, b in self.quotes)

    def headings_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the section headings in [start, end), nearest to ``end`` first."""
        return [(s.heading_start, s.heading_end) for s in reversed(self.article.sections)
                if s.heading_start is not None and start <= s.heading_start and s.heading_end <= end]

    def persons_in(self, start: int, end: int) -> list[_Mention]:
        """Persons named in [start, end), outside quotations (a person quoted about is not the speaker)."""
        return [m for m in self.mentions if start <= m.start and m.end <= end and self.is_person(m)
                and not any(a <= m.start < b for a, b in self.quotes)]


def _spelt_out(role: str) -> str:
    """A role in lower case with its title abbreviations written out: "Lt. Gen." → "lieutenant general"."""
    return " ".join(_ROLE_ABBREVIATIONS.get(word.rstrip(".").lower(), word.lower()) for word in role.split())


def _salient(persons: list[_Mention], index: _Actors) -> _Mention | None:
    """Of the persons a sentence names, the one a main clause's pronoun after it continues when the parse ranks
    them: the one person who is a clause's subject while every other is only in a prepositional or modifier
    phrase (subject before object before oblique, as in salience-based resolution); None when another is a
    subject, object or apposition ("X met Y. He said …" stays open) or when none is a subject. A pronoun in a
    subordinate clause ("X asked about Y before he announced …") is not resolved this way."""
    def grammatical_role(mention: _Mention) -> str:
        span = index.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.root.dep_ if span is not None and len(span) else ""

    roles = {}
    for mention in persons:
        roles.setdefault(mention.actor_id, []).append(grammatical_role(mention))
    subjects = [a for a, deps in roles.items() if any(d in ("nsubj", "nsubjpass") for d in deps)]
    core = [a for a, deps in roles.items() if any(d in ("nsubj", "nsubjpass", "dobj", "dative", "attr", "conj", "appos")
                                                   for d in deps)]
    if len(roles) < 2 or len(subjects) != 1 or core != subjects:
        return None
    return next(m for m in persons if m.actor_id == subjects[0])


def _no_speaker(rule: str) -> Speaker:
    return Speaker(speaker_rule=rule, unnamed=True)


def _resolve_speaker(head: Token, sentence: Sentence, lexicon: Lexicon, index: _Actors,
                     earlier: list[Claim]) -> Speaker:
    """The speaker of a claim from the head of its subject phrase (see the module docstring)."""
    if _pronoun_form(head) is not None:
        return _resolve_pronoun(head, sentence, index, earlier)
    first, last = _phrase(head)
    doc = head.doc
    result = Speaker(speaker=doc[first:last + 1].text, speaker_start=doc[first].idx,
                     speaker_end=doc[last].idx + len(doc[last]), unnamed=_head_lemma(head) in lexicon.unnamed_sources)
    modifiers = [t for t in _modifier_chain(head) if t.i != head.i]
    appositions = [c for t in (head, *modifiers) for c in t.children if c.dep_ == "appos"]
    # "one of the Four, Gerry Conlon - who ... - said": the parse hangs the name on the verb.
    appositions += [c for c in head.head.children if c.dep_ == "npadvmod" and head.i < c.i < head.head.i]
    if not index.given:
        named_apposition = next((a for a in appositions if _is_name(a)), None)
        if named_apposition is not None and head.ent_type_ != "PERSON":
            result = replace(_name_span(result, named_apposition), unnamed=False)
        affiliation = next((t for t in modifiers if t.ent_type_ in ("NORP", "GPE", "ORG")), None)
        if result.unnamed and affiliation is not None:
            first, last = _entity_bounds(affiliation)
            result = replace(result, affiliation=doc[first:last + 1].text)
        return replace(result, speaker_name=result.speaker, speaker_rule="no actor mentions given")
    at_head = index.at(head)
    named_head = at_head is not None and not at_head.adjectival and index.is_person(at_head)
    for apposition in appositions:
        mention = index.at(apposition)
        if named_head and any(a.pos_ == "NOUN" and a.i < apposition.i for a in appositions):
            continue  # "X, head of the office of the President, Y, wrote": Y names the president, X speaks
        if mention is not None and index.is_person(mention):
            affiliation = next((index.at(t) for t in modifiers if index.at(t) is not None), None)
            return _affiliated(replace(_named(result, mention, index, "person in apposition"), unnamed=False),
                               affiliation, index)
    body = next((index.at(a) for a in appositions if index.at(a) is not None and not index.at(a).adjectival
                 and index.types.get(index.at(a).actor_id) in _ORGANISATION_TYPES), None)
    if body is not None and at_head is None and head.lower_ in _MEDIA_NOUNS:  # "the news agency Nordic News"
        affiliation, affiliation_id = index.affiliation_of(body.actor_id)
        return replace(_named(result, body, index, "organisation in apposition"), unnamed=False,
                       affiliation=affiliation, affiliation_id=affiliation_id)
    named_apposition = next((a for a in appositions if _is_name(a) and index.at(a) is None), None)
    if named_apposition is not None and at_head is None and head.ent_type_ != "PERSON":  # unlisted name
        named = _name_span(result, named_apposition)
        return replace(named, speaker_name=named.speaker, unnamed=False,
                       speaker_rule="name in apposition with no actor mention")
    mention = index.at(head)
    if mention is not None and not mention.adjectival:
        affiliation, affiliation_id = index.affiliation_of(mention.actor_id)
        return replace(_named(result, mention, index, "actor mention at the subject head"), unnamed=False,
                       affiliation=affiliation, affiliation_id=affiliation_id)
    person, organisation = index.named_after_organisation(doc[last]) if mention is None else (None, None)
    if person is not None and organisation.start >= doc[first].idx:  # "President of the European Council X Y said"
        return _affiliated(replace(_named(result, person, index, "person named after the organisation of a role"),
                                   unnamed=False), organisation, index)
    titled = index.at(doc[last]) if mention is None and head.is_title and doc[first].lower_ != "the" else None
    if titled is not None and index.is_person(titled) and titled.end == doc[last].idx + len(doc[last]) \
            and titled.start > head.idx:  # "Minister of Trade Erik Lund told": the title's holder
        affiliation, affiliation_id = index.affiliation_of(titled.actor_id)
        return replace(_named(result, titled, index, "person named after a title"), unnamed=False,
                       affiliation=affiliation, affiliation_id=affiliation_id)
    owned = any(c.dep_ == "poss" and index.at(c) is not None and not index.is_person(index.at(c))
                for c in head.children)  # "Ireland's premier", "Germany's ambassador": a role of that actor
    shared = False
    if mention is None and (doc[first].lower_ == "the" or owned) and not result.unnamed:
        title = _title_words(doc[first:last + 1], index)
        leader = " ".join(title) in lexicon.leader_nouns
        endings = {head.lower_} | (lexicon.leader_roles if leader else _AGENT_WORDS if head.lower_ in _AGENT_WORDS
                                   else set())  # "the head of the service" is its "chief"
        qualifier = next((index.at(t) for t in modifiers if index.at(t) is not None), None)
        # the whole title first ("the deputy prime minister" is not any minister), then its head noun
        for words in ({" ".join(title)}, endings) if title and title[-1] == head.lower_ else (endings,):
            holder, later, holders = index.with_role(
                words, doc[first].idx, deputy=bool(_DEPUTY_WORDS.intersection(title)), earlier=earlier,
                qualifier=qualifier and qualifier.actor_id, speech_verbs=lexicon.speech_verbs)
            if holder is not None:
                break
        shared = holders > 1  # several actors hold that role and none is the one meant
        if holder is not None:  # "the president said": the actor introduced with that role
            affiliation, affiliation_id = index.affiliation_of(holder.actor_id)
            return replace(result, speaker_id=holder.actor_id, speaker_name=index.name(holder),
                           speaker_rule="role noun → the actor given that role" + (", named later" if later else ""),
                           affiliation=affiliation,
                           affiliation_id=affiliation_id)
        previous = _previous_speaker(head.lower_, doc[first].idx, earlier, index, qualifier) \
            if doc[first].lower_ == "the" and _person_noun(head, title, lexicon, qualifier) else None
        if previous is not None:  # '“…,” the founder of the bank wrote' right after the founder was named
            return _speaker_of(result, previous, "role noun → the person speaking before")
    modifier = next((index.at(t) for t in modifiers if index.at(t) is not None), None)
    words = [t.text for t in doc[first:last + 1] if t.pos_ != "DET"]  # "the Polish press agency": its name
    actor_id = index.named(result.speaker) if all(t.pos_ == "PROPN" for t in doc[first:last + 1]) else (
        index.named(" ".join(words)) if len(words) > 1 else None)
    if mention is None and actor_id is not None:  # '"…," Aleksandr Lukashenko said' tagged a work of art
        affiliation, affiliation_id = index.affiliation_of(actor_id)
        return replace(result, speaker_id=actor_id, speaker_name=index.names.get(actor_id),
                       speaker_rule="an actor's name with no mention there", unnamed=False,
                       affiliation=affiliation, affiliation_id=affiliation_id)
    described = index.described(head) if mention is None and not result.unnamed else None
    if described is not None:  # "“…,” the daily wrote", "the ministry said": the organisation named before
        affiliation, affiliation_id = index.affiliation_of(described.actor_id)
        return replace(result, speaker_id=described.actor_id, speaker_name=index.name(described), unnamed=False,
                       speaker_rule=_DESCRIPTION_RULE, affiliation=affiliation, affiliation_id=affiliation_id)
    modifier = modifier or next((index.described(t) for t in modifiers if index.described(t) is not None), None)
    issuer = _issuer(head, doc[first], earlier, index, lexicon) if modifier is None else None
    if issuer is not None:  # "X said in a statement …. “…,” the statement said": X's statement
        return _speaker_of(result, issuer, "the statement → the speaker who made it before")
    if modifier is None:
        return replace(result, speaker_name=result.speaker, speaker_rule="no actor mention in the speaker phrase"
                       + _SHARED_ROLE * shared)
    if _head_lemma(head) in lexicon.voice_nouns or _compound_lemma(head) in lexicon.voice_nouns:
        # "a spokesperson for X": X speaks, in the words of the phrase as written
        return replace(result, speaker_id=modifier.actor_id, speaker_name=index.name(modifier),
                       speaker_rule=_VOICE_RULE, unnamed=False)
    return _affiliated(replace(result, speaker_name=result.speaker, unnamed=True,
                               speaker_rule="unnamed source tied to an actor" + _SHARED_ROLE * shared), modifier, index)


def _speaker_of(result: Speaker, claim: Claim, rule: str) -> Speaker:
    """The speaker phrase resolved to an earlier claim's speaker actor and affiliation, by ``rule``."""
    return replace(result, speaker_id=claim.speaker_id, speaker_name=claim.speaker_name, unnamed=False,
                   speaker_rule=rule, affiliation=claim.affiliation, affiliation_id=claim.affiliation_id)


def _previous_speaker(role: str, before: int, earlier: list[Claim], index: _Actors,
                      qualifier: _Mention | None) -> Claim | None:
    """The last claim before ``before`` when its speaker is a person actor and it lies at most ``_ROLE_LOOKBACK``
    paragraphs back, with no other person named in between: a text names a person and then calls them by what they
    are ("John Roe …. “…,” the founder of the bank wrote"), once no actor holds that role (``_Actors.with_role``).
    A role qualified by an actor ("the Ukrainian president") takes no person affiliated with another actor of its
    type."""
    claims = [c for c in earlier if c.speaker_id is not None and c.start < before]
    paragraph = next((s.paragraph_id for s in index.article.sentences if s.start <= before < s.end), None)
    if not claims or paragraph is None or index.types.get(claims[-1].speaker_id) != "person":
        return None
    last = claims[-1]
    gender = next((g for suffix, g in _GENDERED_SUFFIXES if role.endswith(suffix)), None)
    if gender is not None and index.gender(last.speaker_id) not in (gender, None):
        return None  # "the businessman" is no woman named before
    affiliation = index.affiliation_of(last.speaker_id)[1]
    if qualifier is not None and affiliation not in (None, qualifier.actor_id) and \
            index.types.get(affiliation) == index.types.get(qualifier.actor_id):
        return None  # "the Ukrainian president" is no Belarusian named before
    between = {m.actor_id for m in index.persons_in(last.start, before)}
    near = paragraph - index.article.sentences[last.sentence_index].paragraph_id <= _ROLE_LOOKBACK
    return last if near and between <= {last.speaker_id} else None


def _person_noun(head: Token, title: list[str], lexicon: Lexicon, qualifier: _Mention | None) -> bool:
    """Whether a role phrase's head names a person by what they do: a singular agent noun ("founder", "speaker",
    "chairman", "nominee", "head"), not a thing or body ("the government", "the ad", "the union"), nor one
    owned by a thing ("the ad's narrator"). A leader's role ("the president") only with an actor qualifying it
    ("the Ukrainian president"): the country's leader is often not the one quoted before."""
    word = head.lower_
    things = lexicon.occasion_nouns | lexicon.source_documents | lexicon.claim_nouns
    if head.tag_ != "NN" or word in _MEDIA_NOUNS or word in things or word.endswith("ment") or any(
            c.dep_ == "poss" for c in head.children):
        return False
    if " ".join(title) in lexicon.leader_nouns or word in {r.split()[-1] for r in lexicon.leader_roles}:
        return qualifier is not None
    return word.endswith(_AGENT_SUFFIXES) or word in _AGENT_WORDS


def _issuer(head: Token, first: Token, earlier: list[Claim], index: _Actors, lexicon: Lexicon) -> Claim | None:
    """The claim of the one who made "the statement" (the letter, the post) a speaker phrase names: the last earlier
    claim with a speaker actor in a sentence that names such a statement outside what is said ("X said in a
    statement that …", or an earlier "“…,” the statement said" resolved so); None for any other phrase."""
    lemma = _head_lemma(head)
    if first.lower_ != "the" or lemma not in lexicon.occasion_nouns or head.tag_ != "NN":
        return None
    for claim in reversed(earlier):
        sentence = index.article.sentences[claim.sentence_index]
        span = index.article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if claim.speaker_id is not None and span is not None and any(
                t.lemma_.lower() == lemma and not claim.content_start <= t.idx < claim.content_end for t in span):
            return claim
    return None


def _title_words(phrase: Span, index: _Actors) -> list[str]:
    """The words of a role phrase without its determiners and the actors qualifying it: "the head of the
    Austrian government" → head, of, government; "the US President" → president."""
    return [t.lower_ for t in phrase if t.pos_ not in ("DET", "PART", "PUNCT") and index.at(t) is None]


def _named(result: Speaker, mention: _Mention, index: _Actors, rule: str) -> Speaker:
    """The speaker as the actor mention names it."""
    return replace(result, speaker=index.article.text[mention.start:mention.end], speaker_start=mention.start,
                   speaker_end=mention.end, speaker_id=mention.actor_id, speaker_name=index.name(mention),
                   speaker_rule=rule)


def _affiliated(result: Speaker, mention: _Mention | None, index: _Actors) -> Speaker:
    """The speaker tied to the actor of ``mention`` (none without one)."""
    if mention is None:
        return replace(result, affiliation=None, affiliation_id=None)
    return replace(result, affiliation=index.name(mention), affiliation_id=mention.actor_id)


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


def _name_span(result: Speaker, token: Token) -> Speaker:
    """The speaker text and offsets of the name a token heads (its entity, or its compounds and itself)."""
    doc = token.doc
    first, last = _entity_bounds(token)
    if token.ent_type_ != "PERSON":
        first = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
    return replace(result, speaker=doc[first:last + 1].text, speaker_start=doc[first].idx,
                   speaker_end=doc[last].idx + len(doc[last]))


def _entity_bounds(token: Token) -> tuple[int, int]:
    """The first and last token of the named entity a token is in (the token alone outside any)."""
    return (token.i, token.i) if token.ent_iob_ == "O" else entity_bounds(token.doc).get(token.i, (token.i, token.i))


def _pronoun_form(token: Token) -> str | None:
    """The subject form ("he", "she", "it", "they") of a speaking pronoun: a subject, a possessive ("his claim
    that") or an object ("according to him"); None for any other word."""
    if token.lower_ in _SPEAKING_PRONOUNS:
        return token.lower_
    if token.dep_ == "poss":
        return _POSSESSIVE_PRONOUNS.get(token.lower_)
    return _OBJECT_PRONOUNS.get(token.lower_) if token.dep_ in ("pobj", "dobj") else None


def _resolve_pronoun(pronoun: Token, sentence: Sentence, index: _Actors, earlier: list[Claim]) -> Speaker:
    """A speaking pronoun → the actor the text points to, or None when it could be someone else.

    Searched nearest first: the same sentence before the pronoun, then up to three sentences back
    (same or previous paragraph). In a sentence with a top-level claim, the pronoun continues that
    claim's speaker, who must fit it: a person (or an actor's spokesperson) for "he"/"she" (never
    one whose honorific, "Mr" or "Ms", disagrees), an organisation or state for "it", a plural group
    for "they"; anyone else stops the search.
    Without a claim, "he"/"she" take the one person the sentence names, or of several the one who is a subject
    while the others are oblique (a main-clause pronoun only); "it"/"they" only ever continue a speaker ("they"
    also an unnamed plural one: "Officials say …. They add …"). A claim whose speaker is the same pronoun left
    unresolved ("According to him, …") or that has no speaker is looked past; paragraphs inside a quotation,
    sentences that use the pronoun again and sentences that name no person and hold no claim of a speaker actor
    ("That is the clearest aim yet.") carry the search a paragraph further back; a section heading crossed on
    the way back ("Lavrov: We don't want war") that names one person who fits gives "he"/"she" that person.
    """
    base = Speaker(speaker=pronoun.text, speaker_name=pronoun.text, speaker_start=pronoun.idx,
                   speaker_end=pronoun.idx + len(pronoun))
    if not index.given:
        return replace(base, speaker_rule="pronoun; no actor mentions given")
    form = _pronoun_form(pronoun)
    gender = _PRONOUN_GENDER.get(form)
    sentences = index.article.sentences
    windows = [(sentence.start, pronoun.idx, sentence.index)]
    counted = 0  # sentences searched back; those inside a quotation are the quoted speaker's and do not count
    reach = sentence.paragraph_id - 1  # the first paragraph searched: further back past quotations and the pronoun
    for back in range(sentence.index - 1, -1, -1):
        if sentences[back].paragraph_id < reach or counted == _PRONOUN_LOOKBACK:
            break
        windows += [(a, b, None) for a, b in index.headings_between(sentences[back].end, windows[-1][0])]
        windows.append((sentences[back].start, sentences[back].end, back))
        quoted = index.quoted(sentences[back])
        counted += not quoted
        names_nobody = not index.persons_in(sentences[back].start, sentences[back].end) and not any(
            c.sentence_index == back and c.speaker_id is not None for c in earlier)
        if quoted or index.says(sentences[back], form) or names_nobody:
            # "He called it immoral." and "“…,” he said" below it; a sentence naming nobody is passed over
            reach = min(reach, sentences[back].paragraph_id - 1)
    for start, end, sentence_index in windows:
        if sentence_index is None:  # a section heading ("Lavrov: We don't want war") names who the section quotes
            heading = list(dict.fromkeys(m.actor_id for m in index.persons_in(start, end)))
            if gender is not None and len(heading) == 1 and index.gender(heading[0]) in (gender, None):
                return replace(base, speaker_id=heading[0], speaker_name=index.names.get(heading[0]),
                               speaker_rule="pronoun → the one person the section heading names")
            continue
        here = [c for c in earlier if c.sentence_index == sentence_index and c.verb_lemma]
        top = [c for c in here if not any(o is not c and o.content_start <= c.verb_start < o.content_end for o in here)
               and c.speaker is not None]  # a claim with no speaker (a seeming, a passive) has none to go on with;
        # a claim whose frame sits inside its own words ('A reason, he said, was …') is still top-level
        if top:
            previous = top[-1]
            if previous.speaker_id is None and _FORMS.get((previous.speaker or "").lower()) == form:
                continue  # "According to him, …" left unresolved: the pronoun goes on with the same unknown speaker
            mention = next((m for m in index.mentions if m.actor_id == previous.speaker_id), None)
            spokesperson = gender is not None and previous.speaker_rule == _VOICE_RULE  # "A spokeswoman for X said"
            group = form == "they" and previous.speaker_id is None and previous.speaker_start is not None \
                and index.plural(previous.speaker_start, previous.speaker_end)  # "Officials say …. They add …"
            fits = spokesperson or group or mention is not None and (
                index.is_person(mention) and index.gender(mention.actor_id) in (gender, None) if gender
                else not index.is_person(mention) and (form != "they" or index.plural(mention.start, mention.end)))
            if not fits:
                return replace(base, speaker_rule="pronoun; the previous speaker does not fit it")
            return replace(base, speaker_id=previous.speaker_id, speaker_name=previous.speaker_name,
                           speaker_rule=f"pronoun → the speaker of sentence {sentence_index}")
        if gender is None:
            continue
        persons = [m for m in index.persons_in(start, end) if index.gender(m.actor_id) in (gender, None)]
        actor_ids = list(dict.fromkeys(m.actor_id for m in persons))
        if len(actor_ids) == 1:
            where = "same sentence" if sentence_index == sentence.index else f"sentence {sentence_index}"
            return replace(base, speaker_id=actor_ids[0], speaker_name=index.name(persons[0]),
                           speaker_rule=f"pronoun → the one person named in the {where}")
        salient = _salient(persons, index) if pronoun.head.dep_ in ("ROOT", "conj") else None
        if salient is not None:  # "X was one of the journalists hurt in the Y attack. She told …": X
            return replace(base, speaker_id=salient.actor_id, speaker_name=index.name(salient),
                           speaker_rule=f"pronoun → the subject of sentence {sentence_index}, the others oblique")
        if actor_ids:
            return replace(base, speaker_rule="pronoun; several persons could be meant")
    return replace(base, speaker_rule="pronoun; no earlier speaker or person fits it")
