"""Orthogonal projections and least squares."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validate import as_array, as_vector, describe
from ._common import _EPS, default_tol, float_matrix

__all__ = ["vector_projection", "projection_matrix", "project", "least_squares"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "vector_projection": ("Projection of a vector onto a line",
                          ("vector projection", "projection onto a vector", "scalar projection",
                           "component along", "shadow of a vector")),
    "projection_matrix": ("Orthogonal projection matrix (hat matrix)",
                          ("projector", "hat matrix", "orthogonal projector",
                           "projection onto column space", "A (A^T A)^-1 A^T")),
    "project": ("Projection onto the column space",
                ("orthogonal projection", "least-squares fit", "fitted values",
                 "closest point in a subspace", "y hat")),
    "least_squares": ("Least-squares solution (minimum norm)",
                      ("linear regression", "normal equations", "ordinary least squares", "OLS",
                       "pseudo-inverse solution", "lstsq", "minimum-norm solution")),
}


def _column_basis(arr: np.ndarray) -> np.ndarray:
    """Orthonormal basis U_r of range(arr), at numpy.linalg.matrix_rank's tolerance."""
    u, s, _ = np.linalg.svd(arr, full_matrices=False)
    r = int(np.count_nonzero(s > default_tol(s, arr.shape)))
    return u[:, :r]


def vector_projection(x: Any, u: Any) -> np.ndarray:
    r"""The orthogonal projection of ``x`` onto the line spanned by ``u``.

    Parameters
    ----------
    x : array_like, shape (n,)
        The vector to project; finite.
    u : array_like, shape (n,)
        A vector spanning the line; finite, not all zero. Only its direction matters.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The multiple of ``u`` closest to ``x``; ``x`` minus it is orthogonal to ``u``.

    Raises
    ------
    ValueError
        If ``x`` or ``u`` is not a non-empty finite 1-D array, ``u`` is the zero vector (it
        spans no line), or the lengths differ.

    See Also
    --------
    project : the projection onto the span of several vectors.
    cosine_similarity : the cosine of the angle between ``x`` and ``u``.

    Notes
    -----
    .. math::

        \operatorname{proj}_u(x) = \frac{u^{\top} x}{u^{\top} u} \, u
        = \left( \hat{u}^{\top} x \right) \hat{u}, \qquad \hat{u} = \frac{u}{\|u\|_2}

    where :math:`x` is the vector being projected, :math:`u` the non-zero vector spanning the
    line and :math:`\hat{u}` its unit vector.

    The projection is the shadow of :math:`x` on the line: the residual
    :math:`x - \operatorname{proj}_u(x)` is orthogonal to :math:`u`, so the projection is
    the closest point of the line to :math:`x` (a one-column least-squares fit). It is
    the single step that Gram-Schmidt repeats.

    The unit vector :math:`\hat{u}` is computed after dividing :math:`u` by its largest
    absolute component: for ``u = [1e200, 1e200]`` the denominator :math:`u^{\top} u`
    overflows to ``inf`` and the textbook formula returns 0 (or NaN for
    ``[1e-200, 1e-200]``, where it underflows to 0).

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge Press,
       2016, section 4.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import vector_projection
    >>> p = vector_projection([2.0, 1.0], [1.0, 0.0])
    >>> print(p)
    [2. 0.]

    The residual is orthogonal to ``u``, whatever its scale:

    >>> x, u = np.array([1.0, 2.0, 3.0]), np.array([1e200, 1e200, 0.0])
    >>> p = vector_projection(x, u)
    >>> bool(np.isclose(np.dot(x - p, u / 1e200), 0.0)), bool(np.allclose(p, [1.5, 1.5, 0]))
    (True, True)
    """
    xa = as_vector(x, "x").astype(np.float64, copy=False)
    ua = as_vector(u, "u").astype(np.float64, copy=False)
    if xa.shape != ua.shape:
        raise ValueError(f"x and u must have the same length, got {xa.shape[0]} and "
                         f"{ua.shape[0]}")
    largest = float(np.max(np.abs(ua)))
    if largest == 0.0:
        raise ValueError(f"u must not be the zero vector (it spans no line), got {describe(ua)}")
    scaled = ua / largest
    unit = scaled / math.sqrt(float(np.dot(scaled, scaled)))
    return float(np.dot(unit, xa)) * unit


def projection_matrix(A: Any) -> np.ndarray:
    r"""The orthogonal projector onto the column space of ``A`` (any rank).

    Parameters
    ----------
    A : array_like, shape (m, n)
        The matrix whose columns span the subspace; finite. It may be rank-deficient
        (dependent columns) or have more columns than rows.

    Returns
    -------
    numpy.ndarray, shape (m, m)
        The symmetric idempotent matrix :math:`P` with :math:`P^2 = P = P^{\top}` and
        :math:`PA = A`.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array.

    See Also
    --------
    project : applies the projector to a vector without forming it.
    column_space : the orthonormal basis :math:`U_r` used here.
    least_squares : the coefficients of the projection.

    Notes
    -----
    .. math::

        P = A A^{+} = U_r U_r^{\top}, \qquad
        P = A \left( A^{\top} A \right)^{-1} A^{\top}
        \ \text{when the columns of } A \text{ are independent}

    where :math:`A^{+}` is the Moore-Penrose pseudo-inverse of :math:`A` and :math:`U_r` is
    the :math:`m \times r` matrix of the left singular vectors of :math:`A` whose singular
    values exceed the rank tolerance :math:`\sigma_1 \max(m, n) \varepsilon`, with
    :math:`r` the numerical rank and :math:`\varepsilon` the machine epsilon.

    :math:`Px` is the point of the column space closest to :math:`x` (the fitted values of
    a least-squares regression, hence "hat matrix"), and :math:`I - P` projects onto the
    orthogonal complement, where the residuals live.

    The textbook :math:`A (A^{\top} A)^{-1} A^{\top}` fails twice: with dependent columns
    :math:`A^{\top} A` is singular (``[[1, 2], [2, 4]]`` has no inverse, although the
    projector onto its column space is well defined), and near dependence it squares the
    condition number. The projector is built instead from an orthonormal basis of the
    column space, from the SVD; it is then symmetrised, :math:`(P + P^{\top})/2`, so that
    :math:`P = P^{\top}` holds exactly.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 2.5.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import projection_matrix
    >>> A = np.array([[1.0, 2.0], [1.0, 2.0], [0.0, 0.0]])  # rank 1
    >>> P = projection_matrix(A)
    >>> print(np.round(P, 4))
    [[0.5 0.5 0. ]
     [0.5 0.5 0. ]
     [0.  0.  0. ]]
    >>> bool(np.allclose(P @ P, P)), bool(np.array_equal(P, P.T)), bool(np.allclose(P @ A, A))
    (True, True, True)
    """
    arr = float_matrix(A, "A")
    basis = _column_basis(arr)
    P = basis @ basis.T
    return (P + P.T) / 2.0


def project(x: Any, A: Any) -> np.ndarray:
    r"""The orthogonal projection of ``x`` onto the column space of ``A``.

    Parameters
    ----------
    x : array_like, shape (m,)
        The vector to project; finite.
    A : array_like, shape (m, n)
        The matrix whose columns span the subspace; finite, any rank.

    Returns
    -------
    numpy.ndarray, shape (m,)
        :math:`\hat{x} = Px`, the point of the column space closest to ``x``: the fitted
        values of the least-squares fit of ``x`` by the columns of ``A``.

    Raises
    ------
    ValueError
        If ``x`` or ``A`` is not a non-empty finite array of the right dimension, or the
        length of ``x`` differs from the number of rows of ``A``.

    See Also
    --------
    projection_matrix : the matrix :math:`P` itself.
    least_squares : the coefficients :math:`\hat{\beta}` with :math:`\hat{x} = A\hat{\beta}`.
    vector_projection : the projection onto a single vector.

    Notes
    -----
    .. math::

        \hat{x} = A \hat{\beta} = U_r U_r^{\top} x, \qquad
        \hat{\beta} = \arg\min_{\beta} \|A\beta - x\|_2

    where :math:`x` is the vector being projected, :math:`\hat{\beta}` the least-squares
    coefficients and :math:`U_r` the orthonormal basis of the column space of :math:`A`
    (the left singular vectors whose singular values exceed the rank tolerance
    :math:`\sigma_1 \max(m, n) \varepsilon`).

    Projection and least squares are one thing: the residual :math:`x - \hat{x}` is
    orthogonal to every column of :math:`A` (:math:`A^{\top}(x - \hat{x}) = 0`, the normal
    equations), and :math:`\hat{x}` is unique even when :math:`\hat{\beta}` is not
    (dependent columns). Computing :math:`U_r (U_r^{\top} x)` costs two matrix-vector
    products after the SVD and never forms the :math:`m \times m` matrix :math:`P`, nor
    inverts :math:`A^{\top} A`, which is singular for dependent columns and squares the
    condition number for nearly dependent ones.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 5.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import project
    >>> t = np.array([0.0, 1.0, 2.0, 3.0])
    >>> A = np.column_stack([np.ones_like(t), t])  # fit a line a + b t
    >>> y = np.array([1.0, 3.0, 2.0, 5.0])
    >>> y_hat = project(y, A)
    >>> print(np.round(y_hat, 4))
    [1.1 2.2 3.3 4.4]

    The residual is orthogonal to the column space:

    >>> bool(np.allclose(A.T @ (y - y_hat), 0.0))
    True
    """
    xa = as_vector(x, "x").astype(np.float64, copy=False)
    arr = float_matrix(A, "A")
    if arr.shape[0] != xa.shape[0]:
        raise ValueError(f"x must have one entry per row of A: A has {arr.shape[0]} rows, "
                         f"x has length {xa.shape[0]}")
    basis = _column_basis(arr)
    return basis @ (basis.T @ xa)


def least_squares(A: Any, b: Any) -> np.ndarray:
    r"""The minimiser of :math:`\|Ax - b\|_2`, the one of minimum norm when there are many.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The design matrix; finite. Any shape and any rank: over- or under-determined,
        rank-deficient.
    b : array_like, shape (m,) or (m, k)
        The right-hand side (or ``k`` of them, one per column); finite.

    Returns
    -------
    numpy.ndarray, shape (n,) or (n, k)
        :math:`\hat{x} = A^{+} b`: the least-squares solution, and among all least-squares
        solutions the one with the smallest :math:`\|\hat{x}\|_2`.

    Raises
    ------
    ValueError
        If ``A`` or ``b`` is not finite, of the wrong dimension, or ``b`` does not have one
        row per row of ``A``.

    See Also
    --------
    project : the fitted values :math:`A\hat{x}`.
    condition_number : how much the solution can amplify errors in ``b``.
    qr : the factorisation behind the QR method for full-rank problems.

    Notes
    -----
    .. math::

        \hat{x} = \arg\min_{x} \|Ax - b\|_2 = A^{+} b
        = \sum_{i=1}^{r} \frac{u_i^{\top} b}{\sigma_i} \, v_i

    where :math:`A^{+}` is the Moore-Penrose pseudo-inverse of :math:`A`,
    :math:`\sigma_i, u_i, v_i` are its singular values and left and right singular
    vectors, and :math:`r` is the number of singular values above
    :math:`\sigma_1 \max(m, n) \varepsilon`, the numerical rank, with :math:`\varepsilon`
    the machine epsilon.

    Every least-squares solution satisfies the normal equations
    :math:`A^{\top} A x = A^{\top} b`, but solving them is the naive route:
    :math:`\kappa(A^{\top} A) = \kappa(A)^2`, so for :math:`\kappa(A) = 10^8` the normal
    equations lose all 16 digits while a QR or SVD method, whose error grows with
    :math:`\kappa(A)` (times the residual for inconsistent systems), keeps about 8. When
    the columns are dependent, :math:`A^{\top} A` is singular and the minimiser is not
    unique; the SVD solution drops the directions with singular values below the
    tolerance and returns the minimiser of smallest norm, the one that puts no weight on
    the null space. The computation is LAPACK's divide-and-conquer SVD solver ``gelsd``
    (through :func:`scipy.linalg.lstsq`), with the same cutoff as :func:`rank`.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, sections 5.3 and 5.5.
    .. [2] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM,
       2002, chapter 20.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import least_squares
    >>> A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> b = np.array([1.0, 2.0, 4.0])
    >>> print(np.round(least_squares(A, b), 4))
    [0.8333 1.5   ]

    Rank-deficient: the second column repeats the first, so every ``[c, 2 - c]`` fits;
    the minimum-norm one splits the weight evenly:

    >>> A = np.array([[1.0, 1.0], [1.0, 1.0]])
    >>> print(least_squares(A, [2.0, 2.0]))
    [1. 1.]
    """
    arr = float_matrix(A, "A")
    rhs = as_array(b, "b", ndim=(1, 2)).astype(np.float64, copy=False)
    if rhs.shape[0] != arr.shape[0]:
        raise ValueError(f"b must have one row per row of A: A has {arr.shape[0]} rows, "
                         f"b has shape {rhs.shape}")
    from scipy import linalg as sla

    try:
        solution, _, _, _ = sla.lstsq(arr, rhs, cond=max(arr.shape) * _EPS,
                                      lapack_driver="gelsd", check_finite=False)
    except (np.linalg.LinAlgError, ValueError) as exc:
        raise ValueError(f"A: the SVD did not converge ({exc}); got {describe(arr)}") from None
    return solution
