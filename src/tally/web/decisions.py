"""The workspace's review writes, shared by the pages and the HTTP API.

Each is the CLI's own core function (``tally review decide``, ``tally review
claim``, ``tally incidents merge|split|detach``) called in the signed-in user's
name, under the app's one writer lock (:func:`tally.web.jobs.writer`), so a verdict
lands in the audit chain exactly as the CLI's does, with the web user as actor,
and never races a running job for the chain's next link.

    decide_pair(app, "rana", "a-1", "b-4", "no-match", note="different fathers")
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from tally.errors import UsageError
from tally.extract.review import record_claim_decision
from tally.incident import record_incident_decision
from tally.link.review import record_verdict
from tally.store.access import refuse_hidden
from tally.store.audit import acting_as
from tally.web.jobs import writer
from tally.web.writes import WAIT_SECONDS

#: the keyboard's verdicts (m, n, u) as the core names them
PAIR_VERDICTS = ("match", "no-match", "unsure")
#: a note longer than this is refused (a note is a reason, not a document)
MAX_NOTE = 2000


def _note(note: str | None) -> str | None:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise UsageError(f"a note is at most {MAX_NOTE} characters")
    return note or None


@contextmanager
def _deciding(app, user: str) -> Iterator[None]:
    """The writer lock (waited for at most WAIT_SECONDS, as the pages' other writes:
    a link job may hold it for minutes), in ``user``'s name."""
    lock = writer(app)
    if not lock.acquire(timeout=WAIT_SECONDS):
        raise UsageError("the project is busy with another change (a job may be running): "
                         "try again when it has finished")
    try:
        with acting_as(user):
            yield
    finally:
        lock.release()


def decide_pair(app, user: str, record_a: str, record_b: str, verdict: str,
                note: str | None = None) -> int:
    note = _note(note)
    with _deciding(app, user):
        refuse_hidden(app.state.project, user, "review.pair", f"{record_a}|{record_b}",
                      records=[record_a, record_b])
        return record_verdict(app.state.project, record_a, record_b, verdict, note,
                              decided_by=user)


def decide_claim(app, user: str, claim_id: str, verdict: str, values: dict | None = None,
                 note: str | None = None) -> int:
    note = _note(note)
    with _deciding(app, user):
        refuse_hidden(app.state.project, user, "review.claim", claim_id, claims=[claim_id])
        return record_claim_decision(app.state.project, claim_id, verdict, values or None,
                                     note, decided_by=user)


def decide_incident(app, user: str, kind: str, member_a: str, member_b: str | None = None,
                    note: str | None = None) -> int:
    note = _note(note)
    members = [m for m in (member_a, member_b) if m]
    with _deciding(app, user):  # members are records or claims (access groups: P2)
        refuse_hidden(app.state.project, user, "review.incident", member_a,
                      records=members, claims=members)
        return record_incident_decision(app.state.project, kind, member_a, member_b or None,
                                        user, note)
