"""One small simulation shared by the tests of this folder (it takes < 1 s)."""

from __future__ import annotations

import pytest

from tally.simulate import simulate_conflict

SEED = 7
SIZE = 6000


@pytest.fixture(scope="session")
def sim(tmp_path_factory):
    out = tmp_path_factory.mktemp("sim") / "a"
    result = simulate_conflict(out, seed=SEED, size=SIZE)
    return out, result
