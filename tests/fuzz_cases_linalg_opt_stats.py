"""Fuzz cases for linalg, optimization and statistics (see fuzz_cases.py for the format)."""
from __future__ import annotations

import numpy as np

_A = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]       # symmetric positive definite
_B = [[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]]                       # 3 x 2, full column rank
_N = [[4.0, 1.0, 0.0], [2.0, 3.0, 1.0], [0.0, 1.0, 5.0]]        # not symmetric
_RANK1 = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]
_ROT = [[0.6, -0.8], [0.8, 0.6]]
_X = np.random.default_rng(0).normal(size=(12, 3)).tolist()
_DATA = [2.0, 3.5, 1.0, 4.0, 2.5, 3.0, 1.5, 5.0, 2.0, 3.0]


# The callables work for a point of any shape, so that a corrupted x0 (a scalar, a longer
# vector) reaches the module's own checks instead of failing inside the callable.
def _QUAD(x):
    x = np.asarray(x, dtype=float)
    return float(np.sum(0.5 * x * x + x))


def _QUAD_GRAD(x):
    return np.asarray(x, dtype=float) + 1.0


_WEIGHTS = np.array([1.0, 2.0, 0.5, 1.5, 1.0, 3.0])


def _GRAD_I(x, idx):
    """Mean gradient over ``idx`` of f_i(x) = w_i ||x - 1||^2 / 2: every f_i has its
    minimum at 1 (an interpolating problem), so constant-step SGD converges."""
    return (np.asarray(x, dtype=float) - 1.0) * float(np.mean(_WEIGHTS[np.asarray(idx)]))


def _CONSTRAINT(x):
    """One constraint, sum(x) = 1, as an array of shape (1,)."""
    return np.array([np.sum(x) - 1.0])


def _CONSTRAINT_JAC(x):
    return np.ones((1,) + np.shape(x))


def _PROJECT_BALL(y):
    y = np.asarray(y, dtype=float)
    norm = float(np.linalg.norm(y))
    return y if norm <= 1.0 else y / norm


# statistics
def _GAUSS_NLL(theta):
    """Unit-variance Gaussian negative log-likelihood of _DATA, one mean per coordinate."""
    theta = np.ravel(np.asarray(theta, dtype=float))
    z = np.asarray(_DATA)[:, None] - theta[None, :]
    return float(0.5 * np.sum(z * z))


def _MEAN(sample):
    return float(np.mean(sample))


VALID_CASES = {
    # linear algebra (lp_norm and matrix_norm are in fuzz_cases.py)
    "cosine_similarity": lambda: (([1.0, 2.0, 3.0], [0.0, 2.0, 5.0]), {}),
    "vector_projection": lambda: (([1.0, 2.0, 3.0], [0.0, 2.0, 5.0]), {}),
    "projection_matrix": lambda: ((_B,), {}),
    "project": lambda: (([1.0, 2.0, 3.0], _B), {}),
    "least_squares": lambda: ((_B, [1.0, 2.0, 3.0]), {}),
    "gram_schmidt": lambda: ((_B,), {}),
    "qr": lambda: ((_B,), {}),
    "lu": lambda: ((_N,), {}),
    "cholesky": lambda: ((_A,), {}),
    "eigh": lambda: ((_A,), {}),
    "eig": lambda: ((_N,), {}),
    "svd": lambda: ((_B,), {}),
    "low_rank_approximation": lambda: ((_N, 2), {}),
    "rank": lambda: ((_RANK1,), {"tol": 1e-10}),
    "null_space": lambda: ((_RANK1,), {"tol": 1e-10}),
    "column_space": lambda: ((_RANK1,), {"tol": 1e-10}),
    "is_symmetric": lambda: ((_A,), {"rtol": 1e-10, "atol": 1e-12}),
    "is_positive_definite": lambda: ((_A,), {}),
    "is_orthogonal": lambda: ((_ROT,), {"atol": 1e-10}),
    "condition_number": lambda: ((_A,), {}),
    "pca": lambda: ((_X, 2), {}),
    # optimization: grad(x) has the shape of x; grad_i(x, idx) averages over idx
    "gradient_descent": lambda: ((_QUAD_GRAD, [1.0, -2.0], 0.1),
                                 {"max_iter": 50, "tol": 1e-8}),
    "stochastic_gradient_descent": lambda: ((_GRAD_I, [0.0, 0.0], 6, 0.1),
                                            {"batch_size": 2, "epochs": 5, "rng": 0,
                                             "tol": 1e-8}),
    "adam": lambda: ((_QUAD_GRAD, [1.0, -2.0]),
                     {"learning_rate": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
                      "max_iter": 50, "tol": 1e-8}),
    "armijo_step": lambda: ((_QUAD, _QUAD_GRAD, [1.0, -2.0], [-2.0, 2.0]),
                            {"c": 1e-4, "factor": 0.5, "max_backtracks": 50}),
    "max_stable_learning_rate": lambda: ((_A,), {}),
    # g(x) returns the constraint values, shape (m,); jac_g(x) shape (m, n)
    "lagrangian": lambda: ((_QUAD, _CONSTRAINT, [1.0, -2.0], [0.5]), {}),
    "solve_equality_qp": lambda: ((_A, [1.0, 0.0, -1.0], [[1.0, 1.0, 1.0]], [1.0]), {}),
    "kkt_residual": lambda: ((_QUAD_GRAD, _CONSTRAINT_JAC, _CONSTRAINT, [1.0, -2.0], [0.5]),
                             {}),
    "dual_ascent": lambda: ((_A, [1.0, 0.0, -1.0], [[1.0, 1.0, 1.0]], [1.0]),
                            {"step": 0.5, "max_iter": 50, "tol": 1e-10}),
    "project_onto_simplex": lambda: (([0.5, 1.2, -0.3],), {}),
    "project_onto_ball": lambda: (([3.0, 4.0],), {"radius": 2.0}),
    "projected_gradient_descent": lambda: ((_QUAD_GRAD, _PROJECT_BALL, [1.0, -2.0], 0.1),
                                           {"max_iter": 50, "tol": 1e-8}),
    "max_entropy_distribution": lambda: (([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 4.5), {}),
    # statistics
    "mle_bernoulli": lambda: (([0.0, 1.0, 1.0, 0.0, 1.0],), {}),
    "mle_gaussian": lambda: (([1.0, 2.0, 4.0, 3.5],), {}),
    "map_bernoulli": lambda: (([0.0, 1.0, 1.0, 0.0, 1.0], 2.0, 2.0), {}),
    "beta_binomial_update": lambda: ((2.0, 3.0, 4, 10), {}),
    "gaussian_mean_update": lambda: ((0.0, 4.0, [1.0, 2.0, 1.5], 1.0), {}),
    # neg_log_likelihood receives a 1-D parameter point (mu, log sigma)
    "mle": lambda: ((_GAUSS_NLL, [0.0, 0.0]), {"method": "BFGS"}),
    "mean_confidence_interval": lambda: (([1.0, 2.0, 4.0, 3.5], 0.9), {}),
    "proportion_confidence_interval": lambda: ((7, 20, 0.95, "wilson"), {}),
    # statistic receives one resample shaped like data and returns a float
    "bootstrap_confidence_interval": lambda: ((_DATA, _MEAN, 0.9, 200), {"rng": 0}),
    "bias_variance_decomposition": lambda: (([[1.0, 2.0, 3.0], [1.5, 2.5, 2.5]],
                                             [1.0, 2.0, 3.0]), {}),
    "k_fold_indices": lambda: ((10, 3), {"shuffle": True, "rng": 0}),
}

METHOD_CASES: dict = {}

DOCUMENTED: set = set()
