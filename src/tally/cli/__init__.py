"""The `tally` command line: a thin shell over the core library.

Each module here registers one group of commands and only parses arguments,
calls one core function and prints. Errors deliberately raised by the core
(:class:`tally.errors.TallyError`) become a one-line message on stderr and
exit status 1, and so does a file the user named that the system refuses to
read or write (:class:`OSError`: no such folder, permission denied, disk
full); usage errors exit with status 2 (Click's convention). Anything else is
a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tally.errors import TallyError

app = typer.Typer(
    name="tally",
    help="Tally: casualty recording, linkage and estimation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    project: Optional[Path] = typer.Option(
        None,
        "--project",
        "-p",
        help="Project folder (default: the current folder).",
        file_okay=False,
    ),
    passphrase_file: Optional[Path] = typer.Option(
        None, "--passphrase-file", help="An encrypted project's passphrase, on the first line "
        "of this file (or set TALLY_PASSPHRASE_FILE); never on the command line.",
        dir_okay=False),
) -> None:
    ctx.obj = {"project": project if project is not None else Path.cwd(),
               "passphrase_file": passphrase_file}


def _register_commands() -> None:
    # One module per command group; each exposes register(app).
    from tally.cli import (
        account_commands,
        backup_commands,
        estimate_commands,
        example_commands,
        export_commands,
        extract_commands,
        group_commands,
        incident_commands,
        inspect_commands,
        keys_commands,
        link_commands,
        normalize_commands,
        project_commands,
        report_commands,
        serve_commands,
        simulate_commands,
    )

    for module in (project_commands, example_commands, inspect_commands, export_commands, normalize_commands, link_commands, estimate_commands, extract_commands,
                   simulate_commands, report_commands, incident_commands, serve_commands,
                   keys_commands, backup_commands, group_commands, account_commands):
        module.register(app)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `tally` script; returns the exit status."""
    from tally.display import visible_controls

    try:
        app(args=argv, prog_name="tally")
    except TallyError as exc:
        typer.echo(f"Error: {visible_controls(str(exc))}", err=True)
        return 1
    except OSError as exc:
        typer.echo(f"Error: {visible_controls(_os_message(exc))}", err=True)
        return 1
    except SystemExit as exc:  # Click ends every run through SystemExit
        if exc.code is None:
            return 0
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _os_message(exc: OSError) -> str:
    """"PATH: reason" for a refused file operation, without Python's [Errno n] prefix."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason
    target = f"{exc.filename} → {exc.filename2}" if exc.filename2 else str(exc.filename)
    return f"{target}: {reason}"
