"""tally backup --recipient / tally restore --identity (issue 19 item 9): a backup
encrypted to an age public key needs no secret to make and only the matching
identity file to restore; the archive holds nothing in the clear."""

from __future__ import annotations

import secrets

from tally.project import Project
from tally.store import recipients

from tests.unit.store.test_backup import actions, make_project, records


def _keypair(path):
    secret, public = recipients.new_identity()
    path.write_text(f"# public key: {public}\n{secret}\n", encoding="utf-8")
    return path, public


def test_a_backup_to_a_public_key_restores_only_with_its_identity(tmp_path, monkeypatch, cli):
    monkeypatch.delenv("TALLY_PASSPHRASE_FILE", raising=False)  # no passphrase anywhere
    canary = f"QZAGE{secrets.token_hex(5).upper()}"
    make_project(tmp_path, canary)
    proj, archive = tmp_path / "proj", tmp_path / "proj.tallybak"
    identity, public = _keypair(tmp_path / "lawyer.txt")
    stranger, _ = _keypair(tmp_path / "stranger.txt")

    done = cli("-p", proj, "backup", archive, "--recipient", public)
    assert done.code == 0, done.err
    data = archive.read_bytes()
    assert canary.encode() not in data and b"tally.duckdb" not in data

    for refused in (cli("restore", archive, tmp_path / "a", "--identity", stranger),
                    cli("restore", archive, tmp_path / "b")):  # nor by a passphrase
        assert refused.code == 1
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert "identity" in cli("restore", archive, tmp_path / "b").err

    restored = tmp_path / "back"
    done = cli("restore", archive, restored, "--identity", identity)
    assert done.code == 0, done.err
    assert records(restored) == records(proj)
    assert cli("-p", restored, "audit", "verify").code == 0
    assert actions(restored)[-2:] == ["project.backed_up", "project.restored"]


def test_an_encrypted_project_to_a_recipient_and_a_changed_header(tmp_path, monkeypatch, cli):
    passfile = tmp_path / "pass.txt"
    passfile.write_text("four words of passphrase\n", encoding="utf-8")
    monkeypatch.setenv("TALLY_PASSPHRASE_FILE", str(passfile))
    make_project(tmp_path, "QZAGEENC", encrypt=True)
    proj, archive = tmp_path / "proj", tmp_path / "e.tallybak"
    identity, public = _keypair(tmp_path / "id.txt")
    listed = tmp_path / "recipients.txt"
    listed.write_text(f"# lawyers\n{public}\n", encoding="utf-8")
    assert cli("-p", proj, "backup", archive, "-r", listed).code == 0

    blob = bytearray(archive.read_bytes())
    start = blob.index(b'"wrapped": "') + 40
    blob[start] = ord("A") if blob[start] != ord("A") else ord("B")
    changed = tmp_path / "changed.tallybak"
    changed.write_bytes(bytes(blob))
    assert cli("restore", changed, tmp_path / "c", "-i", identity).code == 1
    assert not (tmp_path / "c").exists()

    restored = tmp_path / "back"
    assert cli("restore", archive, restored, "-i", identity).code == 0
    assert (restored / "keys.json").read_bytes() == (proj / "keys.json").read_bytes()
    assert cli("-p", restored, "audit", "verify").code == 0  # its own passphrase opens it
    assert Project.open(restored).encrypted
