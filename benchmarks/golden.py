"""Golden vectors: inputs and high-precision outputs for users to test their own code.

    .venv/bin/python benchmarks/golden.py

Writes ``mathref/golden/<id>.json`` for every entry with a high-precision oracle.
``mathref golden NAME`` prints the file, each handbook entry links it, and
``tests/test_golden.py`` checks that mathref reproduces every file and that every file is
self-consistent. No output or intermediate value is computed by mathref.

Where the cases come from
-------------------------
* Every entry that ``benchmarks/accuracy.py`` measures by calling the entry itself with
  plain numeric arguments: that script's first regime, drawn at a fixed seed, and its
  mpmath oracle (50 digits, transcribed from the docstring's formula) on the exact inputs.
* Written here, with their own oracles: the factorisations ``qr`` (Gram--Schmidt twice in
  mpmath), ``cholesky`` (``mpmath.cholesky``), ``svd`` (``mpmath.svd_r``) and ``eigh``
  (``mpmath.eigsy``), on small well-conditioned matrices whose factors are determined to
  about 1e-15, sign-normalised as each docstring states; ``reliability_curve`` and
  ``maximum_calibration_error`` (exact fractions); and the entries whose arguments are
  functions -- ``derivative``, ``gradient``, ``hessian``, ``laplacian``,
  ``directional_derivative``, ``jacobian``, ``divergence`` (``mpmath.diff``),
  ``integrate`` (``mpmath.quad``) and ``importance_weights`` -- whose functions are
  expressions from the fixed table ``EXPRESSIONS``. Each mpmath oracle written here runs at 50
  and at 70 digits and must agree with itself to 25 digits (8 more than are written).
* Written here too, from generators of their own (so the files above do not change): the
  factorisations with a pivoting, ordering or sign convention -- ``lu`` (Gaussian
  elimination with partial pivoting in exact fractions), ``eig`` (``mpmath.eig``),
  ``gram_schmidt`` (Gram--Schmidt twice in mpmath) and ``pca`` (``mpmath.svd_r``) -- on
  inputs where float64 rounding cannot change a pivot, an order or a sign (the oracle
  refuses the others); ``fourier_transform`` (closed forms, each checked against
  ``mpmath.quadosc`` of the definition), ``fourier_series_coefficients`` (``mpmath.quad``)
  and ``moment_from_mgf`` (``mpmath.diff``), whose functions are expressions from
  ``EXPRESSIONS``; and short cases of ``mean_confidence_interval`` (Student t quantile by
  root finding), ``proportion_confidence_interval`` (Wilson), ``joint_entropy``,
  ``conditional_entropy``, ``mutual_information``, ``viterbi`` (brute force over all
  paths), ``empirical_mgf`` and, in exact fractions, ``gaussian_mean_update``,
  ``solve_equality_qp``, ``dft_frequencies`` and ``bias_variance_decomposition``. Their
  random inputs are rounded to 3 decimals, which keeps the files small.
* And from a fourth generator, one to three short cases each: the counts ``n_choose_k``
  (Pascal's triangle), ``n_permute_k`` and ``multinomial_coefficient`` (factorials) in
  exact integers; in exact fractions the probability rules ``bayes_rule``,
  ``total_probability``, ``marginal`` and ``conditional`` (on tables of 32nds), the
  estimators ``mle_bernoulli``, ``mle_gaussian``, ``map_bernoulli`` and
  ``beta_binomial_update``, ``cost_optimal_threshold``, ``threshold_for_precision`` (every
  observed probability tried), the fairness gaps ``demographic_parity_difference``,
  ``demographic_parity_ratio`` and ``equalized_odds_difference`` (integer group labels),
  ``estimate_jaccard``, ``jaccard`` (Python sets) and ``shortest_path_lengths`` (every
  simple path tried, on a complete graph: JSON has no ``inf``, the "no edge" value); in
  exact integers ``confusion_matrix``, ``edit_distance`` (the recurrence, top-down) and
  ``k_fold_indices`` (``shuffle=False``; the output is the list of folds, each
  ``[train_idx, test_idx]``); ``top_k`` (a Python sort); and in mpmath ``rank``
  (``mpmath.svd_r``, no singular value near the tolerance), ``count_min_dimensions``
  (ceilings at least 1e-30 from an integer), ``convergence_order`` and
  ``parseval_energies`` (time side exact, frequency side from a DFT in mpmath). Labels,
  sets and sequences are integers (``"kitten"`` is its list of code points).
* And the eleven distribution classes (``Bernoulli`` ... ``Beta``), their inputs written
  out in ``class_sources`` (nothing drawn, so no other file changes): one or two parameter
  sets each, a few points, and every member with a formula -- ``pmf``/``logpmf`` or
  ``pdf``/``logpdf``, ``cdf`` where the class has one, ``mgf`` at real ``t``, the
  properties ``mean`` and ``var``, and ``entropy()``; never ``sample``. The second set is
  a hard regime: tails where only the log is a double, the saddle-point range of
  ``Binomial`` and ``Poisson`` (n, rate > 1000) with the entropy on mathref's coarse grid,
  normalisers that overflow or underflow (Gamma(300), B(600, 600), a covariance
  determinant of 5e-451). The oracles: ``benchmarks/accuracy.py``'s where it has one (the
  log-pmfs and log-densities, most cdfs, the Bernoulli and Gamma entropies), exact
  fractions for ``mean``, ``var`` and the piecewise pmfs, pdfs and cdfs, mpmath
  transcriptions of the other formulas, and sums of the pmf over the integers that carry
  the mass (the rest below 1e-250) for the ``Binomial`` cdf and the lattice entropies.
  Each mpmath value is recomputed at 70 digits and must agree to 25 value by value, so a
  tail value is checked as much as the largest; no output lies outside float64's normal
  range (``float()`` reads each back to 17 digits).

The format: one JSON object per file
------------------------------------
``id``, ``title``, ``function``, ``signature``, ``formula``
    The entry, as ``mathref show NAME`` prints it.
``regime``, ``oracle``, ``outputs_are``
    How the inputs were drawn, what computed the outputs, how numbers are written.
``output_fields`` (optional)
    When the result is a named tuple (``qr`` -> ``["Q", "R"]``): ``output`` is then the
    list of its parts in this order.
``callables_are`` (optional)
    Present when an argument is a function. Such an argument is stored as
    ``{"expression": E}``: the function ``x -> E``, where ``E`` is a NumPy expression in
    ``x`` taken from a fixed table (``sin(x)``, ``exp(-x**2)``, ``log(sum(exp(x)))``, ...;
    the names are NumPy's, ``x[i]`` is a component); the text says what ``x`` is (one
    float, a number that may be complex, one point as a 1-D array, or an array of points or
    samples). Map the string to your own function with a dictionary; never ``eval`` text
    from a file.
``calls_are`` (optional)
    Present exactly in the files of classes (the distributions), whose cases have another
    form, ``{"args": [...], "calls": [...]}``: ``args`` are the constructor's positional
    arguments, ``obj = mathref.Gaussian(*args)``, and each call is either ``{"method": m,
    "args": [...], "output": ...}``, the result of ``obj.m(*args)`` (``"args": []`` for
    ``entropy()``), or ``{"attribute": a, "output": ...}``, the value of the property
    ``obj.a``, read and not called (``mean``, ``var``). Points and ``t`` are lists, so
    most outputs are lists; a row is one point of ``Multinomial`` and
    ``MultivariateGaussian`` and one ``t`` of those and ``Categorical``. Off the support a
    pmf or density is ``"0.0"`` and its log ``"-inf"``; an mgf past its domain is ``"inf"``.
``intermediates_are`` (optional)
    Name -> meaning of the values in each case's ``intermediates``, with the conventions
    (bins, signs, orders) they follow.
``cases``
    A list of ``{"args": [...], "output": ..., "intermediates": {...}}`` (intermediates
    optional): ``args`` are the positional arguments of the call, ``output`` its result
    (a class's cases: see ``calls_are``).
``generated``
    The versions of mathref, mpmath and NumPy and the date.

Numbers: inputs are JSON numbers, the exact float64 values (shortest round-trip form);
outputs and real intermediates are strings of 17 significant digits (read them with
``float()``; ``"inf"``/``"-inf"`` where the formula is infinite), complex values are
``{"re": ..., "im": ...}``, exact integers (counts, integer results, the permutation
matrix of ``lu``) are JSON integers; matrices are lists of rows. The intermediates so
far: the per-bin statistics of ``expected_calibration_error``,
``maximum_calibration_error`` and ``reliability_curve``; the ROC points and pair counts
of ``roc_auc``; the shift and log-normaliser of ``softmax``, ``log_softmax`` and
``logsumexp``.

The files stay small: up to ``SAMPLES`` cases each (one per integrand or function for the
calculus entries), fewer where one case is large, so that no file exceeds
``MAX_FILE_CHARS`` unless its first case alone does (the directory stays under 360 kB;
``dft_matrix`` is written at n = 8, as its 16 x 16 matrix alone took 11.6 kB; a class's
file must stay under ``MAX_CLASS_FILE_BYTES``); the layout puts each list of numbers (each
matrix row) on one line.
"""
from __future__ import annotations

import datetime
import functools
import inspect
import itertools
import json
import math
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
from mpmath import mp

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # the oracles live there, written once

import mathref  # metadata only: id, title, formula; never its results
from mathref import _registry

OUT = Path(mathref.__file__).resolve().parent / "golden"
SAMPLES = 3
SEED = 20261206
DPS = accuracy.DPS
CHECK_DPS = DPS + 20          # the oracles written here are re-run at this precision
MAX_FILE_CHARS = 5000
mpf = mp.mpf


# --------------------------------------------------------------------------------------
# JSON: plain inputs, 17-digit outputs, a compact but readable layout
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Expr:
    """A function argument, given by its expression in the table ``EXPRESSIONS``."""

    text: str


def _plain(value: Any) -> Any:
    """JSON-ready inputs: arrays as nested lists; None when a value cannot be stored."""
    if isinstance(value, Expr):
        return {"expression": value.text}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf" or not np.all(np.isfinite(value)):
            return None
        return value.tolist()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        items = [_plain(v) for v in value]
        return None if any(i is None for i in items) else items
    return None


def _digits(value: Any) -> Any:
    """Oracle values as strings of 17 significant digits (exact integers stay integers)."""
    if isinstance(value, mpmath.matrix):
        return [[_digits(value[i, j]) for j in range(value.cols)] for i in range(value.rows)]
    if isinstance(value, dict):
        return {k: _digits(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_digits(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_digits(v) for v in value.tolist()] if value.ndim else _digits(value.item())
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, Fraction):
        value = mpf(value.numerator) / value.denominator
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpc):
        return {"re": mpmath.nstr(value.real, 17, min_fixed=1, max_fixed=0),
                "im": mpmath.nstr(value.imag, 17, min_fixed=1, max_fixed=0)}
    if mpmath.isinf(value):
        return "inf" if value > 0 else "-inf"
    return mpmath.nstr(value, 17, min_fixed=1, max_fixed=0)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str))


def _is_small_object(value: Any) -> bool:
    """A complex {re, im}, a callable {expression}, the versions: printed on one line."""
    return (isinstance(value, dict) and all(_is_scalar(v) for v in value.values())
            and len(json.dumps(value)) <= 100)


def layout(value: Any, depth: int = 0) -> str:
    """JSON with one line per list of numbers (per matrix row), objects indented by one."""
    if _is_scalar(value) or _is_small_object(value):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list) and all(_is_scalar(v) or _is_small_object(v) for v in value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {layout(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    items = [pad + layout(v, depth + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"


# --------------------------------------------------------------------------------------
# Functions given as expressions (the golden test maps the same strings with a dict)
# --------------------------------------------------------------------------------------

def _g_mp(x: list[Any]) -> Any:
    return mp.fsum(mp.sin(v) for v in x) + mp.log1p(x[0] ** 2 + x[1] ** 2) + x[2] * mp.sin(x[3]) / 2


def _softmax_mp(x: list[Any]) -> list[Any]:
    e = [mp.exp(v) for v in x]
    total = mp.fsum(e)
    return [v / total for v in e]


G = "sum(sin(x)) + log1p(x[0]**2 + x[1]**2) + x[2]*sin(x[3])/2"
LSE = "log(sum(exp(x)))"
F3 = "[x[1]*sin(x[0]), log1p(x[1]**2) + x[2]**2, x[0]*x[2]]"
SOFTMAX = "exp(x)/sum(exp(x))"

#: expression -> the same function in mpmath (x: an mpf, or a list of mpf for a point).
EXPRESSIONS: dict[str, Callable[[Any], Any]] = {
    "sin(x)": mp.sin,
    "exp(x)": mp.exp,
    "log(x)": mp.log,
    "arctan(x)": mp.atan,
    "exp(-x**2)": lambda x: mp.exp(-x ** 2),
    "1/(1 + x**2)": lambda x: 1 / (1 + x ** 2),
    "exp(-10000*x**2)": lambda x: mp.exp(-10000 * x ** 2),
    "cos(50*x)": lambda x: mp.cos(50 * x),
    "1/sqrt(x)": lambda x: 1 / mp.sqrt(x),
    "-x**2/2": lambda x: -x ** 2 / 2,
    "-(x - 1)**2/2": lambda x: -(x - 1) ** 2 / 2,
    G: _g_mp,
    LSE: lambda x: mp.log(mp.fsum(mp.exp(v) for v in x)),
    F3: lambda x: [x[1] * mp.sin(x[0]), mp.log1p(x[1] ** 2) + x[2] ** 2, x[0] * x[2]],
    SOFTMAX: _softmax_mp,
    "x*exp(-x**2)": lambda x: x * mp.exp(-x ** 2),
    "exp(sin(x))": lambda x: mp.exp(mp.sin(x)),
    "1/(2 + cos(pi*x))": lambda x: 1 / (2 + mp.cos(mp.pi * x)),
    "exp(x + 2*x**2)": lambda x: mp.exp(x + 2 * x ** 2),
    "2/(2 - x)": lambda x: 2 / (2 - x),
    "exp(3*(exp(x) - 1))": lambda x: mp.exp(3 * (mp.exp(x) - 1)),
}

ONE_FLOAT = ("x is one float; the function returns a float. Names are NumPy's; map the "
             "string to your own function with a dictionary (never eval).")
ONE_POINT = ("x is one point, a 1-D float array, and x[i] its i-th component; the function "
             "returns a float (a 1-D array for a list expression [...]). Names are NumPy's; "
             "map the string to your own function with a dictionary (never eval).")
SAMPLES_ARRAY = ("x is the 1-D array of samples and the expression acts elementwise, "
                 "returning one value per sample. Names are NumPy's; map the string to "
                 "your own function with a dictionary (never eval).")
POINTS_ARRAY = ("x is a 1-D array of points and the expression acts elementwise, returning "
                "one value per point. Names are NumPy's; map the string to your own function "
                "with a dictionary (never eval).")
ONE_NUMBER = ("x is one number t, a float or a complex (the contour method evaluates the "
              "MGF on a circle around 0); the function returns one number. Names are "
              "NumPy's; map the string to your own function with a dictionary (never eval).")
CALLABLES = ("an argument {\"expression\": E} is the function x -> E, with E from a fixed "
             "table of NumPy expressions; ")


# --------------------------------------------------------------------------------------
# Oracles written here (never mathref)
# --------------------------------------------------------------------------------------

def _mp_vector(x: Any) -> list[Any]:
    return [mpf(float(v)) for v in np.ravel(np.asarray(x, dtype=float))]


def _mp_matrix(A: Any) -> Any:
    return mp.matrix([[mpf(float(v)) for v in row] for row in np.asarray(A, dtype=float)])


def _dot(u: list[Any], v: list[Any]) -> Any:
    return mp.fsum(a * b for a, b in zip(u, v))


def _positive_largest(vector: list[Any]) -> int:
    """+1 or -1: the sign that makes the largest-magnitude component (first on ties) positive.

    Refuses a vector whose two largest magnitudes are within 1e-8 of each other, where
    float64 rounding could pick the other component.
    """
    mags = [abs(v) for v in vector]
    top = max(range(len(mags)), key=lambda i: (mags[i], -i))
    rest = [m for i, m in enumerate(mags) if i != top]
    if rest and max(rest) > mags[top] * (1 - mpf("1e-8")):
        raise ValueError("ambiguous sign convention for these inputs: draw others")
    return 1 if vector[top] > 0 else -1


def qr_oracle(A: Any) -> tuple[list[list[Any]], list[list[Any]]]:
    """Thin QR by classical Gram--Schmidt run twice, at the working precision; r_ii > 0."""
    M = _mp_matrix(A)
    m, n = M.rows, M.cols
    columns: list[list[Any]] = []
    for j in range(min(m, n)):
        v = [M[i, j] for i in range(m)]
        for _ in range(2):  # the second pass removes what rounding left of earlier columns
            coeffs = [_dot(q, v) for q in columns]
            v = [v[i] - mp.fsum(c * q[i] for c, q in zip(coeffs, columns)) for i in range(m)]
        norm = mp.sqrt(_dot(v, v))
        columns.append([a / norm for a in v])
    Q = [[q[i] for q in columns] for i in range(m)]
    R = [[_dot(columns[i], [M[t, j] for t in range(m)]) if i <= j else mpf(0)
          for j in range(n)] for i in range(len(columns))]
    return Q, R


def cholesky_oracle(A: Any) -> Any:
    return mp.cholesky(_mp_matrix(A))


def svd_oracle(A: Any) -> tuple[list[list[Any]], list[Any], list[list[Any]]]:
    """Thin SVD, singular values descending, each u_i's largest component positive."""
    U, S, Vt = mp.svd_r(_mp_matrix(A), full_matrices=False)
    k = len(S)
    order = sorted(range(k), key=lambda i: -S[i])
    Us, Vs = [], []
    for i in order:
        u = [U[r, i] for r in range(U.rows)]
        v = [Vt[i, c] for c in range(Vt.cols)]
        sign = _positive_largest(u)
        Us.append([sign * a for a in u])
        Vs.append([sign * a for a in v])
    return ([[u[r] for u in Us] for r in range(U.rows)], [S[i] for i in order], Vs)


def eigh_oracle(A: Any) -> tuple[list[Any], list[list[Any]]]:
    """Eigenvalues ascending, each eigenvector's largest component positive."""
    E, V = mp.eigsy(_mp_matrix(A))
    n = E.rows
    order = sorted(range(n), key=lambda i: E[i])
    cols = []
    for i in order:
        v = [V[r, i] for r in range(n)]
        sign = _positive_largest(v)
        cols.append([sign * a for a in v])
    return [E[i] for i in order], [[c[r] for c in cols] for r in range(n)]


def _partial(f: Callable, x: list[Any], orders: list[int]) -> Any:
    return mp.diff(lambda *t: f(list(t)), tuple(x), tuple(orders))


def _unit(n: int, *ones: int) -> list[int]:
    e = [0] * n
    for i in ones:
        e[i] += 1
    return e


def derivative_oracle(f: Expr, x: float, order: int) -> Any:
    return mp.diff(EXPRESSIONS[f.text], mpf(x), order)


def gradient_oracle(f: Expr, x: Any) -> list[Any]:
    p = _mp_vector(x)
    return [_partial(EXPRESSIONS[f.text], p, _unit(len(p), i)) for i in range(len(p))]


def hessian_oracle(f: Expr, x: Any) -> list[list[Any]]:
    p = _mp_vector(x)
    n = len(p)
    return [[_partial(EXPRESSIONS[f.text], p, _unit(n, i, j)) for j in range(n)]
            for i in range(n)]


def laplacian_oracle(f: Expr, x: Any) -> Any:
    p = _mp_vector(x)
    return mp.fsum(_partial(EXPRESSIONS[f.text], p, _unit(len(p), i, i))
                   for i in range(len(p)))


def directional_oracle(f: Expr, x: Any, v: Any) -> Any:
    p, d = _mp_vector(x), _mp_vector(v)
    length = mp.sqrt(_dot(d, d))
    u = [c / length for c in d]
    return mp.diff(lambda t: EXPRESSIONS[f.text]([a + t * b for a, b in zip(p, u)]), 0)


def jacobian_oracle(F: Expr, x: Any) -> list[list[Any]]:
    p = _mp_vector(x)
    m = len(EXPRESSIONS[F.text](p))
    return [[_partial(lambda t, i=i: EXPRESSIONS[F.text](t)[i], p, _unit(len(p), j))
             for j in range(len(p))] for i in range(m)]


def divergence_oracle(F: Expr, x: Any) -> Any:
    p = _mp_vector(x)
    return mp.fsum(_partial(lambda t, i=i: EXPRESSIONS[F.text](t)[i], p, _unit(len(p), i))
                   for i in range(len(p)))


def integrate_oracle(f: Expr, a: float, b: float) -> Any:
    points = [mpf(a), 0, mpf(b)] if a < 0 < b else [mpf(a), mpf(b)]
    return mp.quad(EXPRESSIONS[f.text], points, maxdegree=10)


def importance_weights_oracle(target: Expr, proposal: Expr, samples: Any) -> list[Any]:
    logw = [EXPRESSIONS[target.text](s) - EXPRESSIONS[proposal.text](s)
            for s in _mp_vector(samples)]
    top = max(logw)
    w = [mp.exp(v - top) for v in logw]
    total = mp.fsum(w)
    return [v / total for v in w]


# Factorisations with a pivoting or normalisation convention

def _one_clear_winner(magnitudes: list[Any], what: str) -> int:
    """The index of the largest magnitude (first on ties), refused unless it wins by 1e-8."""
    top = max(range(len(magnitudes)), key=lambda i: (magnitudes[i], -i))
    rest = [v for i, v in enumerate(magnitudes) if i != top]
    if magnitudes[top] == 0 or (rest and max(rest) > magnitudes[top] * (1 - mpf("1e-8"))):
        raise ValueError(f"{what} is not determined to float64 precision: draw others")
    return top


def lu_oracle(A: Any) -> list[list[list[Any]]]:
    """P, L, U with A = P L U: Gaussian elimination with partial pivoting, in exact fractions.

    At step j the row with the largest |entry| in column j (rows j..m-1 of the partly
    eliminated matrix) becomes the pivot row, as LAPACK ``getrf`` does; inputs where two
    candidates are within 1e-8 of each other are refused, so rounding cannot change P.
    """
    U = [[Fraction(float(v)) for v in row] for row in np.asarray(A, dtype=float)]
    m, n = len(U), len(U[0])
    k = min(m, n)
    L = [[Fraction(0)] * k for _ in range(m)]
    rows = list(range(m))  # rows[i]: the row of A now in position i
    for j in range(k):
        pivot = j + _one_clear_winner([abs(U[i][j]) for i in range(j, m)], "the pivot row")
        for M in (U, L, rows):
            M[j], M[pivot] = M[pivot], M[j]
        L[j][j] = Fraction(1)
        for i in range(j + 1, m):
            L[i][j] = U[i][j] / U[j][j]
            U[i] = [a - L[i][j] * b for a, b in zip(U[i], U[j])]
    P = [[int(rows[c] == r) for c in range(m)] for r in range(m)]
    return [P, L, U[:k]]


def eig_oracle(A: Any) -> list[list[Any]]:
    """``mpmath.eig`` with the docstring's conventions; real when the spectrum is real.

    Eigenvalues sorted by real part, then imaginary part; each eigenvector of unit 2-norm
    with its largest-magnitude component real and positive. Inputs whose eigenvalues are
    within 1e-2 of each other, or whose largest components nearly tie, are refused.
    """
    E, V = mp.eig(_mp_matrix(A))
    n = len(E)
    tiny = mpf(10) ** (-(mp.dps // 2))
    real = all(abs(mp.im(E[i])) <= tiny * abs(E[i]) for i in range(n))
    # a conjugate pair has the same real part in float64: compare real parts to 25 digits
    key = [(mp.nint(mp.re(E[i]) / tiny), mp.im(E[i])) for i in range(n)]
    order = sorted(range(n), key=lambda i: key[i])
    for a, b in itertools.pairwise(order):
        gap = abs(E[a] - E[b])
        if gap < mpf("1e-2") * max(abs(E[a]), 1):
            raise ValueError("eigenvalues too close for their order and vectors: draw others")
    values, columns = [], []
    for i in order:
        v = [V[r, i] for r in range(n)]
        norm = mp.sqrt(mp.fsum(abs(c) ** 2 for c in v))
        top = _one_clear_winner([abs(c) for c in v], "the largest eigenvector component")
        rotation = mp.conj(v[top]) / (abs(v[top]) * norm)
        v = [c * rotation for c in v]
        v[top] = mp.re(v[top])  # real by construction: drop the rounding left in its imag
        if abs(mp.im(E[i])) <= tiny * abs(E[i]):  # a real eigenvalue has a real eigenvector
            values.append(mp.re(E[i]) if real else mp.mpc(mp.re(E[i]), 0))
            columns.append([mp.re(c) if real else mp.mpc(mp.re(c), 0) for c in v])
        else:
            values.append(E[i])
            columns.append([mp.mpc(c) for c in v])
    return [values, [[c[r] for c in columns] for r in range(n)]]


def gram_schmidt_oracle(A: Any) -> list[list[Any]]:
    return qr_oracle(A)[0]


# Functions of functions: closed forms checked against quadrature, and mpmath.diff

#: expression -> its Fourier transform at xi over the whole line (in closed form)
FOURIER_PAIRS: dict[str, Callable[[Any], Any]] = {
    "exp(-x**2)": lambda xi: mp.sqrt(mp.pi) * mp.exp(-(mp.pi * xi) ** 2),
    "1/(1 + x**2)": lambda xi: mp.pi * mp.exp(-2 * mp.pi * abs(xi)),
    "x*exp(-x**2)": lambda xi: mp.mpc(0, -1) * mp.pi ** mpf(1.5) * xi * mp.exp(-(mp.pi * xi) ** 2),
}


def _fourier_closed_form(f: Expr, xi: Any, limit: Any) -> Any:
    if limit is None:
        return FOURIER_PAIRS[f.text](xi)
    if f.text != "exp(x)":
        raise KeyError(f"no closed form for {f.text} on a finite interval")
    s = 1 - 2 * mp.pi * mp.mpc(0, 1) * xi  # the integrand is e^{s x}
    return 2 * mp.sinh(s * limit) / s


def _fourier_quadrature(f: Expr, xi: Any, limit: Any) -> Any:
    """The definition, integrated: even part against cos, odd part against sin."""
    g = EXPRESSIONS[f.text]
    w = 2 * mp.pi * xi
    even = lambda x: (g(x) + g(-x)) / 2
    odd = lambda x: (g(x) - g(-x)) / 2
    if limit is None:
        def half(h: Callable, trig: Callable) -> Any:
            if w == 0:
                return mp.quad(lambda x: h(x) * trig(0), [0, mp.inf])
            return mp.quadosc(lambda x: h(x) * trig(w * x), [0, mp.inf], omega=w)
    else:
        pieces = mp.linspace(0, limit, 2 + int(8 * abs(xi) * limit))

        def half(h: Callable, trig: Callable) -> Any:
            return mp.quad(lambda x: h(x) * trig(w * x), pieces)
    return 2 * half(even, mp.cos) - 2 * mp.mpc(0, 1) * half(odd, mp.sin)


def fourier_transform_oracle(f: Expr, xi: Any, limit: Any = None) -> list[Any]:
    """The closed form at each xi, refused unless quadrature of the definition agrees."""
    limit = None if limit is None else mpf(limit)
    values = []
    for x in np.atleast_1d(xi):
        exact = _fourier_closed_form(f, mpf(float(x)), limit)
        if abs(_fourier_quadrature(f, mpf(float(x)), limit) - exact) > mpf("1e-35"):
            raise ArithmeticError(f"the closed form of {f.text} disagrees with quadrature")
        values.append(exact)
    return values


def fourier_series_oracle(f: Expr, n_terms: int, period: Any = None) -> list[Any]:
    """c_k = (1/T) int_0^T f(x) e^{-2 pi i k x / T} dx by mpmath.quad, k = -K..K."""
    T = 2 * mp.pi if period is None else mpf(period)
    g = EXPRESSIONS[f.text]
    pieces = mp.linspace(0, T, 9)
    c = [mp.quad(lambda x, k=k: g(x) * mp.expjpi(-2 * k * x / T), pieces) / T
         for k in range(-n_terms, n_terms + 1)]
    # a part below 1e-40 of the largest coefficient is quadrature noise around an exact 0
    noise = mpf("1e-40") * max(abs(v) for v in c)
    return [mp.mpc(0 if abs(v.real) < noise else v.real, 0 if abs(v.imag) < noise else v.imag)
            for v in c]


def moment_oracle(mgf: Expr, k: int) -> Any:
    return mp.diff(EXPRESSIONS[mgf.text], 0, k)


# Deterministic functions of numbers: exact fractions where the result is rational

def _fractions(x: Any) -> list[Fraction]:
    return [Fraction(float(v)) for v in np.ravel(np.asarray(x, dtype=float))]


def _exact_solve(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """M y = rhs for a nonsingular M, by Gauss-Jordan elimination in exact fractions."""
    n = len(M)
    rows = [list(r) + [v] for r, v in zip(M, rhs)]
    for j in range(n):
        p = next(i for i in range(j, n) if rows[i][j] != 0)
        rows[j], rows[p] = rows[p], rows[j]
        for i in range(n):
            if i != j and rows[i][j] != 0:
                f = rows[i][j] / rows[j][j]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[j])]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def equality_qp_oracle(Q: Any, c: Any, A: Any, b: Any) -> list[list[Fraction]]:
    """The KKT system [[Q, A^T], [A, 0]] [x; lam] = [-c; b], solved exactly."""
    n, m = len(c), len(b)
    Qf = [_fractions(r) for r in np.asarray(Q, dtype=float)]
    Af = [_fractions(r) for r in np.asarray(A, dtype=float)]
    K = [Qf[i] + [Af[k][i] for k in range(m)] for i in range(n)]
    K += [Af[k] + [Fraction(0)] * m for k in range(m)]
    y = _exact_solve(K, [-v for v in _fractions(c)] + _fractions(b))
    return [y[:n], y[n:]]


def gaussian_mean_update_oracle(mu0: float, var0: float, data: Any, noise: float) -> list:
    x, n = _fractions(data), len(data)
    precision = 1 / Fraction(var0) + n / Fraction(noise)
    var = 1 / precision
    return [var * (Fraction(mu0) / Fraction(var0) + sum(x) / Fraction(noise)), var]


def bias_variance_oracle(predictions: Any, target: Any) -> list[Fraction]:
    P = [_fractions(r) for r in np.asarray(predictions, dtype=float)]
    f = _fractions(target)
    models, points = len(P), len(f)
    mean = [sum(r[j] for r in P) / models for j in range(points)]
    bias2 = sum((mean[j] - f[j]) ** 2 for j in range(points)) / points
    var = sum((r[j] - mean[j]) ** 2 for r in P for j in range(points)) / (models * points)
    mse = sum((r[j] - f[j]) ** 2 for r in P for j in range(points)) / (models * points)
    if mse != bias2 + var:
        raise ArithmeticError("bias^2 + variance != expected MSE")
    return [bias2, var, mse]


def dft_frequencies_oracle(n: int, d: float = 1.0) -> list[Fraction]:
    """f_k = k / (n d) for k = 0..ceil(n/2)-1, then k - n (numpy.fft.fftfreq's order)."""
    return [Fraction(k if k < (n + 1) // 2 else k - n) / (n * Fraction(d)) for k in range(n)]


# Information from a joint table, Student t and normal quantiles, MGFs, HMMs: mpmath

def _table(joint: Any) -> list[list[Any]]:
    return [_mp_vector(row) for row in np.asarray(joint, dtype=float)]


def joint_entropy_oracle(joint: Any) -> Any:
    return -mp.fsum(p * mp.log(p) for row in _table(joint) for p in row if p)


def conditional_entropy_oracle(joint: Any) -> Any:
    return -mp.fsum(p * mp.log(p / mp.fsum(row)) for row in _table(joint) for p in row if p)


def mutual_information_oracle(joint: Any) -> Any:
    J = _table(joint)
    px = [mp.fsum(row) for row in J]
    py = [mp.fsum(col) for col in zip(*J)]
    return mp.fsum(p * mp.log(p / (px[i] * py[j]))
                   for i, row in enumerate(J) for j, p in enumerate(row) if p)


def _student_t_quantile(q: Any, nu: int) -> Any:
    """The q-quantile (q > 1/2) of Student's t: 1 - I_{nu/(nu+t^2)}(nu/2, 1/2)/2 = q."""
    def upper_tail(t: Any) -> Any:
        return mp.betainc(mpf(nu) / 2, mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2
    return mp.findroot(lambda t: upper_tail(t) - (1 - q), mpf(2))


def mean_confidence_oracle(x: Any, level: float = 0.95) -> list[Any]:
    v = _mp_vector(x)
    n = len(v)
    mean = mp.fsum(v) / n
    s = mp.sqrt(mp.fsum((a - mean) ** 2 for a in v) / (n - 1))
    half = _student_t_quantile(1 - (1 - mpf(level)) / 2, n - 1) * s / mp.sqrt(n)
    return [mean - half, mean + half]


def wilson_oracle(k: int, n: int, level: float = 0.95) -> list[Any]:
    z = mp.sqrt(2) * mp.erfinv(mpf(level))  # the (1 - alpha/2)-quantile of N(0, 1)
    p = mpf(k) / n
    centre = p + z * z / (2 * n)
    spread = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return [(centre - spread) / (1 + z * z / n), (centre + spread) / (1 + z * z / n)]


def empirical_mgf_oracle(samples: Any, t: Any) -> Any:
    x = _mp_vector(samples)
    values = [mp.fsum(mp.exp(mpf(float(s)) * a) for a in x) / len(x) for s in np.ravel(t)]
    return values if np.ndim(t) else values[0]


def viterbi_oracle(initial: Any, transition: Any, emission: Any, observations: Any) -> list:
    """The best path by brute force over all K^T paths (no dynamic programming)."""
    pi, A, B = _mp_vector(initial), _table(transition), _table(emission)
    obs = [int(o) for o in observations]
    scored = []
    for path in itertools.product(range(len(pi)), repeat=len(obs)):
        logp = mp.log(pi[path[0]]) + mp.log(B[path[0]][obs[0]])
        for s, t, o in zip(path, path[1:], obs[1:]):
            logp += mp.log(A[s][t]) + mp.log(B[t][o])
        scored.append((logp, path))
    scored.sort(reverse=True)
    if scored[0][0] - scored[1][0] < mpf("1e-8"):
        raise ValueError("two paths are nearly as likely: draw others")
    return [list(scored[0][1]), scored[0][0]]


def pca_oracle(X: Any, n_components: int | None = None) -> list[Any]:
    """mpmath.svd_r of the centred data; each component's largest-magnitude entry positive."""
    M = _mp_matrix(X)
    n, p = M.rows, M.cols
    mean = [mp.fsum(M[i, j] for i in range(n)) / n for j in range(p)]
    C = mp.matrix([[M[i, j] - mean[j] for j in range(p)] for i in range(n)])
    _, S, Vt = mp.svd_r(C, full_matrices=False)
    k = min(n, p) if n_components is None else n_components
    order = sorted(range(len(S)), key=lambda i: -S[i])
    components = []
    for i in order[:k]:
        row = [Vt[i, j] for j in range(p)]
        components.append([_positive_largest(row) * v for v in row])
    variance = [S[i] ** 2 / (n - 1) for i in order[:k]]
    total = mp.fsum(S[i] ** 2 for i in range(len(S))) / (n - 1)
    scores = [[_dot([C[r, j] for j in range(p)], comp) for comp in components] for r in range(n)]
    return [components, variance, [v / total for v in variance], mean, scores]


# Counts, tables, estimators, thresholds, fairness and algorithms: exact integers and
# fractions (mpmath only for the rank's singular values, logarithms and the DFT)

def rank_oracle(A: Any, tol: float | None = None) -> int:
    """The singular values > tau (``mpmath.svd_r``); refused when one lies within 1e3 of tau."""
    M = _mp_matrix(A)
    sigma = mp.svd_r(M, compute_uv=False)
    tau = (mpf(tol) if tol is not None
           else max(sigma) * max(M.rows, M.cols) * mpf(2) ** -52)
    if any(tau / 1000 < s < tau * 1000 for s in sigma):
        raise ValueError("a singular value is near the tolerance: draw others")
    return sum(1 for s in sigma if s > tau)


def n_choose_k_oracle(n: int, k: int) -> int:
    """Pascal's triangle, row by row: C(i, j) = C(i-1, j-1) + C(i-1, j)."""
    row = [1]
    for _ in range(n):
        row = [a + b for a, b in zip([0] + row, row + [0])]
    return row[k] if k <= n else 0


def n_permute_k_oracle(n: int, k: int) -> int:
    return math.factorial(n) // math.factorial(n - k) if k <= n else 0


def multinomial_oracle(counts: Any) -> int:
    denominator = math.prod(math.factorial(int(c)) for c in counts)
    return math.factorial(sum(int(c) for c in counts)) // denominator


def bayes_rule_oracle(prior: float, likelihood: float, evidence: float) -> Fraction:
    return Fraction(likelihood) * Fraction(prior) / Fraction(evidence)


def total_probability_oracle(prior: Any, likelihood: Any) -> Fraction:
    return sum(p * q for p, q in zip(_fractions(prior), _fractions(likelihood)))


def _exact_table(joint: Any) -> np.ndarray:
    """The table as an object array of Fractions: NumPy only moves and adds them exactly."""
    table = np.asarray(joint, dtype=float)
    return np.array([Fraction(float(v)) for v in table.ravel()],
                    dtype=object).reshape(table.shape)


def marginal_oracle(joint: Any, axis: int) -> list[Any]:
    return _exact_table(joint).sum(axis=axis).tolist()


def conditional_oracle(joint: Any, given_axis: int) -> list[Any]:
    table = _exact_table(joint)
    others = tuple(a for a in range(table.ndim) if a != given_axis % table.ndim)
    given = table.sum(axis=others, keepdims=True)
    if any(v == 0 for v in given.ravel()):
        raise ValueError("a value of the conditioning variable has probability 0")
    return (table / given).tolist()


def mle_bernoulli_oracle(x: Any) -> Fraction:
    return Fraction(sum(int(v) for v in x), len(x))


def mle_gaussian_oracle(x: Any) -> list[Fraction]:
    v = _fractions(x)
    mean = sum(v) / len(v)
    return [mean, sum((a - mean) ** 2 for a in v) / len(v)]


def map_bernoulli_oracle(x: Any, a: float, b: float) -> Fraction:
    k, n = sum(int(v) for v in x), len(x)
    return (k + Fraction(a) - 1) / (n + Fraction(a) + Fraction(b) - 2)


def beta_binomial_oracle(a: float, b: float, successes: int, trials: int) -> list[Fraction]:
    return [Fraction(a) + successes, Fraction(b) + trials - successes]


def parseval_oracle(x: Any) -> list[Any]:
    """Time side: exact fractions. Frequency side: (1/N) sum |X_k|^2 of a DFT in mpmath."""
    time = sum(v * v for v in _fractions(x))
    v = _mp_vector(x)
    n = len(v)
    spectrum = [mp.fsum(a * mp.expjpi(-2 * mpf(k * j % n) / n) for j, a in enumerate(v))
                for k in range(n)]
    frequency = mp.fsum(abs(c) ** 2 for c in spectrum) / n
    _close(frequency, mpf(time.numerator) / time.denominator, "Parseval")
    return [time, frequency]


def convergence_order_oracle(errors: Any) -> Any:
    e0, e1, e2 = _mp_vector(errors)[-3:]
    return mp.log(e2 / e1) / mp.log(e1 / e0)


def cost_threshold_oracle(cost_false_positive: float, cost_false_negative: float) -> Fraction:
    c_fp, c_fn = Fraction(cost_false_positive), Fraction(cost_false_negative)
    return c_fp / (c_fp + c_fn)


def threshold_for_precision_oracle(y_true: Any, y_prob: Any, precision: float) -> float:
    """Every observed probability tried as the threshold, precision in exact fractions.

    Refuses inputs where a candidate's precision differs from the target by less than
    1e-9 without equalling it (9/10 against the double 0.9): float64 could decide either way.
    """
    target = Fraction(precision)
    reached = []
    for t in sorted({float(p) for p in y_prob}):
        flagged = [int(y) for y, p in zip(y_true, y_prob) if p >= t]
        value = Fraction(sum(flagged), len(flagged))
        if value != target and abs(value - target) < Fraction(1, 10 ** 9):
            raise ValueError("a precision ties the target up to rounding: draw others")
        if value >= target:
            reached.append(t)
    if not reached:
        raise ValueError("no threshold reaches the target: draw others")
    return min(reached)


def _group_rates(y: Any, groups: Any, among: Callable[[int], bool] = lambda i: True
                 ) -> dict[int, Fraction]:
    """Per group: the fraction of its samples i with among(i) that have y_i = 1."""
    rates = {}
    for g in sorted({int(v) for v in groups}):
        members = [i for i, v in enumerate(groups) if int(v) == g and among(i)]
        if not members:
            raise ValueError(f"group {g} has no sample to measure: draw others")
        rates[g] = Fraction(sum(int(y[i]) for i in members), len(members))
    return rates


def dp_difference_oracle(y_pred: Any, sensitive: Any) -> Fraction:
    rates = _group_rates(y_pred, sensitive).values()
    return max(rates) - min(rates)


def dp_ratio_oracle(y_pred: Any, sensitive: Any) -> Fraction:
    rates = _group_rates(y_pred, sensitive).values()
    if max(rates) == 0:
        raise ValueError("no sample predicted positive: draw others")
    return min(rates) / max(rates)


def eo_difference_oracle(y_true: Any, y_pred: Any, sensitive: Any) -> Fraction:
    tpr = _group_rates(y_pred, sensitive, lambda i: int(y_true[i]) == 1).values()
    fpr = _group_rates(y_pred, sensitive, lambda i: int(y_true[i]) == 0).values()
    return max(max(tpr) - min(tpr), max(fpr) - min(fpr))


def confusion_matrix_oracle(y_true: Any, y_pred: Any) -> list[list[int]]:
    labels = sorted({int(v) for v in y_true} | {int(v) for v in y_pred})
    pairs = list(zip((int(v) for v in y_true), (int(v) for v in y_pred)))
    return [[pairs.count((t, p)) for p in labels] for t in labels]


def _exact_ceiling(value: Any) -> int:
    """ceil(value) for an mpf, refused when value lies within 1e-30 of an integer."""
    if abs(value - mp.nint(value)) < mpf("1e-30"):
        raise ValueError("the ceiling is not determined at this precision: draw others")
    return int(mp.ceil(value))


def count_min_oracle(epsilon: float, delta: float) -> list[int]:
    return [_exact_ceiling(mp.e / mpf(epsilon)), _exact_ceiling(mp.log(1 / mpf(delta)))]


def estimate_jaccard_oracle(sig_a: Any, sig_b: Any) -> Fraction:
    return Fraction(sum(int(a) == int(b) for a, b in zip(sig_a, sig_b)), len(sig_a))


def jaccard_oracle(a: Any, b: Any) -> Fraction:
    A, B = set(a), set(b)
    return Fraction(len(A & B), len(A | B))


def edit_distance_oracle(a: Any, b: Any) -> int:
    """The recurrence of the formula, top-down with memoisation (no two-row table)."""
    @functools.cache
    def D(i: int, j: int) -> int:
        if i == 0 or j == 0:
            return i + j
        return min(D(i - 1, j) + 1, D(i, j - 1) + 1, D(i - 1, j - 1) + (a[i - 1] != b[j - 1]))
    return D(len(a), len(b))


def shortest_paths_oracle(weights: Any, source: int) -> list[Any]:
    """Every simple path from the source tried (brute force), lengths in exact fractions."""
    W = [_fractions(row) for row in np.asarray(weights, dtype=float)]
    n = len(W)
    best: list[Fraction | None] = [None] * n
    best[source] = Fraction(0)
    others = [v for v in range(n) if v != source]
    for length in range(1, n):
        for path in itertools.permutations(others, length):
            total = sum(W[u][v] for u, v in itertools.pairwise((source,) + path))
            if best[path[-1]] is None or total < best[path[-1]]:
                best[path[-1]] = total
    return [mpf("inf") if d is None else d for d in best]


def top_k_oracle(values: Any, k: int) -> list[float]:
    return sorted((float(v) for v in values), reverse=True)[:k]


def k_fold_oracle(n: int, k: int, shuffle: bool = False) -> list[list[list[int]]]:
    """Contiguous test blocks of range(n): the first n % k of size n // k + 1."""
    if shuffle:
        raise ValueError("only shuffle=False has fixed folds")
    folds, start = [], 0
    for j in range(k):
        size = n // k + (1 if j < n % k else 0)
        test = list(range(start, start + size))
        folds.append([[i for i in range(n) if i not in test], test])
        start += size
    return folds


def _flat(value: Any) -> list[Any]:
    if isinstance(value, mpmath.matrix):
        return [value[i, j] for i in range(value.rows) for j in range(value.cols)]
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _flat(v)]
    return [value]


def checked(oracle: Callable[..., Any]) -> Callable[..., Any]:
    """The oracle at DPS digits, refused unless it agrees with itself at CHECK_DPS to 25."""
    def run(*args: Any) -> Any:
        with mp.workdps(CHECK_DPS):
            finer = _flat(oracle(*args))
        with mp.workdps(DPS):
            value = oracle(*args)
            scale = max(max(abs(mpmath.mpmathify(v)) for v in finer), mpf(1e-300))
            for a, b in zip(_flat(value), finer):
                if abs(mpmath.mpmathify(a) - b) > mpf("1e-25") * scale:
                    raise ArithmeticError(f"{oracle.__name__} is not converged on {args!r}")
        return value
    run.__name__ = oracle.__name__
    return run


# Intermediates: exact fractions for the calibration bins and the ROC, mpmath otherwise.

def calibration_bins(y: Any, p: Any, n_bins: int = 10) -> dict[str, list[Any]]:
    """Per non-empty bin: index, count, mean confidence, accuracy, |gap|, weighted |gap|.

    Bin b (0-based) holds b/M < p <= (b+1)/M, and bin 0 also p = 0, with exact edges; the
    inputs are refused if float64 edges (``numpy.linspace(0, 1, M + 1)``) would bin any
    sample differently.
    """
    n = len(p)
    members: dict[int, list[int]] = {}
    float_ids = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], np.asarray(p))
    for i, v in enumerate(p):
        b = max(0, math.ceil(Fraction(float(v)) * n_bins) - 1)
        if b != float_ids[i]:
            raise ValueError(f"sample {i} lies on a bin edge up to rounding: draw others")
        members.setdefault(b, []).append(i)
    bins: dict[str, list[Any]] = {"bin": [], "count": [], "mean_confidence": [],
                                  "accuracy": [], "abs_gap": [], "weighted_gap": []}
    for b in sorted(members):
        idx = members[b]
        confidence = sum(Fraction(float(p[i])) for i in idx) / len(idx)
        accuracy_ = Fraction(sum(int(y[i]) for i in idx), len(idx))
        gap = abs(accuracy_ - confidence)
        for key, value in [("bin", b), ("count", len(idx)), ("mean_confidence", confidence),
                           ("accuracy", accuracy_), ("abs_gap", gap),
                           ("weighted_gap", Fraction(len(idx), n) * gap)]:
            bins[key].append(value)
    return bins


CALIBRATION_ARE = {
    "n_bins": "M, the number of equal-width bins (the default 10)",
    "bins": ("one entry per non-empty bin (empty bins are omitted), as columns. bin: the "
             "0-based index b; bin b holds the samples with b/M < p <= (b+1)/M (bin 0 also "
             "p = 0), so a probability on an inner edge goes to the lower bin, as "
             "numpy.searchsorted(numpy.linspace(0, 1, M + 1)[1:-1], p) (side='left') and "
             "scikit-learn's calibration_curve do; count: n_b; mean_confidence: the mean "
             "of p over the bin; accuracy: the fraction of labels 1 in the bin; abs_gap: "
             "|accuracy - mean_confidence|; weighted_gap: (n_b / N) * abs_gap, the bin's "
             "contribution to the ECE (the ECE is their sum, the MCE the largest abs_gap)"),
}


def calibration_intermediates(y: Any, p: Any, n_bins: int = 10) -> dict[str, Any]:
    return {"n_bins": n_bins, "bins": calibration_bins(y, p, n_bins)}


def reliability_oracle(y: Any, p: Any, n_bins: int = 10) -> tuple[list, list, list]:
    bins = calibration_bins(y, p, n_bins)
    return bins["accuracy"], bins["mean_confidence"], bins["count"]


def mce_oracle(y: Any, p: Any, n_bins: int = 10) -> Fraction:
    return max(calibration_bins(y, p, n_bins)["abs_gap"])


ROC_ARE = {
    "n_negative": "n_0, the number of labels 0",
    "n_positive": "n_1, the number of labels 1",
    "false_positives": ("the ROC points as counts: one point per distinct score s, in "
                        "decreasing order of s, after the point (0, 0); false_positives[k] "
                        "and true_positives[k] count the negatives and positives scoring "
                        ">= the k-th largest distinct score; FPR = false_positives / n_0, "
                        "TPR = true_positives / n_1 (scikit-learn's roc_curve with "
                        "drop_intermediate=False, without its leading infinite threshold)"),
    "true_positives": "see false_positives",
    "concordant_pairs": "the number of (positive, negative) pairs with s_i > s_j",
    "tied_pairs": ("the number of (positive, negative) pairs with s_i = s_j; AUC = "
                   "(concordant_pairs + tied_pairs / 2) / (n_0 n_1), which is also the "
                   "trapezoidal area under the ROC points"),
}


def roc_intermediates(y: Any, s: Any) -> dict[str, Any]:
    y = [int(v) for v in y]
    s = [float(v) for v in s]
    fp, tp = [0], [0]
    for threshold in sorted(set(s), reverse=True):
        fp.append(sum(1 for a, b in zip(y, s) if a == 0 and b >= threshold))
        tp.append(sum(1 for a, b in zip(y, s) if a == 1 and b >= threshold))
    pos = [b for a, b in zip(y, s) if a == 1]
    neg = [b for a, b in zip(y, s) if a == 0]
    return {"n_negative": len(neg), "n_positive": len(pos),
            "false_positives": fp, "true_positives": tp,
            "concordant_pairs": sum(1 for a in pos for b in neg if a > b),
            "tied_pairs": sum(1 for a in pos for b in neg if a == b)}


SHIFT_ARE = {
    "max": "m = max_i z_i, the shift",
    "shifted_logits": "z_i - m (each <= 0, one of them 0)",
    "logsumexp": ("log sum_i exp(z_i) = m + log sum_i exp(z_i - m); softmax_i = "
                  "exp(z_i - logsumexp) and log_softmax_i = z_i - logsumexp"),
}
LOGSUMEXP_ARE = {
    "max": "m = max_i a_i, the shift",
    "sum_of_shifted_exponentials": "sum_i exp(a_i - m), in [1, n]; logsumexp = m + log of it",
}


def shift_intermediates(z: Any) -> dict[str, Any]:
    v = _mp_vector(z)
    m = max(v)
    return {"max": m, "shifted_logits": [a - m for a in v],
            "logsumexp": m + mp.log(mp.fsum(mp.exp(a - m) for a in v))}


def logsumexp_intermediates(a: Any) -> dict[str, Any]:
    v = _mp_vector(a)
    m = max(v)
    return {"max": m, "sum_of_shifted_exponentials": mp.fsum(mp.exp(x - m) for x in v)}


def _close(a: Any, b: Any, what: str) -> None:
    a, b = mpmath.mpmathify(a), mpmath.mpmathify(b)
    if abs(a - b) > mpf("1e-40") * max(abs(b), 1):
        raise ArithmeticError(f"intermediates disagree with the output: {what}")


def _ece_agrees(output: Any, inter: dict[str, Any]) -> None:
    _close(sum(inter["bins"]["weighted_gap"]), output, "ECE != sum of weighted gaps")


def _roc_agrees(output: Any, inter: dict[str, Any]) -> None:
    pairs = inter["n_negative"] * inter["n_positive"]
    fp, tp = inter["false_positives"], inter["true_positives"]
    area = sum(Fraction((fp[k + 1] - fp[k]) * (tp[k + 1] + tp[k]), 2 * pairs)
               for k in range(len(fp) - 1))
    if not (area == Fraction(2 * inter["concordant_pairs"] + inter["tied_pairs"], 2 * pairs)
            == output):
        raise ArithmeticError("roc_auc: the ROC area, the pair counts and the AUC disagree")


def _shift_agrees(output: Any, inter: dict[str, Any], log: bool) -> None:
    norm = inter["logsumexp"] - inter["max"]
    for value, shifted in zip(output, inter["shifted_logits"]):
        _close(value, shifted - norm if log else mp.exp(shifted - norm), "softmax")


def _lse_agrees(output: Any, inter: dict[str, Any]) -> None:
    _close(inter["max"] + mp.log(inter["sum_of_shifted_exponentials"]), output, "logsumexp")


#: entry -> a check that the intermediates reproduce the (independently computed) output
AGREES: dict[str, Callable[[Any, dict[str, Any]], None]] = {
    "expected_calibration_error": _ece_agrees,
    "roc_auc": _roc_agrees,
    "softmax": lambda out, inter: _shift_agrees(out, inter, log=False),
    "log_softmax": lambda out, inter: _shift_agrees(out, inter, log=True),
    "logsumexp": _lse_agrees,
}

#: entry -> (meaning of each intermediate, the function of the case's args that computes them)
INTERMEDIATES: dict[str, tuple[dict[str, str], Callable[..., dict[str, Any]]]] = {
    "expected_calibration_error": (CALIBRATION_ARE, calibration_intermediates),
    "maximum_calibration_error": (CALIBRATION_ARE, calibration_intermediates),
    "reliability_curve": (CALIBRATION_ARE, calibration_intermediates),
    "roc_auc": (ROC_ARE, roc_intermediates),
    "softmax": (SHIFT_ARE, shift_intermediates),
    "log_softmax": (SHIFT_ARE, shift_intermediates),
    "logsumexp": (LOGSUMEXP_ARE, logsumexp_intermediates),
}


# --------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------

@dataclass
class Source:
    """One golden file's cases: the inputs (positional arguments) and their oracle."""

    entry: str
    regime: str
    samples: list[tuple]
    oracle: Callable[..., Any]
    oracle_text: str = f"mpmath at {DPS} digits, transcribed from the formula"
    callables_are: str = ""


#: entry -> (regime, inputs) replacing accuracy.py's first regime, whose file is too large
SMALLER: dict[str, tuple[str, list[tuple]]] = {
    "dft_matrix": ("n = 8", [(8,)]),  # n = 16 alone is 11.6 kB; n = 8 still has the
                                      # irrational entries (1 - i)/sqrt(2), ...
}


def accuracy_sources() -> list[Source]:
    """The first storable regime of every entry that accuracy.py calls with plain arguments.

    A regime is storable when its inputs are finite numbers (``lp_norm``'s first regime
    has ``p = inf``, so its second one is used). The entries of ``SMALLER`` keep the
    oracle but take smaller inputs (``dft_matrix`` at n = 8, not 16).
    """
    sources = []
    for entry in _registry.entries():
        for case in accuracy.CASES:
            if case.entry == entry.id and case.what == "" and case.mathref is entry.obj:
                samples = case.inputs(np.random.default_rng(SEED))[:SAMPLES]
                if samples and all(_plain(list(args)) is not None for args in samples):
                    regime, samples = SMALLER.get(entry.id, (case.regime, samples))
                    sources.append(Source(entry.id, regime, samples, case.oracle))
                    break
    return sources


def _well_conditioned(rng: np.random.Generator) -> list[tuple]:
    return [(accuracy.conditioned(rng, 6, 4, 10.0),), (accuracy.conditioned(rng, 6, 4, 10.0),),
            (accuracy.conditioned(rng, 5, 3, 10.0).T.copy(),)]


def _spd(rng: np.random.Generator) -> list[tuple]:
    return [(accuracy.spd(rng, 5, 10.0),) for _ in range(SAMPLES)]


def _ece_inputs() -> tuple[str, list[tuple]]:
    case = next(c for c in accuracy.CASES if c.entry == "expected_calibration_error"
                and c.what == "")
    return case.regime, case.inputs(np.random.default_rng(SEED))[:SAMPLES]


def _signed(rng: np.random.Generator, lo: float, hi: float, n: int | None = None) -> Any:
    size = 1 if n is None else n
    x = rng.uniform(lo, hi, size) * rng.choice([-1.0, 1.0], size)
    return float(x[0]) if n is None else x


def own_sources() -> list[Source]:
    rng = np.random.default_rng(SEED)
    linalg = f"mpmath at {DPS} digits"
    matrices = _well_conditioned(rng)
    spds = _spd(rng)
    ece_regime, ece_samples = _ece_inputs()
    exact = "exact fractions (fractions.Fraction) on the float64 inputs"
    sources = [
        Source("qr", "random 6x4 (twice) and 3x5, condition number 10", matrices,
               checked(qr_oracle), f"{linalg}: classical Gram-Schmidt run twice on the "
               "columns, R = Q^T A; the diagonal of R is positive (the docstring's sign "
               "convention; mathref's Householder QR flips LAPACK's signs to it)"),
        Source("svd", "random 6x4 (twice) and 3x5, condition number 10", matrices,
               checked(svd_oracle), f"{linalg}: mpmath.svd_r, singular values descending, "
               "each column of U with its largest-magnitude component positive (the row of "
               "Vt flipped with it), as the docstring states"),
        Source("cholesky", "random SPD 5x5, condition number 10", spds,
               checked(cholesky_oracle), f"{linalg}: mpmath.cholesky (lower triangular L, "
               "positive diagonal)"),
        Source("eigh", "random SPD 5x5, condition number 10", spds, checked(eigh_oracle),
               f"{linalg}: mpmath.eigsy, eigenvalues ascending, each eigenvector with its "
               "largest-magnitude component positive, as the docstring states"),
        Source("reliability_curve", ece_regime, ece_samples, reliability_oracle, exact),
        Source("maximum_calibration_error", ece_regime, ece_samples, mce_oracle, exact),
    ]
    diff = f"mpmath.diff at {DPS} digits on the same expression in mpmath"
    derivative_cases = [(Expr("sin(x)"), _signed(rng, 0.5, 10.0), 1),
                        (Expr("exp(-x**2)"), _signed(rng, 0.5, 2.0), 1),
                        (Expr("log(x)"), float(rng.uniform(0.5, 10.0)), 2),
                        (Expr("arctan(x)"), _signed(rng, 0.5, 10.0), 2)]
    points = [_signed(rng, 0.0, 3.0, 4) for _ in range(3)]
    directions = [rng.standard_normal(4) for _ in range(3)]
    points3 = [_signed(rng, 0.1, 3.0, 3) for _ in range(3)]
    scalar_fs = [Expr(G), Expr(G), Expr(LSE)]
    vector_fs = [Expr(F3), Expr(F3), Expr(SOFTMAX)]
    random4 = "random x in [-3, 3]^4"
    random3 = "random x in [-3, 3]^3"
    sources += [
        Source("derivative", "sin, exp(-x^2) (order 1); log, arctan (order 2); 0.5 <= |x| <= 10",
               derivative_cases, checked(derivative_oracle), diff, CALLABLES + ONE_FLOAT),
        Source("gradient", random4, list(zip(scalar_fs, points)), checked(gradient_oracle),
               diff, CALLABLES + ONE_POINT),
        Source("hessian", random4, list(zip(scalar_fs, points)), checked(hessian_oracle),
               diff, CALLABLES + ONE_POINT),
        Source("laplacian", random4, list(zip(scalar_fs, points)), checked(laplacian_oracle),
               diff, CALLABLES + ONE_POINT),
        Source("directional_derivative", random4 + ", random direction v",
               list(zip(scalar_fs, points, directions)), checked(directional_oracle),
               f"{diff}, along u = v / |v|", CALLABLES + ONE_POINT),
        Source("jacobian", random3, list(zip(vector_fs, points3)), checked(jacobian_oracle),
               diff, CALLABLES + ONE_POINT),
        Source("divergence", random3, list(zip(vector_fs, points3)),
               checked(divergence_oracle), diff, CALLABLES + ONE_POINT),
        Source("integrate", "smooth, peaked, oscillatory and end-point-singular integrands",
               [(Expr("exp(x)"), 0.0, 1.0), (Expr("1/(1 + x**2)"), -5.0, 5.0),
                (Expr("exp(-10000*x**2)"), -1.0, 1.0), (Expr("cos(50*x)"), 0.0, 10.0),
                (Expr("1/sqrt(x)"), 0.0, 1.0), (Expr("log(x)"), 0.0, 1.0)],
               checked(integrate_oracle), f"mpmath.quad (tanh-sinh) at {DPS} digits on the "
               "same expression in mpmath, split at 0", CALLABLES + ONE_FLOAT),
        Source("importance_weights", "target N(1, 1), proposal N(0, 1), 8 samples",
               [(Expr("-(x - 1)**2/2"), Expr("-x**2/2"), rng.standard_normal(8))
                for _ in range(SAMPLES)],
               checked(importance_weights_oracle), f"mpmath at {DPS} digits: exp of the "
               "log-ratios, normalised", CALLABLES + SAMPLES_ARRAY),
    ]
    return sources


def _drawn(rng: np.random.Generator, make: Callable[[np.random.Generator], tuple],
           oracle: Callable[..., Any], count: int) -> list[tuple]:
    """``count`` inputs drawn by ``make`` that ``oracle`` accepts (it refuses ambiguous ones)."""
    samples: list[tuple] = []
    while len(samples) < count:
        args = make(rng)
        try:
            with mp.workdps(DPS):
                oracle(*args)
        except ValueError:
            continue
        samples.append(args)
    return samples


def _short(x: Any) -> Any:
    """Random inputs rounded to 3 decimals: short to store, exact float64 values all the same."""
    return np.round(x, 3)


def _real_spectrum(rng: np.random.Generator) -> tuple:
    while True:
        A = _short(rng.standard_normal((3, 3)))
        if np.all(np.linalg.eigvals(A).imag == 0):
            return (A,)


def _complex_pair(rng: np.random.Generator) -> tuple:
    while True:
        A = _short(rng.standard_normal((3, 3)))
        if np.any(np.linalg.eigvals(A).imag != 0):
            return (A,)


def convention_sources() -> list[Source]:
    """Factorisations with a pivoting or normalisation convention, and functions of functions.

    Drawn from their own generator, so that adding them leaves every other file unchanged.
    """
    rng = np.random.default_rng(SEED + 1)
    linalg = f"mpmath at {DPS} digits"
    square = lambda r: (_short(accuracy.conditioned(r, 4, 4, 10.0)),)
    wide = lambda r: (_short(accuracy.conditioned(r, 4, 3, 10.0).T),)
    tall = lambda r: (_short(accuracy.conditioned(r, 4, 3, 10.0)),)
    return [
        Source("lu", "random 4x4 and 3x4, condition number 10, entries rounded to 3 "
               "decimals; no near-tie for a pivot",
               _drawn(rng, square, lu_oracle, 1) + _drawn(rng, wide, lu_oracle, 1),
               lu_oracle, "exact fractions (fractions.Fraction) on the float64 inputs: "
               "Gaussian elimination with partial pivoting (at step j the row with the "
               "largest |entry| in column j becomes the pivot row, as LAPACK getrf); P as "
               "0/1 integers with A = P L U"),
        Source("eig", "random 3x3 non-symmetric, entries rounded to 3 decimals: three real "
               "eigenvalues; a real one and a complex pair",
               [_real_spectrum(rng), _complex_pair(rng)], checked(eig_oracle),
               f"{linalg}: mpmath.eig; eigenvalues sorted by real part, then imaginary "
               "part; each eigenvector of unit 2-norm, multiplied by the unit complex number "
               "that makes its largest-magnitude component real and positive, as the "
               "docstring states"),
        Source("gram_schmidt", "random 4x3, condition number 10, entries rounded to 3 "
               "decimals", [tall(rng), tall(rng)],
               checked(gram_schmidt_oracle), f"{linalg}: classical Gram-Schmidt run twice on "
               "the columns; q_j^T a_j > 0 (the docstring's sign convention)"),
        Source("fourier_transform", "Gaussian, Lorentzian and odd Gaussian on the whole "
               "line; exp(x) cut to [-1, 1] (limit = 1)",
               [(Expr("exp(-x**2)"), np.array([0.0, 0.3, 1.1])),
                (Expr("1/(1 + x**2)"), np.array([0.05, 0.5, 2.0])),
                (Expr("x*exp(-x**2)"), np.array([0.4, 1.5])),
                (Expr("exp(x)"), np.array([0.25, 7.5]), 1.0)],
               fourier_transform_oracle, f"closed forms at {DPS} digits (sqrt(pi) "
               "exp(-pi^2 xi^2), pi exp(-2 pi |xi|), -i pi^1.5 xi exp(-pi^2 xi^2), "
               "2 sinh(s)/s with s = 1 - 2 pi i xi), each checked against mpmath.quadosc / "
               "mpmath.quad of the definition to 35 digits", CALLABLES + POINTS_ARRAY),
        Source("fourier_series_coefficients", "smooth periodic functions: exp(sin x) with "
               "the default period 2 pi, K = 3; 1/(2 + cos(pi x)) with period 2, K = 2",
               [(Expr("exp(sin(x))"), 3), (Expr("1/(2 + cos(pi*x))"), 2, 2.0)],
               checked(fourier_series_oracle), f"mpmath.quad at {DPS} digits of (1/T) "
               "int_0^T f(x) e^{-2 pi i k x / T} dx, k = -K..K, with T the float64 period "
               "given (2 pi exactly by default)", CALLABLES + POINTS_ARRAY),
        Source("moment_from_mgf", "MGFs of N(1, 4), Exponential(2), Poisson(3); k = 2..4",
               [(Expr("exp(x + 2*x**2)"), 4), (Expr("2/(2 - x)"), 3),
                (Expr("exp(3*(exp(x) - 1))"), 2)],
               checked(moment_oracle), f"mpmath.diff at {DPS} digits of the same "
               "expression at t = 0 (73, 3!/2^3 and 3 + 3^2 in closed form)",
               CALLABLES + ONE_NUMBER),
    ]


def small_sources() -> list[Source]:
    """Small deterministic entries, one or two short cases each (the directory's size cap)."""
    rng = np.random.default_rng(SEED + 2)
    exact = "exact fractions (fractions.Fraction) on the float64 inputs"
    at = f"mpmath at {DPS} digits"
    tables = [(np.array([[3.0, 1.0, 0.0], [2.0, 4.0, 6.0]]) / 16,),
              (np.array([[0.5, 0.0], [0.0, 0.5]]),)]
    tables_regime = "a 2x3 table of sixteenths with a zero cell; Y = X (a diagonal 2x2)"
    nats = f"{at}, in nats (the default base)"
    hmm = ([0.6, 0.4], [[0.7, 0.3], [0.4, 0.6]], [[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]],
           [0, 1, 2, 2, 1, 0, 0])
    return [
        Source("mean_confidence_interval", "8 draws of N(10, 4) rounded to 3 decimals; "
               "level 0.95 (the default) and 0.9",
               [(_short(rng.normal(10.0, 2.0, 8)),), (_short(rng.normal(10.0, 2.0, 8)), 0.9)],
               checked(mean_confidence_oracle), f"{at}: mean -/+ t s / sqrt(n), s with "
               "n - 1, t the Student t quantile by mpmath.findroot on the regularised "
               "incomplete beta function"),
        Source("proportion_confidence_interval", "Wilson (the default method): 7/20; 0/50 "
               "at level 0.9; 998/1000 at level 0.99",
               [(7, 20), (0, 50, 0.9), (998, 1000, 0.99)], checked(wilson_oracle),
               f"{at}: the Wilson formula with z = sqrt(2) erfinv(level)"),
        Source("conditional_entropy", tables_regime, tables,
               checked(conditional_entropy_oracle), nats),
        Source("mutual_information", tables_regime, tables,
               checked(mutual_information_oracle), nats),
        Source("joint_entropy", tables_regime, tables, checked(joint_entropy_oracle), nats),
        Source("viterbi", "2 states, 3 symbols, 7 observations", [hmm],
               checked(viterbi_oracle), f"{at}: all 2^7 paths scored by brute force (no "
               "dynamic programming); the best beats the next by more than 1e-8"),
        Source("gaussian_mean_update", "prior N(0.5, 4), noise variance 1.5: 5 observations "
               "(rounded to 3 decimals); none", [(0.5, 4.0, _short(rng.normal(2.0, 1.0, 5)), 1.5),
                                                 (0.5, 4.0, np.zeros(0), 1.5)],
               gaussian_mean_update_oracle, exact),
        Source("solve_equality_qp", "random SPD Q 3x3 (condition number 10), 1 constraint, "
               "rounded to 3 decimals",
               [(_short(accuracy.spd(rng, 3, 10.0)), _short(rng.standard_normal(3)),
                 _short(rng.standard_normal((1, 3))), _short(rng.standard_normal(1)))],
               equality_qp_oracle, f"{exact}: the KKT system by Gauss-Jordan elimination"),
        Source("dft_frequencies", "n = 8 with spacing d = 0.25; n = 7 (odd) with d = 1",
               [(8, 0.25), (7,)], dft_frequencies_oracle, exact),
        Source("empirical_mgf", "6 draws of N(0, 1) rounded to 3 decimals; t an array, a scalar",
               [(_short(rng.standard_normal(6)), np.array([-1.0, 0.5, 2.0])),
                (_short(rng.standard_normal(6)), 1.5)], checked(empirical_mgf_oracle), at),
        Source("bias_variance_decomposition", "3 models x 4 points, rounded to 3 decimals",
               [(_short(rng.standard_normal((3, 4))), _short(rng.standard_normal(4)))],
               bias_variance_oracle, exact),
        Source("pca", "6 samples x 3 features (spreads 3, 1, 0.3) rounded to 3 decimals, "
               "2 components", [(_short(rng.standard_normal((6, 3)) * [3.0, 1.0, 0.3]), 2)],
               checked(pca_oracle), f"{at}: mpmath.svd_r of the centred data; each "
               "component's largest-magnitude entry positive (its scores flipped with it)"),
    ]


def _binary(rng: np.random.Generator, n: int, p: float = 0.5) -> np.ndarray:
    return (rng.uniform(size=n) < p).astype(int)


def _table_of(rng: np.random.Generator, shape: tuple[int, ...], total: int) -> np.ndarray:
    """A joint table of multiples of 1/total (exact in float64), no empty row or column."""
    while True:
        table = rng.multinomial(total, np.full(math.prod(shape), 1 / math.prod(shape)))
        table = table.reshape(shape) / total
        if all(np.all(table.sum(axis=tuple(b for b in range(len(shape)) if b != a)) > 0)
               for a in range(len(shape))):
            return table


def _scored(rng: np.random.Generator, n: int, target: float) -> tuple:
    """Probabilities (2 decimals), labels drawn with them, and a target precision that
    flagging every sample misses (so the threshold is not the smallest probability)."""
    while True:
        p = np.round(rng.uniform(size=n), 2)
        y = (rng.uniform(size=n) < p).astype(int)
        if np.mean(y) < target:
            return y, p, target


def _newton_sqrt2_errors() -> np.ndarray:
    with mp.workdps(DPS):
        x, errors = mpf(1), []
        for _ in range(4):
            x = (x + 2 / x) / 2
            errors.append(float(x - mp.sqrt(2)))
    return np.array(errors)


def _complete_graph(rng: np.random.Generator, n: int) -> np.ndarray:
    W = np.round(rng.uniform(0.1, 5.0, (n, n)), 3)
    W[1, 3] = 0.0  # a zero length stays an edge
    return W


def catalogue_sources() -> list[Source]:
    """Counts, tables, estimators, thresholds, fairness and algorithms: one to three cases.

    Drawn from their own generator, so that adding them leaves every other file unchanged.
    """
    rng = np.random.default_rng(SEED + 3)
    exact = "exact fractions (fractions.Fraction) on the float64 inputs"
    counted = "exact fractions (fractions.Fraction) of the counts"
    integers = "exact integer arithmetic"
    at = f"mpmath at {DPS} digits"
    y_pred, groups = _binary(rng, 12), rng.integers(0, 3, 12)
    parity = [(np.array([1, 0, 1, 1, 0, 0, 1, 0]), np.array([0, 0, 0, 0, 1, 1, 1, 1])),
              (y_pred, groups)]
    parity_regime = ("8 predictions in 2 groups; 12 random predictions in 3 groups "
                     "(integer group labels)")
    odds = lambda r: (_binary(r, 16), _binary(r, 16), r.integers(0, 3, 16))
    binary_truth = _binary(rng, 10)
    noisy = np.where(rng.uniform(size=10) < 0.3, 1 - binary_truth, binary_truth)
    y3 = rng.integers(0, 3, 12)
    p3 = np.where(rng.uniform(size=12) < 0.3, rng.integers(0, 3, 12), y3)
    p3[5] = 4
    sig = rng.integers(0, 6, 16)
    sig_b = np.where(rng.uniform(size=16) < 0.6, sig, rng.integers(0, 6, 16))
    values = _short(rng.standard_normal(10))
    values[7] = values[2]
    kitten = [ord(c) for c in "kitten"], [ord(c) for c in "sitting"]
    graph = _complete_graph(rng, 5)
    return [
        Source("rank", "an integer 4x3 matrix of rank 2; a random 3x4 (3 decimals); "
               "[[1, 1], [1, 1 + 1e-9]] with tol = 1e-6",
               [(np.arange(1.0, 13.0).reshape(4, 3),),
                (_short(rng.standard_normal((3, 4))),),
                (np.array([[1.0, 1.0], [1.0, 1.0 + 1e-9]]), 1e-6)],
               checked(rank_oracle), f"{at}: mpmath.svd_r's singular values counted above "
               "tau (sigma_1 max(m, n) 2^-52, or tol); no singular value within a factor "
               "1000 of tau"),
        Source("n_choose_k", "C(10, 3); C(100, 50) (a 30-digit integer); k > n",
               [(10, 3), (100, 50), (3, 5)], n_choose_k_oracle,
               f"{integers}: Pascal's triangle, row by row"),
        Source("n_permute_k", "P(5, 2); P(20, 7); k > n", [(5, 2), (20, 7), (3, 5)],
               n_permute_k_oracle, f"{integers}: n! // (n - k)!"),
        Source("multinomial_coefficient", "MISSISSIPPI (1, 4, 4, 2); a zero group; "
               "(30, 20, 10)", [([1, 4, 4, 2],), ([3, 0, 2],), ([30, 20, 10],)],
               multinomial_oracle, f"{integers}: n! // (k_1! ... k_m!)"),
        Source("bayes_rule", "the base-rate example (prevalence 0.01); two more, one with "
               "posterior exactly 1", [(0.01, 0.99, 0.0594), (0.3, 0.8, 0.5), (0.5, 1.0, 0.5)],
               bayes_rule_oracle, exact),
        Source("total_probability", "2 hypotheses (the base-rate example); 4 hypotheses "
               "with dyadic priors, likelihoods rounded to 3 decimals",
               [([0.01, 0.99], [0.99, 0.05]),
                ([0.125, 0.25, 0.5, 0.125], _short(rng.uniform(size=4)))],
               total_probability_oracle, exact),
        Source("marginal", "random tables of 32nds: 2x3x2 summed over axis 1; 3x4 over "
               "axis 0 and axis -1",
               [(_table_of(rng, (2, 3, 2), 32), 1), (_table_of(rng, (3, 4), 32), 0),
                (_table_of(rng, (3, 4), 32), -1)],
               marginal_oracle, exact),
        Source("conditional", "random tables of 32nds: 3x4 given axis 0; 2x3x2 given axis -1",
               [(_table_of(rng, (3, 4), 32), 0), (_table_of(rng, (2, 3, 2), 32), -1)],
               conditional_oracle, exact),
        Source("mle_bernoulli", "8 observations; all zeros; 20 random",
               [([1, 0, 1, 1, 0, 1, 0, 1],), ([0, 0, 0, 0],), (_binary(rng, 20, 0.3),)],
               mle_bernoulli_oracle, counted),
        Source("mle_gaussian", "8 draws of N(5, 4) rounded to 3 decimals; 6 draws with "
               "offset 1e8 (a cancellation test); one observation",
               [(_short(rng.normal(5.0, 2.0, 8)),),
                (1e8 + _short(rng.standard_normal(6)),), ([3.5],)],
               mle_gaussian_oracle, exact),
        Source("map_bernoulli", "three zeros under Beta(2, 2); 12 random under Beta(1.5, 3); "
               "all ones under the flat Beta(1, 1)",
               [([0, 0, 0], 2.0, 2.0), (_binary(rng, 12, 0.4), 1.5, 3.0), ([1, 1, 1, 1], 1.0, 1.0)],
               map_bernoulli_oracle, exact),
        Source("beta_binomial_update", "Beta(1, 1) after 7/10; Jeffreys Beta(0.5, 0.5) after "
               "0/5; Beta(2.5, 1.25) after 3/3",
               [(1.0, 1.0, 7, 10), (0.5, 0.5, 0, 5), (2.5, 1.25, 3, 3)],
               beta_binomial_oracle, exact),
        Source("parseval_energies", "[1, 2, 3, 4]; 9 draws of N(0, 1) rounded to 3 decimals",
               [([1.0, 2.0, 3.0, 4.0],), (_short(rng.standard_normal(9)),)],
               checked(parseval_oracle), f"time energy in {exact}; frequency energy "
               f"(1/N) sum |X_k|^2 from a DFT in {at}; the two agree to 40 digits"),
        Source("convergence_order", "linear (0.5^k, k = 1..7); quadratic (1e-1, 1e-2, "
               "1e-4, 1e-8, as doubles); Newton's errors for sqrt(2)",
               [([0.5 ** k for k in range(1, 8)],), ([1e-1, 1e-2, 1e-4, 1e-8],),
                (_newton_sqrt2_errors()[:3],)],
               checked(convergence_order_oracle), f"{at} on the last three errors"),
        Source("cost_optimal_threshold", "costs (1, 9), (0.3, 2.5) and (0, 4)",
               [(1.0, 9.0), (0.3, 2.5), (0.0, 4.0)], cost_threshold_oracle, exact),
        Source("threshold_for_precision", "12 random probabilities (2 decimals) with labels "
               "drawn from them; targets 0.75 and 0.875, above the precision of flagging all",
               _drawn(rng, lambda r: _scored(r, 12, 0.75), threshold_for_precision_oracle, 1)
               + _drawn(rng, lambda r: _scored(r, 12, 0.875), threshold_for_precision_oracle,
                        1),
               threshold_for_precision_oracle, f"{exact}: every observed probability tried "
               "as the threshold (precision is not monotone); no precision within 1e-9 of "
               "the target without equalling it"),
        Source("demographic_parity_difference", parity_regime, parity, dp_difference_oracle,
               counted),
        Source("demographic_parity_ratio", parity_regime, parity, dp_ratio_oracle, counted),
        Source("equalized_odds_difference", "16 random labels and predictions in 3 groups "
               "(integer labels), each group with both true labels",
               _drawn(rng, odds, eo_difference_oracle, 2), eo_difference_oracle, counted),
        Source("confusion_matrix", "binary, 10 samples; 3 classes with a label (4) that only "
               "the predictions use", [(binary_truth, noisy), (y3, p3)],
               confusion_matrix_oracle, f"{integers}: the pairs counted over the sorted "
               "union of the labels"),
        Source("count_min_dimensions", "(0.01, 0.01); epsilon = the double nearest e/100 "
               "(just below it: width 101); (0.001, 1e-6)",
               [(0.01, 0.01), (math.e / 100, 0.05), (0.001, 1e-6)], checked(count_min_oracle),
               f"{at}: the ceilings of e / epsilon and ln(1 / delta), each at least 1e-30 "
               "from an integer"),
        Source("estimate_jaccard", "signatures of length 4 (the docstring's); 16 random "
               "hash values, agreeing in about 60 % of the positions",
               [([1, 2, 3, 4], [1, 2, 0, 0]), (sig, sig_b)], estimate_jaccard_oracle, counted),
        Source("jaccard", "{1, 2, 3} and {2, 3, 4}; integer lists with repeats; one set empty",
               [([1, 2, 3], [2, 3, 4]), (rng.integers(0, 10, 8), rng.integers(0, 10, 6)),
                ([], [5, 6])], jaccard_oracle, f"{counted}: Python sets"),
        Source("edit_distance", "'kitten' and 'sitting' as lists of code points; random "
               "integer sequences; an empty sequence",
               [kitten, (rng.integers(0, 4, 7), rng.integers(0, 4, 5)), ([], [1, 2, 3])],
               edit_distance_oracle, f"{integers}: the recurrence of the formula, top-down "
               "with memoisation"),
        Source("shortest_path_lengths", "complete directed graph on 5 nodes, lengths in "
               "[0.1, 5] rounded to 3 decimals and one of length 0 (JSON has no inf, the "
               "'no edge' value, so every pair is joined); sources 0 and 3",
               [(graph, 0), (graph, 3)],
               shortest_paths_oracle, f"{exact}: every simple path from the source tried "
               "(brute force, no Dijkstra)"),
        Source("top_k", "10 draws of N(0, 1) rounded to 3 decimals with a repeated value, "
               "k = 4; the docstring's 8 values, k = 3",
               [(values, 4), ([3, 1, 4, 1, 5, 9, 2, 6], 3)], top_k_oracle,
               "the values sorted in Python, largest first"),
        Source("k_fold_indices", "n = 7, k = 3; n = 10, k = 4, shuffle=False (the default)",
               [(7, 3), (10, 4, False)], k_fold_oracle,
               f"{integers}: contiguous test blocks of range(n), the first n mod k of size "
               "n // k + 1; the output is the list of folds, each [train_idx, test_idx]"),
    ]


# --------------------------------------------------------------------------------------
# Distribution classes: a constructor, then method calls and property reads
# --------------------------------------------------------------------------------------

CALLS_ARE = ("each case builds obj = mathref.{id}(*args), args being the constructor's "
             "positional arguments; each of its calls is {{\"method\": m, \"args\": [...], "
             "\"output\": ...}}, the result of obj.m(*args), or {{\"attribute\": a, "
             "\"output\": ...}}, the value of the property obj.a (read, not called)")
MAX_CLASS_FILE_BYTES = 4000


@dataclass(frozen=True)
class Call:
    """The method call ``obj.name(*args)``, or with ``args=None`` the property ``obj.name``."""

    name: str
    args: tuple | None = None


def method(name: str, *args: Any) -> Call:
    return Call(name, args)


def attribute(name: str) -> Call:
    return Call(name)


MOMENTS = [attribute("mean"), attribute("var"), method("entropy")]


@dataclass
class ClassSource:
    """One distribution's golden file.

    ``cases`` pairs the constructor's arguments with the calls made on that object;
    ``oracles`` maps a member name to ``oracle(*constructor args, *call args)``.
    """

    entry: str
    regime: str
    cases: list[tuple[tuple, list[Call]]]
    oracles: dict[str, Callable[..., Any]]
    oracle_text: str


def _accuracy_oracle(entry: str, what: str) -> Callable[..., Any]:
    """The mpmath oracle that ``benchmarks/accuracy.py`` measures ``entry.what`` against."""
    return next(c.oracle for c in accuracy.CASES if c.entry == entry and c.what == what)


def converged(oracle: Callable[..., Any]) -> Callable[..., Any]:
    """``checked`` value by value: each agrees with itself at CHECK_DPS to 25 digits, so a
    tail value (a cdf of 1e-200 next to 0.97) is checked as much as the others."""
    def run(*args: Any) -> Any:
        with mp.workdps(CHECK_DPS):
            finer = _flat(oracle(*args))
        with mp.workdps(DPS):
            value = oracle(*args)
            for a, b in zip(_flat(value), finer):
                a, b = mpmath.mpmathify(a), mpmath.mpmathify(b)
                if a != b and not abs(a - b) <= mpf("1e-25") * abs(b):
                    raise ArithmeticError(f"{oracle.__name__} is not converged on {args!r}")
        return value
    run.__name__ = getattr(oracle, "__name__", "oracle")
    return run


def _exact(value: Any) -> Fraction:
    return Fraction(float(value))


def _is_count(x: Any) -> bool:
    return float(x).is_integer() and x >= 0


def _pointwise(oracle: Callable[..., Any], inside: Callable[..., bool],
               outside: Any) -> Callable[..., Any]:
    """``oracle(*params, [x])`` at each point x where ``inside(*params, x)``, else
    ``outside`` (the docstrings' value off the support: -inf for a log, 0 for a cdf)."""
    def run(*args: Any) -> list[Any]:
        *params, points = args
        return [oracle(*params, [x])[0] if inside(*params, x) else outside for x in points]
    return run


def _exp_of(log_oracle: Callable[..., Any]) -> Callable[..., Any]:
    """The pmf or pdf: the exponential of the log oracle's values (0 where it is -inf)."""
    return lambda *args: [mp.exp(v) for v in log_oracle(*args)]


def _window(log_f: Callable[[int], Any], lo: Any, hi: Any, mean: Any,
            sd: Any) -> tuple[int, int]:
    """The integers [first, last] of the support [lo, hi] that carry the mass.

    Starts at mean +- (40 sd + 40) and widens until log f < -600 at each end that is not
    an end of the support: past it the (unimodal) pmf keeps falling, at least
    geometrically, so the terms left out are below 1e-250 in total for the sums taken here.
    """
    width = 40 * sd + 40
    while True:
        first = max(lo, int(mp.floor(mean - width)))
        last = min(hi, int(mp.ceil(mean + width)))
        if all(end == bound or log_f(end) < -600 for end, bound in ((first, lo), (last, hi))):
            return first, last
        width *= 2


def _window_sum(log_f: Callable[[int], Any], g: Callable[[int, Any], Any], lo: Any,
                hi: Any, mean: Any, sd: Any, upto: Any = math.inf) -> Any:
    """sum of f(k) g(k, log f(k)) over the integers k <= upto that carry the mass."""
    first, last = _window(log_f, lo, hi, mean, sd)
    if upto < last:
        last = math.floor(upto)
    return mp.fsum(mp.exp(lf) * g(k, lf) for k in range(first, last + 1)
                   if (lf := log_f(k)) > mp.ninf)


def _agree(a: Any, b: Any, what: str) -> None:
    """Two oracles' values agree to 40 digits (relative)."""
    for x, y in zip(_flat(a), _flat(b)):
        if abs(mpmath.mpmathify(x) - y) > mpf("1e-40") * abs(y):
            raise ArithmeticError(f"two oracles disagree: {what}")


def _entropy_sum(log_f: Callable[[int], Any], lo: Any, hi: Any, mean: Any, sd: Any) -> Any:
    return _window_sum(log_f, lambda k, lf: -lf, lo, hi, mean, sd)


def _binomial_log_f(n: int, p: float) -> Callable[[int], Any]:
    logpmf = _accuracy_oracle("Binomial", "logpmf")
    return lambda k: logpmf(n, p, [k])[0]


def bernoulli_oracles() -> dict[str, Callable[..., Any]]:
    def pmf(p: float, k: list) -> list[Fraction]:
        return [_exact(p) if v == 1 else 1 - _exact(p) if v == 0 else Fraction(0) for v in k]

    def logpmf(p: float, k: list) -> list[Any]:
        return [mp.log(mpf(p)) if v == 1 else mp.log1p(-mpf(p)) if v == 0 else mp.ninf
                for v in k]

    def cdf(p: float, x: list) -> list[Fraction]:
        return [Fraction(0) if v < 0 else 1 - _exact(p) if v < 1 else Fraction(1) for v in x]

    return {"pmf": pmf, "logpmf": converged(logpmf), "cdf": cdf,
            "mean": _exact, "var": lambda p: _exact(p) * (1 - _exact(p)),
            "mgf": converged(lambda p, t: [1 - mpf(p) + mpf(p) * mp.exp(mpf(v)) for v in t]),
            "entropy": converged(_accuracy_oracle("Bernoulli", "entropy"))}


def binomial_oracles() -> dict[str, Callable[..., Any]]:
    logpmf = converged(_pointwise(_accuracy_oracle("Binomial", "logpmf"),
                                  lambda n, p, k: _is_count(k) and k <= n, mp.ninf))

    def mgf(n: int, p: float, t: list) -> list[Any]:
        return [(1 - mpf(p) + mpf(p) * mp.exp(mpf(v))) ** n for v in t]

    def entropy(n: int, p: float) -> Any:
        return _entropy_sum(_binomial_log_f(n, p), 0, n, n * mpf(p),
                            mp.sqrt(n * mpf(p) * (1 - mpf(p))))

    def cdf(n: int, p: float, x: list) -> list[Any]:
        """The pmf summed up to x; for n <= 1000 also accuracy.py's betainc form."""
        mean, sd = n * mpf(p), mp.sqrt(n * mpf(p) * (1 - mpf(p)))
        values = [_window_sum(_binomial_log_f(n, p), lambda k, lf: 1, 0, n, mean, sd, v)
                  if v >= 0 else mpf(0) for v in x]
        if n <= 1000:
            _agree(values, _accuracy_oracle("Binomial", "cdf")(n, p, x), "Binomial cdf")
        return values

    return {"pmf": _exp_of(logpmf), "logpmf": logpmf, "cdf": converged(cdf),
            "mean": lambda n, p: n * _exact(p),
            "var": lambda n, p: n * _exact(p) * (1 - _exact(p)),
            "mgf": converged(mgf), "entropy": converged(entropy)}


def poisson_oracles() -> dict[str, Callable[..., Any]]:
    log_f = _accuracy_oracle("Poisson", "logpmf")
    logpmf = converged(_pointwise(log_f, lambda lam, k: _is_count(k), mp.ninf))

    def entropy(lam: float) -> Any:
        return _entropy_sum(lambda k: log_f(lam, [k])[0], 0, math.inf, mpf(lam),
                            mp.sqrt(lam))

    return {"pmf": _exp_of(logpmf), "logpmf": logpmf,
            "cdf": converged(_pointwise(_accuracy_oracle("Poisson", "cdf"),
                                        lambda lam, x: x >= 0, Fraction(0))),
            "mean": _exact, "var": _exact,
            "mgf": converged(lambda lam, t: [mp.exp(lam * mp.expm1(mpf(v))) for v in t]),
            "entropy": converged(entropy)}


def _covariance(weights: list[Fraction], n: int = 1) -> list[list[Fraction]]:
    """n (diag(p) - p p^T), exactly."""
    return [[n * ((a if i == j else 0) - a * b) for j, b in enumerate(weights)]
            for i, a in enumerate(weights)]


def categorical_oracles() -> dict[str, Callable[..., Any]]:
    def valid(p: list, k: Any) -> bool:
        return _is_count(k) and k < len(p)

    def pmf(p: list, k: list) -> list[Fraction]:
        return [_exact(p[int(v)]) if valid(p, v) else Fraction(0) for v in k]

    def logpmf(p: list, k: list) -> list[Any]:
        return [mp.log(mpf(p[int(v)])) if valid(p, v) else mp.ninf for v in k]

    def cdf(p: list, x: list) -> list[Fraction]:
        return [Fraction(sum(_exact(q) for k, q in enumerate(p) if k <= v)) for v in x]

    def mgf(p: list, t: list) -> list[Any]:
        return [mp.fsum(mpf(q) * mp.exp(mpf(s)) for q, s in zip(p, row)) for row in t]

    def entropy(p: list) -> Any:
        return -mp.fsum(mpf(q) * mp.log(mpf(q)) for q in p if q > 0)

    return {"pmf": pmf, "logpmf": converged(logpmf), "cdf": cdf,
            "mean": lambda p: [_exact(q) for q in p],
            "var": lambda p: _covariance([_exact(q) for q in p]),
            "mgf": converged(mgf), "entropy": converged(entropy)}


def _compositions(n: int, k: int) -> Any:
    """Every vector of k non-negative integers summing to n."""
    if k == 1:
        yield (n,)
        return
    for first in range(n + 1):
        for rest in _compositions(n - first, k - 1):
            yield (first, *rest)


def multinomial_entropy_oracle(n: int, p: list) -> Any:
    """The docstring's formula, each E[log X_i!] summed under the binomial marginal; where
    there are at most 5000 count vectors, also -sum f log f over all of them (the
    definition), and the two must agree to 40 digits."""
    q = [mpf(v) for v in p]
    total = -mp.loggamma(n + 1) - n * mp.fsum(v * mp.log(v) for v in q if v > 0)
    for v, p_i in zip(q, p):
        if v == 1:
            total += mp.loggamma(n + 1)
        elif v > 0:
            total += _window_sum(_binomial_log_f(n, p_i), lambda k, lf: mp.loggamma(k + 1),
                                 0, n, n * v, mp.sqrt(n * v * (1 - v)))
    if math.comb(n + len(p) - 1, len(p) - 1) <= 5000:
        logpmf = _accuracy_oracle("Multinomial", "logpmf")
        logs = [logpmf(n, p, x) for x in _compositions(n, len(p))]
        direct = -mp.fsum(mp.exp(lf) * lf for lf in logs if lf > mp.ninf)
        if abs(direct - total) > mpf("1e-40") * abs(total):
            raise ArithmeticError("the multinomial entropy formula disagrees with its definition")
    return total


def multinomial_oracles() -> dict[str, Callable[..., Any]]:
    one = _accuracy_oracle("Multinomial", "logpmf")

    def logpmf(n: int, p: list, X: list) -> list[Any]:
        return [one(n, p, x) if all(_is_count(c) for c in x) and sum(x) == n else mp.ninf
                for x in X]

    def mgf(n: int, p: list, T: list) -> list[Any]:
        return [mp.fsum(mpf(q) * mp.exp(mpf(s)) for q, s in zip(p, row)) ** n for row in T]

    return {"pmf": _exp_of(converged(logpmf)), "logpmf": converged(logpmf),
            "mean": lambda n, p: [n * _exact(q) for q in p],
            "var": lambda n, p: _covariance([_exact(q) for q in p], n),
            "mgf": converged(mgf), "entropy": converged(multinomial_entropy_oracle)}


def uniform_oracles() -> dict[str, Callable[..., Any]]:
    def width(a: float, b: float) -> Fraction:
        return _exact(b) - _exact(a)

    def pdf(a: float, b: float, x: list) -> list[Fraction]:
        return [1 / width(a, b) if a <= v <= b else Fraction(0) for v in x]

    def logpdf(a: float, b: float, x: list) -> list[Any]:
        return [-mp.log(mpf(width(a, b))) if a <= v <= b else mp.ninf for v in x]

    def cdf(a: float, b: float, x: list) -> list[Fraction]:
        return [min(max((_exact(v) - _exact(a)) / width(a, b), Fraction(0)), Fraction(1))
                for v in x]

    def mgf(a: float, b: float, t: list) -> list[Any]:
        return [mpf(1) if v == 0 else (mp.exp(v * mpf(b)) - mp.exp(v * mpf(a)))
                / (v * mpf(width(a, b))) for v in t]

    return {"pdf": pdf, "logpdf": converged(logpdf), "cdf": cdf,
            "mean": lambda a, b: (_exact(a) + _exact(b)) / 2,
            "var": lambda a, b: width(a, b) ** 2 / 12,
            "mgf": converged(mgf), "entropy": converged(lambda a, b: mp.log(mpf(width(a, b))))}


def gaussian_oracles() -> dict[str, Callable[..., Any]]:
    logpdf = converged(_accuracy_oracle("Gaussian", "logpdf"))

    def mgf(mu: float, s: float, t: list) -> list[Any]:
        return [mp.exp(mu * mpf(v) + (s * mpf(v)) ** 2 / 2) for v in t]

    return {"pdf": _exp_of(logpdf), "logpdf": logpdf,
            "cdf": converged(_accuracy_oracle("Gaussian", "cdf")),
            "mean": lambda mu, s: _exact(mu), "var": lambda mu, s: _exact(s) ** 2,
            "mgf": converged(mgf),
            "entropy": converged(lambda mu, s: mp.log(2 * mp.pi * mp.e * mpf(s) ** 2) / 2)}


def multivariate_gaussian_oracles() -> dict[str, Callable[..., Any]]:
    logpdf = converged(_accuracy_oracle("MultivariateGaussian", "logpdf"))

    def mgf(mu: list, S: list, T: list) -> list[Any]:
        m, C = accuracy.V(mu), accuracy.MM(S)
        out = []
        for row in T:
            t = mp.matrix(accuracy.V(row))
            out.append(mp.exp(accuracy.mdot(accuracy.V(row), m) + (t.T * C * t)[0] / 2))
        return out

    def entropy(mu: list, S: list) -> Any:
        return (len(mu) * (1 + mp.log(2 * mp.pi)) + mp.log(mp.det(accuracy.MM(S)))) / 2

    return {"pdf": _exp_of(logpdf), "logpdf": logpdf,
            "mean": lambda mu, S: [_exact(v) for v in mu],
            "var": lambda mu, S: [[_exact(v) for v in row] for row in S],
            "mgf": converged(mgf), "entropy": converged(entropy)}


def exponential_oracles() -> dict[str, Callable[..., Any]]:
    logpdf = converged(_pointwise(_accuracy_oracle("Exponential", "logpdf"),
                                  lambda lam, x: x >= 0, mp.ninf))

    def mgf(lam: float, t: list) -> list[Any]:
        return [lam / (lam - mpf(v)) if v < lam else mp.inf for v in t]

    return {"pdf": _exp_of(logpdf), "logpdf": logpdf,
            "cdf": converged(_pointwise(_accuracy_oracle("Exponential", "cdf"),
                                        lambda lam, x: x >= 0, Fraction(0))),
            "mean": lambda lam: 1 / _exact(lam), "var": lambda lam: 1 / _exact(lam) ** 2,
            "mgf": converged(mgf), "entropy": converged(lambda lam: 1 - mp.log(lam))}


def gamma_oracles() -> dict[str, Callable[..., Any]]:
    logpdf = converged(_pointwise(_accuracy_oracle("Gamma", "logpdf"),
                                  lambda a, b, x: x > 0, mp.ninf))

    def mgf(a: float, b: float, t: list) -> list[Any]:
        return [(1 - mpf(v) / b) ** -a if v < b else mp.inf for v in t]

    return {"pdf": _exp_of(logpdf), "logpdf": logpdf,
            "cdf": converged(_pointwise(_accuracy_oracle("Gamma", "cdf"),
                                        lambda a, b, x: x >= 0, Fraction(0))),
            "mean": lambda a, b: _exact(a) / _exact(b),
            "var": lambda a, b: _exact(a) / _exact(b) ** 2,
            "mgf": converged(mgf), "entropy": converged(_accuracy_oracle("Gamma", "entropy"))}


def beta_oracles() -> dict[str, Callable[..., Any]]:
    logpdf = converged(_pointwise(_accuracy_oracle("Beta", "logpdf"),
                                  lambda a, b, x: 0 < x < 1, mp.ninf))
    inside_cdf = _accuracy_oracle("Beta", "cdf")

    def cdf(a: float, b: float, x: list) -> list[Any]:
        return [Fraction(0) if v <= 0 else Fraction(1) if v >= 1 else inside_cdf(a, b, [v])[0]
                for v in x]

    def var(a: float, b: float) -> Fraction:
        a, b = _exact(a), _exact(b)
        return a * b / ((a + b) ** 2 * (a + b + 1))

    def entropy(a: float, b: float) -> Any:
        a, b = mpf(a), mpf(b)
        return (mp.log(mp.beta(a, b)) - (a - 1) * mp.digamma(a) - (b - 1) * mp.digamma(b)
                + (a + b - 2) * mp.digamma(a + b))

    return {"pdf": _exp_of(logpdf), "logpdf": logpdf, "cdf": converged(cdf),
            "mean": lambda a, b: _exact(a) / (_exact(a) + _exact(b)), "var": var,
            "mgf": converged(lambda a, b, t: [mp.hyp1f1(a, a + b, mpf(v)) for v in t]),
            "entropy": converged(entropy)}


SAME_DIGITS = f"; every mpmath value is recomputed at {CHECK_DPS} digits and agrees to 25"


def class_sources() -> list[ClassSource]:
    """The eleven distribution classes: 1-2 parameter sets each, a few points, the methods
    with a formula (no sampling). Inputs are written out, not drawn, so that no other file
    changes; hard regimes (tails, huge counts, underflowing normalisers) where the oracle
    handles them."""
    m = method
    acc = "benchmarks/accuracy.py's mpmath oracle"
    exact = "exact fractions"
    cov = [[2.0, 0.6, -0.4], [0.6, 1.0, 0.2], [-0.4, 0.2, 0.5]]
    tiny_cov = [[1e-150 * v for v in row] for row in cov]
    return [
        ClassSource(
            "Bernoulli", "p = 0.3; p = 1e-20 (log(1 - p) and the entropy need log1p)",
            [((0.3,), [m("pmf", [0, 1, 2]), m("logpmf", [0, 1]),
                       m("cdf", [-0.5, 0, 0.5, 1]), m("mgf", [-2.0, 0.0, 1.0, 50.0]),
                       *MOMENTS]),
             ((1e-20,), [m("pmf", [0, 1]), m("logpmf", [0, 1]), m("mgf", [1.0, 40.0]),
                         *MOMENTS])],
            bernoulli_oracles(),
            f"pmf, cdf, mean, var: {exact}; logpmf, mgf: mpmath at {DPS} digits from the "
            f"formulas; entropy: {acc}{SAME_DIGITS}"),
        ClassSource(
            "Binomial", "n = 10, p = 0.3 (points off the support included); n = 20000, "
            "p = 0.3 (Loader's saddle-point log-pmf, pmf(0) = 1e-3098 only as a log, "
            "entropy summed on mathref's coarse grid)",
            [((10, 0.3), [m("pmf", [0, 3, 10, 11, 2.5]), m("logpmf", [0, 3, 10]),
                          m("cdf", [0, 3, 9.5]), m("mgf", [-1.0, 0.1, 5.0]), *MOMENTS]),
             ((20000, 0.3), [m("pmf", [6000]), m("logpmf", [0, 5500, 6000, 7000]),
                             m("cdf", [5700, 6000]), m("mgf", [0.01]), *MOMENTS])],
            binomial_oracles(),
            f"logpmf: {acc} (log of mpmath.binomial), pmf its exponential; cdf: the pmf "
            f"summed (for n = 10 also {acc}, mpmath.betainc, agreeing to 40 digits); mean, "
            f"var: {exact}; mgf: the formula; entropy: -sum f log f; sums over the k that "
            f"carry the mass (the rest below 1e-250){SAME_DIGITS}"),
        ClassSource(
            "Poisson", "rate = 3 (points off the support included); rate = 5000 (Loader's "
            "saddle-point log-pmf, entropy summed on mathref's coarse grid)",
            [((3.0,), [m("pmf", [0, 2, 10, -1, 2.5]), m("logpmf", [0, 2, 40]),
                       m("cdf", [-1, 0, 2, 7.5]), m("mgf", [-3.0, 0.1, 2.0]), *MOMENTS]),
             ((5000.0,), [m("pmf", [5000]), m("logpmf", [0, 4500, 5000, 6000]),
                          m("cdf", [4700, 5000]), m("mgf", [0.01]), *MOMENTS])],
            poisson_oracles(),
            f"logpmf and cdf: {acc} (mpmath.loggamma; mpmath.gammainc), pmf its "
            f"exponential; mean, var: {exact}; mgf: the formula; entropy: -sum f log f over "
            f"the k that carry the mass (the rest below 1e-250){SAME_DIGITS}"),
        ClassSource(
            "Categorical", "p = (0.2, 0.5, 0.3); p = (0.25, 0, 0.75) with an impossible "
            "category; mgf at rows t of length K",
            [(([0.2, 0.5, 0.3],), [m("pmf", [0, 1, 2, 3, 1.5]), m("logpmf", [0, 1, 2]),
                                   m("cdf", [-1, 0, 1.5, 7]),
                                   m("mgf", [[0.0, 0.0, 0.0], [1.0, -1.0, 2.0]]), *MOMENTS]),
             (([0.25, 0.0, 0.75],), [m("logpmf", [0, 1, 2]), m("mgf", [[50.0, 0.0, -50.0]]),
                                     *MOMENTS])],
            categorical_oracles(),
            f"pmf, cdf, mean, var (the one-hot covariance): {exact}; logpmf, mgf, entropy: "
            f"mpmath at {DPS} digits from the formulas{SAME_DIGITS}"),
        ClassSource(
            "Multinomial", "n = 4, p = (0.5, 0.25, 0.25) (a count vector not summing to n "
            "included); n = 20000, p = (0.2, 0.5, 0.3); points and t are rows of length K",
            [((4, [0.5, 0.25, 0.25]), [m("pmf", [[2, 1, 1], [4, 0, 0], [2, 1, 0]]),
                                       m("logpmf", [[2, 1, 1], [0, 0, 4]]),
                                       m("mgf", [[0.1, -0.1, 0.3]]), *MOMENTS]),
             ((20000, [0.2, 0.5, 0.3]), [m("logpmf", [[4000, 10000, 6000], [20000, 0, 0]]),
                                         m("mgf", [[0.001, 0.0, -0.001]]), *MOMENTS])],
            multinomial_oracles(),
            f"logpmf: {acc} (mpmath.loggamma), pmf its exponential; mean, var: {exact}; "
            "mgf: the formula; entropy: the docstring's formula, each E[log X_i!] summed "
            "over the binomial marginal's k that carry the mass, and for n = 4 also "
            f"-sum f log f over all count vectors (agreeing to 40 digits){SAME_DIGITS}"),
        ClassSource(
            "Uniform", "[2, 6] (both ends in the support); [-0.1, 0.2], whose width is not "
            "a double; mgf at t = 1e-12 (where e^(tb) - e^(ta) cancels) and where e^(tb) "
            "is ~1e260",
            [((2.0, 6.0), [m("pdf", [1.0, 2.0, 4.0, 6.0, 7.0]), m("logpdf", [2.0, 7.0]),
                           m("cdf", [0.0, 3.0, 6.0, 9.0]),
                           m("mgf", [-1.0, 0.0, 1e-12, 0.5, 100.0]), *MOMENTS]),
             ((-0.1, 0.2), [m("pdf", [0.0]), m("cdf", [0.05]), m("mgf", [1e-12, 3000.0]),
                            *MOMENTS])],
            uniform_oracles(),
            f"pdf, cdf, mean, var: {exact}; logpdf, mgf, entropy: mpmath at {DPS} digits "
            f"from the formulas{SAME_DIGITS}"),
        ClassSource(
            "Gaussian", "standard: the lower tail (cdf(-37) ~ 6e-300) and log-densities "
            "where the density underflows; mean -3.5, std 0.25",
            [((0.0, 1.0), [m("pdf", [-1.5, 0.0, 1.96]), m("logpdf", [-30.0, 0.5, 40.0, 1e5]),
                           m("cdf", [-37.0, -30.0, -1.5, 0.0, 1.96, 8.0]),
                           m("mgf", [-3.0, 0.5, 20.0]), *MOMENTS]),
             ((-3.5, 0.25), [m("pdf", [-3.5, -3.0]), m("logpdf", [-3.5, 2.0]),
                             m("cdf", [-4.5, -3.5]), m("mgf", [-10.0, 2.0]), *MOMENTS])],
            gaussian_oracles(),
            f"logpdf and cdf: {acc} (the formula; erfc), pdf its exponential; mean, var: "
            f"{exact}; mgf, entropy: the formulas{SAME_DIGITS}"),
        ClassSource(
            "MultivariateGaussian", "d = 3, a correlated covariance; the same covariance "
            "times 1e-150, whose determinant (~5e-451) underflows; points and t are rows",
            [(([1.0, -2.0, 0.5], cov),
              [m("pdf", [[1.0, -2.0, 0.5], [0.0, 0.0, 0.0]]),
               m("logpdf", [[1.0, -2.0, 0.5], [4.0, -6.0, 3.0]]),
               m("mgf", [[0.1, 0.2, -0.3], [1.0, 1.0, 1.0]]), *MOMENTS]),
             (([0.0, 0.0, 0.0], tiny_cov),
              [m("pdf", [[0.0, 0.0, 0.0]]), m("logpdf", [[1e-75, -2e-75, 5e-76]]),
               m("mgf", [[1e75, 0.0, -1e75]]), *MOMENTS])],
            multivariate_gaussian_oracles(),
            f"logpdf: {acc} (mpmath.lu_solve and mpmath.det at 80 digits), pdf its "
            f"exponential; mean, var: {exact}; mgf, entropy (mpmath.det): the "
            f"formulas{SAME_DIGITS}"),
        ClassSource(
            "Exponential", "rate 2: cdf at 1e-20 (needs expm1), mgf up to and past the "
            "rate (inf); rate 1e4",
            [((2.0,), [m("pdf", [-1.0, 0.0, 0.5, 3.0]), m("logpdf", [-1.0, 0.5, 30.0]),
                       m("cdf", [-1.0, 0.0, 1e-20, 0.5, 10.0]),
                       m("mgf", [-5.0, 1.0, 1.999, 2.0, 3.0]), *MOMENTS]),
             ((1e4,), [m("logpdf", [0.01]), m("cdf", [1e-24, 1e-4]), m("mgf", [9999.0]),
                       *MOMENTS])],
            exponential_oracles(),
            f"logpdf and cdf: {acc} (the formula; -expm1), pdf its exponential; mean, var: "
            f"{exact}; mgf, entropy: the formulas{SAME_DIGITS}"),
        ClassSource(
            "Gamma", "shape 2, rate 3 (x ~ 1e-8, mgf up to and past the rate); shape 300, "
            "whose Gamma(300) overflows, with the entropy's large-shape series",
            [((2.0, 3.0), [m("pdf", [-1.0, 0.5, 2.0]), m("logpdf", [1e-8, 0.5, 20.0]),
                           m("cdf", [-1.0, 1e-8, 0.5, 3.0]),
                           m("mgf", [-2.0, 1.5, 3.0, 4.0]), *MOMENTS]),
             ((300.0, 1.0), [m("pdf", [300.0]), m("logpdf", [100.0, 250.0, 300.0, 400.0]),
                             m("cdf", [200.0, 300.0, 360.0]), m("mgf", [0.1]), *MOMENTS])],
            gamma_oracles(),
            f"logpdf, cdf and entropy: {acc} (mpmath.loggamma; mpmath.gammainc; "
            f"mpmath.digamma), pdf its exponential; mean, var: {exact}; mgf: the "
            f"formula{SAME_DIGITS}"),
        ClassSource(
            "Beta", "a = 2, b = 5 (x ~ 1e-10, mgf at -2e5 beyond mathref's Kummer switch); "
            "a = b = 600, whose B(a, b) ~ 1e-362 underflows",
            [((2.0, 5.0), [m("pdf", [-0.5, 0.2, 0.9, 1.5]), m("logpdf", [1e-10, 0.2, 0.999]),
                           m("cdf", [-1.0, 1e-10, 0.2, 0.5, 2.0]),
                           m("mgf", [-2e5, -3.0, 1.0, 50.0]), *MOMENTS]),
             ((600.0, 600.0), [m("pdf", [0.45, 0.5]), m("logpdf", [0.3, 0.5]),
                               m("cdf", [0.45, 0.5]), m("mgf", [-50.0, 10.0]), *MOMENTS])],
            beta_oracles(),
            f"logpdf and cdf: {acc} (mpmath.beta; mpmath.betainc), pdf its exponential; "
            f"mean, var: {exact}; mgf: mpmath.hyp1f1; entropy: the formula "
            f"(mpmath.digamma){SAME_DIGITS}"),
    ]


def _check_representable(output: Any) -> None:
    """Refuse an output that float() would not read back to 17 digits: nonzero values
    below the smallest normal double, or finite values beyond the largest."""
    for text in _flat(output):
        if isinstance(text, str) and text not in ("inf", "-inf"):
            value = float(text)
            if math.isinf(value) or 0 < abs(value) < sys.float_info.min:
                raise ValueError(f"{text} is outside float64's normal range: pick other points")


def _call_record(src: ClassSource, params: tuple, call: Call) -> dict[str, Any]:
    """One call's JSON: its member, its arguments (for a method) and the oracle's output."""
    is_property = isinstance(inspect.getattr_static(_registry.get(src.entry).obj, call.name),
                             property)
    if is_property != (call.args is None):
        raise TypeError(f"{src.entry}.{call.name}: a property is read, a method called")
    output = _digits(src.oracles[call.name](*params, *(call.args or ())))
    _check_representable(output)
    if call.args is None:
        return {"attribute": call.name, "output": output}
    args = _plain(list(call.args))
    if args is None:
        raise ValueError(f"{src.entry}.{call.name}: arguments JSON cannot hold")
    return {"method": call.name, "args": args, "output": output}


def class_document(src: ClassSource) -> dict[str, Any]:
    entry = _registry.get(src.entry)
    doc = _header(entry, src.regime, src.oracle_text)
    doc["calls_are"] = CALLS_ARE.format(id=entry.id)
    doc["cases"] = []
    doc["generated"] = _generated()
    for params, calls in src.cases:
        with mp.workdps(DPS):
            doc["cases"].append({"args": _plain(list(params)),
                                 "calls": [_call_record(src, params, c) for c in calls]})
    size = len((layout(doc) + "\n").encode("utf-8"))
    if size >= MAX_CLASS_FILE_BYTES:
        raise ValueError(f"{src.entry}: {size} bytes, more than {MAX_CLASS_FILE_BYTES}")
    return doc


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------

def _fields(entry: Any) -> list[str] | None:
    """The field names when the entry returns a named tuple (from its annotation)."""
    try:
        hint = typing.get_type_hints(entry.obj).get("return")
    except Exception:  # noqa: BLE001 -- no usable annotation: no field names
        return None
    return list(hint._fields) if isinstance(hint, type) and hasattr(hint, "_fields") else None


OUTPUTS_ARE = ("strings of 17 significant digits (read with float()); exact integers as "
               "JSON integers")


def _header(entry: Any, regime: str, oracle_text: str) -> dict[str, Any]:
    return {"id": entry.id, "title": entry.title, "function": f"mathref.{entry.id}",
            "signature": entry.signature, "formula": entry.formula, "regime": regime,
            "oracle": oracle_text, "outputs_are": OUTPUTS_ARE}


def _generated() -> dict[str, str]:
    return {"mathref": mathref.__version__, "mpmath": mpmath.__version__,
            "numpy": np.__version__, "date": datetime.date.today().isoformat()}


def document(src: Source) -> dict[str, Any]:
    entry = _registry.get(src.entry)
    doc = _header(entry, src.regime, src.oracle_text)
    fields = _fields(entry)
    if fields:
        doc["output_fields"] = fields
    if src.callables_are:
        doc["callables_are"] = src.callables_are
    described, compute = INTERMEDIATES.get(entry.id, (None, None))
    if described:
        doc["intermediates_are"] = described
    doc["cases"] = []
    doc["generated"] = _generated()
    for args in src.samples:
        with mp.workdps(DPS):
            output = src.oracle(*args)
            record = {"args": _plain(list(args)), "output": _digits(output)}
            if compute:
                inter = compute(*args)
                if entry.id in AGREES:
                    AGREES[entry.id](output, inter)
                record["intermediates"] = _digits(inter)
        doc["cases"].append(record)
        if len(doc["cases"]) > 1 and len(layout(doc)) > MAX_FILE_CHARS:
            doc["cases"].pop()
            break
    return doc


def main() -> None:
    for build in accuracy.BUILDERS:
        build()
    sources = accuracy_sources()
    taken = {s.entry for s in sources}
    for src in (own_sources() + convention_sources() + small_sources()
                + catalogue_sources()):
        if src.entry in taken:
            raise RuntimeError(f"{src.entry} has two sources")
        sources.append(src)
    documents = {src.entry: document(src) for src in sources}
    for src in class_sources():
        if src.entry in documents:
            raise RuntimeError(f"{src.entry} has two sources")
        documents[src.entry] = class_document(src)
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    sizes = {}
    for name in sorted(documents):
        text = layout(documents[name]) + "\n"
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")
        sizes[name] = len(text.encode("utf-8"))
    print(f"wrote {len(sizes)} golden files into {OUT} ({sum(sizes.values()) / 1000:.0f} kB): "
          f"{', '.join(sizes)}")


if __name__ == "__main__":
    main()
