"""tally keys rotate (issue 19 item 3): a new data key, every document key
re-wrapped; a `kill -9` at any step leaves a project that opens with the old or
the new key, loses nothing and verifies; running it again finishes."""

from __future__ import annotations

import re
import signal

import pytest

from tally.store.crashpoints import CRASH_ENV
from tests.adversarial.test_protect_encrypted import _canaries, _hits, _write_list, setting  # noqa: F401
from tests.conftest import tally_subprocess

pytestmark = pytest.mark.integration

RECOVERY = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){12}")


def _marked(canary):
    """The canaries of fields sensitive without a mapping (Mobile needs one)."""
    return {k: v for k, v in canary.items() if k != "Mobile"}


def _project(cli, tmp_path, inputs, canary):
    proj = tmp_path / "proj"
    made = cli("init", proj, "--encrypt")
    assert made.code == 0
    recovery = RECOVERY.search(made.out).group(0)
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    assert cli("-p", proj, "ingest", _write_list(inputs, canary), "--source", "w").code == 0
    second = inputs / "second.csv"
    second.write_text("record_id,name,witness_contact\ns1,Hasan Ali,+963-11-000\n",
                      encoding="utf-8")
    assert cli("-p", proj, "ingest", second, "--source", "w").code == 0  # its own key
    theirs = tmp_path / "secret" / "theirs.txt"
    theirs.write_text("the analyst's own words\n", encoding="utf-8")
    assert cli("-p", proj, "keys", "add", "--new-passphrase-file", theirs,
               "--label", "analyst").code == 0
    return proj, recovery, theirs


def _state(proj):
    """What must survive a rotation: every record's sensitive values, in the clear
    (memory only), and the identity numbers' keyed hashes."""
    from tally.ingest.sealing import unseal_record
    from tally.project import Project

    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT record_id, document_sha256, sealed, national_id "
                           "FROM victim_record ORDER BY record_id").fetchall()
        docs = [r[0] for r in con.execute("SELECT sha256 FROM document ORDER BY 1").fetchall()]
    return ([(r[0], unseal_record(project, *r[:3]), r[3]) for r in rows],
            [project.objects.read_bytes(sha) for sha in docs])


def _rotations(proj):
    from tally.project import Project

    with Project.open(proj).connect(read_only=True) as con:
        return con.execute("SELECT count(*) FROM audit_event WHERE action = 'keys.rotated'"
                           ).fetchall()[0][0]


@pytest.mark.slow  # ~20 s each: a dozen Argon2id unlocks
@pytest.mark.parametrize("point", ["rotate:begun", "rotate:one-rewrapped", "rotate:rewrapped",
                                   "rotate:recorded", "rotate:committed"])
def test_kill_9_at_each_step_of_a_rotation_loses_nothing(cli, setting, monkeypatch, point):
    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj, recovery, theirs = _project(cli, tmp_path, inputs, canary)
    before = _state(proj)
    old_keys = (proj / "keys.json").read_bytes()

    monkeypatch.setenv(CRASH_ENV, point)
    proc = tally_subprocess("-p", proj, "keys", "rotate")
    proc.communicate(timeout=120)
    monkeypatch.delenv(CRASH_ENV)
    assert proc.returncode == -signal.SIGKILL  # killed there, as by kill -9

    committed = point == "rotate:committed"
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    assert _state(proj) == before  # opens, nothing lost
    assert _hits([proj, temp], _marked(canary)) == []
    # before the commit the old keys (every slot, the recovery key) still open it
    opened_by_old = cli("-p", proj, "--passphrase-file", theirs, "audit", "verify").code == 0
    assert opened_by_old is not committed
    assert ("key rotation was interrupted" in verified.out) is not committed
    if not committed:
        assert "unfinished" in cli("-p", proj, "keys", "list").out
        assert cli("-p", proj, "keys", "add", "--new-passphrase-file", theirs,
                   "--label", "x").code == 1  # refused until it is finished

    done = cli("-p", proj, "keys", "rotate")
    assert done.code == 0, done.err
    assert ("interrupted rotation finished" in done.out) is not committed
    assert cli("-p", proj, "audit", "verify").code == 0
    assert _state(proj) == before
    assert _rotations(proj) == (1 if not committed else 2)
    assert (proj / "keys.json").read_bytes() != old_keys
    assert cli("-p", proj, "--passphrase-file", theirs, "audit", "verify").code == 1
    old_recovery = tmp_path / "secret" / "recovery.txt"
    old_recovery.write_text(recovery + "\n", encoding="utf-8")
    assert cli("-p", proj, "--passphrase-file", old_recovery, "audit", "verify").code == 1


def test_after_a_rotation_old_key_material_opens_no_key_file_and_new_ids_still_link(
        cli, setting):
    """The point of rotating: keys.json copied before (with a passphrase or recovery key
    that opened it then) unwraps none of the key files after; the new recovery key
    opens the project; equal identity numbers ingested later hash as before."""
    from tally.project import Project
    from tally.store import crypto, keys

    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj, recovery, theirs = _project(cli, tmp_path, inputs, canary)
    stolen = tmp_path / "stolen"
    stolen.mkdir()
    (stolen / "keys.json").write_bytes((proj / "keys.json").read_bytes())
    old_key = keys.unlock(stolen, b"the analyst's own words")

    done = cli("-p", proj, "keys", "rotate")
    assert done.code == 0, done.err
    assert "dropped key slot 2 (analyst)" in done.out
    new_recovery = RECOVERY.search(done.out).group(0)
    assert new_recovery != recovery
    project = Project.open(proj)
    key_files = list((proj / "objects").rglob("*.key"))
    assert len(key_files) >= 2
    for path in key_files:
        sha = path.parent.name + path.name[:-4]
        blob = path.read_bytes().split(b"\n", 1)[1]
        with pytest.raises(crypto.Tampered):
            crypto.unseal(old_key, blob, b"document key|" + sha.encode())
    rec = tmp_path / "secret" / "rec.txt"
    rec.write_text(new_recovery + "\n", encoding="utf-8")
    assert cli("-p", proj, "--passphrase-file", rec, "audit", "verify").code == 0

    later = inputs / "later.csv"
    later.write_text(f"record_id,name,national_id\nx1,Ahmad Ali,{canary['national_id']}\n",
                     encoding="utf-8")
    assert cli("-p", proj, "ingest", later, "--source", "w").code == 0
    with project.connect(read_only=True) as con:
        hashes = {r[0] for r in con.execute(
            "SELECT national_id FROM victim_record WHERE national_id IS NOT NULL").fetchall()}
    assert len(hashes) == 1  # the same number, the same keyed hash, before and after
    assert cli("-p", proj, "audit", "verify").code == 0
    assert _hits([proj, temp], _marked(canary)) == []
    assert _rotations(proj) == 1


def test_rotate_refuses_a_plain_project_and_the_recovery_key(cli, setting):
    tmp_path, _temp, inputs = setting
    plain = tmp_path / "plain"
    assert cli("init", plain).code == 0
    assert cli("-p", plain, "keys", "rotate").code == 1
    proj, recovery, _theirs = _project(cli, tmp_path, inputs, _canaries())
    rec = tmp_path / "secret" / "rec.txt"
    rec.write_text(recovery + "\n", encoding="utf-8")
    before = (proj / "keys.json").read_bytes()
    refused = cli("-p", proj, "--passphrase-file", rec, "keys", "rotate")
    assert refused.code == 1 and "recovery key" in refused.err
    assert (proj / "keys.json").read_bytes() == before


def test_rotate_documents_re_encrypts_so_old_key_files_open_nothing(cli, setting):
    """--documents: every document and sealed value encrypted again under a new
    document key; old .key files copied before, with the old data key, open nothing."""
    from tally.project import Project
    from tally.store import crypto, keys

    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj, _recovery, _theirs = _project(cli, tmp_path, inputs, canary)
    before = _state(proj)
    old_key = keys.unlock(proj, b"four words of passphrase")
    old_doc_keys = {}
    for path in (proj / "objects").rglob("*.key"):
        sha = path.parent.name + path.name[:-4]
        old_doc_keys[sha] = crypto.unseal(old_key, path.read_bytes().split(b"\n", 1)[1],
                                          b"document key|" + sha.encode())
    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        old_tokens = con.execute("SELECT record_id, document_sha256, sealed FROM victim_record "
                                 "WHERE sealed IS NOT NULL").fetchall()

    done = cli("-p", proj, "keys", "rotate", "--documents")
    assert done.code == 0, done.err
    assert "Re-keyed 2 documents" in done.out
    assert _state(proj) == before
    assert cli("-p", proj, "audit", "verify").code == 0
    with Project.open(proj).connect(read_only=True) as con:
        now = dict(con.execute("SELECT record_id, sealed FROM victim_record").fetchall())
    for record_id, sha, _token in old_tokens:  # today's ciphertexts, yesterday's keys
        with pytest.raises(crypto.Tampered):
            crypto.unseal_text(old_doc_keys[sha], now[record_id], record_id)
    for sha, key in old_doc_keys.items():
        blob = Project.open(proj).objects.path_for(sha).read_bytes().split(b"\n", 1)[1]
        with pytest.raises(crypto.Tampered):
            crypto.unseal(key, blob, sha.encode())
    assert _hits([proj, temp], _marked(canary)) == []


@pytest.mark.slow
@pytest.mark.parametrize("point", ["rekey:next-written", "rekey:committed",
                                   "forget-witness:object-installed"])
def test_kill_9_while_re_keying_documents_loses_nothing(cli, setting, monkeypatch, point):
    tmp_path, _temp, inputs = setting
    proj, _recovery, _theirs = _project(cli, tmp_path, inputs, _canaries())
    before = _state(proj)
    monkeypatch.setenv(CRASH_ENV, point)
    proc = tally_subprocess("-p", proj, "keys", "rotate", "--documents")
    proc.communicate(timeout=120)
    monkeypatch.delenv(CRASH_ENV)
    assert proc.returncode == -signal.SIGKILL
    assert _state(proj) == before
    assert cli("-p", proj, "audit", "verify").code == 0
    assert cli("-p", proj, "forget", "--finish").code == 0
    assert not list((proj / "objects").rglob("*.next"))
    assert _state(proj) == before
    assert cli("-p", proj, "audit", "verify").code == 0


def test_second_factors_still_open_after_a_rotation(cli, setting):
    """Workspace users' TOTP secrets are sealed under a subkey of the data key: a
    rotation seals them again, or every user with a second factor is locked out."""
    import pyotp

    from tally.project import Project
    from tally.store import accounts

    tmp_path, _temp, inputs = setting
    proj, _recovery, _theirs = _project(cli, tmp_path, inputs, _canaries())
    project = Project.open(proj)
    accounts.add_user(project, "ana", "admin", "a long enough password 1")
    secret = accounts.new_totp_secret()
    accounts.enrol_totp(project, "ana", secret, pyotp.TOTP(secret).now())
    assert cli("-p", proj, "keys", "rotate").code == 0
    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        stored = con.execute("SELECT totp_secret FROM app_user WHERE name = 'ana'").fetchall()[0][0]
    assert accounts._open_secret(project, "ana", stored) == secret
