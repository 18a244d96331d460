"""Backups under attack (issue 19 item 9): a wrong passphrase, a changed, cut,
extended or re-ordered archive is a clear error (exit 1) that writes nothing,
and a restore killed with SIGKILL leaves no folder that claims to be a project."""

from __future__ import annotations

import os
import secrets
import signal
import struct
import time
from pathlib import Path

import pytest

from tally.errors import ProjectError
from tally.project import Project
from tally.backup import MAGIC
from tests.conftest import tally_subprocess
from tests.unit.store.test_backup import PASS, make_project


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, bytes]:
    """One archive for the module (its passphrase file, its bytes)."""
    from tally.backup import backup_project

    root = tmp_path_factory.mktemp("backup")
    secret = root / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    project = make_project(root, "QZADV")
    project.objects.put_bytes(secrets.token_bytes(3 << 20))  # four chunks in all
    backup_project(project, root / "proj.tallybak", PASS.strip().encode())
    return secret, (root / "proj.tallybak").read_bytes()


@pytest.fixture
def archive(made, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the module's archive; its passphrase in TALLY_PASSPHRASE_FILE."""
    secret, data = made
    monkeypatch.setenv("TALLY_PASSPHRASE_FILE", str(secret))
    path = tmp_path / "proj.tallybak"
    path.write_bytes(data)
    return path


def chunks(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each sealed chunk, length prefix included."""
    (size,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    at = len(MAGIC) + 4 + size
    found = []
    while at < len(data):
        (n,) = struct.unpack(">I", data[at:at + 4])
        found.append((at, at + 4 + n))
        at += 4 + n
    return found


def assert_nothing_written(folder: Path, target: Path) -> None:
    assert not target.exists()
    assert not [p for p in folder.iterdir() if ".restoring-" in p.name]


def test_a_wrong_passphrase_is_a_clear_error_that_writes_nothing(archive, tmp_path, cli):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("four other words here\n", encoding="utf-8")
    target = tmp_path / "back"
    result = cli("--passphrase-file", wrong, "restore", archive, target)
    assert result.code == 1
    assert "wrong passphrase" in result.err and "Traceback" not in result.err
    assert_nothing_written(tmp_path, target)


@pytest.mark.parametrize("where", ["magic", "header", "first", "middle", "last", "final tag"])
def test_one_changed_byte_anywhere_is_refused_and_writes_nothing(archive, tmp_path, cli, where):
    data = bytearray(archive.read_bytes())
    spans = chunks(bytes(data))
    assert len(spans) >= 4
    at = {"magic": 3, "header": len(MAGIC) + 10, "first": spans[0][0] + 40,
          "middle": (spans[1][0] + spans[1][1]) // 2, "last": spans[-1][0] + 30,
          "final tag": len(data) - 1}[where]
    data[at] ^= 0x01
    archive.write_bytes(bytes(data))
    target = tmp_path / "back"
    result = cli("restore", archive, target)
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    assert any(word in result.err for word in ("changed", "wrong passphrase", "not a Tally"))
    assert_nothing_written(tmp_path, target)


@pytest.mark.parametrize("how", ["cut last chunk", "cut mid chunk", "bytes appended",
                                 "chunks swapped", "chunk dropped"])
def test_a_cut_extended_or_reordered_archive_is_refused(archive, tmp_path, cli, how):
    data = archive.read_bytes()
    spans = chunks(data)
    (a, b), (c, d) = spans[1], spans[2]
    changed = {
        "cut last chunk": data[:spans[-1][0]],
        "cut mid chunk": data[:len(data) - 100],
        "bytes appended": data + b"\0" * 20,
        "chunks swapped": data[:a] + data[c:d] + data[a:b] + data[d:],
        "chunk dropped": data[:a] + data[b:],
    }[how]
    archive.write_bytes(changed)
    target = tmp_path / "back"
    result = cli("restore", archive, target)
    assert result.code == 1
    assert "Traceback" not in result.err and ("changed" in result.err or "truncated" in result.err)
    assert_nothing_written(tmp_path, target)


def test_a_restore_killed_midway_leaves_no_half_project_that_claims_to_be_whole(
        tmp_path, monkeypatch, cli):
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    monkeypatch.setenv("TALLY_PASSPHRASE_FILE", str(secret))
    project = make_project(tmp_path, "QZKILL")
    for _ in range(6):  # enough to be caught in the middle of writing
        project.objects.put_bytes(secrets.token_bytes(8 << 20))
    archive = tmp_path / "big.tallybak"
    assert cli("-p", tmp_path / "proj", "backup", archive).code == 0
    target = tmp_path / "back"
    proc = tally_subprocess("restore", archive, target)
    deadline = time.monotonic() + 60
    work = []
    while not work and time.monotonic() < deadline and proc.poll() is None:
        work = [p for p in tmp_path.iterdir() if ".restoring-" in p.name
                and (p / "objects").is_dir()]
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    if not work:
        pytest.skip("the restore finished before it could be killed")
    assert not target.exists()
    with pytest.raises(ProjectError):
        Project.open(target)
    for half in work:  # what is left is hidden and has no settings: no command opens it
        assert half.name.startswith(".")
        assert not (half / "tally.toml").exists()
        with pytest.raises(ProjectError):
            Project.open(half)
    again = cli("restore", archive, target)
    assert again.code == 0, again.err
    assert cli("-p", target, "audit", "verify").code == 0


def test_a_header_asking_for_absurd_argon2_costs_is_refused_at_once(archive, tmp_path, cli):
    """A changed header must not make restore spend hours or all memory before failing."""
    import json

    data = archive.read_bytes()
    (size,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    header = json.loads(data[len(MAGIC) + 4:len(MAGIC) + 4 + size])
    header["memory_cost"] = 1 << 40
    text = json.dumps(header).encode()
    archive.write_bytes(MAGIC + struct.pack(">I", len(text)) + text
                        + data[len(MAGIC) + 4 + size:])
    started = time.monotonic()
    result = cli("restore", archive, tmp_path / "back")
    assert result.code == 1 and "header was changed" in result.err
    assert time.monotonic() - started < 5
    assert_nothing_written(tmp_path, tmp_path / "back")


def test_a_backup_killed_midway_leaves_no_archive_and_the_project_intact(
        tmp_path, monkeypatch, cli):
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    monkeypatch.setenv("TALLY_PASSPHRASE_FILE", str(secret))
    project = make_project(tmp_path, "QZKILLB")
    for _ in range(6):
        project.objects.put_bytes(secrets.token_bytes(8 << 20))
    archive = tmp_path / "out" / "big.tallybak"
    archive.parent.mkdir()
    proc = tally_subprocess("-p", tmp_path / "proj", "backup", archive)
    deadline = time.monotonic() + 60
    partial = []
    while not partial and time.monotonic() < deadline and proc.poll() is None:
        partial = [p for p in archive.parent.iterdir()
                   if p.name.startswith(".big.tallybak.") and p.stat().st_size > 0]
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    if not partial:
        pytest.skip("the backup finished before it could be killed")
    assert not archive.exists()  # only a hidden partial file, never under the archive's name
    assert cli("-p", tmp_path / "proj", "audit", "verify").code == 0
    assert cli("-p", tmp_path / "proj", "backup", archive).code == 0
    assert cli("restore", archive, tmp_path / "back").code == 0
