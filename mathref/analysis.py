"""Analysis: distances and the metric axioms, kernels and Gram matrices, convergence order."""
from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple

import numpy as np

from ._numerics import norm2, trusted_sum_of_squares, unit_vector
from ._validate import (
    all_finite,
    as_array,
    as_callable,
    as_matrix,
    as_positive_scalar,
    as_symmetric_matrix,
    as_vector,
    check_finite,
    check_same_shape,
    describe,
)

__all__ = [
    "euclidean_distance",
    "cosine_distance",
    "mahalanobis_distance",
    "check_metric_axioms",
    "rbf_kernel",
    "cauchy_kernel",
    "gram_matrix",
    "is_positive_semidefinite",
    "convergence_order",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "euclidean_distance": ("Euclidean distance",
                           ("L2 distance", "straight-line distance", "ℓ2 distance",
                            "Pythagorean distance")),
    "cosine_distance": ("Cosine distance",
                        ("cosine similarity", "angular distance", "1 - cos",
                         "embedding similarity")),
    "mahalanobis_distance": ("Mahalanobis distance",
                             ("whitened distance", "statistical distance",
                              "covariance-weighted distance", "Cholesky")),
    "check_metric_axioms": ("Metric axioms check",
                            ("metric space", "triangle inequality", "symmetry",
                             "identity of indiscernibles", "pseudometric", "is it a metric")),
    "rbf_kernel": ("Gaussian (RBF) kernel",
                   ("radial basis function", "squared exponential kernel", "Gaussian kernel",
                    "heat kernel", "SVM kernel")),
    "cauchy_kernel": ("Cauchy (Student-t) kernel",
                      ("t-SNE kernel", "Student t kernel", "rational quadratic",
                       "heavy-tailed kernel", "inverse quadratic")),
    "gram_matrix": ("Gram (kernel) matrix",
                    ("kernel matrix", "Gram matrix", "similarity matrix", "K matrix")),
    "is_positive_semidefinite": ("Positive semidefinite test",
                                 ("PSD", "positive semi-definite", "valid kernel",
                                  "Mercer condition", "eigenvalues non-negative")),
    "convergence_order": ("Order of convergence of a sequence",
                          ("rate of convergence", "linear convergence",
                           "quadratic convergence", "superlinear", "Newton convergence",
                           "optimiser progress")),
}


class MetricReport(NamedTuple):
    """The result of :func:`check_metric_axioms`.

    Attributes
    ----------
    ok : bool
        ``True`` when no axiom failed on the points.
    violations : list of (str, tuple of int)
        One ``(axiom, indices)`` pair per failure: the axiom's name
        (``"non-negativity"``, ``"identity of indiscernibles"``, ``"symmetry"``,
        ``"triangle inequality"``) and the indices of the points that break it.
    """

    ok: bool
    violations: list[tuple[str, tuple[int, ...]]]


def _pair(x: Any, y: Any, finite: bool = True) -> tuple[np.ndarray, np.ndarray]:
    a = as_vector(x, "x", finite=finite).astype(np.float64, copy=False)
    b = as_vector(y, "y", finite=finite).astype(np.float64, copy=False)
    check_same_shape(a, b, "x", "y")
    return a, b


def euclidean_distance(x: Any, y: Any) -> float:
    r"""The Euclidean distance :math:`\|x - y\|_2`, computed without overflow or underflow.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The two points; finite real numbers, the same length.

    Returns
    -------
    float
        :math:`\|x - y\|_2 \ge 0`.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a non-empty finite 1-D array, or their shapes differ.

    See Also
    --------
    mahalanobis_distance : the distance after whitening by a covariance.
    cosine_distance : compares directions, not positions.
    mathref.linalg.lp_norm : the norm this distance is built on.

    Notes
    -----
    .. math::

        d(x, y) = \|x - y\|_2 = \sqrt{\sum_{i=1}^{n} (x_i - y_i)^2}

    where :math:`x_i` and :math:`y_i` are the :math:`i`-th of the :math:`n` coordinates of
    the two points.

    The straight-line distance; a metric (it satisfies all four axioms checked by
    :func:`check_metric_axioms`). In high dimension the distances between random points
    concentrate around their mean, which is why nearest-neighbour methods degrade there.

    The difference and its sum of squares (one BLAS pass) are used as they stand when
    that sum neither overflows nor falls where underflowed squares matter; a finite sum
    also proves both points finite, so no separate check pass is made. Otherwise both
    points are divided by :math:`s = \max(\max_i |x_i|, \max_i |y_i|)` before the
    difference is taken, and the difference by its own largest entry before squaring: for
    ``x = [1e308]``, ``y = [-1e308]`` the difference itself overflows, and for
    ``x = [1e-200, 0]`` the square underflows to 0, although the distances
    (:math:`2 \times 10^{308}` is beyond float64, so ``inf`` there; :math:`10^{-200}`) are
    ordinary.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 2.2.

    Examples
    --------
    >>> from mathref import euclidean_distance
    >>> euclidean_distance([0, 0], [3, 4])
    5.0
    >>> euclidean_distance([1e-200, 0], [0, 1e-200]) / 1e-200
    1.4142
    """
    a, b = _pair(x, y, finite=False)
    with np.errstate(over="ignore", invalid="ignore"):
        difference = a - b
    distance = norm2(difference)
    if math.isfinite(distance):  # every x_i - y_i is finite, so x and y are
        return distance
    check_finite(a, "x")
    check_finite(b, "y")
    scale = max(float(np.max(np.abs(a))), float(np.max(np.abs(b))))  # x - y overflowed
    return scale * norm2(a / scale - b / scale)


def cosine_distance(x: Any, y: Any) -> float:
    r"""The cosine distance :math:`1 - \cos\theta` between two non-zero vectors.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The two vectors; finite real numbers, the same length, neither all zero.

    Returns
    -------
    float
        :math:`1 - \cos\theta \in [0, 2]`: 0 for the same direction, 1 for orthogonal, 2 for
        opposite.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a non-empty finite 1-D array, their shapes differ, or
        either is the zero vector (it has no direction).

    See Also
    --------
    euclidean_distance : the distance between positions.
    check_metric_axioms : cosine distance is not a metric.

    Notes
    -----
    .. math::

        d_{\cos}(x, y) = 1 - \frac{x^\top y}{\|x\|_2 \, \|y\|_2}
        = \frac{1}{2} \left\| \frac{x}{\|x\|_2} - \frac{y}{\|y\|_2} \right\|_2^2

    where :math:`x` and :math:`y` are the two vectors and :math:`\|\cdot\|_2` the Euclidean
    norm; the fraction is the cosine of the angle between them.

    Cosine distance ignores length and compares directions, which suits embeddings whose
    norm carries frequency rather than meaning. It is **not a metric**: the triangle
    inequality fails (vectors at 0°, 45° and 90° give :math:`1 > 2 (1 - \cos 45°)`), and
    distinct vectors pointing the same way are at distance 0. The angle
    :math:`\theta = \arccos(1 - d)` is a metric on directions.

    The right-hand form is the one computed: for nearly parallel vectors
    :math:`1 - \cos\theta \approx \theta^2/2` is far below the rounding error of
    :math:`\cos\theta` itself, and the left-hand form returns 0 or a few
    :math:`10^{-16}` of noise where the answer is :math:`5 \times 10^{-19}`
    (:math:`\theta = 10^{-9}`). The difference of the unit vectors keeps those digits.
    Each vector is divided by its largest entry before its norm is taken, so neither
    ``[1e200, 1e200]`` nor ``[1e-200, 1e-200]`` overflows or underflows. Where the
    cosine is at most 1/2, the left-hand form loses at most one bit, so it is taken from
    three BLAS dot products when their sums of squares neither overflow nor underflow (the
    fast path for unrelated vectors); closer directions take the unit-vector route.

    References
    ----------
    .. [1] C. D. Manning, P. Raghavan and H. Schütze, *Introduction to Information
       Retrieval*, Cambridge University Press, 2008, section 6.3.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import cosine_distance
    >>> cosine_distance([1, 0], [0, 1]), cosine_distance([1, 1], [2, 2])
    (1.0, 0.0)

    Accurate for nearly parallel vectors, where ``1 - cos`` returns rounding noise:

    >>> theta = 1e-9
    >>> cosine_distance([1, 0], [np.cos(theta), np.sin(theta)]) / (theta**2 / 2)
    1.0
    """
    a, b = _pair(x, y, finite=False)
    aa, bb = trusted_sum_of_squares(a), trusted_sum_of_squares(b)
    if aa is not None and bb is not None:  # trusted sums: x and y are finite
        cosine = float(np.dot(a, b)) / (math.sqrt(aa) * math.sqrt(bb))
        if cosine <= 0.5:  # 1 - cos >= 1/2: the subtraction loses at most one bit
            return min(1.0 - cosine, 2.0)
    check_finite(a, "x")
    check_finite(b, "y")
    units = []
    for name, vec in (("x", a), ("y", b)):
        unit = unit_vector(vec)
        if unit is None:
            raise ValueError(
                f"{name} must not be the zero vector (it has no direction, so the cosine is "
                f"undefined), got {describe(vec)}"
            )
        units.append(unit)
    diff = units[0] - units[1]
    return min(0.5 * float(np.dot(diff, diff)), 2.0)


def mahalanobis_distance(x: Any, y: Any, cov: Any) -> float:
    r"""The Mahalanobis distance between two points under a covariance, by a Cholesky solve.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The two points; finite real numbers, the same length.
    cov : array_like, shape (n, n)
        The covariance :math:`\Sigma`: symmetric positive definite.

    Returns
    -------
    float
        :math:`\sqrt{(x - y)^\top \Sigma^{-1} (x - y)} \ge 0`.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a finite 1-D array or their shapes differ, or ``cov`` is
        not a finite symmetric positive definite matrix of matching size.

    See Also
    --------
    euclidean_distance : the case :math:`\Sigma = I`.

    Notes
    -----
    .. math::

        d_\Sigma(x, y) = \sqrt{(x - y)^\top \Sigma^{-1} (x - y)} = \|L^{-1} (x - y)\|_2,
        \qquad \Sigma = L L^\top

    where :math:`x` and :math:`y` are the points, :math:`\Sigma` the covariance matrix and
    :math:`L` its lower-triangular Cholesky factor.

    The Euclidean distance after whitening: the data are rescaled so that the covariance
    becomes the identity, and a unit of distance means one standard deviation in every
    direction. Under a Gaussian :math:`N(\mu, \Sigma)` the squared distance of a sample to
    :math:`\mu` is :math:`\chi^2_n`; it is the basis of outlier scores and of linear
    discriminant analysis.

    :math:`\Sigma^{-1}` is never formed: solving the triangular system
    :math:`L z = x - y` costs :math:`O(n^2)` after the factorisation and is backward stable,
    while the explicit inverse of an ill-conditioned covariance (condition number
    :math:`10^{12}`, common with correlated features) loses many more digits and can even
    give a negative quadratic form. A failing Cholesky factorisation is how the matrix is
    found not positive definite.

    References
    ----------
    .. [1] P. C. Mahalanobis, "On the generalised distance in statistics", *Proceedings of
       the National Institute of Sciences of India* 2 (1936), 49--55.
    .. [2] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM,
       2002, chapter 10.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import mahalanobis_distance
    >>> cov = np.array([[4.0, 0.0], [0.0, 1.0]])
    >>> mahalanobis_distance([2, 0], [0, 0], cov), mahalanobis_distance([0, 2], [0, 0], cov)
    (1.0, 2.0)
    >>> mahalanobis_distance([1, 2], [0, 0], np.eye(2)) == float(np.sqrt(5))
    True
    """
    a, b = _pair(x, y)
    sigma = as_symmetric_matrix(cov, "cov").astype(np.float64, copy=False)
    if sigma.shape[0] != a.size:
        raise ValueError(
            f"cov must be {a.size} x {a.size} to match x and y, got shape {sigma.shape}"
        )
    try:
        factor = np.linalg.cholesky(sigma)
    except np.linalg.LinAlgError:
        raise ValueError(
            f"cov must be positive definite (its Cholesky factorisation failed), got "
            f"{describe(sigma)}"
        ) from None
    from scipy.linalg import solve_triangular

    z = solve_triangular(factor, a - b, lower=True, check_finite=False)
    return norm2(z)


def _as_points(points: Any, name: str) -> np.ndarray:
    """A 1-D array of scalar points or a 2-D array with one point per row."""
    return as_array(points, name, ndim=(1, 2)).astype(np.float64, copy=False)


def _scalar_from(func: Callable[..., Any], name: str, a: Any, b: Any) -> float:
    result = func(a, b)
    if np.iscomplexobj(result):  # np.asarray(..., float64) would drop the imaginary part
        raise TypeError(f"{name} must return a real number, returned {describe(result)}")
    try:
        value = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return a real number, returned {describe(result)}") \
            from None
    if value.size != 1:
        raise ValueError(f"{name} must return one number per pair of points, returned "
                         f"{describe(result)}")
    number = float(value.reshape(()))
    if not math.isfinite(number):
        raise ValueError(
            f"{name} returned a non-finite value {number!r} for the points "
            f"{describe(np.asarray(a))} and {describe(np.asarray(b))}"
        )
    return number


def check_metric_axioms(distance: Callable[[Any, Any], float], points: Any, *,
                        rtol: float = 1e-10) -> MetricReport:
    r"""Test the four metric axioms of a distance function on a finite set of points.

    Parameters
    ----------
    distance : callable
        ``distance(a, b)`` on two points, returning a finite real number.
    points : array_like, shape (m,) or (m, d)
        The points: scalars, or one point per row.
    rtol : float, default 1e-10, keyword-only
        The tolerance, relative to the largest distance among the points (see Notes).

    Returns
    -------
    MetricReport
        ``(ok, violations)``: ``ok`` is ``True`` when nothing failed; ``violations`` lists
        ``(axiom, indices)`` for each failure, in the order of the axioms below, then of the
        indices.

    Raises
    ------
    ValueError
        If ``points`` is not a non-empty finite 1-D or 2-D array, ``rtol`` is negative, or
        ``distance`` returns a non-finite value or more than one number.
    TypeError
        If ``distance`` is not callable or does not return a number.

    See Also
    --------
    euclidean_distance : a metric.
    cosine_distance : not a metric.

    Notes
    -----
    .. math::

        \begin{aligned}
        &d(x, y) \ge 0, \qquad d(x, y) = 0 \iff x = y, \\
        &d(x, y) = d(y, x), \qquad d(x, z) \le d(x, y) + d(y, z)
        \end{aligned}

    where :math:`d` is the distance function and :math:`x, y, z` any points: the axioms
    of non-negativity, identity of indiscernibles, symmetry and the triangle inequality.

    The function evaluates :math:`D_{ij} = d(p_i, p_j)` for every ordered pair (:math:`m^2`
    calls) and reports each failure with the indices involved:
    ``("non-negativity", (i, j))`` when :math:`D_{ij} < -\tau`;
    ``("identity of indiscernibles", (i,))`` when :math:`D_{ii} > \tau`, and
    ``("identity of indiscernibles", (i, j))`` for :math:`i < j` when distinct points have
    :math:`D_{ij} \le \tau` or equal points have :math:`D_{ij} > \tau`;
    ``("symmetry", (i, j))`` for :math:`i < j` when :math:`|D_{ij} - D_{ji}| > \tau`;
    ``("triangle inequality", (i, j, k))`` when :math:`D_{ik} > D_{ij} + D_{jk} + \tau`
    (the path through :math:`p_j` is shorter). The tolerance is
    :math:`\tau = \text{rtol} \cdot \max_{ij} |D_{ij}|`: a floating-point distance is
    exact only to rounding relative to its size, so a fixed absolute tolerance would flag
    rounding for points near :math:`10^{6}` and miss real failures for points near
    :math:`10^{-6}`. A pass is evidence on these points, not a proof; a failure is a proof.

    A distance that fails only the identity of indiscernibles is a pseudometric (fine for
    clustering, but distinct points collapse); one that fails the triangle inequality
    breaks the pruning in ball trees and other metric indexes, which then miss neighbours.

    References
    ----------
    .. [1] W. Rudin, *Principles of Mathematical Analysis*, 3rd ed., McGraw-Hill, 1976,
       definition 2.15.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import check_metric_axioms, cosine_distance, euclidean_distance
    >>> rng = np.random.default_rng(0)
    >>> check_metric_axioms(euclidean_distance, rng.normal(size=(6, 3))).ok
    True

    Cosine distance breaks the triangle inequality (0°, 45°, 90°) and the identity of
    indiscernibles (``[1, 0]`` and ``[2, 0]`` point the same way):

    >>> pts = [[1, 0], [1, 1], [0, 1], [2, 0]]
    >>> report = check_metric_axioms(cosine_distance, pts)
    >>> report.ok
    False
    >>> sorted({axiom for axiom, _ in report.violations})
    ['identity of indiscernibles', 'triangle inequality']
    >>> ('triangle inequality', (0, 1, 2)) in report.violations
    True
    """
    func = as_callable(distance, "distance")
    pts = _as_points(points, "points")
    tolerance_factor = as_positive_scalar(rtol, "rtol", allow_zero=True)
    m = pts.shape[0]
    D = np.empty((m, m))
    for i in range(m):
        for j in range(m):
            D[i, j] = _scalar_from(func, "distance", pts[i], pts[j])
    tau = tolerance_factor * float(np.max(np.abs(D)))
    flat = pts.reshape(m, -1)
    equal = np.all(flat[:, None, :] == flat[None, :, :], axis=2)
    violations: list[tuple[str, tuple[int, ...]]] = []
    for i, j in zip(*np.nonzero(D < -tau)):
        violations.append(("non-negativity", (int(i), int(j))))
    for i in np.flatnonzero(np.diag(D) > tau):
        violations.append(("identity of indiscernibles", (int(i),)))
    upper = np.triu(np.ones((m, m), dtype=bool), k=1)
    wrong_zero = upper & ~equal & (D <= tau)
    wrong_positive = upper & equal & (D > tau)
    for i, j in zip(*np.nonzero(wrong_zero | wrong_positive)):
        violations.append(("identity of indiscernibles", (int(i), int(j))))
    asymmetric = upper & (np.abs(D - D.T) > tau)
    for i, j in zip(*np.nonzero(asymmetric)):
        violations.append(("symmetry", (int(i), int(j))))
    # D[i, k] > D[i, j] + D[j, k] + tau, as an (i, j, k) boolean array
    broken = D[:, None, :] > D[:, :, None] + D[None, :, :] + tau
    for i, j, k in zip(*np.nonzero(broken)):
        violations.append(("triangle inequality", (int(i), int(j), int(k))))
    return MetricReport(not violations, violations)


#: up to this many n*m*d multiply-adds the squared distances are summed from the
#: differences (exact up to rounding of each term); beyond, the BLAS expansion.
_DIRECT_DISTANCE_WORK = 1 << 20


def _kernel_inputs(X: Any, Y: Any, gamma: Any) -> tuple[np.ndarray, np.ndarray | None, float]:
    A = as_matrix(X, "X").astype(np.float64, copy=False)
    B = None
    if Y is not None:
        B = as_matrix(Y, "Y").astype(np.float64, copy=False)
        if B.shape[1] != A.shape[1]:
            raise ValueError(
                f"X and Y must have the same number of features (columns), got {A.shape[1]} "
                f"and {B.shape[1]}"
            )
    g = as_positive_scalar(gamma, "gamma")
    return A, B, g


def _squared_distances(A: np.ndarray, B: np.ndarray | None) -> np.ndarray:
    """‖a_i − b_j‖² for all pairs of rows: never negative, 0 on the diagonal if B is None."""
    same = B is None
    other = A if same else B
    if A.shape[0] * other.shape[0] * A.shape[1] <= _DIRECT_DISTANCE_WORK:
        diff = A[:, None, :] - other[None, :, :]
        return np.einsum("ijk,ijk->ij", diff, diff)
    # centre first (distances are translation invariant): the expansion's cancellation
    # error is relative to ‖a‖² + ‖b‖², so it shrinks when the points sit near the origin.
    centre = A.mean(axis=0) if same else np.vstack([A, other]).mean(axis=0)
    Ac = A - centre
    Bc = Ac if same else other - centre
    sq = (np.einsum("ij,ij->i", Ac, Ac)[:, None] + np.einsum("ij,ij->i", Bc, Bc)[None, :]
          - 2.0 * (Ac @ Bc.T))
    # a negative value here is rounding of an exactly non-negative quantity: clip it.
    np.maximum(sq, 0.0, out=sq)
    if same:
        np.fill_diagonal(sq, 0.0)
    return sq


def rbf_kernel(X: Any, Y: Any = None, gamma: float = 1.0) -> np.ndarray:
    r"""The Gaussian (RBF) kernel matrix :math:`\exp(-\gamma \|x_i - y_j\|^2)`.

    Parameters
    ----------
    X : array_like, shape (n, d)
        One point per row; finite real numbers.
    Y : array_like, shape (m, d), optional
        A second set of points; ``None`` means ``X`` (the Gram matrix of ``X``).
    gamma : float, default 1.0
        :math:`\gamma > 0`, the inverse squared length scale (:math:`\gamma = 1/(2\ell^2)`).

    Returns
    -------
    ndarray, shape (n, m)
        :math:`K_{ij} \in (0, 1]`; symmetric positive semidefinite with unit diagonal when
        ``Y`` is ``None``.

    Raises
    ------
    ValueError
        If ``X`` or ``Y`` is not a non-empty finite 2-D array, their numbers of columns
        differ, or ``gamma`` is not positive and finite.

    See Also
    --------
    cauchy_kernel : the heavy-tailed alternative.
    gram_matrix : the kernel matrix of any two-point kernel.
    is_positive_semidefinite : the property that makes it a valid kernel.

    Notes
    -----
    .. math::

        k(x, y) = \exp\left( -\gamma \|x - y\|_2^2 \right)

    where :math:`x` and :math:`y` are two points and :math:`\gamma > 0` sets the length
    scale :math:`\ell = 1/\sqrt{2\gamma}` over which similarity decays.

    The kernel is the inner product of infinite-dimensional feature maps, so every Gram
    matrix it makes is positive semidefinite (strictly positive definite for distinct
    points): a Gaussian process prior, the SVM's default kernel, kernel ridge regression.
    Too large a :math:`\gamma` makes :math:`K` close to the identity (every point alone,
    overfitting); too small makes it close to the all-ones matrix (rank one, ill-conditioned
    solves).

    Squared distances: for small inputs (:math:`nmd \le 2^{20}`) they are summed from the
    coordinate differences. For large inputs they come from the expansion
    :math:`\|x\|^2 + \|y\|^2 - 2x^\top y` (one matrix product, as scikit-learn), after
    centring the points; rounding can make that a tiny negative number for two nearby
    points, and since the exact value is non-negative it is clipped at 0 — that clip is
    a correction of rounding, not of the input. The diagonal of :math:`K(X, X)` is exactly 1.

    References
    ----------
    .. [1] C. E. Rasmussen and C. K. I. Williams, *Gaussian Processes for Machine
       Learning*, MIT Press, 2006, section 4.2.
    .. [2] B. Schölkopf and A. J. Smola, *Learning with Kernels*, MIT Press, 2002,
       chapter 2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import rbf_kernel
    >>> K = rbf_kernel([[0.0], [1.0], [3.0]], gamma=0.5)
    >>> K[0, 1], K[0, 2]
    (0.6065, 0.0111)
    >>> bool(np.allclose(K, K.T)), bool(np.all(np.linalg.eigvalsh(K) > 0))
    (True, True)
    """
    A, B, g = _kernel_inputs(X, Y, gamma)
    return np.exp(-g * _squared_distances(A, B))


def cauchy_kernel(X: Any, Y: Any = None, gamma: float = 1.0) -> np.ndarray:
    r"""The Cauchy (Student-t) kernel matrix :math:`1 / (1 + \gamma \|x_i - y_j\|^2)`.

    Parameters
    ----------
    X : array_like, shape (n, d)
        One point per row; finite real numbers.
    Y : array_like, shape (m, d), optional
        A second set of points; ``None`` means ``X``.
    gamma : float, default 1.0
        :math:`\gamma > 0`, the inverse squared length scale.

    Returns
    -------
    ndarray, shape (n, m)
        :math:`K_{ij} \in (0, 1]`; symmetric positive semidefinite with unit diagonal when
        ``Y`` is ``None``.

    Raises
    ------
    ValueError
        If ``X`` or ``Y`` is not a non-empty finite 2-D array, their numbers of columns
        differ, or ``gamma`` is not positive and finite.

    See Also
    --------
    rbf_kernel : the light-tailed Gaussian kernel.

    Notes
    -----
    .. math::

        k(x, y) = \frac{1}{1 + \gamma \|x - y\|_2^2}

    where :math:`x` and :math:`y` are two points and :math:`\gamma > 0` sets the length
    scale :math:`1/\sqrt{\gamma}` at which the similarity has halved.

    With :math:`\gamma = 1` this is the Student-t density with one degree of freedom (the
    Cauchy density) as a function of the distance: the similarity t-SNE uses between
    embedded points. It decays like :math:`1/r^2` instead of :math:`e^{-r^2}`, so moderately
    distant points keep a non-negligible similarity; that heavy tail is what lets t-SNE
    push dissimilar clusters apart without crowding. It is positive definite (an inverse
    multiquadric, a scale mixture of Gaussians), so its Gram matrices are valid kernels.
    Squared distances are computed as in :func:`rbf_kernel`.

    References
    ----------
    .. [1] L. van der Maaten and G. Hinton, "Visualizing data using t-SNE", *Journal of
       Machine Learning Research* 9 (2008), 2579--2605.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import cauchy_kernel, rbf_kernel
    >>> X = [[0.0], [1.0], [3.0]]
    >>> cauchy_kernel(X)[0]
    array([1. , 0.5, 0.1])

    The heavy tail: at distance 3 the Cauchy kernel keeps 10%, the Gaussian 0.01%:

    >>> cauchy_kernel(X)[0, 2], rbf_kernel(X)[0, 2]
    (0.1, 0.0001)
    """
    A, B, g = _kernel_inputs(X, Y, gamma)
    return 1.0 / (1.0 + g * _squared_distances(A, B))


def gram_matrix(kernel: Callable[[Any, Any], float], X: Any) -> np.ndarray:
    r"""The Gram matrix :math:`K_{ij} = k(x_i, x_j)` of a kernel on a set of points.

    Parameters
    ----------
    kernel : callable
        ``kernel(a, b)`` on two points (two rows of ``X``, or two floats when ``X`` is
        1-D), returning a finite real number.
    X : array_like, shape (n, d) or (n,)
        The points, one per row (or scalars).

    Returns
    -------
    ndarray, shape (n, n)
        :math:`K`; every entry is computed (:math:`n^2` calls), so an asymmetric
        ``kernel`` shows as an asymmetric matrix.

    Raises
    ------
    ValueError
        If ``X`` is not a non-empty finite 1-D or 2-D array, or ``kernel`` returns a
        non-finite value or more than one number.
    TypeError
        If ``kernel`` is not callable or does not return a number.

    See Also
    --------
    is_positive_semidefinite : a valid kernel's Gram matrices are all PSD.
    rbf_kernel : a vectorised Gram matrix for the Gaussian kernel.

    Notes
    -----
    .. math::

        K = \begin{pmatrix} k(x_1, x_1) & \cdots & k(x_1, x_n) \\ \vdots & \ddots &
        \vdots \\ k(x_n, x_1) & \cdots & k(x_n, x_n) \end{pmatrix}

    where :math:`k` is the kernel and :math:`x_1, \dots, x_n` the points.

    A kernel is an inner product in some feature space, :math:`k(x, y) =
    \langle \phi(x), \phi(y) \rangle`, so its Gram matrix is :math:`\Phi \Phi^\top`:
    symmetric and positive semidefinite for every choice of points (Mercer's condition).
    Kernel methods (SVMs, Gaussian processes, kernel ridge regression) only ever see
    :math:`K`; when :math:`K` has a negative eigenvalue the "kernel" is not one, and a
    Cholesky factorisation fails or an SVM solver does not converge.

    References
    ----------
    .. [1] B. Schölkopf and A. J. Smola, *Learning with Kernels*, MIT Press, 2002,
       section 2.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import gram_matrix, is_positive_semidefinite
    >>> K = gram_matrix(lambda a, b: float(np.dot(a, b)), [[1, 0], [0, 2], [1, 1]])
    >>> K
    array([[1., 0., 1.],
           [0., 4., 2.],
           [1., 2., 2.]])
    >>> is_positive_semidefinite(K)
    True
    """
    func = as_callable(kernel, "kernel")
    pts = _as_points(X, "X")
    n = pts.shape[0]
    rows = list(pts)
    values = np.asarray([func(a, b) for a in rows for b in rows])
    if values.shape == (n * n,) and values.dtype.kind in "biuf" and all_finite(values):
        return values.astype(np.float64).reshape(n, n)
    K = np.empty((n, n))  # not plain finite numbers: each value checked, the bad one named
    for i in range(n):
        for j in range(n):
            K[i, j] = _scalar_from(func, "kernel", pts[i], pts[j])
    return K


def is_positive_semidefinite(K: Any, tol: float = 1e-10) -> bool:
    r"""Whether a symmetric matrix is positive semidefinite, up to a relative tolerance.

    Parameters
    ----------
    K : array_like, shape (n, n)
        A finite symmetric matrix (symmetric relative to its scale, see the conventions).
    tol : float, default 1e-10
        The relative tolerance :math:`\tau \ge 0`: eigenvalues down to
        :math:`-\tau \max_i |\lambda_i|` count as zero.

    Returns
    -------
    bool
        ``True`` when :math:`\lambda_{\min} \ge -\tau \max_i |\lambda_i|`.

    Raises
    ------
    ValueError
        If ``K`` is not a finite square symmetric matrix, or ``tol`` is negative or not
        finite.

    See Also
    --------
    gram_matrix : the matrices this is usually asked of.

    Notes
    -----
    .. math::

        K \succeq 0 \iff v^\top K v \ge 0 \ \text{for all } v \iff
        \lambda_{\min}(K) \ge 0

    where :math:`K` is a symmetric matrix, :math:`v` any vector and
    :math:`\lambda_{\min}(K)` its smallest eigenvalue.

    Positive semidefinite matrices are the covariances and the Gram matrices: a variance
    :math:`v^\top K v` can never be negative. The eigenvalues of a computed matrix carry
    rounding errors of order :math:`n \epsilon \max_i |\lambda_i|`, so an exactly singular
    PSD matrix (the Gram matrix of more points than features, a covariance from fewer
    samples than dimensions) shows eigenvalues like :math:`-10^{-17}`; a test against
    exact zero calls it indefinite. The tolerance is therefore relative to the largest
    eigenvalue in magnitude, and a non-symmetric input is refused rather than
    symmetrised (a PSD test of :math:`(K + K^\top)/2` would hide the bug that made
    :math:`K` asymmetric).

    References
    ----------
    .. [1] R. A. Horn and C. R. Johnson, *Matrix Analysis*, 2nd ed., Cambridge University
       Press, 2013, chapter 7.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import is_positive_semidefinite
    >>> is_positive_semidefinite([[2, 1], [1, 2]]), is_positive_semidefinite([[1, 2], [2, 1]])
    (True, False)

    A rank-one Gram matrix is PSD although rounding gives it eigenvalues below zero:

    >>> v = np.random.default_rng(0).normal(size=(50, 1))
    >>> is_positive_semidefinite(v @ v.T)
    True
    """
    matrix = as_symmetric_matrix(K, "K").astype(np.float64, copy=False)
    tau = as_positive_scalar(tol, "tol", allow_zero=True)
    eigenvalues = np.linalg.eigvalsh(matrix)
    largest = float(np.max(np.abs(eigenvalues)))
    return bool(float(eigenvalues[0]) >= -tau * largest)


def convergence_order(errors: Any) -> float:
    r"""The estimated order of convergence of a sequence of errors, from its last three terms.

    Parameters
    ----------
    errors : array_like, shape (n,)
        The errors :math:`e_0, e_1, \dots` of successive iterates (e.g.
        :math:`\|x_k - x^*\|` or :math:`f(x_k) - f^*`); at least 3, positive and finite.

    Returns
    -------
    float
        :math:`q`: about 1 for linear convergence, 2 for quadratic, between for
        superlinear, below 1 for sublinear progress.

    Raises
    ------
    ValueError
        If ``errors`` has fewer than 3 terms, holds a non-positive or non-finite value, or
        its last two ratios are such that :math:`q` is undefined (two equal consecutive
        errors: no progress at all).

    See Also
    --------
    mathref.optimization.gradient_descent : whose errors decay linearly.

    Notes
    -----
    .. math::

        q \approx \frac{\log\left( e_{k+1} / e_k \right)}{\log\left( e_k / e_{k-1} \right)}

    where :math:`e_{k-1}, e_k, e_{k+1}` are the last three errors of the sequence.

    A sequence converges with order :math:`q` when :math:`e_{k+1} \approx C e_k^q`: taking
    the ratio of two consecutive such relations eliminates :math:`C`. Order 1 (linear, with
    rate :math:`C < 1`) gains a fixed number of digits per step: gradient descent on a
    strongly convex function, with :math:`C` set by the condition number. Order 2
    (quadratic) doubles the number of correct digits per step: Newton's method near a
    simple root. An optimiser expected to be quadratic that shows :math:`q \approx 1` has a
    wrong Hessian or is still far from the solution; :math:`q < 1` means sublinear
    progress (plain SGD, a non-smooth problem).

    Logarithms of the errors are subtracted rather than ratios taken, so errors near
    :math:`10^{-300}` do not underflow. The estimate is meaningless once the errors reach
    the rounding floor (about :math:`10^{-16}` relative), where they stop decreasing:
    pass only the terms before that.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006,
       section 2.2 ("rates of convergence").

    Examples
    --------
    >>> from mathref import convergence_order
    >>> convergence_order([0.5**k for k in range(1, 8)])
    1.0
    >>> convergence_order([1e-1, 1e-2, 1e-4, 1e-8])
    2.0

    Newton's method for :math:`\sqrt{2}`:

    >>> x, errs = 1.0, []
    >>> for _ in range(4):
    ...     x = (x + 2 / x) / 2
    ...     errs.append(abs(x - 2**0.5))
    >>> round(convergence_order(errs[:3]), 1)
    2.0
    """
    e = as_vector(errors, "errors").astype(np.float64, copy=False)
    if e.size < 3:
        raise ValueError(f"errors must hold at least 3 terms to estimate an order, got "
                         f"{describe(e)}")
    if np.any(e <= 0):
        bad = float(e[e <= 0][0])
        raise ValueError(
            f"errors must be positive (the order is defined through log e_k), got a term "
            f"{bad!r}: {describe(e)}"
        )
    logs = np.log(e[-3:])
    numerator = float(logs[2] - logs[1])
    denominator = float(logs[1] - logs[0])
    if denominator == 0.0:
        raise ValueError(
            f"errors must change between the last terms: e_(k-1) = e_k = {float(e[-2])!r} "
            "makes the order undefined (no progress)"
        )
    return numerator / denominator
