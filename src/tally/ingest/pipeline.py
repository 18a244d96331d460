"""Ingest one received file: keep its bytes, read its rows, write records.

Order of work, chosen so that nothing is lost or half-written:

1. hash the file; the same bytes already ingested are reported, not repeated;
2. open it as a table (refusing, with file and reason, what is no table);
3. store the bytes under ``objects/`` (an object without a document row is
   harmless and is reused by the next attempt);
4. in ONE transaction: every row becomes a victim record or a quarantined row
   (bulk SQL over Arrow batches), then the document row and its audit event.
   A process killed before COMMIT leaves no trace of this ingest in the store.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyarrow as pa

from tally.errors import IngestError
from tally.ingest.checks import problems_sql
from tally.ingest.mapping import (
    CompiledMapping,
    Mapping,
    compile_mapping,
    interchange_mapping,
    load_mapping,
)
from tally.ingest.readers import Row, TableReader, open_table
from tally.model import IDENTIFYING_FIELDS, STORED_FIELD
from tally.normalize.project import normalize_records
from tally.project import Project
from tally.sources import get_source
from tally.store.audit import append_event, current_actor, records_digest_sql, utc_now
from tally.store.objects import sha256_file

#: Stored mapped columns of victim_record, in table order.
MAPPED_COLUMNS: tuple[str, ...] = tuple(STORED_FIELD.values())


@dataclass
class IngestReport:
    """What an ingest did (or, with dry_run, would do)."""

    path: str
    sha256: str
    source_id: str
    status: str  # ingested | duplicate | dry-run
    records: int = 0
    quarantined: int = 0
    records_with_problems: int = 0
    blank_lines: int = 0
    media_type: str | None = None
    parser: str | None = None
    encoding: str | None = None
    columns: list[str] = field(default_factory=list)
    duplicate_of: dict | None = None


def ingest_file(
    project: Project,
    path: str | os.PathLike,
    source_id: str,
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest one list file for ``source_id``; see the module docstring."""
    path = Path(path)
    if not path.is_file():
        raise IngestError("no such file", file=str(path))
    if mapping is not None and not isinstance(mapping, Mapping):
        mapping = load_mapping(mapping)
    sha = sha256_file(path)
    with project.connect() as con:
        get_source(con, source_id)
        dup = con.execute(
            "SELECT source_id, original_name, received_at, record_count FROM document "
            "WHERE sha256 = ?",
            [sha],
        ).fetchall()
        dup = dup[0] if dup else None
        if dup:
            return IngestReport(
                str(path), sha, source_id, "duplicate",
                duplicate_of=dict(zip(("source_id", "original_name", "received_at", "records"), dup)),
            )
        options = mapping.options if mapping else {}
        with open_table(
            path,
            encoding=encoding or options.get("encoding"),
            delimiter=options.get("delimiter"),
            sheet=options.get("sheet"),
            header_row=options.get("header_row"),
            progress=progress,
        ) as table:
            return _ingest_table(project, con, path, sha, source_id, table, mapping, dry_run)


def _ingest_table(project, con, path: Path, sha: str, source_id: str, table: TableReader,
                  mapping: Mapping | None, dry_run: bool) -> IngestReport:
    """Map and write every row of an open table in one transaction."""
    used = mapping or interchange_mapping(table.columns, str(path))
    compiled = compile_mapping(used, table.columns, str(path))
    report = IngestReport(
        str(path), sha, source_id, "dry-run" if dry_run else "ingested",
        media_type=table.media_type, parser=table.parser, encoding=table.encoding,
        columns=table.columns,
    )
    if not dry_run:
        project.objects.put(path, sha)
    con.execute("BEGIN TRANSACTION")
    try:
        writer = _BatchWriter(con, sha, source_id, table, compiled)
        for batch in table.batches:
            writer.write(batch)
        report.blank_lines = table.blank_lines
        counts = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE len(problems) > 0) "
            "FROM victim_record WHERE document_sha256 = ?",
            [sha],
        ).fetchall()[0]
        report.records, report.records_with_problems = int(counts[0]), int(counts[1])
        report.quarantined = int(
            con.execute(
                "SELECT count(*) FROM quarantine WHERE document_sha256 = ?", [sha]
            ).fetchall()[0][0]
        )
        if report.records == 0 and report.quarantined == 0:
            raise IngestError("the file has a header but no data rows", file=str(path))
        normalize_records(con, sha, date_order=used.options.get("date_order"))
        digest_row = con.execute(
            records_digest_sql("WHERE document_sha256 = ?"), [sha]
        ).fetchall()
        digest = digest_row[0][1] if digest_row else None
        _insert_document(con, report, path, used, digest)
        append_event(
            con,
            "document.ingested",
            sha,
            {
                "source": source_id,
                "original_name": path.name,
                "size_bytes": path.stat().st_size,
                "media_type": table.media_type,
                "parser": table.parser,
                "encoding": table.encoding,
                "mapping_sha256": hashlib.sha256(used.text.encode()).hexdigest()
                if used.text else None,
                "records": report.records,
                "quarantined": report.quarantined,
                "records_digest": digest,
            },
        )
        con.execute("ROLLBACK" if dry_run else "COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return report


def _insert_document(con, report: IngestReport, path: Path, mapping: Mapping, digest) -> None:
    con.execute(
        "INSERT INTO document (sha256, source_id, original_name, media_type, size_bytes, "
        "received_at, received_by, parser, encoding, mapping, status, record_count, "
        "quarantine_count, records_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            report.sha256, report.source_id, path.name, report.media_type,
            path.stat().st_size, utc_now(), current_actor(), report.parser,
            report.encoding, mapping.text, "ingested", report.records,
            report.quarantined, digest,
        ],
    )


class _BatchWriter:
    """Writes batches of rows with two set-based INSERTs each (records, quarantine)."""

    def __init__(self, con, sha: str, source_id: str, table: TableReader, compiled: CompiledMapping):
        self.con = con
        self.sha = sha
        self.source_id = source_id
        self.width = len(table.columns)
        self.schema = pa.schema(
            [("row_number", pa.int64()), ("line_number", pa.int64())]
            + [(f"c{i}", pa.string()) for i in range(self.width)]
        )
        raw_args = ", ".join(f"?, c{i}" for i in range(self.width))
        select = [f"json_object({raw_args}) AS raw"]
        params: list = list(table.columns)  # the JSON keys of the raw values
        for column in MAPPED_COLUMNS:
            sql, p = compiled.expressions.get(column, ("CAST(NULL AS VARCHAR)", []))
            select.append(f"{sql} AS {column}")
            params += p
        self.mapped_sql = (
            "SELECT row_number, line_number, " + ", ".join(select) + " FROM _tally_batch"
        )
        self.mapped_params = params
        identifying = [f for f in IDENTIFYING_FIELDS if f in compiled.expressions]
        ok = " OR ".join(f"{f} IS NOT NULL" for f in identifying) or "FALSE"
        required = [STORED_FIELD[f] for f in compiled.required]
        if required:
            ok = f"({ok}) AND " + " AND ".join(f"{f} IS NOT NULL" for f in required)
        self.ok = ok
        why = " ".join(
            f"WHEN {f} IS NULL THEN 'required field {f} is empty'" for f in required
        )
        no_id = "'no name and no other identifying field'"
        self.why = f"CASE {why} ELSE {no_id} END" if required else no_id
        self.required_column = (
            "CASE " + " ".join(f"WHEN {f} IS NULL THEN '{f}'" for f in required) + " END"
            if required else "CAST(NULL AS VARCHAR)"
        )

    def write(self, batch: list[Row]) -> None:
        good = [r for r in batch if r.values is not None]
        bad = [r for r in batch if r.values is None]
        if good:
            self._write_good(good)
        if bad:
            self._write_bad(bad)

    def _write_good(self, rows: list[Row]) -> None:
        columns = list(zip(*[r.values for r in rows])) if self.width else []
        arrays = [
            pa.array([r.row_number for r in rows], pa.int64()),
            pa.array([r.line_number for r in rows], pa.int64()),
        ] + [pa.array(col, pa.string()) for col in columns]
        batch = pa.Table.from_arrays(arrays, schema=self.schema)
        self.con.register("_tally_batch", batch)
        failed = True
        try:
            cols = ", ".join(MAPPED_COLUMNS)
            self.con.execute(
                f"INSERT INTO victim_record (record_id, document_sha256, source_id, row_number, "
                f"raw, {cols}, problems) "
                f"SELECT ? || '-' || row_number, ?, ?, row_number, raw, {cols}, {problems_sql()} "
                f"FROM ({self.mapped_sql}) WHERE {self.ok}",
                [self.sha[:16], self.sha, self.source_id, *self.mapped_params],
            )
            self.con.execute(
                "INSERT INTO quarantine (document_sha256, row_number, line_number, column_name, "
                "problem, raw_text, raw) "
                f"SELECT ?, row_number, line_number, {self.required_column}, {self.why}, "
                f"NULL, raw FROM ({self.mapped_sql}) WHERE NOT ({self.ok})",
                [self.sha, *self.mapped_params],
            )
            failed = False
        finally:
            if not failed:  # an aborted transaction refuses even this; ROLLBACK follows
                self.con.unregister("_tally_batch")

    def _write_bad(self, rows: list[Row]) -> None:
        self.con.executemany(
            "INSERT INTO quarantine (document_sha256, row_number, line_number, column_name, "
            "problem, raw_text, raw) VALUES (?, ?, ?, NULL, ?, ?, NULL)",
            [[self.sha, r.row_number, r.line_number, r.problem, r.raw_text] for r in rows],
        )
