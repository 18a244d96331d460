"""The third held-out family of benchmarks/mse_misspecification.py (``--heldout3``) draws
a table for every scenario and list count, with the truth above what the lists saw.
Nothing is fitted here: the family stays held out until its one run at the end."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "mse_misspecification.py"


@pytest.fixture(scope="module")
def study():
    spec = importlib.util.spec_from_file_location("mse_misspecification", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("t", [3, 4, 5])
def test_every_heldout3_scenario_draws_a_table(study, t):
    rng = np.random.default_rng(0)
    assert 4 <= len(study.HELDOUT3) <= 6
    for scenario in study.HELDOUT3:
        table, truth = study.simulate_heldout3(scenario, t, rng)
        seen = int(np.sum(table.counts))
        assert table.t == t
        assert 0 < seen < truth, scenario


def test_draw_only_fits_nothing(study, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["mse_misspecification.py", "--heldout3", "--reps", "1",
                                      "--lists", "4", "--draw-only"])
    study.main()
    out = capsys.readouterr().out
    assert all(f"{s} 4 lists:" in out for s in study.HELDOUT3)
    assert "covered" not in out
