"""Direct quotations: their spans, and the claims they make when no speech verb introduces them."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..article import Article, Sentence
from ..schema import Claim
from .lexicon import Lexicon, _finish, sentence_cues
from .speakers import Speaker, _no_speaker

_OPENING_QUOTES, _CLOSING_QUOTES = "“", "”"
_QUOTE_MARKS = re.compile(f'["{_OPENING_QUOTES}{_CLOSING_QUOTES}]')  # the only characters with a role
_QUOTE_MIN_WORDS = 4


def quotation_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every direct quotation of at least four words, quote marks excluded.

    Each mark is read as opening or closing from its neighbours (straight quotes open after a space
    and before a word, close after a word), so a quotation left open — news style for a quote that
    goes on in the next paragraph — runs to its paragraph's end without upsetting the pairs after it.
    """
    spans = []
    text = article.text
    for paragraph in article.paragraphs:
        opened = None
        for mark in _QUOTE_MARKS.finditer(text, paragraph.start, paragraph.end):
            position = mark.start()
            role = _quote_role(text, position, paragraph.start, paragraph.end)
            if role == "open":
                if opened is not None:
                    spans.append((opened, position))
                opened = position + 1
            elif role in ("close", "either") and opened is not None:
                spans.append((opened, position))
                opened = None
        if opened is not None:
            spans.append((opened, paragraph.end))
    return [(a, b) for a, b in (_trim_quote(text, a, b) for a, b in spans)
            if len(text[a:b].split()) >= _QUOTE_MIN_WORDS]


def _quote_role(text: str, position: int, start: int, end: int) -> str | None:
    """"open", "close", "either" (a straight quote between spaces) or None for the character at
    ``position``; curly quotes say it themselves."""
    char = text[position]
    if char in _OPENING_QUOTES:
        return "open"
    if char in _CLOSING_QUOTES:
        return "close"
    if char != '"':
        return None
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < end else " "
    if (before.isspace() or before in "([{-—–:") and not after.isspace():
        return "open"
    return "close" if not before.isspace() else "either" if after.isspace() else None


def _trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


def _add_quotations(article: Article, claims: list[Claim], quotes: list[tuple[int, int]], lexicon: Lexicon):
    """Mark claims whose content is a direct quotation; quotations no verb introduces become claims too."""
    result = list(claims)
    for start, end in quotes:
        overlapping = [i for i, c in enumerate(result) if c.content_start < end and start < c.content_end]
        for i in overlapping:
            result[i] = replace(result[i], quotation=True)
        if not overlapping:
            result.append(_quotation_claim(article, start, end, result, lexicon))
    return sorted(result, key=lambda c: (c.start, c.verb_start))


def _quotation_claim(article: Article, start: int, end: int, claims: list[Claim], lexicon: Lexicon) -> Claim:
    """A quotation no speech verb introduces: it continues the previous quoted speaker's words, if any."""
    sentence = _sentence_at(article, start)
    previous = max((c for c in claims if c.start < start), key=lambda c: c.start, default=None)
    if previous is not None and previous.quotation and previous.paragraph_id >= sentence.paragraph_id - 1:
        speaker = replace(Speaker.of(previous), speaker_rule="continues the quotation of the previous claim")
    else:
        speaker = _no_speaker("quotation with no speaker in the text")
    edges = [start, end] + ([speaker.speaker_start, speaker.speaker_end] if speaker.speaker_start else [])
    claim = Claim(**speaker.claim_fields(), verb="", verb_lemma="", verb_start=start, verb_end=start,
                  content=article.text[start:end], content_start=start, content_end=end, start=min(edges),
                  end=max(edges), paragraph_id=sentence.paragraph_id, sentence_index=sentence.index,
                  pattern="quotation", quotation=True)
    return _finish(claim, sentence_cues(article, sentence, lexicon=lexicon), lexicon)


def _sentence_at(article: Article, offset: int) -> Sentence:
    """The sentence that contains (or, between sentences, precedes) a character offset."""
    sentences = article.sentences
    return sentences[max(bisect.bisect_right([s.start for s in sentences], offset) - 1, 0)]
