"""Kunya records in the link input, and levels that say more never weighing less."""

import duckdb

from tally.link.features import features_sql
from tally.link.settings import MONOTONE_LEVELS, level_priors


def _row(**keys):
    con = duckdb.connect()
    con.execute("CREATE TABLE v (record_id VARCHAR, source_id VARCHAR, document_sha256 VARCHAR, "
                "birth_date VARCHAR, national_id VARCHAR, address VARCHAR)")
    con.execute("INSERT INTO v VALUES ('r1', 's', 'd', NULL, NULL, NULL)")
    cols = ["given_key", "father_key", "grandfather_key", "family_key", "kunya_key", "given_std",
            "father_std", "name_script"]
    con.execute(
        "CREATE TABLE n AS SELECT 'r1' AS record_id, false AS unidentified, "
        + ", ".join(f"CAST(? AS VARCHAR) AS {c}" for c in cols)
        + ", DATE '2025-03-11' AS date_start, DATE '2025-03-11' AS date_end, 'day' AS date_precision, "
          "NULL AS place_id, NULL AS district_id, NULL AS governorate_id, "
          "CAST(NULL AS DOUBLE) AS age_low, CAST(NULL AS DOUBLE) AS age_high, "
          "NULL AS sex, NULL AS status",
        [keys.get(c) for c in cols])
    sql = features_sql("v", "n", source_expr="v.source_id", list_expr="v.document_sha256")
    rel = con.sql(sql)
    return dict(zip(rel.columns, rel.fetchall()[0]))


def test_a_kunya_and_one_name_is_read_as_kunya_and_family():
    row = _row(given_key="sl", kunya_key="abu_abd", given_std="saleh")  # أبو عوبد صالح
    assert row["given_key"] is None and row["family_key"] == "sl"
    assert row["given_std"] is None and row["given_sim_key"] is None
    assert str(row["date_month"]) == "2025-03-01"


def test_a_kunya_with_more_names_keeps_them_as_normalized():
    row = _row(given_key="frs", family_key="xld", kunya_key="abu_mhmd")
    assert (row["given_key"], row["family_key"]) == ("frs", "xld")
    row = _row(given_key="sl")  # one name, no kunya: a given name
    assert (row["given_key"], row["family_key"]) == ("sl", None)


def test_monotone_levels_name_real_levels():
    priors = level_priors()
    for name, finer, coarser in MONOTONE_LEVELS:
        assert finer in priors[name] and coarser in priors[name]
