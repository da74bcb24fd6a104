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
    _rules,
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
    mp_ev = mp.fsum(mp.mpf(float(lk)) * p for lk, p in zip(lik, mp_prior))
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


# ------------------------------------------------------- moments of data: fast paths, fallbacks


def _exact_mean(x):
    return sum(map(Fraction, np.asarray(x, dtype=float).tolist())) / len(x)


def _exact_variance(x, ddof=1):
    values = [Fraction(v) for v in np.asarray(x, dtype=float).tolist()]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - ddof)


def _exact_integer_cov(X, ddof=1):
    """The covariance of an integer-valued float matrix, in exact integer arithmetic."""
    n, d = X.shape
    cols = [[int(v) for v in X[:, j]] for j in range(d)]
    sums = [sum(c) for c in cols]
    return np.array([[float(Fraction(n * sum(a * b for a, b in zip(cols[j], cols[k]))
                                     - sums[j] * sums[k], n * (n - ddof)))
                      for k in range(d)] for j in range(d)])


def _count_calls(monkeypatch, name):
    calls = []
    original = getattr(_rules, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(_rules, name, counted)
    return calls


@pytest.mark.parametrize("kind", ["centred", "offset", "positive", "sorted", "one-sided"])
def test_sample_mean_large_vs_exact(kind):
    rng = np.random.default_rng(7)
    n = 3 * 4096 + 1234  # full rows of the first pass and a shorter last one
    x = {"centred": rng.normal(size=n),
         "offset": 1e9 + rng.normal(size=n),
         "positive": rng.random(n),
         "sorted": np.sort(rng.normal(5.0, 1.0, n)),
         "one-sided": np.concatenate([np.zeros(4096), 1e9 + rng.normal(size=n - 4096)])}[kind]
    exact = _exact_mean(x)
    mean_abs_dev = float(np.mean(np.abs(x - float(exact))))
    # half an ulp of the mean, plus a few tens of ulps of the mean absolute deviation
    bound = math.ulp(float(exact)) + 64 * 2.0**-53 * mean_abs_dev
    assert abs(Fraction(sample_mean(x)) - exact) <= bound


def test_sample_mean_second_pass_only_when_it_helps(monkeypatch):
    passes = _count_calls(monkeypatch, "_deviation_sums")
    centred = np.random.default_rng(8).normal(size=100_003)
    exact = _exact_mean(centred)
    # centred data: the row sums prove the second pass could not halve the error bound
    assert abs(Fraction(sample_mean(centred)) - exact) <= 64 * 2.0**-53
    assert passes == []
    shifted = centred + 1e9
    assert abs(Fraction(sample_mean(shifted)) - _exact_mean(shifted)) <= math.ulp(1e9)
    assert len(passes) == 1
    # a small sample is not certified by its single row: it always takes both passes
    assert sample_mean([1.0, 2.0, 4.0]) == pytest.approx(7 / 3, rel=1e-16)
    assert len(passes) == 2


def test_sample_mean_constant_and_single():
    assert sample_mean(np.full(10_001, 0.1)) == 0.1
    assert sample_mean([-3.5]) == -3.5
    assert sample_mean(np.zeros(5000)) == 0.0


def test_sample_mean_overflow_fallbacks():
    assert sample_mean(np.full(10_000, 1e308)) == 1e308
    # a finite first sum whose residuals overflow (x - mean beyond the float range)
    assert sample_mean([1.7e308, -1.7e308, 1e308]) == pytest.approx(1e308 / 3, rel=1e-15)
    big = np.array([1.7e308, -1.7e308] * 5000 + [1e308])
    assert sample_mean(big) == pytest.approx(float(_exact_mean(big)), rel=1e-15)
    assert sample_mean(np.array([-1e308] * 3)) == -1e308


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("where", [0, 1, 5000, 10_000])  # sampled by the pilot or not,
def test_sample_moments_non_finite_large(bad, where):  # in a full row or the last one
    x = np.random.default_rng(0).normal(size=10_001)
    x[where] = bad
    with pytest.raises(ValueError, match="x must be finite"):
        sample_mean(x)
    with pytest.raises(ValueError, match="x must be finite"):
        sample_variance(x)
    x[3], x[9000] = np.inf, -np.inf  # inf - inf across rows and blocks
    with pytest.raises(ValueError, match="x must be finite"):
        sample_mean(x)
    with pytest.raises(ValueError, match="x must be finite"):
        sample_variance(x)


def test_sample_variance_large_offset_many_blocks_exact():
    rng = np.random.default_rng(4)
    units = rng.integers(-5, 6, size=200_003).astype(float)
    x = 1e9 + units  # exactly representable, so the exact variance is that of the units
    n = len(units)
    s1, s2 = int(units.sum()), int((units * units).sum())
    exact = float(Fraction(n * s2 - s1 * s1, n * (n - 1)))
    assert sample_variance(x) == pytest.approx(exact, rel=1e-15)


def test_sample_variance_pilot_missed_takes_a_second_pass(monkeypatch):
    passes = _count_calls(monkeypatch, "_deviation_sums")
    rng = np.random.default_rng(5)
    n = 10_000  # the pilot reads every other value: make those far from the mean
    x = np.zeros(n)
    x[1::2] = 1e9 + rng.integers(-3, 4, size=n // 2)
    assert sample_variance(x) == pytest.approx(float(_exact_variance(x)), rel=1e-15)
    assert len(passes) == 2
    # a representative pilot: one pass
    passes.clear()
    y = 1e9 + rng.integers(-3, 4, size=n).astype(float)
    assert sample_variance(y) == pytest.approx(float(_exact_variance(y)), rel=1e-15)
    assert len(passes) == 1


def test_sample_variance_overflow_and_underflow():
    # squares of the deviations overflow but the variance does not: scaled, not inf
    assert sample_variance([1e154, -1e154, 1e154, -1e154]) == pytest.approx(4 / 3 * 1e308,
                                                                              rel=1e-15)
    assert sample_variance([1.7e308, -1.7e308, 1.7e308, -1.7e308]) == math.inf
    x = np.random.default_rng(6).normal(size=4097) * 1e150
    assert sample_variance(x) == pytest.approx(float(_exact_variance(x)), rel=1e-13)
    # squares that underflow: within a step of the subnormal grid of the exact value
    for tiny in (1e-160 * np.array([1.0, 2.0, 3.0, 4.0]),
                 1e-158 * np.random.default_rng(3).normal(size=1000)):
        exact = _exact_variance(tiny)
        assert abs(Fraction(sample_variance(tiny)) - exact) <= Fraction(5e-324)
    tiny = 2.0**-500 * np.random.default_rng(2).normal(size=5000)
    assert sample_variance(tiny) == pytest.approx(float(_exact_variance(tiny)), rel=1e-13)


def test_sample_variance_constant_is_exactly_zero():
    assert sample_variance(np.full(10_001, 0.1)) == 0.0
    assert sample_variance(np.full(3, 1e300), ddof=0) == 0.0


def test_covariance_many_rows_large_offset_exact():
    rng = np.random.default_rng(9)
    X = 1e9 + rng.integers(-3, 4, size=(20_011, 4)).astype(float)
    exact = _exact_integer_cov(X)
    C = covariance_matrix(X)
    assert np.allclose(C, exact, rtol=1e-14, atol=1e-14 * np.max(np.abs(exact)))
    assert np.array_equal(C, C.T)
    R = correlation_matrix(X)
    exact_r = exact / np.sqrt(np.outer(np.diag(exact), np.diag(exact)))
    assert np.allclose(R, exact_r, rtol=0, atol=1e-14)
    assert np.array_equal(R, R.T) and np.all(np.diag(R) == 1.0)


def test_covariance_pilot_missed_takes_a_second_pass(monkeypatch):
    passes = _count_calls(monkeypatch, "_shifted_gram")
    rng = np.random.default_rng(10)
    X = 1e9 + rng.integers(-3, 4, size=(20_000, 3)).astype(float)
    X[::4] = 0.0  # exactly the rows the pilot reads (every 4th): it misses by ~7.5e8
    assert np.allclose(covariance_matrix(X), _exact_integer_cov(X), rtol=1e-14)
    assert len(passes) == 2


def test_covariance_correlation_scaled_fallbacks():
    rng = np.random.default_rng(11)
    base = rng.normal(size=(300, 3)) @ np.array([[1, .5, 0], [0, 1, .3], [0, 0, 1]])
    # squares overflow: scaled; the covariance is finite, or inf where it is not
    # representable; the correlation is unchanged by the scale
    for scale in (1e100, 1e150, 1e200, 1e-100, 1e-170, 1e-200):
        X = base * scale
        R = correlation_matrix(X)
        assert np.allclose(R, np.corrcoef(base, rowvar=False), rtol=0, atol=1e-14)
        assert np.array_equal(R, R.T) and np.all(np.diag(R) == 1.0)
    C = covariance_matrix(base * 1e150)
    assert np.allclose(C, np.cov(base, rowvar=False) * 1e300, rtol=1e-13)
    assert np.all(np.isinf(np.diag(covariance_matrix(base * 1e200))))
    assert covariance_matrix([[1e154], [-1e154], [1e154], [-1e154]])[0, 0] == pytest.approx(
        4 / 3 * 1e308, rel=1e-15)
    # mixed scales: huge, tiny (squares underflow to 0 but the column is not constant)
    # and ordinary columns
    mixed = base * np.array([1e200, 1e-170, 1.0])
    R = correlation_matrix(mixed)
    assert np.allclose(R, np.corrcoef(base, rowvar=False), rtol=0, atol=1e-14)
    # deviations that overflow although the data do not
    X = np.array([[1.7e308, 1.0], [-1.7e308, 2.0], [1.7e308, 0.5], [-1e308, 3.0]])
    assert np.allclose(correlation_matrix(X), np.corrcoef(X / [1e308, 1.0], rowvar=False),
                       rtol=0, atol=1e-14)
    # covariance of tiny data: within a step or two of the subnormal grid
    tiny = 1e-160 * np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 4.0]])
    exact = _exact_integer_cov(tiny * 1e160) * 1e-320
    assert np.max(np.abs(covariance_matrix(tiny) - exact)) <= 2 * 5e-324


def test_covariance_constant_column_fast_and_exact(monkeypatch):
    def no_fallback(*args, **kwargs):
        raise AssertionError("the scaled fallback was taken")

    monkeypatch.setattr(_rules, "largest_exponent", no_fallback)
    rng = np.random.default_rng(12)
    X = rng.normal(size=(10_000, 3))
    X[:, 1] = 0.1
    C = covariance_matrix(X)
    assert np.all(C[1] == 0.0) and np.all(C[:, 1] == 0.0)
    assert np.allclose(C, np.cov(X, rowvar=False), rtol=1e-12, atol=1e-15)
    with pytest.raises(ValueError, match="constant column 1"):
        correlation_matrix(X)


def test_correlation_near_constant_column_is_not_constant():
    rng = np.random.default_rng(13)
    X = rng.normal(size=(10_000, 2))
    X[:, 1] = 1e16 + 2.0 * (rng.random(10_000) < 0.01)  # two neighbouring doubles
    exact = np.corrcoef(X - [0.0, 1e16], rowvar=False)
    assert np.allclose(correlation_matrix(X), exact, rtol=0, atol=1e-13)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("row", [0, 1, 7_000])  # read by the pilot (every 2nd row) or not
def test_covariance_correlation_non_finite_large(bad, row):
    X = np.random.default_rng(14).normal(size=(10_001, 3))
    X[row, 2] = bad
    with pytest.raises(ValueError, match="X must be finite"):
        covariance_matrix(X)
    with pytest.raises(ValueError, match="X must be finite"):
        correlation_matrix(X)


@pytest.mark.parametrize("shape", [(5000, 3), (3000, 70), (70, 200)])
def test_covariance_layouts_and_widths(shape):
    rng = np.random.default_rng(15)
    X = rng.normal(size=shape) + rng.uniform(-100, 100, size=shape[1])
    expected = np.cov(X, rowvar=False)
    scale = np.max(np.abs(expected))
    for Y in (X, np.asfortranarray(X), np.repeat(X, 2, axis=0)[::2], X.astype(np.float32)):
        C = covariance_matrix(Y)
        want = expected if Y.dtype == np.float64 else np.cov(Y.astype(float), rowvar=False)
        assert np.allclose(C, want, rtol=0, atol=1e-12 * scale)
        assert np.array_equal(C, C.T)
    if shape[0] > shape[1]:
        assert np.allclose(correlation_matrix(X), np.corrcoef(X, rowvar=False), atol=1e-12)
