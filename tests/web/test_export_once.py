"""An approved full export is downloaded once: the link used again (by the requester,
or by whoever copied their session) gets nothing and says when it was used; two
downloads sent at once get one file; the refusal is in the audit chain; the
requester and the approvers see when it was downloaded."""

from __future__ import annotations

import re
import threading

from tests.web.test_export_approval import _ask, _client, _post
from tests.web.test_export_approval import app  # noqa: F401  (the fixture: its project)


def _approved(app):
    rana = _client(app, "rana")
    rid = _ask(rana)
    assert _post(_client(app, "boss"), f"/exports/{rid}/approve").status_code == 303
    return rana, rid


def _attachment(response) -> bool:
    return "attachment" in response.headers.get("content-disposition", "")


def test_the_second_download_is_refused_and_audited(app):
    rana, rid = _approved(app)
    first = rana.get(f"/exports/{rid}/download")
    assert first.status_code == 200 and _attachment(first)
    again = rana.get(f"/exports/{rid}/download")
    assert again.status_code == 403 and not _attachment(again)
    assert "already downloaded at" in again.text and "ask again" in again.text
    with app.state.project.connect(read_only=True) as con:
        events = con.execute("SELECT action, actor FROM audit_event WHERE subject = ? "
                             "ORDER BY seq", [rid]).fetchall()
        downloads = con.execute("SELECT count(*) FROM audit_event WHERE action = 'read.export' "
                                "AND details LIKE ?", [f'%{rid}%']).fetchall()[0][0]
    assert ("export.download_refused", "rana") in events and downloads == 1
    # the requester's page says when, and offers no link any more
    page = rana.get("/exports").text
    row = page[page.index(rid):]
    row = row[:row.index("</tr>")]
    assert re.search(r'class="downloaded">\d{4}-\d\d-\d\dT\d\d:\d\d', row)
    assert f"/exports/{rid}/download" not in row
    # and the approvers see it downloaded
    admin_page = _client(app, "chief").get("/exports").text
    approved = admin_page[admin_page.index('id="approved"'):]
    row = approved[approved.index(rid):]
    assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d UTC", row[:row.index("</tr>")])


def test_a_copied_session_gets_nothing_once_the_owner_downloaded(app):
    from fastapi.testclient import TestClient

    rana, rid = _approved(app)
    copy = TestClient(app)
    copy.cookies.set("tally_session", rana.cookies.get("tally_session"))
    assert _attachment(rana.get(f"/exports/{rid}/download"))
    assert not _attachment(copy.get(f"/exports/{rid}/download"))


def test_two_downloads_at_once_get_one_file(app):
    rana, rid = _approved(app)
    answers = []

    def download():
        answers.append(rana.get(f"/exports/{rid}/download"))

    threads = [threading.Thread(target=download) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = sorted(r.status_code for r in answers)
    assert got == [200, 403, 403, 403], got
    assert sum(_attachment(r) for r in answers) == 1
    with app.state.project.connect(read_only=True) as con:
        assert con.execute("SELECT downloads FROM export_request WHERE id = ?",
                           [rid]).fetchall()[0][0] == 1


def test_the_refusal_in_arabic(app):
    rana, rid = _approved(app)
    rana.get(f"/exports/{rid}/download")
    rana.cookies.set("tally_lang", "ar")
    again = rana.get(f"/exports/{rid}/download")
    assert again.status_code == 403 and "نُزّل من قبل" in again.text and 'dir="rtl"' in again.text
