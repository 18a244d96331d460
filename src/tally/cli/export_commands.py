"""`tally export`: every table the store holds, and the public dataset, as files.

The writers are :mod:`tally.report.exports` and :mod:`tally.report.public`;
``--format`` choices come from their ``FORMATS``. Each writer refuses an
``--out`` inside the project's store or objects.

Export control (issue 19 item 7): the operating-system user who runs these
commands holds the project folder (and, in an encrypted project, its key), so a
full export here is the operator's own act, not a request: nobody could stop it
by refusing. It is accounted for instead — a ``read.export`` event in the chain
(who, when, which table, file name, rows) — and ``--to age1...`` encrypts the file
to its recipient. In the workspace, a full export needs another admin's approval
(tally.store.export_requests). The public dataset, here as there, leaves out
records whose witness did not consent to publication.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Iterator, Optional

import typer

from tally.cli._shared import open_project, out, safe, table_export
from tally.report.exports import formats_help

_TO_HELP = ("Encrypt the file to this age public key (age1..., or a file of them): only "
            "the recipient's identity opens it (age -d -i KEY). --out is then the encrypted file.")


@contextlib.contextmanager
def _maybe_to(out_path: Path, recipient: Optional[str]) -> Iterator[Path]:
    """Where the writer writes: ``out_path``, or with a recipient a file in a private
    temporary folder, encrypted to ``out_path`` afterwards and then removed."""
    if not recipient:
        yield out_path
        return
    from tally.store.recipients import encrypt_file_to, parse_recipients

    parse_recipients(recipient)  # a wrong key is refused before anything is written
    folder = Path(tempfile.mkdtemp(prefix="tally-export-"))
    try:
        plain = folder / (out_path.name.removesuffix(".age") or "export")
        yield plain
        encrypt_file_to(plain, out_path, recipient)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


export_app = typer.Typer(help="Export what the store holds.\n\nExample:\n\n    tally export persons --format csv --out persons.csv", no_args_is_help=True)


@export_app.command("records")
def export_records_cmd(
    ctx: typer.Context,
    fmt: str = typer.Option("csv", "--format", help=formats_help()),
    out_path: Path = typer.Option(..., "--out", help="File to write."),
    raw: bool = typer.Option(False, "--raw", help="Add each record's raw values (JSON)."),
    to: Optional[str] = typer.Option(None, "--to", help=_TO_HELP),
) -> None:
    """Export victim records in the interchange format (a full export: every field;
    the operator's own act, recorded in the audit chain).

    Example:

        tally export records --format xlsx --out records.xlsx --to age1qetj2uylnn3tcx0qw99jdf4308t8eqswvu7sny74j3fap5j5qqps73rxzc
    """
    from tally.report.exports import export_records
    from tally.store.reads import record_export

    project = open_project(ctx)
    with _maybe_to(out_path, to) as target:
        n = export_records(project, target, fmt, raw=raw)
    record_export(project, "records", out_path, {"format": fmt, "rows": n, "raw": raw,
                                                 "public": False, "to_recipient": bool(to)})
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
    to: Optional[str] = typer.Option(None, "--to", help=_TO_HELP + " Not with --public."),
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
    if public and to:
        raise UsageError("--to encrypts a full export; the public dataset is for publication")
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
    with _maybe_to(out_path, to) as target:
        n = export_persons(project, target, fmt)
    record_export(project, "persons", out_path, {"format": fmt, "rows": n, "public": False,
                                                 "to_recipient": bool(to)})
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
