"""API tokens, for admins: make one for a user (shown once), list them, revoke one.

The same store functions as ``tally user token`` (:mod:`tally.store.api_tokens`);
the secret is on the page that made it and nowhere else (never stored, never logged).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse

from tally.errors import TallyError
from tally.store.accounts import list_users
from tally.store.api_tokens import create_token, list_tokens, revoke_token
from tally.web import review_text  # noqa: F401  (adds the tokens page's Arabic)
from tally.web import security
from tally.web.security import require
from tally.web.templating import render
from tally.web.writes import writing

router = APIRouter(dependencies=[Depends(security.check_csrf)])


def _page(request: Request, *, token: str | None = None, error: str | None = None,
          status_code: int = 200):
    project = request.app.state.project
    return render(request, "tokens.html", status_code, tokens=list_tokens(project),
                  users=list_users(project), token=token, error=error)


@router.get("/tokens")
def tokens(request: Request, session=require("manage_users")):
    return _page(request)


@router.post("/tokens")
def make_token(request: Request, session=security.require_fresh("manage_users", back="/tokens"),
               user: str = Form(""),
               label: str = Form("")):
    try:
        with writing(request, session):
            token = create_token(request.app.state.project, user, label)
    except TallyError as exc:
        return _page(request, error=str(exc), status_code=400)
    return _page(request, token=token)


@router.post("/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: str, session=require("manage_users")):
    try:
        with writing(request, session):
            revoke_token(request.app.state.project, token_id)
    except TallyError as exc:
        return _page(request, error=str(exc), status_code=400)
    return RedirectResponse("/tokens", status_code=303)
