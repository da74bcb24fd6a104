"""Looking at high-dimensional data: t-SNE affinities, exact t-SNE, trustworthiness."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validate import (
    allocation_guard,
    as_int,
    as_matrix,
    as_positive_scalar,
    as_rng,
    as_scalar,
    describe,
)

__all__ = ["tsne_affinities", "tsne", "trustworthiness"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "tsne_affinities": ("t-SNE input affinities (perplexity calibration)",
                        ("perplexity", "joint probabilities", "P matrix", "SNE affinities",
                         "Gaussian affinities", "bandwidth sigma")),
    "tsne": ("t-SNE embedding (exact)",
             ("t-distributed stochastic neighbor embedding", "tSNE", "t-SNE",
              "nonlinear dimensionality reduction", "visualise high-dimensional data",
              "KL divergence embedding")),
    "trustworthiness": ("Trustworthiness of an embedding",
                        ("neighbourhood preservation", "embedding quality", "intrusions",
                         "kNN preservation", "Venna Kaski")),
}

_BISECTION_STEPS = 100
_ENTROPY_TOL = 1e-10
#: The most gradient iterations tsne runs (about a minute for 30 points; hours for 300).
_MAX_ITER = 10**6


def _squared_distances(X: np.ndarray) -> np.ndarray:
    """Pairwise squared Euclidean distances, diagonal exactly 0.

    The data are centred first: ‖x‖² + ‖y‖² − 2xᵀy loses every digit when the points sit
    far from the origin (1e8 + small offsets), and distances do not depend on the origin.
    """
    Z = X - np.mean(X, axis=0)
    sq = np.einsum("ij,ij->i", Z, Z)
    D = sq[:, None] + sq[None, :] - 2.0 * (Z @ Z.T)
    np.maximum(D, 0.0, out=D)  # rounding can leave -1e-16 where points coincide
    np.fill_diagonal(D, 0.0)
    return D


def _student_t_kernel(Y: np.ndarray) -> np.ndarray:
    """W_ij = 1 / (1 + ‖y_i − y_j‖²) with a zero diagonal (the heavy-tailed kernel of t-SNE)."""
    W = 1.0 / (1.0 + _squared_distances(Y))
    np.fill_diagonal(W, 0.0)
    return W


def _conditional_affinities(D: np.ndarray, perplexity: float) -> np.ndarray:
    """Rows p_{j|i} with entropy log(perplexity), by bisection on log β_i for all rows at once."""
    n = D.shape[0]
    target = math.log(perplexity)
    off = ~np.eye(n, dtype=bool)
    # Shift each row by its smallest off-diagonal distance: exp(−β (d − d_min)) has its
    # largest term equal to 1, so the log-sum-exp never underflows however large β d is.
    big = np.where(off, D, np.inf)
    shifted = np.where(off, big - np.min(big, axis=1, keepdims=True), 0.0)
    spread = np.max(shifted, axis=1)
    spread[spread == 0.0] = 1.0  # all neighbours equidistant: every β gives the uniform row
    lo = -np.log(spread) - 40.0  # β·spread = e^-40: uniform to 1e-17
    hi = -np.log(spread) + 40.0  # β·spread = e^40: all mass on the nearest neighbours
    log_beta = 0.5 * (lo + hi)
    for _ in range(_BISECTION_STEPS):
        beta = np.exp(log_beta)
        E = np.exp(-beta[:, None] * shifted) * off  # the nearest neighbour's term is 1
        total = np.sum(E, axis=1)
        P = E / total[:, None]
        entropy = np.log(total) + beta * np.sum(P * shifted, axis=1)
        if np.all(np.abs(entropy - target) < _ENTROPY_TOL):
            break
        too_flat = entropy > target  # β too small: sharpen
        lo = np.where(too_flat, log_beta, lo)
        hi = np.where(too_flat, hi, log_beta)
        log_beta = 0.5 * (lo + hi)
    return P


def _check_perplexity(perplexity: Any, n: int) -> float:
    value = as_scalar(perplexity, "perplexity")
    if not 1.0 < value <= n - 1:
        raise ValueError(
            f"perplexity must be > 1 and at most n_samples - 1 = {n - 1} (a row spread "
            f"evenly over all n - 1 neighbours has perplexity n - 1), got {perplexity!r}"
        )
    return value


def tsne_affinities(X: Any, perplexity: float = 30.0) -> np.ndarray:
    r"""The symmetric t-SNE input affinities, each point's bandwidth set by the perplexity.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, one row per point.
    perplexity : float, default 30.0
        The effective number of neighbours of each point, :math:`1 < \mathrm{Perp} \le n - 1`.

    Returns
    -------
    numpy.ndarray, shape (n, n)
        :math:`P`: symmetric, non-negative, zero diagonal, entries summing to 1.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least 3 rows or ``perplexity`` is outside
        :math:`(1, n - 1]`.

    See Also
    --------
    tsne : the embedding these affinities define.
    mathref.information.perplexity : the perplexity of a distribution.

    Notes
    -----
    .. math::

        p_{j|i} = \frac{\exp\left( -\|x_i - x_j\|^2 / 2\sigma_i^2 \right)}
        {\sum_{l \ne i} \exp\left( -\|x_i - x_l\|^2 / 2\sigma_i^2 \right)}, \qquad
        2^{-\sum_{j} p_{j|i} \log_2 p_{j|i}} = \mathrm{Perp}, \qquad
        p_{ij} = \frac{p_{j|i} + p_{i|j}}{2n}

    where :math:`x_i` is the :math:`i`-th of the :math:`n` points, :math:`\sigma_i` the
    bandwidth of the Gaussian centred on it (with :math:`p_{i|i} = 0`), :math:`\mathrm{Perp}`
    the perplexity and :math:`p_{ij}` the symmetric joint affinity.

    Each point gets its own :math:`\sigma_i`: small in dense regions, large in sparse ones,
    so every point has about :math:`\mathrm{Perp}` effective neighbours. The entropy of a
    row decreases monotonically in :math:`\beta_i = 1/2\sigma_i^2`, so :math:`\sigma_i` is
    found by bisection, on :math:`\log \beta_i` (the bandwidths of a data set span many
    orders of magnitude), for all rows at once, to an entropy error below
    :math:`10^{-10}`. The row is computed in log space from the distances minus the
    row's smallest one: the naive :math:`e^{-\beta d}` underflows to 0 for every
    neighbour as soon as :math:`\beta d > 745` (points far from everything, or a small
    :math:`\sigma_i`) and the row becomes 0/0. Squared distances are computed after
    centring the data, so that points far from the origin keep their digits, and, for
    data beyond :math:`10^{100}` or below :math:`10^{-100}` in magnitude, after dividing
    it by its largest magnitude (:math:`P` does not depend on the scale of the data,
    each :math:`\sigma_i` follows it), so that coordinates near 1e200 do not overflow
    when squared and coordinates near 1e-200 do not underflow.

    References
    ----------
    .. [1] L. van der Maaten and G. Hinton, "Visualizing data using t-SNE", Journal of
       Machine Learning Research 9, 2008.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import tsne_affinities
    >>> X = np.random.default_rng(0).normal(size=(50, 5))
    >>> P = tsne_affinities(X, perplexity=10.0)
    >>> bool(np.allclose(P, P.T)), round(float(P.sum()), 12)
    (True, 1.0)

    No point is its own neighbour, and each point's affinities with the others add up to
    between 1/(2n) and 1 (its own conditional row contributes exactly 1/(2n)):

    >>> bool(np.all(np.diag(P) == 0)), bool(np.all(P.sum(axis=1) >= 1 / 100))
    (True, True)
    """
    data = as_matrix(X, "X", dtype=np.float64)
    n = data.shape[0]
    if n < 3:
        raise ValueError(f"X must have at least 3 rows (points), got {describe(data)}")
    perp = _check_perplexity(perplexity, n)
    top = float(np.max(np.abs(data)))
    if top > 1e100 or 0 < top < 1e-100:
        data = data / top  # P is scale-free; squares of 1e200 would overflow
    conditional = _conditional_affinities(_squared_distances(data), perp)
    return (conditional + conditional.T) / (2.0 * n)


def _kl_gradient(P: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """∂KL(P‖Q)/∂Y = 4 Σ_j (p_ij − q_ij)(y_i − y_j)/(1 + ‖y_i − y_j‖²)."""
    W = _student_t_kernel(Y)
    Q = W / np.sum(W)
    M = (P - Q) * W
    return 4.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)


def _kl_divergence(P: np.ndarray, Y: np.ndarray) -> float:
    """KL(P‖Q) = Σ p_ij log(p_ij / q_ij) over p_ij > 0 (the t-SNE cost)."""
    W = _student_t_kernel(Y)
    Q = W / np.sum(W)
    mask = P > 0
    return float(np.sum(P[mask] * (np.log(P[mask]) - np.log(Q[mask]))))


def tsne(X: Any, n_components: int = 2, perplexity: float = 30.0, n_iter: int = 1000,
         rng: Any = None, *, learning_rate: float = 100.0,
         early_exaggeration: float = 4.0) -> np.ndarray:
    r"""Exact t-SNE: a low-dimensional embedding whose Student-t affinities match ``P``.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data, one row per point (a few hundred points: the cost is
        :math:`O(n^2)` per iteration).
    n_components : int, default 2
        The dimension of the embedding.
    perplexity : float, default 30.0
        The effective number of neighbours, as in :func:`tsne_affinities`.
    n_iter : int, default 1000
        The number of gradient iterations, at most :math:`10^6`.
    rng : numpy.random.Generator, int or None, default None
        The source of the random initial layout (same seed, same embedding).
    learning_rate : float, default 100.0
        Keyword-only. The initial step :math:`\eta` (van der Maaten and Hinton's 100).
    early_exaggeration : float, default 4.0
        Keyword-only. The factor multiplying :math:`P` during the first 50 iterations.

    Returns
    -------
    numpy.ndarray, shape (n, n_components)
        The embedding :math:`Y`, centred at the origin.

    Raises
    ------
    ValueError
        As :func:`tsne_affinities`; also if ``n_components`` or ``n_iter`` is not a positive
        integer (``n_iter`` above :math:`10^6`, or ``n_components`` too large to allocate),
        ``learning_rate`` or ``early_exaggeration`` is not positive, or the iterations
        diverge (the embedding overflows: ``learning_rate`` or ``early_exaggeration`` far
        too large).

    See Also
    --------
    tsne_affinities : the input affinities :math:`P`.
    trustworthiness : how well the embedding keeps each point's neighbours.
    mathref.analysis.cauchy_kernel : the Student-t (Cauchy) kernel of the output space.
    mathref.linalg.pca : the linear alternative, which preserves global variance.

    Notes
    -----
    .. math::

        q_{ij} = \frac{\left( 1 + \|y_i - y_j\|^2 \right)^{-1}}
        {\sum_{k \ne l} \left( 1 + \|y_k - y_l\|^2 \right)^{-1}}, \qquad
        C = \mathrm{KL}(P \,\|\, Q) = \sum_{i \ne j} p_{ij} \log \frac{p_{ij}}{q_{ij}}, \qquad
        \frac{\partial C}{\partial y_i} = 4 \sum_{j} (p_{ij} - q_{ij})
        \frac{y_i - y_j}{1 + \|y_i - y_j\|^2}

    where :math:`y_i` is the position of point :math:`i` in the embedding,
    :math:`p_{ij}` its input affinity with point :math:`j` (from ``tsne_affinities``),
    :math:`q_{ij}` their affinity in the embedding under a Student-t kernel with one degree
    of freedom, and :math:`C` the cost minimised.

    The heavy tail of the Student-t kernel lets moderately distant points be placed far
    apart, which solves the "crowding problem" of SNE and separates clusters; the price is
    that distances between clusters, cluster sizes and densities in the picture mean
    little. The optimisation follows van der Maaten and Hinton (2008): initial points
    drawn from :math:`\mathcal{N}(0, 10^{-4} I)`, early exaggeration (:math:`P` multiplied
    by 4 for the first 50 iterations, so clusters form before they settle), momentum 0.5
    for the first 250 iterations and 0.8 after, and per-coordinate adaptive gains
    (Jacobs' rule: +0.2 when the gradient changes sign against the last update, ×0.8
    otherwise, at least 0.01). The gradient is exact, :math:`O(n^2)` per iteration (no
    Barnes–Hut approximation): a few hundred points take seconds.

    References
    ----------
    .. [1] L. van der Maaten and G. Hinton, "Visualizing data using t-SNE", Journal of
       Machine Learning Research 9, 2008.
    .. [2] R. A. Jacobs, "Increased rates of convergence through learning rate
       adaptation", Neural Networks 1(4), 1988.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import tsne, trustworthiness
    >>> rng = np.random.default_rng(0)
    >>> centres = rng.normal(scale=10.0, size=(3, 10))
    >>> X = np.repeat(centres, 30, axis=0) + rng.normal(size=(90, 10))
    >>> Y = tsne(X, perplexity=10.0, n_iter=300, rng=0)
    >>> Y.shape
    (90, 2)
    >>> bool(trustworthiness(X, Y, n_neighbors=5) > 0.9)
    True
    """
    P = tsne_affinities(X, perplexity)
    n = P.shape[0]
    dim = as_int(n_components, "n_components", minimum=1)
    iterations = as_int(n_iter, "n_iter", minimum=1, maximum=_MAX_ITER)
    eta = as_positive_scalar(learning_rate, "learning_rate")
    exaggeration = as_positive_scalar(early_exaggeration, "early_exaggeration")
    generator = as_rng(rng)
    with allocation_guard(f"n_components = {dim}"):
        Y = 1e-4 * generator.standard_normal((n, dim))
    update = np.zeros_like(Y)
    gains = np.ones_like(Y)
    for it in range(iterations):
        target = P * exaggeration if it < 50 else P
        momentum = 0.5 if it < 250 else 0.8
        grad = _kl_gradient(target, Y)
        against = (grad > 0) != (update > 0)
        gains = np.where(against, gains + 0.2, gains * 0.8)
        np.maximum(gains, 0.01, out=gains)
        update = momentum * update - eta * gains * grad
        Y = Y + update
        Y -= np.mean(Y, axis=0)
        if not np.all(np.isfinite(Y)):
            raise ValueError(
                f"tsne diverged at iteration {it}: the embedding overflowed; lower "
                f"learning_rate (got {eta!r}) or early_exaggeration (got {exaggeration!r})"
            )
    return Y


#: Data whose largest magnitude is above this (or below its reciprocal) is rescaled by a power
#: of two before the squared distances: squared differences of 1e200 overflow, of 1e-200
#: underflow.
_RESCALE_BEYOND = 1e100


def _neighbour_distances(A: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances Σ_c (a_ic − a_jc)² between the rows, +inf on the diagonal.

    Summed from the coordinate differences (SciPy's ``cdist``), not from the Gram form
    ‖a‖² + ‖b‖² − 2aᵀb: a sum of d positive terms, each distance is then accurate to
    about d ulps of itself, not of ‖a‖², so the order of near neighbours survives data far
    from its centre, and points at exactly equal distances (a lattice, duplicates) get
    exactly equal values, so the tie rule decides them, not rounding. The diagonal is +inf:
    no point is its own neighbour.
    """
    from scipy.spatial.distance import cdist

    top = float(np.max(np.abs(A)))
    if top > _RESCALE_BEYOND or 0.0 < top < 1.0 / _RESCALE_BEYOND:
        A = np.ldexp(A, -math.frexp(top)[1])  # exact, and orders depend only on ratios
    D = cdist(A, A, "sqeuclidean")
    np.fill_diagonal(D, np.inf)
    return D


def _nearest_neighbours(D: np.ndarray, k: int) -> np.ndarray:
    """The k columns of smallest value in each row of D, ties broken by index (any order).

    The set the first k entries of a stable argsort give, found by a partition, O(n) a
    row; only the rows whose k-th smallest value is shared across the boundary are sorted.
    """
    near = np.argpartition(D, k - 1, axis=1)[:, :k]
    kth = np.max(np.take_along_axis(D, near, axis=1), axis=1)
    shared = np.flatnonzero(np.count_nonzero(D <= kth[:, None], axis=1) > k)
    if shared.size:
        near[shared] = np.argsort(D[shared], axis=1, kind="stable")[:, :k]
    return near


def _ranks(D: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """r[i, c]: the position, from 1, of column j = cols[i, c] in row i of D sorted stably.

    r = 1 + #{l : D_il < D_ij} + #{l < j : D_il = D_ij}. Each row is sorted once and the
    first term found by bisection; a row where some D_ij is shared with another entry
    takes a stable argsort, so that equal distances are ordered by index.
    """
    n = D.shape[0]
    values = np.take_along_axis(D, cols, axis=1)
    ordered = np.sort(D, axis=1)
    closer = np.empty_like(cols)
    for i in range(n):
        closer[i] = np.searchsorted(ordered[i], values[i], side="left")
    # The diagonal's +inf ends each row, so closer + 1 < n indexes a real entry.
    shared = np.take_along_axis(ordered, closer + 1, axis=1) == values
    ranks = closer + 1
    for i in np.flatnonzero(np.any(shared, axis=1)):
        position = np.empty(n, dtype=np.int64)
        position[np.argsort(D[i], kind="stable")] = np.arange(1, n + 1)
        ranks[i] = position[cols[i]]
    return ranks


def trustworthiness(X: Any, Y: Any, n_neighbors: int = 5) -> float:
    r"""Trustworthiness: how far the embedding's nearest neighbours are from being true ones.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The original data.
    Y : array_like, shape (n, m)
        Its embedding, row :math:`i` the image of row :math:`i` of ``X``.
    n_neighbors : int, default 5
        The neighbourhood size :math:`k`, :math:`1 \le k < n/2`.

    Returns
    -------
    float
        :math:`T(k) \in [0, 1]`; 1 when every point's :math:`k` nearest neighbours in the
        embedding are among its :math:`k` nearest in the original space.

    Raises
    ------
    ValueError
        If ``X`` or ``Y`` is not a finite 2-D array, their numbers of rows differ, or
        ``n_neighbors`` is not an integer in :math:`[1, n/2)`.

    See Also
    --------
    tsne : an embedding to assess.

    Notes
    -----
    .. math::

        T(k) = 1 - \frac{2}{n k (2n - 3k - 1)} \sum_{i=1}^{n} \sum_{j \in U_i^{k}}
        \left( r(i, j) - k \right)

    where :math:`n` is the number of points, :math:`r(i, j)` the rank of point :math:`j`
    among the neighbours of point :math:`i` by distance in the original space (1 for the
    nearest), and :math:`U_i^{k}` the set of points among the :math:`k` nearest neighbours
    of :math:`i` in the embedding but not among its :math:`k` nearest in the original space.

    Each "intruder" is penalised by how far down the true ranking it really is; the
    normalisation makes the worst case 0. This is scikit-learn's
    ``sklearn.manifold.trustworthiness`` with Euclidean distances. Trustworthiness
    measures false neighbours (points brought together); its twin, continuity, measures
    neighbours torn apart. Ties in distance are broken by index (the order of a stable
    sort).

    Squared distances are summed from the coordinate differences, so each is accurate to
    about :math:`d` ulps of itself (positive terms: nothing cancels). The Gram form
    :math:`\|x\|^2 + \|y\|^2 - 2x^\top y` (which scikit-learn uses) is accurate only to a
    few ulps of :math:`\|x\|^2`: it reorders the neighbours inside clusters that sit far
    from the centre of the data (two clusters at :math:`\pm 10^8` with unit spread), and it
    makes exactly equal distances (lattice data, duplicated points) unequal, so that
    rounding, not the tie rule, orders them. Data
    beyond :math:`10^{100}` or below :math:`10^{-100}` in magnitude is first scaled by a
    power of two (exact, and ranks depend only on ratios of distances), so its squares
    neither overflow nor underflow. The embedding's :math:`k` nearest neighbours come from
    a partition of each row of distances, :math:`O(n)`; the ranks :math:`r(i, j)` from one
    sort of each row of input distances and a bisection for each of the :math:`nk` pairs;
    only the rows where a distance at stake is shared by two points take a stable sort.
    Time :math:`O(n^2 \log n)`, memory :math:`O(n^2)`.

    References
    ----------
    .. [1] J. Venna and S. Kaski, "Neighborhood preservation in nonlinear projection
       methods: an experimental study", ICANN 2001.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import trustworthiness
    >>> X = np.random.default_rng(0).normal(size=(100, 10))
    >>> trustworthiness(X, X[:, :2], n_neighbors=5)   # keeping 2 of 10 coordinates
    0.6702
    >>> trustworthiness(X, 3.0 * X, n_neighbors=5)     # a similarity keeps every neighbour
    1.0
    """
    data = as_matrix(X, "X", dtype=np.float64)
    emb = as_matrix(Y, "Y", dtype=np.float64)
    n = data.shape[0]
    if emb.shape[0] != n:
        raise ValueError(f"X and Y must have the same number of rows, got {n} and "
                         f"{emb.shape[0]}")
    k = as_int(n_neighbors, "n_neighbors", minimum=1)
    if not k < n / 2:
        raise ValueError(f"n_neighbors must be less than n_samples / 2 = {n / 2:g}, got {k}")
    near = _nearest_neighbours(_neighbour_distances(emb), k)  # j in the embedding's kNN of i
    ranks = _ranks(_neighbour_distances(data), near)         # r(i, j) in the original space
    excess = ranks - k  # > 0 exactly for the intruders U_i^k
    penalty = int(np.sum(excess[excess > 0]))
    return 1.0 - 2.0 * penalty / (n * k * (2.0 * n - 3.0 * k - 1.0))
