"""Opening a project: who else can read it, and who else holds it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

from tally.errors import ProjectError
from tally.ingest import ingest_file
from tally.project import Project


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """A permissive umask, as on many shared machines (files 0666, folders 0777)."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_project_files_are_owner_only_whatever_the_umask(open_umask, tmp_path, examples):
    project = Project.init(tmp_path / "proj")
    from tally.sources import add_source
    add_source(project, "snhr", name="S", kind="rights_group_list", reliability="B")
    report = ingest_file(project, examples("arabic_list_cp1256.csv"), "snhr",
                         mapping=examples("arabic_list.toml"))
    root = project.root
    assert mode(root) == 0o700
    for name in ("tally.duckdb", "tally.toml", "audit.head"):
        assert mode(root / name) == 0o600, name
    assert mode(root / "objects") == 0o700
    obj = project.objects.path_for(report.sha256)
    assert mode(obj.parent) == 0o700 and mode(obj) == 0o400
    with project.connect() as con:  # the WAL, while it exists, is owner-only too
        con.execute("CREATE TABLE _probe AS SELECT 1")
        wal = root / "tally.duckdb.wal"
        assert not wal.exists() or mode(wal) == 0o600


def test_older_world_readable_project_is_closed_on_open(tmp_path):
    project = Project.init(tmp_path / "proj")
    os.chmod(project.root, 0o755)
    os.chmod(project.db_path, 0o644)
    os.chmod(project.root / "tally.toml", 0o644)
    with Project.open(project.root).connect():
        pass
    assert mode(project.root) == 0o700
    assert mode(project.db_path) == 0o600 and mode(project.root / "tally.toml") == 0o600


HOLD = """
import sys, time
from tally.project import Project
with Project.open(sys.argv[1]).connect():
    print("holding", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def held(tmp_path):
    """A project held open by another process (a real second Tally process)."""
    project = Project.init(tmp_path / "syria-coast")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(project.root)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    yield project, holder.pid
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_project_held_by_another_process_is_named_in_one_line(held):
    project, pid = held
    for read_only in (False, True):
        with pytest.raises(ProjectError) as caught:
            with project.connect(read_only=read_only):
                pass
        assert str(caught.value) == (
            f"syria-coast is open in another Tally process (PID {pid}): "
            "wait for it to finish, or stop it")


def test_status_of_a_held_project_is_one_clear_line(held):
    project, pid = held
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "tally", "-p", str(project.root), "status"],
                       capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 1 and "Traceback" not in r.stderr and "IOException" not in r.stderr
    assert f"syria-coast is open in another Tally process (PID {pid})" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 30
