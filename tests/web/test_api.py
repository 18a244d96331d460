"""The HTTP API: token authentication, every endpoint × every role, JSON errors,
a verdict by API in the audit chain, its OpenAPI document."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tally.store.accounts import ROLES
from tally.store.api_tokens import create_token, list_tokens, revoke_token
from tally.web.security import PERMISSIONS
from tests.web.review_project import review_project

#: a body each write endpoint accepts in shape (it may still be refused: 400/404)
BODIES = {
    "/api/review/pairs": {"record_a": "x-1", "record_b": "x-2", "verdict": "unsure"},
    "/api/review/claims/{claim_id}": {"verdict": "accept"},
    "/api/review/incidents": {"kind": "detach", "member_a": "x-1"},
    "/api/jobs": {"kind": "report"},
    "/api/tokens": {"user": "viewer", "label": "matrix"},
}
PATH_VALUES = {"{person_or_record}": "nobody", "{claim_id}": "no-claim", "{incident_id}": "inc-0",
               "{job_id}": "nojob"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from tally.web import create_app

    return create_app(review_project(tmp_path_factory, "api").root)


@pytest.fixture(scope="module")
def tokens(app):
    return {role: create_token(app.state.project, role, "tests") for role in ROLES}


def call(client, method, path, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for key, value in PATH_VALUES.items():
        path = path.replace(key, value)
    return client.request(method, path, headers=headers, json=body)


def test_no_token_bad_token_revoked_token(app, tokens):
    client = TestClient(app)
    for headers in ({}, {"Authorization": "Bearer tally_0000_nope"},
                    {"Authorization": "Basic dXNlcjpwdw=="},
                    {"Authorization": "Bearer " + tokens["admin"] + "x"}):
        response = client.get("/api/me", headers=headers)
        assert response.status_code == 401
        assert set(response.json()) == {"error"}
        assert response.headers["www-authenticate"] == "Bearer"
    token = create_token(app.state.project, "viewer", "to revoke")
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["role"] == "viewer"
    token_id = token.split("_")[1]
    revoke_token(app.state.project, token_id)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    # the store keeps no usable token
    with app.state.project.connect(read_only=True) as con:
        stored = con.execute("SELECT token_sha256 FROM api_token").fetchall()
    assert all(token not in row[0] and len(row[0]) == 64 for row in stored)
    assert {"id", "user_name", "label"} <= set(list_tokens(app.state.project)[0])


def test_a_session_cookie_is_not_an_api_credential(app):
    from tests.web.conftest import sign_in

    client = TestClient(app)
    assert sign_in(client, "admin").status_code == 303
    assert client.get("/api/me").status_code == 401


def test_every_endpoint_for_every_role(app, tokens):
    """What each role may do, nothing more: 403 with a JSON error for the others."""
    from tally.web.api import ENDPOINT_PERMISSIONS

    client = TestClient(app)
    documented = {(m.upper(), p) for p, ops in client.get("/openapi.json").json()["paths"].items()
                  for m in ops}
    assert documented == set(ENDPOINT_PERMISSIONS)  # every endpoint names its permission
    for (method, path), permission in sorted(ENDPOINT_PERMISSIONS.items()):
        response = call(client, method, path, None, BODIES.get(path))
        assert response.status_code == 401, (method, path)
        for role, token in tokens.items():
            response = call(client, method, path, token, BODIES.get(path))
            body = response.json()
            assert response.status_code < 500, (method, path, role, body)
            if role in PERMISSIONS[permission]:
                assert response.status_code not in (401, 403), (method, path, role, body)
            else:
                assert response.status_code == 403 and set(body) == {"error"}, (method, path, role)


def test_viewer_sees_no_identities(app, tokens):
    client = TestClient(app)
    viewer = call(client, "GET", "/api/records", tokens["viewer"]).json()
    assert viewer["total"] > 0 and all("name" not in r for r in viewer["records"])
    reviewer = call(client, "GET", "/api/records", tokens["reviewer"]).json()
    assert any(r.get("name") for r in reviewer["records"])
    person = viewer["records"][0].get("person_id")
    shown = call(client, "GET", f"/api/persons/{person}", tokens["viewer"]).json()
    assert all(m["raw"] == {} and m["document"] is None for m in shown["members"])


def test_a_verdict_by_api_lands_in_the_audit_chain(app, tokens):
    client = TestClient(app)
    queue = call(client, "GET", "/api/review/pairs?limit=2", tokens["reviewer"]).json()
    assert queue["total"] >= 2 and len(queue["pairs"]) == 2
    pair = queue["pairs"][0]
    assert "comparison" in pair and pair["left"] and pair["right"]
    response = call(client, "POST", "/api/review/pairs", tokens["reviewer"], {
        "record_a": pair["record_id_l"], "record_b": pair["record_id_r"], "verdict": "match",
        "note": "same father, same day"})
    assert response.status_code == 201
    decision = response.json()["decision_id"]
    with app.state.project.connect(read_only=True) as con:
        row = con.execute("SELECT verdict, decided_by FROM review_decision WHERE decision_id = ?",
                          [decision]).fetchall()
        event = con.execute("SELECT actor, subject FROM audit_event WHERE action = "
                            "'review.verdict' ORDER BY seq DESC LIMIT 1").fetchall()
    assert row == [("match", "reviewer")]
    assert event == [("reviewer", f"{pair['record_id_l']}|{pair['record_id_r']}")]


def test_refused_input_is_a_json_error(app, tokens):
    client = TestClient(app)
    token = tokens["admin"]
    cases = [
        ("POST", "/api/review/pairs", {"record_a": "a", "record_b": "a", "verdict": "match"}, 400),
        ("POST", "/api/review/pairs", {"record_a": "a", "verdict": "yes"}, 422),
        ("POST", "/api/review/pairs", {"record_a": "nope-1", "record_b": "nope-2",
                                       "verdict": "match"}, 404),
        ("POST", "/api/review/claims/x", {"verdict": "edit", "values": {"killed_best": -1}}, 422),
        ("POST", "/api/jobs", {"kind": "shell"}, 422),
        ("GET", "/api/jobs/unknown", None, 404),
        ("GET", "/api/persons/unknown", None, 404),
        ("GET", "/api/nothing/here", None, 404),
        ("DELETE", "/api/jobs", None, 404),
    ]
    for method, path, body, status in cases:
        response = call(client, method, path, token, body)
        assert response.status_code == status, (method, path, response.text)
        assert set(response.json()) == {"error"} and "Traceback" not in response.text
    malformed = client.post("/api/review/pairs", content=b"{not json",
                            headers={"Authorization": f"Bearer {token}",
                                     "Content-Type": "application/json"})
    assert malformed.status_code == 422 and set(malformed.json()) == {"error"}


def test_a_job_by_api(app, tokens):
    client = TestClient(app)
    started = call(client, "POST", "/api/jobs", tokens["analyst"], {"kind": "incidents"})
    assert started.status_code == 202
    job = app.state.jobs.wait(started.json()["id"], timeout=120)
    assert job.state == "done", job.error
    shown = call(client, "GET", f"/api/jobs/{job.id}", tokens["analyst"]).json()
    assert shown["state"] == "done" and shown["result"]["incidents"] >= 1
    assert shown["user"] == "analyst"


def test_openapi_document_describes_only_the_api(app):
    document = TestClient(app).get("/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert all(path.startswith("/api/") for path in document["paths"])
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
