"""Counting, Bayes, joint tables and moments: oracles, properties, edge cases, bad input."""
from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.probability import (
    are_independent,
    bayes_rule,
    conditional,
    correlation_matrix,
    covariance_matrix,
    expectation,
    log_n_choose_k,
    marginal,
    multinomial_coefficient,
    n_choose_k,
    n_permute_k,
    posterior,
    sample_mean,
    sample_variance,
    total_probability,
    variance,
)

mp.mp.dps = 50
SETTINGS = settings(max_examples=40, deadline=None)

# ----------------------------------------------------------------------------- counting


def test_n_choose_k_exact_large():
    value = n_choose_k(1000, 500)
    assert type(value) is int
    assert value == math.factorial(1000) // (math.factorial(500) ** 2)


@SETTINGS
@given(st.integers(0, 60), st.integers(0, 70))
def test_counting_brute_force(n, k):
    if n <= 8 and k <= 8:
        assert n_choose_k(n, k) == sum(1 for _ in itertools.combinations(range(n), k))
        assert n_permute_k(n, k) == sum(1 for _ in itertools.permutations(range(n), k))
    expected = 0 if k > n else int(mp.binomial(n, k))
    assert n_choose_k(n, k) == expected
    assert n_permute_k(n, k) == (0 if k > n else math.factorial(n) // math.factorial(n - k))
    if k <= n:
        assert n_permute_k(n, k) == math.factorial(k) * n_choose_k(n, k)


def test_k_greater_than_n_is_zero():
    assert n_choose_k(3, 5) == 0
    assert n_permute_k(3, 5) == 0
    assert log_n_choose_k(3, 5) == -math.inf


@SETTINGS
@given(st.lists(st.integers(0, 8), min_size=1, max_size=5))
def test_multinomial_oracle(counts):
    n = sum(counts)
    expected = math.factorial(n)
    for c in counts:
        expected //= math.factorial(c)
    assert multinomial_coefficient(counts) == expected
    assert type(multinomial_coefficient(np.array(counts))) is int


def test_multinomial_brute_force():
    word = "MISSISSIPPI"
    arrangements = len(set(itertools.permutations("MISSISP")))
    assert multinomial_coefficient([1, 3, 2, 1]) == arrangements  # M, S, I, P of MISSISP
    assert multinomial_coefficient([1, 4, 4, 2]) == 34650
    assert len(word) == 11


@pytest.mark.parametrize("n, k", [(1000, 500), (10**6, 3), (10**15, 1), (10**15, 7),
                                  (10**20, 10**10), (2000, 1999), (1030, 515), (50, 0)])
def test_log_n_choose_k_mpmath(n, k):
    expected = mp.log(mp.binomial(n, k)) if k else mp.mpf(0)
    got = log_n_choose_k(n, k)
    assert isinstance(got, float)
    assert abs(got - float(expected)) <= 1e-13 * max(1.0, abs(float(expected)))


@SETTINGS
@given(st.integers(1, 20), st.floats(0.0, 1.0), st.integers(0, 10**6))
def test_log_n_choose_k_mpmath_random(digits, frac, small):
    n = 10**digits + small
    k = min(n, small) if frac < 0.3 else int(frac * n)
    expected = mp.log(mp.binomial(n, k))
    assert log_n_choose_k(n, k) == pytest.approx(float(expected), rel=2e-15, abs=1e-15)


def test_log_n_choose_k_small_exact():
    for n in range(0, 40):
        for k in range(0, n + 1):
            assert math.isclose(log_n_choose_k(n, k), math.log(math.comb(n, k)),
                                rel_tol=1e-14, abs_tol=1e-14)


@pytest.mark.parametrize("func", [n_choose_k, n_permute_k, log_n_choose_k])
def test_counting_bad_input(func):
    with pytest.raises(ValueError, match="n"):
        func(-1, 2)
    with pytest.raises(ValueError, match="k"):
        func(5, -1)
    with pytest.raises(ValueError, match="n"):
        func(5.5, 2)
    with pytest.raises(ValueError, match="k"):
        func(5, 2.0)
    with pytest.raises(TypeError, match="n"):
        func("5", 2)
    with pytest.raises(TypeError, match="k"):
        func(5, True)


def test_multinomial_bad_input():
    with pytest.raises(ValueError, match="counts"):
        multinomial_coefficient([2, -1])
    with pytest.raises(ValueError, match="counts"):
        multinomial_coefficient([2, 1.5])
    with pytest.raises(ValueError, match="counts"):
        multinomial_coefficient([])
    with pytest.raises(ValueError, match="counts"):
        multinomial_coefficient([[1, 2]])
    with pytest.raises(TypeError, match="counts"):
        multinomial_coefficient("12")


# ----------------------------------------------------------------------------- Bayes


def test_base_rate_example():
    evidence = total_probability([0.01, 0.99], [0.99, 0.05])
    assert evidence == pytest.approx(0.01 * 0.99 + 0.99 * 0.05, rel=1e-15)
    result = bayes_rule(0.01, 0.99, evidence)
    exact = Fraction(99, 10000) / (Fraction(99, 10000) + Fraction(99 * 5, 10000))
    assert result == pytest.approx(float(exact), rel=1e-14)
    assert posterior([0.01, 0.99], [0.99, 0.05])[0] == pytest.approx(float(exact), rel=1e-14)


@SETTINGS
@given(st.lists(st.floats(0.01, 1.0), min_size=2, max_size=6),
       st.lists(st.floats(0.0, 1.0), min_size=6, max_size=6))
def test_posterior_matches_bayes_rule(raw, lik):
    prior = np.array(raw) / np.sum(raw)
    prior = prior / prior.sum()
    lik = np.array(lik[: len(prior)])
    if np.dot(prior, lik) == 0:
        with pytest.raises(ValueError, match="evidence"):
            posterior(prior, lik)
        return
    post = posterior(prior, lik)
    evidence = total_probability(prior, lik)
    assert post.sum() == pytest.approx(1.0, abs=1e-12)
    mp_prior = [mp.mpf(float(p)) for p in prior]
    mp_ev = mp.fsum(mp.mpf(float(l)) * p for l, p in zip(lik, mp_prior))
    for i in range(len(prior)):
        expected = mp.mpf(float(lik[i])) * mp_prior[i] / mp_ev
        assert post[i] == pytest.approx(float(expected), rel=1e-12, abs=1e-300)
        if lik[i] * prior[i] <= evidence:
            assert bayes_rule(prior[i], lik[i], evidence) == pytest.approx(
                float(expected), rel=1e-12, abs=1e-300)


def test_posterior_tiny_likelihoods_no_underflow():
    post = posterior([0.5, 0.5], [1e-320, 3e-320])
    assert np.allclose(post, [0.25, 0.75], rtol=1e-3)
    post = posterior([1e-10, 1 - 1e-10], [1e-310, 1e-310])
    assert np.isclose(post[0], 1e-10, rtol=1e-9)


def test_bayes_rule_bad_input():
    with pytest.raises(ValueError, match="evidence"):
        bayes_rule(0.5, 0.5, 0.0)
    with pytest.raises(ValueError, match="inconsistent"):
        bayes_rule(0.5, 0.9, 0.2)
    with pytest.raises(ValueError, match="prior"):
        bayes_rule(1.5, 0.5, 0.5)
    with pytest.raises(ValueError, match="likelihood"):
        bayes_rule(0.5, -0.1, 0.5)
    with pytest.raises(ValueError, match="evidence"):
        bayes_rule(0.5, 0.5, float("nan"))
    with pytest.raises(TypeError, match="prior"):
        bayes_rule("0.5", 0.5, 0.5)
    assert bayes_rule(0.3, 1.0, 0.3) == 1.0


@pytest.mark.parametrize("func", [total_probability, posterior])
def test_prior_likelihood_bad_input(func):
    with pytest.raises(ValueError, match="prior"):
        func([0.5, 0.6], [0.1, 0.2])
    with pytest.raises(ValueError, match="prior"):
        func([1.5, -0.5], [0.1, 0.2])
    with pytest.raises(ValueError, match="likelihood"):
        func([0.5, 0.5], [0.1, 1.2])
    with pytest.raises(ValueError, match="likelihood"):
        func([0.5, 0.5], [0.1, np.nan])
    with pytest.raises(ValueError, match="prior.*likelihood"):
        func([0.5, 0.5], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="prior"):
        func([0.5, np.nan], [0.1, 0.2])


def test_posterior_zero_evidence():
    with pytest.raises(ValueError, match="evidence"):
        posterior([1.0, 0.0], [0.0, 0.7])


# ----------------------------------------------------------------------------- joint tables


def random_table(seed, shape):
    t = np.random.default_rng(seed).random(shape)
    return t / t.sum()


@SETTINGS
@given(st.integers(0, 10**6), st.integers(2, 4), st.integers(1, 4), st.integers(1, 3))
def test_marginal_and_conditional_brute_force(seed, a, b, c):
    joint = random_table(seed, (a, b, c))
    m = marginal(joint, axis=(1, 2))
    for i in range(a):
        assert m[i] == pytest.approx(math.fsum(joint[i].ravel()), rel=1e-12)
    assert np.allclose(marginal(joint, -1), joint.sum(axis=2))
    cond = conditional(joint, given_axis=0)
    for i in range(a):
        assert np.allclose(cond[i], joint[i] / math.fsum(joint[i].ravel()))
        assert cond[i].sum() == pytest.approx(1.0)
    # product rule
    assert np.allclose(cond * m[:, None, None], joint)


def test_conditional_2d_columns():
    joint = np.array([[0.1, 0.2], [0.3, 0.4]])
    cond = conditional(joint, given_axis=1)  # P(X | Y = y_j): columns sum to 1
    assert np.allclose(cond.sum(axis=0), 1.0)
    assert np.allclose(cond, joint / joint.sum(axis=0))


@SETTINGS
@given(st.integers(0, 10**6), st.integers(1, 5), st.integers(1, 5))
def test_independence_of_outer_products(seed, a, b):
    rng = np.random.default_rng(seed)
    p, q = rng.random(a) + 0.1, rng.random(b) + 0.1
    joint = np.outer(p / p.sum(), q / q.sum())
    joint /= joint.sum()
    assert are_independent(joint, atol=1e-12)
    if a >= 2 and b >= 2:
        perturbed = joint.copy()
        eps = 0.01 * joint.min()
        perturbed[0, 0] += eps
        perturbed[0, 1] -= eps
        perturbed[1, 0] -= eps
        perturbed[1, 1] += eps
        assert not are_independent(perturbed)


def test_mutual_independence_three_axes():
    joint = np.einsum("i,j,k->ijk", [0.2, 0.8], [0.5, 0.5], [0.1, 0.3, 0.6])
    assert are_independent(joint)
    # pairwise independent but not mutually: XOR distribution
    xor = np.zeros((2, 2, 2))
    for x in (0, 1):
        for y in (0, 1):
            xor[x, y, x ^ y] = 0.25
    assert not are_independent(xor)
    assert are_independent(marginal(xor, 2))


def test_joint_bad_input():
    good = np.array([[0.1, 0.2], [0.3, 0.4]])
    with pytest.raises(ValueError, match="joint"):
        marginal(np.array([[0.1, 0.2], [0.3, 0.5]]), 0)
    with pytest.raises(ValueError, match="joint"):
        marginal([0.5, 0.5], 0)
    with pytest.raises(ValueError, match="joint"):
        conditional(np.array([[0.5, np.nan], [0.3, 0.2]]), 0)
    with pytest.raises(ValueError, match="joint"):
        are_independent(np.array([[0.6, -0.1], [0.3, 0.2]]))
    with pytest.raises(ValueError, match="axis"):
        marginal(good, 2)
    with pytest.raises(ValueError, match="axis"):
        marginal(good, (0, 1))
    with pytest.raises(TypeError, match="axis"):
        marginal(good, 0.5)
    with pytest.raises(ValueError, match="given_axis"):
        conditional(good, -3)
    with pytest.raises(ValueError, match="zero-probability"):
        conditional(np.array([[0.5, 0.5], [0.0, 0.0]]), 0)
    with pytest.raises(ValueError, match="atol"):
        are_independent(good, atol=-1.0)


# ----------------------------------------------------------------------------- moments


@SETTINGS
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=8), st.integers(0, 10**6))
def test_expectation_variance_mpmath(values, seed):
    w = np.random.default_rng(seed).random(len(values)) + 0.01
    probs = w / w.sum()
    mp_p = [mp.mpf(float(p)) for p in probs]
    total = mp.fsum(mp_p)
    mp_p = [p / total for p in mp_p]  # the function sees probs, whose sum is 1 +- 1e-16
    mu = mp.fsum(mp.mpf(v) * p for v, p in zip(values, mp_p))
    var = mp.fsum(p * (mp.mpf(v) - mu) ** 2 for v, p in zip(values, mp_p))
    scale = max(abs(v) for v in values) + 1
    assert expectation(values, probs) == pytest.approx(float(mu), abs=1e-12 * scale)
    assert variance(values, probs) == pytest.approx(float(var), rel=1e-9, abs=1e-12 * scale**2)


def test_variance_cancellation():
    assert variance([1e9, 1e9 + 1], [0.5, 0.5]) == 0.25
    assert expectation([1e308, 1e308], [0.5, 0.5]) == 1e308


def test_expectation_bad_input():
    with pytest.raises(ValueError, match="probs"):
        expectation([1, 2], [0.5, 0.6])
    with pytest.raises(ValueError, match="values"):
        variance([1, np.nan], [0.5, 0.5])
    with pytest.raises(ValueError, match="values.*probs"):
        expectation([1, 2, 3], [0.5, 0.5])
    with pytest.raises(ValueError, match="probs"):
        variance([1, 2], [1.5, -0.5])


@SETTINGS
@given(st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=30), st.sampled_from([0.0, 1e9]),
       st.integers(0, 1))
def test_sample_mean_variance_mpmath(values, offset, ddof):
    x = np.array(values) + offset
    mp_x = [mp.mpf(float(v)) for v in x]
    mu = mp.fsum(mp_x) / len(mp_x)
    var = mp.fsum((v - mu) ** 2 for v in mp_x) / (len(mp_x) - ddof)
    # the mean is accurate to a few ulp of the largest magnitude (cancellation aside)
    assert abs(sample_mean(x) - float(mu)) <= 4e-16 * float(np.max(np.abs(x)))
    # error bound: a few ulp of the data's magnitude, squared-spread relative
    tol = 1e-12 * float(var) + 1e-20 * (offset + 1e3) ** 2
    assert abs(sample_variance(x, ddof=ddof) - float(var)) <= tol


def test_sample_variance_cancellation_exact():
    x = 1e9 + np.array([4.0, 7.0, 13.0, 16.0])
    assert sample_variance(x) == 30.0
    naive = (np.sum(x * x) - len(x) * np.mean(x) ** 2) / (len(x) - 1)
    assert naive != 30.0
    rng = np.random.default_rng(1)
    units = rng.integers(-5, 6, size=1001).astype(float)
    y = 1e9 + units
    exact = Fraction(0)
    mean = sum(Fraction(int(u)) for u in units) / len(units)
    exact = sum((Fraction(int(u)) - mean) ** 2 for u in units) / (len(units) - 1)
    assert sample_variance(y) == pytest.approx(float(exact), rel=1e-14)


def test_sample_variance_many_blocks_vs_fsum():
    rng = np.random.default_rng(2)
    for n in (16383, 16384, 16385, 100_003):
        x = 1e9 + rng.normal(size=n)
        y = x[:2000]
        mean = sum(Fraction(v) for v in y) / len(y)
        exact = float(sum((Fraction(v) - mean) ** 2 for v in y) / (len(y) - 1))
        assert sample_variance(y) == pytest.approx(exact, rel=1e-14)
        ref = math.fsum((x - math.fsum(x) / n) ** 2) / (n - 1)
        assert sample_variance(x) == pytest.approx(ref, rel=1e-12)
        assert sample_variance(x, ddof=0) == pytest.approx(np.var(x), rel=1e-9)


def test_sample_moments_overflow_and_float32():
    assert sample_mean([1e308, 1e308]) == 1e308
    assert sample_variance([1e200, -1e200, 1e200, -1e200], ddof=0) == math.inf
    assert sample_variance([1e150, -1e150], ddof=0) == pytest.approx(1e300)
    x32 = np.array([1.0, 2.0, 4.0], dtype=np.float32)
    assert isinstance(sample_variance(x32), float)
    assert sample_variance(x32) == pytest.approx(np.var([1.0, 2.0, 4.0], ddof=1))
    assert sample_variance([5.0], ddof=0) == 0.0


def test_sample_moments_bad_input():
    with pytest.raises(ValueError, match="x"):
        sample_mean([])
    with pytest.raises(ValueError, match="x"):
        sample_mean([1.0, np.nan])
    with pytest.raises(ValueError, match="x"):
        sample_variance([1.0, np.inf, 2.0])
    with pytest.raises(ValueError, match="x"):
        sample_variance([[1.0, 2.0]])
    with pytest.raises(ValueError, match="ddof"):
        sample_variance([1.0, 2.0], ddof=2)
    with pytest.raises(ValueError, match="ddof"):
        sample_variance([1.0, 2.0], ddof=-1)
    with pytest.raises(ValueError, match="ddof"):
        sample_variance([1.0, 2.0], ddof=0.5)
    with pytest.raises(TypeError, match="x"):
        sample_mean("abc")


@SETTINGS
@given(st.integers(0, 10**6), st.integers(2, 30), st.integers(1, 5), st.integers(0, 2))
def test_covariance_correlation_vs_numpy(seed, n, d, ddof):
    if ddof >= n:
        return
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 10, size=d) + rng.uniform(-1e3, 1e3, d)
    C = covariance_matrix(X, ddof=ddof)
    assert np.allclose(C, np.atleast_2d(np.cov(X, rowvar=False, ddof=ddof)), rtol=1e-9,
                       atol=1e-9)
    assert np.array_equal(C, C.T)
    assert np.min(np.linalg.eigvalsh(C)) >= -1e-9 * np.max(np.abs(C))
    for j in range(d):
        assert C[j, j] == pytest.approx(sample_variance(X[:, j], ddof=ddof), rel=1e-9)
    R = correlation_matrix(X)
    assert np.allclose(R, np.atleast_2d(np.corrcoef(X, rowvar=False)), atol=1e-10)
    assert np.all(np.diag(R) == 1.0) and np.all(np.abs(R) <= 1.0)


def test_covariance_large_offset():
    rng = np.random.default_rng(3)
    small = rng.integers(-3, 4, size=(200, 2)).astype(float)
    X = 1e9 + small
    assert np.allclose(covariance_matrix(X), np.cov(small, rowvar=False), rtol=1e-12)
    assert np.allclose(correlation_matrix(X), np.corrcoef(small, rowvar=False), atol=1e-12)


def test_covariance_correlation_bad_input():
    with pytest.raises(ValueError, match="X"):
        covariance_matrix([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="X"):
        covariance_matrix([[1.0, np.nan], [2.0, 3.0]])
    with pytest.raises(ValueError, match="ddof"):
        covariance_matrix([[1.0, 2.0], [2.0, 3.0]], ddof=2)
    with pytest.raises(ValueError, match="constant column 1"):
        correlation_matrix([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    with pytest.raises(ValueError, match="X"):
        correlation_matrix([[1.0, 2.0]])
    with pytest.raises(ValueError, match="X"):
        correlation_matrix([[1.0, np.inf], [2.0, 3.0]])
