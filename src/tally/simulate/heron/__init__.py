"""Heron: a held-out simulation profile of Syrian casualty lists, December 2024 - October 2025.

Written apart from Tally's other generators and its linker, from published accounts of
how Syrian casualty lists are made: rights-group registers, a documentation centre's
English export, names gathered from news reports and local pages, hospital and morgue
intake, and family committees' spreadsheets (:mod:`.lists`). Victims die with their
extended families (:mod:`.people`) in the coastal killings of March 2025, in Sweida in
July 2025 and in smaller incidents, with names drawn from Zipf-weighted pools of six
communities (:mod:`.names`) and re-spelled by each list (:mod:`.spelling`), each list in
its own encoding (:mod:`.output`).

    tally simulate heron-sim --size 5000 --profile heron

The same seed gives byte-identical files; each part draws from its own generator.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

from tally.simulate.heron.lists import SPECS, render
from tally.simulate.heron.output import write_list, write_manifest, write_truth
from tally.simulate.heron.people import Population

__all__ = ["simulate_heron"]

#: share of the family committees' family blocks written with one merged family cell
MERGE_SHARE = 0.5


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"heron:{seed}:{part}")


def simulate_heron(outdir: Path, seed: int, size: int, result, progress=None):
    """Write about ``size`` records of six lists, their mappings and truth to ``outdir``."""
    t0 = time.perf_counter()
    pop = Population(_rng(seed, "population"))
    rng_cap = _rng(seed, "capture")
    rng_dup = _rng(seed, "duplicates")
    rng_order = _rng(seed, "order")
    rng_merge = _rng(seed, "merge")
    rng_list = {s.id: _rng(seed, f"list:{s.id}") for s in SPECS}
    pending: dict[str, list] = {s.id: [] for s in SPECS}
    captured: dict[str, dict[str, int]] = {}
    incidents = []
    n_records = 0
    next_progress = 5000
    while n_records < size:
        inc = pop.next_incident()
        incidents.append(inc)
        taken_house: dict[tuple[str, str], bool] = {}
        for p in inc.victims:
            for spec in SPECS:
                if spec.household:
                    key = (spec.id, p.household_id)
                    if key not in taken_house:
                        taken_house[key] = rng_cap.random() < spec.p_capture(p)
                    took = taken_house[key] and rng_cap.random() < 0.9
                else:
                    took = rng_cap.random() < spec.p_capture(p)
                if not took:
                    continue
                rng = rng_list[spec.id]
                r = render(spec, p, rng, False)
                pending[spec.id].append((r.entered, inc.incident_id, r.family_cell, rng_order.random(), p, r))
                n = 1
                if rng_dup.random() < spec.duplicate:
                    d = render(spec, p, rng, True)
                    d.entered = r.entered + dt.timedelta(days=rng_dup.randint(1, 60))
                    # a re-entry comes in its own later batch, not inside the family's block
                    pending[spec.id].append((d.entered, "~" + inc.incident_id, "", rng_order.random(), p, d))
                    n = 2
                captured.setdefault(p.person_id, {})[spec.id] = n
                n_records += n
        if progress is not None and n_records >= next_progress:
            progress(n_records)
            next_progress = n_records + 5000
    records = []
    for spec in SPECS:
        if spec.id == "ahali":  # a committee enters an incident's families one block at a time
            first = {}
            for t in pending[spec.id]:
                first[t[1]] = min(first.get(t[1], t[0]), t[0])
            rows = sorted(pending.pop(spec.id), key=lambda t: (first[t[1]], t[1], t[2], t[3]))
        else:
            rows = sorted(pending.pop(spec.id), key=lambda t: (t[0], t[3]))
        done = []
        for k, (_, _, _, _, p, r) in enumerate(rows, 1):
            rid = f"{spec.prefix}-{k:06d}"
            for key, v in r.row.items():
                if v is None:
                    r.row[key] = rid
            records.append((rid, spec, p, r))
            done.append(r)
        blocks = []
        if spec.id == "ahali":
            i = 0
            while i < len(rows):
                j = i
                while j + 1 < len(rows) and rows[j + 1][1] == rows[i][1] and rows[j + 1][2] == rows[i][2] \
                        and rows[i][2]:
                    j += 1
                if j > i and rng_merge.random() < MERGE_SHARE:
                    blocks.append((i, j))
                    for m in range(i + 1, j + 1):
                        done[m].errors.add("family_merged")
                i = j + 1
        write_list(outdir, spec, done, blocks)
        result.records_by_source[spec.id] = len(done)
    write_truth(outdir, SPECS, records, incidents, captured)
    (outdir / "articles").mkdir(parents=True, exist_ok=True)
    (outdir / "articles.jsonl").write_text("", encoding="utf-8")
    result.records = len(records)
    result.persons = sum(len(i.victims) for i in incidents)
    result.documented = len(captured)
    result.incidents = len(incidents)
    write_manifest(outdir, result, SPECS)
    if progress is not None:
        progress(result.records)
    result.seconds = time.perf_counter() - t0
    return result
