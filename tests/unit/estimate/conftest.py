"""Shared fixtures for the estimate tests: the R reference tables in shared/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

MSE_DIR = SHARED_DATA / "mse"


@pytest.fixture
def mse_table():
    """Load a reference capture-history table by dataset name, or skip if absent."""
    from tally.estimate import read_capture_table

    def load(name: str):
        path = MSE_DIR / f"{name}.csv"
        if not path.exists():
            pytest.skip(f"reference table {path} is absent (shared/data/mse not checked out)")
        return read_capture_table(path)

    return load


@pytest.fixture
def write_csv(tmp_path):
    """Write CSV text to a temporary file and return its path."""

    def write(text: str, name: str = "table.csv") -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p

    return write
