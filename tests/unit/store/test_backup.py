"""tally backup / tally restore (issue 19 item 9): a project comes back whole from
its archive (audit verifies, same records, same objects), an encrypted project's
data stays encrypted as it is, and the archive holds nothing in the clear."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tally.ingest import ingest_file
from tally.project import Project
from tally.sources import add_source

PASS = "four words of passphrase\n"


def write_list(folder: Path, rows: int, canary: str) -> Path:
    """An interchange-format list whose witness column holds ``canary`` on every row."""
    header = "record_id,name,sex,age,date_of_death,place,governorate,status,witness_name,notes"
    lines = [header] + [
        f"r{i},Ahmad Ali Hasan{i},male,{20 + i % 50},2025-03-07,Baniyas,Tartus,civilian,"
        f"{canary},{canary} note {i}" for i in range(rows)]
    path = folder / "list.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def passfile(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(PASS, encoding="utf-8")
    monkeypatch.setenv("TALLY_PASSPHRASE_FILE", str(path))
    return path


def make_project(root: Path, canary: str, rows: int = 50, encrypt: bool = False) -> Project:
    project = Project.init(root / "proj", encrypt=encrypt,
                           passphrase=PASS.strip().encode() if encrypt else None)
    add_source(project, "w", name="Witnesses", kind="witness", reliability="B")
    inputs = root / "inputs"
    inputs.mkdir(exist_ok=True)
    ingest_file(project, write_list(inputs, rows, canary), "w")
    return project


def records(root: Path) -> list[tuple]:
    with Project.open(root).connect(read_only=True) as con:
        return con.execute("SELECT record_id, name, witness_name, sealed FROM victim_record "
                           "ORDER BY record_id").fetchall()


def actions(root: Path) -> list[str]:
    with Project.open(root).connect(read_only=True) as con:
        return [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY seq").fetchall()]


def test_a_plain_project_comes_back_whole_and_the_archive_holds_nothing_in_the_clear(
        tmp_path, passfile, cli):
    canary = f"QZBAK{secrets.token_hex(5).upper()}"
    project = make_project(tmp_path, canary)
    big = project.objects.put_bytes(secrets.token_bytes(3 << 20))  # several 1 MiB chunks
    proj, archive, restored = tmp_path / "proj", tmp_path / "proj.tallybak", tmp_path / "back"
    assert canary.encode() in (proj / "tally.duckdb").read_bytes() + b"".join(
        p.read_bytes() for p in (proj / "objects").rglob("*") if p.is_file())
    done = cli("-p", proj, "backup", archive)
    assert done.code == 0, done.err
    data = archive.read_bytes()
    assert data.count(canary.encode()) == 0 and data.count(canary.lower().encode()) == 0
    assert b"tally.duckdb" not in data and b"Ahmad Ali" not in data  # not even file names
    assert len(data) > 2 << 20

    done = cli("restore", archive, restored)
    assert done.code == 0, done.err
    assert sorted(p.name for p in restored.iterdir()) == ["audit.head", "objects", "tally.duckdb",
                                                          "tally.toml"]
    assert records(restored) == records(proj)
    assert Project.open(restored).objects.read_bytes(big) == project.objects.read_bytes(big)
    verified = cli("-p", restored, "audit", "verify")
    assert verified.code == 0, verified.err
    assert actions(restored)[-2:] == ["project.backed_up", "project.restored"]
    assert actions(proj)[-1] == "project.backed_up"
    assert (restored.stat().st_mode & 0o777) == 0o700
    obj = next(p for p in (restored / "objects").rglob("*") if p.is_file())
    assert (obj.stat().st_mode & 0o777) == 0o400


def test_an_encrypted_project_stays_encrypted_as_it_is(tmp_path, passfile, cli):
    canary = f"QZENC{secrets.token_hex(5).upper()}"
    make_project(tmp_path, canary, encrypt=True)
    proj, archive, restored = tmp_path / "proj", tmp_path / "proj.tallybak", tmp_path / "back"
    assert cli("-p", proj, "backup", archive).code == 0
    assert cli("restore", archive, restored).code == 0
    assert (restored / "keys.json").read_bytes() == (proj / "keys.json").read_bytes()
    for path in (proj / "objects").rglob("*"):  # sealed objects and their sealed keys, unchanged
        if path.is_file():
            assert (restored / path.relative_to(proj)).read_bytes() == path.read_bytes()
    for path in restored.rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes()
    assert cli("-p", restored, "audit", "verify").code == 0  # decrypts every object
    assert records(restored) == records(proj)
    from tally.ingest.sealing import unseal_record

    project = Project.open(restored)
    with project.connect(read_only=True) as con:
        row = con.execute("SELECT record_id, document_sha256, sealed FROM victim_record "
                          "LIMIT 1").fetchall()[0]
    assert unseal_record(project, *row)["witness_name"] == canary


def test_restore_refuses_a_folder_that_holds_anything_and_takes_an_empty_one(
        tmp_path, passfile, cli):
    make_project(tmp_path, "QZX")
    archive = tmp_path / "a.tallybak"
    assert cli("-p", tmp_path / "proj", "backup", archive).code == 0
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    refused = cli("restore", archive, busy)
    assert refused.code == 1 and "not an empty folder" in refused.err
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("restore", archive, empty).code == 0
    assert cli("-p", empty, "audit", "verify").code == 0


def test_backup_refuses_to_overwrite_or_to_write_inside_the_project(tmp_path, passfile, cli):
    make_project(tmp_path, "QZX")
    proj = tmp_path / "proj"
    inside = cli("-p", proj, "backup", proj / "objects" / "b.tallybak")
    assert inside.code == 1 and "refusing" in inside.err
    existing = tmp_path / "old.tallybak"
    existing.write_bytes(b"yesterday")
    again = cli("-p", proj, "backup", existing)
    assert again.code == 1 and existing.read_bytes() == b"yesterday"


def test_backup_needs_a_passphrase(tmp_path, monkeypatch, cli):
    monkeypatch.delenv("TALLY_PASSPHRASE_FILE", raising=False)
    make_project(tmp_path, "QZX")
    result = cli("-p", tmp_path / "proj", "backup", tmp_path / "a.tallybak")
    assert result.code == 1 and "--passphrase-file" in result.err
    assert not (tmp_path / "a.tallybak").exists()


def test_backup_and_restore_stream_with_bounded_memory(tmp_path):
    """A 24 MiB document goes through backup and restore holding a few 1 MiB chunks at a
    time (sealed, opened, tar's and the file's buffers), not the document."""
    import tracemalloc

    from tally.backup import backup_project, restore_project

    project = make_project(tmp_path, "QZMEM")
    big = project.objects.put_bytes(secrets.token_bytes(24 << 20))
    passphrase = PASS.strip().encode()
    tracemalloc.start()
    try:
        backup_project(project, tmp_path / "m.tallybak", passphrase)
        _, backup_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        restore_project(tmp_path / "m.tallybak", tmp_path / "back", passphrase)
        _, restore_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert backup_peak < 12 << 20 and restore_peak < 12 << 20, (backup_peak, restore_peak)
    assert Project.open(tmp_path / "back").objects.verify(big) is None
