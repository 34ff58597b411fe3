"""Resolvers: each kind of match (:mod:`.patterns`) turned into a value, a precision, a day range and a rule.

Years come from the expression itself, from the publication date and the governing verb's tense
(:mod:`.tense`), or from the article's own dates; relative expressions are counted from the
publication date or from an earlier date in the text; earnings-news quarters follow TimeML's
conventions ("a year ago" after a quarter is that quarter a year back).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..article import Article
from ..schema import DateMention
from .holidays import holiday_date, holiday_key, independence_day, nominal_day
from .measures import TimeOfDay, count_value, spelled_year
from .patterns import (
    APPROXIMATE,
    APPROXIMATE_DAYS,
    DAY,
    DECADE_PARTS,
    MONTH,
    PARTS,
    PERIOD_SHIFTS,
    UNIT_DAYS,
    WEEKDAY_WORDS,
    WEEKDAYS,
    WEEKEND,
    YEAR,
    YEAR_PARTS,
    Anchor,
    Calendar,
    Century,
    DayOffset,
    Decade,
    Entity,
    Found,
    Holiday,
    Period,
    Publication,
    Sequence,
    Weekday,
)
from .tense import FUTURE, PAST, governing_tense


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



TENSED = (Calendar, Period, Weekday, Holiday, TimeOfDay)


def resolve(article: Article, found: Found, publication: date | None, clues, earlier: list[DateMention]):
    """Turn a match into a DateMention, inferring its year or anchor and recording the rule."""
    return DateMention(text=article.text[found.start:found.end], start=found.start, end=found.end,
                       paragraph_id=found.paragraph_id, sentence_index=found.sentence_index,
                       **vars(_resolution(article, found, publication, clues, earlier)))  # scalars: no asdict copies


def _resolution(article: Article, found: Found, publication: date | None, clues, earlier: list[DateMention]):
    if isinstance(found.fields, DayOffset):
        return _day_offset(article, found, _resolution(article, found.fields.inner, publication, clues, earlier))
    resolver = {Calendar: _resolve_calendar, Decade: _resolve_decade, Century: _resolve_century,
                Period: _resolve_period,
                Anchor: _resolve_anchor, Publication: _resolve_publication, Weekday: _resolve_weekday,
                Holiday: _resolve_holiday, Sequence: _resolve_sequence,
                Entity: _resolve_entity, TimeOfDay: _resolve_time}[type(found.fields)]
    tense = governing_tense(article.doc, found.start, found.end) if isinstance(found.fields, TENSED) else None
    return resolver(found, publication=publication, clues=clues, earlier=earlier, tense=tense,
                    nine_months=_after_nine_months(article, found))


# Results for nine months, the year's first three quarters, named before a comparison in the sentence
# ("For the nine months, net rose to $5 from $3 a year earlier"): the comparison is those nine months a
# year back, which TimeML can only write as that year, never as the story's quarter.
NINE_MONTHS = re.compile(r"\bnine[\s-]+months?\b|\bfirst\s+three\s+quarters\b", re.IGNORECASE)


def _after_nine_months(article: Article, found: Found) -> bool:
    """Whether the expression's sentence names nine months of results before it (see ``NINE_MONTHS``) and
    the expression itself names no quarter ("the year-ago quarter" stays one)."""
    if "quarter" in article.text[found.start:found.end].lower():
        return False
    sentence = next((s for s in article.sentences[found.sentence_index:found.sentence_index + 1]
                     if s.index == found.sentence_index), None)
    start = sentence.start if sentence is not None else found.start
    return bool(NINE_MONTHS.search(article.text[start:found.start]))


def _day_offset(article: Article, found: Found, day: _Resolution) -> _Resolution:
    """"the day before Christmas", "two days after Monday's vote": the day written after it, resolved as
    it would be alone, moved by the days counted."""
    inner, days = found.fields.inner, found.fields.days
    if day.precision != DAY or not day.value:
        return replace(_unresolved(f"no day to count from in {article.text[inner.start:inner.end]!r}"), relative=True)
    known = day.value[:4].isdigit()  # with no year ("XXXX-12-25"): counted in a common year, written without it
    year = day.value[:4] if known else "2000" if day.value[5:10] == "02-29" else "2001"
    moved = date.fromisoformat(year + day.value[4:10]) + timedelta(days=days)
    return replace(_calendar_value(moved.year if known else None, moved.month, moved.day,
                                   f"{days:+d} days from {article.text[inner.start:inner.end]!r}: {day.rule}"),
                   relative=True)


# A value within one known year ("2022", "2022-10", "2022-SU"), not a decade ("199") or "XXXX-03".
_OF_A_YEAR = re.compile(r"\d{4}(?!\d)")


def _resolve_calendar(found: Found, *, publication, clues, earlier=(), tense=None, **_) -> _Resolution:
    """"March 3", "last March", "October of that year": a month (and day) in the year written, else the year of
    the latest date before for "that year", else the year the publication date and the tense choose."""
    fields = found.fields
    day = fields.day or 1
    if fields.day is None and fields.which in ("last", "past"):  # a month is past once it is over:
        day = calendar.monthrange(2001, fields.month)[1]  # "last March" on 15 March is a year back
    if fields.which_year == "that":  # "October of that year": the year of the latest date the text gave
        named = next((d for d in reversed(earlier) if d.resolved and d.value and _OF_A_YEAR.match(d.value)),
                     None)
        year, rule = (int(named.value[:4]), f"that year: the year of {named.text!r} at offset {named.start}") \
            if named else (None, "that year: no year named before")
    else:
        year, rule = _year(found, fields.month, day, publication, clues, tense)
    if fields.weekday is not None and year is not None and not fields.year:
        year, rule = _year_of_weekday(year, fields.month, fields.day, fields.weekday, rule)
    if fields.week and year is not None:
        return _week_value(date(year, fields.month, fields.day), rule, qualifier=fields.qualifier)
    return _calendar_value(year, fields.month, fields.day, rule, qualifier=fields.qualifier, around=fields.around,
                           part=fields.part)


def _year_of_weekday(year: int, month: int, day: int, weekday: int, rule: str) -> tuple[int, str]:
    """The year next to ``year`` in which ``month``/``day`` falls on the ``weekday`` written with it
    ("Monday, Oct. 26"); ``year`` itself when it agrees or no year next to it does."""
    for candidate in (year, year + 1, year - 1):
        try:
            if date(candidate, month, day).weekday() == weekday:
                return candidate, rule if candidate == year else f"the year in which it is a " \
                    f"{calendar.day_name[weekday]} (not {year})"
        except ValueError:
            continue
    return year, rule


def _resolve_holiday(found: Found, *, publication, clues, tense=None, **_) -> _Resolution:
    """"Christmas", "last Thanksgiving": the holiday's day in the year chosen as for a month and day."""
    if holiday_key(found.fields.name) == "independence day" and independence_day(found.fields.country) is None:
        return _unresolved(f"no Independence Day of {found.fields.country} in states.tsv")
    month, day = nominal_day(found.fields.name, found.fields.country)
    year, rule = _year(found, month, day, publication, clues, tense)
    if year is None:
        return _calendar_value(None, month, day if (month, day) != nominal_day("easter") else None, rule)
    when = holiday_date(found.fields.name, year, found.fields.country)
    if found.fields.week:
        return _week_value(when, f"{rule}; the week of {found.fields.name} {year}")
    return _calendar_value(year, when.month, when.day, f"{rule}; {found.fields.name} of {year}")


def _year(found: Found, month: int, day: int, publication: date | None, clues, tense: str | None = None
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


# A date this close to the publication date on the "wrong" side of its tense is still in its year:
# the verb governs another time ("the offer was extended to Nov. 20") or the story predates its date.
TENSE_WINDOW_DAYS = 30


def _year_from_publication(publication: date, month: int, day: int, which: str | None, which_year: str | None,
                           tense: str | None) -> tuple[int, str]:
    """The year of a month (and day) without one, from the publication date, "last"/"next" and the tense."""
    when = f"the publication date {publication.isoformat()}"
    if which_year:
        shift = PERIOD_SHIFTS.get(which_year, 0)
        return publication.year + shift, f"{which_year} year from {when}"
    before = (month, day) < (publication.month, publication.day)
    after = (month, day) > (publication.month, publication.day)
    if which == "this":
        return publication.year, f"this: the year of {when}"
    if which in ("last", "past"):
        return publication.year - (not before), f"the last such date before {when}"
    if which in ("next", "coming"):
        return publication.year + (not after), f"the next such date after {when}"
    gap = (date(publication.year, month, min(day, calendar.monthrange(publication.year, month)[1]))
           - publication).days
    if (tense == PAST and after or tense == FUTURE and before) and abs(gap) <= TENSE_WINDOW_DAYS:
        # "extended to Nov. 20" early in November, "will reopen in December" in December
        return publication.year, f"{tense} tense, but within {TENSE_WINDOW_DAYS} days of {when}: its year"
    if tense == PAST:
        return publication.year - after, f"past tense: the latest such date up to {when}"
    if tense == FUTURE:
        return publication.year + before, f"future tense: the next such date from {when}"
    return _nearest_year(publication, month, day), f"the year nearest {when}"


def _resolve_period(found: Found, *, publication, clues, earlier, tense=None, nine_months=False, **_) -> _Resolution:
    """A season or a quarter ("summer 2022", "the first quarter of 2023"): an approximate span of months."""
    fields = found.fields
    if fields.relation is not None:
        return _relative_quarter(found, publication, earlier, nine_months)
    code, first_month, months = fields.period
    if code.startswith("H") and not fields.year:  # "the second half of this year", "first-half profit"
        if publication is None:
            return _period_value(code, first_month, months, None, "a half-year needs the publication date",
                                 fields.qualifier)
        return _period_value(code, first_month, months, publication.year + (fields.year_shift or 0),
                             f"the year of the publication date {publication.isoformat()}", fields.qualifier)
    if code.startswith("Q") and not fields.year and publication is not None:
        year, rule = _quarter_year(int(code[1]), publication, tense)
        return _period_value(code, first_month, months, year, rule, fields.qualifier)
    if fields.year_shift is not None and not fields.year and publication is not None:  # "the spring of last year"
        year = publication.year + fields.year_shift
        rule = f"the year {fields.year_shift:+d} from the publication date {publication.isoformat()}"
    elif fields.which is not None and not fields.year and publication is not None:
        year, rule = _season_year(first_month, months, publication, fields.which)
    else:  # the season's first day as a date: "began in the winter" in February is the one of last December
        year, rule = _year(found, first_month, 1, publication, clues, tense)
    return _period_value(code, first_month, months, year, rule, fields.qualifier)


def _season_year(first_month: int, months: int, publication: date, which: str) -> tuple[int, str]:
    """The year a season named by "last", "this", "next" ... begins in: "last" the latest one over
    before the publication date ("last winter" in February is the one before the current winter),
    "next" the first one still to begin, "this" the one under way, else the publication year's."""
    when = f"the publication date {publication.isoformat()}"
    spans = {year: _period_bounds(year, first_month, months) for year in range(publication.year - 2,
                                                                                publication.year + 2)}
    if which in ("last", "past"):
        return max(y for y, (_, last) in spans.items() if last < publication), \
            f"the last such season over before {when}"
    if which in ("next", "coming"):
        return min(y for y, (first, _) in spans.items() if first > publication), \
            f"the next such season to begin after {when}"
    current = [y for y, (first, last) in spans.items() if first <= publication <= last]
    if current:
        return current[0], f"{which}: the season under way at {when}"
    return publication.year, f"{which}: the year of {when}"


def _period_value(code: str, first_month: int, months: int, year: int | None, rule: str, qualifier: str | None,
                  relative: bool = False) -> _Resolution:
    result = _Resolution(f"{'XXXX' if year is None else year}-{code}", APPROXIMATE, rule,
                         qualifier=qualifier, resolved=year is not None, relative=relative)
    if year is not None:
        first, last = _period_bounds(year, first_month, months)
        result = replace(result, range_start=first.isoformat(), range_end=last.isoformat())
    return result


def _period_bounds(year: int, first_month: int, months: int) -> tuple[date, date]:
    """First and last day of ``months`` months from ``first_month`` of ``year`` (a winter ends the next year)."""
    last_year, last_month = divmod(year * 12 + first_month - 1 + months - 1, 12)
    last_day = calendar.monthrange(last_year, last_month + 1)[1]
    return date(year, first_month, 1), date(last_year, last_month + 1, last_day)


QUARTER_VALUE = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")


def _quarter(year: int, quarter: int, rule: str, qualifier: str | None = None) -> _Resolution:
    """The quarter ``quarter`` (1-4, carried over into the next or previous years) of ``year``."""
    year, index = divmod(year * 4 + quarter - 1, 4)
    return _period_value(f"Q{index + 1}", index * 3 + 1, 3, year, rule, qualifier, relative=True)


def _quarter_year(quarter: int, publication: date, tense: str | None) -> tuple[int, str]:
    """The year of "the third quarter": the publication's, the next one for a quarter long past in
    the future tense (the quarter just ended is still to be reported: "expects to report
    third-quarter profit" in October), the one before for a quarter still ahead in the past tense."""
    current = (publication.month - 1) // 3 + 1
    when = f"the publication date {publication.isoformat()}"
    if tense == FUTURE and quarter < current - 1:
        return publication.year + 1, f"future tense: the next such quarter from {when}"
    if tense == PAST and quarter > current:
        return publication.year - 1, f"past tense: the latest such quarter up to {when}"
    return publication.year, f"the year of {when}"


YEAR_AGO_RELATIONS = {"year-ago", "year-earlier", "comparable", "comparable year-ago", "prior-year"}
YEAR_BACK_RULE = "years from the quarter"


def _named_quarter(earlier: list[DateMention], publication: date | None, since_sentence: int | None = None
                   ) -> DateMention | None:
    """The quarter the text is about, not one it compares with (counted a year back from another, or of
    another year than the story's, the latest up to the publication's: "In the 1988 period, ..." or
    "the third quarter of 1984" in a story of the 1989 third quarter): with ``since_sentence``, the
    last one named from that sentence on; without, the story's quarter, the first one it named (an
    earnings story names its quarter first, then others it compares with: "a flat second quarter")."""
    quarters = [d for d in earlier if d.value and QUARTER_VALUE.match(d.value) and YEAR_BACK_RULE not in d.rule]
    story_year = max((d.value[:4] for d in quarters if publication is None or int(d.value[:4]) <= publication.year),
                     default=None)
    candidates = quarters if since_sentence is None else reversed(quarters)
    return next((d for d in candidates if d.sentence_index >= (since_sentence or 0)
                 and d.value[:4] == story_year), None)


def _relative_quarter(found: Found, publication: date | None, earlier: list[DateMention], nine_months: bool = False
                      ) -> _Resolution:
    """"the quarter", "the latest quarter" (the story's, see :func:`_named_quarter`, else the last one
    reported before publication: a company's fiscal fourth quarter may end in September), "the current
    quarter", "the year-ago quarter" (a year back), "last year's quarter": earnings news."""
    fields = found.fields
    named = _named_quarter(earlier, publication)
    if fields.ended_month and named is None and fields.period is None and not fields.relation \
            and publication is not None:  # after a named quarter it is that one ("the fiscal first quarter")
        return _quarter_ended(fields.ended_month, fields.year, publication, fields.qualifier)
    if fields.relation in ("current", "last", "next"):  # "the current quarter", "last quarter", "next quarter"
        if publication is None:
            return replace(_unresolved(f"{fields.relation} quarter needs the publication date"), relative=True)
        shift = {"current": 0, "last": -1, "next": 1}[fields.relation]
        return _quarter(publication.year, (publication.month - 1) // 3 + 1 + shift,
                        f"{shift:+d} quarters from that of the publication date {publication.isoformat()}",
                        fields.qualifier)
    if publication is not None and named is None:
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
    if nine_months and (fields.relation in YEAR_AGO_RELATIONS or fields.year):  # "the 1988 period": a year
        return replace(_calendar_value(year - (fields.relation in YEAR_AGO_RELATIONS), None, None,
                                       f"the year of nine months compared with, from {source}",
                                       qualifier=fields.qualifier), relative=True)
    if fields.relation in YEAR_AGO_RELATIONS:  # a year back: never the quarter a later "the quarter" means
        return _quarter(year - 1, quarter, f"-1 {YEAR_BACK_RULE} {source}", fields.qualifier)
    shift = {"previous": -1, "preceding": -1, "prior": -1}.get(fields.relation, 0)
    return _quarter(year, quarter + shift, f"{shift:+d} quarters from {source}", fields.qualifier)


def _quarter_ended(month: int, year: int | None, publication: date, qualifier: str | None) -> _Resolution:
    """"the quarter ended July 31" with no quarter named before it: the calendar quarter holding the
    middle of the three months up to that month (May to July: the second), in the latest such month up
    to publication."""
    end_year = year or (publication.year if month <= publication.month else publication.year - 1)
    middle_year, middle = divmod(end_year * 12 + month - 1 - 1, 12)
    return _quarter(middle_year, middle // 3 + 1, f"the quarter ending in {calendar.month_name[month]} "
                    f"{end_year}, up to the publication date {publication.isoformat()}", qualifier)


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


def _nearest_year(reference: date, month: int, day: int) -> int:
    """The year of month/day near the reference date: its own year within half a year of it; else the
    year before when that is nearer (January news of October events); the year after only within a
    season of it (December news of February plans: news writes the year of a later date)."""
    day = min(day, 28) if month == 2 else min(day, calendar.monthrange(reference.year, month)[1])
    gap = {year: (date(year, month, day) - reference).days for year in (reference.year - 1, reference.year,
                                                                           reference.year + 1)}
    if abs(gap[reference.year]) <= 183:
        return reference.year
    if abs(gap[reference.year - 1]) <= 183:
        return reference.year - 1
    return reference.year + 1 if gap[reference.year + 1] <= NEXT_YEAR_DAYS else reference.year


NEXT_YEAR_DAYS = 92


def _resolve_decade(found: Found, **_) -> _Resolution:
    """"the 1990s" (1990-1999), "the mid-1990s" (1993-1996), "the late 1980s" (1986-1989)."""
    return _decade_value(found.fields.decade, "decade stated in the text", part=found.fields.part,
                         qualifier=found.fields.qualifier)


def _decade_value(decade: int, rule: str, *, part: str | None = None, qualifier: str | None = None) -> _Resolution:
    """The decade starting in year ``decade`` (``199X``), or the ``part`` of it ("early", "late" ...)."""
    first_year, last_year = DECADE_PARTS.get(part, (0, 9))
    first, last = date(decade + first_year, 1, 1), date(decade + last_year, 12, 31)
    return _Resolution(f"{decade // 10:03d}X", APPROXIMATE, rule, range_start=first.isoformat(),
                       range_end=last.isoformat(), qualifier=qualifier)


def _resolve_century(found: Found, *, publication: date | None, **_) -> _Resolution:
    """"the 20th century" (1900-1999, TimeML ``19``), "this century" (the publication's)."""
    fields, rule = found.fields, "century stated in the text"
    number = fields.number
    if number is None:
        if publication is None:
            return replace(_unresolved("this century needs the publication date, which is not known"), relative=True)
        number = publication.year // 100 + 1 + {"last": -1, "previous": -1, "next": 1}.get(fields.which, 0)
        rule = f"{fields.which} century from the publication date {publication.isoformat()}"
    first = (number - 1) * 100
    return _Resolution(f"{number - 1:02d}", APPROXIMATE, rule, range_start=date(max(first, 1), 1, 1).isoformat(),
                       range_end=date(first + 99, 12, 31).isoformat(), relative=fields.number is None)


def _resolve_anchor(found: Found, *, earlier: list[DateMention], publication: date | None = None,
                    nine_months: bool = False, **_) -> _Resolution:
    """"the next day", "two weeks later": counted from the previous resolved date in the text ("later in
    the day": one in this sentence or the one before, else the publication's day); "a year
    earlier" up to two sentences after a quarter is that quarter a year back (earnings news), and with
    no date in this sentence or the one before it counts from the publication date."""
    unit, offset = found.fields.unit, found.fields.offset
    # "a year earlier" counts from a time the text gave, so the quarter may be two sentences back
    year_back = _year_back_quarter(found, earlier, publication, offset, within_sentences=3) \
        if unit == "year" and offset < 0 and not nine_months else None
    if year_back is not None:
        return year_back
    need = {"day": DAY, "morning": DAY, "week": DAY, "month": MONTH, "year": YEAR}[unit]
    anchor = next((d for d in reversed(earlier) if d.resolved and d.value and _covers(d, need)
                   and (not found.fields.within or d.sentence_index >= found.sentence_index - 1)), None)
    if publication is not None and unit == "year" and offset < 0 and (
            anchor is None or anchor.sentence_index < found.sentence_index - 1):
        return _resolve_publication(replace(found, fields=Publication(unit=unit, count=str(-offset))),
                                    publication=publication, earlier=earlier, nine_months=nine_months)
    if anchor is None and publication is not None and found.fields.within and unit in ("day", "week"):
        rule = f"the {unit} of the publication date {publication.isoformat()}"  # "later in the day"
        day = _calendar_value(publication.year, publication.month, publication.day, rule)
        return replace(day if unit == "day" else _week_value(publication, rule), relative=True)
    if anchor is None and publication is not None and (found.fields.part or found.fields.within) \
            and unit in ("month", "year"):
        # "by the end of the year", "later in the year" with no date before it: the publication's year
        return replace(_calendar_value(publication.year, publication.month if unit == "month" else None, None,
                                       f"the {unit} of the publication date {publication.isoformat()}",
                                       part=found.fields.part, qualifier=found.fields.qualifier), relative=True)
    if anchor is None and publication is not None and abs(offset) == 1 and not found.fields.counted \
            and not found.fields.part and unit in ("week", "month", "year"):
        # "growth over the next year", "the previous month" with no date before: from the publication's
        return _resolve_publication(replace(found, fields=Publication(which="next" if offset > 0 else "last",
                                                                      unit=unit)), publication=publication)
    if anchor is None:
        return replace(_unresolved(f"no earlier {need}-precision date in the text to count from"), relative=True)
    rule = f"{offset:+d} {unit} from {anchor.text!r} ({anchor.value}) at offset {anchor.start}"
    start = date.fromisoformat(anchor.range_start)
    if unit in UNIT_DAYS:
        moved = date.fromisoformat(anchor.value[:10]) + timedelta(days=offset * UNIT_DAYS[unit])
        if unit == "week" and not found.fields.counted:  # "the following week", "that week": a week
            return replace(_week_value(moved, rule), relative=True)
        return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
    modifiers = {"part": found.fields.part, "qualifier": found.fields.qualifier}  # "until the end of the month"
    if unit == "month":
        year, month = divmod(start.year * 12 + start.month - 1 + offset, 12)
        return replace(_calendar_value(year, month + 1, None, rule, **modifiers), relative=True)
    return replace(_calendar_value(start.year + offset, None, None, rule, **modifiers), relative=True)


def _year_back_quarter(found: Found, earlier: list[DateMention], publication: date | None, years_back: int,
                       within_sentences: int = 2) -> _Resolution | None:
    """"a year ago" / "a year earlier" after a quarter named in this sentence or the ``within_sentences``
    - 1 before it ("third-quarter profit rose from $3 a year ago"): TimeML's convention for earnings
    news, the same quarter ``years_back`` years earlier."""
    named = _named_quarter(earlier, publication, found.sentence_index - (within_sentences - 1))
    if named is None:
        return None
    base = QUARTER_VALUE.match(named.value)
    return _quarter(int(base["year"]) + years_back, int(base["quarter"]),
                    f"{years_back:+d} {YEAR_BACK_RULE} {named.text!r} ({named.value}) at offset {named.start}")


def _covers(mention: DateMention, need: str) -> bool:
    """Whether ``mention`` is precise enough to count ``need`` units from: a day, month or year as fine as the
    unit; "late 2022", "mid-2023" (approximate, but of a known year) as "2022"; and for years anything within one
    year ("spring 2021", "the third quarter": "a year later" is 2022)."""
    order = {DAY: 0, MONTH: 1, YEAR: 2}
    precision = mention.precision
    if precision == APPROXIMATE and _OF_A_YEAR.match(mention.value):
        precision = MONTH if re.fullmatch(r"\d{4}-\d\d", mention.value) else YEAR
    if precision in order:
        return order[precision] <= order[need]
    return need == YEAR and bool(mention.range_start) and mention.range_start[:4] == (mention.range_end or "")[:4]


def _year_of_the_sentence(found: Found, earlier) -> _Resolution | None:
    """"the year" after a stated year in its sentence ("By the end of 2022 ... needed for the year"): that year."""
    fields = found.fields
    if (fields.which or "").lower() != "the" or (fields.unit or "").lower() != "year" or fields.count is not None:
        return None
    before = [m for m in earlier if m.sentence_index == found.sentence_index and m.value and m.value[:4].isdigit()]
    if not before:
        return None
    year = int(before[-1].value[:4])
    return replace(_calendar_value(year, None, None, f"the year of {before[-1].text!r} in its sentence"),
                   relative=True)


def _resolve_publication(found: Found, *, publication: date | None, earlier=(), nine_months: bool = False,
                         **_) -> _Resolution:
    """"yesterday", "last week", "earlier this month", "two years ago": counted from publication."""
    fields = found.fields
    if fields.unit is not None and fields.unit.lower() == "year" and not fields.from_now and (
            fields.count is not None or (fields.which or "").lower() == "last") and not nine_months:
        # "a year ago" after a quarter (this or the last sentence); "last year" after one in this sentence
        year_back = _year_back_quarter(found, earlier, publication, -count_value(fields.count or "1"),
                                       2 if fields.count else 1)
        if year_back is not None:
            return year_back
    stated = _year_of_the_sentence(found, earlier)
    if stated is not None:
        return stated
    if publication is None:
        return replace(_unresolved("relative to the publication date, which is not known"), relative=True)
    rule = f"relative to the publication date {publication.isoformat()}"
    if fields.word is not None:
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}[" ".join(fields.word.lower().split())]
        moved = publication + timedelta(days=shift)
        return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
    unit = fields.unit.lower()
    if unit == "decade" and fields.count is not None:  # "a decade ago": ten years back
        unit, fields = "year", replace(fields, count=str(10 * count_value(fields.count)))
    if unit == "fortnight":  # "a fortnight ago" (British): two weeks back
        unit, fields = "week", replace(fields, count=str(2 * count_value(fields.count)))
    if fields.count is not None:
        shift = count_value(fields.count) * (1 if fields.from_now else -1)
        part = None
    else:
        which = " ".join(fields.which.lower().split())
        shift = {"last": -1, "the past": -1, "next": 1}.get(which, 0)
        part = fields.part or ("end" if which.endswith("end") else {"earlier this": "early",
                                                                    "later this": "late"}.get(which))
    if unit == "decade":  # "last decade": the calendar decade before the publication's
        return replace(_decade_value((publication.year // 10 + shift) * 10, rule, part=part), relative=True)
    if unit in ("day", "week"):
        moved = publication + timedelta(days=shift * UNIT_DAYS[unit])
        if unit == "week" and count_value(fields.count or "") == 1:  # "a week ago": about that day
            return replace(_calendar_value(moved.year, moved.month, moved.day, rule, around=True), relative=True)
        if unit == "week" and fields.count is not None:  # "six weeks ago": the week holding that day
            return replace(_week_value(moved, rule), relative=True)
        if unit == "day":
            return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
        return replace(_week_value(moved, rule), relative=True)
    if unit == "month":
        year, month = divmod(publication.year * 12 + publication.month - 1 + shift, 12)
        return replace(_calendar_value(year, month + 1, None, rule, part=part), relative=True)
    return replace(_calendar_value(publication.year + shift, None, None, rule, part=part), relative=True)


def _resolve_weekday(found: Found, *, publication: date | None, earlier: list[DateMention], tense: str | None = None,
                     **_) -> _Resolution:
    """"on Monday": the nearest such day up to the publication date, or from it when the governing verb
    is in the future tense ("talks are set to resume Monday"); "next Monday": the one after; "the
    following Monday", "the previous Friday": counted from the story's last named day."""
    if found.fields.weekday == WEEKEND:
        return _resolve_weekend(found, publication=publication, tense=tense)
    which = " ".join((found.fields.which or "").lower().split())
    if which.startswith("the "):
        anchor = next((d for d in reversed(earlier) if d.precision == DAY and d.resolved and d.value), None)
        if anchor is None:
            return replace(_unresolved(f"{which} {found.fields.weekday}: no earlier day in the text"), relative=True)
        base, weekday = date.fromisoformat(anchor.value[:10]), WEEKDAYS[found.fields.weekday]
        if which == "the following":
            moved = base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
        else:
            moved = base - timedelta(days=(base.weekday() - weekday) % 7 or 7)
        rule = f"{which} {found.fields.weekday} from {anchor.text!r} ({anchor.value}) at offset {anchor.start}"
        return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
    if publication is None:
        return replace(_unresolved("a weekday needs the publication date, which is not known"), relative=True)
    if found.fields.week_shift is not None:  # "Tuesday last week": that day of the ISO week before the publication's
        shift = found.fields.week_shift
        moved = publication + timedelta(days=WEEKDAYS[found.fields.weekday] - publication.weekday() + 7 * shift)
        rule = f"{found.fields.weekday} of the week {shift:+d} from the publication date {publication.isoformat()}"
        return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)
    moved, rule = _weekday_date(publication, found.fields.weekday, found.fields.which, tense)
    return replace(_calendar_value(moved.year, moved.month, moved.day, rule), relative=True)


def _weekday_date(publication: date, name: str, which: str | None, tense: str | None) -> tuple[date, str]:
    """The day of a weekday name from the publication date: "next" / "(this) coming" the one after it,
    "this" the one of its week to come unless the verb is past ("the vote is this Sunday"; "this Monday,
    police came"), "last" the one before, none the nearest one up to it (ahead in the future tense)."""
    weekday, which = WEEKDAYS[name.capitalize()], " ".join((which or "").lower().split())
    back = (publication.weekday() - weekday) % 7
    if which in ("next", "coming", "this coming") or (which in ("", "this") and tense == FUTURE) or (
            which == "this" and tense != PAST):
        moved = publication + timedelta(days=(weekday - publication.weekday()) % 7 or (
            7 if which not in ("", "this") else 0))
    else:
        moved = publication - timedelta(days=back or (7 if which == "last" else 0))
    how = f"{which} " if which else "future tense: " if tense == FUTURE else ""
    return moved, f"{how}{name} relative to the publication date {publication.isoformat()}"


def _resolve_weekend(found: Found, *, publication: date | None, tense: str | None = None, **_) -> _Resolution:
    """"this / last / next weekend": that of the publication's ISO week, the one before or after;
    "the weekend": the last one up to the publication date, the coming one in the future tense.
    TimeML's value is the ISO week with ``WE`` (``1990-W32-WE``)."""
    if publication is None:
        return replace(_unresolved("a weekend needs the publication date, which is not known"), relative=True)
    saturday = publication + timedelta(days=5 - publication.weekday())  # this week's
    which = found.fields.which
    if which in ("last", "next"):
        saturday += timedelta(days=7 if which == "next" else -7)
    elif which == "coming" or (which != "this" and which != "past" and tense == FUTURE):
        saturday += timedelta(days=7 if publication.weekday() == 6 else 0)
        which = "the coming"
    elif which != "this":
        saturday -= timedelta(days=0 if publication.weekday() >= 5 else 7)
        which = "the last"
    week = _week_value(saturday, f"{which} weekend from the publication date {publication.isoformat()}")
    return replace(week, value=week.value + "-WE", range_start=saturday.isoformat(),
                   range_end=(saturday + timedelta(days=1)).isoformat(), relative=True)


def _resolve_time(found: Found, *, publication: date | None, earlier: list[DateMention], tense: str | None = None,
                  **_) -> _Resolution:
    """"Friday morning", "tonight", "10 p.m. Wednesday": the day its day word gives; a time without one
    ("at 6 a.m.", "overnight") is on the day the story last named, in this sentence or the one
    before, else on the publication day."""
    fields = found.fields
    story_day = None if fields.day is not None else next(
        (d for d in reversed(earlier) if d.precision == DAY and d.resolved and d.value
         and d.sentence_index >= found.sentence_index - 1), None)
    if story_day is not None:
        day = date.fromisoformat(story_day.value[:10])
        return replace(_calendar_value(day.year, day.month, day.day, f"the day of {story_day.text!r} "
                                       f"({story_day.value}) at offset {story_day.start}"), relative=True)
    if publication is None:
        return replace(_unresolved("a time of day needs the publication date, which is not known"), relative=True)
    if fields.day in WEEKDAY_WORDS:
        day, rule = _weekday_date(publication, fields.day, fields.which, tense)
    else:
        day = publication + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(fields.day, 0))
        rule = f"{fields.day or 'the day'} of the publication date {publication.isoformat()}"
    return replace(_calendar_value(day.year, day.month, day.day, rule), relative=True)


def _resolve_sequence(found: Found, *, earlier: list[DateMention], **_) -> _Resolution:
    """"Earlier, ..." with no date of its own: before (or after) the previous date, otherwise unknown."""
    anchor = next((d for d in reversed(earlier) if d.resolved and d.value), None)
    before = found.fields.word in ("earlier", "previously")
    where = f"{'before' if before else 'after'} {anchor.text!r} ({anchor.value})" if anchor else "no earlier date"
    return replace(_unresolved(f"sequence word without a date of its own: {where}"), relative=True,
                   qualifier="before" if before else "after")


def _resolve_entity(found: Found, **_) -> _Resolution:
    year = spelled_year(found.fields.text)
    if year is not None:  # "nineteen ninety-six" in a broadcast transcript
        return replace(_calendar_value(year, None, None, "a year written in words"), source="spacy")
    return replace(_unresolved("spaCy DATE entity in a form the patterns do not normalise"), source="spacy")


def _unresolved(rule: str) -> _Resolution:
    return _Resolution(None, None, rule, resolved=False)

