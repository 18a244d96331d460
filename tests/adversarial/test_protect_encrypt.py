"""tally encrypt (issue 19 item 2): an existing plain project made encrypted.
Afterwards nothing sensitive is readable in any file of its folder — including
what a plain value leaves in DuckDB's free blocks, which updating the store in
place would keep — and a `kill -9` at any step leaves the plain or the
encrypted project, nothing lost, `tally audit verify` passing."""

from __future__ import annotations

import signal

import duckdb
import pytest

from tally.store.crashpoints import CRASH_ENV
from tests.adversarial.test_protect_encrypted import _canaries, _hits, _write_list, setting  # noqa: F401
from tests.conftest import tally_subprocess

pytestmark = pytest.mark.integration

FIELDS = ("witness_name", "witness_contact", "consent", "national_id", "birth_date", "address",
          "notes")


def _plain_project(cli, tmp_path, inputs, canary):
    """A plain project holding every kind of sensitive value: mapped fields, a column a
    mapping marks sensitive, a quarantined row — and a plain value left in a free block."""
    proj = tmp_path / "proj"
    assert cli("init", proj).code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    mapping = inputs / "map.toml"
    fields = "\n".join(f'{c} = "{c}"' for c in (
        "record_id", "name", "sex", "age", "date_of_death", "place", "governorate", "status",
        *FIELDS))
    mapping.write_text('[options]\nsensitive = ["Mobile"]\n[fields]\n' + fields + "\n",
                       encoding="utf-8")
    listing = _write_list(inputs, canary)
    done = cli("-p", proj, "ingest", listing, "--source", "w", "--mapping", mapping)
    assert done.code == 0, done.err
    listing.unlink()
    # a value written once and since freed: DuckDB keeps the bytes of dropped blocks
    con = duckdb.connect(str(proj / "tally.duckdb"))
    con.execute(f"CREATE TABLE scratch AS SELECT '{canary['witness_name']}' || range AS v "
                "FROM range(100000)")
    con.execute("CHECKPOINT")
    con.execute("DROP TABLE scratch")
    con.execute("CHECKPOINT")
    con.close()
    assert canary["witness_name"].encode() in (proj / "tally.duckdb").read_bytes()
    # and one left in the WAL: a store closed without a checkpoint (as by a crash)
    con = duckdb.connect(str(proj / "tally.duckdb"))
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute(f"CREATE TABLE scratch_wal AS SELECT '{canary['witness_contact']}' AS v")
    con.execute("DROP TABLE scratch_wal")
    con.close()
    assert canary["witness_contact"].encode() in (proj / "tally.duckdb.wal").read_bytes()
    return proj


def _values(proj):
    """Every record's sensitive values, as the project holds them (unsealed in memory
    when encrypted), and the document's bytes."""
    import json

    from tally.ingest.sealing import unseal_record
    from tally.project import Project

    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        rows = con.execute(f"SELECT record_id, document_sha256, sealed, raw, name, "
                           f"{', '.join(FIELDS)} FROM victim_record ORDER BY record_id").fetchall()
        docs = [r[0] for r in con.execute("SELECT sha256 FROM document ORDER BY 1").fetchall()]
        quarantined = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
    found = {}
    for record_id, sha, sealed, raw, name, *plain in rows:
        if project.encrypted:
            opened = unseal_record(project, record_id, sha, sealed)
            values = {f: opened.get(f) for f in FIELDS}
            values["Mobile"] = opened.get("raw:Mobile")
        else:
            values = dict(zip(FIELDS, plain))
            values["Mobile"] = json.loads(raw)["Mobile"]
        found[record_id] = (name, values)
    return found, [project.objects.read_bytes(sha) for sha in docs], quarantined


def test_encrypting_a_plain_project_leaves_nothing_readable_even_in_free_blocks(cli, setting):
    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj = _plain_project(cli, tmp_path, inputs, canary)
    before = _values(proj)
    assert _hits([proj], canary)  # in the clear before

    done = cli("-p", proj, "encrypt")
    assert done.code == 0, done.err
    assert "Recovery key" in done.out
    assert _hits([tmp_path], canary) == []  # the folder, its neighbours, the temporary dir
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inputs", "proj", "secret", "tmp"]
    assert _values(proj) == before  # every value there, for whoever holds the key
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    assert cli("-p", proj, "encrypt").out.startswith("The project is encrypted already")
    # a changed byte of a sealed value is caught like in a project encrypted from the start
    con = duckdb.connect(str(proj / "tally.duckdb"))
    con.execute("UPDATE victim_record SET sealed = replace(sealed, 'A', 'B') "
                "WHERE record_id = (SELECT min(record_id) FROM victim_record)")
    con.close()
    assert cli("-p", proj, "audit", "verify").code == 1


@pytest.mark.slow  # ~10 s each
@pytest.mark.parametrize("point", ["encrypt:keys", "encrypt:tables", "encrypt:objects",
                                   "encrypt:built", "encrypt:swapped"])
def test_kill_9_at_each_step_of_encrypt_leaves_the_plain_or_the_encrypted_project(
        cli, setting, monkeypatch, point):
    from tally.project import Project

    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj = _plain_project(cli, tmp_path, inputs, canary)
    before = _values(proj)

    monkeypatch.setenv(CRASH_ENV, point)
    proc = tally_subprocess("-p", proj, "encrypt")
    proc.communicate(timeout=120)
    monkeypatch.delenv(CRASH_ENV)
    assert proc.returncode == -signal.SIGKILL

    swapped = point == "encrypt:swapped"
    assert Project.open(proj).encrypted is swapped  # the old or the new, whole
    assert _values(proj) == before  # nothing lost
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    if swapped:
        assert _hits([proj], canary) == []  # the plain copy is outside the folder
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".proj.encrypting-")]
    assert leftovers  # what the killed run left beside the project

    again = cli("-p", proj, "encrypt")
    assert again.code == 0, again.err
    assert "interrupted" in again.out
    assert Project.open(proj).encrypted
    assert _values(proj) == before
    assert cli("-p", proj, "audit", "verify").code == 0
    assert _hits([tmp_path], canary) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".proj.")]


def test_second_factors_are_sealed_when_a_project_is_encrypted(cli, setting):
    """A plain project keeps TOTP secrets as they are; once encrypted, the workspace
    opens them with the data key, so tally encrypt seals them (else: locked out)."""
    import pyotp

    from tally.project import Project
    from tally.store import accounts

    tmp_path, _temp, inputs = setting
    proj = _plain_project(cli, tmp_path, inputs, _canaries())
    project = Project.open(proj)
    accounts.add_user(project, "ana", "admin", "a long enough password 1")
    secret = accounts.new_totp_secret()
    accounts.enrol_totp(project, "ana", secret, pyotp.TOTP(secret).now())
    assert cli("-p", proj, "encrypt").code == 0
    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        stored = con.execute("SELECT totp_secret FROM app_user WHERE name = 'ana'").fetchall()[0][0]
    assert stored != secret and secret.encode() not in (proj / "tally.duckdb").read_bytes()
    assert accounts._open_secret(project, "ana", stored) == secret
