"""What encryption at rest costs at ingest (issue 19): one list of N rows with
every sensitive field filled, ingested into a plain and into an encrypted
project (tally init --encrypt), in one run so the ratio compares like with like.

    .venv/bin/python benchmarks/protect_ingest.py --rows 100000
"""

from __future__ import annotations

import argparse
import random
import tempfile
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


def timed_ingest(folder: Path, listing: Path, encrypt: bool) -> float:
    project = Project.init(folder, encrypt=encrypt,
                           passphrase=b"benchmark passphrase" if encrypt else None)
    add_source(project, "w", name="W", kind="witness", reliability="B")
    if encrypt:
        project.data_key()  # the passphrase's Argon2id once, as at the start of any command
    start = time.perf_counter()
    report = ingest_file(project, listing, "w")
    elapsed = time.perf_counter() - start
    assert report.records == listing_rows(listing)
    return elapsed


def listing_rows(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in handle) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        listing = tmp / "list.csv"
        write_list(listing, args.rows)
        plain = timed_ingest(tmp / "plain", listing, False)
        encrypted = timed_ingest(tmp / "encrypted", listing, True)
        size = lambda p: sum(f.stat().st_size for f in p.rglob("*") if f.is_file())  # noqa: E731
        print(f"rows {args.rows}: plain {plain:.2f} s, encrypted {encrypted:.2f} s, "
              f"ratio {encrypted / plain:.2f}x; project size plain {size(tmp / 'plain') >> 20} MiB, "
              f"encrypted {size(tmp / 'encrypted') >> 20} MiB")


if __name__ == "__main__":
    main()
