"""Who is asking, and may they: the signed session cookie, CSRF, roles.

- The session cookie carries only a random session id, signed (itsdangerous) with
  the project's workspace key; HttpOnly, SameSite=Strict, Secure when served behind
  TLS. The session row (tally.store.accounts) can be ended by signing out.
- Every POST form carries ``csrf_token``: the session's own token when signed in,
  else a signed per-browser token (the sign-in form). :func:`check_csrf` is a
  dependency of every router with forms and refuses a missing or wrong token (403).
- :data:`PERMISSIONS` is the one table of what each role may do; a route names the
  permission it needs with :func:`require`. The role × route test reads the routes.
"""

from __future__ import annotations

import hmac
import secrets

from urllib.parse import quote

from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.exceptions import HTTPException

from tally.store.accounts import ROLES, SESSION_HOURS, Session

SESSION_COOKIE = "tally_session"
ANON_COOKIE = "tally_form"
LANG_COOKIE = "tally_lang"

_IDENTITIES = ("admin", "analyst", "reviewer", "documenter")

#: permission → the roles that have it (the issue's roles; W2 adds review/jobs/exports)
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "read": ROLES,                          # dashboard, sources, documents, records (public fields)
    "read_identities": _IDENTITIES,         # names, raw values, search by name, person's rows
    "add_source": ("admin", "analyst"),
    "upload": ("admin", "documenter"),
    "enter_record": ("admin", "documenter"),
    "review": ("admin", "reviewer"),
    "run_stages": ("admin", "analyst"),
    "export_full": ("admin", "analyst"),
    "manage_users": ("admin",),
}


class SignInRequired(Exception):
    """No valid session: pages redirect to the sign-in form."""


class Forbidden(Exception):
    """Signed in, but the role lacks the permission (or a CSRF token is wrong)."""

    def __init__(self, why: str = "role") -> None:
        super().__init__(why)
        self.why = why


def allowed(role: str | None, permission: str) -> bool:
    return role is not None and role in PERMISSIONS[permission]


def serializer(key: str, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(key, salt=salt)


def read_signed(request: Request, cookie: str, salt: str) -> str | None:
    value = request.cookies.get(cookie)
    if not value:
        return None
    try:
        return serializer(request.app.state.secret, salt).loads(
            value, max_age=SESSION_HOURS * 3600)
    except BadSignature:
        return None


def set_cookie(request: Request, response, name: str, value: str, *, signed: bool = True,
               salt: str | None = None, http_only: bool = True) -> None:
    if signed:
        value = serializer(request.app.state.secret, salt or name).dumps(value)
    # the session is SameSite=Strict: with Lax a link or redirect on another site
    # (a top-level GET) arrived signed in, and pages that are reads in the audit chain
    # (a person page, a name search, a report, an export download) were recorded in
    # the victim's name — a read audit others can write into accuses the innocent
    samesite = "strict" if name == SESSION_COOKIE else "lax"
    response.set_cookie(name, value, max_age=SESSION_HOURS * 3600, httponly=http_only,
                        samesite=samesite, secure=request.app.state.secure_cookies, path="/")


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


def current_session(request: Request) -> Session | None:
    return getattr(request.state, "session", None)


def redirect(to: str) -> HTTPException:
    """A 303 to ``to`` raised from a dependency (no app-level handler needed)."""
    return HTTPException(303, "see " + to, headers={"Location": to})


ENROL_PATH = "/account"
REAUTH_PATH = "/reauth"


def _checked(request: Request, permission: str) -> Session:
    session = current_session(request)
    if session is None:
        raise SignInRequired()
    if session.must_enrol:  # the role needs a second factor: nothing else until it is set up
        raise redirect(ENROL_PATH)
    if not allowed(session.user.role, permission):
        raise Forbidden()
    return session


def require(permission: str):
    """A dependency: the signed-in session whose role has ``permission`` (and whose
    user has the second factor their role needs)."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)

    def check(request: Request) -> Session:
        return _checked(request, permission)

    check.permission = permission  # type: ignore[attr-defined]  (read by the tests)
    return Depends(check)


def require_fresh(permission: str, back: str | None = None):
    """:func:`require`, and a proof of identity within the last few minutes
    (``tally.store.accounts.FRESH_MINUTES``): exports and key operations. A stale
    session is sent to the re-authentication form, which returns to ``back`` (the
    page itself for a GET)."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)

    def check(request: Request) -> Session:
        session = _checked(request, permission)
        if not session.fresh():
            target = back or request.url.path
            raise redirect(f"{REAUTH_PATH}?next={quote(target)}")
        return session

    check.permission = permission  # type: ignore[attr-defined]
    check.fresh = True  # type: ignore[attr-defined]
    return Depends(check)


def signed_in():
    """A dependency: any signed-in session, even one that must still enrol a second
    factor (the enrolment and sign-out pages)."""

    def check(request: Request) -> Session:
        session = current_session(request)
        if session is None:
            raise SignInRequired()
        return session

    return Depends(check)


async def check_csrf(request: Request) -> None:
    """Every unsafe request carries the form's token: the session's, or the browser's."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    form = await request.form()
    sent = form.get("csrf_token")
    expected = request.state.csrf_token
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(
            sent.encode(), expected.encode()):
        raise Forbidden("csrf")
