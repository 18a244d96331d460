"""Pieces every command module uses: opening the -p project, simple exports."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

import typer
from rich.console import Console

out = Console(soft_wrap=True)


def open_project(ctx: typer.Context):
    """The project named by the root command's -p/--project (default: the current folder)."""
    from tally.project import Project

    return Project.open(ctx.find_root().obj["project"])


def table_export(noun: str, target: str, doc: str) -> Callable:
    """A command writing one table with ``--format`` and ``--out``.

    ``target`` is "module:function" of a core ``export(project, out, fmt) -> int``,
    imported when the command runs so that start-up stays cheap.
    """

    def command(
        ctx: typer.Context,
        fmt: str = typer.Option("csv", "--format", help="csv, jsonl, parquet or xlsx."),
        out_path: Path = typer.Option(..., "--out", help="File to write."),
    ) -> None:
        module, function = target.split(":")
        n = getattr(importlib.import_module(module), function)(open_project(ctx), out_path, fmt)
        out.print(f"Wrote {n} {noun} to {out_path}")

    command.__doc__ = doc
    return command
