"""A list that seeks the dead the others missed, and a list of one group the others
barely reach, are told from the table and answered (tally.estimate.list_readings).

Before: the default read a gap-filling table 13-111% high and a detention-deaths table
5-10% low with a narrow interval, without a word (held-out --heldout6; RESULTS.md,
"Link II and Estimate II, wave 8: the held-out runs"). The signs must also stay quiet
where one list alone reaches a closed area and on independent lists.
"""

from __future__ import annotations

import numpy as np

from tally.estimate import CaptureTable, estimate_table
from tally.estimate.gap_list import excess_list, found_share, gap_filling_list
from tally.estimate.group_list import fit_group_list
from tally.estimate.list_readings import GAP_CODE, GROUP_CODE

NAMES = list("ABCDE")
RATES = np.array([0.25, 0.35, 0.2, 0.3, 0.28])


def _table(caught: np.ndarray) -> CaptureTable:
    return CaptureTable.from_histories(NAMES[:caught.shape[1]], caught[caught.any(axis=1)].astype(int))


def gap_filling(seed: int, t: int, n: int = 6000, gap: int = 1):
    """The other lists independent; list ``gap`` holds 40% of those they missed and 8%
    of those they hold."""
    rng = np.random.default_rng(seed)
    caught = rng.random((n, t)) < RATES[:t]
    elsewhere = np.delete(caught, gap, axis=1).any(axis=1)
    caught[:, gap] = rng.random(n) < np.where(elsewhere, 0.08, 0.4)
    return _table(caught), n


def closed_area(seed: int, t: int, n: int = 5000, inside: int = 1):
    """30% of victims in an area the other lists reach at 1%; list ``inside`` records
    40% everywhere."""
    rng = np.random.default_rng(seed)
    area = rng.random(n) < 0.3
    p = np.where(area[:, None], 0.01, RATES[None, :t])
    p[:, inside] = 0.4
    return _table(rng.random((n, t)) < p), n


def detention(seed: int, t: int = 5, n: int = 6000, det: int = 2):
    """22% detained: list ``det`` records half of them and no one else; the others
    record 6% of them and their usual rate of the rest."""
    rng = np.random.default_rng(seed)
    detained = rng.random(n) < 0.22
    p = np.where(detained[:, None], 0.06, RATES[None, :t])
    p[:, det] = np.where(detained, 0.5, 0.0)
    return _table(rng.random((n, t)) < p), n


def test_gap_filling_list_is_found_and_left_out_at_four_lists():
    table, n = gap_filling(1, 4)
    assert gap_filling_list(table) == 1
    res = estimate_table(table)
    assert GAP_CODE in res.diagnostics["warning_codes"]
    assert res.lower <= n <= res.upper
    assert abs(res.n_hat / n - 1) < 0.05
    info = res.diagnostics["gap_list"]
    assert info["left_out"] and info["list"] == "B"
    assert info["all_lists"]["n_hat"] > 1.1 * n  # what all four lists read: too high
    assert res.lower >= table.n
    assert any("seeks the dead the other lists missed" in w for w in res.warnings)


def test_three_lists_warn_and_hold_both_readings():
    table, n = gap_filling(2, 3)
    res = estimate_table(table)
    assert GAP_CODE in res.diagnostics["warning_codes"]
    info = res.diagnostics["gap_list"]
    assert not info["left_out"]
    assert res.n_hat == info["all_lists"]["n_hat"]  # the estimate stands ...
    assert res.lower <= info["without_list"]["n_hat"] <= res.upper  # ... the interval holds both
    assert res.lower <= n <= res.upper


def test_a_list_alone_in_a_closed_area_is_not_a_gap_list():
    for seed in range(3):
        table, _ = closed_area(seed, 5)
        j = excess_list(table)
        assert j is None or gap_filling_list(table, j) is None
        if j is not None:
            assert found_share(table, j) > 0.67


def test_independent_lists_raise_no_sign():
    for t in (3, 4, 5):
        rng = np.random.default_rng(t)
        table = _table(rng.random((5000, t)) < RATES[:t])
        assert excess_list(table) is None


def test_group_model_sizes_a_list_of_one_group():
    table, n = detention(3)
    assert excess_list(table) == 2
    fit = fit_group_list(table, 2)
    assert fit["lower"] <= n <= fit["upper"]
    assert fit["gof_p"] > 0.05


def test_detention_list_widens_the_default_to_the_truth():
    table, n = detention(4)
    res = estimate_table(table)
    assert GROUP_CODE in res.diagnostics["warning_codes"]
    assert GAP_CODE not in res.diagnostics["warning_codes"]
    assert res.lower <= n <= res.upper
    info = res.diagnostics["group_list"]
    assert info["from"][1] < n  # the interval before held the truth below its upper end
    assert any("one group of victims" in w for w in res.warnings)


def test_tally_mse_says_it_in_words_and_in_the_json(cli, tmp_path):
    import csv
    import json

    table, _ = gap_filling(1, 4)
    path = tmp_path / "table.csv"
    rows = table.to_rows()
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    shown = cli("mse", path)
    assert shown.code == 0
    text = " ".join(shown.out.split())
    assert "B looks like a list that seeks the dead the other lists missed" in text
    assert "So B is left out" in text
    data = json.loads(cli("mse", path, "--json").out)
    found = data if "diagnostics" in data else data["estimates"][0]
    assert found["diagnostics"]["gap_list"]["list"] == "B"
    assert GAP_CODE in found["diagnostics"]["warning_codes"]
