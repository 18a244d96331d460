"""`tally serve` (the team workspace) and `tally user add` (its accounts)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer

from tally.cli._shared import open_project, out, safe
from tally.errors import UsageError

user_app = typer.Typer(help="Accounts of the team workspace (tally serve).\n\nExample:\n\n"
                            "    tally user add rana --role admin", no_args_is_help=True)


def _password(password_file: Optional[Path]) -> str:
    if password_file is not None:
        lines = password_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Again", hide_input=True) != first:
        raise UsageError("the two passwords differ")
    return first


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The name to sign in with."),
    role: str = typer.Option(..., "--role",
                             help="admin, analyst, reviewer, documenter or viewer."),
    password_file: Optional[Path] = typer.Option(
        None, "--password-file", dir_okay=False,
        help="Read the password from the first line of this file (else it is asked for)."),
    language: Optional[str] = typer.Option(None, "--language", help="ar or en: the pages' language."),
) -> None:
    """Add a workspace account with a role; the password is kept as an Argon2id hash.

    Example:

        tally user add rana --role admin
    """
    from tally.store.accounts import add_user

    project = open_project(ctx)
    user = add_user(project, name, role, _password(password_file), language=language)
    out.print(f"Added {safe(user.name)} ({user.role}) to {safe(project.name)}.")


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies",
        help="Send cookies over HTTPS only (when a TLS proxy stands in front)."),
) -> None:
    """Serve the project to a team: the workspace in a browser. This process owns the
    store while it runs; other tally commands on the project are refused meanwhile.

    Example:

        tally serve --port 8000
    """
    import uvicorn

    from tally.project import SERVE_NAME
    from tally.web import create_app

    project = open_project(ctx)
    app = create_app(project, secure_cookies=secure_cookies)
    url = f"http://{host}:{port}"
    info = project.root / SERVE_NAME
    fd = os.open(info, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "pid": os.getpid()}, handle)
    out.print(f"Serving {safe(project.name)} at {url} (stop with Ctrl-C)")
    try:
        # idle connections kept longer than clients keep theirs (httpx, browsers: 5-60 s):
        # with uvicorn's 5 s a client reusing a connection the server was closing saw
        # a dropped request (ReadError under load, benchmarks/web_load.py)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                    timeout_keep_alive=75)
    finally:
        info.unlink(missing_ok=True)


def register(app: typer.Typer) -> None:
    from tally.cli import token_commands

    app.command("serve")(serve)
    token_commands.register(user_app)  # tally user token (W2: the HTTP API's tokens)
    app.add_typer(user_app, name="user")
