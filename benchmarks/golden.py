"""Golden vectors: inputs and high-precision outputs for users to test their own code.

    .venv/bin/python benchmarks/golden.py

For every entry that ``benchmarks/accuracy.py`` measures by calling the entry itself with
plain numeric arguments, this takes the first regime's inputs at a fixed seed, evaluates
the same mpmath oracle (50 digits, transcribed from the docstring's formula), and writes
``mathref/golden/<id>.json``: the entry id and formula, the inputs, and the outputs to 17
significant digits (as strings, so no JSON reader rounds them). ``mathref golden NAME``
prints the file and each handbook entry links it; ``tests/test_golden.py`` checks that
mathref reproduces every file.
"""
from __future__ import annotations

import datetime
import json
import math
import sys
from pathlib import Path
from typing import Any

import mpmath
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # noqa: E402  (the oracles live there, written once)

import mathref  # noqa: E402
from mathref import _registry  # noqa: E402

OUT = Path(mathref.__file__).resolve().parent / "golden"
SAMPLES = 3
SEED = 20261206


def _plain(value: Any) -> Any:
    """JSON-ready inputs: arrays as nested lists; None when a value cannot be stored."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf" or not np.all(np.isfinite(value)):
            return None
        return value.tolist()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        items = [_plain(v) for v in value]
        return None if any(i is None for i in items) else items
    return None


def _digits(value: Any) -> Any:
    """Oracle output as strings of 17 significant digits, keeping the nesting."""
    if isinstance(value, mpmath.matrix):
        return [[_digits(value[i, j]) for j in range(value.cols)] for i in range(value.rows)]
    if isinstance(value, (list, tuple)):
        return [_digits(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_digits(v) for v in value.tolist()] if value.ndim else _digits(value.item())
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpc):
        return {"re": mpmath.nstr(value.real, 17, min_fixed=1, max_fixed=0),
                "im": mpmath.nstr(value.imag, 17, min_fixed=1, max_fixed=0)}
    if mpmath.isinf(value):
        return "inf" if value > 0 else "-inf"
    return mpmath.nstr(value, 17, min_fixed=1, max_fixed=0)


def main() -> None:
    for build in accuracy.BUILDERS:
        build()
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    written = []
    for entry in _registry.entries():
        cases = [c for c in accuracy.CASES if c.entry == entry.id and c.what == ""
                 and c.mathref is entry.obj]
        for case in cases:
            samples = case.inputs(np.random.default_rng(SEED))[:SAMPLES]
            stored = [_plain(list(args)) for args in samples]
            if not samples or any(s is None for s in stored):
                continue
            with mpmath.workdps(accuracy.DPS):
                outputs = [_digits(case.oracle(*args)) for args in samples]
            doc = {
                "id": entry.id,
                "title": entry.title,
                "function": f"mathref.{entry.id}",
                "signature": entry.signature,
                "formula": entry.formula,
                "regime": case.regime,
                "oracle": f"mpmath at {accuracy.DPS} digits, transcribed from the formula",
                "outputs_are": "strings of 17 significant digits; read with float()",
                "cases": [{"args": a, "output": o} for a, o in zip(stored, outputs)],
                "generated": {"mathref": mathref.__version__, "mpmath": mpmath.__version__,
                              "numpy": np.__version__,
                              "date": datetime.date.today().isoformat()},
            }
            path = OUT / f"{entry.id}.json"
            path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
            written.append(entry.id)
            break
    print(f"wrote {len(written)} golden files into {OUT}: {', '.join(written)}")


if __name__ == "__main__":
    main()
