"""Losses and activations: log-sum-exp, softmax, sigmoid, cross-entropy, regression losses.

Every function here is computed the numerically stable way: shifted by the maximum before
exponentiating, with ``log1p`` where a logarithm of something near 1 is taken. The logits
forms of the cross-entropy losses never produce ``inf`` or ``NaN`` for finite input; the
probability form (:func:`binary_cross_entropy`) returns ``inf`` for a confident wrong
prediction instead of clipping it away.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._validate import (
    as_array,
    as_int,
    as_matrix,
    as_positive_scalar,
    as_vector,
    check_same_shape,
    check_unit_interval,
    describe,
)

__all__ = [
    "logsumexp",
    "softmax",
    "log_softmax",
    "sigmoid",
    "log_sigmoid",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy",
    "mean_squared_error",
    "huber_loss",
    "hinge_loss",
]

#: entry id -> (title, aliases), read by :mod:`mathref._registry`.
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "logsumexp": ("Log-sum-exp", ("LSE", "log sum exp", "softmax normaliser",
                                  "log partition function", "smooth maximum",
                                  "log-sum-exp trick")),
    "softmax": ("Softmax", ("softmax", "normalised exponential", "Boltzmann distribution",
                            "Gibbs distribution", "multinomial logistic")),
    "log_softmax": ("Log-softmax", ("log softmax", "log-probabilities from logits",
                                    "logsoftmax")),
    "sigmoid": ("Logistic sigmoid", ("sigmoid", "logistic function", "expit", "sigma",
                                     "inverse logit")),
    "log_sigmoid": ("Log-sigmoid", ("log sigmoid", "softplus", "log expit",
                                    "log of the logistic")),
    "binary_cross_entropy": ("Binary cross-entropy (from probabilities)",
                             ("BCE", "log loss", "logistic loss", "binary log loss",
                              "negative log-likelihood")),
    "binary_cross_entropy_with_logits": ("Binary cross-entropy from logits",
                                         ("BCEWithLogits", "sigmoid cross-entropy",
                                          "logistic loss from logits", "stable BCE")),
    "categorical_cross_entropy": ("Categorical cross-entropy from logits",
                                  ("softmax cross-entropy", "CE loss", "NLL",
                                   "negative log-likelihood", "sparse categorical",
                                   "multiclass log loss")),
    "mean_squared_error": ("Mean squared error", ("MSE", "L2 loss", "squared error",
                                                  "quadratic loss")),
    "huber_loss": ("Huber loss", ("Huber", "smooth L1", "robust loss")),
    "hinge_loss": ("Hinge loss", ("hinge", "SVM loss", "max-margin loss", "margin loss")),
}


# ----------------------------------------------------------------------------- helpers
def _logits(value: Any, name: str, *, ndim: Any = None) -> np.ndarray:
    """A float array whose entries are finite or -inf (a masked logit); no NaN, no +inf.

    The check is not a separate pass: callers take the maximum anyway, and the maximum
    of an array is NaN if any entry is NaN and +inf if any entry is +inf.
    """
    arr = as_array(value, name, ndim=ndim, finite=False)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    return arr


def _axis(axis: Any, ndim: int) -> int:
    value = as_int(axis, "axis")
    if not -max(ndim, 1) <= value < max(ndim, 1):
        raise ValueError(f"axis {value} is out of range for an array of dimension {ndim}")
    return value % max(ndim, 1)


def _bad_logits(arr: np.ndarray, name: str) -> ValueError:
    if np.any(np.isnan(arr)):
        return ValueError(f"{name} must not contain NaN, got {describe(arr)}")
    if np.any(np.isposinf(arr)):
        return ValueError(f"{name} must not contain +inf, got {describe(arr)}")
    return ValueError(
        f"{name} has a slice that is -inf everywhere along the axis (no outcome has "
        f"positive weight), got {describe(arr)}"
    )


def _max_and_rest(arr: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(m, shifted, rest) along ``axis``: m = max, shifted = arr - m, rest = sum of
    exp(shifted) minus the term of the maximum itself (exactly 1). Reduced dims kept."""
    idx = np.expand_dims(np.argmax(arr, axis=axis), axis)
    m = np.take_along_axis(arr, idx, axis=axis)
    shifted = np.subtract(arr, m)
    e = np.exp(shifted)
    np.put_along_axis(e, idx, 0.0, axis=axis)
    return m, shifted, np.sum(e, axis=axis, keepdims=True)


#: Long arrays are processed in blocks of about this many entries, so each block is
#: shifted, exponentiated and summed while it is in cache (one trip through memory
#: instead of one per NumPy operation).
_CHUNK = 1 << 16


def _sum_exp_shifted(flat: np.ndarray, top: float, skip: int) -> float:
    """sum_{i != skip} exp(flat_i - top), block by block, in float64."""
    buf = np.empty(min(flat.size, _CHUNK))
    parts = []
    for start in range(0, flat.size, _CHUNK):
        c = flat[start:start + _CHUNK]
        b = buf[:c.size]
        np.subtract(c, top, out=b)
        np.exp(b, out=b)
        if start <= skip < start + c.size:
            b[skip - start] = 0.0
        parts.append(float(np.sum(b)))
    return float(np.sum(parts))


def _softmax_last_axis(rows: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Softmax of each row of a C-contiguous 2-D array with row maxima ``m``, by blocks."""
    n_rows, k = rows.shape
    out = np.empty_like(rows)
    if k >= _CHUNK:  # long rows: blocks within each row
        for i in range(n_rows):
            parts = []
            for start in range(0, k, _CHUNK):
                o = out[i, start:start + _CHUNK]
                np.subtract(rows[i, start:start + _CHUNK], m[i, 0], out=o)
                np.exp(o, out=o)
                parts.append(float(np.sum(o, dtype=np.float64)))
            np.divide(out[i], np.sum(parts), out=out[i])
        return out
    step = max(1, _CHUNK // k)
    for start in range(0, n_rows, step):
        o = out[start:start + step]
        np.subtract(rows[start:start + step], m[start:start + step], out=o)
        np.exp(o, out=o)
        np.divide(o, np.sum(o, axis=1, keepdims=True), out=o)
    return out


# ----------------------------------------------------------------------------- activations
def logsumexp(a: Any, axis: int | None = None) -> float | np.ndarray:
    r"""Log of the sum of exponentials, without overflow and accurate to a few ulps.

    Parameters
    ----------
    a : array_like
        Finite numbers; ``-inf`` is allowed and means a term of weight 0 (a masked
        logit). NaN and ``+inf`` are refused.
    axis : int, optional
        Axis to reduce. ``None`` (default) reduces over every entry.

    Returns
    -------
    float or ndarray
        A float when ``axis`` is None, else an array with ``axis`` removed. ``-inf`` for
        a slice that is ``-inf`` everywhere (the log of 0).

    Raises
    ------
    ValueError
        If ``a`` is empty or holds NaN or ``+inf``, or ``axis`` is out of range.

    See Also
    --------
    softmax, log_softmax

    Notes
    -----
    .. math::

        \operatorname{LSE}(a) = \log \sum_{i=1}^{n} e^{a_i} = m + \operatorname{log1p}
        \left( \sum_{i \ne i^*} e^{a_i - m} \right), \qquad m = a_{i^*} = \max_i a_i

    where :math:`a_1, \dots, a_n` are the entries being reduced, :math:`i^*` is the
    index of the largest, and :math:`\operatorname{log1p}(x) = \log(1 + x)` computed
    accurately for small :math:`x`.

    LSE is a smooth maximum: :math:`\max_i a_i \le \operatorname{LSE}(a) \le \max_i a_i
    + \log n`; it is the normaliser of the softmax and the log-partition function of
    an exponential family. The naive formula overflows for ``a = [1000, 1000]``
    (:math:`e^{1000} = \infty`, giving ``inf`` instead of :math:`1000 + \log 2`) and
    underflows for ``a = [-1000, -1000]`` (``log(0) = -inf``). Shifting by the maximum
    makes every exponent :math:`\le 0`, and the largest term is exactly 1. Writing the
    sum as :math:`1 + s` and taking :math:`\operatorname{log1p}(s)` instead of
    :math:`\log(1 + s)` keeps the digits of a small :math:`s`: for ``a = [0, -40]``
    the answer is :math:`\log(1 + e^{-40}) \approx 4.25 \times 10^{-18}`, which
    :math:`\log(1 + s)` rounds to 0.

    References
    ----------
    .. [1] P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
       log-sum-exp and softmax functions", *IMA Journal of Numerical Analysis* 41(4),
       2021, 2311-2330.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import logsumexp
    >>> logsumexp([1000.0, 1000.0])
    1000.6931
    >>> logsumexp([-1000.0, -1000.0])
    -999.3069
    >>> logsumexp([0.0, -40.0])
    4.248354255291589e-18
    >>> logsumexp(np.log([[1.0, 3.0], [2.0, 2.0]]), axis=1)
    array([1.3863, 1.3863])
    """
    arr = _logits(a, "a")
    if axis is None:
        flat = arr.reshape(-1)
        idx = int(np.argmax(flat))  # the first NaN, if there is one
        top = float(flat[idx])
        if math.isnan(top) or top == math.inf:
            raise _bad_logits(arr, "a")
        if top == -math.inf:
            return -math.inf
        return top + math.log1p(_sum_exp_shifted(flat, top, idx))
    ax = _axis(axis, arr.ndim)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    with np.errstate(invalid="ignore"):
        m, _, rest = _max_and_rest(arr, ax)
    if not np.all(m < np.inf):  # NaN or +inf somewhere
        raise _bad_logits(arr, "a")
    out = m + np.log1p(rest)
    out[m == -np.inf] = -np.inf
    return np.squeeze(out, axis=ax)


def softmax(z: Any, axis: int = -1) -> np.ndarray:
    r"""Softmax along an axis: exponentials normalised to sum to 1, without overflow.

    Parameters
    ----------
    z : array_like
        Logits: finite numbers, or ``-inf`` for a masked entry (probability 0).
    axis : int, default -1
        The axis whose entries form one distribution (the class axis).

    Returns
    -------
    ndarray
        Same shape as ``z``; entries in :math:`[0, 1]` that sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``z`` is empty or holds NaN or ``+inf``, a slice along ``axis`` is ``-inf``
        everywhere, or ``axis`` is out of range.

    See Also
    --------
    log_softmax, logsumexp, sigmoid

    Notes
    -----
    .. math::

        \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{k} e^{z_j}} =
        \frac{e^{z_i - m}}{\sum_{j=1}^{k} e^{z_j - m}}, \qquad m = \max_j z_j

    where :math:`z_1, \dots, z_k` are the logits along the axis and :math:`m` their
    maximum.

    The second form is the same number (the factor :math:`e^{-m}` cancels) but every
    exponent is :math:`\le 0`, so :math:`e^{z_j - m}` cannot overflow and the
    denominator is at least 1. The naive form returns NaN for ``z = [1000, 0]``
    (:math:`\infty / \infty`) and for ``z = [-1000, -1000]`` (:math:`0 / 0`). Adding a
    constant to every logit does not change the softmax; with two classes softmax is
    the sigmoid of the difference of the logits.

    References
    ----------
    .. [1] J. S. Bridle, "Probabilistic interpretation of feedforward classification
       network outputs", in *Neurocomputing*, Springer, 1990, 227-236.
    .. [2] I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning*, MIT Press, 2016,
       section 4.1.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import softmax
    >>> softmax([1.0, 2.0, 3.0])
    array([0.0900, 0.2447, 0.6652])
    >>> softmax([1000.0, 0.0])
    array([1., 0.])
    >>> p = softmax(np.random.default_rng(0).normal(size=(4, 10)), axis=1)
    >>> bool(np.allclose(p.sum(axis=1), 1.0))
    True
    """
    arr = _logits(z, "z")
    ax = _axis(axis, arr.ndim)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    m = np.max(arr, axis=ax, keepdims=True)
    if not np.all(np.isfinite(m)):
        raise _bad_logits(arr, "z")
    if ax == arr.ndim - 1 and arr.flags.c_contiguous:
        out = _softmax_last_axis(arr.reshape(-1, arr.shape[-1]), m.reshape(-1, 1))
        return out.reshape(arr.shape) if np.ndim(z) else out.reshape(())
    out = np.subtract(arr, m)
    np.exp(out, out=out)
    total = np.sum(out, axis=ax, keepdims=True)
    np.divide(out, total, out=out)
    return out.reshape(np.shape(z)) if np.ndim(z) == 0 else out


def log_softmax(z: Any, axis: int = -1) -> np.ndarray:
    r"""Log of the softmax, computed directly (no ``log`` of an underflowed softmax).

    Parameters
    ----------
    z : array_like
        Logits: finite numbers, or ``-inf`` for a masked entry.
    axis : int, default -1
        The class axis.

    Returns
    -------
    ndarray
        Same shape as ``z``: log-probabilities, :math:`\le 0`, whose exponentials sum to
        1 along ``axis``. Finite wherever ``z`` is finite.

    Raises
    ------
    ValueError
        As :func:`softmax`.

    See Also
    --------
    softmax, logsumexp, categorical_cross_entropy

    Notes
    -----
    .. math::

        \log \operatorname{softmax}(z)_i = z_i - \operatorname{LSE}(z) = (z_i - m) -
        \operatorname{log1p}\left( \sum_{j \ne j^*} e^{z_j - m} \right)

    where :math:`z_1, \dots, z_k` are the logits along the axis,
    :math:`m = z_{j^*} = \max_j z_j` the largest and :math:`\operatorname{LSE}` the
    log-sum-exp.

    ``np.log(softmax(z))`` fails for ``z = [0, -1000]``: the second probability
    underflows to 0 and its log is ``-inf``, though the true value is :math:`-1000`.
    Computed as above, every entry is finite for finite logits, and the cross-entropy
    of the true class is one entry of this vector.

    References
    ----------
    .. [1] P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
       log-sum-exp and softmax functions", *IMA Journal of Numerical Analysis* 41(4),
       2021, 2311-2330.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import log_softmax, softmax
    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    >>> z = np.array([1.0, 2.0, 3.0])
    >>> bool(np.allclose(log_softmax(z), np.log(softmax(z))))
    True
    """
    arr = _logits(z, "z")
    ax = _axis(axis, arr.ndim)
    shape = arr.shape
    if arr.ndim == 0:
        arr = arr.reshape(1)
    with np.errstate(invalid="ignore"):
        m, shifted, rest = _max_and_rest(arr, ax)
    if not np.all(np.isfinite(m)):
        raise _bad_logits(arr, "z")
    out = shifted - np.log1p(rest)
    return out.reshape(shape)


def sigmoid(x: Any) -> float | np.ndarray:
    r"""The logistic sigmoid, evaluated without overflow for any input.

    Parameters
    ----------
    x : array_like or float
        Real numbers; ``-inf`` and ``inf`` give 0 and 1. NaN is refused.

    Returns
    -------
    float or ndarray
        :math:`\sigma(x) \in [0, 1]`, a float for a scalar input, else an array of the
        same shape.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or is empty.

    See Also
    --------
    log_sigmoid, softmax, binary_cross_entropy_with_logits

    Notes
    -----
    .. math::

        \sigma(x) = \frac{1}{1 + e^{-x}} =
        \begin{cases} \dfrac{1}{1 + e^{-x}} & x \ge 0 \\
        \dfrac{e^{x}}{1 + e^{x}} & x < 0 \end{cases}

    where :math:`x` is the logit (log-odds) and :math:`\sigma(x)` the probability it
    stands for.

    The two branches are the same function; each exponentiates only a non-positive
    number, so nothing overflows: ``1 / (1 + np.exp(-x))`` in NumPy raises an overflow
    warning at ``x = -1000`` (and with ``np.errstate(over="raise")`` an error). The value
    is computed by SciPy's compiled ``expit`` (one pass, about an ulp of relative error),
    whose :math:`e^{-x}` overflows silently below :math:`x \approx -709.8` (-88.7 in
    float32) and returns 0;
    there, where :math:`1 + e^{x}` rounds to 1, :math:`\sigma(x) = e^{x}` is used, which
    keeps the subnormal values (``sigmoid(-720.0)`` is :math:`2.03 \times 10^{-313}`, not
    0). The result is accurate to a few ulps in relative terms everywhere, including
    :math:`\sigma(-40) \approx 4.25 \times 10^{-18}`. The real trap is the complement:
    ``1 - sigmoid(x)`` is 0 for :math:`x > 37`, so compute :math:`1 - \sigma(x)` as
    :math:`\sigma(-x)` and its log with :func:`log_sigmoid` of :math:`-x`. Note
    :math:`\sigma'(x) = \sigma(x) (1 - \sigma(x))`.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 4.2.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import sigmoid
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    >>> sigmoid(-40.0)
    4.248354255291589e-18
    """
    from scipy.special import expit

    arr = as_array(x, "x", finite=False)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    lowest = np.min(arr) if arr.size else 0.0  # NaN when x holds a NaN
    if lowest != lowest:
        raise ValueError(f"x must not contain NaN, got {describe(arr)}")
    out = np.asarray(expit(arr))
    # below this e^{-x} overflows in expit (giving 0), while 1 + e^x rounds to 1
    underflow = 1.0 - math.log(float(np.finfo(arr.dtype).max))
    if lowest < underflow:
        tail = arr < underflow
        out[tail] = np.exp(arr[tail])  # sigma(x) = e^x there
    return float(out) if out.ndim == 0 else out


def log_sigmoid(x: Any) -> float | np.ndarray:
    r"""Log of the logistic sigmoid (minus the softplus of :math:`-x`), without overflow.

    Parameters
    ----------
    x : array_like or float
        Real numbers; ``inf`` gives 0 and ``-inf`` gives ``-inf``. NaN is refused.

    Returns
    -------
    float or ndarray
        :math:`\log \sigma(x) \le 0`; finite for finite ``x``. A float for a scalar
        input, else an array of the same shape.

    Raises
    ------
    ValueError
        If ``x`` holds NaN or is empty.

    See Also
    --------
    sigmoid, binary_cross_entropy_with_logits

    Notes
    -----
    .. math::

        \log \sigma(x) = -\log\left( 1 + e^{-x} \right) = \min(x, 0) -
        \operatorname{log1p}\left( e^{-|x|} \right)

    where :math:`x` is the logit and :math:`\sigma` the logistic sigmoid.

    ``np.log(sigmoid(x))`` is ``-inf`` for ``x = -1000`` (the sigmoid underflows to 0;
    the answer is :math:`-1000`), and ``-np.log(1 + np.exp(-x))`` overflows there. For
    :math:`x = 40`, :math:`\log(1 + e^{-40})` rounds to 0 while
    :math:`\operatorname{log1p}(e^{-40})` keeps :math:`4.25 \times 10^{-18}`. The form
    above only ever exponentiates :math:`-|x| \le 0`.

    References
    ----------
    .. [1] M. Mächler, "Accurately computing log(1 - exp(-a))", R package Rmpfr
       vignette, 2012 (its log1pexp function).

    Examples
    --------
    >>> from mathref import log_sigmoid
    >>> log_sigmoid(-1000.0)
    -1000.0
    >>> log_sigmoid(40.0)
    -4.248354255291589e-18
    >>> log_sigmoid(0.0)
    -0.6931
    """
    arr = as_array(x, "x", finite=False)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    if np.any(np.isnan(arr)):
        raise ValueError(f"x must not contain NaN, got {describe(arr)}")
    out = np.minimum(arr, 0.0) - np.log1p(np.exp(-np.abs(arr)))
    return float(out) if out.ndim == 0 else out


# ----------------------------------------------------------------------------- losses
def _targets_and_predictions(y_true: Any, y_pred: Any, name: str) -> tuple[np.ndarray,
                                                                          np.ndarray]:
    y = as_array(y_true, "y_true").astype(np.float64, copy=False)
    f = as_array(y_pred, name).astype(np.float64, copy=False)
    check_same_shape(y, f, "y_true", name)
    return y, f


def _soft_labels(y_true: Any) -> np.ndarray:
    y = check_unit_interval(as_array(y_true, "y_true"), "y_true")
    return y.astype(np.float64, copy=False)


def binary_cross_entropy(y_true: Any, p: Any) -> float:
    r"""Binary cross-entropy (log loss) of predicted probabilities, averaged over samples.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        Targets in :math:`[0, 1]`: labels 0 or 1, or soft targets (label smoothing).
    p : array_like, shape (n,)
        Predicted probabilities :math:`P(y = 1)`, in :math:`[0, 1]`. Not clipped.

    Returns
    -------
    float
        The mean loss, :math:`\ge 0`; ``inf`` when a prediction is confidently wrong
        (:math:`p_i = 0` with :math:`y_i > 0`, or :math:`p_i = 1` with :math:`y_i < 1`).

    Raises
    ------
    ValueError
        If ``y_true`` or ``p`` leaves :math:`[0, 1]`, is not finite, is empty, or their
        shapes differ.

    See Also
    --------
    binary_cross_entropy_with_logits : the form to train with.
    mathref.information.cross_entropy

    Notes
    -----
    .. math::

        \mathrm{BCE} = -\frac{1}{n} \sum_{i=1}^{n} \left( y_i \log p_i +
        (1 - y_i) \log(1 - p_i) \right)

    where :math:`y_i \in [0, 1]` is the target of sample :math:`i` of :math:`n`,
    :math:`p_i` the predicted probability of class 1, and :math:`0 \log 0 = 0`.

    A prediction of exactly 0 for a positive sample costs :math:`-\log 0 = \infty`;
    mathref returns ``inf`` rather than clipping :math:`p` to
    :math:`[\epsilon, 1 - \epsilon]` as scikit-learn's ``log_loss`` does, because the
    clip hides the bug (usually a sigmoid that saturated in float32). Train with
    :func:`binary_cross_entropy_with_logits`, which never sees a rounded 0 or 1.
    :math:`\log(1 - p_i)` is computed as :math:`\operatorname{log1p}(-p_i)`, exact for
    small :math:`p_i`.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006,
       section 4.3.2.

    Examples
    --------
    >>> from mathref import binary_cross_entropy
    >>> binary_cross_entropy([1, 0, 1], [0.9, 0.2, 0.6])
    0.2798
    >>> binary_cross_entropy([1, 0], [0.0, 0.1])
    inf
    """
    y = _soft_labels(y_true)
    prob = check_unit_interval(as_array(p, "p"), "p").astype(np.float64, copy=False)
    check_same_shape(y, prob, "y_true", "p")
    if np.any(((prob == 0) & (y > 0)) | ((prob == 1) & (y < 1))):
        return math.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.log(prob, out=np.zeros_like(prob), where=y > 0)
        neg = np.log1p(-prob, out=np.zeros_like(prob), where=y < 1)
    return float(-np.mean(y * pos + (1.0 - y) * neg))


def binary_cross_entropy_with_logits(y_true: Any, logits: Any) -> float:
    r"""Binary cross-entropy computed from logits: finite for every finite logit.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        Targets in :math:`[0, 1]`: labels 0 or 1, or soft targets.
    logits : array_like, shape (n,)
        Finite real scores :math:`z_i`; the predicted probability is
        :math:`\sigma(z_i)`.

    Returns
    -------
    float
        The mean loss, :math:`\ge 0`, finite.

    Raises
    ------
    ValueError
        If ``y_true`` leaves :math:`[0, 1]`, ``logits`` is not finite, either is empty,
        or their shapes differ.

    See Also
    --------
    binary_cross_entropy, sigmoid, log_sigmoid

    Notes
    -----
    .. math::

        \mathrm{BCE}(y, z) = \frac{1}{n} \sum_{i=1}^{n} \left( \max(z_i, 0) - y_i z_i +
        \operatorname{log1p}\left( e^{-|z_i|} \right) \right)

    where :math:`y_i` is the target of sample :math:`i` of :math:`n` and :math:`z_i` its
    logit. This is :math:`-y_i \log \sigma(z_i) - (1 - y_i) \log(1 - \sigma(z_i))`
    rewritten with :math:`\log \sigma(z) = \min(z, 0) - \operatorname{log1p}(e^{-|z|})`.

    ``sigmoid`` then ``log`` fails at :math:`z = -40, y = 1` in float32 and at
    :math:`z = -1000` in float64: :math:`\sigma(z)` rounds to 0 and the loss becomes
    ``inf`` (its true value is :math:`\approx -z`); at :math:`z = 40, y = 0`,
    :math:`1 - \sigma(z)` rounds to 0. In the form above the first two terms are
    non-negative and computed exactly for labels 0 and 1, and the last one never
    overflows, so the loss is finite and accurate for any finite logit.

    References
    ----------
    .. [1] TensorFlow, ``tf.nn.sigmoid_cross_entropy_with_logits`` (the same rearrangement).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import binary_cross_entropy_with_logits, binary_cross_entropy, sigmoid
    >>> binary_cross_entropy_with_logits([1, 0], [-1000.0, 1000.0])
    1000.0
    >>> z = np.array([2.0, -1.0, 0.5])
    >>> y = np.array([1, 0, 0])
    >>> bool(np.isclose(binary_cross_entropy_with_logits(y, z),
    ...                 binary_cross_entropy(y, sigmoid(z))))
    True
    """
    y = _soft_labels(y_true)
    z = as_array(logits, "logits").astype(np.float64, copy=False)
    check_same_shape(y, z, "y_true", "logits")
    loss = np.maximum(z, 0.0) - y * z
    loss += np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(loss))


def _class_labels(labels: Any, n_classes: int) -> np.ndarray:
    arr = as_array(labels, "labels", ndim=1)
    if arr.dtype.kind == "f":
        if not np.all(arr == np.round(arr)):
            raise ValueError(f"labels must be integer class indices, got {describe(arr)}")
    arr = arr.astype(np.int64)
    if np.any((arr < 0) | (arr >= n_classes)):
        bad = arr[(arr < 0) | (arr >= n_classes)][0]
        raise ValueError(
            f"labels must be class indices in 0..{n_classes - 1} (logits has {n_classes} "
            f"columns), got {bad}: {describe(arr)}"
        )
    return arr


def categorical_cross_entropy(labels: Any, logits: Any) -> float:
    r"""Softmax cross-entropy of integer labels against logits, averaged over samples.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        The true class of each sample, in ``0 .. k-1``.
    logits : array_like, shape (n, k)
        Finite unnormalised scores, one row per sample.

    Returns
    -------
    float
        The mean negative log-likelihood, :math:`\ge 0`, finite.

    Raises
    ------
    ValueError
        If a label is not an integer in ``0 .. k-1``, ``logits`` is not a finite 2-D
        array, or the numbers of samples differ.

    See Also
    --------
    log_softmax, logsumexp
    mathref.information.cross_entropy : the same quantity for one pair of distributions.

    Notes
    -----
    .. math::

        \mathrm{CE} = \frac{1}{n} \sum_{i=1}^{n} \left( \operatorname{LSE}(z_i) -
        z_{i, y_i} \right) = -\frac{1}{n} \sum_{i=1}^{n} \log
        \operatorname{softmax}(z_i)_{y_i}

    where :math:`y_i` is the label of sample :math:`i` of :math:`n`, :math:`z_i` its
    row of logits, :math:`z_{i, y_i}` the logit of the true class and
    :math:`\operatorname{LSE}` the log-sum-exp.

    ``-np.log(softmax(z)[y])`` is ``inf`` as soon as the true class's probability
    underflows (a logit 1000 below the best one, or 104 below in float32). Written as
    :math:`(m_i - z_{i, y_i}) + \operatorname{log1p}(\sum_{j \ne j^*} e^{z_{i,j} - m_i})`
    with :math:`m_i` the row maximum, both parts are non-negative, nothing cancels and
    nothing overflows.

    References
    ----------
    .. [1] I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning*, MIT Press, 2016,
       section 6.2.2.3.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref import categorical_cross_entropy
    >>> categorical_cross_entropy([0, 2], [[2.0, 1.0, 0.1], [0.5, 0.5, 3.0]])
    0.2845
    >>> categorical_cross_entropy([1], [[1000.0, -1000.0]])
    2000.0

    Uniform logits cost log k:

    >>> bool(np.isclose(categorical_cross_entropy([3], [[0.0] * 10]), np.log(10)))
    True
    """
    z = as_matrix(logits, "logits").astype(np.float64, copy=False)
    y = _class_labels(labels, z.shape[1])
    if y.shape[0] != z.shape[0]:
        raise ValueError(
            f"labels and logits must have the same number of samples, got {y.shape[0]} "
            f"and {z.shape[0]}"
        )
    m, shifted, rest = _max_and_rest(z, 1)
    true_shifted = np.take_along_axis(shifted, y[:, None], axis=1)
    loss = np.log1p(rest) - true_shifted
    return float(np.mean(loss))


def mean_squared_error(y_true: Any, y_pred: Any) -> float:
    r"""Mean squared error between targets and predictions.

    Parameters
    ----------
    y_true : array_like, shape (n,) or any shape
        Targets, finite.
    y_pred : array_like, same shape as ``y_true``
        Predictions, finite.

    Returns
    -------
    float
        :math:`\mathrm{MSE} \ge 0`.

    Raises
    ------
    ValueError
        If either is empty or not finite, or their shapes differ.

    See Also
    --------
    huber_loss
    mathref.statistics.bias_variance_decomposition : MSE = bias² + variance.

    Notes
    -----
    .. math::

        \mathrm{MSE} = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2

    where :math:`y_i` is the target and :math:`\hat{y}_i` the prediction for sample
    :math:`i` of :math:`n`.

    The negative log-likelihood of a Gaussian noise model with fixed variance, up to
    constants; its minimiser over constants is the mean. One outlier at distance
    :math:`r` contributes :math:`r^2 / n`, so a few bad labels can dominate it: see
    :func:`huber_loss`.

    References
    ----------
    .. [1] T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
       Learning*, 2nd ed., Springer, 2009, section 2.4.

    Examples
    --------
    >>> from mathref import mean_squared_error
    >>> mean_squared_error([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.375
    """
    y, f = _targets_and_predictions(y_true, y_pred, "y_pred")
    r = y - f
    return float(np.mean(r * r))


def huber_loss(y_true: Any, y_pred: Any, delta: float = 1.0) -> float:
    r"""Huber loss: quadratic for small residuals, linear for large ones (mean over samples).

    Parameters
    ----------
    y_true : array_like
        Targets, finite.
    y_pred : array_like, same shape as ``y_true``
        Predictions, finite.
    delta : float, default 1.0
        Where the loss switches from quadratic to linear; positive and finite.

    Returns
    -------
    float
        The mean Huber loss, :math:`\ge 0`.

    Raises
    ------
    ValueError
        If the arrays are empty, not finite or of different shapes, or ``delta`` is not
        positive.

    See Also
    --------
    mean_squared_error

    Notes
    -----
    .. math::

        L_\delta = \frac{1}{n} \sum_{i=1}^{n} \begin{cases} \frac{1}{2} r_i^2 & |r_i| \le
        \delta \\ \delta \left( |r_i| - \frac{1}{2} \delta \right) & |r_i| > \delta
        \end{cases}, \qquad r_i = y_i - \hat{y}_i

    where :math:`y_i` is the target and :math:`\hat{y}_i` the prediction of sample
    :math:`i` of :math:`n`, :math:`r_i` the residual and :math:`\delta > 0` the
    threshold.

    Both pieces and their slopes agree at :math:`|r| = \delta`, so the loss is
    differentiable with a gradient bounded by :math:`\delta`: an outlier pulls with a
    fixed force instead of one proportional to its residual. This is PyTorch's
    ``HuberLoss`` (``SmoothL1Loss`` is this divided by :math:`\delta`).

    References
    ----------
    .. [1] P. J. Huber, "Robust estimation of a location parameter", *Annals of
       Mathematical Statistics* 35(1), 1964, 73-101.

    Examples
    --------
    >>> from mathref import huber_loss
    >>> huber_loss([0.0, 0.0], [0.5, 3.0])
    1.3125
    >>> huber_loss([0.0], [0.5]) == 0.5 * 0.5**2
    True
    """
    y, f = _targets_and_predictions(y_true, y_pred, "y_pred")
    d = as_positive_scalar(delta, "delta")
    r = np.abs(y - f)
    loss = np.where(r <= d, 0.5 * r * r, d * (r - 0.5 * d))
    return float(np.mean(loss))


def hinge_loss(y_true: Any, scores: Any) -> float:
    r"""Hinge loss of a linear classifier with labels :math:`\pm 1` (mean over samples).

    Parameters
    ----------
    y_true : array_like, shape (n,)
        Labels, each ``-1`` or ``+1``.
    scores : array_like, shape (n,)
        Real-valued decision scores :math:`f(x_i)` (positive means class ``+1``).

    Returns
    -------
    float
        The mean hinge loss, :math:`\ge 0`.

    Raises
    ------
    ValueError
        If a label is not ``-1`` or ``+1`` (labels in {0, 1} get a message saying how to
        map them), ``scores`` is not finite, or the shapes differ.

    See Also
    --------
    binary_cross_entropy_with_logits : the smooth, probabilistic relative.

    Notes
    -----
    .. math::

        L = \frac{1}{n} \sum_{i=1}^{n} \max\left( 0, 1 - y_i f(x_i) \right)

    where :math:`y_i \in \{-1, +1\}` is the label of sample :math:`i` of :math:`n` and
    :math:`f(x_i)` its score; :math:`y_i f(x_i)` is the margin.

    A sample costs nothing once it is on the right side with margin at least 1, and
    the cost grows linearly with the violation: the loss of the support vector machine.
    With labels 0 and 1 the formula silently gives the wrong loss (every class-0 sample
    costs exactly 1 whatever its score), so such labels are refused.

    References
    ----------
    .. [1] C. Cortes and V. Vapnik, "Support-vector networks", *Machine Learning* 20,
       1995, 273-297.

    Examples
    --------
    >>> from mathref import hinge_loss
    >>> hinge_loss([1, -1, 1], [2.0, -0.5, 0.3])
    0.4
    """
    y = as_vector(y_true, "y_true").astype(np.float64, copy=False)
    s = as_vector(scores, "scores").astype(np.float64, copy=False)
    check_same_shape(y, s, "y_true", "scores")
    if not np.all((y == 1) | (y == -1)):
        if np.all((y == 0) | (y == 1)):
            raise ValueError(
                "y_true must hold labels -1 or +1, got labels in {0, 1}: with 0 for the "
                "negative class every negative sample would cost exactly 1 whatever its "
                "score; map them with 2 * y_true - 1"
            )
        bad = y[(y != 1) & (y != -1)][0]
        raise ValueError(f"y_true must hold labels -1 or +1, got {bad!r}: {describe(y)}")
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))
