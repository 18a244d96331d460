"""Link a project's records into persons, or deduplicate a stand-alone file.

A run reads records, their normalized values, reviewers' verdicts and the
data version in one snapshot, and replaces only its own output
(``record_pair``, ``person_record``) through the store's stage-run skeleton
(:func:`tally.store.runs.stage_run`), recording itself in ``link_run`` with
the data version it read and the settings it used. When another writer
changed the data while the run computed, the run is stored with the version
it read and the report says it is already stale.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.csv as pacsv

from tally.link.clustering import cluster_pairs
from tally.link.features import build_features
from tally.link.group import with_group_evidence
from tally.link.calibration import (PairCalibration, pair_rivals, refit_from_verdicts,
                                    shipped, shown_probabilities)
from tally.link.learning import verdict_labels
from tally.link.model import score_pairs
from tally.link.review import current_verdicts
from tally.link.settings import LinkSettings
from tally.store.audit import inputs_changed, utc_now
from tally.store.runs import data_version, stage_run
from tally.store.transaction import transaction


@dataclass
class LinkReport:
    run_id: str
    records: int
    persons: int
    pairs_scored: int
    pairs_linked: int
    pairs_for_review: int
    merges_blocked: int
    verdicts_used: int
    verdict_conflicts: list[tuple[str, str]]
    #: Things the user must know about the run (e.g. the data changed while it ran).
    warnings: list[str] = field(default_factory=list)
    #: reviewers' verdicts (match and no-match) the model learned from
    verdicts_learned: int = 0
    #: which map calibrated the stored pair probabilities (tally.link.calibration)
    calibration: str = ""


def _pair_counts(scored, settings: LinkSettings) -> tuple[int, int]:
    """Pairs at or above the match threshold, and pairs in the review band."""
    probs = scored.pairs.column("match_probability").to_pylist()
    low, high = settings.review_band
    return (sum(1 for p in probs if p >= settings.match_threshold),
            sum(1 for p in probs if low <= p <= high))


def link_project(
    project, settings: LinkSettings | None = None, progress: Callable[[str], None] | None = None,
    *, engine: str = "duckdb",
) -> LinkReport:
    """`tally link`: score, cluster, store persons; verdicts bind the outcome.

    ``engine`` "spark" trains and scores on Spark (:mod:`tally.link.spark`, the
    optional extra) instead of DuckDB: the same model, pairs and persons."""
    settings = settings or LinkSettings()
    say = progress or (lambda _m: None)
    started = utc_now()
    with project.connect() as con:
        say("building link input")
        with transaction(con):  # one snapshot: the version names exactly what was read
            version = data_version(con)
            build_features(con, "_link_input")
            features = con.sql("SELECT * FROM _link_input ORDER BY unique_id").to_arrow_table()
            con.execute("DROP TABLE _link_input")
            verdicts = current_verdicts(con)
            shown = shown_probabilities(con)  # before this run replaces the pairs
            tampered = inputs_changed(con)  # milliseconds: no chain walk
    say(f"training and scoring {features.num_rows} records")
    if engine == "spark":
        from tally.link.spark import score_with_spark as scorer
    else:
        scorer = score_pairs
    scored = scorer(features, settings, labels=verdict_labels(verdicts), progress=say)
    scored = with_group_evidence(features, scored, settings)  # tally.link.group
    say(f"clustering {scored.pairs.num_rows:,} pairs")
    clustering = cluster_pairs(features, scored, settings, verdicts)
    persons = len(set(clustering.cluster_of))
    linked, review = _pair_counts(scored, settings)
    person_table = pa.table({
        "record_id": pa.array(clustering.ids, pa.string()),
        "person_id": pa.array(["P-" + c for c in clustering.cluster_of], pa.string()),
        "match_weight": pa.array(clustering.best_weight, pa.float64()),
    })
    stored = {"unique_id_l": "record_id_l", "unique_id_r": "record_id_r",
              "match_weight": "match_weight", "match_probability": "match_probability",
              "comparison": "comparison"}
    kept = [c for c in stored if c in scored.pairs.column_names]
    pairs = scored.pairs.select(kept).rename_columns([stored[c] for c in kept])
    bodies = {r for r, u in zip(features.column("unique_id").to_pylist(),
                                features.column("unidentified").to_pylist()) if u}
    say("calibrating and storing")
    pairs, calibration, calibration_note = calibrated(pairs, verdicts, shown, bodies,
                                                      features.num_rows,
                                                      pair_rivals(pairs, features))
    scored.model.setdefault("tally_training_notes", []).append(calibration_note)
    scored.model["tally_calibration"] = calibration.to_dict()
    scored.model["tally_calibration_points"] = [[a, b, p] for (a, b), p in sorted(shown.items())]
    warnings = [f"{what} were changed outside Tally since the last audit event (used as "
                "stored): `tally audit verify` names what changed" for what in tampered]
    with project.connect() as con:
        with stage_run(con, "link", run_table="link_run", replaces=("record_pair", "person_record"),
                       version=version, started_at=started) as run:
            run.insert("record_pair", pairs, run_id=run.run_id)
            run.insert("person_record", person_table, run_id=run.run_id)
            run.row.update(settings=json.dumps(settings.to_dict()), model=json.dumps(scored.model),
                           records=scored.records, persons=persons,
                           pairs_scored=scored.pairs.num_rows, verdicts_used=len(verdicts))
            run.details.update(records=scored.records, persons=persons,
                               pairs_scored=scored.pairs.num_rows, verdicts_used=len(verdicts),
                               settings=settings.to_dict())
            if run.data_changed():
                warnings.append(
                    f"the data changed while link run {run.run_id} computed (another ingest or "
                    "normalize committed): the run is stored with the data it read and is "
                    "already stale; re-run `tally link`")
    return LinkReport(run.run_id, scored.records, persons, scored.pairs.num_rows, linked, review,
                      clustering.blocked_merges, len(verdicts), clustering.conflicts, warnings,
                      getattr(scored, "labels_learned", 0), calibration_note)


def calibrated(pairs: pa.Table, verdicts, shown: dict[tuple[str, str], float],
               bodies: set[str], records: int,
               classes=None) -> tuple[pa.Table, PairCalibration, str]:
    """The run's pairs with ``match_probability`` calibrated and the model's own
    kept as ``model_probability`` (:mod:`tally.link.calibration`); the maps are the
    shipped ones for a project of ``records`` records, named pairs' by their rival
    ``classes`` (:func:`tally.link.calibration.pair_rivals`) where given (the
    verdicts train the model, not the map, unless
    :data:`tally.link.calibration.REFIT_FROM_VERDICTS`); the probability each
    decided pair had when it was shown (``shown``) is kept."""
    model = pairs.column("match_probability").to_numpy()
    points = [(p, verdicts[k] == "match") for k, p in sorted(shown.items())
              if verdicts.get(k) in ("match", "no-match")
              and k[0] not in bodies and k[1] not in bodies]
    calibration, note = refit_from_verdicts(shipped(records), [p for p, _ in points],
                                            [m for _, m in points])
    left = pairs.column("record_id_l").to_pylist()
    right = pairs.column("record_id_r").to_pylist()
    body = [a in bodies or b in bodies for a, b in zip(left, right)]
    at = pairs.column_names.index("match_probability")
    pairs = pairs.set_column(at, "match_probability",
                             pa.array(calibration.apply(model, body, classes), pa.float64()))
    pairs = pairs.append_column("model_probability", pa.array(model, pa.float64()))
    return pairs, calibration, note


def dedupe_file(
    path: str | os.PathLike, out: str | os.PathLike, settings: LinkSettings | None = None,
    encoding: str | None = None,
) -> LinkReport:
    """`tally dedupe`: cluster an interchange-format file without a project.

    The file goes through the same reader, checks and normalization as an
    ingest (in a throw-away project); its ``source`` column, where present,
    says which list each record came from.
    """
    from tally.ingest import ingest_file
    from tally.project import Project
    from tally.sources import add_source
    from tally.store.layout import check_output_path

    check_output_path(out)  # never onto a project's settings, store or objects
    settings = settings or LinkSettings()
    with tempfile.TemporaryDirectory(prefix="tally-dedupe-") as tmp:
        project = Project.init(Path(tmp) / "p", name="dedupe")
        add_source(project, "input", name=Path(path).name, kind="other", reliability="F")
        ingest_file(project, path, "input", encoding=encoding)
        with project.connect() as con:
            build_features(con, "_link_input", source_expr="coalesce(v.source_label, v.source_id)",
                           list_expr="v.source_label")
            features = con.sql("SELECT * FROM _link_input ORDER BY unique_id").to_arrow_table()
            ids = dict(con.execute(
                "SELECT record_id, coalesce(source_record_id, CAST(row_number AS VARCHAR)) "
                "FROM victim_record").fetchall())
        scored = score_pairs(features, settings)
        scored = with_group_evidence(features, scored, settings)
        clustering = cluster_pairs(features, scored, settings, {})
    out_ids = [ids[r] for r in clustering.ids]
    cluster_names = [ids[c] for c in clustering.cluster_of]
    table = pa.table({
        "record_id": pa.array(out_ids, pa.string()),
        "cluster_id": pa.array(cluster_names, pa.string()),
        "match_weight": pa.array(clustering.best_weight, pa.float64()),
    })
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(table, str(out),
                    pacsv.WriteOptions(quoting_style="needed", include_header=True))
    linked, review = _pair_counts(scored, settings)
    return LinkReport("dedupe", scored.records, len(set(cluster_names)), scored.pairs.num_rows,
                      linked, review, clustering.blocked_merges, 0, [])
