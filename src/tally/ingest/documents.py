"""Every received file becomes a document: its bytes kept unchanged, one row, one audit event.

    sha, duplicate = identify(con, path, "snhr")
    if duplicate is None:
        store_document(project, con, path, sha, "snhr", write_rows)

This is the one place custody is written, for every kind of file (lists,
articles, web pages). The order is chosen so that nothing is lost or half-written:
:func:`identify` hashes the file and finds the document already stored with
those bytes (reported, not repeated), then reads and checks what it can before
:func:`store_document`, which stores the bytes under ``objects/`` (an object
without a document row is harmless, and the next attempt reuses it) and then, in
ONE transaction, lets the caller write what the file holds (victim records,
claims), adds the ``document`` row and appends the ``document.ingested`` event.
A process killed before COMMIT leaves no trace of the ingest in the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tally.sources import get_source
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.objects import sha256_file


@dataclass
class IngestReport:
    """What an ingest did (or, with dry_run, would do), for every kind of file."""

    path: str
    sha256: str
    source_id: str
    status: str  # ingested | duplicate | dry-run
    kind: str = "list"  # list | article | page | articles (a JSON-lines file of articles)
    records: int = 0
    quarantined: int = 0
    records_with_problems: int = 0
    blank_lines: int = 0
    media_type: str | None = None
    parser: str | None = None
    encoding: str | None = None
    columns: list[str] = field(default_factory=list)
    duplicate_of: dict | None = None
    articles: int = 0
    claims: int = 0
    text_sha256: str | None = None   # a web page's derived main text
    text_chars: int | None = None


@dataclass
class Received:
    """What the ``document`` row and its event record of a file, besides where it came from."""

    media_type: str | None
    parser: str | None
    encoding: str | None
    mapping: str | None = None          # a list's mapping file, as text
    records: int = 0
    quarantined: int = 0
    records_digest: str | None = None
    details: dict = field(default_factory=dict)   # the event's facts for this kind of file
    sensitive_columns: list[str] | None = None    # a list's columns holding sensitive values


def find_document(con, sha256: str) -> dict | None:
    """The stored document with these bytes (``source_id``, ``original_name``,
    ``received_at``, ``records``), or None."""
    rows = con.execute(
        "SELECT source_id, original_name, received_at, record_count FROM document WHERE sha256 = ?",
        [sha256],
    ).fetchall()
    return dict(zip(("source_id", "original_name", "received_at", "records"), rows[0])) if rows else None


def identify(con, path: Path, source_id: str) -> tuple[str, dict | None]:
    """The file's SHA-256, and the document already stored with those bytes (None when
    they are new); refuses a source the project does not know."""
    sha = sha256_file(path)
    get_source(con, source_id)
    return sha, find_document(con, sha)


def store_document(project, con, path: Path, sha256: str, source_id: str,
                   write: Callable[[object], Received], *, dry_run: bool = False,
                   received_at: str | None = None) -> Received:
    """Keep the file at ``path`` as document ``sha256`` of ``source_id``: its bytes, then
    in one transaction ``write(con)`` (what the file holds; returns the document's
    :class:`Received` facts), the ``document`` row and the ``document.ingested`` event.

    ``dry_run``: nothing is stored (no object; the transaction is rolled back), but
    ``write`` runs, so the caller learns what would be stored.
    """
    if not dry_run:
        project.objects.put(path, sha256)
    con.execute("BEGIN TRANSACTION")
    try:
        received = write(con)
        size = path.stat().st_size
        con.execute(
            "INSERT INTO document (sha256, source_id, original_name, media_type, size_bytes, "
            "received_at, received_by, parser, encoding, mapping, status, record_count, "
            "quarantine_count, records_digest, sensitive_columns) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [sha256, source_id, path.name, received.media_type, size, received_at or utc_now(),
             current_actor(), received.parser, received.encoding, received.mapping, "ingested",
             received.records, received.quarantined, received.records_digest,
             json.dumps(received.sensitive_columns, ensure_ascii=False)
             if received.sensitive_columns else None],
        )
        append_event(con, "document.ingested", sha256, {
            "source": source_id, "original_name": path.name, "size_bytes": size,
            "media_type": received.media_type, "parser": received.parser, "encoding": received.encoding,
            **received.details,
        })
        con.execute("ROLLBACK" if dry_run else "COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return received
