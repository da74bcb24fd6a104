"""Orthonormal bases: Gram-Schmidt with re-orthogonalisation, and the QR factorisation."""
from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from ._common import _EPS, float_matrix

__all__ = ["gram_schmidt", "qr"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "gram_schmidt": ("Gram-Schmidt orthonormalisation",
                     ("Gram Schmidt", "orthonormalize", "orthonormal basis",
                      "re-orthogonalisation", "CGS2", "twice is enough")),
    "qr": ("QR decomposition (thin)",
           ("QR factorization", "Householder QR", "economic QR", "reduced QR",
            "orthogonal-triangular decomposition")),
}

_MAX_PASSES = 4


class QRResult(NamedTuple):
    """The thin QR factorisation ``A = Q R`` returned by :func:`qr`.

    Attributes
    ----------
    Q : numpy.ndarray
        Shape ``(m, k)``. Orthonormal columns, :math:`Q^{\\top} Q = I`, with ``k = min(m,
        n)``.
    R : numpy.ndarray
        Shape ``(k, n)``. Upper triangular (trapezoidal when ``n > m``) with a non-negative
        diagonal.
    """

    Q: np.ndarray
    R: np.ndarray


def gram_schmidt(A: Any) -> np.ndarray:
    r"""Orthonormalise the columns of ``A`` in order, to machine precision.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The columns to orthonormalise; finite and linearly independent (so ``n <= m``).

    Returns
    -------
    numpy.ndarray, shape (m, n)
        :math:`Q` with orthonormal columns, :math:`Q^{\top} Q = I`, such that for every
        :math:`j` the first :math:`j` columns of :math:`Q` span the same space as the first
        :math:`j` columns of :math:`A`, and :math:`q_j^{\top} a_j > 0`.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array, or a column is (numerically) a linear
        combination of the columns before it: the message names that column by its
        0-based index.

    See Also
    --------
    qr : the same :math:`Q` (and :math:`R`) by Householder reflections, faster for large
        matrices.
    vector_projection : one Gram-Schmidt step.
    is_orthogonal : checks :math:`Q^{\top} Q = I`.

    Notes
    -----
    .. math::

        q_j = \frac{v_j}{\|v_j\|_2}, \qquad
        v_j = a_j - \sum_{i=1}^{j-1} \left( q_i^{\top} a_j \right) q_i

    where :math:`a_j` is the :math:`j`-th column of :math:`A`, :math:`q_1, \dots, q_{j-1}`
    are the orthonormal vectors already built and :math:`v_j` is what is left of
    :math:`a_j` after removing its components along them.

    Each column is stripped of its components along the previous directions and
    normalised. In floating point the classical formula drifts: the coefficients
    :math:`q_i^{\top} a_j` are computed from an :math:`a_j` that is nearly in the span of
    the :math:`q_i`, so :math:`v_j` is a small difference of large vectors and keeps
    rounding errors along the old directions. On the 10 x 10 Hilbert matrix
    (:math:`\kappa \approx 10^{13}`) classical Gram-Schmidt returns a :math:`Q` with
    :math:`\|Q^{\top} Q - I\|` of order 1, modified Gram-Schmidt about :math:`10^{-4}`
    (its error grows like :math:`\kappa \varepsilon`). Here the projection is repeated
    ("twice is enough", Kahan and Parlett; classical Gram-Schmidt with
    re-orthogonalisation, CGS2): the second pass removes what the first left behind and
    :math:`Q` is orthonormal to a few ulps, whatever the conditioning, as long as the
    columns are numerically independent. A further pass is made only if the second one
    still cancelled more than half of the vector.

    A column whose residual :math:`\|v_j\|_2` is at most :math:`\max(m, n)\,\varepsilon`
    times :math:`\|a_j\|_2` lies in the span of the previous columns to working precision:
    normalising it would turn rounding noise into a direction, so it is refused. Each
    column is first divided by its largest absolute entry (which changes neither
    :math:`Q` nor the test), so entries like ``1e200`` or ``1e-200`` neither overflow nor
    underflow.

    References
    ----------
    .. [1] L. Giraud, J. Langou, M. Rozloznik and J. van den Eshof, "Rounding error
       analysis of the classical Gram-Schmidt orthogonalization process", *Numerische
       Mathematik* 101, 87-100, 2005.
    .. [2] B. N. Parlett, *The Symmetric Eigenvalue Problem*, SIAM, 1998, section 6.9
       ("twice is enough").
    .. [3] A. Bjorck, "Numerics of Gram-Schmidt orthogonalization", *Linear Algebra and its
       Applications* 197-198, 297-316, 1994.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import gram_schmidt
    >>> A = np.array([[3.0, 1.0], [4.0, 1.0], [0.0, 1.0]])
    >>> Q = gram_schmidt(A)
    >>> print(np.round(Q[:, 0], 4))
    [0.6 0.8 0. ]
    >>> bool(np.allclose(Q.T @ Q, np.eye(2)))
    True

    Orthonormal to machine precision even for the ill-conditioned Hilbert matrix:

    >>> n = 10
    >>> H = 1.0 / (np.arange(n)[:, None] + np.arange(n) + 1)
    >>> Q = gram_schmidt(H)
    >>> bool(np.linalg.norm(Q.T @ Q - np.eye(n)) < 1e-14)
    True
    """
    arr = float_matrix(A, "A")
    m, n = arr.shape
    factor = max(m, n) * _EPS
    Q = np.empty((m, n))
    for j in range(n):
        column = arr[:, j]
        largest = float(np.max(np.abs(column)))
        if largest == 0.0:
            raise ValueError(f"A has linearly dependent columns: column {j} is zero, so it "
                             "lies in the span of any columns")
        v = column / largest
        norm_a = math.sqrt(float(np.dot(v, v)))
        norm_v = norm_a
        if j > 0:
            basis = Q[:, :j]
            for passes in range(_MAX_PASSES):
                v = v - basis @ (basis.T @ v)
                previous, norm_v = norm_v, math.sqrt(float(np.dot(v, v)))
                if passes >= 1 and norm_v > 0.5 * previous:
                    break
                if norm_v <= factor * norm_a:
                    break
        if norm_v <= factor * norm_a:
            raise ValueError(
                f"A has linearly dependent columns: column {j} lies in the span of columns "
                f"0..{j - 1} (its residual after projection is {norm_v / norm_a:.2g} times "
                f"its norm, at most max(m, n)*eps = {factor:.2g})"
            )
        Q[:, j] = v / norm_v
    return Q


def qr(A: Any) -> QRResult:
    r"""The thin QR factorisation :math:`A = QR`, with :math:`R` having a non-negative diagonal.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix (any rank, tall or wide).

    Returns
    -------
    QRResult
        ``Q`` of shape ``(m, k)`` with orthonormal columns and ``R`` of shape ``(k, n)``,
        upper triangular with :math:`r_{ii} \ge 0`, where ``k = min(m, n)``.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array.

    See Also
    --------
    gram_schmidt : the same :math:`Q`, column by column.
    least_squares : solves :math:`\min \|Ax - b\|_2`.

    Notes
    -----
    .. math::

        A = QR, \qquad Q^{\top} Q = I_k, \qquad r_{ij} = 0 \ \text{for} \ i > j,
        \qquad r_{ii} \ge 0

    where :math:`A` is :math:`m \times n`, :math:`k = \min(m, n)`, :math:`Q` is
    :math:`m \times k` with orthonormal columns and :math:`R = (r_{ij})` is
    :math:`k \times n` upper triangular.

    :math:`Q` is an orthonormal basis whose leading columns span the leading columns of
    :math:`A`, and :math:`R` holds the coordinates of the columns of :math:`A` in it. For
    a full-rank :math:`A` the factorisation with positive diagonal is unique, and its
    :math:`Q` is what :func:`gram_schmidt` computes; here it comes from Householder
    reflections (LAPACK ``geqrf`` and ``orgqr`` through :func:`scipy.linalg.qr`), which
    are orthogonal to machine precision by construction. LAPACK's signs are arbitrary:
    each column of :math:`Q` and row of :math:`R` with :math:`r_{ii} < 0` is negated so
    that results do not depend on the LAPACK build. Solving :math:`Rx = Q^{\top} b`
    gives the least-squares solution with an error proportional to :math:`\kappa(A)`,
    not the :math:`\kappa(A)^2` of the normal equations.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 5.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import qr
    >>> A = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 2.0]])
    >>> Q, R = qr(A)
    >>> print(np.round(R, 4) + 0.0)  # + 0.0 turns -0.0 into 0.0
    [[5.     2.2   ]
     [0.     2.0396]]
    >>> bool(np.allclose(Q @ R, A)), bool(np.allclose(Q.T @ Q, np.eye(2)))
    (True, True)
    """
    arr = float_matrix(A, "A")
    from scipy import linalg as sla

    try:
        Q, R = sla.qr(arr, mode="economic", check_finite=False)
    except np.linalg.LinAlgError as exc:  # pragma: no cover - LAPACK failure
        raise ValueError(f"A: the QR factorisation failed ({exc})") from None
    diagonal = np.diagonal(R)
    signs = np.where(diagonal < 0, -1.0, 1.0)
    if np.any(signs < 0):
        Q *= signs
        R *= signs[:, None]
    return QRResult(Q, R)
