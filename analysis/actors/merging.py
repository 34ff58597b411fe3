"""Step 4 of the actors stage: which candidates are one actor, by giving each the key of its actor.

An article names one actor in many ways. Surnames and other parts of a name join the full name
("Khrenin" = "Viktor Khrenin"); case, leading articles and reordered forms of organisations join
("the Ministry of Defense of Belarus" = "the Belarusian Ministry of Defense"); an unqualified name
joins the one qualified form with its core, an acronym the one name with its initials; official and
short state names join through the reference tables ("the Russian Federation" = Russia); the user
alias file comes first. Equal :class:`~analysis.actors.records.ActorKey` values are one actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..references import Reference, ReferenceIndex, normalize_name, reference_index
from .records import ActorKey, Candidate
from .words import ACRONYM, ORGANIZATION_WORDS, name_tokens, span_text, spelling_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Honorifics that tell a person's gender, so "Mrs Howard" never joins "Mr Howard" / "Michael Howard, Sir …".
_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "baron": "m",
           "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "baroness": "f"}
_ORG_SUFFIXES = r"ministry|department|office|council|committee|agency|service|commission"


class QualifiedName(NamedTuple):
    """An organisation's name split into the state or bloc that qualifies it and the rest."""

    qualifier: Reference | None
    core: str


@dataclass(eq=False)
class _Cluster:
    """The candidates of one person while people are merged."""

    name: tuple[str, ...]  # the comparable words of the fullest name
    members: list[Candidate]
    genders: set[str] = field(default_factory=set)  # of the gendered honorifics its members were written with


def assign_keys(doc: Doc, candidates: list[Candidate]) -> None:
    """Give every candidate the key of its actor: equal keys are one actor."""
    index = reference_index()
    for candidate in candidates:
        name = normalize_name(span_text(doc, candidate))
        if candidate.alias is not None:
            candidate.key = ActorKey("alias", candidate.alias.canonical.casefold())
        elif candidate.reference is not None and candidate.reference.state is None:
            candidate.key = ActorKey.of_reference(candidate.reference)
        elif candidate.type == "organization":
            candidate.key = _organization_key(name, index)
        elif candidate.type == "group":
            candidate.key = ActorKey("group", re.sub(r"(?<=\w\w\w)s$", "", name.casefold()))
        elif candidate.type != "person":
            candidate.key = ActorKey(candidate.type, name.casefold())
    _merge_people([c for c in candidates if c.type == "person"], doc)
    _join_introduced_aliases(candidates, doc)
    _merge_organizations([c for c in candidates if c.key.kind == "organization"], doc)
    _join_head_words([c for c in candidates if c.key.kind in ("organization", "location") and c.reference is None],
                     doc)
    _join_demonyms_to_places(candidates, doc)


_DEMONYM_ENDINGS = ("ians", "ian", "eans", "ean", "ans", "an", "ish", "ese", "ens", "en", "is", "i", "s")
_PLACE_ENDINGS = ("land", "nya", "ia", "ya", "a", "e")
_SHORTEST_STEM = 4


def _stem(word: str, endings: tuple[str, ...]) -> str:
    """A word without the first of its ``endings`` that leaves ``_SHORTEST_STEM`` letters ("chechen" → "chech")."""
    return next((word[:-len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= _SHORTEST_STEM), word)


def _join_demonyms_to_places(candidates: list[Candidate], doc: Doc) -> None:
    """A group the tables do not know whose name is the demonym of one place or state of the article
    ("Chechen" of Chechnya, "Zairean" of Zaire, "Yugoslav" of Yugoslavia) is an adjectival mention of it.

    The demonym and a word of the place's name share their stems, of four letters at least; of several
    places it fits, the one named in one word; a demonym that fits several places ("Korean": North and
    South Korea) stays a group. A one-word place written like a plural demonym ("Chechens") is read as one.
    """
    demonyms = [c for c in candidates if c.reference is None and c.alias is None
                and (c.key.kind == "group" or _plural_demonym(doc, c))]
    places: dict[ActorKey, Candidate] = {}
    for candidate in candidates:
        if candidate.key.kind in ("location", "state") and not candidate.adjectival and candidate not in demonyms:
            places.setdefault(candidate.key, candidate)
    stems = {key: [_stem(w.casefold(), _PLACE_ENDINGS) for w in span_text(doc, c).split() if w[:1].isupper()]
             for key, c in places.items()}
    for candidate in demonyms:
        words = span_text(doc, candidate).split()
        demonym = _stem(words[-1].casefold(), _DEMONYM_ENDINGS) if len(words) == 1 else ""
        if len(demonym) < _SHORTEST_STEM:
            continue
        fits = [key for key, place_stems in stems.items()
                if any(stem.startswith(demonym) or demonym.startswith(stem) for stem in place_stems
                       if len(stem) >= _SHORTEST_STEM)]
        if len(fits) > 1:  # "Yugoslavia" rather than "the Federal Republic of Yugoslavia"
            fits = [key for key in fits if len(span_text(doc, places[key]).split()) == 1]
        if len(fits) == 1:
            place = places[fits[0]]
            candidate.key, candidate.type, candidate.adjectival = fits[0], place.type, True
            candidate.reference = place.reference


def _plural_demonym(doc: Doc, candidate: Candidate) -> bool:
    """Whether a place the tables do not know is one word written like a people ("Chechens" tagged a place)."""
    words = span_text(doc, candidate).split()
    return candidate.key.kind == "location" and len(words) == 1 and words[0].endswith(_PLURAL_DEMONYM_ENDINGS)


_PLURAL_DEMONYM_ENDINGS = ("ians", "eans", "ans", "ens")


def _organization_key(name: str, index: ReferenceIndex) -> ActorKey:
    """The key of an organisation: the qualifying state or bloc and the normalised core of its name.

    "Belarusian Ministry of Defense", "Ministry of Defense of Belarus" and "Belarus's Defence
    Ministry" share the key ``ActorKey("organization", "ministry of defense", qualifier=Belarus)``.
    """
    qualifier, core = qualify(name, index)
    core = core.casefold().replace("defence", "defense").replace("organisation", "organization")
    core = re.sub(r"\s+(affairs|party)$", "", core.replace(" affairs ", " ").replace("&", "and"))
    core = core.replace(" and ", " ").replace(" for ", " of ")  # "Institute for/of Fiscal Studies"
    core = re.sub(rf"^(.+?) ({_ORG_SUFFIXES})$", r"\2 of \1", core)
    return ActorKey("organization", core, qualifier=qualifier)


def qualify(name: str, index: ReferenceIndex) -> QualifiedName:
    """The state or bloc that qualifies an organisation's name, and the name without it.

    A name that stands for a government ("Kremlin") is qualified by its state as a whole.
    """
    seat = index.lookup(name)
    if seat is not None and seat.reference.state is not None:
        return QualifiedName(seat.reference.state, name)
    words = name.split()

    def state_or_bloc(text: str) -> Reference | None:
        match = index.lookup(text)
        return match.reference if match is not None and match.reference.type in ("state", "bloc") else None

    for width in range(len(words) - 1, 0, -1):
        if (reference := state_or_bloc(re.sub(r"'s?$", "", " ".join(words[:width])))) is not None:
            return QualifiedName(reference, " ".join(words[width:]))
    for position in range(len(words) - 2, 0, -1):
        if words[position] == "of" and (reference := state_or_bloc(" ".join(words[position + 1:]))) is not None:
            return QualifiedName(reference, " ".join(words[:position]))
    return QualifiedName(None, name)


def _merge_people(people: list[Candidate], doc: Doc) -> None:
    """One key per person: a surname or partial name joins the full name that contains it.

    Names are compared by their :func:`spelling_key` ("Zelenskyy" = "Zelensky"). Longer names are placed
    first; a short name that fits several people ("Miliband" with David and
    Ed Miliband) joins the one mentioned last before it. A first name, or another word of a name,
    alone joins the only person with that word, and a surname misspelt by one vowel, or a full name with one
    word so misspelt, the only person it fits (:func:`_misspelt`).
    Gendered honorifics never join people of the other one ("Mrs Howard" and
    "Mr Howard" are two people).
    """
    clusters: list[_Cluster] = []
    for candidate in sorted(people, key=lambda c: (-len(name_tokens(doc, c)), c.start)):
        name = tuple(spelling_key(word) for word in name_tokens(doc, candidate))
        gender = _GENDER.get(candidate.honorific or "")
        fits = [c for c in clusters if not (gender and c.genders - {gender})]
        matches = [c for c in fits if _same_person(name, c.name)]
        if not matches and len(name) == 1:  # a first name, or another part ("Lula" of "Luiz Inacio Lula da Silva")
            for position in (slice(0, 1), slice(1, None)):
                matches = [c for c in fits if len(c.name) > 1 and name[0] in c.name[position]]
                if matches:
                    break
            matches = matches if len(matches) == 1 else []
        if not matches and len(name) == 1:  # "Zelanski" misspelt for the Zelensky named before
            matches = [c for c in fits if _misspelt(name[0], c.name[-1])]
            matches = matches if len(matches) == 1 else []
        if not matches and len(name) > 1:  # "Wołodymyr Zelnski" = "Wołodymyr Zelanski": one word misspelt
            matches = [c for c in fits if _one_word_misspelt(name, c.name)]
            matches = matches if len(matches) == 1 else []
        if not matches:
            clusters.append(_Cluster(name, [candidate], {gender} if gender else set()))
            continue
        # the one mentioned last before it (the first of those, when several are)
        chosen = max(matches, key=lambda c: max((m.start for m in c.members if m.start < candidate.start), default=-1))
        chosen.members.append(candidate)
        if gender:
            chosen.genders.add(gender)
    for number, cluster in enumerate(clusters):
        for member in cluster.members:
            member.key = ActorKey("person", " ".join(cluster.name), number=number)


def _join_introduced_aliases(candidates: list[Candidate], doc: Doc) -> None:
    """A name the text introduces as a person's alias ("Igor Girkin, known as Strelkov", "the sniper …
    has since been dubbed 'Kyt'") is that person, the one named last before it in the sentence or the
    one before. Names of the reference tables and the alias file keep their own actor."""
    candidates = sorted(candidates, key=lambda c: c.start)
    for position, candidate in enumerate(candidates):
        if candidate.reference is not None or candidate.alias is not None:
            continue
        cue = candidate.start
        while cue > 0 and doc[cue - 1].is_quote:
            cue -= 1
        words = [t.lower_ for t in doc[max(cue - 2, 0):cue]]
        cue_words = 2 if words == ["known", "as"] else 1 if words[-1:] and words[-1] in _ALIAS_CUES else 0
        if not cue_words:
            continue
        window_start = _previous_sentence_start(doc[cue - 1].sent)
        earlier = [c for c in candidates[:position]
                   if c.type == "person" and window_start <= c.start and c.end <= cue - cue_words]
        if earlier and _names_person(doc[cue - cue_words], earlier[-1]):
            candidate.type, candidate.key = "person", earlier[-1].key


def _names_person(cue, person: Candidate) -> bool:
    """Whether an alias cue ("known", "dubbed") is said of a person: it modifies the person's name, or its
    subject is that name or "he"/"she" ("the group known as …" is no person's alias)."""
    if cue.dep_ in ("acl", "relcl", "appos", "amod", "advcl"):
        return person.start <= cue.head.i < person.end
    subjects = [t for t in cue.children if t.dep_ in ("nsubj", "nsubjpass")]
    return any(t.lower_ in ("he", "she") or person.start <= t.i < person.end for t in subjects)


_ALIAS_CUES = frozenset({"dubbed", "nicknamed", "aka", "a.k.a.", "alias", "codenamed"})


def _previous_sentence_start(sentence) -> int:
    """The first token of the sentence before ``sentence`` (its own first token when it is the first)."""
    return sentence[0].nbor(-1).sent.start if sentence.start > 0 else sentence.start


_VOWELS = frozenset("aeiouy")
_MISSPELT_MIN_LETTERS = 6


def _misspelt(word: str, surname: str) -> bool:
    """Whether a word of a name is another with one vowel typed for another, dropped or added ("Zelanski",
    "Zelenski", "Zelnski"): both long enough that such a pair is rarely two names, the same first letter and
    the same letters but that one vowel, which a later vowel follows (or a final "i" for "y": "Sergei",
    "Sergey"). A name's last syllable tells two people apart ("Marian", "Marion"; "Daniel", "Daniela";
    "Kowalski", "Kowalska"; "Ivanov", "Ivanova"), so a vowel there is never a misspelling."""
    if word == surname or min(len(word), len(surname)) < _MISSPELT_MIN_LETTERS or word[0] != surname[0]:
        return False
    if len(word) == len(surname):
        differences = [i for i, (a, b) in enumerate(zip(word, surname)) if a != b]
        if len(differences) != 1 or not {word[differences[0]], surname[differences[0]]} <= _VOWELS:
            return False
        position = differences[0]
        return _before_last_syllable(word, position) or (
            position == len(word) - 1 and {word[position], surname[position]} == {"i", "y"})
    short, long = sorted((word, surname), key=len)
    return len(long) == len(short) + 1 and any(
        long[i] in _VOWELS and long[:i] + long[i + 1:] == short and _before_last_syllable(long, i)
        for i in range(1, len(long)))


def _before_last_syllable(word: str, position: int) -> bool:
    """Whether a vowel comes after letter ``position`` of ``word``: the letter is not in the word's last syllable
    ("Zel[a]nski", "Natal[i]a"; not "Mari[a]n")."""
    return any(letter in _VOWELS for letter in word[position + 1:])


def _one_word_misspelt(name: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names of several words are one person's in two spellings: the same words but one, misspelt
    (:func:`_misspelt`: "Michajło Podolak" = "Mychajło Podolak", "Wołodymyr Zelnski" = "Wołodymyr Zelanski")."""
    if len(name) != len(other):
        return False
    differing = [(a, b) for a, b in zip(name, other) if a != b]
    return len(differing) == 1 and _misspelt(*differing[0])


def _same_person(name: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``name`` is ``full`` or a part of it ending with the same surname."""
    if name == full:
        return True
    if name[-1] != full[-1] or len(name) > len(full):
        return False
    remaining = iter(full)
    return all(word in remaining for word in name)


def _merge_organizations(organizations: list[Candidate], doc: Doc) -> None:
    """Join an unqualified name to the one qualified form with the same core, and acronyms to names.

    An acronym joins the one name it abbreviates: the name the text introduces it after
    ("Kurdistan Workers Party (PKK)"), else the one name with its initials, with or without those of
    the small words ("BOJ", "BJ" of "Bank of Japan").
    """
    qualified: dict[str, set[ActorKey]] = {}
    for candidate in organizations:
        if candidate.key.qualifier is not None:
            qualified.setdefault(candidate.key.name, set()).add(candidate.key)
    initials: dict[str, set[ActorKey]] = {}
    for candidate in organizations:
        words = [w for w in span_text(doc, candidate).split() if w.casefold() != "the"]
        if len([w for w in words if w[:1].isupper()]) > 1:
            for letters in {"".join(w[0] for w in words if w[:1].isupper()), "".join(w[0].upper() for w in words)}:
                initials.setdefault(letters, set()).add(candidate.key)
    introduced = _introduced_acronyms(organizations, doc)
    _join_names_without_suffix(organizations, doc)
    for candidate in organizations:
        core = candidate.key.name
        if candidate.key.qualifier is None and len(qualified.get(core, ())) == 1:
            candidate.key = next(iter(qualified[core]))
    for candidate in organizations:
        text = span_text(doc, candidate)
        if text in introduced:
            candidate.key = introduced[text].key
        elif ACRONYM.match(text) and len(initials.get(text, ())) == 1:
            candidate.key = next(iter(initials[text]))


def _join_names_without_suffix(organizations: list[Candidate], doc: Doc) -> None:
    """A name that is another one without its last words, all of them words of organisation names,
    joins it when it is the only such name: "Wagner" = "Wagner Group", "NationsBank" = "NationsBank Corp"."""
    longer: dict[str, set[ActorKey]] = {}
    for candidate in organizations:
        words = span_text(doc, candidate).split()
        for cut in range(len(words) - 1, 0, -1):
            if words[cut].rstrip(".").casefold() not in ORGANIZATION_WORDS:
                break
            longer.setdefault(" ".join(words[:cut]).casefold(), set()).add(candidate.key)
    for candidate in organizations:
        keys = longer.get(span_text(doc, candidate).casefold(), set()) - {candidate.key}
        if len(keys) == 1 and candidate.key.qualifier is None:
            candidate.key = next(iter(keys))


def _join_head_words(names: list[Candidate], doc: Doc) -> None:
    """A one-word name that is the last word of one longer organisation name of the article joins it:
    "the Commission" = "the European Commission", "the Agency" = "the Main Intelligence Agency", and
    "the Eagles" typed a place = "the Philadelphia Eagles"."""
    heads: dict[str, set[ActorKey]] = {}
    for candidate in names:
        words = span_text(doc, candidate).split()
        if len(words) > 1 and candidate.key.kind == "organization":
            heads.setdefault(words[-1].casefold(), set()).add(candidate.key)
    for candidate in names:
        text = span_text(doc, candidate)
        keys = heads.get(text.casefold(), set()) if len(text.split()) == 1 and not ACRONYM.match(text) else set()
        if len(keys - {candidate.key}) == 1 and candidate.key.qualifier is None:
            candidate.key, candidate.type = next(iter(keys - {candidate.key})), "organization"


def _introduced_acronyms(organizations: list[Candidate], doc: Doc) -> dict[str, Candidate]:
    """``{acronym: the named candidate}`` for every "Full Name (ACRONYM)" of the text (the first one wins)."""
    by_start = {candidate.start: candidate for candidate in organizations}
    introduced = {}
    for candidate in organizations:
        end = candidate.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                and ACRONYM.match(doc[end + 1].text) and not ACRONYM.match(span_text(doc, candidate)):
            acronym = by_start.get(end + 1)
            if acronym is not None:
                introduced.setdefault(doc[end + 1].text, candidate)
    return introduced
