"""One valid call per public entry (and per distribution method), for test_fuzz.py.

Each value is a function returning ``(args, kwargs)`` (for METHOD_CASES:
``(bound_method, args, kwargs)``); test_fuzz corrupts one argument at a time. DOCUMENTED
lists ``(name, label pattern)`` pairs (``fnmatch`` patterns) whose NaN-holding result is
documented in the entry's docstring; each pair carries a comment saying where.
"""
from __future__ import annotations

import numpy as np

import mathref as m

_P = [0.2, 0.3, 0.5]
_Q = [0.3, 0.3, 0.4]
_A = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]
_X = np.random.default_rng(0).normal(size=(12, 3)).tolist()
_HMM = ([0.6, 0.4], [[0.7, 0.3], [0.4, 0.6]], [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]], [0, 1, 2])
_JOINT = [[0.1, 0.2], [0.3, 0.4]]


def _GAUSS(x):
    return np.exp(-np.pi * np.asarray(x) ** 2)


def _SQUARE_WAVE(t):
    return np.where(np.asarray(t) < np.pi, 1.0, -1.0)


def _DIST(a, b):
    return float(np.linalg.norm(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)))


def _KERNEL(a, b):
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    return float(np.exp(-0.5 * np.sum(d * d)))


def _SIN(t):
    return float(np.sin(t))


def _BELL(t):
    return float(np.exp(-t * t))


def _SUMSQ(x):
    return float(np.sum(np.asarray(x) ** 2))


def _SUMSQ_GRAD(x):
    return 2.0 * np.asarray(x, dtype=float)


def _SINV(x):
    return np.sin(np.asarray(x, dtype=float))


def _SUMSQ_ROWS(p):
    return np.sum(np.asarray(p, dtype=float) ** 2, axis=-1)

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
    # fourier
    "dft": lambda: (([1.0, 2.0, 0.0, -1.0],), {}),
    "idft": lambda: (([2.0, 1.0 - 3.0j, 0.0, 1.0 + 3.0j],), {}),
    "dft_matrix": lambda: ((4,), {}),
    "dft_frequencies": lambda: ((8,), {"d": 0.5}),
    "power_spectrum": lambda: (([1.0, 2.0, 0.0, -1.0],), {}),
    "convolve": lambda: (([1.0, 2.0, 3.0], [0.0, 1.0, 0.5]), {}),
    "circular_convolve": lambda: (([1.0, 2.0, 3.0], [0.0, 1.0, 0.5]), {}),
    "parseval_energies": lambda: (([1.0, 2.0, 0.0, -1.0],), {}),
    # f receives a 1-D array of points and returns one value per point
    "fourier_transform": lambda: ((_GAUSS, [0.0, 0.5]), {"limit": 6.0}),
    "fourier_series_coefficients": lambda: ((_SQUARE_WAVE, 3, 2 * np.pi),
                                            {"n_samples": 64}),
    # analysis
    "euclidean_distance": lambda: (([1.0, 2.0, 3.0], [0.0, 2.0, 5.0]), {}),
    "cosine_distance": lambda: (([1.0, 2.0, 3.0], [0.0, 2.0, 5.0]), {}),
    "mahalanobis_distance": lambda: (([1.0, 2.0, 3.0], [0.0, 2.0, 5.0], _A), {}),
    # distance(a, b) on two points (rows of points), returning a float
    "check_metric_axioms": lambda: ((_DIST, [[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]]),
                                    {"rtol": 1e-10}),
    "rbf_kernel": lambda: ((_X[:4], _X[4:7], 0.5), {}),
    "cauchy_kernel": lambda: ((_X[:4], _X[4:7], 0.5), {}),
    # kernel(a, b) on two rows of X, returning a float
    "gram_matrix": lambda: ((_KERNEL, _X[:4]), {}),
    "is_positive_semidefinite": lambda: ((_A,), {"tol": 1e-10}),
    "convergence_order": lambda: (([1e-1, 1e-2, 1e-4, 1e-8],), {}),
    # information
    "entropy": lambda: ((_P,), {"base": 2.0}),
    "cross_entropy": lambda: ((_P, _Q), {"base": 2.0}),
    "kl_divergence": lambda: ((_P, _Q), {"base": 2.0}),
    "js_divergence": lambda: ((_P, _Q), {"base": 2.0}),
    "joint_entropy": lambda: ((_JOINT,), {"base": 2.0}),
    "conditional_entropy": lambda: ((_JOINT,), {"base": 2.0}),
    "mutual_information": lambda: ((_JOINT,), {"base": 2.0}),
    "information_gain": lambda: (([4.0, 6.0], [[1.0, 5.0], [3.0, 1.0]]), {"base": 2.0}),
    "perplexity": lambda: ((_P,), {"base": 2.0}),
    "kl_divergence_gaussian": lambda: (([0.0, 1.0], [[1.0, 0.2], [0.2, 2.0]], [0.5, 0.0],
                                        [[2.0, 0.5], [0.5, 1.0]]), {}),
    # losses
    "logsumexp": lambda: (([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]],), {"axis": 1}),
    "softmax": lambda: (([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]],), {"axis": -1}),
    "log_softmax": lambda: (([[1.0, 2.0, 3.0], [0.5, -1.0, 4.0]],), {"axis": -1}),
    "sigmoid": lambda: (([-2.0, 0.0, 3.0],), {}),
    "log_sigmoid": lambda: (([-2.0, 0.0, 3.0],), {}),
    "binary_cross_entropy": lambda: (([0.0, 1.0, 1.0], [0.2, 0.7, 0.9]), {}),
    "binary_cross_entropy_with_logits": lambda: (([0.0, 1.0, 1.0], [-1.0, 0.5, 2.0]), {}),
    "categorical_cross_entropy": lambda: (([0, 2, 1], [[1.0, 0.0, -1.0], [0.5, 0.2, 2.0],
                                                       [0.0, 3.0, 1.0]]), {}),
    "mean_squared_error": lambda: (([1.0, 2.0, 3.0], [1.5, 2.0, 2.0]), {}),
    "huber_loss": lambda: (([1.0, 2.0, 3.0], [1.5, 2.0, 0.0]), {"delta": 1.0}),
    "hinge_loss": lambda: (([-1.0, 1.0, 1.0], [0.5, -0.3, 2.0]), {}),
    # calculus: f(t) of one float (derivative, integrate); f(x) of a 1-D point (the rest)
    "derivative": lambda: ((_SIN, 0.5), {"order": 1, "step": 0.125}),
    "gradient": lambda: ((_SUMSQ, [0.5, -1.0, 2.0]), {"step": 0.125}),
    "jacobian": lambda: ((_SINV, [0.5, -1.0, 2.0]), {"step": 0.125}),
    "hessian": lambda: ((_SUMSQ, [0.5, -1.0, 2.0]), {"step": 0.125}),
    "laplacian": lambda: ((_SUMSQ, [0.5, -1.0, 2.0]), {"step": 0.125}),
    "divergence": lambda: ((_SINV, [0.5, -1.0, 2.0]), {"step": 0.125}),
    "directional_derivative": lambda: ((_SUMSQ, [0.5, -1.0, 2.0], [1.0, 1.0, 0.0]),
                                       {"step": 0.125}),
    "gradient_check": lambda: ((_SUMSQ, _SUMSQ_GRAD, [0.5, -1.0, 2.0]), {"step": 0.125}),
    "integrate": lambda: ((_BELL, 0.0, 2.0), {"rtol": 1e-10, "atol": 1e-12}),
    "trapezoid": lambda: (([0.0, 1.0, 4.0, 9.0], [0.0, 1.0, 2.0, 3.0]), {}),
    "simpson": lambda: (([0.0, 1.0, 4.0, 9.0, 16.0], [0.0, 1.0, 2.0, 3.0, 4.0]), {}),
    # f receives all n points at once: shape (n, d) for vector bounds
    "monte_carlo_integrate": lambda: ((_SUMSQ_ROWS, [0.0, 0.0], [1.0, 2.0], 200), {"rng": 0}),
}

METHOD_CASES = {
    "CountMinSketch.add": lambda: (m.CountMinSketch(32, 2).add, ("x",), {"count": 2}),
    "CountMinSketch.estimate": lambda: (m.CountMinSketch(32, 2).estimate, ("x",), {}),
}

DOCUMENTED: set[tuple[str, str]] = {
    # reservoir_sample returns "k items of the stream" as they are: a NaN among the items
    # (the "nan inside" corruption, or a random array whose rows hold NaN) is data
    # sampled, not a value computed from invalid input.
    ("reservoir_sample", "arg 0: *"),
}

# The cases of the other chapters live in their own files (written in parallel) and are
# merged here, so test_fuzz reads one table.
from fuzz_cases_linalg_opt_stats import (  # noqa: E402
    DOCUMENTED as _DOCUMENTED_2,
    METHOD_CASES as _METHODS_2,
    VALID_CASES as _VALID_2,
)
from fuzz_cases_prob_diag import (  # noqa: E402
    DOCUMENTED as _DOCUMENTED_3,
    METHOD_CASES as _METHODS_3,
    VALID_CASES as _VALID_3,
)

VALID_CASES.update(_VALID_2)
VALID_CASES.update(_VALID_3)
METHOD_CASES.update(_METHODS_2)
METHOD_CASES.update(_METHODS_3)
DOCUMENTED |= _DOCUMENTED_2 | _DOCUMENTED_3
