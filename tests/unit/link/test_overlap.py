"""Each pair of lists' prior, by EM with the fields' evidence held fixed."""

import math

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from tally.link.overlap import (
    FACTOR_BOUNDS,
    adjusted_sql,
    conflicts_sql,
    kept_components,
    kept_sql,
    log2_odds,
    overlap_factors,
    overlap_rows,
    prediction_floor,
    within_components,
)


def _scored_pairs(rng, n_pairs, true_matches, prior):
    """Scored pairs of one pair of lists: match weights (log2 posterior odds
    under ``prior``) of ``true_matches`` matches and of namesakes."""
    base = math.log2(prior / (1 - prior))
    matches = rng.normal(20.0, 1.0, true_matches)   # clear evidence of one person
    others = rng.normal(-4.0, 3.0, n_pairs - true_matches)  # blocked namesakes
    return np.concatenate([matches, others]) + base


def test_lists_that_share_more_victims_get_a_higher_prior():
    rng = np.random.default_rng(1)
    prior = 1e-4
    # lists 0 (1,000 x 1,000 records) share 600 victims, lists 1 (1,000 x 1,000) 60
    w0 = _scored_pairs(rng, 5_000, 600, prior)
    w1 = _scored_pairs(rng, 5_000, 60, prior)
    index = np.array([0] * len(w0) + [1] * len(w1))
    factors = overlap_factors(index, np.concatenate([w0, w1]), np.array([1e6, 1e6]), prior)
    # the EM prior is the expected matches over the pairs the lists make:
    # 600 / 1e6 = 6e-4 (odds factor ~6) and 60 / 1e6 = 6e-5 (~0.6)
    assert factors[0] == pytest.approx(6.0, rel=0.1)
    assert factors[1] == pytest.approx(0.6, rel=0.15)


def test_the_factor_is_bounded():
    rng = np.random.default_rng(2)
    prior = 1e-6
    w = _scored_pairs(rng, 2_000, 900, prior)  # 900 matches among 1e6 pairs: ~900x the prior
    factors = overlap_factors(np.zeros(len(w), int), w, np.array([1e6]), prior)
    assert factors[0] == FACTOR_BOUNDS[1]


def test_a_prior_outside_zero_and_one_is_refused():
    with pytest.raises(ValueError, match="prior"):
        overlap_factors(np.zeros(1, int), np.zeros(1), np.array([10.0]), 0.0)


def _predictions(con):
    # two strong pairs, a weak one with no field against (thin records), a weak
    # one with a field strongly against (different ages), and one pair of
    # records that have no kept pair at all
    con.execute("""CREATE TABLE preds AS SELECT * FROM (VALUES
        ('r1', 'r2', 'A', 'B', 12.0, 6.0, 6.0),
        ('r1', 'r3', 'A', 'C', -8.0, 2.0, 1.0),
        ('r2', 'r3', 'B', 'C', -9.0, 5.0, -8.0),
        ('r3', 'r4', 'C', 'D', 10.0, 5.0, 5.0),
        ('r8', 'r9', 'A', 'B', -12.0, -9.0, -9.0)
    ) AS t(unique_id_l, unique_id_r, source_id_l, source_id_r, match_weight, mw_name, mw_age)""")
    left, right, shift = overlap_rows([{"lists": ["A", "B"], "factor": 4.0}])
    con.execute("CREATE TABLE ov (list_l VARCHAR, list_r VARCHAR, shift DOUBLE)")
    con.executemany("INSERT INTO ov VALUES (?, ?, ?)", list(zip(left, right, shift)))


def test_each_pair_is_weighed_against_its_own_lists_prior_in_either_order():
    con = duckdb.connect()
    _predictions(con)
    rows = dict(((a, b), w) for a, b, w in con.execute(
        f"SELECT unique_id_l, unique_id_r, adjusted_weight FROM "
        f"({adjusted_sql('preds', 'ov', 'p.*')})").fetchall())
    assert rows[("r1", "r2")] == 14.0  # A and B: 2 bits (factor 4)
    assert rows[("r1", "r3")] == -8.0  # A and C: no estimate, the model's prior
    kept = con.execute(f"SELECT unique_id_l, unique_id_r FROM "
                       f"({kept_sql(adjusted_sql('preds', 'ov', 'p.*'), 0.15)})").fetchall()
    assert sorted(kept) == [("r1", "r2"), ("r3", "r4")]


def test_conflicts_need_a_field_against():
    con = duckdb.connect()
    _predictions(con)
    sql = conflicts_sql(adjusted_sql("preds", "ov", "p.*"), 0.01, ["mw_name", "mw_age"], -6.0)
    # r1-r3 is unlikely only for want of evidence; r2-r3 and r8-r9 disagree on age
    assert sorted(con.execute(sql).fetchall()) == [("r2", "r3"), ("r8", "r9")]


def test_a_body_that_does_not_fit_conflicts_however_likely_the_pair():
    con = duckdb.connect()
    con.execute("""CREATE TABLE preds AS SELECT * FROM (VALUES
        ('v1', 'b1', 'A', 'B', -0.8, -6.3, FALSE, TRUE),
        ('v1', 'v2', 'A', 'B', -0.8, -6.3, FALSE, FALSE)
    ) AS t(unique_id_l, unique_id_r, source_id_l, source_id_r, match_weight, mw_age,
           unidentified_l, unidentified_r)""")
    con.execute("CREATE TABLE ov (list_l VARCHAR, list_r VARCHAR, shift DOUBLE)")
    adjusted = adjusted_sql("preds", "ov", "p.*")
    # p = 0.36: a named pair that likely is not a conflict; a body that does not fit is
    assert con.execute(conflicts_sql(adjusted, 0.01, ["mw_age"], -6.0, bodies=True)
                       ).fetchall() == [("v1", "b1")]
    assert con.execute(conflicts_sql(adjusted, 0.01, ["mw_age"], -6.0)).fetchall() == []
    assert con.execute(conflicts_sql(adjusted, 0.0, ["mw_age"], -6.0, bodies=True)
                       ).fetchall() == []  # conflicts off


def test_conflicts_are_looked_for_only_within_components_of_kept_pairs():
    kept = pa.table({"unique_id_l": ["a", "b", "x"], "unique_id_r": ["b", "c", "y"]})
    comp = dict(zip(*kept_components(kept).to_pydict().values()))
    assert comp["a"] == comp["b"] == comp["c"] != comp["x"] == comp["y"]
    model = {"blocking_rules_to_generate_predictions": [
        "l.given_key = r.given_key", {"blocking_rule": "l.family_key = r.family_key",
                                      "sql_dialect": "duckdb"}],
        "tally_list_overlap": []}
    rules = [r["blocking_rule"] for r in
             within_components(model)["blocking_rules_to_generate_predictions"]]
    assert rules == [
        "l.tally_component = r.tally_component AND (l.given_key = r.given_key)",
        "l.tally_component = r.tally_component AND (l.family_key = r.family_key)"]
    assert "tally_list_overlap" not in within_components(model)


def test_the_prediction_floor_reaches_every_pair_the_overlap_can_lift():
    # a pair at the floor, lifted by the largest factor, is still below keep_from
    floor = prediction_floor(0.15, floor=1.0)
    lifted = log2_odds(floor) + math.log2(FACTOR_BOUNDS[1])
    assert lifted == pytest.approx(log2_odds(0.15))
    assert prediction_floor(0.15) == 1e-3


def test_log2_odds_at_the_edges():
    assert log2_odds(0.5) == 0.0
    assert log2_odds(0.0) == -math.inf
    assert log2_odds(1.0) == math.inf
