"""Speed of mathref.fourier against its peers, timed in the same run.

    .venv/bin/python benchmarks/bench_fourier.py

Compares ``mathref.dft`` with ``numpy.fft.fft`` on 2**20 points and ``mathref.convolve``
with ``scipy.signal.convolve`` (``method="auto"``) at 10**2 and 10**6 points. Each time is
the median of several repeats (``timeit``), and the ratio is mathref / peer (1.0 = as fast;
the target is at most 1.2). Not a test: nothing here asserts a timing.
"""
from __future__ import annotations

import platform
import statistics
import timeit

import numpy as np
import scipy
from scipy import signal

import mathref


def median_time(func, repeat: int, number: int) -> float:
    """Median over ``repeat`` runs of the mean time of ``number`` calls, in seconds."""
    func()  # warm up (imports, plan caches)
    times = timeit.repeat(func, repeat=repeat, number=number)
    return statistics.median(times) / number


def main() -> None:
    rng = np.random.default_rng(0)
    cases = []

    x = rng.normal(size=2**20)
    cases.append(("dft, 2^20 points", "numpy.fft.fft",
                  lambda: mathref.dft(x), lambda: np.fft.fft(x), 9, 3))

    for n in (10**2, 10**6):
        a, b = rng.normal(size=n), rng.normal(size=n)
        number = 2000 if n <= 100 else 1
        repeat = 9 if n <= 100 else 5
        cases.append((f"convolve, {n:.0e} + {n:.0e} points", "scipy.signal.convolve",
                      (lambda a=a, b=b: mathref.convolve(a, b)),
                      (lambda a=a, b=b: signal.convolve(a, b)), repeat, number))

    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"scipy {scipy.__version__}, {platform.machine()}")
    print(f"{'case':36} {'peer':24} {'mathref':>12} {'peer time':>12} {'ratio':>7}")
    for label, peer, ours, theirs, repeat, number in cases:
        t_ours = median_time(ours, repeat, number)
        t_peer = median_time(theirs, repeat, number)
        print(f"{label:36} {peer:24} {t_ours * 1e3:10.4f}ms {t_peer * 1e3:10.4f}ms "
              f"{t_ours / t_peer:7.2f}")


if __name__ == "__main__":
    main()
