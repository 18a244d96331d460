"""Coverage of Tally's 95% intervals on simulated populations with known N.

Each scenario draws 50 populations under the assumptions of the model that is
then fitted, records who each of the lists catches, and counts how often the
95% interval contains the true N. Goal: at least 90% (45 of 50).

* Mt: 4 lists catching independently (p = 0.25, 0.30, 0.20, 0.35), N = 2,000.
* [12,3,4]: lists 1 and 2 positively dependent (log odds ratio 1), N = 2,000.
* LCMCR: two equal latent classes, hard (p 0.2-0.3) and easy (p 0.5-0.7) to
  record, over 5 lists, N = 2,000; K = 10, 2 chains x (20,000 burn-in + 20,000).

    python benchmarks/mse_coverage.py [--replicates 50] [--only loglinear|lcmcr] [--default]

``--default`` also fits the default (``--method auto``) to every table and prints its
coverage and width beside the model's, before and after its widening for over-dispersion
(read from the result's diagnostics): the price of that widening on tables with none.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tally.estimate import LCMCR, CaptureTable, LogLinearMSE, estimate_table  # noqa: E402

N = 2000


def independent(rng: np.random.Generator) -> CaptureTable:
    seen = rng.random((N, 4)) < [0.25, 0.30, 0.20, 0.35]
    return _table(seen)


def dependent_12(rng: np.random.Generator) -> CaptureTable:
    # log-linear model [12,3,4]: draw each person's history from the cell probabilities
    hist = np.array([[(c >> s) & 1 for s in (3, 2, 1, 0)] for c in range(16)])
    logit = np.log(np.array([0.25, 0.25, 0.3, 0.2]) / (1 - np.array([0.25, 0.25, 0.3, 0.2])))
    w = np.exp(hist @ logit + 1.0 * hist[:, 0] * hist[:, 1])
    cells = rng.multinomial(N, w / w.sum())
    return CaptureTable([f"L{i + 1}" for i in range(4)], cells[1:])


def latent_classes(rng: np.random.Generator) -> CaptureTable:
    hard = rng.random(N) < 0.5
    p = np.where(hard[:, None], [0.2, 0.3, 0.25, 0.2, 0.3], [0.6, 0.5, 0.7, 0.55, 0.6])
    return _table(rng.random((N, 5)) < p)


def _table(seen: np.ndarray) -> CaptureTable:
    seen = seen[seen.any(axis=1)]
    return CaptureTable.from_histories([f"L{i + 1}" for i in range(seen.shape[1])],
                                       seen.astype(int))


SCENARIOS = {
    "loglinear Mt (independent lists)": (independent, lambda: LogLinearMSE(model="Mt")),
    "loglinear [12,3,4] (lists 1-2 dependent)": (
        dependent_12, lambda: LogLinearMSE(model="[12,3,4]")),
    "lcmcr K=10 (two latent classes, 5 lists)": (
        latent_classes,
        lambda: LCMCR(K=10, chains=2, burnin=20_000, iterations=20_000, thin=10, seed=1)),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicates", type=int, default=50)
    ap.add_argument("--only", choices=["loglinear", "lcmcr"])
    ap.add_argument("--default", action="store_true",
                    help="also the default (auto) on every table, before and after its over-dispersion scale")
    args = ap.parse_args()
    print("| scenario | replicates | covered | coverage | median width / N | mean N-hat / N | seconds |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    defaults = []
    for name, (simulate, make) in SCENARIOS.items():
        if args.only and not name.startswith(args.only):
            continue
        rng = np.random.default_rng(20261130)
        covered, widths, ratios = 0, [], []
        t0 = time.perf_counter()
        auto = {"covered": 0, "before": 0, "scaled": 0, "width": [], "width_before": []}
        for _ in range(args.replicates):
            table = simulate(rng)
            res = make().fit(table)
            lo, hi = res.conf_int()
            covered += lo <= N <= hi
            widths.append((hi - lo) / N)
            ratios.append(res.n_hat / N)
            if args.default:
                d = estimate_table(table, method="auto")
                od = d.diagnostics.get("overdispersion") or {}
                lo0, hi0 = od.get("from", (d.lower, d.upper))
                auto["covered"] += d.lower <= N <= d.upper
                auto["before"] += lo0 <= N <= hi0
                auto["scaled"] += bool(od.get("applied"))
                auto["width"].append((d.upper - d.lower) / N)
                auto["width_before"].append((hi0 - lo0) / N)
        secs = time.perf_counter() - t0
        print(f"| {name} | {args.replicates} | {covered} | {covered / args.replicates:.0%} | "
              f"{np.median(widths):.3f} | {np.mean(ratios):.3f} | {secs:.0f} |", flush=True)
        if args.default:
            defaults.append((name, auto))
    if defaults:
        print("\n| scenario | the default: covered before -> after the over-dispersion scale "
              "| median width / N before -> after | tables scaled |")
        print("| --- | --- | --- | --- |")
        for name, a in defaults:
            print(f"| {name} | {a['before']} -> {a['covered']} | {np.median(a['width_before']):.3f} -> "
                  f"{np.median(a['width']):.3f} | {a['scaled']} |")


if __name__ == "__main__":
    main()
