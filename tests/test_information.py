"""Tests for mathref.information: mpmath oracles, SciPy/scikit-learn cross-checks,
properties (Gibbs, JS bound, triangle inequality for sqrt(JS), I >= 0), bad input."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref import information as info

mp.mp.dps = 50
EPS = np.finfo(float).eps


# ----------------------------------------------------------------------------- oracles
def _mpf(x):
    return mp.mpf(float(x))


def mp_entropy(p):
    return -mp.fsum(_mpf(a) * mp.log(_mpf(a)) for a in p if a > 0)


def mp_cross_entropy(p, q):
    total = mp.mpf(0)
    for a, b in zip(p, q):
        if a > 0:
            if b == 0:
                return mp.inf
            total -= _mpf(a) * mp.log(_mpf(b))
    return total


def mp_kl(p, q):
    total = mp.mpf(0)
    for a, b in zip(p, q):
        if a > 0:
            if b == 0:
                return mp.inf
            total += _mpf(a) * mp.log(_mpf(a) / _mpf(b))
    return total


def mp_js(p, q):
    m = [(_mpf(a) + _mpf(b)) / 2 for a, b in zip(p, q)]

    def kl(x):
        return mp.fsum(_mpf(a) * mp.log(_mpf(a) / c) for a, c in zip(x, m) if a > 0)

    return (kl(p) + kl(q)) / 2


def mp_joint_entropy(t):
    return mp_entropy(np.ravel(t))


def mp_conditional_entropy(t):
    t = np.asarray(t, dtype=float)
    total = mp.mpf(0)
    for row in t:
        px = mp.fsum(_mpf(a) for a in row)
        total -= mp.fsum(_mpf(a) * mp.log(_mpf(a) / px) for a in row if a > 0)
    return total


def mp_mutual_information(t):
    t = np.asarray(t, dtype=float)
    px = [mp.fsum(_mpf(a) for a in row) for row in t]
    py = [mp.fsum(_mpf(a) for a in col) for col in t.T]
    return mp.fsum(_mpf(t[i, j]) * mp.log(_mpf(t[i, j]) / (px[i] * py[j]))
                   for i in range(t.shape[0]) for j in range(t.shape[1]) if t[i, j] > 0)


def mp_information_gain(parent, children, base=2):
    def h(counts):
        n = mp.fsum(_mpf(c) for c in counts)
        if n == 0:
            return mp.mpf(0)
        return -mp.fsum((_mpf(c) / n) * mp.log(_mpf(c) / n) for c in counts if c > 0)

    n = mp.fsum(_mpf(c) for c in parent)
    weighted = mp.fsum(mp.fsum(_mpf(c) for c in row) / n * h(row) for row in children)
    return (h(parent) - weighted) / mp.log(base)


def mp_kl_gaussian(mp_, cp, mq, cq):
    mp_, mq = mp.matrix([float(v) for v in mp_]), mp.matrix([float(v) for v in mq])
    cp = mp.matrix([[float(v) for v in row] for row in cp])
    cq = mp.matrix([[float(v) for v in row] for row in cq])
    k = cp.rows
    cq_inv = mp.inverse(cq)
    diff = mq - mp_
    trace = sum((cq_inv * cp)[i, i] for i in range(k))
    quad = (diff.T * cq_inv * diff)[0, 0]
    return (trace + quad - k + mp.log(mp.det(cq) / mp.det(cp))) / 2


def close(value, exact, rtol=1e-12, atol=0.0):
    exact = float(exact)
    if math.isinf(exact):
        return value == exact
    return abs(value - exact) <= atol + rtol * abs(exact)


# ----------------------------------------------------------------------------- strategies
@st.composite
def prob_vectors(draw, n=None, zeros=True):
    size = draw(st.integers(1, 12)) if n is None else n
    low = 0.0 if zeros else 1e-3
    raw = np.array(draw(st.lists(st.floats(low, 1.0), min_size=size, max_size=size)))
    if zeros:
        mask = np.array(draw(st.lists(st.booleans(), min_size=size, max_size=size)))
        raw = np.where(mask & (np.arange(size) > 0), 0.0, raw)
    if raw.sum() == 0:
        raw[0] = 1.0
    return raw / raw.sum()


@st.composite
def prob_pairs(draw, zeros=True):
    n = draw(st.integers(1, 12))
    return draw(prob_vectors(n=n, zeros=zeros)), draw(prob_vectors(n=n, zeros=zeros))


@st.composite
def joint_tables(draw):
    nx, ny = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    flat = draw(prob_vectors(n=nx * ny))
    return flat.reshape(nx, ny)


def _rng_prob(rng, n, alpha=1.0):
    return rng.dirichlet(np.full(n, alpha))


# ----------------------------------------------------------------------------- entropy
@settings(max_examples=40, deadline=None, derandomize=True)
@given(prob_vectors())
def test_entropy_matches_mpmath(p):
    assert close(info.entropy(p), mp_entropy(p), rtol=1e-13, atol=1e-15)
    assert close(info.entropy(p, base=2), mp_entropy(p) / mp.log(2), rtol=1e-13, atol=1e-15)


def test_entropy_matches_scipy():
    from scipy import stats
    rng = np.random.default_rng(0)
    for n in (1, 2, 10, 1000):
        p = _rng_prob(rng, n)
        assert np.isclose(info.entropy(p), stats.entropy(p), rtol=1e-12, atol=0)
        assert np.isclose(info.entropy(p, base=3), stats.entropy(p, base=3), rtol=1e-12)


def test_entropy_zeros_and_bounds():
    assert info.entropy([1.0, 0.0, 0.0]) == 0.0
    assert info.entropy([0.0, 0.5, 0.0, 0.5], base=2) == 1.0
    for n in (2, 5, 64):
        assert np.isclose(info.entropy(np.full(n, 1 / n)), math.log(n), rtol=1e-14)
    assert isinstance(info.entropy([0.5, 0.5]), float)
    # tiny probabilities: p log p underflow is harmless
    p = np.array([1 - 1e-300, 1e-300])
    assert close(info.entropy(p), mp_entropy(p), rtol=1e-12)


def test_entropy_float32_tolerance():
    from scipy import special
    z = np.random.default_rng(1).normal(size=50).astype(np.float32)
    p32 = special.softmax(z).astype(np.float32)
    assert abs(float(np.sum(p32, dtype=np.float64)) - 1) < 1e-5
    p64 = p32.astype(np.float64)
    assert np.isclose(info.entropy(p32), float(mp_entropy(p64 / p64.sum())), rtol=1e-6)
    with pytest.raises(ValueError, match="p must sum to 1"):
        info.entropy(np.array([0.5, 0.5 + 1e-4], dtype=np.float32))


# ----------------------------------------------------------------------------- cross-entropy
@settings(max_examples=40, deadline=None, derandomize=True)
@given(prob_pairs())
def test_cross_entropy_matches_mpmath(pq):
    p, q = pq
    assert close(info.cross_entropy(p, q), mp_cross_entropy(p, q), rtol=1e-13, atol=1e-15)


def test_cross_entropy_infinite_and_decomposition():
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    rng = np.random.default_rng(2)
    p, q = _rng_prob(rng, 7), _rng_prob(rng, 7)
    assert np.isclose(info.cross_entropy(p, q), info.entropy(p) + info.kl_divergence(p, q),
                      rtol=1e-13)
    assert info.cross_entropy(p, q) >= info.entropy(p)


# ----------------------------------------------------------------------------- KL
@settings(max_examples=40, deadline=None, derandomize=True)
@given(prob_pairs())
def test_kl_matches_mpmath(pq):
    p, q = pq
    exact = mp_kl(p, q)
    assert close(info.kl_divergence(p, q), max(exact, 0), rtol=1e-12, atol=1e-15)
    assert close(info.kl_divergence(p, q, base=2), max(exact, 0) / mp.log(2), rtol=1e-12,
                 atol=1e-15)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(prob_pairs())
def test_gibbs_inequality(pq):
    p, q = pq
    assert info.kl_divergence(p, q) >= 0.0
    assert info.kl_divergence(p, p) == 0.0


def test_kl_matches_scipy_on_normalised_input():
    from scipy import stats
    rng = np.random.default_rng(3)
    for n in (2, 10, 500):
        p, q = _rng_prob(rng, n), _rng_prob(rng, n)
        assert np.isclose(info.kl_divergence(p, q), stats.entropy(p, q), rtol=1e-11)


def test_kl_infinite_where_q_zero_and_p_positive():
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2))
    assert info.kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0


@pytest.mark.parametrize("rel", [1e-4, 1e-5, 1e-6])
def test_kl_accurate_when_p_close_to_q(rel):
    """The naive sum loses ~eps/rel**2 relative; mathref keeps ~eps/rel."""
    rng = np.random.default_rng(4)
    p = _rng_prob(rng, 50, alpha=2.0)
    q = p * (1 + rel * rng.standard_normal(50))
    q = q / q.sum()
    exact = mp_kl(p, q)
    assert exact > 0
    got = info.kl_divergence(p, q)
    assert close(got, exact, rtol=50 * EPS / rel), (got, float(exact))
    naive = float(np.sum(p * np.log(p / q)))
    if rel <= 1e-5:  # the test is meaningful: the naive formula is far off there
        assert abs(naive - float(exact)) > 100 * abs(got - float(exact))


def test_kl_extreme_ratios():
    cases = [
        ([1e-300, 1 - 1e-300], [1 - 1e-300, 1e-300]),   # p/q ~ 1e-300 and 1e300
        ([0.5, 0.5], [1e-320, 1.0]),                   # p/q overflows to inf
        ([5e-324, 1.0], [0.5, 0.5]),                   # subnormal p
        (np.nextafter(0.5, [1, 0]), None),             # p, q one ulp apart: p/q == 1
    ]
    for p, q in cases[:3]:
        assert close(info.kl_divergence(p, q), mp_kl(p, q), rtol=1e-12), (p, q)
    a, b = cases[3][0]
    p, q = np.array([a, 1 - a]), np.array([b, 1 - b])
    assert close(info.kl_divergence(p, q), max(mp_kl(p, q), 0), rtol=1e-6, atol=1e-30)


# ----------------------------------------------------------------------------- JS
@settings(max_examples=40, deadline=None, derandomize=True)
@given(prob_pairs())
def test_js_matches_mpmath_and_bounds(pq):
    p, q = pq
    js = info.js_divergence(p, q)
    assert close(js, min(max(mp_js(p, q), 0), mp.log(2)), rtol=1e-12, atol=1e-15)
    assert 0.0 <= js <= math.log(2)
    assert js == info.js_divergence(q, p)
    assert info.js_divergence(p, q, base=2) <= 1.0


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 8).flatmap(
    lambda n: st.tuples(prob_vectors(n=n), prob_vectors(n=n), prob_vectors(n=n))))
def test_sqrt_js_triangle_inequality(pqr):
    p, q, r = pqr
    d = lambda a, b: math.sqrt(info.js_divergence(a, b))  # noqa: E731
    assert d(p, r) <= d(p, q) + d(q, r) + 1e-9


def test_js_matches_scipy_and_disjoint_support():
    from scipy.spatial import distance
    rng = np.random.default_rng(5)
    p, q = _rng_prob(rng, 20), _rng_prob(rng, 20)
    assert np.isclose(math.sqrt(info.js_divergence(p, q)), distance.jensenshannon(p, q),
                      rtol=1e-10)
    assert info.js_divergence([1, 0], [0, 1]) == math.log(2)
    assert info.js_divergence([1, 0, 0], [0, 0.5, 0.5], base=2) == 1.0
    # a subnormal q_i with p_i = 0: the mixture (p_i + q_i)/2 underflows to 0
    p, q = [1.0, 0.0, 0.0], [1 / 3, 2 / 3, 5e-324]
    assert close(info.js_divergence(p, q), mp_js(p, q), rtol=1e-12)


# ----------------------------------------------------------------------------- tables
@settings(max_examples=40, deadline=None, derandomize=True)
@given(joint_tables())
def test_table_entropies_match_mpmath(t):
    assert close(info.joint_entropy(t), mp_joint_entropy(t), rtol=1e-13, atol=1e-15)
    assert close(info.conditional_entropy(t), max(mp_conditional_entropy(t), 0), rtol=1e-12,
                 atol=1e-15)
    mi = info.mutual_information(t)
    assert mi >= 0.0
    assert close(mi, max(mp_mutual_information(t), 0), rtol=1e-10, atol=1e-15)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(joint_tables())
def test_chain_rule_and_mi_identities(t):
    hx = info.entropy(t.sum(axis=1) / t.sum())
    hy = info.entropy(t.sum(axis=0) / t.sum())
    hxy = info.joint_entropy(t)
    hy_x = info.conditional_entropy(t)
    mi = info.mutual_information(t)
    assert np.isclose(hxy, hx + hy_x, atol=1e-12)
    assert np.isclose(mi, hy - hy_x, atol=1e-12)
    assert np.isclose(mi, hx + hy - hxy, atol=1e-12)
    assert hy_x <= hy + 1e-12
    assert np.isclose(info.conditional_entropy(t.T), hxy - hy, atol=1e-12)


def test_mutual_information_independent_and_deterministic():
    rng = np.random.default_rng(6)
    for _ in range(20):
        px, py = _rng_prob(rng, 4), _rng_prob(rng, 6)
        assert info.mutual_information(np.outer(px, py)) <= 1e-15
    diag = np.diag([0.2, 0.3, 0.5])
    assert np.isclose(info.mutual_information(diag), info.entropy([0.2, 0.3, 0.5]))
    assert info.conditional_entropy(diag) == 0.0
    assert info.joint_entropy(diag, base=2) == pytest.approx(info.entropy([0.2, 0.3, 0.5],
                                                                        base=2))


def test_mutual_information_matches_sklearn():
    from sklearn.metrics import mutual_info_score
    rng = np.random.default_rng(7)
    counts = rng.integers(0, 20, size=(4, 5))
    joint = counts / counts.sum()
    assert np.isclose(info.mutual_information(joint),
                      mutual_info_score(None, None, contingency=counts), rtol=1e-10)


def test_mutual_information_underflowing_marginal_product():
    # p(x) * p(y) underflows to 0 for the tiny cell; the value must stay finite.
    t = np.array([[1e-160 * 0.5, 0.0], [0.0, 1 - 0.5e-160]])
    t[0, 0] = 1e-170
    t[1, 1] = 1 - 1e-170
    assert close(info.mutual_information(t), mp_mutual_information(t), rtol=1e-10)


# ----------------------------------------------------------------------------- information gain
def test_information_gain_play_tennis():
    outlook = info.information_gain([9, 5], [[2, 3], [4, 0], [3, 2]])
    assert round(outlook, 4) == 0.2467
    assert close(outlook, mp_information_gain([9, 5], [[2, 3], [4, 0], [3, 2]]), rtol=1e-13)
    # the other attributes of the same table (Mitchell, table 3.2)
    humidity = info.information_gain([9, 5], [[3, 4], [6, 1]])
    wind = info.information_gain([9, 5], [[6, 2], [3, 3]])
    temperature = info.information_gain([9, 5], [[2, 2], [4, 2], [3, 1]])
    assert [round(v, 3) for v in (humidity, wind, temperature)] == [0.152, 0.048, 0.029]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**31 - 1))
def test_information_gain_matches_mpmath(n_children, n_classes, seed):
    rng = np.random.default_rng(seed)
    children = rng.integers(0, 10, size=(n_children, n_classes))
    children[0, 0] += 1
    parent = children.sum(axis=0)
    ig = info.information_gain(parent, children)
    assert ig >= 0
    assert close(ig, max(mp_information_gain(parent, children), 0), rtol=1e-10, atol=1e-15)
    assert ig <= info.entropy(parent / parent.sum(), base=2) + 1e-12
    assert np.isclose(info.information_gain(parent, children, base=None),
                      ig * math.log(2), atol=1e-14)


def test_information_gain_edge_cases():
    assert info.information_gain([4, 4], [[2, 2], [2, 2]]) == 0.0
    assert info.information_gain([4, 4], [[4, 0], [0, 4]]) == 1.0
    assert info.information_gain([4, 4], [[4, 4], [0, 0]]) == 0.0  # an empty child
    assert np.isclose(info.information_gain([2.5, 1.5], [[2.5, 0], [0, 1.5]]),
                      info.entropy([2.5 / 4, 1.5 / 4], base=2))


# ----------------------------------------------------------------------------- perplexity
@settings(max_examples=40, deadline=None, derandomize=True)
@given(prob_vectors())
def test_perplexity_matches_mpmath_and_is_base_free(p):
    exact = mp.exp(mp_entropy(p))
    assert close(info.perplexity(p), exact, rtol=1e-13)
    assert close(info.perplexity(p, base=2), exact, rtol=1e-13)
    assert np.isclose(2 ** info.entropy(p, base=2), info.perplexity(p), rtol=1e-13)
    assert 1.0 - 1e-12 <= info.perplexity(p) <= len(p) * (1 + 1e-12)


def test_perplexity_uniform():
    for n in (1, 3, 100):
        assert np.isclose(info.perplexity(np.full(n, 1 / n)), n, rtol=1e-13)


# ----------------------------------------------------------------------------- Gaussian KL
def _spd(rng, k, scale=1.0):
    a = rng.standard_normal((k, k))
    return scale * (a @ a.T / k + 0.5 * np.eye(k))


@pytest.mark.parametrize("k", [1, 2, 5])
def test_kl_gaussian_matches_mpmath(k):
    rng = np.random.default_rng(10 + k)
    for _ in range(5):
        mp_, mq = rng.standard_normal(k), rng.standard_normal(k)
        cp, cq = _spd(rng, k), _spd(rng, k)
        assert close(info.kl_divergence_gaussian(mp_, cp, mq, cq),
                     mp_kl_gaussian(mp_, cp, mq, cq), rtol=1e-11)


def test_kl_gaussian_monte_carlo():
    from scipy import stats
    rng = np.random.default_rng(20)
    k = 3
    mp_, mq = np.array([0.5, -1.0, 0.0]), np.array([0.0, 0.3, 1.0])
    cp, cq = _spd(rng, k), _spd(rng, k, scale=2.0)
    x = rng.multivariate_normal(mp_, cp, size=200_000)
    log_ratio = (stats.multivariate_normal(mp_, cp).logpdf(x)
                 - stats.multivariate_normal(mq, cq).logpdf(x))
    estimate, se = log_ratio.mean(), log_ratio.std(ddof=1) / math.sqrt(len(x))
    exact = info.kl_divergence_gaussian(mp_, cp, mq, cq)
    assert abs(estimate - exact) < 4 * se, (estimate, exact, se)


def test_kl_gaussian_vae_form_and_identities():
    mu, var = np.array([0.5, -1.0, 2.0]), np.array([0.8, 1.5, 0.1])
    vae = 0.5 * np.sum(var + mu**2 - 1 - np.log(var))
    assert np.isclose(info.kl_divergence_gaussian(mu, np.diag(var), np.zeros(3), np.eye(3)),
                      vae, rtol=1e-14)
    cov = _spd(np.random.default_rng(21), 4)
    assert info.kl_divergence_gaussian(np.ones(4), cov, np.ones(4), cov) <= 1e-14
    assert info.kl_divergence_gaussian(0.0, 1.0, 0.0, 4.0) == pytest.approx(
        0.5 * (0.25 - 1 + math.log(4)), rel=1e-14)
    # large dimension, small variances: det underflows, the factors do not
    k = 200
    cp, cq = np.eye(k) * 0.01, np.eye(k) * 0.02
    expected = 0.5 * k * (0.5 - 1 + math.log(2))
    assert np.isclose(info.kl_divergence_gaussian(np.zeros(k), cp, np.zeros(k), cq),
                      expected, rtol=1e-12)


def test_kl_gaussian_bad_input():
    eye = np.eye(2)
    with pytest.raises(ValueError, match="cov_p"):
        info.kl_divergence_gaussian([0, 0], [[1, 2], [2, 1]], [0, 0], eye)  # indefinite
    with pytest.raises(ValueError, match="cov_q"):
        info.kl_divergence_gaussian([0, 0], eye, [0, 0], [[1, 0.5], [0, 1]])  # asymmetric
    with pytest.raises(ValueError, match="cov_q"):
        info.kl_divergence_gaussian([0, 0], eye, [0, 0], np.eye(3))
    with pytest.raises(ValueError, match="mean_p and mean_q"):
        info.kl_divergence_gaussian([0, 0], eye, [0, 0, 0], np.eye(3))
    with pytest.raises(ValueError, match="mean_p"):
        info.kl_divergence_gaussian([np.nan, 0], eye, [0, 0], eye)
    with pytest.raises(ValueError, match="mean_q"):
        info.kl_divergence_gaussian([0, 0], eye, [[0, 0]], eye)
    with pytest.raises(ValueError, match="cov_p"):
        info.kl_divergence_gaussian(0.0, -1.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="cov_p"):
        info.kl_divergence_gaussian(0.0, eye, 0.0, 1.0)
    with pytest.raises(TypeError, match="cov_q"):
        info.kl_divergence_gaussian(0.0, 1.0, 0.0, "1")


# ----------------------------------------------------------------------------- bad input
PQ_FUNCS = [info.cross_entropy, info.kl_divergence, info.js_divergence]
P_FUNCS = [info.entropy, info.perplexity]


@pytest.mark.parametrize("func", P_FUNCS)
@pytest.mark.parametrize("bad, kind", [
    ([0.5, 0.6], "sum to 1"), ([1.5, -0.5], "non-negative"), ([0.5, np.nan], "finite"),
    ([np.inf, 0.0], "finite"), ([], "empty"), ([[0.5, 0.5]], "1-D"), ([2.0, 8.0], "sum"),
])
def test_p_bad_input(func, bad, kind):
    with pytest.raises(ValueError, match=f"p must.*{kind}|p must {kind}"):
        func(bad)


@pytest.mark.parametrize("func", P_FUNCS + PQ_FUNCS)
def test_type_errors_and_base(func):
    args = ([0.5, 0.5],) * (2 if func in PQ_FUNCS else 1)
    with pytest.raises(TypeError, match="p"):
        func("0.5", *args[1:])
    for base in (1, 0, -2, np.nan, np.inf):
        with pytest.raises(ValueError, match="base"):
            func(*args, base=base)
    with pytest.raises(TypeError, match="base"):
        func(*args, base="2")


@pytest.mark.parametrize("func", PQ_FUNCS)
def test_pq_bad_input(func):
    with pytest.raises(ValueError, match="q must sum to 1"):
        func([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match="q must be non-negative"):
        func([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(ValueError, match="p must sum to 1"):
        func([0.5, 0.4], [0.5, 0.5])
    with pytest.raises(ValueError, match="p and q must have the same length"):
        func([0.5, 0.5], [0.5, 0.25, 0.25])
    with pytest.raises(ValueError, match="q must be finite"):
        func([0.5, 0.5], [np.nan, 1.0])


def test_no_renormalisation_unlike_scipy():
    from scipy import stats
    q = [1.0, 3.0]  # counts, not probabilities
    assert np.isfinite(stats.entropy([0.5, 0.5], q))  # scipy divides q by 4 silently
    with pytest.raises(ValueError, match="does not renormalise"):
        info.kl_divergence([0.5, 0.5], q)


@pytest.mark.parametrize("func", [info.joint_entropy, info.conditional_entropy,
                                  info.mutual_information])
def test_joint_bad_input(func):
    with pytest.raises(ValueError, match="joint must sum to 1"):
        func([[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(ValueError, match="joint must be 2-D"):
        func([0.5, 0.5])
    with pytest.raises(ValueError, match="joint must be non-negative"):
        func([[1.5, -0.5], [0.0, 0.0]])
    with pytest.raises(ValueError, match="joint must be finite"):
        func([[np.nan, 0.5], [0.5, 0.0]])
    with pytest.raises(ValueError, match="base"):
        func([[0.5, 0.5]], base=1)


def test_information_gain_bad_input():
    with pytest.raises(ValueError, match="parent_counts"):
        info.information_gain([9, -5], [[2, 3]])
    with pytest.raises(ValueError, match="parent_counts"):
        info.information_gain([0, 0], [[0, 0]])
    with pytest.raises(ValueError, match="children_counts must add up"):
        info.information_gain([9, 5], [[2, 3], [4, 0]])
    with pytest.raises(ValueError, match="children_counts must have one column"):
        info.information_gain([9, 5], [[2, 3, 0], [7, 2, 0]])
    with pytest.raises(ValueError, match="children_counts must be 2-D"):
        info.information_gain([9, 5], [9, 5])
    with pytest.raises(ValueError, match="children_counts"):
        info.information_gain([9, 5], [[np.nan, 5]])
    with pytest.raises(ValueError, match="base"):
        info.information_gain([9, 5], [[9, 5]], base=1)


# ----------------------------------------------------------------------------- long input
def test_long_vectors_processed_in_blocks():
    """Vectors longer than one block (2**16): the checks and the sums span the blocks."""
    from scipy import stats
    rng = np.random.default_rng(30)
    n = 200_003
    p, q = rng.random(n), rng.random(n)
    p[150_000:150_010] = 0.0
    p, q = p / p.sum(), q / q.sum()
    assert np.isclose(info.entropy(p), stats.entropy(p), rtol=1e-12)
    assert np.isclose(info.kl_divergence(p, q), stats.entropy(p, q), rtol=1e-11)
    assert np.isclose(info.cross_entropy(p, q), -np.sum(p * np.log(q)), rtol=1e-12)
    assert np.isclose(info.js_divergence(p, q), distance_js(p, q), rtol=1e-10)
    assert np.isclose(info.perplexity(p), np.exp(stats.entropy(p)), rtol=1e-12)
    p32 = p.astype(np.float32)
    assert np.isclose(info.entropy(p32), stats.entropy(p32.astype(np.float64)), rtol=1e-6)
    q0 = q.copy()
    q0[199_999] = 0.0
    q0[0] += q[199_999]
    assert info.kl_divergence(p, q0) == math.inf
    assert info.cross_entropy(p, q0) == math.inf
    for bad, what in [(-1e-3, "non-negative"), (np.nan, "finite"), (np.inf, "finite")]:
        b = p.copy()
        b[-1] = bad
        with pytest.raises(ValueError, match=f"p must be {what}"):
            info.entropy(b)
        with pytest.raises(ValueError, match=f"q must be {what}"):
            info.kl_divergence(p, b)
        with pytest.raises(ValueError, match=f"q must be {what}"):
            info.cross_entropy(p, b)


def distance_js(p, q):
    from scipy.spatial import distance
    return distance.jensenshannon(p, q) ** 2


@pytest.mark.parametrize("delta", [1e-2, 1e-4, 1e-6, 1e-8])
def test_js_near_equal_keeps_relative_accuracy(delta):
    """JS ~ delta^2 while each KL term ~ delta: the series for g(d) keeps the digits."""
    rng = np.random.default_rng(8)
    p = _rng_prob(rng, 30)
    q = p * (1 + delta * rng.standard_normal(30))
    q /= q.sum()
    exact = mp_js(p, q)
    assert close(info.js_divergence(p, q), exact, rtol=1e-14)


@pytest.mark.parametrize("d", [0.2499, 0.25, 0.2501, -0.25, 0.9, -1.0, 1.0])
def test_js_series_and_logarithm_branches_meet(d):
    p, q = np.array([(1 + d) / 2, 0.5, 0.0]), np.array([(1 - d) / 2, 0.5, 0.0])
    p, q = p / p.sum(), q / q.sum()
    assert close(info.js_divergence(p, q), mp_js(p, q), rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize("delta", [1e-3, 1e-6, 1e-8, 1e-10])
def test_kl_gaussian_near_equal_keeps_relative_accuracy(delta):
    """trace - k + log det cancel to ~delta^2: the eigenvalue form keeps the digits."""
    rng = np.random.default_rng(22)
    k = 4
    cp, mp_ = _spd(rng, k), rng.standard_normal(k)
    e = rng.standard_normal((k, k)) * delta
    cq, mq = cp + (e + e.T) / 2, mp_ + delta * rng.standard_normal(k)
    with mp.workdps(80):
        exact = mp_kl_gaussian(mp_, cp, mq, cq)
    assert close(info.kl_divergence_gaussian(mp_, cp, mq, cq), exact, rtol=1e-12)


@pytest.mark.parametrize("ratio", [1.2, 1.49, 1.5, 1.51, 0.51, 0.5, 0.49, 1.0 + 1e-9])
def test_kl_gaussian_both_forms_agree_with_mpmath(ratio):
    variances_q = np.array([1.0, 2.0, 0.5])
    cq = np.diag(variances_q)
    cp = np.diag(variances_q * [ratio, 1.0, 1.0 / ratio])  # cq^-1 cp: ratio, 1, 1/ratio
    mp_, mq = np.zeros(3), np.array([0.0, 1e-3, 0.0])
    with mp.workdps(80):
        exact = mp_kl_gaussian(mp_, cp, mq, cq)
    assert close(info.kl_divergence_gaussian(mp_, cp, mq, cq), exact, rtol=1e-13)


@pytest.mark.parametrize("delta", [1e-3, 1e-5, 1e-7])
def test_mutual_information_near_independence_keeps_its_digits(delta):
    """Terms ~ delta, I ~ delta^2: the excess form leaves the conditioning limit eps/delta."""
    rng = np.random.default_rng(31)
    px, py = _rng_prob(rng, 4), _rng_prob(rng, 5)
    t = np.outer(px, py) * (1 + delta * rng.standard_normal((4, 5)))
    t /= t.sum()
    exact = mp_mutual_information(t)
    assert close(info.mutual_information(t), exact, rtol=50 * 2.2e-16 / delta)


def test_mutual_information_excess_form_handles_zeros_and_far_cells():
    t = np.array([[0.25, 0.25 * (1 + 1e-6), 0.0], [0.25, 0.25 * (1 - 1e-6), 1e-9]])
    t /= t.sum()
    assert close(info.mutual_information(t), max(mp_mutual_information(t), 0), rtol=1e-8)


@pytest.mark.parametrize("tail", [1e-3, 1e-8, 1e-14])
def test_conditional_entropy_near_deterministic_keeps_its_digits(tail):
    """Cells holding almost all of their row: log1p of the rest keeps the digits."""
    t = np.array([[0.5 - tail, tail, 0.0], [tail / 3, 0.0, 0.5 - tail / 3]])
    t /= t.sum()
    with mp.workdps(60):
        exact = mp_conditional_entropy(t)
    assert close(info.conditional_entropy(t), exact, rtol=1e-14)
