"""Golden vectors: mathref reproduces the high-precision outputs it publishes.

The files in ``mathref/golden`` hold inputs and 17-digit outputs computed by an mpmath or
exact-fraction oracle (``benchmarks/golden.py``, whose docstring describes the format);
users test their own implementations against them, so they must be right, mathref must
agree with them, and their intermediate values must agree with their outputs.
"""
from __future__ import annotations

import inspect
import json
import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import mathref
from mathref import _registry, cli

GOLDEN = sorted((Path(mathref.__file__).resolve().parent / "golden").glob("*.json"))
DOCS = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in GOLDEN}
TOLERANCE = 1e-11  # normwise relative error against the 17-digit outputs

# Finite differences and adaptive quadrature: about 1e-11 relative at worst on these smooth
# functions (second derivatives; first ones ~1e-13), inside their documented 1e-9 (order
# 1), 1e-6 (order 2) and rtol = 1e-10; relative to max(1, |truth|) as the docstrings state.
LOOSE = {"derivative": 1e-9, "gradient": 1e-10, "hessian": 1e-9, "laplacian": 1e-9,
         "directional_derivative": 1e-10, "jacobian": 1e-10, "divergence": 1e-9,
         "integrate": 1e-10}

# The functions of the golden files, written again here: the files store the expression,
# and this dictionary (never eval) turns it into a callable.
EXPRESSIONS: dict[str, Callable[[Any], Any]] = {
    "sin(x)": np.sin,
    "exp(x)": np.exp,
    "log(x)": np.log,
    "arctan(x)": np.arctan,
    "exp(-x**2)": lambda x: np.exp(-x ** 2),
    "1/(1 + x**2)": lambda x: 1 / (1 + x ** 2),
    "exp(-10000*x**2)": lambda x: np.exp(-10000 * x ** 2),
    "cos(50*x)": lambda x: np.cos(50 * x),
    "1/sqrt(x)": lambda x: 1 / np.sqrt(x),
    "-x**2/2": lambda x: -x ** 2 / 2,
    "-(x - 1)**2/2": lambda x: -(x - 1) ** 2 / 2,
    "sum(sin(x)) + log1p(x[0]**2 + x[1]**2) + x[2]*sin(x[3])/2":
        lambda x: np.sum(np.sin(x)) + np.log1p(x[0] ** 2 + x[1] ** 2) + x[2] * np.sin(x[3]) / 2,
    "log(sum(exp(x)))": lambda x: np.log(np.sum(np.exp(x))),
    "[x[1]*sin(x[0]), log1p(x[1]**2) + x[2]**2, x[0]*x[2]]":
        lambda x: np.array([x[1] * np.sin(x[0]), np.log1p(x[1] ** 2) + x[2] ** 2, x[0] * x[2]]),
    "exp(x)/sum(exp(x))": lambda x: np.exp(x) / np.sum(np.exp(x)),
    "x*exp(-x**2)": lambda x: x * np.exp(-x ** 2),
    "exp(sin(x))": lambda x: np.exp(np.sin(x)),
    "1/(2 + cos(pi*x))": lambda x: 1 / (2 + np.cos(np.pi * x)),
    "exp(x + 2*x**2)": lambda x: np.exp(x + 2 * x ** 2),
    "2/(2 - x)": lambda x: 2 / (2 - x),
    "exp(3*(exp(x) - 1))": lambda x: np.exp(3 * (np.exp(x) - 1)),
}

# Method calls allowed more than TOLERANCE, with the reason (none at present: the
# Multinomial entropy, once summed as -log n! + n H(p) + sum E[log X_i!] with a 6e-12
# error at n = 20000, is now regrouped with Stirling's formula).
LOOSE_CALLS: dict[tuple[str, str], float] = {}

REQUIRED = ["id", "title", "function", "signature", "formula", "regime", "oracle",
            "outputs_are", "cases", "generated"]
OPTIONAL = ["output_fields", "callables_are", "intermediates_are", "calls_are"]
DISTRIBUTIONS = ["Bernoulli", "Binomial", "Categorical", "Multinomial", "Poisson", "Uniform",
                 "Gaussian", "MultivariateGaussian", "Exponential", "Gamma", "Beta"]
# Files of classes: each case constructs an object and lists the calls made on it.
CLASS_FILES = [p for p in GOLDEN if "calls_are" in DOCS[p.stem]]
FUNCTION_FILES = [p for p in GOLDEN if "calls_are" not in DOCS[p.stem]]


def _numbers(value) -> list[complex]:
    if isinstance(value, dict):
        return [complex(float(value["re"]), float(value["im"]))]
    if isinstance(value, str):
        return [complex(float(value))]
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _numbers(v)]
    arr = np.asarray(value)
    if arr.ndim == 0:
        return [complex(arr.item())]
    return [x for v in arr for x in _numbers(v)]


def _is_expression(arg: Any) -> bool:
    return isinstance(arg, dict) and set(arg) == {"expression"}


def _arguments(args: list[Any]) -> list[Any]:
    """The call's arguments: an {"expression": E} becomes the function of the table."""
    return [EXPRESSIONS[a["expression"]] if _is_expression(a) else a for a in args]


def _floats(value: Any) -> np.ndarray:
    """A real output or intermediate (strings of 17 digits, nested lists) as float64."""
    return np.vectorize(float, otypes=[float])(np.asarray(value, dtype=object))


def _complexes(value: Any) -> Any:
    """An output that may hold {"re", "im"} values, as a complex128 array (nested lists)."""
    if isinstance(value, list):
        return np.array([_complexes(v) for v in value])
    if isinstance(value, dict):
        return complex(float(value["re"]), float(value["im"]))
    return complex(float(value))


def _with(*keys: str) -> list[Path]:
    return [p for p in GOLDEN if all(k in DOCS[p.stem].get("intermediates_are", {})
                                     for k in keys)]


def _cases(paths: list[Path]) -> list[tuple[str, int]]:
    return [(p.stem, i) for p in paths for i in range(len(DOCS[p.stem]["cases"]))]


def _ids(item: tuple[str, int]) -> str:
    return f"{item[0]}-{item[1]}"


def test_there_are_golden_files():
    assert len(GOLDEN) >= 120
    for name in ["qr", "cholesky", "svd", "eigh", "derivative", "gradient", "hessian",
                 "jacobian", "integrate", "expected_calibration_error", "roc_auc", "lu",
                 "eig", "gram_schmidt", "pca", "fourier_transform",
                 "fourier_series_coefficients", "moment_from_mgf", "rank", "n_choose_k",
                 "conditional", "mle_gaussian", "threshold_for_precision",
                 "equalized_odds_difference", "confusion_matrix", "edit_distance",
                 "shortest_path_lengths", "k_fold_indices", *DISTRIBUTIONS]:
        assert name in DOCS
    assert sorted(p.stem for p in CLASS_FILES) == sorted(DISTRIBUTIONS)


def test_golden_files_stay_small():
    assert sum(p.stat().st_size for p in GOLDEN) < 360_000


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_file_format(path):
    doc = DOCS[path.stem]
    assert list(doc) == [k for k in REQUIRED[:-2] + OPTIONAL + REQUIRED[-2:] if k in doc]
    assert doc["id"] == path.stem and doc["cases"]
    described = doc.get("intermediates_are")
    uses_callables = False
    for case in doc["cases"]:
        if "calls_are" in doc:
            _check_call_format(case)
            continue
        assert set(case) <= {"args", "output", "intermediates"}
        assert ("intermediates" in case) == (described is not None)
        if described is not None:
            assert list(case["intermediates"]) == list(described)
        for arg in case["args"]:
            if _is_expression(arg):
                uses_callables = True
                assert arg["expression"] in EXPRESSIONS, "add the expression to EXPRESSIONS"
    assert uses_callables == ("callables_are" in doc)


def _check_call_format(case: dict[str, Any]) -> None:
    """A class's case: the constructor's ``args``, then ``calls``, each a method call
    (method, args, output) or a property read (attribute, output)."""
    assert list(case) == ["args", "calls"] and case["calls"]
    assert isinstance(case["args"], list)
    for call in case["calls"]:
        assert list(call) in (["method", "args", "output"], ["attribute", "output"])
        if "method" in call:
            assert isinstance(call["args"], list)


@pytest.mark.parametrize("path", FUNCTION_FILES, ids=lambda p: p.stem)
def test_mathref_reproduces_its_golden_vectors(path):
    doc = DOCS[path.stem]
    entry = _registry.get(doc["id"])
    assert doc["formula"] == entry.formula, "the golden file is stale: rerun benchmarks/golden.py"
    tolerance = LOOSE.get(entry.id, TOLERANCE)
    for case in doc["cases"]:
        result = entry.obj(*_arguments(case["args"]))
        if "output_fields" in doc:
            assert list(result._fields) == doc["output_fields"]
        ours = np.array(_numbers(result))
        truth = np.array(_numbers(case["output"]))
        assert ours.shape == truth.shape
        finite = np.isfinite(truth)
        assert np.array_equal(np.isfinite(ours), finite)
        scale = max(float(np.max(np.abs(truth[finite]), initial=0.0)), 1e-300)
        if entry.id in LOOSE:
            scale = max(scale, 1.0)
        assert np.max(np.abs(ours[finite] - truth[finite]), initial=0.0) <= tolerance * scale


# --------------------------------------------------------------------------------------
# Classes: mathref replays each call on the object the case constructs
# --------------------------------------------------------------------------------------

def _is_property(cls: type, name: str) -> bool:
    return isinstance(inspect.getattr_static(cls, name), property)


def _replay(obj: Any, call: dict[str, Any]) -> Any:
    if "attribute" in call:
        return getattr(obj, call["attribute"])
    return getattr(obj, call["method"])(*call["args"])


def _member(call: dict[str, Any]) -> str:
    return call.get("method", call.get("attribute"))


@pytest.mark.parametrize("path", CLASS_FILES, ids=lambda p: p.stem)
def test_mathref_reproduces_its_method_calls(path):
    """Each value to TOLERANCE (LOOSE_CALLS) relative to itself, not to the largest of its
    call, so a tail value (a cdf of 5.7e-300 next to 0.975) is checked as much as the
    others; an infinite output (a log-density off the support, an mgf past its domain)
    exactly."""
    doc = DOCS[path.stem]
    entry = _registry.get(doc["id"])
    assert entry.is_class
    assert doc["formula"] == entry.formula, "the golden file is stale: rerun benchmarks/golden.py"
    for i, case in enumerate(doc["cases"]):
        obj = entry.obj(*case["args"])
        for call in case["calls"]:
            name = _member(call)
            assert _is_property(entry.obj, name) == ("attribute" in call), name
            ours = np.asarray(_replay(obj, call), dtype=float)
            truth = _floats(call["output"])
            where = f"{entry.id} case {i}: {name}"
            assert ours.shape == truth.shape, where
            finite = np.isfinite(truth)
            assert np.array_equal(ours[~finite], truth[~finite]), where
            error = np.abs(ours[finite] - truth[finite])
            tolerance = LOOSE_CALLS.get((entry.id, name), TOLERANCE)
            assert np.all(error <= tolerance * np.abs(truth[finite])), (
                f"{where}: relative error {np.max(error / np.abs(truth[finite]))}")


def _calls(case: dict[str, Any]) -> dict[str, tuple[list[Any], np.ndarray]]:
    """member -> (its call's arguments, its output as floats), for one case."""
    return {_member(c): (c.get("args", []), _floats(c["output"])) for c in case["calls"]}


@pytest.mark.parametrize("path", CLASS_FILES, ids=lambda p: p.stem)
def test_golden_distribution_values_are_consistent(path):
    """Without mathref: densities are non-negative, each cdf lies in [0, 1] and does not
    decrease along its sorted points, the mgf is 1 at t = 0, a covariance is symmetric
    with a non-negative diagonal, and a log and its value agree where both are given."""
    for case in DOCS[path.stem]["cases"]:
        calls = _calls(case)
        for kind in ("pmf", "pdf"):
            if kind not in calls:
                continue
            (points,), values = calls[kind]
            assert np.all(values >= 0)
            (log_points,), logs = calls.get("log" + kind, (([],), None))
            for x, value in zip(points, values):
                if x in log_points:
                    log = logs[log_points.index(x)]
                    assert value == pytest.approx(np.exp(log), rel=1e-15, abs=0.0)
        if "cdf" in calls:
            (points,), values = calls["cdf"]
            assert np.all((values >= 0) & (values <= 1))
            assert np.all(np.diff(values[np.argsort(points, kind="stable")]) >= 0)
        if "mgf" in calls:
            (t,), values = calls["mgf"]
            assert all(v == 1.0 for point, v in zip(t, values) if not np.any(point))
        var = np.atleast_2d(calls["var"][1])
        assert np.array_equal(var, var.T) and np.all(np.diag(var) >= 0)


# --------------------------------------------------------------------------------------
# Intermediates: mathref reproduces those it exposes; the rest agree with the outputs
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("item", _cases(_with("bins")), ids=_ids)
def test_calibration_bins(item):
    name, i = item
    case = DOCS[name]["cases"][i]
    y, p = (np.asarray(a) for a in case["args"][:2])
    inter = case["intermediates"]
    bins, n_bins = inter["bins"], inter["n_bins"]
    count = np.asarray(bins["count"])
    accuracy, confidence = _floats(bins["accuracy"]), _floats(bins["mean_confidence"])
    gap, weighted = _floats(bins["abs_gap"]), _floats(bins["weighted_gap"])
    # the binning convention, checked on the inputs with NumPy alone
    ids = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p)
    assert bins["bin"] == sorted(set(ids.tolist()))
    assert count.tolist() == [int(np.sum(ids == b)) for b in bins["bin"]]
    np.testing.assert_allclose(accuracy, [np.mean(y[ids == b]) for b in bins["bin"]],
                               rtol=1e-15)
    # mathref's reliability curve is these bins
    curve = mathref.reliability_curve(y, p, n_bins)
    assert curve.counts.tolist() == count.tolist()
    np.testing.assert_allclose(curve.prob_true, accuracy, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(curve.prob_pred, confidence, rtol=1e-14)
    # the columns agree with each other and with the output
    np.testing.assert_allclose(gap, np.abs(accuracy - confidence), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(weighted, count / len(p) * gap, rtol=1e-14)
    output = _floats(case["output"])
    if name == "expected_calibration_error":
        assert np.sum(weighted) == pytest.approx(float(output), rel=1e-14)
    elif name == "maximum_calibration_error":
        assert np.max(gap) == float(output)
    elif name == "reliability_curve":
        assert np.array_equal(output[0], accuracy) and np.array_equal(output[1], confidence)
        assert output[2].tolist() == count.tolist()


@pytest.mark.parametrize("item", _cases(_with("false_positives")), ids=_ids)
def test_roc_points_and_pair_counts(item):
    name, i = item
    case = DOCS[name]["cases"][i]
    y, s = (np.asarray(a) for a in case["args"])
    inter = case["intermediates"]
    neg, pos = s[y == 0], s[y == 1]
    assert (inter["n_negative"], inter["n_positive"]) == (len(neg), len(pos))
    thresholds = np.unique(s)[::-1]
    assert inter["false_positives"] == [0] + [int(np.sum(neg >= t)) for t in thresholds]
    assert inter["true_positives"] == [0] + [int(np.sum(pos >= t)) for t in thresholds]
    assert inter["concordant_pairs"] == int(np.sum(pos[:, None] > neg[None, :]))
    assert inter["tied_pairs"] == int(np.sum(pos[:, None] == neg[None, :]))
    fp, tp = inter["false_positives"], inter["true_positives"]
    pairs = len(neg) * len(pos)
    area = sum(Fraction((fp[k + 1] - fp[k]) * (tp[k + 1] + tp[k]), 2 * pairs)
               for k in range(len(fp) - 1))
    assert area == Fraction(2 * inter["concordant_pairs"] + inter["tied_pairs"], 2 * pairs)
    assert float(case["output"]) == pytest.approx(float(area), rel=1e-15)


@pytest.mark.parametrize("item", _cases(_with("max")), ids=_ids)
def test_max_shift_and_log_normaliser(item):
    name, i = item
    case = DOCS[name]["cases"][i]
    z = np.asarray(case["args"][0], dtype=float)
    inter = case["intermediates"]
    m = float(inter["max"])
    assert m == np.max(z)
    output = _floats(case["output"])
    if name == "logsumexp":
        lse = m + np.log(float(inter["sum_of_shifted_exponentials"]))
        assert float(output) == pytest.approx(lse, rel=1e-15)
        return
    shifted, lse = _floats(inter["shifted_logits"]), float(inter["logsumexp"])
    np.testing.assert_allclose(shifted, z - m, rtol=0, atol=4e-16 * np.max(np.abs(z)))
    assert mathref.logsumexp(z) == pytest.approx(lse, rel=1e-15)
    if name == "softmax":
        np.testing.assert_allclose(output, np.exp(shifted - (lse - m)), rtol=1e-13)
    else:
        np.testing.assert_allclose(output, shifted - (lse - m), rtol=1e-14, atol=1e-14)


# --------------------------------------------------------------------------------------
# Factorisations: the published factors are factors, with the documented conventions
# --------------------------------------------------------------------------------------

def _factor_cases(name: str) -> list[tuple[np.ndarray, list[np.ndarray]]]:
    """(A, its factors as float arrays) for each case; a single factor is a list of one."""
    doc = DOCS[name]
    return [(np.asarray(case["args"][0], dtype=float),
             [_floats(f) for f in case["output"]] if "output_fields" in doc
             else [_floats(case["output"])])
            for case in doc["cases"]]


def _largest_component_positive(columns: np.ndarray) -> bool:
    top = np.argmax(np.abs(columns), axis=0)
    return bool(np.all(columns[top, np.arange(columns.shape[1])] > 0))


def _close(a: np.ndarray, b: np.ndarray, scale: float = 1.0) -> bool:
    return float(np.max(np.abs(a - b))) <= 1e-14 * scale


def test_golden_qr_factors():
    for A, (Q, R) in _factor_cases("qr"):
        k = min(A.shape)
        assert Q.shape == (A.shape[0], k) and R.shape == (k, A.shape[1])
        assert _close(Q @ R, A, np.max(np.abs(A))) and _close(Q.T @ Q, np.eye(k))
        assert np.all(np.tril(R, -1) == 0) and np.all(np.diag(R) > 0)


def test_golden_cholesky_factor():
    for A, (L,) in _factor_cases("cholesky"):
        assert np.all(np.triu(L, 1) == 0) and np.all(np.diag(L) > 0)
        assert _close(L @ L.T, A, np.max(np.abs(A)))


def test_golden_svd_factors():
    for A, (U, S, Vt) in _factor_cases("svd"):
        k = min(A.shape)
        assert U.shape == (A.shape[0], k) and S.shape == (k,) and Vt.shape == (k, A.shape[1])
        assert _close((U * S) @ Vt, A, np.max(np.abs(A)))
        assert _close(U.T @ U, np.eye(k)) and _close(Vt @ Vt.T, np.eye(k))
        assert np.all(np.diff(S) < 0) and np.all(S > 0)
        assert _largest_component_positive(U)


def test_golden_eigh_factors():
    for A, (w, V) in _factor_cases("eigh"):
        assert _close(A @ V, V * w, np.max(np.abs(A))) and _close(V.T @ V, np.eye(len(w)))
        assert np.all(np.diff(w) > 0) and _largest_component_positive(V)


def test_golden_lu_factors():
    for case in DOCS["lu"]["cases"]:
        A = np.asarray(case["args"][0], dtype=float)
        P, (L, U) = np.asarray(case["output"][0]), map(_floats, case["output"][1:])
        m, n = A.shape
        k = min(m, n)
        assert P.dtype.kind == "i" and sorted(P.sum(0)) == sorted(P.sum(1)) == [1] * m
        assert np.array_equal(P @ P.T, np.eye(m))
        assert L.shape == (m, k) and U.shape == (k, n)
        assert np.all(np.triu(L, 1) == 0) and np.all(np.diag(L) == 1)
        assert np.all(np.abs(L) <= 1) and np.all(np.tril(U, -1) == 0)
        assert _close(P @ L @ U, A, np.max(np.abs(A)))
        # partial pivoting: each pivot is the largest entry of its column of P^T A, eliminated
        B = P.T @ A
        for j in range(k):
            assert abs(U[j, j]) >= np.max(np.abs(B[j:, j])) * (1 - 1e-12)
            B[j + 1:] -= np.outer(B[j + 1:, j] / B[j, j], B[j])


def test_golden_eig_pairs():
    for case in DOCS["eig"]["cases"]:
        A = np.asarray(case["args"][0], dtype=float)
        w, V = (_complexes(part) for part in case["output"])
        assert _close(A @ V, V * w, np.max(np.abs(A)))
        assert _close(np.linalg.norm(V, axis=0), np.ones(len(w)))
        assert [(z.real, z.imag) for z in w] == sorted((z.real, z.imag) for z in w)
        top = V[np.argmax(np.abs(V), axis=0), np.arange(len(w))]
        assert np.all(top.imag == 0) and np.all(top.real > 0)
        spectrum_is_real = np.all(w.imag == 0)
        assert all(isinstance(z, str) for z in case["output"][0]) == spectrum_is_real


def test_golden_gram_schmidt_columns():
    for A, (Q,) in _factor_cases("gram_schmidt"):
        R = Q.T @ A
        assert _close(Q.T @ Q, np.eye(A.shape[1])) and _close(Q @ R, A, np.max(np.abs(A)))
        assert _close(np.tril(R, -1), 0 * R, np.max(np.abs(A))) and np.all(np.diag(R) > 0)


def test_golden_pca_parts():
    for case in DOCS["pca"]["cases"]:
        X, k = np.asarray(case["args"][0], dtype=float), case["args"][1]
        components, variance, ratio, mean, scores = map(_floats, case["output"])
        centred = X - mean
        assert _close(mean, X.mean(axis=0), np.max(np.abs(X)))
        assert components.shape == (k, X.shape[1]) and _close(components @ components.T,
                                                              np.eye(k))
        assert _largest_component_positive(components.T) and np.all(np.diff(variance) < 0)
        assert _close(scores, centred @ components.T, np.max(np.abs(X)))
        assert _close(variance, np.var(scores, axis=0, ddof=1), np.max(variance))
        total = np.trace(np.cov(X, rowvar=False))
        assert _close(ratio, variance / total)


# --------------------------------------------------------------------------------------
# Counts, tables and algorithms: the published outputs satisfy the identities they should
# --------------------------------------------------------------------------------------

def _case_args(name: str) -> list[tuple[list[Any], Any]]:
    return [(case["args"], case["output"]) for case in DOCS[name]["cases"]]


def test_golden_counts_agree_with_each_other():
    for (n, k), output in _case_args("n_choose_k"):
        assert output == math.comb(n, k)
    for (n, k), output in _case_args("n_permute_k"):
        assert output == math.perm(n, k) == math.comb(n, k) * math.factorial(k)
    for (counts,), output in _case_args("multinomial_coefficient"):
        # choose the members of each group in turn from those not yet placed
        assert output == math.prod(math.comb(sum(counts[: i + 1]), c)
                                   for i, c in enumerate(counts))


def test_golden_tables_marginals_and_conditionals():
    for (joint, axis), output in _case_args("marginal"):
        np.testing.assert_allclose(_floats(output), np.sum(joint, axis=axis), rtol=1e-15)
    for (joint, given), output in _case_args("conditional"):
        joint, cond = np.asarray(joint), _floats(output)
        others = tuple(a for a in range(joint.ndim) if a != given % joint.ndim)
        np.testing.assert_allclose(cond.sum(axis=others), 1.0, rtol=1e-15)
        np.testing.assert_allclose(cond * joint.sum(axis=others, keepdims=True), joint,
                                   rtol=1e-15)


def test_golden_estimators_and_parseval():
    for (x,), (mean, var) in _case_args("mle_gaussian"):
        x = np.asarray(x)
        assert float(mean) == pytest.approx(np.mean(x), rel=1e-15)
        assert float(var) == pytest.approx(np.mean((x - float(mean)) ** 2), rel=1e-13,
                                           abs=1e-300)
    for (x,), (time, frequency) in _case_args("parseval_energies"):
        assert float(time) == float(frequency) == pytest.approx(np.sum(np.square(x)),
                                                                 rel=1e-15)
    for (a, b, k, n), (post_a, post_b) in _case_args("beta_binomial_update"):
        assert (float(post_a), float(post_b)) == (a + k, b + n - k)


def test_golden_confusion_matrices_and_folds():
    for (y_true, y_pred), output in _case_args("confusion_matrix"):
        C = np.asarray(output)
        labels = sorted(set(y_true) | set(y_pred))
        assert C.shape == (len(labels), len(labels)) and C.sum() == len(y_true)
        assert np.trace(C) == sum(t == p for t, p in zip(y_true, y_pred))
        assert C.sum(axis=1).tolist() == [y_true.count(v) for v in labels]
    for args, folds in _case_args("k_fold_indices"):
        n, k = args[:2]
        tests = [test for _, test in folds]
        assert len(folds) == k and sorted(i for t in tests for i in t) == list(range(n))
        assert [len(t) for t in tests] == [n // k + (j < n % k) for j in range(k)]
        for train, test in folds:
            assert sorted(train + test) == list(range(n)) and train == sorted(train)


def test_golden_shortest_paths_satisfy_the_equation():
    for (W, s), output in _case_args("shortest_path_lengths"):
        W, d = np.asarray(W), _floats(output)
        assert d[s] == 0
        for v in range(len(d)):
            if v != s:
                assert d[v] == pytest.approx(np.min(d + W[:, v]), rel=1e-15)


def test_golden_thresholds_meet_their_targets():
    for (y, p, target), output in _case_args("threshold_for_precision"):
        y, p, t = np.asarray(y), np.asarray(p), float(output)
        assert t in p and np.mean(y[p >= t]) >= target
        assert all(np.mean(y[p >= s]) < target for s in p[p < t])


# --------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------

def test_golden_command_prints_and_writes(tmp_path, capsys):
    name = GOLDEN[0].stem
    assert cli.main(["golden", name]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == name
    out = tmp_path / "g.json"
    assert cli.main(["golden", name, "--out", str(out)]) == 0
    assert json.loads(out.read_text())["id"] == name
    assert cli.main(["golden", "no_such_entry"]) == 1


def test_golden_command_prints_intermediates_and_callables(capsys):
    assert cli.main(["golden", "expected_calibration_error"]) == 0
    assert "bins" in json.loads(capsys.readouterr().out)["cases"][0]["intermediates"]
    assert cli.main(["golden", "derivative"]) == 0
    assert "expression" in json.loads(capsys.readouterr().out)["cases"][0]["args"][0]
    assert cli.main(["golden", "gradient_descent"]) == 1
    assert "no golden vectors" in capsys.readouterr().err


def test_golden_command_prints_a_class_file(capsys):
    assert cli.main(["golden", "Gaussian"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["id"] == "Gaussian" and "calls_are" in doc
    calls = doc["cases"][0]["calls"]
    assert {"method": "logpdf"}.items() <= calls[1].items()
    assert {"attribute": "mean", "output": "0.0"} in calls
