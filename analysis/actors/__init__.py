"""Actors: who appears in the article, as whom, and with whom.

The data flow, all on the article's one spaCy parse (``article.doc``, never re-parsed):

1. **Candidates** (``candidates.py``): spaCy's PERSON, ORG, GPE, LOC and NORP entities, plus states, demonyms, blocs
   and user aliases from the tables in ``analysis/data/`` that the model left untagged. ORG entities that are
   the portfolio of a title ("Trade and Industry [Secretary]") are words, not actors; a name after a noun of
   news outlets ("the Telegram channel [SOTA]") is a media actor.
2. **Types by consistency** (``people.py``): a name that is a person's name elsewhere in the article is that person
   (an ORG "Khrenin" after "Viktor Khrenin"); a name after "Mr"/"Ms"… or a personal title is a
   person; a one-word PERSON tagged otherwise everywhere else takes that type; a surname the model
   missed is found again, as is an untagged name right after a personal title.
3. **Roles and affiliations** of people (``roles.py``), from the dependency parse: titles before a name
   ("Belarusian Defense Minister Viktor Khrenin") and appositions ("Valery Revenko, head of … at
   the Belarusian Ministry of Defense"; "a spokesperson for the Russian Foreign Ministry, Maria
   Zakharova"). Entities inside a title ("Defense" tagged ORG) are parts of the title, not actors.
4. **Canonical actors** (``merging.py``): surnames and other parts of a name join the full name; case, leading
   articles and reordered forms of organisations join ("the Ministry of Defense of Belarus" = "the
   Belarusian Ministry of Defense"); official and short state names join ("the Russian Federation" =
   Russia); demonyms count as adjectival mentions of their state; the user alias file
   (``analysis/data/actor_aliases.tsv``) comes first.
5. **Actors, codes and mentions** (``build.py``): one actor per key, with an id and a code in the CAMEO
   style (country + sector) from ``analysis/data/cameo_sectors.tsv``, and every mention with its offsets.

Mentions in the title and headings are kept, with ``paragraph_id`` and ``sentence_index`` None; names in
boilerplate lines (promotions of other stories, captions, calls: ``article.boilerplate``) are no candidates,
nor the words of the wire dateline (``article.dateline``: its place is no body text), whose agency is one
media actor ("ROME (Reuters) -": Reuters reports, it does not act).

Between the steps, one ``Candidate`` per span carries what is known so far, and step 4 gives each the
``ActorKey`` of its actor (``records.py``); word lists and token tests that several steps read are in
``words.py``. The stage's result is the :class:`~analysis.schema.ActorExtraction` record.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..article import Article
from ..compat import moved_names
from ..references import ALIASES_FILE, Alias, ReferenceIndex, load_aliases, reference_index
from ..schema import Actor, ActorExtraction, Mention
from .build import build
from .candidates import (
    DATELINE_AGENCY,
    apply_tables,
    dateline_agency,
    entity_candidates,
    is_portfolio,
    join_table_names,
    mark_compounds,
    outlets_named_by_nouns,
    reference_candidates,
    widen_state_bodies,
)
from .merging import assign_keys
from .people import correct_people
from .records import Candidate
from .roles import attach_roles
from .words import ENTITY_TYPES, HONORIFICS

__all__ = ["ENTITY_TYPES", "HONORIFICS", "Actor", "ActorExtraction", "Mention", "cooccurrences", "extract_actors"]


def extract_actors(article: Article, *, aliases_path: str | Path = ALIASES_FILE) -> ActorExtraction:
    """The canonical actors of an article and every mention of them, with offsets.

    Computed afresh on each call; :class:`~analysis.pipeline.ArticleAnalysis` computes it once per
    article and options and shares it with every table, chart and view.

    >>> from analysis import load_article
    >>> article = load_article("Talks\\n\\nRussian President Vladimir Putin met NATO officials. Putin left.")
    >>> extraction = extract_actors(article)
    >>> [(a.name, a.type, a.mention_count) for a in extraction.actors]
    [('Vladimir Putin', 'person', 2), ('Russia', 'state', 1), ('NATO', 'bloc', 1)]
    """
    return _extract(article, load_aliases(Path(aliases_path)), reference_index())


def _extract(article: Article, aliases: dict[str, Alias], index: ReferenceIndex) -> ActorExtraction:
    """The steps of the module docstring, in order, on the article's one parse."""
    doc = article.doc
    candidates = entity_candidates(doc, index) + reference_candidates(doc, index, aliases)  # 1
    candidates = join_table_names(doc, _outside_boilerplate(article, candidates), index) + dateline_agency(article)
    widen_state_bodies(doc, candidates)
    for candidate in candidates:
        apply_tables(doc, candidate, index, aliases)
    candidates = outlets_named_by_nouns(doc, [c for c in candidates if not is_portfolio(doc, c)])
    candidates = attach_roles(article, _outside_boilerplate(article, correct_people(doc, candidates)))  # 2, 3
    assign_keys(doc, candidates)  # 4
    mark_compounds(doc, candidates)
    return build(article, candidates)  # 5


def _outside_boilerplate(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates outside boilerplate lines and the dateline, but for the dateline's agency."""
    dateline = article.dateline
    if not article.boilerplate and dateline is None:
        return candidates
    doc = article.doc

    def in_body(candidate: Candidate) -> bool:
        offset = doc[candidate.start].idx
        in_dateline = dateline is not None and dateline.start <= offset < dateline.end
        return not article.in_boilerplate(offset) and (not in_dateline or candidate.label == DATELINE_AGENCY)

    return [c for c in candidates if in_body(c)]


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


__getattr__ = moved_names(__name__, {"actor_table": ".tables", "mention_table": ".tables", "actors_html": ".display",
                                     "show_actors": ".display", "TYPE_COLOURS": ".charts"})
