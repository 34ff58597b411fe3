"""Boilerplate lines of scraped pages: found by the rules of the table, kept in the text, read by no stage."""

from __future__ import annotations

import pytest

from analysis import ArticleError, analyze, load_article
from analysis.boilerplate import KINDS, boilerplate_kind, boilerplate_rules
from analysis.display import article_html
from analysis.errors import ReferenceTableError
from analysis.structure import BOILERPLATE, HEADING, PARAGRAPH, TITLE, layout_blocks

from .conftest import assert_offsets_round_trip


@pytest.mark.parametrize(("line", "kind"), [
    ("Advertisement", "advertisement"),
    ("CLICK HERE TO GET THE HARBOUR TIMES APP", "call"),
    ("Sign up for our free morning newsletter, delivered daily", "call"),
    ("JOIN US ON TELEGRAM! Follow our coverage of the strike.", "call"),
    ("READ MORE: Ten ferries to take this summer", "promo"),
    ("RELATED: Port workers vote on new contract", "promo"),
    ("DOCK WORKERS THREATEN TO WIDEN STRIKE ACROSS NORTHERN PORTS", "promo"),
    ("Photo: Port Authority", "caption"),
    ("A crane stands idle at the container terminal. Jan Visser/AFP/Getty Images", "caption"),
    ("Union leaders meet at the harbour office (Anna Berg/AP)", "caption"),
    ("Source: Reuters, local media", "credit"),
    ("Harbour Times' Mark Olsen contributed to this report.", "credit"),
    ("By Maria Lopez and Tom Green", "byline"),
    ("Updated 12:45 PM EST, Tue March 1, 2022", "byline"),
    ("Published: 3 March 2022 10:32 GMT", "byline"),
    ("Last updated on 3.3.2022 at 10:30 a.m.", "byline"),
    ("Share this article Share", "share"),
    ("The rest of the text is under the video", "navigation"),
    ("Story continues below advertisement", "navigation"),
    ("Continued after the video", "navigation"),
    ("***", "separator"),
    ("Rotterdam CNN —", "dateline"),
    ("HARBOUR NEWS —", "dateline"),
])
def test_kind_of_a_boilerplate_line(line, kind):
    assert boilerplate_kind(line, first_line=False) == kind


@pytest.mark.parametrize("line", [
    "Dock workers in Rotterdam extended their strike on Monday.",
    "The union said the talks, which began in May, had stalled.",
    "Video of the meeting shows workers applauding the mediator.",
    "By the end of the week, ships were diverted to Antwerp.",
    "Updated figures show the port reopened on March 3.",  # a time stamp holds dates and times only
    "Published in 2019, the report found the port too small.",
    "Continued shelling below the dam closed the port.",
    "KANSAS CITY AT DETROIT",  # a short all-caps line (a fixture list) is no promotional headline
    "Talks Resume",
    "Update —",  # a dash after a word in plain case is no dateline
    "ROTTERDAM (Reuters) -",  # a wire dateline with its agency opens the body: source.dateline reads it
])
def test_body_lines_are_not_boilerplate(line):
    assert boilerplate_kind(line, first_line=False) is None


@pytest.mark.parametrize(("after", "kind"), [
    ("Dock strike spreads.Will ferries stop?", HEADING),
    ('The union leader thunders about the "harbour faction"', HEADING),
    ("The union said on Monday that the talks had stalled.", PARAGRAPH),
])
def test_a_short_line_where_the_text_resumes_after_a_navigation_line_is_a_heading(after, kind):
    text = (f"Dock workers extended their strike.\n\nContinuation of the material under the video\n\n{after}\n\n"
            "The port stayed closed.")
    blocks = {text[b.start:b.end]: b.kind for b in layout_blocks(text)}
    assert blocks["Continuation of the material under the video"] == BOILERPLATE
    assert blocks[after] == kind


def test_a_short_line_after_body_text_is_no_heading_by_position():
    text = "Dock workers extended their strike.\n\nDock strike spreads.Will ferries stop?\n\nThe port stayed closed."
    assert [block.kind for block in layout_blocks(text)] == [PARAGRAPH] * 3


def test_an_all_caps_first_line_is_the_title_not_a_promotion():
    text = "DOCK WORKERS EXTEND STRIKE INTO SECOND WEEK\n\nDock workers extended their strike on Monday."
    assert [block.kind for block in layout_blocks(text)] == [TITLE, PARAGRAPH]


def test_boilerplate_lines_are_cut_out_of_their_block():
    text = "Dock workers extended their strike.\nAdvertisement\nThe union said talks had stalled."
    blocks = layout_blocks(text)
    assert [(b.kind, b.label, text[b.start:b.end]) for b in blocks] == [
        (PARAGRAPH, None, "Dock workers extended their strike."), (BOILERPLATE, "advertisement", "Advertisement"),
        (PARAGRAPH, None, "The union said talks had stalled.")]


SCRAPED = """Rotterdam CNN —

Union leader Maria Lopez said on Monday that dock workers would extend their strike.

CLICK HERE TO GET THE HARBOUR TIMES APP

FERRY OPERATOR STENA WARNS OF SUMMER CANCELLATIONS ACROSS NORTH SEA

Photo: Karel Janssen

The port authority said ships had been diverted to Antwerp on May 3, 2022.
"""


@pytest.fixture(scope="module")
def scraped_result(nlp):
    return analyze(load_article(SCRAPED, nlp=nlp), published="2022-05-04")


def test_boilerplate_is_listed_with_offsets_and_kinds(scraped_result):
    assert [(b["kind"], b["text"]) for b in scraped_result["boilerplate"]] == [
        ("dateline", "Rotterdam CNN —"), ("call", "CLICK HERE TO GET THE HARBOUR TIMES APP"),
        ("promo", "FERRY OPERATOR STENA WARNS OF SUMMER CANCELLATIONS ACROSS NORTH SEA"),
        ("caption", "Photo: Karel Janssen")]
    assert assert_offsets_round_trip(scraped_result) > 0


def test_boilerplate_is_no_title_and_no_paragraph(scraped_result):
    assert not scraped_result["title"].endswith("—")
    paragraphs = scraped_result["paragraphs"]
    assert [p["id"] for p in paragraphs] == list(range(len(paragraphs))) == [0, 1]
    assert all(b["start"] >= p["end"] or b["end"] <= p["start"]
               for b in scraped_result["boilerplate"] for p in paragraphs)


def test_no_stage_reads_boilerplate(scraped_result):
    spans = [(b["start"], b["end"]) for b in scraped_result["boilerplate"]]

    def inside(offset):
        return any(start <= offset < end for start, end in spans)

    assert not [m["text"] for m in scraped_result["mentions"] if inside(m["start"])]
    assert not [c for c in scraped_result["claims"] if inside(c["start"])]
    assert not [d for d in scraped_result["dates"] if inside(d["start"])]
    assert not any("STENA" in " ".join(t["terms"]).upper() for t in scraped_result["themes"])


def test_article_view_shows_boilerplate_greyed_in_reading_order(nlp):
    html = article_html(load_article(SCRAPED, nlp=nlp))
    assert html.index("[call]") < html.index("[promo]") < html.index("¶1")
    assert "CLICK HERE TO GET THE HARBOUR TIMES APP" in html


def test_a_text_of_boilerplate_only_is_an_error_naming_it(nlp):
    with pytest.raises(ArticleError, match="boilerplate"):
        load_article("Advertisement\n\nSign up for our newsletter\n\nCLICK HERE TO GET THE APP", nlp=nlp)


def test_every_rule_has_a_known_kind():
    assert {rule.kind for rule in boilerplate_rules()} <= set(KINDS)


def test_a_malformed_rule_names_its_file_and_line(tmp_path):
    table = tmp_path / "boilerplate_patterns.tsv"
    table.write_text("kind\tpattern\twhere\tcomment\npromo\t(unclosed\tany\tbad\n", encoding="utf-8")
    with pytest.raises(ReferenceTableError, match=r"boilerplate_patterns\.tsv, line 2"):
        boilerplate_rules(table)
