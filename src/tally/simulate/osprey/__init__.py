"""osprey: the eighth held-out linkage profile, written from published facts about
Syrian casualty lists of 2024-12 .. 2025 (the coast in March 2025, Sweida in July 2025,
smaller incidents across governorates), apart from the other profiles and the linker.

Six lists of their own shapes (:mod:`tally.simulate.osprey.lists`): an Arabic register
with the whole name in one field, a consolidated XLSX list that merged sources (its own
duplicates), names from Telegram/Facebook pages (kunyas, "wife of X", unnamed children,
Arabic-Indic digits, "Saturday night"), a Druze/Christian community list in JSON,
district-hospital admissions (district town, +0-2 days), and news-named victims (thin).
Never tune on it.
"""

from __future__ import annotations

import math
import random
from collections import Counter, deque
from pathlib import Path

from tally.simulate.osprey.lists import (AHL_COMMUNITIES, CAPTURE, DUPLICATING, HARD_FACTOR,
                                         RATES, SPECS, WRITERS)
from tally.simulate.osprey.people import COORDS, Population
from tally.simulate.manifest import write_csv, write_manifest

__all__ = ["simulate_osprey"]

#: Spread (sd of the log) of a list's capture odds per incident.
INCIDENT_SD = 0.6

RECORD_COLUMNS = ("record_id", "source", "person_id", "incident_id", "errors", "list_kind", "thin",
                  "date_form", "date_offset", "place_level", "script")
PERSON_COLUMNS = ("person_id", "incident_id", "household_id", "role", "given_name", "father_name",
                  "grandfather_name", "family_name", "mother_name", "given_key", "father_key",
                  "grandfather_key", "family_key", "given_latin", "family_latin", "sex", "age",
                  "community", "status", "date_of_death", "place", "place_ar", "district",
                  "governorate", "place_id", "lat", "lon", "phase", "latent_class")


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"osprey:{seed}:{part}")


def simulate_osprey(outdir: Path, seed: int, size: int, result, progress=None):
    ids = tuple(s.id for s in SPECS)
    writers = {s.id: WRITERS[s.id](outdir, s, _rng(seed, s.id)) for s in SPECS}
    pop = Population(_rng(seed, "population"))
    rcap, rdup = _rng(seed, "capture"), _rng(seed, "duplicates")
    truth = outdir / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    import csv
    rec_f = open(truth / "records.csv", "w", encoding="utf-8", newline="")
    per_f = open(truth / "persons.csv", "w", encoding="utf-8", newline="")
    rec_w = csv.writer(rec_f, lineterminator="\n")
    per_w = csv.writer(per_f, lineterminator="\n")
    rec_w.writerow(RECORD_COLUMNS)
    per_w.writerow(PERSON_COLUMNS + ids + ("n_records",))
    incidents, gm, com, hist = [], Counter(), Counter(), Counter()
    pending: deque = deque()
    records, next_progress = 0, 5000

    def write(sid, person, dup=False):
        rid, errors, ann = writers[sid].write(person, dup)
        rec_w.writerow((rid, sid, person.person_id, person.incident_id, ";".join(sorted(errors)),
                        ann["list_kind"], ann["thin"], ann["date_form"], ann["date_offset"],
                        ann["place_level"], ann["script"]))

    while records < size:
        inc = pop.next_incident()
        effect = {sid: math.exp(rcap.gauss(0.0, INCIDENT_SD)) for sid in ids}
        documented = 0
        for p in inc.victims:
            flags = []
            n = 0
            for sid in ids:
                base = CAPTURE[sid][p.phase]
                if sid == "ahl" and p.community not in AHL_COMMUNITIES:
                    base = 0.0
                q = base * (1.0 if p.easy else HARD_FACTOR)
                odds = q / (1 - q) * effect[sid] if q < 1 else float("inf")
                got = rcap.random() < odds / (1 + odds)
                flags.append(int(got))
                if got:
                    write(sid, p)
                    n += 1
                    if sid in DUPLICATING:
                        d = RATES[sid]["duplicate"]
                        if rdup.random() < d / (1 - d):
                            pending.append((pop.n_inc + rdup.randint(0, 20), sid, p))
                            n += 1
            g, place = p.place.governorate, p.place
            lat, lon = COORDS[g]
            per_w.writerow((p.person_id, p.incident_id, p.household, p.role, p.given[0], p.father[0],
                            p.grandfather[0], p.family[0], p.mother[0], p.given[0], p.father[0],
                            p.grandfather[0], p.family[0], p.given[1], p.family[1], p.sex, p.age,
                            p.community, p.status, p.date.isoformat(), place.latin[0], place.ar,
                            place.district, g, place.id, lat, lon, p.phase,
                            "easy" if p.easy else "hard", *flags, n))
            month = p.date.strftime("%Y-%m")
            doc = any(flags)
            gm[(g, month, doc)] += 1
            com[(p.community, doc)] += 1
            if doc:
                hist[(g, month, tuple(flags))] += 1
                documented += 1
            records += n
            result.persons += 1
        result.documented += documented
        result.incidents += 1
        pl = inc.place
        incidents.append((inc.incident_id, inc.phase.name, inc.date.isoformat(), pl.latin[0], pl.ar,
                          pl.district, pl.governorate, pl.id, len(inc.victims),
                          sum(v.status == "civilian" for v in inc.victims), documented))
        while pending and pending[0][0] <= pop.n_inc:
            _, sid, p = pending.popleft()
            write(sid, p, True)
        if progress is not None and records >= next_progress:
            progress(records)
            next_progress = records + 5000
    while pending:
        _, sid, p = pending.popleft()
        write(sid, p, True)
    rec_f.close()
    per_f.close()
    for sid, w in writers.items():
        w.close()
        result.records_by_source[sid] = w.count
        (outdir / "mappings").mkdir(parents=True, exist_ok=True)
        (outdir / "mappings" / f"{sid}.toml").write_text(w.mapping(), encoding="utf-8")
    result.records = sum(result.records_by_source.values())
    write_csv(truth / "incidents.csv", ("incident_id", "phase", "date", "place", "place_ar", "district",
                                        "governorate", "place_id", "killed", "civilians", "documented"),
              incidents)
    gms: dict = {}
    for (g, m, doc), n in gm.items():
        row = gms.setdefault((g, m), [0, 0])
        row[0] += n
        row[1] += n if doc else 0
    write_csv(truth / "strata_governorate_month.csv", ("governorate", "month", "n_true", "n_documented"),
              [(g, m, a, b) for (g, m), (a, b) in sorted(gms.items())])
    cs: dict = {}
    for (c, doc), n in com.items():
        row = cs.setdefault(c, [0, 0])
        row[0] += n
        row[1] += n if doc else 0
    write_csv(truth / "strata_community.csv", ("community", "n_true", "n_documented"),
              [(c, a, b) for c, (a, b) in sorted(cs.items())])
    write_csv(truth / "capture_histories.csv", ("governorate", "month") + ids + ("count",),
              [(g, m, *f, n) for (g, m, f), n in sorted(hist.items())])
    (truth / "claims.json").write_text("[]\n", encoding="utf-8")
    (outdir / "articles").mkdir(exist_ok=True)
    (outdir / "articles.jsonl").write_text("", encoding="utf-8")
    write_manifest(outdir, result, SPECS, {s.id: _ENCODINGS[s.id] for s in SPECS})
    if progress is not None:
        progress(result.records)
    return result


_ENCODINGS = {"sh": "utf-8", "un": "xlsx", "tg": "utf-8-sig", "ahl": "utf-8", "hos": "windows-1256",
              "nw": "utf-8"}
