"""Tally's linkage on Spark, for a team that outgrows one machine.

Optional: ``pip install 'tally[spark]'`` (pyspark 4) and a Java 17+ runtime;
only ``tally link --engine spark`` and the benchmarks import this module.

Two ways in. :func:`train_and_score_on_spark` (``tally link --engine spark``)
does on Spark what :func:`tally.link.model.score_pairs` does on DuckDB: the
very training steps of :func:`tally.link.model._train` (the prior from strict
rules, u from random pairs, the EM sessions, the reviewers' verdicts, the
floor on m), each run by Splink's ``SparkAPI``, then scoring, the lists'
overlap and the conflicts. Splink draws u's random pairs (and EM's sample) by
hash buckets of record ids, and DuckDB's hash is not Spark's: here Spark
buckets by DuckDB's hash (:func:`_sampling_dialect`), so both engines train on
the same pairs and give the same model, to the last digits of float sums.
:func:`link_on_spark` scores the link input (the table
:mod:`tally.link.features` builds, e.g. written to Parquet by
:func:`write_link_input`) with a model a ``tally link`` run stored
(``link_run.model``, Splink's JSON, always in DuckDB's SQL), with the same
comparisons, blocking rules, parameters and term-frequency adjustments;
Tally's own constrained clustering then makes persons of the pairs, so the
outcome is the one the DuckDB run gives.

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
from typing import Any, Callable, Mapping

import pyarrow as pa
import sqlglot
from sqlglot import exp

from tally.errors import TallyError
from tally.link.clustering import Clustering, cluster_pairs
from tally.link.group import with_group_evidence
from tally.link.features import build_features
from tally.link.model import (
    ScoredPairs,
    _Model,
    _train,
    id_pairs,
    identity_fields,
    namesakes_retained,
    pair_comparisons,
    pair_table,
)
from tally.link.overlap import (
    adjusted_sql,
    conflicts_sql,
    field_weight_columns,
    kept_components,
    kept_sql,
    list_overlap,
    list_pairs,
    overlap_rows,
    prediction_floor,
    within_components,
)
from tally.link.settings import LinkSettings, splink_settings

__all__ = [
    "SparkLink",
    "SparkUnavailable",
    "link_on_spark",
    "model_for_spark",
    "register_functions",
    "score_pairs_on_spark",
    "score_with_spark",
    "spark_session",
    "stored_model",
    "to_spark_sql",
    "train_and_score_on_spark",
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


class SparkUnavailable(TallyError, RuntimeError):
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

    db_api = _spark_api(spark)
    frame = _input_frame(spark, features)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Splink's notes on settings it does not check
        linker = Linker(db_api.register(frame), model_for_spark(model), log_level=logging.ERROR)
        # thin records' pairs are kept down to their own threshold, as on DuckDB
        keep_from = settings.keep_from_for(model["probability_two_random_records_match"])
        predictions = linker.inference.predict(
            threshold_match_probability=prediction_floor(keep_from)).as_spark_dataframe()
    kept, conflicts = _kept_and_conflicts(spark, db_api, frame, model, predictions, settings,
                                          keep_from)
    return pair_table(kept), conflicts


def _kept_and_conflicts(spark, db_api, frame, model, predictions, settings: LinkSettings,
                        keep_from: float) -> tuple[pa.Table, pa.Table]:
    """The prediction's pairs kept (every column, weighed against their lists'
    prior) and the conflicts among their records, as on DuckDB."""
    predictions.createOrReplaceTempView("_tally_predictions")
    left, right, shift = overlap_rows(model.get("tally_list_overlap", []))
    spark.createDataFrame(
        list(zip(left, right, shift)),
        "list_l STRING, list_r STRING, shift DOUBLE").createOrReplaceTempView("_tally_overlap")
    adjusted = adjusted_sql("_tally_predictions", "_tally_overlap", "p.*")
    kept = spark.sql(kept_sql(adjusted, keep_from)).toArrow()
    conflicts = _conflicts_on_spark(spark, db_api, frame, model, kept, settings)
    return kept, id_pairs(conflicts)


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
        linker = Linker(db_api.register(labelled), model_for_spark(namesakes_retained(within_components(model), settings)),
                        log_level=logging.ERROR)
        predictions = linker.inference.predict().as_spark_dataframe()
    predictions.createOrReplaceTempView("_tally_component_predictions")
    return spark.sql(conflicts_sql(
        adjusted_sql("_tally_component_predictions", "_tally_overlap", "p.*"),
        settings.conflict_probability, field_weight_columns(predictions.columns),
        settings.conflict_field_weight,
        bodies="unidentified_l" in predictions.columns, relatives_below=settings.relative_field_weight,
        match_below=settings.match_threshold, apart=settings.namesakes_apart_sql)).toArrow()


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
    # the whole link input, as tally link clusters it: clustering reads more
    # than ids and lists (a thin record is one without father or grandfather)
    records = frame if isinstance(frame, pa.Table) else frame.orderBy("unique_id").toArrow()
    scored = ScoredPairs(pairs, dict(model), records.num_rows, conflicts)
    scored = with_group_evidence(records, scored, settings)  # as tally link does
    return SparkLink(scored.pairs, cluster_pairs(records, scored, settings, dict(verdicts or {})))


# -- training ------------------------------------------------------------------

def _duckdb_hash_udf():
    """A Spark function giving DuckDB's ``hash`` of a string (as DECIMAL(20,0),
    DuckDB's value being an unsigned 64-bit integer), computed by DuckDB itself
    in Spark's Python workers, a batch at a time."""
    import pandas as pd
    from pyspark.sql.functions import pandas_udf
    from pyspark.sql.types import DecimalType

    def duckdb_hash(values):
        import decimal

        import duckdb
        import pyarrow

        con = duckdb.connect()
        con.register("v", pyarrow.table({"v": pyarrow.array(values, pyarrow.string())}))
        hashes = con.execute("SELECT hash(v) FROM v").fetchnumpy()
        con.close()
        column = next(iter(hashes.values()))
        return pd.Series([decimal.Decimal(int(h)) for h in column], dtype=object)

    # the hints pandas_udf reads, as objects (this module's are strings)
    duckdb_hash.__annotations__ = {"values": pd.Series, "return": pd.Series}
    return pandas_udf(duckdb_hash, DecimalType(20, 0))


def _sampling_dialect():
    """Splink's Spark dialect, except that its samples are DuckDB's.

    Splink samples records by a hash of their id: u from the records whose
    hash bucket falls below a threshold, taken in chunks by another bucket of
    the same hash, until every level has been seen often enough; EM's pair
    sample likewise. DuckDB's ``hash`` and Spark's are different functions, so
    with the same seed the two engines would estimate u from different random
    pairs and the same training would give slightly different models (and
    persons). Here Spark buckets by DuckDB's hash (``tally_duckdb_hash``,
    registered by :func:`register_functions` with ``sampling=True``) with
    DuckDB's arithmetic, so both engines draw the very same sample.
    """
    from splink.internals.dialects import SparkDialect

    class DuckDBSampleSparkDialect(SparkDialect):
        def hash_function_expression(self, col_expression: str) -> str:
            return f"tally_duckdb_hash(CAST({col_expression} AS STRING))"

        def hash_bucket_expression(self, col_expression: str, modulus: int) -> str:
            if modulus <= 0:
                raise ValueError("modulus must be positive")
            return f"{self.hash_function_expression(col_expression)} % {modulus}"

    return DuckDBSampleSparkDialect()


def _spark_api(spark, *, sampling: bool = False):
    """Splink's SparkAPI on ``spark``, with Tally's functions registered
    (and DuckDB's sampling, :func:`_sampling_dialect`, when training)."""
    from splink.backends.spark import SparkAPI

    # Splink writes each intermediate table to the checkpoint folder; a
    # session without one (not made by spark_session) keeps them in memory.
    lineage = None if spark.sparkContext.getCheckpointDir() else "persist"
    db_api = SparkAPI(spark_session=spark, break_lineage_method=lineage)
    register_functions(spark)
    if sampling:
        spark.udf.register("tally_duckdb_hash", _duckdb_hash_udf())
        db_api.sql_dialect = _sampling_dialect()
    return db_api


class _SparkModel(_Model):
    """The model being trained, as :class:`tally.link.model._Model`, on Spark.

    The same settings (DuckDB's rendering, translated by
    :func:`model_for_spark`), so every training step of
    :func:`tally.link.model._train` runs here unchanged, on Splink's SparkAPI.
    """

    def __init__(self, spark, features: pa.Table, frame, multi_source: bool,
                 identity: tuple[str, ...]) -> None:
        self.tmp = None
        self.con = None
        self.spark = spark
        self.db_api = _spark_api(spark, sampling=True)
        self.sdf = self.db_api.register(frame)
        self.duckdb_settings = splink_settings(multi_source, identity).create_settings_dict("duckdb")
        self.start(features, model_for_spark(self.duckdb_settings), identity)

    def close(self) -> None:
        pass

    def duckdb_model(self) -> dict:
        """The trained model in DuckDB's SQL, as ``tally link`` stores it: the
        parameters trained here, the conditions and rules DuckDB renders."""
        model = self.linker.misc.save_model_to_json()
        ours = self.duckdb_settings
        for comparison, duck in zip(model["comparisons"], ours["comparisons"]):
            for level, duck_level in zip(comparison["comparison_levels"],
                                         duck["comparison_levels"]):
                level["sql_condition"] = duck_level["sql_condition"]
        model["blocking_rules_to_generate_predictions"] = copy.deepcopy(
            ours["blocking_rules_to_generate_predictions"])
        model["sql_dialect"] = "duckdb"
        return model


def _overlap_on_spark(spark, frame, predictions, model: dict, estimate: bool) -> list[dict]:
    """Each pair of lists' odds factor, as :func:`tally.link.model._estimate_overlap`
    finds it on DuckDB, from the prediction on Spark."""
    if not estimate:
        return []
    sizes = {r[0]: int(r[1]) for r in frame.groupBy("source_id").count().collect()
             if r[0] is not None}
    keys = list_pairs(sizes)
    if not keys:
        return []
    spark.createDataFrame([(a, b, k) for k, (a, b) in enumerate(keys)],
                          "list_a STRING, list_b STRING, k BIGINT"
                          ).createOrReplaceTempView("_tally_list_pairs")
    predictions.createOrReplaceTempView("_tally_training_predictions")
    found = spark.sql(
        "SELECT l.k, p.match_weight FROM _tally_training_predictions AS p "
        "JOIN _tally_list_pairs AS l ON least(p.source_id_l, p.source_id_r) = l.list_a "
        "AND greatest(p.source_id_l, p.source_id_r) = l.list_b "
        "ORDER BY l.k, p.unique_id_l, p.unique_id_r").toArrow()
    return list_overlap(sizes, keys, found.column("k").to_numpy(),
                        found.column("match_weight").to_numpy(),
                        model["probability_two_random_records_match"])


def train_and_score_on_spark(spark, features: pa.Table, settings: LinkSettings, *,
                             labels: list[tuple[str, str, bool]] = (),
                             progress: Callable[[str], None] | None = None) -> ScoredPairs:
    """What :func:`tally.link.model.score_pairs` does, on Spark: train on
    ``features`` (the link input), learn from the reviewers' verdicts
    ``labels``, score every blocked pair, find the conflicts.

    The training is DuckDB's own (:func:`tally.link.model._train`: the prior
    from strict rules, u from random pairs drawn with DuckDB's sample, EM in
    the designed blocks, the verdicts' fit, the floor on m), each step run by
    Splink on Spark. The model comes back in DuckDB's SQL, as ``tally link``
    stores it, so a later run on either engine reads it.
    """
    _require_pyspark()
    say = progress or (lambda _m: None)
    n = features.num_rows
    if n < 2:
        from tally.link.model import score_pairs

        return score_pairs(features, settings, labels=labels)
    multi_source = len(set(features.column("source_id").to_pylist())) > 1
    frame = spark.createDataFrame(features)
    state = _SparkModel(spark, features, frame, multi_source, identity_fields(features))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # levels Splink could not train keep their priors
        say("training on Spark: prior, u from random pairs, EM sessions")
        learned = _train(state, settings, n, labels)
        state.bound_evidence(settings.min_m_probability)
        prior = state.linker.misc.save_model_to_json()["probability_two_random_records_match"]
        keep_from = settings.keep_from_for(prior)
        say("scoring the blocked pairs on Spark")
        predictions = state.linker.inference.predict(
            threshold_match_probability=prediction_floor(keep_from)).as_spark_dataframe()
    model = state.duckdb_model()
    model["tally_training_notes"] = state.notes
    say("the lists' overlap, pairs kept and the conflicts within their components, on Spark")
    model["tally_list_overlap"] = _overlap_on_spark(
        spark, frame, predictions, model, multi_source and n >= settings.min_records_to_train)
    kept, conflicts = _kept_and_conflicts(spark, state.db_api, frame, model, predictions,
                                          settings, keep_from)
    kept = kept.sort_by([("unique_id_l", "ascending"), ("unique_id_r", "ascending")])
    say(f"{kept.num_rows:,} pairs kept; each kept pair's detail")
    return ScoredPairs(pair_table(kept, pair_comparisons(kept, model)), model, n, conflicts,
                       learned)


def score_with_spark(features: pa.Table, settings: LinkSettings, *,
                     labels: list[tuple[str, str, bool]] = (),
                     progress: Callable[[str], None] | None = None) -> ScoredPairs:
    """``tally link --engine spark``: :func:`train_and_score_on_spark` in this
    process's Spark session, or in a local one started for it and stopped after
    (no Spark runtime is left running when the command ends)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is None and progress:
        progress("starting Spark (local)")
    spark = active or spark_session()
    try:
        return train_and_score_on_spark(spark, features, settings, labels=labels,
                                        progress=progress)
    finally:
        if active is None:
            spark.stop()


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
