"""Speed and accuracy of mathref's entropy, KL divergence, log-sum-exp and softmax
against SciPy, in the same run.

Speed: the median of repeated timings (``timeit``) on 10**6 and 10**7 elements, each
library with its own input checks included (mathref validates that p and q are
probability vectors; SciPy checks for NaN and renormalises). Ratio < 1 means mathref is
faster.

Accuracy: the largest relative error against mpmath at 50 digits (the formula transcribed
from its LaTeX) over a sample of inputs: random vectors, nearly equal p and q, logits of
+-1000 and the catalogue's ``logsumexp([0, -40])``.

Run:  .venv/bin/python benchmarks/bench_information.py [--quick]
"""
from __future__ import annotations

import statistics
import sys
import timeit

import mpmath as mp
import numpy as np
from scipy import special, stats

import mathref

mp.mp.dps = 50


def median_time(fn, repeat: int) -> float:
    fn()  # warm up
    return statistics.median(timeit.repeat(fn, number=1, repeat=repeat))


def speed(sizes: list[int]) -> list[tuple[str, int, float, float]]:
    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        repeat = 15 if n <= 10**6 else 5
        p = rng.random(n)
        p /= p.sum()
        q = rng.random(n)
        q /= q.sum()
        z = rng.normal(scale=10.0, size=n)
        cases = [
            ("entropy(p)", lambda: mathref.entropy(p), lambda: stats.entropy(p)),
            ("kl_divergence(p, q)", lambda: mathref.kl_divergence(p, q),
             lambda: stats.entropy(p, q)),
            ("logsumexp(z)", lambda: mathref.logsumexp(z), lambda: special.logsumexp(z)),
            ("softmax(z)", lambda: mathref.softmax(z), lambda: special.softmax(z)),
        ]
        for name, ours, theirs in cases:
            t_ours = median_time(ours, repeat)
            t_theirs = median_time(theirs, repeat)
            rows.append((name, n, t_ours, t_theirs))
    return rows


# ----------------------------------------------------------------------------- accuracy
def _mp_entropy(p):
    return -mp.fsum(mp.mpf(float(a)) * mp.log(mp.mpf(float(a))) for a in p if a > 0)


def _mp_kl(p, q):
    return mp.fsum(mp.mpf(float(a)) * mp.log(mp.mpf(float(a)) / mp.mpf(float(b)))
                   for a, b in zip(p, q) if a > 0)


def _mp_lse(a):
    vals = [mp.mpf(float(v)) for v in a]
    m = max(vals)
    rest = list(vals)
    rest.remove(m)
    return m + mp.log1p(mp.fsum(mp.exp(v - m) for v in rest))


def _mp_softmax(z):
    vals = [mp.mpf(float(v)) for v in z]
    m = max(vals)
    total = mp.fsum(mp.exp(v - m) for v in vals)
    return [mp.exp(v - m) / total for v in vals]


def _rel(value, exact) -> float:
    exact = mp.mpf(exact)
    if exact == 0:
        return 0.0 if value == 0 else float("inf")
    return float(abs((mp.mpf(float(value)) - exact) / exact))


def accuracy(n_samples: int = 200) -> list[tuple[str, float, float, str]]:
    rng = np.random.default_rng(1)
    worst: dict[str, list[float]] = {}

    def record(name, ours, theirs, exact, label):
        entry = worst.setdefault(name, [0.0, 0.0, ""])
        e_ours, e_theirs = _rel(ours, exact), _rel(theirs, exact)
        entry[0] = max(entry[0], e_ours)
        if e_theirs > entry[1]:
            entry[1], entry[2] = e_theirs, label
        else:
            entry[1] = max(entry[1], e_theirs)

    for i in range(n_samples):
        k = int(rng.integers(2, 30))
        p = rng.dirichlet(np.full(k, 0.5))
        record("entropy", mathref.entropy(p), stats.entropy(p), _mp_entropy(p), "random")
        q = rng.dirichlet(np.full(k, 0.5))
        record("kl_divergence", mathref.kl_divergence(p, q), stats.entropy(p, q),
               _mp_kl(p, q), "random")
        # nearly equal distributions (relative difference 1e-4)
        p2 = rng.dirichlet(np.full(k, 2.0))
        q2 = p2 * (1 + 1e-4 * rng.standard_normal(k))
        q2 /= q2.sum()
        record("kl_divergence (p ~ q, 1e-4)", mathref.kl_divergence(p2, q2),
               stats.entropy(p2, q2), _mp_kl(p2, q2), "near-equal")
        z = rng.normal(scale=10 ** rng.uniform(-1, 3), size=k)
        record("logsumexp", mathref.logsumexp(z), special.logsumexp(z), _mp_lse(z), "random")
        exact_sm = _mp_softmax(z)
        ours_sm, theirs_sm = mathref.softmax(z), special.softmax(z)
        for j in range(k):
            if exact_sm[j] > mp.mpf("1e-300"):
                record("softmax (entries > 1e-300)", ours_sm[j], theirs_sm[j], exact_sm[j],
                       "random")
    for a in ([0.0, -40.0], [1000.0, 1000.0], [-1000.0, -1000.0], [1000.0, -1000.0],
              [0.0, -700.0], [1e-20, 0.0], [0.0, -30.0, -35.0]):
        record("logsumexp", mathref.logsumexp(a), special.logsumexp(a), _mp_lse(a), str(a))
    return [(name, v[0], v[1], v[2]) for name, v in worst.items()]


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [10**5] if quick else [10**6, 10**7]
    print(f"numpy {np.__version__}, scipy {__import__('scipy').__version__}")
    print("\nSpeed (median wall time, checks included; ratio = mathref / scipy)")
    print(f"{'function':24s} {'n':>10s} {'mathref ms':>11s} {'scipy ms':>10s} {'ratio':>7s}")
    for name, n, a, b in speed(sizes):
        print(f"{name:24s} {n:>10d} {a * 1e3:11.2f} {b * 1e3:10.2f} {a / b:7.2f}")
    print("\nAccuracy (max relative error against mpmath, 50 digits)")
    print(f"{'function':30s} {'mathref':>10s} {'scipy':>10s}  scipy's worst input")
    for name, ours, theirs, label in accuracy(50 if quick else 200):
        print(f"{name:30s} {ours:10.1e} {theirs:10.1e}  {label}")


if __name__ == "__main__":
    main()
