"""Group fairness: selection rates, demographic parity, equalized odds."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._common import any_labels, binary_labels, encode_groups, same_length

__all__ = [
    "selection_rates",
    "demographic_parity_difference",
    "demographic_parity_ratio",
    "equalized_odds_difference",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "selection_rates": ("Selection rate per group",
                        ("positive rate", "acceptance rate", "group rates",
                         "rate of positive predictions", "fairness")),
    "demographic_parity_difference": ("Demographic parity difference",
                                      ("statistical parity", "DPD", "fairness gap",
                                       "disparate impact", "group fairness", "bias")),
    "demographic_parity_ratio": ("Demographic parity ratio",
                                 ("disparate impact ratio", "four-fifths rule", "80% rule",
                                  "selection rate ratio", "fairness")),
    "equalized_odds_difference": ("Equalized odds difference",
                                  ("equalised odds", "equal opportunity", "TPR gap",
                                   "FPR gap", "error rate balance", "fairness")),
}


def _group_rates(y_pred: Any, sensitive: Any) -> tuple[list[Any], np.ndarray]:
    """(groups as Python values, selection rate of each group)."""
    pred = binary_labels(y_pred, "y_pred")
    groups_arr = any_labels(sensitive, "sensitive")
    same_length(pred, groups_arr, "y_pred", "sensitive")
    groups, inverse = encode_groups(groups_arr, "sensitive")
    counts = np.bincount(inverse, minlength=groups.size)
    selected = np.bincount(inverse, weights=pred, minlength=groups.size)
    return groups.tolist(), selected / counts


def selection_rates(y_pred: Any, sensitive: Any) -> dict[Any, float]:
    r"""The fraction of each group that the model predicts positive.

    Parameters
    ----------
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1 (1 = selected: approved, flagged, detected).
    sensitive : array_like, shape (n,)
        The group of each sample: integers, strings or booleans (any labels that sort).

    Returns
    -------
    dict
        Group label (a Python ``int``, ``str``, ...) -> selection rate (``float`` in
        :math:`[0, 1]`), in sorted order of the groups.

    Raises
    ------
    ValueError
        If ``y_pred`` holds a label other than 0 or 1, ``sensitive`` holds NaN or None, an
        input is empty, or the lengths differ.
    TypeError
        If ``sensitive`` mixes labels that cannot be sorted together (numbers and strings).

    See Also
    --------
    demographic_parity_difference : the spread of these rates.
    demographic_parity_ratio : the ratio of the smallest to the largest rate.

    Notes
    -----
    .. math::

        r_g = \frac{1}{n_g} \sum_{i \,:\, a_i = g} \hat{y}_i

    where :math:`\hat{y}_i \in \{0, 1\}` is the prediction for sample :math:`i`,
    :math:`a_i` its group (the sensitive attribute), and :math:`n_g` the number of samples
    in group :math:`g`.

    The groups are found as ``numpy.unique(..., return_inverse=True)`` would find them
    (string labels are first hashed to 64-bit integers and verified, which avoids sorting
    a million strings) and the counts with ``numpy.bincount``: no Python loop over
    samples or groups. The rates ignore the true labels: a
    difference in rates may be justified by different base rates (see
    :func:`equalized_odds_difference`).

    References
    ----------
    .. [1] S. Barocas, M. Hardt and A. Narayanan, *Fairness and Machine Learning:
       Limitations and Opportunities*, MIT Press, 2023, chapter 3.

    Examples
    --------
    >>> from mathref import selection_rates
    >>> y_pred = [1, 0, 1, 1, 0, 0, 1, 0]
    >>> region = ["north", "north", "north", "north", "south", "south", "south", "south"]
    >>> selection_rates(y_pred, region)
    {'north': 0.75, 'south': 0.25}
    """
    groups, rates = _group_rates(y_pred, sensitive)
    return dict(zip(groups, rates.tolist()))


def demographic_parity_difference(y_pred: Any, sensitive: Any) -> float:
    r"""The largest difference in selection rate between two groups.

    Parameters
    ----------
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1.
    sensitive : array_like, shape (n,)
        The group of each sample (integers, strings, booleans).

    Returns
    -------
    float
        The difference, in :math:`[0, 1]`; 0 is demographic parity (0 also when there is a
        single group).

    Raises
    ------
    ValueError
        As :func:`selection_rates`.

    See Also
    --------
    selection_rates : the per-group rates.
    demographic_parity_ratio : the same criterion as a ratio.

    Notes
    -----
    .. math::

        \mathrm{DPD} = \max_{g} r_g - \min_{g} r_g

    where :math:`r_g` is the selection rate of group :math:`g`, the fraction of its samples
    predicted positive.

    This is fairlearn's ``demographic_parity_difference`` (``method="between_groups"``).
    Demographic parity asks the decision to be independent of the group. It says nothing
    about whether the decisions are right: when the base rates differ between groups (more
    flooded tiles in one region), a perfect classifier violates it.

    References
    ----------
    .. [1] C. Dwork, M. Hardt, T. Pitassi, O. Reingold and R. Zemel, "Fairness through
       awareness", ITCS 2012.

    Examples
    --------
    >>> from mathref import demographic_parity_difference
    >>> y_pred = [1, 0, 1, 1, 0, 0, 1, 0]
    >>> region = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> demographic_parity_difference(y_pred, region)
    0.5
    """
    _, rates = _group_rates(y_pred, sensitive)
    return float(np.max(rates) - np.min(rates))


def demographic_parity_ratio(y_pred: Any, sensitive: Any) -> float:
    r"""The ratio of the smallest to the largest selection rate among the groups.

    Parameters
    ----------
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1; at least one must be 1.
    sensitive : array_like, shape (n,)
        The group of each sample (integers, strings, booleans).

    Returns
    -------
    float
        The ratio, in :math:`[0, 1]`; 1 is demographic parity.

    Raises
    ------
    ValueError
        As :func:`selection_rates`, and when no sample is predicted positive (every rate
        is 0 and the ratio is 0/0).

    See Also
    --------
    demographic_parity_difference : the same criterion as a difference.

    Notes
    -----
    .. math::

        \mathrm{DPR} = \frac{\min_{g} r_g}{\max_{g} r_g}

    where :math:`r_g` is the selection rate of group :math:`g`, the fraction of its samples
    predicted positive.

    This is fairlearn's ``demographic_parity_ratio``. The "four-fifths rule" of US
    employment guidance flags a ratio below 0.8. A ratio is more sensitive than the
    difference when rates are small: rates of 0.01 and 0.02 differ by 0.01 but have a
    ratio of 0.5.

    References
    ----------
    .. [1] M. Feldman, S. A. Friedler, J. Moeller, C. Scheidegger and S. Venkatasubramanian,
       "Certifying and removing disparate impact", KDD 2015.

    Examples
    --------
    >>> from mathref import demographic_parity_ratio
    >>> y_pred = [1, 0, 1, 1, 0, 0, 1, 0]
    >>> region = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> demographic_parity_ratio(y_pred, region)
    0.3333
    """
    _, rates = _group_rates(y_pred, sensitive)
    top = float(np.max(rates))
    if top == 0.0:
        raise ValueError("y_pred has no positive prediction: every selection rate is 0 and "
                         "the ratio 0/0 is undefined")
    return float(np.min(rates)) / top


def equalized_odds_difference(y_true: Any, y_pred: Any, sensitive: Any) -> float:
    r"""The larger of the between-group gaps in true-positive rate and false-positive rate.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True binary labels, 0 or 1; every group must contain both.
    y_pred : array_like, shape (n,)
        Predicted binary labels, 0 or 1.
    sensitive : array_like, shape (n,)
        The group of each sample (integers, strings, booleans).

    Returns
    -------
    float
        The difference, in :math:`[0, 1]`; 0 means every group has the same true-positive
        rate and the same false-positive rate.

    Raises
    ------
    ValueError
        If a group has no positive (its TPR is 0/0) or no negative (its FPR is 0/0) in
        ``y_true`` (the message names the group), a label is not 0 or 1, an input is empty
        or the lengths differ.

    See Also
    --------
    demographic_parity_difference : parity of the predictions alone.
    recall : the true-positive rate of one group.

    Notes
    -----
    .. math::

        \mathrm{EOD} = \max\left( \max_{g} \mathrm{TPR}_g - \min_{g} \mathrm{TPR}_g, \;
        \max_{g} \mathrm{FPR}_g - \min_{g} \mathrm{FPR}_g \right)

    where :math:`\mathrm{TPR}_g` is the fraction of the positives of group :math:`g`
    predicted positive and :math:`\mathrm{FPR}_g` the fraction of its negatives predicted
    positive.

    This is fairlearn's ``equalized_odds_difference`` (``agg="worst_case"``). Equalized
    odds asks the errors, not the decisions, to be independent of the group given the true
    label, so unlike demographic parity a perfect classifier satisfies it. It still needs
    trustworthy labels: if the ground truth is itself biased (damage surveyed more often in
    some regions), equal error rates on those labels certify the bias.

    References
    ----------
    .. [1] M. Hardt, E. Price and N. Srebro, "Equality of opportunity in supervised
       learning", NeurIPS 2016.

    Examples
    --------
    >>> from mathref import equalized_odds_difference
    >>> y_true = [1, 1, 0, 0, 1, 1, 0, 0]
    >>> y_pred = [1, 1, 1, 0, 1, 0, 0, 0]
    >>> region = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> equalized_odds_difference(y_true, y_pred, region)   # TPR 1 vs 0.5, FPR 0.5 vs 0
    0.5
    """
    truth = binary_labels(y_true, "y_true")
    pred = binary_labels(y_pred, "y_pred")
    groups_arr = any_labels(sensitive, "sensitive")
    same_length(truth, pred, "y_true", "y_pred")
    same_length(truth, groups_arr, "y_true", "sensitive")
    groups, inverse = encode_groups(groups_arr, "sensitive")
    m = groups.size
    # Cell index 2·g + y: counts and predicted positives per (group, true label).
    cell = 2 * inverse + truth.astype(np.intp)
    totals = np.bincount(cell, minlength=2 * m).reshape(m, 2)
    flagged = np.bincount(cell, weights=pred, minlength=2 * m).reshape(m, 2)
    empty = np.argwhere(totals == 0)
    if empty.size:
        g, label = empty[0]
        kind = "positive" if label == 1 else "negative"
        raise ValueError(
            f"y_true has no {kind} sample in group {groups.tolist()[g]!r} of sensitive, so "
            f"its {'true' if label == 1 else 'false'}-positive rate is 0/0"
        )
    rates = flagged / totals
    fpr, tpr = rates[:, 0], rates[:, 1]
    return float(max(np.max(tpr) - np.min(tpr), np.max(fpr) - np.min(fpr)))
