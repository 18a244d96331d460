"""Pieces every command module uses: the consoles, safe display of data, the -p project."""

from __future__ import annotations

import importlib
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import typer
from rich.console import Console
from rich.markup import escape

from tally.display import json_safe, visible_controls

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


@contextmanager
def stage_progress(what: str) -> Iterator[Callable[[str], None]]:
    """A callback for a long stage's progress messages.

    On a terminal, a spinner naming the current step. Anywhere else (a pipe, a
    job's log file, a scheduler) a spinner prints nothing, and an hour-long run
    would look hung: there, one plain line per step goes to stderr with the
    seconds since the start, and a last line with the total.
    """
    start = time.monotonic()
    if err.is_terminal:
        with err.status(f"{what}…") as status:
            yield lambda message: status.update(f"{what}: {message}")
        return

    def line(message: str) -> None:
        print(f"{what}: {visible_controls(message)} (at {time.monotonic() - start:.1f} s)",
              file=sys.stderr, flush=True)

    yield line
    print(f"{what}: done in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)


def echo_json(data: object, **options) -> None:
    """Print ``data`` as JSON (UTF-8 text, ``json.dumps`` options as given), with the
    characters a terminal would act on written as escapes: the same JSON once parsed."""
    import json

    typer.echo(json_safe(json.dumps(data, ensure_ascii=False, **options)))


def open_project(ctx: typer.Context):
    """The project named by the root command's -p/--project (default: the current folder),
    with the passphrase of --passphrase-file (else TALLY_PASSPHRASE_FILE's) for an encrypted one."""
    from tally.project import Project
    from tally.store.keys import read_passphrase

    obj = ctx.find_root().obj
    return Project.open(obj["project"], passphrase=read_passphrase(obj.get("passphrase_file")))


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
        from tally.store.reads import record_export

        module, function = target.split(":")
        project = open_project(ctx)
        n = getattr(importlib.import_module(module), function)(project, out_path, fmt)
        record_export(project, noun, out_path, {"format": fmt, "rows": n, "public": False})
        out.print(f"Wrote {n} {noun} to {safe(out_path)}")

    command.__doc__ = doc
    return command
