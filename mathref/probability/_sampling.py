"""Sampling: inverse transform, rejection, importance weights and Metropolis-Hastings."""
from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple

import numpy as np

from .._validate import (
    allocation_guard,
    as_array,
    as_callable,
    as_int,
    as_positive_scalar,
    as_rng,
    as_scalar,
    as_vector,
    describe,
)

__all__ = [
    "inverse_transform_sample",
    "rejection_sample",
    "importance_weights",
    "effective_sample_size",
    "metropolis_hastings",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "inverse_transform_sample": ("Inverse transform sampling",
                                 ("inverse CDF method", "quantile function",
                                  "probability integral transform", "Smirnov transform")),
    "rejection_sample": ("Rejection sampling",
                         ("accept-reject", "acceptance-rejection", "envelope",
                          "von Neumann sampling")),
    "importance_weights": ("Self-normalised importance weights",
                           ("importance sampling", "likelihood ratio weights",
                            "SNIS", "log weights")),
    "effective_sample_size": ("Effective sample size of importance weights",
                              ("ESS", "Kish effective sample size", "weight degeneracy")),
    "metropolis_hastings": ("Random-walk Metropolis-Hastings",
                            ("MCMC", "Markov chain Monte Carlo", "Metropolis",
                             "random walk Metropolis", "acceptance rate")),
}


class MCMCResult(NamedTuple):
    """The result of :func:`metropolis_hastings`.

    Attributes
    ----------
    samples : numpy.ndarray, shape (n_samples,) or (n_samples, d)
        The chain's states after each step (the starting point is not included; repeated
        rows are rejected proposals). Correlated, and affected by the start: discard a
        burn-in before use.
    acceptance_rate : float
        The fraction of proposals accepted, in [0, 1].
    """

    samples: np.ndarray
    acceptance_rate: float


def _as_size(size: Any) -> tuple[int, ...]:
    if isinstance(size, tuple):
        return tuple(as_int(s, "size", minimum=1) for s in size)
    return (as_int(size, "size", minimum=1),)


def _open_uniforms(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Uniforms on the open interval (0, 1): (k + 1/2) / 2**52 for k uniform on 0..2**52-1."""
    k = rng.integers(0, 2**52, size=shape, dtype=np.int64)
    return (k.astype(np.float64) + 0.5) * 2.0**-52


def _checked_values(values: Any, name: str, shape: tuple[int, ...], *,
                    allow_neg_inf: bool = False) -> np.ndarray:
    if np.iscomplexobj(values):  # float64 conversion would drop the imaginary part
        raise TypeError(f"{name} must return real numbers, returned {describe(values)}")
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return numbers, returned {describe(values)}") from None
    if arr.shape != shape:
        raise ValueError(
            f"{name} must return one value per point, an array of shape {shape}; "
            f"returned {describe(arr)}"
        )
    bad = np.isnan(arr) | (arr == np.inf) | ((arr == -np.inf) & (not allow_neg_inf))
    if np.any(bad):
        raise ValueError(f"{name} returned a non-finite value: {describe(arr)}")
    return arr


def inverse_transform_sample(inverse_cdf: Callable[[np.ndarray], Any], size: Any,
                             rng: Any = None) -> np.ndarray:
    r"""Draw samples by pushing uniforms through an inverse CDF (quantile function).

    Parameters
    ----------
    inverse_cdf : callable
        :math:`F^{-1}`: receives an array of uniforms in (0, 1) and returns an array of the
        same shape (it is called once, on all points).
    size : int or tuple of int
        The number (or shape) of samples, each at least 1.
    rng : numpy.random.Generator, int or None, default None
        The random generator or its seed.

    Returns
    -------
    numpy.ndarray, shape ``size``
        Samples with CDF :math:`F`.

    Raises
    ------
    ValueError
        If ``size`` is not a positive integer (tuple) or is too large to allocate, or
        ``inverse_cdf`` returns the wrong shape or a non-finite value.
    TypeError
        If ``inverse_cdf`` is not callable or returns complex or non-numeric values, or
        ``rng`` is not a generator, seed or None.

    See Also
    --------
    rejection_sample : when :math:`F^{-1}` has no closed form.

    Notes
    -----
    .. math::

        X = F^{-1}(U), \quad U \sim \mathrm{Uniform}(0, 1) \implies P(X \le x) = F(x)

    where :math:`F` is the target CDF, :math:`F^{-1}(u) = \inf\{x : F(x) \ge u\}` its
    (generalised) inverse and :math:`U` a standard uniform variable.

    The proof is one line: :math:`P(F^{-1}(U) \le x) = P(U \le F(x)) = F(x)`. The
    uniforms are drawn on the open interval, :math:`[2^{-53}, 1 - 2^{-53}]`, so an
    inverse CDF with an infinite tail (the Gaussian's ``ndtri``, the exponential's
    :math:`-\log(1 - u)`) never receives 0 or 1 and never returns an infinity. For
    exponential samples, ``-log(u) / rate`` is preferable to ``-log(1 - u) / rate``: the
    subtraction loses the small :math:`u` that make the tail.

    References
    ----------
    .. [1] L. Devroye, *Non-Uniform Random Variate Generation*, Springer, 1986,
       section II.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import inverse_transform_sample
    >>> x = inverse_transform_sample(lambda u: -np.log(u) / 2.0, 100_000, rng=0)
    >>> x.shape
    (100000,)
    >>> round(float(x.mean()), 2)  # Exponential(rate 2) has mean 0.5
    0.5
    """
    f = as_callable(inverse_cdf, "inverse_cdf")
    shape = _as_size(size)
    gen = as_rng(rng)
    with allocation_guard(f"size = {size!r}"):
        u = _open_uniforms(gen, shape)
    return _checked_values(f(u), "inverse_cdf", shape)


def rejection_sample(target_pdf: Callable[[np.ndarray], Any],
                     proposal_sample: Callable[[int, np.random.Generator], Any],
                     proposal_pdf: Callable[[np.ndarray], Any], bound: float, size: int,
                     rng: Any = None, *, max_rounds: int = 1000) -> np.ndarray:
    r"""Draw exact samples from a density by accepting proposals with probability p/(M q).

    Parameters
    ----------
    target_pdf : callable
        :math:`p`: receives an array of points (shape ``(m,)`` or ``(m, d)``) and returns
        the (possibly unnormalised) density at each, shape ``(m,)``, non-negative.
    proposal_sample : callable
        Called as ``proposal_sample(m, rng)``; returns ``m`` draws from :math:`q`, shape
        ``(m,)`` or ``(m, d)``.
    proposal_pdf : callable
        :math:`q`: receives an array of points and returns the proposal density at each.
    bound : float
        :math:`M \ge \sup_x p(x) / q(x)`, positive and finite.
    size : int
        The number of samples, at least 1.
    rng : numpy.random.Generator, int or None, default None
        The random generator or its seed.
    max_rounds : int, default 1000
        Keyword-only. The number of proposal batches after which sampling gives up (an
        acceptance rate near 0 means ``bound`` is far too large or ``target_pdf`` is 0).

    Returns
    -------
    numpy.ndarray, shape (size,) or (size, d)
        Independent samples with density proportional to :math:`p`.

    Raises
    ------
    ValueError
        If ``bound`` or ``size`` is invalid; a callable returns the wrong shape, a
        negative or non-finite value; a proposal has :math:`q(x) = 0 < p(x)`; an observed
        ratio :math:`p(x)/q(x)` exceeds ``bound`` (the samples would be silently wrong,
        so it is an error naming the ratio and the point); or fewer than ``size`` samples
        were accepted after ``max_rounds`` batches.
    TypeError
        If a callable is not callable or returns complex or non-numeric values.

    See Also
    --------
    inverse_transform_sample, importance_weights

    Notes
    -----
    .. math::

        x \sim q, \quad u \sim \mathrm{Uniform}(0, 1), \quad \text{accept } x \text{ if }
        u \, M \, q(x) \le p(x)

    where :math:`p` is the target density, :math:`q` the proposal density (easy to
    sample), :math:`M \ge \sup_x p(x)/q(x)` the envelope constant and :math:`u` a fresh
    uniform for each proposal.

    Accepted points are uniform under the graph of :math:`p` inside the envelope
    :math:`M q`, so their density is :math:`p` normalised. The acceptance rate is
    :math:`Z/M` (with :math:`Z = \int p`, 1 for a normalised target): a loose bound wastes
    proposals, and in high dimension :math:`M` grows exponentially, which is why MCMC
    exists. If :math:`M` is too small, the regions where :math:`p > M q` are
    under-sampled without any sign in the output; this function checks every ratio it
    sees and raises instead.

    References
    ----------
    .. [1] C. P. Robert and G. Casella, *Monte Carlo Statistical Methods*, 2nd ed.,
       Springer, 2004, section 2.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import rejection_sample
    >>> target = lambda x: 6 * x * (1 - x)  # Beta(2, 2) on [0, 1]
    >>> draw = lambda m, rng: rng.random(m)
    >>> x = rejection_sample(target, draw, lambda x: np.ones_like(x), 1.5, 20_000, rng=0)
    >>> x.shape
    (20000,)
    >>> round(float(x.var()), 2)  # Beta(2, 2) has variance 0.05
    0.05
    """
    p_fn = as_callable(target_pdf, "target_pdf")
    q_draw = as_callable(proposal_sample, "proposal_sample")
    q_fn = as_callable(proposal_pdf, "proposal_pdf")
    m_bound = as_positive_scalar(bound, "bound")
    n = as_int(size, "size", minimum=1)
    rounds = as_int(max_rounds, "max_rounds", minimum=1)
    gen = as_rng(rng)
    accepted: list[np.ndarray] = []
    have = 0
    for _ in range(rounds):
        batch = int(min(max(math.ceil((n - have) * m_bound * 1.2), 64), 1_000_000))
        try:
            points = np.asarray(q_draw(batch, gen))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"proposal_sample({batch}, rng) failed: {exc}") from None
        if points.dtype.kind not in "biuf":  # complex, strings, objects
            raise TypeError(f"proposal_sample({batch}, rng) must return real numbers; "
                            f"returned {describe(points)}")
        if points.ndim not in (1, 2) or points.shape[0] != batch:
            raise ValueError(
                f"proposal_sample({batch}, rng) must return shape ({batch},) or ({batch}, d); "
                f"returned {describe(points)}"
            )
        p = _checked_values(p_fn(points), "target_pdf", (batch,))
        q = _checked_values(q_fn(points), "proposal_pdf", (batch,))
        if np.any(p < 0):
            raise ValueError(f"target_pdf returned a negative density: {describe(p)}")
        if np.any(q < 0):
            raise ValueError(f"proposal_pdf returned a negative density: {describe(q)}")
        uncovered = (q == 0) & (p > 0)
        if np.any(uncovered):
            i = int(np.flatnonzero(uncovered)[0])
            raise ValueError(
                f"proposal_pdf is 0 at {points[i]!r} where target_pdf is {p[i]!r}: the "
                "proposal must cover the target's support"
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(q > 0, p / q, 0.0)
        worst = float(np.max(ratio))
        if worst > m_bound * (1 + 1e-12):
            i = int(np.argmax(ratio))
            raise ValueError(
                f"bound = {m_bound!r} is too small: target_pdf/proposal_pdf = {worst!r} at "
                f"{points[i]!r}; bound must be at least sup p(x)/q(x)"
            )
        u = gen.random(batch)
        keep = u * m_bound * q <= p
        keep &= p > 0
        accepted.append(points[keep])
        have += int(np.count_nonzero(keep))
        if have >= n:
            return np.concatenate(accepted)[:n]
    raise ValueError(
        f"only {have} of size = {n} samples accepted after max_rounds = {rounds} batches: "
        "bound may be far larger than sup p/q, or target_pdf is 0 where the proposal samples"
    )


def _logsumexp(a: np.ndarray) -> float:
    top = float(np.max(a))
    return top + math.log(float(np.sum(np.exp(a - top))))


def importance_weights(target_logpdf: Callable[[np.ndarray], Any],
                       proposal_logpdf: Callable[[np.ndarray], Any],
                       samples: Any) -> np.ndarray:
    r"""Self-normalised importance weights for samples from a proposal, in log space.

    Parameters
    ----------
    target_logpdf : callable
        :math:`\log p` (unnormalised is fine): receives the array of samples and returns one
        value per sample; ``-inf`` (zero target density) is allowed.
    proposal_logpdf : callable
        :math:`\log q`: receives the array of samples and returns one finite value per
        sample.
    samples : array_like, shape (n,) or (n, d)
        Draws from the proposal :math:`q`.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Non-negative weights summing to 1; :math:`\sum_i w_i f(x_i)` estimates
        :math:`\mathbb{E}_p[f]`.

    Raises
    ------
    ValueError
        If ``samples`` is not finite 1-D or 2-D, a callable returns the wrong shape, NaN
        or :math:`+\infty`, ``proposal_logpdf`` is :math:`-\infty` at a sample (it cannot
        have come from :math:`q`), or every sample has zero target density.
    TypeError
        If a callable is not callable or returns complex or non-numeric values.

    See Also
    --------
    effective_sample_size : how many samples the weights are worth.
    rejection_sample
    mathref.losses.logsumexp : the normaliser computed here.

    Notes
    -----
    .. math::

        w_i = \frac{\exp\left( \log p(x_i) - \log q(x_i) \right)}{\sum_{j=1}^{n} \exp\left(
        \log p(x_j) - \log q(x_j) \right)}

    where :math:`x_1, \dots, x_n` are samples from the proposal :math:`q`, :math:`p` is
    the (possibly unnormalised) target density, and :math:`w_i` the normalised weight of
    sample :math:`i`.

    Samples where the target is more likely than the proposal count more. Normalising by
    the sum cancels the unknown constant of :math:`p`, at the price of a small bias.
    Density ratios over many dimensions overflow or underflow: log-densities of
    :math:`-800` and :math:`-805` would give :math:`e^{-800} = 0` and 0/0. The log
    weights are therefore shifted by their maximum (log-sum-exp) before exponentiating,
    so the largest weight is computed as :math:`e^0`.

    References
    ----------
    .. [1] A. B. Owen, *Monte Carlo Theory, Methods and Examples*, 2013, chapter 9.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import importance_weights
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(0.0, 2.0, size=50_000)  # proposal N(0, 2^2)
    >>> w = importance_weights(lambda x: -0.5 * (x - 1) ** 2,          # target N(1, 1)
    ...                        lambda x: -0.5 * (x / 2) ** 2 - np.log(2), x)
    >>> float(w.sum())
    1.0
    >>> round(float(np.sum(w * x)), 1)  # E_p[X] = 1
    1.0
    """
    lp_fn = as_callable(target_logpdf, "target_logpdf")
    lq_fn = as_callable(proposal_logpdf, "proposal_logpdf")
    x = as_array(samples, "samples", ndim=(1, 2))
    n = x.shape[0]
    log_p = _checked_values(lp_fn(x), "target_logpdf", (n,), allow_neg_inf=True)
    log_q = _checked_values(lq_fn(x), "proposal_logpdf", (n,))
    log_w = log_p - log_q
    if not np.any(np.isfinite(log_w)):
        raise ValueError(
            "target_logpdf is -inf at every sample: no sample has positive target density, "
            "so the weights are undefined"
        )
    top = float(np.max(log_w))
    with np.errstate(under="ignore"):
        w = np.exp(log_w - top)
    return w / np.sum(w)


def effective_sample_size(weights: Any) -> float:
    r"""Kish's effective sample size of a set of importance weights.

    Parameters
    ----------
    weights : array_like, shape (n,)
        Non-negative finite weights, not all zero; they need not be normalised.

    Returns
    -------
    float
        The effective sample size, in :math:`[1, n]`.

    Raises
    ------
    ValueError
        If ``weights`` is empty, not 1-D, not finite, has a negative entry, or is all
        zero.

    See Also
    --------
    importance_weights

    Notes
    -----
    .. math::

        n_{\text{eff}} = \frac{\left( \sum_{i=1}^{n} w_i \right)^2}{\sum_{i=1}^{n} w_i^2}

    where :math:`w_1, \dots, w_n` are the importance weights of the :math:`n` samples.

    Equal weights give :math:`n_{\text{eff}} = n`; one weight carrying everything gives 1.
    A weighted average has roughly the variance of a plain average of
    :math:`n_{\text{eff}}` samples, so a small ratio :math:`n_{\text{eff}}/n` warns that
    the proposal misses the target (weight degeneracy). The formula is scale-invariant;
    the weights are divided by their maximum first so that weights near ``1e200`` do not
    overflow when squared.

    References
    ----------
    .. [1] L. Kish, *Survey Sampling*, Wiley, 1965.
    .. [2] A. B. Owen, *Monte Carlo Theory, Methods and Examples*, 2013, section 9.3.

    Examples
    --------
    >>> from mathref import effective_sample_size
    >>> effective_sample_size([0.25, 0.25, 0.25, 0.25])
    4.0
    >>> effective_sample_size([0.97, 0.01, 0.01, 0.01])
    1.0625
    """
    w = as_vector(weights, "weights").astype(np.float64, copy=False)
    if np.any(w < 0):
        raise ValueError(f"weights must be non-negative, got {describe(w)}")
    top = float(np.max(w))
    if top == 0.0:
        raise ValueError(f"weights must not all be zero, got {describe(w)}")
    w = w / top
    return float(np.sum(w)) ** 2 / float(np.dot(w, w))


def metropolis_hastings(log_target: Callable[[Any], Any], x0: Any, n_samples: int,
                        step_size: float, rng: Any = None) -> MCMCResult:
    r"""Random-walk Metropolis-Hastings with Gaussian proposals.

    Parameters
    ----------
    log_target : callable
        :math:`\log \pi(x)` up to an additive constant. Receives one point (a float when
        ``x0`` is a scalar, else a 1-D array) and returns a float; ``-inf`` marks a point
        outside the support (always rejected).
    x0 : float or array_like, shape (d,)
        The starting point; ``log_target(x0)`` must be finite.
    n_samples : int
        The number of steps (and of returned states), at least 1.
    step_size : float
        The standard deviation :math:`\sigma` of the Gaussian proposal in every
        coordinate; positive.
    rng : numpy.random.Generator, int or None, default None
        The random generator or its seed.

    Returns
    -------
    MCMCResult
        ``samples`` of shape ``(n_samples,)`` (scalar ``x0``) or ``(n_samples, d)``, and
        ``acceptance_rate``.

    Raises
    ------
    ValueError
        If ``x0`` is not finite or has :math:`\log \pi(x_0) = -\infty`, ``n_samples`` or
        ``step_size`` is out of range (or ``n_samples`` too large to allocate), or
        ``log_target`` returns NaN, :math:`+\infty`, a complex value or not one real
        number.
    TypeError
        If ``log_target`` is not callable.

    See Also
    --------
    rejection_sample, importance_weights

    Notes
    -----
    .. math::

        x' = x_t + \sigma \varepsilon, \quad \varepsilon \sim \mathcal{N}(0, I), \qquad
        x_{t+1} = \begin{cases} x' & \text{with probability } \min\left( 1,
        \pi(x') / \pi(x_t) \right) \\ x_t & \text{otherwise} \end{cases}

    where :math:`\pi` is the (unnormalised) target density, :math:`x_t` the state at step
    :math:`t`, :math:`\sigma` the step size and :math:`\varepsilon` a standard Gaussian
    vector.

    The symmetric proposal makes the Hastings correction :math:`q(x_t \mid x')/q(x' \mid
    x_t)` equal 1, and accepting with this probability makes :math:`\pi` the stationary
    distribution (detailed balance); the normalising constant cancels in the ratio. The
    comparison is done in log space, :math:`\log u < \log \pi(x') - \log \pi(x_t)`, since
    :math:`\pi` itself under- or overflows for any realistic model. The step size is the
    tuning knob: tiny steps are almost all accepted but crawl, huge steps are almost all
    rejected; for a Gaussian-like target in :math:`d` dimensions an acceptance rate near
    0.234 (0.44 in one dimension) mixes best. The chain is correlated: thin or compute
    the effective sample size from autocorrelations before quoting errors.

    References
    ----------
    .. [1] W. K. Hastings, "Monte Carlo sampling methods using Markov chains and their
       applications", *Biometrika* 57(1), 1970.
    .. [2] G. O. Roberts, A. Gelman and W. R. Gilks, "Weak convergence and optimal
       scaling of random walk Metropolis algorithms", *Annals of Applied Probability*
       7(1), 1997.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import metropolis_hastings
    >>> result = metropolis_hastings(lambda x: -0.5 * x**2, 0.0, 20_000, 2.4, rng=0)
    >>> result.samples.shape
    (20000,)
    >>> 0.3 < result.acceptance_rate < 0.6
    True
    >>> round(float(result.samples[2000:].std()), 1)  # N(0, 1) after burn-in
    1.0
    """
    f = as_callable(log_target, "log_target")
    scalar = np.ndim(x0) == 0
    if scalar:
        start = np.array([as_scalar(x0, "x0")])
    else:
        start = as_vector(x0, "x0").astype(np.float64, copy=True)
    n = as_int(n_samples, "n_samples", minimum=1)
    sigma = as_positive_scalar(step_size, "step_size")
    gen = as_rng(rng)
    d = start.shape[0]

    def log_pi(point: np.ndarray) -> float:
        arg = float(point[0]) if scalar else point.copy()
        value = f(arg)
        try:
            if np.iscomplexobj(value):  # float() would drop the imaginary part
                raise TypeError
            out = float(np.asarray(value, dtype=np.float64).reshape(()))
        except (TypeError, ValueError):
            raise ValueError(
                f"log_target must return one number, returned {describe(value)} at {arg!r}"
            ) from None
        if math.isnan(out) or out == math.inf:
            raise ValueError(f"log_target returned {out!r} at {arg!r}")
        return out

    current = start
    current_lp = log_pi(current)
    if current_lp == -math.inf:
        raise ValueError(f"x0 must have log_target(x0) > -inf, got log_target({x0!r}) = -inf")
    with allocation_guard(f"n_samples = {n}"):
        steps = gen.standard_normal((n, d)) * sigma
        log_u = np.log(_open_uniforms(gen, (n,)))
        samples = np.empty((n, d))
    accepted = 0
    for t in range(n):
        proposal = current + steps[t]
        proposal_lp = log_pi(proposal)
        if log_u[t] < proposal_lp - current_lp:
            current, current_lp = proposal, proposal_lp
            accepted += 1
        samples[t] = current
    return MCMCResult(samples[:, 0] if scalar else samples, accepted / n)
