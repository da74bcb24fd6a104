"""Tests for mathref.linalg: mpmath oracles, identities on random matrices, bad input."""
from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathref
from mathref import linalg as la

mp = mpmath.mp
EPS = np.finfo(float).eps
SETTINGS = settings(max_examples=40, deadline=None)


@pytest.fixture(autouse=True)
def _precision():
    old = mp.dps
    mp.dps = 50
    yield
    mp.dps = old


def finite(low=-10.0, high=10.0):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def vectors(min_size=1, max_size=8, low=-10.0, high=10.0):
    return hnp.arrays(np.float64, st.integers(min_size, max_size), elements=finite(low, high))


def matrices(min_side=1, max_side=6, low=-10.0, high=10.0):
    shapes = st.tuples(st.integers(min_side, max_side), st.integers(min_side, max_side))
    return hnp.arrays(np.float64, shapes, elements=finite(low, high))


def well_conditioned(seed, m, n, cond=10.0):
    """A random m x n matrix with singular values spread in [1, cond]."""
    rng = np.random.default_rng(seed)
    k = min(m, n)
    U, _ = np.linalg.qr(rng.normal(size=(m, k)))
    V, _ = np.linalg.qr(rng.normal(size=(n, k)))
    s = np.geomspace(cond, 1.0, k)
    return (U * s) @ V.T


def with_rank(seed, m, n, r):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


def spd(seed, n):
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(n, n))
    return B @ B.T + n * np.eye(n)


def mpm(A):
    return mp.matrix(np.asarray(A, dtype=float).tolist())


def to_np(M, dtype=float):
    return np.array([[dtype(M[i, j]) for j in range(M.cols)] for i in range(M.rows)])


def mp_singular_values(A):
    return np.array([float(s) for s in mp.svd_r(mpm(A), compute_uv=False)])


def flip_cols(V):
    V = np.array(V, dtype=float)
    idx = np.argmax(np.abs(V), axis=0)
    return V * np.where(V[idx, np.arange(V.shape[1])] < 0, -1.0, 1.0)


def largest_positive(V):
    """Each column's largest-magnitude component is positive (real)."""
    idx = np.argmax(np.abs(V), axis=0)
    pivots = V[idx, np.arange(V.shape[1])]
    return bool(np.all(np.real(pivots) > 0) and np.all(np.imag(pivots) == 0))


# ----------------------------------------------------------------------------- lp_norm


def mp_lp_norm(x, p):
    if math.isinf(p):
        return float(max(abs(mp.mpf(v)) for v in x))
    total = mp.fsum(abs(mp.mpf(v)) ** p for v in x)
    return float(total ** (mp.mpf(1) / p))


@SETTINGS
@given(vectors(), st.sampled_from([1, 1.5, 2, 3, 7.5, math.inf]))
def test_lp_norm_matches_mpmath(x, p):
    assert la.lp_norm(x, p) == pytest.approx(mp_lp_norm(x, p), rel=1e-13, abs=1e-300)


def test_lp_norm_overflow_and_underflow():
    assert la.lp_norm([1e200, 1e200]) == pytest.approx(math.sqrt(2) * 1e200, rel=1e-15)
    assert la.lp_norm([1e-200, 1e-200]) == pytest.approx(math.sqrt(2) * 1e-200, rel=1e-15)
    assert la.lp_norm([1e200, 1e200], p=3) == pytest.approx(2 ** (1 / 3) * 1e200, rel=1e-14)
    assert la.lp_norm([1e-200, 1e-200], p=1.5) == pytest.approx(
        mp_lp_norm([1e-200, 1e-200], 1.5), rel=1e-14)
    assert la.lp_norm([0.0, 0.0]) == 0.0


def test_lp_norm_returns_python_float():
    assert type(la.lp_norm([3, 4])) is float
    assert type(la.lp_norm(np.array([3, 4], dtype=np.float32), np.inf)) is float


@SETTINGS
@given(hnp.arrays(np.float64, st.just(5), elements=finite()),
       hnp.arrays(np.float64, st.just(5), elements=finite()),
       st.sampled_from([1, 1.5, 2, 4, math.inf]))
def test_lp_norm_triangle_inequality(x, y, p):
    assert la.lp_norm(x + y, p) <= la.lp_norm(x, p) + la.lp_norm(y, p) * (1 + 1e-12) + 1e-300


@pytest.mark.parametrize("p", [0.5, 0, -1, float("nan")])
def test_lp_norm_rejects_p_below_one(p):
    with pytest.raises(ValueError, match="p must"):
        la.lp_norm([1.0, 2.0], p)


@pytest.mark.parametrize("p", ["2", None, True, [2]])
def test_lp_norm_rejects_non_numeric_p(p):
    with pytest.raises(TypeError, match="p must"):
        la.lp_norm([1.0, 2.0], p)


@pytest.mark.parametrize("x", [[], [[1.0, 2.0]], [1.0, np.nan], [np.inf]])
def test_lp_norm_bad_x(x):
    with pytest.raises(ValueError, match="x must"):
        la.lp_norm(x)


# ----------------------------------------------------------------------------- matrix_norm


@SETTINGS
@given(matrices(), st.sampled_from(["fro", "nuc", 1, 2, np.inf]))
def test_matrix_norm_matches_mpmath(A, ord):
    M = mpm(A)
    if ord == "fro":
        expected = float(mp.sqrt(mp.fsum(M[i, j] ** 2 for i in range(M.rows)
                                         for j in range(M.cols))))
    elif ord == 1:
        expected = float(max(mp.fsum(abs(M[i, j]) for i in range(M.rows))
                             for j in range(M.cols)))
    elif ord == np.inf:
        expected = float(max(mp.fsum(abs(M[i, j]) for j in range(M.cols))
                             for i in range(M.rows)))
    else:
        s = mp_singular_values(A)
        expected = float(np.sum(s)) if ord == "nuc" else float(s[0])
    scale = float(np.max(np.abs(A))) if A.size else 0.0
    assert la.matrix_norm(A, ord) == pytest.approx(expected, rel=1e-12, abs=1e-14 * scale)


def test_matrix_norm_overflow_and_underflow():
    for scale in (1e200, 1e-200):
        A = [[scale, 0.0], [0.0, scale]]
        assert la.matrix_norm(A, "fro") == pytest.approx(math.sqrt(2) * scale)
        assert la.matrix_norm(A, "nuc") == pytest.approx(2 * scale)
        assert la.matrix_norm(A, 2) == pytest.approx(scale)
    assert la.matrix_norm([[1e200, 1e200]]) == pytest.approx(math.sqrt(2) * 1e200)


@pytest.mark.parametrize("ord", ["F", 3, -1, "spectral", None, True])
def test_matrix_norm_rejects_bad_ord(ord):
    with pytest.raises(ValueError, match="ord"):
        la.matrix_norm(np.eye(2), ord)


@pytest.mark.parametrize("A", [[1.0, 2.0], [[np.nan, 1.0]], np.zeros((0, 2))])
def test_matrix_norm_bad_A(A):
    with pytest.raises(ValueError, match="A must"):
        la.matrix_norm(A)


# ----------------------------------------------------------------------------- cosine


@SETTINGS
@given(vectors(3, 3), vectors(3, 3))
def test_cosine_similarity_matches_mpmath(x, y):
    if not (np.any(x) and np.any(y)):
        return
    X, Y = [mp.mpf(v) for v in x], [mp.mpf(v) for v in y]
    dot = mp.fsum(a * b for a, b in zip(X, Y))
    expected = dot / (mp.sqrt(mp.fsum(a * a for a in X)) * mp.sqrt(mp.fsum(b * b for b in Y)))
    value = la.cosine_similarity(x, y)
    assert type(value) is float and -1.0 <= value <= 1.0
    assert value == pytest.approx(float(expected), abs=1e-14)


def test_cosine_similarity_scale_extremes():
    assert la.cosine_similarity([1e200, 1e200], [1e200, 1e200]) == pytest.approx(1.0)
    assert la.cosine_similarity([1e-200, 1e-200], [1e-200, 0]) == pytest.approx(
        math.sqrt(0.5))
    assert la.cosine_similarity([1e300, 0], [-1e-300, 0]) == -1.0


@pytest.mark.parametrize("x, y, name", [([0, 0], [1, 2], "x"), ([1, 2], [0.0, 0.0], "y"),
                                        ([1, 2], [1, 2, 3], "x and y"),
                                        ([np.nan, 1], [1, 2], "x"), ([1, 2], [[1, 2]], "y")])
def test_cosine_similarity_bad_input(x, y, name):
    with pytest.raises(ValueError, match=name):
        la.cosine_similarity(x, y)


# ----------------------------------------------------------------------------- projections


@SETTINGS
@given(vectors(4, 4), vectors(4, 4))
def test_vector_projection_matches_mpmath(x, u):
    if not np.any(u):
        return
    X, U = [mp.mpf(v) for v in x], [mp.mpf(v) for v in u]
    coef = mp.fsum(a * b for a, b in zip(X, U)) / mp.fsum(b * b for b in U)
    expected = np.array([float(coef * b) for b in U])
    p = la.vector_projection(x, u)
    scale = la.lp_norm(x) + 1e-300  # np.linalg.norm underflows for |x| ~ 1e-243
    assert np.allclose(p, expected, rtol=1e-12, atol=1e-13 * scale)
    unit = (u / np.abs(u).max()) / la.lp_norm(u / np.abs(u).max())
    assert abs(np.dot(x - p, unit)) <= 1e-12 * scale


def test_vector_projection_scale_extremes():
    x = np.array([1.0, 2.0, 3.0])
    for scale in (1e200, 1e-200):
        assert np.allclose(la.vector_projection(x, [scale, scale, 0.0]), [1.5, 1.5, 0.0])


@pytest.mark.parametrize("x, u, name", [([1, 2], [0, 0], "u must not be the zero"),
                                        ([1, 2], [1, 2, 3], "x and u"),
                                        ([1, np.inf], [1, 2], "x must"),
                                        ([1, 2], [[1, 2]], "u must")])
def test_vector_projection_bad_input(x, u, name):
    with pytest.raises(ValueError, match=name):
        la.vector_projection(x, u)


def check_projector(P, A):
    assert np.allclose(P @ P, P, atol=1e-12)
    assert np.array_equal(P, P.T)
    assert np.allclose(P @ A, A, atol=1e-10 * max(1.0, np.abs(A).max()))


@pytest.mark.parametrize("seed", range(5))
def test_projection_matrix_matches_mpmath_full_rank(seed):
    A = well_conditioned(seed, 6, 3, cond=1e3)
    M = mpm(A)
    expected = to_np(M * mp.inverse(M.T * M) * M.T)
    P = la.projection_matrix(A)
    assert np.allclose(P, expected, atol=1e-12)
    check_projector(P, A)


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(1, 6), st.integers(1, 6))
def test_projection_matrix_rank_deficient(seed, m, n, r):
    r = min(r, m, n)
    A = with_rank(seed, m, n, r)
    P = la.projection_matrix(A)
    check_projector(P, A)
    assert np.trace(P) == pytest.approx(np.linalg.matrix_rank(A))
    # oracle: the projector from an mpmath SVD basis of the column space
    U, S, _ = mp.svd_r(mpm(A), full_matrices=False)
    k = np.linalg.matrix_rank(A)
    Ur = to_np(U)[:, :k]
    assert np.allclose(P, Ur @ Ur.T, atol=1e-10)


def test_projection_matrix_of_dependent_columns():
    A = np.array([[1.0, 2.0], [2.0, 4.0]])
    assert np.allclose(la.projection_matrix(A), np.array([[1, 2], [2, 4]]) / 5)
    assert np.array_equal(la.projection_matrix(np.zeros((3, 2))), np.zeros((3, 3)))


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 4), st.integers(1, 4))
def test_project_is_least_squares_fit(seed, n, r):
    m = 6
    r = min(r, n)
    A = with_rank(seed, m, n, r)
    x = np.random.default_rng(seed + 1).normal(size=m)
    xhat = la.project(x, A)
    assert np.allclose(xhat, la.projection_matrix(A) @ x, atol=1e-10)
    assert np.allclose(A.T @ (x - xhat), 0.0, atol=1e-9 * np.abs(A).max())
    assert np.allclose(xhat, A @ la.least_squares(A, x), atol=1e-9)
    assert np.allclose(la.project(xhat, A), xhat, atol=1e-10)


@pytest.mark.parametrize("x, A, name", [([1, 2], np.eye(3), "x must have one entry"),
                                        ([[1, 2, 3]], np.eye(3), "x must"),
                                        ([1, 2, 3], [1, 2, 3], "A must"),
                                        ([1, 2, 3], [[1, np.nan, 3]] * 3, "A must")])
def test_project_bad_input(x, A, name):
    with pytest.raises(ValueError, match=name):
        la.project(x, A)


def test_projection_matrix_bad_input():
    with pytest.raises(ValueError, match="A must"):
        la.projection_matrix([1.0, 2.0])
    with pytest.raises(TypeError, match="A must"):
        la.projection_matrix("abc")


# ----------------------------------------------------------------------------- least squares


@pytest.mark.parametrize("seed", range(4))
def test_least_squares_matches_mpmath(seed):
    A = well_conditioned(seed, 7, 3, cond=1e4)
    b = np.random.default_rng(seed).normal(size=7)
    M = mpm(A)
    expected = mp.lu_solve(M.T * M, M.T * mp.matrix(b.tolist()))  # exact arithmetic, 50 digits
    x = la.least_squares(A, b)
    assert np.allclose(x, [float(v) for v in expected], rtol=1e-9)


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(1, 6), st.integers(1, 6))
def test_least_squares_minimum_norm_when_rank_deficient(seed, m, n, r):
    r = min(r, m, n)
    A = with_rank(seed, m, n, r)
    b = np.random.default_rng(seed + 7).normal(size=m)
    x = la.least_squares(A, b)
    assert np.allclose(x, np.linalg.pinv(A) @ b, atol=1e-8 * (1 + np.abs(x).max()))
    N = la.null_space(A)
    assert np.allclose(N.T @ x, 0.0, atol=1e-8 * (1 + np.abs(x).max()))


def test_least_squares_is_accurate_where_normal_equations_fail():
    A = well_conditioned(3, 40, 5, cond=1e8)
    x_true = np.arange(1.0, 6.0)
    b = A @ x_true
    x = la.least_squares(A, b)
    normal = np.linalg.solve(A.T @ A, A.T @ b)
    err = np.linalg.norm(x - x_true) / np.linalg.norm(x_true)
    err_normal = np.linalg.norm(normal - x_true) / np.linalg.norm(x_true)
    assert err < 1e-6
    assert err_normal > 100 * err


def test_least_squares_several_right_hand_sides():
    A = well_conditioned(0, 5, 2)
    B = np.random.default_rng(1).normal(size=(5, 3))
    X = la.least_squares(A, B)
    assert X.shape == (2, 3)
    for j in range(3):
        assert np.allclose(X[:, j], la.least_squares(A, B[:, j]))


@pytest.mark.parametrize("A, b, name", [(np.eye(3), [1, 2], "b must have one row"),
                                        (np.eye(2), [1, np.nan], "b must"),
                                        (np.eye(2), np.ones((2, 2, 2)), "b must"),
                                        ([1, 2], [1, 2], "A must"),
                                        ([[np.inf, 0], [0, 1]], [1, 2], "A must")])
def test_least_squares_bad_input(A, b, name):
    with pytest.raises(ValueError, match=name):
        la.least_squares(A, b)


# ----------------------------------------------------------------------------- Gram-Schmidt


def hilbert(n):
    return 1.0 / (np.arange(n)[:, None] + np.arange(n) + 1.0)


def mp_q(A):
    Q, R = mp.qr(mpm(A), mode="skinny")
    Qn, Rn = to_np(Q), to_np(R)
    signs = np.where(np.diag(Rn) < 0, -1.0, 1.0)
    return Qn * signs, Rn * signs[:, None]


@pytest.mark.parametrize("n", range(2, 13))
def test_gram_schmidt_orthonormal_on_hilbert(n):
    Q = la.gram_schmidt(hilbert(n))
    assert np.linalg.norm(Q.T @ Q - np.eye(n)) < 10 * n * EPS
    assert la.is_orthogonal(Q, atol=1e-14)


@pytest.mark.parametrize("seed", range(4))
def test_gram_schmidt_matches_mpmath_qr(seed):
    A = well_conditioned(seed, 6, 4, cond=1e3)
    Q = la.gram_schmidt(A)
    assert np.allclose(Q, mp_q(A)[0], atol=1e-12)


@SETTINGS
@given(matrices(1, 6))
def test_gram_schmidt_leading_spans(A):
    m, n = A.shape
    try:
        Q = la.gram_schmidt(A)
    except ValueError as exc:
        assert "column" in str(exc)
        assert n > m or np.linalg.matrix_rank(A, tol=1e-6 * max(1, np.abs(A).max())) <= n
        return
    R = Q.T @ A
    assert np.allclose(Q.T @ Q, np.eye(n), atol=1e-13 * n)
    assert np.allclose(np.tril(R, -1), 0.0, atol=1e-9 * np.abs(A).max())
    assert np.all(np.diag(R) > 0)
    assert np.allclose(Q @ R, A, atol=1e-10 * np.abs(A).max())


def test_gram_schmidt_scale_extremes():
    A = np.array([[1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
    for scale in (1e200, 1e-200, 1e300):
        assert np.allclose(la.gram_schmidt(scale * A), la.gram_schmidt(A))


@pytest.mark.parametrize("A, column", [
    (np.array([[1.0, 2.0, 0.0], [1.0, 2.0, 1.0], [0.0, 0.0, 1.0]]), 1),
    (np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 0.0]]), 2),
    (np.array([[0.0, 1.0], [0.0, 1.0]]), 0),
    (np.ones((2, 3)) + np.eye(2, 3), 2),
    (hilbert(14), 12),
])
def test_gram_schmidt_names_the_dependent_column(A, column):
    with pytest.raises(ValueError, match=rf"A has linearly dependent columns: column {column} "):
        la.gram_schmidt(A)


def test_gram_schmidt_threshold_is_max_m_n_eps():
    # a column whose residual is 1e-6 of its norm is independent; 1e-17 is dependent
    base = np.array([[1.0, 1.0], [0.0, 1e-6], [0.0, 0.0]])
    assert la.gram_schmidt(base).shape == (3, 2)
    with pytest.raises(ValueError, match="column 1"):
        la.gram_schmidt(np.array([[1.0, 1.0], [0.0, 1e-17], [0.0, 0.0]]))


def test_gram_schmidt_bad_input():
    with pytest.raises(ValueError, match="A must"):
        la.gram_schmidt([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(ValueError, match="A must"):
        la.gram_schmidt([1.0, 2.0])


# ----------------------------------------------------------------------------- QR


@SETTINGS
@given(matrices(1, 6))
def test_qr_identities(A):
    Q, R = la.qr(A)
    m, n = A.shape
    k = min(m, n)
    assert Q.shape == (m, k) and R.shape == (k, n)
    assert np.allclose(Q.T @ Q, np.eye(k), atol=1e-13)
    assert np.allclose(Q @ R, A, atol=1e-12 * max(1.0, np.abs(A).max()))
    assert np.all(np.diag(R) >= 0)
    assert np.array_equal(np.tril(R, -1), np.zeros_like(R))


@pytest.mark.parametrize("seed", range(4))
def test_qr_matches_mpmath(seed):
    A = well_conditioned(seed, 7, 4, cond=1e4)
    Q, R = la.qr(A)
    Qm, Rm = mp_q(A)
    assert np.allclose(Q, Qm, atol=1e-11)
    assert np.allclose(R, Rm, atol=1e-12)
    assert isinstance(la.qr(A), la.QRResult)


def test_qr_bad_input():
    with pytest.raises(ValueError, match="A must"):
        la.qr([[np.inf]])


# ----------------------------------------------------------------------------- LU


@SETTINGS
@given(matrices(1, 6))
def test_lu_identities(A):
    P, L, U = la.lu(A)
    m, n = A.shape
    k = min(m, n)
    assert P.shape == (m, m) and L.shape == (m, k) and U.shape == (k, n)
    assert np.array_equal(P @ P.T, np.eye(m)) and set(np.unique(P)) <= {0.0, 1.0}
    assert np.array_equal(np.diag(L), np.ones(k))
    assert np.array_equal(np.triu(L, 1), np.zeros_like(L))
    assert np.array_equal(np.tril(U, -1), np.zeros_like(U))
    assert np.all(np.abs(L) <= 1.0)
    assert np.allclose(P @ L @ U, A, atol=1e-12 * max(1.0, np.abs(A).max()))


@pytest.mark.parametrize("seed", range(3))
def test_lu_matches_mpmath_without_pivoting(seed):
    rng = np.random.default_rng(seed)
    A = rng.uniform(-1, 1, size=(5, 5)) + 10 * np.eye(5)  # pivots stay on the diagonal
    P, L, U = la.lu(A)
    Pm, Lm, Um = mp.lu(mpm(A))
    assert np.array_equal(P, np.eye(5)) and np.array_equal(to_np(Pm), np.eye(5))
    assert np.allclose(L, to_np(Lm), atol=1e-14)
    assert np.allclose(U, to_np(Um), atol=1e-13)


def test_lu_pivots_small_pivot():
    P, L, U = la.lu([[1e-20, 1.0], [1.0, 1.0]])
    assert np.array_equal(P, [[0.0, 1.0], [1.0, 0.0]])
    assert np.allclose(U, [[1.0, 1.0], [0.0, 1.0]])


def test_lu_bad_input():
    with pytest.raises(ValueError, match="A must"):
        la.lu([[1.0, np.nan]])


# ----------------------------------------------------------------------------- Cholesky


@pytest.mark.parametrize("seed", range(4))
def test_cholesky_matches_mpmath(seed):
    A = spd(seed, 5)
    L = la.cholesky(A)
    assert np.allclose(L, to_np(mp.cholesky(mpm(A))), atol=1e-13)
    assert np.array_equal(np.triu(L, 1), np.zeros_like(L))
    assert np.all(np.diag(L) > 0)


@SETTINGS
@given(matrices(1, 5))
def test_cholesky_reconstructs(B):
    A = B @ B.T + np.eye(B.shape[0])
    L = la.cholesky(A)
    assert np.allclose(L @ L.T, A, rtol=1e-12, atol=1e-12 * np.abs(A).max())


def test_cholesky_accepts_nearly_symmetric_and_reads_lower_triangle():
    A = spd(0, 4)
    A[0, 1] += 1e-13 * np.abs(A).max()
    assert np.allclose(la.cholesky(A) @ la.cholesky(A).T, np.tril(A) + np.tril(A, -1).T)


@pytest.mark.parametrize("A, name", [
    (np.array([[1.0, 2.0], [2.0, 1.0]]), "positive definite"),
    (np.array([[1.0, 0.0], [0.0, 0.0]]), "positive definite"),
    (np.array([[2.0, 1.0], [0.0, 2.0]]), "A must be symmetric"),
    (np.ones((2, 3)), "A must be square"),
    (np.array([[1.0, np.nan], [np.nan, 1.0]]), "A must be finite"),
])
def test_cholesky_bad_input(A, name):
    with pytest.raises(ValueError, match=name):
        la.cholesky(A)


# ----------------------------------------------------------------------------- eigh


def symmetric_from(B):
    return (B + B.T) / 2


@pytest.mark.parametrize("seed", range(4))
def test_eigh_matches_mpmath(seed):
    A = symmetric_from(np.random.default_rng(seed).normal(size=(5, 5)))
    w, V = la.eigh(A)
    E, Qm = mp.eigsy(mpm(A))
    order = np.argsort([float(e) for e in E])
    expected_w = np.array([float(E[int(i)]) for i in order])
    expected_V = flip_cols(to_np(Qm)[:, order])
    assert np.allclose(w, expected_w, atol=1e-13)
    assert np.allclose(V, expected_V, atol=1e-10)


@SETTINGS
@given(matrices(1, 6).filter(lambda a: a.shape[0] == a.shape[1]))
def test_eigh_identities(B):
    A = symmetric_from(B)
    w, V = la.eigh(A)
    n = A.shape[0]
    scale = max(1.0, np.abs(A).max())
    assert np.all(np.diff(w) >= 0)
    assert np.allclose(V.T @ V, np.eye(n), atol=1e-13)
    assert np.allclose(A @ V, V * w, atol=1e-12 * n * scale)
    idx = np.argmax(np.abs(V), axis=0)
    assert np.all(V[idx, np.arange(n)] > 0)


@pytest.mark.parametrize("A, name", [(np.array([[1.0, 2.0], [0.0, 1.0]]), "symmetric"),
                                     (np.ones((2, 3)), "square"),
                                     (np.array([[np.inf]]), "finite")])
def test_eigh_bad_input(A, name):
    with pytest.raises(ValueError, match=f"A must be {name}"):
        la.eigh(A)


# ----------------------------------------------------------------------------- eig


@pytest.mark.parametrize("seed", range(4))
def test_eig_matches_mpmath(seed):
    A = np.random.default_rng(seed).normal(size=(5, 5))
    w, V = la.eig(A)
    E, ER = mp.eig(mpm(A))
    expected = sorted((complex(e) for e in E), key=lambda z: (z.real, z.imag))
    assert np.allclose(w, expected, atol=1e-12)
    scale = np.abs(A).max()
    assert np.allclose(A @ V, V * w, atol=1e-12 * scale)
    assert np.allclose(np.linalg.norm(V, axis=0), 1.0)
    assert largest_positive(V)


def test_eig_real_and_complex_cases():
    w, V = la.eig(np.array([[2.0, 1.0], [0.0, 3.0]]))
    assert w.dtype == np.float64 and V.dtype == np.float64
    assert np.array_equal(w, [2.0, 3.0])
    w, V = la.eig(np.array([[0.0, -2.0], [2.0, 0.0]]))
    assert w.dtype == np.complex128
    assert np.allclose(w, [-2j, 2j])
    assert largest_positive(V)


def test_eig_is_deterministic_under_column_scaling_of_lapack_output():
    # the same eigenvectors whatever phase LAPACK picks: compare with a hand-normalised copy
    A = np.random.default_rng(5).normal(size=(6, 6))
    w, V = la.eig(A)
    w2, V2 = np.linalg.eig(A)
    for i, lam in enumerate(w):
        j = int(np.argmin(np.abs(w2 - lam)))
        v = V2[:, j] * np.exp(1j * 0.7)  # arbitrary phase
        v = v / np.linalg.norm(v)
        k = int(np.argmax(np.abs(v)))
        v = v * np.conj(v[k]) / abs(v[k])
        assert np.allclose(V[:, i], v, atol=1e-10)


def test_eig_bad_input():
    with pytest.raises(ValueError, match="A must be square"):
        la.eig(np.ones((2, 3)))
    with pytest.raises(ValueError, match="A must be finite"):
        la.eig([[np.nan]])


# ----------------------------------------------------------------------------- SVD


@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
def test_svd_matches_mpmath(shape):
    A = np.random.default_rng(sum(shape)).normal(size=shape)
    U, S, Vt = la.svd(A)
    Um, Sm, Vm = mp.svd_r(mpm(A), full_matrices=False)
    assert np.allclose(S, [float(s) for s in Sm], atol=1e-13)
    Um = to_np(Um)
    idx = np.argmax(np.abs(Um), axis=0)
    signs = np.where(Um[idx, np.arange(Um.shape[1])] < 0, -1.0, 1.0)
    assert np.allclose(U, Um * signs, atol=1e-11)
    assert np.allclose(Vt, to_np(Vm) * signs[:, None], atol=1e-11)


@SETTINGS
@given(matrices(1, 6))
def test_svd_identities(A):
    U, S, Vt = la.svd(A)
    k = min(A.shape)
    assert U.shape == (A.shape[0], k) and S.shape == (k,) and Vt.shape == (k, A.shape[1])
    assert np.all(np.diff(S) <= 0) and np.all(S >= 0)
    assert np.allclose((U * S) @ Vt, A, atol=1e-12 * max(1.0, np.abs(A).max()))
    assert np.allclose(U.T @ U, np.eye(k), atol=1e-13)
    assert np.allclose(Vt @ Vt.T, np.eye(k), atol=1e-13)
    assert largest_positive(U)


def test_svd_bad_input():
    with pytest.raises(ValueError, match="A must"):
        la.svd(np.ones(3))


# ----------------------------------------------------------------------------- low rank


@SETTINGS
@given(st.integers(0, 10_000), st.integers(2, 6), st.integers(2, 6), st.integers(1, 5))
def test_low_rank_approximation_eckart_young(seed, m, n, k):
    k = min(k, m, n)
    A = np.random.default_rng(seed).normal(size=(m, n))
    Ak = la.low_rank_approximation(A, k)
    s = mp_singular_values(A)
    tail = s[k:]
    assert la.matrix_norm(A - Ak, 2) == pytest.approx(tail[0] if tail.size else 0.0,
                                                      abs=1e-12)
    assert la.matrix_norm(A - Ak) == pytest.approx(math.sqrt(np.sum(tail**2)), abs=1e-12)
    assert np.linalg.matrix_rank(Ak) <= k
    # no random rank-k matrix does better
    rng = np.random.default_rng(seed + 1)
    B = rng.normal(size=(m, k)) @ rng.normal(size=(k, n))
    assert la.matrix_norm(A - B) >= la.matrix_norm(A - Ak) - 1e-12


@pytest.mark.parametrize("k, exc", [(0, ValueError), (4, ValueError), (-1, ValueError),
                                    (1.5, ValueError), ("2", TypeError), (True, TypeError)])
def test_low_rank_approximation_bad_k(k, exc):
    with pytest.raises(exc, match="k must"):
        la.low_rank_approximation(np.ones((3, 5)), k)


def test_low_rank_approximation_full_rank_is_identity():
    A = np.random.default_rng(0).normal(size=(4, 3))
    assert np.allclose(la.low_rank_approximation(A, 3), A)


# ----------------------------------------------------------------------------- rank & spaces


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(1, 6), st.integers(0, 6))
def test_rank_of_constructed_matrices(seed, m, n, r):
    r = min(r, m, n)
    A = with_rank(seed, m, n, r) if r else np.zeros((m, n))
    assert la.rank(A) == r == np.linalg.matrix_rank(A)
    assert type(la.rank(A)) is int


@SETTINGS
@given(matrices(1, 6))
def test_rank_matches_numpy(A):
    assert la.rank(A) == np.linalg.matrix_rank(A)


def test_rank_tolerance():
    B = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-9]])
    assert la.rank(B) == 2 and la.rank(B, tol=1e-6) == 1 and la.rank(B, 0.0) == 2
    assert la.rank(hilbert(14)) < 14  # numerically singular


@pytest.mark.parametrize("tol, exc", [(-1.0, ValueError), (np.nan, ValueError),
                                      (np.inf, ValueError), ("x", TypeError)])
def test_rank_bad_tol(tol, exc):
    with pytest.raises(exc, match="tol"):
        la.rank(np.eye(2), tol)


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(1, 6), st.integers(0, 6))
def test_null_and_column_spaces(seed, m, n, r):
    from scipy import linalg as sla

    r = min(r, m, n)
    A = with_rank(seed, m, n, r) if r else np.zeros((m, n))
    N, C = la.null_space(A), la.column_space(A)
    assert N.shape == (n, n - r) and C.shape == (m, r)
    assert np.allclose(N.T @ N, np.eye(n - r), atol=1e-13)
    assert np.allclose(C.T @ C, np.eye(r), atol=1e-13)
    assert np.allclose(A @ N, 0.0, atol=1e-12 * max(1.0, np.abs(A).max()))
    # same subspaces as SciPy's (compare projectors, bases are unique only up to rotation)
    Ns, Cs = sla.null_space(A), sla.orth(A)
    if Ns.shape[1] == N.shape[1]:
        assert np.allclose(N @ N.T, Ns @ Ns.T, atol=1e-9)
    if Cs.shape[1] == C.shape[1]:
        assert np.allclose(C @ C.T, Cs @ Cs.T, atol=1e-9)
    assert largest_positive(N) and largest_positive(C)


def test_spaces_tol_and_bad_input():
    B = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-9]])
    assert la.null_space(B).shape == (2, 0)
    assert la.null_space(B, tol=1e-6).shape == (2, 1)
    assert la.column_space(B, tol=1e-6).shape == (2, 1)
    with pytest.raises(ValueError, match="A must"):
        la.null_space([1.0, 2.0])
    with pytest.raises(ValueError, match="tol"):
        la.column_space(np.eye(2), tol=-1.0)


# ----------------------------------------------------------------------------- structure tests


def test_is_symmetric_relative_tolerance():
    A = np.array([[1.0, 2.0], [2.0 + 1e-11, 1.0]])
    assert la.is_symmetric(A) is True
    assert la.is_symmetric(A * 1e10) is True  # scale invariant
    assert la.is_symmetric(np.array([[1.0, 2.0], [2.1, 1.0]])) is False
    assert la.is_symmetric(np.array([[1.0, 2.0], [2.1, 1.0]]), rtol=0.1) is True
    assert la.is_symmetric(np.array([[0.0, 1e-13], [0.0, 0.0]])) is True  # within atol
    assert la.is_symmetric(np.array([[0.0, 1e-13], [0.0, 0.0]]), atol=0.0) is False


@SETTINGS
@given(matrices(1, 5).filter(lambda a: a.shape[0] == a.shape[1]))
def test_is_symmetric_agrees_with_eigh(B):
    A = symmetric_from(B)
    assert la.is_symmetric(A)
    assert la.is_symmetric(B) == bool(np.max(np.abs(B - B.T)) <= 1e-12 + 1e-10 * np.abs(B).max())


@pytest.mark.parametrize("kwargs, exc, name", [({"rtol": -1.0}, ValueError, "rtol"),
                                               ({"atol": np.nan}, ValueError, "atol"),
                                               ({"rtol": "1"}, TypeError, "rtol")])
def test_is_symmetric_bad_tolerances(kwargs, exc, name):
    with pytest.raises(exc, match=name):
        la.is_symmetric(np.eye(2), **kwargs)


def test_is_symmetric_non_square():
    with pytest.raises(ValueError, match="A must be square"):
        la.is_symmetric(np.ones((2, 3)))


@SETTINGS
@given(matrices(1, 5).filter(lambda a: a.shape[0] == a.shape[1]))
def test_is_positive_definite_matches_eigenvalues(B):
    A = symmetric_from(B)
    w = np.linalg.eigvalsh(A)
    scale = max(1.0, np.abs(A).max())
    result = la.is_positive_definite(A)
    assert type(result) is bool
    if w.min() > 1e-8 * scale:
        assert result
    if w.min() < -1e-8 * scale:
        assert not result


def test_is_positive_definite_cases():
    assert la.is_positive_definite(spd(0, 6))
    assert not la.is_positive_definite(np.array([[2.0, 1.0], [0.0, 2.0]]))  # not symmetric
    assert not la.is_positive_definite(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="A must be square"):
        la.is_positive_definite(np.ones((2, 3)))
    with pytest.raises(ValueError, match="A must be finite"):
        la.is_positive_definite([[np.nan]])


def test_is_orthogonal():
    Q = la.qr(np.random.default_rng(0).normal(size=(6, 3))).Q
    assert la.is_orthogonal(Q) is True
    assert la.is_orthogonal(2 * Q) is False
    assert la.is_orthogonal(Q.T) is False  # wide: rows may be orthonormal, columns cannot
    assert la.is_orthogonal(Q + 1e-12) is True
    assert la.is_orthogonal(Q + 1e-8) is False
    assert la.is_orthogonal(Q + 1e-8, atol=1e-6) is True
    with pytest.raises(ValueError, match="atol"):
        la.is_orthogonal(Q, atol=-1.0)
    with pytest.raises(ValueError, match="Q must"):
        la.is_orthogonal([1.0, 0.0])


# ----------------------------------------------------------------------------- condition number


@pytest.mark.parametrize("shape", [(4, 4), (6, 3), (3, 6)])
def test_condition_number_matches_mpmath(shape):
    A = np.random.default_rng(1).normal(size=shape)
    s = mp_singular_values(A)
    value = la.condition_number(A)
    assert type(value) is float
    assert value == pytest.approx(s[0] / s[-1], rel=1e-10)


def test_condition_number_singular_is_inf():
    assert la.condition_number([[1.0, 2.0], [2.0, 4.0]]) == math.inf
    assert la.condition_number(np.zeros((3, 3))) == math.inf
    assert la.condition_number(hilbert(14)) == math.inf
    assert la.condition_number(hilbert(10)) == pytest.approx(1.6e13, rel=0.01)
    assert la.condition_number(1e-3 * np.eye(100)) == 1.0
    assert la.condition_number(1e200 * np.diag([1.0, 2.0])) == pytest.approx(2.0)


def test_condition_number_bad_input():
    with pytest.raises(ValueError, match="A must"):
        la.condition_number([[np.inf, 1.0]])


# ----------------------------------------------------------------------------- PCA


@pytest.mark.parametrize("shape, k", [((50, 4), None), ((50, 4), 2), ((8, 12), None),
                                      ((30, 5), 1), ((10, 3), 3)])
def test_pca_matches_sklearn(shape, k):
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(shape[0])
    X = rng.normal(size=shape) @ rng.normal(size=(shape[1], shape[1])) + 3.0
    result = la.pca(X, k)
    ref = PCA(n_components=k, svd_solver="full").fit(X)
    assert np.allclose(result.mean, ref.mean_)
    assert np.allclose(result.explained_variance, ref.explained_variance_, rtol=1e-10)
    assert np.allclose(result.explained_variance_ratio, ref.explained_variance_ratio_,
                       rtol=1e-10)
    # sign convention: the largest-magnitude entry of each component is positive
    comps = ref.components_.copy()
    idx = np.argmax(np.abs(comps), axis=1)
    comps *= np.where(comps[np.arange(len(idx)), idx] < 0, -1.0, 1.0)[:, None]
    assert np.allclose(result.components, comps, atol=1e-10)
    assert np.allclose(result.scores, (X - ref.mean_) @ comps.T, atol=1e-9)
    assert largest_positive(result.components.T)


def test_pca_identities():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 5)) * [5.0, 3.0, 1.0, 0.5, 0.1]
    r = la.pca(X)
    assert np.allclose(r.components @ r.components.T, np.eye(5), atol=1e-13)
    assert np.all(np.diff(r.explained_variance) <= 0)
    assert r.explained_variance_ratio.sum() == pytest.approx(1.0)
    assert r.explained_variance.sum() == pytest.approx(np.var(X, axis=0, ddof=1).sum())
    assert np.allclose(r.scores @ r.components + r.mean, X)
    assert np.allclose(np.var(r.scores, axis=0, ddof=1), r.explained_variance)
    assert isinstance(r, la.PCAResult)


def test_pca_large_offset_keeps_small_variances():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(500, 2)) * [1.0, 1e-3]
    X = Z + 1e8
    r = la.pca(X)
    expected = np.var(Z, axis=0, ddof=1)  # variances of the un-shifted data
    assert np.allclose(r.explained_variance, sorted(expected, reverse=True), rtol=1e-5)
    # the covariance route E[xx^T] - mu mu^T loses the small variance entirely
    naive = (X.T @ X) / 499 - np.outer(X.mean(0), X.mean(0)) * 500 / 499
    assert not np.allclose(np.sort(np.linalg.eigvalsh(naive))[::-1], r.explained_variance,
                           rtol=1e-2)


@pytest.mark.parametrize("X, k, exc, name", [
    (np.ones((5, 3)), None, ValueError, "zero variance"),
    (np.ones((1, 3)), None, ValueError, "at least 2 samples"),
    (np.eye(3), 0, ValueError, "n_components"),
    (np.eye(3), 4, ValueError, "n_components"),
    (np.eye(3), 1.0, ValueError, "n_components"),
    (np.eye(3), "2", TypeError, "n_components"),
    ([1.0, 2.0, 3.0], None, ValueError, "X must"),
    ([[1.0, np.nan], [0.0, 1.0]], None, ValueError, "X must"),
])
def test_pca_bad_input(X, k, exc, name):
    with pytest.raises(exc, match=name):
        la.pca(X, k)


# ----------------------------------------------------------------------------- module contract


def test_all_is_the_catalogue_order():
    assert la.__all__ == [
        "lp_norm", "matrix_norm", "cosine_similarity", "vector_projection",
        "projection_matrix", "project", "least_squares", "gram_schmidt", "qr", "lu",
        "cholesky", "eigh", "eig", "svd", "low_rank_approximation", "rank", "null_space",
        "column_space", "is_symmetric", "is_positive_definite", "is_orthogonal",
        "condition_number", "pca"]
    assert set(la._ENTRIES) == set(la.__all__)
    for name in la.__all__:
        assert getattr(mathref, name) is getattr(la, name)


# ------------------------------------------------- fast path (trusted sum of squares)
SAFE_LOW = 2.0**-968


@pytest.mark.parametrize("scale", [2.0**-490, 2.0**-484, 2.0**-483, 1.0, 2.0**510, 2.0**512])
def test_norms_agree_with_mpmath_across_the_fast_path_boundary(scale):
    """Around the sums of squares 2**-968 and overflow the fast and scaled routes meet."""
    x = np.random.default_rng(7).standard_normal(50) * scale
    X = x.reshape(5, 10)
    exact = float(mp_lp_norm(x, 2))
    assert la.lp_norm(x) == pytest.approx(exact, rel=1e-14)
    assert la.matrix_norm(X) == pytest.approx(exact, rel=1e-14)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_norms_still_refuse_non_finite_input(bad):
    x = np.ones(1000)
    x[600] = bad
    with pytest.raises(ValueError, match="x must be finite"):
        la.lp_norm(x)
    with pytest.raises(ValueError, match="A must be finite"):
        la.matrix_norm(x.reshape(10, 100))
    with pytest.raises(ValueError, match="x must be finite"):
        la.cosine_similarity(x, np.ones(1000))
    with pytest.raises(ValueError, match="y must be finite"):
        la.cosine_similarity(np.ones(1000), x)


def test_norm_beyond_float_range_is_inf_not_an_error():
    assert la.lp_norm([1.5e308, 1.5e308]) == math.inf
    assert la.matrix_norm([[1.5e308, 1.5e308]]) == math.inf


@pytest.mark.parametrize("scale", [2.0**-486, 2.0**-483, 2.0**-480, 2.0**500, 2.0**515])
def test_cosine_similarity_fast_and_scaled_routes_agree_with_mpmath(scale):
    rng = np.random.default_rng(11)
    x, y = rng.standard_normal(20) * scale, rng.standard_normal(20)
    X, Y = [mp.mpf(v) for v in x], [mp.mpf(v) for v in y]
    expected = mp.fsum(a * b for a, b in zip(X, Y)) / (
        mp.sqrt(mp.fsum(a * a for a in X)) * mp.sqrt(mp.fsum(b * b for b in Y)))
    assert la.cosine_similarity(x, y) == pytest.approx(float(expected), abs=1e-15)
