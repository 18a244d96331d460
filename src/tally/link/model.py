"""Train Tally's linkage model and score candidate pairs (Splink on DuckDB).

Splink works in its own in-memory DuckDB connection, so its scratch tables
never enter a project's store; the link input arrives as an Arrow table.

Training, in order:

1. ``probability_two_random_records_match`` from strict deterministic rules
   with an assumed recall;
2. u probabilities from random pairs (most random pairs are different people,
   so u is what agreement looks like by chance, e.g. for common names);
3. m probabilities by EM in blocks chosen so relatives killed together do not
   dominate (:func:`tally.link.settings.training_blocks`);
4. reviewers' verdicts, match and no-match, move each level's weight from
   its EM estimate (:mod:`tally.link.learning`).
"""

from __future__ import annotations

import json
import logging
import tempfile
import warnings
from dataclasses import dataclass
from typing import Callable

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker, block_on

from tally.link.learning import learn_from_verdicts
from tally.link.levels import GAMMA_PREFIX, level_labels
from tally.link.namesakes import namesake_shift_sql, records_per_person
from tally.link.overlap import (
    adjusted_sql,
    conflicts_sql,
    field_weight_columns,
    kept_components,
    kept_sql,
    list_overlap,
    list_pairs,
    overlap_rows,
    prediction_floor,
    within_components,
)
from tally.link.settings import (
    BOTH_FATHERS_FAMILY_AGREES,
    BOTH_FATHERS_OTHER,
    IDENTITY_FIELDS,
    MISSING_FATHER_LEVEL,
    MONOTONE_LEVELS,
    NAMESAKES_APART_COLUMNS,
    LinkSettings,
    identity_training_blocks,
    splink_settings,
    training_blocks,
)

#: Splink's settings validation only logs warnings, which log_level=ERROR drops: skip
#: it (its sqlglot parsing took seconds of each link, even of 11 records)
_QUIET = {"log_level": logging.ERROR, "validate_settings": False}


@dataclass
class ScoredPairs:
    """Pairs scored by the model, with each field's level and weight."""

    pairs: pa.Table  # unique_id_l, unique_id_r, match_weight, match_probability, comparison
    model: dict  # Splink's JSON model (settings and trained parameters)
    records: int
    #: unique_id_l, unique_id_r of pairs scored below the conflict probability
    #: (strong evidence of two people) between records that have a kept pair
    conflicts: pa.Table | None = None
    #: reviewers' verdicts (match and no-match) the model learned from (0: none)
    labels_learned: int = 0


def bounded_prior(prior: float, records: int) -> float:
    """The chance that two records drawn at random are one person, kept
    strictly between 0 and 1: the one place Tally bounds it.

    It is estimated from strict rules (:func:`_train`), and a list of distinct
    people, the first thing a documenter deduplicates, gives the rules nothing
    to find: the estimate is 0, and Splink takes its log (``math domain
    error``). A prior of 0 would also say that no two records are ever one
    person, which is the question linkage is asked, not an answer it may
    assume; 1 says that every pair is. Seeing no match among N pairs shows
    that matches are rarer than about one in N, not that there are none, so
    the prior is held within the rule of succession's bounds, 1/(N+2) and
    (N+1)/(N+2), with N = records·(records−1)/2. On any list with a match
    for the rules to find the estimate lies well inside them and is kept.
    """
    pairs = max(records, 2) * (max(records, 2) - 1) / 2
    low, high = 1.0 / (pairs + 2), (pairs + 1) / (pairs + 2)
    return min(max(float(prior), low), high)


class _Model:
    """A Splink linker in its own in-memory DuckDB, rebuildable from a snapshot.

    Splink changes its settings in place while an EM session runs; a session
    that fails half-way (e.g. a probability underflowing to zero) would leave
    a damaged model, so each training step can be rolled back.
    """

    def __init__(self, features: pa.Table, multi_source: bool, identity: tuple[str, ...],
                 memory_limit: str, namesakes: bool = False) -> None:
        # Splink's scratch tables spill to a private temporary folder, not the
        # working directory, and its memory is bounded so a million records fit.
        self.tmp = tempfile.TemporaryDirectory(prefix="tally-link-")
        self.con = duckdb.connect(config={"temp_directory": self.tmp.name,
                                          "memory_limit": memory_limit})
        self.con.register("_features", features)
        self.con.execute("CREATE TABLE link_input AS SELECT * FROM _features")
        self.con.unregister("_features")
        self.db_api = DuckDBAPI(connection=self.con)
        self.sdf = self.db_api.register("link_input")
        self.start(features, splink_settings(multi_source, identity, namesakes), identity)

    def start(self, features: pa.Table, settings, identity: tuple[str, ...]) -> None:
        """What every engine's model holds besides its database (``db_api``,
        ``sdf``): Spark's (tally.link.spark) calls this too, so whatever a
        training step needs belongs here, not in ``__init__``."""
        self.identity = identity
        self.linker = Linker(self.sdf, settings, **_QUIET)
        self.notes: list[str] = []
        self.father_missing = father_missing_share(features)

    def step(self, name: str, action) -> bool:
        """Run one training step; on failure restore the model and note why."""
        snapshot = self.linker.misc.save_model_to_json()
        try:
            action(self.linker)
            return True
        except Exception as exc:  # Splink raises plain exceptions for data it cannot train on
            self.notes.append(f"{name}: not trained ({type(exc).__name__}: {str(exc)[:160]})")
            self.linker = Linker(self.sdf, snapshot, **_QUIET)
            return False

    def bound_prior(self, records: int) -> None:
        """Keep the prior inside (0, 1): see :func:`bounded_prior`."""
        model = self.linker.misc.save_model_to_json()
        prior = model["probability_two_random_records_match"]
        bounded = bounded_prior(prior, records)
        if bounded != prior:
            self.notes.append(f"probability two random records match raised or lowered from "
                              f"{prior:.3g} to {bounded:.3g} (the strict rules found "
                              f"{'no' if prior < bounded else 'only'} matches)")
            model["probability_two_random_records_match"] = bounded
            self.linker = Linker(self.sdf, model, **_QUIET)

    def bound_evidence(self, floor: float) -> None:
        """Raise every trained m probability to at least ``floor``.

        EM drives the m of a level it rarely sees among likely matches towards
        zero, and then one disagreement is a veto worth a hundred bits: a
        disputed civilian/combatant status, a mistyped sex, or (seen on 50,000
        simulated records) four agreeing name parts. Real matches do show every
        level now and then; the floor keeps any single field from deciding alone.
        """
        model = self.linker.misc.save_model_to_json()
        changed = []
        for comparison in model.get("comparisons", []):
            for level in comparison["comparison_levels"]:
                m = level.get("m_probability")
                if m is not None and not level.get("is_null_level") and m < floor:
                    level["m_probability"] = floor
                    changed.append(f"{comparison['output_column_name']}: "
                                   f"{level.get('label_for_charts', '?')}")
        # more agreement is never less evidence (settings.MONOTONE_LEVELS):
        # a finer level's m is raised until its weight reaches the coarser one's
        levels = {(c["output_column_name"], lv.get("label_for_charts")): lv
                  for c in model.get("comparisons", []) for lv in c["comparison_levels"]}
        raised = set()
        for _ in MONOTONE_LEVELS:  # a raised level may in turn lift a finer one
            for name, finer, coarser in MONOTONE_LEVELS:
                fine, coarse = levels.get((name, finer)), levels.get((name, coarser))
                if not fine or not coarse:
                    continue
                fm, fu = fine.get("m_probability"), fine.get("u_probability")
                cm, cu = coarse.get("m_probability"), coarse.get("u_probability")
                if fm and fu and cm and cu and fm / fu < cm / cu * (1 - 1e-9):
                    fine["m_probability"] = min(1.0, fu * cm / cu)
                    raised.add(f"{name}: {finer} (to weigh as much as: {coarser})")
        changed += sorted(raised)
        if changed:
            self.notes.append(f"m raised to {floor} (EM had driven it towards 0), or to "
                              "keep more agreement from weighing less: " + "; ".join(changed))
            self.linker = Linker(self.sdf, model, **_QUIET)

    def missing_father_says_nothing(self) -> None:
        """Weigh "family agrees, father missing on one side" as the family's
        agreement alone (:data:`tally.link.settings.MISSING_FATHER_LEVEL`), with
        ``father_missing`` (set by :meth:`start`): of random pairs of records that
        both give a family name, the share where one gives no father
        (:func:`father_missing_share`).
        """
        father_missing = self.father_missing
        if not father_missing or not 0 < father_missing <= 1:
            return
        model = self.linker.misc.save_model_to_json()
        name, label = MISSING_FATHER_LEVEL
        for comparison in model.get("comparisons", []):
            if comparison["output_column_name"] != name:
                continue
            levels = {lv.get("label_for_charts"): lv for lv in comparison["comparison_levels"]}
            agree = sum(levels[k].get("m_probability") or 0 for k in BOTH_FATHERS_FAMILY_AGREES
                        if k in levels)
            rest = sum(levels[k].get("m_probability") or 0 for k in BOTH_FATHERS_OTHER
                       if k in levels)
            level = levels.get(label)
            if level is None or not agree or not level.get("u_probability"):
                return
            m, u = agree / (agree + rest), min(level["u_probability"] / father_missing, 0.999)
            self.notes.append(f"{name}: {label}: m {level.get('m_probability') or 0:.3g} -> "
                              f"{m:.3g}, u {level['u_probability']:.3g} -> {u:.3g} (a missing "
                              "father says nothing; the family's agreement weighs as where "
                              "both give one)")
            level["m_probability"], level["u_probability"] = m, u
        self.linker = Linker(self.sdf, model, **_QUIET)

    def close(self) -> None:
        self.con.close()
        self.tmp.cleanup()


def score_pairs(
    features: pa.Table,
    settings: LinkSettings,
    *,
    labels: list[tuple[str, str, bool]] = (),
    progress: Callable[[str], None] | None = None,
) -> ScoredPairs:
    """Train on ``features`` (the link input) and score every blocked pair;
    ``labels`` are reviewers' verdicts (record, record, is a match) to learn from;
    ``progress`` is told each step (``tally link`` prints them with the time)."""
    say = progress or (lambda _m: None)
    n = features.num_rows
    empty = pa.table({"unique_id_l": pa.array([], pa.string()),
                      "unique_id_r": pa.array([], pa.string()),
                      "match_weight": pa.array([], pa.float64()),
                      "match_probability": pa.array([], pa.float64()),
                      "comparison": pa.array([], pa.string())})
    if n < 2:
        return ScoredPairs(empty, {}, n)
    multi_source = len(set(features.column("source_id").to_pylist())) > 1
    state = _Model(features, multi_source, identity_fields(features), settings.memory_limit,
                   settings.namesake_density)
    try:
        with warnings.catch_warnings():
            # Splink warns about levels it could not train on; those keep their
            # shipped priors, which is what we want.
            warnings.simplefilter("ignore")
            say("training: prior, u from random pairs, EM sessions")
            learned = _train(state, settings, n, labels)
            state.bound_evidence(settings.min_m_probability)
            # the pairs any threshold can reach once the lists' overlap moves
            # them (and those the overlap's EM could count at all)
            prior = state.linker.misc.save_model_to_json()["probability_two_random_records_match"]
            keep_from = settings.keep_from_for(prior)  # thin records' pairs: by evidence
            say("scoring the blocked pairs")
            predictions = state.linker.inference.predict(
                threshold_match_probability=prediction_floor(keep_from))
            say(f"{_rows(state.con, predictions.physical_name):,} pairs scored from "
                f"probability {prediction_floor(keep_from):.2g}; the lists' overlap")
            model = state.linker.misc.save_model_to_json()
            model["tally_training_notes"] = state.notes
            model["tally_list_overlap"] = _estimate_overlap(
                state.con, predictions.physical_name, model,
                multi_source and n >= settings.min_records_to_train)
            _register_overlap(state.con, model["tally_list_overlap"])
            per_person = records_per_person(prior, n) if settings.namesake_density else None
            adjusted = adjusted_sql(predictions.physical_name, "_tally_overlap", "p.*",
                                    namesake_shift_sql(per_person))
            table = state.con.sql(kept_sql(adjusted, keep_from)).to_arrow_table()
            say(f"{table.num_rows:,} pairs kept; conflicts within their components")
            conflicts = _conflicts(state, model, table, settings)
    finally:
        state.close()
    say("each kept pair's detail")
    comparisons = pair_comparisons(table, model)
    return ScoredPairs(pair_table(table, comparisons), model, n, conflicts, learned)


def pair_comparisons(table: pa.Table, model: dict) -> list[str]:
    """Each kept pair's per-field detail (level and weight, term frequencies and
    the lists' overlap included) as JSON, from the prediction's ``mw_`` columns:
    what the review queue shows, whichever engine scored the pair."""
    labels = level_labels(model)
    names = [c[3:] for c in field_weight_columns(table.column_names)]
    weights = {name: table.column("mw_" + name).to_pylist() for name in names}
    # each level named by its index (tally.link.levels), never by its weight:
    # two levels may weigh the same
    gammas = {name: table.column(GAMMA_PREFIX + name).to_pylist() for name in names
              if GAMMA_PREFIX + name in table.column_names}
    tf = {name: table.column("mw_tf_adj_" + name).to_pylist() for name in names
          if "mw_tf_adj_" + name in table.column_names}
    shifts = table.column("overlap_shift").to_pylist()
    list_l = table.column("source_id_l").to_pylist()
    list_r = table.column("source_id_r").to_pylist()
    comparisons = []
    for i in range(table.num_rows):
        detail = {}
        for name in names:
            w = weights[name][i]
            total = w + (tf[name][i] or 0.0) if name in tf and w is not None else w
            g = gammas[name][i] if name in gammas else None
            detail[name] = {"level": labels.get(name, {}).get(g, "?") if g is not None else "?",
                            "gamma": g,
                            "weight": round(total, 2) if total is not None else None}
        if shifts[i]:
            detail["list_overlap"] = {"level": f"{list_l[i]} and {list_r[i]}",
                                      "weight": round(shifts[i], 2)}
        comparisons.append(json.dumps(detail, ensure_ascii=False))
    return comparisons


def _rows(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def pair_table(kept: pa.Table, comparisons: list[str] | None = None) -> pa.Table:
    """The kept pairs as every engine returns them: ids, the weight against the
    lists' prior (``adjusted_weight``), its probability, and where given each
    pair's per-field detail."""
    weight = kept.column("adjusted_weight").cast(pa.float64())
    columns = {
        "unique_id_l": kept.column("unique_id_l").cast(pa.string()),
        "unique_id_r": kept.column("unique_id_r").cast(pa.string()),
        "match_weight": weight,
        "match_probability": probability_of(weight),
    }
    if comparisons is not None:
        columns["comparison"] = pa.array(comparisons, pa.string())
    return pa.table(columns)


def probability_of(weight: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Match probability from a match weight (log2 odds), as on every engine."""
    w = np.clip(np.asarray(weight.to_numpy(zero_copy_only=False), float), -1000.0, 1000.0)
    return pa.array(1.0 / (1.0 + np.exp2(-w)), pa.float64())


def id_pairs(table: pa.Table) -> pa.Table:
    """``unique_id_l, unique_id_r`` of ``table``, as strings."""
    return pa.table({"unique_id_l": table.column("unique_id_l").cast(pa.string()),
                     "unique_id_r": table.column("unique_id_r").cast(pa.string())})


def _estimate_overlap(con, predictions: str, model: dict, estimate: bool) -> list[dict]:
    """Each pair of lists' odds factor (:mod:`tally.link.overlap`), with its evidence."""
    if not estimate:
        return []
    sizes = dict(con.execute("SELECT source_id, count(*) FROM link_input "
                             "WHERE source_id IS NOT NULL GROUP BY 1").fetchall())
    keys = list_pairs(sizes)
    if not keys:
        return []
    con.register("_tally_list_pairs", pa.table({
        "list_a": [a for a, _ in keys], "list_b": [b for _, b in keys],
        "k": list(range(len(keys)))}))
    found = con.execute(
        f"SELECT l.k, p.match_weight FROM {predictions} AS p JOIN _tally_list_pairs AS l "
        "ON least(p.source_id_l, p.source_id_r) = l.list_a "
        "AND greatest(p.source_id_l, p.source_id_r) = l.list_b").fetchnumpy()
    con.unregister("_tally_list_pairs")
    return list_overlap(sizes, keys, found["k"], found["match_weight"],
                        model["probability_two_random_records_match"])


def _conflicts(state: _Model, model: dict, kept: pa.Table, settings: LinkSettings) -> pa.Table:
    """Blocked pairs within the kept pairs' components that are clearly two people.

    Clustering only ever merges along kept pairs, so a conflict can matter
    only inside one connected component of them; scoring the blocked pairs
    there, rather than every blocked pair, keeps a million records' unlikely
    pairs (tens of gigabytes) out of the database.
    """
    components = kept_components(kept)
    if components.num_rows == 0:
        return id_pairs(kept.slice(0, 0))
    state.con.register("_tally_components", components)
    state.con.execute("CREATE OR REPLACE TABLE link_input_components AS SELECT i.*, "
                      "c.tally_component FROM link_input AS i "
                      "LEFT JOIN _tally_components AS c USING (unique_id)")
    state.con.unregister("_tally_components")
    linker = Linker(state.db_api.register("link_input_components"),
                    namesakes_retained(within_components(model), settings), **_QUIET)
    predictions = linker.inference.predict()
    columns = predictions.as_duckdbpyrelation().columns
    return id_pairs(state.con.sql(conflicts_sql(
        adjusted_sql(predictions.physical_name, "_tally_overlap", "p.*"),
        settings.conflict_probability, field_weight_columns(columns),
        settings.conflict_field_weight,
        bodies="unidentified_l" in columns, relatives_below=settings.relative_field_weight,
        match_below=settings.match_threshold, apart=settings.namesakes_apart_sql)).to_arrow_table())


def namesakes_retained(model: dict, settings: LinkSettings) -> dict:
    """``model`` retaining the columns the conflicts read to tell namesakes
    apart (:data:`tally.link.settings.NAMESAKES_APART`), where
    ``settings.namesakes_apart`` is on; as it is otherwise."""
    if not settings.namesakes_apart:
        return model
    out = dict(model)
    kept = list(out.get("additional_columns_to_retain") or [])
    out["additional_columns_to_retain"] = kept + [c for c in NAMESAKES_APART_COLUMNS
                                                  if c not in kept]
    return out


def _register_overlap(con, overlap: list[dict]) -> None:
    left, right, shift = overlap_rows(overlap)
    con.register("_tally_overlap", pa.table({
        "list_l": pa.array(left, pa.string()), "list_r": pa.array(right, pa.string()),
        "shift": pa.array(shift, pa.float64())}))


def identity_fields(features: pa.Table, share: float = 0.1) -> tuple[str, ...]:
    """The identity fields at least ``share`` of the records have."""
    found = []
    for name, (column, _) in IDENTITY_FIELDS.items():
        if column in features.column_names:
            present = features.num_rows - features.column(column).null_count
            if features.num_rows and present / features.num_rows >= share:
                found.append(name)
    return tuple(found)


def father_missing_share(features: pa.Table) -> float | None:
    """Of pairs of records that both give a family name, the share where at
    least one gives no father (None: no such records)."""
    if "family_key" not in features.column_names or "father_key" not in features.column_names:
        return None
    family = pc.is_valid(features.column("family_key"))
    named = pc.sum(family.cast(pa.int64())).as_py() or 0
    if not named:
        return None
    fathers = pc.sum(pc.and_(family, pc.is_valid(features.column("father_key"))).cast(
        pa.int64())).as_py() or 0
    return 1.0 - (fathers / named) ** 2


def _train(state: _Model, settings: LinkSettings, n: int, labels) -> int:
    """Train the model; return how many reviewers' verdicts taught it
    (:mod:`tally.link.learning`: match and no-match, EM as the prior)."""
    strict = [block_on("given_key", "father_key", "family_key", "date_start")]
    if "national_id" in state.identity:
        strict.append(block_on("id_key", "given_key"))
    elif "birth_date" in state.identity:
        strict.append(block_on("birth_digits", "given_key", "family_key"))
    state.step("probability two random records match",
               lambda lk: lk.training.estimate_probability_two_random_records_match(
                   strict, recall=settings.deterministic_recall))
    state.bound_prior(n)  # before EM starts from it
    if n < settings.min_records_to_train:
        state.notes.append(f"{n} records: too few to train on; the shipped priors are the model")
    else:
        _train_unlabelled(state, settings, n)
        state.missing_father_says_nothing()
    if labels:  # a small project learns from its reviewers too
        # from the model as it will score: a level EM drove to a -100-bit veto,
        # which the floor lifts, would otherwise demand a shift of tens of bits
        state.bound_evidence(settings.min_m_probability)
        try:
            model, learned = learn_from_verdicts(state.linker, labels)
        except Exception as exc:  # Splink's label pipeline on data it cannot compare
            state.notes.append(f"verdicts: not learned ({type(exc).__name__}: {str(exc)[:160]})")
            return 0
        if model is not None:
            state.linker = Linker(state.sdf, model, **_QUIET)
            state.notes.append(learned.note())
            return learned.verdicts
    return 0


def _train_unlabelled(state: _Model, settings: LinkSettings, n: int) -> None:
    """u from random pairs, then m by EM in the designed blocks."""
    state.step("u from random pairs",
               lambda lk: lk.training.estimate_u_using_random_sampling(
                   max_pairs=settings.u_max_pairs, seed=settings.seed))
    for i, rule in enumerate(training_blocks() + identity_training_blocks(state.identity),
                             start=1):
        state.step(f"EM session {i}",
                   lambda lk, rule=rule: lk.training.estimate_parameters_using_expectation_maximisation(
                       rule, estimate_without_term_frequencies=True,
                       max_pairs=settings.em_max_pairs,
                       record_sample_proportion=1.0 if n < 200_000 else 0.05))
