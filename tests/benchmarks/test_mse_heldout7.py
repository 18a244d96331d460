"""The seventh held-out family's draws have the properties its scenarios were designed to
have (benchmarks/mse_heldout7.py): who is on which list, never what an estimator makes of it."""

from __future__ import annotations

import numpy as np
import pytest

from tests.benchmarks.families import load_benchmark

family = load_benchmark("mse_heldout7")


SEED = 7


def draw(scenario, t, seed=SEED):
    return family.draw_people(scenario, t, np.random.default_rng([seed, t]))


def odds_ratio(a, b):
    """Cross-product ratio of two 0/1 columns (0.5 added to each cell)."""
    n11 = np.sum(a & b) + 0.5
    n10 = np.sum(a & ~b) + 0.5
    n01 = np.sum(~a & b) + 0.5
    n00 = np.sum(~a & ~b) + 0.5
    return n11 * n00 / (n10 * n01)


def cols(people):
    return [people[:, j].astype(bool) for j in range(people.shape[1])]


@pytest.mark.parametrize("scenario", family.HELDOUT7)
@pytest.mark.parametrize("t", [3, 4, 5])
def test_the_table_counts_the_seen_and_the_truth_counts_everyone(scenario, t):
    people, mark = draw(scenario, t)
    table, truth = family.simulate_heldout7(scenario, t, np.random.default_rng([SEED, t]))
    assert people.shape == (truth, t) and mark.shape == (truth,)
    assert int(np.sum(table.counts)) == int(people.any(axis=1).sum())
    assert int(np.sum(table.counts)) < truth
    assert set(family.IDENTIFIABLE[scenario]) == {3, 4, 5}


def test_remoteness_gradient_reach_follows_remoteness_smoothly_each_list_its_own_way():
    people, x = draw("remoteness_gradient", 5)
    near, mid, far = x < 0.25, (x > 0.4) & (x < 0.6), x > 0.75
    rate = lambda sel: people[sel].mean(axis=0)  # noqa: E731
    for j in (0, 1, 3, 4):  # city-biased lists fall steadily with remoteness
        assert rate(near)[j] > rate(mid)[j] > rate(far)[j]
    assert rate(near)[2] < rate(mid)[2] < rate(far)[2]  # the rural committees rise
    assert rate(far)[2] > 0.3  # nobody is out of reach
    assert 0.25 < x.mean() < 0.6 and x.min() >= 0 and x.max() <= 1
    c = cols(people)
    assert odds_ratio(c[0], c[1]) > 1.2  # same-sign slopes: positive association (design ~1.65)
    assert odds_ratio(c[0], c[2]) < 0.9  # opposite slopes: negative (design ~0.75)


def test_merged_list_collider_l2_l3_independent_except_among_the_merged_lists_names():
    people, parts = draw("merged_list", 5, seed=3)
    l1, l2, l3, l4, l5 = cols(people)
    assert np.array_equal(l1, parts > 0)  # L1 is the union of its two sub-lists
    assert odds_ratio(l1, l2) > 2 and odds_ratio(l1, l3) > 2
    assert 0.75 < odds_ratio(l2, l3) < 1.33
    assert 0.7 < odds_ratio(l2[~l1], l3[~l1]) < 1.4  # among those L1 missed: independent
    assert odds_ratio(l2[l1], l3[l1]) < 0.6  # among its names: either network suffices
    for other in (l4, l5):
        assert 0.75 < odds_ratio(l1, other) < 1.33
    assert np.sum(parts == 3) > 0  # the two organisations overlapped; the merger deduplicated


def test_vast_thin_is_large_with_tiny_overlaps():
    people, _ = draw("vast_thin", 3)
    assert people.shape[0] == 50_000
    rates = people.mean(axis=0)
    assert np.all((rates > 0.015) & (rates < 0.06))
    c = cols(people)
    assert np.sum(c[0] & c[1] & c[2]) < 10
    assert all(5 < np.sum(c[i] & c[j]) < 150 for i in range(3) for j in range(i + 1, 3))
    assert 4000 < people.any(axis=1).sum() < 5500


def test_access_drift_each_list_drifts_its_own_way_and_the_steady_ones_do_not():
    people, when = draw("access_drift", 5)
    early, late = when < 0.3, (when > 0.8)
    surge = np.abs(when - 0.7) < 0.05
    assert 0.2 < surge.mean() < 0.35  # a quarter of the deaths in the surge week
    rate = lambda sel: people[sel].mean(axis=0)  # noqa: E731
    assert rate(early)[0] > 0.55 > 0.2 > rate(late)[0]  # L1 loses access
    assert rate(early)[1] < 0.25 < 0.5 < rate(late)[1]  # L2 scales up
    for j in (2, 4):  # steady lists
        assert abs(rate(early)[j] - rate(late)[j]) < 0.07
    assert rate(surge)[3] > 0.5 > 0.25 > rate(~surge)[3]  # news in the surge week
    c = cols(people)
    assert odds_ratio(c[0], c[1]) < 0.8  # pooled over time: negative dependence
    for j in (0, 1, 3):
        assert 0.7 < odds_ratio(c[2], c[j]) < 1.4  # the steady list is independent


def test_hidden_group_sharing_two_lists_share_a_source_inside_the_hard_group_only():
    people, group = draw("hidden_group_sharing", 5)
    easy, hard = group == 0, group > 0
    assert 0.25 < hard.mean() < 0.35
    assert 0.18 < np.mean(group[hard] == 1) < 0.32
    c = cols(people)
    assert 0.7 < odds_ratio(c[0][easy], c[1][easy]) < 1.4
    assert odds_ratio(c[0][hard], c[1][hard]) > 8  # design 22.9
    assert np.all(people[easy].mean(axis=0) > people[hard].mean(axis=0))
    for j in (2, 3, 4):  # the other lists are independent of the pair inside each group
        assert 0.6 < odds_ratio(c[0][hard], c[j][hard]) < 1.6


@pytest.mark.parametrize("t", [3, 4, 5])
def test_the_full_family_draws_fast(t):
    import time
    start = time.perf_counter()
    for scenario in family.HELDOUT7:
        family.simulate_heldout7(scenario, t, np.random.default_rng(t))
    assert time.perf_counter() - start < 2
