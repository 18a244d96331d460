"""Shared fixtures: a fresh project, the bundled example lists, the CLI, and the two
expensive projects the integration tests read (the demo's, a linked simulation),
each built once per session.

The session-wide projects are read-only: a test that writes to one takes its
copy (``demo_copy``, ``linked_simulation.copy(dir)``). Writing to the shared
one anyway is reported as an error when the session ends.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

# The CLI's consoles fix their width from COLUMNS when tally.cli is imported, so a
# COLUMNS inherited from the caller (pytest-xdist's workers get 80) would override the
# widths tests set with monkeypatch; tests that need a width set it themselves.
os.environ.pop("COLUMNS", None)

from tally.cli import main
from tally.demo import example_path
from tally.project import Project
from tally.sources import add_source
from tally.store.accounts import use_cheap_hashes_for_tests
from tally.store.crypto import use_cheap_costs_for_tests

# Argon2id at its smallest costs for every password hashed and every passphrase slot
# or backup made in this process: the suite makes hundreds, at about a second each
# with the shipped costs on a loaded 2-core machine. Explicit and test-only (nothing in
# Tally calls these); tests/unit/store/test_password_costs.py checks the shipped costs
# in a fresh process. Child processes (tally_subprocess) keep the shipped costs.
use_cheap_hashes_for_tests()
use_cheap_costs_for_tests()

REPO = Path(__file__).resolve().parents[1]
#: The reference data beside the repository (``../shared/data``): the one place that
#: computes it. Tests that need it skip where it is absent.
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def _new_project_template(tmp_path_factory) -> Path:
    """The folder ``project`` copies: made once per session (``Project.init`` runs
    every migration and syncs the store to disk; a copy of the result is ~50x quicker)."""
    p = Project.init(tmp_path_factory.mktemp("new-project") / "proj")
    add_source(p, "snhr", name="Syrian Network for Human Rights", kind="rights_group_list",
               reliability="B", language="ar")
    return p.root


@pytest.fixture
def project(tmp_path: Path, _new_project_template: Path) -> Project:
    """A new project with one source, ``snhr`` (the session's template copied: the
    same files ``Project.init`` and ``add_source`` write, made once)."""
    shutil.copytree(_new_project_template, tmp_path / "proj")
    return Project.open(tmp_path / "proj")


@pytest.fixture
def examples():
    return example_path


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys):
    """Run `tally ARGS...` in-process; returns exit code and captured output."""

    def run(*args: str | os.PathLike) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def tally_subprocess(*args: str | os.PathLike, **kwargs) -> subprocess.Popen:
    """Start `python -m tally ARGS...` as a separate process."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "tally", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kwargs,
    )


@dataclass(frozen=True)
class DemoRun:
    """A `tally demo` folder and what the command printed."""

    out: Path
    code: int
    printed: str
    errors: str

    @property
    def project(self) -> Project:
        return Project.open(self.out / "project")

    @property
    def report(self) -> Path:
        return self.out / "report.html"


def _fingerprint(project: Project) -> dict[str, object]:
    """Rows per table and the audit chain's head: what a write would change."""
    with project.connect(read_only=True) as con:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
        # read events (tally.store.reads: a view, an export, the report) account for
        # reads; they change no data, so tests may read the shared projects
        counts: dict[str, object] = {
            t: con.execute(f'SELECT count(*) FROM "{t}"' + (
                " WHERE action NOT LIKE 'read.%'" if t == "audit_event" else "")
            ).fetchall()[0][0] for t in tables}
        counts["audit head"] = con.execute(
            "SELECT max(seq), max_by(hash, seq) FROM audit_event "
            "WHERE action NOT LIKE 'read.%'").fetchall()[0]
    return counts


def _written_since(project: Project, before: dict[str, object]) -> list:
    """The audit events (other than reads) appended after ``before`` was taken: who wrote."""
    seq = (before.get("audit head") or (0,))[0] or 0
    with project.connect(read_only=True) as con:
        return con.execute(
            "SELECT seq, action, actor, details FROM audit_event WHERE seq > ? "
            "AND action NOT LIKE 'read.%' ORDER BY seq", [seq]).fetchall()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> DemoRun:
    """`tally demo` run once per session through the CLI, as a user runs it (the
    whole pipeline on a 6,000-record simulation: about 20 s). Read-only: a test
    that writes to its project takes ``demo_copy``."""
    out = tmp_path_factory.mktemp("demo-session") / "demo"
    printed, errors = io.StringIO(), io.StringIO()
    with redirect_stdout(printed), redirect_stderr(errors):
        code = main(["demo", str(out)])
    run = DemoRun(out, code, printed.getvalue(), errors.getvalue())
    before = _fingerprint(run.project) if code == 0 else None
    yield run
    if before is not None:
        assert _fingerprint(run.project) == before, (
            "a test wrote to the session's shared demo project: take demo_copy instead; "
            f"events since: {_written_since(run.project, before)}")


@pytest.fixture
def demo_copy(demo_run: DemoRun, tmp_path: Path) -> DemoRun:
    """The session's demo folder copied into this test's tmp_path, to write to."""
    out = tmp_path / "demo"
    shutil.copytree(demo_run.out, out)
    return replace(demo_run, out=out)


@pytest.fixture(scope="session")
def simulation(tmp_path_factory) -> Path:
    """A simulated conflict (seed 11, about 2,000 records in five lists, news articles,
    the truth) written once per session. Read-only."""
    from tally.simulate import simulate_conflict

    sim = tmp_path_factory.mktemp("simulation") / "sim"
    simulate_conflict(sim, seed=11, size=2000)
    return sim


@pytest.fixture(scope="session")
def linked_simulation(tmp_path_factory, simulation: Path):
    """``simulation``'s lists ingested and linked once per session: a
    ``tests.integration.simulated.LinkedSimulation``. Read-only: a module that writes
    takes ``linked_simulation.copy(dir)``."""
    from tests.integration.simulated import linked_simulation as build

    linked = build(tmp_path_factory.mktemp("linked-session"), simulation)
    before = _fingerprint(linked.project)
    yield linked
    assert _fingerprint(linked.project) == before, (
        "a test wrote to the session's shared linked project: take linked_simulation.copy(dir); "
        f"events since: {_written_since(linked.project, before)}")
