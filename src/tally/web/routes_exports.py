"""Exports in the workspace (issue 19 item 7).

- ``/exports/public``: the public dataset (tally.report.public) for every role: no
  sensitive field by construction, records whose witness did not consent to
  publication left out, and so are the sources restricted to groups the user is
  not in; names only where ``[public] names`` says so and never for viewers.
- Full exports (records or persons, every field): asked for on ``/exports`` by an
  analyst or admin, approved or refused by *another* user who is an admin, then
  downloaded by the one who asked before the approval expires ([exports]
  approval_hours, default 24); encrypted to the recipient's age public key when the
  request names one. Asking, approving and downloading each need a proof of
  identity within the last few minutes (re-authentication). The rows of sources
  restricted to groups the requester is not in are left out of the file. An
  approval gives one download: a second is refused (``export.download_refused``),
  and the page shows when it was downloaded.

Every download is a ``read.export`` event in the chain (tally.store.reads), in the
user's name, with the request and its approver.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, RedirectResponse, Response

from tally.errors import TallyError, UsageError
from tally.report.exports import FORMATS, check_format
from tally.store import export_requests as requests_
from tally.web import access_view, account_text, security  # noqa: F401  (its Arabic)
from tally.web.security import require, require_fresh
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])

MEDIA = {"csv": "text/csv", "jsonl": "application/jsonl", "parquet": "application/vnd.apache.parquet",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _page(request: Request, session, error: str | None = None, status_code: int = 200):
    project = request.app.state.project
    mine, pending, decided = [], [], []
    if security.allowed(session.user.role, "export_full") or \
            security.allowed(session.user.role, "manage_users"):
        found = requests_.list_requests(project)
        mine = [r for r in found if r.requested_by == session.user.name]
        if security.allowed(session.user.role, "manage_users"):
            pending = [r for r in found if r.status == "requested"
                       and r.requested_by != session.user.name]
            decided = [r for r in found if r.status == "approved"][:50]
    return render(request, "exports.html", status_code, formats=FORMATS, what=requests_.WHAT,
                  mine=mine, pending=pending, decided=decided, error=error)


@router.get("/exports")
def exports(request: Request, session=require("read")):
    return _page(request, session)


def _download(path: Path, name: str, fmt: str, folder: Path) -> Response:
    """The file, streamed (memory does not grow with the export); its private
    temporary folder removed once it is sent, or if sending fails."""
    return FileResponse(path, media_type=MEDIA.get(fmt, "application/octet-stream"),
                        filename=name, content_disposition_type="attachment",
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


@router.get("/exports/public")
def public_export(request: Request, session=require("read"), format: str = "csv"):
    """The public dataset, made now for this user (their access groups applied)."""
    from tally.report.public import PublicPolicy, export_public
    from tally.store.reads import record_export

    project = request.app.state.project
    try:
        check_format(format)
    except UsageError as exc:
        return _page(request, session, str(exc), 400)
    policy = PublicPolicy.from_config(project.config)
    if session.user.role == "viewer" or not security.allowed(session.user.role, "read_identities"):
        policy = PublicPolicy(names=False, min_cell=policy.min_cell)
    folder = Path(tempfile.mkdtemp(prefix="tally-public-"))
    sent = False
    try:
        out = folder / f"public.{format}"
        result = export_public(project, out, format, policy=policy,
                               exclude_sources=access_view.hidden(request))
        with writing(request, session):
            record_export(project, "persons", out, {"format": format, "rows": result.rows,
                                                    "public": True, "names": policy.names,
                                                    "left_out": result.left_out, "web": True})
        sent = True
        return _download(out, out.name, format, folder)
    except TallyError as exc:
        return _page(request, session, str(exc), 400)
    finally:
        if not sent:
            shutil.rmtree(folder, ignore_errors=True)


@router.post("/exports")
def ask(request: Request, session=require_fresh("export_full", back="/exports"),
        what: str = Form(""), format: str = Form("csv"), recipient: str = Form(""),
        reason: str = Form("")):
    """Ask for a full export; an admin other than the asker approves it."""
    try:
        check_format(format)
        with writing(request, session):
            requests_.request_export(request.app.state.project, what, format,
                                     recipient=recipient, reason=reason)
    except TallyError as exc:
        return _page(request, session, str(exc), 400)
    return RedirectResponse("/exports", status_code=303)


@router.post("/exports/{request_id}/approve")
def approve(request: Request, request_id: str,
            session=require_fresh("manage_users", back="/exports")):
    return _decide(request, session, request_id, requests_.approve)


@router.post("/exports/{request_id}/refuse")
def refuse(request: Request, request_id: str,
           session=require_fresh("manage_users", back="/exports")):
    return _decide(request, session, request_id, requests_.refuse)


def _decide(request: Request, session, request_id: str, decide):
    try:
        with writing(request, session):
            decide(request.app.state.project, request_id)
    except TallyError as exc:
        return _page(request, session, str(exc), 400)
    return RedirectResponse("/exports", status_code=303)


@router.get("/exports/{request_id}/download")
def download(request: Request, request_id: str,
             session=require_fresh("export_full", back="/exports")):
    """The approved export, made now (so it holds what the store holds now), for the
    one who asked, before its approval expires; encrypted to its recipient if named."""
    from tally.report.exports import export_persons, export_records
    from tally.store.reads import record_export

    project = request.app.state.project
    hidden = access_view.hidden(request)
    try:
        req = requests_.usable(project, request_id, session.user.name)
        with writing(request, session):  # the one download, taken before the file is made
            requests_.claim_download(project, req.id)
    except TallyError as exc:
        return _page(request, session, str(exc), 403)
    folder = Path(tempfile.mkdtemp(prefix="tally-export-"))
    sent = False
    try:
        out = folder / f"{req.what}.{req.format}"
        if req.what == "records":
            rows = export_records(project, out, req.format, exclude_sources=hidden)
        else:
            rows = export_persons(project, out, req.format, exclude_sources=hidden)
        name = out.name
        if req.recipient:
            from tally.store.recipients import encrypt_file_to

            sealed = folder / (out.name + ".age")
            encrypt_file_to(out, sealed, req.recipient)
            out.unlink()
            out, name = sealed, sealed.name
        with writing(request, session):
            record_export(project, req.what, out, {
                "format": req.format, "rows": rows, "public": False, "request": req.id,
                "approved_by": req.decided_by, "to_recipient": bool(req.recipient),
                "restricted_sources_left_out": sorted(hidden), "web": True})
        sent = True
        return _download(out, name, req.format if not req.recipient else "age", folder)
    except TallyError as exc:
        return _page(request, session, str(exc), 400)
    finally:
        if not sent:  # nothing left the server: the download may be tried again
            shutil.rmtree(folder, ignore_errors=True)
            try:
                with writing(request, session):
                    requests_.release_download(project, req.id)
            except TallyError:
                pass  # busy: the request stays used (the safe side); ask again
