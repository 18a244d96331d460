"""A thin record whose report window holds one namesake person joins it on
the window alone, unless their pair fell below the keep floor on something
that disagrees (issue 15). Every window namesake shares the thin record's
given name, family name and governorate, which ``tally link``'s first
blocking rule pairs on, so a window pair missing from the kept pairs was
scored: where the two give ages that lie apart, or different sexes, that is
the model's evidence of two people (hard 200,000 records: a morgue's thin
records, such joins 74 wrong, none right); a news record giving only its name
is below the floor for the name's commonness, and the window answers that."""

from __future__ import annotations

import pyarrow as pa
import sqlglot

from tally.link.clustering import ClusterPolicy, Evidence, cluster_records, window_disagreements
from tally.link.settings import blocking_rules

IDS = ["morgue-1", "a-1", "a-2"]
LISTS = ["morgue", "rights", "news"]


def _persons(**rest) -> dict[str, str]:
    evidence = Evidence(strong=[("a-1", "a-2", 12.0)], thin=["morgue-1"],
                        window_namesakes=[("morgue-1", ["a-1"])], **rest)
    clustering = cluster_records(IDS, LISTS, evidence, ClusterPolicy())
    return dict(zip(clustering.ids, clustering.cluster_of))


def test_a_window_pair_below_the_floor_on_a_disagreement_keeps_it_apart():
    persons = _persons(window_apart=[("morgue-1", "a-1")])
    assert persons["morgue-1"] != persons["a-1"]


def test_a_kept_window_pair_however_weak_still_joins():
    persons = _persons(window_apart=[("morgue-1", "a-1")],
                       doubtful=[("morgue-1", "a-1", -8.0, 0.004)])
    assert persons["morgue-1"] == persons["a-1"] == persons["a-2"]


def test_with_nothing_against_it_the_window_alone_joins():
    assert _persons()["morgue-1"] == _persons()["a-1"]


def test_ages_apart_or_sexes_differing_are_disagreements():
    features = pa.table({
        "unique_id": ["t", "older", "near", "woman", "unknown"],
        "age_low": [30, 45, 32, None, None], "age_high": [35, 50, 40, None, None],
        "sex": ["male", "male", "male", "female", None]})
    groups = [("t", ["older", "near", "woman", "unknown"])]
    assert sorted(window_disagreements(features, groups)) == [("t", "older"), ("t", "woman")]


def test_the_first_blocking_rule_pairs_every_window_namesake():
    """The guard's premise: window namesakes (same given key, family key and
    governorate) are all blocked, so all scored."""
    rule = blocking_rules()[0].get_blocking_rule("duckdb").blocking_rule_sql
    conditions = {c.sql() for c in sqlglot.parse_one(rule).find_all(sqlglot.exp.EQ)}
    assert conditions == {'l."given_key" = r."given_key"', 'l."family_key" = r."family_key"',
                          'l."governorate_id" = r."governorate_id"'}
