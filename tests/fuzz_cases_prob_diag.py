"""Fuzz cases for mathref.probability and mathref.diagnostics (see fuzz_cases.py for the
format). Distribution classes: the constructor is the VALID case and every public method
(pmf/pdf, logpmf/logpdf, cdf, mgf, entropy, sample) has a METHOD case keyed "Class.method".
"""
from __future__ import annotations

import math

import numpy as np

import mathref as m

_JOINT = [[0.1, 0.2], [0.3, 0.4]]
_XY = [[1.0, 2.0], [2.0, 4.5], [3.0, 5.5], [4.0, 8.0]]
_Y_TRUE = [0, 0, 0, 0, 1, 1, 1, 1, 1]
_Y_PROB = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0]
_Y_PRED = [1, 0, 1, 1, 0, 0, 1, 0]
_Y_TRUE8 = [1, 1, 0, 0, 1, 1, 0, 0]
_GROUP = [0, 0, 0, 0, 1, 1, 1, 1]
_rng = np.random.default_rng(0)
_LOGITS = _rng.normal(scale=2.0, size=(30, 3)).tolist()
_LABELS3 = [i % 3 for i in range(30)]
_SCORES = _rng.normal(size=30).tolist()
_LABELS2 = [int(s + 0.5 * z > 0) for s, z in zip(_SCORES, _rng.normal(size=30))]
_POINTS = _rng.normal(size=(30, 4)).tolist()
_EMBED = (np.asarray(_POINTS)[:, :2] + 0.1 * _rng.normal(size=(30, 2))).tolist()
_DRAWS = _rng.normal(size=20).tolist()


# callables of the sampling and moment entries: each receives an array of points
# (a float for the mgf and the MH target) and returns one value per point
def _NORMAL_MGF(t):
    return math.exp(t * t / 2.0)


def _EXP_INV_CDF(u):
    return -np.log(np.asarray(u, dtype=float)) / 2.0


def _BETA22_PDF(x):
    x = np.asarray(x, dtype=float)
    return 6.0 * x * (1.0 - x)


def _UNIFORM_DRAW(k, rng):
    return rng.random(k)


def _ONES(x):
    return np.ones_like(np.asarray(x, dtype=float))


def _LOGPDF_N01(x):
    return -0.5 * np.asarray(x, dtype=float) ** 2


def _LOGPDF_N02(x):
    return -0.5 * (np.asarray(x, dtype=float) / 2.0) ** 2 - math.log(2.0)


def _LOG_TARGET(x):
    return -0.5 * float(np.sum(np.asarray(x, dtype=float) ** 2))


VALID_CASES = {
    # probability: counting and rules
    "n_choose_k": lambda: ((10, 3), {}),
    "n_permute_k": lambda: ((10, 3), {}),
    "multinomial_coefficient": lambda: (([1, 4, 4, 2],), {}),
    "log_n_choose_k": lambda: ((1000, 500), {}),
    "bayes_rule": lambda: ((0.01, 0.99, 0.0594), {}),
    "total_probability": lambda: (([0.01, 0.99], [0.99, 0.05]), {}),
    "posterior": lambda: (([0.01, 0.99], [0.99, 0.05]), {}),
    "marginal": lambda: ((_JOINT, 1), {}),
    "conditional": lambda: ((_JOINT, 0), {}),
    "are_independent": lambda: ((_JOINT,), {"atol": 1e-12}),
    "expectation": lambda: (([1.0, 2.0, 3.0, 4.0], [0.1, 0.2, 0.3, 0.4]), {}),
    "variance": lambda: (([1.0, 2.0, 3.0, 4.0], [0.1, 0.2, 0.3, 0.4]), {}),
    "sample_mean": lambda: (([1.0, 2.0, 4.0],), {}),
    "sample_variance": lambda: (([2.0, 4.0, 4.0, 5.0, 7.0],), {"ddof": 1}),
    "covariance_matrix": lambda: ((_XY,), {"ddof": 1}),
    "correlation_matrix": lambda: ((_XY,), {}),
    # probability: distributions (constructors)
    "Bernoulli": lambda: ((0.3,), {}),
    "Binomial": lambda: ((10, 0.3), {}),
    "Categorical": lambda: (([0.2, 0.3, 0.5],), {}),
    "Multinomial": lambda: ((4, [0.2, 0.3, 0.5]), {}),
    "Poisson": lambda: ((2.5,), {}),
    "Uniform": lambda: ((-1.0, 2.0), {}),
    "Gaussian": lambda: ((1.0, 2.0), {}),
    "MultivariateGaussian": lambda: (([0.0, 1.0], [[2.0, 0.3], [0.3, 1.0]]), {}),
    "Exponential": lambda: ((2.0,), {}),
    "Gamma": lambda: ((2.0, 3.0), {}),
    "Beta": lambda: ((2.0, 3.0), {}),
    # probability: moments
    "moment_from_mgf": lambda: ((_NORMAL_MGF, 2), {"method": "auto"}),
    "empirical_mgf": lambda: ((_DRAWS, [0.0, 0.5]), {}),
    # probability: sampling
    "inverse_transform_sample": lambda: ((_EXP_INV_CDF, 100), {"rng": 0}),
    "rejection_sample": lambda: ((_BETA22_PDF, _UNIFORM_DRAW, _ONES, 1.5, 100),
                                 {"rng": 0, "max_rounds": 100}),
    "importance_weights": lambda: ((_LOGPDF_N01, _LOGPDF_N02, _DRAWS), {}),
    "effective_sample_size": lambda: (([0.4, 0.3, 0.2, 0.1],), {}),
    "metropolis_hastings": lambda: ((_LOG_TARGET, 0.0, 200, 2.4), {"rng": 0}),
    # diagnostics: calibration and recalibration
    "reliability_curve": lambda: ((_Y_TRUE, _Y_PROB, 3, "uniform"), {}),
    "expected_calibration_error": lambda: ((_Y_TRUE, _Y_PROB, 3), {"strategy": "quantile"}),
    "maximum_calibration_error": lambda: ((_Y_TRUE, _Y_PROB, 3), {"strategy": "uniform"}),
    "brier_score": lambda: (([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), {}),
    "temperature_scale": lambda: ((_LABELS3, _LOGITS), {}),
    "platt_scale": lambda: ((_LABELS2, _SCORES), {"platt_targets": True}),
    # diagnostics: thresholds and fairness
    "cost_optimal_threshold": lambda: ((1.0, 9.0), {}),
    "threshold_for_precision": lambda: ((_Y_TRUE, _Y_PROB, 0.8), {}),
    "selection_rates": lambda: ((_Y_PRED, _GROUP), {}),
    "demographic_parity_difference": lambda: ((_Y_PRED, _GROUP), {}),
    "demographic_parity_ratio": lambda: ((_Y_PRED, _GROUP), {}),
    "equalized_odds_difference": lambda: ((_Y_TRUE8, _Y_PRED, _GROUP), {}),
    # diagnostics: embeddings
    "tsne_affinities": lambda: ((_POINTS, 5.0), {}),
    "tsne": lambda: ((_POINTS, 2, 5.0, 50, 0), {"learning_rate": 100.0,
                                                "early_exaggeration": 4.0}),
    "trustworthiness": lambda: ((_POINTS, _EMBED, 5), {}),
    # diagnostics: evaluation
    "confusion_matrix": lambda: (([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]), {}),
    "precision": lambda: (([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]), {"zero_division": 0.0}),
    "recall": lambda: (([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]), {"zero_division": 0.0}),
    "f1_score": lambda: (([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]), {"zero_division": 0.0}),
    "roc_auc": lambda: (([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), {}),
}


def _methods(cls_name, make, point, t, mass):
    """The METHOD cases of one distribution: ``point`` for pmf/pdf/logpmf/logpdf/cdf,
    ``t`` for mgf; ``mass`` is "pmf" or "pdf"."""
    cases = {
        f"{cls_name}.{mass}": lambda: (getattr(make(), mass), (point,), {}),
        f"{cls_name}.log{mass}": lambda: (getattr(make(), "log" + mass), (point,), {}),
        f"{cls_name}.mgf": lambda: (make().mgf, (t,), {}),
        f"{cls_name}.entropy": lambda: (make().entropy, (), {}),
        f"{cls_name}.sample": lambda: (make().sample, (100,), {"rng": 0}),
    }
    if hasattr(make(), "cdf"):
        cases[f"{cls_name}.cdf"] = lambda: (make().cdf, (point,), {})
    return cases


METHOD_CASES: dict = {}
for _name, _make, _point, _t, _mass in [
    ("Bernoulli", lambda: m.Bernoulli(0.3), [0.0, 1.0, 1.0], [0.0, 0.5], "pmf"),
    ("Binomial", lambda: m.Binomial(10, 0.3), [0.0, 3.0, 7.0], [0.0, 0.5], "pmf"),
    ("Categorical", lambda: m.Categorical([0.2, 0.3, 0.5]), [0.0, 2.0, 1.0],
     [0.1, -0.2, 0.3], "pmf"),
    ("Multinomial", lambda: m.Multinomial(4, [0.2, 0.3, 0.5]), [1.0, 2.0, 1.0],
     [0.1, -0.2, 0.3], "pmf"),
    ("Poisson", lambda: m.Poisson(2.5), [0.0, 2.0, 5.0], [0.0, 0.5], "pmf"),
    ("Uniform", lambda: m.Uniform(-1.0, 2.0), [-0.5, 0.0, 1.5], [0.0, 0.5], "pdf"),
    ("Gaussian", lambda: m.Gaussian(1.0, 2.0), [-0.5, 0.0, 1.5], [0.0, 0.5], "pdf"),
    ("MultivariateGaussian", lambda: m.MultivariateGaussian([0.0, 1.0],
                                                            [[2.0, 0.3], [0.3, 1.0]]),
     [[0.5, 0.2], [-1.0, 1.5]], [0.1, -0.2], "pdf"),
    ("Exponential", lambda: m.Exponential(2.0), [0.1, 0.5, 3.0], [0.0, 0.5], "pdf"),
    ("Gamma", lambda: m.Gamma(2.0, 3.0), [0.1, 0.5, 3.0], [0.0, 0.5], "pdf"),
    ("Beta", lambda: m.Beta(2.0, 3.0), [0.1, 0.5, 0.9], [0.0, 0.5], "pdf"),
]:
    METHOD_CASES.update(_methods(_name, _make, _point, _t, _mass))

DOCUMENTED: set[tuple[str, str]] = set()
