"""Fixtures shared by the documentation tests: one HTML build per test session."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def html_build(tmp_path_factory) -> tuple[Path, str]:
    """Build the handbook with ``-W -n`` once per test run; (output folder, build log).

    Under pytest-xdist the workers share one build: the first to take the lock builds, the
    others wait for it and read the same folder.
    """
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"local-{os.getpid()}")
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent
    out, log_file = shared / f"html-{run}", shared / f"html-{run}.log"
    with open(shared / f"html-{run}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log_file.exists():
            done = subprocess.run(
                [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-c", str(ROOT),
                 str(ROOT / "docs"), str(out)],
                capture_output=True, text=True, cwd=ROOT,
                env={**os.environ, "MPLBACKEND": "Agg"},
            )
            log_file.write_text(f"{done.returncode}\n{done.stdout}{done.stderr}")
    code, _, log = log_file.read_text().partition("\n")
    if code != "0":
        pytest.fail(f"sphinx-build -W -n failed:\n{log[-6000:]}")
    return out, log


@pytest.fixture(autouse=True)
def _mpmath_precision():
    """Every test starts with mpmath at 50 digits, whatever an earlier test set."""
    import mpmath

    old = mpmath.mp.dps
    mpmath.mp.dps = 50
    yield
    mpmath.mp.dps = old
