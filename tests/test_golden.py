"""Golden vectors: mathref reproduces the high-precision outputs it publishes.

The files in ``mathref/golden`` hold inputs and 17-digit outputs computed by an mpmath
oracle (``benchmarks/golden.py``); users test their own implementations against them, so
they must be right and mathref must agree with them.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import mathref
from mathref import _registry, cli

GOLDEN = sorted((Path(mathref.__file__).resolve().parent / "golden").glob("*.json"))
TOLERANCE = 1e-11  # normwise relative error against the 17-digit outputs


def _numbers(value) -> list[complex]:
    if isinstance(value, dict):
        return [complex(float(value["re"]), float(value["im"]))]
    if isinstance(value, str):
        return [complex(float(value))]
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _numbers(v)]
    arr = np.asarray(value)
    if arr.ndim == 0:
        return [complex(arr.item())]
    return [x for v in arr for x in _numbers(v)]


def test_there_are_golden_files():
    assert len(GOLDEN) >= 50


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_mathref_reproduces_its_golden_vectors(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    entry = _registry.get(doc["id"])
    assert doc["formula"] == entry.formula, "the golden file is stale: rerun benchmarks/golden.py"
    for case in doc["cases"]:
        ours = np.array(_numbers(entry.obj(*case["args"])))
        truth = np.array(_numbers(case["output"]))
        assert ours.shape == truth.shape
        finite = np.isfinite(truth)
        assert np.array_equal(np.isfinite(ours), finite)
        scale = max(float(np.max(np.abs(truth[finite]), initial=0.0)), 1e-300)
        assert np.max(np.abs(ours[finite] - truth[finite]), initial=0.0) <= TOLERANCE * scale


def test_golden_command_prints_and_writes(tmp_path, capsys):
    name = GOLDEN[0].stem
    assert cli.main(["golden", name]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == name
    out = tmp_path / "g.json"
    assert cli.main(["golden", name, "--out", str(out)]) == 0
    assert json.loads(out.read_text())["id"] == name
    assert cli.main(["golden", "no_such_entry"]) == 1
