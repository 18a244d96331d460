"""Report and public export speed on a large simulated project.

Simulates a conflict, ingests its five lists, links and estimates (as the demo
does), then times `render_report` and `export_public` (CSV and XLSX, with HXL) on
the result. The project is kept under benchmarks/_work/report/nSIZE so the report
can be re-timed with --reuse.

    python benchmarks/report.py [--size 1000000] [--seed 5] [--reuse] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import time
import warnings
from pathlib import Path

WORK = Path(__file__).parent / "_work" / "report"


def build(size: int, seed: int):
    from tally.estimate.project import estimate_project
    from tally.demo import ingest_simulation
    from tally.link import link_project
    from tally.project import Project
    from tally.simulate import simulate_conflict

    root = WORK / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)
    t0 = time.perf_counter()
    simulate_conflict(root / "sim", seed=seed, size=size)
    project = Project.init(root / "project")
    ingest_simulation(project, root / "sim")
    t1 = time.perf_counter()
    link_project(project)
    t2 = time.perf_counter()
    estimate_project(project)
    t3 = time.perf_counter()
    print(f"built: simulated and ingested in {t1 - t0:.0f} s, linked in {t2 - t1:.0f} s, "
          f"estimated in {t3 - t2:.1f} s")
    return project


def main() -> None:
    from tally.report.public import export_public
    from tally.project import Project
    from tally.report import render_report

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="time an existing project again")
    parser.add_argument("--keep", action="store_true", help="keep the project afterwards")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    root = WORK / f"n{args.size}"
    project = Project.open(root / "project") if args.reuse else build(args.size, args.seed)
    with project.connect(read_only=True) as con:
        records, persons = con.execute(
            "SELECT (SELECT count(*) FROM victim_record), "
            "(SELECT count(DISTINCT person_id) FROM person_record)").fetchall()[0]
    t0 = time.perf_counter()
    path = render_report(project, root / "report.html")
    t_report = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = export_public(project, root / "public.csv", hxl=True).rows
    t_export = time.perf_counter() - t0
    t0 = time.perf_counter()
    export_public(project, root / "public.xlsx", "xlsx", hxl=True)
    t_xlsx = time.perf_counter() - t0
    meta = json.loads((root / "public.csv.json").read_text(encoding="utf-8"))["generalisation"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"{records:,} records, {persons:,} persons: report written in {t_report:.1f} s "
          f"({path.stat().st_size / 1024:.0f} KiB); public export of {rows:,} victims in "
          f"{t_export:.1f} s (CSV), {t_xlsx:.1f} s (XLSX); peak RSS of the process {peak:.2f} GiB")
    print("public export, victims per level of detail (k={}): {}; suppressed {}".format(
        meta["k"], ", ".join(f"{lv['level']} {lv['rows']:,}" for lv in meta["levels"]),
        meta["suppressed"]))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
