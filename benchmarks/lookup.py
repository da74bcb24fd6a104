"""How fast the `mathref` command answers, against `python -c "import numpy"`.

    .venv/bin/python benchmarks/lookup.py

Whole processes, median of repeated runs: the command must answer within 1.5x of the
time Python takes to import NumPy, which is why `import mathref` imports no SciPy,
matplotlib or Sphinx. The commands are run in rounds, each round running the baseline and
every command once in a rotated order, so that load from other processes falls on all of
them alike (as in speed.py) instead of on whichever was being timed when it came.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

ROUNDS = 15
BASELINE = ("python -c 'import numpy'", [sys.executable, "-c", "import numpy"])
COMMANDS = [(f"mathref {' '.join(args)}", [sys.executable, "-m", "mathref", *args])
            for args in (["show", "lp_norm"], ["search", "frobenius"], ["list"])]


def seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    runs = [BASELINE, *COMMANDS]
    times: dict[str, list[float]] = {label: [] for label, _ in runs}
    for round_ in range(ROUNDS):
        shift = round_ % len(runs)
        for label, argv in runs[shift:] + runs[:shift]:
            times[label].append(seconds(argv))
    base = statistics.median(times[BASELINE[0]])
    print(f"{BASELINE[0]:<32}  {base * 1000:7.1f} ms")
    for label, _ in COMMANDS:
        t = statistics.median(times[label])
        print(f"{label:<32}  {t * 1000:7.1f} ms  ratio {t / base:.2f}")


if __name__ == "__main__":
    main()
