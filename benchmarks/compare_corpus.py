"""Write corpus mode's output for BBC articles, or compare two such outputs file by file, byte for byte.

A speed-up must not change what corpus mode writes: run ``write`` from the checkout before and from the one
after (the same ``--links`` folder, so the articles' paths are the same), then ``compare``. Articles:
``--limit`` BBC articles taken evenly from every category (as ``bench_stages.py`` takes them), analysed
afresh (no cache).

    python benchmarks/compare_corpus.py write OUT [--data ../shared/data/bbc] [--limit 300] [--n-process 1]
    python benchmarks/compare_corpus.py compare BEFORE AFTER
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run this checkout, not an installed copy
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_corpus import DEFAULT_DATA, link_subset  # noqa: E402
from bench_stages import corpus_files  # noqa: E402

DEFAULT_LINKS = Path(tempfile.gettempdir()) / "compare_corpus_articles"


def write(out: Path, data: Path, limit: int, n_process: int, links: Path) -> None:
    from analysis.corpus import run_corpus

    files = corpus_files(data, limit)
    if not files:
        sys.exit(f"no articles under {data}: give the BBC folder with --data")
    if sorted(links.rglob("*.txt")) != sorted(links / f.relative_to(data) for f in files):  # else reused as it is
        shutil.rmtree(links, ignore_errors=True)
        link_subset(files, data, links)
    summary = run_corpus([links], out, n_process=n_process, use_cache=False, progress=False)
    print(f"wrote {summary.articles} articles ({summary.errors} errors) to {out} in {summary.seconds:.1f} s")


def compare(before: Path, after: Path) -> bool:
    """Whether every file under ``before`` and ``after`` is the same, byte for byte; prints the differences."""
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    differ = [name for name in sorted(names) if not (before / name).is_file() or not (after / name).is_file()
              or (before / name).read_bytes() != (after / name).read_bytes()]
    print(f"{len(names)} files compared; {len(differ)} differ")
    for name in differ[:20]:
        print(f"  differs: {name}")
    return not differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write", help="write corpus mode's output for BBC articles")
    writing.add_argument("out", type=Path)
    writing.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BBC folder (default ../shared/data/bbc)")
    writing.add_argument("--limit", type=int, default=300, help="articles, evenly from each category (default 300)")
    writing.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    writing.add_argument("--links", type=Path, default=DEFAULT_LINKS, help="the folder of links to the articles")
    comparing = commands.add_parser("compare", help="compare two outputs byte for byte")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.data, args.limit, args.n_process, args.links)
    else:
        sys.exit(0 if compare(args.before, args.after) else 1)


if __name__ == "__main__":
    main()
