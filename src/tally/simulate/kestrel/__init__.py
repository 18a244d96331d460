"""Kestrel: a held-out simulation profile of Syrian casualty lists after December 2024.

Written apart from Tally's other generators and its linker, from published facts
(:mod:`.facts`): the coastal killings of mostly Alawite civilians on 6-10 March 2025,
Sweida in July 2025 (mostly Druze, also Bedouin), and smaller incidents. Victims die in
households and extended families (:mod:`.people`) with chained Arabic names drawn from
Zipf-weighted community pools (:mod:`.names`); six lists (:mod:`.lists`) capture them —
an Arabic register, an English list, two thin news-derived lists, hospital/morgue lists
and a family list — each writing names, dates and places its own way (:mod:`.spelling`)
in its own encoding (:mod:`.output`), and each repeating some victims.

    tally simulate kestrel-sim --size 5000 --profile kestrel

The same seed gives byte-identical files; each part draws from its own generator.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tally.simulate.kestrel.lists import SPECS, Rendered, render
from tally.simulate.kestrel.output import write_list, write_manifest, write_truth
from tally.simulate.kestrel.people import Population

__all__ = ["simulate_kestrel"]


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"kestrel:{seed}:{part}")


def simulate_kestrel(outdir: Path, seed: int, size: int, result, progress=None):
    """Write about ``size`` records of six lists, their mappings and truth to ``outdir``."""
    import time

    t0 = time.perf_counter()
    pop = Population(_rng(seed, "population"))
    rng_cap = _rng(seed, "capture")
    rng_dup = _rng(seed, "duplicates")
    rng_order = _rng(seed, "order")
    rng_list = {s.id: _rng(seed, f"list:{s.id}") for s in SPECS}
    pending: dict[str, list[tuple[dt.date, float, object, Rendered]]] = {s.id: [] for s in SPECS}
    captured: dict[str, dict[str, int]] = {}
    incidents = []
    n_records = 0
    next_progress = 5000
    while n_records < size:
        inc = pop.next_incident()
        incidents.append(inc)
        households: dict[tuple[str, str], bool] = {}
        for p in inc.victims:
            for spec in SPECS:
                if spec.household:
                    key = (spec.id, p.household_id)
                    if key not in households:
                        households[key] = rng_cap.random() < spec.p_capture(p)
                    took = households[key] and rng_cap.random() < 0.92
                else:
                    took = rng_cap.random() < spec.p_capture(p)
                if not took:
                    continue
                rng = rng_list[spec.id]
                r = render(spec, p, rng, False)
                pending[spec.id].append((r.entered, rng_order.random(), p, r))
                n = 1
                if rng_dup.random() < spec.duplicate:
                    d = render(spec, p, rng, True)
                    d.entered = r.entered + dt.timedelta(days=rng_dup.randint(1, 90))
                    pending[spec.id].append((d.entered, rng_order.random(), p, d))
                    n = 2
                captured.setdefault(p.person_id, {})[spec.id] = n
                n_records += n
        if progress is not None and n_records >= next_progress:
            progress(n_records)
            next_progress = n_records + 5000
    records = []
    for spec in SPECS:
        rows = sorted(pending.pop(spec.id), key=lambda t: (t[0], t[1]))
        done = []
        for k, (_, _, p, r) in enumerate(rows, 1):
            rid = f"{spec.prefix}-{k:06d}"
            for key, v in r.row.items():
                if v is None:  # the list's own id column
                    r.row[key] = rid
            records.append((rid, spec, p, r))
            done.append(r)
        write_list(outdir, spec, done)
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
