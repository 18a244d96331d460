"""The linkage model is defined once and renders for DuckDB and Spark alike."""

import pytest

import splink.comparison_level_library as cll

from tally.link.settings import _comparison, _level, all_comparisons, level_priors, splink_settings


@pytest.mark.parametrize("dialect", ["duckdb", "spark"])
def test_settings_render_for_each_backend(dialect):
    settings = splink_settings().get_settings(dialect)
    names = [c.output_column_name for c in settings.comparisons]
    assert names == ["given_name", "lineage", "event", "age", "sex", "status",
                     "same_source"]
    sql = " ".join(level.sql_condition for c in settings.comparisons
                   for level in c.comparison_levels)
    if dialect == "spark":
        assert "date_diff('day'" not in sql  # DuckDB's spelling was translated


def test_every_level_has_a_prior_so_small_files_still_link():
    # read from what Splink receives: a prior keyed by a label Splink did not
    # give the level (as a separate table once was) is not a prior
    for comparison in all_comparisons():
        for level in comparison.get_comparison("duckdb").as_dict()["comparison_levels"]:
            if not level.get("is_null_level"):
                m, u = level.get("m_probability"), level.get("u_probability")
                assert m is not None and u is not None, level["label_for_charts"]
                assert 0 < m < 1 and 0 < u < 1
    assert level_priors()["national_id"] == {"same document number": (0.85, 1e-06),
                                             "different document numbers": (0.15, 0.999999)}


def test_a_level_declared_without_a_prior_is_refused():
    with pytest.raises(ValueError, match="'All other comparisons' declares no prior"):
        _comparison("x", "x", [cll.NullLevel("x"), _level("x_l = x_r", "same x", 0.9, 0.1),
                               cll.ElseLevel()])


def test_one_list_only_drops_the_same_source_comparison():
    settings = splink_settings(multi_source=False).get_settings("duckdb")
    assert "same_source" not in [c.output_column_name for c in settings.comparisons]


def test_a_conflict_threshold_that_would_cross_the_link_thresholds_is_refused():
    from tally.link import LinkSettings

    with pytest.raises(ValueError, match="conflict_probability"):
        LinkSettings(conflict_probability=0.2, clear_candidate_threshold=0.15)


def test_conflicts_can_be_turned_off_whatever_the_thresholds():
    from tally.link import LinkSettings

    assert LinkSettings(conflict_probability=0.0, clear_candidate_threshold=0.0).keep_from == 0.0


def test_a_similar_spelling_is_evidence_for_a_match_before_any_training():
    # it once ran on Splink's defaults, 2.3 bits against, below 1,000 records
    m, u = level_priors()["given_name"]["similar spelling (Jaro-Winkler >= 0.9)"]
    assert m > u
