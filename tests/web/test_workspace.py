"""The workspace through its own HTTP interface, in-process: accounts, CSRF, roles,
escaping, right-to-left pages, and a Windows-1256 list ingested through the
column-mapping screen."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from tally.store.accounts import MAX_FAILURES, ROLES
from tests.web.conftest import EVIL, PASSWORD, csrf_of, sign_in

SIGNED_OUT = None
ALL = set(ROLES)

#: GET route → who may open it (everyone else: 403; signed out: redirect to sign-in)
PAGES = {
    "/": ALL,
    "/sources": ALL,
    "/documents": ALL,
    "/records": ALL,
    "/quarantine": ALL - {"viewer"},
    "/upload": {"admin", "documenter"},
    "/records/new": {"admin", "documenter"},
    "/places?place=jab": {"admin", "documenter"},
    "/users": {"admin"},
}
#: POST route → who may do it (with a valid form token)
ACTIONS = {
    "/sources": {"admin", "analyst"},
    "/records/new": {"admin", "documenter"},
    "/users": {"admin"},
}


def test_sign_in_and_out(app):
    client = TestClient(app)
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    response = sign_in(client, "admin")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Dashboard" in client.get("/").text
    token = csrf_of(client.get("/").text)
    stolen = client.cookies.get("tally_session")
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/", follow_redirects=False).status_code == 303
    # the signed-out session is over on the server, not only in this browser
    replay = TestClient(app, cookies={"tally_session": stolen})
    assert replay.get("/", follow_redirects=False).status_code == 303
    forged = TestClient(app, cookies={"tally_session": stolen[:-2] + "xx"})
    assert forged.get("/", follow_redirects=False).status_code == 303


def test_wrong_password_then_lock_out(app):
    from tally.store.accounts import add_user

    add_user(app.state.project, "target", "viewer", PASSWORD)
    client = TestClient(app)
    for _ in range(MAX_FAILURES):
        response = sign_in(client, "target", "wrong password!")
        assert response.status_code == 401
        assert "wrong user name or password" in response.text
    locked = sign_in(client, "target", PASSWORD)  # the right password, too late
    assert locked.status_code == 401 and "locked until" in locked.text
    other = TestClient(app)
    assert sign_in(other, "admin").status_code == 303  # another account is not locked


def test_one_address_trying_many_accounts_is_locked(project):
    """Per address: guessing across accounts (each below its own limit) is stopped too."""
    from tally.store.accounts import AccountError, MAX_FAILURES_PER_IP, authenticate

    for i in range(MAX_FAILURES_PER_IP):
        with pytest.raises(AccountError, match="wrong user name or password"):
            authenticate(project, f"guess{i}", "not the password", "203.0.113.9")
    with pytest.raises(AccountError, match="locked until"):
        authenticate(project, "admin", PASSWORD, "203.0.113.9")
    assert authenticate(project, "admin", PASSWORD, "203.0.113.10").role == "admin"


def test_unknown_user_gets_the_same_answer(app):
    response = sign_in(TestClient(app), "nobody", "whatever-pass")
    assert response.status_code == 401 and "wrong user name or password" in response.text


def _post_routes(app) -> list[str]:
    return sorted({r.path for router in app.state.routers for r in router.routes
                   if "POST" in getattr(r, "methods", set())})


def test_every_form_rejects_a_missing_or_wrong_csrf_token(app, clients):
    client = clients["admin"]
    paths = _post_routes(app)
    assert "/login" in paths and "/sources" in paths and "/upload" in paths
    for path in paths:
        path = path.replace("{token}", "x" * 32)
        missing = client.post(path, data={"name": "x"})
        wrong = client.post(path, data={"name": "x", "csrf_token": "forged"})
        assert missing.status_code == 403, path
        assert wrong.status_code == 403, path
        assert "token" in wrong.text
    # a signed-out browser's token is not a signed-in session's
    anon_token = csrf_of(clients[None].get("/login").text)
    assert client.post("/sources", data={"csrf_token": anon_token}).status_code == 403


@pytest.mark.parametrize("role", [*ROLES, SIGNED_OUT])
def test_role_by_route(app, clients, role):
    client = clients[role]
    for path, allowed in PAGES.items():
        response = client.get(path, follow_redirects=False)
        expected = 303 if role is None else 200 if role in allowed else 403
        assert response.status_code == expected, (role, path, response.status_code)
    token = csrf_of(client.get("/login").text if role is None else client.get("/").text)
    for path, allowed in ACTIONS.items():
        response = client.post(path, data={"csrf_token": token}, follow_redirects=False)
        if role is None:
            assert response.status_code == 303, path
        elif role in allowed:
            assert response.status_code in (200, 303, 400), (role, path)  # a form error is fine
        else:
            assert response.status_code == 403, (role, path)


def test_viewer_never_sees_identities(clients, project):
    page = clients["viewer"].get("/records?name=x").text
    assert "Identities are hidden" in page
    assert 'name="name"' not in page  # no search by name
    sources = clients["viewer"].get("/sources").text
    assert "<th>Notes</th>" not in sources and "Register a source" not in sources


def _assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "\u202e" in html  # shown, isolated: inside <bdi>
    assert re.search(r"<bdi>[^<]*&lt;script&gt;", html)


def test_record_entry_then_user_strings_are_escaped_everywhere(clients, project):
    """A documenter enters a victim whose name, like the source's name and notes, holds
    markup and a right-to-left override; every page shows it as text."""
    client = clients["documenter"]
    form = {"csrf_token": csrf_of(client.get("/records/new").text), "source_id": "evil",
            "given_name": EVIL, "family_name": "الأحمد", "sex": "male", "age": "30",
            "date_of_death": "2025-03-07", "place": "جبلة", "status": "civilian",
            "witness_name": "W-secret-name", "witness_contact": "+963-secret"}
    saved = client.post("/records/new", data=form)
    assert saved.status_code == 200 and 'id="saved"' in saved.text, saved.text[-400:]
    with project.connect() as con:
        actor = con.execute("SELECT actor FROM audit_event WHERE action = 'document.ingested' "
                            "ORDER BY seq DESC LIMIT 1").fetchall()[0][0]
    assert actor == "documenter"
    for path in ("/", "/sources", "/records?source=evil"):
        _assert_escaped(clients["admin"].get(path).text)
    for path in ("/upload", "/records/new"):  # the source's name in the forms' choices
        page = clients["admin"].get(path).text
        assert "&lt;script&gt;" in page and "<script>alert" not in page and "<img src=x" not in page
    for role in ROLES:
        page = clients[role].get("/records?source=evil").text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "secret" not in page  # witness fields are never listed


def test_arabic_pages_are_right_to_left(app, clients):
    client = clients["documenter"]
    client.get("/lang/ar?next=/")
    for path in ("/", "/sources", "/records", "/upload"):
        html = client.get(path).text
        assert '<html lang="ar" dir="rtl">' in html, path
        assert "المصادر" in html
    client.get("/lang/en?next=/")
    assert '<html lang="en" dir="ltr">' in client.get("/").text
    fresh = TestClient(app, headers={"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"})
    assert '<html lang="ar" dir="rtl">' in fresh.get("/login").text


def test_upload_a_windows_1256_list_through_the_mapping_screen(app, clients, project):
    client = clients["documenter"]
    example = resources.files("tally.data") / "examples" / "arabic_list_cp1256.csv"

    def dashboard_records() -> int:
        return int(re.search(r"<dt>Records</dt><dd>(\d+)</dd>", client.get("/").text).group(1))

    before = dashboard_records()
    token = csrf_of(client.get("/upload").text)
    response = client.post("/upload", data={"csrf_token": token, "source_id": "snhr"},
                           files={"file": ("arabic_list_cp1256.csv", example.read_bytes(),
                                           "text/csv")}, follow_redirects=False)
    assert response.status_code == 303
    screen_url = response.headers["location"]
    screen = client.get(screen_url).text
    assert "الاسم" in screen and "cp1256" in screen
    form = {"csrf_token": csrf_of(screen), "encoding": "windows-1256", "date_order": "dmy",
            "field_record_id": "الرقم", "field_given_name": "الاسم", "field_father_name": "اسم الأب",
            "field_family_name": "الكنية", "field_sex": "الجنس", "field_age": "العمر",
            "field_date_of_death": "تاريخ الوفاة", "field_place": "المكان",
            "field_governorate": "المحافظة", "field_status": "الصفة",
            "values_sex": "ذكر = male\nانثى = female\nأنثى = female",
            "values_status": "مدني = civilian\nعسكري = combatant"}
    preview = client.post(f"{screen_url}/preview", data=form)
    assert preview.status_code == 200, preview.text[-500:]
    table = preview.text.split('id="preview"')[1].split("</table>")[0]
    assert "محمد عبد الله الأحمد" in table and ">male<" in table and ">civilian<" in table
    assert "dry-run: 11 records, 1 quarantined" in preview.text
    assert "no name and no other identifying field" in preview.text
    done = client.post(f"{screen_url}/ingest", data=form)
    assert done.status_code == 200 and "ingested: 11 records, 1 quarantined" in done.text
    assert dashboard_records() == before + 11  # the dashboard's figures follow the store
    held = clients["reviewer"].get("/quarantine").text
    assert "arabic_list_cp1256.csv" in held and "no name and no other identifying field" in held
    with project.connect() as con:
        assert con.execute("SELECT count(*) FROM victim_record WHERE source_id = 'snhr'"
                           ).fetchall()[0][0] == 11
        actor, by = con.execute(
            "SELECT e.actor, d.received_by FROM audit_event e JOIN document d ON d.sha256 = e.subject "
            "WHERE e.action = 'document.ingested' ORDER BY e.seq DESC LIMIT 1").fetchall()[0]
    assert actor == by == "documenter"
    # the mapping is kept for the source's next file
    assert (project.root / "mappings" / "snhr.toml").is_file()
    # and the records are found by name across scripts
    found = clients["analyst"].get("/records", params={"name": "Mohammed al-Ahmad"}).text
    assert "محمد عبد الله الأحمد" in found

    # filters: governorate (Lattakia, SY06, read from the Arabic اللاذقية), dates, status
    def count(**params) -> int:
        page = clients["analyst"].get("/records", params={"source": "snhr", **params}).text
        return int(re.search(r"<p>(\d+) records</p>", page).group(1))

    assert count() == 11
    assert count(date_from="2025-03-07", date_to="2025-03-07") < 11
    assert count(date_from="2030-01-01") == 0
    assert count(date_from="not a date") == 11
    assert count(status="civilian") + count(status="combatant") + count(status="unknown") <= 11
    latakia = count(governorate="SY06")
    assert 0 < latakia <= 11

    # the source's next file opens with the saved mapping chosen
    lines = example.read_bytes().split(b"\n")
    response = client.post("/upload", data={"csrf_token": csrf_of(client.get("/upload").text),
                                            "source_id": "snhr"},
                           files={"file": ("next_list.csv", b"\n".join(lines[:4]) + b"\n",
                                           "text/csv")}, follow_redirects=False)
    second = client.get(response.headers["location"]).text
    assert re.search(r'name="field_given_name">.*?<option value="الاسم" selected>', second, re.S)
    assert "ذكر = male" in second
    # a value map to a value the checks refuse is refused with the mapping's own message
    bad = dict(form, csrf_token=csrf_of(second), values_sex="ذكر = boy")
    refused = client.post(f"{response.headers['location']}/preview", data=bad)
    assert refused.status_code == 400 and "boy" in refused.text



def test_admin_adds_a_user_in_the_workspace(app, clients):
    client = clients["admin"]
    token = csrf_of(client.get("/users").text)
    short = client.post("/users", data={"csrf_token": token, "name": "newbie", "role": "viewer",
                                        "password": "short"})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    ok = client.post("/users", data={"csrf_token": token, "name": "newbie", "role": "reviewer",
                                     "password": "a long enough one", "language": "ar"},
                     follow_redirects=False)
    assert ok.status_code == 303
    fresh = TestClient(app)
    assert sign_in(fresh, "newbie", "a long enough one").status_code == 303
    assert '<html lang="ar" dir="rtl">' in fresh.get("/").text  # the account's language
    with app.state.project.connect() as con:
        event = con.execute("SELECT actor FROM audit_event WHERE action = 'user.added' "
                            "AND subject = 'newbie'").fetchall()
    assert event == [("admin",)]


def test_sign_in_never_redirects_off_site(app):
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = client.post("/login", data={"name": "admin", "password": PASSWORD,
                                               "csrf_token": token, "next": target},
                               follow_redirects=False)
        assert response.headers["location"] == "/", target
        token = csrf_of(client.get("/").text)


def test_every_page_text_has_its_arabic(app):
    """Each t("...") in the templates is in the Arabic catalogue (else the Arabic
    page would show English)."""
    from tally.web.i18n import AR

    folder = resources.files("tally.web") / "templates"
    used = set()
    for template in folder.iterdir():
        used |= set(re.findall(r't\("([^"]+)"\)', template.read_text(encoding="utf-8")))
    assert sorted(used - set(AR)) == []


def test_pages_forbid_framing_and_outside_scripts(clients):
    response = clients["viewer"].get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in response.text.split("<main>")[0]  # no CDN: every asset from /static


def test_an_upload_is_its_uploaders_and_is_removed_a_day_after_it_was_left(clients, project):
    import os
    import time

    client = clients["documenter"]

    def upload(name: str) -> str:
        response = client.post("/upload", data={"csrf_token": csrf_of(client.get("/upload").text),
                                                "source_id": "snhr"},
                               files={"file": (name, b"name,sex\nAli,male\n", "text/csv")},
                               follow_redirects=False)
        return response.headers["location"].rsplit("/", 1)[1]

    token = upload("mine.csv")
    assert client.get(f"/upload/{token}").status_code == 200
    assert clients["admin"].get(f"/upload/{token}").status_code == 200   # an admin may finish it
    other = TestClient(client.app)
    from tally.store.accounts import add_user

    add_user(project, "documenter2", "documenter", PASSWORD)
    sign_in(other, "documenter2")
    assert other.get(f"/upload/{token}").status_code == 404              # not another documenter's
    assert other.post(f"/upload/{token}/ingest",
                      data={"csrf_token": csrf_of(other.get("/").text)}).status_code == 404
    assert client.get("/upload/" + "x" * 32).status_code == 404

    left = project.root / "uploads" / upload("left.csv")
    day_ago = time.time() - 25 * 3600
    os.utime(left, (day_ago, day_ago))
    upload("next.csv")
    assert not left.exists()


def test_upload_an_article_and_a_web_page(clients, project):
    client = clients["documenter"]
    examples = resources.files("tally.data") / "examples"
    for name, kind in (("article.txt", "article"), ("page.html", "article"),
                       ("articles.jsonl", "articles")):
        response = client.post("/upload", data={
            "csrf_token": csrf_of(client.get("/upload").text), "source_id": "snhr", "kind": kind,
            "published": "2025-03-09"}, files={"file": (name, (examples / name).read_bytes())})
        assert response.status_code == 200, (name, response.text[-300:])
        claims = int(re.search(r"(\d+) claims proposed", response.text).group(1))
        assert claims >= 1, name
    with project.connect() as con:
        actors = {r[0] for r in con.execute(
            "SELECT e.actor FROM audit_event e JOIN document d ON d.sha256 = e.subject "
            "WHERE d.original_name IN ('article.txt', 'page.html', 'articles.jsonl')").fetchall()}
    assert actors == {"documenter"}
    assert not any((project.root / "uploads").glob("*/article.txt"))  # not kept twice


def test_a_write_waits_for_the_writer_then_says_the_project_is_busy(app, clients, monkeypatch):
    """One writer at a time (the audit chain's next link): a page does not hang behind a
    long job, it says so; once the writer is free the same form goes through."""
    from tally.web import writes
    from tally.web.jobs import writer

    monkeypatch.setattr(writes, "WAIT_SECONDS", 0.2)
    client = clients["analyst"]
    form = {"csrf_token": csrf_of(client.get("/sources").text), "source_id": "later",
            "name": "Later", "kind": "other", "reliability": "C"}
    with writer(app):
        busy = client.post("/sources", data=form)
    assert busy.status_code == 400 and "busy" in busy.text
    assert client.post("/sources", data=form, follow_redirects=False).status_code == 303
