"""Time expressions that are not points on a calendar: durations, sets, reference words and times of day.

Each pattern gives its TimeML value at match time: "three days" → ``P3D``, "every week" → ``P1W``
(quant ``EVERY``), "recently" → ``PAST_REF``. Times of day ("Friday morning", "10:35 a.m.") keep
their day part for the resolver, which dates them like the weekday or word they contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..wordcase import holds_word, lowered_for_words

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "a hundred": 100}
# TimeML modifiers of a quantity ("at least three days") or a point ("early 2023", "around June").
QUANTITY_MODS = {"at least": "EQUAL_OR_MORE", "more than": "MORE_THAN", "over": "MORE_THAN",
                 "nearly": "EQUAL_OR_LESS", "almost": "LESS_THAN", "less than": "LESS_THAN", "up to": "EQUAL_OR_LESS",
                 "no more than": "EQUAL_OR_LESS", "about": "APPROX", "around": "APPROX", "roughly": "APPROX",
                 "some": "APPROX", "approximately": "APPROX", "within": "EQUAL_OR_LESS"}
# Unit → (TimeML letter, multiplier, time part): decades and centuries are counted in years.
UNITS = {"minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False), "night": ("D", 1, False),
         "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
         "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
         "centurie": ("Y", 100, False)}

# A count, with a half: "2 1/2", "two and a half", "half a" (hour, year ...).
_NUMBER = (r"(?:half\s+an?|(?:\d{1,3}(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]"
           r"(?:one|two|three|four|five|six|seven|eight|nine))?|a\s+hundred|hundred|one|two|three|four|five|six|seven"
           r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|an?)"
           r"(?:\s+and\s+a\s+half)?)")
_QUANTITY_MOD = r"(?:(?P<mod>at\s+least|more\s+than|no\s+more\s+than|less\s+than|nearly|almost|up\s+to|about" \
                r"|around|roughly|approximately|over|within)\s+)?"
DURATION_PATTERN = re.compile(
    r"\b" + _QUANTITY_MOD + r"(?:(?P<the>the)\s+)?(?:(?P<which>past|last|next|first|coming|previous|latest"
    r"|following|final|recent)\s+)?(?:year-(?:earlier|ago)\s+)?"  # "the year-earlier nine months": a length
    r"(?:(?P<count>" + _NUMBER + r"|a\s+few|few|several|a\s+couple\s+of|couple\s+of)"
    r"(?:\s+to\s+" + _NUMBER + r")?[\s-]+(?:more\s+|additional\s+|trading\s+)?)?"
    r"(?P<unit>minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))(?P<plural>s)?"
    r"(?P<and_half>\s+and\s+a\s+half)?(?P<long>-long)?\b(?!-old|\s+ago|\s+later|\s+earlier"
    r"|\s+and\s+a\s+half\s+(?:ago|later|earlier))(?P<ahead>\s+ahead)?", re.IGNORECASE)
# "the year ended June 30", "its fiscal year ending in March", "in the year to March" (British statistics): a
# company's or a statistic's year, a length of time.
ACCOUNTING_YEAR = re.compile(r"\b(?:the|its|their)\s+(?:fiscal\s+|financial\s+)?year(?=\s+(?:that\s+|which\s+)?"
                             r"end(?:ed|ing|s)\b|\s+to\s+(?:the\s+end\s+of\s+)?(?:January|February|March|April|May"
                             r"|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?"
                             r"|Oct|Nov|Dec)\b)", re.IGNORECASE)
_NUMBER_WORDS = "|".join(word for word, number in NUMBER_WORDS.items() if 2 <= number <= 12)  # "every two weeks"
# "every week", "every two weeks", "every other day" (two), "twice a week", "three times a year", "once per month":
# TimeML sets, their value the period (a frequency is not written: TimeML's ``freq`` has no field here)
SET_PATTERN = re.compile(r"\b(?:(?P<quant>every|each)\s+(?:(?P<other>other)\s+|(?P<every_count>" + _NUMBER_WORDS
                         + r"|\d{1,3})\s+)?(?P<unit>day|week|fortnight|month|quarter|year)s?"
                         r"|(?P<times>once|twice|thrice|(?:" + _NUMBER_WORDS + r"|\d{1,3})\s+times)\s+(?:a|an|per|each"
                         r"|every)\s+(?P<times_unit>day|week|fortnight|month|quarter|year)"
                         r"|(?P<adverb>daily|weekly|fortnightly|monthly|annually|yearly|hourly))\b", re.IGNORECASE)
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M", "annually": "P1Y",
               "yearly": "P1Y", "hourly": "PT1H"}
REFERENCE_PATTERN = re.compile(r"\b(?P<word>now|then[\s-]+current|currently|current|these\s+days|nowadays|at\s+present"
                               r"|recently"
                               r"|recent|the\s+past|the\s+(?:near\s+|distant\s+)?future|the\s+present\s+day"
                               r"|the\s+(?:near|short|long)\s+term"
                               r"|an?\s+(?:later|future)\s+date|future\s+(?:days|weeks|months|years|quarters)"
                               r"|(?:several|a\s+few|many|some)\s+(?:days|weeks|months|years|decades)\s+ago)\b"
                               # not "more recent than", "now -based" (a spaced dash "--" is punctuation),
                               # "current that", "the future of Europe" (its fate, no time); "now that ...",
                               # "said in the past that ..." are the present, the past
                               # nor "the past three summers", "recent winters" (a span of time, not the past;
                               # "spring", "fall" may be a verb or a noun: "recent falls in prices")
                               # (an adverb names the present or past whatever follows: "currently in year three")
                               r"(?!\s+(?:than|-(?=\w))|(?<!now)(?<!past)\s+that|(?<=future)\s+of\b"
                               r"|(?<!now)(?<!currently)(?<!recently)(?:\s+\w+)?\s+(?:minute|hour|day"
                               r"|week|month|quarter|year|decade|centur|summer|winter|autumn|weekend)\w*)",
                               re.IGNORECASE)
REFERENCES = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "these days": "PRESENT_REF",
              "then current": "PAST_REF", "then-current": "PAST_REF",  # "the then-current chairman": a past present
              "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
              "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
              "the distant future": "FUTURE_REF",
              "the present day": "PRESENT_REF",
              "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF"}
# "Now, ..." opening a sentence turns to a new point rather than naming the present.
DISCOURSE_NOW = re.compile(r"[\s\"'`“‘(]*now\s*,", re.IGNORECASE)
# Parts of the day (TimeML codes) and clock times.
DAY_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI",
             "tonight": "TNI", "midday": "T12:00", "noon": "T12:00", "midnight": "T24:00"}
_DAY_WORD = (r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow"
             r"|this|last)")
# A time zone after a clock time: "GMT", "ET", "local time", "Kyiv time", "Central European Time" (the place in
# capitals whatever the flags).
_ZONE = (r"(?-i:(?:GMT|UTC|CET|CEST|EET|EEST|BST|MSK|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT)\b"
         r"|(?:local|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+[Tt]ime\b)")
_WIRE_ZONE = r"(?:(?-i:GMT|UTC)\b|local\s+time\b)"
TIME_PATTERNS = [
    re.compile(r"\b(?:(?P<which>last|next)\s+)?" + _DAY_WORD.replace("|this|last", "")
               + r"\s+(?P<part>morning|afternoon|evening|night)\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>this|last)\s+(?P<part>morning|afternoon|evening|night)\b", re.IGNORECASE),
    re.compile(r"\b(?P<part>tonight|overnight|midday)\b", re.IGNORECASE),
    # "mid-afternoon", "mid morning yesterday": the part of the day with TimeML's mod MID
    re.compile(r"\b(?P<mid>mid)(?:-|\s+)(?P<part>morning|afternoon)(?:\s+" + _DAY_WORD.replace("|this|last", "")
               + r")?\b", re.IGNORECASE),
    re.compile(r"\b(?P<mod>around\s+|about\s+)?(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*"
               r"(?P<meridiem>[ap])\.?m\b\.?(?:\s+" + _ZONE + r")?"
               r"(?:,?\s+" + _DAY_WORD.replace("|this|last", "") + r")?", re.IGNORECASE),
    re.compile(r"\b(?P<part>noon|midnight)\s+" + _DAY_WORD.replace("|this|last", "") + r"\b", re.IGNORECASE),
    # a 24-hour clock time, as wire and European outlets write it: "10:00 GMT", "14.30 local time", "at 09:00"
    re.compile(r"\b(?P<mod>around\s+|about\s+)?(?P<hour24>[01]?\d|2[0-3])(?P<separator>[:.])(?P<minute>[0-5]\d)"
               r"(?![\d.,:%])(?P<zone>\s*" + _ZONE + r")?"
               r"(?:,?\s+(?:on\s+)?" + _DAY_WORD.replace("|this|last", "") + r"\b)?"),
    # the wire's four digits before GMT / UTC / local time: "at 0730 GMT" (never a bare "1430", a number or a year)
    re.compile(r"\b(?P<hour24>[01]\d|2[0-3])(?P<separator>)(?P<minute>[0-5]\d)(?P<zone>\s+" + _WIRE_ZONE + ")"),
]
# Words before a 24-hour clock time with no zone that make it one ("at 14:30", not a score "won 3:1").
CLOCK_LEAD_WORDS = {"at", "from", "until", "till", "by", "after", "before", "since", "around", "about", "to"}


@dataclass(frozen=True)
class Measure:
    """A time expression whose value its words give: a duration ("three days", ``P3D``), a set ("every
    week", ``P1W``, quant ``EVERY``) or a reference word ("now", ``PRESENT_REF``; TimeML type ``DATE``)."""

    type: str  # DURATION, SET or DATE
    value: str
    mod: str | None = None
    quant: str | None = None


@dataclass(frozen=True)
class TimeOfDay:
    """"Friday morning", "tonight", "10:35 a.m.": a day word (or none: the publication day) and a time."""

    day: str | None  # a weekday, yesterday/today/tomorrow, "this" or "last" (lower case), None
    which: str | None  # "last" / "next" before a weekday
    time: str  # the TimeML time part: ``TMO``, ``T10:35`` ...
    mod: str | None


def count_value(word: str) -> int | None:
    """The number a count word or numeral stands for ("twenty-four" is 24); None for a vague count."""
    word = " ".join(lowered_for_words(word).replace("-", " ").split())
    if word.isdigit():
        return int(word)
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    parts = word.split()
    if len(parts) == 2 and all(part in NUMBER_WORDS for part in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2005 for "two thousand five"; None for anything else."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = count_value(" ".join(words[2:]).removeprefix("and ")) if words[2:] else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    if len(words) >= 2 and words[0] in ("eighteen", "nineteen", "twenty"):
        rest = count_value(" ".join(words[1:]))
        return count_value(words[0]) * 100 + rest if rest is not None and 10 <= rest < 100 else None
    return None


HALF = re.compile(r"^half\s+an?$|\s+1/2$|\s+and\s+a\s+half$", re.IGNORECASE)


def duration_value(count: str | None, unit: str) -> str:
    """TimeML duration of ``count`` ``unit``s: ``P3D``, ``PT5H``, ``P20Y`` (decades), ``P2Y6M`` ("two and a
    half years", "2 1/2 years", "a year and a half": ``count`` "a and a half"), ``P6M`` ("half a year"),
    ``P15Y`` ("a decade and a half")."""
    letter, multiplier, time_part = UNITS[lowered_for_words(unit)]
    prefix = "PT" if time_part else "P"
    if count is None:
        return f"{prefix}X{letter}"
    half = HALF.search(count)
    number = (0 if half.start() == 0 else count_value(count[:half.start()])) if half else count_value(count)
    if number is None:
        return f"{prefix}X{letter}"
    if not half:
        return f"{prefix}{number * multiplier}{letter}"
    if letter == "Y":  # in months: a decade and a half is 15 years, half a year 6 months
        years, months = divmod(number * multiplier * 12 + multiplier * 6, 12)
        return "P" + (f"{years}Y" if years else "") + (f"{months}M" if months else "")
    # the half in the next smaller unit: 30 minutes, 30 seconds, 12 hours, 15 days; a week in days
    whole, part = {"H": (number, "30M"), "D": (number, "T12H"), "W": (None, f"{number * 7 + 3}DT12H"),
                   "Q": (None, f"{number * 3 + 1}M15D")}.get(letter, (number, "30S" if time_part else "15D"))
    return prefix + (f"{whole}{letter}" if whole else "") + part


# The words every duration, time of day, set and reference word holds: sentences without one skip the long
# patterns (UNIT_WORDS, SET_WORDS and REFERENCE_WORDS for holds_word).
UNIT_WORDS = ("minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade",
              "centur")
TIME_WORD = re.compile(r"morning|afternoon|evening|night|midday|noon|\d\s*[ap]\.?m\b|\d[:.][0-5]\d|\d{4}\s+"
                       + _WIRE_ZONE, re.IGNORECASE)
SET_WORDS = ("every", "each", "daily", "weekly", "fortnightly", "monthly", "annually", "yearly", "hourly", "once",
             "twice", "thrice", "times")
REFERENCE_WORDS = ("now", "current", "days", "present", "recent", "past", "future", "term", "date", "ago")


def duration_matches(text: str, lowered: str):
    """(start, end, Measure) for every duration in ``text`` (``lowered``: through :func:`lowered_for_words`)
    that has a count or a vague quantity."""
    if not holds_word(lowered, UNIT_WORDS):
        return
    for match in DURATION_PATTERN.finditer(text):
        count, which, unit = match["count"], (match["which"] or "").lower(), match["unit"]
        verb_last = which == "last" and not (match["mod"] or match["the"]) and _verb_last(text, match.start("which"))
        if verb_last:  # "the war will last three days": the verb, not "the last three days"
            which = ""
        plural = bool(match["plural"])
        past_decade = which == "past" and bool(match["the"]) and unit.lower() == "decade" and not plural
        if count is None and not (match["long"] or past_decade or plural and (
                which in ("past", "last", "next", "coming", "recent") or match["ahead"]
                or _after_for(text, match.start()) or (match["mod"] or "").lower() == "within")):
            continue  # "the year", "a week" are left to the dates; a bare "years" needs "for", "within" or "recent"
        if count is not None and count.lower() in ("a", "an") and (plural or which in ("last", "next")
                                                                   or AMOUNT_BEFORE.search(text, 0, match.start())):
            continue  # "$2 million a year", "four flights a week": a rate, no length of time
        if which in ("last", "next") and count is None and not plural:
            continue  # "last year", "next week" are dates
        if unit.lower() == "quarter" and "-" in match.group(0) and plural:
            continue  # "three-quarters" of something
        start = match.start() if (match["mod"] or match["the"] or which) else match.start("count") \
            if count is not None else match.start("unit")
        if (match["mod"] or "").lower() in ("over", "within") and (match["the"] or which):
            start = match.start("the") if match["the"] else match.start("which")  # "over the next two years"
        if match["the"] and not (which or match["mod"] or plural) and count is not None:
            start = match.start("count")  # "the 14-day period", "the two-week crisis": the noun's article
        if count is not None and count.lower() in ("a few", "few", "several", "a couple of", "couple of"):
            count_word = None if "couple" not in count.lower() else "two"
        elif count is None and match["long"]:  # "a day-long meeting" (one day), "decades-long" (some decades)
            start, count_word = match.start("unit"), None if plural else "one"
        elif past_decade:  # "over the past decade": the ten years up to now, as "the past two decades"
            count_word = "one"
        else:
            count_word = count
        if match["and_half"] and count_word is not None:  # "a year and a half"
            count_word += " and a half"
        if (which == "recent" or which == "past" and not match["the"]) and count is None and unit.lower() == "year" \
                and plural:
            yield start, match.end("plural"), Measure("DATE", "PAST_REF")  # "in recent / past years": TimeML's past
            continue
        mod = QUANTITY_MODS.get(" ".join((match["mod"] or "").lower().split())) if start == match.start() else None
        if count is not None and "couple" in count.lower():
            mod = mod or "APPROX"
        end = next(match.end(group) for group in ("long", "and_half", "plural", "unit") if match[group])
        yield start, end, Measure("DURATION", duration_value(count_word, unit), mod)


    for match in ACCOUNTING_YEAR.finditer(text) if "end" in text or " to " in text else ():
        yield match.start(), match.end(), Measure("DURATION", "P1Y")


# Words before the verb "last" ("will last", "is expected to last"), never before the adjective.
VERB_LAST_LEAD = {"will", "would", "to", "can", "could", "may", "might", "should", "must", "not", "wo"}


def _verb_last(text: str, position: int) -> bool:
    """Whether "last" at ``position`` is the verb: after a modal, "to" or "not" ("it'll last")."""
    before = word_before(text, position).lower()
    return before in VERB_LAST_LEAD or before.endswith(("'ll", "’ll"))


# An amount just before ("$2 million", "358,000", "four flights", "700 seats"): "a year" after it is a rate.
AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|trillion|thousand|hundred|dozen)|(?:\d|\b(?:" + _NUMBER_WORDS
                           + r"))[\d,.]*\s+(?:[a-z]+\s+)?[a-z]+s)\s+$", re.IGNORECASE)


def _after_for(text: str, position: int) -> bool:
    return text[:position].rstrip().lower().endswith(("for", "in"))


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# A named day, month or season that recurs: "each Thursday", "every July", "on Sundays", "every summer".
RECURRING_PATTERN = re.compile(r"\b(?:(?P<quant>[Ee]very|[Ee]ach)\s+(?P<name>" + "|".join(_WEEKDAY_NAMES + _MONTH_NAMES)
                               + r"|spring|summer|autumn|fall|winter)|(?<=\bon\s)(?P<plural>" + "|".join(_WEEKDAY_NAMES)
                               + r")s)\b")


def recurring_value(name: str) -> str:
    """TimeML value of a recurring weekday, month or season: ``XXXX-WXX-4``, ``XXXX-07``, ``XXXX-SU``."""
    if name in _WEEKDAY_NAMES:
        return f"XXXX-WXX-{_WEEKDAY_NAMES.index(name) + 1}"
    if name in _MONTH_NAMES:
        return f"XXXX-{_MONTH_NAMES.index(name) + 1:02d}"
    return f"XXXX-{_SEASON_CODES[lowered_for_words(name)]}"


def set_matches(text: str, lowered: str):
    recurring = "very " in text or "ach " in text or "days" in text  # every match holds one: a fast test first
    for match in RECURRING_PATTERN.finditer(text) if recurring else ():
        yield match.start(), match.end(), Measure("SET", recurring_value(match["name"] or match["plural"]),
                                                  quant=(match["quant"] or "").upper() or None)
    for match in SET_PATTERN.finditer(text) if holds_word(lowered, SET_WORDS) else ():
        if match["adverb"]:
            yield match.start(), match.end(), Measure("SET", SET_ADVERBS[lowered_for_words(match["adverb"])])
        elif match["times"]:  # "twice a week": a set of weeks
            yield match.start(), match.end(), Measure("SET", duration_value("1", match["times_unit"]))
        else:
            count = "2" if match["other"] else match["every_count"] or "1"  # "every other day": every two days
            yield match.start(), match.end(), Measure("SET", duration_value(count, match["unit"]),
                                                      quant=match["quant"].upper())


def reference_matches(text: str, lowered: str):
    if not holds_word(lowered, REFERENCE_WORDS):
        return
    discourse = DISCOURSE_NOW.match(text)
    for match in REFERENCE_PATTERN.finditer(text):
        if discourse and match.start() < discourse.end():
            continue
        word = " ".join(match["word"].lower().split())
        if word.startswith("future ") or word.endswith(" date"):  # "future quarters", "a later date"
            word = "the future"
        yield match.start(), match.end(), Measure("DATE", REFERENCES.get(word, "PAST_REF"))  # "several years ago"


# Before the count of an age: "aged 25 years", "age 18-29 years", the bracket "30-39 years" of a poll's table.
AGE_BEFORE = re.compile(r"(?:\bage[sd]?\s+(?:of\s+)?|(?<![\w.,])(?P<low>\d{1,3})\s*[-–]\s*)$", re.IGNORECASE)
YEARS_VALUE = re.compile(r"P\d+Y")
AGE_AFTER = re.compile(r"\s+old\b", re.IGNORECASE)  # "52 years old", "55 years old or older"
# Words that make a range of years before them a length of time ("for 2-3 years", "the last 5-10 years").
DURATION_LEAD_WORDS = {"for", "over", "in", "within", "the", "last", "past", "next", "about", "around", "nearly",
                       "almost", "than", "to", "of", "from", "after", "some", "up", "least", "lasting", "spent"}


def word_before(text: str, start: int) -> str:
    """The word (a run without whitespace) that ends before ``start`` past any whitespace, '' when none: the last
    of ``text[:start].split()``, without copying the text before it (the patterns ask for it at every match)."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def is_age(text: str, start: int, end: int, fields) -> bool:
    """Whether a duration of years found at ``start:end`` of ``text`` (the article's: a sentence may start
    inside "18-29 years") is an age, which TimeML does not annotate: before "old" ("Mr. Smith, 52 years old"),
    after "aged" / "age", or the upper end of a bare range ("30-39 years") that no word of duration ("for",
    "over" ...) leads."""
    if not (isinstance(fields, Measure) and fields.type == "DURATION" and YEARS_VALUE.fullmatch(fields.value or "")):
        return False
    if AGE_AFTER.match(text, end):
        return True
    match = AGE_BEFORE.search(text, 0, start)
    if match is None:
        return False
    previous = word_before(text, match.start())
    return match["low"] is None or not previous or previous.lower().strip("(\"'“‘") not in DURATION_LEAD_WORDS


def _clock_time(text: str, match: re.Match) -> bool:
    """Whether a 24-hour "14:30" is a time of day: with a zone ("GMT", "local time"; "0730 GMT" unless it opens
    brackets, which restate the time before them), or written with a colon after a word of time ("at 14:30");
    "3.50", "a 2:1 win", "14:30-15:00"'s second half ... are not."""
    if match["zone"]:  # but "10:35 a.m. (0735 GMT)" restates the time before it: one moment, one expression
        return bool(match["separator"]) or not text[:match.start()].endswith("(")
    return match["separator"] == ":" and word_before(text, match.start()).lower() in CLOCK_LEAD_WORDS


def time_matches(text: str, lowered: str):  # ``lowered`` unused: the same call as the other measures
    if not TIME_WORD.search(text):
        return
    for match in (m for pattern in TIME_PATTERNS for m in pattern.finditer(text)):
        groups = match.groupdict()
        day = (groups.get("day") or "").lower() or None
        if groups.get("hour24"):
            if not _clock_time(text, match):
                continue
            time = f"T{int(groups['hour24']):02d}:{groups['minute']}"
        elif groups.get("hour"):
            hour = int(groups["hour"]) % 12 + (12 if groups["meridiem"].lower() == "p" else 0)
            time = f"T{hour:02d}:{groups.get('minute') or '00'}"
        else:
            time = DAY_PARTS[lowered_for_words(groups["part"])]
        if day == "last" and time == "TNI":
            day = "yesterday"
        if (groups.get("part") or "").lower() == "tonight":
            day = "today"
        mod = "APPROX" if groups.get("mod") else "MID" if groups.get("mid") else None
        yield match.start(), match.end(), TimeOfDay(day, (groups.get("which") or "").lower() or None, time, mod)
