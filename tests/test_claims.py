"""Claims: each attribution pattern, speaker resolution through actor mentions, quotations and cues."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest

from analysis import analyze, extract_claims, load_article
from analysis.claims import ASSERTED, DENIED, REPORTED, quotation_spans, sentence_cue_records
from analysis.display import claims_html


@dataclass(frozen=True)
class Mention:
    actor_id: str
    text: str
    start: int
    end: int
    adjectival: bool = False


ACTORS = [
    {"id": "berg", "name": "Anna Berg", "type": "person"},
    {"id": "lund", "name": "Erik Lund", "type": "person", "affiliation": "Sweden", "affiliation_id": "sweden"},
    {"id": "moss", "name": "Clara Moss", "type": "person"},
    {"id": "finmin", "name": "Finance Ministry", "type": "organization"},
    {"id": "acme", "name": "Acme", "type": "organization"},
    {"id": "norway", "name": "Norway", "type": "state"},
    {"id": "sweden", "name": "Sweden", "type": "state"},
    {"id": "union", "name": "Dockers' Union", "type": "organization"},
]
SURFACES = {
    "Anna Berg": "berg", "Berg": "berg", "Ms Berg": "berg", "Erik Lund": "lund", "Lund": "lund", "Mr Lund": "lund",
    "Clara Moss": "moss", "the Finance Ministry": "finmin", "the Norwegian Finance Ministry": "finmin",
    "Acme": "acme", "Norway": "norway", "Oslo": "norway", "Sweden": "sweden", "the Dockers' Union": "union",
}
ADJECTIVAL = {"Norwegian": "norway", "Swedish": "sweden"}


def mentions_in(text: str, surfaces: dict = SURFACES, adjectival: dict = ADJECTIVAL) -> list[Mention]:
    """Mentions of the test actors, longest surface first, never overlapping (as the actors stage gives)."""
    found: list[Mention] = []
    surfaces = [(s, a, False) for s, a in surfaces.items()] + [(s, a, True) for s, a in adjectival.items()]
    for surface, actor_id, adjectival in sorted(surfaces, key=lambda item: -len(item[0])):
        for match in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
            if not any(match.start() < m.end and m.start < match.end() for m in found):
                found.append(Mention(actor_id, surface, match.start(), match.end(), adjectival))
    return sorted(found, key=lambda m: m.start)


def claims_of(body: str, *, with_mentions: bool = True):
    article = load_article("Test Article\n\n" + body)
    if not with_mentions:
        return article, extract_claims(article)
    return article, extract_claims(article, mentions=mentions_in(article.text), actors=ACTORS)


def assert_spans(article, claim) -> None:
    text = article.text
    assert text[claim.start:claim.end]
    assert text[claim.content_start:claim.content_end] == claim.content
    assert text[claim.verb_start:claim.verb_end] == claim.verb
    if claim.speaker_start is not None:
        assert text[claim.speaker_start:claim.speaker_end] == claim.speaker
    for cue in claim.cues:
        assert text[cue.start:cue.end] == cue.text
    assert claim.start <= min(claim.content_start, claim.verb_start) and claim.end >= claim.content_end


@pytest.mark.parametrize(
    ("body", "speaker_id", "verb", "content", "pattern"),
    [
        ("Anna Berg said that the budget was fair.", "berg", "said", "the budget was fair", "verb"),
        ("Anna Berg has repeatedly stated that taxes will not rise.", "berg", "stated", "taxes will not rise", "verb"),
        ("Erik Lund announced a new port tariff on Monday.", "lund", "announced", "a new port tariff", "verb"),
        ("Anna Berg characterized the strike as a reckless gamble.", "berg", "characterized",
         "the strike as a reckless gamble", "verb"),
        ("The bridge will close for repairs, according to the Finance Ministry.", "finmin", "according to",
         "The bridge will close for repairs", "according to"),
        ("According to Erik Lund, the talks have stalled.", "lund", "According to", "the talks have stalled",
         "according to"),
        ("Acme's press service announced that the plant would close.", "acme", "announced",
         "the plant would close", "verb"),
        ("The press service of the Finance Ministry noted that payments were delayed.", "finmin", "noted",
         "payments were delayed", "verb"),
        ("A spokesperson for the Finance Ministry, Clara Moss, said the figures were wrong.", "moss", "said",
         "the figures were wrong", "verb"),
        ("It was stated by the Finance Ministry that taxes would rise.", "finmin", "stated", "taxes would rise",
         "passive with agent"),
        ("Both Sweden and Norway denied the reports.", "sweden", "denied", "the reports", "verb"),
    ],
)
def test_attribution_patterns(body, speaker_id, verb, content, pattern):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.speaker_id == speaker_id)
    assert (claim.verb, claim.content, claim.pattern) == (verb, content, pattern)
    assert not claim.unnamed
    assert_spans(article, claim)


def test_conjoined_speakers_make_one_claim_listing_them_all():
    article, claims = claims_of("Both Sweden and Norway denied the reports.")
    assert [(c.speaker_id, c.category) for c in claims] == [("sweden", DENIED)]
    speakers = claims[0].speakers
    assert [(s.text, s.speaker_id, s.speaker_name) for s in speakers] == [("Sweden", "sweden", "Sweden"),
                                                                          ("Norway", "norway", "Norway")]
    assert all(article.text[s.start:s.end] == s.text for s in speakers)
    assert claims[0].start == speakers[0].start and claims[0].to_dict()["speakers"][1]["speaker_id"] == "norway"


def test_conjoined_sources_of_according_to_make_one_claim():
    _, claims = claims_of("The tariff will hurt farmers, according to Anna Berg and Erik Lund.")
    assert [(c.speaker_id, c.content, [s.speaker_id for s in c.speakers]) for c in claims] == [
        ("berg", "The tariff will hurt farmers", ["berg", "lund"])]


def test_a_single_speaker_lists_no_speakers():
    _, claims = claims_of("Anna Berg said the tariff would hurt farmers.")
    assert [(c.speaker_id, c.speakers) for c in claims] == [("berg", ())]


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("\"That is the harbour's weakness,\" said Erik Lund.", "That is the harbour's weakness"),
        ("Erik Lund criticised that plan as reckless.", "that plan as reckless"),
        ("Erik Lund said that the plan would fail.", "the plan would fail"),
    ],
)
def test_a_leading_that_is_dropped_only_as_the_conjunction(body, content):
    _, claims = claims_of(body)
    assert [(c.speaker_id, c.content) for c in claims] == [("lund", content)]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_thats_according_to_points_back_at_the_previous_sentence(apostrophe):
    article, claims = claims_of(f"Port fees rose by a third last year.\n\nThat{apostrophe}s according to a report "
                                "by Acme.")
    claim = next(c for c in claims if c.pattern == "according to")
    assert claim.content == "Port fees rose by a third last year"
    assert article.text[claim.content_start:claim.content_end] == claim.content


@pytest.mark.parametrize(("body", "speaker", "speaker_id"), [
    ("According to information provided by Acme, the port will reopen.", "Acme", "acme"),
    ("According to data released by Erik Lund, the port will reopen.", "Erik Lund", "lund"),
    ("According to a report published by the Norwegian press agency, the port will reopen.",
     "the Norwegian press agency", None),
    ("According to a docker interviewed by Acme, the port will reopen.", "a docker", None),
    ("According to a poll commissioned by Acme, the port will reopen.", "a poll", None),  # the pollster's, not Acme's
])
def test_according_to_a_document_handed_out_by_someone_is_their_claim(body, speaker, speaker_id):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker, claim.speaker_id, claim.content) == (speaker, speaker_id, "the port will reopen")
    assert_spans(article, claim)


def test_according_to_inside_a_quotation_is_the_quoted_speakers_wording():
    _, claims = claims_of("\"The plan works, according to the model we built,\" Anna Berg said.")
    assert [(c.speaker_id, c.pattern, c.content) for c in claims] == [
        ("berg", "verb", "The plan works, according to the model we built")]


def test_spokesperson_keeps_the_ministry_as_affiliation():
    _, claims = claims_of("A spokesperson for the Finance Ministry, Clara Moss, said the figures were wrong.")
    (claim,) = claims
    assert (claim.speaker, claim.speaker_name, claim.affiliation_id) == ("Clara Moss", "Clara Moss", "finmin")
    assert claim.speaker_rule == "person in apposition"


def test_pronoun_resolves_to_the_previous_speaker():
    body = "Anna Berg arrived in Oslo on Tuesday. She said that the talks had stalled. She added that she was tired."
    article, claims = claims_of(body)
    assert [(c.speaker, c.speaker_id, c.verb) for c in claims] == [("She", "berg", "said"), ("She", "berg", "added")]
    assert claims[1].speaker_rule.startswith("pronoun → the speaker of sentence")
    for claim in claims:
        assert_spans(article, claim)


def test_pronoun_in_the_same_sentence():
    _, claims = claims_of("Anna Berg quit what she described as a smear campaign.")
    described = next(c for c in claims if c.verb == "described")
    assert described.speaker_id == "berg" and "same sentence" in described.speaker_rule


def test_pronoun_is_left_unresolved_when_two_persons_could_be_meant():
    _, claims = claims_of("Anna Berg met Erik Lund in Oslo. He said the meeting went well.")
    (claim,) = claims
    assert claim.speaker_id is None and claim.speaker == "He" and "several persons" in claim.speaker_rule


def test_pronoun_never_crosses_an_honorific_of_the_other_gender():
    _, claims = claims_of("Ms Berg met the mayor of Oslo. He said the meeting went well.")
    assert claims[0].speaker_id is None


def test_pronoun_does_not_jump_over_an_unresolved_speaker():
    body = ("The mayor said these plans were announced by Erik Lund in March. "
            "She said the council would vote in May.")
    _, claims = claims_of(body)
    she = next(c for c in claims if c.speaker == "She")
    assert she.speaker_id is None and "does not fit it" in she.speaker_rule


@pytest.mark.parametrize(
    ("body", "speaker", "affiliation", "affiliation_id"),
    [
        ("Norwegian officials noted that fuel prices were rising.", "Norwegian officials", "Norway", "norway"),
        ("Officials also stated that the border would stay open.", "Officials", None, None),
        ("Reports suggested a visit to Oslo by Anna Berg.", "Reports", None, None),
    ],
)
def test_unnamed_sources_are_kept_with_their_affiliation(body, speaker, affiliation, affiliation_id):
    article, claims = claims_of(body)
    claim = claims[0]
    assert (claim.speaker, claim.speaker_id, claim.unnamed) == (speaker, None, True)
    assert (claim.affiliation, claim.affiliation_id) == (affiliation, affiliation_id)
    assert claim.category == REPORTED
    assert_spans(article, claim)


def test_unattributed_passive_is_a_claim_without_speaker():
    article, claims = claims_of("The process is said to be advancing in stages.")
    (claim,) = claims
    assert claim.speaker is None and claim.speaker_id is None and claim.pattern == "passive"
    assert claim.content == "The process is said to be advancing in stages"
    assert claim.hedged and claim.category == REPORTED
    assert_spans(article, claim)


def test_direct_quotations_after_and_before_the_verb():
    body = ('Anna Berg said: "We will not give up on this harbour." '
            '"The port must stay open for everyone," Erik Lund said.')
    article, claims = claims_of(body)
    assert [(c.speaker_id, c.quotation) for c in claims] == [("berg", True), ("lund", True)]
    assert claims[1].content == "The port must stay open for everyone"
    for claim in claims:
        assert_spans(article, claim)


@pytest.mark.parametrize("body", [
    # The parse makes "Lund" part of the quotation's clause and gives "said" no subject: only the frame's
    # words ('," Lund, a union organiser, said') name the speaker.
    "“I make one promise to you: We will win this fight for the harbour,” Lund, a union organiser, said "
    "Thursday morning on the radio.",
    "“I make one promise to you: We will win this fight for the harbour,” Lund, a top union official, said "
    "Thursday morning on Acme’s “Harbour and Friends.”",
])
def test_the_frame_after_a_long_quotation_gives_its_speaker(body):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.content.startswith("I make one promise"))
    assert (claim.speaker, claim.speaker_id, claim.verb, claim.kind) == ("Lund", "lund", "said", "direct")
    assert "Lund" not in claim.content
    assert_spans(article, claim)


@pytest.mark.parametrize("body", ['Said Lund: “We will not give up on this harbour for anyone.”',
                                  'Erik Lund asked her, “Where do we go from here with the harbour?”'])
def test_a_speech_verb_before_a_quotation_gives_its_speaker(body):
    article, claims = claims_of(body)
    quoted = next(c for c in claims if c.quotation)
    assert quoted.speaker_id == "lund" and quoted.kind == "direct"
    assert_spans(article, quoted)


def test_the_addressee_before_a_quotation_is_not_its_speaker():
    article, claims = claims_of('At the harbour on Monday, Anna Berg was telling the crowd, '
                                '“Some of you have waited far too long for this deal.”')
    quoted = next(c for c in claims if c.quotation)
    assert quoted.speaker != "the crowd"


def test_a_quotation_without_speech_verb_belongs_to_its_sentence_subject():
    body = ('Erik Lund said the talks went well.\n\n'
            'Anna Berg has gone after the plan as a “harbour for the rich and nobody else” in recent weeks.')
    article, claims = claims_of(body)
    quoted = claims[-1]
    assert (quoted.speaker_id, quoted.content) == ("berg", "harbour for the rich and nobody else")
    assert quoted.speaker_rule == "subject of the sentence around the quotation"
    assert_spans(article, quoted)


def test_quotation_continued_in_the_next_paragraph_joins_its_speakers_claim():
    body = ('Anna Berg said: "We will not give up on this harbour."\n\n'
            '"Our members have waited far too long for a fair deal."')
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker_id, claim.verb, claim.kind) == ("berg", "said", "direct")
    assert [p.text for p in claim.content_parts] == ["We will not give up on this harbour",
                                                     "Our members have waited far too long for a fair deal"]
    assert_parts(article, claim)


def test_quotation_continued_after_its_frame_in_the_next_paragraph_joins_its_speakers_claim():
    body = ('"We will not give up on this harbour," Anna Berg told reporters.\n\n'
            '"Our members have waited far too long for a fair deal."')
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker_id, claim.verb) == ("berg", "told")
    assert [p.text for p in claim.content_parts] == ["We will not give up on this harbour",
                                                     "Our members have waited far too long for a fair deal"]
    assert_parts(article, claim)


def test_quotation_in_the_next_paragraph_after_another_speaker_is_not_joined():
    body = ('Anna Berg said: "We will not give up on this harbour."\n\n'
            'Erik Lund disagreed. "Our members have waited far too long for a fair deal."')
    article, claims = claims_of(body)
    berg = next(c for c in claims if c.speaker_id == "berg")
    assert [p.text for p in berg.content_parts] == ["We will not give up on this harbour"]


@pytest.mark.parametrize(("body", "parts"), [
    ('"We will not give up on this harbour," Lund told the radio station on Monday, "not for anyone at all."',
     ["We will not give up on this harbour", "not for anyone at all"]),
    ("''It is more tinkering at the edges,'' said Erik Lund, an economist at the Harbour Foundation's policy "
     "centre. ''I would not call it reform. There is no real change.''",
     ["It is more tinkering at the edges", "I would not call it reform. There is no real change"]),
])
def test_an_interrupted_quotation_is_one_claim(body, parts):
    article, claims = claims_of(body)
    (claim,) = [c for c in claims if c.quotation]
    assert claim.speaker_id == "lund" and [p.text for p in claim.content_parts] == parts
    assert_parts(article, claim)


def test_a_title_in_quotation_marks_is_no_claim():
    article, claims = claims_of('Erik Lund said the talks went well.\n\n'
                                'He spoke on Acme’s “The Morning Show with Anna Berg” on Monday.')
    assert not any("Morning Show" in c.content for c in claims)


def assert_parts(article, claim) -> None:
    """Each content part gives its text back, lies inside the content, and the sentences cover the claim."""
    text = article.text
    assert claim.content_parts
    for part in claim.content_parts:
        assert text[part.start:part.end] == part.text
        assert claim.content_start <= part.start < part.end <= claim.content_end
    assert claim.sentence_index in claim.sentence_indexes
    assert list(claim.sentence_indexes) == sorted(claim.sentence_indexes)


@pytest.mark.parametrize(
    ("body", "speaker_id", "parts"),
    [
        ('"We will not give up on this harbour. Our members have waited too long," Anna Berg said.', "berg",
         ["We will not give up on this harbour. Our members have waited too long"]),
        ('"We will not give up on this harbour," Anna Berg said. "Our members have waited far too long."', "berg",
         ["We will not give up on this harbour", "Our members have waited far too long"]),
        ('"The port must stay open for everyone," said Erik Lund, speaking in Oslo. "Nobody should pay twice."',
         "lund", ["The port must stay open for everyone", "Nobody should pay twice"]),
        ("Erik Lund said:\n\n\"The port must stay open for everyone. Nobody should pay twice.\"", "lund",
         ["The port must stay open for everyone. Nobody should pay twice"]),
        ("''The port must stay open for everyone,'' Erik Lund said.", "lund",
         ["The port must stay open for everyone"]),
    ],
)
def test_one_quotation_is_one_claim_with_its_parts(body, speaker_id, parts):
    article, claims = claims_of(body)
    (claim,) = claims
    assert claim.speaker_id == speaker_id and claim.quotation and claim.kind == "direct"
    assert [p.text for p in claim.content_parts] == parts
    spanned = {s.index for s in article.sentences if any(s.start < p.end and p.start < s.end
                                                         for p in claim.content_parts)}
    assert set(claim.sentence_indexes) == spanned | {claim.sentence_index}
    assert_spans(article, claim)
    assert_parts(article, claim)


@pytest.mark.parametrize(
    ("body", "verb", "content"),
    [
        ("Anna Berg promised to cut the harbour fees.", "promised", "to cut the harbour fees"),
        ("Erik Lund called on the council to resign.", "called", "the council to resign"),
        ("Anna Berg wants to triple the size of the fleet.", "wants", "to triple the size of the fleet"),
        ("A new survey by Acme shows that most dockers back the strike.", "shows",
         "most dockers back the strike"),
    ],
)
def test_intentions_demands_and_findings_are_claims(body, verb, content):
    article, claims = claims_of(body)
    (claim,) = [c for c in claims if c.verb == verb]
    assert claim.content == content and claim.kind == "indirect" and not claim.quotation
    assert_spans(article, claim)
    assert_parts(article, claim)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('Anna Berg said: "We will not give up on this harbour."', "direct"),
        ('Anna Berg said the harbour was "a disgrace to the whole region" and must close.', "mixed"),
        ("Anna Berg said the harbour was a disgrace to the whole region.", "indirect"),
    ],
)
def test_claim_kind_follows_its_quoted_words(body, kind):
    article, claims = claims_of(body)
    (claim,) = claims
    assert claim.kind == kind and claim.quotation == (kind != "indirect")
    assert_parts(article, claim)


@pytest.mark.parametrize(
    ("body", "speaker_id", "content"),
    [
        ("BERG: Well, look, the harbour will stay open. Nobody should pay twice.", "berg",
         "Well, look, the harbour will stay open. Nobody should pay twice"),
        ('Erik Lund \u2015 "The port must stay open for everyone, and nobody should pay twice."', "lund",
         "The port must stay open for everyone, and nobody should pay twice"),
    ],
)
def test_a_name_and_colon_or_dash_opening_a_paragraph_gives_the_speaker(body, speaker_id, content):
    surfaces = {**SURFACES, "BERG": "berg"}
    article = load_article("Test Article\n\n" + body)
    claims = extract_claims(article, mentions=mentions_in(article.text, surfaces), actors=ACTORS)
    claim = claims[0]
    assert (claim.speaker_id, claim.pattern) == (speaker_id, "label")
    assert claim.content.strip('"') == content
    assert_spans(article, claim)


def test_a_dateline_dash_is_not_a_speaker():
    _, claims = claims_of("OSLO \u2015 The harbour reopened on Monday after a long strike by the dockers.")
    assert all(c.pattern != "label" for c in claims)


@pytest.mark.parametrize(
    ("roles", "speaker_id"),
    [({"lund": ("Prime Minister",)}, "lund"), ({}, None)],
)
def test_a_role_noun_speaks_for_the_actor_given_that_role(roles, speaker_id):
    actors = [{**actor, "roles": roles.get(actor["id"], ())} for actor in ACTORS]
    article = load_article("Test Article\n\nPrime Minister Erik Lund visited Oslo. "
                           "The minister said that the harbour would stay open.")
    claims = extract_claims(article, mentions=mentions_in(article.text), actors=actors)
    (claim,) = [c for c in claims if c.verb == "said"]
    assert (claim.speaker, claim.speaker_id) == ("The minister", speaker_id)


@pytest.mark.parametrize(
    ("roles", "phrase", "speaker_id"),
    [({"lund": ("President",)}, "The head of state", "lund"),
     ({"lund": ("Prime Minister",)}, "The Swedish leader", "lund"),
     ({"lund": ("Defence Minister",)}, "The Swedish leader", None),
     ({"lund": ("President",)}, "The Norwegian leader", None),  # Lund's affiliation is Sweden
     ({"lund": ("Vice President",)}, "The president", None),
     ({"lund": ("Vice President",)}, "The vice president", "lund")],
)
def test_a_leader_noun_speaks_for_the_actor_given_a_leader_role(roles, phrase, speaker_id):
    actors = [{**actor, "roles": roles.get(actor["id"], ())} for actor in ACTORS]
    article = load_article(f"Test Article\n\nErik Lund visited Oslo. {phrase} said that the harbour would stay open.")
    claims = extract_claims(article, mentions=mentions_in(article.text), actors=actors)
    (claim,) = [c for c in claims if c.verb == "said"]
    assert (claim.speaker, claim.speaker_id) == (phrase, speaker_id)


def test_a_speaker_named_as_an_actor_without_a_mention_there_is_that_actor():
    article = load_article("Test Article\n\nErik Lund visited Oslo. Clara Moss said that the harbour would stay open.")
    mentions = [m for m in mentions_in(article.text) if m.actor_id != "moss"]  # the tagger missed the name there
    claims = extract_claims(article, mentions=mentions, actors=ACTORS)
    (claim,) = [c for c in claims if c.verb == "said"]
    assert (claim.speaker, claim.speaker_id, claim.speaker_name) == ("Clara Moss", "moss", "Clara Moss")
    assert claim.speaker_rule == "an actor's name with no mention there"


def test_a_dateline_is_no_part_of_the_content():
    article, claims = claims_of("OSLO, 3 May (NTB) \u2013 Erik Lund opened the new harbour on Monday, NTB has learned.")
    (claim,) = [c for c in claims if c.verb == "learned"]
    assert claim.content.startswith("Erik Lund opened") and article.dateline is not None
    assert claim.content_start >= article.dateline.end
    assert_spans(article, claim)


def test_hedging_sourcing_and_denial_categories():
    body = ("Erik Lund reportedly said that the deal was off. Acme denied that it had broken the law. "
            "Anna Berg said the deal could collapse.")
    _, claims = claims_of(body)
    reported, denied, hedged = claims
    assert reported.category == REPORTED and "reportedly" in [c.text for c in reported.cues]
    assert denied.category == DENIED
    assert hedged.category == ASSERTED and hedged.hedged  # a hedge inside the content only marks it


def test_without_mentions_speaker_text_is_kept_and_id_is_null():
    article, claims = claims_of("A spokesperson for the Finance Ministry, Clara Moss, said the figures were wrong. "
                                "Norwegian officials noted that prices rose.", with_mentions=False)
    assert [(c.speaker, c.speaker_id) for c in claims] == [("Clara Moss", None), ("Norwegian officials", None)]
    assert claims[1].unnamed and claims[1].affiliation == "Norwegian"
    assert all(c.speaker_rule == "no actor mentions given" for c in claims)


def test_sentence_cues_skip_proper_names():
    article = load_article("Test Article\n\nTheresa May spoke. Prices may rise, according to reports.")
    rows = sentence_cue_records(article)
    assert [row.sentence_index for row in rows] == [1]
    assert {(c.text, c.kind) for c in rows[0].cues} >= {("may", "hedge"), ("according to", "sourcing")}
    assert rows[0].hedged and rows[0].sourced and not rows[0].denied
    for cue in rows[0].cues:
        assert article.text[cue.start:cue.end] == cue.text


def test_default_article_named_speakers(default_article_path):
    article = load_article(default_article_path)
    claims = extract_claims(article, mentions=mentions_of_people(article), actors=DEFAULT_PEOPLE)
    speakers = {c.speaker_id for c in claims if c.speaker_id}
    assert speakers == {"revenko", "zakharova", "lukashenko", "shoigu", "khrenin"}
    he = [c for c in claims if c.speaker in ("He", "She", "she")]
    assert [c.speaker_id for c in he] == ["revenko", "zakharova", "khrenin"]
    unnamed = {c.speaker for c in claims if c.unnamed and c.speaker}
    assert {"Belarusian officials", "Officials", "Reports", "German officials"} <= unnamed
    assert {c.category for c in claims} == {ASSERTED, REPORTED, DENIED}
    for claim in claims:
        assert_spans(article, claim)


DEFAULT_PEOPLE = [
    {"id": "revenko", "name": "Valery Revenko", "type": "person"},
    {"id": "zakharova", "name": "Maria Zakharova", "type": "person"},
    {"id": "lukashenko", "name": "Alexander Lukashenko", "type": "person"},
    {"id": "putin", "name": "Vladimir Putin", "type": "person"},
    {"id": "shoigu", "name": "Sergei Shoigu", "type": "person"},
    {"id": "khrenin", "name": "Viktor Khrenin", "type": "person"},
]


def mentions_of_people(article) -> list[Mention]:
    found = []
    for actor in DEFAULT_PEOPLE:
        for surface in (actor["name"], actor["name"].split()[-1]):
            for match in re.finditer(r"\b" + re.escape(surface) + r"\b", article.text):
                if not any(match.start() < m.end and m.start < match.end() for m in found):
                    found.append(Mention(actor["id"], surface, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def test_analyze_json_claims_round_trip(default_article_path):
    result = analyze(default_article_path)
    text = result["text"]
    assert result["claims"]
    actor_ids = {actor["id"] for actor in result["actors"]}
    named = {claim["speaker_id"] for claim in result["claims"] if claim["speaker_id"] is not None}
    assert named <= actor_ids  # analyze resolves speakers through the actors stage
    names = {actor["id"]: actor["name"] for actor in result["actors"]}
    assert {"Maria Zakharova", "Sergei Shoigu", "Viktor Khrenin"} <= {names[i] for i in named}
    for claim in result["claims"]:
        assert text[claim["content_start"]:claim["content_end"]] == claim["content"]
        assert set(claim) >= {"speaker", "speaker_id", "verb", "content", "start", "end", "paragraph_id", "hedged",
                              "cues"}
    for row in result["sentence_cues"]:
        assert all(text[c["start"]:c["end"]] == c["text"] for c in row["cues"])


def test_claim_charts_colour_by_theme(default_article_path):
    from analysis.charts.timeline import plot_claims_by_speaker, plot_speaker_themes

    article = load_article(default_article_path)
    claims = extract_claims(article, mentions=mentions_of_people(article), actors=DEFAULT_PEOPLE)
    themes = {p.id: ("early" if p.id < 5 else "late") for p in article.paragraphs}
    figure = plot_claims_by_speaker(claims, themes, top=50)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["early", "late"]
    speakers = [label.get_text() for label in ax.get_yticklabels()]
    assert speakers[0] == "Viktor Khrenin" and "Belarusian officials (unnamed)" in speakers
    total = sum(patch.get_width() for patch in ax.patches)
    assert total == len(claims)
    grid = plot_speaker_themes(claims, themes, top=50)
    cells = sum(int(text.get_text()) for text in grid.axes[0].texts)
    assert cells == len(claims)


def test_a_claim_of_coordinated_speakers_counts_for_each_in_the_speaker_charts():
    from analysis.charts.timeline import plot_claims_by_speaker, plot_speaker_themes
    from analysis.schema import to_json

    _, claims = claims_of("Both Sweden and Norway denied the reports. Anna Berg said the port was safe.")
    for given in (claims, to_json(claims)):  # records or their JSON
        ax = plot_claims_by_speaker(given).axes[0]
        bars = {label.get_text(): patch.get_width() for label, patch in zip(ax.get_yticklabels(), ax.patches)}
        assert bars == {"Sweden": 1, "Norway": 1, "Anna Berg": 1}
        assert sum(int(t.get_text()) for t in plot_speaker_themes(given).axes[0].texts) == 3


def test_claims_html_escapes_article_text():
    article, claims = claims_of('Anna Berg said that <script>alert(1)</script> was "harmless".')
    html = claims_html(article, claims)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<mark style="background:#cfe3ff">Anna Berg</mark>' in html


def test_notebook_runs_top_to_bottom(default_article_path):
    from analysis.config import NOTEBOOKS_DIR
    from analysis.report import execute_notebook

    notebook = execute_notebook(NOTEBOOKS_DIR / "04_timeline_and_claims.ipynb",
                                {"ARTICLE_PATH": str(default_article_path), "RANDOM_STATE": 0})
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 3
    assert any("all offsets round-trip" in o.get("text", "") for o in outputs)


BORDER_ARTICLE = """Border Dispute Deepens as Talks Stall

Interior Minister Jonas Keller said on Tuesday that the northern border would reopen within a week. "We are
not going anywhere," said union leader Maria Santos, whose members have blocked the crossing since March.

According to the European Commission, trade through the crossing has fallen by a third. The haulage company
Nordfrakt's press office announced that 200 drivers would be laid off.

A spokesman for the Interior Ministry, Peter Olsen, told reporters the claims of police violence were false.
Santos, who leads the dockers' union, insisted the blockade was legal. She added that talks with the ministry
would continue.

Keller denied the allegations on Wednesday. Local officials reportedly said the bridge was unsafe, while
analysts say the dispute could cost the region millions.

The mayor of Halden, Anna Weiss, warned that shops were running out of stock. Weiss told the local radio
station: "We need help, and we need it now."

In a statement, the Finance Ministry said compensation would be paid to affected firms. Olsen was later quoted
as saying that the police had acted lawfully. Keller and Weiss met on Thursday. He said afterwards that the
meeting had been constructive."""
BORDER_SURFACES = {
    "Jonas Keller": "keller", "Keller": "keller", "Maria Santos": "santos", "Santos": "santos",
    "European Commission": "commission", "Nordfrakt": "nordfrakt", "Interior Ministry": "interior",
    "Peter Olsen": "olsen", "Olsen": "olsen", "Halden": "halden", "Anna Weiss": "weiss", "Weiss": "weiss",
    "Finance Ministry": "finance",
}
BORDER_PEOPLE = ("keller", "santos", "olsen", "weiss")
BORDER_ACTORS = [{"id": a, "name": a, "type": "person" if a in BORDER_PEOPLE else "organization"}
                 for a in sorted(set(BORDER_SURFACES.values()))]
# (verb as written, its n-th occurrence, the actor who said it); None: no actor may be given.
BORDER_GOLD = [
    ("said", 0, "keller"), ("said", 1, "santos"), ("According to", 0, "commission"), ("announced", 0, "nordfrakt"),
    ("told", 0, "olsen"), ("insisted", 0, "santos"), ("added", 0, "santos"), ("denied", 0, "keller"),
    ("warned", 0, "weiss"), ("told", 1, "weiss"), ("said", 3, "finance"), ("saying", 0, "olsen"),
    ("said", 2, None), ("say", 0, None), ("said", 4, None),
]


def test_named_speaker_recall_and_no_wrong_actor_on_a_written_article():
    article = load_article(BORDER_ARTICLE)
    claims = extract_claims(article, mentions=mentions_in(article.text, BORDER_SURFACES, {}), actors=BORDER_ACTORS)
    by_verb = {(c.verb_start, c.speaker_id) for c in claims}
    found, wrong = 0, []
    for verb, occurrence, expected in BORDER_GOLD:
        starts = [m.start() for m in re.finditer(r"\b" + verb + r"\b", article.text)]
        given = {speaker for start, speaker in by_verb if start == starts[occurrence]}
        found += expected is not None and expected in given
        wrong += [(verb, occurrence, g) for g in given if g is not None and g != expected]
    named = sum(expected is not None for _, _, expected in BORDER_GOLD)
    assert found / named >= 0.85
    assert wrong == []


def test_it_continues_an_organisation_speaker_but_never_a_person():
    _, claims = claims_of("Acme said profits rose. It warned that costs would climb. Anna Berg said the plan "
                          "was wrong. It added that prices would fall.")
    assert [(c.verb, c.speaker_id) for c in claims] == [("said", "acme"), ("warned", "acme"), ("said", "berg"),
                                                         ("added", None)]


def test_they_continues_only_a_plural_speaker():
    surfaces = {"The Finance Ministry": "finmin", "Unions": "unions"}
    actors = [{"id": "finmin", "name": "Finance Ministry", "type": "organization"},
              {"id": "unions", "name": "unions", "type": "group"}]
    article = load_article("Test Article\n\nThe Finance Ministry said that pensions would be reviewed. They "
                           "believe the plans will raise the retirement age. Unions said the plan was unfair. "
                           "They added that strikes were likely.")
    claims = extract_claims(article, mentions=mentions_in(article.text, surfaces, {}), actors=actors)
    assert [(c.verb, c.speaker_id) for c in claims] == [("said", "finmin"), ("believe", None), ("said", "unions"),
                                                         ("added", "unions")]


def test_a_person_named_inside_a_quotation_is_not_the_speaker():
    body = ('Reporters gathered outside. "The fact is that Anna Berg is there for four years," he argued.\n\n'
            '"Clara Moss will not win," she said.')
    _, claims = claims_of(body)
    assert [(c.verb, c.speaker_id) for c in claims] == [("argued", None), ("said", None)]


def test_passive_without_agent_needs_a_reporting_verb():
    _, claims = claims_of("Anna Berg was denied a visa. The plan is believed to cost millions.")
    assert [(c.verb, c.speaker) for c in claims] == [("believed", None)]


def test_passive_with_agent_needs_a_reporting_verb():
    _, claims = claims_of("The bridge is maintained by the Finance Ministry. The figures were disputed by Acme.")
    assert [(c.verb, c.speaker_id, c.content, c.category) for c in claims] == [
        ("disputed", "acme", "The figures", DENIED)]


def test_named_speaker_carries_the_affiliation_the_actors_stage_gives():
    _, claims = claims_of("Erik Lund said that the talks had stalled.")
    assert (claims[0].speaker_id, claims[0].affiliation, claims[0].affiliation_id) == ("lund", "Sweden", "sweden")


def test_a_name_in_apposition_the_actors_stage_missed_is_kept_as_text():
    _, claims = claims_of("The Shadow Secretary of State for the Family, Theresa May, said the plans were late.")
    (claim,) = claims
    assert (claim.speaker, claim.speaker_id, claim.unnamed) == ("Theresa May", None, False)
    assert claim.speaker_rule == "name in apposition with no actor mention"


def test_pronoun_continues_a_spokesperson_speaking_for_an_actor():
    _, claims = claims_of("A spokeswoman for Acme said the plant would close. She added that jobs would go.")
    assert [(c.verb, c.speaker_id) for c in claims] == [("said", "acme"), ("added", "acme")]


def test_a_quotation_signed_with_a_name_at_its_line_end_is_that_persons_claim():
    article, claims = claims_of("Readers wrote to us after the debate.\n\n"
                                "“The plan will fail and the town knows it.” ― Anna Berg\n"
                                "“We need the new bridge before the winter comes.” ― Clara Moss")
    signed = [(c.speaker_id, c.pattern, c.content) for c in claims if c.pattern == "signature"]
    assert signed == [("berg", "signature", "The plan will fail and the town knows it"),
                      ("moss", "signature", "We need the new bridge before the winter comes")]
    for claim in claims:
        assert_spans(article, claim)


def test_a_transcript_label_inside_an_opening_quote_mark_names_the_speaker():
    _, claims = claims_of('The interview went on for an hour.\n\n'
                          '"Lund: Well, look, the budget is fair and we will pass it.')
    assert [(c.speaker_id, c.pattern) for c in claims if c.pattern == "label"] == [("lund", "label")]


def test_a_headline_with_the_speaker_after_the_verb():
    article = load_article("Sanctions against the regime have failed, warns Lund\n\nErik Lund spoke in Oslo on Monday.")
    claims = extract_claims(article, mentions=mentions_in(article.text), actors=ACTORS)
    assert [(c.verb, c.speaker_id, c.content) for c in claims] == [
        ("warns", "lund", "Sanctions against the regime have failed")]


def test_a_modal_demand_is_no_claim_of_its_subject():
    _, claims = claims_of("Norway must admit that its plan failed, the Finance Ministry said.")
    assert [(c.verb, c.speaker_id) for c in claims] == [("said", "finmin")]


def test_being_asked_is_no_claim_of_the_one_asked():
    # the question put is a claim with no speaker (as PolNeAR marks it), never one of the person asked
    _, claims = claims_of("Asked about the strike, Anna Berg said that the talks would resume.")
    assert [(c.verb, c.speaker_id, c.speaker, c.content) for c in claims] == [
        ("Asked", None, None, "the strike"), ("said", "berg", "Anna Berg", "the talks would resume")]


def test_a_pronoun_takes_the_person_the_article_uses_it_for():
    _, claims = claims_of("Erik Lund said he would run for mayor. Clara Moss said she was ready for the race. "
                          "Erik Lund met Clara Moss in Oslo on Monday. She said the talks went well.")
    last = claims[-1]
    assert (last.content, last.speaker_id) == ("the talks went well", "moss")


def test_a_time_alone_is_no_content():
    _, claims = claims_of("Anna Berg appeared on Friday. Anna Berg said the plan was fair.")
    assert [(c.verb, c.content) for c in claims] == [("said", "the plan was fair")]


def test_the_cue_model_reads_its_weights_and_refuses_a_malformed_file(tmp_path):
    from analysis.claims.cue_model import CueModel, load_cue_model
    from analysis.errors import ReferenceTableError

    model = load_cue_model()
    assert 0 < model.threshold < 1 and model.weights
    assert model.probability(["lemma=say", "lexicon=speech", "child=ccomp"]) > model.probability(["lemma=eat"])
    broken = tmp_path / "model.json"
    broken.write_text('{"weights": {"lemma=say": "high"}, "bias": 0, "threshold": 0.5}', encoding="utf-8")
    with pytest.raises(ReferenceTableError, match="model.json"):
        CueModel.from_file(broken)


@pytest.mark.parametrize(("body", "speaker_id", "verb", "content"), [
    ("At the meeting, Erik Lund stood by his claim that the port had lost money for years.", "lund", "claim",
     "the port had lost money for years"),
    ("Anna Berg spoke on Monday. Later, she stood by her claim that the port had lost money for years.", "berg",
     "claim", "the port had lost money for years"),
    ("Anna Berg's promise to reopen the harbour by May was welcomed by the dockers.", "berg", "promise",
     "to reopen the harbour by May"),
    # no possessor: a holder the parse names (a "from" phrase, a name compounded, the subject of the verb)
    ("The board ignored a warning from Erik Lund that it was time to go.", "lund", "warning", "it was time to go"),
    ("The board received a Lund report that the wall was weak.", "lund", "report", "the wall was weak"),
    ("Anna Berg persisted in arguments that the tariff would hurt the small ports.", "berg", "arguments",
     "the tariff would hurt the small ports"),
    ("At the hearing, Erik Lund stuck to his criticism that the new fees were far too high.", "lund", "criticism",
     "the new fees were far too high"),
])
def test_a_claim_noun_with_a_holder_is_a_claim(body, speaker_id, verb, content):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.pattern == "noun")
    assert (claim.speaker_id, claim.verb, claim.content) == (speaker_id, verb, content)
    assert_spans(article, claim)


def test_a_claim_noun_without_a_possessor_or_holder_is_no_claim():
    article, claims = claims_of("The claim that the port had lost money for years was false.")
    assert not any(c.pattern == "noun" for c in claims)


def test_a_relative_pronoun_speaker_is_the_noun_it_refers_to():
    article, claims = claims_of("The talks were led by Erik Lund, who joked that the harbour had never been so busy.")
    (claim,) = claims
    assert (claim.speaker, claim.speaker_id, claim.verb, claim.content) == (
        "Erik Lund", "lund", "joked", "the harbour had never been so busy")
    assert_spans(article, claim)


def test_a_quotation_framed_by_a_manner_verb_is_its_speakers_claim():
    article, claims = claims_of('"We will not give up on this harbour, not for anyone," Anna Berg said.\n\n'
                                '"Our members have waited far too long," she laughed. "They deserve much better."')
    (claim,) = [c for c in claims if c.verb == "laughed"]
    assert claim.speaker_id == "berg"
    assert [p.text for p in claim.content_parts] == ["Our members have waited far too long", "They deserve much better"]
    assert_parts(article, claim)


def test_a_pronoun_reaches_back_over_the_sentences_of_a_long_quotation():
    body = ('Anna Berg arrived in Oslo.\n\n"The harbour is old," Berg said. "The cranes are broken. The roads are '
            'full. The ships wait for days."\n\nShe added that the port needed money.')
    article, claims = claims_of(body)
    (claim,) = [c for c in claims if c.verb == "added"]
    assert claim.speaker_id == "berg"


def test_a_quotation_after_a_second_verb_is_not_the_first_one_going_on():
    body = ('"We will not give up on this harbour," Lund said, suggesting a few questions, including, '
            '"Ms Berg, do you really think that the north quay is safe?"')
    article, claims = claims_of(body)
    (first,) = [c for c in claims if c.verb == "said"]
    assert [p.text for p in first.content_parts] == ["We will not give up on this harbour"]


def test_the_content_of_a_quotation_frame_never_holds_its_verb():
    body = ('"You should resign. You should give back the money you took while this scam was going on," Lund told '
            'Berg, after she admitted under his grilling she had not yet been held personally accountable.')
    article, claims = claims_of(body)
    (claim,) = [c for c in claims if c.verb == "told"]
    assert claim.content == "You should resign. You should give back the money you took while this scam was going on"


@pytest.mark.parametrize(("body", "parts"), [
    ('"Never," Anna Berg said. "We will not give up on this harbour, not for anyone."',
     ["Never", "We will not give up on this harbour, not for anyone"]),
    ('"That," Lund added, "is what the harbour needs now."', ["That", "is what the harbour needs now"]),
])
def test_a_short_first_part_of_an_interrupted_quotation_is_kept(body, parts):
    article, claims = claims_of(body)
    (claim,) = claims
    assert [p.text for p in claim.content_parts] == parts
    assert_parts(article, claim)


def test_a_short_last_part_of_an_interrupted_quotation_is_kept():
    article, claims = claims_of('"We will not give up on this harbour," Anna Berg said. "Not for anyone."')
    (claim,) = claims
    assert [p.text for p in claim.content_parts] == ["We will not give up on this harbour", "Not for anyone"]
    assert_parts(article, claim)


def test_a_short_scare_quote_after_a_quotation_is_no_part_of_it():
    _, claims = claims_of('"We will not give up on this harbour," Anna Berg said of what she calls "the old deal."')
    assert all("the old deal" not in p.text for c in claims for p in c.content_parts)


@pytest.mark.parametrize("body", ['Said Anna Berg: "The harbour will stay open all winter."',
                                  'The mayor spoke first. Said Anna Berg: "The harbour will stay open all winter."'])
def test_an_inverted_said_before_a_colon_and_quotation_names_the_speaker(body):
    article, claims = claims_of(body)
    (claim,) = [c for c in claims if "harbour" in c.content]
    assert (claim.speaker_id, claim.content) == ("berg", "The harbour will stay open all winter")
    assert_spans(article, claim)


def test_a_lone_dash_before_the_writers_comment_ends_the_content():
    _, claims = claims_of("Anna Berg likened the tariff to piracy - a charge that stung the ministry.")
    (claim,) = claims
    assert claim.content == "the tariff to piracy"
    _, claims = claims_of("Anna Berg said the tariff - a relic of the war - would go.")
    assert claims[0].content == "the tariff - a relic of the war - would go"


@pytest.mark.parametrize(("body", "expected"), [
    ("In the latest poll, Anna Berg leads Erik Lund by five points.",
     [("the latest poll", "In", "Anna Berg leads Erik Lund by five points", "source phrase")]),
    ("In a statement, the Finance Ministry said that taxes would rise.",
     [("the Finance Ministry", "said", "taxes would rise", "verb")]),
    ("In the harbour, Anna Berg met the dockers.", []),
])
def test_a_sentence_opening_with_a_source_document_is_its_claim(body, expected):
    article, claims = claims_of(body)
    assert [(c.speaker, c.verb, c.content, c.pattern) for c in claims] == expected
    for claim in claims:
        assert_spans(article, claim)


def test_a_deed_inside_what_someone_said_is_no_claim_of_its_own():
    _, claims = claims_of("Erik Lund talked about the tariff at length.")
    assert [(c.speaker_id, c.verb) for c in claims] == [("lund", "talked")]
    _, claims = claims_of("Anna Berg said that Erik Lund talked about the tariff at length.")
    assert [(c.speaker_id, c.verb, c.content) for c in claims] == [
        ("berg", "said", "Erik Lund talked about the tariff at length")]


@pytest.mark.parametrize(("body", "parts"), [
    ("As Anna Berg put it, the tariff was a disaster from the start.", ["the tariff was a disaster from the start"]),
    ("The tariff, as Anna Berg noted, was a disaster from the start.",
     ["The tariff", "was a disaster from the start"]),
    ("The tariff was a disaster, as Anna Berg put it.", ["The tariff was a disaster"]),
    ("As Anna Berg noted in a statement, the tariff was a disaster.", ["the tariff was a disaster"]),
    ("As Anna Berg told reporters, the tariff was a disaster.", ["the tariff was a disaster"]),
])
def test_an_aside_with_as_gives_the_sentence_its_speaker(body, parts):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker_id, [p.text for p in claim.content_parts]) == ("berg", parts)
    assert_parts(article, claim)


@pytest.mark.parametrize("body", [
    'Anna Berg spoke to reporters. As she wrote on Twitter, "the port will reopen soon."',
    'Anna Berg spoke to reporters. As she said in an interview, "the port will reopen soon."',
])
def test_an_aside_with_where_it_was_said_gives_the_quotation_its_speaker(body):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker_id, claim.content) == ("berg", "the port will reopen soon")
    assert_parts(article, claim)


def test_a_speakers_aside_without_a_speech_verb_is_no_claim():
    _, claims = claims_of("Anna Berg spoke to reporters. As she spoke, protesters gathered outside.")
    assert claims == []


def test_as_of_time_or_comparison_is_no_aside():
    _, claims = claims_of("The harbour closed as Anna Berg called for a new tariff.")
    assert all(c.content != "The harbour closed" for c in claims)


def test_a_quotation_after_the_speakers_own_aside_goes_on_with_the_first():
    article, claims = claims_of('"You cannot run a port without the dockers," Anna Berg said, explaining why the '
                                'strike matters. "What we need is a new way of thinking about the docks."')
    (said,) = [c for c in claims if c.verb == "said"]
    assert [p.text for p in said.content_parts] == ["You cannot run a port without the dockers",
                                                    "What we need is a new way of thinking about the docks"]
    assert_parts(article, said)
    assert all("docks" not in c.content for c in claims if c is not said)


def test_a_closing_mark_typed_to_open_a_paragraph_opens_its_quotation():
    article, claims = claims_of("\u201dFear is what the dockers feel this winter.\u201d \u2015 Anna Berg\n"
                                "\u201cThe harbour will never be the same again.\u201d \u2015 Erik Lund")
    assert [(c.speaker_id, c.content) for c in claims] == [
        ("berg", "Fear is what the dockers feel this winter"), ("lund", "The harbour will never be the same again")]
    for claim in claims:
        assert_spans(article, claim)


@pytest.mark.parametrize("body", ['Anna Berg wrote on Twitter:\n\n"The harbour will stay open all winter."',
                                  'Anna Berg put it bluntly: "The harbour will stay open all winter."',
                                  'Anna Berg was blunt: "The harbour will stay open all winter."'])
def test_a_colon_before_a_quotation_gives_it_the_speaker_of_the_clause_before(body):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker_id, [p.text for p in claim.content_parts]) == (
        "berg", ["The harbour will stay open all winter"])
    assert_parts(article, claim)


@pytest.mark.parametrize(("body", "content"), [
    ("Anna Berg said Monday the harbour would close.", "the harbour would close"),
    ("Anna Berg said on Monday the harbour would close.", "the harbour would close"),
    ("Anna Berg said Monday was the worst day for the harbour.", "Monday was the worst day for the harbour"),
])
def test_the_time_of_saying_is_no_part_of_the_reported_clause(body, content):
    _, claims = claims_of(body)
    assert [c.content for c in claims] == [content]


def test_cue_patterns_factor_first_characters_without_changing_matches():
    from analysis.claims.lexicon import _alternation, _phrase_pattern

    assert _alternation(["claim", "concern", r"\-ish", "x"]) == r"c(?:laim|oncern)|\-ish|x"
    phrases = ["allegedly", "alleged", "according to", "apparently", "reportedly", "sources say", "said to"]
    plain = re.compile(r"\b(?:" + "|".join(sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases},
                                                  key=len, reverse=True)) + r")\b", re.IGNORECASE)
    text = "Allegedly, according  to sources say the alleged deal, apparently reportedly said to be allegedlyx."
    matches = [m.span() for m in _phrase_pattern(phrases).finditer(text)]
    assert matches == [m.span() for m in plain.finditer(text)] and len(matches) == 7


def test_a_verb_after_a_preposition_borrows_the_subject_of_the_verb_before():
    article, claims = claims_of("They published the results of the check by announcing that the statement was true.")
    claim = next(c for c in claims if c.verb == "announcing")
    assert (claim.speaker, claim.content) == ("They", "the statement was true")
    assert_spans(article, claim)


def test_a_passive_the_cue_model_accepts_is_a_claim_with_its_agent():
    article, claims = claims_of("The mayor was endorsed by the teachers union on Monday.")
    assert [(c.speaker, c.verb, c.content) for c in claims] == [("the teachers union", "endorsed", "The mayor")]
    assert_spans(article, claims[0])


@pytest.mark.parametrize(("body", "verb", "content"), [
    ("Ministers condemn the missile test; the president vows consequences.", "vows", "consequences"),
    ("We have heard this before: the senator declared war on the banks.", "declared", "war on the banks"),
])
def test_a_clause_before_a_semicolon_or_colon_is_not_what_the_verb_says(body, verb, content):
    _, claims = claims_of(body)
    assert [c.content for c in claims if c.verb == verb] == [content]


def test_a_verb_with_an_object_of_its_own_does_not_say_the_clause_before_it():
    article, claims = claims_of('In his 2002 book, "Save Your Money Now," the adviser suggested looking at the bills '
                                'on your card statement.')
    claim = next(c for c in claims if c.verb == "suggested")
    assert claim.content == "looking at the bills on your card statement"
    assert_spans(article, claim)


def test_a_pronoun_opening_a_section_is_the_person_its_heading_names():
    body = ("Anna Berg said the budget was fair.\n\nErik Lund Defends the Port of Oslo\n\n"
            "He said the port would stay open for every ship.")
    _, claims = claims_of(body)
    he = claims[-1]
    assert (he.speaker, he.speaker_id) == ("He", "lund")
    assert he.speaker_rule == "pronoun → the one person the section heading names"


def test_an_object_pronoun_speaker_is_resolved_and_continued():
    body = ("On Monday, Erik Lund visited the port in Oslo. According to him, the port would reopen. "
            "He added that the tariffs would fall.")
    article, claims = claims_of(body)
    assert [(c.speaker, c.speaker_id) for c in claims] == [("him", "lund"), ("He", "lund")]
    for claim in claims:
        assert_spans(article, claim)


def test_a_speech_verb_coordinated_inside_a_reported_clause_keeps_the_reporting_speaker():
    body = ("The talks in Oslo ended on Friday. Erik Lund added that talks with Norway have not yet ended "
            "and announced another meeting within a few weeks.")
    _, claims = claims_of(body)
    assert {c.speaker_id for c in claims} == {"lund"} and "talks" not in {c.speaker for c in claims}


def test_one_content_said_and_added_is_one_claim():
    body = ('The talks in Oslo ended on Friday. Erik Lund also said that "he wants to believe" in the promises of '
            'Norway.- If they keep the promises, then of course we will be satisfied with such a result - he added.')
    article, claims = claims_of(body)
    (claim,) = claims
    assert claim.speaker_id == "lund" and claim.content.startswith("he wants to believe")
    assert_spans(article, claim)


@pytest.mark.parametrize("said", [
    "he plans to use the money he says he raised for the port",  # a claim in a relative clause
    "Anna Berg thinks the port will close",  # a named speaker's view inside what Lund said
    "the port closed after Anna Berg announced new fees",  # a claim in an adverbial clause
    "he stands by his claim that the port lost money",  # a claim noun
    "he thinks the port will close",  # the same speaker's view
    "the figures show the port will close",  # nobody's
])
def test_a_claim_inside_another_claims_content_is_part_of_it(said):
    # one attribution per word: what Anna Berg thinks, as Lund said it, is Lund's claim
    article, claims = claims_of(f"The talks in Oslo ended on Friday. Erik Lund said {said}.")
    (claim,) = claims
    assert (claim.speaker_id, claim.verb, claim.content) == ("lund", "said", said)
    assert_spans(article, claim)


def test_a_coordinated_claim_or_one_a_source_passed_on_stays_its_own():
    _, claims = claims_of("Erik Lund said the port will close, and Anna Berg said it will stay open.")
    assert [(c.speaker_id, c.content) for c in claims] == [("lund", "the port will close"),
                                                          ("berg", "it will stay open")]
    _, claims = claims_of("The port will close, Erik Lund told the paper, according to the radio.")
    assert ("lund", "told", "The port will close") in [(c.speaker_id, c.verb, c.content) for c in claims]


def test_a_role_noun_is_not_a_person_named_only_inside_an_earlier_claim():
    actors = [*ACTORS, {"id": "roe", "name": "Jane Roe", "type": "person", "roles": ["President"]},
              {"id": "doe", "name": "John Doe", "type": "person", "roles": ["President"]}]
    surfaces = {**SURFACES, "Jane Roe": "roe", "John Doe": "doe"}
    body = ("President Jane Roe opened the port in Oslo. Jane Roe said that the president of Sweden, John Doe, "
            "would visit soon. The president said the harbour would stay open.")
    article = load_article("Test Article\n\n" + body)
    claims = extract_claims(article, mentions=mentions_in(article.text, surfaces), actors=actors)
    last = claims[-1]
    assert (last.speaker, last.speaker_id) == ("The president", "roe")


def test_a_role_of_an_office_is_not_the_role_of_its_head():
    actors = [*ACTORS, {"id": "roe", "name": "Jane Roe", "type": "person",
                        "roles": ["head of the office of the President"]}]
    surfaces = {**SURFACES, "Jane Roe": "roe"}
    body = ("Jane Roe, head of the office of the President, arrived in Oslo. "
            "The president said the port would stay open.")
    article = load_article("Test Article\n\n" + body)
    claims = extract_claims(article, mentions=mentions_in(article.text, surfaces), actors=actors)
    assert claims[-1].speaker_id is None


@pytest.mark.parametrize(("body", "speaker_id", "rule"), [
    ("The Oslo Post reported on the strike on Monday. “The port will never close to our ships,” the influential "
     "daily wrote.", "post", "definite description → the organisation named before"),
    ("The unions met the Finance Ministry. The ministry said that the port would reopen.", "finmin",
     "definite description → the organisation named before"),
    ("The unions met the Finance Ministry. The ministry's press service reported that the port would reopen.",
     "finmin", "spokesperson or service of an actor"),
])
def test_a_definite_description_is_the_organisation_named_before(body, speaker_id, rule):
    actors = [*ACTORS, {"id": "post", "name": "Oslo Post", "type": "media"}]
    article = load_article("Test Article\n\n" + body)
    claims = extract_claims(article, mentions=mentions_in(article.text, {**SURFACES, "Oslo Post": "post"}),
                            actors=actors)
    last = claims[-1]
    assert (last.speaker_id, last.speaker_rule) == (speaker_id, rule)
    assert article.text[last.speaker_start:last.speaker_end] == last.speaker


def test_a_definite_description_fitting_two_organisations_stays_unresolved():
    actors = [*ACTORS, {"id": "cityu", "name": "Oslo University", "type": "organization"},
              {"id": "techu", "name": "Bergen University", "type": "organization"}]
    surfaces = {**SURFACES, "Oslo University": "cityu", "Bergen University": "techu"}
    body = "Oslo University and Bergen University met. The university said that fees would rise."
    article = load_article("Test Article\n\n" + body)
    claims = extract_claims(article, mentions=mentions_in(article.text, surfaces), actors=actors)
    assert claims[-1].speaker_id is None


def test_a_ministers_role_of_a_portfolio_is_no_prime_minister():
    actors = [*ACTORS, {"id": "roe", "name": "Jane Roe", "type": "person", "roles": ["Minister of Finance"]}]
    body = "Jane Roe arrived in Oslo. The prime minister said the port would stay open."
    article = load_article("Test Article\n\n" + body)
    claims = extract_claims(article, mentions=mentions_in(article.text, {**SURFACES, "Jane Roe": "roe"}),
                            actors=actors)
    assert claims[-1].speaker_id is None


@pytest.mark.parametrize("body", [
    "Anna Berg seems to have vanished from the campaign trail.",
    "The talks in Oslo ended on Friday. It appeared that Erik Lund was unable to win the vote.",
])
def test_a_seeming_is_the_writers_impression_with_no_speaker(body):
    _, claims = claims_of(body)
    seeming = next(c for c in claims if c.verb_lemma in ("seem", "appear"))
    assert seeming.speaker_id is None and seeming.speaker is None
    assert seeming.speaker_rule == "a seeming: the writer's impression"


@pytest.mark.parametrize(("body", "content"), [
    ("Anna Berg seems to have vanished from the campaign trail.",
     "Anna Berg seems to have vanished from the campaign trail"),
    ("The talks in Oslo ended. Both unions now seem intent on approving the new harbour plan.",
     "Both unions now seem intent on approving the new harbour plan"),
    ("The talks in Oslo ended on Friday. It appeared that Erik Lund was unable to win the vote.",
     "Erik Lund was unable to win the vote"),  # the clause of "it appeared that" is the impression
])
def test_a_seemings_content_holds_what_seems_so(body, content):
    article, claims = claims_of(body)
    seeming = next(c for c in claims if c.verb_lemma in ("seem", "appear"))
    assert seeming.content == content
    assert_spans(article, seeming)


def test_a_seeming_of_a_speech_verb_keeps_its_speaker():
    _, claims = claims_of("The talks in Oslo ended on Friday. Erik Lund appeared to suggest that the port would close.")
    assert "lund" in {c.speaker_id for c in claims}


def test_the_writers_first_person_outside_quotations_is_a_speaker():
    article, claims = claims_of("Opinion pieces are personal. I believe that the port will close before winter.")
    claim = next(c for c in claims if c.verb_lemma == "believe")
    assert (claim.speaker, claim.content) == ("I", "the port will close before winter")
    assert_spans(article, claim)



def test_an_object_and_its_relative_clause_without_that_are_one_content():
    # the parse some articles get: "remarks" the object, the relative clause "X had made …" a reported clause
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from analysis.claims import _content, load_lexicon
    words = ["Berg", "mentioned", "remarks", "Lund", "had", "made", "about", "Oslo", "."]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 5, 5, 1, 5, 6, 1],
              deps=["nsubj", "ROOT", "dobj", "nsubj", "aux", "ccomp", "prep", "pobj", "punct"],
              pos=["PROPN", "VERB", "NOUN", "PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"])
    first, last = _content(doc[1], load_lexicon(), None)  # "mentioned": no stance
    assert doc[first:last + 1].text == "remarks Lund had made about Oslo"
    words[3:3] = ["that"]  # with "that", a reported clause of its own: the object stays out
    doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 6, 6, 6, 1, 6, 7, 1],
              deps=["nsubj", "ROOT", "dobj", "mark", "nsubj", "aux", "ccomp", "prep", "pobj", "punct"],
              pos=["PROPN", "VERB", "NOUN", "SCONJ", "PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"])
    first, last = _content(doc[1], load_lexicon(), None)  # "mentioned": no stance
    assert doc[first].i > 2 and doc[first:last + 1].text.endswith("Lund had made about Oslo")


def test_a_speech_verb_coordinated_inside_the_reported_clause_ends_its_content():
    article, claims = claims_of("Erik Lund said he would order a review of the port and warned against strikes.")
    said = next(c for c in claims if c.verb_lemma == "say")
    assert said.content == "he would order a review of the port"
    assert any(c.verb_lemma == "warn" for c in claims)
    assert_spans(article, said)


def test_a_second_past_verb_coordinated_with_the_cue_is_not_its_object():
    # "has promoted" (a participle) and "dismissed": both past forms, so a second statement, not more of the first
    article, claims = claims_of("Anna Berg has promoted the new harbour plan and dismissed the fears of the fishermen.")
    promoted = next(c for c in claims if c.verb_lemma == "promote")
    assert promoted.content == "the new harbour plan"
    assert any(c.verb_lemma == "dismiss" and c.content == "the fears of the fishermen" for c in claims)
    assert_spans(article, promoted)


@pytest.mark.parametrize("body, content", [
    ("Erik Lund claimed that paying no port fees was smart, although he again refused to pledge to publish his "
     "accounts before the vote.", "paying no port fees was smart"),
    ("Anna Berg said the harbour would stay open, though the fishermen had warned of storms.",
     "the harbour would stay open"),
])
def test_a_concessive_clause_after_a_comma_is_the_writers_not_the_content(body, content):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.verb_lemma in ("claim", "say"))
    assert claim.content == content
    assert_spans(article, claim)


@pytest.mark.parametrize("text, speaker_id, verb, content", [
    ("Anna Berg Urges Calm Over Harbour Strike.\n\nThe strike entered its third day on Monday.",
     "berg", "Urges", "Calm Over Harbour Strike"),
    ("Acme Blasts Finance Ministry Over New Port Fees.\n\nThe fees rose on Monday.",
     "acme", "Blasts", "Finance Ministry Over New Port Fees"),
])
def test_a_capitalised_headline_with_a_speech_verb_is_its_subjects_claim(text, speaker_id, verb, content):
    article = load_article(text, format="text")  # no title line: the first sentence is the title
    claims = extract_claims(article, mentions=mentions_in(article.text), actors=ACTORS)
    claim = next(c for c in claims if c.pattern == "headline")
    assert (claim.speaker_id, claim.verb, claim.content) == (speaker_id, verb, content)
    assert_spans(article, claim)


def test_a_headline_noun_before_a_verb_is_no_speech_verb():
    # "Rules" is the subject of "Face": no claim of "Oslo Harbour"
    article = load_article("Oslo Harbour Rules Face A Test In Court.\n\nThe case opens on Monday.", format="text")
    assert not [c for c in extract_claims(article) if c.pattern == "headline"]


@pytest.mark.parametrize("body, content", [
    ("Anna Berg cited her endorsements from 88 retired generals.", "her endorsements from 88 retired generals"),
    ("A study by Acme found 31 cases of fraud out of a billion ballots.", "31 cases of fraud out of a billion ballots"),
    # the occasion of saying (the lexicon's occasion_nouns) and its time stay out
    ("Erik Lund criticized the harbour plan in a statement.", "the harbour plan"),
    ("Erik Lund criticized the harbour plan at a rally.", "the harbour plan"),
    # the preposition the verb takes right after it goes with the verb
    ("Erik Lund complained about the harbour fees.", "the harbour fees"),
    ("Anna Berg spoke favourably of the new harbour plan.", "the new harbour plan"),
])
def test_a_prepositional_phrase_of_the_verb_is_content_unless_it_is_the_occasion_or_time(body, content):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.verb_lemma in ("cite", "find", "criticize", "complain", "speak"))
    assert claim.content == content
    assert_spans(article, claim)


@pytest.mark.parametrize("body", ["Correction: An earlier version of this article misstated the date of the vote.",
                                  "CLARIFICATION: The first sentence has been changed.", "Source: Acme",
                                  "Anna Berg: 1,769"])  # a tally, no words
def test_an_editorial_label_or_a_tally_after_a_colon_is_no_claim(body):
    article, claims = claims_of(body)
    assert not [c for c in claims if c.pattern == "label"]
    _, claims = claims_of("Berg: We will not give up on this harbour.")  # a name is one
    assert [(c.speaker_id, c.pattern) for c in claims] == [("berg", "label")]


@pytest.mark.parametrize("body, content", [
    ("Erik Lund told the fishermen the harbour would close.", "the harbour would close"),
    ("Anna Berg assured investors the port would stay open.", "the port would stay open"),
    ("Erik Lund asked Anna Berg how she was feeling on the first day.", "how she was feeling on the first day"),
    ("Erik Lund asked workers if they planned to attend the meeting.", "if they planned to attend the meeting"),
])
def test_the_listener_before_a_reported_clause_without_that_is_not_content(body, content):
    # an object and a clause without "that" are one content ("mentioned remarks X had made"), but not the listener
    article, claims = claims_of(body)
    (claim,) = claims
    assert claim.content == content
    assert_spans(article, claim)


def test_a_clause_of_the_same_speaker_coordinated_after_the_reported_clause_goes_on_with_it():
    article, claims = claims_of("Erik Lund says there is a long road ahead, but he feels confident that the harbour "
                                "will open.")
    (claim,) = claims
    assert claim.content == "there is a long road ahead, but he feels confident that the harbour will open"
    assert_spans(article, claim)
    _, claims = claims_of("Anna Berg said the port would close and warned against strikes.")  # a speech verb: two
    assert [c.content for c in claims] == ["the port would close", "strikes"]


@pytest.mark.parametrize("body, last_part", [
    ("The harbour, Anna Berg said, was the best in the region, although the fees were high.",
     "was the best in the region"),
    ("The new fees, Erik Lund said, would help the port, which lost money last year.", "would help the port"),
])
def test_a_clause_left_out_at_the_end_of_an_interrupted_statement_stays_out(body, last_part):
    # the sentence's full stop after the clause left out must not stretch the content over it again
    article, claims = claims_of(body)
    (claim,) = claims
    assert [p.text for p in claim.content_parts][-1] == last_part
    assert_spans(article, claim)


@pytest.mark.parametrize("text, speaker, content", [
    ("Lund to the dockers: the harbour will close in May.\n\nThe dockers met on Monday.", "Lund",
     "the harbour will close in May"),
    ("A lesson from Anna Berg: 'Keep the harbour open.'\n\nThe strike ended on Monday.", "Anna Berg",
     "Keep the harbour open"),
    ("Oslo officials on fees: port costs will rise.\n\nThe fees rose on Monday.", "Oslo officials",
     "port costs will rise"),  # not written as a name, but it names an actor
])
def test_a_headline_label_before_a_colon_is_its_speakers_claim(text, speaker, content):
    article = load_article(text, format="text")  # no title line: the first sentence is the title
    claims = extract_claims(article, mentions=mentions_in(article.text), actors=ACTORS)
    claim = next(c for c in claims if c.pattern == "label")
    assert (claim.speaker, claim.content) == (speaker, content)
    assert_spans(article, claim)


@pytest.mark.parametrize("body, verb, content", [
    ("Anna Berg was asked whether the harbour would close.", "asked", "whether the harbour would close"),
    ("Asked to name the new fees, Erik Lund smiled.", "Asked", "to name the new fees"),
])
def test_a_question_put_is_a_claim_without_speaker(body, verb, content):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.verb == verb)
    assert (claim.speaker, claim.speaker_id, claim.pattern, claim.content) == (None, None, "passive", content)
    assert_spans(article, claim)


def test_a_passive_question_denied_is_no_claim():
    _, claims = claims_of("Anna Berg was not asked about the fees.")
    assert not [c for c in claims if c.verb == "asked"]


@pytest.mark.parametrize("body, verb, content", [
    ("Anna Berg had strong views on the new harbour fees.", "had", "the new harbour fees"),
    ("Erik Lund voiced concerns about the closure of the port.", "voiced", "the closure of the port"),
    ("Anna Berg made comments about the strike on Monday.", "made", "the strike"),
])
def test_a_view_held_or_voiced_is_a_claim_of_what_it_is_about(body, verb, content):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.verb, claim.content, claim.speaker_id is not None) == (verb, content, True)
    assert_spans(article, claim)


def test_a_thing_had_is_no_view():
    _, claims = claims_of("Anna Berg had a house on the coast.")
    assert claims == []


def test_a_quantifier_of_a_group_is_a_speaker():
    article, claims = claims_of("Many of the dockers believe the harbour will close. Most think that the fees are "
                                "too high.")
    assert [(c.speaker, c.content) for c in claims] == [("Many of the dockers", "the harbour will close"),
                                                         ("Most", "the fees are too high")]
    for claim in claims:
        assert_spans(article, claim)


def test_a_verb_after_an_adjective_borrows_the_subject_of_be():
    article, claims = claims_of("Anna Berg was quick to point out that the port had not closed.")
    assert [(c.speaker_id, c.verb, c.content) for c in claims] == [("berg", "point", "the port had not closed")]
    assert_spans(article, claims[0])


def test_the_listener_verbs_come_from_the_lexicon_file(tmp_path):
    # "told the council ...": the council heard it; a lexicon whose addressee_verbs lack "tell" reads the
    # object as part of what was said, so the list is the file's, not the code's.
    from analysis.claims import LEXICON_PATH, load_lexicon

    article = load_article("Title\n\nThe mayor told the council the budget was fair.")
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    assert "tell" in load_lexicon().addressee_verbs
    (claim,) = extract_claims(article)
    assert claim.content == "the budget was fair"
    data["addressee_verbs"] = []
    edited = tmp_path / "claim_lexicon.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    (claim,) = extract_claims(article, lexicon=load_lexicon(edited))
    assert claim.content == "the council the budget was fair"


@pytest.mark.parametrize(("body", "expected"), [
    ("The minister is confident that the plan will work.", [("The minister", "is confident", "the plan will work")]),
    ("Anna Berg was not sure whether the port would reopen.",
     [("Anna Berg", "was not sure", "whether the port would reopen")]),
    ("It is clear that the port will reopen.", []),  # nobody's view
    ("Anna Berg is happy with the port.", []),  # no reported clause
])
def test_a_stance_adjective_with_a_clause_is_a_claim(body, expected):
    article, claims = claims_of(body, with_mentions=False)
    assert [(c.speaker, c.verb, c.content) for c in claims] == expected
    for claim in claims:
        assert_spans(article, claim)


def test_a_subject_the_tagger_takes_for_an_adverb_is_still_a_speaker():
    # the tagger reads "counterproposal" as an adverb; the phrase holds a noun, so it can speak
    article, claims = claims_of("The party counterproposal argued that towns should decide who gets a passport.",
                                with_mentions=False)
    assert [(c.speaker, c.verb, c.content) for c in claims] == [
        ("The party counterproposal", "argued", "towns should decide who gets a passport")]
    assert_spans(article, claims[0])


@pytest.mark.parametrize("text", [
    "Issa: Anna Berg’s ‘Honesty Is In Question.’\n\nThe hearing ended on Monday.",  # the tagger: "Issa" an adjective
    "Lund: Erik Berg Is ‘Not Fit To Run The Port.’\n\nThe strike ended on Monday.",  # "Lund" a common noun
])
def test_a_lone_title_case_word_before_a_headline_colon_is_a_label_whatever_its_tag(text):
    article = load_article(text, format="text")
    (claim,) = [c for c in extract_claims(article) if c.pattern == "label"]
    assert claim.speaker == text[:text.index(":")]
    assert claim.content == text[text.index(":") + 2:text.index("\n")].rstrip(".")
    assert_spans(article, claim)


@pytest.mark.parametrize(("body", "expected"), [
    ("Erik Lund asked whether the port would close. Anna Berg thinks so.", ("Anna Berg", "thinks", "so")),
    ("The council may raise the fees, but neither side would say so.", ("neither side", "say", "so")),
])
def test_so_standing_for_what_was_said_is_the_content(body, expected):
    article, claims = claims_of(body, with_mentions=False)
    claim = next(c for c in claims if c.content == "so")
    assert (claim.speaker, claim.verb, claim.content) == expected
    assert_spans(article, claim)


def test_a_clause_the_parse_hangs_before_the_verb_is_not_said_when_one_follows():
    _, claims = claims_of("Writing for a panel that agreed Acme won the contract, Anna Berg noted that the way Acme "
                          "bid was critical.")
    assert [(c.speaker_id, c.verb, c.content) for c in claims] == [("berg", "noted", "the way Acme bid was critical")]


def test_a_statement_the_verb_breaks_into_goes_on_after_it():
    article, claims = claims_of("Port fees rose by a third, the Finance Ministry said in a report, and farm exports "
                                "fell by a fifth.")
    (claim,) = claims
    assert claim.speaker_id == "finmin"
    assert [p.text for p in claim.content_parts] == ["Port fees rose by a third", "and farm exports fell by a fifth"]
    assert all(article.text[p.start:p.end] == p.text for p in claim.content_parts)


def test_a_speech_participle_after_the_reported_clause_is_a_second_statement():
    _, claims = claims_of("Erik Lund insisted that he has “expanded the party,” claiming that he is responsible for "
                          "higher turnout.")
    (claim,) = [c for c in claims if c.verb == "insisted"]
    assert claim.content == "he has “expanded the party"


def test_the_question_put_before_a_framed_quotation_is_not_its_content():
    _, claims = claims_of("Asked what the union would like the nominee to do, Erik Lund said, “They have got to be "
                          "able to win.”")
    (claim,) = [c for c in claims if c.verb == "said"]
    assert (claim.speaker_id, [p.text for p in claim.content_parts]) == ("lund", ["They have got to be able to win"])


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("Erik Lund endorsed Anna Berg on Thursday.", "Anna Berg"),
        ("Anna Berg called on Thursday for a repeal of the tax.", "a repeal of the tax"),
        ("Erik Lund spoke on Tuesday about the harbour.", "the harbour"),
    ],
)
def test_the_time_of_saying_is_no_part_of_an_object_content(body, content):
    _, claims = claims_of(body)
    assert [c.content for c in claims] == [content]


@pytest.mark.parametrize(
    ("body", "verb", "content"),
    [
        ("Erik Lund is comparing the tariff to a tax and says the port will suffer.", "comparing",
         "the tariff to a tax"),
        ("Anna Berg often questions the tariff and has called for a repeal.", "questions", "the tariff"),
    ],
)
def test_a_coordinated_verb_with_a_tense_of_its_own_is_no_more_of_the_object(body, verb, content):
    _, claims = claims_of(body)
    assert [c.content for c in claims if c.verb == verb] == [content]


def test_a_statement_someone_else_makes_in_the_reported_clause_is_not_more_of_it():
    _, claims = claims_of("Anna Berg said the port was safe and the dockers accused her of lying.")
    assert [(c.speaker, c.verb, c.content) for c in claims] == [("Anna Berg", "said", "the port was safe"),
                                                                ("the dockers", "accused", "her of lying")]


def test_a_content_never_ends_with_a_conjunction():
    _, claims = claims_of("Anna Berg said the port was safe, and many dockers said it was not.")
    assert [c.content for c in claims] == ["the port was safe", "it was not"]


@pytest.mark.parametrize(
    ("body", "speaker_id", "speaker"),
    [
        ("Clara Moss: Erik Lund ‘Not Fit To Run The Port.’", "moss", "Clara Moss"),
        ("Acme: Erik Lund Burns Anna Berg With Port Plan", "acme", "Acme"),
    ],
)
def test_a_labels_speaker_is_its_name_not_an_apposition_across_the_colon(body, speaker_id, speaker):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.pattern, claim.speaker_id, claim.speaker) == ("label", speaker_id, speaker)
    assert article.text[claim.speaker_start:claim.speaker_end] == speaker


def test_a_labels_name_without_a_mention_is_its_speaker_as_written():
    _, claims = claims_of("Clara Moss: Erik Lund ‘Not Fit To Run The Port.’", with_mentions=False)
    assert [(c.speaker, c.speaker_id, c.speaker_name) for c in claims] == [("Clara Moss", None, "Clara Moss")]


def test_a_modal_verb_without_subject_goes_on_with_the_reported_clause():
    _, claims = claims_of("Anna Berg stressed that her client was ready to appear behind closed doors, but would not "
                          "be part of a spectacle.")
    assert [c.content for c in claims] == ["her client was ready to appear behind closed doors, but would not be "
                                           "part of a spectacle"]


def test_the_claims_table_lists_coordinated_speakers():
    from analysis.tables import claims_table

    _, claims = claims_of("Both Sweden and Norway denied the reports. Anna Berg said the port was safe.")
    table = claims_table(claims)
    assert table["speakers"].tolist() == [["Sweden", "Norway"], []]


@pytest.mark.parametrize("body", [
    # a sentence that goes on with "he" carries the search a paragraph further back
    "Erik Lund said the port would reopen.\n\nHe visited the harbour on Monday.\n\n"
    "“We will not wait any longer,” he said.",
    # a claim with no speaker (a seeming) is looked past, not a speaker who does not fit
    "Erik Lund said the port would reopen. The plan seems to have worked. He said talks would go on.",
])
def test_pronoun_reaches_past_its_own_chain_and_speakerless_claims(body):
    _, claims = claims_of(body)
    assert claims[-1].speaker.lower() == "he"
    assert claims[-1].speaker_id == "lund" and claims[-1].speaker_rule.startswith("pronoun →")


def test_they_goes_on_with_an_unnamed_plural_source():
    _, claims = claims_of("Port officials said the quay was closed. They added that repairs would take a month.")
    they = claims[-1]
    assert they.speaker == "They" and they.speaker_id is None
    assert they.speaker_name == "Port officials" and they.speaker_rule == "pronoun → the speaker of sentence 0"


def test_role_holder_named_as_an_earlier_speaker_inside_its_own_content():
    from types import SimpleNamespace

    from analysis.claims.speakers import _Actors

    article = load_article("Test Article\n\nThe port will reopen, President Erik Lund said at the forum.")
    start = article.text.index("Erik Lund")
    mentions = [Mention("lund", "Erik Lund", start, start + len("Erik Lund"))]
    actors = [{"id": "lund", "name": "Erik Lund", "type": "person", "roles": ["President"]}]
    index = _Actors(article, mentions, actors)
    # the earlier claim's content (wrongly) runs over its own speaker: he is still the president named
    earlier = [SimpleNamespace(content_start=0, content_end=len(article.text), verb_lemma="say",
                               speaker_start=start, speaker_end=start + len("Erik Lund"), speaker_id="lund")]
    holder, later, holders = index.with_role({"president"}, len(article.text), earlier=earlier)
    assert holder is not None and holder.actor_id == "lund" and not later and holders == 1
    told = [SimpleNamespace(content_start=0, content_end=len(article.text), verb_lemma="say", speaker_start=0,
                            speaker_end=0, speaker_id=None)]
    assert index.with_role({"president"}, len(article.text), earlier=told) == (None, False, 1)


def _role_claims(body: str, roles: dict):
    """Claims of ``body`` with the test actors given roles (actor id → roles; Erik Lund is Sweden's)."""
    actors = [{**actor, "roles": roles.get(actor["id"], [])} for actor in ACTORS]
    article = load_article("Test Article\n\n" + body)
    return extract_claims(article, mentions=mentions_in(article.text), actors=actors)


@pytest.mark.parametrize(("roles", "speaker_id"), [
    ({"berg": ["President"]}, "berg"),  # the one president with no affiliation: the Norwegian leader
    ({"berg": ["President"], "moss": ["President"]}, None),  # two of them: either could be meant
])
def test_qualified_role_takes_the_one_unaffiliated_holder(roles, speaker_id):
    body = ("President Anna Berg and President Clara Moss opened the talks. "
            "“We will not give in,” the Norwegian leader said.")
    claims = _role_claims(body, roles)
    assert claims[-1].speaker == "the Norwegian leader" and claims[-1].speaker_id == speaker_id


def test_qualified_role_prefers_the_holder_of_that_affiliation():
    body = "President Anna Berg met President Erik Lund. “We will not give in,” the Swedish president said."
    claims = _role_claims(body, {"berg": ["President"], "lund": ["President"]})
    assert claims[-1].speaker_id == "lund"


def test_role_phrase_is_matched_by_its_whole_title_first():
    body = ("“The corridor is open,” the deputy prime minister said. "
            "Deputy Prime Minister Anna Berg and Foreign Minister Clara Moss met in Oslo.")
    claims = _role_claims(body, {"berg": ["Deputy Prime Minister"], "moss": ["Foreign Minister"]})
    assert claims[0].speaker_id == "berg" and claims[0].speaker_rule.endswith("named later")


@pytest.mark.parametrize(("body", "affiliation_id"), [
    ("Chair of the Dockers' Union Anna Berg said the strike would end.", "union"),
    ("Adviser of the President of Norway Anna Berg stated that the strike would end.", "norway"),  # a state's role
])
def test_person_named_after_the_organisation_of_a_role(body, affiliation_id):
    article, claims = claims_of(body)
    (claim,) = claims
    assert claim.speaker == "Anna Berg" and claim.speaker_id == "berg" and claim.affiliation_id == affiliation_id
    assert_spans(article, claim)


def test_role_written_as_a_title_abbreviation():
    body = "Sen. Anna Berg met Erik Lund. “We will not give in,” the senator said."
    claims = _role_claims(body, {"berg": ["Sen."]})
    assert claims[-1].speaker == "the senator" and claims[-1].speaker_id == "berg"


@pytest.mark.parametrize(("body", "speaker_id"), [
    ("Anna Berg waited for Erik Lund in Oslo. She said the meeting went well.", "berg"),  # Lund only oblique
    ("Anna Berg met Erik Lund in Oslo. She said the meeting went well.", None),  # Lund an object: either
    ("Anna Berg waited for Erik Lund in Oslo because he said the meeting would go well.", None),  # not a main clause
])
def test_pronoun_takes_the_subject_when_the_other_persons_are_oblique(body, speaker_id):
    _, claims = claims_of(body)
    assert claims[-1].speaker.lower() in ("she", "he") and claims[-1].speaker_id == speaker_id


def test_role_owned_by_an_actor_takes_that_actors_holder():
    body = "President Anna Berg met President Erik Lund. “We will not give in,” Sweden's president said."
    claims = _role_claims(body, {"berg": ["President"], "lund": ["President"]})
    assert claims[-1].speaker == "Sweden's president" and claims[-1].speaker_id == "lund"


def test_a_name_before_an_apposition_is_the_speaker_the_parse_lost():
    _, claims = claims_of("In a conference call with reporters on Monday, Col. Jane Roe, a military spokesman in "
                          "Paris, said the raid was over.")
    assert [(c.speaker, c.content) for c in claims] == [("Col. Jane Roe", "the raid was over")]


@pytest.mark.parametrize("body, verb", [
    ("Mr. Roe faces questions about his business dealings, which he has denied and which his partner has confirmed.",
     "denied"),
    ("The council passed the tax plan (which his colleague Jane Lee defended).", "defended"),
])
def test_a_relative_clause_ending_at_its_verb_says_its_pronoun(body, verb):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.verb == verb)
    assert claim.content == "which" and article.text[claim.content_start:claim.content_end] == "which"


def test_a_negated_reporting_passive_is_a_claim_without_speaker():
    _, claims = claims_of("Mrs. Roe is not expected to run for the seat again.")
    assert [(c.speaker, c.verb, c.speaker_rule) for c in claims] == [(None, "expected", "unattributed passive")]


@pytest.mark.parametrize(("body", "speaker_id", "content"), [
    ("Anna Berg spoke in Oslo.\n\n– We will not give up this port – she said.", "berg",
     "We will not give up this port"),
    ("The port will stay open for every ship - said Anna Berg.", "berg", "The port will stay open for every ship"),
    ("The talks went on.\n\n- Nobody wants a strike. The port must stay open - said Erik Lund.", "lund",
     "Nobody wants a strike. The port must stay open"),  # from the dash that opens the paragraph
    ("The talks ended.The port must stay open for ships - added Erik Lund.", "lund",
     "The port must stay open for ships"),  # a sentence end the scrape glued bounds it
    ("Erik Lund met the press.\n\nThe strike will end, and the port will open again - added Lund.",
     "lund", "The strike will end, and the port will open again"),  # the whole sentence, not its last clause
])
def test_dash_quotation_is_the_content_of_its_frame(body, speaker_id, content):
    article, claims = claims_of(body)
    claim = next(c for c in claims if c.content == content)
    assert claim.speaker_id == speaker_id and claim.quotation and claim.verb
    assert claim.content_end <= claim.verb_start
    assert_spans(article, claim)


def test_dash_quotations_take_their_frame_verbs_from_the_lexicon_given(tmp_path):
    # the lexicon given to extract_claims, not the packaged one, says which verbs frame a dash quotation
    from analysis.claims import LEXICON_PATH, load_lexicon

    article = load_article("Test Article\n\nThe talks ended.\n\n"
                           "The port must stay open for all ships - added Erik Lund.")
    mentions = mentions_in(article.text)
    assert any(c.quotation and c.speaker_id == "lund" for c in extract_claims(article, mentions=mentions,
                                                                                actors=ACTORS))
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    for key in ("speech_verbs", "frame_verbs"):
        data[key] = [verb for verb in data[key] if verb != "add"]
    edited = tmp_path / "claim_lexicon.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    claims = extract_claims(article, mentions=mentions, actors=ACTORS, lexicon=load_lexicon(edited))
    assert not any(c.quotation for c in claims)


@pytest.mark.parametrize("body", [
    "Anna Berg - the head of the union - said that the strike would end soon.",  # an aside between dashes
    "The strike ended because - as it seems - the union had no money left.",  # no speech verb after the dash
    "The ships carried the goods — documents the union received after the strike.",  # a noun after the dash
])
def test_dash_around_an_aside_makes_no_quotation(body):
    article = load_article("Test Article\n\n" + body)
    assert quotation_spans(article) == []


def test_frame_name_keeps_us_as_a_country():
    _, claims = claims_of("“The port will stay open for every ship,” said the US envoy.")
    assert claims[-1].speaker == "the US envoy"



def test_quotation_before_other_words_does_not_join_the_content():
    article, claims = claims_of("In a speech on the “plan for the northern ports,” delivered in Oslo, Anna Berg argued "
                                "that “the ports must stay open for every ship in the winter”.")
    claim = next(c for c in claims if c.speaker == "Anna Berg")
    assert claim.content == "the ports must stay open for every ship in the winter"
    assert claim.content_start > claim.speaker_end
    assert_spans(article, claim)


def test_quotation_interrupted_by_a_titled_name_keeps_both_parts():
    _, claims = claims_of('"The port is open for every ship," Mr. Lund said, "and it will stay open in the winter."')
    (claim,) = claims
    assert claim.speaker_id == "lund"
    assert [p.text for p in claim.content_parts] == ["The port is open for every ship",
                                                     "and it will stay open in the winter"]


def test_relative_pronoun_before_the_speaker_is_no_content_part():
    article, claims = claims_of("Anna Berg warned of a strike, which she said would be a disaster for the port.")
    claim = next(c for c in claims if c.verb == "said")
    assert [p.text for p in claim.content_parts] == ["would be a disaster for the port"]
    assert_spans(article, claim)


@pytest.mark.parametrize(("phrase", "speaker_id"), [
    ("the founder of the company", "lund"),  # an agent noun no actor holds as a role: the person speaking before
    ("the chairman", "lund"),
    ("the government", None),  # a body, not a person's role
    ("the president", None),  # a leader's role with nothing qualifying it: maybe someone else
])
def test_a_role_noun_no_actor_holds_is_the_person_speaking_before(phrase, speaker_id):
    _, claims = claims_of(f"Erik Lund said the port would stay open.\n\n“Ships will come,” {phrase} wrote.")
    assert claims[-1].speaker_id == speaker_id
    assert (claims[-1].speaker_rule == "role noun → the person speaking before") == (speaker_id is not None)


def test_a_role_noun_is_not_the_person_speaking_before_when_another_is_named_between():
    _, claims = claims_of("Erik Lund said the port would stay open. Clara Moss arrived in Oslo.\n\n"
                          "“Ships will come,” the founder of the company wrote.")
    assert claims[-1].speaker_id is None


def test_a_gendered_role_noun_skips_a_speaker_of_the_other_gender():
    _, claims = claims_of("Ms Berg said the port would stay open.\n\n“Ships will come,” the businessman said.")
    assert claims[-1].speaker_id is None


def test_the_statement_speaks_for_the_one_who_made_it():
    _, claims = claims_of("On Monday the Finance Ministry said this in a statement. “The port will stay open,” the "
                          "statement said. It added that ships would come.")
    said, added = claims[-2:]
    assert said.speaker_id == "finmin" and said.speaker_rule == "the statement → the speaker who made it before"
    assert added.speaker_id == "finmin"


def test_a_news_agency_named_in_apposition_is_the_speaker():
    surfaces = {**SURFACES, "Nordic News": "acme"}
    article = load_article("Test Article\n\nThe port will stay open, according to the state news agency Nordic News.")
    (claim,) = extract_claims(article, mentions=mentions_in(article.text, surfaces), actors=ACTORS)
    assert claim.speaker_id == "acme" and claim.speaker_rule == "organisation in apposition"


def test_a_verb_of_hearing_speaks_for_whom_it_was_heard_from():
    _, claims = claims_of("The port will stay open, the newspaper learned from Erik Lund on Monday.")
    assert [(c.speaker_id, c.content) for c in claims] == [("lund", "The port will stay open")]


def test_a_title_before_a_name_is_its_holders():
    _, claims = claims_of("The port will stay open, Minister of Trade Erik Lund told the media in Oslo on Monday, "
                          "the agency has learned.")
    told = next(c for c in claims if c.verb == "told")
    assert told.speaker_id == "lund" and told.speaker_rule == "person named after a title"


def test_a_passive_with_its_own_subject_borrows_no_speaker_from_its_conjunct():
    _, claims = claims_of("Anna Berg opened the port, but the ships are reported to be waiting at sea.")
    reported = next(c for c in claims if c.verb == "reported")
    assert reported.speaker is None and reported.speaker_rule == "unattributed passive"


def test_a_run_in_heading_makes_no_claim():
    _, claims = claims_of("Minister blasts plan: Anna Berg said the plan would close the port.\n\n"
                          "Siege of the port continues: Despite the strike, Erik Lund said “ships will come”.")
    assert sorted(c.verb for c in claims) == ["said", "said"]


def test_a_speech_or_frame_verb_before_a_colon_is_the_frame_of_what_follows():
    _, claims = claims_of("Anna Berg told reporters: the port will stay open.\n\n"
                          "Erik Lund continued: “The union agrees with her.”")
    assert [(c.speaker_id, c.verb, c.content) for c in claims] == [
        ("berg", "told", "the port will stay open"), ("lund", "continued", "The union agrees with her")]


def test_a_pronoun_after_a_frame_inside_its_own_content_continues_that_speaker():
    _, claims = claims_of("On Monday Erik Lund arrived in Oslo for talks. A reason to keep the port open, he said, "
                          "was that Clara Moss's ships were waiting. “The union agrees,” he replied.")
    assert claims[-1].speaker_id == "lund"


def test_a_pronoun_passes_over_a_paragraph_naming_nobody():
    _, claims = claims_of("Ms Berg said the port would stay open.\n\nThat is the clearest aim yet.\n\n"
                          "She said ships must come.")
    assert claims[-1].speaker_id == "berg"


def test_a_content_part_that_runs_over_its_speaker_is_cut_at_the_comma_before_it():
    from analysis.claims import _before_speaker
    article = load_article("Test Article\n\nThe talks passed the test, Chairman of the Council Erik Lund told "
                           "the media.")
    doc = article.doc
    subject = next(t for t in doc if t.text == "Lund")
    start = next(t for t in doc if t.text == "The" and t.idx > 10).idx
    ((a, b),) = _before_speaker([(start, subject.idx + len(subject))], subject)
    assert article.text[a:b] == "The talks passed the test"
    assert _before_speaker([(start, start + 9)], subject) == [(start, start + 9)]  # a part before it stays


def test_a_named_speaker_keeps_the_name_over_a_person_in_their_apposition():
    _, claims = claims_of("“The port will stay open,” Erik Lund, head of the office of the chair of the union, "
                          "Anna Berg, wrote on Monday.")
    assert claims[0].speaker_id == "lund"


def test_a_speaker_phrase_that_writes_an_actors_name_in_lower_case_is_that_actor():
    surfaces = {**SURFACES, "Nordic News Agency": "acme"}
    actors = [*ACTORS[:4], {"id": "acme", "name": "Nordic News Agency", "type": "media"}, *ACTORS[5:]]
    article = load_article("Test Article\n\nThe port will stay open, according to the nordic news agency.")
    (claim,) = extract_claims(article, mentions=mentions_in(article.text, surfaces), actors=actors)
    assert claim.speaker_id == "acme" and claim.speaker_rule == "an actor's name with no mention there"


@pytest.mark.parametrize("body, content", [
    ("Anna Berg called for the council to lower the tariff.", "the council to lower the tariff"),
    ("Anna Berg is calling for the harbour to be closed until the strike ends.",
     "the harbour to be closed until the strike ends"),
])
def test_a_call_for_someone_to_act_is_a_claim_of_what_is_called_for(body, content):
    article, claims = claims_of(body)
    (claim,) = claims
    assert (claim.speaker_id, claim.verb_lemma, claim.content) == ("berg", "call", content)
    assert_spans(article, claim)


def test_a_speaker_the_parse_hangs_on_the_noun_before_as_an_apposition_speaks():
    article, claims = claims_of("On Monday in Oslo, campaigning for his ally Clara Moss, former minister Erik Lund "
                                "said the tariff was fair.")
    (claim,) = claims
    assert (claim.speaker_id, claim.verb, claim.content) == ("lund", "said", "the tariff was fair")
    assert_spans(article, claim)


def test_a_reporting_adverb_makes_a_claim_of_nobody_named():
    article, claims = claims_of("Acme has reportedly hired a new chief executive.")
    (claim,) = claims
    assert (claim.speaker, claim.speaker_id, claim.verb, claim.pattern) == (None, None, "reportedly", "adverb")
    assert claim.content == "Acme has reportedly hired a new chief executive"
    assert claim.category == REPORTED
    assert_spans(article, claim)


@pytest.mark.parametrize("body", [
    "Anna Berg, who reportedly has been ill, stayed at home.",  # a relative clause: no clause of its own
    "Anna Berg reportedly told investors that the port would close.",  # the verb's claim already says it
])
def test_a_reporting_adverb_makes_no_claim_of_its_own_beside_a_relative_or_another_claim(body):
    _, claims = claims_of(body)
    assert all(c.pattern != "adverb" for c in claims)


def test_a_participle_after_a_dash_is_no_frame_of_a_dash_quotation():
    # "— accusing X of …" continues the sentence; "– he said" and "– said Roe" close dash quotations
    _, claims = claims_of("Lund closes the old depot by the river — a site with a long history — accusing Berg "
                          "of using such sites for rallies.")
    assert not any(c.quotation or c.content.startswith("Lund closes") for c in claims)
    _, claims = claims_of("– We will not give up on the old depot – said Anna Berg.")
    assert [(c.speaker_id, c.content) for c in claims] == [("berg", "We will not give up on the old depot")]


def test_an_unattributed_passive_saying_only_which_is_no_claim():
    _, claims = claims_of("Anna Berg told reporters that she had discussed the tariff, which was announced ahead "
                          "of the summit next week.")
    assert [(c.speaker_id, c.content) for c in claims] == [("berg", "she had discussed the tariff")]


def test_a_negated_cue_verb_marks_the_claim_negated():
    from analysis.report.briefing import claim_html
    article, claims = claims_of("Anna Berg has not directly claimed responsibility for the fire, but Erik Lund "
                                "said the depot was closed.")
    assert [(c.speaker_id, c.verb, c.negated) for c in claims] == [("berg", "claimed", True), ("lund", "said", False)]
    assert "not said" in claim_html(claims[0]) and "not said" not in claim_html(claims[1])
    assert claims[0].to_dict()["negated"] is True
    assert claims_html(article, claims).count("negated") == 1


def test_head_of_a_service_is_its_chief_named_later():
    body = ("The talks will fail, the head of Norway's intelligence service says. "
            "Intelligence chief Anna Berg said the talks had stalled.")
    claims = _role_claims(body, {"berg": ["Intelligence chief"]})
    assert claims[0].speaker == "the head of Norway's intelligence service"
    assert claims[0].speaker_id == "berg" and claims[0].speaker_rule.endswith("named later")


def test_lede_role_skips_a_holder_named_only_in_reported_speech():
    body = ("“We will not give in,” the president said. "
            "Anna Berg said that President Clara Moss was wrong about the corridor.")
    claims = _role_claims(body, {"berg": ["President"], "moss": ["President"]})
    assert claims[0].speaker_id == "berg"


def test_role_shared_by_two_later_actors_is_left_as_written():
    body = "“We will not give in,” the president said. President Anna Berg and President Clara Moss met in Oslo."
    claims = _role_claims(body, {"berg": ["President"], "moss": ["President"]})
    assert claims[0].speaker_id is None and claims[0].speaker_rule.endswith("held by more than one actor")


def test_role_resolves_to_an_earlier_speaker_named_without_a_mention():
    body = "“We will not give in,” Anna Berg said. “We will stay,” the president said."
    article = load_article("Test Article\n\n" + body)
    actors = [{**actor, "roles": ["President"] if actor["id"] == "berg" else []} for actor in ACTORS]
    claims = extract_claims(article, mentions=[], actors=actors)  # the tagger missed her name
    assert [c.speaker_id for c in claims] == ["berg", "berg"]


@pytest.mark.parametrize("body, content", [
    ("Erik Lund has not said when the harbour would reopen.", "when the harbour would reopen"),
    ("Anna Berg would not say why she left the port authority.", "why she left the port authority"),
])
def test_the_question_a_negated_speech_verb_leaves_open_is_its_content(body, content):
    # the parse hangs "when/why …" on the verb as a circumstance; it is what the speaker did not say
    article, claims = claims_of(body)
    (claim,) = [c for c in claims if c.verb_lemma == "say"]
    assert claim.content == content
    assert claim.negated
    assert_spans(article, claim)


def test_a_time_clause_after_a_negated_speech_verb_is_not_what_was_said():
    _, claims = claims_of("Anna Berg did not comment when reporters asked her.")
    assert not [c for c in claims if c.verb_lemma == "comment"]
