"""The clustering behind the themes, in NumPy, for a stack of *views* of the same texts.

A view is the TF-IDF matrix of the texts with part of the vocabulary kept (the fit keeps all of it,
each stability re-clustering a random share). Every step works on all the views of a chunk at once,
which is what makes an article's paragraphs cheap to re-cluster many times, and on one view of
thousands of texts alike:

- :func:`view_chunks` cuts the views into chunks whose dense arrays stay below :data:`CHUNK_FLOATS`
  numbers (a view too large to hold densely is one sparse matrix);
- :func:`lsa` — exact LSA from the texts × texts Gram matrix up to :data:`EXACT_LSA_MAX_TEXTS` texts,
  randomized SVD of the sparse matrix beyond (:func:`randomized_left_vectors`);
- :func:`smooth` — each vector averaged with its nearest neighbours' (rows in blocks);
- :func:`sequence_smooth` — each vector leaned towards its neighbours in reading order;
- :func:`batched_kmeans` — multi-start k-means++ / Lloyd, the best inertia per view;
- :func:`sequence_labels` — the labels of texts in reading order that minimise the squared distances to
  their themes' centres plus a penalty per change of theme between neighbours (a theme may return);
- :func:`merge_clusters` — clusters merged pair by pair, the most similar on average first, down to k;
- :func:`refine` / :func:`multinomial_refine` — EM for a mixture of multinomials on the TF-IDF;
- :func:`sequence_evidence` — the log evidence of a labelling of term counts in reading order (Bayesian);
- :func:`silhouette` — cosine silhouette, on a random sample of :data:`SILHOUETTE_SAMPLE` texts beyond;
- :func:`adjusted_rand_index` — the agreement of two labelings, corrected for chance (:func:`adjusted_rand_indices`
  for a stack of contingency tables);
- :func:`principal_components` — the vectors projected on their first principal axes (the theme map).

From :data:`PARALLEL_MIN_TEXTS` texts the k-means runs and the neighbour search are shared among
:data:`THREADS` threads (:func:`parallel_map`), each computing whole runs or rows, so the result does not
depend on the threads. Nothing here imports scikit-learn.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, NamedTuple

import numpy as np
from scipy.sparse import csr_matrix, issparse

# The memory budget of the dense steps: most numbers held by one dense working array (a chunk of views ×
# texts × max(texts, terms), a block of neighbour distances), 16 MB of floats. A larger view is one sparse
# matrix, a larger search runs in more blocks: the peak stays flat in the number of texts (the first 10,202 BBC
# paragraphs peaked at 429 MB with 128 MB arrays; ``bench_themes.py memory``), while the 21 views of a news
# article (tens of thousands of numbers each) are still one chunk.
CHUNK_FLOATS = 2**21
# Up to this many texts the LSA is exact (eigen-decomposition of the Gram matrix); beyond, randomized SVD.
EXACT_LSA_MAX_TEXTS = 500
SVD_ITERATIONS = 5
SILHOUETTE_SAMPLE = 2000
KMEANS_MAX_ITER = 100
# Most passes of :func:`hartigan_moves` over the texts (199 clusters of 4,070 paragraphs: most moves in the
# first five passes, a few up to the fourteenth).
HARTIGAN_MAX_PASSES = 10
# Texts per block of :func:`hartigan_moves`: each move recomputes the gains of the texts left in its block.
HARTIGAN_BLOCK = 128
# The contiguous cut of :func:`sequence_labels` is found on each vector plus this weight times its neighbours'
# in reading order: a short paragraph read with its context moves a boundary less often to a stray paragraph.
# Of 0.25-1 tried, 0.25-0.5 raised the sections of Wikipedia articles from 0.42 to 0.44 ARI on both halves of
# the development documents; 0.25 keeps the BBC mixes (0.91) and sentence sequences (0.91) where they were.
CUT_CONTEXT_WEIGHT = 0.25
# The Dirichlet prior of each theme's term distribution in :func:`sequence_evidence`: Jeffreys' prior for a
# multinomial, the uninformative one (no tuned constant; 0.3 and 1 tried beside it, see the README).
JEFFREYS_ALPHA = 0.5


# :func:`multinomial_refine` stops once every labelling has lost this many themes: a theme lost once may come
# back (in 4 of 3,464 EM fits of the segments and Choi-style documents' paragraphs, a theme of 4-6 was empty
# at a step and had texts again by the last), none of those that lost two got them back.
EM_LOST_THEMES = 2
# From this many texts the large steps (the k-means runs, the neighbour search) are shared among THREADS
# threads of one BLAS thread each: each thread computes whole runs or rows, so the
# result is the one of a single thread (an article's paragraphs, far fewer, stay on one: starting threads
# would cost more than their products).
PARALLEL_MIN_TEXTS = 1000
THREADS = min(2, os.cpu_count() or 1)


_GENERATORS = threading.local()  # per thread, the RandomStates not in use, re-seeded by :func:`seeded_random`


@contextmanager
def seeded_random(seed: int) -> Iterator[np.random.RandomState]:
    """``np.random.RandomState(seed)``, the same draws, without building a new generator: building one seeds a
    Mersenne Twister from the operating system's entropy first (about a millisecond, several times per
    article), re-seeding a free one of this thread costs microseconds. Nested uses each get their own."""
    free = _GENERATORS.__dict__.setdefault("free", [])
    generator = free.pop() if free else np.random.RandomState()
    generator.seed(seed)
    try:
        yield generator
    finally:
        free.append(generator)


@functools.cache
def _pool(process: int) -> ThreadPoolExecutor:
    """The threads of :func:`parallel_map`, one pool per process (a forked child has none of its parent's)."""
    return ThreadPoolExecutor(THREADS)


def parallel_map(function, items: list) -> list:
    """``[function(item) for item in items]``, on :data:`THREADS` threads when there are several items
    (NumPy and SciPy release the interpreter lock in their products); the results in the items' order."""
    if len(items) < 2 or THREADS < 2:
        return [function(item) for item in items]
    return list(_pool(os.getpid()).map(function, items))


class Views(NamedTuple):
    """The TF-IDF of a chunk of views, rows L2-normalised within each view.

    ``tfidf`` is a dense stack (views × texts × terms, the terms a view leaves out set to 0) or, for a
    single view too large to hold densely, a sparse texts × kept-terms matrix; ``vocabulary`` (views ×
    terms, bool) marks the terms each view keeps.
    """

    tfidf: Any
    vocabulary: np.ndarray

    @property
    def sparse(self) -> bool:
        return issparse(self.tfidf)

    def pair_similarity(self) -> list[float]:
        """Per view, the cosine similarity of its first two texts."""
        if self.sparse:
            return [float((self.tfidf[0] @ self.tfidf[1].T).sum())]
        return [float(view[0] @ view[1]) for view in self.tfidf]


def view_chunks(weights, column_sets: list[np.ndarray]):
    """The views of ``weights`` (a sparse texts × terms matrix) keeping each of ``column_sets``, in chunks.

    Yields (:class:`Views`, the chunk's column sets). Chunks hold as many views as fit in
    :data:`CHUNK_FLOATS`; the cut depends only on the sizes, so the result is deterministic.
    """
    n, n_terms = weights.shape
    per_view = n * max(n, n_terms)
    if per_view > CHUNK_FLOATS:
        for columns in column_sets:
            vocabulary = np.zeros((1, n_terms), dtype=bool)
            vocabulary[0, columns] = True
            yield Views(normalize_sparse(weights[:, columns]), vocabulary), [columns]
        return
    dense = weights.toarray()
    size = max(1, CHUNK_FLOATS // per_view)
    for start in range(0, len(column_sets), size):
        chunk = column_sets[start:start + size]
        vocabulary = np.zeros((len(chunk), n_terms), dtype=bool)
        for view, columns in enumerate(chunk):
            vocabulary[view, columns] = True
        yield Views(normalize_rows(dense[None] * vocabulary[:, None, :]), vocabulary), chunk


def normalize_rows(matrices: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (rows of zeros stay zero), over the last axis of any stack."""
    norms = np.linalg.norm(matrices, axis=-1, keepdims=True)
    return matrices / np.where(norms > 0, norms, 1)


def normalize_sparse(matrix):
    """The rows of a sparse matrix scaled to unit length (rows of zeros stay zero)."""
    matrix = matrix.tocsr(copy=True)
    squares, bounds = matrix.data ** 2, matrix.indptr
    # Each row's squares added one after the other (as scikit-learn's normalize does), not pairwise.
    norms = np.array([np.sqrt(np.add.accumulate(squares[a:b])[-1]) if b > a else 0.0
                      for a, b in zip(bounds[:-1], bounds[1:])])
    matrix.data /= np.repeat(np.where(norms > 0, norms, 1), np.diff(bounds))
    return matrix


def lsa(views: Views, n_components: int, random_state: int = 0) -> np.ndarray:
    """L2-normalised LSA vectors of each view (views × texts × dimensions, zero-padded to one width).

    A view keeps its first ``min(n_components, texts, terms)`` components: a short article keeps them
    all (the geometry of its TF-IDF rows themselves; leaving out even the last one loses what tells
    short paragraphs apart).
    """
    n = views.tfidf.shape[-2]
    dims = np.minimum(n_components, np.minimum(n, views.vocabulary.sum(axis=1)))
    if n <= EXACT_LSA_MAX_TEXTS:
        # The left singular vectors and values from the texts × texts Gram matrix: with a few dozen
        # texts and hundreds of terms, its eigen-decomposition is far cheaper than an SVD.
        if views.sparse:
            gram = (views.tfidf @ views.tfidf.T).toarray()[None]
        else:
            gram = views.tfidf @ np.swapaxes(views.tfidf, 1, 2)
        eigenvalues, eigenvectors = np.linalg.eigh(gram)
        coordinates = eigenvectors[..., ::-1] * np.sqrt(np.maximum(eigenvalues[:, ::-1], 0))[:, None, :]
        components = np.arange(coordinates.shape[-1])
        kept = np.where(dims[:, None] >= 2, components < dims[:, None], True)
        return normalize_rows(coordinates * kept[:, None, :])
    matrices = [views.tfidf] if views.sparse else list(views.tfidf)
    found = []
    for matrix, view_dims in zip(matrices, dims):
        if view_dims < 2:
            found.append(matrix.toarray() if hasattr(matrix, "toarray") else matrix)
            continue
        found.append(randomized_left_vectors(matrix, int(view_dims), random_state))
    width = max(vectors.shape[1] for vectors in found)
    return normalize_rows(np.stack([np.pad(vectors, ((0, 0), (0, width - vectors.shape[1]))) for vectors in found]))


def randomized_left_vectors(matrix, n_components: int, random_state: int = 0, n_oversamples: int = 10,
                            n_iter: int = SVD_ITERATIONS) -> np.ndarray:
    """The first ``n_components`` left singular vectors of a texts × terms matrix (sparse or dense) times
    their singular values: randomized subspace iteration (Halko, Martinsson and Tropp 2011) on the texts'
    side.

    scikit-learn's ``randomized_svd`` orthonormalises a terms-wide basis at every step, most of its time
    with tens of thousands of terms; here each step orthonormalises the texts-wide basis (``A Aᵀ Q``, then
    QR), and the singular values and vectors come from the small ``(Qᵀ A)(Qᵀ A)ᵀ`` matrix. Deterministic
    for ``random_state``; a component's sign is arbitrary (no clustering step depends on it).
    """
    width = min(n_components + n_oversamples, *matrix.shape)
    # The terms-wide arrays (the Gaussian start, Aᵀ Q) are made one block of terms at a time, within the budget
    # of :data:`CHUNK_FLOATS`: 58,751 terms × 110 were 52 MB each. The same Gaussian draws in any block size.
    step = max(1, CHUNK_FLOATS // width)
    columns = matrix.tocsc() if issparse(matrix) else matrix
    blocks = [columns[:, start:start + step] for start in range(0, matrix.shape[1], step)]
    with seeded_random(random_state) as rng:
        basis = sum(np.asarray(block @ rng.standard_normal((block.shape[1], width))) for block in blocks)
    for _ in range(n_iter):
        basis = np.linalg.qr(basis)[0]
        basis = sum(np.asarray(block @ np.asarray(block.T @ basis)) for block in blocks)
    basis = np.linalg.qr(basis)[0]
    # (Qᵀ A)(Qᵀ A)ᵀ, summed over the blocks of terms: the texts' matrix in the basis.
    small = sum(projected.T @ projected for projected in (np.asarray(block.T @ basis) for block in blocks))
    values, vectors = np.linalg.eigh(small)
    order = np.argsort(values)[::-1][:n_components]
    return (basis @ vectors[:, order]) * np.sqrt(np.maximum(values[order], 0))


def _block_rows(n_views: int, n: int) -> int:
    """Rows per block when a views × rows × n array must stay below :data:`CHUNK_FLOATS`."""
    return max(1, CHUNK_FLOATS // (n_views * n))


def smooth(vectors: np.ndarray, n_neighbors: int) -> np.ndarray:
    """Each vector averaged with the mean of its ``n_neighbors`` nearest (Euclidean, itself excluded,
    the first in reading order on ties), L2-normalised; for each matrix of a stack."""
    if n_neighbors < 1:
        return vectors
    n_views, n, _ = vectors.shape
    squared = np.einsum("vnd,vnd->vn", vectors, vectors)
    view = np.arange(n_views)[:, None, None]
    result = np.empty_like(vectors)
    threads = THREADS if n >= PARALLEL_MIN_TEXTS else 1
    step = max(1, _block_rows(n_views, n) // threads)  # the blocks of all threads within the budget

    def smooth_block(start: int) -> None:
        rows = np.arange(start, min(start + step, n))
        block = vectors[:, start:rows[-1] + 1]
        # (a + b) - 2 c as one expression would round it, with two arrays of the block alive instead of four.
        distances = squared[:, rows, None] + squared[:, None, :]
        products = block @ np.swapaxes(vectors, 1, 2)
        products *= 2
        distances -= products
        del products
        distances[:, np.arange(len(rows)), rows] = -np.inf
        nearest = _smallest(distances, n_neighbors + 1)[..., 1:]
        result[:, rows] = block + vectors[view, nearest].mean(axis=2)

    parallel_map(smooth_block, list(range(0, n, step)))
    return normalize_rows(result)


def sequence_smooth(vectors: np.ndarray, weight: float) -> np.ndarray:
    """Each vector plus ``weight`` times its neighbours' in the texts' order (the one before and the one
    after), L2-normalised; for each matrix of a stack. Neighbouring paragraphs lean towards one theme, yet
    a paragraph whose own words point elsewhere keeps most of its own direction (a theme may return)."""
    if weight <= 0 or vectors.shape[1] < 2:
        return vectors
    result = vectors.copy()
    result[:, 1:] += weight * vectors[:, :-1]
    result[:, :-1] += weight * vectors[:, 1:]
    return normalize_rows(result)


def sequence_labels(vectors: np.ndarray, labels: np.ndarray, k: int, penalty: float) -> np.ndarray:
    """For each matrix of a stack (views × texts × dimensions) and its k-means ``labels``, the labelling
    with the lowest :func:`sequence_cost`: the k-means labels themselves, the best cut of the texts into
    ``k`` contiguous runs (:func:`contiguous_segments` of the vectors leaned towards their neighbours by
    :data:`CUT_CONTEXT_WEIGHT`), or either polished by :func:`switching_lloyd`.

    Neighbouring paragraphs tend to share a theme, yet a theme may return: k-means ignores the order,
    a segmentation forces it, and the penalty per change of theme decides between them per article.
    All views and candidates are computed at once (the first of equally cheap candidates wins).
    """
    n_views = len(vectors)
    contiguous = contiguous_segments(sequence_smooth(vectors, CUT_CONTEXT_WEIGHT), k)
    polished = switching_lloyd(np.concatenate([vectors, vectors]), np.concatenate([labels, contiguous]), k, penalty)
    candidates = np.stack([labels, contiguous, polished[:n_views], polished[n_views:]])  # candidates × views × texts
    costs = sequence_cost(np.concatenate([vectors] * len(candidates)), candidates.reshape(-1, labels.shape[-1]),
                          penalty).reshape(len(candidates), n_views)
    return candidates[costs.argmin(axis=0), np.arange(n_views)]


def sequence_cost(vectors: np.ndarray, labels: np.ndarray, penalty: float):
    """Squared distances of the texts to their themes' mean vectors, plus ``penalty`` per change of theme
    between neighbours in reading order: one float for one matrix (texts × dimensions) and its labels, an
    array for a stack (views × texts × dimensions) and a row of labels per view."""
    if labels.ndim == 1:
        return float(sequence_cost(vectors[None], labels[None], penalty)[0])
    members = (labels[..., None] == np.arange(labels.max() + 1)).astype(float)
    centres = _centres(vectors, members)
    within = ((vectors - np.take_along_axis(centres, labels[..., None], axis=1)) ** 2).sum(axis=(1, 2))
    return within + penalty * (labels[:, 1:] != labels[:, :-1]).sum(axis=1)


def _centres(vectors: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Mean vector of each theme (views × themes × dimensions) from one-hot ``members`` (views × texts ×
    themes); 0 for a theme without members."""
    return (np.swapaxes(members, 1, 2) @ vectors) / np.maximum(members.sum(axis=1), 1)[..., None]


def contiguous_segments(vectors: np.ndarray, k: int) -> np.ndarray:
    """The cut of the texts (in order) into ``k`` contiguous runs with the least squared distance to the
    runs' mean vectors: exact, by dynamic programming over the run ends (O(k n²)); for one matrix (texts ×
    dimensions) or each matrix of a stack."""
    if vectors.ndim == 2:
        return contiguous_segments(vectors[None], k)[0]
    n_views, n, _ = vectors.shape
    k = min(k, n)
    start = np.zeros((n_views, 1, vectors.shape[2]))
    sums = np.concatenate([start, np.cumsum(vectors, axis=1)], axis=1)
    squares = np.concatenate([start[..., 0], np.cumsum(np.einsum("vnd,vnd->vn", vectors, vectors), axis=1)], axis=1)
    gram = sums @ np.swapaxes(sums, 1, 2)
    lengths = np.arange(n + 1)[None, :] - np.arange(n + 1)[:, None]  # run [a, b) has b - a texts
    diagonal = np.diagonal(gram, axis1=1, axis2=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        run_sum_squared = diagonal[:, None, :] + diagonal[:, :, None] - 2 * gram
        cost = squares[:, None, :] - squares[:, :, None] - run_sum_squared / lengths
    cost = np.where(lengths > 0, cost, np.inf)
    best = np.full((n_views, n + 1), np.inf)
    best[:, 0] = 0.0
    ends = []
    for _ in range(k):
        total = best[:, :, None] + cost  # views × end of the runs before × end of this run
        ends.append(total.argmin(axis=1))
        best = total.min(axis=1)
    labels, end = np.empty((n_views, n), dtype=int), np.full(n_views, n)
    positions, views = np.arange(n), np.arange(n_views)
    for run in range(k - 1, -1, -1):
        begin = ends[run][views, end]
        labels[(positions >= begin[:, None]) & (positions < end[:, None])] = run
        end = begin
    return labels


def switching_lloyd(vectors: np.ndarray, labels: np.ndarray, k: int, penalty: float,
                    max_iter: int = 20) -> np.ndarray:
    """Lloyd's algorithm for :func:`sequence_cost`: the centres of the current themes, then the labels
    that minimise the distances plus ``penalty`` per change of theme (Viterbi), until nothing changes;
    for each matrix of a stack and its row of ``labels`` (a view at its fixed point leaves the loop)."""
    labels = labels.copy()
    themes = np.arange(max(k, int(labels.max()) + 1))
    active = np.arange(len(vectors))
    for _ in range(max_iter):
        current, moving = labels[active], vectors[active]
        members = (current[..., None] == themes).astype(float)
        centres = _centres(moving, members)
        distances = ((moving[:, :, None, :] - centres[:, None]) ** 2).sum(axis=-1)
        # A theme left without texts cannot be chosen (the Viterbi pass never picks an infinite cost).
        found = _viterbi(np.where(members.any(axis=1)[:, None, :], distances, np.inf), penalty)
        changed = (found != current).any(axis=1)
        labels[active[changed]] = found[changed]
        active = active[changed]
        if not len(active):
            break
    return labels


def _viterbi(costs: np.ndarray, penalty: float) -> np.ndarray:
    """The column per row of each ``costs`` matrix (views × texts × themes) minimising their sum plus
    ``penalty`` per change of column between rows."""
    n_views, n, k = costs.shape
    views, columns = np.arange(n_views), np.arange(k)
    total, came_from = costs[:, 0].copy(), np.zeros((n_views, n, k), dtype=int)
    for row in range(1, n):
        best = total.argmin(axis=1)
        switched = total[views, best][:, None] + penalty
        switch = switched < total
        came_from[:, row] = np.where(switch, best[:, None], columns)
        total = np.where(switch, switched, total) + costs[:, row]
    path = np.empty((n_views, n), dtype=int)
    path[:, -1] = total.argmin(axis=1)
    for row in range(n - 1, 0, -1):
        path[:, row - 1] = came_from[views, row, path[:, row]]
    return path


def _smallest(values: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` smallest values of each row, smallest first (ties in index order), i.e.
    ``np.argsort(values, kind="stable")[..., :count]`` without sorting whole rows."""
    found = np.argpartition(values, count - 1, axis=-1)[..., :count]
    picked = np.take_along_axis(values, found, axis=-1)
    # Where values tie with the largest one picked, the partition may have picked any of them.
    ambiguous = (values <= picked.max(axis=-1, keepdims=True)).sum(axis=-1) > count
    if ambiguous.any():
        found[ambiguous] = np.argsort(values[ambiguous], axis=-1, kind="stable")[..., :count]
        picked = np.take_along_axis(values, found, axis=-1)
    return np.take_along_axis(found, np.lexsort((found, picked), axis=-1), axis=-1)


def sequence_evidence(counts: np.ndarray, labels: np.ndarray, alpha: float = JEFFREYS_ALPHA):
    """The log probability of the texts' term ``counts`` (texts × terms) and their ``labels`` in reading order,
    every parameter integrated out: each theme's terms drawn from its own multinomial with a symmetric
    Dirichlet(``alpha``) prior over the terms the texts hold, each pair of neighbours changing theme with one
    probability (uniform prior), each run after a change taking one of the other themes, the themes'
    numbering arbitrary (× k!). One float for one labelling; for a stack of counts (views × texts × terms)
    and of labellings (views × labellings × texts), an array (views × labellings).

    Bayesian model evidence weighs how much better more themes explain the words against how many more
    labellings they allow, with no penalty constant (the segmentation model of Utiyama and Isahara 2001,
    with themes that may return). log Γ(c + α) − log Γ(α) is summed as Σ_{j<c} log(j + α): counts are whole.
    """
    if labels.ndim == 1:
        return float(sequence_evidence(counts[None], labels[None, None], alpha)[0, 0])
    n = labels.shape[-1]
    members = (labels[..., None] == np.arange(labels.max() + 1)).astype(float)  # views × labellings × texts × k
    # Sums of whole numbers: exact in floating point.
    per_theme = (np.swapaxes(members, -1, -2) @ counts[:, None].astype(float)).astype(np.intp)
    sizes = per_theme.sum(axis=-1)  # views × labellings × themes
    n_terms = (counts.sum(axis=-2) > 0).sum(axis=-1)[:, None, None]  # views × 1 × 1
    term_table = np.concatenate([[0.0], np.cumsum(np.log(np.arange(per_theme.max(initial=0)) + alpha))])
    steps = np.arange(sizes.max(initial=0))
    # Σ_{j<size} log(j + terms·α), for each view's number of terms.
    size_table = np.concatenate([np.zeros((len(counts), 1)), np.cumsum(np.log(steps + n_terms[:, 0] * alpha), axis=1)],
                                axis=1)
    likelihood = term_table[per_theme].sum(axis=(-1, -2)) \
        - np.take_along_axis(size_table[:, None, :], sizes, axis=-1).sum(axis=-1)
    log_factorial = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])
    switches = (labels[..., 1:] != labels[..., :-1]).sum(axis=-1)
    k = (sizes > 0).sum(axis=-1)
    prior = (log_factorial[switches] + log_factorial[n - 1 - switches] - log_factorial[n] - np.log(k)
             - switches * np.log(np.maximum(k - 1, 1)) + log_factorial[k])
    return likelihood + prior


def merge_clusters(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Each view's clusters (``labels``: views × texts) merged two at a time down to ``k``, the pair whose
    texts are the most similar on average first (group-average linkage of the clusters: the mean dot product
    of their texts' vectors, whatever their sizes); the labels numbered 0 to k − 1 in order of the clusters'
    lowest old numbers. A large theme cut in parts by k-means comes back together before two distinct
    small themes do (the vectors of unit length)."""
    merged = np.empty_like(labels)
    for view, (x, found) in enumerate(zip(vectors, labels)):
        count = int(found.max()) + 1
        sizes = np.bincount(found, minlength=count).astype(float)
        sums = np.zeros((count, x.shape[-1]))
        np.add.at(sums, found, x)
        gram, alive, into = sums @ sums.T, sizes > 0, np.arange(count)
        while alive.sum() > k:
            similarity = gram / np.outer(np.maximum(sizes, 1), np.maximum(sizes, 1))
            similarity[~alive] = similarity[:, ~alive] = -np.inf
            np.fill_diagonal(similarity, -np.inf)
            a, b = sorted(np.unravel_index(similarity.argmax(), similarity.shape))
            sums[a] += sums[b]
            sizes[a], sizes[b], alive[b] = sizes[a] + sizes[b], 0, False
            into[into == b] = a
            gram[a] = gram[:, a] = sums @ sums[a]
        merged[view] = np.unique(into[found], return_inverse=True)[1]
    return merged


def silhouette(vectors: np.ndarray, labels: np.ndarray, random_state: int = 0,
               sample_size: int = SILHOUETTE_SAMPLE) -> np.ndarray:
    """Mean cosine silhouette of each view's labelling (views × texts): -1 where it does not split the texts.

    Beyond ``sample_size`` texts, on a random sample of them (the same texts as scikit-learn's
    ``silhouette_score(..., sample_size=, random_state=)``).
    """
    n = labels.shape[1]
    if n > sample_size:
        with seeded_random(random_state) as rng:
            sample = rng.permutation(n)[:sample_size]
        vectors, labels, n = vectors[:, sample], labels[:, sample], sample_size
    unit = normalize_rows(vectors)
    # 1 - cosine, clipped to [0, 2], in place: one sample × sample array alive instead of three.
    distances = unit @ np.swapaxes(unit, 1, 2)
    np.negative(distances, out=distances)
    distances += 1
    np.clip(distances, 0, 2, out=distances)
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


def adjusted_rand_index(labels_a, labels_b) -> float:
    """The adjusted Rand index of two labelings of the same texts (Hubert and Arabie): 1 for the same
    partition, about 0 for chance agreement; 1 when neither can disagree (fewer than two texts, or both
    labelings one group or each text its own). In NumPy: importing ``sklearn.metrics`` costs a second."""
    _, a = np.unique(np.asarray(labels_a), return_inverse=True)
    _, b = np.unique(np.asarray(labels_b), return_inverse=True)
    if a.shape != b.shape:
        raise ValueError(f"labelings of different lengths: {a.shape[0]} and {b.shape[0]}")
    table = np.zeros((a.max(initial=-1) + 1, b.max(initial=-1) + 1))
    np.add.at(table, (a, b), 1)
    return float(adjusted_rand_indices(table[None])[0])


def adjusted_rand_indices(tables: np.ndarray) -> np.ndarray:
    """:func:`adjusted_rand_index` of each contingency table of a stack (texts per group of one labeling ×
    group of the other; empty rows and columns count nothing): many pairs of labelings in one step."""

    def pairs(counts):
        return (counts * (counts - 1)).sum(axis=-1) / 2

    n = tables.sum(axis=(1, 2))
    together = pairs(tables.reshape(len(tables), -1))
    in_a, in_b = pairs(tables.sum(axis=2)), pairs(tables.sum(axis=1))
    expected = np.where(n > 1, in_a * in_b / np.maximum(n * (n - 1) / 2, 1), 0.0)
    maximum = (in_a + in_b) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(maximum == expected, 1.0, (together - expected) / (maximum - expected))


def refine(views: Views, labels: np.ndarray, k: int) -> np.ndarray:
    """:func:`multinomial_refine` of each view's labels (views × texts) on its TF-IDF."""
    if views.sparse:
        return multinomial_refine(views.tfidf, labels[0], k)[None]
    return multinomial_refine(views.tfidf, labels, k, vocabulary=views.vocabulary)


def multinomial_refine(weights, labels: np.ndarray, k: int, *, vocabulary: np.ndarray | None = None,
                       alpha: float = 0.1, n_iter: int = 10) -> np.ndarray:
    """Refine hard labels by EM for a mixture of multinomials over term weights (naive Bayes clustering).

    Starts from ``labels``; each step re-estimates every theme's term distribution (Laplace ``alpha``)
    and prior from the soft assignments, then re-assigns. Deterministic. ``weights`` is one (sparse
    or dense) texts × terms matrix with ``labels`` per text, or a dense stack of such matrices with a
    row of labels each and, in ``vocabulary``, a boolean mask per matrix of the terms it keeps.

    A matrix stops (with the labels of that step) once its labels leave :data:`EM_LOST_THEMES` themes or
    more without texts (:func:`themes_used`): ``ThemeClustering`` drops a refinement that empties a theme
    for Lloyd's labels, and themes that empty go on emptying (199 themes of 4,070 Wikipedia paragraphs:
    192, 162, 110 … 5 left after steps 2 to 10).
    """
    n = labels.shape[-1]
    responsibilities = np.eye(k)[labels]
    transposed = weights.T if issparse(weights) else np.ascontiguousarray(np.swapaxes(weights, -1, -2))
    kept = None if vocabulary is None else vocabulary[..., :, None].astype(float)  # views × terms × 1
    found, stopped = labels, np.zeros(labels.shape[:-1], dtype=bool)  # the labels of the matrices stopped early
    can_stop = k - EM_LOST_THEMES >= 1  # a labelling always uses one theme or more
    for _ in range(n_iter):
        prior = np.log(responsibilities.sum(axis=-2) + 1) - np.log(n + k)
        counts = np.asarray(transposed @ responsibilities)  # … × terms × themes
        counts += alpha
        themes_first = np.swapaxes(counts, -1, -2)
        totals = themes_first.sum(axis=-1, keepdims=True) if kept is None else themes_first @ kept  # kept terms only
        # The logs in themes × terms order, where the totals broadcast along rows (an inner loop of k was
        # slow); the product then reads them in terms × themes order, as it always did.
        log_terms = np.log(np.ascontiguousarray(themes_first))
        log_terms -= np.log(totals)
        log_joint = np.asarray(weights @ np.ascontiguousarray(np.swapaxes(log_terms, -1, -2)))
        log_joint += prior[..., None, :]
        log_joint -= log_joint.max(axis=-1, keepdims=True)
        responsibilities = np.exp(log_joint, out=log_joint)
        responsibilities /= responsibilities.sum(axis=-1, keepdims=True)
        if not can_stop:
            continue
        labels = responsibilities.argmax(axis=-1)
        stopping = ~stopped & (themes_used(labels, k) <= k - EM_LOST_THEMES)
        found, stopped = np.where(stopping[..., None], labels, found), stopped | stopping
        if stopped.all():
            break
    return np.where(stopped[..., None], found, responsibilities.argmax(axis=-1))


def themes_used(labels: np.ndarray, k: int) -> np.ndarray:
    """How many of the ``k`` themes have a text, in each row of labels (one labelling, or a stack: … × texts)."""
    rows = labels.reshape(-1, labels.shape[-1])
    offsets = (rows + k * np.arange(len(rows))[:, None]).ravel()
    return (np.bincount(offsets, minlength=k * len(rows)).reshape(len(rows), k) > 0).sum(axis=1).reshape(
        labels.shape[:-1])


def batched_kmeans(vectors: np.ndarray, k: int, *, n_init: int = 20, random_state: int = 0,
                   max_iter: int = KMEANS_MAX_ITER, hartigan: int = 0) -> np.ndarray:
    """k-means labels for each matrix of a stack (views × texts × dimensions), all fitted at once.

    Per matrix, ``n_init`` runs of Lloyd's algorithm from greedy k-means++ starts (as scikit-learn's
    ``KMeans``), until no label changes; the run with the lowest inertia wins. With ``hartigan`` > 0, the
    ``hartigan`` runs of lowest inertia are first improved by :func:`hartigan_moves`. Vectorised over
    matrices and runs; from :data:`PARALLEL_MIN_TEXTS` texts the runs are shared among :data:`THREADS`
    threads. Deterministic for ``random_state``; a matrix gets the labels it gets alone.
    """
    n_views, n, _ = vectors.shape
    squared = np.einsum("vnd,vnd->vn", vectors, vectors)
    with seeded_random(random_state) as rng:
        # Every run's random draws first (the draws the starts took step by step): a run's start then
        # depends on its own draws only, whichever thread computes it.
        first = rng.randint(n, size=n_init)
        uniforms = rng.random_sample((k - 1, n_init, 2 + int(np.log(k))))
    threads = THREADS if n >= PARALLEL_MIN_TEXTS else 1
    groups = [runs for runs in np.array_split(np.arange(n_init), threads) if len(runs)]
    found = parallel_map(lambda runs: _lloyd(vectors, squared, _kmeans_plusplus(
        vectors, squared, first[runs], uniforms[:, runs]), max_iter), groups)
    labels, inertia = np.concatenate([f[0] for f in found], axis=2), np.concatenate([f[1] for f in found], axis=1)
    if hartigan:
        # The ``hartigan`` runs of least inertia per view, improved by single-text moves; the least after wins.
        best = np.argsort(inertia, axis=1, kind="stable")[:, :hartigan]
        shortlist = np.take_along_axis(np.swapaxes(labels, 1, 2), best[..., None], axis=1)
        labels, inertia = hartigan_moves(vectors, shortlist, k)
        return labels[np.arange(n_views), inertia.argmin(axis=1)]
    return np.take_along_axis(labels, inertia.argmin(axis=1)[:, None, None], axis=2)[..., 0]


def _lloyd(vectors: np.ndarray, squared: np.ndarray, starts: np.ndarray, max_iter: int):
    """Lloyd's algorithm from the ``starts`` (text indices, views × runs × k) until no label changes: the
    labels (views × texts × runs) and inertia (views × runs) of each run."""
    n_views, n, _ = vectors.shape
    _, n_init, k = starts.shape
    # Centres of all runs side by side (views × runs·k × dimensions): one matrix product per view and
    # step, instead of one per view and run. A run whose labels no longer change (in every view) is
    # at its fixed point and leaves the computation.
    centres = vectors[np.arange(n_views)[:, None], starts.reshape(n_views, n_init * k)].reshape(n_views, n_init, k, -1)
    labels = np.full((n_views, n, n_init), -1)
    inertia = np.zeros((n_views, n_init))
    active = np.arange(n_init)
    for _ in range(max_iter):
        moving = centres[:, active].reshape(n_views, len(active) * k, -1)
        # squared - 2 x·c + |c|², in place (the same sums in the same order: one array instead of four).
        to_centres = vectors @ np.swapaxes(moving, 1, 2)
        to_centres *= -2
        to_centres += squared[:, :, None]
        to_centres += np.einsum("vcd,vcd->vc", moving, moving)[:, None, :]
        to_centres = to_centres.reshape(n_views, n, len(active), k)
        new_labels = to_centres.argmin(axis=-1)  # views × texts × active runs
        inertia[:, active] = np.take_along_axis(to_centres, new_labels[..., None], axis=-1)[..., 0].sum(axis=1)
        changed = (new_labels != labels[:, :, active]).any(axis=(0, 1))
        labels[:, :, active] = new_labels
        active = active[changed]
        if not len(active):
            break
        # Each text's cluster in each view and active run, all their clusters numbered side by side (views ×
        # runs × k), and the text's row among all views' texts, texts in order within a run: the centre sums
        # are one sparse product, each centre's a sum of its texts in order (not a dense 0/1 matrix).
        cells = len(active) * k
        clusters = ((labels[:, :, active] + k * np.arange(len(active))).transpose(0, 2, 1).reshape(n_views, -1)
                    + cells * np.arange(n_views)[:, None]).ravel()
        texts = (n * np.arange(n_views)[:, None] + np.tile(np.arange(n), len(active))).ravel()
        sizes = np.bincount(clusters, minlength=n_views * cells).reshape(n_views, cells, 1).astype(float)
        sums = (csr_matrix((np.ones(len(texts)), (clusters, texts)), shape=(n_views * cells, n_views * n))
                @ vectors.reshape(n_views * n, -1)).reshape(n_views, cells, -1) / np.maximum(sizes, 1)
        previous = centres[:, active].reshape(n_views, len(active) * k, -1)
        centres[:, active] = np.where(sizes > 0, sums, previous).reshape(n_views, len(active), k, -1)
    return labels, inertia


def hartigan_moves(vectors: np.ndarray, labels: np.ndarray, k: int,
                   max_passes: int = HARTIGAN_MAX_PASSES) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's labels improved by Hartigan's single-text moves, for each view and run (``labels``: views ×
    runs × texts); returns the labels and their inertia (views × runs).

    A text moves from its cluster A to the cluster B that lowers the inertia most, counting that both
    centres move with it: |A| / (|A| - 1) · d(x, A)² against |B| / (|B| + 1) · d(x, B)² (Hartigan and Wong
    1979; Telgarsky and Vattani 2010). Every fixed point of these moves is one of Lloyd's, not conversely:
    with many clusters Lloyd stops where moving one text at a time still lowers the inertia a lot. Texts
    are visited in order, all views and runs at once, for at most ``max_passes`` passes or until no text
    moves. The distances of a block of texts (within :data:`CHUNK_FLOATS`) are one matrix product and the
    gains of all its texts are computed at once: the loop in Python goes from one moving text to the next
    (a move redoes the distances to its two centres), so a pass with few moves costs a few products.
    """
    n_views, n_runs, n = labels.shape
    # Views and runs flattened into one axis of problems (a problem's view: ``view_of``).
    labels = labels.reshape(n_views * n_runs, n).copy()
    problems, view_of = np.arange(len(labels)), np.repeat(np.arange(n_views), n_runs)
    sizes = np.zeros((len(labels), k))
    centres = np.zeros((len(labels), k, vectors.shape[-1]))
    for problem in problems:  # one at a time: a texts × k array, not problems times that
        members = (labels[problem, :, None] == np.arange(k)).astype(float)
        sizes[problem] = members.sum(axis=0)
        centres[problem] = (members.T @ vectors[view_of[problem]]) / np.maximum(sizes[problem], 1)[:, None]
    norms = np.einsum("mkd,mkd->mk", centres, centres)
    squared = np.einsum("vnd,vnd->vn", vectors, vectors)
    step = max(1, min(HARTIGAN_BLOCK, CHUNK_FLOATS // (len(labels) * k)))
    for _ in range(max_passes):
        moved = False
        for first in range(0, n, step):
            block = vectors[:, first:first + step]
            distances = (centres.reshape(n_views, n_runs * k, -1) @ np.swapaxes(block, 1, 2)).reshape(
                len(labels), k, -1)
            distances *= -2
            distances += norms[..., None] + squared[view_of, None, first:first + step]
            position = 0  # the block's texts before it are visited
            while position < block.shape[1]:
                # The gains of the texts left in the block, exact: the distances to moved centres are redone.
                own = labels[:, first + position:first + block.shape[1]]
                ahead = np.maximum(distances[..., position:], 0)
                own_size = np.take_along_axis(sizes, own, axis=1)
                leaving = np.take_along_axis(ahead, own[:, None], axis=1)[:, 0] * own_size / np.maximum(own_size - 1, 1)
                joining = ahead * (sizes / (sizes + 1))[..., None]
                np.put_along_axis(joining, own[:, None], np.inf, axis=1)
                movable = (own_size > 1) & (joining.min(axis=1) < leaving - 1e-12)
                anywhere = movable.any(axis=0)
                if not anywhere.any():
                    break
                offset = int(anywhere.argmax())  # the next text that lowers the inertia of some problem
                text, move = first + position + offset, np.flatnonzero(movable[:, offset])
                a, b = own[move, offset], joining[move, :, offset].argmin(axis=1)
                x = vectors[view_of[move], text]
                centres[move, a] = (centres[move, a] * sizes[move, a, None] - x) / (sizes[move, a, None] - 1)
                centres[move, b] = (centres[move, b] * sizes[move, b, None] + x) / (sizes[move, b, None] + 1)
                sizes[move, a] -= 1
                sizes[move, b] += 1
                for cluster in (a, b):
                    norms[move, cluster] = np.einsum("md,md->m", centres[move, cluster], centres[move, cluster])
                    distances[move, cluster] = squared[view_of[move], first:first + step] + norms[move, cluster, None] \
                        - 2 * np.einsum("md,mbd->mb", centres[move, cluster], block[view_of[move]])
                labels[move, text] = b
                moved, position = True, position + offset + 1
        if not moved:
            break
    inertia = np.array([((vectors[view_of[problem]] - centres[problem, labels[problem]]) ** 2).sum()
                        for problem in problems]).reshape(n_views, n_runs)
    labels = labels.reshape(n_views, n_runs, n)
    return labels, inertia


def _distances_from(vectors: np.ndarray, squared: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances from the texts ``indices`` (views × …) to every text of their view."""
    n_views, n, dims = vectors.shape
    view = np.arange(n_views).reshape(-1, *[1] * (indices.ndim - 1))
    chosen = vectors[view, indices].reshape(n_views, -1, dims)
    distances = squared[view, indices].reshape(n_views, -1)[:, :, None] + squared[:, None, :] \
        - 2 * chosen @ np.swapaxes(vectors, 1, 2)
    return np.maximum(distances, 0).reshape(*indices.shape, n)


def _kmeans_plusplus(vectors: np.ndarray, squared: np.ndarray, first: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """Greedy k-means++ starts (indices, views × runs × k) from each run's ``first`` text and its uniform
    draws in [0, 1) (k − 1 steps × runs × trials).

    Each new centre is the best, by potential, of ``2 + log k`` texts (the trials) drawn with probability
    proportional to their squared distance from the centres chosen so far (Arthur & Vassilvitskii).
    Distances are computed from the drawn texts only, so memory grows with the texts, not their square.
    """
    n_views, n, _ = vectors.shape
    # The same draws for every view: a view's starts depend on its own vectors only, not on how many
    # views are clustered beside it (an article's fit gives the themes it gives alone).
    chosen = [np.broadcast_to(first[None], (n_views, len(first)))]
    closest = _distances_from(vectors, squared, chosen[0])  # views × runs × texts
    for step in uniforms:
        cumulative = np.cumsum(closest, axis=-1)
        draws = step[None] * cumulative[..., -1:]
        candidates = np.minimum((cumulative[..., None, :] <= draws[..., None]).sum(axis=-1), n - 1)
        potential = np.minimum(closest[:, :, None, :], _distances_from(vectors, squared, candidates))
        best = potential.sum(axis=-1).argmin(axis=-1)[..., None]
        chosen.append(np.take_along_axis(candidates, best, axis=-1)[..., 0])
        closest = np.take_along_axis(potential, best[..., None], axis=2)[:, :, 0]
    return np.stack(chosen, axis=-1)


def linear_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of a minimum-cost one-to-one assignment (as ``scipy.optimize.linear_sum_assignment``).

    The shortest augmenting path method (Crouse 2016, the method SciPy uses) in plain Python: a
    partition has a handful of themes, and importing SciPy's optimiser would cost more than the whole
    theme stage. Ties are broken as SciPy breaks them, so both give the same assignment (a test checks).
    """
    cost = np.asarray(cost, dtype=float)
    transposed = cost.shape[1] < cost.shape[0]
    if transposed:
        cost = cost.T
    n_rows, n_columns = cost.shape
    u, v = np.zeros(n_rows), np.zeros(n_columns)
    column_of, row_of = np.full(n_rows, -1), np.full(n_columns, -1)
    for start in range(n_rows):
        path, distance = np.full(n_columns, -1), np.full(n_columns, np.inf)
        rows_seen, columns_seen = np.zeros(n_rows, bool), np.zeros(n_columns, bool)
        remaining, reached, row, sink = list(range(n_columns - 1, -1, -1)), 0.0, start, -1
        while sink == -1:  # grow shortest paths from ``start`` until one ends in a free column
            rows_seen[row] = True
            best, lowest = -1, np.inf
            for position, column in enumerate(remaining):
                reduced = reached + cost[row, column] - u[row] - v[column]
                if reduced < distance[column]:
                    path[column], distance[column] = row, reduced
                if distance[column] < lowest or (distance[column] == lowest and row_of[column] == -1):
                    best, lowest = position, distance[column]
            reached, column = lowest, remaining[best]
            columns_seen[column] = True
            remaining[best] = remaining[-1]
            remaining.pop()
            if row_of[column] == -1:
                sink = column
            else:
                row = row_of[column]
        u[start] += reached
        others = rows_seen & (np.arange(n_rows) != start)
        u[others] += reached - distance[column_of[others]]
        v[columns_seen] -= reached - distance[columns_seen]
        column = sink
        while True:  # flip the assignments along the path
            row = path[column]
            row_of[column] = row
            column_of[row], column = column, column_of[row]
            if row == start:
                break
    if transposed:
        order = np.argsort(column_of)
        return column_of[order], np.arange(n_rows)[order]
    return np.arange(n_rows), column_of


def principal_components(vectors: np.ndarray, n_components: int = 2) -> np.ndarray:
    """``vectors`` projected on their first ``n_components`` principal axes: scikit-learn's
    ``PCA(n_components, svd_solver="full").fit_transform`` (centred SVD, each axis signed so that its largest
    loading is positive), without importing scikit-learn (a second) for a chart."""
    centred = vectors - vectors.mean(axis=0)
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    signs = np.sign(vt[np.arange(vt.shape[0]), np.abs(vt).argmax(axis=1)])
    return (u * signs)[:, :n_components] * s[:n_components]

