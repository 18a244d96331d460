"""Dashboard, sources and documents."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse

from tally.errors import TallyError
from tally.extract.review import claim_queue
from tally.ingest.inspect import quarantined_rows
from tally.model import RELIABILITY_GRADES, SOURCE_KINDS
from tally.sources import add_source, list_sources
from tally.status import project_status
from tally.web import access_view, queries, security
from tally.web.pair_queue import pair_queue
from tally.web.reading import record_web_read
from tally.web.security import require
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])


def _quiet(count, *args) -> int | None:
    """A queue's size, or None where its stage has not run yet."""
    try:
        return count(*args)
    except TallyError:
        return None


def _dashboard_data(project) -> dict:
    return {
        "status": project_status(project),
        "overview": queries.overview(project),
        "queues": {"claims": _quiet(lambda: len(claim_queue(project, limit=None)))},
    }


@router.get("/")
def dashboard(request: Request, session=require("read")):
    """Computed again only after a change: tally.status reads the whole store's
    versions (a quarter second on the demo's 6,000 records, more at 100,000), and
    every page view of a team would otherwise pay it. Reads and verdicts (most of a
    team's events) do not count as changes: the review queue's size comes live from
    the page's kept queue, the audit events' count from one small query."""
    project = request.app.state.project
    data = queries.since_last_change(project, "dashboard", _dashboard_data,
                                     ignore=queries.UNCOUNTED)
    try:
        pairs = pair_queue(request.app).page(project, 0)[1]
    except TallyError:  # no linkage yet
        pairs = None
    status = dataclasses.replace(data["status"], totals={
        **data["status"].totals, "audit_events": queries.last_change(project)})
    return render(request, "dashboard.html", **{**data, "status": status,
                                                "queues": {**data["queues"], "pairs": pairs}})


def _sources_page(request: Request, error: str | None = None, status_code: int = 200, form=None):
    return render(request, "sources.html", status_code,
                  sources=list_sources(request.app.state.project), kinds=SOURCE_KINDS,
                  hidden=access_view.hidden(request),
                  grades=RELIABILITY_GRADES, error=error, form=form or {})


@router.get("/sources")
def sources(request: Request, session=require("read")):
    return _sources_page(request)


@router.post("/sources")
def register_source(request: Request, session=require("add_source"),
                    source_id: str = Form(""), name: str = Form(""), kind: str = Form(""),
                    reliability: str = Form(""), language: str = Form(""),
                    notes: str = Form("")):
    try:
        with writing(request, session):
            add_source(request.app.state.project, source_id.strip(), name=name, kind=kind,
                       reliability=reliability, language=language.strip() or None,
                       notes=notes.strip() or None)
    except TallyError as exc:
        return _sources_page(request, str(exc), 400,
                             form={"source_id": source_id, "name": name, "notes": notes})
    return RedirectResponse("/sources", status_code=303)


@router.get("/quarantine")
def quarantine(request: Request, session=require("read_identities"), document: str = ""):
    """Rows that could not become records, by file and row, with the problem and the
    row as read (names in it: not for viewers), to be fixed at the source."""
    try:
        rows = quarantined_rows(request.app.state.project, document or None)
    except TallyError as exc:
        return render(request, "error.html", 404, title="404", message=str(exc))
    hidden = access_view.hidden(request)
    shown = [q for q in rows if q.source_id not in hidden]  # restricted: counted, not shown
    if document and len(shown) < len(rows):
        access_view.deny(request, session.user.name, "quarantine", document,
                         {q.source_id for q in rows} & hidden)
    if shown:  # rows as read (any value a list holds): in the read audit first
        try:
            record_web_read(request, "quarantine", document or None,
                            {"rows": min(len(shown), 1000), "of": len(shown)})
        except TallyError as exc:
            return render(request, "error.html", 503, title="503", message=str(exc))
    return render(request, "quarantine.html", rows=shown[:1000], total=len(shown),
                  restricted=len(rows) - len(shown))


@router.get("/documents")
def documents(request: Request, session=require("read")):
    hidden = access_view.hidden(request)
    docs = queries.documents(request.app.state.project)
    for d in docs:  # a file's name can name a witness: not for non-members
        if d["source_id"] in hidden:
            d.update(original_name=access_view.RESTRICTED, encoding=None, received_by=None,
                     restricted=True)
    return render(request, "documents.html", documents=docs)
