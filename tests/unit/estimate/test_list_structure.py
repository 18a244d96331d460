"""A list that publishes only what the other lists confirm is told from the table.

Such a list (Iraq Body Count's two-source rule) holds almost no one the other lists
miss; every method read such tables 18-40% low and none covered (RESULTS.md, "Link II
and Estimate II, wave 7: the held-out runs"). The sign must find that list, and stay
quiet on independent lists, on a list tied to one particular other list, and on victims
harder to record on every list.
"""

from __future__ import annotations

import math

import numpy as np

from tally.estimate import CaptureTable
from tally.estimate.list_structure import (confirmation_homogeneity, corroboration_ratios,
                                           dependent_list, drop_list, independence_n)

NAMES = list("ABCDE")


def _table(caught: np.ndarray) -> CaptureTable:
    t = caught.shape[1]
    return CaptureTable.from_histories(NAMES[:t], caught[caught.any(axis=1)].astype(int))


def corroborating(seed: int, t: int = 4, n: int = 5000, verified: int = 2):
    """List ``verified`` hears of 45% of victims and publishes those another list holds,
    and only 15% of the rest; the other lists independent at 20-35%."""
    rng = np.random.default_rng(seed)
    caught = rng.random((n, t)) < np.array([0.25, 0.3, 0.2, 0.35, 0.28])[:t]
    elsewhere = np.delete(caught, verified, axis=1).any(axis=1)
    caught[:, verified] = (rng.random(n) < 0.45) & (elsewhere | (rng.random(n) < 0.15))
    return _table(caught), n


def independent(seed: int, t: int = 4, n: int = 5000):
    rng = np.random.default_rng(seed)
    return _table(rng.random((n, t)) < np.array([0.25, 0.3, 0.2, 0.35, 0.28])[:t]), n


def test_drop_list_counts_everyone_the_other_lists_hold():
    table = CaptureTable.from_histories(["A", "B", "C"], [[1, 0, 0], [1, 0, 1], [0, 0, 1], [0, 1, 1]],
                                        counts=[5, 3, 7, 2])
    out = drop_list(table, 2)
    assert out.lists == ("A", "B")
    assert out.list_totals() == {"A": 8, "B": 2}
    assert out.n == 10  # the 7 only on C are among those A and B missed


def test_independence_n_is_lincoln_petersen_for_two_lists():
    table = CaptureTable.from_counts(["A", "B"], [60, 40, 20])  # 01, 10, 11
    assert math.isclose(independence_n(table), 80 * 60 / 20, rel_tol=1e-9)
    assert independence_n(CaptureTable.from_counts(["A", "B"], [5, 7, 0])) == math.inf


def test_the_confirming_list_is_found_at_every_list_count():
    for t in (3, 4, 5):
        for seed in range(3):
            table, _ = corroborating(seed, t=t, verified=t - 1)
            ratios = corroboration_ratios(table)
            assert ratios[t - 1] < 0.35, (t, seed, ratios)
            assert dependent_list(table) == t - 1, (t, seed, ratios)


def test_independent_lists_give_no_sign():
    for t in (3, 4, 5):
        for seed in range(3):
            table, _ = independent(seed, t=t)
            assert dependent_list(table) is None
            assert np.all(corroboration_ratios(table) > 0.6)


def test_a_list_tied_to_one_other_list_is_not_a_confirming_list():
    """List C copies much of what list A holds (not of the others): its "only on C" cell is
    small too, but its share differs by which lists hold the person."""
    rng = np.random.default_rng(7)
    n = 5000
    caught = rng.random((n, 4)) < [0.3, 0.25, 0.2, 0.3]
    caught[:, 2] = rng.random(n) < np.where(caught[:, 0], 0.7, 0.03)
    table = _table(caught)
    assert confirmation_homogeneity(table, 2) < 0.01
    assert dependent_list(table) is None


def test_victims_harder_to_record_everywhere_give_no_sign():
    rng = np.random.default_rng(3)
    n = 5000
    hard = rng.random(n) < 0.5
    base = np.array([0.3, 0.25, 0.35, 0.3])
    table = _table(rng.random((n, 4)) < np.where(hard[:, None], base * 0.5, base * 1.5))
    assert dependent_list(table) is None


def test_a_list_of_a_handful_of_records_with_nobody_alone_is_chance():
    """A small regional register (8 people among 300 victims, all also on a national list)
    holds nobody alone by chance: leaving it out cost coverage in the fourth family."""
    rng = np.random.default_rng(5)
    n = 300
    caught = rng.random((n, 4)) < [0.4, 0.35, 0.45, 0.0]
    on_national = np.flatnonzero(caught[:, :3].any(axis=1))
    caught[rng.choice(on_national, size=8, replace=False), 3] = True
    table = _table(caught)
    assert corroboration_ratios(table)[3] == 0  # the ratio alone would say "confirming"
    assert dependent_list(table) is None
