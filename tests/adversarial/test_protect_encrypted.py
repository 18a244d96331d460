"""Protect (issue 19), must show: an encrypted project holds nothing sensitive
readable without its key (the canary test), and one changed byte of any
ciphertext is reported by `tally audit verify`."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

PASS = "four words of passphrase\n"


def _canaries() -> dict[str, str]:
    """Distinctive values no other test or run can have written."""
    tag = secrets.token_hex(5).upper()
    return {
        "witness_name": f"QZWIT{tag}name",
        "witness_contact": f"+963-QZ{tag}-77",
        "national_id": f"NID{tag}9",
        "birth_date": "1911-11-11",  # also checked as the shape a date has
        "address": f"QZADDR{tag} Street",
        "notes": f"QZNOTE{tag} told by the neighbour",
        "Mobile": f"QZMOB{tag}",  # a column the mapping marks sensitive
    }


def _write_list(folder: Path, canary: dict[str, str]) -> Path:
    header = ["record_id", "name", "sex", "age", "date_of_death", "place", "governorate",
              "status", "witness_name", "witness_contact", "consent", "national_id",
              "birth_date", "address", "notes", "Mobile"]
    lines = [",".join(header)]
    for i in range(1, 5):
        lines.append(",".join([
            f"r{i}", f"Ahmad Ali Hasan{i % 2}", "male", "34", "2025-03-07", "Baniyas", "Tartus",
            "civilian", canary["witness_name"], canary["witness_contact"], "storage;legal",
            canary["national_id"], canary["birth_date"], canary["address"], canary["notes"],
            canary["Mobile"]]))
    lines.append(f"r9,{canary['witness_name']} only a broken row")  # quarantined
    path = folder / "witness-list.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hits(folders: list[Path], canary: dict[str, str]) -> list[str]:
    """Every file (and which canary) holding a canary's bytes, as written or lower-cased."""
    needles = {}
    for name, value in canary.items():
        if name == "birth_date":
            continue  # a date can occur by chance (an audit time stamp); its raw row is below
        needles[value.encode()] = name
        needles[value.lower().encode()] = name
    needles["storage;legal".encode()] = "consent"
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found += [f"{path}: {name}" for needle, name in needles.items() if needle in data]
    return found


@pytest.fixture
def setting(tmp_path, monkeypatch):
    """A passphrase file outside the project, and a temporary directory of our own
    (what Tally and DuckDB would use for temporary files) to search afterwards."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "pass.txt").write_text(PASS, encoding="utf-8")
    monkeypatch.setenv("TALLY_PASSPHRASE_FILE", str(secret / "pass.txt"))
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    return tmp_path, temp, inputs


def test_canary_nothing_sensitive_is_readable_in_a_closed_encrypted_project(cli, setting):
    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt", "--passphrase-file",
               tmp_path / "secret" / "pass.txt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "Witnesses", "--kind", "witness",
               "--reliability", "B").code == 0
    mapping = inputs / "map.toml"
    mapping.write_text('[options]\nsensitive = ["Mobile"]\n', encoding="utf-8")
    listing = _write_list(inputs, canary)
    # a list in the interchange format needs no mapping; with one, its fields are named
    fields = "\n".join(f'{c} = "{c}"' for c in (
        "record_id", "name", "sex", "age", "date_of_death", "place", "governorate", "status",
        "witness_name", "witness_contact", "consent", "national_id", "birth_date", "address",
        "notes"))
    mapping.write_text(mapping.read_text() + "[fields]\n" + fields + "\n", encoding="utf-8")
    result = cli("-p", proj, "ingest", listing, "--source", "w", "--mapping", mapping)
    assert result.code == 0, result.err
    assert "ingested 4 records, 1 quarantined" in result.out
    assert cli("-p", proj, "link").code == 0
    public = tmp_path / "public.csv"
    assert cli("-p", proj, "export", "persons", "--public", "--out", public).code == 0
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    # the witnesses' list itself is the user's file, not the project's: once it is
    # gone, nothing in the project folder, the temporary directory or the public
    # export may hold any sensitive value
    listing.unlink()
    assert _hits([proj, temp], canary) == []
    assert _hits([tmp_path], canary) == []  # the public export (and everything else) too
    # yet the values are all there, for whoever holds the key
    from tally.ingest.sealing import unseal_record
    from tally.project import Project

    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT record_id, document_sha256, sealed, national_id "
                           "FROM victim_record ORDER BY row_number").fetchall()
    values = unseal_record(project, *rows[0][:3])
    assert values["witness_name"] == canary["witness_name"]
    assert values["raw:Mobile"] == canary["Mobile"]
    assert values["birth_date"] == canary["birth_date"]
    assert len({r[3] for r in rows}) == 1  # equal identity numbers: equal keyed hashes


def test_tamper_one_changed_byte_of_any_ciphertext_fails_audit_verify(cli, setting):
    tmp_path, _temp, inputs = setting
    canary = _canaries()
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    listing = _write_list(inputs, canary)
    assert cli("-p", proj, "ingest", listing, "--source", "w").code == 0
    assert cli("-p", proj, "audit", "verify").code == 0
    objects = [p for p in (proj / "objects").rglob("*") if p.is_file()]
    document = next(p for p in objects if not p.name.endswith(".key"))
    original = document.read_bytes()
    document.chmod(0o600)
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0x01
    document.write_bytes(bytes(changed))
    result = cli("-p", proj, "audit", "verify")
    assert result.code == 1
    assert "ciphertext was changed" in result.err
    document.write_bytes(original)
    assert cli("-p", proj, "audit", "verify").code == 0

    # a sealed value in the store: one character of its ciphertext changed
    import duckdb

    con = duckdb.connect(str(proj / "tally.duckdb"))
    sealed = con.execute("SELECT sealed FROM victim_record ORDER BY row_number LIMIT 1"
                         ).fetchall()[0][0]
    at = sealed.index("s1:") + 10
    con.execute("UPDATE victim_record SET sealed = ? WHERE row_number = 1",
                [sealed[:at] + ("A" if sealed[at] != "A" else "B") + sealed[at + 1:]])
    con.close()
    result = cli("-p", proj, "audit", "verify")
    assert result.code == 1
    assert "records were changed after ingest" in result.err


def test_a_wrong_passphrase_ingests_nothing(cli, setting, monkeypatch):
    tmp_path, _temp, inputs = setting
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    wrong = tmp_path / "secret" / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    before = sorted(p.name for p in (proj / "objects").rglob("*"))
    result = cli("-p", proj, "--passphrase-file", wrong, "ingest",
                 _write_list(inputs, _canaries()), "--source", "w")
    assert result.code == 1 and "wrong passphrase" in result.err
    assert sorted(p.name for p in (proj / "objects").rglob("*")) == before
    status = cli("-p", proj, "status")
    assert "0 documents" in status.out


def test_forget_destroys_a_documents_key_and_audit_verify_still_passes(cli, setting):
    tmp_path, _temp, inputs = setting
    canary = _canaries()
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    assert cli("-p", proj, "ingest", _write_list(inputs, canary), "--source", "w").code == 0
    from tally.ingest.sealing import unseal_record
    from tally.project import Project
    from tally.store.crypto import Tampered

    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        sha = con.execute("SELECT sha256 FROM document").fetchall()[0][0]
        record = con.execute("SELECT record_id, document_sha256, sealed FROM victim_record "
                             "LIMIT 1").fetchall()[0]
    assert unseal_record(project, *record)["witness_name"] == canary["witness_name"]

    result = cli("-p", proj, "forget", "--document", sha[:16])
    assert result.code == 0, result.err
    project = Project.open(proj)
    with pytest.raises(Tampered):
        project.objects.read_bytes(sha)
    with pytest.raises(Tampered):
        unseal_record(project, *record)
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    assert "1 documents were forgotten" in verified.out
    with project.connect(read_only=True) as con:
        event = con.execute("SELECT actor, occurred_at, subject, details FROM audit_event "
                            "WHERE action = 'document.forgotten'").fetchall()
        records = con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0]
    assert len(event) == 1 and event[0][0] and event[0][1]  # who and when
    assert event[0][2] is None and event[0][3] == "{}"      # not what
    assert records == 4  # the victims are still counted
    assert cli("-p", proj, "forget", "--document", sha[:16]).code == 0  # again: a no-op


def test_a_document_made_unreadable_behind_tallys_back_is_not_passed_off_as_forgotten(
        cli, setting):
    tmp_path, _temp, inputs = setting
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    assert cli("-p", proj, "ingest", _write_list(inputs, _canaries()), "--source", "w").code == 0
    import duckdb

    con = duckdb.connect(str(proj / "tally.duckdb"))
    con.execute("UPDATE document SET status = 'forgotten'")
    con.close()
    for key in (proj / "objects").rglob("*.key"):
        key.unlink()
    result = cli("-p", proj, "audit", "verify")
    assert result.code == 1
    assert "marked forgotten" in result.err


def test_a_plain_project_cannot_forget(cli, tmp_path):
    proj = tmp_path / "proj"
    assert cli("init", proj).code == 0
    result = cli("-p", proj, "forget", "--document", "0" * 16)
    assert result.code == 1 and "encrypted project" in result.err


@pytest.mark.slow
def test_kill_9_mid_encrypted_ingest_leaves_nothing_in_the_clear_and_reruns(cli, setting):
    """The process killed inside the ingest transaction: the project verifies,
    holds no sensitive value in the clear (not in the WAL either), and the same
    file ingests afterwards (the stored object and its key are reused)."""
    import json
    import signal
    import time

    from tests.conftest import tally_subprocess

    tmp_path, temp, inputs = setting
    canary = _canaries()
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    path = inputs / "large.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("record_id,name,sex,witness_name,witness_contact,notes\n")
        for i in range(200_000):
            f.write(f"{i},Ahmad {i},male,{canary['witness_name']},{canary['witness_contact']},"
                    f"{canary['notes']}\n")
    proc = tally_subprocess("-p", proj, "ingest", path, "--source", "w")
    deadline = time.monotonic() + 120
    while not any(p.is_file() and not p.name.startswith(".")
                  and not p.name.endswith(".key") for p in (proj / "objects").rglob("*")):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.5)  # now inside the ingest transaction
    assert proc.poll() is None, "ingest finished before it could be killed; use a bigger file"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert _hits([proj, temp], canary) == []

    verify = cli("-p", proj, "audit", "verify")
    assert verify.code == 0, verify.err
    st = json.loads(cli("-p", proj, "status", "--json").out)
    assert st["totals"]["records"] == 0 and st["totals"]["documents"] == 0
    rerun = cli("-p", proj, "ingest", path, "--source", "w")
    assert rerun.code == 0 and "ingested 200000 records" in rerun.out, rerun.err
    assert cli("-p", proj, "audit", "verify").code == 0
    path.unlink()
    assert _hits([proj, temp], canary) == []


def test_an_interrupted_forget_verifies_says_so_and_finishes_when_run_again(cli, setting):
    """tally forget commits the mark and the event before it destroys the key: a
    process killed between the two leaves a project that verifies (old data all
    there) and names the document whose key is left; running it again finishes."""
    tmp_path, _temp, inputs = setting
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    assert cli("-p", proj, "ingest", _write_list(inputs, _canaries()), "--source", "w").code == 0
    from tally.project import Project
    from tally.store.audit import append_event
    from tally.store.forget import ACTION, FORGOTTEN
    from tally.store.transaction import transaction

    project = Project.open(proj)
    with project.connect() as con, transaction(con):  # forget_document's first step, alone
        sha = con.execute("SELECT sha256 FROM document").fetchall()[0][0]
        con.execute("UPDATE document SET status = ? WHERE sha256 = ?", [FORGOTTEN, sha])
        append_event(con, ACTION, None, {})
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    assert "was interrupted" in verified.out and sha[:12] in verified.out
    assert cli("-p", proj, "forget", "--document", sha[:12]).code == 0
    assert not project.objects.key_path_for(sha).exists()
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0 and "interrupted" not in verified.out
    with project.connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM audit_event WHERE action = ?",
                           [ACTION]).fetchall()[0][0] == 1


def test_keys_add_list_remove_through_the_cli(cli, setting):
    tmp_path, _temp, _inputs = setting
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    theirs = tmp_path / "secret" / "theirs.txt"
    theirs.write_text("the analyst's own words\n", encoding="utf-8")
    added = cli("-p", proj, "keys", "add", "--new-passphrase-file", theirs, "--label", "analyst")
    assert added.code == 0 and "slot 2" in added.out, added.err
    assert "slot 2: analyst" in cli("-p", proj, "keys", "list").out
    # the new holder opens the project with their own passphrase
    assert cli("-p", proj, "--passphrase-file", theirs, "source", "add", "w", "--name", "W",
               "--kind", "witness", "--reliability", "B").code == 0
    listing = tmp_path / "inputs" / "one.csv"
    listing.write_text("name\nAhmad Ali\n", encoding="utf-8")
    assert cli("-p", proj, "--passphrase-file", theirs, "ingest", listing, "--source", "w").code == 0
    assert cli("-p", proj, "keys", "remove", "2").code == 0
    refused = cli("-p", proj, "--passphrase-file", theirs, "audit", "verify")
    assert refused.code == 1 and "wrong passphrase" in refused.err
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    from tally.project import Project

    with Project.open(proj).connect(read_only=True) as con:
        actions = [r[0] for r in con.execute(
            "SELECT action FROM audit_event WHERE action LIKE 'keys.%' ORDER BY seq").fetchall()]
    assert actions == ["keys.added", "keys.removed"]
    assert cli("-p", proj, "keys", "remove", "1").code == 1  # the last slot stays
