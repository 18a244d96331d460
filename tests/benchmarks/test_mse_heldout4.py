"""The fourth held-out estimation family (benchmarks/mse_heldout4.py) draws what it says:
tables over 3, 4 and 5 lists, the true N beside them, the same tables from the same seed.
Only the generator is tested here; no estimator is fitted to the family (it stays held
out until the coordinator's one run)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.benchmarks.families import load_benchmark

LINKAGE_ERRORS = ("undetected_duplicates", "imperfect_linkage")


@pytest.fixture(scope="module")
def family():
    return load_benchmark("mse_heldout4")


@pytest.mark.parametrize("t", [3, 4, 5])
def test_every_scenario_draws_a_table_over_t_lists_below_the_truth(family, t):
    assert len(family.HELDOUT4) == 6
    rng = np.random.default_rng(7)
    for scenario in family.HELDOUT4:
        for _ in range(3):
            table, truth = family.simulate_heldout4(scenario, t, rng)
            assert table.t == t and table.counts.shape == (2**t - 1,), scenario
            assert np.all(table.counts <= truth), scenario
            assert 0 < table.n < truth, scenario
            assert scenario in family.IDENTIFIABLE and t in family.IDENTIFIABLE[scenario]


@pytest.mark.parametrize("t", [3, 5])
def test_the_returned_n_counts_every_victim_seen_or_not(family, t):
    for i, scenario in enumerate(family.HELDOUT4):
        people, entities = family.draw_people(scenario, t, np.random.default_rng([1, i]))
        table, truth = family.simulate_heldout4(scenario, t, np.random.default_rng([1, i]))
        assert truth == people.shape[0]
        assert people.shape[1] == t
        seen = people[people.any(axis=1)]
        assert 0 < len(seen) < truth, scenario  # some victims are on no list
        assert table.n == len(entities)
        if scenario in LINKAGE_ERRORS:
            assert table.n != len(seen), scenario  # the linker's errors change the count
        else:
            np.testing.assert_array_equal(entities, seen)


def test_linkage_errors_keep_or_add_records_as_their_mechanism_says(family):
    # missed links and merges move records between persons, never make or drop one;
    # undetected duplicates add records to one list only
    people, entities = family.draw_people("imperfect_linkage", 4, np.random.default_rng(3))
    np.testing.assert_array_equal(entities.sum(axis=0), people.sum(axis=0))
    people, entities = family.draw_people("undetected_duplicates", 4, np.random.default_rng(3))
    extra = entities.sum(axis=0) - people.sum(axis=0)
    assert np.count_nonzero(extra) == 1 and extra.max() > 0


def test_the_mechanisms_show_in_the_tables(family):
    rng = np.random.default_rng(11)
    # the list that stopped and the one that started never share a victim
    people, _ = family.draw_people("staggered_periods", 4, rng)
    pairs = people.T.astype(int) @ people.astype(int)
    assert (pairs[np.triu_indices(4, 1)] == 0).sum() == 1
    # the regional list holds under a tenth of the victims
    people, _ = family.draw_people("small_regional_list", 5, rng)
    assert people.sum(axis=0).min() < 0.1 * len(people)


