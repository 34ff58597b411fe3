"""Property tests: arbitrary and mutated input never fails unexpectedly, loses text or breaks an offset."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ArticleError, analyze, load_article
from analysis.config import DEFAULT_ARTICLE
from analysis.reading import normalise_newlines

from .conftest import assert_offsets_round_trip

LINES = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        st.sampled_from(["", "  ", "Breaking News Today", "# A Heading", "– A Framed Line –", "AD",
                         "He said: “Yes.”", "\r", "\ufeff"]),
    ),
    max_size=12,
).map("\n".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _non_whitespace(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def _frame_marks(text: str, start: int, end: int) -> str:
    """The dashes framing a heading or title line ("– Talks stall –"), which the heading's span leaves out."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    outside = text[line_start:start] + text[end:line_end]
    assert set(_non_whitespace(outside)) <= set("-–—"), outside  # nothing but the frame is left out
    return outside


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
    # Title line, headings, paragraphs and the boilerplate set aside cover every non-whitespace character exactly
    # once, except the dashes framing a heading or the title line.
    lines = [(s["heading_start"], s["heading_end"]) for s in result["sections"] if s["heading"] is not None]
    if result["title_span"]["source"] == "title line":
        lines.append((result["title_span"]["start"], result["title_span"]["end"]))
    parts = [result["text"][p["start"]:p["end"]] for p in result["paragraphs"]]
    parts += [result["text"][start:end] for start, end in lines]
    parts += [line["text"] for line in result["boilerplate"]]
    frames = "".join(_frame_marks(result["text"], start, end) for start, end in lines)
    assert _non_whitespace("".join(parts)) + _non_whitespace(frames) == _non_whitespace(result["text"])
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


REAL_ARTICLE = DEFAULT_ARTICLE.read_text(encoding="utf-8")
POSITION = st.integers(min_value=0, max_value=len(REAL_ARTICLE))
SLICE = st.tuples(POSITION, st.integers(min_value=0, max_value=600))
NOISE = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from("\n\n\r\t\"“”'#<>&—.,:")),
    min_size=1, max_size=30,
)
MUTATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), SLICE),
        st.tuples(st.just("duplicate"), SLICE),
        st.tuples(st.just("swap"), st.tuples(SLICE, SLICE)),
        st.tuples(st.just("insert"), st.tuples(POSITION, NOISE)),
    ),
    min_size=1, max_size=5,
)


def mutate(text: str, mutations) -> str:
    """Apply slice deletions, duplications, swaps and insertions of random characters, in order."""
    for operation, argument in mutations:
        if operation == "insert":
            at, noise = argument
            at %= len(text) + 1
            text = text[:at] + noise + text[at:]
            continue
        if operation == "swap":
            (a, a_length), (b, b_length) = argument
            a, b = sorted((a % (len(text) + 1), b % (len(text) + 1)))
            a_end, b_end = min(a + a_length, b), min(b + b_length, len(text))
            text = text[:a] + text[b:b_end] + text[a_end:b] + text[a:a_end] + text[b_end:]
            continue
        at, length = argument
        at %= len(text) + 1
        piece = text[at:at + length]
        text = text[:at] + text[at + length:] if operation == "delete" else text[:at] + piece + text[at:]
    return text


def test_mutate_keeps_every_character_of_a_swap():
    assert mutate("abcdefgh", [("swap", ((1, 2), (5, 2)))]) == "afgdebch"
    assert mutate("abcdefgh", [("delete", (2, 3)), ("duplicate", (0, 2)), ("insert", (1, "XY"))]) == "aXYbabfgh"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MUTATIONS)
def test_mutated_real_articles_analyse_with_every_offset_round_tripping(mutations):
    text = mutate(REAL_ARTICLE, mutations)
    try:
        result = analyze(text, format="text")
    except ArticleError:
        return
    assert result["text"] == normalise_newlines(text)
    assert assert_offsets_round_trip(result) >= len(result["paragraphs"]) + len(result.get("mentions", []))
    assert all(isinstance(warning, str) for warning in result["warnings"])
