"""Tests for mathref.diagnostics: oracles (scikit-learn, brute force), properties, bad input.

scikit-learn is used only here, as an independent oracle; fairlearn is not installed, so its
definitions are transcribed below as brute-force loops over groups.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, special

from mathref import diagnostics as dg
from mathref.diagnostics import PlattResult, ReliabilityCurve
from mathref.diagnostics._embedding import (
    _conditional_affinities,
    _kl_divergence,
    _kl_gradient,
    _nearest_neighbours,
    _neighbour_distances,
    _ranks,
    _squared_distances,
)

sk_metrics = pytest.importorskip("sklearn.metrics")
sk_calibration = pytest.importorskip("sklearn.calibration")
sk_manifold = pytest.importorskip("sklearn.manifold")

SETTINGS = settings(max_examples=40, deadline=None)


def _binary_case(seed: int, n: int = 200, quantised: bool = False):
    rng = np.random.default_rng(seed)
    p = rng.random(n)
    if quantised:  # many values exactly on bin edges and ties
        p = np.round(p, 1)
    y = (rng.random(n) < p).astype(int)
    if y.min() == y.max():
        y[0] = 1 - y[0]
    return y, p


# ----------------------------------------------------------------------------- module


def test_public_names_and_entries():
    expected = [
        "reliability_curve", "expected_calibration_error", "maximum_calibration_error",
        "brier_score", "temperature_scale", "platt_scale", "cost_optimal_threshold",
        "threshold_for_precision", "selection_rates", "demographic_parity_difference",
        "demographic_parity_ratio", "equalized_odds_difference", "tsne_affinities", "tsne",
        "trustworthiness", "confusion_matrix", "precision", "recall", "f1_score", "roc_auc",
    ]
    assert dg.__all__ == expected
    assert set(dg._ENTRIES) == set(expected)
    for name in expected:
        doc = getattr(dg, name).__doc__
        assert ".. math::" in doc and ">>>" in doc, name
    assert "ReliabilityCurve" not in dg.__all__ and "PlattResult" not in dg.__all__


# ------------------------------------------------------------------ reliability curve


def _brute_bins(y, p, n_bins, strategy="uniform"):
    if strategy == "uniform":
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    else:
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    bins = []
    for b in range(n_bins):
        members = []
        for yi, pi in zip(y, p):
            lower_ok = pi > edges[b] if b > 0 else True
            upper_ok = pi <= edges[b + 1] if b < n_bins - 1 else True
            # first bin takes everything up to its upper edge, last everything above its lower
            if lower_ok and upper_ok:
                members.append((yi, pi))
        if members:
            bins.append((np.mean([m[0] for m in members]), np.mean([m[1] for m in members]),
                         len(members)))
    return bins


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 15), st.booleans(),
       st.sampled_from(["uniform", "quantile"]))
def test_reliability_curve_matches_sklearn(seed, n_bins, quantised, strategy):
    y, p = _binary_case(seed, 150, quantised)
    curve = dg.reliability_curve(y, p, n_bins=n_bins, strategy=strategy)
    prob_true, prob_pred = sk_calibration.calibration_curve(y, p, n_bins=n_bins,
                                                            strategy=strategy)
    np.testing.assert_allclose(curve.prob_true, prob_true, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(curve.prob_pred, prob_pred, rtol=1e-12, atol=1e-15)
    assert curve.counts.sum() == y.size
    assert curve.counts.dtype.kind == "i"


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_reliability_curve_brute_force(strategy):
    y, p = _binary_case(3, 80, quantised=True)
    curve = dg.reliability_curve(y, p, n_bins=7, strategy=strategy)
    brute = _brute_bins(y, p, 7, strategy)
    assert isinstance(curve, ReliabilityCurve)
    assert len(brute) == curve.counts.size
    for (t, q, c), a, b, k in zip(brute, *curve):
        assert (a, b, k) == pytest.approx((t, q, c), rel=1e-12)


def test_reliability_curve_inner_edge_goes_to_lower_bin():
    # 0.5 lies exactly on the inner edge of two bins: it belongs to the first.
    curve = dg.reliability_curve([0, 1, 1], [0.5, 0.5, 0.9], n_bins=2)
    assert curve.counts.tolist() == [2, 1]
    # 0 goes to the first bin, 1 to the last.
    curve = dg.reliability_curve([0, 1], [0.0, 1.0], n_bins=4)
    assert curve.counts.tolist() == [1, 1]
    assert curve.prob_pred.tolist() == [0.0, 1.0]


def test_reliability_curve_drops_empty_bins():
    curve = dg.reliability_curve([0, 1, 1], [0.05, 0.93, 0.97], n_bins=10)
    assert curve.counts.tolist() == [1, 2]
    assert curve.prob_true.tolist() == [0.0, 1.0]


# ---------------------------------------------------------------------- ECE, MCE, Brier


def _brute_ece_mce(y, p, n_bins, strategy="uniform"):
    bins = _brute_bins(y, p, n_bins, strategy)
    n = len(y)
    ece = sum(c / n * abs(t - q) for t, q, c in bins)
    mce = max(abs(t - q) for t, q, _ in bins)
    return ece, mce


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 12), st.booleans(),
       st.sampled_from(["uniform", "quantile"]))
def test_ece_mce_brute_force(seed, n_bins, quantised, strategy):
    y, p = _binary_case(seed, 60, quantised)
    ece, mce = _brute_ece_mce(y, p, n_bins, strategy)
    got_ece = dg.expected_calibration_error(y, p, n_bins, strategy=strategy)
    got_mce = dg.maximum_calibration_error(y, p, n_bins, strategy=strategy)
    assert got_ece == pytest.approx(ece, rel=1e-12, abs=1e-15)
    assert got_mce == pytest.approx(mce, rel=1e-12, abs=1e-15)
    assert 0.0 <= got_ece <= got_mce + 1e-15 <= 1.0 + 1e-15
    assert isinstance(got_ece, float) and isinstance(got_mce, float)


def test_ece_of_calibrated_data_goes_to_zero():
    rng = np.random.default_rng(0)
    eces = []
    for n in (1_000, 10_000, 100_000, 1_000_000):
        p = rng.random(n)
        y = (rng.random(n) < p).astype(int)
        eces.append(dg.expected_calibration_error(y, p))
    assert eces[-1] < 0.003
    assert eces[-1] < eces[0] / 5
    # An over-confident model (probabilities pushed towards 0 and 1) is not calibrated.
    p = rng.random(100_000)
    y = (rng.random(100_000) < p).astype(int)
    sharp = special.expit(3 * special.logit(np.clip(p, 1e-9, 1 - 1e-9)))
    assert dg.expected_calibration_error(y, sharp) > 0.1


def test_ece_equals_weighted_reliability_gaps():
    y, p = _binary_case(11, 500)
    curve = dg.reliability_curve(y, p, 8)
    weighted = np.sum(curve.counts * np.abs(curve.prob_true - curve.prob_pred)) / y.size
    assert dg.expected_calibration_error(y, p, 8) == pytest.approx(weighted, rel=1e-12)
    assert dg.maximum_calibration_error(y, p, 8) == pytest.approx(
        np.max(np.abs(curve.prob_true - curve.prob_pred)), rel=1e-12)


@SETTINGS
@given(st.integers(0, 10_000), st.booleans())
def test_brier_matches_sklearn(seed, quantised):
    y, p = _binary_case(seed, 100, quantised)
    assert dg.brier_score(y, p) == pytest.approx(sk_metrics.brier_score_loss(y, p), rel=1e-12)


def test_brier_edge_values():
    assert dg.brier_score([0, 1], [0.0, 1.0]) == 0.0
    assert dg.brier_score([0, 1], [1.0, 0.0]) == 1.0
    assert dg.brier_score([True, False], [0.5, 0.5]) == 0.25


# -------------------------------------------------------------------- temperature scale


def _nll_at(z, labels, T):
    return float(np.mean(special.logsumexp(z / T, axis=1) - z[np.arange(len(z)), labels] / T))


@SETTINGS
@given(st.integers(0, 10_000), st.integers(2, 6), st.floats(0.3, 5.0))
def test_temperature_minimises_nll(seed, k, scale):
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=scale, size=(200, k))
    p = special.softmax(z / 1.7, axis=1)
    labels = np.array([rng.choice(k, p=row) for row in p])
    T = dg.temperature_scale(labels, z)
    assert isinstance(T, float)
    if math.isinf(T):
        assert np.mean(np.mean(z, axis=1) - z[np.arange(200), labels]) >= 0
        return
    # Oracle: direct bounded minimisation of the NLL in T with SciPy.
    ref = optimize.minimize_scalar(lambda u: _nll_at(z, labels, math.exp(u)),
                                   bounds=(math.log(T) - 3, math.log(T) + 3),
                                   method="bounded", options={"xatol": 1e-10})
    assert T == pytest.approx(math.exp(ref.x), rel=1e-6)
    # Stationary point: the NLL does not decrease on either side.
    f0 = _nll_at(z, labels, T)
    assert f0 <= _nll_at(z, labels, T * 1.001) + 1e-14
    assert f0 <= _nll_at(z, labels, T / 1.001) + 1e-14


def test_temperature_recovers_the_true_temperature():
    rng = np.random.default_rng(1)
    z = rng.normal(scale=3.0, size=(20_000, 4))
    p = special.softmax(z / 2.0, axis=1)
    cum = np.cumsum(p, axis=1)
    labels = np.minimum((rng.random((20_000, 1)) > cum).sum(axis=1), 3)
    assert dg.temperature_scale(labels, z) == pytest.approx(2.0, rel=0.05)


def test_temperature_scale_equivariance_and_large_logits():
    rng = np.random.default_rng(2)
    z = rng.normal(size=(300, 3))
    labels = rng.integers(0, 3, 300)
    labels[:200] = np.argmax(z[:200], axis=1)
    T = dg.temperature_scale(labels, z)
    assert dg.temperature_scale(labels, 1000.0 * z) == pytest.approx(1000.0 * T, rel=1e-8)
    assert dg.temperature_scale(labels, z + 5.0) == pytest.approx(T, rel=1e-8)
    assert dg.temperature_scale(labels, 1e-3 * z) == pytest.approx(1e-3 * T, rel=1e-8)


def test_temperature_scale_limits():
    # Constant logits: uniform is best, T = inf.
    assert dg.temperature_scale([0, 1, 1], np.zeros((3, 2))) == math.inf
    # Anti-informative logits: T = inf.
    assert dg.temperature_scale([0, 1], [[0.0, 1.0], [1.0, 0.0]]) == math.inf
    # Every true class on top: no finite minimiser.
    with pytest.raises(ValueError, match="T -> 0"):
        dg.temperature_scale([0, 1], [[2.0, 1.0], [0.0, 3.0]])


@pytest.mark.parametrize("labels, logits, match", [
    ([0, 1], [[1.0], [2.0]], "logits"),
    ([0, 1], [1.0, 2.0], "logits"),
    ([0, 1], [[1.0, np.nan], [0.0, 1.0]], "logits"),
    ([0, 2], [[1.0, 0.0], [0.0, 1.0]], "labels"),
    ([0, 0.5], [[1.0, 0.0], [0.0, 1.0]], "labels"),
    ([0, -1], [[1.0, 0.0], [0.0, 1.0]], "labels"),
    ([0, 1, 1], [[1.0, 0.0], [0.0, 1.0]], "labels"),
])
def test_temperature_scale_bad_input(labels, logits, match):
    with pytest.raises(ValueError, match=match):
        dg.temperature_scale(labels, logits)


# -------------------------------------------------------------------------- Platt scale


@SETTINGS
@given(st.integers(0, 10_000), st.floats(-3, 3), st.floats(-2, 2), st.floats(0.01, 100))
def test_platt_matches_sklearn_logistic_regression(seed, a_true, b_true, spread):
    linear_model = pytest.importorskip("sklearn.linear_model")
    rng = np.random.default_rng(seed)
    s = rng.normal(scale=spread, size=300)
    y = (rng.random(300) < special.expit(a_true * s / spread + b_true)).astype(int)
    try:
        a, b = dg.platt_scale(y, s)
    except ValueError:  # one class only, or separable: sklearn's fit would diverge
        pos, neg = s[y == 1], s[y == 0]
        assert (pos.size == 0 or neg.size == 0 or neg.max() <= pos.min()
                or pos.max() <= neg.min())
        return
    lr = linear_model.LogisticRegression(C=1e12, tol=1e-12, max_iter=100_000)
    lr.fit((s / spread)[:, None], y)
    ref_a, ref_b = lr.coef_[0, 0] / spread, lr.intercept_[0]
    # The fitted probabilities agree (coefficients too, when well determined).
    grid = np.linspace(s.min(), s.max(), 7)
    np.testing.assert_allclose(special.expit(a * grid + b), special.expit(ref_a * grid + ref_b),
                               atol=1e-5)


def test_platt_is_the_mle():
    rng = np.random.default_rng(5)
    s = rng.normal(size=400)
    y = (rng.random(400) < special.expit(2 * s - 0.5)).astype(int)
    fit = dg.platt_scale(y, s)
    assert isinstance(fit, PlattResult) and isinstance(fit.a, float)

    def nll(theta):
        u = theta[0] * s + theta[1]
        return float(np.sum(np.logaddexp(0, u) - y * u))

    ref = optimize.minimize(nll, [0.0, 0.0], method="BFGS", options={"gtol": 1e-10})
    assert fit.a == pytest.approx(ref.x[0], rel=1e-6)
    assert fit.b == pytest.approx(ref.x[1], rel=1e-6, abs=1e-8)


def test_platt_affine_equivariance_and_far_scores():
    rng = np.random.default_rng(6)
    s = rng.normal(size=500)
    y = (rng.random(500) < special.expit(1.5 * s)).astype(int)
    a, b = dg.platt_scale(y, s)
    a2, b2 = dg.platt_scale(y, 4.0 * s + 1e6)
    assert a2 == pytest.approx(a / 4.0, rel=1e-7)
    assert b2 + a2 * 1e6 == pytest.approx(b, rel=1e-5, abs=1e-6)


def test_platt_separable():
    s = [-2.0, -1.0, 1.0, 2.0]
    with pytest.raises(ValueError, match="separate"):
        dg.platt_scale([0, 0, 1, 1], s)
    with pytest.raises(ValueError, match="separate"):  # quasi-separation (a tie at the edge)
        dg.platt_scale([0, 0, 1, 1], [-1.0, 0.0, 0.0, 1.0])
    a, b = dg.platt_scale([0, 0, 1, 1], s, platt_targets=True)
    assert a > 0 and math.isfinite(a) and abs(b) < 1e-9


@pytest.mark.parametrize("labels, scores, match", [
    ([0, 2, 1], [0.0, 1.0, 2.0], "labels"),
    ([1, 1, 1], [0.0, 1.0, 2.0], "labels"),
    ([0, 1, 1], [0.0, 1.0], "length"),
    ([0, 1, 0], [0.0, np.inf, 2.0], "scores"),
    ([0, 1, 0], [1.0, 1.0, 1.0], "scores"),
])
def test_platt_bad_input(labels, scores, match):
    with pytest.raises(ValueError, match=match):
        dg.platt_scale(labels, scores)


def test_platt_bad_targets_flag():
    with pytest.raises(TypeError, match="platt_targets"):
        dg.platt_scale([0, 1, 0, 1], [0.0, 1.0, 2.0, 0.5], platt_targets="yes")


# --------------------------------------------------------------------------- thresholds


@SETTINGS
@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_cost_optimal_threshold_minimises_expected_cost(c_fp, c_fn):
    if c_fp == 0 and c_fn == 0:
        return
    t = dg.cost_optimal_threshold(c_fp, c_fn)
    assert 0.0 <= t <= 1.0
    for p in np.linspace(0, 1, 101):
        cost_positive, cost_negative = (1 - p) * c_fp, p * c_fn
        if p >= t:
            assert cost_positive <= cost_negative * (1 + 1e-12) + 1e-9
        else:
            assert cost_positive >= cost_negative * (1 - 1e-12) - 1e-9


@pytest.mark.parametrize("args, match", [
    ((-1.0, 1.0), "cost_false_positive"),
    ((1.0, -1.0), "cost_false_negative"),
    ((np.nan, 1.0), "cost_false_positive"),
    ((1.0, np.inf), "cost_false_negative"),
    ((0.0, 0.0), "both"),
])
def test_cost_optimal_threshold_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        dg.cost_optimal_threshold(*args)
    with pytest.raises(TypeError, match="cost_false_positive"):
        dg.cost_optimal_threshold("1", 1.0)


def _brute_threshold(y, p, target):
    best = None
    for t in sorted(set(p.tolist())):
        flagged = p >= t
        prec = sk_metrics.precision_score(y, flagged.astype(int), zero_division=0)
        if prec >= target:
            return t
    return best


@SETTINGS
@given(st.integers(0, 10_000), st.floats(0.05, 1.0), st.booleans())
def test_threshold_for_precision_brute_force(seed, target, quantised):
    y, p = _binary_case(seed, 60, quantised)
    expected = _brute_threshold(y, p, target)
    if expected is None:
        with pytest.raises(ValueError, match="precision"):
            dg.threshold_for_precision(y, p, target)
        return
    t = dg.threshold_for_precision(y, p, target)
    assert t == expected
    assert sk_metrics.precision_score(y, (p >= t).astype(int)) >= target


def test_threshold_for_precision_unattainable():
    with pytest.raises(ValueError, match="highest precision is 0.5"):
        dg.threshold_for_precision([1, 0, 1, 0], [0.2, 0.4, 0.6, 0.8], 0.9)


@pytest.mark.parametrize("kwargs, match", [
    (dict(y_true=[0, 1, 2], y_prob=[0.1, 0.2, 0.3], precision=0.5), "y_true"),
    (dict(y_true=[0, 1, 1], y_prob=[0.1, 1.2, 0.3], precision=0.5), "y_prob"),
    (dict(y_true=[0, 1, 1], y_prob=[0.1, 0.2], precision=0.5), "length"),
    (dict(y_true=[0, 1, 1], y_prob=[0.1, 0.2, 0.3], precision=0.0), "precision"),
    (dict(y_true=[0, 1, 1], y_prob=[0.1, 0.2, 0.3], precision=1.5), "precision"),
])
def test_threshold_for_precision_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        dg.threshold_for_precision(**kwargs)


# ------------------------------------------------------- bad input: calibration family


@pytest.mark.parametrize("func", [dg.reliability_curve, dg.expected_calibration_error,
                                  dg.maximum_calibration_error, dg.brier_score])
@pytest.mark.parametrize("y_true, y_prob, match", [
    ([0, 1, 2], [0.1, 0.2, 0.3], "y_true"),
    ([0, 1, -1], [0.1, 0.2, 0.3], "y_true"),
    ([0, 1, 1], [0.1, 1.5, 0.3], "y_prob"),
    ([0, 1, 1], [0.1, -0.1, 0.3], "y_prob"),
    ([0, 1, 1], [0.1, np.nan, 0.3], "y_prob"),
    ([0, 1, 1], [0.1, 0.2], "length"),
    ([], [], "y_true"),
    ([[0, 1]], [[0.1, 0.2]], "y_true"),
])
def test_calibration_bad_input(func, y_true, y_prob, match):
    with pytest.raises(ValueError, match=match):
        func(y_true, y_prob)


@pytest.mark.parametrize("func", [dg.reliability_curve, dg.expected_calibration_error,
                                  dg.maximum_calibration_error])
def test_calibration_bad_bins(func):
    with pytest.raises(ValueError, match="n_bins"):
        func([0, 1], [0.2, 0.8], 0)
    with pytest.raises(ValueError, match="n_bins"):
        func([0, 1], [0.2, 0.8], 2.5)
    with pytest.raises(ValueError, match="strategy"):
        func([0, 1], [0.2, 0.8], 2, strategy="kmeans")


# ----------------------------------------------------------------------------- fairness


def _fairlearn_brute(y_true, y_pred, sensitive):
    """fairlearn's definitions, transcribed: per-group metrics, then max − min / min ÷ max."""
    groups = sorted(set(sensitive))
    sel, tpr, fpr = {}, {}, {}
    for g in groups:
        idx = [i for i, a in enumerate(sensitive) if a == g]
        sel[g] = sum(y_pred[i] for i in idx) / len(idx)
        pos = [i for i in idx if y_true[i] == 1]
        neg = [i for i in idx if y_true[i] == 0]
        tpr[g] = sum(y_pred[i] for i in pos) / len(pos) if pos else None
        fpr[g] = sum(y_pred[i] for i in neg) / len(neg) if neg else None
    return sel, tpr, fpr


@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 5), st.booleans())
def test_fairness_matches_fairlearn_definitions(seed, n_groups, as_strings):
    rng = np.random.default_rng(seed)
    n = 120
    codes = rng.integers(0, n_groups, n)
    sensitive = [f"region-{c}" for c in codes] if as_strings else codes.tolist()
    y_true = rng.integers(0, 2, n).tolist()
    y_pred = rng.integers(0, 2, n).tolist()
    sel, tpr, fpr = _fairlearn_brute(y_true, y_pred, sensitive)

    rates = dg.selection_rates(y_pred, sensitive)
    assert list(rates) == sorted(sel)
    for g in sel:
        assert rates[g] == pytest.approx(sel[g], rel=1e-15)
        assert type(g) is (str if as_strings else int)
    assert dg.demographic_parity_difference(y_pred, sensitive) == pytest.approx(
        max(sel.values()) - min(sel.values()), abs=1e-15)
    if max(sel.values()) > 0:
        assert dg.demographic_parity_ratio(y_pred, sensitive) == pytest.approx(
            min(sel.values()) / max(sel.values()), rel=1e-14)
    if any(v is None for v in [*tpr.values(), *fpr.values()]):
        with pytest.raises(ValueError, match="y_true"):
            dg.equalized_odds_difference(y_true, y_pred, sensitive)
        return
    expected = max(max(tpr.values()) - min(tpr.values()), max(fpr.values()) - min(fpr.values()))
    assert dg.equalized_odds_difference(y_true, y_pred, sensitive) == pytest.approx(
        expected, abs=1e-15)


def test_fairness_properties():
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 2, 1000)
    groups = rng.choice(np.array(["a", "b", "c"]), 1000)
    # A perfect classifier satisfies equalized odds exactly.
    assert dg.equalized_odds_difference(y_true, y_true, groups) == 0.0
    # Independent of the group: parity, exactly, when every group gets the same rate.
    y_pred = np.tile([1, 0], 500)
    same = np.repeat(["x", "y"], 500)
    assert dg.demographic_parity_difference(y_pred, same) == 0.0
    assert dg.demographic_parity_ratio(y_pred, same) == 1.0
    # Relabelling the groups does not change anything.
    recoded = np.where(groups == "a", 7, np.where(groups == "b", 3, 11))
    assert dg.demographic_parity_difference(y_true, groups) == \
        dg.demographic_parity_difference(y_true, recoded)
    # A single group: no disparity.
    assert dg.demographic_parity_difference([0, 1, 1], ["n", "n", "n"]) == 0.0
    # Boolean and integer group labels work.
    assert dg.selection_rates([1, 0, 1, 1], [True, False, True, False]) == {False: 0.5,
                                                                            True: 1.0}


@pytest.mark.parametrize("y_pred, sensitive, match, exc", [
    ([0, 1, 2], [0, 1, 1], "y_pred", ValueError),
    ([0, 1, 1], [0, 1], "length", ValueError),
    ([], [], "y_pred", ValueError),
    ([0, 1, 1], [0.0, np.nan, 1.0], "sensitive", ValueError),
    ([0, 1, 1], np.array([1, "a", 2], dtype=object), "sensitive", TypeError),
    ([0, 1, 1], np.array(["a", None, "b"], dtype=object), "sensitive", ValueError),
    ([0, 1, 1], [[0, 1, 1]], "sensitive", ValueError),
])
def test_fairness_bad_input(y_pred, sensitive, match, exc):
    for func in (dg.selection_rates, dg.demographic_parity_difference,
                 dg.demographic_parity_ratio):
        with pytest.raises(exc, match=match):
            func(y_pred, sensitive)


def test_fairness_undefined_rates():
    with pytest.raises(ValueError, match="y_pred"):
        dg.demographic_parity_ratio([0, 0, 0], [1, 2, 3])
    # Group "b" has no positive in y_true: its TPR is 0/0 (an empty group of positives).
    with pytest.raises(ValueError, match=r"y_true has no positive sample in group 'b'"):
        dg.equalized_odds_difference([1, 0, 0, 0], [1, 0, 1, 0], ["a", "a", "b", "b"])
    with pytest.raises(ValueError, match=r"no negative sample in group 2"):
        dg.equalized_odds_difference([1, 0, 1, 1], [1, 0, 1, 0], [1, 1, 2, 2])
    with pytest.raises(ValueError, match="y_true"):
        dg.equalized_odds_difference([1, 0, 3, 1], [1, 0, 1, 0], [1, 1, 2, 2])
    with pytest.raises(ValueError, match="length"):
        dg.equalized_odds_difference([1, 0, 1], [1, 0, 1, 0], [1, 1, 2, 2])
    with pytest.raises(ValueError, match="sensitive"):
        dg.equalized_odds_difference([1, 0, 1, 0], [1, 0, 1, 0], [1, 1, 2])


# ---------------------------------------------------------------------- t-SNE affinities


def _brute_affinities(X, perplexity):
    """Per-row root finding on σ_i with SciPy (independent of the vectorised bisection)."""
    n = len(X)
    D = np.array([[np.sum((a - b) ** 2) for b in X] for a in X])
    cond = np.zeros((n, n))
    for i in range(n):
        d = np.delete(D[i], i)

        def row(log_beta, d=d):
            w = np.exp(-np.exp(log_beta) * (d - d.min()))
            return w / w.sum()

        def entropy_gap(log_beta):
            p = row(log_beta)
            p = p[p > 0]
            return -np.sum(p * np.log(p)) - math.log(perplexity)

        root = optimize.brentq(entropy_gap, -40 - math.log(d.max()), 40 - math.log(d.max()),
                               xtol=1e-14)
        cond[i, np.arange(n) != i] = row(root)
    return (cond + cond.T) / (2 * n)


@SETTINGS
@given(st.integers(0, 10_000), st.floats(1.5, 20.0), st.floats(1e-3, 1e3))
def test_tsne_affinities_brute_force(seed, perplexity, scale):
    X = np.random.default_rng(seed).normal(scale=scale, size=(25, 3))
    P = dg.tsne_affinities(X, perplexity=perplexity)
    np.testing.assert_allclose(P, _brute_affinities(X, perplexity), rtol=1e-7, atol=1e-14)


def test_tsne_affinities_properties_and_perplexity():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 6))
    P = dg.tsne_affinities(X, 15.0)
    assert np.allclose(P, P.T, rtol=0, atol=1e-18)
    assert P.sum() == pytest.approx(1.0, rel=1e-12)
    assert np.all(np.diag(P) == 0) and np.all(P >= 0)
    C = _conditional_affinities(_squared_distances(X), 15.0)
    H = -np.sum(np.where(C > 0, C * np.log(np.where(C > 0, C, 1.0)), 0.0), axis=1)
    np.testing.assert_allclose(np.exp(H), 15.0, rtol=1e-9)
    # Invariant under translation (even far from the origin) and rotation.
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    np.testing.assert_allclose(dg.tsne_affinities(X @ Q + 1e6, 15.0), P, rtol=1e-5, atol=1e-12)


def test_tsne_affinities_match_sklearn():
    t_sne = pytest.importorskip("sklearn.manifold._t_sne")
    from scipy.spatial.distance import squareform

    X = np.random.default_rng(1).normal(size=(100, 5))
    D = sk_metrics.pairwise_distances(X, squared=True).astype(np.float32)
    ref = squareform(t_sne._joint_probabilities(D, 20.0, 0))
    # scikit-learn bisects in float32 to an entropy tolerance of 1e-5.
    np.testing.assert_allclose(dg.tsne_affinities(X, 20.0), ref, rtol=1e-3, atol=1e-7)


def test_tsne_affinities_far_apart_points_do_not_underflow():
    # exp(-d / 2σ²) underflows for every neighbour when distances are huge relative to σ;
    # two tight clusters 1e4 apart make the naive row 0/0 for small perplexity.
    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(size=(10, 2)), 1e4 + rng.normal(size=(10, 2))])
    P = dg.tsne_affinities(X, 3.0)
    assert np.all(np.isfinite(P)) and P.sum() == pytest.approx(1.0)
    assert P[:10, 10:].max() < 1e-300  # no affinity across the gap


@pytest.mark.parametrize("X, perplexity, match", [
    (np.zeros((2, 2)), 1.5, "X"),
    (np.zeros(5), 2.0, "X"),
    ([[0.0, np.nan], [1.0, 1.0], [2.0, 2.0]], 1.5, "X"),
    (np.eye(10), 9.5, "perplexity"),
    (np.eye(10), 1.0, "perplexity"),
    (np.eye(10), np.nan, "perplexity"),
])
def test_tsne_affinities_bad_input(X, perplexity, match):
    with pytest.raises(ValueError, match=match):
        dg.tsne_affinities(X, perplexity)


# ------------------------------------------------------------------------------- t-SNE


def test_kl_gradient_matches_finite_differences():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(15, 4))
    P = dg.tsne_affinities(X, 4.0)
    Y = rng.normal(size=(15, 2))
    grad = _kl_gradient(P, Y)
    numeric = np.zeros_like(Y)
    h = 1e-6
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            E = np.zeros_like(Y)
            E[i, j] = h
            numeric[i, j] = (_kl_divergence(P, Y + E) - _kl_divergence(P, Y - E)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def _blobs(seed, per=30, k=3, dim=10):
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=8.0, size=(k, dim))
    X = np.repeat(centres, per, axis=0) + rng.normal(size=(per * k, dim))
    return X, np.repeat(np.arange(k), per)


def test_tsne_separates_clusters_and_lowers_kl():
    X, labels = _blobs(0)
    Y = dg.tsne(X, perplexity=10.0, n_iter=400, rng=1)
    assert Y.shape == (90, 2)
    assert np.allclose(Y.mean(axis=0), 0.0, atol=1e-9)
    P = dg.tsne_affinities(X, 10.0)
    start = 1e-4 * np.random.default_rng(1).standard_normal((90, 2))
    assert _kl_divergence(P, Y) < 0.5 * _kl_divergence(P, start)
    assert dg.trustworthiness(X, Y, 5) > 0.9
    # Every point's nearest embedded neighbour belongs to its own cluster.
    D = _squared_distances(Y)
    np.fill_diagonal(D, np.inf)
    assert np.all(labels[np.argmin(D, axis=1)] == labels)


def test_tsne_is_deterministic_given_a_seed():
    X, _ = _blobs(1, per=10)
    a = dg.tsne(X, n_components=3, perplexity=5.0, n_iter=60, rng=7)
    b = dg.tsne(X, n_components=3, perplexity=5.0, n_iter=60,
                rng=np.random.default_rng(7))
    assert a.shape == (30, 3)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("kwargs, match, exc", [
    (dict(n_components=0), "n_components", ValueError),
    (dict(n_components=2.0), "n_components", ValueError),
    (dict(n_iter=0), "n_iter", ValueError),
    (dict(perplexity=50.0), "perplexity", ValueError),
    (dict(rng="seed"), "rng", TypeError),
    (dict(learning_rate=-1.0), "learning_rate", ValueError),
    (dict(early_exaggeration=0.0), "early_exaggeration", ValueError),
])
def test_tsne_bad_input(kwargs, match, exc):
    X, _ = _blobs(2, per=5)
    args = dict(perplexity=3.0, n_iter=5)
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        dg.tsne(X, **args)


# ---------------------------------------------------------------------- trustworthiness


@SETTINGS
@given(st.integers(0, 10_000), st.integers(10, 60), st.integers(1, 4), st.data())
def test_trustworthiness_matches_sklearn(seed, n, dim, data):
    k = data.draw(st.integers(1, (n - 1) // 2))
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5))
    Y = X[:, :dim] + rng.normal(scale=data.draw(st.floats(0.0, 2.0)), size=(n, dim))
    ours = dg.trustworthiness(X, Y, k)
    assert ours == pytest.approx(sk_manifold.trustworthiness(X, Y, n_neighbors=k),
                                 rel=1e-12, abs=1e-12)
    assert 0.0 <= ours <= 1.0


def test_trustworthiness_properties():
    X = np.random.default_rng(5).normal(size=(60, 4))
    assert dg.trustworthiness(X, X, 5) == 1.0
    assert dg.trustworthiness(X, -2.0 * X + 3.0, 5) == 1.0
    assert dg.trustworthiness(X, X + 1e7, 5) == 1.0   # far from the origin
    assert isinstance(dg.trustworthiness(X, X[:, :1], 5), float)


@pytest.mark.parametrize("X, Y, k, match", [
    (np.zeros((10, 2)), np.zeros((9, 2)), 2, "rows"),
    (np.zeros((10, 2)), np.zeros(10), 2, "Y"),
    (np.full((10, 2), np.inf), np.zeros((10, 2)), 2, "X"),
    (np.zeros((10, 2)), np.zeros((10, 2)), 5, "n_neighbors"),
    (np.zeros((10, 2)), np.zeros((10, 2)), 0, "n_neighbors"),
    (np.zeros((10, 2)), np.zeros((10, 2)), 2.5, "n_neighbors"),
    (np.zeros((10, 2)), np.full((10, 2), np.nan), 2, "Y"),
    (np.zeros((10, 2)), np.r_[np.zeros((9, 2)), [[0.0, -np.inf]]], 2, "Y"),
    (np.r_[np.zeros((9, 2)), [[np.nan, 0.0]]], np.zeros((10, 2)), 2, "X"),
])
def test_trustworthiness_bad_input(X, Y, k, match):
    with pytest.raises(ValueError, match=match):
        dg.trustworthiness(X, Y, k)


def _trustworthiness_exact(X, Y, k):
    """Brute force in exact rational arithmetic, ties in distance broken by index."""
    from fractions import Fraction

    def orders(A):
        A = [[Fraction(float(v)) for v in row] for row in A]
        n = len(A)
        return [[j for _, j in sorted((sum((a - b) ** 2 for a, b in zip(A[i], A[j])), j)
                                      for j in range(n) if j != i)] for i in range(n)]

    n = len(X)
    penalty = 0
    for i, (order_x, order_y) in enumerate(zip(orders(X), orders(Y))):
        rank = {j: r for r, j in enumerate(order_x, start=1)}
        penalty += sum(max(rank[j] - k, 0) for j in order_y[:k])
    return 1.0 - 2.0 * penalty / (n * k * (2.0 * n - 3.0 * k - 1.0))


@SETTINGS
@given(st.integers(0, 10_000), st.integers(6, 40), st.data())
def test_trustworthiness_ties_broken_by_index(seed, n, data):
    # Small integer lattices: most distances are shared by several points, exactly.
    k = data.draw(st.integers(1, (n - 1) // 2))
    rng = np.random.default_rng(seed)
    X = rng.integers(-2, 3, size=(n, data.draw(st.integers(1, 3)))).astype(float)
    Y = rng.integers(-1, 2, size=(n, data.draw(st.integers(1, 2)))).astype(float)
    assert dg.trustworthiness(X, Y, k) == _trustworthiness_exact(X, Y, k)


def test_trustworthiness_all_points_equal():
    X = np.zeros((12, 3))
    Y = np.random.default_rng(0).normal(size=(12, 2))
    assert dg.trustworthiness(X, X, 3) == 1.0        # every order is by index, in both spaces
    assert dg.trustworthiness(X, Y, 3) == _trustworthiness_exact(X, Y, 3)
    assert dg.trustworthiness(Y, X, 3) == _trustworthiness_exact(Y, X, 3)


def test_trustworthiness_clusters_far_from_the_centre():
    # Two unit clusters at +-1e8: the Gram form of the distances is off by ~1 here and
    # reorders the neighbours inside each cluster; the differences keep them.
    rng = np.random.default_rng(3)
    shift = np.array([1e8, 0.0, 0.0])
    X = np.vstack([rng.normal(size=(30, 3)) + shift, rng.normal(size=(30, 3)) - shift])
    assert dg.trustworthiness(X, 3.0 * X, 5) == 1.0
    assert dg.trustworthiness(X, X[:, ::-1], 5) == 1.0
    Y = X[:, 1:] + 0.5 * rng.normal(size=(60, 2))
    assert dg.trustworthiness(X, Y, 5) == _trustworthiness_exact(X, Y, 5)


@pytest.mark.parametrize("scale", [1e300, 1e-300, 2.0**-1070])
def test_trustworthiness_extreme_scales(scale):
    # Squares of 1e300 overflow and of 1e-300 underflow; rescaling by a power of two is
    # exact for the first two. The subnormal scale keeps only a few bits: check it runs.
    rng = np.random.default_rng(4)
    X = rng.normal(size=(40, 4))
    Y = X[:, :2] + 0.3 * rng.normal(size=(40, 2))
    expected = sk_manifold.trustworthiness(X, Y, n_neighbors=5)
    if scale > 1e-310:
        assert dg.trustworthiness(scale * X, Y, 5) == pytest.approx(expected, abs=1e-15)
        assert dg.trustworthiness(X, scale * Y, 5) == pytest.approx(expected, abs=1e-15)
    else:
        assert 0.0 <= dg.trustworthiness(scale * X, scale * Y, 5) <= 1.0


@pytest.mark.parametrize("n, k", [(40, 19), (301, 150), (300, 1)])
def test_trustworthiness_neighbourhood_sizes(n, k):
    rng = np.random.default_rng(n + k)
    X = rng.normal(size=(n, 6))
    Y = X[:, :2] + rng.normal(size=(n, 2))
    assert dg.trustworthiness(X, Y, k) == pytest.approx(
        sk_manifold.trustworthiness(X, Y, n_neighbors=k), rel=1e-12, abs=1e-12)


def _stable_ranks(D):
    ranks = np.empty(D.shape, dtype=np.int64)
    ranks[np.arange(len(D))[:, None], np.argsort(D, axis=1, kind="stable")] = np.arange(
        1, len(D) + 1)
    return ranks


@pytest.mark.parametrize("levels", [2, 3, 1000])
def test_neighbour_helpers_against_stable_sort(levels):
    # Few distinct coordinates: the tied-row paths; many: the partition and bisection paths.
    rng = np.random.default_rng(levels)
    A = rng.integers(0, levels, size=(50, 2)).astype(float)
    D = _neighbour_distances(A)
    assert np.all(np.diag(D) == np.inf) and np.array_equal(D, D.T)
    for k in (1, 4, 24):
        near = _nearest_neighbours(D, k)
        expected = np.argsort(D, axis=1, kind="stable")[:, :k]
        assert np.array_equal(np.sort(near, axis=1), np.sort(expected, axis=1))
        ranks = _ranks(D, near)
        assert np.array_equal(ranks, np.take_along_axis(_stable_ranks(D), near, axis=1))


# ------------------------------------------------------------------ evaluation metrics


@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
@SETTINGS
@given(st.integers(0, 10_000), st.integers(1, 5), st.booleans())
def test_confusion_matrix_matches_sklearn(seed, n_labels, as_strings):
    rng = np.random.default_rng(seed)
    names = np.array(["ant", "bee", "cat", "dog", "eel"]) if as_strings else \
        np.array([-3, 0, 2, 10, 11])
    y_true = rng.choice(names[:n_labels], 50)
    y_pred = rng.choice(names[:n_labels], 50)
    C = dg.confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(C, sk_metrics.confusion_matrix(y_true, y_pred))
    assert C.sum() == 50 and C.dtype == np.int64


def test_confusion_matrix_labels_in_one_input_only():
    C = dg.confusion_matrix([0, 0, 1], [0, 2, 2])
    assert C.tolist() == [[1, 0, 1], [0, 0, 1], [0, 0, 0]]
    with pytest.raises(TypeError, match="y_true and y_pred"):
        dg.confusion_matrix([0, 1], ["a", "b"])
    with pytest.raises(ValueError, match="length"):
        dg.confusion_matrix([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="y_true"):
        dg.confusion_matrix([], [])
    with pytest.raises(ValueError, match="y_pred"):
        dg.confusion_matrix([0.0, 1.0], [np.nan, 1.0])


@SETTINGS
@given(st.integers(0, 10_000), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_precision_recall_f1_match_sklearn(seed, rate_true, rate_pred):
    rng = np.random.default_rng(seed)
    y_true = (rng.random(30) < rate_true).astype(int)
    y_pred = (rng.random(30) < rate_pred).astype(int)
    for ours, ref in [(dg.precision, sk_metrics.precision_score),
                      (dg.recall, sk_metrics.recall_score),
                      (dg.f1_score, sk_metrics.f1_score)]:
        assert ours(y_true, y_pred) == pytest.approx(ref(y_true, y_pred, zero_division=0),
                                                     rel=1e-15)
        assert ours(y_true, y_pred, zero_division=1.0) == pytest.approx(
            ref(y_true, y_pred, zero_division=1.0), rel=1e-15)


def test_precision_recall_zero_division():
    assert dg.precision([1, 0], [0, 0]) == 0.0
    assert dg.recall([0, 0], [1, 0]) == 0.0
    assert dg.f1_score([0, 0], [0, 0]) == 0.0
    assert dg.f1_score([0, 0], [0, 0], zero_division=1.0) == 1.0
    assert dg.f1_score([1, 0], [0, 1]) == 0.0   # TP = 0 but defined
    with pytest.raises(ValueError, match="precision"):
        dg.precision([1, 0], [0, 0], zero_division="raise")
    with pytest.raises(ValueError, match="recall"):
        dg.recall([0, 0], [1, 0], zero_division="raise")
    with pytest.raises(ValueError, match="F1"):
        dg.f1_score([0, 0], [0, 0], zero_division="raise")
    with pytest.raises(ValueError, match="zero_division"):
        dg.precision([1, 0], [1, 0], zero_division=0.5)
    with pytest.raises(ValueError, match="zero_division"):
        dg.recall([1, 0], [1, 0], zero_division="warn")


@pytest.mark.parametrize("func", [dg.precision, dg.recall, dg.f1_score])
@pytest.mark.parametrize("y_true, y_pred, match", [
    ([0, 1, 2], [0, 1, 1], "y_true"),
    ([0, 1, 1], [0, -1, 1], "y_pred"),
    ([0, 1, 1], [0, 1], "length"),
    ([], [], "y_true"),
    (["a", "b"], [0, 1], "y_true"),
])
def test_binary_metrics_bad_input(func, y_true, y_pred, match):
    with pytest.raises((ValueError, TypeError), match=match):
        func(y_true, y_pred)


def _brute_auc(y, s):
    pos = [si for yi, si in zip(y, s) if yi == 1]
    neg = [si for yi, si in zip(y, s) if yi == 0]
    total = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return total / (len(pos) * len(neg))


@SETTINGS
@given(st.integers(0, 10_000), st.integers(2, 80), st.booleans())
def test_roc_auc_oracles(seed, n, ties):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    y[0], y[1] = 0, 1
    s = rng.integers(0, 4, n).astype(float) if ties else rng.normal(size=n) + y
    auc = dg.roc_auc(y, s)
    assert auc == pytest.approx(_brute_auc(y, s), rel=1e-14)
    assert auc == pytest.approx(sk_metrics.roc_auc_score(y, s), rel=1e-12)
    # Mann–Whitney U of the positives over n0·n1.
    stats = pytest.importorskip("scipy.stats")
    u = stats.mannwhitneyu(s[y == 1], s[y == 0]).statistic
    assert auc == pytest.approx(u / (np.sum(y == 0) * np.sum(y == 1)), rel=1e-12)


@SETTINGS
@given(st.integers(0, 10_000))
def test_roc_auc_invariant_under_monotone_transforms(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 200)
    y[:2] = [0, 1]
    s = rng.normal(size=200) + y
    s[5:15] = s[4]  # some ties
    auc = dg.roc_auc(y, s)
    assert dg.roc_auc(y, np.exp(s)) == auc
    assert dg.roc_auc(y, 3.0 * s - 7.0) == auc
    assert dg.roc_auc(y, s**3) == auc
    assert dg.roc_auc(y, special.expit(s)) == auc
    assert dg.roc_auc(y, -s) == pytest.approx(1.0 - auc, abs=1e-15)
    assert dg.roc_auc(1 - y, s) == pytest.approx(1.0 - auc, abs=1e-15)


def test_roc_auc_edge_values():
    assert dg.roc_auc([0, 0, 1, 1], [1, 2, 3, 4]) == 1.0
    assert dg.roc_auc([1, 1, 0, 0], [1, 2, 3, 4]) == 0.0
    assert dg.roc_auc([0, 1, 0, 1], [5, 5, 5, 5]) == 0.5
    assert isinstance(dg.roc_auc([0, 1], [0.1, 0.2]), float)


@pytest.mark.parametrize("y_true, scores, match", [
    ([1, 1, 1], [0.1, 0.2, 0.3], "both classes"),
    ([0, 0, 0], [0.1, 0.2, 0.3], "both classes"),
    ([0, 1, 2], [0.1, 0.2, 0.3], "y_true"),
    ([0, 1, 1], [0.1, np.nan, 0.3], "scores"),
    ([0, 1, 1], [0.1, 0.3], "length"),
    ([], [], "y_true"),
])
def test_roc_auc_bad_input(y_true, scores, match):
    with pytest.raises(ValueError, match=match):
        dg.roc_auc(y_true, scores)


@given(st.lists(st.text(alphabet="ab\x00é", max_size=4), min_size=1, max_size=40))
@settings(max_examples=60, deadline=None)
def test_string_groups_are_encoded_exactly_as_numpy_unique(labels):
    from mathref.diagnostics._common import encode_groups

    arr = np.array(labels)
    groups, inverse = encode_groups(arr, "sensitive")
    ref_groups, ref_inverse = np.unique(arr, return_inverse=True)
    assert np.array_equal(groups, ref_groups)
    assert np.array_equal(inverse, ref_inverse.reshape(-1))
