"""Linkage commands: link, review, dedupe, export persons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

out = Console(soft_wrap=True)
err = Console(stderr=True)

review_app = typer.Typer(
    help="Review doubtful pairs; verdicts bind every later `tally link`.",
    invoke_without_command=True,
)


def _project(ctx: typer.Context):
    from tally.project import Project

    return Project.open(ctx.find_root().obj["project"])


def link(
    ctx: typer.Context,
    threshold: Optional[float] = typer.Option(
        None, help="Match probability at which records merge (default 0.7)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Find which records are the same person; store persons and the review queue."""
    from tally.link import LinkSettings, link_project

    settings = LinkSettings() if threshold is None else LinkSettings(match_threshold=threshold)
    threshold = settings.match_threshold
    with err.status("Linking…") as status:
        report = link_project(_project(ctx), settings,
                              progress=lambda m: status.update(f"Linking: {m}"))
    if as_json:
        typer.echo(json.dumps(report.__dict__, indent=2))
        return
    out.print(
        f"Linked {report.records:,} records into {report.persons:,} persons "
        f"({report.pairs_scored:,} pairs scored, {report.pairs_linked:,} above {threshold}); "
        f"{report.pairs_for_review:,} doubtful pairs in the review queue; "
        f"{report.verdicts_used} review verdicts applied; run {report.run_id}"
    )
    for a, b in report.verdict_conflicts:
        err.print(f"Verdict conflict: 'match' on {a} and {b} contradicts a 'no-match' verdict")


@review_app.callback()
def review(
    ctx: typer.Context,
    limit: int = typer.Option(10, help="How many pairs to show."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List doubtful pairs side by side, with each field's agreement and weight."""
    if ctx.invoked_subcommand is not None:
        return
    from tally.link import review_queue

    items = review_queue(_project(ctx), limit=limit)
    if as_json:
        typer.echo(json.dumps([i.__dict__ for i in items], ensure_ascii=False, indent=2,
                              default=str))
        return
    if not items:
        out.print("The review queue is empty.")
        return
    for item in items:
        table = Table(title=f"{item.record_id_l}  vs  {item.record_id_r}   "
                            f"p={item.match_probability:.2f}  weight={item.match_weight:.1f}")
        table.add_column("field")
        table.add_column("left", overflow="fold")
        table.add_column("right", overflow="fold")
        for key in item.left:
            table.add_row(key, str(item.left[key] or ""), str(item.right[key] or ""))
        for name, detail in item.comparison.items():
            table.add_row(f"[dim]{name}[/]", f"[dim]{detail['level']}[/]",
                          f"[dim]{detail['weight']:+.1f}[/]" if detail["weight"] is not None
                          else "")
        out.print(table)
    out.print("Decide with: tally review decide RECORD_A RECORD_B match|no-match|unsure")


@review_app.command("decide")
def review_decide(
    ctx: typer.Context,
    record_a: str = typer.Argument(...),
    record_b: str = typer.Argument(...),
    verdict: str = typer.Argument(..., help="match, no-match or unsure"),
    note: Optional[str] = typer.Option(None, "--note", help="Why (kept with the verdict)."),
) -> None:
    """Record a verdict on a pair of records."""
    from tally.link import record_verdict

    decision = record_verdict(_project(ctx), record_a, record_b, verdict, note)
    out.print(f"Recorded verdict {decision}: {record_a} {verdict} {record_b}. "
              "It applies from the next `tally link`.")


def dedupe(
    records: Path = typer.Argument(..., help="Victim records in the interchange CSV format."),
    out_path: Path = typer.Option(..., "--out", help="Clusters CSV to write."),
    threshold: Optional[float] = typer.Option(
        None, help="Match probability at which records merge (default 0.7)."),
    encoding: Optional[str] = typer.Option(None, "--encoding"),
) -> None:
    """Deduplicate a records file without a project: writes record_id, cluster_id, match_weight."""
    from tally.link import LinkSettings, dedupe_file

    settings = LinkSettings() if threshold is None else LinkSettings(match_threshold=threshold)
    report = dedupe_file(records, out_path, settings, encoding=encoding)
    out.print(f"{report.records:,} records → {report.persons:,} clusters; wrote {out_path}")


def register(app: typer.Typer) -> None:
    app.command("link")(link)
    app.add_typer(review_app, name="review")
    app.command("dedupe")(dedupe)
