"""Claims: who said what, with the speaker, the verb and the claimed content as offsets.

The data flow, one module per step:

1. :mod:`.lexicon` — the editable word lists of ``analysis/data/claim_lexicon.json``: speech and cognition
   verbs (every inflection), voice nouns, unnamed sources and the hedging, sourcing and denial cues.
2. This module — the article's one spaCy parse → speech, cognition and evaluation verbs with their
   subject, passive agent or "according to" phrase, and the content they introduce (a clause, an
   infinitive, an object; two parts when the speaker interrupts it), and paragraphs that open with a
   name and a colon or dash ("PENCE: ...").
3. :mod:`.speakers` — the speaker resolved to an actor through the actor mentions (a mention at the
   head, an apposition "a spokesperson for X, NAME", a possessive "X's press service", an "of/for"
   phrase, a pronoun back to the speaker it continues), as one typed ``Speaker``.
4. :mod:`.quotations` — direct quotations: each belongs to one claim (the one whose content it
   overlaps, whose speaker and verb frame it, or whose quotation it continues) and becomes part of
   its content; a quotation no verb introduces becomes a claim of its own. Every claim gets its
   content parts, sentences and kind (direct, mixed, indirect).
5. :mod:`.lexicon` again — hedging, sourcing and denial cues per claim and per sentence, and each
   claim placed as asserted, reported or denied.

Without actor mentions, ``speaker_id`` stays None and the speaker text is kept, so nothing is guessed.
Mentions are any objects (or dicts) with ``actor_id``, ``start`` and ``end`` (``adjectival`` optional);
actors any objects (or dicts) with ``id``, ``name`` and ``type`` (``affiliation`` optional).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..article import Article, Sentence
from ..compat import moved_names
from ..nlp import doc_text, token_column, token_offsets
from ..schema import Claim, ClaimSpeaker, ContentPart, Cue
from ..wordcase import lowered_for_words
from .cue_model import CueModel, load_cue_model
from .lexicon import (
    ASSERTED,
    DENIAL,
    DENIED,
    HEDGE,
    LEXICON_PATH,
    REPORTED,
    SOURCING,
    Lexicon,
    _alternation,
    _finish,
    article_cues,
    load_lexicon,
    lowered_gate,
    sentence_cue_records,
    sentence_cues,
)
from .quotations import (
    _FRAME_GAP,
    _FRAME_REACH,
    _add_quotations,
    _sentence_at,
    framed_quotations,
    quotation_spans,
    trim_quote,
)
from .speakers import Speaker, _Actors, _entity_bounds, _named, _no_speaker, _resolve_speaker, item_field

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ASSERTED", "DENIAL", "DENIED", "HEDGE", "LEXICON_PATH", "REPORTED", "SOURCING", "Lexicon", "article_cues",
           "cue_candidates", "extract_claims", "item_field", "load_lexicon", "quotation_spans", "sentence_cue_records",
           "sentence_cues"]

# Dependency labels under which a speech verb heads a statement (not "the announced plans").
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "pcomp", "parataxis", "xcomp"})
_VERB_POS = frozenset({"VERB", "AUX"})
# Right-hand children that are not part of what was said.
_NOT_CONTENT = {"punct", "advcl", "conj", "cc", "nsubj", "nsubjpass", "agent", "aux", "auxpass", "neg", "advmod",
                "mark", "npadvmod", "dep", "prt"}
_RELATIVE_PRONOUNS = {"who", "that", "which"}
_SPEAKER_POS = {"PROPN", "NOUN", "PRON", "NUM"}


def extract_claims(article: Article, *, mentions=None, actors=None, lexicon: Lexicon | None = None,
                   cues_of: list[list[Cue]] | None = None) -> list[Claim]:
    """Every attributed statement in the article, in reading order.

    Parameters
    ----------
    article : Article
        The parsed article (its one spaCy parse is reused).
    mentions : iterable, optional
        Actor mentions (``actor_id``, ``start``, ``end``, optional ``adjectival``) from the actors
        stage. Without them ``speaker_id`` is None and the speaker text is kept.
    actors : iterable, optional
        Actors (``id``, ``name``, ``type``, optional ``affiliation``/``affiliation_id``): names for
        ``speaker_name``, types for resolving pronouns, affiliations for named speakers.
    lexicon : Lexicon, optional
        Verbs and cues; defaults to ``analysis/data/claim_lexicon.json``.
    cues_of : list, optional
        Each sentence's cues (:func:`article_cues`), when already searched; searched here otherwise.

    >>> from analysis import load_article
    >>> claims = extract_claims(load_article("Title\\n\\nThe mayor said that the budget was fair."))
    >>> [(c.speaker, c.verb, c.content) for c in claims]
    [('The mayor', 'said', 'the budget was fair')]
    """
    lexicon = lexicon or load_lexicon()
    quotes = quotation_spans(article, lexicon=lexicon)
    index = _Actors(article, mentions, actors, quotes)
    model = load_cue_model()
    cues_of = article_cues(article, lexicon=lexicon) if cues_of is None else cues_of
    claims: list[Claim] = []
    for sentence in article.sentences:
        span = article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        cues = cues_of[sentence.index]
        found = [*_verb_claims(span, sentence, lexicon, model, index, claims, quotes),
                 *_according_claims(span, sentence, lexicon, index, claims, quotes),
                 *_noun_claims(span, sentence, lexicon, index, claims, quotes),
                 *_label_claims(span, sentence, article, lexicon, index, claims)]
        found = _without_embedded_events(found, lexicon) or list(
            _source_phrase_claims(span, sentence, lexicon, index, claims)) or list(
            _adverb_claims(span, sentence, lexicon, quotes)) or list(
            _headline_claims(span, sentence, lexicon, index, claims))
        found.sort(key=lambda c: (c.start, c.verb_start))
        claims += [_finish(claim, cues, lexicon, found) for claim in found]
    claims += [_finish(claim, cues_of[claim.sentence_index], lexicon)
               for claim in _signature_claims(article, quotes, lexicon, index, claims)]
    claims = _add_quotations(article, claims, quotes, lexicon, index, cues_of)
    return _one_claim_per_content(claims, article.doc, lexicon)


def _one_claim_per_content(claims: list[Claim], doc, lexicon: Lexicon) -> list[Claim]:
    """The claims without a second claim of one content by one speaker ("X said that …, he added" read as
    both X's saying and his adding of the same words): of two claims of the same speaker actor whose contents
    share at least half of each, the one whose content holds the other's verb (the frame read into the words) goes,
    else the one whose verb lies farther from its content. Before that, a claim that lies, verb and content, inside
    another's content goes (:func:`_nested_in_another`)."""

    def speaker(claim: Claim):
        return claim.speaker_id or None

    def shared(a: Claim, b: Claim) -> bool:
        overlap = min(a.content_end, b.content_end) - max(a.content_start, b.content_start)
        return overlap * 2 >= max(a.content_end - a.content_start, b.content_end - b.content_start)

    def distance(claim: Claim) -> int:
        return max(claim.content_start - claim.verb_end, claim.verb_start - claim.content_end, 0)

    dropped = _nested_in_another(claims, doc, lexicon)
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if i in dropped or j in dropped or not a.verb_lemma or not b.verb_lemma or not shared(a, b):
                continue
            same_speaker = speaker(a) is not None and speaker(a) == speaker(b)
            if not same_speaker:
                continue
            holds_a, holds_b = (c.content_start <= d.verb_start < c.content_end for c, d in ((a, b), (b, a)))
            dropped.add(i if holds_a and not holds_b or holds_a == holds_b and distance(a) > distance(b) else j)
    return [claim for number, claim in enumerate(claims) if number not in dropped]


def _nested_in_another(claims: list[Claim], doc, lexicon: Lexicon) -> set[int]:
    """The indexes of the claims whose verb and content lie inside another claim's content: "X said that Roe
    thinks …", "… after Roe proposed a ban", "his promise to …" are part of what X said, one attribution of X's,
    as annotated corpora take them (each word is the content of one attribution only). Kept: a claim whose verb
    is a conjunct ("X said A, and Y said B" read with Y's words inside X's), and one inside what a source
    passed on ("Roe said …, according to the paper", "…, Roe told the media, the agency learned"): Roe spoke."""

    def nested(outer: Claim, inner: Claim) -> bool:
        passed_on = outer.pattern == "according to" or outer.verb_lemma in lexicon.recipient_verbs
        return outer is not inner and bool(outer.verb_lemma) and not passed_on \
            and outer.content_start <= min(inner.verb_start, inner.content_start) \
            and max(inner.verb_end, inner.content_end) <= outer.content_end

    def conjunct(claim: Claim) -> bool:
        verb = doc.char_span(claim.verb_start, claim.verb_end, alignment_mode="expand")
        return verb is not None and verb[0].dep_ == "conj"

    return {number for number, inner in enumerate(claims) if inner.verb_lemma and not conjunct(inner)
            and any(nested(outer, inner) for outer in claims)}


def _without_embedded_events(found: list[Claim], lexicon: Lexicon) -> list[Claim]:
    """The sentence's claims without those headed by a verb that is no speech verb inside another claim's
    content: in "X said that Y defended the plan", Y's defending is what X said, not Y's claim."""

    def embedded(claim: Claim) -> bool:
        return any(other is not claim and other.verb_lemma and other.content_start <= claim.verb_start
                   < other.content_end for other in found)

    return [claim for claim in found if claim.pattern not in ("verb", "passive")
            or claim.verb_lemma in lexicon.speech_verbs or not embedded(claim)]


def _verb_claims(span: Span, sentence: Sentence, lexicon: Lexicon, model: CueModel, index: _Actors,
                 earlier: list[Claim], quotes):
    """Claims headed by a verb the cue model accepts: subject, passive agent or unattributed passive.

    A verb inside a direct quotation ("I think ...") is the quoted speaker's wording, not a new claim.
    """
    for verb in cue_candidates(span, quotes):
        frame = _quotation_frame(verb, quotes, lexicon)
        stance = _stance(verb)
        cue = model.is_cue(verb, lexicon, index.type_at) or _as_aside(verb, lexicon) or (
            _view_topic(verb, lexicon) is not None) or stance is not None
        if frame is None and not cue:
            continue  # a speech verb beside a quotation is a cue even when the parse gives it nothing to say
        content = _content(verb, lexicon, stance)
        parts = (_around(span.doc, content, verb) if content is not None
                 else framed_quotations(verb, quotes, index.article.text))
        subjects, pattern = _subjects(verb, lexicon)
        if frame is not None:  # the parse lost what '"...," Roe said', '"...," said Roe' or 'Roe said, "..."' says
            quote, first, last = frame
            if quote[0] > verb.idx:  # the quotation follows: the parse's subject, unless it found none
                parts = parts if cue and parts else [quote]
                subjects = subjects or ([last] if last is not None else [])
            elif not (parts and subjects and all(first.i <= s.i <= last.i for s in subjects)):
                parts, subjects, pattern = [quote], [last], "verb"
            if any(a <= verb.idx < b for a, b in parts):  # the parse ran the quotation on over its own frame
                parts = [quote]
        announced = _quotation_after_colon(verb, quotes)
        if announced is not None and parts and all(b <= announced[0] and _opens_with_preposition(span.doc, a)
                                                   for a, b in parts):
            parts = [announced]  # 'wrote on Twitter: “…”': the quotation is what was written, not "on Twitter"
        parts = _after_dateline(parts, index.article) or _so(verb, lexicon)
        if not parts or _in_run_in_heading(verb, parts, sentence, index, lexicon):
            continue
        if pattern == "passive with agent" and not cue and verb.lemma_.lower() not in lexicon.passive_verbs:
            continue  # "the bridge is maintained by the council" is no claim, unless the cue model says so
        if not subjects:
            if not _unattributed(verb, lexicon, cue) or _only_relative_pronoun(parts, span.doc):
                continue  # "the decision, which was announced …": nobody's words, and no words but "which"
            speaker = _no_speaker("unattributed passive")
            yield _claim(speaker, verb, verb, parts, sentence, "passive")
            continue
        if _impression(verb, lexicon):  # "Melania seems to have vanished": how it looks to the writer, nobody's claim
            yield _claim(_no_speaker("a seeming: the writer's impression"), verb, verb,
                         _with_impression_subject(parts, subjects, verb), sentence, pattern)
            continue
        speakers = [_resolve_speaker(subject, sentence, lexicon, index, earlier) for subject in subjects]
        parts = _before_speaker(parts, subjects[0])
        # a stance's cue is "is confident", not "is" alone
        yield _claim(speakers[0], verb, stance[0] if stance else verb, parts, sentence, pattern,
                     co_speakers=speakers[1:])


def _so(verb: Token, lexicon: Lexicon) -> list[tuple[int, int]]:
    """"X thinks so", "neither side would say so": the "so" that stands for what was said or thought (PolNeAR's
    content is that word), when the verb has no other content."""
    so = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "so" and c.i > verb.i), None)
    if so is None or verb.lemma_.lower() not in lexicon.speech_verbs:
        return []
    return [(so.idx, so.idx + len(so))]


def _only_relative_pronoun(parts: list[tuple[int, int]], doc) -> bool:
    """The content is a relative pronoun alone ("which"): it names nothing that was said."""
    text = doc_text(doc)
    return all(text[a:b].strip().lower() in _RELATIVE_PRONOUNS for a, b in parts)


def _view_topic(verb: Token, lexicon: Lexicon) -> Token | None:
    """What a view held or voiced is about ("Roe had strong views on X", "voiced concerns about X", "made
    comments about X"): the object of the noun's "about", "on" or "over"."""
    if verb.lemma_.lower() not in lexicon.view_verbs:
        return None
    return next((o for n in verb.children if n.dep_ == "dobj" and (
        n.lemma_.lower() in lexicon.claim_nouns or n.lemma_.lower() in lexicon.view_nouns) for p in n.children
        if p.dep_ == "prep" and p.lower_ in ("about", "on", "over") for o in p.children if o.dep_ in ("pobj", "pcomp")),
        None)


def _stance(verb: Token) -> tuple[Token, Token] | None:
    """The adjective and reported clause of a stance after "be" ("X is confident that …", "was adamant the plan
    would work", "were not sure whether …"), the clause on the adjective or, as the parse often hangs it, on "be"
    after the adjective: the subject holds that view. None with "it" for subject ("it is clear that …": nobody's)."""
    if verb.lemma_.lower() != "be" or any(c.dep_ in ("expl", "nsubj") and c.lower_ == "it" for c in verb.children):
        return None
    for adjective in (c for c in verb.children if c.dep_ == "acomp" and c.i > verb.i):
        for clause in (*adjective.children, *verb.children):
            if clause.dep_ == "ccomp" and clause.i > adjective.i and any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in clause.children):
                return adjective, clause
    return None


def _unattributed(verb: Token, lexicon: Lexicon, cue: bool) -> bool:
    """A passive without agent that is a claim with no speaker (PolNeAR gives these no source): a reporting passive
    of the lexicon ("the plan is said to ...", negated too: "is not expected to ..."; "he was denied a visa" is
    not), a question put ("he was asked what
    happened") and a participle clause the cue model accepts ("Asked whether he would run, she said …")."""
    deps = {c.dep_ for c in verb.children}
    if verb.lemma_.lower() in lexicon.passive_verbs and "nsubjpass" in deps and "dobj" not in deps:
        return True
    return cue and "neg" not in deps and ("nsubjpass" in deps and verb.lemma_.lower() in lexicon.question_verbs
                                         or verb.dep_ == "advcl" and verb.tag_ == "VBN")


_IMPRESSION_VERBS = frozenset({"seem", "appear"})


def _impression(verb: Token, lexicon: Lexicon) -> bool:
    """"X seems to …", "it appeared that …", "Nothing seems credible": a raising verb with a complement, which
    says how things look (its subject is what it is said of, not a speaker); "appeared on TV" is not one, nor
    "he appeared to suggest that …", which is his suggestion."""
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd")]
    return verb.lemma_.lower() in _IMPRESSION_VERBS and bool(complements) and not any(
        c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.speech_verbs for c in complements)


def _in_run_in_heading(verb: Token, parts: list[tuple[int, int]], sentence: Sentence, index: _Actors,
                       lexicon: Lexicon) -> bool:
    """Whether a verb lies in a run-in heading: a paragraph's first few words ended by a colon, with the paragraph
    going on after it ("Siege of the port continues: Despite …", "Minister blasts plan: …"), which only sums up
    the words the paragraph attributes. A speech verb whose content follows the colon ("Roe told reporters: …")
    is no heading but its frame, and so is a frame verb whose subject is an actor or a pronoun ("He went on: …")."""
    paragraph = index.article.paragraphs[sentence.paragraph_id]
    if sentence.start != paragraph.start:
        return False
    doc = verb.doc
    first = verb.sent.start
    colon = next((t for t in doc[first:first + _HEADLINE_LABEL_MAX_WORDS + 1] if t.text == ":"), None)
    if colon is None or verb.i > colon.i or colon.idx + 1 >= paragraph.end \
            or any(t.is_punct and not t.is_quote for t in doc[first:colon.i]):
        return False
    lemma, said_after = verb.lemma_.lower(), all(a >= colon.idx for a, _ in parts)
    if lemma in lexicon.frame_verbs and said_after:  # "Roe continued: “…”", not "Siege of X continues: …"
        return not any(c.dep_ == "nsubj" and (c.pos_ == "PRON" or index.at(c) is not None) for c in verb.children)
    return lemma not in lexicon.speech_verbs or not said_after


def _before_speaker(parts: list[tuple[int, int]], subject: Token) -> list[tuple[int, int]]:
    """Content parts cut at the comma before a speaker they run over ("Relations passed the test, Chairman of the
    House X told …", where the parse hung the speaker's title on the content): the speaker says it, it is no
    part of what is said."""
    doc, clipped = subject.doc, []
    for a, b in parts:
        commas = [t.idx for t in doc[subject.sent.start:subject.i] if t.text == "," and a < t.idx]
        clipped.append((a, commas[-1]) if a < subject.idx < b and commas else (a, b))
    return clipped


def _with_impression_subject(parts: list[tuple[int, int]], subjects: list[Token], verb: Token) -> list[tuple[int, int]]:
    """A seeming's content from its subject on ("the plan seems to work", not "to work"): with no speaker, what
    seems so is said of the subject, and the subject, the verb and the complement are the impression together; a
    complement before the verb or a subject after it leaves the parts as they are, and so does a clause ("it
    appeared that …": the clause is the impression)."""
    first = min((s.left_edge for s in subjects), key=lambda t: t.i)
    if not parts or first.i > verb.i or parts[0][0] < verb.idx or any(c.dep_ == "ccomp" for c in verb.children):
        return parts
    return [(first.idx, parts[-1][1])]


def _after_dateline(parts: list[tuple[int, int]], article: Article) -> list[tuple[int, int]]:
    """Content parts without the wire dateline ("MINSK, 28 January (BelTA) –" in "…, BelTA has learned"):
    it is no words of the statement, and in no sentence."""
    dateline = article.dateline
    if dateline is None:
        return parts
    text = article.text
    clipped = []
    for a, b in parts:
        if a < dateline.end:
            a = dateline.end + len(text[dateline.end:b]) - len(text[dateline.end:b].lstrip())
        if a < b:
            clipped.append((a, b))
    return clipped


def _quotation_after_colon(verb: Token, quotes) -> tuple[int, int] | None:
    """The quotation that follows the verb's own words and a colon ('said in a statement on Monday: “…”'), or None."""
    end = verb.idx + len(verb)
    following = next(((a, b) for a, b in quotes if a >= end), None)
    if following is None or following[0] - end > _COLON_FRAME_REACH:
        return None
    return following if _COLON_FRAME.fullmatch(doc_text(verb.doc), end, following[0]) else None


def _opens_with_preposition(doc, offset: int) -> bool:
    """Whether the content at ``offset`` is a prepositional phrase: it opens with the preposition or follows the
    one the verb takes (:func:`_without_verb_preposition`)."""
    token = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return token is not None and (token[0].pos_ == "ADP" or token[0].i > 0 and doc[token[0].i - 1].pos_ == "ADP")


_COLON_FRAME = re.compile(r"[^\"\u201c\u201d\n.;]*:\s*(?:''|[\"\u201c])[ \t\u00a0]*")
_COLON_FRAME_REACH = 80


# A quotation's closing: its comma and mark, then the frame's words ('," Jane Roe said' / '," said Jane Roe').
_FRAME_OPENING = re.compile(  # '," said', '!" - said' or ' – said'
    r"(?:(,?)\s*(?:''|[\"\u201d])[ \t\u00a0]*([-\u2013\u2014]?)|(\s[-\u2013\u2014]))[ \t\u00a0]*")
_FRAME_MAX_TOKENS = 10
_NAME_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"}
_OBJECT_PRONOUNS = {"me", "him", "her", "us", "them", "you", "it"}


if TYPE_CHECKING:
    _Frame = tuple[tuple[int, int], Token | None, Token | None]  # a quotation and the speaker's first and last word


def _quotation_frame(verb: Token, quotes, lexicon: Lexicon) -> _Frame | None:
    """The quotation a speech verb frames, and the first and last word of the speaker's name in the frame
    (None when the name precedes a verb the quotation follows: the parse's subject), or None.

    Before the verb: '"...," Jane Roe said', '"...," said Jane Roe, a lawyer'; after it: 'Roe boasted, "..."',
    'Said Roe: "..."'. A long quotation often misleads the parse into taking the name for part of the
    quotation's clause, or into giving the verb no content, so the frame is read from the words themselves."""
    lemma = verb.lemma_.lower()
    if lemma not in lexicon.speech_verbs and lemma not in lexicon.frame_verbs:
        return None
    doc, sentence, text = verb.doc, verb.sent, doc_text(verb.doc)
    name = []  # an inverted subject right after the verb ('said Jane Roe')
    for token in doc[verb.i + 1:verb.i + 1 + _FRAME_MAX_TOKENS]:  # past the sentence: the parse may end it at "Said"
        if token.ent_type_ in ("DATE", "TIME") or token.pos_ not in _NAME_POS \
                or token.pos_ == "PRON" and token.lower_ in _OBJECT_PRONOUNS:
            break  # 'asked her, "..."': who heard it ('said the US envoy': "US" is no "us")
        name.append(token)
    if name and name[-1].pos_ not in ("PROPN", "NOUN", "PRON"):
        name = []
    frame_end = name[-1] if name else verb
    following = next(((a, b) for a, b in quotes if a >= frame_end.idx + len(frame_end)), None)
    if following is not None and _FRAME_CLOSING.fullmatch(text, frame_end.idx + len(frame_end), following[0]):
        inverted = name and all(t.is_punct for t in doc[sentence.start:verb.i])  # 'Said Roe: "..."', not 'told X'
        return (following, name[0], name[-1]) if inverted else (following, None, None)
    before = [(a, b) for a, b in quotes if sentence.start_char <= b <= verb.idx]
    if not before:
        return None
    quote = before[-1]
    opening = _FRAME_OPENING.match(text, quote[1])
    if opening is None or not (any(opening.groups()) or text[quote[1] - 1] in "?!'\u2019"):
        return None  # the frame follows a quotation closed with a comma, question or exclamation mark
    between = [t for t in doc[sentence.start:verb.i] if t.idx >= opening.end()]
    if not between:
        return (quote, name[0], name[-1]) if name else None
    run = [t for t in between[:next((i for i, t in enumerate(between) if t.is_punct), len(between))]
           if t.pos_ not in ("ADV", "AUX", "PART")]  # '"...," Jane Roe, a lawyer, said'
    if len(between) > _FRAME_MAX_TOKENS or not run or run[-1].pos_ not in _SPEAKER_POS \
            or any(t.is_quote or t.pos_ == "SCONJ" or t.pos_ == "VERB" and not t.is_title for t in between):
        return None
    return quote, run[0], run[-1]


# Between a verb (or its inverted subject) and the quotation it introduces: 'said, "', 'said: “'.
_FRAME_CLOSING = re.compile(r"[ \t\u00a0]*[,:][ \t\u00a0]*(''|[\"\u201c])")


def cue_candidates(span: Span, quotes) -> list[Token]:
    """The verbs of a sentence that could introduce a claim: heading a clause, outside direct quotations
    (a verb inside one, "I think ...", is the quoted speaker's wording). The cue model chooses among them.
    Tested on the Doc's columns: only the candidates become Token objects."""
    doc = span.doc
    verbs, clauses = _label_ids(doc.vocab.strings, _VERB_POS), _label_ids(doc.vocab.strings, _CLAUSE_DEPS)
    pos, dep, (_, starts, _) = token_column(doc, "POS"), token_column(doc, "DEP"), token_offsets(doc)
    text, ends = doc_text(doc), [b for _, b in quotes]
    return [doc[i] for i in range(span.start, span.end) if pos[i] in verbs and not any(
        a <= starts[i] < b for a, b in quotes) and (dep[i] in clauses or _right_after_quotation(text, ends, starts[i]))]


def _right_after_quotation(text: str, ends: list[int], offset: int) -> bool:
    """Whether only a quotation's closing marks or dash lie between a quotation's end and ``offset``: the verb of
    its frame, whatever the parse made of it ("… – said Roe" often parses "said" as an adjective of "Roe")."""
    return any(offset - _FRAME_REACH < end <= offset and _FRAME_GAP.fullmatch(text, end, offset) for end in ends)


@lru_cache(maxsize=32)
def _label_ids(strings, labels: frozenset) -> frozenset:
    """The ids of labels or words in a vocabulary's strings (``doc.vocab.strings``), as :func:`token_column` gives
    them: found once per process, not per sentence."""
    return frozenset(strings[label] for label in labels)


def _subjects(verb: Token, lexicon: Lexicon) -> tuple[list[Token], str]:
    """The speaker heads of a verb (with their conjuncts) and the pattern that found them.

    A verb without a subject borrows it from the verb it is coordinated with ("arrived and said"),
    from a governing verb ("refused to say", "was quoted as saying", "replied by announcing") or adjective ("was
    quick to point out"), or, for
    "..., adding that", from the speech verb or main-clause verb it hangs on ("X backed the bill, saying ..."); never
    from a verb inside reported speech, whose subject is someone else.
    """
    sources = [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for c in p.children
               if c.dep_ == "pobj"] if verb.lemma_.lower() in lexicon.recipient_verbs else []
    if sources:  # "X learned from Y that …": Y speaks ("…, X has learned" with no Y is X's report)
        return _with_conjuncts(sources[:1]), "verb"
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        objects = [c for c in agent.children if c.dep_ == "pobj"]
        return _with_conjuncts(objects), "passive with agent"
    head = verb
    while True:
        subject_deps = ("nsubj", "csubj") if head is verb else ("nsubj", "csubj", "nsubjpass")
        subjects = [c for c in head.children if c.dep_ in subject_deps and (
            c.pos_ in _SPEAKER_POS or _share_of(c) or _mistagged_noun_phrase(c))]
        if subjects:  # the one nearest the verb when the parse gives two ("Usdaw ... John Hannett added")
            subject = min(subjects, key=lambda c: abs(c.i - head.i))
            break
        if head is verb and any(c.dep_ == "nsubjpass" for c in verb.children):
            return [], "verb"  # "…, but Russian forces are reported to …": its own passive subject, no one's words
        if head.dep_ == "pcomp" and head.head.lower_ == "as":  # "X was quoted as saying"
            head = head.head
        if _reported_conjunct(head, lexicon):  # "He added that talks had not ended and announced a meeting"
            head = head.head.head
            continue
        borrows = head.dep_ in ("conj", "xcomp", "prep", "pcomp", "acomp") or (
            head.dep_ == "advcl" and head.tag_ != "VBN"  # "Asked about X, she said": she was asked
            and (head.head.lemma_.lower() in lexicon.speech_verbs or _main_clause(head.head)))
        if not borrows or head.head is head:
            lost = _inverted_subject(verb) or _name_before_apposition(head) or _name_right_before(head)
            return ([lost], "verb") if lost is not None else ([], "verb")
        head = head.head
    if subject.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
        subject = head.head
    return _with_conjuncts([subject]), "verb"


def _mistagged_noun_phrase(subject: Token) -> bool:
    """A subject the tagger took for an adjective or adverb that heads a phrase with a noun ("Current and former
    officials said …", "The party's counterproposal argued …"): a speaker all the same."""
    return subject.pos_ in ("ADJ", "ADV") and any(t.pos_ in ("NOUN", "PROPN") for t in subject.subtree)


def _share_of(subject: Token) -> bool:
    """A quantifier of a group as subject ("Many of his supporters believe …", "Most believe that …")."""
    return subject.pos_ == "ADJ" and (subject.lower_ in ("many", "most", "few", "several") or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in subject.children))


def _reported_conjunct(verb: Token, lexicon: Lexicon) -> bool:
    """A speech verb the parse coordinates with a verb of reported speech whose subject is a thing, no one who
    speaks ("He added that talks had not ended and announced a meeting"): its subject is the reporting verb's,
    not "talks"; "police said he got out and refused to …" keeps "he"."""
    clause = verb.head
    if not (verb.dep_ == "conj" and clause.dep_ == "ccomp" and verb.lemma_.lower() in lexicon.speech_verbs
            and clause.lemma_.lower() not in lexicon.speech_verbs
            and clause.head.lemma_.lower() in lexicon.speech_verbs):
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(s.pos_ == "NOUN" and s.ent_type_ == "" and s.lemma_.lower() not in
                                  lexicon.unnamed_sources and s.lemma_.lower() not in lexicon.voice_nouns
                                  for s in subjects)


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after a verb that ends its statement and has no subject of its own: the headline
    "Sanctions have failed, warns Medvedev", which the parse may even split after the verb."""
    doc = verb.doc
    if not any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children):
        return None
    first = verb.i + 1 + (verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "the")
    last = first
    while last < len(doc) and doc[last].pos_ == "PROPN":
        last += 1
    if last == first or last < len(doc) and not (doc[last].is_punct or doc[last].is_space):
        return None  # not a name alone to the sentence's end
    return doc[last - 1]


def _verb_group_start(verb: Token) -> int:
    """The index of the first token of a verb with the adverbs, auxiliaries and negations right before it that hang on
    it ("…, also said", "…, have said"): where a speaker's name the parse lost would end."""
    doc, i = verb.doc, verb.i
    while i > verb.sent.start and doc[i - 1].head.i == verb.i and doc[i - 1].dep_ in ("advmod", "aux", "neg"):
        i -= 1
    return i


def _name_before_apposition(verb: Token) -> Token | None:
    """The name an apposition between commas follows right before a verb with no subject ("In a call with
    reporters, Col. Roe, a spokesman, said …", "Alarmed by X, Senator Roe, the leader, said …"), or the name right
    before the verb that the parse hung on a noun before it as an apposition ("On the trail for his wife, Jane Roe,
    former governor John Roe said …"): the parse hung the name on the phrase before it, as an apposition or
    conjunct, and left the verb without its speaker."""
    doc = verb.doc
    i = _verb_group_start(verb)
    before = doc[i - 1]
    if i - 1 > verb.sent.start and before.dep_ == "appos" and before.pos_ == "PROPN" and before.head.i < before.i:
        name = before  # "…, former governor John Roe said": the name itself hung on the noun before
    else:
        if i - 2 < verb.sent.start or before.text != ",":
            return None
        apposition = doc[i - 2]
        while apposition.dep_ != "appos" and apposition.head.i not in (apposition.i, verb.i) \
                and apposition.head.i < i - 1:
            apposition = apposition.head
        name = apposition.head
        if apposition.dep_ != "appos" or name.pos_ not in ("PROPN", "NOUN") or name.dep_ in ("nsubj", "nsubjpass"):
            return None
    quoted = any(t.is_quote for t in doc[verb.sent.start:name.i])  # '"…," Lund, a lawyer, said': the frame's
    return None if quoted else name


def _name_right_before(verb: Token) -> Token | None:
    """The person's name that ends right before a verb with no subject ("…, Chairman of the House Vladimir Roe told
    the media"): the parse hung the name on the role's "of" phrase and left the verb without its speaker."""
    doc = verb.doc
    i = _verb_group_start(verb)
    name = doc[i - 1] if i > verb.sent.start else None
    if name is None or name.ent_type_ != "PERSON" or name.pos_ != "PROPN" or name.dep_ in ("nsubj", "nsubjpass") \
            or doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "I":  # the name goes on over the verb
        return None
    return name


def _main_clause(verb: Token) -> bool:
    """The sentence's main verb, or a verb coordinated with it: its subject is the sentence's subject."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Each speaker head and the heads coordinated with it, except inside one name ("X and Y Authority")."""
    return [t for token in tokens for t in (token, *token.conjuncts)
            if t.i >= token.i and (t is token or _entity_bounds(t) != _entity_bounds(token) or t.ent_iob_ == "O")]


def _content(verb: Token, lexicon: Lexicon, stance: tuple[Token, Token] | None) -> tuple[int, int] | None:
    """Token range [first, last] of what was said: the clause, the passive subject, or the object (``stance``: the
    verb's :func:`_stance`, "is confident that …", whose clause under the adjective is what was said)."""
    clause = [c for c in verb.children if (c.dep_ == "ccomp" or _indirect_question(c, verb, lexicon))
              and not _broken_off(c, verb, lexicon)] or ([stance[1]] if stance else [])
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"), None)

    def after() -> list[Token]:  # what follows the verb; walked only by the two readings that need it
        return [t for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_CONTENT for t in c.subtree]

    topic = _view_topic(verb, lexicon)
    if topic is not None:  # "Roe voiced concerns about the plan": what the view is about
        return _trim(list(topic.subtree))
    if clause:
        tokens = _without_leading_time(sorted((t for c in clause for t in c.subtree), key=lambda t: t.i))
        tokens = [*_relative_object(verb, clause, lexicon), *_without_second_statement(tokens, clause, lexicon)]
        tokens += _statement_continued(verb, tokens, lexicon)
    elif any(c.dep_ == "agent" for c in verb.children):  # "the plans were announced by X": the plans
        tokens = list(passive_subject.subtree) if passive_subject is not None else []
    elif _parenthetical(verb) and verb.lemma_.lower() in lexicon.speech_verbs or _as_aside(verb, lexicon):
        inner = {t.i for t in verb.subtree}  # '"We will win," he said.': the statement heads the sentence
        if verb.i < verb.head.i:  # 'Asked about X, Roe said, “…”': the circumstance of saying is no statement
            inner |= {t.i for c in verb.head.children if c.dep_ == "advcl" and c.i < verb.i and c.tag_ in _PARTICIPLES
                      and not any(g.dep_ in ("mark", "nsubj", "nsubjpass") for g in c.children) for t in c.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in inner]
        if all(t.is_punct for t in tokens if t.i > verb.i):  # the verb ends the sentence: the content stops before it
            tokens = [t for t in tokens if t.i < verb.left_edge.i]
    elif passive_subject is not None:  # "the plan is believed to cost ...", "is described as complex"
        tokens = list(passive_subject.subtree) + after()
    elif verb.lemma_.lower() in lexicon.clause_only_verbs:
        if any(c.dep_ == "oprd" for c in verb.children):  # "called the charges baseless": a verdict
            return _trim(after())
        # "promised to fight back", "called on X to resign", "called for a repeal": an intention or demand
        wanted = [t for c in verb.children if c.i > verb.i and (
            c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("for", "on") and not _time_phrase(c)
            or _for_clause(c)) for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)]  # without its "for"
        return _trim(_without_verb_preposition(verb, wanted) + _coordinated_objects(verb, lexicon) if wanted else [])
    else:
        addressed = verb.lemma_.lower() in lexicon.addressee_verbs  # "told his supporters": who heard it, not what
        tokens = [t for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_CONTENT
                  and (c.dep_ != "prep" or not _time_phrase(c) and (c.lower_ in _CONTENT_PREPOSITIONS
                                                                      or _part_of_what(c, lexicon)))
                  and not (addressed and c.dep_ in ("dobj", "dative")) for t in c.subtree]
        if all(t.ent_type_ in ("DATE", "TIME") or t.pos_ in ("ADP", "DET", "PUNCT") for t in tokens):
            return _relative_antecedent(verb)  # "appeared on Friday": when, not what; "which he denied": that
        tokens = _without_verb_preposition(verb, tokens) + (_coordinated_objects(verb, lexicon) if tokens else [])
    return _trim(_pruned(tokens))


def _for_clause(clause: Token) -> bool:
    """"called for the army to withdraw": the parse hangs "for X to …" on the verb as a clause marked "for"."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _relative_antecedent(verb: Token) -> tuple[int, int] | None:
    """The relative pronoun a relative clause's verb takes for object when the clause ends at the verb
    ("allegations, which he has denied and …", "(which Roe defended)"): what was said, as PolNeAR marks it."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if verb.dep_ != "relcl" or following is not None and not (following.is_punct or following.dep_ == "cc"):
        return None  # "which the media claimed now allows …": the clause goes on, the parse lost it
    pronoun = next((c for c in verb.children if c.i < verb.i and c.dep_ in ("dobj", "pobj")
                    and c.lower_ in _RELATIVE_PRONOUNS), None)
    return (pronoun.i, pronoun.i) if pronoun is not None else None


_PARTICIPLES = {"VBN", "VBG", "VBD"}  # "Asked about X, …" (at a sentence's start the tagger may say VBD)


def _without_second_statement(tokens: list[Token], clause: list[Token], lexicon: Lexicon) -> list[Token]:
    """A reported clause without a speech verb the parse coordinates inside it with no subject of its own
    ("said he would order a review and warned against hackers"), or hangs on it as a participle after a comma
    ('insisted he has “grown the party,” claiming that …'): that is the speaker's second statement, a claim of its
    own, not more of the first; the content stops before its conjunction or comma."""
    doc = clause[0].doc
    second = [c for head in clause for c in head.children
              if c.pos_ == "VERB" and c.lemma_.lower() in lexicon.speech_verbs
              and (c.dep_ == "conj" or c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > head.i
                   and _after_comma(doc, c.left_edge.i))
              and (_another_speaker(c) or not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))]
    if not second:
        return tokens
    cut = min(c.left_edge.i for c in second)
    kept = [t for t in tokens if t.i < cut]
    while kept and (kept[-1].dep_ == "cc" or kept[-1].is_punct):
        kept.pop()
    return kept or tokens


def _another_speaker(verb: Token) -> bool:
    """A coordinated speech verb with a tense and a named subject of its own, no "that" ("said A, and Democrats
    accused B", "said A and three-quarters said B"): someone else's statement; "… and that she wanted …" or "and I
    think …" (a pronoun) go on with the first."""
    children = list(verb.children)
    return verb.dep_ == "conj" and verb.tag_ in _FINITE and not any(c.dep_ == "mark" for c in children) and any(
        c.dep_ == "nsubj" and c.pos_ != "PRON" for c in children)


def _after_comma(doc, i: int) -> bool:
    """Whether token ``i`` follows a comma, or a comma and a closing quote ('“…,” claiming')."""
    before = doc[max(i - 2, 0):i]
    return len(before) > 0 and (before[-1].text == "," or len(before) == 2 and before[-1].is_quote
                                and before[0].text == ",")


def _statement_continued(verb: Token, tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """The words after a reported clause that the parse coordinates with the speech verb but that go on with what was
    said, a clause whose subject is "he", "she" or "they" and whose verb is no speech verb ("says there is a long
    road ahead, but he feels confident that …"), or any subject when the verb breaks into the statement ("A, the
    agency said in a report, and B"; :func:`_around` leaves the frame out); "he said A and warned B" stays two
    claims."""
    interrupted = bool(tokens) and tokens[-1].i < verb.i  # "A, the agency said, and B": the verb breaks in
    more = next((c for c in verb.children if c.dep_ == "conj" and c.i > verb.i
                 and c.lemma_.lower() not in lexicon.speech_verbs
                 and (any(g.dep_ == "nsubj" and (interrupted or g.lower_ in _PERSONAL_SUBJECTS) for g in c.children)
                      or _modal_without_subject(c))), None)
    if more is None or not tokens or tokens[-1].i >= more.left_edge.i:
        return []
    return list(verb.doc[tokens[-1].i + 1:more.right_edge.i + 1])


_PERSONAL_SUBJECTS = {"he", "she", "they"}


def _modal_without_subject(verb: Token) -> bool:
    """A verb with a modal and no subject ("…, but could not bear to …"): the reported clause's subject goes on; the
    speaker's own next act has a tense ("and warned …")."""
    children = list(verb.children)
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in children) and any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in children)


def _indirect_question(clause: Token, verb: Token, lexicon: Lexicon) -> bool:
    """A question put to someone that the parse hangs on the verb as a condition ("asked workers if they planned
    to attend"): what was asked, not when; or the question a speaker left open, the only thing a negated speech
    verb has to say ("have not said when they would vote", "would not say why"), a clause with a subject that
    opens with a question word; "when" only before a modal ("did not comment when reporters asked": a time)."""
    if clause.dep_ != "advcl" or clause.i < verb.i:
        return False
    lemma, deps = verb.lemma_.lower(), {c.dep_ for c in verb.children}
    if lemma in lexicon.question_verbs:
        return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)
    opening = clause.left_edge
    return lemma in lexicon.speech_verbs and "neg" in deps and not deps & {"dobj", "ccomp"} \
        and (opening.tag_ in _WH_TAGS or opening.lower_ in ("if", "whether")) and opening.i == verb.i + 1 \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) \
        and (opening.lower_ != "when" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children))


def _relative_object(verb: Token, clause: list[Token], lexicon: Lexicon) -> list[Token]:
    """The object a relative clause without "that" qualifies, which the parse took for the reported clause
    ("mentioned remarks Trump had made about X as examples of …"): the object and the clause are what was
    said together. Not the listener of "told", "assured" ("told the fishermen the harbour would close")."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if len(objects) != 1 or objects[0].pos_ not in ("NOUN", "PROPN") or verb.lemma_.lower() in lexicon.addressee_verbs:
        return []
    first = min(t.i for c in clause for t in c.subtree)
    if objects[0].right_edge.i + 1 != first or any(c.dep_ == "mark" for c in clause[0].children) \
            or verb.doc[first].tag_ in _WH_TAGS:  # "asked Roe what she would do": who was asked
        return []
    return list(objects[0].subtree)


def _broken_off(clause: Token, verb: Token, lexicon: Lexicon) -> bool:
    """A clause before the verb with a semicolon or colon between ("Leaders denounce the test; Obama vows
    consequences", "We have been here before: X declared war"): another sentence, not what was said; or
    before a verb that has an object or infinitive of its own ('In his book, “Save Now,” Roe suggested
    looking at ...'), or before a verb with a clause after it ("While he admitted X, Roe noted that Y", where the
    parse makes both clauses the verb's, but not a quotation: '“…,” Roe told X after …'): what the verb says is after
    it (but '“…,” he told reporters')."""
    if clause.i > verb.i:
        return False
    if any(t.text in (";", ":") for t in verb.doc[clause.right_edge.i + 1:verb.i]):
        return True
    if any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) \
            and not any(t.is_quote for t in verb.doc[clause.right_edge.i:verb.i]):
        return True
    return verb.lemma_.lower() not in lexicon.addressee_verbs and any(
        c.dep_ in ("dobj", "xcomp") and c.i > verb.i for c in verb.children)


def _without_leading_time(tokens: list[Token]) -> list[Token]:
    """A reported clause without the time of saying the parse gave it: 'said (on) Monday the plan would fail'."""
    first = 0
    while first < len(tokens) and (tokens[first].ent_type_ in ("DATE", "TIME") or tokens[first].pos_ == "ADP"
                                   and first + 1 < len(tokens) and tokens[first + 1].ent_type_ in ("DATE", "TIME")):
        first += 1
    if first == len(tokens) or any(t.dep_ in ("nsubj", "nsubjpass") for t in tokens[:first]):
        return tokens  # 'said Monday was the worst day': the time is what was said about
    return tokens[first:]


def _without_verb_preposition(verb: Token, tokens: list[Token]) -> list[Token]:
    """An object content without the preposition the verb takes right after it ("complained about his mic",
    "called for a repeal", "spoke favorably of X", "called on Monday for a repeal"): it belongs with the verb, what
    was said is its object."""
    if not tokens:
        return tokens
    first = min(tokens, key=lambda t: t.i)
    when = {t.i for c in verb.children if c.dep_ == "prep" and _time_phrase(c) for t in c.subtree}  # "on Monday"
    between = [t for t in verb.doc[verb.i + 1:first.i] if t.i not in when]
    if first.dep_ != "prep" or first.head.i != verb.i or any(t.pos_ not in ("ADV", "PART") for t in between) \
            or not any(c.dep_ == "pobj" for c in first.children):
        return tokens
    return [t for t in tokens if t.i != first.i]


def _coordinated_objects(verb: Token, lexicon: Lexicon) -> list[Token]:
    """Verbs the parse coordinates with the speech verb that are really more of what was said: another
    form and no subject ("wants to triple X, grow Y and create Z", "mentioned X and forcing Y"); "said X
    and warned Y" is a second claim, and so is a speech verb with a tense of its own of any form ("is comparing X
    to Y and says …"; "urged X to threaten Y or declare Z" is one demand) and a verb with an auxiliary of its own
    ("questions X and has called for Y")."""
    return [t for c in verb.children if c.dep_ == "conj" and c.i > verb.i and _form(c) != _form(verb)
            and c.pos_ == "VERB" and not (c.tag_ in _FINITE and c.lemma_.lower() in lexicon.speech_verbs
                                          and verb.doc[c.left_edge.i - 1].lower_ != "or")
            and not any(g.dep_ in ("nsubj", "nsubjpass", "aux") for g in c.children)
            for t in c.subtree]


_FINITE = {"VBZ", "VBD", "VBP"}


def _form(verb: Token) -> str:
    """A verb's form, the past tense and the past participle as one ("has promoted X and downplayed Y": the
    tagger often reads the second as the other past form)."""
    return "VBD" if verb.tag_ == "VBN" else verb.tag_


_WH_TAGS = {"WDT", "WP", "WP$", "WRB"}


# Prepositions whose phrase is always part of what an object-taking verb conveys ("criticised X as Y", "called for
# Z"); the phrase of another is too ("cited his endorsements from 88 generals", "found 31 cases out of a billion
# ballots") unless it says when or on what occasion it was said (:func:`_part_of_what`).
_CONTENT_PREPOSITIONS = {"as", "for", "on", "about", "of", "to", "against", "that", "over", "with"}


def _part_of_what(preposition: Token, lexicon: Lexicon) -> bool:
    """Whether a prepositional phrase of the verb is part of its object content: not a time ("since Monday",
    "during the night") nor the occasion of saying ("in a statement", "at a rally", the lexicon's
    ``occasion_nouns``)."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return not any(t.ent_type_ in ("DATE", "TIME") for t in preposition.subtree) and not any(
        o.lemma_.lower() in lexicon.occasion_nouns for o in objects)


def _time_phrase(preposition: Token) -> bool:
    """A prepositional phrase of the verb that says when ("on Monday", "at noon"): never what was said."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in preposition.children)


_CLAUSE_BREAKS = frozenset({";"})
_CONCESSIVE_MARKS = {"although", "though", "whereas", "while"}  # ", although he refused …": the writer's contrast
_DASHES = frozenset({"-", "--", "\u2013", "\u2014", "\u2015"})  # a lone one: what follows is the writer's


def _pruned(tokens: list[Token]) -> list[Token]:
    """The content without what the writer adds to it: a non-restrictive relative clause
    ("the reality of climate change, which makes him an outlier") and anything after a semicolon or after a
    lone dash before an indefinite noun phrase ("likened the rules to arson - a charge that stung"; a pair of
    dashes is an aside)."""
    if not tokens:
        return tokens
    kept = {t.i for t in tokens}
    doc = tokens[0].doc
    for token in tokens:
        if (token.dep_ == "relcl" or token.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _CONCESSIVE_MARKS for c in token.children)) \
                and token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ",":
            kept -= {t.i for t in token.subtree} | {token.left_edge.i - 1}
    first, ordered = min(kept, default=None), sorted(kept)
    orth = token_column(doc, "ORTH")  # the words' texts as ids: no Token per word
    dash_ids, break_ids = _label_ids(doc.vocab.strings, _DASHES), _label_ids(doc.vocab.strings, _CLAUSE_BREAKS)
    dashes = [i for i in ordered if orth[i] in dash_ids and i > first and doc[i - 1].whitespace_]
    comment = dashes[:1] if len(dashes) == 1 and dashes[0] + 1 in kept and doc[dashes[0] + 1].lower_ in ("a", "an") \
        else []  # '... - a charge that stung'
    breaks = [i for i in ordered if orth[i] in break_ids and i > first] + comment
    if breaks:
        kept = {i for i in kept if i < min(breaks)}
    kept_tokens = [t for t in tokens if t.i in kept]
    while kept_tokens and (kept_tokens[-1].is_punct or kept_tokens[-1].is_space):
        kept_tokens.pop()  # the sentence's full stop after a clause left out: the content ends before that clause
    return kept_tokens


def _parenthetical(verb: Token) -> bool:
    """'..., he said.' or '... , he said, ...': the parse makes the statement the head and hangs the verb
    on it, with nothing said after the verb itself; not a condition or a time ("if X wants, ...")."""
    attached = verb.dep_ in ("ccomp", "parataxis") or (
        verb.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ == "mark" for c in verb.children))
    return attached and not any(c.i > verb.i and c.dep_ not in _NOT_CONTENT for c in verb.children)


def _as_aside(verb: Token, lexicon: Lexicon) -> bool:
    """'The plan, as Roe noted, was a disaster' or 'as Roe put it': an aside of "as", a speaker and a speech
    verb with nothing said of its own, which gives the sentence around it a speaker; not 'as she called for
    reform' (while she did) nor 'as rich as he says he is'."""
    children = list(verb.children)
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
            or not any(c.dep_ == "nsubj" for c in children):
        return False
    if verb.lemma_.lower() == "put":  # 'as Roe put it in a statement'
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in children)
    lemma = verb.lemma_.lower()  # 'as Roe told reporters': the listener of an addressee verb says nothing either
    return lemma in lexicon.speech_verbs and all(
        c.dep_ in _ASIDE_DEPS or c.dep_ == "prep" and c.lower_ in _ASIDE_PREPOSITIONS
        or c.dep_ in ("dobj", "dative") and lemma in lexicon.addressee_verbs for c in children)


_ASIDE_DEPS = {"mark", "nsubj", "aux", "advmod", "neg", "prt", "punct"}
# Where or to whom it was said ('as Roe wrote on Twitter', 'as she told reporters in a statement'), not about what.
_ASIDE_PREPOSITIONS = {"on", "in", "at", "to", "during"}


_SAID_DEPS = {"ccomp", "conj", "cc", "xcomp", "dobj", "parataxis"}  # a verb's children that may be what it says


def _around(doc, content: tuple[int, int], verb: Token) -> list[tuple[int, int]]:
    """The content's character parts: two when the speaker and verb interrupt it ("X, he said, is Y"). The frame is
    the verb and its children that say nothing (subject, time, occasion), not the clause or conjunct it hangs on."""
    frame = [verb.i, *(t.i for c in verb.children if c.dep_ not in _SAID_DEPS for t in c.subtree)]
    first, last = min(frame), max(frame)
    if not content[0] < first <= last < content[1]:
        return [_characters(doc, content)]
    pieces = [_trim(list(doc[content[0]:first])), _trim(list(doc[last + 1:content[1] + 1]))]
    if pieces[0] is not None and pieces[0][0] == pieces[0][1] and doc[pieces[0][0]].lower_ in _RELATIVE_PRONOUNS:
        pieces[0] = None  # "a war which he said would be …": the pronoun stands for a noun outside what was said
    return [_characters(doc, piece) for piece in pieces if piece is not None]


_THAT_WORDS = {"nsubj", "nsubjpass", "det"}  # "that" as a pronoun or determiner, not the conjunction


def _trim(tokens: list[Token]) -> tuple[int, int] | None:
    """The contiguous token range of ``tokens`` without edge punctuation, quotes, a trailing conjunction and a leading
    conjunction 'that' (not the pronoun of "that's true" nor the determiner of "that plan")."""
    if not tokens:
        return None
    doc = tokens[0].doc
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    while first <= last and (doc[first].is_punct or doc[first].is_space
                             or doc[first].lower_ == "that" and doc[first].dep_ not in _THAT_WORDS):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1  # "the port was safe, and": a conjunction whose second part the parse gave someone else
    return (first, last) if first <= last else None


def _according_claims(span: Span, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim],
                      quotes):
    """"According to X, ...": X is the speaker and the rest of the sentence the content; "That's according to X"
    points back: the previous sentence is the content. Inside a direct quotation the phrase is the quoted
    speaker's wording, no claim of the writer's."""
    if not _ACCORDING.search(doc_text(span.doc), span.start_char, span.end_char):
        return  # most sentences have none: no need to visit their tokens
    for token in span:
        if token.lower_ != "according" or any(a <= token.idx < b for a, b in quotes):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        phrase_first, phrase_last = token.i, max(t.i for t in to.subtree)
        before = _trim(list(span.doc[span.start:phrase_first]))
        after = _trim(list(span.doc[phrase_last + 1:span.end]))
        sides = [side for side in (before, after) if side]
        if not sides:
            continue
        content = _characters(span.doc, max(sides, key=lambda side: side[1] - side[0]))
        if _points_back(span.doc[span.start:phrase_first]) and sentence.index:
            previous = index.article.sentences[sentence.index - 1]
            content = trim_quote(index.article.text, previous.start, previous.end)
        speakers = [_resolve_speaker(subject, sentence, lexicon, index, earlier)
                    for subject in _with_conjuncts([_provider(source, lexicon)])]
        yield _claim(speakers[0], token, to, [content], sentence, "according to", co_speakers=speakers[1:])


def _provider(source: Token, lexicon: Lexicon) -> Token:
    """"According to information provided by X", "… a report published by X": a source document of the lexicon
    handed out by someone (a verb of the lexicon's ``provider_verbs``) speaks for them, so X is the speaker; any
    other source speaks for itself ("a poll commissioned by X" is the pollster's, not X's)."""
    if source.lemma_.lower() not in lexicon.source_documents:
        return source
    verb = next((c for c in source.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 and c.lemma_.lower() in lexicon.provider_verbs), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None) if verb is not None else None
    return next((c for c in agent.children if c.dep_ == "pobj"), source) if agent is not None else source


_ACCORDING = re.compile("according", re.IGNORECASE)
_POINTING_BACK = {"that", "this", "those", "these", "it"}


def _points_back(before: Span) -> bool:
    """Words before "according to" that only point back at what was said ("That's", "This is", "It was"): a
    pronoun and a form of "be" (the model leaves "’s" with a curly apostrophe unlemmatised)."""
    words = [t for t in before if not (t.is_punct or t.is_space)]
    return len(words) == 2 and words[0].lower_ in _POINTING_BACK and (words[1].lemma_ == "be"
                                                                       or words[1].lower_ == "’s")


def _source_phrase_claims(span: Span, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim]):
    """"In the latest poll, Roe leads by five points": a sentence that opens with "in" and a source document of
    the lexicon (a poll, a report, a statement) and says nothing else attributed is that document's claim; the
    rest of the sentence is the content."""
    first = next((t for t in span if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ != "in" or first.dep_ != "prep":
        return
    source = next((c for c in first.children if c.dep_ == "pobj"), None)
    if source is None or source.lemma_.lower() not in lexicon.source_documents:
        return
    content = _trim(list(span.doc[first.right_edge.i + 1:span.end]))
    if content is None or content[1] - content[0] < 2:
        return
    speaker = _resolve_speaker(source, sentence, lexicon, index, earlier)
    yield _claim(speaker, first, first, [_characters(span.doc, content)], sentence, "source phrase")


def _adverb_claims(span: Span, sentence: Sentence, lexicon: Lexicon, quotes):
    """"The agency is reportedly making arrangements to …": in a sentence that says nothing else attributed, a verb with
    a reporting adverb of the lexicon (outside direct quotations) reports what others said without naming them
    (PolNeAR gives these no source): the clause of a verb with a subject of its own, from the subject on and adverb
    included, without a phrase after a comma that hangs on it ("…, leaving X fearful"), is the content."""
    for adverb in span:
        verb = adverb.head
        if adverb.dep_ != "advmod" or adverb.lower_ not in lexicon.reporting_adverbs \
                or verb.pos_ not in _VERB_POS or any(a <= adverb.idx < b for a, b in quotes):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
        if subject is None or subject.lower_ in _RELATIVE_PRONOUNS:
            continue  # "…, reportedly winning over …", "who reportedly has been": no clause of its own
        start = subject.left_edge.i
        kept = [c for c in verb.children if c.left_edge.i >= start and not (
            c.i > verb.i and c.dep_ in ("advcl", "punct") and _after_comma(span.doc, c.left_edge.i))]
        content = _trim([verb, *(t for c in kept for t in c.subtree)])
        if content is not None and content[1] > content[0]:
            yield _claim(_no_speaker("a reporting adverb: nobody named"), adverb, adverb,
                         [_characters(span.doc, content)], sentence, "adverb")


_HEADLINE_SPEAKER_MAX_WORDS = 6


def _headline_claims(span: Span, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim]):
    """"Sanders Vows To Eliminate Tax Breaks", "Lawmaker urges retaliation on Russia": a headline (a text without
    title line whose first paragraph is one sentence: the title; a title line is in no sentence) in which nothing
    else is attributed, with a short name or noun phrase (after an opening phrase and its comma: "Railing Against
    Trump, Sanders Vows …"), then a speech verb of the lexicon in the headline's present tense ("-s"), then what
    was said. Read from the words: capitalised headlines mislead the tagger ("Vows" a plural noun, "Sanders Vows"
    one name)."""
    article = index.article
    paragraph = article.paragraphs[sentence.paragraph_id]
    if article.title_source != "first sentence" or sentence.index != 0 or paragraph.end > sentence.end:
        return
    words = [t for t in span if not t.is_space]
    first = 0
    for position, token in enumerate(words):
        if token.text == ",":
            first = position + 1
            continue
        if token.is_punct and token.text not in ("'", "\u2019", "."):
            return  # "Obama on Climate Change: ...": a label, not a speaker and a verb
        word = token.lower_
        if position - first > _HEADLINE_SPEAKER_MAX_WORDS:
            return
        if position == first or not token.is_alpha or not word.endswith("s") \
                or not {word[:-1], word[:-2]} & lexicon.speech_verbs \
                or token.dep_ in ("nsubj", "nsubjpass") and token.head.i > token.i:
            continue  # "Obama Power Plant Rules Face Key Test": the subject of the verb after it, a noun
        name, content = words[first:position], _trim(words[position + 1:])
        if name[-1].pos_ not in _SPEAKER_POS or not name[0].is_title or content is None:
            return
        speaker = _kept_to(_resolve_speaker(name[-1], sentence, lexicon, index, earlier),
                           span.doc[name[0].i:name[-1].i + 1], index)
        yield _claim(speaker, token, token, [_characters(span.doc, content)], sentence, "headline")
        return


def _noun_claims(span: Span, sentence: Sentence, lexicon: Lexicon, index: _Actors, earlier: list[Claim], quotes):
    """"His claim that ...", "Roe's promise to ...": a claim noun of the lexicon with a possessor, who is the
    speaker, and a clause or infinitive of its own, which is the content (outside direct quotations); without a
    possessor, a "that" clause or infinitive and a holder the parse names (:func:`_noun_holder`)."""
    pattern = _noun_pattern(lexicon.claim_nouns)
    if not lowered_gate((pattern,)).search(lowered_for_words(index.article.text[sentence.start:sentence.end])) \
            or not pattern.search(index.article.text, sentence.start, sentence.end):
        return  # most sentences have none: no need to visit their tokens
    for noun in span:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.claim_nouns \
                or any(a <= noun.idx < b for a, b in quotes):
            continue
        possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and c.pos_ in ("VERB", "AUX")),
                      None)
        if clause is None:
            continue
        holder = possessor if possessor is not None else _noun_holder(noun) if _clause_of_noun(clause) else None
        content = _trim(list(clause.subtree)) if holder is not None else None
        if content is None:
            continue
        speaker = _resolve_speaker(holder, sentence, lexicon, index, earlier)
        yield _claim(speaker, noun, noun, [_characters(span.doc, content)], sentence, "noun")


def _clause_of_noun(clause: Token) -> bool:
    """A noun's own clause or infinitive ("warnings that …", "a plan to …"), not a relative clause."""
    return any(c.dep_ == "mark" and c.lower_ == "that" or c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _noun_holder(noun: Token) -> Token | None:
    """Who holds a claim noun with no possessor: a name compounded with it ("a Times report that …"), a phrase of
    "from", "by" or "of" right after it ("warnings from his attorney that …"), or the subject of the verb it is the
    object of ("Democrats persisted in arguments that …"); None when the text names nobody."""
    compound = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if compound is not None:
        return compound
    for preposition in noun.children:
        if preposition.dep_ == "prep" and preposition.lower_ in ("from", "by", "of") and preposition.i < noun.i + 3:
            holder = next((c for c in preposition.children if c.dep_ == "pobj"), None)
            if holder is not None and holder.pos_ in ("PROPN", "PRON", "NOUN"):
                return holder
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


@lru_cache(maxsize=8)
def _noun_pattern(nouns: frozenset) -> re.Pattern:
    """A pattern any inflection of the claim nouns matches (the start of the word: "claim" in "claims")."""
    words = sorted({re.escape(noun.lower()) for noun in nouns})  # lower case, for :func:`lowered_gate`
    return re.compile(r"\b(?:" + _alternation(words) + r")" if nouns else r"(?!)", re.IGNORECASE)


_LABEL_MARKS = {":", "\u2015", "\u2014", "\u2013", "--"}
_LABEL_MAX_WORDS = 4
_EDITORIAL_LABELS = {"correction", "clarification", "source", "sources", "update", "note", "editor's note",
                     "editor\u2019s note", "photo", "caption", "related", "see also", "read more", "watch"}
_QUOTE_STARTS = "\"\u201c\u201d'"
_QUOTE_OPENERS = {'"', "''", "\u201c"}


def _label_claims(span: Span, sentence: Sentence, article: Article, lexicon: Lexicon, index: _Actors,
                  earlier: list[Claim]):
    """"PENCE: Well, look, ..." or "Jane Roe ― “...”": a paragraph that opens with a name and a colon,
    or a name and a dash before a quotation, is that person's words to the paragraph's end (transcripts,
    vox pops). A dateline ("WASHINGTON ―") or a heading and dash is not: the dash needs a quotation."""
    paragraph = article.paragraphs[sentence.paragraph_id]
    if sentence.start != paragraph.start:
        return
    first = span.start + (span.doc[span.start].text in _QUOTE_OPENERS)  # a transcript quoted whole: '"PENCE: ...'
    headline = _is_headline(sentence, article)
    opening = span.doc[first:first + (_HEADLINE_LABEL_MAX_WORDS if headline else _LABEL_MAX_WORDS) + 1]
    mark = next((t for t in opening if t.is_punct), None)  # the model may split "Jane | Roe ―"
    if mark is None or mark.text not in _LABEL_MARKS or mark.i == first:
        return
    name = span.doc[first:mark.i]
    if headline and mark.text == ":":
        name = _headline_label_speaker(name)
        if name is None:
            return
    if any(t.pos_ == "VERB" for t in name):
        return  # 'Said Roe: "..."' is the verb's claim
    if name.text.lower() in _EDITORIAL_LABELS:
        return  # "Correction: ...", "Source: NATO": the paper's own note, nobody's words
    written_as_name = all(t.pos_ == "PROPN" or t.is_upper and t.is_alpha for t in name) or (
        headline and len(name) == 1 and name[0].is_title)  # "Milbank: …": a lone headline word, whatever its tag
    if not written_as_name and not _known_source(name, lexicon, index) and not (
            headline and any(index.at(t) is not None for t in name)):  # "Roe camp: …"
        return
    content_start, content_end = trim_quote(article.text, mark.idx + len(mark), paragraph.end)
    if content_start >= content_end or mark.text != ":" and article.text[content_start] not in _QUOTE_STARTS \
            or not any(c.isalpha() for c in article.text[content_start:content_end]):
        return  # "Clinton: 1,769": a tally, no words
    words = article.text[content_start:content_end]  # the words, without the quotation's own marks
    content_start += len(words) - len(words.lstrip(_QUOTE_STARTS))
    content_end -= len(words) - len(words.rstrip(_QUOTE_STARTS + ".,;: "))
    speaker = _kept_to(_resolve_speaker(name[-1], sentence, lexicon, index, earlier), name, index)
    yield _claim(speaker, mark, mark, [(content_start, content_end)], sentence, "label")


def _kept_to(speaker: Speaker, name: Span, index: _Actors) -> Speaker:
    """A headline's or label's speaker kept to the words of its name: when a rule resolves it beyond them, the name
    is the speaker (with the resolved actor when the words overlap the name); when they lie elsewhere (an apposition
    the parse reads across the colon of "Roe: Doe's plan …"), the actor mentioned in the name, if any."""
    start, end = name.start_char, name.end_char
    resolved = speaker.speaker_start
    if resolved is not None and start <= resolved and speaker.speaker_end <= end:
        return speaker
    if resolved is not None and resolved < end and start < speaker.speaker_end:
        return replace(speaker, speaker=name.text, speaker_start=start, speaker_end=end,
                       speaker_name=speaker.speaker_name if speaker.speaker_id else name.text)
    mention = index.at(name[-1])
    if mention is not None and start <= mention.start and mention.end <= end:
        return _named(Speaker(), mention, index, "actor mention in the name of a label or headline")
    return Speaker(speaker=name.text, speaker_name=name.text, speaker_start=start, speaker_end=end,
                   speaker_rule="the name of a label or headline, no actor mention in it")


_HEADLINE_LABEL_MAX_WORDS = 8


def _is_headline(sentence: Sentence, article: Article) -> bool:
    """The first sentence standing for the title of a text with no title line, alone in its paragraph."""
    return article.title_source == "first sentence" and sentence.index == 0 \
        and article.paragraphs[sentence.paragraph_id].end <= sentence.end


def _headline_label_speaker(label: Span) -> Span | None:
    """Who speaks in a headline "X: …": the label up to its first preposition ("Roe to the union: …", "Roe on
    tariffs: …"), or the name after "from" ("A lesson from Jane Roe: …"); None when that is too long a label."""
    preposition = next((t for t in label if t.pos_ == "ADP" and t.i > label.start), None)
    if preposition is not None and preposition.lower_ == "from":
        label = label.doc[preposition.i + 1:label.end]
    elif preposition is not None:
        label = label.doc[label.start:preposition.i]
    if not len(label) or len(label) > _LABEL_MAX_WORDS:
        return None
    return label


# After a quotation: its closing marks, a dash, then a name alone to the line's end.
_SIGNATURE = re.compile(r"[.,;:!?\"\u201d']*[ \t\u00a0]*(--|[\u2015\u2014\u2013])[ \t\u00a0]*"
                        r"([^\n]{2,60}?)[ \t\u00a0.]*(?=\n|$)")
_SIGNATURE_MAX_WORDS = 6


def _known_source(name: Span, lexicon: Lexicon, index: _Actors) -> bool:
    """A capitalised label the tagger took for a common noun ("Poll: ...", "Sanders: ..." in a headline) that
    is an actor of the article or a generic source; "Stealth Over Health: ..." is neither."""
    if not all(t.is_title for t in name):
        return False
    last = name[-1]
    return index.at(last) is not None or last.lemma_.lower() in lexicon.unnamed_sources or any(
        (actor_name or "").split()[-1:] == [last.text] for actor_name in index.names.values())


def _signature_claims(article: Article, quotes, lexicon: Lexicon, index: _Actors, earlier: list[Claim]):
    """'“...” ― Jane Roe' at a line's end: a quotation signed with its speaker's name (vox pops, epigraphs)."""
    doc, text = article.doc, article.text
    for start, end in quotes:
        signed = _SIGNATURE.match(text, end)
        if signed is None:
            continue
        name = doc.char_span(signed.start(2), signed.end(2), alignment_mode="expand")
        if name is None or len(name) > _SIGNATURE_MAX_WORDS or not all(
                t.pos_ == "PROPN" or t.is_title or t.is_punct and t.text == "." for t in name):
            continue
        sentence = _sentence_at(article, start)
        dash = doc.char_span(signed.start(1), signed.end(1), alignment_mode="expand")[0]
        speaker = _resolve_speaker(name[-1], sentence, lexicon, index, earlier)
        yield _claim(speaker, dash, dash, [(start, end)], sentence, "signature")


def _characters(doc, tokens: tuple[int, int]) -> tuple[int, int]:
    """Character offsets of the token range [first, last]."""
    return doc[tokens[0]].idx, doc[tokens[1]].idx + len(doc[tokens[1]])


def _claim(speaker: Speaker, verb_first: Token, verb_last: Token, parts: list[tuple[int, int]], sentence: Sentence,
           pattern: str, *, co_speakers: list[Speaker] = ()) -> Claim:
    """The claim of ``speaker``; with ``co_speakers`` (the others the text coordinates with it: "Roe and Doe
    said …"), one claim of them all, as PolNeAR has one attribution with every source, all listed in
    ``speakers``."""
    text, starts, ends = token_offsets(verb_first.doc)
    verb_start, verb_end = starts[verb_first.i], ends[verb_last.i]
    content_start, content_end = parts[0][0], parts[-1][1]
    content = text[content_start:content_end]
    edges = [verb_start, verb_end, content_start, content_end]
    everyone = [speaker, *co_speakers] if co_speakers else []
    for one in everyone or [speaker]:
        if one.speaker_start is not None:
            edges += [one.speaker_start, one.speaker_end]
    return Claim(**speaker.claim_fields(), verb=text[verb_start:verb_end],
                 verb_lemma=verb_first.lemma_.lower(), verb_start=verb_start, verb_end=verb_end,
                 content=content, content_start=content_start, content_end=content_end,
                 content_parts=tuple(ContentPart(content[a - content_start:b - content_start], a, b) for a, b in parts),
                 start=min(edges), end=max(edges), paragraph_id=sentence.paragraph_id,
                 sentence_index=sentence.index, pattern=pattern,
                 negated=any(c.dep_ == "neg" for c in verb_first.children),
                 speakers=tuple(ClaimSpeaker(one.speaker or "", one.speaker_id, one.speaker_name, one.speaker_start,
                                             one.speaker_end) for one in everyone))


__getattr__ = moved_names(__name__, {"claims_table": ".tables", "cue_table": ".tables", "claims_html": ".display"})
