"""Records that name their person only through a relative (issue 15, wave 7):
"زوجة علي حسن سلوم" on one list, "wife of Ali Salloum" on another. Their own
names are unknown, so only the relation and the relative's name can pair them."""

from __future__ import annotations

import pytest

from tests.unit.link.dedupe_rows import dedupe_persons

HEADER = ("record_id", "source", "name", "sex", "date_of_death", "place", "governorate")


def test_two_lists_naming_a_wife_by_her_husband_meet_across_scripts(tmp_path):
    # neither record has a name of her own; before wave 7 no blocking rule met them
    persons = dedupe_persons(tmp_path, HEADER, [
        ("page", "A", "زوجة علي سلوم", "", "2025-03-09", "جبلة", "اللاذقية"),
        ("wire", "B", "wife of Ali Salloum", "", "2025-03-09", "Jableh", "Latakia"),
        ("husband", "B", "علي حسن سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
        ("other_wife", "B", "زوجة عمر خالد سلوم", "", "2025-03-09", "جبلة", "اللاذقية"),
    ])
    assert persons["page"] == persons["wire"]
    assert persons["page"] != persons["husband"]
    assert persons["page"] != persons["other_wife"]


def test_the_wives_of_two_namesakes_stay_two_people(tmp_path):
    # Ali Hasan Sulayman and Ali Muhammad Sulayman: their fathers tell the husbands,
    # and so the wives, apart
    persons = dedupe_persons(tmp_path, HEADER, [
        ("wife_1", "A", "زوجة علي حسن سليمان", "", "2025-03-07", "بانياس", "طرطوس"),
        ("wife_2", "A", "زوجة علي محمد سليمان", "", "", "بانياس", "طرطوس"),
        ("wife_1b", "B", "زوجة علي حسن سليمان", "", "2025-03-07", "بانياس", "طرطوس"),
    ])
    assert persons["wife_1"] == persons["wife_1b"] != persons["wife_2"]



@pytest.mark.slow
def test_spark_meets_relation_records_as_duckdb_does(tmp_path):
    # the rule is plain SQL (=, LIKE, IS NULL); Spark must pair the same two records,
    # and read the father-and-son level as DuckDB does
    pytest.importorskip("pyspark")
    import duckdb

    from tally.link.settings import CHILD_IN_KUNYA, RELATION_RULE
    from tally.link.spark import SparkUnavailable, spark_session, to_spark_sql

    rows = [("a", "wife:al::slm", None, "SY06"), ("b", "wife:al::slm", None, "SY06"),
            ("c", "umm_al", None, "SY06"), ("d", "umm_al", None, "SY06"),
            ("e", "wife:al::slm", "al", "SY06"), ("f", "wife:al::slm", None, "SY05")]
    sql = "SELECT l.id, r.id FROM t l JOIN t r ON l.id < r.id AND ({}) ORDER BY 1, 2"
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id VARCHAR, kunya_key VARCHAR, given_key VARCHAR, governorate_id VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    on_duckdb = con.execute(sql.format(RELATION_RULE)).fetchall()
    assert on_duckdb == [("a", "b")]
    try:
        spark = spark_session(cores=1, memory="1g", tmp_dir=tmp_path)
    except SparkUnavailable as exc:
        pytest.skip(str(exc))
    # ...and the father-and-son level (CHILD_IN_KUNYA: 'abu_' || given_key, IN)
    pairs = [("p1", "abu_al", "hsn", None, "al"), ("p2", None, "al", "abu_al", "mhmd"),
             ("p3", "abu_al", "al", "abu_al", "al"), ("p4", "abu_al", "hsn", None, "mhmd"),
             ("p5", None, "al", None, "al")]
    level_sql = "SELECT id FROM p WHERE {} ORDER BY 1"
    con.execute("CREATE TABLE p (id VARCHAR, kunya_key_l VARCHAR, given_key_l VARCHAR, "
                "kunya_key_r VARCHAR, given_key_r VARCHAR)")
    con.executemany("INSERT INTO p VALUES (?, ?, ?, ?, ?)", pairs)
    level_duckdb = con.execute(level_sql.format(CHILD_IN_KUNYA)).fetchall()
    assert level_duckdb == [("p1",), ("p2",), ("p3",)]
    try:
        spark.createDataFrame(rows, "id string, kunya_key string, given_key string, governorate_id string") \
            .createOrReplaceTempView("t")
        on_spark = [tuple(r) for r in spark.sql(sql.format(to_spark_sql(RELATION_RULE))).collect()]
        spark.createDataFrame(pairs, "id string, kunya_key_l string, given_key_l string, "
                                     "kunya_key_r string, given_key_r string").createOrReplaceTempView("p")
        level_spark = [tuple(r) for r in spark.sql(level_sql.format(to_spark_sql(CHILD_IN_KUNYA))).collect()]
    finally:
        spark.stop()
    assert on_spark == on_duckdb
    assert level_spark == level_duckdb
