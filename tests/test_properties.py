"""Property tests: parsing arbitrary text never fails unexpectedly and never loses text."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ArticleError, analyze, load_article
from analysis.reading import normalise_newlines

from .conftest import assert_offsets_round_trip

LINES = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        st.sampled_from(["", "  ", "Breaking News Today", "# A Heading", "He said: “Yes.”", "\r", "\ufeff"]),
    ),
    max_size=12,
).map("\n".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _non_whitespace(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


@SETTINGS
@given(LINES)
def test_arbitrary_text_parses_or_raises_the_documented_error(text):
    try:
        article = load_article(text, format="text")
    except ArticleError:
        return
    result = analyze(article)
    assert_offsets_round_trip(result)
    assert result["text"] == normalise_newlines(text)
    # Title line, headings and paragraphs cover every non-whitespace character exactly once.
    parts = [result["text"][p["start"]:p["end"]] for p in result["paragraphs"]]
    parts += [s["heading"] for s in result["sections"] if s["heading"] is not None]
    if result["title_span"]["source"] == "title line":
        parts.append(result["text"][result["title_span"]["start"]:result["title_span"]["end"]])
    assert _non_whitespace("".join(parts)) == _non_whitespace(result["text"])
    # Sentences tile their paragraph: together they hold all its non-whitespace characters.
    for paragraph in result["paragraphs"]:
        sentences = "".join(result["text"][s["start"]:s["end"]] for s in paragraph["sentences"])
        assert _non_whitespace(sentences) == _non_whitespace(paragraph["text"])


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_parse_or_raise_the_documented_error(data):
    try:
        article = load_article(data)
    except ArticleError:
        return
    assert_offsets_round_trip(analyze(article))
