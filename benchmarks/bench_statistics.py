"""sample_variance against numpy.var, speed and accuracy, in one run.

    .venv/bin/python benchmarks/bench_statistics.py

Times the median of repeated calls (``timeit``) on 10**6 and 10**7 float64 points and
prints the ratio mathref / numpy (target: at most 1.2). Also prints each result's relative
error against an exact reference (``math.fsum`` two-pass) on data with a large offset,
where the one-pass formula would fail. Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import math
import platform
import statistics
import timeit

import numpy as np

import mathref


def median_time(func, repeat: int, number: int = 1) -> float:
    return statistics.median(timeit.repeat(func, repeat=repeat, number=number)) / number


def exact_variance(x: np.ndarray, ddof: int) -> float:
    mean = math.fsum(x) / len(x)
    dev = x - mean
    correction = math.fsum(dev) / len(x)
    dev = dev - correction
    return math.fsum(dev * dev) / (len(x) - ddof)


def main() -> None:
    print(f"# {platform.platform()}, Python {platform.python_version()}, numpy {np.__version__}")
    print(f"{'n':>10} {'data':>14} {'mathref (ms)':>13} {'numpy.var (ms)':>15} "
          f"{'ratio':>6} {'rel err mathref':>16} {'rel err numpy':>14}")
    rng = np.random.default_rng(0)
    for n, repeat in ((10**6, 31), (10**7, 9)):
        base = rng.normal(size=n)
        for label, x in (("N(0, 1)", base), ("1e9 + N(0, 1)", base + 1e9)):
            mathref.sample_variance(x, ddof=1), np.var(x, ddof=1)  # warm-up
            # alternate the two so that load from other processes hits both alike
            ours_t, peer_t = [], []
            for _ in range(repeat):
                ours_t.append(median_time(lambda: mathref.sample_variance(x, ddof=1), 1))
                peer_t.append(median_time(lambda: np.var(x, ddof=1), 1))
            ours, peer = statistics.median(ours_t), statistics.median(peer_t)
            ref = exact_variance(x, 1)
            err_ours = abs(mathref.sample_variance(x, ddof=1) - ref) / ref
            err_peer = abs(float(np.var(x, ddof=1)) - ref) / ref
            print(f"{n:>10} {label:>14} {ours * 1e3:>13.2f} {peer * 1e3:>15.2f} "
                  f"{ours / peer:>6.2f} {err_ours:>16.1e} {err_peer:>14.1e}")


if __name__ == "__main__":
    main()
