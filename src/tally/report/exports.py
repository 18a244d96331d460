"""Exports of what the store holds, in the interchange formats: every table
file Tally writes goes through :func:`write_rows` (formats) and
:func:`export_query` (one query to one file).

Records are written in the victim record interchange format (DESIGN.md):
``record_id`` is Tally's id of the record and ``source`` the id of the source
that supplied it; the source's own identifier, the document and the row
follow as extra columns so every exported row traces back to its bytes.

Formats: CSV, JSON lines, Parquet and XLSX (one sheet, a header row, dates as
dates). Text that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) never runs: in CSV it is prefixed
with an apostrophe; in XLSX it is written as a text cell marked "quote prefix"
(what Excel stores when a person types ``'=...``), so the cell shows and reads
back exactly as stored and stays text when edited.

The public dataset (one row per victim, its disclosure policy) is
:mod:`tally.report.public`. To add a format: a name in ``FORMATS`` and its
writer in :func:`write_rows`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from tally.errors import UsageError
from tally.model import RECORD_FIELDS

if TYPE_CHECKING:  # the CLI reads FORMATS at start-up: no store imports here
    from tally.project import Project

#: Every format a table can be exported in (the CLI's ``--format`` choices).
FORMATS = ("csv", "jsonl", "parquet", "xlsx")

_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


def _without(exclude_sources, column: str = "source_id") -> str:
    """SQL: the rows not from ``exclude_sources`` (sources restricted to access groups
    the person exporting is not in: tally.store.access), or TRUE."""
    values = sorted(exclude_sources or ())
    if not values:
        return "TRUE"
    return f"{column} NOT IN ({', '.join(sql_string(v) for v in values)})"


def records_query(raw: bool = False, exclude_sources=()) -> str:
    columns = ["record_id", "source_id AS source"]
    columns += [f for f in RECORD_FIELDS if f not in ("record_id", "source")]
    columns += ["source_record_id", "document_sha256 AS document", "row_number"]
    if raw:
        columns.append("CAST(raw AS VARCHAR) AS raw")
    return (
        f"SELECT {', '.join(columns)} FROM victim_record WHERE {_without(exclude_sources)} "
        "ORDER BY source_id, document_sha256, row_number"
    )


def persons_query(exclude_sources=()) -> str:
    """One row per record of each person: who, from which source, how strongly linked."""
    return f"""
        SELECT p.person_id, v.record_id, v.source_id AS source, v.name, v.sex, v.age,
               v.date_of_death, v.place, v.governorate, v.status,
               p.match_weight, count(*) OVER (PARTITION BY p.person_id) AS records_in_person,
               p.run_id
        FROM person_record p JOIN victim_record v USING (record_id)
        WHERE {_without(exclude_sources, "v.source_id")}
        ORDER BY p.person_id, v.source_id, v.record_id"""


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def formats_help() -> str:
    """``csv, jsonl, parquet or xlsx.``: the formats as a sentence for ``--format``."""
    return f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}."


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")


def prepare_output(project: Project, out: str | os.PathLike, fmt: str) -> Path:
    """The checked output path: a known format, never inside the project's
    store or objects (:func:`tally.store.layout.check_output_path`), its
    folder made."""
    from tally.store.layout import check_output_path

    check_format(fmt)
    out = check_output_path(out, project.root)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def export_query(project: Project, query: str, out: str | os.PathLike, fmt: str = "csv",
                 empty_message: str | None = None) -> int:
    """Write the rows of ``query`` (SQL over the store) to ``out`` in ``fmt``;
    return how many. With ``empty_message``, no rows is refused with it.

    The one path of every table export: a stage's own export (incidents, ...)
    gives its query here."""
    out = prepare_output(project, out, fmt)
    with project.connect() as con:
        n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
        if n == 0 and empty_message:
            raise UsageError(empty_message)
        write_rows(con, query, out, fmt, sheet=out.stem)
    return n


def write_rows(con, query: str, out: Path, fmt: str, sheet: str = "data",
               extra_header: list[str] | None = None) -> None:
    """Write the rows of ``query`` to ``out`` in ``fmt`` (formula cells neutralised)."""
    if fmt == "xlsx":
        write_xlsx(con, query, out, sheet=sheet, extra_header=extra_header)
        return
    if fmt == "csv":
        query = csv_safe_query(con, query)
    con.execute(f"COPY ({query}) TO {sql_string(str(out))} ({_COPY_OPTIONS[fmt]})")


def export_persons(project: Project, out: str | os.PathLike, fmt: str = "csv",
                   exclude_sources=()) -> int:
    """Write every linked record with its person (but those of ``exclude_sources``);
    return how many rows were written."""
    return export_query(project, persons_query(exclude_sources), out, fmt,
                        "no persons yet: run `tally link` first")


def export_estimates(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write every estimate made in the project (each with its lists, settings and data)."""
    query = """
        SELECT estimate_run, stratum, made_at, made_by, method, model, lists, n_observed,
               n_hat, lower, upper, reliable, warnings, refused, settings, capture_table,
               data_version, link_run
        FROM estimate ORDER BY made_at, estimate_run, stratum"""
    return export_query(project, query, out, fmt, "no estimates yet: run `tally estimate` first")


def export_claims(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write every casualty claim extracted from text, with its evidence span (reviewed values where reviewed)."""
    from tally.extract.review import reviewed_claims_sql

    with project.connect(read_only=True) as con:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'claim' "
            "ORDER BY ordinal_position").fetchall()]
        source = reviewed_claims_sql(con) if cols else ""
    if not cols:
        raise UsageError("this project has no claims table: upgrade Tally")
    keep = ", ".join(quote_ident(c) for c in cols if c != "proposal")
    # reviewed claims carry their reviewed values and status (the proposal is kept in the store)
    return export_query(project, f"SELECT {keep} FROM ({source}) ORDER BY claim_id", out, fmt,
                        "no claims yet: extract articles first")


def export_records(
    project: Project, out: str | os.PathLike, fmt: str = "csv", raw: bool = False,
    exclude_sources=(),
) -> int:
    """Write every victim record (but those of ``exclude_sources``) to ``out``; return
    how many were written."""
    return export_query(project, records_query(raw, exclude_sources), out, fmt)


#: The stored incidents with their graded perpetrators, strongest first.
INCIDENTS_QUERY = """
    SELECT i.incident_id, i.date_start, i.date_end, i.place_id, i.district_id, i.governorate_id,
           i.victim_group, i.killed_low, i.killed_best, i.killed_high, i.documented, i.claims, i.records,
           (SELECT string_agg(p.perpetrator || ' (' || p.grade || ', ' || p.origins || ' origins)', '; '
                              ORDER BY p.origins DESC, p.perpetrator_key)
              FROM incident_perpetrator p WHERE p.incident_id = i.incident_id) AS perpetrators,
           i.run_id
    FROM incident i ORDER BY i.killed_best DESC NULLS LAST, i.date_start, i.incident_id"""


def export_incidents(project: Project, out: str | os.PathLike, fmt: str = "csv") -> int:
    """Write the incidents of the latest `tally incidents` run with their graded perpetrators."""
    return export_query(project, INCIDENTS_QUERY, out, fmt,
                        "no incidents yet: run `tally incidents` first")


# --------------------------------------------------------------------------- XLSX

#: Rows and characters per cell that Excel can hold.
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CELL = 32_767
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(ws, value, row: int, column: str):
    """One value as openpyxl should write it: text stays text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Excel has no time zones: write UTC
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, (list, tuple)):
        value = ";".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    else:
        value = str(value)
    if len(value) > XLSX_MAX_CELL:
        raise UsageError(f"row {row}, column {column!r}: {len(value):,} characters do not fit "
                         f"in a spreadsheet cell ({XLSX_MAX_CELL:,}); export as csv or parquet")
    # control characters cannot be stored in the XML of a sheet: shown as U+FFFD
    value = _ILLEGAL_XML.sub("\ufffd", value)
    if value.startswith(FORMULA_PREFIXES):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"       # openpyxl would store '=...' as a formula
        cell.quotePrefix = True    # and Excel keeps it text when someone edits the cell
        return cell
    return value


def write_xlsx(con, query: str, out: str | os.PathLike, sheet: str = "data",
               extra_header: list[str] | None = None) -> int:
    """Write the rows of ``query`` as one XLSX sheet; return how many rows were written.

    ``extra_header`` is a second row written under the column names (HXL hashtags).
    """
    from openpyxl import Workbook

    out = Path(out)
    n = int(con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0])
    header_rows = 2 if extra_header else 1
    if n + header_rows > XLSX_MAX_ROWS:
        raise UsageError(f"{n:,} rows do not fit in one spreadsheet sheet "
                         f"({XLSX_MAX_ROWS - header_rows:,} at most): export as csv or parquet")
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", "_", sheet)[:31] or "data")
    ws.append([_xlsx_value(ws, c, 1, c) for c in names])
    if extra_header:
        ws.append([_xlsx_value(ws, c, 2, c) for c in extra_header])
    row = header_rows
    tmp = out.with_name(out.name + ".tmp")
    try:
        while batch := cur.fetchmany(10_000):
            for values in batch:
                row += 1
                ws.append([_xlsx_value(ws, v, row, names[i]) for i, v in enumerate(values)])
    except BaseException:
        with contextlib.suppress(Exception):  # close openpyxl's streams; nothing is kept
            wb.save(tmp)
        tmp.unlink(missing_ok=True)
        raise
    wb.save(tmp)
    tmp.replace(out)
    return n


# --------------------------------------------------------------------------- CSV safety

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """``=HYPERLINK(...)`` → ``'=HYPERLINK(...)``: shown as text, never run."""
    return "'" + text if text and text.startswith(FORMULA_PREFIXES) else text


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def csv_safe_query(con, query: str) -> str:
    """Wrap ``query`` so every text column is neutralised (lists become ``a;b`` text)."""
    cols = con.execute(f"DESCRIBE ({query})").fetchall()
    prefixes = ", ".join(sql_string(p) for p in FORMULA_PREFIXES)
    exprs = []
    for name, ctype, *_ in cols:
        q = quote_ident(name)
        if ctype.endswith("[]"):
            q = f"array_to_string({q}, ';')"
        elif ctype != "VARCHAR":
            exprs.append(q)
            continue
        exprs.append(f"CASE WHEN left({q}, 1) IN ({prefixes}) THEN chr(39) || {q} ELSE {q} END "
                     f"AS {quote_ident(name)}")
    return f"SELECT {', '.join(exprs)} FROM ({query})"
