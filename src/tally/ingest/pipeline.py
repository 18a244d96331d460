"""Ingest one received file: keep its bytes, read what it holds, write it to the store.

    from tally.ingest import ingest_file
    ingest_file(project, "list.csv", "snhr")                                 # a list: victim records
    ingest_file(project, "page.html", "sana", published="2025-03-12")       # an article: claims
    ingest_file(project, "feed.jsonl", "wire", articles=True)                # a file of articles

:func:`ingest_file` decides the kind of file and returns one :class:`IngestReport`
for all of them. Custody (hash, duplicate, object, document row, audit event) is
:mod:`.documents`', the same for every kind; articles are :mod:`.claims`'. A list:

1. hash the file; the same bytes already ingested are reported, not repeated;
2. open it as a table (refusing, with file and reason, what is no table);
3. store the bytes under ``objects/`` (an object without a document row is
   harmless and is reused by the next attempt);
4. in ONE transaction: every row becomes a victim record or a quarantined row
   (bulk SQL over Arrow batches), then the document row and its audit event.
   A process killed before COMMIT leaves no trace of this ingest in the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Callable

import pyarrow as pa

from tally.errors import IngestError, UsageError
from tally.ingest.articles import HTML_SUFFIXES
from tally.ingest.checks import problems_sql
from tally.ingest.claims import ingest_article
from tally.ingest.documents import IngestReport, Received, identify, store_document
from tally.ingest.mapping import (
    CompiledMapping,
    Mapping,
    compile_mapping,
    interchange_mapping,
    load_mapping,
)
from tally.ingest.fill import apply_fill_down
from tally.ingest.readers import Row, TableReader, open_table
from tally.ingest.sealing import Sealer
from tally.model import IDENTIFYING_FIELDS, STORED_FIELD
from tally.normalize.project import normalize_records
from tally.project import Project
from tally.store.audit import records_digest_sql

#: Stored mapped columns of victim_record, in table order.
MAPPED_COLUMNS: tuple[str, ...] = tuple(STORED_FIELD.values())


def ingest_file(
    project: Project,
    path: str | os.PathLike,
    source_id: str,
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    published: dt.date | str | None = None,
    articles: bool = False,
) -> IngestReport:
    """Ingest one received file for ``source_id``; see the module docstring.

    A news article (``published`` given), a web page (``.html``, ``.htm``, ``.xhtml``)
    or a JSON-lines file of articles (``articles``) becomes a document and proposed
    claims; any other file is a list whose rows become victim records. ``mapping``,
    ``encoding``, ``dry_run`` and ``progress`` apply to lists only.
    """
    path = Path(path)
    if is_article(path, published=published, articles=articles):
        if dry_run or mapping is not None:
            raise UsageError("--dry-run and --mapping apply to lists, not articles")
        return ingest_article(project, path, source_id, published)
    return _ingest_list(project, path, source_id, mapping, encoding, dry_run, progress)


def is_article(path: str | os.PathLike, *, published: dt.date | str | None = None,
               articles: bool = False) -> bool:
    """Whether :func:`ingest_file` takes the file as an article (or articles), not a list."""
    return published is not None or articles or Path(path).suffix.lower() in HTML_SUFFIXES


def _ingest_list(project: Project, path: Path, source_id: str, mapping, encoding: str | None,
                 dry_run: bool, progress: Callable[[int], None] | None) -> IngestReport:
    if not path.is_file():
        raise IngestError("no such file", file=str(path))
    if mapping is not None and not isinstance(mapping, Mapping):
        mapping = load_mapping(mapping)
    project.unlock()  # a wrong passphrase is refused before anything is written
    with project.connect() as con:
        sha, duplicate = identify(con, path, source_id)
        if duplicate:
            return IngestReport(str(path), sha, source_id, "duplicate", duplicate_of=duplicate)
        options = mapping.options if mapping else {}
        with open_table(
            path,
            encoding=encoding or options.get("encoding"),
            delimiter=options.get("delimiter"),
            sheet=options.get("sheet"),
            header_row=options.get("header_row"),
            progress=progress,
        ) as table:
            apply_fill_down(table, options, str(path))
            return _ingest_table(project, con, path, sha, source_id, table, mapping, dry_run)


def _ingest_table(project, con, path: Path, sha: str, source_id: str, table: TableReader,
                  mapping: Mapping | None, dry_run: bool) -> IngestReport:
    """Map and write every row of an open table, with its document, in one transaction."""
    used = mapping or interchange_mapping(table.columns, str(path))
    compiled = compile_mapping(used, table.columns, str(path))
    report = IngestReport(
        str(path), sha, source_id, "dry-run" if dry_run else "ingested",
        media_type=table.media_type, parser=table.parser, encoding=table.encoding,
        columns=table.columns,
    )

    def write(con) -> Received:
        writer = _BatchWriter(con, sha, source_id, table, compiled, used.options.get("date_order"))
        if project.encrypted:  # sensitive values sealed before they reach the store
            writer.use_sealer(Sealer.for_document(project, sha, stored=not dry_run))
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
        return Received(
            table.media_type, table.parser, table.encoding, mapping=used.text,
            records=report.records, quarantined=report.quarantined, records_digest=digest,
            sensitive_columns=compiled.sensitive_columns,
            details={
                "mapping_sha256": hashlib.sha256(used.text.encode()).hexdigest() if used.text else None,
                "records": report.records,
                "quarantined": report.quarantined,
                "records_digest": digest,
                **table.details,  # what the reader did beyond reading (merged cells filled)
            },
        )

    store_document(project, con, path, sha, source_id, write, dry_run=dry_run)
    return report


class _BatchWriter:
    """Writes batches of rows with two set-based INSERTs each (records, quarantine)."""

    sealer: Sealer | None = None  # an encrypted project's (see tally.ingest.sealing)

    def __init__(self, con, sha: str, source_id: str, table: TableReader, compiled: CompiledMapping,
                 date_order: str | None = None):
        self.con = con
        self.problems = problems_sql(date_order)  # a declared date order is no problem
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
        self.columns = list(table.columns)
        self.compiled = compiled
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
        if self.sealer is not None:
            self._write_sealed(batch)
            return
        self.con.register("_tally_batch", batch)
        failed = True
        try:
            cols = ", ".join(MAPPED_COLUMNS)
            self.con.execute(
                f"INSERT INTO victim_record (record_id, document_sha256, source_id, row_number, "
                f"line_number, raw, {cols}, problems) "
                f"SELECT ? || '-' || row_number, ?, ?, row_number, line_number, raw, {cols}, "
                f"{self.problems} "
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

    def use_sealer(self, sealer: Sealer) -> None:
        """Seal sensitive values from now on: the mapping's sensitive columns leave
        the raw JSON (their values are selected apart, to be sealed) and the
        sensitive fields it fills are sealed (see :mod:`tally.ingest.sealing`)."""
        self.sealer = sealer
        hidden = {self.columns.index(c) for c in self.compiled.sensitive_columns}
        public = ", ".join(f"?, {'NULL' if i in hidden else f'c{i}'}" for i in range(self.width))
        apart = "".join(f", c{i} AS _s{i}" for i in sorted(hidden))
        self.sealed_sql = (
            self.mapped_sql.replace(" FROM _tally_batch", "")
            + f", json_object({public}) AS _public_raw{apart} FROM _tally_batch")
        self.sealed_params = [*self.mapped_params, *self.columns]
        self.sealed_raw = {f"_s{i}": self.columns[i] for i in sorted(hidden)}
        self.sealed_fields = [c for c in self.sealer.FIELDS if c in self.compiled.expressions]

    def _write_sealed(self, batch: pa.Table) -> None:
        """Map and check the rows in memory, seal their sensitive values, then
        write: DuckDB never holds a sensitive value in the clear."""
        cols = ", ".join(MAPPED_COLUMNS)
        apart = "".join(f", {alias}" for alias in self.sealed_raw)
        self.con.register("_tally_batch", batch)
        try:
            staged = self.con.sql(self.sealer.staged_sql(
                f"SELECT ? || '-' || row_number AS record_id, row_number, line_number, "
                f"CASE WHEN ok THEN CAST(_public_raw AS VARCHAR) END AS raw, "
                f"CASE WHEN NOT ok THEN CAST(raw AS VARCHAR) END AS _full_raw, {cols}, problems, "
                f"ok, column_name, why{apart} FROM (SELECT *, {self.problems} AS problems, "
                f"({self.ok}) AS ok, {self.required_column} AS column_name, {self.why} AS why "
                f"FROM ({self.sealed_sql}))", self.sealed_fields, self.sealed_raw),
                params=[self.sha[:16], *self.sealed_params],
            ).to_arrow_table()
        finally:
            self.con.unregister("_tally_batch")
        token = self.sealer.token_sql("sealed")  # the envelopes' stored text
        self.con.register("_tally_sealed",
                          self.sealer.seal_records(staged, self.sealed_fields))
        failed = True
        try:
            self.con.execute(
                f"INSERT INTO victim_record (record_id, document_sha256, source_id, row_number, "
                f"line_number, raw, {cols}, problems, sealed) "
                f"SELECT record_id, ?, ?, row_number, line_number, raw, {cols}, problems, "
                f"{token} FROM _tally_sealed WHERE ok",
                [self.sha, self.source_id],
            )
            self.con.execute(
                "INSERT INTO quarantine (document_sha256, row_number, line_number, column_name, "
                "problem, raw_text, raw, sealed) SELECT ?, row_number, line_number, column_name, "
                f"why, NULL, NULL, {token} FROM _tally_sealed WHERE NOT ok",
                [self.sha],
            )
            failed = False
        finally:
            if not failed:
                self.con.unregister("_tally_sealed")

    def _write_bad(self, rows: list[Row]) -> None:
        if self.sealer is not None:  # the row's text is every raw value it holds
            self.con.executemany(
                "INSERT INTO quarantine (document_sha256, row_number, line_number, column_name, "
                "problem, raw_text, raw, sealed) VALUES (?, ?, ?, NULL, ?, NULL, NULL, ?)",
                [[self.sha, r.row_number, r.line_number, r.problem,
                  self.sealer.seal_raw_text(r.row_number, r.raw_text)] for r in rows],
            )
            return
        self.con.executemany(
            "INSERT INTO quarantine (document_sha256, row_number, line_number, column_name, "
            "problem, raw_text, raw) VALUES (?, ?, ?, NULL, ?, ?, NULL)",
            [[self.sha, r.row_number, r.line_number, r.problem, r.raw_text] for r in rows],
        )
