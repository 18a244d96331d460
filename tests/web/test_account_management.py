"""Disabling an account and changing a password in the workspace, tried as the attacks
they answer: a departed member's open session and API token, a thief holding a copy
of a session cookie, a non-admin (every role, and signed out) disabling someone, a
forged form, the last admin locking everyone out; the pages escape what users wrote
and read right-to-left in Arabic."""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient

from tally.project import Project
from tally.store.accounts import ROLES, add_user
from tally.store.api_tokens import create_token
from tests.web.conftest import EVIL, PASSWORD, csrf_of, sign_in

NEW = "a brand new passphrase"
_N = itertools.count()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("accounts") / "proj"
    project = Project.init(root, name="Coast")
    for role in ROLES:
        add_user(project, role, role, PASSWORD)
    add_user(project, "chief", "admin", PASSWORD)
    from tally.web import create_app

    return create_app(root)


def _user(app, role: str = "analyst") -> str:
    name = f"{role}{next(_N)}"
    add_user(app.state.project, name, role, PASSWORD)
    return name


def _client(app, name: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app)
    assert sign_in(client, name, password).status_code == 303
    return client


def _post(client: TestClient, path: str, page: str = "/account", **form):
    token = csrf_of(client.get(page).text)
    return client.post(path, data={"csrf_token": token, **form}, follow_redirects=False)


def _signed_out(response) -> bool:
    return response.status_code == 303 and response.headers["location"].startswith("/login")


def _disabled(app, name: str) -> bool:
    with app.state.project.connect(read_only=True) as con:
        return con.execute("SELECT disabled FROM app_user WHERE name = ?", [name]).fetchall()[0][0]


def test_a_disabled_users_session_and_token_are_refused_on_the_next_request(app):
    name = _user(app)
    victim = _client(app, name)
    token = create_token(app.state.project, name, "nightly")
    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    assert victim.get("/", follow_redirects=False).status_code == 200
    assert api.get("/api/me").status_code == 200
    boss = _client(app, "admin")
    page = boss.get("/users").text
    assert f'action="/users/{name}/disable"' in page
    assert _post(boss, f"/users/{name}/disable", "/users").status_code == 303
    assert _signed_out(victim.get("/", follow_redirects=False))
    assert _signed_out(victim.get("/account", follow_redirects=False))
    assert api.get("/api/me").status_code == 401
    assert sign_in(TestClient(app), name).status_code == 401  # nor a new sign-in
    page = boss.get("/users").text
    assert f'action="/users/{name}/enable"' in page  # still listed, to enable again
    with app.state.project.connect(read_only=True) as con:
        events = con.execute("SELECT action, actor, subject FROM audit_event WHERE subject = ? "
                             "AND action LIKE 'user.%'", [name]).fetchall()
    assert ("user.disabled", "admin", name) in events
    assert _post(boss, f"/users/{name}/enable", "/users").status_code == 303
    assert sign_in(TestClient(app), name).status_code == 303
    assert api.get("/api/me").status_code == 401  # its tokens stay revoked


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"] + [None])
def test_nobody_but_an_admin_disables_or_enables_anyone(app, role):
    target = _user(app, "admin")
    if role is None:
        client, page = TestClient(app), "/login"
    else:
        name = _user(app, role)
        client, page = _client(app, name), "/account"
    for verb in ("disable", "enable"):
        answer = _post(client, f"/users/{target}/{verb}", page)
        if role is None:
            assert _signed_out(answer)
        else:
            assert answer.status_code == 403, (role, verb, answer.status_code)
    assert not _disabled(app, target)
    if role is not None:  # nor through the API, with the same user's token
        token = create_token(app.state.project, name, "x")
        api = TestClient(app, headers={"Authorization": f"Bearer {token}"})
        assert api.post(f"/api/users/{target}/disable", json={}).status_code in (401, 403, 404)
        assert not _disabled(app, target)


def test_the_new_forms_need_the_sessions_own_token(app):
    target = _user(app)
    boss = _client(app, "admin")
    for path, form in ((f"/users/{target}/disable", {}),
                       ("/account/password", {"current": PASSWORD, "password": NEW,
                                              "again": NEW})):
        for token in (None, "forged", csrf_of(TestClient(app).get("/login").text)):
            data = dict(form) if token is None else {"csrf_token": token, **form}
            assert boss.post(path, data=data, follow_redirects=False).status_code == 403
    assert not _disabled(app, target)
    assert sign_in(TestClient(app), "admin").status_code == 303  # password unchanged


def test_a_stale_admin_session_confirms_who_it_is_first(app):
    target = _user(app)
    boss = _client(app, "chief")
    with app.state.project.connect() as con:
        con.execute("UPDATE web_session SET reauth_at = '2000-01-01T00:00:00+00:00' "
                    "WHERE user_name = 'chief'")
    answer = _post(boss, f"/users/{target}/disable", "/users")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/reauth")
    assert not _disabled(app, target)


def test_the_last_admin_cannot_lock_everyone_out(app, tmp_path):
    """Disabling one another, or oneself, never leaves no enabled admin."""
    root = tmp_path / "two"
    project = Project.init(root)
    add_user(project, "boss", "admin", PASSWORD)
    add_user(project, "chief", "admin", PASSWORD)
    from tally.web import create_app

    two = create_app(root)
    boss, chief = _client(two, "boss"), _client(two, "chief")
    assert _post(boss, "/users/chief/disable", "/users").status_code == 303
    assert _signed_out(chief.get("/users", follow_redirects=False))
    answer = _post(boss, "/users/boss/disable", "/users")
    assert answer.status_code == 400 and "last enabled admin" in answer.text
    assert boss.get("/users").status_code == 200  # still signed in, still an admin
    boss.cookies.set("tally_lang", "ar")
    answer = _post(boss, "/users/boss/disable", "/users")
    assert answer.status_code == 400 and "آخر مدير مفعّل" in answer.text


def test_a_password_change_shuts_out_every_other_copy_of_the_session(app):
    name = _user(app)
    owner = _client(app, name)
    thief = TestClient(app)  # a copy of the owner's cookie (a shared computer, malware)
    thief.cookies.set("tally_session", owner.cookies.get("tally_session"))
    assert thief.get("/account").status_code == 200
    bad = _post(owner, "/account/password", current="not it at all", password=NEW, again=NEW)
    assert bad.status_code == 401 and "current password is wrong" in bad.text
    differ = _post(owner, "/account/password", current=PASSWORD, password=NEW,
                   again=NEW + "x")
    assert differ.status_code == 400 and "differ" in differ.text
    weak = _post(owner, "/account/password", current=PASSWORD, password="short", again="short")
    assert weak.status_code == 400 and "at least" in weak.text
    assert thief.get("/account").status_code == 200  # refusals changed nothing
    done = _post(owner, "/account/password", current=PASSWORD, password=NEW, again=NEW)
    assert done.status_code == 303
    assert "password-changed" in owner.get(done.headers["location"]).text  # goes on
    assert _signed_out(thief.get("/account", follow_redirects=False))
    assert sign_in(TestClient(app), name).status_code == 401  # the old password is dead
    assert sign_in(TestClient(app), name, NEW).status_code == 303
    with app.state.project.connect(read_only=True) as con:
        chain = str(con.execute("SELECT action, actor, details FROM audit_event "
                                "WHERE subject = ?", [name]).fetchall())
    assert "user.password_changed" in chain and NEW not in chain and PASSWORD not in chain
    assert "argon2" not in chain


def test_a_stale_session_confirms_who_it_is_before_changing_the_password(app):
    name = _user(app)
    owner = _client(app, name)
    with app.state.project.connect() as con:
        con.execute("UPDATE web_session SET reauth_at = '2000-01-01T00:00:00+00:00' "
                    "WHERE user_name = ?", [name])
    answer = _post(owner, "/account/password", current=PASSWORD, password=NEW, again=NEW)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/reauth")
    assert sign_in(TestClient(app), name).status_code == 303  # unchanged


def test_the_pages_escape_what_users_wrote(app):
    boss = _client(app, "admin")
    from urllib.parse import quote

    answer = _post(boss, f"/users/{quote(EVIL, safe='')}/disable", "/users")
    assert answer.status_code in (400, 404)
    assert "<script>alert(1)" not in answer.text and "onerror=alert(2)>" not in answer.text
    owner = _client(app, _user(app))
    answer = _post(owner, "/account/password", current=EVIL, password=EVIL, again=EVIL)
    assert answer.status_code == 401 and "<script>alert(1)" not in answer.text


def test_the_new_parts_in_arabic_and_english(app):
    for lang, direction, words in (("ar", "rtl", ("تعطيل", "تغيير كلمة المرور")),
                                   ("en", "ltr", ("Disable", "Change your password"))):
        boss = _client(app, "admin")
        boss.cookies.set("tally_lang", lang)
        users, account = boss.get("/users").text, boss.get("/account").text
        assert f'dir="{direction}"' in users and f'dir="{direction}"' in account
        assert words[0] in users and words[1] in account
    owner = _client(app, _user(app))
    owner.cookies.set("tally_lang", "ar")
    answer = _post(owner, "/account/password", current=PASSWORD, password=NEW, again="x" * 12)
    assert "كلمتا المرور الجديدتان مختلفتان" in answer.text
