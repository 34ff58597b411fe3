"""Named days of the year ("Christmas", "Thanksgiving Day", "Election Day") and their dates in a given year.

A holiday names a day once its year is known: fixed ones fall on the same month and day every
year, the others on a rule (the fourth Thursday of November, the Sunday of Easter). Each has a
``nominal`` month and day, close to where it usually falls, from which its year is chosen like a
month and day written without one ("Christmas" in a January story is the last one).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..references import independence_days, reference_index

# Name (lower case, spaces single) → (month, day) for fixed days or (month, weekday, n) for the n-th
# weekday of a month (n = -1: the last one); Easter-based days are computed.
FIXED = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
         "new year's": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4), "fourth of july": (7, 4),
         "july fourth": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
         "boxing day": (12, 26)}
NTH_WEEKDAY = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
               "labor day": (9, 0, 1), "martin luther king day": (1, 0, 3), "martin luther king jr. day": (1, 0, 3),
               "presidents day": (2, 0, 3), "presidents' day": (2, 0, 3)}
EASTER_DAYS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}
HOLIDAY_NAMES = (r"Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?"
                 r"|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Halloween|Valentine's\s+Day|Independence\s+Day"
                 r"|(?:the\s+)?Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|Labor\s+Day|Veterans\s+Day"
                 r"|Election\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day|Presidents'?\s+Day|Boxing\s+Day")
# "Easter week", "Christmas week": the week holding the day.
HOLIDAY_PATTERN = re.compile(r"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<holiday>" + HOLIDAY_NAMES + r")"
                             r"(?:\s+(?P<week>week)(?!\w))?(?:,?\s+(?P<year>1[89]\d\d|20\d\d)(?!\d))?(?!\w)")

# Independence Day is a nation's: the state named beside it ("Ukraine's Independence Day", "the Independence Day
# of Ukraine") or alone in its sentence gives the day (the ``independence`` column of ``states.tsv``); with none it
# is the United States' (TimeBank's news).
_NAME_WORDS = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|and|the))*")  # "Bosnia and Herzegovina"
_BESIDE = 30  # characters either side of the name that "Ukraine's", "of Ukraine" fit in
_OF = re.compile(r"\s+of\s+(?:the\s+)?")  # "the Independence Day of [the] ..."


def independence_country(text: str, start: int, end: int) -> str | None:
    """The state (alpha-3 code) whose Independence Day ``text[start:end]`` is: any state named right before it or
    right after its "of" ("Lithuania's Independence Day", "the Independence Day of Lithuania": never a neighbour's
    day), else the nearest state with a known day within a few words before it, else the first after, else the
    only such state its sentence (``text``) names, else None."""
    named = _states_named(text)
    adjacent = [code for first, last, code in named
                if (last <= start and not text[last:start].strip()) or _OF.fullmatch(text, end, first)]
    if adjacent:
        return adjacent[0]
    named = [(first, code) for first, _, code in named if code in independence_days()]
    before = [code for first, code in named if start - _BESIDE <= first < start]
    after = [code for first, code in named if end <= first < end + _BESIDE]
    if before or after:
        return before[-1] if before else after[0]
    codes = {code for _, code in named}
    return codes.pop() if len(codes) == 1 else None


def _states_named(text: str) -> list[tuple[int, int, str]]:
    """(start, end, alpha-3 code) of every state's name or demonym in ``text`` ("Ukraine's", "Belarusian",
    "United States"), in text order: runs of capitalised words looked up in the states table, longest first."""
    index, found = reference_index(), []
    for run in _NAME_WORDS.finditer(text):
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group())]
        i = 0
        while i < len(words):
            for width in range(min(index.max_words, len(words) - i), 0, -1):
                first, last = run.start() + words[i][0], run.start() + words[i + width - 1][1]
                name = re.sub(r"['’]s?$", "", text[first:last])  # "Ukraine's"; "Ukraine." at a sentence's end
                match = index.lookup(name) or index.lookup(name.rstrip("."))
                if match is not None and match.reference.type == "state":
                    found.append((first, last, match.reference.code))
                    i += width
                    break
            else:
                i += 1
    return found


def independence_day(country: str | None) -> tuple[int, int] | None:
    """The month and day of the Independence Day of ``country`` (an alpha-3 code; None: the United States'),
    None for a state the table gives no day (the day is then left unresolved, never another state's)."""
    return independence_days().get(country or "USA")


# A word every holiday name holds, searched first: the full pattern is slow on every sentence.
HOLIDAY_HINT = re.compile(r"Christmas|Year's|Thanksgiving|Easter|Good Friday|Halloween|Valentine|Independence|Fourth"
                          r"|Memorial|Labor|Veterans|Election|King|Presidents|Boxing")


def holiday_key(name: str) -> str:
    """The table key of a holiday as written: lower case, single spaces, without a leading "the"."""
    return " ".join(name.lower().split()).removeprefix("the ")


def nominal_day(name: str, country: str | None = None) -> tuple[int, int]:
    """A month and day near the holiday every year, to choose its year by (``country``: whose Independence Day)."""
    key = holiday_key(name)
    if key == "independence day" and (day := independence_day(country)) is not None:
        return day
    if key in FIXED:
        return FIXED[key]
    if key in NTH_WEEKDAY:
        month, _, n = NTH_WEEKDAY[key]
        return month, 25 if n < 0 else min(7 * n - 3, 28)
    if key == "election day":
        return 11, 4
    return 4, 1  # Easter and the days around it


def holiday_date(name: str, year: int, country: str | None = None) -> date:
    """The day the holiday falls on in ``year`` (US federal holidays for the movable ones; ``country``: whose
    Independence Day)."""
    key = holiday_key(name)
    if key == "independence day" and (day := independence_day(country)) is not None:
        return date(year, *day)
    if key in FIXED:
        return date(year, *FIXED[key])
    if key in NTH_WEEKDAY:
        month, weekday, n = NTH_WEEKDAY[key]
        return _nth_weekday(year, month, weekday, n)
    if key == "election day":  # the Tuesday after the first Monday in November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    return _easter(year) + timedelta(days=EASTER_DAYS[key])


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)
