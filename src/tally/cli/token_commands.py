"""`tally user token NAME`: a token for the workspace's HTTP API (W2's part of `tally user`)."""

from __future__ import annotations

from typing import Optional

import typer

from tally.cli._shared import open_project, out, safe


def user_token(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user the token acts for (with that user's role)."),
    label: Optional[str] = typer.Option(None, "--label", help="What the token is for."),
) -> None:
    """Make a token for the HTTP API; it is printed once and stored only as a hash.

    Example:

        tally user token rana --label "nightly export"
    """
    from tally.store.api_tokens import create_token

    token = create_token(open_project(ctx), name, label)
    out.print(f"Token for {safe(name)} (shown once; send it as 'Authorization: Bearer TOKEN'):")
    typer.echo(token)


def register(user_app: typer.Typer) -> None:
    user_app.command("token")(user_token)
