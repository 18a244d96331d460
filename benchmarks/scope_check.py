"""Out-of-scope records at project level: does `tally estimate`'s status check warn when
one list also names people outside the population (fighters its sources announce,
deaths never confirmed), stay quiet on clean projects, and does `--exclude-status`
bring the estimate back?

Each replicate simulates a conflict (the in-sample generator, ``simulate_conflict``) with
and without ``out_of_scope`` on one list, ingests and links it as `tally demo` does, and
estimates with the default. Truth: every victim of the simulated incidents
(``true_total``), and the civilians among them (the estimand once combatants are
excluded). In-sample: the simulator option and the check were written together.

    .venv/bin/python benchmarks/scope_check.py --reps 6 --size 2000 --share 0.15
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import tempfile
import time
from pathlib import Path


def _truth(sim: Path) -> tuple[int, int]:
    with open(sim / "truth" / "persons.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return len(rows), sum(r["status"] == "civilian" for r in rows)


def one(seed: int, size: int, share: float, on: str, root: Path) -> dict:
    from tally.demo import ingest_simulation
    from tally.estimate.project import estimate_project
    from tally.link import link_project
    from tally.project import Project
    from tally.simulate import simulate_conflict

    sim = root / "sim"
    res = simulate_conflict(sim, seed=seed, size=size, out_of_scope=share,
                            out_of_scope_list=on)
    project = Project.init(root / "project")
    ingest_simulation(project, sim)
    link_project(project)
    n_all, n_civ = _truth(sim)
    out = {"seed": seed, "share": share, "list": on, "truth": n_all, "truth_civilian": n_civ,
           "extra": res.out_of_scope}
    for label, excl in (("default", None),
                        ("exclude", ["combatant", "Missing", "Not confirmed", "مفقود",
                                     "غير مؤكد", "not confirmed", "missing"])):
        run = estimate_project(project, linkage_draws=0, exclude_status=excl)
        row = run.rows[0]
        out[label] = {"n_hat": row["n_hat"], "lower": row["lower"], "upper": row["upper"],
                      "persons": run.persons_used,
                      "warned": [w[:90] for w in run.scope["warnings"]],
                      "excluded": (run.scope.get("excluded") or {}).get("persons")}
    shutil.rmtree(root, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=6)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--share", type=float, default=0.15)
    ap.add_argument("--list", default="rg-en")
    ap.add_argument("--first-seed", type=int, default=100)
    ap.add_argument("--out", type=Path, default=None, help="write every replicate as JSON")
    args = ap.parse_args()
    rows = []
    t0 = time.time()
    for i in range(args.reps):
        seed = args.first_seed + i
        for share in (0.0, args.share):
            with tempfile.TemporaryDirectory(prefix="scope-") as tmp:
                r = one(seed, args.size, share, args.list, Path(tmp))
            rows.append(r)
            d, e = r["default"], r["exclude"]
            print(f"seed {seed} share {share:.2f}: truth {r['truth']} (civ {r['truth_civilian']}); "
                  f"default {d['n_hat']:.0f} ({d['lower']:.0f}-{d['upper']:.0f}) "
                  f"covers {d['lower'] <= r['truth'] <= d['upper']}, warned {len(d['warned'])}; "
                  f"excluded {e['excluded']}: {e['n_hat']:.0f} ({e['lower']:.0f}-{e['upper']:.0f}) "
                  f"covers civ {e['lower'] <= r['truth_civilian'] <= e['upper']}", flush=True)
            for w in d["warned"]:
                print("   ", w)
    print(f"{time.time() - t0:.0f} s")
    for share in (0.0, args.share):
        rs = [r for r in rows if r["share"] == share]
        d = [r["default"] for r in rs]
        e = [r["exclude"] for r in rs]
        cov = sum(x["lower"] <= r["truth"] <= x["upper"] for x, r in zip(d, rs))
        cov_e = sum(x["lower"] <= r["truth_civilian"] <= x["upper"] for x, r in zip(e, rs))
        ratio = sum(x["n_hat"] / r["truth"] for x, r in zip(d, rs)) / len(rs)
        ratio_e = sum(x["n_hat"] / r["truth_civilian"] for x, r in zip(e, rs)) / len(rs)
        print(f"share {share:.2f}: warned {sum(bool(x['warned']) for x in d)}/{len(rs)}; "
              f"default covers {cov}/{len(rs)}, mean n_hat/truth {ratio:.3f}; excluded covers "
              f"civilians {cov_e}/{len(rs)}, mean n_hat/civilians {ratio_e:.3f}")
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
