"""Tally's linkage model on Spark, for a team that outgrows one machine.

Optional: ``pip install 'tally[spark]'`` (pyspark 4) and a Java 17+ runtime;
nothing else in Tally imports this module. It scores the link input (the table
:mod:`tally.link.features` builds, e.g. written to Parquet by
:func:`write_link_input`) with the model a ``tally link`` run trained and
stored (``link_run.model``, Splink's JSON), through Splink's ``SparkAPI``, with
the same comparisons, blocking rules, parameters and term-frequency
adjustments; Tally's own constrained clustering then makes persons of the pairs,
so the outcome is the one the DuckDB run gives.

    >>> model, settings = stored_model(project)                       # doctest: +SKIP
    >>> write_link_input(project, "link_input.parquet")               # doctest: +SKIP
    >>> result = link_on_spark(spark_session(), "link_input.parquet", model, settings)  # doctest: +SKIP

The model's SQL is DuckDB's dialect, and Spark must not read it as it is:
there a double-quoted ``"given_key_l"`` is a string, not a column, so a level
such as ``levenshtein("given_key_l", "given_key_r") <= 1`` is true of every
pair and nothing fails. :func:`model_for_spark` translates every condition and
blocking rule with sqlglot (``date_diff('day', a, b)`` becomes Spark's
``DATEDIFF(DAY, a, b)``; Spark's ``levenshtein`` is DuckDB's), except the Jaro
similarities. Spark has none, and the ``jaro_winkler`` of the jar Splink ships
for it is not DuckDB's: it halves an odd count of out-of-order matches without
rounding down, so "allah_abd" / "alh_abd" scores 0.884 there and 0.903 on
DuckDB, on the two sides of the 0.9 level (4 of 43,816 pairs at 50,000
records). Those become Spark functions of this module that compute exactly
what DuckDB does (with jellyfish, checked equal on 400,000 name-key pairs).
"""

from __future__ import annotations

import atexit
import copy
import dataclasses
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pyarrow as pa
import sqlglot
from sqlglot import exp

from tally.link.clustering import Clustering, cluster_pairs
from tally.link.features import build_features
from tally.link.model import ScoredPairs, id_pairs, pair_table
from tally.link.overlap import (
    adjusted_sql,
    conflicts_sql,
    field_weight_columns,
    kept_components,
    kept_sql,
    overlap_rows,
    prediction_floor,
    within_components,
)
from tally.link.settings import LinkSettings

__all__ = [
    "SparkLink",
    "SparkUnavailable",
    "link_on_spark",
    "model_for_spark",
    "register_functions",
    "score_pairs_on_spark",
    "spark_session",
    "stored_model",
    "to_spark_sql",
    "write_link_input",
]

#: DuckDB functions the model may use → the Spark function of this module
#: that computes the same value (registered by :func:`register_functions`).
SPARK_FUNCTIONS = {
    "jaro_winkler_similarity": "tally_jaro_winkler_similarity",
    "jaro_similarity": "tally_jaro_similarity",
}

#: Spark's log4j configuration while it starts (errors only once started, see
#: spark_session): the root at WARN, the level Spark's shell expects, so that it
#: does not announce its own; the start-up warnings of a laptop (loopback host
#: name, no native Hadoop library) silenced. So is the code generator's report
#: that the model's comparison, a CASE of some fifty levels, compiles to a Java
#: method over 64 KB: Spark then evaluates it without generated code, which
#: gives the same values (the tests compare every pair) at some cost in speed.
_LOG4J = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
logger.utils.name = org.apache.spark.util.Utils
logger.utils.level = error
logger.hadoop.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop.level = error
logger.codegen.name = org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator
logger.codegen.level = off
"""


class SparkUnavailable(RuntimeError):
    """pyspark is not installed, or Spark could not start (no Java 17+)."""


def _require_pyspark() -> None:
    try:
        import jellyfish  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable(
            "linkage on Spark needs the optional extra: pip install 'tally[spark]' "
            "and a Java 17+ runtime") from exc


# -- translation -------------------------------------------------------------

def to_spark_sql(condition: str, dialect: str = "duckdb") -> str:
    """One SQL condition of the model, from ``dialect`` into Spark SQL.

        >>> to_spark_sql('jaro_winkler_similarity("a_l", "a_r") >= 0.9')
        'TALLY_JARO_WINKLER_SIMILARITY(`a_l`, `a_r`) >= 0.9'
    """

    def rename(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.JarowinklerSimilarity):
            return exp.Anonymous(this=SPARK_FUNCTIONS["jaro_winkler_similarity"],
                                 expressions=[node.this, node.expression])
        if isinstance(node, exp.Anonymous) and node.name.lower() in SPARK_FUNCTIONS:
            return exp.Anonymous(this=SPARK_FUNCTIONS[node.name.lower()],
                                 expressions=node.expressions)
        return node

    return sqlglot.parse_one(condition, read=dialect).transform(rename).sql(dialect="spark")


def model_for_spark(model: Mapping[str, Any]) -> dict:
    """The stored model, every comparison level and blocking rule in Spark SQL.

    Parameters (the prior, each level's m and u, term-frequency settings) are
    kept as stored: Spark scores with the model that was trained, not with a
    re-creation of it. Keys Tally adds to Splink's JSON (``tally_*``) are left out.
    """
    dialect = model.get("sql_dialect", "duckdb")
    out = {k: copy.deepcopy(v) for k, v in model.items()
           if not k.startswith("tally_") and k != "sql_dialect"}
    for comparison in out.get("comparisons", []):
        for level in comparison["comparison_levels"]:
            if level["sql_condition"].strip().upper() != "ELSE":
                level["sql_condition"] = to_spark_sql(level["sql_condition"], dialect)
    rules = []
    for rule in out.get("blocking_rules_to_generate_predictions", []):
        if isinstance(rule, str):
            rule = {"blocking_rule": rule}
        translated = {k: v for k, v in rule.items() if k != "sql_dialect"}
        translated["blocking_rule"] = to_spark_sql(rule["blocking_rule"],
                                                   rule.get("sql_dialect", dialect))
        rules.append(translated)
    out["blocking_rules_to_generate_predictions"] = rules
    return out


def _similarity(name: str):
    """A Python function computing DuckDB's ``name`` (NULL in, NULL out).

    Made here rather than defined at module level so that Spark ships the
    function itself to its workers, which then need jellyfish, not Tally.
    """

    def similarity(a, b):
        import jellyfish

        if a is None or b is None:
            return None
        return getattr(jellyfish, name)(a, b)

    return similarity


def register_functions(spark) -> None:
    """Register :data:`SPARK_FUNCTIONS` in ``spark`` (the model's SQL calls them)."""
    from pyspark.sql.types import DoubleType

    spark.udf.register(SPARK_FUNCTIONS["jaro_winkler_similarity"],
                       _similarity("jaro_winkler_similarity"), DoubleType())
    spark.udf.register(SPARK_FUNCTIONS["jaro_similarity"],
                       _similarity("jaro_similarity"), DoubleType())


# -- the session ---------------------------------------------------------------

def spark_session(*, cores: int = 2, memory: str = "2g",
                  tmp_dir: str | os.PathLike | None = None):
    """A local SparkSession (``local[cores]``) for linkage, logging errors only.

    Splink's checkpoints and the SQL warehouse go under ``tmp_dir`` (by
    default a temporary folder removed when Python exits), Spark's scratch
    files under the system's temporary folder: never the working directory.
    The session's time zone is UTC. A session already running in this process
    is returned as it is.
    """
    _require_pyspark()
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if tmp_dir is None:
        tmp = Path(tempfile.mkdtemp(prefix="tally-spark-"))
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    else:
        tmp = Path(tmp_dir)
        tmp.mkdir(parents=True, exist_ok=True)
    # Spark's Python workers run this interpreter (with jellyfish), not the
    # first python3 on the PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    log4j = tmp / "log4j2.properties"
    log4j.write_text(_LOG4J)
    partitions = str(max(2, 2 * cores))
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("tally-link")
        .config("spark.driver.memory", memory)
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log4j}")
        .config("spark.jars", similarity_jar_location())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", partitions)
        .config("spark.default.parallelism", partitions)
        .config("spark.sql.session.timeZone", "UTC")
        # Generating Java for the model's fifty-level CASE costs more than it
        # saves (and overflows a method): 5,000 records score in 5.5 s instead
        # of 7.5 s, 50,000 in 15 s instead of 20-29 s
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.warehouse.dir", str(tmp / "warehouse"))
    )
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # no or too old a Java: py4j raises plain exceptions
        raise SparkUnavailable(f"Spark could not start: {exc}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(str(tmp / "checkpoints"))
    return spark


# -- scoring and clustering ---------------------------------------------------

def _input_frame(spark, features):
    """The link input as Splink can register it: a Spark DataFrame or an Arrow table."""
    if isinstance(features, (str, os.PathLike)):
        return spark.read.parquet(str(features))
    return features


def score_pairs_on_spark(spark, features, model: Mapping[str, Any], *,
                         settings: LinkSettings) -> tuple[pa.Table, pa.Table]:
    """Score the blocked pairs of ``features`` with ``model`` on Spark.

    ``features`` is the link input: a Parquet path, a Spark DataFrame or an
    Arrow table. As the DuckDB run does, each pair weighs its evidence against
    its lists' prior (the model's ``tally_list_overlap``, estimated when it was
    trained), and two tables come back: ``unique_id_l, unique_id_r,
    match_weight, match_probability`` of the pairs kept (from
    ``settings.keep_from`` up), and ``unique_id_l, unique_id_r`` of the
    conflicts among their records (:func:`tally.link.overlap.conflicts_sql`).
    The SQL is the DuckDB run's, executed by Spark.
    """
    _require_pyspark()
    from splink import Linker
    from splink.backends.spark import SparkAPI

    # Splink writes each intermediate table to the checkpoint folder; a
    # session without one (not made by spark_session) keeps them in memory.
    lineage = None if spark.sparkContext.getCheckpointDir() else "persist"
    db_api = SparkAPI(spark_session=spark, break_lineage_method=lineage)
    register_functions(spark)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Splink's notes on settings it does not check
        linker = Linker(db_api.register(_input_frame(spark, features)), model_for_spark(model),
                        log_level=logging.ERROR)
        # thin records' pairs are kept down to their own threshold, as on DuckDB
        keep_from = settings.keep_from_for(model["probability_two_random_records_match"])
        predictions = linker.inference.predict(
            threshold_match_probability=prediction_floor(keep_from)).as_spark_dataframe()
    predictions.createOrReplaceTempView("_tally_predictions")
    left, right, shift = overlap_rows(model.get("tally_list_overlap", []))
    spark.createDataFrame(
        list(zip(left, right, shift)),
        "list_l STRING, list_r STRING, shift DOUBLE").createOrReplaceTempView("_tally_overlap")
    adjusted = adjusted_sql("_tally_predictions", "_tally_overlap", "p.*")
    kept = (spark.sql(kept_sql(adjusted, keep_from))
            .select("unique_id_l", "unique_id_r", "adjusted_weight").toArrow())
    conflicts = _conflicts_on_spark(spark, db_api, features, model, kept, settings)
    return pair_table(kept), id_pairs(conflicts)


def _conflicts_on_spark(spark, db_api, features, model, kept: pa.Table,
                        settings: LinkSettings) -> pa.Table:
    """As on DuckDB (tally.link.model._conflicts): blocked pairs within the
    components of the kept pairs, clearly two people."""
    from splink import Linker

    components = kept_components(kept)
    if components.num_rows == 0:
        return id_pairs(kept.slice(0, 0))
    frame = _input_frame(spark, features)
    if isinstance(frame, pa.Table):
        labelled = frame.join(components, "unique_id", join_type="left outer")
    else:
        labelled = frame.join(spark.createDataFrame(
            list(zip(components.column("unique_id").to_pylist(),
                     components.column("tally_component").to_pylist())),
            "unique_id STRING, tally_component BIGINT"), "unique_id", "left")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        linker = Linker(db_api.register(labelled), model_for_spark(within_components(model)),
                        log_level=logging.ERROR)
        predictions = linker.inference.predict().as_spark_dataframe()
    predictions.createOrReplaceTempView("_tally_component_predictions")
    return spark.sql(conflicts_sql(
        adjusted_sql("_tally_component_predictions", "_tally_overlap", "p.*"),
        settings.conflict_probability, field_weight_columns(predictions.columns),
        settings.conflict_field_weight,
        bodies="unidentified_l" in predictions.columns, relatives_below=settings.relative_field_weight,
        match_below=settings.match_threshold)).toArrow()


@dataclass
class SparkLink:
    """Pairs scored on Spark and the persons Tally's clustering made of them."""

    pairs: pa.Table  # unique_id_l, unique_id_r, match_weight, match_probability
    clustering: Clustering

    @property
    def persons(self) -> int:
        return len(set(self.clustering.cluster_of))


def link_on_spark(spark, features, model: Mapping[str, Any],
                  settings: LinkSettings | None = None,
                  verdicts: Mapping[tuple[str, str], str] | None = None) -> SparkLink:
    """Score on Spark, then cluster as ``tally link`` does.

    The same thresholds (``settings``), reviewers' verdicts ((id_l, id_r) →
    "match" / "no-match"), cannot-link rule within a list and attachment of
    unidentified bodies; clustering runs in this process on the scored pairs.
    """
    settings = settings or LinkSettings()
    frame = _input_frame(spark, features)
    pairs, conflicts = score_pairs_on_spark(spark, frame, model, settings=settings)
    if isinstance(frame, pa.Table):
        records = frame.select(["unique_id", "unidentified", "list_id"])
    else:
        records = frame.select("unique_id", "unidentified", "list_id").toArrow()
    scored = ScoredPairs(pairs, dict(model), records.num_rows, conflicts)
    return SparkLink(pairs, cluster_pairs(records, scored, settings, dict(verdicts or {})))


# -- a project's side -----------------------------------------------------------

def write_link_input(project, path: str | os.PathLike) -> int:
    """Write a project's link input (as ``tally link`` builds it) to Parquet; return its rows."""
    with project.connect() as con:
        build_features(con, "_spark_link_input")
        n = int(con.execute("SELECT count(*) FROM _spark_link_input").fetchall()[0][0])
        con.execute("COPY (SELECT * FROM _spark_link_input ORDER BY unique_id) TO ? "
                    "(FORMAT parquet)", [str(path)])
        con.execute("DROP TABLE _spark_link_input")
    return n


def stored_model(project) -> tuple[dict, LinkSettings]:
    """The trained model and the settings of a project's latest ``tally link`` run."""
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT model, settings FROM link_run "
                           "ORDER BY finished_at DESC LIMIT 1").fetchall()
    if not rows or not rows[0][0]:
        raise LookupError("no trained model: run `tally link` first")
    model, stored = json.loads(rows[0][0]), json.loads(rows[0][1])
    known = {f.name for f in dataclasses.fields(LinkSettings)} - {"extra"}
    values = {k: v for k, v in stored.items() if k in known}
    if "review_band" in values:
        values["review_band"] = tuple(values["review_band"])
    return model, LinkSettings(**values)
