"""Tests for mathref.calculus: oracles (closed forms, mpmath, scipy), properties, bad input."""
from __future__ import annotations

import math
import re
import warnings

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref import calculus
from mathref.calculus import (
    MonteCarloResult,
    derivative,
    directional_derivative,
    divergence,
    gradient,
    gradient_check,
    hessian,
    integrate,
    jacobian,
    laplacian,
    monte_carlo_integrate,
    simpson,
    trapezoid,
)

mp.mp.dps = 50


class Counting:
    """Wraps a callable and counts its calls."""

    def __init__(self, f):
        self.f = f
        self.calls = 0

    def __call__(self, x):
        self.calls += 1
        return self.f(x)


# --------------------------------------------------------------------------------------
# Test functions of one variable: (numpy f, mpmath f, f', f'') with closed forms.
# --------------------------------------------------------------------------------------

def _rosen1(x):  # Rosenbrock along a line: 100 (1.3 - x^2)^2 + (1 - x)^2
    return 100.0 * (1.3 - x * x) ** 2 + (1.0 - x) ** 2


ONE_D = {
    "rosenbrock": (
        _rosen1,
        lambda x: 100 * (mp.mpf("1.3") - x * x) ** 2 + (1 - x) ** 2,
        lambda x: -400.0 * x * (1.3 - x * x) - 2.0 * (1.0 - x),
        lambda x: 1200.0 * x * x - 520.0 + 2.0,
    ),
    "exp": (np.exp, mp.exp, np.exp, np.exp),
    "sin": (np.sin, mp.sin, np.cos, lambda x: -np.sin(x)),
    "logsumexp": (
        lambda x: np.logaddexp(0.0, 3.0 * x) + np.logaddexp(-x, 2.0),
        lambda x: mp.log(1 + mp.exp(3 * x)) + mp.log(mp.exp(-x) + mp.exp(2)),
        lambda x: 3.0 / (1.0 + np.exp(-3.0 * x)) - 1.0 / (1.0 + np.exp(x + 2.0)),
        lambda x: (9.0 * np.exp(-3.0 * x) / (1.0 + np.exp(-3.0 * x)) ** 2
                   + np.exp(x + 2.0) / (1.0 + np.exp(x + 2.0)) ** 2),
    ),
}
POINTS = [-3.1, -1.0, -0.2, 0.0, 0.37, 1.0, 2.5, 7.0]


@pytest.mark.parametrize("name", sorted(ONE_D))
@pytest.mark.parametrize("x", POINTS)
def test_derivative_closed_forms(name, x):
    f, _, d1, d2 = ONE_D[name]
    first, second = float(d1(x)), float(d2(x))
    assert abs(derivative(f, x) - first) <= 1e-9 * max(1.0, abs(first))
    assert abs(derivative(f, x, order=2) - second) <= 1e-6 * max(1.0, abs(second))


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(ONE_D)), x=st.floats(-20.0, 20.0), order=st.sampled_from([1, 2]))
def test_derivative_against_mpmath(name, x, order):
    f, g, _, _ = ONE_D[name]
    true = float(mp.diff(g, mp.mpf(x), order))
    tol = 1e-9 if order == 1 else 1e-6
    assert abs(derivative(f, x, order) - true) <= tol * max(1.0, abs(true))


@pytest.mark.parametrize("x", [1e6, -1e6, 12345.678, 1e8, 1e10])
def test_derivative_large_x_does_not_blow_up(x):
    # A first step proportional to |x| once gave derivative(np.sin, 1e6) = -1.5e-4.
    err = abs(derivative(np.sin, x) - math.cos(x))
    assert err <= 1e-8
    assert err <= 1e-9 * abs(x)
    assert abs(derivative(np.sin, x, order=2) + math.sin(x)) <= 1e-6


def test_derivative_large_x_power_and_log():
    x = 1e6
    assert abs(derivative(lambda t: t ** 3, x) - 3e12) <= 1e-9 * 3e12
    assert abs(derivative(lambda t: t ** 3, x, order=2) - 6e6) <= 1e-6 * 6e6
    assert abs(derivative(np.log, x) - 1e-6) <= 1e-9
    assert abs(derivative(np.log, x, order=2) + 1e-12) <= 1e-6


def test_derivative_at_zero():
    assert derivative(np.sin, 0.0) == pytest.approx(1.0, abs=1e-12)
    assert derivative(np.cos, 0.0) == pytest.approx(0.0, abs=1e-12)
    assert derivative(np.cos, 0.0, order=2) == pytest.approx(-1.0, abs=1e-9)
    assert derivative(lambda t: t ** 3, 0.0) == pytest.approx(0.0, abs=1e-12)
    assert derivative(np.tanh, 0.0) == pytest.approx(1.0, abs=1e-12)
    assert derivative(np.abs, 0.0) == 0.0  # the average of the one-sided slopes


def test_derivative_near_domain_edge_skips_non_finite_steps():
    # log is NaN for the first steps (x - h < 0): those levels are discarded.
    for x in (1e-3, 1e-6):
        assert abs(derivative(np.log, x) - 1 / x) <= 1e-9 * (1 / x)
        assert abs(derivative(np.log, x, order=2) + 1 / x ** 2) <= 1e-6 / x ** 2
    # exp overflows at the first steps near its limit.
    x = 709.0
    assert abs(derivative(np.exp, x) / math.exp(x) - 1.0) <= 1e-9


def test_derivative_small_scale_function_with_step():
    # A period much shorter than the default first step: a smaller `step` resolves it.
    x = 0.3
    true = 1000.0 * math.cos(1000.0 * x)
    assert abs(derivative(lambda t: np.sin(1000.0 * t), x, step=1e-3) - true) <= 1e-9 * 1000
    assert abs(derivative(np.sin, 1.0, step=0.5) - math.cos(1.0)) <= 1e-12


def test_derivative_eval_counts_are_modest():
    for name in ONE_D:
        f = Counting(ONE_D[name][0])
        derivative(f, 0.37)
        assert f.calls <= 1 + 2 * 20


@pytest.mark.parametrize("name", sorted(ONE_D))
def test_derivative_at_least_as_accurate_as_scipy(name):
    from scipy.differentiate import derivative as scipy_derivative

    f, _, d1, _ = ONE_D[name]
    for x in POINTS:
        true = float(d1(x))
        ours = abs(derivative(f, x) - true)
        theirs = abs(float(scipy_derivative(f, x).df) - true)
        # "At least as accurate", up to a floor of rounding noise at 1e-13 relative.
        assert ours <= max(theirs, 1e-13 * max(1.0, abs(true))), (x, ours, theirs)


def test_derivative_returns_python_float():
    assert type(derivative(np.sin, 0.5)) is float
    assert type(derivative(lambda t: t * t, np.float32(2.0))) is float


def test_derivative_bad_input():
    with pytest.raises(TypeError, match="f"):
        derivative(3.0, 1.0)
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="x"):
            derivative(np.sin, bad)
    with pytest.raises(TypeError, match="x"):
        derivative(np.sin, "1.0")
    with pytest.raises(TypeError, match="x"):
        derivative(np.sin, [1.0, 2.0])
    for bad in (0, 3, -1):
        with pytest.raises(ValueError, match="order"):
            derivative(np.sin, 1.0, order=bad)
    with pytest.raises(ValueError, match="order"):
        derivative(np.sin, 1.0, order=1.5)
    for bad in (0.0, -1.0, math.nan):
        with pytest.raises(ValueError, match="step"):
            derivative(np.sin, 1.0, step=bad)
    with pytest.raises(ValueError, match="f must return a scalar"):
        derivative(lambda t: np.array([t, t]), 1.0)
    with pytest.raises(TypeError, match="f must return a real"):
        derivative(lambda t: "one", 1.0)
    with pytest.raises(ValueError, match="f returned a non-finite"):
        derivative(lambda t: math.nan, 1.0)
    with pytest.raises(ValueError, match="f returned a non-finite"):
        derivative(lambda t: 1.0 / t if t != 0 else math.inf, 0.0)
    # finite only at the point itself: every step is non-finite
    with pytest.raises(ValueError, match="f returned non-finite values at every step"):
        derivative(lambda t: 0.0 if t == 2.0 else math.nan, 2.0)


# --------------------------------------------------------------------------------------
# Functions of several variables
# --------------------------------------------------------------------------------------

def rosen(x):
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))


def rosen_grad(x):
    g = np.zeros_like(x)
    g[:-1] = -400.0 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * (x[1:] - x[:-1] ** 2)
    return g


def lse(x):
    top = np.max(x)
    return float(top + np.log(np.sum(np.exp(x - top))))


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def smooth(x):  # not a polynomial, so the extrapolation needs several levels
    return float(np.sum(np.sin(x) * np.exp(0.1 * x)) + lse(x))


def smooth_grad(x):
    return np.cos(x) * np.exp(0.1 * x) + 0.1 * np.sin(x) * np.exp(0.1 * x) + softmax(x)


vectors = st.lists(st.floats(-2.0, 2.0), min_size=2, max_size=6).map(np.array)


@settings(max_examples=40, deadline=None)
@given(x=vectors)
def test_gradient_closed_forms(x):
    for f, g in ((rosen, rosen_grad), (lse, softmax), (smooth, smooth_grad)):
        true = g(x)
        err = np.max(np.abs(gradient(f, x) - true))
        assert err <= 1e-9 * max(1.0, np.max(np.abs(true)))


def test_gradient_n100_uses_O_n_evaluations_per_level():
    rng = np.random.default_rng(0)
    for n in (25, 50, 100):
        x = rng.uniform(-1.0, 1.0, n)
        f = Counting(smooth)
        g = gradient(f, x)
        assert np.max(np.abs(g - smooth_grad(x))) <= 1e-9 * np.max(np.abs(smooth_grad(x)))
        # one call at x, then at most 2n per level; few levels, independent of n
        levels = (f.calls - 1) / (2 * n)
        assert (f.calls - 1) % 2 == 0
        assert levels <= 15, (n, f.calls)
    f = Counting(rosen)
    gradient(f, rng.uniform(-1.0, 1.0, 100))
    assert f.calls <= 1 + 2 * 100 * 15


def test_gradient_of_linear_and_constant():
    a = np.array([1.5, -2.0, 0.25])
    assert np.allclose(gradient(lambda x: a @ x, [1e3, -7.0, 0.0]), a, rtol=1e-12, atol=0)
    assert np.array_equal(gradient(lambda x: 4.0, [1.0, 2.0]), [0.0, 0.0])


def test_gradient_bad_input():
    with pytest.raises(TypeError, match="f"):
        gradient(None, [1.0])
    with pytest.raises(ValueError, match="x"):
        gradient(rosen, [1.0, np.nan])
    with pytest.raises(ValueError, match="x"):
        gradient(rosen, [[1.0, 2.0]])
    with pytest.raises(ValueError, match="x"):
        gradient(rosen, 1.0)
    with pytest.raises(ValueError, match="x"):
        gradient(rosen, [])
    with pytest.raises(ValueError, match="f must return a scalar"):
        gradient(lambda x: x, [1.0, 2.0])
    with pytest.raises(ValueError, match="f returned a non-finite"):
        gradient(lambda x: np.inf, [1.0, 2.0])
    with pytest.raises(ValueError, match="step"):
        gradient(rosen, [1.0, 2.0], step=-1.0)


def test_gradient_does_not_let_f_mutate_x():
    x = np.array([1.0, 2.0])

    def mutating(p):
        value = float(p @ p)
        p[:] = 0.0
        return value

    assert np.allclose(gradient(mutating, x), 2 * x)
    assert np.array_equal(x, [1.0, 2.0])


def F_field(x):
    return np.array([x[0] * x[1], np.sin(x[0]) + x[2] ** 2, np.exp(x[1]) * x[2], x[0]])


def F_jac(x):
    return np.array([
        [x[1], x[0], 0.0],
        [np.cos(x[0]), 0.0, 2 * x[2]],
        [0.0, np.exp(x[1]) * x[2], np.exp(x[1])],
        [1.0, 0.0, 0.0],
    ])


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.floats(-2.0, 2.0), min_size=3, max_size=3).map(np.array))
def test_jacobian_closed_form_numerator_layout(x):
    J = jacobian(F_field, x)
    assert J.shape == (4, 3)
    true = F_jac(x)
    assert np.max(np.abs(J - true)) <= 1e-9 * max(1.0, np.max(np.abs(true)))
    # row i is the gradient of output i
    assert np.allclose(J[1], gradient(lambda p: F_field(p)[1], x), atol=1e-9)


def test_jacobian_of_gradient_is_hessian():
    x = np.array([0.3, -0.4, 1.1])
    J = jacobian(softmax, x)
    p = softmax(x)
    assert np.allclose(J, np.diag(p) - np.outer(p, p), atol=1e-10)


def test_jacobian_bad_input():
    with pytest.raises(TypeError, match="F"):
        jacobian("F", [1.0])
    with pytest.raises(ValueError, match="x"):
        jacobian(F_field, [1.0, np.inf, 0.0])
    with pytest.raises(ValueError, match="F must return a non-empty 1-D"):
        jacobian(lambda x: float(x[0]), [1.0, 2.0])
    with pytest.raises(ValueError, match="F must return a non-empty 1-D"):
        jacobian(lambda x: np.outer(x, x), [1.0, 2.0])
    changing = lambda x: np.ones(2) if x[0] == 1.0 else np.ones(3)  # noqa: E731
    with pytest.raises(ValueError, match="F must return a 1-D array of length 2"):
        jacobian(changing, [1.0, 2.0])
    with pytest.raises(ValueError, match="F returned a non-finite"):
        jacobian(lambda x: np.array([1.0, np.nan]), [1.0, 2.0])


def lse_hessian(x):
    p = softmax(x)
    return np.diag(p) - np.outer(p, p)


@settings(max_examples=40, deadline=None)
@given(x=vectors)
def test_hessian_closed_forms(x):
    from scipy.optimize import rosen_hess

    for f, h in ((rosen, rosen_hess), (lse, lse_hessian)):
        H = hessian(f, x)
        true = h(x)
        assert np.array_equal(H, H.T)
        assert np.linalg.norm(H - true) <= 1e-6 * max(np.linalg.norm(true), 1e-300) + 1e-12


def test_hessian_against_mpmath():
    x = [0.4, -0.7, 1.3]

    def g(a, b, c):
        return mp.exp(a * b) + mp.sin(b - c) * c + mp.log(1 + a * a + c * c)

    f = lambda p: float(np.exp(p[0] * p[1]) + np.sin(p[1] - p[2]) * p[2]  # noqa: E731
                        + np.log(1 + p[0] ** 2 + p[2] ** 2))
    true = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            order = [0, 0, 0]
            order[i] += 1
            order[j] += 1
            true[i, j] = float(mp.diff(g, [mp.mpf(v) for v in x], tuple(order)))
    H = hessian(f, x)
    assert np.linalg.norm(H - true) <= 1e-8 * np.linalg.norm(true)


def test_hessian_bad_input():
    with pytest.raises(TypeError, match="f"):
        hessian(1, [1.0])
    with pytest.raises(ValueError, match="x"):
        hessian(rosen, [[1.0]])
    with pytest.raises(ValueError, match="f must return a scalar"):
        hessian(lambda x: x, [1.0, 2.0])


@settings(max_examples=40, deadline=None)
@given(x=vectors)
def test_laplacian_is_trace_of_hessian(x):
    assert laplacian(lse, x) == pytest.approx(np.trace(lse_hessian(x)), abs=1e-8)
    assert laplacian(lambda p: float(np.sum(p ** 2)), x) == pytest.approx(2.0 * x.size,
                                                                          rel=1e-10)


def test_laplacian_closed_forms():
    # harmonic: 1/|x| in 3-D away from the origin
    x = np.array([0.7, -1.2, 0.4])
    assert abs(laplacian(lambda p: 1.0 / np.linalg.norm(p), x)) <= 1e-7
    f = lambda p: float(np.exp(p[0]) * np.sin(p[1]))  # noqa: E731  (harmonic too)
    assert abs(laplacian(f, [0.3, 0.9])) <= 1e-8
    assert type(laplacian(f, [0.3, 0.9])) is float


def test_laplacian_bad_input():
    with pytest.raises(ValueError, match="x"):
        laplacian(lse, [np.nan])
    with pytest.raises(TypeError, match="f"):
        laplacian([1], [1.0])


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.floats(-2.0, 2.0), min_size=3, max_size=3).map(np.array))
def test_divergence_closed_form_and_trace(x):
    field = lambda p: np.array([p[0] * p[1], np.sin(p[1]) * p[2], np.exp(p[2])])  # noqa
    true = x[1] + np.cos(x[1]) * x[2] + np.exp(x[2])
    assert divergence(field, x) == pytest.approx(true, abs=1e-9 * max(1.0, abs(true)))
    assert divergence(field, x) == pytest.approx(np.trace(jacobian(field, x)), abs=1e-9)


def test_divergence_of_gradient_is_laplacian():
    x = np.array([0.2, -0.5, 0.9])
    assert divergence(softmax, x) == pytest.approx(laplacian(lse, x), abs=1e-9)


def test_divergence_bad_input():
    with pytest.raises(ValueError, match="F must map R\\^n to R\\^n"):
        divergence(lambda p: np.array([1.0, 2.0, 3.0]), [1.0, 2.0])
    with pytest.raises(ValueError, match="F must return"):
        divergence(lambda p: 1.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="x"):
        divergence(softmax, [np.inf, 1.0])
    with pytest.raises(TypeError, match="F"):
        divergence(None, [1.0])


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.floats(-2.0, 2.0), min_size=3, max_size=3).map(np.array),
       v=st.lists(st.floats(-5.0, 5.0), min_size=3, max_size=3).map(np.array),
       scale=st.floats(1e-3, 1e3))
def test_directional_derivative_is_gradient_dot_unit(x, v, scale):
    if np.linalg.norm(v) < 1e-6:
        return
    u = v / np.linalg.norm(v)
    true = smooth_grad(x) @ u
    d = directional_derivative(smooth, x, v)
    assert d == pytest.approx(true, abs=1e-9 * max(1.0, np.linalg.norm(smooth_grad(x))))
    assert directional_derivative(smooth, x, scale * v) == pytest.approx(d, abs=1e-9)


def test_directional_derivative_bad_input():
    with pytest.raises(ValueError, match="v must be non-zero"):
        directional_derivative(smooth, [1.0, 2.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="v must have the same length"):
        directional_derivative(smooth, [1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="v"):
        directional_derivative(smooth, [1.0, 2.0], [1.0, np.nan])
    with pytest.raises(ValueError, match="x"):
        directional_derivative(smooth, [1.0, np.nan], [1.0, 0.0])
    with pytest.raises(TypeError, match="f"):
        directional_derivative(0, [1.0], [1.0])


def test_gradient_check_formula_and_thresholds():
    x = np.array([0.5, -1.0, 2.0])
    f = lambda p: float(np.sum(p ** 3))  # noqa: E731
    assert gradient_check(f, lambda p: 3 * p ** 2, x) <= 1e-12
    # wrong factor: |3x^2 - 2x^2| / (|2x^2| + |3x^2|) = 1/5 exactly
    assert gradient_check(f, lambda p: 2 * p ** 2, x) == pytest.approx(0.2, rel=1e-10)
    # opposite direction gives 1; a zero gradient against a non-zero one gives 1
    assert gradient_check(f, lambda p: -3 * p ** 2, x) == pytest.approx(1.0, rel=1e-10)
    assert gradient_check(f, lambda p: np.zeros(3), x) == pytest.approx(1.0)
    # both zero: 0, not 0/0
    assert gradient_check(lambda p: 1.0, lambda p: np.zeros(2), [1.0, 2.0]) == 0.0
    # manual transcription of the formula
    g_a = rosen_grad(x) + np.array([0.0, 1e-3, 0.0])
    g_n = rosen_grad(x)
    manual = np.linalg.norm(g_a - g_n) / max(np.linalg.norm(g_a) + np.linalg.norm(g_n),
                                             np.finfo(float).tiny)
    assert gradient_check(rosen, lambda p: rosen_grad(p) + [0.0, 1e-3, 0.0], x) == \
        pytest.approx(manual, rel=1e-6)


def test_gradient_check_is_scale_free_and_finds_index_bug():
    rng = np.random.default_rng(3)
    x = rng.normal(size=8)
    good = gradient_check(smooth, smooth_grad, x)
    assert good < 1e-9
    big = gradient_check(lambda p: 1e250 * smooth(p), lambda p: 1e250 * smooth_grad(p), x)
    assert big < 1e-9

    def swapped(p):  # the classic bug: two components swapped
        g = smooth_grad(p)
        g[[2, 5]] = g[[5, 2]]
        return g

    assert gradient_check(smooth, swapped, x) > 1e-2


def test_gradient_check_bad_input():
    x = [1.0, 2.0]
    with pytest.raises(ValueError, match="grad must return a 1-D array of length 2"):
        gradient_check(rosen, lambda p: np.zeros(3), x)
    with pytest.raises(ValueError, match="grad must return"):
        gradient_check(rosen, lambda p: 1.0, x)
    with pytest.raises(ValueError, match="grad returned a non-finite"):
        gradient_check(rosen, lambda p: np.array([np.nan, 1.0]), x)
    with pytest.raises(TypeError, match="grad"):
        gradient_check(rosen, "grad", x)
    with pytest.raises(TypeError, match="f"):
        gradient_check(None, rosen_grad, x)
    with pytest.raises(ValueError, match="x"):
        gradient_check(rosen, rosen_grad, [np.inf, 1.0])


# --------------------------------------------------------------------------------------
# Integrals
# --------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(a=st.floats(-5.0, 5.0), b=st.floats(-5.0, 5.0), c=st.floats(0.1, 3.0))
def test_integrate_against_mpmath(a, b, c):
    f = lambda t: np.exp(-c * t * t) * np.cos(t) + t ** 3  # noqa: E731
    g = lambda t: mp.exp(-c * t * t) * mp.cos(t) + t ** 3  # noqa: E731
    true = float(mp.quad(g, [a, b]))
    assert integrate(f, a, b) == pytest.approx(true, rel=1e-10, abs=1e-12)


def test_integrate_infinite_limits_and_singular_endpoints():
    assert integrate(lambda t: np.exp(-t * t), -np.inf, np.inf) == pytest.approx(
        math.sqrt(math.pi), rel=1e-12)
    assert integrate(lambda t: 1.0 / (1.0 + t * t), 0.0, np.inf) == pytest.approx(
        math.pi / 2, rel=1e-12)
    assert integrate(lambda t: np.exp(t), -np.inf, 0.0) == pytest.approx(1.0, rel=1e-12)
    assert integrate(lambda t: 1.0 / np.sqrt(t), 0.0, 1.0) == pytest.approx(2.0, rel=1e-10)
    assert integrate(np.log, 0.0, 1.0) == pytest.approx(-1.0, rel=1e-10)
    true = float(mp.quad(lambda t: mp.exp(-t) * mp.log(t) ** 2, [0, mp.inf]))
    assert integrate(lambda t: np.exp(-t) * np.log(t) ** 2, 0, np.inf) == pytest.approx(
        true, rel=1e-9)


def test_integrate_orientation_and_empty_interval():
    assert integrate(np.sin, np.pi, 0.0) == pytest.approx(-2.0, rel=1e-12)
    assert integrate(np.sin, 1.0, 1.0) == 0.0
    assert integrate(lambda t: t, -1.0, 1.0) == pytest.approx(0.0, abs=1e-14)
    assert type(integrate(np.sin, 0.0, 1.0)) is float


def test_integrate_passes_one_float():
    seen = []

    def f(t):
        seen.append(t)
        return t * t

    integrate(f, 0.0, 1.0)
    assert all(isinstance(t, float) for t in seen)


def test_integrate_bad_input():
    with pytest.raises(TypeError, match="f"):
        integrate(1.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="a"):
        integrate(np.sin, math.nan, 1.0)
    with pytest.raises(ValueError, match="b"):
        integrate(np.sin, 0.0, math.nan)
    with pytest.raises(TypeError, match="b"):
        integrate(np.sin, 0.0, "1")
    with pytest.raises(ValueError, match="rtol"):
        integrate(np.sin, 0.0, 1.0, rtol=0.0)
    with pytest.raises(ValueError, match="atol"):
        integrate(np.sin, 0.0, 1.0, atol=-1.0)
    with pytest.raises(ValueError, match="f must return a scalar"):
        integrate(lambda t: [t, t], 0.0, 1.0)
    with pytest.raises(ValueError, match="f returned a non-finite"):
        integrate(lambda t: math.nan, 0.0, 1.0)
    with pytest.raises(ValueError, match="could not reach the tolerance"):
        integrate(lambda t: 1.0 / t, 0.0, 1.0)  # divergent
    with pytest.raises(ValueError, match="could not reach the tolerance"):
        integrate(lambda t: 1.0, 0.0, np.inf)  # divergent


def _bell_cos(t):
    return math.exp(-t * t) * math.cos(50 * t)


def _quad_points(f, a, b):
    """The points QUADPACK evaluates, with the peer's settings (scipy only as the oracle)."""
    from scipy import integrate as si

    seen = []
    si.quad(lambda t: seen.append(t) or f(t), a, b, epsabs=1e-12, epsrel=1e-10, limit=200)
    return seen


def test_integrate_calls_f_once_per_quadpack_point_when_values_are_fine():
    points = _quad_points(_bell_cos, -10.0, 10.0)
    counted = Counting(_bell_cos)
    true = float(mp.quad(lambda t: mp.exp(-t * t) * mp.cos(50 * t), mp.linspace(-10, 10, 41)))
    assert integrate(counted, -10.0, 10.0) == pytest.approx(true, rel=1e-10, abs=1e-12)
    assert counted.calls == len(points)  # no second, checking run


@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_integrate_finds_one_non_finite_value_anywhere_in_the_run(where, bad):
    points = _quad_points(_bell_cos, -10.0, 10.0)
    target = {"first": points[0], "middle": points[len(points) // 2], "last": points[-1]}[where]

    def f(t):
        return bad if t == target else _bell_cos(t)

    with pytest.raises(ValueError, match=rf"f returned a non-finite value .* at t = "
                                         rf"{re.escape(repr(target))}"):
        integrate(f, -10.0, 10.0)


def test_integrate_finds_non_finite_values_on_infinite_ranges():
    with pytest.raises(ValueError, match="f returned a non-finite value"):
        integrate(lambda t: math.inf if t > 50.0 else math.exp(-t * t), 0.0, np.inf)
    with np.errstate(invalid="ignore"), pytest.raises(ValueError, match="at t = 0.0"):
        integrate(lambda t: np.sin(t) / t, -1.0, 1.0)  # 0/0 at the first node only


def test_integrate_refuses_complex_values_even_when_only_some_are():
    with pytest.raises(TypeError, match="f must return a real number"):
        integrate(lambda t: complex(t, 1.0), 0.0, 1.0)
    with pytest.raises(TypeError, match="f must return a real number"):
        integrate(lambda t: t ** 0.5, -1.0, 1.0)  # complex for t < 0 only
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # QUADPACK's ComplexWarning must not reach the user
        with pytest.raises(TypeError, match="f must return a real number"):
            integrate(lambda t: np.complex128(t), 0.0, 1.0)


def test_integrate_refuses_values_that_are_not_numbers():
    with pytest.raises(TypeError, match="f must return a real number"):
        integrate(lambda t: "1", 0.0, 1.0)
    with pytest.raises(TypeError, match="f must return a real number"):
        integrate(lambda t: None, 0.0, 1.0)
    with pytest.raises(TypeError, match="f must return a real number"):
        integrate(lambda t: 10 ** 400, 0.0, 1.0)  # an int beyond the float range
    with pytest.raises(ValueError, match="f must return a scalar"):
        integrate(lambda t: np.array([t]), 0.0, 1.0)


def test_integrate_lets_f_own_errors_through():
    def f(t):
        raise TypeError("my own bug")

    with pytest.raises(TypeError, match="my own bug"):
        integrate(f, 0.0, 1.0)
    with pytest.raises(OverflowError):
        integrate(math.exp, 0.0, 1000.0)  # math.exp raises OverflowError itself


def test_integrate_accepts_any_real_scalar_and_values_whose_sum_overflows():
    assert integrate(lambda t: np.float32(2.0), 0.0, 1.0) == 2.0
    assert integrate(lambda t: 3, 0.0, 1.0) == 3.0
    assert integrate(lambda t: True, 0.0, 1.0) == 1.0
    assert integrate(lambda t: np.array(4.0), 0.0, 1.0) == 4.0
    assert integrate(np.sin, 0.0, np.pi) == pytest.approx(2.0, rel=1e-14)
    # every value is finite, only the running sum of values overflows: the checking run
    # finds nothing wrong and the integral is returned
    assert integrate(lambda t: 1e307, 0.0, 1.0) == pytest.approx(1e307, rel=1e-14)
    counted = Counting(lambda t: 1e307)
    integrate(counted, 0.0, 1.0)
    assert counted.calls == 2 * len(_quad_points(lambda t: 1e307, 0.0, 1.0))


def test_integrate_limits_and_tolerances_of_other_types():
    assert integrate(np.sin, 0, np.float32(np.pi)) == pytest.approx(2.0, rel=1e-6)
    assert integrate(np.sin, np.float64(0.0), math.pi, rtol=np.float64(1e-12), atol=1) == \
        pytest.approx(2.0, rel=1e-12)
    with pytest.raises(ValueError, match="rtol"):
        integrate(np.sin, 0.0, 1.0, rtol=math.inf)
    with pytest.raises(ValueError, match="atol"):
        integrate(np.sin, 0.0, 1.0, atol=math.nan)
    with pytest.raises(TypeError, match="rtol"):
        integrate(np.sin, 0.0, 1.0, rtol="1e-8")


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 40), seed=st.integers(0, 2**32 - 1), uniform=st.booleans(),
       reverse=st.booleans())
def test_trapezoid_and_simpson_match_scipy(n, seed, uniform, reverse):
    from scipy import integrate as si

    rng = np.random.default_rng(seed)
    x = np.linspace(-1.0, 2.0, n) if uniform else np.sort(rng.uniform(-1.0, 2.0, n))
    if np.any(np.diff(x) <= 0):
        return
    if reverse:
        x = x[::-1]
    y = np.exp(x) * np.sin(3 * x) + rng.normal(size=n)
    assert trapezoid(y, x) == pytest.approx(float(si.trapezoid(y, x)), rel=1e-12, abs=1e-12)
    assert simpson(y, x) == pytest.approx(float(si.simpson(y, x=x)), rel=1e-10, abs=1e-10)
    assert trapezoid(y) == pytest.approx(float(si.trapezoid(y)), rel=1e-12, abs=1e-12)
    assert simpson(y) == pytest.approx(float(si.simpson(y)), rel=1e-10, abs=1e-10)


@pytest.mark.parametrize("n", [3, 4, 5, 8, 11])
def test_simpson_exact_for_quadratics_on_any_grid(n):
    rng = np.random.default_rng(n)
    x = np.sort(rng.uniform(0.0, 2.0, n))
    y = 3 * x ** 2 - x + 1
    true = (x[-1] ** 3 - x[0] ** 3) - (x[-1] ** 2 - x[0] ** 2) / 2 + (x[-1] - x[0])
    assert simpson(y, x) == pytest.approx(true, rel=1e-12)
    assert trapezoid(2 * x + 1, x) == pytest.approx(
        (x[-1] ** 2 - x[0] ** 2) + (x[-1] - x[0]), rel=1e-12)


def test_simpson_cubic_uniform_and_convergence_orders():
    x = np.linspace(0.0, 2.0, 5)
    assert simpson(x ** 3, x) == pytest.approx(4.0, rel=1e-14)
    errs_t, errs_s = [], []
    for n in (17, 33, 65):
        x = np.linspace(0.0, np.pi, n)
        errs_t.append(abs(trapezoid(np.sin(x), x) - 2.0))
        errs_s.append(abs(simpson(np.sin(x), x) - 2.0))
    assert 3.5 < errs_t[0] / errs_t[1] < 4.5  # O(h^2)
    assert 14.0 < errs_s[0] / errs_s[1] < 18.0  # O(h^4)


def test_trapezoid_simpson_bad_input():
    for rule in (trapezoid, simpson):
        with pytest.raises(ValueError, match="y must hold at least 2"):
            rule([1.0])
        with pytest.raises(ValueError, match="y"):
            rule([[1.0, 2.0]])
        with pytest.raises(ValueError, match="y"):
            rule([1.0, np.nan])
        with pytest.raises(ValueError, match="x and y must have the same length"):
            rule([1.0, 2.0, 3.0], [0.0, 1.0])
        with pytest.raises(ValueError, match="x must be strictly"):
            rule([1.0, 2.0, 3.0], [0.0, 1.0, 1.0])
        with pytest.raises(ValueError, match="x must be strictly"):
            rule([1.0, 2.0, 3.0], [0.0, 2.0, 1.0])
        with pytest.raises(ValueError, match="x"):
            rule([1.0, 2.0], [0.0, np.inf])
        with pytest.raises(TypeError, match="y"):
            rule("abc")


_BLOCK = calculus._PANEL_BLOCK


def _trapezoid_fsum(y, x):
    """The rule with every panel rounded once and an exactly rounded sum (the oracle)."""
    return math.fsum((x[i + 1] - x[i]) * (y[i] + y[i + 1]) / 2 for i in range(len(y) - 1))


@pytest.mark.parametrize("n", [_BLOCK - 1, _BLOCK, _BLOCK + 1, _BLOCK + 2, 3 * _BLOCK + 5])
@pytest.mark.parametrize("reverse", [False, True])
def test_trapezoid_across_block_boundaries(n, reverse):
    rng = np.random.default_rng(n)
    x = np.cumsum(rng.uniform(0.5, 1.5, n)) * 1e-3
    y = np.exp(np.sin(7 * x)) + rng.normal(0.0, 0.1, n)
    if reverse:
        x, y = x[::-1], y[::-1]
    true = _trapezoid_fsum(y.tolist(), x.tolist())
    assert trapezoid(y, x) == pytest.approx(true, rel=1e-13)
    assert trapezoid(list(y), list(x)) == trapezoid(y, x)


@pytest.mark.parametrize("position", [0, 5, _BLOCK - 1, _BLOCK, _BLOCK + 3, 3 * _BLOCK + 3])
@pytest.mark.parametrize("fault", ["repeat", "swap", "turn"])
def test_trapezoid_refuses_non_monotone_x_in_any_block(position, fault):
    n = 3 * _BLOCK + 10
    x = np.arange(n, dtype=float)
    if fault == "repeat":
        x[position + 1] = x[position]
    elif fault == "swap":
        x[position], x[position + 1] = x[position + 1], x[position]
    else:  # increases up to position + 1, decreases after
        x[position + 2:] = 2 * x[position + 1] - x[position + 2:]
    for sign in (1.0, -1.0):
        with pytest.raises(ValueError, match="x must be strictly increasing or strictly"):
            trapezoid(np.ones(n), sign * x)


@pytest.mark.parametrize("y_at_jump", [0.0, 1.0, -1.0])
def test_trapezoid_overflowing_spacing_in_a_later_block(y_at_jump):
    n = 2 * _BLOCK + 7
    x = np.linspace(-1.7e308, -1.0e308, n)
    x[-1] = 1.0e308  # the last spacing is 2e308: overflows to inf
    y = np.ones(n)
    y[-2:] = y_at_jump  # 0 * inf makes the panel NaN, the others make it +-inf
    for grid in (x, -x):
        with pytest.raises(ValueError, match="x spans more than the largest float"):
            trapezoid(y, grid)


def test_trapezoid_error_order_and_overflowing_sums():
    # each message as before the one-pass rule, in the same order of checks
    with pytest.raises(ValueError, match="y must be finite"):
        trapezoid([1.0, np.nan], [0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="y must be finite"):
        trapezoid([np.inf, 1.0, 2.0], [0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="x must be finite"):
        trapezoid([1.0, 2.0, 3.0], [0.0, np.nan, 2.0])
    with pytest.raises(ValueError, match="x must be finite"):
        trapezoid([1.0, 2.0, 3.0], [0.0, 1.0, -np.inf])
    with pytest.raises(ValueError, match="x spans more than the largest float"):
        trapezoid([1.0, 2.0, 3.0], [1e308, -1e308, 0.0])  # overflow reported first
    # finite samples whose integral exceeds the largest float: inf, as the formula says
    assert trapezoid([1e308, 1e308, 1e308], [0.0, 10.0, 20.0]) == math.inf
    assert trapezoid([-1e308, -1e308], [10.0, 0.0]) == math.inf


def test_monte_carlo_known_integrals():
    est, se = monte_carlo_integrate(lambda p: np.sum(p ** 2, axis=1), [0.0, 0.0, 0.0],
                                    [1.0, 1.0, 1.0], 200_000, rng=0)
    assert abs(est - 1.0) < 4 * se
    assert se < 0.005
    # scalar bounds: f receives a 1-D array of n points
    shapes = []

    def f1(t):
        shapes.append(t.shape)
        return np.exp(t)

    est, se = monte_carlo_integrate(f1, 0.0, 2.0, 50_000, rng=1)
    assert shapes == [(50_000,)]
    assert abs(est - (math.exp(2.0) - 1.0)) < 4 * se
    # vector bounds of length 1: f receives (n, 1)
    shapes.clear()
    monte_carlo_integrate(lambda p: shapes.append(p.shape) or p[:, 0], [0.0], [1.0], 10,
                          rng=2)
    assert shapes == [(10, 1)]


def test_monte_carlo_result_type_and_reproducibility():
    f = lambda p: np.cos(p[:, 0]) * p[:, 1]  # noqa: E731
    r1 = monte_carlo_integrate(f, [0, -1], [2, 3], 1000, rng=5)
    r2 = monte_carlo_integrate(f, [0, -1], [2, 3], 1000, rng=np.random.default_rng(5))
    assert isinstance(r1, MonteCarloResult) and r1 == r2
    assert type(r1.estimate) is float and type(r1.std_error) is float
    # the formula: V * mean, V * s / sqrt(n), from the same points
    rng = np.random.default_rng(5)
    pts = np.array([0.0, -1.0]) + np.array([2.0, 4.0]) * rng.random((1000, 2))
    vals = f(pts)
    assert r1.estimate == pytest.approx(8.0 * vals.mean(), rel=1e-12)
    assert r1.std_error == pytest.approx(8.0 * vals.std(ddof=1) / math.sqrt(1000), rel=1e-12)


def test_monte_carlo_std_error_shrinks_like_inverse_sqrt_n_and_covers():
    f = lambda p: np.exp(-np.sum(p ** 2, axis=1))  # noqa: E731
    se_small = monte_carlo_integrate(f, [0, 0], [1, 1], 1_000, rng=0).std_error
    se_large = monte_carlo_integrate(f, [0, 0], [1, 1], 100_000, rng=0).std_error
    assert 8.0 < se_small / se_large < 12.5
    true = (math.sqrt(math.pi) / 2 * math.erf(1.0)) ** 2
    covered = 0
    for seed in range(200):
        est, se = monte_carlo_integrate(f, [0, 0], [1, 1], 400, rng=seed)
        covered += abs(est - true) <= 1.96 * se
    assert 0.88 <= covered / 200 <= 0.99


def test_monte_carlo_large_offset_keeps_variance():
    # two-pass variance: a constant offset of 1e9 does not wipe out the spread
    est, se = monte_carlo_integrate(lambda t: 1e9 + t, 0.0, 1.0, 10_000, rng=0)
    assert se == pytest.approx(math.sqrt(1 / 12) / 100, rel=0.05)


def test_monte_carlo_bad_input():
    f = lambda p: np.sum(p, axis=1)  # noqa: E731
    with pytest.raises(TypeError, match="f"):
        monte_carlo_integrate(None, [0.0], [1.0], 10)
    with pytest.raises(ValueError, match="lower must be below upper"):
        monte_carlo_integrate(f, [0.0, 1.0], [1.0, 1.0], 10)
    with pytest.raises(ValueError, match="lower and upper must have the same shape"):
        monte_carlo_integrate(f, [0.0, 0.0], [1.0, 1.0, 1.0], 10)
    with pytest.raises(ValueError, match="lower"):
        monte_carlo_integrate(f, [-np.inf, 0.0], [1.0, 1.0], 10)
    with pytest.raises(ValueError, match="upper"):
        monte_carlo_integrate(f, [0.0, 0.0], [[1.0, 1.0]], 10)
    with pytest.raises(ValueError, match="n"):
        monte_carlo_integrate(f, [0.0], [1.0], 1)
    with pytest.raises(TypeError, match="n"):
        monte_carlo_integrate(f, [0.0], [1.0], "10")
    with pytest.raises(TypeError, match="rng"):
        monte_carlo_integrate(f, [0.0], [1.0], 10, rng="seed")
    with pytest.raises(ValueError, match="f must return one value per point"):
        monte_carlo_integrate(lambda p: p, [0.0, 0.0], [1.0, 1.0], 10)
    with pytest.raises(ValueError, match="f must return one value per point"):
        monte_carlo_integrate(lambda p: 1.0, [0.0, 0.0], [1.0, 1.0], 10)
    with pytest.raises(ValueError, match="f returned a non-finite"):
        monte_carlo_integrate(lambda p: np.full(len(p), np.nan), [0.0], [1.0], 10)


def test_module_contract():
    assert calculus.__all__ == [
        "derivative", "gradient", "jacobian", "hessian", "laplacian", "divergence",
        "directional_derivative", "gradient_check", "integrate", "trapezoid", "simpson",
        "monte_carlo_integrate",
    ]
    assert set(calculus._ENTRIES) == set(calculus.__all__)
    assert "MonteCarloResult" not in calculus.__all__


def test_directional_derivative_far_from_the_origin():
    # x + t*u rounds off the line at |x| ~ 1e5; the result must still match grad . u
    import mpmath

    x = np.array([221237.2443820759, 372061.1958928607, 725367.1181101591,
                  -771412.6352206955])
    v = np.array([-0.24980180770358548, -1.3176214297181248, -0.5726572676201213,
                  -2.0969375389220652])

    def g(p):
        return (np.sum(np.sin(p)) + np.log(1 + p[0] ** 2 + p[1] ** 2)
                + p[2] * np.sin(p[3]) / 2)

    mpmath.mp.dps = 50
    X = [mpmath.mpf(t) for t in x]
    grad = [mpmath.cos(X[0]) + 2 * X[0] / (1 + X[0] ** 2 + X[1] ** 2),
            mpmath.cos(X[1]) + 2 * X[1] / (1 + X[0] ** 2 + X[1] ** 2),
            mpmath.cos(X[2]) + mpmath.sin(X[3]) / 2,
            mpmath.cos(X[3]) + X[2] * mpmath.cos(X[3]) / 2]
    norm = mpmath.sqrt(mpmath.fsum(mpmath.mpf(t) ** 2 for t in v))
    exact = float(mpmath.fsum(gi * mpmath.mpf(t) / norm for gi, t in zip(grad, v)))
    from mathref import directional_derivative

    assert directional_derivative(g, x, v) == pytest.approx(exact, rel=1e-9)


@pytest.mark.parametrize("x", [None, [0.0, 10.0, 20.0, 30.0], [0.0, 1.0, 3.0, 3.5]])
def test_rules_with_values_whose_sums_overflow(x):
    """The panels overflow (1e308 + 1e308) but the integral does not: no NaN."""
    y = np.array([1e308, 1e308, -1e308, -1e308])
    for rule in (trapezoid, simpson):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            value = rule(y, x)
        unit = rule(y / 1e308, x)  # the same rule at unit scale, exact scaling
        assert value == pytest.approx(unit * 1e308, rel=1e-15, abs=1e292)


def test_rules_overflow_only_when_the_integral_does():
    assert trapezoid([1e308] * 5, [0.0, 1.0, 2.0, 3.0, 4.0]) == math.inf
    assert simpson([1e308] * 5, [0.0, 1.0, 2.0, 3.0, 4.0]) == math.inf
    assert trapezoid([1e308, 1e308], [0.0, 0.5]) == 5e307


def test_simpson_refuses_spacings_whose_weights_overflow():
    with pytest.raises(ValueError, match="spacings of x"):
        simpson([1.0, 1.0, 1.0], [0.0, 1e-300, 1e300])
