"""Accounts, for admins: who may sign in with which role, adding one, and disabling
or enabling one (a departed member: their sessions end at once and their API tokens
are revoked; the last enabled admin is never disabled). Each change needs a proof of
identity within the last few minutes, like every admin action."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse

from tally.errors import TallyError
from tally.store.accounts import ROLES, add_user, all_users, disable_user, enable_user
from tally.web import account_text  # noqa: F401  (the Arabic of these pages)
from tally.web import security
from tally.web.security import require
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])


def _page(request: Request, error: str | None = None, status_code: int = 200, name: str = ""):
    return render(request, "users.html", status_code, users=all_users(request.app.state.project),
                  roles=ROLES, error=error, name=name)


@router.get("/users")
def users(request: Request, session=require("manage_users")):
    return _page(request)


@router.post("/users")
def add(request: Request, session=security.require_fresh("manage_users", back="/users"),
        name: str = Form(""),
        role: str = Form(""), password: str = Form(""), language: str = Form("")):
    try:
        with writing(request, session):
            add_user(request.app.state.project, name.strip(), role, password,
                     language=language or None)
    except TallyError as exc:
        return _page(request, str(exc), 400, name=name)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_name}/disable")
def disable(request: Request, user_name: str,
            session=security.require_fresh("manage_users", back="/users")):
    return _change(request, session, disable_user, user_name)


@router.post("/users/{user_name}/enable")
def enable(request: Request, user_name: str,
           session=security.require_fresh("manage_users", back="/users")):
    return _change(request, session, enable_user, user_name)


def _change(request: Request, session, change, user_name: str):
    try:
        with writing(request, session):
            change(request.app.state.project, user_name)
    except TallyError as exc:
        return _page(request, str(exc), 400)
    return RedirectResponse("/users", status_code=303)
