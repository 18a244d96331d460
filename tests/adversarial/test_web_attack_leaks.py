"""What the workspace lets out, tried as a curious insider and as a client probing for
errors: sensitive fields (witness, contact, identity number, birth date, address,
notes) on any page or API answer of any role, in the server's log, in the API's
OpenAPI document; tracebacks or SQL in answers to malformed input."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tally.ingest.entry import enter_record
from tally.link import link_project
from tally.project import Project
from tally.sources import add_source
from tally.store.accounts import ROLES, add_user
from tally.store.api_tokens import create_token
from tests.adversarial.test_web_attack_routes import fill, walk
from tests.web.conftest import PASSWORD, sign_in

CANARIES = {"witness_name": "Wcanary Qzxwitness", "witness_contact": "+963-555-CANARY77",
            "national_id": "NIDCANARY0042", "birth_date": "1961-02-03",
            "address": "Canarystreet 9 Qzx", "notes": "note-canary-qzx"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = Project.init(tmp_path_factory.mktemp("leak") / "p", name="Leak")
    for role in ROLES:
        add_user(project, role, role, PASSWORD)
    add_source(project, "testimony", name="Testimony", kind="witness", reliability="B")
    enter_record(project, "testimony", {"given_name": "Samir", "family_name": "Haddad",
                                        "sex": "male", "age": "40", "date_of_death": "2025-03-07",
                                        "status": "civilian", **CANARIES})
    enter_record(project, "testimony", {"given_name": "Samir", "family_name": "Haddad",
                                        "sex": "male", "age": "41", "date_of_death": "2025-03-07",
                                        "status": "civilian"})
    link_project(project)
    with project.connect(read_only=True) as con:
        record = con.execute("SELECT record_id FROM victim_record WHERE age = 40"
                             ).fetchall()[0][0]
    from tally.web import create_app

    return create_app(project.root), record


def _no_canary(text: str, where) -> None:
    for field, value in CANARIES.items():
        assert value not in text, (field, where)


def test_no_sensitive_field_on_any_page_or_api_answer_of_any_role(served, caplog):
    app, record = served
    routes = sorted({(m, p) for m, p, *_ in walk(app.routes) if m == "GET"})
    caplog.set_level(logging.DEBUG)
    for role in ROLES:
        web = TestClient(app)
        assert sign_in(web, role).status_code == 303
        api = TestClient(app, headers={
            "Authorization": f"Bearer {create_token(app.state.project, role, 'leak')}"})
        for _, path in routes:
            url = fill(path).replace("nobody", record)
            client = api if url.startswith("/api") else web
            answer = client.get(url, follow_redirects=False)
            assert answer.status_code < 500, (role, url)
            _no_canary(answer.text, (role, url))
        for url in ("/records?name=Samir", "/api/records?name=Samir", f"/api/persons/{record}",
                    f"/persons/{record}", "/exports/public?format=csv",
                    "/exports/public?format=jsonl"):
            client = api if url.startswith("/api") else web
            _no_canary(client.get(url).text, (role, url))
        if role != "viewer":  # the walk reached the record itself (not a vacuous pass)
            assert "Samir" in web.get(f"/persons/{record}").text
    _no_canary("\n".join(r.getMessage() for r in caplog.records), "log")
    _no_canary(caplog.text, "log")


def test_the_openapi_document_holds_no_sensitive_field_or_example(served):
    app, _ = served
    doc = TestClient(app).get("/api/openapi.json").text
    for word in ("witness", "national_id", "birth_date", "address", '"example'):
        assert word not in doc, word


MALFORMED = ["/persons/%27%20OR%201=1--", "/persons/" + "x" * 5000, "/records?page=-1",
             "/records?page=99999999999999999999", "/records?name=%00%27%22",
             "/records?date_from=2025-13-45", "/records?governorate=%27)--",
             "/jobs/..%2F..%2Fetc%2Fpasswd", "/jobs/%27/report", "/upload/..%2F..%2Fx",
             "/review/incidents/%27", "/review/incidents?page=abc", "/exports/public?format=../x",
             "/exports/%27/download", "/api/persons/%27", "/api/records?page=0",
             "/api/records?name=" + "x" * 300, "/api/incidents/%27", "/api/jobs/%27",
             "/lang/xx?next=//evil.example", "/login?next=https://evil.example",
             "/lang/en?next=%2F%2Fevil.example", "/lang/en?next=/%5Cevil.example",
             "/lang/en?next=/%09/evil.example", "/lang/en?next=https:evil.example",
             "/static/..%2F..%2Ftally.toml", "/static/%2e%2e/%2e%2e/workspace.key"]


def test_malformed_input_never_answers_a_traceback_or_sql(served):
    app, _ = served
    admin = TestClient(app)
    assert sign_in(admin, "admin").status_code == 303
    api = TestClient(app, headers={
        "Authorization": f"Bearer {create_token(app.state.project, 'admin', 'fuzz')}"})
    for url in MALFORMED:
        answer = (api if url.startswith("/api") else admin).get(url, follow_redirects=False)
        assert answer.status_code < 500, url
        body = answer.text
        for marker in ("Traceback", "File \"/", "duckdb", "SELECT ", "Binder Error",
                       "Catalog Error", "Parser Error"):
            assert marker not in body, (url, marker)
        location = answer.headers.get("location", "")
        assert "evil.example" not in location or location.startswith("/") and not \
            location.startswith("//") and "\t" not in location, (url, location)
        assert app.state.secret not in body and "[project]" not in body, url
