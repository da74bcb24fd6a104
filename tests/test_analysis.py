"""Tests for mathref.analysis: mpmath/scipy/sklearn oracles, properties, bad input."""
from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathref.analysis import (
    MetricReport,
    cauchy_kernel,
    check_metric_axioms,
    convergence_order,
    cosine_distance,
    euclidean_distance,
    gram_matrix,
    is_positive_semidefinite,
    mahalanobis_distance,
    rbf_kernel,
)

mpmath.mp.dps = 50

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


def pairs(min_size=1, max_size=12, elements=finite):
    return st.integers(min_size, max_size).flatmap(
        lambda n: st.tuples(arrays(np.float64, n, elements=elements),
                            arrays(np.float64, n, elements=elements)))


def mp_euclid(x, y):
    return mpmath.sqrt(mpmath.fsum((mpmath.mpf(float(a)) - mpmath.mpf(float(b))) ** 2
                                   for a, b in zip(x, y)))


# --- distances ---------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(pairs())
def test_euclidean_matches_mpmath_and_scipy(pair):
    from scipy.spatial import distance

    x, y = pair
    d = euclidean_distance(x, y)
    assert type(d) is float
    exact = float(mp_euclid(x, y))
    assert math.isclose(d, exact, rel_tol=1e-14, abs_tol=1e-300)
    assert math.isclose(d, distance.euclidean(x, y), rel_tol=1e-12, abs_tol=1e-300)


def test_euclidean_no_overflow_or_underflow():
    assert math.isclose(euclidean_distance([1e200, 0], [0, 1e200]), math.sqrt(2) * 1e200,
                        rel_tol=1e-15)
    assert math.isclose(euclidean_distance([1e-200, 0], [0, 1e-200]),
                        math.sqrt(2) * 1e-200, rel_tol=1e-15)
    assert math.isclose(euclidean_distance([1e308], [-1e307]), 1.1e308, rel_tol=1e-15)
    assert euclidean_distance([1e308], [-1e308]) == math.inf  # the true value overflows
    assert euclidean_distance([0.0, 0.0], [0.0, 0.0]) == 0.0


def mp_cosine(x, y):
    xs = [mpmath.mpf(float(v)) for v in x]
    ys = [mpmath.mpf(float(v)) for v in y]
    dot = mpmath.fsum(a * b for a, b in zip(xs, ys))
    nx = mpmath.sqrt(mpmath.fsum(a * a for a in xs))
    ny = mpmath.sqrt(mpmath.fsum(b * b for b in ys))
    return 1 - dot / (nx * ny)


nonzero = st.floats(-1e3, 1e3, allow_nan=False).filter(lambda v: abs(v) > 1e-3)


@settings(max_examples=40, deadline=None)
@given(pairs(elements=nonzero))
def test_cosine_matches_mpmath_and_scipy(pair):
    from scipy.spatial import distance

    x, y = pair
    d = cosine_distance(x, y)
    assert type(d) is float
    assert 0.0 <= d <= 2.0
    assert abs(d - float(mp_cosine(x, y))) < 1e-14
    assert abs(d - distance.cosine(x, y)) < 1e-12


@pytest.mark.parametrize("theta", [1e-3, 1e-6, 1e-9, 1e-12])
def test_cosine_small_angles_keep_relative_accuracy(theta):
    y = [math.cos(theta), math.sin(theta)]
    exact = float(mp_cosine([1.0, 0.0], y))
    assert math.isclose(cosine_distance([1.0, 0.0], y), exact, rel_tol=1e-8)


def test_cosine_extremes_and_scale():
    assert cosine_distance([1, 0], [-1, 0]) == 2.0
    assert cosine_distance([1e200, 1e200], [1e-200, 1e-200]) == 0.0
    assert math.isclose(cosine_distance([1e200, 0], [1e-200, 1e-200]),
                        1 - 1 / math.sqrt(2), rel_tol=1e-14)


def mp_mahalanobis(x, y, cov):
    d = mpmath.matrix([float(a) - float(b) for a, b in zip(x, y)])
    S = mpmath.matrix(cov.tolist())
    z = mpmath.lu_solve(S, d)
    return mpmath.sqrt(mpmath.fsum(d[i] * z[i] for i in range(len(x))))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_mahalanobis_matches_mpmath_and_scipy(n, seed):
    from scipy.spatial import distance

    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n))
    cov = A @ A.T + 0.1 * np.eye(n)
    x, y = rng.normal(size=n), rng.normal(size=n)
    d = mahalanobis_distance(x, y, cov)
    assert type(d) is float
    assert math.isclose(d, float(mp_mahalanobis(x, y, cov)), rel_tol=1e-9)
    assert math.isclose(d, distance.mahalanobis(x, y, np.linalg.inv(cov)), rel_tol=1e-8)


def test_mahalanobis_ill_conditioned_covariance():
    n = 8
    hilbert = np.array([[1.0 / (i + j + 1) for j in range(n)] for i in range(n)])
    x = np.ones(n)
    y = np.zeros(n)
    exact = float(mp_mahalanobis(x, y, hilbert))
    assert math.isclose(mahalanobis_distance(x, y, hilbert), exact, rel_tol=1e-5)


def test_mahalanobis_identity_and_diagonal():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=5), rng.normal(size=5)
    assert math.isclose(mahalanobis_distance(x, y, np.eye(5)), euclidean_distance(x, y),
                        rel_tol=1e-14)
    s = np.array([1.0, 4.0, 9.0, 16.0, 25.0])
    expected = math.sqrt(float(np.sum((x - y) ** 2 / s)))
    assert math.isclose(mahalanobis_distance(x, y, np.diag(s)), expected, rel_tol=1e-14)


# --- metric axioms -----------------------------------------------------------------


def brute_force_violations(D, points, tau):
    m = len(D)
    found = []
    for i in range(m):
        for j in range(m):
            if D[i][j] < -tau:
                found.append(("non-negativity", (i, j)))
    for i in range(m):
        if D[i][i] > tau:
            found.append(("identity of indiscernibles", (i,)))
    for i in range(m):
        for j in range(i + 1, m):
            same = np.array_equal(points[i], points[j])
            if (not same and D[i][j] <= tau) or (same and D[i][j] > tau):
                found.append(("identity of indiscernibles", (i, j)))
    for i in range(m):
        for j in range(i + 1, m):
            if abs(D[i][j] - D[j][i]) > tau:
                found.append(("symmetry", (i, j)))
    for i in range(m):
        for j in range(m):
            for k in range(m):
                if D[i][k] > D[i][j] + D[j][k] + tau:
                    found.append(("triangle inequality", (i, j, k)))
    return found


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6).flatmap(
    lambda m: arrays(np.float64, (m, m), elements=st.floats(-1, 3, allow_nan=False))))
def test_check_metric_axioms_matches_brute_force(D):
    m = len(D)
    points = np.arange(m, dtype=float)
    report = check_metric_axioms(lambda a, b: D[int(a), int(b)], points)
    tau = 1e-10 * float(np.max(np.abs(D)))
    expected = brute_force_violations(D, points, tau)
    assert report.violations == expected
    assert report.ok is (not expected)


def test_euclidean_is_a_metric_at_every_scale():
    rng = np.random.default_rng(1)
    for scale in (1e-6, 1.0, 1e6):
        report = check_metric_axioms(euclidean_distance, scale * rng.normal(size=(8, 3)))
        assert isinstance(report, MetricReport)
        assert report.ok is True and report.violations == []


def test_cosine_fails_triangle_and_identity():
    report = check_metric_axioms(cosine_distance, [[1, 0], [1, 1], [0, 1], [2, 0]])
    assert report.ok is False
    assert ("triangle inequality", (0, 1, 2)) in report.violations
    assert ("identity of indiscernibles", (0, 3)) in report.violations
    assert {a for a, _ in report.violations} == {"identity of indiscernibles",
                                                 "triangle inequality"}


def test_each_axiom_is_detected():
    neg = check_metric_axioms(lambda a, b: -abs(a - b), [0.0, 1.0])
    assert ("non-negativity", (0, 1)) in neg.violations
    self_dist = check_metric_axioms(lambda a, b: abs(a - b) + 1, [0.0, 1.0])
    assert ("identity of indiscernibles", (0,)) in self_dist.violations
    asym = check_metric_axioms(lambda a, b: abs(a - b) * (2 if a < b else 1), [0.0, 1.0])
    assert asym.violations == [("symmetry", (0, 1))]
    squared = check_metric_axioms(lambda a, b: (a - b) ** 2, [0.0, 1.0, 2.0])
    assert squared.violations == [("triangle inequality", (0, 1, 2)),
                                  ("triangle inequality", (2, 1, 0))]
    duplicate = check_metric_axioms(euclidean_distance, [[0.0, 1.0], [0.0, 1.0]])
    assert duplicate.ok


# --- kernels -----------------------------------------------------------------------


def mp_kernel_matrix(X, Y, k):
    return np.array([[float(k(mpmath.fsum((mpmath.mpf(float(a)) - mpmath.mpf(float(b))) ** 2
                                          for a, b in zip(x, y))))
                      for y in Y] for x in X])


small_data = st.tuples(st.integers(1, 6), st.integers(1, 4), st.integers(0, 2**32 - 1),
                       st.floats(0.01, 10))


@settings(max_examples=40, deadline=None)
@given(small_data)
def test_rbf_kernel_matches_mpmath_and_sklearn(args):
    from sklearn.metrics.pairwise import rbf_kernel as sk_rbf

    n, d, seed, gamma = args
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(n, d)), rng.normal(size=(n + 1, d))
    K = rbf_kernel(X, Y, gamma)
    assert K.shape == (n, n + 1)
    exact = mp_kernel_matrix(X, Y, lambda s: mpmath.exp(-gamma * s))
    assert np.allclose(K, exact, rtol=1e-13, atol=1e-300)
    assert np.allclose(K, sk_rbf(X, Y, gamma=gamma), rtol=1e-10, atol=1e-14)
    G = rbf_kernel(X, gamma=gamma)
    assert np.array_equal(G, G.T) and np.all(np.diag(G) == 1.0)
    assert is_positive_semidefinite(G)


@settings(max_examples=40, deadline=None)
@given(small_data)
def test_cauchy_kernel_matches_mpmath(args):
    n, d, seed, gamma = args
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(n, d)), rng.normal(size=(n + 2, d))
    K = cauchy_kernel(X, Y, gamma)
    exact = mp_kernel_matrix(X, Y, lambda s: 1 / (1 + gamma * s))
    assert np.allclose(K, exact, rtol=1e-14, atol=0)
    G = cauchy_kernel(X, gamma=gamma)
    assert np.array_equal(G, G.T) and np.all(np.diag(G) == 1.0)
    assert is_positive_semidefinite(G)


def test_kernels_large_input_path_agrees_and_is_nonnegative():
    rng = np.random.default_rng(2)
    # far from the origin and close together: the naive expansion cancels
    X = 1e4 + 1e-3 * rng.normal(size=(220, 22))
    Y = 1e4 + 1e-3 * rng.normal(size=(220, 22))
    assert 220 * 220 * 22 > 1 << 20
    direct = np.einsum("ijk,ijk->ij", X[:, None] - Y[None], X[:, None] - Y[None])
    K = rbf_kernel(X, Y, gamma=1e5)
    assert np.allclose(K, np.exp(-1e5 * direct), rtol=1e-6, atol=1e-12)
    G = cauchy_kernel(X, gamma=1e5)
    assert np.all(np.diag(G) == 1.0) and np.all(G <= 1.0)
    assert is_positive_semidefinite(rbf_kernel(X, gamma=1e5))


def test_gram_matrix_matches_vectorised_kernels_and_keeps_asymmetry():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 3))
    K = gram_matrix(lambda a, b: math.exp(-0.5 * float(np.sum((a - b) ** 2))), X)
    assert np.allclose(K, rbf_kernel(X, gamma=0.5), rtol=1e-14)
    lin = gram_matrix(lambda a, b: float(a @ b), X)
    assert np.allclose(lin, X @ X.T)
    asym = gram_matrix(lambda a, b: float(a[0] - b[1]), X)
    assert not np.allclose(asym, asym.T)
    scalars = gram_matrix(lambda a, b: a * b, [1.0, 2.0, 3.0])
    assert np.array_equal(scalars, np.outer([1, 2, 3], [1, 2, 3]))


def mp_min_eigenvalue(K):
    ev = mpmath.eigsy(mpmath.matrix(K.tolist()), eigvals_only=True)
    return min(float(e) for e in ev), max(abs(float(e)) for e in ev)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(0, 2**32 - 1), st.floats(-1, 1))
def test_is_psd_matches_mpmath_eigenvalues(n, seed, shift):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n))
    K = A @ A.T + shift * np.eye(n)
    low, high = mp_min_eigenvalue(K)
    if abs(low) < 1e-8 * max(high, 1.0):
        return  # too close to the boundary to call
    assert is_positive_semidefinite(K) is (low >= 0)


def test_is_psd_singular_and_tolerance():
    v = np.random.default_rng(4).normal(size=(40, 2))
    K = v @ v.T  # rank 2, rounding eigenvalues around ±1e-15
    assert is_positive_semidefinite(K) is True
    assert is_positive_semidefinite(np.zeros((3, 3))) is True
    M = np.diag([1.0, -1e-6])
    assert is_positive_semidefinite(M) is False
    assert is_positive_semidefinite(M, tol=1e-5) is True
    assert is_positive_semidefinite(-np.eye(2)) is False
    assert is_positive_semidefinite(1e-300 * np.eye(2)) is True


# --- convergence order -------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.floats(1.0, 3.0), st.floats(0.05, 0.5), st.floats(0.01, 0.5))
def test_convergence_order_recovers_q(q, e0, c):
    # e_{k+1} = c * e_k**q, three terms, then compare with mpmath's logs
    e1 = c * e0**q
    e2 = c * e1**q
    errors = [e0, e1, e2]
    exact = float(mpmath.log(mpmath.mpf(e2) / e1) / mpmath.log(mpmath.mpf(e1) / e0))
    assert math.isclose(convergence_order(errors), exact, rel_tol=1e-12)


def test_convergence_order_classic_sequences():
    assert convergence_order([0.5**k for k in range(1, 10)]) == pytest.approx(1.0, abs=1e-12)
    assert convergence_order([1e-1, 1e-2, 1e-4, 1e-8]) == pytest.approx(2.0, abs=1e-12)
    assert convergence_order([1e-1, 1e-3, 1e-9]) == pytest.approx(3.0, abs=1e-12)
    assert convergence_order([1e-100, 1e-200, 1e-300]) == pytest.approx(1.0, abs=1e-12)
    assert convergence_order([1.0, 0.5, 1 / 3]) == pytest.approx(
        math.log(2 / 3) / math.log(0.5), rel=1e-14)
    assert type(convergence_order([1.0, 0.5, 0.25])) is float


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("func", [euclidean_distance, cosine_distance])
def test_distance_bad_input(func):
    with pytest.raises(ValueError, match="x"):
        func([], [])
    with pytest.raises(ValueError, match="y"):
        func([1.0], [np.nan])
    with pytest.raises(ValueError, match="x and y"):
        func([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="x"):
        func([[1.0]], [[1.0]])
    with pytest.raises(TypeError, match="x"):
        func("ab", [1.0, 2.0])


def test_cosine_zero_vector():
    with pytest.raises(ValueError, match="x must not be the zero vector"):
        cosine_distance([0, 0], [1, 0])
    with pytest.raises(ValueError, match="y must not be the zero vector"):
        cosine_distance([1, 0], [0, 0])


def test_mahalanobis_bad_cov():
    x, y = [1.0, 2.0], [0.0, 0.0]
    with pytest.raises(ValueError, match="cov must be positive definite"):
        mahalanobis_distance(x, y, [[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(ValueError, match="cov must be positive definite"):
        mahalanobis_distance(x, y, [[1.0, 0.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="cov must be symmetric"):
        mahalanobis_distance(x, y, [[1.0, 0.5], [0.0, 1.0]])
    with pytest.raises(ValueError, match="cov"):
        mahalanobis_distance(x, y, np.eye(3))
    with pytest.raises(ValueError, match="cov"):
        mahalanobis_distance(x, y, [[1.0, np.nan], [np.nan, 1.0]])
    with pytest.raises(ValueError, match="cov"):
        mahalanobis_distance(x, y, [1.0, 1.0])
    with pytest.raises(ValueError, match="x and y"):
        mahalanobis_distance([1.0], y, np.eye(2))


def test_check_metric_axioms_bad_input():
    with pytest.raises(TypeError, match="distance"):
        check_metric_axioms("euclid", [0.0, 1.0])
    with pytest.raises(ValueError, match="points"):
        check_metric_axioms(euclidean_distance, [])
    with pytest.raises(ValueError, match="points"):
        check_metric_axioms(euclidean_distance, np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="points"):
        check_metric_axioms(euclidean_distance, [[0.0, np.nan]])
    with pytest.raises(ValueError, match="distance"):
        check_metric_axioms(lambda a, b: math.nan, [0.0, 1.0])
    with pytest.raises(ValueError, match="distance"):
        check_metric_axioms(lambda a, b: [1.0, 2.0], [0.0, 1.0])
    with pytest.raises(TypeError, match="distance"):
        check_metric_axioms(lambda a, b: "far", [0.0, 1.0])
    with pytest.raises(ValueError, match="rtol"):
        check_metric_axioms(euclidean_distance, [[0.0]], rtol=-1.0)


@pytest.mark.parametrize("kernel", [rbf_kernel, cauchy_kernel])
def test_kernel_bad_input(kernel):
    with pytest.raises(ValueError, match="X"):
        kernel([1.0, 2.0])
    with pytest.raises(ValueError, match="X"):
        kernel([[np.inf]])
    with pytest.raises(ValueError, match="Y"):
        kernel([[1.0]], [[np.nan]])
    with pytest.raises(ValueError, match="X and Y"):
        kernel([[1.0, 2.0]], [[1.0]])
    for bad in (0.0, -1.0, np.inf, np.nan):
        with pytest.raises(ValueError, match="gamma"):
            kernel([[1.0]], gamma=bad)
    with pytest.raises(TypeError, match="gamma"):
        kernel([[1.0]], gamma="1")


def test_gram_matrix_bad_input():
    with pytest.raises(TypeError, match="kernel"):
        gram_matrix(None, [[1.0]])
    with pytest.raises(ValueError, match="X"):
        gram_matrix(lambda a, b: 1.0, [])
    with pytest.raises(ValueError, match="kernel"):
        gram_matrix(lambda a, b: math.inf, [[1.0]])
    with pytest.raises(ValueError, match="kernel"):
        gram_matrix(lambda a, b: np.ones(2), [[1.0]])


def test_is_psd_bad_input():
    with pytest.raises(ValueError, match="K must be symmetric"):
        is_positive_semidefinite([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="K"):
        is_positive_semidefinite([[1.0, 2.0]])
    with pytest.raises(ValueError, match="K"):
        is_positive_semidefinite([[np.nan]])
    for bad in (-1e-3, np.inf, np.nan):
        with pytest.raises(ValueError, match="tol"):
            is_positive_semidefinite(np.eye(2), tol=bad)


def test_convergence_order_bad_input():
    with pytest.raises(ValueError, match="at least 3"):
        convergence_order([1.0, 0.5])
    with pytest.raises(ValueError, match="errors must be positive"):
        convergence_order([1.0, 0.5, 0.0])
    with pytest.raises(ValueError, match="errors must be positive"):
        convergence_order([1.0, -0.5, 0.1])
    with pytest.raises(ValueError, match="errors"):
        convergence_order([1.0, np.nan, 0.1])
    with pytest.raises(ValueError, match="errors must change"):
        convergence_order([1.0, 0.5, 0.5, 0.1])
    with pytest.raises(TypeError, match="errors"):
        convergence_order("123")


# ------------------------------------------- fast paths: deferred finiteness, 1 - cos form
@pytest.mark.parametrize("cosine", [0.3, 0.49, 0.4999999, 0.5, 0.5000001, 0.51, 0.9])
def test_cosine_distance_on_both_sides_of_the_one_minus_cos_switch(cosine):
    rng = np.random.default_rng(3)
    x = rng.standard_normal(64)
    u = x / np.linalg.norm(x)
    w = rng.standard_normal(64)
    w -= (w @ u) * u
    w /= np.linalg.norm(w)
    y = cosine * u + math.sqrt(1 - cosine**2) * w
    exact = float(mp_cosine(x, y))
    assert math.isclose(cosine_distance(x, y), exact, rel_tol=4e-16 * 8)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_distances_still_refuse_non_finite_input(bad):
    x = np.ones(500)
    x[250] = bad
    for func in (euclidean_distance, cosine_distance):
        with pytest.raises(ValueError, match="x must be finite"):
            func(x, np.ones(500))
        with pytest.raises(ValueError, match="y must be finite"):
            func(np.ones(500), x)
    with pytest.raises(ValueError, match="x must be finite"):
        euclidean_distance(x, x)  # inf - inf is NaN: still reported as x


def test_euclidean_overflowing_difference_takes_the_scaled_route():
    assert euclidean_distance([1e308, 0.0], [-1e308, 0.0]) == math.inf
    assert euclidean_distance([1e308, 0.0], [-5e307, 0.0]) == pytest.approx(1.5e308,
                                                                            rel=1e-15)


def test_gram_matrix_accepts_size_one_array_values_and_names_a_bad_value():
    X = np.arange(6.0).reshape(3, 2)
    K = gram_matrix(lambda a, b: np.array([a @ b]), X)
    assert np.array_equal(K, X @ X.T)
    with pytest.raises(ValueError, match="kernel returned a non-finite value"):
        gram_matrix(lambda a, b: np.nan if a[0] == 2.0 and b[0] == 4.0 else 1.0, X)
    with pytest.raises(TypeError, match="kernel must return a real number"):
        gram_matrix(lambda a, b: 1j, X)
