"""`tally export`: every table the store holds, and the public dataset, as files.

The writers are :mod:`tally.report.exports` and :mod:`tally.report.public`;
``--format`` choices come from their ``FORMATS``. Each writer refuses an
``--out`` inside the project's store or objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tally.cli._shared import open_project, out, safe, table_export
from tally.report.exports import formats_help

export_app = typer.Typer(help="Export what the store holds.\n\nExample:\n\n    tally export persons --format csv --out persons.csv", no_args_is_help=True)


@export_app.command("records")
def export_records_cmd(
    ctx: typer.Context,
    fmt: str = typer.Option("csv", "--format", help=formats_help()),
    out_path: Path = typer.Option(..., "--out", help="File to write."),
    raw: bool = typer.Option(False, "--raw", help="Add each record's raw values (JSON)."),
) -> None:
    """Export victim records in the interchange format.

    Example:

        tally export records --format xlsx --out records.xlsx
    """
    from tally.report.exports import export_records
    from tally.store.reads import record_export

    project = open_project(ctx)
    n = export_records(project, out_path, fmt, raw=raw)
    record_export(project, "records", out_path, {"format": fmt, "rows": n, "raw": raw,
                                                 "public": False})
    out.print(f"Wrote {n} records to {safe(out_path)}")


@export_app.command("persons")
def export_persons_cmd(
    ctx: typer.Context,
    fmt: str = typer.Option("csv", "--format", help=formats_help()),
    out_path: Path = typer.Option(..., "--out", help="File to write."),
    public: bool = typer.Option(
        False, "--public", help="The redacted dataset for publication: one row per victim, "
        "no witness, contact, note, raw value or document reference."),
    names: Optional[bool] = typer.Option(
        None, "--names/--no-names", help="With --public: publish victims' names "
        "(default: \\[public] names in tally.toml, else no)."),
    min_cell: Optional[int] = typer.Option(
        None, "--min-cell", help="With --public and names withheld: every published "
        "combination of place, date, sex, age and community is shared by at least this many "
        "victims; place, date and age are generalised as far as each needs, the rest "
        "suppressed (default 5; 0 off)."),
    hxl: bool = typer.Option(False, "--hxl", help="With --public: add a row of HXL hashtags "
                             "under the header (csv or xlsx)."),
) -> None:
    """Export linked persons: one row per record, with its person and link weight.

    Example:

        tally export persons --public --min-cell 5 --out public.csv
    """
    from tally.errors import UsageError
    from tally.report.exports import export_persons
    from tally.report.public import PublicPolicy, export_public
    from tally.store.reads import record_export

    project = open_project(ctx)
    if public:
        policy = PublicPolicy.from_config(project.config, names=names, min_cell=min_cell)
        result = export_public(project, out_path, fmt, policy=policy, hxl=hxl)
        record_export(project, "persons", out_path, {"format": fmt, "rows": result.rows,
                                                     "public": True, "names": policy.names})
        for warning in result.warnings:  # e.g. the persons come from a stale link run
            typer.echo(f"Warning: {warning}", err=True)
        out.print(f"Wrote {safe(result.summary)} to {safe(out_path)}")
        return
    if hxl or names is not None or min_cell is not None:
        raise UsageError("--hxl, --names and --min-cell apply to the public dataset: add --public")
    n = export_persons(project, out_path, fmt)
    record_export(project, "persons", out_path, {"format": fmt, "rows": n, "public": False})
    out.print(f"Wrote {n} person records to {safe(out_path)}")


export_app.command("estimates")(table_export(
    "estimates", "tally.report.exports:export_estimates",
    "Export every estimate: stratum, lists, method, N-hat and interval, data version.\n\nExample:\n\n    tally export estimates --format jsonl --out estimates.jsonl"))
export_app.command("claims")(table_export(
    "claims", "tally.report.exports:export_claims",
    "Export casualty claims extracted from text, with their evidence spans.\n\nExample:\n\n    tally export claims --format csv --out claims.csv"))
export_app.command("incidents")(table_export(
    "incidents", "tally.report.exports:export_incidents",
    "Export the incidents of the latest `tally incidents` run.\n\nExample:\n\n    tally export incidents --format xlsx --out incidents.xlsx"))


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
