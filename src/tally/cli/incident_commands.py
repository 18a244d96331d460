"""Incident commands: group claims and records into incidents, grade attributions."""

from __future__ import annotations


import typer
from rich.table import Table

from tally.cli._shared import echo_json, open_project, out, safe, table_export

incidents_app = typer.Typer(
    help="Group claims and victim records into incidents, with killed ranges and graded perpetrators.\n\nExample:\n\n    tally incidents --limit 50",
    invoke_without_command=True,
)


@incidents_app.callback()
def incidents(
    ctx: typer.Context,
    status: list[str] = typer.Option(
        ["proposed", "accepted", "edited"], "--status",
        help="Review statuses of the claims used (repeat the option for several)."),
    limit: int = typer.Option(20, min=1, help="How many incidents to list (largest first)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Build incidents (replacing the previous run's) and list the largest.

    Example:

        tally incidents --status accepted --status edited --limit 50
    """
    if ctx.invoked_subcommand is not None:
        return
    from tally.incident import IncidentSettings, build_incidents

    report, found = build_incidents(open_project(ctx), IncidentSettings(review_statuses=tuple(status)))
    for warning in report.warnings:  # said before any number: e.g. the link run used is stale
        typer.echo(f"Warning: {warning}", err=True)
    if as_json:
        echo_json({"report": report.__dict__, "incidents": [i.as_dict() for i in found[:limit]]},
                  indent=2, default=str)
        return
    out.print(f"{report.incidents:,} incidents ({report.with_claims:,} with claims) from "
              f"{report.claims_used:,} claims and {report.records_used:,} records; "
              f"{report.claims_skipped:,} claims without a short date window or a place left out; "
              f"{report.decisions_used} merge/split/detach decisions applied; run {report.run_id}")
    if not found:
        return
    table = Table()
    for col in ("incident", "dates", "place", "victims", "killed low/best/high", "documented",
                "perpetrators (grade)"):
        table.add_column(col, overflow="fold")
    for i in found[:limit]:
        dates = str(i.date_start) if i.date_start == i.date_end else f"{i.date_start} – {i.date_end}"
        killed = "/".join("—" if v is None else f"{v:,}" for v in (i.killed_low, i.killed_best, i.killed_high))
        perps = "; ".join(f"{g.perpetrator} ({g.grade.replace('_', ' ')})" for g in i.perpetrators) or "—"
        table.add_row(*(safe(v) for v in (i.incident_id, dates, i.place_id or "—", i.victim_group, killed,
                                          f"{i.documented:,}", perps)))
    out.print(table)


def _pair_decision(ctx: typer.Context, kind: str, member_a: str, member_b: str, by: str,
                   note: str | None, outcome: str) -> None:
    from tally.incident import record_incident_decision

    n = record_incident_decision(open_project(ctx), kind, member_a, member_b, by, note)
    out.print(f"Decision {n}: {safe(member_a)} and {safe(member_b)} {outcome}.")


@incidents_app.command("merge")
def merge(ctx: typer.Context, member_a: str, member_b: str,
          by: str = typer.Option(..., "--by", help="Who decides."),
          note: str = typer.Option(None, "--note")) -> None:
    """Record that two claims/records belong to one incident (binds every later run).

    Example:

        tally incidents merge 559700fdf17bf72b-1 67fd6e1077ab1a2c-1 --by "Rima" --note "same street, same day"
    """
    _pair_decision(ctx, "merge", member_a, member_b, by, note, "are one incident")


@incidents_app.command("split")
def split(ctx: typer.Context, member_a: str, member_b: str,
          by: str = typer.Option(..., "--by", help="Who decides."),
          note: str = typer.Option(None, "--note")) -> None:
    """Record that two claims/records are different incidents (binds every later run).

    Example:

        tally incidents split 559700fdf17bf72b-1 67fd6e1077ab1a2c-1 --by "Rima"
    """
    _pair_decision(ctx, "split", member_a, member_b, by, note, "are separate incidents")


@incidents_app.command("detach")
def detach(ctx: typer.Context, member: str = typer.Argument(..., help="A claim id or record id."),
           by: str = typer.Option(..., "--by", help="Who decides."),
           note: str = typer.Option(None, "--note")) -> None:
    """Move one claim or record (with its person's other records) out of its incident, to stand alone.

    Example:

        tally incidents detach 559700fdf17bf72b-2 --by "Rima"
    """
    from tally.incident import move_member

    (n,) = move_member(open_project(ctx), member, None, by, note)
    out.print(f"Decision {n}: {member} leaves its incident (binds every later run; "
              f"run `tally incidents` to rebuild).")


@incidents_app.command("move")
def move(ctx: typer.Context, member: str = typer.Argument(..., help="A claim id or record id."),
         to: str = typer.Option(..., "--to", help="A claim or record of the incident it belongs to."),
         by: str = typer.Option(..., "--by", help="Who decides."),
         note: str = typer.Option(None, "--note")) -> None:
    """Move one claim or record out of its incident and into the incident of another member.

    Example:

        tally incidents move 559700fdf17bf72b-2 --to 67fd6e1077ab1a2c-1 --by "Rima"
    """
    from tally.incident import move_member

    a, b = move_member(open_project(ctx), member, to, by, note)
    out.print(f"Decisions {a} and {b}: {member} leaves its incident and joins {to}'s "
              f"(binds every later run; run `tally incidents` to rebuild).")


@incidents_app.command("show")
def show(ctx: typer.Context, incident_id: str = typer.Argument(..., help="An incident id from `tally incidents`."),
         as_json: bool = typer.Option(False, "--json")) -> None:
    """List an incident's members (claims and records), to split it by moving members out.

    Example:

        tally incidents show inc-7567c4b784d7
    """
    from tally.incident import incident_members

    rows = incident_members(open_project(ctx), incident_id)
    if as_json:
        echo_json(rows, indent=2, default=str)
        return
    table = Table()
    for col in ("member", "kind", "source", "person", "date", "place", "killed", "evidence / name"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(safe(r[k]) for k in ("member_id", "kind", "source_id", "person_id", "date", "place",
                                             "killed_best", "text")))
    out.print(table)


@incidents_app.command("decisions")
def decisions(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List every merge, split and detach decision, with who made it and when.

    Example:

        tally incidents decisions --json
    """
    from tally.incident import incident_decisions

    rows = incident_decisions(open_project(ctx))
    if as_json:
        echo_json(rows, indent=2, default=str)
        return
    table = Table()
    for col in ("#", "decision", "member", "other member", "by", "at", "note"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(safe(r[k]) for k in ("decision_id", "kind", "member_a", "member_b", "decided_by",
                                             "decided_at", "note")))
    out.print(table)


incidents_app.command("export")(table_export(
    "incidents", "tally.report.exports:export_incidents",
    "Export the incidents of the latest `tally incidents` run.\n\nExample:\n\n    tally incidents export --format csv --out incidents.csv"))


def register(app: typer.Typer) -> None:
    app.add_typer(incidents_app, name="incidents")
