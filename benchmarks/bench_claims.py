"""Who said what: the claims stage scored on PolNeAR's hand-annotated attributions.

Usage (from the project root)::

    python benchmarks/bench_claims.py                  # dev split, 84 articles, about a minute
    python benchmarks/bench_claims.py --limit 20       # the first 20 articles
    python benchmarks/bench_claims.py --errors 30      # also print 30 misses and 30 spurious claims

Each article's text goes through :class:`analysis.pipeline.ArticleAnalysis`, so speakers resolve
through the actors stage exactly as in ``analyze``. Gold: the first annotator's attributions with a
content (see ``../shared/data/polnear/README.md``); spans are compared by their ``segments`` as sets
of words (``\\w+`` runs, so punctuation and quote marks do not count). A claim's content is its
``content_parts``.

- **content found**: a claim and a gold attribution match, one to one, when they share at least half
  of the words of each (``overlap``), or all of them (``exact``); pairs are taken best-overlap first.
  Claims whose content lies in the annotator's ``Discard`` spans (author bios, embedded tweets) are
  left out.
- **speaker right**: the claim's speaker span shares a word with the gold source, or the claim's
  ``speaker_id`` is the actor of an actors-stage mention inside the gold source, or the gold source
  is a relative pronoun ("an architect, who said") and the claim's speaker ends just before it; for
  a gold attribution with no source, the claim has no speaker either.
- **who said what**: content found (overlap) and speaker right.
- **kinds**: a span is *direct* when all its words lie inside quotation marks
  (:func:`analysis.claims.quotation_spans`), *indirect* when none do, *mixed* otherwise; gold and
  claims are each classed by their own words (precision per kind counts the claims of that kind).
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.article import load_article  # noqa: E402
from analysis.claims import quotation_spans  # noqa: E402
from analysis.pipeline import ArticleAnalysis  # noqa: E402

DATA_CANDIDATES = [folder / "shared" / "data" / "polnear" for folder in PROJECT_ROOT.parents[:2]]
DEFAULT_DATA = next((path for path in DATA_CANDIDATES if path.is_dir()), DATA_CANDIDATES[0])
KINDS = ("direct", "mixed", "indirect")
_WORD = re.compile(r"\w+")
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


@dataclass
class Counts:
    """Matches and totals of one slice (all attributions or one kind)."""

    gold: int = 0
    claims: int = 0
    exact_gold: int = 0
    exact_claims: int = 0
    found_gold: int = 0
    found_claims: int = 0
    speaker_right_gold: int = 0
    speaker_right_claims: int = 0


@dataclass
class Item:
    """A gold attribution or a claim: its words (start offsets), kind and speaker."""

    words: frozenset
    kind: str
    source_words: frozenset = frozenset()
    source_actors: frozenset = frozenset()
    speaker_id: object = None
    speaker_end: int | None = None
    relative_to: int | None = None  # a relative-pronoun source ("who"): where the noun it refers to ends
    label: str = ""


def words_in(text: str, segments) -> frozenset:
    """Start offsets of the words inside (start, end) segments."""
    return frozenset(m.start() for start, end in segments for m in _WORD.finditer(text, start, end))


def kind_of(words: frozenset, quotes: list[tuple[int, int]]) -> str:
    starts = [a for a, _ in quotes]

    def quoted(offset):
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < quotes[i][1]

    inside = sum(quoted(w) for w in words)
    return "direct" if inside == len(words) else "indirect" if inside == 0 else "mixed"


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def overlap(a: Item, b: Item) -> float:
    """The smaller of the two shares of shared words."""
    shared = len(a.words & b.words)
    return min(shared / len(a.words), shared / len(b.words)) if a.words and b.words else 0.0


def match(gold: list[Item], claims: list[Item]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, claim index) sharing at least half of each one's words, best first."""
    by_word = {}
    for j, claim in enumerate(claims):
        for w in claim.words:
            by_word.setdefault(w, set()).add(j)
    candidates = []
    for i, g in enumerate(gold):
        for j in {j for w in g.words for j in by_word.get(w, ())}:
            score = overlap(g, claims[j])
            if score >= 0.5:
                candidates.append((-score, i, j))
    used_gold, used_claims, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_claims:
            used_gold.add(i)
            used_claims.add(j)
            pairs.append((i, j))
    return pairs


def speaker_right(gold: Item, claim: Item) -> bool:
    if not gold.source_words:
        return not claim.source_words and claim.speaker_id is None
    return bool(gold.source_words & claim.source_words) or (
        claim.speaker_id is not None and claim.speaker_id in gold.source_actors) or (
        gold.relative_to is not None and claim.speaker_end == gold.relative_to)


def article_items(record: dict, analysis: ArticleAnalysis) -> tuple[list[Item], list[Item]]:
    text = record["text"]
    quotes = quotation_spans(analysis.article)
    mentions = analysis.actors.mentions
    gold = []
    for attribution in record["attributions"]:
        content, source = attribution["content"], attribution["source"]
        if not content:
            continue
        words = words_in(text, [(s["start"], s["end"]) for s in content["segments"]])
        if not words:
            continue
        source_segments = [(s["start"], s["end"]) for s in source["segments"]] if source else []
        actors = frozenset(m.actor_id for m in mentions
                           if any(a <= m.start and m.end <= b for a, b in source_segments))
        relative_to = None
        if source and source["text"].lower() in _RELATIVE_PRONOUNS:
            relative_to = len(text[:source["start"]].rstrip(" ,"))
        gold.append(Item(words, kind_of(words, quotes), words_in(text, source_segments), actors,
                         relative_to=relative_to,
                         label=f"{source and source['text']!r} | {attribution['cue'] and attribution['cue']['text']!r}"
                               f" | {content['text'][:160]!r}"))
    discarded = words_in(text, [(s["start"], s["end"]) for d in record["discard"] for s in d["segments"]])
    claims = []
    for claim in analysis.claims:
        parts = [(p.start, p.end) for p in claim.content_parts] or [(claim.content_start, claim.content_end)]
        words = words_in(text, parts)
        if not words or words <= discarded:
            continue
        speaker = [(claim.speaker_start, claim.speaker_end)] if claim.speaker_start is not None else []
        claims.append(Item(words, kind_of(words, quotes), words_in(text, speaker), speaker_id=claim.speaker_id,
                           speaker_end=claim.speaker_end,
                           label=f"{claim.speaker!r} ({claim.speaker_name!r}, {claim.speaker_rule}) | "
                                 f"{claim.verb!r} | {claim.content[:160]!r}"))
    return gold, claims


def score(records: list[dict], errors: int) -> dict[str, Counts]:
    totals = {name: Counts() for name in ("all", *KINDS)}
    misses, spurious, wrong_speaker = [], [], []
    for record in records:
        analysis = ArticleAnalysis(load_article(record["text"], format="text"), published=record["date"])
        gold, claims = article_items(record, analysis)
        pairs = match(gold, claims)
        matched_gold, matched_claims = {i for i, _ in pairs}, {j for _, j in pairs}
        for item in gold:
            for name in ("all", item.kind):
                totals[name].gold += 1
        for item in claims:
            for name in ("all", item.kind):
                totals[name].claims += 1
        for i, j in pairs:
            right = speaker_right(gold[i], claims[j])
            for name, side in (("all", None), (gold[i].kind, "gold"), (claims[j].kind, "claims")):
                counts = totals[name]
                exact = gold[i].words == claims[j].words
                if side in (None, "gold"):
                    counts.found_gold += 1
                    counts.exact_gold += exact
                    counts.speaker_right_gold += right
                if side in (None, "claims"):
                    counts.found_claims += 1
                    counts.exact_claims += exact
                    counts.speaker_right_claims += right
            if not right:
                wrong_speaker.append(f"{record['id']} [{gold[i].kind}/{claims[j].kind}]: gold {gold[i].label}\n"
                                     f"    claim {claims[j].label}")
        misses += [f"{record['id']} [{g.kind}]: {g.label}" for i, g in enumerate(gold) if i not in matched_gold]
        spurious += [f"{record['id']} [{c.kind}]: {c.label}" for j, c in enumerate(claims) if j not in matched_claims]
    if errors:
        for title, lines in (("missed", misses), ("spurious", spurious), ("wrong speaker", wrong_speaker)):
            print(f"--- {title} ({len(lines)}), first {errors}:")
            print("\n".join(lines[:errors]))
    return totals


def report(name: str, counts: Counts) -> None:
    def prf(claims_hit, gold_hit):
        p = claims_hit / counts.claims if counts.claims else 0.0
        r = gold_hit / counts.gold if counts.gold else 0.0
        return f"{p:.3f} / {r:.3f} / {f1(p, r):.3f}"

    speaker = counts.speaker_right_gold / counts.found_gold if counts.found_gold else 0.0
    print(f"{name:<9} {counts.gold:>5} {counts.claims:>6}  {prf(counts.exact_claims, counts.exact_gold):>21}  "
          f"{prf(counts.found_claims, counts.found_gold):>21}  {speaker:>7.3f}  "
          f"{prf(counts.speaker_right_claims, counts.speaker_right_gold):>21}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the polnear folder")
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="which split (default dev)")
    parser.add_argument("--limit", type=int, default=0, help="number of articles (0 = all)")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses and spurious claims")
    args = parser.parse_args(argv)

    with open(args.data / f"{args.split}.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    records = records[:args.limit] if args.limit else records
    totals = score(records, args.errors)
    print(f"PolNeAR {args.split}: {len(records)} articles")
    print(f"{'slice':<9} {'gold':>5} {'claims':>6}  {'exact content P/R/F1':>21}  {'content found P/R/F1':>21}  "
          f"{'speaker':>7}  {'who said what P/R/F1':>21}")
    for name, counts in totals.items():
        report(name, counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
