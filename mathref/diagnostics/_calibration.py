"""Calibration: reliability curves, expected and maximum calibration error, Brier score."""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .._validate import allocation_guard, as_choice, as_int
from ._common import binary_probability_inputs

__all__ = [
    "reliability_curve",
    "expected_calibration_error",
    "maximum_calibration_error",
    "brier_score",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "reliability_curve": ("Reliability curve (calibration curve)",
                          ("calibration curve", "reliability diagram", "calibration plot",
                           "binned calibration", "calibration_curve")),
    "expected_calibration_error": ("Expected calibration error (ECE)",
                                   ("ECE", "calibration error", "miscalibration",
                                    "overconfidence")),
    "maximum_calibration_error": ("Maximum calibration error (MCE)",
                                  ("MCE", "worst-bin calibration error")),
    "brier_score": ("Brier score",
                    ("Brier loss", "mean squared error of probabilities",
                     "probability score", "proper scoring rule")),
}

_STRATEGIES = ("uniform", "quantile")


class ReliabilityCurve(NamedTuple):
    """Result of :func:`reliability_curve`: one value per non-empty bin.

    Attributes
    ----------
    prob_true : numpy.ndarray
        The fraction of positives in each bin (the observed frequency).
    prob_pred : numpy.ndarray
        The mean predicted probability in each bin (the confidence).
    counts : numpy.ndarray
        The number of samples in each bin (integers).
    """

    prob_true: np.ndarray
    prob_pred: np.ndarray
    counts: np.ndarray


def _bin_statistics(y: np.ndarray, p: np.ndarray, n_bins: Any, strategy: Any
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sum of labels, sum of probabilities, count) per bin, before dropping empty bins."""
    m = as_int(n_bins, "n_bins", minimum=1)
    as_choice(strategy, "strategy", _STRATEGIES)
    with allocation_guard(f"n_bins = {m}"):
        if strategy == "uniform":
            edges = np.linspace(0.0, 1.0, m + 1)
        else:
            edges = np.percentile(p, np.linspace(0.0, 1.0, m + 1) * 100)
        # side="left": a probability equal to an inner edge falls in the bin below it.
        ids = np.searchsorted(edges[1:-1], p)
        counts = np.bincount(ids, minlength=m)
        sum_y = np.bincount(ids, weights=y, minlength=m)
        sum_p = np.bincount(ids, weights=p, minlength=m)
    return sum_y, sum_p, counts


def reliability_curve(y_true: Any, y_prob: Any, n_bins: int = 10,
                      strategy: str = "uniform") -> ReliabilityCurve:
    r"""The reliability curve: observed frequency of positives against mean confidence, per bin.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1.
    y_prob : array_like, shape (n,)
        Predicted probabilities :math:`P(y = 1)`, in :math:`[0, 1]`.
    n_bins : int, default 10
        The number of bins :math:`M \ge 1`.
    strategy : {"uniform", "quantile"}, default "uniform"
        ``"uniform"``: edges :math:`0, 1/M, \dots, 1`. ``"quantile"``: edges at the
        :math:`b/M` quantiles of ``y_prob`` (NumPy's linear percentile), so bins hold about
        the same number of samples.

    Returns
    -------
    ReliabilityCurve
        ``(prob_true, prob_pred, counts)``, one value per non-empty bin (empty bins are
        dropped), in increasing order of the bins.

    Raises
    ------
    ValueError
        If ``y_true`` holds a label other than 0 or 1, ``y_prob`` a value outside
        :math:`[0, 1]`, their lengths differ, ``n_bins < 1`` (or too large to allocate
        its bins) or ``strategy`` is unknown.

    See Also
    --------
    expected_calibration_error : the count-weighted mean gap of this curve.
    maximum_calibration_error : the largest gap of this curve.

    Notes
    -----
    .. math::

        \bar{y}_b = \frac{1}{n_b} \sum_{i \in B_b} y_i, \qquad
        \bar{p}_b = \frac{1}{n_b} \sum_{i \in B_b} p_i, \qquad
        B_b = \{ i : e_{b-1} < p_i \le e_b \}

    where :math:`y_i \in \{0, 1\}` is the label and :math:`p_i` the predicted probability
    of sample :math:`i`, :math:`e_0 \le e_1 \le \dots \le e_M` are the bin edges (the first
    bin :math:`B_1` also holds :math:`p_i = e_0`), :math:`n_b` is the number of samples in
    bin :math:`B_b`, :math:`\bar{y}_b` is ``prob_true`` and :math:`\bar{p}_b` is
    ``prob_pred``.

    A classifier is calibrated when, among the samples it gives probability :math:`p`, a
    fraction :math:`p` are positive. The curve plots :math:`\bar{y}_b` against
    :math:`\bar{p}_b`: on the diagonal the probabilities can be read as frequencies, below
    it the model is over-confident about positives. The binning is scikit-learn's
    ``calibration_curve`` exactly: a probability that lies on an inner edge goes to the
    lower bin (``numpy.searchsorted`` with ``side="left"``), and empty bins are dropped,
    so the arrays may be shorter than ``n_bins``. A bin with few samples has a noisy
    :math:`\bar{y}_b` (its standard error is about :math:`\sqrt{\bar{y}_b(1-\bar{y}_b)/n_b}`),
    which is why ``counts`` is returned.

    References
    ----------
    .. [1] A. Niculescu-Mizil and R. Caruana, "Predicting good probabilities with
       supervised learning", ICML 2005.

    Examples
    --------
    >>> from mathref import reliability_curve
    >>> y_true = [0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> y_prob = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0]
    >>> curve = reliability_curve(y_true, y_prob, n_bins=3)
    >>> curve.prob_true.tolist(), curve.counts.tolist()
    ([0.0, 0.5, 1.0], [3, 2, 4])
    >>> [round(v, 4) for v in curve.prob_pred]
    [0.2, 0.525, 0.85]
    """
    y, p = binary_probability_inputs(y_true, y_prob)
    sum_y, sum_p, counts = _bin_statistics(y, p, n_bins, strategy)
    keep = counts > 0
    return ReliabilityCurve(sum_y[keep] / counts[keep], sum_p[keep] / counts[keep],
                            counts[keep].astype(np.int64))


def expected_calibration_error(y_true: Any, y_prob: Any, n_bins: int = 10, *,
                               strategy: str = "uniform") -> float:
    r"""Expected calibration error: the count-weighted mean gap between confidence and frequency.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1.
    y_prob : array_like, shape (n,)
        Predicted probabilities :math:`P(y = 1)`, in :math:`[0, 1]`.
    n_bins : int, default 10
        The number of bins, as in :func:`reliability_curve`.
    strategy : {"uniform", "quantile"}, default "uniform"
        The binning, as in :func:`reliability_curve` (keyword-only).

    Returns
    -------
    float
        The ECE, in :math:`[0, 1]`; 0 means every bin's frequency equals its mean confidence.

    Raises
    ------
    ValueError
        As :func:`reliability_curve`.

    See Also
    --------
    reliability_curve : the bins this error averages over.
    maximum_calibration_error : the worst bin instead of the average.
    brier_score : a proper scoring rule that needs no bins.

    Notes
    -----
    .. math::

        \mathrm{ECE} = \sum_{b=1}^{M} \frac{n_b}{N} \left| \bar{y}_b - \bar{p}_b \right|

    where :math:`M` is the number of bins, :math:`n_b` the number of the :math:`N` samples
    in bin :math:`b`, :math:`\bar{y}_b` the fraction of positives and :math:`\bar{p}_b` the
    mean predicted probability in that bin (empty bins contribute nothing).

    This is the binary form (the probability of class 1 against the frequency of class 1),
    with the same bins as :func:`reliability_curve`. The estimate is biased upwards for
    small samples: even a perfectly calibrated model shows gaps of order
    :math:`\sqrt{M / N}` from sampling noise alone, so compare ECEs at equal :math:`N` and
    :math:`M`, and it can be gamed (a model that always predicts the base rate has ECE
    near 0 and is useless), so report it next to a proper score such as
    :func:`brier_score`.

    References
    ----------
    .. [1] M. P. Naeini, G. F. Cooper and M. Hauskrecht, "Obtaining well calibrated
       probabilities using Bayesian binning", AAAI 2015.
    .. [2] C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern neural
       networks", ICML 2017.

    Examples
    --------
    >>> from mathref import expected_calibration_error
    >>> y_true = [0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> y_prob = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0]
    >>> expected_calibration_error(y_true, y_prob, n_bins=3)
    0.1389

    It is the count-weighted mean gap of the reliability curve:

    >>> import numpy as np
    >>> from mathref import reliability_curve
    >>> c = reliability_curve(y_true, y_prob, n_bins=3)
    >>> float(np.sum(c.counts * np.abs(c.prob_true - c.prob_pred)) / 9)
    0.1389
    """
    y, p = binary_probability_inputs(y_true, y_prob)
    sum_y, sum_p, counts = _bin_statistics(y, p, n_bins, strategy)
    # n_b/N * |sum_y/n_b - sum_p/n_b| = |sum_y - sum_p| / N: no division by empty bins.
    return float(np.sum(np.abs(sum_y - sum_p)) / y.size)


def maximum_calibration_error(y_true: Any, y_prob: Any, n_bins: int = 10, *,
                              strategy: str = "uniform") -> float:
    r"""Maximum calibration error: the largest gap between confidence and frequency in any bin.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1.
    y_prob : array_like, shape (n,)
        Predicted probabilities :math:`P(y = 1)`, in :math:`[0, 1]`.
    n_bins : int, default 10
        The number of bins, as in :func:`reliability_curve`.
    strategy : {"uniform", "quantile"}, default "uniform"
        The binning, as in :func:`reliability_curve` (keyword-only).

    Returns
    -------
    float
        The MCE, in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        As :func:`reliability_curve`.

    See Also
    --------
    expected_calibration_error : the count-weighted average instead of the maximum.

    Notes
    -----
    .. math::

        \mathrm{MCE} = \max_{b \,:\, n_b > 0} \left| \bar{y}_b - \bar{p}_b \right|

    where :math:`n_b` is the number of samples in bin :math:`b`, :math:`\bar{y}_b` the
    fraction of positives and :math:`\bar{p}_b` the mean predicted probability in that
    bin, with the bins of ``reliability_curve``.

    The MCE matters when every confidence level is acted on (a fraud team that blocks
    everything above 0.9 cares about the top bin even if it holds 1% of traffic). It is
    dominated by sparsely populated bins, whose gaps are mostly noise: look at the
    ``counts`` of :func:`reliability_curve` before believing it.

    References
    ----------
    .. [1] M. P. Naeini, G. F. Cooper and M. Hauskrecht, "Obtaining well calibrated
       probabilities using Bayesian binning", AAAI 2015.

    Examples
    --------
    >>> from mathref import maximum_calibration_error
    >>> y_true = [0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> y_prob = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0]
    >>> maximum_calibration_error(y_true, y_prob, n_bins=3)
    0.2
    """
    y, p = binary_probability_inputs(y_true, y_prob)
    sum_y, sum_p, counts = _bin_statistics(y, p, n_bins, strategy)
    keep = counts > 0
    return float(np.max(np.abs(sum_y[keep] - sum_p[keep]) / counts[keep]))


def brier_score(y_true: Any, y_prob: Any) -> float:
    r"""The Brier score: the mean squared error of predicted probabilities.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1.
    y_prob : array_like, shape (n,)
        Predicted probabilities :math:`P(y = 1)`, in :math:`[0, 1]`.

    Returns
    -------
    float
        The score, in :math:`[0, 1]`; lower is better.

    Raises
    ------
    ValueError
        If ``y_true`` holds a label other than 0 or 1, ``y_prob`` a value outside
        :math:`[0, 1]`, or their lengths differ.

    See Also
    --------
    expected_calibration_error : calibration alone, with bins.

    Notes
    -----
    .. math::

        \mathrm{BS} = \frac{1}{N} \sum_{i=1}^{N} (p_i - y_i)^2

    where :math:`p_i` is the predicted probability that sample :math:`i` is positive,
    :math:`y_i \in \{0, 1\}` its label and :math:`N` the number of samples.

    The Brier score is a strictly proper scoring rule: its expectation is minimised only
    by the true probabilities, so unlike the ECE it cannot be gamed by predicting the base
    rate. It mixes calibration and sharpness (Murphy's decomposition: reliability minus
    resolution plus uncertainty), so a lower score can come from either. It is bounded
    (unlike the log loss, which is infinite for one confident mistake).

    References
    ----------
    .. [1] G. W. Brier, "Verification of forecasts expressed in terms of probability",
       Monthly Weather Review 78(1), 1950.

    Examples
    --------
    >>> from mathref import brier_score
    >>> brier_score([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])
    0.0375

    Always predicting the base rate 0.5 scores 0.25:

    >>> brier_score([0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5])
    0.25
    """
    y, p = binary_probability_inputs(y_true, y_prob)
    d = p - y
    return float(np.dot(d, d) / y.size)
