"""Uploads, attacked: a list uploaded to an encrypted project must not sit in the
project folder in the clear while its uploader is on the mapping screen (a laptop
seized then reads every witness in it); a file name that is a path, a control
character, a header injection or the upload's own bookkeeping file; an oversized
form field."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.project import Project
from tally.sources import add_source
from tally.store.accounts import add_user
from tests.web.conftest import PASSWORD, csrf_of, sign_in

PASSPHRASE = b"a passphrase for the attack project"
CANARY = b"+963-UPLOAD-CANARY-55"
LIST = b"name,sex,witness_contact\nAli Haddad,male," + CANARY + b"\n"


def _upload(client: TestClient, name: str, data: bytes = LIST):
    return client.post("/upload", data={"csrf_token": csrf_of(client.get("/upload").text),
                                        "source_id": "w"},
                       files={"file": (name, data, "text/csv")}, follow_redirects=False)


def _served(root: Path, *, encrypt: bool):
    from tally.web import create_app

    project = (Project.init(root, encrypt=True, passphrase=PASSPHRASE) if encrypt
               else Project.init(root))
    add_source(project, "w", name="Witnesses", kind="witness", reliability="C")
    add_user(project, "doc", "documenter", PASSWORD)
    app = create_app(Project.open(root, passphrase=PASSPHRASE) if encrypt else root)
    client = TestClient(app)
    assert sign_in(client, "doc").status_code == 303
    return app, client


def _clear_hits(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob("*")
            if p.is_file() and CANARY in p.read_bytes()]


def test_an_upload_waiting_for_its_mapping_is_not_in_an_encrypted_projects_folder(tmp_path):
    root = tmp_path / "sealed"
    app, client = _served(root, encrypt=True)
    answer = _upload(client, "witnesses.csv")
    assert answer.status_code == 303
    screen = client.get(answer.headers["location"])
    assert screen.status_code == 200 and "witness_contact" in screen.text  # still usable
    assert _clear_hits(root) == []


def test_file_names_cannot_escape_or_clobber_the_upload(tmp_path):
    app, client = _served(tmp_path / "plain", encrypt=False)
    as_json = b'[{"name": "Ali Haddad", "sex": "male", "witness_contact": "' + CANARY + b'"}]'
    for name in ("../../tally.toml", "..\\..\\x.csv", "/etc/passwd", "a\r\nX-Evil: 1.csv",
                 "upload.json", "\u202egnp.csv", "..", "." * 300):
        # upload.json: the upload's own bookkeeping file's name (it overwrote the list)
        answer = _upload(client, name, as_json if name.endswith(".json") else LIST)
        assert answer.status_code == 303, name
        screen = client.get(answer.headers["location"])
        assert screen.status_code == 200, (name, screen.text[-300:])
        assert "witness_contact" in screen.text, name  # the list itself, not a bookkeeping file
        assert "X-Evil" not in "".join(f"{k}{v}" for k, v in screen.headers.items())
    assert (tmp_path / "plain" / "tally.toml").read_bytes().count(CANARY) == 0


def test_an_oversized_form_field_is_refused_plainly(tmp_path):
    app, client = _served(tmp_path / "big", encrypt=False)
    token = csrf_of(client.get("/records/new").text)
    answer = client.post("/records/new", data={"csrf_token": token, "source_id": "w",
                                               "given_name": "x" * (3 << 20)})
    assert answer.status_code in (400, 413) and "Traceback" not in answer.text
