"""Simulation speed and memory: 1,000,000 list records.

Runs `python -m tally simulate` in a child process (so that its peak resident
memory is measured alone), then checks the output: record count from the
truth file, every list present. Prints a row for benchmarks/RESULTS.md.

    python benchmarks/simulate.py [--size 1000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(__file__).parent / "_work" / "simulate"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the output folder")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tally", "simulate", str(WORK), "--seed", str(args.seed),
                    "--size", str(args.size)], check=True)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # KiB -> GiB
    manifest = json.loads((WORK / "simulation.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    with open(WORK / "truth" / "records.csv", encoding="utf-8") as f:
        truth_records = sum(1 for _ in f) - 1
    assert truth_records == counts["records"], (truth_records, counts["records"])
    size = sum(p.stat().st_size for p in WORK.rglob("*") if p.is_file()) / 2**20
    print(f"records {counts['records']:,} ({', '.join(f'{k} {v:,}' for k, v in counts['records_by_source'].items())}); "
          f"persons {counts['persons']:,}; incidents {counts['incidents']:,}; articles {counts['articles']:,}; "
          f"output {size:,.0f} MiB")
    print(f"wall {wall:.1f} s, peak RSS {peak:.2f} GiB, {counts['records'] / wall:,.0f} records/s")
    print(f"| {time.strftime('%Y-%m-%d')} | {platform.python_version()} | {counts['records']:,} | "
          f"{counts['persons']:,} | {wall:.1f} s | {peak:.2f} GiB | {counts['records'] / wall:,.0f} |")
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
