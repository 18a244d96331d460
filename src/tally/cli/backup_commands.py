"""`tally backup` and `tally restore`: one encrypted archive of a whole project
(see tally.backup). The archive's passphrase comes from --passphrase-file
or TALLY_PASSPHRASE_FILE, never from the command line."""

from __future__ import annotations

from pathlib import Path

import typer

from tally.cli._shared import open_project, out, safe


def _passphrase(ctx: typer.Context) -> bytes:
    from tally.errors import ProjectError
    from tally.store.keys import PASSPHRASE_ENV, read_passphrase

    passphrase = read_passphrase(ctx.find_root().obj.get("passphrase_file"))
    if passphrase is None:
        raise ProjectError("a backup is encrypted to a passphrase: give it with "
                           f"--passphrase-file FILE or {PASSPHRASE_ENV}=FILE")
    return passphrase


def backup(
    ctx: typer.Context,
    out_path: Path = typer.Argument(..., metavar="OUT", help="The archive to write (a new file)."),
) -> None:
    """Write one encrypted archive of the whole project (store, documents, settings, key
    slots, audit head), encrypted to the passphrase of --passphrase-file. An encrypted
    project's passphrase must open it, and its data stays encrypted inside as it is.

    Example:

        tally -p syria-coast --passphrase-file backup-pass.txt backup /media/usb/coast.tallybak
    """
    from tally.backup import backup_project

    report = backup_project(open_project(ctx), out_path, _passphrase(ctx))
    out.print(f"Wrote {safe(report.path)}: {report.files} files, "
              f"{report.bytes_in / 1e6:.1f} MB of project in {report.bytes_out / 1e6:.1f} MB, "
              "encrypted (restore with `tally restore`)")


def restore(
    ctx: typer.Context,
    archive: Path = typer.Argument(..., help="An archive `tally backup` wrote.", dir_okay=False),
    target: Path = typer.Argument(..., metavar="DIR", help="A new (or empty) folder."),
) -> None:
    """Rebuild a project from a `tally backup` archive into a new folder; a wrong
    passphrase or a changed archive writes nothing.

    Example:

        tally --passphrase-file backup-pass.txt restore /media/usb/coast.tallybak coast-restored
    """
    from tally.backup import restore_project

    path = restore_project(archive, target, _passphrase(ctx))
    out.print(f"Restored the project into {safe(path)} (check it with "
              f"`tally -p {safe(path)} audit verify`)")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
