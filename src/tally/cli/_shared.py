"""Pieces every command module uses: the consoles, safe display of data, the -p project."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

import typer
from rich.console import Console
from rich.markup import escape

from tally.display import visible_controls

# emoji=False: a name like ":fire:" is shown as written, not as a picture.
out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, emoji=False)


def safe(value: object, markup: bool = True) -> str:
    """Text from a list, an article or a person's note, made safe for the terminal.

    Control characters, escape sequences (``ESC[2J``, OSC 8 links) and bidi
    controls become visible escapes (``\\x1b``, ``\\u202e``); with ``markup``
    (anything printed through Rich, tables included) Rich markup is escaped too,
    so "Ahmad [son of Ali] Hasan" is shown whole and a name holding ``[/]``
    cannot end a style that was never opened. ``markup=False`` for plain
    ``typer.echo`` output. ``None`` is shown as an empty string.
    """
    text = visible_controls("" if value is None else str(value))
    return escape(text) if markup else text


def open_project(ctx: typer.Context):
    """The project named by the root command's -p/--project (default: the current folder)."""
    from tally.project import Project

    return Project.open(ctx.find_root().obj["project"])


def table_export(noun: str, target: str, doc: str) -> Callable:
    """A command writing one table with ``--format`` and ``--out``.

    ``target`` is "module:function" of a core ``export(project, out, fmt) -> int``,
    imported when the command runs so that start-up stays cheap; the formats
    are :data:`tally.report.exports.FORMATS`.
    """
    from tally.report.exports import formats_help

    def command(
        ctx: typer.Context,
        fmt: str = typer.Option("csv", "--format", help=formats_help()),
        out_path: Path = typer.Option(..., "--out", help="File to write."),
    ) -> None:
        module, function = target.split(":")
        n = getattr(importlib.import_module(module), function)(open_project(ctx), out_path, fmt)
        out.print(f"Wrote {n} {noun} to {safe(out_path)}")

    command.__doc__ = doc
    return command
