"""Shared numerical kernels (private): written once, used by several topic modules."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Below this, squares of the entries may have underflowed and lost digits.
_SAFE_LOW = 2.0**-968


def trusted_sum_of_squares(v: np.ndarray) -> float | None:
    """``v · v`` (one BLAS pass) when it can be used as it stands, else ``None``.

    It can when it lands in ``[2**-968, inf)``: no square overflowed, and an entry whose
    square underflowed changes the sum by less than ``n * 2**-1074``, far below its last
    digit. A NaN or an infinite entry makes the sum NaN or inf, so a trusted sum also
    proves every entry of ``v`` finite: callers use that instead of a separate
    ``isfinite`` pass. ``v`` must be a 1-D float array.
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        squares = float(np.dot(v, v))
    return squares if _SAFE_LOW <= squares < math.inf else None


def norm2(v: np.ndarray) -> float:
    """‖v‖₂ of a float array, never overflowing or underflowing when ‖v‖₂ is
    representable; NaN (or inf) when an entry is NaN (or inf), without a warning.

    The plain sum of squares is used when it can be trusted
    (:func:`trusted_sum_of_squares`); otherwise (overflow to inf, or a sum so small that
    underflowed squares matter) the vector is divided by its largest magnitude first, as
    LAPACK's ``dnrm2`` does. The fast path is one BLAS pass; the fallback three.
    """
    flat = v.ravel()
    squares = trusted_sum_of_squares(flat)
    if squares is not None:
        return math.sqrt(squares)
    largest = float(np.max(np.abs(flat))) if flat.size else 0.0
    if largest == 0.0 or not math.isfinite(largest):
        return largest
    scaled = flat / largest
    return largest * math.sqrt(float(np.dot(scaled, scaled)))


def unit_vector(v: np.ndarray) -> np.ndarray | None:
    """``v / ‖v‖₂`` for a finite float vector, ``None`` for the zero vector.

    The vector is first divided by its largest magnitude, so that entry becomes exactly
    1: the sum of squares can neither overflow nor lose digits to underflow, and vectors
    with equal entries at any scale (``[1e200, 1e200]`` and ``[1e-200, 1e-200]``) give
    bitwise equal unit vectors.
    """
    largest = float(np.max(np.abs(v))) if v.size else 0.0
    if largest == 0.0:
        return None
    scaled = v / largest
    return scaled / math.sqrt(float(np.dot(scaled, scaled)))


def times_power_of_two(a: np.ndarray, exponent: int) -> np.ndarray:
    """``a * 2**exponent``, exact (unless the result leaves the float range).

    A multiplication by the double ``2.0**exponent`` is exact and about ten times faster
    than ``numpy.ldexp``; ``ldexp`` is used only when ``2**exponent`` itself is not a normal
    double.
    """
    if -1022 <= exponent <= 1023:
        return a * 2.0**exponent
    return np.ldexp(a, exponent)


def horner(coefficients: Sequence[float], x: np.ndarray) -> np.ndarray:
    """``c[0] + c[1] x + c[2] x**2 + ...`` elementwise, by Horner's rule (one multiply and
    one add per coefficient, no powers): the truncated series of the entries that sum a
    series where a closed form would cancel."""
    total = np.full_like(x, coefficients[-1])
    for coefficient in coefficients[-2::-1]:
        total = total * x + coefficient
    return total


def largest_exponent(arr: np.ndarray, axis: int | None = None) -> Any:
    """The binary exponent e of max |arr| (per column with ``axis=0``): max |arr| < 2**e,
    so ``times_power_of_two(arr, -e)`` has every entry below 1 in magnitude."""
    return np.frexp(np.max(np.abs(arr), axis=axis))[1]


def scaled_back(value: float, exponent: int) -> float:
    """``value * 2**exponent`` (exact), ``±inf`` when that leaves the float range: the
    last step of a computation done on data divided by ``2**exponent``."""
    try:
        return math.ldexp(value, exponent)
    except OverflowError:
        return math.copysign(math.inf, value)
