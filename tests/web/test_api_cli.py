"""`tally user token NAME`: a token printed once, kept only as a hash, usable on the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tally.cli import main
from tally.project import Project
from tally.store.accounts import add_user


def test_user_token_prints_a_working_token_kept_hashed(tmp_path, capsys):
    root = tmp_path / "p"
    project = Project.init(root)
    add_user(project, "rana", "analyst", "a long enough password")
    assert main(["-p", str(root), "user", "token", "rana", "--label", "nightly"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("tally_")
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT user_name, label, token_sha256 FROM api_token").fetchall()
        actions = [r[0] for r in con.execute("SELECT action FROM audit_event").fetchall()]
    assert rows[0][:2] == ("rana", "nightly") and token not in rows[0][2]
    assert "api_token.created" in actions
    assert main(["-p", str(root), "user", "token", "nobody"]) == 1
    assert "no user 'nobody'" in capsys.readouterr().err

    from tally.web import create_app

    client = TestClient(create_app(root))
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["role"] == "analyst"
