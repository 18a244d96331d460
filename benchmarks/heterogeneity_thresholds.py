"""Where the heterogeneity sign's thresholds come from (tally.estimate.heterogeneity).

Both statistics (the pairwise odds-ratio sign and the capture-count sign) on lists that
are independent and equally catchable, 1,500 tables per list count (N = 500, 2,000 and
10,000 in turn, each list's rate drawn from 0.1-0.5): the printed quantiles are where a
threshold sets the share of such tables that get the sign (and a wider interval) by
chance. The thresholds in the code are the 90th percentiles; with both, 11-16% of
independent tables get the sign.

    .venv/bin/python benchmarks/heterogeneity_thresholds.py --reps 1500 --seed 11
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tally.estimate import CaptureTable  # noqa: E402
from tally.estimate.heterogeneity import (  # noqa: E402
    COUNT_THRESHOLDS, SIGNAL_THRESHOLDS, capture_count_signal, heterogeneity_signal)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    print("| lists | statistic | q80 | q85 | q90 | q95 | threshold | share over it |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for t in (3, 4, 5):
        rows = []
        for r in range(args.reps):
            n = (500, 2000, 10000)[r % 3]
            caught = rng.random((n, t)) < rng.uniform(0.1, 0.5, t)
            table = CaptureTable.from_histories([f"L{j}" for j in range(t)],
                                                caught[caught.any(axis=1)].astype(int))
            rows.append((heterogeneity_signal(table), capture_count_signal(table)))
        a = np.array(rows)
        for col, name, th in ((0, "pairs", SIGNAL_THRESHOLDS[t]), (1, "counts", COUNT_THRESHOLDS[t])):
            q = np.quantile(a[:, col], [0.8, 0.85, 0.9, 0.95])
            print(f"| {t} | {name} | " + " | ".join(f"{x:.2f}" for x in q)
                  + f" | {th:.2f} | {np.mean(a[:, col] > th):.3f} |")
        either = np.mean((a[:, 0] > SIGNAL_THRESHOLDS[t]) | (a[:, 1] > COUNT_THRESHOLDS[t]))
        print(f"| {t} | either | | | | | | {either:.3f} |", flush=True)


if __name__ == "__main__":
    main()
