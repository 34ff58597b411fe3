"""Step 5 of the actors stage: the actors, their ids and codes, and the mentions, from keyed candidates.

Candidates with one key are one :class:`~analysis.schema.Actor` (most mentioned first), shown by its
reference or alias name, its fullest person name or its most frequent written form, with a readable,
deterministic id (``person:vladimir-putin``), the roles and affiliation of its mentions and a code in
the CAMEO style (country or bloc + sector, from ``analysis/data/cameo_sectors.tsv``). Every candidate is a
:class:`~analysis.schema.Mention` with character offsets, paragraph and sentence (None in the title
and headings).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from ..article import Article
from ..references import ReferenceIndex, cameo_sector, cameo_sectors, normalize_name, reference_index
from ..schema import Actor, ActorExtraction, Mention
from .merging import qualify
from .records import ActorKey, Candidate
from .roles import add_unique_role
from .words import ACRONYM, span_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A word abbreviated with one dot ("Corp.", "Bros.", not "U.S."), and what follows a dot that ends a sentence:
# a line break, the end of the text, or a closing quote.
_ABBREVIATION = re.compile(r"^[A-Za-z][a-z]+\.$")
_ENDS_SENTENCE = re.compile(r'\s*$|\n| ["”]')


class _Affiliation(NamedTuple):
    """An actor's affiliation: its name, its actor id and its country or bloc code (each may be None)."""

    name: str | None
    actor_id: str | None
    code: str | None


class _Place(NamedTuple):
    """Where an offset is: its paragraph id and sentence index, None for each outside them."""

    paragraph_id: int | None
    sentence_index: int | None


def build(article: Article, candidates: list[Candidate]) -> ActorExtraction:
    """Group candidates by key into actors (most mentioned first) and mentions (reading order)."""
    doc = article.doc
    groups: dict[ActorKey, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.key, []).append(candidate)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), members[0].start))
    index, sectors = reference_index(), cameo_sectors()  # the tables once per article, not per actor
    names = {members[0].key: _display_name(doc, members, index) for members in ordered}
    ids = _actor_ids([(_actor_type(members), names[members[0].key]) for members in ordered])
    key_to_id = {members[0].key: actor_id for members, actor_id in zip(ordered, ids)}
    actors = [_make_actor(article, actor_id, members, key_to_id, groups, names, sectors)
              for members, actor_id in zip(ordered, ids)]
    locate = _locator(article)
    mentions = [_make_mention(article, candidate, key_to_id[candidate.key], locate) for candidate in candidates]
    return ActorExtraction(actors, sorted(mentions, key=lambda m: m.start))


def _actor_type(members: list[Candidate]) -> str:
    return Counter(member.type for member in members).most_common(1)[0][0]


def _display_name(doc: Doc, members: list[Candidate], index: ReferenceIndex) -> str:
    """The name shown for an actor: the reference or alias name, the fullest person name, or the
    most frequent written form (a noun before a demonym, a state-qualified organisation name, a name
    of several words first)."""
    first = members[0]
    if first.alias is not None:
        return first.alias.canonical
    if first.reference is not None:
        return first.reference.name
    forms = [normalize_name(span_text(doc, member)) for member in members]
    if first.type == "person":
        name = max(forms, key=lambda form: (len(form.split()), not form.isupper(), -forms.index(form)))
        honorific = next((m.honorific for m in members if m.honorific), None)
        if len(name.split()) == 1 and honorific:  # "Mrs Howard", known by no other name
            return f"{honorific.capitalize().rstrip('.')} {name}"
        return name
    counts = Counter(forms)
    nouns = {form for form, member in zip(forms, members) if not member.adjectival}  # "Zaire", not "Zairean"
    return max(forms, key=lambda form: (form in nouns, qualify(form, index).qualifier is not None,
                                        not ACRONYM.match(form), len(form.split()) > 1, not form.isupper(),
                                        counts[form], -forms.index(form)))


def _actor_ids(types_and_names: list[tuple[str, str]]) -> list[str]:
    """Readable, deterministic ids: ``person:vladimir-putin``, ``state:belarus`` (numbered if repeated)."""
    ids, seen = [], Counter()
    for kind, name in types_and_names:
        base = f"{kind}:{re.sub(r'[^0-9a-z]+', '-', name.casefold()).strip('-') or 'actor'}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _make_actor(article: Article, actor_id: str, members: list[Candidate], key_to_id: dict[ActorKey, str],
                groups: dict[ActorKey, list[Candidate]], names: dict[ActorKey, str], sectors) -> Actor:
    """The actor of one group of candidates (``names``: each group's display name; ``sectors``: the CAMEO table)."""
    doc = article.doc
    name = names[members[0].key]
    kind = _actor_type(members)
    aliases = []
    for member in members:
        form = normalize_name(span_text(doc, member))
        if form != name and form not in aliases:
            aliases.append(form)
    roles = []
    for member in members:
        for role in member.roles:
            add_unique_role(roles, role)
    affiliation = _affiliation(members, key_to_id, groups, names)
    paragraph_ids = sorted({p.id for m in members if (p := article.paragraph_at(doc[m.start].idx)) is not None})
    return Actor(actor_id, name, kind, tuple(aliases), len(members), tuple(roles), affiliation.name,
                 _code(members, kind, roles, affiliation.name, affiliation.code, sectors), tuple(paragraph_ids),
                 affiliation.actor_id)


def _affiliation(members: list[Candidate], key_to_id: dict[ActorKey, str], groups: dict[ActorKey, list[Candidate]],
                 names: dict[ActorKey, str]) -> _Affiliation:
    """The affiliation of an actor.

    People take the most frequent affiliation of their titles and appositions; organisations the
    state or bloc that qualifies their name.
    """
    keys = Counter(affiliation.key for member in members for affiliation in member.affiliations
                   if affiliation.key in groups)  # not one dropped as part of another person's title
    if keys:
        key = keys.most_common(1)[0][0]
        affiliated = groups[key]
        name = names[key]
        # an organisation's qualifying state or bloc (the Kremlin's: its state), else the actor's own reference
        reference = key.qualifier if key.kind == "organization" else affiliated[0].reference
        return _Affiliation(name, key_to_id[key], reference.code if reference else None)
    key = members[0].key
    if key.kind == "organization" and key.qualifier is not None:
        reference = key.qualifier
        return _Affiliation(reference.name, key_to_id.get(ActorKey.of_reference(reference)), reference.code)
    return _Affiliation(None, None, None)


def _code(members: list[Candidate], kind: str, roles: list[str], affiliation: str | None, country: str | None,
          sectors):
    """The CAMEO-style code: country (or bloc) code + sector code from the role and affiliation."""
    first = members[0]
    if first.alias is not None and first.alias.code:
        return first.alias.code
    if first.reference is not None:
        return first.reference.code
    if kind in ("location", "group"):
        return None
    own_name = first.key.name if kind != "person" and first.key.kind == "organization" else ""
    sector = cameo_sector(" ".join([*roles, affiliation or "", own_name]), sectors=sectors)
    if country and country.startswith("IGO"):
        return country
    return (country or "") + (sector or "") or None


def _make_mention(article: Article, candidate: Candidate, actor_id: str, locate) -> Mention:
    doc = article.doc
    first, last = candidate.compound or (candidate.start, candidate.end)
    start, end = doc[first].idx + (candidate.glued if first == candidate.start else 0), \
        doc[last - 1].idx + len(doc[last - 1])
    if _ABBREVIATION.match(doc[last - 1].text) and _ENDS_SENTENCE.match(article.text, end):
        end -= 1  # "Lear Corp.\n": the abbreviation's dot is the sentence's full stop, no part of the name
    place = locate(start)
    return Mention(actor_id, article.text[start:end], start, end, place.paragraph_id, place.sentence_index,
                   candidate.adjectival or candidate.compound is not None)


def _locator(article: Article):
    """A function: character offset → its :class:`_Place` (paragraph id, sentence index)."""
    sentences = article.sentences
    starts = [sentence.start for sentence in sentences]

    def locate(offset: int) -> _Place:
        position = bisect.bisect_right(starts, offset) - 1
        if position >= 0 and offset < sentences[position].end:
            return _Place(sentences[position].paragraph_id, sentences[position].index)
        paragraph = article.paragraph_at(offset)
        return _Place(paragraph.id if paragraph else None, None)

    return locate
