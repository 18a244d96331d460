"""Project commands: init, source, ingest, status, audit, demo (export: export_commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from tally.cli._shared import echo_json, err, open_project, out, safe, table_export
from tally.model import RELIABILITY_GRADES, SOURCE_KINDS

source_app = typer.Typer(help="Register and list sources.\n\nExample:\n\n    tally source list", no_args_is_help=True)
audit_app = typer.Typer(help="Check the chain of custody.\n\nExample:\n\n    tally audit verify", no_args_is_help=True)


def init(
    directory: Path = typer.Argument(..., help="Folder for the new project."),
    name: Optional[str] = typer.Option(None, help="Project name (default: folder name)."),
    encrypt: bool = typer.Option(False, "--encrypt", help="Encrypt received documents and "
                                 "sensitive values at rest (needs a passphrase)."),
    passphrase_file: Optional[Path] = typer.Option(
        None, "--passphrase-file", help="With --encrypt: the passphrase, on the first line of "
        "this file (or set TALLY_PASSPHRASE_FILE).", dir_okay=False),
) -> None:
    """Create a project folder: tally.toml, tally.duckdb and objects/.

    Example:

        tally init syria-coast
    """
    from tally.project import Project
    from tally.store.keys import read_passphrase

    passphrase = read_passphrase(passphrase_file) if encrypt else None
    project = Project.init(directory, name=name, encrypt=encrypt, passphrase=passphrase)
    out.print(f"Created Tally project [bold]{safe(project.config['project']['name'])}[/] in "
              f"{safe(directory)}")
    if project.recovery_key:
        out.print("Documents and sensitive values are encrypted at rest. Recovery key (shown "
                  "only this once: write it down and keep it away from this computer; it opens "
                  f"the project if every passphrase is lost):\n\n    {project.recovery_key}\n")


@source_app.command("add")
def source_add(
    ctx: typer.Context,
    source_id: str = typer.Argument(..., metavar="ID", help="Short id, e.g. snhr."),
    name: str = typer.Option(..., "--name", help="Full name of the source."),
    kind: str = typer.Option(..., "--kind", help=f"One of: {', '.join(SOURCE_KINDS)}."),
    reliability: str = typer.Option(
        ..., "--reliability", help="Admiralty grade A-F: " + "; ".join(
            f"{k} {v}" for k, v in RELIABILITY_GRADES.items())
    ),
    language: Optional[str] = typer.Option(None, "--language", help="e.g. ar, en."),
    notes: Optional[str] = typer.Option(None, "--notes"),
) -> None:
    """Register a source of documents.

    Example:

        tally source add snhr --name "Rights group list" --kind rights_group_list --reliability B --language ar
    """
    from tally.sources import add_source

    source = add_source(
        open_project(ctx), source_id, name=name, kind=kind, reliability=reliability,
        language=language, notes=notes,
    )
    out.print(f"Added source [bold]{safe(source.id)}[/] ({source.kind}, reliability {source.reliability})")


@source_app.command("list")
def source_list(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json")
) -> None:
    """List the project's sources.

    Example:

        tally source list --json
    """
    from tally.sources import list_sources

    sources = list_sources(open_project(ctx))
    if as_json:
        echo_json([s.__dict__ for s in sources], indent=2)
        return
    table = Table("id", "name", "kind", "reliability", "language")
    for s in sources:
        table.add_row(*(safe(v) for v in (s.id, s.name, s.kind, s.reliability, s.language)))
    out.print(table)


def ingest(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="The received file (CSV, TSV, XLSX, JSON, JSONL; an article: "
                                "TXT or HTML)."),
    source: str = typer.Option(..., "--source", help="Id of the source that sent it."),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="Mapping file (TOML)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Text encoding, if not detected."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
    published: Optional[str] = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD): FILE is a news article."),
    articles: bool = typer.Option(
        False, "--articles", help="FILE is a JSON-lines file of articles {id, text, published}."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Store a file exactly as received and turn its rows into victim records
    (lists) or proposed casualty claims (articles: --published or --articles).

    Example:

        tally ingest examples/arabic_list_cp1256.csv --source snhr --mapping examples/arabic_list.toml
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from tally.ingest import ingest_file, is_article

    project = open_project(ctx)
    article = is_article(file, published=published, articles=articles)  # a web page is an article
    if article and (dry_run or mapping is not None):
        raise typer.BadParameter("--dry-run and --mapping apply to lists, not articles")
    size = file.stat().st_size if file.is_file() and not article else 0
    with Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(),
        TimeRemainingColumn(), console=err, transient=True, disable=as_json or article,
    ) as progress:
        task = progress.add_task(f"Ingesting {file.name}", total=size or None)
        report = ingest_file(
            project, file, source, mapping=mapping, encoding=encoding, dry_run=dry_run,
            progress=lambda done: progress.update(task, completed=done),
            published=published, articles=articles,
        )
    if as_json:
        echo_json(report.__dict__, indent=2)
    elif report.kind != "list":
        _print_article_report(file, report)
        _warn_if_arabic(file, published, report)
    else:
        _print_list_report(file, report)


def _print_article_report(file: Path, report) -> None:
    if report.status == "duplicate":
        out.print(f"{safe(file)}: already ingested (same bytes); nothing added")
    else:
        out.print(f"{safe(file)}: stored {report.articles} article(s), {report.claims} proposed claims "
                  f"(sha256 {report.sha256[:12]}…)")


def _warn_if_arabic(file: Path, published: str | None, report) -> None:
    """On stderr: Arabic articles were not read, so their claim count says nothing."""
    if report.status == "duplicate":
        return
    from tally.extract.language import articles_warning
    from tally.ingest.articles import read_document

    texts = [a.text for a in read_document(file, published).articles]
    warning = articles_warning(texts, report.claims)
    if warning:
        err.print(f"warning: {safe(warning)}", highlight=False)


def _print_list_report(file: Path, report) -> None:
    if report.status == "duplicate":
        d = report.duplicate_of
        out.print(
            f"{safe(file)}: already ingested (same bytes, sha256 {report.sha256[:12]}…) "
            f"from source {safe(d['source_id'])} as {safe(d['original_name'])} at {d['received_at']}; "
            "nothing added"
        )
        return
    verb = "would ingest" if report.status == "dry-run" else "ingested"
    out.print(
        f"{safe(file)}: {verb} {report.records} records, {report.quarantined} quarantined rows "
        f"({report.records_with_problems} records with value problems) — "
        f"{report.parser}, encoding {report.encoding or 'n/a'}, sha256 {report.sha256[:12]}…"
    )


def status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show sources, documents, records and quarantined rows.

    Example:

        tally -p syria-coast status
    """
    from tally.status import project_status

    st = project_status(open_project(ctx))
    if as_json:
        echo_json(st.__dict__, indent=2, default=str)
        return
    out.print(f"Project [bold]{safe(st.name)}[/] (schema version {st.schema_version})")
    table = Table(title="Sources")
    for header in ("source", "name", "kind", "grade", "documents", "records", "quarantined"):
        table.add_column(header, overflow="fold")
    for s in st.sources:
        table.add_row(*(safe(s[k]) for k in ("id", "name", "kind", "reliability", "documents",
                                              "records", "quarantined")))
    out.print(table)
    if st.documents:
        docs = Table(title="Documents")
        for header in ("sha256", "source", "file", "type", "encoding", "records", "quarantined"):
            docs.add_column(header, overflow="fold")
        for d in st.documents:
            docs.add_row(d["sha256"][:12], *(safe(d[k]) for k in (
                "source_id", "original_name", "media_type", "encoding", "records", "quarantined")))
        out.print(docs)
    t = st.totals
    out.print(
        f"{t['sources']} sources, {t['documents']} documents, {t['records']} records, "
        f"{t['quarantined']} quarantined rows, {t['audit_events']} audit events"
    )
    if st.audit_head:  # to write down or publish: `tally audit verify --head HASH` checks it
        out.print(f"audit head: event {st.audit_head['events']}, {st.audit_head['hash']}")
    for stale in st.stale_runs:  # a run made on other data than the store holds now
        out.print(f"[yellow]stale:[/] {safe(stale['message'])}")


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    head: Optional[str] = typer.Option(
        None, "--head", help="A head hash written down or published earlier (12+ digits): "
        "the chain must still hold it."),
) -> None:
    """Recompute the audit chain, document hashes, record digests and the digests of
    decisions, sources, claims, quarantined rows and normalized values.

    Example:

        tally audit verify
    """
    from tally.store.audit import verify_audit

    project = open_project(ctx)
    with project.connect(read_only=True) as con:
        report = verify_audit(con, project.objects, root=project.root, head=head)
    for note in report.notes:
        out.print(f"note: {note}")
    if report.ok:
        out.print(
            f"OK: {report.events} audit events chain correctly; {report.documents} documents "
            f"and {report.records} records match what was recorded, and {report.inputs} "
            "sources and decisions match their events"
        )
        if report.head:
            out.print(f"audit head: event {report.head.events}, {report.head.hash}")
        return
    for problem in report.problems:
        err.print(f"BROKEN: {safe(problem, markup=False)}", markup=False, highlight=False)
    raise typer.Exit(1)


def demo(
    outdir: Path = typer.Argument(Path("demo-output"), help="Folder for the demo's files."),
) -> None:
    """Simulate a conflict, run every stage on it and score the results against the truth.

    Example:

        tally demo demo-output
    """
    from tally.demo import run_demo

    run_demo(outdir, echo=out.print)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(source_app, name="source")
    app.command("ingest")(ingest)
    app.command("status")(status)
    app.add_typer(audit_app, name="audit")
    app.command("demo")(demo)
