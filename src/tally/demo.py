"""`tally demo`: the whole pipeline on bundled example data, end to end.

Each stage adds itself here as it lands, so the demo always shows everything
Tally can do and, where a truth is known, how well it did.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Callable

from tally.export import export_records
from tally.ingest import ingest_file
from tally.project import Project
from tally.sources import add_source
from tally.status import project_status
from tally.store.audit import verify_audit

#: (source id, name, kind, grade, language, example file, mapping file or None)
EXAMPLE_SOURCES = (
    ("rg-ar", "Rights group list (Arabic)", "rights_group_list", "B", "ar",
     "arabic_list_cp1256.csv", "arabic_list.toml"),
    ("rg-en", "Rights group list (English)", "rights_group_list", "B", "en",
     "english_list_utf16.txt", "english_list.toml"),
    ("morgue", "Hospital morgue register", "official", "C", "ar",
     "morgue_list.xlsx", None),
)


def example_path(name: str) -> Path:
    return Path(str(resources.files("tally.data").joinpath("examples", name)))


def run_demo(outdir: str | Path, echo: Callable[[str], None] = print) -> Project:
    """Create a fresh project under ``outdir`` and run every stage on it."""
    outdir = Path(outdir)
    project_dir = outdir / "project"
    if project_dir.exists():
        shutil.rmtree(project_dir)
    outdir.mkdir(parents=True, exist_ok=True)
    project = Project.init(project_dir, name="demo")
    echo(f"1. Created project {project_dir}")
    for sid, name, kind, grade, lang, filename, mapping in EXAMPLE_SOURCES:
        add_source(project, sid, name=name, kind=kind, reliability=grade, language=lang)
        report = ingest_file(
            project, example_path(filename), sid,
            mapping=example_path(mapping) if mapping else None,
        )
        echo(
            f"2. Ingested {filename} for {sid}: {report.records} records, "
            f"{report.quarantined} quarantined ({report.encoding or report.media_type})"
        )
    again = ingest_file(project, example_path("morgue_list.xlsx"), "morgue")
    echo(f"3. Re-ingesting morgue_list.xlsx: {again.status}, nothing added")
    status = project_status(project)
    t = status.totals
    echo(
        f"4. Store: {t['sources']} sources, {t['documents']} documents, "
        f"{t['records']} records, {t['quarantined']} quarantined, {t['audit_events']} audit events"
    )
    records_csv = outdir / "records.csv"
    n = export_records(project, records_csv, "csv")
    echo(f"5. Exported {n} records to {records_csv}")
    with project.connect(read_only=True) as con:
        audit = verify_audit(con, project.objects)
    echo(f"6. Audit chain: {'verified' if audit.ok else 'BROKEN: ' + '; '.join(audit.problems)}")
    return project
