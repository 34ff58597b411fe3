"""Dates, events and claims on a corpus: how much they find and what they cost next to the parse.

Usage (from the project root)::

    python benchmarks/bench_timeline.py                  # 100 BBC politics articles, about a minute
    python benchmarks/bench_timeline.py --limit 0        # every article in the folder
    python benchmarks/bench_timeline.py --corpus PATH    # another folder of .txt articles

Articles are parsed once with ``nlp.pipe``; each parsed article's :class:`~analysis.pipeline.ArticleAnalysis`
then computes its actors (which the claims' speakers need) and the timeline stage (dates and time
expressions, events, claims, sentence cues). It prints the parse time, the actors' and the stage's
time, the date and time expressions found and the share resolved, and the claims found with their
speaker kinds and categories. The machine is shared: quote the figures of one run, not the best of many.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

DEFAULT_CORPUS = Path("/work/shared/data/bbc/politics")


def main() -> None:
    from analysis.article import build_article, source_layout
    from analysis.errors import ArticleError
    from analysis.nlp import load_model, make_doc
    from analysis.pipeline import ArticleAnalysis
    from analysis.reading import read_source

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=100, help="articles to use (0: all)")
    args = parser.parse_args()

    paths = sorted(args.corpus.glob("*.txt"))
    paths = paths[:args.limit] if args.limit else paths
    nlp = load_model()
    sources = [read_source(path) for path in paths]
    layouts = [source_layout(source) for source in sources]

    started = time.perf_counter()
    docs = list(nlp.pipe(make_doc(s.text, nlp, [b.start for b in blocks]) for s, blocks in zip(sources, layouts)))
    parse_seconds = time.perf_counter() - started
    articles, unreadable = [], []
    for source, blocks, doc in zip(sources, layouts, docs):
        try:
            articles.append(build_article(source, blocks, doc))
        except ArticleError as error:  # a file with no body text is reported, as corpus mode does
            unreadable.append(str(error))

    analyses = [ArticleAnalysis(article) for article in articles]
    started = time.perf_counter()
    actors = [analysis.actors for analysis in analyses]  # each stage is computed on first use
    actors_seconds = time.perf_counter() - started
    started = time.perf_counter()
    stages = [(a.timexes, a.events, a.claims, a.sentence_cues) for a in analyses]
    stage_seconds = time.perf_counter() - started
    assert len(actors) == len(stages) == len(articles)

    dates = [d for a in analyses for d in a.dates]
    timexes = Counter(t.type for a in analyses for t in a.timexes)
    claims = [c for a in analyses for c in a.claims]
    speakers = Counter(_speaker_kind(c) for c in claims)
    categories = Counter(c.category for c in claims)
    print(f"{len(articles)} articles from {args.corpus}" + (f"; {len(unreadable)} set aside" if unreadable else ""))
    for line in unreadable:
        print(f"  set aside: {line}")
    print(f"parse (nlp.pipe): {parse_seconds:.1f} s; actors: {actors_seconds:.1f} s; timeline stage: "
          f"{stage_seconds:.1f} s ({stage_seconds / parse_seconds:.2f} of the parse time)")
    print(f"dates: {len(dates)} expressions, {sum(d.resolved for d in dates)} resolved "
          f"({_share(sum(d.resolved for d in dates), len(dates))}); precisions "
          f"{dict(Counter(d.precision for d in dates if d.resolved))}; time expressions by type {dict(timexes)}")
    print(f"events: {sum(len(a.events) for a in analyses)} dated sentences")
    print(f"claims: {len(claims)} ({len(claims) / len(articles):.1f} per article); speakers {dict(speakers)}; "
          f"categories {dict(categories)}; quotations {sum(c.quotation for c in claims)}")


def _speaker_kind(claim) -> str:
    if claim.speaker is None:
        return "none"
    if claim.speaker_rule.startswith("pronoun"):
        return "pronoun"
    return "unnamed" if claim.unnamed else "named"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


if __name__ == "__main__":
    main()
