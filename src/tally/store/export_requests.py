"""Export control (issue 19 item 7): a full export from the workspace is asked for,
approved by someone else (an admin), downloaded by the one who asked, before the
approval expires.

    req = request_export(project, "records", "csv", recipient="age1...", reason="court")
    approve(project, req.id)                 # as another user (acting_as): an admin
    req = usable(project, req.id, "rana")    # the requester, within its hours
    claim_download(project, req.id)          # once: a second one is refused

Each step is an audit event (``export.requested``, ``export.approved``,
``export.refused``; the download itself is a ``read.export``; a second download,
refused, is ``export.download_refused``). An approval gives one download: a link
or a session copied from the requester gets nothing once it was used, and the
requester sees it downloaded when they did not. The one who asks
can never approve their own request. An approval lasts ``[exports] approval_hours``
(default 24) from the decision; after it a new request is needed. A request may
name the recipient's age public key: the file is then encrypted to it
(:mod:`tally.store.recipients`) and only that recipient opens it.

The operating-system user who runs ``tally export`` on the project folder holds the
store itself (and, in an encrypted project, the key): the CLI's exports are that
operator's own act, recorded as ``read.export`` events in the chain, not requests
(nobody could stop them by refusing).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tally.errors import UsageError
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.transaction import transaction

WHAT = ("records", "persons")
APPROVAL_HOURS = 24
_COLUMNS = ("id", "what", "format", "recipient", "reason", "requested_by", "requested_at",
            "decided_by", "decided_at", "status", "expires_at", "downloads", "downloaded_at")


@dataclass(frozen=True)
class ExportRequest:
    id: str
    what: str
    format: str
    recipient: str | None
    reason: str | None
    requested_by: str
    requested_at: str
    decided_by: str | None
    decided_at: str | None
    status: str
    expires_at: str | None
    downloads: int
    downloaded_at: str | None = None

    @property
    def expired(self) -> bool:
        return bool(self.expires_at) and self.expires_at < utc_now()


def approval_hours(project) -> float:
    hours = float(dict(getattr(project, "config", {}) or {}).get("exports", {}).get(
        "approval_hours", APPROVAL_HOURS))
    if hours <= 0:
        raise UsageError("[exports] approval_hours must be more than 0")
    return hours


def request_export(project, what: str, fmt: str, *, recipient: str | None = None,
                   reason: str | None = None) -> ExportRequest:
    """Ask for a full export of ``what`` in ``fmt`` (by :func:`current_actor`); the
    shell checks ``fmt`` against the writers' formats (tally.report.exports.FORMATS)."""
    if what not in WHAT:
        raise UsageError(f"{what!r}: a full export is of {' or '.join(WHAT)}")
    if not fmt or not fmt.isalnum():
        raise UsageError(f"format {fmt!r}")
    recipient = (recipient or "").strip() or None
    if recipient:
        from tally.store.recipients import RECIPIENT_PREFIX, parse_recipients

        # the key itself, never a file name: parse_recipients reads files (for the
        # CLI's operator), and from the workspace that read any file on the server
        # and echoed the start of its first line (the cookie-signing key among them)
        if not recipient.startswith(RECIPIENT_PREFIX):
            raise UsageError("a recipient is an age public key (age1...), "
                             "pasted whole: ask the recipient for theirs")
        parse_recipients(recipient)  # a clear error now, not at the download
    reason = (reason or "").strip()[:500] or None
    rid = "X-" + secrets.token_hex(6)
    with project.connect() as con, transaction(con):
        con.execute(f"INSERT INTO export_request ({', '.join(_COLUMNS)}) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'requested', NULL, 0, NULL)",
                    [rid, what, fmt, recipient, reason, current_actor(), utc_now()])
        append_event(con, "export.requested", rid, {"what": what, "format": fmt,
                                                    "to_recipient": bool(recipient)})
    return get_request(project, rid)


def get_request(project, rid: str) -> ExportRequest:
    with project.connect(read_only=True) as con:
        row = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM export_request WHERE id = ?",
                          [rid]).fetchall()
    if not row:
        raise UsageError(f"no export request {rid!r}")
    return ExportRequest(*row[0])


def list_requests(project, limit: int = 200) -> list[ExportRequest]:
    with project.connect(read_only=True) as con:
        rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM export_request "
                           "ORDER BY requested_at DESC LIMIT ?", [limit]).fetchall()
    return [ExportRequest(*r) for r in rows]


def _decide(project, rid: str, status: str) -> ExportRequest:
    actor = current_actor()
    req = get_request(project, rid)
    if req.status != "requested":
        raise UsageError(f"export request {rid} is already {req.status}")
    if req.requested_by == actor:
        raise UsageError("a request is approved by someone other than the one who asked")
    now = datetime.now(timezone.utc)
    expires = (now + timedelta(hours=approval_hours(project))).isoformat(timespec="microseconds") \
        if status == "approved" else None
    with project.connect() as con, transaction(con):
        changed = con.execute(
            "UPDATE export_request SET status = ?, decided_by = ?, decided_at = ?, expires_at = ? "
            "WHERE id = ? AND status = 'requested' RETURNING id",
            [status, actor, now.isoformat(timespec="microseconds"), expires, rid]).fetchall()
        if not changed:
            raise UsageError(f"export request {rid} was decided meanwhile")
        append_event(con, f"export.{status}", rid, {"requested_by": req.requested_by,
                                                   "expires_at": expires})
    return get_request(project, rid)


def approve(project, rid: str) -> ExportRequest:
    """Approve (as :func:`current_actor`, who must not be the requester)."""
    return _decide(project, rid, "approved")


def refuse(project, rid: str) -> ExportRequest:
    return _decide(project, rid, "refused")


def usable(project, rid: str, user: str) -> ExportRequest:
    """The request, when ``user`` asked for it, it was approved and has not expired,
    and its approver is still an enabled admin (an admin removed or demoted for
    misconduct leaves no approval behind that still opens every witness)."""
    req = get_request(project, rid)
    if req.requested_by != user:
        raise UsageError("only the one who asked for an export downloads it")
    if req.status != "approved":
        raise UsageError(f"export request {rid} is {req.status}, not approved")
    if req.expired:
        raise UsageError(f"the approval of {rid} expired at {req.expires_at[:19]} UTC: "
                         "ask again")
    with project.connect(read_only=True) as con:  # an approval is only as good as its admin
        approver = con.execute("SELECT 1 FROM app_user WHERE name = ? AND role = 'admin' "
                               "AND NOT disabled", [req.decided_by]).fetchall()
    if not approver:
        raise UsageError(f"the approval of {rid} no longer stands: {req.decided_by} is no "
                         "longer an admin; ask again")
    return req


def _already(rid: str, when: str) -> str:
    return f"export request {rid} was already downloaded at {when[:19]} UTC: ask again"


def claim_download(project, rid: str) -> None:
    """Take the request's one download (before the file is made), or refuse with
    when it was taken: the check and the mark are one statement, so of two downloads
    sent at once one gets the file. A refusal is an ``export.download_refused``
    event in the name of :func:`current_actor`."""
    now = utc_now()
    with project.connect() as con, transaction(con):
        taken = con.execute(
            "UPDATE export_request SET downloaded_at = ?, downloads = downloads + 1 "
            "WHERE id = ? AND downloaded_at IS NULL RETURNING id", [now, rid]).fetchall()
        if not taken:
            when = con.execute("SELECT downloaded_at FROM export_request WHERE id = ?",
                               [rid]).fetchall()
            when = (when[0][0] if when else None) or ""
            append_event(con, "export.download_refused", rid, {"downloaded_at": when})
    if not taken:
        raise UsageError(_already(rid, when))


def release_download(project, rid: str) -> None:
    """Give the download back when making the file failed before anything was sent
    (the requester may try again; nothing left the server)."""
    with project.connect() as con, transaction(con):
        con.execute("UPDATE export_request SET downloaded_at = NULL, downloads = downloads - 1 "
                    "WHERE id = ? AND downloaded_at IS NOT NULL", [rid])

