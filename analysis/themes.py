"""Themes: texts (an article's paragraphs, or a corpus's articles) grouped by topic, named, and scored.

The data flow, one step per function:

1. terms: spaCy lemmas of content words, plus multi-word names and compounds ("union state",
   "air defense") as single terms (:mod:`analysis.theme_terms`);
2. sublinear TF-IDF over those terms (a corpus of 100+ texts: without the terms of one text or of more
   than half, :func:`shared_terms`), reduced by LSA and L2-normalised (:class:`ThemeClustering`);
3. each text's vector averaged with its nearest neighbours' (in large collections), which smooths
   out the noise of short texts;
4. spherical k-means with many starts (the best inertia wins), then refined by a multinomial mixture
   fitted with EM on the TF-IDF weights: the mixture weighs every distinctive term of a theme where
   a centroid in LSA space only sees the dominant directions (a corpus with k given: against k-means at
   2k and 3k merged back to k, the highest silhouette winning, for themes of unequal sizes); for an
   article's paragraphs, reading order: the labelling with the least squared distance plus a penalty
   per change of theme between neighbours, among k-means, the best cut into contiguous runs and both
   polished (a theme may return);
5. the number of themes by silhouette (for paragraphs in reading order, the fewer of its choices with
   and without each paragraph's neighbours leaned in, and at most the number the Bayesian evidence of the
   term counts supports), or in collections of 100+ texts by silhouette times the
   agreement between clusterings of random halves (or set by the user); stability by re-clustering with a random
   part of the vocabulary left out; names by class-based TF-IDF.

One implementation serves any number of texts: the fit and its stability re-clusterings are *views*
of the TF-IDF (the vocabulary each keeps), clustered together by the vectorised NumPy of
:mod:`analysis.clustering` (exact LSA via the Gram matrix or randomized SVD for many texts,
:func:`batched_kmeans`, the EM and the silhouette over all views of a chunk at once).

:func:`cluster_texts` is the one-call entry point for raw strings; :func:`article_themes` reuses an
article's spaCy parse. The tables of a fitted model are in :mod:`analysis.tables`.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import combinations, islice
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy.sparse import csr_matrix
from threadpoolctl import ThreadpoolController

from .article import Article
from .clustering import (
    Views,
    adjusted_rand_index,
    adjusted_rand_indices,
    batched_kmeans,
    linear_assignment,
    lsa,
    merge_clusters,
    multinomial_refine,
    normalize_sparse,
    refine,
    seeded_random,
    sequence_evidence,
    sequence_labels,
    sequence_smooth,
    silhouette,
    smooth,
    themes_used,
    view_chunks,
)
from .compat import moved_names
from .references import ReferenceIndex, reference_index
from .resources import load_reference, packaged_path, read_rows, table_error
from .schema import Theme, ThemeChoice
from .theme_terms import (
    default_vectorizer,
    paragraph_terms,
    paragraph_terms_and_nameable,
    span_nameable_terms,
    span_terms,
    texts_terms,
    word_terms,
)

__all__ = [
    "ThemeClustering", "article_themes", "batched_kmeans", "cluster_texts", "default_vectorizer",
    "max_feasible_themes", "multinomial_refine", "paragraph_terms", "paragraph_theme_fields",
    "span_nameable_terms", "span_terms", "texts_terms", "theme_records", "word_terms",
]

# Two texts are one theme when their TF-IDF cosine similarity reaches this (no silhouette for n = 2).
PAIR_SIMILARITY = 0.1
# One smoothing neighbour per this many texts (none below it): short articles keep every paragraph's own vector.
TEXTS_PER_NEIGHBOUR = 20
# From this many texts the number of themes is chosen by silhouette × agreement between clusterings of
# halves, and the stability re-clusterings keep the number found instead of choosing their own.
STABLE_CHOICE_TEXTS = 100
HALF_SAMPLES = 6
TEXTS_PER_THEME = 2
# The LSA keeps at least this many dimensions per theme: 199 themes in 100 dimensions share directions (the
# 4,070 paragraphs of the Wikipedia segments labelled by their 199 articles, with the Hartigan moves of
# HARTIGAN_RUNS: NMI 0.833-0.836 at seeds 0-2 with 100 dimensions, 0.856-0.858 with 199, 0.845-0.853 with 398
# at twice the time, against 0.838-0.839 for TF-IDF + LSA(100) + k-means; ``bench_themes.py corpus --corpus
# ../shared/data/segments/wikitext_train.jsonl``). Up to 100 themes it changes nothing.
DIMENSIONS_PER_THEME = 1
# In a collection of STABLE_CHOICE_TEXTS or more, the k-means runs of least inertia improved by Hartigan's
# single-text moves before the least inertia picks one (:func:`~analysis.clustering.hartigan_moves`). With
# 199 themes of 4,070 Wikipedia paragraphs Lloyd's 20 runs stop at inertias of 1,860-1,990 and the best of
# them scored NMI 0.862 at seed 0 but 0.814-0.815 at seeds 1 and 2; after the moves each of the 40 runs of
# seeds 1 and 2 scores 0.83-0.85 and the least inertia of the best five Lloyd runs gives 0.846-0.858 at seeds
# 0-2. An article's paragraphs keep Lloyd's runs alone: the moves go text by text in Python, for every k
# tried and every stability view, and would cost more than the rest of the themes stage. Three of six
# Lloyd runs (:data:`CORPUS_OPTIONS`) score as the best five of twenty did, at half the time: NMI 0.8586 /
# 0.8583 / 0.8599 at seeds 0-2 against 0.8583 / 0.8558 / 0.8584 (12.4-13.4 s against 25.4-28.1 s), and
# the same on the 2,225 BBC articles (0.8994 / 0.9013 / 0.8963) and within 0.0002 on their 10,202 paragraphs.
HARTIGAN_RUNS = 3
# ``cluster_texts`` on a corpus: six k-means starts (the Hartigan moves do what more starts did), and the
# k-means labels checked against over-split ones merged back (``oversplit``, below).
CORPUS_OPTIONS = {"n_init": 6, "oversplit": True}
# With ``oversplit``, STABLE_CHOICE_TEXTS texts or more and the number of themes given (at most
# OVERSPLIT_MAX_THEMES), k-means' labels compete with those of k-means at each of these multiples of k merged
# back to k (:func:`~analysis.clustering.merge_clusters`),
# each refined by EM: the highest silhouette wins. With a few themes of very unequal sizes, k-means cuts the
# large ones and lumps the small together (its "uniform effect"), and both its inertia and the mixture's
# likelihood prefer that to the true classes; the cosine silhouette does not (higher for the true classes on
# 4 of the 5 R8-skewed BBC subsets below, and below the labels found on the balanced BBC corpus). On those
# subsets (``bench_themes.py corpus --skewed 0 1 2 3 4``, seeds 0 and 1) NMI 0.625 → 0.750, on draws 5-9, not
# looked at while choosing these factors, 0.564 → 0.645 (2k alone, checked after at seed 0: 0.721 and 0.599); the
# BBC articles and paragraphs keep k-means' labels (0.906 / 0.908 and 0.826 / 0.826). With more themes than
# classes it can pick worse: k = 8 on the BBC paragraphs' 5 labels, 0.661 → 0.642 (README, Themes).
OVERSPLIT_FACTORS = (2, 3)
# Over-splitting 199 themes of 4,070 Wikipedia paragraphs took 9× the time and k-means' labels won anyway.
OVERSPLIT_MAX_THEMES = 20
# ``cluster_texts`` on a corpus of STABLE_CHOICE_TEXTS or more texts leaves out the terms of fewer than this
# many texts or of more than this share of them, as the TF-IDF + LSA + k-means baseline does (``min_df=2,
# max_df=0.5``): a term of one text links no two, and 61-66 % of a corpus's terms are such (their weight only
# shortened the shared terms' in each L2-normalised row); "say" is in 87 % of BBC articles, the wikitext "unk"
# in 80 % of the Wikipedia paragraphs. NMI at seeds 0-2, before → after (``bench_themes.py corpus``): BBC
# articles 0.899 / 0.901 / 0.896 → 0.906 / 0.908 / 0.908, Wikipedia paragraphs 0.8586 / 0.8583 / 0.8599 →
# 0.8618 / 0.8595 / 0.8590, BBC paragraphs (seed 0) 0.816 → 0.826, the R8-skewed BBC subsets (draws 0-4,
# seeds 0-3) 0.609 → 0.616 mean.
CORPUS_TERM_TEXTS = (2, 0.5)
# Most themes tried in a collection of STABLE_CHOICE_TEXTS or more when choosing (each k costs
# HALF_SAMPLES clusterings of halves); an article's paragraphs try up to one theme per TEXTS_PER_THEME.
LARGE_COLLECTION_MAX_THEMES = 8
LABEL_STOPWORDS = packaged_path("theme_label_stopwords.tsv")
# How many articles of a background of news hold each common term (benchmarks/build_label_background.py).
LABEL_BACKGROUND = packaged_path("theme_label_background.tsv")
# A label term's score is its class TF-IDF times its specificity to this power: on the 310 GDELT articles
# (``bench_themes.py labels``) power 1 leaves 3.6 % of label terms among the background's 1,000 most common
# and puts a name or phrase first in 70.8 % of labels, power 2 1.0 % and 72.3 % (label terms more frequent
# in their theme than outside 0.980 and 0.977; without the background 28.4 %, 63.0 % and 0.986).
LABEL_SPECIFICITY_POWER = 2
# Besides the reporting verbs of LABEL_STOPWORDS, the words an outlet the article credits hangs from
# ("BelTA learned", "in an interview with CNN", "a Reuters request", "Reuters cited sources").
CREDIT_WORDS = frozenset({"learn", "hear", "interview", "request", "cite", "quote"})
# A theme's label is drawn from its this many most distinctive nameable terms (see :func:`_label_terms`).
LABEL_CANDIDATES = 30
# The options of an article's paragraph themes (beside the defaults ``ThemeClustering`` has for any texts):
# each change of theme between neighbouring paragraphs costs 0.25, against squared distances of unit vectors
# (0 to 4). Of 0.05-0.5 tried on the segments documents (0.15-0.3 with the neighbour-leaned contiguous cut),
# 0.25 raises sections of real articles most while BBC mixes whose themes return stay above TF-IDF + k-means
# (0.899 against 0.892: a thin margin); heavier penalties cut the mixes into runs (``bench_themes.py
# segments``). Reading order replaces the nearest-neighbour smoothing of long articles, which blurs
# neighbouring sections (0.39 against 0.28 ARI on the sections).
ARTICLE_OPTIONS: dict = {"switch_penalty": 0.25, "n_neighbors": 0}
# With reading order (a switch penalty), k is the fewer of the silhouette's choice on the paragraphs' vectors
# and on the same vectors each plus this weight times its neighbours' (a paragraph read with its context):
# the context sees a split of a running section as weak, its own vector a returning theme as distinct. Of
# 0.25-4 tried with penalties, BIC-like and elbow criteria on the sequence cost (those fall nearly linearly
# in k in the exact LSA space), 1 alone raised all three segments sets (``bench_themes.py segments``).
ORDER_SILHOUETTE_WEIGHT = 1.0


class Partition(NamedTuple):
    """One clustering: labels, why this many themes, silhouette and labels per k tried, the vectors."""

    labels: np.ndarray
    reason: str
    silhouette: dict
    candidates: dict
    embedding: np.ndarray
    smoothed: np.ndarray
    k_stability: dict | None = None  # half-sample agreement per k, when it chose the number


class _Parameters:
    """``get_params``/``set_params``, ``fit_predict`` and a short repr from the constructor's signature:
    what scikit-learn's ``BaseEstimator`` and ``ClusterMixin`` give (``clone`` and grid search work), without
    importing scikit-learn, whose import alone costs more than the rest of an article's analysis."""

    @classmethod
    def _parameters(cls) -> dict[str, inspect.Parameter]:
        return {name: p for name, p in inspect.signature(cls.__init__).parameters.items() if name != "self"}

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in self._parameters()}

    def set_params(self, **params):
        for name, value in params.items():
            if name not in self._parameters():
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}")
            setattr(self, name, value)
        return self

    def fit_predict(self, documents, y=None) -> np.ndarray:
        return self.fit(documents).labels_

    def __repr__(self) -> str:
        changed = [f"{name}={value!r}" for name, value in self.get_params().items()
                   if value is not self._parameters()[name].default and value != self._parameters()[name].default]
        return f"{type(self).__name__}({', '.join(changed)})"


class ThemeClustering(_Parameters):
    """Group texts into themes, choose how many, name them and say how firm each assignment is.

    Parameters
    ----------
    n_themes : int or None
        Number of themes; None chooses it by silhouette (see :func:`max_feasible_themes` for the range).
    max_themes : int or None
        Largest number of themes tried when choosing; None: one per two texts, and
        :data:`LARGE_COLLECTION_MAX_THEMES` in collections of :data:`STABLE_CHOICE_TEXTS` texts or more.
    n_components : int
        LSA dimensions (fewer when there are fewer texts or terms), and at least
        :data:`DIMENSIONS_PER_THEME` per theme for the largest number of themes tried.
    n_neighbors : int
        Most neighbours averaged into each vector (one per ``TEXTS_PER_NEIGHBOUR`` texts).
    n_init : int
        k-means starts; the run with the lowest inertia is kept.
    refine : bool
        Refine k-means by a multinomial mixture (EM) on the TF-IDF weights.
    n_resamples : int
        Re-clusterings with part of the vocabulary left out, for stability (0: no stability).
    keep_terms : float
        Share of the vocabulary kept in each re-clustering.
    sequence_weight : float
        Weight of each text's neighbours in reading order added to its vector before clustering (0: the
        order means nothing, as in a corpus).
    oversplit : bool
        With ``n_themes`` given (at most :data:`OVERSPLIT_MAX_THEMES`) and :data:`STABLE_CHOICE_TEXTS` texts
        or more, the labels of k-means at :data:`OVERSPLIT_FACTORS` times as many themes, merged back,
        compete with k-means' own by silhouette (suits themes of unequal sizes; :func:`cluster_texts` on a
        corpus).
    switch_penalty : float
        Cost of each change of theme between neighbours in reading order, against the squared distances
        of the vectors to their theme's centre (:func:`~analysis.clustering.sequence_labels`): 0 ignores
        the order, as in a corpus; an article's paragraphs use :data:`ARTICLE_OPTIONS`.
    vectorizer : scikit-learn vectorizer or None
        Turns the documents given to ``fit`` into a matrix; default :func:`default_vectorizer` on term lists.
    random_state : int
        Seed of every random step: the same input gives the same themes.

    Attributes
    ----------
    labels_ : ndarray of int, one theme per text, numbered in order of first appearance.
    n_themes_ : int; k_reason_ : str, why this number of themes.
    silhouette_ : dict {k: cosine silhouette} for every k tried.
    k_stability_ : dict {k: stability of the k-theme partition} for every k tried: mean theme stability
        over the re-clusterings, or (100+ texts) the half-sample agreement that chose k.
    terms_ : list of lists of the most distinctive terms per theme (class-based TF-IDF);
    term_scores_ : their scores.
    label_terms_ : list of lists per theme of the most distinctive terms that can name it (the
        ``nameable`` terms given to ``fit``: nouns, names, compounds), none a word of another; the label.
    sample_stability_ : ndarray in [0, 1], per text: share of re-clusterings that keep it in its theme.
    stability_ : ndarray in [0, 1], per theme: mean Jaccard overlap with its best match in each re-clustering.
    confidence_ : float in [0, 1], or NaN with one theme or no re-clustering: the warning for the whole
        partition, low when its themes are likely wrong (:func:`_confidence`).
    representatives_ : list of lists of text indices per theme, closest to the theme's centre first.
    embedding_ : ndarray, the L2-normalised LSA vectors (before smoothing).
    feature_names_ : ndarray of the vectorizer's terms.
    """

    def __init__(self, n_themes=None, *, max_themes=None, n_components=100, n_neighbors=10, n_init=20,
                 refine=True, n_resamples=20, keep_terms=0.8, sequence_weight=0.0, switch_penalty=0.0,
                 oversplit=False, vectorizer=None, random_state=0):
        self.n_themes = n_themes
        self.max_themes = max_themes
        self.n_components = n_components
        self.n_neighbors = n_neighbors
        self.n_init = n_init
        self.refine = refine
        self.n_resamples = n_resamples
        self.keep_terms = keep_terms
        self.sequence_weight = sequence_weight
        self.switch_penalty = switch_penalty
        self.oversplit = oversplit
        self.vectorizer = vectorizer
        self.random_state = random_state

    def fit(self, documents, y=None, *, nameable=None):
        """Cluster ``documents`` (term lists for the default vectorizer); returns self.

        ``nameable``: the terms that may name a theme (:func:`~analysis.theme_terms.span_nameable_terms`);
        None lets every term name one."""
        return self._fit(documents, nameable)

    def _fit(self, documents, nameable=None, *, describe=True):
        """:meth:`fit`; ``describe=False`` stops at the labels and their stability, without the themes'
        terms, labels and representatives (:func:`cluster_texts` returns only the labels)."""
        if len(documents) == 0:
            raise ValueError("no texts to cluster")
        if self.n_themes is not None and int(self.n_themes) < 1:
            raise ValueError(f"n_themes must be at least 1, got {self.n_themes}")
        if self.vectorizer is not None:
            from sklearn.base import clone  # a scikit-learn vectorizer given by the user

            self.vectorizer_ = clone(self.vectorizer)
        else:
            self.vectorizer_ = default_vectorizer()
        try:
            weights = normalize_sparse(csr_matrix(self.vectorizer_.fit_transform(documents), dtype=np.float64))
            self.feature_names_ = self.vectorizer_.get_feature_names_out()
        except ValueError:  # no term at all (empty vocabulary)
            weights = csr_matrix((len(documents), 0))
            self.feature_names_ = np.array([], dtype=object)
        # The term counts behind the weights (known for the term lists of the default vectorizer), for the
        # Bayesian evidence that bounds the number of themes in reading order.
        counts = _term_counts(documents, self.vectorizer_.vocabulary_) if (
            self.vectorizer is None and weights.shape[1] and self.switch_penalty > 0) else None
        # One BLAS thread for any number of texts: an article's many tiny products only lose time to thread
        # start-up, and on a busy machine threads spin while they wait for a core (a QR of 2,225 × 110
        # numbers took 1.3 s on two threads against 0.05 s on one under a load of 6). A corpus's large steps
        # share their runs, rows or blocks among threads of their own instead (``clustering.parallel_map``).
        with _thread_pools().limit(limits=1):
            self._fit_weights(weights, nameable, counts, describe)
        return self

    def _fit_weights(self, weights, nameable=None, counts=None, describe=True):
        """Everything after vectorising: partition, stability, and when ``describe``, names and
        representatives (``counts``: the texts × terms counts behind ``weights``, or None)."""
        columns = [np.arange(weights.shape[1]), *self._resample_columns(weights.shape[1])]
        if weights.shape[0] >= STABLE_CHOICE_TEXTS:
            # A large collection: the number of themes is chosen once, and the re-clusterings keep it.
            partition, = self._partitions(weights, columns[:1], self.n_themes)
            found = len(np.unique(partition.labels))
            resampled = self._partitions(weights, columns[1:], found) if found > 1 else []
        else:
            # An article's paragraphs: the fit and all its re-clusterings (each choosing its own
            # number of themes) are views clustered together.
            partition, *resampled = self._partitions(weights, columns, self.n_themes, counts)
        self.k_reason_, self.silhouette_, self.embedding_ = partition.reason, partition.silhouette, partition.embedding
        self.labels_ = _number_by_first_appearance(partition.labels)
        self.n_themes_ = int(self.labels_.max()) + 1
        candidates = {} if weights.shape[0] >= STABLE_CHOICE_TEXTS else partition.candidates
        self.sample_stability_, self.stability_, self.k_stability_ = _stability(self.labels_, candidates, resampled)
        self.k_stability_ = partition.k_stability or self.k_stability_
        self.confidence_ = _confidence(self.labels_, partition.smoothed, resampled, self.random_state)
        if not describe:
            return
        self._name_themes(weights, nameable)
        self.representatives_ = _representatives(partition.smoothed, self.labels_, self.n_themes_)

    def _resample_columns(self, n_terms: int) -> list[np.ndarray]:
        """The vocabulary kept by each stability re-clustering: a random ``keep_terms`` share, sorted."""
        if self.n_resamples <= 0 or n_terms < 2:
            return []
        keep = max(1, round(self.keep_terms * n_terms))
        # The draws of ``rng.choice(n_terms, keep, replace=False)``, without its checks on every call.
        with seeded_random(self.random_state) as rng:
            return [np.sort(rng.permutation(n_terms)[:keep]) for _ in range(self.n_resamples)]

    def _partitions(self, weights, column_sets: list[np.ndarray], n_themes: int | None,
                    counts=None) -> list[Partition]:
        """A :class:`Partition` of the rows of each view of ``weights`` (its ``column_sets``) into
        ``n_themes`` themes (None: each view chooses the number; with reading order and the term
        ``counts``, bounded by the Bayesian evidence of :func:`~analysis.clustering.sequence_evidence`)."""
        n = weights.shape[0]
        if weights.shape[1] == 0:
            reason = "one text: a single theme" if n == 1 else "no content words: a single theme"
            return [Partition(np.zeros(n, int), reason, {}, {}, np.zeros((n, 1)), np.zeros((n, 1)))
                    for _ in column_sets]
        if n_themes is not None:
            ks = [min(int(n_themes), n)]
        else:
            ks = list(range(2, max_feasible_themes(n, self.max_themes) + 1)) if n > 2 else []
        partitions = []
        for views, chunk_columns in view_chunks(weights, column_sets):
            embeddings, smoothed, found = self._labelings(views, ks)
            scores, in_order = {}, {}
            if n_themes is None:
                # With reading order, the silhouette of the vectors leaned on their neighbours' votes too; both
                # stacks are scored in one call (a view's score is its own).
                stacks = [smoothed]
                if self.switch_penalty > 0:
                    stacks.append(sequence_smooth(smoothed, ORDER_SILHOUETTE_WEIGHT))
                scored = np.concatenate(stacks)
                for k, labels in found.items():
                    values = silhouette(scored, np.tile(labels, (len(stacks), 1)), self.random_state)
                    scores[k], *leaned = np.split(values, len(stacks))
                    if leaned:
                        in_order[k] = leaned[0]
            similarity = views.pair_similarity() if n == 2 else None
            # With the term counts, the Bayesian evidence of one theme and of each k's labelling, per view.
            supported = None
            if counts is not None and in_order and not views.sparse and 2 < n < STABLE_CHOICE_TEXTS:
                labelings = np.stack([np.zeros_like(found[ks[0]]), *(found[k] for k in ks)], axis=1)
                supported = sequence_evidence(counts[None] * views.vocabulary[:, None, :], labelings)
            for view, columns in enumerate(chunk_columns):
                vectors = embeddings[view], smoothed[view]
                if n == 1:
                    partitions.append(Partition(np.zeros(1, int), "one text: a single theme, there is nothing "
                                                "to compare it with", {}, {}, *vectors))
                elif not np.any(vectors[0]):
                    partitions.append(Partition(np.zeros(n, int), "no content words: a single theme", {}, {},
                                                *vectors))
                elif n_themes is not None:
                    partitions.append(Partition(found[ks[0]][view], _user_reason(n_themes, n), {}, {}, *vectors))
                elif n == 2:
                    partitions.append(_pair_partition(similarity[view], *vectors))
                else:
                    view_scores = {k: float(scores[k][view]) for k in ks}
                    candidates = {k: found[k][view] for k in ks}
                    if n >= STABLE_CHOICE_TEXTS:
                        agreement = self._half_sample_agreement(weights[:, columns], ks)
                        partitions.append(_by_agreement(view_scores, agreement, candidates, *vectors))
                    else:
                        order_scores = {k: float(in_order[k][view]) for k in in_order}
                        evidence = None if supported is None else dict(zip([1, *ks], supported[view].tolist()))
                        partitions.append(_by_silhouette(view_scores, candidates, *vectors, order_scores, evidence))
        return partitions

    def _labelings(self, views: Views, ks: list[int]) -> tuple[np.ndarray, np.ndarray, dict]:
        """Each view's LSA vectors, the same smoothed by their neighbours, and its labels for each k."""
        n = views.tfidf.shape[-2]
        embeddings = lsa(views, max(self.n_components, DIMENSIONS_PER_THEME * max(ks, default=0)), self.random_state)
        smoothed = sequence_smooth(smooth(embeddings, min(self.n_neighbors, n // TEXTS_PER_NEIGHBOUR)),
                                   self.sequence_weight)
        return embeddings, smoothed, {k: self._cluster(smoothed, views, k) for k in ks}

    def _cluster(self, vectors: np.ndarray, views: Views, k: int) -> np.ndarray:
        """Spherical k-means of each view's ``vectors``, refined by a mixture on its TF-IDF; with ``oversplit``, the
        silhouette's choice between it and over-split labels merged back (:data:`OVERSPLIT_FACTORS`)."""
        n_views, n, _ = vectors.shape
        if k <= 1 or n <= k:
            return np.tile(np.arange(n) if k > 1 else np.zeros(n, int), (n_views, 1))
        labels = self._refined_kmeans(vectors, views, k, k)
        if self.oversplit and self.n_themes is not None and k <= OVERSPLIT_MAX_THEMES and n >= STABLE_CHOICE_TEXTS:
            found = [labels, *(self._refined_kmeans(vectors, views, k, factor * k) for factor in OVERSPLIT_FACTORS
                               if factor * k < n)]
            scores = np.stack([silhouette(vectors, labelling, self.random_state) for labelling in found])
            labels = np.stack(found)[scores.argmax(axis=0), np.arange(n_views)]  # k-means' own on ties
        if self.switch_penalty > 0:
            labels = sequence_labels(vectors, labels, k, self.switch_penalty)
        return labels

    def _refined_kmeans(self, vectors: np.ndarray, views: Views, k: int, centres: int) -> np.ndarray:
        """k-means of each view's ``vectors`` into ``centres`` clusters (best of ``n_init``), merged to ``k``
        when more, then refined by a mixture on its TF-IDF."""
        labels = batched_kmeans(vectors, centres, n_init=self.n_init, random_state=self.random_state,
                                hartigan=HARTIGAN_RUNS if vectors.shape[1] >= STABLE_CHOICE_TEXTS else 0)
        if centres > k:
            labels = merge_clusters(vectors, labels, k)
        if self.refine:
            refined = refine(views, labels, k)
            # A theme emptied by EM: keep k-means.
            labels = np.where((themes_used(refined, k) == k)[:, None], refined, labels)
        return labels

    def _half_sample_agreement(self, weights, ks: list[int]) -> dict:
        """Per k, the mean adjusted Rand index between clusterings of random halves, on the texts they share.

        In a large collection the silhouette keeps rising past the real number of topics, while a
        split into too many themes is drawn differently from one half of the texts to the next; the
        agreement alone favours the coarsest split, so the choice weighs it by the silhouette.
        """
        n = weights.shape[0]
        with seeded_random(self.random_state) as rng:
            halves = [np.sort(rng.choice(n, n // 2, replace=False)) for _ in range(HALF_SAMPLES)]
        found = []
        for half in halves:
            (views, _), = view_chunks(weights[half], [np.arange(weights.shape[1])])
            found.append({k: labels[0] for k, labels in self._labelings(views, ks)[2].items()})
        scores = dict.fromkeys(ks, 0.0)
        pairs = list(combinations(range(HALF_SAMPLES), 2))
        for a, b in pairs:
            _, in_a, in_b = np.intersect1d(halves[a], halves[b], return_indices=True)
            for k in ks:
                scores[k] += adjusted_rand_index(found[a][k][in_a], found[b][k][in_b]) / len(pairs)
        return {k: float(value) for k, value in scores.items()}

    def _name_themes(self, weights, nameable=None, top=8, label_size=3):
        """Class-based TF-IDF: a term's share of a theme's weight times log(1 + mean theme weight / its total);
        terms holding a word of :func:`label_stopwords` name nothing and are left out. The label takes the
        best ``nameable`` terms by that score times their :func:`label_specificity` (so "line" or "look",
        common in any news, give way to names and phrases), a phrase in place of its own words ("air
        defense", not "air / defense")."""
        if weights.shape[1] == 0:
            self.terms_ = [[] for _ in range(self.n_themes_)]
            self.term_scores_ = [[] for _ in range(self.n_themes_)]
            self.label_terms_ = [[] for _ in range(self.n_themes_)]
            return
        members = np.eye(self.n_themes_)[self.labels_]  # texts × themes
        per_theme = np.asarray(weights.T @ members).T
        tf = per_theme / np.maximum(per_theme.sum(axis=1, keepdims=True), 1e-12)
        idf = np.log1p(per_theme.sum(axis=1).mean() / np.maximum(per_theme.sum(axis=0), 1e-12))
        scores = tf * idf
        unnamed = label_stopwords()
        nameless = np.array([bool(unnamed.intersection(str(term).split())) for term in self.feature_names_])
        specific = label_specificity(self.feature_names_)
        self.terms_, self.term_scores_, self.label_terms_ = [], [], []
        name_rank = np.argsort(np.argsort(self.feature_names_))  # alphabetical order, for ties of score
        for row in scores:
            named = np.flatnonzero((row > 0) & ~nameless)
            order = named[np.lexsort((name_rank[named], -row[named]))].tolist()
            self.terms_.append([str(self.feature_names_[i]) for i in order[:top]])
            self.term_scores_.append([float(row[i]) for i in order[:top]])
            label_order = named[np.lexsort((name_rank[named], -(row * specific ** LABEL_SPECIFICITY_POWER)[named]))]
            names = (str(self.feature_names_[i]) for i in label_order)
            self.label_terms_.append(_label_terms((t for t in names if nameable is None or t in nameable), label_size))

    def theme_label(self, theme: int, n_terms: int = 3) -> str:
        """A short name: the theme's most distinctive nameable terms joined by ' / '."""
        return " / ".join((self.label_terms_[theme] or self.terms_[theme])[:n_terms]) or f"theme {theme}"


def _label_terms(ranked: Iterable[str], size: int) -> list[str]:
    """The first ``size`` of ``ranked`` terms that share no word with one taken before; a phrase made of
    words taken before takes their place ("prime minister" for "minister" and "prime"), looked for among
    the first :data:`LABEL_CANDIDATES` terms, since a phrase is rarer than each of its words."""
    taken: list[str] = []
    for term in islice(ranked, LABEL_CANDIDATES):
        words = set(term.split())
        overlapping = [i for i, other in enumerate(taken) if words & set(other.split())]
        if not overlapping:
            if len(taken) < size:
                taken.append(term)
        elif all(set(taken[i].split()) < words for i in overlapping):
            taken[overlapping[0]] = term
            for i in reversed(overlapping[1:]):
                del taken[i]
    return taken


def label_specificity(terms, path=LABEL_BACKGROUND) -> np.ndarray:
    """How specific each term is against a background of news, in (0, 1]: its inverse document frequency
    log(N / df) in :func:`label_background`, over that of the table's rarest listed terms; a term the
    table does not list (rarer than its rarest, a name, most phrases) scores 1."""
    specificity = load_reference(Path(path), _read_label_specificity)
    return np.array([specificity.get(t, 1.0) for t in map(str, terms)])


def _read_label_specificity(path: Path) -> dict[str, float]:
    """Each term of :func:`label_background` → its specificity, computed once per version of the table."""
    articles, frequency = label_background(path)
    rarest = np.log(articles / min(frequency.values(), default=1))
    return {term: min(1.0, np.log(articles / count) / rarest) for term, count in frequency.items()}


def label_background(path=LABEL_BACKGROUND) -> tuple[int, dict[str, int]]:
    """The number of background articles and how many of them hold each common term (an editable table)."""
    return load_reference(Path(path), _read_label_background)


def _read_label_background(path: Path) -> tuple[int, dict[str, int]]:
    frequency = {}
    for line, row in read_rows(path, columns=("term", "documents")):
        if not row["documents"].isdigit() or int(row["documents"]) < 1:
            raise table_error(path, line, f"documents must be a positive count, got {row['documents']!r}")
        frequency[row["term"]] = int(row["documents"])
    articles = frequency.pop("*", 0)
    if articles < max(frequency.values(), default=1):
        raise table_error(path, 1, "the first row ('*') must give the number of articles, at least any count")
    return articles, frequency


def label_stopwords(path=LABEL_STOPWORDS) -> frozenset[str]:
    """The words that name no theme (reporting verbs, titles, function-like words): an editable table."""
    return load_reference(Path(path), _read_label_stopwords)


def _read_label_stopwords(path: Path) -> frozenset[str]:
    words = set()
    for line, row in read_rows(path, columns=("word",)):
        if not row["word"] or " " in row["word"]:
            raise table_error(path, line, f"a word must be one lower-case lemma, got {row['word']!r}")
        words.add(row["word"].lower())
    return frozenset(words)


@functools.cache
def _thread_pools() -> ThreadpoolController:
    """The process's BLAS/OpenMP thread pools, found once (finding them reads every loaded library)."""
    return ThreadpoolController()


def max_feasible_themes(n_texts: int, max_themes: int | None = None) -> int:
    """The most themes tried for ``n_texts``: two texts per theme on average and at most ``2 √n``, at
    most ``max_themes`` (None: :data:`LARGE_COLLECTION_MAX_THEMES` from :data:`STABLE_CHOICE_TEXTS` texts).

    In an article the silhouette keeps rising as themes shrink to single paragraphs, so the range stops at
    ``n / 2``, and in a long one at ``2 √n`` (12 themes for 40 paragraphs); 3 texts still try 2.
    """
    if max_themes is None:
        max_themes = LARGE_COLLECTION_MAX_THEMES if n_texts >= STABLE_CHOICE_TEXTS else int(2 * np.sqrt(n_texts))
    return min(n_texts - 1, max(2, min(max_themes, n_texts // TEXTS_PER_THEME)))


def _by_silhouette(scores: dict, candidates: dict, embedding: np.ndarray, smoothed: np.ndarray,
                   order_scores: dict | None = None, evidence: dict | None = None) -> Partition:
    """The partition whose number of themes has the highest silhouette (the fewest on ties); one
    theme when no split scores above 0. With ``order_scores`` (the silhouettes in reading order, see
    :data:`ORDER_SILHOUETTE_WEIGHT`), the fewer of the two numbers of themes they choose; with
    ``evidence`` ({k: log evidence of the k-theme labelling, 1 included}), at most the number it prefers:
    the silhouette of a few dozen paragraphs barely rises above noise, and the words' evidence keeps a
    split they do not support from being chosen."""
    best = max(scores, key=lambda k: (scores[k], -k))
    if scores[best] <= 0:
        reason = f"no split scored a positive silhouette (best {scores[best]:.2f}): one theme"
        return Partition(np.zeros(len(embedding), int), reason, scores, candidates, embedding, smoothed)
    reason = f"{best} themes: the highest silhouette ({scores[best]:.2f})"
    if order_scores:
        in_order = max(order_scores, key=lambda k: (order_scores[k], -k))
        if in_order < best:
            reason = (f"{in_order} themes: the highest silhouette in reading order ({order_scores[in_order]:.2f}; "
                      f"{best} themes have the highest of the paragraphs alone, {scores[best]:.2f})")
            best = in_order
    if evidence:
        supported = max(evidence, key=lambda k: (evidence[k], -k))
        if supported < best:
            reason = (f"{supported} theme{'s' if supported > 1 else ''}: the most the words' evidence supports "
                      f"(the Bayesian evidence of the labelling in reading order is highest there; the "
                      f"silhouettes chose {best})")
            if supported == 1:
                return Partition(np.zeros(len(embedding), int), reason, scores, candidates, embedding, smoothed)
            best = supported
    return Partition(candidates[best], reason, scores, candidates, embedding, smoothed)


def _by_agreement(scores: dict, agreement: dict, candidates: dict, embedding: np.ndarray,
                  smoothed: np.ndarray) -> Partition:
    """The partition whose number of themes has the highest silhouette × half-sample agreement (the
    fewest on ties): the choice in collections of :data:`STABLE_CHOICE_TEXTS` texts or more."""
    merit = {k: max(scores[k], 0.0) * agreement[k] for k in candidates}
    best = max(merit, key=lambda k: (merit[k], -k))
    reason = (f"{best} themes: the best silhouette ({scores[best]:.2f}) × agreement between "
              f"clusterings of random halves (adjusted Rand index {agreement[best]:.2f})")
    return Partition(candidates[best], reason, scores, candidates, embedding, smoothed, agreement)


def _pair_partition(similarity: float, embedding: np.ndarray, smoothed: np.ndarray) -> Partition:
    """Two texts: one theme when their TF-IDF cosine ``similarity`` reaches :data:`PAIR_SIMILARITY` (no
    silhouette exists for two texts)."""
    together = similarity >= PAIR_SIMILARITY
    reason = (f"two texts, cosine similarity {similarity:.2f} "
              f"{'≥' if together else '<'} {PAIR_SIMILARITY}: {'one theme' if together else 'two themes'}")
    return Partition(np.array([0, 0 if together else 1]), reason, {}, {}, embedding, smoothed)


def _term_counts(documents, vocabulary: dict) -> np.ndarray:
    """The texts × terms counts of term lists, in the columns of ``vocabulary`` ({term: column})."""
    counts = np.zeros((len(documents), len(vocabulary)), dtype=int)
    for row, terms in enumerate(documents):
        for term, count in Counter(terms).items():
            counts[row, vocabulary[term]] = count
    return counts


def _user_reason(n_themes: int, n_texts: int) -> str:
    k = min(int(n_themes), n_texts)
    return f"{k} themes set by the user" + ("" if k == int(n_themes) else f" (at most {n_texts} texts)")


def _stability(labels: np.ndarray, candidates: dict, resampled: list[Partition]):
    """Stability of ``labels`` per text and per theme, and of each candidate k, over re-clusterings.

    Each re-clustering (``resampled``) kept a random share of the vocabulary and decided the
    number of themes as the fit did (in collections of ``STABLE_CHOICE_TEXTS`` or more, kept the
    number found); themes are matched to its clusters by overlap. The same runs score the
    partition found for every k tried (``candidates``).
    """
    count = int(labels.max()) + 1
    if not resampled or count == 1:
        value = 1.0 if count == 1 else np.nan
        return np.full(len(labels), value), np.full(count, value), {}
    found = np.stack([run.labels for run in resampled])
    runs = len(resampled)
    tables = _contingency(labels, found)  # every run's table at once (columns up to the largest run's clusters)
    agree = _matched_agreement(labels, found, tables).sum(axis=0) / runs  # counts of 0s and 1s: exact in any order
    jaccard = sum(_best_jaccard(labels, found, count)) / runs
    per_k = {k: sum(_best_jaccard(labelling, np.stack([run.candidates.get(k, run.labels) for run in resampled]),
                                  k).mean(axis=1).tolist()) / runs
             for k, labelling in candidates.items()}
    return agree, jaccard, per_k


def _confidence(labels: np.ndarray, vectors: np.ndarray, resampled: list[Partition], random_state: int = 0) -> float:
    """The mean of two chance-corrected scores of ``labels``, at least 0: their mean adjusted Rand index with
    the stability re-clusterings (``resampled``) and their cosine silhouette on ``vectors`` (those they were
    clustered on); NaN with one theme or no re-clustering.

    A warning for the whole partition: its rank correlation with the ARI against gold themes is higher
    than the stability's on every set of ``bench_themes.py segments`` (README, Themes), since a partition can
    be drawn the same way every time and still separate its texts barely, or the reverse.
    """
    if not resampled or labels.max() == 0:
        return np.nan
    agreement = adjusted_rand_indices(_contingency(labels, np.stack([run.labels for run in resampled]))).mean()
    separation = silhouette(vectors[None], labels[None], random_state)[0]
    return max(0.0, float(agreement + separation) / 2)


def _number_by_first_appearance(labels: np.ndarray) -> np.ndarray:
    order = {label: i for i, label in enumerate(dict.fromkeys(labels.tolist()))}
    return np.array([order[label] for label in labels.tolist()], dtype=int)


def _contingency(labels: np.ndarray, others: np.ndarray, n_themes: int | None = None) -> np.ndarray:
    """Texts per (theme of ``labels``, cluster of ``others``): one table, or one per row of a stack of ``others``."""
    if others.ndim == 1:
        return _contingency(labels, others[None], n_themes)[0]
    shape = (len(others), max(int(labels.max()) + 1, n_themes or 0), int(others.max()) + 1)
    cells = (np.arange(len(others))[:, None] * shape[1] + labels[None, :]) * shape[2] + others
    return np.bincount(cells.ravel(), minlength=np.prod(shape)).reshape(shape).astype(float)


def _matched_agreement(labels: np.ndarray, others: np.ndarray, tables: np.ndarray) -> np.ndarray:
    """Per row of ``others`` (runs × texts), 1 where a text's theme is matched (Hungarian, by overlap) to its
    cluster in that run, else 0 (``tables``: their :func:`_contingency`, one per run).

    When every theme overlaps one cluster most, strictly, and no two themes the same one, that matching
    is the one best assignment: no need for the Hungarian method. Every theme has texts, so the columns
    of the clusters a run lacks (zeros) are never a row's most."""
    best = tables.argmax(axis=2)  # runs × themes
    ordered = np.sort(best, axis=1)
    distinct = (ordered[:, 1:] != ordered[:, :-1]).all(axis=1)
    plain = distinct & ((tables == tables.max(axis=2, keepdims=True)).sum(axis=2) == 1).all(axis=1)
    matches = best.copy()
    for run in np.flatnonzero(~plain):
        rows, cols = linear_assignment(-tables[run, :, :int(others[run].max()) + 1])
        matches[run] = -1
        matches[run, rows] = cols
    return (np.take_along_axis(matches, np.broadcast_to(labels, others.shape), axis=1) == others).astype(float)


def _best_jaccard(labels: np.ndarray, others: np.ndarray, n_themes: int) -> np.ndarray:
    """Per theme, the highest Jaccard overlap with any cluster of ``others`` (Hennig's cluster stability); per
    row of a stack of ``others``, one row of themes each."""
    shared = _contingency(labels, others, n_themes)[..., :n_themes, :]
    union = shared.sum(axis=-1, keepdims=True) + shared.sum(axis=-2, keepdims=True) - shared
    return (shared / np.maximum(union, 1)).max(axis=-1)


def _representatives(vectors: np.ndarray, labels: np.ndarray, n_themes: int) -> list[list[int]]:
    """Per theme, its members ordered by cosine similarity to the theme's mean vector (closest first;
    equally close ones in reading order, whatever the rounding of the last digits)."""
    result = []
    for theme in range(n_themes):
        members = np.flatnonzero(labels == theme)
        centre = vectors[members].mean(axis=0)
        similarity = np.round(vectors[members] @ centre, 9)
        result.append([int(members[i]) for i in np.lexsort((members, -similarity))])
    return result


def cluster_texts(texts, k: int | None = None, random_state: int = 0, *, in_order: bool = False) -> list[int]:
    """One theme label per text (raw strings: paragraphs, or whole articles of a corpus).

    ``k`` fixes the number of themes; None chooses it by silhouette. ``in_order``: the texts are one
    document's paragraphs in reading order, clustered as an article's are (:data:`ARTICLE_OPTIONS`, and
    the terms of spaCy's tagging, :func:`~analysis.theme_terms.texts_terms`, as :func:`article_themes`
    reads them from the parse). Otherwise (a corpus, any number of texts) the terms are read without a
    parse (:func:`~analysis.theme_terms.word_terms`): tagging every text is most of a corpus's time. No
    stability resampling here: use :class:`ThemeClustering` for stability, names and representatives.

    >>> cluster_texts(["Rain and snow fell on the hills.", "The striker scored twice in the final."], k=2)
    [0, 1]
    """
    texts = list(texts)
    if not texts:
        return []
    options, terms = (ARTICLE_OPTIONS, texts_terms(texts)) if in_order else (CORPUS_OPTIONS, word_terms(texts))
    if not in_order and len(texts) >= STABLE_CHOICE_TEXTS:
        terms = shared_terms(terms, *CORPUS_TERM_TEXTS)
    model = ThemeClustering(k, n_resamples=0, random_state=random_state, **options)._fit(terms, describe=False)
    return model.labels_.tolist()


def shared_terms(documents: list[list[str]], min_texts: int, max_share: float) -> list[list[str]]:
    """Each term list without the terms found in fewer than ``min_texts`` of the lists or in more than
    ``max_share`` of them (the document-frequency cut-offs of a corpus, :data:`CORPUS_TERM_TEXTS`).

    >>> shared_terms([["rain", "snow"], ["rain", "goal"], ["goal", "cup"], ["goal"]], 2, 0.75)
    [['rain'], ['rain', 'goal'], ['goal'], ['goal']]
    """
    texts = Counter(term for terms in documents for term in set(terms))
    kept = {term for term, count in texts.items() if min_texts <= count <= max_share * len(documents)}
    return [[term for term in terms if term in kept] for terms in documents]


def article_themes(article: Article, *, n_themes: int | None = None, random_state: int = 0,
                   **options) -> ThemeClustering:
    """The article's paragraphs clustered into themes (a fitted :class:`ThemeClustering`)."""
    terms, nameable = paragraph_terms_and_nameable(article)
    return ThemeClustering(n_themes, random_state=random_state, **{**ARTICLE_OPTIONS, **options}).fit(
        terms, nameable=nameable - credited_outlet_terms(article, nameable))


def credited_outlet_terms(article: Article, terms: Iterable[str]) -> set[str]:
    """Those of ``terms`` that hold the name of a news outlet the article credits (the media table, named
    as the subject or object of a reporting verb or of :data:`CREDIT_WORDS`, or closing a bracket: "told
    Fox News Digital", "CNN reported", "according to Reuters", "BelTA learned", "(… - PAP)"): who
    reports names no theme. A run of an outlet's words counts only when the article uses it
    only inside outlet names ("fox" and "fox news", not "news" when the article also speaks of news)."""
    text = article.text
    mentions = [(m.start(), m.end()) for m in _outlet_mentions(_outlet_names(reference_index()), text)]
    if not mentions:
        return set()
    crediting, runs = label_stopwords() | CREDIT_WORDS, set()
    for start, end in mentions:
        span = article.doc.char_span(start, end, alignment_mode="expand")
        heads = {span.root.head.lemma_.lower(), span.root.head.head.lemma_.lower()}
        if heads & crediting or text[end:end + 1] == ")":
            words = text[start:end].lower().split()
            runs |= {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    lowered = text.lower()
    runs = {run for run in runs if all(any(s <= m.start() and m.end() <= e for s, e in mentions)
                                       for m in re.finditer(rf"(?<!\w){re.escape(run)}(?!\w)", lowered))}
    return {term for term in terms if any(f" {run} " in f" {term} " for run in runs)}


@functools.lru_cache(maxsize=1)
def _outlet_names(index: ReferenceIndex) -> tuple[str, ...]:
    """Names and aliases of the news media table, longest first (a longer name wins where two start); once
    per index (a new one when a table changes)."""
    names = {surface for surface, match in index.exact.items() if match.reference.type == "media"}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


def _outlet_mentions(names: tuple[str, ...], text: str) -> Iterator[re.Match]:
    """The whole-word mentions of ``names`` in ``text``, leftmost first, the first of ``names`` where two start.

    The alternation holds only the names found in ``text`` (in their order): the others match nowhere, so
    the matches are those of all names, without trying every name at every character."""
    present = [re.escape(name) for name in names if name in text]
    if not present:
        return iter(())
    return re.finditer("|".join(rf"(?<!\w){name}(?!\w)" for name in present), text)


def theme_records(article: Article, model: ThemeClustering) -> tuple[list[Theme], ThemeChoice]:
    """The fitted themes as records of the ``analyze`` result: each theme, and how their number was chosen."""

    def rounded(value: float) -> float | None:
        return None if np.isnan(value) else round(float(value), 4)

    paragraph_ids = [p.id for p in article.paragraphs]
    themes = [
        Theme(theme, model.theme_label(theme), tuple(model.terms_[theme]),
              tuple(paragraph_ids[i] for i in np.flatnonzero(model.labels_ == theme)),
              tuple(paragraph_ids[i] for i in model.representatives_[theme][:2]), rounded(model.stability_[theme]))
        for theme in range(model.n_themes_)
    ]
    choice = ThemeChoice(model.n_themes_, model.k_reason_,
                         {str(k): round(s, 4) for k, s in model.silhouette_.items()},
                         {str(k): round(s, 4) for k, s in model.k_stability_.items()}, rounded(model.confidence_))
    return themes, choice


def paragraph_theme_fields(model: ThemeClustering) -> list[tuple[int, float | None]]:
    """``(theme_id, theme_stability)`` of each paragraph, in paragraph order."""
    return [(int(label), None if np.isnan(s) else round(float(s), 4))
            for label, s in zip(model.labels_, model.sample_stability_)]


# Views that left the stage (views present, stages compute); imported on first use, so no pandas here.
__getattr__ = moved_names(__name__, {"theme_table": ".tables", "paragraph_theme_table": ".tables"})
