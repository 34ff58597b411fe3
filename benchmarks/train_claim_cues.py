"""Train the claims stage's verb-cue classifier on PolNeAR's train split.

Usage (from the project root; about ten minutes, most of it parsing)::

    python benchmarks/train_claim_cues.py                 # writes analysis/data/claim_cue_model.json
    python benchmarks/train_claim_cues.py --limit 100     # the first 100 articles only

Every verb :func:`analysis.claims.cue_candidates` offers is one example, described by
:func:`analysis.claims.cue_model.verb_features`; it is positive when it lies in the cue of one of the
first annotator's attributions with a content (see ``../shared/data/polnear/README.md``). A
logistic regression (scikit-learn, L-BFGS, fixed regularisation: deterministic) learns the
weights; those that matter are written as JSON with the decision threshold (``--threshold``, chosen
on the dev split with ``benchmarks/bench_claims.py``). The stage only sums the weights at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.article import load_article  # noqa: E402
from analysis.claims import cue_candidates, load_lexicon, quotation_spans  # noqa: E402
from analysis.claims.cue_model import MODEL_PATH, verb_features  # noqa: E402
from analysis.claims.speakers import _Actors  # noqa: E402
from analysis.pipeline import ArticleAnalysis  # noqa: E402

DATA_CANDIDATES = [folder / "shared" / "data" / "polnear" for folder in PROJECT_ROOT.parents[:2]]
DEFAULT_DATA = next((path for path in DATA_CANDIDATES if path.is_dir()), DATA_CANDIDATES[0])
MIN_WEIGHT = 0.01  # smaller weights change hardly any decision and only make the file bigger


def article_examples(record: dict, article, actors, lexicon) -> tuple[list[list[str]], list[int]]:
    """The features and labels (1: part of a gold cue) of an article's candidate verbs."""
    cue_offsets = set()
    for attribution in record["attributions"]:
        if attribution["cue"] and attribution["content"]:
            for segment in attribution["cue"]["segments"]:
                cue_offsets.update(range(segment["start"], segment["end"]))
    quotes = quotation_spans(article)
    index = _Actors(article, actors.mentions, actors.actors, quotes)
    features, labels = [], []
    for sentence in article.sentences:
        span = article.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for verb in cue_candidates(span, quotes):
            features.append(verb_features(verb, lexicon, index.type_at))
            labels.append(int(verb.idx in cue_offsets))
    return features, labels


def fit(features: list[list[str]], labels: list[int], regularisation: float) -> tuple[dict, float]:
    """Feature weights and bias of an L2 logistic regression over binary features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(row, 1) for row in features])
    model = LogisticRegression(C=regularisation, solver="lbfgs", max_iter=2000)
    model.fit(matrix, labels)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the polnear folder")
    parser.add_argument("--limit", type=int, default=0, help="number of train articles (0 = all)")
    parser.add_argument("--regularisation", type=float, default=0.1, help="inverse L2 strength C (default 0.1)")
    parser.add_argument("--threshold", type=float, default=0.5, help="decision threshold written to the model")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)

    with open(args.data / "train.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    records = records[:args.limit] if args.limit else records
    lexicon = load_lexicon()
    features, labels = [], []
    for record in records:
        analysis = ArticleAnalysis(load_article(record["text"], format="text"), published=record["date"])
        rows, marks = article_examples(record, analysis.article, analysis.actors, lexicon)
        features += rows
        labels += marks
    weights, bias = fit(features, labels, args.regularisation)
    model = {"about": "Verb-cue classifier of the claims stage (analysis/claims/cue_model.py), trained by "
                      f"benchmarks/train_claim_cues.py on {len(records)} PolNeAR train articles "
                      f"({len(labels)} verbs, {sum(labels)} cues), C={args.regularisation}; threshold chosen on dev.",
             "threshold": args.threshold, "bias": bias, "weights": weights}
    args.output.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(labels)} verbs, {sum(labels)} cues, {len(weights)} weights → {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
