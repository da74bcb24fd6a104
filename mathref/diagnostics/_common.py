"""Input checks shared by the diagnostics modules (private)."""
from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import (
    as_binary_labels,
    as_vector,
    check_same_length,
    check_unit_interval,
    describe,
)


def binary_labels(value: Any, name: str) -> np.ndarray:
    """A non-empty 1-D array of 0/1 labels as float64 (bool accepted)."""
    return as_binary_labels(value, name)


def probabilities(value: Any, name: str) -> np.ndarray:
    """A non-empty 1-D float64 array of finite values in [0, 1]."""
    arr = as_vector(value, name, dtype=np.float64)
    return check_unit_interval(arr, name)


def same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Both 1-D arrays hold one value per sample."""
    check_same_length(a, b, name_a, name_b)


def any_labels(value: Any, name: str) -> np.ndarray:
    """A non-empty 1-D array of labels of any sortable kind (numbers, strings, bools).

    Float labels must not be NaN (NaN is not equal to itself, so it cannot name a group).
    """
    if value is None or isinstance(value, (str, bytes)) or callable(value):
        raise TypeError(f"{name} must be a 1-D array of labels, got {describe(value)}")
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{name} must be a 1-D array of labels, got {describe(value)} "
                         f"({exc})") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one label per sample), got {describe(arr)}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got {describe(arr)}")
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers or strings, got {describe(arr)}")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must not hold NaN or inf, got {describe(arr)}")
    if arr.dtype == object:
        if any(v is None or (isinstance(v, float) and v != v) for v in arr.tolist()):
            raise ValueError(f"{name} must not hold None or NaN, got {describe(arr)}")
    return arr


def encode_groups(arr: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(sorted unique labels, index of each sample's label) via ``numpy.unique``."""
    try:
        groups, inverse = np.unique(arr, return_inverse=True)
    except TypeError:
        raise TypeError(f"{name} mixes labels that cannot be sorted together "
                        f"(e.g. numbers and strings), got {describe(arr)}") from None
    return groups, inverse.reshape(-1)


def binary_probability_inputs(y_true: Any, y_prob: Any) -> tuple[np.ndarray, np.ndarray]:
    """``y_true`` as 0/1 labels and ``y_prob`` as probabilities, one per sample."""
    y = binary_labels(y_true, "y_true")
    p = probabilities(y_prob, "y_prob")
    same_length(y, p, "y_true", "y_prob")
    return y, p
