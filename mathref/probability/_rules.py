"""Counting, rules of probability, joint tables, and moments of variables and of data."""
from __future__ import annotations

import math
import operator
from typing import Any

import numpy as np

from .._numerics import largest_exponent, scaled_back, times_power_of_two
from .._validate import (
    as_array,
    as_int,
    as_matrix,
    as_probability_table,
    as_probability_vector,
    as_scalar,
    as_vector,
    check_finite,
    check_same_length,
    check_unit_interval,
    describe,
)

__all__ = [
    "n_choose_k",
    "n_permute_k",
    "multinomial_coefficient",
    "log_n_choose_k",
    "bayes_rule",
    "total_probability",
    "posterior",
    "marginal",
    "conditional",
    "are_independent",
    "expectation",
    "variance",
    "sample_mean",
    "sample_variance",
    "covariance_matrix",
    "correlation_matrix",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "n_choose_k": ("Binomial coefficient (n choose k)",
                   ("combinations", "binomial coefficient", "nCk", "choose", "subsets")),
    "n_permute_k": ("Number of k-permutations of n",
                    ("permutations", "nPk", "arrangements", "falling factorial",
                     "ordered selections")),
    "multinomial_coefficient": ("Multinomial coefficient",
                                ("multinomial", "arrangements of a multiset",
                                 "permutations with repetition")),
    "log_n_choose_k": ("Logarithm of the binomial coefficient",
                       ("log binomial", "log combinations", "lgamma", "log nCk",
                        "betaln")),
    "bayes_rule": ("Bayes' rule", ("Bayes theorem", "Bayes' theorem", "inverse probability",
                                   "posterior probability", "base rate")),
    "total_probability": ("Law of total probability",
                          ("evidence", "marginal likelihood", "normalising constant",
                           "total probability")),
    "posterior": ("Posterior over discrete hypotheses",
                  ("Bayes update", "posterior distribution", "belief update",
                   "normalised posterior")),
    "marginal": ("Marginal distribution of a joint table",
                 ("marginalise", "sum rule", "marginal probability", "sum out")),
    "conditional": ("Conditional distribution from a joint table",
                    ("conditional probability", "product rule", "P(Y|X)")),
    "are_independent": ("Independence test on a joint table",
                        ("independence", "independent random variables",
                         "product of marginals", "factorises")),
    "expectation": ("Expectation of a discrete random variable",
                    ("expected value", "mean", "first moment", "E[X]")),
    "variance": ("Variance of a discrete random variable",
                 ("variance", "second central moment", "Var[X]", "spread")),
    "sample_mean": ("Sample mean", ("average", "arithmetic mean", "empirical mean")),
    "sample_variance": ("Sample variance (two-pass)",
                        ("unbiased variance", "Bessel correction", "ddof",
                         "catastrophic cancellation", "empirical variance")),
    "covariance_matrix": ("Sample covariance matrix",
                          ("covariance", "scatter matrix", "np.cov", "second moments")),
    "correlation_matrix": ("Pearson correlation matrix",
                           ("correlation", "Pearson r", "correlation coefficient",
                            "np.corrcoef", "standardised covariance")),
}


# --------------------------------------------------------------------------- counting


def _counting_args(n: Any, k: Any) -> tuple[int, int]:
    return as_int(n, "n", minimum=0), as_int(k, "k", minimum=0)


def n_choose_k(n: int, k: int) -> int:
    r"""The number of ways to choose ``k`` of ``n`` items, order ignored, as an exact int.

    Parameters
    ----------
    n : int
        The number of items, :math:`n \ge 0`.
    k : int
        How many are chosen, :math:`k \ge 0`.

    Returns
    -------
    int
        :math:`\binom{n}{k}`, an exact Python int (0 when ``k > n``).

    Raises
    ------
    ValueError
        If ``n`` or ``k`` is negative or not an integer (``5.0`` included).
    TypeError
        If ``n`` or ``k`` is not a number.

    See Also
    --------
    n_permute_k : the ordered count.
    log_n_choose_k : its logarithm as a float, for large ``n``.
    multinomial_coefficient : more than two groups.

    Notes
    -----
    .. math::

        \binom{n}{k} = \frac{n!}{k! \, (n - k)!}, \qquad \binom{n}{k} = 0 \text{ for } k > n

    where :math:`n` is the number of distinct items and :math:`k` the size of the subset.

    It counts the subsets of size :math:`k`, so it is the number of sequences of
    :math:`n` coin flips with :math:`k` heads (the binomial pmf's factor). Python's
    integers are unbounded, so the count is exact (``n_choose_k(1000, 500)`` has 300
    digits); floats would round it beyond :math:`2^{53}` and overflow past ``n = 1029``.
    ``math.comb`` computes it without forming the factorials.

    References
    ----------
    .. [1] R. L. Graham, D. E. Knuth and O. Patashnik, *Concrete Mathematics*, 2nd ed.,
       Addison-Wesley, 1994, chapter 5.

    Examples
    --------
    >>> from mathref import n_choose_k
    >>> n_choose_k(5, 2)
    10
    >>> n_choose_k(3, 5)
    0
    >>> len(str(n_choose_k(1000, 500)))
    300
    """
    n, k = _counting_args(n, k)
    return math.comb(n, k)


def n_permute_k(n: int, k: int) -> int:
    r"""The number of ordered selections of ``k`` of ``n`` items, as an exact int.

    Parameters
    ----------
    n : int
        The number of items, :math:`n \ge 0`.
    k : int
        How many are selected in order, :math:`k \ge 0`.

    Returns
    -------
    int
        :math:`n!/(n-k)!`, an exact Python int (0 when ``k > n``).

    Raises
    ------
    ValueError
        If ``n`` or ``k`` is negative or not an integer.
    TypeError
        If ``n`` or ``k`` is not a number.

    See Also
    --------
    n_choose_k : the unordered count, :math:`P(n, k) / k!`.

    Notes
    -----
    .. math::

        P(n, k) = \frac{n!}{(n - k)!} = n (n - 1) \cdots (n - k + 1), \qquad P(n, k) = 0
        \text{ for } k > n

    where :math:`n` is the number of distinct items and :math:`k` the length of the
    ordered selection (the falling factorial of :math:`n`).

    Each of the :math:`\binom{n}{k}` subsets can be ordered in :math:`k!` ways, so
    :math:`P(n, k) = k! \binom{n}{k}`. ``math.perm`` multiplies the :math:`k` factors
    exactly.

    References
    ----------
    .. [1] R. L. Graham, D. E. Knuth and O. Patashnik, *Concrete Mathematics*, 2nd ed.,
       Addison-Wesley, 1994, section 2.6.

    Examples
    --------
    >>> from mathref import n_permute_k, n_choose_k
    >>> n_permute_k(5, 2)
    20
    >>> n_permute_k(10, 3) == 6 * n_choose_k(10, 3)
    True
    """
    n, k = _counting_args(n, k)
    return math.perm(n, k)


def multinomial_coefficient(counts: Any) -> int:
    r"""The number of ways to split ``sum(counts)`` items into groups of the given sizes.

    Parameters
    ----------
    counts : sequence of int, shape (m,)
        The group sizes :math:`k_1, \dots, k_m \ge 0`; non-empty.

    Returns
    -------
    int
        The multinomial coefficient, an exact Python int.

    Raises
    ------
    ValueError
        If ``counts`` is empty, ragged or not 1-D, or holds a negative or non-integer value.
    TypeError
        If ``counts`` is not a sequence of numbers.

    See Also
    --------
    n_choose_k : the case of two groups.

    Notes
    -----
    .. math::

        \binom{n}{k_1, k_2, \dots, k_m} = \frac{n!}{k_1! \, k_2! \cdots k_m!},
        \qquad n = \sum_{i=1}^{m} k_i

    where :math:`k_i` is the size of group :math:`i` and :math:`n` the total number of
    items.

    It counts the distinct arrangements of a word with repeated letters ("MISSISSIPPI":
    :math:`11!/(1!\,4!\,4!\,2!)`), and is the factor in the multinomial pmf. It is
    computed exactly as the product of binomial coefficients
    :math:`\binom{k_1}{k_1} \binom{k_1 + k_2}{k_2} \cdots`, which never forms
    :math:`n!`.

    References
    ----------
    .. [1] R. L. Graham, D. E. Knuth and O. Patashnik, *Concrete Mathematics*, 2nd ed.,
       Addison-Wesley, 1994, section 5.4.

    Examples
    --------
    >>> from mathref import multinomial_coefficient, n_choose_k
    >>> multinomial_coefficient([1, 4, 4, 2])
    34650
    >>> multinomial_coefficient([3, 7]) == n_choose_k(10, 3)
    True
    """
    if isinstance(counts, (str, bytes)) or counts is None or callable(counts):
        raise TypeError(f"counts must be a sequence of integers, got {describe(counts)}")
    try:
        ndim = np.ndim(counts)
    except (TypeError, ValueError):  # ragged nesting
        raise ValueError(f"counts must be a flat sequence of integers, "
                         f"got {describe(counts)}") from None
    if ndim != 1:
        raise ValueError(f"counts must be 1-D, got {describe(np.asarray(counts))}")
    items = list(counts)
    if not items:
        raise ValueError("counts must not be empty, got an empty sequence")
    total, result = 0, 1
    for i, value in enumerate(items):
        k = as_int(value, f"counts[{i}]", minimum=0)
        total += k
        result *= math.comb(total, k)
    return result


def log_n_choose_k(n: int, k: int) -> float:
    r"""The natural logarithm of the binomial coefficient, accurate for very large ``n``.

    Parameters
    ----------
    n : int
        The number of items, :math:`n \ge 0`; may be far beyond what ``n_choose_k`` can
        form quickly (``10**15``).
    k : int
        How many are chosen, :math:`k \ge 0`.

    Returns
    -------
    float
        :math:`\log \binom{n}{k}`; ``-inf`` when ``k > n`` (the count is 0).

    Raises
    ------
    ValueError
        If ``n`` or ``k`` is negative or not an integer.
    TypeError
        If ``n`` or ``k`` is not a number.

    See Also
    --------
    n_choose_k : the exact integer.

    Notes
    -----
    .. math::

        \log \binom{n}{k} = \log \Gamma(n + 1) - \log \Gamma(k + 1) - \log \Gamma(n - k + 1)
        = -\log(n + 1) - \log \mathrm{B}(n - k + 1, k + 1)

    where :math:`n` is the number of items, :math:`k` the number chosen, :math:`\Gamma`
    the gamma function (:math:`\Gamma(m + 1) = m!`) and :math:`\mathrm{B}` the beta
    function.

    Log-probabilities of binomial counts need this when :math:`\binom{n}{k}` itself
    overflows a float (from :math:`n = 1030`). The three-``lgamma`` form cancels
    catastrophically when :math:`k` is small and :math:`n` large: for
    :math:`n = 10^{15}, k = 1` the terms are about :math:`3.4 \times 10^{16}`, whose
    spacing is 4, and the answer :math:`\log 10^{15} \approx 34.5` comes out 7 % wrong.
    Instead, when :math:`\min(k, n - k) \le 300` (or :math:`n \le 5000`) the exact
    integer is formed and its logarithm taken; otherwise Stirling's series is used in
    the form :math:`-k \log(k/n) - (n - k)\,\mathrm{log1p}(-k/n) + \tfrac12 \log
    \frac{n}{2\pi k (n-k)}` plus the series remainders, whose terms do not cancel.
    Both are accurate to a few ulp.

    References
    ----------
    .. [1] NIST Digital Library of Mathematical Functions, sections 5.11 and 5.12,
       https://dlmf.nist.gov/5.11.
    .. [2] C. Loader, "Fast and accurate computation of binomial probabilities", 2000.

    Examples
    --------
    >>> import math
    >>> from mathref import log_n_choose_k, n_choose_k
    >>> math.isclose(log_n_choose_k(1000, 500), math.log(n_choose_k(1000, 500)))
    True
    >>> log_n_choose_k(10**15, 1)
    34.5388
    >>> log_n_choose_k(3, 5)
    -inf
    """
    n, k = _counting_args(n, k)
    if k > n:
        return -math.inf
    if k == 0 or k == n:
        return 0.0
    m = min(k, n - k)
    if m <= 300 or n <= 5000:
        # the exact integer is cheap to form here (at most a few thousand digits)
        return math.log(math.comb(n, m))
    # Stirling with the remainder series for each factorial, and the entropy term
    # k log(k/n) + (n-k) log(1 - k/n) formed with log1p: every term has the same sign,
    # so nothing cancels (the three-lgamma difference would).
    nf, mf = float(n), float(m)
    rest = nf - mf
    entropy = -(mf * math.log(mf / nf) + rest * math.log1p(-mf / nf))
    half_logs = 0.5 * (math.log(nf) - math.log(mf) - math.log(rest)) - _HALF_LOG_2PI
    return entropy + half_logs + _stirling_remainder(nf) - _stirling_remainder(mf) \
        - _stirling_remainder(rest)


_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _stirling_remainder(x: float) -> float:
    """log Gamma(x + 1) - [(x + 1/2) log x - x + log(2 pi)/2], for x >= 300."""
    inv = 1.0 / x
    inv2 = inv * inv
    return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))


# --------------------------------------------------------------------------- Bayes


def _probability_scalar(value: Any, name: str) -> float:
    result = as_scalar(value, name)
    if not 0.0 <= result <= 1.0:
        raise ValueError(f"{name} must be a probability in [0, 1], got {value!r}")
    return result


def bayes_rule(prior: float, likelihood: float, evidence: float) -> float:
    r"""The posterior probability P(A|B) from the prior, the likelihood and the evidence.

    Parameters
    ----------
    prior : float
        :math:`P(A)`, in [0, 1].
    likelihood : float
        :math:`P(B \mid A)`, in [0, 1].
    evidence : float
        :math:`P(B)`, in (0, 1].

    Returns
    -------
    float
        :math:`P(A \mid B)`, in [0, 1].

    Raises
    ------
    ValueError
        If an argument is not a probability, ``evidence`` is 0 (conditioning on an
        impossible event), or the three are inconsistent: :math:`P(B) < P(B \mid A) P(A)`
        would make the result exceed 1.

    See Also
    --------
    total_probability : the evidence from a partition of hypotheses.
    posterior : Bayes' rule for every hypothesis of a partition at once.

    Notes
    -----
    .. math::

        P(A \mid B) = \frac{P(B \mid A) \, P(A)}{P(B)}

    where :math:`P(A)` is the prior probability of the event (hypothesis) :math:`A`,
    :math:`P(B \mid A)` the likelihood of the observation :math:`B` under :math:`A`, and
    :math:`P(B)` the evidence, the total probability of observing :math:`B`.

    The rule turns the probability of the data given the hypothesis into the probability
    of the hypothesis given the data. The two are easily confused: a test with
    :math:`P(+ \mid \text{ill}) = 0.99` for a condition with prevalence 1 % and a 5 %
    false-positive rate gives :math:`P(\text{ill} \mid +) \approx 0.17`, because the
    evidence is dominated by the many healthy people who test positive (the base-rate
    fallacy). Since :math:`P(B) \ge P(B \cap A) = P(B \mid A) P(A)`, a result above 1
    means the inputs do not come from one distribution; it is an error, not clipped. A
    result within rounding (:math:`10^{-12}`) of 1 is returned as 1.

    References
    ----------
    .. [1] D. Barber, *Bayesian Reasoning and Machine Learning*, Cambridge University
       Press, 2012, section 1.2.

    Examples
    --------
    >>> from mathref import bayes_rule, total_probability
    >>> evidence = total_probability([0.01, 0.99], [0.99, 0.05])
    >>> bayes_rule(0.01, 0.99, evidence)
    0.1667
    """
    p_a = _probability_scalar(prior, "prior")
    p_b_given_a = _probability_scalar(likelihood, "likelihood")
    p_b = _probability_scalar(evidence, "evidence")
    if p_b == 0.0:
        raise ValueError(
            "evidence must be positive: P(B) = 0 means B is impossible and P(A|B) is "
            "undefined, got 0"
        )
    result = p_b_given_a * p_a / p_b
    if result > 1.0:
        if result > 1.0 + 1e-12:
            raise ValueError(
                f"inconsistent inputs: likelihood * prior = {p_b_given_a * p_a!r} exceeds "
                f"evidence = {p_b!r}, so P(A|B) = {result!r} > 1; the evidence must be at "
                "least P(B|A) P(A)"
            )
        result = 1.0
    return result


def _prior_and_likelihood(prior: Any, likelihood: Any) -> tuple[np.ndarray, np.ndarray]:
    p = as_probability_vector(prior, "prior").astype(np.float64, copy=False)
    lik = as_vector(likelihood, "likelihood").astype(np.float64, copy=False)
    check_unit_interval(lik, "likelihood")
    check_same_length(p, lik, "prior", "likelihood")
    return p, lik


def total_probability(prior: Any, likelihood: Any) -> float:
    r"""The probability of the evidence, summed over a partition of hypotheses.

    Parameters
    ----------
    prior : array_like, shape (m,)
        :math:`P(H_i)` for the :math:`m` mutually exclusive, exhaustive hypotheses; a
        probability vector.
    likelihood : array_like, shape (m,)
        :math:`P(E \mid H_i)`, each in [0, 1] (they need not sum to 1).

    Returns
    -------
    float
        :math:`P(E)`, in [0, 1].

    Raises
    ------
    ValueError
        If ``prior`` is not a probability vector, ``likelihood`` has a value outside
        [0, 1] or NaN, or their lengths differ.

    See Also
    --------
    bayes_rule, posterior

    Notes
    -----
    .. math::

        P(E) = \sum_{i=1}^{m} P(E \mid H_i) \, P(H_i)

    where :math:`H_1, \dots, H_m` are mutually exclusive hypotheses whose probabilities
    :math:`P(H_i)` sum to 1, and :math:`P(E \mid H_i)` is the probability of the evidence
    :math:`E` under hypothesis :math:`H_i`.

    It is the denominator of Bayes' rule (the "evidence" or marginal likelihood): the
    evidence can happen under each hypothesis, and those ways are disjoint. The
    likelihoods are a function of :math:`i`, not a distribution, so they need not sum
    to 1.

    References
    ----------
    .. [1] D. Barber, *Bayesian Reasoning and Machine Learning*, Cambridge University
       Press, 2012, section 1.1.

    Examples
    --------
    >>> from mathref import total_probability
    >>> total_probability([0.01, 0.99], [0.99, 0.05])
    0.0594
    """
    p, lik = _prior_and_likelihood(prior, likelihood)
    return min(float(np.dot(p, lik)), 1.0)


def posterior(prior: Any, likelihood: Any) -> np.ndarray:
    r"""The posterior distribution over a discrete set of hypotheses.

    Parameters
    ----------
    prior : array_like, shape (m,)
        :math:`P(H_i)`; a probability vector.
    likelihood : array_like, shape (m,)
        :math:`P(E \mid H_i)`, each in [0, 1]. Only their ratios matter, so tiny values
        (likelihoods of many observations, ``1e-300``) are fine.

    Returns
    -------
    numpy.ndarray, shape (m,)
        :math:`P(H_i \mid E)`, a probability vector.

    Raises
    ------
    ValueError
        If ``prior`` is not a probability vector, ``likelihood`` has a value outside
        [0, 1] or NaN, their lengths differ, or the evidence is 0 (every hypothesis with
        prior mass gives the evidence probability 0).

    See Also
    --------
    bayes_rule : one hypothesis, with the evidence given.
    total_probability : the normaliser.
    mathref.statistics.beta_binomial_update : the continuous conjugate analogue.

    Notes
    -----
    .. math::

        P(H_i \mid E) = \frac{P(E \mid H_i) \, P(H_i)}{\sum_{j=1}^{m} P(E \mid H_j) \,
        P(H_j)}

    where :math:`P(H_i)` is the prior probability of hypothesis :math:`i`,
    :math:`P(E \mid H_i)` the likelihood of the evidence :math:`E` under it, and the
    denominator the evidence :math:`P(E)`.

    The posterior is the prior reweighted by how well each hypothesis predicted the
    data, then renormalised. Because it is unchanged when every likelihood is scaled by
    the same constant, the likelihoods are first divided by their largest value: the
    products cannot underflow to 0 even when the raw likelihoods are near the smallest
    float (``[1e-320, 3e-320]`` with a prior of ``1e-10`` would otherwise give 0/0).

    References
    ----------
    .. [1] D. Barber, *Bayesian Reasoning and Machine Learning*, Cambridge University
       Press, 2012, section 1.2.

    Examples
    --------
    >>> from mathref import posterior
    >>> post = posterior([0.01, 0.99], [0.99, 0.05])
    >>> float(post[0])
    0.1667
    >>> float(post.sum())
    1.0
    """
    p, lik = _prior_and_likelihood(prior, likelihood)
    top = float(np.max(lik))
    weights = p * (lik / top) if top > 0 else p * lik
    total = float(np.sum(weights))
    if total == 0.0:
        raise ValueError(
            "the evidence P(E) = sum(prior * likelihood) is 0: every hypothesis with prior "
            "mass gives the evidence probability 0, so the posterior is undefined "
            f"(prior {describe(p)}, likelihood {describe(lik)})"
        )
    return weights / total


# --------------------------------------------------------------------------- joint tables


def _joint_table(joint: Any) -> np.ndarray:
    arr = as_array(joint, "joint", ndim=tuple(range(2, 33)))
    return as_probability_table(arr, "joint", ndim=arr.ndim).astype(np.float64, copy=False)


def _axes(axis: Any, ndim: int, name: str) -> tuple[int, ...]:
    values = axis if isinstance(axis, tuple) else (axis,)
    if not values:
        raise ValueError(f"{name} must name at least one axis, got ()")
    result = []
    for value in values:
        if isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be an int or a tuple of ints, got {describe(axis)}")
        try:
            index = _normalise_axis(value, ndim, name)
        except TypeError:
            raise TypeError(
                f"{name} must be an int or a tuple of ints, got {describe(axis)}"
            ) from None
        result.append(index)
    if len(set(result)) != len(result):
        raise ValueError(f"{name} repeats an axis: {axis!r}")
    return tuple(result)


def _normalise_axis(value: Any, ndim: int, name: str) -> int:
    index = operator.index(value)
    if not -ndim <= index < ndim:
        raise ValueError(f"{name} {index} is out of range for a table with {ndim} axes")
    return index % ndim


def marginal(joint: Any, axis: int | tuple[int, ...]) -> np.ndarray:
    r"""Sum variables out of a joint probability table.

    Parameters
    ----------
    joint : array_like, shape (n_1, ..., n_d)
        A joint probability table, :math:`d \ge 2`: ``joint[i, j]`` is
        :math:`P(X = x_i, Y = y_j)`. Non-negative, summing to 1.
    axis : int or tuple of int
        The axis (variable) or axes to sum out, with NumPy's meaning: ``axis=1`` sums over
        :math:`Y` and leaves the marginal of :math:`X`. Negative values count from the
        end.

    Returns
    -------
    numpy.ndarray
        The table of the remaining variables (1-D for a 2-D ``joint`` and one axis),
        summing to 1.

    Raises
    ------
    ValueError
        If ``joint`` is not a probability table with at least 2 axes, or ``axis`` is out
        of range or repeated.
    TypeError
        If ``axis`` is not an int or a tuple of ints.

    See Also
    --------
    conditional, are_independent

    Notes
    -----
    .. math::

        P(X = x) = \sum_{y} P(X = x, Y = y)

    where :math:`P(X = x, Y = y)` is the joint table and the sum runs over every value
    :math:`y` of the variable on ``axis`` that is summed out.

    This is the sum rule. A frequent slip is the meaning of ``axis``: as in
    ``numpy.sum``, it names the axis that disappears, so the marginal of the row variable
    of a 2-D table is ``marginal(joint, axis=1)``.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 1.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import marginal
    >>> joint = np.array([[0.1, 0.2], [0.3, 0.4]])
    >>> marginal(joint, axis=1)  # P(X): rows
    array([0.3, 0.7])
    >>> marginal(joint, axis=0)  # P(Y): columns
    array([0.4, 0.6])
    """
    table = _joint_table(joint)
    axes = _axes(axis, table.ndim, "axis")
    if len(axes) == table.ndim:
        raise ValueError(f"axis must leave at least one variable, got {axis!r}")
    return np.sum(table, axis=axes)


def conditional(joint: Any, given_axis: int) -> np.ndarray:
    r"""The conditional distribution of the other variables given the one on ``given_axis``.

    Parameters
    ----------
    joint : array_like, shape (n_1, ..., n_d)
        A joint probability table, :math:`d \ge 2`, non-negative, summing to 1.
    given_axis : int
        The axis of the conditioning variable :math:`X`. Negative values count from the
        end.

    Returns
    -------
    numpy.ndarray, same shape as ``joint``
        ``result[..., x, ...]`` is :math:`P(\text{others} \mid X = x)`: for each value
        :math:`x`, the slice sums to 1. For a 2-D table and ``given_axis=0`` each row is
        :math:`P(Y \mid X = x_i)`.

    Raises
    ------
    ValueError
        If ``joint`` is not a probability table with at least 2 axes, ``given_axis`` is
        out of range, or a value of the conditioning variable has probability 0 (the
        conditional is undefined there; the error names the index).

    See Also
    --------
    marginal, are_independent

    Notes
    -----
    .. math::

        P(Y = y \mid X = x) = \frac{P(X = x, Y = y)}{P(X = x)}

    where :math:`P(X = x, Y = y)` is the joint table, :math:`X` the variable on
    ``given_axis``, :math:`Y` the remaining variables and
    :math:`P(X = x) = \sum_y P(X = x, Y = y)` the marginal of :math:`X`.

    This is the product rule :math:`P(X, Y) = P(Y \mid X) P(X)` read backwards. Where
    :math:`P(X = x) = 0` the division is 0/0; rather than return NaN the function
    raises, naming the value.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 1.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import conditional
    >>> joint = np.array([[0.1, 0.2], [0.3, 0.4]])
    >>> cond = conditional(joint, given_axis=0)  # rows are P(Y | X = x_i)
    >>> bool(np.allclose(cond.sum(axis=1), 1.0))
    True
    >>> float(cond[0, 1])
    0.6667
    """
    table = _joint_table(joint)
    (axis,) = _axes(given_axis, table.ndim, "given_axis")
    others = tuple(i for i in range(table.ndim) if i != axis)
    given = np.sum(table, axis=others, keepdims=True)
    if np.any(given == 0):
        zero = int(np.flatnonzero(np.ravel(given) == 0)[0])
        raise ValueError(
            f"joint has a zero-probability value of the conditioning variable: index {zero} "
            f"along given_axis {axis} has P = 0, so the conditional is undefined there"
        )
    return table / given


def are_independent(joint: Any, atol: float = 1e-12) -> bool:
    r"""Whether the variables of a joint probability table are (mutually) independent.

    Parameters
    ----------
    joint : array_like, shape (n_1, ..., n_d)
        A joint probability table, :math:`d \ge 2`, non-negative, summing to 1.
    atol : float, default 1e-12
        Largest allowed :math:`|P(x, y) - P(x) P(y)|`, non-negative: room for rounding
        error. Tables estimated from counts need a statistical test instead (see Notes).

    Returns
    -------
    bool
        True when every entry equals the product of the marginals within ``atol``.

    Raises
    ------
    ValueError
        If ``joint`` is not a probability table with at least 2 axes, or ``atol`` is
        negative or not finite.

    See Also
    --------
    marginal, conditional
    mathref.information.mutual_information : a graded measure of dependence (0 exactly
        under independence).

    Notes
    -----
    .. math::

        X \perp Y \iff P(X = x, Y = y) = P(X = x) \, P(Y = y) \text{ for all } x, y

    where :math:`P(X = x, Y = y)` is the joint table and :math:`P(X = x)`,
    :math:`P(Y = y)` are its marginals. For more than two axes the test is mutual
    independence: the table equals the outer product of all one-variable marginals.

    Equivalently every conditional :math:`P(Y \mid X = x)` is the same distribution: the
    rows of the table are proportional. An exact test on floats needs a tolerance; for
    an empirical table (counts / total) sampling noise makes the test fail almost
    surely, and a statistical test (chi-square) is the right tool.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 1.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import are_independent
    >>> are_independent(np.outer([0.3, 0.7], [0.5, 0.25, 0.25]))
    True
    >>> are_independent(np.array([[0.1, 0.2], [0.3, 0.4]]))
    False
    """
    table = _joint_table(joint)
    tol = as_scalar(atol, "atol")
    if tol < 0:
        raise ValueError(f"atol must be non-negative, got {atol!r}")
    product = np.ones((1,) * table.ndim)
    for axis in range(table.ndim):
        others = tuple(i for i in range(table.ndim) if i != axis)
        product = product * np.sum(table, axis=others, keepdims=True)
    return bool(np.max(np.abs(table - product)) <= tol)


# --------------------------------------------------------------------------- moments


def _values_and_probs(values: Any, probs: Any) -> tuple[np.ndarray, np.ndarray]:
    x = as_vector(values, "values").astype(np.float64, copy=False)
    p = as_probability_vector(probs, "probs").astype(np.float64, copy=False)
    check_same_length(x, p, "values", "probs")
    return x, p


def _weighted_mean(x: np.ndarray, p: np.ndarray) -> float:
    scale = float(np.max(np.abs(x)))
    if scale == 0.0:
        return 0.0
    mean = float(np.dot(p, x / scale))
    # one refinement step: the residual sum is exact enough to remove the first pass's
    # rounding, which matters when |mean| >> spread
    mean += float(np.dot(p, x / scale - mean))
    return mean * scale


def expectation(values: Any, probs: Any) -> float:
    r"""The expected value of a discrete random variable.

    Parameters
    ----------
    values : array_like, shape (m,)
        The values :math:`x_i` the variable takes; finite.
    probs : array_like, shape (m,)
        Their probabilities :math:`p_i`; a probability vector.

    Returns
    -------
    float
        :math:`\mathbb{E}[X]`.

    Raises
    ------
    ValueError
        If ``values`` is not finite and 1-D, ``probs`` is not a probability vector, or
        their lengths differ.

    See Also
    --------
    variance, sample_mean

    Notes
    -----
    .. math::

        \mathbb{E}[X] = \sum_{i=1}^{m} x_i \, p_i

    where :math:`x_i` are the values of :math:`X` and :math:`p_i = P(X = x_i)`.

    The expectation is the balance point of the pmf. The values are divided by their
    largest magnitude before the products are summed (so ``[1e308, 1e308]`` does not
    overflow) and one refinement pass adds the weighted residuals.

    References
    ----------
    .. [1] G. Grimmett and D. Stirzaker, *Probability and Random Processes*, 3rd ed.,
       Oxford University Press, 2001, section 3.3.

    Examples
    --------
    >>> from mathref import expectation
    >>> expectation([1, 2, 3, 4, 5, 6], [1 / 6] * 6)  # a fair die
    3.5
    """
    x, p = _values_and_probs(values, probs)
    return _weighted_mean(x, p)


def variance(values: Any, probs: Any) -> float:
    r"""The variance of a discrete random variable, computed without cancellation.

    Parameters
    ----------
    values : array_like, shape (m,)
        The values :math:`x_i`; finite.
    probs : array_like, shape (m,)
        Their probabilities :math:`p_i`; a probability vector.

    Returns
    -------
    float
        :math:`\operatorname{Var}[X] \ge 0`.

    Raises
    ------
    ValueError
        If ``values`` is not finite and 1-D, ``probs`` is not a probability vector, or
        their lengths differ.

    See Also
    --------
    expectation, sample_variance

    Notes
    -----
    .. math::

        \operatorname{Var}[X] = \sum_{i=1}^{m} p_i \left( x_i - \mathbb{E}[X] \right)^2

    where :math:`x_i` are the values, :math:`p_i = P(X = x_i)` and
    :math:`\mathbb{E}[X] = \sum_i p_i x_i`.

    The textbook shortcut :math:`\mathbb{E}[X^2] - \mathbb{E}[X]^2` subtracts two
    nearly equal numbers when the mean is large compared with the spread: for values
    :math:`10^9 + \{0, 1\}` with equal probabilities it returns 0 (or even a negative
    number) instead of 0.25. The deviations from the mean are formed first (two
    passes).

    References
    ----------
    .. [1] T. F. Chan, G. H. Golub and R. J. LeVeque, "Algorithms for computing the
       sample variance: analysis and recommendations", *The American Statistician* 37(3),
       1983.

    Examples
    --------
    >>> from mathref import variance
    >>> variance([1, 2, 3, 4, 5, 6], [1 / 6] * 6)
    2.9167
    >>> variance([1e9, 1e9 + 1], [0.5, 0.5])
    0.25
    """
    x, p = _values_and_probs(values, probs)
    mean = _weighted_mean(x, p)
    dev = x - mean
    scale = float(np.max(np.abs(dev)))
    if scale == 0.0:
        return 0.0
    dev = dev / scale
    return float(np.dot(p, dev * dev)) * scale * scale


# Moments of data. A pass over a vector works on blocks of _BLOCK values (512 KiB): a
# block of deviations stays in cache while it is summed and squared, so the pass reads
# the data from memory once and allocates no full-size temporary. A pass over a matrix
# works on blocks of about _GRAM_BLOCK values (the block and the tiled shift share the
# cache). The first pass of the mean sums rows of _ROW values pairwise; the pilot
# estimate of the mean reads about _PILOT evenly spaced observations.
_BLOCK = 1 << 16
_GRAM_BLOCK = 1 << 15
_ROW = 1 << 12
_PILOT = 1 << 12
#: A product that underflows is off by at most 2**-1075, so n of them change a sum by at
#: most n * 2**-1075: nothing that shows in a sum of n squares of at least
#: n * _UNDERFLOW_SAFE (half an ulp of it). Divided by n - ddof, that error is a step or
#: two of the subnormal grid: a variance or a covariance needs no guard against
#: underflow, a correlation (a ratio of such sums) does.
_UNDERFLOW_SAFE = 2.0**-1022


def _data_vector(x: Any, name: str) -> np.ndarray:
    arr = as_array(x, name, ndim=1, finite=False)
    return arr.astype(np.float64, copy=False)


def _data_matrix(X: Any, name: str) -> np.ndarray:
    arr = as_matrix(X, name, finite=False)
    return arr.astype(np.float64, copy=False)


def _exact_sum(values: list[float]) -> float:
    """``math.fsum``, or NaN where it refuses (inf - inf) or its partial sums overflow."""
    try:
        return math.fsum(values)
    except (OverflowError, ValueError):
        return math.nan


def _pilot_mean(arr: np.ndarray, snap: bool = False) -> Any:
    """A cheap estimate of the mean (of each column) from about ``_PILOT`` evenly spaced
    entries (rows): their pairwise mean, over all of them when there are at most
    ``_PILOT`` (so it is then the first pass of a two-pass algorithm).

    With ``snap``, it is the first sampled row plus the mean of the others' differences
    from it, so a constant column gets its own value back exactly and deviates from it
    by exactly 0. Not finite when ``arr`` is not, or when the sums overflow.
    """
    step = max(1, arr.shape[0] // _PILOT)
    sample = arr[::step]
    with np.errstate(over="ignore", invalid="ignore"):
        if not snap:
            return np.add.reduce(sample, axis=0) / sample.shape[0]
        first = sample[0]
        return first + np.add.reduce(sample - first, axis=0) / sample.shape[0]


def _deviation_sums(arr: np.ndarray, shift: float,
                    squares: bool = True) -> tuple[float, float]:
    """(sum of d, sum of d**2) for d = arr - shift, block by block (the second is 0.0
    when ``squares`` is false). Each block is summed pairwise, the block sums with
    ``math.fsum``: the rounding error is that of one block's pairwise sum.
    """
    n = arr.shape[0]
    buf = np.empty(min(n, _BLOCK))
    sums, squared = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, n, _BLOCK):
            block = arr[start:start + _BLOCK]
            dev = buf[: block.shape[0]]
            np.subtract(block, shift, out=dev)
            sums.append(float(np.add.reduce(dev)))
            if squares:
                np.multiply(dev, dev, out=dev)
                squared.append(float(np.add.reduce(dev)))
    return _exact_sum(sums), _exact_sum(squared)


def _mean(arr: np.ndarray, name: str) -> float:
    """The mean of a float64 vector, to about half an ulp plus a few tens of ulps of the
    mean absolute deviation: one pass for centred data, two otherwise."""
    n = arr.shape[0]
    rows = n // _ROW
    with np.errstate(over="ignore", invalid="ignore"):
        row_sums = np.add.reduce(arr[: rows * _ROW].reshape(rows, _ROW), axis=1)
        tail = float(np.add.reduce(arr[rows * _ROW:]))
    total = _exact_sum([*row_sums.tolist(), tail])
    if math.isfinite(total):
        mean = total / n
        # This mean is off by at most g * sum|x_i| / n (g: a few tens of ulps, the error
        # of a pairwise sum of one row); adding the mean of the residuals x_i - mean
        # leaves g * sum|x_i - mean| / n plus half an ulp of the mean. As sum|x_i| <=
        # sum|x_i - mean| + n |mean|, that second pass cannot shrink the bound by more
        # than a factor of 2 when n |mean| <= sum|x_i - mean|, and the row sums S_b
        # bound the right side from below for free: sum|x_i - mean| >=
        # sum_b |S_b - K_b mean| (the triangle inequality within each row of K_b values).
        with np.errstate(over="ignore"):
            spread = float(np.add.reduce(np.abs(row_sums - _ROW * mean)))
        spread += abs(tail - (n - rows * _ROW) * mean)
        if n * abs(mean) <= spread < math.inf:
            return mean
        residual = _deviation_sums(arr, mean, squares=False)[0]
        if math.isfinite(residual):
            return mean + residual / n
    # a NaN or inf in x (a finite sum proves every entry finite), or sums or residuals
    # that overflow: then the data are first scaled by a power of two, exactly
    check_finite(arr, name)
    exponent = int(largest_exponent(arr))
    return scaled_back(_mean(times_power_of_two(arr, -exponent), name), exponent)


def _moments_about_pilot(arr: np.ndarray, ddof: int,
                         check: bool) -> tuple[float, float] | None:
    """(mean, variance) from the deviations d = x - c from the pilot mean c.

    mean = c + sum(d)/n and sum (x_i - mean)**2 = sum(d**2) - sum(d)**2 / n hold for any
    c; the correction term is small, and the formula accurate, while c is within a
    fraction of a standard deviation of the mean. When it is not (sum(d)**2 / n above
    sum(d**2) / 64: c missed by more than a standard deviation / 8), a second pass
    centres on the new mean. With ``check``, None when the sum of squares is not finite:
    a NaN or inf in x (a finite sum of squares proves every entry finite), or squares
    that overflow. Squares that underflow need no check (see ``_UNDERFLOW_SAFE``).
    """
    n = arr.shape[0]
    shift = float(_pilot_mean(arr))
    for _ in range(2):
        total, squares = _deviation_sums(arr, shift)
        if check and not math.isfinite(squares):
            return None
        cross = total * (total / n)  # <= squares, so it cannot overflow
        if cross <= squares / 64:
            break
        shift += total / n
    return shift + total / n, max(squares - cross, 0.0) / (n - ddof)


def _mean_and_variance(arr: np.ndarray, name: str, ddof: int) -> tuple[float, float]:
    """(mean, sum of (x_i - mean)**2 / (n - ddof)) of a float64 vector, for any finite x.

    One pass over the data around a pilot mean (two if the pilot missed); x is scaled by
    a power of two first only when the fast sum of squares overflows.
    """
    moments = _moments_about_pilot(arr, ddof, check=True)
    if moments is not None:
        return moments
    check_finite(arr, name)
    # |x| < 1 after scaling, so the deviations are below 2 and their squares below 4
    exponent = int(largest_exponent(arr))
    scaled = times_power_of_two(arr, -exponent)
    mean, var = _moments_about_pilot(scaled, ddof, check=False)  # never None unchecked
    return scaled_back(mean, exponent), scaled_back(var, 2 * exponent)


def sample_mean(x: Any) -> float:
    r"""The arithmetic mean of a sample, with a compensating second pass when it helps.

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations; finite, non-empty.

    Returns
    -------
    float
        :math:`\bar{x}`.

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D, or holds NaN or inf.

    See Also
    --------
    sample_variance, expectation

    Notes
    -----
    .. math::

        \bar{x} = \frac{1}{n} \sum_{i=1}^{n} x_i

    where :math:`x_1, \dots, x_n` are the observations.

    The first pass sums blocks of 4096 observations pairwise (rounding error growing
    like :math:`\log n` rather than :math:`n`) and adds the block sums exactly
    (``math.fsum``). The mean is then off by at most :math:`\gamma \sum_i |x_i| / n`,
    with :math:`\gamma` a few tens of ulps: for data far from zero compared with their
    spread (``1e9 + N(0, 1)``) that is many ulps of :math:`\bar{x}`. A second pass then
    adds the mean of the residuals :math:`x_i - \bar{x}`, whose own error is
    :math:`\gamma \sum_i |x_i - \bar{x}| / n`: the result is within about half an ulp
    of :math:`\bar{x}` plus :math:`\gamma` times the mean absolute deviation.

    The second pass is skipped when it could not shrink that bound by more than a factor
    of 2. Since :math:`\sum_i |x_i| \le \sum_i |x_i - \bar{x}| + n |\bar{x}|`, that is
    when :math:`n |\bar{x}| \le \sum_i |x_i - \bar{x}|`, and the block sums
    :math:`S_b` bound the right side from below at no cost:
    :math:`\sum_i |x_i - \bar{x}| \ge \sum_b |S_b - K_b \bar{x}|` (the triangle
    inequality within each block of :math:`K_b` observations). So centred data (large
    samples whose mean is within about 1 % of a standard deviation of 0) take one pass,
    about as fast as ``numpy.mean``, and other data take two passes, three to four times
    as long (the residuals are formed in cache-sized blocks, without a full-size
    temporary). If the sum overflows (``[1e308, 1e308]``) the data are first scaled by
    a power of two near their largest magnitude.

    References
    ----------
    .. [1] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
       SIAM, 2002, chapter 4.

    Examples
    --------
    >>> from mathref import sample_mean
    >>> sample_mean([1.0, 2.0, 4.0])
    2.3333
    >>> sample_mean([1e308, 1e308]) / 1e308
    1.0
    """
    arr = _data_vector(x, "x")
    return _mean(arr, "x")


def sample_variance(x: Any, ddof: int = 1) -> float:
    r"""The sample variance by the corrected two-pass algorithm (no cancellation).

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations; finite, with :math:`n > \text{ddof}`.
    ddof : int, default 1
        "Delta degrees of freedom": the divisor is :math:`n - \text{ddof}`. ``ddof=1``
        (Bessel's correction) is unbiased for the population variance; ``ddof=0`` is the
        maximum-likelihood estimate under a Gaussian model (NumPy's default).

    Returns
    -------
    float
        :math:`s^2 \ge 0`.

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D or not finite, or ``ddof`` is negative, not an
        integer, or at least ``n``.

    See Also
    --------
    sample_mean, covariance_matrix, variance

    Notes
    -----
    .. math::

        s^2 = \frac{1}{n - \text{ddof}} \sum_{i=1}^{n} \left( x_i - \bar{x} \right)^2

    where :math:`x_1, \dots, x_n` are the observations, :math:`\bar{x}` their mean and
    ddof the number of degrees of freedom subtracted from :math:`n`.

    The one-pass shortcut :math:`(\sum x_i^2 - n \bar{x}^2)/(n-1)` loses every digit
    when the mean is large compared with the spread: for ``1e9 + [4, 7, 13, 16]`` it
    returns 32 (or 0, or a negative number, depending on the order) instead of 30,
    because :math:`x_i^2 \approx 10^{18}` is stored to about :math:`\pm 128`. This
    function uses the corrected two-pass algorithm of Chan, Golub and LeVeque: with
    deviations :math:`d_i = x_i - c` from an estimate :math:`c` of the mean,
    :math:`s^2 = \left( \sum d_i^2 - (\sum d_i)^2 / n \right) / (n - \text{ddof})`,
    an identity for any :math:`c`, where the second term removes the error of
    :math:`c`. It is small, and the formula accurate, while :math:`c` is within a
    fraction of a standard deviation of :math:`\bar{x}`, so :math:`c` need not be the
    exact mean: it is the mean of about 4096 evenly spaced observations (of all of them
    when :math:`n \le 4096`), and the data are read once. If :math:`c` missed by more
    than :math:`s/8` (:math:`(\sum d_i)^2/n > \sum d_i^2 / 64`), a second pass centres
    on the new mean. The pass runs over cache-sized blocks (pairwise sums within a
    block, ``math.fsum`` across blocks), so it needs no full-size temporary and is as
    fast as ``numpy.var``. Deviations too large to square (``[-1e200, 1e200]``) are
    handled by scaling the data by a power of two first; squares that underflow
    (``1e-160 * [1, 2, 3]``) move the result by at most a step or two of the subnormal
    grid it is rounded to anyway.

    References
    ----------
    .. [1] T. F. Chan, G. H. Golub and R. J. LeVeque, "Algorithms for computing the
       sample variance: analysis and recommendations", *The American Statistician* 37(3),
       1983.

    Examples
    --------
    >>> from mathref import sample_variance
    >>> sample_variance([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    4.5714
    >>> sample_variance([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], ddof=0)
    4.0

    No cancellation when the mean dwarfs the spread:

    >>> sample_variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
    30.0
    """
    arr = _data_vector(x, "x")
    n = arr.shape[0]
    d = as_int(ddof, "ddof", minimum=0)
    if d >= n:
        raise ValueError(
            f"ddof must be less than the number of observations n = {n}, got {d}"
        )
    return _mean_and_variance(arr, "x", d)[1]


def _shifted_gram(arr: np.ndarray, shift: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(D^T D, D^T 1) for D = arr - shift, summed over blocks of rows.

    A block of a few features (at most ``_GRAM_BLOCK`` values) stays in cache for its
    BLAS products, so there is no full-size temporary; with many features the blocks
    grow to 4096 rows, enough for an efficient BLAS product. With few features the
    shift is repeated along a flat block, so the subtraction is one contiguous loop
    instead of a short one per row.
    """
    n, d = arr.shape
    rows = min(n, max(_GRAM_BLOCK // d, 4096 if d >= 64 else 256))
    tiled = np.tile(shift, rows) if d < 64 else None
    buf = np.empty((rows, d))
    ones = np.ones(rows)
    gram, sums = None, None
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, n, rows):
            block = arr[start:start + rows]
            k = block.shape[0]
            dev = buf[:k]
            if tiled is None:
                np.subtract(block, shift, out=dev)
            else:
                np.subtract(block.reshape(-1), tiled[: k * d], out=dev.reshape(-1))
            if gram is None:
                gram, sums = dev.T @ dev, ones[:k] @ dev
            else:
                gram += dev.T @ dev
                sums += ones[:k] @ dev
    return gram, sums


def _trusted_gram(arr: np.ndarray, shift: np.ndarray, gram: np.ndarray,
                  sums: np.ndarray, relative: bool) -> bool:
    """Whether D^T D and D^T 1 are accurate: finite and, when the scatter matters
    relative to its diagonal (``relative``: for a correlation), no column's sum of
    squares so small that underflowed products could matter (see ``_UNDERFLOW_SAFE``),
    unless the column's deviations are all exactly 0 (a constant column, whose pilot
    mean is its value): then its row and column are exact zeros.

    A finite diagonal also proves X finite: a NaN or inf in column j makes its
    deviations, and so (D^T D)_jj, NaN or inf.
    """
    if not (np.all(np.isfinite(gram)) and np.all(np.isfinite(sums))):
        return False
    if not relative:
        return True
    small = np.flatnonzero(np.diag(gram) < arr.shape[0] * _UNDERFLOW_SAFE)
    return all(bool(np.all(arr[:, j] == shift[j])) for j in small)


def _scatter_about_pilot(arr: np.ndarray, check: bool = False,
                         relative: bool = False) -> np.ndarray | None:
    """S = sum_i (x_i - xbar)(x_i - xbar)^T from D = X - c (c the pilot mean row):
    S = D^T D - s s^T / n with s = D^T 1, the matrix form of sample_variance's formula;
    a second pass re-centres when c missed some column's mean by more than its standard
    deviation / 8. With ``check``, None when D^T D is not to be trusted."""
    n = arr.shape[0]
    shift = _pilot_mean(arr, snap=True)
    for _ in range(2):
        gram, sums = _shifted_gram(arr, shift)
        if check and not _trusted_gram(arr, shift, gram, sums, relative):
            return None
        root = sums / math.sqrt(n)
        if np.all(root * root <= np.diag(gram) / 64):
            break
        shift = shift + sums / n
    gram -= np.outer(root, root)  # s s^T / n, exactly symmetric; cannot overflow
    gram += gram.T  # D^T D is symmetric already when BLAS forms it with syrk; this
    gram *= 0.5  # makes sure of it
    return gram


def _scatter(arr: np.ndarray, name: str,
             relative: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(S, e) with S_jk * 2**(e_j + e_k) the scatter matrix of the rows of ``arr``.

    e = 0 unless the fast products overflow (or, with ``relative``, underflow); then
    each column is first scaled, exactly, by the power of two 2**-e_j that brings its
    largest magnitude into [1/2, 1), where neither can happen.
    """
    scatter = _scatter_about_pilot(arr, check=True, relative=relative)
    if scatter is not None:
        return scatter, np.zeros(arr.shape[1], dtype=int)
    check_finite(arr, name)
    exponents = largest_exponent(arr, axis=0)
    return _scatter_about_pilot(np.ldexp(arr, -exponents)), exponents


def covariance_matrix(X: Any, ddof: int = 1) -> np.ndarray:
    r"""The sample covariance matrix of a data matrix (features as columns).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one observation per row; finite.
    ddof : int, default 1
        The divisor is :math:`n - \text{ddof}`; 1 gives the unbiased estimate (as
        ``numpy.cov``).

    Returns
    -------
    numpy.ndarray, shape (n_features, n_features)
        The symmetric positive semi-definite covariance matrix.

    Raises
    ------
    ValueError
        If ``X`` is not a finite non-empty 2-D array, or ``ddof`` is negative, not an
        integer or at least ``n_samples``.

    See Also
    --------
    correlation_matrix, sample_variance
    mathref.linalg.pca : the eigendecomposition of this matrix.

    Notes
    -----
    .. math::

        \Sigma = \frac{1}{n - \text{ddof}} \sum_{i=1}^{n} \left( x_i - \bar{x} \right)
        \left( x_i - \bar{x} \right)^\top

    where :math:`x_i \in \mathbb{R}^d` is the :math:`i`-th row of :math:`X` as a column
    vector, :math:`\bar{x}` the mean row and :math:`n` the number of rows.

    Entry :math:`\Sigma_{jk}` is the sample covariance of features :math:`j` and
    :math:`k`; the diagonal holds the variances. It is never computed as
    :math:`\mathbb{E}[xx^\top] - \bar{x}\bar{x}^\top`, which cancels for features with a
    large offset. As in :func:`sample_variance`, the deviations are taken from an
    estimate :math:`c` of the mean row (the mean of about 4096 evenly spaced rows) and
    corrected: with :math:`D = X - \mathbf{1} c^\top` and :math:`s = D^\top \mathbf{1}`,
    :math:`\Sigma = (D^\top D - s s^\top / n) / (n - \text{ddof})`, an identity for any
    :math:`c`, accurate while :math:`c` is within a fraction of a standard deviation of
    the mean (else a second pass re-centres). :math:`D` is formed block by block of
    rows (that fit in cache when the features are few), so the data are read once and
    there is no full-size temporary. If a product overflows, the columns are first
    scaled by powers of two (exactly) and the result scaled back; products that
    underflow move an entry by at most a step or two of the subnormal grid. The data
    matrix is ``(n_samples, n_features)``, the transpose of ``numpy.cov``'s default
    layout.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
       Learning*, 2nd ed., Springer, 2009, section 3.2.
    .. [2] T. F. Chan, G. H. Golub and R. J. LeVeque, "Algorithms for computing the
       sample variance: analysis and recommendations", *The American Statistician* 37(3),
       1983.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import covariance_matrix
    >>> X = np.array([[1.0, 2.0], [2.0, 4.5], [3.0, 5.5], [4.0, 8.0]])
    >>> C = covariance_matrix(X)
    >>> C.shape
    (2, 2)
    >>> bool(np.allclose(C, np.cov(X, rowvar=False)))
    True
    """
    arr = _data_matrix(X, "X")
    n = arr.shape[0]
    d = as_int(ddof, "ddof", minimum=0)
    if d >= n:
        raise ValueError(f"ddof must be less than the number of rows of X (n = {n}), got {d}")
    scatter, exponents = _scatter(arr, "X")
    cov = scatter / (n - d)
    if np.any(exponents):
        with np.errstate(over="ignore", under="ignore"):
            cov = np.ldexp(cov, exponents[:, None] + exponents[None, :])
    return cov


def correlation_matrix(X: Any) -> np.ndarray:
    r"""The Pearson correlation matrix of a data matrix (features as columns).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one observation per row; finite, at least 2 rows, no constant column.

    Returns
    -------
    numpy.ndarray, shape (n_features, n_features)
        Symmetric, unit diagonal, entries in [-1, 1].

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least 2 rows, or a column is constant
        (its correlation is 0/0; the error names the column).

    See Also
    --------
    covariance_matrix

    Notes
    -----
    .. math::

        R_{jk} = \frac{\Sigma_{jk}}{\sqrt{\Sigma_{jj} \, \Sigma_{kk}}}

    where :math:`\Sigma` is the sample covariance matrix of the columns of :math:`X`
    (any ddof: it cancels) and :math:`R_{jk}` the Pearson correlation of features
    :math:`j` and :math:`k`.

    Correlation is covariance between standardised features, so it is unit-free and
    lies in :math:`[-1, 1]`. It is computed from the scatter matrix :math:`S` of
    :func:`covariance_matrix` (corrected for the error of the estimated mean, and
    scaled by powers of two when huge or tiny features would overflow or underflow) as
    :math:`(S_{jk} / \sqrt{S_{jj}}) / \sqrt{S_{kk}}`, which cannot overflow; the result
    is symmetrised, its diagonal set to exactly 1, and rounding beyond :math:`\pm 1`
    (an ulp) trimmed. A constant column is recognised by its zero scatter: the
    estimated mean of a constant column is its value, so its deviations are exactly 0.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
       Learning*, 2nd ed., Springer, 2009, section 3.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import correlation_matrix
    >>> X = np.array([[1.0, 2.0], [2.0, 4.5], [3.0, 5.5], [4.0, 8.0]])
    >>> float(correlation_matrix(X)[0, 1])
    0.9878
    >>> bool(np.allclose(correlation_matrix(X), np.corrcoef(X, rowvar=False)))
    True
    """
    arr = _data_matrix(X, "X")
    if arr.shape[0] < 2:
        raise ValueError(
            f"X must have at least 2 rows to define a correlation, got {describe(arr)}"
        )
    scatter, _ = _scatter(arr, "X", relative=True)  # the column scales cancel
    squares = np.diag(scatter)
    # a column that is not constant has a positive scatter: its deviations from the
    # estimated mean are not all equal, and (scaled if need be) their squares neither
    # overflow nor underflow
    constant = np.flatnonzero(squares <= 0)
    if constant.size:
        column = int(constant[0])
        raise ValueError(
            f"X has a constant column {column} (value {arr[0, column]!r}): its standard "
            "deviation is 0 and its correlation is undefined"
        )
    if not np.all((squares >= 2.0**-500) & (squares <= 2.0**500)):
        # scale by powers of two (exactly, so symmetry is kept) to bring the diagonal
        # into [1/2, 2): then S_jj S_kk can neither overflow nor underflow
        halves = np.ldexp(1.0, -(np.frexp(squares)[1] // 2))
        scatter *= halves[:, None]
        scatter *= halves[None, :]
        squares = np.diag(scatter)
    scatter /= np.sqrt(np.outer(squares, squares))
    np.fill_diagonal(scatter, 1.0)
    return np.clip(scatter, -1.0, 1.0, out=scatter)
