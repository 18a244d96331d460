"""Export control, tried as an insider would: a full export without approval, approving
one's own request, someone else's download, a stale session, an expired approval,
a file meant for a recipient; and public exports that honour each witness's consent
and never carry a sensitive value (plain and encrypted projects)."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from tally.ingest.entry import enter_record
from tally.project import Project
from tally.report.public import PublicPolicy, export_public
from tally.sources import add_source
from tally.store.access import add_group, restrict_source
from tally.store.accounts import add_user
from tests.web.conftest import PASSWORD, csrf_of, sign_in

#: (given name, consent): published only where consent names publication or is not recorded
WITNESSED = [("Publishable", "storage;publication"), ("Storeonly", "storage"),
             ("Nothingagreed", "none"), ("Advocacyonly", "advocacy legal"),
             ("Unrecorded", None)]
SENSITIVE = ("Canary-Witness-Zq", "+963-999-CANARY", "canary-note-xyz")


def _fill(project: Project) -> None:
    add_source(project, "testimony", name="Testimony", kind="witness", reliability="B")
    add_source(project, "secret", name="Hospital staff", kind="witness", reliability="B")
    for given, consent in WITNESSED:
        fields = {"given_name": given, "family_name": "Haddad", "sex": "male", "age": "30",
                  "date_of_death": "2025-03-07", "status": "civilian",
                  "witness_name": SENSITIVE[0], "witness_contact": SENSITIVE[1],
                  "notes": SENSITIVE[2]}
        if consent:
            fields["consent"] = consent
        enter_record(project, "testimony", fields)
    enter_record(project, "secret", {"given_name": "Restrictedperson", "sex": "female",
                                     "age": "40", "consent": "storage;publication"})


def _public_names(project: Project, tmp_path, **options) -> tuple[set[str], bytes]:
    out = tmp_path / "public.csv"
    result = export_public(project, out, "csv", policy=PublicPolicy(names=True, min_cell=0),
                           **options)
    data = out.read_bytes() + (tmp_path / "public.csv.json").read_bytes()
    names = {row["name"].split()[0] for row in csv.DictReader(io.StringIO(out.read_text()))}
    assert result.left_out["no_publication_consent"] == 3
    return names, data


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_public_export_honours_consent_and_carries_nothing_sensitive(tmp_path, encrypted):
    project = (Project.init(tmp_path / "p", encrypt=True, passphrase=b"a long test passphrase")
               if encrypted else Project.init(tmp_path / "p"))
    _fill(project)
    names, data = _public_names(project, tmp_path)
    assert names == {"Publishable", "Unrecorded", "Restrictedperson"}
    for value in (*SENSITIVE, "Storeonly", "Nothingagreed", "Advocacyonly",
                  "storage;publication", "advocacy legal"):  # consent values, too
        assert value.encode() not in data, value
    # made by someone outside the group a source is restricted to: its records are left out
    names, _ = _public_names(project, tmp_path, exclude_sources=frozenset({"secret"}))
    assert names == {"Publishable", "Unrecorded"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("exports") / "proj"
    project = Project.init(root, name="Coast")
    _fill(project)
    for name, role in (("rana", "analyst"), ("omar", "analyst"), ("boss", "admin"),
                       ("chief", "admin"), ("vera", "viewer")):
        add_user(project, name, role, PASSWORD)
    add_group(project, "staff-team")
    restrict_source(project, "secret", "staff-team")  # rana is not a member
    from tally.web import create_app

    return create_app(root)


def _client(app, name: str) -> TestClient:
    client = TestClient(app)
    assert sign_in(client, name).status_code == 303
    return client


def _ask(client: TestClient, **form) -> str:
    token = csrf_of(client.get("/exports").text)
    response = client.post("/exports", data={"csrf_token": token, "what": "records",
                                             "format": "csv", **form}, follow_redirects=False)
    assert response.status_code == 303, response.text[-400:]
    return re.findall(r"<code>(X-[0-9a-f]+)</code>", client.get("/exports").text)[0]


def _post(client: TestClient, path: str):
    token = csrf_of(client.get("/exports").text)
    return client.post(path, data={"csrf_token": token}, follow_redirects=False)


def test_a_full_export_needs_another_admins_approval(app):
    rana, boss = _client(app, "rana"), _client(app, "boss")
    rid = _ask(rana, reason="for the court")
    assert rana.get(f"/exports/{rid}/download").status_code == 403  # not approved yet
    assert _post(rana, f"/exports/{rid}/approve").status_code == 403  # an analyst approves nothing
    mine = _ask(boss)
    assert _post(boss, f"/exports/{mine}/approve").status_code == 400  # not one's own
    assert rid in boss.get("/exports").text and mine not in re.sub(
        r"Your requests.*?</table>", "", boss.get("/exports").text, flags=re.S)
    assert _post(boss, f"/exports/{rid}/approve").status_code == 303
    omar = _client(app, "omar")
    assert omar.get(f"/exports/{rid}/download").status_code == 403  # not his
    got = rana.get(f"/exports/{rid}/download")
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    text = got.content.decode()
    assert SENSITIVE[0] in text and "Publishable" in text  # a full export: every field
    assert "Restrictedperson" not in text  # but not a source restricted to another group
    with app.state.project.connect(read_only=True) as con:
        events = con.execute(
            "SELECT action, actor, subject FROM audit_event WHERE action IN "
            "('export.requested', 'export.approved', 'read.export') ORDER BY seq").fetchall()
        details = con.execute("SELECT details FROM audit_event WHERE action = 'read.export' "
                              "ORDER BY seq DESC LIMIT 1").fetchall()[0][0]
    assert ("export.requested", "rana", rid) in events and ("export.approved", "boss", rid) in events
    assert ("read.export", "rana", "records") in events
    assert rid in details and '"approved_by":"boss"' in details
    assert SENSITIVE[0] not in details


def test_a_refused_request_is_never_downloaded(app):
    rana, chief = _client(app, "rana"), _client(app, "chief")
    rid = _ask(rana)
    assert _post(chief, f"/exports/{rid}/refuse").status_code == 303
    assert _post(chief, f"/exports/{rid}/approve").status_code == 400  # decided once
    assert rana.get(f"/exports/{rid}/download").status_code == 403


def test_an_export_without_a_fresh_proof_of_identity_is_refused(app):
    rana, boss = _client(app, "rana"), _client(app, "boss")
    rid = _ask(rana)
    _post(boss, f"/exports/{rid}/approve")
    then = (datetime.now(timezone.utc) - timedelta(minutes=10)).isoformat()
    with app.state.project.connect() as con:
        con.execute("UPDATE web_session SET reauth_at = ? WHERE user_name = 'rana'", [then])
    stale = rana.get(f"/exports/{rid}/download", follow_redirects=False)
    assert stale.status_code == 303 and stale.headers["location"].startswith("/reauth")
    token = csrf_of(rana.get("/exports").text)
    assert rana.post("/exports", data={"csrf_token": token, "what": "records", "format": "csv"},
                     follow_redirects=False).headers["location"].startswith("/reauth")
    rana.post("/reauth", data={"csrf_token": token, "password": PASSWORD, "next": "/exports"})
    assert rana.get(f"/exports/{rid}/download").status_code == 200


def test_an_approval_expires(app):
    rana, boss = _client(app, "rana"), _client(app, "boss")
    rid = _ask(rana)
    _post(boss, f"/exports/{rid}/approve")
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    with app.state.project.connect() as con:
        con.execute("UPDATE export_request SET expires_at = ? WHERE id = ?", [past, rid])
    response = rana.get(f"/exports/{rid}/download")
    assert response.status_code == 403 and "expired" in response.text


def test_an_export_to_a_recipient_opens_only_with_its_key(app, tmp_path):
    from tally.store.recipients import AGE_MAGIC, decrypt_bytes, new_identity

    identity, public = new_identity()
    rana, boss = _client(app, "rana"), _client(app, "boss")
    token = csrf_of(rana.get("/exports").text)
    bad = rana.post("/exports", data={"csrf_token": token, "what": "records", "format": "csv",
                                      "recipient": "age1notakey"})
    assert bad.status_code == 400
    rid = _ask(rana, recipient=public)
    _post(boss, f"/exports/{rid}/approve")
    import tempfile
    from pathlib import Path

    before = set(Path(tempfile.gettempdir()).glob("tally-export-*"))
    got = rana.get(f"/exports/{rid}/download")
    assert got.status_code == 200 and got.content.startswith(AGE_MAGIC)
    assert set(Path(tempfile.gettempdir()).glob("tally-export-*")) <= before  # nothing left
    assert SENSITIVE[0].encode() not in got.content
    key = tmp_path / "key.txt"
    key.write_text(identity + "\n")
    assert SENSITIVE[0] in decrypt_bytes(got.content, key).decode()
    other = tmp_path / "other.txt"
    other.write_text(new_identity()[0] + "\n")
    with pytest.raises(Exception):
        decrypt_bytes(got.content, other)


def test_a_viewer_downloads_the_public_dataset_and_nothing_more(app):
    vera = _client(app, "vera")
    got = vera.get("/exports/public?format=csv")
    assert got.status_code == 200
    for value in (*SENSITIVE, "Storeonly", "Restrictedperson"):
        assert value not in got.text
    token = csrf_of(vera.get("/exports").text)
    assert vera.post("/exports", data={"csrf_token": token, "what": "records",
                                       "format": "csv"}).status_code == 403
    with app.state.project.connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM audit_event WHERE action = 'read.export' "
                           "AND actor = 'vera'").fetchall()[0][0] == 1


def test_the_cli_full_export_is_the_operators_act_and_can_go_to_a_recipient(tmp_path, cli):
    """`tally export records --to age1...`: no approval (the operator holds the store),
    recorded in the chain, and the file on disk opens only with the recipient's key;
    no plaintext copy is left behind."""
    from tally.store.recipients import AGE_MAGIC, decrypt_bytes, new_identity

    project = Project.init(tmp_path / "p")
    _fill(project)
    identity, public = new_identity()
    out = tmp_path / "out" / "records.csv.age"
    assert cli("-p", project.root, "export", "records", "--out", out, "--to", public).code == 0
    blob = out.read_bytes()
    assert blob.startswith(AGE_MAGIC) and SENSITIVE[0].encode() not in blob
    assert sorted(p.name for p in out.parent.iterdir()) == ["records.csv.age"]
    key = tmp_path / "key.txt"
    key.write_text(identity + "\n")
    assert SENSITIVE[0] in decrypt_bytes(blob, key).decode()
    bad = cli("-p", project.root, "export", "persons", "--out", tmp_path / "x.age",
              "--to", "age1notakey")
    assert bad.code == 1 and not (tmp_path / "x.age").exists()
    with project.connect(read_only=True) as con:
        details = con.execute("SELECT details FROM audit_event WHERE action = 'read.export' "
                              "ORDER BY seq DESC LIMIT 1").fetchall()[0][0]
    assert '"to_recipient":true' in details
