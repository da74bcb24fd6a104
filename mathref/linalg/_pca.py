"""Principal component analysis as the SVD of the centred data."""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .._numerics import largest_exponent, times_power_of_two
from .._validate import as_int, describe
from ._common import flip_columns, float_matrix

__all__ = ["pca"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pca": ("Principal component analysis (PCA)",
            ("PCA", "principal components", "explained variance", "scree",
             "dimensionality reduction", "Karhunen-Loeve", "KLT", "eigenfaces")),
}


class PCAResult(NamedTuple):
    """The principal component analysis returned by :func:`pca`.

    Attributes
    ----------
    components : numpy.ndarray
        Shape ``(k, n_features)``. The principal axes as orthonormal rows, by decreasing
        variance; each row has its largest-magnitude component positive.
    explained_variance : numpy.ndarray
        Shape ``(k,)``. The variance of the data along each axis (denominator ``n_samples -
        1``).
    explained_variance_ratio : numpy.ndarray
        Shape ``(k,)``. Each explained variance divided by the total variance.
    mean : numpy.ndarray
        Shape ``(n_features,)``. The per-feature mean subtracted before the decomposition.
    scores : numpy.ndarray
        Shape ``(n_samples, k)``. The coordinates of the centred samples on the axes, ``(X -
        mean) @ components.T``.
    """

    components: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray
    mean: np.ndarray
    scores: np.ndarray


def pca(X: Any, n_components: int | None = None) -> PCAResult:
    r"""Principal component analysis: the SVD of the centred data matrix.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one sample per row; finite, at least 2 samples, not all identical.
    n_components : int, optional
        How many components to keep, ``1 <= n_components <= min(n_samples, n_features)``.
        ``None`` (default) keeps ``min(n_samples, n_features)``.

    Returns
    -------
    PCAResult
        ``components`` (k, n_features) as rows, ``explained_variance`` (k,),
        ``explained_variance_ratio`` (k,), ``mean`` (n_features,), ``scores``
        (n_samples, k), where ``k = n_components``.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least 2 rows, all its rows are equal
        (there is no variance to explain), or ``n_components`` is out of range.
    TypeError
        If ``n_components`` is not an integer or ``None``.

    See Also
    --------
    svd : the decomposition used.
    low_rank_approximation : the reconstruction ``scores @ components + mean`` is the best
        rank-k approximation of the data.
    mathref.probability.covariance_matrix : whose eigenvectors are the components.

    Notes
    -----
    .. math::

        X - \mathbf{1}\mu^{\top} = U \Sigma V^{\top}, \qquad
        \text{components} = V^{\top}, \qquad
        \lambda_j = \frac{\sigma_j^2}{n - 1}, \qquad
        \rho_j = \frac{\lambda_j}{\sum_{i} \lambda_i}, \qquad
        \text{scores} = U \Sigma

    where :math:`X` is the :math:`n \times p` data matrix, :math:`\mu` the vector of
    feature means, :math:`\mathbf{1}` the vector of :math:`n` ones,
    :math:`\sigma_j` the singular values of the centred data (descending), :math:`V` its
    right singular vectors, :math:`\lambda_j` the explained variances (the eigenvalues of
    the sample covariance matrix) and :math:`\rho_j` the explained variance ratios.

    The first component is the direction along which the data vary most, the next the
    direction of largest variance orthogonal to it, and so on; projecting on the first
    :math:`k` gives the :math:`k`-dimensional view that loses the least squared distance
    (the truncated SVD is the best rank-:math:`k` approximation). The textbook recipe,
    eigenvectors of the covariance matrix :math:`X_c^{\top} X_c / (n - 1)`, squares the
    condition number: a variance below :math:`\varepsilon \lambda_1` is lost, and if
    the covariance is accumulated as :math:`E[xx^{\top}] - \mu\mu^{\top}` data with a
    large offset (values near :math:`10^8` that vary by 1) cancel catastrophically. Here
    the mean is subtracted first (two passes over the data) and the SVD of the centred
    matrix is taken, as in scikit-learn's ``PCA(svd_solver="full")``, whose results these
    match. The data are first divided by the power of two just above
    :math:`\max |X_{ij}|` (an exact rescaling), so that data near :math:`10^{308}` do not
    overflow the mean and subnormal data (near :math:`10^{-310}`) do not vanish; the
    components and ratios are then accurate, and only ``explained_variance`` may
    overflow to ``inf`` (a spread beyond :math:`10^{154}`, whose square no float holds).
    The sign of each component is arbitrary; it is fixed so that the largest-magnitude
    entry of each component is positive. Forgetting to centre is the
    classic bug: the first "component" then points at the mean.

    References
    ----------
    .. [1] I. T. Jolliffe and J. Cadima, "Principal component analysis: a review and recent
       developments", *Phil. Trans. R. Soc. A* 374, 20150202, 2016.
    .. [2] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 12.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import pca
    >>> rng = np.random.default_rng(0)
    >>> t = rng.normal(size=200)
    >>> X = np.column_stack([t, 2 * t + 0.5 * rng.normal(size=200)])
    >>> result = pca(X)
    >>> print(np.round(result.explained_variance_ratio, 4))
    [0.9892 0.0108]
    >>> print(np.round(result.components[0], 4))
    [0.4331 0.9013]

    The components are orthonormal and the scores reconstruct the data:

    >>> bool(np.allclose(result.scores @ result.components + result.mean, X))
    True
    """
    arr = float_matrix(X, "X")
    n_samples, n_features = arr.shape
    if n_samples < 2:
        raise ValueError(f"X must have at least 2 samples (rows) to estimate a variance, "
                         f"got shape {arr.shape}")
    limit = min(n_samples, n_features)
    if n_components is None:
        k = limit
    else:
        k = as_int(n_components, "n_components")
        if not 1 <= k <= limit:
            raise ValueError(
                f"n_components must lie in [1, min(n_samples, n_features)] = [1, {limit}] "
                f"for X of shape {arr.shape}, got {k}"
            )
    # Work on X / 2**e with 2**e near max|X| (exact: a power of two), so that neither the
    # mean nor the SVD overflows for data near 1e308 or underflows for subnormal data.
    exponent = int(largest_exponent(arr))
    unit = times_power_of_two(arr, -exponent)
    unit_mean = np.mean(unit, axis=0)
    centred = unit - unit_mean
    from scipy import linalg as sla

    try:  # gesdd, as scikit-learn; ``centred`` is a temporary, so LAPACK may overwrite it
        U, S, Vt = sla.svd(centred, full_matrices=False, check_finite=False,
                           overwrite_a=True, lapack_driver="gesdd")
    except np.linalg.LinAlgError as exc:  # pragma: no cover - LAPACK failure
        raise ValueError(f"X: the SVD did not converge ({exc}); got {describe(arr)}") from None
    unit_variance = S**2 / (n_samples - 1)
    total = float(np.sum(unit_variance))
    if total == 0.0:
        raise ValueError(f"X has zero variance (all rows are equal), so no component "
                         f"explains any of it; got {describe(arr)}")
    components = Vt[:k]
    signs = flip_columns(components.T)
    with np.errstate(over="ignore", under="ignore"):  # beyond the float range: inf or 0
        variance = times_power_of_two(unit_variance[:k], 2 * exponent)
        scores = times_power_of_two(U[:, :k] * (S[:k] * signs), exponent)
    mean = times_power_of_two(unit_mean, exponent)
    return PCAResult(components, variance, unit_variance[:k] / total, mean, scores)
