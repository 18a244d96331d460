"""The fifth held-out linkage profile, ``mosaic``: Syrian lists from December 2024 on.

    tally simulate sim --profile mosaic --size 5000     # never tune the linker on it

Written apart from the linker, the normalizers and the other four generators, from
published facts about how Syrian casualties have been documented since the fall of
the former government (December 2024):

* **Events**: the coastal killings of 6-10 March 2025 (Latakia, Tartus, rural Hama
  and Homs; mostly Alawite civilians, men executed in their villages, whole
  households with them); Sweida, 13-20 July 2025 (Druze villages and the city, and
  Bedouin families in al-Maqwas, al-Mazraa and eastern Daraa); Jaramana and Sahnaya,
  29 April - 1 May 2025; the Mar Elias church bombing in al-Dweila'a, Damascus, 22
  June 2025 (one incident, 25 killed, whatever the size); and the daily background:
  shootings and assassinations (Homs, Hama), remnants of war killing children
  (Idlib, Hama, Aleppo, Deir ez-Zor), clashes around Manbij, ISIS in Deir ez-Zor,
  Israeli strikes in Daraa and Quneitra.
* **Names** (:mod:`.names`, :mod:`.world`): ism + father + grandfather + family
  name / nisba; given names Zipf-distributed per community with community-specific
  steepness; each village keeps 5-11 family names of its own, and clans persist
  across incidents, so a larger simulation kills more people of the same clans
  (cousins, uncles, namesakes) instead of adding villages. Eldest sons often carry
  the paternal grandfather's ism; sisters' names often rhyme (سلمى / لمى); wives keep
  their own father's names and family (often the husband's clan among Druze,
  Alawites and Bedouin).
* **Lists** (:mod:`.lists`), modelled on the kinds of documenters at work (a
  national rights network's register, coalitions of local groups, news-derived
  rolls, health directorates, community pages, northern NGOs):

  ``reg``     Arabic register, Windows-1256 ';', four name columns with left-shifts
              where a part is unknown; exact dates mostly, some a day off,
              month-only or missing; village (or district only), district,
              governorate.
  ``coal``    a coalition sheet merged from two organisations' exports without
              de-duplication: org A Arabic (ids A-2025-n, ISO dates, village), org B
              Latin English-hand (ids B/n, d/m/Y or month-only dates, district).
  ``wire``    thin: names quoted by English and French outlets (JSON lines): given +
              family only, report date 0-3 days after death, governorate /
              "X countryside" / "X province"; age rarely, sex half the time.
  ``digest``  thin: a diaspora media digest (XLSX), given + family, two thirds Latin,
              report dates; dependent on the wires (same stories).
  ``morgue``  hospital registers (UTF-16 TSV): date received (+0-2 days), the
              district-centre hospital, 2.5% unidentified bodies.
  ``pages``   community memorial pages (UTF-8 BOM): wives/mothers recorded only as
              "زوجة X" / "والدة X", honorifics (الشهيد، الطفلة، الحاج), 9% in the
              chat alphabet (3li, 7asan), many dates missing.
  ``north``   a northern NGO's Turkish-language XLSX: "EL-HASAN, Muhammed" (family
              name first), Turkish / Kurmanji spellings, birth years, districts.

  Every list repeats some of its victims (independently re-spelled re-entries).

Features none of the issue's list names: the merged two-organisation export (its
own within-list cross-script duplicates), women named only through a husband or
son, family-name-first Turkish orthography with birth years, and column shifts in
the four-part name.

Truth (``truth/``): ``records.csv`` (record_id, source, person_id, incident_id,
errors, list_kind, thin, script, date_form, date_offset, place_level, reentry),
``persons.csv`` (every victim, documented or not, with role, household and clan
branch), ``incidents.csv`` and the strata / capture-history tables.
:func:`tally.simulate.mosaic.measure.measure` computes the profile's shares.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter, deque
from pathlib import Path

from tally.simulate.mosaic.lists import WRITERS, ListWriter
from tally.simulate.mosaic.world import END, START, Incident, Person, World

__all__ = ["simulate_mosaic"]

_RECORD_COLUMNS = ("record_id", "source", "person_id", "incident_id", "errors", "list_kind", "thin",
                   "script", "date_form", "date_offset", "place_level", "reentry")
_PERSON_COLUMNS = ("person_id", "incident_id", "household_id", "family_id", "role", "given_name",
                   "father_name", "grandfather_name", "family_name", "sex", "age", "community", "status",
                   "date_of_death", "place", "place_ar", "district", "governorate", "phase")


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"tally-mosaic:{seed}:{part}")


def simulate_mosaic(outdir: Path, seed: int, size: int, result, progress=None):
    """Write the mosaic simulation of about ``size`` records to ``outdir`` (already
    cleared by the caller) and fill ``result`` (a SimulationResult)."""
    t0 = time.perf_counter()
    world = World(_rng(seed, "world"))
    writers: dict[str, ListWriter] = {w.id: w(outdir, _rng(seed, f"list:{w.id}")) for w in WRITERS}
    ids = tuple(writers)
    cap = _rng(seed, "capture")
    truth_dir = outdir / "truth"
    truth_dir.mkdir(parents=True, exist_ok=True)
    files = []

    def table(name, header):
        f = open(truth_dir / name, "w", encoding="utf-8", newline="")
        files.append(f)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        return w

    rec_w = table("records.csv", _RECORD_COLUMNS)
    per_w = table("persons.csv", _PERSON_COLUMNS + ids + ("n_records",))
    inc_w = table("incidents.csv", ("incident_id", "phase", "date", "place", "place_ar", "district",
                                    "governorate", "type", "perpetrator", "killed", "civilians", "documented"))
    strata_gm: Counter = Counter()
    strata_c: Counter = Counter()
    histories: Counter = Counter()
    pending: deque = deque()  # (due incident number, list id, person, org)
    records = 0
    next_progress = 5000
    counts: Counter = Counter()

    def emit(sid: str, p: Person, reentry: bool, org: str | None = None, extra: str | None = None) -> None:
        w = writers[sid]
        rid, tokens, ann = (w.write(p, reentry, org) if org else w.write(p, reentry))
        if reentry:
            tokens.add("reentry")
        if extra:
            tokens.add(extra)
        rec_w.writerow((rid, sid, p.pid, p.incident.iid, ";".join(sorted(tokens)), ann["list_kind"],
                        ann["thin"], ann["script"], ann["date_form"], ann["date_offset"],
                        ann["place_level"], int(reentry)))
        counts[sid] += 1

    while records < size:
        inc = world.next_incident()
        n_inc = world.n_incident
        inc_in = {sid: cap.random() < w.p_incident(inc) for sid, w in writers.items() if sid != "coal"}
        coal_a = cap.random() < 0.6
        coal_b = cap.random() < (0.5 if coal_a else 0.3)
        if inc_in["wire"]:
            inc_in["digest"] = inc_in["digest"] or cap.random() < 0.5
        documented = 0
        for p in inc.victims:
            got: dict[str, int] = {}
            for sid, w in writers.items():
                if sid == "coal":
                    a = coal_a and cap.random() < (0.6 if p.status == "civilian" else 0.35)
                    b = coal_b and cap.random() < (0.7 if a else 0.45)
                    n = 0
                    if a:
                        emit(sid, p, False, "A")
                        n += 1
                    if b:
                        emit(sid, p, False, "B", "merge_overlap" if a else None)
                        n += 1
                    got[sid] = n
                    continue
                pv = w.p_victim(p)
                if sid == "digest" and got.get("wire"):
                    pv = min(0.95, pv * 1.8)
                if inc_in[sid] and cap.random() < pv:
                    emit(sid, p, False)
                    got[sid] = 1
                else:
                    got[sid] = 0
            for sid, n in list(got.items()):
                if n and cap.random() < writers[sid].dup_rate / (1 - writers[sid].dup_rate):
                    org = None
                    if sid == "coal":
                        org = "A" if cap.random() < 0.6 else "B"
                    pending.append((n_inc + cap.randint(0, 25), sid, p, org))
                    got[sid] += 1
            n_rec = sum(got.values())
            records += n_rec
            flags = tuple(int(got[s] > 0) for s in ids)
            _person_row(per_w, p, inc, flags, n_rec)
            gov = inc.village.district.gov.code
            month = inc.date.strftime("%Y-%m")
            strata_gm[(gov, month, n_rec > 0)] += 1
            strata_c[(p.community, n_rec > 0)] += 1
            if n_rec:
                documented += 1
                histories[(gov, month, flags)] += 1
        while pending and pending[0][0] <= n_inc:
            _, sid, p, org = pending.popleft()
            emit(sid, p, True, org)
        v = inc.village
        inc_w.writerow((inc.iid, inc.phase, inc.date.isoformat(), v.pivot, v.ar, v.district.ar,
                        v.district.gov.code, inc.kind, inc.perpetrator, len(inc.victims),
                        sum(p.status == "civilian" for p in inc.victims), documented))
        result.incidents += 1
        result.persons += len(inc.victims)
        result.documented += documented
        if progress is not None and records >= next_progress:
            progress(records)
            next_progress = records + 5000
    while pending:
        _, sid, p, org = pending.popleft()
        emit(sid, p, True, org)
    for w in writers.values():
        w.close()
        (outdir / w.mapping_file).parent.mkdir(parents=True, exist_ok=True)
        (outdir / w.mapping_file).write_text(w.mapping(), encoding="utf-8")
    for f in files:
        f.close()
    _strata(truth_dir, strata_gm, strata_c, histories, ids)
    (outdir / "articles").mkdir(exist_ok=True)
    (outdir / "articles.jsonl").write_text("", encoding="utf-8")
    (truth_dir / "claims.json").write_text("[]\n", encoding="utf-8")
    result.records_by_source = {sid: counts[sid] for sid in ids}
    result.records = sum(counts.values())
    _manifest(outdir, result, writers)
    if progress is not None:
        progress(result.records)
    result.seconds = time.perf_counter() - t0
    return result


def _name(n) -> str:
    return n.ar if n is not None else ""


def _person_row(w, p: Person, inc: Incident, flags, n_rec: int) -> None:
    v = inc.village
    w.writerow((p.pid, inc.iid, p.household, p.branch, p.role, p.given.ar, _name(p.father),
                _name(p.grandfather), p.family.ar, p.sex, p.age, p.community, p.status,
                inc.date.isoformat(), v.pivot, v.ar, v.district.ar, v.district.gov.code, inc.phase)
               + flags + (n_rec,))


def _strata(truth_dir: Path, gm: Counter, comm: Counter, histories: Counter, ids) -> None:
    cells: dict = {}
    for (gov, month, doc), n in gm.items():
        c = cells.setdefault((gov, month), [0, 0])
        c[0] += n
        c[1] += n if doc else 0
    with open(truth_dir / "strata_governorate_month.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("governorate", "month", "n_true", "n_documented"))
        for key in sorted(cells):
            w.writerow(key + tuple(cells[key]))
    by_c: dict = {}
    for (c, doc), n in comm.items():
        x = by_c.setdefault(c, [0, 0])
        x[0] += n
        x[1] += n if doc else 0
    with open(truth_dir / "strata_community.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("community", "n_true", "n_documented"))
        for c in sorted(by_c):
            w.writerow((c,) + tuple(by_c[c]))
    with open(truth_dir / "capture_histories.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("governorate", "month") + ids + ("count",))
        for key in sorted(histories):
            w.writerow((key[0], key[1]) + key[2] + (histories[key],))


def _manifest(outdir: Path, result, writers: dict[str, ListWriter]) -> None:
    manifest = {
        "seed": result.seed, "size": result.size, "profile": result.profile,
        "period": [START.isoformat(), END.isoformat()],
        "counts": {"records": result.records, "records_by_source": result.records_by_source,
                   "persons": result.persons, "documented_persons": result.documented,
                   "incidents": result.incidents, "articles": 0, "claims": 0},
        "sources": [w.meta() for w in writers.values()],
        "articles": {"dir": "articles", "index": "articles.jsonl", "claims": "truth/claims.json"},
        "truth": {"records": "truth/records.csv", "persons": "truth/persons.csv",
                  "incidents": "truth/incidents.csv",
                  "strata_governorate_month": "truth/strata_governorate_month.csv",
                  "strata_community": "truth/strata_community.csv",
                  "capture_histories": "truth/capture_histories.csv"},
    }
    (outdir / "simulation.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    lines = [
        "# Simulated conflict (Tally), profile mosaic", "",
        f"Seed {result.seed}, size {result.size:,}: {result.persons:,} victims in {result.incidents:,} "
        f"incidents, {result.documented:,} on at least one list; {result.records:,} records in seven "
        "lists. Names are drawn at random from tables of common names: no record describes a real person.", "",
        "| source | records | file | mapping |", "| --- | --- | --- | --- |",
    ]
    for w in writers.values():
        lines.append(f"| {w.id} | {result.records_by_source[w.id]:,} | {w.file} | {w.mapping_file} |")
    lines += ["", "Ingest: `tally -p PROJECT source add ID ...` then "
              "`tally -p PROJECT ingest lists/FILE --source ID --mapping mappings/ID.toml`.", ""]
    (outdir / "README.md").write_text("\n".join(lines), encoding="utf-8")

