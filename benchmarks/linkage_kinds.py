"""Linkage errors by kind: where Tally's linker misses and what it wrongly merges.

Simulates a profile, ingests and links it with ``benchmarks/linkage.py``'s own
``prepare`` and ``tally_link`` (the same run as that benchmark, in a folder of
its own), then prints pairwise precision/recall/F1 and B-cubed, and:

* recall over the true pairs of each kind, and each kind's share of all
  missed pairs: thin~other, thin~thin (thin = a news-derived record, given +
  family only), within-list duplicates (two records of one person in one
  list), cross-script (Arabic~Latin), Latin~Latin, Arabic~Arabic,
  date differs (shifted, partial or missing on one side), place level
  differs (village vs district vs governorate);
* false merges (wrongly linked pairs) by kind: namesakes (same true given and
  family name) from different incidents, relatives in the same incident (same
  family or family name), others in the same incident, other.

Kinds come from the truth files: the ``field`` profile annotates every record
(tally.simulate.field); for other profiles date and place kinds are read from
the variation tokens in ``truth/records.csv`` where the profile writes them,
thin records are taken as the records of its news lists (source kind
news_outlet), and a kind no record carries is skipped with a note.

    python benchmarks/linkage_kinds.py --profile field --sizes 5000 50000 --seed 1
    python benchmarks/linkage_kinds.py --profile independent --sizes 5000

``field`` is held out: report it, never tune on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import linkage  # noqa: E402  (benchmarks/linkage.py: prepare, tally_link)

#: scratch folder, apart from linkage.py's; under TALLY_LINKAGE_WORK when that is set, so
#: two people's runs do not share one
WORK = (Path(os.environ["TALLY_LINKAGE_WORK"]) / "kinds" if os.environ.get("TALLY_LINKAGE_WORK")
        else Path(__file__).parent / "_work" / "linkage_kinds")

_LAG = re.compile(r"^(?:report_lag|received_lag|date_later)_(\d+)$")
_PARTIAL = {"month_only", "date_month", "missing_date", "date_missing"}
_SHIFT = {"date_shift", "date_received_later"}
_PLACE = {"governorate_only": "governorate", "district_centre": "district",
          "district_only": "district", "place_district": "district"}


def load_annotations(simdir: Path) -> tuple[dict[str, dict], list[str]]:
    """record_id → {source, person, script, thin, date, place}; and notes on skipped kinds.

    ``thin``, ``date`` and ``place`` are None where the profile does not say."""
    from tally.simulate.score import load_record_scripts

    scripts = load_record_scripts(simdir)
    with open(simdir / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    annotated = rows and "list_kind" in rows[0]
    tokens = {t for r in rows for t in r["errors"].split(";")}
    has_date = annotated or bool(tokens & (_PARTIAL | _SHIFT) or any(_LAG.match(t) for t in tokens))
    has_place = annotated or bool(tokens & set(_PLACE))
    notes = []
    news = set()
    if not annotated:
        manifest = json.loads((simdir / "simulation.json").read_text(encoding="utf-8"))
        news = {s["id"] for s in manifest["sources"] if s.get("kind") == "news_outlet"}
        notes.append(f"thin records: not annotated by this profile; taken as the records of its "
                     f"news lists ({', '.join(sorted(news))})" if news else
                     "thin records: not annotated by this profile and no news list (skipped)")
    if not has_date:
        notes.append("date differs: no date variation annotated (skipped)")
    if not has_place:
        notes.append("place level differs: no place level annotated (skipped)")
    out = {}
    for r in rows:
        toks = set(r["errors"].split(";"))
        if annotated:
            thin = r["thin"] == "1"
            date = ("day", r["date_offset"]) if r["date_form"] == "day" else (r["date_form"],)
            place = r["place_level"]
        else:
            thin = (r["source"] in news) if news else None
            date = _date_from_tokens(toks) if has_date else None
            place = next((_PLACE[t] for t in toks if t in _PLACE), "village") if has_place else None
        out[r["record_id"]] = {"source": r["source"], "person": r["person_id"],
                               "script": scripts[r["record_id"]], "thin": thin, "date": date,
                               "place": place}
    return out, notes


def _date_from_tokens(toks: set[str]) -> tuple:
    if toks & _PARTIAL:
        return ("partial",)
    if toks & _SHIFT:
        return ("shift",)  # by an amount the truth does not give: differs from anything
    for t in toks:
        m = _LAG.match(t)
        if m:
            return ("day", m.group(1))
    return ("day", "0")


def pair_kinds(a: dict, b: dict) -> list[str]:
    kinds = []
    if a["thin"] is not None:
        if a["thin"] and b["thin"]:
            kinds.append("thin~thin")
        elif a["thin"] or b["thin"]:
            kinds.append("thin~other")
        else:
            kinds.append("full~full")
    if a["source"] == b["source"]:
        kinds.append("within-list duplicate")
    if a["script"] != b["script"]:
        kinds.append("cross-script")
    else:
        kinds.append("latin~latin" if a["script"] == "latin" else "arabic~arabic")
    if a["date"] is not None:
        same = a["date"] == b["date"] and a["date"][0] == "day"
        kinds.append("date differs" if not same else "date same")
    if a["place"] is not None:
        kinds.append("place level differs" if a["place"] != b["place"] else "place level same")
    return kinds


KIND_ORDER = ("thin~other", "thin~thin", "full~full", "within-list duplicate", "cross-script",
              "latin~latin", "arabic~arabic", "date differs", "date same", "place level differs",
              "place level same")


def recall_by_kind(ann: dict[str, dict], pred: dict[str, str]) -> None:
    by_person: dict[str, list[str]] = defaultdict(list)
    for rid, a in ann.items():
        by_person[a["person"]].append(rid)
    total: Counter = Counter()
    hit: Counter = Counter()
    missed_all = 0
    for rids in by_person.values():
        for i in range(len(rids)):
            for j in range(i):
                a, b = rids[i], rids[j]
                same = pred.get(a) is not None and pred.get(a) == pred.get(b)
                missed_all += not same
                for k in pair_kinds(ann[a], ann[b]):
                    total[k] += 1
                    hit[k] += same
    print(f"    recall by kind (true pairs; share of the {missed_all:,} missed pairs):")
    for k in KIND_ORDER:
        if total[k]:
            miss = total[k] - hit[k]
            print(f"      {k:22s} R={hit[k] / total[k]:.3f} over {total[k]:7,}; "
                  f"{miss / missed_all if missed_all else 0:.2f} of misses")


def load_persons(simdir: Path) -> dict[str, tuple]:
    """person → (name key, incident, family key) from truth/persons.csv."""
    out = {}
    with open(simdir / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            given = r.get("given_key") or r.get("given_name", "")
            family = r.get("family_key") or r.get("family_name", "")
            fam = r.get("family_id") or r.get("household_id") or ""
            out[r["person_id"]] = ((given, family), r.get("incident_id", ""), fam, family)
    return out


def false_merges(ann: dict[str, dict], pred: dict[str, str], persons: dict[str, tuple]) -> None:
    clusters: dict[str, Counter] = defaultdict(Counter)
    for rid, a in ann.items():
        if rid in pred:
            clusters[pred[rid]][a["person"]] += 1
    kinds: Counter = Counter()
    for people in clusters.values():
        ps = list(people)
        for i in range(len(ps)):
            for j in range(i):
                p, q = persons.get(ps[i]), persons.get(ps[j])
                n = people[ps[i]] * people[ps[j]]
                if p is None or q is None:
                    kinds["other"] += n
                elif p[1] and p[1] == q[1]:
                    related = (p[2] and p[2] == q[2]) or (p[3] and p[3] == q[3])
                    kinds["relatives, same incident" if related else "others, same incident"] += n
                elif p[0] == q[0] and all(p[0]):
                    kinds["namesakes, other incidents"] += n
                else:
                    kinds["other"] += n
    total = sum(kinds.values())
    print(f"    false merges by kind ({total:,} wrongly linked pairs):")
    for k in ("namesakes, other incidents", "relatives, same incident", "others, same incident",
              "other"):
        print(f"      {k:28s} {kinds[k]:7,} ({kinds[k] / total if total else 0:.2f})")


def run(profile: str, size: int, seed: int) -> None:
    from tally.simulate.score import score_clusters

    linkage.WORK = WORK / profile  # a folder of our own: linkage.py may run beside us
    t0 = time.perf_counter()
    project, sim = linkage.prepare(size, seed, profile)
    t_prep = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = linkage.tally_link(project)
    t_link = time.perf_counter() - t0
    ann, notes = load_annotations(sim)
    truth = {r: a["person"] for r, a in ann.items()}
    with project.connect(read_only=True) as con:
        unidentified = {r[0] for r in con.execute(
            "SELECT v.source_record_id FROM victim_record v JOIN record_norm n USING (record_id) "
            "WHERE n.unidentified").fetchall()}
    s = score_clusters(truth, pred)
    named = {r: p for r, p in truth.items() if r not in unidentified}
    sn = score_clusters(named, {r: pred[r] for r in named if r in pred})
    print(f"{profile} size {size} seed {seed}: {len(truth):,} records ({len(unidentified):,} "
          f"unidentified), {len(set(truth.values())):,} persons; simulate+ingest {t_prep:.1f} s, "
          f"link {t_link:.1f} s, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")
    print(f"    all:   P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  "
          f"B3 P={s.bcubed_precision:.3f} R={s.bcubed_recall:.3f} F1={s.bcubed_f1:.3f}")
    print(f"    named: P={sn.precision:.3f} R={sn.recall:.3f} F1={sn.f1:.3f}  B3-F1={sn.bcubed_f1:.3f}")
    for n in notes:
        print(f"    note: {n}")
    recall_by_kind(ann, pred)
    linkage.per_list_recall(truth, pred, {r: a["source"] for r, a in ann.items()})
    false_merges(ann, pred, load_persons(sim))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="field", help="field, independent, hard, audit, ledger, mosaic, kestrel or heron (all tuning now; mosaic was held out and run once in wave 6, kestrel in wave 7, heron in wave 8), or osprey (held out in wave 9: never tune on it)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    for size in args.sizes:
        run(args.profile, size, args.seed)


if __name__ == "__main__":
    main()
