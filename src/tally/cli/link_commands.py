"""Linkage commands: link, review, dedupe, export persons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from tally.cli._shared import echo_json, err, open_project, out, safe, stage_progress

review_app = typer.Typer(
    help="Review doubtful pairs; verdicts bind every later `tally link`.\n\nExample:\n\n    tally review --limit 20",
    invoke_without_command=True,
)


def _settings(threshold: float | None):
    """Link settings with the user's --threshold, refused with a message when it is
    outside (0, 1) or below a threshold it must exceed."""
    from tally.errors import UsageError
    from tally.link import LinkSettings

    if threshold is None:
        return LinkSettings()
    if not 0 < threshold < 1:
        raise UsageError(f"--threshold {threshold}: a match probability lies strictly "
                         "between 0 and 1")
    try:
        return LinkSettings(match_threshold=threshold)
    except ValueError as exc:  # the settings' own consistency checks
        raise UsageError(f"--threshold {threshold}: {exc}") from None


def link(
    ctx: typer.Context,
    threshold: Optional[float] = typer.Option(
        None, help="Match probability at which records merge (default 0.5)."),
    engine: str = typer.Option(
        "duckdb", "--engine",
        help="duckdb (default), or spark: train and score on Spark, for lists too large "
             "for one machine (needs pip install 'tally[spark]' and Java 17+)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Find which records are the same person; store persons and the review queue.

    Example:

        tally link --threshold 0.6

        tally link --engine spark
    """
    from tally.errors import UsageError
    from tally.link import link_project

    if engine not in ("duckdb", "spark"):
        raise UsageError(f"--engine {engine}: choose duckdb or spark")
    settings = _settings(threshold)
    threshold = settings.match_threshold
    project = open_project(ctx)
    with stage_progress("Linking") as progress:
        report = link_project(project, settings, progress=progress, engine=engine)
    if as_json:
        typer.echo(json.dumps(report.__dict__, indent=2))
        return
    out.print(
        f"Linked {report.records:,} records into {report.persons:,} persons "
        f"({report.pairs_scored:,} pairs scored, {report.pairs_linked:,} above {threshold}); "
        f"{report.pairs_for_review:,} doubtful pairs in the review queue; "
        f"{report.verdicts_used} review verdicts applied ({report.verdicts_learned} match and "
        f"no-match verdicts trained the model); run {report.run_id}"
    )
    for a, b in report.verdict_conflicts:
        err.print(f"Verdict conflict: 'match' on {a} and {b} contradicts a 'no-match' verdict")
    for warning in report.warnings:
        typer.echo(f"Warning: {warning}", err=True)


@review_app.callback()
def review(
    ctx: typer.Context,
    limit: int = typer.Option(10, min=1, help="How many pairs to show."),
    order: str = typer.Option(
        "information", "--order",
        help="information: the pairs whose verdict would change the most persons first; "
             "doubt: match probability nearest 0.5 first."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List doubtful pairs side by side, with each field's agreement and weight.

    Example:

        tally review --limit 20 --order doubt
    """
    if ctx.invoked_subcommand is not None:
        return
    from tally.link import review_queue
    from tally.link.review import review_queue_size

    project = open_project(ctx)
    items = review_queue(project, limit=limit, order=order)
    if as_json:
        echo_json([i.__dict__ for i in items], indent=2,
                              default=str)
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
            table.add_row(key, safe(item.left[key] or ""), safe(item.right[key] or ""))
        for name, detail in item.comparison.items():
            table.add_row(f"[dim]{name}[/]", f"[dim]{detail['level']}[/]",
                          f"[dim]{detail['weight']:+.1f}[/]" if detail["weight"] is not None
                          else "")
        out.print(table)
    total = review_queue_size(project)
    first = ("the pairs whose verdict would change the most persons first" if order == "information"
             else "most doubtful first (match probability nearest 0.5)")
    out.print(f"Showing {len(items)} of {total} doubtful pairs, {first}; unidentified bodies last"
              + (f"; --limit {total} shows all" if total > len(items) else "") + ".")
    out.print("Decide with: tally review decide RECORD_A RECORD_B match|no-match|unsure")


@review_app.command("decide")
def review_decide(
    ctx: typer.Context,
    record_a: str = typer.Argument(...),
    record_b: str = typer.Argument(...),
    verdict: str = typer.Argument(..., help="match, no-match or unsure"),
    note: Optional[str] = typer.Option(None, "--note", help="Why (kept with the verdict)."),
) -> None:
    """Record a verdict on a pair of records.

    Example:

        tally review decide 1f1a9577a6bbb62f-3 b80c78b9d0461621-1 no-match --note "different fathers"
    """
    from tally.link import record_verdict

    decision = record_verdict(open_project(ctx), record_a, record_b, verdict, note)
    out.print(f"Recorded verdict {decision}: {safe(record_a)} {safe(verdict)} {safe(record_b)}. "
              "It applies from the next `tally link`.")


@review_app.command("claims")
def review_claims(
    ctx: typer.Context,
    limit: int = typer.Option(10, min=1, help="How many claims to show."),
    show_all: bool = typer.Option(False, "--all", help="Also claims already reviewed."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List proposed claims with their evidence sentence, the quoted spans highlighted.

    Example:

        tally review claims --all --limit 20
    """
    from tally.extract.review import claim_queue

    items = claim_queue(open_project(ctx), limit=limit, status=None if show_all else "proposed")
    if as_json:
        echo_json([_claim_json(c) for c in items], indent=2,
                              default=str)
        return
    if not items:
        out.print("No claims to review.")
        return
    for c in items:
        _print_claim(c)
    out.print("Decide with: tally review claim CLAIM_ID accept|reject [--note ...]  or  "
              "tally review claim CLAIM_ID edit --killed-best N [--perpetrator ...]")


def _claim_json(c) -> dict:
    return {"claim_id": c.claim_id, "status": c.status, "values": c.values,
            "evidence_text": c.evidence_text,
            "spans": [{"slot": slot, "start": s, "end": e, "text": c.evidence_text[s:e]}
                      for s, e, slot in c.spans],
            "decisions": c.decisions}


_SPAN_STYLE = {"count": "bold yellow", "perpetrator": "bold red", "place": "cyan",
               "date": "green", "cited_source": "magenta"}


def _print_claim(c) -> None:
    text, pos, marked = c.evidence_text, 0, []
    for s, e, slot in c.spans:
        style = _SPAN_STYLE.get(slot, "bold")
        marked.append(safe(text[pos:s]) + f"[{style}]" + safe(text[s:e]) + f"[/{style}]")
        pos = e
    marked.append(safe(text[pos:]))
    v = c.values
    table = Table(title=safe(f"claim {c.claim_id}   [{c.status}]   {v.get('source_id')}"
                               f"{'  ' + str(v['published']) if v.get('published') else ''}"))
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_row("evidence", "".join(marked))
    for key in ("what", "killed_low", "killed_best", "killed_high", "qualifier", "scope",
                "victim_group", "place", "date_start", "date_end", "perpetrator", "attribution",
                "cited_source"):
        shown = safe(str(v.get(key) if v.get(key) is not None else ""))
        was = c.proposal.get(key)
        if v.get(key) != was:
            shown += f"  [dim](proposed: {safe(str(was))})[/]"
        table.add_row(key, shown)
    for d in c.decisions:
        table.add_row("[dim]decision[/]", safe(
            f"{d['decision_id']} {d['verdict']} by {d['decided_by']} at {d['decided_at']}"
            + (f": {d['note']}" if d["note"] else "")))
    out.print(table)


@review_app.command("claim")
def review_claim(
    ctx: typer.Context,
    claim_id: str = typer.Argument(...),
    verdict: str = typer.Argument(..., help="accept, edit or reject"),
    killed_low: Optional[int] = typer.Option(None, "--killed-low", min=0),
    killed_best: Optional[int] = typer.Option(None, "--killed-best", min=0),
    killed_high: Optional[int] = typer.Option(None, "--killed-high", min=0),
    perpetrator: Optional[str] = typer.Option(None, "--perpetrator"),
    attribution: Optional[str] = typer.Option(
        None, "--attribution", help="asserted, claimed_by_source, alleged, suspected, affiliated, "
                                    "unidentified, contested or unknown"),
    note: Optional[str] = typer.Option(None, "--note", help="Why (kept with the decision)."),
) -> None:
    """Accept, edit or reject a claim; the extractor's proposal is kept unchanged.

    Example:

        tally review claim 559700fdf17bf72b-1 edit --killed-best 8 --note "hospital list"
    """
    from tally.extract.review import record_claim_decision

    values = {"killed_low": killed_low, "killed_best": killed_best, "killed_high": killed_high,
              "perpetrator": perpetrator, "attribution": attribution}
    values = {k: v for k, v in values.items() if v is not None}
    decision = record_claim_decision(open_project(ctx), claim_id, verdict, values or None, note)
    what = f"{verdict} " + ", ".join(f"{k}={v}" for k, v in values.items()) if values else verdict
    out.print(f"Recorded decision {decision} on claim {safe(claim_id)}: {safe(what)}.")


def person(
    ctx: typer.Context,
    person_or_record: str = typer.Argument(..., help="A person id, or the id of one of its records."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show one person: every member record with its source, document, row, and the
    values as mapped and as written.

    Example:

        tally person 1f1a9577a6bbb62f-3
    """
    from dataclasses import asdict

    from tally.link import person_view
    from tally.store.reads import record_read

    project = open_project(ctx)
    view = person_view(project, person_or_record)
    # accounted for before anything is shown (tally.store.reads); sensitive values withheld
    record_read(project, "person", view.person_id,
                {"asked": person_or_record, "records": len(view.members), "sensitive": "withheld",
                 "as": "json" if as_json else "text"})
    if as_json:
        echo_json(asdict(view), indent=2, default=str)
        return
    out.print(f"Person {view.person_id}: {len(view.members)} records (link run {view.run_id})")
    for m in view.members:
        weight = "" if m.match_weight is None else f", strongest link {m.match_weight:+.1f}"
        body = " (unidentified body)" if m.unidentified else ""
        table = Table(title=f"{safe(m.record_id)}{body}: {safe(m.source_id)} "
                            f"({safe(m.source_name or '?')}), "
                            f"{safe(m.document)} {_where_in_file(m)}{weight}", title_justify="left")
        table.add_column("field")
        table.add_column("mapped", overflow="fold")
        table.add_column("as written", overflow="fold")
        for key, value in m.mapped.items():
            table.add_row(safe(key), safe(value), "")
        for key, value in m.raw.items():
            table.add_row(f"[dim]{safe(key)}[/]", "", safe(value))
        out.print(table)


def _where_in_file(m) -> str:
    """A record's place in its file as the user finds it there: the data row (the
    header is row 0) and the line a text editor shows, or the row number a
    spreadsheet shows (which counts the header and any title rows above it)."""
    if m.line_number is None:  # ingested before lines were kept
        return f"row {m.row_number}"
    sheet = m.media_type and ("spreadsheet" in m.media_type or "excel" in m.media_type)
    return f"row {m.row_number} ({'spreadsheet row' if sheet else 'line'} {m.line_number})"


def dedupe(
    records: Path = typer.Argument(..., help="Victim records in the interchange CSV format."),
    out_path: Path = typer.Option(..., "--out", help="Clusters CSV to write."),
    threshold: Optional[float] = typer.Option(
        None, help="Match probability at which records merge (default 0.5)."),
    encoding: Optional[str] = typer.Option(None, "--encoding"),
) -> None:
    """Deduplicate a records file without a project: writes record_id, cluster_id, match_weight.

    Example:

        tally dedupe records.csv --out clusters.csv
    """
    from tally.link import dedupe_file

    settings = _settings(threshold)
    report = dedupe_file(records, out_path, settings, encoding=encoding)
    out.print(f"{report.records:,} records → {report.persons:,} clusters; wrote {safe(out_path)}")


def register(app: typer.Typer) -> None:
    app.command("link")(link)
    app.add_typer(review_app, name="review")
    app.command("dedupe")(dedupe)
    app.command("person")(person)
