"""Messages from the core shown inside Arabic pages are in Arabic: an upload refused,
a quarantine problem, a refused verdict, the project busy, a job's progress; every
quarantine note the core writes has its Arabic."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tally.web.messages import FIXED, message
from tests.web.conftest import csrf_of, sign_in
from tests.web.review_project import review_project

HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from tally.demo import example_path
    from tally.ingest import ingest_file
    from tally.sources import add_source
    from tally.web import create_app

    project = review_project(tmp_path_factory, "messages-ar")
    add_source(project, "snhr", name="SNHR", kind="rights_group_list", reliability="B")
    ingest_file(project, example_path("arabic_list_cp1256.csv"), "snhr",
                mapping=example_path("arabic_list.toml"))
    return create_app(project.root)


def _arabic(app, role):
    client = TestClient(app)
    assert sign_in(client, role).status_code == 303
    client.get("/lang/ar?next=/")
    return client


def test_every_quarantine_note_of_the_core_has_its_arabic():
    from tally.ingest.checks import _NOTES, CONTROL_NOTE

    for note in (*_NOTES.values(), CONTROL_NOTE, "no name and no other identifying field"):
        assert message("ar", note) != note, note
    assert message("ar", "required field name is empty") == "الحقل المطلوب الاسم فارغ"
    assert message("en", "required field name is empty") == "required field name is empty"
    assert message("ar", "something new from the core") == "something new from the core"
    assert all(re.search("[\u0600-\u06ff]", a) for a in FIXED.values())


def test_a_quarantine_problem_in_arabic(app):
    page = _arabic(app, "analyst").get("/quarantine")
    assert page.status_code == 200 and 'dir="rtl"' in page.text
    problems = re.findall(r"<td><bdi>([^<]*)</bdi></td><td><bdi>[^<]*</bdi></td></tr>", page.text)
    assert problems and all(re.search("[\u0600-\u06ff]", p) for p in problems), problems


def test_an_upload_refused_in_arabic(app):
    documenter = _arabic(app, "documenter")
    page = documenter.get("/upload").text
    refused = documenter.post("/upload", data={"csrf_token": csrf_of(page), "source_id": "nope",
                                               "kind": "list"},
                              files={"file": ("list.csv", b"name\nx\n", "text/csv")})
    assert refused.status_code == 400
    assert "مصدر غير معروف" in refused.text and "unknown source" not in refused.text


def test_a_refused_verdict_and_the_busy_project_in_arabic(app, monkeypatch):
    from tally.web import decisions
    from tally.web.jobs import writer

    reviewer = _arabic(app, "reviewer")
    page = reviewer.get("/review/pairs").text
    a, b = re.search(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                     r'name="record_b" value="([^"]+)"', page).groups()
    bad = reviewer.post("/review/pairs", headers=HX, data={
        "csrf_token": csrf_of(page), "record_a": a, "record_b": a, "verdict": "match"})
    assert bad.status_code == 400 and "القرار يحتاج سجلين مختلفين" in bad.text
    monkeypatch.setattr(decisions, "WAIT_SECONDS", 0.1)
    with writer(app):
        busy = reviewer.post("/review/pairs", headers=HX, data={
            "csrf_token": csrf_of(page), "record_a": a, "record_b": b, "verdict": "match"})
    assert busy.status_code == 400 and "المشروع مشغول" in busy.text


def test_a_jobs_progress_in_arabic(app):
    analyst = _arabic(app, "analyst")
    page = analyst.get("/jobs").text
    started = analyst.post("/jobs", data={"csrf_token": csrf_of(page), "kind": "incidents"},
                           follow_redirects=False)
    job_id = started.headers["location"].rsplit("/", 1)[1]
    assert app.state.jobs.wait(job_id, timeout=120).state == "done"
    status = analyst.get(f"/jobs/{job_id}/status").text
    assert "تجميع الادعاءات والأشخاص في حوادث" in status and "بدأت: الحوادث" in status
    assert "grouping claims" not in status


def test_every_progress_line_of_a_link_has_its_arabic(tmp_path_factory):
    """A link job's log is shown on Arabic pages: each of the linker's phase lines
    (the counts in them included) must render in Arabic, not fall back to English."""
    from tally.link import link_project

    project = review_project(tmp_path_factory, "phases-ar")
    lines: list[str] = []
    link_project(project, progress=lines.append)
    assert len(lines) >= 6, lines
    untranslated = [line for line in lines if message("ar", line) == line]
    assert not untranslated, untranslated
