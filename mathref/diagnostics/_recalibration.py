"""Recalibration: temperature scaling of multiclass logits, Platt scaling of binary scores."""
from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from .._validate import as_matrix, as_vector, describe
from ._common import binary_labels, same_length

__all__ = [
    "temperature_scale",
    "platt_scale",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "temperature_scale": ("Temperature scaling",
                          ("temperature", "softmax temperature", "recalibration",
                           "calibrate a neural network", "overconfident network")),
    "platt_scale": ("Platt scaling",
                    ("Platt", "sigmoid calibration", "logistic calibration",
                     "recalibration of scores", "CalibratedClassifierCV sigmoid")),
}


class PlattResult(NamedTuple):
    """Result of :func:`platt_scale`: :math:`P(y = 1 \\mid s) = \\sigma(a s + b)`.

    Attributes
    ----------
    a : float
        The slope applied to the score.
    b : float
        The intercept.
    """

    a: float
    b: float


def _class_labels(labels: Any, n_classes: int, n_rows: int) -> np.ndarray:
    arr = as_vector(labels, "labels")
    if arr.size != n_rows:
        raise ValueError(f"labels and logits must have the same length, got {arr.size} "
                         f"and {n_rows}")
    if not np.all(arr == np.round(arr)) or np.any(arr < 0) or np.any(arr >= n_classes):
        bad = arr[(arr != np.round(arr)) | (arr < 0) | (arr >= n_classes)][0]
        raise ValueError(f"labels must be integer class indices in [0, {n_classes - 1}] "
                         f"(one per column of logits), got a value {bad!r}: {describe(arr)}")
    return arr.astype(np.intp)


def _nll_slope(shifted: np.ndarray, gap_true: np.ndarray, beta: float) -> float:
    """d/dβ of the mean NLL of softmax(β z): mean(E_p[z] − z_y), with z shifted by its row max.

    ``shifted`` is z − max_j z (≤ 0) and ``gap_true`` is z_y − max_j z (≤ 0).
    """
    w = np.exp(beta * shifted)
    expected = np.sum(w * shifted, axis=1) / np.sum(w, axis=1)
    return float(np.mean(expected - gap_true))


def temperature_scale(labels: Any, logits: Any) -> float:
    r"""The temperature :math:`T` for which ``softmax(logits / T)`` best fits the labels.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        True classes, integers in :math:`[0, k)`.
    logits : array_like, shape (n, k)
        Unnormalised log-probabilities of a model with :math:`k \ge 2` classes (typically
        on a held-out validation set, never the training set).

    Returns
    -------
    float
        The fitted temperature :math:`\hat{T} > 0`: :math:`\hat{T} > 1` softens an
        over-confident model, :math:`\hat{T} < 1` sharpens an under-confident one. ``inf``
        when the logits are on average no better than uniform
        (:math:`\frac{1}{n}\sum_i (\bar{z}_i - z_{i y_i}) \ge 0`, with
        :math:`\bar{z}_i` the mean of row :math:`i`), where the uniform prediction is
        the best fit.

    Raises
    ------
    ValueError
        If ``logits`` is not a finite 2-D array with at least 2 columns, ``labels`` are not
        integer class indices in range, their lengths differ, or every true class already
        has the largest logit of its row: then the NLL decreases all the way to
        :math:`T \to 0` and no finite temperature minimises it.

    See Also
    --------
    platt_scale : the two-parameter recalibration of a binary score.
    expected_calibration_error : measures the miscalibration this corrects.
    mathref.losses.categorical_cross_entropy : the NLL minimised here.

    Notes
    -----
    .. math::

        \hat{T} = \arg\min_{T > 0} \; -\frac{1}{n} \sum_{i=1}^{n}
        \log \operatorname{softmax}\left( \frac{z_i}{T} \right)_{y_i}

    where :math:`z_i \in \mathbb{R}^k` is the logit vector of sample :math:`i`,
    :math:`y_i` its true class, :math:`n` the number of samples and
    :math:`\operatorname{softmax}(v)_j = e^{v_j} / \sum_l e^{v_l}`.

    Dividing every logit by one :math:`T` keeps every argmax, so accuracy does not move;
    only the confidence does. With :math:`\beta = 1/T` the objective
    :math:`g(\beta) = \frac{1}{n}\sum_i [\log \sum_j e^{\beta z_{ij}} - \beta z_{i y_i}]`
    is convex (its second derivative is the mean variance of :math:`z_i` under the
    softmax), so its minimiser is the unique root of
    :math:`g'(\beta) = \frac{1}{n}\sum_i (\mathbb{E}_{\operatorname{softmax}(\beta z_i)}[z_i]
    - z_{i y_i})`. The root is bracketed in :math:`\log T` and found by Brent's method
    (a bounded 1-D search in :math:`\log T`). Each term is computed from
    :math:`z_i - \max_j z_{ij}`, so the exponentials never overflow even for logits of
    1000 at :math:`T = 0.01`, where the naive ``exp(z / T)`` is ``inf`` and the NLL ``nan``.

    References
    ----------
    .. [1] C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern neural
       networks", ICML 2017.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import temperature_scale
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(scale=2.0, size=(5000, 3))
    >>> p = np.exp(z / 2.5); p /= p.sum(axis=1, keepdims=True)   # true temperature 2.5
    >>> labels = np.array([rng.choice(3, p=row) for row in p])
    >>> T = temperature_scale(labels, z)
    >>> bool(abs(T - 2.5) < 0.2)
    True
    """
    from scipy import optimize

    z = as_matrix(logits, "logits", dtype=np.float64)
    n, k = z.shape
    if k < 2:
        raise ValueError(f"logits must have at least 2 columns (classes), got {describe(z)}")
    y = _class_labels(labels, k, n)
    top = np.max(z, axis=1, keepdims=True)
    shifted = z - top
    gap_true = shifted[np.arange(n), y]
    slope_at_zero = float(np.mean(np.mean(shifted, axis=1) - gap_true))
    if slope_at_zero >= 0.0:
        return math.inf
    slope_at_inf = float(np.mean(-gap_true))
    if slope_at_inf <= 0.0:
        raise ValueError(
            "logits put every true class at the top of its row (labels are separated), so "
            "the NLL keeps decreasing as T -> 0 and no finite temperature minimises it"
        )

    def slope(u: float) -> float:  # u = log(beta) = -log(T)
        return _nll_slope(shifted, gap_true, math.exp(u))

    lo, hi = -1.0, 1.0
    while slope(lo) >= 0.0:
        lo = 2.0 * lo - 1.0
        if lo < -700:  # pragma: no cover - g'(0) < 0 makes this unreachable
            raise ValueError("temperature_scale could not bracket the optimum (T too large)")
    while slope(hi) <= 0.0:
        hi = 2.0 * hi + 1.0
        if hi > 700:
            raise ValueError(
                "logits nearly separate the labels: the optimal temperature is below "
                "1e-300, no usable finite temperature exists"
            )
    u = optimize.brentq(slope, lo, hi, xtol=1e-13, rtol=4 * np.finfo(float).eps)
    return float(math.exp(-u))


def _platt_newton(s: np.ndarray, t: np.ndarray) -> tuple[float, float]:
    """Minimise Σ softplus(α z + β) − t (α z + β) over (α, β) by damped Newton, z standardised."""
    # standardise s / max|s| (in [-1, 1]): the std of scores near 1e-310 underflows to 0
    # and the mean of scores near 1e307 overflows
    top = float(np.max(np.abs(s)))
    r = s / top
    mean = float(np.mean(r))
    scale = float(np.std(r))
    z = (r - mean) / scale
    rate = float(np.mean(t))
    theta = np.array([0.0, math.log(rate / (1.0 - rate))])
    design = np.column_stack([z, np.ones_like(z)])

    def loss(th: np.ndarray) -> float:
        u = design @ th
        return float(np.sum(np.logaddexp(0.0, u) - t * u))

    current = loss(theta)
    for _ in range(200):
        u = design @ theta
        sig = 0.5 * (1.0 + np.tanh(0.5 * u))  # σ(u) without overflow
        grad = design.T @ (sig - t)
        weight = sig * (1.0 - sig)
        hess = (design * weight[:, None]).T @ design
        try:
            step = -np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:  # pragma: no cover - guarded by the overlap check
            raise ValueError("platt_scale: the logistic Hessian is singular; the scores "
                             "do not determine a and b") from None
        decrement = float(-grad @ step)
        if decrement <= 1e-24 * max(1.0, abs(current)):
            break
        size = 1.0
        while True:
            candidate = theta + size * step
            value = loss(candidate)
            if value <= current - 0.25 * size * decrement or size < 1e-12:
                break
            size *= 0.5
        theta, current = candidate, value
        if decrement <= 1e-20 * max(1.0, abs(current)):
            break
    alpha, beta = float(theta[0]), float(theta[1])
    with np.errstate(over="ignore"):  # |a| beyond 1.8e308 for scores near 1e-310: inf
        return float(np.float64(alpha / scale) / top), beta - alpha * mean / scale


def platt_scale(labels: Any, scores: Any, *, platt_targets: bool = False) -> PlattResult:
    r"""Platt scaling: fit :math:`P(y = 1 \mid s) = \sigma(a s + b)` to binary labels.

    Parameters
    ----------
    labels : array_like, shape (n,)
        True binary labels, 0 or 1 (both must occur).
    scores : array_like, shape (n,)
        Real-valued scores of a binary classifier (SVM margins, logits, ...), on a held-out
        set.
    platt_targets : bool, default False
        Keyword-only. ``False``: fit the labels themselves (plain logistic regression on
        the score, the maximum-likelihood fit). ``True``: Platt's smoothed targets
        :math:`(N_+ + 1)/(N_+ + 2)` and :math:`1/(N_- + 2)` instead of 1 and 0, which keep
        the fit finite when the scores separate the classes.

    Returns
    -------
    PlattResult
        ``(a, b)``: the calibrated probability of a new score :math:`s` is
        :math:`1/(1 + e^{-(a s + b)})`.

    Raises
    ------
    ValueError
        If ``labels`` are not 0/1 or hold one class only, ``scores`` are not finite, the
        lengths differ, or (without ``platt_targets``) a threshold on the score separates
        the classes, where the likelihood keeps growing as :math:`|a| \to \infty` and no
        finite maximum-likelihood fit exists.

    See Also
    --------
    temperature_scale : one-parameter recalibration of multiclass logits.
    mathref.losses.binary_cross_entropy_with_logits : the loss minimised here.

    Notes
    -----
    .. math::

        (\hat{a}, \hat{b}) = \arg\min_{a, b} \; -\sum_{i=1}^{n} \left[ t_i \log \sigma(a s_i + b)
        + (1 - t_i) \log\left( 1 - \sigma(a s_i + b) \right) \right],
        \qquad \sigma(u) = \frac{1}{1 + e^{-u}}

    where :math:`s_i` is the score of sample :math:`i`, :math:`t_i` its target (the label
    :math:`y_i \in \{0, 1\}`, or Platt's smoothed target with ``platt_targets=True``) and
    :math:`n` the number of samples.

    It is a one-feature logistic regression on the score: a monotone map, so the ranking
    (and the ROC AUC) is unchanged and only the probabilities move. The negative
    log-likelihood is convex; it is minimised by Newton's method with backtracking on the
    standardised score (so the Hessian is well conditioned whatever the scale of the
    scores; they are divided by their largest magnitude first, so scores near 1e-310,
    whose variance underflows, or near 1e307, whose mean overflows, still standardise;
    for the former :math:`a` exceeds the float range and is ``inf``), and each term is evaluated as
    :math:`\log(1 + e^{u}) - t u` with ``logaddexp``, which is finite for any :math:`u`
    (the naive :math:`\log \sigma(u)` is :math:`\log 0 = -\infty` for :math:`u = -800`).

    References
    ----------
    .. [1] J. Platt, "Probabilistic outputs for support vector machines and comparisons
       to regularized likelihood methods", in Advances in Large Margin Classifiers, 1999.
    .. [2] H.-T. Lin, C.-J. Lin and R. C. Weng, "A note on Platt's probabilistic outputs
       for support vector machines", Machine Learning 68, 2007.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import platt_scale
    >>> rng = np.random.default_rng(0)
    >>> s = rng.normal(size=20000)
    >>> y = rng.random(20000) < 1 / (1 + np.exp(-(3.0 * s - 1.0)))   # true a = 3, b = -1
    >>> a, b = platt_scale(y, s)
    >>> bool(abs(a - 3.0) < 0.15 and abs(b + 1.0) < 0.1)
    True
    """
    y = binary_labels(labels, "labels")
    s = as_vector(scores, "scores", dtype=np.float64)
    same_length(y, s, "labels", "scores")
    if not isinstance(platt_targets, (bool, np.bool_)):
        raise TypeError(f"platt_targets must be True or False, got {describe(platt_targets)}")
    positive = y == 1
    n_pos = int(np.count_nonzero(positive))
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"labels must hold both classes 0 and 1, got {describe(y)}")
    if float(np.max(s)) == float(np.min(s)):
        raise ValueError(f"scores must not all be equal (a is then undetermined), "
                         f"got {describe(s)}")
    if platt_targets:
        t = np.where(positive, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
    else:
        pos, neg = s[positive], s[~positive]
        if np.max(neg) <= np.min(pos) or np.max(pos) <= np.min(neg):
            raise ValueError(
                "scores separate the classes by a threshold (largest score of class 0: "
                f"{float(np.max(neg))!r}, smallest of class 1: {float(np.min(pos))!r}), so "
                "the likelihood grows without bound as |a| -> inf; pass platt_targets=True "
                "for Platt's smoothed targets"
            )
        t = y
    a, b = _platt_newton(s, t)
    return PlattResult(a, b)
