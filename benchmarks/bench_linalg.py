"""Benchmark mathref.linalg against the NumPy/SciPy/scikit-learn calls it builds on.

Run:  .venv/bin/python benchmarks/bench_linalg.py [--repeat N]

Each row times mathref and its peer in the same process on the same input, alternating
the two calls (one call per timing, via :mod:`timeit`) so that load on a shared machine
hits both alike, and prints the medians and the ratio mathref / peer. ``--threads`` limits
the BLAS threads (threadpoolctl); 1 gives the most stable numbers on a busy machine. The
extra cost of mathref is input validation (finiteness, symmetry) and the sign convention,
both O(n^2) against the O(n^3) factorisation. Results are not committed by this script.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import timeit

import numpy as np
import scipy
import scipy.linalg as sla

import mathref


def paired_medians(ours, peer, repeat: int) -> tuple[float, float]:
    ours(), peer()  # warm up
    t_ours, t_peer = [], []
    for _ in range(repeat):
        t_ours.append(timeit.timeit(ours, number=1))
        t_peer.append(timeit.timeit(peer, number=1))
    return statistics.median(t_ours), statistics.median(t_peer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=None,
                        help="limit BLAS threads (default: the library's own choice)")
    args = parser.parse_args()
    if args.threads is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(args.threads)
    rng = np.random.default_rng(0)
    n = args.n
    A = rng.normal(size=(n, n))
    S = A @ A.T + n * np.eye(n)  # symmetric positive definite
    X = rng.normal(size=(100_000, 50)) @ rng.normal(size=(50, 50))

    from sklearn.decomposition import PCA

    cases = [
        (f"qr {n}x{n}", lambda: mathref.qr(A), "numpy.linalg.qr(reduced)",
         lambda: np.linalg.qr(A, mode="reduced")),
        (f"svd {n}x{n}", lambda: mathref.svd(A), "numpy.linalg.svd(thin)",
         lambda: np.linalg.svd(A, full_matrices=False)),
        (f"eigh {n}x{n}", lambda: mathref.eigh(S), "numpy.linalg.eigh",
         lambda: np.linalg.eigh(S)),
        (f"cholesky {n}x{n}", lambda: mathref.cholesky(S), "scipy.linalg.cholesky",
         lambda: sla.cholesky(S, lower=True)),
        (f"lu {n}x{n}", lambda: mathref.lu(A), "scipy.linalg.lu", lambda: sla.lu(A)),
        ("pca 100000x50", lambda: mathref.pca(X), "sklearn PCA(full).fit_transform",
         lambda: PCA(svd_solver="full").fit_transform(X)),
        ("pca 100000x50", lambda: mathref.pca(X), "sklearn PCA(full).fit",
         lambda: PCA(svd_solver="full").fit(X)),
    ]
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, python "
          f"{platform.python_version()}, {platform.machine()}; median of {args.repeat}, "
          f"BLAS threads: {args.threads or 'default'}")
    print(f"{'case':<18} {'peer':<34} {'mathref s':>10} {'peer s':>10} {'ratio':>7}")
    for name, ours, peer_name, peer in cases:
        t_ours, t_peer = paired_medians(ours, peer, args.repeat)
        print(f"{name:<18} {peer_name:<34} {t_ours:>10.4f} {t_peer:>10.4f} "
              f"{t_ours / t_peer:>7.2f}")


if __name__ == "__main__":
    main()
