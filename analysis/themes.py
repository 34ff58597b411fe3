"""Themes: texts (an article's paragraphs, or a corpus's articles) grouped by topic, named, and scored.

The data flow, one step per function:

1. terms: spaCy lemmas of content words, plus multi-word names and compounds ("union state",
   "air defense") as single terms (:func:`span_terms`, :func:`texts_terms`);
2. sublinear TF-IDF over those terms, reduced by LSA and L2-normalised (:class:`ThemeClustering`);
3. each text's vector averaged with its nearest neighbours' (in large collections), which smooths
   out the noise of short texts;
4. spherical k-means with many starts (the best inertia wins), then refined by a multinomial mixture
   fitted with EM on the TF-IDF weights: the mixture weighs every distinctive term of a theme where
   a centroid in LSA space only sees the dominant directions;
5. the number of themes by silhouette, or in collections of 100+ texts by silhouette times the
   agreement between clusterings of random halves (or set by the user); stability by re-clustering with a random
   part of the vocabulary left out; names by class-based TF-IDF.

An article's paragraphs (2 to 99 texts) take a fast path that gives the same steps: the fit and its
stability re-clusterings are one batch of views, clustered by vectorised NumPy (exact LSA,
:func:`batched_kmeans`, the EM and the silhouette over all views at once) instead of a few hundred
small scikit-learn fits. Larger collections use scikit-learn's TruncatedSVD and KMeans.

:func:`cluster_texts` is the one-call entry point for raw strings; :func:`article_themes` reuses an
article's spaCy parse.
"""

from __future__ import annotations

import functools
import re
import warnings
from itertools import combinations
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix, issparse
from sklearn.base import BaseEstimator, ClusterMixin, clone
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from spacy.language import Language
from spacy.tokens import Doc, Span
from threadpoolctl import ThreadpoolController

from .article import Article
from .nlp import load_model
from .schema import Theme, ThemeChoice
from .tables import opening_words

# Pipeline components the terms need: the tagger's part of speech drives the rule-based lemmatizer.
TERM_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
NOUN_TAGS = ("NOUN", "PROPN")
MAX_COMPOUND_TOKENS = 4
# Two texts are one theme when their TF-IDF cosine similarity reaches this (no silhouette for n = 2).
PAIR_SIMILARITY = 0.1
# One smoothing neighbour per this many texts (none below it): short articles keep every paragraph's own vector.
TEXTS_PER_NEIGHBOUR = 20
SILHOUETTE_SAMPLE = 2000
# From this many texts the number of themes is chosen by silhouette × agreement between clusterings of halves.
STABLE_CHOICE_TEXTS = 100
HALF_SAMPLES = 6
# From this many texts (and below STABLE_CHOICE_TEXTS) the fit and its re-clusterings run as one batch.
BATCH_MIN_TEXTS = 2
KMEANS_MAX_ITER = 100
# Below this many texts k-means runs on one thread: its many tiny fits only lose time to thread start-up
# and, on a busy machine, to threads spinning while they wait for a core.
PARALLEL_MIN_TEXTS = 1000
TEXTS_PER_THEME = 3
_BLANK_LINES = re.compile(r"\n\s*\n")
_TERM_CACHE: dict[str, tuple[str, ...]] = {}
_TERM_CACHE_LIMIT = 200_000


def _is_content(token) -> bool:
    return token.is_alpha and not token.is_stop and len(token) > 1


def span_terms(span: Doc | Span) -> list[str]:
    """The terms of a text: lower-case lemmas of content words, then its multi-word nouns and names.

    A run of two to four adjacent nouns or proper nouns ("Union State", "air defense") is added as one
    term beside its words, so the phrase counts as itself and its words still link it to other texts.

    >>> from analysis.nlp import load_model
    >>> span_terms(load_model()("The Union State strengthened its air defense."))
    ['union', 'state', 'strengthen', 'air', 'defense', 'union state', 'air defense']
    """
    terms = [token.lemma_.lower() for token in span if _is_content(token)]
    run: list = []
    for token in [*span, None]:
        if token is not None and token.pos_ in NOUN_TAGS and _is_content(token):
            run.append(token)
            continue
        if 2 <= len(run) <= MAX_COMPOUND_TOKENS:
            terms.append(" ".join(t.lemma_.lower() for t in run))
        run = []
    return terms


def texts_terms(texts: list[str], *, nlp: Language | None = None, batch_size: int = 64) -> list[list[str]]:
    """:func:`span_terms` of raw strings, lemmatised with ``nlp.pipe`` (tagger and lemmatizer only).

    Texts are cut at blank lines and each block's terms are cached for the process, so clustering the
    paragraphs of texts already seen (or the texts again) parses nothing twice.
    """
    nlp = nlp or load_model()
    blocks = [[block.strip() for block in _BLANK_LINES.split(text) if block.strip()] for text in texts]
    missing = list(dict.fromkeys(b for text_blocks in blocks for b in text_blocks if b not in _TERM_CACHE))
    if len(_TERM_CACHE) + len(missing) > _TERM_CACHE_LIMIT:
        _TERM_CACHE.clear()
        missing = list(dict.fromkeys(b for text_blocks in blocks for b in text_blocks))
    disabled = [name for name in nlp.pipe_names if name not in TERM_COMPONENTS]
    for block, doc in zip(missing, nlp.pipe(missing, disable=disabled, batch_size=batch_size)):
        _TERM_CACHE[block] = tuple(span_terms(doc))
    return [[term for block in text_blocks for term in _TERM_CACHE[block]] for text_blocks in blocks]


def paragraph_terms(article: Article) -> list[list[str]]:
    """:func:`span_terms` of each paragraph, read from the article's one parse (no second parse)."""
    return [span_terms(article.doc.char_span(p.start, p.end, alignment_mode="expand")) for p in article.paragraphs]


def _identity(terms):
    return terms


def default_vectorizer() -> TfidfVectorizer:
    """Sublinear TF-IDF over term lists: a term said ten times weighs about three times one said once."""
    return TfidfVectorizer(analyzer=_identity, sublinear_tf=True)


class Partition(NamedTuple):
    """One clustering: labels, why this many themes, silhouette and labels per k tried, the vectors."""

    labels: np.ndarray
    reason: str
    silhouette: dict
    candidates: dict
    embedding: np.ndarray
    smoothed: np.ndarray
    k_stability: dict | None = None  # half-sample agreement per k, when it chose the number


class ThemeClustering(ClusterMixin, BaseEstimator):
    """Group texts into themes, choose how many, name them and say how firm each assignment is.

    Parameters
    ----------
    n_themes : int or None
        Number of themes; None chooses it by silhouette (see :func:`max_feasible_themes` for the range).
    max_themes : int
        Largest number of themes tried when choosing.
    n_components : int
        LSA dimensions (fewer when there are fewer texts or terms).
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
    sample_stability_ : ndarray in [0, 1], per text: share of re-clusterings that keep it in its theme.
    stability_ : ndarray in [0, 1], per theme: mean Jaccard overlap with its best match in each re-clustering.
    representatives_ : list of lists of text indices per theme, closest to the theme's centre first.
    embedding_ : ndarray, the L2-normalised LSA vectors (before smoothing).
    feature_names_ : ndarray of the vectorizer's terms.
    """

    def __init__(self, n_themes=None, *, max_themes=8, n_components=100, n_neighbors=10, n_init=20,
                 refine=True, n_resamples=20, keep_terms=0.8, vectorizer=None, random_state=0):
        self.n_themes = n_themes
        self.max_themes = max_themes
        self.n_components = n_components
        self.n_neighbors = n_neighbors
        self.n_init = n_init
        self.refine = refine
        self.n_resamples = n_resamples
        self.keep_terms = keep_terms
        self.vectorizer = vectorizer
        self.random_state = random_state

    def fit(self, documents, y=None):
        """Cluster ``documents`` (term lists for the default vectorizer); returns self."""
        if len(documents) == 0:
            raise ValueError("no texts to cluster")
        if self.n_themes is not None and int(self.n_themes) < 1:
            raise ValueError(f"n_themes must be at least 1, got {self.n_themes}")
        self.vectorizer_ = clone(self.vectorizer) if self.vectorizer is not None else default_vectorizer()
        try:
            weights = normalize(self.vectorizer_.fit_transform(documents))
            self.feature_names_ = self.vectorizer_.get_feature_names_out()
        except ValueError:  # no term at all (empty vocabulary)
            weights = csr_matrix((len(documents), 0))
            self.feature_names_ = np.array([], dtype=object)
        with _thread_pools().limit(limits=1 if weights.shape[0] < PARALLEL_MIN_TEXTS else None):
            self._fit_weights(weights)
        return self

    def _fit_weights(self, weights):
        """Everything after vectorising: partition, stability, names, representatives."""
        resample_columns = self._resample_columns(weights.shape[1])
        if BATCH_MIN_TEXTS <= weights.shape[0] < STABLE_CHOICE_TEXTS and weights.shape[1]:
            # An article's paragraphs: the fit and all its re-clusterings (each choosing its own
            # number of themes) run as one batch of views.
            partition, *resampled = self._batched_partitions(
                weights, [np.arange(weights.shape[1]), *resample_columns], self.n_themes)
        else:
            # Large collections re-cluster with the number of themes found (tiny ones re-decide it).
            partition = self._partition(weights, self.n_themes)
            found = len(np.unique(partition.labels))
            n_themes = found if weights.shape[0] >= STABLE_CHOICE_TEXTS else self.n_themes
            resampled = [self._partition(normalize(weights[:, columns]), n_themes)
                         for columns in (resample_columns if found > 1 else [])]
        self.k_reason_, self.silhouette_, self.embedding_ = partition.reason, partition.silhouette, partition.embedding
        self.labels_ = _number_by_first_appearance(partition.labels)
        self.n_themes_ = int(self.labels_.max()) + 1
        candidates = {} if weights.shape[0] >= STABLE_CHOICE_TEXTS else partition.candidates
        self.sample_stability_, self.stability_, self.k_stability_ = _stability(self.labels_, candidates, resampled)
        self.k_stability_ = partition.k_stability or self.k_stability_
        self._name_themes(weights)
        self.representatives_ = _representatives(partition.smoothed, self.labels_, self.n_themes_)

    def _resample_columns(self, n_terms: int) -> list[np.ndarray]:
        """The vocabulary kept by each stability re-clustering: a random ``keep_terms`` share, sorted."""
        if self.n_resamples <= 0 or n_terms < 2:
            return []
        rng = np.random.RandomState(self.random_state)
        keep = max(1, round(self.keep_terms * n_terms))
        return [np.sort(rng.choice(n_terms, size=keep, replace=False)) for _ in range(self.n_resamples)]

    def _partition(self, weights, n_themes: int | None) -> Partition:
        """Cluster the rows of ``weights`` into ``n_themes`` themes (None: choose the number)."""
        n = weights.shape[0]
        if weights.shape[1] == 0:
            reason = "one text: a single theme" if n == 1 else "no content words: a single theme"
            return Partition(np.zeros(n, int), reason, {}, {}, np.zeros((n, 1)), np.zeros((n, 1)))
        embedding, smoothed = self._vectors(weights)
        if n == 1:
            reason = "one text: a single theme, there is nothing to compare it with"
            return Partition(np.zeros(1, int), reason, {}, {}, embedding, smoothed)
        if not np.any(embedding):
            return Partition(np.zeros(n, int), "no content words: a single theme", {}, {}, embedding, smoothed)
        if n_themes is not None:
            return Partition(self._cluster(smoothed, weights, min(int(n_themes), n)), _user_reason(n_themes, n),
                             {}, {}, embedding, smoothed)
        if n == 2:
            return _pair_partition(float((weights[0] @ weights[1].T).sum()), embedding, smoothed)
        scores, candidates = {}, {}
        for k in range(2, max_feasible_themes(n, self.max_themes) + 1):
            candidates[k] = self._cluster(smoothed, weights, k)
            scores[k] = _silhouette(smoothed, candidates[k], self.random_state)
        if n >= STABLE_CHOICE_TEXTS:
            agreement = self._half_sample_agreement(weights, list(candidates))
            merit = {k: max(scores[k], 0.0) * agreement[k] for k in candidates}
            best = max(merit, key=lambda k: (merit[k], -k))
            reason = (f"{best} themes: the best silhouette ({scores[best]:.2f}) × agreement between "
                      f"clusterings of random halves (adjusted Rand index {agreement[best]:.2f})")
            return Partition(candidates[best], reason, scores, candidates, embedding, smoothed, agreement)
        return _by_silhouette(scores, candidates, embedding, smoothed)

    def _batched_partitions(self, weights, column_sets: list[np.ndarray], n_themes: int | None) -> list[Partition]:
        """:meth:`_partition` of each view of ``weights`` (its ``column_sets``, rows re-normalised), at once.

        The same steps as :meth:`_partition` on a few dozen texts, vectorised over the views: an exact
        LSA, neighbour smoothing, multi-start k-means, the mixture refinement and the
        silhouette each run once per number of themes for all views, not once per view.
        """
        n, n_terms = weights.shape
        vocabulary = np.zeros((len(column_sets), n_terms), dtype=bool)
        for view, columns in enumerate(column_sets):
            vocabulary[view, columns] = True
        views = _normalize_rows(weights.toarray()[None] * vocabulary[:, None, :])
        embeddings = _batched_lsa(views, np.minimum(self.n_components, np.minimum(n - 1, vocabulary.sum(1) - 1)))
        smoothed = _batched_smooth(embeddings, min(self.n_neighbors, n // TEXTS_PER_NEIGHBOUR))
        if n_themes is not None:
            ks = [min(int(n_themes), n)]
        else:
            ks = list(range(2, max_feasible_themes(n, self.max_themes) + 1)) if n > 2 else []
        found = {k: self._batched_cluster(smoothed, views, vocabulary, k) for k in ks}
        scores = {k: _batched_silhouette(smoothed, labels) for k, labels in found.items()} if n_themes is None else {}
        partitions = []
        for view in range(len(column_sets)):
            embedding, view_smoothed = embeddings[view], smoothed[view]
            if not np.any(embedding):
                partitions.append(Partition(np.zeros(n, int), "no content words: a single theme", {}, {},
                                            embedding, view_smoothed))
            elif n_themes is not None:
                partitions.append(Partition(found[ks[0]][view], _user_reason(n_themes, n), {}, {},
                                            embedding, view_smoothed))
            elif n == 2:
                partitions.append(_pair_partition(float(views[view, 0] @ views[view, 1]), embedding, view_smoothed))
            else:
                partitions.append(_by_silhouette({k: float(scores[k][view]) for k in ks},
                                                 {k: found[k][view] for k in ks}, embedding, view_smoothed))
        return partitions

    def _batched_cluster(self, vectors: np.ndarray, views: np.ndarray, vocabulary: np.ndarray, k: int) -> np.ndarray:
        """:meth:`_cluster` of each view: ``vectors`` and ``views`` are stacks, one labelling per view."""
        n_views, n, _ = vectors.shape
        if k <= 1 or n <= k:
            return np.tile(np.arange(n) if k > 1 else np.zeros(n, int), (n_views, 1))
        labels = batched_kmeans(vectors, k, n_init=self.n_init, random_state=self.random_state)
        if self.refine:
            refined = multinomial_refine(views, labels, k, vocabulary=vocabulary)
            complete = np.array([len(np.unique(row)) == k for row in refined])  # a theme emptied by EM: keep k-means
            labels = np.where(complete[:, None], refined, labels)
        return labels

    def _vectors(self, weights) -> tuple[np.ndarray, np.ndarray]:
        """The LSA vectors of the rows of ``weights`` and the same vectors smoothed by their neighbours."""
        embedding = _lsa(weights, self.n_components, self.random_state)
        return embedding, _smooth(embedding, min(self.n_neighbors, weights.shape[0] // TEXTS_PER_NEIGHBOUR))

    def _half_sample_agreement(self, weights, ks: list[int]) -> dict:
        """Per k, the mean adjusted Rand index between clusterings of random halves, on the texts they share.

        In a large collection the silhouette keeps rising past the real number of topics, while a
        split into too many themes is drawn differently from one half of the texts to the next; the
        agreement alone favours the coarsest split, so the choice weighs it by the silhouette.
        """
        rng = np.random.RandomState(self.random_state)
        n = weights.shape[0]
        halves = [np.sort(rng.choice(n, n // 2, replace=False)) for _ in range(HALF_SAMPLES)]
        found = []
        for half in halves:
            smoothed = self._vectors(weights[half])[1]
            found.append({k: self._cluster(smoothed, weights[half], k) for k in ks})
        scores = dict.fromkeys(ks, 0.0)
        pairs = list(combinations(range(HALF_SAMPLES), 2))
        for a, b in pairs:
            _, in_a, in_b = np.intersect1d(halves[a], halves[b], return_indices=True)
            for k in ks:
                scores[k] += adjusted_rand_score(found[a][k][in_a], found[b][k][in_b]) / len(pairs)
        return {k: float(value) for k, value in scores.items()}

    def _cluster(self, vectors, weights, k):
        """Spherical k-means on ``vectors`` (best of ``n_init``), refined by a mixture on ``weights``."""
        if k <= 1 or len(vectors) <= k:
            return np.arange(len(vectors)) if k > 1 else np.zeros(len(vectors), int)
        with warnings.catch_warnings():  # duplicate texts give fewer clusters than k: the silhouette judges that
            warnings.simplefilter("ignore", ConvergenceWarning)
            labels = KMeans(k, n_init=self.n_init, random_state=self.random_state).fit_predict(vectors)
        if self.refine and weights.shape[1]:
            refined = multinomial_refine(weights, labels, k)
            if len(np.unique(refined)) == k:  # a theme emptied by EM: keep k-means
                labels = refined
        return labels

    def _name_themes(self, weights, top=8):
        """Class-based TF-IDF: a term's share of a theme's weight times log(1 + mean theme weight / its total)."""
        if weights.shape[1] == 0:
            self.terms_ = [[] for _ in range(self.n_themes_)]
            self.term_scores_ = [[] for _ in range(self.n_themes_)]
            return
        per_theme = np.vstack([np.asarray(weights[self.labels_ == t].sum(axis=0)).ravel()
                               for t in range(self.n_themes_)])
        tf = per_theme / np.maximum(per_theme.sum(axis=1, keepdims=True), 1e-12)
        idf = np.log1p(per_theme.sum(axis=1).mean() / np.maximum(per_theme.sum(axis=0), 1e-12))
        scores = tf * idf
        self.terms_, self.term_scores_ = [], []
        for row in scores:
            order = [i for i in np.lexsort((self.feature_names_, -row)) if row[i] > 0][:top]
            self.terms_.append([str(self.feature_names_[i]) for i in order])
            self.term_scores_.append([float(row[i]) for i in order])

    def theme_label(self, theme: int, n_terms: int = 3) -> str:
        """A short name: the theme's most distinctive terms joined by ' / '."""
        return " / ".join(self.terms_[theme][:n_terms]) or f"theme {theme}"


@functools.cache
def _thread_pools() -> ThreadpoolController:
    """The process's BLAS/OpenMP thread pools, found once (finding them reads every loaded library)."""
    return ThreadpoolController()


def max_feasible_themes(n_texts: int, max_themes: int) -> int:
    """The most themes tried for ``n_texts``: three texts per theme on average, at most ``max_themes``.

    In a short article the silhouette keeps rising as themes shrink to pairs of paragraphs, so the
    range stops at ``n / 3`` (a theme is a thread through the text, not a pair); 3 texts still try 2.
    """
    return min(n_texts - 1, max(2, min(max_themes, n_texts // TEXTS_PER_THEME)))


def _lsa(weights, n_components: int, random_state: int) -> np.ndarray:
    """L2-normalised LSA vectors; the TF-IDF rows themselves when there are too few texts or terms."""
    n, n_terms = weights.shape
    dims = min(n_components, n - 1, n_terms - 1)
    if dims < 2:
        return normalize(weights.toarray() if hasattr(weights, "toarray") else np.asarray(weights))
    with np.errstate(divide="ignore", invalid="ignore"):  # identical texts: no variance to explain (unused ratio)
        return normalize(TruncatedSVD(dims, random_state=random_state).fit_transform(weights))


def _smooth(vectors: np.ndarray, n_neighbors: int) -> np.ndarray:
    """Each vector averaged with the mean of its ``n_neighbors`` nearest (cosine) neighbours, L2-normalised."""
    if n_neighbors < 1:
        return vectors
    index = NearestNeighbors(n_neighbors=n_neighbors + 1).fit(vectors).kneighbors(vectors, return_distance=False)
    return normalize(vectors + vectors[index[:, 1:]].mean(axis=1))


def multinomial_refine(weights, labels: np.ndarray, k: int, *, vocabulary: np.ndarray | None = None,
                       alpha: float = 0.1, n_iter: int = 10) -> np.ndarray:
    """Refine hard labels by EM for a mixture of multinomials over term weights (naive Bayes clustering).

    Starts from ``labels``; each step re-estimates every theme's term distribution (Laplace ``alpha``)
    and prior from the soft assignments, then re-assigns. Deterministic. ``weights`` is one (sparse
    or dense) texts × terms matrix with ``labels`` per text, or a dense stack of such matrices with a
    row of labels each and, in ``vocabulary``, a boolean mask per matrix of the terms it keeps.
    """
    n = labels.shape[-1]
    responsibilities = np.eye(k)[labels]
    transposed = weights.T if issparse(weights) else np.ascontiguousarray(np.swapaxes(weights, -1, -2))
    kept = None if vocabulary is None else vocabulary[..., :, None].astype(float)  # views × terms × 1
    for _ in range(n_iter):
        prior = np.log(responsibilities.sum(axis=-2) + 1) - np.log(n + k)
        counts = np.swapaxes(np.asarray(transposed @ responsibilities), -1, -2) + alpha
        totals = counts.sum(axis=-1, keepdims=True) if kept is None else counts @ kept  # over kept terms only
        log_terms = np.log(counts) - np.log(totals)
        log_joint = np.asarray(weights @ np.swapaxes(log_terms, -1, -2)) + prior[..., None, :]
        responsibilities = np.exp(log_joint - log_joint.max(axis=-1, keepdims=True))
        responsibilities /= responsibilities.sum(axis=-1, keepdims=True)
    return responsibilities.argmax(axis=-1)


def batched_kmeans(vectors: np.ndarray, k: int, *, n_init: int = 20, random_state: int = 0,
                   max_iter: int = KMEANS_MAX_ITER) -> np.ndarray:
    """k-means labels for each matrix of a stack (views × texts × dimensions), all fitted at once.

    Per matrix, ``n_init`` runs of Lloyd's algorithm from greedy k-means++ starts (as scikit-learn's
    ``KMeans``); the run with the lowest inertia wins. Vectorised over matrices and runs, which is
    what makes a few dozen texts cheap to re-cluster many times. Deterministic for ``random_state``.
    """
    n_views, n, _ = vectors.shape
    rng = np.random.RandomState(random_state)
    squared = np.einsum("vnd,vnd->vn", vectors, vectors)
    distances = np.maximum(squared[:, :, None] + squared[:, None, :] - 2 * vectors @ np.swapaxes(vectors, 1, 2), 0)
    starts = _kmeans_plusplus(distances, k, n_init, rng)
    # Centres of all runs side by side (views × runs·k × dimensions): one matrix product per view
    # and step, instead of one per view and run.
    centres = vectors[np.arange(n_views)[:, None], starts.reshape(n_views, n_init * k)]
    labels = None
    for _ in range(max_iter):
        to_centres = (squared[:, :, None] - 2 * vectors @ np.swapaxes(centres, 1, 2)
                      + np.einsum("vcd,vcd->vc", centres, centres)[:, None, :]).reshape(n_views, n, n_init, k)
        new_labels = to_centres.argmin(axis=-1)  # views × texts × runs
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        members = (labels[..., None] == np.arange(k)).astype(float).reshape(n_views, n, n_init * k)
        sizes = members.sum(axis=1)[..., None]
        centres = np.where(sizes > 0, (np.swapaxes(members, 1, 2) @ vectors) / np.maximum(sizes, 1), centres)
    inertia = np.take_along_axis(to_centres, labels[..., None], axis=-1)[..., 0].sum(axis=1)  # views × runs
    return np.take_along_axis(labels, inertia.argmin(axis=1)[:, None, None], axis=2)[..., 0]


def _kmeans_plusplus(distances: np.ndarray, k: int, n_init: int, rng: np.random.RandomState) -> np.ndarray:
    """Greedy k-means++ starts (indices, views × runs × k) from squared distances (views × texts × texts).

    Each new centre is the best, by potential, of ``2 + log k`` texts drawn with probability
    proportional to their squared distance from the centres chosen so far (Arthur & Vassilvitskii).
    """
    n_views, n, _ = distances.shape
    trials = 2 + int(np.log(k))
    view = np.arange(n_views)[:, None]
    chosen = [rng.randint(n, size=(n_views, n_init))]
    closest = distances[view, chosen[0]]  # views × runs × texts
    for _ in range(1, k):
        cumulative = np.cumsum(closest, axis=-1)
        draws = rng.random_sample((n_views, n_init, trials)) * cumulative[..., -1:]
        candidates = np.minimum((cumulative[..., None, :] <= draws[..., None]).sum(axis=-1), n - 1)
        potential = np.minimum(closest[:, :, None, :], distances[view[..., None], candidates])
        best = potential.sum(axis=-1).argmin(axis=-1)[..., None]
        chosen.append(np.take_along_axis(candidates, best, axis=-1)[..., 0])
        closest = np.take_along_axis(potential, best[..., None], axis=2)[:, :, 0]
    return np.stack(chosen, axis=-1)


def _normalize_rows(matrices: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (rows of zeros stay zero), over the last axis of any stack."""
    norms = np.linalg.norm(matrices, axis=-1, keepdims=True)
    return matrices / np.where(norms > 0, norms, 1)


def _batched_lsa(views: np.ndarray, dims: np.ndarray) -> np.ndarray:
    """:func:`_lsa` of each view, exactly: its first ``dims`` components (all of them when fewer
    than 2, which keeps the geometry of the TF-IDF rows themselves), zero-padded to one width."""
    # The left singular vectors and values from the texts × texts Gram matrix: with a few dozen texts
    # and hundreds of terms, its eigen-decomposition is far cheaper than the SVD of the views.
    eigenvalues, eigenvectors = np.linalg.eigh(views @ np.swapaxes(views, 1, 2))
    coordinates = eigenvectors[..., ::-1] * np.sqrt(np.maximum(eigenvalues[:, ::-1], 0))[:, None, :]
    components = np.arange(coordinates.shape[-1])
    kept = np.where(dims[:, None] >= 2, components < dims[:, None], True)
    return _normalize_rows(coordinates * kept[:, None, :])


def _batched_smooth(vectors: np.ndarray, n_neighbors: int) -> np.ndarray:
    """:func:`_smooth` of each matrix of a stack (nearest by Euclidean distance, the text itself excluded)."""
    if n_neighbors < 1:
        return vectors
    squared = np.einsum("vnd,vnd->vn", vectors, vectors)
    distances = squared[:, :, None] + squared[:, None, :] - 2 * vectors @ np.swapaxes(vectors, 1, 2)
    distances[:, np.arange(vectors.shape[1]), np.arange(vectors.shape[1])] = -np.inf
    nearest = np.argsort(distances, axis=-1, kind="stable")[..., 1:n_neighbors + 1]
    neighbours = vectors[np.arange(len(vectors))[:, None, None], nearest]
    return _normalize_rows(vectors + neighbours.mean(axis=2))


def _batched_silhouette(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """:func:`_silhouette` (cosine) of each view's labelling: -1 where it does not split the texts."""
    n = labels.shape[1]
    unit = _normalize_rows(vectors)
    distances = np.clip(1 - unit @ np.swapaxes(unit, 1, 2), 0, 2)
    distances[:, np.arange(n), np.arange(n)] = 0
    members = (labels[..., None] == np.arange(labels.max() + 1)).astype(float)
    sizes = members.sum(axis=1)  # views × clusters
    totals = distances @ members  # views × texts × clusters: summed distance to each cluster
    own_size = np.take_along_axis(sizes, labels, axis=1)
    within = np.take_along_axis(totals, labels[..., None], axis=2)[..., 0] / np.maximum(own_size - 1, 1)
    other = np.where(members.astype(bool) | (sizes[:, None, :] == 0), np.inf, totals / np.maximum(sizes, 1)[:, None])
    between = other.min(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.nan_to_num((between - within) / np.maximum(within, between))
    scores = np.where(own_size > 1, scores, 0.0).mean(axis=1)
    clusters = (sizes > 0).sum(axis=1)
    return np.where((clusters >= 2) & (clusters <= n - 1), scores, -1.0)


def _silhouette(vectors: np.ndarray, labels: np.ndarray, random_state: int) -> float:
    if not 2 <= len(np.unique(labels)) <= len(labels) - 1:
        return -1.0
    sample = SILHOUETTE_SAMPLE if len(labels) > SILHOUETTE_SAMPLE else None
    return float(silhouette_score(vectors, labels, metric="cosine", sample_size=sample, random_state=random_state))


def _by_silhouette(scores: dict, candidates: dict, embedding: np.ndarray, smoothed: np.ndarray) -> Partition:
    """The partition whose number of themes has the highest silhouette (the fewest on ties); one
    theme when no split scores above 0."""
    best = max(scores, key=lambda k: (scores[k], -k))
    if scores[best] <= 0:
        reason = f"no split scored a positive silhouette (best {scores[best]:.2f}): one theme"
        return Partition(np.zeros(len(embedding), int), reason, scores, candidates, embedding, smoothed)
    reason = f"{best} themes: the highest silhouette ({scores[best]:.2f})"
    return Partition(candidates[best], reason, scores, candidates, embedding, smoothed)


def _pair_partition(similarity: float, embedding: np.ndarray, smoothed: np.ndarray) -> Partition:
    """Two texts: one theme when their TF-IDF cosine ``similarity`` reaches :data:`PAIR_SIMILARITY` (no
    silhouette exists for two texts)."""
    together = similarity >= PAIR_SIMILARITY
    reason = (f"two texts, cosine similarity {similarity:.2f} "
              f"{'≥' if together else '<'} {PAIR_SIMILARITY}: {'one theme' if together else 'two themes'}")
    return Partition(np.array([0, 0 if together else 1]), reason, {}, {}, embedding, smoothed)


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
    agree, jaccard = np.zeros(len(labels)), np.zeros(count)
    per_k = dict.fromkeys(candidates, 0.0)
    for found in resampled:
        agree += _matched_agreement(labels, found.labels)
        jaccard += _best_jaccard(labels, found.labels, count)
        for k, labelling in candidates.items():
            per_k[k] += _best_jaccard(labelling, found.candidates.get(k, found.labels), k).mean()
    runs = len(resampled)
    return agree / runs, jaccard / runs, {k: float(total / runs) for k, total in per_k.items()}


def _number_by_first_appearance(labels: np.ndarray) -> np.ndarray:
    order = {label: i for i, label in enumerate(dict.fromkeys(labels.tolist()))}
    return np.array([order[label] for label in labels.tolist()], dtype=int)


def _contingency(labels: np.ndarray, other: np.ndarray, n_themes: int | None = None) -> np.ndarray:
    """Texts per (theme of ``labels``, cluster of ``other``)."""
    table = np.zeros((max(int(labels.max()) + 1, n_themes or 0), int(other.max()) + 1))
    np.add.at(table, (labels, other), 1)
    return table


def _matched_agreement(labels: np.ndarray, other: np.ndarray) -> np.ndarray:
    """1 where a text's theme is matched (Hungarian, by overlap) to its cluster in ``other``, else 0."""
    rows, cols = linear_sum_assignment(-_contingency(labels, other))
    match = np.full(int(labels.max()) + 1, -1)
    match[rows] = cols
    return (match[labels] == other).astype(float)


def _best_jaccard(labels: np.ndarray, other: np.ndarray, n_themes: int) -> np.ndarray:
    """Per theme, the highest Jaccard overlap with any cluster of ``other`` (Hennig's cluster stability)."""
    shared = _contingency(labels, other, n_themes)[:n_themes]
    union = shared.sum(axis=1, keepdims=True) + shared.sum(axis=0, keepdims=True) - shared
    return (shared / np.maximum(union, 1)).max(axis=1)


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


def cluster_texts(texts, k: int | None = None, random_state: int = 0) -> list[int]:
    """One theme label per text (raw strings: paragraphs, or whole articles of a corpus).

    ``k`` fixes the number of themes; None chooses it by silhouette. No stability resampling here:
    use :class:`ThemeClustering` for stability, names and representatives.

    >>> cluster_texts(["Rain and snow fell on the hills.", "The striker scored twice in the final."], k=2)
    [0, 1]
    """
    texts = list(texts)
    if not texts:
        return []
    model = ThemeClustering(k, n_resamples=0, random_state=random_state).fit(texts_terms(texts))
    return model.labels_.tolist()


def article_themes(article: Article, *, n_themes: int | None = None, random_state: int = 0,
                   **options) -> ThemeClustering:
    """The article's paragraphs clustered into themes (a fitted :class:`ThemeClustering`)."""
    return ThemeClustering(n_themes, random_state=random_state, **options).fit(paragraph_terms(article))


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
                         {str(k): round(s, 4) for k, s in model.k_stability_.items()})
    return themes, choice


def paragraph_theme_fields(model: ThemeClustering) -> list[tuple[int, float | None]]:
    """``(theme_id, theme_stability)`` of each paragraph, in paragraph order."""
    return [(int(label), None if np.isnan(s) else round(float(s), 4))
            for label, s in zip(model.labels_, model.sample_stability_)]


def theme_table(article: Article, model: ThemeClustering) -> pd.DataFrame:
    """One row per theme: its name, terms, paragraphs, stability and most representative paragraph."""
    rows = []
    for theme in range(model.n_themes_):
        members = np.flatnonzero(model.labels_ == theme)
        best = article.paragraphs[model.representatives_[theme][0]]
        rows.append({
            "theme": theme,
            "label": model.theme_label(theme),
            "terms": ", ".join(model.terms_[theme]),
            "paragraphs": ", ".join(str(article.paragraphs[i].id) for i in members),
            "stability": round(float(model.stability_[theme]), 2),
            "representative": f"¶{best.id}: {opening_words(article.text[best.start:best.end])}",
        })
    return pd.DataFrame(rows).set_index("theme")


def paragraph_theme_table(article: Article, model: ThemeClustering) -> pd.DataFrame:
    """One row per paragraph: its theme, how firmly it belongs (stability) and its opening words."""
    rows = [
        {
            "paragraph": paragraph.id,
            "theme": int(label),
            "theme label": model.theme_label(int(label), 2),
            "stability": round(float(stability), 2),
            "opening": opening_words(article.text[paragraph.start:paragraph.end]),
        }
        for paragraph, label, stability in zip(article.paragraphs, model.labels_, model.sample_stability_)
    ]
    return pd.DataFrame(rows).set_index("paragraph")
