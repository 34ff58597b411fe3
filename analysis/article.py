"""The ``Article``: title, sections, paragraphs and sentences, each with offsets into one text.

``load_article`` is the entry point: read the source, find its layout, run spaCy once, and cut
the sentences from the parse. ``article.text[start:end]`` returns every part exactly.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .dateline import find_dateline
from .errors import ArticleError
from .nlp import doc_text, parse
from .reading import Source, read_source
from .schema import Boilerplate, Dateline, Paragraph, Section, Sentence
from .structure import BOILERPLATE, HEADING, PARAGRAPH, TITLE, Block, layout_blocks

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_DERIVED_TITLE_CHARS = 120
_DOC_BYTES = "_doc_bytes"  # a pickled article's parse (:meth:`Article.__getstate__`)


@dataclass
class Article:
    """A parsed article. ``doc`` is the one spaCy parse every later stage reuses.

    ``boilerplate`` holds the lines that are not body (promotions, calls, captions …), in reading order:
    they are in ``text`` and ``doc`` but in no paragraph, section or title. ``dateline`` is the wire
    dateline opening the body ("ROME (Reuters) -", :func:`analysis.dateline.find_dateline`), or None: it is
    in its paragraph but in no sentence, so no stage reads its words as body text.
    """

    text: str
    title: str
    title_start: int
    title_end: int
    title_source: str  # "title line" or "first sentence" when the text has no title line
    sections: list[Section]
    paragraphs: list[Paragraph]
    source: Source
    doc: Doc = field(repr=False)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    dateline: Dateline | None = None

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every paragraph's sentences in reading order (listed once: every stage reads them, several per
        sentence or claim)."""
        return [sentence for paragraph in self.paragraphs for sentence in paragraph.sentences]

    def __getstate__(self) -> dict:
        """Pickled with its parse as ``Doc.to_bytes()``, without the model's vocabulary (five sixths of a pickled
        Doc's bytes, and most of the time to read it back): a cached analysis loads in a hundredth of a second,
        and the Doc is rebuilt only if it is used again."""
        state = dict(self.__dict__)
        state.pop("sentences", None)  # listed again from the paragraphs when read
        if "doc" in state:
            state[_DOC_BYTES] = state.pop("doc").to_bytes()
        return state

    def __getattr__(self, name: str):
        """The parse of an unpickled article, rebuilt on first use with the vocabulary of
        :func:`~analysis.nlp.load_model` (the strings and every token annotation come from the bytes)."""
        if name != "doc" or _DOC_BYTES not in self.__dict__:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        from spacy.tokens import Doc

        from .nlp import load_model

        self.doc = Doc(load_model().vocab).from_bytes(self.__dict__.pop(_DOC_BYTES))
        return self.doc

    def span_text(self, item) -> str:
        """The text of anything with ``start`` and ``end``."""
        return self.text[item.start:item.end]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing a character offset (None in a title or heading)."""
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        return None

    def in_boilerplate(self, offset: int) -> bool:
        """Whether a character offset falls in a boilerplate line."""
        position = bisect.bisect_right([b.start for b in self.boilerplate], offset) - 1
        return position >= 0 and offset < self.boilerplate[position].end


def load_article(source: str | os.PathLike | bytes, *, format: str = "auto", nlp: Language | None = None) -> Article:
    """Read and parse an article from a path, a text string or bytes.

    >>> article = load_article("A Title\\n\\nOne sentence. Another one.")
    >>> article.title, len(article.paragraphs), len(article.sentences)
    ('A Title', 1, 2)

    Raises :class:`~analysis.errors.ArticleError` for input that cannot be analysed.
    """
    read = read_source(source, format=format)
    blocks = source_layout(read)
    return build_article(read, blocks, parse(read.text, nlp, sentence_starts=[b.start for b in blocks]))


def source_layout(source: Source) -> list[Block]:
    """The title, heading and paragraph blocks of a decoded source."""
    return layout_blocks(source.text, markdown=source.format in ("markdown", "html"))


def build_article(source: Source, blocks: list[Block], doc: Doc) -> Article:
    """Assemble an Article from a decoded source, its layout and its spaCy parse.

    Corpus mode calls this with docs from ``nlp.pipe``; ``load_article`` with one parse.
    """
    text = source.text
    if doc_text(doc) != text:
        raise ValueError("the spaCy Doc was not made from this source's text")
    if not any(block.kind == PARAGRAPH for block in blocks):
        only_boilerplate = " (every line is boilerplate)" if any(b.kind == BOILERPLATE for b in blocks) else ""
        raise ArticleError(f"{source.path or 'input'}: no body text{only_boilerplate}")
    first_block = next(block for block in blocks if block.kind in (HEADING, PARAGRAPH))
    dateline = find_dateline(text, first_block.start, first_block.end)
    sentence_spans = _after_dateline(_sentence_spans(doc), dateline)
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    title_block = next((block for block in blocks if block.kind == TITLE), None)
    boilerplate = [Boilerplate(b.start, b.end, text[b.start:b.end], b.label) for b in blocks if b.kind == BOILERPLATE]
    heading: tuple[str, int, int] | None = None
    members: list[Paragraph] = []
    sentence_index = 0

    def close_section() -> None:
        if members or heading:
            start = heading[1] if heading else members[0].start
            end = members[-1].end if members else heading[2]
            sections.append(Section(len(sections), heading[0] if heading else None,
                                    heading[1] if heading else None, heading[2] if heading else None,
                                    start, end, tuple(p.id for p in members)))

    for block in blocks:
        if block.kind == HEADING:
            close_section()
            heading, members = (text[block.start:block.end], block.start, block.end), []
        elif block.kind == PARAGRAPH:
            sentences = []
            for start, end in _clip(sentence_spans, block.start, block.end, text):
                sentences.append(Sentence(sentence_index, start, end, len(paragraphs)))
                sentence_index += 1
            paragraph = Paragraph(len(paragraphs), len(sections), block.start, block.end, tuple(sentences))
            paragraphs.append(paragraph)
            members.append(paragraph)
    close_section()

    if title_block is not None:
        title_start, title_end, title_source = title_block.start, title_block.end, "title line"
    else:
        first = paragraphs[0].sentences[0]
        title_start, title_end = first.start, _cut_at_word(text, first.start, first.end)
        title_source = "first sentence"
    title = " ".join(text[title_start:title_end].split())
    return Article(text, title, title_start, title_end, title_source, sections, paragraphs, source, doc, boilerplate,
                   dateline)


def _after_dateline(spans: list[tuple[int, int]], dateline: Dateline | None) -> list[tuple[int, int]]:
    """Sentence spans with the dateline's characters cut off: the body starts after its dash."""
    if dateline is None:
        return spans
    return [(dateline.end if start < dateline.end < end else start, end) for start, end in spans
            if not (dateline.start <= start and end <= dateline.end)]


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(0, len(doc.text))]


def _clip(spans: list[tuple[int, int]], start: int, end: int, text: str) -> list[tuple[int, int]]:
    """The sentence spans that overlap [start, end), cut to it and trimmed of whitespace."""
    clipped = []
    first = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    for span_start, span_end in spans[max(first, 0):]:
        if span_start >= end:
            break
        if span_end <= start:
            continue
        a, b = max(span_start, start), min(span_end, end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            clipped.append((a, b))
    return clipped


def _cut_at_word(text: str, start: int, end: int) -> int:
    if end - start <= _DERIVED_TITLE_CHARS:
        return end
    cut = text.rfind(" ", start, start + _DERIVED_TITLE_CHARS)
    return cut if cut > start else start + _DERIVED_TITLE_CHARS
