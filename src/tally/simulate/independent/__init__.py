"""An independently designed simulation for linkage: `tally simulate --profile independent`.

A held-out check on the linker. The tuning profiles (clean, standard, hard) come
from :mod:`tally.simulate`'s population and writers; thresholds and priors have
been chosen on them. This profile shares none of their code: its own name table
and Zipf pools (:mod:`.names`), extended families killed together
(:mod:`.people`), its own re-spelling rules (:mod:`.spelling`) and five lists
written from published facts about Syrian casualty lists (:mod:`.lists`:
news-derived thin lists with report dates, hospital registers with
district-centre places and late dates, within-list re-entries). Never tune
thresholds on it: report it as held out.

The folder has the layout of every simulation (``simulation.json``, ``lists/``,
``mappings/``, ``truth/records.csv`` and ``truth/persons.csv``), so
`tally score`, :func:`tally.demo.ingest_simulation` and the linkage benchmark
read it as they read the others; there are no articles.
"""

from __future__ import annotations

import csv
import json
import math
import random
import time
from pathlib import Path

from tally.simulate.independent.lists import CAPTURE, LISTS
from tally.simulate.independent.people import Population

PROFILE = "independent"


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"tally-independent:{seed}:{part}")


def simulate_independent(outdir: Path, seed: int, size: int, result, progress=None):
    """Fill ``result`` (a SimulationResult) with a simulation of about ``size`` records in ``outdir``."""
    t0 = time.perf_counter()
    lists = [cls(outdir, _rng(seed, f"list:{cls.id}")) for cls in LISTS]
    pop = Population(_rng(seed, "population"))
    cap = _rng(seed, "capture")
    truth_dir = outdir / "truth"
    truth_dir.mkdir(parents=True, exist_ok=True)
    rec_f = open(truth_dir / "records.csv", "w", encoding="utf-8", newline="")
    per_f = open(truth_dir / "persons.csv", "w", encoding="utf-8", newline="")
    rec_w = csv.writer(rec_f, lineterminator="\n")
    per_w = csv.writer(per_f, lineterminator="\n")
    rec_w.writerow(("record_id", "source", "person_id", "incident_id", "errors"))
    per_w.writerow(("person_id", "incident_id", "household_id", "given_name", "father_name",
                    "grandfather_name", "family_name", "given_latin", "family_latin", "sex", "age",
                    "date_of_death", "place_id", "governorate", *(li.id for li in lists), "n_records"))
    later: list = []  # (list, victim): re-entries, written after the first pass
    records = 0
    next_progress = 5000
    while records < size:
        victims = pop.next_incident()
        n_killed = len(victims)
        # incident-level reach of each list: some incidents reach a list in full, others barely
        reach = {li.id: math.exp(cap.gauss(0, 0.6)) for li in lists}
        for v in victims:
            flags = []
            dups = 0
            for li in lists:
                base, per_victim = CAPTURE[li.id]
                p = base + per_victim * min(n_killed, 12)
                odds = p / (1 - p) * reach[li.id]
                got = cap.random() < odds / (1 + odds)
                flags.append(int(got))
                if got:
                    rid, errors = li.write(v)
                    rec_w.writerow((rid, li.id, v.person_id, v.incident_id, ";".join(sorted(errors))))
                    records += 1
                    if cap.random() < li.duplicate_rate:
                        later.append((li, v))
                        dups += 1
            n = sum(flags) + dups
            per_w.writerow((v.person_id, v.incident_id, v.household, v.given.arabic, v.father.arabic,
                            v.grandfather.arabic, v.family.arabic, v.given.latin, v.family.latin,
                            v.sex, v.age, v.date.isoformat(), v.place.id, v.place.governorate,
                            *flags, n))
            result.persons += 1
            result.documented += any(flags)
        if progress is not None and records >= next_progress:
            progress(records)
            next_progress = records + 5000
    for li, v in later:
        rid, errors = li.write(v)
        rec_w.writerow((rid, li.id, v.person_id, v.incident_id, ";".join(sorted(errors | {"duplicate"}))))
    rec_f.close()
    per_f.close()
    for li in lists:
        li.close()
        (outdir / li.mapping_file).parent.mkdir(parents=True, exist_ok=True)
        (outdir / li.mapping_file).write_text(li.mapping(), encoding="utf-8")
        result.records_by_source[li.id] = li.count
    result.incidents = pop.n_incidents
    result.records = sum(result.records_by_source.values())
    manifest = {
        "seed": seed, "size": size, "profile": PROFILE,
        "counts": {"records": result.records, "records_by_source": result.records_by_source,
                   "persons": result.persons, "documented_persons": result.documented,
                   "incidents": result.incidents},
        "sources": [{"id": li.id, "name": li.name, "kind": li.kind, "reliability": li.reliability,
                     "language": li.language, "file": li.file, "mapping": li.mapping_file,
                     "duplicate_rate": li.duplicate_rate, "capture": CAPTURE[li.id]}
                    for li in lists],
        "truth": {"records": "truth/records.csv", "persons": "truth/persons.csv"},
    }
    (outdir / "simulation.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    (outdir / "README.md").write_text(
        f"# Simulated lists, independent profile (Tally)\n\nSeed {seed}: {result.persons:,} victims in "
        f"{result.incidents:,} incidents, {result.records:,} records in five lists "
        f"({', '.join(f'{k} {v:,}' for k, v in result.records_by_source.items())}). Designed apart "
        "from the tuning profiles (see tally.simulate.independent); a held-out check on linkage. "
        "Every name is drawn at random from a table of name segments: no record describes a real "
        "person.\n", encoding="utf-8")
    if progress is not None:
        progress(result.records)
    result.seconds = time.perf_counter() - t0
    return result
