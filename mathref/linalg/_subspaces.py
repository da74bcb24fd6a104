"""Rank, the fundamental subspaces, structural tests and the condition number."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validate import as_positive_scalar, is_symmetric_array
from ._common import as_tol, default_tol, flip_columns, float_matrix, square_matrix

__all__ = ["rank", "null_space", "column_space", "is_symmetric", "is_positive_definite",
           "is_orthogonal", "condition_number"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "rank": ("Numerical rank", ("matrix rank", "matrix_rank", "effective rank",
                                "number of independent columns", "rank deficiency")),
    "null_space": ("Null space (kernel)", ("kernel", "nullspace", "null space basis",
                                           "solutions of Ax = 0")),
    "column_space": ("Column space (range)", ("range", "image", "span of the columns",
                                              "orthonormal basis of the range")),
    "is_symmetric": ("Symmetry test", ("symmetric matrix", "A = A^T", "self-adjoint",
                                       "check symmetric")),
    "is_positive_definite": ("Positive definiteness test",
                             ("positive definite", "SPD", "PD matrix", "check positive definite",
                              "Cholesky test")),
    "is_orthogonal": ("Orthogonality test (orthonormal columns)",
                      ("orthogonal matrix", "orthonormal columns", "Q^T Q = I",
                       "check orthogonal", "rotation matrix")),
    "condition_number": ("Condition number", ("kappa", "cond", "ill-conditioned",
                                              "numerically singular",
                                              "sensitivity of a linear system")),
}


def _singular_values(arr: np.ndarray) -> np.ndarray:
    return np.linalg.svd(arr, compute_uv=False)


def _rank_of(s: np.ndarray, shape: tuple[int, int], tol: float | None) -> int:
    threshold = default_tol(s, shape) if tol is None else tol
    return int(np.count_nonzero(s > threshold))


def rank(A: Any, tol: float | None = None) -> int:
    r"""The numerical rank: the number of singular values above a tolerance.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix.
    tol : float, optional
        The absolute threshold on the singular values. ``None`` (default) uses
        :math:`\sigma_1 \max(m, n)\, \varepsilon`, the tolerance of
        :func:`numpy.linalg.matrix_rank`.

    Returns
    -------
    int
        The number of singular values strictly greater than the tolerance, between 0 and
        ``min(m, n)``.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array or ``tol`` is negative or not finite.
    TypeError
        If ``tol`` is not a real number.

    See Also
    --------
    condition_number : :math:`\sigma_1 / \sigma_{\min}`, infinite when the rank drops.
    null_space, column_space : bases whose dimensions add up to the rank.
    svd : the singular values.

    Notes
    -----
    .. math::

        \operatorname{rank}(A) = \#\{ i : \sigma_i > \tau \}, \qquad
        \tau = \sigma_1 \max(m, n)\, \varepsilon

    where :math:`\sigma_1 \ge \sigma_2 \ge \dots` are the singular values of the
    :math:`m \times n` matrix :math:`A`, :math:`\tau` is the tolerance (``tol`` when
    given) and :math:`\varepsilon = 2^{-52}` is the float64 machine epsilon.

    In exact arithmetic the rank is the number of non-zero singular values; in floating
    point a matrix with dependent columns has singular values of order
    :math:`\varepsilon \sigma_1` instead of 0, so exact comparisons call every matrix full
    rank. A singular value below :math:`\tau` is indistinguishable from rounding noise
    in the entries (the SVD computes each :math:`\sigma_i` to about
    :math:`\varepsilon \sigma_1`), and the matrix is "numerically rank-deficient". With
    noisy data choose a larger ``tol`` matching the noise level of the entries. The rank
    is not computed by elimination: row reduction decides "zero or not" on pivots that
    rounding has made non-zero.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 5.4.1.
    .. [2] W. H. Press et al., *Numerical Recipes*, 3rd ed., Cambridge University Press,
       2007, section 2.6.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import rank
    >>> A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    >>> rank(A)
    2

    With a looser tolerance a nearly dependent column counts as dependent:

    >>> B = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-9]])
    >>> rank(B), rank(B, tol=1e-6)
    (2, 1)
    """
    arr = float_matrix(A, "A")
    threshold = as_tol(tol)
    return _rank_of(_singular_values(arr), arr.shape, threshold)


def null_space(A: Any, *, tol: float | None = None) -> np.ndarray:
    r"""An orthonormal basis of the null space :math:`\{x : Ax = 0\}`, as columns.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix.
    tol : float, optional, keyword-only
        The singular-value threshold, as in :func:`rank` (default
        :math:`\sigma_1 \max(m, n)\, \varepsilon`).

    Returns
    -------
    numpy.ndarray, shape (n, n - r)
        Orthonormal columns spanning the null space, where ``r = rank(A, tol)``; no
        columns when ``A`` has full column rank. Each column has its largest-magnitude
        component positive.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array or ``tol`` is invalid.

    See Also
    --------
    column_space : the orthonormal basis of the range.
    rank : the dimension count, :math:`\dim \operatorname{null}(A) = n - r`.

    Notes
    -----
    .. math::

        \operatorname{null}(A) = \{ x \in \mathbb{R}^{n} : Ax = 0 \}
        = \operatorname{span}(v_{r+1}, \dots, v_n)

    where :math:`v_{r+1}, \dots, v_n` are the right singular vectors of the
    :math:`m \times n` matrix :math:`A` whose singular values are at most the tolerance
    (zero when :math:`m < n`), and :math:`r` is the numerical rank.

    The null space holds the directions that :math:`A` cannot see: adding any of them to
    a solution of :math:`Ax = b` gives another solution (unidentifiable parameters, a
    redundant feature, the constant vector in a graph Laplacian). By rank-nullity its
    dimension is :math:`n - r`. The basis comes from the full SVD, so it is orthonormal to
    machine precision and respects the same tolerance as :func:`rank`; row reduction to
    echelon form would give a non-orthogonal basis that depends on pivoting decisions
    made on rounding noise. A basis is only determined up to a rotation; the one returned
    is the SVD's, with signs fixed.

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge
       Press, 2016, sections 3.2 and 7.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import null_space
    >>> A = np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    >>> N = null_space(A)
    >>> N.shape
    (3, 1)
    >>> print(np.round(N[:, 0], 4) + 0.0)
    [ 0.8944 -0.4472  0.    ]
    >>> bool(np.allclose(A @ N, 0.0))
    True
    """
    arr = float_matrix(A, "A")
    threshold = as_tol(tol)
    _, s, Vt = np.linalg.svd(arr, full_matrices=True)
    r = _rank_of(s, arr.shape, threshold)
    basis = Vt[r:].T.copy()
    flip_columns(basis)
    return basis


def column_space(A: Any, *, tol: float | None = None) -> np.ndarray:
    r"""An orthonormal basis of the column space (range) of ``A``, as columns.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix.
    tol : float, optional, keyword-only
        The singular-value threshold, as in :func:`rank` (default
        :math:`\sigma_1 \max(m, n)\, \varepsilon`).

    Returns
    -------
    numpy.ndarray, shape (m, r)
        Orthonormal columns spanning :math:`\{Ax\}`, where ``r = rank(A, tol)``. Each column
        has its largest-magnitude component positive.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array or ``tol`` is invalid.

    See Also
    --------
    null_space : the orthonormal basis of the kernel.
    projection_matrix : :math:`U_r U_r^{\top}`, the projector onto this space.
    gram_schmidt : an orthonormal basis that keeps the order of the columns.

    Notes
    -----
    .. math::

        \operatorname{col}(A) = \{ Ax : x \in \mathbb{R}^{n} \}
        = \operatorname{span}(u_1, \dots, u_r)

    where :math:`u_1, \dots, u_r` are the left singular vectors of the :math:`m \times n`
    matrix :math:`A` whose singular values exceed the tolerance, :math:`r` being the
    numerical rank.

    The column space is everything :math:`A` can produce: :math:`Ax = b` has a solution
    exactly when :math:`b` lies in it, and a least-squares fit projects :math:`b` onto it.
    Its dimension is the rank. The SVD basis is orthonormal even when the columns of
    :math:`A` are dependent or nearly so, where Gram-Schmidt on the columns would stop or
    amplify rounding errors.

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge
       Press, 2016, section 3.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import column_space
    >>> A = np.array([[1.0, 2.0], [2.0, 4.0], [0.0, 0.0]])  # rank 1
    >>> C = column_space(A)
    >>> C.shape
    (3, 1)
    >>> print(np.round(C[:, 0], 4) + 0.0)
    [0.4472 0.8944 0.    ]
    """
    arr = float_matrix(A, "A")
    threshold = as_tol(tol)
    U, s, _ = np.linalg.svd(arr, full_matrices=False)
    r = _rank_of(s, arr.shape, threshold)
    basis = U[:, :r].copy()
    flip_columns(basis)
    return basis


def is_symmetric(A: Any, rtol: float = 1e-10, atol: float = 1e-12) -> bool:
    r"""Whether a square matrix equals its transpose, relative to its scale.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A finite square matrix.
    rtol : float, default 1e-10
        Tolerance relative to the largest absolute entry; non-negative.
    atol : float, default 1e-12
        Absolute tolerance; non-negative.

    Returns
    -------
    bool
        ``True`` when :math:`\max_{ij} |a_{ij} - a_{ji}|` is within the tolerance.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix or a tolerance is negative or not finite.
    TypeError
        If a tolerance is not a real number.

    See Also
    --------
    eigh, cholesky : refuse matrices that this test calls non-symmetric.
    is_positive_definite : symmetric and Cholesky succeeds.

    Notes
    -----
    .. math::

        \max_{i,j} |a_{ij} - a_{ji}| \le \mathrm{atol} + \mathrm{rtol} \, \max_{i,j} |a_{ij}|

    where :math:`a_{ij}` are the entries of :math:`A`, and :math:`\mathrm{rtol}` and
    :math:`\mathrm{atol}` are the relative and absolute tolerances.

    A matrix computed as a symmetric quantity (:math:`X^{\top} X`, a Hessian by finite
    differences, :math:`(A + A^{\top})/2` after a few updates) is rarely symmetric to the
    last bit, so an exact comparison ``A == A.T`` would send it to the slower,
    complex-valued general eigensolver. The tolerance is relative to the largest entry,
    so rescaling :math:`A` does not change the answer (a covariance in mm² and the same in
    m² agree), and the absolute part only matters for a matrix that is zero to within
    ``atol``. :func:`eigh`, :func:`cholesky` and :func:`is_positive_definite` use this
    test with the default tolerances.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import is_symmetric
    >>> X = np.random.default_rng(0).normal(size=(50, 4))
    >>> C = X.T @ X / 49
    >>> is_symmetric(C), is_symmetric(np.array([[1.0, 2.0], [0.0, 1.0]]))
    (True, False)

    The test is relative to the scale of the matrix; an exact comparison is not:

    >>> B = 1e8 * np.array([[1.0, 1.0 + 1e-12], [1.0, 1.0]])
    >>> is_symmetric(B), bool(np.array_equal(B, B.T))
    (True, False)
    """
    arr = square_matrix(A, "A")
    relative = as_positive_scalar(rtol, "rtol", allow_zero=True)
    absolute = as_positive_scalar(atol, "atol", allow_zero=True)
    return bool(is_symmetric_array(arr, relative, absolute))


def is_positive_definite(A: Any) -> bool:
    r"""Whether a square matrix is symmetric and (numerically) positive definite.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A finite square matrix.

    Returns
    -------
    bool
        ``True`` when ``A`` is symmetric (as :func:`is_symmetric` judges it) and its
        Cholesky factorisation succeeds.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix.

    See Also
    --------
    cholesky : the factorisation attempted here.
    eigh : the eigenvalues, to see how far from positive definite ``A`` is.
    mathref.analysis.is_positive_semidefinite : the semidefinite test for kernel matrices.

    Notes
    -----
    .. math::

        x^{\top} A x > 0 \ \text{for all} \ x \ne 0
        \iff \lambda_{\min}(A) > 0
        \iff A = L L^{\top} \ \text{with} \ l_{ii} > 0

    where :math:`A` is symmetric, :math:`\lambda_{\min}(A)` is its smallest eigenvalue and
    :math:`L` is its lower-triangular Cholesky factor.

    A positive definite matrix is a valid covariance, a strictly convex quadratic (a
    Hessian at a strict minimum), an inner product. The test attempts a Cholesky
    factorisation, the cheapest and most reliable criterion (a third of the cost of an
    LU, and it fails exactly when a pivot is not positive); computing all eigenvalues
    costs more, and Sylvester's criterion (all leading minors positive) forms
    determinants that overflow or underflow. A matrix whose smallest eigenvalue is a
    rounding error away from zero (a sample covariance with more features than samples)
    may land on either side: treat it as singular.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import is_positive_definite
    >>> is_positive_definite(np.array([[2.0, 1.0], [1.0, 2.0]]))
    True
    >>> is_positive_definite(np.array([[1.0, 2.0], [2.0, 1.0]]))  # eigenvalues -1, 3
    False
    """
    arr = square_matrix(A, "A")
    if not is_symmetric_array(arr):
        return False
    from scipy import linalg as sla

    try:
        sla.cholesky(arr, lower=True, check_finite=False)
    except np.linalg.LinAlgError:
        return False
    return True


def is_orthogonal(Q: Any, atol: float = 1e-10) -> bool:
    r"""Whether the columns of ``Q`` are orthonormal, :math:`Q^{\top} Q = I`.

    Parameters
    ----------
    Q : array_like, shape (m, n)
        A finite matrix. For a square ``Q`` the test is that ``Q`` is an orthogonal
        matrix; for a tall one (``m > n``, the ``Q`` of a thin QR) that its columns are
        orthonormal. A wide ``Q`` (``m < n``) cannot have orthonormal columns.
    atol : float, default 1e-10
        The largest allowed absolute deviation of an entry of :math:`Q^{\top} Q` from the
        identity; non-negative.

    Returns
    -------
    bool
        ``True`` when :math:`\max_{ij} |(Q^{\top} Q - I)_{ij}| \le \mathrm{atol}`.

    Raises
    ------
    ValueError
        If ``Q`` is not a non-empty finite 2-D array or ``atol`` is negative or not finite.
    TypeError
        If ``atol`` is not a real number.

    See Also
    --------
    gram_schmidt, qr : produce matrices with orthonormal columns.

    Notes
    -----
    .. math::

        \max_{i,j} \left| \left( Q^{\top} Q - I \right)_{ij} \right| \le \mathrm{atol}

    where :math:`Q^{\top} Q` is the matrix of inner products of the columns of :math:`Q`,
    :math:`I` the identity and :math:`\mathrm{atol}` the tolerance.

    Orthonormal columns preserve lengths and angles (:math:`\|Qx\|_2 = \|x\|_2`), so
    multiplying by :math:`Q` neither amplifies errors nor changes a condition number: a
    square orthogonal matrix has :math:`\kappa_2 = 1` and :math:`Q^{-1} = Q^{\top}`. The
    entries of :math:`Q^{\top} Q` are cosines and lie in :math:`[-1, 1]`, so an absolute
    tolerance is the right scale. A :math:`Q` from a stable algorithm (Householder QR,
    :func:`gram_schmidt`) passes with :math:`\max_{ij} |(Q^{\top} Q - I)_{ij}|` near
    :math:`n \varepsilon`; one from classical Gram-Schmidt on an ill-conditioned matrix
    fails.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import is_orthogonal
    >>> t = 0.3
    >>> R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    >>> is_orthogonal(R), is_orthogonal(2 * R)
    (True, False)
    """
    arr = float_matrix(Q, "Q")
    tolerance = as_positive_scalar(atol, "atol", allow_zero=True)
    m, n = arr.shape
    if m < n:
        return False
    gram = arr.T @ arr
    gram[np.diag_indices(n)] -= 1.0
    return bool(float(np.max(np.abs(gram))) <= tolerance)


def condition_number(A: Any) -> float:
    r"""The 2-norm condition number :math:`\sigma_{\max} / \sigma_{\min}`.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix (for non-square matrices :math:`\sigma_{\min}` is
        :math:`\sigma_{\min(m, n)}`).

    Returns
    -------
    float
        :math:`\kappa_2(A) \ge 1`; ``inf`` when ``A`` is numerically rank-deficient (its
        :func:`rank` at the default tolerance is below ``min(m, n)``), including the zero
        matrix.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array.

    See Also
    --------
    rank : the tolerance that decides "numerically singular".
    least_squares : whose accuracy the condition number predicts.

    Notes
    -----
    .. math::

        \kappa_2(A) = \frac{\sigma_{\max}(A)}{\sigma_{\min}(A)} = \|A\|_2 \, \|A^{+}\|_2

    where :math:`\sigma_{\max}` and :math:`\sigma_{\min}` are the largest and smallest of
    the :math:`\min(m, n)` singular values of :math:`A` and :math:`A^{+}` is its
    pseudo-inverse.

    The condition number bounds how much a relative error in the data can grow in the
    solution: solving :math:`Ax = b` in float64 loses about :math:`\log_{10} \kappa`
    digits of the 16 available, and the normal equations of least squares, with
    :math:`\kappa(A^{\top} A) = \kappa(A)^2`, lose twice as many. When
    :math:`\sigma_{\min}` falls below :math:`\sigma_{\max} \max(m, n)\, \varepsilon` the
    computed :math:`\sigma_{\min}` is rounding noise and the quotient (about
    :math:`10^{16}`, or a division by zero) means nothing: the matrix is numerically
    singular, and ``inf`` is returned, consistently with :func:`rank`. The determinant is
    no substitute: :math:`\det(10^{-3} I_{100}) = 10^{-300}` although that matrix is
    perfectly conditioned.

    References
    ----------
    .. [1] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM,
       2002, chapter 7.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import condition_number
    >>> condition_number(np.diag([10.0, 1.0, 0.1]))
    100.0
    >>> condition_number(np.array([[1.0, 2.0], [2.0, 4.0]]))  # singular
    inf
    >>> condition_number(1e-3 * np.eye(100))
    1.0
    """
    arr = float_matrix(A, "A")
    s = _singular_values(arr)
    if _rank_of(s, arr.shape, None) < s.size:
        return math.inf
    return float(s[0] / s[-1])
