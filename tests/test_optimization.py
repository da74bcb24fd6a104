"""Tests for mathref.optimization: oracles (closed forms, SciPy, mpmath, brute force),
properties, edge cases and bad input."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.optimization import (
    DualAscentResult,
    EqualityQPResult,
    KKTResidual,
    OptimizeResult,
    adam,
    armijo_step,
    dual_ascent,
    gradient_descent,
    kkt_residual,
    lagrangian,
    max_entropy_distribution,
    max_stable_learning_rate,
    project_onto_ball,
    project_onto_simplex,
    projected_gradient_descent,
    solve_equality_qp,
    stochastic_gradient_descent,
)

SEEDS = st.integers(0, 2**32 - 1)
DIMS = st.integers(1, 5)


def spd(rng, n, cond=10.0):
    """A random symmetric positive definite matrix with eigenvalues in [1, cond]."""
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    eig = np.exp(rng.uniform(0, np.log(cond), size=n))
    return (q * eig) @ q.T


def quadratic(rng, n, cond=10.0):
    H = spd(rng, n, cond)
    b = rng.normal(size=n)
    return H, b, (lambda x: H @ x - b), np.linalg.solve(H, b)


# --------------------------------------------------------------------------- gradient descent


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS)
def test_gradient_descent_finds_the_closed_form_minimiser_of_a_quadratic(seed, n):
    rng = np.random.default_rng(seed)
    H, b, grad, x_star = quadratic(rng, n)
    eta = 1.0 / np.linalg.eigvalsh(H)[-1]
    res = gradient_descent(grad, rng.normal(size=n), eta, max_iter=5000, tol=1e-10)
    assert res.converged is True
    assert np.linalg.norm(H @ res.x - b) <= 1e-10
    assert np.allclose(res.x, x_star, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS)
def test_gradient_descent_history_is_the_transcribed_iteration(seed, n):
    rng = np.random.default_rng(seed)
    H, b, grad, _ = quadratic(rng, n)
    x0 = rng.normal(size=n)
    eta = 0.5 / np.linalg.eigvalsh(H)[-1]
    res = gradient_descent(grad, x0, eta, max_iter=25, tol=0.0)
    assert isinstance(res, OptimizeResult)
    assert res.history.shape == (res.n_iter + 1, n) == (26, n)
    x = x0.copy()
    np.testing.assert_array_equal(res.history[0], x0)
    for k in range(25):
        x = x - eta * (H @ x - b)
        np.testing.assert_allclose(res.history[k + 1], x, rtol=1e-13, atol=1e-14)
    np.testing.assert_array_equal(res.x, res.history[-1])
    assert type(res.n_iter) is int and type(res.converged) is bool


def test_gradient_descent_stops_on_the_gradient_norm():
    # f = x^2 / 2 with eta = 0.5: x_k = 2^-k, so |grad| = 2^-k <= 1e-3 first at k = 10
    res = gradient_descent(lambda x: x, 1.0, 0.5, tol=1e-3)
    assert res.converged and res.n_iter == 10 and res.x == 2.0**-10
    assert isinstance(res.x, float) and res.history.shape == (11,)
    assert gradient_descent(lambda x: x, 0.0, 0.5).n_iter == 0  # already stationary
    res = gradient_descent(lambda x: x, 1.0, 0.5, max_iter=0)
    assert res.n_iter == 0 and not res.converged and res.history.shape == (1,)
    res = gradient_descent(lambda x: x, 1.0, 0.5, max_iter=3, tol=0.0)
    assert res.n_iter == 3 and not res.converged


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")  # the test's own f
def test_gradient_descent_diverges_above_two_over_lambda_max_without_raising():
    H = np.diag([1.0, 4.0])
    grad = lambda x: H @ x  # noqa: E731
    threshold = max_stable_learning_rate(H)
    below = gradient_descent(grad, [1.0, 1.0], 0.99 * threshold, max_iter=20000)
    above = gradient_descent(grad, [1.0, 1.0], 1.1 * threshold, max_iter=20000)
    assert below.converged
    assert not above.converged
    assert above.n_iter < 20000
    last = above.history[-1]
    assert not np.all(np.isfinite(last)) or not np.all(np.isfinite(grad(last)))


def test_gradient_descent_stops_at_a_non_finite_iterate():
    res = gradient_descent(lambda x: np.array([1e308]), [0.0], 1e10)  # one step overflows
    assert res.n_iter == 1 and not res.converged
    assert np.isinf(res.x[0]) and np.isinf(res.history[-1, 0])


def test_gradient_descent_gradient_norm_does_not_overflow():
    # gradients near 1e200: their squares overflow, the scaled norm does not
    res = gradient_descent(lambda x: 1e-200 * x, np.array([1e200, 1e200]), 1e200,
                           max_iter=3, tol=1.0)
    assert res.converged and res.n_iter == 1


def test_gradient_descent_passes_copies_and_does_not_mutate_x0():
    x0 = np.array([1.0, 2.0])
    seen = []

    def grad(x):
        seen.append(x)
        g = x.copy()
        x[:] = 99.0  # a badly behaved user function
        return g

    res = gradient_descent(grad, x0, 0.5, max_iter=2, tol=0.0)
    np.testing.assert_array_equal(x0, [1.0, 2.0])
    np.testing.assert_allclose(res.history, [[1, 2], [0.5, 1], [0.25, 0.5]])


@pytest.mark.parametrize("kwargs, match", [
    ({"x0": [np.nan, 1.0]}, "x0"),
    ({"x0": [[1.0, 2.0]]}, "x0"),
    ({"x0": []}, "x0"),
    ({"learning_rate": 0.0}, "learning_rate"),
    ({"learning_rate": -0.1}, "learning_rate"),
    ({"learning_rate": np.inf}, "learning_rate"),
    ({"max_iter": -1}, "max_iter"),
    ({"tol": -1e-3}, "tol"),
    ({"grad": lambda x: np.ones(3)}, "grad"),
    ({"grad": lambda x: 1.0}, "grad"),
    ({"grad": lambda x: np.array([np.nan, 0.0])}, "grad"),
])
def test_gradient_descent_bad_input(kwargs, match):
    args = {"grad": lambda x: x, "x0": [1.0, 2.0], "learning_rate": 0.1}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        gradient_descent(**args)


def test_gradient_descent_type_errors():
    with pytest.raises(TypeError, match="grad"):
        gradient_descent("x", [1.0], 0.1)
    with pytest.raises(TypeError, match="grad"):
        gradient_descent(lambda x: "a", 1.0, 0.1)
    with pytest.raises(TypeError, match="learning_rate"):
        gradient_descent(lambda x: x, 1.0, "0.1")
    with pytest.raises(TypeError, match="max_iter"):
        gradient_descent(lambda x: x, 1.0, 0.1, max_iter="10")
    with pytest.raises(ValueError, match="max_iter"):
        gradient_descent(lambda x: x, 1.0, 0.1, max_iter=10.5)


# --------------------------------------------------------------------------- SGD


def _least_squares(seed, n=60, d=3, noise=0.0):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, d))
    x_true = rng.normal(size=d)
    y = A @ x_true + noise * rng.normal(size=n)

    def grad_i(x, idx):
        return A[idx].T @ (A[idx] @ x - y[idx]) / len(idx)

    return A, y, grad_i, np.linalg.lstsq(A, y, rcond=None)[0]


def test_sgd_converges_on_an_interpolating_problem():
    A, y, grad_i, x_ls = _least_squares(0)
    res = stochastic_gradient_descent(grad_i, np.zeros(3), 60, 0.05, batch_size=5,
                                      epochs=500, rng=3)
    assert res.converged
    assert np.linalg.norm(A.T @ (A @ res.x - y)) / 60 <= 1e-8
    assert np.allclose(res.x, x_ls, atol=1e-7)
    assert res.history.shape[0] < 501  # stopped early
    assert res.n_iter == (res.history.shape[0] - 1) * 12


def test_sgd_with_full_batches_is_gradient_descent():
    A, y, grad_i, _ = _least_squares(1)
    sgd = stochastic_gradient_descent(grad_i, np.zeros(3), 60, 0.1, batch_size=60, epochs=30,
                                      rng=0, tol=0.0)
    gd = gradient_descent(lambda x: grad_i(x, np.arange(60)), np.zeros(3), 0.1, max_iter=30,
                          tol=0.0)
    np.testing.assert_allclose(sgd.history, gd.history, rtol=1e-12, atol=1e-13)
    assert sgd.n_iter == 30 and not sgd.converged


def test_sgd_reshuffles_every_epoch_and_uses_every_sample_once():
    calls = []

    def grad_i(x, idx):
        calls.append(np.array(idx))
        return np.zeros_like(x) + 1e-3

    res = stochastic_gradient_descent(grad_i, [0.0], 10, 0.1, batch_size=4, epochs=3, rng=7)
    # 1 full-gradient call at x0, then per epoch 3 batches (4, 4, 2) and 1 full call
    assert len(calls) == 1 + 3 * 4
    assert res.n_iter == 9 and res.history.shape == (4, 1) and not res.converged
    epochs = [calls[1 + 4 * e: 4 + 4 * e] for e in range(3)]
    orders = []
    for batches in epochs:
        assert [len(b) for b in batches] == [4, 4, 2]
        order = np.concatenate(batches)
        assert sorted(order.tolist()) == list(range(10))
        orders.append(order.tolist())
    assert orders[0] != orders[1] or orders[1] != orders[2]
    assert all(np.array_equal(c, np.arange(10)) for c in calls[::4])


def test_sgd_is_reproducible_for_a_seed():
    _, _, grad_i, _ = _least_squares(2, noise=0.5)
    runs = [stochastic_gradient_descent(grad_i, np.zeros(3), 60, 0.02, epochs=5, rng=s)
            for s in (11, 11, 12)]
    np.testing.assert_array_equal(runs[0].history, runs[1].history)
    assert not np.array_equal(runs[0].x, runs[2].x)
    gen = np.random.default_rng(11)
    same = stochastic_gradient_descent(grad_i, np.zeros(3), 60, 0.02, epochs=5, rng=gen)
    np.testing.assert_array_equal(same.x, runs[0].x)


def test_sgd_with_noise_hovers_near_the_minimiser():
    A, y, grad_i, x_ls = _least_squares(4, n=200, noise=0.3)
    res = stochastic_gradient_descent(grad_i, np.zeros(3), 200, 0.01, batch_size=10,
                                      epochs=50, rng=0)
    assert not res.converged  # constant step: a noise ball, not a point
    assert np.linalg.norm(res.x - x_ls) < 0.05


def test_sgd_divergence_stops_without_raising():
    _, _, grad_i, _ = _least_squares(5)
    res = stochastic_gradient_descent(grad_i, np.ones(3), 60, 50.0, epochs=1000, rng=0)
    assert not res.converged
    assert not np.all(np.isfinite(res.history[-1]))


@pytest.mark.parametrize("kwargs, match, exc", [
    ({"x0": [np.inf]}, "x0", ValueError),
    ({"n_samples": 0}, "n_samples", ValueError),
    ({"learning_rate": 0.0}, "learning_rate", ValueError),
    ({"batch_size": 0}, "batch_size", ValueError),
    ({"batch_size": 11}, "batch_size", ValueError),
    ({"epochs": -1}, "epochs", ValueError),
    ({"tol": -1.0}, "tol", ValueError),
    ({"rng": "seed"}, "rng", TypeError),
    ({"grad_i": lambda x, idx: np.ones(2)}, "grad_i", ValueError),
    ({"grad_i": lambda x, idx: np.array([np.nan])}, "grad_i", ValueError),
    ({"grad_i": 3}, "grad_i", TypeError),
])
def test_sgd_bad_input(kwargs, match, exc):
    args = {"grad_i": lambda x, idx: x, "x0": [1.0], "n_samples": 10, "learning_rate": 0.1}
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        stochastic_gradient_descent(**args)


# --------------------------------------------------------------------------- Adam


def adam_reference(grad, x0, alpha, beta1, beta2, eps, steps):
    """Algorithm 1 of Kingma & Ba (2015), transcribed line by line."""
    theta = np.array(x0, dtype=float)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    out = [theta.copy()]
    for t in range(1, steps + 1):
        g = grad(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta = theta - alpha * m_hat / (np.sqrt(v_hat) + eps)
        out.append(theta.copy())
    return np.array(out)


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS, st.floats(1e-4, 0.5), st.floats(0.0, 0.99), st.floats(0.5, 0.9999))
def test_adam_matches_the_published_algorithm_step_by_step(seed, n, alpha, beta1, beta2):
    rng = np.random.default_rng(seed)
    _, _, grad, _ = quadratic(rng, n)
    x0 = rng.normal(size=n)
    res = adam(grad, x0, alpha, beta1, beta2, 1e-8, max_iter=40, tol=0.0)
    ref = adam_reference(grad, x0, alpha, beta1, beta2, 1e-8, 40)
    np.testing.assert_allclose(res.history, ref, rtol=1e-12, atol=1e-12)


def test_adam_first_step_is_the_learning_rate_per_coordinate():
    for scale in (1e-2, 1.0, 1e6):
        res = adam(lambda x: scale * np.array([1.0, -2.0, 3.0]), np.zeros(3), 0.01,
                   max_iter=1, tol=0.0)
        np.testing.assert_allclose(res.history[1], [-0.01, 0.01, -0.01], rtol=1e-5)


def test_adam_converges_on_a_quadratic():
    rng = np.random.default_rng(8)
    H, b, grad, x_star = quadratic(rng, 4)
    res = adam(grad, np.zeros(4), 0.05, max_iter=20000, tol=1e-8)
    assert res.converged
    assert np.allclose(res.x, x_star, atol=1e-7)


def test_adam_scalar_and_stopping():
    res = adam(lambda x: 2 * (x - 3.0), 0.0, learning_rate=0.1, max_iter=5000)
    assert res.converged and isinstance(res.x, float) and abs(res.x - 3.0) < 1e-8
    assert adam(lambda x: 0.0 * x, 1.0).n_iter == 0


@pytest.mark.parametrize("kwargs, match", [
    ({"x0": [np.nan]}, "x0"),
    ({"learning_rate": 0.0}, "learning_rate"),
    ({"beta1": 1.0}, "beta1"),
    ({"beta1": -0.1}, "beta1"),
    ({"beta2": 1.0}, "beta2"),
    ({"eps": 0.0}, "eps"),
    ({"max_iter": -2}, "max_iter"),
    ({"tol": -1.0}, "tol"),
    ({"grad": lambda x: np.zeros((1, 1))}, "grad"),
])
def test_adam_bad_input(kwargs, match):
    args = {"grad": lambda x: x, "x0": [1.0]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        adam(**args)


# --------------------------------------------------------------------------- Armijo


def armijo_brute_force(f, g, x, d, c=1e-4, beta=0.5):
    slope = float(g @ d)
    for k in range(200):
        t = beta**k
        if f(x + t * d) <= f(x) + c * t * slope:
            return t
    raise AssertionError


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS, st.floats(0.1, 100.0))
def test_armijo_matches_brute_force_and_is_the_first_passing_step(seed, n, scale):
    rng = np.random.default_rng(seed)
    H = spd(rng, n, 100.0) * scale
    f = lambda x: 0.5 * float(x @ H @ x) + float(np.sum(np.cos(x)))  # noqa: E731
    grad = lambda x: H @ x - np.sin(x)  # noqa: E731
    x = rng.normal(size=n)
    d = -grad(x)
    if float(grad(x) @ d) >= 0:
        return
    t = armijo_step(f, grad, x, d)
    assert isinstance(t, float)
    assert t == armijo_brute_force(f, grad(x), x, d)
    assert f(x + t * d) <= f(x) + 1e-4 * t * float(grad(x) @ d)
    if t < 1.0:
        t_prev = 2 * t
        assert not f(x + t_prev * d) <= f(x) + 1e-4 * t_prev * float(grad(x) @ d)


def test_armijo_keyword_parameters_and_scalar_point():
    f, g = (lambda x: x * x), (lambda x: 2 * x)
    assert armijo_step(f, g, 1.0, -2.0) == 0.5   # t = 1 lands on f(-1) = f(1)
    assert armijo_step(f, g, 1.0, -1.0) == 1.0   # the exact minimiser
    assert armijo_step(f, g, 1.0, -2.0, factor=0.1) == 0.1
    # c close to 1 asks for nearly the full linear decrease
    assert armijo_step(f, g, 1.0, -1.0, c=0.9) < 1.0


def test_armijo_treats_non_finite_trials_as_failures():
    # f = -log(1 + x) is inf at x = -1 and NaN beyond; from x = 0 along d = +3 all is fine
    t = armijo_step(lambda x: -math.log(1.0 + x) if x > -1 else math.inf,
                    lambda x: -1.0 / (1.0 + x), 0.0, 3.0)
    assert t == 1.0
    # f = x^2 - log x from x = 2 along d = -3.5: t = 1 leaves the domain (NaN), so it shrinks
    t = armijo_step(lambda x: x * x - math.log(x) if x > 0 else math.nan,
                    lambda x: 2 * x - 1 / x, 2.0, -3.5)
    assert 0 < t < 1 and 2.0 - 3.5 * t > 0
    # an f that overflows to inf on long steps: inf never passes
    t = armijo_step(lambda x: x**4 if abs(x) < 1e70 else math.inf, lambda x: 4 * x**3,
                    1.0, -1e80, max_backtracks=400)
    assert 0 < t < 1e-70


@pytest.mark.parametrize("direction", [np.array([1.0, 1.0]), np.array([0.0, 0.0]),
                                       np.array([1.0, -1.0])])
def test_armijo_refuses_non_descent_directions(direction):
    with pytest.raises(ValueError, match="direction"):
        armijo_step(lambda x: float(x @ x), lambda x: 2 * x, np.array([1.0, 1.0]), direction)


def test_armijo_wrong_gradient_raises_instead_of_looping():
    f = lambda x: float(x @ x)  # noqa: E731
    wrong = lambda x: -2 * x  # noqa: E731  (sign error)
    x = np.array([1.0, 2.0])
    with pytest.raises(ValueError, match="grad"):
        armijo_step(f, wrong, x, -wrong(x))


@pytest.mark.parametrize("kwargs, match", [
    ({"x": [np.nan, 1.0]}, "x"),
    ({"direction": [1.0]}, "direction"),
    ({"direction": [np.inf, 0.0]}, "direction"),
    ({"c": 0.0}, "c"),
    ({"c": 1.0}, "c"),
    ({"factor": 1.0}, "factor"),
    ({"factor": 0.0}, "factor"),
    ({"max_backtracks": -1}, "max_backtracks"),
    ({"f": lambda x: x}, "f"),
    ({"f": lambda x: np.inf}, "f"),
    ({"grad": lambda x: x[:1]}, "grad"),
    ({"grad": lambda x: np.array([np.nan, 0.0])}, "grad"),
])
def test_armijo_bad_input(kwargs, match):
    args = {"f": lambda x: float(x @ x), "grad": lambda x: 2 * x, "x": [1.0, 1.0],
            "direction": [-1.0, -1.0]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        armijo_step(**args)


# --------------------------------------------------------------------------- 2 / lambda_max


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS)
def test_max_stable_learning_rate_against_scipy(seed, n):
    from scipy import linalg

    rng = np.random.default_rng(seed)
    B = rng.normal(size=(n, n))
    H = (B + B.T) / 2 + (abs(np.min(np.linalg.eigvalsh((B + B.T) / 2))) + 0.1) * np.eye(n) * (
        rng.random() < 0.7)
    lam_max = linalg.eigh(H, eigvals_only=True)[-1]
    if lam_max <= 0:
        with pytest.raises(ValueError, match="hessian"):
            max_stable_learning_rate(H)
        return
    assert math.isclose(max_stable_learning_rate(H), 2 / lam_max, rel_tol=1e-12)


def test_max_stable_learning_rate_is_the_divergence_threshold():
    rng = np.random.default_rng(3)
    H, b, grad, x_star = quadratic(rng, 4, cond=5.0)
    eta = max_stable_learning_rate(H)
    good = gradient_descent(grad, np.zeros(4), 0.98 * eta, max_iter=5000)
    bad = gradient_descent(grad, np.zeros(4), 1.02 * eta, max_iter=500, tol=0.0)
    assert good.converged and np.allclose(good.x, x_star)
    errs = np.linalg.norm(bad.history - x_star, axis=1)
    assert errs[-1] > 100 * errs[1]


def test_max_stable_learning_rate_scalar_scale_and_type():
    assert max_stable_learning_rate(4.0) == 0.5
    assert max_stable_learning_rate([[2.0]]) == 1.0
    assert math.isclose(max_stable_learning_rate(np.diag([1e300, 2e300])), 1e-300,
                        rel_tol=1e-12)
    assert math.isclose(max_stable_learning_rate(np.diag([1e-300, 4e-300])), 5e299,
                        rel_tol=1e-12)
    assert type(max_stable_learning_rate(np.eye(2))) is float


@pytest.mark.parametrize("H", [[[1.0, 2.0], [0.0, 1.0]], [[-1.0, 0.0], [0.0, -2.0]],
                               np.zeros((2, 2)), [[1.0, 2.0, 3.0]], [[np.nan]], [1.0, 2.0]])
def test_max_stable_learning_rate_bad_input(H):
    with pytest.raises(ValueError, match="hessian"):
        max_stable_learning_rate(H)


# --------------------------------------------------------------------------- Lagrangian


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS, st.integers(1, 3))
def test_lagrangian_against_mpmath(seed, n, m):
    rng = np.random.default_rng(seed)
    C = rng.normal(size=(m, n))
    x = rng.normal(size=n)
    lam = rng.normal(size=m)
    f = lambda z: float(np.sum(np.exp(z)))  # noqa: E731
    g = lambda z: C @ z - 1.0  # noqa: E731
    mp.mp.dps = 50
    expected = sum(mp.exp(mp.mpf(xi)) for xi in x) + sum(
        mp.mpf(lam[j]) * (mp.fsum(mp.mpf(C[j, i]) * mp.mpf(x[i]) for i in range(n)) - 1)
        for j in range(m))
    assert math.isclose(lagrangian(f, g, x, lam), float(expected), rel_tol=1e-12,
                        abs_tol=1e-12)


def test_lagrangian_scalar_constraint_and_type():
    value = lagrangian(lambda x: x * x, lambda x: x - 1.0, 3.0, 0.5)
    assert value == 10.0 and type(value) is float


@pytest.mark.parametrize("kwargs, match", [
    ({"lam": [1.0, 2.0]}, "lam"),
    ({"lam": 1.0}, "lam"),
    ({"lam": [np.nan]}, "lam"),
    ({"x": [np.inf, 0.0]}, "x"),
    ({"f": lambda x: x}, "f"),
    ({"g": lambda x: np.array([np.nan])}, "g"),
    ({"g": lambda x: np.ones((1, 1))}, "g"),
])
def test_lagrangian_bad_input(kwargs, match):
    args = {"f": lambda x: float(x @ x), "g": lambda x: np.array([x.sum() - 1]),
            "x": [1.0, 2.0], "lam": [0.5]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        lagrangian(**args)
    with pytest.raises(TypeError, match="g"):
        lagrangian(args["f"], None, [1.0], [1.0])


# --------------------------------------------------------------------------- equality QP


def random_qp(seed, n, m):
    rng = np.random.default_rng(seed)
    Q = spd(rng, n, 50.0)
    c = rng.normal(size=n)
    A = rng.normal(size=(m, n))
    b = rng.normal(size=m)
    return Q, c, A, b


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(1, 6), st.data())
def test_solve_equality_qp_against_a_null_space_oracle(seed, n, data):
    from scipy import linalg

    m = data.draw(st.integers(1, n))
    Q, c, A, b = random_qp(seed, n, m)
    res = solve_equality_qp(Q, c, A, b)
    assert isinstance(res, EqualityQPResult)
    assert res.x.shape == (n,) and res.lam.shape == (m,)
    # oracle: x = x_p + Z y with the reduced problem, then lam from least squares
    x_p = linalg.lstsq(A, b)[0]
    Z = linalg.null_space(A)
    if Z.shape[1]:
        y = linalg.solve(Z.T @ Q @ Z, -Z.T @ (Q @ x_p + c), assume_a="pos")
        x = x_p + Z @ y
    else:
        x = x_p
    lam = linalg.lstsq(A.T, -(Q @ x + c))[0]
    np.testing.assert_allclose(res.x, x, rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(res.lam, lam, rtol=1e-6, atol=1e-7)
    stat, feas = kkt_residual(lambda z: Q @ z + c, lambda z: A, lambda z: A @ z - b,
                              res.x, res.lam)
    assert stat <= 1e-9 * (1 + np.abs(c).max()) and feas <= 1e-9 * (1 + np.abs(b).max())


def test_solve_equality_qp_against_scipy_minimize():
    from scipy import optimize

    Q, c, A, b = random_qp(5, 4, 2)
    res = solve_equality_qp(Q, c, A, b)
    sp = optimize.minimize(lambda z: 0.5 * z @ Q @ z + c @ z, np.zeros(4),
                           jac=lambda z: Q @ z + c, method="SLSQP",
                           constraints=[{"type": "eq", "fun": lambda z: A @ z - b,
                                         "jac": lambda z: A}], options={"ftol": 1e-14})
    np.testing.assert_allclose(res.x, sp.x, atol=1e-6)


def test_solve_equality_qp_needs_positive_definiteness_only_on_the_null_space():
    Q = np.diag([1.0, -1.0])
    A = np.array([[0.0, 1.0]])
    x, lam = solve_equality_qp(Q, [-2.0, 0.0], A, [3.0])
    np.testing.assert_allclose(x, [2.0, 3.0])
    np.testing.assert_allclose(Q @ x + np.array([-2.0, 0.0]) + A.T @ lam, 0, atol=1e-14)
    # square nonsingular A: no freedom left, Q = 0 is fine
    x, lam = solve_equality_qp(np.zeros((2, 2)), [1.0, 1.0], np.eye(2), [1.0, 2.0])
    np.testing.assert_allclose(x, [1.0, 2.0])
    np.testing.assert_allclose(lam, [-1.0, -1.0])


@pytest.mark.parametrize("Q, A, b, match", [
    (np.diag([-1.0, 1.0]), [[0.0, 1.0]], [1.0], "unbounded below"),
    (np.diag([0.0, 1.0]), [[0.0, 1.0]], [1.0], "singular"),
    (np.eye(2), [[1.0, 1.0], [2.0, 2.0]], [1.0, 2.0], "not be unique"),
    (np.eye(2), [[1.0, 1.0], [2.0, 2.0]], [1.0, 3.0], "infeasible"),
    (np.eye(2), [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [1.0, 1.0, 2.0], "A must have full"),
])
def test_solve_equality_qp_singular_or_infeasible_kkt(Q, A, b, match):
    with pytest.raises(ValueError, match=match):
        solve_equality_qp(Q, np.zeros(2), A, b)


@pytest.mark.parametrize("args, match", [
    (([[1.0, 2.0], [0.0, 1.0]], [0, 0], [[1.0, 1.0]], [1.0]), "Q"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0, 0], [[1.0, 1.0]], [1.0]), "c"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0], [[1.0, 1.0, 1.0]], [1.0]), "A"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0], [1.0, 1.0], [1.0]), "A"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0], [[1.0, 1.0]], [1.0, 2.0]), "b"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0], [[1.0, 1.0]], [np.nan]), "b"),
    (([[1.0, 0.0], [0.0, np.inf]], [0, 0], [[1.0, 1.0]], [1.0]), "Q"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0], np.zeros((0, 2)), []), "A"),
])
def test_solve_equality_qp_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        solve_equality_qp(*args)


# --------------------------------------------------------------------------- KKT residual


@settings(max_examples=40, deadline=None)
@given(SEEDS, DIMS, st.integers(1, 3))
def test_kkt_residual_against_the_formula(seed, n, m):
    rng = np.random.default_rng(seed)
    C = rng.normal(size=(m, n))
    x, lam = rng.normal(size=n), rng.normal(size=m)
    grad_f = lambda z: np.exp(z)  # noqa: E731
    jac_g = lambda z: C * np.cos(z)  # g_j = sum_i C_ji sin(z_i)  # noqa: E731
    g = lambda z: C @ np.sin(z) - 0.5  # noqa: E731
    res = kkt_residual(grad_f, jac_g, g, x, lam)
    assert isinstance(res, KKTResidual)
    mp.mp.dps = 50
    stat = mp.sqrt(mp.fsum(
        (mp.exp(mp.mpf(x[i])) + mp.fsum(mp.mpf(C[j, i]) * mp.cos(mp.mpf(x[i])) * mp.mpf(lam[j])
                                       for j in range(m)))**2 for i in range(n)))
    feas = mp.sqrt(mp.fsum(
        (mp.fsum(mp.mpf(C[j, i]) * mp.sin(mp.mpf(x[i])) for i in range(n)) - mp.mpf(0.5))**2
        for j in range(m)))
    assert math.isclose(res.stationarity, float(stat), rel_tol=1e-10, abs_tol=1e-13)
    assert math.isclose(res.feasibility, float(feas), rel_tol=1e-10, abs_tol=1e-13)


def test_kkt_residual_scalar_and_single_constraint_shapes():
    # one constraint given as a float: the Jacobian has the shape of x
    r = kkt_residual(lambda x: 2 * x, lambda x: np.ones(2), lambda x: x.sum() - 1.0,
                     [0.5, 0.5], -1.0)
    assert r == (0.0, 0.0) and type(r.stationarity) is float
    r = kkt_residual(lambda x: 2 * x, lambda x: 1.0, lambda x: x - 1.0, 2.0, 0.0)
    assert r == (4.0, 1.0)
    r = kkt_residual(lambda x: 1e200 * np.ones(2), lambda x: np.zeros((1, 2)),
                     lambda x: np.array([1e200]), [0.0, 0.0], [1.0])
    assert math.isclose(r.stationarity, math.sqrt(2) * 1e200) and r.feasibility == 1e200


@pytest.mark.parametrize("kwargs, match", [
    ({"jac_g": lambda x: np.ones((2, 2))}, "jac_g"),
    ({"jac_g": lambda x: np.ones(2)}, "jac_g"),
    ({"jac_g": lambda x: np.array([[np.nan, 0.0]])}, "jac_g"),
    ({"grad_f": lambda x: np.ones(3)}, "grad_f"),
    ({"grad_f": lambda x: np.array([np.inf, 0.0])}, "grad_f"),
    ({"g": lambda x: np.ones(2)}, "lam"),
    ({"lam": [1.0, 1.0]}, "lam"),
    ({"x": [[1.0, 1.0]]}, "x"),
])
def test_kkt_residual_bad_input(kwargs, match):
    args = {"grad_f": lambda x: 2 * x, "jac_g": lambda x: np.array([[1.0, 1.0]]),
            "g": lambda x: np.array([x.sum() - 1]), "x": [0.5, 0.5], "lam": [-1.0]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        kkt_residual(**args)


# --------------------------------------------------------------------------- dual ascent


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(1, 5), st.data())
def test_dual_ascent_agrees_with_the_kkt_solution(seed, n, data):
    m = data.draw(st.integers(1, n))
    rng = np.random.default_rng(seed)
    Q = spd(rng, n, 5.0)
    c, b = rng.normal(size=n), rng.normal(size=m)
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    A = q[:m] * rng.uniform(1.0, 2.0, size=(m, 1))   # well-conditioned rows
    res = dual_ascent(Q, c, A, b)
    assert isinstance(res, DualAscentResult) and res.converged
    exact = solve_equality_qp(Q, c, A, b)
    np.testing.assert_allclose(res.x, exact.x, atol=1e-8)
    np.testing.assert_allclose(res.lam, exact.lam, atol=1e-7)
    assert res.gap_history.shape == (res.n_iter + 1,)
    assert np.all(res.gap_history >= 0) and res.gap_history[-1] <= 1e-15


def test_dual_ascent_gap_is_the_duality_gap_in_high_precision():
    Q, c, A, b = random_qp(9, 4, 2)
    mp.mp.dps = 50
    MQ, Mc, MA, Mb = (mp.matrix(Q.tolist()), mp.matrix(c.tolist()), mp.matrix(A.tolist()),
                      mp.matrix(b.tolist()))

    def f(x):
        return (0.5 * (x.T * MQ * x) + Mc.T * x)[0]

    for k in (0, 1, 5, 20):
        res = dual_ascent(Q, c, A, b, max_iter=k, tol=0.0)
        lam = mp.matrix(res.lam.tolist())
        x = -(MQ**-1) * (Mc + MA.T * lam)               # argmin of the Lagrangian
        d = f(x) + (lam.T * (MA * x - Mb))[0]           # the dual function
        x_feas = x - MA.T * ((MA * MA.T)**-1) * (MA * x - Mb)
        gap = f(x_feas) - d
        assert math.isclose(res.gap_history[-1], float(gap), rel_tol=1e-8, abs_tol=1e-25)
        assert res.n_iter == k


def test_dual_ascent_default_step_is_one_over_the_dual_lipschitz_constant():
    Q, c, A, b = random_qp(2, 5, 3)
    L = np.linalg.eigvalsh(A @ np.linalg.solve(Q, A.T))[-1]
    a = dual_ascent(Q, c, A, b, max_iter=7, tol=0.0)
    b_ = dual_ascent(Q, c, A, b, step=1 / L, max_iter=7, tol=0.0)
    np.testing.assert_allclose(a.lam, b_.lam, rtol=1e-12)
    # above 2/L the multipliers diverge: stopped, not raised
    bad = dual_ascent(Q, c, A, b, step=3 / L)
    assert not bad.converged and bad.n_iter < 10000
    assert bad.gap_history[-1] == math.inf or bad.gap_history[-1] > 1e100


@pytest.mark.parametrize("Q, kwargs, match", [
    (np.diag([1.0, -1.0]), {}, "positive definite"),
    (np.diag([1.0, 0.0]), {}, "positive definite"),
    (np.eye(2), {"step": 0.0}, "step"),
    (np.eye(2), {"step": -1.0}, "step"),
    (np.eye(2), {"max_iter": -1}, "max_iter"),
    (np.eye(2), {"tol": -1.0}, "tol"),
    ([[1.0, 1.0], [0.0, 1.0]], {}, "Q"),
])
def test_dual_ascent_bad_input(Q, kwargs, match):
    with pytest.raises(ValueError, match=match):
        dual_ascent(Q, [0.0, 0.0], [[1.0, 1.0]], [1.0], **kwargs)
    with pytest.raises(ValueError, match="A"):
        dual_ascent(np.eye(2), [0.0, 0.0], [[1.0, 1.0], [1.0, 1.0]], [1.0, 1.0])


# --------------------------------------------------------------------------- projections


def is_simplex_projection(v, w, atol=1e-10):
    """KKT characterisation: w in the simplex and w = max(v - theta, 0) for one theta."""
    if np.any(w < 0) or abs(w.sum() - 1) > atol:
        return False
    support = w > 0
    theta = np.mean(v[support] - w[support])
    return bool(np.allclose(w, np.maximum(v - theta, 0), atol=atol))


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(1, 30), st.floats(1e-3, 1e3))
def test_simplex_projection_satisfies_the_kkt_conditions(seed, n, scale):
    v = np.random.default_rng(seed).normal(size=n) * scale
    w = project_onto_simplex(v)
    assert is_simplex_projection(v, w, atol=1e-9 * max(1, scale))
    # variational inequality: (v - w)^T (e_j - w) <= 0 for every vertex e_j
    r = v - w
    assert np.all(r - r @ w <= 1e-9 * max(1, scale))


@settings(max_examples=15, deadline=None)
@given(SEEDS, st.integers(2, 5))
def test_simplex_projection_is_the_nearest_point_scipy_oracle(seed, n):
    from scipy import optimize

    rng = np.random.default_rng(seed)
    v = rng.normal(size=n)
    w = project_onto_simplex(v)
    sp = optimize.minimize(lambda z: 0.5 * np.sum((z - v) ** 2), np.ones(n) / n,
                           jac=lambda z: z - v, method="SLSQP", bounds=[(0, None)] * n,
                           constraints=[{"type": "eq", "fun": lambda z: z.sum() - 1}],
                           options={"ftol": 1e-15, "maxiter": 500})
    assert np.sum((w - v) ** 2) <= np.sum((sp.x - v) ** 2) + 1e-12
    np.testing.assert_allclose(w, sp.x, atol=1e-6)
    # brute force: no random point of the simplex is closer
    for y in rng.dirichlet(np.ones(n), size=200):
        assert np.sum((w - v) ** 2) <= np.sum((y - v) ** 2) + 1e-12


def test_simplex_projection_properties_and_edge_cases():
    p = np.array([0.2, 0.3, 0.5])
    np.testing.assert_allclose(project_onto_simplex(p), p, atol=1e-15)   # fixed points
    v = np.array([1.0, 5.0, -3.0, 4.5])
    np.testing.assert_allclose(project_onto_simplex(v + 1e3), project_onto_simplex(v),
                               atol=1e-12)                                # shift-invariant
    np.testing.assert_array_equal(project_onto_simplex([7.0]), [1.0])
    np.testing.assert_allclose(project_onto_simplex([2.0, 2.0, 2.0]), [1 / 3] * 3)
    np.testing.assert_allclose(project_onto_simplex([0.0, 0.0]), [0.5, 0.5])
    np.testing.assert_array_equal(project_onto_simplex([10.0, 0.0, -1.0]), [1.0, 0.0, 0.0])
    big = np.random.default_rng(0).normal(size=200_000)
    w = project_onto_simplex(big)
    assert abs(math.fsum(w) - 1.0) < 1e-12 and np.all(w >= 0)
    assert is_simplex_projection(big, w)
    # huge entries: v - theta would cancel to [0, 0]; the mean form stays on the simplex
    np.testing.assert_array_equal(project_onto_simplex([1e20, 0.0]), [1.0, 0.0])
    np.testing.assert_array_equal(project_onto_simplex([1e20, 1e20]), [0.5, 0.5])
    np.testing.assert_allclose(project_onto_simplex(np.array([0.3, 0.1, 0.5]) + 1e8),
                               project_onto_simplex([0.3, 0.1, 0.5]), atol=1e-7)
    # many ties around the threshold
    ties = np.repeat([1.0, 0.5, 0.0], 50)
    assert is_simplex_projection(ties, project_onto_simplex(ties))
    v32 = np.array([0.5, 0.3, -0.4], dtype=np.float32)
    assert project_onto_simplex(v32).dtype == np.float64


def simplex_reference(v):
    """Duchi et al.'s sort-based algorithm, written out over the full running sum."""
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    rho = np.nonzero(u * np.arange(1, len(v) + 1) > (css - 1))[0][-1] + 1
    return np.maximum(v - (css[rho - 1] - 1) / rho, 0)


@pytest.mark.parametrize("n, spread", [(300, 1e-3), (5000, 1e-3), (5000, 0.05),
                                       (100_000, 1.0), (1000, 10.0)])
def test_simplex_projection_with_large_supports(n, spread):
    # supports of hundreds to thousands of entries exercise the galloping search
    v = np.random.default_rng(n).uniform(0, spread, size=n)
    w = project_onto_simplex(v)
    np.testing.assert_allclose(w, simplex_reference(v), atol=1e-12)
    assert is_simplex_projection(v, w, atol=1e-9)


@pytest.mark.parametrize("v", [[np.nan, 1.0], [[1.0, 2.0]], [], [np.inf]])
def test_simplex_projection_bad_input(v):
    with pytest.raises(ValueError, match="v"):
        project_onto_simplex(v)


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(1, 10), st.floats(0.01, 100.0), st.floats(1e-3, 1e3))
def test_ball_projection_against_the_closed_form(seed, n, radius, scale):
    v = np.random.default_rng(seed).normal(size=n) * scale
    w = project_onto_ball(v, radius)
    mp.mp.dps = 50
    norm = mp.sqrt(mp.fsum(mp.mpf(x) ** 2 for x in v))
    expected = v if norm <= radius else [float(mp.mpf(radius) * mp.mpf(x) / norm) for x in v]
    np.testing.assert_allclose(w, expected, rtol=1e-13, atol=1e-300)
    assert np.linalg.norm(w) <= radius * (1 + 1e-14)
    # variational inequality against random points of the ball
    ys = np.random.default_rng(seed + 1).normal(size=(50, n))
    ys *= radius * np.random.default_rng(seed + 2).random((50, 1)) / np.linalg.norm(
        ys, axis=1, keepdims=True)
    assert np.all((ys - w) @ (v - w) <= 1e-9 * scale * radius)


def test_ball_projection_edge_cases():
    np.testing.assert_array_equal(project_onto_ball([0.0, 0.0]), [0.0, 0.0])
    np.testing.assert_array_equal(project_onto_ball([3.0, 4.0], 5.0), [3.0, 4.0])
    np.testing.assert_array_equal(project_onto_ball([3.0, 4.0], 0.0), [0.0, 0.0])
    w = project_onto_ball([1.5e308, -1.5e308], 1.0)   # the norm itself overflows
    np.testing.assert_allclose(w, [2**-0.5, -(2**-0.5)], rtol=1e-15)
    w = project_onto_ball([1e-300, 1e-300], 1e-300)   # squares would underflow
    np.testing.assert_allclose(w, [2**-0.5 * 1e-300] * 2, rtol=1e-14)
    v = np.array([1.0, 2.0])
    out = project_onto_ball(v, 10.0)
    out[0] = 7.0
    assert v[0] == 1.0   # a copy, not the input


@pytest.mark.parametrize("v, radius, match", [
    ([np.nan], 1.0, "v"), ([[1.0]], 1.0, "v"), ([1.0], -1.0, "radius"),
    ([1.0], np.inf, "radius"), ([1.0], np.nan, "radius"),
])
def test_ball_projection_bad_input(v, radius, match):
    with pytest.raises(ValueError, match=match):
        project_onto_ball(v, radius)


def test_projected_gradient_descent_against_scipy_on_the_simplex():
    from scipy import optimize

    rng = np.random.default_rng(4)
    M = rng.normal(size=(8, 5))
    y = rng.normal(size=8)
    grad = lambda p: M.T @ (M @ p - y)  # noqa: E731
    L = np.linalg.eigvalsh(M.T @ M)[-1]
    res = projected_gradient_descent(grad, project_onto_simplex, np.ones(5) / 5, 1 / L,
                                     max_iter=20000, tol=1e-10)
    assert res.converged
    sp = optimize.minimize(lambda p: 0.5 * np.sum((M @ p - y) ** 2), np.ones(5) / 5,
                           jac=grad, method="SLSQP", bounds=[(0, None)] * 5,
                           constraints=[{"type": "eq", "fun": lambda p: p.sum() - 1}],
                           options={"ftol": 1e-15, "maxiter": 1000})
    np.testing.assert_allclose(res.x, sp.x, atol=1e-6)
    assert is_simplex_projection(res.x, res.x)


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")  # the test's own f
def test_projected_gradient_descent_on_a_ball_and_with_the_identity():
    a = np.array([3.0, -4.0])
    res = projected_gradient_descent(lambda x: x - a, project_onto_ball, [0.0, 0.0], 0.5)
    assert res.converged
    np.testing.assert_allclose(res.x, [0.6, -0.8], atol=1e-8)
    assert np.all(np.linalg.norm(res.history[1:], axis=1) <= 1 + 1e-12)
    # the identity projection is plain gradient descent
    grad = lambda x: np.array([2.0, 8.0]) * x  # noqa: E731
    pg = projected_gradient_descent(grad, lambda y: y, [1.0, 1.0], 0.1, max_iter=50, tol=0.0)
    gd = gradient_descent(grad, [1.0, 1.0], 0.1, max_iter=50, tol=0.0)
    np.testing.assert_array_equal(pg.history, gd.history)
    # divergence stops, no exception
    bad = projected_gradient_descent(grad, lambda y: y, [1.0, 1.0], 1.0, max_iter=10000)
    assert not bad.converged and bad.n_iter < 10000


@pytest.mark.parametrize("kwargs, match, exc", [
    ({"project": lambda y: y[:1]}, "project", ValueError),
    ({"project": lambda y: np.full_like(y, np.nan)}, "project", ValueError),
    ({"project": "simplex"}, "project", TypeError),
    ({"grad": lambda x: np.ones(3)}, "grad", ValueError),
    ({"x0": [np.nan, 0.0]}, "x0", ValueError),
    ({"learning_rate": 0}, "learning_rate", ValueError),
    ({"max_iter": -1}, "max_iter", ValueError),
    ({"tol": -1.0}, "tol", ValueError),
])
def test_projected_gradient_descent_bad_input(kwargs, match, exc):
    args = {"grad": lambda x: x, "project": project_onto_simplex, "x0": [0.5, 0.5],
            "learning_rate": 0.1}
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        projected_gradient_descent(**args)


# --------------------------------------------------------------------------- max entropy


def max_entropy_mpmath(values, mean):
    """p_i proportional to exp(lam x_i), lam by a bracketing root find at 50 digits."""
    mp.mp.dps = 50
    lo, hi = mp.mpf(min(values)), mp.mpf(max(values))
    xs = [(mp.mpf(v) - lo) / (hi - lo) for v in values]   # in [0, 1]: lam stays moderate
    mu = (mp.mpf(mean) - lo) / (hi - lo)

    def weights(lam):
        top = max(lam * x for x in xs)
        w = [mp.exp(lam * x - top) for x in xs]
        s = mp.fsum(w)
        return [wi / s for wi in w]

    def h(t):
        return mp.fsum(p * (x - mu) for p, x in zip(weights(t), xs))

    a, b = mp.mpf(-200), mp.mpf(200)   # plain bisection: h is increasing
    for _ in range(200):
        mid = (a + b) / 2
        a, b = (mid, b) if h(mid) < 0 else (a, mid)
    lam = (a + b) / 2
    return [float(p) for p in weights(lam)]


def test_max_entropy_die_with_mean_four_and_a_half():
    p = max_entropy_distribution(np.arange(1, 7), 4.5)
    np.testing.assert_allclose(p, max_entropy_mpmath(range(1, 7), 4.5), rtol=1e-12)
    np.testing.assert_allclose(p, [0.05435, 0.07877, 0.11416, 0.16545, 0.23977, 0.34749],
                               atol=5e-6)
    assert math.isclose(p @ np.arange(1, 7), 4.5, rel_tol=1e-14)


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(2, 8), st.floats(0.02, 0.98))
def test_max_entropy_against_mpmath(seed, n, frac):
    x = np.round(np.random.default_rng(seed).normal(size=n) * 3, 2)
    lo, hi = x.min(), x.max()
    if lo == hi:
        return
    mean = lo + frac * (hi - lo)
    p = max_entropy_distribution(x, mean)
    np.testing.assert_allclose(p, max_entropy_mpmath(x, mean), rtol=1e-9, atol=1e-15)
    assert math.isclose(float(p @ x), mean, rel_tol=1e-12, abs_tol=1e-12 * (hi - lo))
    # exponential-family form: log p is affine in x
    coef = np.polyfit(x, np.log(p), 1)
    np.testing.assert_allclose(np.polyval(coef, x), np.log(p), atol=1e-8)


def test_max_entropy_beats_scipy_constrained_maximisation():
    from scipy import optimize

    x = np.array([0.0, 1.0, 2.5, 4.0, 7.0])
    p = max_entropy_distribution(x, 2.0)
    ent = lambda q: float(np.sum(q * np.log(np.maximum(q, 1e-300))))  # noqa: E731 (= -H)
    sp = optimize.minimize(ent, np.ones(5) / 5, method="SLSQP", bounds=[(1e-12, 1)] * 5,
                           constraints=[{"type": "eq", "fun": lambda q: q.sum() - 1},
                                        {"type": "eq", "fun": lambda q: q @ x - 2.0}],
                           options={"ftol": 1e-14})
    assert ent(p) <= ent(sp.x) + 1e-10
    np.testing.assert_allclose(p, sp.x, atol=1e-5)


def test_max_entropy_edges_extremes_and_ties():
    np.testing.assert_allclose(max_entropy_distribution([1, 2, 3], 2.0), [1 / 3] * 3,
                               rtol=1e-14)
    np.testing.assert_array_equal(max_entropy_distribution([3, 1, 2, 1], 1.0),
                                  [0, 0.5, 0, 0.5])
    np.testing.assert_array_equal(max_entropy_distribution([3, 1, 2], 3.0), [1, 0, 0])
    np.testing.assert_array_equal(max_entropy_distribution([2.0, 2.0], 2.0), [0.5, 0.5])
    p = max_entropy_distribution([0.0, 1000.0], 999.0)   # exp(6.9 * 1000) would overflow
    assert np.all(np.isfinite(p)) and math.isclose(p @ [0, 1000], 999.0, rel_tol=1e-13)
    p = max_entropy_distribution([0.0, 1.0, 2.0], 2.0 - 1e-12)
    assert math.isclose(p @ [0, 1, 2], 2.0 - 1e-12, rel_tol=0, abs_tol=1e-15) and p[1] > 0
    p = max_entropy_distribution([1e-8, 2e-8, 4e-8], 3e-8)  # tiny scale
    assert math.isclose(p @ [1e-8, 2e-8, 4e-8], 3e-8, rel_tol=1e-12)
    p = max_entropy_distribution([5.0, 1.0, 5.0, 2.0], 4.0)
    assert p[0] == p[2]
    assert type(p) is np.ndarray and p.dtype == np.float64


@pytest.mark.parametrize("values, mean, match", [
    ([1, 2, 3], 3.5, "mean"), ([1, 2, 3], 0.0, "mean"), ([1, 2, 3], np.nan, "mean"),
    ([1, 2, 3], np.inf, "mean"), ([2.0, 2.0], 2.5, "mean"), ([1, np.nan], 1.0, "values"),
    ([], 1.0, "values"), ([[1, 2]], 1.5, "values"),
])
def test_max_entropy_bad_input(values, mean, match):
    with pytest.raises(ValueError, match=match):
        max_entropy_distribution(values, mean)
