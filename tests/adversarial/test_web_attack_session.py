"""Sessions, attacked: a cookie kept after signing out, after a new sign-in, after the
account is disabled or the session expired; a planted (fixated) or forged cookie;
another signed cookie of the app passed off as a session; cookie flags; sign-in
from another site; and the sign-in throttle dodged by the name's case or spaces or
by a forged X-Forwarded-For."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tally.project import Project
from tally.store.accounts import MAX_FAILURES, MAX_FAILURES_PER_IP, add_user
from tests.web.conftest import PASSWORD, csrf_of, sign_in

COOKIE = "tally_session"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    project = Project.init(tmp_path_factory.mktemp("sess") / "p", name="Sess")
    for name, role in (("rana", "analyst"), ("boss", "admin"), ("vera", "viewer")):
        add_user(project, name, role, PASSWORD)
    from tally.web import create_app

    return create_app(project.root)


def _signed_in(client: TestClient) -> bool:
    return client.get("/", follow_redirects=False).status_code == 200


def _cookie_client(app, value: str) -> TestClient:
    client = TestClient(app)
    client.cookies.set(COOKIE, value, domain="testserver.local")
    return client


def test_a_cookie_kept_after_signing_out_opens_nothing(app):
    client = TestClient(app)
    assert sign_in(client, "rana").status_code == 303
    kept = client.cookies[COOKIE]
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    assert not _signed_in(_cookie_client(app, kept))


def test_a_cookie_from_before_a_new_sign_in_opens_nothing(app):
    thief, owner = TestClient(app), TestClient(app)
    assert sign_in(thief, "rana").status_code == 303
    stolen = thief.cookies[COOKIE]
    assert sign_in(owner, "rana").status_code == 303
    assert not _signed_in(_cookie_client(app, stolen)) and _signed_in(owner)


def test_a_disabled_account_or_an_expired_session_is_signed_out(app):
    client = TestClient(app)
    assert sign_in(client, "vera").status_code == 303
    with app.state.project.connect() as con:
        con.execute("UPDATE web_session SET expires_at = '2000-01-01T00:00:00+00:00' "
                    "WHERE user_name = 'vera' AND ended_at IS NULL")
    assert not _signed_in(client)
    assert sign_in(client, "vera").status_code == 303 and _signed_in(client)
    with app.state.project.connect() as con:
        con.execute("UPDATE app_user SET disabled = true WHERE name = 'vera'")
    try:
        assert not _signed_in(client)
        assert sign_in(TestClient(app), "vera").status_code == 401
    finally:
        with app.state.project.connect() as con:
            con.execute("UPDATE app_user SET disabled = false WHERE name = 'vera'")


def test_a_planted_or_forged_session_cookie_is_never_adopted(app):
    client = TestClient(app)
    client.cookies.set(COOKIE, "attacker-chosen-id", domain="testserver.local")  # planted
    assert not _signed_in(client)
    assert sign_in(client, "boss").status_code == 303
    assert client.cookies[COOKIE] != "attacker-chosen-id" and _signed_in(client)
    first = client.cookies[COOKIE]
    assert sign_in(client, "boss").status_code == 303
    assert client.cookies[COOKIE] != first  # a new id at every sign-in
    # the session id itself, unsigned, or signed with another of the app's salts
    from itsdangerous import URLSafeTimedSerializer

    assert _signed_in(_cookie_client(app, client.cookies[COOKIE]))  # the real one does
    sid = URLSafeTimedSerializer(app.state.secret, salt="session").loads(client.cookies[COOKIE])
    for salt in ("pending", "enrol", "tally_form", "tally_lang"):
        forged = URLSafeTimedSerializer(app.state.secret, salt=salt).dumps(sid)
        assert not _signed_in(_cookie_client(app, forged)), salt
    assert not _signed_in(_cookie_client(app, sid))
    assert not _signed_in(_cookie_client(app, URLSafeTimedSerializer(
        "not-the-key", salt="session").dumps(sid)))


def test_other_signed_cookies_of_the_app_are_not_sessions(app):
    """The sign-in form's token cookie and a pending second-factor cookie, each a
    value the app itself signed, put in the session cookie's place."""
    client = TestClient(app)
    client.get("/login")
    assert not _signed_in(_cookie_client(app, client.cookies["tally_form"]))


def test_the_session_cookie_is_http_only_same_site_and_scoped(app):
    client = TestClient(app)
    answer = sign_in(client, "rana")
    header = next(v for k, v in answer.headers.multi_items()
                  if k == "set-cookie" and v.startswith(COOKIE + "="))
    lower = header.lower()
    assert "httponly" in lower and "path=/" in lower
    assert "secure" not in lower  # plain HTTP on 127.0.0.1 (Secure behind TLS: next test)
    # Strict, not Lax: a link on another site (a top-level GET, which Lax lets the
    # cookie ride) must not arrive signed in — pages such as a person page or a name
    # search are reads in the audit chain, which another site could otherwise write
    # in this user's name
    assert "samesite=strict" in lower


def test_reads_recorded_in_the_audit_chain_are_gets_a_lax_cookie_would_ride(app):
    """Why Strict matters: these GETs write a read event in the signed-in user's name."""
    client = TestClient(app)
    assert sign_in(client, "rana").status_code == 303
    with app.state.project.connect(read_only=True) as con:
        before = con.execute("SELECT count(*) FROM audit_event").fetchall()[0][0]
    client.get("/exports/public?format=csv")
    with app.state.project.connect(read_only=True) as con:
        after = con.execute("SELECT count(*) FROM audit_event").fetchall()[0][0]
    assert after == before + 1


def test_behind_tls_the_session_cookie_is_secure(tmp_path):
    project = Project.init(tmp_path / "tls", name="Tls")
    add_user(project, "rana", "analyst", PASSWORD)
    from tally.web import create_app

    client = TestClient(create_app(project.root, secure_cookies=True), base_url="https://t")
    answer = sign_in(client, "rana")
    header = next(v for k, v in answer.headers.multi_items()
                  if k == "set-cookie" and v.startswith(COOKIE + "="))
    assert "secure" in header.lower()


def test_a_cookie_route_refuses_json_without_the_form_token(app):
    """JSON (a fetch from another origin, or a script) to a page route with the cookie:
    no form token in it, so refused, even with the token inside the JSON."""
    client = TestClient(app)
    assert sign_in(client, "boss").status_code == 303
    token = csrf_of(client.get("/").text)
    for path in ("/sources", "/exports", "/users", "/review/pairs"):
        answer = client.post(path, json={"csrf_token": token, "name": "x"},
                             follow_redirects=False)
        assert answer.status_code == 403, path


def test_sign_in_from_another_site_is_refused(app):
    """A cross-site form posts without the browser's SameSite cookies: no form token."""
    bare = TestClient(app)
    answer = bare.post("/login", data={"name": "rana", "password": PASSWORD, "next": "/"},
                       follow_redirects=False)
    assert answer.status_code == 403 and COOKIE not in answer.cookies
    other = TestClient(app)
    token = csrf_of(other.get("/login").text)  # the attacker's own browser's token
    answer = bare.post("/login", data={"name": "rana", "password": PASSWORD, "csrf_token": token},
                       follow_redirects=False)
    assert answer.status_code == 403


def test_the_throttle_is_not_dodged_by_case_spaces_or_forwarded_for(app):
    add_user(app.state.project, "target", "viewer", PASSWORD)
    client = TestClient(app)
    for i in range(MAX_FAILURES):
        forged = {"X-Forwarded-For": f"198.51.100.{i}", "X-Real-IP": f"198.51.100.{i}"}
        token = csrf_of(client.get("/login").text)
        answer = client.post("/login", headers=forged, data={
            "name": "target", "password": "wrong password!", "csrf_token": token})
        assert answer.status_code == 401
    for variant in ("target", "TARGET", " target", "target ", "Target", "target\u200b"):
        answer = sign_in(client, variant)  # the right password
        assert answer.status_code == 401 and COOKIE not in answer.cookies, repr(variant)


def test_one_address_is_throttled_whatever_x_forwarded_for_says(app):
    client = TestClient(app)
    for i in range(MAX_FAILURES_PER_IP):
        token = csrf_of(client.get("/login").text)
        client.post("/login", headers={"X-Forwarded-For": f"203.0.113.{i}"},
                    data={"name": f"nobody{i}", "password": "x" * 12, "csrf_token": token})
    answer = sign_in(client, "boss")
    assert answer.status_code == 401 and "locked" in answer.text
