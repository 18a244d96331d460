"""Digests of the rows an audit event vouches for, beyond the documents' records.

The records of a document are covered by the digest its ingest event carries.
The rest of what people put into a project must be covered too, or an edit
made behind Tally's back goes unnoticed (a reviewer's no-match flipped to a
match, a claim's count changed, a quarantined row deleted, a source
re-graded). Each audit event therefore carries, in its ``digests`` column
(covered by the event's hash):

- ``tables``: count and SHA-256 of each table of human inputs (sources and
  the review, claim and incident decisions) as they stand when the event is
  written. These tables are small, so every event carries them, and the
  newest event must agree with the tables as they are now.
- ``documents``: for the documents the event wrote (an ingest: its document;
  a re-normalization: every document), count and SHA-256 of their quarantined
  rows, their claims and their normalized values (``record_norm``). The
  newest entry for a document must agree with its rows as they are now.

A digest is over a fixed list of columns (a later migration that adds a
column does not change it) and over rows in the order of their own hashes, so
it depends on the rows only, not on how they were stored.
"""

from __future__ import annotations

import bisect
import hashlib
import threading
from pathlib import Path
from typing import Iterable

import duckdb

#: Tables of human inputs, digested whole by every event: (columns, what a
#: user calls them).
INPUT_TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "source": (("id", "name", "kind", "reliability", "language", "notes", "created_at"),
               "sources (their names, kinds and reliability grades)"),
    "review_decision": (("decision_id", "record_id_l", "record_id_r", "verdict", "decided_by",
                         "decided_at", "note", "run_id"),
                        "reviewers' verdicts on pairs of records"),
    "claim_decision": (("decision_id", "claim_id", "verdict", "edited", "decided_by",
                        "decided_at", "note"),
                       "decisions on claims (accept, edit, reject)"),
    "incident_decision": (("decision_id", "kind", "member_a", "member_b", "decided_by",
                           "decided_at", "note"),
                          "incident decisions (merge, split, detach)"),
}

#: Which events may change each input table: those whose action starts so.
#: Between two events, a table that changed at an event that does not write
#: it was changed outside Tally (and that event's digests carried the change).
INPUT_WRITERS: dict[str, tuple[str, ...]] = {
    "source": ("source.",),
    "review_decision": ("review.",),
    "claim_decision": ("claim.",),
    "incident_decision": ("incident.",),
}

_CLAIM_COLUMNS = (
    "claim_id", "document_sha256", "source_id", "article_id", "published", "what",
    "count_low", "count_best", "count_high", "killed_low", "killed_best", "killed_high",
    "incident_count_low", "incident_count_high", "qualifier", "scope", "victim_group",
    "community", "status", "place", "place_id", "date_start", "date_end", "date_precision",
    "perpetrator", "attribution", "cited_source", "evidence_text", "evidence_start",
    "evidence_end", "proposal", "lexicon_version", "review_status", "extracted_at",
    "text_sha256", "outlet",
)

_NORM_COLUMNS = (
    "record_id", "name_script", "given_key", "father_key", "grandfather_key", "family_key",
    "mother_key", "given_std", "father_std", "family_std", "name_keys", "kunya_key",
    "unidentified", "date_start", "date_end", "date_precision", "place_id", "place_level",
    "place_ambiguous", "district_id", "governorate_id", "latitude", "longitude", "age_low",
    "age_high", "sex", "status", "community", "problems", "normalizer",
)

#: Tables written per document: (columns, SQL giving a row's document key,
#: the key's length (record ids start with the document's first 16 hex
#: digits), what a user calls the rows).
DOCUMENT_TABLES: dict[str, tuple[tuple[str, ...], str, int, str]] = {
    "quarantine": (("document_sha256", "row_number", "line_number", "column_name", "problem",
                    "raw_text", "raw"), "document_sha256", 64, "quarantined rows"),
    "claim": (_CLAIM_COLUMNS, "document_sha256", 64, "claims"),
    "record_norm": (_NORM_COLUMNS, "left(record_id, 16)", 16, "normalized values"),
}

#: Document tables a later event may rewrite (by these actions); the others
#: are written once, at the document's ingest, and never change.
DOCUMENT_REWRITERS: dict[str, tuple[str, ...]] = {
    "record_norm": ("records.normalized",),
    "quarantine": ("project.encrypted",),  # tally encrypt seals quarantined rows' values
}

#: Actions whose event covers the documents' rows: its subject, or all.
DOCUMENT_ACTIONS: dict[str, str] = {
    "document.ingested": "subject",
    "records.normalized": "all",
    "audit.covered": "all",
    "project.encrypted": "all",
}

EMPTY = [0, None]


def _row_hash(columns: Iterable[str]) -> str:
    parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), chr(0))" for c in columns)
    return f"sha256(concat_ws(chr(31), {parts}))"


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchall()[0][0])


def _existing(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> list[str]:
    """Those of ``tables`` the database has, in the order given: one look at the
    catalogue (information_schema costs a few milliseconds a question, and every
    audit event asks)."""
    wanted = list(tables)
    found = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name IN (SELECT unnest(?))",
        [wanted]).fetchall()}
    return [t for t in wanted if t in found]


def table_digests(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """``{table: [rows, sha256]}`` for every table of human inputs.

    Every audit event carries these. Where this process holds the store alone
    (:func:`hold_store`: the workspace server), the decision tables' row hashes
    are kept between events and only rows added since are read
    (:class:`_Kept`), so an event costs the same after 100,000 verdicts as after
    ten; elsewhere each table is read whole. Either way in one statement: under
    load each statement costs milliseconds whatever it reads."""
    kept = _held(con)
    if kept is None:
        tables = _existing(con, INPUT_TABLES)
        if not tables:
            return {}
        found = _digest_whole(con, tables)
        return {t: found[t] for t in tables}
    with kept.lock:
        if kept.tables is None:  # the schema, once: the server migrated before serving
            kept.tables = _existing(con, INPUT_TABLES)
        tables = kept.tables
        appended = [t for t in tables if t in APPEND_ONLY]
        whole = [t for t in tables if t not in APPEND_ONLY]
        parts, args = [], []
        for i, t in enumerate(whole):
            parts.append(f"SELECT {i} AS k, count(*) AS id, "
                         f"sha256(string_agg(h, '' ORDER BY h)) AS h "
                         f"FROM (SELECT {_row_hash(INPUT_TABLES[t][0])} AS h FROM {t})")
        for j, t in enumerate(appended):
            k = 100 + 2 * j
            state = kept.state(t)
            # the rows from the last one seen on (it is checked, the others are new),
            # and how many rows there are up to it
            parts.append(f"SELECT {k} AS k, decision_id AS id, {_row_hash(INPUT_TABLES[t][0])} "
                         f"AS h FROM {t} WHERE decision_id >= ?")
            parts.append(f"SELECT {k + 1} AS k, count(*) FILTER (WHERE decision_id <= ?) AS id, "
                         f"NULL AS h FROM {t}")
            args += [state.upto, state.upto]
        rows = con.execute(" UNION ALL ".join(parts), args).fetchall() if parts else []
        out: dict[str, list] = {}
        for i, t in enumerate(whole):
            n, d = next((r[1], r[2]) for r in rows if r[0] == i)
            out[t] = [int(n), d]
        for j, t in enumerate(appended):
            k = 100 + 2 * j
            seen = sorted((r[1], r[2]) for r in rows if r[0] == k)
            upto_count = next(r[1] for r in rows if r[0] == k + 1)
            state = kept.state(t)
            if not state.fits(seen, upto_count):  # a rolled-back row was kept: read whole
                state.reset()
                seen = sorted(con.execute(
                    f"SELECT decision_id, {_row_hash(INPUT_TABLES[t][0])} FROM {t}").fetchall())
            out[t] = state.add(seen)
        return {t: out[t] for t in tables}


def _digest_whole(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, list]:
    sql = " UNION ALL ".join(
        f"SELECT {i} AS k, count(*) AS n, sha256(string_agg(h, '' ORDER BY h)) AS d "
        f"FROM (SELECT {_row_hash(INPUT_TABLES[t][0])} AS h FROM {t})"
        for i, t in enumerate(tables))
    found = {k: (n, d) for k, n, d in con.execute(sql).fetchall()}
    return {t: [int(found[i][0]), found[i][1]] for i, t in enumerate(tables)}


#: Input tables Tally only ever appends to (each row a decision with the next id;
#: none is changed or deleted by Tally): their row hashes can be kept between events.
APPEND_ONLY = ("review_decision", "claim_decision", "incident_decision")

_HELD: dict[str, "_Kept"] = {}
_HELD_LOCK = threading.Lock()


def hold_store(db_path) -> None:
    """Say that this process holds the store at ``db_path`` for the rest of its life
    (the workspace server: no other process can write it meanwhile), so the
    decision tables' digests may be kept between events."""
    with _HELD_LOCK:
        _HELD.setdefault(str(Path(db_path).resolve()), _Kept())


def _held(con: duckdb.DuckDBPyConnection) -> "_Kept | None":
    if not _HELD:
        return None
    row = con.execute("SELECT path FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchall()
    if not row or not row[0][0]:
        return None
    return _HELD.get(str(Path(row[0][0]).resolve()))


class _Kept:
    """What a holding process keeps of one store: its input tables, and per
    append-only table its rows' hashes (:class:`_Appended`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tables: list[str] | None = None
        self.appended: dict[str, _Appended] = {}

    def state(self, table: str) -> "_Appended":
        return self.appended.setdefault(table, _Appended())


class _Appended:
    """An append-only table's row hashes, sorted, as last seen, and the decision id
    up to which they were read (-1: none yet).

    Before use the kept hashes are checked against the table: as many rows up to
    that id as were seen, and the row at that id still hashing the same (a
    transaction rolled back after its event was digested leaves a different row,
    or none, there: the table is then read whole again). The digest is SHA-256 over
    the sorted hashes, the same value the whole-table statement gives."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.upto, self.count, self.last, self.hashes = -1, 0, None, []

    def fits(self, seen: list[tuple[int, str]], upto_count: int) -> bool:
        if self.upto < 0:
            return upto_count == 0
        at = seen[0] if seen and seen[0][0] == self.upto else None
        return upto_count == self.count and at is not None and at[1] == self.last

    def add(self, seen: list[tuple[int, str]]) -> list:
        for decision_id, h in seen:
            if decision_id <= self.upto:
                continue
            bisect.insort(self.hashes, h)
            self.upto, self.last = decision_id, h
            self.count += 1
        if not self.hashes:
            return [0, None]
        return [self.count, hashlib.sha256("".join(self.hashes).encode("ascii")).hexdigest()]


def document_digests(
    con: duckdb.DuckDBPyConnection, documents: Iterable[str] | None = None
) -> dict[str, dict[str, list]]:
    """``{document sha256: {table: [rows, sha256]}}`` for the given documents
    (every stored document when None), including rows of unknown documents
    under their key when ``documents`` is None."""
    known = [r[0] for r in con.execute("SELECT sha256 FROM document").fetchall()]
    wanted = known if documents is None else list(documents)
    out: dict[str, dict[str, list]] = {sha: {} for sha in wanted}
    for table, (columns, key, length, _label) in DOCUMENT_TABLES.items():
        if not _has_table(con, table):
            continue
        by_key = {sha[:length]: sha for sha in wanted}
        where = "" if documents is None else f"WHERE {key} IN (SELECT unnest(?::VARCHAR[]))"
        params = [] if documents is None else [list(by_key)]
        found = {}
        for k, rows, digest in con.execute(
            f"SELECT k, count(*), sha256(string_agg(h, '' ORDER BY h)) "
            f"FROM (SELECT {key} AS k, {_row_hash(columns)} AS h FROM {table} {where}) "
            f"GROUP BY k", params
        ).fetchall():
            found[k] = [int(rows), digest]
        for k, value in found.items():
            out.setdefault(by_key.get(k, k), {})[table] = value
        for sha in wanted:
            out[sha].setdefault(table, list(EMPTY))
    return out


def event_digests(
    con: duckdb.DuckDBPyConnection, action: str, subject: str | None,
    documents: Iterable[str] | bool | None = None,
) -> dict:
    """What an event covers: the input tables always; documents' rows for
    the actions that write them (or as ``documents`` says: True for all)."""
    digests: dict = {"tables": table_digests(con)}
    if documents is None:
        scope = DOCUMENT_ACTIONS.get(action)
        documents = True if scope == "all" else [subject] if scope == "subject" and subject else False
    if documents is True:
        known = [r[0] for r in con.execute("SELECT sha256 FROM document").fetchall()]
        digests["documents"] = document_digests(con, known)
    elif documents:
        digests["documents"] = document_digests(con, documents)
    return digests
