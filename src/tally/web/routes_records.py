"""Records: search by name across scripts, the person page, record entry."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from tally.errors import ProjectError, TallyError
from tally.ingest.entry import enter_record
from tally.link import person_view
from tally.model import RECORD_FIELDS
from tally.sources import list_sources
from tally.web import access_view, queries, security
from tally.web.reading import record_web_read
from tally.web.security import require
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])


def _iso_date(text: str) -> str:
    """A YYYY-MM-DD date from the form, or "" (anything else is ignored, not an error)."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat() if text.strip() else ""
    except ValueError:
        return ""


@router.get("/records")
def records(request: Request, session=require("read"), name: str = "", governorate: str = "",
            source: str = "", status: str = "", date_from: str = "", date_to: str = "",
            page: int = 1):
    project = request.app.state.project
    identities = security.allowed(session.user.role, "read_identities")
    search = queries.search_records(
        project, queries.RecordSearch(name=name, governorate=governorate, source=source,
                                      status=status, date_from=_iso_date(date_from),
                                      date_to=_iso_date(date_to),
                                      page=max(1, min(page, 100000))),
        identities=identities, hidden=access_view.hidden(request))
    if source and source in access_view.hidden(request):  # asked for a restricted source
        access_view.deny(request, session.user.name, "records", source, [source])
    if identities and search.rows:  # names listed: in the read audit before shown
        filters = [k for k, v in (("name", name), ("governorate", governorate),
                                  ("source", source), ("status", status),
                                  ("date_from", date_from), ("date_to", date_to)) if v]
        try:
            record_web_read(request, "search", None, {"filters": filters, "matches": search.total,
                                                      "page": search.page,
                                                      "shown": len(search.rows)})
        except TallyError as exc:
            return render(request, "error.html", 503, title="503", message=str(exc))
    lang = request.state.lang
    for row in search.rows:
        row["governorate_label"] = queries.place_label(row["governorate"], lang)
    return render(request, "records.html", search=search, identities=identities,
                  governorates=queries.governorates(),
                  sources=queries.since_last_change(project, "sources", list_sources,
                                                    ignore=queries.UNCOUNTED),
                  statuses=queries.STATUSES)


@router.get("/persons/{person_or_record}")
def person(request: Request, person_or_record: str, session=require("read")):
    identities = security.allowed(session.user.role, "read_identities")
    try:
        view = person_view(request.app.state.project, person_or_record)
    except ProjectError as exc:
        return render(request, "error.html", 404, title="404", message=str(exc))
    view, touched = access_view.mask_person(view, access_view.hidden(request))
    if touched:  # shown as "restricted"; the attempt is logged for admins
        access_view.deny(request, session.user.name, "person", view.person_id, touched)
    if not identities:  # public fields only: no names, no raw values, no notes
        for m in view.members:
            m.raw = {}
            m.mapped = {k: v for k, v in m.mapped.items()
                        if k in ("sex", "age", "date_of_death", "governorate", "status",
                                 "community", "perpetrator_claimed")}
    try:  # in the read audit before it is shown (as `tally person`)
        record_web_read(request, "person", view.person_id,
                        {"records": len(view.members), "identities": identities})
    except TallyError as exc:
        return render(request, "error.html", 503, title="503", message=str(exc))
    return render(request, "person.html", view=view, identities=identities)


#: the record entry form's fields, in order; the witness ones are sensitive
ENTRY_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "mother_name",
                "sex", "age", "date_of_death", "place", "status", "notes")
WITNESS_FIELDS = ("witness_name", "witness_contact", "consent")


def _entry_page(request: Request, *, error=None, saved=None, values=None, status_code=200):
    return render(request, "entry.html", status_code, sources=list_sources(request.app.state.project),
                  fields=ENTRY_FIELDS, witness=WITNESS_FIELDS, values=values or {}, error=error,
                  saved=saved, statuses=queries.STATUSES)


@router.get("/records/new")
def entry_form(request: Request, session=require("enter_record")):
    return _entry_page(request)


@router.post("/records/new")
async def enter(request: Request, session=require("enter_record")):
    form = await request.form()
    values = {f: str(form.get(f) or "") for f in (*ENTRY_FIELDS, *WITNESS_FIELDS)}
    source = str(form.get("source_id") or "")
    fields = {k: v for k, v in values.items() if k in RECORD_FIELDS}

    def enter_now():
        with writing(request, session):
            return enter_record(request.app.state.project, source, fields)

    try:
        report = await run_in_threadpool(enter_now)
    except TallyError as exc:
        return _entry_page(request, error=str(exc), values=values, status_code=400)
    return _entry_page(request, saved=report)


@router.get("/places")
def place_options(request: Request, place: str = "", session=require("enter_record")):
    """Gazetteer places matching ``place`` (what is typed so far) in either script, as
    <option>s: htmx sends the input's own value and fills the entry form's list."""
    return render(request, "place_options.html", places=queries.places(place))
