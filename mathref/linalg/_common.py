"""Private helpers shared by the linear-algebra modules (no public names)."""
from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import as_matrix, as_scalar, describe

_EPS = float(np.finfo(np.float64).eps)


def float_matrix(value: Any, name: str) -> np.ndarray:
    """A non-empty finite 2-D float64 array."""
    return as_matrix(value, name).astype(np.float64, copy=False)


def square_matrix(value: Any, name: str) -> np.ndarray:
    """A non-empty finite square 2-D float64 array (the message names ``name``)."""
    arr = float_matrix(value, name)
    if arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be square, got shape {arr.shape}: {describe(arr)}")
    return arr


def default_tol(singular: np.ndarray, shape: tuple[int, int]) -> float:
    """numpy.linalg.matrix_rank's tolerance: sigma_max * max(m, n) * eps."""
    largest = float(singular[0]) if singular.size else 0.0
    return largest * max(shape) * _EPS


def as_tol(tol: Any, name: str = "tol") -> float | None:
    """``None`` or a finite non-negative float."""
    if tol is None:
        return None
    value = as_scalar(tol, name)
    if value < 0:
        raise ValueError(f"{name} must be non-negative, got {tol!r}")
    return value


def flip_columns(V: np.ndarray) -> np.ndarray:
    """Multiply each column by a unit scalar so its largest-magnitude entry is real > 0.

    Real columns get a sign flip; complex columns a phase rotation. Ties in magnitude go
    to the first such entry. Returns the multipliers (one per column); ``V`` is
    modified in place.
    """
    if V.shape[0] == 0 or V.shape[1] == 0:
        return np.ones(V.shape[1], dtype=V.dtype)
    idx = np.argmax(np.abs(V), axis=0)
    pivots = V[idx, np.arange(V.shape[1])]
    if np.iscomplexobj(V):
        size = np.abs(pivots)
        mult = np.where(size > 0, np.conj(pivots) / np.where(size > 0, size, 1.0), 1.0)
    else:
        mult = np.where(pivots < 0, -1.0, 1.0)
    V *= mult
    return mult
