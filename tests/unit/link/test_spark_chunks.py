"""Spark scores the blocked pairs a slice of the records at a time
(tally.link.spark.PREDICT_CHUNK_RECORDS), so 50,000 records fit a 4 GiB
driver; the slices give exactly the pairs and probabilities of one pass.

Needs the optional extra (``pip install 'tally[spark]'``) and a Java 17+
runtime; without them the test skips, saying which is missing.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tally.demo import ingest_simulation
from tally.link import link_project
from tally.project import Project
from tally.simulate import simulate_conflict


@pytest.mark.slow
def test_scoring_in_slices_gives_the_pairs_of_one_pass(tmp_path, monkeypatch):
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'tally[spark]')")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("no Java runtime for Spark (it needs Java 17+)")
    import tally.link.spark as spark_link
    from tally.link.spark import (SparkUnavailable, score_pairs_on_spark, spark_session,
                                  stored_model, write_link_input)

    simulate_conflict(tmp_path / "sim", seed=3, size=600, profile="hard")
    project = Project.init(tmp_path / "project")
    ingest_simulation(project, tmp_path / "sim")
    link_project(project)
    model, settings = stored_model(project)
    write_link_input(project, tmp_path / "link_input.parquet")
    existing = __import__("pyspark.sql", fromlist=["SparkSession"]).SparkSession \
        .getActiveSession()
    try:
        spark = spark_session(cores=1, memory="1g", tmp_dir=tmp_path / "spark")
    except SparkUnavailable as exc:
        pytest.skip(str(exc))
    try:
        def scored() -> dict:
            kept, conflicts = score_pairs_on_spark(spark, tmp_path / "link_input.parquet", model,
                                                   settings=settings)
            rows = zip(kept.column("unique_id_l").to_pylist(),
                       kept.column("unique_id_r").to_pylist(),
                       kept.column("match_probability").to_pylist())
            return {(min(a, b), max(a, b)): p for a, b, p in rows}, sorted(
                zip(conflicts.column("unique_id_l").to_pylist(),
                    conflicts.column("unique_id_r").to_pylist()))

        whole, whole_conflicts = scored()
        monkeypatch.setattr(spark_link, "PREDICT_CHUNK_RECORDS", 200)  # 3+ slices
        sliced, sliced_conflicts = scored()
    finally:
        if existing is None:
            spark.stop()
    assert len(whole) > 100
    assert sliced.keys() == whole.keys()
    assert all(abs(sliced[k] - whole[k]) <= 1e-12 for k in whole)
    assert sliced_conflicts == whole_conflicts
