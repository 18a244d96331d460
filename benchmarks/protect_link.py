"""What an encrypted project costs at linkage (issue 19): one simulated conflict
(`tally simulate`), its lists ingested into a plain and into an encrypted project,
then `tally link` timed on each, in one run.

    .venv/bin/python benchmarks/protect_link.py --size 50000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tally.ingest import ingest_file
from tally.link.run import link_project
from tally.project import Project
from tally.simulate import simulate_conflict
from tally.sources import add_source

LISTS = {"rg-ar": "rg-ar_cp1256.csv", "rg-en": "rg-en.xlsx", "local": "local_mixed.csv",
         "morgue": "morgue_utf16.txt", "monitor": "monitor.jsonl"}


def build(folder: Path, sim: Path, encrypt: bool) -> tuple[Project, float]:
    project = Project.init(folder, encrypt=encrypt,
                           passphrase=b"benchmark passphrase" if encrypt else None)
    if encrypt:
        project.data_key()
    start = time.perf_counter()
    for source, name in LISTS.items():
        add_source(project, source, name=source, kind="rights_group_list", reliability="B")
        ingest_file(project, sim / "lists" / name, source, mapping=sim / "mappings" / f"{source}.toml")
    return project, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # warm-up (imports, compiled functions, caches) so neither timed run pays it
        simulate_conflict(tmp / "warm", seed=args.seed, size=500)
        link_project(build(tmp / "warm-project", tmp / "warm", False)[0])
        simulate_conflict(tmp / "sim", seed=args.seed, size=args.size)
        times = {}
        for name, encrypt in (("plain", False), ("encrypted", True)):
            project, ingest = build(tmp / name, tmp / "sim", encrypt)
            start = time.perf_counter()
            report = link_project(project)
            times[name] = (ingest, time.perf_counter() - start, report)
        (pi, pl, pr), (ei, el, er) = times["plain"], times["encrypted"]
        print(f"size {args.size}: ingest plain {pi:.1f} s, encrypted {ei:.1f} s ({ei / pi:.2f}x); "
              f"link plain {pl:.1f} s, encrypted {el:.1f} s ({el / pl:.2f}x)")
        print(f"plain: {pr}\nencrypted: {er}")


if __name__ == "__main__":
    main()
