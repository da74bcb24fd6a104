"""Benchmark mathref.calculus: function-evaluation counts, accuracy and time vs SciPy.

Run:  .venv/bin/python benchmarks/bench_calculus.py

1. Evaluations of f used by ``mathref.gradient`` for n = 100 functions (per level: 2n).
2. Accuracy of ``mathref.derivative`` vs ``scipy.differentiate.derivative`` (defaults)
   against closed forms, and their evaluation counts.
3. Time per call (median of repeats, timeit), mathref / scipy.
"""
from __future__ import annotations

import statistics
import timeit

import numpy as np
from scipy.differentiate import derivative as scipy_derivative
from scipy.optimize import approx_fprime

import mathref


class Counting:
    def __init__(self, f):
        self.f, self.calls = f, 0

    def __call__(self, x):
        self.calls += 1
        return self.f(x)


def lse(x):
    m = np.max(x)
    return float(m + np.log(np.sum(np.exp(x - m))))


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / e.sum()


def smooth(x):
    return float(np.sum(np.sin(x) * np.exp(0.1 * x))) + lse(x)


def smooth_grad(x):
    return np.cos(x) * np.exp(0.1 * x) + 0.1 * np.sin(x) * np.exp(0.1 * x) + softmax(x)


def rosen(x):
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))


def rosen_grad(x):
    g = np.zeros_like(x)
    g[:-1] = -400.0 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * (x[1:] - x[:-1] ** 2)
    return g


def median_time(stmt, number=3, repeat=5):
    return statistics.median(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def gradient_counts():
    print("1. mathref.gradient, n = 100: evaluations of f")
    print(f"{'function':<22}{'calls':>8}{'levels':>8}{'max rel err':>14}"
          f"{'approx_fprime err':>20}")
    rng = np.random.default_rng(0)
    for name, f, g, x in [
        ("rosenbrock", rosen, rosen_grad, rng.uniform(-2, 2, 100)),
        ("sin*exp + lse", smooth, smooth_grad, rng.uniform(-2, 2, 100)),
        ("lse", lse, softmax, rng.normal(size=100)),
        ("sin*exp + lse, |x|~50", smooth, smooth_grad, rng.uniform(30, 60, 100)),
    ]:
        counted = Counting(f)
        ours = mathref.gradient(counted, x)
        true = g(x)
        scale = max(1.0, np.max(np.abs(true)))
        fd = approx_fprime(x, f)  # SciPy's forward difference, for scale
        print(f"{name:<22}{counted.calls:>8}{(counted.calls - 1) / 200:>8.1f}"
              f"{np.max(np.abs(ours - true)) / scale:>14.1e}"
              f"{np.max(np.abs(fd - true)) / scale:>20.1e}")
    print()


CASES = [
    ("exp", np.exp, np.exp, [-5.0, 0.0, 1.0, 10.0]),
    ("sin", np.sin, np.cos, [0.0, 2.5, 1e3, 1e6]),
    ("log", np.log, lambda x: 1 / x, [1e-3, 0.05, 1.0, 1e6]),
    ("logaddexp(0,3x)", lambda x: np.logaddexp(0.0, 3 * x),
     lambda x: 3 / (1 + np.exp(-3 * x)), [-4.0, 0.0, 0.7, 5.0]),
    ("rosenbrock slice", lambda x: 100 * (1.3 - x * x) ** 2 + (1 - x) ** 2,
     lambda x: -400 * x * (1.3 - x * x) - 2 * (1 - x), [-1.0, 0.0, 1.1, 3.0]),
    ("tanh", np.tanh, lambda x: 1 / np.cosh(x) ** 2, [-2.0, 0.0, 0.3, 4.0]),
]


def accuracy_and_time():
    print("2. derivative vs scipy.differentiate.derivative: max relative error "
          "|d - f'| / max(1, |f'|) over the points (nan: some point failed), mean "
          "evaluations per point, time ratio")
    print(f"{'function':<18}{'mathref err':>12}{'scipy err':>12}{'mathref nfev':>14}"
          f"{'scipy nfev':>12}{'time ratio':>12}")
    ratios = []
    for name, f, d, xs in CASES:
        ours_errs, theirs_errs = [], []
        ours_n = theirs_n = 0
        for x in xs:
            true = float(d(x))
            counted = Counting(f)
            with np.errstate(all="ignore"):
                ours = mathref.derivative(counted, x)
                res = scipy_derivative(f, x)
            ours_n += counted.calls
            theirs_n += int(res.nfev)
            scale = max(1.0, abs(true))
            ours_errs.append(abs(ours - true) / scale)
            theirs_errs.append(abs(float(res.df) - true) / scale)  # NaN when it failed
        ours_err, theirs_err = np.max(ours_errs), np.max(theirs_errs)
        x0 = xs[1]
        with np.errstate(all="ignore"):
            t_ours = median_time(lambda: mathref.derivative(f, x0))
            t_theirs = median_time(lambda: scipy_derivative(f, x0))
        ratios.append(t_ours / t_theirs)
        print(f"{name:<18}{ours_err:>12.1e}{theirs_err:>12.1e}{ours_n / len(xs):>14.1f}"
              f"{theirs_n / len(xs):>12.1f}{t_ours / t_theirs:>12.2f}")
    print(f"median time ratio mathref/scipy (scalar x): {statistics.median(ratios):.2f}")
    print()


def integration():
    from scipy import integrate as si

    print("3. integration: time ratio mathref / scipy (same algorithm underneath)")
    x = np.linspace(0, 1, 10_001)
    y = np.sin(x)
    rows = [
        ("integrate vs quad", lambda: mathref.integrate(np.sin, 0.0, 1.0),
         lambda: si.quad(np.sin, 0.0, 1.0)),
        ("trapezoid, 10001 pts", lambda: mathref.trapezoid(y, x), lambda: si.trapezoid(y, x)),
        ("simpson, 10001 pts", lambda: mathref.simpson(y, x), lambda: si.simpson(y, x=x)),
    ]
    for name, ours, theirs in rows:
        ratio = median_time(ours, number=20) / median_time(theirs, number=20)
        print(f"{name:<24}{ratio:>8.2f}")


if __name__ == "__main__":
    gradient_counts()
    accuracy_and_time()
    integration()
