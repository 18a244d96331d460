"""The HTTP API: the workspace's operations as JSON, for scripts.

    curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/api/review/pairs
    curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
         -d '{"record_a": "a-1", "record_b": "b-4", "verdict": "no-match"}' \\
         http://127.0.0.1:8000/api/review/pairs

- Authentication: a token (``tally user token NAME``, or an admin's Tokens page after
  re-authentication; never minted through the API itself) in ``Authorization: Bearer``. Cookies are not read here, so no
  page's session can be made to call the API from another site (no CSRF to guard).
- Every endpoint names the permission it needs (:data:`tally.web.security.PERMISSIONS`,
  the pages' own table); the role × endpoint test reads :data:`ENDPOINT_PERMISSIONS`.
- Every answer is JSON; every error is ``{"error": "..."}`` with its status (401
  no or bad token, 403 role, 404, 400/422 refused input), never a traceback.
- Writes call the same functions as the pages (:mod:`tally.web.decisions`,
  :mod:`tally.web.jobs`), which call the CLI's core functions in the user's name.
- ``/api/openapi.json`` (and ``/openapi.json``) describe exactly these endpoints.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Callable, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from tally.errors import ProjectError, TallyError
from tally.extract.review import claim_queue, get_claim
from tally.incident import incident_members
from tally.link import person_view
from tally.status import project_status
from tally.store.accounts import ROLES, User
from tally.store.access import hidden_rows
from tally.store.api_tokens import token_user
from tally.web import access_view, decisions, queries, review_queries, security
from tally.web.jobs import KINDS, job_runner
from tally.web.pair_queue import FILL, pair_queue

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


class JsonErrorRoute(APIRoute):
    """Every failure inside an API endpoint (validation included) as ``{"error": ...}``."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as exc:
                return _error(exc.status, exc.message)
            except RequestValidationError as exc:
                return _error(422, _validation_message(exc))
            except HTTPException as exc:
                return _error(exc.status_code, str(exc.detail))
            except ProjectError as exc:
                message = str(exc)
                return _error(404 if message.startswith("no ") else 400, message)
            except TallyError as exc:
                return _error(400, str(exc))
            except Exception:  # a bug: logged here, never sent (no traceback to a client)
                log.exception("API error on %s %s", request.method, request.url.path)
                return _error(500, "internal error: see the server's log")

        return guarded


router = APIRouter(prefix="/api", route_class=JsonErrorRoute, tags=["api"])

#: path → (method, permission): read by the role × endpoint tests
ENDPOINT_PERMISSIONS: dict[tuple[str, str], str] = {}


def api_user(permission: str):
    """A dependency: the token's user, whose role has ``permission``."""
    if permission not in security.PERMISSIONS:
        raise KeyError(permission)

    def check(request: Request) -> User:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "a token is needed: Authorization: Bearer TOKEN "
                                "(make one with `tally user token NAME`)")
        user = token_user(request.app.state.project, token.strip())
        if user is None:
            raise ApiError(401, "the token is unknown or revoked")
        if not security.allowed(user.role, permission):
            raise ApiError(403, f"the role {user.role} may not do this")
        return user

    check.permission = permission  # type: ignore[attr-defined]
    return Depends(check)


def endpoint(method: str, path: str, permission: str, **options):
    """``router.get``/``post`` that also records the permission the endpoint needs."""
    ENDPOINT_PERMISSIONS[(method, "/api" + path)] = permission
    return getattr(router, method.lower())(path, **options)


# --------------------------------------------------------------------------- models

_ID = Field(min_length=1, max_length=200)
_NOTE = Field(default=None, max_length=decisions.MAX_NOTE)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PairVerdict(Strict):
    record_a: str = _ID
    record_b: str = _ID
    verdict: Literal["match", "no-match", "unsure"]
    note: str | None = _NOTE


class ClaimEdit(Strict):
    killed_low: int | None = Field(default=None, ge=0, le=10**9)
    killed_best: int | None = Field(default=None, ge=0, le=10**9)
    killed_high: int | None = Field(default=None, ge=0, le=10**9)
    perpetrator: str | None = Field(default=None, min_length=1, max_length=500)
    attribution: str | None = Field(default=None, max_length=50)


class ClaimVerdict(Strict):
    verdict: Literal["accept", "edit", "reject"]
    values: ClaimEdit | None = None
    note: str | None = _NOTE


class IncidentDecision(Strict):
    kind: Literal["merge", "split", "detach"]
    member_a: str = _ID
    member_b: str | None = Field(default=None, min_length=1, max_length=200)
    note: str | None = _NOTE


class JobRequest(Strict):
    kind: Literal["link", "estimate", "incidents", "report"]


class Decision(BaseModel):
    decision_id: int


class ErrorBody(BaseModel):
    error: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 422)}


# --------------------------------------------------------------------------- reads

def _plain(value: Any) -> Any:
    """JSON-ready: dates and other objects as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    return str(value)


@endpoint("GET", "/me", "read", responses=_ERRORS)
def me(user: User = api_user("read")) -> dict:
    """Who the token acts for."""
    return {"name": user.name, "role": user.role, "roles": list(ROLES)}


@endpoint("GET", "/status", "read", responses=_ERRORS)
def status(request: Request, user: User = api_user("read")) -> dict:
    """The project's totals, sources and stale runs (``tally status``)."""
    s = project_status(request.app.state.project)
    return _plain({"name": s.name, "totals": s.totals, "sources": s.sources,
                   "stale_runs": [r.get("message") if isinstance(r, dict) else str(r)
                                  for r in s.stale_runs]})


@endpoint("GET", "/records", "read", responses=_ERRORS)
def records(request: Request, user: User = api_user("read"),
            name: str = Query("", max_length=200), governorate: str = Query("", max_length=50),
            source: str = Query("", max_length=200), status: str = Query("", max_length=20),
            page: int = Query(1, ge=1, le=100000)) -> dict:
    """Records search (names only for roles that may see identities)."""
    identities = security.allowed(user.role, "read_identities")
    found = queries.search_records(
        request.app.state.project,
        queries.RecordSearch(name=name if identities else "", governorate=governorate,
                             source=source, status=status, page=page),
        identities=identities, hidden=access_view.hidden(request, user.name))
    if source and source in access_view.hidden(request, user.name):
        access_view.deny(request, user.name, "records", source, [source])
    rows = found.rows if identities else [
        {k: v for k, v in r.items() if k not in queries.IDENTITY_COLUMNS} for r in found.rows]
    if identities and rows:  # names handed out: in the read audit first (as the page)
        filters = [k for k, v in (("name", name), ("governorate", governorate),
                                  ("source", source), ("status", status)) if v]
        _read(request, user, "search", None, {"filters": filters, "matches": found.total,
                                              "page": found.page, "shown": len(rows)})
    return _plain({"total": found.total, "page": found.page, "per_page": found.per_page,
                   "records": rows})


@endpoint("GET", "/persons/{person_or_record}", "read", responses=_ERRORS)
def person(request: Request, person_or_record: str, user: User = api_user("read")) -> dict:
    """One person with its member records (raw values for roles that may see identities)."""
    view = person_view(request.app.state.project, person_or_record)
    view, touched = access_view.mask_person(view, access_view.hidden(request, user.name))
    if touched:  # restricted members say only "restricted"; the attempt is logged
        access_view.deny(request, user.name, "person", view.person_id, touched)
    data = dataclasses.asdict(view)
    if not security.allowed(user.role, "read_identities"):
        for m in data["members"]:
            m["raw"] = {}
            m["mapped"] = {k: v for k, v in m["mapped"].items()
                           if k in ("sex", "age", "date_of_death", "governorate", "status",
                                    "community", "perpetrator_claimed")}
            m["document"] = m["document_sha256"] = None
    _read(request, user, "person", view.person_id,
          {"records": len(data["members"]),
           "identities": security.allowed(user.role, "read_identities")})
    return _plain(data)


def _read(request: Request, user: User, kind: str, subject, details: dict) -> None:
    """The read event of an API answer, before it is sent (tally.web.reading)."""
    from tally.web.reading import record_web_read

    try:
        record_web_read(request, kind, subject, details, user=user.name, via="api")
    except TallyError as exc:
        raise ApiError(503, str(exc)) from None


@endpoint("GET", "/review/pairs", "review", responses=_ERRORS)
def pairs(request: Request, user: User = api_user("review"),
          limit: int = Query(10, ge=1, le=FILL)) -> dict:
    """The pairs of the latest linkage without a verdict, in `tally review`'s order (those whose verdict would change the most persons first)."""
    hidden = access_view.hidden(request, user.name)
    items, total = pair_queue(request.app).page(request.app.state.project,
                                                 FILL if hidden else limit)
    items = access_view.visible_pairs(request.app.state.project, items, hidden)[:limit]
    return _plain({"total": total, "pairs": [i.__dict__ for i in items]})


@endpoint("GET", "/review/claims", "review", responses=_ERRORS)
def claims(request: Request, user: User = api_user("review"),
           status: Literal["proposed", "accepted", "edited", "rejected", "all"] = "proposed",
           limit: int = Query(20, ge=1, le=500)) -> dict:
    """Claims by review status, with their evidence and spans (``tally review claims``)."""
    items = claim_queue(request.app.state.project, limit=limit,
                        status=None if status == "all" else status)
    withheld = hidden_rows(request.app.state.project, user.name, "claim", "claim_id",
                           [c.claim_id for c in items])
    return _plain({"claims": [_claim(c) for c in items if c.claim_id not in withheld],
                   "restricted": len(withheld)})


def _claim(c) -> dict:
    return {"claim_id": c.claim_id, "status": c.status, "values": c.values,
            "evidence_text": c.evidence_text,
            "spans": [{"slot": slot, "start": s, "end": e} for s, e, slot in c.spans],
            "decisions": c.decisions}


@endpoint("GET", "/incidents", "review", responses=_ERRORS)
def incidents(request: Request, user: User = api_user("review"),
              limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10**7)) -> dict:
    """The latest incident run's incidents, largest first."""
    found, total = review_queries.stored_incidents(request.app.state.project, limit, offset)
    return _plain({"total": max(total, 0), "built": total >= 0, "incidents": found})


@endpoint("GET", "/incidents/{incident_id}", "review", responses=_ERRORS)
def incident(request: Request, incident_id: str, user: User = api_user("review")) -> dict:
    """An incident's members with their evidence (``tally incidents show``)."""
    try:
        members = incident_members(request.app.state.project, incident_id)
    except TallyError as exc:
        raise ApiError(404, str(exc)) from None
    members, touched = access_view.mask_members(members, access_view.hidden(request, user.name))
    if touched:
        access_view.deny(request, user.name, "incident", incident_id, touched)
    return _plain({"incident_id": incident_id, "members": members})


# --------------------------------------------------------------------------- writes

def _refuse_restricted(request: Request, user: User, table: str, column: str, ids: list[str],
                       what: str, subject: str) -> None:
    """403 (logged as access.denied) when any of ``ids`` is from a source hidden from the user."""
    if hidden_rows(request.app.state.project, user.name, table, column, ids):
        access_view.deny(request, user.name, what, subject, access_view.hidden(request, user.name))
        raise ApiError(403, "restricted: this comes from a source of an access group you are not in")


@endpoint("POST", "/review/pairs", "review", responses=_ERRORS, status_code=201)
def decide_pair(request: Request, body: PairVerdict, user: User = api_user("review")) -> Decision:
    """A verdict on a pair (``tally review decide``); binds every later linkage."""
    _refuse_restricted(request, user, "victim_record", "record_id", [body.record_a, body.record_b],
                       "review.pair", f"{body.record_a}|{body.record_b}")
    return Decision(decision_id=decisions.decide_pair(
        request.app, user.name, body.record_a, body.record_b, body.verdict, body.note))


@endpoint("POST", "/review/claims/{claim_id}", "review", responses=_ERRORS, status_code=201)
def decide_claim(request: Request, claim_id: str, body: ClaimVerdict,
                 user: User = api_user("review")) -> dict:
    """Accept, edit or reject a claim (``tally review claim``)."""
    _refuse_restricted(request, user, "claim", "claim_id", [claim_id], "review.claim", claim_id)
    values = body.values.model_dump(exclude_none=True) if body.values else None
    decision = decisions.decide_claim(request.app, user.name, claim_id, body.verdict, values,
                                      body.note)
    return _plain({"decision_id": decision,
                   "claim": _claim(get_claim(request.app.state.project, claim_id))})


@endpoint("POST", "/review/incidents", "review", responses=_ERRORS, status_code=201)
def decide_incident(request: Request, body: IncidentDecision,
                    user: User = api_user("review")) -> Decision:
    """Merge, split or detach incident members (``tally incidents merge|split|detach``)."""
    return Decision(decision_id=decisions.decide_incident(
        request.app, user.name, body.kind, body.member_a, body.member_b, body.note))


@endpoint("GET", "/jobs", "run_stages", responses=_ERRORS)
def jobs(request: Request, user: User = api_user("run_stages")) -> dict:
    """Background jobs, newest first."""
    return {"kinds": list(KINDS), "jobs": [j.as_dict() for j in job_runner(request.app).jobs()]}


@endpoint("POST", "/jobs", "run_stages", responses=_ERRORS, status_code=202)
def start_job(request: Request, body: JobRequest, user: User = api_user("run_stages")) -> dict:
    """Queue a stage run (link, estimate, incidents, report); poll ``/api/jobs/{id}``."""
    return job_runner(request.app).submit(body.kind, user.name).as_dict()


@endpoint("GET", "/jobs/{job_id}", "run_stages", responses=_ERRORS)
def job(request: Request, job_id: str, user: User = api_user("run_stages")) -> dict:
    """A job's state, progress, log and result."""
    found = job_runner(request.app).get(job_id)
    if found is None:
        raise ApiError(404, f"no job {job_id!r}")
    return found.as_dict()


# No endpoint mints tokens: a token proves nobody's identity (no password, no second
# factor), so a stolen admin token could mint others — for any user, admins too — that
# outlive its revocation. Tokens are made on the Tokens page (after re-authentication)
# or by the operator (`tally user token`).


# --------------------------------------------------------------------------- wiring

def openapi_document(app: FastAPI) -> dict:
    """The OpenAPI document of the API's endpoints (the pages are not an API)."""
    cached = getattr(app.state, "api_openapi", None)
    if cached is None:
        cached = get_openapi(title="Tally workspace API", version="1",
                             description=(__doc__ or "").split("\n\n")[0],
                             routes=router.routes)
        cached.setdefault("components", {})["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer"}}
        cached["security"] = [{"bearer": []}]
        app.state.api_openapi = cached
    return cached


def install(app: FastAPI) -> None:
    """Add the API to the workspace app: its endpoints, its OpenAPI document, and
    JSON answers for unknown ``/api/...`` paths."""
    app.include_router(router)

    async def document(request: Request) -> JSONResponse:
        return JSONResponse(await run_in_threadpool(openapi_document, request.app))

    app.add_api_route("/openapi.json", document, include_in_schema=False)
    app.add_api_route("/api/openapi.json", document, include_in_schema=False)

    async def unknown(request: Request, rest: str) -> JSONResponse:
        return _error(404, f"no API endpoint {request.method} /api/{rest}")

    app.add_api_route("/api/{rest:path}", unknown, include_in_schema=False,
                      methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
