"""Vector and matrix norms and the cosine of the angle between two vectors."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._numerics import norm2, trusted_sum_of_squares, unit_vector
from .._validate import (as_matrix, as_vector, check_finite, check_same_shape, describe,
                         to_python)

__all__ = ["lp_norm", "matrix_norm", "cosine_similarity"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "lp_norm": ("ℓp norm of a vector",
                ("p-norm", "L2 norm", "Euclidean norm", "L1 norm", "Manhattan norm",
                 "max norm", "infinity norm", "vector length", "magnitude")),
    "matrix_norm": ("Matrix norm (Frobenius, nuclear, operator)",
                    ("Frobenius norm", "nuclear norm", "trace norm", "spectral norm",
                     "operator norm", "induced norm")),
    "cosine_similarity": ("Cosine similarity",
                          ("cosine of the angle", "cos similarity", "normalised dot product",
                           "angle between vectors")),
}


def _as_norm_order(p: Any) -> float:
    if isinstance(p, (bool, np.bool_)) or not isinstance(p, (int, float, np.integer,
                                                             np.floating)):
        raise TypeError(f"p must be a real number in [1, inf], got {describe(p)}")
    value = float(p)
    if math.isnan(value) or value < 1:
        raise ValueError(
            f"p must be at least 1 (for p < 1 the formula is not a norm: the triangle "
            f"inequality fails), got {p!r}"
        )
    return value


def lp_norm(x: Any, p: float = 2) -> float:
    r"""The :math:`\ell_p` norm of a vector, computed without overflow or underflow.

    Parameters
    ----------
    x : array_like, shape (n,)
        The vector; finite real numbers.
    p : float, default 2
        The order, :math:`1 \le p \le \infty`. ``p=1`` is the Manhattan norm, ``p=2`` the
        Euclidean length, ``p=numpy.inf`` the largest absolute component.

    Returns
    -------
    float
        :math:`\|x\|_p \ge 0`.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array of finite numbers, or ``p < 1`` (not a norm)
        or ``p`` is NaN.
    TypeError
        If ``p`` is not a real number.

    See Also
    --------
    matrix_norm : norms of matrices.

    Notes
    -----
    .. math::

        \|x\|_p = \left( \sum_{i=1}^{n} |x_i|^p \right)^{1/p},
        \qquad \|x\|_\infty = \max_{i} |x_i|

    where :math:`x_i` is the :math:`i`-th of the :math:`n` components of :math:`x` and
    :math:`p \in [1, \infty]` is the order.

    The norm is a length: it is zero only for the zero vector, scales with
    :math:`\|\alpha x\|_p = |\alpha| \|x\|_p`, and obeys the triangle inequality
    :math:`\|x + y\|_p \le \|x\|_p + \|y\|_p`, which fails for :math:`p < 1`.

    Summing :math:`|x_i|^p` directly overflows long before the norm does: for
    ``x = [1e200, 1e200]`` the squares are ``inf`` although :math:`\|x\|_2 \approx
    1.41 \times 10^{200}`; for ``x = [1e-200, 1e-200]`` they underflow to 0. So the
    vector is first divided by :math:`m = \max_i |x_i|`, as LAPACK's ``dnrm2`` does:
    :math:`\|x\|_p = m \, \| x / m \|_p`, and every term of the sum lies in
    :math:`[0, 1]`. For :math:`p = 2` the plain sum of squares is tried first (one BLAS
    pass) and the scaled sum is used only when it overflows or falls below
    :math:`2^{-968}`, where underflowed squares could matter. A NaN or an infinite entry
    would make that sum non-finite, so the same pass proves the input finite; the
    entry-by-entry check runs only when it is not.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 2.2.

    Examples
    --------
    >>> from mathref import lp_norm
    >>> lp_norm([3, 4])
    5.0
    >>> lp_norm([3, -4], p=1), lp_norm([3, -4], p=float("inf"))
    (7.0, 4.0)

    No overflow where the squares would overflow:

    >>> lp_norm([1e200, 1e200]) / 1e200
    1.4142
    """
    arr = as_vector(x, "x", finite=False).astype(np.float64, copy=False)
    order = _as_norm_order(p)
    if order == 2.0:
        value = norm2(arr)
        if not math.isfinite(value):  # a NaN or inf entry, or a norm beyond float64
            check_finite(arr, "x")
        return value
    check_finite(arr, "x")
    magnitudes = np.abs(arr)
    largest = float(np.max(magnitudes))
    if largest == 0.0 or math.isinf(order):
        return largest
    scaled = magnitudes / largest
    if order == 1.0:
        return float(np.sum(magnitudes))
    return largest * float(np.sum(scaled**order)) ** (1.0 / order)


_MATRIX_ORDERS = ("fro", "nuc", 1, 2, "inf")


def _as_matrix_order(ord: Any) -> str | int:
    if isinstance(ord, str) and ord in ("fro", "nuc"):
        return ord
    if isinstance(ord, (int, float, np.integer, np.floating)) and not isinstance(
        ord, (bool, np.bool_)
    ):
        if ord == 1 or ord == 2:
            return int(ord)
        if ord == math.inf:
            return "inf"
    raise ValueError(
        f"ord must be one of 'fro', 'nuc', 1, 2, numpy.inf; got {describe(ord)}"
    )


def matrix_norm(A: Any, ord: str | float = "fro") -> float:
    r"""A norm of a matrix: Frobenius, nuclear, or the operator norms for p = 1, 2, ∞.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The matrix; finite real numbers.
    ord : {"fro", "nuc", 1, 2, numpy.inf}, default "fro"
        Which norm (NumPy's names): ``"fro"`` the Frobenius norm, ``"nuc"`` the nuclear
        (trace) norm, ``2`` the spectral norm (largest singular value), ``1`` the largest
        absolute column sum, ``numpy.inf`` the largest absolute row sum.

    Returns
    -------
    float
        The norm, :math:`\ge 0`.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array or ``ord`` is not one of the five.

    See Also
    --------
    lp_norm : norms of vectors.

    Notes
    -----
    .. math::

        &\|A\|_F = \left( \sum_{i,j} a_{ij}^2 \right)^{1/2} = \left( \sum_k \sigma_k^2
        \right)^{1/2}, \quad \|A\|_* = \sum_k \sigma_k, \\
        &\|A\|_2 = \sigma_1, \quad \|A\|_1 = \max_j \sum_i |a_{ij}|, \quad
        \|A\|_\infty = \max_i \sum_j |a_{ij}|

    where :math:`a_{ij}` is the entry in row :math:`i` and column :math:`j` and
    :math:`\sigma_1 \ge \sigma_2 \ge \dots \ge 0` are the singular values of :math:`A`.

    The operator norm :math:`\|A\|_p = \max_{x \ne 0} \|Ax\|_p / \|x\|_p` is the most
    that :math:`A` stretches a vector; the spectral norm bounds how much a layer can
    amplify its input (and so its gradients). The Frobenius norm is the
    :math:`\ell_2` norm of the entries; the nuclear norm is the convex surrogate of the
    rank. As for vectors, the matrix is divided by its largest absolute entry before
    squaring, so ``[[1e200]]`` does not overflow.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 2.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import matrix_norm
    >>> A = np.array([[3.0, 0.0], [4.0, 5.0]])
    >>> matrix_norm(A)
    7.0711
    >>> matrix_norm(A, ord=1), matrix_norm(A, ord=np.inf)
    (7.0, 9.0)

    The Frobenius norm is the root of the sum of squared singular values:

    >>> s = np.linalg.svd(A, compute_uv=False)
    >>> bool(np.isclose(matrix_norm(A), np.sqrt(np.sum(s**2))))
    True
    """
    arr = as_matrix(A, "A", finite=False).astype(np.float64, copy=False)
    order = _as_matrix_order(ord)
    if order == "fro":
        value = norm2(arr)
        if not math.isfinite(value):  # a NaN or inf entry, or a norm beyond float64
            check_finite(arr, "A")
        return value
    check_finite(arr, "A")
    if order == 1:
        return to_python(float(np.max(np.sum(np.abs(arr), axis=0))))
    if order == "inf":
        return to_python(float(np.max(np.sum(np.abs(arr), axis=1))))
    largest = float(np.max(np.abs(arr)))
    if largest == 0.0:
        return 0.0
    scaled = arr / largest
    singular = np.linalg.svd(scaled, compute_uv=False)
    if order == "nuc":
        return largest * float(np.sum(singular))
    return largest * float(singular[0])


def _unit(arr: np.ndarray, name: str) -> np.ndarray:
    """``arr / ||arr||_2`` computed without overflow or underflow; zero vector: ValueError."""
    unit = unit_vector(arr)
    if unit is None:
        raise ValueError(f"{name} must not be the zero vector (its direction is undefined), "
                         f"got {describe(arr)}")
    return unit


def cosine_similarity(x: Any, y: Any) -> float:
    r"""The cosine of the angle between two non-zero vectors.

    Parameters
    ----------
    x : array_like, shape (n,)
        The first vector; finite, not all zero.
    y : array_like, shape (n,)
        The second vector, the same length as ``x``; finite, not all zero.

    Returns
    -------
    float
        :math:`\cos\theta \in [-1, 1]`: 1 for vectors pointing the same way, 0 for
        orthogonal vectors, -1 for opposite ones.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a non-empty finite 1-D array, is the zero vector (the angle
        is undefined), or the lengths differ.

    See Also
    --------
    lp_norm : the Euclidean length in the denominator.
    vector_projection : the component of one vector along another.
    mathref.analysis.cosine_distance : one minus the cosine similarity.

    Notes
    -----
    .. math::

        \cos\theta = \frac{x^{\top} y}{\|x\|_2 \, \|y\|_2}
        = \frac{\sum_{i=1}^{n} x_i y_i}{\sqrt{\sum_{i=1}^{n} x_i^2} \sqrt{\sum_{i=1}^{n} y_i^2}}

    where :math:`x_i` and :math:`y_i` are the components of the two vectors of length
    :math:`n` and :math:`\theta` is the angle between them.

    The cosine compares directions and ignores lengths: it is the dot product of the two
    unit vectors. That is why embeddings are compared with it, and why it is undefined for
    the zero vector (no direction), which is refused rather than answered with NaN.

    The raw dot products can fail: for ``x = y = [1e200, 1e200]`` both
    :math:`x^{\top} y` and :math:`\|x\|_2^2` overflow to ``inf`` (and ``inf / inf`` is
    NaN); for ``[1e-200, 1e-200]`` they underflow to 0. So the three dot products
    :math:`x^{\top} y`, :math:`x^{\top} x`, :math:`y^{\top} y` (three BLAS passes) are used
    only when both sums of squares lie in :math:`[2^{-968}, \infty)`, where no square
    overflowed and underflowed ones cannot matter; otherwise each vector is first divided
    by its largest absolute component, then normalised, and the dot product of the two
    unit vectors is taken. Rounding can push it a few ulps past
    :math:`\pm 1`; the result is clipped to :math:`[-1, 1]` so that ``arccos`` of it is
    defined.

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge Press,
       2016, section 1.2.

    Examples
    --------
    >>> from mathref import cosine_similarity
    >>> cosine_similarity([1, 0], [1, 1])
    0.7071
    >>> cosine_similarity([1, 2, 3], [-2, -4, -6])
    -1.0

    Lengths do not matter, and huge or tiny vectors do not overflow:

    >>> cosine_similarity([1e200, 1e200], [1e-200, 0])
    0.7071
    """
    xa = as_vector(x, "x", finite=False).astype(np.float64, copy=False)
    ya = as_vector(y, "y", finite=False).astype(np.float64, copy=False)
    check_same_shape(xa, ya, "x", "y")
    xx, yy = trusted_sum_of_squares(xa), trusted_sum_of_squares(ya)
    if xx is not None and yy is not None:  # trusted sums: x and y are finite
        value = float(np.dot(xa, ya)) / (math.sqrt(xx) * math.sqrt(yy))
    else:
        check_finite(xa, "x")
        check_finite(ya, "y")
        value = float(np.dot(_unit(xa, "x"), _unit(ya, "y")))
    return min(1.0, max(-1.0, value))
