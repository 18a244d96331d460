"""Export control, attacked: an approval whose approver has since been removed or is no
longer an admin, two admins deciding the same request at once, an approval racing the
download, approving through the API, and a request id that is not one."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_of
from tests.web.test_export_approval import _ask, _client, _post
from tests.web.test_export_approval import app  # noqa: F401  (the fixture: its project)


def _approved(app, asker: str = "rana", approver: str = "boss") -> tuple[TestClient, str]:
    client = _client(app, asker)
    rid = _ask(client)
    assert _post(_client(app, approver), f"/exports/{rid}/approve").status_code == 303
    return client, rid


@pytest.mark.parametrize("change", ["UPDATE app_user SET disabled = true WHERE name = ?",
                                    "UPDATE app_user SET role = 'viewer' WHERE name = ?"],
                         ids=["approver-removed", "approver-no-longer-admin"])
def test_an_approval_dies_with_its_approvers_admin_role(app, change):
    """An admin removed (or demoted) for misconduct leaves no approvals behind that
    still open a full export of every witness."""
    from tally.store.accounts import add_user

    approver = f"ex-{'removed' if 'disabled' in change else 'demoted'}"
    add_user(app.state.project, approver, "admin", PASSWORD)
    rana, rid = _approved(app, approver=approver)
    with app.state.project.connect() as con:
        con.execute(change, [approver])
    got = rana.get(f"/exports/{rid}/download")
    assert got.status_code == 403, got.status_code
    assert "attachment" not in got.headers.get("content-disposition", "")
    assert "approv" in got.text  # says why: the approval no longer stands


def test_two_admins_deciding_at_once_leave_one_decision(app):
    rana = _client(app, "rana")
    rid = _ask(rana)
    boss, chief = _client(app, "boss"), _client(app, "chief")
    tokens = {c: csrf_of(c.get("/exports").text) for c in (boss, chief)}
    answers = []

    def decide(client, verb):
        answers.append(client.post(f"/exports/{rid}/{verb}", data={"csrf_token": tokens[client]},
                                   follow_redirects=False).status_code)

    threads = [threading.Thread(target=decide, args=(boss, "approve")),
               threading.Thread(target=decide, args=(chief, "refuse"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [303, 400], answers
    with app.state.project.connect(read_only=True) as con:
        decided = con.execute("SELECT count(*) FROM audit_event WHERE subject = ? AND action IN "
                              "('export.approved', 'export.refused')", [rid]).fetchall()[0][0]
    assert decided == 1


def test_a_download_racing_the_approval_gets_nothing_before_it(app):
    rana = _client(app, "rana")
    rid = _ask(rana)
    early = rana.get(f"/exports/{rid}/download")
    assert early.status_code == 403 and "attachment" not in early.headers.get(
        "content-disposition", "")


def test_no_api_endpoint_asks_approves_or_downloads_an_export(app):
    from tally.store.api_tokens import create_token

    rana, rid = _approved(app)
    token = create_token(app.state.project, "boss", "attack")
    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    for method, path in (("POST", f"/api/exports/{rid}/approve"), ("POST", "/api/exports"),
                         ("GET", f"/api/exports/{rid}/download")):
        assert api.request(method, path, json={}).status_code == 404
    # the page's routes do not take a token instead of a session
    assert api.post(f"/exports/{rid}/approve", data={}).status_code in (303, 403)
    assert "attachment" not in api.get(f"/exports/{rid}/download").headers.get(
        "content-disposition", "")


def test_a_request_id_that_is_not_one_is_refused_plainly(app):
    rana = _client(app, "rana")
    for rid in ("X-0", "%27%20OR%201=1", "X-" + "0" * 400):
        answer = rana.get(f"/exports/{rid}/download")
        assert answer.status_code == 403 and "Traceback" not in answer.text


def test_a_recipient_is_a_public_key_never_a_file_on_the_server(app, tmp_path):
    """The recipient field took a file name too (as ``tally export --to`` does for
    its operator): from the web, the server read any file it could and echoed the
    start of its first line in the error — the workspace key that signs every
    session cookie among them."""
    planted = tmp_path / "server-secret.txt"
    planted.write_text("SERVERSECRET-do-not-show\n", encoding="utf-8")
    rana = _client(app, "rana")
    key_file = app.state.project.root / "workspace.key"
    for path in (planted, key_file, app.state.project.root / "tally.toml"):
        token = csrf_of(rana.get("/exports").text)
        answer = rana.post("/exports", data={"csrf_token": token, "what": "records",
                                             "format": "csv", "recipient": str(path)},
                           follow_redirects=False)
        assert answer.status_code == 400, (path, answer.status_code)
        assert "SERVERSECRET" not in answer.text
        assert app.state.secret[:8] not in answer.text
        assert "age1" in answer.text  # says what a recipient is
    with app.state.project.connect(read_only=True) as con:
        assert not con.execute("SELECT 1 FROM export_request WHERE recipient LIKE '/%'"
                               ).fetchall()


def test_the_approver_sees_whose_key_the_export_is_encrypted_to(app):
    """An analyst could name their own key as "the court's": the approver saw only
    "(age)", so could not check the key (by its text, against one known by another
    channel) before approving."""
    import pyrage

    key = str(pyrage.x25519.Identity.generate().to_public())
    rana = _client(app, "rana")
    rid = _ask(rana, recipient=key, reason="for the court")
    page = _client(app, "boss").get("/exports").text
    row = page[page.index(rid):]
    assert key in row[:row.index("</tr>")]
