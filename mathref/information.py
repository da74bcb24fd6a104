"""Information theory: entropy, cross-entropy, divergences, mutual information.

Every function takes probability vectors (or joint probability tables) that are finite,
non-negative and sum to 1 within ``1e-9`` (``1e-5`` for float32). Nothing is
renormalised: SciPy's ``scipy.stats.entropy(p, q)`` silently divides ``q`` by its sum,
mathref raises ``ValueError`` instead, so a bug upstream (a softmax over the wrong axis,
counts passed as probabilities) is reported where it happens.

Logarithms are natural (nats) unless ``base`` is given (``base=2`` gives bits).
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from ._numerics import horner
from ._validate import (
    as_array,
    as_log_base,
    as_probability_table,
    as_probability_vector,
    as_symmetric_matrix,
    describe,
    probability_atol,
)

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "js_divergence",
    "joint_entropy",
    "conditional_entropy",
    "mutual_information",
    "information_gain",
    "perplexity",
    "kl_divergence_gaussian",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "entropy": ("Shannon entropy",
                ("entropy", "H(p)", "information content", "uncertainty", "surprisal",
                 "bits", "nats")),
    "cross_entropy": ("Cross-entropy of two distributions",
                      ("H(p, q)", "cross entropy", "log loss", "negative log-likelihood",
                       "NLL")),
    "kl_divergence": ("Kullback-Leibler divergence",
                      ("KL", "KL divergence", "relative entropy", "D_KL",
                       "information gain (Bayesian)", "Kullback Leibler")),
    "js_divergence": ("Jensen-Shannon divergence",
                      ("JS", "JSD", "Jensen Shannon", "symmetric KL",
                       "information radius", "GAN divergence")),
    "joint_entropy": ("Joint entropy of two variables", ("H(X, Y)", "joint entropy")),
    "conditional_entropy": ("Conditional entropy H(Y | X)",
                            ("H(Y|X)", "equivocation", "conditional entropy")),
    "mutual_information": ("Mutual information",
                           ("I(X; Y)", "MI", "mutual information", "information shared",
                            "dependence")),
    "information_gain": ("Information gain of a decision-tree split",
                         ("IG", "entropy criterion", "ID3", "C4.5", "split criterion",
                          "decision tree", "reduction in entropy")),
    "perplexity": ("Perplexity of a distribution",
                   ("perplexity", "effective number of outcomes", "exp(entropy)",
                    "language model perplexity", "t-SNE perplexity")),
    "kl_divergence_gaussian": ("KL divergence between two Gaussians",
                               ("Gaussian KL", "VAE KL term", "KL of normals",
                                "multivariate normal KL", "closed-form KL")),
}


# ----------------------------------------------------------------------------- checks
#: Long vectors are processed in blocks of this many entries, so that the validation
#: (a sum and a minimum) and the arithmetic of a block happen while it is in cache: one
#: trip through memory instead of one per NumPy operation.
_CHUNK = 1 << 16


def _probability_input(value: Any, name: str) -> np.ndarray:
    """``value`` as a 1-D float array, not yet checked to be a probability vector.

    A float32/float64 vector is taken as is: its checks (finite, non-negative, sum 1)
    are made during the computation, from the sum and minimum of each block (a finite
    sum of entries that are all >= 0 proves every entry finite), and
    :func:`_check_probability` then raises if they fail. Anything else goes through
    :func:`mathref._validate.as_probability_vector` first.
    """
    arr = None
    if isinstance(value, np.ndarray):
        arr = value
    elif isinstance(value, (list, tuple)):
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError):
            arr = None
    if (arr is not None and arr.ndim == 1 and arr.size
            and arr.dtype in (np.float64, np.float32)):
        return arr
    return as_probability_vector(value, name).astype(np.float64, copy=False)


def _check_probability(total: float, nonnegative: bool, arr: np.ndarray, value: Any,
                       name: str) -> None:
    """Raise the error of ``as_probability_vector`` unless the block statistics pass."""
    if not (math.isfinite(total) and nonnegative
            and abs(total - 1.0) <= probability_atol(arr)):
        as_probability_vector(value, name)


def _probability_vector(value: Any, name: str) -> np.ndarray:
    """A validated probability vector as float64 (two reductions, no copies)."""
    arr = _probability_input(value, name)
    with np.errstate(all="ignore"):  # inf - inf in the sum: reported just below
        total = float(np.sum(arr, dtype=np.float64))
        nonnegative = bool(np.min(arr) >= 0)
    _check_probability(total, nonnegative, arr, value, name)
    return arr.astype(np.float64, copy=False)


def _same_length(p: np.ndarray, q: np.ndarray, p_in: Any, q_in: Any) -> None:
    if p.shape != q.shape:
        as_probability_vector(p_in, "p")  # a bad p or q is reported before the lengths
        as_probability_vector(q_in, "q")
        raise ValueError(
            f"p and q must have the same length (one probability per outcome), got "
            f"{p.shape[0]} and {q.shape[0]}"
        )


def _joint_table(joint: Any) -> np.ndarray:
    arr = as_probability_table(joint, "joint", ndim=2)
    return arr.astype(np.float64, copy=False)


def _log_scale(base: Any) -> float:
    """The divisor that turns nats into units of ``base``."""
    value = as_log_base(base)
    return 1.0 if value is None else math.log(value)


# ----------------------------------------------------------------------------- kernels
def _block(arr: np.ndarray, start: int) -> np.ndarray:
    block = arr[start:start + _CHUNK]
    return block if block.dtype == np.float64 else block.astype(np.float64)


def _total(parts: list[float]) -> float:
    return float(np.sum(parts)) if parts else 0.0


def _xlogx_pass(p: np.ndarray) -> tuple[float, bool, float]:
    """One pass over p: (sum p_i, all p_i >= 0, sum p_i log p_i with 0 log 0 = 0)."""
    buf = np.empty(min(p.size, _CHUNK))
    sums, terms, nonnegative = [], [], True
    with np.errstate(all="ignore"):  # invalid input is reported after the pass
        for start in range(0, p.size, _CHUNK):
            c = _block(p, start)
            b = buf[:c.size]
            sums.append(float(np.sum(c)))
            low = float(np.min(c))
            nonnegative = nonnegative and low >= 0
            if low > 0:
                np.log(c, out=b)
            else:
                b.fill(0.0)
                np.log(c, out=b, where=c > 0)
            np.multiply(b, c, out=b)
            terms.append(float(np.sum(b)))
    return _total(sums), nonnegative, _total(terms)


def _xlogy_pass(p: np.ndarray, q: np.ndarray) -> tuple[float, bool, float, bool, float]:
    """One pass: (sum p, p >= 0, sum q, q >= 0, sum p_i log q_i) with 0 log q = 0 and
    p_i log 0 = -inf for p_i > 0."""
    buf = np.empty(min(p.size, _CHUNK))
    sp, sq, terms, okp, okq = [], [], [], True, True
    with np.errstate(all="ignore"):
        for start in range(0, p.size, _CHUNK):
            cp, cq = _block(p, start), _block(q, start)
            b = buf[:cp.size]
            sp.append(float(np.sum(cp)))
            sq.append(float(np.sum(cq)))
            okp = okp and float(np.min(cp)) >= 0
            low = float(np.min(cq))
            okq = okq and low >= 0
            if low > 0:
                np.log(cq, out=b)
            elif np.any((cq == 0) & (cp > 0)):
                terms.append(-math.inf)
                continue
            else:
                b.fill(0.0)
                np.log(cq, out=b, where=cq > 0)
            np.multiply(b, cp, out=b)
            terms.append(float(np.sum(b)))
    return _total(sp), okp, _total(sq), okq, _total(terms)


def _xlog_ratio_pass(p: np.ndarray, q: np.ndarray,
                     log_q: Callable[[np.ndarray], np.ndarray] | None = None
                     ) -> tuple[float, bool, float, bool, float]:
    """One pass: (sum p, p >= 0, sum q, q >= 0, sum p_i log(p_i / q_i)).

    log(p/q) is evaluated as log(r) * d / (r - 1) with r = p/q and d = (p - q)/q: this is
    Goldberg's accurate log1p(d) (the factor d/(r - 1) corrects the rounding of r), at
    the price of one vectorised log instead of NumPy's much slower ``log1p``, and it
    stays accurate when p/q is far from 1. Entries where it is undefined (p = 0, q = 0,
    r = 1 exactly, p/q overflowing) are redone on the slow path. ``log_q`` computes
    log q_i from flat indices for those entries when q is a product that may underflow
    (mutual information).
    """
    n = p.size
    ratio, diff, shift = (np.empty(min(n, _CHUNK)) for _ in range(3))
    sp, sq, terms, okp, okq = [], [], [], True, True
    with np.errstate(all="ignore"):
        for start in range(0, n, _CHUNK):
            cp, cq = _block(p, start), _block(q, start)
            m = cp.size
            r, d, w = ratio[:m], diff[:m], shift[:m]
            sp.append(float(np.sum(cp)))
            sq.append(float(np.sum(cq)))
            okp = okp and float(np.min(cp)) >= 0
            okq = okq and float(np.min(cq)) >= 0
            np.divide(cp, cq, out=r)
            np.subtract(cp, cq, out=d)
            np.divide(d, cq, out=d)
            np.subtract(r, 1.0, out=w)
            np.log(r, out=r)
            np.divide(d, w, out=d)
            np.multiply(r, d, out=r)
            np.multiply(r, cp, out=r)
            total = float(np.sum(r))
            if not math.isfinite(total):
                shifted = None if log_q is None else (
                    lambda idx, s=start: log_q(idx + s))  # noqa: E731
                total = _xlog_ratio_slow(cp, cq, r, shifted)
            terms.append(total)
    return _total(sp), okp, _total(sq), okq, _total(terms)


def _xlog_ratio_slow(p: np.ndarray, q: np.ndarray, terms: np.ndarray,
                     log_q: Callable[[np.ndarray], np.ndarray] | None) -> float:
    """Redo the non-finite terms of one block one by one (see _xlog_ratio_pass)."""
    bad = np.flatnonzero(~np.isfinite(terms))
    pb, qb = p[bad], q[bad]
    fixed = np.zeros(bad.size)
    positive = pb > 0
    if np.any(positive & (qb == 0)) and log_q is None:
        return math.inf
    with np.errstate(all="ignore"):
        # r == 1 exactly: |d| <= 2**-53, so log1p(d) = d to working precision.
        near = positive & (qb > 0) & (pb / np.where(qb > 0, qb, 1.0) == 1.0)
        fixed[near] = pb[near] * ((pb[near] - qb[near]) / qb[near])
        far = positive & ~near
        if np.any(far):
            lq = log_q(bad[far]) if log_q is not None else np.log(qb[far])
            if np.any(np.isposinf(-lq)):
                return math.inf
            fixed[far] = pb[far] * (np.log(pb[far]) - lq)
    terms = terms.copy()
    terms[bad] = fixed
    return float(np.sum(terms))


def _sum_xlog_ratio(p: np.ndarray, q: np.ndarray,
                    log_q: Callable[[np.ndarray], np.ndarray] | None = None) -> float:
    """sum_i p_i log(p_i / q_i) for validated p and q (any shape; flattened)."""
    return _xlog_ratio_pass(p.ravel(), q.ravel(), log_q)[4]


# ----------------------------------------------------------------------------- entries
def entropy(p: Any, base: float | None = None) -> float:
    r"""Shannon entropy of a discrete distribution, with :math:`0 \log 0 = 0`.

    Parameters
    ----------
    p : array_like, shape (n,)
        A probability vector: finite, non-negative, summing to 1 (within ``1e-9``,
        ``1e-5`` for float32). It is not renormalised.
    base : float, optional
        Base of the logarithm: ``None`` (default) gives nats, ``2`` bits. Any positive
        number other than 1.

    Returns
    -------
    float
        :math:`H(p)`, between 0 (a certain outcome) and :math:`\log n` (uniform).

    Raises
    ------
    ValueError
        If ``p`` is not a probability vector (message names ``p``) or ``base`` is not
        a positive number other than 1.

    See Also
    --------
    cross_entropy, kl_divergence, perplexity
    mathref.probability.Categorical : the distribution whose ``.entropy()`` this is.

    Notes
    -----
    .. math::

        H(p) = -\sum_{i=1}^{n} p_i \log p_i

    where :math:`p_i` is the probability of outcome :math:`i` of :math:`n`, the term
    with :math:`p_i = 0` is 0 (the limit of :math:`x \log x` as :math:`x \to 0`), and
    :math:`\log` is in the chosen base (natural by default).

    Entropy is the average surprise :math:`-\log p_i` of an outcome drawn from
    :math:`p`: the expected number of bits (``base=2``) an optimal code needs per
    outcome. Evaluating :math:`p_i \log p_i` literally at :math:`p_i = 0` gives
    :math:`0 \cdot (-\infty) = \text{NaN}`; here zeros contribute exactly 0. The result
    is never negative: an input that sums to :math:`1 + 10^{-10}` cannot drag it below
    0 (it is returned as 0.0).

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
       Wiley, 2006, section 2.1.

    Examples
    --------
    >>> from mathref import entropy
    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> entropy([0.25, 0.25, 0.5], base=2)
    1.5
    >>> entropy([1.0, 0.0])
    0.0

    The uniform distribution has the largest entropy, log n:

    >>> import numpy as np
    >>> bool(np.isclose(entropy(np.full(8, 1 / 8)), np.log(8)))
    True
    """
    scale = _log_scale(base)
    arr = _probability_input(p, "p")
    total, nonnegative, value = _xlogx_pass(arr)
    _check_probability(total, nonnegative, arr, p, "p")
    return max(0.0, -value / scale)


def cross_entropy(p: Any, q: Any, base: float | None = None) -> float:
    r"""Cross-entropy of ``q`` relative to ``p``: the expected code length under ``q``.

    Parameters
    ----------
    p : array_like, shape (n,)
        The true distribution (a probability vector; not renormalised).
    q : array_like, shape (n,)
        The model's distribution (a probability vector of the same length).
    base : float, optional
        Base of the logarithm (``None``: nats).

    Returns
    -------
    float
        :math:`H(p, q) \ge H(p)`; ``inf`` when some :math:`q_i = 0 < p_i`.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector, their lengths differ, or
        ``base`` is invalid.

    See Also
    --------
    entropy, kl_divergence
    mathref.losses.categorical_cross_entropy : the same quantity from logits, averaged
        over samples.

    Notes
    -----
    .. math::

        H(p, q) = -\sum_{i=1}^{n} p_i \log q_i = H(p) + D_{\mathrm{KL}}(p \,\|\, q)

    where :math:`p_i` and :math:`q_i` are the probabilities that the true distribution
    and the model give to outcome :math:`i` of :math:`n`, a term with :math:`p_i = 0` is
    0, and :math:`H(p)` is the entropy of :math:`p`.

    Minimising cross-entropy over :math:`q` minimises the KL divergence, since
    :math:`H(p)` does not depend on :math:`q`. With a one-hot :math:`p` it is the
    negative log-likelihood of the true class. An outcome that happens
    (:math:`p_i > 0`) but that the model calls impossible (:math:`q_i = 0`) costs an
    infinite number of bits: the result is ``inf``, not clipped. In training use the
    logits form, :func:`mathref.losses.categorical_cross_entropy`, which cannot hit
    :math:`\log 0`.

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
       Wiley, 2006, section 5.4.

    Examples
    --------
    >>> from mathref import cross_entropy, entropy, kl_divergence
    >>> cross_entropy([1, 0, 0], [0.7, 0.2, 0.1])
    0.3567
    >>> cross_entropy([0.5, 0.5], [1.0, 0.0])
    inf

    Cross-entropy is entropy plus KL divergence:

    >>> p, q = [0.1, 0.6, 0.3], [0.3, 0.3, 0.4]
    >>> bool(abs(cross_entropy(p, q) - (entropy(p) + kl_divergence(p, q))) < 1e-12)
    True
    """
    scale = _log_scale(base)
    parr, qarr = _probability_input(p, "p"), _probability_input(q, "q")
    _same_length(parr, qarr, p, q)
    sp, okp, sq, okq, value = _xlogy_pass(parr, qarr)
    _check_probability(sp, okp, parr, p, "p")
    _check_probability(sq, okq, qarr, q, "q")
    return max(0.0, -value / scale)


def kl_divergence(p: Any, q: Any, base: float | None = None) -> float:
    r"""Kullback-Leibler divergence of ``q`` from ``p`` (relative entropy).

    Parameters
    ----------
    p : array_like, shape (n,)
        The reference ("true") distribution, a probability vector (not renormalised).
    q : array_like, shape (n,)
        The approximating distribution, a probability vector of the same length.
    base : float, optional
        Base of the logarithm (``None``: nats; ``2``: bits).

    Returns
    -------
    float
        :math:`D_{\mathrm{KL}}(p \,\|\, q) \ge 0`, zero only when :math:`p = q`;
        ``inf`` when some :math:`q_i = 0 < p_i`.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector, their lengths differ, or
        ``base`` is invalid.

    See Also
    --------
    js_divergence : a symmetric, bounded relative.
    cross_entropy, kl_divergence_gaussian

    Notes
    -----
    .. math::

        D_{\mathrm{KL}}(p \,\|\, q) = \sum_{i=1}^{n} p_i \log \frac{p_i}{q_i}

    where :math:`p_i` and :math:`q_i` are the probabilities of outcome :math:`i` of
    :math:`n` under the two distributions, a term with :math:`p_i = 0` is 0, and a term
    with :math:`q_i = 0 < p_i` is :math:`+\infty`.

    KL is the extra cost, in nats (or bits), of coding samples of :math:`p` with a code
    built for :math:`q`. It is not symmetric: :math:`D_{\mathrm{KL}}(p \,\|\, q)` is
    infinite when :math:`q` misses an outcome that :math:`p` has ("zero-forcing"), while
    :math:`D_{\mathrm{KL}}(q \,\|\, p)` is then finite. Gibbs' inequality makes it
    :math:`\ge 0`.

    When :math:`q \approx p` the answer is of order :math:`\delta^2` while the terms are
    of order :math:`\delta` (:math:`\delta` the relative difference), and
    ``p * log(p / q)`` throws away the digits that matter: rounding ``p / q`` to the
    nearest double shifts ``log`` by about :math:`10^{-16}`. With
    :math:`q_i = p_i (1 + 10^{-6})` the naive sum has a relative error near
    :math:`10^{-4}`. Here :math:`\log(p_i/q_i)` is computed as
    :math:`\log(r)\, d / (r - 1)` with :math:`r = p_i / q_i` and
    :math:`d = (p_i - q_i)/q_i` (D. Goldberg's accurate :math:`\operatorname{log1p}`):
    each term is then accurate to a few ulps and the sum to about
    :math:`10^{-16}/\delta` relative, which is what the problem's conditioning allows.
    Unlike ``scipy.stats.entropy(p, q)``, ``q`` is never renormalised. A computed value
    that rounding makes slightly negative is returned as 0.0.

    References
    ----------
    .. [1] S. Kullback and R. A. Leibler, "On information and sufficiency", *Annals of
       Mathematical Statistics* 22(1), 1951, 79-86.
    .. [2] D. Goldberg, "What every computer scientist should know about floating-point
       arithmetic", *ACM Computing Surveys* 23(1), 1991, theorem 4.

    Examples
    --------
    >>> from mathref import kl_divergence
    >>> kl_divergence([0.5, 0.5], [0.9, 0.1])
    0.5108
    >>> kl_divergence([0.9, 0.1], [0.5, 0.5])
    0.3681
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])
    inf

    Nearly equal distributions: the naive sum comes out negative (Gibbs' inequality
    says it cannot be); the result here is the exact value to all digits shown:

    >>> import numpy as np
    >>> p = np.array([0.25, 0.25, 0.5])
    >>> q = p + np.array([2.0**-30, -(2.0**-30), 0.0])
    >>> kl_divergence(p, q)
    3.469446951953614e-18
    >>> float(np.sum(p * np.log(p / q)))
    -3.469446951953614e-18
    """
    scale = _log_scale(base)
    parr, qarr = _probability_input(p, "p"), _probability_input(q, "q")
    _same_length(parr, qarr, p, q)
    sp, okp, sq, okq, value = _xlog_ratio_pass(parr, qarr)
    _check_probability(sp, okp, parr, p, "p")
    _check_probability(sq, okq, qarr, q, "q")
    return max(0.0, value / scale)


def js_divergence(p: Any, q: Any, base: float | None = None) -> float:
    r"""Jensen-Shannon divergence: the symmetric, bounded average of two KLs to the mixture.

    Parameters
    ----------
    p, q : array_like, shape (n,)
        Probability vectors of the same length (not renormalised).
    base : float, optional
        Base of the logarithm (``None``: nats; ``2``: bits, where the bound is 1).

    Returns
    -------
    float
        :math:`0 \le \mathrm{JS}(p, q) \le \log 2` (1 bit), finite even when the supports
        differ.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector, their lengths differ, or
        ``base`` is invalid.

    See Also
    --------
    kl_divergence

    Notes
    -----
    .. math::

        \mathrm{JS}(p, q) = \frac{1}{2} D_{\mathrm{KL}}(p \,\|\, m) + \frac{1}{2}
        D_{\mathrm{KL}}(q \,\|\, m), \qquad m = \frac{1}{2}(p + q)

    where :math:`p` and :math:`q` are the two distributions, :math:`m` is their
    equal-weight mixture and :math:`D_{\mathrm{KL}}` is the Kullback-Leibler divergence.

    The mixture :math:`m` is positive wherever :math:`p` or :math:`q` is, so JS never
    divides by zero: it is finite, symmetric, and at most :math:`\log 2`, reached when
    the supports are disjoint. Its square root is a metric (it obeys the triangle
    inequality). It is the divergence the original GAN objective minimises, and its
    saturation at :math:`\log 2` for disjoint supports is why that objective gives
    vanishing gradients early in training.

    For nearly equal distributions the two KL terms are each of the order of the
    difference while JS is of its square, so summing them loses digits: with
    :math:`q = p (1 + 10^{-6} \delta)` SciPy's ``jensenshannon(p, q)**2`` keeps only 3
    correct digits. Per component, with :math:`s = p_i + q_i` and
    :math:`d = (p_i - q_i)/s`, the two terms are exactly :math:`\frac{s}{4} g(d)` with
    :math:`g(d) = (1 + d)\ln(1 + d) + (1 - d)\ln(1 - d) = \sum_{k \ge 1}
    \frac{d^{2k}}{k(2k - 1)}`; the series (every term positive, no cancellation) is
    summed where :math:`|d| < 1/4`, the logarithms elsewhere: the result keeps full
    relative accuracy. This slower form is used only when the plain sum cancels to less
    than an eighth of its terms' size (:math:`\frac{1}{2} \sum_i |p_i - q_i|`), which
    costs one more pass. Rounding of inputs that sum to 1 only within :math:`10^{-9}` could
    push the sum a hair outside :math:`[0, \log 2]`; the result is clamped to that
    interval.

    References
    ----------
    .. [1] J. Lin, "Divergence measures based on the Shannon entropy", *IEEE Transactions
       on Information Theory* 37(1), 1991, 145-151.
    .. [2] D. M. Endres and J. E. Schindelin, "A new metric for probability
       distributions", *IEEE Transactions on Information Theory* 49(7), 2003.

    Examples
    --------
    >>> from mathref import js_divergence
    >>> js_divergence([1, 0], [0, 1], base=2)
    1.0
    >>> js_divergence([0.5, 0.5], [0.9, 0.1])
    0.1017
    >>> js_divergence([0.5, 0.5], [0.9, 0.1]) == js_divergence([0.9, 0.1], [0.5, 0.5])
    True
    """
    scale = _log_scale(base)
    parr, qarr = _probability_input(p, "p"), _probability_input(q, "q")
    _same_length(parr, qarr, p, q)
    parr, qarr = _probability_vector(parr, "p"), _probability_vector(qarr, "q")
    pf, qf = parr.ravel(), qarr.ravel()
    # p log(p / m) with m = (p + q)/2 is evaluated as (1/2) (2p) log(2p / (p + q)): halving
    # p + q could underflow (q_i = 5e-324, p_i = 0 gives m_i = 0), doubling p cannot.
    both = pf + qf
    value = 0.25 * (_sum_xlog_ratio(2.0 * pf, both) + _sum_xlog_ratio(2.0 * qf, both))
    # The terms are each ~ |p_i - q_i| / 2 in size for close p_i, q_i; when they cancel to
    # less than 1/8 of that, the digits lost are recovered by the series form.
    if 8.0 * value < 0.5 * float(np.sum(np.abs(pf - qf))):
        value = 0.25 * _sum_mixture_terms(pf, qf)
    return min(max(0.0, value), math.log(2.0)) / scale


#: Below this |d| the series of g(d) is summed (|d|^2 <= 1/16: 14 terms reach 1e-17).
_JS_SERIES_LIMIT = 0.25
#: The coefficients 1 / (k (2k - 1)) of g(d) = sum_k d^(2k) / (k (2k - 1)), k = 1..14.
_JS_SERIES = tuple(1.0 / (k * (2 * k - 1)) for k in range(1, 15))


def _sum_mixture_terms(p: np.ndarray, q: np.ndarray) -> float:
    """sum_i s_i g(d_i), s = p + q, d = (p - q) / s, g(d) = (1+d) ln(1+d) + (1-d) ln(1-d).

    Per component, p ln(p/m) + q ln(q/m) = (s/2) g(d) exactly (m = s/2). Where d is
    small the two logarithms nearly cancel (each ~ d, their sum ~ d^2), so g is summed as
    its series there; elsewhere 1 + d = 2p/s and 1 - d = 2q/s are used directly, which
    also avoids halving p + q (m_i = 5e-324 / 2 would underflow to 0).
    """
    s = p + q
    keep = s > 0
    s, p, q = s[keep], p[keep], q[keep]
    d = (p - q) / s
    g = np.empty_like(d)
    near = np.abs(d) < _JS_SERIES_LIMIT
    u = d[near] ** 2
    g[near] = u * horner(_JS_SERIES, u)
    far = ~near
    a, b = 2.0 * p[far] / s[far], 2.0 * q[far] / s[far]
    with np.errstate(divide="ignore", invalid="ignore"):
        g[far] = (np.where(a > 0, a * np.log(a), 0.0) + np.where(b > 0, b * np.log(b), 0.0))
    return float(np.dot(s, g))


def joint_entropy(joint: Any, *, base: float | None = None) -> float:
    r"""Joint entropy :math:`H(X, Y)` of a joint probability table.

    Parameters
    ----------
    joint : array_like, shape (n_x, n_y)
        ``joint[x, y]`` = :math:`P(X = x, Y = y)`: finite, non-negative, summing to 1.
    base : float, optional, keyword-only
        Base of the logarithm (``None``: nats).

    Returns
    -------
    float
        :math:`H(X, Y)`, at least :math:`\max(H(X), H(Y))`, at most :math:`H(X) + H(Y)`.

    Raises
    ------
    ValueError
        If ``joint`` is not a 2-D probability table or ``base`` is invalid.

    See Also
    --------
    conditional_entropy, mutual_information, entropy

    Notes
    -----
    .. math::

        H(X, Y) = -\sum_{x} \sum_{y} p(x, y) \log p(x, y)

    where :math:`p(x, y)` is the probability that :math:`X = x` and :math:`Y = y` (the
    table entry in row :math:`x` and column :math:`y`), with :math:`0 \log 0 = 0`.

    It is the entropy of the pair treated as one variable. The chain rule splits it as
    :math:`H(X, Y) = H(X) + H(Y \mid X)`.

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
       Wiley, 2006, section 2.2.

    Examples
    --------
    >>> from mathref import joint_entropy
    >>> joint_entropy([[0.25, 0.25], [0.25, 0.25]], base=2)
    2.0
    >>> joint_entropy([[0.5, 0.0], [0.0, 0.5]], base=2)
    1.0
    """
    table = _joint_table(joint)
    scale = _log_scale(base)
    return max(0.0, -_xlogx_pass(table.ravel())[2] / scale)


def conditional_entropy(joint: Any, *, base: float | None = None) -> float:
    r"""Conditional entropy :math:`H(Y \mid X)` from a joint table ``joint[x, y]``.

    Parameters
    ----------
    joint : array_like, shape (n_x, n_y)
        ``joint[x, y]`` = :math:`P(X = x, Y = y)`; rows are values of the conditioning
        variable :math:`X`. Pass ``joint.T`` for :math:`H(X \mid Y)`.
    base : float, optional, keyword-only
        Base of the logarithm (``None``: nats).

    Returns
    -------
    float
        :math:`0 \le H(Y \mid X) \le H(Y)`.

    Raises
    ------
    ValueError
        If ``joint`` is not a 2-D probability table or ``base`` is invalid.

    See Also
    --------
    joint_entropy, mutual_information

    Notes
    -----
    .. math::

        H(Y \mid X) = -\sum_{x} \sum_{y} p(x, y) \log \frac{p(x, y)}{p(x)}

    where :math:`p(x, y)` is the table entry in row :math:`x` and column :math:`y`,
    :math:`p(x) = \sum_y p(x, y)` is the marginal of the row variable :math:`X`, and
    terms with :math:`p(x, y) = 0` are 0.

    The uncertainty left in :math:`Y` once :math:`X` is known, averaged over
    :math:`X`. It equals :math:`H(X, Y) - H(X)`, but that difference of two large
    numbers loses digits when :math:`Y` is nearly determined by :math:`X`; the sum
    above has only non-positive logarithms, so nothing cancels. Where a cell holds most
    of its row, :math:`\log(p(x, y)/p(x))` is the logarithm of a number near 1, and
    rounding that number would cost the digits of its distance from 1: there it is
    :math:`\operatorname{log1p}(-r/p(x))`, with :math:`r` the sum of the other cells of
    the row, added up directly.

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
       Wiley, 2006, section 2.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import conditional_entropy, joint_entropy, entropy
    >>> joint = np.array([[0.3, 0.1], [0.2, 0.4]])
    >>> conditional_entropy(joint, base=2)
    0.8755

    The chain rule H(X, Y) = H(X) + H(Y | X):

    >>> hx = entropy(joint.sum(axis=1), base=2)
    >>> bool(np.isclose(joint_entropy(joint, base=2), hx + conditional_entropy(joint, base=2)))
    True
    """
    table = _joint_table(joint)
    scale = _log_scale(base)
    return max(0.0, -float(np.sum(table * _log_row_share(table))) / scale)


def _log_row_share(table: np.ndarray) -> np.ndarray:
    """ln(p(x, y) / p(x)) for every cell with p(x, y) > 0 (0 elsewhere), to a few ulps.

    Where the cell holds most of its row, the share is near 1 and ln of the rounded
    share loses the digits of 1 - share; there ln1p(-r / p(x)) is used, with r the sum of
    the other cells of the row (prefix plus suffix sums: positive terms, no cancellation).
    """
    before, after = np.zeros_like(table), np.zeros_like(table)
    before[:, 1:] = np.cumsum(table, axis=1)[:, :-1]
    after[:, :-1] = np.cumsum(table[:, ::-1], axis=1)[:, ::-1][:, 1:]
    rest = before + after
    row = table + rest
    logs = np.zeros_like(table)
    with np.errstate(divide="ignore", invalid="ignore"):
        major = (table > 0) & (table >= rest)  # the cell holds at least half of its row
        minor = (table > 0) & (table < rest)
        logs[major] = np.log1p(-rest[major] / row[major])
        logs[minor] = np.log(table[minor] / row[minor])
    return logs


def mutual_information(joint: Any, base: float | None = None) -> float:
    r"""Mutual information :math:`I(X; Y)` of a joint probability table.

    Parameters
    ----------
    joint : array_like, shape (n_x, n_y)
        ``joint[x, y]`` = :math:`P(X = x, Y = y)`: finite, non-negative, summing to 1.
    base : float, optional
        Base of the logarithm (``None``: nats; ``2``: bits).

    Returns
    -------
    float
        :math:`I(X; Y) \ge 0`, zero exactly when :math:`X` and :math:`Y` are
        independent (up to rounding, which is clamped at 0).

    Raises
    ------
    ValueError
        If ``joint`` is not a 2-D probability table or ``base`` is invalid.

    See Also
    --------
    conditional_entropy, joint_entropy, information_gain, kl_divergence

    Notes
    -----
    .. math::

        I(X; Y) = \sum_{x} \sum_{y} p(x, y) \log \frac{p(x, y)}{p(x)\, p(y)}
        = H(Y) - H(Y \mid X)

    where :math:`p(x, y)` is the table entry in row :math:`x` and column :math:`y`,
    :math:`p(x)` and :math:`p(y)` are the row and column sums (the marginals), and terms
    with :math:`p(x, y) = 0` are 0.

    Mutual information is the KL divergence from the product of the marginals to the
    joint: how far the pair is from independence, or how many nats knowing :math:`X`
    saves on coding :math:`Y`. Computing it as :math:`H(X) + H(Y) - H(X, Y)` subtracts
    entropies of order :math:`\log n` to get a result that may be :math:`10^{-12}`, and
    rounding can then make it negative. The sum above is evaluated with the accurate
    logarithm of :func:`kl_divergence`, so a product table gives a result within a few
    ulps of 0; a negative value from that rounding is returned as 0.0.

    Near independence even that sum cancels: each term is of the order of
    :math:`p(x, y) - p(x) p(y)`, the result of its square. When the sum comes out below
    an eighth of :math:`\sum |p(x, y) - p(x) p(y)|`, it is recomputed as
    :math:`\sum q \, \varphi(u) - S (S - 1)` with :math:`q = p(x) p(y)`,
    :math:`u = p(x, y)/q - 1`, :math:`\varphi(u) = (1 + u)\ln(1 + u) - u \ge 0` (its
    series where :math:`|u| < 1/4`) and :math:`S` the table's sum: non-negative
    second-order terms, in which the rounding of the marginals and of their products
    enters only at second order. For a table :math:`10^{-6}` away from independence
    (:math:`I \approx 10^{-13}`) the relative error drops from about :math:`10^{-4}` to
    the rounding of the table itself.

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
       Wiley, 2006, section 2.4.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import mutual_information
    >>> mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2)
    1.0
    >>> mutual_information(np.outer([0.3, 0.7], [0.2, 0.5, 0.3]))
    0.0
    >>> mutual_information([[0.3, 0.1], [0.2, 0.4]], base=2)
    0.1245
    """
    table = _joint_table(joint)
    scale = _log_scale(base)
    return max(0.0, _mutual_information_nats(table) / scale)


def _mutual_information_nats(table: np.ndarray) -> float:
    px = table.sum(axis=1)
    py = table.sum(axis=0)
    product = np.multiply.outer(px, py)
    n_y = table.shape[1]

    def log_product(flat_index: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(px[flat_index // n_y]) + np.log(py[flat_index % n_y])

    value = _sum_xlog_ratio(table.ravel(), product.ravel(), log_q=log_product)
    # Near independence the terms (each about p(x, y) - p(x) p(y)) cancel to a second-order
    # remainder; when it is below 1/8 of their size, the form without cancellation is used.
    if 8.0 * value < float(np.sum(np.abs(table - product))):
        value = _mutual_information_excess_form(table, px, py, product)
    return value


#: Coefficients (-1)^k / (k (k - 1)), k = 2..29, of phi(u) = (1 + u) ln(1 + u) - u.
_PHI_SERIES = tuple((-1.0) ** k / (k * (k - 1)) for k in range(2, 30))


def _mutual_information_excess_form(table: np.ndarray, px: np.ndarray, py: np.ndarray,
                                    product: np.ndarray) -> float:
    """I = sum q phi(u) - S (S - 1), q = p(x) p(y), u = p(x, y)/q - 1, S = sum p(x, y).

    Each term q phi(u) = p ln(p/q) - p + q is >= 0 and second order in u, so nothing
    cancels; phi is summed as its series where |u| < 1/4. The identity holds for any q,
    and sum q = S^2 for the exact marginals, whence the - S (S - 1) (0 for S = 1; S - 1
    is summed exactly). The rounding of q itself enters only at second order.
    """
    p, q = table.ravel(), product.ravel()
    terms = q.copy()  # p = 0: the term is q
    has_mass = p > 0
    u = np.zeros_like(p)
    np.divide(p - q, q, out=u, where=has_mass & (q > 0))
    near = has_mass & (q > 0) & (np.abs(u) < 0.25)
    v = u[near]
    terms[near] = q[near] * v * v * horner(_PHI_SERIES, v)
    far = np.flatnonzero(has_mass & ~near)
    if far.size:  # ln q as ln p(x) + ln p(y): the product may underflow where p does not
        n_y = table.shape[1]
        log_q = np.log(px[far // n_y]) + np.log(py[far % n_y])
        terms[far] = p[far] * (np.log(p[far]) - log_q) - p[far] + q[far]
    excess = math.fsum([*p.tolist(), -1.0])  # S - 1, exactly rounded
    return float(np.sum(terms)) - (1.0 + excess) * excess


def _as_counts(value: Any, name: str, ndim: int) -> np.ndarray:
    arr = as_array(value, name, ndim=ndim).astype(np.float64, copy=False)
    if np.any(arr < 0):
        raise ValueError(f"{name} must hold non-negative counts, got {describe(arr)}")
    return arr


def information_gain(parent_counts: Any, children_counts: Any, base: float | None = 2) -> float:
    r"""Information gain of a decision-tree split: the drop in label entropy.

    Parameters
    ----------
    parent_counts : array_like, shape (n_classes,)
        Class counts at the node before the split (non-negative; sample weights may
        make them non-integers). Their total must be positive.
    children_counts : array_like, shape (n_children, n_classes)
        Class counts in each child; the rows must add up to ``parent_counts`` (the
        children partition the parent's samples). Empty children are allowed.
    base : float, optional
        Base of the logarithm; ``2`` (default) gives bits, as in ID3 and C4.5;
        ``None`` gives nats.

    Returns
    -------
    float
        :math:`\mathrm{IG} \ge 0`, at most the parent's entropy.

    Raises
    ------
    ValueError
        If the counts are negative or not finite, the shapes do not match, the parent
        total is 0, or the children do not add up to the parent (relative tolerance
        :math:`10^{-9}`).

    See Also
    --------
    entropy, mutual_information : information gain is the mutual information between
        the child a sample falls into and its class.

    Notes
    -----
    .. math::

        \mathrm{IG} = H(\text{parent}) - \sum_{k=1}^{K} \frac{N_k}{N} H(\text{child}_k)

    where :math:`N` is the number of samples at the parent, :math:`N_k` the number in
    child :math:`k` of :math:`K`, and :math:`H(\cdot)` the entropy of the class
    proportions at a node.

    A split is good when the children are purer than the parent. ID3 and C4.5 pick the
    split with the largest gain (C4.5 then divides by the split's own entropy, the gain
    ratio, because plain gain favours attributes with many values). The gain equals the
    mutual information between "which child" and "which class" in the table of counts
    divided by :math:`N`, and it is computed that way: the subtraction above loses
    digits for a nearly useless split, and the mutual-information sum cannot go below 0.

    References
    ----------
    .. [1] J. R. Quinlan, "Induction of decision trees", *Machine Learning* 1, 1986,
       81-106.
    .. [2] T. M. Mitchell, *Machine Learning*, McGraw-Hill, 1997, section 3.4.

    Examples
    --------
    Quinlan's 14 days of tennis (9 yes, 5 no), split on Outlook (sunny 2 yes 3 no,
    overcast 4 yes 0 no, rain 3 yes 2 no):

    >>> from mathref import information_gain
    >>> information_gain([9, 5], [[2, 3], [4, 0], [3, 2]])
    0.2467

    A split that changes nothing gains nothing; a perfect split gains all the entropy:

    >>> information_gain([4, 4], [[2, 2], [2, 2]])
    0.0
    >>> information_gain([4, 4], [[4, 0], [0, 4]])
    1.0
    """
    parent = _as_counts(parent_counts, "parent_counts", 1)
    children = _as_counts(children_counts, "children_counts", 2)
    scale = _log_scale(base)
    if children.shape[1] != parent.shape[0]:
        raise ValueError(
            f"children_counts must have one column per class: shape (n_children, "
            f"{parent.shape[0]}) to match parent_counts, got shape {children.shape}"
        )
    total = float(np.sum(parent))
    if total <= 0:
        raise ValueError(f"parent_counts must have a positive total, got {describe(parent)}")
    column_sums = children.sum(axis=0)
    if np.max(np.abs(column_sums - parent)) > 1e-9 * total:
        raise ValueError(
            "children_counts must add up to parent_counts (each sample of the parent goes "
            f"to exactly one child): the children's class totals are {describe(column_sums)}, "
            f"parent_counts is {describe(parent)}"
        )
    table = children / total
    return max(0.0, _mutual_information_nats(table) / scale)


def perplexity(p: Any, base: float | None = None) -> float:
    r"""Perplexity of a distribution: the effective number of equally likely outcomes.

    Parameters
    ----------
    p : array_like, shape (n,)
        A probability vector (not renormalised).
    base : float, optional
        Base in which the entropy is measured. The result does not depend on it (a base
        raised to the entropy in that base is the same number); it is accepted, and
        validated, so code that passes ``base=2`` to every information function works.

    Returns
    -------
    float
        :math:`1 \le \mathrm{PP}(p) \le n`; equal to :math:`n` for the uniform
        distribution over :math:`n` outcomes.

    Raises
    ------
    ValueError
        If ``p`` is not a probability vector or ``base`` is invalid.

    See Also
    --------
    entropy
    mathref.diagnostics.tsne_affinities : t-SNE chooses each point's bandwidth so that
        its neighbour distribution has a given perplexity.

    Notes
    -----
    .. math::

        \mathrm{PP}(p) = b^{H_b(p)} = \exp\left( -\sum_{i=1}^{n} p_i \ln p_i \right)

    where :math:`b` is the base, :math:`H_b(p)` the entropy of :math:`p` in base
    :math:`b`, :math:`p_i` the probability of outcome :math:`i` of :math:`n`, and
    :math:`0 \ln 0 = 0`.

    A distribution with perplexity :math:`k` is as unpredictable as a fair
    :math:`k`-sided die. A language model's perplexity is this quantity for its
    per-token cross-entropy; t-SNE's perplexity parameter is a target "number of
    neighbours". It is computed as the exponential of the entropy in nats.

    References
    ----------
    .. [1] F. Jelinek, R. L. Mercer, L. R. Bahl and J. K. Baker, "Perplexity: a measure
       of the difficulty of speech recognition tasks", *JASA* 62(S1), 1977.

    Examples
    --------
    >>> from mathref import perplexity
    >>> perplexity([0.25, 0.25, 0.25, 0.25])
    4.0
    >>> perplexity([0.5, 0.25, 0.25], base=2)
    2.8284
    >>> perplexity([1.0, 0.0, 0.0])
    1.0
    """
    _log_scale(base)
    arr = _probability_input(p, "p")
    total, nonnegative, value = _xlogx_pass(arr)
    _check_probability(total, nonnegative, arr, p, "p")
    return math.exp(max(0.0, -value))


def _gaussian(mean: Any, cov: Any, mean_name: str,
              cov_name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, covariance, its Cholesky factor), checked; a scalar mean gives 1 x 1."""
    m = as_array(mean, mean_name, ndim=(0, 1)).astype(np.float64, copy=False)
    if m.ndim == 0:
        c = as_array(cov, cov_name, ndim=(0, 2)).astype(np.float64, copy=False)
        if c.size != 1:
            raise ValueError(
                f"{cov_name} must be a variance (a scalar) when {mean_name} is a scalar, "
                f"got {describe(c)}"
            )
        m = m.reshape(1)
        c = c.reshape(1, 1)
    else:
        c = as_symmetric_matrix(cov, cov_name).astype(np.float64, copy=False)
        if c.shape[0] != m.shape[0]:
            raise ValueError(
                f"{cov_name} must have shape ({m.shape[0]}, {m.shape[0]}) to match "
                f"{mean_name}, got {c.shape}"
            )
    try:
        chol = np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        raise ValueError(
            f"{cov_name} must be symmetric positive definite (a covariance matrix of a "
            f"non-degenerate Gaussian), got {describe(c)}"
        ) from None
    if not np.all(np.diag(chol) > 0):
        raise ValueError(f"{cov_name} must be positive definite, got {describe(c)}")
    return m, c, chol


def kl_divergence_gaussian(mean_p: Any, cov_p: Any, mean_q: Any, cov_q: Any) -> float:
    r"""KL divergence between two multivariate Gaussians, in closed form (the VAE term).

    Parameters
    ----------
    mean_p : array_like, shape (k,)
        Mean :math:`\mu_p` of the first Gaussian. A scalar means a univariate Gaussian;
        then ``cov_p`` is its variance (a scalar).
    cov_p : array_like, shape (k, k)
        Covariance :math:`\Sigma_p`: symmetric positive definite.
    mean_q : array_like, shape (k,)
        Mean :math:`\mu_q` of the second Gaussian.
    cov_q : array_like, shape (k, k)
        Covariance :math:`\Sigma_q`: symmetric positive definite.

    Returns
    -------
    float
        :math:`D_{\mathrm{KL}}(\mathcal{N}_p \,\|\, \mathcal{N}_q) \ge 0`, in nats.

    Raises
    ------
    ValueError
        If a mean is not a finite vector, a covariance is not symmetric positive
        definite, or the dimensions disagree (each message names the argument).

    See Also
    --------
    kl_divergence : the discrete version.
    mathref.probability.MultivariateGaussian

    Notes
    -----
    .. math::

        D_{\mathrm{KL}}(\mathcal{N}_p \,\|\, \mathcal{N}_q) = \frac{1}{2} \left(
        \operatorname{tr}\left( \Sigma_q^{-1} \Sigma_p \right) + (\mu_q - \mu_p)^\top
        \Sigma_q^{-1} (\mu_q - \mu_p) - k + \ln \frac{\det \Sigma_q}{\det \Sigma_p}
        \right)

    where :math:`\mu_p, \Sigma_p` and :math:`\mu_q, \Sigma_q` are the means and
    covariances of the two Gaussians :math:`\mathcal{N}_p` and :math:`\mathcal{N}_q`,
    and :math:`k` is the dimension.

    In a variational autoencoder, :math:`\mathcal{N}_p` is the encoder's
    :math:`\mathcal{N}(\mu, \operatorname{diag}(\sigma^2))` and :math:`\mathcal{N}_q`
    the prior :math:`\mathcal{N}(0, I)`, and the formula becomes
    :math:`\frac{1}{2} \sum_j (\sigma_j^2 + \mu_j^2 - 1 - \ln \sigma_j^2)`.

    Nothing is inverted and no determinant is formed: with the Cholesky factors
    :math:`\Sigma_p = L_p L_p^\top` and :math:`\Sigma_q = L_q L_q^\top`, the trace is
    :math:`\| L_q^{-1} L_p \|_F^2`, the quadratic form is
    :math:`\| L_q^{-1} (\mu_q - \mu_p) \|^2` (two triangular solves), and the log
    determinants are :math:`2 \sum_j \ln (L)_{jj}`. ``det`` of a 200-dimensional
    covariance with variances 0.01 underflows to 0 (so its log is :math:`-\infty`),
    and ``inv`` amplifies rounding by the condition number; the factors do neither.
    A result that rounding makes slightly negative is returned as 0.0.

    For nearly equal Gaussians the trace, :math:`-k` and the log determinant cancel to
    a tiny remainder and keep no correct digit of it (the naive formula and the factors
    alike: :math:`10^{-16}` comes out as noise). With :math:`\lambda_i = 1 + u_i` the
    eigenvalues of :math:`\Sigma_q^{-1} \Sigma_p`, the divergence is
    :math:`\frac{1}{2} \left( \sum_i (u_i - \ln(1 + u_i)) + \| L_q^{-1} (\mu_q - \mu_p)
    \|^2 \right)`, a sum of non-negative terms. So when every :math:`|u_i| < 1/2`, the
    :math:`u_i` are computed from the difference :math:`\Sigma_p - \Sigma_q` (the
    eigenvalues of :math:`L_q^{-1} (\Sigma_p - \Sigma_q) L_q^{-\top}`) and each
    :math:`u - \ln(1 + u)` from its series where :math:`|u| < 1/4`.

    References
    ----------
    .. [1] D. P. Kingma and M. Welling, "Auto-encoding variational Bayes", ICLR 2014,
       appendix B.
    .. [2] J. Duchi, "Derivations for linear algebra and optimization", 2007 (KL
       divergence between normal distributions).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import kl_divergence_gaussian
    >>> kl_divergence_gaussian([0.0, 0.0], np.eye(2), [1.0, 0.0], np.eye(2))
    0.5
    >>> kl_divergence_gaussian(0.0, 1.0, 0.0, 4.0)
    0.3181

    The VAE form, diagonal encoder against the standard normal prior:

    >>> mu, var = np.array([0.5, -1.0]), np.array([0.8, 1.5])
    >>> vae = 0.5 * np.sum(var + mu**2 - 1 - np.log(var))
    >>> bool(np.isclose(kl_divergence_gaussian(mu, np.diag(var), np.zeros(2), np.eye(2)), vae))
    True
    """
    from scipy.linalg import solve_triangular

    mp, cp, chol_p = _gaussian(mean_p, cov_p, "mean_p", "cov_p")
    mq, cq, chol_q = _gaussian(mean_q, cov_q, "mean_q", "cov_q")
    if mp.shape != mq.shape:
        raise ValueError(
            f"mean_p and mean_q must have the same dimension, got {mp.shape[0]} and "
            f"{mq.shape[0]}"
        )
    k = mp.shape[0]
    z = solve_triangular(chol_q, mq - mp, lower=True)
    quad = float(np.dot(z, z))
    # u = eigenvalues of Sigma_q^{-1} Sigma_p - I, from L_q^{-1} (Sigma_p - Sigma_q) L_q^{-T}
    half = solve_triangular(chol_q, cp - cq, lower=True)
    shift = solve_triangular(chol_q, half.T, lower=True)
    u = np.linalg.eigvalsh(0.5 * (shift + shift.T))
    if np.max(np.abs(u)) < _NEAR_EQUAL:
        return max(0.0, 0.5 * (float(np.sum(_u_minus_log1p(u))) + quad))
    a = solve_triangular(chol_q, chol_p, lower=True)
    trace = float(np.sum(a * a))
    log_det_ratio = 2.0 * float(np.sum(np.log(np.diag(chol_q) / np.diag(chol_p))))
    return max(0.0, 0.5 * (trace + quad - k + log_det_ratio))


#: Below this max |lambda_i - 1| the eigenvalue form of the Gaussian KL is used.
_NEAR_EQUAL = 0.5
#: Terms k = 2..29 of u - log1p(u) = sum_k (-1)^k u^k / k, summed for |u| < 1/4.
_LOG1P_SERIES = tuple((-1.0) ** k / k for k in range(2, 30))


def _u_minus_log1p(u: np.ndarray) -> np.ndarray:
    """u - ln(1 + u) (>= 0) without the cancellation of the two ~u terms for small u."""
    out = u - np.log1p(u)
    small = np.abs(u) < 0.25
    v = u[small]
    out[small] = v * v * horner(_LOG1P_SERIES, v)
    return out
