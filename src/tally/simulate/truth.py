"""Truth files: what really happened, for scoring every stage.

``truth/`` in a simulation folder holds:

- ``records.csv``: every list record → its person and incident, and the
  variations its source applied (``errors``, ';'-separated);
- ``persons.csv``: every victim (documented or not) with true attributes,
  latent class and which lists captured them (0/1 per list);
- ``incidents.csv``: every incident with date, place, type, alleged
  perpetrator and the number killed;
- ``strata_governorate_month.csv``, ``strata_community.csv``: true N (all
  victims) and documented N (on at least one list) per stratum;
- ``capture_histories.csv``: the capture-history table (DESIGN.md format)
  of the true persons per governorate × month — what perfect linkage gives;
- ``claims.json``: the claims each article makes (DESIGN.md format) plus the
  incidents and true number killed behind each.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from tally.simulate.population import Incident, Person

PERSON_COLUMNS = (
    "person_id", "incident_id", "household_id", "given_name", "father_name",
    "grandfather_name", "family_name", "mother_name", "given_key", "father_key",
    "grandfather_key", "family_key", "given_latin", "family_latin", "kunya", "sex", "age",
    "community", "status", "date_of_death", "place", "place_ar", "district", "governorate",
    "place_id", "lat", "lon", "cause", "perpetrator", "latent_class",
)


class TruthWriter:
    def __init__(self, outdir: Path, source_ids: tuple[str, ...]) -> None:
        self.dir = outdir / "truth"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.sources = source_ids
        self._files = []
        self.records = self._csv("records.csv", ("record_id", "source", "person_id", "incident_id", "errors"))
        self.persons = self._csv("persons.csv", PERSON_COLUMNS + source_ids + ("n_records",))
        self.incidents = self._csv("incidents.csv", (
            "incident_id", "phase", "date", "place", "place_ar", "district", "governorate", "place_id",
            "lat", "lon", "type", "perpetrator", "killed", "civilians", "documented"))
        self._claims = open(self.dir / "claims.json", "w", encoding="utf-8", newline="\n")
        self._claims.write("[")
        self._n_claims = 0
        self.strata_gm: Counter = Counter()  # (governorate, month, documented) -> n
        self.strata_c: Counter = Counter()   # (community, documented) -> n
        self.histories: Counter = Counter()  # (governorate, month, flags) -> n

    def _csv(self, name: str, header: tuple[str, ...]):
        f = open(self.dir / name, "w", encoding="utf-8", newline="")
        self._files.append(f)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        return w

    def record(self, record_id: str, source: str, person: Person, errors: set[str]) -> None:
        self.records.writerow((record_id, source, person.person_id, person.incident_id,
                               ";".join(sorted(errors))))

    def person(self, p: Person, captured: dict[str, bool], n_records: int) -> None:
        flags = tuple(int(captured[s]) for s in self.sources)
        self.persons.writerow((
            p.person_id, p.incident_id, p.household, p.given.arabic[0], p.father.arabic[0],
            p.grandfather.arabic[0], p.family.arabic[0], p.mother.arabic[0], p.given.key,
            p.father.key, p.grandfather.key, p.family.key, p.given.latin, p.family.latin,
            p.kunya.arabic[0] if p.kunya else "", p.sex, p.age, p.community, p.status,
            p.date.isoformat(), p.place.name, p.place.name_ar, p.place.district,
            p.place.governorate, p.place.place_id, p.place.lat, p.place.lon, p.cause,
            p.perpetrator, "easy" if p.easy else "hard",
        ) + flags + (n_records,))
        month = p.date.strftime("%Y-%m")
        documented = any(flags)
        self.strata_gm[(p.place.governorate, month, documented)] += 1
        self.strata_c[(p.community, documented)] += 1
        if documented:
            self.histories[(p.place.governorate, month, flags)] += 1

    def incident(self, inc: Incident, documented: int) -> None:
        pl = inc.place
        self.incidents.writerow((
            inc.incident_id, inc.phase, inc.date.isoformat(), pl.name, pl.name_ar, pl.district,
            pl.governorate, pl.place_id, pl.lat, pl.lon, inc.type, inc.perpetrator, len(inc.victims),
            sum(v.status == "civilian" for v in inc.victims), documented,
        ))

    def claim(self, claim: dict) -> None:
        self._claims.write(("\n" if self._n_claims == 0 else ",\n")
                           + json.dumps(claim, ensure_ascii=False, sort_keys=True))
        self._n_claims += 1

    def close(self) -> None:
        self._claims.write("\n]\n")
        self._claims.close()
        for f in self._files:
            f.close()
        self._write_strata()

    def _write_strata(self) -> None:
        gm: dict[tuple[str, str], list[int]] = {}
        for (gov, month, doc), n in self.strata_gm.items():
            gm.setdefault((gov, month), [0, 0])[0] += n
            if doc:
                gm[(gov, month)][1] += n
        with open(self.dir / "strata_governorate_month.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(("governorate", "month", "n_true", "n_documented"))
            for key in sorted(gm):
                w.writerow(key + tuple(gm[key]))
        comm: dict[str, list[int]] = {}
        for (c, doc), n in self.strata_c.items():
            comm.setdefault(c, [0, 0])[0] += n
            if doc:
                comm[c][1] += n
        with open(self.dir / "strata_community.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(("community", "n_true", "n_documented"))
            for c in sorted(comm):
                w.writerow((c,) + tuple(comm[c]))
        with open(self.dir / "capture_histories.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(("governorate", "month") + self.sources + ("count",))
            for key in sorted(self.histories):
                w.writerow((key[0], key[1]) + key[2] + (self.histories[key],))
