"""Sign-in hardening, tried as an attacker would: a wrong or replayed TOTP code, a
recovery code used twice, guessing codes, a stolen session after its owner signs in
again, a role that must use a second factor, and a change that needs a fresh proof
of identity."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pyotp
import pytest
from fastapi.testclient import TestClient

from tally.project import Project
from tally.store.accounts import MAX_FAILURES, add_user
from tests.web.conftest import PASSWORD, csrf_of, sign_in


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("totp") / "proj"
    project = Project.init(root, name="Coast")
    with open(root / "tally.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[workspace]\ntotp_roles = ["analyst"]\n')
    for name, role in (("rana", "admin"), ("omar", "admin"), ("sami", "analyst"),
                       ("guess", "admin")):
        add_user(project, name, role, PASSWORD)
    from tally.web import create_app

    return create_app(root)


def _enrol(app, name: str) -> tuple[pyotp.TOTP, list[str], TestClient]:
    client = TestClient(app)
    assert sign_in(client, name).status_code == 303
    page = client.get("/account").text
    secret = re.search(r'id="totp-secret" dir="ltr">([A-Z2-7]+)<', page).group(1)
    uri = re.search(r'id="totp-uri" dir="ltr">([^<]+)<', page).group(1)
    assert uri.startswith("otpauth://totp/") and f"secret={secret}" in uri
    signed = re.search(r'name="signed" value="([^"]+)"', page).group(1)
    totp = pyotp.TOTP(secret)
    # a wrong code does not turn it on
    bad = client.post("/account/totp", data={"csrf_token": csrf_of(page), "signed": signed,
                                             "code": "000000" if totp.now() != "000000" else "111111"})
    assert bad.status_code == 400
    done = client.post("/account/totp", data={"csrf_token": csrf_of(page), "signed": signed,
                                              "code": totp.now()})
    assert done.status_code == 200, done.text[-300:]
    codes = re.findall(r"<li><code>([0-9a-f]{10}-[0-9a-f]{10})</code></li>", done.text)
    assert len(codes) == 10
    assert "recovery-codes" not in client.get("/account").text  # shown once only
    return totp, codes, client


def _password_step(app, name: str) -> TestClient:
    client = TestClient(app)
    response = sign_in(client, name)
    assert response.status_code == 303 and response.headers["location"].startswith("/login/code")
    assert "tally_session" not in client.cookies  # the password alone opens no session
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    return client


def _code(client: TestClient, code: str):
    token = csrf_of(client.get("/login/code").text)
    return client.post("/login/code", data={"csrf_token": token, "code": code, "next": "/"},
                       follow_redirects=False)


def _later_code(totp: pyotp.TOTP, steps: int) -> str:
    """The code of a later time step (the window allows one step of clock drift)."""
    return totp.at(datetime.now(timezone.utc) + timedelta(seconds=30 * steps))


def test_wrong_and_replayed_codes_are_refused(app):
    totp, _, _ = _enrol(app, "rana")
    client = _password_step(app, "rana")
    assert _code(client, "12345").status_code == 401
    wrong = str((int(totp.now()) + 1) % 1_000_000).zfill(6)
    assert _code(client, wrong).status_code == 401
    code = _later_code(totp, 1)
    ok = _code(client, code)
    assert ok.status_code == 303 and client.get("/").status_code == 200
    # the same code again, seen over a shoulder: refused, even within its 30 s
    thief = _password_step(app, "rana")
    assert _code(thief, code).status_code == 401
    assert _code(thief, totp.now()).status_code == 401  # an earlier step, too


def test_a_recovery_code_works_once(app):
    _, codes, _ = _enrol(app, "omar")
    client = _password_step(app, "omar")
    assert _code(client, codes[3]).status_code == 303
    again = _password_step(app, "omar")
    assert _code(again, codes[3]).status_code == 401
    assert _code(again, codes[4]).status_code == 303
    with app.state.project.connect(read_only=True) as con:
        used = con.execute("SELECT count(*) FROM recovery_code WHERE user_name = 'omar' "
                           "AND used_at IS NOT NULL").fetchall()[0][0]
        stored = [r[0] for r in con.execute(
            "SELECT code_sha256 FROM recovery_code WHERE user_name = 'omar'").fetchall()]
    assert used == 2 and not set(codes) & set(stored)  # kept hashed


def test_guessing_codes_locks_the_account_even_after_the_right_password(app):
    totp, _, _ = _enrol(app, "guess")
    for _ in range(MAX_FAILURES):
        client = _password_step(app, "guess")  # the right password does not reset the count
        assert _code(client, "000000" if totp.now() != "000000" else "111111").status_code == 401
    locked = sign_in(TestClient(app), "guess")
    assert locked.status_code == 401 and "locked until" in locked.text


def test_a_new_sign_in_ends_the_old_session(app):
    first = TestClient(app)
    add_user(app.state.project, "lina", "viewer", PASSWORD)
    assert sign_in(first, "lina").status_code == 303
    assert first.get("/", follow_redirects=False).status_code == 200
    second = TestClient(app)
    assert sign_in(second, "lina").status_code == 303
    assert first.get("/", follow_redirects=False).status_code == 303  # the stale one is out
    assert second.get("/", follow_redirects=False).status_code == 200


def test_a_role_that_needs_a_second_factor_must_enrol_first(app):
    client = TestClient(app)
    assert sign_in(client, "sami").status_code == 303
    for path in ("/", "/records", "/sources"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/account"
    assert "Your role needs a second factor" in client.get("/account").text
    page = client.get("/account").text
    secret = re.search(r'id="totp-secret" dir="ltr">([A-Z2-7]+)<', page).group(1)
    signed = re.search(r'name="signed" value="([^"]+)"', page).group(1)
    client.post("/account/totp", data={"csrf_token": csrf_of(page), "signed": signed,
                                       "code": pyotp.TOTP(secret).now()})
    assert client.get("/", follow_redirects=False).status_code == 200


def test_an_enrolment_form_from_another_session_is_refused(app):
    add_user(app.state.project, "nadia", "admin", PASSWORD)
    victim = TestClient(app)
    sign_in(victim, "nadia")
    page = victim.get("/account").text
    signed = re.search(r'name="signed" value="([^"]+)"', page).group(1)
    secret = re.search(r'id="totp-secret" dir="ltr">([A-Z2-7]+)<', page).group(1)
    attacker = TestClient(app)
    add_user(app.state.project, "mallory", "admin", PASSWORD)
    sign_in(attacker, "mallory")
    token = csrf_of(attacker.get("/").text)
    response = attacker.post("/account/totp", data={"csrf_token": token, "signed": signed,
                                                    "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 400


def _age_session(app, name: str, minutes: int = 10) -> None:
    """Make the user's proof of identity ``minutes`` old (as if they had been away)."""
    then = (datetime.now(timezone.utc) - timedelta(minutes=minutes)).isoformat()
    with app.state.project.connect() as con:
        con.execute("UPDATE web_session SET reauth_at = ? WHERE user_name = ?", [then, name])


def test_a_stale_session_must_prove_itself_again_before_a_key_operation(app):
    add_user(app.state.project, "boss", "admin", PASSWORD)
    client = TestClient(app)
    sign_in(client, "boss")
    _age_session(app, "boss")
    token = csrf_of(client.get("/users").text)
    form = {"csrf_token": token, "name": "newcomer", "role": "viewer",
            "password": "another long pass"}
    refused = client.post("/users", data=form, follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/reauth")
    with app.state.project.connect(read_only=True) as con:
        assert not con.execute("SELECT 1 FROM app_user WHERE name = 'newcomer'").fetchall()
    wrong = client.post("/reauth", data={"csrf_token": token, "password": "not it at all",
                                         "next": "/users"}, follow_redirects=False)
    assert wrong.status_code == 401
    ok = client.post("/reauth", data={"csrf_token": token, "password": PASSWORD,
                                      "next": "/users"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/users"
    assert client.post("/users", data=form, follow_redirects=False).status_code == 303
    with app.state.project.connect(read_only=True) as con:
        assert con.execute("SELECT 1 FROM app_user WHERE name = 'newcomer'").fetchall()


def test_reauthentication_asks_for_the_code_when_the_user_has_one(app):
    add_user(app.state.project, "kamal", "admin", PASSWORD)
    totp, _, client = _enrol(app, "kamal")
    _age_session(app, "kamal")
    token = csrf_of(client.get("/").text)
    assert 'name="code"' in client.get("/reauth?next=/users").text
    no_code = client.post("/reauth", data={"csrf_token": token, "password": PASSWORD,
                                           "next": "/users"}, follow_redirects=False)
    assert no_code.status_code == 401
    ok = client.post("/reauth", data={"csrf_token": token, "password": PASSWORD,
                                      "code": _later_code(totp, 1), "next": "/users"},
                     follow_redirects=False)
    assert ok.status_code == 303


def test_the_totp_secret_is_sealed_in_an_encrypted_project(tmp_path):
    from tally.store.accounts import check_second_factor, enrol_totp, new_totp_secret

    project = Project.init(tmp_path / "enc", encrypt=True, passphrase=b"a long test passphrase")
    add_user(project, "rana", "admin", PASSWORD)
    secret = new_totp_secret()
    enrol_totp(project, "rana", secret, pyotp.TOTP(secret).now())
    with project.connect(read_only=True) as con:
        stored = con.execute("SELECT totp_secret FROM app_user").fetchall()[0][0]
    assert secret not in stored
    check_second_factor(project, "rana", _later_code(pyotp.TOTP(secret), 1), "127.0.0.1")


def test_making_an_api_token_needs_a_fresh_proof_of_identity(app):
    """An API token acts for a user without a password or a code: minting one is a key
    operation, refused to a session whose last proof is older than a few minutes."""
    add_user(app.state.project, "keeper", "admin", PASSWORD)
    client = TestClient(app)
    sign_in(client, "keeper")
    _age_session(app, "keeper")
    token = csrf_of(client.get("/tokens").text)
    refused = client.post("/tokens", data={"csrf_token": token, "user": "keeper"},
                          follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/reauth")
    with app.state.project.connect(read_only=True) as con:
        assert not con.execute("SELECT 1 FROM api_token WHERE user_name = 'keeper'").fetchall()


def test_an_operator_resets_a_lost_second_factor(app, cli):
    add_user(app.state.project, "lost", "admin", PASSWORD)
    _, codes, client = _enrol(app, "lost")
    from tally.store.accounts import has_totp, reset_totp

    reset_totp(app.state.project, "lost")  # what `tally user reset-totp lost` does
    assert not has_totp(app.state.project, "lost")
    assert client.get("/", follow_redirects=False).status_code == 303  # its sessions ended
    again = TestClient(app)
    assert sign_in(again, "lost").headers["location"] == "/"  # password only, until re-enrolled
    with app.state.project.connect(read_only=True) as con:
        assert not con.execute("SELECT 1 FROM recovery_code WHERE user_name = 'lost'").fetchall()
        assert con.execute("SELECT 1 FROM audit_event WHERE action = 'user.totp_reset' "
                           "AND subject = 'lost'").fetchall()


def test_the_reset_command(tmp_path, cli):
    project = Project.init(tmp_path / "p")
    add_user(project, "rana", "admin", PASSWORD)
    assert cli("-p", project.root, "user", "reset-totp", "rana").code == 0
    assert cli("-p", project.root, "user", "reset-totp", "ghost").code == 1


def test_a_stolen_session_cannot_swap_in_another_authenticator(app):
    """Enrolment is refused once a second factor is on, and asked of a fresh session
    only: a cookie stolen from an idle browser cannot enrol the thief's phone."""
    add_user(app.state.project, "hana", "admin", PASSWORD)
    client = TestClient(app)
    sign_in(client, "hana")
    page = client.get("/account").text
    form = {"csrf_token": csrf_of(page),
            "signed": re.search(r'name="signed" value="([^"]+)"', page).group(1),
            "code": pyotp.TOTP(re.search(r'id="totp-secret" dir="ltr">([A-Z2-7]+)<',
                                         page).group(1)).now()}
    _age_session(app, "hana")
    stale = client.post("/account/totp", data=form, follow_redirects=False)
    assert stale.status_code == 303 and stale.headers["location"].startswith("/reauth")
    client.post("/reauth", data={"csrf_token": form["csrf_token"], "password": PASSWORD,
                                 "next": "/account"})
    assert client.post("/account/totp", data=form).status_code == 200  # now on
    again = client.post("/account/totp", data=form)
    assert again.status_code == 400 and "already on" in again.text
