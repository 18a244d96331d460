"""The true pairs Tally's linker missed, one row each, to read their causes.

Simulates and ingests a profile with ``benchmarks/linkage.py``'s ``prepare``
(in a folder of its own), links it, and writes every missed true pair to a
TSV: both records' lists, raw name parts, name keys, dates, places (unit,
level, district, governorate), the pair's fate (never blocked, scored below
the stored floor, doubtful, strong but kept apart) and its comparison levels.
Then prints the fates and, for the missed pairs, which name keys disagree and
the commonest raw spellings behind each disagreement, so a normalisation gap
(two spellings of one name that get two keys) shows up by count.

    python benchmarks/linkage_misses.py --profile audit --size 5000 --seed 1 --out /tmp/m.tsv

Every figure is in-sample: run it only on development profiles.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import linkage  # noqa: E402  (benchmarks/linkage.py: prepare, tally_link, blocked_sql)

WORK = (Path(os.environ["TALLY_LINKAGE_WORK"]) / "misses" if os.environ.get("TALLY_LINKAGE_WORK")
        else Path(__file__).parent / "_work" / "linkage_misses")

PARTS = ("given", "father", "grandfather", "family")
COLUMNS = ("a", "b", "list_a", "list_b", "fate", "prob",
           *(f"{p}_{s}" for p in PARTS for s in ("raw_a", "raw_b", "key_a", "key_b")),
           "name_a", "name_b", "date_a", "date_b", "prec_a", "prec_b", "lag_a", "lag_b",
           "place_a", "place_b", "level_a", "level_b", "district_a", "district_b",
           "gov_a", "gov_b", "age_a", "age_b", "sex_a", "sex_b", "levels")


def missed_pairs(project, truth: dict[str, str], pred: dict[str, str], sources: dict[str, str]):
    """Rows (dicts of COLUMNS) for each true pair the linker left apart."""
    import pyarrow as pa

    from tally.link.features import build_features
    from tally.link.settings import blocking_rules

    members: dict[str, list[str]] = {}
    for rec, person in truth.items():
        members.setdefault(person, []).append(rec)
    pairs = [tuple(sorted(p)) for recs in members.values() for p in combinations(recs, 2)
             if not (pred.get(p[0]) is not None and pred.get(p[0]) == pred.get(p[1]))]
    blocked = linkage.blocked_sql(blocking_rules())
    with project.connect() as con:
        build_features(con, "_m_input")
        con.execute("""CREATE TEMP TABLE _m_f AS SELECT v.source_record_id AS sid, f.*,
                           v.given_name AS given_raw, v.father_name AS father_raw,
                           v.grandfather_name AS grandfather_raw, v.family_name AS family_raw,
                           v.name AS name_raw, n.place_level, n.date_start AS date_raw
                       FROM _m_input f JOIN victim_record v ON v.record_id = f.unique_id
                       JOIN record_norm n ON n.record_id = f.unique_id""")
        con.register("_m_pairs", pa.table({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}))
        side = ", ".join(f"{s}.{c} AS {c}_{s}" for s in ("l", "r") for c in (
            "unique_id", "given_raw", "father_raw", "grandfather_raw", "family_raw", "name_raw",
            "given_key", "father_key", "grandfather_key", "family_key", "date_raw",
            "date_precision", "date_lags", "place_id", "place_level", "district_id",
            "governorate_id", "age_low", "sex"))
        cur = con.execute(f"SELECT t.a, t.b, {blocked} AS blocked, {side} FROM _m_pairs t "
                          "JOIN _m_f l ON l.sid = t.a JOIN _m_f r ON r.sid = t.b")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        prob = ("p.model_probability" if "model_probability" in
                [c[0] for c in con.execute("DESCRIBE record_pair").fetchall()] else "p.match_probability")
        stored = {tuple(sorted((a, b))): (p, c) for a, b, p, c in con.execute(
            f"SELECT vl.source_record_id, vr.source_record_id, {prob}, p.comparison "
            "FROM record_pair p JOIN victim_record vl ON vl.record_id = p.record_id_l "
            "JOIN victim_record vr ON vr.record_id = p.record_id_r").fetchall()}
    out = []
    for r in rows:
        p, comp = stored.get((r["a"], r["b"]), (None, None))
        fate = ("unblocked" if not r["blocked"] else "low") if p is None else (
            "strong" if p >= 0.5 else "doubtful")
        d = json.loads(comp) if comp else {}
        row = {"a": r["a"], "b": r["b"], "list_a": sources.get(r["a"]), "list_b": sources.get(r["b"]),
               "fate": fate, "prob": "" if p is None else f"{p:.3f}",
               "levels": " | ".join(f"{k}: {v['level']}" for k, v in d.items()
                                    if k in ("given_name", "lineage", "event", "age", "sex"))}
        for part in PARTS:
            for s, x in (("a", "l"), ("b", "r")):
                row[f"{part}_raw_{s}"] = r[f"{part}_raw_{x}"]
                row[f"{part}_key_{s}"] = r[f"{part}_key_{x}"]
        for s, x in (("a", "l"), ("b", "r")):
            row[f"name_{s}"] = r[f"name_raw_{x}"]
            row[f"date_{s}"] = r[f"date_raw_{x}"]
            row[f"prec_{s}"] = r[f"date_precision_{x}"]
            row[f"lag_{s}"] = r[f"date_lags_{x}"]
            row[f"place_{s}"] = r[f"place_id_{x}"]
            row[f"level_{s}"] = r[f"place_level_{x}"]
            row[f"district_{s}"] = r[f"district_id_{x}"]
            row[f"gov_{s}"] = r[f"governorate_id_{x}"]
            row[f"age_{s}"] = r[f"age_low_{x}"]
            row[f"sex_{s}"] = r[f"sex_{x}"]
        out.append(row)
    return out, sum(len(v) * (len(v) - 1) // 2 for v in members.values())


def summarise(rows: list[dict], n_true: int) -> None:
    print(f"  missed {len(rows):,} of {n_true:,} true pairs (recall {1 - len(rows) / n_true:.3f})")
    print("  fates: " + ", ".join(f"{k} {v}" for k, v in Counter(r["fate"] for r in rows).most_common()))
    shape: Counter = Counter()
    spell: dict[str, Counter] = {p: Counter() for p in PARTS}
    for r in rows:
        sig = []
        for p in PARTS:
            ka, kb = r[f"{p}_key_a"], r[f"{p}_key_b"]
            sig.append(f"{p[:2]}{'=' if ka == kb and ka else '?' if not ka or not kb else '≠'}")
            if ka and kb and ka != kb:
                spell[p][f"{r[f'{p}_raw_a']} [{ka}] / {r[f'{p}_raw_b']} [{kb}]"] += 1
        gov = "gov=" if r["gov_a"] == r["gov_b"] and r["gov_a"] else "gov≠"
        shape[f"{' '.join(sig)} {gov} {r['fate']}"] += 1
    print("  missed pairs by name-key agreement (= agree, ≠ differ, ? missing), governorate, fate:")
    for k, v in shape.most_common(25):
        print(f"    {v:5d}  {k}")
    for p in PARTS:
        print(f"  {p}: commonest differing spellings of missed pairs [keys]:")
        for k, v in spell[p].most_common(25):
            print(f"    {v:4d}  {k}")
    levels: Counter = Counter(r["levels"] for r in rows if r["levels"])
    print("  missed scored pairs, commonest comparison levels:")
    for k, v in levels.most_common(20):
        print(f"    {v:5d}  {k}")


def main(argv: list[str] | None = None) -> None:
    from tally.simulate.score import load_record_sources, load_record_truth, score_clusters

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="audit")
    ap.add_argument("--size", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="write the missed pairs here (TSV)")
    ap.add_argument("--brief", action="store_true", help="scores only, no table of misses")
    args = ap.parse_args(argv)
    linkage.WORK = WORK / args.profile
    project, sim = linkage.prepare(args.size, args.seed, args.profile)
    pred = linkage.tally_link(project)
    truth = load_record_truth(sim)
    rows, n_true = missed_pairs(project, truth, pred, load_record_sources(sim))
    sc = score_clusters(truth, pred)
    print(f"{args.profile} {args.size} seed {args.seed}: P={sc.precision:.3f} R={sc.recall:.3f} "
          f"F1={sc.f1:.3f} B3-F1={sc.bcubed_f1:.3f}")
    if not args.brief:
        summarise(rows, n_true)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t")
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
