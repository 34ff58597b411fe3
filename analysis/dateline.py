"""Wire datelines: "WASHINGTON, August 8 (Xinhua) --", "NAIROBI, Kenya (AP) _", "ROME (Reuters) -".

A dateline opens the body of a wire story: the place in capitals, sometimes a date, sometimes the
agency in brackets, then a dash. :func:`find_dateline` reads it from the start of a block (the first
heading or paragraph after the title, where the layout puts it) and gives each part with its offsets;
its date is the publication date when no other is given.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .article import Article
from .schema import Dateline

_MONTH_NAMES = "|".join(calendar.month_name[1:]) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTHS = {name.lower()[:3]: number for number, name in enumerate(calendar.month_name) if name}
DATELINE_PATTERN = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)*(?:,\s+[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)*)?)"
    r"(?:,\s+(?P<date>(?P<month>" + _MONTH_NAMES + r")\.?\s+(?P<day>[0-3]?\d)|(?P<day_first>[0-3]?\d)\s+"
    r"(?P<month_after>" + _MONTH_NAMES + r")\.?)(?:,?\s+(?P<year>(?:19|20)\d\d))?)?"
    r"(?:\s*\((?P<agency>[A-Z][\w .&'-]{0,40})\))?"
    r"\s*(?P<dash>--|—|–|-|_)(?=\s|$)")


def find_dateline(text: str, start: int, end: int, *, published: date | None = None) -> Dateline | None:
    """The dateline at ``text[start:end]``'s start, or None; ``published`` gives a date without a year its year.

    A place in capitals followed by a dash needs a date or an agency too ("WARNING -" is no dateline); a
    place written in plain case needs the agency.

    >>> line = find_dateline("ROME, May 3 (Reuters) - Talks began.", 0, 36, published=date(2021, 5, 4))
    >>> line.place, line.agency, line.date_text, line.date_value
    ('ROME', 'Reuters', 'May 3', '2021-05-03')
    """
    match = DATELINE_PATTERN.match(text, start, end)
    if match is None or not (match["date"] or match["agency"]):
        return None
    head = match["place"].split(",")[0]
    if not (head.isupper() or match["agency"]):
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
                    match.end("place"), match["agency"], text[match.start("date"):date_end] if match["date"] else None,
                    match.start("date") if match["date"] else None, date_end if match["date"] else None, date_value)


def _year_up_to(published: date | None, month: int, day: int) -> int | None:
    """A dateline's date is the day of the story: the latest such day up to the publication date."""
    if published is None:
        return None
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def article_dateline(article: Article, *, published: date | None = None) -> Dateline | None:
    """The dateline of an article: at the start of the first heading or paragraph after the title."""
    starts = [section.heading_start for section in article.sections if section.heading_start is not None][:1]
    starts += [paragraph.start for paragraph in article.paragraphs[:1]]
    if not starts:
        return None
    start = min(starts)
    block_end = next((p.end for p in article.paragraphs if p.start == start), None)
    if block_end is None:
        block_end = next(s.heading_end for s in article.sections if s.heading_start == start)
    return find_dateline(article.text, start, block_end, published=published)
