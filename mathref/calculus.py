"""Multivariate calculus: accurate numerical derivatives, gradient checks and integrals.

Every derivative here is a central difference refined by Richardson extrapolation over a
geometric sequence of steps (Ridders' method), vectorised so that a gradient of an
``n``-variable function costs ``2 n`` evaluations per extrapolation level. The engine keeps,
for every entry, the extrapolated value with the smallest error estimate, where the
estimate is the disagreement between neighbouring tableau entries plus a bound on the
rounding error of the difference quotient.
"""
from __future__ import annotations

import math
import warnings
from typing import Any, Callable, NamedTuple

import numpy as np

from ._numerics import largest_exponent, scaled_back, times_power_of_two
from ._validate import (
    allocation_guard,
    as_array,
    as_callable,
    as_int,
    as_positive_scalar,
    as_rng,
    as_scalar,
    as_vector,
    describe,
)

__all__ = [
    "derivative",
    "gradient",
    "jacobian",
    "hessian",
    "laplacian",
    "divergence",
    "directional_derivative",
    "gradient_check",
    "integrate",
    "trapezoid",
    "simpson",
    "monte_carlo_integrate",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "derivative": ("Numerical derivative (Richardson-extrapolated central differences)",
                   ("finite difference", "central difference", "Ridders' method",
                    "Richardson extrapolation", "second derivative", "numerical "
                    "differentiation", "f'(x)", "step size")),
    "gradient": ("Gradient of a scalar function",
                 ("nabla f", "partial derivatives", "numerical gradient",
                  "finite-difference gradient", "grad")),
    "jacobian": ("Jacobian matrix",
                 ("matrix of partial derivatives", "numerator layout", "vector-valued "
                  "derivative", "total derivative", "J")),
    "hessian": ("Hessian matrix",
                ("second derivatives", "curvature matrix", "mixed partials",
                 "second-order partial derivatives", "H")),
    "laplacian": ("Laplacian of a scalar function",
                  ("Laplace operator", "trace of the Hessian", "nabla squared",
                   "sum of second derivatives")),
    "divergence": ("Divergence of a vector field",
                   ("div F", "trace of the Jacobian", "nabla dot F", "flux density")),
    "directional_derivative": ("Directional derivative",
                               ("derivative along a direction", "slope along v",
                                "gradient dot direction", "D_v f")),
    "gradient_check": ("Gradient check (relative error of an analytic gradient)",
                       ("grad check", "gradient checking", "finite-difference check",
                        "check_grad", "backprop bug", "derivative test")),
    "integrate": ("Definite integral by adaptive quadrature",
                  ("quadrature", "quad", "Gauss-Kronrod", "QUADPACK", "area under curve",
                   "improper integral")),
    "trapezoid": ("Trapezoidal rule on samples",
                  ("trapz", "trapezium rule", "area under sampled curve", "AUC")),
    "simpson": ("Simpson's rule on samples",
                ("Simpson 1/3", "parabolic rule", "composite Simpson", "simps")),
    "monte_carlo_integrate": ("Monte Carlo integration over a box",
                              ("MC integration", "random sampling integral",
                               "standard error", "1/sqrt(n) convergence")),
}

# --------------------------------------------------------------------------------------
# The extrapolation engine
# --------------------------------------------------------------------------------------

_EPS = float(np.finfo(np.float64).eps)
#: Steps shrink by this factor per level (a power of two keeps them exact in binary).
_STEP_RATIO = 2.0
#: At most this many levels (step h0 / 2**59 at the last).
_MAX_LEVELS = 60
#: At most this many Richardson columns (eliminates the error terms up to h**16).
_MAX_COLUMNS = 8
#: Levels to go on after the best estimate before stopping.
_PATIENCE = 3
#: Each difference quotient's rounding error is bounded by this many ulps of the values.
_ROUNDING_ULPS = 4.0


class _Tableau:
    """Richardson tableau for many difference quotients at once (one column per group).

    ``quotient(k, idx)`` returns two arrays of shape ``(m, len(idx))``: the difference
    quotients of the groups ``idx`` at level ``k`` (step ``h0 / 2**k``; NaN where the
    function was non-finite) and a bound on their rounding error.
    """

    def __init__(self, m: int, groups: int, last_level: np.ndarray) -> None:
        self.best = np.full((m, groups), np.nan)
        self.error = np.full((m, groups), np.inf)
        self.best_level = np.zeros((m, groups), dtype=int)
        self.last_level = last_level
        self.levels = 0

    def run(self, quotient: Callable[[int, np.ndarray], tuple[np.ndarray, np.ndarray]]
            ) -> None:
        m, groups = self.best.shape
        active = np.ones(groups, dtype=bool)
        previous: list[np.ndarray] | None = None
        for k in range(_MAX_LEVELS):
            active &= k <= self.last_level
            idx = np.flatnonzero(active)
            if idx.size == 0:
                break
            self.levels += 1
            values = np.full((m, groups), np.nan)
            rounding = np.full((m, groups), np.nan)
            values[:, idx], rounding[:, idx] = quotient(k, idx)
            row = [values]
            with np.errstate(over="ignore", invalid="ignore"):
                for j in range(1, min(k, _MAX_COLUMNS) + 1):
                    a, b = row[j - 1], previous[j - 1]  # type: ignore[index]
                    new = a + (a - b) / (_STEP_RATIO ** (2 * j) - 1.0)
                    err = np.maximum(np.abs(new - a), np.abs(new - b)) + 2.0 * rounding
                    better = err < self.error
                    better[:, ~active] = False
                    self.best[better] = new[better]
                    self.error[better] = err[better]
                    self.best_level[better] = k
                    row.append(new)
                # An entry is settled when its error estimate is at the rounding level
                # of the current (smallest) step: the neighbouring entries agree to
                # within rounding, and smaller steps can only add rounding error. It is
                # also settled when `_PATIENCE` levels brought nothing better and its
                # error is a few ulps of the value.
                settled = (self.error <= 3.0 * rounding) | (
                    (k - self.best_level >= _PATIENCE)
                    & (self.error <= 8.0 * _EPS * np.abs(self.best)))
            previous = row
            active &= ~np.all(settled, axis=0)


class _Plan(NamedTuple):
    """The step sequences: group g differentiates along coordinate ``coord[g]`` from the
    first step ``h0[g]``. Groups ``0 .. n-1`` are the short sequences (one per
    coordinate, ``coord[g] == g``); the others are long sequences for large ``|x_i|``."""

    coord: np.ndarray
    h0: np.ndarray


_SHORT_STEP = 0.125


#: Second differences lose more to rounding (eps |f| / h^2): their long sequence starts
#: at least here, and is kept only where it agrees with the short one (see _merge).
_LONG_STEP_ORDER_2 = 0.5


def _plan(x: np.ndarray, step: Any, scale: np.ndarray | None = None,
          long_at_least: float = 0.0) -> _Plan:
    """Short sequences from h0 = 1/8 for every coordinate, plus long ones from
    h0 = max(2**round(log2(0.1 sqrt(|x_i|))), long_at_least) where that is larger."""
    n = x.size
    coords = np.arange(n)
    if step is not None:
        return _Plan(coords, np.full(n, as_positive_scalar(step, "step")))
    size = np.abs(x) if scale is None else scale
    long = np.exp2(np.round(np.log2(0.1 * np.sqrt(np.maximum(1.0, size)))))
    long = np.maximum(long, long_at_least)
    extra = np.flatnonzero(long > _SHORT_STEP)
    return _Plan(np.concatenate([coords, extra]),
                 np.concatenate([np.full(n, _SHORT_STEP), long[extra]]))


def _merge(best: np.ndarray, error: np.ndarray, plan: _Plan, n: int) -> np.ndarray:
    """One estimate per coordinate from its short and (if any) long sequence.

    The long sequence wins when it agrees with the short one within their error
    estimates and claims the smaller error (it has less rounding error for functions
    that vary on the scale of |x|); when they disagree the short one is kept (large
    steps can alias with an oscillation).
    """
    result = best[:, :n].copy()
    short_error = error[:, :n]
    for g in range(n, plan.coord.size):
        c = plan.coord[g]
        a, ea, b, eb = result[:, c], short_error[:, c], best[:, g], error[:, g]
        with np.errstate(invalid="ignore", over="ignore"):
            agree = np.abs(a - b) <= ea + eb
            use_long = np.isfinite(b) & (~np.isfinite(a) | (agree & (eb < ea)))
        result[:, c] = np.where(use_long, b, a)
    return result


def _last_levels(x: np.ndarray, h0: np.ndarray) -> np.ndarray:
    """The last level whose step h0 / 2**k is still at least one ulp of x."""
    spacing = np.spacing(np.abs(x))
    with np.errstate(divide="ignore", over="ignore"):
        levels = np.floor(np.log2(h0 / spacing))
    return np.minimum(levels, _MAX_LEVELS).astype(int)


def _exact_steps(x: np.ndarray, h0: np.ndarray, k: int) -> np.ndarray:
    """Steps h with x + h and x - h exactly representable (so 2h is the true spacing)."""
    ax = np.abs(x)
    return (ax + h0 * _STEP_RATIO**-k) - ax


def _scalar_value(value: Any, name: str, point: Any) -> float:
    """A callable's result as a float (NaN when non-finite); wrong type/shape raises."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return a real number, returned {describe(value)} "
                        f"at {describe(point)}")
    if arr.ndim != 0:
        raise ValueError(f"{name} must return a scalar, returned {describe(arr)} "
                         f"at {describe(point)}")
    result = float(arr)
    return result if math.isfinite(result) else math.nan


def _vector_value(value: Any, name: str, point: Any, m: int | None) -> np.ndarray:
    """A callable's result as a 1-D float array (NaN entries when non-finite)."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return real numbers, returned {describe(value)} "
                        f"at {describe(point)}")
    if arr.ndim != 1 or arr.size == 0 or (m is not None and arr.shape[0] != m):
        want = "a non-empty 1-D array" if m is None else f"a 1-D array of length {m}"
        raise ValueError(f"{name} must return {want}, returned {describe(arr)} "
                         f"at {describe(point)}")
    arr = arr.astype(np.float64)
    arr[~np.isfinite(arr)] = np.nan
    return arr


def _quiet(f: Callable[[Any], Any], point: Any) -> Any:
    """``f(point)`` with NumPy's floating-point warnings silenced.

    The derivative engines probe points where ``f`` may overflow or leave its domain
    (``log`` of a negative number); a non-finite value there only discards that step, so
    the warning would be noise.
    """
    with np.errstate(all="ignore"):
        return f(point)


def _check_base(value: float | np.ndarray, name: str, point: Any) -> None:
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{name} returned a non-finite value {describe(value)} at the "
                         f"point {describe(point)}; derivatives need a finite value there")


def _finish(values: np.ndarray, name: str, point: Any) -> np.ndarray:
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} returned non-finite values at every step around "
                         f"{describe(point)} (tried steps down to one ulp); the function "
                         "must be finite on a neighbourhood of the point")
    return values


def _scalar_derivative(call: Callable[[float], float], x0: float, plan: _Plan, order: int,
                       name: str, point: Any) -> float:
    """Extrapolated central differences of the scalar function ``call`` at ``x0``."""
    fx = call(x0)
    _check_base(fx, name, point)
    base = np.full(plan.coord.size, x0)

    def quotient(k: int, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        steps = _exact_steps(base, plan.h0, k)
        values = np.empty((1, idx.size))
        rounding = np.empty((1, idx.size))
        for col, g in enumerate(idx):
            h = float(steps[g])
            fp = call(x0 + h)
            fm = call(x0 - h)
            if order == 1:
                values[0, col] = (fp - fm) / (2.0 * h)
                size = abs(fp) + abs(fm)
                rounding[0, col] = _ROUNDING_ULPS * _EPS * size / (2.0 * h)
            else:
                values[0, col] = ((fp - fx) + (fm - fx)) / (h * h)
                size = abs(fp) + 2 * abs(fx) + abs(fm)
                rounding[0, col] = _ROUNDING_ULPS * _EPS * size / (h * h)
        return values, rounding

    tableau = _Tableau(1, plan.coord.size, _last_levels(base, plan.h0))
    tableau.run(quotient)
    return float(_finish(_merge(tableau.best, tableau.error, plan, 1), name, point)[0, 0])


def _as_point(x: Any) -> np.ndarray:
    return as_vector(x, "x").astype(np.float64, copy=False)


# --------------------------------------------------------------------------------------
# Derivatives
# --------------------------------------------------------------------------------------

def derivative(f: Callable[[float], float], x: float, order: int = 1, *,
               step: float | None = None) -> float:
    r"""The first or second derivative of :math:`f:\mathbb{R}\to\mathbb{R}` at a point.

    Central differences on a halving sequence of steps, refined by Richardson
    extrapolation (Ridders' method); the returned value is the tableau entry with the
    smallest error estimate.

    Parameters
    ----------
    f : callable
        ``f(t)`` receives one Python float and returns a real scalar.
    x : float
        The point; finite.
    order : {1, 2}, default 1
        Which derivative: :math:`f'(x)` or :math:`f''(x)`.
    step : float, optional, keyword-only
        The first (largest) step :math:`h_0`, used alone. By default two sequences run:
        one from :math:`h_0 = 1/8` and, when :math:`|x| \gtrsim 3`, one from
        :math:`h_0 = 2^{\operatorname{round}(\log_2(0.1\sqrt{|x|}))}` (for ``order=2``
        always, from at least 1/2; see Notes). Pass
        a smaller step for a function that oscillates on a scale much shorter than 1/8.

    Returns
    -------
    float
        The derivative. On smooth functions the error is below about
        :math:`10^{-9} \max(1, |f'(x)|)` for ``order=1`` and
        :math:`10^{-6} \max(1, |f''(x)|)` for ``order=2``.

    Raises
    ------
    ValueError
        If ``x`` is not finite, ``order`` is not 1 or 2, ``step`` is not positive, ``f``
        returns a non-scalar, ``f(x)`` is not finite, or ``f`` is non-finite at every
        step around ``x``.
    TypeError
        If ``f`` is not callable or returns something that is not a real number.

    See Also
    --------
    gradient : all first partial derivatives of a function of a vector.
    hessian : all second partial derivatives.
    directional_derivative : the derivative along a direction.

    Notes
    -----
    .. math::

        \begin{aligned}
        D_{k,0} &= \frac{f(x + h_k) - f(x - h_k)}{2 h_k} \;\text{or}\;
        \frac{f(x + h_k) - 2 f(x) + f(x - h_k)}{h_k^2}, \qquad h_k = h_0 2^{-k}, \\
        D_{k,j} &= \frac{4^j D_{k,j-1} - D_{k-1,j-1}}{4^j - 1}, \qquad
        f^{(r)}(x) = \lim_{k \to \infty} D_{k,0} \approx D_{k^*,j^*}
        \end{aligned}

    where :math:`r \in \{1, 2\}` is the order, :math:`h_0` the first step,
    :math:`D_{k,0}` the central difference quotient for :math:`f'` (first form) or
    :math:`f''` (second form) at step :math:`h_k`, :math:`D_{k,j}` the :math:`j`-th
    Richardson extrapolation, and :math:`(k^*, j^*)` the entry with the smallest error
    estimate :math:`e_{k,j} = \max(|D_{k,j} - D_{k,j-1}|, |D_{k,j} - D_{k-1,j-1}|) +
    2 \rho_k`, with :math:`\rho_k` a bound on the rounding error of :math:`D_{k,0}`.

    **Why not one small step.** A central difference has truncation error
    :math:`\tfrac{h^2}{6} f'''(x)` and rounding error about :math:`\varepsilon |f| / h`
    (:math:`\varepsilon \approx 2.2 \times 10^{-16}`): the best single step,
    :math:`h \approx \varepsilon^{1/3} \approx 6 \times 10^{-6}`, leaves about
    :math:`10^{-11}` relative error, and a forward difference
    :math:`(f(x+h) - f(x))/h` only :math:`\sqrt{\varepsilon} \approx 10^{-8}`. The
    truncation error is a series in :math:`h^2` only, so combining two steps as in
    :math:`D_{k,1}` cancels the :math:`h^2` term, :math:`D_{k,2}` the :math:`h^4` term,
    and so on: large steps (small rounding error) reach errors near
    :math:`10^{-13}`.

    **Steps that do not blow up.** A first step proportional to :math:`|x|` is
    :math:`10^5` at :math:`x = 10^6` and turns :math:`\sin'(10^6)` into noise (one
    earlier attempt returned :math:`-1.5 \times 10^{-4}` for
    :math:`\cos(10^6) \approx 0.937`). So the main sequence starts at
    :math:`h_0 = 1/8` whatever :math:`x`. For :math:`|x| \gtrsim 3` a second sequence
    starts at :math:`0.1\sqrt{|x|}` (rounded to a power of two): it has less rounding
    error for functions that vary on the scale of :math:`|x|` (:math:`x^3` or
    :math:`\log x` at :math:`10^6`, whose second difference at step 1/8 loses
    :math:`10^{-3}`), but its large steps can alias with an oscillation, so it is used
    only when it agrees with the short sequence within their error estimates and
    claims a smaller error. For the second derivative, whose differences lose
    :math:`\epsilon |f| / h^2` to rounding, that second sequence starts at
    :math:`h_0 \ge 1/2` for every :math:`x` (it brings ``derivative(np.exp, x,
    order=2)`` from about :math:`10^{-12}` to :math:`3 \times 10^{-13}`). Each
    step is rounded so that :math:`x \pm h` are exact floating-point numbers
    (:math:`h \leftarrow (|x| + h) - |x|`), so the divisor is the true spacing. A step
    at which :math:`f` is not finite (:math:`\log` across 0, ``exp`` overflowing) is
    skipped (NumPy's floating-point warnings from those probes are silenced); the
    sequence goes on with smaller steps. The extrapolation stops when the best error
    estimate is within three rounding bounds of the current step (neighbouring
    estimates agree to rounding, and smaller steps could only add rounding error), or
    when three further levels brought nothing better and the error is a few ulps of the
    value; typically after 5 to 10 levels (11 to 21 evaluations of :math:`f`).

    **Limits.** A function that oscillates with period much shorter than :math:`h_0`
    can alias (its samples at the steps look like those of a smooth function): pass a
    smaller ``step``. Non-smooth points give the average of the one-sided slopes.

    References
    ----------
    .. [1] C. J. F. Ridders, "Accurate computation of F'(x) and F'(x) F''(x)",
       *Advances in Engineering Software* 4(2), 1982, 75-76.
    .. [2] W. H. Press et al., *Numerical Recipes*, 3rd ed., Cambridge University Press,
       2007, section 5.7.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import derivative
    >>> derivative(np.sin, 0.0)
    1.0
    >>> derivative(np.exp, 1.0, order=2)
    2.7183

    Accurate far from 0, where a step proportional to :math:`|x|` fails:

    >>> abs(derivative(np.sin, 1e6) - np.cos(1e6)) < 1e-10
    True
    """
    as_callable(f, "f")
    x0 = as_scalar(x, "x")
    order = as_int(order, "order", minimum=1, maximum=2)
    plan = _plan(np.array([x0]), step, long_at_least=_LONG_STEP_ORDER_2 if order == 2 else 0.0)

    def call(t: float) -> float:
        return _scalar_value(_quiet(f, t), "f", t)

    return _scalar_derivative(call, x0, plan, order, "f", x0)



def _first_order(name: str, x: np.ndarray, step: Any, m: int,
                 evaluate: Callable[[np.ndarray, int], np.ndarray]) -> np.ndarray:
    """Extrapolated central differences along every coordinate axis.

    ``evaluate(point, i)`` returns the length-``m`` vector being differentiated with
    respect to coordinate ``i`` (NaN where non-finite). Returns the ``(m, n)`` array of
    derivatives, from at most ``2 n`` evaluations per extrapolation level (``4 n`` for
    coordinates with ``|x_i| >~ 3``, which also run a long-step sequence).
    """
    n = x.size
    plan = _plan(x, step)
    base = x[plan.coord]

    def quotient(k: int, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        steps = _exact_steps(base, plan.h0, k)
        values = np.empty((m, idx.size))
        rounding = np.empty((m, idx.size))
        for col, g in enumerate(idx):
            i, h = plan.coord[g], steps[g]
            xp = x.copy()
            xp[i] += h
            xm = x.copy()
            xm[i] -= h
            fp = evaluate(xp, i)
            fm = evaluate(xm, i)
            with np.errstate(over="ignore", invalid="ignore"):
                values[:, col] = (fp - fm) / (2.0 * h)
                rounding[:, col] = (_ROUNDING_ULPS * _EPS * (np.abs(fp) + np.abs(fm))
                                    / (2.0 * h))
        return values, rounding

    tableau = _Tableau(m, plan.coord.size, _last_levels(base, plan.h0))
    tableau.run(quotient)
    return _finish(_merge(tableau.best, tableau.error, plan, n), name, x)


def _second_order(f: Callable[[np.ndarray], Any], x: np.ndarray, step: Any, fx: float,
                  pairs: list[tuple[int, int]]) -> np.ndarray:
    """Extrapolated second differences d2f/dx_i dx_j for each pair (i, j)."""
    plan = _plan(x, step)
    first = np.full((2, x.size), _SHORT_STEP if step is None else plan.h0[0])
    first[1] = first[0]
    first[1, plan.coord[x.size:]] = plan.h0[x.size:]
    # groups: the short sequence of every pair, then a long one for each pair that
    # involves a coordinate with a long sequence
    group_pairs = list(pairs) + [p for p in pairs if first[1, p[0]] != first[0, p[0]]
                                 or first[1, p[1]] != first[0, p[1]]]
    kind = np.array([0] * len(pairs) + [1] * (len(group_pairs) - len(pairs)))
    hi = np.array([first[kd, i] for kd, (i, _) in zip(kind, group_pairs)])
    hj = np.array([first[kd, j] for kd, (_, j) in zip(kind, group_pairs)])
    xi = np.array([x[i] for i, _ in group_pairs])
    xj = np.array([x[j] for _, j in group_pairs])

    def value_at(point: np.ndarray) -> float:
        return _scalar_value(_quiet(f, point), "f", point)

    def moved(*shifts: tuple[int, float]) -> np.ndarray:
        point = x.copy()
        for i, delta in shifts:
            point[i] += delta
        return point

    def quotient(k: int, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        steps_i = _exact_steps(xi, hi, k)
        steps_j = _exact_steps(xj, hj, k)
        values = np.empty((1, idx.size))
        rounding = np.empty((1, idx.size))
        for col, g in enumerate(idx):
            (i, j), a, b = group_pairs[g], steps_i[g], steps_j[g]
            if i == j:
                fp = value_at(moved((i, a)))
                fm = value_at(moved((i, -a)))
                values[0, col] = ((fp - fx) + (fm - fx)) / (a * a)
                size = abs(fp) + 2.0 * abs(fx) + abs(fm)
                rounding[0, col] = _ROUNDING_ULPS * _EPS * size / (a * a)
            else:
                fpp = value_at(moved((i, a), (j, b)))
                fpm = value_at(moved((i, a), (j, -b)))
                fmp = value_at(moved((i, -a), (j, b)))
                fmm = value_at(moved((i, -a), (j, -b)))
                denominator = 4.0 * a * b
                values[0, col] = ((fpp - fpm) - (fmp - fmm)) / denominator
                size = abs(fpp) + abs(fpm) + abs(fmp) + abs(fmm)
                rounding[0, col] = _ROUNDING_ULPS * _EPS * size / denominator
        return values, rounding

    last = np.minimum(_last_levels(xi, hi), _last_levels(xj, hj))
    tableau = _Tableau(1, len(group_pairs), last)
    tableau.run(quotient)
    pair_plan = _Plan(np.concatenate([np.arange(len(pairs)),
                                      [pairs.index(p) for p in group_pairs[len(pairs):]]]
                                     ).astype(int), np.zeros(len(group_pairs)))
    return _finish(_merge(tableau.best, tableau.error, pair_plan, len(pairs)), "f", x)[0]


def _scalar_at(f: Callable[[np.ndarray], Any], x: np.ndarray) -> float:
    """f(x) checked: a finite real scalar."""
    fx = _scalar_value(f(x.copy()), "f", x)
    _check_base(fx, "f", x)
    return fx


def gradient(f: Callable[[np.ndarray], float], x: Any, *,
             step: float | None = None) -> np.ndarray:
    r"""The gradient of a scalar function of a vector, by extrapolated central differences.

    Parameters
    ----------
    f : callable
        ``f(x)`` receives one point, a 1-D float array of shape ``(n,)`` (a fresh copy),
        and returns a real scalar.
    x : array_like, shape (n,)
        The point; finite.
    step : float, optional, keyword-only
        The first step for every coordinate, used alone; by default the two sequences
        of :func:`derivative` (from 1/8, and from about :math:`0.1\sqrt{|x_i|}` for
        :math:`|x_i| \gtrsim 3`).

    Returns
    -------
    numpy.ndarray, shape (n,)
        :math:`\nabla f(x)`.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D array, ``f`` returns a non-scalar,
        ``f(x)`` is not finite, or ``f`` is non-finite at every step along some axis.
    TypeError
        If ``f`` is not callable or returns a non-real value.

    See Also
    --------
    derivative : the one-variable method, with the step and extrapolation explained.
    jacobian : the derivative of a vector-valued function.
    gradient_check : compare an analytic gradient with this one.

    Notes
    -----
    .. math::

        \nabla f(x) = \left( \frac{\partial f}{\partial x_1}, \dots,
        \frac{\partial f}{\partial x_n} \right)^{\top}, \qquad
        \frac{\partial f}{\partial x_i} \approx \frac{f(x + h_i e_i) - f(x - h_i e_i)}{2 h_i}

    where :math:`x \in \mathbb{R}^n` is the point, :math:`e_i` the :math:`i`-th standard
    basis vector and :math:`h_i` the step along axis :math:`i`; the quotient is
    Richardson-extrapolated over the steps :math:`h_i = h_{0,i} 2^{-k}` as in derivative.

    The gradient points in the direction of steepest ascent and its length is that
    slope. All :math:`n` partial derivatives are extrapolated together: level :math:`k`
    evaluates :math:`f` at :math:`x \pm h_i e_i` for the coordinates not yet settled,
    so the cost is at most :math:`2n` evaluations per level (plus one at :math:`x`;
    :math:`4n` for coordinates with :math:`|x_i| \gtrsim 3`, which also run the long
    sequence), typically 3 to 6 levels (11 at :math:`|x_i| \approx 50`). A coordinate is
    dropped from later levels once its own estimate has settled.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer,
       2006, section 8.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import gradient
    >>> gradient(lambda x: x[0] ** 2 + 3 * x[0] * x[1], [1.0, 2.0])
    array([8., 3.])

    The gradient of the Rosenbrock function vanishes at its minimum (1, 1):

    >>> rosen = lambda x: 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2
    >>> bool(np.allclose(gradient(rosen, [1.0, 1.0]), 0.0, atol=1e-9))
    True
    """
    as_callable(f, "f")
    point = _as_point(x)
    _scalar_at(f, point)

    def evaluate(p: np.ndarray, i: int) -> np.ndarray:
        return np.array([_scalar_value(_quiet(f, p), "f", p)])

    return _first_order("f", point, step, 1, evaluate)[0]


def jacobian(F: Callable[[np.ndarray], Any], x: Any, *,
             step: float | None = None) -> np.ndarray:
    r"""The Jacobian matrix of a vector-valued function, shape ``(m, n)`` (numerator layout).

    Parameters
    ----------
    F : callable
        ``F(x)`` receives one point, a 1-D float array of shape ``(n,)``, and returns a
        1-D array of shape ``(m,)`` (the same ``m`` at every point).
    x : array_like, shape (n,)
        The point; finite.
    step : float, optional, keyword-only
        The first step for every coordinate (default as in :func:`gradient`).

    Returns
    -------
    numpy.ndarray, shape (m, n)
        :math:`J` with :math:`J_{ij} = \partial F_i / \partial x_j`: row :math:`i` is
        the gradient of the :math:`i`-th output.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D array, ``F`` does not return a 1-D array
        of a fixed length, ``F(x)`` is not finite, or ``F`` is non-finite at every step
        along some axis.
    TypeError
        If ``F`` is not callable or returns non-real values.

    See Also
    --------
    gradient : the Jacobian of a scalar function, as a vector.
    divergence : the trace of the Jacobian of a field from R^n to R^n.

    Notes
    -----
    .. math::

        J_F(x) = \begin{pmatrix}
        \frac{\partial F_1}{\partial x_1} & \cdots & \frac{\partial F_1}{\partial x_n} \\
        \vdots & \ddots & \vdots \\
        \frac{\partial F_m}{\partial x_1} & \cdots & \frac{\partial F_m}{\partial x_n}
        \end{pmatrix}, \qquad
        F(x + \delta) \approx F(x) + J_F(x) \, \delta

    where :math:`F: \mathbb{R}^n \to \mathbb{R}^m` is the function, :math:`F_i` its
    :math:`i`-th output, :math:`x_j` the :math:`j`-th input and :math:`\delta` a small
    displacement.

    This is numerator layout (one row per output), the layout of
    ``torch.autograd.functional.jacobian`` and ``jax.jacobian``; the denominator layout
    some texts use is its transpose. Column :math:`j` is extrapolated from
    :math:`F(x \pm h_j e_j)`, so the cost is :math:`2n` evaluations of :math:`F` per
    level, whatever :math:`m`.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import jacobian
    >>> jacobian(lambda x: np.array([x[0] * x[1], x[1] ** 2]), [2.0, 3.0])
    array([[3., 2.],
           [0., 6.]])

    One row per output, one column per input:

    >>> F = lambda x: np.array([x[0] * x[1], np.sin(x[0]), x[1] ** 2])
    >>> J = jacobian(F, [0.0, 3.0])
    >>> J.shape
    (3, 2)
    >>> bool(np.allclose(J, [[3.0, 0.0], [1.0, 0.0], [0.0, 6.0]], atol=1e-10))
    True
    """
    as_callable(F, "F")
    point = _as_point(x)
    F0 = _vector_value(F(point.copy()), "F", point, None)
    _check_base(F0, "F", point)
    m = F0.size

    def evaluate(p: np.ndarray, i: int) -> np.ndarray:
        return _vector_value(_quiet(F, p), "F", p, m)

    return _first_order("F", point, step, m, evaluate)


def hessian(f: Callable[[np.ndarray], float], x: Any, *,
            step: float | None = None) -> np.ndarray:
    r"""The Hessian matrix of second partial derivatives, exactly symmetric.

    Parameters
    ----------
    f : callable
        ``f(x)`` receives one point, a 1-D float array of shape ``(n,)``, and returns a
        real scalar.
    x : array_like, shape (n,)
        The point; finite.
    step : float, optional, keyword-only
        The first step for every coordinate (default as in :func:`gradient`).

    Returns
    -------
    numpy.ndarray, shape (n, n)
        :math:`H` with :math:`H_{ij} = \partial^2 f / \partial x_i \partial x_j`;
        ``H == H.T`` exactly.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D array, ``f`` returns a non-scalar,
        ``f(x)`` is not finite, or ``f`` is non-finite at every step for some entry.
    TypeError
        If ``f`` is not callable or returns a non-real value.

    See Also
    --------
    laplacian : the trace of the Hessian, from the diagonal only.
    mathref.optimization.max_stable_learning_rate : 2 over the largest eigenvalue.

    Notes
    -----
    .. math::

        H_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j} \approx
        \frac{f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j)
        - f(x - h_i e_i + h_j e_j) + f(x - h_i e_i - h_j e_j)}{4 h_i h_j}

    where :math:`x \in \mathbb{R}^n` is the point, :math:`e_i` the :math:`i`-th
    standard basis vector and :math:`h_i` the step along axis :math:`i`; on the diagonal
    the quotient is :math:`(f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i^2`. Both are
    Richardson-extrapolated over halving steps as in derivative.

    The Hessian is the curvature: its eigenvalues say whether a stationary point is a
    minimum (all positive), a maximum or a saddle, and the largest bounds the stable
    learning rate. For a twice continuously differentiable :math:`f` it is symmetric
    (Schwarz). **Symmetrisation**: each mixed entry is computed once, for
    :math:`i < j`, and copied to :math:`(j, i)`, the same as averaging
    :math:`(H + H^{\top})/2` of a matrix whose two triangles were computed from the same
    four points; so the result is exactly symmetric and ready for ``eigh`` or
    ``cholesky``. The mixed quotient is even in each step, so its error is a series in
    :math:`h^2` and the extrapolation applies unchanged. Cost:
    :math:`2n^2 + 1` evaluations per level.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import hessian
    >>> hessian(lambda x: x[0] ** 2 * x[1], [1.0, 3.0])
    array([[6., 2.],
           [2., 0.]])
    >>> f = lambda x: x[0] ** 2 * x[1] + np.exp(x[1])
    >>> H = hessian(f, [1.0, 0.0])
    >>> bool(np.allclose(H, [[0.0, 2.0], [2.0, 1.0]], atol=1e-8))
    True
    >>> bool(np.array_equal(H, H.T))
    True
    """
    as_callable(f, "f")
    point = _as_point(x)
    fx = _scalar_at(f, point)
    n = point.size
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    entries = _second_order(f, point, step, fx, pairs)
    H = np.empty((n, n))
    for (i, j), value in zip(pairs, entries):
        H[i, j] = H[j, i] = value
    return H


def laplacian(f: Callable[[np.ndarray], float], x: Any, *,
              step: float | None = None) -> float:
    r"""The Laplacian of a scalar function: the sum of its unmixed second derivatives.

    Parameters
    ----------
    f : callable
        ``f(x)`` receives one point, a 1-D float array of shape ``(n,)``, and returns a
        real scalar.
    x : array_like, shape (n,)
        The point; finite.
    step : float, optional, keyword-only
        The first step for every coordinate (default as in :func:`gradient`).

    Returns
    -------
    float
        :math:`\Delta f(x)`.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D array, ``f`` returns a non-scalar,
        ``f(x)`` is not finite, or ``f`` is non-finite at every step along some axis.
    TypeError
        If ``f`` is not callable or returns a non-real value.

    See Also
    --------
    hessian : the full matrix whose trace this is.
    divergence : the Laplacian is the divergence of the gradient.

    Notes
    -----
    .. math::

        \Delta f(x) = \nabla^2 f(x) = \sum_{i=1}^{n} \frac{\partial^2 f}{\partial x_i^2}
        = \operatorname{tr} H_f(x)

    where :math:`x \in \mathbb{R}^n` is the point, :math:`x_i` its :math:`i`-th
    coordinate and :math:`H_f` the Hessian of :math:`f`.

    The Laplacian compares :math:`f(x)` with its average over a small sphere around
    :math:`x`: positive when the neighbours are higher on average. It appears in the
    heat equation, in Langevin dynamics and score matching (the trace term of the
    Hutchinson estimator). Only the :math:`n` diagonal second differences are
    extrapolated (:math:`2n + 1` evaluations per level, not the :math:`2n^2 + 1` of the
    full Hessian), and they are added with ``math.fsum``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import laplacian
    >>> laplacian(lambda x: np.sum(x ** 2), [1.0, -2.0, 0.5])
    6.0

    A harmonic function has zero Laplacian:

    >>> abs(laplacian(lambda x: x[0] ** 2 - x[1] ** 2 + x[0] * x[1], [0.3, 0.7])) < 1e-8
    True
    """
    as_callable(f, "f")
    point = _as_point(x)
    fx = _scalar_at(f, point)
    diagonal = _second_order(f, point, step, fx, [(i, i) for i in range(point.size)])
    return float(math.fsum(diagonal))


def divergence(F: Callable[[np.ndarray], Any], x: Any, *,
               step: float | None = None) -> float:
    r"""The divergence of a vector field :math:`F: \mathbb{R}^n \to \mathbb{R}^n`.

    Parameters
    ----------
    F : callable
        ``F(x)`` receives one point, a 1-D float array of shape ``(n,)``, and returns a
        1-D array of the same shape ``(n,)``.
    x : array_like, shape (n,)
        The point; finite.
    step : float, optional, keyword-only
        The first step for every coordinate (default as in :func:`gradient`).

    Returns
    -------
    float
        :math:`\nabla \cdot F(x)`.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D array, ``F`` does not return an array of
        shape ``(n,)``, ``F(x)`` is not finite, or ``F`` is non-finite at every step
        along some axis.
    TypeError
        If ``F`` is not callable or returns non-real values.

    See Also
    --------
    jacobian : the matrix whose trace this is.
    laplacian : the divergence of a gradient field.

    Notes
    -----
    .. math::

        \nabla \cdot F(x) = \sum_{i=1}^{n} \frac{\partial F_i}{\partial x_i}
        = \operatorname{tr} J_F(x)

    where :math:`x \in \mathbb{R}^n` is the point, :math:`F_i` the :math:`i`-th
    component of the field and :math:`J_F` its Jacobian.

    The divergence is the rate at which a flow along :math:`F` expands volume: it is
    the log-determinant's rate of change in continuous normalising flows, where
    :math:`\frac{d}{dt} \log p = -\nabla \cdot F`. Only the diagonal of the Jacobian is
    extrapolated, but each evaluation of :math:`F` costs the same, so this takes
    :math:`2n` evaluations per level, as the Jacobian does.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import divergence
    >>> divergence(lambda x: np.array([x[0] * x[1], x[1] ** 2, np.sin(x[2])]),
    ...            [1.0, 2.0, 0.0])
    7.0

    A rotation field preserves area:

    >>> abs(divergence(lambda x: np.array([-x[1], x[0]]), [0.4, -1.3])) < 1e-12
    True
    """
    as_callable(F, "F")
    point = _as_point(x)
    n = point.size
    F0 = _vector_value(F(point.copy()), "F", point, None)
    if F0.size != n:
        raise ValueError(f"F must map R^n to R^n: x has n = {n} but F(x) returned "
                         f"{describe(F0)}")
    _check_base(F0, "F", point)

    def evaluate(p: np.ndarray, i: int) -> np.ndarray:
        return _vector_value(_quiet(F, p), "F", p, n)[i:i + 1]

    return float(math.fsum(_first_order("F", point, step, 1, evaluate)[0]))


def _unit_direction(v: Any, n: int) -> np.ndarray:
    direction = as_vector(v, "v").astype(np.float64, copy=False)
    if direction.size != n:
        raise ValueError(f"v must have the same length as x ({n}), got {describe(direction)}")
    from .linalg import lp_norm

    length = lp_norm(direction)
    if length == 0.0:
        raise ValueError(f"v must be non-zero (a direction has no length-0 version), got "
                         f"{describe(direction)}")
    return direction / length


#: Beyond this max|x_i|, directional_derivative differentiates coordinate by coordinate.
_LINE_LIMIT = 1024.0


def directional_derivative(f: Callable[[np.ndarray], float], x: Any, v: Any, *,
                           step: float | None = None) -> float:
    r"""The derivative of :math:`f` at :math:`x` along the unit vector :math:`v/\|v\|`.

    Parameters
    ----------
    f : callable
        ``f(x)`` receives one point, a 1-D float array of shape ``(n,)``, and returns a
        real scalar.
    x : array_like, shape (n,)
        The point; finite.
    v : array_like, shape (n,)
        The direction; finite and non-zero. Only its direction matters: it is divided
        by its Euclidean length.
    step : float, optional, keyword-only
        The first step along the line (default: the two sequences of
        :func:`derivative`, the long one scaled by :math:`\max_i |x_i|`).

    Returns
    -------
    float
        :math:`D_u f(x)` with :math:`u = v / \|v\|_2`.

    Raises
    ------
    ValueError
        If ``x`` or ``v`` is not a non-empty finite 1-D array, their lengths differ,
        ``v`` is zero, ``f`` returns a non-scalar, ``f(x)`` is not finite, or ``f`` is
        non-finite at every step along the line.
    TypeError
        If ``f`` is not callable or returns a non-real value.

    See Also
    --------
    gradient : all directional derivatives at once: :math:`D_u f = \nabla f^\top u`.
    derivative : the one-variable method used along the line.

    Notes
    -----
    .. math::

        D_u f(x) = \lim_{t \to 0} \frac{f(x + t u) - f(x)}{t} = \nabla f(x)^{\top} u,
        \qquad u = \frac{v}{\|v\|_2}

    where :math:`x \in \mathbb{R}^n` is the point, :math:`v` the given direction,
    :math:`u` its unit vector and :math:`t` the distance moved along it.

    It is the slope of :math:`f` along the line :math:`t \mapsto x + t u`, computed as
    :func:`derivative` of that one-variable function at :math:`t = 0` (two evaluations
    per level, not :math:`2n`). Normalising :math:`v` makes the result a slope per unit
    of distance; :math:`\nabla f(x)^{\top} v` without normalising scales with
    :math:`\|v\|`. In a gradient check along a random direction this is the quantity to
    compare with :math:`\nabla f(x)^{\top} u`. A descent direction has
    :math:`D_u f(x) < 0`.

    Far from the origin the line itself cannot be represented: ``x + t*u`` rounds each
    coordinate by up to :math:`\varepsilon |x_i|`, a displacement off the line that the
    quotient would read as slope (at :math:`|x| \approx 7 \times 10^5` the relative
    error reached :math:`3 \times 10^{-6}`). So when :math:`\max_i |x_i| > 1024` the
    result is computed as :math:`\nabla f(x)^{\top} u` with :func:`gradient`, whose
    steps are exact per coordinate (:math:`2n` evaluations per level instead of 2).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import directional_derivative
    >>> directional_derivative(lambda x: x[0] ** 2 + 3 * x[1], [1.0, 2.0], [3.0, 4.0])
    3.6
    >>> f = lambda x: x[0] ** 2 + 3 * x[1]

    It equals the gradient dotted with the unit vector (here (2, 3) . (0.6, 0.8)):

    >>> bool(np.isclose(directional_derivative(f, [1.0, 2.0], [30.0, 40.0]),
    ...                 2 * 0.6 + 3 * 0.8))
    True
    """
    as_callable(f, "f")
    point = _as_point(x)
    u = _unit_direction(v, point.size)
    if np.max(np.abs(point)) > _LINE_LIMIT:
        # far from the origin x + t*u rounds off the line (by about eps*|x| per
        # coordinate), which the one-variable quotient would count as slope
        return float(np.dot(gradient(f, point, step=step), u))
    plan = _plan(np.zeros(1), step, scale=np.array([np.max(np.abs(point))]))

    def along(t: float) -> float:
        p = point + t * u
        return _scalar_value(_quiet(f, p), "f", p)

    return _scalar_derivative(along, 0.0, plan, 1, "f", point)


def gradient_check(f: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], Any],
                   x: Any, *, step: float | None = None) -> float:
    r"""The relative error between an analytic gradient and an accurate numerical one.

    Parameters
    ----------
    f : callable
        ``f(x)`` receives one point, a 1-D float array of shape ``(n,)``, and returns a
        real scalar.
    grad : callable
        The gradient under test: ``grad(x)`` receives the same kind of point and
        returns an array of shape ``(n,)``.
    x : array_like, shape (n,)
        The point; finite. Prefer a random point with no zero or repeated coordinates
        (bugs like swapped indices hide at symmetric points).
    step : float, optional, keyword-only
        Passed to :func:`gradient`.

    Returns
    -------
    float
        The relative error, in :math:`[0, 1]`. Below about :math:`10^{-7}`: the
        gradient is right. Above :math:`10^{-2}`: it is wrong. See the topic page for
        the scale in between.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty finite 1-D array, ``grad(x)`` does not have shape
        ``(n,)`` or is not finite, or ``f`` fails as in :func:`gradient`.
    TypeError
        If ``f`` or ``grad`` is not callable or returns non-real values.

    See Also
    --------
    gradient : the numerical gradient used as the reference.
    directional_derivative : a one-direction check for very large n.

    Notes
    -----
    .. math::

        r = \frac{\| g_{\mathrm{analytic}} - g_{\mathrm{numeric}} \|_2}
        {\max\left( \| g_{\mathrm{analytic}} \|_2 + \| g_{\mathrm{numeric}} \|_2,\;
        \tau \right)}

    where :math:`g_{\mathrm{analytic}}` is the user's gradient at :math:`x`,
    :math:`g_{\mathrm{numeric}}` the extrapolated numerical gradient of :math:`f` at
    :math:`x` and :math:`\tau` the smallest positive normal float64 (about
    :math:`2.2 \times 10^{-308}`), so two zero gradients give :math:`r = 0`.

    Dividing by the sum of the two norms makes :math:`r` scale-free (multiplying
    :math:`f` by 1000 does not change it) and bounded by 1 (the triangle inequality),
    and keeps it meaningful when one of the gradients is zero; :math:`r = 1` when
    either gradient is zero and the other is not, or when they point in opposite
    directions. An absolute difference would call every gradient of a large loss
    wrong and every gradient of a tiny one right. The numerical gradient here is
    extrapolated (typically :math:`10^{-11}` relative error), so :math:`r` reflects
    the analytic gradient, not the reference. Norms are scaled, so gradients of size
    :math:`10^{200}` do not overflow.

    References
    ----------
    .. [1] A. Karpathy et al., CS231n notes, "Gradient checks", Stanford University.
    .. [2] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer,
       2006, section 8.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import gradient_check
    >>> gradient_check(lambda x: np.sum(x ** 3), lambda x: 3 * x ** 2, [0.5, -1.0, 2.0])
    0.0
    >>> gradient_check(lambda x: np.sum(x ** 3), lambda x: 2 * x ** 2, [0.5, -1.0, 2.0])
    0.2

    A sign error in a product rule:

    >>> f = lambda x: np.sum(np.sin(x) * x)
    >>> good = lambda x: np.sin(x) + x * np.cos(x)
    >>> bad = lambda x: np.sin(x) - x * np.cos(x)      # a sign error
    >>> x = np.array([0.3, -1.2, 2.0])
    >>> gradient_check(f, good, x) < 1e-9
    True
    >>> gradient_check(f, bad, x) > 1e-2
    True
    """
    as_callable(f, "f")
    as_callable(grad, "grad")
    point = _as_point(x)
    analytic = _vector_value(grad(point.copy()), "grad", point, point.size)
    if not np.all(np.isfinite(analytic)):
        raise ValueError(f"grad returned a non-finite value {describe(analytic)} at "
                         f"{describe(point)}")
    numeric = gradient(f, point, step=step)
    # Both gradients are divided by their largest entry first: r is scale-free, and
    # this keeps a - n and the norms from overflowing for gradients near 1e308.
    largest = max(float(np.max(np.abs(analytic))), float(np.max(np.abs(numeric))))
    if largest == 0.0:
        return 0.0
    a, b = analytic / largest, numeric / largest
    difference = float(np.linalg.norm(a - b))
    scale = float(np.linalg.norm(a)) + float(np.linalg.norm(b))
    return difference / max(scale, float(np.finfo(np.float64).tiny))


# --------------------------------------------------------------------------------------
# Integrals
# --------------------------------------------------------------------------------------

def _finite_scalar_value(value: Any, t: float) -> float:
    """f(t) as a float; a non-real, non-scalar or non-finite value raises naming f."""
    result = _scalar_value(value, "f", t)
    if math.isnan(result):
        raise ValueError(f"f returned a non-finite value {value!r} at t = {t!r}; "
                         "integrate needs a finite integrand inside (a, b)")
    return result


def integrate(f: Callable[[float], float], a: float, b: float, *, rtol: float = 1e-10,
              atol: float = 1e-12) -> float:
    r"""The definite integral of :math:`f` from ``a`` to ``b`` by adaptive quadrature.

    Parameters
    ----------
    f : callable
        ``f(t)`` receives one Python float and returns a real scalar. It is only
        evaluated strictly inside the interval, so an integrable singularity at an
        end point (:math:`1/\sqrt{t}` at 0) is fine.
    a, b : float
        The limits; ``-numpy.inf`` and ``numpy.inf`` are allowed. ``a > b`` gives
        :math:`-\int_b^a`; ``a == b`` gives 0.
    rtol, atol : float, keyword-only, default 1e-10 and 1e-12
        The error control: subdivision stops when QUADPACK's error estimate is at most
        :math:`\max(\mathrm{atol}, \mathrm{rtol} \cdot |I|)`.

    Returns
    -------
    float
        The integral.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is NaN, ``rtol`` or ``atol`` is not positive, ``f`` returns a
        non-scalar or a non-finite value, or the quadrature does not reach the
        requested accuracy (divergent integral, non-integrable singularity inside,
        too many oscillations): the message gives QUADPACK's reason, the estimate and
        its error estimate.
    TypeError
        If ``f`` is not callable or returns a non-real value.

    See Also
    --------
    trapezoid, simpson : integrals of sampled values.
    monte_carlo_integrate : integrals over boxes in many dimensions.

    Notes
    -----
    .. math::

        I = \int_a^b f(x) \, dx \approx \sum_{s} \sum_{i=1}^{21} w_i \, f(x_{s,i}),
        \qquad |I - \hat{I}| \lesssim \max(\mathrm{atol}, \mathrm{rtol} \cdot |\hat{I}|)

    where :math:`a, b` are the limits, :math:`s` runs over the subintervals of an
    adaptive bisection, and :math:`x_{s,i}, w_i` are the 21-point Gauss-Kronrod nodes
    and weights mapped to subinterval :math:`s`.

    This is ``scipy.integrate.quad`` (QUADPACK's QAGS for finite limits, QAGI after the
    substitution :math:`x = a + (1 - t)/t` for infinite ones), with
    ``epsrel=rtol``, ``epsabs=atol`` and ``limit=200`` subintervals. On each
    subinterval the difference between the 21-point Kronrod rule and its embedded
    10-point Gauss rule estimates the error; the subinterval with the largest error is
    bisected until the sum of the estimates meets the tolerance, and Wynn's epsilon
    algorithm extrapolates the sequence when a singularity slows convergence. QUADPACK's
    warnings (which SciPy prints and otherwise ignores) become ValueError here, so a
    returned number has met the stated tolerance.

    Every value of :math:`f` is checked to be a finite real number without a test per
    call: the values are added to a running sum, in which a NaN, an inf or a complex
    value persists. Only when that sum ends non-finite or complex is the quadrature run
    again testing each value, to raise the error that names the point.

    References
    ----------
    .. [1] R. Piessens, E. de Doncker-Kapenga, C. Uberhuber and D. Kahaner,
       *QUADPACK: A Subroutine Package for Automatic Integration*, Springer, 1983.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import integrate
    >>> integrate(np.sin, 0.0, np.pi)
    2.0
    >>> integrate(lambda t: np.exp(-t ** 2), -np.inf, np.inf) ** 2
    3.1416
    >>> integrate(lambda t: 1 / np.sqrt(t), 0.0, 1.0)
    2.0
    """
    as_callable(f, "f")
    lower = as_scalar(a, "a", finite=False)
    upper = as_scalar(b, "b", finite=False)
    rtol = as_positive_scalar(rtol, "rtol")
    atol = as_positive_scalar(atol, "atol")
    if lower == upper:
        return 0.0

    # Fast run: QUADPACK calls f through a wrapper that only adds each value to a running
    # sum (one float addition per call, cheaper than a type and finiteness test). A NaN,
    # an inf or a complex value makes the sum NaN, inf or complex for good, so a sum that
    # ends finite and real proves that every value was a finite real number.
    integrand, values_were_finite_reals = _summing(f)
    try:
        with warnings.catch_warnings():
            # QUADPACK would warn and drop the imaginary part of a NumPy complex value
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            result = _quadpack(integrand, lower, upper, rtol, atol)
    except (TypeError, OverflowError, np.exceptions.ComplexWarning):
        # a value that is no float (a string, an array, an int beyond the float range,
        # a NumPy complex) or f's own error, raised again below
        result = None
    if result is None or not values_were_finite_reals():
        # Run again checking every value, to raise the error that names f and the point
        # (and to return normally when the sum merely overflowed).
        result = _quadpack(lambda t: _finite_scalar_value(f(t), t), lower, upper, rtol, atol)
    value, error, info = result[0], result[1], result[2]
    if len(result) > 3:
        message = " ".join(str(result[3]).split())
        raise ValueError(
            f"integrate could not reach the tolerance for f on [{lower}, {upper}]: "
            f"{message} (estimate {value!r}, error estimate {error!r}, "
            f"{info['neval']} evaluations); the integral may diverge, or split the "
            "interval at the trouble spot or loosen rtol/atol") from None
    return float(value)


def _summing(f: Callable[[float], Any]) -> tuple[Callable[[float], Any], Callable[[], bool]]:
    """``f`` passed through, and a test of whether all its values so far were finite reals."""
    total = 0.0

    def integrand(t: float) -> Any:
        nonlocal total
        value = f(t)
        total += value
        return value

    def values_were_finite_reals() -> bool:
        return isinstance(total, (float, np.floating)) and math.isfinite(total)

    return integrand, values_were_finite_reals


def _quadpack(integrand: Callable[[float], Any], lower: float, upper: float, rtol: float,
              atol: float) -> tuple:
    from scipy import integrate as scipy_integrate

    return scipy_integrate.quad(integrand, lower, upper, epsabs=atol, epsrel=rtol,
                                limit=200, full_output=1)


def _as_sample_arrays(y: Any, x: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """y and x as finite float64 vectors of one length, at least 2; x unchecked otherwise."""
    values = as_vector(y, "y").astype(np.float64, copy=False)
    if values.size < 2:
        raise ValueError(f"y must hold at least 2 samples, got {describe(values)}")
    if x is None:
        return values, None
    grid = as_vector(x, "x").astype(np.float64, copy=False)
    if grid.size != values.size:
        raise ValueError(f"x and y must have the same length, got {grid.size} and "
                         f"{values.size}")
    return values, grid


def _check_spacing(grid: np.ndarray) -> None:
    """Raise unless the spacings of x are finite and all of one sign."""
    with np.errstate(over="ignore"):
        steps = np.diff(grid)
    if not np.all(np.isfinite(steps)):
        raise ValueError(f"x spans more than the largest float: the spacing x[i+1] - x[i] "
                         f"overflows, got {describe(grid)}")
    if not (np.all(steps > 0) or np.all(steps < 0)):
        raise ValueError(f"x must be strictly increasing or strictly decreasing (repeated "
                         f"or unsorted abscissae have no integral meaning), got "
                         f"{describe(grid)}")


def _as_samples(y: Any, x: Any) -> tuple[np.ndarray, np.ndarray | None]:
    values, grid = _as_sample_arrays(y, x)
    if grid is not None:
        _check_spacing(grid)
    return values, grid


_PANEL_BLOCK = 1 << 15  # samples per block: two float64 buffers of 256 KiB stay in cache


def _panel_sum(values: np.ndarray, grid: np.ndarray) -> float:
    """Sum of (x[i+1] - x[i]) (y[i] + y[i+1]); NaN as soon as x is not strictly monotone.

    One streaming pass, block by block, through two reused cache-sized buffers: no
    full-length temporaries (which cost more in page faults than the arithmetic). Each
    block's spacings are checked with one ``min`` (increasing x) or ``max`` (decreasing
    x); a NaN spacing fails the comparison too. A spacing that overflows to inf passes it
    and makes the sum non-finite, which the caller diagnoses.
    """
    n = values.size - 1
    size = min(n, _PANEL_BLOCK)
    steps, pairs = np.empty(size), np.empty(size)
    increasing = bool(grid[1] > grid[0])
    block_sums = []
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, n, size):
            stop = min(start + size, n)
            h = np.subtract(grid[start + 1:stop + 1], grid[start:stop], out=steps[:stop - start])
            if not (h.min() > 0.0 if increasing else h.max() < 0.0):
                return math.nan
            panel = np.add(values[start:stop], values[start + 1:stop + 1],
                           out=pairs[:stop - start])
            panel *= h
            block_sums.append(panel.sum())
        return float(np.sum(block_sums))


def trapezoid(y: Any, x: Any = None) -> float:
    r"""The trapezoidal rule: the integral of the piecewise-linear interpolant of samples.

    Parameters
    ----------
    y : array_like, shape (N,)
        The sampled values, :math:`N \ge 2`; finite.
    x : array_like, shape (N,), optional
        The sample points, strictly increasing (or strictly decreasing, which gives the
        negated integral); uneven spacing is fine. Default: spacing 1
        (``x = 0, 1, ..., N-1``), as NumPy and SciPy.

    Returns
    -------
    float
        The integral estimate; equal (to rounding) to ``scipy.integrate.trapezoid(y, x)``.

    Raises
    ------
    ValueError
        If ``y`` or ``x`` is not a finite 1-D array, ``y`` has fewer than 2 samples,
        the lengths differ, or ``x`` is not strictly monotonic (or its spacings overflow
        a float).

    See Also
    --------
    simpson : exact for cubics, error O(h^4) on smooth data.
    integrate : adaptive quadrature of a function.

    Notes
    -----
    .. math::

        \int_{x_0}^{x_{N-1}} y(x) \, dx \approx \sum_{i=0}^{N-2}
        \frac{(x_{i+1} - x_i)(y_i + y_{i+1})}{2}

    where :math:`x_i` are the :math:`N` sample points and :math:`y_i` the values there.

    Each panel is the area of a trapezoid. The error on a smooth function is
    :math:`-\frac{(b - a) h^2}{12} f''(\xi)` for spacing :math:`h`: second order, exact
    for straight lines. On a periodic function sampled over whole periods it is
    spectrally accurate, and on noisy or kinked data (an ROC curve) it is the honest
    choice: higher-order rules overshoot at kinks. The area under a ROC curve is this
    rule applied to (FPR, TPR).

    With ``x`` given, the spacings, the check that they all have one sign and the panel
    sums are computed in one pass, block by block in cache-sized buffers (no full-length
    temporary arrays); each block is summed pairwise, as ``numpy.sum`` does. A spacing
    that overflows (``x`` from ``-1e308`` to ``1e308``) makes the sum non-finite, and only
    then are the spacings examined to raise the error. Values so large that the panels
    overflow although the integral does not (``y = [1e308, 1e308, -1e308, -1e308]``, whose
    integral is 0, where the plain sum gives ``inf - inf = nan``) are redone after
    dividing ``y`` by a power of two, and the result scaled back exactly.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import trapezoid
    >>> trapezoid([1.0, 2.0, 3.0])
    4.0
    >>> x = np.linspace(0.0, np.pi, 101)
    >>> trapezoid(np.sin(x), x)
    1.9998
    """
    values, grid = _as_sample_arrays(y, x)

    def rule(v: np.ndarray) -> float:
        if grid is None:
            with np.errstate(over="ignore", invalid="ignore"):
                return float(np.sum(v[:-1] + v[1:])) / 2.0
        return _panel_sum(v, grid) / 2.0

    total = rule(values)
    if not math.isfinite(total):
        # NaN from a non-monotone x, or inf/NaN from an overflowing spacing: raise the
        # matching error. Otherwise the panels overflowed: redo them at a smaller scale.
        if grid is not None:
            _check_spacing(grid)
        total = _rescaled(rule, values, grid)
    return total


def simpson(y: Any, x: Any = None) -> float:
    r"""Composite Simpson's rule on samples, for even or uneven spacing.

    Parameters
    ----------
    y : array_like, shape (N,)
        The sampled values, :math:`N \ge 2`; finite.
    x : array_like, shape (N,), optional
        The sample points, strictly increasing (or strictly decreasing, which gives the
        negated integral); uneven spacing is fine. Default: spacing 1.

    Returns
    -------
    float
        The integral estimate; equal (to rounding) to
        ``scipy.integrate.simpson(y, x=x)`` for SciPy 1.11 or later.

    Raises
    ------
    ValueError
        If ``y`` or ``x`` is not a finite 1-D array, ``y`` has fewer than 2 samples,
        the lengths differ, or ``x`` is not strictly monotonic (or its spacings overflow
        a float).

    See Also
    --------
    trapezoid : the piecewise-linear rule.
    integrate : adaptive quadrature of a function.

    Notes
    -----
    .. math::

        \int_{x_0}^{x_{N-1}} y \, dx \approx \sum_{i = 0, 2, 4, \dots}
        \frac{h_i + h_{i+1}}{6} \left[ \left( 2 - \frac{h_{i+1}}{h_i} \right) y_i
        + \frac{(h_i + h_{i+1})^2}{h_i h_{i+1}} y_{i+1}
        + \left( 2 - \frac{h_i}{h_{i+1}} \right) y_{i+2} \right]

    where :math:`x_i` are the :math:`N` sample points, :math:`y_i` the values there and
    :math:`h_i = x_{i+1} - x_i` the spacings; the sum runs over pairs of intervals
    :math:`[x_i, x_{i+2}]`, and with equal spacing :math:`h` each term is
    :math:`\frac{h}{3}(y_i + 4 y_{i+1} + y_{i+2})`.

    Each pair of intervals is integrated exactly under the parabola through its three
    points (which also integrates cubics exactly), so the error on smooth data is
    :math:`O(h^4)`. With an even :math:`N` (an odd number of intervals) the last
    interval gets Cartwright's correction: the integral over
    :math:`[x_{N-2}, x_{N-1}]` of the parabola through the last three points,
    :math:`\alpha y_{N-1} + \beta y_{N-2} - \eta y_{N-3}` with
    :math:`\alpha = \frac{2 h_1^2 + 3 h_0 h_1}{6 (h_0 + h_1)}`,
    :math:`\beta = \frac{h_1^2 + 3 h_0 h_1}{6 h_0}`,
    :math:`\eta = \frac{h_1^3}{6 h_0 (h_0 + h_1)}` (:math:`h_0, h_1` the last two
    spacings), as SciPy does since 1.11; two samples fall back to one trapezoid. Values
    near the float limit whose weighted sum overflows are redone after dividing ``y`` by a
    power of two (as in :func:`trapezoid`); spacings so uneven that the weights
    themselves overflow (ratios beyond :math:`10^{308}`) are refused.

    References
    ----------
    .. [1] K. A. Cartwright, "Simpson's Rule Cumulative Integration with MS Excel and
       Irregularly-spaced Data", *Journal of Mathematical Sciences and Mathematics
       Education* 12(2), 2017, 1-9.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import simpson
    >>> x = np.linspace(0.0, 2.0, 5)
    >>> simpson(x ** 3, x)
    4.0
    >>> x = np.linspace(0.0, np.pi, 101)
    >>> simpson(np.sin(x), x)
    2.0
    """
    values, grid = _as_samples(y, x)
    h = np.ones(values.size - 1) if grid is None else np.diff(grid)
    total = _simpson_sum(values, h)
    return total if math.isfinite(total) else _rescaled(lambda v: _simpson_sum(v, h),
                                                        values, grid)


def _rescaled(rule: Callable[[np.ndarray], float], values: np.ndarray,
              grid: np.ndarray | None) -> float:
    """``rule(values)`` redone on values divided by a power of two that brings their
    largest magnitude below 1/8, then scaled back (exactly).

    The sums inside a quadrature rule can overflow (``y = [1e308, 1e308, -1e308,
    -1e308]``: ``y_0 + y_1`` is inf, and inf - inf is NaN) where the integral does not;
    at the smaller scale they cannot, because the panels then add up to at most the
    length of the interval. The result is ``inf`` only when the integral itself is
    beyond the float range.
    """
    exponent = int(largest_exponent(values)) + 3
    small = rule(times_power_of_two(values, -exponent))
    if math.isnan(small):
        raise ValueError(f"the spacings of x are so uneven that the rule's weights "
                         f"overflow, got x = {describe(grid)}")
    return scaled_back(small, exponent)


def _simpson_sum(values: np.ndarray, h: np.ndarray) -> float:
    """Composite Simpson's rule on the values with spacings h (see simpson)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _simpson_terms(values, h)


def _simpson_terms(values: np.ndarray, h: np.ndarray) -> float:
    if values.size == 2:
        return float(h[0] * (values[0] + values[1]) / 2.0)
    end = values.size if values.size % 2 == 1 else values.size - 1
    h0, h1 = h[0:end - 1:2], h[1:end - 1:2]
    total = h0 + h1
    # (total / h0) * (total / h1), not total**2 / (h0 * h1): the products overflow for
    # spacings near 1e155 and underflow to 0 (then 0/0) for spacings near 1e-160
    terms = total / 6.0 * ((2.0 - h1 / h0) * values[0:end - 2:2]
                           + (total / h0) * (total / h1) * values[1:end - 1:2]
                           + (2.0 - h0 / h1) * values[2:end:2])
    result = float(np.sum(terms))
    if values.size % 2 == 0:
        g0, g1 = h[-2], h[-1]
        # the same coefficients as ratios times g1, free of overflow and underflow
        alpha = g1 / 6.0 * (2.0 * (g1 / (g0 + g1)) + 3.0 * (g0 / (g0 + g1)))
        beta = g1 / 6.0 * (g1 / g0 + 3.0)
        eta = g1 / 6.0 * (g1 / g0) * (g1 / (g0 + g1))
        result += alpha * values[-1] + beta * values[-2] - eta * values[-3]
    return float(result)


class MonteCarloResult(NamedTuple):
    """A Monte Carlo integral: the estimate and its standard error."""

    estimate: float
    """The integral estimate :math:`V \\bar f`."""
    std_error: float
    """The estimated standard deviation of the estimate, :math:`V s / \\sqrt{n}`."""


def monte_carlo_integrate(f: Callable[[np.ndarray], Any], lower: Any, upper: Any, n: int,
                          rng: Any = None) -> MonteCarloResult:
    r"""Plain Monte Carlo integration over a box, with its standard error.

    Parameters
    ----------
    f : callable
        Called **once** with all the points. With vector bounds of length :math:`d`
        (even :math:`d = 1`) it receives an array of shape ``(n, d)``, one point per
        row; with scalar bounds it receives a 1-D array of shape ``(n,)``. It returns
        ``n`` real values, shape ``(n,)``.
    lower, upper : float or array_like, shape (d,)
        The box :math:`\prod_j [\mathrm{lower}_j, \mathrm{upper}_j]`; finite, with
        ``lower < upper`` in every coordinate; both scalars or both of shape ``(d,)``.
    n : int
        The number of uniform sample points, at least 2.
    rng : numpy.random.Generator, int or None, default None
        The random source; an int seed makes the result reproducible.

    Returns
    -------
    MonteCarloResult
        ``(estimate, std_error)``: :math:`\hat{I}` and its standard error.

    Raises
    ------
    ValueError
        If the bounds are not finite, differ in shape, are not 0-D or 1-D, or some
        ``lower >= upper``, or the box's widths or volume overflow a float; ``n < 2`` (or
        too large to allocate); or ``f`` does not return ``n`` finite values.
    TypeError
        If ``f`` is not callable, ``n`` is not an integer or ``rng`` is not a seed or
        Generator.

    See Also
    --------
    integrate : deterministic adaptive quadrature in one dimension.

    Notes
    -----
    .. math::

        \hat{I} = \frac{V}{n} \sum_{i=1}^{n} f(X_i), \qquad
        \operatorname{SE} = \frac{V s}{\sqrt{n}}, \qquad
        s^2 = \frac{1}{n - 1} \sum_{i=1}^{n} \left( f(X_i) - \bar{f} \right)^2

    where :math:`X_1, \dots, X_n` are independent uniform points in the box,
    :math:`V = \prod_{j=1}^{d} (\mathrm{upper}_j - \mathrm{lower}_j)` its volume,
    :math:`\bar{f}` the mean of the :math:`f(X_i)` and :math:`s` their sample standard
    deviation.

    :math:`\hat{I}` is unbiased and its error shrinks like :math:`1/\sqrt{n}` in any
    dimension :math:`d` (grid rules need :math:`n^{d}` points for the same resolution),
    so 100 times more points buy one more digit. The standard error is itself an
    estimate; :math:`\hat{I} \pm 2\,\operatorname{SE}` covers the integral about 95%
    of the time when :math:`f` has finite variance. The variance is computed in two
    passes (mean first, then squared deviations), so a large constant offset in
    :math:`f` does not cancel away its digits, on values divided by :math:`\max |f|`
    (multiplied back at the end) so that values near :math:`10^{308}` do not overflow the
    sums.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import monte_carlo_integrate
    >>> est, se = monte_carlo_integrate(lambda p: np.sum(p ** 2, axis=1),
    ...                                 [0.0, 0.0], [1.0, 1.0], 100_000, rng=0)
    >>> abs(est - 2 / 3) < 3 * se
    True

    The area of the unit disc from the square [-1, 1]^2:

    >>> inside = lambda p: (np.sum(p ** 2, axis=1) <= 1.0).astype(float)
    >>> est, se = monte_carlo_integrate(inside, [-1, -1], [1, 1], 200_000, rng=1)
    >>> round(est, 2), se < 0.005
    (3.14, True)
    """
    as_callable(f, "f")
    low = as_array(lower, "lower", ndim=(0, 1)).astype(np.float64, copy=False)
    high = as_array(upper, "upper", ndim=(0, 1)).astype(np.float64, copy=False)
    if low.shape != high.shape:
        raise ValueError(f"lower and upper must have the same shape, got {low.shape} and "
                         f"{high.shape}")
    if np.any(low >= high):
        raise ValueError(f"lower must be below upper in every coordinate, got lower = "
                         f"{describe(low)} and upper = {describe(high)}")
    with np.errstate(over="ignore"):
        width_overflows = not np.all(np.isfinite(high - low))
    if width_overflows:
        raise ValueError(f"upper - lower overflows: the box is wider than the largest "
                         f"float, got lower = {describe(low)} and upper = {describe(high)}")
    count = as_int(n, "n", minimum=2)
    generator = as_rng(rng)
    shape = (count,) if low.ndim == 0 else (count, low.size)
    with allocation_guard(f"n = {count}"):
        uniform = generator.random(shape)
    points = low + (high - low) * uniform
    values = np.asarray(f(points))
    if values.dtype.kind not in "biuf":
        raise TypeError(f"f must return real numbers, returned {describe(values)}")
    if values.shape != (count,):
        raise ValueError(f"f must return one value per point, shape ({count},), returned "
                         f"{describe(values)} for points of shape {points.shape}")
    values = values.astype(np.float64)
    if not np.all(np.isfinite(values)):
        bad = int(np.flatnonzero(~np.isfinite(values))[0])
        raise ValueError(f"f returned a non-finite value {values[bad]!r} at the point "
                         f"{describe(points[bad])}")
    with np.errstate(over="ignore"):
        volume = float(np.prod(high - low))
    if not math.isfinite(volume):
        raise ValueError(f"the box from lower to upper has a volume that overflows a float, "
                         f"got lower = {describe(low)} and upper = {describe(high)}")
    # values are divided by max|f| first: sums of values near 1e308 would overflow (and
    # inf - inf = NaN); the scale is multiplied back last
    scale = float(np.max(np.abs(values))) or 1.0
    scaled = values / scale
    mean = float(np.mean(scaled))
    spread = float(np.sqrt(np.sum((scaled - mean) ** 2) / (count - 1)))
    with np.errstate(over="ignore"):
        return MonteCarloResult(volume * mean * scale,
                                volume * spread / math.sqrt(count) * scale)
