"""The model DuckDB stores, translated for Spark: the same model, in Spark's SQL.

These need no Spark (sqlglot does the translation); tests/integration/
test_link_spark.py scores a simulated set on Spark and compares the numbers.
"""

import copy
import sys

import pytest
import sqlglot

from tally.link.settings import IDENTITY_FIELDS, splink_settings
from tally.link.spark import (
    SPARK_FUNCTIONS,
    SparkUnavailable,
    _similarity,
    model_for_spark,
    spark_session,
    to_spark_sql,
)

#: Splink's Spark names for the Jaro functions (from its jar) → Tally's, which
#: compute what DuckDB computes
_SPLINK_JAR = {"jaro_winkler": SPARK_FUNCTIONS["jaro_winkler_similarity"],
               "jaro_sim": SPARK_FUNCTIONS["jaro_similarity"]}


def _normal(sql: str) -> str:
    if sql == "ELSE":
        return sql

    def rename(node):
        if isinstance(node, sqlglot.exp.Anonymous) and node.name.lower() in _SPLINK_JAR:
            return sqlglot.exp.Anonymous(this=_SPLINK_JAR[node.name.lower()],
                                         expressions=node.expressions)
        return node

    return sqlglot.parse_one(sql, read="spark").transform(rename).sql(dialect="spark")


def test_duckdb_spellings_become_spark_functions():
    assert to_spark_sql('jaro_winkler_similarity("given_key_l", "given_key_r") >= 0.9') == \
        "TALLY_JARO_WINKLER_SIMILARITY(`given_key_l`, `given_key_r`) >= 0.9"
    assert to_spark_sql("abs(date_diff('day', date_start_l, date_start_r)) <= 3") == \
        "ABS(DATEDIFF(DAY, date_start_l, date_start_r)) <= 3"


def test_double_quoted_columns_stay_columns():
    # In Spark SQL "given_key_l" is a string: left as it is, this level would
    # hold for every pair (two different strings one letter apart).
    assert to_spark_sql('levenshtein("given_key_l", "given_key_r") <= 1') == \
        "LEVENSHTEIN(`given_key_l`, `given_key_r`) <= 1"


@pytest.mark.parametrize("multi_source, identity", [
    (True, ()), (False, ()), (True, tuple(IDENTITY_FIELDS))])
def test_stored_model_translates_to_what_the_settings_render_for_spark(multi_source, identity):
    """Translating DuckDB's rendering of the settings gives Splink's own Spark
    rendering, level by level and rule by rule (Jaro-Winkler by Tally's
    function instead of the jar's): one model on both engines."""
    creator = splink_settings(multi_source=multi_source, identity=identity)
    translated = model_for_spark(creator.create_settings_dict("duckdb"))
    spark = creator.create_settings_dict("spark")
    assert [c["output_column_name"] for c in translated["comparisons"]] == \
        [c["output_column_name"] for c in spark["comparisons"]]
    for ours, theirs in zip(translated["comparisons"], spark["comparisons"]):
        assert [_normal(lv["sql_condition"]) for lv in ours["comparison_levels"]] == \
            [_normal(lv["sql_condition"]) for lv in theirs["comparison_levels"]]
    assert [_normal(r["blocking_rule"]) for r in translated["blocking_rules_to_generate_predictions"]] \
        == [_normal(r["blocking_rule"]) for r in spark["blocking_rules_to_generate_predictions"]]


def test_parameters_are_kept_and_tally_notes_left_out():
    model = splink_settings().create_settings_dict("duckdb")
    model["probability_two_random_records_match"] = 0.000123
    model["tally_training_notes"] = ["EM session 2: not trained"]
    at = next(i for i, lv in enumerate(model["comparisons"][0]["comparison_levels"])
              if lv.get("tf_adjustment_column") == "given_key")  # "same given name"
    level = model["comparisons"][0]["comparison_levels"][at]
    level.update(m_probability=0.9, u_probability=0.0121)
    before = copy.deepcopy(model)
    out = model_for_spark(model)
    assert model == before  # the stored model itself is left as it is
    assert "tally_training_notes" not in out and "sql_dialect" not in out
    assert out["probability_two_random_records_match"] == 0.000123
    kept = out["comparisons"][0]["comparison_levels"][at]
    assert (kept["m_probability"], kept["u_probability"]) == (0.9, 0.0121)
    assert kept["tf_adjustment_column"] == "given_key"


def test_without_pyspark_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if not installed
    with pytest.raises(SparkUnavailable, match=r"tally\[spark\]"):
        spark_session()


@pytest.mark.parametrize("name", ["jaro_winkler_similarity", "jaro_similarity"])
def test_the_spark_jaro_functions_compute_what_duckdb_does(name):
    """Including "allah_abd" / "alh_abd", where the jar Splink ships for Spark
    gives 0.884 and DuckDB 0.903: two sides of the 0.9 level."""
    pytest.importorskip("jellyfish", reason="jellyfish comes with the spark extra")
    import duckdb

    pairs = [("allah_abd", "alh_abd"), ("mhmd", "mhmmd"), ("abd_allah", "abd_alh"),
             ("ab", "ba"), ("martha", "marhta"), ("محمد", "محمود"), ("a", ""), ("", ""),
             ("hsn", "hsyn"), ("abcdefghij", "abcdefghik"), (None, "x")]
    ours = _similarity(name)
    con = duckdb.connect()
    for a, b in pairs:
        expected = con.execute(f"SELECT {name}(?::VARCHAR, ?::VARCHAR)", [a, b]).fetchall()[0][0]
        assert ours(a, b) == expected, (a, b)
