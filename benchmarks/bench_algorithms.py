"""Algorithms against their peers, in one run: PageRank vs networkx, Viterbi at scale.

    .venv/bin/python benchmarks/bench_algorithms.py

Prints the median of repeated runs and the ratio mathref / peer. Not a test: the numbers
depend on the machine.
"""
from __future__ import annotations

import platform
import statistics
import time

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

import mathref


def median_time(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"# {platform.platform()}, Python {platform.python_version()}, "
          f"numpy {np.__version__}, networkx {nx.__version__}")
    rng = np.random.default_rng(0)
    n, m = 100_000, 1_000_000
    rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
    A = sparse.csr_matrix((np.ones(m), (rows, cols)), shape=(n, n))
    G = nx.from_scipy_sparse_array(A, create_using=nx.DiGraph)
    ours = median_time(lambda: mathref.pagerank(A, tol=1e-10), repeat=5)
    peer = median_time(lambda: nx.pagerank(G, alpha=0.85, tol=1e-10), repeat=3)
    r_ours = mathref.pagerank(A, tol=1e-10)
    r_peer = nx.pagerank(G, alpha=0.85, tol=1e-10)
    diff = max(abs(r_ours[i] - r_peer[i]) for i in range(n))
    print(f"pagerank   n=1e5, edges=1e6  mathref {ours:.3f} s  networkx {peer:.3f} s  "
          f"ratio {ours / peer:.3f}  max|diff| {diff:.1e}")

    K, T = 50, 100_000
    def rows_(shape):
        x = rng.random(shape) + 0.01
        return x / x.sum(axis=-1, keepdims=True)
    initial, transition, emission = rows_(K), rows_((K, K)), rows_((K, 20))
    obs = rng.integers(0, 20, T)
    t = median_time(lambda: mathref.viterbi(initial, transition, emission, obs), repeat=3)
    f = median_time(lambda: mathref.hmm_forward(initial, transition, emission, obs), repeat=3)
    print(f"viterbi    T=1e5, K=50       mathref {t:.3f} s ({t / T * 1e6:.1f} µs per step)")
    print(f"hmm_forward T=1e5, K=50      mathref {f:.3f} s ({f / T * 1e6:.1f} µs per step)")

    W = sparse.random(20_000, 20_000, density=5e-4, random_state=2, format="csr")
    ours = median_time(lambda: mathref.shortest_path_lengths(W, 0), repeat=3)
    peer = median_time(lambda: dijkstra(W, directed=True, indices=0), repeat=3)
    print(f"dijkstra   n=2e4, edges=2e5  mathref {ours:.3f} s  scipy.csgraph {peer:.3f} s  "
          f"ratio {ours / peer:.2f}")


if __name__ == "__main__":
    main()
