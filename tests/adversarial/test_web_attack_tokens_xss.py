"""API tokens and user-written text, attacked.

- A stolen admin token must not mint more tokens (for itself, or for another admin
  to act in their name) that outlive its revocation: minting is a key operation,
  done on the Tokens page after re-authentication or by the operator.
- Every place that shows what a user wrote or sent — an export request's reason, a
  token's label, a refused form's echo of its input, an unknown id in a URL — shows
  it as text (markup escaped, a right-to-left override isolated)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tally.store.api_tokens import create_token, list_tokens, revoke_token
from tests.web.conftest import EVIL, csrf_of
from tests.web.conftest import app, clients, project  # noqa: F401  (fixtures)


def test_a_stolen_admin_token_mints_no_tokens(app):
    stolen = create_token(app.state.project, "admin", "stolen")
    api = TestClient(app, headers={"Authorization": f"Bearer {stolen}"})
    before = len(list_tokens(app.state.project))
    for user in ("admin", "analyst"):
        answer = api.post("/api/tokens", json={"user": user, "label": "persist"})
        assert answer.status_code in (403, 404), answer.status_code
        assert "token" not in answer.json() or not str(answer.json().get("token", "")).startswith(
            "tally_")
    assert len(list_tokens(app.state.project)) == before
    revoke_token(app.state.project, stolen.split("_")[1])
    assert api.get("/api/me").status_code == 401  # revoked: nothing of it lives on
    assert "/api/tokens" not in TestClient(app).get("/api/openapi.json").json()["paths"]


def _raw_markup(html: str) -> bool:
    return "<script>alert" in html or "<img src=x" in html


def test_what_users_write_on_the_protect_pages_is_text(app, clients):
    admin, analyst = clients["admin"], clients["analyst"]
    token = csrf_of(analyst.get("/exports").text)
    asked = analyst.post("/exports", data={"csrf_token": token, "what": "records",
                                           "format": "csv", "reason": EVIL},
                         follow_redirects=False)
    assert asked.status_code == 303
    create_token(app.state.project, "viewer", EVIL)
    for path in ("/exports", "/tokens"):
        html = admin.get(path).text
        assert "&lt;script&gt;" in html and not _raw_markup(html), path
        assert "<bdi>&lt;script&gt;" in html, path  # the override cannot reorder the row
    html = analyst.get("/exports").text
    assert not _raw_markup(html)


ECHOES = [  # (client role, method, path, form): a refused input said back in the page
    ("admin", "POST", "/access", {"action": EVIL}),
    ("admin", "POST", "/access", {"action": "add_group", "group": EVIL}),
    ("admin", "POST", "/access", {"action": "restrict", "source": EVIL, "group": EVIL}),
    ("admin", "POST", "/users", {"name": EVIL, "role": EVIL, "password": "x"}),
    ("admin", "POST", "/tokens", {"user": EVIL, "label": EVIL}),
    ("admin", "POST", "/tokens/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E" + "/revoke", {}),
    ("analyst", "POST", "/exports", {"what": EVIL, "format": "csv"}),
    ("analyst", "POST", "/exports", {"what": "records", "format": EVIL}),
    ("analyst", "POST", "/exports", {"what": "records", "format": "csv", "recipient": EVIL}),
    ("admin", "POST", "/jobs", {"kind": EVIL}),
    ("admin", "POST", "/sources", {"source_id": EVIL, "name": EVIL}),
    ("admin", "POST", "/review/pairs", {"record_a": EVIL, "record_b": EVIL, "verdict": EVIL}),
    ("admin", "POST", "/review/claims/%3Cscript%3Ealert(1)%3C%2Fscript%3E", {"verdict": EVIL}),
    ("admin", "POST", "/review/incidents/x", {"kind": EVIL, "member_a": EVIL}),
    ("admin", "POST", "/records/new", {"source_id": EVIL, "given_name": EVIL, "age": EVIL,
                                       "date_of_death": EVIL}),
    ("admin", "POST", "/reauth", {"password": EVIL, "next": "javascript:alert(1)"}),
    ("analyst", "GET", "/exports/public?format=%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
    ("admin", "GET", "/persons/%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
    ("admin", "GET", "/jobs/%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
    ("admin", "GET", "/review/incidents/%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
    ("admin", "GET", "/records?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&source=%22%3E%3Cimg"
                     "%20src=x%20onerror=alert(2)%3E", None),
    ("admin", "GET", "/upload/%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
]


def test_refused_input_is_echoed_as_text(app, clients):
    for role, method, path, form in ECHOES:
        client = clients[role]
        if method == "GET":
            answer = client.get(path, follow_redirects=False)
        else:
            token = csrf_of(client.get("/account").text)
            answer = client.post(path, data={**form, "csrf_token": token},
                                 follow_redirects=False)
        assert answer.status_code < 500, (path, answer.status_code)
        assert not _raw_markup(answer.text), (path, form)
        assert "javascript:" not in answer.headers.get("location", ""), path
    # the sign-in form's echo, signed out
    anon = clients[None]
    answer = anon.post("/login", data={"name": EVIL, "password": EVIL, "next": EVIL,
                                       "csrf_token": csrf_of(anon.get("/login").text)})
    assert answer.status_code == 401 and not _raw_markup(answer.text)


def test_a_job_whose_log_and_error_echo_what_users_wrote_shows_them_as_text(app, clients):
    """A job's log lines and error can carry what a user wrote (a source's name in a
    stage's message, an input echoed by a refusal): the jobs pages, the polled
    fragment and the API show them as text."""
    from collections import deque

    from tally.web.jobs import Job, _save

    job = Job("evil-job", "report", "admin", state="failed",
              log=deque([f"2026-01-01T00:00:00+00:00 reading {EVIL}"]), error=EVIL,
              step=EVIL, result={"file": EVIL})
    _save(app.state.project, job)
    for path in ("/jobs", "/jobs/list", "/jobs/evil-job", "/jobs/evil-job/status",
                 "/jobs/evil-job/report"):
        html = clients["admin"].get(path).text
        assert not _raw_markup(html), path
    assert "&lt;script&gt;" in clients["admin"].get("/jobs/evil-job").text
    token = create_token(app.state.project, "analyst", "jobs")
    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    answer = api.get("/api/jobs/evil-job")
    assert answer.headers["content-type"].startswith("application/json")
