"""Corpus mode benchmark: throughput, cache, memory and Dask, printed as figures.

Usage (from the project root; the BBC corpus is not part of the project)::

    python benchmarks/bench_corpus.py --data ../shared/data/bbc --limit 500

1. Words per second of the full corpus pipeline (read → nlp.pipe → analyze → JSON + Parquet)
   against bare spaCy ``nlp.pipe`` with the same pipeline over the same texts, in the same run
   (target ratio ≥ 0.8). The two alternate ``--repeat`` times and the fastest run of each counts
   (the machine is shared: a slower run measures the neighbours); every run is printed.
2. A cached re-run against the first run (target ≤ 5 %).
3. Peak memory of a run over the corpus replicated 1×, 2× and 4× (as JSON-Lines with distinct
   ids, no cache), each in a fresh process (target: flat, ≤ 2 GB).
4. The Dask engine with a LocalCluster of 2 workers against the local engine (no cache); the Dask
   time includes starting the cluster, which is also timed alone.

``--limit N`` uses the first N articles (sorted paths) to keep runs short on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure this checkout, not an installed copy

from analysis.config import PROJECT_ROOT  # noqa: E402
from analysis.corpus import ARTICLE_SUFFIXES, open_engine, run_corpus  # noqa: E402
from analysis.nlp import load_model  # noqa: E402
from analysis.reading import read_source  # noqa: E402

DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data" / "bbc"


def corpus_files(data: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in data.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and "README" not in p.name)
    return files[:limit] if limit else files


def link_subset(files: list[Path], data: Path, folder: Path) -> Path:
    """A folder of symbolic links to ``files``, keeping their sub-folders (the corpus is not copied)."""
    for file in files:
        link = folder / file.relative_to(data)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(file.resolve())
    return folder


def write_replicated_jsonl(texts: list[str], copies: int, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for number, text in enumerate(texts):
                handle.write(json.dumps({"id": f"{copy}-{number}", "text": text}) + "\n")
    return path


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def bare_spacy(texts: list[str], batch_size: int) -> float:
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def memory_child(jsonl: str) -> None:
    """Run one uncached corpus pass in this process and print its peak resident memory (MB)."""
    with tempfile.TemporaryDirectory() as out:
        summary = run_corpus([jsonl], out, use_cache=False, progress=False)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": summary.articles, "errors": summary.errors, "peak_mb": peak_mb,
                      "seconds": summary.seconds}))


def peak_memory(jsonl: Path) -> dict:
    output = subprocess.run([sys.executable, __file__, "--memory-child", str(jsonl)], check=True,
                            capture_output=True, text=True, cwd=PROJECT_ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus folder (default ../shared/data/bbc)")
    parser.add_argument("--limit", type=int, help="use the first N articles only")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="throughput runs of each side, alternating")
    parser.add_argument("--skip", nargs="*", default=[], choices=("throughput", "memory", "dask"),
                        help="parts to leave out")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    files = corpus_files(args.data, args.limit)
    if not files:
        parser.error(f"no articles under {args.data}: give the BBC folder with --data")
    texts = [read_source(file).text for file in files]
    words = sum(len(text.split()) for text in texts)
    print(f"corpus: {len(files)} articles, {words:,} words from {args.data}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    load_model()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subset = link_subset(files, args.data, tmp / "corpus")

        if "throughput" not in args.skip:
            bare_runs, full_runs = [], []
            for run in range(args.repeat):  # alternating, so a busy spell slows one run of each, not one side
                bare_runs.append(bare_spacy(texts, args.batch_size))
                first, first_seconds = timed(run_corpus, [subset], tmp / f"out{run}", batch_size=args.batch_size,
                                             progress=False)
                full_runs.append(first_seconds)
            bare, full = min(bare_runs), min(full_runs)
            print(f"\n1. throughput: bare spaCy nlp.pipe {words / bare:,.0f} words/s ({bare:.1f} s); "
                  f"full corpus pipeline {words / full:,.0f} words/s ({full:.1f} s, "
                  f"{first.articles} articles, {first.errors} errors); ratio {bare / full:.2f} (target >= 0.8)")
            print(f"   runs (s): bare {', '.join(f'{t:.1f}' for t in bare_runs)}; "
                  f"full {', '.join(f'{t:.1f}' for t in full_runs)}; fastest of each compared")
            cached, cached_seconds = timed(run_corpus, [subset], tmp / f"out{args.repeat - 1}",
                                           batch_size=args.batch_size, progress=False)
            print(f"2. cached re-run: {cached_seconds:.2f} s for {cached.cached} cached articles = "
                  f"{100 * cached_seconds / first_seconds:.1f} % of the first run (target <= 5 %)")

        if "memory" not in args.skip:
            print("3. peak memory (fresh process each, no cache):")
            for copies in (1, 2, 4):
                jsonl = write_replicated_jsonl(texts, copies, tmp / f"x{copies}.jsonl")
                figures = peak_memory(jsonl)
                print(f"   {copies}x: {figures['articles']} articles, peak {figures['peak_mb']:.0f} MB, "
                      f"{figures['seconds']:.1f} s")

        if "dask" not in args.skip:
            local, local_seconds = timed(run_corpus, [subset], tmp / "local", use_cache=False, progress=False)
            dask, dask_seconds = timed(run_corpus, [subset], tmp / "dask", engine="dask", workers=2,
                                       use_cache=False, progress=False)
            print(f"4. dask, 2 local workers: {dask_seconds:.1f} s ({dask.articles / dask_seconds:.1f} articles/s, "
                  f"cluster start included) vs local engine {local_seconds:.1f} s "
                  f"({local.articles / local_seconds:.1f} articles/s): speed-up {local_seconds / dask_seconds:.2f}x")
            started = time.perf_counter()
            with open_engine("dask", workers=2):
                print(f"   of which starting the cluster and loading the model on its workers: "
                      f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
