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
}

#: Actions whose event covers the documents' rows: its subject, or all.
DOCUMENT_ACTIONS: dict[str, str] = {
    "document.ingested": "subject",
    "records.normalized": "all",
    "audit.covered": "all",
}

EMPTY = [0, None]


def _row_hash(columns: Iterable[str]) -> str:
    parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), chr(0))" for c in columns)
    return f"sha256(concat_ws(chr(31), {parts}))"


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchall()[0][0])


def table_digests(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """``{table: [rows, sha256]}`` for every table of human inputs."""
    out = {}
    for table, (columns, _label) in INPUT_TABLES.items():
        if not _has_table(con, table):
            continue
        rows, digest = con.execute(
            f"SELECT count(*), sha256(string_agg(h, '' ORDER BY h)) "
            f"FROM (SELECT {_row_hash(columns)} AS h FROM {table})"
        ).fetchall()[0]
        out[table] = [int(rows), digest]
    return out


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
