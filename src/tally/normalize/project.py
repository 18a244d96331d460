"""Normalized fields of a project's records: computed at ingest, recomputed on demand.

``record_norm`` is this stage's own table: `tally normalize` replaces it
wholesale when tables or rules change (a stage run, see
:func:`tally.store.runs.stage_run`, audited as ``records.normalized`` with the
data version it produced); raw and mapped values in ``victim_record`` are
never touched.
"""

from __future__ import annotations

import tomllib
from typing import Callable

import duckdb
import pyarrow as pa

from tally.normalize.records import normalize_table
from tally.normalize.version import normalizer_version
from tally.store.runs import data_version, stage_run

_COLUMNS = (
    "record_id, name_script, given_key, father_key, grandfather_key, family_key, mother_key, "
    "given_std, father_std, family_std, name_keys, kunya_key, unidentified, date_start, date_end, date_precision, place_id, "
    "place_level, place_ambiguous, district_id, governorate_id, latitude, longitude, age_low, "
    "age_high, sex, status, community, problems, normalizer"
)


def _date_order(mapping_text: str | None) -> str | None:
    if not mapping_text:
        return None
    try:
        return tomllib.loads(mapping_text).get("options", {}).get("date_order")
    except tomllib.TOMLDecodeError:
        return None


def normalize_records(
    con: duckdb.DuckDBPyConnection,
    document: str | None = None,
    *,
    date_order: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """(Re)compute ``record_norm`` for one document's records, or for all.

    Runs inside the caller's transaction: ingest calls it for the document it
    is writing (passing the mapping's ``date_order``, as the document row does
    not exist yet), so records and their normalized values land together.
    """
    if document:
        orders = {"sha": [document], "date_order": [date_order]}
    else:
        docs = con.execute("SELECT sha256, mapping FROM document").fetchall()
        orders = {"sha": [d[0] for d in docs], "date_order": [_date_order(d[1]) for d in docs]}
    con.register("_norm_doc_orders", pa.table(orders, schema=pa.schema(
        [("sha", pa.string()), ("date_order", pa.string())])))
    join = "JOIN" if document else "LEFT JOIN"  # one document: only its records
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW _norm_source AS
            SELECT v.*, o.date_order FROM victim_record v
            {join} _norm_doc_orders o ON o.sha = v.document_sha256"""
    )
    n = normalize_table(con, "_norm_source", "_norm_result", progress=progress)
    if document:
        con.execute(
            "DELETE FROM record_norm WHERE record_id IN (SELECT record_id FROM _norm_result)")
    else:
        con.execute("DELETE FROM record_norm")
    con.execute(f"INSERT INTO record_norm ({_COLUMNS}) SELECT {_COLUMNS} FROM _norm_result")
    con.execute("DROP TABLE _norm_result")
    con.execute("DROP VIEW _norm_source")
    con.unregister("_norm_doc_orders")
    return n


def renormalize_project(project, progress: Callable[[str], None] | None = None) -> int:
    """`tally normalize` in a project: recompute every record's normalized values."""
    with project.connect() as con:
        with stage_run(con, "normalize", prefix="norm", action="records.normalized") as run:
            n = normalize_records(con, progress=progress)
            # the version later stages will read: the records keyed by this normalizer
            run.data_version = data_version(con)
            run.details.update(records=n, normalizer=normalizer_version())
    return n
