"""A victim entered by hand from testimony becomes a document like any list.

    report = enter_record(project, "witnesses", {"given_name": "محمد", "sex": "male", ...})

The values are written as a one-row list in the interchange format (UTF-8 CSV,
named by the time of entry) and ingested with :func:`tally.ingest.ingest_file`:
the entry keeps its own bytes, document row and ``document.ingested`` event (by
whoever :func:`tally.store.audit.current_actor` names), and its record gets the
same checks and normalization as a row of a list. Witness fields are sensitive
columns of the record like any list's.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from tally.errors import IngestError
from tally.ingest.documents import IngestReport
from tally.ingest.pipeline import ingest_file
from tally.model import RECORD_FIELDS


def enter_record(project, source_id: str, values: dict[str, str | None]) -> IngestReport:
    """Store one hand-entered record for ``source_id``; refuse unknown fields and an
    entry that would not become a record (it is not quarantined: the person is
    still at the form and can fix it)."""
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise IngestError(f"unknown field(s) {sorted(unknown)}")
    row = {k: (v or "").strip() for k, v in values.items() if (v or "").strip()}
    if not row:
        raise IngestError("the entry is empty")
    parts = [row[p] for p in ("given_name", "father_name", "grandfather_name", "family_name")
             if p in row]
    if "name" not in row and parts:  # the full name as a list writes it, from its parts
        row["name"] = " ".join(parts)
    columns = [f for f in RECORD_FIELDS if f in row]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"entry-{stamp}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        report = ingest_file(project, path, source_id, dry_run=True)
        if report.records != 1:
            raise IngestError("the entry has no name and no other identifying field")
        return ingest_file(project, path, source_id)
