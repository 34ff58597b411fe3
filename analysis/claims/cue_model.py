"""The verb-cue classifier: is this verb, in this sentence, someone's claim ("X said", "a poll showed")?

A logistic regression over features of the parse (the verb's lemma, its dependency label, its
children, its subject) decides which verbs introduce a claim, in place of a fixed verb list: a
verb list both misses the long tail of reporting verbs PolNeAR annotates ("likened", "is expected
to") and takes every "support" or "want" as a claim. The weights are trained on PolNeAR's train
split by ``benchmarks/train_claim_cues.py`` (reproducible, never at run time) and ship as
``analysis/data/claim_cue_model.json``: feature → weight, a bias and the decision threshold tuned
on the dev split. Scoring is a sum of weights, so the stage needs no model library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import load_reference, packaged_path, read_json, table_error
from .lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_PATH = packaged_path("claim_cue_model.json")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_DEMAND_MODALS = {"must", "should", "ought"}
_PRONOUNS = {"he", "she", "it", "they", "i", "we", "you", "who", "that", "which"}


@dataclass(frozen=True)
class CueModel:
    """Weights of the verb-cue classifier (see the module docstring)."""

    weights: dict
    bias: float
    threshold: float

    @classmethod
    def from_file(cls, path: str | Path = MODEL_PATH) -> CueModel:
        data = read_json(Path(path))
        try:
            return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                       float(data["threshold"]))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise table_error(Path(path), 1, f"expected weights, bias and threshold ({error})") from None

    def probability(self, features: list[str]) -> float:
        """The probability that a verb with these features introduces a claim."""
        score = self.bias + sum(map(self.weights.get, features, repeat(0.0)))  # in order, as a generator would
        return 1.0 / (1.0 + math.exp(-score))

    def is_cue(self, verb: Token, lexicon: Lexicon, mention_type=None) -> bool:
        """Whether ``verb`` introduces a claim; ``mention_type(token)`` gives the actor type at a token.

        A verb of the lexicon with a reported clause of its own ("they believe the plan will fail") or a
        reporting passive ("the plan is believed to cost millions") always does: the corpus marks such
        beliefs unevenly, the briefing wants every one."""
        children = list(verb.children)
        lemma, deps = verb.lemma_.lower(), {c.dep_ for c in children}
        if "aux" in deps and any(c.dep_ == "aux" and c.lower_ in _DEMAND_MODALS for c in children):
            return False  # "the United States must admit that ...": a demand made of it, not its claim
        if lemma in lexicon.speech_verbs and "ccomp" in deps and any(
                c.dep_ == "ccomp" and any(g.dep_ in _SUBJECT_DEPS for g in c.children) for c in children):
            return True
        if lemma in lexicon.passive_verbs and {"nsubjpass", "xcomp"} <= deps:
            return True
        return self.probability(verb_features(verb, lexicon, mention_type)) >= self.threshold


def load_cue_model(path: str | Path = MODEL_PATH) -> CueModel:
    """The packaged verb-cue classifier (read once per file version)."""
    return load_reference(path, CueModel.from_file)


def verb_features(verb: Token, lexicon: Lexicon, mention_type=None) -> list[str]:
    """The classifier's features of one verb: what it is, how it is attached, what hangs on it and who
    its subject is. ``mention_type(token)`` returns the actor type ("person", "organisation", ...) of
    the actor mention at a token, or None; training and scoring call this one function."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    deps = {c.dep_ for c in children}
    features = [f"lemma={lemma}", f"dep={verb.dep_}", f"tag={verb.tag_}", f"lemma+dep={lemma}|{verb.dep_}"]
    features += [f"lexicon={name}" for name, words in (("speech", lexicon.speech_verbs),
                                                         ("clause_only", lexicon.clause_only_verbs),
                                                         ("passive", lexicon.passive_verbs)) if lemma in words]
    for dep in deps:
        features += [f"child={dep}", f"lemma+child={lemma}|{dep}"]
    for child in children:
        if child.dep_ == "ccomp":
            finite = any(c.dep_ in _SUBJECT_DEPS for c in child.children)
            features.append(f"ccomp_finite={finite}")
            features += [f"ccomp_mark={c.lower_}" for c in child.children if c.dep_ == "mark"]
        elif child.dep_ == "prep":
            features.append(f"lemma+prep={lemma}|{child.lower_}")

        elif child.dep_ in ("aux", "neg") and child.tag_ == "MD" or child.dep_ == "neg":
            features.append(f"modal={child.lower_}")
    if verb.dep_ != "ROOT":
        features += [f"head_lemma={verb.head.lemma_.lower()}", f"head_pos={verb.head.pos_}"]
    subject = next((c for c in children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None:
        features.append("subject=none")
    else:
        kind = (mention_type(subject) if mention_type else None) or "none"
        features += [f"subject_pos={subject.pos_}", f"subject_ent={subject.ent_type_ or 'none'}",
                     f"subject_actor={kind}", f"lemma+subject_actor={lemma}|{kind}"]
        if subject.lower_ in _PRONOUNS:
            features.append(f"subject_pronoun={subject.lower_}")
        if subject.lemma_.lower() in lexicon.unnamed_sources:
            features.append("subject_unnamed_source")
        if subject.pos_ == "NOUN":
            features.append(f"subject_lemma={subject.lemma_.lower()}")
    return features
