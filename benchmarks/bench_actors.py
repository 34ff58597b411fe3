"""Actor extraction throughput on the BBC corpus, as a ratio to spaCy's own ``nlp.pipe``.

Usage (from the project root)::

    python benchmarks/bench_actors.py                 # 300 articles, a few minutes on 2 cores
    python benchmarks/bench_actors.py --limit 0       # the whole corpus (2,225 articles)
    python benchmarks/bench_actors.py --corpus PATH   # another folder of .txt articles

Both runs use the same texts, the same loaded pipeline and the same components in one process:

- **bare**: ``nlp.pipe`` over the decoded texts;
- **full**: the project's path: layout, ``nlp.pipe`` over docs with the paragraph starts marked,
  ``build_article`` and :func:`analysis.actors.extract_actors` (canonical actors, roles, codes).

It prints words per second for both and their ratio (target ≥ 0.8: canonicalisation must cost little
next to the model), and the time spent in actor extraction alone. The machine is shared: quote the
figures of one run, not the best of many.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import zip_longest
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.actors import extract_actors  # noqa: E402
from analysis.article import build_article, source_layout  # noqa: E402
from analysis.nlp import load_model, make_doc, model_description  # noqa: E402
from analysis.reading import read_source  # noqa: E402

# ``../shared/data/bbc`` beside the project (or beside the folder of git worktrees holding it).
CORPUS_CANDIDATES = [folder / "shared" / "data" / "bbc" for folder in PROJECT_ROOT.parents[:2]]
DEFAULT_CORPUS = next((path for path in CORPUS_CANDIDATES if path.is_dir()), CORPUS_CANDIDATES[0])
WARM_UP = 5


def corpus_files(corpus: Path, limit: int) -> list[Path]:
    """The corpus's .txt files in a fixed order, alternating categories so a sample covers them all."""
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    per_folder = [sorted(folder.glob("*.txt")) for folder in folders] or [sorted(corpus.glob("*.txt"))]
    files = [f for row in zip_longest(*per_folder) for f in row if f is not None]
    return files[:limit] if limit else files


def bare(nlp, texts: list[str]) -> float:
    """Seconds for ``nlp.pipe`` over the texts."""
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def full(nlp, sources) -> tuple[float, float, int]:
    """Seconds for the full actor path, seconds in ``extract_actors`` alone, and actors found."""
    started = time.perf_counter()
    layouts = [source_layout(source) for source in sources]
    docs = (make_doc(s.text, nlp, [b.start for b in blocks]) for s, blocks in zip(sources, layouts))
    extraction_seconds, actors = 0.0, 0
    for source, blocks, doc in zip(sources, layouts, nlp.pipe(docs)):
        article = build_article(source, blocks, doc)
        before = time.perf_counter()
        actors += len(extract_actors(article).actors)
        extraction_seconds += time.perf_counter() - before
    return time.perf_counter() - started, extraction_seconds, actors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=300, help="number of articles (0 = all; default 300)")
    args = parser.parse_args(argv)

    files = corpus_files(args.corpus, args.limit)
    sources = [read_source(path) for path in files]
    texts = [source.text for source in sources]
    words = sum(len(text.split()) for text in texts)
    nlp = load_model()
    bare(nlp, texts[:WARM_UP])
    full(nlp, sources[:WARM_UP])

    bare_seconds = bare(nlp, texts)
    full_seconds, extraction_seconds, actors = full(nlp, sources)
    bare_rate, full_rate = words / bare_seconds, words / full_seconds
    print(f"model: {model_description(nlp)}; components: {', '.join(nlp.pipe_names)}")
    print(f"corpus: {args.corpus} — {len(files)} articles, {words:,} words")
    print(f"bare nlp.pipe:          {bare_seconds:7.2f} s  {bare_rate:9,.0f} words/s")
    print(f"full (parse + actors):  {full_seconds:7.2f} s  {full_rate:9,.0f} words/s  ({actors:,} actors)")
    print(f"  of which extract_actors: {extraction_seconds:5.2f} s  "
          f"({extraction_seconds / full_seconds:.1%} of the full run)")
    print(f"ratio full / bare: {full_rate / bare_rate:.2f}  (target >= 0.80)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
