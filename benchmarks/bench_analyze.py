"""Wall time and peak memory of `analyze` and `report` against the floor of their libraries.

The floor is a fresh Python that imports exactly the third-party packages `analyze` ends up
importing and loads the spaCy model, and does nothing else. Target: analyze / floor ≤ 1.3.

    python benchmarks/bench_analyze.py [--article PATH] [--repeat 3] [--report]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.config import DEFAULT_ARTICLE  # noqa: E402

LIST_IMPORTS = """
import json, sys
from analysis import analyze
analyze({article!r})
top = {{name.split('.')[0] for name in sys.modules}}
print(json.dumps(sorted(n for n in top if n not in sys.stdlib_module_names and not n.startswith('_')
                        and n != 'analysis')))
"""
FLOOR = "import {modules}\nfrom analysis.nlp import load_model\nload_model()\n"
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
)


def measure(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and peak RSS (MiB) of a command, each run in a fresh process."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(DEFAULT_ARTICLE))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--report", action="store_true", help="also time `python -m analysis report`")
    args = parser.parse_args()

    modules = json.loads(subprocess.run([sys.executable, "-c", LIST_IMPORTS.format(article=args.article)],
                                        capture_output=True, text=True, check=True, cwd=ROOT).stdout)
    floor = measure([sys.executable, "-c", FLOOR.format(modules=", ".join(modules))], args.repeat)
    analyze = measure([sys.executable, "-m", "analysis", "analyze", args.article], args.repeat)
    print(f"article: {args.article}")
    print(f"floor (import {len(modules)} packages + load model): {floor[0]:.2f} s, peak {floor[1]:.0f} MiB")
    print(f"analyze (CLI, JSON):                      {analyze[0]:.2f} s, peak {analyze[1]:.0f} MiB")
    print(f"ratio analyze / floor: time {analyze[0] / floor[0]:.2f}, memory {analyze[1] / floor[1]:.2f} (target ≤ 1.3)")
    if args.report:
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "analysis", "report", "--article", args.article, "--out", out],
                           check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
            pages = len(list(Path(out).glob("*.html"))) - 1
            print(f"report: {time.perf_counter() - started:.1f} s for {pages} notebooks")


if __name__ == "__main__":
    main()
