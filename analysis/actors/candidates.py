"""Step 1 of the actors stage: candidates, the spans of the parse that may name an actor.

spaCy's PERSON, ORG, GPE, LOC and NORP entities, trimmed of leading articles, honorifics and
trailing possessives and widened over the name particles the model cuts ("[von der] Leyen"); then
the states, demonyms, blocs and user aliases of the reference tables that the model left untagged
(it misses many demonyms in titles: "Belarusian Defense Minister"), also inside entities of other labels
and across entities the model cut ("Polish" + "Radio"). Names lose what the model fused to them (a place
before a person's name, a sentence's first gerund, common nouns, numbers, a month or "(ACRONYM" around an
organisation's name); a person's name that opens a landmark's name ("[Lenin] Square") is that place. Each
candidate is typed from the alias file and the tables; ORG entities that are the portfolio of a title
("Trade and Industry [Secretary]") are words of a role, not actors, and are dropped; a name after a noun of news
outlets ("the Telegram channel [SOTA]") is a media actor.
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from ..nlp import token_column, token_offsets
from ..references import Alias, ReferenceIndex, normalize_name
from ..schema import Dateline
from .records import Candidate
from .words import (
    ACRONYM,
    ENTITY_TYPES,
    GLUED_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    PERSON_TITLES,
    POSSESSIVES,
    capitalised,
    clause_boundary,
    closes_clause,
    opening_gerund,
    span_text,
    trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Ministerial titles: a name right before one is a portfolio, part of the title ("Trade and Industry Secretary").
_PORTFOLIO_TITLES = frozenset({"minister", "secretary", "chancellor", "commissioner", "ministry"})
_MONTH_NAMES = frozenset(calendar.month_name[1:])
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
DATELINE_AGENCY = "DATELINE"  # the label of the candidate of a dateline's agency


def entity_candidates(doc: Doc, index: ReferenceIndex) -> list[Candidate]:
    """spaCy's named entities of the actor labels; "Russian-Belarusian" is split into its states."""
    candidates, taken = [], 0  # tokens before ``taken`` belong to an earlier candidate
    for entity in doc.ents:
        if entity.label_ not in ENTITY_TYPES or entity.start < taken:
            continue
        label = entity.label_
        start, end, honorific = trim(doc, entity.start, entity.end)
        if entity.label_ == "PERSON":
            start, honorific = _after_last_honorific(doc, start, end, honorific)
            while end - start > 2 and doc[start].is_upper and doc[start].is_alpha and len(doc[start]) <= 4:
                start += 1  # "[MSP] Karen Whitefield": an abbreviated title, left for the role
            if end - start > 1 and opening_gerund(doc, start):
                start += 1  # "[Joining] Biggs were …": a sentence's first word, no name
            while end - start > 2 and index.lookup(doc[start].text) is not None:
                start += 1  # "[Florida] Ron DeSantis", "[Belarus] Alexander Lukashenko": a place fused to the name
            if end - start == 2 and end < len(doc) and doc[end].is_lower and doc[end].pos_ in ("NOUN", "ADJ") \
                    and (match := index.lookup(doc[end - 1].text)) is not None and match.adjectival:
                continue  # "Exiled Belarusian [opposition]": a demonym used as an adjective, no person
            if end - start == 1 and doc[start].lower_ in PERSON_TITLES:
                continue  # "Counselor": a title alone, no name
            if (place_end := _landmark_end(doc, end)) is not None:
                label, end = "LOC", place_end  # "[Mamayev] Kurgan Memorial Complex", "[Lenin] Square": a place
        if not any(doc[i].text[:1].isupper() for i in range(start, end)):
            continue  # "structures", "182nd": no name
        start, end = _with_particles(doc, start, end, taken, forward=label == "PERSON")
        acronym = None
        if label == "ORG":
            start, end, acronym = _organization_bounds(doc, start, end)
            if acronym is None and end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                    and ACRONYM.match(doc[end + 1].text) and doc[end + 1].ent_type_ not in ENTITY_TYPES:
                acronym = end + 1  # "the Central Narcotics Bureau (CNB)": the model left the acronym untagged
        if start >= end:
            continue
        taken = end
        parts = _hyphenated_parts(doc, start, end, index)
        for part_start, part_end in parts:
            glued = GLUED_WORDS.match(doc[part_start].text)
            candidates.append(Candidate(part_start, part_end, label, ENTITY_TYPES[label],
                                        honorific=honorific, glued=glued.end() if glued else 0))
        if acronym is not None:
            candidates.append(Candidate(acronym, acronym + 1, "ORG", "organization"))
            taken = acronym + 1
    _keep_possessives_of_names(doc, candidates)
    return candidates


# Last words of the name of a place named after a person ("Lenin Square", "Mamayev Kurgan Memorial Complex").
_LANDMARK_WORDS = frozenset("""
    square street avenue boulevard prospekt embankment bridge airport stadium arena park cathedral church
    monastery mosque synagogue monument memorial complex palace fortress castle tower station museum gallery
    theatre theater cemetery
""".split())
_MAX_LANDMARK_WORDS = 4


def _landmark_end(doc: Doc, end: int) -> int | None:
    """The end of a place's name when the capitalised words right after a person's name end with a landmark
    word ("[Mamayev] Kurgan Memorial Complex", "[Lenin] Square"): the person's name is the place's first
    words. Words the model tagged a person, and words after a line break, are no part of it."""
    stop = end
    while stop < len(doc) and stop - end < _MAX_LANDMARK_WORDS and capitalised(doc[stop]) and doc[stop].is_alpha \
            and doc[stop].ent_type_ != "PERSON" and doc[stop - 1].whitespace_ == " ":
        stop += 1
    last = next((i for i in range(stop - 1, end - 1, -1) if doc[i].lower_ in _LANDMARK_WORDS), None)
    return last + 1 if last is not None else None


def _keep_possessives_of_names(doc: Doc, candidates: list[Candidate]) -> None:
    """An organisation's short form keeps the possessive its full name has ("Boatmen's" of "Boatmen's
    Bancshares Inc"): there it is a word of the name, not a genitive."""
    names = [span_text(doc, c) for c in candidates if c.label == "ORG" and c.end - c.start > 2]
    for candidate in candidates:
        end = candidate.end
        if candidate.label == "ORG" and end < len(doc) and doc[end].text in POSSESSIVES \
                and not doc[end - 1].whitespace_:
            written = span_text(doc, candidate) + doc[end].text + " "
            if any(name.startswith(written) for name in names):
                candidate.end = end + 1


def _organization_bounds(doc: Doc, start: int, end: int) -> tuple[int, int, int | None]:
    """An organisation's name without a date before it ("[August] Chicago NAPM"), the common nouns or
    numbers after it ("Interfax [news agency]", "Dublin Newsroom [+353]") or the acronym it introduces
    in brackets ("National Association of Purchasing Management [(NAPM]"), and with a partner the model
    cut off ("Douglas [& Lomason]"). Returns the bounds and the acronym's token (or None)."""
    acronym = None
    while end - start > 1 and doc[start].text in _MONTH_NAMES:
        start += 1
    bracket = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if bracket is not None:
        if bracket + 1 < len(doc) and ACRONYM.match(doc[bracket + 1].text):
            acronym = bracket + 1
        end = bracket
    while end - start > 1 and not any(c.isalpha() for c in doc[end - 1].text):
        end -= 1
    first_lower = next((i for i in range(start, end) if doc[i].is_lower), end)
    if all(doc[i].is_lower and doc[i].is_alpha for i in range(first_lower, end)):
        end = first_lower
    if end + 1 < len(doc) and doc[end].text == "&" and capitalised(doc[end + 1]) and doc[end + 1].ent_iob_ == "O":
        end += 2
    return start, end, acronym


def _with_particles(doc: Doc, start: int, end: int, taken: int, *, forward: bool) -> tuple[int, int]:
    """Widen a name over the particles the model cut it at: "[von der] Leyen", "Ursula von [der Leyen]".

    Lower-case particles ("von", "de", "al") right before a name join it; a person's name that ends
    with particles, or is followed by particles and a capitalised word, takes them in (``forward``).
    """
    while start - 1 >= taken and doc[start - 1].lower_ in NAME_PARTICLES and doc[start - 1].is_lower \
            and not clause_boundary(doc, start):
        start -= 1
    if forward:
        stop = end
        while stop < len(doc) and doc[stop].lower_ in NAME_PARTICLES and doc[stop].is_lower:
            stop += 1
        if (stop > end or doc[end - 1].lower_ in NAME_PARTICLES) and stop < len(doc) and capitalised(doc[stop]):
            end = stop + 1
    return start, end


def _after_last_honorific(doc: Doc, start: int, end: int, honorific: str | None) -> tuple[int, str | None]:
    """Cut title words off a PERSON entity at its last honorific ("Tory Treasurer Lord Ashcroft").

    The title words stay in the text for step 3 (:mod:`analysis.actors.roles`) to read as a role.
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


def reference_candidates(doc: Doc, index: ReferenceIndex, aliases: dict[str, Alias]) -> list[Candidate]:
    """States, demonyms, blocs and user aliases in capitalised tokens that no entity of an actor label covers.

    The model misses many demonyms in titles ("Belarusian Defense Minister"), some acronyms, and
    the names an analyst adds to the alias file, and tags some inside other entities ("the Charter of the
    [United Nations]" a work of art). A match never spans an actor entity, a space token or
    the start of a clause; the longest match at a token wins.
    """
    text, starts, ends = token_offsets(doc)  # read once per Doc, as are the token attributes
    kinds, spaces = token_column(doc, "ENT_TYPE"), token_column(doc, "IS_SPACE")
    actor_labels = {doc.vocab.strings[label] for label in ENTITY_TYPES}
    free = [kind not in actor_labels and not space for kind, space in zip(kinds, spaces)]
    candidates, taken = [], 0  # tokens before ``taken`` belong to a match found
    for i in [i for i, ok in enumerate(free) if ok and text[starts[i]].isupper()]:
        if i < taken:
            continue
        room = 1  # tokens from i a match may cover: free ones, up to a clause's end (a token that closes it)
        while room < index.max_words and i + room < len(doc) and free[i + room] \
                and not closes_clause(text[starts[i + room - 1]:ends[i + room - 1]], spaces[i + room - 1]):
            room += 1
        found = next((width for width in range(room, 0, -1)
                      if index.lookup(surface := text[starts[i]:ends[i + width - 1]])
                      or normalize_name(surface).casefold() in aliases), None)
        if found:
            candidates.append(Candidate(i, i + found, "REF", "organization"))  # typed by apply_tables
            taken = i + found
    return candidates


def _agency_offsets(dateline: Dateline | None) -> tuple[int, int] | None:
    """The character offsets of a dateline's agency ("ROME (Reuters) -": Reuters), or None."""
    if dateline is None or dateline.agency is None:
        return None
    start = dateline.start + dateline.text.rindex(f"({dateline.agency}") + 1
    return start, start + len(dateline.agency)


def dateline_agency(article) -> list[Candidate]:
    """The agency of the article's dateline as a media candidate, if it has one."""
    offsets = _agency_offsets(article.dateline)
    span = article.doc.char_span(*offsets, alignment_mode="expand") if offsets else None
    return [Candidate(span.start, span.end, DATELINE_AGENCY, "media")] if span is not None and len(span) else []


def join_table_names(doc: Doc, candidates: list[Candidate], index: ReferenceIndex) -> list[Candidate]:
    """Adjacent candidates that together are a name of the tables are that one name: the model cut
    "Polish Radio" into "Polish" (NORP) and "Radio" (ORG)."""
    joined: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: c.start):
        previous = joined[-1] if joined else None
        if previous is not None and previous.end == candidate.start and previous.alias is None \
                and index.lookup(doc[previous.start:candidate.end].text) is not None:
            joined[-1] = Candidate(previous.start, candidate.end, "REF", "organization")  # typed by apply_tables
        else:
            joined.append(candidate)
    return joined


def apply_tables(doc: Doc, candidate: Candidate, index: ReferenceIndex, aliases: dict[str, Alias]) -> None:
    """Type a candidate from the alias file, then honorifics, then the states and blocs tables."""
    text = normalize_name(span_text(doc, candidate))
    alias = aliases.get(text.casefold())
    if alias is not None:
        candidate.alias = alias
        candidate.type = alias.type or candidate.type
        return
    match = index.lookup(text)
    if match is None and _DOTTED_INITIALS.fullmatch(text):
        match = index.lookup(text + ".")  # "U.S" whose last dot ended the sentence
    if candidate.honorific:  # "Mr German" is a person, whatever the tables say
        candidate.type = "person"
    elif match is not None:
        candidate.reference, candidate.adjectival = match.reference, match.adjectival
        candidate.type = match.reference.type


def is_portfolio(doc: Doc, candidate: Candidate) -> bool:
    """Whether an ORG entity is the portfolio of a ministerial title, not an actor.

    "Trade and Industry [Secretary]", "Shadow [Chancellor]", "[Secretary] of State": the model
    tags these ORG; they are words of a role.
    """
    if candidate.label != "ORG" or candidate.reference is not None or candidate.alias is not None:
        return False
    after = doc[candidate.end].lower_ if candidate.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(candidate.start - 2, 0):candidate.start]]
    return after in _PORTFOLIO_TITLES or (before[-1:] == ["of"] and before[0] in _PORTFOLIO_TITLES)


def mark_compounds(doc: Doc, candidates: list[Candidate]) -> None:
    """A name written inside a compound word with lower-case parts ("New York-based", "Moscow-backed",
    "pro-Moscow", "ex-England") is mentioned by that whole word, as an adjective. People's names keep their
    bounds ("Li Song-ho"), as do name particles ("al-Aqsa")."""
    for candidate in candidates:
        if candidate.type == "person":
            continue
        start, end = candidate.start, candidate.end
        while end + 1 < len(doc) and _glued_hyphen(doc, end) and doc[end + 1].is_lower and doc[end + 1].is_alpha:
            end += 2
        while start >= 2 and _glued_hyphen(doc, start - 1) and doc[start - 2].is_lower and doc[start - 2].is_alpha \
                and doc[start - 2].lower_ not in NAME_PARTICLES:
            start -= 2
        if (start, end) != (candidate.start, candidate.end):
            candidate.compound = (start, end)


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen with no space on either side: it joins the words of one compound."""
    return doc[i].text == "-" and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


# Bodies of a state that news names in lower case after the state or its demonym ("the British defence ministry").
_STATE_BODIES = frozenset({"ministry", "embassy", "consulate"})
_STATE_LABELS = frozenset({"GPE", "NORP", "REF"})


def widen_state_bodies(doc: Doc, candidates: list[Candidate]) -> None:
    """A state or demonym followed by lower-case words ending with "ministry", "embassy" or "consulate"
    ("British defence ministry", "UK foreign ministry") names that organisation: the candidate spans them."""
    starts = {c.start for c in candidates}
    for candidate in candidates:
        if candidate.label not in _STATE_LABELS:
            continue
        for width in range(1, 4):
            end = candidate.end + width
            if end > len(doc) or any(i in starts for i in range(candidate.end, end)) \
                    or not (doc[end - 1].is_lower and doc[end - 1].is_alpha):
                break
            if doc[end - 1].lower_ in _STATE_BODIES:
                candidate.end, candidate.label, candidate.type = end, "ORG", "organization"
                break


# Lower-case nouns that say a name is a news outlet's: "the Telegram channel SOTA", "news outlet, Mediazona".
_OUTLET_NOUNS = frozenset({"outlet", "channel", "portal", "newspaper", "broadcaster", "magazine", "tabloid",
                           "weekly", "daily"})  # not "website": "website PayPal" is no outlet
_MAX_OUTLET_WORDS = 3


def outlets_named_by_nouns(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """A name right after a lower-case noun of news outlets, or in apposition to it ("the independent Russian
    Telegram channel SOTA", "the portal Belsat.eu", "according to Russian independent news outlet, Mediazona"),
    is a ``media`` actor: an entity the model tagged otherwise takes that type, with every mention of its name,
    and capitalised words it left untagged (one to three, up to a clause's end) become one. Names of the tables
    and aliases keep their own. Returns the candidates in text order."""
    owner = {i: c for c in candidates for i in range(c.start, c.end)}
    found, outlets = [], set()
    outlet_hashes = {doc.vocab.strings[noun] for noun in _OUTLET_NOUNS}
    for noun in [doc[i] for i, word in enumerate(token_column(doc, "LOWER")) if word in outlet_hashes]:
        if not noun.is_lower or noun.i + 1 >= len(doc):
            continue
        first = noun.i + 1 + (doc[noun.i + 1].text == ",")  # "news outlet, Mediazona"
        if first >= len(doc) or not doc[first].text[:1].isupper() or doc[first].pos_ != "PROPN":
            continue
        candidate = owner.get(first)
        if candidate is not None:
            if candidate.start == first and candidate.type != "person" and candidate.reference is None \
                    and candidate.alias is None:
                outlets.add(span_text(doc, candidate))
            continue
        end = first
        while end < len(doc) and end - first < _MAX_OUTLET_WORDS and end not in owner \
                and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN" and doc[end].ent_iob_ == "O":
            end += 1
        if end > first and (end == len(doc) or not (doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN")):
            found.append(Candidate(first, end, "ORG", "media"))
    for candidate in candidates:  # every mention of the outlet's name, so that it stays one actor
        if candidate.type != "person" and candidate.reference is None and candidate.alias is None \
                and span_text(doc, candidate) in outlets:
            candidate.type, candidate.adjectival = "media", False
    return sorted(candidates + found, key=lambda c: c.start) if found else candidates
