"""Commands of this stage are registered here (filled in by its issue)."""

import typer


def register(app: typer.Typer) -> None:
    return None
