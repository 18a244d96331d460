"""Exports of what the store holds, in the interchange formats.

Records are written in the victim record interchange format (DESIGN.md):
``record_id`` is Tally's id of the record and ``source`` the id of the source
that supplied it; the source's own identifier, the document and the row
follow as extra columns so every exported row traces back to its bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from tally.errors import UsageError
from tally.model import RECORD_FIELDS
from tally.project import Project

FORMATS = ("csv", "jsonl", "parquet")

_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


def records_query(raw: bool = False) -> str:
    columns = ["record_id", "source_id AS source"]
    columns += [f for f in RECORD_FIELDS if f not in ("record_id", "source")]
    columns += ["source_record_id", "document_sha256 AS document", "row_number"]
    if raw:
        columns.append("CAST(raw AS VARCHAR) AS raw")
    return (
        f"SELECT {', '.join(columns)} FROM victim_record "
        "ORDER BY source_id, document_sha256, row_number"
    )


def persons_query() -> str:
    """One row per record of each person: who, from which source, how strongly linked."""
    return """
        SELECT p.person_id, v.record_id, v.source_id AS source, v.name, v.sex, v.age,
               v.date_of_death, v.place, v.governorate, v.status,
               p.match_weight, count(*) OVER (PARTITION BY p.person_id) AS records_in_person,
               p.run_id
        FROM person_record p JOIN victim_record v USING (record_id)
        ORDER BY p.person_id, v.source_id, v.record_id"""


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _export(project: Project, query: str, out, fmt: str, empty_message: str | None = None) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with project.connect() as con:
        n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
        if n == 0 and empty_message:
            raise UsageError(empty_message)
        con.execute(f"COPY ({query}) TO {_sql_string(str(out))} ({_COPY_OPTIONS[fmt]})")
    return n


def export_persons(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write every linked record with its person; return how many rows were written."""
    return _export(project, persons_query(), out, fmt,
                   "no persons yet: run `tally link` first")


def export_records(
    project: Project, out: str | os.PathLike, fmt: str = "csv", raw: bool = False
) -> int:
    """Write every victim record to ``out``; return how many were written."""
    return _export(project, records_query(raw), out, fmt)
