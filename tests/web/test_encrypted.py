"""The workspace on an encrypted project (tally init --encrypt): served only with its
passphrase, and what the team enters is sealed like any ingest's sensitive values."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tally.errors import ProjectError
from tally.project import Project
from tally.sources import add_source
from tally.store.accounts import add_user
from tally.web import create_app
from tests.web.conftest import PASSWORD, csrf_of, sign_in

PASSPHRASE = b"a passphrase for the test project"


def test_encrypted_project_is_served_with_its_passphrase_only(tmp_path, monkeypatch):
    monkeypatch.delenv("TALLY_PASSPHRASE_FILE", raising=False)
    root = tmp_path / "sealed"
    project = Project.init(root, encrypt=True, passphrase=PASSPHRASE)
    add_source(project, "w", name="Witnesses", kind="witness", reliability="C")
    add_user(project, "doc", "documenter", PASSWORD)
    with pytest.raises(ProjectError, match="encrypted"):
        create_app(root)
    app = create_app(Project.open(root, passphrase=PASSPHRASE))
    client = TestClient(app)
    assert sign_in(client, "doc").status_code == 303
    form = {"csrf_token": csrf_of(client.get("/records/new").text), "source_id": "w",
            "given_name": "Samir", "family_name": "Haddad", "sex": "male",
            "witness_name": "W-secret-name", "witness_contact": "+963-secret"}
    saved = client.post("/records/new", data=form)
    assert saved.status_code == 200 and 'id="saved"' in saved.text, saved.text[-300:]
    assert "Samir Haddad" in client.get("/records").text
    db = b"".join(p.read_bytes() for p in [*root.glob("tally.duckdb*"),
                                          *(root / "objects").rglob("*")] if p.is_file())
    assert b"W-secret-name" not in db and b"+963-secret" not in db
