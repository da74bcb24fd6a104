"""moment_from_mgf and empirical_mgf: closed-form moments as the oracle, mpmath for sums."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mathref.probability import (
    Bernoulli,
    Beta,
    Binomial,
    Exponential,
    Gamma,
    Gaussian,
    Poisson,
    Uniform,
    empirical_mgf,
    moment_from_mgf,
)

mp.mp.dps = 50


def _rising(a, k, scale=1.0):
    """a (a+1) ... (a+k-1) / scale^k, in mpmath."""
    return float(mp.rf(a, k) / mp.mpf(scale) ** k)


# (distribution, k -> closed-form E[X^k]) for every univariate family
FAMILIES = [
    (Bernoulli(0.3), lambda k: 0.3),
    (Bernoulli(1e-6), lambda k: 1e-6),
    (Binomial(20, 0.3), lambda k: float(stats.binom(20, 0.3).moment(k))),
    (Binomial(10**6, 0.5), lambda k: float(mp.fsum(
        mp.stirling2(k, j) * mp.ff(10**6, j) * mp.mpf("0.5") ** j for j in range(k + 1)))),
    (Poisson(3.0), lambda k: float(mp.fsum(mp.stirling2(k, j) * mp.mpf(3) ** j
                                           for j in range(k + 1)))),
    (Poisson(1e-3), lambda k: float(mp.fsum(mp.stirling2(k, j) * mp.mpf("1e-3") ** j
                                            for j in range(k + 1)))),
    (Uniform(-1.0, 3.0), lambda k: float((mp.mpf(3) ** (k + 1) - (-1) ** (k + 1)) / (4 * (k + 1)))),
    (Uniform(1e6, 1e6 + 1), lambda k: float(((mp.mpf(10**6) + 1) ** (k + 1)
                                              - mp.mpf(10**6) ** (k + 1)) / (k + 1))),
    (Gaussian(), lambda k: [0.0, 1.0, 0.0, 3.0][k - 1]),
    (Gaussian(1e3, 1e-2), lambda k: float(stats.norm(1e3, 1e-2).moment(k))),
    (Gaussian(-2.0, 30.0), lambda k: float(stats.norm(-2.0, 30.0).moment(k))),
    (Exponential(2.0), lambda k: math.factorial(k) / 2.0**k),
    (Exponential(1e-3), lambda k: math.factorial(k) * 1e3**k),
    (Gamma(0.01, 2.0), lambda k: _rising(0.01, k, 2.0)),
    (Gamma(1e4, 3.0), lambda k: _rising(1e4, k, 3.0)),
    (Gamma(2.5, 1e3), lambda k: _rising(2.5, k, 1e3)),
    (Beta(2.0, 5.0), lambda k: float(mp.rf(2, k) / mp.rf(7, k))),
    (Beta(0.1, 0.1), lambda k: float(mp.rf(mp.mpf("0.1"), k) / mp.rf(mp.mpf("0.2"), k))),
    (Beta(500.0, 300.0), lambda k: float(mp.rf(500, k) / mp.rf(800, k))),
]


@pytest.mark.parametrize("dist, moment", FAMILIES, ids=[repr(d) for d, _ in FAMILIES])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_contour_moments_every_family(dist, moment, k):
    expected = moment(k)
    got = moment_from_mgf(dist.mgf, k)
    assert type(got) is float
    scale = math.sqrt(dist.var) ** k
    assert abs(got - expected) <= 1e-8 * max(abs(expected), scale)
    assert moment_from_mgf(dist.mgf, k, method="contour") == got


@pytest.mark.parametrize("dist, moment", FAMILIES[::3], ids=[repr(d) for d, _ in FAMILIES[::3]])
@pytest.mark.parametrize("k", [1, 2, 4])
def test_finite_difference_fallback(dist, moment, k):
    real_only = lambda t: math.log(math.exp(1.0)) * float(dist.mgf(float(t)))  # noqa: E731
    expected = moment(k)
    got = moment_from_mgf(real_only, k)  # rejects complex t: falls back
    scale = math.sqrt(dist.var) ** k
    assert abs(got - expected) <= 1e-6 * max(abs(expected), scale)
    assert moment_from_mgf(dist.mgf, k, method="finite-difference") == pytest.approx(
        expected, rel=1e-6, abs=1e-6 * scale)


@settings(max_examples=40, deadline=None)
@given(mean=st.floats(-100.0, 100.0), std=st.floats(0.01, 100.0), k=st.integers(1, 4))
def test_gaussian_moments_random(mean, std, k):
    mu, s2 = mp.mpf(mean), mp.mpf(std) ** 2
    raw = [mu, mu**2 + s2, mu**3 + 3 * mu * s2, mu**4 + 6 * mu**2 * s2 + 3 * s2**2]
    expected = float(raw[k - 1])
    got = moment_from_mgf(Gaussian(mean, std).mgf, k)
    assert abs(got - expected) <= 1e-8 * max(abs(expected), std**k)


@settings(max_examples=40, deadline=None)
@given(shape=st.floats(0.01, 1e3), rate=st.floats(1e-3, 1e3), k=st.integers(1, 4))
def test_gamma_moments_random(shape, rate, k):
    got = moment_from_mgf(Gamma(shape, rate).mgf, k)
    assert got == pytest.approx(_rising(shape, k, rate), rel=1e-8)


def test_mgf_derivatives_are_mean_and_variance():
    # the property the MGF page shows: M'(0) = mean, M''(0) - M'(0)^2 = variance
    for dist in (Poisson(4.0), Beta(2.0, 3.0), Binomial(9, 0.2), Uniform(2.0, 5.0)):
        m1, m2 = moment_from_mgf(dist.mgf, 1), moment_from_mgf(dist.mgf, 2)
        assert m1 == pytest.approx(dist.mean, rel=1e-12)
        assert m2 - m1**2 == pytest.approx(dist.var, rel=1e-10)


def test_order_zero_and_higher_orders():
    assert moment_from_mgf(Gaussian().mgf, 0) == 1.0
    # E[Z^8] = 105, E[X^6] = 720 for Exponential(1)
    assert moment_from_mgf(Gaussian().mgf, 8) == pytest.approx(105.0, rel=1e-10)
    assert moment_from_mgf(Exponential(1.0).mgf, 6) == pytest.approx(720.0, rel=1e-10)


def test_plain_callables():
    assert moment_from_mgf(lambda t: np.exp(t * t / 2), 2) == pytest.approx(1.0, rel=1e-12)
    assert moment_from_mgf(lambda t: 1 / (1 - t), 3) == pytest.approx(6.0, rel=1e-12)


def test_bad_input():
    with pytest.raises(TypeError, match="mgf"):
        moment_from_mgf(3.0, 1)
    with pytest.raises(ValueError, match="k"):
        moment_from_mgf(Gaussian().mgf, -1)
    with pytest.raises(ValueError, match="k"):
        moment_from_mgf(Gaussian().mgf, 1.5)
    with pytest.raises(TypeError, match="k"):
        moment_from_mgf(Gaussian().mgf, "2")
    with pytest.raises(ValueError, match="method"):
        moment_from_mgf(Gaussian().mgf, 1, method="spline")
    with pytest.raises(ValueError, match="M\\(0\\) = 1"):
        moment_from_mgf(lambda t: 2.0 + t, 1)
    with pytest.raises(ValueError, match="mgf"):
        moment_from_mgf(lambda t: np.array([1.0, 1.0]), 1)
    with pytest.raises(TypeError, match="mgf"):
        moment_from_mgf(lambda t: "one", 1)
    with pytest.raises(ValueError, match="neighbourhood"):
        moment_from_mgf(lambda t: 1.0 if t == 0 else math.inf, 1)
    with pytest.raises(ValueError, match="complex"):
        moment_from_mgf(lambda t: math.exp(t), 1, method="contour")


# --------------------------------------------------------------------------- empirical_mgf

def test_empirical_mgf_matches_naive_mean():
    x = np.random.default_rng(0).normal(size=1000)
    t = np.array([-2.0, -0.5, 0.0, 0.3, 1.7])
    np.testing.assert_allclose(empirical_mgf(x, t), np.exp(np.outer(t, x)).mean(axis=1),
                               rtol=1e-13)
    assert empirical_mgf(x, 0.0) == 1.0
    assert type(empirical_mgf(x, 0.3)) is float
    assert empirical_mgf(x, t.reshape(5, 1)).shape == (5, 1)


def test_empirical_mgf_no_early_overflow():
    samples = [710.0] + [0.0] * 9
    expected = (mp.exp(710) + 9) / 10
    assert empirical_mgf(samples, 1.0) == pytest.approx(float(expected), rel=1e-13)
    assert empirical_mgf([800.0, 0.0], 1.0) == math.inf  # the mean itself is beyond 1.8e308


def test_empirical_mgf_converges_to_population():
    x = Gamma(3.0, 2.0).sample(400_000, rng=1)
    for t in (-1.0, 0.3):
        assert empirical_mgf(x, t) == pytest.approx(Gamma(3.0, 2.0).mgf(t), rel=5e-3)


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.floats(-50, 50), min_size=1, max_size=30), t=st.floats(-5, 5))
def test_empirical_mgf_random(x, t):
    expected = mp.fsum(mp.exp(mp.mpf(t) * mp.mpf(v)) for v in x) / len(x)
    assert empirical_mgf(x, t) == pytest.approx(float(expected), rel=1e-12)


def test_empirical_mgf_bad_input():
    with pytest.raises(ValueError, match="samples"):
        empirical_mgf([], 1.0)
    with pytest.raises(ValueError, match="samples"):
        empirical_mgf([1.0, np.nan], 1.0)
    with pytest.raises(ValueError, match="samples"):
        empirical_mgf([[1.0, 2.0]], 1.0)
    with pytest.raises(ValueError, match="t"):
        empirical_mgf([1.0], np.inf)
    with pytest.raises(TypeError, match="t"):
        empirical_mgf([1.0], 1j)
    with pytest.raises(TypeError, match="t"):
        empirical_mgf([1.0], "1")
