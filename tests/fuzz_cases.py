"""One valid call per public entry (and per distribution method), for test_fuzz.py.

Each value is a function returning ``(args, kwargs)`` (for METHOD_CASES:
``(bound_method, args, kwargs)``); test_fuzz corrupts one argument at a time. DOCUMENTED
lists ``(name, label)`` pairs whose NaN-free but non-error result is documented.
"""
from __future__ import annotations

import numpy as np

import mathref as m

_P = [0.2, 0.3, 0.5]
_Q = [0.3, 0.3, 0.4]
_A = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]
_X = np.random.default_rng(0).normal(size=(12, 3)).tolist()
_HMM = ([0.6, 0.4], [[0.7, 0.3], [0.4, 0.6]], [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]], [0, 1, 2])

VALID_CASES = {
    # linear algebra
    "lp_norm": lambda: (([3.0, 4.0],), {"p": 2}),
    "matrix_norm": lambda: ((_A,), {"ord": "fro"}),
    # algorithms
    "reservoir_sample": lambda: ((list(range(20)), 3), {"rng": 0}),
    "CountMinSketch": lambda: ((64, 3), {"seed": 0}),
    "count_min_dimensions": lambda: ((0.01, 0.05), {}),
    "random_projection": lambda: ((_X, 2), {"rng": 0}),
    "jl_min_dimension": lambda: ((100, 0.2), {}),
    "minhash_signature": lambda: (([1, 2, 3],), {"n_hashes": 16, "seed": 0}),
    "estimate_jaccard": lambda: (([1, 2, 3, 4], [1, 2, 0, 0]), {}),
    "jaccard": lambda: (({1, 2}, {2, 3}), {}),
    "viterbi": lambda: (_HMM, {}),
    "hmm_forward": lambda: (_HMM, {}),
    "edit_distance": lambda: (("kitten", "sitting"), {}),
    "pagerank": lambda: (([[0, 1, 1], [0, 0, 1], [1, 0, 0]],), {"damping": 0.85}),
    "shortest_path_lengths": lambda: (([[np.inf, 1.0], [2.0, np.inf]], 0), {}),
    "top_k": lambda: (([3.0, 1.0, 2.0], 2), {}),
}

METHOD_CASES = {
    "CountMinSketch.add": lambda: (m.CountMinSketch(32, 2).add, ("x",), {"count": 2}),
    "CountMinSketch.estimate": lambda: (m.CountMinSketch(32, 2).estimate, ("x",), {}),
}

DOCUMENTED: set[tuple[str, str]] = set()
