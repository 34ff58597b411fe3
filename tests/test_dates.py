"""Date expressions: each form normalised to an ISO value with its precision, range and rule."""

from __future__ import annotations

import datetime

import pytest

from analysis import ArticleError, analyze, extract_dates, extract_events, load_article
from analysis.dateline import find_dateline
from analysis.dates import APPROXIMATE, DAY, MONTH, YEAR, extract_timexes, parse_published
from analysis.pipeline import ArticleAnalysis

from .conftest import assert_offsets_round_trip, assert_tick_labels_apart


def dates_of(body: str, *, published=None):
    article = load_article("Test Article\n\n" + body)
    return article, extract_dates(article, published=published)


def only(body: str, text: str, *, published=None):
    """The one date whose text is ``text`` (and check its offsets give the text back)."""
    article, dates = dates_of(body, published=published)
    matching = [d for d in dates if d.text == text]
    assert len(matching) == 1, [d.text for d in dates]
    assert article.text[matching[0].start:matching[0].end] == text
    return matching[0]


@pytest.mark.parametrize(
    ("body", "text", "value", "precision", "first", "last"),
    [
        ("Talks were held on December 22, 2021 in Vienna.", "December 22, 2021", "2021-12-22", DAY,
         "2021-12-22", "2021-12-22"),
        ("The treaty was signed on 22 December 2021.", "22 December 2021", "2021-12-22", DAY, "2021-12-22",
         "2021-12-22"),
        ("The data was released on 2021-03-04.", "2021-03-04", "2021-03-04", DAY, "2021-03-04", "2021-03-04"),
        ("Prices rose in October 2022 across the region.", "October 2022", "2022-10", MONTH, "2022-10-01",
         "2022-10-31"),
        ("The company was founded in 2019 by two engineers.", "2019", "2019", YEAR, "2019-01-01", "2019-12-31"),
        ("The factory opened in early 2023 after delays.", "early 2023", "2023", APPROXIMATE, "2023-01-01",
         "2023-04-30"),
        ("Rents doubled during the 1990s in the capital.", "the 1990s", "199X", APPROXIMATE, "1990-01-01",
         "1999-12-31"),
        ("The band split in the mid-1990s.", "the mid-1990s", "199X", APPROXIMATE, "1993-01-01", "1996-12-31"),
        ("Election results were certified on Monday, March 6, 2023.", "Monday, March 6, 2023", "2023-03-06", DAY,
         "2023-03-06", "2023-03-06"),
        ("Sales rose in the first quarter of 2023.", "the first quarter of 2023", "2023-Q1", APPROXIMATE,
         "2023-01-01", "2023-03-31"),
        ("The deal closes in Q3 2024.", "Q3 2024", "2024-Q3", APPROXIMATE, "2024-07-01", "2024-09-30"),
        ("The law passed in summer 2021.", "summer 2021", "2021-SU", APPROXIMATE, "2021-06-01", "2021-08-31"),
        ("Stocks ran out by mid-2022.", "by mid-2022", "2022", APPROXIMATE, "2022-05-01", "2022-08-31"),
        ("The report was published on the 22nd of December, 2021.", "the 22nd of December, 2021", "2021-12-22", DAY,
         "2021-12-22", "2021-12-22"),
        ("Output fell in Dec. 2021 and recovered.", "Dec. 2021", "2021-12", MONTH, "2021-12-01", "2021-12-31"),
        ("The decree is dated 25.02.2022 in Minsk.", "25.02.2022", "2022-02-25", DAY, "2022-02-25", "2022-02-25"),
        ("The memo is dated 2/25/2022 in Ohio.", "2/25/2022", "2022-02-25", DAY, "2022-02-25", "2022-02-25"),
        ("The memo is dated 25/2/2022 in Kent.", "25/2/2022", "2022-02-25", DAY, "2022-02-25", "2022-02-25"),
    ],
)
def test_dates_with_their_year(body, text, value, precision, first, last):
    date = only(body, text)
    assert (date.value, date.precision, date.range_start, date.range_end) == (value, precision, first, last)
    assert date.resolved
    assert date.rule in ("year stated with the date", "decade stated in the text")


def test_seasons_need_a_year_or_a_date_word():
    _, dates = dates_of("Leaves fall in a hot spring. Talks resume in spring. They met in June 2022.")
    assert [(d.text, d.value) for d in dates] == [("spring", "2022-SP"), ("June 2022", "2022-06")]


def test_year_inferred_from_a_dated_month_elsewhere_in_the_article():
    body = ("The ministry announced the drills on December 22. Earlier, in October 2022, the leaders met. "
            "Units have trained since October and will finish by mid-December. A summit took place around "
            "December 19.")
    article, dates = dates_of(body)
    by_text = {d.text: d for d in dates}
    assert by_text["December 22"].value == "2022-12-22"
    assert "latest month-and-year date in the article ('October 2022'" in by_text["December 22"].rule
    assert (by_text["since October"].value, by_text["since October"].precision) == ("2022-10", MONTH)
    assert by_text["since October"].qualifier == "since"
    mid = by_text["by mid-December"]
    assert (mid.value, mid.precision, mid.range_start, mid.range_end, mid.qualifier) == (
        "2022-12", APPROXIMATE, "2022-12-11", "2022-12-20", "by")
    around = by_text["around December 19"]
    assert (around.value, around.precision, around.range_start, around.range_end) == (
        "2022-12-19", APPROXIMATE, "2022-12-16", "2022-12-22")
    for date in dates:
        assert article.text[date.start:date.end] == date.text


def test_target_years_never_lend_their_year_and_today_is_never_used():
    date = only("The plan runs until 2030, since 1997. Talks resumed on 3 March.", "3 March")
    assert date.value == "XXXX-03-03" and not date.resolved and date.precision == DAY
    assert "year unknown" in date.rule and date.range_start is None


def test_latest_plain_year_when_no_month_has_a_year():
    date = only("In 1998 the party left. In 2006 it returned, and on 3 March it voted.", "3 March")
    assert date.value == "2006-03-03" and "latest plain year" in date.rule


@pytest.mark.parametrize(
    ("published", "value", "rule_part"),
    [("2023-01-05", "2022-12-22", "publication date 2023-01-05"),
     ("2022-12-30T10:00:00Z", "2022-12-22", "publication date 2022-12-30")],
)
def test_year_from_the_publication_date_is_the_nearest(published, value, rule_part):
    date = only("Ministers met on December 22 to agree the budget.", "December 22", published=published)
    assert date.value == value and rule_part in date.rule


GDELT_NAME = "20220314T233000Z_GB_en_0a1b2c3d4e.txt"


@pytest.mark.parametrize(
    ("name", "body", "published", "yesterday", "file_name_date"),
    [
        # the file name's timestamp is the publication date when nothing else gives one
        (GDELT_NAME, "Dock workers walked out yesterday.", None, "2022-03-13", "2022-03-14"),
        # the dateline's date comes before it, and the file name gives the dateline its year
        (GDELT_NAME, "ROME, March 10 (Reuters) - Dock workers walked out yesterday.", None, "2022-03-09",
         "2022-03-14"),
        # a given publication date comes before both
        (GDELT_NAME, "ROME, March 10 (Reuters) - Dock workers walked out yesterday.", "2022-03-20", "2022-03-19",
         "2022-03-14"),
        # a bare number is no timestamp (it may be an id): no publication date
        ("20220314_GB_en.txt", "Dock workers walked out yesterday.", None, None, None),
    ],
)
def test_publication_date_precedence_with_a_file_name_timestamp(write_article, name, body, published, yesterday,
                                                                 file_name_date):
    analysis = ArticleAnalysis.load(write_article(name, f"Port Strike\n\n{body}\n"), published=published)
    assert {d.text: d.value for d in analysis.dates}["yesterday"] == yesterday
    assert analysis.to_dict()["source"]["file_name_date"] == file_name_date


def test_publication_date_from_html_metadata(write_article):
    page = ("<html><head><title>Port Strike</title><meta property=\"article:published_time\" "
            "content=\"2023-03-14T08:00:00Z\"></head><body><article><h1>Port Strike</h1>"
            "<p>Dock workers walked out yesterday. The union said talks would resume on Friday.</p>"
            "</article></body></html>")
    article = load_article(write_article("20220101T000000Z_strike.html", page))  # the metadata comes first
    by_text = {d.text: d for d in extract_dates(article)}
    assert by_text["yesterday"].value == "2023-03-13"
    assert by_text["Friday"].value == "2023-03-17"  # "would resume": the Friday after publication (a Tuesday)
    assert all(d.relative for d in by_text.values())


@pytest.mark.parametrize(
    ("body", "text", "value", "precision"),
    [
        ("Prices fell earlier this month, traders said.", "earlier this month", "2022-12", APPROXIMATE),
        ("The minister resigned last week.", "last week", "2022-W50", APPROXIMATE),
        ("Turnout was low last year.", "last year", "2021", YEAR),
        ("Police arrived on Monday.", "Monday", "2022-12-19", DAY),
        ("The bill passes next Monday, aides hope.", "next Monday", "2022-12-26", DAY),
        ("The report came out two weeks ago.", "two weeks ago", "2022-W49", APPROXIMATE),  # a week, as TimeML
        ("The report came out a week ago.", "a week ago", "2022-12-16", APPROXIMATE),  # about that day
        ("The ferry sank yesterday.", "yesterday", "2022-12-22", DAY),
    ],
)
def test_expressions_relative_to_the_publication_date(body, text, value, precision):
    date = only(body, text, published="2022-12-23")  # a Friday
    assert (date.value, date.precision, date.relative) == (value, precision, True)
    assert "publication date 2022-12-23" in date.rule


def test_relative_expressions_without_publication_date_are_unresolved():
    article, dates = dates_of("Police arrived on Monday. The minister resigned last week.")
    assert [(d.text, d.value, d.resolved) for d in dates] == [("Monday", None, False), ("last week", None, False)]
    assert all("publication date" in d.rule for d in dates)


def test_expressions_anchored_to_the_previous_date():
    body = ("Talks began on March 3, 2021. They collapsed the next day. Two weeks later the sides met again. "
            "A deal followed the following month.")
    _, dates = dates_of(body)
    assert [(d.text, d.value, d.precision) for d in dates] == [
        ("March 3, 2021", "2021-03-03", DAY),
        ("the next day", "2021-03-04", DAY),
        ("Two weeks later", "2021-03-18", DAY),
        ("the following month", "2021-04", MONTH),
    ]
    assert "'Two weeks later' (2021-03-18)" in dates[3].rule


def test_anchor_missing_or_sequence_word_marks_the_date_unresolved():
    _, dates = dates_of("The strike ended the next day. Earlier, the union had warned of action.")
    assert [(d.text, d.value, d.resolved) for d in dates] == [("the next day", None, False),
                                                               ("Earlier", None, False)]
    assert dates[1].qualifier == "before" and "no earlier date" in dates[1].rule


def test_names_and_quantities_are_not_dates():
    _, dates = dates_of("Theresa May said the plant employs 2000 people. Prime Minister May visited it.")
    assert dates == []


def test_durations_are_not_listed_but_other_date_entities_are_kept():
    _, dates = dates_of("The programme lasted nine months. Fighting stopped during the holiday season.")
    assert [d.text for d in dates] == ["the holiday season"]
    assert dates[0].value is None and dates[0].source == "spacy"


def test_date_entities_without_a_word_of_time_are_dropped():
    text = "Test Article\n\nThe minister, Jan Stauber, met the Olympic team."
    article = load_article(text)
    words = [article.doc.char_span(text.index(w), text.index(w) + len(w), label="DATE") for w in ("Stauber", "Olympic")]
    # whatever the model says, a name or an adjective taken for a date is no date
    kept = [e for e in article.doc.ents if not any(e.start < w.end and w.start < e.end for w in words)]
    article.doc.ents = kept + words
    assert [e.label_ for e in article.doc.ents if e.text in ("Stauber", "Olympic")] == ["DATE", "DATE"]
    assert extract_timexes(article, published="2022-12-23") == []


def test_bad_publication_date_is_a_clear_error():
    with pytest.raises(ArticleError, match="not an ISO date"):
        parse_published("23/12/2022")


def test_default_article_dates(default_article_path):
    article = load_article(default_article_path)
    values = [(d.text, d.value, d.precision) for d in extract_dates(article)]
    assert values == [
        ("December 22", "2022-12-22", DAY),
        ("since October", "2022-10", MONTH),
        ("October 2022", "2022-10", MONTH),
        ("since October 22", "2022-10-22", DAY),
        ("By mid-December", "2022-12", APPROXIMATE),
        ("around December 19", "2022-12-19", APPROXIMATE),
        ("December 19", "2022-12-19", DAY),
    ]


def test_analyze_json_dates_and_events_round_trip(default_article_path):
    result = analyze(default_article_path)
    assert_offsets_round_trip(result)
    text = result["text"]
    assert result["dates"] and result["events"]
    for date in result["dates"]:
        assert text[date["start"]:date["end"]] == date["text"]
        assert set(date) >= {"text", "start", "end", "value", "precision", "paragraph_id", "rule"}
    for event in result["events"]:
        assert text[event["start"]:event["end"]] == event["text"]
        assert text[event["date_start"]:event["date_end"]] == event["date_text"]
        assert event["date_start"] >= event["start"] and event["date_end"] <= event["end"]


def test_events_one_per_dated_sentence_with_its_actors():
    body = ("In October 1989 the court met, and in June 1991 it ruled. Anna Berg spoke on 3 March 2020. "
            "Nobody knows when the report will be out.")
    article = load_article("Test Article\n\n" + body)
    mentions = [{"actor_id": "berg", "start": article.text.index("Anna Berg"),
                 "end": article.text.index("Anna Berg") + len("Anna Berg")}]
    dates = extract_dates(article)
    events = extract_events(article, dates, mentions=mentions, actors=[{"id": "berg", "name": "Anna Berg"}])
    assert [(e.date_text, e.value, e.actors) for e in events] == [
        ("October 1989", "1989-10", ()), ("3 March 2020", "2020-03-03", ("Anna Berg",))]
    assert events[1].actor_ids == ("berg",)
    for event in events:
        assert article.text[event.start:event.end] == event.text


def test_unresolved_dates_make_no_events():
    article = load_article("Test Article\n\nThe strike ended the next day. Police arrived on Monday.")
    assert extract_events(article, extract_dates(article)) == []


def test_timeline_chart_draws_each_event_on_a_date_axis(default_article_path):
    from matplotlib.figure import Figure

    from analysis.charts.timeline import plot_timeline

    article = load_article(default_article_path)
    events = extract_events(article, extract_dates(article))
    figure = plot_timeline(events)
    assert isinstance(figure, Figure)
    ax = figure.axes[0]
    assert ax.get_title() == "Timeline of dated events" and "Date, 2022" in ax.get_xlabel()
    labels = assert_tick_labels_apart(figure, "y")
    assert len(labels) == len(events) and labels[0].startswith("since October")
    assert len(ax.patches) == sum(e.precision != "day" for e in events)  # spans drawn as bars


def test_timeline_chart_without_events_says_so():
    from analysis.charts.timeline import plot_timeline

    figure = plot_timeline([])
    assert "No sentence" in figure.axes[0].texts[0].get_text()


def test_cli_publication_date(write_article, capsys):
    import json

    from analysis.cli import main

    path = write_article("ferry.txt", "Ferry Sinks\n\nThe ferry sank yesterday, officials said.\n")
    assert main(["analyze", str(path), "--published", "2023-03-14"]) == 0
    dates = json.loads(capsys.readouterr().out)["dates"]
    assert [(d["text"], d["value"]) for d in dates] == [("yesterday", "2023-03-13")]
    assert main(["analyze", str(path), "--published", "14.03.2023"]) == 2
    assert "not an ISO date" in capsys.readouterr().err


def test_a_flashback_does_not_pull_later_dates_back_a_year():
    body = ("The ministry said on January 9, 2023 that drills would begin in mid-January. Two days later it "
            "published a schedule running until the end of the month. In December 2022, the two governments "
            "signed a pact. Around January 20, the fleet left port. By late February, the drills had ended.")
    _, dates = dates_of(body)
    assert [(d.text, d.value, d.precision) for d in dates] == [
        ("January 9, 2023", "2023-01-09", DAY),
        ("mid-January", "2023-01", APPROXIMATE),
        ("Two days later", "2023-01-11", DAY),
        ("until the end of the month", "2023-01", APPROXIMATE),
        ("December 2022", "2022-12", MONTH),
        ("Around January 20", "2023-01-20", APPROXIMATE),
        ("By late February", "2023-02", APPROXIMATE),
    ]
    assert dates[3].range_start == "2023-01-21" and dates[3].qualifier == "until"


@pytest.mark.parametrize("text", [
    "Since mid-December 2022 the talks, held around December 19 and on Monday, 3rd of March, stalled.",
    "In the first quarter of 2021 and in Q3 2020, sales fell; by the late 1990s, in spring 2019, they rose.",
    "The report (2023-01-05) covers May, early March and the end of October 2022, not 12 May.",
    "Nothing here is a date: the fall of the striker, a summer job, and 42 goals.",
])
def test_prefixed_patterns_find_exactly_what_the_full_pattern_finds(text):
    from analysis.dates import CALENDAR_PATTERNS, PERIOD_PATTERNS

    for prefixed in CALENDAR_PATTERNS + PERIOD_PATTERNS:
        expected = [(m.span(), m.groupdict()) for m in prefixed.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in prefixed.finditer(text)] == expected


@pytest.mark.parametrize(("text", "matches", "words"), [
    ("Sales rose in the latest PERİOD.", "period", ("period",)),  # a dotted capital I
    ("Sales rose in the latest perıod.", "period", ("period",)),  # a dotless i
    ("They are at preſent abroad.", "reference", ("present",)),  # a long s
])
def test_word_prefilter_keeps_what_ignorecase_matches(text, matches, words):
    """The words test runs before a case-insensitive pattern: letters that such a pattern matches to
    ASCII ones must not make the sentence look as if it lacked the word."""
    from analysis.dates.measures import reference_matches
    from analysis.dates.patterns import PERIOD_PATTERNS
    from analysis.wordcase import holds_word, lowered_for_words

    lowered = lowered_for_words(text)
    assert holds_word(lowered, words)
    found = {"period": lambda: [m for p in PERIOD_PATTERNS for m in p.finditer(text, lowered)],
             "reference": lambda: list(reference_matches(text, lowered))}[matches]()
    assert found


@pytest.mark.parametrize(("body", "expected"), [
    ("They left FİVE DAYS AGO.", ("DATE", "2022-12-18")),  # a count word read through its table
    ("Talks are held DAİLY.", ("SET", "P1D")),  # a set adverb read through its table
])
def test_letters_that_ignorecase_matches_read_like_their_ascii_letters(body, expected):
    """A case-insensitive pattern matches "FİVE" (a dotted capital I), but ``str.lower`` makes "fi̇ve" of it:
    the word tables are read through ``lowered_for_words``, so the value is found and nothing raises."""
    _, timexes = timexes_of(body)
    assert [(timex.type, timex.value) for timex in timexes] == [expected]


# --- TimeML time expressions (`timexes`) ---------------------------------------------------------


def timexes_of(body: str, *, published="2022-12-23"):  # a Friday
    article = load_article("Test Article\n\n" + body)
    return article, extract_timexes(article, published=published)


def only_timex(body: str, text: str, *, published="2022-12-23"):
    article, timexes = timexes_of(body, published=published)
    matching = [t for t in timexes if t.text == text]
    assert len(matching) == 1, [(t.text, t.value) for t in timexes]
    assert article.text[matching[0].start:matching[0].end] == text
    return matching[0]


@pytest.mark.parametrize(
    ("body", "text", "kind", "value", "mod", "quant"),
    [
        ("The strike lasted three days.", "three days", "DURATION", "P3D", None, None),
        ("Prices rose over the past two months.", "the past two months", "DURATION", "P2M", None, None),
        ("They have argued for several years.", "several years", "DURATION", "PXY", None, None),
        ("He was held for at least 72 hours.", "at least 72 hours", "DURATION", "PT72H", "EQUAL_OR_MORE", None),
        ("She signed a two-year contract.", "two-year", "DURATION", "P2Y", None, None),
        ("The talks took 2 1/2 hours.", "2 1/2 hours", "DURATION", "PT2H30M", None, None),
        # "pre-" / "post-" a year: the year, its signal in the word
        ("The post-1959 politics split families.", "post-1959", "DATE", "1959", None, None),
        # "early" / "late" before "this / last / next" + unit: one expression with its modifier
        ("Late last week, representatives met.", "Late last week", "DATE", "2022-W50", "END", None),
        ("It hopes to close the deal early next year.", "early next year", "DATE", "2023", "START", None),
        # a half: "half a year", "a year and a half", "a decade and a half"
        ("It took more than half a year to recover.", "more than half a year", "DURATION", "P6M", "MORE_THAN", None),
        ("They waited a year and a half.", "a year and a half", "DURATION", "P1Y6M", None, None),
        ("He ruled for a decade and a half.", "a decade and a half", "DURATION", "P15Y", None, None),
        ("Talks lasted two and a half days.", "two and a half days", "DURATION", "P2DT12H", None, None),
        ("The call lasted half an hour.", "half an hour", "DURATION", "PT30M", None, None),
        ("Inspectors visit every week.", "every week", "SET", "P1W", None, "EVERY"),
        ("Elections are held every four years.", "every four years", "SET", "P4Y", None, "EVERY"),
        ("The bins are emptied every other week.", "every other week", "SET", "P2W", None, "EVERY"),
        ("The board meets twice a month.", "twice a month", "SET", "P1M", None, None),
        ("Take the pills three times a day.", "three times a day", "SET", "P1D", None, None),
        ("The paper is printed daily.", "daily", "SET", "P1D", None, None),
        ("A third flight leaves each Thursday.", "each Thursday", "SET", "XXXX-WXX-4", None, "EACH"),
        ("The market opens on Sundays.", "Sundays", "SET", "XXXX-WXX-7", None, None),
        ("Floods come every July.", "every July", "SET", "XXXX-07", None, "EVERY"),
        ("Prices fell in January nineteen ninety-seven.", "January nineteen ninety-seven", "DATE", "1997-01", None,
         None),
        ("It was cold in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE",
         "1994-WI", None, None),
        ("Computers may fail in the year two thousand.", "the year two thousand", "DATE", "2000", None, None),
        ("Prices are now higher.", "now", "DATE", "PRESENT_REF", None, None),
        ("Talks can resume now that the strike is over.", "now", "DATE", "PRESENT_REF", None, None),
        ("He recently moved abroad.", "recently", "DATE", "PAST_REF", None, None),
        ("The plant may close in the future.", "the future", "DATE", "FUTURE_REF", None, None),
        ("Sales should rise in future quarters.", "future quarters", "DATE", "FUTURE_REF", None, None),
        ("The vote was put off to a later date.", "a later date", "DATE", "FUTURE_REF", None, None),
        ("It may join in the distant future -- a red line.", "the distant future", "DATE", "FUTURE_REF", None, None),
        ("Between the 20th century and the present day, much changed.", "the present day", "DATE", "PRESENT_REF",
         None, None),
        ("In recent years prices rose.", "recent years", "DATE", "PAST_REF", None, None),
        ("The vote came on Wednesday night.", "Wednesday night", "DATE", "2022-12-21", None, None),
        ("The vote comes tonight.", "tonight", "TIME", "2022-12-23TNI", None, None),
        ("The wall fell in the 20th century.", "the 20th century", "DATE", "19", None, None),
        ("The bridge was built in the nineteenth century.", "the nineteenth century", "DATE", "18", None, None),
        ("Music changed in the '80s.", "the '80s", "DATE", "198", None, None),
        ("Music changed in the late nineties.", "the late nineties", "DATE", "199", "END", None),
        ("Wars broke out in the late 90s.", "the late 90s", "DATE", "199", "END", None),
        ("Crime fell through the 70s.", "the 70s", "DATE", "197", None, None),
        ("Crime fell through the nineties.", "the nineties", "DATE", "199", None, None),
        ("For the year ended June 30, profit rose.", "the year", "DURATION", "P1Y", None, None),
        ("Prices rose 9% in the year to March.", "the year", "DURATION", "P1Y", None, None),
        ("Shots were heard at 10:35 a.m. near the port.", "10:35 a.m.", "TIME", "2022-12-23T10:35", None, None),
        ("Shares slid in mid-afternoon trading.", "mid-afternoon", "TIME", "2022-12-23TAF", "MID", None),
        ("They held a third day-long meeting.", "day-long", "DURATION", "P1D", None, None),
        ("The decades-long conflict ended.", "decades-long", "DURATION", "PXY", None, None),
        ("A two-day-long meeting ended.", "two-day-long", "DURATION", "P2D", None, None),
        ("The blast came at mid afternoon yesterday.", "mid afternoon yesterday", "TIME", "2022-12-22TAF", "MID", None),
        ("Work starts in early 2023.", "early 2023", "DATE", "2023", "START", None),
        ("Prices rose at the end of last year.", "the end of last year", "DATE", "2021", "END", None),
        ("Shares will be sent at the end of this week.", "the end of this week", "DATE", "2022-W51", "END", None),
        ("Talks resume at the beginning of next month.", "the beginning of next month", "DATE", "2023-01", "START",
         None),
        ("Rents doubled during the 1990s.", "the 1990s", "DATE", "199", None, None),
        # a company's year keeps "fiscal" (or "FY") in the expression; quarters and halves as analysts write them
        ("In fiscal 1989, the company earned $7.8 million.", "fiscal 1989", "DATE", "1989", None, None),
        ("Sales fell in fiscal year 2021, the company said.", "fiscal year 2021", "DATE", "2021", None, None),
        ("The company expects FY2024 revenue to grow.", "FY2024", "DATE", "2024", None, None),
        ("Sales in FY23 fell, the company said.", "FY23", "DATE", "2023", None, None),
        ("Sales in the 2021 fiscal year rose, the company said.", "the 2021 fiscal year", "DATE", "2021", None, None),
        ("Sales rose 4% in 3Q21, the company said.", "3Q21", "DATE", "2021-Q3", None, None),
        ("Profit in Q3 rose to $2 billion, the company said.", "Q3", "DATE", "2022-Q3", None, None),
        ("Revenue grew in Q2 of fiscal 2021, the company said.", "Q2 of fiscal 2021", "DATE", "2021-Q2", None, None),
        ("Sales in H1 2021 rose, the company said.", "H1 2021", "DATE", "2021-H1", None, None),
        ("Apple's Q4 results beat forecasts.", "Q4", "DATE", "2022-Q4", None, None),
        ("Sales in Q3'21 grew, the company said.", "Q3'21", "DATE", "2021-Q3", None, None),
    ],
)
def test_timex_types_values_and_modifiers(body, text, kind, value, mod, quant):
    timex = only_timex(body, text)
    assert (timex.type, timex.value, timex.mod, timex.quant) == (kind, value, mod, quant)


@pytest.mark.parametrize(
    ("body", "word", "text"),
    [("Units have trained since October.", "since", "October"), ("The plan runs until 2030.", "until", "2030"),
     ("The deal is due By mid-January.", "By", "mid-January")],
)
def test_signal_words_stay_outside_the_timeml_span(body, word, text):
    timex = only_timex(body, text)
    assert timex.qualifier == word.lower()
    article, dates = dates_of(body, published="2022-12-23")
    assert [d.text for d in dates] == [f"{word} {text}"]  # `dates` keeps the qualifier in its span


def test_durations_sets_and_reference_words_are_not_on_the_timeline():
    article, timexes = timexes_of("Now the talks, held every week for three days, resumed on 5 May 2022.")
    assert {t.type for t in timexes} == {"DATE", "SET", "DURATION"}
    dates = extract_dates(article, published="2022-12-23")
    assert [d.text for d in dates] == ["5 May 2022"]
    linked = [t for t in timexes if t.date_index is not None]
    assert [(t.text, dates[t.date_index].text) for t in linked] == [("5 May 2022", "5 May 2022")]
    assert all(t.date_index is None for t in timexes if t.type in ("SET", "DURATION"))


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        # past tense: the latest such month up to publication; future tense: the next one
        ("Output fell in October, the ministry said.", "October", "2022-10"),
        ("The factory reopened in February.", "February", "2022-02"),
        ("The factory will reopen in February.", "February", "2023-02"),
        ("Negotiators met on January 4 and agreed a text.", "January 4", "2022-01-04"),
        ("Negotiators will meet on January 4.", "January 4", "2023-01-04"),
        # "last", "next", "this" and "last year" decide alone
        ("Elections were held last May.", "last May", "2022-05"),
        ("Elections are due next May.", "next May", "2023-05"),
        ("Sales grew in June last year.", "June last year", "2021-06"),
        ("He died on March 3 last year.", "March 3 last year", "2021-03-03"),
        ("Talks start on 1 June next year.", "1 June next year", "2023-06-01"),
        ("It opened in the spring of last year.", "the spring of last year", "2021-SP"),
        ("It opens in the summer of next year.", "the summer of next year", "2023-SU"),
        ("The bridge opened last summer.", "last summer", "2022-SU"),
        ("The plant closes this spring.", "this spring", "2022-SP"),
        # weekdays: back to the publication day, forward in the future tense
        ("Talks resumed Monday after a pause.", "Monday", "2022-12-19"),
        ("Talks are set to resume Monday after a pause.", "Monday", "2022-12-26"),
        ("Talks will resume Monday after a pause.", "Monday", "2022-12-26"),
        # "this" looks ahead in its week unless the verb is past; "this coming" is the next one
        ("The vote is this Sunday.", "this Sunday", "2022-12-25"),
        ("Police came this Monday.", "this Monday", "2022-12-19"),
        ("Women's Day is this coming Sunday.", "this coming Sunday", "2022-12-25"),
        # a weekday of a week named from the publication's
        ("The deal was signed on Tuesday last week.", "Tuesday last week", "2022-12-13"),
        ("They meet on Friday next week.", "Friday next week", "2022-12-30"),
        # quarters without a year: earnings-news conventions
        ("Profit rose in the third quarter.", "the third quarter", "2022-Q3"),
        ("Profit rose 5% in the fourth quarter.", "the fourth quarter", "2022-Q4"),
        ("Third-quarter profit rose to $5 million from $3 million a year ago.", "a year ago", "2021-Q3"),
        ("Net income rose in the second quarter. A year earlier it had fallen.", "A year earlier", "2021-Q2"),
        # "a year earlier" two sentences after the quarter is still that quarter a year back
        ("Net income rose in the second quarter. Revenue grew 8%. A year earlier it had fallen.", "A year earlier",
         "2021-Q2"),
        ("Sales fell in the latest quarter.", "the latest quarter", "2022-Q3"),
        # ... but after a quarter the story named, "the latest period" is that one
        ("Net fell in the fiscal fourth quarter. Sales rose in the latest period.", "the latest period", "2022-Q4"),
        ("Sales fell in the current quarter.", "the current quarter", "2022-Q4"),
        # "last quarter", "next quarter" from the publication's; "the last quarter of 2021" the year's fourth
        ("Profit rose last quarter.", "last quarter", "2022-Q3"),
        ("Growth will slow next quarter.", "next quarter", "2023-Q1"),
        ("Sales fell in the last quarter of 2021.", "the last quarter of 2021", "2021-Q4"),
        ("Profit rose in the third quarter, more than in the year-ago quarter.", "the year-ago quarter",
         "2021-Q3"),
        ("The company reported a loss in the 2020 second quarter.", "the 2020 second quarter", "2020-Q2"),
        # "the quarter ended July 31": the calendar quarter it mostly covers, unless a quarter was named before
        ("In the quarter ended July 31, the company earned $5 million.", "the quarter", "2022-Q2"),
        ("Net rose in the fiscal first quarter. Sales grew in the quarter ended Sept. 30.", "the quarter",
         "2022-Q1"),
        # "the quarter" is the story's, not the one it is compared with or a forecast's
        ("Net rose in the third quarter. In the 2021 period it fell. Sales grew in the quarter.", "the quarter",
         "2022-Q3"),
        ("Net rose in the second quarter and may grow through the first quarter of 2023. A year earlier it fell.",
         "A year earlier", "2021-Q2"),
        # ... the first one it names, not a later one it is compared with
        ("Profit rose in the third quarter after a flat second quarter. Sales grew. The year-earlier period was "
         "weak.", "The year-earlier period", "2021-Q3"),
        # after nine months of results in the sentence, a comparison is those months a year back: the year
        ("Net rose in the third quarter. For the nine months, net rose from $3 a year earlier.", "a year earlier",
         "2021"),
        ("Net rose in the third quarter. In the first nine months, net fell below the 2021 period.",
         "the 2021 period", "2021"),
        ("Net rose in the third quarter. For the nine months, it fell below year-earlier net of $4.", "year-earlier",
         "2021"),
        # ... unless the comparison itself names the quarter
        ("Net rose in the third quarter. For the nine months, and in the year-ago quarter, it fell.",
         "the year-ago quarter", "2021-Q3"),
    ],
)
def test_values_by_tense_last_next_and_earlier_quarters(body, text, value):
    assert only_timex(body, text).value == value
    assert only(body, text, published="2022-12-23").value == value


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        # holidays: the day in the year chosen like a month and day without one
        ("Fighting will stop at Christmas.", "Christmas", "2022-12-25"),
        ("Shops closed on Thanksgiving Day.", "Thanksgiving Day", "2022-11-24"),
        ("Turnout was low last Thanksgiving.", "last Thanksgiving", "2022-11-24"),
        ("Crowds gathered on New Year's Day 2021.", "New Year's Day 2021", "2021-01-01"),
        ("The church will be full at Easter.", "Easter", "2023-04-09"),
        ("Voters went to the polls on Election Day.", "Election Day", "2022-11-08"),
        # "Easter week": the ISO week holding the day ("Easter weekend" stays the day)
        ("Pilgrims arrived as Easter week began.", "Easter week", "2022-W15"),
        ("Pilgrims arrived on Easter weekend.", "Easter", "2022-04-17"),
        # weekends: the ISO week's weekend, back in the past tense, ahead in the future tense
        ("Protests spread over the weekend.", "the weekend", "2022-W50-WE"),
        ("Protests will spread over the weekend.", "the weekend", "2022-W51-WE"),
        # "this past weekend" is the last one, "this coming weekend" the next one (published on a Friday)
        ("Protests spread this past weekend.", "this past weekend", "2022-W50-WE"),
        ("Protests may spread this coming weekend.", "this coming weekend", "2022-W51-WE"),
        ("Protests are planned for next weekend.", "next weekend", "2022-W52-WE"),
        # anchored to the date before: "that day", "later that year", "that week"
        ("The ship sank on May 3, 2019. Rescuers arrived that day.", "that day", "2019-05-03"),
        ("He fled in June 2019 and returned later that year.", "later that year", "2019"),
        ("Talks began on May 3, 2019. That week the talks stalled.", "That week", "2019-W18"),
        ("He left Paris in 2001, a decade ago.", "a decade ago", "2012"),
        # "earlier / later in the day (week ...)": the story's day, the publication's when it names none
        ("Talks began on May 3, 2019. Later in the week they stalled.", "Later in the week", "2019-W18"),
        ("The president arrived in Philadelphia later in the day.", "later in the day", "2022-12-23"),
        ("Sales fell in 2020. Prices rose. Wages fell. Use was delayed earlier in the year.", "earlier in the year",
         "2022"),
        ("He called a week or so ago.", "a week or so ago", "2022-12-16"),
        ("Prices fell for the year, the company said.", "the year", "2022"),
        ("The Pope spoke of peace in this century.", "this century", "20"),
        # plans and "as soon as" look ahead
        ("The group could leave as soon as Tuesday.", "Tuesday", "2022-12-27"),
        ("Protesters planned a march on Saturday.", "Saturday", "2022-12-24"),
        ("Trading is to resume Tuesday.", "Tuesday", "2022-12-27"),
        ("Her lawyer said she would fly home Tuesday.", "Tuesday", "2022-12-27"),
        # a gerund with no auxiliary has the tense of the verb above it
        ("He will visit Kyiv, arriving Tuesday with his wife.", "Tuesday", "2022-12-27"),
        ("The company completed the sale, with holders tendering their shares by the Tuesday deadline.", "Tuesday",
         "2022-12-20"),
        # a clock time without a day word is on the day the story just named
        ("The ship sank on May 3, 2019. It went down at 6 a.m. in fog.", "6 a.m.", "2019-05-03T06:00"),
        ("By year-end the plant will close.", "year-end", "2022"),
        ("Crime rose over the past year.", "the past year", "2021"),
        ("Shares fell 3% for the week.", "the week", "2022-W51"),
        ("The strike began on Wednesday, May 1, 2019, and ended the following Monday.", "the following Monday",
         "2019-05-06"),
        ("Sales will rise in the second half of next year.", "the second half of next year", "2023-H2"),
        ("First-half profit rose.", "First-half", "2022-H1"),
        ("Output fell in the first half of 2020.", "the first half of 2020", "2020-H1"),
        # counted forward from the publication date
        ("The vote is two weeks from now.", "two weeks from now", "2023-W01"),
        ("Sales rose in the third quarter. A year from now they will fall.", "A year from now", "2023"),
        ("The plant opens ten days hence.", "ten days hence", "2023-01-02"),
        # "fortnight" (British news): two weeks
        ("The minister resigned a fortnight ago.", "a fortnight ago", "2022-W49"),
        ("They travel to Paris in a fortnight.", "a fortnight", "P2W"),
        ("The council meets fortnightly.", "fortnightly", "P2W"),
        # "prior" as "previous"; years counted from a season or a quarter of one year
        ("The law took effect on March 3, 2019. The prior week, protests began.", "The prior week", "2019-W08"),
        ("Profit rose in the third quarter of 2021 from the prior quarter.", "the prior quarter", "2021-Q2"),
        ("The law took effect in spring 2019. A year later it was repealed.", "A year later", "2020"),
        ("Output fell in the third quarter of 2019. Two years later it recovered.", "Two years later", "2021"),
    ],
)
def test_holidays_weekends_anchors_and_plans(body, text, value):
    assert only_timex(body, text).value == value


@pytest.mark.parametrize(
    ("body", "text", "published", "value"),
    [
        ("Fighting stopped at Christmas.", "Christmas", "2023-01-10", "2022-12-25"),
        # a date just past the publication date keeps its year whatever the tense
        ("The offer was extended to Nov. 20.", "Nov. 20", "2022-11-02", "2022-11-20"),
        ("Officials will decide in November.", "November", "2022-11-20", "2022-11"),
        ("The offer was extended in March.", "March", "2022-11-02", "2022-03"),
        # the weekday written with a date decides between the years next to each other
        ("The hearing is set for Monday, Jan. 4.", "Monday, Jan. 4", "2021-06-15", "2021-01-04"),
        ("The hearing is set for Jan. 4.", "Jan. 4", "2021-06-15", "2022-01-04"),
        # "set for" a date looks ahead; a record "set on" a date is behind
        ("Stocks rose to within 70 points of the record high set on Aug. 6.", "Aug. 6", "2021-02-06", "2020-08-06"),
        # a postponement "until" a day puts it ahead; the past perfect puts even a deadline behind
        ("The hearing was postponed until Tuesday.", "Tuesday", "2000-03-30", "2000-04-04"),
        ("The judge delayed the ruling until Monday.", "Monday", "2000-03-30", "2000-04-03"),
        ("The strike lasted until Tuesday.", "Tuesday", "2000-03-30", "2000-03-28"),
        ("The vote was put off until Tuesday.", "Tuesday", "2000-03-30", "2000-04-04"),
        ("They put up with it until Tuesday.", "Tuesday", "2000-03-30", "2000-03-28"),
        # ... a "by" above the date's own preposition is no deadline for it
        ("Biden says he stands by his vow in March that Putin must go.", "March", "2022-05-01", "2022-03"),
        ("He must repay it by the end of February.", "the end of February", "2022-05-01", "2023-02"),
        ("The offer had been due to expire Friday.", "Friday", "1989-10-30", "1989-10-27"),
        ("The payment is due Friday.", "Friday", "1989-10-30", "1989-11-03"),
        # a day of the month in words (broadcast transcripts)
        ("The day is this coming Sunday, March eighth.", "Sunday, March eighth", "1998-03-05", "1998-03-08"),
        ("The vote is on the twenty-first of May.", "the twenty-first of May", "2021-04-02", "2021-05-21"),
        # no tense: the publication's year within half a year, the year before when nearer, the year
        # after only within a season
        ("Sanctions since 24 February hurt.", "24 February", "2022-09-16", "2022-02-24"),
        ("The October talks remain a model.", "October", "2023-01-10", "2022-10"),
        ("The January talks remain the goal.", "January", "2022-12-10", "2023-01"),
        ("The plant closes by the end of the year.", "the end of the year", "2022-09-16", "2022"),
        # a winter in January or February began the December before: counted once
        ("The offensive began in the winter.", "the winter", "2022-02-10", "2021-WI"),
        ("In winter, the muddy plains freeze.", "winter", "2022-02-10", "2021-WI"),
        # "last" is the latest season over, "this" the one under way, "next" the next to begin
        ("Troops suffered last winter.", "last winter", "2022-02-10", "2020-WI"),
        ("Troops suffer this winter.", "this winter", "2022-02-10", "2021-WI"),
        ("Troops will suffer next winter.", "next winter", "2022-02-10", "2022-WI"),
        ("The bridge opened last summer.", "last summer", "2022-09-15", "2022-SU"),
        # "last March" in March is a year back; the month is over only at its end
        ("We met last March.", "last March", "2022-03-15", "2021-03"),
        ("We met last February.", "last February", "2022-03-15", "2022-02"),
    ],
)
def test_year_by_tense_window_and_weekday(body, text, published, value):
    assert only_timex(body, text, published=published).value == value


def test_the_quarter_just_ended_is_still_this_years_in_the_future_tense():
    body = "The company expects to report a third-quarter loss. The quarter was hard; a year earlier it gained."
    article, timexes = timexes_of(body, published="2022-10-20")
    values = {t.text: t.value for t in timexes}
    assert values["third-quarter"] == values["The quarter"] == "2022-Q3"
    assert values["a year earlier"] == "2021-Q3"


def test_a_year_ago_without_a_quarter_is_counted_from_the_publication_date():
    assert only_timex("A year ago the town had no school.", "A year ago").value == "2021"


def test_the_nth_day_of_something_now_is_the_publication_day():
    assert only_timex("Today is the eighth day of the blockade.", "the eighth day").value == "2022-12-23"
    article, timexes = timexes_of("He was sworn in on his first day in office.")
    assert timexes == []


def test_a_clock_time_before_its_day_is_one_time_on_that_day():
    timex = only_timex("The offer expired at 5 p.m. EST, Nov. 9, 2022.", "5 p.m. EST, Nov. 9, 2022")
    assert (timex.type, timex.value) == ("TIME", "2022-11-09T17:00")
    article, timexes = timexes_of("He left at 9 a.m. and on Nov. 9 he came back.")
    assert [t.text for t in timexes] == ["9 a.m.", "Nov. 9"]


def test_granularity_one_expression_per_period():
    assert only_timex("Prices rose in January this year.", "January this year").value == "2022-01"
    week = only("Voting is set for the week of March 6, 2023.", "the week of March 6, 2023")
    assert (week.value, week.range_start, week.range_end) == ("2023-W10", "2023-03-06", "2023-03-12")


@pytest.mark.parametrize("body", ["He joined the army at the age of 18.", "The pension starts at 65.",
                                  "She married him when he was in his 30s.", "She is in her 70s."])
def test_ages_and_bare_numbers_are_not_dates(body):
    article, timexes = timexes_of(body)
    assert [t.text for t in timexes if t.type == "DATE"] == []
    assert extract_dates(article) == []


@pytest.mark.parametrize("body", ["Highs will be in the 90s.", "Temperatures reached the upper 90s.",
                                  "The index fell to the 80s percent."])
def test_temperatures_and_percentages_in_the_90s_are_no_decades(body):
    _, timexes = timexes_of(body)
    assert [t.text for t in timexes] == []


def test_a_short_decade_listed_after_another_is_of_its_century():
    _, timexes = timexes_of("It recalled the battles of the 1960s, 70s or 80s.")
    assert [(t.text, t.value) for t in timexes] == [("the 1960s", "196"), ("70s", "197"), ("80s", "198")]
    _, timexes = timexes_of("It grew during the late 80s and early 90s.")
    assert [(t.text, t.value, t.mod) for t in timexes] == [("the late 80s", "198", "END"),
                                                           ("early 90s", "199", "START")]


@pytest.mark.parametrize("body", ["Now, he says, the war is over.", "It is a lesson for today's youth.",
                                  "He would have chosen the people of tomorrow.",
                                  'Baker said on ABC\'s "This Week" that talks failed.',
                                  "He told USA Today that talks failed.",
                                  "Police scanned the crowd at the annual March for Life.",
                                  "The summit will decide the future of Europe."])
def test_discourse_now_present_day_fate_and_quoted_titles_are_not_dates(body):
    article, timexes = timexes_of(body)
    assert [t.text for t in timexes] == []


def test_the_past_before_seasons_is_no_reference_word_but_before_that_is():
    _, timexes = timexes_of("Riots broke out over the past three summers and in recent winters.")
    assert [t.value for t in timexes if t.value == "PAST_REF"] == []
    assert only_timex("Prices rose after recent falls.", "recent").value == "PAST_REF"
    assert only_timex("Officials have said in the past that they could deploy.", "the past").value == "PAST_REF"


@pytest.mark.parametrize(("body", "text"), [("Now the talks resume.", "Now"), ("The rules apply as of tomorrow.",
                                                                                "tomorrow"),
                                            ("Baker said on ABC this week that talks failed.", "this week"),
                                            ("He spoke to Reuters Tuesday.", "Tuesday"),
                                            ("Europe will need more gas in the future.", "the future")])
def test_the_same_words_as_dates_stay_dates(body, text):
    assert only_timex(body, text).type == "DATE"


# --- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place", "agency", "date_text", "value"),
    [
        ("WASHINGTON, August 8 (Xinhua) -- The president spoke.", "WASHINGTON", "Xinhua", "August 8", "2022-08-08"),
        ("OSIPOVICHI DISTRICT, 17 February (BelTA) – Drills began.", "OSIPOVICHI DISTRICT", "BelTA", "17 February",
         "2022-02-17"),
        ("ROME (Reuters) - Talks began.", "ROME", "Reuters", None, None),
        ("NAIROBI, Kenya (AP) _ Bombs exploded.", "NAIROBI, Kenya", "AP", None, None),
        ("PARIS, May 3, 2021 - Talks began.", "PARIS", None, "May 3, 2021", "2021-05-03"),
        ("Atlanta, United States (CNN)- Storms hit.", "Atlanta, United States", "CNN", None, None),
        # the agency between slashes, closed by a dash or by a full stop
        ("MOSCOW, March 3. /TASS/. Talks began.", "MOSCOW", "TASS", "March 3", "2022-03-03"),
        ("KYIV, March 3 /Ukrinform/ - Talks began.", "KYIV", "Ukrinform", "March 3", "2022-03-03"),
        ("Warsaw, Poland, March 3, 2021 /PRNewswire/ -- The firm said.", "Warsaw, Poland", "PRNewswire",
         "March 3, 2021", "2021-03-03"),
    ],
)
def test_find_dateline(line, place, agency, date_text, value):
    dateline = find_dateline(line, 0, len(line), published=datetime.date(2022, 12, 23))
    assert (dateline.place, dateline.agency, dateline.date_text, dateline.date_value) == (
        place, agency, date_text, value)
    assert line[dateline.place_start:dateline.place_end] == place
    assert line[dateline.start:dateline.end] == dateline.text and line[dateline.end:].startswith(" ")
    if date_text:
        assert line[dateline.date_start:dateline.date_end] == date_text


@pytest.mark.parametrize("body", ["The H1N1 virus spread in the city, officials said.",
                                  "An H1B visa holder spoke at the Q&A session, officials said.",
                                  "The Q10 form was filed with regulators, officials said.",
                                  "He drove an Audi Q3 to the Q4 Arena, police said.",
                                  "The Q150 part and the H123 form failed, engineers said."])
def test_codes_that_look_like_quarters_are_no_dates(body):
    assert timexes_of(body, published="2022-12-23")[1] == []


@pytest.mark.parametrize("line", ["WARNING - this is not a dateline.", "The talks (in Rome) - ended.",
                                  "Talks began on Monday.", "Rome, May 3 - talks began.",
                                  "ROME, May 3. Talks began.", "Prices rose 3% /year/. Talks began."])
def test_no_dateline(line):
    assert find_dateline(line, 0, len(line)) is None


def test_dateline_is_source_field_and_publication_date_when_none_given():
    text = "Storm Hits Coast\n\nLISBON, March 2, 2021 (Reuters) - The storm hit the coast yesterday."
    analysis = ArticleAnalysis(load_article(text))
    assert analysis.dateline.place == "LISBON" and analysis.dateline.date_value == "2021-03-02"
    result = analysis.to_dict()
    assert result["source"]["dateline"]["agency"] == "Reuters"
    assert [(d["text"], d["value"]) for d in result["dates"]] == [("yesterday", "2021-03-01")]
    assert [t["value"] for t in result["timexes"]] == ["2021-03-01"]
    assert_offsets_round_trip(result)
    given = ArticleAnalysis(load_article(text), published="2021-03-05")
    assert [d.value for d in given.dates] == ["2021-03-04"]  # a given date wins over the dateline


def test_analyze_json_has_timexes_with_offsets(default_article_path):
    result = analyze(default_article_path)
    assert result["timexes"] and {"type", "value", "mod", "quant", "date_index"} <= set(result["timexes"][0])
    for timex in result["timexes"]:
        assert result["text"][timex["start"]:timex["end"]] == timex["text"]
        if timex["date_index"] is not None:
            assert result["dates"][timex["date_index"]]["end"] == timex["end"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The summit will be on April 24 and 25 in Washington.", [("April 24", "2023-04-24"), ("25", "2023-04-25")]),
        ("An attack will come on February 16 or 17.", [("February 16", "2023-02-16"), ("17", "2023-02-17")]),
        ("Talks ran May 5 to 7, 2021, in Geneva.", [("May 5", "2021-05-05"), ("7, 2021", "2021-05-07")]),
        ("Votes were held on September 23-27.", [("September 23", "2022-09-23"), ("27", "2022-09-27")]),
        # written day first: the calendar reads the second day with its month
        ("Ports were blocked on 13-19 February.", [("13", "2022-02-13"), ("19 February", "2022-02-19")]),
        ("Talks ran on 6 – 8 August 2016.", [("6", "2016-08-06"), ("8 August 2016", "2016-08-08")]),
        # the second number counts something, or is no later day: one date
        ("On May 5 and 6 people died.", [("May 5", "2022-05-05")]),
        ("Sessions on June 3 and 1 more were held.", [("June 3", "2022-06-03")]),
    ],
)
def test_two_days_of_one_month_are_two_dates(body, expected):
    article, timexes = timexes_of(body)
    assert [(t.text, t.value) for t in timexes] == expected
    assert all(article.text[t.start:t.end] == t.text for t in timexes)


def test_a_year_and_a_half_ago_is_not_the_duration_a_year():
    article, timexes = timexes_of("He left a year and a half ago.")
    assert [t.type for t in timexes] == []


def test_a_long_dash_touching_the_text_still_closes_a_dateline():
    line = "MINSK, 28 January (BelTA) –Belarusian officials spoke."
    dateline = find_dateline(line, 0, len(line), published=datetime.date(2022, 1, 30))
    assert (dateline.text, dateline.agency, dateline.date_value) == ("MINSK, 28 January (BelTA) –", "BelTA",
                                                                     "2022-01-28")
    assert find_dateline("ROME -Based firms grew.", 0, 23) is None  # a hyphen does not


@pytest.mark.parametrize(("body", "sets"), [
    ("Swamps matter, says the American daily.", []),
    ("It was posted by a journalist of The Daily Beast.", []),
    ("The weekly Der Spiegel reported it.", []),
    ("We lack information about his daily life.", ["daily"]),
    ("The paper is published weekly.", ["weekly"]),
])
def test_a_newspaper_called_daily_or_weekly_is_no_set(body, sets):
    article, timexes = timexes_of(body)
    assert [t.text for t in timexes if t.type == "SET"] == sets


def test_pre_and_post_a_year_keep_their_signal_as_qualifier():
    assert (only("Ukraine wants its pre-2014 borders back.", "pre-2014").qualifier,
            only("The post-1959 politics split families.", "post-1959").qualifier) == ("before", "after")


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        ("Wages lost ground to prices in the last decade.", "last decade", "201"),
        ("Growth slowed last decade.", "last decade", "201"),
        ("The network will be built early next decade.", "early next decade", "203"),
        ("Two dams were finished earlier this decade.", "earlier this decade", "202"),
        ("The mill closed a decade ago.", "a decade ago", "2012"),
    ],
)
def test_a_decade_named_from_the_publication_date(body, text, value):
    assert only_timex(body, text).value == value


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        ("The dividend will be twice as high this year as last.", "last", "2021"),
        ("The plant may open this year or next, he said.", "next", "2023"),
        ("Rents rose more this month than last.", "last", "2022-11"),
    ],
)
def test_a_period_left_out_after_last_or_next_is_the_one_named_before(body, text, value):
    assert only_timex(body, text).value == value


def test_last_as_a_word_of_its_own_is_no_date():
    _, timexes = timexes_of("He came last, and this year he left first.")
    assert [t.text for t in timexes] == ["this year"]


def test_the_year_before_a_price_is_the_publication_year():
    assert only_timex("The shares hit a high for the year of $42 in June.", "the year").value == "2022"
    _, timexes = timexes_of("It was the year of the great fire.")
    assert timexes == []


@pytest.mark.parametrize(
    ("body", "text", "kind", "value"),
    [
        ("Threats had become routine over the past decade.", "the past decade", "DURATION", "P10Y"),
        ("There were strikes in past years, too.", "past years", "DATE", "PAST_REF"),
        ("The then-current chairman resigned.", "then-current", "DATE", "PAST_REF"),
        ("He arrived the day before yesterday.", "the day before yesterday", "DATE", "2022-12-21"),
        ("The vote is the day after tomorrow.", "the day after tomorrow", "DATE", "2022-12-25"),
        # a range of years after a word of duration is one (an age is none: test_ages_are_no_durations)
        ("He served for 2-3 years.", "3 years", "DURATION", "P3Y"),
        ("He was jailed for 25 years.", "25 years", "DURATION", "P25Y"),
        # 24-hour clock times with a zone, or after a word of time
        ("The strike hit at 10:00 GMT on Monday.", "10:00 GMT on Monday", "TIME", "2022-12-19T10:00"),
        ("Sirens sounded at 14:30 local time.", "14:30 local time", "TIME", "2022-12-23T14:30"),
        ("The talks started at 09.15 Kyiv time.", "09.15 Kyiv time", "TIME", "2022-12-23T09:15"),
        ("Shelling began at 06:00 Central European Time.", "06:00 Central European Time", "TIME", "2022-12-23T06:00"),
        ("At 18:00 the curfew began.", "18:00", "TIME", "2022-12-23T18:00"),
        ("Leaders spoke at 11:00 a.m. ET Friday.", "11:00 a.m. ET Friday", "TIME", "2022-12-23T11:00"),
        ("Shelling began at 0730 GMT.", "0730 GMT", "TIME", "2022-12-23T07:30"),
        ("The sirens sounded at 2145 local time.", "2145 local time", "TIME", "2022-12-23T21:45"),
        # the verb "last" before a duration is not in it; the adjective is
        ("The war will last three to four days.", "three to four days", "DURATION", "P3D"),
        ("The talks could last two weeks.", "two weeks", "DURATION", "P2W"),
        ("It'll last five months at most.", "five months", "DURATION", "P5M"),
        ("Nothing happened in the last three days.", "the last three days", "DURATION", "P3D"),
    ],
)
def test_timex_type_and_value(body, text, kind, value):
    timex = only_timex(body, text)
    assert (timex.type, timex.value) == (kind, value)


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        # days counted from the day written after them: one expression, that day moved
        ("The day before last Tuesday's hearing, he left.", "The day before last Tuesday", "2022-12-19"),
        ("Shops were full the day before Christmas.", "the day before Christmas", "2022-12-24"),
        ("They met two days after Monday's vote.", "two days after Monday", "2022-12-21"),
        ("A week before March 3, 2021, talks began.", "A week before March 3, 2021", "2021-02-24"),
    ],
)
def test_days_before_or_after_a_day_are_that_day_moved(body, text, value):
    timex = only_timex(body, text)
    assert (timex.type, timex.value) == ("DATE", value)
    assert only(body, text, published="2022-12-23").value == value


def test_a_weekday_and_last_week_across_a_comma_stay_two_expressions():
    _, timexes = timexes_of("He left on Tuesday, last week he stayed.")
    assert [(t.text, t.value) for t in timexes] == [("Tuesday", "2022-12-20"), ("last week", "2022-W50")]


def test_days_before_a_day_of_unknown_year_keep_the_year_unknown():
    _, timexes = timexes_of("Shops were full the day before Christmas. A week before March 3, talks began.",
                            published=None)
    assert [(t.text, t.value) for t in timexes] == [("the day before Christmas", "XXXX-12-24"),
                                                    ("A week before March 3", "XXXX-02-24")]
    _, timexes = timexes_of("They met two days after Monday's vote.", published=None)
    assert [(t.text, t.value) for t in timexes] == [("two days after Monday", None)]


def test_a_week_before_a_holiday_or_a_day_before_a_clause_stay_as_they_are():
    _, timexes = timexes_of("She arrived the week before Christmas.")
    assert [(t.text, t.value) for t in timexes] == [("Christmas", "2022-12-25")]
    _, timexes = timexes_of("He was seen Nov. 3, the day before police issued a warrant.")
    assert [(t.text, t.value) for t in timexes] == [("Nov. 3", "2022-11-03")]
    _, timexes = timexes_of("Talks began before March 3, 2021.")
    assert [(t.text, t.value, t.qualifier) for t in timexes] == [("March 3, 2021", "2021-03-03", "before")]


def test_the_past_years_with_its_article_stays_a_duration():
    assert only_timex("In the past years he won twice.", "the past years").value == "PXY"


def test_a_length_before_a_noun_leaves_the_nouns_article_out():
    _, timexes = timexes_of("The council approved the 30-day review and the six week trial.")
    assert [(t.text, t.type, t.value) for t in timexes] == [("30-day", "DURATION", "P30D"),
                                                             ("six week", "DURATION", "P6W")]
    # a length of its own keeps its article, as do "the past" and a quantity's modifier
    _, timexes = timexes_of("He rested for the two weeks and for the past three years.")
    assert [t.text for t in timexes] == ["the two weeks", "the past three years"]


def test_a_unit_after_an_amount_is_a_rate_not_a_duration():
    _, timexes = timexes_of("The plant builds 150,000 cars a year, pays $2 million a month and runs four shifts a day.")
    assert [t.type for t in timexes] == []
    _, timexes = timexes_of("She worked there for a year and left a week ago.", published="2021-05-10")
    assert [(t.text, t.type, t.value) for t in timexes] == [("a year", "DURATION", "P1Y"),
                                                             ("a week ago", "DATE", "2021-05-03")]


def test_a_bare_plural_unit_after_within_is_a_duration():
    _, timexes = timexes_of("Troops will arrive within weeks, and the ruling came within hours.")
    assert [(t.text, t.value, t.mod) for t in timexes] == [("within weeks", "PXW", "EQUAL_OR_LESS"),
                                                            ("within hours", "PTXH", "EQUAL_OR_LESS")]
    assert [t.text for t in timexes_of("Troops will arrive as weeks pass.")[1]] == []


def test_the_year_earlier_nine_months_is_one_duration_not_a_quarter():
    _, timexes = timexes_of("Net for the year-earlier nine months included a gain.", published="1989-10-26")
    assert [(t.text, t.type, t.value) for t in timexes] == [("the year-earlier nine months", "DURATION", "P9M")]
    assert only_timex("Profit rose from the year-ago quarter.", "the year-ago quarter",
                      published="1989-10-26").value == "1988-Q3"


def test_last_after_a_possessive_period_or_a_year_after_of_stay_as_they_are():
    _, timexes = timexes_of("He finished this year's race as last.")
    assert [t.text for t in timexes] == ["this year"]
    _, timexes = timexes_of("It was the year of 2008 all over again.")
    assert [(t.text, t.value) for t in timexes] == [("2008", "2008")]


@pytest.mark.parametrize(
    ("body", "text", "value", "mod"),
    [
        ("The plant closed nearly two weeks ago.", "nearly two weeks ago", "2022-W49", "AFTER"),
        ("They met about a year ago.", "about a year ago", "2021", "APPROX"),
        ("The mine shut more than four decades ago.", "more than four decades ago", "1982", "BEFORE"),
        ("The mill opened two years ago.", "two years ago", "2020", None),
    ],
)
def test_a_bound_on_the_count_of_ago_is_in_the_expression_as_its_mod(body, text, value, mod):
    timex = only_timex(body, text)
    assert (timex.value, timex.mod) == (value, mod)


# --- rules from the hand-annotated scraped news (bench_dates.py --real-news) ---


def test_a_day_is_never_the_end_of_a_number():
    """A poll table's header "Dec 2021 May 2023": two months, not "21 May 2023" out of "2021"."""
    _, timexes = timexes_of("Results: Dec 2021 May 2023 Yes No Yes No Region", published="2023-07-11")
    assert [(t.text, t.value) for t in timexes] == [("Dec 2021", "2021-12"), ("May 2023", "2023-05")]


@pytest.mark.parametrize("body", ["Age 18-29 years 84 5 73 18 30-39 years 78 10.",
                                  "Children aged 5 years and older were counted.",
                                  "Voters aged 40-64 years backed him.",
                                  "Mr. Smith, 52 years old, will succeed her.",
                                  "The plan is open to staff 55 years old or older."])
def test_ages_are_no_durations(body):
    assert [t for t in timexes_of(body)[1] if t.type == "DURATION"] == []


def test_a_bound_counted_forward_turns_round():
    """"more than a year from now" lies after the point a year ahead (TimeML mod AFTER), "nearly" before it."""
    assert only_timex("More than a year from now, prices will fall.", "More than a year from now").mod == "AFTER"
    assert only_timex("Nearly two weeks ago, prices fell.", "Nearly two weeks ago").mod == "AFTER"
    assert only_timex("Nearly two weeks from now, prices will fall.", "Nearly two weeks from now").mod == "BEFORE"


@pytest.mark.parametrize(("body", "texts"), [
    ("The summit was held on 4-6 March 2022.", [("4", "2022-03-04"), ("6 March 2022", "2022-03-06")]),
    ("Talks ran from 10 to 12 May 2021.", [("10", "2021-05-10"), ("12 May 2021", "2021-05-12")]),
    ("Children aged 4 to 6 March on.", []),  # no word leading a date before the first number
])
def test_two_days_of_one_month_written_day_first(body, texts):
    _, timexes = timexes_of(body)
    assert [(t.text, t.value) for t in timexes if t.type == "DATE" and t.text != "6 March"] == texts


def test_a_prefix_word_is_a_whole_word():
    """"the weekend of March 4" holds no "end of March" (END), "Abby March 4" no "by March 4" (qualifier)."""
    _, timexes = timexes_of("The talks took place on the weekend of March 4.")
    assert [(t.text, t.mod) for t in timexes if "March" in t.text] == [("March 4", None)]
    _, timexes = timexes_of("Abby March 4 won.")
    assert [t.qualifier for t in timexes] == [None]


def test_years_before_older_stay_a_duration():
    """Only the word "old" makes the years an age: "ten years older" is a length of time between two ages."""
    assert only_timex("He is ten years older than his wife.", "ten years").value == "P10Y"


@pytest.mark.parametrize("body", ["They won 3:1 at home.", "Shares rose to 3.50 euros.",
                                  "The peak begins after 14.00.", "The crowd of 1430 people met in 2014."])
def test_numbers_that_look_like_clock_times_are_none(body):
    assert [t for t in timexes_of(body)[1] if t.type == "TIME"] == []


def test_a_holiday_takes_the_year_its_clause_gives():
    """"a New Year's Eve function in 2020" is the New Year's Eve of 2020, not the one before publication."""
    assert only_timex("She was seen at a New Year's Eve function in 2020.", "New Year's Eve",
                      published="2023-06-06").value == "2020-12-31"
    assert only_timex("They met at Christmas, and in 1999 they parted.", "Christmas",
                      published="2023-06-06").value == "2022-12-25"  # "and in 1999" is another clause


@pytest.mark.parametrize(("name", "articles"), [("real_news_dates_gold.json", 10),
                                               ("real_news_dates_heldout_gold.json", 14)])
def test_the_real_news_gold_holds_offsets_types_and_values_only(name, articles):
    """benchmarks/real_news_dates_gold.json and the held-out set: no article text, spans in order and apart,
    TimeML types, and no article in both."""
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "benchmarks"
    gold = json.loads((folder / name).read_text())
    assert len(gold["articles"]) == articles
    others = {entry["file"] for other in ("real_news_dates_gold.json", "real_news_dates_heldout_gold.json")
              if other != name for entry in json.loads((folder / other).read_text())["articles"]}
    assert not others & {entry["file"] for entry in gold["articles"]}
    for entry in gold["articles"]:
        assert set(entry) == {"file", "published", "timexes"}
        datetime.date.fromisoformat(entry["published"])
        spans = [(t["start"], t["end"]) for t in entry["timexes"]]
        assert all(set(t) == {"start", "end", "type", "value"} for t in entry["timexes"])
        assert all(t["type"] in ("DATE", "TIME", "DURATION", "SET") for t in entry["timexes"])
        assert spans == sorted(spans) and all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))


def test_the_year_after_a_stated_year_in_its_sentence_is_that_year():
    body = "By the end of 2021, the agency had half the funding needed for the year. For the year, sales rose."
    article, timexes = timexes_of(body, published="2023-06-14")
    assert [(t.text, t.value) for t in timexes if t.text.lower() == "the year"] == [("the year", "2021"),
                                                                                     ("the year", "2023")]
    assert timexes[1].anchor == "text"


def test_a_count_later_counts_from_an_approximate_year_of_the_text():
    body = "The first reports came in late 2022. A year later, in October 2023, the envoy spoke."
    assert only_timex(body, "A year later", published="2024-05-11").value == "2023"
    assert only_timex("Output fell in mid-2021. Two years later it recovered.", "Two years later",
                      published="2024-05-11").value == "2023"
    # a decade is no year to count from
    assert only_timex("In the 1990s it grew. A year later it fell.", "A year later").value is None


@pytest.mark.parametrize(("body", "text"), [("Currently in year three of the war, the front holds.", "Currently"),
                                            ("It is now two years since the flood.", "now")])
def test_a_reference_adverb_before_a_word_of_time_is_the_present(body, text):
    assert only_timex(body, text).value == "PRESENT_REF"


def test_the_times_of_a_page_time_stamp_are_no_time_expressions():
    body = "Updated 12:45 PM EST, Tue March 1, 2022\n\nThe strike hit the port at 0730 GMT on Monday."
    _, timexes = timexes_of(body, published="2022-03-01")
    assert [(t.text, t.type, t.value) for t in timexes] == [("0730 GMT on Monday", "TIME", "2022-02-28T07:30")]


def test_a_wire_time_in_brackets_restates_the_time_before_it():
    _, timexes = timexes_of("The blast came at 10:35 a.m. (0735 GMT) in the port.")
    assert [(t.text, t.value) for t in timexes] == [("10:35 a.m.", "2022-12-23T10:35")]


@pytest.mark.parametrize(("body", "text", "value"), [
    ("The arms came in June 2023 and the transfer ended by October of that year.", "October of that year", "2023-10"),
    ("In 2019 he left. They met again in March that year.", "March that year", "2019-03"),
    ("In 2019 he left. He came back on 3 May of that year.", "3 May of that year", "2019-05-03"),
])
def test_a_month_of_that_year_takes_the_year_the_text_named_last(body, text, value):
    assert only_timex(body, text, published="2024-05-06").value == value


def test_a_month_of_that_year_with_no_year_before_it_is_of_unknown_year():
    assert only_timex("They met in March that year.", "March that year").value == "XXXX-03"


@pytest.mark.parametrize(("body", "value"), [
    ("With this support, Ukraine will celebrate the next Independence Day in peace.", "2023-08-24"),
    ("He spoke on the Independence Day of Ukraine, officials said.", "2022-08-24"),
    ("Belarusian Independence Day was marked with a parade.", "2022-07-03"),
    ("Fireworks marked Independence Day.", "2022-07-04"),  # no country named: the United States'
    ("Lithuania's Independence Day, Poland's president said, was a holiday.", None),  # no day known: not Poland's
    ("On Independence Day, the president flew to Iraq.", "2022-07-04"),  # Iraq is only where he flew
])
def test_independence_day_is_the_day_of_the_country_named_with_it(body, value):
    article, timexes = timexes_of(body, published="2022-09-16")
    assert [t.value for t in timexes] == [value]
    assert "Independence Day" in article.text[timexes[0].start:timexes[0].end]


@pytest.mark.parametrize(("body", "text", "value"), [
    ("Threats will grow over the next year.", "the next year", "2023"),
    ("The previous month was calm.", "The previous month", "2022-11"),
    ("In 2019 he left. The next year he came back.", "The next year", "2020"),  # a date before: from it
])
def test_the_next_or_previous_period_with_no_date_before_is_the_publications_next_or_previous(body, text, value):
    assert only_timex(body, text).value == value
