"""A list as ingest would store it, without storing anything: for the workspace's
column-mapping screen.

    preview = preview_list("list.csv", mapping, rows=10)
    preview.records[:10]     # the first records, mapped and with their problems
    preview.quarantine       # every row that would be quarantined, and why

The file runs through the same reader, mapping compiler, batch writer and
normalizer as :func:`tally.ingest.ingest_file`, into a throwaway in-memory store
built by the same migrations, so what the screen shows is what ingest will
store; the project's store is never opened. ``ingest_file(..., dry_run=True)``
remains the authority on counts and duplicates.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tally.ingest.fill import apply_fill_down
from tally.ingest.mapping import Mapping, compile_mapping, interchange_mapping
from tally.ingest.pipeline import MAPPED_COLUMNS, _BatchWriter
from tally.ingest.readers import open_table
from tally.normalize.project import normalize_records
from tally.store.migrations import apply_migrations

_SHA = "0" * 64  # the throwaway document's id


@dataclass
class ListPreview:
    columns: list[str]
    encoding: str | None
    records: list[dict] = field(default_factory=list)      # first ``rows``, stored fields
    quarantine: list[dict] = field(default_factory=list)   # row, line, column, problem
    record_count: int = 0
    quarantine_count: int = 0
    with_problems: int = 0


def read_columns(path: str | os.PathLike, *, encoding: str | None = None,
                 rows: int = 5) -> tuple[list[str], list[list[str | None]], str | None]:
    """The file's header, its first ``rows`` readable rows, and the encoding read."""
    with open_table(Path(path), encoding=encoding) as table:
        sample: list[list[str | None]] = []
        for batch in table.batches:
            sample += [r.values for r in batch if r.values is not None]
            if len(sample) >= rows:
                break
        return table.columns, sample[:rows], table.encoding


def preview_list(path: str | os.PathLike, mapping: Mapping | None, *, rows: int = 10) -> ListPreview:
    path = Path(path)
    options = mapping.options if mapping else {}
    con = duckdb.connect()
    try:
        apply_migrations(con)
        with open_table(path, encoding=options.get("encoding"), delimiter=options.get("delimiter"),
                        sheet=options.get("sheet"), header_row=options.get("header_row")) as table:
            apply_fill_down(table, options, str(path))
            used = mapping or interchange_mapping(table.columns, str(path))
            compiled = compile_mapping(used, table.columns, str(path))
            writer = _BatchWriter(con, _SHA, "preview", table, compiled,
                                  used.options.get("date_order"))
            for batch in table.batches:
                writer.write(batch)
            preview = ListPreview(list(table.columns), table.encoding)
        normalize_records(con, _SHA, date_order=used.options.get("date_order"))
        cols = ["row_number", *MAPPED_COLUMNS, "problems"]
        for row in con.execute(
                f"SELECT {', '.join('v.' + c for c in cols)}, n.problems "
                "FROM victim_record v LEFT JOIN record_norm n USING (record_id) "
                "ORDER BY v.row_number LIMIT ?", [rows]).fetchall():
            record = {k: v for k, v in zip(cols, row[:-1])}
            record["problems"] = list(record["problems"] or []) + list(row[-1] or [])
            preview.records.append(record)
        preview.record_count, preview.with_problems = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE len(problems) > 0) FROM victim_record"
        ).fetchall()[0]
        for row in con.execute(
                "SELECT row_number, line_number, column_name, problem FROM quarantine "
                "ORDER BY row_number").fetchall():
            preview.quarantine.append(dict(zip(("row", "line", "column", "problem"), row)))
        preview.quarantine_count = len(preview.quarantine)
        return preview
    finally:
        con.close()
