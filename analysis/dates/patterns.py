"""Date patterns and the match records they give, found sentence by sentence over the parse.

:func:`find_expressions` runs the calendar, period, anchored and publication-relative patterns and
the measures of :mod:`.measures` over each sentence, keeps the longest non-overlapping matches and
adds the spaCy DATE entities they miss; each match is a :class:`Found` whose ``fields`` record says
what kind of expression it is, for :mod:`.resolve` to normalise.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..article import Article
from ..wordcase import holds_word, lowered_for_words
from .holidays import HOLIDAY_HINT, HOLIDAY_PATTERN, holiday_key, independence_country
from .measures import (
    SET_ADVERBS,
    Measure,
    TimeOfDay,
    count_value,
    duration_matches,
    is_age,
    reference_matches,
    set_matches,
    spelled_year,
    time_matches,
    word_before,
)

DAY, MONTH, YEAR, APPROXIMATE = "day", "month", "year", "approximate"
PRECISIONS = (DAY, MONTH, YEAR, APPROXIMATE)

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["Sept"] = 9
WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
WEEKDAY_WORDS = {name.lower() for name in WEEKDAYS}
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
_DAY = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"  # not the end of a number ("Dec 2021 May 2023")
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?!\d)"
_WEEKDAY = r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
# (each word whole: "the weekend of March 4" holds no "end of March", "Abby March" no "by March")
_PREFIX = (r"(?:\b(?P<qualifier>[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom|[Tt]hrough)\s+)?"
           r"(?:\b(?P<around>[Aa]round|[Aa]bout|[Cc]irca|[Aa]pproximately|[Rr]oughly)\s+)?"
           r"(?:\b(?:[Tt]he\s+)?(?P<part>[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle)"
           r"(?:\s+of\s+|\s*-\s*|\s+))?")

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "thirtieth": 30}
ORDINALS.update({f"{tens}-{name}": value + ones for tens, value in (("twenty", 20), ("thirty", 30))
                 for name, ones in list(ORDINALS.items())[:9] if value + ones <= 31})
# A day of the month in words, as broadcast transcripts write it: "March eighth", "the twenty-first of May".
_DAY_WORD = r"(?P<day_word>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\b"


# Lower-case substrings (each a necessary part) of the patterns that need one: a month name, a season ...
MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")  # "Sept" too
SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
class PrefixedPattern(NamedTuple):
    """A date pattern behind the optional :data:`_PREFIX` ("since", "around", "mid-" ...).

    Trying that prefix at every character is what costs time, so the bare ``core`` is searched
    first: the whole pattern can only match where its core does; and before it, whether the text
    holds one of the ``words`` every match has ("jan" ... "dec" for a month name).
    """

    core: re.Pattern
    pattern: re.Pattern
    words: tuple[str, ...] = ()

    @classmethod
    def compile(cls, core: str, flags: int = 0, *, words: tuple[str, ...] = ()) -> PrefixedPattern:
        return cls(re.compile(core, flags), re.compile(_PREFIX + core, flags), words)

    def finditer(self, text: str, lowered: str | None = None):
        """The matches of the whole pattern; ``lowered``: ``text`` through :func:`lowered_for_words`, if known."""
        if self.words and not holds_word(lowered_for_words(text) if lowered is None else lowered, self.words):
            return iter(())
        return self.pattern.finditer(text) if self.core.search(text) else iter(())


# "March 3 last year"; "October of that year", "in March that year" (the year the text named last)
_WHICH_YEAR = r"|,?\s+(?:of\s+)?(?P<which_year>[Ll]ast|[Nn]ext|[Tt]his|that)\s+year(?!'s)"
CALENDAR_PATTERNS = [
    PrefixedPattern.compile(r"(?P<iso>" + _YEAR + r"-(?P<month_number>[01]\d)-(?P<day_number>[0-3]\d))\b",
                            words=("-",)),
    # "25.02.2022" (day first), "2/25/2022" (month first unless the first number is past 12)
    PrefixedPattern.compile(r"\b(?P<numeric>(?P<first>[0-3]?\d)(?P<separator>[./])(?P<second>[0-3]?\d)(?P=separator)"
                            + _YEAR + r")(?![./]?\d)"),
    # ... with its year written out or named from the publication's ("March 3 last year", "3 March this year")
    PrefixedPattern.compile(r"(?P<week_of>(?:the\s+)?week\s+of\s+)?" + _WEEKDAY + _MONTH + r"\s+(?:" + _DAY
                            + r"|(?:the\s+)?" + _DAY_WORD + r")(?:,?\s+" + _YEAR + _WHICH_YEAR + r")?\b",
                            words=MONTH_WORDS),
    PrefixedPattern.compile(_WEEKDAY + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH
                            + r"(?:,?\s+" + _YEAR + _WHICH_YEAR + r")?\b", words=MONTH_WORDS),
    PrefixedPattern.compile(_MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b", words=MONTH_WORDS),
    # "the twenty-first of May": the look-ahead for a word before "of" keeps this pattern cheap
    PrefixedPattern.compile(r"(?:[Tt]he\s+)?\b(?=[a-z-]{5,14}\s+of\s+[A-Z])"
                            + _DAY_WORD.replace("day_word", "day_word_first") + r"\s+of\s+"
                            + _MONTH.replace("month", "month_after") + r"(?:,?\s+" + _YEAR + r")?", words=MONTH_WORDS),
    PrefixedPattern.compile(r"(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?"
                            r"(?P<bare_month>January|February|March|April|May|June|July|August|September|October"
                            r"|November|December)\b(?:,?\s+(?:of\s+)?(?P<which_year>last|next|this|that)\s+year\b)?",
                            words=MONTH_WORDS),
    # A company's year: "fiscal 2023", "fiscal year 1989", "FY2024", "FY23", "the 2023 fiscal year" (TimeML
    # keeps "fiscal" in the expression; the value is the year it is named by)
    PrefixedPattern.compile(r"(?:\b[Ff]iscal\s+(?:[Yy]ear\s+)?|\bFY\s?)(?P<fiscal_year>1[89]\d\d|20\d\d)\b"
                            r"|\bFY\s?['’]?(?P<fiscal_short>\d\d)\b|\b(?:[Tt]he\s+)?(?P<fiscal_lead>1[89]\d\d|20\d\d)\s+"
                            r"fiscal\s+year\b(?!\s+end)", words=("fiscal", "fy")),
    PrefixedPattern.compile(r"(?P<bare_year>" + _YEAR + r")\b"),
    PrefixedPattern.compile(r"(?:[Tt]he\s+)?(?P<decade>1[89]\d0|20\d0)s\b", words=("0s",)),
    # "the '80s", "the late 90s", "the nineties" (twentieth-century decades; "in his nineties", "in her 70s" are
    # ages and "highs in the 90s" temperatures, see _calendar_fields)
    PrefixedPattern.compile(r"(?:[Tt]he\s+)?(?:['’](?P<short_decade>[2-9]0)s\b|(?P<bare_decade>[3-9]0)s\b"
                            r"(?!\s*(?:degrees|°|%|percent))|(?P<word_decade>twenties|thirties"
                            r"|forties|fifties|sixties|seventies|eighties|nineties)\b)", words=("0s", "ties")),
]
# Two days of one month: "April 24 and 25", "February 16 or 17", "September 23-27" (a list or a range;
# each day is a date of its own). The second number must read as a day: what follows it is punctuation,
# a year or a small word ("and 25 in Washington"), not a noun it counts ("May 5 and 6 people").
DAY_PAIR = re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?P<link>\s+(?:and|or|to|through)\s+"
                      r"|\s*[-–]\s*)(?P<second>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+" + _YEAR + r")?"
                      r"(?=[,.;:)!?'\"”’]|\s*$|\s+(?:in|at|on|to|and|or|when|with|for|of|the|this|last|next|as|after"
                      r"|before|respectively|[A-Z]))")
# ... and in the day-first order ("from 4 to 6 March", "on 13-19 February 2023", "between 10 and 12 May"), after a
# word that leads a date, so that a score or a count ("won 2-3", "aged 4 to 6") is none.
DAY_FIRST_PAIR = re.compile(r"\b(?:[Oo]n|[Ff]rom|[Bb]etween|of|for|[Dd]uring|[Oo]ver|[Uu]ntil|[Tt]ill)\s+"
                            r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?P<link>\s+(?:and|or|to|through|until|till)\s+"
                            r"|\s*[-–]\s*)(?P<second>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                            + r"(?:,?\s+" + _YEAR + r")?\b")
# "post-1959 politics", "pre-2014 borders": a year with its "after" / "before" in the word.
PRE_POST_YEAR = re.compile(r"\b(?P<prefix>[Pp]re|[Pp]ost)-" + _YEAR + r"\b")
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}
CENTURY_PATTERN = re.compile(r"\b(?:(?P<the>[Tt]he)\s+)?(?:(?P<number>[12]?\d)(?:st|nd|rd|th)|(?P<ordinal>"
                             + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")|(?P<which>this|last|next|"
                             r"previous))[\s-]+century\b(?!-old)", re.IGNORECASE)
# A year in words, as broadcast transcripts write it: "nineteen ninety-seven", "two thousand".
_TENS = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
         r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?")
SPELLED_YEAR = (r"(?P<spelled>(?:eighteen|nineteen|twenty)[\s-]+(?:" + _TENS + r"|ten|eleven|twelve|thirteen|fourteen"
                r"|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four"
                r"|five|six|seven|eight|nine|ten)\b)?)")
# "January nineteen ninety-seven", "the winter of nineteen ninety-four", "the year two thousand"
SPELLED_PATTERN = re.compile(r"\b(?:(?P<month>January|February|March|April|May|June|July|August|September|October"
                             r"|November|December)\s+(?:of\s+)?|(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                             r"\s+of\s+|[Tt]he\s+year\s+)" + SPELLED_YEAR + r"\b", re.IGNORECASE)
# Seasons and quarters: (TimeML code, first month, months covered).
SEASONS = {"spring": ("SP", 3, 3), "summer": ("SU", 6, 3), "autumn": ("FA", 9, 3), "fall": ("FA", 9, 3),
           "winter": ("WI", 12, 3)}
QUARTERS = {"first": ("Q1", 1, 3), "1st": ("Q1", 1, 3), "second": ("Q2", 4, 3), "2nd": ("Q2", 4, 3),
            "third": ("Q3", 7, 3), "3rd": ("Q3", 7, 3), "fourth": ("Q4", 10, 3), "4th": ("Q4", 10, 3),
            "final": ("Q4", 10, 3), "last": ("Q4", 10, 3), "1": ("Q1", 1, 3), "2": ("Q2", 4, 3), "3": ("Q3", 7, 3),
            "4": ("Q4", 10, 3)}
_LEAD_YEAR = _YEAR.replace("year", "lead_year")  # a second year group in one pattern
PERIOD_PATTERNS = [
    PrefixedPattern.compile(r"(?:the\s+)?(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?"
                            r"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
                            r"(?:\s+(?:of\s+)?" + _YEAR + r"|\s+(?:of\s+)?(?P<which_year>[Ll]ast|[Nn]ext|[Tt]his)"
                            r"\s+year(?!'s))?\b", words=SEASON_WORDS),
    PrefixedPattern.compile(r"(?:the\s+)?(?:(?P<lead_year>1[89]\d\d|20\d\d)\s+)?"
                            r"(?:(?P<year_ago>year-ago|year-earlier)\s+)?"
                            r"(?:fiscal\s+)?(?P<quarter>first|second|third|fourth|final|1st|2nd|3rd|4th"
                            r"|last(?=\s+quarter\s+of\s+(?:fiscal\s+)?(?:1[89]|20)\d\d))[\s-]+"
                            r"(?:fiscal\s+)?quarter\b(?!s)(?:\s+(?:of\s+)?(?:fiscal\s+)?" + _YEAR + r"\b)?",
                            re.IGNORECASE, words=("quarter",)),
    # "last quarter", "next quarter" (no article: "the last quarter" may be the year's fourth): from the publication's
    # quarter ("this quarter's loss" is the story's quarter, as "the quarter")
    PrefixedPattern.compile(r"(?<![Tt]he\s)\b(?P<quarter_which>[Ll]ast|[Nn]ext)\s+quarter\b(?!s|ly|-|\s+of\b)",
                            words=("quarter",)),
    # Quarters named by their relation (earnings news): "the quarter", "the latest period", "the 1988
    # quarter", "the year-ago period", "last year's quarter", "year-earlier" (profit).
    PrefixedPattern.compile(r"\b(?:(?:the|that|this)\s+(?:(?P<lead_year>1[89]\d\d|20\d\d)\s+)?(?:(?P<relation>latest"
                            r"|current|most\s+recent|previous|preceding|prior|year-ago|year-earlier|comparable(?:\s+year-ago)?"
                            r"|corresponding|same|prior-year)\s+)?(?:fiscal\s+)?(?P<unit>quarter|period)"
                            r"(?P<back>\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)))?"
                            r"|(?P<which_year>last|this|next)\s+year's\s+(?:(?P<quarter>first|second|third|fourth)\s+)?"
                            r"quarter|(?P<bare_relation>year-ago|year-earlier))\b(?!s|ly|-)", re.IGNORECASE,
                            words=("quarter", "period", "year-")),
    # "Q3 2023", "3Q23", "Q3 of fiscal 2023", "Q3'23", and "Q3" alone (in capitals, see _period_fields): the
    # year as for "the third quarter"
    PrefixedPattern.compile(r"\b(?:[Qq](?P<quarter>[1-4])(?:\s+(?:of\s+)?(?:fiscal\s+|FY\s?)?" + _YEAR
                            + r"|['’](?P<short_year>\d\d))|(?P<quarter_lead>[1-4])Q(?:\s+" + _LEAD_YEAR
                            + r"|['’]?(?P<lead_short_year>\d\d))|Q(?P<quarter_alone>[1-4]))\b", words=("q",)),
    # "H1 2023", "1H23", "H2 of fiscal 2023": a half-year, with its year
    PrefixedPattern.compile(r"\b(?:H(?P<half_number>[12])(?:\s+(?:of\s+)?(?:fiscal\s+|FY\s?)?" + _YEAR
                            + r"|['’](?P<short_year>\d\d))|(?P<half_lead>[12])H(?:\s+" + _LEAD_YEAR
                            + r"|['’]?(?P<lead_short_year>\d\d)))\b", words=("h",)),
    # Halves: "the first half of 1990", "the second half of this year", "first-half profit"
    PrefixedPattern.compile(r"\b(?:the\s+)?(?P<half>first|second|last|latter)(?:\s+half\s+of\s+(?:(?:fiscal\s+)?"
                            + _YEAR + r"|(?P<which_year>this|last|next)\s+year|the\s+(?:current\s+)?year)\b"
                            r"|-half\b(?!-))", re.IGNORECASE, words=("half",)),
]
# What follows "the quarter" when its end date names it: "the quarter ended July 31".
QUARTER_END = re.compile(r"\s+end(?:ed|ing)\s+" + _MONTH + r"\s+[0-3]?\d\b")
HALVES = {"first": ("H1", 1, 6), "second": ("H2", 7, 6), "last": ("H2", 7, 6), "latter": ("H2", 7, 6)}
# Words before a season without a year that make it a date ("in spring", "by the summer").
SEASON_CONTEXT_WORDS = {"in", "by", "since", "until", "till", "this", "last", "next", "during", "over", "the", "of"}
_COUNT = r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_UNIT = r"(?P<unit>day|week|month|year)s?"
# Anchored to the previous date in the text: (pattern, direction, words one of which each match holds).
ANCHOR_PATTERNS = [
    (re.compile(r"\b[Tt]he\s+(?:next|following)\s+(?P<unit>day|morning|week|month|year)\b"), 1, ("next", "following")),
    (re.compile(r"\b[Tt]he\s+(?:previous|preceding|prior)\s+(?P<unit>day|week|month|year)\b"), -1,
     ("previous", "preceding", "prior")),
    (re.compile(r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Tt]he|[Tt]hat)\s+same\s+(?P<unit>day|week|month|year)\b"
                r"|\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?[Tt]hat\s+(?P<that_unit>day|week|month|year)\b(?!-)"), 0,
     ("same", "that")),
    (re.compile(r"\b(?:(?P<qualifier>[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ss]ince)\s+)?(?:[Tt]he\s+)?"
                r"(?P<part>end|beginning|start|middle)\s+of\s+the\s+(?P<unit>month|year)\b"), 0, ("month", "year")),
    (re.compile(r"\b" + _COUNT + r"\s+" + _UNIT + r"\s+(?P<direction>later|earlier)\b", re.IGNORECASE), None,
     ("later", "earlier")),
    # "earlier in the day", "later in the week": within the day (week ...) the story is at
    (re.compile(r"\b(?P<within>[Ee]arlier|[Ll]ater)\s+in\s+the\s+(?P<unit>day|week|month|year)\b"), 0,
     ("earlier", "later")),
]
# Anchored to the publication date: (pattern, words one of which each match holds, see holds_word).
PUBLICATION_PATTERNS = [
    (re.compile(r"\b(?P<word>(?:the\s+day\s+before\s+)?yesterday|(?:the\s+day\s+after\s+)?tomorrow|today|tonight)\b",
                re.IGNORECASE), ("yesterday", "today", "tomorrow", "tonight")),
    # "early next year", "late last week": one expression, its part of the period a modifier
    # ... and "the end of last year", "the beginning of next month" (TimeML: one expression, ``mod`` END / START)
    (re.compile(r"\b(?:(?P<part>early|late)\s+|(?:the\s+)?(?P<part_of>end|beginning|start|middle)\s+of\s+)?"
                r"(?P<which>last|this|next|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year|decade)\b",
                re.IGNORECASE), ("week", "month", "year", "decade")),
    (re.compile(r"\b(?P<which>the\s+current(?:\s+fiscal)?|the\s+fiscal|the\s+full|the\s+past)\s+(?P<unit>year)\b",
                re.IGNORECASE), ("year",)),
    # "by year-end", "at year end", "before the year's end": the end of the publication's year
    (re.compile(r"\b(?:the\s+)?(?P<unit>year)(?P<which>-end|\s+end|'s\s+end)\b(?!-)", re.IGNORECASE), ("year",)),
    # "nearly two weeks ago": TimeML keeps the modifier in the expression (and gives it as ``mod``); "two weeks from
    # now", "a year hence" count forward
    (re.compile(r"\b(?:(?P<mod>almost|nearly|about|around|roughly|approximately|some|more\s+than"
                r"|less\s+than)\s+)?" + _COUNT + r"\s+(?P<unit>day|week|fortnight|month|year|decade)s?"
                r"(?:\s+or\s+so)?\s+(?:ago|(?P<from_now>from\s+now|hence))\b", re.IGNORECASE), ("ago", "now", "hence")),
    # "For the year, sales rose", "the week's most active session": the publication's year or week
    # ("the year ended June 30" is a duration, "the week of March 6" a calendar week, "the year of the fire" a
    # year named elsewhere; "a high for the year of $42" the publication's)
    (re.compile(r"\b(?P<which>[Tt]he)\s+(?P<unit>year|week)\b(?!-|\s+(?:end(?:ed|ing)|earlier|ago|before|after"
                r"|of(?!\s+(?:[$€£]|US\$))|in"
                r"|when|that|which|two|one|nineteen|he|she|they|it|we|I|you|since|[A-Z0-9]))"), ("year", "week")),
    (re.compile(r"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his(?:\s+coming)?|[Cc]oming|[Tt]he\s+(?:previous|following"
                r"|preceding))\s+)?"
                r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday"
                r"|Saturday|Sunday)\b(?:\s+(?:of\s+)?(?P<week>last|next|this)\s+week\b(?!['’]s))?"), WEEKDAY_NAMES),
]
# Periods from the publication's that "last", "this" and "next" name ("Tuesday last week", "the spring of next year").
PERIOD_SHIFTS = {"last": -1, "this": 0, "next": 1}
# "twice as high this year as last", "this year or next": the period left out after "last" / "next" is the
# one named before it in the sentence (the word ends a clause).
ELLIPTIC_PERIOD = re.compile(r"\b(?:this|last|next)\s+(?P<unit>week|month|year|decade)\b(?!['’]s)[^.;:!?]{0,60}?"
                             r"\s(?:than|as|and|or|from|over|versus|vs\.?)\s+(?P<which>last|next)"
                             r"(?=\s*[,.;:!?)\"'”’]|\s*$)", re.IGNORECASE)
# "Today is the eighth day of the blockade", "It's the second day of talks": the publication day.
DAY_COUNT_NOW = re.compile(r"\b(?:is|['’]s|marks)\s+(?P<day>the\s+(?:" + "|".join(ORDINALS)
                           + r"|\d{1,3}(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?day)\s+(?:of|in|since)\b",
                           re.IGNORECASE)
WEEKEND = "weekend"
# A weekend named by its place: "the weekend", "last weekend", "over the past weekend".
WEEKEND_PATTERN = re.compile(r"\b(?P<which>[Tt]he|[Tt]his|[Ll]ast|[Nn]ext|[Tt]hat)\s+(?:(?P<way>past|coming)\s+)?"
                             r"weekend\b")
# "Earlier, ..." / "Later, ..." at the start of a sentence with no date of its own.
SEQUENCE_PATTERN = re.compile(r"(?P<word>Earlier|Later|Previously|Subsequently)\b")
# DATE entities that measure time rather than point to it: "nine months", "annual", "the first six weeks".
DURATION = re.compile(r"\b(?:days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?"
                      r"|daily|weekly|fortnightly|monthly|annual(?:ly)?|yearly|quarterly|seasonal(?:ly)?)\b",
                      re.IGNORECASE)
UNIT_DAYS = {"day": 1, "morning": 1, "week": 7}


@dataclass(frozen=True)
class Calendar:
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
    weekday: int | None = None  # "Monday, Oct. 26": 0 (Monday) to 6, which the year must agree with


@dataclass(frozen=True)
class Decade:
    """"the 1990s", "the late 1980s"."""

    decade: int
    qualifier: str | None
    part: str | None


@dataclass(frozen=True)
class Century:
    """"the 20th century", "the nineteenth century" (``number``), "this century" (``which``, lower case)."""

    number: int | None
    which: str | None


@dataclass(frozen=True)
class Period:
    """A season or a quarter: "summer 2022", "in spring", "the first quarter of 2023"."""

    period: tuple[str, int, int] | None  # TimeML code, first month, months covered; None: "the quarter"
    year: int | None
    qualifier: str | None
    which: str | None = None  # "last summer", "next spring" (lower case)
    relation: str | None = None  # a quarter named by its relation: "current", "latest", "year-ago" ... or ""
    year_shift: int | None = None  # "last year's quarter": -1
    ended_month: int | None = None  # "the quarter ended July 31": the month it ends with (1-12)


@dataclass(frozen=True)
class Anchor:
    """Counted from the previous date in the text: "the next day", "two weeks later", "the end of the month"."""

    unit: str
    offset: int
    part: str | None
    qualifier: str | None
    counted: bool = False  # "two weeks later" (a day) rather than "the following week" (a week)
    within: bool = False  # "earlier in the day": the publication's day (week ...) when the text names none


@dataclass(frozen=True)
class Publication:
    """From the publication date: a word ("yesterday"), which + unit ("last week"), count + unit ("two years ago")."""

    word: str | None = None
    which: str | None = None
    unit: str | None = None
    count: str | None = None
    part: str | None = None  # "early" or "late" written before it (lower case)
    mod: str | None = None  # "nearly", "about" ... written before the count ("nearly two weeks ago"), lower case
    from_now: str | None = None  # "from now" or "hence" after the count: counted forward ("two weeks from now")


@dataclass(frozen=True)
class Weekday:
    """"on Monday", "last Friday", "next Tuesday" (``which`` as written); ``weekday`` "weekend" for
    "the weekend", "last weekend" (Saturday and Sunday of a week, ``which`` in lower case)."""

    weekday: str
    which: str | None
    week_shift: int | None = None  # "Tuesday last week": -1, "Friday next week": 1, "Monday this week": 0


@dataclass(frozen=True)
class Holiday:
    """"Christmas", "Thanksgiving Day 1999", "last Easter": a named day (``which`` in lower case); "Easter
    week" (``week``) the ISO week holding it."""

    name: str
    year: int | None
    which: str | None
    which_year: str | None = None
    week: bool = False
    country: str | None = None  # alpha-3 code of the state whose Independence Day (None: the United States')


@dataclass(frozen=True)
class Sequence:
    """"Earlier, ..." at the start of a sentence with no date of its own (``word`` in lower case)."""

    word: str


@dataclass(frozen=True)
class Entity:
    """A spaCy DATE entity the patterns do not cover."""

    text: str


@dataclass(frozen=True)
class DayOffset:
    """"the day before Christmas", "two days after Monday's vote", "a week before March 3": days counted
    from the day written after it (``inner``: that day's own match)."""

    days: int
    inner: Found


@dataclass(frozen=True)
class Found:
    """A matched date expression before its year or anchor is resolved; ``fields`` says what kind it is."""

    start: int
    end: int
    fields: (Calendar | Decade | Century | Period | Anchor | Publication | Weekday | Holiday | Sequence
             | Entity | TimeOfDay | Measure | DayOffset)
    paragraph_id: int
    sentence_index: int




def find_expressions(article: Article) -> list[Found]:
    """Pattern matches and uncovered spaCy DATE entities, sentence by sentence, longest first."""
    found: list[Found] = []
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
            if not any(candidate[0] < other[1] and other[0] < candidate[1] for other in chosen) \
                    and not _periodical(article, *candidate) and not is_age(article.text, *candidate):
                chosen.append(candidate)
        for start, end, label in entities:
            overlaps = any(start < other[1] and other[0] < end for other in chosen)
            if label == "DATE" and not overlaps and not DURATION.search(article.text[start:end]) \
                    and not _age_or_number(article.text, start, end) and (
                        TEMPORAL_WORD.search(article.text[start:end]) or spelled_year(article.text[start:end])):
                chosen.append((start, end, Entity(article.text[start:end])))
        chosen = chosen or _sequence_word(text, sentence.start)
        found += _with_day_offsets(article.text, [Found(s, e, fields, sentence.paragraph_id, sentence.index)
                                                  for s, e, fields in sorted(chosen, key=lambda c: c[:2])])
    return found


# Days counted before or after a day written next: "the day before Christmas", "two days after Monday's vote",
# "a week before March 3" ("the week before Christmas" is a week, not a day: left to the day alone).
DAY_OFFSET = re.compile(r"\b(?:(?P<the>the)|" + _COUNT + r")\s+(?P<unit>days?|weeks?)\s+"
                        r"(?P<direction>before|after)\s+$", re.IGNORECASE)


def _with_day_offsets(text: str, found: list[Found]) -> list[Found]:
    """A sentence's matches with each day (a weekday, a holiday, a month and day) that follows "the day
    before", "two days after" ... taken into one :class:`DayOffset` expression (see ``DAY_OFFSET``)."""
    joined: list[Found] = []
    for item in found:
        fields, head = item.fields, item.start
        if isinstance(fields, Calendar) and fields.qualifier in ("before", "after"):  # "a week before March 3"
            head = item.start + len(fields.qualifier)
            while head < item.end and text[head].isspace():
                head += 1
            fields = replace(fields, qualifier=None)
            text_before = text[max(0, item.start - 40):head]
        else:
            text_before = text[max(0, item.start - 40):item.start]
        match = DAY_OFFSET.search(text_before) if (
            isinstance(fields, Weekday) and fields.weekday != WEEKEND
            or isinstance(fields, Holiday) and not fields.week
            or isinstance(fields, Calendar) and fields.day is not None and not fields.qualifier) else None
        if match is None or (match["the"] is not None and match["unit"].lower() != "day"):
            joined.append(item)
            continue
        count = 1 if match["the"] else count_value(match["count"])
        days = count * (7 if match["unit"].lower().startswith("week") else 1)
        start = head - len(text_before) + match.start()
        joined = [j for j in joined if j.end <= start]  # "a week" of "a week before March 3" no duration of its own
        joined.append(replace(item, start=start, fields=DayOffset(
            days if match["direction"].lower() == "after" else -days, replace(item, start=head, fields=fields))))
    return joined


# The year a holiday's clause gives a few words on: "a New Year's Eve function in 2020", "Christmas of 1989".
HOLIDAY_YEAR_AFTER = re.compile(r"(?:\s+(?!in\b|of\b)[\w'’-]+){0,2}?\s+(?:in|of)\s+(?P<year>1[89]\d\d|20\d\d)(?!\d)")


def _pattern_matches(text: str, offset: int, entities: list[tuple[int, int, str]]):
    """(start, end, fields) for every time of day, measure, calendar, anchored and publication-relative match."""
    lowered = lowered_for_words(text)
    for matches in (time_matches, duration_matches, set_matches, reference_matches):
        for start, end, fields in matches(text, lowered):
            yield offset + start, offset + end, fields
    pairs = (DAY_PAIR, DAY_FIRST_PAIR) if holds_word(lowered, MONTH_WORDS) else ()
    for match in (match for pattern in pairs for match in pattern.finditer(text)):
        month, first, second = MONTHS[match["month"].rstrip(".")], int(match["day"]), int(match["second"])
        if 1 <= first < second <= 31:  # the first day takes the year written after the second one
            year = int(match["year"]) if match["year"] else None
            first_start = min(match.start("month"), match.start("day"))  # "March 4", or "4" of "4-6 March"
            yield offset + first_start, offset + match.end("day"), Calendar(year, month, first, None, False, None)
            yield offset + match.start("second"), offset + match.end(), Calendar(year, month, second, None, False,
                                                                                 None)
    for match in PRE_POST_YEAR.finditer(text) if "re-" in text or "st-" in text else ():
        qualifier = "before" if match["prefix"].lower() == "pre" else "after"
        yield offset + match.start(), offset + match.end(), Calendar(int(match["year"]), None, None, qualifier,
                                                                     False, None)
    for pattern in CALENDAR_PATTERNS:
        for match in pattern.finditer(text, lowered):
            fields = _calendar_fields(match)
            start, end = offset + match.start(), offset + match.end()
            if fields is not None and _plausible(match, text, start, end, entities):
                yield start, end, fields
    for pattern in PERIOD_PATTERNS:
        for match in pattern.finditer(text, lowered):
            fields = _period_fields(match, text)
            if fields is not None:
                yield offset + match.start(), offset + match.end(), fields
    for pattern, direction, words in ANCHOR_PATTERNS:
        for match in pattern.finditer(text) if holds_word(lowered, words) else ():
            groups = match.groupdict()
            count = count_value(groups["count"]) if groups.get("count") else 1
            sign = direction if direction is not None else (1 if groups["direction"].lower() == "later" else -1)
            unit = groups.get("unit") or groups["that_unit"]
            yield offset + match.start(), offset + match.end(), Anchor(unit.lower(), sign * count, groups.get("part"),
                                                                       _lowered(groups, "qualifier"),
                                                                       counted=bool(groups.get("count")),
                                                                       within=bool(groups.get("within")))
    for match in SPELLED_PATTERN.finditer(text) if "teen" in text or "thousand" in text else ():
        year = spelled_year(match["spelled"])
        if year is None:
            continue
        if match["season"]:
            fields = Period(SEASONS[lowered_for_words(match["season"])], year, None)
        else:
            month = MONTHS[match["month"].capitalize()] if match["month"] else None
            fields = Calendar(year, month, None, None, False, None)
        yield offset + match.start(), offset + match.end(), fields
    for match in CENTURY_PATTERN.finditer(text) if "entur" in text else ():
        number = int(match["number"]) if match["number"] else ORDINALS.get((match["ordinal"] or "").lower())
        if number or match["the"] or (match["which"] or "").lower() == "this":
            yield offset + match.start(), offset + match.end(), Century(number, _lowered(match.groupdict(), "which"))
    for match in WEEKEND_PATTERN.finditer(text) if "weekend" in text else ():
        # "this past weekend" is the last one, "the coming weekend" the next one, whatever the first word
        which = match["way"] or match["which"].lower()
        yield offset + match.start(), offset + match.end(), Weekday(WEEKEND, which)
    for match in HOLIDAY_PATTERN.finditer(text) if HOLIDAY_HINT.search(text) else ():
        year = int(match["year"]) if match["year"] else None
        later = HOLIDAY_YEAR_AFTER.match(text, match.end()) if year is None and not match["which"] else None
        year = int(later["year"]) if later else year
        country = independence_country(text, match.start(), match.end()) \
            if holiday_key(match["holiday"]) == "independence day" else None
        yield offset + match.start(), offset + match.end(), Holiday(match["holiday"], year, _lowered(match.groupdict(),
                                                                                                    "which"),
                                                                    week=bool(match["week"]), country=country)
    for match in DAY_COUNT_NOW.finditer(text) if " day " in text else ():
        yield offset + match.start("day"), offset + match.end("day"), Publication(word="today")
    for match in ELLIPTIC_PERIOD.finditer(text) if holds_word(lowered, ("last", "next")) else ():
        yield offset + match.start("which"), offset + match.end("which"), Publication(
            which=match["which"].lower(), unit=match["unit"].lower())
    for pattern, words in PUBLICATION_PATTERNS:
        for match in pattern.finditer(text) if holds_word(lowered, words) else ():
            if _title_or_present_day(text, match):
                continue
            groups = {"part" if k == "part_of" else k: " ".join(v.lower().split()) if k in ("part", "part_of", "mod")
                      else v for k, v in match.groupdict().items() if v}
            if "weekday" not in groups:
                yield offset + match.start(), offset + match.end(), Publication(**groups)
            elif not _inside_entity(offset + match.start(), offset + match.end(), entities, "PERSON"):
                yield offset + match.start(), offset + match.end(), Weekday(groups["weekday"], groups.get("which"),
                                                                            PERIOD_SHIFTS.get(groups.get("week")))


# "today's world", "the people of tomorrow": the present day or the future in general, no date.
PRESENT_DAY = re.compile(r"['’]s\s+(?:\w+\s+)?(?:world|youth|society|generations?|children|kids|young|teenagers"
                         r"|families|culture|standards|technology|computers|consumers?)\b", re.IGNORECASE)
# A name in quotation marks: ABC's "This Week", a song "Next Year".
QUOTE_BEFORE = re.compile(r"(?:[\"“‘`]|'')\s*$")
CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w.&]*[ \t]$")


def _title_or_present_day(text: str, match: re.Match) -> bool:
    """A publication-relative match that is a name (in capitals after a quote or a capitalised word) or
    "today" in a general sense."""
    words, before = match.group(0).split(), text[max(0, match.start() - 40):match.start()]  # a short look back
    if words[-1][:1].isupper() and not match.groupdict().get("weekday") and before.strip(" \"'`“‘(") and (
            QUOTE_BEFORE.search(before) or CAPITAL_BEFORE.search(before)):
        return True  # mid-sentence in capitals after a quote or a name: ABC's "This Week", "USA Today"
    if (match.groupdict().get("word") or "").lower() in ("today", "tomorrow"):
        after_noun_of = re.search(r"\b(?!as\b)[a-z]+\s+of\s+$", before)  # not "as of today"
        return bool(PRESENT_DAY.match(text, match.end())
                    or after_noun_of and not text[match.end():match.end() + 2].startswith(("'", "’")))
    return False


# A DATE entity the patterns miss is kept only with a word of time in it (or when it is a year in
# words): spaCy also takes names ("Stauber"), adjectives ("Olympic"), prices and numbers for dates.
TEMPORAL_WORD = re.compile(r"\b(?:days?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|seasons?|holidays?"
                           r"|era|eve|period|time|times|dates?|quarters?|half|morning|afternoon|evening|night"
                           r"|spring|summer|autumn|fall|winter|future|past|anniversary|festival|Ramadan|Hanukkah"
                           r"|Passover|Eid|Diwali|Lent|Advent|Yom\s+Kippur|Rosh\s+Hashanah|Kwanzaa|Nowruz"
                           r"|\d+'?s)\b"
                           r"|['’]\d0s|\b(?:" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
AGE_CONTEXT = re.compile(r"(?:\bage(?:d| of)?|\bages|\b(?:his|her|their|my|your|our))\s*$", re.IGNORECASE)


def _age_or_number(text: str, start: int, end: int) -> bool:
    """A DATE entity that is an age ("at the age of 18") or a bare number ("65"), not a date."""
    words = text[start:end]
    return bool(re.fullmatch(r"\W*\d+\W*", words) or re.search(r"\bage[ds]?\b", words, re.IGNORECASE)
                or AGE_CONTEXT.search(text[max(0, start - 12):start]))


def _periodical(article: Article, start: int, end: int, fields) -> bool:
    """"daily", "weekly" naming a newspaper, not a recurrence: a noun ("says the American daily"), part of
    a name ("The Daily Beast"), or before one ("the daily Kommersant"); "his daily life" stays a set."""
    word = lowered_for_words(article.text[start:end])
    if not (isinstance(fields, Measure) and fields.type == "SET" and word in SET_ADVERBS):
        return False
    span = article.doc.char_span(start, end)
    token = span.root if span is not None else None
    if token is None or token.text.isupper():  # in capitals the tagger cannot tell: "TALKS ARE HELD DAILY"
        return False
    return token.pos_ in ("NOUN", "PROPN") or token.dep_ == "amod" and token.head.pos_ == "PROPN"


def _sequence_word(text: str, offset: int) -> list[tuple[int, int, Sequence]]:
    match = SEQUENCE_PATTERN.match(text)
    return [(offset, offset + match.end(), Sequence(match["word"].lower()))] if match else []


def two_digit_year(digits: str) -> int:
    """The year of a two-digit one ("FY23", "3Q98"): 2000-2068 for 00-68, 1969-1999 for 69-99 (as
    :func:`time.strptime` reads ``%y``)."""
    return int(digits) + (2000 if int(digits) <= 68 else 1900)


def _lowered(groups: dict, name: str) -> str | None:
    """A matched group in lower case; None when it did not match."""
    return lowered_for_words(groups.get(name) or "") or None


# Words of a weather report before "the 90s": a temperature, not a decade.
TEMPERATURE_BEFORE = re.compile(r"\b(?:temperatures?|highs?|lows?|degrees|thermometers?|heat|upper|lower)\b"
                                r"[^.;]{0,30}$", re.IGNORECASE)
# A decade in a list after one written in full ("the 1960s, 70s or 80s", "the 1980s and 90s"): of its century;
# after a short one ("the late 80s and early 90s"): of the twentieth.
_LINK = r"\s*(?:,|and|or|to|-|–)\s*(?:and\s+|or\s+)?(?:(?:early|mid|late)[\s-]+)?"
DECADE_LIST_BEFORE = re.compile(r"(?:\b(?P<century>1[89]|20)\d0s|\b[Tt]he\s+(?:(?:early|mid|late)[\s-]+)?['’]?[3-9]0s)"
                                r"(?:" + _LINK + r"['’]?\d0s)*" + _LINK + r"$")


def _calendar_fields(match: re.Match) -> Calendar | Decade | None:
    """Year, month, day and modifiers of a calendar match (or a decade); None for an impossible date."""
    groups = match.groupdict()
    qualifier, part = _lowered(groups, "qualifier"), _lowered(groups, "part")
    if groups.get("decade"):
        return Decade(int(groups["decade"]), qualifier, part)
    if groups.get("short_decade") or groups.get("bare_decade") or groups.get("word_decade"):
        before = match.string[max(0, match.start() - 60):match.start()]
        listed = DECADE_LIST_BEFORE.search(before) if groups.get("bare_decade") else None
        if not groups.get("short_decade") and listed is None and (not re.search(r"\b[Tt]he\b", match.group(0))
                                                                  or TEMPERATURE_BEFORE.search(before)):
            return None  # "in his nineties", "in her 70s" are ages; "highs in the 90s" a temperature
        short = int(groups["short_decade"] or groups["bare_decade"] or DECADE_WORDS[groups["word_decade"]])
        return Decade((int(listed["century"]) if listed and listed["century"] else 19) * 100 + short, qualifier, part)
    if groups.get("numeric"):
        first, second = int(groups["first"]), int(groups["second"])
        day, month = (first, second) if groups["separator"] == "." or first > 12 else (second, first)
        groups = {**groups, "day_number": str(day), "month_number": str(month)}
    year = groups.get("year") or groups.get("bare_year") or groups.get("fiscal_year") or groups.get("fiscal_lead")
    if groups.get("fiscal_short"):
        year = two_digit_year(groups["fiscal_short"])
    month_name = groups.get("month") or groups.get("month_after") or groups.get("bare_month")
    month = int(groups["month_number"]) if groups.get("month_number") else (
        MONTHS[month_name.rstrip(".")] if month_name else None)
    day = groups.get("day") or groups.get("day_number")
    day_word = groups.get("day_word") or groups.get("day_word_first")
    day = int(day) if day else ORDINALS[lowered_for_words(day_word)] if day_word else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if part and day is not None:
        return None  # "late December 22" is not a form news writing uses
    return Calendar(int(year) if year else None, month, day, qualifier, bool(groups.get("around")), part,
                     _lowered(groups, "which"), _lowered(groups, "which_year"), bool(groups.get("week_of")),
                     WEEKDAYS[groups["weekday"]] if groups.get("weekday") else None)


def _period_fields(match: re.Match, text: str) -> Period | None:
    """A season or quarter; a season without a year only after a date word ("in spring", not "a hot spring")."""
    groups = match.groupdict()
    year = groups.get("year") or groups.get("lead_year")
    short = groups.get("short_year") or groups.get("lead_short_year")
    year = int(year) if year else two_digit_year(short) if short else None
    if groups.get("quarter_alone") and not _quarter_word(text, match):
        return None
    if groups.get("quarter_which"):  # "last quarter", "next quarter"
        return Period(None, None, _lowered(groups, "qualifier"), relation=groups["quarter_which"].lower())
    if "relation" in groups:  # "the quarter", "the current quarter", "the year-ago quarter"
        relation = " ".join((groups["relation"] or groups["bare_relation"] or "").lower().split())
        if (groups["unit"] or "").lower() == "period" and not (relation or year):
            return None  # "the period" alone is no quarter
        if groups["back"] or groups["bare_relation"]:
            relation = "year-ago"
        shift = PERIOD_SHIFTS.get(_lowered(groups, "which_year"))
        period = QUARTERS[lowered_for_words(groups["quarter"])] if groups.get("quarter") else None
        ended = QUARTER_END.match(text, match.end()) if "end" in text else None
        return Period(period, year, _lowered(groups, "qualifier"), relation=relation, year_shift=shift,
                      ended_month=MONTHS[ended["month"].rstrip(".")] if ended else None)
    if groups.get("half_number") or groups.get("half_lead"):
        groups["half"] = {"1": "first", "2": "second"}[groups["half_number"] or groups["half_lead"]]
    if groups.get("half"):
        shift = PERIOD_SHIFTS.get(_lowered(groups, "which_year"), 0)
        return Period(HALVES[lowered_for_words(groups["half"])], year, _lowered(groups, "qualifier"), year_shift=shift)
    if groups.get("season"):
        season = groups["season"].lower()
        in_context = word_before(text, match.start()).lower() in SEASON_CONTEXT_WORDS or match.group(0).lower(
            ).startswith("the ")
        dated = in_context or groups.get("qualifier") or groups.get("part") or groups.get("which")
        if year is None and not dated or (season == "fall" and year is None and not groups.get("which")):
            return None
        shift = PERIOD_SHIFTS.get(_lowered(groups, "which_year"))  # "the spring of last year"
        return Period(SEASONS[season], year, _lowered(groups, "qualifier"), _lowered(groups, "which"), year_shift=shift)
    if groups.get("year_ago"):  # "the year-ago third quarter"
        return Period(QUARTERS[lowered_for_words(groups["quarter"])], year, _lowered(groups, "qualifier"),
                      relation="year-ago")
    quarter = groups["quarter"] or groups.get("quarter_lead") or groups.get("quarter_alone")
    return Period(QUARTERS[lowered_for_words(quarter)], year, _lowered(groups, "qualifier"))


# Words before "Q3" standing alone that make it a quarter ("in Q3", "the company's Q3 results"), not a name
# ("an Audi Q3", "the Q4 Arena").
QUARTER_CONTEXT_WORDS = {"in", "the", "for", "of", "by", "since", "until", "during", "through", "this", "last",
                         "next", "its", "their", "our", "and", "or", "from", "to", "versus", "vs"}


def _quarter_word(text: str, match: re.Match) -> bool:
    """Whether a "Q3" standing alone is a quarter: after a word of time (or none, or a possessive) and
    not before a capitalised word."""
    word = word_before(text, match.start()).lower().strip("(,\"'“‘")
    return (not word or word in QUARTER_CONTEXT_WORDS or word.endswith(("'s", "’s"))) \
        and not re.match(r"\s+[A-Z]", text[match.end():])


# A month name opening a name: "March for Life", "March of Dimes" (not "May of 2021", "May of this year").
MONTH_IN_NAME = re.compile(r"\s+(?:for|of)\s+[A-Z][a-z]")


def _plausible(match: re.Match, text: str, start: int, end: int, entities) -> bool:
    """Reject bare years and ambiguous month names that are not used as dates (numbers, people)."""
    if any(match.groupdict().get(name) for name in ("numeric", "fiscal_year", "fiscal_short", "fiscal_lead")):
        return True  # "2/25/2022", "FY2024" are dates whatever entity spaCy makes of them
    if _inside_entity(start, end, entities, "PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "MONEY", "CARDINAL",
                      "QUANTITY"):
        return False
    groups = match.groupdict()
    if groups.get("bare_month") and not groups.get("which") and MONTH_IN_NAME.match(text, match.end()):
        return False  # "the annual March for Life", "the March of Dimes"
    in_date_entity = _inside_entity(start, end, entities, "DATE")
    modified = groups.get("qualifier") or groups.get("around") or groups.get("part")
    if groups.get("bare_year") or (groups.get("bare_month") in AMBIGUOUS_MONTHS):
        after_context = word_before(text, match.start()).lower().strip("(,") in DATE_CONTEXT_WORDS
        return bool(in_date_entity or modified or after_context)
    return True


def _inside_entity(start: int, end: int, entities, *labels: str) -> bool:
    return any(label in labels and e_start <= start and end <= e_end for e_start, e_end, label in entities)




