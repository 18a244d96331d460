"""`tally normalize`: check by hand what the pipeline would store for one value.

    tally normalize name "محمد عبد الله الأحمد" --json
    tally normalize date "early March 2025" --reference 2025-04-01
    tally normalize place "Jebleh" --json

Each subcommand parses its options, calls one function of
:mod:`tally.normalize` and prints the result (``--json``: the result's
``to_dict()``, UTF-8, one object). ``tally normalize`` without a subcommand is
recomputes a project's normalized fields (``tally -p DIR normalize``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from tally.cli._shared import echo_json, safe

normalize_app = typer.Typer(
    help="Normalize one name, date or place (or, without a subcommand, a project's records).\n\nExample:\n\n    tally normalize name Mhd --json   or   tally -p syria-coast normalize",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _print(data: dict, as_json: bool, lines: list[str]) -> None:
    if as_json:
        echo_json(data, sort_keys=False)
    else:
        for line in lines:
            typer.echo(safe(line, markup=False))


def _recompute_project(ctx: typer.Context) -> None:
    """Recompute the normalized fields of every record in the project (``-p DIR``).

    Raw values are never changed; ``record_norm`` is replaced wholesale (see
    :func:`tally.normalize.project.renormalize_project`). Outside a project
    folder this is a usage error: the subcommands are what was meant.
    """
    root = Path((ctx.obj or {}).get("project") or Path.cwd())
    if not (root / "tally.toml").exists():
        typer.echo(
            "Usage: tally normalize name|date|place TEXT [--json]\n"
            "   or: tally -p PROJECT normalize   (recompute a project's normalized fields)\n"
            f"{root} is not a Tally project folder.",
            err=True,
        )
        raise typer.Exit(code=2)
    from tally.normalize.project import renormalize_project
    from tally.project import Project

    n = renormalize_project(Project.open(root), progress=lambda msg: typer.echo(f"normalizing {msg}", err=True))
    typer.echo(f"Normalized {n} records.")


@normalize_app.callback()
def _normalize(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        _recompute_project(ctx)


@normalize_app.command("name")
def name_cmd(
    text: str = typer.Argument(..., help="A full name in Arabic script or Latin letters."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Split a full name into parts and print each unit's cross-script key.

    Example:

        tally normalize name "محمد عبد الله الأحمد" --json
    """
    from tally.normalize.names import normalize_name

    r = normalize_name(text)
    lines = [f"script: {r.script}"]
    for part, value in r.parts.items():
        if value:
            lines.append(f"{part}: {value}  [{r.part_keys.get(part) or '-'}]")
    lines.append("keys: " + " ".join(r.keys))
    lines.append("names: " + " ".join(n or "?" for n in r.names))
    for p in r.problems:
        lines.append(f"problem: {p}")
    _print(r.to_dict(), as_json, lines)


@normalize_app.command("date")
def date_cmd(
    text: str = typer.Argument(..., help="A date as written: 2025-03-06, ٦ آذار ٢٠٢٥, early March 2025 ..."),
    reference: Optional[str] = typer.Option(
        None, "--reference", help="Date (YYYY-MM-DD) that relative phrases and year-less dates refer to."
    ),
    order: Optional[str] = typer.Option(None, "--order", help="How numeric dates are written: dmy, mdy or ymd."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Read a date into start, end and precision.

    Example:

        tally normalize date "early March 2025" --reference 2025-04-01
    """
    from tally.normalize.dates import parse_date

    if order is not None and order not in ("dmy", "mdy", "ymd"):
        raise typer.BadParameter("must be dmy, mdy or ymd", param_hint="--order")
    ref = None
    if reference:
        try:
            ref = date.fromisoformat(reference)
        except ValueError:
            raise typer.BadParameter("must be YYYY-MM-DD", param_hint="--reference") from None
    r = parse_date(text, reference=ref, order=order)
    lines = [f"start: {r.start}", f"end: {r.end}", f"precision: {r.precision}"]
    if r.problem:
        lines.append(f"problem: {r.problem}")
    _print(r.to_dict(), as_json, lines)


@normalize_app.command("place")
def place_cmd(
    text: str = typer.Argument(..., help="A place in Syria as written, in Arabic or Latin letters."),
    governorate: Optional[str] = typer.Option(None, "--governorate", help="Governorate hint (name or p-code)."),
    district: Optional[str] = typer.Option(None, "--district", help="District hint (name or p-code)."),
    level: Optional[int] = typer.Option(
        None, "--level", min=1, max=5, help="Ask for a unit of this admin level (1 governorate, 2 district ...)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Resolve a place to a gazetteer unit (p-code where one exists).

    Example:

        tally normalize place Jebleh --json
    """
    from tally.normalize.places import resolve_place

    m = resolve_place(text, governorate=governorate, district=district, level=level)
    if m is None:
        data = {"id": None, "name_en": None, "name_ar": None, "admin_level": None, "ambiguous": False,
                "problems": [f"no known place in: {text}"]}
        _print(data, as_json, [f"no known place in: {text}"])
        return
    lines = [
        f"id: {m.id}",
        f"name: {m.name_en} / {m.name_ar}",
        f"admin level: {m.admin_level} ({m.kind})",
        f"in: {', '.join(x for x in (m.district, m.governorate) if x)}",
        f"coordinates: {m.lat}, {m.lon}",
    ]
    if m.ambiguous:
        lines.append("ambiguous: " + ", ".join(m.candidates))
    if m.qualifier:
        lines.append(f"qualifier: {m.qualifier}")
    for p in m.problems:
        lines.append(f"problem: {p}")
    _print(m.to_dict(), as_json, lines)


def register(app: typer.Typer) -> None:
    app.add_typer(normalize_app, name="normalize")
