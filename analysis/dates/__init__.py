"""Dates: every date expression of an article as an ISO value with its precision and the rule used.

The data flow: the article's sentences → calendar patterns (``December 22``, ``October 2022``,
``mid-December``, ``around December 19``, ``since October``, weekdays, ``the next day``,
``earlier this month`` ...) and spaCy's DATE entities for whatever the patterns miss → one
:class:`DateMention` per expression, resolved in reading order.

A date without a year takes its year from the article itself, never from today's date: from the
publication date (given by the user or found in an HTML page's metadata) when there is one,
otherwise from the nearest year the article states. Relative expressions are anchored to the
publication date ("last week") or to the previous date in the text ("the next day"); when the text
gives no anchor they stay unresolved (``value`` None, or ``XXXX`` for an unknown year, as in TimeML)
and ``rule`` says why.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from ..article import Article
from ..compat import moved_names
from ..errors import ArticleError
from ..schema import Dateline, DateMention, Timex
from .measures import Duration, Reference, TimeOfDay, TimeSet, count_value, duration_matches, reference_matches, \
    set_matches, time_matches
from .tense import FUTURE, PAST, governing_tense

DAY, MONTH, YEAR, APPROXIMATE = "day", "month", "year", "approximate"
PRECISIONS = (DAY, MONTH, YEAR, APPROXIMATE)

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["Sept"] = 9
WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
WEEKDAY_WORDS = {name.lower() for name in WEEKDAYS}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Parts of a month or year and the days (or months) they cover.
PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20),
         "late": (21, 31), "end": (21, 31)}
YEAR_PARTS = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8), "middle": (5, 8),
              "late": (9, 12), "end": (9, 12)}
DECADE_PARTS = {"early": (0, 3), "beginning": (0, 3), "start": (0, 3), "mid": (3, 6), "middle": (3, 6),
                "late": (6, 9), "end": (6, 9)}
APPROXIMATE_DAYS = 3  # "around December 19" covers three days either side
# Words before a bare year or an ambiguous month name ("May", "March") that make it a date.
DATE_CONTEXT_WORDS = {"in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "early",
                      "late", "mid", "end", "throughout", "around", "last", "next", "this", "between", "and",
                      "to", "through"}
AMBIGUOUS_MONTHS = {"May", "March"}

_MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)" \
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?!\d)"
_WEEKDAY = r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_PREFIX = (r"(?:(?P<qualifier>[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom|[Tt]hrough)\s+)?"
           r"(?:(?P<around>[Aa]round|[Aa]bout|[Cc]irca|[Aa]pproximately|[Rr]oughly)\s+)?"
           r"(?:(?:[Tt]he\s+)?(?P<part>[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle)"
           r"(?:\s+of\s+|\s*-\s*|\s+))?")


class PrefixedPattern(NamedTuple):
    """A date pattern behind the optional :data:`_PREFIX` ("since", "around", "mid-" ...).

    Trying that prefix at every character is what costs time, so the bare ``core`` is searched
    first: the whole pattern can only match where its core does.
    """

    core: re.Pattern
    pattern: re.Pattern

    @classmethod
    def compile(cls, core: str, flags: int = 0) -> PrefixedPattern:
        return cls(re.compile(core, flags), re.compile(_PREFIX + core, flags))

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.core.search(text) else iter(())


CALENDAR_PATTERNS = [
    PrefixedPattern.compile(r"(?P<iso>" + _YEAR + r"-(?P<month_number>[01]\d)-(?P<day_number>[0-3]\d))\b"),
    PrefixedPattern.compile(r"(?P<week_of>(?:the\s+)?week\s+of\s+)?" + _WEEKDAY + _MONTH + r"\s+" + _DAY
                            + r"(?:,?\s+" + _YEAR + r")?\b"),
    PrefixedPattern.compile(_WEEKDAY + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH
                            + r"(?:,?\s+" + _YEAR + r")?\b"),
    PrefixedPattern.compile(_MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b"),
    PrefixedPattern.compile(r"(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?"
                            r"(?P<bare_month>January|February|March|April|May|June|July|August|September|October"
                            r"|November|December)\b(?:,?\s+(?:of\s+)?(?P<which_year>last|next|this)\s+year\b)?"),
    PrefixedPattern.compile(r"(?P<bare_year>" + _YEAR + r")\b"),
    PrefixedPattern.compile(r"(?:[Tt]he\s+)?(?P<decade>1[89]\d0|20\d0)s\b"),
]
# Seasons and quarters: (TimeML code, first month, months covered).
SEASONS = {"spring": ("SP", 3, 3), "summer": ("SU", 6, 3), "autumn": ("FA", 9, 3), "fall": ("FA", 9, 3),
           "winter": ("WI", 12, 3)}
QUARTERS = {"first": ("Q1", 1, 3), "1st": ("Q1", 1, 3), "second": ("Q2", 4, 3), "2nd": ("Q2", 4, 3),
            "third": ("Q3", 7, 3), "3rd": ("Q3", 7, 3), "fourth": ("Q4", 10, 3), "4th": ("Q4", 10, 3),
            "final": ("Q4", 10, 3), "last": ("Q4", 10, 3), "1": ("Q1", 1, 3), "2": ("Q2", 4, 3), "3": ("Q3", 7, 3),
            "4": ("Q4", 10, 3)}
PERIOD_PATTERNS = [
    PrefixedPattern.compile(r"(?:the\s+)?(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?"
                            r"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
                            r"(?:\s+(?:of\s+)?" + _YEAR + r")?\b"),
    PrefixedPattern.compile(r"(?:the\s+)?(?:(?P<lead_year>1[89]\d\d|20\d\d)\s+)?(?:(?P<year_ago>year-ago|year-earlier)\s+)?"
                            r"(?:fiscal\s+)?(?P<quarter>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+"
                            r"(?:fiscal\s+)?quarter\b(?!s)(?:\s+(?:of\s+)?(?:fiscal\s+)?" + _YEAR + r"\b)?", re.IGNORECASE),
    # Quarters named by their relation (earnings news): "the quarter", "the latest period", "the 1988
    # quarter", "the year-ago period", "last year's quarter", "year-earlier" (profit).
    PrefixedPattern.compile(r"\b(?:(?:the|that|this)\s+(?:(?P<lead_year>1[89]\d\d|20\d\d)\s+)?(?:(?P<relation>latest"
                            r"|current|most\s+recent|previous|preceding|year-ago|year-earlier|comparable(?:\s+year-ago)?"
                            r"|corresponding|same|prior-year)\s+)?(?:fiscal\s+)?(?P<unit>quarter|period)"
                            r"(?P<back>\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)))?"
                            r"|(?P<which_year>last|this|next)\s+year's\s+(?:(?P<quarter>first|second|third|fourth)\s+)?"
                            r"quarter|(?P<bare_relation>year-ago|year-earlier))\b(?!s|ly|-)", re.IGNORECASE),
    PrefixedPattern.compile(r"\b[Qq](?P<quarter>[1-4])\s+" + _YEAR + r"\b"),
]
# Words before a season without a year that make it a date ("in spring", "by the summer").
SEASON_CONTEXT_WORDS = {"in", "by", "since", "until", "till", "this", "last", "next", "during", "over", "the", "of"}
_COUNT = r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_UNIT = r"(?P<unit>day|week|month|year)s?"
# Anchored to the previous date in the text.
ANCHOR_PATTERNS = [
    (re.compile(r"\b[Tt]he\s+(?:next|following)\s+(?P<unit>day|morning|week|month|year)\b"), 1),
    (re.compile(r"\b[Tt]he\s+(?:previous|preceding)\s+(?P<unit>day|week|month|year)\b"), -1),
    (re.compile(r"\b[Tt]he\s+same\s+(?P<unit>day)\b"), 0),
    (re.compile(r"\b(?:(?P<qualifier>[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ss]ince)\s+)?(?:[Tt]he\s+)?"
                r"(?P<part>end|beginning|start|middle)\s+of\s+the\s+(?P<unit>month|year)\b"), 0),
    (re.compile(r"\b" + _COUNT + r"\s+" + _UNIT + r"\s+(?P<direction>later|earlier)\b", re.IGNORECASE), None),
]
# Anchored to the publication date.
PUBLICATION_PATTERNS = [
    re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight)\b", re.IGNORECASE),
    re.compile(r"\b(?P<which>last|this|next|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year)\b",
               re.IGNORECASE),
    re.compile(r"\b(?P<which>the\s+current(?:\s+fiscal)?|the\s+fiscal|the\s+full)\s+(?P<unit>year)\b", re.IGNORECASE),
    re.compile(r"\b" + _COUNT + r"\s+" + _UNIT + r"\s+ago\b", re.IGNORECASE),
    re.compile(r"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday"
               r"|Saturday|Sunday)\b"),
]
# "Earlier, ..." / "Later, ..." at the start of a sentence with no date of its own.
SEQUENCE_PATTERN = re.compile(r"(?P<word>Earlier|Later|Previously|Subsequently)\b")
# DATE entities that measure time rather than point to it: "nine months", "annual", "the first six weeks".
DURATION = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|daily|weekly"
                      r"|monthly|annual(?:ly)?|yearly|quarterly|seasonal(?:ly)?)\b", re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "morning": 1, "week": 7}


@dataclass(frozen=True)
class _Calendar:
    """A calendar date: "December 22", "5 March 2021", "October 2022", "mid-December", "around 2021"."""

    year: int | None
    month: int | None
    day: int | None
    qualifier: str | None  # a leading "since", "until", "by" ... (lower case)
    around: bool  # "around", "about", "circa" ...
    part: str | None  # "early", "mid", "late", "end" ... (lower case)
    which: str | None = None  # "last", "next", "this" ... before a month ("last May"), lower case
    which_year: str | None = None  # "May last year": "last", "next" or "this"
    week: bool = False  # "the week of March 6": the week holding the day


@dataclass(frozen=True)
class _Decade:
    """"the 1990s", "the late 1980s"."""

    decade: int
    qualifier: str | None
    part: str | None


@dataclass(frozen=True)
class _Period:
    """A season or a quarter: "summer 2022", "in spring", "the first quarter of 2023"."""

    period: tuple[str, int, int] | None  # TimeML code, first month, months covered; None: "the quarter"
    year: int | None
    qualifier: str | None
    which: str | None = None  # "last summer", "next spring" (lower case)
    relation: str | None = None  # a quarter named by its relation: "current", "latest", "year-ago" ... or ""
    year_shift: int | None = None  # "last year's quarter": -1


@dataclass(frozen=True)
class _Anchor:
    """Counted from the previous date in the text: "the next day", "two weeks later", "the end of the month"."""

    unit: str
    offset: int
    part: str | None
    qualifier: str | None


@dataclass(frozen=True)
class _Publication:
    """From the publication date: a word ("yesterday"), which + unit ("last week"), count + unit ("two years ago")."""

    word: str | None = None
    which: str | None = None
    unit: str | None = None
    count: str | None = None


@dataclass(frozen=True)
class _Weekday:
    """"on Monday", "last Friday", "next Tuesday" (``which`` as written)."""

    weekday: str
    which: str | None


@dataclass(frozen=True)
class _Sequence:
    """"Earlier, ..." at the start of a sentence with no date of its own (``word`` in lower case)."""

    word: str


@dataclass(frozen=True)
class _Entity:
    """A spaCy DATE entity the patterns do not cover."""

    text: str


@dataclass(frozen=True)
class _Found:
    """A matched date expression before its year or anchor is resolved; ``fields`` says what kind it is."""

    start: int
    end: int
    fields: (_Calendar | _Decade | _Period | _Anchor | _Publication | _Weekday | _Sequence | _Entity | TimeOfDay
             | Duration | TimeSet | Reference)
    paragraph_id: int
    sentence_index: int


@dataclass(frozen=True)
class _Resolution:
    """What a resolver makes of an expression: the fields of its :class:`DateMention` after text and offsets."""

    value: str | None
    precision: str | None
    rule: str
    resolved: bool = True
    range_start: str | None = None
    range_end: str | None = None
    qualifier: str | None = None
    relative: bool = False
    source: str = "pattern"


def parse_published(published: str | date | None) -> date | None:
    """A publication date given as ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date).

    Raises :class:`~analysis.errors.ArticleError` naming the value when it is not an ISO date.
    """
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        raise ArticleError(f"publication date {published!r} is not an ISO date (YYYY-MM-DD)") from None


def extract_dates(article: Article, *, published: str | date | None = None) -> list[DateMention]:
    """Every date expression in the article's paragraphs, normalised, in reading order.

    Parameters
    ----------
    article : Article
        The parsed article; its spaCy DATE entities add the expressions the patterns miss.
    published : str or date, optional
        The publication date (``YYYY-MM-DD``). Defaults to ``article.source.published`` (HTML
        metadata). It anchors years and relative expressions; today's date is never used.

    >>> from analysis import load_article
    >>> article = load_article("Title\\n\\nTalks began on March 3, 2021. They ended the next day.")
    >>> [(d.text, d.value, d.precision) for d in extract_dates(article)]
    [('March 3, 2021', '2021-03-03', 'day'), ('the next day', '2021-03-04', 'day')]
    """
    return analyse_times(article, published=published)[0]


def extract_timexes(article: Article, *, published: str | date | None = None) -> list[Timex]:
    """Every TimeML time expression (dates, times, durations, sets), in reading order.

    >>> from analysis import load_article
    >>> article = load_article("Title\\n\\nTalks lasted three days and ended on March 3, 2021.")
    >>> [(t.text, t.type, t.value) for t in extract_timexes(article)]
    [('three days', 'DURATION', 'P3D'), ('March 3, 2021', 'DATE', '2021-03-03')]
    """
    return analyse_times(article, published=published)[1]


def analyse_times(article: Article, *, published: str | date | None = None, dateline: Dateline | None = None
                  ) -> tuple[list[DateMention], list[Timex]]:
    """The dates and the time expressions of an article from one pass over its sentences.

    Each match is resolved once: a date or time of day gives a :class:`DateMention` (the timeline's)
    and a :class:`Timex` with TimeML's span and value; durations, sets and reference words ("now")
    give a Timex only. ``published`` is as for :func:`extract_dates`; the ``dateline`` is no body
    text (its date is the dateline's own ``date_value``), so nothing inside it is listed.
    """
    publication = parse_published(published if published is not None else article.source.published)
    found = _find_expressions(article)
    if dateline is not None:
        found = [f for f in found if not (dateline.start <= f.start and f.end <= dateline.end)]
    dated_months = [(date(f.fields.year, f.fields.month, min(f.fields.day or 1, 28)),
                     article.text[f.start:f.end], f.start) for f in found if _narrative_year(f)]
    plain_years = [(f.fields.year, article.text[f.start:f.end], f.start) for f in found if _plain_year(f)]
    clues = (max(dated_months) if dated_months else None, max(plain_years) if plain_years else None)
    mentions: list[DateMention] = []
    timexes: list[Timex] = []
    for expression in found:
        if isinstance(expression.fields, MEASURES):
            timexes.append(_measure_timex(article, expression))
            continue
        mentions.append(_resolve(article, expression, publication, clues, mentions))
        if not isinstance(expression.fields, _Sequence):
            timexes.append(_date_timex(article, expression, mentions[-1], len(mentions) - 1))
    return mentions, timexes


MEASURES = (Duration, TimeSet, Reference)
PART_MODS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
             "late": "END", "end": "END"}


def _timeml_span(article: Article, found: _Found) -> tuple[int, int, str | None]:
    """The expression's offsets without its leading signal word ("since", "by" ...), and that word."""
    qualifier = getattr(found.fields, "qualifier", None)
    text = article.text[found.start:found.end]
    if qualifier and text.lower().startswith(qualifier + " "):
        start = found.start + len(qualifier)
        while article.text[start].isspace():
            start += 1
        return start, found.end, qualifier
    return found.start, found.end, qualifier


def _date_timex(article: Article, found: _Found, mention: DateMention, index: int) -> Timex:
    """The TimeML view of a date (or time of day) already resolved as ``mention``."""
    fields = found.fields
    start, end, qualifier = _timeml_span(article, found)
    value, kind = mention.value, "DATE"
    mod = PART_MODS.get(getattr(fields, "part", None) or "")
    if getattr(fields, "around", False):
        mod = "APPROX"
    if isinstance(fields, _Decade):
        value = value[:3]  # TimeML writes a decade as its first three digits: "199"
    if isinstance(fields, TimeOfDay):
        kind, mod = "TIME", fields.mod
        value = value + fields.time if value and mention.precision == DAY else value
    anchor = None
    if mention.relative and mention.resolved:
        anchor = "publication" if "publication date" in mention.rule else "text"
    return Timex(article.text[start:end], start, end, kind, value, mod, None, anchor, qualifier,
                 found.paragraph_id, found.sentence_index, mention.rule, index)


def _measure_timex(article: Article, found: _Found) -> Timex:
    """A duration, a set or a reference word: its value was read off the words themselves."""
    fields = found.fields
    kind = {Duration: "DURATION", TimeSet: "SET", Reference: "DATE"}[type(fields)]
    rule = {Duration: "a length of time", TimeSet: "a recurring time",
            Reference: "a word for the present, the past or the future"}[type(fields)]
    return Timex(article.text[found.start:found.end], found.start, found.end, kind, fields.value,
                 getattr(fields, "mod", None), getattr(fields, "quant", None), None, None, found.paragraph_id,
                 found.sentence_index, rule, None)


def _narrative_year(found: _Found) -> bool:
    """A year stated with a month ("October 2022"): the article's own time frame.

    Bare years ("in 1997", "by 2030") are often history or targets, so they never lend their year.
    """
    fields = found.fields
    return isinstance(fields, _Calendar) and bool(fields.year) and fields.month is not None \
        and fields.qualifier not in ("by", "until", "till", "before")


def _plain_year(found: _Found) -> bool:
    """A bare year with no "by", "since", "until" ... ("in 2022"): a weaker clue to the article's year."""
    fields = found.fields
    return isinstance(fields, _Calendar) and bool(fields.year) and fields.month is None \
        and fields.qualifier is None and not fields.part


def _find_expressions(article: Article) -> list[_Found]:
    """Pattern matches and uncovered spaCy DATE entities, sentence by sentence, longest first."""
    found: list[_Found] = []
    # Every entity once (Span.ents would rebuild the whole document's entities for each sentence).
    all_entities = [(e.start_char, e.end_char, e.label_) for e in article.doc.ents]
    entity_starts = [start for start, _, _ in all_entities]
    for sentence in article.sentences:
        text = article.text[sentence.start:sentence.end]
        span = article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        inside = slice(bisect.bisect_left(entity_starts, span.start_char),
                       bisect.bisect_left(entity_starts, span.end_char)) if span is not None else slice(0)
        entities = [entity for entity in all_entities[inside] if entity[1] <= span.end_char]  # as span.ents
        chosen: list[tuple[int, int, object]] = []
        for candidate in sorted(_pattern_matches(text, sentence.start, entities), key=lambda c: (c[0] - c[1], c[0])):
            if not any(candidate[0] < other[1] and other[0] < candidate[1] for other in chosen):
                chosen.append(candidate)
        for start, end, label in entities:
            overlaps = any(start < other[1] and other[0] < end for other in chosen)
            if label == "DATE" and not overlaps and not DURATION.search(article.text[start:end]) \
                    and not _age_or_number(article.text, start, end):
                chosen.append((start, end, _Entity(article.text[start:end])))
        chosen = chosen or _sequence_word(text, sentence.start)
        found += [_Found(s, e, fields, sentence.paragraph_id, sentence.index)
                  for s, e, fields in sorted(chosen, key=lambda c: c[:2])]
    return found


def _pattern_matches(text: str, offset: int, entities: list[tuple[int, int, str]]):
    """(start, end, fields) for every time of day, measure, calendar, anchored and publication-relative match."""
    for matches in (time_matches, duration_matches, set_matches, reference_matches):
        for start, end, fields in matches(text):
            yield offset + start, offset + end, fields
    for pattern in CALENDAR_PATTERNS:
        for match in pattern.finditer(text):
            fields = _calendar_fields(match)
            start, end = offset + match.start(), offset + match.end()
            if fields is not None and _plausible(match, text, start, end, entities):
                yield start, end, fields
    for pattern in PERIOD_PATTERNS:
        for match in pattern.finditer(text):
            fields = _period_fields(match, text)
            if fields is not None:
                yield offset + match.start(), offset + match.end(), fields
    for pattern, direction in ANCHOR_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            count = _count(groups["count"]) if groups.get("count") else 1
            sign = direction if direction is not None else (1 if groups["direction"].lower() == "later" else -1)
            yield offset + match.start(), offset + match.end(), _Anchor(
                groups["unit"].lower(), sign * count, groups.get("part"), _lowered(groups, "qualifier"))
    for pattern in PUBLICATION_PATTERNS:
        for match in pattern.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v}
            if "weekday" not in groups:
                yield offset + match.start(), offset + match.end(), _Publication(**groups)
            elif not _inside_entity(offset + match.start(), offset + match.end(), entities, "PERSON"):
                yield offset + match.start(), offset + match.end(), _Weekday(groups["weekday"], groups.get("which"))


AGE_CONTEXT = re.compile(r"(?:\bage(?:d| of)?|\bages)\s*$", re.IGNORECASE)


def _age_or_number(text: str, start: int, end: int) -> bool:
    """A DATE entity that is an age ("at the age of 18") or a bare number ("65"), not a date."""
    words = text[start:end]
    return bool(re.fullmatch(r"\W*\d+\W*", words) or re.search(r"\bage[ds]?\b", words, re.IGNORECASE)
                or AGE_CONTEXT.search(text[max(0, start - 12):start]))


def _sequence_word(text: str, offset: int) -> list[tuple[int, int, _Sequence]]:
    match = SEQUENCE_PATTERN.match(text)
    return [(offset, offset + match.end(), _Sequence(match["word"].lower()))] if match else []


def _lowered(groups: dict, name: str) -> str | None:
    """A matched group in lower case; None when it did not match."""
    return (groups.get(name) or "").lower() or None


def _calendar_fields(match: re.Match) -> _Calendar | _Decade | None:
    """Year, month, day and modifiers of a calendar match (or a decade); None for an impossible date."""
    groups = match.groupdict()
    qualifier, part = _lowered(groups, "qualifier"), _lowered(groups, "part")
    if groups.get("decade"):
        return _Decade(int(groups["decade"]), qualifier, part)
    year = groups.get("year") or groups.get("bare_year")
    month_name = groups.get("month") or groups.get("bare_month")
    month = int(groups["month_number"]) if groups.get("month_number") else (
        MONTHS[month_name.rstrip(".")] if month_name else None)
    day = groups.get("day") or groups.get("day_number")
    day = int(day) if day else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if part and day is not None:
        return None  # "late December 22" is not a form news writing uses
    return _Calendar(int(year) if year else None, month, day, qualifier, bool(groups.get("around")), part,
                     _lowered(groups, "which"), _lowered(groups, "which_year"), bool(groups.get("week_of")))


def _period_fields(match: re.Match, text: str) -> _Period | None:
    """A season or quarter; a season without a year only after a date word ("in spring", not "a hot spring")."""
    groups = match.groupdict()
    year = groups.get("year") or groups.get("lead_year")
    year = int(year) if year else None
    if "relation" in groups:  # "the quarter", "the current quarter", "the year-ago quarter"
        relation = " ".join((groups["relation"] or groups["bare_relation"] or "").lower().split())
        if (groups["unit"] or "").lower() == "period" and not (relation or year):
            return None  # "the period" alone is no quarter
        if groups["back"] or groups["bare_relation"]:
            relation = "year-ago"
        shift = {"last": -1, "this": 0, "next": 1}.get(_lowered(groups, "which_year"))
        period = QUARTERS[groups["quarter"].lower()] if groups.get("quarter") else None
        return _Period(period, year, _lowered(groups, "qualifier"), relation=relation, year_shift=shift)
    if groups.get("season"):
        season = groups["season"].lower()
        previous = text[:match.start()].split()[-1:]
        in_context = bool(previous) and previous[0].lower() in SEASON_CONTEXT_WORDS or match.group(0).lower(
            ).startswith("the ")
        if year is None and not (in_context or groups.get("qualifier") or groups.get("part") or groups.get("which")) or (
                season == "fall" and year is None and not groups.get("which")):
            return None
        return _Period(SEASONS[season], year, _lowered(groups, "qualifier"), _lowered(groups, "which"))
    if groups.get("year_ago"):  # "the year-ago third quarter"
        return _Period(QUARTERS[groups["quarter"].lower()], year, _lowered(groups, "qualifier"), relation="year-ago")
    return _Period(QUARTERS[groups["quarter"].lower()], year, _lowered(groups, "qualifier"))


def _plausible(match: re.Match, text: str, start: int, end: int, entities) -> bool:
    """Reject bare years and ambiguous month names that are not used as dates (numbers, people)."""
    if _inside_entity(start, end, entities, "PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "MONEY", "CARDINAL",
                      "QUANTITY"):
        return False
    groups = match.groupdict()
    in_date_entity = _inside_entity(start, end, entities, "DATE")
    modified = groups.get("qualifier") or groups.get("around") or groups.get("part")
    if groups.get("bare_year") or (groups.get("bare_month") in AMBIGUOUS_MONTHS):
        previous = text[:match.start()].split()[-1:] if match.start() else []
        after_context = bool(previous) and previous[0].lower().strip("(,") in DATE_CONTEXT_WORDS
        return bool(in_date_entity or modified or after_context)
    return True


def _inside_entity(start: int, end: int, entities, *labels: str) -> bool:
    return any(label in labels and e_start <= start and end <= e_end for e_start, e_end, label in entities)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


TENSED = (_Calendar, _Period, _Weekday, TimeOfDay)


def _resolve(article: Article, found: _Found, publication: date | None, clues, earlier: list[DateMention]):
    """Turn a match into a DateMention, inferring its year or anchor and recording the rule."""
    return DateMention(text=article.text[found.start:found.end], start=found.start, end=found.end,
                       paragraph_id=found.paragraph_id, sentence_index=found.sentence_index,
                       **asdict(_resolution(article, found, publication, clues, earlier)))


def _resolution(article: Article, found: _Found, publication: date | None, clues, earlier: list[DateMention]):
    resolver = {_Calendar: _resolve_calendar, _Decade: _resolve_decade, _Period: _resolve_period,
                _Anchor: _resolve_anchor, _Publication: _resolve_publication, _Weekday: _resolve_weekday,
                _Sequence: _resolve_sequence, _Entity: _resolve_entity, TimeOfDay: _resolve_time}[type(found.fields)]
    tense = governing_tense(article.doc, found.start, found.end) if isinstance(found.fields, TENSED) else None
    return resolver(found, publication=publication, clues=clues, earlier=earlier, tense=tense)


def _resolve_calendar(found: _Found, *, publication, clues, tense=None, **_) -> _Resolution:
    fields = found.fields
    year, rule = _year(found, fields.month, fields.day or 1, publication, clues, tense)
    if fields.week and year is not None:
        return _week_value(date(year, fields.month, fields.day), rule, qualifier=fields.qualifier)
    return _calendar_value(year, fields.month, fields.day, rule, qualifier=fields.qualifier, around=fields.around,
                           part=fields.part)


def _year(found: _Found, month: int, day: int, publication: date | None, clues, tense: str | None = None
          ) -> tuple[int | None, str]:
    """The year of a date and the rule that gave it, in order of trust: stated with it; "last May",
    "May last year"; from the publication date and the governing verb's tense (past: the latest
    such date up to publication; future: the next one from it; otherwise the publication year); the
    one nearest the latest month-and-year date the article states (the article's "now", so a
    flashback to "December 2022" does not pull "January 20" back a year); the latest plain year
    ("in 2022") it states. Years after "by", "until", "since" ... (targets and history) never lend theirs."""
    fields = found.fields
    if fields.year:
        return fields.year, "year stated with the date"
    if publication is not None:
        return _year_from_publication(publication, month, day, getattr(fields, "which", None),
                                      getattr(fields, "which_year", None), tense)
    latest_dated, latest_plain = clues
    if latest_dated:
        reference, text, position = latest_dated
        return _nearest_year(reference, month, day), (
            f"year nearest the latest month-and-year date in the article ({text!r} at offset {position})")
    if latest_plain:
        year, text, position = latest_plain
        return year, f"latest plain year in the article ({text!r} at offset {position}); no month-and-year date"
    return None, "no publication date and no year in the article: year unknown"


def _year_from_publication(publication: date, month: int, day: int, which: str | None, which_year: str | None,
                           tense: str | None) -> tuple[int, str]:
    """The year of a month (and day) without one, from the publication date, "last"/"next" and the tense."""
    when = f"the publication date {publication.isoformat()}"
    if which_year:
        shift = {"last": -1, "next": 1}.get(which_year, 0)
        return publication.year + shift, f"{which_year} year from {when}"
    before = (month, day) < (publication.month, publication.day)
    after = (month, day) > (publication.month, publication.day)
    if which == "this":
        return publication.year, f"this: the year of {when}"
    if which in ("last", "past"):
        return publication.year - (not before), f"the last such date before {when}"
    if which in ("next", "coming"):
        return publication.year + (not after), f"the next such date after {when}"
    if tense == PAST:
        return publication.year - after, f"past tense: the latest such date up to {when}"
    if tense == FUTURE:
        return publication.year + before, f"future tense: the next such date from {when}"
    return _nearest_year(publication, month, day), f"the year nearest {when}"


def _resolve_period(found: _Found, *, publication, clues, earlier, tense=None, **_) -> _Resolution:
    """A season or a quarter ("summer 2022", "the first quarter of 2023"): an approximate span of months."""
    fields = found.fields
    if fields.relation is not None:
        return _relative_quarter(found, publication, earlier)
    code, first_month, months = fields.period
    if code.startswith("Q") and not fields.year and publication is not None:
        year, rule = _quarter_year(int(code[1]), publication, tense)
        return _period_value(code, first_month, months, year, rule, fields.qualifier)
    year, rule = _year(found, first_month, 1 if fields.which is None else 15, publication, clues, tense)
    if publication is not None and code == "WI" and fields.which is None and not fields.year \
            and publication.month <= 2 and tense != FUTURE:
        year, rule = year - 1, rule + "; a winter in January or February began the year before"
    return _period_value(code, first_month, months, year, rule, fields.qualifier)


def _period_value(code: str, first_month: int, months: int, year: int | None, rule: str, qualifier: str | None,
                  relative: bool = False) -> _Resolution:
    result = _Resolution(f"{'XXXX' if year is None else year}-{code}", APPROXIMATE, rule,
                         qualifier=qualifier, resolved=year is not None, relative=relative)
    if year is not None:
        last_year, last_month = divmod(year * 12 + first_month - 1 + months - 1, 12)
        last = date(last_year, last_month + 1, calendar.monthrange(last_year, last_month + 1)[1])
        result = replace(result, range_start=date(year, first_month, 1).isoformat(), range_end=last.isoformat())
    return result


QUARTER_VALUE = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")


def _quarter(year: int, quarter: int, rule: str, qualifier: str | None = None) -> _Resolution:
    """The quarter ``quarter`` (1-4, carried over into the next or previous years) of ``year``."""
    year, index = divmod(year * 4 + quarter - 1, 4)
    return _period_value(f"Q{index + 1}", index * 3 + 1, 3, year, rule, qualifier, relative=True)


def _quarter_year(quarter: int, publication: date, tense: str | None) -> tuple[int, str]:
    """The year of "the third quarter": the publication's, the next one for a quarter already past
    in the future tense, the one before for a quarter still ahead in the past tense."""
    current = (publication.month - 1) // 3 + 1
    when = f"the publication date {publication.isoformat()}"
    if tense == FUTURE and quarter < current:
        return publication.year + 1, f"future tense: the next such quarter from {when}"
    if tense == PAST and quarter > current:
        return publication.year - 1, f"past tense: the latest such quarter up to {when}"
    return publication.year, f"the year of {when}"


YEAR_AGO_RELATIONS = {"year-ago", "year-earlier", "comparable", "comparable year-ago", "prior-year"}
YEAR_BACK_RULE = "years from the quarter"


def _named_quarter(earlier: list[DateMention], since_sentence: int = 0) -> DateMention | None:
    """The last quarter the text named (not one counted a year back from another), from ``since_sentence``."""
    return next((d for d in reversed(earlier) if d.sentence_index >= since_sentence and d.value
                 and QUARTER_VALUE.match(d.value) and YEAR_BACK_RULE not in d.rule), None)


def _relative_quarter(found: _Found, publication: date | None, earlier: list[DateMention]) -> _Resolution:
    """"the quarter" (the last one named, else the one before publication), "the latest quarter" (the
    last one reported before publication), "the current quarter", "the year-ago quarter" (a year back),
    "last year's quarter": earnings news."""
    fields = found.fields
    named = _named_quarter(earlier)
    if fields.relation == "current":
        if publication is None:
            return replace(_unresolved("the current quarter needs the publication date"), relative=True)
        return _quarter(publication.year, (publication.month - 1) // 3 + 1,
                        f"the quarter of the publication date {publication.isoformat()}", fields.qualifier)
    if publication is not None and (named is None or fields.relation in ("latest", "most recent")):
        year, quarter = publication.year, (publication.month - 1) // 3  # the last quarter reported
        source = f"the quarter before the publication date {publication.isoformat()}"
    elif named is not None:
        base = QUARTER_VALUE.match(named.value)
        year, quarter, source = int(base["year"]), int(base["quarter"]), f"{named.text!r} ({named.value})"
    else:
        return replace(_unresolved("no quarter named earlier and no publication date"), relative=True)
    if fields.period is not None:  # "the year-ago third quarter", "this year's third quarter"
        quarter = int(fields.period[0][1])
    if fields.year:
        year = fields.year
    if fields.year_shift is not None:
        year = (publication.year if publication is not None else year) + fields.year_shift
    shift = {"previous": -1, "preceding": -1}.get(fields.relation, 0)
    if fields.relation in YEAR_AGO_RELATIONS:
        shift = -4
    return _quarter(year, quarter + shift, f"{shift:+d} quarters from {source}", fields.qualifier)


def _week_value(day: date, rule: str, *, qualifier: str | None = None) -> _Resolution:
    """The ISO week holding ``day`` (``2000-W10``), Monday to Sunday."""
    monday = day - timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return _Resolution(f"{year}-W{week:02d}", APPROXIMATE, rule, qualifier=qualifier, range_start=monday.isoformat(),
                       range_end=(monday + timedelta(days=6)).isoformat())


def _calendar_value(year: int | None, month: int | None, day: int | None, rule: str, *, qualifier: str | None = None,
                    around: bool = False, part: str | None = None) -> _Resolution:
    """Value, precision and day range of a year/month/day with its modifiers ("mid", "around")."""
    if day is not None and year is not None:
        try:
            date(year, month, day)
        except ValueError:
            return _unresolved(f"{year}-{month:02d}-{day:02d} is not a calendar date")
    label = "XXXX" if year is None else f"{year:04d}"
    if month is not None:
        label += f"-{month:02d}"
    if day is not None:
        label += f"-{day:02d}"
    precision = DAY if day is not None else MONTH if month is not None else YEAR
    if around or part:
        precision = APPROXIMATE
    if around:
        qualifier = qualifier or "around"
    result = _Resolution(label, precision, rule, qualifier=qualifier, resolved=year is not None)
    if year is not None:
        first, last = _range(year, month, day, around=around, part=part)
        result = replace(result, range_start=first.isoformat(), range_end=last.isoformat())
    return result


def _range(year: int, month: int | None, day: int | None, *, around: bool, part: str | None) -> tuple[date, date]:
    """First and last day covered by a calendar expression."""
    if day is not None:
        middle = date(year, month, day)
        spread = timedelta(days=APPROXIMATE_DAYS if around else 0)
        return middle - spread, middle + spread
    if month is not None:
        last_day = calendar.monthrange(year, month)[1]
        first, last = PARTS.get(part, (1, last_day))
        return date(year, month, first), date(year, month, min(last, last_day))
    first_month, last_month = YEAR_PARTS.get(part, (1, 12))
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def _nearest_year(publication: date, month: int, day: int) -> int:
    """The year that puts month/day closest to the publication date (December news, January plans)."""
    day = min(day, 28) if month == 2 else min(day, calendar.monthrange(publication.year, month)[1])
    return min((publication.year - 1, publication.year, publication.year + 1),
               key=lambda y: abs((date(y, month, day) - publication).days))


def _resolve_decade(found: _Found, **_) -> _Resolution:
    """"the 1990s" (1990-1999), "the mid-1990s" (1993-1996), "the late 1980s" (1986-1989)."""
    decade = found.fields.decade
    first_year, last_year = DECADE_PARTS.get(found.fields.part, (0, 9))
    first, last = date(decade + first_year, 1, 1), date(decade + last_year, 12, 31)
    return _Resolution(f"{decade // 10:03d}X", APPROXIMATE, "decade stated in the text", range_start=first.isoformat(),
                       range_end=last.isoformat(), qualifier=found.fields.qualifier)


def _resolve_anchor(found: _Found, *, earlier: list[DateMention], publication: date | None = None,
                    **_) -> _Resolution:
    """"the next day", "two weeks later": counted from the previous resolved date in the text; "a year
    earlier" after a quarter is that quarter a year back (earnings news), and with no date in this
    sentence or the one before it counts from the publication date."""
    unit, offset = found.fields.unit, found.fields.offset
    year_back = _year_back_quarter(found, earlier, offset) if unit == "year" and offset < 0 else None
    if year_back is not None:
        return year_back
    need = {"day": DAY, "morning": DAY, "week": DAY, "month": MONTH, "year": YEAR}[unit]
    anchor = next((d for d in reversed(earlier) if d.resolved and d.value and _covers(d.precision, need)), None)
    if publication is not None and unit == "year" and offset < 0 and (
            anchor is None or anchor.sentence_index < found.sentence_index - 1):
        return _resolve_publication(replace(found, fields=_Publication(unit=unit, count=str(-offset))),
                                    publication=publication, earlier=earlier)
    if anchor is None:
        return replace(_unresolved(f"no earlier {need}-precision date in the text to count from"), relative=True)
    rule = f"{offset:+d} {unit} from {anchor.text!r} ({anchor.value}) at offset {anchor.start}"
    start = date.fromisoformat(anchor.range_start)
    if unit in _UNIT_DAYS:
        moved = date.fromisoformat(anchor.value[:10]) + timedelta(days=offset * _UNIT_DAYS[unit])
        return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
    modifiers = {"part": found.fields.part, "qualifier": found.fields.qualifier}  # "until the end of the month"
    if unit == "month":
        year, month = divmod(start.year * 12 + start.month - 1 + offset, 12)
        return replace(_calendar_value(year, month + 1, None, rule, **modifiers), relative=True)
    return replace(_calendar_value(start.year + offset, None, None, rule, **modifiers), relative=True)


def _year_back_quarter(found: _Found, earlier: list[DateMention], years_back: int, within_sentences: int = 2
                       ) -> _Resolution | None:
    """"a year ago" / "a year earlier" right after a quarter ("third-quarter profit rose from $3 a year
    ago"): TimeML's convention for earnings news, the same quarter ``years_back`` years earlier."""
    named = _named_quarter(earlier, found.sentence_index - (1 if within_sentences > 1 else 0))
    if named is None:
        return None
    base = QUARTER_VALUE.match(named.value)
    return _quarter(int(base["year"]) + years_back, int(base["quarter"]),
                    f"{years_back:+d} {YEAR_BACK_RULE} {named.text!r} ({named.value}) at offset {named.start}")


def _covers(precision: str | None, need: str) -> bool:
    order = {DAY: 0, MONTH: 1, YEAR: 2}
    return precision in order and order[precision] <= order[need]


def _resolve_publication(found: _Found, *, publication: date | None, earlier=(), **_) -> _Resolution:
    """"yesterday", "last week", "earlier this month", "two years ago": counted from publication."""
    fields = found.fields
    if fields.unit is not None and fields.unit.lower() == "year" and (
            fields.count is not None or (fields.which or "").lower() == "last"):
        # "a year ago" after a quarter (this or the last sentence); "last year" after one in this sentence
        year_back = _year_back_quarter(found, earlier, -_count(fields.count or "1"), 2 if fields.count else 1)
        if year_back is not None:
            return year_back
    if publication is None:
        return replace(_unresolved("relative to the publication date, which is not known"), relative=True)
    rule = f"relative to the publication date {publication.isoformat()}"
    if fields.word is not None:
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[fields.word.lower()]
        moved = publication + timedelta(days=shift)
        return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
    unit = fields.unit.lower()
    if fields.count is not None:
        shift = -_count(fields.count)
        part = None
    else:
        which = " ".join(fields.which.lower().split())
        shift = {"last": -1, "next": 1}.get(which, 0)
        part = {"earlier this": "early", "later this": "late"}.get(which)
    if unit in ("day", "week"):
        moved = publication + timedelta(days=shift * _UNIT_DAYS[unit])
        if unit == "week" and fields.count is not None:  # "two weeks ago": about that day
            return replace(_calendar_value(moved.year, moved.month, moved.day, rule, around=True), relative=True)
        if unit == "day":
            return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
        return replace(_week_value(moved, rule), relative=True)
    if unit == "month":
        year, month = divmod(publication.year * 12 + publication.month - 1 + shift, 12)
        return replace(_calendar_value(year, month + 1, None, rule, part=part), relative=True)
    return replace(_calendar_value(publication.year + shift, None, None, rule, part=part), relative=True)


def _resolve_weekday(found: _Found, *, publication: date | None, tense: str | None = None, **_) -> _Resolution:
    """"on Monday": the nearest such day up to the publication date, or from it when the governing verb
    is in the future tense ("talks are set to resume Monday"); "next Monday": the one after."""
    if publication is None:
        return replace(_unresolved("a weekday needs the publication date, which is not known"), relative=True)
    moved, rule = _weekday_date(publication, found.fields.weekday, found.fields.which, tense)
    return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)


def _weekday_date(publication: date, name: str, which: str | None, tense: str | None) -> tuple[date, str]:
    weekday, which = WEEKDAYS[name.capitalize()], (which or "").lower()
    back = (publication.weekday() - weekday) % 7
    if which == "next" or (not which and tense == FUTURE):
        moved = publication + timedelta(days=(weekday - publication.weekday()) % 7 or (7 if which else 0))
    else:
        moved = publication - timedelta(days=back or (7 if which == "last" else 0))
    how = f"{which} " if which else "future tense: " if tense == FUTURE else ""
    return moved, f"{how}{name} relative to the publication date {publication.isoformat()}"


def _resolve_time(found: _Found, *, publication: date | None, tense: str | None = None, **_) -> _Resolution:
    """"Friday morning", "tonight", "10 p.m. Wednesday": the day its day word gives (publication day if none)."""
    fields = found.fields
    if publication is None:
        return replace(_unresolved("a time of day needs the publication date, which is not known"), relative=True)
    if fields.day in WEEKDAY_WORDS:
        day, rule = _weekday_date(publication, fields.day, fields.which, tense)
    else:
        day = publication + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(fields.day, 0))
        rule = f"{fields.day or 'the day'} of the publication date {publication.isoformat()}"
    return replace(_calendar_value(day.year, day.month, day.day, rule), relative=True)


def _resolve_sequence(found: _Found, *, earlier: list[DateMention], **_) -> _Resolution:
    """"Earlier, ..." with no date of its own: before (or after) the previous date, otherwise unknown."""
    anchor = next((d for d in reversed(earlier) if d.resolved and d.value), None)
    before = found.fields.word in ("earlier", "previously")
    where = f"{'before' if before else 'after'} {anchor.text!r} ({anchor.value})" if anchor else "no earlier date"
    return replace(_unresolved(f"sequence word without a date of its own: {where}"), relative=True,
                   qualifier="before" if before else "after")


def _resolve_entity(found: _Found, **_) -> _Resolution:
    year = _spelled_year(found.fields.text)
    if year is not None:  # "nineteen ninety-six" in a broadcast transcript
        return replace(_calendar_value(year, None, None, "a year written in words"), source="spacy")
    return replace(_unresolved("spaCy DATE entity in a form the patterns do not normalise"), source="spacy")


def _spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2005 for "two thousand five"; None for anything else."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = count_value(" ".join(words[2:]).removeprefix("and ")) if words[2:] else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    if len(words) >= 2 and words[0] in ("eighteen", "nineteen", "twenty"):
        rest = count_value(" ".join(words[1:]))
        return count_value(words[0]) * 100 + rest if rest is not None and 10 <= rest < 100 else None
    return None


def _unresolved(rule: str) -> _Resolution:
    return _Resolution(None, None, rule, resolved=False)


__getattr__ = moved_names(__name__, {"dates_table": ".tables"})
