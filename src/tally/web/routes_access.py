"""Access groups, for admins: groups, members, restricted sources, and every refused
read (``access.denied`` events of the audit chain), newest first. The rule is
:mod:`tally.store.access`, shared with the CLI (``tally group``, ``tally source
restrict``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse

from tally.errors import TallyError
from tally.sources import list_sources
from tally.store import access
from tally.store.accounts import list_users
from tally.web import security
from tally.web.security import require
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])


def _page(request: Request, error: str | None = None, status_code: int = 200):
    project = request.app.state.project
    return render(request, "access.html", status_code, groups=access.list_groups(project),
                  denied=access.denied_events(project), users=list_users(project),
                  sources=list_sources(project), error=error)


@router.get("/access")
def access_page(request: Request, session=require("manage_users")):
    return _page(request)


@router.post("/access")
def change(request: Request, session=security.require_fresh("manage_users", back="/access"),
           action: str = Form(""),
           group: str = Form(""), user: str = Form(""), source: str = Form("")):
    """One change: add a group, add or remove a member, restrict or lift a source."""
    project = request.app.state.project
    actions = {
        "add_group": lambda: access.add_group(project, group.strip()),
        "add_member": lambda: access.add_member(project, group, user),
        "remove_member": lambda: access.remove_member(project, group, user),
        "restrict": lambda: access.restrict_source(project, source, group),
        "unrestrict": lambda: access.unrestrict_source(project, source, group),
    }
    if action not in actions:
        return _page(request, f"unknown action {action!r}", 400)
    try:
        with writing(request, session):
            actions[action]()
    except TallyError as exc:
        return _page(request, str(exc), 400)
    return RedirectResponse("/access", status_code=303)
