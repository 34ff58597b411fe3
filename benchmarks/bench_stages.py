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
of the parse.

    python benchmarks/bench_stages.py [--data ../shared/data/bbc] [--limit 50]
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


def time_article(path: Path, nlp, seconds: dict[str, list[float]]) -> None:
    """Analyse one article step by step, adding each step's wall and CPU seconds to ``seconds[step]``."""

    def step(name: str, function):
        wall, cpu = time.perf_counter(), time.process_time()
        value = function()
        totals = seconds[name]
        totals[0] += time.perf_counter() - wall
        totals[1] += time.process_time() - cpu
        return value

    source = step("read + layout", lambda: read_source(path))
    blocks = step("read + layout", lambda: source_layout(source))
    doc = step(PARSE, lambda: parse(source.text, nlp, sentence_starts=[b.start for b in blocks]))
    analysis = step("build article", lambda: ArticleAnalysis(build_article(source, blocks, doc)))
    for name in STAGES:
        step(name, functools.partial(getattr, analysis, name))
    result = step("result record", analysis.result)
    data = step("to_json", lambda: to_json(result))
    step("encode (corpus JSON)", lambda: encode_result(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BBC folder (default ../shared/data/bbc)")
    parser.add_argument("--limit", type=int, default=50, help="N articles, evenly from each category (default 50)")
    args = parser.parse_args()
    files = corpus_files(args.data, args.limit)
    if not files:
        parser.error(f"no articles under {args.data}: give the BBC folder with --data")
    nlp = load_model()
    time_article(files[0], nlp, defaultdict(lambda: [0.0, 0.0]))  # warm-up: imports, tables, caches
    seconds: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for path in files:
        time_article(path, nlp, seconds)
    per_article = {name: [1000 * total / len(files) for total in totals] for name, totals in seconds.items()}
    after = [sum(ms[i] for name, ms in per_article.items() if name != PARSE) for i in (0, 1)]
    parse_ms = per_article[PARSE]
    print(f"{len(files)} articles from {args.data}, one process; mean ms per article (share of the parse):")
    print(f"  {'step':22s} {'wall ms':>8s} {'CPU ms':>8s}  {'CPU share':>9s}")
    for name, (wall, cpu) in [*per_article.items(), ("all but the parse", after)]:
        share = "" if name == PARSE else f"{100 * cpu / parse_ms[1]:8.1f} %"
        print(f"  {name:22s} {wall:8.1f} {cpu:8.1f}  {share:>9s}")
    print("  corpus target: the steps after the parse about 20 % of the parse")


if __name__ == "__main__":
    main()
