"""`tally link --engine spark`: refused with a message where it cannot run, and,
where Spark is installed, sampling by DuckDB's hash so that training draws the
same random pairs on both engines (tests/integration/test_spark_training.py
trains on both and compares)."""

from __future__ import annotations

import os
import shutil
import sys

import duckdb
import pytest

from tally.cli import main
from tally.project import Project


def test_an_unknown_engine_is_refused(tmp_path, capsys):
    project = Project.init(tmp_path / "p")
    assert main(["-p", str(project.root), "link", "--engine", "sqlite"]) == 1
    assert "--engine sqlite: choose duckdb or spark" in capsys.readouterr().err


def test_without_pyspark_the_link_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if not installed
    project = Project.init(tmp_path / "p")
    assert main(["-p", str(project.root), "link", "--engine", "spark"]) == 1
    assert "pip install 'tally[spark]'" in capsys.readouterr().err


@pytest.mark.slow
def test_spark_buckets_records_as_duckdb_does(tmp_path):
    """Splink draws u's random pairs and EM's sample by hash buckets of record
    ids; on Spark Tally's dialect computes DuckDB's buckets exactly."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'tally[spark]')")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("no Java runtime for Spark (it needs Java 17+)")
    from splink.internals.dialects import DuckDBDialect

    from tally.link.spark import _sampling_dialect, _spark_api, spark_session

    ids = [f"{i:016x}-{i % 7}" for i in range(0, 400_000, 997)] + ["محمد-1", "", "x_42"]
    existing = __import__("pyspark.sql", fromlist=["SparkSession"]).SparkSession \
        .getActiveSession()
    spark = spark_session(cores=1, memory="1g", tmp_dir=tmp_path / "spark")
    try:
        _spark_api(spark, sampling=True)  # registers tally_duckdb_hash
        spark.createDataFrame([(i,) for i in ids], "uid STRING").createOrReplaceTempView("ids")
        ours, theirs = _sampling_dialect(), DuckDBDialect()
        bucket = "uid || '_42'"
        got = {r[0]: (int(r[1]), int(r[2])) for r in spark.sql(
            f"SELECT uid, {ours.hash_bucket_expression(bucket, 1_000_000_000)}, "
            f"(ABS({ours.hash_function_expression('uid')}) % 10) + 1 FROM ids").collect()}
        con = duckdb.connect()
        con.execute("CREATE TABLE ids (uid VARCHAR)")
        con.executemany("INSERT INTO ids VALUES (?)", [[i] for i in ids])
        want = {r[0]: (int(r[1]), int(r[2])) for r in con.execute(
            f"SELECT uid, {theirs.hash_bucket_expression(bucket, 1_000_000_000)}, "
            f"(ABS({theirs.hash_function_expression('uid')}) % 10) + 1 FROM ids").fetchall()}
        assert got == want
    finally:
        if existing is None:
            spark.stop()
