"""The audit chain's anchor: its head (event count and hash) kept outside the store.

A hash chain shows an edited or removed event in its middle, but not events
cut from its end: what is left is still a valid chain. So the head is also
written to ``audit.head`` in the project folder each time a connection that
could write is closed, and printed by ``tally status`` and ``tally audit
verify`` so it can be written down or published; ``tally audit verify
--head HASH`` checks the chain against such a copy.

The file only moves forward: it is rewritten only when the chain still holds
the head it names (the new head extends it). A chain cut short is left for
``verify`` to report, never silently re-anchored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tally.store.atomic import atomic_write_text
from tally.store.layout import HEAD_NAME


@dataclass(frozen=True)
class Head:
    events: int
    hash: str

    def __str__(self) -> str:
        return f"{self.events} events, head {self.hash}"


def chain_head(con: duckdb.DuckDBPyConnection) -> Head | None:
    """The newest event of the chain as stored (None for an empty chain)."""
    row = con.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchall()
    return Head(int(row[0][0]), row[0][1]) if row else None


def read_head(root: Path) -> Head | None:
    """The head recorded in ``audit.head``; None if there is none. A file that
    cannot be read as a head counts as one that names no event (seq 0)."""
    path = Path(root) / HEAD_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Head(int(data["events"]), str(data["hash"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Head(0, "unreadable")


def write_head(root: Path, head: Head) -> None:
    """Replace ``audit.head`` atomically (owner-only; the file and its folder fsynced)."""
    atomic_write_text(Path(root) / HEAD_NAME,
                      json.dumps({"events": head.events, "hash": head.hash}) + "\n")


def hash_at(con: duckdb.DuckDBPyConnection, seq: int) -> str | None:
    row = con.execute("SELECT hash FROM audit_event WHERE seq = ?", [seq]).fetchall()
    return row[0][0] if row else None


def advance_head(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Record the chain's head in ``audit.head`` if it extends the recorded one."""
    head = chain_head(con)
    if head is None:
        return
    recorded = read_head(root)
    if recorded == head:
        return
    if recorded is not None and (recorded.events > head.events
                                 or hash_at(con, recorded.events) != recorded.hash):
        return  # the chain no longer holds the recorded head: verify says so
    write_head(root, head)


def head_problems(con: duckdb.DuckDBPyConnection, recorded: Head | None, where: str) -> list[str]:
    """Why the chain does not hold ``recorded`` (from ``where``), if it does not."""
    if recorded is None:
        return []
    if recorded.events == 0:
        return [f"{where} cannot be read as an audit head: it was damaged or replaced "
                "(check with --head HASH)"]
    head = chain_head(con)
    events = head.events if head else 0
    if recorded.events > events:
        return [f"the audit chain ends at event {events}, but {where} recorded "
                f"{recorded.events} events (head {recorded.hash[:16]}): "
                f"events were removed from its end"]
    if hash_at(con, recorded.events) != recorded.hash:
        return [f"audit event {recorded.events} is not the one {where} recorded "
                f"(head {recorded.hash[:16]}): the chain was changed or replaced"]
    return []


def find_head(con: duckdb.DuckDBPyConnection, text: str) -> Head | None:
    """The event whose hash is ``text`` (a full hash, or a prefix of 12+ digits)."""
    text = text.strip().lower()
    if len(text) < 12:
        return None
    rows = con.execute(
        "SELECT seq, hash FROM audit_event WHERE starts_with(hash, ?) ORDER BY seq", [text]
    ).fetchall()
    return Head(int(rows[0][0]), rows[0][1]) if len(rows) == 1 else None
