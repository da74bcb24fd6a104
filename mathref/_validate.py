"""Shared input checks: every public function validates through these.

Each check names the argument and shows what was received, so a user reading the
error knows which input to fix. Nothing is renormalised, clipped or reinterpreted.
"""
from __future__ import annotations

import math
import numbers
import operator
from typing import Any, Callable

import numpy as np

PROBABILITY_ATOL_FLOAT64 = 1e-9
PROBABILITY_ATOL_FLOAT32 = 1e-5


def describe(value: Any, limit: int = 60) -> str:
    """A short description of ``value`` for error messages."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=6, edgeitems=2, precision=6)
        text = " ".join(text.split())
        if len(text) > limit:
            text = text[: limit - 3] + "..."
        return f"array of shape {value.shape} and dtype {value.dtype}: {text}"
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{text} (type {type(value).__name__})"


def to_python(value: Any) -> Any:
    """A NumPy scalar as the matching Python scalar; anything else unchanged."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value


def as_array(
    value: Any,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    finite: bool = True,
    dtype: Any = None,
    allow_empty: bool = False,
    allow_complex: bool = False,
) -> np.ndarray:
    """``value`` as a float (or complex) ndarray, checked for dimension and finiteness.

    Integer and boolean input becomes float64; float32 stays float32 unless ``dtype``
    says otherwise.
    """
    if isinstance(value, (str, bytes)) or value is None or callable(value):
        raise TypeError(f"{name} must be array-like of numbers, got {describe(value)}")
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of numbers, got {describe(value)} ({exc})"
        ) from None
    kind = arr.dtype.kind
    if kind in "OUSVMm":
        raise TypeError(f"{name} must hold numbers, got {describe(value)}")
    if kind == "c" and not allow_complex:
        raise TypeError(f"{name} must be real, got {describe(arr)}")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    elif kind in "biu":
        arr = arr.astype(np.float64)
    elif kind == "f" and arr.dtype.itemsize not in (4, 8):  # float16, long double
        arr = arr.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got {describe(arr)}")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got {describe(arr)}")
    if finite:
        check_finite(arr, name)
    return arr


def all_finite(arr: np.ndarray) -> bool:
    """Whether every entry of a numeric array is finite, in one fast pass.

    For a contiguous real float array the test is the BLAS dot product ``x . x``: a NaN
    or an infinity makes it NaN or inf, so a finite sum of squares proves every entry
    finite (about 3x faster than ``numpy.isfinite`` with its boolean temporary). Only
    when the sum is not finite (a non-finite entry, or squares that overflow) is the
    entry-by-entry test run.
    """
    kind = arr.dtype.kind
    if kind in "biu":
        return True
    if kind == "f" and arr.dtype.itemsize in (4, 8) and arr.flags.c_contiguous:
        flat = arr.reshape(-1)
        with np.errstate(all="ignore"):
            squares = float(np.dot(flat, flat))
        if math.isfinite(squares):
            return True
    return bool(np.isfinite(arr).all())


def check_finite(arr: np.ndarray, name: str) -> np.ndarray:
    """Raise ValueError naming ``name`` unless every entry of ``arr`` is finite."""
    if not all_finite(arr):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {describe(arr)}")
    return arr


def as_vector(value: Any, name: str, **kwargs: Any) -> np.ndarray:
    """A non-empty finite 1-D float array."""
    return as_array(value, name, ndim=1, **kwargs)


def as_matrix(value: Any, name: str, **kwargs: Any) -> np.ndarray:
    """A non-empty finite 2-D float array."""
    return as_array(value, name, ndim=2, **kwargs)


def as_square_matrix(value: Any, name: str, **kwargs: Any) -> np.ndarray:
    """A non-empty finite square 2-D float array."""
    arr = as_matrix(value, name, **kwargs)
    if arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be square, got shape {arr.shape}")
    return arr


_SYMMETRY_TILE = 256


def symmetry_error(arr: np.ndarray) -> tuple[float, float]:
    """(‖A − Aᵀ‖_max, ‖A‖_max) for a square array.

    Compared tile by tile over the upper triangle of tiles: each tile and its mirror fit
    in cache, so the transposed read is not strided across the whole matrix, and each pair
    is read once (twice as fast as ``abs(A - A.T).max()`` at n = 1000). A NaN propagates.
    The scale is needed only to judge a non-zero error, so for an exactly symmetric
    matrix it is not computed and reported as 0.
    """
    if not arr.size:
        return 0.0, 0.0
    n, t = arr.shape[0], _SYMMETRY_TILE
    error = 0.0
    for i in range(0, n, t):
        for j in range(i, n, t):
            gap = float(np.max(np.abs(arr[i:i + t, j:j + t] - arr[j:j + t, i:i + t].T)))
            if gap != gap:  # NaN
                return gap, float("nan")
            error = max(error, gap)
    if error == 0.0:
        return 0.0, 0.0
    return error, max(float(arr.max()), -float(arr.min()))


def is_symmetric_array(arr: np.ndarray, rtol: float = 1e-10, atol: float = 1e-12) -> bool:
    """‖A − Aᵀ‖_max ≤ atol + rtol·‖A‖_max for a square finite array."""
    err, scale = symmetry_error(arr)
    return err <= atol + rtol * scale


def as_symmetric_matrix(
    value: Any, name: str, rtol: float = 1e-10, atol: float = 1e-12, **kwargs: Any
) -> np.ndarray:
    """A finite square matrix that is symmetric relative to its scale."""
    arr = as_square_matrix(value, name, **kwargs)
    if not is_symmetric_array(arr, rtol, atol):
        err, scale = symmetry_error(arr)
        raise ValueError(
            f"{name} must be symmetric: max|A - A.T| = {err:.3g} exceeds "
            f"{atol:g} + {rtol:g}*max|A| = {atol + rtol * scale:.3g}"
        )
    return arr


def probability_atol(arr: np.ndarray) -> float:
    """Tolerance on the sum of a probability vector for its dtype."""
    return PROBABILITY_ATOL_FLOAT32 if arr.dtype == np.float32 else PROBABILITY_ATOL_FLOAT64


def as_probability_vector(value: Any, name: str) -> np.ndarray:
    """A finite, non-negative 1-D array summing to 1 (within 1e-9; 1e-5 for float32)."""
    arr = as_vector(value, name)
    return check_probabilities_sum_to_one(arr, name, axis=None)


def as_probability_table(value: Any, name: str, ndim: int | tuple[int, ...] = 2) -> np.ndarray:
    """A finite, non-negative table (joint distribution) whose entries sum to 1."""
    arr = as_array(value, name, ndim=ndim)
    return check_probabilities_sum_to_one(arr, name, axis=None)


def check_probabilities_sum_to_one(arr: np.ndarray, name: str, axis: int | None) -> np.ndarray:
    """Check non-negativity and that sums along ``axis`` (all, when None) are 1."""
    if np.any(arr < 0):
        bad = arr[arr < 0].flat[0]
        raise ValueError(f"{name} must be non-negative, got an entry {bad!r}: {describe(arr)}")
    sums = np.sum(arr, axis=axis, dtype=np.float64)
    atol = probability_atol(arr)
    if np.any(np.abs(sums - 1.0) > atol):
        worst = float(np.ravel(sums)[np.argmax(np.abs(np.ravel(sums) - 1.0))])
        where = "" if axis is None else f" along axis {axis}"
        raise ValueError(
            f"{name} must sum to 1{where} (within {atol:g}), got a sum of {worst!r}; "
            "mathref does not renormalise"
        )
    return arr


def as_stochastic_matrix(value: Any, name: str) -> np.ndarray:
    """A finite non-negative 2-D array whose rows each sum to 1."""
    arr = as_matrix(value, name)
    return check_probabilities_sum_to_one(arr, name, axis=1)


def check_unit_interval(value: Any, name: str, *, open_low: bool = False,
                        open_high: bool = False) -> np.ndarray:
    """An array (or scalar) of finite values in [0, 1] (ends optionally open)."""
    arr = as_array(value, name, allow_empty=True)
    low_bad = arr <= 0 if open_low else arr < 0
    high_bad = arr >= 1 if open_high else arr > 1
    if np.any(low_bad | high_bad):
        interval = ("(" if open_low else "[") + "0, 1" + (")" if open_high else "]")
        raise ValueError(f"{name} must lie in {interval}, got {describe(arr)}")
    return arr


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless two arrays have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def check_same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise unless two arrays have the same first dimension."""
    if len(a) != len(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same length, got {len(a)} and {len(b)}"
        )


def as_scalar(value: Any, name: str, *, finite: bool = True) -> float:
    """A real number as a Python float (bool is refused)."""
    if type(value) is float and value - value == 0.0:  # the common case: a finite float
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        if not (isinstance(value, np.ndarray) and value.ndim == 0):
            raise TypeError(f"{name} must be a real number, got {describe(value)}")
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            raise TypeError(f"{name} must be a real number, got {describe(value)}")
        value = value.item()
    try:
        result = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a real number within the float range, got "
                         f"{describe(value)}") from None
    if finite and not np.isfinite(result):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if np.isnan(result):
        raise ValueError(f"{name} must not be NaN, got {value!r}")
    return result


def as_positive_scalar(value: Any, name: str, *, allow_zero: bool = False,
                       finite: bool = True) -> float:
    """A real number > 0 (≥ 0 with ``allow_zero``) as a Python float."""
    result = as_scalar(value, name, finite=finite)
    if result < 0 or (result == 0 and not allow_zero):
        want = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be {want}, got {value!r}")
    return result


def as_scalar_in_range(value: Any, name: str, low: float, high: float, *,
                       low_open: bool = False, high_open: bool = False) -> float:
    """A real number in the interval from ``low`` to ``high`` (ends closed by default)."""
    result = as_scalar(value, name, finite=False)
    below = result <= low if low_open else result < low
    above = result >= high if high_open else result > high
    if below or above:
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{name} must lie in {interval}, got {value!r}")
    return result


def as_int(value: Any, name: str, *, minimum: int | None = None,
           maximum: int | None = None) -> int:
    """An integer (Python or NumPy; integral floats are refused) as a Python int."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    try:
        result = operator.index(value)
    except TypeError:
        if isinstance(value, numbers.Real):
            raise ValueError(f"{name} must be an integer, got {value!r}") from None
        raise TypeError(f"{name} must be an integer, got {describe(value)}") from None
    if minimum is not None and result < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {result}")
    if maximum is not None and result > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {result}")
    return result


def as_log_base(base: Any, name: str = "base") -> float | None:
    """``None`` (natural log) or a positive finite number other than 1."""
    if base is None:
        return None
    value = as_positive_scalar(base, name)
    if value == 1.0:
        raise ValueError(f"{name} must be a positive number other than 1, got {base!r}")
    return value


def as_choice(value: Any, name: str, options: tuple[Any, ...]) -> Any:
    """One of ``options``; the error lists them."""
    if isinstance(value, np.ndarray) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value


def as_callable(value: Any, name: str) -> Callable[..., Any]:
    """A callable, else TypeError."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {describe(value)}")
    return value


def as_rng(rng: Any, name: str = "rng") -> np.random.Generator:
    """A ``numpy.random.Generator`` from a Generator, an int seed or ``None``."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, (bool, np.bool_)):
        raise TypeError(f"{name} must be a numpy.random.Generator, an int seed or None, "
                        f"got {describe(rng)}")
    if isinstance(rng, (numbers.Integral, np.integer)):
        if rng < 0:
            raise ValueError(f"{name} seed must be non-negative, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"{name} must be a numpy.random.Generator, an int seed or None, got {describe(rng)}"
    )


def as_binary_labels(value: Any, name: str) -> np.ndarray:
    """A non-empty 1-D array of labels in {0, 1}, returned as float64."""
    arr = as_vector(value, name)
    if not np.all((arr == 0) | (arr == 1)):
        bad = arr[(arr != 0) & (arr != 1)][0]
        raise ValueError(f"{name} must hold labels 0 or 1, got a value {bad!r}: {describe(arr)}")
    return arr


def call_checked(f: Callable[..., Any], name: str, *args: Any) -> Any:
    """Call a user function and turn a non-finite or non-numeric result into ValueError."""
    result = f(*args)
    try:
        arr = np.asarray(result, dtype=np.complex128 if np.iscomplexobj(result) else np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return numbers, returned {describe(result)}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} returned a non-finite value {describe(result)} "
                         f"at {describe(args[0] if args else None)}")
    return arr


class allocation_guard:
    """Context manager: an array sized by an argument that cannot be allocated raises
    ValueError naming that argument (instead of MemoryError or NumPy's bare "Maximum
    allowed size exceeded").

    ``what`` names the argument and its value, e.g. ``f"n = {n}"``. Wrap only the
    allocating call, with already validated sizes, so no other error is reworded.
    """

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        if exc_type is not None and issubclass(exc_type, (MemoryError, ValueError,
                                                          OverflowError)):
            raise ValueError(f"{self.what} is too large: the array it sizes cannot be "
                             f"allocated ({exc_type.__name__}: {exc})") from None
        return False
