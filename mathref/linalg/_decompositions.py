"""Matrix factorisations: LU, Cholesky, symmetric and general eigendecompositions, SVD."""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .._validate import as_int, describe, symmetry_error
from ._common import flip_columns, float_matrix, square_matrix

__all__ = ["lu", "cholesky", "eigh", "eig", "svd", "low_rank_approximation"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "lu": ("LU decomposition with partial pivoting",
           ("LU factorization", "PLU", "Gaussian elimination", "pivoting", "triangular factors")),
    "cholesky": ("Cholesky decomposition",
                 ("Cholesky factor", "LL^T", "square root of a matrix",
                  "positive definite factorization")),
    "eigh": ("Symmetric eigendecomposition",
             ("eigenvalues", "eigenvectors", "spectral decomposition", "spectral theorem",
              "diagonalisation", "Hermitian eigenproblem", "eigendecomposition")),
    "eig": ("Eigendecomposition of a general square matrix",
            ("eigenvalues", "eigenvectors", "non-symmetric eigenproblem", "complex eigenvalues",
             "spectral radius", "diagonalization")),
    "svd": ("Singular value decomposition (thin)",
            ("SVD", "singular values", "singular vectors", "economy SVD", "reduced SVD")),
    "low_rank_approximation": ("Best rank-k approximation (Eckart-Young)",
                               ("truncated SVD", "Eckart-Young-Mirsky", "low rank",
                                "matrix compression", "rank-k approximation")),
}


class LUResult(NamedTuple):
    """The factorisation ``A = P L U`` returned by :func:`lu`.

    Attributes
    ----------
    P : numpy.ndarray
        Shape ``(m, m)``. A permutation matrix.
    L : numpy.ndarray
        Shape ``(m, k)``. Unit lower triangular (ones on the diagonal), ``k = min(m, n)``.
    U : numpy.ndarray
        Shape ``(k, n)``. Upper triangular.
    """

    P: np.ndarray
    L: np.ndarray
    U: np.ndarray


class EighResult(NamedTuple):
    """The symmetric eigendecomposition returned by :func:`eigh`.

    Attributes
    ----------
    eigenvalues : numpy.ndarray
        Shape ``(n,)``. Real, in ascending order.
    eigenvectors : numpy.ndarray
        Shape ``(n, n)``. Orthonormal columns; column ``i`` belongs to ``eigenvalues[i]``
        and has its largest-magnitude component positive.
    """

    eigenvalues: np.ndarray
    eigenvectors: np.ndarray


class EigResult(NamedTuple):
    """The eigendecomposition of a general square matrix returned by :func:`eig`.

    Attributes
    ----------
    eigenvalues : numpy.ndarray
        Shape ``(n,)``. Sorted by real part, then imaginary part; real dtype when all are
        real, complex otherwise.
    eigenvectors : numpy.ndarray
        Shape ``(n, n)``. Column ``i`` belongs to ``eigenvalues[i]``; unit norm,
        largest-magnitude component real and positive.
    """

    eigenvalues: np.ndarray
    eigenvectors: np.ndarray


class SVDResult(NamedTuple):
    """The thin singular value decomposition ``A = U diag(S) Vt`` returned by :func:`svd`.

    Attributes
    ----------
    U : numpy.ndarray
        Shape ``(m, k)``. Left singular vectors (orthonormal columns), ``k = min(m, n)``.
    S : numpy.ndarray
        Shape ``(k,)``. Singular values, non-negative and descending.
    Vt : numpy.ndarray
        Shape ``(k, n)``. Right singular vectors as rows (orthonormal rows).
    """

    U: np.ndarray
    S: np.ndarray
    Vt: np.ndarray


def _symmetric(value: Any, name: str) -> np.ndarray:
    """A finite square float64 matrix, symmetric as :func:`is_symmetric` judges it."""
    arr = square_matrix(value, name)
    err, scale = symmetry_error(arr)  # is_symmetric's test, default tolerances
    if not err <= 1e-12 + 1e-10 * scale:
        raise ValueError(
            f"{name} must be symmetric: max|A - A.T| = {err:.3g} exceeds "
            f"1e-12 + 1e-10*max|A| = {1e-12 + 1e-10 * scale:.3g}"
        )
    return arr


def lu(A: Any) -> LUResult:
    r"""The LU factorisation with partial pivoting, :math:`A = PLU`.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix; square in the usual case, but rectangular and singular
        matrices also have one.

    Returns
    -------
    LUResult
        ``P`` (m, m) a permutation matrix, ``L`` (m, k) unit lower triangular, ``U`` (k, n)
        upper triangular, with ``k = min(m, n)``.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array.

    See Also
    --------
    cholesky : the symmetric positive definite special case, twice as fast.
    qr : an orthogonal-triangular factorisation.

    Notes
    -----
    .. math::

        A = P L U, \qquad l_{ii} = 1, \quad l_{ij} = 0 \ (i < j), \quad
        u_{ij} = 0 \ (i > j), \quad |l_{ij}| \le 1

    where :math:`P` is a permutation matrix, :math:`L = (l_{ij})` is unit lower triangular
    and :math:`U = (u_{ij})` is upper triangular.

    This is Gaussian elimination written as a factorisation: :math:`L` holds the
    multipliers and :math:`U` the eliminated system, so :math:`Ax = b` becomes two
    triangular solves. Without pivoting elimination breaks on a zero pivot
    (``[[0, 1], [1, 0]]`` has no LU factorisation at all) and is unstable on a small one
    (``[[1e-20, 1], [1, 1]]`` gives :math:`u_{22} = 1 - 10^{20}` and a solution wrong in
    every digit). Partial pivoting swaps the row with the largest entry of the column
    into the pivot position, so every multiplier is at most 1 in magnitude; :math:`P`
    records the swaps. Computed by LAPACK ``getrf`` through :func:`scipy.linalg.lu`.
    :math:`\det A = \det P \prod_i u_{ii}`, and a zero :math:`u_{ii}` means :math:`A` is
    singular.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 3.4.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import lu
    >>> A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    >>> P, L, U = lu(A)
    >>> print(P)
    [[0. 1.]
     [1. 0.]]
    >>> bool(np.allclose(P @ L @ U, A)), bool(np.all(np.diag(L) == 1))
    (True, True)
    """
    arr = float_matrix(A, "A")
    from scipy import linalg as sla

    P, L, U = sla.lu(arr, check_finite=False)
    return LUResult(P, L, U)


def cholesky(A: Any) -> np.ndarray:
    r"""The lower-triangular Cholesky factor :math:`L` with :math:`A = LL^{\top}`.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A symmetric positive definite matrix; finite. Symmetry is judged as in
        :func:`is_symmetric`, relative to the scale of ``A``; only the lower triangle is
        read.

    Returns
    -------
    numpy.ndarray, shape (n, n)
        :math:`L`, lower triangular with a positive diagonal (zeros above it).

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix, is not symmetric, or is not (numerically)
        positive definite: the message gives the order of the first leading minor that is
        not.

    See Also
    --------
    is_positive_definite : the same test, as a bool.
    eigh : the eigenvalues, which say how far from positive definite a matrix is.
    lu : the factorisation of a general square matrix.

    Notes
    -----
    .. math::

        A = L L^{\top}, \qquad
        l_{jj} = \sqrt{a_{jj} - \sum_{k=1}^{j-1} l_{jk}^2}, \qquad
        l_{ij} = \frac{1}{l_{jj}} \left( a_{ij} - \sum_{k=1}^{j-1} l_{ik} l_{jk} \right)
        \ (i > j)

    where :math:`a_{ij}` are the entries of the symmetric positive definite matrix
    :math:`A` and :math:`l_{ij}` those of its lower-triangular factor :math:`L`.

    The Cholesky factor is a square root of :math:`A`: it turns a Gaussian
    :math:`z \sim N(0, I)` into :math:`Lz \sim N(0, A)`, and solving with a covariance or
    a kernel matrix costs two triangular solves. It exists exactly when :math:`A` is
    symmetric positive definite, so attempting it is also the cheapest test of positive
    definiteness: the quantity under the square root turns non-positive at the first
    leading minor that is not positive. It is backward stable without pivoting (no entry
    of :math:`L` exceeds :math:`\sqrt{\max_i a_{ii}}`). A covariance matrix that is only
    positive semidefinite (more features than samples, a duplicated feature) fails here;
    adding a small multiple of the identity ("jitter") is the usual fix, and it is left
    to the caller rather than done silently. Computed by LAPACK ``potrf`` through
    :func:`scipy.linalg.cholesky`.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 4.2.
    .. [2] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM,
       2002, chapter 10.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import cholesky
    >>> A = np.array([[4.0, 2.0], [2.0, 3.0]])
    >>> L = cholesky(A)
    >>> print(L)
    [[2.     0.    ]
     [1.     1.4142]]
    >>> bool(np.allclose(L @ L.T, A))
    True
    """
    arr = _symmetric(A, "A")
    from scipy import linalg as sla

    try:
        return sla.cholesky(arr, lower=True, check_finite=False)
    except np.linalg.LinAlgError as exc:
        raise ValueError(f"A must be positive definite: the Cholesky factorisation failed "
                         f"({exc}); got {describe(arr)}") from None


def eigh(A: Any) -> EighResult:
    r"""Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real symmetric matrix; finite. Symmetry is judged as in :func:`is_symmetric`,
        relative to the scale of ``A``; only the lower triangle is read.

    Returns
    -------
    EighResult
        ``eigenvalues`` (n,) real and ascending; ``eigenvectors`` (n, n) orthonormal, column
        ``i`` for ``eigenvalues[i]``, each with its largest-magnitude component positive.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix or is not symmetric (use :func:`eig`).

    See Also
    --------
    eig : for general (non-symmetric) square matrices.
    svd : the singular values, which are the absolute eigenvalues of a symmetric matrix.
    is_positive_definite : all eigenvalues positive.

    Notes
    -----
    .. math::

        A = V \Lambda V^{\top}, \qquad A v_i = \lambda_i v_i, \qquad V^{\top} V = I,
        \qquad \lambda_1 \le \lambda_2 \le \dots \le \lambda_n

    where :math:`\Lambda = \operatorname{diag}(\lambda_1, \dots, \lambda_n)` holds the real
    eigenvalues and the columns :math:`v_i` of the orthogonal matrix :math:`V` are the
    eigenvectors.

    The spectral theorem: a real symmetric matrix is a rotation, a scaling along
    orthogonal axes and the rotation back. Use this rather than :func:`eig` whenever the
    matrix is symmetric (a Hessian, a covariance, a kernel matrix, a graph Laplacian): the
    symmetric algorithm (LAPACK ``syevd`` through :func:`numpy.linalg.eigh`) returns real
    eigenvalues and exactly orthonormal eigenvectors, each eigenvalue accurate to about
    :math:`\varepsilon \|A\|_2`, and is several times faster. The general algorithm sees
    only a matrix; rounding can give a symmetric matrix's eigenvalues tiny imaginary
    parts and, for close eigenvalues, eigenvectors far from orthogonal. An eigenvector is
    defined up to sign, which LAPACK chooses arbitrarily; it is fixed here so that the
    largest-magnitude component (the first one, on ties) is positive. For a repeated
    eigenvalue only the eigenspace is determined, not the basis within it.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, chapter 8.
    .. [2] B. N. Parlett, *The Symmetric Eigenvalue Problem*, SIAM, 1998.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import eigh
    >>> A = np.array([[2.0, 1.0], [1.0, 3.0]])
    >>> w, V = eigh(A)
    >>> print(np.round(w, 4))
    [1.382 3.618]
    >>> print(np.round(V, 4))
    [[ 0.8507  0.5257]
     [-0.5257  0.8507]]
    >>> bool(np.allclose(A @ V, V * w)), bool(np.allclose(V.T @ V, np.eye(2)))
    (True, True)
    """
    arr = _symmetric(A, "A")
    try:
        w, V = np.linalg.eigh(arr)
    except np.linalg.LinAlgError as exc:  # pragma: no cover - LAPACK failure
        raise ValueError(f"A: the eigenvalue algorithm did not converge ({exc})") from None
    flip_columns(V)
    return EighResult(w, V)


def eig(A: Any) -> EigResult:
    r"""Eigenvalues and unit eigenvectors of a general square matrix (complex if need be).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Any finite real square matrix.

    Returns
    -------
    EigResult
        ``eigenvalues`` (n,) sorted by real part, then by imaginary part; ``eigenvectors``
        (n, n), column ``i`` for ``eigenvalues[i]``, of unit norm and with its
        largest-magnitude component real and positive. Both arrays are real when every
        eigenvalue is real, complex otherwise.

    Raises
    ------
    ValueError
        If ``A`` is not a finite square matrix.

    See Also
    --------
    eigh : for symmetric matrices: faster, real, orthonormal.
    svd : singular values, which exist for every matrix.

    Notes
    -----
    .. math::

        A v_i = \lambda_i v_i, \qquad v_i \ne 0, \qquad
        \det(A - \lambda_i I) = 0

    where :math:`\lambda_i` are the (possibly complex) eigenvalues of the square matrix
    :math:`A`, the roots of its characteristic polynomial, and :math:`v_i` are the
    corresponding eigenvectors.

    The eigenvalues say what repeated application does: :math:`A^k v_i = \lambda_i^k
    v_i`, so the spectral radius :math:`\max_i |\lambda_i|` decides whether a linear
    recurrence (a linearised RNN, an iterative method, a Markov chain) grows, decays or
    oscillates (complex pairs). A non-symmetric matrix need not have a basis of
    eigenvectors (``[[1, 1], [0, 1]]`` has one eigenvector for the double eigenvalue 1)
    and its eigenvalues can be very sensitive to perturbations, so check
    :math:`\|AV - V\Lambda\|` rather than trust them blindly; for symmetric matrices use
    :func:`eigh`. The eigenvalues are never found from the characteristic polynomial,
    whose roots are ill-conditioned, but by the QR algorithm (LAPACK ``geev`` through
    :func:`numpy.linalg.eig`). An eigenvector is defined up to a non-zero factor, which
    LAPACK leaves to rounding; each is scaled here to unit norm and rotated so that its
    largest-magnitude component is real and positive, and the pairs are sorted, so the
    result does not depend on the LAPACK build.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, chapter 7.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import eig
    >>> R = np.array([[0.0, -1.0], [1.0, 0.0]])  # rotation by 90 degrees
    >>> w, V = eig(R)
    >>> print(w)
    [0.-1.j 0.+1.j]
    >>> bool(np.allclose(R @ V, V * w)), bool(np.allclose(np.linalg.norm(V, axis=0), 1.0))
    (True, True)
    """
    arr = square_matrix(A, "A")
    try:
        w, V = np.linalg.eig(arr)
    except np.linalg.LinAlgError as exc:
        raise ValueError(f"A: the eigenvalue algorithm did not converge ({exc})") from None
    order = np.lexsort((w.imag, w.real)) if np.iscomplexobj(w) else np.argsort(w, kind="stable")
    w = w[order]
    V = V[:, order]
    V = V / np.linalg.norm(V, axis=0)
    columns = np.arange(V.shape[1])
    idx = np.argmax(np.abs(V), axis=0)
    pivots = V[idx, columns]
    if np.iscomplexobj(V):
        V *= np.conj(pivots) / np.abs(pivots)
        V[idx, columns] = np.abs(pivots)  # exactly real, not real up to rounding
    else:
        V *= np.where(pivots < 0, -1.0, 1.0)
    return EigResult(w, V)


def svd(A: Any) -> SVDResult:
    r"""The thin singular value decomposition, singular values descending.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix.

    Returns
    -------
    SVDResult
        ``U`` (m, k) and ``Vt`` (k, n) with orthonormal columns and rows, ``S`` (k,)
        non-negative and descending, ``k = min(m, n)``; ``A = U @ np.diag(S) @ Vt``. Each
        column of ``U`` has its largest-magnitude component positive (the matching row of
        ``Vt`` is flipped with it).

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array.

    See Also
    --------
    low_rank_approximation : keeps the ``k`` largest terms.
    rank, condition_number, null_space, column_space : read off the SVD.
    pca : the SVD of the centred data.

    Notes
    -----
    .. math::

        A = U \Sigma V^{\top} = \sum_{i=1}^{k} \sigma_i u_i v_i^{\top}, \qquad
        U^{\top} U = V^{\top} V = I_k, \qquad \sigma_1 \ge \sigma_2 \ge \dots \ge
        \sigma_k \ge 0

    where :math:`k = \min(m, n)`, :math:`\Sigma = \operatorname{diag}(\sigma_1, \dots,
    \sigma_k)` holds the singular values and :math:`u_i`, :math:`v_i` (the columns of
    :math:`U` and :math:`V`) are the left and right singular vectors.

    Every matrix maps the unit sphere to an ellipsoid; the :math:`\sigma_i` are its
    semi-axes, :math:`v_i` the directions that map onto them and :math:`u_i` the axes
    themselves. The SVD answers most debugging questions about a matrix: its numerical
    rank (how many :math:`\sigma_i` are not negligible), its condition number
    :math:`\sigma_1 / \sigma_k`, its norms, its best low-rank approximation. The singular
    values are the square roots of the eigenvalues of :math:`A^{\top} A`, but forming
    :math:`A^{\top} A` squares the condition number and loses every singular value below
    :math:`\sqrt{\varepsilon}\,\sigma_1`; LAPACK's divide and conquer ``gesdd`` (through
    :func:`numpy.linalg.svd`) works on :math:`A` itself and gets each :math:`\sigma_i` to
    about :math:`\varepsilon \sigma_1`. Singular vectors are defined up to a simultaneous
    sign change of :math:`u_i` and :math:`v_i`, fixed here by making the
    largest-magnitude component of :math:`u_i` positive.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, section 2.4 and chapter 8.6.
    .. [2] L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, lectures
       4 and 5.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import svd
    >>> A = np.array([[3.0, 0.0], [4.0, 5.0]])
    >>> U, S, Vt = svd(A)
    >>> print(np.round(S, 4))
    [6.7082 2.2361]
    >>> bool(np.allclose(U @ np.diag(S) @ Vt, A))
    True
    """
    arr = float_matrix(A, "A")
    try:
        U, S, Vt = np.linalg.svd(arr, full_matrices=False)
    except np.linalg.LinAlgError as exc:  # pragma: no cover - LAPACK failure
        raise ValueError(f"A: the SVD did not converge ({exc})") from None
    signs = flip_columns(U)
    Vt *= signs[:, None]
    return SVDResult(U, S, Vt)


def low_rank_approximation(A: Any, k: int) -> np.ndarray:
    r"""The best rank-``k`` approximation of ``A`` (Eckart-Young), by the truncated SVD.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any finite matrix.
    k : int
        The rank, ``1 <= k <= min(m, n)``.

    Returns
    -------
    numpy.ndarray, shape (m, n)
        :math:`A_k`, the matrix of rank at most ``k`` closest to ``A`` in both the spectral
        and the Frobenius norm.

    Raises
    ------
    ValueError
        If ``A`` is not a non-empty finite 2-D array or ``k`` is outside
        ``[1, min(m, n)]``.
    TypeError
        If ``k`` is not an integer.

    See Also
    --------
    svd : the decomposition that is truncated.
    pca : the same truncation applied to centred data.
    matrix_norm : measures the approximation error.

    Notes
    -----
    .. math::

        A_k = \sum_{i=1}^{k} \sigma_i u_i v_i^{\top}
        = \arg\min_{\operatorname{rank}(B) \le k} \|A - B\|_F, \qquad
        \|A - A_k\|_2 = \sigma_{k+1}, \qquad
        \|A - A_k\|_F = \left( \sum_{i > k} \sigma_i^2 \right)^{1/2}

    where :math:`\sigma_i, u_i, v_i` are the singular values (descending) and the left and
    right singular vectors of :math:`A`, and :math:`B` ranges over the :math:`m \times n`
    matrices of rank at most :math:`k`.

    Keeping the :math:`k` largest terms of the SVD is optimal (Eckart-Young-Mirsky): no
    rank-:math:`k` matrix is closer, and the error is exactly what was dropped. So the
    decay of the singular values tells how compressible a matrix is (an embedding table,
    a weight matrix, LoRA's low-rank update), and :math:`\sigma_{k+1}/\sigma_1` is the
    relative error of the best compression. The approximation is computed from the SVD
    of :math:`A` itself, never from an eigendecomposition of :math:`A^{\top} A`, which
    would lose the small singular values to rounding.

    References
    ----------
    .. [1] C. Eckart and G. Young, "The approximation of one matrix by another of lower
       rank", *Psychometrika* 1, 211-218, 1936.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import low_rank_approximation, matrix_norm
    >>> A = np.array([[3.0, 0.0], [4.0, 5.0]])
    >>> A1 = low_rank_approximation(A, 1)
    >>> int(np.linalg.matrix_rank(A1))
    1

    The spectral-norm error is the first dropped singular value:

    >>> matrix_norm(A - A1, ord=2), float(np.linalg.svd(A, compute_uv=False)[1])
    (2.2361, 2.2361)
    """
    arr = float_matrix(A, "A")
    limit = min(arr.shape)
    rank_k = as_int(k, "k")
    if not 1 <= rank_k <= limit:
        raise ValueError(f"k must lie in [1, min(m, n)] = [1, {limit}] for A of shape "
                         f"{arr.shape}, got {rank_k}")
    U, S, Vt = svd(arr)
    return (U[:, :rank_k] * S[:rank_k]) @ Vt[:rank_k]
