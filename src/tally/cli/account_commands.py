"""`tally user reset-totp NAME` (turn off a workspace user's second factor),
`tally user disable|enable NAME` and `tally user password NAME` (an admin's reset):
the parts of `tally user` that change an existing account (tally.store.accounts)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tally.cli._shared import open_project, out, safe


def user_reset_totp(ctx: typer.Context,
                    name: str = typer.Argument(..., help="The user who lost their authenticator "
                                               "and recovery codes.")) -> None:
    """Turn off a user's second factor (TOTP) and end their sessions; they set it up
    again at their next sign-in. Check who is asking before you do this.

    Example:

        tally user reset-totp rana
    """
    from tally.store.accounts import reset_totp

    reset_totp(open_project(ctx), name)
    out.print(f"The second factor of {safe(name)} is off; their sessions have ended")


def user_disable(ctx: typer.Context,
                 name: str = typer.Argument(..., help="The user who must no longer sign in.")
                 ) -> None:
    """Disable an account: its sessions end at once and its API tokens are revoked.
    The last enabled admin cannot be disabled.

    Example:

        tally user disable rana
    """
    from tally.store.accounts import disable_user

    disable_user(open_project(ctx), name)
    out.print(f"{safe(name)} is disabled: their sessions have ended and their API tokens "
              "are revoked")


def user_enable(ctx: typer.Context,
                name: str = typer.Argument(..., help="A disabled user to let sign in again.")
                ) -> None:
    """Enable a disabled account again (its old API tokens stay revoked).

    Example:

        tally user enable rana
    """
    from tally.store.accounts import enable_user

    enable_user(open_project(ctx), name)
    out.print(f"{safe(name)} can sign in again")


def user_password(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user whose password is reset."),
    password_file: Optional[Path] = typer.Option(
        None, "--password-file", dir_okay=False,
        help="Read the new password from the first line of this file (else it is asked "
             "for twice)."),
) -> None:
    """Set a new password for a user (an admin's reset: a forgotten or leaked one);
    all their sessions end. The same rules as `tally user add`.

    Example:

        tally user password rana
    """
    from tally.cli.serve_commands import _password
    from tally.store.accounts import set_password

    set_password(open_project(ctx), name, _password(password_file))
    out.print(f"The password of {safe(name)} is changed; their sessions have ended")


def register(app: typer.Typer) -> None:
    from tally.cli.serve_commands import user_app

    user_app.command("reset-totp")(user_reset_totp)
    user_app.command("disable")(user_disable)
    user_app.command("enable")(user_enable)
    user_app.command("password")(user_password)
