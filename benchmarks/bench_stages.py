"""Milliseconds per article of each step of ``analyze``, timed one by one in one process, against the parse.

Corpus mode's throughput target (time ≤ 1.2 × bare ``nlp.pipe``) leaves the steps after the parse about
a fifth of the parse's time. This script shows where the rest goes: for each of ``--limit`` BBC
articles, taken evenly from every category (the first of each category by sorted path, then the
second, ...; deterministic), it reads and lays out the source, parses it, builds the
Article, then computes each :class:`~analysis.pipeline.ArticleAnalysis` stage alone in the order its
``result()`` needs them (each stage's inputs are computed, and timed, before it), then the typed
record, its JSON and the corpus encoding. A first article is analysed untimed, so imports and loaded
tables are not counted. Prints the mean wall and CPU ms per article of each step (CPU time is what a
busy neighbour on a shared machine inflates least) and the sum of the steps after the parse as a share
of the parse. ``--rounds R`` analyses the parsed articles R times and keeps each step's fastest round,
for comparing two checkouts on a busy machine (later rounds find the per-name caches warm, so they
read a little faster than fresh articles; both checkouts alike).

    python benchmarks/bench_stages.py [--data ../shared/data/bbc] [--limit 50] [--rounds 1]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout, not an installed copy

from analysis.article import build_article, source_layout  # noqa: E402
from analysis.corpus import ARTICLE_SUFFIXES, encode_result  # noqa: E402
from analysis.nlp import load_model, parse  # noqa: E402
from analysis.pipeline import ArticleAnalysis  # noqa: E402
from analysis.reading import read_source  # noqa: E402
from analysis.schema import to_json  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc"
PARSE = "parse"
# The ArticleAnalysis stages in the order result() first uses them (a stage's inputs come before it).
STAGES = ("themes", "dateline", "theme_lexicon", "actors", "dates", "events", "claims", "sentence_cues",
          "warnings")


def corpus_files(data: Path, limit: int) -> list[Path]:
    """``limit`` articles taken in turn from each folder (sorted), so every category is sampled evenly."""
    files = sorted(p for p in data.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and "README" not in p.name)
    folders = defaultdict(list)
    for path in files:
        folders[path.parent].append(path)
    return [path for row in itertools.zip_longest(*folders.values()) for path in row if path][:limit]


def _step(seconds: dict[str, list[float]], name: str, function):
    """``function()``, adding its wall and CPU seconds to ``seconds[name]``."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    totals = seconds[name]
    totals[0] += time.perf_counter() - wall
    totals[1] += time.process_time() - cpu
    return value


def parse_article(path: Path, nlp, seconds: dict[str, list[float]]):
    """Read, lay out and parse one article, timing the reading and the parse; returns (source, blocks, doc)."""
    source = _step(seconds, "read + layout", lambda: read_source(path))
    blocks = _step(seconds, "read + layout", lambda: source_layout(source))
    doc = _step(seconds, PARSE, lambda: parse(source.text, nlp, sentence_starts=[b.start for b in blocks]))
    return source, blocks, doc


def time_analysis(source, blocks, doc, seconds: dict[str, list[float]]) -> None:
    """Analyse one parsed article step by step, adding each step's wall and CPU seconds to ``seconds[step]``."""
    analysis = _step(seconds, "build article", lambda: ArticleAnalysis(build_article(source, blocks, doc)))
    for name in STAGES:
        _step(seconds, name, functools.partial(getattr, analysis, name))
    result = _step(seconds, "result record", analysis.result)
    data = _step(seconds, "to_json", lambda: to_json(result))
    _step(seconds, "encode (corpus JSON)", lambda: encode_result(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BBC folder (default ../shared/data/bbc)")
    parser.add_argument("--limit", type=int, default=50, help="N articles, evenly from each category (default 50)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="analyse the parsed articles R times, keep each step's fastest round (default 1)")
    args = parser.parse_args()
    files = corpus_files(args.data, args.limit)
    if not files:
        parser.error(f"no articles under {args.data}: give the BBC folder with --data")
    nlp = load_model()
    time_analysis(*parse_article(files[0], nlp, defaultdict(lambda: [0.0, 0.0])), defaultdict(lambda: [0.0, 0.0]))
    seconds: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # warm-up above: imports, tables, caches
    parsed = [parse_article(path, nlp, seconds) for path in files]
    rounds = []
    for _ in range(args.rounds):
        rounds.append(defaultdict(lambda: [0.0, 0.0]))
        for article in parsed:
            time_analysis(*article, rounds[-1])
    for name in rounds[0]:  # each step's fastest round, wall and CPU apart: the one a neighbour slowed least
        seconds[name] = [min(found[name][i] for found in rounds) for i in (0, 1)]
    per_article = {name: [1000 * total / len(files) for total in totals] for name, totals in seconds.items()}
    after = [sum(ms[i] for name, ms in per_article.items() if name != PARSE) for i in (0, 1)]
    parse_ms = per_article[PARSE]
    print(f"{len(files)} articles from {args.data}, one process, fastest of {args.rounds} round(s) after the parse; "
          "mean ms per article (share of the parse):")
    print(f"  {'step':22s} {'wall ms':>8s} {'CPU ms':>8s}  {'CPU share':>9s}")
    for name, (wall, cpu) in [*per_article.items(), ("all but the parse", after)]:
        share = "" if name == PARSE else f"{100 * cpu / parse_ms[1]:8.1f} %"
        print(f"  {name:22s} {wall:8.1f} {cpu:8.1f}  {share:>9s}")
    print("  corpus target: the steps after the parse about 20 % of the parse")


if __name__ == "__main__":
    main()
