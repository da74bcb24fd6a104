"""Optimization: descent methods, step sizes, Lagrangians and KKT conditions, projections."""
from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple

import numpy as np

from ._validate import (
    allocation_guard,
    as_array,
    as_callable,
    as_int,
    as_matrix,
    as_positive_scalar,
    as_rng,
    as_scalar,
    as_scalar_in_range,
    as_symmetric_matrix,
    as_vector,
    describe,
)

__all__ = [
    "gradient_descent",
    "stochastic_gradient_descent",
    "adam",
    "armijo_step",
    "max_stable_learning_rate",
    "lagrangian",
    "solve_equality_qp",
    "kkt_residual",
    "dual_ascent",
    "project_onto_simplex",
    "project_onto_ball",
    "projected_gradient_descent",
    "max_entropy_distribution",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "gradient_descent": ("Gradient descent",
                         ("steepest descent", "GD", "batch gradient descent",
                          "full-batch gradient descent", "learning rate", "step size")),
    "stochastic_gradient_descent": ("Stochastic (mini-batch) gradient descent",
                                    ("SGD", "mini-batch gradient descent", "minibatch",
                                     "epoch", "batch size", "stochastic gradient")),
    "adam": ("Adam optimiser",
             ("Adam", "adaptive moment estimation", "bias correction", "Kingma Ba",
              "adaptive learning rate", "first and second moment estimates")),
    "armijo_step": ("Armijo backtracking line search",
                    ("backtracking line search", "Armijo condition", "sufficient decrease",
                     "line search", "step length")),
    "max_stable_learning_rate": ("Largest stable learning rate 2/λ_max",
                                 ("2/L", "stability threshold", "learning rate too large",
                                  "divergence", "largest eigenvalue of the Hessian",
                                  "edge of stability", "smoothness constant")),
    "lagrangian": ("Lagrangian of an equality-constrained problem",
                   ("Lagrange multipliers", "Lagrange function", "constrained optimization",
                    "method of Lagrange multipliers")),
    "solve_equality_qp": ("Equality-constrained quadratic program (KKT system)",
                          ("QP", "quadratic programming", "KKT matrix", "saddle-point system",
                           "equality constraints", "Lagrange multipliers")),
    "kkt_residual": ("KKT residual (stationarity and feasibility)",
                     ("KKT conditions", "Karush-Kuhn-Tucker", "first-order optimality",
                      "stationarity", "primal feasibility", "optimality check")),
    "dual_ascent": ("Dual ascent",
                    ("dual decomposition", "Lagrange dual", "dual function", "duality gap",
                     "primal-dual method", "Uzawa")),
    "project_onto_simplex": ("Euclidean projection onto the probability simplex",
                             ("simplex projection", "sparsemax", "Duchi",
                              "projection onto probability vectors")),
    "project_onto_ball": ("Euclidean projection onto an ℓ2 ball",
                          ("ball projection", "norm constraint", "gradient clipping by norm",
                           "clip by norm", "L2 ball")),
    "projected_gradient_descent": ("Projected gradient descent",
                                   ("PGD", "constrained gradient descent",
                                    "gradient projection", "gradient mapping")),
    "max_entropy_distribution": ("Maximum-entropy distribution with a given mean",
                                 ("maximum entropy", "MaxEnt", "Gibbs distribution",
                                  "Boltzmann distribution", "exponential family",
                                  "Jaynes dice", "Brandeis dice")),
}


# --------------------------------------------------------------------------- results


class OptimizeResult(NamedTuple):
    """The result of an iterative minimiser.

    Attributes
    ----------
    x : float or numpy.ndarray
        The last iterate (a float when ``x0`` was a scalar).
    n_iter : int
        The number of parameter updates made.
    converged : bool
        Whether the method's stopping test passed (each method states its test);
        ``False`` when it ran out of iterations or an iterate became non-finite.
    history : numpy.ndarray
        The iterates, ``x0`` first, one row per iterate (see each method for which
        iterates are recorded).
    """

    x: Any
    n_iter: int
    converged: bool
    history: np.ndarray


class EqualityQPResult(NamedTuple):
    """The solution of an equality-constrained quadratic program.

    Attributes
    ----------
    x : numpy.ndarray
        The minimiser, one entry per variable.
    lam : numpy.ndarray
        The Lagrange multipliers, one per constraint, in the sign of :func:`lagrangian`
        (:math:`Qx + c + A^\\top \\lambda = 0`).
    """

    x: np.ndarray
    lam: np.ndarray


class KKTResidual(NamedTuple):
    """The two KKT residual norms of an equality-constrained problem.

    Attributes
    ----------
    stationarity : float
        :math:`\\|\\nabla f(x) + J_g(x)^\\top \\lambda\\|_2`.
    feasibility : float
        :math:`\\|g(x)\\|_2`.
    """

    stationarity: float
    feasibility: float


class DualAscentResult(NamedTuple):
    """The result of :func:`dual_ascent`.

    Attributes
    ----------
    x : numpy.ndarray
        The minimiser of the Lagrangian at the final multipliers.
    lam : numpy.ndarray
        The final multipliers, one per constraint.
    n_iter : int
        The number of multiplier updates.
    converged : bool
        Whether the primal residual passed the test.
    gap_history : numpy.ndarray
        The duality gap at every iterate, ``n_iter + 1`` values (non-negative, tends
        to 0).
    """

    x: np.ndarray
    lam: np.ndarray
    n_iter: int
    converged: bool
    gap_history: np.ndarray


# --------------------------------------------------------------------------- helpers


def _norm(v: np.ndarray) -> float:
    """Euclidean norm without overflow or underflow (scaled by the largest entry)."""
    flat = np.ravel(v)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        squares = flat.dot(flat)
    if 1e-280 < squares < 1e280:  # fast path: no overflow or underflow possible
        return math.sqrt(float(squares))
    a = np.abs(flat)
    if a.size == 0:
        return 0.0
    m = float(np.max(a))
    if m == 0.0 or not math.isfinite(m):
        return m
    s = a / m
    return m * math.sqrt(float(np.dot(s, s)))


def _as_point(value: Any, name: str) -> np.ndarray:
    """A finite point: a scalar (0-d) or a 1-D vector, as float64."""
    return as_array(value, name, ndim=(0, 1)).astype(np.float64, copy=False)


def _arg(x: np.ndarray) -> Any:
    """What a user callable receives: a float for a scalar point, else a copy."""
    return float(x) if x.ndim == 0 else x.copy()


def _as_float_array(out: Any, name: str) -> np.ndarray:
    arr = np.asarray(out)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return real numbers, returned {describe(out)}")
    return arr.astype(np.float64, copy=False)


def _call_shaped(fn: Callable[..., Any], name: str, x: np.ndarray, shape: tuple[int, ...],
                 what: str, *args: Any) -> np.ndarray:
    """Call ``fn(x, *args)`` and check the shape of what it returns (not finiteness)."""
    arr = _as_float_array(fn(_arg(x), *args), name)
    if arr.shape != shape:
        raise ValueError(f"{name} must return {what} of shape {shape}, returned "
                         f"{describe(arr)} at x = {describe(x)}")
    return arr


def _call_scalar(fn: Callable[..., Any], name: str, x: np.ndarray) -> float:
    """Call a scalar function; its value must be a finite real number."""
    arr = _as_float_array(fn(_arg(x)), name)
    if arr.ndim != 0:
        raise ValueError(f"{name} must return a scalar, returned {describe(arr)} "
                         f"at x = {describe(x)}")
    value = float(arr)
    if not math.isfinite(value):
        raise ValueError(f"{name} returned a non-finite value {value!r} at x = {describe(x)}")
    return value


def _check_finite_output(arr: np.ndarray, name: str, x: np.ndarray) -> np.ndarray:
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} returned a non-finite value {describe(arr)} "
                         f"at x = {describe(x)}")
    return arr


def _all_finite(x: np.ndarray) -> bool:
    """Whether every entry is finite."""
    return bool(np.isfinite(x).all())


def _out(x: np.ndarray) -> Any:
    return float(x) if x.ndim == 0 else x


def _iterate(grad: Callable[..., Any], x: np.ndarray, max_iter: int, tol: float,
             step: Callable[[np.ndarray, np.ndarray, int], tuple[float, np.ndarray]]
             ) -> OptimizeResult:
    """The loop shared by the deterministic first-order methods.

    ``step(x, g, k)`` returns (stationarity measure at x, next iterate). The loop stops
    when the measure is at most ``tol`` (converged), after ``max_iter`` updates, or when
    an iterate or a gradient after the first is non-finite (diverged).
    """
    history = [x]
    converged = False
    for k in range(max_iter + 1):
        g = _call_shaped(grad, "grad", x, x.shape, "a gradient")
        if not _all_finite(g):
            if k == 0:
                _check_finite_output(g, "grad", x)
            break  # the gradient overflowed along a diverging path
        measure, x_next = step(x, g, k)
        if measure <= tol:
            converged = True
            break
        if k == max_iter:
            break
        history.append(x_next)
        x = x_next
        if not _all_finite(x):
            break
    return OptimizeResult(_out(x), len(history) - 1, converged, np.array(history))


# --------------------------------------------------------------------------- descent


def gradient_descent(grad: Callable[..., Any], x0: Any, learning_rate: float,
                     max_iter: int = 1000, tol: float = 1e-8) -> OptimizeResult:
    r"""Minimise a differentiable function by gradient descent with a fixed step size.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient :math:`\nabla f(x)`, with the shape of ``x``
        (a float for a scalar ``x0``).
    x0 : float or array_like, shape (n,)
        The starting point; finite.
    learning_rate : float
        The step size :math:`\eta > 0`.
    max_iter : int, default 1000
        The largest number of updates (``0`` only evaluates the gradient at ``x0``).
    tol : float, default 1e-8
        Stop (converged) when :math:`\|\nabla f(x_k)\|_2 \le` ``tol``.

    Returns
    -------
    OptimizeResult
        ``(x, n_iter, converged, history)``: the last iterate, the number of updates,
        whether the gradient test passed, and the iterates ``x_0, ..., x_{n_iter}``
        (shape ``(n_iter + 1, n)``, or ``(n_iter + 1,)`` for a scalar ``x0``).

    Raises
    ------
    ValueError
        If ``x0`` is not a finite scalar or 1-D array, ``learning_rate`` is not positive,
        ``max_iter`` is negative, ``tol`` is negative, or ``grad`` returns the wrong shape
        or a non-finite value at ``x0``.
    TypeError
        If ``grad`` is not callable or returns something that is not numbers.

    See Also
    --------
    max_stable_learning_rate : the largest step size that does not diverge on a quadratic.
    armijo_step : choose the step size by backtracking instead.
    adam, stochastic_gradient_descent, projected_gradient_descent

    Notes
    -----
    .. math::

        x_{k+1} = x_k - \eta \nabla f(x_k), \qquad \text{stop when }
        \left\| \nabla f(x_k) \right\|_2 \le \varepsilon

    where :math:`x_k` is the :math:`k`-th iterate (:math:`x_0` the starting point),
    :math:`\eta` the learning rate, :math:`\nabla f(x_k)` the gradient of the objective at
    :math:`x_k` and :math:`\varepsilon` the tolerance (the argument tol).

    Each step moves against the gradient, the direction in which :math:`f` decreases
    fastest. On a quadratic with Hessian :math:`H` the error is multiplied by
    :math:`I - \eta H` at every step, so the iteration converges exactly when
    :math:`0 < \eta < 2/\lambda_{\max}(H)`; the number of steps grows with the condition
    number :math:`\lambda_{\max}/\lambda_{\min}`.

    Divergence is a result, not an error: when an iterate overflows to ``inf``, or a
    gradient after the first is non-finite (the user's gradient overflowed on the
    diverging path), the loop stops with ``converged=False``; ``x`` and the last row of
    ``history`` are the last iterate computed (the non-finite one, if the iterate itself
    overflowed), so the blow-up can be plotted.
    The gradient norm is computed scaled by its largest entry, so the stopping test does
    not overflow for gradients near ``1e200``.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006,
       chapter 3.
    .. [2] S. Boyd and L. Vandenberghe, *Convex Optimization*, Cambridge University Press,
       2004, section 9.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import gradient_descent
    >>> gradient_descent(lambda x: 2 * (x - 3.0), 0.0, learning_rate=0.25).x
    3.0

    A quadratic :math:`\frac{1}{2}x^\top H x - b^\top x`, whose minimiser solves
    :math:`Hx = b`:

    >>> H = np.array([[3.0, 1.0], [1.0, 2.0]])
    >>> b = np.array([1.0, -1.0])
    >>> res = gradient_descent(lambda x: H @ x - b, [0.0, 0.0], learning_rate=0.3)
    >>> res.converged, res.n_iter
    (True, 35)
    >>> bool(np.allclose(res.x, np.linalg.solve(H, b)))
    True

    A step above :math:`2/\lambda_{\max} \approx 0.55` diverges (no exception: the result
    says so):

    >>> bad = gradient_descent(lambda x: H @ x - b, [0.0, 0.0], learning_rate=1.0,
    ...                        max_iter=100)
    >>> bad.converged, f"{np.linalg.norm(bad.x):.1e}"
    (False, '5.6e+40')
    """
    grad = as_callable(grad, "grad")
    x = _as_point(x0, "x0")
    eta = as_positive_scalar(learning_rate, "learning_rate")
    max_iter = as_int(max_iter, "max_iter", minimum=0)
    tol = as_positive_scalar(tol, "tol", allow_zero=True)

    def step(x: np.ndarray, g: np.ndarray, k: int) -> tuple[float, np.ndarray]:
        with np.errstate(over="ignore", invalid="ignore"):
            return _norm(g), x - eta * g

    return _iterate(grad, x, max_iter, tol, step)


def stochastic_gradient_descent(grad_i: Callable[..., Any], x0: Any, n_samples: int,
                                learning_rate: float, batch_size: int = 1, epochs: int = 10,
                                rng: Any = None, *, tol: float = 1e-8) -> OptimizeResult:
    r"""Minimise an average of per-sample losses by mini-batch stochastic gradient descent.

    Parameters
    ----------
    grad_i : callable
        ``grad_i(x, idx)`` returns the mean gradient :math:`\frac{1}{|B|}\sum_{i \in B}
        \nabla f_i(x)` over the samples whose indices are in the integer array ``idx``,
        with the shape of ``x``.
    x0 : float or array_like, shape (n,)
        The starting point; finite.
    n_samples : int
        The number :math:`N \ge 1` of samples; indices run over ``0 .. N - 1``.
    learning_rate : float
        The step size :math:`\eta > 0` (constant).
    batch_size : int, default 1
        Samples per update, ``1 <= batch_size <= n_samples``. When it does not divide
        ``n_samples`` the last batch of each epoch is smaller.
    epochs : int, default 10
        Passes over the data (``0`` only evaluates the full gradient at ``x0``).
    rng : numpy.random.Generator, int or None, default None
        The source of the shuffles; an int seed gives the same run every time.
    tol : float, default 1e-8
        Convergence tolerance on the full gradient, checked once per epoch.

    Returns
    -------
    OptimizeResult
        ``x`` the last iterate; ``n_iter`` the number of mini-batch updates; ``converged``
        ``True`` when the full-batch gradient norm :math:`\|\frac{1}{N}\sum_i \nabla
        f_i(x)\|_2`, evaluated with ``grad_i(x, arange(N))`` at ``x0`` and after every
        epoch, was at most ``tol`` (the run then stops early); ``history`` the iterate at
        the start and at the end of every epoch, shape ``(epochs_run + 1, n)`` (one row
        per epoch, not per update, so that long runs stay small).

    Raises
    ------
    ValueError
        If ``x0`` is not finite, ``n_samples``, ``batch_size`` or ``epochs`` is out of
        range (``n_samples`` too large for its index array), ``learning_rate`` is not
        positive, ``tol`` is negative, or ``grad_i`` returns the wrong shape or a
        non-finite value at ``x0``.
    TypeError
        If ``grad_i`` is not callable or ``rng`` is not a Generator, int or None.

    See Also
    --------
    gradient_descent : the full-batch method.
    adam : per-coordinate adaptive steps.

    Notes
    -----
    .. math::

        x \leftarrow x - \eta \, \frac{1}{|B|} \sum_{i \in B} \nabla f_i(x),
        \qquad f(x) = \frac{1}{N} \sum_{i=1}^{N} f_i(x)

    where :math:`x` is the parameter vector, :math:`\eta` the learning rate,
    :math:`B` the current mini-batch of sample indices, :math:`f_i` the loss on sample
    :math:`i` and :math:`N` the number of samples.

    Every epoch draws a fresh random permutation of the samples and cuts it into
    consecutive batches (sampling without replacement), so each sample is used once per
    epoch. The mini-batch gradient is an unbiased estimate of :math:`\nabla f(x)` whose
    variance falls like :math:`1/|B|`; with a constant step the iterates do not settle on
    the minimiser but wander in a region whose size is proportional to :math:`\eta` times
    that variance. Only when every :math:`\nabla f_i` vanishes at the minimiser (an
    interpolating model, e.g. consistent least squares) does constant-step SGD converge,
    which is when ``converged`` can become ``True``. As in :func:`gradient_descent`, a
    non-finite iterate stops the run with ``converged=False`` instead of raising.

    References
    ----------
    .. [1] L. Bottou, F. E. Curtis and J. Nocedal, "Optimization methods for large-scale
       machine learning", *SIAM Review* 60(2), 223-311, 2018.

    Examples
    --------
    Least squares :math:`f_i(x) = \frac{1}{2}(a_i^\top x - y_i)^2` with consistent data:

    >>> import numpy as np
    >>> from mathref import stochastic_gradient_descent
    >>> rng = np.random.default_rng(0)
    >>> A = rng.normal(size=(100, 3)); x_true = np.array([1.0, -2.0, 0.5]); y = A @ x_true
    >>> def grad_i(x, idx):
    ...     return A[idx].T @ (A[idx] @ x - y[idx]) / len(idx)
    >>> res = stochastic_gradient_descent(grad_i, np.zeros(3), 100, 0.05, batch_size=10,
    ...                                   epochs=200, rng=1)
    >>> res.converged, bool(np.allclose(res.x, x_true))
    (True, True)
    """
    grad_i = as_callable(grad_i, "grad_i")
    x = _as_point(x0, "x0")
    n = as_int(n_samples, "n_samples", minimum=1)
    eta = as_positive_scalar(learning_rate, "learning_rate")
    batch = as_int(batch_size, "batch_size", minimum=1, maximum=n)
    epochs = as_int(epochs, "epochs", minimum=0)
    tol = as_positive_scalar(tol, "tol", allow_zero=True)
    generator = as_rng(rng)
    with allocation_guard(f"n_samples = {n}"):
        everything = np.arange(n)

    def full_gradient_norm(x: np.ndarray, first: bool) -> float:
        g = _call_shaped(grad_i, "grad_i", x, x.shape, "a gradient", everything)
        if first:
            _check_finite_output(g, "grad_i", x)
        return _norm(g) if np.all(np.isfinite(g)) else math.inf

    history = [x]
    converged = full_gradient_norm(x, True) <= tol
    n_updates = 0
    diverged = False
    for _ in range(0 if converged else epochs):
        order = generator.permutation(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            g = _call_shaped(grad_i, "grad_i", x, x.shape, "a gradient", idx)
            with np.errstate(over="ignore", invalid="ignore"):
                x = x - eta * g
            n_updates += 1
            if not np.all(np.isfinite(x)):
                diverged = True
                break
        history.append(x)
        if diverged:
            break
        if full_gradient_norm(x, False) <= tol:
            converged = True
            break
    return OptimizeResult(_out(x), n_updates, converged, np.array(history))


def adam(grad: Callable[..., Any], x0: Any, learning_rate: float = 1e-3, beta1: float = 0.9,
         beta2: float = 0.999, eps: float = 1e-8, max_iter: int = 1000,
         tol: float = 1e-8) -> OptimizeResult:
    r"""Minimise a function with Adam, the bias-corrected adaptive-moment method.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient (or a stochastic estimate of it) with the shape
        of ``x``.
    x0 : float or array_like, shape (n,)
        The starting point; finite.
    learning_rate : float, default 1e-3
        The step size :math:`\alpha > 0`.
    beta1, beta2 : float, default 0.9 and 0.999
        Decay rates of the first- and second-moment averages, in :math:`[0, 1)`.
    eps : float, default 1e-8
        :math:`\epsilon > 0` added to :math:`\sqrt{\hat v_t}` in the denominator.
    max_iter : int, default 1000
        The largest number of updates.
    tol : float, default 1e-8
        Stop (converged) when :math:`\|\nabla f(x_{t})\|_2 \le` ``tol``, as in
        :func:`gradient_descent`.

    Returns
    -------
    OptimizeResult
        As :func:`gradient_descent`: ``history`` holds every iterate, ``x0`` first.

    Raises
    ------
    ValueError
        If ``x0`` is not finite, ``learning_rate`` or ``eps`` is not positive, ``beta1``
        or ``beta2`` is outside :math:`[0, 1)`, ``max_iter`` or ``tol`` is negative, or
        ``grad`` returns the wrong shape or a non-finite value at ``x0``.
    TypeError
        If ``grad`` is not callable.

    See Also
    --------
    gradient_descent, stochastic_gradient_descent

    Notes
    -----
    .. math::

        \begin{aligned}
        g_t &= \nabla f(x_{t-1}), \quad m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \quad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2, \\
        \hat m_t &= \frac{m_t}{1 - \beta_1^t}, \quad \hat v_t = \frac{v_t}{1 - \beta_2^t},
        \quad x_t = x_{t-1} - \alpha \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}
        \end{aligned}

    where :math:`t = 1, 2, \dots` counts the updates, :math:`g_t` is the gradient,
    :math:`m_t` and :math:`v_t` are exponential moving averages of the gradient and of
    its elementwise square (:math:`m_0 = v_0 = 0`), :math:`\hat m_t` and :math:`\hat v_t`
    are their bias-corrected values, :math:`\alpha` is the learning rate and
    :math:`\epsilon` keeps the division finite; squares, roots and the division are taken
    elementwise.

    Because the averages start at zero they are biased towards zero early on; dividing by
    :math:`1 - \beta^t` removes that bias exactly for a constant gradient. The step of each
    coordinate is then about :math:`\alpha` times the sign of a consistent gradient,
    whatever its scale: Adam is insensitive to rescaling the objective, and its first step
    has length about :math:`\alpha` per coordinate. With noisy (stochastic) gradients the
    ratio :math:`\hat m_t / \sqrt{\hat v_t}` does not vanish at the minimiser, so with a
    fixed :math:`\alpha` Adam hovers in a region whose size scales with :math:`\alpha`;
    decay :math:`\alpha` to settle. A non-finite iterate stops the run with
    ``converged=False``.

    For a gradient entry beyond :math:`10^{154}` (a huge learning rate on a diverging
    run) :math:`g_t^2` overflows to ``inf`` and the textbook step
    :math:`\alpha \hat m_t / \sqrt{\hat v_t}` becomes ``inf/inf``, NaN. Such a step is
    recomputed as :math:`\alpha (\hat m_t / \sqrt{\hat v_t})` from :math:`\sqrt{v_t}`
    carried alongside as :math:`\operatorname{hypot}(\sqrt{\beta_2}\sqrt{v_{t-1}},
    \sqrt{1 - \beta_2}\,g_t)`, the same number without the square; every other step
    is the textbook expression, to the last bit.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: A method for stochastic optimization",
       *International Conference on Learning Representations*, 2015, Algorithm 1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import adam
    >>> round(adam(lambda x: 2 * (x - 3.0), 0.0, learning_rate=0.1, max_iter=5000).x, 6)
    3.0

    The first step has length :math:`\alpha` whatever the scale of the gradient:

    >>> first = adam(lambda x: 1e6 * x, [1.0, -1.0], learning_rate=0.01, max_iter=1)
    >>> first.history[1]
    array([ 0.99, -0.99])
    """
    grad = as_callable(grad, "grad")
    x = _as_point(x0, "x0")
    alpha = as_positive_scalar(learning_rate, "learning_rate")
    b1 = as_scalar_in_range(beta1, "beta1", 0.0, 1.0, high_open=True)
    b2 = as_scalar_in_range(beta2, "beta2", 0.0, 1.0, high_open=True)
    eps = as_positive_scalar(eps, "eps")
    max_iter = as_int(max_iter, "max_iter", minimum=0)
    tol = as_positive_scalar(tol, "tol", allow_zero=True)
    # state["r"] is sqrt(v_t) updated as a hypot (g**2 is never formed), for the steps
    # where the textbook expression overflows
    state = {"m": np.zeros_like(x), "v": np.zeros_like(x), "r": np.zeros_like(x)}
    root_b2, root_1mb2 = math.sqrt(b2), math.sqrt(1.0 - b2)

    def step(x: np.ndarray, g: np.ndarray, k: int) -> tuple[float, np.ndarray]:
        t = k + 1
        with np.errstate(over="ignore", invalid="ignore"):
            m = b1 * state["m"] + (1.0 - b1) * g
            v = b2 * state["v"] + (1.0 - b2) * (g * g)
            r = np.hypot(root_b2 * state["r"], root_1mb2 * g)
            state["m"], state["v"], state["r"] = m, v, r
            m_hat = m / (1.0 - b1**t)
            v_hat = v / (1.0 - b2**t)
            update = alpha * m_hat / (np.sqrt(v_hat) + eps)
            if not np.all(np.isfinite(update)):  # g**2 or alpha * m_hat overflowed
                update = alpha * (m_hat / (r / math.sqrt(1.0 - b2**t) + eps))
            return _norm(g), x - update

    return _iterate(grad, x, max_iter, tol, step)


def armijo_step(f: Callable[..., Any], grad: Callable[..., Any], x: Any, direction: Any, *,
                c: float = 1e-4, factor: float = 0.5, max_backtracks: int = 100) -> float:
    r"""The step length from Armijo backtracking: halve t from 1 until f decreases enough.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns the objective, a real number.
    grad : callable
        ``grad(x)`` returns :math:`\nabla f(x)`, with the shape of ``x``.
    x : float or array_like, shape (n,)
        The current point; finite, with ``f(x)`` finite.
    direction : float or array_like, shape (n,)
        The search direction :math:`d`, of the shape of ``x``; it must be a descent
        direction, :math:`\nabla f(x)^\top d < 0` (e.g. ``-grad(x)``).
    c : float, default 1e-4
        The sufficient-decrease constant, :math:`0 < c < 1`.
    factor : float, default 0.5
        The shrink factor :math:`\beta`, :math:`0 < \beta < 1` (``0.5`` halves).
    max_backtracks : int, default 100
        The most shrinks before giving up (:math:`\beta^{100} \approx 8 \times 10^{-31}`).

    Returns
    -------
    float
        The step length :math:`t \in (0, 1]`.

    Raises
    ------
    ValueError
        If ``direction`` is not a descent direction (:math:`\nabla f(x)^\top d \ge 0`), has
        the wrong shape or is not finite; if ``c`` or ``factor`` is outside
        :math:`(0, 1)`; if ``f`` or ``grad`` returns the wrong shape or a non-finite value
        at ``x``; or if no step passes within ``max_backtracks`` shrinks (usually a
        gradient that does not match ``f``).
    TypeError
        If ``f`` or ``grad`` is not callable.

    See Also
    --------
    gradient_descent : the fixed-step method this replaces.
    mathref.calculus.gradient_check : check that ``grad`` matches ``f``.

    Notes
    -----
    .. math::

        t = \max\left\{ \beta^k : k = 0, 1, 2, \dots, \;
        f(x + \beta^k d) \le f(x) + c \, \beta^k \, \nabla f(x)^\top d \right\}

    where :math:`x` is the current point, :math:`d` the search direction, :math:`\beta`
    the shrink factor (0.5), :math:`c` the sufficient-decrease constant (1e-4) and
    :math:`\nabla f(x)^\top d < 0` the slope of :math:`f` along :math:`d` at :math:`x`.

    The right-hand side is the tangent line at :math:`x` with its slope scaled down by
    :math:`c`: the step must achieve at least a fraction :math:`c` of the decrease the
    linear model predicts. For a descent direction and a smooth :math:`f` every small
    enough :math:`t` passes, so the loop ends; starting from :math:`t = 1` keeps the full
    Newton step when it is acceptable. A trial point where :math:`f` is ``inf`` or NaN
    (an overflow, or leaving the domain of a logarithm) counts as a failed trial and the
    step shrinks again. If :math:`t` has shrunk below :math:`\beta^{100}`, or so far
    that :math:`x + t d` rounds to :math:`x` (where the test would pass vacuously),
    without passing, the gradient almost always disagrees with :math:`f` (a sign error or a
    missing factor), so the function raises instead of returning a useless step.

    References
    ----------
    .. [1] L. Armijo, "Minimization of functions having Lipschitz continuous first partial
       derivatives", *Pacific Journal of Mathematics* 16(1), 1-3, 1966.
    .. [2] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006,
       Algorithm 3.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import armijo_step
    >>> armijo_step(lambda x: x**4, lambda x: 4 * x**3, 1.0, -4.0)
    0.25
    >>> f = lambda x: float(x @ x)
    >>> grad = lambda x: 2 * x
    >>> x = np.array([1.0, 2.0])
    >>> armijo_step(f, grad, x, -grad(x))
    0.5

    The accepted step satisfies the sufficient-decrease condition:

    >>> t = armijo_step(f, grad, x, -grad(x))
    >>> bool(f(x - t * grad(x)) <= f(x) + 1e-4 * t * grad(x) @ -grad(x))
    True
    """
    f = as_callable(f, "f")
    grad = as_callable(grad, "grad")
    x = _as_point(x, "x")
    d = as_array(direction, "direction", ndim=(0, 1)).astype(np.float64, copy=False)
    if d.shape != x.shape:
        raise ValueError(f"direction must have the shape of x {x.shape}, got {describe(d)}")
    c = as_scalar_in_range(c, "c", 0.0, 1.0, low_open=True, high_open=True)
    beta = as_scalar_in_range(factor, "factor", 0.0, 1.0, low_open=True, high_open=True)
    max_backtracks = as_int(max_backtracks, "max_backtracks", minimum=0)
    fx = _call_scalar(f, "f", x)
    g = _check_finite_output(_call_shaped(grad, "grad", x, x.shape, "a gradient"), "grad", x)
    slope = float(np.sum(g * d))
    if not slope < 0:
        raise ValueError(
            f"direction must be a descent direction (grad(x)^T direction < 0), got a slope "
            f"of {slope!r}: f does not decrease along it for small steps; use -grad(x)")
    t = 1.0
    for _ in range(max_backtracks + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            trial = x + t * d
        if np.array_equal(trial, x):
            break  # the step no longer moves x: the test would pass vacuously
        if np.all(np.isfinite(trial)):
            value = float(_as_float_array(f(_arg(trial)), "f"))
            if value <= fx + c * t * slope:  # False for NaN; inf never passes
                return t
        t *= beta
    raise ValueError(
        f"no step passed the Armijo test (t shrank to {t:.3g} within "
        f"max_backtracks={max_backtracks} shrinks, or until x + t*direction == x): grad "
        f"does not seem to be the gradient of f at x = {describe(x)}; check it with "
        f"mathref.calculus.gradient_check")


def max_stable_learning_rate(hessian: Any) -> float:
    r"""The largest learning rate for which gradient descent on a quadratic does not diverge.

    Parameters
    ----------
    hessian : array_like, shape (n, n)
        The symmetric Hessian :math:`H` of the quadratic (or of the loss near a minimum);
        a scalar is read as a 1 x 1 matrix.

    Returns
    -------
    float
        :math:`2/\lambda_{\max}(H)`.

    Raises
    ------
    ValueError
        If ``hessian`` is not a finite square symmetric matrix, or its largest eigenvalue
        is not positive (no step size makes gradient descent converge then).

    See Also
    --------
    gradient_descent
    mathref.linalg.eigh : the eigenvalues.

    Notes
    -----
    .. math::

        \eta_{\max} = \frac{2}{\lambda_{\max}(H)}

    where :math:`H` is the Hessian, :math:`\lambda_{\max}(H)` its largest eigenvalue (the
    smoothness constant :math:`L` of the quadratic) and :math:`\eta_{\max}` the step size
    above which gradient descent diverges.

    On :math:`f(x) = \frac{1}{2}(x - x^*)^\top H (x - x^*)` a gradient step maps the
    error :math:`e_k = x_k - x^*` to :math:`(I - \eta H) e_k`. Along the eigenvector of
    eigenvalue :math:`\lambda` the error is multiplied by :math:`1 - \eta\lambda`, which
    has modulus below 1 exactly when :math:`0 < \eta < 2/\lambda`; the stiffest direction
    sets the limit. At :math:`\eta = 2/\lambda_{\max}` that component oscillates without
    decay; above it, the loss grows geometrically (the "loss goes up, then NaN"
    symptom). The fastest rate on a quadratic is reached at
    :math:`\eta = 2/(\lambda_{\min} + \lambda_{\max})`, and :math:`1/\lambda_{\max}` is the
    usual safe choice. If :math:`H` has negative eigenvalues gradient descent moves away
    along them for every step size (a saddle), which the threshold does not cure.
    The matrix is scaled by its largest entry before the symmetric eigensolver, so entries
    near ``1e300`` do not overflow.

    References
    ----------
    .. [1] Y. Nesterov, *Lectures on Convex Optimization*, 2nd ed., Springer, 2018,
       section 2.1.5.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import max_stable_learning_rate
    >>> max_stable_learning_rate([[1.0, 0.0], [0.0, 10.0]])
    0.2
    >>> H = np.diag([1.0, 10.0])

    Fifty steps multiply the error by :math:`(I - \eta H)^{50}`: it shrinks just below
    the threshold and blows up just above it.

    >>> for eta in (0.19, 0.21):
    ...     e = np.linalg.matrix_power(np.eye(2) - eta * H, 50) @ np.ones(2)
    ...     print(eta, f"{np.linalg.norm(e):.1e}")
    0.19 5.2e-03
    0.21 1.2e+02
    """
    H = as_array(hessian, "hessian", ndim=(0, 2)).astype(np.float64, copy=False)
    if H.ndim == 0:
        H = H.reshape(1, 1)
    H = as_symmetric_matrix(H, "hessian")
    scale = float(np.max(np.abs(H)))
    if scale == 0.0:
        raise ValueError("hessian must have a positive largest eigenvalue, got the zero "
                         "matrix (any step size is stable: f is flat)")
    lam_max = scale * float(np.linalg.eigvalsh(H / scale)[-1])
    if not lam_max > 0:
        raise ValueError(
            f"hessian must have a positive largest eigenvalue, got {lam_max!r}: the "
            f"quadratic has no minimum and gradient descent diverges for every step size")
    return 2.0 / lam_max


# --------------------------------------------------------------------------- Lagrangians


def _constraint_values(g: Callable[..., Any], x: np.ndarray, lam: np.ndarray,
                       lam_name: str = "lam") -> np.ndarray:
    gx = _as_float_array(g(_arg(x)), "g")
    _check_finite_output(gx, "g", x)
    if gx.ndim > 1:
        raise ValueError(f"g must return a scalar or a 1-D array, returned {describe(gx)}")
    if gx.shape != lam.shape:
        raise ValueError(f"{lam_name} must have the shape of g(x), {gx.shape}, got "
                         f"{describe(lam)}")
    return gx


def lagrangian(f: Callable[..., Any], g: Callable[..., Any], x: Any, lam: Any) -> float:
    r"""The Lagrangian of minimising f subject to the equality constraints g(x) = 0.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns the objective, a real number.
    g : callable
        ``g(x)`` returns the constraint values, a float (one constraint) or an array of
        shape ``(m,)``; the constraints are :math:`g(x) = 0`.
    x : float or array_like, shape (n,)
        The point; finite.
    lam : float or array_like, shape (m,)
        The Lagrange multipliers, one per constraint (the shape of ``g(x)``).

    Returns
    -------
    float
        :math:`L(x, \lambda)`.

    Raises
    ------
    ValueError
        If ``x`` or ``lam`` is not finite, ``lam`` does not have the shape of ``g(x)``, or
        ``f`` or ``g`` returns the wrong shape or a non-finite value.
    TypeError
        If ``f`` or ``g`` is not callable.

    See Also
    --------
    kkt_residual : how far a pair (x, lam) is from a stationary point of L.
    solve_equality_qp : the stationary point when f is quadratic and g affine.

    Notes
    -----
    .. math::

        L(x, \lambda) = f(x) + \lambda^\top g(x) = f(x) + \sum_{j=1}^{m} \lambda_j g_j(x)

    where :math:`f` is the objective to minimise, :math:`g_j(x) = 0` the :math:`m`
    equality constraints and :math:`\lambda_j` the Lagrange multiplier of constraint
    :math:`j`.

    At a constrained minimiser (with linearly independent constraint gradients) the
    gradient of :math:`f` is a combination of the constraint gradients,
    :math:`\nabla f(x^*) = -\sum_j \lambda_j \nabla g_j(x^*)`, which says that
    :math:`(x^*, \lambda^*)` is a stationary point of :math:`L`: setting
    :math:`\nabla_x L = 0` gives that condition and :math:`\nabla_\lambda L = 0` gives
    back :math:`g(x) = 0`. The sign convention is ``+``: with :math:`L = f - \lambda^\top
    g` (also common) every multiplier flips sign. :math:`\lambda_j^*` is the rate at which
    the optimal value changes when constraint :math:`j` is relaxed to
    :math:`g_j(x) = -\delta`.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006,
       section 12.1.

    Examples
    --------
    Minimise :math:`x_1^2 + x_2^2` on the line :math:`x_1 + x_2 = 1`; the minimiser is
    :math:`(1/2, 1/2)` with :math:`\lambda = -1`:

    >>> import numpy as np
    >>> from mathref import lagrangian
    >>> lagrangian(lambda x: x * x, lambda x: x - 1.0, 1.0, -2.0)
    1.0
    >>> f = lambda x: float(x @ x)
    >>> g = lambda x: np.array([x[0] + x[1] - 1.0])
    >>> lagrangian(f, g, [0.5, 0.5], [-1.0])
    0.5
    >>> lagrangian(f, g, [1.0, 1.0], [-1.0])  # off the constraint the penalty term counts
    1.0
    """
    f = as_callable(f, "f")
    g = as_callable(g, "g")
    x = _as_point(x, "x")
    lam = as_array(lam, "lam", ndim=(0, 1)).astype(np.float64, copy=False)
    fx = _call_scalar(f, "f", x)
    gx = _constraint_values(g, x, lam)
    return fx + float(np.sum(lam * gx))


def kkt_residual(grad_f: Callable[..., Any], jac_g: Callable[..., Any],
                 g: Callable[..., Any], x: Any, lam: Any) -> KKTResidual:
    r"""How far (x, lam) is from satisfying the KKT conditions of an equality-constrained problem.

    Parameters
    ----------
    grad_f : callable
        ``grad_f(x)`` returns :math:`\nabla f(x)`, with the shape of ``x``.
    jac_g : callable
        ``jac_g(x)`` returns the Jacobian of the constraints, shape ``(m, n)`` (row
        :math:`j` is :math:`\nabla g_j(x)`); in general ``g(x).shape + x.shape``, so
        ``(n,)`` for one constraint given as a float.
    g : callable
        ``g(x)`` returns the constraint values (float or shape ``(m,)``); the constraints
        are :math:`g(x) = 0`.
    x : float or array_like, shape (n,)
        The candidate point; finite.
    lam : float or array_like, shape (m,)
        The candidate multipliers, in :func:`lagrangian`'s sign.

    Returns
    -------
    KKTResidual
        ``(stationarity, feasibility)``, two non-negative floats; both are 0 at a KKT
        point.

    Raises
    ------
    ValueError
        If ``x`` or ``lam`` is not finite, a callable returns the wrong shape or a
        non-finite value, or ``lam`` does not have the shape of ``g(x)``.
    TypeError
        If a callable is not callable.

    See Also
    --------
    lagrangian, solve_equality_qp

    Notes
    -----
    .. math::

        r_{\mathrm{stat}} = \left\| \nabla f(x) + J_g(x)^\top \lambda \right\|_2, \qquad
        r_{\mathrm{feas}} = \left\| g(x) \right\|_2

    where :math:`\nabla f(x)` is the gradient of the objective, :math:`J_g(x)` the
    :math:`m \times n` Jacobian of the constraints :math:`g(x) = 0`, :math:`\lambda` the
    multipliers, :math:`r_{\mathrm{stat}}` the norm of :math:`\nabla_x L(x, \lambda)` and
    :math:`r_{\mathrm{feas}}` the norm of the constraint violation.

    The first-order (KKT) conditions for an equality-constrained minimum are
    :math:`\nabla_x L = 0` and :math:`g(x) = 0`, so the two norms are the natural
    "am I at the solution?" check for a constrained solver, in the way the gradient norm
    is for an unconstrained one. A small stationarity with a large feasibility means the
    solver found a minimiser of the wrong (penalised) problem; the reverse means it is on
    the constraint set but the multipliers are wrong or it has not finished. Both norms
    are computed scaled by the largest entry, so they do not overflow. They are absolute:
    compare them with the scale of :math:`\nabla f` and :math:`g`.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006,
       theorem 12.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import kkt_residual
    >>> kkt_residual(lambda x: 2 * x, lambda x: 1.0, lambda x: x - 1.0, 1.0, -2.0)
    KKTResidual(stationarity=0.0, feasibility=0.0)
    >>> grad_f = lambda x: 2 * x
    >>> jac_g = lambda x: np.array([[1.0, 1.0]])
    >>> g = lambda x: np.array([x[0] + x[1] - 1.0])
    >>> kkt_residual(grad_f, jac_g, g, [0.5, 0.5], [-1.0])
    KKTResidual(stationarity=0.0, feasibility=0.0)
    >>> r = kkt_residual(grad_f, jac_g, g, [1.0, 0.5], [-1.0])
    >>> round(r.stationarity, 4), round(r.feasibility, 4)
    (1.0, 0.5)
    """
    grad_f = as_callable(grad_f, "grad_f")
    jac_g = as_callable(jac_g, "jac_g")
    g = as_callable(g, "g")
    x = _as_point(x, "x")
    lam = as_array(lam, "lam", ndim=(0, 1)).astype(np.float64, copy=False)
    gf = _check_finite_output(_call_shaped(grad_f, "grad_f", x, x.shape, "a gradient"),
                              "grad_f", x)
    gx = _constraint_values(g, x, lam)
    jac = _check_finite_output(
        _call_shaped(jac_g, "jac_g", x, gx.shape + x.shape, "a Jacobian (g(x).shape + x.shape)"),
        "jac_g", x)
    with np.errstate(over="ignore", invalid="ignore"):
        stationarity = gf + np.tensordot(lam, jac, axes=lam.ndim)
    return KKTResidual(_norm(stationarity), _norm(gx))


def _check_qp(Q: Any, c: Any, A: Any, b: Any) -> tuple[np.ndarray, ...]:
    """Validate the data of min ½xᵀQx + cᵀx s.t. Ax = b; A must have full row rank."""
    Q = as_symmetric_matrix(Q, "Q").astype(np.float64, copy=False)
    n = Q.shape[0]
    c = as_vector(c, "c").astype(np.float64, copy=False)
    if c.shape != (n,):
        raise ValueError(f"c must have shape ({n},) to match Q {Q.shape}, got {describe(c)}")
    A = as_matrix(A, "A").astype(np.float64, copy=False)
    if A.shape[1] != n:
        raise ValueError(f"A must have {n} columns to match Q {Q.shape}, got shape {A.shape}")
    m = A.shape[0]
    b = as_vector(b, "b").astype(np.float64, copy=False)
    if b.shape != (m,):
        raise ValueError(f"b must have shape ({m},), one entry per row of A, got {describe(b)}")
    if m > n:
        raise ValueError(
            f"A must have full row rank, but it has more rows ({m}) than columns ({n}): the "
            f"constraints are redundant or inconsistent and the multipliers would not be "
            f"unique")
    s = np.linalg.svd(A, compute_uv=False)
    rank_tol = max(m, n) * np.finfo(np.float64).eps * s[0]
    rank = int(np.sum(s > rank_tol))
    if rank < m:
        x_ls = np.linalg.lstsq(A, b, rcond=None)[0]
        residual = _norm(A @ x_ls - b)
        infeasible = residual > 1e-8 * max(_norm(b), 1e-300)
        what = ("inconsistent: no x satisfies Ax = b (the KKT system is infeasible)"
                if infeasible else
                "redundant: the multipliers would not be unique (the KKT matrix is singular)")
        raise ValueError(
            f"A must have full row rank, got rank {rank} < {m} rows: the constraints are "
            f"{what}; remove the dependent rows")
    return Q, c, A, b


def solve_equality_qp(Q: Any, c: Any, A: Any, b: Any) -> EqualityQPResult:
    r"""Minimise a quadratic subject to linear equality constraints, through the KKT system.

    Parameters
    ----------
    Q : array_like, shape (n, n)
        The symmetric Hessian of the objective.
    c : array_like, shape (n,)
        The linear term.
    A : array_like, shape (m, n)
        The constraint matrix, full row rank (:math:`m \le n`).
    b : array_like, shape (m,)
        The right-hand side of :math:`Ax = b`.

    Returns
    -------
    EqualityQPResult
        ``(x, lam)``: the minimiser, shape ``(n,)``, and the multipliers, shape ``(m,)``,
        with :math:`Qx + c + A^\top\lambda = 0` and :math:`Ax = b`.

    Raises
    ------
    ValueError
        If an input is not finite or has the wrong shape, ``Q`` is not symmetric, ``A``
        does not have full row rank (redundant constraints make the multipliers
        non-unique, inconsistent ones make the problem infeasible; the message says
        which), or ``Q`` is not positive definite on the null space of ``A`` (then the
        KKT matrix is singular, or the objective is unbounded below on the feasible set
        and the KKT point is a saddle, not a minimiser).

    See Also
    --------
    lagrangian : the sign convention.
    dual_ascent : an iterative method for the same problem.
    kkt_residual : check a solution.

    Notes
    -----
    .. math::

        \begin{pmatrix} Q & A^\top \\ A & 0 \end{pmatrix}
        \begin{pmatrix} x \\ \lambda \end{pmatrix}
        = \begin{pmatrix} -c \\ b \end{pmatrix}

    where :math:`Q` is the symmetric Hessian and :math:`c` the linear term of the
    objective :math:`\frac{1}{2}x^\top Q x + c^\top x`, :math:`Ax = b` are the :math:`m`
    constraints, :math:`x` is the minimiser and :math:`\lambda` the multipliers of
    :math:`g(x) = Ax - b` in the Lagrangian :math:`L = f + \lambda^\top g`.

    The first block row is stationarity of the Lagrangian,
    :math:`Qx + c + A^\top\lambda = 0`; the second is feasibility. The KKT matrix is
    nonsingular exactly when :math:`A` has full row rank and :math:`Q` is nonsingular on
    the null space of :math:`A` (the reduced Hessian :math:`Z^\top Q Z`, with :math:`Z`
    an orthonormal basis of that null space). If rows of :math:`A` are dependent, any
    multiple of a vector in the null space of :math:`A^\top` can be added to
    :math:`\lambda`, so the multipliers are not unique; that is refused rather than
    returning one arbitrary choice. If :math:`Z^\top Q Z` has a negative eigenvalue the
    objective is unbounded below along the constraint set, and the unique KKT point is a
    saddle, so it is refused too. :math:`Q` itself need not be positive definite. The
    rank and the reduced Hessian are judged with SVD- and eigenvalue-based tolerances
    relative to the matrices' scale; the system is then solved by LU with pivoting.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006,
       section 16.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import solve_equality_qp
    >>> solve_equality_qp(np.eye(2), np.zeros(2), [[1.0, 1.0]], [1.0])
    EqualityQPResult(x=array([0.5, 0.5]), lam=array([-0.5]))
    >>> Q = np.eye(2); c = np.zeros(2)
    >>> A = np.array([[1.0, 1.0]]); b = np.array([1.0])
    >>> x, lam = solve_equality_qp(Q, c, A, b)
    >>> x, lam
    (array([0.5, 0.5]), array([-0.5]))
    >>> bool(np.allclose(Q @ x + c + A.T @ lam, 0)), bool(np.allclose(A @ x, b))
    (True, True)
    """
    Q, c, A, b = _check_qp(Q, c, A, b)
    m, n = A.shape
    if m < n:
        _, _, vt = np.linalg.svd(A)
        Z = vt[m:].T
        reduced = Z.T @ Q @ Z
        reduced = (reduced + reduced.T) / 2
        ev = np.linalg.eigvalsh(reduced)
        q_scale = float(np.max(np.abs(np.linalg.eigvalsh(Q)))) if np.any(Q) else 0.0
        threshold = n * np.finfo(np.float64).eps * q_scale
        if ev[0] < -threshold:
            raise ValueError(
                f"Q must be positive definite on the null space of A, but it has a negative "
                f"eigenvalue {ev[0]:.3g} there: the objective is unbounded below on the "
                f"feasible set and the KKT point is a saddle, not a minimiser")
        if ev[0] <= threshold:
            raise ValueError(
                f"Q must be positive definite on the null space of A, but it is singular "
                f"there (smallest eigenvalue {ev[0]:.3g}): the KKT matrix is singular and "
                f"the minimiser is not unique (or does not exist)")
    kkt = np.block([[Q, A.T], [A, np.zeros((m, m))]])
    rhs = np.concatenate([-c, b])
    try:
        sol = np.linalg.solve(kkt, rhs)
    except np.linalg.LinAlgError:
        raise ValueError("the KKT matrix built from Q and A is singular: the minimiser or "
                         "the multipliers are not unique") from None
    return EqualityQPResult(sol[:n], sol[n:])


def dual_ascent(Q: Any, c: Any, A: Any, b: Any, step: float | None = None,
                max_iter: int = 10000, tol: float = 1e-10) -> DualAscentResult:
    r"""Solve an equality-constrained QP by gradient ascent on its Lagrange dual.

    Parameters
    ----------
    Q : array_like, shape (n, n)
        The symmetric **positive definite** Hessian of the objective
        :math:`\frac{1}{2}x^\top Q x + c^\top x`.
    c : array_like, shape (n,)
        The linear term.
    A : array_like, shape (m, n)
        The constraint matrix, full row rank.
    b : array_like, shape (m,)
        The right-hand side of :math:`Ax = b`.
    step : float or None, default None
        The dual step :math:`\alpha > 0`; ``None`` uses :math:`1/L` with
        :math:`L = \lambda_{\max}(A Q^{-1} A^\top)`, the Lipschitz constant of the dual
        gradient. Steps of :math:`2/L` or more diverge.
    max_iter : int, default 10000
        The largest number of multiplier updates.
    tol : float, default 1e-10
        Converged when :math:`\|Ax_k - b\|_2 \le` ``tol`` :math:`\cdot \max(1, \|b\|_2)`.

    Returns
    -------
    DualAscentResult
        ``(x, lam, n_iter, converged, gap_history)``: the Lagrangian minimiser at the last
        multipliers, the multipliers, the number of updates, whether the residual test
        passed, and the duality gap at :math:`k = 0, \dots, n_{\mathrm{iter}}`. A run that
        diverges (a ``step`` above :math:`2/L`) stops at the first overflow with
        ``converged`` False and a last gap of ``inf``.

    Raises
    ------
    ValueError
        If an input has the wrong shape or is not finite, ``Q`` is not symmetric positive
        definite (the Lagrangian would have no unique minimiser in :math:`x`), ``A`` lacks
        full row rank, ``step`` is not positive, or ``max_iter`` or ``tol`` is negative;
        also when the problem is badly scaled for floating point: :math:`Q^{-1}A^\top`,
        :math:`Q^{-1}c`, :math:`AQ^{-1}A^\top` or :math:`AA^\top` overflows, or
        :math:`AA^\top` underflows to a singular matrix (rescale the problem).

    See Also
    --------
    solve_equality_qp : the direct solution of the same problem.

    Notes
    -----
    .. math::

        x_k = \arg\min_x L(x, \lambda_k) = -Q^{-1}\left( c + A^\top \lambda_k \right),
        \qquad \lambda_{k+1} = \lambda_k + \alpha \left( A x_k - b \right)

    where :math:`L(x, \lambda) = \frac{1}{2}x^\top Q x + c^\top x + \lambda^\top(Ax - b)`
    is the Lagrangian, :math:`\lambda_k` the multipliers at iteration :math:`k`
    (:math:`\lambda_0 = 0`), :math:`x_k` the minimiser of the Lagrangian for them and
    :math:`\alpha` the dual step.

    The dual function :math:`d(\lambda) = \min_x L(x, \lambda)` is concave with gradient
    :math:`A x(\lambda) - b`, the constraint violation, so the update is gradient ascent
    on :math:`d`; its Hessian is :math:`-A Q^{-1} A^\top`, whence the step limit
    :math:`2/L`. By weak duality :math:`d(\lambda) \le p^* \le f(\tilde x)` for every
    feasible :math:`\tilde x`. The gap is reported for :math:`\tilde x_k`, the Euclidean
    projection of :math:`x_k` onto :math:`\{Ax = b\}`; since
    :math:`f(\tilde x) = L(\tilde x, \lambda)` for feasible :math:`\tilde x` and
    :math:`L(\cdot, \lambda)` is a quadratic with minimiser :math:`x_k`, the gap equals
    :math:`\frac{1}{2}(\tilde x_k - x_k)^\top Q (\tilde x_k - x_k) \ge 0`. Computing it
    that way, rather than as the difference :math:`f(\tilde x_k) - d(\lambda_k)` of two
    nearly equal numbers, keeps it accurate down to 1e-30 and never negative. Each
    :math:`x_k` minimises the Lagrangian exactly, so stationarity holds throughout and the
    primal residual :math:`\|Ax_k - b\|` is the whole KKT residual, hence the stopping test.
    The linear systems use one Cholesky factorisation of :math:`Q`, made once. A
    diverging run (``step`` too large) stops at the first non-finite iterate with
    ``converged=False``.

    References
    ----------
    .. [1] S. Boyd, N. Parikh, E. Chu, B. Peleato and J. Eckstein, "Distributed
       optimization and statistical learning via the alternating direction method of
       multipliers", *Foundations and Trends in Machine Learning* 3(1), 2011, section 2.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import dual_ascent, solve_equality_qp
    >>> Q = np.array([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.0]])
    >>> c = np.array([-1.0, 0.0, 0.5])
    >>> A = np.array([[1.0, 1.0, 1.0], [1.0, -1.0, 0.0]]); b = np.array([1.0, 0.2])
    >>> res = dual_ascent(Q, c, A, b)
    >>> res.converged, res.n_iter
    (True, 17)
    >>> exact = solve_equality_qp(Q, c, A, b)
    >>> bool(np.allclose(res.x, exact.x)), bool(np.allclose(res.lam, exact.lam))
    (True, True)
    >>> bool(np.all(np.diff(res.gap_history) <= 0))
    True
    """
    from scipy import linalg as sla

    Q, c, A, b = _check_qp(Q, c, A, b)
    try:
        chol = sla.cho_factor(Q, lower=True)
        diag = np.diag(chol[0])
        if not np.min(diag) ** 2 > Q.shape[0] * np.finfo(np.float64).eps * np.max(diag) ** 2:
            raise sla.LinAlgError  # numerically singular
    except sla.LinAlgError:
        raise ValueError("Q must be positive definite for dual ascent (the Lagrangian must "
                         "have a unique minimiser in x for every lam); use "
                         "solve_equality_qp for a Q that is only positive definite on the "
                         "null space of A") from None
    max_iter = as_int(max_iter, "max_iter", minimum=0)
    tol = as_positive_scalar(tol, "tol", allow_zero=True)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        W = sla.cho_solve(chol, A.T, check_finite=False)    # Q^{-1} A^T, shape (n, m)
        x_c = sla.cho_solve(chol, c, check_finite=False)    # Q^{-1} c
        M = A @ W
        M = (M + M.T) / 2                       # the (negated) dual Hessian A Q^{-1} A^T
        AAT = A @ A.T
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(x_c))):
        raise ValueError("Q is too close to singular for the scale of A and c: Q^{-1} A^T "
                         "or Q^{-1} c overflows; rescale the problem")
    if not (np.all(np.isfinite(M)) and np.all(np.isfinite(AAT))):
        raise ValueError("A is badly scaled: A Q^{-1} A^T or A A^T overflows; "
                         "rescale A and b")
    try:
        aat = sla.cho_factor(AAT, lower=True, check_finite=False)
    except sla.LinAlgError:
        raise ValueError("A is badly scaled: A A^T underflows to a singular "
                         f"matrix; rescale A and b (got {describe(A)})") from None
    if step is None:
        largest = float(np.linalg.eigvalsh(M)[-1])
        if not largest > 0.0:
            raise ValueError("A Q^{-1} A^T underflows to 0 (A too small or Q too large for "
                             "their scale), so step = 1/L is not defined; pass step or "
                             "rescale Q, A and b")
        alpha = 1.0 / largest
    else:
        alpha = as_positive_scalar(step, "step")
    threshold = tol * max(1.0, _norm(b))

    lam = np.zeros(A.shape[0])
    gaps: list[float] = []
    converged = False
    n_iter = 0
    for k in range(max_iter + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            x = -(x_c + W @ lam)
            r = A @ x - b
            if not (np.all(np.isfinite(x)) and np.all(np.isfinite(r))):
                gaps.append(math.inf)
                break
            delta = -A.T @ sla.cho_solve(aat, r)   # projection of x onto {Ax = b}, minus x
            gap = 0.5 * float(delta @ (Q @ delta))
            if not math.isfinite(gap):  # diverging (step too large): the gap overflowed
                gaps.append(math.inf)
                break
            gaps.append(gap)
            if _norm(r) <= threshold:
                converged = True
                break
            if k == max_iter:
                break
            lam = lam + alpha * r
            n_iter += 1
    return DualAscentResult(x, lam, n_iter, converged, np.array(gaps))


# --------------------------------------------------------------------------- projections


def project_onto_simplex(v: Any) -> np.ndarray:
    r"""The Euclidean projection of a vector onto the probability simplex, in O(n log n).

    Parameters
    ----------
    v : array_like, shape (n,)
        The vector to project; finite.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The nearest probability vector: non-negative, summing to 1 (to rounding).

    Raises
    ------
    ValueError
        If ``v`` is not a non-empty finite 1-D array.

    See Also
    --------
    project_onto_ball, projected_gradient_descent
    mathref.losses.softmax : the smooth (never sparse) map to the simplex.

    Notes
    -----
    .. math::

        \Pi_\Delta(v) = \arg\min_{w \in \Delta} \|w - v\|_2 = \max(v - \theta, 0),
        \quad \theta = \frac{1}{\rho}\left( \sum_{i=1}^{\rho} u_i - 1 \right),
        \quad \rho = \max\left\{ j : u_j > \frac{1}{j}\left( \sum_{i=1}^{j} u_i - 1
        \right) \right\}

    where :math:`\Delta = \{w : w_i \ge 0, \sum_i w_i = 1\}` is the probability simplex,
    :math:`u_1 \ge u_2 \ge \dots \ge u_n` are the entries of :math:`v` sorted in
    decreasing order, :math:`\rho` the number of entries that stay positive,
    :math:`\theta` the threshold subtracted from every entry, and the maximum with 0 is
    taken entrywise.

    The KKT conditions of the projection give :math:`w_i = \max(v_i - \theta, 0)` for a
    single multiplier :math:`\theta` of the sum constraint; :math:`\theta` is found by
    sorting once (Duchi et al., 2008), so the cost is that of one sort. The result is
    sparse: entries below the threshold become exactly 0 (this is sparsemax). Adding a
    constant to :math:`v` does not change the projection. Two details keep it accurate.
    The support size :math:`\rho` is found by galloping over prefixes of the sorted
    entries and then bisecting (the qualifying :math:`j` form a prefix), so the running
    sums cost :math:`O(\rho)`, and :math:`\theta` is then recomputed
    from a pairwise sum of the :math:`\rho` kept entries, which loses less than the
    running sum on long vectors. And the result is formed as
    :math:`(v_i - \bar u_\rho) + 1/\rho` with :math:`\bar u_\rho` the mean of the kept
    entries, not as :math:`v_i - \theta`: for ``v = [1e20, 0]`` the threshold
    :math:`\theta = 10^{20} - 1` is not representable, and :math:`v - \theta` gives
    ``[0, 0]`` (not on the simplex), while the mean form gives ``[1, 0]``.

    References
    ----------
    .. [1] J. Duchi, S. Shalev-Shwartz, Y. Singer and T. Chandra, "Efficient projections
       onto the l1-ball for learning in high dimensions", *ICML*, 2008, figure 1.
    .. [2] W. Wang and M. A. Carreira-Perpinan, "Projection onto the probability simplex:
       an efficient algorithm with a simple proof", arXiv:1309.1541, 2013.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import project_onto_simplex
    >>> project_onto_simplex([0.5, 0.3, -0.4])
    array([0.6, 0.4, 0. ])
    >>> w = project_onto_simplex(np.array([3.0, 1.0, 0.2, 2.9]))
    >>> bool(np.all(w >= 0)), round(float(w.sum()), 12)
    (True, 1.0)
    """
    arr = as_vector(v, "v").astype(np.float64, copy=False)
    u = np.sort(arr)[::-1]                       # decreasing
    n = u.size

    def qualifies(j: int, partial: np.ndarray) -> bool:   # u_j > (sum_{i<=j} u_i - 1)/j
        return float(u[j - 1]) - float(partial[j - 1]) / j + 1.0 / j > 0

    # The j that qualify form a prefix {1, ..., rho} (j = 1 always does). Gallop over
    # prefixes of u so the running sums cost O(rho), not O(n), then bisect.
    m = min(n, 256)
    partial = np.cumsum(u[:m])
    while m < n and qualifies(m, partial):
        m = min(n, 4 * m)
        partial = np.cumsum(u[:m])
    low, high = 1, m
    while low < high:
        j = (low + high + 1) // 2
        if qualifies(j, partial):
            low = j
        else:
            high = j - 1
    rho = low
    top_mean = float(np.sum(u[:rho])) / rho      # pairwise sum: more accurate than cumsum
    out = arr - top_mean                         # exact for entries near the top ...
    out += 1.0 / rho                             # ... then theta = top_mean - 1/rho
    np.maximum(out, 0.0, out=out)
    return out


def project_onto_ball(v: Any, radius: float = 1.0) -> np.ndarray:
    r"""The Euclidean projection of a vector onto the ℓ2 ball of a given radius.

    Parameters
    ----------
    v : array_like, shape (n,)
        The vector to project; finite.
    radius : float, default 1.0
        The radius :math:`r \ge 0` of the ball centred at the origin.

    Returns
    -------
    numpy.ndarray, shape (n,)
        ``v`` itself (a copy) when :math:`\|v\|_2 \le r`, else ``v`` rescaled to length
        :math:`r`.

    Raises
    ------
    ValueError
        If ``v`` is not a non-empty finite 1-D array or ``radius`` is negative or not
        finite.

    See Also
    --------
    project_onto_simplex, projected_gradient_descent
    mathref.linalg.lp_norm : the overflow-free norm.

    Notes
    -----
    .. math::

        \Pi_{B_r}(v) = \arg\min_{\|w\|_2 \le r} \|w - v\|_2
        = \begin{cases} v & \|v\|_2 \le r, \\ r \, \dfrac{v}{\|v\|_2} & \|v\|_2 > r
        \end{cases}

    where :math:`B_r = \{w : \|w\|_2 \le r\}` is the ball of radius :math:`r` and
    :math:`\|v\|_2` the Euclidean length of :math:`v`.

    Outside the ball the nearest point lies on the segment from the origin to :math:`v`,
    at distance :math:`r`. This is "gradient clipping by norm" when :math:`v` is a
    gradient. The norm is computed after dividing by the largest entry
    (:math:`m = \max_i |v_i|`) and compared as :math:`\|v/m\| \le r/m`, so a vector like
    ``[1e308, 1e308]``, whose norm overflows, is still projected correctly.

    References
    ----------
    .. [1] N. Parikh and S. Boyd, "Proximal algorithms", *Foundations and Trends in
       Optimization* 1(3), 2014, section 6.5.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import project_onto_ball
    >>> project_onto_ball([3.0, 4.0])
    array([0.6, 0.8])
    >>> project_onto_ball([0.3, 0.4])
    array([0.3, 0.4])
    >>> w = project_onto_ball([1e308, 1e308], radius=2.0)
    >>> bool(np.isclose(np.hypot(*w), 2.0))
    True
    """
    arr = as_vector(v, "v").astype(np.float64, copy=False)
    r = as_positive_scalar(radius, "radius", allow_zero=True)
    m = float(np.max(np.abs(arr)))
    if m == 0.0:
        return arr.copy()
    unit = arr / m
    length = math.sqrt(float(np.dot(unit, unit)))   # ||v|| / m, in [1, sqrt(n)]
    if length <= r / m:
        return arr.copy()
    return unit * (r / length)


def projected_gradient_descent(grad: Callable[..., Any], project: Callable[..., Any],
                               x0: Any, learning_rate: float, max_iter: int = 1000, *,
                               tol: float = 1e-8) -> OptimizeResult:
    r"""Minimise a function over a convex set: a gradient step, then a projection.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns :math:`\nabla f(x)`, with the shape of ``x``.
    project : callable
        ``project(y)`` returns the Euclidean projection of ``y`` onto the feasible set,
        with the shape of ``y`` (e.g. :func:`project_onto_simplex`, or
        ``lambda y: project_onto_ball(y, 2.0)``).
    x0 : float or array_like, shape (n,)
        The starting point; finite (need not be feasible: the first step projects).
    learning_rate : float
        The step size :math:`\eta > 0`; :math:`\eta \le 1/L` for an
        :math:`L`-smooth :math:`f` guarantees descent.
    max_iter : int, default 1000
        The largest number of updates.
    tol : float, default 1e-8
        Converged when the gradient mapping :math:`\|x_k - \Pi(x_k - \eta\nabla
        f(x_k))\|_2 / \eta \le` ``tol``.

    Returns
    -------
    OptimizeResult
        As :func:`gradient_descent`; ``history`` holds ``x0`` and every projected iterate.

    Raises
    ------
    ValueError
        If ``x0`` is not finite, ``learning_rate`` is not positive, ``max_iter`` or
        ``tol`` is negative, ``grad`` returns the wrong shape (or a non-finite value at
        ``x0``), or ``project`` returns the wrong shape or a non-finite value for a finite
        input.
    TypeError
        If ``grad`` or ``project`` is not callable.

    See Also
    --------
    gradient_descent, project_onto_simplex, project_onto_ball

    Notes
    -----
    .. math::

        x_{k+1} = \Pi_C\left( x_k - \eta \nabla f(x_k) \right)

    where :math:`C` is the closed convex feasible set, :math:`\Pi_C` the Euclidean
    projection onto it, :math:`\eta` the learning rate and :math:`x_k` the :math:`k`-th
    iterate.

    At a constrained minimiser the gradient need not vanish (it points out of the set),
    so the stopping test uses the gradient mapping
    :math:`G_\eta(x) = (x - \Pi_C(x - \eta\nabla f(x)))/\eta`, which is zero exactly at
    the points that satisfy the first-order conditions on :math:`C` and equals
    :math:`\nabla f(x)` in the interior. For convex :math:`L`-smooth :math:`f` and
    :math:`\eta \le 1/L` the method converges at the same rates as unconstrained gradient
    descent. As there, a non-finite iterate stops the run with ``converged=False``.

    References
    ----------
    .. [1] A. Beck, *First-Order Methods in Optimization*, SIAM, 2017, chapter 10.

    Examples
    --------
    The probability vector closest (in the least-squares sense) to
    :math:`(0.2, 0.9, 0.4)`, by minimising :math:`\frac{1}{2}\|x - v\|^2` over the simplex:

    >>> import numpy as np
    >>> from mathref import projected_gradient_descent, project_onto_simplex
    >>> v = np.array([0.2, 0.9, 0.4])
    >>> res = projected_gradient_descent(lambda x: x - v, project_onto_simplex,
    ...                                  np.ones(3) / 3, learning_rate=0.5)
    >>> res.converged, bool(np.allclose(res.x, project_onto_simplex(v)))
    (True, True)
    """
    grad = as_callable(grad, "grad")
    project = as_callable(project, "project")
    x = _as_point(x0, "x0")
    eta = as_positive_scalar(learning_rate, "learning_rate")
    max_iter = as_int(max_iter, "max_iter", minimum=0)
    tol = as_positive_scalar(tol, "tol", allow_zero=True)

    def step(x: np.ndarray, g: np.ndarray, k: int) -> tuple[float, np.ndarray]:
        with np.errstate(over="ignore", invalid="ignore"):
            y = x - eta * g
        if not np.all(np.isfinite(y)):
            return math.inf, y
        z = _call_shaped(project, "project", y, y.shape, "a point")
        _check_finite_output(z, "project", y)
        with np.errstate(over="ignore", invalid="ignore"):
            return _norm(x - z) / eta, z

    return _iterate(grad, x, max_iter, tol, step)


# --------------------------------------------------------------------------- max entropy


def max_entropy_distribution(values: Any, mean: float) -> np.ndarray:
    r"""The maximum-entropy distribution on given values with a given mean.

    Parameters
    ----------
    values : array_like, shape (n,)
        The outcomes :math:`x_i`; finite, repeats allowed.
    mean : float
        The required mean :math:`\mu`, with
        :math:`\min_i x_i \le \mu \le \max_i x_i`.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The probabilities :math:`p_i` (positive, summing to 1). When ``mean`` equals the
        smallest (largest) value exactly, the only distributions with that mean put all
        their mass on the values equal to it, and the result is uniform over those: the
        limit :math:`\lambda \to -\infty` (:math:`+\infty`) of the formula.

    Raises
    ------
    ValueError
        If ``values`` is not a non-empty finite 1-D array, or ``mean`` is not finite or
        lies outside :math:`[\min_i x_i, \max_i x_i]` (no distribution on the values has
        that mean).

    See Also
    --------
    lagrangian : the multiplier :math:`\lambda` comes from the Lagrangian.
    mathref.information.entropy : the quantity being maximised.
    mathref.losses.softmax : :math:`p` is the softmax of :math:`\lambda x`.

    Notes
    -----
    .. math::

        p_i = \frac{\exp(\lambda x_i)}{\sum_{j=1}^{n} \exp(\lambda x_j)}
        \quad \text{with } \lambda \text{ such that } \sum_{i=1}^{n} p_i x_i = \mu

    where :math:`x_1, \dots, x_n` are the values, :math:`\mu` the required mean,
    :math:`p_i` the probability of value :math:`x_i` and :math:`\lambda` the
    multiplier of the mean constraint.

    Maximising :math:`H(p) = -\sum_i p_i \log p_i` subject to :math:`\sum_i p_i = 1` and
    :math:`\sum_i p_i x_i = \mu` (equivalently minimising :math:`-H` with
    :func:`lagrangian`'s sign convention, whose multiplier of the mean constraint is
    :math:`-\lambda`) gives :math:`\log p_i = \lambda x_i - \text{const}`, the exponential
    family. :math:`\lambda = 0` gives the uniform distribution; :math:`\lambda > 0` tilts
    it towards large values. The mean :math:`\mu(\lambda)` is strictly increasing (its
    derivative is the variance of :math:`x` under :math:`p`), so :math:`\lambda` is the
    unique root of :math:`\sum_i p_i(\lambda)(x_i - \mu)`, found by bracketing (doubling)
    and Brent's method. The weights are computed as
    :math:`\exp(\lambda x_i - \max_j \lambda x_j)` (log-sum-exp): for the values
    ``[0, 1000]`` with mean 999 the multiplier is about 6.9 and
    :math:`e^{6.9 \cdot 1000}` overflows, while the shifted weights do not. The values are
    centred and scaled to :math:`[-1, 1]` for the root search, and the residual is
    summed as :math:`\sum_i p_i (x_i - \mu)` so a mean within rounding of an end is still
    resolved.

    References
    ----------
    .. [1] E. T. Jaynes, "Information theory and statistical mechanics", *Physical Review*
       106(4), 620-630, 1957.
    .. [2] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley,
       2006, chapter 12.

    Examples
    --------
    Jaynes' die: faces 1 to 6 whose average roll is 4.5 instead of 3.5.

    >>> import numpy as np
    >>> from mathref import max_entropy_distribution
    >>> max_entropy_distribution([1, 2, 3], 2.5)
    array([0.1162, 0.2676, 0.6162])
    >>> p = max_entropy_distribution(np.arange(1, 7), 4.5)
    >>> print(np.round(p, 4))
    [0.0544 0.0788 0.1142 0.1654 0.2398 0.3475]
    >>> round(float(p @ np.arange(1, 7)), 10)
    4.5
    >>> lam = np.log(p[1] / p[0])  # consecutive ratios are all e^lambda
    >>> bool(np.allclose(np.diff(np.log(p)), lam))
    True
    """
    from scipy import optimize

    x = as_vector(values, "values").astype(np.float64, copy=False)
    mu = as_scalar(mean, "mean")
    lo, hi = float(np.min(x)), float(np.max(x))
    if not lo <= mu <= hi:
        raise ValueError(f"mean must lie between the smallest and largest value "
                         f"[{lo!r}, {hi!r}] (no distribution on the values has mean "
                         f"{mu!r}), got {mean!r}")
    if mu == lo or mu == hi:
        mask = (x == mu).astype(np.float64)
        return mask / float(np.sum(mask))
    center = lo / 2 + hi / 2
    half = hi / 2 - lo / 2
    z = (x - center) / half          # in [-1, 1]
    offsets = x - mu

    def weights(lam: float) -> np.ndarray:
        a = lam * z
        w = np.exp(a - np.max(a))
        return w / np.sum(w)

    def residual(lam: float) -> float:
        return float(np.dot(weights(lam), offsets))

    r0 = residual(0.0)
    if r0 == 0.0:
        return weights(0.0)
    direction = -1.0 if r0 > 0 else 1.0
    near, far = 0.0, direction
    while (residual(far) > 0) == (r0 > 0):   # double until the sign changes
        near, far = far, 2.0 * far
        if abs(far) > 1e300:  # pragma: no cover - the weights saturate long before
            raise ValueError(f"mean {mu!r} is too close to an end of the values")
    a, b = sorted((near, far))
    lam = optimize.brentq(residual, a, b, xtol=1e-15, rtol=4 * np.finfo(float).eps,
                          maxiter=500)
    return weights(lam)
