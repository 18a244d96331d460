"""The workspace's reads in the read audit (issue 19 item 5, for the web).

A page that shows what can hurt a witness or a victim's family — a person's records
with their raw values, a search over names, quarantined rows as read, a report —
appends a ``read.*`` event to the audit chain (the kinds of
:mod:`tally.store.reads`, which the CLI's ``tally person``, ``tally quarantine`` and
exports append) in the signed-in user's name, before the page leaves the server: a
view whose event could not be committed is not shown (the error page says the
project is busy). The event says who, when, what kind and which subject (a person
id, a document) and a few counts — never a value read, nor the name searched for.

Reads take the app's writer lock like every write (:func:`tally.web.jobs.writer`):
the chain is one line. Under a team's load most events are reads, so they are
committed in groups: each request hands its event to one writer thread and waits
for it; the thread appends every event waiting, in order, in one transaction, and
anchors the chain's head once (one connection, one fsync for the group instead of
one each). A request's page is shown only after its event's group committed. Reads
do not count as changes for the pages' caches (:data:`tally.web.queries.UNCOUNTED`).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

from tally.errors import UsageError
from tally.store.audit import acting_as, append_event
from tally.store.reads import KINDS
from tally.store.transaction import transaction
from tally.web.jobs import writer
from tally.web.writes import WAIT_SECONDS

#: at most this many events in one transaction
GROUP = 200


def record_web_read(request, kind: str, subject: str | None, details: dict[str, Any],
                    user: str | None = None, via: str = "web") -> str:
    """Append ``read.KIND`` for the request's user (the session's, or ``user``: an API
    token's) with ``{"via": via, **details}`` and wait until it is committed; return
    the event's hash. Raises UsageError when the store stays busy. Call from a worker
    thread (it blocks)."""
    action = KINDS[kind]  # an unknown kind is a programming error: refuse now
    future: Future = Future()
    name = user or request.state.session.user.name
    _reader(request.app).put((name, action, subject, {"via": via, **details}, future))
    return future.result(timeout=2 * WAIT_SECONDS + 5)


class _ReadWriter:
    """One thread appending the read events handed to it, in groups."""

    def __init__(self, app) -> None:
        self.app = app
        self._pending: list = []
        self._ready = threading.Condition()
        threading.Thread(target=self._work, name="tally-reads", daemon=True).start()

    def put(self, item) -> None:
        with self._ready:
            self._pending.append(item)
            self._ready.notify()

    def _work(self) -> None:
        while True:
            with self._ready:
                while not self._pending:
                    self._ready.wait()
                group, self._pending = self._pending[:GROUP], self._pending[GROUP:]
            try:
                hashes = self._append(group)
            except BaseException as exc:  # noqa: BLE001 - each waiting page is told
                for *_, future in group:
                    future.set_exception(exc)
                continue
            for (*_, future), digest in zip(group, hashes):
                future.set_result(digest)

    def _append(self, group: list) -> list[str]:
        lock = writer(self.app)
        if not lock.acquire(timeout=WAIT_SECONDS):
            raise UsageError("the project is busy with another change: try again shortly")
        try:
            hashes = []
            with self.app.state.project.connect() as con, transaction(con):
                for user, action, subject, details, _ in group:
                    with acting_as(user):
                        hashes.append(append_event(con, action, subject, details))
            return hashes
        finally:
            lock.release()


_MAKE = threading.Lock()


def _reader(app) -> _ReadWriter:
    reader = getattr(app.state, "read_writer", None)
    if reader is None:
        with _MAKE:
            reader = getattr(app.state, "read_writer", None)
            if reader is None:
                reader = app.state.read_writer = _ReadWriter(app)
    return reader
