"""Ingest speed and memory: a 1,000,000-row interchange CSV.

Goal (Foundation issue): under 60 s on the 2-core development machine with peak
memory under 3 GiB. The ingest runs in a child process (`python -m tally`) so
its peak resident memory is measured alone.

    python benchmarks/ingest.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(__file__).parent / "_work"

GIVEN = ["محمد", "أحمد", "علي", "حسن", "حسين", "يوسف", "فاطمة", "زينب", "Mohammed", "Ali",
         "Hassan", "Youssef", "Rami", "Nour", "Hind", "Kamal", "Sami", "Layla"]
FAMILY = ["الأحمد", "إبراهيم", "سليمان", "الخطيب", "الأطرش", "أبو فخر", "al-Ahmad", "Ibrahim",
          "Suleiman", "al-Khatib", "al-Atrash", "Azzam", "Deeb"]
PLACES = ["جبلة", "بانياس", "القرداحة", "السويداء", "شهبا", "Jableh", "Baniyas", "Homs"]


def make_csv(path: Path, rows: int) -> None:
    rng = random.Random(1)
    header = ("record_id,source,name,given_name,father_name,grandfather_name,family_name,"
              "mother_name,sex,age,birth_year,date_of_death,place,governorate,district,"
              "community,status,cause,perpetrator_claimed,notes\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header)
        for i in range(rows):
            g, fa, gf, fam = (rng.choice(GIVEN), rng.choice(GIVEN), rng.choice(GIVEN),
                              rng.choice(FAMILY))
            f.write(
                f"{i},bench,{g} {fa} {fam},{g},{fa},{gf},{fam},{rng.choice(GIVEN)},"
                f"{rng.choice(('male', 'female'))},{rng.randint(0, 90)},,"
                f"2025-0{rng.randint(1, 9)}-{rng.randint(10, 28)},{rng.choice(PLACES)},"
                f"Latakia,Jableh,,civilian,gunshot,,\"row {i}, as written\"\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    data = WORK / "records.csv"
    t0 = time.perf_counter()
    make_csv(data, args.rows)
    print(f"generated {args.rows:,} rows ({data.stat().st_size / 2**20:.0f} MiB) "
          f"in {time.perf_counter() - t0:.1f} s")
    tally = [sys.executable, "-m", "tally"]
    proj = WORK / "proj"
    subprocess.run([*tally, "init", proj], check=True, capture_output=True)
    subprocess.run([*tally, "-p", proj, "source", "add", "bench", "--name", "Bench",
                    "--kind", "other", "--reliability", "F"], check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    result = subprocess.run([*tally, "-p", proj, "ingest", data, "--source", "bench"],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode != 0:
        sys.exit(result.stderr)
    print(result.stdout.strip())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"ingest wall time: {elapsed:.1f} s  (goal < 60 s)")
    print(f"ingest peak RSS: {peak_kib / 2**20:.2f} GiB  (goal < 3 GiB; "
          f"earlier children peaked at {before / 2**20:.2f} GiB)")
    print(f"rows per second: {args.rows / elapsed:,.0f}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
