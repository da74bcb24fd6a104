"""Estimation, intervals, bias-variance and folds: oracles (mpmath, scipy, scikit-learn used
only here), properties, coverage checks at fixed seeds, bad input."""
from __future__ import annotations

import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mathref.statistics import (
    BetaParams,
    BiasVariance,
    GaussianParams,
    Interval,
    MLEResult,
    beta_binomial_update,
    bias_variance_decomposition,
    bootstrap_confidence_interval,
    gaussian_mean_update,
    k_fold_indices,
    map_bernoulli,
    mean_confidence_interval,
    mle,
    mle_bernoulli,
    mle_gaussian,
    proportion_confidence_interval,
)

mp.mp.dps = 50
SETTINGS = settings(max_examples=40, deadline=None)

# ----------------------------------------------------------------------------- point estimates


@SETTINGS
@given(st.lists(st.integers(0, 1), min_size=1, max_size=50))
def test_mle_bernoulli_maximises_likelihood(x):
    p = mle_bernoulli(x)
    assert p == sum(x) / len(x)
    k, n = sum(x), len(x)

    def loglik(q):
        return k * mp.log(q) + (n - k) * mp.log(1 - q) if 0 < q < 1 else -mp.inf

    if 0 < p < 1:
        for q in (p - 1e-3, p + 1e-3):
            if 0 < q < 1:
                assert loglik(mp.mpf(p)) > loglik(mp.mpf(q))


@SETTINGS
@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=40), st.sampled_from([0.0, 1e8]))
def test_mle_gaussian_mpmath(values, offset):
    x = np.array(values) + offset
    res = mle_gaussian(x)
    assert isinstance(res, GaussianParams)
    mp_x = [mp.mpf(float(v)) for v in x]
    mu = mp.fsum(mp_x) / len(mp_x)
    var = mp.fsum((v - mu) ** 2 for v in mp_x) / len(mp_x)
    assert abs(res.mean - float(mu)) <= 4e-16 * float(np.max(np.abs(x)))
    assert abs(res.var - float(var)) <= 1e-12 * float(var) + 1e-20 * (offset + 1e3) ** 2
    assert res.var == pytest.approx(np.var(x), rel=1e-6, abs=1e-6)


def _exact_mean_and_var(x):
    values = [Fraction(v) for v in np.asarray(x, dtype=float).tolist()]
    mean = sum(values) / len(values)
    return mean, sum((v - mean) ** 2 for v in values) / len(values)


@pytest.mark.parametrize("offset", [0.0, 1.0, 1e9])
def test_mle_gaussian_one_pass_large_exact(offset):
    rng = np.random.default_rng(21)
    x = offset + rng.normal(size=20_011)  # the pilot mean is a sample: one pass
    mean, var = _exact_mean_and_var(x)
    res = mle_gaussian(x)
    # half an ulp of the mean plus a few tens of ulps of the standard deviation
    assert abs(Fraction(res.mean) - mean) <= math.ulp(float(mean)) + 64 * 2.0**-53
    assert res.var == pytest.approx(float(var), rel=1e-14)


def test_mle_gaussian_pilot_missed_exact():
    rng = np.random.default_rng(22)
    x = np.zeros(10_000)  # the pilot reads only the zeros (every other value)
    x[1::2] = 1e9 + rng.integers(-3, 4, size=5000)
    mean, var = _exact_mean_and_var(x)
    res = mle_gaussian(x)
    bound = math.ulp(float(mean)) + 64 * 2.0**-53 * math.sqrt(float(var))
    assert abs(Fraction(res.mean) - mean) <= bound
    assert res.var == pytest.approx(float(var), rel=1e-15)


def test_mle_gaussian_overflow_underflow_constant():
    assert mle_gaussian([1e154, -1e154, 1e154, -1e154]) == (0.0, 1e308)
    assert mle_gaussian([1.7e308, -1.7e308]).var == math.inf
    tiny = 1e-158 * np.random.default_rng(3).normal(size=1000)
    mean, var = _exact_mean_and_var(tiny)
    res = mle_gaussian(tiny)
    assert abs(Fraction(res.var) - var) <= Fraction(5e-324)
    assert res.mean == pytest.approx(float(mean), rel=1e-13)
    assert mle_gaussian(np.full(10_001, 0.1)) == (0.1, 0.0)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("where", [0, 1, 9_999])
def test_mle_gaussian_non_finite_large(bad, where):
    x = np.random.default_rng(23).normal(size=10_000)
    x[where] = bad
    with pytest.raises(ValueError, match="x must be finite"):
        mle_gaussian(x)


@SETTINGS
@given(st.lists(st.integers(0, 1), min_size=1, max_size=30), st.floats(1.0, 20.0),
       st.floats(1.0, 20.0))
def test_map_bernoulli_is_posterior_mode(x, a, b):
    k, n = sum(x), len(x)
    mode = map_bernoulli(x, a, b)
    assert mode == pytest.approx((k + a - 1) / (n + a + b - 2), rel=1e-14)
    assert 0.0 <= mode <= 1.0
    post = stats.beta(k + a, n - k + b)
    grid = np.linspace(1e-6, 1 - 1e-6, 20001)
    assert abs(grid[np.argmax(post.logpdf(grid))] - mode) <= 1e-4


def test_map_flat_prior_is_mle():
    x = [1, 0, 1, 1]
    assert map_bernoulli(x, 1, 1) == mle_bernoulli(x)
    assert map_bernoulli([0, 0, 0], 2, 2) == 0.2


@SETTINGS
@given(st.floats(0.1, 10), st.floats(0.1, 10), st.integers(0, 30), st.integers(0, 30),
       st.integers(0, 30), st.integers(0, 30))
def test_beta_binomial_update_oracle_and_batches(a, b, k1, f1, k2, f2):
    res = beta_binomial_update(a, b, k1, k1 + f1)
    assert isinstance(res, BetaParams)
    assert res == (a + k1, b + f1)
    # the posterior density is proportional to prior * likelihood
    grid = np.linspace(0.05, 0.95, 7)
    log_ratio = (stats.beta(res.a, res.b).logpdf(grid)
                 - stats.beta(a, b).logpdf(grid) - stats.binom(k1 + f1, grid).logpmf(k1))
    assert np.ptp(log_ratio) < 1e-8
    two_step = beta_binomial_update(*res, k2, k2 + f2)
    one_step = beta_binomial_update(a, b, k1 + k2, k1 + f1 + k2 + f2)
    assert two_step == pytest.approx(one_step, rel=1e-14)


@SETTINGS
@given(st.floats(-10, 10), st.floats(0.01, 100), st.lists(st.floats(-50, 50), max_size=20),
       st.floats(0.01, 100))
def test_gaussian_mean_update_mpmath(mu0, var0, data, noise):
    res = gaussian_mean_update(mu0, var0, data, noise)
    assert isinstance(res, GaussianParams)
    n = len(data)
    m_var = 1 / (1 / mp.mpf(var0) + n / mp.mpf(noise))
    m_mean = m_var * (mp.mpf(mu0) / mp.mpf(var0) + mp.fsum(mp.mpf(v) for v in data)
                      / mp.mpf(noise))
    assert res.var == pytest.approx(float(m_var), rel=1e-13)
    assert res.mean == pytest.approx(float(m_mean), rel=1e-12, abs=1e-12)


def test_gaussian_mean_update_sequential_and_vague():
    data = np.random.default_rng(0).normal(2.0, 1.0, size=30)
    one = gaussian_mean_update(0.0, 4.0, data, 1.0)
    step = gaussian_mean_update(0.0, 4.0, data[:10], 1.0)
    two = gaussian_mean_update(step.mean, step.var, data[10:], 1.0)
    assert np.allclose(one, two, rtol=1e-12)
    vague = gaussian_mean_update(5.0, 1e300, data, 2.0)
    assert vague.mean == pytest.approx(np.mean(data), rel=1e-14)
    assert vague.var == pytest.approx(2.0 / 30, rel=1e-14)
    assert gaussian_mean_update(1.0, 2.0, [], 3.0) == (1.0, 2.0)


def test_mle_numerical_matches_closed_forms():
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 2.0, size=300)

    def nll(theta):
        mu, log_sigma = theta
        return np.sum(0.5 * ((x - mu) / np.exp(log_sigma)) ** 2 + log_sigma)

    res = mle(nll, [0.0, 0.0])
    assert isinstance(res, MLEResult) and res.converged
    mu, var = mle_gaussian(x)
    assert res.x[0] == pytest.approx(mu, rel=1e-5)
    assert math.exp(2 * res.x[1]) == pytest.approx(var, rel=1e-5)
    assert res.neg_log_likelihood == pytest.approx(nll(res.x))

    b = rng.random(200) < 0.3
    k, n = int(b.sum()), len(b)
    res = mle(lambda t: -(k * np.log(t) + (n - k) * np.log1p(-t)) if 0 < t < 1 else np.inf,
              0.5)
    assert isinstance(res.x, float)
    assert res.x == pytest.approx(mle_bernoulli(b), abs=1e-5)

    # Poisson rate, log-parametrised; scalar x0, checked against the sample mean
    counts = rng.poisson(4.0, size=100)
    res = mle(lambda lr: np.exp(lr) * len(counts) - lr * counts.sum(), 0.0)
    assert math.exp(res.x) == pytest.approx(counts.mean(), rel=1e-6)


def test_estimation_bad_input():
    with pytest.raises(ValueError, match="x"):
        mle_bernoulli([0, 1, 2])
    with pytest.raises(ValueError, match="x"):
        mle_bernoulli([])
    with pytest.raises(ValueError, match="x"):
        mle_gaussian([1.0, np.nan])
    with pytest.raises(ValueError, match="a"):
        map_bernoulli([0, 1], 0.5, 2)
    with pytest.raises(ValueError, match="b"):
        map_bernoulli([0, 1], 2, -1)
    with pytest.raises(ValueError, match="x"):
        map_bernoulli([0.5], 2, 2)
    with pytest.raises(ValueError, match="a"):
        beta_binomial_update(0, 1, 1, 2)
    with pytest.raises(ValueError, match="b"):
        beta_binomial_update(1, np.inf, 1, 2)
    with pytest.raises(ValueError, match="successes"):
        beta_binomial_update(1, 1, 3, 2)
    with pytest.raises(ValueError, match="trials"):
        beta_binomial_update(1, 1, 0, -2)
    with pytest.raises(ValueError, match="successes"):
        beta_binomial_update(1, 1, 1.5, 2)
    with pytest.raises(ValueError, match="prior_var"):
        gaussian_mean_update(0, 0, [1.0], 1)
    with pytest.raises(ValueError, match="noise_var"):
        gaussian_mean_update(0, 1, [1.0], -1)
    with pytest.raises(ValueError, match="prior_mean"):
        gaussian_mean_update(np.nan, 1, [1.0], 1)
    with pytest.raises(ValueError, match="data"):
        gaussian_mean_update(0, 1, [1.0, np.inf], 1)
    with pytest.raises(TypeError, match="neg_log_likelihood"):
        mle(3, 0.0)
    with pytest.raises(ValueError, match="neg_log_likelihood"):
        mle(lambda t: np.inf, 0.0)
    with pytest.raises(ValueError, match="neg_log_likelihood"):
        mle(lambda t: np.array([1.0, 2.0]), 0.0)
    with pytest.raises(ValueError, match="x0"):
        mle(lambda t: 0.0, np.nan)


# ----------------------------------------------------------------------------- intervals


@SETTINGS
@given(st.integers(0, 10**6), st.integers(2, 40), st.sampled_from([0.5, 0.9, 0.95, 0.99]))
def test_mean_interval_vs_scipy(seed, n, level):
    x = np.random.default_rng(seed).normal(10.0, 3.0, size=n)
    low, high = mean_confidence_interval(x, level)
    ref = stats.t.interval(level, n - 1, loc=np.mean(x), scale=stats.sem(x))
    assert np.allclose([low, high], ref, rtol=1e-12)


def test_mean_interval_coverage():
    rng = np.random.default_rng(0)
    hits = 0
    for _ in range(2000):
        x = rng.normal(1.0, 2.0, size=5)
        low, high = mean_confidence_interval(x)
        hits += low <= 1.0 <= high
    # binomial(2000, 0.95) has sd 0.005: the t interval is exact for Gaussian data
    assert abs(hits / 2000 - 0.95) < 0.02


@pytest.mark.parametrize("method, scipy_method", [("wilson", "wilson"),
                                                  ("clopper-pearson", "exact")])
@pytest.mark.parametrize("k, n", [(0, 1), (1, 1), (0, 20), (3, 20), (20, 20), (7, 13),
                                  (450, 1000), (1, 10000)])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_proportion_interval_vs_scipy(method, scipy_method, k, n, level):
    ref = stats.binomtest(k, n).proportion_ci(confidence_level=level, method=scipy_method)
    got = proportion_confidence_interval(k, n, level, method)
    assert isinstance(got, Interval)
    assert got.low == pytest.approx(ref.low, rel=1e-8, abs=1e-12)
    assert got.high == pytest.approx(ref.high, rel=1e-8, abs=1e-12)


@SETTINGS
@given(st.integers(1, 500), st.floats(0.0, 1.0), st.floats(0.5, 0.999))
def test_proportion_interval_wald_and_properties(n, frac, level):
    k = int(frac * n)
    z = stats.norm.ppf(0.5 + level / 2)
    p = k / n
    wald = proportion_confidence_interval(k, n, level, "normal")
    assert wald.low == pytest.approx(p - z * math.sqrt(p * (1 - p) / n), abs=1e-12)
    assert wald.high == pytest.approx(p + z * math.sqrt(p * (1 - p) / n), abs=1e-12)
    for method in ("wilson", "clopper-pearson"):
        low, high = proportion_confidence_interval(k, n, level, method)
        assert 0.0 <= low <= p <= high <= 1.0


def test_clopper_pearson_mpmath_zero_successes():
    # k = 0: the upper end solves (1 - p)^n = alpha/2
    for n in (1, 5, 50):
        high = proportion_confidence_interval(0, n, 0.95, "clopper-pearson").high
        expected = 1 - mp.mpf("0.025") ** (mp.mpf(1) / n)
        assert high == pytest.approx(float(expected), rel=1e-12)


def test_proportion_coverage_small_n():
    # exact coverage by summing the binomial pmf over k: Wald under-covers at n = 20
    n, p = 20, 0.1
    pmf = stats.binom(n, p).pmf(np.arange(n + 1))

    def coverage(method):
        return sum(pmf[k] for k in range(n + 1)
                   if (lambda iv: iv.low <= p <= iv.high)(
                       proportion_confidence_interval(k, n, 0.95, method)))

    assert coverage("normal") < 0.90
    assert coverage("wilson") > 0.9
    assert coverage("clopper-pearson") >= 0.95


def test_bootstrap_vs_scipy_and_reproducible():
    x = np.random.default_rng(0).exponential(1.0, size=100)
    got = bootstrap_confidence_interval(x, np.mean, 0.9, 4000, rng=1)
    ref = stats.bootstrap((x,), np.mean, confidence_level=0.9, n_resamples=4000,
                          method="percentile", rng=np.random.default_rng(2)).confidence_interval
    width = ref.high - ref.low
    assert abs(got.low - ref.low) < 0.1 * width and abs(got.high - ref.high) < 0.1 * width
    assert got == bootstrap_confidence_interval(x, np.mean, 0.9, 4000, rng=1)


def test_bootstrap_percentiles_oracle():
    # the bootstrap means of {0, 1} are 0, 1/2, 1 with probabilities 1/4, 1/2, 1/4
    assert bootstrap_confidence_interval([0.0, 1.0], np.mean, 0.4, 4000, rng=3) == (0.5, 0.5)
    assert bootstrap_confidence_interval([0.0, 1.0], np.mean, 0.99, 4000, rng=3) == (0.0, 1.0)
    rng = np.random.default_rng(4)
    data = rng.normal(size=(50, 2))
    low, high = bootstrap_confidence_interval(data, lambda r: np.corrcoef(r.T)[0, 1],
                                              n_resamples=500, rng=5)
    assert -1 <= low < high <= 1


def test_interval_bad_input():
    with pytest.raises(ValueError, match="x"):
        mean_confidence_interval([1.0])
    with pytest.raises(ValueError, match="x"):
        mean_confidence_interval([1.0, np.nan])
    with pytest.raises(ValueError, match="level"):
        mean_confidence_interval([1.0, 2.0], 1.0)
    with pytest.raises(ValueError, match="level"):
        proportion_confidence_interval(1, 2, 0.0)
    with pytest.raises(ValueError, match="successes"):
        proportion_confidence_interval(3, 2)
    with pytest.raises(ValueError, match="successes"):
        proportion_confidence_interval(-1, 2)
    with pytest.raises(ValueError, match="trials"):
        proportion_confidence_interval(0, 0)
    with pytest.raises(ValueError, match="wilson.*normal.*clopper-pearson"):
        proportion_confidence_interval(1, 2, method="agresti")
    with pytest.raises(TypeError, match="statistic"):
        bootstrap_confidence_interval([1.0, 2.0], "mean")
    with pytest.raises(ValueError, match="statistic"):
        bootstrap_confidence_interval([1.0, 2.0], lambda r: r, n_resamples=10, rng=0)
    with pytest.raises(ValueError, match="statistic"):
        bootstrap_confidence_interval([1.0, 2.0], lambda r: np.nan, n_resamples=10, rng=0)
    with pytest.raises(ValueError, match="data"):
        bootstrap_confidence_interval([1.0], np.mean)
    with pytest.raises(ValueError, match="data"):
        bootstrap_confidence_interval([1.0, np.nan], np.mean)
    with pytest.raises(ValueError, match="n_resamples"):
        bootstrap_confidence_interval([1.0, 2.0], np.mean, n_resamples=0)
    with pytest.raises(ValueError, match="level"):
        bootstrap_confidence_interval([1.0, 2.0], np.mean, level=1.5)


# ----------------------------------------------------------------------------- bias-variance, folds


@SETTINGS
@given(st.integers(0, 10**6), st.integers(1, 20), st.integers(1, 15))
def test_bias_variance_mpmath(seed, m, n):
    rng = np.random.default_rng(seed)
    preds = rng.normal(size=(m, n)) * 3 + 100
    target = rng.normal(size=n) + 100
    res = bias_variance_decomposition(preds, target)
    assert isinstance(res, BiasVariance)
    P = [[mp.mpf(float(v)) for v in row] for row in preds]
    T = [mp.mpf(float(v)) for v in target]
    avg = [mp.fsum(P[i][j] for i in range(m)) / m for j in range(n)]
    bias2 = mp.fsum((avg[j] - T[j]) ** 2 for j in range(n)) / n
    var = mp.fsum((P[i][j] - avg[j]) ** 2 for i in range(m) for j in range(n)) / (m * n)
    mse = mp.fsum((P[i][j] - T[j]) ** 2 for i in range(m) for j in range(n)) / (m * n)
    assert res.bias_squared == pytest.approx(float(bias2), rel=1e-10, abs=1e-12)
    assert res.variance == pytest.approx(float(var), rel=1e-10, abs=1e-12)
    assert res.expected_mse == pytest.approx(float(mse), rel=1e-10)
    assert res.expected_mse == res.bias_squared + res.variance


def test_bias_variance_bad_input():
    with pytest.raises(ValueError, match="predictions"):
        bias_variance_decomposition([1.0, 2.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="predictions.*target"):
        bias_variance_decomposition([[1.0, 2.0]], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="target"):
        bias_variance_decomposition([[1.0, 2.0]], [1.0, np.nan])
    with pytest.raises(ValueError, match="predictions"):
        bias_variance_decomposition([[1.0, np.inf]], [1.0, 2.0])


@SETTINGS
@given(st.integers(2, 60), st.integers(2, 12))
def test_k_fold_matches_sklearn(n, k):
    from sklearn.model_selection import KFold

    if k > n:
        with pytest.raises(ValueError, match="k"):
            k_fold_indices(n, k)
        return
    ours = k_fold_indices(n, k)
    theirs = list(KFold(n_splits=k).split(np.zeros(n)))
    assert len(ours) == k
    for (tr, te), (tr2, te2) in zip(ours, theirs):
        assert np.array_equal(tr, tr2) and np.array_equal(te, te2)


@SETTINGS
@given(st.integers(2, 60), st.integers(2, 12), st.integers(0, 2**32))
def test_k_fold_shuffled_partition(n, k, seed):
    if k > n:
        return
    folds = k_fold_indices(n, k, shuffle=True, rng=seed)
    tests = np.concatenate([f.test_idx for f in folds])
    assert np.array_equal(np.sort(tests), np.arange(n))
    sizes = [len(f.test_idx) for f in folds]
    assert sizes == [n // k + (1 if i < n % k else 0) for i in range(k)]
    for f in folds:
        assert np.array_equal(np.sort(np.concatenate([f.train_idx, f.test_idx])),
                              np.arange(n))
        assert np.all(np.diff(f.test_idx) > 0) and np.all(np.diff(f.train_idx) > 0)
    again = k_fold_indices(n, k, shuffle=True, rng=seed)
    assert all(np.array_equal(a.test_idx, b.test_idx) for a, b in zip(folds, again))


def test_k_fold_bad_input():
    with pytest.raises(ValueError, match="k"):
        k_fold_indices(10, 1)
    with pytest.raises(ValueError, match="k"):
        k_fold_indices(3, 4)
    with pytest.raises(ValueError, match="n"):
        k_fold_indices(-1, 2)
    with pytest.raises(ValueError, match="n"):
        k_fold_indices(10.5, 2)
    with pytest.raises(TypeError, match="shuffle"):
        k_fold_indices(10, 2, shuffle="yes")
    with pytest.raises(TypeError, match="rng"):
        k_fold_indices(10, 2, shuffle=True, rng="x")
