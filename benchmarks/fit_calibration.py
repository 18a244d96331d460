"""Refit the shipped calibration map of pair probabilities (tally.link.calibration).

Simulates projects of the development profiles (``hard``, ``independent``,
``field`` and ``audit``, so the map is less tied to one generator; never a
held-out profile), links each with the current scoring, and fits an
isotonic map from the model's probability of every stored pair to whether the
two records are one person (one map for named pairs, one for pairs with an
unidentified body) at each of ``--sizes`` (the share of stored pairs that
are true at one probability falls as namesakes grow with the lists), each
profile weighted equally. Writes
src/tally/data/link_calibration.json and prints the reliability table before
and after, in-sample, and on ``--check`` profiles (not fitted on).

    python benchmarks/fit_calibration.py                      # refit and write
    python benchmarks/fit_calibration.py --profiles hard independent --check audit --no-write
    python benchmarks/fit_calibration.py --cache /tmp/pairs   # keep the runs' pairs

Run it again whenever scoring changes (tests/unit/link/test_calibration.py
checks the shipped map is monotone and calibrates a project it was not
fitted on). Scratch space is benchmarks/linkage.py's (TALLY_LINKAGE_WORK).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import linkage  # noqa: E402

TARGET = Path(__file__).parents[1] / "src" / "tally" / "data" / "link_calibration.json"


def stored_pairs(profile: str, size: int, seed: int, cache: Path | None = None):
    """The model's probability of each pair a link run stored, its truth, and
    whether it has an unidentified body (cached in ``cache`` when given)."""
    if cache is not None and cache.exists():
        d = np.load(cache)
        return d["p"], d["t"], d["body"]
    project, truth, _, unidentified = linkage.prepared(size, seed, profile)
    linkage.tally_link(project)
    with project.connect() as con:
        rows = con.execute(
            "SELECT vl.source_record_id, vr.source_record_id, "
            "coalesce(p.model_probability, p.match_probability) FROM record_pair p "
            "JOIN victim_record vl ON vl.record_id = p.record_id_l "
            "JOIN victim_record vr ON vr.record_id = p.record_id_r").fetchall()
    p = np.array([r[2] for r in rows], float)
    t = np.array([truth.get(a) is not None and truth.get(a) == truth.get(b) for a, b, _ in rows],
                 float)
    body = np.array([a in unidentified or b in unidentified for a, b, _ in rows], bool)
    if cache is not None:
        np.savez(cache, p=p, t=t, body=body)
    return p, t, body


def table(title: str, p, t, body, calibration) -> None:
    from tally.link.calibration import format_reliability, reliability

    head = "| bin | pairs | mean predicted | share true |\n| --- | --- | --- | --- |"
    print(f"\n{title} ({int(body.sum()):,} of {p.size:,} pairs with a body)\n{head}")
    print(format_reliability(reliability(p, t)))
    print(f"\nafter the maps:\n{head}")
    print(format_reliability(reliability(calibration.apply(p, body), t)))


def main() -> None:
    from tally.link.calibration import PairCalibration, ShippedCalibration, fit_isotonic

    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", nargs="+", default=["hard", "independent", "field", "audit"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12],
                        help="seeds at the smallest size (one, the first, at larger sizes)")
    parser.add_argument("--check", nargs="*", default=[], help="held-out profiles to report")
    parser.add_argument("--cache", type=Path, help="keep each run's pairs here (refit quickly)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)

    def pairs(profile, size, seed):
        cache = args.cache / f"{profile}-{size}-{seed}.npz" if args.cache else None
        return stored_pairs(profile, size, seed, cache)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent).stdout.strip()
    source = (f"simulated {'+'.join(args.profiles)} projects, scoring of {commit or '?'} "
              "(benchmarks/fit_calibration.py)")
    maps, parts = [], {}
    for size in sorted(args.sizes):
        seeds = args.seeds if size == min(args.sizes) else args.seeds[:1]
        named, bodies = [], []
        for profile in args.profiles:
            got = [pairs(profile, size, seed) for seed in seeds]
            p, t, body = (np.concatenate([g[k] for g in got]) for k in range(3))
            parts[(profile, size)] = (p, t, body)
            # each profile weighs the same in each map
            for into, sel in ((named, ~body), (bodies, body)):
                if sel.any():
                    into.append((p[sel], t[sel], np.full(int(sel.sum()), 1.0 / sel.sum())))
        where = f"{size:,} records, seeds {','.join(map(str, seeds))}"

        def fit(groups, what):
            return fit_isotonic(*(np.concatenate([g[k] for g in groups]) for k in range(3)),
                                source=f"{what} at {where}")

        maps.append((size, PairCalibration(fit(named, "named pairs"),
                                           fit(bodies, "pairs with a body"), source)))
    shipped = ShippedCalibration(tuple(maps), source)
    print(f"maps at {', '.join(f'{n:,}' for n, _ in maps)} records; {source}")
    for (profile, size), (p, t, body) in parts.items():
        table(f"{profile} {size:,} (fitted on, in-sample): model probability", p, t, body,
              shipped.for_records(size))
    for profile in args.check:
        for size in sorted(args.sizes):
            p, t, body = pairs(profile, size, 5)
            table(f"{profile} {size:,} (held out, seed 5): model probability", p, t, body,
                  shipped.for_records(size))
    if not args.no_write:
        TARGET.write_text(json.dumps(shipped.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TARGET}")


if __name__ == "__main__":
    sys.exit(main())
