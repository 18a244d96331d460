"""`tally user reset-totp NAME`: turn off a workspace user's second factor (P2's part
of `tally user`; the accounts are tally.store.accounts)."""

from __future__ import annotations

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


def register(app: typer.Typer) -> None:
    from tally.cli.serve_commands import user_app

    user_app.command("reset-totp")(user_reset_totp)
