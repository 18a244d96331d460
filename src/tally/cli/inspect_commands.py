"""`tally quarantine` and `tally problems`: what ingest set aside or flagged, and why."""

from __future__ import annotations

from dataclasses import asdict
from typing import Optional

import typer
from rich.table import Table

from tally.cli._shared import echo_json, open_project, out, safe

_DOCUMENT = typer.Option(
    None, "--document", "-d",
    help="Only this document: its file name or the start of its sha256 (see `tally status`).")


def quarantine(
    ctx: typer.Context,
    document: Optional[str] = _DOCUMENT,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the rows ingest could not turn into records, with the problem and the row as read.

    Each row names its file, its data row (the header is row 0) and the line of the file
    (a spreadsheet's row number) where it starts, so that it can be found and fixed at
    the source; nothing in the quarantine is ever dropped.

    Example:

        tally quarantine --document arabic_list_cp1256.csv
    """
    from tally.ingest.inspect import quarantined_rows
    from tally.store.reads import record_read

    project = open_project(ctx)
    rows = quarantined_rows(project, document)
    if rows:  # rows as read can hold anything a list holds: accounted for before shown
        record_read(project, "quarantine", document,
                    {"rows": len(rows), "as": "json" if as_json else "text"})
    if as_json:
        echo_json([asdict(r) for r in rows], indent=2)
        return
    if not rows:
        out.print("No quarantined rows.")
        return
    table = Table(title=f"{len(rows)} quarantined rows", title_justify="left")
    for header in ("file", "row", "line", "column", "problem", "as read"):
        table.add_column(header, overflow="fold")
    for r in rows:
        table.add_row(safe(r.file), str(r.row), "" if r.line is None else str(r.line),
                      safe(r.column), safe(r.problem), safe(r.raw))
    out.print(table)


def problems(
    ctx: typer.Context,
    document: Optional[str] = _DOCUMENT,
    examples: int = typer.Option(3, min=0, help="How many records to name per problem."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the problems noted on records, grouped by problem, most frequent first.

    A record keeps every value as written; where one looked wrong (ingest: a date in no
    known shape, an age that is no number) or could not be read (normalize: a place not
    in the gazetteer), the record carries a note. Each group shows how many records
    carry it and the first few, by file and data row.

    Example:

        tally problems --examples 5
    """
    from tally.ingest.inspect import record_problems

    groups = record_problems(open_project(ctx), document, examples=examples)
    if as_json:
        echo_json([asdict(g) for g in groups], indent=2)
        return
    if not groups:
        out.print("No record has a problem noted.")
        return
    table = Table(title=f"{len(groups)} problems", title_justify="left")
    for header in ("records", "stage", "problem", "for example"):
        table.add_column(header, overflow="fold")
    for g in groups:
        shown = "; ".join(f"{e['record_id']} ({e['file']} row {e['row']})" for e in g.examples)
        table.add_row(f"{g.records:,}", g.stage, safe(g.problem), safe(shown))
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("quarantine")(quarantine)
    app.command("problems")(problems)
