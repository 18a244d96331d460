"""Does carrying linkage's doubt into the interval make it cover? (Estimate II, item 6)

On simulated conflicts with known truth: simulate, ingest, link with Tally's linker,
then estimate (the default method) three ways — from the stored clustering, pooled over
clusterings drawn from the linker's pair probabilities (``linkage_draws``), and from the
true persons (perfect linkage). Prints, per seed, each interval and whether it holds the
true total, then how often each covers and how much wider the pooled interval is.

    python benchmarks/linkage_uncertainty.py --seeds 1-8 --size 2500 --profile independent

``independent`` is the profile whose linkage is worst (Link II's held-out figures), so
linkage errors matter most there; ``hard`` is the tuning profile.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WORK = Path(os.environ.get("TALLY_LU_WORK") or ROOT / "benchmarks" / "_work" / "linkage_uncertainty")


def _seeds(text: str) -> list[int]:
    if "-" in text:
        a, b = text.split("-")
        return list(range(int(a), int(b) + 1))
    return [int(x) for x in text.split(",")]


def one(seed: int, size: int, profile: str, draws: int) -> dict:
    from tally.demo import ingest_simulation
    from tally.errors import EstimationError
    from tally.estimate import CaptureTable, estimate_table
    from tally.estimate.project import estimate_project
    from tally.link import link_project
    from tally.project import Project
    from tally.simulate import simulate_conflict
    from tally.simulate.score import load_record_sources, load_record_truth, true_total

    root = WORK / f"s{seed}"
    shutil.rmtree(root, ignore_errors=True)
    simulate_conflict(root / "sim", seed=seed, size=size, profile=profile)
    project = Project.init(root / "project")
    ingest_simulation(project, root / "sim")
    link_project(project)
    try:
        truth = true_total(root / "sim")
    except FileNotFoundError:  # profiles that write only persons.csv: every person, recorded or not
        import json

        truth = json.loads((root / "sim" / "simulation.json").read_text())["counts"]["persons"]
    run = estimate_project(project, linkage_draws=draws)
    row, lk = run.rows[0], run.linkage or {}
    sources = load_record_sources(root / "sim")
    members: dict[str, set[str]] = {}
    for record, person in load_record_truth(root / "sim").items():
        if record in sources:
            members.setdefault(person, set()).add(sources[record])
    lists = run.lists
    try:
        perfect = estimate_table(CaptureTable.from_histories(
            lists, [[int(s in on) for s in lists] for on in members.values()]))
        perfect_iv = (perfect.n_hat, perfect.lower, perfect.upper)
    except EstimationError:
        perfect_iv = None
    shutil.rmtree(root, ignore_errors=True)
    return {"seed": seed, "truth": truth,
            "single": None if row["refused"] else (row["n_hat"], row["lower"], row["upper"]),
            "pooled": (lk["n_hat"], lk["lower"], lk["upper"]) if lk.get("n_hat") is not None else None,
            "perfect": perfect_iv}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="1-8")
    ap.add_argument("--size", type=int, default=2500)
    ap.add_argument("--profile", default="independent")
    ap.add_argument("--draws", type=int, default=20)
    args = ap.parse_args()
    print(f"# linkage uncertainty coverage: profile {args.profile}, size {args.size}, "
          f"{args.draws} clusterings, {platform.machine()}, load {os.getloadavg()[0]:.1f}")
    print("| seed | truth | stored clustering | pooled over clusterings | perfect linkage |")
    print("| --- | --- | --- | --- | --- |")
    cover = {"single": 0, "pooled": 0, "perfect": 0}
    counted = {"single": 0, "pooled": 0, "perfect": 0}
    widen = []
    t0 = time.perf_counter()
    for seed in _seeds(args.seeds):
        r = one(seed, args.size, args.profile, args.draws)
        cells = []
        for k in ("single", "pooled", "perfect"):
            iv = r[k]
            if iv is None:
                cells.append("refused")
                continue
            hit = iv[1] <= r["truth"] <= iv[2]
            cover[k] += hit
            counted[k] += 1
            cells.append(f"{iv[0]:,.0f} ({iv[1]:,.0f}-{iv[2]:,.0f}){' ✓' if hit else ' ✗'}")
        if r["single"] and r["pooled"]:
            widen.append((r["pooled"][2] - r["pooled"][1]) / max(r["single"][2] - r["single"][1], 1e-9))
        print(f"| {seed} | {r['truth']:,} | " + " | ".join(cells) + " |", flush=True)
    print("\n" + "; ".join(f"{k}: covers {cover[k]} of {counted[k]}" for k in cover)
          + (f"; pooled interval {sorted(widen)[len(widen) // 2]:.2f} times as wide (median)" if widen else "")
          + f"; {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
