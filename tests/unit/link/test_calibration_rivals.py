"""Calibration that holds across sizes (issue 15, item 4, wave 7).

The model's probability does not know that a record has another candidate in
the same list that it believes as much: at 50,000 records far more pairs have
one, and the wave-6 maps (by size) were over-confident there on lists nobody
had tuned on (mosaic 50k: pairs put at 0.7-0.8 were half true). A pair's rival
class says it; each class has its own map, the same at every size."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tally.demo import ingest_simulation
from tally.errors import TallyError
from tally.link import link_project
from tally.link.calibration import (
    FORMAT_VERSION,
    NAMESAKE_BANDS,
    RIVAL_CLASSES,
    Calibration,
    PairCalibration,
    ShippedCalibration,
    calibration_error,
    namesake_bands,
    pair_classes,
    reliability,
    rival_classes,
    rival_counts,
    shipped,
)
from tally.project import Project
from tally.simulate import simulate_conflict
from tally.simulate.score import load_record_truth


def test_a_rival_is_another_believed_candidate_in_the_same_list():
    # a (list A) has two candidates in list B the model believes, one in C,
    # and a doubtful one in D
    left = ["a", "a", "a", "a", "a"]
    right = ["b1", "b2", "c", "d1", "d2"]
    lists_l = ["A"] * 5
    lists_r = ["B", "B", "C", "D", "D"]
    p = [0.9, 0.6, 0.9, 0.3, 0.9]
    strong, weak, within = rival_counts(left, right, lists_l, lists_r, p, (0.5, 0.15))
    assert strong.tolist() == [1, 1, 0, 1, 0] and weak.tolist() == [1, 1, 0, 1, 1]
    assert not within.any()
    # classes: b1, b2 one rival (2); c none (0); d2 a weak rival only (1);
    # d1 one rival at 0.9 (2)
    assert rival_classes(left, right, lists_l, lists_r, p).tolist() == [2, 2, 0, 2, 1]
    # two records of one list: the same classes, moved up by four
    assert rival_classes(["x", "x"], ["y", "z"], ["A", "A"], ["A", "B"], [0.9, 0.9]).tolist() \
        == [4, 0]
    assert rival_classes([], [], [], [], []).size == 0


def test_the_shipped_maps_mark_down_a_pair_with_a_rival_at_every_size():
    # every development profile at both sizes agreed: a pair the model puts at
    # 0.75 with a rival is less often one person than one without
    for records in (2000, 5000, 20000, 50000, 1_000_000):
        maps = shipped(records)
        assert len(maps.by_class) == RIVAL_CLASSES * (len(NAMESAKE_BANDS) + 2)
        at = lambda c: maps.apply([0.75], [False], [c])[0]  # noqa: E731
        assert at(2) < at(0) - 0.1 and at(3) < at(2)
        assert at(6) < at(2) + 0.05  # one list's own candidates, with a rival
        assert maps.apply([0.3], [False], [0])[0] > 0.3  # no rival: under-confident
        for m in maps.by_class:
            out = m.apply(np.linspace(0, 1, 101))
            assert np.all(np.diff(out) >= 0) and np.all((out > 0) & (out < 1))
    # the same maps at every size: the class carries what the size did
    small, large = shipped(5000), shipped(50000)
    p = np.linspace(0, 1, 41)
    for c in range(RIVAL_CLASSES):
        assert np.allclose(small.apply(p, None, np.full(p.size, c)),
                           large.apply(p, None, np.full(p.size, c)), atol=1e-3)


def test_format_2_still_loads_and_serves_named_pairs_one_map():
    one = Calibration((0.1, 0.9), (0.2, 0.8), "old")
    data = {"version": 2, "source": "wave 6", "check": "hedged",
            "sizes": [{"records": 5000, **PairCalibration(one, one, "5k").to_dict()}]}
    maps = ShippedCalibration.from_dict(data).for_records(5000)
    assert maps.by_class == ()
    # with classes given, a format-2 map still answers (the one named map)
    assert maps.apply([0.5], [False], [3])[0] == pytest.approx(0.5)


def test_format_3_round_trips_and_a_wrong_number_of_classes_fails_clearly():
    whole = shipped(5000)
    data = {"version": FORMAT_VERSION, "sizes": [{"records": 5000, **whole.to_dict()}]}
    again = ShippedCalibration.from_dict(json.loads(json.dumps(data))).for_records(5000)
    p, c = np.linspace(0, 1, 51), np.arange(51) % RIVAL_CLASSES
    assert np.allclose(again.apply(p, None, c), whole.apply(p, None, c))
    data["sizes"][0]["rivals"] = data["sizes"][0]["rivals"][:3]
    with pytest.raises(TallyError, match="not a calibration map.*rival class"):
        ShippedCalibration.from_dict(data)


def _stored(project, truth):
    """Each stored pair: calibrated and model probability, body, class (rival class and
    namesake band), truth."""
    with project.connect() as con:
        rows = con.execute(
            "SELECT vl.source_record_id, vr.source_record_id, p.match_probability, "
            "p.model_probability, coalesce(nl.unidentified OR nr.unidentified, false), "
            "p.record_id_l, p.record_id_r, vl.source_id, vr.source_id, "
            # the pair's namesakes (tally.link.calibration.namesake_bands)
            "CASE WHEN nl.given_key = nr.given_key AND nl.family_key = nr.family_key "
            "AND nl.governorate_id = nr.governorate_id THEN greatest(nl.k, nr.k) ELSE 0 END "
            "FROM record_pair p "
            "JOIN victim_record vl ON vl.record_id = p.record_id_l "
            "JOIN victim_record vr ON vr.record_id = p.record_id_r "
            "JOIN (SELECT *, count(*) OVER (PARTITION BY given_key, family_key, governorate_id) "
            "      AS k FROM record_norm) nl ON nl.record_id = p.record_id_l "
            "JOIN (SELECT *, count(*) OVER (PARTITION BY given_key, family_key, governorate_id) "
            "      AS k FROM record_norm) nr ON nr.record_id = p.record_id_r").fetchall()
        records = con.execute("SELECT count(*) FROM victim_record").fetchone()[0]
    cols = list(zip(*rows))
    stored, model = np.array(cols[2]), np.array(cols[3])
    body = np.array(cols[4], bool)
    classes = pair_classes(rival_classes(cols[5], cols[6], cols[7], cols[8], model),
                           namesake_bands(cols[9]))
    t = np.array([truth[a] == truth[b] for a, b in zip(cols[0], cols[1])])
    return stored, model, body, classes, t, records


@pytest.mark.slow
def test_stored_probabilities_of_pairs_with_a_rival_mean_what_they_say(tmp_path):
    # ledger at 4,000 records, seed 8 (not a fitting seed; ledger is a
    # development profile): the model says 0.75 where half are one person
    simulate_conflict(tmp_path / "sim", seed=8, size=4000, profile="ledger")
    project = Project.init(tmp_path / "p")
    ingest_simulation(project, tmp_path / "sim")
    link_project(project)
    stored, model, body, classes, t, records = _stored(project, load_record_truth(tmp_path / "sim"))
    assert np.allclose(stored, shipped(records).apply(model, body, classes))
    rival = ~body & (classes % 4 >= 2)
    assert rival.sum() > 300
    before = calibration_error(reliability(model[rival], t[rival]))
    after = calibration_error(reliability(stored[rival], t[rival]))
    assert before > 0.15 and after < 0.08
    # and over every pair the stored probability is no further from the truth than
    # the model's. On this project the maps by rival class alone had 0.018 against
    # the model's 0.033; the maps by namesake band too (wave 9, chosen by the
    # leave-one-profile-out error: 5k 0.036 -> 0.031, 50k 0.026 -> 0.021) have
    # 0.033 here: within each band nearer the truth, across bands no better
    assert (calibration_error(reliability(stored, t))
            < calibration_error(reliability(model, t)) + 0.005)
