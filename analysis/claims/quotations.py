"""Direct quotations: their spans, and the claims they make when no speech verb introduces them."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..article import Article, Sentence
from ..schema import Claim, ContentPart
from .lexicon import Lexicon, _finish, load_lexicon
from .speakers import Speaker, _no_speaker, _resolve_speaker

if TYPE_CHECKING:
    from spacy.tokens import Token

_OPENING_QUOTES, _CLOSING_QUOTES = "“", "”"
# The only characters with a role; two apostrophes ('') are a straight double quote in some newswire text.
_QUOTE_MARKS = re.compile(f"''|[\"{_OPENING_QUOTES}{_CLOSING_QUOTES}]")
_QUOTE_MIN_WORDS = 4


def quotation_spans(article: Article, *, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """(start, end) of every direct quotation of at least four words, or shorter as the first part of an
    interrupted one, quote marks excluded; with them, the dash quotations of Polish and Ukrainian style
    (:func:`_dash_quotations`, whose frame verbs ``lexicon`` gives).

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
            role = _quote_role(text, position, mark.end(), paragraph.start, paragraph.end)
            if role == "open":
                if opened is not None:
                    spans.append((opened, position))
                opened = mark.end()
            elif role in ("close", "either") and opened is not None:
                spans.append((opened, position))
                opened = None
        if opened is not None:
            spans.append((opened, paragraph.end))
    marked = [trim_quote(text, a, b) for a, b in spans
              if len(text[a:b].split()) >= _QUOTE_MIN_WORDS or _interrupted(text, a, b)]
    dashed = [(a, b) for a, b in _dash_quotations(article, lexicon or load_lexicon())
              if not any(c < b and a < d for c, d in marked)]
    return sorted(marked + dashed)


# A dash that closes a quotation before its frame: "… – he said", "… - said Roe" (spaces around it, so no hyphen;
# words before it on its line, so not the dash opening a paragraph).
_CLOSING_DASH = re.compile(r"(?<=\S)[ \t\u00a0]+[-\u2013\u2014][ \t\u00a0]*$")
# A dash that opens one: at the paragraph's start or right after a sentence's end ("…today.- We …").
_OPENING_DASH = re.compile(r"(?:^|(?<=[.!?\"”]))[ \t\u00a0]*[-\u2013\u2014][ \t\u00a0]*(?=\S)", re.MULTILINE)
_GLUED_SENTENCE = re.compile(r"[.!?](?=[A-Z])")  # "…the war.All this …": a sentence end the scrape glued


def _dash_quotations(article: Article, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of every quotation a dash closes before a speech verb's frame, in the style of Polish and
    Ukrainian news ("– We will not give up – he said." / "Russia will fail - said Roe."): from the dash that opens
    it in its paragraph (at the start or after a sentence end), else from its sentence's start, to the closing
    dash; at least four words. A dash before any other word ("partly because - as it seems - …") closes nothing."""
    text, doc, spans = article.text, article.doc, []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.speech_verbs \
                and token.lemma_.lower() not in lexicon.frame_verbs:
            continue  # "aides — documents the AP received": a noun
        word = doc[token.i - 1] if token.i and doc[token.i - 1].pos_ == "PRON" else token  # "– he said"
        closing = _CLOSING_DASH.search(text, max(0, word.idx - 4), word.idx)
        if closing is None or any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
            continue  # "X - the minister - said that …": the verb has its own content
        if token.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "aux") for c in token.children):
            continue  # "X removes a memorial — a city … — accusing Russia of …": a participle, no frame
        end = closing.start()
        sentence = _sentence_at(article, end)
        floor = max([article.paragraphs[sentence.paragraph_id].start, *(b + 1 for _, b in spans if b < end)])
        openings = [m.end() for m in _OPENING_DASH.finditer(text, floor, end)]
        glued = [m.end() for m in _GLUED_SENTENCE.finditer(text, max(floor, sentence.start), end)]
        start = openings[-1] if openings else max([floor, sentence.start, *glued])
        start, end = trim_quote(text, start, end)
        if len(text[start:end].split()) >= _QUOTE_MIN_WORDS and not _QUOTE_MARKS.search(text, start, end):
            spans.append((start, end))
    return spans


# A quotation's closing mark, the frame's words and the next quotation's opening mark: '," he said. "'.
_INTERRUPTION = re.compile(r"(?:''|[\"”])[^\"“”\n]{1,60}?[,.:]\s*(?:''|[\"“])")


def _interrupted(text: str, start: int, end: int) -> bool:
    """A short quotation (fewer than four words) that is a part of an interrupted one: it ends with its own
    punctuation and a frame leads to the next quotation ('“No,” he said. “We will never …”') or from the
    previous one ('“We will never …,” he said. “Never.”'). A short scare quote or title ("a “human leech”")
    has neither."""
    if not (start < end and text[end - 1] in ",?!."):
        return False
    return _INTERRUPTION.match(text, end) is not None or _INTERRUPTION_BEFORE.search(
        text, max(0, start - _INTERRUPTION_REACH), start) is not None


# The same frame ending where the second part opens (a pattern anchored at the search window's end).
_INTERRUPTION_BEFORE = re.compile(_INTERRUPTION.pattern + r"\s*$")
_INTERRUPTION_REACH = 72  # the frame's longest match: two marks, 60 characters, a stop and spaces


def _quote_role(text: str, position: int, mark_end: int, start: int, end: int) -> str | None:
    """"open", "close", "either" (a straight quote between spaces) or None for the mark at
    [position, mark_end); curly quotes say it themselves, but for a closing one that opens a paragraph."""
    char = text[position]
    before = text[position - 1] if position > start else " "
    after = text[mark_end] if mark_end < end else " "
    if char in _OPENING_QUOTES:
        return "open"
    if char in _CLOSING_QUOTES:  # a closing mark typed for an opening one at a paragraph's start: '”Fear. …”'
        return "open" if position == start and after.isalnum() else "close"
    if (before.isspace() or before in "([{-—–:") and not after.isspace():
        return "open"
    return "close" if not before.isspace() else "either" if after.isspace() else None


def trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without edge spaces and trailing punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


def _add_quotations(article: Article, claims: list[Claim], quotes: list[tuple[int, int]], lexicon: Lexicon, index,
                    cues_of: list):
    """Give every direct quotation to one claim: the claim whose content it overlaps or whose speaker and
    verb frame it ("“…,” the daily wrote"), else the quotation it continues ("“…,” he said. “…”", or a
    quotation left open at a paragraph's end), else a claim of its own. A claim's content then covers its
    whole quotations, as content parts. ``cues_of`` holds each sentence's cues, by sentence index."""
    result = list(claims)
    owners: list[int | None] = []
    for number, (start, end) in enumerate(quotes):
        if _is_title(article.text, start, end):
            owners.append(None)  # "on CNN's “State of the Union”": a name, nobody's words
            continue
        owner = _owner(article, result, quotes, owners, number)
        if owner is None and number and owners[number - 1] is not None:
            owner = _continued(article, result, quotes[number - 1], (start, end), owners[number - 1])
        if owner is None:
            result.append(_quotation_claim(article, start, end, result, lexicon, index, cues_of))
            owner = len(result) - 1
        else:
            result[owner] = _with_parts(article, result[owner], [*_parts(result[owner]), (start, end)], quotation=True)
        owners.append(owner)
    return sorted((_with_kind(article, claim, quotes) for claim in result), key=lambda c: (c.start, c.verb_start))


_FRAME_GAP = re.compile(r"[\s,.:;'\"“”‘’\u2014\u2013\u2015-]*")  # what may lie between a quotation and its frame
# The frame's own words on one line, no quote marks: between an interrupted quotation's first part and the verb
# ('," Mr. Roe said'), or between the verb and its next part ('said on Monday, "').
_FRAME_REACH = 64  # characters from a quotation to the verb that interrupts it, at most
_FRAME_WORDS = "(?:(?!'')[^\"“”\n]){0,60}"
_BEFORE_VERB = re.compile(r"[,?!]?[ \t\u00a0]*(?:''|[\"”])" + _FRAME_WORDS)
_AFTER_VERB = re.compile(_FRAME_WORDS + r"[,:][ \t\u00a0]*(?:''|[\"“])[ \t\u00a0]*")


_MARKS_AFTER = ",?!'\"” \t\u00a0"  # a quotation's closing punctuation and marks ('," Mr. Roe said')


def _aside_before(gap: str) -> bool:
    """Whether the words between a quotation's marks and its frame's speaker hold an aside of their own, set off
    by a comma within the sentence ('“…,” delivered in Oslo, the minister argued'): then the frame does not
    interrupt that quotation. (Across a sentence end the old reading stays: a rarer case, left open.)"""
    words = gap.lstrip(_MARKS_AFTER)
    return "," in words and not re.search(r"[.!?]\s", words)


def _owner(article: Article, claims: list[Claim], quotes, owners: list, number: int) -> int | None:
    """The claim a quotation belongs to, or None (see :func:`_add_quotations`)."""
    text, sentences = article.text, article.sentences
    start, end = quotes[number]
    overlapping = [i for i, c in enumerate(claims) if c.verb_lemma and any(a < end and start < b for a, b in _parts(c))]
    if overlapping:  # the nearest verb when two claims share a sentence
        return min(overlapping, key=lambda i: min(abs(claims[i].verb_start - start), abs(claims[i].verb_start - end)))
    framing = [i for i, c in enumerate(claims) if c.verb_lemma and (
        _gap(text, end, c.start) or _gap(text, c.end, start))]
    if framing:
        nearest = min(framing, key=lambda i: min(abs(claims[i].start - end), abs(start - claims[i].end)))
        return _going_on(claims, quotes, owners, number, nearest)
    interrupting = [i for i, c in enumerate(claims) if c.verb_lemma and end < c.verb_start <= end + _FRAME_REACH
                    and _BEFORE_VERB.fullmatch(text, end, c.verb_start)  # '“…,” Mr. Roe said, “…”'
                    and not _aside_before(text[end:min(c.verb_start, c.speaker_start or c.verb_start)])]
    if interrupting:
        return min(interrupting, key=lambda i: claims[i].verb_start)
    if number and owners[number - 1] is not None:
        previous, before = claims[owners[number - 1]], quotes[number - 1]
        sentence_end = sentences[previous.sentence_index].end
        if any(_gap(text, after, start) for after in (previous.end, before[1], sentence_end)) \
                or _left_open(text, before[1], start) or previous.verb_lemma and before[1] <= previous.verb_start \
                and _AFTER_VERB.fullmatch(text, previous.verb_end, start) \
                and not _verb_between(article, previous.verb_end, start):  # '“…,” Roe told X on Monday, “…”'
            return owners[number - 1]
    return None


def _going_on(claims: list[Claim], quotes, owners: list, number: int, framing: int) -> int:
    """The claim a quotation goes on with instead of the one whose frame it follows, when that frame is the
    same speaker's aside in the previous quotation's sentence ('“…,” Roe said, explaining why. “…”')."""
    previous = owners[number - 1] if number else None
    if previous is None or previous == framing:
        return framing
    frame, owner = claims[framing], claims[previous]
    same_speaker = (frame.speaker_id or frame.speaker) == (owner.speaker_id or owner.speaker)
    if same_speaker and not frame.quotation and frame.sentence_index == owner.sentence_index \
            and quotes[number - 1][1] <= frame.verb_start:
        return previous
    return framing


def _verb_between(article: Article, start: int, end: int) -> bool:
    """Whether a verb lies in [start, end): '“…,” Roe said, suggesting questions, including “…”' frames the
    second quotation with a verb of its own, so it is not the first one going on."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(token.pos_ == "VERB" and start <= token.idx < end for token in span)


# Words a title leaves in lower case ("Orange is the New Black", "The Nightly Show with Jane Roe").
_TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
                      "from", "as", "into", "over", "vs", "is", "are", "be", "de", "la", "von", "van"}
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _is_title(text: str, start: int, end: int) -> bool:
    """A quotation that is a title or a name ("State of the Union", "Make America Great Again"): every word
    capitalised but the small ones, and no clause break or sentence end inside."""
    inner = text[start:end]
    words = _TITLE_WORD.findall(inner)
    return len(words) >= 2 and words[0][0].isupper() and not re.search(r"[,;!?]|[.]\s", inner) \
        and all(word[0].isupper() or word.lower() in _TITLE_SMALL_WORDS for word in words)


def _continued(article: Article, claims: list[Claim], before, quote, owner: int) -> int | None:
    """The claim a quotation goes on with when it opens the next paragraph and no verb claim or subject
    intervenes: '“…,” she said.' then a paragraph '“…”', the same speaker going on (news style)."""
    start, end = quote
    sentence = _sentence_at(article, start)
    paragraph = article.paragraphs[sentence.paragraph_id]
    previous_paragraph = _sentence_at(article, before[1] - 1).paragraph_id
    if sentence.paragraph_id - previous_paragraph != 1 \
            or not _FRAME_GAP.fullmatch(article.text, paragraph.start, start):
        return None
    if any(c.verb_lemma and before[1] <= c.verb_start < start and i != owner for i, c in enumerate(claims)):
        return None  # another verb's claim between; the owner's own frame ('“…,” she said.') is no break
    if _sentence_subject(article, sentence, start, end) is not None:
        return None
    return owner


def _gap(text: str, start: int, end: int) -> bool:
    """Only spaces, punctuation and quote marks between two offsets, in one paragraph unless a colon
    announces the next ("he said:" and the quotation below)."""
    return 0 <= start <= end and end - start <= 12 and ("\n\n" not in text[start:end] or ":" in text[start:end]) \
        and _FRAME_GAP.fullmatch(text, start, end) is not None


def framed_quotations(verb: Token, quotes: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The quotations right before or after a speech verb's own words, for a verb the parse gives no
    content: '"My hope," he said, "is that ..."', 'He said: "..."', and '"... Full panic mode," said X',
    where the parse starts the verb's phrase inside the quotation. ``text`` is the article's."""
    words = [t for t in verb.subtree if not (t.is_punct or t.is_space)]
    framed = []
    for start, end in quotes:
        after = next((t for t in words if t.idx >= end), None)  # the frame's first word after the quotation
        before = next((t for t in reversed(words) if t.idx + len(t) <= start), None)  # its last word before
        if after is not None and after.i <= verb.i and _gap(text, end, after.idx) \
                or before is not None and before.i >= verb.i and _gap(text, before.idx + len(before), start):
            framed.append((start, end))
    return framed


def _left_open(text: str, end: int, next_start: int) -> bool:
    """A quotation that runs to its paragraph's end with no closing mark, and the next paragraph opens
    with a quotation: news style for one quotation over several paragraphs."""
    between = text[end:next_start]
    return not _QUOTE_MARKS.search(text, end, min(end + 3, next_start)) and between.count("\n\n") == 1 \
        and between.split("\n\n")[0].strip(" ,.;:") == "" and between.split("\n\n")[1].strip() in _QUOTE_OPENERS


_QUOTE_OPENERS = {'"', "''", _OPENING_QUOTES}


def _parts(claim: Claim) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in claim.content_parts] or [(claim.content_start, claim.content_end)]


def _merged(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content parts in text order, overlapping ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted(parts):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _with_parts(article: Article, claim: Claim, parts: list[tuple[int, int]], **changes) -> Claim:
    """The claim with its content made of ``parts`` (overlapping parts merged), its offsets and sentences, and
    the other ``changes`` of its fields (one new Claim)."""
    merged = _merged(parts)
    text = article.text
    content_start, content_end = merged[0][0], merged[-1][1]
    edges = [claim.start, claim.end, content_start, content_end]
    sentences = sorted({claim.sentence_index} | {_sentence_at(article, offset).index
                                                 for part in merged for offset in (part[0], part[1] - 1)})
    return replace(claim, content=text[content_start:content_end], content_start=content_start,
                   content_end=content_end, start=min(edges), end=max(edges),
                   content_parts=tuple(ContentPart(text[a:b], a, b) for a, b in merged),
                   sentence_indexes=tuple(range(sentences[0], sentences[-1] + 1)), **changes)


def _with_kind(article: Article, claim: Claim, quotes: list[tuple[int, int]]) -> Claim:
    """Parts and sentences filled in, and the claim classed direct, mixed or indirect by its quoted words."""
    parts = _merged(_parts(claim))
    near = [(a, b) for a, b in quotes if any(a < end and start < b for start, end in parts)]  # most claims: none
    words = [m.start() for a, b in parts for m in _WORD.finditer(article.text, a, b)] if near else []
    inside = sum(any(a <= w < b for a, b in near) for w in words)
    kind = "direct" if words and inside == len(words) else "mixed" if inside else "indirect"
    return _with_parts(article, claim, parts, kind=kind, quotation=claim.quotation or inside > 0)


_WORD = re.compile(r"\w+")


def _quotation_claim(article: Article, start: int, end: int, claims: list[Claim], lexicon: Lexicon, index,
                     cues_of: list) -> Claim:
    """A quotation no speech verb introduces: the words of its sentence's subject when the sentence has one
    outside the quotation ("Reid called him a “human leech”", "The piece ran her words as its headline: “…”"),
    else it continues the previous quoted speaker's words, if any."""
    sentence = _sentence_at(article, start)
    previous = max((c for c in claims if c.start < start), key=lambda c: c.start, default=None)
    subject = _sentence_subject(article, sentence, start, end)
    if subject is not None:
        speaker = replace(_resolve_speaker(subject, sentence, lexicon, index, claims),
                          speaker_rule="subject of the sentence around the quotation")
    elif previous is not None and previous.quotation and previous.paragraph_id >= sentence.paragraph_id - 1:
        speaker = replace(Speaker.of(previous), speaker_rule="continues the quotation of the previous claim")
    else:
        speaker = _no_speaker("quotation with no speaker in the text")
    edges = [start, end] + ([speaker.speaker_start, speaker.speaker_end] if speaker.speaker_start else [])
    claim = Claim(**speaker.claim_fields(), verb="", verb_lemma="", verb_start=start, verb_end=start,
                  content=article.text[start:end], content_start=start, content_end=end, start=min(edges),
                  end=max(edges), paragraph_id=sentence.paragraph_id, sentence_index=sentence.index,
                  pattern="quotation", quotation=True)
    return _finish(claim, cues_of[sentence.index], lexicon)


def _sentence_subject(article: Article, sentence: Sentence, start: int, end: int) -> Token | None:
    """The subject of a sentence's main verb when it lies before the quotation [start, end) and outside
    every quotation: a name, noun or third-person pronoun; when the parse makes the quotation the main
    clause, the subject of the clause that introduces it with a colon ('Roe put it bluntly: “…”')."""
    span = article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return None
    heads = [span.root]
    if _COLON_BEFORE.search(article.text, sentence.start, start):
        heads += sorted((t for t in span if t.idx < start and t.pos_ in ("VERB", "AUX") and t is not span.root),
                        key=lambda t: -t.i)
    return next((c for head in heads for c in head.children if c.dep_ == "nsubj"
                 and c.pos_ in ("PROPN", "NOUN", "PRON") and c.idx < start and c.lower_ not in _FIRST_PERSONS
                 and not _QUOTE_MARKS.search(article.text, sentence.start, c.idx)), None)


# A colon, then the quotation's opening mark: 'Roe put it bluntly: “'.
_COLON_BEFORE = re.compile(r":[ \t\u00a0]*(?:''|[\"\u201c])?[ \t\u00a0]*$")


_FIRST_PERSONS = {"i", "we", "you", "it", "this", "that", "there"}


def _sentence_at(article: Article, offset: int) -> Sentence:
    """The sentence that contains (or, between sentences, precedes) a character offset."""
    sentences = article.sentences
    return sentences[max(bisect.bisect_right([s.start for s in sentences], offset) - 1, 0)]
