"""Wall time and peak memory of `python -m analysis analyze` against a bare spaCy parse of the same article.

The floor is a fresh Python that does only `spacy.load(model)` and `nlp(text)` on the article's text
(the file read as UTF-8, so use a plain-text article): what any spaCy tool pays. The two commands
alternate, each run in a fresh process, and the medians of ``--repeat`` runs (at least 5) are compared.
Target: analyze / floor ≤ 1.3 in time and in peak memory.

``--report`` also times `python -m analysis report` on the same article in the same run, from an empty
analysis cache (the cold case: the report analyses the article once, then runs every notebook), prints
its ratio to the median `analyze` time (target: report / analyze ≤ 5) and the report's own progress lines:
when the analysis was ready and how long each notebook took (its run on a kernel, then its two pages exported
by the report's export thread).

    python benchmarks/bench_analyze.py [--article PATH] [--repeat 5] [--report] [--workers N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.config import DEFAULT_ARTICLE  # noqa: E402
from analysis.nlp import load_model, model_description  # noqa: E402
from analysis.report import default_workers  # noqa: E402

BARE_PARSE = (  # spaCy alone: the article's text read as UTF-8, nothing of this package imported
    "import sys, spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "nlp(open(sys.argv[2], encoding='utf-8-sig').read())\n"
)
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
)


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run of a command in a fresh process."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    return float(out[0]), float(out[1])


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes so far (with the kernels they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(DEFAULT_ARTICLE))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--report", action="store_true", help="also time `python -m analysis report`")
    parser.add_argument("--workers", type=int, help="report: kernels (default: one per core)")
    args = parser.parse_args()

    nlp = load_model()
    model = nlp.meta.get("lang", "en") + "_" + nlp.meta["name"]
    commands = {"bare spaCy": [sys.executable, "-c", BARE_PARSE, model, args.article],
                "analyze": [sys.executable, "-m", "analysis", "analyze", args.article]}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(max(args.repeat, 1)):
        for name, command in commands.items():  # alternating: both see the same machine load
            runs[name].append(run_once(command))
    print(f"article: {args.article}; model {model_description(nlp)}; {args.repeat} alternating runs each")
    medians = {}
    for name, measured in runs.items():
        medians[name] = (statistics.median(r[0] for r in measured), statistics.median(r[1] for r in measured))
        print(f"{name:>10}: median {medians[name][0]:.2f} s, peak {medians[name][1]:.0f} MiB   "
              f"(runs: {', '.join(f'{r[0]:.2f}' for r in measured)} s)")
    (time_a, memory_a), (time_b, memory_b) = medians["analyze"], medians["bare spaCy"]
    print(f"ratio analyze / bare spaCy: time {time_a / time_b:.2f}, memory {memory_a / memory_b:.2f} (target ≤ 1.3)")
    if args.report:
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
            command = [sys.executable, "-m", "analysis", "report", "--article", args.article, "--out", out,
                       "--cache", cache, *(["--workers", str(args.workers)] if args.workers else [])]
            started, cpu = time.perf_counter(), _children_cpu()
            progress = subprocess.run(command, check=True, cwd=ROOT, stderr=subprocess.PIPE, text=True).stderr
            seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
            notebooks, workers = len(list(Path(out).glob("*.reader.html"))), args.workers or default_workers()
            print(f"report: {seconds:.1f} s for {notebooks} notebooks (empty cache, {workers} kernels; CPU time "
                  f"{cpu:.1f} s, all its processes); ratio report / analyze: {seconds / time_a:.1f} (target ≤ 5)")
            for line in progress.splitlines():
                if line.startswith("analysis:") or "done in" in line:
                    print("   ", line.split(" → ")[0])


if __name__ == "__main__":
    main()
