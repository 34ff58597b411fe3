"""Write `analyze` JSON for many articles, or compare two such folders field by field.

A refactoring must not change what `analyze` prints: write the JSON before and after, then compare.
Articles: the default article, the sample corpus and the first ``--limit`` BBC articles of each category
(sorted by file name).

    python benchmarks/compare_analyze.py write OUT [--bbc ../shared/data/bbc] [--limit 40]
    python benchmarks/compare_analyze.py compare BEFORE AFTER
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def articles(bbc: Path, limit: int) -> list[Path]:
    """The articles compared: the default article, the sample corpus and ``limit`` BBC articles per category."""
    from analysis.config import DEFAULT_ARTICLE, SAMPLE_CORPUS

    paths = [DEFAULT_ARTICLE, *sorted(p for p in SAMPLE_CORPUS.rglob("*") if p.suffix in (".txt", ".md", ".html")
                                      and not p.name.startswith("README"))]
    for category in sorted(p for p in bbc.iterdir() if p.is_dir()):
        paths += sorted(category.glob("*.txt"))[:limit]
    return paths


def write(out: Path, bbc: Path, limit: int) -> None:
    from analysis import analyze

    out.mkdir(parents=True, exist_ok=True)
    for number, path in enumerate(articles(bbc, limit)):
        result = analyze(path)
        result["source"]["path"] = path.name  # the same article from another checkout compares equal
        name = f"{number:04d}-{path.parent.name}-{path.stem}.json"
        (out / name).write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"wrote {number + 1} analyses to {out}")


def differences(before, after, path: str = "") -> list[str]:
    """Key paths where two JSON values differ; keys only in ``after`` are reported as ``+path`` (additions)."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = [f"-{path}.{key}" for key in before if key not in after]
        found += [f"+{path}.{key}" for key in after if key not in before]
        for key in before.keys() & after.keys():
            found += differences(before[key], after[key], f"{path}.{key}")
        return found
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{path}[] length"]
        return [d for b, a in zip(before, after) for d in differences(b, a, f"{path}[]")]
    return [] if before == after else [path]


def compare(before_dir: Path, after_dir: Path) -> None:
    files = sorted(p.name for p in before_dir.glob("*.json"))
    changed, paths = [], Counter()
    for name in files:
        before = json.loads((before_dir / name).read_text(encoding="utf-8"))
        after = json.loads((after_dir / name).read_text(encoding="utf-8"))
        found = set(differences(before, after))
        paths.update(found)
        if any(not d.startswith("+") for d in found):
            changed.append(name)
    print(f"{len(files)} articles compared; {len(changed)} differ in a field of the old output")
    for path, count in paths.most_common():
        print(f"  {count:4d} articles  {path}")
    for name in changed[:20]:
        print(f"  differs: {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writer = commands.add_parser("write")
    writer.add_argument("out", type=Path)
    writer.add_argument("--bbc", type=Path, default=ROOT.parent / "shared" / "data" / "bbc")
    writer.add_argument("--limit", type=int, default=40, help="BBC articles per category (default 40: 200 in all)")
    comparer = commands.add_parser("compare")
    comparer.add_argument("before", type=Path)
    comparer.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.bbc, args.limit)
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    main()
