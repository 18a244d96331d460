"""The shares the `ledger` profile promises, measured on what it wrote.

    python -m tally.simulate.ledger.measure SIMDIR

Reads only the truth files (never a linkage): thin (news-derived) records;
the share of true pairs whose two records are in different scripts; namesakes
(documented persons whose given + family name another documented person in
their governorate shares); within-list re-entries; victims with a co-victim of
their family name; eldest sons named after their grandfather; sibling names one
letter apart; the variation forms each list carries.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def _one_letter(a: str, b: str) -> bool:
    """True when one substitution, insertion or deletion turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    s, t = (a, b) if len(a) < len(b) else (b, a)
    return any(t[:i] + t[i + 1:] == s for i in range(len(t)))


def measure(simdir: str | Path) -> dict:
    simdir = Path(simdir)
    with open(simdir / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(simdir / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = list(csv.DictReader(f))
    n = len(records)
    out: dict = {"records": n, "persons": len(persons)}
    by_person: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_person[r["person_id"]].append(r)
    pairs = cross = within = 0
    pair_kinds: Counter = Counter()
    for rs in by_person.values():
        for i in range(len(rs)):
            for j in range(i):
                a, b = rs[i], rs[j]
                pairs += 1
                cross += a["script"] != b["script"]
                within += a["source"] == b["source"]
                thin = int(a["thin"]) + int(b["thin"])
                pair_kinds[("full~full", "thin~other", "thin~thin")[thin]] += 1
    out["true_pairs"] = pairs
    out["cross_script_pair_share"] = cross / pairs if pairs else 0.0
    out["within_list_pair_share"] = within / pairs if pairs else 0.0
    for k, v in pair_kinds.items():
        out[f"pairs_{k}"] = v
    out["thin_share"] = sum(r["thin"] == "1" for r in records) / n
    out["latin_share"] = sum(r["script"] == "latin" for r in records) / n
    tokens = Counter(t for r in records for t in r["errors"].split(";") if t)
    out["reentry_share"] = tokens["duplicate"] / n
    for t in ("kunya", "nickname", "relation_form", "compound_form", "compound_joined", "unidentified",
              "typo", "no_article", "hamza", "translit_english", "translit_french", "translit_academic",
              "age_range", "honorific"):
        out[f"{t}_share"] = tokens[t] / n
    levels = Counter(r["place_level"] for r in records)
    for k, v in levels.items():
        out[f"place_{k}"] = v / n
    forms = Counter(r["date_form"] if r["date_form"] != "day" else
                    ("day_exact" if r["date_offset"] == "0" else "day_off") for r in records)
    for k, v in forms.items():
        out[f"date_{k}"] = v / n
    # namesakes among documented persons, by governorate
    documented = [p for p in persons if int(p["n_records"]) > 0]
    names = Counter((p["governorate"], p["given_key"], p["family_key"]) for p in documented)
    out["namesake_share"] = (sum(names[(p["governorate"], p["given_key"], p["family_key"])] > 1
                                 for p in documented) / len(documented)) if documented else 0.0
    out["namesake_max"] = max(names.values()) if names else 0
    # families
    fam = Counter((p["incident_id"], p["family_name"]) for p in persons)
    out["family_covictim_share"] = (sum(fam[(p["incident_id"], p["family_name"])] > 1 for p in persons)
                                    / len(persons))
    households: dict[str, list[dict]] = defaultdict(list)
    for p in persons:
        households[p["household_id"]].append(p)
    eldest = named = siblings = 0
    for members in households.values():
        sons = sorted((m for m in members if m["role"] == "son"), key=lambda m: -int(m["age"]))
        if sons:
            eldest += 1
            named += sons[0]["given_name"] == sons[0]["grandfather_name"]
        kids = [m for m in members if m["role"] in ("son", "daughter")]
        siblings += sum(_one_letter(kids[i]["given_name"], kids[j]["given_name"])
                        for i in range(len(kids)) for j in range(i))
    out["eldest_named_after_grandfather"] = named / eldest if eldest else 0.0
    # two branches of a clan in one incident: same family and father name, another grandfather
    by_incident: dict[tuple, list[dict]] = defaultdict(list)
    for p in persons:
        by_incident[(p["incident_id"], p["family_name"], p["father_name"])].append(p)
    same_name = one_letter = 0
    for members in by_incident.values():
        for i in range(len(members)):
            for j in range(i):
                a, b = members[i], members[j]
                if a["family_id"] == b["family_id"] or a["grandfather_name"] == b["grandfather_name"]:
                    continue
                same_name += a["given_name"] == b["given_name"]
                one_letter += _one_letter(a["given_name"], b["given_name"])
    out["branch_pairs_same_name"] = same_name
    out["branch_pairs_one_letter"] = one_letter
    out["one_letter_sibling_pairs"] = siblings
    by_source = Counter(r["source"] for r in records)
    out["records_by_source"] = dict(sorted(by_source.items()))
    return out


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    m = measure(argv[0])
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in m.items()}, indent=1))


if __name__ == "__main__":
    main()
