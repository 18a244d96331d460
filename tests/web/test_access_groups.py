"""Access groups in the workspace, tried as a curious insider would: every route, for a
member and a non-member of the group a source is restricted to, in every role.

A list of the simulated project and the news wire (its claims) are restricted to the
group ``coast``. Canaries: the names only that list holds, the evidence sentences of
the wire's claims, and both files' names. A non-member must never receive one of them
from any page or API endpoint (and sees "restricted" rows and counts instead); a
member with the same role reads them; each refused read is an ``access.denied``
event that the admins' page shows.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tally.store.access import add_group, add_member, restrict_source
from tally.store.accounts import ROLES, add_user
from tally.store.api_tokens import create_token
from tests.web.conftest import PASSWORD, csrf_of, sign_in
from tests.web.review_project import review_project

GROUP = "coast"


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    project = review_project(tmp_path_factory, "access")
    with project.connect(read_only=True) as con:
        lists = [r[0] for r in con.execute(
            "SELECT source_id FROM victim_record GROUP BY 1 ORDER BY count(*) DESC").fetchall()]
        restricted = lists[0]
        names = [r[0] for r in con.execute(
            """SELECT DISTINCT name FROM victim_record WHERE source_id = ? AND name IS NOT NULL
               AND length(name) > 8 AND name NOT IN (SELECT name FROM victim_record
                   WHERE source_id <> ? AND name IS NOT NULL)""", [restricted, restricted]).fetchall()]
        claim_rows = con.execute("SELECT claim_id, evidence_text FROM claim "
                                 "WHERE source_id = 'news'").fetchall()
        evidence = [e[:60] for _, e in claim_rows] + [c for c, _ in claim_rows]
        files = [r[0] for r in con.execute(
            "SELECT original_name FROM document WHERE source_id IN (?, 'news')",
            [restricted]).fetchall()]
        # a person with a record from the restricted list and one from another
        person = con.execute(
            """SELECT person_id FROM person_record JOIN victim_record USING (record_id)
               GROUP BY person_id HAVING count(*) FILTER (WHERE source_id = ?) > 0
                  AND count(*) FILTER (WHERE source_id <> ?) > 0
               ORDER BY person_id LIMIT 1""", [restricted, restricted]).fetchall()[0][0]
        pair = con.execute(
            """SELECT record_id_l, record_id_r FROM record_pair p
               JOIN victim_record l ON l.record_id = p.record_id_l
               WHERE l.source_id = ? LIMIT 1""", [restricted]).fetchall()[0]
        claim = con.execute("SELECT claim_id FROM claim WHERE source_id = 'news' "
                            "LIMIT 1").fetchall()[0][0]
        incident, member = con.execute(
            """SELECT incident_id, member_id FROM incident_member m JOIN claim c
               ON m.member_kind = 'claim' AND c.claim_id = m.member_id
               WHERE c.source_id = 'news' LIMIT 1""").fetchall()[0]
    assert len(names) >= 5 and len(evidence) >= 5
    add_group(project, GROUP)
    for role in ROLES:  # "role" is in no group; "m-role" is a member of coast
        add_user(project, f"m-{role}", role, PASSWORD)
        add_member(project, GROUP, f"m-{role}")
    restrict_source(project, restricted, GROUP)
    restrict_source(project, "news", GROUP)
    from tally.web import create_app

    app = create_app(project.root)
    return {"app": app, "project": project, "restricted": restricted,
            "canaries": names + evidence + files, "names": names, "person": person,
            "pair": pair, "claim": claim, "incident": incident, "member": member}


def _client(app, user: str) -> TestClient:
    client = TestClient(app)
    assert sign_in(client, user).status_code == 303
    return client


def _get_routes(setup) -> dict[str, str]:
    """Every GET page and API endpoint of the app, with its parameters filled in."""
    fill = {"{person_or_record}": setup["person"], "{incident_id}": setup["incident"],
            "{job_id}": "none", "{token}": "x" * 32, "{code}": "en"}
    from tally.web.api import ENDPOINT_PERMISSIONS

    app = setup["app"]
    paths = {r.path for router in app.state.routers for r in router.routes
             if "GET" in (getattr(r, "methods", None) or ())}
    paths |= {path for method, path in ENDPOINT_PERMISSIONS if method == "GET"}
    assert "/persons/{person_or_record}" in paths and "/api/records" in paths
    out = {}
    for path in sorted(paths):
        filled = path
        for key, value in fill.items():
            filled = filled.replace(key, value)
        out[path] = filled
    return out


#: pages that must also be asked about the restricted source by name
EXTRA = ("/records?source={r}", "/api/records?source={r}", "/quarantine?document=",
         "/records?name={name}", "/api/records?name={name}")


def _fetch_all(setup, role: str, user: str):
    app = setup["app"]
    web = _client(app, user)
    token = create_token(setup["app"].state.project, user, "test")
    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    answers = {}
    extra = [e.format(r=setup["restricted"], name=setup["names"][0]) for e in EXTRA]
    for path in [*_get_routes(setup).values(), *extra]:
        client = api if path.startswith("/api/") else web
        response = client.get(path, follow_redirects=False)
        answers[path] = response
    return answers


@pytest.mark.parametrize("role", ROLES)
def test_every_route_member_versus_non_member(setup, role):
    outsider = _fetch_all(setup, role, role)
    member = _fetch_all(setup, role, f"m-{role}")
    leaks = [(path, c) for path, r in outsider.items() for c in setup["canaries"]
             if c and c in r.text
             and not ("name=" in path and c == setup["names"][0])]  # the query, echoed
    assert not leaks, (role, leaks[:5])
    for path, r in outsider.items():  # the same answer, minus the content
        assert r.status_code == member[path].status_code, (role, path)
    if role in ("admin", "analyst", "reviewer", "documenter"):  # may read names
        assert any(n in member["/records?source=" + setup["restricted"]].text
                   for n in setup["names"])
        page = outsider["/records?source=" + setup["restricted"]].text
        assert "restricted" in page and int(re.search(r"<p>(\d+) ", page).group(1)) > 0
        person = outsider[f"/persons/{setup['person']}"]
        assert "restricted" in person.text and "<section>" in person.text  # others still shown
        assert "restricted" in outsider[f"/api/persons/{setup['person']}"].text
    if role in ("admin", "reviewer"):
        for path in ("/review/claims", "/api/review/claims"):
            assert any(e in member[path].text for e in setup["canaries"]), path
            assert "claim" in outsider[path].text


def test_a_search_by_name_does_not_count_restricted_records(setup):
    """Counts show that restricted records exist, but a search by content never matches
    them: otherwise a count of 1 would say that a restricted list holds that name."""
    name = setup["names"][0]
    outsider = _client(setup["app"], "analyst").get("/records", params={"name": name}).text
    member = _client(setup["app"], "m-analyst").get("/records", params={"name": name}).text
    assert re.search(r"<p>0 ", outsider) and name in member


def test_writes_on_restricted_items_are_refused_and_logged(setup):
    a, b = setup["pair"]
    client = _client(setup["app"], "reviewer")
    token = csrf_of(client.get("/").text)
    verdict = client.post("/review/pairs", data={"csrf_token": token, "record_a": a,
                                                 "record_b": b, "verdict": "match"})
    assert verdict.status_code == 403
    claim = client.post(f"/review/claims/{setup['claim']}",
                        data={"csrf_token": token, "verdict": "accept"})
    assert claim.status_code == 403
    detach = client.post(f"/review/incidents/{setup['incident']}",
                         data={"csrf_token": token, "kind": "detach",
                               "member_a": setup["member"]})
    assert detach.status_code == 400 and "restricted" in detach.text
    api_token = create_token(setup["app"].state.project, "reviewer", "t")
    api = TestClient(setup["app"], headers={"Authorization": f"Bearer {api_token}"})
    assert api.post("/api/review/pairs", json={"record_a": a, "record_b": b,
                                               "verdict": "match"}).status_code == 403
    refused = api.post("/api/review/incidents", json={"kind": "detach",
                                                      "member_a": setup["member"]})
    assert refused.status_code == 400 and "restricted" in refused.text
    with setup["app"].state.project.connect(read_only=True) as con:
        assert not con.execute("SELECT 1 FROM incident_decision WHERE member_a = ?",
                               [setup["member"]]).fetchall()
        kinds = {r[0] for r in con.execute(
            "SELECT json_extract_string(details, '$.read') FROM audit_event "
            "WHERE action = 'access.denied' AND actor = 'reviewer'").fetchall()}
    assert {"review.pair", "review.claim", "review.incident"} <= kinds
    with setup["app"].state.project.connect(read_only=True) as con:
        decided = con.execute("SELECT count(*) FROM review_decision WHERE record_id_l IN (?, ?)",
                              [a, b]).fetchall()[0][0]
    assert decided == 0
    # a member of the group may
    member = _client(setup["app"], "m-reviewer")
    ok = member.post("/review/pairs", data={"csrf_token": csrf_of(member.get("/").text),
                                            "record_a": a, "record_b": b, "verdict": "unsure"},
                     follow_redirects=False)
    assert ok.status_code == 303


def test_denied_reads_are_in_the_chain_and_shown_to_admins(setup):
    viewer = _client(setup["app"], "viewer")
    viewer.get(f"/persons/{setup['person']}")
    with setup["app"].state.project.connect(read_only=True) as con:
        rows = con.execute("SELECT actor, subject FROM audit_event WHERE action = "
                           "'access.denied' AND actor = 'viewer'").fetchall()
    assert ("viewer", setup["person"]) in rows
    page = _client(setup["app"], "admin").get("/access").text
    assert "Refused reads" in page and setup["person"] in page
    assert _client(setup["app"], "analyst").get("/access").status_code == 403


def test_admins_manage_groups_in_the_workspace(tmp_path):
    """The Access page's form: a group, a member, a restricted source — each a fresh
    admin's change, each taking effect at the next page."""
    from tally.ingest.entry import enter_record
    from tally.project import Project
    from tally.sources import add_source
    from tally.web import create_app

    project = Project.init(tmp_path / "p")
    add_source(project, "staff", name="Hospital staff", kind="witness", reliability="B")
    enter_record(project, "staff", {"given_name": "Zarqacanary", "sex": "male", "age": "30"})
    add_user(project, "boss", "admin", PASSWORD)
    add_user(project, "rana", "analyst", PASSWORD)
    add_user(project, "omar", "analyst", PASSWORD)
    app = create_app(project.root)
    boss, rana, omar = (_client(app, n) for n in ("boss", "rana", "omar"))
    token = csrf_of(boss.get("/access").text)
    for form in ({"action": "add_group", "group": "team"},
                 {"action": "add_member", "group": "team", "user": "rana"},
                 {"action": "restrict", "group": "team", "source": "staff"}):
        response = boss.post("/access", data={"csrf_token": token, **form},
                             follow_redirects=False)
        assert response.status_code == 303, response.text[-300:]
    assert "Zarqacanary" in rana.get("/records?source=staff").text
    page = omar.get("/records?source=staff").text
    assert "Zarqacanary" not in page and "restricted" in page
    assert omar.post("/access", data={"csrf_token": csrf_of(page), "action": "add_member",
                                      "group": "team", "user": "omar"}).status_code == 403
    listed = boss.get("/access").text
    assert "team" in listed and "omar" in listed  # omar's refused read is listed
    bad = boss.post("/access", data={"csrf_token": token, "action": "restrict",
                                     "group": "nope", "source": "staff"})
    assert bad.status_code == 400 and "no group" in bad.text
