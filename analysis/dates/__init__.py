"""Dates and time expressions: every date of an article as an ISO value with its precision and rule,
and every TimeML time expression (date, time, duration, set) with its type and value.

The data flow: the article's sentences → :func:`~.patterns.find_expressions` (calendar patterns
"December 22", "October 2022", "mid-December", "the third quarter", weekdays, "the next day",
"earlier this month", "the weekend", "the 20th century" ...; holidays from :mod:`.holidays`;
durations, sets, reference words and times of day from :mod:`.measures`;
spaCy's DATE entities for whatever the patterns miss) → :func:`~.resolve.resolve`, in reading
order → one :class:`DateMention` per date (the timeline's ``dates``) and one :class:`Timex` per
time expression (``timexes``, TimeML spans: a leading "since" or "by" is its ``qualifier``).

A date without a year takes its year from the article itself, never from today's date: from the
publication date (given by the user, found in an HTML page's metadata or in the dateline) and the
tense of the verb that governs it ("met in October" is the last October, "will meet in February"
the next February), otherwise from the nearest year the article states. Relative expressions are
anchored to the publication date ("last week") or to the previous date in the text ("the next
day"); when the text gives no anchor they stay unresolved (``value`` None, or ``XXXX`` for an
unknown year, as in TimeML) and ``rule`` says why.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import PurePath

from ..article import Article
from ..compat import moved_names
from ..errors import ArticleError
from ..schema import Dateline, DateMention, Timex
from .measures import Measure, TimeOfDay
from .patterns import (
    APPROXIMATE,
    CALENDAR_PATTERNS,
    DAY,
    MONTH,
    PERIOD_PATTERNS,
    PRECISIONS,
    WEEKDAY_WORDS,
    YEAR,
    Calendar,
    Entity,
    Found,
    Publication,
    Sequence,
    find_expressions,
)
from .resolve import resolve

__all__ = ["APPROXIMATE", "CALENDAR_PATTERNS", "DAY", "MONTH", "PERIOD_PATTERNS", "PRECISIONS", "YEAR", "analyse_times",
           "extract_dates", "extract_timexes", "file_name_date", "parse_published"]


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


# A file name opening with a UTC timestamp in ISO 8601's basic form, as GDELT-found corpora name their
# files after the time GDELT first saw the URL: "20220314T081500Z_PL_en_ac5476e06c.txt".
FILE_NAME_TIMESTAMP = re.compile(r"(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)T\d{4}(?:\d\d)?Z(?=[_.-]|$)")


def file_name_date(path: str | None) -> date | None:
    """The date of the UTC timestamp a file's name opens with (``20220314T081500Z_...``), or None.

    It is when the file's page was found (GDELT's "seendate"), the publication date's best stand-in
    when neither the user, the HTML metadata nor a dateline gives one. Only that unambiguous form
    counts: a bare number such as ``20220314`` may be an id.

    >>> file_name_date("gdelt/20220314T081500Z_PL_en_ac5476e06c.txt"), file_name_date("20220314_report.txt")
    (datetime.date(2022, 3, 14), None)
    """
    match = FILE_NAME_TIMESTAMP.match(PurePath(path).name) if path else None
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


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
    found = find_expressions(article)
    if dateline is not None:
        found = [f for f in found if not (dateline.start <= f.start and f.end <= dateline.end)]
    dated_months = [(date(f.fields.year, f.fields.month, min(f.fields.day or 1, 28)),
                     article.text[f.start:f.end], f.start) for f in found if _narrative_year(f)]
    plain_years = [(f.fields.year, article.text[f.start:f.end], f.start) for f in found if _plain_year(f)]
    clues = (max(dated_months) if dated_months else None, max(plain_years) if plain_years else None)
    mentions: list[DateMention] = []
    timexes: list[Timex] = []
    for expression in found:
        if isinstance(expression.fields, Measure):
            timexes.append(_measure_timex(article, expression))
            continue
        mentions.append(resolve(article, expression, publication, clues, mentions))
        if not isinstance(expression.fields, Sequence) and not _unread_entity(expression, mentions[-1]):
            timexes.append(_date_timex(article, expression, mentions[-1], len(mentions) - 1))
    return mentions, _clock_times_with_their_day(article, timexes)


# Between a clock time and the date it is on: "5 p.m. EST Nov. 9", "5 p.m., Nov. 6".
_CLOCK_DATE_GAP = re.compile(r",?[ \t]*(?:on[ \t]+)?")
_CLOCK_VALUE, _DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\dT\d"), re.compile(r"\d{4}-\d\d-\d\d")


def _clock_times_with_their_day(article: Article, timexes: list[Timex]) -> list[Timex]:
    """A clock time followed by its day ("5 p.m. EST Nov. 9") is one TIME on that day, as in TimeML."""
    joined: list[Timex] = []
    for timex in timexes:
        previous = joined[-1] if joined else None
        if previous is not None and previous.type == "TIME" and _CLOCK_VALUE.match(previous.value or "") \
                and timex.type == "DATE" and timex.qualifier is None and _DAY_VALUE.fullmatch(timex.value or "") \
                and _CLOCK_DATE_GAP.fullmatch(article.text[previous.end:timex.start]):
            joined[-1] = replace(previous, text=article.text[previous.start:timex.end], end=timex.end,
                                 value=timex.value + previous.value[10:],
                                 rule=f"the clock time on {timex.text!r}: {timex.rule}")
            continue
        joined.append(timex)
    return joined


# A point counted back with a bound on the count: "more than two years ago" lies before the point two years
# back, "nearly two years ago" after it ("about", "some" ...: around it).
AGO_MODS = {"more than": "BEFORE", "less than": "AFTER", "almost": "AFTER", "nearly": "AFTER"}
DECADE_VALUE = re.compile(r"\d{3}X")
PART_MODS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
             "late": "END", "end": "END"}


def _timeml_span(article: Article, found: Found) -> tuple[int, int, str | None]:
    """The expression's offsets without its leading signal word ("since", "by" ...), and that word."""
    qualifier = getattr(found.fields, "qualifier", None)
    text = article.text[found.start:found.end]
    if qualifier and text.lower().startswith(qualifier + " "):
        start = found.start + len(qualifier)
        while article.text[start].isspace():
            start += 1
        return start, found.end, qualifier
    return found.start, found.end, qualifier


def _date_timex(article: Article, found: Found, mention: DateMention, index: int) -> Timex:
    """The TimeML view of a date (or time of day) already resolved as ``mention``."""
    fields = found.fields
    start, end, qualifier = _timeml_span(article, found)
    value, kind = mention.value, "DATE"
    mod = PART_MODS.get(getattr(fields, "part", None) or "")
    if getattr(fields, "around", False):
        mod = "APPROX"
    if isinstance(fields, Publication) and fields.mod:  # "about / more than / nearly two weeks ago"
        mod = AGO_MODS.get(fields.mod, "APPROX")
        if fields.from_now:  # "more than two weeks from now" lies after the point two weeks ahead
            mod = {"BEFORE": "AFTER", "AFTER": "BEFORE"}.get(mod, mod)
    if value and DECADE_VALUE.fullmatch(value):
        value = value[:3]  # TimeML writes a decade ("the 1990s", "last decade") as its first three digits: "199"
    if isinstance(fields, TimeOfDay) and not _day_part_of_weekday(fields):
        kind, mod = "TIME", fields.mod
        value = value + fields.time if value and mention.precision == DAY else value
    anchor = None
    if mention.relative and mention.resolved:
        anchor = "publication" if "publication date" in mention.rule else "text"
    return Timex(article.text[start:end], start, end, kind, value, mod, None, anchor, qualifier,
                 found.paragraph_id, found.sentence_index, mention.rule, index)


def _day_part_of_weekday(fields: TimeOfDay) -> bool:
    """"Friday night", "Tuesday morning": TimeBank annotates a weekday with a part of the day (no clock
    time) as the DATE of that day, so it is one on the timeline and in ``timexes``."""
    return fields.day in WEEKDAY_WORDS and not fields.time[1:2].isdigit()


def _measure_timex(article: Article, found: Found) -> Timex:
    """A duration, a set or a reference word: its value was read off the words themselves."""
    fields = found.fields
    rule = {"DURATION": "a length of time", "SET": "a recurring time",
            "DATE": "a word for the present, the past or the future"}[fields.type]
    return Timex(article.text[found.start:found.end], found.start, found.end, fields.type, fields.value,
                 fields.mod, fields.quant, None, None, found.paragraph_id, found.sentence_index, rule, None)


def _unread_entity(found: Found, mention: DateMention) -> bool:
    """A spaCy DATE entity no rule could give a value ("a weekend of accusations", "Third-period"): often
    no time expression at all, so it stays among the ``dates`` (unresolved) but is no TimeML timex."""
    return isinstance(found.fields, Entity) and mention.value is None


def _narrative_year(found: Found) -> bool:
    """A year stated with a month ("October 2022"): the article's own time frame.

    Bare years ("in 1997", "by 2030") are often history or targets, so they never lend their year.
    """
    fields = found.fields
    return isinstance(fields, Calendar) and bool(fields.year) and fields.month is not None \
        and fields.qualifier not in ("by", "until", "till", "before")


def _plain_year(found: Found) -> bool:
    """A bare year with no "by", "since", "until" ... ("in 2022"): a weaker clue to the article's year."""
    fields = found.fields
    return isinstance(fields, Calendar) and bool(fields.year) and fields.month is None \
        and fields.qualifier is None and not fields.part




__getattr__ = moved_names(__name__, {"dates_table": ".tables"})
