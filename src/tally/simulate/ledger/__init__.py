"""`ledger`: the fourth held-out linkage profile, written from published facts about
how Syrian casualties are documented, apart from Tally's other generators and
its linker (``tally simulate DIR --profile ledger``). Never tune on it.

Facts it is built from (as published; numbers are rounded and only shape the
simulation, they are not estimates):

* Waves of killing since December 2024: the coastal massacres of 6-10 March
  2025 in Latakia, Tartus and the Hama and Homs countryside (about 1,400-1,500
  people killed, most of them Alawite civilians, often whole families killed in
  their homes: UN OHCHR, the national commission of inquiry, SNHR); the Sweida
  violence of 13-20 July 2025 (over 1,000 killed, most of them Druze, with
  field executions in homes, and Bedouin victims in Sweida and Daraa); the Mar
  Elias church bombing in Dweila, Damascus, 22 June 2025 (25 killed); clashes
  around Tishreen dam, Manbij and Kurdish districts of Aleppo in December 2024 -
  January 2025; and a steady background of shootings, assassinations,
  explosions and unexploded ordnance across the country (SNHR and SOHR monthly
  tolls of several hundred).
* Arabic names: a given name (ism), the father's and grandfather's given names,
  and a family name (kunya in Syrian forms, nisba or laqab); documents name a
  person by three or four of these ("الاسم الثلاثي / الرباعي"); the eldest son is
  customarily named after his paternal grandfather, and a father is called
  "Abu" (and a mother "Umm") + the eldest son's name; short familiar names
  (Hammouda for Muhammad, Abboud for Abd al-Rahman) replace given names in
  community posts. Given names follow a steep rank-frequency law (Muhammad and
  Ahmad lead among Sunni Arabs); family names are local (a village is a few
  clans), and communities differ: Alawite names (Ali, Hasan, Haydar, Batul),
  Druze (Salman, Fayiz, Hayil; families al-Atrash, Abu Fakhr, al-Hinnawi),
  Christian (George, Elias, Hanna; Haddad, Khoury), Kurdish (Shiyar, Azad,
  Berivan, Rojin; Sheikho, Hammo).
* Lists: rights groups keep Arabic lists with one full-name cell, a combined
  sex-and-age-class cell ("Adult - Male" / "ذكر بالغ", as the Violations
  Documentation Center publishes), governorate and area, and exact dates;
  English monitors romanise names by many hands, often know only the month or
  an age range; news-derived lists carry the name as the article gives it
  (given + family name), the report's date (0-3 days after the death) and the
  governorate or "X countryside"; hospital morgue registers write the date a
  body was received (same day to two days later), the hospital's town, and
  "مجهول الهوية" for bodies nobody has named; community (Facebook) pages of a
  town list "الشهيد" + name, kunyas, "wife of ..." / "child of ...", post the same
  person twice; civil registries record four-part names, the mother's name,
  birth year and place of registration (قيد), and register only a part of the
  deaths. Romanisation mixes English (Sh, U: Shaaban, Yusuf), French (Ch, Ou,
  Dj: Chaabane, Youssef, Djamil) and academic (ʿ, ā: Shaʿbān) habits; "al-" is
  written al-, Al-, Al , El- or not at all.

Modules: :mod:`.names` (name pools, romanisation), :mod:`.places` (gazetteer,
district centres, hospitals), :mod:`.people` (incidents, families),
:mod:`.lists` (the seven lists), :mod:`.capture` (who reaches which list),
:mod:`.measure` (the shares this profile promises).
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter, deque
from pathlib import Path

from tally.simulate.ledger.capture import Capture
from tally.simulate.ledger.lists import WRITERS
from tally.simulate.ledger.people import END, START, Population

__all__ = ["simulate_ledger"]

RECORD_COLUMNS = ("record_id", "source", "person_id", "incident_id", "errors", "list_kind", "thin",
                  "date_form", "date_offset", "place_level", "script")
PERSON_COLUMNS = ("person_id", "incident_id", "household_id", "family_id", "role", "given_name", "father_name",
                  "grandfather_name", "family_name", "mother_name", "given_key", "family_key", "given_latin",
                  "family_latin", "kunya", "sex", "age", "community", "status", "date_of_death", "place",
                  "place_ar", "district", "governorate", "place_id", "cause")


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"tally-ledger:{seed}:{part}")


def simulate_ledger(outdir: Path, seed: int, size: int, result, progress=None):
    """Write the `ledger` lists, mappings, truth and manifest of about ``size`` records."""
    t0 = time.perf_counter()
    writers = [w(outdir, _rng(seed, f"list:{w.info.id}")) for w in WRITERS]
    ids = tuple(w.info.id for w in writers)
    pop = Population(_rng(seed, "population"))
    capture = Capture(_rng(seed, "capture"))
    rng_dup = _rng(seed, "duplicates")
    tdir = outdir / "truth"
    tdir.mkdir(parents=True, exist_ok=True)
    files = [open(tdir / n, "w", encoding="utf-8", newline="") for n in
             ("records.csv", "persons.csv", "incidents.csv")]
    rec_w, per_w, inc_w = (csv.writer(f, lineterminator="\n") for f in files)
    rec_w.writerow(RECORD_COLUMNS)
    per_w.writerow(PERSON_COLUMNS + ids + ("n_records",))
    inc_w.writerow(("incident_id", "phase", "date", "place", "place_ar", "district", "governorate", "place_id",
                    "cause", "killed", "documented"))
    strata_gm: Counter = Counter()
    strata_c: Counter = Counter()
    histories: Counter = Counter()
    pending: deque = deque()  # (due incident number, writer index, person)
    records = 0
    next_progress = 5000

    def emit(i: int, person, duplicate: bool = False) -> None:
        rid, tokens, ann = writers[i].write(person, duplicate)
        rec_w.writerow((rid, ids[i], person.person_id, person.incident_id, ";".join(sorted(tokens)),
                        ann["list_kind"], ann["thin"], ann["date_form"], ann["date_offset"],
                        ann["place_level"], ann["script"]))

    while records < size:
        inc = pop.next_incident()
        result.incidents += 1
        reach = capture.incident(inc)
        documented = 0
        for person in inc.victims:
            flags = capture.person(person, reach)
            n = 0
            for i, on in enumerate(flags):
                if not on:
                    continue
                emit(i, person)
                n += 1
                q = writers[i].duplicate_share
                if q and rng_dup.random() < q / (1 - q):
                    pending.append((result.incidents + rng_dup.randint(0, 40), i, person))
                    n += 1
            records += n
            result.persons += 1
            documented += n > 0
            p = person
            per_w.writerow((
                p.person_id, p.incident_id, p.household_id, p.clan_id, p.role, p.given.ar, p.father.ar,
                p.grandfather.ar, p.family.ar, f"{p.mother.ar} {p.mother_family.ar}", p.given.key, p.family.key,
                p.given.ac, p.family.ac, p.kunya.ar if p.kunya else "", p.sex, p.age, p.community, p.status,
                p.date.isoformat(), p.place.plain, p.place.ar, p.place.centre.plain, p.place.gov,
                p.place.place_id, p.cause) + tuple(int(f) for f in flags) + (n,))
            month = p.date.strftime("%Y-%m")
            strata_gm[(p.place.gov, month, n > 0)] += 1
            strata_c[(p.community, n > 0)] += 1
            if n:
                histories[(p.place.gov, month, tuple(int(f) for f in flags))] += 1
        result.documented += documented
        pl = inc.place
        inc_w.writerow((inc.incident_id, inc.phase, inc.date.isoformat(), pl.plain, pl.ar, pl.centre.plain, pl.gov,
                        pl.place_id, inc.cause, len(inc.victims), documented))
        while pending and pending[0][0] <= result.incidents:
            _, i, person = pending.popleft()
            emit(i, person, True)
        if progress is not None and records >= next_progress:
            progress(records)
            next_progress = records + 5000
    while pending:
        _, i, person = pending.popleft()
        emit(i, person, True)
    for f in files:
        f.close()
    for w in writers:
        w.close()
        (outdir / w.info.mapping).parent.mkdir(parents=True, exist_ok=True)
        (outdir / w.info.mapping).write_text(w.mapping(), encoding="utf-8")
        result.records_by_source[w.info.id] = w.count
    result.records = sum(result.records_by_source.values())
    _write_strata(tdir, ids, strata_gm, strata_c, histories)
    (tdir / "claims.json").write_text("[]\n", encoding="utf-8")
    _write_manifest(outdir, result, writers)
    if progress is not None:
        progress(result.records)
    result.seconds = time.perf_counter() - t0
    return result


def _write_strata(tdir: Path, ids, gm: Counter, comm: Counter, histories: Counter) -> None:
    def table(name, header, rows):
        with open(tdir / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    cells: dict = {}
    for (gov, month, doc), n in gm.items():
        c = cells.setdefault((gov, month), [0, 0])
        c[0] += n
        c[1] += n if doc else 0
    table("strata_governorate_month.csv", ("governorate", "month", "n_true", "n_documented"),
          [k + tuple(cells[k]) for k in sorted(cells)])
    cc: dict = {}
    for (c, doc), n in comm.items():
        v = cc.setdefault(c, [0, 0])
        v[0] += n
        v[1] += n if doc else 0
    table("strata_community.csv", ("community", "n_true", "n_documented"), [(c, *cc[c]) for c in sorted(cc)])
    table("capture_histories.csv", ("governorate", "month") + ids + ("count",),
          [(k[0], k[1]) + k[2] + (n,) for k, n in sorted(histories.items())])


def _write_manifest(outdir: Path, result, writers) -> None:
    manifest = {
        "seed": result.seed, "size": result.size, "profile": result.profile,
        "period": [START.isoformat(), END.isoformat()],
        "counts": {"records": result.records, "records_by_source": result.records_by_source,
                   "persons": result.persons, "documented_persons": result.documented,
                   "incidents": result.incidents, "articles": 0, "claims": 0},
        "sources": [{"id": w.info.id, "name": w.info.name, "kind": w.info.kind,
                     "reliability": w.info.reliability, "language": w.info.language, "file": w.info.file,
                     "mapping": w.info.mapping, "list_kind": w.info.list_kind, "script": w.info.style,
                     "duplicate_share": w.duplicate_share} for w in writers],
        "places": "gazetteer",
        "truth": {"records": "truth/records.csv", "persons": "truth/persons.csv",
                  "incidents": "truth/incidents.csv",
                  "strata_governorate_month": "truth/strata_governorate_month.csv",
                  "strata_community": "truth/strata_community.csv",
                  "capture_histories": "truth/capture_histories.csv"},
        "record_annotations": {
            "thin": "1 for news-derived records (given + family name, report date, governorate)",
            "date_form": "day, month (month only) or missing",
            "date_offset": "days between the written date and the true date (report and "
                           "reception lags, shifts)",
            "place_level": "village, district (a district centre), hospital (the morgue's town) "
                           "or governorate",
            "script": "arabic or latin (latin records also carry the latin_script token)",
        },
    }
    (outdir / "simulation.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    lines = ["# Simulated casualty lists: profile `ledger` (Tally, held out)", "",
             f"Seed {result.seed}, size {result.size:,}: {result.persons:,} victims in {result.incidents:,} "
             f"incidents, {result.documented:,} on at least one list, {result.records:,} records. Every name "
             "is drawn from tables of common names: no record describes a real person.", "",
             "| list | records | file | mapping | source | format |", "| --- | --- | --- | --- | --- | --- |"]
    for w in writers:
        lines.append(f"| {w.info.id} | {w.count:,} | {w.info.file} | {w.info.mapping} | {w.info.name} | "
                     f"{w.FORMAT} |")
    lines += ["", "Truth in `truth/` (records.csv: record -> person, with the variations each record "
              "carries and its thin/date/place/script annotations). Held out: never tune a linker on it.", ""]
    (outdir / "README.md").write_text("\n".join(lines), encoding="utf-8")
