"""Group evidence: records that arrived together and match as a group.

A list writes the dead of one incident together: one document, one day, one
place (the record's *arrival group*). Two lists' accounts of one massacre are
two such groups, and their records match each other as a group. Pairwise
scoring sees each pair alone; what it cannot see is done here, between
scoring and clustering, on either engine's scored pairs (Arrow in, Arrow out):

* **one-to-one within matched groups** (:func:`assignment_rejects`, on by
  default: ``LinkSettings.group_assignment``). Relatives killed together
  (sisters one letter apart, one father) all look alike across two lists'
  groups. An assignment between the two groups, each record paired with at
  most one of the other's, says who is whom; a pair it rejects where *both*
  records were given a better partner in the other group is demoted to a
  conflict (two people), so no chain of links joins them either. A record its
  own list holds twice finds no second partner there (its twin took it), so
  within-list duplicates are never demoted by it; nor is a pair with an
  unidentified body (it has no name to tell sisters apart, and its own rule).
  Measured on the development profiles (benchmarks/RESULTS.md, "Link II, wave
  5: group evidence"): false merges of relatives fell by up to 6%, F1 rose by
  0.000-0.002 and never fell (the one-document rule already keeps most sister
  swaps apart).

Group *support* (other confident pairs between the two records' groups
added to a pair's weight, by one EM step) was built in wave 5 and removed in
wave 7: it measured nothing (+0.001-0.002 F1 at 50,000 records, -0.001 on
four of six runs at 5,000; weights set from the truth gained at most 0.010).
Nor do a thin news record's co-arrivals (its list's records of one report
date and governorate) say which of its namesakes it is. Measured in-sample
at 50,000 records (seed 1): where two or more persons of its name die in its
report window and the co-arrivals' persons share a day and district with
exactly one of them, that one is its person 48-54% of the time (mosaic,
ledger, field); where one namesake is in its window, a co-arrivals' match
changes nothing (80-86% right with one, 79-87% without). The wrong namesakes
are of other incidents (94-98%), but a list's records of one report date and
governorate are no article: they span the governorate's incidents of up to
four days, and among them the wrong namesake's as often as the right one's
(benchmarks/RESULTS.md, "Link II, wave 7").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.optimize import linear_sum_assignment

from tally.link.model import probability_of
from tally.link.overlap import log2_odds

if TYPE_CHECKING:
    from tally.link.model import ScoredPairs
    from tally.link.settings import LinkSettings

#: more records of one list, day and place than this are not one arrival
#: (a news list's day of a whole province)
MAX_GROUP = 40


def arrival_groups(features: pa.Table) -> np.ndarray:
    """Each record's arrival group as an integer (-1: none): one list's
    records of one day and one place (the finest it gives), at least two and
    at most :data:`MAX_GROUP` of them."""
    con = duckdb.connect(config={"memory_limit": "1GB"})
    try:
        con.register("f", features.select(["list_id", "date_start", "date_precision",
                                           "place_id", "district_id", "governorate_id"]))
        gid = con.execute(f"""
            WITH k AS (
                SELECT row_number() OVER () - 1 AS i,
                       CASE WHEN list_id IS NOT NULL AND date_start IS NOT NULL
                             AND date_precision IN ('day', 'report')
                             AND coalesce(place_id, district_id, governorate_id) IS NOT NULL
                       THEN list_id || '|' || CAST(date_start AS VARCHAR) || '|'
                            || coalesce(place_id, district_id, governorate_id) END AS key
                FROM f),
            n AS (SELECT *, count(*) OVER (PARTITION BY key) AS size FROM k)
            SELECT CASE WHEN key IS NULL OR size < 2 OR size > {MAX_GROUP} THEN -1
                        ELSE dense_rank() OVER (ORDER BY key) - 1 END AS g
            FROM n ORDER BY i""").fetchnumpy()["g"]
    finally:
        con.close()
    return np.asarray(gid, np.int64)


def pair_records(features: pa.Table, pairs: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's two records as row numbers of ``features``."""
    ids = features.column("unique_id").cast(pa.string())

    def index(col: str) -> np.ndarray:
        found = pc.index_in(pairs.column(col).cast(pa.string()), value_set=ids)
        return found.to_numpy(zero_copy_only=False).astype(np.int64)

    return index("unique_id_l"), index("unique_id_r")


def _count(keys: np.ndarray, at: np.ndarray) -> np.ndarray:
    """How often each of ``at`` occurs among ``keys``."""
    if len(keys) == 0:
        return np.zeros(len(at), np.int64)
    u, n = np.unique(keys, return_counts=True)
    pos = np.clip(np.searchsorted(u, at), 0, len(u) - 1)
    return np.where(u[pos] == at, n[pos], 0)


def assignment_rejects(a, b, ga, gb, weight: np.ndarray) -> np.ndarray:
    """Pairs an assignment between their two groups rejects where both records
    were given a better partner (mask over the pairs).

    Each pair of groups with a record that has two candidates in the other is
    solved (scipy's ``linear_sum_assignment`` on the pairs' weights, a
    non-pair or a negative weight counting as nothing); the groups are small,
    so this is one small matrix per such pair of groups."""
    reject = np.zeros(len(a), bool)
    cross = np.flatnonzero((ga >= 0) & (gb >= 0) & (ga != gb))
    if len(cross) == 0:
        return reject
    # orient each pair from its lower group to its higher one
    low_first = ga[cross] < gb[cross]
    x = np.where(low_first, a[cross], b[cross])
    y = np.where(low_first, b[cross], a[cross])
    key = np.unique(np.minimum(ga[cross], gb[cross]) * np.int64(int(max(ga.max(), gb.max())) + 1)
                    + np.maximum(ga[cross], gb[cross]), return_inverse=True)[1].reshape(-1)
    stride = np.int64(max(int(a.max()), int(b.max())) + 1)
    kx, ky = key * stride + x, key * stride + y
    # a rejection needs both records to have another candidate in the other group
    both = (_count(kx, kx) > 1) & (_count(ky, ky) > 1)
    if not both.any():
        return reject
    chosen_keys = np.unique(key[both])
    sub = np.flatnonzero(np.isin(key, chosen_keys))
    sub = sub[np.argsort(key[sub], kind="stable")]
    for chunk in np.split(sub, np.flatnonzero(np.diff(key[sub])) + 1):
        xs, xi = np.unique(x[chunk], return_inverse=True)
        ys, yi = np.unique(y[chunk], return_inverse=True)
        w = weight[cross[chunk]]
        score = np.zeros((len(xs), len(ys)))
        score[xi, yi] = np.maximum(w, 0.0) + 1e-9
        full = np.full((len(xs), len(ys)), -np.inf)
        full[xi, yi] = w
        rows, cols = linear_sum_assignment(score, maximize=True)
        real = np.isfinite(full[rows, cols])
        partner_x = np.full(len(xs), -1)
        partner_y = np.full(len(ys), -1)
        partner_x[rows[real]], partner_y[cols[real]] = cols[real], rows[real]
        px, py = partner_x[xi], partner_y[yi]
        better_x = (px >= 0) & (px != yi) & (full[xi, np.maximum(px, 0)] > w)
        better_y = (py >= 0) & (py != xi) & (full[np.maximum(py, 0), yi] > w)
        reject[cross[chunk]] = better_x & better_y
    return reject


def with_group_evidence(features: pa.Table, scored: ScoredPairs,
                        settings: LinkSettings) -> ScoredPairs:
    """``scored`` with group evidence (``LinkSettings.group_assignment``): the
    pairs the assignment rejects demoted to the conflict probability and kept
    apart as the model's conflicts are. A note in the model says what was done."""
    pairs = scored.pairs
    if pairs.num_rows == 0 or not settings.group_assignment:
        return scored
    groups = arrival_groups(features)
    a, b = pair_records(features, pairs)
    # an unidentified body has no name to tell relatives apart, and its pairs
    # have their own rule (clustering.attach_bodies: the one victim that fits
    # with no rival): a demoted rival would let a body join one of four sisters
    body = pc.fill_null(features.column("unidentified"), False).to_numpy(zero_copy_only=False)
    named = ~(body[a] | body[b])
    ga, gb = np.where(named, groups[a], -1), np.where(named, groups[b], -1)
    weight = pairs.column("match_weight").to_numpy(zero_copy_only=False).astype(float)
    given = weight.copy()
    conflicts = scored.conflicts
    rejected = assignment_rejects(a, b, ga, gb, weight)
    if rejected.any():
        cp = settings.conflict_probability or 0.01
        weight = np.where(rejected, np.minimum(weight, log2_odds(cp)), weight)
        apart = pairs.filter(pa.array(rejected)).select(["unique_id_l", "unique_id_r"])
        if conflicts is not None:
            apart = pa.concat_tables([conflicts.select(["unique_id_l", "unique_id_r"]),
                                      apart.cast(conflicts.select(
                                          ["unique_id_l", "unique_id_r"]).schema)])
        conflicts = apart
    notes = [f"group assignment: {int(rejected.sum())} pairs between two arrival groups "
             "demoted (both records had a better partner there)"]
    at = pairs.column_names.index("match_weight")
    pairs = pairs.set_column(at, "match_weight", pa.array(weight, pa.float64()))
    at = pairs.column_names.index("match_probability")
    # a pair the group step left alone keeps its engine's probability to the last bit
    probability = np.where(weight == given, pairs.column("match_probability").to_numpy(
        zero_copy_only=False).astype(float), probability_of(pa.array(weight)).to_numpy())
    pairs = pairs.set_column(at, "match_probability", pa.array(probability, pa.float64()))
    model = dict(scored.model or {})
    model["tally_training_notes"] = [*model.get("tally_training_notes", []), *notes]
    return replace(scored, pairs=pairs, conflicts=conflicts, model=model)
