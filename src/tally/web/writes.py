"""Every write the pages make: in the signed-in user's name, one at a time.

The store's audit chain takes its next link from the last event, so two writes
at once would race for it; the app's one writer lock (:func:`tally.web.jobs.writer`,
shared with W2's jobs and verdicts) orders them. A page waits for it at most
:data:`WAIT_SECONDS` (a link run may hold it for minutes) and then says the
project is busy instead of hanging. Call from a worker thread, never the event
loop (``run_in_threadpool``): the wait blocks.

    with writing(request, session):
        add_source(project, ...)
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from tally.errors import UsageError
from tally.store.audit import acting_as
from tally.web.jobs import writer

WAIT_SECONDS = 20.0


@contextmanager
def writing(request, session) -> Iterator[None]:
    lock = writer(request.app)
    if not lock.acquire(timeout=WAIT_SECONDS):
        raise UsageError("the project is busy with another change (a job may be running): "
                         "try again when it has finished")
    try:
        with acting_as(session.user.name):
            yield
    finally:
        lock.release()
