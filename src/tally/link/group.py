"""Group evidence: records that arrived together and match as a group.

A list writes the dead of one incident together: one document, one day, one
place (the record's *arrival group*). Two lists' accounts of one massacre are
two such groups, and their records match each other as a group. Pairwise
scoring sees each pair alone; two things it cannot see are done here, between
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
* **group support** (:func:`support_levels`, :func:`support_weights`; off by
  default: ``LinkSettings.group_support``). For a pair (a, b), how many *other*
  confident pairs join a's group to b's, touching neither record, or whether
  a or b already has another confident partner there. Its weight is measured
  on the run's own pairs by one EM step (m from the pairs' match
  probabilities, u from the rest, every other field fixed) within each stratum
  of date and place agreement, so the same-day, same-place pairs the event
  comparison already rewards are not rewarded twice. It is off because it did
  not clearly gain: F1 +0.001-0.002 at 50,000 records, -0.001 on four of six
  runs at 5,000 (thin records' recall fell on ``field``); even weights set from
  the truth (in-sample) gained at most 0.010.
"""

from __future__ import annotations

import math
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

#: support levels: no group on one side (or both records in one group); a
#: group whose other records share no confident pair, one such pair, two or
#: more; one of the two records already has another confident partner there
NO_GROUP, NONE_SHARED, ONE_SHARED, MORE_SHARED, TAKEN = -1, 0, 1, 2, 3
#: a pair at or above this probability is confident: it counts as support
CONFIDENT = 0.5
#: more records of one list, day and place than this are not one arrival
#: (a news list's day of a whole province); measured: groups up to 1,000
#: cost field 50k F1 0.013 through the support levels
MAX_GROUP = 40
#: the support weight is never more than this many bits either way
MAX_SHIFT = 4.0
#: pseudo-count of pairs spread over a stratum's levels when estimating m and u
PSEUDO = 1.0


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


def support_levels(a, b, ga, gb, confident: np.ndarray) -> np.ndarray:
    """Each pair's support level (see :data:`TAKEN`): for records ``a``,
    ``b`` (row numbers) in groups ``ga``, ``gb``, how many other confident
    pairs join the two groups touching neither record (capped at
    :data:`MORE_SHARED`), or :data:`TAKEN` when either record already has
    another confident partner in the other's group."""
    level = np.full(len(a), NO_GROUP, np.int64)
    grouped = (ga >= 0) & (gb >= 0) & (ga != gb)
    if not grouped.any():
        return level
    c = confident & grouped
    span = np.int64(max(int(ga.max()), int(gb.max())) + 1)
    key = np.minimum(ga, gb) * span + np.maximum(ga, gb)
    total = _count(key[c], key)  # confident pairs between the two groups
    half = np.concatenate([(a * span + gb)[c], (b * span + ga)[c]])
    from_a, from_b = _count(half, a * span + gb), _count(half, b * span + ga)
    own = c.astype(np.int64)
    shared = np.minimum(total - from_a - from_b + own, MORE_SHARED)
    taken = (from_a - own > 0) | (from_b - own > 0)
    level[grouped] = np.where(taken, TAKEN, shared)[grouped]
    return level


def strata(features: pa.Table, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each pair's date and place agreement (0-3: same day? same place?), the
    evidence the event comparison has already weighed."""
    day = pc.fill_null(features.column("date_start").cast(pa.date32()).cast(pa.int32()), -1).to_numpy()
    place = pc.fill_null(pc.coalesce(features.column("place_id"), features.column("district_id"),
                                     features.column("governorate_id")).cast(pa.string()),
                         "").to_numpy(zero_copy_only=False)
    same_day = (day[a] == day[b]) & (day[a] >= 0)
    same_place = (place[a] == place[b]) & (place[a] != "")
    return same_day.astype(np.int64) * 2 + same_place.astype(np.int64)


def support_weights(level: np.ndarray, stratum: np.ndarray,
                    probability: np.ndarray) -> tuple[np.ndarray, dict]:
    """The weight, log2(m/u), of each pair's support level within its stratum.

    m and u are estimated on the pairs themselves: a pair counts towards m
    with its match probability and towards u with the rest (one EM step, every
    other field's weight fixed; more steps fed the levels' own weight back and
    overshot the truth's by up to 1.5 bits at 50,000 records). :data:`TAKEN`
    never counts for a match: a record's other confident partner in the group
    is its twin or a duplicate, never evidence that this one is too. Pairs
    with no group get 0. Returns the weights and, for the run's notes,
    (stratum, level) -> (bits, pairs)."""
    p = np.clip(np.asarray(probability, float), 0.0, 1.0)
    shift = np.zeros(len(level))
    table = {}
    grouped = level >= 0
    levels = (NONE_SHARED, ONE_SHARED, MORE_SHARED, TAKEN)
    for s in np.unique(stratum[grouped]):
        inside = grouped & (stratum == s)
        m_all, u_all = p[inside].sum() + PSEUDO, (1 - p[inside]).sum() + PSEUDO
        for lv in levels:
            at = inside & (level == lv)
            m = (p[at].sum() + PSEUDO / len(levels)) / m_all
            u = ((1 - p[at]).sum() + PSEUDO / len(levels)) / u_all
            w = float(np.clip(math.log2(m / u), -MAX_SHIFT, MAX_SHIFT))
            if lv == TAKEN:
                w = min(w, 0.0)
            shift[at] = w
            table[(int(s), lv)] = (round(w, 2), int(at.sum()))
    return shift, table


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
    """``scored`` with group evidence (the settings' ``group_support`` and
    ``group_assignment``): support added to each pair's weight, and the pairs
    the assignment rejects demoted to the conflict probability and kept apart
    as the model's conflicts are. A note in the model says what was done."""
    pairs = scored.pairs
    support, assign = settings.group_support, settings.group_assignment
    if pairs.num_rows == 0 or not (support or assign):
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
    notes = []
    if support:
        prob = pairs.column("match_probability").to_numpy(zero_copy_only=False).astype(float)
        shift, table = support_weights(support_levels(a, b, ga, gb, prob >= CONFIDENT),
                                       strata(features, a, b), prob)
        weight = weight + shift
        notes.append("group support, (date-place stratum, level): (bits, pairs): " + "; ".join(
            f"{k}: {v}" for k, v in sorted(table.items())))
    conflicts = scored.conflicts
    if assign:
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
        notes.append(f"group assignment: {int(rejected.sum())} pairs between two arrival groups "
                     "demoted (both records had a better partner there)")
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
