"""Review pages (reviewer and admin): linkage pairs, claims, incidents.

- ``/review/pairs``: the ten pairs whose verdict would change the most persons side by side with each
  comparison's level and weight (``tally review``'s queue), verdicts by keyboard
  (``static/review.js``: m match, n no match, u unsure, with a note), posted with
  htmx; without a script each pair is a plain form.
- ``/review/claims``: proposed claims with their evidence sentence in its article
  text, the quoted spans highlighted; accept, edit or reject (``tally review claim``).
- ``/review/incidents``: the latest run's incidents; an incident's members with
  their evidence, and merge / split / detach (``tally incidents merge|split|detach``).

Every verdict goes through :mod:`tally.web.decisions` (the CLI's core function, in
the web user's name); every form carries the CSRF token (the router's dependency).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse

from tally.errors import TallyError
from tally.extract.review import ATTRIBUTIONS, EDITABLE, claim_queue, get_claim
from tally.incident import incident_members
from tally.web import access_view, decisions, review_queries, security
from tally.store.access import hidden_records, hidden_rows
from tally.web.pair_queue import FILL, pair_queue
from tally.web import review_text  # noqa: F401  (adds the review pages' Arabic)
from tally.web.security import require
from tally.web.templating import render

router = APIRouter(dependencies=[Depends(security.check_csrf)])

#: pairs shown at once (the issue: "showing 10 of N")
PAGE = 10
_SLOTS = ("count", "perpetrator", "place", "date", "cited_source")


def _htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


@router.get("/review")
def review_home(request: Request, session=require("review")):
    return RedirectResponse("/review/pairs", status_code=303)


@router.get("/review/pairs")
def pairs(request: Request, session=require("review")):
    hidden = access_view.hidden(request)
    try:  # pairs with a record the user may not read are left out (they stay for members)
        queue = pair_queue(request.app)  # without pairs another reviewer is shown
        items, total = queue.page(request.app.state.project, FILL if hidden else PAGE,
                                  user=session.user.name)
        items = access_view.visible_pairs(request.app.state.project, items, hidden)[:PAGE]
        queue.lease(session.user.name, items)  # ... and kept from theirs for a while
    except TallyError:  # no linkage yet
        items, total = None, 0
    return render(request, "review_pairs.html", items=items, total=total)


@router.post("/review/pairs")
def decide_pair(request: Request, session=require("review"), record_a: str = Form(""),
                record_b: str = Form(""), verdict: str = Form(""), note: str = Form("")):
    project = request.app.state.project
    if hidden_records(project, session.user.name, [record_a, record_b]):
        access_view.deny(request, session.user.name, "review.pair", f"{record_a}|{record_b}",
                         access_view.hidden(request))
        raise security.Forbidden("restricted")
    try:
        decision = decisions.decide_pair(request.app, session.user.name, record_a, record_b,
                                         verdict, note)
    except TallyError as exc:
        if _htmx(request):
            return render(request, "review_pair_done.html", 400, error=str(exc),
                          record_a=record_a, record_b=record_b, verdict=verdict)
        return render(request, "error.html", 400, title="400", message=str(exc))
    if _htmx(request):
        return render(request, "review_pair_done.html", decision=decision, record_a=record_a,
                      record_b=record_b, verdict=verdict, note=note, error=None)
    return RedirectResponse("/review/pairs", status_code=303)


def _marked(claim) -> list[tuple[str, str | None]]:
    """The evidence sentence cut into (text, slot) pieces: slot None outside a span.
    The template marks each span; every piece is escaped like any other text."""
    text, pos, pieces = claim.evidence_text or "", 0, []
    for start, end, slot in claim.spans:
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], slot if slot in _SLOTS else "other"))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


@router.get("/review/claims")
def claims(request: Request, session=require("review"), status: str = "proposed"):
    shown = status if status in ("proposed", "accepted", "edited", "rejected", "all") else "proposed"
    project = request.app.state.project
    items = claim_queue(project, limit=PAGE * 2, status=None if shown == "all" else shown)
    withheld = hidden_rows(project, session.user.name, "claim", "claim_id",
                           [c.claim_id for c in items])
    items = [c for c in items if c.claim_id not in withheld]  # from restricted sources
    contexts = review_queries.claim_contexts(project, [c.claim_id for c in items])
    return render(request, "review_claims.html", items=[(c, _marked(c)) for c in items],
                  status=shown, attributions=ATTRIBUTIONS, editable=EDITABLE, contexts=contexts)


def _edited_values(form) -> dict:
    values = {}
    for key, kind in EDITABLE.items():
        raw = str(form.get(key) or "").strip()
        if not raw:
            continue
        if kind is int:
            if not raw.isdigit():
                raise TallyError(f"{key} must be a whole number ≥ 0, not {raw!r}")
            values[key] = int(raw)
        else:
            values[key] = raw
    return values


@router.post("/review/claims/{claim_id}")
async def decide_claim(request: Request, claim_id: str, session=require("review")):
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    if await run_in_threadpool(hidden_rows, request.app.state.project, session.user.name,
                               "claim", "claim_id", [claim_id]):
        await run_in_threadpool(access_view.deny, request, session.user.name, "review.claim",
                                claim_id, access_view.hidden(request))
        raise security.Forbidden("restricted")
    verdict = str(form.get("verdict") or "")
    note = str(form.get("note") or "")
    try:
        values = _edited_values(form) if verdict == "edit" else None
        await run_in_threadpool(decisions.decide_claim, request.app, session.user.name, claim_id,
                                verdict, values, note)
        claim = await run_in_threadpool(get_claim, request.app.state.project, claim_id)
    except TallyError as exc:
        return render(request, "error.html", 400, title="400", message=str(exc))
    if _htmx(request):
        contexts = await run_in_threadpool(review_queries.claim_contexts,
                                           request.app.state.project, [claim_id])
        return render(request, "review_claim.html", c=claim, pieces=_marked(claim),
                      attributions=ATTRIBUTIONS, editable=EDITABLE, contexts=contexts)
    return RedirectResponse("/review/claims", status_code=303)


@router.get("/review/incidents")
def incidents(request: Request, session=require("review"), page: int = 1):
    page = max(1, min(page, 10000))
    found, total = review_queries.stored_incidents(request.app.state.project, limit=50,
                                                   offset=(page - 1) * 50)
    return render(request, "review_incidents.html", incidents=found, total=total, page=page)


@router.get("/review/incidents/{incident_id}")
def incident(request: Request, incident_id: str, session=require("review")):
    try:
        members = incident_members(request.app.state.project, incident_id)
    except TallyError as exc:
        return render(request, "error.html", 404, title="404", message=str(exc))
    members, touched = access_view.mask_members(members, access_view.hidden(request))
    if touched:
        access_view.deny(request, session.user.name, "incident", incident_id, touched)
    return render(request, "review_incident.html", incident_id=incident_id, members=members)


@router.post("/review/incidents/{incident_id}")
def decide_incident(request: Request, incident_id: str, session=require("review"),
                    kind: str = Form(""), member_a: str = Form(""), member_b: str = Form(""),
                    note: str = Form("")):
    try:
        decisions.decide_incident(request.app, session.user.name, kind, member_a,
                                  member_b.strip() or None, note)
    except TallyError as exc:
        return render(request, "error.html", 400, title="400", message=str(exc))
    return RedirectResponse(f"/review/incidents/{incident_id}", status_code=303)
