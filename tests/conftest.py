"""Fixtures shared by the documentation tests: one HTML build per test session."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def html_build(tmp_path_factory) -> tuple[Path, str]:
    """Build the handbook with ``-W -n`` once; (output folder, build log)."""
    out = tmp_path_factory.mktemp("html")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-c", str(ROOT), str(ROOT / "docs"),
         str(out)],
        capture_output=True, text=True, cwd=ROOT, env={**__import__("os").environ,
                                                        "MPLBACKEND": "Agg"},
    )
    log = done.stdout + done.stderr
    if done.returncode != 0:
        pytest.fail(f"sphinx-build -W -n failed:\n{log[-6000:]}")
    return out, log
