"""The workspace's reads in the read audit (issue 19 item 5, for the web).

A page that shows what can hurt a witness or a victim's family — a person's records
with their raw values, a search over names, quarantined rows as read, a report —
appends a ``read.*`` event to the audit chain (:func:`tally.store.reads.record_read`,
the function the CLI's ``tally person``, ``tally quarantine`` and exports call) in the
signed-in user's name, before the page leaves the server: a view whose event could
not be committed is not shown (the error page says the project is busy). The event
says who, when, what kind and which subject (a person id, a document) and a few
counts — never a value read, nor the name searched for.

Reads take the app's writer lock like every write (:func:`tally.web.jobs.writer`):
the chain is one line. They do not count as changes for the pages' caches
(:data:`tally.web.queries.UNCOUNTED`).
"""

from __future__ import annotations

from typing import Any

from tally.errors import UsageError
from tally.store.audit import acting_as
from tally.store.reads import record_read
from tally.web.jobs import writer
from tally.web.writes import WAIT_SECONDS


def record_web_read(request, kind: str, subject: str | None, details: dict[str, Any]) -> str:
    """Append ``read.KIND`` for the request's user (``{"via": "web", **details}``);
    return the event's hash. Raises UsageError when the store stays busy."""
    session = request.state.session
    lock = writer(request.app)
    if not lock.acquire(timeout=WAIT_SECONDS):
        raise UsageError("the project is busy with another change: try again shortly")
    try:
        with acting_as(session.user.name):
            return record_read(request.app.state.project, kind, subject,
                               {"via": "web", **details})
    finally:
        lock.release()
