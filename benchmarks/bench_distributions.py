"""Speed of mathref's distributions against scipy.stats on 10^6 points.

A plain script, not a test:  .venv/bin/python benchmarks/bench_distributions.py [n_points]

For each family it times ``logpdf``/``logpmf`` and ``pdf``/``pmf`` of mathref and of the
matching frozen ``scipy.stats`` distribution on the same array (median of repeats), and
prints the ratio mathref / scipy (below 1: mathref is faster). It also reports the largest
relative difference between the two results, so a fast wrong answer would show.
"""
from __future__ import annotations

import statistics
import sys
import timeit

import numpy as np
from scipy import stats

from mathref.probability import (
    Bernoulli,
    Beta,
    Binomial,
    Exponential,
    Gamma,
    Gaussian,
    Multinomial,
    MultivariateGaussian,
    Poisson,
    Uniform,
)


def _median_time(func, repeat=7):
    func()  # warm-up (imports, caches)
    return statistics.median(timeit.repeat(func, number=1, repeat=repeat))


def _max_rel_diff(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    both = np.isfinite(a) & np.isfinite(b)
    if not np.array_equal(np.isfinite(a), np.isfinite(b)):
        return float("nan")
    if not np.any(both):
        return 0.0
    return float(np.max(np.abs(a[both] - b[both]) / np.maximum(np.abs(b[both]), 1e-300)))


def main(n: int = 1_000_000) -> None:
    rng = np.random.default_rng(0)
    cov = np.array([[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 0.5]])
    cases = [
        ("Bernoulli(0.3)", Bernoulli(0.3), stats.bernoulli(0.3), rng.integers(0, 2, n), True),
        ("Binomial(20, 0.3)", Binomial(20, 0.3), stats.binom(20, 0.3),
         rng.integers(0, 21, n), True),
        ("Binomial(5000, 0.3)", Binomial(5000, 0.3), stats.binom(5000, 0.3),
         rng.binomial(5000, 0.3, n), True),
        ("Poisson(3)", Poisson(3.0), stats.poisson(3.0), rng.poisson(3.0, n), True),
        ("Poisson(5000)", Poisson(5000.0), stats.poisson(5000.0), rng.poisson(5000.0, n), True),
        ("Multinomial(10, K=4)", Multinomial(10, [0.1, 0.2, 0.3, 0.4]),
         stats.multinomial(10, [0.1, 0.2, 0.3, 0.4]),
         rng.multinomial(10, [0.1, 0.2, 0.3, 0.4], n // 10), True),
        ("Uniform(-1, 3)", Uniform(-1.0, 3.0), stats.uniform(-1.0, 4.0),
         rng.uniform(-2, 4, n), False),
        ("Gaussian(1, 2)", Gaussian(1.0, 2.0), stats.norm(1.0, 2.0), rng.normal(1, 2, n), False),
        ("MultivariateGaussian(d=3)", MultivariateGaussian(np.zeros(3), cov),
         stats.multivariate_normal(np.zeros(3), cov), rng.normal(size=(n, 3)), False),
        ("Exponential(2)", Exponential(2.0), stats.expon(scale=0.5),
         rng.exponential(0.5, n), False),
        ("Gamma(2.5, 3)", Gamma(2.5, 3.0), stats.gamma(2.5, scale=1 / 3),
         rng.gamma(2.5, 1 / 3, n), False),
        ("Beta(2, 5)", Beta(2.0, 5.0), stats.beta(2.0, 5.0), rng.beta(2.0, 5.0, n), False),
    ]
    print(f"{n:,} points (Multinomial: {n // 10:,} count vectors); median of 7 runs")
    print(f"{'family':28} {'method':8} {'mathref ms':>10} {'scipy ms':>9} {'ratio':>6} "
          f"{'max rel diff':>12}")
    for name, ours, ref, x, discrete in cases:
        x = np.asarray(x, dtype=np.float64)
        pairs = ([("logpmf", ours.logpmf, ref.logpmf), ("pmf", ours.pmf, ref.pmf)] if discrete
                 else [("logpdf", ours.logpdf, ref.logpdf), ("pdf", ours.pdf, ref.pdf)])
        for method, mine, theirs in pairs:
            t_mine = _median_time(lambda: mine(x))
            t_ref = _median_time(lambda: theirs(x))
            diff = _max_rel_diff(mine(x), theirs(x))
            print(f"{name:28} {method:8} {1e3 * t_mine:10.1f} {1e3 * t_ref:9.1f} "
                  f"{t_mine / t_ref:6.2f} {diff:12.1e}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
