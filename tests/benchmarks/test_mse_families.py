"""What every held-out estimation family written in its own file (benchmarks/mse_heldout4.py,
mse_heldout5.py, ...) must do alike: the same seed draws the same tables, an unknown scenario or
list count is refused, and the coverage study's ``--draw-only`` draws the whole family
without fitting anything. One test per family, so a new family adds one row."""

from __future__ import annotations

import sys
import time

import numpy as np
import pytest

from tests.benchmarks.families import load_benchmark

#: (module, its family tuple, its draw function, the study's flag, one of its scenarios)
FAMILIES = [
    ("mse_heldout4", "HELDOUT4", "simulate_heldout4", "--heldout4", "referral_chain"),
    ("mse_heldout5", "HELDOUT5", "simulate_heldout5", "--heldout5", "partisan_lists"),
    ("mse_heldout6", "HELDOUT6", "simulate_heldout6", "--heldout6", "one_list_inside"),
    ("mse_heldout7", "HELDOUT7", "simulate_heldout7", "--heldout7", "merged_list"),
]


@pytest.fixture(scope="module", params=FAMILIES, ids=[f[0] for f in FAMILIES])
def family(request):
    module, scenarios, draw, flag, known = request.param
    loaded = load_benchmark(module)
    return getattr(loaded, scenarios), getattr(loaded, draw), flag, known


def test_the_same_seed_draws_the_same_tables(family):
    scenarios, simulate, _, _ = family
    for scenario in scenarios:
        a = simulate(scenario, 4, np.random.default_rng([2025, 9]))
        b = simulate(scenario, 4, np.random.default_rng([2025, 9]))
        c = simulate(scenario, 4, np.random.default_rng([2025, 10]))
        assert a[1] == b[1]
        np.testing.assert_array_equal(a[0].counts, b[0].counts)
        assert not np.array_equal(a[0].counts, c[0].counts), scenario


def test_an_unknown_scenario_or_list_count_is_refused(family):
    _, simulate, _, known = family
    with pytest.raises(ValueError):
        simulate("independent", 4, np.random.default_rng(0))
    with pytest.raises(ValueError):
        simulate(known, 6, np.random.default_rng(0))


def test_the_coverage_study_draws_the_family_without_fitting(family, monkeypatch, capsys):
    scenarios, _, flag, _ = family
    study = load_benchmark("mse_misspecification")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the hook puts benchmarks/ on it
    monkeypatch.setattr(sys, "argv", ["mse_misspecification.py", flag, "--draw-only",
                                      "--reps", "1", "--lists", "3,4,5"])
    start = time.perf_counter()
    study.main()
    assert time.perf_counter() - start < 30
    out = capsys.readouterr().out
    for scenario in scenarios:
        for t in (3, 4, 5):
            assert f"{scenario} {t} lists:" in out
    assert "covered" not in out
