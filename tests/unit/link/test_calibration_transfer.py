"""Calibration that holds on lists it was not fitted on (issue 15, item 4, wave 6).

The simulated profiles disagree about which way the model's probability errs,
so the shipped maps move a probability only as far as the profiles agree
(``fit_hedged``), and the file that holds them still loads in its older form."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tally.errors import TallyError
from tally.link.calibration import (
    FORMAT_VERSION,
    Calibration,
    PairCalibration,
    ShippedCalibration,
    fit_hedged,
    fit_isotonic,
    shipped,
    shipped_maps,
)


def _profile(shape, n=20_000, seed=1, low=0.0, high=1.0):
    """Pairs of one simulated profile: the model says p, the truth is drawn at shape(p)."""
    rng = np.random.default_rng(seed)
    p = rng.uniform(low, high, n)
    return p, (rng.random(n) < shape(p)).astype(float)


def test_where_the_profiles_disagree_a_probability_stays_within_what_they_show():
    under = _profile(np.sqrt, seed=1)  # 0.25 is 50% true
    over = _profile(np.square, seed=2)  # 0.5 is 25% true
    pooled = fit_isotonic(*(np.concatenate(x) for x in zip(under, over)))
    hedged = fit_hedged([under, over], hedge=0.5)
    for p in (0.25, 0.5, 0.75):
        lo, hi = p ** 2, p ** 0.5
        got = hedged.apply([p])[0]
        assert lo - 0.03 <= got <= hi + 0.03
        # no further from the model than half the way to the middle of the range
        assert abs(got - p) <= abs((lo + hi) / 2 - p) / 2 + 0.03
    # with no hedge a probability both profiles bracket is left as the model gave it
    assert abs(fit_hedged([under, over], hedge=0.0).apply([0.5])[0] - 0.5) < 0.03
    # the pooled map would move 0.15 wherever the mix of profiles said
    assert abs(pooled.apply([0.15])[0] - hedged.apply([0.15])[0]) < 0.2


def test_where_every_profile_says_the_model_errs_one_way_the_map_follows_the_nearest():
    a = _profile(lambda p: np.minimum(1, p + 0.2), seed=3)
    b = _profile(lambda p: np.minimum(1, p + 0.3), seed=4)
    m = fit_hedged([a, b], hedge=0.0)
    assert m.apply([0.4])[0] == pytest.approx(0.6, abs=0.03)  # the nearer profile's answer
    x = np.linspace(0, 1, 201)
    assert np.all(np.diff(m.apply(x)) >= 0)


def test_a_probability_one_profile_alone_has_seen_is_kept():
    seen_by_both = _profile(np.square, seed=5, high=0.4), _profile(np.square, seed=6, high=0.4)
    only_one = _profile(np.square, seed=7, low=0.4)
    m = fit_hedged([*seen_by_both, only_one], hedge=0.0)
    assert m.apply([0.3])[0] == pytest.approx(0.09, abs=0.03)
    assert m.apply([0.8])[0] == pytest.approx(0.8, abs=0.03)  # one profile is no evidence
    assert np.all(np.diff(m.apply(np.linspace(0, 1, 201))) >= 0)


def test_the_shipped_maps_do_not_lift_thin_probabilities_the_check_refuted():
    # the wave-5 map lifted a 5k project's pairs at 0.15 to 0.36; on held-out
    # ledger lists they were 14% true, and the profiles disagree there
    for records in (5000, 50000):
        maps = shipped(records)
        assert maps.named.apply([0.15])[0] < 0.3
        for m in (maps.named, maps.body):
            out = m.apply(np.linspace(0, 1, 101))
            assert np.all(np.diff(out) >= 0) and np.all((out > 0) & (out < 1))
    whole = shipped_maps()
    assert "hedged" in whole.check and "leave-one-profile-out" in whole.check


def test_the_shipped_file_is_the_current_format_and_round_trips():
    whole = shipped_maps()
    data = whole.to_dict()
    assert data["version"] == FORMAT_VERSION
    again = ShippedCalibration.from_dict(json.loads(json.dumps(data)))
    p = np.linspace(0, 1, 51)
    assert again.check == whole.check
    assert np.allclose(again.for_records(20000).apply(p), whole.for_records(20000).apply(p))


def test_an_older_file_still_loads():
    one = Calibration((0.1, 0.9), (0.2, 0.8), "old")
    # format 1, one map for every size (the first shipped file)
    flat = ShippedCalibration.from_dict(PairCalibration(one, one, "wave 4").to_dict())
    assert flat.check == "" and flat.for_records(7000).named.apply([0.5])[0] == pytest.approx(0.5)
    # format 1, maps by size, no version key
    by_size = {"source": "wave 5", "sizes": [{"records": 5000, **PairCalibration(
        one, one, "5k").to_dict()}]}
    assert ShippedCalibration.from_dict(by_size).for_records(5000).named.x == (0.1, 0.9)


def test_a_newer_or_damaged_file_fails_clearly():
    with pytest.raises(TallyError, match=f"format {FORMAT_VERSION + 1}.*refit it"):
        ShippedCalibration.from_dict({"version": FORMAT_VERSION + 1, "sizes": []})
    bad = {"version": 2, "sizes": [{"records": 5000, "named": {"x": [0.1, 0.9], "y": [0.8, 0.2]},
                                    "body": {"x": [0, 1], "y": [0, 1]}}]}
    with pytest.raises(TallyError, match="not a calibration map"):
        ShippedCalibration.from_dict(bad)
