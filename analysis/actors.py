"""Actors: who appears in the article, as whom, and with whom.

The data flow, all on the article's one spaCy parse (``article.doc``, never re-parsed):

1. **Candidates**: spaCy's PERSON, ORG, GPE, LOC and NORP entities, plus states, demonyms, blocs
   and user aliases from the tables in ``data/`` that the model left untagged. ORG entities that are
   the portfolio of a title ("Trade and Industry [Secretary]") are words, not actors.
2. **Types by consistency**: a name that is a person's name elsewhere in the article is that person
   (an ORG "Khrenin" after "Viktor Khrenin"); a name after "Mr"/"Ms"… or a personal title is a
   person; a one-word PERSON tagged otherwise everywhere else takes that type; a surname the model
   missed is found again.
3. **Roles and affiliations** of people, from the dependency parse: titles before a name
   ("Belarusian Defense Minister Viktor Khrenin") and appositions ("Valery Revenko, head of … at
   the Belarusian Ministry of Defense"; "a spokesperson for the Russian Foreign Ministry, Maria
   Zakharova"). Entities inside a title ("Defense" tagged ORG) are parts of the title, not actors.
4. **Canonical actors**: surnames and other parts of a name join the full name; case, leading
   articles and reordered forms of organisations join ("the Ministry of Defense of Belarus" = "the
   Belarusian Ministry of Defense"); official and short state names join ("the Russian Federation" =
   Russia); demonyms count as adjectival mentions of their state; the user alias file
   (``analysis/data/actor_aliases.tsv``) comes first.
5. **Codes** in the CAMEO style (country + sector) from ``analysis/data/cameo_sectors.tsv``.

Mentions in the title and headings are kept, with ``paragraph_id`` and ``sentence_index`` None.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import weakref
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd
from spacy.attrs import ENT_IOB, IDX, IS_SPACE, LENGTH, LOWER
from spacy.tokens import Doc

from .article import Article, record_fields
from .references import (
    ALIASES_FILE,
    Alias,
    Reference,
    ReferenceIndex,
    cameo_sector,
    load_aliases,
    normalize_name,
    reference_index,
)

ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "NORP": "group"}
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. sir dame lord lady baroness baron rev rev. reverend".split()
)
# Honorifics that tell a person's gender, so "Mrs Howard" never joins "Mr Howard" / "Michael Howard, Sir …".
_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "baron": "m",
           "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "baroness": "f"}
# Ministerial titles: a name right before one is a portfolio, part of the title ("Trade and Industry Secretary").
_PORTFOLIO_TITLES = frozenset({"minister", "secretary", "chancellor", "commissioner", "ministry"})
_NAME_PARTICLES = frozenset("de di da del della van von der den le la bin al ibn".split())
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_LEADING_WORDS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
# Titles that only a person holds: a name right after one is a person's, whatever the model says.
_PERSON_TITLES = frozenset("""
    president minister secretary chancellor spokesman spokeswoman spokesperson leader chairman chairwoman
    mp mep msp senator governor mayor director executive general colonel captain coach manager striker
    judge prosecutor ambassador commissioner premier deputy vice-president analyst economist chief head
    boss actor actress singer presenter journalist editor founder professor officer inspector envoy
""".split())
_NOT_TITLE_DEPS = frozenset({"npadvmod", "tmod"})
_ROLE_ADJECTIVES = frozenset({"chief"})  # tagged ADJ, yet a role on their own ("Bank of Japan chief X")
_TITLE_LINKS = frozenset({"of", "for", "and", "&"})
_ROLE_STOP_DEPS = frozenset({"punct", "poss", "case", "relcl", "acl", "cc", "conj", "advcl", "nummod", "appos"})
_MAX_ROLE_TOKENS = 10
# Words of organisation names and nouns that describe organisations: such a name is not a person's.
_ORG_WORDS = frozenset("""
    party council office group bank association committee university college institute commission department
    ministry agency union trust foundation corporation company club news times post league court service
    services board authority fund securities holdings airline airlines motors federation organisation
    organization society school hospital centre center inc ltd plc corp co firm broker retailer maker
    carmaker giant insurer operator chain business body watchdog charity regulator newspaper station
    channel team side band label studio network government assembly parliament congress city united
    rovers athletic wanderers albion county town real fc records pictures media technologies systems
""".split())
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "”"})
_OUTSIDE_ENTITY = 2  # spaCy's ENT_IOB value of "O"
_ORG_SUFFIXES = r"ministry|department|office|council|committee|agency|service|commission"
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")


@dataclass(frozen=True)
class Mention:
    """One mention of an actor: ``text == article.text[start:end]``.

    ``paragraph_id`` and ``sentence_index`` are None for mentions in the title or a heading;
    ``adjectival`` marks demonyms ("Russian forces") counted as mentions of their state.
    """

    actor_id: str
    text: str
    start: int
    end: int
    paragraph_id: int | None
    sentence_index: int | None
    adjectival: bool = False


@dataclass(frozen=True)
class Actor:
    """A canonical actor: one real-world entity, with every name the article gives it.

    ``type`` is one of person, organization, state, bloc (alliance or bloc), location, group.
    ``affiliation`` names the state, bloc or organisation the actor belongs to (from its name,
    title or apposition); ``code`` is its CAMEO-style actor code (None when nothing is known).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mention_count: int
    roles: tuple[str, ...]
    affiliation: str | None
    code: str | None
    paragraph_ids: tuple[int, ...]
    affiliation_id: str | None = None


@dataclass
class ActorExtraction:
    """The actors of one article and their mentions (in reading order)."""

    actors: list[Actor]
    mentions: list[Mention]

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def mentions_of(self, actor_id: str) -> list[Mention]:
        """The mentions of one actor, in reading order."""
        return [mention for mention in self.mentions if mention.actor_id == actor_id]

    def to_dict(self) -> dict:
        """The ``actors`` and ``mentions`` parts of the ``analyze`` JSON."""
        actors = []
        for actor in self.actors:
            row = record_fields(actor)
            row.update(aliases=list(actor.aliases), roles=list(actor.roles), paragraph_ids=list(actor.paragraph_ids))
            actors.append(row)
        return {"actors": actors, "mentions": [record_fields(mention) for mention in self.mentions]}


@dataclass(eq=False)
class _Candidate:
    """A span of tokens that may name an actor, with what is known about it so far."""

    start: int  # token indices, end exclusive
    end: int
    label: str  # spaCy entity label, or "REF" for a reference-table match, "NAME" for a surname found again
    type: str
    reference: Reference | None = None
    adjectival: bool = False
    alias: Alias | None = None
    honorific: str | None = None  # "mr", "dr" … written before the name
    roles: list[str] = field(default_factory=list)
    affiliations: list[_Candidate] = field(default_factory=list)
    key: tuple = ()


_CACHE: dict[tuple[int, str], ActorExtraction] = {}


def extract_actors(article: Article, *, aliases_path: str | Path = ALIASES_FILE) -> ActorExtraction:
    """The canonical actors of an article and every mention of them, with offsets.

    Computed once per article and alias file, then cached for as long as the article lives, so
    ``analyze``, tables, charts and later stages share one result.

    >>> from analysis import load_article
    >>> article = load_article("Talks\\n\\nRussian President Vladimir Putin met NATO officials. Putin left.")
    >>> extraction = extract_actors(article)
    >>> [(a.name, a.type, a.mention_count) for a in extraction.actors]
    [('Vladimir Putin', 'person', 2), ('Russia', 'state', 1), ('NATO', 'bloc', 1)]
    """
    cache_key = (id(article), str(aliases_path))
    if cache_key not in _CACHE:
        _CACHE[cache_key] = _extract(article, load_aliases(Path(aliases_path)), reference_index())
        weakref.finalize(article, _CACHE.pop, cache_key, None)
    return _CACHE[cache_key]


def _extract(article: Article, aliases: dict[str, Alias], index: ReferenceIndex) -> ActorExtraction:
    """The steps of the module docstring, in order, on the article's one parse."""
    doc = article.doc
    candidates = _entity_candidates(doc, index) + _reference_candidates(doc, index, aliases)
    for candidate in candidates:
        _apply_tables(doc, candidate, index, aliases)
    candidates = [candidate for candidate in candidates if not _is_portfolio(doc, candidate)]
    candidates = _attach_roles(article, _correct_people(doc, candidates))
    _assign_keys(doc, candidates)
    return _build(article, candidates)


# --- 1. candidates ---------------------------------------------------------------------------


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int, str | None]:
    """Token bounds without a leading article, honorific or punctuation, nor anything from a line
    break, a spaced dash or a trailing possessive or punctuation on.

    Returns the bounds and the honorific ("mr", "dr") written before the name, if any.
    """
    while start < end and (doc[start].lower_ in _LEADING_WORDS or doc[start].lower_ in HONORIFICS
                           or doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(start, end):  # a name never runs over a line break
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            end = i if doc[i].is_space else i + 1
            break
    for i in range(start + 1, end):  # "Mark Lewis-Francis - runner": a spaced dash ends the name
        if doc[i].is_punct and doc[i - 1].whitespace_ and doc[i].whitespace_:
            end = i
            break
    while end > start and (doc[end - 1].text in _POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    honorific = doc[start - 1].lower_ if start > 0 and doc[start - 1].lower_ in HONORIFICS else None
    return start, end, honorific


def _entity_candidates(doc: Doc, index: ReferenceIndex) -> list[_Candidate]:
    """spaCy's named entities of the actor labels; "Russian-Belarusian" is split into its states."""
    candidates, taken = [], 0  # tokens before ``taken`` belong to an earlier candidate
    for entity in doc.ents:
        if entity.label_ not in ENTITY_TYPES or entity.start < taken:
            continue
        start, end, honorific = _trim(doc, entity.start, entity.end)
        if entity.label_ == "PERSON":
            start, honorific = _after_last_honorific(doc, start, end, honorific)
            while end - start > 2 and doc[start].is_upper and doc[start].is_alpha and len(doc[start]) <= 4:
                start += 1  # "[MSP] Karen Whitefield": an abbreviated title, left for the role
        start, end = _with_particles(doc, start, end, taken, forward=entity.label_ == "PERSON")
        if start >= end:
            continue
        taken = end
        parts = _hyphenated_parts(doc, start, end, index)
        for part_start, part_end in parts:
            candidates.append(_Candidate(part_start, part_end, entity.label_, ENTITY_TYPES[entity.label_],
                                         honorific=honorific))
    return candidates


def _with_particles(doc: Doc, start: int, end: int, taken: int, *, forward: bool) -> tuple[int, int]:
    """Widen a name over the particles the model cut it at: "[von der] Leyen", "Ursula von [der Leyen]".

    Lower-case particles ("von", "de", "al") right before a name join it; a person's name that ends
    with particles, or is followed by particles and a capitalised word, takes them in (``forward``).
    """
    while start - 1 >= taken and doc[start - 1].lower_ in _NAME_PARTICLES and doc[start - 1].is_lower \
            and not _clause_boundary(doc, start):
        start -= 1
    if forward:
        stop = end
        while stop < len(doc) and doc[stop].lower_ in _NAME_PARTICLES and doc[stop].is_lower:
            stop += 1
        if (stop > end or doc[end - 1].lower_ in _NAME_PARTICLES) and stop < len(doc) and _capitalised(doc[stop]):
            end = stop + 1
    return start, end


def _after_last_honorific(doc: Doc, start: int, end: int, honorific: str | None) -> tuple[int, str | None]:
    """Cut title words off a PERSON entity at its last honorific ("Tory Treasurer Lord Ashcroft").

    The title words stay in the text for :func:`_title_chain_start` to read as a role.
    """
    for i in range(end - 1, start - 1, -1):
        if doc[i].lower_ in HONORIFICS:
            return i + 1, doc[i].lower_
    return start, honorific


def _hyphenated_parts(doc: Doc, start: int, end: int, index: ReferenceIndex) -> list[tuple[int, int]]:
    """The parts of "Russian-Belarusian" when every part is a state or demonym; else the whole span."""
    parts, part_start = [], start
    for i in range(start, end + 1):
        if i == end or doc[i].text == "-":
            parts.append((part_start, i))
            part_start = i + 1
    if len(parts) > 1 and all(a < b and index.lookup(doc[a:b].text) for a, b in parts):
        return parts
    return [(start, end)]


def _reference_candidates(doc: Doc, index: ReferenceIndex, aliases: dict[str, Alias]) -> list[_Candidate]:
    """States, demonyms, blocs and user aliases in capitalised tokens that no entity covers.

    The model misses many demonyms in titles ("Belarusian Defense Minister"), some acronyms, and
    the names an analyst adds to the alias file. A match never spans an entity, a space token or
    the start of a clause; the longest match at a token wins.
    """
    text = doc.text  # Doc.text joins every token: read it once, and the token attributes as one array
    starts, lengths, iob, spaces = doc.to_array([IDX, LENGTH, ENT_IOB, IS_SPACE]).T.tolist() if len(doc) else [[]] * 4
    ends = [start + length for start, length in zip(starts, lengths)]
    free = [tag == _OUTSIDE_ENTITY and not space for tag, space in zip(iob, spaces)]
    opens = [True, *(_closes_clause(text[start:end], space) for start, end, space in zip(starts, ends, spaces))][:-1]
    candidates, i = [], 0
    while i < len(doc):
        if not (free[i] and text[starts[i]].isupper()):
            i += 1
            continue
        room = 1  # tokens from i a match may cover
        while room < index.max_words and i + room < len(doc) and free[i + room] and not opens[i + room]:
            room += 1
        found = next((width for width in range(room, 0, -1)
                      if index.lookup(surface := text[starts[i]:ends[i + width - 1]])
                      or normalize_name(surface).casefold() in aliases), None)
        if found:
            candidates.append(_Candidate(i, i + found, "REF", "organization"))  # typed by _apply_tables
            i += found
        else:
            i += 1
    return candidates


def _apply_tables(doc: Doc, candidate: _Candidate, index: ReferenceIndex, aliases: dict[str, Alias]) -> None:
    """Type a candidate from the alias file, then honorifics, then the states and blocs tables."""
    text = normalize_name(_span_text(doc, candidate))
    alias = aliases.get(text.casefold())
    if alias is not None:
        candidate.alias = alias
        candidate.type = alias.type or candidate.type
        return
    match = index.lookup(text)
    if candidate.honorific:  # "Mr German" is a person, whatever the tables say
        candidate.type = "person"
    elif match is not None:
        candidate.reference, candidate.adjectival = match.reference, match.adjectival
        candidate.type = match.reference.type


def _is_portfolio(doc: Doc, candidate: _Candidate) -> bool:
    """Whether an ORG entity is the portfolio of a ministerial title, not an actor.

    "Trade and Industry [Secretary]", "Shadow [Chancellor]", "[Secretary] of State": the model
    tags these ORG; they are words of a role.
    """
    if candidate.label != "ORG" or candidate.reference is not None or candidate.alias is not None:
        return False
    after = doc[candidate.end].lower_ if candidate.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(candidate.start - 2, 0):candidate.start]]
    return after in _PORTFOLIO_TITLES or (before[-1:] == ["of"] and before[0] in _PORTFOLIO_TITLES)


def _span_text(doc: Doc, candidate: _Candidate) -> str:
    return doc[candidate.start:candidate.end].text


# --- 2. roles and affiliations ---------------------------------------------------------------


def _attach_roles(article: Article, candidates: list[_Candidate]) -> list[_Candidate]:
    """Record the titles and appositions of people in the body; drop entities that are parts of a title.

    Titles and headings are skipped: their telegraphic grammar ("Campbell: E-mail row") misleads
    the parser.
    """
    doc = article.doc
    by_token = _token_owner(doc, candidates)
    title_like = _title_like_people(doc, candidates)
    swallowed: set[int] = set()
    for candidate in candidates:
        offset = doc[candidate.start].idx
        if candidate.type != "person" or article.paragraph_at(offset) is None \
                or article.title_start <= offset < article.title_end:
            continue
        chain_start = _title_chain_start(doc, candidate, by_token, title_like)
        if chain_start < candidate.start:
            role, affiliation = _split_title(doc, chain_start, candidate.start, by_token)
            _add_role(candidate, role, affiliation)
            swallowed.update(id(other) for i in range(chain_start, candidate.start)
                             if (other := by_token.get(i)) is not None and other is not affiliation)
        for role, affiliation in _appositions(doc, candidate, by_token):
            _add_role(candidate, role, affiliation)
    return [candidate for candidate in candidates if id(candidate) not in swallowed]


def _title_like_people(doc: Doc, candidates: list[_Candidate]) -> set[int]:
    """Ids of PERSON entities nothing else supports, which a title before a name may swallow.

    The model sometimes tags title words as a person ("[Lib Dem Treasury] spokesman Vincent Cable").
    A person entity with an honorific, or whose last word is in another person entity, is real.
    """
    words = Counter(word for c in candidates if c.type == "person" for word in set(_name_tokens(doc, c)))
    return {
        id(c) for c in candidates
        if c.type == "person" and not c.honorific and words[_name_tokens(doc, c)[-1]] < 2
    }


def _title_words(doc: Doc, person: _Candidate, title_like: set[int]) -> bool:
    """Whether a PERSON entity before a name is words of its title: unsupported, and a modifier."""
    return id(person) in title_like and doc[person.start:person.end].root.dep_ == "compound"


def _add_role(candidate: _Candidate, role: str | None, affiliation: _Candidate | None) -> None:
    """Record a role (unless a longer one already says it: "chairman" in "chairman and chief executive")."""
    if role:
        _add_unique_role(candidate.roles, role)
    if affiliation is not None and affiliation.type != "person":
        candidate.affiliations.append(affiliation)


def _add_unique_role(roles: list[str], role: str) -> None:
    """Add ``role`` to ``roles`` in place, keeping only the longest of roles that contain one another."""
    roles[:] = [r for r in roles if not _within(r, role)]
    if not any(_within(role, r) for r in roles):
        roles.append(role)


def _within(short: str, long: str) -> bool:
    """Whether the words of ``short`` occur together in ``long`` (case-insensitive)."""
    return f" {short.casefold()} " in f" {long.casefold()} "


def _token_owner(doc: Doc, candidates: list[_Candidate]) -> dict[int, _Candidate]:
    """Token index → the candidate covering it."""
    return {i: candidate for candidate in candidates for i in range(candidate.start, candidate.end)}


def _clause_boundary(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a text, line or sentence: after a line break or closing punctuation.

    Read from the text rather than from ``is_sent_start``: the small model sometimes starts a
    sentence inside a name ("David | Miliband").
    """
    return i == 0 or _closes_clause(doc[i - 1].text, doc[i - 1].is_space)


def _closes_clause(token_text: str, is_space: bool) -> bool:
    """Whether a token ends a clause: a line break or other space token, or closing punctuation."""
    return is_space or token_text in _SENTENCE_ENDS


def _title_chain_start(doc: Doc, person: _Candidate, by_token: dict[int, _Candidate], title_like: set[int]) -> int:
    """First token of the title words right before a name that modify it ("Russian Defense Minister").

    Walks left over nouns, proper nouns, adjectives and "of"/"for" links that hang from the name in
    the dependency tree; stops at a determiner, a possessive, another (real) person or a sentence start.
    """
    root = doc[person.start:person.end].root
    i = person.start
    while not _clause_boundary(doc, i):
        token = doc[i - 1]
        owner = by_token.get(i - 1)
        # The parser often hangs title words elsewhere ("Ex-No 10 media chief X", "chairman and chief
        # executive X"): a capitalised word or a title word will do, not a time word or a date.
        in_tree = token.head.i in range(i - 1, person.end) or root in token.ancestors \
            or (token.dep_ not in _NOT_TITLE_DEPS and (owner is not None or not token.ent_type_)
                and (token.is_title or token.lower_ in _PERSON_TITLES or token.lower_ in _TITLE_LINKS))
        if token.text == "-" and not token.whitespace_ and i >= 2 and not doc[i - 2].whitespace_:
            i -= 2  # a hyphenated word ("co-chairman"), whatever the parser made of its parts
            continue
        if token.lower_ in HONORIFICS and i == person.start:
            i -= 1  # "former Tory Treasurer [Lord] Ashcroft": step over the honorific
            continue
        if owner is not None and owner.type == "person" and not _title_words(doc, owner, title_like) \
                or token.lower_ in HONORIFICS or not in_tree:
            break
        if token.pos_ in _TITLE_POS or (token.lower_ in _TITLE_LINKS and i < person.start) or token.text == "-":
            i -= 1
            continue
        break
    while i < person.start and (doc[i].lower_ in _TITLE_LINKS or doc[i].text == "-"):
        i += 1
    return i


def _split_title(doc: Doc, start: int, end: int, by_token: dict[int, _Candidate]):
    """Split title words into (role, affiliation): "Belarusian Defense Minister" → ("Defense Minister", Belarus).

    The affiliation is the first state, bloc, organisation or group named among the title words, or
    the one whose possessive comes right before them ("Hungary's"); the role is the rest, and must
    contain a noun.
    """
    affiliation = None
    for i in range(start, end):
        owner = by_token.get(i)
        if owner is not None and (owner.reference is not None or owner.alias is not None
                                  or (owner.label in ("ORG", "NORP", "GPE") and i == start)):
            affiliation = owner
            break
    possessor = by_token.get(start - 2) if start >= 2 and doc[start - 1].text in _POSSESSIVES else None
    if affiliation is None and possessor is not None and possessor.type != "person":
        affiliation = possessor  # "Hungary's Prime Minister X"
    elif affiliation is not None and affiliation.start > start and doc[affiliation.start - 1].lower_ in _TITLE_LINKS:
        start = affiliation.end  # "Bank of [Japan] chief": the words before belong to a name, not the role
    role_tokens = [doc[i] for i in range(start, end) if doc[i].lower_ not in HONORIFICS
                   and (affiliation is None or not affiliation.start <= i < affiliation.end)]
    return _role_text(role_tokens), affiliation


def _role_text(tokens) -> str | None:
    """The role words as written, or None if they hold no noun (a bare adjective such as "former" is
    not a role, "chief" is)."""
    while tokens and (tokens[0].lower_ in _TITLE_LINKS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in _TITLE_LINKS or tokens[-1].is_punct
                      or tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "PART")):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > _MAX_ROLE_TOKENS or not (
            any(t.pos_ in ("NOUN", "PROPN") for t in tokens) or tokens[-1].lower_ in _ROLE_ADJECTIVES):
        return None
    return "".join(t.text_with_ws for t in tokens).strip()


def _appositions(doc: Doc, person: _Candidate, by_token: dict[int, _Candidate]):
    """(role, affiliation) pairs from appositions: "X, head of …" and "a spokesperson for Y, X"."""
    root = doc[person.start:person.end].root
    runs: list[list] = []
    for child in root.rights:  # "Liam Fox, Tory co-chairman": the parser may make each word an apposition
        if child.dep_ == "appos":
            if runs and child.left_edge.i == runs[-1][-1].right_edge.i + 1:
                runs[-1].append(child)
            else:
                runs.append([child])
    if root.dep_ == "appos" and root.head.i < person.start:
        head = root.head
        owner = by_token.get(head.i)
        if owner is not None and owner.type != "person":  # "a spokesperson for [ORG], X"
            if head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
                runs.append([head.head.head])
        else:
            runs.append([head])
    pairs = []
    for run in runs:
        noun = run[-1]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("PERSON", "GPE", "DATE", "CARDINAL", "NORP"):
            continue
        if (owner := by_token.get(noun.i)) is not None and owner.reference is not None:
            continue
        pairs.append(_role_phrase(doc, run, person, by_token))
    return pairs


def _role_phrase(doc: Doc, nouns: list, person: _Candidate, by_token: dict[int, _Candidate]):
    """The role noun with its modifiers and "of" phrases; the first named actor in it is the affiliation.

    "head of the international military cooperation department at the Belarusian Ministry of
    Defense" gives the role "head of the international military cooperation department" and the
    ministry as affiliation; possessors ("Russia's foreign minister") are affiliations, not role words.
    ``nouns`` are adjacent apposition words read as one phrase, the last one its head.
    """
    heads = {noun.i for noun in nouns}
    affiliation, dropped = None, set()
    for token in (t for noun in nouns for t in noun.subtree):
        owner = by_token.get(token.i)
        beyond = nouns[-1].i < person.start <= token.i  # "the president, X, in Paris": Paris is not his
        if beyond:
            dropped.add(token.i)
        elif owner is not None and owner.type != "person" and not person.start <= token.i < person.end:
            affiliation = affiliation or owner
            dropped.add(token.i)
        elif person.start <= token.i < person.end or _under_stop(token, heads):
            dropped.add(token.i)
        elif token.i > nouns[-1].i and token.dep_ == "prep" and _names_actor(token, by_token):
            dropped.update(t.i for t in token.subtree)
    start = end = nouns[-1].i
    while start - 1 >= nouns[0].left_edge.i and start - 1 not in dropped:
        start -= 1
    while end + 1 <= nouns[-1].right_edge.i and end + 1 not in dropped:
        end += 1
    tokens = [doc[i] for i in range(start, end + 1)]
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    return _role_text(tokens), affiliation


def _under_stop(token, heads: set[int]) -> bool:
    """Whether a token hangs from the role words through a possessive, clause, list or apposition."""
    while token.i not in heads:
        if token.dep_ in _ROLE_STOP_DEPS or token.head.i == token.i:
            return True
        token = token.head
    return False


def _names_actor(prep, by_token: dict[int, _Candidate]) -> bool:
    """Whether a preposition's object is a named actor ("at [the Belarusian Ministry of Defense]")."""
    return any(child.dep_ == "pobj" and by_token.get(child.i) is not None for child in prep.children)


# --- 3. types by consistency -----------------------------------------------------------------


def _name_tokens(doc: Doc, candidate: _Candidate) -> tuple[str, ...]:
    """A person's name as comparable words: no accents, honorifics, initials, suffixes (Jr) or
    possessives, hyphens read as spaces, case-folded ("José Mourinho's" → ("jose", "mourinho"))."""
    plain = unicodedata.normalize("NFKD", normalize_name(_span_text(doc, candidate)))
    words = "".join(c for c in plain if not unicodedata.combining(c)).replace("'s", "").replace("-", " ").split()
    kept = tuple(w.casefold() for w in words
                 if w.casefold() not in HONORIFICS | _NAME_SUFFIXES and not _INITIAL.match(w))
    return kept or tuple(w.casefold() for w in words)


def _correct_people(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Fix person/non-person mistakes by consistency and find surnames the model missed.

    Full names and names after an honorific are sure person names. Another entity with a sure
    name, or one word that is the surname of one ("Khrenin" tagged ORG after "Viktor Khrenin"), is
    that person. A one-word PERSON that is no sure name's surname and is tagged otherwise elsewhere
    ("Manchester" tagged PERSON once and GPE three times) takes the most frequent other type. An
    entity that is a list of known people's names ("Blair and Brown") is those people. A state's
    name or demonym that is a sure person's surname, not tagged as a place and not used as an
    adjective is that person ("German" after "Mike German", but not "German officials").
    """
    sure = {_name_tokens(doc, c) for c in candidates if c.type == "person"
            and (c.honorific or len(_name_tokens(doc, c)) > 1)}
    surnames = {name[-1] for name in sure}
    person_words = surnames | {_name_tokens(doc, c)[-1] for c in candidates if c.label == "PERSON"}
    others: dict[tuple[str, ...], list[_Candidate]] = {}
    for candidate in candidates:
        if candidate.type != "person":
            others.setdefault(_name_tokens(doc, candidate), []).append(candidate)
    listed = {id(c): people for c in candidates if c.type != "person" and c.label in ENTITY_TYPES
              and (people := _split_name_list(doc, c, person_words))}
    candidates = [person for c in candidates for person in listed.get(id(c), [c])]
    for candidate in candidates:
        name = _name_tokens(doc, candidate)
        if candidate.reference is not None and len(name) == 1 and name[0] in surnames \
                and candidate.label not in ("GPE", "LOC") and doc[candidate.start].dep_ not in ("amod", "compound"):
            candidate.type, candidate.reference, candidate.adjectival = "person", None, False  # Mike German
        elif candidate.type != "person" and candidate.label in ENTITY_TYPES and candidate.reference is None \
                and candidate.alias is None:
            if name in sure or (len(name) == 1 and name[0] in surnames) \
                    or _looks_like_person(doc, candidate, person_words):
                candidate.type = "person"
        elif candidate.type == "person" and len(name) == 1 and name[0] not in surnames and name in others:
            majority = Counter(other.type for other in others[name]).most_common(1)[0][0]
            model = next(other for other in others[name] if other.type == majority)
            candidate.type, candidate.reference, candidate.alias = model.type, model.reference, model.alias
            candidate.adjectival = model.adjectival
    covered = {i for c in candidates for i in range(c.start, c.end)}

    def free_name_word(i: int) -> bool:
        token = doc[i]
        return i not in covered and token.ent_iob_ == "O" and _capitalised(token) and token.pos_ == "PROPN"

    found = []
    surname_hashes = {doc.vocab.strings[surname] for surname in surnames}
    lower = doc.to_array(LOWER).tolist() if surnames and len(doc) else []
    for token in (doc[i] for i, word in enumerate(lower) if word in surname_hashes):
        if free_name_word(token.i):
            start = token.i  # "David Miliband" missed by the model is not "Ed Miliband"
            while not _clause_boundary(doc, start) and free_name_word(start - 1) \
                    and doc[start - 1].lower_ not in HONORIFICS:
                start -= 1
            _, _, honorific = _trim(doc, start, token.i + 1)
            found.append(_Candidate(start, token.i + 1, "NAME", "person", honorific=honorific))
    return sorted(candidates + found, key=lambda c: c.start)


def _looks_like_person(doc: Doc, candidate: _Candidate, person_words: set[str]) -> bool:
    """Whether a two- or three-word name the model tagged otherwise reads as a person's name.

    The words are capitalised, none is an organisation word ("Council", "Bank", "United"), and the
    text treats it as a person: its last word is a person's surname elsewhere ("Ms Sturgeon"), a
    personal title comes right before it ("Defence Secretary [Geoff Hoon]"), or a lower-case title or
    an apposition describes it ("impressionist Rory Bremner"; "Vincent Cable,
    the party's spokesman"). Saying something is no sign: companies and offices say things too.
    """
    span = doc[candidate.start:candidate.end]
    words = [t for t in span if t.text != "-"]  # "Jean-Philippe Grandclaude"
    if not 2 <= len(words) <= 4 or not all(_name_word(t) for t in words) or not _capitalised(words[-1]):
        return False
    root = span.root
    before = doc[candidate.start - 1].lower_ if candidate.start > 0 else ""
    return (
        span[-1].lower_ in person_words
        or before in _PERSON_TITLES
        or any(t.dep_ == "compound" and t.pos_ == "NOUN" and t.is_lower and t.lower_ not in _ORG_WORDS
               for t in root.lefts if t.i < candidate.start)
        or any(t.dep_ == "appos" and t.pos_ == "NOUN" and t.lower_ not in _ORG_WORDS for t in root.rights)
    )


def _capitalised(token) -> bool:
    """Whether a word is written like a name: a capital, then not all capitals ("Blair", "McManus")."""
    return token.text[:1].isupper() and not token.is_upper


def _name_word(token) -> bool:
    """Whether a token can be a word of a person's name: capitalised, initials ("JP") or a particle ("de")."""
    if token.lower_ in _ORG_WORDS or not token.is_alpha:
        return False
    return _capitalised(token) or (token.is_upper and len(token) <= 3) or token.lower_ in _NAME_PARTICLES


def _split_name_list(doc: Doc, candidate: _Candidate, person_words: set[str]) -> list[_Candidate] | None:
    """People in an entity the model made of a list of names ("Blair and Brown", "Dyer, Faye, Bowyer").

    Returns one person candidate per name when every name ends with a known person's word, else None.
    """
    parts, start = [], candidate.start
    for i in range(candidate.start, candidate.end + 1):
        if i == candidate.end or doc[i].text in (",", "&") or doc[i].lower_ == "and":
            if start < i:
                parts.append((start, i))
            start = i + 1
    if len(parts) < 2 or not all(doc[b - 1].lower_ in person_words and _capitalised(doc[b - 1]) for _, b in parts):
        return None
    return [_Candidate(a, b, "NAME", "person") for a, b in parts]


# --- 4. canonical actors ---------------------------------------------------------------------


def _assign_keys(doc: Doc, candidates: list[_Candidate]) -> None:
    """Give every candidate the key of its actor: equal keys are one actor."""
    index = reference_index()
    for candidate in candidates:
        name = normalize_name(_span_text(doc, candidate))
        if candidate.alias is not None:
            candidate.key = ("alias", candidate.alias.canonical.casefold())
        elif candidate.reference is not None and candidate.reference.state is None:
            candidate.key = (candidate.reference.type, candidate.reference.code, candidate.reference.name)
        elif candidate.type == "organization":
            candidate.key = _organization_key(name, index)
        elif candidate.type == "group":
            candidate.key = ("group", re.sub(r"(?<=\w\w\w)s$", "", name.casefold()))
        elif candidate.type != "person":
            candidate.key = (candidate.type, name.casefold())
    _merge_people([c for c in candidates if c.type == "person"], doc)
    _merge_organizations([c for c in candidates if c.key[:1] == ("organization",)], doc)


def _organization_key(name: str, index: ReferenceIndex) -> tuple:
    """("organization", qualifying state or bloc, normalised core) for an organisation's name.

    "Belarusian Ministry of Defense", "Ministry of Defense of Belarus" and "Belarus's Defence
    Ministry" share the key ("organization", Belarus, "ministry of defense").
    """
    qualifier, core = _qualifier(name, index)
    core = core.casefold().replace("defence", "defense").replace("organisation", "organization")
    core = re.sub(r"\s+(affairs|party)$", "", core.replace(" affairs ", " ").replace("&", "and"))
    core = core.replace(" and ", " ").replace(" for ", " of ")  # "Institute for/of Fiscal Studies"
    core = re.sub(rf"^(.+?) ({_ORG_SUFFIXES})$", r"\2 of \1", core)
    return ("organization", qualifier, core)


def _qualifier(name: str, index: ReferenceIndex) -> tuple[Reference | None, str]:
    """The state or bloc that qualifies an organisation's name, and the name without it.

    A name that stands for a government ("Kremlin") is qualified by its state as a whole.
    """
    seat = index.lookup(name)
    if seat is not None and seat.reference.state is not None:
        return seat.reference.state, name
    words = name.split()

    def state_or_bloc(text: str) -> Reference | None:
        match = index.lookup(text)
        return match.reference if match is not None and match.reference.type in ("state", "bloc") else None

    for width in range(len(words) - 1, 0, -1):
        if (reference := state_or_bloc(re.sub(r"'s?$", "", " ".join(words[:width])))) is not None:
            return reference, " ".join(words[width:])
    for position in range(len(words) - 2, 0, -1):
        if words[position] == "of" and (reference := state_or_bloc(" ".join(words[position + 1:]))) is not None:
            return reference, " ".join(words[:position])
    return None, name


def _merge_people(people: list[_Candidate], doc: Doc) -> None:
    """One key per person: a surname or partial name joins the full name that contains it.

    Longer names are placed first; a short name that fits several people ("Miliband" with David and
    Ed Miliband) joins the one mentioned last before it. A first name, or another word of a name,
    alone joins the only person with that word. Gendered honorifics never join people of the other one ("Mrs Howard" and
    "Mr Howard" are two people).
    """
    clusters: list[tuple[tuple[str, ...], list[_Candidate], set[str]]] = []
    for candidate in sorted(people, key=lambda c: (-len(_name_tokens(doc, c)), c.start)):
        name = _name_tokens(doc, candidate)
        gender = _GENDER.get(candidate.honorific or "")
        fits = [c for c in clusters if not (gender and c[2] - {gender})]
        matches = [c for c in fits if _same_person(name, c[0])]
        if not matches and len(name) == 1:  # a first name, or another part ("Lula" of "Luiz Inacio Lula da Silva")
            for position in (slice(0, 1), slice(1, None)):
                matches = [c for c in fits if len(c[0]) > 1 and name[0] in c[0][position]]
                if matches:
                    break
            matches = matches if len(matches) == 1 else []
        if not matches:
            clusters.append((name, [candidate], {gender} if gender else set()))
            continue
        before = [(max((m.start for m in c[1] if m.start < candidate.start), default=-1), -n, c)
                  for n, c in enumerate(matches)]
        chosen = max(before, key=lambda item: item[:2])[2]
        chosen[1].append(candidate)
        if gender:
            chosen[2].add(gender)
    for number, (name, members, _) in enumerate(clusters):
        for member in members:
            member.key = ("person", " ".join(name), number)


def _same_person(name: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``name`` is ``full`` or a part of it ending with the same surname."""
    if name == full:
        return True
    if name[-1] != full[-1] or len(name) > len(full):
        return False
    remaining = iter(full)
    return all(word in remaining for word in name)


def _merge_organizations(organizations: list[_Candidate], doc: Doc) -> None:
    """Join an unqualified name to the one qualified form with the same core, and acronyms to names."""
    qualified = {}
    for candidate in organizations:
        if candidate.key[1] is not None:
            qualified.setdefault(candidate.key[2], set()).add(candidate.key)
    initials = {}
    for candidate in organizations:
        words = [w for w in _span_text(doc, candidate).split() if w[:1].isupper()]
        if len(words) > 1:
            initials.setdefault("".join(w[0] for w in words if w.casefold() not in ("the",)), set()).add(candidate.key)
    for candidate in organizations:
        _, qualifier, core = candidate.key
        if qualifier is None and len(qualified.get(core, ())) == 1:
            candidate.key = next(iter(qualified[core]))
        text = _span_text(doc, candidate)
        if _ACRONYM.match(text) and len(initials.get(text, ())) == 1:
            candidate.key = next(iter(initials[text]))


# --- 5. actors, codes and mentions -----------------------------------------------------------


def _build(article: Article, candidates: list[_Candidate]) -> ActorExtraction:
    """Group candidates by key into actors (most mentioned first) and mentions (reading order)."""
    doc = article.doc
    groups: dict[tuple, list[_Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.key, []).append(candidate)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), members[0].start))
    ids = _actor_ids([(_actor_type(members), _display_name(doc, members)) for members in ordered])
    key_to_id = {members[0].key: actor_id for members, actor_id in zip(ordered, ids)}
    actors = [_make_actor(article, actor_id, members, key_to_id, groups) for members, actor_id in zip(ordered, ids)]
    locate = _locator(article)
    mentions = [_make_mention(article, candidate, key_to_id[candidate.key], locate) for candidate in candidates]
    return ActorExtraction(actors, sorted(mentions, key=lambda m: m.start))


def _actor_type(members: list[_Candidate]) -> str:
    return Counter(member.type for member in members).most_common(1)[0][0]


def _display_name(doc: Doc, members: list[_Candidate]) -> str:
    """The name shown for an actor: the reference or alias name, the fullest person name, or the
    most frequent written form (a state-qualified organisation name first)."""
    first = members[0]
    if first.alias is not None:
        return first.alias.canonical
    if first.reference is not None:
        return first.reference.name
    forms = [normalize_name(_span_text(doc, member)) for member in members]
    if first.type == "person":
        name = max(forms, key=lambda form: (len(form.split()), -forms.index(form)))
        honorific = next((m.honorific for m in members if m.honorific), None)
        if len(name.split()) == 1 and honorific:  # "Mrs Howard", known by no other name
            return f"{honorific.capitalize().rstrip('.')} {name}"
        return name
    counts = Counter(forms)
    index = reference_index()
    return max(forms, key=lambda form: (_qualifier(form, index)[0] is not None, not _ACRONYM.match(form),
                                        counts[form], -forms.index(form)))


def _actor_ids(types_and_names: list[tuple[str, str]]) -> list[str]:
    """Readable, deterministic ids: ``person:vladimir-putin``, ``state:belarus`` (numbered if repeated)."""
    ids, seen = [], Counter()
    for kind, name in types_and_names:
        base = f"{kind}:{re.sub(r'[^0-9a-z]+', '-', name.casefold()).strip('-') or 'actor'}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _make_actor(article: Article, actor_id: str, members: list[_Candidate], key_to_id: dict, groups: dict) -> Actor:
    doc = article.doc
    name = _display_name(doc, members)
    kind = _actor_type(members)
    aliases = []
    for member in members:
        form = normalize_name(_span_text(doc, member))
        if form != name and form not in aliases:
            aliases.append(form)
    roles = []
    for member in members:
        for role in member.roles:
            _add_unique_role(roles, role)
    affiliation, affiliation_id, country = _affiliation(doc, members, key_to_id, groups)
    paragraph_ids = sorted({p.id for m in members if (p := article.paragraph_at(doc[m.start].idx)) is not None})
    return Actor(actor_id, name, kind, tuple(aliases), len(members), tuple(roles), affiliation,
                 _code(members, kind, roles, affiliation, country), tuple(paragraph_ids), affiliation_id)


def _affiliation(doc: Doc, members: list[_Candidate], key_to_id: dict, groups: dict):
    """(affiliation name, its actor id, its country or bloc code) of an actor.

    People take the most frequent affiliation of their titles and appositions; organisations the
    state or bloc that qualifies their name.
    """
    keys = Counter(affiliation.key for member in members for affiliation in member.affiliations
                   if affiliation.key in groups)  # not one dropped as part of another person's title
    if keys:
        key = keys.most_common(1)[0][0]
        affiliated = groups[key]
        name = _display_name(doc, affiliated)
        reference = key[1] if key[0] == "organization" else affiliated[0].reference  # its state, for the Kremlin
        return name, key_to_id[key], reference.code if reference else None
    key = members[0].key
    if key[0] == "organization" and key[1] is not None:
        reference = key[1]
        return reference.name, key_to_id.get((reference.type, reference.code, reference.name)), reference.code
    return None, None, None


def _code(members: list[_Candidate], kind: str, roles: list[str], affiliation: str | None, country: str | None):
    """The CAMEO-style code: country (or bloc) code + sector code from the role and affiliation."""
    first = members[0]
    if first.alias is not None and first.alias.code:
        return first.alias.code
    if first.reference is not None:
        return first.reference.code
    if kind in ("location", "group"):
        return None
    own_name = "" if kind == "person" else first.key[2] if first.key[0] == "organization" else ""
    sector = cameo_sector(" ".join([*roles, affiliation or "", own_name]))
    if country and country.startswith("IGO"):
        return country
    return (country or "") + (sector or "") or None


def _make_mention(article: Article, candidate: _Candidate, actor_id: str, locate) -> Mention:
    doc = article.doc
    start, end = doc[candidate.start].idx, doc[candidate.end - 1].idx + len(doc[candidate.end - 1])
    return Mention(actor_id, article.text[start:end], start, end, *locate(start), candidate.adjectival)


def _locator(article: Article):
    """A function: character offset → (paragraph id, sentence index), None for each outside them."""
    sentences = article.sentences
    starts = [sentence.start for sentence in sentences]

    def locate(offset: int) -> tuple[int | None, int | None]:
        position = bisect.bisect_right(starts, offset) - 1
        if position >= 0 and offset < sentences[position].end:
            return sentences[position].paragraph_id, sentences[position].index
        paragraph = article.paragraph_at(offset)
        return (paragraph.id if paragraph else None), None

    return locate


# --- 6. views: tables, co-occurrence and the highlighted article ----------------------------

TYPE_COLOURS = {
    "person": "#4c72b0",
    "organization": "#dd8452",
    "state": "#55a868",
    "bloc": "#8172b3",
    "location": "#937860",
    "group": "#da8bc3",
}


def actor_table(article: Article) -> pd.DataFrame:
    """One row per actor (most mentioned first): type, mentions, roles, affiliation, code, paragraphs."""
    rows = [
        {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "mentions": actor.mention_count,
            "roles": "; ".join(actor.roles),
            "affiliation": actor.affiliation or "",
            "code": actor.code or "",
            "paragraphs": ", ".join(map(str, actor.paragraph_ids)),
            "aliases": "; ".join(actor.aliases),
        }
        for actor in extract_actors(article).actors
    ]
    columns = ["id", "name", "type", "mentions", "roles", "affiliation", "code", "paragraphs", "aliases"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def mention_table(article: Article) -> pd.DataFrame:
    """One row per mention, in reading order, with its actor's name and its offsets."""
    extraction = extract_actors(article)
    names = {actor.id: actor.name for actor in extraction.actors}
    rows = [{**record_fields(m), "actor": names[m.actor_id]} for m in extraction.mentions]
    columns = ["actor", "actor_id", "text", "start", "end", "paragraph_id", "sentence_index", "adjectival"]
    return pd.DataFrame(rows, columns=columns)


def cooccurrences(extraction: ActorExtraction, *, include_adjectival: bool = True) -> Counter:
    """How many sentences each pair of actors shares: ``{(actor_id, actor_id): count}``, ids sorted."""
    by_sentence: dict[int, set[str]] = {}
    for mention in extraction.mentions:
        if mention.sentence_index is not None and (include_adjectival or not mention.adjectival):
            by_sentence.setdefault(mention.sentence_index, set()).add(mention.actor_id)
    pairs = Counter()
    for actor_ids in by_sentence.values():
        ordered = sorted(actor_ids)
        pairs.update((a, b) for n, a in enumerate(ordered) for b in ordered[n + 1:])
    return pairs


def actors_html(article: Article, *, actor_id: str | None = None, include_adjectival: bool = True) -> str:
    """The article with its actor mentions highlighted (displaCy), coloured by actor type.

    The text is escaped by displaCy and the labels here, never injected as raw HTML. ``actor_id``
    narrows the highlight to one actor.
    """
    from spacy import displacy

    extraction = extract_actors(article)
    actors = {actor.id: actor for actor in extraction.actors}
    entities, colours = [], {}
    for mention in extraction.mentions:
        if (actor_id is None or mention.actor_id == actor_id) and (include_adjectival or not mention.adjectival):
            actor = actors[mention.actor_id]
            label = escape(actor.name)
            colours[label] = TYPE_COLOURS[actor.type] + "55"  # translucent, so the text stays legible
            entities.append({"start": mention.start, "end": mention.end, "label": label})
    return displacy.render({"text": article.text, "ents": entities, "title": None}, style="ent", manual=True,
                           jupyter=False, options={"colors": colours})


def show_actors(article: Article, **options):
    """Display :func:`actors_html` in a notebook."""
    from IPython.display import HTML

    return HTML(actors_html(article, **options))
