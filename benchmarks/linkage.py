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

WORK = Path(__file__).parent / "_work" / "linkage"


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


def compare(size: int, seed: int, profile: str = "hard") -> None:
    project, truth, scripts, unidentified = prepared(size, seed, profile)
    t0 = time.perf_counter()
    pred_tally = tally_link(project)
    t_tally = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred_text = textbook_link(project)
    t_text = time.perf_counter() - t0
    report("Tally", truth, pred_tally, scripts, unidentified)
    report("textbook", truth, pred_text, scripts, unidentified)
    print(f"  time: Tally {t_tally:.1f} s, textbook {t_text:.1f} s, ratio {t_tally / t_text:.2f}")


def scale(size: int, seed: int, profile: str = "hard") -> None:
    project, truth, scripts, unidentified = prepared(size, seed, profile)
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
    parser.add_argument("--profile", default="hard", help="Simulate's error profile: clean, standard, hard")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    if args.scale:
        scale(args.scale, args.seed, args.profile)
    else:
        for size in args.sizes:
            compare(size, args.seed, args.profile)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
