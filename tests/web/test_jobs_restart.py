"""Jobs survive a restart of the server: kept in the store (web_job), a job that was
queued or running when the server stopped is shown as interrupted, not lost, and the
jobs page keeps the history of earlier lives."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in
from tests.web.review_project import review_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return review_project(tmp_path_factory, "jobs-restart")


def _analyst(app) -> TestClient:
    client = TestClient(app)
    assert sign_in(client, "analyst").status_code == 303
    return client


def test_a_job_running_when_the_server_stopped_is_interrupted_and_history_kept(project):
    from tally.web import create_app
    from tally.web.jobs import writer

    first = create_app(project.root)
    analyst = _analyst(first)
    page = analyst.get("/jobs").text
    done = analyst.post("/jobs", data={"csrf_token": csrf_of(page), "kind": "incidents"},
                        follow_redirects=False)
    done_id = done.headers["location"].rsplit("/", 1)[1]
    assert first.state.jobs.wait(done_id, timeout=120).state == "done"
    # the next job never starts: the store is busy when the server "stops"
    writer(first).acquire()
    stuck = analyst.post("/jobs", data={"csrf_token": csrf_of(page), "kind": "estimate"},
                         follow_redirects=False)
    stuck_id = stuck.headers["location"].rsplit("/", 1)[1]
    assert first.state.jobs.get(stuck_id).state == "queued"

    # a new server on the same project (the old one gone without finishing its job)
    second = create_app(project.root)
    analyst2 = _analyst(second)
    listing = analyst2.get("/jobs").text
    assert done_id in listing and stuck_id in listing  # history across the restart
    status = analyst2.get(f"/jobs/{stuck_id}/status").text
    assert 'data-state="interrupted"' in status and "hx-trigger" not in status
    assert "the server stopped before the job finished" in status
    old = analyst2.get(f"/jobs/{done_id}/status").text
    assert 'data-state="done"' in old and "grouping claims" in old  # its log kept
    analyst2.get("/lang/ar?next=/")
    assert "انقطعت" in analyst2.get("/jobs").text
