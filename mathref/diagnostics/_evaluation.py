"""Evaluation metrics: confusion matrix, precision, recall, F1, ROC AUC."""
from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import as_vector, describe
from ._common import any_labels, binary_labels, encode_groups, same_length

__all__ = ["confusion_matrix", "precision", "recall", "f1_score", "roc_auc"]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "confusion_matrix": ("Confusion matrix",
                         ("contingency table", "error matrix", "true positives",
                          "false positives", "TP FP FN TN")),
    "precision": ("Precision",
                  ("positive predictive value", "PPV", "TP/(TP+FP)", "purity")),
    "recall": ("Recall",
               ("sensitivity", "true positive rate", "TPR", "hit rate", "TP/(TP+FN)")),
    "f1_score": ("F1 score",
                 ("F-measure", "F1", "harmonic mean of precision and recall", "Dice")),
    "roc_auc": ("Area under the ROC curve",
                ("AUC", "ROC AUC", "AUROC", "Mann-Whitney U", "concordance",
                 "c-statistic", "Wilcoxon")),
}

_ZERO_DIVISION = (0.0, 1.0, "raise")


def confusion_matrix(y_true: Any, y_pred: Any) -> np.ndarray:
    r"""The confusion matrix: counts of each (true label, predicted label) pair.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True labels, of any sortable kind (integers, strings, booleans).
    y_pred : array_like, shape (n,)
        Predicted labels, of the same kind.

    Returns
    -------
    numpy.ndarray of int, shape (L, L)
        ``C[i, j]`` counts the samples whose true label is the :math:`i`-th and predicted
        label the :math:`j`-th of the :math:`L` labels that occur in either input, sorted
        (``numpy.unique`` order). Rows are true labels, columns predicted ones (scikit-learn's
        convention).

    Raises
    ------
    ValueError
        If an input is empty, not 1-D or holds NaN, or the lengths differ.
    TypeError
        If the labels cannot be sorted together (numbers mixed with strings).

    See Also
    --------
    precision, recall, f1_score : binary summaries of the 2 × 2 matrix.

    Notes
    -----
    .. math::

        C_{ij} = \sum_{s=1}^{n} [\, y_s = \ell_i \,] \, [\, \hat{y}_s = \ell_j \,]

    where :math:`y_s` and :math:`\hat{y}_s` are the true and predicted labels of sample
    :math:`s`, :math:`\ell_1 < \dots < \ell_L` the sorted distinct labels and
    :math:`[\cdot]` is 1 when the condition holds and 0 otherwise.

    The diagonal counts the correct predictions; the off-diagonal entries show which
    classes are mistaken for which, the first thing to look at when a single accuracy
    number hides a bad class. For binary labels 0/1 the matrix is
    :math:`\begin{pmatrix} \mathrm{TN} & \mathrm{FP} \\ \mathrm{FN} & \mathrm{TP} \end{pmatrix}`.
    It is computed as one ``numpy.bincount`` of :math:`L i + j` after encoding the labels
    with ``numpy.unique``.

    Examples
    --------
    >>> from mathref import confusion_matrix
    >>> confusion_matrix([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]).tolist()
    [[1, 1], [1, 2]]
    >>> confusion_matrix(["cat", "dog", "cat"], ["dog", "dog", "cat"]).tolist()
    [[1, 1], [0, 1]]
    """
    truth = any_labels(y_true, "y_true")
    pred = any_labels(y_pred, "y_pred")
    same_length(truth, pred, "y_true", "y_pred")
    if (truth.dtype.kind in "US") != (pred.dtype.kind in "US"):
        raise TypeError(f"y_true and y_pred must hold labels of the same kind, got "
                        f"{describe(truth)} and {describe(pred)}")
    both = np.concatenate([truth, pred])
    labels, codes = encode_groups(both, "y_true and y_pred")
    m = labels.size
    n = truth.size
    counts = np.bincount(codes[:n] * m + codes[n:], minlength=m * m)
    return counts.reshape(m, m).astype(np.int64)


def _binary_counts(y_true: Any, y_pred: Any) -> tuple[int, int, int]:
    """(TP, FP, FN) for 0/1 labels, positive label 1."""
    truth = binary_labels(y_true, "y_true")
    pred = binary_labels(y_pred, "y_pred")
    same_length(truth, pred, "y_true", "y_pred")
    t = truth.astype(bool)
    p = pred.astype(bool)
    tp = int(np.count_nonzero(t & p))
    return tp, int(np.count_nonzero(p)) - tp, int(np.count_nonzero(t)) - tp


def _ratio(numerator: int, denominator: int, zero_division: Any, what: str) -> float:
    if isinstance(zero_division, str):
        if zero_division != "raise":
            raise ValueError(f"zero_division must be 0.0, 1.0 or 'raise'; got {zero_division!r}")
    elif isinstance(zero_division, (bool, np.bool_)) or zero_division not in (0.0, 1.0):
        raise ValueError(f"zero_division must be 0.0, 1.0 or 'raise'; got "
                         f"{describe(zero_division)}")
    if denominator == 0:
        if zero_division == "raise":
            raise ValueError(f"{what} is 0/0")
        return float(zero_division)
    return numerator / denominator


def precision(y_true: Any, y_pred: Any, *, zero_division: float | str = 0.0) -> float:
    r"""Precision: the fraction of predicted positives that are truly positive.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1 (1 is the positive class).
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1.
    zero_division : {0.0, 1.0, "raise"}, default 0.0
        Keyword-only. The value returned when nothing is predicted positive (0/0);
        ``"raise"`` raises ValueError instead. 0.0 is scikit-learn's
        ``zero_division=0``.

    Returns
    -------
    float
        The precision, in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        If a label is not 0 or 1, an input is empty, the lengths differ, or (with
        ``zero_division="raise"``) nothing is predicted positive.

    See Also
    --------
    recall : the fraction of true positives found.
    threshold_for_precision : the threshold that reaches a target precision.

    Notes
    -----
    .. math::

        \mathrm{precision} = \frac{\mathrm{TP}}{\mathrm{TP} + \mathrm{FP}}

    where :math:`\mathrm{TP}` is the number of samples with true and predicted label 1 and
    :math:`\mathrm{FP}` the number with true label 0 and predicted label 1.

    Precision answers "when the model raises an alert, how often is it right?": the cost of
    acting on its alerts. It ignores the positives the model misses. It depends on the base
    rate: the same classifier has lower precision where positives are rarer.

    Examples
    --------
    >>> from mathref import precision
    >>> precision([0, 1, 1, 0, 1], [0, 1, 0, 1, 1])
    0.6667
    >>> precision([1, 0], [0, 0])     # nothing predicted positive: 0/0
    0.0
    """
    tp, fp, _ = _binary_counts(y_true, y_pred)
    return _ratio(tp, tp + fp, zero_division, "precision TP/(TP+FP) with no predicted positive")


def recall(y_true: Any, y_pred: Any, *, zero_division: float | str = 0.0) -> float:
    r"""Recall: the fraction of true positives that the model predicts positive.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1 (1 is the positive class).
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1.
    zero_division : {0.0, 1.0, "raise"}, default 0.0
        Keyword-only. The value returned when ``y_true`` has no positive (0/0); ``"raise"``
        raises ValueError instead.

    Returns
    -------
    float
        The recall, in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        If a label is not 0 or 1, an input is empty, the lengths differ, or (with
        ``zero_division="raise"``) ``y_true`` has no positive.

    See Also
    --------
    precision : the fraction of alerts that are right.

    Notes
    -----
    .. math::

        \mathrm{recall} = \frac{\mathrm{TP}}{\mathrm{TP} + \mathrm{FN}}

    where :math:`\mathrm{TP}` is the number of samples with true and predicted label 1 and
    :math:`\mathrm{FN}` the number with true label 1 and predicted label 0.

    Recall (sensitivity, true-positive rate) answers "of the frauds, how many did we
    catch?". It does not depend on the base rate, and predicting everything positive
    makes it 1, so it is only meaningful next to precision or the false-positive rate.

    Examples
    --------
    >>> from mathref import recall
    >>> recall([0, 1, 1, 0, 1], [0, 1, 0, 1, 1])
    0.6667
    """
    tp, _, fn = _binary_counts(y_true, y_pred)
    return _ratio(tp, tp + fn, zero_division, "recall TP/(TP+FN) with no true positive")


def f1_score(y_true: Any, y_pred: Any, *, zero_division: float | str = 0.0) -> float:
    r"""The F1 score: the harmonic mean of precision and recall.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1 (1 is the positive class).
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1.
    zero_division : {0.0, 1.0, "raise"}, default 0.0
        Keyword-only. The value returned when there is no positive in either input
        (:math:`\mathrm{TP} + \mathrm{FP} + \mathrm{FN} = 0`); ``"raise"`` raises ValueError.

    Returns
    -------
    float
        The F1 score, in :math:`[0, 1]`.

    Raises
    ------
    ValueError
        If a label is not 0 or 1, an input is empty, the lengths differ, or (with
        ``zero_division="raise"``) neither input holds a positive.

    See Also
    --------
    precision, recall : its two ingredients.

    Notes
    -----
    .. math::

        F_1 = \frac{2 \, \mathrm{precision} \cdot \mathrm{recall}}
        {\mathrm{precision} + \mathrm{recall}}
        = \frac{2 \, \mathrm{TP}}{2 \, \mathrm{TP} + \mathrm{FP} + \mathrm{FN}}

    where :math:`\mathrm{TP}`, :math:`\mathrm{FP}` and :math:`\mathrm{FN}` are the numbers of
    true positives, false positives and false negatives.

    The count form is used: it is defined whenever some label is positive, including when
    precision or recall alone would be 0/0 (then :math:`F_1 = 0` since
    :math:`\mathrm{TP} = 0`). The harmonic mean is dominated by the smaller of the two, so
    a model cannot score well by maximising only one. It ignores true negatives, which
    suits rare positives but makes it change with the base rate.

    Examples
    --------
    >>> from mathref import f1_score
    >>> f1_score([0, 1, 1, 0, 1], [0, 1, 0, 1, 1])
    0.6667
    """
    tp, fp, fn = _binary_counts(y_true, y_pred)
    return _ratio(2 * tp, 2 * tp + fp + fn, zero_division,
                  "F1 2TP/(2TP+FP+FN) with no positive label or prediction")


def roc_auc(y_true: Any, scores: Any) -> float:
    r"""The area under the ROC curve: the probability that a positive outscores a negative.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1; both must occur.
    scores : array_like, shape (n,)
        Real-valued scores, higher meaning more likely positive (probabilities, logits,
        margins: only their order matters).

    Returns
    -------
    float
        The AUC, in :math:`[0, 1]`; 0.5 is chance, 1 a perfect ranking.

    Raises
    ------
    ValueError
        If ``y_true`` holds a label other than 0 or 1 or a single class, ``scores`` holds
        NaN or inf, an input is empty or the lengths differ.

    See Also
    --------
    platt_scale : recalibrates scores without changing the AUC.

    Notes
    -----
    .. math::

        \mathrm{AUC} = \frac{1}{n_0 n_1} \sum_{i \,:\, y_i = 1} \; \sum_{j \,:\, y_j = 0}
        \left( [\, s_i > s_j \,] + \tfrac{1}{2} [\, s_i = s_j \,] \right)

    where :math:`s_i` is the score of sample :math:`i`, :math:`n_1` and :math:`n_0` the
    numbers of positives and negatives, and :math:`[\cdot]` is 1 when the condition holds
    and 0 otherwise.

    This is the Mann–Whitney :math:`U` statistic of the positives divided by
    :math:`n_0 n_1`, and it equals the trapezoidal area under the ROC curve (tied scores
    make a diagonal segment, hence the one half). It depends only on the ranking, so any
    strictly increasing transform of the scores leaves it unchanged, and it says nothing
    about calibration. The double sum costs :math:`O(n_0 n_1)`; instead the positive and
    negative scores are sorted separately and, for each positive, the negatives below it
    and tied with it are counted with ``numpy.searchsorted``: :math:`O(n \log n)`, with
    integer counts that are exact up to :math:`n \approx 10^9`.

    References
    ----------
    .. [1] D. J. Hand and R. J. Till, "A simple generalisation of the area under the ROC
       curve for multiple class classification problems", Machine Learning 45, 2001.
    .. [2] T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27,
       2006.

    Examples
    --------
    >>> from mathref import roc_auc
    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> roc_auc([0, 1], [0.5, 0.5])          # a tie counts one half
    0.5
    """
    y = binary_labels(y_true, "y_true")
    s = as_vector(scores, "scores")
    same_length(y, s, "y_true", "scores")
    positive = y.astype(bool)
    pos = np.sort(s[positive])
    neg = np.sort(s[~positive])
    if pos.size == 0 or neg.size == 0:
        raise ValueError(f"y_true must hold both classes 0 and 1 (the AUC is undefined "
                         f"with one class), got {describe(y)}")
    below = np.searchsorted(neg, pos, side="left")
    below_or_tied = np.searchsorted(neg, pos, side="right")
    # 2·U = Σ (2·below + tied) as an exact integer.
    twice_u = int(np.sum(below, dtype=np.int64)) + int(np.sum(below_or_tied, dtype=np.int64))
    return twice_u / (2.0 * pos.size * neg.size)
