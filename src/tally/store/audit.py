"""The audit log: every change to the store, in a hash chain anyone can verify.

Each event's hash covers its own content and the previous event's hash, so an
edited, removed or re-ordered event breaks the chain from that point on.
Document events also record the SHA-256 of the object file and a digest of the
records written from it, so :func:`verify_audit` catches a changed object file
or an edited record as well as an edited audit row. Every event also carries
digests of the human inputs and of the documents' other rows it vouches for
(:mod:`tally.store.digests`), and the chain's head is anchored outside the
store (:mod:`tally.store.head`), so an edited decision, grade, claim or
quarantined row, and events cut from the chain's end, are caught too.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from tally.model import LATER_FIELDS, STORED_FIELD
from tally.store.digests import DOCUMENT_REWRITERS, DOCUMENT_TABLES, INPUT_TABLES, INPUT_WRITERS
from tally.store.digests import document_digests, event_digests, table_digests
from tally.store.head import Head, chain_head, find_head, head_problems, read_head
from tally.store.objects import ObjectStore

GENESIS = "0" * 64
#: Actions that rewrite documents' records as a whole and carry their new digests in
#: ``details["records_digests"]`` ({sha: [records, digest]}): `tally encrypt` seals a
#: plain project's sensitive values (tally.ingest.encrypting).
RECORDS_REWRITERS = ("project.encrypted", "witness.forgotten", "documents.rekeyed")

#: Record columns covered by the records digest: those written at ingest and
#: never changed afterwards (normalized columns are recomputable, not covered).
DIGEST_COLUMNS: tuple[str, ...] = (
    "record_id",
    "source_id",
    "row_number",
    "raw",
    *(c for c in STORED_FIELD.values() if c not in LATER_FIELDS),
)


#: The workspace's signed-in user while a request of theirs writes (see :func:`acting_as`).
_ACTING: ContextVar[str | None] = ContextVar("tally_acting_as", default=None)


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Writes inside this block are made by ``name`` (a workspace account), not by
    the operating-system user running the server: every core function that asks
    :func:`current_actor` (ingest, sources, runs, decisions) records the web user,
    exactly as it records the OS user for the CLI, without a parameter threaded
    through each of them. Per thread and task (a context variable)."""
    token = _ACTING.set(name)
    try:
        yield
    finally:
        _ACTING.reset(token)


def current_actor() -> str:
    """Who is making a change: the workspace user (:func:`acting_as`), else the
    operating-system user (never a witness)."""
    acting = _ACTING.get()
    if acting:
        return acting
    try:
        return getpass.getuser()
    except Exception:  # no user name in a container: fall back to the uid
        return f"uid:{os.getuid()}"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(
    seq: int, at: str, actor: str, action: str, subject: str | None, details: str, prev: str,
    digests: str | None = None,
) -> str:
    """The event's hash; ``digests`` enters only when present, so events written
    before events carried digests (migration 011) keep their hashes."""
    fields = [seq, at, actor, action, subject, details, prev]
    if digests is not None:
        fields.append(digests)
    return hashlib.sha256(_canonical(fields).encode("utf-8")).hexdigest()


def append_event(
    con: duckdb.DuckDBPyConnection,
    action: str,
    subject: str | None,
    details: dict[str, Any],
    actor: str | None = None,
    documents: Iterable[str] | bool | None = None,
) -> str:
    """Append one event inside the caller's transaction; return its hash.

    Call it after the transaction's writes: the event records digests of the
    human inputs (sources, review, claim and incident decisions) as they are
    now, and of the rows of the documents it covers (quarantine, claims,
    normalized values): by default the subject of ``document.ingested`` and
    every document for ``records.normalized``; ``documents`` (a list, or True
    for all) says so for other actions that write such rows.
    """
    last = con.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchall()
    seq, prev = (last[0][0] + 1, last[0][1]) if last else (1, GENESIS)
    at = utc_now()
    actor = actor or current_actor()
    text = _canonical(details)
    digests = _canonical(event_digests(con, action, subject, documents))
    digest = event_hash(seq, at, actor, action, subject, text, prev, digests)
    con.execute(
        "INSERT INTO audit_event (seq, occurred_at, actor, action, subject, details, prev_hash, "
        "hash, digests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, at, actor, action, subject, text, prev, digest, digests],
    )
    return digest


def records_digest_sql(where: str = "", columns: set[str] | None = None) -> str:
    """SQL computing, per document, the SHA-256 over its records in row order.

    ``columns``: those victim_record has, when it may be older than this Tally
    (a read-only connection does not migrate): a later column it lacks is NULL
    in every row, so leaving it out gives the same digest."""
    parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), chr(0))" for c in DIGEST_COLUMNS)
    # fields added later enter only when present (concat_ws skips NULL), tagged
    # with their name, so a record ingested before them keeps its digest; an
    # encrypted project's sealed values (migration 015) the same way
    later = [c for c in (*LATER_FIELDS, "sealed") if columns is None or c in columns]
    parts += "".join(f", '{c}=' || {c}" for c in later)
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
    inputs: int = 0  # sources and decisions checked against their events
    head: Head | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Event:
    seq: int
    actor: str
    action: str
    subject: str | None
    details: dict[str, Any]
    digests: dict[str, Any] | None


def verify_audit(
    con: duckdb.DuckDBPyConnection, objects: ObjectStore, *,
    root: str | os.PathLike | None = None, head: str | None = None,
) -> AuditReport:
    """Recompute the audit chain, the object hashes, the record digests and the
    digests of the human inputs and documents' rows; check the chain's head
    against ``audit.head`` in the project folder ``root`` (default: the one
    holding ``objects``) and against ``head``, a hash written down earlier."""
    report = AuditReport()
    events, chain_ok = _check_chain(con, report)
    report.head = chain_head(con)
    _check_documents(con, objects, events, chain_ok, report)
    if chain_ok:
        explained = _check_inputs_rows(con, events, report)
        _check_digests(con, events, explained, report)
    _check_head(con, Path(root) if root else objects.root.parent, head, events, report)
    _note_rotation(Path(root) if root else objects.root.parent, report)
    return report


def _note_rotation(root: Path, report: AuditReport) -> None:
    """Say so when a `tally keys rotate` was interrupted (tally.store.rotation)."""
    from tally.store.keys import rotation_unfinished  # keys imports this module

    try:
        if rotation_unfinished(root):
            report.notes.append("a key rotation was interrupted (the old keys still open the "
                                "project): run `tally keys rotate` to finish it")
    except Exception:  # a plain project has no keys.json: nothing to say
        pass


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()}


def _check_chain(con, report: AuditReport) -> tuple[list[_Event], bool]:
    """Walk the chain; return its events up to the first break, and whether it held."""
    has_digests = "digests" in _columns(con, "audit_event")
    events: list[_Event] = []
    prev = GENESIS
    expected_seq = 1
    for seq, at, actor, action, subject, details, prev_hash, digest, digests in con.execute(
        "SELECT seq, occurred_at, actor, action, subject, details, prev_hash, hash, "
        f"{'digests' if has_digests else 'NULL'} FROM audit_event ORDER BY seq"
    ).fetchall():
        report.events += 1
        if seq != expected_seq:
            report.problems.append(f"audit event {expected_seq} is missing (next is {seq})")
            return events, False
        if prev_hash != prev:
            report.problems.append(f"audit event {seq} does not follow event {seq - 1}")
            return events, False
        if event_hash(seq, at, actor, action, subject, details, prev_hash, digests) != digest:
            report.problems.append(f"audit event {seq} ({action}) was changed after it was written")
            return events, False
        events.append(_Event(seq, actor, action, subject, json.loads(details),
                             json.loads(digests) if digests else None))
        prev = digest
        expected_seq += 1
    return events, True


def _check_documents(con, objects: ObjectStore, events: list[_Event], chain_ok: bool,
                     report: AuditReport) -> None:
    """Each document's object file, and its records against its ingest event (or
    the newest event that re-sealed them: see :data:`RECORDS_REWRITERS`)."""
    doc_events = {e.subject: e.details for e in events if e.action == "document.ingested"}
    for e in events:  # a later event that rewrote records vouches for them as they are now
        if e.action in RECORDS_REWRITERS:
            for sha, (count, digest) in (e.details.get("records_digests") or {}).items():
                if sha in doc_events:
                    doc_events[sha] = {**doc_events[sha], "records": count,
                                       "records_digest": digest}
    digests = dict(con.execute(records_digest_sql(
        columns=_columns(con, "victim_record"))).fetchall())
    counts = dict(
        con.execute("SELECT document_sha256, count(*) FROM victim_record GROUP BY 1").fetchall()
    )
    forgotten = set()
    # a document a witness was forgotten from holds other bytes, or none (tally.ingest.forgetting)
    held = dict(con.execute("SELECT sha256, held_sha256 FROM document WHERE held_sha256 IS NOT NULL"
                            ).fetchall()) if "held_sha256" in _columns(con, "document") else {}
    for sha, status, record_count, stored_digest in con.execute(
        "SELECT sha256, status, record_count, records_digest FROM document ORDER BY received_at"
    ).fetchall():
        report.documents += 1
        problem = objects.verify(sha) if sha not in held else objects.verify_held(sha, held[sha])
        if sha in held and objects.has_next(sha):
            report.notes.append(f"forgetting a witness in document {sha[:12]} was interrupted: "
                                "run `tally forget --finish` to complete it")
        if status == "forgotten" and objects.encrypted:
            # its key was destroyed on request (tally.store.forget): unreadable by design
            forgotten.add(sha)
            if objects.key_path_for(sha).exists():
                report.notes.append(
                    f"forgetting document {sha[:12]} was interrupted: its key still exists; "
                    f"run `tally forget --document {sha[:12]}` again to destroy it")
        elif problem:
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
        problem = None if sha in forgotten else objects.verify(text_sha)
        if problem:
            report.problems.append(f"text of document {sha[:12]}: {problem}")
        recorded = doc_events.get(sha, {}).get("text_sha256")
        if chain_ok and recorded != text_sha:
            report.problems.append(
                f"text of document {sha[:12]} is not the text its ingest recorded")
    if forgotten or any(e.action == "document.forgotten" for e in events):
        said = sum(1 for e in events if e.action == "document.forgotten")
        if chain_ok and said != len(forgotten):
            report.problems.append(
                f"{len(forgotten)} documents are marked forgotten, {said} forgotten by Tally "
                "(audit events document.forgotten)")
        else:
            report.notes.append(f"{len(forgotten)} documents were forgotten on request (their keys "
                                "destroyed); who and when is in the audit log, not what")
    witnesses = sum(1 for e in events if e.action == "witness.forgotten")
    if witnesses:
        report.notes.append(f"{witnesses} times a witness was forgotten on request (their cells "
                            "re-sealed without them under a new key, the old key destroyed); "
                            "who and when is in the audit log, not whom or where")
    orphans = set(counts) - {row[0] for row in con.execute("SELECT sha256 FROM document").fetchall()}
    for sha in sorted(orphans):
        report.problems.append(f"records of unknown document {sha[:12]}")


#: Decision tables checked row by row against the events that wrote them:
#: (events' action prefix, columns compared with the same keys of the event's
#: details, how the event's subject is formed from a row, what a row is called).
_DECISIONS: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "review_decision": ("review.", ("verdict", "note"), "record_id_l || '|' || record_id_r",
                        "review decision"),
    "claim_decision": ("claim.", ("verdict", "edited", "note", "decided_by"), "claim_id",
                       "claim decision"),
    "incident_decision": ("incident.", ("kind", "member_a", "member_b", "note", "decided_by"),
                          "member_a", "incident decision"),
}

#: Decisions whose event has always been written in the decider's name (a
#: review verdict's was the operating-system user's until store.runs).
_DECIDED_BY_ACTOR = ("claim_decision", "incident_decision")


def _same(column: str, stored: Any, recorded: Any) -> bool:
    if column == "edited" and isinstance(stored, str):
        stored = json.loads(stored)
    return stored == recorded


def _shown(value: Any) -> str:
    return _canonical(value) if isinstance(value, (dict, list)) else str(value)


def _check_inputs_rows(con, events: list[_Event], report: AuditReport) -> set[str]:
    """Each decision and source against the event that wrote it (events have
    always named what they wrote, so this holds for older projects too).
    Returns the tables whose problems are named row by row."""
    explained: set[str] = set()
    for table, (prefix, keys, subject_sql, what) in _DECISIONS.items():
        if not _columns(con, table):
            continue
        written = {e.details["decision_id"]: e for e in events
                   if e.action.startswith(prefix) and "decision_id" in e.details}
        rows = con.execute(
            f"SELECT decision_id, {subject_sql}, {', '.join(keys)} FROM {table} ORDER BY 1"
        ).fetchall()
        found = []
        for decision_id, subject, *values in rows:
            report.inputs += 1
            event = written.pop(decision_id, None)
            if event is None:
                found.append(f"{what} {decision_id} ({subject}) has no audit event: "
                             f"it was added behind Tally's back")
                continue
            if event.subject != subject:
                found.append(f"{what} {decision_id} is on {subject}, its audit event "
                             f"{event.seq} says {event.subject}")
            recorded = dict(event.details)
            if table in _DECIDED_BY_ACTOR:
                recorded["decided_by"] = event.actor
            for key, value in zip(keys, values):
                if key in recorded and not _same(key, value, recorded[key]):
                    found.append(f"{what} {decision_id} ({subject}): stored {key} is "
                                 f"{_shown(value)}, its audit event {event.seq} says "
                                 f"{_shown(recorded[key])}")
        for decision_id, event in sorted(written.items()):
            found.append(f"{what} {decision_id} ({event.subject}), written by audit event "
                         f"{event.seq}, was deleted")
        if found:
            explained.add(table)
            report.problems += found
    sources: dict[str, tuple[int, dict[str, Any]]] = {}
    for e in events:
        if e.action.startswith("source.") and e.subject:
            seq, known = sources.get(e.subject, (e.seq, {}))
            sources[e.subject] = (e.seq, {**known, **e.details})
    found = []
    for source_id, *values in con.execute(
        "SELECT id, name, kind, reliability, language FROM source ORDER BY id"
    ).fetchall():
        report.inputs += 1
        seq, recorded = sources.pop(source_id, (None, None))
        if recorded is None:
            found.append(f"source {source_id} has no audit event: it was added behind Tally's back")
            continue
        for key, value in zip(("name", "kind", "reliability", "language"), values):
            if key in recorded and recorded[key] != value:
                found.append(f"source {source_id}: stored {key} is {value}, its audit event "
                             f"{seq} says {recorded[key]}")
    for source_id, (seq, _) in sorted(sources.items()):
        found.append(f"source {source_id}, recorded by audit event {seq}, was deleted")
    if found:
        explained.add("source")
        report.problems += found
    return explained


def _check_digests(con, events: list[_Event], explained: set[str], report: AuditReport) -> None:
    """The human inputs against the newest event's digests, and each document's
    quarantined rows, claims and normalized values against the newest event
    that covered them (events before migration 011 carry none: counts only)."""
    # along the chain: a table may change only at an event that writes it
    # (else the change was made between events, and carried by the later one)
    before: dict[str, tuple[int, list]] = {}
    for e in events:
        for table, value in ((e.digests or {}).get("tables") or {}).items():
            seq, old = before.get(table, (None, None))
            writers = INPUT_WRITERS.get(table, ())
            if (seq is not None and old != value and table not in explained
                    and not e.action.startswith(writers)):
                explained.add(table)
                report.problems.append(
                    f"{INPUT_TABLES[table][1]} were changed outside Tally between audit "
                    f"events {seq} and {e.seq} ({e.action} does not write them)")
            before[table] = (e.seq, value)
    latest = next((e for e in reversed(events) if e.digests), None)
    if latest is not None:
        now = table_digests(con)
        for table, recorded in latest.digests.get("tables", {}).items():
            if table in explained or now.get(table) == recorded:
                continue
            label = INPUT_TABLES[table][1] if table in INPUT_TABLES else table
            rows = now.get(table, [0])[0]
            report.problems.append(
                f"{label} were changed after the last audit event ({latest.seq}, "
                f"{latest.action}): {rows} rows now, {recorded[0]} when it was written")
    covered: dict[str, dict[str, tuple[int, list]]] = {}
    for e in events:
        for sha, tables in ((e.digests or {}).get("documents") or {}).items():
            for table, value in tables.items():
                seq, old = covered.get(sha, {}).get(table, (None, None))
                if (seq is not None and old != value
                        and e.action not in DOCUMENT_REWRITERS.get(table, ())):
                    label = DOCUMENT_TABLES[table][3] if table in DOCUMENT_TABLES else table
                    report.problems.append(
                        f"document {sha[:12]}: its {label} were changed outside Tally between "
                        f"audit events {seq} and {e.seq} ({e.action} does not write them)")
                covered.setdefault(sha, {})[table] = (e.seq, value)
    known = {r[0] for r in con.execute("SELECT sha256 FROM document").fetchall()}
    now_docs = document_digests(con) if covered else {}
    for sha, tables in sorted(covered.items()):
        for table, (seq, recorded) in sorted(tables.items()):
            label = DOCUMENT_TABLES[table][3] if table in DOCUMENT_TABLES else table
            current = now_docs.get(sha, {}).get(table, [0, None])
            if current == recorded:
                continue
            hint = " (`tally normalize` recomputes them)" if table == "record_norm" else ""
            if current[0] != recorded[0]:
                report.problems.append(
                    f"document {sha[:12]}: {current[0]} {label} stored, {recorded[0]} "
                    f"recorded in the audit log (event {seq}){hint}")
            else:
                report.problems.append(
                    f"document {sha[:12]}: its {label} were changed after audit event {seq}{hint}")
            if table == "claim":
                report.problems += _claims_unlike_their_proposal(con, sha)
    for key, tables in sorted(now_docs.items()):
        if key in known or key in covered:
            continue
        for table, (rows, _digest) in sorted(tables.items()):
            if rows:
                label = DOCUMENT_TABLES[table][3] if table in DOCUMENT_TABLES else table
                report.problems.append(f"{rows} {label} of unknown document {key[:12]}")
    # documents no digest covers (ingested before migration 011, and not
    # re-covered since): their quarantined rows and claims by count
    ingests = {e.subject: e for e in events if e.action == "document.ingested"}
    counts = {
        "quarantine": ("quarantined", "SELECT document_sha256, count(*) FROM quarantine GROUP BY 1"),
        "claim": ("claims", "SELECT document_sha256, count(*) FROM claim GROUP BY 1"),
    }
    for table, (key, sql) in counts.items():
        if not _columns(con, table):
            continue
        stored = dict(con.execute(sql).fetchall())
        for sha, event in sorted(ingests.items()):
            if table in covered.get(sha, {}) or key not in event.details:
                continue
            if stored.get(sha, 0) != event.details[key]:
                report.problems.append(
                    f"document {sha[:12]}: {stored.get(sha, 0)} {DOCUMENT_TABLES[table][3]} "
                    f"stored, {event.details[key]} recorded in the audit log (event {event.seq})")


#: Claim values kept beside the extractor's proposal: a stored value that is
#: not the proposal's names the claim that was changed.
_PROPOSED = ("what", "count_low", "count_best", "count_high", "killed_low", "killed_best",
             "killed_high", "incident_count_low", "incident_count_high", "victim_group",
             "place", "date_start", "date_end", "perpetrator", "evidence_text",
             "evidence_start", "evidence_end")


def _claims_unlike_their_proposal(con, sha: str) -> list[str]:
    """Which claims of a document differ from the proposal stored with them."""
    found = []
    for claim_id, proposal, *values in con.execute(
        f"SELECT claim_id, proposal, {', '.join(_PROPOSED)} FROM claim "
        "WHERE document_sha256 = ? ORDER BY claim_id", [sha]
    ).fetchall():
        try:
            proposed = json.loads(proposal)
        except (TypeError, ValueError):
            continue
        for key, value in zip(_PROPOSED, values):
            if key in proposed and proposed[key] != value:
                found.append(f"claim {claim_id}: stored {key} is {value}, "
                             f"as extracted it was {proposed[key]}")
    return found


def _check_head(con, root: Path, given: str | None, events: list[_Event],
                report: AuditReport) -> None:
    """The chain against ``audit.head`` and against a head written down earlier."""
    from tally.store.head import HEAD_NAME

    recorded = read_head(root)
    if recorded is None:
        if any(e.digests for e in events):
            report.problems.append(
                f"{HEAD_NAME} is missing from the project folder: events cut from the end of "
                "the audit chain could go unnoticed (check with --head HASH)")
        else:
            report.notes.append(f"no {HEAD_NAME} yet (a project from an older Tally): "
                                "it is written the next time the project is changed")
    report.problems += head_problems(con, recorded, HEAD_NAME)
    if given is not None:
        found = find_head(con, given)
        if found is None:
            report.problems.append(
                f"no audit event has the head hash you gave ({given.strip()[:16]}): the chain "
                "was changed or cut short since it was written down (or the hash is mistyped; "
                "give at least 12 digits)")
        else:
            last = report.head.events if report.head else 0
            report.notes.append(f"the head you gave is event {found.events} of {last}")


def inputs_changed(con: duckdb.DuckDBPyConnection) -> list[str]:
    """A quick check a stage can make before using the human inputs: the labels
    of the input tables that differ from the newest event's digests (no chain
    walk; ``tally audit verify`` says what changed)."""
    row = con.execute(
        "SELECT digests FROM audit_event WHERE digests IS NOT NULL ORDER BY seq DESC LIMIT 1"
    ).fetchall() if "digests" in _columns(con, "audit_event") else []
    if not row:
        return []
    recorded = json.loads(row[0][0]).get("tables", {})
    now = table_digests(con)
    return [INPUT_TABLES[t][1] for t, value in recorded.items()
            if t in INPUT_TABLES and now.get(t) != value]
