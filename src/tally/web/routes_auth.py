"""Sign in (password, then a second factor where the user has one), sign out, the
user's own account page (second-factor enrolment and recovery codes, and changing
the password: the current one first, the user's other sessions then end),
re-authentication before exports and key operations, and the page language.

The second step of a sign-in holds no session: the password's success is kept in a
signed cookie that lives :data:`PENDING_SECONDS` and names the user; only a right code
(:func:`tally.store.accounts.check_second_factor`) opens a session. Each wrong code is a
failed sign-in, so guessing codes locks the account like guessing passwords.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from itsdangerous import BadSignature
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from tally.store.accounts import (AccountError, authenticate, check_second_factor, end_session,
                                  enrol_totp, has_totp, new_totp_secret, open_session,
                                  reauthenticate, totp_uri)
from tally.web import account_text, protect_text  # noqa: F401  (the Arabic of these pages)
from tally.web import security
from tally.web.i18n import LANGUAGES
from tally.web.templating import render

router = APIRouter(dependencies=[Depends(security.check_csrf)])

PENDING_COOKIE = "tally_pending"
PENDING_SECONDS = 300
ENROL_SECONDS = 900


def local_path(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _ip(request: Request) -> str:
    return request.client.host if request.client else "?"


def _signed_in(request: Request, user, next_path: str) -> RedirectResponse:
    session = open_session(request.app.state.project, user)
    response = RedirectResponse(local_path(next_path), status_code=303)
    security.set_cookie(request, response, security.SESSION_COOKIE, session.id, salt="session")
    response.delete_cookie(PENDING_COOKIE, path="/")
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return render(request, "login.html", next=local_path(next), error=None)


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/")):
    project = request.app.state.project
    try:
        user = authenticate(project, name, password, _ip(request))
    except AccountError as exc:
        return render(request, "login.html", 401, next=local_path(next), error=str(exc))
    if has_totp(project, user.name):  # the password was right: now the second factor
        response = RedirectResponse(f"/login/code?next={local_path(next)}", status_code=303)
        security.set_cookie(request, response, PENDING_COOKIE, user.name, salt="pending")
        return response
    return _signed_in(request, user, next)


def _pending_user(request: Request) -> str | None:
    value = request.cookies.get(PENDING_COOKIE)
    if not value:
        return None
    try:
        return security.serializer(request.app.state.secret, "pending").loads(
            value, max_age=PENDING_SECONDS)
    except BadSignature:
        return None


@router.get("/login/code")
def code_form(request: Request, next: str = "/"):
    if _pending_user(request) is None:
        return RedirectResponse("/login", status_code=303)
    return render(request, "login_code.html", next=local_path(next), error=None)


@router.post("/login/code")
def code(request: Request, code: str = Form(""), next: str = Form("/")):
    project = request.app.state.project
    name = _pending_user(request)
    if name is None:  # expired or forged: start again
        return RedirectResponse("/login", status_code=303)
    try:
        check_second_factor(project, name, code, _ip(request))
    except AccountError as exc:
        return render(request, "login_code.html", 401, next=local_path(next), error=str(exc))
    from tally.store.accounts import list_users

    user = [u for u in list_users(project) if u.name == name]  # enabled users only
    if not user:
        return RedirectResponse("/login", status_code=303)
    return _signed_in(request, user[0], next)


@router.post("/logout")
async def logout(request: Request):
    session = security.current_session(request)
    if session:
        await run_in_threadpool(end_session, request.app.state.project, session.id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


# --------------------------------------------------------------------------- account

def _account_page(request: Request, session, *, error=None, codes=None, status_code=200,
                  changed=False):
    project = request.app.state.project
    enrolled = has_totp(project, session.user.name)
    secret = uri = signed = None
    if not enrolled and codes is None:  # a new secret to enrol, carried signed in the form
        secret = new_totp_secret()
        uri = totp_uri(session.user.name, secret, project.name)
        signed = security.serializer(request.app.state.secret, "enrol").dumps(
            [session.id, secret])
    return render(request, "account.html", status_code, enrolled=enrolled, secret=secret, uri=uri,
                  signed=signed, codes=codes, error=error, must_enrol=session.must_enrol,
                  changed=changed)


@router.get("/account")
def account(request: Request, session=security.signed_in(), changed: str = ""):
    return _account_page(request, session, changed=changed == "1")


@router.post("/account/totp")
def enrol(request: Request, session=security.signed_in(), signed: str = Form(""),
          code: str = Form("")):
    """Turn on the second factor: the secret shown on the page, and a code from the
    authenticator that proves it has it. Recovery codes are shown this once. Refused
    once it is on (a stolen session cannot swap in the thief's authenticator), and
    asked of a fresh session only (the password again after a few minutes)."""
    if has_totp(request.app.state.project, session.user.name):
        return _account_page(request, session, error="the second factor is already on",
                             status_code=400)
    if not session.fresh():
        return RedirectResponse(f"{security.REAUTH_PATH}?next=/account", status_code=303)
    try:
        sid, secret = security.serializer(request.app.state.secret, "enrol").loads(
            signed, max_age=ENROL_SECONDS)
    except (BadSignature, ValueError, TypeError):
        return _account_page(request, session, error="the form is too old: try again",
                             status_code=400)
    if sid != session.id:  # a secret made for another session is not this one's
        return _account_page(request, session, error="the form is not this session's",
                             status_code=400)
    from tally.web.writes import writing

    try:
        with writing(request, session):
            codes = enrol_totp(request.app.state.project, session.user.name, secret, code)
    except AccountError as exc:
        return _account_page(request, session, error=str(exc), status_code=400)
    return _account_page(request, session, codes=codes)


@router.post("/account/password")
def change_password(request: Request, session=security.require("read"), current: str = Form(""),
                    password: str = Form(""), again: str = Form("")):
    """The user's own new password: the current one (a wrong one counts towards the
    sign-in lock), the new one twice; asked of a fresh session only, like the second
    factor's enrolment. Every session of the user ends, a stolen copy of this one's
    cookie too; the user goes on in a new session."""
    from tally.errors import TallyError
    from tally.store.accounts import change_own_password
    from tally.web.writes import writing

    if not session.fresh():
        return RedirectResponse(f"{security.REAUTH_PATH}?next=/account", status_code=303)
    if password != again:
        return _account_page(request, session, error="the two new passwords differ",
                             status_code=400)
    try:
        with writing(request, session):
            renewed = change_own_password(request.app.state.project, session, current,
                                          password, _ip(request))
    except AccountError as exc:
        locked = str(exc).startswith("too many")
        return _account_page(request, session, status_code=401,
                             error=str(exc) if locked else "the current password is wrong")
    except TallyError as exc:
        return _account_page(request, session, error=str(exc), status_code=400)
    # every session ended, this one too (a copy of its cookie is a thief's): the user
    # goes on in a new one, with a new cookie
    response = RedirectResponse("/account?changed=1", status_code=303)
    security.set_cookie(request, response, security.SESSION_COOKIE, renewed.id, salt="session")
    return response


# --------------------------------------------------------------------------- re-authentication

@router.get(security.REAUTH_PATH)
def reauth_form(request: Request, next: str = "/", session=security.signed_in()):
    return render(request, "reauth.html", next=local_path(next), error=None,
                  totp=has_totp(request.app.state.project, session.user.name))


@router.post(security.REAUTH_PATH)
def reauth(request: Request, session=security.signed_in(), password: str = Form(""),
           code: str = Form(""), next: str = Form("/")):
    project = request.app.state.project
    try:
        reauthenticate(project, session, password, code, _ip(request))
    except AccountError as exc:
        return render(request, "reauth.html", 401, next=local_path(next), error=str(exc),
                      totp=has_totp(project, session.user.name))
    return RedirectResponse(local_path(next), status_code=303)


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str = "/"):
    """The language for this browser (a preference cookie; changes nothing stored)."""
    response = RedirectResponse(local_path(next), status_code=303)
    if code in LANGUAGES:
        security.set_cookie(request, response, security.LANG_COOKIE, code, signed=False)
    return response
