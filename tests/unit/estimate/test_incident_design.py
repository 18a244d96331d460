"""Captures clustered by incident: the design effect is 1 where every victim is recorded
one by one and well above it where lists name whole incidents; the stretched interval
never narrows the default's."""

from __future__ import annotations

import numpy as np
import pytest

from tally.estimate import CaptureTable
from tally.estimate.incidents import design_effect, stretched


def _table(caught):
    t = caught.shape[1]
    codes = caught.astype(np.int64) @ (1 << np.arange(t - 1, -1, -1))
    return CaptureTable(tuple("ABCD"[:t]), np.bincount(codes, minlength=2 ** t)[1:]), codes


def _incidents(whole: bool, seed=3):
    rng = np.random.default_rng(seed)
    incident = np.repeat(np.arange(300), 8)
    if whole:  # each list names an incident's dead together, or none of them
        caught = (rng.random((300, 3)) < 0.35)[incident] & (rng.random((incident.size, 3)) < 0.9)
    else:
        caught = rng.random((incident.size, 3)) < 0.32
    seen = caught.any(axis=1)
    return caught[seen], incident[seen]


def test_one_victim_per_incident_is_no_design_effect():
    caught, _ = _incidents(whole=True)
    table, codes = _table(caught)
    assert design_effect(table, codes, np.arange(codes.size)) == pytest.approx(1.0, abs=0.01)  # n / (n - 1)


def test_lists_that_name_whole_incidents_show_a_large_design_effect():
    caught, incident = _incidents(whole=True)
    table, codes = _table(caught)
    assert design_effect(table, codes, incident) > 3
    caught, incident = _incidents(whole=False)
    table, codes = _table(caught)
    assert 0.6 < design_effect(table, codes, incident) < 1.5


def test_the_stretched_interval_never_narrows():
    assert stretched(100, 90, 120, 0.5) == (90, 120)
    assert stretched(100, 90, 120, 4.0) == (80, 140)
