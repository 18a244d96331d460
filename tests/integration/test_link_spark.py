"""Tally's trained model scored on Spark gives DuckDB's probabilities and persons.

Needs the optional extra (``pip install 'tally[spark]'``) and a Java 17+
runtime; without them the tests skip, saying which is missing. A simulated
conflict just over ``LinkSettings.min_records_to_train`` records, so the model
is trained (u from random pairs, m by EM, term frequencies), not the priors.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tally.demo import ingest_simulation
from tally.link import link_project
from tally.link.review import current_verdicts
from tally.project import Project
from tally.simulate import simulate_conflict

pytestmark = [pytest.mark.integration, pytest.mark.slow]

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'tally[spark]')")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java runtime for Spark (it needs Java 17+)", allow_module_level=True)


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from tally.link.spark import SparkUnavailable, spark_session

    try:
        session = spark_session(cores=2, memory="1g", tmp_dir=tmp_path_factory.mktemp("spark"))
    except SparkUnavailable as exc:
        pytest.skip(str(exc))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def linked(tmp_path_factory, spark):
    from tally.link.spark import link_on_spark, stored_model, write_link_input

    root = tmp_path_factory.mktemp("link-spark")
    simulate_conflict(root / "sim", seed=3, size=1200, profile="hard")
    project = Project.init(root / "project")
    ingest_simulation(project, root / "sim")
    link_project(project)
    model, settings = stored_model(project)
    write_link_input(project, root / "link_input.parquet")
    with project.connect() as con:
        verdicts = current_verdicts(con)
    result = link_on_spark(spark, root / "link_input.parquet", model, settings, verdicts)
    return project, model, result


def _pairs(rows) -> dict[tuple[str, str], float]:
    return {(min(a, b), max(a, b)): p for a, b, p in rows}


def test_the_model_was_trained_not_the_priors(linked):
    _, model, _ = linked
    assert not any("too few to train" in note for note in model.get("tally_training_notes", []))


def test_spark_scores_the_same_pairs_with_the_same_probabilities(linked):
    project, _, result = linked
    with project.connect() as con:
        duck = _pairs(con.execute(
            "SELECT record_id_l, record_id_r, coalesce(model_probability, match_probability) "
            "FROM record_pair").fetchall())  # the model's: stored match_probability is calibrated
    spark = _pairs(zip(result.pairs.column("unique_id_l").to_pylist(),
                       result.pairs.column("unique_id_r").to_pylist(),
                       result.pairs.column("match_probability").to_pylist()))
    assert len(duck) > 100
    assert spark.keys() == duck.keys()
    assert spark == pytest.approx(duck, abs=1e-9)


def test_spark_makes_the_same_persons(linked):
    project, _, result = linked
    with project.connect() as con:
        rows = con.execute("SELECT record_id, person_id FROM person_record").fetchall()
    duck: dict[str, set] = {}
    for record, person in rows:
        duck.setdefault(person, set()).add(record)
    spark: dict[str, set] = {}
    for record, cluster in zip(result.clustering.ids, result.clustering.cluster_of):
        spark.setdefault(cluster, set()).add(record)
    assert {frozenset(s) for s in spark.values()} == {frozenset(s) for s in duck.values()}
