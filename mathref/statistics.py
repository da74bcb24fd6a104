"""Statistics and estimation: MLE, MAP, conjugate updates, intervals, bias-variance, folds."""
from __future__ import annotations

import math
import warnings
from typing import Any, Callable, NamedTuple

import numpy as np

from ._validate import (
    allocation_guard,
    as_array,
    as_binary_labels,
    as_callable,
    as_choice,
    as_int,
    as_matrix,
    as_positive_scalar,
    as_rng,
    as_scalar,
    as_scalar_in_range,
    as_vector,
    describe,
)

__all__ = [
    "mle_bernoulli",
    "mle_gaussian",
    "map_bernoulli",
    "beta_binomial_update",
    "gaussian_mean_update",
    "mle",
    "mean_confidence_interval",
    "proportion_confidence_interval",
    "bootstrap_confidence_interval",
    "bias_variance_decomposition",
    "k_fold_indices",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "mle_bernoulli": ("Maximum likelihood estimate of a Bernoulli probability",
                      ("MLE", "sample proportion", "coin flip estimate", "success rate")),
    "mle_gaussian": ("Maximum likelihood estimate of a Gaussian's mean and variance",
                     ("MLE", "biased variance", "1/n variance", "normal fit")),
    "map_bernoulli": ("MAP estimate of a Bernoulli probability under a Beta prior",
                      ("MAP", "maximum a posteriori", "posterior mode", "Laplace smoothing",
                       "additive smoothing")),
    "beta_binomial_update": ("Beta-binomial conjugate update",
                             ("conjugate prior", "Beta posterior", "pseudo-counts",
                              "Bayesian update", "A/B test")),
    "gaussian_mean_update": ("Posterior of a Gaussian mean with known variance",
                             ("conjugate Gaussian", "normal-normal model",
                              "precision weighting", "Kalman update", "shrinkage")),
    "mle": ("Numerical maximum likelihood",
            ("MLE", "negative log-likelihood", "NLL", "fit a model", "optimise likelihood")),
    "mean_confidence_interval": ("Student t confidence interval for a mean",
                                 ("confidence interval", "t interval", "standard error",
                                  "error bars")),
    "proportion_confidence_interval": ("Confidence interval for a proportion",
                                       ("Wilson score interval", "Wald interval",
                                        "Clopper-Pearson", "exact binomial interval",
                                        "binomial confidence interval", "accuracy error bars")),
    "bootstrap_confidence_interval": ("Percentile bootstrap confidence interval",
                                      ("bootstrap", "resampling", "percentile interval",
                                       "nonparametric interval")),
    "bias_variance_decomposition": ("Bias-variance decomposition",
                                    ("bias squared", "variance", "expected squared error",
                                     "underfitting", "overfitting", "bias-variance tradeoff")),
    "k_fold_indices": ("K-fold cross-validation splits",
                       ("cross-validation", "KFold", "folds", "train/test split", "CV")),
}


class GaussianParams(NamedTuple):
    """A Gaussian's mean and variance, returned by :func:`mle_gaussian` and
    :func:`gaussian_mean_update`.

    Attributes
    ----------
    mean : float
        The mean.
    var : float
        The variance (not the standard deviation).
    """

    mean: float
    var: float


class BetaParams(NamedTuple):
    """The parameters of a Beta distribution, returned by :func:`beta_binomial_update`.

    Attributes
    ----------
    a : float
        The first shape parameter (prior pseudo-count of successes plus successes).
    b : float
        The second shape parameter (prior pseudo-count of failures plus failures).
    """

    a: float
    b: float


class MLEResult(NamedTuple):
    """The result of :func:`mle`.

    Attributes
    ----------
    x : float or numpy.ndarray
        The maximum-likelihood parameters (a float when ``x0`` was a scalar).
    neg_log_likelihood : float
        The negative log-likelihood at ``x``.
    converged : bool
        Whether the optimiser reported convergence.
    """

    x: Any
    neg_log_likelihood: float
    converged: bool


class Interval(NamedTuple):
    """A confidence interval, returned by the ``*_confidence_interval`` functions.

    Attributes
    ----------
    low : float
        The lower end.
    high : float
        The upper end.
    """

    low: float
    high: float


class BiasVariance(NamedTuple):
    """The result of :func:`bias_variance_decomposition` (each averaged over the points).

    Attributes
    ----------
    bias_squared : float
        Squared difference between the average prediction and the target.
    variance : float
        Spread of the predictions around their average.
    expected_mse : float
        The mean squared error over models and points, ``bias_squared + variance``.
    """

    bias_squared: float
    variance: float
    expected_mse: float


class Fold(NamedTuple):
    """One split of :func:`k_fold_indices`.

    Attributes
    ----------
    train_idx : numpy.ndarray of int
        The indices to train on, ascending.
    test_idx : numpy.ndarray of int
        The held-out indices, ascending.
    """

    train_idx: np.ndarray
    test_idx: np.ndarray


# --------------------------------------------------------------------------- estimation


def mle_bernoulli(x: Any) -> float:
    r"""The maximum likelihood estimate of a Bernoulli probability: the fraction of ones.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observations, each 0 or 1 (``bool`` is fine); non-empty.

    Returns
    -------
    float
        :math:`\hat{p} \in [0, 1]`.

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D, or holds a value other than 0 and 1.

    See Also
    --------
    map_bernoulli : the same with a Beta prior (never exactly 0 or 1).
    proportion_confidence_interval : how uncertain the estimate is.

    Notes
    -----
    .. math::

        \hat{p} = \arg\max_{p} \prod_{i=1}^{n} p^{x_i} (1 - p)^{1 - x_i} = \frac{k}{n},
        \qquad k = \sum_{i=1}^{n} x_i

    where :math:`x_i \in \{0, 1\}` are the :math:`n` observations and :math:`k` the number
    of ones.

    Setting the derivative of the log-likelihood :math:`k \log p + (n - k)\log(1 - p)` to
    zero gives :math:`k/n`. With no successes (or no failures) the estimate is exactly 0
    (or 1), a probability the model then treats as impossible: a log-loss on the next
    success is infinite. A prior (:func:`map_bernoulli`) fixes that.

    References
    ----------
    .. [1] K. P. Murphy, *Machine Learning: A Probabilistic Perspective*, MIT Press,
       2012, section 3.3.

    Examples
    --------
    >>> from mathref import mle_bernoulli
    >>> mle_bernoulli([1, 0, 1, 1, 0, 1, 0, 1])
    0.625
    """
    arr = as_binary_labels(x, "x")
    return float(np.sum(arr)) / arr.shape[0]


def mle_gaussian(x: Any) -> GaussianParams:
    r"""The maximum likelihood mean and variance of a Gaussian (variance with 1/n).

    Parameters
    ----------
    x : array_like, shape (n,)
        Observations; finite, non-empty.

    Returns
    -------
    GaussianParams
        ``(mean, var)``: the sample mean and the biased (1/n) variance.

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D, or not finite.

    See Also
    --------
    mathref.probability.sample_variance : with ``ddof=1``, the unbiased estimate.
    gaussian_mean_update : the Bayesian answer for the mean.

    Notes
    -----
    .. math::

        \hat{\mu} = \frac{1}{n} \sum_{i=1}^{n} x_i, \qquad \hat{\sigma}^2 = \frac{1}{n}
        \sum_{i=1}^{n} \left( x_i - \hat{\mu} \right)^2

    where :math:`x_1, \dots, x_n` are the observations, :math:`\hat{\mu}` the estimated
    mean and :math:`\hat{\sigma}^2` the estimated variance.

    Maximising :math:`\sum_i \log \mathcal{N}(x_i \mid \mu, \sigma^2)` gives the sample
    mean and the average squared deviation. The 1/n variance is biased low: its
    expectation is :math:`\frac{n-1}{n} \sigma^2`, because the deviations are measured
    from :math:`\hat{\mu}`, which is fitted to the same data. A single observation gives
    variance 0. Both come from one pass over the data: the deviations from an estimate
    of the mean give the mean's correction and the variance, as in the corrected two-pass
    algorithm of :func:`mathref.probability.sample_variance` (exact for data with a
    large offset, and safe from overflow and underflow).

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 1.2.4.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import mle_gaussian
    >>> mle_gaussian([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    GaussianParams(mean=5.0, var=4.0)
    >>> x = np.random.default_rng(0).normal(3.0, 2.0, size=100)
    >>> bool(np.isclose(mle_gaussian(x).var, np.var(x)))
    True
    """
    from .probability._rules import _data_vector, _mean_and_variance

    arr = _data_vector(x, "x")
    return GaussianParams(*_mean_and_variance(arr, "x", ddof=0))


def _beta_parameter(value: Any, name: str) -> float:
    return as_positive_scalar(value, name)


def map_bernoulli(x: Any, a: float, b: float) -> float:
    r"""The MAP estimate of a Bernoulli probability under a Beta(a, b) prior.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observations, each 0 or 1; non-empty.
    a : float
        The prior's first shape parameter, :math:`a \ge 1` (pseudo-count of successes plus
        one).
    b : float
        The prior's second shape parameter, :math:`b \ge 1`.

    Returns
    -------
    float
        The posterior mode, in [0, 1].

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D or not binary, or ``a`` or ``b`` is below 1 (then the
        posterior can have its mode at 0 or 1, or be U-shaped, and the formula is not its
        maximiser) or not finite.

    See Also
    --------
    mle_bernoulli : the ``a = b = 1`` (flat prior) case.
    beta_binomial_update : the whole posterior, not just its mode.

    Notes
    -----
    .. math::

        \hat{p}_{\text{MAP}} = \frac{k + a - 1}{n + a + b - 2}

    where :math:`k` is the number of ones among the :math:`n` observations and :math:`a`,
    :math:`b` are the shape parameters of the Beta prior.

    The posterior is :math:`\mathrm{Beta}(k + a, n - k + b)` and this is its mode: MAP is
    MLE on the log-likelihood plus the log-prior
    :math:`(a - 1)\log p + (b - 1)\log(1 - p)`, which acts like :math:`a - 1` extra
    successes and :math:`b - 1` extra failures. ``a = b = 2`` is Laplace's add-one
    smoothing: the estimate is never exactly 0 or 1. With :math:`a, b \ge 1` and
    :math:`n \ge 1` both parameters of the posterior are at least 1 and not both equal
    to 1, so the formula is the mode and lies in [0, 1].

    References
    ----------
    .. [1] K. P. Murphy, *Machine Learning: A Probabilistic Perspective*, MIT Press,
       2012, section 3.3.

    Examples
    --------
    >>> from mathref import map_bernoulli, mle_bernoulli
    >>> x = [0, 0, 0]
    >>> mle_bernoulli(x), map_bernoulli(x, 2, 2)
    (0.0, 0.2)
    >>> map_bernoulli([1, 0, 1], 1, 1) == mle_bernoulli([1, 0, 1])
    True
    """
    arr = as_binary_labels(x, "x")
    alpha = as_positive_scalar(a, "a")
    beta = as_positive_scalar(b, "b")
    for value, name in ((alpha, "a"), (beta, "b")):
        if value < 1:
            raise ValueError(
                f"{name} must be at least 1 for the posterior mode formula, got {value!r} "
                "(with a or b below 1 the Beta posterior can peak at 0 or 1)"
            )
    k = float(np.sum(arr))
    n = arr.shape[0]
    return (k + alpha - 1) / (n + alpha + beta - 2)


def beta_binomial_update(a: float, b: float, successes: int, trials: int) -> BetaParams:
    r"""The Beta posterior of a success probability after binomial data (conjugate update).

    Parameters
    ----------
    a : float
        The prior's first shape parameter, positive.
    b : float
        The prior's second shape parameter, positive.
    successes : int
        The number of successes :math:`k`, :math:`0 \le k \le n`.
    trials : int
        The number of trials :math:`n \ge 0`.

    Returns
    -------
    BetaParams
        ``(a, b)`` of the posterior Beta distribution.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not positive and finite, ``trials`` is negative, or
        ``successes`` is negative or exceeds ``trials``; either count not an integer.

    See Also
    --------
    map_bernoulli : the posterior's mode.
    mathref.probability.Beta : the distribution, for its mean, variance and pdf.
    mathref.probability.posterior : the discrete-hypothesis version.

    Notes
    -----
    .. math::

        p \sim \mathrm{Beta}(a, b), \; k \mid p \sim \mathrm{Binomial}(n, p) \implies
        p \mid k \sim \mathrm{Beta}(a + k, \, b + n - k)

    where :math:`a, b` are the prior's shape parameters, :math:`n` the number of trials
    and :math:`k` the number of successes.

    The Beta prior is conjugate to the binomial likelihood: prior
    :math:`\propto p^{a-1}(1-p)^{b-1}` times likelihood :math:`\propto p^k (1-p)^{n-k}` has
    the same form, so updating is adding counts. :math:`a` and :math:`b` act as
    pseudo-counts; the posterior mean :math:`(a + k)/(a + b + n)` moves from the prior
    mean :math:`a/(a + b)` towards :math:`k/n` as data arrive. Updating in two batches
    gives the same posterior as one batch.

    References
    ----------
    .. [1] A. Gelman et al., *Bayesian Data Analysis*, 3rd ed., CRC Press, 2013,
       section 2.4.

    Examples
    --------
    >>> from mathref import beta_binomial_update
    >>> beta_binomial_update(1, 1, 7, 10)
    BetaParams(a=8.0, b=4.0)
    >>> a, b = beta_binomial_update(*beta_binomial_update(1, 1, 3, 4), 4, 6)
    >>> (a, b) == beta_binomial_update(1, 1, 7, 10)
    True
    """
    alpha = _beta_parameter(a, "a")
    beta = _beta_parameter(b, "b")
    n = as_int(trials, "trials", minimum=0)
    k = as_int(successes, "successes", minimum=0)
    if k > n:
        raise ValueError(f"successes must be at most trials = {n}, got {k}")
    return BetaParams(alpha + k, beta + (n - k))


def gaussian_mean_update(prior_mean: float, prior_var: float, data: Any,
                         noise_var: float) -> GaussianParams:
    r"""The posterior of a Gaussian mean with known noise variance (conjugate update).

    Parameters
    ----------
    prior_mean : float
        :math:`\mu_0`, the prior mean.
    prior_var : float
        :math:`\sigma_0^2 > 0`, the prior variance (large: vague prior).
    data : array_like, shape (n,)
        The observations; finite. May be empty (the posterior is then the prior).
    noise_var : float
        :math:`\sigma^2 > 0`, the known variance of each observation.

    Returns
    -------
    GaussianParams
        ``(mean, var)`` of the Gaussian posterior of the mean.

    Raises
    ------
    ValueError
        If ``prior_mean`` is not finite, ``prior_var`` or ``noise_var`` is not positive
        and finite, or ``data`` is not a finite 1-D array.

    See Also
    --------
    beta_binomial_update : the conjugate update for a probability.
    mle_gaussian : the estimate without a prior.

    Notes
    -----
    .. math::

        \frac{1}{\sigma_n^2} = \frac{1}{\sigma_0^2} + \frac{n}{\sigma^2}, \qquad \mu_n =
        \sigma_n^2 \left( \frac{\mu_0}{\sigma_0^2} + \frac{n \bar{x}}{\sigma^2} \right)

    where :math:`\mu_0, \sigma_0^2` are the prior mean and variance, :math:`\sigma^2` the
    known noise variance, :math:`n` the number of observations, :math:`\bar{x}` their
    mean, and :math:`\mu_n, \sigma_n^2` the posterior mean and variance.

    Precisions (inverse variances) add, and the posterior mean is the
    precision-weighted average of the prior mean and the sample mean: it shrinks
    :math:`\bar{x}` towards :math:`\mu_0`, less as :math:`n` grows. The mean is computed
    as :math:`\mu_0 + g(\bar{x} - \mu_0)` with gain :math:`g = (n/\sigma^2)\,\sigma_n^2
    \in [0, 1)` (the Kalman-filter form), which stays between the two means and is
    exact for a vague prior (:math:`\sigma_0^2 = 10^{300}`) where the product
    :math:`\sigma_0^2 \cdot n` would overflow. The gain and the variance are computed
    from the ratio :math:`r = \sigma^2 / (n \sigma_0^2)`, :math:`g = 1/(1 + r)`, never
    from the precisions themselves: for a subnormal variance (:math:`\sigma^2 =
    10^{-320}`) the precision :math:`n/\sigma^2` is ``inf`` and the naive gain
    :math:`\infty/\infty` is NaN.

    References
    ----------
    .. [1] K. P. Murphy, "Conjugate Bayesian analysis of the Gaussian distribution",
       2007, section 2.
    .. [2] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 2.3.6.

    Examples
    --------
    >>> from mathref import gaussian_mean_update
    >>> gaussian_mean_update(0.0, 1.0, [2.0, 2.0, 2.0], 1.0)
    GaussianParams(mean=1.5, var=0.25)
    >>> gaussian_mean_update(0.0, 1e300, [2.0, 4.0], 1.0)  # vague prior: the MLE
    GaussianParams(mean=3.0, var=0.5)
    """
    mu0 = as_scalar(prior_mean, "prior_mean")
    var0 = as_positive_scalar(prior_var, "prior_var")
    noise = as_positive_scalar(noise_var, "noise_var")
    x = as_vector(data, "data", allow_empty=True).astype(np.float64, copy=False)
    n = x.shape[0]
    if n == 0:
        return GaussianParams(mu0, var0)
    from .probability import sample_mean

    xbar = sample_mean(x)
    # With s = noise/n and r = s/var0: gain = 1/(1 + r) and var = var0*s/(var0 + s),
    # written so that no intermediate overflows: the precisions 1/var0 and n/noise are
    # inf for a subnormal variance, and then inf/inf would be NaN.
    with np.errstate(over="ignore", under="ignore"):
        s = noise / n
        r = s / var0
        gain = 1.0 / (1.0 + r)
        var = s / (1.0 + r) if r <= 1.0 else var0 / (1.0 + 1.0 / r)
        mean = mu0 + gain * (xbar - mu0)
        if not math.isfinite(mean):  # xbar - mu0 overflowed: the convex combination
            mean = (1.0 - gain) * mu0 + gain * xbar
    return GaussianParams(float(mean), float(var))


#: scipy.optimize.minimize methods usable without a gradient (lower case, as SciPy compares).
_MLE_METHODS = ("nelder-mead", "powell", "cg", "bfgs", "l-bfgs-b", "tnc", "cobyla", "cobyqa",
                "slsqp", "trust-constr")


def mle(neg_log_likelihood: Callable[[Any], float], x0: Any, *,
        method: str | None = None) -> MLEResult:
    r"""Maximum likelihood for any model: minimise its negative log-likelihood numerically.

    Parameters
    ----------
    neg_log_likelihood : callable
        :math:`-\log L(\theta)`: receives one parameter point (a float when ``x0`` is a
        scalar, else a 1-D array) and returns a float. Parametrise so that every real
        point is valid (``log_sigma`` rather than ``sigma``); ``inf`` away from ``x0`` is
        tolerated but slows the search.
    x0 : float or array_like, shape (d,)
        The starting point; ``neg_log_likelihood(x0)`` must be finite.
    method : str, optional
        Keyword-only. A :func:`scipy.optimize.minimize` method that needs no gradient
        (``"Nelder-Mead"``, ``"Powell"``, ``"CG"``, ``"BFGS"``, ``"L-BFGS-B"``,
        ``"TNC"``, ``"COBYLA"``, ``"COBYQA"``, ``"SLSQP"``, ``"trust-constr"``; any
        case); default BFGS (then Nelder-Mead if BFGS does not converge).

    Returns
    -------
    MLEResult
        ``(x, neg_log_likelihood, converged)``; ``x`` is a float for a scalar ``x0``.

    Raises
    ------
    ValueError
        If ``x0`` is not finite, ``neg_log_likelihood`` is not finite at ``x0`` or does
        not return one real number, or it returns NaN during the search, or ``method``
        is not one of the methods above.
    TypeError
        If ``neg_log_likelihood`` is not callable or ``method`` is not a string.

    See Also
    --------
    mle_bernoulli, mle_gaussian : closed forms to check against.
    mathref.calculus.gradient_check

    Notes
    -----
    .. math::

        \hat{\theta} = \arg\min_{\theta} \left( -\sum_{i=1}^{n} \log p(x_i \mid \theta)
        \right)

    where :math:`p(x \mid \theta)` is the model's density with parameters :math:`\theta`
    and :math:`x_1, \dots, x_n` the observations (the callable closes over them).

    Minimising the negative log rather than maximising the product is what makes the
    computation possible: the product of a thousand densities under- or overflows, the
    sum of their logs does not. The optimiser is :func:`scipy.optimize.minimize`
    (BFGS with finite-difference gradients). ``converged`` reports its own
    verdict; check it, and compare with a closed form when one exists.

    References
    ----------
    .. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer,
       2006, chapter 6.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import mle, mle_gaussian
    >>> x = np.random.default_rng(0).normal(3.0, 2.0, size=200)
    >>> def nll(theta):
    ...     mu, log_sigma = theta
    ...     return np.sum(0.5 * ((x - mu) / np.exp(log_sigma)) ** 2 + log_sigma)
    >>> result = mle(nll, [0.0, 0.0])
    >>> result.converged
    True
    >>> mu, var = mle_gaussian(x)
    >>> bool(np.allclose([result.x[0], np.exp(2 * result.x[1])], [mu, var], rtol=1e-4))
    True
    """
    f = as_callable(neg_log_likelihood, "neg_log_likelihood")
    if method is not None:
        if not isinstance(method, str):
            raise TypeError(f"method must be a string or None, got {describe(method)}")
        if method.lower() not in _MLE_METHODS:
            raise ValueError(f"method must be a scipy.optimize.minimize method that needs "
                             f"no gradient ({', '.join(_MLE_METHODS)}); got {method!r}")
    try:
        scalar = np.ndim(x0) == 0
    except (TypeError, ValueError):  # a ragged list: as_vector says so, naming x0
        scalar = False
    start = np.array([as_scalar(x0, "x0")]) if scalar else as_vector(x0, "x0").astype(
        np.float64, copy=True)

    def objective(theta: np.ndarray) -> float:
        arg = float(theta[0]) if scalar else np.array(theta, dtype=np.float64)
        value = f(arg)
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError):
            arr = np.asarray(None)
        if arr.dtype.kind not in "biuf" or arr.size != 1:  # complex is not cast silently
            raise ValueError(
                f"neg_log_likelihood must return one real number, returned {describe(value)}"
            )
        out = float(arr.reshape(()))
        if math.isnan(out):
            raise ValueError(f"neg_log_likelihood returned NaN at {arg!r}")
        return out

    first = objective(start)
    if not math.isfinite(first):
        raise ValueError(f"neg_log_likelihood must be finite at x0 = {x0!r}, got {first!r}")
    from scipy import optimize

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        if method is not None:
            res = optimize.minimize(objective, start, method=method)
        else:
            res = optimize.minimize(objective, start, method="BFGS")
            if not res.success or not np.all(np.isfinite(res.x)):
                retry = optimize.minimize(
                    objective, res.x if np.all(np.isfinite(res.x)) else start,
                    method="Nelder-Mead",
                    options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000 * start.size})
                if retry.fun <= res.fun or not np.isfinite(res.fun):
                    res = retry
    x = np.asarray(res.x, dtype=np.float64)
    value = float(res.fun)
    return MLEResult(float(x[0]) if scalar else x, value,
                     bool(res.success) and math.isfinite(value))


# --------------------------------------------------------------------------- intervals


def _level(level: Any) -> float:
    return as_scalar_in_range(level, "level", 0.0, 1.0, low_open=True, high_open=True)


def mean_confidence_interval(x: Any, level: float = 0.95) -> Interval:
    r"""The Student t confidence interval for the mean of a sample.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observations; finite, :math:`n \ge 2`.
    level : float, default 0.95
        The confidence level, in (0, 1).

    Returns
    -------
    Interval
        ``(low, high)``, centred on the sample mean.

    Raises
    ------
    ValueError
        If ``x`` is not finite and 1-D with at least 2 values, or ``level`` is not in
        (0, 1).

    See Also
    --------
    bootstrap_confidence_interval : for statistics other than the mean, or skewed data.
    proportion_confidence_interval : for 0/1 data.

    Notes
    -----
    .. math::

        \bar{x} \pm t_{1 - \alpha/2, \, n - 1} \, \frac{s}{\sqrt{n}}, \qquad \alpha = 1 -
        \text{level}

    where :math:`\bar{x}` is the sample mean, :math:`s` the sample standard deviation
    (with :math:`n - 1`), :math:`n` the sample size and :math:`t_{q, \nu}` the
    :math:`q`-quantile of Student's t distribution with :math:`\nu` degrees of freedom.

    :math:`s/\sqrt{n}` is the standard error of the mean. The t quantile rather than the
    Gaussian 1.96 accounts for :math:`s` being estimated: for :math:`n = 5` it is 2.78,
    and using 1.96 would give a nominal 95 % interval that covers the mean only about
    88 % of the time. The interval is exact for Gaussian data and approximately right
    for other data when :math:`n` is large (central limit theorem); strongly skewed data
    at small :math:`n` under-cover.

    References
    ----------
    .. [1] L. Wasserman, *All of Statistics*, Springer, 2004, section 6.3.

    Examples
    --------
    >>> from mathref import mean_confidence_interval
    >>> low, high = mean_confidence_interval([9.8, 10.2, 10.4, 9.9, 10.1])
    >>> round(low, 4), round(high, 4)
    (9.7836, 10.3764)
    """
    arr = as_vector(x, "x")
    p = _level(level)
    n = arr.shape[0]
    if n < 2:
        raise ValueError(f"x must have at least 2 observations for a t interval, got {n}")
    from scipy import special

    from .probability import sample_mean, sample_variance

    mean = sample_mean(arr)
    se = math.sqrt(sample_variance(arr, ddof=1) / n)
    t = float(special.stdtrit(n - 1, 0.5 + 0.5 * p))
    return Interval(mean - t * se, mean + t * se)


_PROPORTION_METHODS = ("wilson", "normal", "clopper-pearson")


def proportion_confidence_interval(successes: int, trials: int, level: float = 0.95,
                                   method: str = "wilson") -> Interval:
    r"""A confidence interval for a binomial proportion: Wilson, Wald or Clopper-Pearson.

    Parameters
    ----------
    successes : int
        The number of successes :math:`k`, :math:`0 \le k \le n`.
    trials : int
        The number of trials :math:`n \ge 1`.
    level : float, default 0.95
        The confidence level, in (0, 1).
    method : {"wilson", "normal", "clopper-pearson"}, default "wilson"
        ``"wilson"``: the score interval (the default: good coverage at every
        :math:`n`). ``"normal"``: the Wald interval :math:`\hat{p} \pm z \cdot
        \mathrm{se}` (zero width at :math:`k = 0`; can extend outside [0, 1], which is
        returned as is). ``"clopper-pearson"``: the "exact" interval from Beta quantiles
        (conservative: at least the nominal coverage).

    Returns
    -------
    Interval
        ``(low, high)``.

    Raises
    ------
    ValueError
        If the counts are negative, non-integer or ``successes > trials``, ``trials`` is
        0, ``level`` is not in (0, 1), or ``method`` is not one of the three (the
        message lists them).

    See Also
    --------
    mle_bernoulli : the point estimate :math:`k/n`.
    mean_confidence_interval

    Notes
    -----
    .. math::

        \begin{aligned}
        \text{Wilson:} \quad & \frac{\hat{p} + \frac{z^2}{2n} \pm z \sqrt{\frac{\hat{p}(1 -
        \hat{p})}{n} + \frac{z^2}{4n^2}}}{1 + \frac{z^2}{n}} \\
        \text{Wald:} \quad & \hat{p} \pm z \sqrt{\frac{\hat{p}(1 - \hat{p})}{n}} \\
        \text{Clopper-Pearson:} \quad & \left[ B_{\alpha/2}(k, n - k + 1), \;
        B_{1 - \alpha/2}(k + 1, n - k) \right]
        \end{aligned}

    where :math:`k` is the number of successes in :math:`n` trials,
    :math:`\hat{p} = k/n`, :math:`\alpha = 1 - \text{level}`, :math:`z` the
    :math:`(1 - \alpha/2)`-quantile of the standard normal, and :math:`B_q(a, b)` the
    :math:`q`-quantile of the Beta distribution (with :math:`B_q(0, b) = 0` and
    :math:`B_q(a, 0) = 1`).

    The Wald interval plugs :math:`\hat{p}` into the standard error, which is 0 when
    :math:`k = 0` or :math:`k = n`: "0 errors in 20 tests" gives the interval [0, 0].
    Its coverage falls well below the nominal level for small :math:`n` or :math:`p`
    near 0 or 1. Wilson inverts the score test instead (the standard error uses the
    candidate :math:`p`, not :math:`\hat{p}`), which pulls the centre towards 1/2 and
    keeps coverage close to nominal. Clopper-Pearson inverts the exact binomial test,
    so its coverage is never below the nominal level, at the price of wider intervals.

    References
    ----------
    .. [1] L. D. Brown, T. T. Cai and A. DasGupta, "Interval estimation for a binomial
       proportion", *Statistical Science* 16(2), 2001.
    .. [2] E. B. Wilson, "Probable inference, the law of succession, and statistical
       inference", *JASA* 22(158), 1927.

    Examples
    --------
    >>> from mathref import proportion_confidence_interval
    >>> proportion_confidence_interval(0, 20, method="normal")  # Wald collapses
    Interval(low=0.0, high=0.0)
    >>> low, high = proportion_confidence_interval(0, 20)  # Wilson does not
    >>> round(low, 4), round(high, 4)
    (0.0, 0.1611)
    >>> low, high = proportion_confidence_interval(0, 20, method="clopper-pearson")
    >>> round(high, 4)
    0.1684
    """
    n = as_int(trials, "trials", minimum=1)
    k = as_int(successes, "successes", minimum=0)
    if k > n:
        raise ValueError(f"successes must be at most trials = {n}, got {k}")
    p = _level(level)
    how = as_choice(method, "method", _PROPORTION_METHODS)
    alpha = 1.0 - p
    from scipy import special

    if how == "clopper-pearson":
        low = 0.0 if k == 0 else float(special.betaincinv(k, n - k + 1, alpha / 2))
        high = 1.0 if k == n else float(special.betaincinv(k + 1, n - k, 1 - alpha / 2))
        return Interval(low, high)
    z = float(special.ndtri(0.5 + 0.5 * p))
    phat = k / n
    if how == "normal":
        half = z * math.sqrt(phat * (1 - phat) / n)
        return Interval(phat - half, phat + half)
    denom = 2 * (n + z * z)
    centre = (2 * k + z * z) / denom
    half = z / denom * math.sqrt(4 * n * phat * (1 - phat) + z * z)
    low = 0.0 if k == 0 else centre - half
    high = 1.0 if k == n else centre + half
    return Interval(low, high)


def bootstrap_confidence_interval(data: Any, statistic: Callable[[np.ndarray], Any],
                                  level: float = 0.95, n_resamples: int = 9999,
                                  rng: Any = None) -> Interval:
    r"""The percentile bootstrap confidence interval for any statistic.

    Parameters
    ----------
    data : array_like, shape (n,) or (n, d)
        The sample; rows are resampled with replacement. Finite, :math:`n \ge 2`.
    statistic : callable
        Receives one resample (an array shaped like ``data``) and returns one number.
    level : float, default 0.95
        The confidence level, in (0, 1).
    n_resamples : int, default 9999
        The number of bootstrap resamples :math:`B`, at least 1.
    rng : numpy.random.Generator, int or None, default None
        The random generator or its seed.

    Returns
    -------
    Interval
        ``(low, high)``: the :math:`\alpha/2` and :math:`1 - \alpha/2` quantiles of the
        bootstrap distribution.

    Raises
    ------
    ValueError
        If ``data`` is not finite 1-D or 2-D with at least 2 rows, ``level`` or
        ``n_resamples`` is out of range (or too large for its array of values to be
        allocated), or ``statistic`` returns something other than one finite real number.
    TypeError
        If ``statistic`` is not callable.

    See Also
    --------
    mean_confidence_interval : the parametric interval for a mean.

    Notes
    -----
    .. math::

        \left[ \hat{\theta}^*_{(\alpha/2)}, \; \hat{\theta}^*_{(1 - \alpha/2)} \right],
        \qquad \hat{\theta}^*_b = T\left( x^*_b \right), \; b = 1, \dots, B

    where :math:`x^*_b` is the :math:`b`-th resample (:math:`n` rows drawn with
    replacement from the data), :math:`T` the statistic, :math:`\hat{\theta}^*_{(q)}` the
    :math:`q`-quantile of the :math:`B` bootstrap values (linear interpolation) and
    :math:`\alpha = 1 - \text{level}`.

    The spread of the statistic over resamples imitates its spread over new samples
    from the population. The percentile method needs no formula for the standard error,
    which makes it the tool for medians, ratios and model metrics; it assumes the
    statistic's distribution is roughly symmetric around the truth, and under-covers
    for small :math:`n` (its intervals are too narrow by about a factor
    :math:`\sqrt{(n-1)/n}`) and for biased statistics. It cannot be better than the
    sample: the bootstrap of a maximum never exceeds the observed maximum.

    References
    ----------
    .. [1] B. Efron and R. J. Tibshirani, *An Introduction to the Bootstrap*, Chapman &
       Hall, 1993, chapter 13.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import bootstrap_confidence_interval
    >>> x = np.random.default_rng(0).exponential(1.0, size=200)
    >>> low, high = bootstrap_confidence_interval(x, np.median, n_resamples=2000, rng=1)
    >>> bool(low < np.median(x) < high)
    True
    >>> bool(low < np.log(2) < high)  # the population median of Exponential(1)
    True
    """
    arr = as_array(data, "data", ndim=(1, 2))
    f = as_callable(statistic, "statistic")
    p = _level(level)
    b = as_int(n_resamples, "n_resamples", minimum=1)
    gen = as_rng(rng)
    n = arr.shape[0]
    if n < 2:
        raise ValueError(f"data must have at least 2 observations to bootstrap, got {n}")
    with allocation_guard(f"n_resamples = {b}"):
        values = np.empty(b)
    for i in range(b):
        resample = arr[gen.integers(0, n, size=n)]
        value = f(resample)
        try:
            out_arr = np.asarray(value)
        except (TypeError, ValueError):
            out_arr = np.asarray(None)
        if out_arr.dtype.kind not in "biuf" or out_arr.size != 1:  # complex is not cast
            raise ValueError(
                f"statistic must return one real number, returned {describe(value)}"
            )
        out = float(out_arr.reshape(()))
        if not math.isfinite(out):
            raise ValueError(f"statistic returned a non-finite value {out!r} on a resample")
        values[i] = out
    alpha = 1.0 - p
    low, high = np.quantile(values, [alpha / 2, 1 - alpha / 2])
    return Interval(float(low), float(high))


# --------------------------------------------------------------------------- model assessment


def bias_variance_decomposition(predictions: Any, target: Any) -> BiasVariance:
    r"""Split the expected squared error of a model family into bias² and variance.

    Parameters
    ----------
    predictions : array_like, shape (n_models, n_points)
        Row :math:`m` holds the predictions of the model trained on the :math:`m`-th
        training set, at the same :math:`n` test points; finite.
    target : array_like, shape (n_points,)
        The noise-free target :math:`f(x_j)` at those points; finite.

    Returns
    -------
    BiasVariance
        ``(bias_squared, variance, expected_mse)``, each averaged over the points;
        ``expected_mse = bias_squared + variance`` exactly.

    Raises
    ------
    ValueError
        If ``predictions`` is not finite 2-D, ``target`` not finite 1-D, or the number of
        points differs.

    See Also
    --------
    k_fold_indices : the splits for estimating the error on held-out data.

    Notes
    -----
    .. math::

        \underbrace{\frac{1}{n} \sum_{j=1}^{n} \mathbb{E}_m\left[ \left( \hat{f}_m(x_j) -
        f(x_j) \right)^2 \right]}_{\text{expected MSE}} = \underbrace{\frac{1}{n}
        \sum_{j=1}^{n} \left( \bar{f}(x_j) - f(x_j) \right)^2}_{\text{bias}^2} +
        \underbrace{\frac{1}{n} \sum_{j=1}^{n} \mathbb{E}_m\left[ \left( \hat{f}_m(x_j) -
        \bar{f}(x_j) \right)^2 \right]}_{\text{variance}}

    where :math:`\hat{f}_m(x_j)` is the prediction of model :math:`m` (trained on the
    :math:`m`-th data set) at test point :math:`x_j`, :math:`\bar{f}(x_j) =
    \mathbb{E}_m[\hat{f}_m(x_j)]` the average prediction over models, :math:`f(x_j)` the
    noise-free target and :math:`n` the number of points; :math:`\mathbb{E}_m` averages
    over the models.

    The cross term vanishes because :math:`\bar{f}` is the mean of the
    :math:`\hat{f}_m`. Bias² is the error of the average model (too simple a model:
    underfitting); variance is how much the fit changes with the training set (too
    flexible a model: overfitting). Against noisy targets the expected error has a
    third term, the noise variance, which no model removes. Both terms are computed from
    deviations (two passes), and ``expected_mse`` is their sum; the direct mean squared
    error agrees to rounding.

    References
    ----------
    .. [1] S. Geman, E. Bienenstock and R. Doursat, "Neural networks and the
       bias/variance dilemma", *Neural Computation* 4(1), 1992.
    .. [2] T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
       Learning*, 2nd ed., Springer, 2009, section 7.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import bias_variance_decomposition
    >>> predictions = np.array([[1.0, 2.0], [3.0, 2.0], [2.0, 5.0]])
    >>> target = np.array([1.0, 2.0])
    >>> bv = bias_variance_decomposition(predictions, target)
    >>> round(bv.bias_squared, 4), round(bv.variance, 4)
    (1.0, 1.3333)
    >>> bool(np.isclose(bv.expected_mse, np.mean((predictions - target) ** 2)))
    True
    """
    preds = as_matrix(predictions, "predictions").astype(np.float64, copy=False)
    truth = as_vector(target, "target").astype(np.float64, copy=False)
    if preds.shape[1] != truth.shape[0]:
        raise ValueError(
            f"predictions must have one column per target point: predictions has shape "
            f"{preds.shape} (n_points = {preds.shape[1]}) but target has length "
            f"{truth.shape[0]}"
        )
    average = np.mean(preds, axis=0)
    dev = preds - average
    average = average + np.mean(dev, axis=0)
    dev = preds - average
    bias_squared = float(np.mean((average - truth) ** 2))
    var = float(np.mean(dev * dev))
    return BiasVariance(bias_squared, var, bias_squared + var)


def k_fold_indices(n: int, k: int, shuffle: bool = False, rng: Any = None) -> list[Fold]:
    r"""Split ``range(n)`` into ``k`` folds for cross-validation.

    Parameters
    ----------
    n : int
        The number of samples.
    k : int
        The number of folds, :math:`2 \le k \le n`.
    shuffle : bool, default False
        Whether to permute the indices before cutting the folds (do so unless the order
        is meaningful, e.g. time series, or the data are already shuffled).
    rng : numpy.random.Generator, int or None, default None
        The random generator or seed for the permutation; ignored when ``shuffle`` is
        False.

    Returns
    -------
    list of Fold
        ``k`` pairs ``(train_idx, test_idx)`` of ascending int arrays. Every index is in
        exactly one ``test_idx``, and ``train_idx`` is its complement. The first
        ``n % k`` folds have ``n // k + 1`` test indices, the rest ``n // k`` (as
        scikit-learn's ``KFold``).

    Raises
    ------
    ValueError
        If ``n`` or ``k`` is not an integer, ``k < 2``, ``k > n``, or ``n`` is too large
        for its index arrays to be allocated.
    TypeError
        If ``shuffle`` is not a bool.

    See Also
    --------
    bias_variance_decomposition

    Notes
    -----
    .. math::

        \widehat{\mathrm{Err}}_{\mathrm{CV}} = \frac{1}{n} \sum_{j=1}^{k} \sum_{i \in
        T_j} L\left( y_i, \hat{f}^{(-j)}(x_i) \right), \qquad |T_j| = \left\lfloor
        \frac{n}{k} \right\rfloor + [j \le n \bmod k]

    where :math:`T_1, \dots, T_k` are the disjoint test folds covering
    :math:`\{0, \dots, n - 1\}`, :math:`\hat{f}^{(-j)}` the model trained on every index
    outside :math:`T_j`, :math:`L` the loss, and :math:`[\cdot]` is 1 when the condition
    holds and 0 otherwise.

    Every sample is predicted exactly once by a model that did not see it, so the
    average is an estimate of the test error that uses all the data. Larger :math:`k`
    means less bias (training sets closer to size :math:`n`) but more computation and
    more variance. Pitfalls: any preprocessing fitted on all the data (scaling, feature
    selection) leaks the test folds into training; grouped or time-ordered data need
    group or forward-chaining splits instead.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
       Learning*, 2nd ed., Springer, 2009, section 7.10.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import k_fold_indices
    >>> folds = k_fold_indices(7, 3)
    >>> [fold.test_idx.tolist() for fold in folds]
    [[0, 1, 2], [3, 4], [5, 6]]
    >>> folds[1].train_idx.tolist()
    [0, 1, 2, 5, 6]
    >>> tests = np.concatenate([t for _, t in k_fold_indices(10, 4, shuffle=True, rng=0)])
    >>> bool(np.array_equal(np.sort(tests), np.arange(10)))
    True
    """
    size = as_int(n, "n", minimum=0)
    folds = as_int(k, "k", minimum=2)
    if folds > size:
        raise ValueError(f"k must be at most n = {size} (each fold needs a sample), got {folds}")
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be a bool, got {describe(shuffle)}")
    with allocation_guard(f"n = {size}"):
        order = np.arange(size)
    if shuffle:
        order = as_rng(rng).permutation(size)
    sizes = np.full(folds, size // folds)
    sizes[: size % folds] += 1
    result = []
    start = 0
    for length in sizes:
        mask = np.zeros(size, dtype=bool)
        mask[order[start:start + length]] = True
        result.append(Fold(np.flatnonzero(~mask), np.flatnonzero(mask)))
        start += length
    return result
