"""How fast the `mathref` command answers, against `python -c "import numpy"`.

    .venv/bin/python benchmarks/lookup.py

Whole processes, median of repeated runs: the command must answer within 1.5x of the
time Python takes to import NumPy, which is why `import mathref` imports no SciPy,
matplotlib or Sphinx.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    base = median_seconds([sys.executable, "-c", "import numpy"])
    print(f"python -c 'import numpy'          {base * 1000:7.1f} ms")
    for args in (["show", "lp_norm"], ["search", "frobenius"], ["list"]):
        t = median_seconds([sys.executable, "-m", "mathref", *args])
        print(f"mathref {' '.join(args):<24}  {t * 1000:7.1f} ms  ratio {t / base:.2f}")


if __name__ == "__main__":
    main()
