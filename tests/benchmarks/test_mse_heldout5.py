"""The fifth held-out estimation family (benchmarks/mse_heldout5.py) draws what it says:
tables over 3, 4 and 5 lists, the true N beside them, the population sizes and capture
rates its docstrings give, the same tables from the same seed. Only the generator is
tested here; no estimator is fitted to the family (it stays held out until the
coordinator's run)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.benchmarks.families import load_benchmark


#: The population sizes each docstring gives (household_reports' N is a sum of family
#: sizes, checked on its own below).
SIZES = {
    "corroboration_rule": {1200, 5000},
    "reporting_delay": {2000, 7000},
    "partisan_lists": {1500, 6000},
    "rural_majority": {3000, 8000},
    "out_of_scope": {2000, 6000},
}
#: The share of the victims each list holds, from the docstrings, widened by 0.03 for
#: the sampling noise of N >= 1,000.
RATES = {
    "household_reports": (0.12, 0.40),
    "corroboration_rule": (0.10, 0.55),
    "reporting_delay": (0.15, 0.48),
    "partisan_lists": (0.3 * 0.3 + 0.7 * 0.03, 0.40),  # a partisan list: 30-60% x own + rest x other
    "rural_majority": (0.25 * 0.3 + 0.75 * 0.05, 0.45 * 0.6 + 0.55 * 0.15),
    "out_of_scope": (0.15, 0.40),
}


@pytest.fixture(scope="module")
def family():
    return load_benchmark("mse_heldout5")


def _odds_ratios(people):
    t = people.shape[1]
    out = []
    for i in range(t):
        for j in range(i + 1, t):
            a, b = people[:, i], people[:, j]
            out.append((a & b).sum() * (~a & ~b).sum() / ((a & ~b).sum() * (~a & b).sum()))
    return np.array(out)


def test_the_family_and_its_identifiability_flags_are_complete(family):
    assert 5 <= len(family.HELDOUT5) <= 6  # the study's cost grows with the scenario count
    assert set(family.IDENTIFIABLE) == set(family.HELDOUT5)
    for scenario in family.HELDOUT5:
        assert set(family.IDENTIFIABLE[scenario]) == {3, 4, 5}, scenario
    for t in (4, 5):  # the interval has something to cover in at least three
        assert sum(family.IDENTIFIABLE[s][t] for s in family.HELDOUT5) >= 3
    assert not any(family.IDENTIFIABLE["out_of_scope"].values())


@pytest.mark.parametrize("t", [3, 4, 5])
def test_every_scenario_draws_a_table_over_t_lists(family, t):
    rng = np.random.default_rng(7)
    for scenario in family.HELDOUT5:
        for _ in range(3):
            table, truth = family.simulate_heldout5(scenario, t, rng)
            assert table.t == t and table.counts.shape == (2**t - 1,), scenario
            assert 500 <= truth <= 10000, scenario
            assert table.n > 0, scenario
            if scenario != "out_of_scope":  # the one that counts people outside N
                assert table.n < truth and np.all(table.counts <= truth), scenario


@pytest.mark.parametrize("t", [3, 5])
def test_n_and_the_capture_rates_are_what_the_docstrings_say(family, t):
    for i, scenario in enumerate(family.HELDOUT5):
        for k in range(4):
            seed = [1, i, k, t]
            people, entities = family.draw_people(scenario, t, np.random.default_rng(seed))
            table, truth = family.simulate_heldout5(scenario, t, np.random.default_rng(seed))
            assert truth == people.shape[0] and people.shape[1] == t
            assert table.n == len(entities)
            if scenario in SIZES:
                assert truth in SIZES[scenario], scenario
            low, high = RATES[scenario]
            rates = people.mean(axis=0)
            assert rates.min() >= low - 0.03 and rates.max() <= high + 0.03, (scenario, rates)
            seen = people[people.any(axis=1)]
            assert 0 < len(seen) < truth, scenario  # some victims are on no list
            if scenario != "out_of_scope":
                np.testing.assert_array_equal(entities, seen)


def test_households_are_reported_together(family):
    for k in range(3):
        people, fam = family.draw_families(4, np.random.default_rng([4, k]))
        again, _ = family.draw_people("household_reports", 4, np.random.default_rng([4, k]))
        np.testing.assert_array_equal(people, again)
        families = fam.max() + 1
        assert families in (600, 2000)
        assert 1.6 <= len(people) / families <= 3.2  # 1 + Poisson(0.8-2.0) dead a family
        # two dead of one family share their lists far more often than two strangers
        first = np.r_[True, fam[1:] != fam[:-1]]
        second = np.nonzero(~first)[0]
        same = (people[second] == people[second - 1]).all(axis=1).mean()
        shuffled = people[np.random.default_rng(k).permutation(len(people))]
        strangers = (shuffled[1:] == shuffled[:-1]).all(axis=1).mean()
        assert same > strangers + 0.2


def test_the_verified_list_holds_few_records_no_other_list_has(family):
    for k in range(5):
        people, _ = family.draw_people("corroboration_rule", 4, np.random.default_rng([5, k]))
        ratios = []
        for j in range(4):
            elsewhere = np.delete(people, j, axis=1).any(axis=1)
            ratios.append(people[~elsewhere, j].mean() / people[elsewhere, j].mean())
        verified = int(np.argmin(ratios))
        assert ratios[verified] < 0.45  # 10-30% of its uncorroborated reports published
        # the other lists are independent of each other
        ors = _odds_ratios(np.delete(people, verified, axis=1))
        assert np.all((ors > 0.75) & (ors < 1.33)), ors


def test_the_partisan_lists_rarely_share_a_victim(family):
    for k in range(5):
        people, _ = family.draw_people("partisan_lists", 5, np.random.default_rng([6, k]))
        assert _odds_ratios(people).min() < 0.7


def test_the_rural_majority_is_seen_far_less(family):
    people, _ = family.draw_people("rural_majority", 5, np.random.default_rng(8))
    # the town's victims (30-60% a list) are seen on several lists, the rural (5-15%) rarely
    hits = people.sum(axis=1)
    assert (hits == 0).mean() > 0.2
    assert (hits >= 3).mean() > 0.02


def test_out_of_scope_records_sit_on_two_lists_only(family):
    for k in range(5):
        people, entities = family.draw_people("out_of_scope", 4, np.random.default_rng([9, k]))
        n = len(people)
        extra = entities.sum(axis=0) - people.sum(axis=0)
        assert np.count_nonzero(extra) == 2  # the broad lists
        assert extra.max() <= 0.35 * 0.5 * n + 0.03 * n
        assert len(entities) > len(people[people.any(axis=1)])


