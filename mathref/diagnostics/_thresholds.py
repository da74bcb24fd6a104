"""Decision thresholds: from misclassification costs, or from a precision target."""
from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import as_positive_scalar, as_scalar_in_range
from ._common import binary_probability_inputs

__all__ = [
    "cost_optimal_threshold",
    "threshold_for_precision",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "cost_optimal_threshold": ("Cost-optimal decision threshold",
                               ("Bayes decision threshold", "cost-sensitive threshold",
                                "misclassification cost", "decision rule")),
    "threshold_for_precision": ("Smallest threshold reaching a target precision",
                                ("precision target", "operating point", "precision at threshold",
                                 "precision-recall curve", "alert threshold")),
}


def cost_optimal_threshold(cost_false_positive: float, cost_false_negative: float) -> float:
    r"""The probability threshold that minimises the expected cost of a decision.

    Parameters
    ----------
    cost_false_positive : float
        The cost :math:`c_{FP} \ge 0` of flagging a negative (blocking a legitimate
        transaction).
    cost_false_negative : float
        The cost :math:`c_{FN} \ge 0` of missing a positive (letting a fraud through).
        Not both zero.

    Returns
    -------
    float
        The threshold :math:`t^* \in [0, 1]`: predict positive when the calibrated
        probability is :math:`\ge t^*`.

    Raises
    ------
    ValueError
        If a cost is negative, not finite, or both are zero.

    See Also
    --------
    threshold_for_precision : a threshold chosen from a precision target instead.
    reliability_curve : check calibration first; the rule assumes it.

    Notes
    -----
    .. math::

        t^* = \frac{c_{FP}}{c_{FP} + c_{FN}}

    where :math:`c_{FP}` is the cost of a false positive and :math:`c_{FN}` the cost of a
    false negative (correct decisions cost nothing).

    For a sample with calibrated probability :math:`p` of being positive, predicting
    positive costs :math:`(1 - p)\, c_{FP}` in expectation and predicting negative costs
    :math:`p\, c_{FN}`; the first is no larger exactly when :math:`p \ge t^*`. The rule is
    only as good as the calibration: with an over-confident model the "probability" 0.9 may
    be a frequency of 0.7, so recalibrate (:func:`platt_scale`,
    :func:`temperature_scale`) before applying it.

    References
    ----------
    .. [1] C. Elkan, "The foundations of cost-sensitive learning", IJCAI 2001.

    Examples
    --------
    >>> from mathref import cost_optimal_threshold
    >>> cost_optimal_threshold(1.0, 9.0)    # a missed fraud costs 9x a blocked customer
    0.1
    >>> cost_optimal_threshold(5.0, 5.0)
    0.5
    """
    c_fp = as_positive_scalar(cost_false_positive, "cost_false_positive", allow_zero=True)
    c_fn = as_positive_scalar(cost_false_negative, "cost_false_negative", allow_zero=True)
    if c_fp == 0.0 and c_fn == 0.0:
        raise ValueError("cost_false_positive and cost_false_negative must not both be 0, "
                         "got 0 and 0 (every threshold is then optimal)")
    return c_fp / (c_fp + c_fn)


def threshold_for_precision(y_true: Any, y_prob: Any, precision: float) -> float:
    r"""The smallest threshold whose precision on the given data reaches the target.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1.
    y_prob : array_like, shape (n,)
        Predicted probabilities :math:`P(y = 1)`, in :math:`[0, 1]`.
    precision : float
        The target precision :math:`\pi \in (0, 1]`.

    Returns
    -------
    float
        The smallest value :math:`t` among the predicted probabilities such that predicting
        positive when ``y_prob >= t`` has precision :math:`\ge \pi`. The smallest such
        threshold flags the most samples, so it has the highest recall among the
        thresholds that meet the target.

    Raises
    ------
    ValueError
        If no threshold reaches the target (the message gives the best precision
        attainable), ``precision`` is outside :math:`(0, 1]`, ``y_true`` holds a label
        other than 0 or 1, ``y_prob`` a value outside :math:`[0, 1]`, or the lengths differ.

    See Also
    --------
    cost_optimal_threshold : a threshold from the costs of the two errors.
    precision : the precision of fixed predictions.

    Notes
    -----
    .. math::

        t^* = \min \left\{ t \in \{p_1, \dots, p_n\} :
        \frac{\sum_{i} y_i \, [p_i \ge t]}{\sum_{i} [p_i \ge t]} \ge \pi \right\}

    where :math:`p_i` is the predicted probability and :math:`y_i \in \{0, 1\}` the label
    of sample :math:`i`, :math:`[\cdot]` is 1 when the condition holds and 0 otherwise, and
    :math:`\pi` is the target precision.

    Only the observed probabilities need to be tried: a threshold strictly between two of
    them flags the same samples as the next one up. Precision is not monotone in the
    threshold, so every candidate is evaluated; sorting once and taking cumulative sums of
    the labels gives all of them in :math:`O(n \log n)`. The precision measured on a
    finite validation set is itself uncertain: with few flagged samples near the chosen
    threshold, the precision on new data can be well below :math:`\pi`.

    Examples
    --------
    >>> from mathref import threshold_for_precision
    >>> y_true = [0, 0, 1, 0, 1, 1, 0, 1, 1, 1]
    >>> y_prob = [0.1, 0.2, 0.3, 0.45, 0.5, 0.6, 0.65, 0.8, 0.9, 0.95]
    >>> threshold_for_precision(y_true, y_prob, 0.8)
    0.5
    >>> threshold_for_precision(y_true, y_prob, 1.0)
    0.8
    """
    y, p = binary_probability_inputs(y_true, y_prob)
    target = as_scalar_in_range(precision, "precision", 0.0, 1.0, low_open=True)
    order = np.argsort(p, kind="stable")
    p_sorted = p[order]
    y_sorted = y[order]
    n = p.size
    # Index of the first occurrence of each distinct probability (ascending).
    starts = np.flatnonzero(np.r_[True, p_sorted[1:] != p_sorted[:-1]])
    true_pos_suffix = np.cumsum(y_sorted[::-1])[::-1]   # Σ_{j ≥ i} y_sorted[j]
    flagged = n - starts
    prec = true_pos_suffix[starts] / flagged
    ok = np.flatnonzero(prec >= target)
    if ok.size == 0:
        best = int(np.argmax(prec))
        raise ValueError(
            f"precision {target!r} is not reached by any threshold on this data: the highest "
            f"precision is {float(prec[best])!r} (at threshold {float(p_sorted[starts[best]])!r})"
        )
    return float(p_sorted[starts[ok[0]]])
