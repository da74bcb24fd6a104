"""Distributions: scipy.stats as the oracle, mpmath for the MGFs, statistical sampler checks."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import mathref
from mathref.probability import (
    Bernoulli,
    Beta,
    Binomial,
    Categorical,
    Exponential,
    Gamma,
    Gaussian,
    Multinomial,
    MultivariateGaussian,
    Poisson,
    Uniform,
)

mp.mp.dps = 50

# (ours, scipy's frozen distribution, points to check, discrete?)
UNIVARIATE = [
    (Bernoulli(0.3), stats.bernoulli(0.3), [-1, 0, 0.5, 1, 2], True),
    (Bernoulli(0.0), stats.bernoulli(0.0), [0, 1], True),
    (Binomial(20, 0.3), stats.binom(20, 0.3), [-1, 0, 1, 2.5, 6, 19, 20, 21], True),
    (Binomial(2000, 0.5), stats.binom(2000, 0.5), [0, 1, 900, 1000, 1999, 2000], True),
    (Binomial(50_000, 0.01), stats.binom(50_000, 0.01), [0, 300, 500, 700, 50_000], True),
    (Poisson(3.0), stats.poisson(3.0), [-1, 0, 1, 2.5, 3, 10, 40], True),
    (Poisson(5000.0), stats.poisson(5000.0), [0, 1, 4800, 5000, 5300], True),
    (Uniform(-1.0, 3.0), stats.uniform(-1.0, 4.0), [-2, -0.5, 0, 2.9, 4], False),
    (Gaussian(), stats.norm(), [-40, -3, 0, 0.5, 3, 40], False),
    (Gaussian(2.0, 0.1), stats.norm(2.0, 0.1), [1.5, 2.0, 2.05, 2.7], False),
    (Exponential(2.0), stats.expon(scale=0.5), [-1, 0.001, 0.5, 3, 200], False),
    (Gamma(0.5, 2.0), stats.gamma(0.5, scale=0.5), [-1, 0.01, 0.5, 4, 50], False),
    (Gamma(300.0, 1.0), stats.gamma(300.0), [200, 300, 400], False),
    (Beta(2.0, 5.0), stats.beta(2.0, 5.0), [-0.1, 0.01, 0.2, 0.9, 1.5], False),
    (Beta(0.3, 0.7), stats.beta(0.3, 0.7), [1e-6, 0.5, 0.999], False),
    (Beta(600.0, 600.0), stats.beta(600.0, 600.0), [0.45, 0.5, 0.52], False),
]
IDS = [repr(d) for d, *_ in UNIVARIATE]


def _density(d):
    return (d.pmf, d.logpmf) if hasattr(d, "pmf") else (d.pdf, d.logpdf)


@pytest.mark.parametrize("ours, ref, points, discrete", UNIVARIATE, ids=IDS)
def test_univariate_against_scipy(ours, ref, points, discrete):
    x = np.array(points, dtype=float)
    f, logf = _density(ours)
    ref_f = ref.pmf if discrete else ref.pdf
    ref_logf = ref.logpmf if discrete else ref.logpdf
    np.testing.assert_allclose(f(x), ref_f(x), rtol=1e-11, atol=0)
    expected_log = ref_logf(x)
    got_log = logf(x)
    assert np.array_equal(np.isneginf(got_log), np.isneginf(expected_log))
    finite = np.isfinite(expected_log)
    # SciPy's gammaln log-pmf itself loses ~1e-11 at n = 50 000 (ours: Loader, see below)
    np.testing.assert_allclose(got_log[finite], expected_log[finite], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.cdf(x), ref.cdf(x), rtol=1e-10, atol=1e-300)
    assert ours.mean == pytest.approx(float(ref.mean()), rel=1e-14)
    assert ours.var == pytest.approx(float(ref.var()), rel=1e-14)
    assert ours.entropy() == pytest.approx(float(ref.entropy()), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("ours, ref, points, discrete", UNIVARIATE, ids=IDS)
def test_scalar_in_float_out(ours, ref, points, discrete):
    f, logf = _density(ours)
    for method in (f, logf, ours.cdf, ours.mgf):
        assert type(method(points[1])) is float
    assert type(ours.mean) is float and type(ours.var) is float
    assert type(ours.entropy()) is float
    assert type(ours.mgf(0.1 + 0.1j)) is complex
    assert isinstance(type(ours).support, str) and ours.support == type(ours).support


def test_log_space_where_naive_breaks():
    # comb(2000, 1000) overflows, 0.5**2000 underflows
    expected = mp.log(mp.binomial(2000, 1000)) + 2000 * mp.log(mp.mpf("0.5"))
    assert Binomial(2000, 0.5).logpmf(1000) == pytest.approx(float(expected), rel=1e-14)
    assert Gaussian().logpdf(40.0) == pytest.approx(-800 - 0.5 * math.log(2 * math.pi))
    assert Gaussian().pdf(40.0) == 0.0
    assert Gaussian().cdf(-30.0) == pytest.approx(float(mp.ncdf(-30)), rel=1e-12)
    assert Beta(600.0, 600.0).pdf(0.5) == pytest.approx(
        float(mp.mpf("0.5") ** 1198 / mp.beta(600, 600)), rel=1e-11)
    assert Exponential(2.0).cdf(1e-12) == pytest.approx(2e-12, rel=1e-12)


@pytest.mark.parametrize("n, p, ks", [
    (10**9, 0.5, [5 * 10**8, 5 * 10**8 + 30_000, 1]),
    (10**7, 0.01, [10**5, 99_000, 10**7 - 1]),
    (5001, 0.2, [0, 1, 1000, 5000]),
])
def test_binomial_logpmf_exact_for_large_n(n, p, ks):
    p_mp = mp.mpf(p)
    for k in ks:
        expected = mp.log(mp.binomial(n, k)) + k * mp.log(p_mp) + (n - k) * mp.log(1 - p_mp)
        assert Binomial(n, p).logpmf(k) == pytest.approx(float(expected), rel=1e-14)


@pytest.mark.parametrize("rate, ks", [(1e9, [1e9, 1e9 + 1e5, 5]), (2000.0, [0, 1, 2000])])
def test_poisson_logpmf_exact_for_large_rate(rate, ks):
    for k in ks:
        expected = k * mp.log(rate) - rate - mp.loggamma(k + 1)
        assert Poisson(rate).logpmf(k) == pytest.approx(float(expected), rel=1e-14)


def test_entropy_large_parameters():
    # Gaussian limits with their known 1/variance corrections
    b = Binomial(10**9, 0.5)
    assert b.entropy() == pytest.approx(0.5 * math.log(2 * math.pi * math.e * b.var), abs=1e-9)
    lam = 1e8
    poisson_series = 0.5 * math.log(2 * math.pi * math.e * lam) - 1 / (12 * lam)
    assert Poisson(lam).entropy() == pytest.approx(poisson_series, abs=1e-12)
    assert Poisson(1e-10).entropy() == pytest.approx(float(1e-10 * (1 - mp.log(1e-10))), rel=1e-8)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 300), p=st.floats(0.0, 1.0).filter(lambda v: v == 0 or v > 1e-300),
       k=st.integers(-2, 302))
def test_binomial_random(n, p, k):
    ours, ref = Binomial(n, p), stats.binom(n, p)
    assert ours.pmf(k) == pytest.approx(float(ref.pmf(k)), rel=1e-10, abs=1e-300)
    assert ours.cdf(k) == pytest.approx(float(ref.cdf(k)), rel=1e-10, abs=1e-300)
    assert ours.entropy() == pytest.approx(float(ref.entropy()), rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(shape=st.floats(0.05, 500.0), rate=st.floats(0.01, 100.0), u=st.floats(0.001, 0.999))
def test_gamma_random(shape, rate, u):
    ref = stats.gamma(shape, scale=1 / rate)
    x = float(ref.ppf(u))
    ours = Gamma(shape, rate)
    assert ours.logpdf(x) == pytest.approx(float(ref.logpdf(x)), rel=1e-10, abs=1e-10)
    assert ours.cdf(x) == pytest.approx(u, rel=1e-8)
    assert ours.entropy() == pytest.approx(float(ref.entropy()), rel=1e-10, abs=1e-10)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(0.05, 200.0), b=st.floats(0.05, 200.0), u=st.floats(0.01, 0.99))
def test_beta_random(a, b, u):
    ref = stats.beta(a, b)
    x = float(ref.ppf(u))
    ours = Beta(a, b)
    if 0.0 < x < 1.0:
        assert ours.logpdf(x) == pytest.approx(float(ref.logpdf(x)), rel=1e-9, abs=1e-9)
    assert ours.entropy() == pytest.approx(float(ref.entropy()), rel=1e-9, abs=1e-9)
    assert ours.var == pytest.approx(float(ref.var()), rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(mean=st.floats(-1e3, 1e3), std=st.floats(1e-3, 1e3), z=st.floats(-30, 30))
def test_gaussian_random(mean, std, z):
    x = mean + std * z
    ours, ref = Gaussian(mean, std), stats.norm(mean, std)
    assert ours.logpdf(x) == pytest.approx(float(ref.logpdf(x)), rel=1e-9, abs=1e-9)
    assert ours.cdf(x) == pytest.approx(float(ref.cdf(x)), rel=1e-8, abs=1e-300)


@settings(max_examples=40, deadline=None)
@given(rate=st.floats(1e-3, 3000.0), k=st.integers(0, 4000))
def test_poisson_random(rate, k):
    ours, ref = Poisson(rate), stats.poisson(rate)
    assert ours.logpmf(k) == pytest.approx(float(ref.logpmf(k)), rel=1e-11, abs=1e-11)
    assert ours.cdf(k) == pytest.approx(float(ref.cdf(k)), rel=1e-9, abs=1e-300)


def test_edge_densities():
    assert Gamma(0.5, 1.0).pdf(0.0) == math.inf
    assert Gamma(1.0, 3.0).pdf(0.0) == pytest.approx(3.0, rel=1e-15)
    assert Gamma(2.0, 3.0).pdf(0.0) == 0.0
    assert Beta(0.5, 2.0).pdf(0.0) == math.inf
    assert Beta(1.0, 1.0).pdf(1.0) == 1.0
    assert Uniform(0.0, 2.0).pdf([0.0, 2.0]).tolist() == [0.5, 0.5]
    assert Bernoulli(1.0).logpmf(0) == -math.inf
    assert Binomial(0, 0.3).pmf(0) == 1.0
    assert Binomial(5, 1.0).pmf([4, 5]).tolist() == [0.0, 1.0]
    assert Bernoulli(0.5).entropy() == pytest.approx(math.log(2))
    assert Categorical([1.0, 0.0]).entropy() == 0.0
    assert Uniform(-1e308, 1e308).entropy() == pytest.approx(math.log(2) + math.log(1e308))


# --------------------------------------------------------------------------- MGFs vs mpmath

def _mp_expect_discrete(logpmf, t, lo, hi):
    return mp.fsum(mp.exp(t * k + logpmf(k)) for k in range(lo, hi + 1))


MGF_CASES = [
    (Bernoulli(0.3), lambda t: mp.fsum([mp.mpf("0.7"), mp.mpf("0.3") * mp.exp(t)])),
    (Binomial(12, 0.4), lambda t: _mp_expect_discrete(
        lambda k: mp.log(mp.binomial(12, k)) + k * mp.log(mp.mpf("0.4"))
        + (12 - k) * mp.log(mp.mpf("0.6")), t, 0, 12)),
    (Poisson(2.5), lambda t: _mp_expect_discrete(
        lambda k: k * mp.log(mp.mpf("2.5")) - mp.mpf("2.5") - mp.loggamma(k + 1), t, 0, 200)),
    (Uniform(-1.0, 2.0), lambda t: mp.quad(lambda x: mp.exp(t * x) / 3, [-1, 2])),
    (Gaussian(0.5, 1.5), lambda t: mp.quad(
        lambda x: mp.exp(t * x) * mp.npdf(x, mp.mpf("0.5"), mp.mpf("1.5")), [-mp.inf, mp.inf])),
    (Exponential(2.0), lambda t: mp.quad(lambda x: 2 * mp.exp((t - 2) * x), [0, mp.inf])),
    (Gamma(2.5, 3.0), lambda t: mp.quad(
        lambda x: mp.mpf(3) ** 2.5 / mp.gamma(2.5) * x ** 1.5 * mp.exp((t - 3) * x),
        [0, mp.inf])),
    (Beta(2.0, 3.5), lambda t: mp.quad(
        lambda x: mp.exp(t * x) * x * (1 - x) ** 2.5 / mp.beta(2, 3.5), [0, 1])),
]


@pytest.mark.parametrize("dist, oracle", MGF_CASES, ids=[repr(d) for d, _ in MGF_CASES])
@pytest.mark.parametrize("t", [-1.5, -0.01, 0.0, 0.7, 0.3 + 0.8j, -1.0 - 2.0j, 1e-9j])
def test_mgf_against_mpmath(dist, oracle, t):
    expected = complex(oracle(mp.mpc(t)))
    got = dist.mgf(t)
    assert abs(got - expected) <= 1e-12 * abs(expected) + 1e-15


def test_mgf_divergence_is_inf():
    assert Exponential(2.0).mgf(2.0) == math.inf
    assert Exponential(2.0).mgf(5.0) == math.inf
    np.testing.assert_allclose(Gamma(3.0, 1.0).mgf([0.5, 1.0, 7.0]), [8.0, math.inf, math.inf],
                               rtol=1e-15)
    assert np.isinf(Exponential(2.0).mgf(2.5 + 1j))
    assert Gaussian().mgf(100.0) == math.inf  # exp(5000) overflows: inf, no warning


def test_mgf_large_arguments_do_not_overflow_early():
    # 1 - p + p e^t with e^710 = inf but p e^710 finite
    assert Bernoulli(1e-10).mgf(710.0) == pytest.approx(float(1 - 1e-10 + 1e-10 * mp.exp(710)),
                                                        rel=1e-12)
    assert Uniform(0.0, 1.0).mgf(1e-12) == pytest.approx(1.0 + 5e-13, rel=1e-15)
    assert Uniform(0.0, 1.0).mgf(-800.0) == pytest.approx(1 / 800, rel=1e-13)
    assert Binomial(10, 1.0).mgf(-40.0) == pytest.approx(math.exp(-400), rel=1e-13)
    assert Beta(2.0, 3.0).mgf(-1000.0) == pytest.approx(
        float(mp.hyp1f1(2, 5, -1000)), rel=1e-10)


def test_vector_mgfs():
    p = np.array([0.2, 0.5, 0.3])
    t = np.array([0.3, -0.2, 1.1])
    expected = float(mp.fsum(mp.mpf(pi) * mp.exp(ti) for pi, ti in zip(p, t)))
    assert Categorical(p).mgf(t) == pytest.approx(expected, rel=1e-14)
    assert Multinomial(7, p).mgf(t) == pytest.approx(expected ** 7, rel=1e-13)
    assert Multinomial(7, p).mgf(np.stack([t, t])).shape == (2,)
    cov = np.array([[2.0, 0.3], [0.3, 0.5]])
    mvn = MultivariateGaussian([1.0, -1.0], cov)
    tt = np.array([0.2, 0.4])
    assert mvn.mgf(tt) == pytest.approx(math.exp(tt @ [1.0, -1.0] + 0.5 * tt @ cov @ tt))
    assert isinstance(mvn.mgf(tt + 0.1j), complex)


# --------------------------------------------------------------------------- vector families

def test_categorical():
    p = [0.1, 0.0, 0.6, 0.3]
    c = Categorical(p)
    np.testing.assert_array_equal(c.pmf([0, 1, 2, 3, 4, -1, 1.5]), [0.1, 0, 0.6, 0.3, 0, 0, 0])
    assert c.logpmf(1) == -math.inf
    np.testing.assert_allclose(c.cdf([-1, 0, 1, 2, 3, 10]), [0, 0.1, 0.1, 0.7, 1.0, 1.0])
    assert c.entropy() == pytest.approx(float(stats.entropy(p)), rel=1e-14)
    one_hot = Multinomial(1, p)
    np.testing.assert_allclose(c.mean, one_hot.mean)
    np.testing.assert_allclose(c.var, one_hot.var)
    np.testing.assert_allclose(c.var, stats.multinomial(1, p).cov(), atol=1e-15)
    draws = c.sample(60_000, rng=1)
    assert draws.dtype == np.int64 and not np.any(draws == 1)
    counts = np.bincount(draws, minlength=4)[[0, 2, 3]]
    assert stats.chisquare(counts, 60_000 * np.array([0.1, 0.6, 0.3])).pvalue > 1e-3


@pytest.mark.parametrize("n, p", [(5, [0.2, 0.5, 0.3]), (40, [0.25, 0.25, 0.0, 0.5]),
                                  (3000, [0.6, 0.4])])
def test_multinomial_against_scipy(n, p):
    ours, ref = Multinomial(n, p), stats.multinomial(n, p)
    rng = np.random.default_rng(3)
    x = rng.multinomial(n, p, size=20)
    bad = x.copy()
    bad[:, 0] += 1  # does not sum to n
    np.testing.assert_allclose(ours.pmf(x), ref.pmf(x), rtol=1e-10)
    np.testing.assert_allclose(ours.logpmf(x), ref.logpmf(x), rtol=1e-12)
    assert np.all(ours.pmf(bad) == 0)
    np.testing.assert_allclose(ours.mean, ref.mean(), rtol=1e-14)
    np.testing.assert_allclose(ours.var, ref.cov(), rtol=1e-14, atol=1e-14)
    assert ours.entropy() == pytest.approx(float(ref.entropy()), rel=1e-9)
    assert type(ours.pmf(x[0])) is float


def test_multinomial_entropy_brute_force():
    n, p = 6, np.array([0.5, 0.3, 0.2])
    m = Multinomial(n, p)
    total = mp.mpf(0)
    for a in range(n + 1):
        for b in range(n + 1 - a):
            f = mp.exp(mp.mpf(m.logpmf([a, b, n - a - b])))
            total -= f * mp.log(f)
    assert m.entropy() == pytest.approx(float(total), rel=1e-12)


def test_multivariate_gaussian_against_scipy():
    rng = np.random.default_rng(4)
    a = rng.normal(size=(4, 4))
    cov = a @ a.T + 0.5 * np.eye(4)
    mean = rng.normal(size=4)
    ours, ref = MultivariateGaussian(mean, cov), stats.multivariate_normal(mean, cov)
    x = rng.normal(size=(7, 4))
    np.testing.assert_allclose(ours.logpdf(x), ref.logpdf(x), rtol=1e-12)
    np.testing.assert_allclose(ours.pdf(x), ref.pdf(x), rtol=1e-12)
    assert ours.logpdf(x.reshape(7, 1, 4)).shape == (7, 1)
    assert ours.logpdf(x[0]) == pytest.approx(float(ref.logpdf(x[0])), rel=1e-12)
    assert ours.entropy() == pytest.approx(float(ref.entropy()), rel=1e-12)
    np.testing.assert_array_equal(ours.mean, mean)
    np.testing.assert_array_equal(ours.var, cov)
    assert ours.logpdf([np.inf, 0, 0, 0]) == -math.inf
    draws = ours.sample(200_000, rng=5)
    assert draws.shape == (200_000, 4)
    np.testing.assert_allclose(draws.mean(axis=0), mean, atol=0.02)
    np.testing.assert_allclose(np.cov(draws.T), cov, atol=0.05 * np.max(np.abs(cov)))


def test_multivariate_gaussian_tiny_determinant():
    mvn = MultivariateGaussian(np.zeros(100), 1e-4 * np.eye(100))
    assert mvn.logpdf(np.zeros(100)) == pytest.approx(-50 * math.log(2 * math.pi * 1e-4))


def _mvn_logpdf_mp(mean, cov, x):
    """The formula at 60 digits: Σ⁻¹ r by LU in mpmath, log det Σ by mpmath."""
    with mp.workdps(60):
        sigma = mp.matrix(np.asarray(cov).tolist())
        half_logdet = mp.log(mp.det(sigma)) / 2
        out = []
        for row in np.atleast_2d(x):
            r = mp.matrix((np.asarray(row) - np.asarray(mean)).tolist())
            maha = (r.T * mp.lu_solve(sigma, r))[0]
            out.append(float(-len(mean) * mp.log(2 * mp.pi) / 2 - half_logdet - maha / 2))
        return np.array(out)


def test_multivariate_gaussian_many_rows_with_some_infinite():
    rng = np.random.default_rng(11)
    cov = np.array([[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 0.5]])
    mean = np.array([0.5, -1.0, 2.0])
    x = rng.normal(size=(5000, 3))
    bad = [3, 4, 999, 4999]
    x[3] = [np.inf, 0.0, 0.0]
    x[4] = [np.inf, -np.inf, np.inf]
    x[999] = [0.0, 0.0, -np.inf]
    x[4999] = [1.0, np.inf, 1.0]
    out = MultivariateGaussian(mean, cov).logpdf(x)
    good = np.setdiff1d(np.arange(5000), bad)
    np.testing.assert_allclose(out[good], stats.multivariate_normal(mean, cov).logpdf(x[good]),
                               rtol=1e-13)
    np.testing.assert_array_equal(out[bad], -np.inf)
    np.testing.assert_array_equal(MultivariateGaussian(mean, cov).pdf(x[bad]), 0.0)
    np.testing.assert_allclose(out[good[:20]], _mvn_logpdf_mp(mean, cov, x[good[:20]]),
                               rtol=1e-14)


def test_multivariate_gaussian_infinite_and_overflowing_rows_give_minus_inf():
    # a diagonal factor: the solve meets 0 * inf, whose NaN must still read as -inf
    diag = MultivariateGaussian([0.0, 0.0, 0.0], np.diag([1e-300, 1.0, 1.0]))
    x = np.array([[np.inf, 0.0, 0.0],     # inf in the row
                  [1e200, 0.0, 0.0],      # finite row, z = 1e350 overflows
                  [0.0, 1e200, 1e200],    # finite z, z * z overflows
                  [0.0, 1.0, 0.0]])
    out = diag.logpdf(x)
    np.testing.assert_array_equal(out[:3], -np.inf)
    true = -1.5 * mp.log(2 * mp.pi) - mp.log(mp.mpf(1e-300)) / 2 - mp.mpf(1) / 2
    assert out[3] == pytest.approx(float(true), rel=1e-14)
    far = MultivariateGaussian([-1e308, 0.0], np.eye(2))
    assert far.logpdf([1e308, 0.0]) == -np.inf  # x - mu overflows
    with pytest.raises(ValueError, match="x must not contain NaN"):
        far.logpdf([[0.0, 0.0], [np.nan, 0.0]])


@pytest.mark.parametrize("d, cond", [(4, 1e10), (10, 1e12)])
def test_multivariate_gaussian_ill_conditioned_against_mpmath(d, cond):
    rng = np.random.default_rng(d)
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    cov = (q * np.logspace(0, -math.log10(cond), d)) @ q.T
    cov = (cov + cov.T) / 2
    mean = rng.normal(size=d)
    x = mean + rng.normal(size=(6, d)) * [[1e-3], [1e-3], [1.0], [1.0], [1e3], [1e3]]
    ours = MultivariateGaussian(mean, cov).logpdf(x)
    # the Cholesky factor of a matrix with condition number c is accurate to about c eps
    np.testing.assert_allclose(ours, _mvn_logpdf_mp(mean, cov, x), rtol=50 * cond * 2.2e-16)


def test_multivariate_gaussian_logpdf_shapes():
    mvn = MultivariateGaussian([0.0, 1.0, 2.0], np.eye(3))
    assert mvn.logpdf(np.zeros((0, 3))).shape == (0,)
    assert mvn.logpdf(np.zeros((2, 4, 3))).shape == (2, 4)
    assert type(mvn.logpdf([0.0, 1.0, 2.0])) is float
    strided = np.arange(60.0).reshape(10, 6)[:, ::2] / 60  # a non-contiguous view
    np.testing.assert_allclose(mvn.logpdf(strided), mvn.logpdf(strided.copy()), rtol=0)
    np.testing.assert_allclose(mvn.logpdf(np.asfortranarray(strided)), mvn.logpdf(strided),
                               rtol=0)
    assert mvn.logpdf(np.ones((4, 3), dtype=np.float32)).dtype == np.float64


# --------------------------------------------------------------------------- samplers

CONTINUOUS = [(d, ref) for d, ref, _, disc in UNIVARIATE if not disc]
DISCRETE = [(d, ref) for d, ref, _, disc in UNIVARIATE if disc]


@pytest.mark.parametrize("dist, ref", CONTINUOUS, ids=[repr(d) for d, _ in CONTINUOUS])
def test_continuous_samplers_ks(dist, ref):
    draws = dist.sample(5000, rng=123)
    assert draws.shape == (5000,) and draws.dtype == np.float64
    assert stats.kstest(draws, ref.cdf).pvalue > 1e-3
    assert np.array_equal(draws, dist.sample(5000, rng=123))


@pytest.mark.parametrize("dist, ref", DISCRETE, ids=[repr(d) for d, _ in DISCRETE])
def test_discrete_samplers_chisquare(dist, ref):
    draws = dist.sample(20_000, rng=7)
    assert draws.dtype == np.int64
    lo, hi = int(ref.ppf(1e-4)), int(ref.ppf(1 - 1e-4))
    edges = np.unique(np.linspace(lo, hi + 1, 12).astype(int))
    inner = np.histogram(draws, bins=edges)[0]
    observed = np.concatenate([[np.sum(draws < lo)], inner, [np.sum(draws > edges[-1] - 1)]])
    probs = np.diff(ref.cdf(edges - 1))
    expected = np.concatenate([[ref.cdf(lo - 1)], probs, [ref.sf(edges[-1] - 1)]]) * draws.size
    keep = expected > 5
    observed, expected = observed[keep], expected[keep]
    if len(observed) < 2:
        return  # degenerate (all mass on one value)
    expected *= observed.sum() / expected.sum()
    assert stats.chisquare(observed, expected).pvalue > 1e-3


def test_sample_shapes_and_rng():
    assert Gaussian().sample((3, 4), rng=0).shape == (3, 4)
    assert Multinomial(5, [0.5, 0.5]).sample((2, 3), rng=0).shape == (2, 3, 2)
    assert Poisson(1.0).sample(0, rng=0).shape == (0,)
    gen = np.random.default_rng(0)
    assert Gaussian().sample(3, rng=gen).shape == (3,)
    np.testing.assert_array_equal(Multinomial(5, [0.5, 0.5]).sample(4, rng=1).sum(axis=1), 5)


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("make, match, exc", [
    (lambda: Bernoulli(1.5), "p", ValueError),
    (lambda: Bernoulli(-0.1), "p", ValueError),
    (lambda: Bernoulli(float("nan")), "p", ValueError),
    (lambda: Bernoulli("0.5"), "p", TypeError),
    (lambda: Binomial(-1, 0.5), "n", ValueError),
    (lambda: Binomial(2.5, 0.5), "n", ValueError),
    (lambda: Binomial(10, 1.1), "p", ValueError),
    (lambda: Categorical([0.5, 0.6]), "p", ValueError),
    (lambda: Categorical([1.2, -0.2]), "p", ValueError),
    (lambda: Categorical([[0.5, 0.5]]), "p", ValueError),
    (lambda: Multinomial(-2, [0.5, 0.5]), "n", ValueError),
    (lambda: Multinomial(3, [0.5, 0.4]), "p", ValueError),
    (lambda: Poisson(0.0), "rate", ValueError),
    (lambda: Poisson(-1.0), "rate", ValueError),
    (lambda: Poisson(float("inf")), "rate", ValueError),
    (lambda: Uniform(1.0, 1.0), "a must be less than b", ValueError),
    (lambda: Uniform(2.0, 1.0), "a must be less than b", ValueError),
    (lambda: Uniform(float("nan"), 1.0), "a", ValueError),
    (lambda: Uniform(0.0, float("inf")), "b", ValueError),
    (lambda: Gaussian(float("nan"), 1.0), "mean", ValueError),
    (lambda: Gaussian(0.0, 0.0), "std", ValueError),
    (lambda: Gaussian(0.0, -1.0), "std", ValueError),
    (lambda: MultivariateGaussian([0.0, 0.0], [[1.0, 0.9], [0.5, 1.0]]), "cov", ValueError),
    (lambda: MultivariateGaussian([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]]), "cov", ValueError),
    (lambda: MultivariateGaussian([0.0, 0.0], [[1.0]]), "cov", ValueError),
    (lambda: MultivariateGaussian([0.0, 0.0], [[1.0, 0.0], [0.0, 0.0]]), "cov", ValueError),
    (lambda: MultivariateGaussian([[0.0]], [[1.0]]), "mean", ValueError),
    (lambda: MultivariateGaussian([np.nan], [[1.0]]), "mean", ValueError),
    (lambda: Exponential(0.0), "rate", ValueError),
    (lambda: Gamma(0.0, 1.0), "shape", ValueError),
    (lambda: Gamma(1.0, -2.0), "rate", ValueError),
    (lambda: Beta(0.0, 1.0), "a", ValueError),
    (lambda: Beta(1.0, -1.0), "b", ValueError),
])
def test_bad_parameters(make, match, exc):
    with pytest.raises(exc, match=match):
        make()


ALL = [d for d, *_ in UNIVARIATE[:1]] + [
    Categorical([0.5, 0.5]), Multinomial(3, [0.5, 0.5]),
    MultivariateGaussian([0.0, 0.0], np.eye(2)), Gaussian(), Poisson(2.0)]


@pytest.mark.parametrize("dist", ALL, ids=repr)
def test_bad_method_arguments(dist):
    f = dist.pmf if hasattr(dist, "pmf") else dist.pdf
    logf = dist.logpmf if hasattr(dist, "pmf") else dist.logpdf
    point = [np.nan, 1.0] if dist._event_dim == 2 else np.nan
    for method in (f, logf):
        with pytest.raises(ValueError, match="x"):
            method(point)
        with pytest.raises(TypeError, match="x"):
            method("a")
    with pytest.raises(ValueError, match="t"):
        dist.mgf(np.nan if dist._t_dim == 0 else [np.nan, 0.0])
    with pytest.raises(TypeError, match="t"):
        dist.mgf("a")
    with pytest.raises(ValueError, match="size"):
        dist.sample(-1)
    with pytest.raises(ValueError, match="size"):
        dist.sample(2.5)
    with pytest.raises(TypeError, match="size"):
        dist.sample([2, 3])
    with pytest.raises(TypeError, match="rng"):
        dist.sample(3, rng="seed")
    with pytest.raises(ValueError, match="rng"):
        dist.sample(3, rng=-1)


def test_bad_vector_shapes():
    with pytest.raises(ValueError, match="x"):
        Multinomial(3, [0.5, 0.5]).pmf([1, 1, 1])
    with pytest.raises(ValueError, match="x"):
        MultivariateGaussian([0.0, 0.0], np.eye(2)).pdf(0.0)
    with pytest.raises(ValueError, match="t"):
        Categorical([0.5, 0.5]).mgf(0.1)
    with pytest.raises(ValueError, match="t"):
        MultivariateGaussian([0.0, 0.0], np.eye(2)).mgf([0.1, 0.2, 0.3])


def test_read_only_and_exported():
    g = Gaussian()
    with pytest.raises(AttributeError):
        g.support = "x"
    with pytest.raises(AttributeError):
        g.mean = 3.0
    for name in mathref.probability._distributions.__all__:
        assert getattr(mathref, name) is getattr(mathref.probability, name)
    assert repr(Binomial(3, 0.5)) == "Binomial(n=3, p=0.5)"


@pytest.mark.parametrize("dist", [Binomial(20, 0.3), Binomial(5000, 0.3), Poisson(3.0),
                                  Poisson(5000.0)], ids=repr)
def test_tabulated_and_direct_log_pmf_agree(dist):
    # long arrays are looked up in a cached table of the exact log-pmf, short ones are not
    rng = np.random.default_rng(8)
    x = np.concatenate([dist.sample(20_000, rng=rng).astype(float), [-1.0, 2.5, np.inf, -3.0]])
    long_log, long_pmf = dist.logpmf(x), dist.pmf(x)
    short_log = np.array([dist.logpmf(v) for v in x[::397]])
    np.testing.assert_array_equal(long_log[::397], short_log)
    np.testing.assert_array_equal(long_log[-4:], [-np.inf] * 4)
    np.testing.assert_array_equal(long_pmf, np.exp(long_log))


@pytest.mark.parametrize("shape", [50.0, 199.9, 200.0, 1e4, 565497338.6709757, 1e15])
def test_gamma_entropy_has_no_cancellation_at_large_shape(shape):
    from mathref import Gamma

    with mp.workdps(50):
        a = mp.mpf(shape)
        exact = a - mp.log(3) + mp.loggamma(a) + (1 - a) * mp.digamma(a)
    assert Gamma(shape, 3.0).entropy() == pytest.approx(float(exact), rel=1e-13)


def test_uniform_whose_width_overflows_float64():
    """b - a = 2e308 is inf in float64; cdf, mgf and sampling work at half scale."""
    import mpmath

    u = Uniform(-1e308, 1e308)
    assert u.cdf(0.0) == 0.5
    assert np.array_equal(u.cdf([-1e308, -5e307, 1e308, 1.7e308]), [0.0, 0.25, 1.0, 1.0])
    a, b = mpmath.mpf(-1e308), mpmath.mpf(1e308)
    with mpmath.workdps(50):
        for t in (1e-310, 1e-312, -3e-311):
            T = mpmath.mpf(t)
            exact = (mpmath.exp(T * b) - mpmath.exp(T * a)) / (T * (b - a))
            assert u.mgf(t) == pytest.approx(float(exact), rel=1e-14)
        exact = mpmath.sin(b) / b  # M(i) = sin(h)/h for the symmetric interval
        assert u.mgf(1j) == pytest.approx(complex(float(exact), 0.0), rel=1e-12)
    assert u.mgf(-1e-300) == math.inf  # e^{ta} with ta = 1e8
    draws = u.sample(1000, rng=0)
    assert np.all(np.isfinite(draws)) and draws.min() >= -1e308 and draws.max() <= 1e308
    assert abs((draws / 1e308).mean()) < 0.1


@pytest.mark.parametrize(("n", "p"), [(30, [0.1, 0.9]), (200, [0.3, 0.7]),
                                      (2000, [0.3, 0.7]), (20000, [0.3, 0.7])])
def test_multinomial_entropy_large_n_against_mpmath(n, p):
    """Two categories: the entropy is that of Binomial(n, p_0), summed exactly in mpmath."""
    with mp.workdps(50):
        q = [mp.mpf(v) for v in p]
        exact = -mp.fsum(
            mp.exp(lp) * lp for lp in (
                mp.log(mp.binomial(n, k)) + (k * mp.log(q[0]) if k else 0)
                + ((n - k) * mp.log(q[1]) if n - k else 0) for k in range(n + 1)))
    assert Multinomial(n, p).entropy() == pytest.approx(float(exact), rel=5e-12)


def test_stirlerr_table_matches_mpmath():
    from mathref.probability._distributions import _STIRLERR_TABLE, _stirlerr

    with mp.workdps(40):
        for k in range(1, 16):
            exact = mp.log(mp.factorial(k)) - (k * mp.log(k) - k + mp.log(2 * mp.pi * k) / 2)
            assert _STIRLERR_TABLE[k - 1] == pytest.approx(float(exact), rel=1e-16)
    assert _stirlerr(np.array([15.0, 16.0]))[0] == _STIRLERR_TABLE[14]
