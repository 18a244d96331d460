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
    recipient: list[str] = typer.Option(
        None, "--recipient", "-r", metavar="KEY",
        help="Encrypt to this age public key (age1...) or a file of them, instead of a "
             "passphrase; repeat for several. Only a matching identity file restores it."),
) -> None:
    """Write one encrypted archive of the whole project (store, documents, settings, key
    slots, audit head), encrypted to the passphrase of --passphrase-file, or with
    --recipient to age public keys (the maker needs no secret). An encrypted project's
    passphrase must open it, and its data stays encrypted inside as it is.

    Example:

        tally -p syria-coast --passphrase-file backup-pass.txt backup /media/usb/coast.tallybak

        tally -p syria-coast backup coast.tallybak --recipient age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
    """
    from tally.backup import backup_project

    if recipient:
        report = backup_project(open_project(ctx), out_path, None, recipients=recipient)
    else:
        report = backup_project(open_project(ctx), out_path, _passphrase(ctx))
    out.print(f"Wrote {safe(report.path)}: {report.files} files, "
              f"{report.bytes_in / 1e6:.1f} MB of project in {report.bytes_out / 1e6:.1f} MB, "
              "encrypted (restore with `tally restore`)")


def restore(
    ctx: typer.Context,
    archive: Path = typer.Argument(..., help="An archive `tally backup` wrote.", dir_okay=False),
    target: Path = typer.Argument(..., metavar="DIR", help="A new (or empty) folder."),
    identity: Path = typer.Option(
        None, "--identity", "-i", dir_okay=False,
        help="The age identity file (AGE-SECRET-KEY-1...) of an archive made with --recipient."),
) -> None:
    """Rebuild a project from a `tally backup` archive into a new folder; a wrong
    passphrase or identity, or a changed archive, writes nothing.

    Example:

        tally --passphrase-file backup-pass.txt restore /media/usb/coast.tallybak coast-restored

        tally restore coast.tallybak coast-restored --identity ~/keys/coast-age.txt
    """
    from tally.backup import restore_project

    from tally.store.keys import read_passphrase

    # which of the two the archive needs is in its header: restore_project says
    passphrase = None if identity else read_passphrase(ctx.find_root().obj.get("passphrase_file"))
    path = restore_project(archive, target, passphrase, identity=identity)
    out.print(f"Restored the project into {safe(path)} (check it with "
              f"`tally -p {safe(path)} audit verify`)")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
