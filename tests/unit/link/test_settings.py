"""The linkage model is defined once and renders for DuckDB and Spark alike."""

import pytest

from tally.link.settings import PRIORS, comparisons, splink_settings


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
    for comparison in comparisons():
        name = comparison.create_output_column_name()
        labels = {lv["label_for_charts"] for lv in
                  comparison.get_comparison("duckdb").as_dict()["comparison_levels"]
                  if not lv.get("is_null_level")}
        assert labels <= set(PRIORS[name]), labels - set(PRIORS[name])
        assert all(0 < m < 1 and 0 < u < 1 for m, u in PRIORS[name].values())


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
