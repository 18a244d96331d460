"""Learning from reviewers: every "match" and "no-match" verdict moves the model.

A verdict binds its own pair (:mod:`tally.link.review`); here it also teaches
the model about every other pair that looks like it. The reviewed pairs are
not a random sample: the review queue offers doubtful pairs, so counting
their levels (the textbook "m from labelled matches") learns what doubtful
matches look like, not what matches look like, and counting no-match pairs
for u would learn what near-misses look like, not what chance agreement
does. What a reviewed pair does tell without bias is the chance that a pair
*with these field levels* is one person: the queue chose it by its levels,
not by its truth. So the verdicts are fitted by that conditional likelihood:

* each comparison level's weight ``log2(m/u)`` (and the prior odds,
  ``probability_two_random_records_match``) moves from its EM estimate by a
  shift ``delta`` in bits;
* the shifts maximise the verdicts' likelihood under the model's own
  probability (``match_weight`` of the pair, term frequencies included, plus
  the shifts of its levels), with a Gaussian prior of standard deviation
  :data:`PRIOR_SD_BITS` on every shift: the EM estimate is the
  regularisation, so five verdicts move a level by a fraction of a bit and
  hundreds can move it by several;
* a shift is written back into m and u: up by lowering u (for a level with
  a term-frequency adjustment, whose weight Splink computes from u, by
  raising m, at most to 1), down by lowering m. The trained model is stored
  with each run, so the Spark engine scores with the learned model too.

Both verdicts count: a "match" on a pair the model doubted raises its
levels, a "no-match" lowers them. "unsure" teaches nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import numpy as np
import pyarrow as pa

from tally.link.levels import level_at

#: standard deviation of the prior on each level's shift, in bits
PRIOR_SD_BITS = 1.0
#: standard deviation of the prior on the shift of the prior odds, in bits
PRIOR_SD_INTERCEPT_BITS = 1.0
_LN2 = math.log(2.0)


@dataclass
class Learned:
    """What the verdicts taught one run's model."""

    verdicts: int = 0  # verdicts the fit used (both records in the link input)
    matches: int = 0
    intercept: float = 0.0  # bits added to the prior odds
    #: (comparison, level label) -> bits added to that level's weight
    shifts: dict[tuple[str, str], float] = field(default_factory=dict)

    def note(self, top: int = 6) -> str:
        moved = sorted(self.shifts.items(), key=lambda kv: -abs(kv[1]))[:top]
        parts = [f"{c} '{lv}' {d:+.2f}" for (c, lv), d in moved if abs(d) >= 0.01]
        return (f"learned from {self.verdicts} verdicts ({self.matches} match, "
                f"{self.verdicts - self.matches} no-match): prior odds {self.intercept:+.2f} "
                f"bits" + ("; levels " + ", ".join(parts) if parts else ""))


def verdict_labels(verdicts: Mapping[tuple[str, str], str]) -> list[tuple[str, str, bool]]:
    """(record, record, is a match) for every "match" and "no-match" verdict."""
    return [(a, b, v == "match") for (a, b), v in sorted(verdicts.items())
            if v in ("match", "no-match")]


def _gamma_rows(linker, labels):
    """Per labelled pair: its verdict, its weight, and its level in each comparison.

    Everything runs through the linker's own database (Splink's API), so the
    verdicts train the model on whichever engine trains it: DuckDB for
    ``tally link``, Spark for ``tally link --engine spark``.
    """
    from splink.internals.block_from_labels import block_from_labels
    from splink.internals.comparison_vector_values import compute_comparison_vector_values_sql
    from splink.internals.pipeline import CTEPipeline
    from splink.internals.predict import predict_from_comparison_vectors_sqls_using_settings
    from splink.internals.vertically_concatenate import enqueue_df_concat_with_tf

    truth = {(min(a, b), max(a, b)): m for a, b, m in labels}
    db_api = linker._db_api
    db_api._table_registration(pa.table({
        "unique_id_l": pa.array([k[0] for k in truth], pa.string()),
        "unique_id_r": pa.array([k[1] for k in truth], pa.string()),
    }), "tally_review_labels")
    settings = linker._settings_obj
    pipeline = CTEPipeline()
    enqueue_df_concat_with_tf(linker, pipeline)
    pipeline.enqueue_list_of_sqls(block_from_labels(linker, "tally_review_labels"))
    pipeline.enqueue_sql(compute_comparison_vector_values_sql(
        settings._columns_to_select_for_comparison_vector_values),
        "__splink__df_comparison_vectors")
    vectors = db_api.sql_pipeline_to_splink_dataframe(pipeline)
    pipeline = CTEPipeline([vectors])
    pipeline.enqueue_list_of_sqls(predict_from_comparison_vectors_sqls_using_settings(settings))
    scored = db_api.sql_pipeline_to_splink_dataframe(pipeline)
    names = [c.output_column_name for c in settings.comparisons]
    gamma_cols = ", ".join(f"v.gamma_{n}" for n in names)
    pipeline = CTEPipeline()
    pipeline.enqueue_sql(
        f"""SELECT CAST(v.unique_id_l AS STRING) AS tally_l,
                   CAST(v.unique_id_r AS STRING) AS tally_r,
                   s.match_weight AS tally_weight, {gamma_cols}
            FROM {vectors.physical_name} AS v JOIN {scored.physical_name} AS s
              ON s.unique_id_l = v.unique_id_l AND s.unique_id_r = v.unique_id_r""",
        "__tally_label_rows")
    found = db_api.sql_pipeline_to_splink_dataframe(pipeline)
    rows = found.as_record_list()
    for table in (found, scored, vectors):
        table.drop_table_from_database_and_remove_from_cache()
    out = []
    for row in rows:
        a, b, weight = row["tally_l"], row["tally_r"], row["tally_weight"]
        key = (min(a, b), max(a, b))
        if key in truth and weight is not None:
            out.append((truth[key], float(weight), [row[f"gamma_{n}"] for n in names]))
    return names, out


def fit_shifts(x: np.ndarray, base: np.ndarray, y: np.ndarray, sd: np.ndarray,
               iterations: int = 100) -> np.ndarray:
    """MAP shifts (bits) of a logistic model ``P = 1/(1 + 2^-(base + x @ delta))``
    with an independent Gaussian prior ``N(0, sd²)`` on each shift.

    Newton's method with step halving: the log posterior is concave, but a
    full Newton step from far away can overshoot (500 verdicts on pairs the
    model called near-certain did, to −120 bits), so a step is taken only as
    far as it raises the posterior."""
    delta = np.zeros(x.shape[1])
    precision = 1.0 / np.square(sd)

    def objective(d: np.ndarray) -> float:
        s = (base + x @ d) * _LN2  # log odds, nats
        # log P(y | s) = y*s - log(1 + e^s), computed stably
        return float(np.sum(y * s - np.logaddexp(0.0, s)) - 0.5 * np.sum(precision * d * d))

    current = objective(delta)
    for _ in range(iterations):
        s = base + x @ delta
        p = 1.0 / (1.0 + np.exp2(-np.clip(s, -200, 200)))
        grad = _LN2 * (x.T @ (y - p)) - precision * delta
        w = _LN2 ** 2 * p * (1 - p)
        hess = (x.T * w) @ x + np.diag(precision)
        step = np.linalg.solve(hess, grad)
        scale = 1.0
        while scale > 1e-6:
            trial = delta + scale * step
            value = objective(trial)
            if value >= current:
                break
            scale /= 2
        else:
            break
        delta, current = trial, value
        if np.max(np.abs(scale * step)) < 1e-6:
            break
    return delta


def learn_from_verdicts(linker, labels: Iterable[tuple[str, str, bool]],
                        sd: float | None = None,
                        sd_intercept: float | None = None) -> tuple[dict | None, Learned]:
    """The model ``linker`` holds, moved by the verdicts ``labels``; ``None`` when
    there is nothing to learn (no verdict on a pair of the link input). ``sd`` and
    ``sd_intercept`` default to :data:`PRIOR_SD_BITS` and :data:`PRIOR_SD_INTERCEPT_BITS`."""
    sd = PRIOR_SD_BITS if sd is None else sd
    sd_intercept = PRIOR_SD_INTERCEPT_BITS if sd_intercept is None else sd_intercept
    labels = list(labels)
    if not labels:
        return None, Learned()
    names, rows = _gamma_rows(linker, labels)
    if not rows:
        return None, Learned()
    model = linker.misc.save_model_to_json()
    comparisons = {c["output_column_name"]: c for c in model["comparisons"]}
    settings = linker._settings_obj
    # one column per (comparison, non-null level) that some verdict's pair shows
    columns: dict[tuple[str, int], int] = {}
    levels_of = {}
    for cc in settings.comparisons:
        for cl in cc._comparison_levels_excluding_null:
            levels_of[(cc.output_column_name, cl.comparison_vector_value)] = cl
    for _, _, gammas in rows:
        for name, g in zip(names, gammas):
            if g is not None and g >= 0 and (name, g) in levels_of:
                columns.setdefault((name, int(g)), len(columns) + 1)
    x = np.zeros((len(rows), len(columns) + 1))
    x[:, 0] = 1.0  # the prior odds
    for i, (_, _, gammas) in enumerate(rows):
        for name, g in zip(names, gammas):
            j = columns.get((name, int(g))) if g is not None else None
            if j:
                x[i, j] = 1.0
    y = np.array([1.0 if m else 0.0 for m, _, _ in rows])
    base = np.array([w for _, w, _ in rows])
    sds = np.full(x.shape[1], sd)
    sds[0] = sd_intercept
    delta = fit_shifts(x, base, y, sds)
    learned = Learned(verdicts=len(rows), matches=int(y.sum()), intercept=float(delta[0]))
    prior = model["probability_two_random_records_match"]
    odds = prior / (1 - prior) * 2.0 ** delta[0]
    model["probability_two_random_records_match"] = odds / (1 + odds)
    for (name, g), j in columns.items():
        d = float(delta[j])
        cl = levels_of[(name, g)]
        label = cl.label_for_charts
        learned.shifts[(name, label)] = d
        # the level by its index (gamma), as the pair's comparison vector gave
        # it: labels are for people (tally.link.levels)
        level = level_at(comparisons[name], g)
        if level is not None and not level.get("is_null_level"):
            _shift_level(level, d)
    return model, learned


def _shift_level(level: dict, d: float) -> None:
    """Add ``d`` bits to a level's weight log2(m/u), keeping m and u in (0, 1]."""
    m, u = level.get("m_probability"), level.get("u_probability")
    if not m or not u or d == 0:
        return
    if d < 0:
        level["m_probability"] = m * 2.0 ** d
    elif level.get("tf_adjustment_column"):
        # Splink's term-frequency factor is u / tf(value): lowering u would cancel
        level["m_probability"] = min(1.0, m * 2.0 ** d)
    else:
        level["u_probability"] = u * 2.0 ** -d
