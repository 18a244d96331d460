"""Sign in, sign out, and the page language."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from tally.store.accounts import AccountError, authenticate, end_session, open_session
from tally.web import security
from tally.web.i18n import LANGUAGES
from tally.web.templating import render

router = APIRouter(dependencies=[Depends(security.check_csrf)])


def local_path(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return render(request, "login.html", next=local_path(next), error=None)


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/")):
    project = request.app.state.project
    ip = request.client.host if request.client else "?"
    try:
        user = authenticate(project, name, password, ip)
    except AccountError as exc:
        return render(request, "login.html", 401, next=local_path(next), error=str(exc))
    session = open_session(project, user)
    response = RedirectResponse(local_path(next), status_code=303)
    security.set_cookie(request, response, security.SESSION_COOKIE, session.id, salt="session")
    return response


@router.post("/logout")
async def logout(request: Request):
    session = security.current_session(request)
    if session:
        await run_in_threadpool(end_session, request.app.state.project, session.id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str = "/"):
    """The language for this browser (a preference cookie; changes nothing stored)."""
    response = RedirectResponse(local_path(next), status_code=303)
    if code in LANGUAGES:
        security.set_cookie(request, response, security.LANG_COOKIE, code, signed=False)
    return response
