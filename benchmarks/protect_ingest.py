"""What encryption at rest costs at ingest (issue 19): one list of N rows with
every sensitive field filled, ingested into a plain and into an encrypted
project (tally init --encrypt), in one run so the ratio compares like with like.

    .venv/bin/python benchmarks/protect_ingest.py --rows 100000
    .venv/bin/python benchmarks/protect_ingest.py --rows 1000000 --encrypt-after

--encrypt-after also times `tally encrypt` of the plain project (encrypting after
the fact: the store rebuilt with every record sealed). The process stops itself
if its memory passes --max-gib (a shared machine: an out-of-memory kill takes
other work with it); peak memory and the load average are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import threading
import time
from pathlib import Path

from tally.ingest import ingest_file
from tally.project import Project
from tally.sources import add_source

HEADER = ("record_id,name,sex,age,date_of_death,place,governorate,status,witness_name,"
          "witness_contact,consent,national_id,birth_date,address,notes")
GIVEN = ["Ahmad", "Mohammad", "Ali", "Hasan", "Fatima", "Zainab", "Yusuf", "Omar", "Huda", "Rami"]
FAMILY = ["Hasan", "Ibrahim", "Suleiman", "al-Ahmad", "Abu Fakhr", "al-Atrash", "Khalil"]


def write_list(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for i in range(rows):
            name = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            out.write(
                f"r{i},{name},{rng.choice(['male', 'female'])},{rng.randint(1, 90)},"
                f"2025-03-{rng.randint(1, 28):02d},Baniyas,Tartus,civilian,"
                f"Witness {rng.randint(1, 10**6)},+963-9{rng.randint(10**7, 10**8 - 1)},"
                f"storage;publication,{rng.randint(10**10, 10**11 - 1)},"
                f"19{rng.randint(30, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},"
                f"Street {rng.randint(1, 500)},seen at the checkpoint\n")


def timed_ingest(folder: Path, listing: Path, encrypt: bool) -> tuple[float, float]:
    """Wall and CPU seconds (all threads of this process) of one ingest: on a shared
    machine the CPU time is the figure to compare, the wall time mostly waiting."""
    project = Project.init(folder, encrypt=encrypt,
                           passphrase=b"benchmark passphrase" if encrypt else None)
    add_source(project, "w", name="W", kind="witness", reliability="B")
    if encrypt:
        project.data_key()  # the passphrase's Argon2id once, as at the start of any command
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest_file(project, listing, "w")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {'encrypted' if encrypt else 'plain'}: CPU {cpu:.2f} s "
          "(all threads of this process)", flush=True)
    assert report.records == listing_rows(listing)
    return elapsed, cpu


def listing_rows(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in handle) - 1


def _watch_memory(max_gib: float) -> None:
    """Stop this process (exit 3) if its resident memory passes ``max_gib``."""
    def run() -> None:
        while True:
            with open("/proc/self/status", encoding="ascii") as status:
                rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
            if rss > max_gib * (1 << 20):
                print(f"stopped: resident memory {rss >> 20} MiB over {max_gib} GiB", flush=True)
                os._exit(3)
            time.sleep(0.5)
    threading.Thread(target=run, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--encrypt-after", action="store_true")
    parser.add_argument("--max-gib", type=float, default=5.5)
    args = parser.parse_args()
    _watch_memory(args.max_gib)
    print(f"load average at start {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        listing = tmp / "list.csv"
        write_list(listing, args.rows)
        plain, plain_cpu = timed_ingest(tmp / "plain", listing, False)
        print(f"plain ingest {plain:.2f} s (load {os.getloadavg()[0]:.1f})", flush=True)
        encrypted, encrypted_cpu = timed_ingest(tmp / "encrypted", listing, True)
        print(f"encrypted ingest {encrypted:.2f} s (load {os.getloadavg()[0]:.1f})", flush=True)
        size = lambda p: sum(f.stat().st_size for f in p.rglob("*") if f.is_file())  # noqa: E731
        print(f"rows {args.rows}: plain {plain:.2f} s, encrypted {encrypted:.2f} s, "
              f"ratio {encrypted / plain:.2f}x; CPU plain {plain_cpu:.2f} s, encrypted "
              f"{encrypted_cpu:.2f} s, ratio {encrypted_cpu / plain_cpu:.2f}x; "
              f"project size plain {size(tmp / 'plain') >> 20} MiB, "
              f"encrypted {size(tmp / 'encrypted') >> 20} MiB", flush=True)
        if args.encrypt_after:
            from tally.ingest.encrypting import encrypt_project

            start = time.perf_counter()
            encrypt_project(tmp / "plain", b"benchmark passphrase")
            after = time.perf_counter() - start
            print(f"tally encrypt of the plain project: {after:.2f} s "
                  f"({after / plain:.2f}x its ingest; load {os.getloadavg()[0]:.1f}); "
                  f"size {size(tmp / 'plain') >> 20} MiB", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
    print(f"peak resident memory {peak} MiB; load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
