"""How often does the "list built from the others" sign fire, scenario by scenario?

The sign (tally.estimate.list_structure) reads each list's "only on this list" cell
against what independence from the other lists predicts. This script draws every
in-sample scenario the estimation studies have (benchmarks/mse_misspecification.py's
default family and --heldout ... --heldout5, with the same seeds, so the tables are the
ones those studies fit; and mse_coverage.py's three model-true scenarios) and prints,
per scenario and list count, the distribution of the smallest ratio, of its contrast
with the next smallest, and how many tables the sign fires on. No estimator runs, so
it takes a minute. ``--fit`` also fits the default on the tables where the sign fires,
before this handling and after it (the real code path: the list left out with 4-5
lists, a warning with 3), counts coverage, and how often the reading without the list,
which the warning gives, covers. Elsewhere the default's answer is unchanged.
``--gap`` (wave 9) does the same for a list holding far *too many* people alone
(tally.estimate.list_readings: read as a list of one group, or as one that seeks the
dead the others missed); --heldout6 is among the families now that it is in-sample.

    .venv/bin/python benchmarks/list_structure.py --reps 50
    .venv/bin/python benchmarks/list_structure.py --reps 50 --fit
    .venv/bin/python benchmarks/list_structure.py --reps 50 --gap [--fit]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tally.errors import EstimationError  # noqa: E402
from tally.estimate import estimate_table  # noqa: E402
from tally.estimate.list_structure import corroboration_ratios, dependent_list  # noqa: E402

import mse_coverage  # noqa: E402
import mse_misspecification as mm  # noqa: E402


def families():
    """``(family, scenarios, draw)`` for every in-sample family, in the studies' seeding."""
    from mse_heldout4 import HELDOUT4, simulate_heldout4
    from mse_heldout5 import HELDOUT5, simulate_heldout5
    from mse_heldout6 import HELDOUT6, simulate_heldout6
    return [("default", mm.SCENARIOS, mm.simulate), ("heldout", mm.HELDOUT, mm.simulate_heldout),
            ("heldout2", mm.HELDOUT2, mm.simulate_heldout2),
            ("heldout3", mm.HELDOUT3, mm.simulate_heldout3),
            ("heldout4", HELDOUT4, simulate_heldout4), ("heldout5", HELDOUT5, simulate_heldout5),
            ("heldout6", HELDOUT6, simulate_heldout6)]


def gap_study(groups, do_fit: bool) -> None:
    """Wave 9's readings of a list holding far too many people alone
    (tally.estimate.list_readings): per scenario and list count, how often the excess
    sign fires, how often it is read as one group or as a gap-filling list, and, with
    ``do_fit``, the default's coverage on those tables before (the confirming-list
    handling alone) and after (the real code path), with the median width / N."""
    from tally.estimate.list_readings import excess_reading
    print("| family | scenario | lists | excess sign | read as one group | read as gap-filling | "
          "covered before -> after (where read) | median width / N before -> after |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for fam, scenario, t, tables in groups:
        excess = group = gap = before = after = 0
        widths = []
        for table, truth in tables:
            kind, j, _ = excess_reading(table)
            excess += j is not None
            group += kind == "group"
            gap += kind == "gap"
            if kind and do_fit:
                b, a = fit(table, truth, handled="confirming"), fit(table, truth)
                before += bool(b and b[0])
                after += bool(a and a[0])
                if b and a:
                    widths.append(((b[2].upper - b[2].lower) / truth, (a[2].upper - a[2].lower) / truth))
        if not excess:
            continue
        w = np.median(np.array(widths), axis=0) if widths else [np.nan] * 2
        cov = f"{before} -> {after} | {w[0]:.2f} -> {w[1]:.2f}" if do_fit and (group or gap) else " | "
        print(f"| {fam} | {scenario} | {t} | {excess}/{len(tables)} | {group} | {gap} | {cov} |",
              flush=True)


def coverage_tables(reps: int):
    """mse_coverage.py's three scenarios (model-true tables, N = 2,000), seeded as there."""
    for name, (simulate, _) in mse_coverage.SCENARIOS.items():
        rng = np.random.default_rng(20261130)
        yield name, [(simulate(rng), mse_coverage.N) for _ in range(reps)]


def pair_ratios(table) -> dict:
    """For each pair of lists: the people on either of them and on no other list, over
    how many independence of the pair from the other lists predicts (the out-of-scope
    question: fighters counted by two broad lists and by no other). Needs 4+ lists."""
    import itertools
    import math

    from tally.estimate.list_structure import independence_n
    from tally.estimate.tables import history_matrix
    hist = history_matrix(table.t).astype(bool)
    out = {}
    for i, j in itertools.combinations(range(table.t), 2):
        pair = hist[:, [i, j]].any(axis=1)
        rest = np.delete(hist, [i, j], axis=1)
        others = rest.any(axis=1)
        seen = float(table.counts[others].sum())
        with_pair = float(table.counts[others & pair].sum())
        if rest.shape[1] < 2 or with_pair == 0:
            continue
        keep = rest[others]
        sub = type(table).from_histories([f"L{k}" for k in range(rest.shape[1])],
                                         keep.astype(int), counts=table.counts[others])
        n_rest = independence_n(sub)
        if math.isfinite(n_rest):
            out[(i, j)] = float(table.counts[pair & ~others].sum()) / (with_pair / seen * (n_rest - seen))
    return out


#: The pair statistic's thresholds for the out-of-scope table: the largest pair ratio
#: over this, and over this many times the median pair's.
PAIR_RATIO, PAIR_CONTRAST = 1.4, 1.3


def fit(table, truth, handled: bool | str = True):
    """``(covered, relative error, result)`` of the default: with every list-structure
    handling (``handled`` True, the real code path), with none (False), or with the
    confirming-list one alone (``"confirming"``: the default before wave 9's readings)."""
    from tally.estimate import ensemble
    from tally.estimate.list_structure import handle_confirming_list
    keep = ensemble.handle_list_structure
    if handled is False:
        ensemble.handle_list_structure = lambda table, result, refit: result
    elif handled == "confirming":
        ensemble.handle_list_structure = handle_confirming_list
    try:
        res = estimate_table(table)
    except EstimationError:
        return None
    finally:
        ensemble.handle_list_structure = keep
    return bool(res.lower <= truth <= res.upper), res.n_hat / truth - 1, res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--fit", action="store_true", help="fit the default before/after where the sign fires")
    ap.add_argument("--lists", default="3,4,5")
    ap.add_argument("--only", default=None, help="comma-separated scenarios")
    ap.add_argument("--pairs", action="store_true",
                    help="also count tables where one pair of lists holds many people no other list "
                         "does (the out-of-scope question; 4-5 lists)")
    ap.add_argument("--dump", default=None, help="write every table's ratios to this JSON file")
    ap.add_argument("--gap", action="store_true",
                    help="wave 9: where a list holding far too many people alone is read as one "
                         "group or as gap-filling (with --fit: coverage before/after there)")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None
    groups = []
    for fam, scenarios, draw in families():
        for i, scenario in enumerate(scenarios):
            if only and scenario not in only:
                continue
            for t in (int(x) for x in args.lists.split(",")):
                rng = np.random.default_rng([args.seed, i, t])
                groups.append((fam, scenario, t, [draw(scenario, t, rng) for _ in range(args.reps)]))
    if not only or only & set(mse_coverage.SCENARIOS):
        for name, tables in coverage_tables(args.reps):
            if (only and name not in only) or str(tables[0][0].t) not in args.lists:
                continue
            groups.append(("coverage", name, tables[0][0].t, tables))
    if args.gap:
        gap_study(groups, args.fit)
        return
    print("| family | scenario | lists | min ratio q10 / q50 / q90 | next / min q50 | fires | "
          "covered before -> after | the reading without the list covers | median width / N before -> after |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    dump = []
    for fam, scenario, t, tables in groups:
        mins, contrast, fires, before, after, reading, widths, pair_fires = [], [], 0, 0, 0, 0, [], 0
        for table, truth in tables:
            r = corroboration_ratios(table)
            ok = np.isfinite(r)
            srt = np.sort(r[ok])
            mins.append(srt[0] if srt.size else np.nan)
            contrast.append(srt[1] / srt[0] if srt.size > 1 and srt[0] > 0 else np.inf)
            if args.pairs and t >= 4:
                pr = sorted(pair_ratios(table).values(), reverse=True)
                pair_fires += bool(pr and pr[0] > PAIR_RATIO and pr[0] > PAIR_CONTRAST * np.median(pr))
            j = dependent_list(table)
            dump.append({"family": fam, "scenario": scenario, "t": t,
                         "ratios": [None if not np.isfinite(x) else float(x) for x in r],
                         "fires": j})
            if j is None:
                continue
            fires += 1
            if args.fit:
                b, a = fit(table, truth, handled=False), fit(table, truth)
                before += bool(b and b[0])
                after += bool(a and a[0])
                info = a[2].diagnostics.get("confirming_list", {}) if a else {}
                w = info.get("without_list")
                reading += bool(w and w["lower"] <= truth <= w["upper"])
                if b and a:
                    widths.append(((b[2].upper - b[2].lower) / truth, (a[2].upper - a[2].lower) / truth))
        m = np.array(mins, dtype=float)
        q = np.nanquantile(m, [0.1, 0.5, 0.9]) if np.isfinite(m).any() else [np.nan] * 3
        c = np.median(np.array(contrast, dtype=float))
        w = np.median(np.array(widths), axis=0) if widths else [np.nan] * 2
        cov = (f"{before} -> {after} | {reading} | {w[0]:.2f} -> {w[1]:.2f}"
               if args.fit and fires else " | | ")
        print(f"| {fam} | {scenario} | {t} | {q[0]:.2f} / {q[1]:.2f} / {q[2]:.2f} | {c:.2f} | "
              f"{fires}/{len(tables)} | {cov} |" + (f" pair sign {pair_fires}/{len(tables)} |" if args.pairs else ""),
              flush=True)
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump))


if __name__ == "__main__":
    main()
