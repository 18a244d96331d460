"""Refit the shipped calibration map of pair probabilities (tally.link.calibration).

Simulates projects of the tuning profiles (``hard`` and ``independent``; never
the held-out ``field``), links each with the current scoring, and fits an
isotonic map from the model's probability of every stored pair to whether the
two records are one person (one map for named pairs, one for pairs with an
unidentified body), each profile weighted equally. Writes
src/tally/data/link_calibration.json and prints the reliability table before
and after, in-sample, and on ``--check`` profiles (held out: not fitted on).

    python benchmarks/fit_calibration.py                      # refit and write
    python benchmarks/fit_calibration.py --check field --no-write
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
    from tally.link.calibration import PairCalibration, fit_isotonic

    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", nargs="+", default=["hard", "independent"])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12])
    parser.add_argument("--check", nargs="*", default=[], help="held-out profiles to report")
    parser.add_argument("--cache", type=Path, help="keep each run's pairs here (refit quickly)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)

    def pairs(profile, seed):
        cache = args.cache / f"{profile}-{args.size}-{seed}.npz" if args.cache else None
        return stored_pairs(profile, args.size, seed, cache)

    parts, named, bodies = {}, [], []
    for profile in args.profiles:
        got = [pairs(profile, seed) for seed in args.seeds]
        p, t, body = (np.concatenate([g[k] for g in got]) for k in range(3))
        parts[profile] = (p, t, body)
        # each profile weighs the same in each map
        for into, sel in ((named, ~body), (bodies, body)):
            if sel.any():
                into.append((p[sel], t[sel], np.full(int(sel.sum()), 1.0 / sel.sum())))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent).stdout.strip()
    source = (f"simulated {'+'.join(args.profiles)} {args.size:,}-record projects, seeds "
              f"{','.join(map(str, args.seeds))}, scoring of {commit or '?'}")

    def fit(groups, what):
        return fit_isotonic(*(np.concatenate([g[k] for g in groups]) for k in range(3)),
                            source=f"{what}: {source}")

    calibration = PairCalibration(fit(named, "named pairs"), fit(bodies, "pairs with a body"),
                                  source)
    print(f"maps: {len(calibration.named.x)} and {len(calibration.body.x)} knots; {source}")
    for profile, (p, t, body) in parts.items():
        table(f"{profile} (fitted on, in-sample): model probability", p, t, body, calibration)
    for profile in args.check:
        p, t, body = pairs(profile, 5)
        table(f"{profile} (held out, seed 5): model probability", p, t, body, calibration)
    if not args.no_write:
        TARGET.write_text(json.dumps(calibration.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TARGET}")


if __name__ == "__main__":
    sys.exit(main())
