"""Named days of the year ("Christmas", "Thanksgiving Day", "Election Day") and their dates in a given year.

A holiday names a day once its year is known: fixed ones fall on the same month and day every
year, the others on a rule (the fourth Thursday of November, the Sunday of Easter). Each has a
``nominal`` month and day, close to where it usually falls, from which its year is chosen like a
month and day written without one ("Christmas" in a January story is the last one).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

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

# Independence Day is a nation's: the country named beside it ("Ukraine's Independence Day", "the Independence Day
# of Ukraine") or alone in its sentence gives the day; with none it is the United States' (TimeBank's news).
INDEPENDENCE_DAYS = {"Ukraine": (8, 24), "Belarus": (7, 3), "Poland": (11, 11), "Moldova": (8, 27),
                     "Georgia": (5, 26), "Kazakhstan": (12, 16), "Armenia": (9, 21), "Estonia": (2, 24),
                     "Latvia": (11, 18), "Finland": (12, 6), "India": (8, 15), "Pakistan": (8, 14),
                     "Indonesia": (8, 17), "Mexico": (9, 16), "Brazil": (9, 7), "United States": (7, 4)}
_DEMONYMS = {"Ukrainian": "Ukraine", "Belarusian": "Belarus", "Polish": "Poland", "Moldovan": "Moldova",
             "Georgian": "Georgia", "Kazakh": "Kazakhstan", "Armenian": "Armenia", "Estonian": "Estonia",
             "Latvian": "Latvia", "Finnish": "Finland", "Indian": "India", "Pakistani": "Pakistan",
             "Indonesian": "Indonesia", "Mexican": "Mexico", "Brazilian": "Brazil", "American": "United States",
             "US": "United States", "U.S.": "United States"}
_COUNTRY = re.compile(r"(?<![\w.])(" + "|".join(re.escape(name) for name in sorted(
    [*INDEPENDENCE_DAYS, *_DEMONYMS], key=len, reverse=True)) + r")(?![\w])")
_BESIDE = 30  # characters either side of the name that "Ukraine's", "of Ukraine" fit in


def independence_country(text: str, start: int, end: int) -> str | None:
    """The country whose Independence Day ``text[start:end]`` is: the one named within a few words of it (the
    nearest before, else the first after), else the only one its sentence (``text``) names, else None."""
    before = _COUNTRY.findall(text[max(0, start - _BESIDE):start])
    after = _COUNTRY.findall(text[end:end + _BESIDE])
    if before or after:
        name = before[-1] if before else after[0]
        return _DEMONYMS.get(name, name)
    countries = {_DEMONYMS.get(name, name) for name in _COUNTRY.findall(text)}
    return countries.pop() if len(countries) == 1 else None


# A word every holiday name holds, searched first: the full pattern is slow on every sentence.
HOLIDAY_HINT = re.compile(r"Christmas|Year's|Thanksgiving|Easter|Good Friday|Halloween|Valentine|Independence|Fourth"
                          r"|Memorial|Labor|Veterans|Election|King|Presidents|Boxing")


def holiday_key(name: str) -> str:
    """The table key of a holiday as written: lower case, single spaces, without a leading "the"."""
    return " ".join(name.lower().split()).removeprefix("the ")


def nominal_day(name: str, country: str | None = None) -> tuple[int, int]:
    """A month and day near the holiday every year, to choose its year by (``country``: whose Independence Day)."""
    key = holiday_key(name)
    if key == "independence day" and country in INDEPENDENCE_DAYS:
        return INDEPENDENCE_DAYS[country]
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
    if key == "independence day" and country in INDEPENDENCE_DAYS:
        return date(year, *INDEPENDENCE_DAYS[country])
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
