"""Samplers: statistical tests at fixed seeds (Kolmogorov-Smirnov, chi-square), oracles,
properties and bad input."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mathref.probability import (
    effective_sample_size,
    importance_weights,
    inverse_transform_sample,
    metropolis_hastings,
    rejection_sample,
)
from mathref.probability._sampling import MCMCResult

mp.mp.dps = 50
SETTINGS = settings(max_examples=40, deadline=None)
ALPHA = 1e-3  # a correct sampler fails a test at a fixed seed with probability 1e-3


# ----------------------------------------------------------------------------- inverse transform


def test_inverse_transform_exponential_ks():
    x = inverse_transform_sample(lambda u: -np.log(u) / 2.0, 20_000, rng=0)
    assert stats.kstest(x, stats.expon(scale=0.5).cdf).pvalue > ALPHA


def test_inverse_transform_gaussian_ks_and_shape():
    from scipy import special

    x = inverse_transform_sample(special.ndtri, (100, 50), rng=np.random.default_rng(1))
    assert x.shape == (100, 50)
    assert np.all(np.isfinite(x))
    assert stats.kstest(x.ravel(), stats.norm.cdf).pvalue > ALPHA


def test_inverse_transform_discrete_chi_square():
    probs = np.array([0.1, 0.2, 0.3, 0.4])
    cdf = np.cumsum(probs)
    x = inverse_transform_sample(lambda u: np.searchsorted(cdf, u), 10_000, rng=2)
    counts = np.bincount(x.astype(int), minlength=4)
    assert stats.chisquare(counts, 10_000 * probs).pvalue > ALPHA


def test_inverse_transform_uniforms_open_and_reproducible():
    u = inverse_transform_sample(lambda u: u, 100_000, rng=5)
    assert 0.0 < u.min() and u.max() < 1.0
    assert np.array_equal(u, inverse_transform_sample(lambda u: u, 100_000, rng=5))


def test_inverse_transform_bad_input():
    with pytest.raises(TypeError, match="inverse_cdf"):
        inverse_transform_sample(3.0, 10)
    with pytest.raises(ValueError, match="inverse_cdf"):
        inverse_transform_sample(lambda u: u[:-1], 10, rng=0)
    with pytest.raises(ValueError, match="inverse_cdf"):
        inverse_transform_sample(lambda u: np.where(u < 0.5, np.inf, u), 10, rng=0)
    with pytest.raises(ValueError, match="size"):
        inverse_transform_sample(lambda u: u, 0)
    with pytest.raises(ValueError, match="size"):
        inverse_transform_sample(lambda u: u, 2.5)
    with pytest.raises(TypeError, match="rng"):
        inverse_transform_sample(lambda u: u, 3, rng="seed")


# ----------------------------------------------------------------------------- rejection


def test_rejection_beta_ks():
    target = lambda x: 6 * x * (1 - x)  # noqa: E731
    x = rejection_sample(target, lambda m, rng: rng.random(m), np.ones_like, 1.5, 10_000,
                         rng=3)
    assert x.shape == (10_000,)
    assert stats.kstest(x, stats.beta(2, 2).cdf).pvalue > ALPHA


def test_rejection_unnormalised_gaussian_from_cauchy_ks():
    target = lambda x: np.exp(-0.5 * x**2)  # noqa: E731  unnormalised N(0, 1)
    proposal = stats.cauchy()
    bound = 2 * math.pi * math.exp(-0.5)  # sup exp(-x^2/2) (1 + x^2) pi, at x = +-1
    x = rejection_sample(target, lambda m, rng: rng.standard_cauchy(m), proposal.pdf,
                         bound * 1.0001, 10_000, rng=4)
    assert stats.kstest(x, stats.norm.cdf).pvalue > ALPHA


def test_rejection_multivariate():
    # uniform on the unit disc from the square [-1, 1]^2
    inside = lambda p: (np.sum(p**2, axis=1) <= 1).astype(float)  # noqa: E731
    x = rejection_sample(inside, lambda m, rng: rng.uniform(-1, 1, size=(m, 2)),
                         lambda p: np.full(len(p), 0.25), 4.0, 5000, rng=6)
    assert x.shape == (5000, 2)
    r2 = np.sum(x**2, axis=1)  # radius squared is Uniform(0, 1) on the disc
    assert stats.kstest(r2, stats.uniform.cdf).pvalue > ALPHA


def test_rejection_detects_small_bound():
    target = lambda x: 6 * x * (1 - x)  # noqa: E731
    with pytest.raises(ValueError, match="bound"):
        rejection_sample(target, lambda m, rng: rng.random(m), np.ones_like, 1.2, 1000, rng=0)


def test_rejection_bad_input():
    draw = lambda m, rng: rng.random(m)  # noqa: E731
    ones = np.ones_like
    with pytest.raises(TypeError, match="target_pdf"):
        rejection_sample(None, draw, ones, 2.0, 10)
    with pytest.raises(TypeError, match="proposal_sample"):
        rejection_sample(ones, 1, ones, 2.0, 10)
    with pytest.raises(ValueError, match="bound"):
        rejection_sample(ones, draw, ones, 0.0, 10)
    with pytest.raises(ValueError, match="bound"):
        rejection_sample(ones, draw, ones, np.nan, 10)
    with pytest.raises(ValueError, match="size"):
        rejection_sample(ones, draw, ones, 2.0, -1)
    with pytest.raises(ValueError, match="proposal_sample"):
        rejection_sample(ones, lambda m, rng: rng.random(m + 1), ones, 2.0, 10, rng=0)
    with pytest.raises(ValueError, match="target_pdf"):
        rejection_sample(lambda x: -x, draw, ones, 2.0, 10, rng=0)
    with pytest.raises(ValueError, match="target_pdf"):
        rejection_sample(lambda x: x * np.nan, draw, ones, 2.0, 10, rng=0)
    with pytest.raises(ValueError, match="proposal_pdf"):
        rejection_sample(ones, draw, lambda x: np.zeros_like(x), 2.0, 10, rng=0)
    with pytest.raises(ValueError, match="proposal_pdf"):
        rejection_sample(ones, draw, lambda x: x[:2], 2.0, 10, rng=0)
    with pytest.raises(ValueError, match="max_rounds"):
        rejection_sample(np.zeros_like, draw, ones, 2.0, 10, rng=0, max_rounds=3)


# ----------------------------------------------------------------------------- importance


@SETTINGS
@given(st.lists(st.floats(-800.0, 50.0), min_size=1, max_size=20),
       st.lists(st.floats(-50.0, 50.0), min_size=20, max_size=20))
def test_importance_weights_mpmath(log_p, log_q):
    log_p = np.array(log_p)
    log_q = np.array(log_q[: len(log_p)])
    samples = np.arange(len(log_p), dtype=float)
    w = importance_weights(lambda x: log_p[x.astype(int)], lambda x: log_q[x.astype(int)],
                           samples)
    raw = [mp.e ** (mp.mpf(float(a)) - mp.mpf(float(b))) for a, b in zip(log_p, log_q)]
    total = mp.fsum(raw)
    for wi, ri in zip(w, raw):
        assert wi == pytest.approx(float(ri / total), rel=1e-12, abs=1e-300)
    assert w.sum() == pytest.approx(1.0, abs=1e-12)


def test_importance_weights_extreme_logs_no_nan():
    w = importance_weights(lambda x: np.array([-1000.0, -1001.0, -np.inf]),
                           lambda x: np.zeros(3), np.zeros(3))
    assert np.allclose(w, [1 / (1 + math.e**-1), math.e**-1 / (1 + math.e**-1), 0.0])


def test_importance_estimate_matches_target_mean():
    rng = np.random.default_rng(7)
    x = rng.normal(0.0, 2.0, size=(40_000, 2))
    w = importance_weights(lambda p: -0.5 * np.sum((p - [1.0, -1.0]) ** 2, axis=1),
                           lambda p: -0.5 * np.sum((p / 2) ** 2, axis=1), x)
    est = w @ x
    assert np.allclose(est, [1.0, -1.0], atol=0.05)


def test_importance_weights_bad_input():
    zero = lambda x: np.zeros(len(x))  # noqa: E731
    with pytest.raises(ValueError, match="samples"):
        importance_weights(zero, zero, [1.0, np.nan])
    with pytest.raises(ValueError, match="samples"):
        importance_weights(zero, zero, np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="target_logpdf"):
        importance_weights(lambda x: np.zeros(1), zero, [1.0, 2.0])
    with pytest.raises(ValueError, match="target_logpdf"):
        importance_weights(lambda x: np.full(len(x), np.nan), zero, [1.0, 2.0])
    with pytest.raises(ValueError, match="target_logpdf"):
        importance_weights(lambda x: np.full(len(x), -np.inf), zero, [1.0, 2.0])
    with pytest.raises(ValueError, match="proposal_logpdf"):
        importance_weights(zero, lambda x: np.full(len(x), -np.inf), [1.0, 2.0])
    with pytest.raises(TypeError, match="proposal_logpdf"):
        importance_weights(zero, "q", [1.0])


@SETTINGS
@given(st.lists(st.floats(0.0, 1e200), min_size=1, max_size=30))
def test_effective_sample_size_mpmath(w):
    if max(w) == 0:
        return
    mp_w = [mp.mpf(v) for v in w]
    expected = mp.fsum(mp_w) ** 2 / mp.fsum(v * v for v in mp_w)
    got = effective_sample_size(w)
    assert got == pytest.approx(float(expected), rel=1e-12)
    assert 1.0 - 1e-12 <= got <= len(w) * (1 + 1e-12)


def test_effective_sample_size_scale_invariant_and_extremes():
    w = np.random.default_rng(0).random(50)
    assert effective_sample_size(w) == pytest.approx(effective_sample_size(w * 1e-300))
    assert effective_sample_size(np.ones(10)) == pytest.approx(10.0)
    assert effective_sample_size([0, 0, 5.0, 0]) == 1.0


def test_effective_sample_size_bad_input():
    with pytest.raises(ValueError, match="weights"):
        effective_sample_size([0.5, -0.1])
    with pytest.raises(ValueError, match="weights"):
        effective_sample_size([0.0, 0.0])
    with pytest.raises(ValueError, match="weights"):
        effective_sample_size([])
    with pytest.raises(ValueError, match="weights"):
        effective_sample_size([1.0, np.inf])


# ----------------------------------------------------------------------------- MCMC


def _thin(samples, burn=1000, every=25):
    return samples[burn::every]


def test_metropolis_hastings_gaussian_ks():
    result = metropolis_hastings(lambda x: -0.5 * ((x - 3.0) / 2.0) ** 2, 0.0, 60_000, 5.0,
                                 rng=11)
    assert isinstance(result, MCMCResult)
    assert result.samples.shape == (60_000,)
    assert 0.2 < result.acceptance_rate < 0.7
    assert isinstance(result.acceptance_rate, float)
    x = _thin(result.samples)
    assert stats.kstest(x, stats.norm(3.0, 2.0).cdf).pvalue > ALPHA


def test_metropolis_hastings_support_and_multivariate():
    # Exponential(1) target, with -inf outside the support
    def log_exp(x):
        return -x if x >= 0 else -np.inf

    result = metropolis_hastings(log_exp, 1.0, 60_000, 2.5, rng=12)
    assert result.samples.min() >= 0
    assert stats.kstest(_thin(result.samples), stats.expon.cdf).pvalue > ALPHA

    cov = np.array([[1.0, 0.8], [0.8, 1.0]])
    prec = np.linalg.inv(cov)
    chain = metropolis_hastings(lambda z: -0.5 * z @ prec @ z, [0.0, 0.0], 40_000, 1.0,
                                rng=13)
    assert chain.samples.shape == (40_000, 2)
    z = chain.samples[2000:]
    assert np.allclose(np.cov(z, rowvar=False), cov, atol=0.1)
    # the projection on a direction is N(0, v^T cov v)
    v = np.array([1.0, -1.0]) / math.sqrt(2)
    proj = _thin(chain.samples @ v, burn=2000, every=20)
    assert stats.kstest(proj, stats.norm(0, math.sqrt(v @ cov @ v)).cdf).pvalue > ALPHA


def test_metropolis_hastings_acceptance_and_reproducibility():
    tiny = metropolis_hastings(lambda x: -0.5 * x**2, 0.0, 2000, 0.01, rng=0)
    huge = metropolis_hastings(lambda x: -0.5 * x**2, 0.0, 2000, 100.0, rng=0)
    assert tiny.acceptance_rate > 0.95 and huge.acceptance_rate < 0.05
    again = metropolis_hastings(lambda x: -0.5 * x**2, 0.0, 2000, 0.01, rng=0)
    assert np.array_equal(tiny.samples, again.samples)


def test_metropolis_hastings_bad_input():
    lt = lambda x: -0.5 * np.sum(np.square(x))  # noqa: E731
    with pytest.raises(TypeError, match="log_target"):
        metropolis_hastings(1.0, 0.0, 10, 1.0)
    with pytest.raises(ValueError, match="x0"):
        metropolis_hastings(lt, np.nan, 10, 1.0)
    with pytest.raises(ValueError, match="x0"):
        metropolis_hastings(lt, [[0.0]], 10, 1.0)
    with pytest.raises(ValueError, match="x0"):
        metropolis_hastings(lambda x: -np.inf, 0.0, 10, 1.0)
    with pytest.raises(ValueError, match="n_samples"):
        metropolis_hastings(lt, 0.0, 0, 1.0)
    with pytest.raises(ValueError, match="step_size"):
        metropolis_hastings(lt, 0.0, 10, -1.0)
    with pytest.raises(ValueError, match="log_target"):
        metropolis_hastings(lambda x: np.nan, 0.0, 10, 1.0)
    with pytest.raises(ValueError, match="log_target"):
        metropolis_hastings(lambda x: np.array([1.0, 2.0]), 0.0, 10, 1.0)
