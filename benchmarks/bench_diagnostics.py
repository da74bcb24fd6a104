"""Speed of mathref.diagnostics against scikit-learn on 10⁶ samples (a plain script, not a test).

Run from the project root:

    .venv/bin/python benchmarks/bench_diagnostics.py [--n 1000000] [--repeat 5]

Each timing is the median of ``--repeat`` runs of one call (``timeit.repeat``), all in the same
process, on the same inputs, so the ratios compare like with like on this machine. The
results agree to rounding before anything is timed. fairlearn is not a dependency of
mathref: when it is installed (``pip install fairlearn``) the fairness metrics are timed
against its ``demographic_parity_difference`` and ``equalized_odds_difference``; otherwise
they are reported as absolute times (with integer and with string group labels).
"""
from __future__ import annotations

import argparse
import platform
import statistics
import timeit

import numpy as np

import mathref


def median_time(func, repeat: int) -> float:
    return statistics.median(timeit.repeat(func, number=1, repeat=repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import sklearn
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import roc_auc_score

    n, repeat = args.n, args.repeat
    rng = np.random.default_rng(0)
    y = (rng.random(n) < 0.3).astype(np.int64)
    scores = rng.normal(size=n) + y
    prob = rng.random(n)
    y_cal = (rng.random(n) < prob).astype(np.int64)
    y_pred = (rng.random(n) < 0.4).astype(np.int64)
    groups_int = rng.integers(0, 8, n)
    names = np.array(["coast", "delta", "highlands", "plains", "north", "south", "east",
                      "west"])
    groups_str = names[groups_int]

    # Same answers first.
    assert abs(mathref.roc_auc(y, scores) - roc_auc_score(y, scores)) < 1e-12
    ours = mathref.reliability_curve(y_cal, prob, 10)
    ref = calibration_curve(y_cal, prob, n_bins=10)
    assert np.allclose(ours.prob_true, ref[0]) and np.allclose(ours.prob_pred, ref[1])
    assert (mathref.demographic_parity_difference(y_pred, groups_int)
            == mathref.demographic_parity_difference(y_pred, groups_str))

    rows = []
    t_ours = median_time(lambda: mathref.roc_auc(y, scores), repeat)
    t_ref = median_time(lambda: roc_auc_score(y, scores), repeat)
    rows.append(("roc_auc", "sklearn.metrics.roc_auc_score", t_ours, t_ref))
    t_ours = median_time(lambda: mathref.reliability_curve(y_cal, prob, 10), repeat)
    t_ref = median_time(lambda: calibration_curve(y_cal, prob, n_bins=10), repeat)
    rows.append(("reliability_curve", "sklearn.calibration.calibration_curve", t_ours, t_ref))
    try:
        from fairlearn import metrics as fl
    except ImportError:
        fl = None
    for label, groups in (("int groups", groups_int), ("str groups", groups_str)):
        dp_peer = eo_peer = None
        if fl is not None:
            assert abs(mathref.demographic_parity_difference(y_pred, groups)
                       - fl.demographic_parity_difference(y, y_pred, sensitive_features=groups)
                       ) < 1e-12
            assert abs(mathref.equalized_odds_difference(y, y_pred, groups)
                       - fl.equalized_odds_difference(y, y_pred, sensitive_features=groups)
                       ) < 1e-12
            dp_peer = median_time(lambda g=groups: fl.demographic_parity_difference(
                y, y_pred, sensitive_features=g), max(1, repeat // 2))
            eo_peer = median_time(lambda g=groups: fl.equalized_odds_difference(
                y, y_pred, sensitive_features=g), max(1, repeat // 2))
        peer = "fairlearn.metrics" if fl is not None else "-"
        t = median_time(lambda g=groups: mathref.demographic_parity_difference(y_pred, g),
                        repeat)
        rows.append((f"demographic_parity_difference ({label})", peer, t, dp_peer))
        t = median_time(lambda g=groups: mathref.equalized_odds_difference(y, y_pred, g),
                        repeat)
        rows.append((f"equalized_odds_difference ({label})", peer, t, eo_peer))

    print(f"n = {n:,}, median of {repeat}; Python {platform.python_version()}, "
          f"NumPy {np.__version__}, scikit-learn {sklearn.__version__}, "
          f"{platform.machine()}")
    print(f"{'mathref':46s} {'peer':40s} {'mathref ms':>10s} {'peer ms':>9s} {'ratio':>6s}")
    for name, peer, ours_t, ref_t in rows:
        ref_ms = f"{1e3 * ref_t:9.1f}" if ref_t else f"{'-':>9s}"
        ratio = f"{ours_t / ref_t:6.2f}" if ref_t else f"{'-':>6s}"
        print(f"{name:46s} {peer:40s} {1e3 * ours_t:10.1f} {ref_ms} {ratio}")


if __name__ == "__main__":
    main()
