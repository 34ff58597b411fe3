"""Actor extraction: throughput on the BBC corpus next to spaCy's own ``nlp.pipe``, and accuracy on AIDA.

Usage (from the project root)::

    python benchmarks/bench_actors.py                 # speed (300 articles) and AIDA accuracy, a few minutes
    python benchmarks/bench_actors.py --limit 0       # speed on the whole corpus (2,225 articles)
    python benchmarks/bench_actors.py --corpus PATH   # another folder of .txt articles
    python benchmarks/bench_actors.py --no-speed      # AIDA accuracy only (about a minute)
    python benchmarks/bench_actors.py --no-accuracy   # speed only

Both runs use the same texts, the same loaded pipeline and the same components in one process:

- **bare**: ``nlp.pipe`` over the decoded texts;
- **full**: the project's path: layout, ``nlp.pipe`` over docs with the paragraph starts marked,
  ``build_article`` and :func:`analysis.actors.extract_actors` (canonical actors, roles, codes).

It prints words per second for both and their ratio (target ≥ 0.8: canonicalisation must cost little
next to the model), and the time spent in actor extraction alone. The machine is shared: quote the
figures of one run, not the best of many.

**Accuracy** on ``../shared/data/aida_conll_dev/dev.jsonl`` (216 Reuters articles of CoNLL-2003 with
every mention typed and linked to its Wikidata entity; read its README), the actors next to bare
spaCy in the same run:

- *detection*: precision, recall and F1 of mentions with exact span and type, per CoNLL type
  (actor types map to CoNLL: person → PER; organization, media, bloc → ORG; state, location → LOC;
  adjectival mentions and groups → MISC; spaCy's PERSON, ORG, GPE/LOC, NORP likewise);
- *merging*: on the gold mentions found with their exact span and linked to an entity, MUC and
  B-cubed F1 of the actors (bare spaCy: one cluster per written form), gold entities split into
  several actors, actors merging several gold entities.

Each figure is given for all articles and for the *news* articles: those whose headline has no
all-caps slug before " - " (Reuters slugs sports, results and digests: "SOCCER - …").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from itertools import zip_longest
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.actors import extract_actors  # noqa: E402
from analysis.article import build_article, source_layout  # noqa: E402
from analysis.errors import ArticleError  # noqa: E402
from analysis.nlp import load_model, make_doc, model_description  # noqa: E402
from analysis.reading import read_source  # noqa: E402

# ``../shared/data/bbc`` beside the project (or beside the folder of git worktrees holding it).
CORPUS_CANDIDATES = [folder / "shared" / "data" / "bbc" for folder in PROJECT_ROOT.parents[:2]]
DEFAULT_CORPUS = next((path for path in CORPUS_CANDIDATES if path.is_dir()), CORPUS_CANDIDATES[0])
AIDA_CANDIDATES = [folder / "shared" / "data" / "aida_conll_dev" / "dev.jsonl" for folder in PROJECT_ROOT.parents[:2]]
DEFAULT_AIDA = next((path for path in AIDA_CANDIDATES if path.is_file()), AIDA_CANDIDATES[0])
WARM_UP = 5
CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")
_ACTOR_TO_CONLL = {"person": "PER", "organization": "ORG", "media": "ORG", "bloc": "ORG", "state": "LOC",
                   "location": "LOC", "group": "MISC"}
_SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC"}
_SLUG = re.compile(r"^[A-Z][A-Z0-9 .&/']* - ")


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


def analysed_articles(nlp, texts: list[str]):
    """Each text as the project reads it, through the batched corpus path: (Article, ActorExtraction), or
    (None, the ArticleError) for a text with no body."""
    sources = [read_source(text, format="text") for text in texts]
    layouts = [source_layout(source) for source in sources]
    docs = (make_doc(s.text, nlp, [b.start for b in blocks]) for s, blocks in zip(sources, layouts))
    for source, blocks, doc in zip(sources, layouts, nlp.pipe(docs)):
        try:
            article = build_article(source, blocks, doc)
        except ArticleError as error:
            yield None, error
            continue
        yield article, extract_actors(article)


def actor_mentions(extraction) -> list[tuple[int, int, str, str]]:
    """The actors' mentions as (start, end, CoNLL type, cluster id)."""
    types = {actor.id: actor.type for actor in extraction.actors}
    return [(m.start, m.end, "MISC" if m.adjectival else _ACTOR_TO_CONLL[types[m.actor_id]], m.actor_id)
            for m in extraction.mentions]


def spacy_mentions(doc) -> list[tuple[int, int, str, str]]:
    """Bare spaCy's entities as (start, end, CoNLL type, cluster id): one cluster per written form."""
    return [(e.start_char, e.end_char, _SPACY_TO_CONLL[e.label_], e.text) for e in doc.ents
            if e.label_ in _SPACY_TO_CONLL]


class Scores:
    """Detection counts per type and merging counts, summed over articles."""

    def __init__(self):
        self.true, self.predicted, self.gold = Counter(), Counter(), Counter()
        self.muc = [0, 0, 0, 0]  # recall numerator, denominator, precision numerator, denominator
        self.b_cubed = [0.0, 0.0, 0]  # recall sum, precision sum, mentions
        self.entities = self.split = self.merged = 0

    def add(self, gold: list[tuple[int, int, str, str | None]], found: list[tuple[int, int, str, str]]) -> None:
        """One article: gold (start, end, type, entity or None) against found (start, end, type, cluster)."""
        predicted = {(start, end, kind) for start, end, kind, _ in found}
        for start, end, kind, _ in gold:
            self.gold[kind] += 1
            self.true[kind] += (start, end, kind) in predicted
        self.predicted.update(kind for _, _, kind in predicted)
        cluster_at = {(start, end): cluster for start, end, _, cluster in found}
        pairs = [(entity, cluster_at[(start, end)]) for start, end, _, entity in gold
                 if entity is not None and (start, end) in cluster_at]
        self._merging(pairs)

    def _merging(self, pairs: list[tuple[str, str]]) -> None:
        by_entity, by_cluster = defaultdict(list), defaultdict(list)
        for entity, cluster in pairs:
            by_entity[entity].append(cluster)
            by_cluster[cluster].append(entity)
        for groups, numerator, denominator in ((by_entity, 0, 1), (by_cluster, 2, 3)):
            for members in groups.values():
                self.muc[numerator] += len(members) - len(set(members))
                self.muc[denominator] += len(members) - 1
        for entity, cluster in pairs:
            shared = sum(1 for e, c in pairs if e == entity and c == cluster)
            self.b_cubed[0] += shared / len(by_entity[entity])
            self.b_cubed[1] += shared / len(by_cluster[cluster])
        self.b_cubed[2] += len(pairs)
        self.entities += sum(1 for members in by_entity.values() if len(members) > 1)
        self.split += sum(1 for members in by_entity.values() if len(set(members)) > 1)
        self.merged += sum(1 for members in by_cluster.values() if len(set(members)) > 1)

    def detection(self, kinds=CONLL_TYPES) -> tuple[float, float, float]:
        true = sum(self.true[k] for k in kinds)
        precision = true / max(sum(self.predicted[k] for k in kinds), 1)
        recall = true / max(sum(self.gold[k] for k in kinds), 1)
        return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)

    def merging(self) -> tuple[float, float]:
        recall, precision = self.muc[0] / max(self.muc[1], 1), self.muc[2] / max(self.muc[3], 1)
        b_recall, b_precision = (value / max(self.b_cubed[2], 1) for value in self.b_cubed[:2])
        return (2 * recall * precision / max(recall + precision, 1e-9),
                2 * b_recall * b_precision / max(b_recall + b_precision, 1e-9))


def aida_accuracy(nlp, path: Path) -> dict[str, dict[str, Scores]]:
    """``{"all"|"news": {"actors"|"spaCy": Scores}}`` over the AIDA articles."""
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [article["text"] for article in articles]
    scores = {subset: {"actors": Scores(), "spaCy": Scores()} for subset in ("all", "news")}
    results = zip(articles, analysed_articles(nlp, texts), nlp.pipe(texts))
    for gold_article, (_, extraction), bare_doc in results:
        gold = [(m["start"], m["end"], m["type"], m["entity"]) for m in gold_article["mentions"]]
        subsets = ["all"] if _SLUG.match(gold_article["text"]) else ["all", "news"]
        for subset in subsets:
            scores[subset]["actors"].add(gold, actor_mentions(extraction))
            scores[subset]["spaCy"].add(gold, spacy_mentions(bare_doc))
    scores["news"]["count"] = sum(1 for a in articles if not _SLUG.match(a["text"]))
    return scores


def print_accuracy(path: Path, scores) -> None:
    print(f"AIDA: {path} — news articles: {scores['news'].pop('count')}")
    header = "".join(f"{kind:>20}" for kind in (*CONLL_TYPES, "all"))
    for subset in ("news", "all"):
        print(f"{subset} articles — detection P/R/F1 (exact span and type):")
        print(f"  {'':8}{header}")
        for system, score in scores[subset].items():
            cells = "".join(f"   {p:.3f}/{r:.3f}/{f:.3f}" for p, r, f in
                            [score.detection((kind,)) for kind in CONLL_TYPES] + [score.detection()])
            print(f"  {system:<8}{cells}")
        for system, score in scores[subset].items():
            muc, b_cubed = score.merging()
            print(f"  {system:<8} merging: MUC F1 {muc:.3f}, B-cubed F1 {b_cubed:.3f}; gold entities split "
                  f"{score.split} of {score.entities} (with 2+ mentions found); actors merging entities {score.merged}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=300, help="number of articles (0 = all; default 300)")
    parser.add_argument("--aida", type=Path, default=DEFAULT_AIDA, help="the AIDA CoNLL dev.jsonl")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the AIDA accuracy run")
    args = parser.parse_args(argv)
    nlp = load_model()
    print(f"model: {model_description(nlp)}; components: {', '.join(nlp.pipe_names)}")
    if not args.no_accuracy:
        print_accuracy(args.aida, aida_accuracy(nlp, args.aida))
    if not args.no_speed:
        speed(nlp, args.corpus, args.limit)
    return 0


def speed(nlp, corpus: Path, limit: int) -> None:
    """Print the throughput figures of the module docstring."""
    files = corpus_files(corpus, limit)
    sources = [read_source(path) for path in files]
    texts = [source.text for source in sources]
    words = sum(len(text.split()) for text in texts)
    bare(nlp, texts[:WARM_UP])
    full(nlp, sources[:WARM_UP])

    bare_seconds = bare(nlp, texts)
    full_seconds, extraction_seconds, actors = full(nlp, sources)
    bare_rate, full_rate = words / bare_seconds, words / full_seconds
    print(f"corpus: {corpus} — {len(files)} articles, {words:,} words")
    print(f"bare nlp.pipe:          {bare_seconds:7.2f} s  {bare_rate:9,.0f} words/s")
    print(f"full (parse + actors):  {full_seconds:7.2f} s  {full_rate:9,.0f} words/s  ({actors:,} actors)")
    print(f"  of which extract_actors: {extraction_seconds:5.2f} s  "
          f"({extraction_seconds / full_seconds:.1%} of the full run)")
    print(f"ratio full / bare: {full_rate / bare_rate:.2f}  (target >= 0.80)")


if __name__ == "__main__":
    raise SystemExit(main())
