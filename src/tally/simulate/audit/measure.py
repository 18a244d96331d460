"""The shares the audit profile promises, measured from a simulation's truth files.

    python -m tally.simulate.audit.measure SIMDIR

Reads only ``truth/`` (no linker): the share of thin records, of re-entries, of
cross-script pairs among the true pairs, families and namesakes. The tests hold the
profile to these within tolerance; the module docstring of
:mod:`tally.simulate.audit` quotes them at 5,000 and 50,000 records.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def measure(simdir: str | Path) -> dict[str, float]:
    simdir = Path(simdir)
    with open(simdir / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(simdir / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    by_person: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_person[r["person_id"]].append(r)
    n = len(records)
    true_pairs = cross = within = thin_pairs = 0
    for recs in by_person.values():
        k = len(recs)
        true_pairs += _pairs(k)
        latin = sum(r["script"] == "latin" for r in recs)
        cross += latin * (k - latin)
        per_source = Counter(r["source"] for r in recs)
        within += sum(_pairs(c) for c in per_source.values())
        thin = sum(r["thin"] == "1" for r in recs)
        thin_pairs += thin * (k - thin) + _pairs(thin)
    documented = [p for p in persons.values() if int(p["n_records"]) > 0]
    # families: victims sharing their family name with another victim of their incident
    fam = Counter((p["incident_id"], p["family_key"]) for p in persons.values())
    hh = Counter(p["household_id"] for p in persons.values())
    # namesakes: documented victims sharing given + family name within a governorate
    names = Counter((p["governorate"], p["given_key"], p["family_key"]) for p in documented)
    sharing = sum(c for c in names.values() if c > 1)
    # relatives traps: same-incident, same-household siblings one letter apart
    one_letter = 0
    by_hh: dict[str, list[dict]] = defaultdict(list)
    for p in persons.values():
        by_hh[p["household_id"]].append(p)
    for members in by_hh.values():
        kids = [m for m in members if m["role"] in ("child", "cousin")]
        for i in range(len(kids)):
            for j in range(i):
                a, b = kids[i]["given_name"], kids[j]["given_name"]
                if a != b and _one_edit(a, b):
                    one_letter += 1
    # the same trap across two branches of a clan: same incident, family and father name,
    # another grandfather, given names one letter apart
    by_branch: dict[tuple, list[dict]] = defaultdict(list)
    for p in persons.values():
        if p["role"] == "child":
            by_branch[(p["incident_id"], p["family_name"], p["father_name"])].append(p)
    branch = branch_same = 0
    for kids in by_branch.values():
        for i in range(len(kids)):
            for j in range(i):
                a, b = kids[i], kids[j]
                if a["grandfather_name"] == b["grandfather_name"]:
                    continue
                if a["given_name"] == b["given_name"]:
                    branch_same += 1
                elif _one_edit(a["given_name"], b["given_name"]):
                    branch += 1
    males = [p for p in persons.values() if p["role"] == "child" and p["sex"] == "male"]
    after_grandfather = sum(p["given_name"] == p["grandfather_name"] for p in males)
    date_forms = Counter(r["date_form"] for r in records)
    levels = Counter(r["place_level"] for r in records)
    return {
        "records": n,
        "persons": len(persons),
        "documented": len(documented),
        "records_per_documented": n / max(1, len(documented)),
        "thin_share": sum(r["thin"] == "1" for r in records) / n,
        "reentry_share": sum("duplicate" in r["errors"].split(";") for r in records) / n,
        "latin_share": sum(r["script"] == "latin" for r in records) / n,
        "true_pairs": true_pairs,
        "cross_script_pair_share": cross / max(1, true_pairs),
        "within_list_pair_share": within / max(1, true_pairs),
        "thin_pair_share": thin_pairs / max(1, true_pairs),
        "family_covictim_share": sum(fam[(p["incident_id"], p["family_key"])] > 1
                                     for p in persons.values()) / max(1, len(persons)),
        "household_share": sum(hh[p["household_id"]] > 1 for p in persons.values()) / max(1, len(persons)),
        "namesake_share": sharing / max(1, len(documented)),
        "namesake_max": max(names.values(), default=0),
        "namesake_mean_group": sharing / max(1, sum(1 for c in names.values() if c > 1)),
        "one_letter_sibling_pairs": one_letter,
        "one_letter_branch_pairs": branch,
        "same_name_branch_pairs": branch_same,
        "eldest_named_after_grandfather": after_grandfather / max(1, len(males)),
        "date_not_day_share": 1 - date_forms["day"] / n,
        "date_offset_share": sum(r["date_form"] == "day" and r["date_offset"] != "0" for r in records) / n,
        "unidentified_share": sum("unidentified" in r["errors"].split(";") for r in records) / n,
        **{f"place_{k}": v / n for k, v in sorted(levels.items())},
    }


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one letter substituted, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    s, t = (a, b) if len(a) < len(b) else (b, a)
    return any(t[:i] + t[i + 1:] == s for i in range(len(t)))


if __name__ == "__main__":  # pragma: no cover
    for k, v in measure(sys.argv[1]).items():
        print(f"{k:34s} {v:.3f}" if isinstance(v, float) else f"{k:34s} {v:,}")
