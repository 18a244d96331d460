"""What a mosaic simulation holds, measured from its truth files (no linkage involved).

    from tally.simulate.mosaic.measure import measure
    print(measure("sim/"))      # shares of thin records, re-entries, cross-script pairs ...
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from tally.simulate.mosaic.names import RHYMES

#: variation tokens whose share of records is reported
TOKENS = ("typo", "date_shift", "date_month", "date_missing", "district_only", "no_father",
          "no_grandfather", "shifted_columns", "merge_overlap", "unidentified", "wife_of", "mother_of",
          "kunya", "honorific", "hand_en", "hand_fr", "hand_chat", "hand_tr", "family_first",
          "birth_year", "birth_year_off", "place_spelling", "ar_hamza", "ar_ta_marbuta", "ar_alef_maqsura", "ar_joined")


def measure(simdir) -> dict:
    simdir = Path(simdir)
    with open(simdir / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(simdir / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    n = len(records)
    out: dict = {"records": n, "persons": len(persons)}
    by_person: dict[str, list[dict]] = defaultdict(list)
    tokens: Counter = Counter()
    for r in records:
        by_person[r["person_id"]].append(r)
        tokens.update(t for t in r["errors"].split(";") if t)
    out["documented"] = len(by_person)
    out["records_by_source"] = dict(Counter(r["source"] for r in records))
    out["thin_share"] = sum(r["thin"] == "1" for r in records) / n
    out["reentry_share"] = sum(r["reentry"] == "1" for r in records) / n
    out["within_list_duplicate_share"] = (sum(r["reentry"] == "1" for r in records) + tokens["merge_overlap"]) / n
    out["latin_share"] = sum(r["script"] == "latin" for r in records) / n
    for t in TOKENS:
        out[f"{t}_share"] = tokens[t] / n
    for key, values in (("date_form", ("day", "month", "missing")),
                        ("place_level", ("village", "district", "hospital", "governorate", "countryside"))):
        c = Counter(r[key] for r in records)
        for v in values:
            out[f"{key}_{v}"] = c[v] / n
    out["date_offset_nonzero"] = sum(r["date_form"] == "day" and r["date_offset"] not in ("0", "") for r in records) / n
    # true pairs by kind
    pairs: Counter = Counter()
    for rs in by_person.values():
        for a, b in combinations(rs, 2):
            pairs["all"] += 1
            pairs["cross_script"] += a["script"] != b["script"]
            pairs["latin_latin"] += a["script"] == b["script"] == "latin"
            pairs["within_list"] += a["source"] == b["source"]
            thin = (a["thin"] == "1") + (b["thin"] == "1")
            pairs["thin_thin"] += thin == 2
            pairs["thin_other"] += thin == 1
            pairs["date_differs"] += not (a["date_form"] == b["date_form"] == "day"
                                          and a["date_offset"] == b["date_offset"])
            pairs["place_level_differs"] += a["place_level"] != b["place_level"]
    total = pairs["all"] or 1
    out["true_pairs"] = pairs["all"]
    for k in ("cross_script", "latin_latin", "within_list", "thin_thin", "thin_other", "date_differs",
              "place_level_differs"):
        out[f"{k}_pair_share"] = pairs[k] / total
    # families and namesakes
    by_incident: dict[str, list[dict]] = defaultdict(list)
    for p in persons.values():
        by_incident[p["incident_id"]].append(p)
    covictim = 0
    for ps in by_incident.values():
        fam = Counter(p["family_name"] for p in ps)
        covictim += sum(fam[p["family_name"]] > 1 for p in ps)
    out["family_covictim_share"] = covictim / len(persons)
    phases = Counter(p["phase"] for p in persons.values())
    for ph, k in sorted(phases.items()):
        out[f"victims_{ph}"] = k / len(persons)
    documented = [persons[pid] for pid in by_person]
    key_incidents: dict[tuple, set] = defaultdict(set)
    key_gov: dict[tuple, set] = defaultdict(set)
    for p in documented:
        key_incidents[(p["given_name"], p["family_name"])].add(p["incident_id"])
        key_gov[(p["governorate"], p["given_name"], p["family_name"])].add(p["incident_id"])
    out["namesake_share"] = sum(len(key_incidents[(p["given_name"], p["family_name"])]) > 1
                                for p in documented) / len(documented)
    out["namesake_share_same_governorate"] = sum(
        len(key_gov[(p["governorate"], p["given_name"], p["family_name"])]) > 1 for p in documented) / len(documented)
    out["namesake_max"] = max(Counter((p["given_name"], p["family_name"]) for p in documented).values())
    sons = [p for p in persons.values() if p["role"] == "son"]
    out["sons_named_after_grandfather"] = sum(p["given_name"] == p["grandfather_name"] for p in sons) / max(1, len(sons))
    # relatives that look alike: rhyming siblings, same-name cousins (both documented)
    by_house: dict[str, list[dict]] = defaultdict(list)
    by_clan: dict[tuple, list[dict]] = defaultdict(list)
    for p in documented:
        by_house[p["household_id"]].append(p)
        if p["role"] in ("son", "daughter"):
            by_clan[(p["family_id"], p["given_name"])].append(p)
    out["rhyming_sibling_pairs"] = sum(
        1 for ps in by_house.values() for a, b in combinations(ps, 2)
        if a["role"] in ("son", "daughter") and b["role"] in ("son", "daughter")
        and RHYMES.get(a["given_name"]) == b["given_name"])
    out["same_name_cousin_pairs"] = sum(
        1 for ps in by_clan.values() for a, b in combinations(ps, 2)
        if a["household_id"] != b["household_id"] and a["father_name"] != b["father_name"])
    return out
