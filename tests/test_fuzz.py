"""Bad-input fuzzing: every public function (and distribution method) driven with malformed
input must either return a documented result or raise ValueError/TypeError whose message
names one of its arguments. No other exception type, no NaN returned, no hang.

The valid call of each entry lives in ``fuzz_cases.py``; this file corrupts one argument at
a time (NaN, inf, empty, wrong dimension, wrong type, out-of-domain numbers, callables that
misbehave) and, with hypothesis, feeds random arrays of random shapes.
"""
from __future__ import annotations

import fnmatch
import inspect
import math
import re
import signal
from contextlib import contextmanager
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathref import _registry

from fuzz_cases import DOCUMENTED, METHOD_CASES, VALID_CASES

TIME_LIMIT = 20  # seconds: a call that takes longer counts as a hang


@contextmanager
def _time_limit(seconds: int):
    def _raise(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")
    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _parameter_names(func: Callable[..., Any]) -> list[str]:
    target = func.__init__ if inspect.isclass(func) else func
    try:
        names = list(inspect.signature(target).parameters)
    except (TypeError, ValueError):
        return []
    return [n for n in names if n not in ("self", "args", "kwargs")]


def _corruptions(value: Any) -> list[tuple[str, Any]]:
    """Malformed replacements for one argument, chosen by the kind of the valid value."""
    if callable(value) and not isinstance(value, (np.ndarray, type)):
        return [("returns nan", lambda *a, **k: np.nan * np.ones_like(np.asarray(
                    value(*a, **k), dtype=float))),
                # a complex value where a real one is documented must not lose its
                # imaginary part silently (entries that take complex values accept it)
                ("returns complex", lambda *a, **k: np.asarray(value(*a, **k)) + 1j),
                ("returns a string", lambda *a, **k: "oops"),
                ("not callable", 3.0)]
    if isinstance(value, np.random.Generator):
        return [("rng string", "seed"), ("rng negative", -1)]
    if isinstance(value, (bool, np.bool_)):
        return [("bool as string", "yes")]
    if isinstance(value, str):
        return [("unknown option", "no-such-option"), ("number for a string", 3.5)]
    if isinstance(value, (int, float, np.integer, np.floating)):
        return [("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf), ("-1", -1),
                ("zero", 0), ("huge", 1e300), ("string", "x"), ("list", [1.0, 2.0]),
                ("none", None),
                # sizes NumPy cannot allocate, and steps whose reciprocal overflows
                ("big int", 2 ** 100), ("subnormal", 1e-320)]
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return [("none", None), ("number", 3.0)]
    cases = [("string", "abc"), ("none", None), ("empty", np.array([]))]
    if arr.size:
        with_nan = arr.copy()
        with_nan.flat[0] = np.nan
        with_inf = arr.copy()
        with_inf.flat[-1] = np.inf
        negative = arr.copy()
        negative.flat[0] = -abs(negative.flat[0]) - 1.0
        cases += [("nan inside", with_nan), ("inf inside", with_inf),
                  ("negative entry", negative), ("extra dimension", arr[None, ...]),
                  ("scalar", float(arr.flat[0])), ("ragged", [[1.0, 2.0], [3.0]]),
                  # finite but extreme (order kept): sums, squares and products overflow,
                  # or underflow to 0 and then 0/0; a NaN result is a bug, inf may be honest
                  ("huge values", arr * 1e305 + 1e306), ("tiny values", arr * 1e-310)]
        if arr.ndim >= 1 and arr.shape[0] > 1:
            cases.append(("one row dropped", arr[:-1]))
    return cases


def _names(message: str, param: str) -> bool:
    """Whether ``message`` names ``param`` as a whole word.

    A bare substring test would let any message through for one-letter parameters
    (``n``, ``d``, ``x``...): NumPy's "Maximum allowed dimension exceeded" holds both an
    ``n`` and a ``d``.
    """
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(param)}(?![A-Za-z0-9_])", message) is not None


def _acceptable_result(result: Any) -> bool:
    """A returned result must hold no NaN (inf only where the entry documents it)."""
    def has_nan(x: Any) -> bool:
        if isinstance(x, tuple):
            return any(has_nan(v) for v in x)
        if isinstance(x, dict):
            return any(has_nan(v) for v in x.values())
        try:
            arr = np.asarray(x)
        except Exception:
            return False
        if arr.dtype.kind in "fc":
            return bool(np.any(np.isnan(arr)))
        return False
    return not has_nan(result)


def _documented(name: str, label: str) -> bool:
    """Whether a NaN-holding result is documented: DOCUMENTED holds ``(name, pattern)``
    pairs, the pattern matched against the label with ``fnmatch`` (``"arg 0: *"`` covers
    every corruption of the first argument, the random arrays included)."""
    return any(n == name and fnmatch.fnmatchcase(label, pattern) for n, pattern in DOCUMENTED)


def _check_call(name: str, func: Callable[..., Any], args: tuple, kwargs: dict,
                label: str) -> str | None:
    """None when the outcome is acceptable, else a description of the failure."""
    params = _parameter_names(func)
    try:
        with np.errstate(all="ignore"), _time_limit(TIME_LIMIT):
            result = func(*args, **kwargs)
    except (ValueError, TypeError) as exc:
        message = str(exc)
        if not any(_names(message, p) for p in params) and "argument" not in message:
            return f"{name} [{label}]: {type(exc).__name__} names no argument: {message!r}"
        return None
    except Exception as exc:  # noqa: BLE001 - any other type is the failure we look for
        return f"{name} [{label}]: {type(exc).__name__}: {exc}"
    if not _acceptable_result(result) and not _documented(name, label):
        return f"{name} [{label}]: returned NaN"
    return None


def _cases() -> list[tuple[str, Callable[..., Any], tuple, dict]]:
    cases = []
    for entry in _registry.entries():
        if entry.id in VALID_CASES:
            args, kwargs = VALID_CASES[entry.id]()
            cases.append((entry.id, entry.obj, args, kwargs))
    for key, make in METHOD_CASES.items():
        method, args, kwargs = make()
        cases.append((key, method, args, kwargs))
    return cases


CASES = _cases()


def test_every_entry_has_a_valid_call():
    missing = [e.id for e in _registry.entries() if e.id not in VALID_CASES]
    assert not missing, f"no fuzz case for {missing}"


@pytest.mark.parametrize(("name", "func", "args", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_valid_call_works(name, func, args, kwargs):
    with _time_limit(TIME_LIMIT):
        result = func(*args, **kwargs)
    assert _acceptable_result(result), f"{name} returned NaN on its valid call"


@pytest.mark.parametrize(("name", "func", "args", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_corrupted_arguments_raise_clear_errors(name, func, args, kwargs):
    failures = []
    for position, value in enumerate(args):
        for label, bad in _corruptions(value):
            new_args = args[:position] + (bad,) + args[position + 1:]
            failure = _check_call(name, func, new_args, kwargs, f"arg {position}: {label}")
            if failure:
                failures.append(failure)
    for key, value in kwargs.items():
        for label, bad in _corruptions(value):
            failure = _check_call(name, func, args, {**kwargs, key: bad}, f"{key}: {label}")
            if failure:
                failures.append(failure)
    assert not failures, "\n".join(failures)


_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)
_ARRAYS = st.one_of(
    hnp.arrays(np.float64, _SHAPES, elements=st.floats(allow_nan=True, allow_infinity=True)),
    hnp.arrays(np.float32, _SHAPES, elements=st.floats(width=32)),
    hnp.arrays(np.int64, _SHAPES, elements=st.integers(-5, 5)),
)


@pytest.mark.parametrize(("name", "func", "args", "kwargs"), CASES, ids=[c[0] for c in CASES])
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(data=st.data())
def test_random_arrays_in_any_argument(name, func, args, kwargs, data):
    array_positions = [i for i, v in enumerate(args)
                       if isinstance(v, (list, np.ndarray)) and not callable(v)]
    if not array_positions:
        return
    position = data.draw(st.sampled_from(array_positions))
    bad = data.draw(_ARRAYS)
    new_args = args[:position] + (bad,) + args[position + 1:]
    failure = _check_call(name, func, new_args, kwargs, f"arg {position}: random {bad!r}")
    assert failure is None, failure
