"""`tally report`: write the project's report as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

out = Console(soft_wrap=True)


def report(
    ctx: typer.Context,
    out_path: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
    pdf: bool = typer.Option(False, "--pdf", help="Also print it to PDF (A4) beside the HTML "
                             "file, with a headless Chromium."),
) -> None:
    """Write the report: headline, timeline, map, breakdowns, sources, estimates, methodology.

    Example:

        tally report --out report.html --pdf
    """
    from tally.cli._shared import open_project
    from tally.report import render_report
    from tally.store.layout import check_output_path

    project = open_project(ctx)
    check_output_path(out_path, project.root)  # never onto the settings, store or objects
    if pdf:
        check_output_path(out_path.with_suffix(".pdf"), project.root)
    from tally.store.reads import record_export

    path = render_report(project, out_path)
    record_export(project, "report", path, {"format": "html"}, kind="report")
    out.print(f"Wrote the report to {path}")
    if pdf:
        from tally.report.pdf import write_pdf

        pdf_path = write_pdf(path, path.with_suffix(".pdf"))
        record_export(project, "report", pdf_path, {"format": "pdf"}, kind="report")
        out.print(f"Wrote the PDF to {pdf_path}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
