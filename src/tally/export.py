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


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_records(
    project: Project, out: str | os.PathLike, fmt: str = "csv", raw: bool = False
) -> int:
    """Write every victim record to ``out``; return how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with project.connect() as con:
        con.execute(f"COPY ({records_query(raw)}) TO {_sql_string(str(out))} ({_COPY_OPTIONS[fmt]})")
        return int(con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0])
