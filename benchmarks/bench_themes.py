"""Benchmark: paragraph themes of documents with known themes, and ``cluster_texts`` on a labelled corpus.

Usage::

    python benchmarks/bench_themes.py segments [--segments DIR] [--limit N]
    python benchmarks/bench_themes.py cost [--corpus DIR] [--articles 50] [--against REF]
    python benchmarks/bench_themes.py [corpus] [--corpus DIR|FILE.jsonl] [--k K] [--min-words 8] [--seeds 0 1 2]
    python benchmarks/bench_themes.py memory [--corpus DIR] [--sizes 1250 2500 5000 0] [--k 5]
    python benchmarks/bench_themes.py labels [--gdelt DIR] [--mixes FILE.jsonl] [--limit N]

``segments`` reads the development documents of ``DIR`` (default ``../shared/data/segments``: sections
of Wikipedia articles, BBC mixes whose themes can return), builds Choi-style concatenations from the BBC
corpus (:func:`choi_documents`: 10 segments, each the first 3-11 sentences of an article, sentences as
units, themes never return) and prints, per set, the mean per-document ARI
and NMI and how often the number of themes is right, too low or too high, for the package's article
themes (k chosen, reading order as an article gives it, fitted with their stability as ``analyze`` fits them)
beside TF-IDF + k-means (silhouette k) and the equal contiguous split (gold k), all measured in the same run;
under the package's row, the Spearman rank correlation between each of its per-document warning scores
(:data:`WARNING_SCORES`: the mean stability of its paragraphs and of its themes, the chosen k's stability,
the confidence) and the per-document ARI.

``labels`` fits the article themes of the real news of ``--gdelt`` (default
``../shared/data/gdelt_news/articles``, no gold) and of the BBC mixes and prints, per set, the share of
label terms among the :data:`COMMON_TERMS` most common of the background table, the share of labels whose
first term is a name (a proper noun of the article) or a phrase, the labels holding a news outlet's name,
the share of label terms more frequent per paragraph in their theme than outside it, then sample labels and
the outlet labels. Run it with ``PYTHONPATH`` at another tree for that tree's figures (the background
table is read from this script's tree).

``cost`` parses the first ``--articles`` articles of the corpus (sorted paths, all labels) and prints the
milliseconds per article of the themes stage alone (``article_themes`` on the parsed article, what
``analyze`` runs); ``--against REF`` also times the package as it is at git commit ``REF`` (exported to a
temporary folder), the two timed in alternation in one run, since timings on a shared machine are noisy.

``memory`` prints the peak memory traced by ``tracemalloc`` (NumPy's and Python's allocations) and the
seconds of ``cluster_texts`` and of TF-IDF + LSA + k-means on the first ``--sizes`` paragraphs of the
corpus (0: all of them), each size measured alone, after a warm-up on a few texts whose one-time loads
(spaCy's lemma tables) are printed apart.

``DIR`` holds one folder per label with one ``.txt`` article each (default ``../shared/data/bbc``
beside the project). Prints NMI, ARI and seconds for each method, at article level (whole texts)
and at paragraph level (paragraphs of at least ``--min-words`` words, labelled with their article's
label), with k the number of labels unless ``--k`` is given. A segments file (``FILE.jsonl``, e.g.
``../shared/data/segments/wikitext_train.jsonl``) is a corpus of paragraphs labelled by the article
each document comes from (:func:`load_segment_corpus`). ``cluster_texts`` is called exactly as a user
would, its tokenisation timed within. The indented rows switch off one step of the method each, to show
what each contributes. With ``--seeds 0 1 2``, the LSA baseline and ``cluster_texts`` alone, alternated,
at each random state, then the mean and the min of each over them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from analysis import ThemeClustering, cluster_texts
from analysis.article import source_layout
from analysis.config import PROJECT_ROOT
from analysis.reading import read_source
from analysis.structure import PARAGRAPH
from analysis.theme_terms import texts_terms
from analysis.themes import ARTICLE_OPTIONS, word_terms


def load_corpus(directory: Path, *, min_words: int):
    """(article texts, article labels, paragraph texts, paragraph labels) of a folder-per-label corpus."""
    articles, labels, paragraphs, paragraph_labels = [], [], [], []
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            source = read_source(path)
            articles.append(source.text)
            labels.append(folder.name)
            for block in source_layout(source):
                text = source.text[block.start:block.end]
                if block.kind == PARAGRAPH and len(text.split()) >= min_words:
                    paragraphs.append(text)
                    paragraph_labels.append(folder.name)
    return articles, labels, paragraphs, paragraph_labels


def load_segment_corpus(path: Path):
    """(paragraph texts, labels) of every document of a segments file, each paragraph labelled with its
    document's source article (``source["article"]``, the document's id when it has none)."""
    texts, labels = [], []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            label = record.get("source", {}).get("article", record["id"])
            for paragraph in record["paragraphs"]:
                texts.append(record["text"][paragraph["start"]:paragraph["end"]])
                labels.append(label)
    return texts, labels


# The class shares of Reuters R8 (the eight largest ModApte topics, train + test: earn 3,923, acq 2,292, crude
# 374, trade 326, money-fx 293, interest 271, ship 144, grain 51 articles): two classes hold 80 % of the texts.
R8_SIZES = (3923, 2292, 374, 326, 293, 271, 144, 51)


def skewed_subset(texts, labels, draw: int, sizes=R8_SIZES):
    """A subset of a labelled corpus whose class sizes are skewed as ``sizes`` are (default R8's; the first of
    them for as many classes as it has, scaled so the largest fits the smallest class): ``random.Random(draw)``
    gives the classes their shares and picks their texts. Returns (texts, labels)."""
    rng = random.Random(draw)
    classes = sorted(set(labels))
    members = {label: [i for i, other in enumerate(labels) if other == label] for label in classes}
    shares = sizes[:len(classes)]
    scale = min(len(found) for found in members.values()) / shares[0]
    rng.shuffle(classes)
    chosen = sorted(i for label, share in zip(classes, shares)
                    for i in rng.sample(members[label], max(2, round(share * scale))))
    return [texts[i] for i in chosen], [labels[i] for i in chosen]


def tfidf_kmeans(texts, k, random_state=0):
    """Baseline: TF-IDF (English stop words, sublinear TF) and k-means."""
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
    return KMeans(k, n_init=10, random_state=random_state).fit_predict(matrix)


def tfidf_lsa_kmeans(texts, k, random_state=0):
    """Baseline: the same TF-IDF, LSA to 100 dimensions, L2-normalised, then k-means."""
    lsa = make_pipeline(TruncatedSVD(100, random_state=random_state), Normalizer(copy=False))
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
    return KMeans(k, n_init=10, random_state=random_state).fit_predict(lsa.fit_transform(matrix))


def ablation(**options):
    """``cluster_texts`` with one step changed (its terms, its tokenisation timed within)."""
    return lambda texts, k, seed=0: ThemeClustering(k, n_resamples=0, random_state=seed, **options).fit(
        word_terms(texts)).labels_


def score(name, method, texts, truth, k, seed=0):
    """Print NMI and ARI against ``truth``, wall-clock and CPU seconds (the machine is shared), themes found;
    returns (NMI, ARI, seconds)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    predicted = method(texts, k, seed)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    nmi = normalized_mutual_info_score(truth, predicted)
    ari = adjusted_rand_score(truth, predicted)
    found = len(set(predicted))
    print(f"  {name:<34} NMI {nmi:.4f}  ARI {ari:.4f}  {seconds:7.1f} s  ({cpu:6.1f} s CPU)  k={found}"
          f"  seed {seed}", flush=True)
    return nmi, ari, seconds


SEGMENT_SETS = ("wikitext_train.jsonl", "bbc_mix.jsonl")


def load_segments(path: Path, limit: int | None):
    """(paragraph texts, gold labels) of each document of a segments file, the first ``limit`` of them."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(documents) >= limit:
                break
            record = json.loads(line)
            paragraphs = record["paragraphs"]
            documents.append(([record["text"][p["start"]:p["end"]] for p in paragraphs],
                              [p["label"] for p in paragraphs]))
    return documents


CHOI_SEGMENTS = 10
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[A-Z\"'])")


def choi_documents(corpus: Path, count: int, seed: int = 1):
    """(sentences, gold) of ``count`` Choi-style documents (Choi 2000) drawn with ``random.Random(seed)``:
    :data:`CHOI_SEGMENTS` segments, each the first 3-11 sentences of a different article of ``corpus`` (a
    folder per label; the headline left out), the sentence's article as its gold label."""
    paths = sorted(corpus.glob("*/*.txt"))
    rng = random.Random(seed)
    documents = []
    while len(documents) < count:
        sentences, gold = [], []
        for path in rng.sample(paths, CHOI_SEGMENTS):
            body = read_source(path).text.split("\n", 1)[-1]
            found = [s.strip() for s in _SENTENCE_END.split(" ".join(body.split())) if s.strip()]
            length = min(rng.randint(3, 11), len(found))
            sentences += found[:length]
            gold += [f"{path.parent.name}/{path.name}"] * length
        documents.append((sentences, gold))
    return documents


def package_themes(paragraphs, gold_k):
    """The article path's themes (the paragraphs in reading order, k chosen), fitted as ``analyze`` fits them,
    with their stability: the labels of ``cluster_texts(paragraphs, in_order=True)``, which skips the stability."""
    return ThemeClustering(None, random_state=0, **ARTICLE_OPTIONS).fit(texts_terms(paragraphs))


# The package's per-document warning scores (from a fitted model) whose Spearman rank correlation with the
# per-document ARI ``segments`` prints: how well a low score flags a document whose themes are wrong.
WARNING_SCORES = {
    "paragraph stability": lambda model: float(model.sample_stability_.mean()),
    "theme stability": lambda model: float(model.stability_.mean()),
    "chosen k's stability": lambda model: model.k_stability_.get(model.n_themes_, 1.0),
    "confidence": lambda model: model.confidence_,
}


def tfidf_silhouette_kmeans(paragraphs, gold_k, max_k=8):
    """Baseline: TF-IDF + k-means, k in 2..min(8, n - 1) by the highest cosine silhouette."""
    from sklearn.metrics import silhouette_score

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(paragraphs)
    best, best_score = np.zeros(len(paragraphs), int), -1.0
    for k in range(2, min(max_k, len(paragraphs) - 1) + 1):
        labels = KMeans(k, n_init=10, random_state=0).fit_predict(matrix)
        if len(set(labels)) < 2:
            continue
        value = silhouette_score(matrix, labels, metric="cosine")
        if value > best_score:
            best, best_score = labels, value
    return best


def contiguous_split(paragraphs, gold_k):
    """Baseline: the paragraphs cut into ``gold_k`` contiguous runs of (nearly) equal length."""
    return (np.arange(len(paragraphs)) * gold_k) // len(paragraphs)


def bench_segments(directory: Path, corpus: Path, limit: int | None):
    methods = [("package (k chosen)", package_themes), ("TF-IDF + k-means (silhouette k)", tfidf_silhouette_kmeans),
               ("equal contiguous split (gold k)", contiguous_split)]
    sets = [(name, lambda name=name: load_segments(directory / name, limit)) for name in SEGMENT_SETS]
    sets.append(("Choi-style (BBC sentences)", lambda: choi_documents(corpus, limit or 100)))
    for name, load in sets:
        documents = load()
        print(f"{name}: {len(documents)} documents, {sum(len(p) for p, _ in documents)} paragraphs", flush=True)
        for method_name, method in methods:
            started = time.perf_counter()
            ari, nmi, k_right, k_low, k_high = [], [], 0, 0, 0
            warnings: dict[str, list[float]] = {name: [] for name in WARNING_SCORES}
            for paragraphs, gold in documents:
                gold_k = len(set(gold))
                predicted = method(paragraphs, gold_k)
                if isinstance(predicted, ThemeClustering):
                    for score_name, warning in WARNING_SCORES.items():
                        warnings[score_name].append(warning(predicted))
                    predicted = predicted.labels_
                ari.append(adjusted_rand_score(gold, predicted))
                nmi.append(normalized_mutual_info_score(gold, predicted))
                found = len(set(np.asarray(predicted).tolist()))
                k_right += found == gold_k
                k_low += found < gold_k
                k_high += found > gold_k
            n = len(documents)
            print(f"  {method_name:<34} ARI {np.mean(ari):.3f}  NMI {np.mean(nmi):.3f}  k right {k_right / n:4.0%}"
                  f"  too low {k_low / n:4.0%}  too high {k_high / n:4.0%}  {time.perf_counter() - started:6.1f} s",
                  flush=True)
            if warnings[next(iter(WARNING_SCORES))]:
                print("    Spearman rank correlation with the ARI: " + ", ".join(
                    f"{score_name} {spearmanr(values, ari, nan_policy='omit')[0]:.3f}"
                    for score_name, values in warnings.items()), flush=True)


def theme_stage_cost(corpus: Path, count: int, rounds: int) -> float:
    """Milliseconds per article of ``article_themes`` on the first ``count`` articles of ``corpus`` (the
    best of ``rounds`` passes; the parse, done once before, is not timed)."""
    from analysis import load_article
    from analysis.themes import article_themes

    articles = [load_article(path) for path in sorted(corpus.glob("*/*.txt"))[:count]]
    article_themes(articles[0])  # imports and first-call set-up are not the stage's cost per article
    best = np.inf
    for _ in range(rounds):
        started = time.process_time()
        for article in articles:
            article_themes(article)
        best = min(best, time.process_time() - started)
    return 1000 * best / len(articles)


def bench_cost(corpus: Path, count: int, against: str | None, rounds: int):
    """Print ms/article of the themes stage, this package's and, with ``against``, git ``REF``'s, alternately."""
    import subprocess
    import tempfile

    packages = [("this tree", PROJECT_ROOT)]
    with tempfile.TemporaryDirectory() as exported:
        if against:
            archive = subprocess.run(["git", "-C", str(PROJECT_ROOT), "archive", against, "analysis"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", exported], input=archive, check=True)
            packages.insert(0, (f"commit {against}", Path(exported)))
        command = [sys.executable, __file__, "cost-worker", "--corpus", str(corpus), "--articles", str(count)]
        figures: dict[str, list[float]] = {name: [] for name, _ in packages}
        for _ in range(rounds):
            for name, root in packages:
                env = {**os.environ, "PYTHONPATH": str(root)}
                found = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
                figures[name].append(float(found.split()[-1]))
        print(f"themes stage, {count} BBC articles, CPU ms per article (best pass of each process; {rounds} "
              f"processes each, alternated):")
        for name, values in figures.items():
            print(f"  {name:<22} " + "  ".join(f"{v:6.1f}" for v in values) + f"   median {np.median(values):6.1f}")


def traced(method, *args):
    """(peak traced MB, seconds, result) of one call, traced from its start."""
    import tracemalloc

    tracemalloc.start()
    started = time.perf_counter()
    result = method(*args)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak, seconds, result


def bench_memory(corpus: Path, sizes: list[int], k: int, min_words: int):
    """Print peak traced memory and seconds of ``cluster_texts`` and the LSA baseline per number of paragraphs."""
    _, _, paragraphs, labels = load_corpus(corpus, min_words=min_words)
    methods = [("cluster_texts", lambda texts: cluster_texts(texts, k=k, random_state=0)),
               ("TF-IDF + LSA + k-means", lambda texts: tfidf_lsa_kmeans(texts, k))]
    for name, method in methods:
        peak, _, _ = traced(method, paragraphs[:200])
        print(f"warm-up on 200 paragraphs, {name}: {peak:.0f} MB traced (one-time loads included)", flush=True)
    print(f"paragraphs of >= {min_words} words, k={k}: peak traced MB, seconds, NMI")
    for size in sizes:
        texts, truth = paragraphs[:size or None], labels[:size or None]
        figures = []
        for name, method in methods:
            peak, seconds, predicted = traced(method, texts)
            nmi = normalized_mutual_info_score(truth, predicted)
            figures.append(f"{name} {peak:6.0f} MB {seconds:6.1f} s NMI {nmi:.4f}")
        print(f"  {len(texts):>6}  " + "   ".join(figures), flush=True)


GDELT_ARTICLES = PROJECT_ROOT.parent / "shared" / "data" / "gdelt_news" / "articles"
# The background table and the number of its most common terms counted as "common" by ``labels``.
BACKGROUND_TABLE = Path(__file__).resolve().parents[1] / "analysis" / "data" / "theme_label_background.tsv"
COMMON_TERMS = 1000
LABEL_SAMPLES = 20


def media_names() -> set[str]:
    """Lower-case names and aliases of the news media table (the outlets an article credits)."""
    from analysis.references import MEDIA_FILE, read_table

    return {name.strip().lower() for row in read_table(MEDIA_FILE)
            for name in [row["name"], *row["aliases"].split("|")] if name.strip()}


def label_figures(articles) -> dict:
    """Figures of the theme labels of ``(article, fitted model, paragraph terms)`` triples: labels, label
    terms among the background's most common, labels whose first term is a name or a phrase, labels holding
    an outlet's name, label terms more frequent per paragraph in their theme than outside it."""
    rows = [line.split("\t") for line in BACKGROUND_TABLE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][2:]
    common = {term for term, _ in rows[:COMMON_TERMS]}
    outlets = media_names()
    counts = dict.fromkeys(("labels", "terms", "common", "name first", "outlet", "local terms", "local"), 0)
    outlet_labels = []
    for article, model, paragraph_terms in articles:
        names = {token.lemma_.lower() for token in article.doc if token.pos_ == "PROPN"}
        for theme in range(model.n_themes_):
            terms = (model.label_terms_[theme] or model.terms_[theme])[:3]
            if not terms:
                continue
            counts["labels"] += 1
            counts["terms"] += len(terms)
            counts["common"] += sum(term in common for term in terms)
            counts["name first"] += " " in terms[0] or terms[0] in names
            if any(f" {o} " in f" {t} " for t in terms for o in outlets):
                counts["outlet"] += 1
                outlet_labels.append(" / ".join(terms))
            if model.n_themes_ > 1:
                inside = model.labels_ == theme
                for term in terms:
                    per_paragraph = np.array([texts.count(term) for texts in paragraph_terms], dtype=float)
                    counts["local terms"] += 1
                    counts["local"] += per_paragraph[inside].mean() > per_paragraph[~inside].mean()
    return counts, outlet_labels


def bench_labels(gdelt: Path, mixes: Path, limit: int | None):
    """Print the label figures on the GDELT articles and the BBC mixes, and sample labels."""
    from analysis import load_article
    from analysis.theme_terms import paragraph_terms
    from analysis.themes import article_themes

    def fitted(article):
        return article, article_themes(article), paragraph_terms(article)

    paths = sorted(gdelt.glob("*.txt"))[:limit]
    sets = {"gdelt articles": [(path.name, path) for path in paths]}
    with mixes.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines][:limit]
    sets["BBC mixes"] = [(record["id"], record["text"].encode("utf-8")) for record in records]
    samples, outlet_samples = [], []
    print(f"{'set':16} {'docs':>5} {'labels':>6} {'common':>7} {'name/phrase first':>17} {'outlet':>6} "
          f"{'local':>6}")
    for name, documents in sets.items():
        fits = []
        for key, source in documents:
            try:
                fits.append(fitted(load_article(source)))
            except ValueError:
                continue
            if len(samples) < LABEL_SAMPLES and len(fits) % max(1, len(documents) // (LABEL_SAMPLES // 2)) == 1:
                model = fits[-1][1]
                samples.append(f"{key}: " + " | ".join(model.theme_label(t) for t in range(model.n_themes_)))
        c, outlet_labels = label_figures(fits)
        outlet_samples += outlet_labels
        print(f"{name:16} {len(fits):5d} {c['labels']:6d} {c['common'] / max(c['terms'], 1):7.3f} "
              f"{c['name first'] / max(c['labels'], 1):17.3f} {c['outlet']:6d} "
              f"{c['local'] / max(c['local terms'], 1):6.3f}", flush=True)
    print("\nsample labels (themes of one document, ' | ' between them):")
    print("\n".join(samples))
    print("\nlabels holding an outlet's name:", *outlet_samples, sep="\n")


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["segments"]:
        parser = argparse.ArgumentParser(description="paragraph themes of the segments documents")
        parser.add_argument("--segments", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "segments")
        parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "bbc",
                            help="the corpus the Choi-style documents are drawn from")
        parser.add_argument("--limit", type=int, default=None,
                            help="the first N documents of each set (default: all; 100 Choi-style)")
        args = parser.parse_args(argv[1:])
        bench_segments(args.segments, args.corpus, args.limit)
        return
    if argv[:1] == ["labels"]:
        parser = argparse.ArgumentParser(description="theme labels of real news and of the BBC mixes")
        parser.add_argument("--gdelt", type=Path, default=GDELT_ARTICLES)
        parser.add_argument("--mixes", type=Path,
                            default=PROJECT_ROOT.parent / "shared" / "data" / "segments" / "bbc_mix.jsonl")
        parser.add_argument("--limit", type=int, default=None, help="the first N documents of each set")
        args = parser.parse_args(argv[1:])
        bench_labels(args.gdelt, args.mixes, args.limit)
        return
    if argv[:1] in (["cost"], ["cost-worker"]):
        parser = argparse.ArgumentParser(description="milliseconds per article of the themes stage")
        parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "bbc")
        parser.add_argument("--articles", type=int, default=50)
        parser.add_argument("--against", default=None, help="a git commit to time beside this tree")
        parser.add_argument("--rounds", type=int, default=3)
        args = parser.parse_args(argv[1:])
        if argv[0] == "cost-worker":
            print(f"{theme_stage_cost(args.corpus, args.articles, rounds=2):.3f}")
        else:
            bench_cost(args.corpus, args.articles, args.against, args.rounds)
        return
    if argv[:1] == ["memory"]:
        parser = argparse.ArgumentParser(description="peak memory of cluster_texts by number of paragraphs")
        parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "bbc")
        parser.add_argument("--sizes", type=int, nargs="+", default=[1250, 2500, 5000, 0],
                            help="numbers of paragraphs, the first of the corpus (0: all)")
        parser.add_argument("--k", type=int, default=5)
        parser.add_argument("--min-words", type=int, default=8)
        args = parser.parse_args(argv[1:])
        bench_memory(args.corpus, args.sizes, args.k, args.min_words)
        return
    if argv[:1] == ["corpus"]:
        argv = argv[1:]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--k", type=int, default=None, help="number of themes (default: the number of labels)")
    parser.add_argument("--min-words", type=int, default=8)
    parser.add_argument("--skewed", type=int, nargs="+", default=None, metavar="DRAW",
                        help="instead of the whole folder corpus, its articles in subsets skewed as Reuters R8 "
                             "is (skewed_subset), one per draw")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(R8_SIZES),
                        help="with --skewed, the class sizes in proportion, largest first (default R8's)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0],
                        help="random states; with several, the ablation rows are left out and each method's "
                             "mean and min over the seeds printed (methods alternate within each seed)")
    args = parser.parse_args(argv)
    if args.corpus.suffix == ".jsonl":
        levels = [("paragraph", *load_segment_corpus(args.corpus))]
    elif args.skewed:
        articles, labels, _, _ = load_corpus(args.corpus, min_words=args.min_words)
        levels = [(f"skewed draw {draw} article", *skewed_subset(articles, labels, draw, args.sizes))
                  for draw in args.skewed]
    else:
        articles, labels, paragraphs, paragraph_labels = load_corpus(args.corpus, min_words=args.min_words)
        levels = [("article", articles, labels), ("paragraph", paragraphs, paragraph_labels)]
    methods = [
        ("TF-IDF + k-means", tfidf_kmeans),
        ("TF-IDF + LSA + k-means", tfidf_lsa_kmeans),
        ("cluster_texts", lambda texts, k, seed=0: cluster_texts(texts, k=k, random_state=seed)),
        ("  without EM refinement", ablation(refine=False)),
        ("  without neighbour smoothing", ablation(n_neighbors=0)),
        ("  without both (lemmas+LSA+k-means)", ablation(refine=False, n_neighbors=0)),
        ("cluster_texts, k chosen (k=None)", lambda texts, k, seed=0: cluster_texts(texts, k=None, random_state=seed)),
    ]
    if len(args.seeds) > 1 or args.skewed:
        methods = [methods[1], methods[2]]
    everything: dict[str, list] = {name: [] for name, _ in methods}
    for level, texts, truth in levels:
        k = args.k or len(set(truth))
        sizes = sorted(Counter(truth).values(), reverse=True)
        print(f"{level} level: {len(texts)} texts, {len(sizes)} labels, k={k}"
              + (f" (sizes {' '.join(map(str, sizes))})" if len(sizes) <= 10 else ""))
        figures: dict[str, list] = {name: [] for name, _ in methods}
        for seed in args.seeds:
            for name, method in methods:
                figures[name].append(score(name, method, texts, truth, k, seed))
        if len(args.seeds) > 1:
            summary(f"over seeds {' '.join(map(str, args.seeds))}", figures)
        for name, rows in figures.items():
            everything[name] += rows
    if len(levels) > 1 and args.skewed:
        summary(f"over draws {' '.join(map(str, args.skewed))} and seeds {' '.join(map(str, args.seeds))}", everything)


def summary(over: str, figures: dict[str, list]) -> None:
    """Each method's NMI mean and min, ARI mean and seconds mean over its rows of (NMI, ARI, seconds)."""
    print(f"  {over}: NMI mean / min, ARI mean, seconds mean")
    for name, rows in figures.items():
        nmi, ari, seconds = np.array(rows).T
        print(f"  {name:<34} NMI {nmi.mean():.4f} / {nmi.min():.4f}  ARI {ari.mean():.4f}"
              f"  {seconds.mean():7.1f} s", flush=True)


if __name__ == "__main__":
    main()
