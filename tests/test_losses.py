"""Tests for mathref.losses: mpmath oracles (including +-1000 logits), ulp-level accuracy,
SciPy/scikit-learn cross-checks, properties, bad input."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref import losses

mp.mp.dps = 50
EPS = np.finfo(float).eps


def _mpf(x):
    return mp.mpf(float(x))


# ----------------------------------------------------------------------------- oracles
def mp_logsumexp(a):
    # log sum exp(a_i), written as m + log sum exp(a_i - m) (an identity) so that 50
    # digits suffice even when the result is 1e-300 (log(exp(x)) would need 300 digits),
    # and log(1 + s) as log1p(s), the same number, so a result of 1e-400 keeps its digits
    vals = [_mpf(v) for v in np.ravel(a)]
    m = max(vals)
    rest = list(vals)
    rest.remove(m)
    return m + mp.log1p(mp.fsum(mp.exp(v - m) for v in rest))


def mp_softmax(z):
    total = mp.fsum(mp.exp(_mpf(v)) for v in z)
    return [mp.exp(_mpf(v)) / total for v in z]


def mp_log_softmax(z):
    lse = mp_logsumexp(z)
    return [_mpf(v) - lse for v in z]


def mp_sigmoid(x):
    return 1 / (1 + mp.exp(-_mpf(x)))


def mp_log_sigmoid(x):
    # -log(1 + exp(-x)); log1p keeps the digits of exp(-x) < 1e-50
    return -mp.log1p(mp.exp(-_mpf(x)))


def mp_bce(y, p):
    terms = []
    for a, b in zip(y, p):
        a, b = _mpf(a), _mpf(b)
        t = mp.mpf(0)
        if a > 0:
            t += a * mp.log(b)
        if a < 1:
            t += (1 - a) * mp.log(1 - b)
        terms.append(-t)
    return mp.fsum(terms) / len(terms)


def mp_bce_logits(y, z):
    # -y log sigma(z) - (1 - y) log(1 - sigma(z)), with log(1 - sigma(z)) = log sigma(-z)
    terms = []
    for a, b in zip(y, z):
        a = _mpf(a)
        terms.append(-(a * mp_log_sigmoid(b) + (1 - a) * mp_log_sigmoid(-b)))
    return mp.fsum(terms) / len(terms)


def mp_cce(labels, logits):
    return mp.fsum(-mp_log_softmax(row)[lab] for lab, row in zip(labels, logits)) / len(labels)


def rel_err(value, exact):
    exact = mp.mpf(exact)
    if exact == 0:
        return abs(value)
    return float(abs((mp.mpf(float(value)) - exact) / exact))


def ulps(value, exact):
    """Error in units of the spacing of doubles at the exact value."""
    exact_f = float(exact)
    spacing = np.spacing(abs(exact_f)) if exact_f != 0 else np.spacing(0.0)
    return float(abs(mp.mpf(float(value)) - exact) / mp.mpf(spacing))


logits = st.floats(-1000, 1000, allow_nan=False)
logit_lists = st.lists(logits, min_size=1, max_size=10)


# ----------------------------------------------------------------------------- logsumexp
def test_logsumexp_catalogue_value():
    assert losses.logsumexp([0, -40]) == 4.248354255291589e-18
    assert isinstance(losses.logsumexp([0.0]), float)


@pytest.mark.parametrize("a", [
    [1000.0, 1000.0], [-1000.0, -1000.0], [1000.0, -1000.0], [0.0, -40.0], [0.0, -745.0],
    [1e-20, 0.0], [3.0], [-1e308, 0.0], [700.0, 710.0, 720.0], [0.0] * 100, [40.0, 0.0],
])
def test_logsumexp_edge_cases_mpmath(a):
    assert ulps(losses.logsumexp(a), mp_logsumexp(a)) <= 4


@settings(max_examples=40, deadline=None, derandomize=True)
@given(logit_lists)
def test_logsumexp_few_ulps(a):
    assert ulps(losses.logsumexp(a), mp_logsumexp(a)) <= 4 + 2 * len(a)


def test_logsumexp_axis_and_scipy():
    from scipy import special
    rng = np.random.default_rng(0)
    a = rng.normal(scale=30, size=(4, 5, 6))
    for axis in (None, 0, 1, 2, -1):
        assert np.allclose(losses.logsumexp(a, axis=axis), special.logsumexp(a, axis=axis),
                           rtol=1e-14, atol=0)
    assert losses.logsumexp(a, axis=1).shape == (4, 6)
    row = losses.logsumexp([[0.0, -40.0]], axis=1)
    assert row.shape == (1,) and row[0] == 4.248354255291589e-18


def test_logsumexp_minus_inf():
    assert losses.logsumexp([-np.inf, 0.0]) == 0.0
    assert losses.logsumexp([-np.inf, -np.inf]) == -np.inf
    out = losses.logsumexp(np.array([[1.0, 2.0], [-np.inf, -np.inf]]), axis=1)
    assert np.isclose(out[0], 2 + math.log1p(math.exp(-1))) and out[1] == -np.inf


def test_logsumexp_smooth_max_bounds():
    rng = np.random.default_rng(1)
    for _ in range(20):
        a = rng.normal(scale=10, size=8)
        lse = losses.logsumexp(a)
        assert a.max() <= lse <= a.max() + math.log(8) + 1e-12


# ----------------------------------------------------------------------------- softmax
@settings(max_examples=40, deadline=None, derandomize=True)
@given(logit_lists)
def test_softmax_matches_mpmath(z):
    got = losses.softmax(z)
    exact = mp_softmax(z)
    assert np.all(np.isfinite(got))
    for g, e in zip(got, exact):
        # relative accuracy where representable; exp(z - m) for |z - m| up to 2000
        if e > 1e-300:
            assert rel_err(g, e) <= 8 * EPS * (1 + abs(float(mp.log(e))))
        else:
            assert g <= 1e-290
    assert abs(np.sum(got) - 1) <= 4 * len(z) * EPS


@settings(max_examples=40, deadline=None, derandomize=True)
@given(logit_lists, st.floats(-100, 100))
def test_softmax_shift_invariance_and_sum(z, c):
    z = np.array(z)
    assert np.allclose(losses.softmax(z), losses.softmax(z + c), atol=1e-12)
    assert math.isclose(np.sum(losses.softmax(z)), 1.0, abs_tol=1e-14)


def test_softmax_axis_scipy_and_extremes():
    from scipy import special
    rng = np.random.default_rng(2)
    z = rng.normal(scale=5, size=(3, 4, 5))
    for axis in (0, 1, 2, -1):
        assert np.allclose(losses.softmax(z, axis=axis), special.softmax(z, axis=axis),
                           rtol=1e-14, atol=1e-300)
        assert np.allclose(losses.softmax(z, axis=axis).sum(axis=axis), 1.0)
    assert np.array_equal(losses.softmax([1000.0, 0.0]), [1.0, 0.0])
    assert np.allclose(losses.softmax([-1000.0, -1000.0]), [0.5, 0.5])
    assert np.array_equal(losses.softmax([0.0, -np.inf]), [1.0, 0.0])
    # two classes: softmax is the sigmoid of the logit difference
    a, b = 1.7, -0.4
    assert np.isclose(losses.softmax([a, b])[0], losses.sigmoid(a - b), rtol=1e-15)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(logit_lists)
def test_log_softmax_matches_mpmath(z):
    got = losses.log_softmax(z)
    assert np.all(np.isfinite(got))
    for g, e in zip(got, mp_log_softmax(z)):
        assert ulps(g, e) <= 4 or abs(g - float(e)) <= 4 * EPS * 1000


def test_log_softmax_extremes_and_consistency():
    out = losses.log_softmax([0.0, -1000.0])
    assert out[0] == 0.0 and out[1] == -1000.0
    out = losses.log_softmax([0.0, -40.0])
    assert out[0] == -4.248354255291589e-18
    z = np.random.default_rng(3).normal(size=(5, 7))
    assert np.allclose(np.exp(losses.log_softmax(z, axis=0)).sum(axis=0), 1.0)
    assert np.allclose(losses.log_softmax(z), np.log(losses.softmax(z)), atol=1e-14)
    from scipy import special
    assert np.allclose(losses.log_softmax(z, axis=0), special.log_softmax(z, axis=0),
                       atol=1e-14)


# ----------------------------------------------------------------------------- sigmoid
@settings(max_examples=40, deadline=None, derandomize=True)
@given(logits)
def test_sigmoid_and_log_sigmoid_few_ulps(x):
    assert ulps(losses.sigmoid(x), mp_sigmoid(x)) <= 4
    assert ulps(losses.log_sigmoid(x), mp_log_sigmoid(x)) <= 4


@pytest.mark.parametrize("x", [-1000.0, -745.0, -40.0, -1e-10, 0.0, 1e-10, 40.0, 700.0,
                               1000.0])
def test_sigmoid_edge_cases(x):
    assert ulps(losses.sigmoid(x), mp_sigmoid(x)) <= 4
    assert ulps(losses.log_sigmoid(x), mp_log_sigmoid(x)) <= 4
    assert math.isfinite(losses.log_sigmoid(x))


def test_sigmoid_properties_and_scipy():
    from scipy import special
    x = np.linspace(-50, 50, 1001)
    s = losses.sigmoid(x)
    assert np.allclose(s, special.expit(x), rtol=1e-15, atol=0)
    assert np.allclose(losses.sigmoid(-x), 1 - s, atol=1e-15)
    assert np.allclose(losses.log_sigmoid(x), special.log_expit(x), rtol=1e-14)
    assert losses.sigmoid(-40.0) == 4.248354255291589e-18
    assert losses.log_sigmoid(40.0) == -4.248354255291589e-18
    assert losses.sigmoid(np.inf) == 1.0 and losses.sigmoid(-np.inf) == 0.0
    assert losses.log_sigmoid(-np.inf) == -np.inf
    assert losses.sigmoid(np.array([[0.0]])).shape == (1, 1)
    assert isinstance(losses.sigmoid(1), float)


# ----------------------------------------------------------------------------- BCE
@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from([0.0, 1.0, 0.1, 0.5]),
                          st.floats(1e-12, 1 - 1e-12)), min_size=1, max_size=8))
def test_binary_cross_entropy_matches_mpmath(pairs):
    y, p = zip(*pairs)
    assert rel_err(losses.binary_cross_entropy(y, p), mp_bce(y, p)) <= 1e-13


def test_binary_cross_entropy_edges_and_sklearn():
    from sklearn.metrics import log_loss
    rng = np.random.default_rng(4)
    y = rng.integers(0, 2, 50)
    p = rng.uniform(0.01, 0.99, 50)
    assert np.isclose(losses.binary_cross_entropy(y, p), log_loss(y, p), rtol=1e-13)
    assert losses.binary_cross_entropy([1, 0], [0.0, 0.1]) == math.inf
    assert losses.binary_cross_entropy([0, 0], [1.0, 0.1]) == math.inf
    assert losses.binary_cross_entropy([1, 0], [1.0, 0.0]) == 0.0
    # log(1 - p) via log1p: exact for a tiny p
    assert rel_err(losses.binary_cross_entropy([0], [1e-20]), mp.mpf("1e-20")) < 1e-12


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from([0.0, 1.0, 0.3]), logits), min_size=1,
                max_size=8))
def test_bce_with_logits_matches_mpmath(pairs):
    y, z = zip(*pairs)
    got = losses.binary_cross_entropy_with_logits(y, z)
    assert math.isfinite(got)
    assert rel_err(got, mp_bce_logits(y, z)) <= 1e-13 or abs(got) < 1e-300


@pytest.mark.parametrize("y, z", [([1], [-1000.0]), ([0], [1000.0]), ([1], [1000.0]),
                                  ([0], [-1000.0]), ([1], [40.0]), ([0], [-40.0]),
                                  ([1, 0], [-1000.0, 1000.0]), ([0.5], [1000.0])])
def test_bce_with_logits_extremes(y, z):
    got = losses.binary_cross_entropy_with_logits(y, z)
    exact = mp_bce_logits(y, z)
    assert math.isfinite(got)
    assert rel_err(got, exact) <= 1e-14 or abs(got - float(exact)) < 1e-300


def test_bce_with_logits_consistency():
    from sklearn.metrics import log_loss
    rng = np.random.default_rng(5)
    z = rng.normal(scale=3, size=40)
    y = rng.integers(0, 2, 40)
    expected = losses.binary_cross_entropy(y, losses.sigmoid(z))
    assert np.isclose(losses.binary_cross_entropy_with_logits(y, z), expected, rtol=1e-13)
    assert np.isclose(losses.binary_cross_entropy_with_logits(y, z),
                      log_loss(y, losses.sigmoid(z)), rtol=1e-12)


# ----------------------------------------------------------------------------- CCE
@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 5), st.integers(2, 5), st.integers(0, 2**31 - 1))
def test_categorical_cross_entropy_matches_mpmath(n, k, seed):
    rng = np.random.default_rng(seed)
    z = rng.choice([-1000.0, 1000.0, 0.0, -40.0, 3.0], size=(n, k)) + rng.normal(size=(n, k))
    y = rng.integers(0, k, n)
    got = losses.categorical_cross_entropy(y, z)
    assert math.isfinite(got)
    assert rel_err(got, mp_cce(y, z)) <= 1e-13 or abs(got) < 1e-300


def test_categorical_cross_entropy_extremes_and_sklearn():
    from sklearn.metrics import log_loss
    assert losses.categorical_cross_entropy([1], [[1000.0, -1000.0]]) == 2000.0
    assert losses.categorical_cross_entropy([0], [[1000.0, -1000.0]]) == 0.0
    assert losses.categorical_cross_entropy([0], [[0.0, -40.0]]) == 4.248354255291589e-18
    assert np.isclose(losses.categorical_cross_entropy([3], [[0.0] * 10]), math.log(10))
    rng = np.random.default_rng(6)
    z = rng.normal(size=(30, 4))
    y = rng.integers(0, 4, 30)
    y[:4] = [0, 1, 2, 3]
    assert np.isclose(losses.categorical_cross_entropy(y, z),
                      log_loss(y, losses.softmax(z), labels=[0, 1, 2, 3]), rtol=1e-12)
    assert losses.categorical_cross_entropy(np.array([1.0, 0.0]), [[0, 1], [1, 0]]) > 0


# ----------------------------------------------------------------------------- regression
@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3)), min_size=1,
                max_size=10), st.floats(0.01, 10))
def test_regression_losses_match_mpmath(pairs, delta):
    y, f = zip(*pairs)
    n = len(y)
    mse = mp.fsum((_mpf(a) - _mpf(b)) ** 2 for a, b in pairs) / n

    def huber(r):
        r = abs(r)
        return r * r / 2 if r <= delta else _mpf(delta) * (r - _mpf(delta) / 2)

    hub = mp.fsum(huber(_mpf(a) - _mpf(b)) for a, b in pairs) / n
    # a result below the smallest double rounds to 0: compare absolutely there
    assert rel_err(losses.mean_squared_error(y, f), mse) <= 1e-13 or mse < 1e-290
    assert rel_err(losses.huber_loss(y, f, delta), hub) <= 1e-12 or hub < 1e-290
    assert losses.huber_loss(y, f, delta) <= losses.mean_squared_error(y, f) / 2 + 1e-9


def test_regression_losses_values_and_sklearn():
    from sklearn.metrics import mean_squared_error
    rng = np.random.default_rng(7)
    y, f = rng.normal(size=20), rng.normal(size=20)
    assert np.isclose(losses.mean_squared_error(y, f), mean_squared_error(y, f), rtol=1e-14)
    assert losses.huber_loss([0.0, 0.0], [0.5, 3.0]) == 1.3125
    assert losses.huber_loss([0.0], [2.0], delta=2.0) == 2.0
    # continuity at |r| = delta
    d = 0.7
    below = losses.huber_loss([0.0], [d - 1e-12], d)
    above = losses.huber_loss([0.0], [d + 1e-12], d)
    assert abs(above - below) < 1e-11


def test_hinge_loss_values_and_sklearn():
    from sklearn.metrics import hinge_loss
    rng = np.random.default_rng(8)
    y = rng.choice([-1, 1], 30)
    s = rng.normal(size=30)
    assert np.isclose(losses.hinge_loss(y, s), hinge_loss(y, s), rtol=1e-14)
    assert losses.hinge_loss([1, -1, 1], [2.0, -0.5, 0.3]) == pytest.approx(0.4)
    assert losses.hinge_loss([1, -1], [1.0, -1.0]) == 0.0


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("func", [losses.logsumexp, losses.softmax, losses.log_softmax])
def test_logit_functions_bad_input(func):
    name = "a" if func is losses.logsumexp else "z"
    with pytest.raises(ValueError, match=f"{name} must not contain NaN"):
        func([0.0, np.nan])
    with pytest.raises(ValueError, match=rf"{name} must not contain \+inf"):
        func([0.0, np.inf])
    with pytest.raises(ValueError, match=f"{name} must not be empty"):
        func([])
    with pytest.raises(TypeError, match=name):
        func("abc")
    with pytest.raises(TypeError, match=name):
        func([1 + 2j])
    with pytest.raises(ValueError, match="axis"):
        func([[0.0, 1.0]], axis=2)
    with pytest.raises(TypeError, match="axis"):
        func([[0.0, 1.0]], axis="rows")
    if func is not losses.logsumexp:
        with pytest.raises(ValueError, match="-inf everywhere"):
            func([[-np.inf, -np.inf]])


@pytest.mark.parametrize("func", [losses.sigmoid, losses.log_sigmoid])
def test_sigmoid_bad_input(func):
    with pytest.raises(ValueError, match="x must not contain NaN"):
        func([0.0, np.nan])
    with pytest.raises(ValueError, match="x must not be empty"):
        func([])
    with pytest.raises(TypeError, match="x"):
        func(None)


def test_bce_bad_input():
    with pytest.raises(ValueError, match="p must lie in"):
        losses.binary_cross_entropy([1, 0], [1.2, 0.1])
    with pytest.raises(ValueError, match="p must be finite"):
        losses.binary_cross_entropy([1, 0], [np.nan, 0.1])
    with pytest.raises(ValueError, match="y_true must lie in"):
        losses.binary_cross_entropy([2, 0], [0.5, 0.1])
    with pytest.raises(ValueError, match="y_true and p must have the same shape"):
        losses.binary_cross_entropy([1, 0, 1], [0.5, 0.1])
    with pytest.raises(ValueError, match="y_true must lie in"):
        losses.binary_cross_entropy_with_logits([-1, 1], [0.5, 0.1])
    with pytest.raises(ValueError, match="logits must be finite"):
        losses.binary_cross_entropy_with_logits([1, 0], [np.inf, 0.1])
    with pytest.raises(ValueError, match="y_true and logits"):
        losses.binary_cross_entropy_with_logits([1, 0], [0.1])
    with pytest.raises(ValueError, match="y_true must not be empty"):
        losses.binary_cross_entropy_with_logits([], [])


def test_cce_bad_input():
    z = [[0.0, 1.0], [1.0, 0.0]]
    with pytest.raises(ValueError, match="labels must be class indices in 0..1"):
        losses.categorical_cross_entropy([0, 2], z)
    with pytest.raises(ValueError, match="labels must be class indices"):
        losses.categorical_cross_entropy([0, -1], z)
    with pytest.raises(ValueError, match="labels must be integer"):
        losses.categorical_cross_entropy([0, 0.5], z)
    with pytest.raises(ValueError, match="labels and logits"):
        losses.categorical_cross_entropy([0], z)
    with pytest.raises(ValueError, match="logits must be 2-D"):
        losses.categorical_cross_entropy([0], [0.0, 1.0])
    with pytest.raises(ValueError, match="logits must be finite"):
        losses.categorical_cross_entropy([0, 1], [[np.inf, 0.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="labels must be 1-D"):
        losses.categorical_cross_entropy([[0, 1]], z)


@pytest.mark.parametrize("func", [losses.mean_squared_error, losses.huber_loss])
def test_regression_bad_input(func):
    with pytest.raises(ValueError, match="y_true and y_pred must have the same shape"):
        func([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="y_pred must be finite"):
        func([1.0, 2.0], [1.0, np.nan])
    with pytest.raises(ValueError, match="y_true must be finite"):
        func([np.inf, 2.0], [1.0, 1.0])
    with pytest.raises(TypeError, match="y_true"):
        func("ab", [1.0, 1.0])


def test_huber_delta_and_hinge_bad_input():
    with pytest.raises(ValueError, match="delta must be positive"):
        losses.huber_loss([0.0], [1.0], delta=0.0)
    with pytest.raises(ValueError, match="delta"):
        losses.huber_loss([0.0], [1.0], delta=np.inf)
    with pytest.raises(TypeError, match="delta"):
        losses.huber_loss([0.0], [1.0], delta="1")
    with pytest.raises(ValueError, match=r"labels in \{0, 1\}.*2 \* y_true - 1"):
        losses.hinge_loss([0, 1, 1], [0.5, 0.2, -1.0])
    with pytest.raises(ValueError, match="y_true must hold labels -1 or \\+1, got 2.0"):
        losses.hinge_loss([2, 1], [0.5, 0.2])
    with pytest.raises(ValueError, match="scores must be finite"):
        losses.hinge_loss([1, -1], [np.nan, 0.2])
    with pytest.raises(ValueError, match="y_true and scores"):
        losses.hinge_loss([1, -1], [0.2])


# ----------------------------------------------------------------------------- long input
def test_long_arrays_processed_in_blocks():
    """Arrays longer than one block (2**16 entries): same results as SciPy."""
    from scipy import special
    rng = np.random.default_rng(9)
    a = rng.normal(scale=20, size=200_003)
    a[-5] = 95.0  # the maximum sits in the last block
    a[7] = -np.inf
    assert np.isclose(losses.logsumexp(a), special.logsumexp(a), rtol=1e-15)
    for shape in [(200_003,), (3, 70_001), (5_000, 40)]:
        z = rng.normal(scale=10, size=shape)
        got = losses.softmax(z)
        assert np.allclose(got, special.softmax(z, axis=-1), rtol=1e-13, atol=1e-300)
        assert np.allclose(got.sum(axis=-1), 1.0, atol=1e-12)
        z32 = z.astype(np.float32)
        got32 = losses.softmax(z32)
        assert got32.dtype == np.float32
        assert np.allclose(got32, special.softmax(z32.astype(np.float64), axis=-1),
                           rtol=1e-4, atol=1e-30)
    z = rng.normal(size=(40, 30)).T  # not C-contiguous: the plain path
    assert np.allclose(losses.softmax(z), special.softmax(z, axis=-1), rtol=1e-14)
    bad = a.copy()
    bad[-1] = np.nan
    with pytest.raises(ValueError, match="a must not contain NaN"):
        losses.logsumexp(bad)
    with pytest.raises(ValueError, match="z must not contain NaN"):
        losses.softmax(bad)


@pytest.mark.parametrize("x", [-709.5, -710.0, -720.0, -740.0, -744.0])
def test_sigmoid_keeps_subnormal_values_where_expit_returns_zero(x):
    exact = mp_sigmoid(x)
    assert losses.sigmoid(x) == float(exact)
    assert losses.sigmoid(np.array([x, 0.0]))[0] == float(exact)


def test_sigmoid_float32_tail():
    x = np.array([-100.0, -90.0, -88.0, 3.0], dtype=np.float32)
    out = losses.sigmoid(x)
    assert out.dtype == np.float32
    exact = np.array([float(mp_sigmoid(float(v))) for v in x]).astype(np.float32)
    assert np.array_equal(out, exact)
