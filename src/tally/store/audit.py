"""The audit log: every change to the store, in a hash chain anyone can verify.

Each event's hash covers its own content and the previous event's hash, so an
edited, removed or re-ordered event breaks the chain from that point on.
Document events also record the SHA-256 of the object file and a digest of the
records written from it, so :func:`verify_audit` catches a changed object file
or an edited record as well as an edited audit row.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import duckdb

from tally.model import LATER_FIELDS, STORED_FIELD
from tally.store.objects import ObjectStore

GENESIS = "0" * 64

#: Record columns covered by the records digest: those written at ingest and
#: never changed afterwards (normalized columns are recomputable, not covered).
DIGEST_COLUMNS: tuple[str, ...] = (
    "record_id",
    "source_id",
    "row_number",
    "raw",
    *(c for c in STORED_FIELD.values() if c not in LATER_FIELDS),
)


def current_actor() -> str:
    """Who is making a change: the operating-system user (never a witness)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in a container: fall back to the uid
        return f"uid:{os.getuid()}"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(
    seq: int, at: str, actor: str, action: str, subject: str | None, details: str, prev: str
) -> str:
    payload = _canonical([seq, at, actor, action, subject, details, prev])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append_event(
    con: duckdb.DuckDBPyConnection,
    action: str,
    subject: str | None,
    details: dict[str, Any],
    actor: str | None = None,
) -> str:
    """Append one event inside the caller's transaction; return its hash."""
    last = con.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchall()
    seq, prev = (last[0][0] + 1, last[0][1]) if last else (1, GENESIS)
    at = utc_now()
    actor = actor or current_actor()
    text = _canonical(details)
    digest = event_hash(seq, at, actor, action, subject, text, prev)
    con.execute(
        "INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, at, actor, action, subject, text, prev, digest],
    )
    return digest


def records_digest_sql(where: str = "") -> str:
    """SQL computing, per document, the SHA-256 over its records in row order."""
    parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), chr(0))" for c in DIGEST_COLUMNS)
    # fields added later enter only when present (concat_ws skips NULL), tagged
    # with their name, so a record ingested before them keeps its digest
    parts += "".join(f", '{c}=' || {c}" for c in LATER_FIELDS)
    return (
        "SELECT document_sha256, "
        f"sha256(string_agg(sha256(concat_ws(chr(31), {parts})), '' ORDER BY row_number)) "
        f"FROM victim_record {where} GROUP BY document_sha256"
    )


@dataclass
class AuditReport:
    events: int = 0
    documents: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_audit(con: duckdb.DuckDBPyConnection, objects: ObjectStore) -> AuditReport:
    """Recompute the audit chain, the object hashes and the record digests."""
    report = AuditReport()
    prev = GENESIS
    expected_seq = 1
    chain_ok = False
    doc_events: dict[str, dict[str, Any]] = {}
    for seq, at, actor, action, subject, details, prev_hash, digest in con.execute(
        "SELECT * FROM audit_event ORDER BY seq"
    ).fetchall():
        report.events += 1
        if seq != expected_seq:
            report.problems.append(f"audit event {expected_seq} is missing (next is {seq})")
            break
        if prev_hash != prev:
            report.problems.append(f"audit event {seq} does not follow event {seq - 1}")
            break
        if event_hash(seq, at, actor, action, subject, details, prev_hash) != digest:
            report.problems.append(f"audit event {seq} ({action}) was changed after it was written")
            break
        if action == "document.ingested":
            doc_events[subject] = json.loads(details)
        prev = digest
        expected_seq += 1
    else:
        chain_ok = True

    digests = dict(con.execute(records_digest_sql()).fetchall())
    counts = dict(
        con.execute("SELECT document_sha256, count(*) FROM victim_record GROUP BY 1").fetchall()
    )
    for sha, status, record_count, stored_digest in con.execute(
        "SELECT sha256, status, record_count, records_digest FROM document ORDER BY received_at"
    ).fetchall():
        report.documents += 1
        problem = objects.verify(sha)
        if problem:
            report.problems.append(f"document {sha[:12]}: {problem}")
        event = doc_events.get(sha)
        if event is None:
            if chain_ok:  # after a break, later events are unreadable anyway
                report.problems.append(f"document {sha[:12]} has no audit event")
            event = {"records": record_count, "records_digest": stored_digest}
        actual = digests.get(sha)
        report.records += counts.get(sha, 0)
        if counts.get(sha, 0) != event.get("records", 0) or record_count != event.get("records", 0):
            report.problems.append(
                f"document {sha[:12]}: {counts.get(sha, 0)} records stored, "
                f"{event.get('records', 0)} recorded in the audit log"
            )
        elif actual != event.get("records_digest") or stored_digest != event.get("records_digest"):
            report.problems.append(f"document {sha[:12]}: its records were changed after ingest")
    # a web page's derived text (what its claims index) is checked like a
    # document: its object's bytes, and the hash its ingest event recorded
    for sha, text_sha in con.execute(
        "SELECT document_sha256, text_sha256 FROM document_text ORDER BY 1"
    ).fetchall():
        problem = objects.verify(text_sha)
        if problem:
            report.problems.append(f"text of document {sha[:12]}: {problem}")
        recorded = doc_events.get(sha, {}).get("text_sha256")
        if chain_ok and recorded != text_sha:
            report.problems.append(
                f"text of document {sha[:12]} is not the text its ingest recorded")
    orphans = set(counts) - {row[0] for row in con.execute("SELECT sha256 FROM document").fetchall()}
    for sha in sorted(orphans):
        report.problems.append(f"records of unknown document {sha[:12]}")
    return report
