"""Review pages and jobs through the workspace's own HTTP interface: ten pairs
decided as the keyboard script posts them, a claim accepted and edited, an
incident member detached, each verdict in the audit chain with the web user as
actor; a linkage job run to completion and watched."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tally.store.audit import verify_audit
from tests.web.conftest import EVIL, csrf_of, sign_in
from tests.web.review_project import review_project

HX = {"HX-Request": "true"}
#: the keys review.js maps to verdicts
KEYS = {"m": "match", "n": "no-match", "u": "unsure"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from tally.web import create_app

    return create_app(review_project(tmp_path_factory, "review").root)


@pytest.fixture(scope="module")
def reviewer(app):
    client = TestClient(app)
    assert sign_in(client, "reviewer").status_code == 303
    return client


def _rows(app, sql, args=()):
    with app.state.project.connect(read_only=True) as con:
        return con.execute(sql, list(args)).fetchall()


def test_ten_pairs_reviewed_by_keyboard_land_in_the_audit_chain(app, reviewer):
    page = reviewer.get("/review/pairs")
    assert page.status_code == 200
    shown = re.search(r"Showing (\d+) of (\d+), the pairs whose verdict would change the most persons first", page.text)
    assert shown and shown.group(1) == "10" and int(shown.group(2)) >= 10
    total = int(shown.group(2))
    assert '<script src="/static/review.js"' in page.text
    pairs = re.findall(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                       r'name="record_b" value="([^"]+)"', page.text)
    assert len(pairs) == 10
    # each pair shows its comparisons' levels and weights
    assert page.text.count('class="comparison"') == 10
    token = csrf_of(page.text)
    before = _rows(app, "SELECT count(*) FROM audit_event")[0][0]
    keys = "mnumnumnum"
    for (a, b), key in zip(pairs, keys):
        done = reviewer.post("/review/pairs", headers=HX, data={
            "csrf_token": token, "record_a": a, "record_b": b, "verdict": KEYS[key],
            "note": f"key {key}"})
        assert done.status_code == 200 and 'class="pair done"' in done.text
    stored = _rows(app, "SELECT record_id_l, record_id_r, verdict, note, decided_by "
                        "FROM review_decision ORDER BY decision_id")
    assert [(a, b, KEYS[k], f"key {k}", "reviewer") for (a, b), k in zip(pairs, keys)] == stored
    events = _rows(app, "SELECT actor, action, subject FROM audit_event WHERE seq > ? "
                        "ORDER BY seq", [before])
    assert events == [("reviewer", "review.verdict", f"{a}|{b}") for a, b in pairs]
    with app.state.project.connect(read_only=True) as con:
        assert verify_audit(con, app.state.project.objects).ok
    # decided pairs leave the queue; the next ten are shown
    again = reviewer.get("/review/pairs").text
    assert f"of {total - 10}," in again
    assert not set(pairs) & set(re.findall(r'name="record_a" value="([^"]+)">\s*<input '
                                           r'type="hidden" name="record_b" value="([^"]+)"', again))


def test_a_verdict_without_the_form_token_is_refused_and_not_stored(app, reviewer):
    page = reviewer.get("/review/pairs").text
    a, b = re.search(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                     r'name="record_b" value="([^"]+)"', page).groups()
    count = _rows(app, "SELECT count(*) FROM review_decision")[0][0]
    for token in (None, "wrong"):
        data = {"record_a": a, "record_b": b, "verdict": "match"}
        if token:
            data["csrf_token"] = token
        assert reviewer.post("/review/pairs", data=data).status_code == 403
    assert _rows(app, "SELECT count(*) FROM review_decision")[0][0] == count


def test_a_note_is_escaped_and_a_bad_verdict_refused(app, reviewer):
    page = reviewer.get("/review/pairs").text
    token = csrf_of(page)
    a, b = re.search(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                     r'name="record_b" value="([^"]+)"', page).groups()
    bad = reviewer.post("/review/pairs", headers=HX, data={
        "csrf_token": token, "record_a": a, "record_b": b, "verdict": "maybe"})
    assert bad.status_code == 400 and "is not one of" in bad.text
    done = reviewer.post("/review/pairs", headers=HX, data={
        "csrf_token": token, "record_a": a, "record_b": b, "verdict": "unsure", "note": EVIL})
    assert done.status_code == 200
    assert "<script>" not in done.text and "<img" not in done.text
    assert "&lt;script&gt;" in done.text


def test_claim_accepted_and_edited_with_the_evidence_marked(app, reviewer):
    page = reviewer.get("/review/claims")
    assert page.status_code == 200
    assert "<mark class=\"count\"" in page.text  # the quoted count is highlighted
    ids = re.findall(r'<section class="claim" id="claim-([^"]+)"', page.text)
    assert len(ids) >= 2
    token = csrf_of(page.text)
    accepted = reviewer.post(f"/review/claims/{ids[0]}", headers=HX,
                             data={"csrf_token": token, "verdict": "accept", "note": EVIL})
    assert accepted.status_code == 200 and "accepted" in accepted.text
    assert "<script>" not in accepted.text
    edited = reviewer.post(f"/review/claims/{ids[1]}", data={
        "csrf_token": token, "verdict": "edit", "killed_low": "", "killed_best": "",
        "killed_high": "", "perpetrator": "Unknown gunmen", "note": "checked"},
        follow_redirects=False)
    assert edited.status_code == 303
    stored = _rows(app, "SELECT claim_id, verdict, decided_by FROM claim_decision "
                        "ORDER BY decision_id")
    assert stored == [(ids[0], "accept", "reviewer"), (ids[1], "edit", "reviewer")]
    assert [r[0] for r in _rows(app, "SELECT actor FROM audit_event WHERE action = "
                                     "'claim.reviewed'")] == ["reviewer", "reviewer"]
    assert "Unknown gunmen" in reviewer.get("/review/claims?status=edited").text


def test_incident_member_detached(app, reviewer):
    listing = reviewer.get("/review/incidents")
    assert listing.status_code == 200
    incident = re.search(r'href="/review/incidents/([^"]+)"', listing.text).group(1)
    page = reviewer.get(f"/review/incidents/{incident}")
    assert page.status_code == 200
    member = re.search(r'name="kind" value="detach"><input type="hidden" name="member_a" '
                       r'value="([^"]+)"', page.text).group(1)
    done = reviewer.post(f"/review/incidents/{incident}", follow_redirects=False, data={
        "csrf_token": csrf_of(page.text), "kind": "detach", "member_a": member})
    assert done.status_code == 303
    assert _rows(app, "SELECT kind, member_a, decided_by FROM incident_decision") == [
        ("detach", member, "reviewer")]
    assert reviewer.get("/review/incidents/inc-none").status_code == 404


@pytest.mark.parametrize("role", ["analyst", "documenter", "viewer"])
def test_review_pages_are_for_reviewers_and_admins(app, role):
    client = TestClient(app)
    sign_in(client, role)
    for path in ("/review/pairs", "/review/claims", "/review/incidents"):
        assert client.get(path).status_code == 403
    page = client.get("/").text
    assert client.post("/review/pairs", data={"csrf_token": csrf_of(page), "record_a": "a",
                                              "record_b": "b", "verdict": "match"}
                       ).status_code == 403
    signed_out = TestClient(app)
    assert signed_out.get("/review/pairs", follow_redirects=False).status_code == 303


def test_a_linkage_job_runs_to_completion_with_its_progress(app, reviewer):
    analyst = TestClient(app)
    sign_in(analyst, "analyst")
    page = analyst.get("/jobs")
    assert page.status_code == 200 and 'hx-get="/jobs/list"' in page.text
    started = analyst.post("/jobs", data={"csrf_token": csrf_of(page.text), "kind": "link"},
                           follow_redirects=False)
    assert started.status_code == 303
    job_id = started.headers["location"].rsplit("/", 1)[1]
    watching = analyst.get(f"/jobs/{job_id}").text
    assert "Status" in watching
    job = app.state.jobs.wait(job_id, timeout=120)
    assert job.state == "done", job.error
    status = analyst.get(f"/jobs/{job_id}/status").text
    assert 'data-state="done"' in status and "hx-trigger" not in status  # polling stops
    assert "building link input" in status  # the stage's own progress lines, in the log
    runs = _rows(app, "SELECT actor FROM audit_event WHERE action = 'link.run' "
                      "ORDER BY seq DESC LIMIT 1")
    assert runs == [("analyst",)]
    # reviewers may not start jobs (the module's reviewer: a second sign-in of the same
    # account would end the first session, [workspace] single_session)
    assert reviewer.post("/jobs", data={"csrf_token": csrf_of(reviewer.get("/").text),
                                        "kind": "link"}).status_code == 403


def test_a_failing_job_says_why(app):
    admin = TestClient(app)
    sign_in(admin, "admin")
    page = admin.get("/jobs").text
    bad = admin.post("/jobs", data={"csrf_token": csrf_of(page), "kind": "rm -rf"})
    assert bad.status_code == 400 and "no job" in bad.text


def test_the_page_shows_what_the_core_queue_holds_after_verdicts_made_elsewhere(app, reviewer):
    """The page keeps the queue's head between requests (pair_queue): a verdict made
    outside the page (the API, the CLI's function) still takes its pair off the page."""
    from tally.link.review import record_verdict, review_queue, review_queue_size
    from tally.web.jobs import writer

    reviewer.get("/review/pairs")  # fills the page's queue
    first = review_queue(app.state.project, limit=10)[0]
    with writer(app):  # as every writer in the server does
        record_verdict(app.state.project, first.record_id_l, first.record_id_r, "no-match",
                       decided_by="elsewhere")
    page = reviewer.get("/review/pairs").text
    shown = re.findall(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                       r'name="record_b" value="([^"]+)"', page)
    expected = review_queue(app.state.project, limit=10)
    assert shown == [(i.record_id_l, i.record_id_r) for i in expected]
    assert f"of {review_queue_size(app.state.project)}," in page


def test_a_verdict_while_a_job_holds_the_store_says_busy(app, reviewer, monkeypatch):
    from tally.web import decisions
    from tally.web.jobs import writer

    monkeypatch.setattr(decisions, "WAIT_SECONDS", 0.1)
    page = reviewer.get("/review/pairs").text
    a, b = re.search(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                     r'name="record_b" value="([^"]+)"', page).groups()
    count = _rows(app, "SELECT count(*) FROM review_decision")[0][0]
    with writer(app):  # a link job running
        busy = reviewer.post("/review/pairs", headers=HX, data={
            "csrf_token": csrf_of(page), "record_a": a, "record_b": b, "verdict": "match"})
    assert busy.status_code == 400 and "busy" in busy.text
    assert _rows(app, "SELECT count(*) FROM review_decision")[0][0] == count


def test_a_claim_is_shown_in_its_article(app, reviewer):
    """The evidence sentence, its spans marked, inside the article text around it (the
    JSON-lines article the claim came from, found by its id)."""
    page = reviewer.get("/review/claims?status=all").text
    sections = re.findall(r'<section class="claim".*?</section>', page, re.S)
    with_context = [s for s in sections if '<span class="context">' in s]
    assert with_context, "no claim shown in its article"
    with app.state.project.connect(read_only=True) as con:
        cid = re.search(r'id="claim-([^"]+)"', with_context[0]).group(1)
        evidence = con.execute("SELECT evidence_text FROM claim WHERE claim_id = ?",
                               [cid]).fetchall()[0][0]
    sentence = re.search(r'<span class="sentence">(.*?)</span>', with_context[0], re.S).group(1)
    assert re.sub(r"<[^>]+>", "", sentence) == evidence.replace("&", "&amp;").replace(
        "<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
