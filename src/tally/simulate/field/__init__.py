"""The ``field`` profile: a second held-out linkage simulation, designed apart.

    tally simulate sim --profile field --size 5000 --seed 1

Written from published descriptions of Syrian casualty documentation (the
2025 coastal and Sweida killings as reported by rights groups, news outlets
and hospitals) and the description in issue 15, without reading Tally's
other generators or its linker. It is held out: report it, never tune on it.

Model and parameters (each with the reasoning behind it)
--------------------------------------------------------
Victims (:mod:`.families`): incidents in eight phases — the coastal massacres
of 6-12 March 2025 (Alawite, Latakia/Tartus/Hama/Homs, 34% of victims), the
Sweida killings of 13-20 July 2025 (Druze 15%, Bedouin Sunni 3%), Sahnaya /
Jaramana in late April 2025 (Druze 3%) and background killings from December
2024 to October 2025 (Alawite 11%, Sunni Arab 22%, Kurdish 8%, Druze 4%), as
those reports describe where the dead were. Massacres kill 1-5 extended
families of a village (1-6 killed each, drawn from the family tree) plus up
to 5 neighbours; background incidents kill one person (70%), 2-4 of one
family (25%) or 5-8 (5%). Given names are Zipf-distributed (exponent 1.0)
over each community's names, family names Zipf (0.9) over its clans, and each
village holds 5-12 clans (local weights Zipf 0.6), so namesakes (same given + family name) are common
across incidents. Children carry the father's and grandfather's names; the
eldest son is named after his paternal grandfather in 45% of families; a
later sibling gets a name one letter from an elder's in 20% of cases where
such a name exists (سلمى / لمى, حسن / حسين). Outcome: about half of victims
(0.5-0.6 measured) have a co-victim with their family name in the incident.

Lists (:mod:`.lists`), each with its own capture probability (times an
incident effect, lognormal sd 0.5: some incidents are documented much better)
and its own within-list re-entry rate (the same victim entered again later,
every spelling drawn afresh):

- ``hr-ar`` rights group, Arabic, four name parts in columns, village,
  exact date (5% shifted 1-2 days, 3% month only, 2% missing); capture 0.55,
  re-entry 4%;
- ``hr-ar2`` community documentation network, Arabic full name as one string
  (grandfather 40%, family first 4%), place village 70% / district 20% /
  governorate 10%; capture 0.35 (x1.4 Alawite and Druze, x0.6 Sunni, x0.3
  Kurdish), re-entry 5%;
- ``hr-en`` English list, Latin transliteration in a house style kept 80% of
  the time (Mohammad/Mohammed/Muhammad/Mohamed/Mhd, al-/Al /el-/none, Abdul
  Rahman/Abdulrahman/Abd al-Rahman/Abdel Rahman) plus spelling drift (12% of
  parts: ou/u, ee/i, doubled letters, -a/-ah, q/k ...), place village 60% /
  district 30% / governorate 10%; capture 0.45, re-entry 4%;
- ``news-en`` and ``news-ar`` thin news-derived lists: given + family only,
  Latin 90% / 25% of records, date = report date 0-3 days after the death,
  place = governorate, "X countryside" or "X province", age 10% / 5%, sex
  50%; capture 0.22 (x1.6 for incidents of 5 or more killed, x0.7 for single
  killings: news covers massacres), re-entry 10% (one victim in two reports);
- ``morgue`` hospital registers: Arabic given [father] family (father 80%),
  the district centre as place, the date received (0/1/2 days later:
  50/35/15%), approximate age, 3% unidentified; capture 0.25, re-entry 3%.

Arabic spellings vary (hamza 20%, ta marbuta 10%, alef maqsura 15%, عبد
spacing 40%, family article dropped 15-25%); typos hit 2-4% of name parts.

Outcome at size 5,000-50,000 (checked by tests/unit/simulate/test_field.py):
thin (news) records about 29% of all records; re-entries about 5% of records;
cross-script true pairs (one Arabic-script, one Latin-script record) about
half (0.52) of all true pairs; about 45% of victims share given + family
name with another victim at 5,000 records (84% at 50,000).

Truth (``truth/records.csv``): record_id, source, person_id, incident_id,
errors (as the other profiles, ``latin_script`` marks Latin records) and the
annotations list_kind (rights_ar, rights_en, news, morgue), thin (0/1),
script, duplicate_of (the first record of the same person in the same list),
date_form (day, month, missing), date_offset (record date minus true date in
days) and place_level (village, district, governorate). ``persons.csv``
holds every victim with true names, family and incident.
"""

from __future__ import annotations

import csv
import json
import math
import random
import time
from collections import Counter, deque
from pathlib import Path

from tally.simulate.field.families import Population
from tally.simulate.field.lists import LISTS, WRITERS, ListSpec
from tally.simulate.field.places import GOVERNORATES

INCIDENT_EFFECT_SD = 0.5
COMMUNITY_FACTOR = {"hr-ar2": {"alawite": 1.4, "druze": 1.4, "sunni": 0.6, "kurdish": 0.3}}
NEWS_SIZE_FACTOR = {1: 0.7, 5: 1.6}  # killed == 1, killed >= 5
RECORD_COLUMNS = ("record_id", "source", "person_id", "incident_id", "errors", "list_kind", "thin",
                  "script", "duplicate_of", "date_form", "date_offset", "place_level")
PERSON_COLUMNS = ("person_id", "incident_id", "family_id", "given_name", "father_name",
                  "grandfather_name", "family_name", "given_latin", "family_latin", "sex", "age",
                  "community", "date_of_death", "place", "place_ar", "district", "governorate")


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"tally-field:{seed}:{part}")


def _capture_p(spec: ListSpec, community: str, killed: int, effect: float) -> float:
    p = spec.capture * effect * COMMUNITY_FACTOR.get(spec.id, {}).get(community, 1.0)
    if spec.list_kind == "news":
        p *= NEWS_SIZE_FACTOR[1] if killed == 1 else (NEWS_SIZE_FACTOR[5] if killed >= 5 else 1.0)
    return min(0.95, p)


def simulate_field(outdir: Path, seed: int, size: int, result, progress=None):
    """Write the field profile's lists, mappings and truth to ``outdir``; fill ``result``."""
    t0 = time.perf_counter()
    outdir = Path(outdir)
    writers = {s.id: WRITERS[s.id](outdir, s, _rng(seed, f"list:{s.id}")) for s in LISTS}
    pop = Population(_rng(seed, "population"))
    rng_cap = _rng(seed, "capture")
    tdir = outdir / "truth"
    tdir.mkdir(parents=True, exist_ok=True)
    (outdir / "articles").mkdir(parents=True, exist_ok=True)
    (outdir / "articles.jsonl").write_text("", encoding="utf-8")
    (tdir / "claims.json").write_text("[]\n", encoding="utf-8")
    files = [open(tdir / n, "w", encoding="utf-8", newline="")
             for n in ("records.csv", "persons.csv", "incidents.csv")]
    rec_w, per_w, inc_w = (csv.writer(f, lineterminator="\n") for f in files)
    ids = tuple(s.id for s in LISTS)
    rec_w.writerow(RECORD_COLUMNS)
    per_w.writerow(PERSON_COLUMNS + ids + ("n_records",))
    inc_w.writerow(("incident_id", "phase", "community", "date", "place", "place_ar", "district",
                    "governorate", "killed", "documented"))
    strata_gm: Counter = Counter()
    strata_c: Counter = Counter()
    histories: Counter = Counter()
    pending: deque = deque()  # (due incident number, list id, person, first record id)
    records = 0
    next_progress = 5000

    def write(sid: str, person, duplicate_of: str = "") -> str:
        w = writers[sid].write(person)
        rec_w.writerow((w.record_id, sid, person.person_id, person.incident_id,
                        ";".join(sorted(w.errors)), writers[sid].spec.list_kind, int(w.thin),
                        w.script, duplicate_of, w.date_form, w.date_offset, w.place_level))
        return w.record_id

    while records < size:
        inc = pop.next_incident()
        result.incidents += 1
        killed = len(inc.victims)
        effect = math.exp(rng_cap.gauss(0.0, INCIDENT_EFFECT_SD) - INCIDENT_EFFECT_SD ** 2 / 2)
        documented = 0
        for p in inc.victims:
            flags = []
            n = 0
            for spec in LISTS:
                got = rng_cap.random() < _capture_p(spec, p.community, killed, effect)
                flags.append(int(got))
                if got:
                    rid = write(spec.id, p)
                    n += 1
                    if rng_cap.random() < spec.duplicate:
                        pending.append((result.incidents + rng_cap.randint(1, 40), spec.id, p, rid))
                        n += 1
            records += n
            result.persons += 1
            documented += n > 0
            pl = p.place
            per_w.writerow((p.person_id, p.incident_id, p.family_id, p.given.ar, p.father.ar,
                            p.grandfather.ar, p.family.ar, p.given.en, p.family.en, p.sex, p.age,
                            p.community, p.date.isoformat(), pl.name, pl.name_ar, pl.district,
                            pl.governorate, *flags, n))
            month = p.date.strftime("%Y-%m")
            gov = GOVERNORATES[pl.governorate].en[0]
            strata_gm[(gov, month, n > 0)] += 1
            strata_c[(p.community, n > 0)] += 1
            if n:
                histories[(gov, month, tuple(flags))] += 1
        result.documented += documented
        inc_w.writerow((inc.incident_id, inc.phase, inc.community, inc.date.isoformat(),
                        inc.place.name, inc.place.name_ar, inc.place.district, inc.place.governorate,
                        killed, documented))
        while pending and pending[0][0] <= result.incidents:
            _, sid, p, first = pending.popleft()
            write(sid, p, first)
        if progress is not None and records >= next_progress:
            progress(records)
            next_progress = records + 5000
    while pending:
        _, sid, p, first = pending.popleft()
        write(sid, p, first)
    for f in files:
        f.close()
    for sid, w in writers.items():
        w.close()
        result.records_by_source[sid] = w.count
        (outdir / "mappings").mkdir(parents=True, exist_ok=True)
        (outdir / w.spec.mapping).write_text(w.mapping(), encoding="utf-8")
    result.records = sum(result.records_by_source.values())
    _write_strata(tdir, strata_gm, strata_c, histories, ids)
    _write_manifest(outdir, result)
    if progress is not None:
        progress(result.records)
    result.seconds = time.perf_counter() - t0
    return result


def _write_strata(tdir: Path, gm_counts: Counter, c_counts: Counter, histories: Counter, ids) -> None:
    for name, key_cols, counts in (("strata_governorate_month.csv", ("governorate", "month"), gm_counts),
                                   ("strata_community.csv", ("community",), c_counts)):
        table: dict = {}
        for key, n in counts.items():
            row = table.setdefault(key[:-1], [0, 0])
            row[0] += n
            row[1] += n if key[-1] else 0
        with open(tdir / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(key_cols + ("n_true", "n_documented"))
            for key in sorted(table):
                w.writerow(key + tuple(table[key]))
    with open(tdir / "capture_histories.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("governorate", "month") + ids + ("count",))
        for key in sorted(histories):
            w.writerow((key[0], key[1]) + key[2] + (histories[key],))


def _write_manifest(outdir: Path, result) -> None:
    manifest = {
        "seed": result.seed, "size": result.size, "profile": "field",
        "period": ["2024-12-08", "2025-10-31"],
        "counts": {"records": result.records, "records_by_source": result.records_by_source,
                   "persons": result.persons, "documented_persons": result.documented,
                   "incidents": result.incidents, "articles": 0, "claims": 0},
        "sources": [{"id": s.id, "name": s.name, "kind": s.kind, "list_kind": s.list_kind,
                     "reliability": s.reliability, "language": s.language, "file": s.file,
                     "mapping": s.mapping, "capture": s.capture, "duplicate": s.duplicate,
                     "errors": {k: v for k, v in s.errors.items()}} for s in LISTS],
        "articles": {"dir": "articles", "index": "articles.jsonl", "claims": "truth/claims.json"},
        "truth": {"records": "truth/records.csv", "persons": "truth/persons.csv",
                  "incidents": "truth/incidents.csv",
                  "strata_governorate_month": "truth/strata_governorate_month.csv",
                  "strata_community": "truth/strata_community.csv",
                  "capture_histories": "truth/capture_histories.csv"},
    }
    (outdir / "simulation.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    (outdir / "README.md").write_text(
        "# Simulated casualty lists (Tally, field profile)\n\n"
        f"Seed {result.seed}, size {result.size:,}: {result.persons:,} victims in "
        f"{result.incidents:,} incidents, {result.documented:,} on at least one list, "
        f"{result.records:,} records in six lists. Every name is drawn at random from tables of "
        "common names: no record describes a real person. See `tally.simulate.field` for the "
        "model and `truth/records.csv` for each record's person and kind.\n", encoding="utf-8")
