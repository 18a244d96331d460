"""Linkage accuracy and speed: Tally's linker against a textbook Splink set-up.

On the same simulated conflicts (tally.simulate: five lists, the hard error
profile — Arabic script in Windows-1256, varied transliteration, typos,
swapped and family-first names, kunyas, month-only dates, district-level
places, within-list duplicates, unidentified bodies), in one process:

* Tally: `link_project` (Normalize's cross-script keys, combined lineage and
  event comparisons, designed training, constrained clustering);
* textbook: what an analyst writes without Arabic-specific work — first and
  last name token, date and place as written, Jaro-Winkler and exact levels,
  EM, connected components at 0.9.

Prints pairwise precision/recall/F1, B-cubed F1, recall between Arabic-script
and Latin-script records, and the ratio of run times. Scores are given over
all records and over named records (unidentified bodies are never merged on a
placeholder, so pairs involving them are misses by design).

    python benchmarks/linkage.py [--sizes 5000 50000] [--seed 5]
    python benchmarks/linkage.py --scale 1000000     # time and memory only
    python benchmarks/linkage.py --scale 200000 --pairs   # and blocked pairs per rule
    python benchmarks/linkage.py --profile independent --sizes 5000 --no-textbook --detail

``--profile independent`` is the held-out profile (tally.simulate.independent,
written apart from the tuning profiles): report it, never tune on it.
``--detail`` adds recall per pair of lists and within each list (same-source
re-entries) and the reliability table of the stored pair probabilities (of the
scored pairs in each 0.1-wide bin, the share that are the same person).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import resource
import shutil
import sys
import time
import warnings
from pathlib import Path

#: scratch folder; TALLY_LINKAGE_WORK moves it, so two helpers' runs do not
#: delete each other's projects
WORK = Path(os.environ.get("TALLY_LINKAGE_WORK") or Path(__file__).parent / "_work" / "linkage")


def prepare(size: int, seed: int, profile: str = "hard") -> tuple:
    from tally.demo import ingest_simulation
    from tally.project import Project
    from tally.simulate import simulate_conflict

    root = WORK / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)
    simulate_conflict(root / "sim", seed=seed, size=size, profile=profile)
    project = Project.init(root / "project")
    ingest_simulation(project, root / "sim")
    return project, root / "sim"


def tally_link(project) -> dict[str, str]:
    from tally.link import link_project

    link_project(project)
    with project.connect() as con:
        return dict(con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v USING (record_id)").fetchall())


def textbook_link(project) -> dict[str, str]:
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    with project.connect() as con:
        table = con.sql(
            """SELECT source_record_id AS unique_id,
                      lower(split_part(trim(name), ' ', 1)) AS first_name,
                      lower(string_split(trim(name), ' ')[-1]) AS surname,
                      date_of_death, lower(place) AS place, lower(sex) AS sex
               FROM victim_record""").to_arrow_table()
    scon = duckdb.connect()
    scon.register("t", table)
    scon.execute("CREATE TABLE records AS SELECT * FROM t")
    db = DuckDBAPI(connection=scon)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name"),
            cl.JaroWinklerAtThresholds("surname"),
            cl.ExactMatch("date_of_death"),
            cl.ExactMatch("place"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"), block_on("surname", "date_of_death")],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        linker = Linker(db.register("records"), settings, log_level=logging.ERROR)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("first_name", "surname", "date_of_death")], recall=0.7)
        linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
        for rule in (block_on("date_of_death"), block_on("first_name", "surname")):
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, record_sample_proportion=1.0)
            except Exception as exc:  # report, as an analyst would see it
                print(f"  textbook EM on {rule} failed: {exc}"[:160])
        pred = linker.inference.predict(threshold_match_probability=0.5)
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.9)
        rows = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
    scon.close()
    return {str(a): str(b) for a, b in rows}


def per_list_recall(truth, pred, sources) -> None:
    """Recall over the true pairs between each pair of lists, and within each list."""
    from tally.simulate.score import recall_between

    ids = sorted(set(sources.values()))
    cells = []
    for i, a in enumerate(ids):
        for b in ids[i:]:
            r, n = recall_between(truth, pred, sources, a, b)
            if n:
                cells.append(f"{a}~{b} {r:.3f} ({n:,})" if a != b else f"within {a} {r:.3f} ({n:,})")
    print("    recall per pair of lists (true pairs): " + "; ".join(cells))


def _true_pairs(truth, sources):
    """Every pair of records of one person: (a, b) with a < b."""
    from collections import defaultdict
    from itertools import combinations

    members = defaultdict(list)
    for rec, person in truth.items():
        if rec in sources:
            members[person].append(rec)
    return [tuple(sorted(p)) for recs in members.values() for p in combinations(sorted(recs), 2)]


def _record_kinds(sim: Path) -> dict[str, set[str]]:
    """record → the simulator's error tags (truth/records.csv ``errors``), where given."""
    import csv

    path = sim / "truth" / "records.csv"
    out: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["record_id"]] = set(filter(None, (row.get("errors") or "").split(";")))
    return out


def rule_sql(rule) -> str:
    """A blocking rule (SQL or Splink's creator) as DuckDB SQL over ``l`` and ``r``."""
    return rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql


def blocked_sql(rules) -> str:
    """SQL over ``l`` and ``r``: whether any of ``rules`` pairs the two records
    (a rule that reads a missing value pairs nothing)."""
    return "(" + " OR ".join(f"coalesce(({rule_sql(r)}), FALSE)" for r in rules) + ")"


def loss(project, sim: Path, truth, pred) -> None:
    """Where recall is lost: each true pair's fate, by kind of pair.

    Fates: ``unblocked`` (no blocking rule pairs it: never compared),
    ``low`` (compared, scored below the stored floor), ``doubtful`` (stored,
    below the match threshold), ``strong`` (at or above it) — each split into
    joined (same person in the end) or not. Kinds: the pair of lists, thin
    records (no father and no grandfather key), cross-script, date apart,
    place levels. Also the commonest level patterns of the true pairs that
    were scored but missed.
    """
    from collections import Counter

    from tally.link.features import build_features
    from tally.link.namesakes import window_namesakes
    from tally.link.settings import blocking_rules
    from tally.simulate.score import load_record_scripts, load_record_sources

    sources = load_record_sources(sim)
    scripts = load_record_scripts(sim)
    kinds = _record_kinds(sim)
    pairs = _true_pairs(truth, sources)
    import pyarrow as pa
    with project.connect() as con:
        build_features(con, "_loss_input")
        con.execute("CREATE TEMP TABLE _loss_f AS SELECT v.source_record_id AS sid, f.* "
                    "FROM _loss_input f JOIN victim_record v ON v.record_id = f.unique_id")
        con.register("_loss_pairs", pa.table({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}))
        blocked = blocked_sql(blocking_rules())
        rows = con.execute(f"""
            SELECT t.a, t.b, {blocked} AS blocked,
                   (l.father_key IS NULL AND l.grandfather_key IS NULL) AS thin_l,
                   (r.father_key IS NULL AND r.grandfather_key IS NULL) AS thin_r,
                   abs(date_diff('day', l.date_start, r.date_start)) AS ddays,
                   l.district_id IS NULL OR r.district_id IS NULL AS coarse,
                   l.governorate_id = r.governorate_id AS same_gov,
                   l.given_key = r.given_key AS g, l.family_key = r.family_key AS fam,
                   l.unique_id, r.unique_id
            FROM _loss_pairs t JOIN _loss_f l ON l.sid = t.a JOIN _loss_f r ON r.sid = t.b
            """).fetchall()
        stored = {}
        # the model's own probability (what clustering used), not the calibrated one
        prob = ("p.model_probability" if "model_probability" in
                [c[0] for c in con.execute("DESCRIBE record_pair").fetchall()] else "p.match_probability")
        for a, b, p, comp in con.execute(
                f"SELECT vl.source_record_id, vr.source_record_id, {prob}, p.comparison "
                "FROM record_pair p JOIN victim_record vl ON vl.record_id = p.record_id_l "
                "JOIN victim_record vr ON vr.record_id = p.record_id_r").fetchall():
            stored[tuple(sorted((a, b)))] = (p, comp)
        thin = {r[0] for r in con.execute(
            "SELECT sid FROM _loss_f WHERE father_key IS NULL AND grandfather_key IS NULL "
            "AND NOT coalesce(unidentified, FALSE)").fetchall()}
        bodies = {r[0] for r in con.execute(
            "SELECT sid FROM _loss_f WHERE coalesce(unidentified, FALSE)").fetchall()}
        model = con.execute("SELECT model FROM link_run ORDER BY started_at DESC LIMIT 1").fetchall()
        sid = dict(con.execute("SELECT unique_id, sid FROM _loss_f").fetchall())
        groups = [(sid[t], [sid[o] for o in others]) for t, others in
                  window_namesakes(con.sql("SELECT * FROM _loss_input").to_arrow_table())]
    import json
    fates: dict[str, Counter] = {}
    patterns: Counter = Counter()
    names: Counter = Counter()

    def add(kind, fate):
        fates.setdefault(kind, Counter())[fate] += 1

    for a, b, blk, thin_l, thin_r, dd, coarse, same_gov, g, fam, _, _ in rows:
        joined = pred.get(a) is not None and pred.get(a) == pred.get(b)
        if (a, b) in stored:
            p, comp = stored[(a, b)]
            fate = "strong" if p >= 0.5 else "doubtful"
            if not joined:
                d = json.loads(comp or "{}")
                patterns[" | ".join(f"{k}: {d[k]['level']}" for k in ("given_name", "lineage", "event")
                                    if k in d)] += 1
        else:
            fate = "low" if blk else "unblocked"
            if not joined:
                names[f"given {'=' if g else '≠' if g is not None else '?'} family "
                      f"{'=' if fam else '≠' if fam is not None else '?'} gov "
                      f"{'=' if same_gov else '≠' if same_gov is not None else '?'} "
                      f"{'blocked' if blk else 'unblocked'}"] += 1
        fate += "+" if joined else "-"
        la, lb = sorted((sources[a], sources[b]))
        add("all", fate)
        add("within " + la if la == lb else f"{la}~{lb}", fate)
        add({0: "full~full", 1: "thin~full", 2: "thin~thin"}[int(thin_l) + int(thin_r)], fate)
        add("cross-script" if scripts.get(a) != scripts.get(b) else "same script", fate)
        add("date apart " + ("?" if dd is None else "0" if dd == 0 else "1-3" if dd <= 3 else ">3"), fate)
        add("one place governorate-only" if coarse else "both districts", fate)
        ka, kb = kinds.get(a, set()), kinds.get(b, set())
        if "duplicate" in ka or "duplicate" in kb:
            add("a re-entry", fate)
    order = ["strong+", "strong-", "doubtful+", "doubtful-", "low+", "low-", "unblocked+", "unblocked-"]
    print("    loss by kind (true pairs: recall; fate counts; + joined, - missed):")
    for kind, c in fates.items():
        n = sum(c.values())
        r = sum(v for k, v in c.items() if k.endswith("+")) / n
        print(f"      {kind:38s} n={n:6,d} R={r:.3f}  " +
              " ".join(f"{k}={c[k]}" for k in order if c[k]))
    print("    missed stored pairs, commonest level patterns:")
    for pat, k in patterns.most_common(15):
        print(f"      {k:5d}  {pat}")
    print("    missed unstored pairs, by name keys and governorate:")
    for pat, k in names.most_common(12):
        print(f"      {k:5d}  {pat}")
    prior = json.loads(model[0][0] or "{}").get("probability_two_random_records_match") if model else None
    doubtful_causes(stored, thin, bodies, truth, pred, prior)
    print_window_persons(window_persons(groups, truth, pred))


def window_persons(groups, truth, pred) -> dict[str, list[int]]:
    """Thin records dated by report by how many true persons their window
    namesakes (tally.link.namesakes.window_namesakes: same name and
    governorate, death in the report window) are: bucket -> [thin records,
    whose true person is among them, joined to it]. ``groups`` are (thin
    record, [namesakes]) by source record id."""
    out: dict[str, list[int]] = {}
    for t, others in groups:
        people = {truth.get(o) for o in others} - {None}
        k = len(people)
        bucket = str(k) if k <= 1 else "2-3" if k <= 3 else "4-8" if k <= 8 else "9+"
        row = out.setdefault(bucket, [0, 0, 0])
        row[0] += 1
        if truth.get(t) in people:
            row[1] += 1
            row[2] += any(truth.get(o) == truth.get(t) and pred.get(o) is not None
                          and pred.get(o) == pred.get(t) for o in others)
    return out


def print_window_persons(rows: dict[str, list[int]]) -> None:
    print("    thin records dated by report, by true persons in their report window "
          "(records; true person among them; joined to it):")
    for bucket in ("0", "1", "2-3", "4-8", "9+"):
        if bucket in rows:
            n, there, joined = rows[bucket]
            print(f"      {bucket:>4s} persons: {n:6,d}; {there / n:.3f}; {joined / n:.3f}")


def doubtful_causes(stored, thin, bodies, truth, pred, prior) -> None:
    """Why the stored true pairs below the match threshold stayed apart, as
    clustering's rule for doubtful pairs (tally.link.clustering) sees them in
    the end: below the pair's threshold; a rival candidate of another person
    that is a namesake (a different person in truth) scoring higher than the
    pair (no tie-break on the pair's own evidence can pick the right one),
    only namesakes scoring lower, only records of the same person left in
    another person (a split), or none (a conflict or the one-list rule
    refused the merge). Named records; ``stored`` maps a sorted pair of
    source ids to (model probability, detail)."""
    from collections import Counter, defaultdict

    from tally.link.settings import LinkSettings

    settings = LinkSettings()
    thin_at = settings.thin_threshold(prior) if prior and 0 < prior < 1 else 1.0
    low = min(settings.rival_threshold, thin_at)
    near = defaultdict(list)
    for (a, b), (p, _) in stored.items():
        if p >= low and a not in bodies and b not in bodies:
            near[a].append((b, p))
            near[b].append((a, p))
    mutual = {(a, b) for a, b in stored if stored[(a, b)][0] >= low}
    causes: Counter = Counter()
    for (a, b), (p, _) in stored.items():
        if (a in bodies or b in bodies or p >= settings.match_threshold or truth.get(a) is None
                or truth.get(a) != truth.get(b) or pred.get(a) == pred.get(b)):
            continue
        kind = {0: "full~full", 1: "thin~full", 2: "thin~thin"}[(a in thin) + (b in thin)]
        is_thin = a in thin or b in thin
        if p < (min(settings.clear_candidate_threshold, thin_at) if is_thin
                else settings.clear_candidate_threshold):
            causes[(kind, "below its threshold")] += 1
            continue
        cut = max(low if is_thin else settings.rival_threshold, settings.rival_ratio * p)
        same, other, higher = False, False, False
        for x, y in ((a, b), (b, a)):
            for o, po in near[x]:
                if (o == y or po < cut or pred.get(o) == pred.get(y)
                        or (pred.get(o) == pred.get(x) and po <= p)
                        or tuple(sorted((o, y))) in mutual):
                    continue
                if truth.get(o) == truth.get(a):
                    same = True
                else:
                    other, higher = True, higher or po > p
        cause = ("a namesake rival scores higher" if higher else
                 "namesake rivals, all lower" if other else
                 "a rival of the same person (split)" if same else "no rival: conflict or one-list rule")
        causes[(kind, cause)] += 1
    print("    doubtful true pairs kept apart, by cause (clustering, as it ended):")
    for (kind, cause), k in causes.most_common():
        print(f"      {k:7,d}  {kind:10s} {cause}")


def reliability(project, truth) -> None:
    """Of the scored pairs whose match probability lies in each 0.1 bin, the share truly one person."""
    with project.connect() as con:
        rows = con.execute(
            "SELECT vl.source_record_id, vr.source_record_id, p.match_probability FROM record_pair p "
            "JOIN victim_record vl ON vl.record_id = p.record_id_l "
            "JOIN victim_record vr ON vr.record_id = p.record_id_r").fetchall()
    bins = [[0, 0] for _ in range(10)]
    for a, b, prob in rows:
        k = min(int(prob * 10), 9)
        bins[k][0] += 1
        bins[k][1] += truth.get(a) is not None and truth.get(a) == truth.get(b)
    print("    reliability (match probability bin: scored pairs, share true):")
    print("      " + "; ".join(f"{k / 10:.1f}-{(k + 1) / 10:.1f}: {n:,} {t / n:.2f}" if n else
                              f"{k / 10:.1f}-{(k + 1) / 10:.1f}: 0"
                              for k, (n, t) in enumerate(bins)))


def learning_curve(project, truth, steps: list[int]) -> None:
    """F1 after 0, 50, 200, ... verdicts, each answered by the truth.

    The verdicts are the first pairs `tally review` offers (its order); each
    binds and the match verdicts also train the model's m (tally.link.model)."""
    from tally.link import link_project
    from tally.link.review import record_verdict, review_queue
    from tally.simulate.score import score_clusters

    with project.connect() as con:
        source_id = dict(con.execute("SELECT record_id, source_record_id FROM victim_record").fetchall())
    done = 0
    for target in sorted(steps):
        right = 0
        while done < target:
            items = review_queue(project, limit=target - done)
            if not items:
                break
            for it in items:
                a, b = source_id[it.record_id_l], source_id[it.record_id_r]
                same = truth.get(a) is not None and truth.get(a) == truth.get(b)
                record_verdict(project, it.record_id_l, it.record_id_r,
                               "match" if same else "no-match", decided_by="truth")
                right += same
                done += 1
            break
        report = link_project(project)
        pred = tally_link_persons(project)
        sc = score_clusters(truth, pred)
        print(f"    after {done:4d} verdicts ({right} of the last batch matches; learned from "
              f"{report.verdicts_used}): P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f} "
              f"B3-F1={sc.bcubed_f1:.3f}")


def tally_link_persons(project) -> dict[str, str]:
    with project.connect() as con:
        return dict(con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v USING (record_id)").fetchall())


def report(name: str, truth, pred, scripts, unidentified) -> None:
    from tally.simulate.score import recall_between, score_clusters

    allscore = score_clusters(truth, pred)
    named = {r: p for r, p in truth.items() if r not in unidentified}
    namedscore = score_clusters(named, {r: pred[r] for r in named})
    cross, n_cross = recall_between(named, pred, scripts, "arabic", "latin")
    print(f"  {name:9s} all:   P={allscore.precision:.3f} R={allscore.recall:.3f} "
          f"F1={allscore.f1:.3f} B3-F1={allscore.bcubed_f1:.3f}")
    print(f"  {name:9s} named: P={namedscore.precision:.3f} R={namedscore.recall:.3f} "
          f"F1={namedscore.f1:.3f} B3-F1={namedscore.bcubed_f1:.3f}; "
          f"Arabic-Latin recall {cross:.3f} over {n_cross:,} true pairs")


def prepared(size: int, seed: int, profile: str = "hard"):
    """Simulate and ingest; return the project, truth, scripts and unidentified records."""
    from tally.simulate.score import load_record_scripts, load_record_truth

    t0 = time.perf_counter()
    project, sim = prepare(size, seed, profile)
    with project.connect() as con:
        n = con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0]
        unidentified = {r[0] for r in con.execute(
            "SELECT v.source_record_id FROM victim_record v JOIN record_norm n USING (record_id) "
            "WHERE n.unidentified").fetchall()}
    print(f"size {size}: {n:,} records ({len(unidentified):,} unidentified bodies), "
          f"simulated and ingested in {time.perf_counter() - t0:.1f} s (peak RSS so far "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB)")
    return project, load_record_truth(sim), load_record_scripts(sim), unidentified


def compare(size: int, seed: int, profile: str = "hard", textbook: bool = True,
            detail: bool = False, curve: list[int] | None = None, why: bool = False) -> None:
    from tally.simulate.score import load_record_sources

    project, truth, scripts, unidentified = prepared(size, seed, profile)
    t0 = time.perf_counter()
    pred_tally = tally_link(project)
    t_tally = time.perf_counter() - t0
    if not textbook:
        report("Tally", truth, pred_tally, scripts, unidentified)
        print(f"  time: Tally {t_tally:.1f} s")
        if detail:
            per_list_recall(truth, pred_tally, load_record_sources(WORK / f"n{size}" / "sim"))
            reliability(project, truth)
        if why:
            loss(project, WORK / f"n{size}" / "sim", truth, pred_tally)
        if curve:
            learning_curve(project, truth, curve)
        return
    t0 = time.perf_counter()
    pred_text = textbook_link(project)
    t_text = time.perf_counter() - t0
    report("Tally", truth, pred_tally, scripts, unidentified)
    report("textbook", truth, pred_text, scripts, unidentified)
    print(f"  time: Tally {t_tally:.1f} s, textbook {t_text:.1f} s, ratio {t_tally / t_text:.2f}")
    if detail:
        per_list_recall(truth, pred_tally, load_record_sources(WORK / f"n{size}" / "sim"))
        reliability(project, truth)


def pair_counts(project) -> None:
    """Blocked pairs of each prediction rule alone and of each EM session
    (pairs with l.unique_id < r.unique_id meeting the rule's condition; the
    one-sided rules count one orientation): the first thing to look at when a
    link grows faster than its lists, since a rule that pairs namesakes grows
    with the square of the records."""
    import duckdb

    from tally.link.features import build_features
    from tally.link.settings import blocking_rules, training_blocks

    with project.connect() as con:
        build_features(con, "_pairs_input")
        features = con.sql("SELECT * FROM _pairs_input").to_arrow_table()
    db = duckdb.connect(config={"memory_limit": "4GB"})
    db.execute("SET enable_progress_bar = false")
    db.register("_f", features)
    db.execute("CREATE TABLE li AS SELECT * FROM _f")
    print("  blocked pairs per rule (each alone):")
    for kind, rules in (("predict", blocking_rules()), ("EM", training_blocks())):
        for rule in rules:
            sql = rule_sql(rule)
            n = db.execute("SELECT count(*) FROM li l JOIN li r "
                           f"ON l.unique_id < r.unique_id AND ({sql})").fetchall()[0][0]
            print(f"    {kind:7s} {n:>12,}  {' '.join(sql.split())[:100]}")


def scale(size: int, seed: int, profile: str = "hard", pairs: bool = False) -> None:
    project, truth, scripts, unidentified = prepared(size, seed, profile)
    if pairs:
        pair_counts(project)
    t0 = time.perf_counter()
    pred = tally_link(project)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"linked in {elapsed:.0f} s; peak RSS of the process {peak:.2f} GiB")
    report("Tally", truth, pred, scripts, unidentified)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--scale", type=int)
    parser.add_argument("--profile", default="hard",
                        help="Simulate's profile: clean, standard, hard, independent, field, audit, ledger, mosaic, kestrel or heron (all tuning now; mosaic was held out and run once in wave 6, kestrel in wave 7, heron in wave 8), or osprey (held out in wave 9: never tune on it)")
    parser.add_argument("--no-textbook", action="store_true", help="Skip the textbook Splink set-up")
    parser.add_argument("--detail", action="store_true",
                        help="Recall per pair of lists and within lists; the reliability table")
    parser.add_argument("--loss", action="store_true",
                        help="Where recall is lost: each true pair's fate (never blocked, scored "
                             "low, doubtful, strong) by kind of pair (with --no-textbook)")
    parser.add_argument("--keep", action="store_true", help="Keep benchmarks/_work/linkage")
    parser.add_argument("--pairs", action="store_true",
                        help="Blocked pairs per blocking rule and EM session (with --scale)")
    parser.add_argument("--learning-curve", type=int, nargs="+", metavar="N",
                        help="F1 after N verdicts answered by the truth (with --no-textbook)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    if args.scale:
        scale(args.scale, args.seed, args.profile, args.pairs)
    else:
        for size in args.sizes:
            compare(size, args.seed, args.profile, not args.no_textbook, args.detail,
                    args.learning_curve, args.loss)
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
