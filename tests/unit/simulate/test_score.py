"""Scoring functions on hand-made clusterings with hand-computed answers."""

from __future__ import annotations

import pytest

from tally.simulate.score import (
    precision_within_source,
    recall_between,
    score_claims,
    score_clusters,
    score_estimates,
)

# truth: a b c are one person, d e another, f alone
TRUTH = {"a": "P1", "b": "P1", "c": "P1", "d": "P2", "e": "P2", "f": "P3"}
# prediction: {a b} {c d} {e}; f missing (a singleton); zz not in the truth (ignored)
PRED = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z", "zz": "X"}


def test_pairwise_and_bcubed_by_hand():
    s = score_clusters(TRUTH, PRED)
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (4, 2, 1)
    assert s.precision == pytest.approx(1 / 2)
    assert s.recall == pytest.approx(1 / 4)
    assert s.f1 == pytest.approx(1 / 3)
    assert s.bcubed_precision == pytest.approx(5 / 6)
    assert s.bcubed_recall == pytest.approx(11 / 18)
    p, r = 5 / 6, 11 / 18
    assert s.bcubed_f1 == pytest.approx(2 * p * r / (p + r))
    assert (s.records, s.true_clusters, s.predicted_clusters) == (6, 3, 4)


def test_perfect_and_all_singletons():
    perfect = score_clusters(TRUTH, dict(TRUTH))
    assert perfect.f1 == perfect.bcubed_f1 == 1.0
    singletons = score_clusters(TRUTH, {})
    assert singletons.precision == 1.0 and singletons.recall == 0.0 and singletons.f1 == 0.0
    assert singletons.bcubed_precision == 1.0
    assert singletons.bcubed_recall == pytest.approx((1 / 3 * 3 + 1 / 2 * 2 + 1) / 6)


def test_everything_in_one_cluster():
    s = score_clusters(TRUTH, {r: "one" for r in TRUTH})
    assert s.recall == 1.0
    assert s.precision == pytest.approx(4 / 15)
    assert s.bcubed_recall == 1.0
    assert s.bcubed_precision == pytest.approx((3 * 3 / 6 + 2 * 2 / 6 + 1 / 6) / 6)


def test_cluster_labels_do_not_matter():
    renamed = {r: f"cluster-{c}" for r, c in PRED.items()}
    assert score_clusters(TRUTH, renamed) == score_clusters(TRUTH, PRED)


def test_recall_between_groups():
    script = {"a": "ar", "b": "la", "c": "la", "d": "ar", "e": "la", "f": "ar"}
    recall, pairs = recall_between(TRUTH, PRED, script, "ar", "la")
    assert pairs == 3  # a-b, a-c, d-e
    assert recall == pytest.approx(1 / 3)  # only a-b found
    recall, pairs = recall_between(TRUTH, PRED, script, "la", "la")
    assert pairs == 1 and recall == 0.0  # b-c, split
    assert recall_between(TRUTH, PRED, script, "xx", "yy") == (1.0, 0)


def test_precision_within_source():
    source = {"a": "s1", "b": "s1", "c": "s1", "d": "s1", "e": "s2", "f": "s2"}
    precision, pairs = precision_within_source(TRUTH, PRED, source)
    assert pairs == 2 and precision == pytest.approx(1 / 2)


def test_score_estimates():
    truth = {("Lattakia", "2025-03"): 100, ("Homs", "2025-03"): 50}
    out = score_estimates([(("Lattakia", "2025-03"), 110.0, 90.0, 130.0),
                           (("Homs", "2025-03"), 40.0, None, None)], truth)
    assert out[0].relative_error == pytest.approx(0.1) and out[0].covered is True
    assert out[1].relative_error == pytest.approx(-0.2) and out[1].covered is None


def test_score_claims_by_span():
    truth = [
        {"article_id": "A1", "evidence_start": 10, "evidence_end": 50, "killed_low": 24,
         "killed_best": None, "killed_high": 99, "perpetrator": "X", "attribution": "alleged"},
        {"article_id": "A2", "evidence_start": 5, "evidence_end": 40, "killed_low": 3,
         "killed_best": 3, "killed_high": 3, "perpetrator": None, "attribution": "unknown"},
    ]
    extracted = [
        {"article_id": "A1", "evidence_start": 12, "evidence_end": 48, "killed_low": 24,
         "killed_best": None, "killed_high": 99, "perpetrator": "X", "attribution": "claimed_by_source"},
        {"article_id": "A2", "evidence_start": 60, "evidence_end": 70, "killed_low": 3},  # wrong span
        {"article_id": "A9", "evidence_start": 0, "evidence_end": 9},  # no such article
    ]
    s = score_claims(extracted, truth)
    assert (s.true_claims, s.extracted, s.matched) == (2, 3, 1)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 2)
    assert s.count_exact == 1.0 and s.attribution_exact == 0.0
