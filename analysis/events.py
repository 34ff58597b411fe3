"""Events: each dated sentence as one row of the article's chronology, with the actors in it.

The data flow: :func:`~analysis.dates.extract_dates` → the sentences that hold a resolved date →
one :class:`Event` per sentence (its most precise date, the actors mentioned in it, its paragraph).
:func:`timeline_to_dict` gathers dates, events, claims and sentence cues for the ``analyze`` JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from .article import Article, record_fields
from .claims import claims_to_dict, cues_to_dict, extract_claims, item_field
from .dates import APPROXIMATE, DAY, MONTH, YEAR, DateMention, dates_to_dict, extract_dates

# Which date of a sentence dates its event: the most precise, then the first.
PRECISION_RANK = {DAY: 0, APPROXIMATE: 1, MONTH: 2, YEAR: 3}


@dataclass(frozen=True)
class Event:
    """A dated sentence: its date (value, precision, day range) and the actors it mentions."""

    sentence_index: int
    paragraph_id: int
    start: int
    end: int
    text: str
    date_text: str
    date_start: int
    date_end: int
    value: str
    precision: str
    range_start: str
    range_end: str
    qualifier: str | None
    actor_ids: tuple
    actors: tuple[str, ...]

    def to_dict(self) -> dict:
        data = record_fields(self)
        data["actor_ids"], data["actors"] = list(self.actor_ids), list(self.actors)
        return data


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


def events_table(events: list[Event]):
    """One row per event in date order (a pandas DataFrame)."""
    import pandas as pd

    columns = ["value", "precision", "qualifier", "date_text", "actors", "paragraph_id", "sentence_index", "text"]
    rows = sorted((event.to_dict() for event in events), key=lambda row: (row["range_start"], row["start"]))
    for row in rows:
        row["actors"] = ", ".join(row["actors"])
    return pd.DataFrame(rows, columns=columns)


def timeline_to_dict(article: Article, *, mentions=None, actors=None, published=None) -> dict:
    """The ``dates``, ``events``, ``claims`` and ``sentence_cues`` parts of the ``analyze`` JSON."""
    dates = extract_dates(article, published=published)
    events = extract_events(article, dates, mentions=mentions, actors=actors)
    claims = extract_claims(article, mentions=mentions, actors=actors)
    return {
        "dates": dates_to_dict(dates),
        "events": [event.to_dict() for event in events],
        "claims": claims_to_dict(claims),
        "sentence_cues": cues_to_dict(article),
    }
