"""`tally examples`: the bundled example lists, mappings and articles, to try Tally on."""

from __future__ import annotations

from pathlib import Path

import typer

from tally.cli._shared import out, safe


def examples(
    directory: Path = typer.Argument(Path("examples"), help="Folder to copy them into.",
                                     file_okay=False),
) -> None:
    """Copy the bundled example files (lists, mappings, an article, a web page) into a folder.

    The files the README's first session uses: arabic_list_cp1256.csv with
    arabic_list.toml, english_list_utf16.txt with english_list.toml, morgue_list.xlsx,
    article.txt, page.html and articles.jsonl. Every name in them is invented.
    Nothing is overwritten.

    Example:

        tally examples examples
    """
    from tally.examples import copy_examples

    copies = copy_examples(directory)
    out.print(f"Copied {len(copies)} example files into {safe(directory)}: "
              + ", ".join(safe(c.name) for c in copies))


def register(app: typer.Typer) -> None:
    app.command("examples")(examples)
