"""Calibration conditions on what the pair itself carries that transfers between
lists: within one rival class, how many records of the governorate share the
pair's given and family name (issue 15, item 4; wave 9).

Within a rival class the development profiles disagreed (heron and mosaic
over-confident at 50,000 records, independent under-confident); at one model
probability, pairs whose name two or three records share were nearly all one
person and pairs whose name dozens share about half, on every profile."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest

from tally.errors import TallyError
from tally.link.calibration import (
    NAMESAKE_BANDS,
    RIVAL_CLASSES,
    Calibration,
    PairCalibration,
    ShippedCalibration,
    namesake_bands,
    pair_classes,
    pair_rivals,
    shipped,
)


def test_bands_follow_the_namesake_count():
    assert NAMESAKE_BANDS == (0, 3, 10, 30)
    assert namesake_bands([0, 1, 3, 4, 10, 11, 30, 31, 500]).tolist() == [1, 2, 2, 3, 3, 4, 4,
                                                                           5, 5]
    assert pair_classes([0, 2, 4], [1, 5, 3]).tolist() == [8, 42, 28]
    assert pair_classes([0, 2], None).tolist() == [0, 2]


def _features(name_gov, name_count):
    n = len(name_gov)
    return pa.table({"unique_id": [f"r{i}" for i in range(n)],
                     "source_id": ["A"] + ["B"] * (n - 1),
                     "name_gov": pa.array(name_gov, pa.int64()),
                     "name_count": pa.array(name_count, pa.int64())})


def test_a_run_reads_each_pairs_namesakes_from_the_link_input():
    features = _features([7, 7, 9, None], [40, 40, 2, None])
    pairs = pa.table({"record_id_l": ["r0", "r0", "r0"], "record_id_r": ["r1", "r2", "r3"],
                      "match_probability": [0.75, 0.2, 0.1]})
    classes = pair_rivals(pairs, features)
    # r0~r1 share a name 40 records give (band 5); r0~r2 and r0~r3 do not share one (band 1);
    # r0~r1 has a weak rival only (r0~r2 at 0.2, into list B): rival class 1; the
    # other two have one rival at 0.5 (r0~r1): rival class 2
    assert classes.tolist() == [1 + RIVAL_CLASSES * 5, 2 + RIVAL_CLASSES * 1,
                                2 + RIVAL_CLASSES * 1]
    # a link input without the namesake columns: the rival class alone
    plain = features.drop_columns(["name_gov", "name_count"])
    assert pair_rivals(pairs, plain).tolist() == [1, 2, 2]


def test_the_shipped_maps_mark_down_a_pair_whose_name_many_share():
    # every development profile agreed: at one model probability and rival
    # class, a name dozens of records of the governorate give is less often one
    # person than a name two or three give (where the pair has a rival; with
    # none, both are mostly one person)
    for records in (5000, 50000):
        maps = shipped(records)
        assert len(maps.by_class) == RIVAL_CLASSES * (len(NAMESAKE_BANDS) + 2)
        for rivals in (1, 2):  # weak rivals only; one rival
            few = pair_classes([rivals], namesake_bands([2]))
            many = pair_classes([rivals], namesake_bands([40]))
            assert maps.apply([0.75], [False], many)[0] < maps.apply([0.75], [False], few)[0] - 0.1
        for m in maps.by_class:
            out = m.apply(np.linspace(0, 1, 101))
            assert np.all(np.diff(out) >= 0) and np.all((out > 0) & (out < 1))


def test_maps_by_rival_class_alone_still_serve_banded_classes():
    rivals = tuple(Calibration((0.0, 1.0), (0.0, 0.5 + k / 100), f"r{k}")
                   for k in range(RIVAL_CLASSES))
    one = Calibration((0.0, 1.0), (0.0, 1.0), "named")
    old = PairCalibration(one, one, "format 3", rivals)
    data = {"version": 3, "sizes": [{"records": 5000, **old.to_dict()}]}
    assert "namesakes" not in data["sizes"][0]
    maps = ShippedCalibration.from_dict(data).for_records(5000)
    # a banded class reads its rival class's map
    assert maps.apply([1.0], [False], pair_classes([3], [4]))[0] == pytest.approx(0.53)


def test_format_4_round_trips_and_a_wrong_number_of_banded_maps_fails_clearly():
    one = Calibration((0.0, 1.0), (0.0, 1.0), "named")
    maps = tuple(Calibration((0.0, 1.0), (0.0, 0.2 + k / 100), f"class {k}")
                 for k in range(RIVAL_CLASSES * (len(NAMESAKE_BANDS) + 2)))
    whole = PairCalibration(one, one, "format 4", maps)
    data = {"version": 4, "sizes": [{"records": 5000, **whole.to_dict()}]}
    again = ShippedCalibration.from_dict(json.loads(json.dumps(data))).for_records(5000)
    p = np.linspace(0, 1, 48)
    c = np.arange(48)
    assert np.allclose(again.apply(p, None, c), whole.apply(p, None, c))
    data["sizes"][0]["namesakes"] = data["sizes"][0]["namesakes"][:5]
    with pytest.raises(TallyError, match="not a calibration map.*namesake band"):
        ShippedCalibration.from_dict(data)
