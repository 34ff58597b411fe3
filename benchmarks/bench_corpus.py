"""Corpus mode benchmark: throughput, cache, memory and Dask, printed as figures.

Usage (from the project root; the BBC corpus is not part of the project)::

    python benchmarks/bench_corpus.py --data ../shared/data/bbc --limit 300

1. Time of the full corpus pipeline with its defaults (read → parse + analyse + encode in one worker
   process per usable core → JSON + Parquet) against bare spaCy (its model as shipped) ``nlp.pipe(texts, batch_size=32,
   n_process=<the same cores>)`` over the same texts, in the same run (target ratio ≤ 1.2). The two
   alternate ``--repeat`` times (in ABBA order); every pair is printed with its ratio (the machine is shared: the
   load average is printed before and after) and the fastest run of each side is compared.
2. A cached re-run against the first run (target ≤ 5 %).
3. Peak memory of a run over the corpus replicated 1×, 2× and 4× (as JSON-Lines with distinct
   ids, no cache), each in a fresh process: the resident memory of that process and its workers
   together, sampled every 50 ms (target: flat, ≤ 2 GB).
4. The Dask engine with a LocalCluster of 2 workers against the local engine with its defaults (no
   cache), alternating ``--repeat`` times in the same order; the Dask time includes starting the cluster, which is also
   timed alone.

``--limit N`` uses the first N articles (sorted paths) to keep runs short on a shared machine.
``--worker-profile`` adds one more uncached run that times what each worker process does: the CPU seconds of
its tasks, of which the analysis after the parse (``build_article`` to the encoded JSON), against the parse
and the calling process's CPU, to tell the stages' cost from the engine's.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure this checkout, not an installed copy

import analysis.corpus.engine as engine  # noqa: E402
from analysis.config import PROJECT_ROOT  # noqa: E402
from analysis.corpus import ARTICLE_SUFFIXES, CHUNK_SIZE, default_n_process, open_engine, run_corpus  # noqa: E402
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


def cpu_seconds() -> float:
    """User + system time of this process and of its finished child processes so far."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def cpu_timed(function, *args, **kwargs):
    """``(result, wall seconds, CPU seconds)``: CPU time is what a busy neighbour does not inflate much."""
    cpu = cpu_seconds()
    result, seconds = timed(function, *args, **kwargs)
    return result, seconds, cpu_seconds() - cpu


def alternate(first, second, repeat: int):
    """Run ``first`` and ``second`` (no-argument callables) in turn ``repeat`` times, ``second`` first in
    every other round (ABBA), so that a busy spell or a drifting load of the shared machine slows both
    sides alike: each side's last result and its runs' ``(seconds, CPU seconds)``, round by round."""
    results, runs = [None, None], ([], [])
    for round_ in range(repeat):
        for side in (0, 1) if round_ % 2 == 0 else (1, 0):
            results[side], seconds, cpu = cpu_timed((first, second)[side])
            runs[side].append((seconds, cpu))
    return results, runs


def fastest(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The shortest time and the least CPU time of one side's runs."""
    return min(t for t, _ in runs), min(c for _, c in runs)


def print_runs(heading: str, runs: tuple[list, list], ratio) -> None:
    """Every pair of alternating runs: seconds and CPU seconds of each side and ``ratio(first, second)``."""
    pairs = "; ".join(f"{a:.1f} / {b:.1f} = {ratio(a, b):.2f} (CPU {ac:.0f} / {bc:.0f} s = {ratio(ac, bc):.2f})"
                      for (a, ac), (b, bc) in zip(*runs))
    print(f"   runs, {heading} (CPU time of all processes): {pairs}; fastest of each compared")


@functools.cache
def shipped_model():
    """The pipeline's spaCy model as spaCy ships it, without :func:`~analysis.nlp.load_model`'s look-up tables (the
    lemmatizer's base forms as sets, the attribute rules by value): the floor is bare spaCy."""
    import spacy

    return spacy.load(load_model().path)


def bare_spacy(texts: list[str], batch_size: int, n_process: int) -> None:
    for _ in shipped_model().pipe(texts, batch_size=batch_size, n_process=n_process):
        pass


# What a worker process has done so far (each forked worker counts its own), and where it writes it.
_WORKER_TOTALS = {"tasks": 0, "task_cpu": 0.0, "after_parse_cpu": 0.0}
_ENGINE_FUNCTIONS = {"analyze_chunk": engine.analyze_chunk, "_analyze_parsed": engine._analyze_parsed}
_PROFILE_FOLDER: list[Path] = []


def _timed_chunk(*args, **kwargs):
    """The engine's per-chunk task, adding its CPU seconds to this process's totals (written after each task)."""
    started = time.process_time()
    outcomes = _ENGINE_FUNCTIONS["analyze_chunk"](*args, **kwargs)
    _WORKER_TOTALS["tasks"] += 1
    _WORKER_TOTALS["task_cpu"] += time.process_time() - started
    (_PROFILE_FOLDER[0] / str(os.getpid())).write_text(json.dumps(_WORKER_TOTALS))
    return outcomes


def _timed_parsed(*args):
    """The engine's analysis of one parsed article, adding its CPU seconds to this process's totals."""
    started = time.process_time()
    outcome = _ENGINE_FUNCTIONS["_analyze_parsed"](*args)
    _WORKER_TOTALS["after_parse_cpu"] += time.process_time() - started
    return outcome


@contextlib.contextmanager
def profiled_workers(folder: Path):
    """The engine's per-chunk and per-article functions timed in every worker (module-level functions, so the
    pool pickles them by name; forked workers inherit them), each worker's totals read from ``folder``."""
    _PROFILE_FOLDER[:] = [folder]
    engine.analyze_chunk, engine._analyze_parsed = _timed_chunk, _timed_parsed
    try:
        yield lambda: [json.loads(path.read_text()) for path in sorted(folder.iterdir())]
    finally:
        engine.analyze_chunk, engine._analyze_parsed = _ENGINE_FUNCTIONS.values()


def worker_profile(subset: Path, out: Path, corpus: dict) -> None:
    """One uncached run with :func:`profiled_workers`: each worker's task CPU, of which after the parse."""
    folder = out.with_name(out.name + "-workers")
    folder.mkdir()
    calling = resource.getrusage(resource.RUSAGE_SELF)
    with profiled_workers(folder) as workers:
        summary, seconds = timed(run_corpus, [subset], out, use_cache=False, **corpus)
        totals = workers()
    after = resource.getrusage(resource.RUSAGE_SELF)
    calling_cpu = after.ru_utime + after.ru_stime - calling.ru_utime - calling.ru_stime
    print(f"5. inside the workers, {summary.articles} articles, {seconds:.1f} s, no cache (CPU seconds):")
    for number, worker in enumerate(totals, 1):
        parse = worker["task_cpu"] - worker["after_parse_cpu"]
        print(f"   worker {number}: {worker['tasks']} tasks, {worker['task_cpu']:.1f} s; parse {parse:.1f} s, after "
              f"the parse {worker['after_parse_cpu']:.1f} s = {100 * worker['after_parse_cpu'] / parse:.0f} % of it")
    print(f"   the calling process (reading, cache, JSON files, tables): {calling_cpu:.1f} s")


def load() -> str:
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


class TreeMemory:
    """The peak resident memory of this process and all its descendants together, sampled in a thread."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self.done = interval, 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self.done.wait(self.interval):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += process.memory_info().rss
            self.peak = max(self.peak, total)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


def memory_child(jsonl: str, chunk_size: int) -> None:
    """Run one uncached corpus pass in this process and print its peak resident memory (MB)."""
    with tempfile.TemporaryDirectory() as out, TreeMemory() as memory:
        summary = run_corpus([jsonl], out, use_cache=False, progress=False, chunk_size=chunk_size)
    print(json.dumps({"articles": summary.articles, "errors": summary.errors, "peak_mb": memory.peak / 2**20,
                      "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "seconds": summary.seconds}))


def peak_memory(jsonl: Path, chunk_size: int) -> dict:
    output = subprocess.run([sys.executable, __file__, "--memory-child", str(jsonl), "--chunk-size", str(chunk_size)],
                            check=True,
                            capture_output=True, text=True, cwd=PROJECT_ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus folder (default ../shared/data/bbc)")
    parser.add_argument("--limit", type=int, help="use the first N articles only")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="articles per worker task")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side, alternating")
    parser.add_argument("--skip", nargs="*", default=[], choices=("throughput", "memory", "dask"),
                        help="parts to leave out")
    parser.add_argument("--worker-profile", action="store_true",
                        help="also time the analysis after the parse inside each worker")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.chunk_size)
        return

    files = corpus_files(args.data, args.limit)
    if not files:
        parser.error(f"no articles under {args.data}: give the BBC folder with --data")
    texts = [read_source(file).text for file in files]
    words = sum(len(text.split()) for text in texts)
    cores = default_n_process()
    print(f"corpus: {len(files)} articles, {words:,} words from {args.data}; {cores} usable cores (the default "
          f"--n-process), chunks of {args.chunk_size}; load average {load()}")
    shipped_model()
    corpus = {"progress": False, "batch_size": args.batch_size, "chunk_size": args.chunk_size}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subset = link_subset(files, args.data, tmp / "corpus")

        if "throughput" not in args.skip:
            outs = [tmp / f"out{run}" for run in range(args.repeat)]
            fresh = iter(outs)
            (_, first), (bare_runs, full_runs) = alternate(lambda: bare_spacy(texts, args.batch_size, cores),
                                                           lambda: run_corpus([subset], next(fresh), **corpus),
                                                           args.repeat)
            (bare, bare_cpu), (full, full_cpu) = fastest(bare_runs), fastest(full_runs)
            print(f"\n1. throughput: bare spaCy nlp.pipe(n_process={cores}) {bare:.1f} s "
                  f"({words / bare:,.0f} words/s); "
                  f"full corpus pipeline, defaults {full:.1f} s ({words / full:,.0f} words/s, {first.articles} "
                  f"articles, {first.errors} errors): time ratio {full / bare:.2f} (target <= 1.2); "
                  f"CPU time {bare_cpu:.0f} s vs {full_cpu:.0f} s: ratio {full_cpu / bare_cpu:.2f}")
            print_runs("bare s / full s = time ratio", (bare_runs, full_runs), lambda bare, full: full / bare)
            cached, cached_seconds = timed(run_corpus, [subset], outs[-1], **corpus)
            print(f"2. cached re-run: {cached_seconds:.2f} s for {cached.cached} cached articles = "
                  f"{100 * cached_seconds / full_runs[-1][0]:.1f} % of the first run (target <= 5 %)")

        if "memory" not in args.skip:
            print("3. peak memory, this process and its workers together (fresh process each, no cache):")
            for copies in (1, 2, 4):
                jsonl = write_replicated_jsonl(texts, copies, tmp / f"x{copies}.jsonl")
                figures = peak_memory(jsonl, args.chunk_size)
                print(f"   {copies}x: {figures['articles']} articles, peak {figures['peak_mb']:.0f} MB "
                      f"(main process {figures['main_peak_mb']:.0f} MB), {figures['seconds']:.1f} s")

        if "dask" not in args.skip:
            numbers = iter(range(2 * args.repeat))
            (local, dask), (local_runs, dask_runs) = alternate(
                lambda: run_corpus([subset], tmp / f"local{next(numbers)}", use_cache=False, **corpus),
                lambda: run_corpus([subset], tmp / f"dask{next(numbers)}", engine="dask", workers=2, use_cache=False,
                                   **corpus),
                args.repeat)
            (local_seconds, local_cpu), (dask_seconds, dask_cpu) = fastest(local_runs), fastest(dask_runs)
            print(f"4. dask, 2 local workers: {dask_seconds:.1f} s ({dask.articles / dask_seconds:.1f} articles/s, "
                  f"cluster start included) vs local engine, defaults {local_seconds:.1f} s "
                  f"({local.articles / local_seconds:.1f} articles/s): speed-up {local_seconds / dask_seconds:.2f}x; "
                  f"CPU time of all processes {local_cpu:.0f} s vs {dask_cpu:.0f} s: ratio {dask_cpu / local_cpu:.2f}")
            print_runs("local s / dask s = speed-up", (local_runs, dask_runs), lambda local, dask: local / dask)
            started = time.perf_counter()
            with open_engine("dask", workers=2):
                print(f"   of which starting the cluster (workers forked from this process, model loaded): "
                      f"{time.perf_counter() - started:.1f} s")
        if args.worker_profile:
            worker_profile(subset, tmp / "profiled", corpus)
    print(f"load average at the end {load()}")


if __name__ == "__main__":
    main()
