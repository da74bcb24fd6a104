"""Speed of mathref.optimization.project_onto_simplex against one numpy.sort.

The projection of Duchi et al. (2008) costs one sort plus a few linear passes, so its
time should stay within a small factor of sorting the same array (target: within 2x).
Run:  python benchmarks/bench_optimization.py
Prints the median time of each (over repeats, via timeit) and the ratio.
"""
from __future__ import annotations

import platform
import timeit

import numpy as np

from mathref.optimization import project_onto_simplex


def median_time(stmt, number: int = 1, repeat: int = 7) -> float:
    return float(np.median(timeit.repeat(stmt, number=number, repeat=repeat))) / number


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"numpy {np.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}")
    print(f"{'n':>9} {'distribution':>13} {'numpy.sort':>12} {'simplex':>12} {'ratio':>7}")
    for n in (10**4, 10**5, 10**6):
        for name, v in (("normal", rng.normal(size=n)),
                        ("uniform", rng.uniform(size=n))):
            t_sort = median_time(lambda: np.sort(v))
            t_proj = median_time(lambda: project_onto_simplex(v))
            print(f"{n:>9} {name:>13} {t_sort * 1e3:>10.3f}ms {t_proj * 1e3:>10.3f}ms "
                  f"{t_proj / t_sort:>7.2f}")


if __name__ == "__main__":
    main()
