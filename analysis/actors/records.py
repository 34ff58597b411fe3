"""The intermediate records the steps of the actors stage pass on: a candidate and the key of its actor.

A :class:`Candidate` is made in step 1 and amended by every later step (its type in step 2, its roles
and affiliations in step 3, its key in step 4); step 5 groups candidates by :class:`ActorKey` into the
actors and mentions of :mod:`analysis.schema`, the stage's only output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..references import Alias, Reference


@dataclass(frozen=True)
class ActorKey:
    """What makes candidates one actor: candidates with equal keys are one actor.

    ``kind`` says which of the shapes a key has; each shape sets only the fields it needs:

    - ``ActorKey("person", name="viktor khrenin", number=3)``: a person. ``name`` is the comparable
      words of the fullest name of the person's cluster, ``number`` the cluster (two people may share
      a name: "Mr Howard" and "Mrs Howard").
    - ``ActorKey("organization", name="ministry of defense", qualifier=Belarus)``: an organisation.
      ``name`` is the normalised core of its name, ``qualifier`` the state or bloc the name names
      ("the Belarusian Ministry of Defense", "the Ministry of Defense of Belarus"), or None.
    - ``ActorKey("state", name="Russia", code="RUS")``: a state, bloc or capital from the reference
      tables (``kind`` is the reference's type: "state", "bloc", "location"), with its reference
      name and code; see :meth:`of_reference`.
    - ``ActorKey("alias", name="lund the spokesman")``: an actor of the user alias file, by its
      canonical name, case-folded.
    - ``ActorKey("group", name="belarusian")``: a group (NORP), its name case-folded, a plural "s" dropped.
    - ``ActorKey("location", name="balkans")``: any other type, its name case-folded.
    """

    kind: str
    name: str
    qualifier: Reference | None = None
    code: str | None = None
    number: int | None = None

    @classmethod
    def of_reference(cls, reference: Reference) -> ActorKey:
        """The key of a state, bloc or capital of the reference tables."""
        return cls(reference.type, reference.name, code=reference.code)


@dataclass(eq=False)
class Candidate:
    """A span of tokens that may name an actor, with what is known about it so far."""

    start: int  # token indices, end exclusive
    end: int
    label: str  # spaCy entity label, "REF" for a reference-table match, "NAME" for a surname found again,
    # "DATELINE" for the agency of the dateline
    type: str
    reference: Reference | None = None
    adjectival: bool = False
    alias: Alias | None = None
    honorific: str | None = None  # "mr", "dr" … written before the name
    roles: list[str] = field(default_factory=list)
    affiliations: list[Candidate] = field(default_factory=list)
    key: ActorKey | None = None  # set in step 4 (merging)
    glued: int = 0  # characters of the first token that are a word the scraper glued to the name ("including")
    # token bounds of the word the name is written in, when that is a compound ("[New York]-based",
    # "pro-[Moscow]"): the mention is that word, an adjectival one
    compound: tuple[int, int] | None = None
