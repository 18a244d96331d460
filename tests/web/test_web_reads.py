"""The workspace's reads in the read audit: a person page, a records search, the
quarantined rows and a report each append their read.* event — who, which subject,
counts — before the page is shown, never a value read nor the name searched for;
`tally audit verify` still passes, and the dashboard's counts follow."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from tally.store.audit import verify_audit
from tests.web.conftest import csrf_of, sign_in
from tests.web.review_project import review_project


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from tally.demo import example_path
    from tally.ingest import ingest_file
    from tally.sources import add_source
    from tally.web import create_app

    project = review_project(tmp_path_factory, "web-reads")
    add_source(project, "snhr", name="SNHR", kind="rights_group_list", reliability="B")
    listed = ingest_file(project, example_path("arabic_list_cp1256.csv"), "snhr",
                         mapping=example_path("arabic_list.toml"))
    assert listed.quarantined == 1
    return create_app(project.root)


def _client(app, role):
    client = TestClient(app)
    assert sign_in(client, role).status_code == 303
    return client


def _events_after(app, seq):
    with app.state.project.connect(read_only=True) as con:
        return [(a, act, s, json.loads(d)) for a, act, s, d in con.execute(
            "SELECT actor, action, subject, details FROM audit_event WHERE seq > ? ORDER BY seq",
            [seq]).fetchall()]


def _head(app):
    with app.state.project.connect(read_only=True) as con:
        return con.execute("SELECT max(seq) FROM audit_event").fetchall()[0][0]


def test_each_read_leaves_its_event_without_the_values(app):
    analyst = _client(app, "analyst")
    with app.state.project.connect(read_only=True) as con:
        person, = con.execute("SELECT person_id FROM person_record LIMIT 1").fetchall()[0]
        name, = con.execute("SELECT name FROM victim_record WHERE name IS NOT NULL "
                            "ORDER BY record_id LIMIT 1").fetchall()[0]

    seq = _head(app)
    assert analyst.get(f"/persons/{person}").status_code == 200
    (actor, action, subject, details), = _events_after(app, seq)
    assert (actor, action, subject) == ("analyst", "read.person", person)
    assert details["via"] == "web" and details["records"] >= 1 and details["identities"]

    seq = _head(app)
    found = analyst.get("/records", params={"name": name})
    assert found.status_code == 200 and name.split()[0] in found.text
    (actor, action, subject, details), = _events_after(app, seq)
    assert (actor, action) == ("analyst", "read.search")
    assert details["filters"] == ["name"] and details["matches"] >= 1
    assert name not in json.dumps(details, ensure_ascii=False)  # the query is not kept

    seq = _head(app)
    rows = analyst.get("/quarantine")
    assert rows.status_code == 200 and "No results." not in rows.text
    (actor, action, subject, details), = _events_after(app, seq)
    assert (actor, action) == ("analyst", "read.quarantine") and details["rows"] == 1
    assert set(details) == {"via", "rows", "of"}  # counts only, no row

    with app.state.project.connect(read_only=True) as con:
        assert verify_audit(con, app.state.project.objects).ok


def test_a_report_handed_out_leaves_its_event(app):
    analyst = _client(app, "analyst")
    page = analyst.get("/jobs").text
    started = analyst.post("/jobs", data={"csrf_token": csrf_of(page), "kind": "report"},
                           follow_redirects=False)
    job_id = started.headers["location"].rsplit("/", 1)[1]
    assert app.state.jobs.wait(job_id, timeout=120).state == "done"
    seq = _head(app)
    assert analyst.get(f"/jobs/{job_id}/report").status_code == 200
    (actor, action, subject, details), = _events_after(app, seq)
    assert (actor, action, subject) == ("analyst", "read.report", job_id)


def test_a_viewer_listing_no_names_is_no_search_read_and_the_dashboard_follows(app):
    viewer = _client(app, "viewer")
    seq = _head(app)
    assert viewer.get("/records").status_code == 200
    assert _events_after(app, seq) == []  # no names listed: nothing read that can hurt
    before = int(re.search(r"Audit events</dt><dd>(\d+)", viewer.get("/").text).group(1))
    _client(app, "analyst").get("/records?page=2")  # a read event
    after = int(re.search(r"Audit events</dt><dd>(\d+)", viewer.get("/").text).group(1))
    assert after == before + 1


def test_reads_at_once_are_each_recorded_once_in_one_chain(app):
    """Read events are committed in groups by one writer thread: twenty pages at once
    leave twenty events, one each, and the chain verifies."""
    from concurrent.futures import ThreadPoolExecutor

    clients = [_client(app, role) for role in ("analyst", "admin", "reviewer")]
    with app.state.project.connect(read_only=True) as con:
        persons = [r[0] for r in con.execute(
            "SELECT DISTINCT person_id FROM person_record ORDER BY 1 LIMIT 20").fetchall()]
    seq = _head(app)
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: clients[i % 3].get(f"/persons/{persons[i]}").status_code,
                              range(20)))
    assert codes == [200] * 20
    events = _events_after(app, seq)
    assert sorted(s for _, action, s, _ in events if action == "read.person") == sorted(persons)
    with app.state.project.connect(read_only=True) as con:
        assert verify_audit(con, app.state.project.objects).ok


def test_the_api_reads_leave_their_events_too(app):
    from tally.store.api_tokens import create_token

    token = create_token(app.state.project, "analyst", "reads test")
    client = TestClient(app)
    headers = {"Authorization": f"Bearer {token}"}
    with app.state.project.connect(read_only=True) as con:
        person, = con.execute("SELECT person_id FROM person_record LIMIT 1").fetchall()[0]
    seq = _head(app)
    assert client.get(f"/api/persons/{person}", headers=headers).status_code == 200
    assert client.get("/api/records", params={"page": 2}, headers=headers).status_code == 200
    events = [(a, act, s, d["via"]) for a, act, s, d in _events_after(app, seq)]
    assert events == [("analyst", "read.person", person, "api"),
                      ("analyst", "read.search", None, "api")]
