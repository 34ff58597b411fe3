"""Article layout: where the title, the headings and the paragraphs are in the text.

Pure string work with character offsets, no language model: the layout is computed once and
sentences are added later from spaCy (see :mod:`analysis.article`).

Paragraphs are blocks separated by blank lines when the text has any, otherwise one per line, and at a
sentence end glued to an opening quotation mark ("has learned.“The"), a paragraph break a scraper lost.
Headings are Markdown ``#`` lines, or in plain text lines recognised by their *shape* (short,
no closing punctuation, title-like, followed by body text), never by known words; a short line right
after a navigation line ("Continuation of the material under the video") opens the part of the text
that resumes there, so it is a heading when it does not end like a sentence, whatever its case (machine
translations write headings in sentence case: "The politician thunders about the faction"). Lines that are
boilerplate (:mod:`analysis.boilerplate`: promotions, calls to action, captions …) are blocks of
their own, kept with their offsets but neither title, heading nor paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import boilerplate_kind
from .reading import _markdown_heading_level

TITLE, HEADING, PARAGRAPH, BOILERPLATE = "title", "heading", "paragraph", "boilerplate"

_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 100
_CLOSING_PUNCTUATION = ".!?…:;,"
_CLOSING_QUOTES = "\"'”’»)]"
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# A sentence end glued to an opening quotation mark ("has learned.“The"): a paragraph break the scraper lost.
_GLUED_QUOTATION = re.compile(r"(?<=[^\W\d_])[.!?…][”’]?(?=[“„«][^\W\d_])")
_DASH_FRAMED = re.compile(r"[-–—]+[ \t\u00a0]*(\S(?:.*\S)?)[ \t\u00a0]*[-–—]+")
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over per the to up upon via vs with".split()
)


@dataclass(frozen=True)
class Block:
    """One block of the layout: ``kind`` is title, heading, paragraph or boilerplate; ``text[start:end]`` is it.

    ``label`` is the kind of boilerplate (``promo``, ``call`` …), None for the other blocks.
    """

    kind: str
    start: int
    end: int
    label: str | None = None


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the text's non-blank blocks, whitespace-trimmed.

    Blocks are separated by blank lines when the text has any; otherwise every line is a block. A sentence
    end glued to an opening quotation mark that starts a capitalised word ("has learned.“The world") also
    separates two blocks: no writer glues them, a scraper that joined the page's paragraphs does.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text.strip()) else re.compile(r"\n")
    spans, position = [], 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    spans = [piece for start, end in spans for piece in _split_glued_quotations(text, start, end)]
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _split_glued_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span right before each opening quotation mark glued to a sentence end ("learned.|“The")."""
    cuts = [match.end() for match in _GLUED_QUOTATION.finditer(text, start, end) if text[match.end() + 1].isupper()]
    bounds = [start, *cuts, end]
    return list(zip(bounds, bounds[1:]))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def looks_like_heading(line: str) -> bool:
    """Whether a line has the shape of a heading: short, unpunctuated at the end, title-like.

    >>> looks_like_heading("Speculation About a Special Operation")
    True
    >>> looks_like_heading("The minister said the talks had failed.")
    False
    >>> looks_like_heading("– Minister cries ‘sabotage’ in the port –")
    True
    """
    line = line.strip()
    if not line or "\n" in line or len(line) > _MAX_HEADING_CHARS:
        return False
    if framed := _dash_framed(line):  # "– Talks stall in the port –": the dashes mark it, in any case of its words
        short = len(framed.split()) <= _MAX_HEADING_WORDS
        return short and _short_unfinished_line(framed) and bool(_WORD.search(framed))
    if line.rstrip(_CLOSING_QUOTES)[-1:] in _CLOSING_PUNCTUATION or line[-1] in _CLOSING_PUNCTUATION:
        return False
    words = _WORD.findall(line)
    if not words or len(line.split()) > _MAX_HEADING_WORDS or not (line[0].isupper() or line[0].isdigit()):
        return False
    content_words = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitalised = sum(1 for w in content_words if w[0].isupper())
    return capitalised / max(len(content_words), 1) >= 0.6 or len(words) <= 4


def _dash_framed(line: str) -> str | None:
    """The words of a line framed by dashes ("– Talks stall –", "-Talks stall-"), None for other lines."""
    match = _DASH_FRAMED.fullmatch(line)
    return match.group(1) if match else None


def layout_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Classify the text's blocks into title, headings and paragraphs.

    A title is a first block (Markdown ``#`` line, or a heading-shaped line) followed by more
    text; a heading must be followed by a paragraph, so a short last line stays body text.
    In Markdown a block whose first line is a ``#`` heading is split into heading and body.
    Boilerplate lines are cut out of their blocks first, so the title is the first block that is not
    boilerplate ("CNN —" never is one).
    """
    spans = []
    for start, end in split_blocks(text):
        spans.extend(_split_markdown_heading_lines(text, start, end) if markdown else [(start, end)])
    boilerplate, spans = _cut_boilerplate(text, spans)
    after_navigation = _spans_after_navigation(spans, boilerplate)
    kinds = []
    for start, end in spans:
        line = text[start:end]
        if markdown:
            kinds.append(HEADING if _markdown_heading_level(line) else PARAGRAPH)
        else:
            resumes = start in after_navigation and _short_unfinished_line(line)
            kinds.append(HEADING if resumes or looks_like_heading(line) else PARAGRAPH)
    # A heading needs body text after it: demote trailing runs of headings to paragraphs.
    for index in range(len(kinds) - 1, -1, -1):
        if kinds[index] != HEADING or PARAGRAPH in kinds[index + 1:]:
            break
        kinds[index] = PARAGRAPH
    if len(spans) > 1 and kinds[0] == HEADING:
        kinds[0] = TITLE
    blocks = []
    for (start, end), kind in zip(spans, kinds):
        if markdown and (kind != PARAGRAPH or _markdown_heading_level(text[start:end])):  # demoted headings too
            start, end = _strip_markdown_marks(text, start, end)
        elif kind != PARAGRAPH and _dash_framed(text[start:end]):
            start, end = _strip_dash_frame(text, start, end)
        blocks.append(Block(kind, start, end))
    return sorted(blocks + boilerplate, key=lambda block: block.start)


def _spans_after_navigation(spans: list[tuple[int, int]], boilerplate: list[Block]) -> set[int]:
    """Starts of the spans whose block right before is a navigation line: the text resumes there."""
    order = sorted([(start, None) for start, _ in spans] + [(block.start, block.label) for block in boilerplate])
    return {start for (start, label), (_, before) in zip(order[1:], order) if label is None and before == "navigation"}


def _short_unfinished_line(line: str) -> bool:
    """Whether a line is one short line that does not end like a sentence (a question mark may end it)."""
    line = line.strip()
    return 0 < len(line) <= _MAX_HEADING_CHARS and "\n" not in line and (line[0].isupper() or line[0].isdigit()) \
        and line.rstrip(_CLOSING_QUOTES)[-1:] not in ".…:;," and line[-1] not in ".…:;,"


def _cut_boilerplate(text: str, spans: list[tuple[int, int]]) -> tuple[list[Block], list[tuple[int, int]]]:
    """The boilerplate lines of the spans as blocks, and what remains of the spans (runs of other lines)."""
    boilerplate, remaining = [], []
    first_start = spans[0][0] if spans else 0
    for start, end in spans:
        run_start, position = start, start
        for line in text[start:end].split("\n"):
            line_end = position + len(line)
            kind = boilerplate_kind(line, first_line=position == first_start)
            if kind is not None:
                remaining.extend(span for span in [_trim(text, run_start, position)] if span)
                line_span = _trim(text, position, line_end)
                boilerplate.extend([Block(BOILERPLATE, *line_span, kind)] if line_span else [])
                run_start = line_end
            position = line_end + 1
        remaining.extend(span for span in [_trim(text, run_start, end)] if span)
    return boilerplate, remaining


def _split_markdown_heading_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block so that every ``#`` heading line stands alone."""
    pieces, piece_start, position = [], start, start
    for line in text[start:end].split("\n"):
        line_end = position + len(line)
        if _markdown_heading_level(line):
            pieces.extend(span for span in [_trim(text, piece_start, position)] if span)
            pieces.extend(span for span in [_trim(text, position, line_end)] if span)
            piece_start = line_end
        position = line_end + 1
    pieces.extend(span for span in [_trim(text, piece_start, end)] if span)
    return pieces


def _strip_dash_frame(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a ``– Heading –`` span to the heading words."""
    match = _DASH_FRAMED.fullmatch(text, start, end)
    return match.start(1), match.end(1)


def _strip_markdown_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a ``## Heading ##`` span to the heading words."""
    while start < end and text[start] in "# \t":
        start += 1
    while end > start and text[end - 1] in "# \t":
        end -= 1
    return start, end
