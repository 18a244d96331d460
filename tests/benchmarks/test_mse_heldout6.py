"""The sixth held-out estimation family (benchmarks/mse_heldout6.py) draws what its
docstrings say, measured on the drawn histories and tables. Only the generator is tested
here; no estimator of Tally's is fitted to the family (it stays held out until the
coordinator's run)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.benchmarks.families import load_benchmark

#: The population sizes the docstrings give (massacre_visibility's N is a sum of
#: incident sizes, checked on its own below).
SIZES = {
    "one_list_inside": {1500, 5000},
    "detention_deaths": {2000, 6000},
    "false_deaths": {1500, 5000},
    "gap_filling_list": {2000, 6000},
}


@pytest.fixture(scope="module")
def family():
    return load_benchmark("mse_heldout6")


def _odds_ratio(a, b):
    return (a & b).sum() * (~a & ~b).sum() / ((a & ~b).sum() * (~a & b).sum())


def _lincoln_petersen(a, b):
    """N from two independent captures (the identifiability checks below)."""
    return a.sum() * b.sum() / (a & b).sum()


def test_the_family_and_its_identifiability_flags_are_complete(family):
    assert 5 <= len(family.HELDOUT6) <= 7
    assert set(family.IDENTIFIABLE) == set(family.HELDOUT6)
    for scenario in family.HELDOUT6:
        assert set(family.IDENTIFIABLE[scenario]) == {3, 4, 5}, scenario
    for t in (3, 4, 5):  # the interval has something to cover in at least three
        assert sum(family.IDENTIFIABLE[s][t] for s in family.HELDOUT6) >= 3


@pytest.mark.parametrize("t", [3, 4, 5])
def test_every_scenario_draws_a_table_over_t_lists(family, t):
    for i, scenario in enumerate(family.HELDOUT6):
        for k in range(3):
            seed = [7, i, k, t]
            people, entities = family.draw_people(scenario, t, np.random.default_rng(seed))
            table, truth = family.simulate_heldout6(scenario, t, np.random.default_rng(seed))
            assert table.t == t and table.counts.shape == (2**t - 1,), scenario
            assert truth == people.shape[0] and people.shape[1] == t
            assert 500 <= truth <= 10000, scenario
            assert table.n == len(entities)
            if scenario in SIZES:
                assert truth in SIZES[scenario], scenario
            seen = people[people.any(axis=1)]
            assert 0 < len(seen) < truth, scenario  # some victims are on no list
            if scenario != "false_deaths":  # the one that counts people who are alive
                np.testing.assert_array_equal(entities, seen)


def test_news_lists_see_large_incidents_and_documentation_lists_do_not_care(family):
    for t in (3, 4, 5):
        for k in range(3):
            people, incident, news = family.draw_incidents(t, np.random.default_rng([1, t, k]))
            assert 1800 <= len(people) <= 2400 or 5800 <= len(people) <= 6400
            assert news.sum() == family.news_lists(t)
            sizes = np.bincount(incident)[incident]
            large = sizes >= 10
            assert 0.25 <= large.mean() <= 0.65
            for j in range(t):
                ratio = people[large, j].mean() / people[~large, j].mean()
                if news[j]:
                    assert ratio > 1.8, (j, ratio)
                else:
                    assert 0.8 < ratio < 1.25, (j, ratio)
            # a news list notices an incident or not: two dead of one small incident
            # are on it together far more often than two strangers would be
            first = np.r_[True, incident[1:] != incident[:-1]]
            second = np.nonzero(~first & ~large)[0]
            for j in np.nonzero(news)[0]:
                assert _odds_ratio(people[second, j], people[second - 1, j]) > 2


def test_massacre_visibility_documentation_lists_recover_n(family):
    # identifiable: a documentation list is independent of every other list
    ratios = []
    for t in (3, 5):
        for k in range(4):
            people, _, news = family.draw_incidents(t, np.random.default_rng([2, t, k]))
            doc = int(np.nonzero(~news)[0][0])
            rest = np.delete(people, doc, axis=1).any(axis=1)
            ratios.append(_lincoln_petersen(people[:, doc], rest) / len(people))
            news_cols = people[:, news]
            assert _odds_ratio(news_cols[:, 0], news_cols[:, 1]) > 1.5  # both see massacres
    assert abs(np.mean(ratios) - 1) < 0.06 and np.all(np.abs(np.array(ratios) - 1) < 0.25), ratios


def test_one_list_sees_the_closed_area_and_is_independent_of_the_rest(family):
    ratios = []
    for t in (3, 4, 5):
        for k in range(3):
            rng = np.random.default_rng([3, t, k])
            people, area, inside = family.draw_area(t, rng)
            again, _ = family.draw_people("one_list_inside", t, np.random.default_rng([3, t, k]))
            np.testing.assert_array_equal(people, again)
            assert 0.12 < area.mean() < 0.38
            rest = np.delete(people, inside, axis=1)
            assert rest[area].mean() < 0.03  # the closed area is dark to the others
            assert abs(people[area, inside].mean() - people[~area, inside].mean()) < 0.1
            # identifiable: the inside list is independent of the others taken together
            # (were the area dark to it too, this would be 65-85% of N on average)
            ratios.append(_lincoln_petersen(people[:, inside], rest.any(axis=1)) / len(people))
    assert abs(np.mean(ratios) - 1) < 0.06 and np.all(np.abs(np.array(ratios) - 1) < 0.25), ratios


def test_the_detention_list_records_one_group_the_others_barely_see(family):
    for t in (3, 4, 5):
        for k in range(3):
            people, _ = family.draw_people("detention_deaths", t, np.random.default_rng([4, t, k]))
            rates = [np.delete(people, j, axis=1)[people[:, j]].mean() for j in range(t)]
            det = int(np.argmin(rates))  # its records are rarely on another list
            others = np.delete(people, det, axis=1)
            assert 0.03 - 0.02 < rates[det] < 0.1 + 0.02, rates
            assert 0.2 - 0.03 < others[~people[:, det]].mean() < 0.45
            assert 0.15 * 0.4 - 0.02 < people[:, det].mean() < 0.3 * 0.6 + 0.02


def test_false_entries_sit_mostly_on_the_fast_list(family):
    for t in (3, 4, 5):
        for k in range(3):
            people, entities = family.draw_people("false_deaths", t, np.random.default_rng([5, t, k]))
            extra = entities.sum(axis=0) - people.sum(axis=0)
            fast = int(np.argmax(extra))
            assert 0.15 - 0.02 < extra[fast] / people[:, fast].sum() < 0.35 + 0.02
            assert np.all(np.delete(extra, fast) <= 0.2 * extra[fast] + 10)  # 3-12% repeated
            assert len(entities) - len(people[people.any(axis=1)]) == extra[fast]


def test_the_gap_list_holds_mostly_victims_no_other_list_has(family):
    ratios = []
    for t in (3, 4, 5):
        for k in range(3):
            people, _ = family.draw_people("gap_filling_list", t, np.random.default_rng([6, t, k]))
            # a list's rate among victims some other list holds, over its rate among
            # the rest: 0.1-0.3 for the gap list; higher for the others (below 1 only
            # because the gap list is among their "other lists")
            lift = []
            for j in range(t):
                elsewhere = np.delete(people, j, axis=1).any(axis=1)
                lift.append(people[elsewhere, j].mean() / people[~elsewhere, j].mean())
            gap = int(np.argmin(lift))
            assert lift[gap] < 0.4 and np.all(np.delete(lift, gap) > 1.3 * lift[gap]), lift
            rest = np.delete(people, gap, axis=1)
            # identifiable: the other lists are independent of each other
            ratios.append(_lincoln_petersen(rest[:, 0], rest[:, 1]) / len(people))
    assert abs(np.mean(ratios) - 1) < 0.06 and np.all(np.abs(np.array(ratios) - 1) < 0.25), ratios
