"""Step 2 of the actors stage: who is a person, decided by consistency across the article.

The small model tags the same name differently from one sentence to the next ("Khrenin" ORG after
"Viktor Khrenin" PERSON, "Manchester" PERSON once and GPE three times) and misses surnames on their
own. The article itself is the better judge: full names and names after an honorific are sure person
names, and every other mention is checked against them; lists of names the model made one entity
("Blair and Brown") become their people, surnames the model missed are found again, and so are untagged
names right after a personal title ("the President of Latvia [Egils Levits]"). A form in
capitals ("ROME", "PRIGOZHIN": headlines, datelines) is typed as the same name written in mixed case.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..nlp import token_column, token_offsets
from .records import Candidate
from .words import (
    ACRONYM,
    ENTITY_TYPES,
    HONORIFICS,
    NAME_PARTICLES,
    ORGANIZATION_WORDS,
    PERSON_TITLES,
    capitalised,
    clause_boundary,
    name_tokens,
    opening_gerund,
    span_text,
    spelling_key,
    trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_OUTSIDE_ENTITY = 2  # spaCy's ENT_IOB value of "O"
# Abbreviated personal titles before a name ("Rep. Andy Biggs", "Sen. Biggs").
_SHORT_TITLES = frozenset({"rep", "sen", "gov", "gen", "col", "capt", "lt", "sgt", "pres"})


def correct_people(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Fix person/non-person mistakes by consistency and find surnames the model missed.

    Full names and names after an honorific are sure person names. Another entity with a sure
    name, or one word that is the surname of one ("Khrenin" tagged ORG after "Viktor Khrenin"), is
    that person. A one-word PERSON that is no sure name's surname and is tagged otherwise elsewhere
    ("Manchester" tagged PERSON once and GPE three times) takes the most frequent other type. An
    entity that is a list of known people's names ("Blair and Brown") is those people. A state's
    name or demonym that is a sure person's surname, not tagged as a place and not used as an
    adjective is that person ("German" after "Mike German", but not "German officials"). A name written
    only before "administration", "regime" … names that body ("the Biden administration").
    """

    candidates = _type_capitals_as_written(doc, candidates)
    _with_given_names(doc, candidates)
    candidates = _names_after_titles(doc, candidates)
    mixed_case = {text.casefold() for c in candidates if not (text := span_text(doc, c)).isupper()}
    for candidate in candidates:  # "KDP" tagged PERSON: an acronym no mixed-case name of the text explains
        text = span_text(doc, candidate)
        if candidate.type == "person" and candidate.label == "PERSON" and ACRONYM.match(text) \
                and text.casefold() not in mixed_case and candidate.alias is None and not candidate.honorific:
            candidate.type = "organization"
    for candidate in candidates:
        if candidate.type != "person" and candidate.alias is None and _after_personal_title(doc, candidate):
            candidate.type, candidate.reference, candidate.adjectival = "person", None, False  # "President Biden"
    sure = {name_tokens(doc, c) for c in candidates if c.type == "person"
            and (c.honorific or len(name_tokens(doc, c)) > 1 or _after_personal_title(doc, c))}
    surnames = {name[-1] for name in sure}
    surname_keys = {spelling_key(surname) for surname in surnames}  # "Zelenskyy" is Zelensky's
    given_names = Counter(name[0] for name in sure if len(name) > 1)
    person_words = surnames | {name_tokens(doc, c)[-1] for c in candidates if c.label == "PERSON"}
    others: dict[tuple[str, ...], list[Candidate]] = {}
    for candidate in candidates:
        if candidate.type != "person":
            others.setdefault(name_tokens(doc, candidate), []).append(candidate)
    listed = {id(c): people for c in candidates if c.type != "person" and c.label in ENTITY_TYPES
              and (people := _split_name_list(doc, c, person_words))}
    candidates = [person for c in candidates for person in listed.get(id(c), [c])]
    for candidate in candidates:
        name = name_tokens(doc, candidate)
        if candidate.reference is not None and len(name) == 1 and name[0] in surnames \
                and candidate.label not in ("GPE", "LOC") and doc[candidate.start].dep_ not in ("amod", "compound"):
            candidate.type, candidate.reference, candidate.adjectival = "person", None, False  # Mike German
        elif candidate.type != "person" and candidate.label in ENTITY_TYPES and candidate.reference is None \
                and candidate.alias is None:
            one_word = len(name) == 1 and (spelling_key(name[0]) in surname_keys
                                           or _first_name_word(doc, candidate, given_names))
            if name in sure or one_word or _looks_like_person(doc, candidate, person_words):
                candidate.type = "person"
        elif candidate.type == "person" and len(name) == 1 and name[0] not in surnames and name in others:
            majority = Counter(other.type for other in others[name]).most_common(1)[0][0]
            model = next(other for other in others[name] if other.type == majority)
            candidate.type, candidate.reference, candidate.alias = model.type, model.reference, model.alias
            candidate.adjectival = model.adjectival
    promoted = {name_tokens(doc, c) for c in candidates if c.type == "person" and c.label != "PERSON"}
    for candidate in candidates:  # the other mentions of a name found to be a person's ("Olaf Scholz" ORG twice)
        if candidate.type != "person" and candidate.reference is None and candidate.alias is None \
                and candidate.label in ENTITY_TYPES and name_tokens(doc, candidate) in promoted:
            candidate.type = "person"
    candidates = _without_places_before_names(doc, candidates)
    covered = {i for c in candidates for i in range(c.start, c.end)}

    def free_name_word(i: int) -> bool:
        token = doc[i]
        return i not in covered and token.ent_iob_ == "O" and capitalised(token) and token.pos_ == "PROPN"

    found = []
    surname_hashes = {doc.vocab.strings[surname] for surname in surnames}
    lower = token_column(doc, "LOWER") if surnames else []
    person_tokens = {i for c in candidates if c.type == "person" for i in range(c.start, c.end)}
    conjunct = doc.vocab.strings["conj"]
    conjuncts = (doc[i] for i, dep in enumerate(token_column(doc, "DEP")) if dep == conjunct)
    listed_with_people = [t for t in conjuncts if t.head.i in person_tokens and free_name_word(t.i)
                          and t.lower_ not in PERSON_TITLES
                          and (t.i + 1 == len(doc) or not free_name_word(t.i + 1))]  # "Litvinenko or [Skrypal]"
    for token in [*(doc[i] for i, word in enumerate(lower) if word in surname_hashes), *listed_with_people]:
        if free_name_word(token.i) and not any(c.start <= token.i < c.end for c in found):
            start = token.i  # "David Miliband" missed by the model is not "Ed Miliband"
            while not clause_boundary(doc, start) and free_name_word(start - 1) \
                    and doc[start - 1].lower_ not in HONORIFICS and not opening_gerund(doc, start - 1):
                start -= 1
            honorific = trim(doc, start, token.i + 1).honorific
            found.append(Candidate(start, token.i + 1, "NAME", "person", honorific=honorific))
    candidates = sorted(candidates + found, key=lambda c: c.start)
    _governments_named_after_people(doc, candidates)
    _companies_named_as_people(doc, candidates, sure)
    _one_type_per_place_or_organization(doc, candidates)
    return candidates


def _without_places_before_names(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """A person's name of three words or more that the model tagged otherwise and fused to the place before it
    ("Advisor of the President of [Ukraine] Michajło Podolak", one ORG) loses that place, a word the article
    names as a state or location elsewhere, which becomes a mention of that place. Returns the candidates in
    text order."""
    places = {span_text(doc, c).casefold(): c for c in candidates
              if c.type in ("state", "location") and c.end - c.start == 1}
    found = []
    for candidate in candidates:
        place = places.get(doc[candidate.start].lower_)
        if candidate.type == "person" and candidate.label != "PERSON" and candidate.end - candidate.start >= 3 \
                and place is not None and candidate.alias is None:
            found.append(Candidate(candidate.start, candidate.start + 1, place.label, place.type, place.reference))
            candidate.start += 1
    return sorted(candidates + found, key=lambda c: c.start) if found else candidates


# Lower-case nouns of a body named after its leader: "the Biden administration", "the Putin regime".
_LEADERS_BODIES = frozenset({"administration", "government", "cabinet", "regime", "junta", "campaign", "camp"})


def _governments_named_after_people(doc: Doc, candidates: list[Candidate]) -> None:
    """A person's name that the article writes only before a noun of a body named after its leader ("the
    Biden administration", "the Putin regime") names that body: the mention is "Biden administration", an
    organisation, and no person. A name the article uses otherwise too ("President Biden … the Biden
    administration") keeps its person there, as CoNLL reads it."""
    people: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.type == "person" and candidate.alias is None:
            people.setdefault(spelling_key(name_tokens(doc, candidate)[-1]), []).append(candidate)
    for members in people.values():
        if all(m.end < len(doc) and doc[m.end].lower_ in _LEADERS_BODIES and doc[m.end].is_lower
               and doc[m.end - 1].whitespace_ == " " and not m.honorific for m in members):
            for member in members:
                member.end, member.label, member.type = member.end + 1, "ORG", "organization"


def _companies_named_as_people(doc: Doc, candidates: list[Candidate], sure: set[tuple[str, ...]]) -> None:
    """A name the model tagged a person that is words of an organisation's fuller name in the article
    ("Magna" of "Magna International Inc", "Ericsson" of "LM Ericsson AB") is that organisation's short
    form, unless the article treats it as a person's somewhere: another form of the name with its last
    word (a surname), an honorific or a personal title before it."""
    organizations = [tuple(span_text(doc, c).casefold().split()) for c in candidates
                     if c.type == "organization" and c.end - c.start > 1 and c.alias is None]
    if not organizations:
        return
    people: dict[tuple[str, ...], list[Candidate]] = {}
    for candidate in candidates:
        if candidate.type == "person" and candidate.alias is None:
            people.setdefault(tuple(span_text(doc, candidate).casefold().split()), []).append(candidate)
    names = {name_tokens(doc, members[0]) for members in people.values()} | sure
    for words, members in people.items():
        name = name_tokens(doc, members[0])
        if any(other != name and other[-1] == name[-1] for other in names) \
                or any(m.honorific or m.label != "PERSON" or _after_personal_title(doc, m) for m in members):
            continue  # "Jones" of "Ann Jones", "Ann Jones" of "Jones": a person's name
        if any(len(organization) > len(words) and _contains(organization, words) for organization in organizations):
            for member in members:
                member.type = "organization"


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``words``, not followed by a possessive."""
    width = len(part)
    return any(words[i:i + width] == part and not (i + width < len(words) and words[i + width] in ("'s", "'"))
               for i in range(len(words) - width + 1))


def _one_type_per_place_or_organization(doc: Doc, candidates: list[Candidate]) -> None:
    """A name the model tagged both a place and an organisation ("Arbil" GPE and ORG) takes its most frequent
    type of the two (the first one's on a tie), so that it is one actor; tables and aliases decide their own."""
    forms: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.type in ("location", "organization") and candidate.reference is None and candidate.alias is None:
            forms.setdefault(span_text(doc, candidate).casefold(), []).append(candidate)
    for members in forms.values():
        counts = Counter(member.type for member in members)
        if len(counts) > 1:
            chosen = max(counts, key=lambda kind: (counts[kind], -next(i for i, m in enumerate(members)
                                                                        if m.type == kind)))
            for member in members:
                member.type = chosen


def _type_capitals_as_written(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Names in capitals ("ROME", "NEW YORK") typed as their first mixed-case form ("Rome"), and found again
    where the model left them untagged (datelines, headlines), as are organisations' acronyms and names of
    several words ("KDP", "Kurdistan Democratic Party" tagged once); returns the candidates in text order."""
    written: dict[str, Candidate] = {}
    for candidate in candidates:
        text = span_text(doc, candidate)
        if not text.isupper():
            written.setdefault(text.casefold(), candidate)
    for candidate in candidates:
        text = span_text(doc, candidate)
        model = written.get(text.casefold()) if text.isupper() and len(text) > 2 else None
        if model is not None and candidate.alias is None:
            _take_type(candidate, model)
    organizations = {span_text(doc, c): c for c in candidates if c.type in ("organization", "media")
                     and c.label == "ORG" and (ACRONYM.match(span_text(doc, c)) or c.end - c.start > 1)}
    covered = {i for c in candidates for i in range(c.start, c.end)}
    # The token attributes as one array and spans' texts cut from the text: no Span object per token.
    upper, iob = token_column(doc, "IS_UPPER"), token_column(doc, "ENT_IOB")
    free = [i not in covered and (bool(upper[i]) or iob[i] == _OUTSIDE_ENTITY) for i in range(len(doc))] \
        if written or organizations else []
    widest = max((c.end - c.start for c in [*written.values(), *organizations.values()]), default=0)
    text, starts, ends = token_offsets(doc)

    def model_of(start: int, end: int) -> Candidate | None:
        surface = text[starts[start]:ends[end - 1]]  # doc[start:end].text
        if surface in organizations:
            return organizations[surface]
        return written.get(surface.casefold()) if len(surface) > 2 and surface.isupper() else None

    # What a match's first character can be: an organisation's own, or one that case-folds to a written name's.
    organization_firsts, written_firsts = {key[:1] for key in organizations}, {key[:1] for key in written}
    found, taken = [], 0  # tokens before ``taken`` belong to a name found
    for i in [i for i, ok in enumerate(free) if ok and ((first := text[starts[i]:starts[i] + 1]) in organization_firsts
                                                       or first.casefold()[:1] in written_firsts)]:
        if i < taken:
            continue
        run = 1
        while run < widest and i + run < len(free) and free[i + run]:
            run += 1
        width = next((w for w in range(run, 0, -1) if model_of(i, i + w) is not None), 0)
        if width:
            model = model_of(i, i + width)
            found.append(Candidate(i, i + width, model.label, model.type))
            _take_type(found[-1], model)
            taken = i + width
    return sorted(candidates + found, key=lambda c: c.start) if found else candidates


# Capitalised words before a name that say what the person is, not who: never a given name.
_RANKS = frozenset({"pope", "king", "queen", "prince", "princess", "emperor", "sheikh", "emir", "patriarch",
                    "metropolitan", "archbishop", "bishop", "cardinal", "father", "sister", "brother", "speaker",
                    "marshal", "admiral", "major", "lieutenant", "sergeant", "private", "saint", "st"})


def _with_given_names(doc: Doc, candidates: list[Candidate]) -> None:
    """Widen a one-word person name over the given name the model left out of it ("Wołodymyr [Zełenski]",
    a first name in a spelling the model does not know): a capitalised proper noun right before the name,
    in no entity or other candidate, that the parse makes a compound of it, that is no title or rank and that
    the text never writes in lower case ("Candidate Trump" when it says "the candidate")."""
    covered = {i for c in candidates for i in range(c.start, c.end)}
    written_lower = None  # "Candidate Trump": a word also written as a common noun (read when first needed)
    for candidate in candidates:
        before = candidate.start - 1
        if candidate.type != "person" or candidate.label != "PERSON" or candidate.end - candidate.start != 1 \
                or before < 0 or before in covered or clause_boundary(doc, candidate.start):
            continue
        token = doc[before]
        if token.dep_ == "compound" and token.head.i == candidate.start and token.pos_ == "PROPN" \
                and capitalised(token) and token.is_alpha and token.ent_iob_ == "O" \
                and token.lower_ not in PERSON_TITLES | _SHORT_TITLES | HONORIFICS | _RANKS | ORGANIZATION_WORDS:
            if written_lower is None:
                written_lower = _words_in_lower_case(doc)
            if token.lower_ not in written_lower:
                candidate.start = before


# Words between a personal title and the name it introduces: "President [of Latvia] Egils Levits".
_TITLE_LINK_WORDS = frozenset({"of", "the", "for"})
_MAX_TITLE_WORDS = 6


def _names_after_titles(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """People the model did not tag, named right after a capitalised personal title: "the President of Latvia
    Egils Levits", "Deputy Minister of Foreign Affairs Piotr Wawrzyk" (names in a spelling the small model
    does not know). The name is two untagged capitalised proper nouns that the parse makes one compound
    ("Piotr Wawrzyk", not "Foreign Affairs Piotr Wawrzyk"), none a title, rank or organisation word nor a word
    the text writes in lower case, no name follows it ("Minister of [Foreign Affairs] Dmytro Kuleba") and no
    "of" comes right before it ("Minister of [Foreign Affairs] of Lithuania"); between it and the title only
    capitalised words, "of", "the", "for" and names of places or organisations.
    Returns the candidates in text order."""
    owner = {i: c for c in candidates for i in range(c.start, c.end)}
    iob, pos = token_column(doc, "ENT_IOB"), token_column(doc, "POS")
    propn = doc.vocab.strings["PROPN"]
    not_names = PERSON_TITLES | _SHORT_TITLES | HONORIFICS | _RANKS | ORGANIZATION_WORDS

    def name_word(i: int) -> bool:
        token = doc[i]
        return i not in owner and iob[i] == _OUTSIDE_ENTITY and pos[i] == propn and capitalised(token) \
            and token.is_alpha and token.lower_ not in not_names

    found, written_lower = [], None
    for last in [i for i in range(len(doc)) if iob[i] == _OUTSIDE_ENTITY and pos[i] == propn]:
        if not name_word(last) or (last + 1 < len(doc) and name_word(last + 1)):
            continue
        start = last
        while start > 0 and name_word(start - 1) and doc[start - 1].dep_ == "compound" \
                and start <= doc[start - 1].head.i <= last:
            start -= 1
        after = last + 1  # a name right before another name is the title's portfolio ("Foreign Affairs" + name)
        if last + 1 - start != 2 or start == 0 or (after < len(doc) and (after in owner or capitalised(doc[after]))) \
                or doc[start - 1].lower_ in _TITLE_LINK_WORDS or not _after_title(doc, start, owner):
            continue
        if written_lower is None:
            written_lower = _words_in_lower_case(doc)
        if not any(doc[i].lower_ in written_lower for i in range(start, last + 1)):
            found.append(Candidate(start, last + 1, "NAME", "person"))
    return sorted(candidates + found, key=lambda c: c.start) if found else candidates


def _after_title(doc: Doc, start: int, owner: dict[int, Candidate]) -> bool:
    """Whether a capitalised personal title comes before token ``start`` within a few words, with only
    capitalised words, link words and names of places or organisations between them."""
    for i in range(start - 1, max(start - 1 - _MAX_TITLE_WORDS, -1), -1):
        token = doc[i]
        if capitalised(token) and token.lower_ in PERSON_TITLES:
            return True
        candidate = owner.get(i)
        if candidate is not None and candidate.type == "person" or clause_boundary(doc, i + 1) \
                or not (capitalised(token) or token.lower_ in _TITLE_LINK_WORDS):
            return False
    return False


def _words_in_lower_case(doc: Doc) -> set[str]:
    """The texts of the tokens written in lower case, read from one array (no Token object per token)."""
    strings = doc.vocab.strings
    return {strings[orth] for lower, orth in zip(token_column(doc, "IS_LOWER"), token_column(doc, "ORTH")) if lower}


def _after_personal_title(doc: Doc, candidate: Candidate) -> bool:
    """Whether a one-word name comes right after a capitalised personal title: "President [Biden]", "Rep. [Biggs]"."""
    if candidate.end - candidate.start != 1 or candidate.start == 0 or candidate.label not in ENTITY_TYPES:
        return False
    before = doc[candidate.start - 1]
    return capitalised(before) and before.lower_.rstrip(".") in PERSON_TITLES | _SHORT_TITLES \
        and capitalised(doc[candidate.start])


def _first_name_word(doc: Doc, candidate: Candidate, given_names: Counter) -> bool:
    """Whether a one-word ORG is the first word of exactly one sure person's name, and a word no other
    sure name starts with: a family name written first ("Wang" after "Wang Donghai")."""
    return candidate.label == "ORG" and given_names[name_tokens(doc, candidate)[0]] == 1


def _take_type(candidate: Candidate, model: Candidate) -> None:
    candidate.type, candidate.reference, candidate.alias = model.type, model.reference, model.alias
    candidate.adjectival = model.adjectival


def _looks_like_person(doc: Doc, candidate: Candidate, person_words: set[str]) -> bool:
    """Whether a two- or three-word name the model tagged otherwise reads as a person's name.

    The words are capitalised, none is an organisation word ("Council", "Bank", "United"), and the
    text treats it as a person: its last word is a person's surname elsewhere ("Ms Sturgeon"), a
    personal title comes right before it ("Defence Secretary [Geoff Hoon]"), or a lower-case title or
    an apposition describes it ("impressionist Rory Bremner"; "Vincent Cable,
    the party's spokesman"). Saying something is no sign: companies and offices say things too.
    """
    span = doc[candidate.start:candidate.end]
    words = [t for t in span if t.text != "-"]  # "Jean-Philippe Grandclaude"
    if not 2 <= len(words) <= 4 or not all(_name_word(t) for t in words) or not capitalised(words[-1]):
        return False
    root = span.root
    before = doc[candidate.start - 1].lower_ if candidate.start > 0 else ""
    return (
        span[-1].lower_ in person_words
        or before in PERSON_TITLES
        or any(t.dep_ == "compound" and t.pos_ == "NOUN" and t.is_lower and t.lower_ not in ORGANIZATION_WORDS
               for t in root.lefts if t.i < candidate.start)
        or any(t.dep_ == "appos" and t.pos_ == "NOUN" and t.lower_ not in ORGANIZATION_WORDS for t in root.rights)
        or (root.dep_ == "appos" and root.head.lower_ in PERSON_TITLES)  # "the journalist, Beata Płomecka"
        or (root.dep_ == "conj" and root.head.ent_type_ == "PERSON")  # "Emmanuel Macron or Olaf Scholz"
    )


def _name_word(token) -> bool:
    """Whether a token can be a word of a person's name: capitalised, initials ("JP") or a particle ("de")."""
    if token.lower_ in ORGANIZATION_WORDS or not token.is_alpha:
        return False
    return capitalised(token) or (token.is_upper and len(token) <= 3) or token.lower_ in NAME_PARTICLES


def _split_name_list(doc: Doc, candidate: Candidate, person_words: set[str]) -> list[Candidate] | None:
    """People in an entity the model made of a list of names ("Blair and Brown", "Dyer, Faye, Bowyer").

    Returns one person candidate per name when every name ends with a known person's word, else None.
    """
    parts, start = [], candidate.start
    for i in range(candidate.start, candidate.end + 1):
        if i == candidate.end or doc[i].text in (",", "&") or doc[i].lower_ == "and":
            if start < i:
                parts.append((start, i))
            start = i + 1
    if len(parts) < 2 or not all(doc[b - 1].lower_ in person_words and capitalised(doc[b - 1]) for _, b in parts):
        return None
    return [Candidate(a, b, "NAME", "person") for a, b in parts]
