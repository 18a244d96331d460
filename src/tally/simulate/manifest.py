"""The files every written-apart profile (kestrel, heron) puts beside its lists: the truth
tables' CSV form, ``simulation.json`` and the README.

Those profiles were written by people who read none of each other's code, so each began
with its own copy of these writers; what they write is the contract that
:mod:`tally.simulate.score`, ``tally demo`` and ``benchmarks/linkage.py`` read, and one copy
keeps it one contract. Their lists, names and errors stay in their own packages.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path


def write_csv(path: Path, header, rows) -> None:
    """A truth table as UTF-8 CSV with ``\\n`` line ends (the form score.py reads)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_manifest(outdir: Path, result, specs, encodings: dict[str, str]) -> None:
    """``simulation.json`` (counts, sources with their file, mapping and ``encodings[id]``,
    the truth files) and a README listing the sources, for a profile's ``result``."""
    manifest = {
        "seed": result.seed, "size": result.size, "profile": result.profile,
        "period": ["2024-12-08", "2025-10-31"],
        "counts": {"records": result.records, "records_by_source": result.records_by_source,
                   "persons": result.persons, "documented_persons": result.documented,
                   "incidents": result.incidents, "articles": 0, "claims": 0},
        "sources": [{"id": s.id, "name": s.name, "kind": s.kind, "reliability": s.reliability,
                     "language": s.language, "file": s.file, "mapping": f"mappings/{s.id}.toml",
                     "encoding": encodings[s.id]} for s in specs],
        "articles": {"dir": "articles", "index": "articles.jsonl", "claims": "truth/claims.json"},
        "truth": {"records": "truth/records.csv", "persons": "truth/persons.csv",
                  "incidents": "truth/incidents.csv",
                  "strata_governorate_month": "truth/strata_governorate_month.csv",
                  "strata_community": "truth/strata_community.csv",
                  "capture_histories": "truth/capture_histories.csv"},
    }
    (outdir / "simulation.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    lines = [f"# Simulated lists (Tally, profile {result.profile})", "",
             f"Seed {result.seed}, size {result.size:,}: {result.persons:,} victims in "
             f"{result.incidents:,} incidents, {result.documented:,} on at least one list; "
             f"{result.records:,} list records. Names are drawn at random from tables of common "
             "names: no record describes a real person.", "",
             "| source | records | file | mapping |", "| --- | --- | --- | --- |"]
    lines += [f"| {s.id} | {result.records_by_source.get(s.id, 0):,} | {s.file} | mappings/{s.id}.toml |"
              for s in specs]
    lines += ["", "Truth in `truth/` (records.csv: record -> person and the kinds of difference "
              "each record carries).", ""]
    (outdir / "README.md").write_text("\n".join(lines), encoding="utf-8")
