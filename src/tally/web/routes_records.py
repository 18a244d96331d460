"""Records: search by name across scripts, the person page, record entry."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from tally.errors import ProjectError
from tally.link import person_view
from tally.sources import list_sources
from tally.web import queries, security
from tally.web.security import require
from tally.web.templating import render

router = APIRouter(dependencies=[Depends(security.check_csrf)])


@router.get("/records")
def records(request: Request, session=require("read"), name: str = "", governorate: str = "",
            source: str = "", status: str = "", page: int = 1):
    project = request.app.state.project
    identities = security.allowed(session.user.role, "read_identities")
    search = queries.search_records(
        project, queries.RecordSearch(name=name, governorate=governorate, source=source,
                                      status=status, page=max(1, min(page, 100000))),
        identities=identities)
    lang = request.state.lang
    for row in search.rows:
        row["governorate_label"] = queries.place_label(row["governorate"], lang)
    return render(request, "records.html", search=search, identities=identities,
                  governorates=queries.governorates(), sources=list_sources(project),
                  statuses=queries.STATUSES)


@router.get("/persons/{person_or_record}")
def person(request: Request, person_or_record: str, session=require("read")):
    identities = security.allowed(session.user.role, "read_identities")
    try:
        view = person_view(request.app.state.project, person_or_record)
    except ProjectError as exc:
        return render(request, "error.html", 404, title="404", message=str(exc))
    if not identities:  # public fields only: no names, no raw values, no notes
        for m in view.members:
            m.raw = {}
            m.mapped = {k: v for k, v in m.mapped.items()
                        if k in ("sex", "age", "date_of_death", "governorate", "status",
                                 "community", "perpetrator_claimed")}
    return render(request, "person.html", view=view, identities=identities)
