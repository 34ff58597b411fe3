"""Datelines: "WASHINGTON, August 8 (Xinhua) --", "NAIROBI, Kenya (AP) _", "ROME (Reuters) -", "CNN —".

A wire dateline opens the body of a story: the place in capitals, sometimes a date, sometimes the
agency in brackets, then a dash. One pattern reads both shapes a scraped page has:

- :func:`find_dateline` at the start of a block (the first heading or paragraph after the title, where
  the layout puts it), each part with its offsets; its date is the publication date when no other is
  given. The article keeps it (``Article.dateline``) and its words are no body text: the first sentence
  starts after it, so claims and actors do not read it (the agency is a media actor, the place is not
  mentioned);
- :func:`is_dateline_line`: a line that is a dateline and nothing else ("CNN —", "Hong Kong CNN —"), which
  the layout marks as boilerplate of kind ``dateline``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING

from .schema import Dateline

if TYPE_CHECKING:
    from .article import Article

_MONTH_NAMES = "|".join(calendar.month_name[1:]) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTHS = {name.lower()[:3]: number for number, name in enumerate(calendar.month_name) if name}
DATELINE_PATTERN = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)*(?:,\s+[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)*)?)"
    r"(?:,\s+(?P<date>(?P<month>" + _MONTH_NAMES + r")\.?\s+(?P<day>[0-3]?\d)|(?P<day_first>[0-3]?\d)\s+"
    r"(?P<month_after>" + _MONTH_NAMES + r")\.?)(?:,?\s+(?P<year>(?:19|20)\d\d))?)?"
    # the agency in brackets, or between slashes as TASS, Ukrinform and press-release wires write it, which may
    # close the dateline with a full stop: "MOSCOW, March 3. /TASS/.", "KYIV, March 3 /Ukrinform/ -"
    r"(?:\s*\((?P<agency>[A-Z][\w .&'-]{0,40})\)|\.?\s*/(?P<slash_agency>[A-Z][\w .&'-]{0,40})/)?"
    r"(?:\s*(?P<dash>--|—|–|-|_)(?=\s|$|(?<=[—–])[A-Z\"“«])"  # a long dash may touch the text: "(BelTA) –Belarusian"
    r"|(?<=/)\.(?=\s))")


def find_dateline(text: str, start: int, end: int, *, published: date | None = None) -> Dateline | None:
    """The dateline at ``text[start:end]``'s start, or None; ``published`` gives a date without a year its year.

    A place in capitals followed by a dash needs a date or an agency too ("WARNING -" is no dateline); a
    place written in plain case needs the agency.

    >>> line = find_dateline("ROME, May 3 (Reuters) - Talks began.", 0, 36, published=date(2021, 5, 4))
    >>> line.place, line.agency, line.date_text, line.date_value
    ('ROME', 'Reuters', 'May 3', '2021-05-03')
    """
    match = DATELINE_PATTERN.match(text, start, end)
    agency = match and (match["agency"] or match["slash_agency"])
    if match is None or not (match["date"] or agency):
        return None
    head = match["place"].split(",")[0]
    if not (head.isupper() or agency):
        return None  # a place in capitals, or one in plain case before an agency: "Atlanta, Georgia (CNN)-"
    date_value = None
    if match["date"]:
        month = MONTHS[(match["month"] or match["month_after"]).lower()[:3]]
        day = int(match["day"] or match["day_first"])
        year = int(match["year"]) if match["year"] else _year_up_to(published, month, day)
        try:
            date_value = date(year, month, day).isoformat() if year else None
        except ValueError:
            date_value = None
    date_end = match.end("year") if match["year"] else match.end("date")
    return Dateline(match.group(0), match.start(), match.end(), match["place"], match.start("place"),
                    match.end("place"), agency, text[match.start("date"):date_end] if match["date"] else None,
                    match.start("date") if match["date"] else None, date_end if match["date"] else None, date_value)


def _year_up_to(published: date | None, month: int, day: int) -> int | None:
    """A dateline's date is the day of the story: the latest such day up to the publication date."""
    if published is None:
        return None
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def is_dateline_line(line: str) -> bool:
    """Whether a whole line is a dateline of place and outlet only, closed by a long dash ("CNN —").

    It needs a word in capitals ("Rotterdam CNN —"; "Update —" is none). A line with a date or an agency
    in brackets ("ROME (Reuters) -") is the opening of the body that :func:`find_dateline` reads.

    >>> is_dateline_line("Hong Kong CNN —"), is_dateline_line("Read more —")
    (True, False)
    """
    match = DATELINE_PATTERN.fullmatch(line.strip())
    return match is not None and not (match["date"] or match["agency"] or match["slash_agency"]) \
        and match["dash"] in ("—", "–") and any(
        len(word) > 1 and word.isupper() for word in re.split(r"[\s,]+", match["place"]))


def article_dateline(article: Article, *, published: date | None = None) -> Dateline | None:
    """The dateline of an article (``article.dateline``), its date given a year by ``published``."""
    found = article.dateline
    if found is None or published is None:
        return found
    return find_dateline(article.text, found.start, found.end, published=published)
