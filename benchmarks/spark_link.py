"""Tally's linkage model on Spark against DuckDB, on the same simulated lists.

Simulates a conflict (tally.simulate, hard error profile), ingests it into a
project, links it with DuckDB (`link_project`: training, scoring, clustering),
then scores the same link input on Spark (tally.link.spark, local[2]) with the
model that run stored and clusters the pairs with Tally's clustering. Prints
pairs scored on each, the share of pairs whose match probability agrees within
1e-6, persons on each, pairwise F1 of both against the simulation's truth, and
run times. Scoring alone is also timed on DuckDB (Splink's predict with the
stored model), so the ratio compares like with like.

With ``--train`` it trains on Spark too: the project is linked by
``link_project`` on DuckDB, then by ``link_project(engine="spark")`` (what
``tally link --engine spark`` runs: training, scoring and conflicts on Spark),
and the two stored runs are compared: every level's m and u and the prior
(largest absolute difference), pairs, probabilities, persons, F1, times.

Needs the optional extra: pip install -c constraints.txt -e '.[spark]' (and Java 17+).

    python benchmarks/spark_link.py [--sizes 5000] [--seed 5] [--profile hard] [--train]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

WORK = Path(__file__).parent / "_work" / "spark_link"


def machine() -> str:
    import duckdb
    import pyspark
    import splink

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    java = java.splitlines()[0] if java else "no java"
    return (f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, Python "
            f"{platform.python_version()}, duckdb {duckdb.__version__}, splink "
            f"{splink.__version__}, pyspark {pyspark.__version__}, {java}")


def prepare(size: int, seed: int, profile: str):
    from tally.demo import ingest_simulation
    from tally.project import Project
    from tally.simulate import simulate_conflict

    root = WORK / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)
    simulate_conflict(root / "sim", seed=seed, size=size, profile=profile)
    project = Project.init(root / "project")
    ingest_simulation(project, root / "sim")
    return root, project


def duckdb_predict(path: Path, model: dict, threshold: float):
    """Splink's predict on DuckDB with the stored model: scoring alone, as on Spark."""
    import duckdb
    from splink import DuckDBAPI, Linker

    con = duckdb.connect()
    table = con.read_parquet(str(path)).to_arrow_table()
    settings = {k: v for k, v in model.items() if not k.startswith("tally_")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        linker = Linker(DuckDBAPI(connection=con).register(table), settings,
                        log_level=logging.ERROR)
        t0 = time.perf_counter()
        n = linker.inference.predict(threshold_match_probability=threshold) \
            .as_duckdbpyrelation().count("*").fetchall()[0][0]
        elapsed = time.perf_counter() - t0
    con.close()
    return n, elapsed


def pair_probabilities(l_ids, r_ids, probs) -> dict[tuple[str, str], float]:
    return {(min(a, b), max(a, b)): p for a, b, p in zip(l_ids, r_ids, probs)}


def partition(cluster_of: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for record, cluster in cluster_of.items():
        members.setdefault(cluster, set()).add(record)
    return {frozenset(m) for m in members.values()}


def compare(spark, size: int, seed: int, profile: str) -> None:
    from tally.link import link_project
    from tally.link.review import current_verdicts
    from tally.link.spark import link_on_spark, stored_model, write_link_input
    from tally.simulate.score import load_record_truth, score_clusters

    t0 = time.perf_counter()
    root, project = prepare(size, seed, profile)
    print(f"size {size}: simulated and ingested in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    report = link_project(project)
    t_duck_link = time.perf_counter() - t0
    model, settings = stored_model(project)
    path = root / "link_input.parquet"
    records = write_link_input(project, path)
    with project.connect() as con:
        verdicts = current_verdicts(con)
        duck = pair_probabilities(*zip(*con.execute(
            "SELECT record_id_l, record_id_r, match_probability FROM record_pair").fetchall()))
        duck_person = dict(con.execute("SELECT record_id, person_id FROM person_record").fetchall())
        source_id = dict(con.execute("SELECT record_id, source_record_id FROM victim_record")
                         .fetchall())
    n_duck_predict, t_duck_predict = duckdb_predict(path, model, settings.keep_from)

    runs = []
    for _ in range(2):  # cold (first queries on this input), then warm
        t0 = time.perf_counter()
        result = link_on_spark(spark, path, model, settings, verdicts)
        runs.append(time.perf_counter() - t0)

    sp = pair_probabilities(result.pairs.column("unique_id_l").to_pylist(),
                            result.pairs.column("unique_id_r").to_pylist(),
                            result.pairs.column("match_probability").to_pylist())
    union = duck.keys() | sp.keys()
    both = duck.keys() & sp.keys()
    agree = sum(1 for k in both if abs(duck[k] - sp[k]) <= 1e-6)
    max_diff = max((abs(duck[k] - sp[k]) for k in both), default=0.0)
    spark_person = dict(zip(result.clustering.ids, result.clustering.cluster_of))
    same_persons = partition(duck_person) == partition(spark_person)
    truth = load_record_truth(root / "sim")
    f1_duck = score_clusters(truth, {source_id[r]: p for r, p in duck_person.items()})
    f1_spark = score_clusters(truth, {source_id[r]: p for r, p in spark_person.items()})

    print(f"  records {records:,}; pairs scored: DuckDB {len(duck):,}, Spark {len(sp):,} "
          f"(only DuckDB {len(duck.keys() - sp.keys())}, only Spark {len(sp.keys() - duck.keys())})")
    print(f"  match probability within 1e-6: {agree:,}/{len(union):,} = "
          f"{agree / len(union) if union else 1.0:.6f} (largest difference {max_diff:.1e})")
    print(f"  persons: DuckDB {report.persons:,}, Spark {result.persons:,}; "
          f"same partition: {same_persons}")
    print(f"  pairwise vs truth: DuckDB P={f1_duck.precision:.3f} R={f1_duck.recall:.3f} "
          f"F1={f1_duck.f1:.3f}; Spark P={f1_spark.precision:.3f} R={f1_spark.recall:.3f} "
          f"F1={f1_spark.f1:.3f}")
    print(f"  time: DuckDB link_project (train, score, cluster, store) {t_duck_link:.1f} s; "
          f"DuckDB scoring with the stored model {t_duck_predict:.1f} s ({n_duck_predict:,} pairs)")
    print(f"        Spark score + cluster: cold {runs[0]:.1f} s, warm {runs[1]:.1f} s")
    print(f"        ratio Spark (warm) / DuckDB scoring {runs[1] / t_duck_predict:.1f}; "
          f"Spark (warm) / DuckDB link_project {runs[1] / t_duck_link:.1f}")


def parameters(model: dict) -> dict:
    """The prior and every level's m and u of a stored model."""
    out = {("prior",): model["probability_two_random_records_match"]}
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            for p in ("m_probability", "u_probability"):
                if p in level:
                    out[(comparison["output_column_name"], level.get("label_for_charts"), p)] = \
                        level[p]
    return out


def stored_run(project) -> tuple[dict, dict, dict]:
    """The latest run's model, pairs (model probability) and persons."""
    import json

    with project.connect() as con:
        model = json.loads(con.execute("SELECT model FROM link_run ORDER BY finished_at DESC "
                                       "LIMIT 1").fetchone()[0])
        pairs = pair_probabilities(*zip(*con.execute(
            "SELECT record_id_l, record_id_r, coalesce(model_probability, match_probability) "
            "FROM record_pair").fetchall()))
        person = dict(con.execute("SELECT record_id, person_id FROM person_record").fetchall())
    return model, pairs, person


def compare_training(size: int, seed: int, profile: str) -> None:
    from tally.link import link_project
    from tally.simulate.score import load_record_truth, score_clusters

    t0 = time.perf_counter()
    root, project = prepare(size, seed, profile)
    print(f"size {size}: simulated and ingested in {time.perf_counter() - t0:.1f} s")
    times, runs = {}, {}
    for engine in ("duckdb", "spark"):
        t0 = time.perf_counter()
        link_project(project, engine=engine)
        times[engine] = time.perf_counter() - t0
        runs[engine] = stored_run(project)
    with project.connect() as con:
        source_id = dict(con.execute("SELECT record_id, source_record_id FROM victim_record")
                         .fetchall())
    (dm, dp, dpers), (sm, sp, spers) = runs["duckdb"], runs["spark"]
    pd_, ps = parameters(dm), parameters(sm)
    diffs = {k: abs(pd_[k] - ps[k]) for k in pd_.keys() & ps.keys()}
    worst = max(diffs, key=diffs.get)
    m_diff = max((v for k, v in diffs.items() if k[-1] == "m_probability"), default=0.0)
    u_diff = max((v for k, v in diffs.items() if k[-1] == "u_probability"), default=0.0)
    both = dp.keys() & sp.keys()
    agree = sum(1 for k in both if abs(dp[k] - sp[k]) <= 1e-6)
    max_diff = max((abs(dp[k] - sp[k]) for k in both), default=0.0)
    same = partition(dpers) == partition(spers)
    differ = 0
    if not same:  # records whose person (as a set of records) differs
        d_of = {r: frozenset(m) for m in partition(dpers) for r in m}
        s_of = {r: frozenset(m) for m in partition(spers) for r in m}
        differ = sum(1 for r in d_of if d_of[r] != s_of.get(r))
    truth = load_record_truth(root / "sim")
    f1 = {e: score_clusters(truth, {source_id[r]: p for r, p in runs[e][2].items()})
          for e in runs}
    print(f"  parameters: {len(diffs)} (prior, m and u of every level); largest |difference| "
          f"m {m_diff:.1e}, u {u_diff:.1e}, any {diffs[worst]:.1e} ({worst}); "
          f"keys only one side: {len(pd_.keys() ^ ps.keys())}")
    print(f"  notes equal: {dm.get('tally_training_notes') == sm.get('tally_training_notes')}")
    print(f"  pairs: DuckDB {len(dp):,}, Spark {len(sp):,} (only DuckDB "
          f"{len(dp.keys() - sp.keys())}, only Spark {len(sp.keys() - dp.keys())}); "
          f"probability within 1e-6 {agree:,}/{len(dp.keys() | sp.keys()):,}, "
          f"largest difference {max_diff:.1e}")
    print(f"  persons: DuckDB {len(set(dpers.values())):,}, Spark {len(set(spers.values())):,}; "
          f"same partition: {same}" + ("" if same else f" ({differ} records differ)"))
    print(f"  pairwise vs truth: DuckDB P={f1['duckdb'].precision:.3f} R={f1['duckdb'].recall:.3f} "
          f"F1={f1['duckdb'].f1:.3f}; Spark P={f1['spark'].precision:.3f} "
          f"R={f1['spark'].recall:.3f} F1={f1['spark'].f1:.3f}")
    print(f"  time, link_project (train, score, cluster, store): DuckDB {times['duckdb']:.1f} s, "
          f"Spark {times['spark']:.1f} s (ratio {times['spark'] / times['duckdb']:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--profile", default="hard")
    parser.add_argument("--train", action="store_true",
                        help="train on Spark too (tally link --engine spark) and compare")
    args = parser.parse_args()
    from tally.link.spark import spark_session

    print(f"machine: {machine()}")
    t0 = time.perf_counter()
    spark = spark_session(cores=2, memory="4g")
    print(f"Spark session (local[2], 4 GiB driver) started in {time.perf_counter() - t0:.1f} s")
    try:
        for size in args.sizes:
            if args.train:
                compare_training(size, args.seed, args.profile)
            else:
                compare(spark, size, args.seed, args.profile)
    finally:
        spark.stop()
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
