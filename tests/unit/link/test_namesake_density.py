"""Thin records scored against their namesake density (issue 15, item 2): a
given and family name that 40 people of a governorate share is weak evidence
that two of its records are one person (tally.link.namesakes)."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from tally.link.model import probability_of
from tally.link.namesakes import namesake_shift_sql, records_per_person
from tally.link.overlap import adjusted_sql
from tally.link.settings import LinkSettings

PER_PERSON = 2.5  # records per person on these lists


def _probabilities(rows: list[tuple], per_person: float | None) -> list[float]:
    """Each pair's probability: rows of (match_weight, name key l, r, records of
    the name in the governorate, father given l, r)."""
    con = duckdb.connect()
    con.register("pred", pa.table({
        "match_weight": [r[0] for r in rows], "source_id_l": ["a"] * len(rows),
        "source_id_r": ["b"] * len(rows), "name_gov_l": [r[1] for r in rows],
        "name_gov_r": [r[2] for r in rows], "name_count_l": [r[3] for r in rows],
        "name_count_r": [r[3] for r in rows], "father_given_l": [r[4] for r in rows],
        "father_given_r": [r[5] for r in rows]}))
    con.register("ovl", pa.table({"list_l": pa.array([], pa.string()),
                                  "list_r": pa.array([], pa.string()),
                                  "shift": pa.array([], pa.float64())}))
    weights = con.sql(adjusted_sql("pred", "ovl", "p.*", namesake_shift_sql(per_person))
                      ).to_arrow_table().column("adjusted_weight")
    return probability_of(weights).to_pylist()


def test_a_name_40_people_share_gives_a_thin_pair_a_lower_probability_than_a_rare_one():
    common, rare = _probabilities([
        (3.0, 1, 1, int(40 * PER_PERSON), False, True),  # "Mohammad Hussein, Homs"
        (3.0, 2, 2, 2, False, True),  # a name only this person carries there
    ], PER_PERSON)
    assert common < 0.3 < 0.85 < rare  # 3 bits - log2(100 / (2.5 * 2)) = -1.3 bits
    assert rare == _probabilities([(3.0, 2, 2, 2, False, True)], None)[0]


def test_namesakes_who_both_give_their_father_or_other_names_are_not_weighed_down():
    both_fathers, other_names, off = _probabilities([
        (3.0, 1, 1, 100, True, True),
        (3.0, 1, 2, 100, False, True),
    ], PER_PERSON) + _probabilities([(3.0, 1, 1, 100, False, True)], None)
    assert both_fathers == other_names == off


def test_records_per_person_from_the_prior_and_off_by_default():
    assert records_per_person(0.0004, 5_001) == 3.0
    assert records_per_person(0.0, 10) == 1.0
    assert LinkSettings().namesake_density is False
