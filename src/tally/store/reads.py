"""Read audit: who looked at whom, and who took what out, in the audit chain.

Writes are accounted for by the hash chain (:mod:`tally.store.audit`); reads of
what can hurt a witness must be too (issue 19 item 5): viewing a person's
records (``tally person``), quarantined rows as read (``tally quarantine``), every export (``tally export ...``, full and
public), the report, and a backup (``project.backed_up``, written by
:mod:`tally.backup`). Each appends one ``read.*`` event to the same
chain: the actor (:func:`~tally.store.audit.current_actor`: the OS user, or the
workspace user), the time, the kind of read, its subject (a person id; an
export's table) and a few details (format, file name, row count, whether
sensitive values could be in it) — never a value read.

A read-only connection cannot append, and the commands that read open the
store read-only. So the event is appended through a short read-write
connection of its own, opened after the read succeeded (a read that failed is
no read) and *before* its result leaves Tally: a view is printed only once its
event is committed; an export file that was written but whose event cannot be
committed is deleted, and the command fails. DuckDB lets one process write a
store at a time: where the read could open the store, so can its event.

A read event carries the input tables' digests like any event (it vouches for
them as they stand) and writes no table, so ``tally audit verify`` still passes
after any number of reads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tally.store.audit import append_event
from tally.store.transaction import transaction

#: Kinds of read and their actions in the chain.
KINDS: dict[str, str] = {
    "person": "read.person",  # a person's records viewed (tally person)
    "quarantine": "read.quarantine",  # quarantined rows shown as read (tally quarantine)
    "export": "read.export",  # a table or the public dataset written to a file
    "report": "read.report",  # the report (HTML, PDF) written
    "document": "read.document",  # a received document's bytes handed out
    "search": "read.search",  # records searched, their names listed (the workspace)
}


def record_read(project, kind: str, subject: str | None, details: dict[str, Any]) -> str:
    """Append the ``read.KIND`` event (a transaction of its own); return its hash."""
    action = KINDS[kind]
    with project.connect() as con, transaction(con):
        return append_event(con, action, subject, details)


def record_export(project, what: str, out: str | os.PathLike, details: dict[str, Any],
                  kind: str = "export") -> str:
    """:func:`record_read` for a file just written; the file is removed if its event
    cannot be recorded (an export nobody accounted for must not exist)."""
    path = Path(out)
    try:
        return record_read(project, kind, what, {"file": path.name, **details})
    except BaseException:
        path.unlink(missing_ok=True)
        raise
