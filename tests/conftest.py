"""Shared fixtures: a fresh project, the bundled example lists, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tally.cli import main
from tally.demo import example_path
from tally.project import Project
from tally.sources import add_source

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A new project with one source, ``snhr``."""
    p = Project.init(tmp_path / "proj")
    add_source(p, "snhr", name="Syrian Network for Human Rights", kind="rights_group_list",
               reliability="B", language="ar")
    return p


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
