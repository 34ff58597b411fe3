"""Events: each dated sentence as one row of the article's chronology, with the actors in it.

The data flow: :func:`~analysis.dates.extract_dates` → the sentences that hold a resolved date →
one :class:`Event` per sentence (its most precise date, the actors mentioned in it, its paragraph).
"""

from __future__ import annotations

from .article import Article
from .claims import item_field
from .compat import moved_names
from .dates import APPROXIMATE, DAY, MONTH, YEAR
from .schema import DateMention, Event

# Which date of a sentence dates its event: the most precise, then the first.
PRECISION_RANK = {DAY: 0, APPROXIMATE: 1, MONTH: 2, YEAR: 3}


def extract_events(article: Article, dates: list[DateMention], *, mentions=None, actors=None) -> list[Event]:
    """One event per sentence that holds a resolved date, in reading order.

    The sentence's most precise date (day, approximate, month, year; then the first) dates the event. Actors
    come from ``mentions`` (``actor_id``, ``start``, ``end``) named through ``actors``
    (``id``, ``name``); without mentions an event lists no actors.
    """
    names = {item_field(a, "id"): item_field(a, "name") for a in (actors or ())}
    sentences = {s.index: s for s in article.sentences}
    by_sentence: dict[int, list[DateMention]] = {}
    for mention in dates:
        if mention.resolved and mention.range_start:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
    events = []
    for index, candidates in sorted(by_sentence.items()):
        chosen = min(candidates, key=lambda d: (PRECISION_RANK[d.precision], d.start))
        sentence = sentences[index]
        inside = [m for m in (mentions or ()) if sentence.start <= item_field(m, "start") < sentence.end]
        actor_ids = tuple(dict.fromkeys(item_field(m, "actor_id") for m in inside))
        texts = {item_field(m, "actor_id"): article.text[item_field(m, "start"):item_field(m, "end")] for m in inside}
        events.append(Event(index, sentence.paragraph_id, sentence.start, sentence.end,
                            article.text[sentence.start:sentence.end], chosen.text, chosen.start, chosen.end,
                            chosen.value, chosen.precision, chosen.range_start, chosen.range_end, chosen.qualifier,
                            actor_ids, tuple(names.get(a) or texts[a] for a in actor_ids)))
    return events


__getattr__ = moved_names(__name__, {"events_table": ".tables"})
