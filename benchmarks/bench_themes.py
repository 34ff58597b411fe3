"""Benchmark: ``cluster_texts`` against the labelled BBC corpus, beside two TF-IDF baselines.

Usage::

    python benchmarks/bench_themes.py [--corpus DIR] [--k 5] [--min-words 8]

``DIR`` holds one folder per label with one ``.txt`` article each (default ``../shared/data/bbc``
beside the project). Prints NMI, ARI and seconds for each method, at article level (whole texts)
and at paragraph level (paragraphs of at least ``--min-words`` words, labelled with their article's
label). ``cluster_texts`` is called exactly as a user would, its lemmatisation timed within (the
paragraph level reuses the lemmas cached at article level). The indented rows switch off one step
of the method each, to show what each contributes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

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
from analysis.themes import texts_terms


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
    """``cluster_texts`` with one step changed, on the terms it cached (so timed without lemmatising)."""
    return lambda texts, k: ThemeClustering(k, n_resamples=0, random_state=0, **options).fit(texts_terms(texts)).labels_


def score(name, method, texts, truth, k):
    """Print NMI and ARI against ``truth``, wall-clock and CPU seconds (the machine is shared), themes found."""
    started, cpu_started = time.perf_counter(), time.process_time()
    predicted = method(texts, k)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    nmi = normalized_mutual_info_score(truth, predicted)
    ari = adjusted_rand_score(truth, predicted)
    found = len(set(predicted))
    print(f"  {name:<34} NMI {nmi:.4f}  ARI {ari:.4f}  {seconds:7.1f} s  ({cpu:6.1f} s CPU)  k={found}", flush=True)
    return nmi


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--min-words", type=int, default=8)
    args = parser.parse_args(argv)
    articles, labels, paragraphs, paragraph_labels = load_corpus(args.corpus, min_words=args.min_words)
    methods = [
        ("TF-IDF + k-means", tfidf_kmeans),
        ("TF-IDF + LSA + k-means", tfidf_lsa_kmeans),
        ("cluster_texts", lambda texts, k: cluster_texts(texts, k=k, random_state=0)),
        ("  without EM refinement", ablation(refine=False)),
        ("  without neighbour smoothing", ablation(n_neighbors=0)),
        ("  without both (lemmas+LSA+k-means)", ablation(refine=False, n_neighbors=0)),
        ("cluster_texts, k chosen (k=None)", lambda texts, k: cluster_texts(texts, k=None, random_state=0)),
    ]
    for level, texts, truth in (("article", articles, labels), ("paragraph", paragraphs, paragraph_labels)):
        print(f"{level} level: {len(texts)} texts, {len(set(truth))} labels, k={args.k}")
        for name, method in methods:
            score(name, method, texts, truth, args.k)


if __name__ == "__main__":
    main()
