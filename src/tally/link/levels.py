"""A scored pair's comparison levels, named by their index (gamma), as Splink names them.

Splink gives each level of a comparison an index, its *comparison vector
value* (``gamma``): -1 for the null level, then the other levels in order
from ``n - 1`` down to 0. The index, not the weight, is what identifies a
level: two levels may weigh the same (Tally fixes "siblings" and "sisters,
one letter apart" at one m and u, so both weigh about -10 bits), and before
this module a stored pair's level was found by matching its weight, so
every sibling pair was shown to reviewers as "one letter apart" (Mahmoud /
Abd al-Karim included), and a new level had to be given a slightly different
u only so that its label could be told apart (wave 8).

Splink 5 keeps the ``gamma_<comparison>`` columns in its predictions only
when it also keeps every input column of every comparison
(``retain_matching_columns``), which would carry dozens of name and date
columns through a million records' predictions. :func:`keep_gamma_in_predictions`
has it select the gamma columns alone (what Splink's own training mode
selects) wherever the intermediate weights are kept, as Tally's settings ask;
the columns are computed in every prediction anyway, so this costs one small
integer column per comparison.
"""

from __future__ import annotations

GAMMA_PREFIX = "gamma_"


def _indexed(levels: list[dict]):
    """(index (gamma), level) of each of a comparison's levels, in order: the
    null level -1, the others ``n - 1`` down to 0."""
    index = sum(1 for level in levels if not level.get("is_null_level")) - 1
    for level in levels:
        if level.get("is_null_level"):
            yield -1, level
        else:
            yield index, level
            index -= 1


def level_labels(model: dict) -> dict[str, dict[int, str]]:
    """comparison output column → {level index (gamma) → level label}, from
    Splink's JSON model (levels in order; the null level is -1)."""
    return {comparison["output_column_name"]: {
                gamma: level.get("label_for_charts") or level["sql_condition"]
                for gamma, level in _indexed(comparison["comparison_levels"])}
            for comparison in model.get("comparisons", [])}


def level_at(comparison: dict, gamma: int) -> dict | None:
    """The level of Splink's JSON ``comparison`` whose index is ``gamma``."""
    return next((level for g, level in _indexed(comparison["comparison_levels"])
                 if g == gamma), None)


def keep_gamma_in_predictions() -> None:
    """Have Splink's predictions carry each comparison's ``gamma_`` column wherever
    they carry its weights (``retain_intermediate_calculation_columns``).

    Idempotent. Splink 5.0 selects the column only in training mode or with
    every matching column; Tally asks for the index alone."""
    from splink.internals.comparison import Comparison

    select = Comparison._columns_to_select_for_predict
    if getattr(select, "_tally_keeps_gamma", False):
        return

    def with_gamma(self, retain_matching_columns, retain_intermediate_calculation_columns,
                   training_mode):
        return select(self, retain_matching_columns, retain_intermediate_calculation_columns,
                      training_mode or retain_intermediate_calculation_columns)

    with_gamma._tally_keeps_gamma = True
    Comparison._columns_to_select_for_predict = with_gamma


keep_gamma_in_predictions()
