"""Access groups in the workspace: what a signed-in user may not read, and the
"restricted" stand-ins shown instead (the rule itself is :mod:`tally.store.access`).

Every page and API endpoint that shows records, documents, claims, quarantined rows
or incident members asks :func:`hidden` for the user's hidden sources and either
masks those items (:func:`mask_person`, :data:`RESTRICTED`) or leaves them out with a
count. A read that asked for restricted content by name (a person page, a record
filter on a restricted source, a verdict on a restricted record) is refused or masked
and logged by :func:`deny` as an ``access.denied`` audit event in the user's name.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from tally.store import access
from tally.store.audit import acting_as
from tally.web import protect_text  # noqa: F401  (the Protect pages' Arabic)

#: what a page shows in place of a restricted item's content
RESTRICTED = "restricted"


def hidden(request, user_name: str | None = None) -> frozenset[str]:
    """The sources hidden from the request's user (the session's, or ``user_name``:
    an API token's), computed once per request."""
    if user_name is None:
        session = getattr(request.state, "session", None)
        user_name = session.user.name if session else None
    cache = getattr(request.state, "hidden_sources", None)
    if cache is None:
        cache = request.state.hidden_sources = {}
    if user_name not in cache:
        cache[user_name] = access.hidden_sources(request.app.state.project, user_name)
    return cache[user_name]


def deny(request, user_name: str, what: str, subject: str | None,
         sources: Iterable[str]) -> None:
    """Log a refused read (``access.denied``) in the user's name, taking the app's
    writer lock like every other write (the audit chain is one line)."""
    from tally.errors import UsageError
    from tally.web.jobs import writer
    from tally.web.writes import WAIT_SECONDS

    lock = writer(request.app)
    if not lock.acquire(timeout=WAIT_SECONDS):  # refused, and said so: never unlogged
        raise UsageError("the project is busy with another change: try again shortly")
    try:
        with acting_as(user_name):
            access.record_denied(request.app.state.project, what, subject, sources)
    finally:
        lock.release()


def mask_person(view, hidden_sources: frozenset[str]) -> tuple[object, list[str]]:
    """``view`` (tally.link.PersonView) with each member from a hidden source replaced
    by a stand-in that says only "restricted" and its source; and the hidden sources
    it held (empty: nothing was masked)."""
    touched = sorted({m.source_id for m in view.members if m.source_id in hidden_sources})
    if not touched:
        return view, []
    members = []
    for m in view.members:
        if m.source_id in hidden_sources:
            m = dataclasses.replace(m, record_id=RESTRICTED, document=RESTRICTED,
                                    document_sha256=RESTRICTED, row_number=0, match_weight=None,
                                    mapped={}, raw={}, line_number=None, media_type=None)
        members.append(m)
    return dataclasses.replace(view, members=members), touched


def mask_members(rows: list[dict], hidden_sources: frozenset[str]) -> tuple[list[dict], list[str]]:
    """Incident members (dicts with ``source_id``) from hidden sources as stand-ins:
    the kind and the source kept, every other value "restricted" or blank."""
    touched = sorted({r.get("source_id") for r in rows if r.get("source_id") in hidden_sources})
    if not touched:
        return rows, []
    out = []
    for r in rows:
        if r.get("source_id") in hidden_sources:
            r = {k: (v if k in ("kind", "source_id") else None) for k, v in r.items()}
            r["member_id"] = RESTRICTED
            r["text"] = RESTRICTED
            r["restricted"] = True
        out.append(r)
    return out, touched


def visible_pairs(project, items: list, hidden_sources: frozenset[str]) -> list:
    """Review queue items (tally.link.review.QueueItem) whose two records the user may read."""
    if not hidden_sources:
        return items
    return [i for i in items if i.left.get("source_id") not in hidden_sources
            and i.right.get("source_id") not in hidden_sources]
