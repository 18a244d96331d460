"""`tally encrypt`: encrypt an existing plain project in place, crash-safe
(see tally.ingest.encrypting)."""

from __future__ import annotations

import typer

from tally.cli._shared import out, safe


def encrypt(ctx: typer.Context) -> None:
    """Encrypt this (plain) project: a new data key wrapped by the passphrase of
    --passphrase-file and a recovery key (shown once); every document and sensitive
    value sealed; the store rebuilt (not updated in place), so no value in the clear
    survives in its free space. Killed at any point, the project is the plain or the
    encrypted one; run it again to remove what an interrupted run left beside it.

    Example:

        tally -p syria-coast --passphrase-file ~/pass.txt encrypt
    """
    from tally.errors import ProjectError
    from tally.ingest.encrypting import encrypt_project
    from tally.store.keys import PASSPHRASE_ENV, read_passphrase

    obj = ctx.find_root().obj
    passphrase = read_passphrase(obj.get("passphrase_file"))
    if passphrase is None:
        raise ProjectError("encrypting needs the new passphrase: --passphrase-file FILE or "
                           f"{PASSPHRASE_ENV}=FILE")
    report = encrypt_project(obj["project"], passphrase)
    if report.leftovers_removed:
        out.print(f"Removed {report.leftovers_removed} folder(s) an interrupted `tally encrypt` "
                  "left beside the project")
    if report.recovery_key is None:
        out.print("The project is encrypted already")
        return
    out.print(f"Encrypted {report.records} records and {report.objects} documents; the old "
              "plain files were overwritten and removed")
    for name in report.copied_as_is:
        out.print(f"note: {safe(name)} in the project folder is not Tally's: copied as it is, "
                  "NOT encrypted")
    out.print("Recovery key (shown only this once: write it down and keep it away from this "
              f"computer; it opens the project if every passphrase is lost):\n\n    "
              f"{report.recovery_key}\n")


def register(app: typer.Typer) -> None:
    app.command("encrypt")(encrypt)
