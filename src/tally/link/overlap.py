"""How much two lists overlap: a prior for each pair of lists.

Fellegi–Sunter weighs a pair's evidence against one prior, the chance that two
records drawn at random are one person (λ). Tally estimates λ from strict
rules and an assumed recall: one number for every pair of records. Lists
overlap unevenly. An English rights-group list drawn from the same villages as
an Arabic one shares most of its dead with it; a morgue register meets a
Facebook page less often. A thin record ("Ahmad Hussein, March, Latakia")
carries little evidence of its own, so the prior decides it, and one prior
for all lists decides it wrongly for most of them.

With every field's m and u held fixed, EM's update for the prior of one pair
of lists A, B is the expected number of matches between them over the pairs
they make::

    λ_AB ← Σ_i p_i(λ_AB) / (n_A · n_B)

summed over the scored pairs of records from A and B (an unscored pair is
taken to be two people), iterated to its fixed point. Each pair of records
then weighs its evidence against its own lists' prior; the shift,
log2(odds(λ_AB) / odds(λ)), is reported with the pair's other weights as
"list overlap". Pairs within one list keep the model's own weight: the
"same source" comparison already says how often a list repeats a person.

The factor is bounded (:data:`FACTOR_BOUNDS`): lists of a few dozen records
say little about their overlap, and no prior should outweigh a field.
"""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

#: The odds of a match between two lists are never moved more than this far
#: from the model's one prior (3 bits either way).
FACTOR_BOUNDS = (1 / 8, 8.0)


def overlap_factors(
    pair_list: np.ndarray,
    match_weight: np.ndarray,
    pair_counts: np.ndarray,
    prior: float,
    *,
    bounds: tuple[float, float] = FACTOR_BOUNDS,
    max_iterations: int = 500,
    tolerance: float = 1e-7,
) -> np.ndarray:
    """Odds factor for each pair of lists, by EM on the prior alone.

    ``pair_list[i]`` is the index (into ``pair_counts``) of the pair of lists
    that scored pair ``i`` belongs to, ``match_weight[i]`` its log2 posterior
    odds under the model's prior ``prior`` (λ), and ``pair_counts[k]`` the
    number of record pairs lists ``k`` make (n_A · n_B). Returns, for each
    pair of lists, odds(λ_AB) / odds(λ), clipped to ``bounds``.
    """
    k = len(pair_counts)
    if k == 0:
        return np.ones(0)
    if not 0 < prior < 1:
        raise ValueError(f"the prior must lie strictly between 0 and 1, not {prior}")
    prior_odds = prior / (1 - prior)
    # the pair's Bayes factor (its evidence without the prior), as log2
    evidence = np.asarray(match_weight, float) - math.log2(prior_odds)
    evidence = np.clip(evidence, -1000.0, 1000.0)
    index = np.asarray(pair_list, np.int64)
    counts = np.asarray(pair_counts, float)
    lam = np.full(k, prior)
    for _ in range(max_iterations):
        odds = (lam / (1 - lam))[index]
        posterior = 1.0 / (1.0 + np.exp2(-(evidence + np.log2(odds))))
        new = np.bincount(index, posterior, k) / counts
        new = np.clip(new, 1e-300, 1 - 1e-12)
        done = np.allclose(new, lam, rtol=tolerance, atol=0)
        lam = new
        if done:
            break
    factors = (lam / (1 - lam)) / prior_odds
    return np.clip(factors, *bounds)


def overlap_rows(overlap: list[dict]) -> tuple[list[str], list[str], list[float]]:
    """The overlap table's columns (``list_l, list_r, shift``: both orientations
    of each pair of lists, the log2 of its odds factor) from a model's
    ``tally_list_overlap`` entries."""
    left, right, shift = [], [], []
    for entry in overlap:
        a, b = entry["lists"]
        s = math.log2(entry["factor"])
        left += [a, b]
        right += [b, a]
        shift += [s, s]
    return left, right, shift


def adjusted_sql(predictions: str, overlap: str, columns: str, namesakes: str = "0.0") -> str:
    """Each scored pair with its weight against its own lists' prior.

    Plain SQL that DuckDB and Spark both read: ``predictions`` is Splink's
    output (with ``source_id_l``/``source_id_r`` retained), ``overlap`` the
    table of :func:`overlap_rows`; ``namesakes`` an SQL term over ``p`` added
    to the weight (:func:`tally.link.namesakes.namesake_shift_sql`).
    """
    return (f"SELECT {columns}, p.match_weight + coalesce(o.shift, 0.0) + ({namesakes}) "
            f"AS adjusted_weight, coalesce(o.shift, 0.0) AS overlap_shift, "
            f"({namesakes}) AS namesake_shift "
            f"FROM {predictions} AS p LEFT JOIN {overlap} AS o "
            f"ON p.source_id_l = o.list_l AND p.source_id_r = o.list_r")


def log2_odds(probability: float) -> float:
    """A probability as a match weight (log2 odds); 0 and 1 as infinities."""
    if probability <= 0:
        return -math.inf
    if probability >= 1:
        return math.inf
    return math.log2(probability / (1 - probability))


def kept_sql(adjusted: str, keep_from: float) -> str:
    """The pairs at or above probability ``keep_from`` (``LinkSettings.keep_from``)."""
    weight = log2_odds(keep_from)
    where = "" if weight == -math.inf else f" WHERE adjusted_weight >= {weight!r}"
    return f"SELECT * FROM ({adjusted}) AS a{where}"


def field_weight_columns(columns) -> list[str]:
    """Splink's per-comparison weight columns (``mw_<name>``) among ``columns``,
    without the term-frequency adjustments (``mw_tf_adj_<name>``)."""
    return [c for c in columns if c.startswith("mw_") and not c.startswith("mw_tf_adj_")]


#: the comparisons whose levels tell relatives apart (tally.link.settings)
RELATIVE_FIELDS = ("given_name", "lineage")


def conflicts_sql(adjusted: str, conflict_below: float, fields: list[str],
                  field_below: float, bodies: bool = False,
                  relatives_below: float | None = None, match_below: float = 0.5,
                  apart: str | None = None) -> str:
    """Pairs that are clearly two people.

    Clearly two people: scored below probability ``conflict_below`` with at
    least one field (a ``fields`` weight column) weighing ``field_below`` bits
    or less. A low score alone is not enough: "Mohammad Hussein, Daraa" against
    "Mohammad Abdullah Hussein, Daraa, the day before" is unlikely for want of
    evidence, not because anything disagrees. With ``bodies`` (the predictions
    retain ``unidentified``), a pair with an unidentified body conflicts on the
    field alone, whatever its probability: a body of a man of 30-40 does not
    fit a woman of 52 however few records the prior was estimated from.
    With ``relatives_below``, a pair below the match probability ``match_below``
    with a name field (:data:`RELATIVE_FIELDS`) weighing that many bits or less
    is two people too: the name levels that weigh so little are the parts that separate relatives
    (a different given name between siblings, a different grandfather between
    cousins' sons), which a shared day and village must not outvote by
    transitivity or as a lone candidate. ``apart``: SQL over the pair's
    retained columns for pairs that are two people whatever their score
    (:data:`tally.link.settings.NAMESAKES_APART`).
    """
    conflict = log2_odds(conflict_below)
    if conflict == -math.inf or not fields:  # conflicts turned off
        return f"SELECT unique_id_l, unique_id_r FROM ({adjusted}) AS a WHERE FALSE"
    least = "least(" + ", ".join(f"coalesce({f}, 0.0)" for f in fields) + ")"
    unlikely = f"adjusted_weight < {conflict!r}"
    if bodies:
        unlikely = (f"({unlikely} OR coalesce(unidentified_l, FALSE) "
                    f"OR coalesce(unidentified_r, FALSE))")
    where = f"{unlikely} AND {least} <= {float(field_below)!r}"
    names = [f for f in fields if any(n in f for n in RELATIVE_FIELDS)]
    if relatives_below is not None and names:
        least_name = "least(" + ", ".join(f"coalesce({f}, 0.0)" for f in names) + ")"
        where = (f"({where}) OR (adjusted_weight < {log2_odds(match_below)!r} "
                 f"AND {least_name} <= {float(relatives_below)!r})")
    if apart:
        where = f"({where}) OR coalesce(({apart}), FALSE)"
    return f"SELECT unique_id_l, unique_id_r FROM ({adjusted}) AS a WHERE {where}"


def list_pairs(sizes: dict) -> list[tuple[str, str]]:
    """Every pair of lists, in order, of ``sizes`` (records per list)."""
    names = sorted(sizes)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]


def list_overlap(sizes: dict, keys: list[tuple[str, str]], pair_list: np.ndarray,
                 match_weight: np.ndarray, prior: float) -> list[dict]:
    """Each pair of lists' odds factor with its evidence, as a model stores it
    (``tally_list_overlap``): ``keys`` from :func:`list_pairs`, each scored pair's
    index into them (``pair_list``) and its ``match_weight``, whichever engine
    scored it (:func:`overlap_factors`)."""
    index = np.asarray(pair_list, np.int64)
    counts = np.array([sizes[a] * sizes[b] for a, b in keys], float)
    factors = overlap_factors(index, np.asarray(match_weight, float), counts, prior)
    scored = np.bincount(index, minlength=len(keys))
    return [{"lists": [a, b], "factor": float(f), "pairs_scored": int(c)}
            for (a, b), f, c in zip(keys, factors, scored) if c]


def prediction_floor(keep_from: float, floor: float = 1e-3) -> float:
    """The raw probability from which pairs are scored and kept for the overlap.

    Low enough that no pair the list overlap could lift to ``keep_from`` is
    missed, and that the overlap's EM counts the pairs that carry its mass:
    a pair below 0.001 adds at most 0.008 expected matches.
    """
    reach = log2_odds(keep_from) - math.log2(FACTOR_BOUNDS[1])
    return min(floor, 1.0 / (1.0 + 2.0 ** -reach)) if reach > -math.inf else 0.0


#: Doubtful pairs (below probability 0.5) join records into one component for
#: the conflicts only while it stays this small (:func:`kept_components`).
COMPONENT_LIMIT = 100


def kept_components(kept: pa.Table, limit: int = COMPONENT_LIMIT) -> pa.Table:
    """``unique_id, tally_component``: connected components of the kept pairs.

    Persons never span two components (clustering merges only along kept
    pairs), so conflicts are looked for within them only. A thin record's
    pair is kept from a probability that falls as the lists grow, and on
    100,000 hard-profile records such pairs chained 14,000 records into one
    component, whose blocked pairs the conflicts then scored all over again
    (at 200,000 the confined prediction took longer than the first, and 7.8
    GiB). So a component of more than ``limit`` records is cut along its
    weakest doubtful pairs (by ``adjusted_weight``, one bit at a time) until
    its parts are within the limit; the strong pairs (0 bits and up, the
    chains the conflicts are there to break) are never cut. A doubtful pair
    across two parts links only with no rival (tally.link.clustering).
    """
    left = kept.column("unique_id_l").to_numpy(zero_copy_only=False).astype(str)
    right = kept.column("unique_id_r").to_numpy(zero_copy_only=False).astype(str)
    if len(left) == 0:
        return pa.table({"unique_id": pa.array([], pa.string()),
                         "tally_component": pa.array([], pa.int64())})
    ids, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
    n, m = len(ids), len(left)
    a, b = inverse[:m], inverse[m:]
    labels = _components(n, a, b)
    if "adjusted_weight" not in kept.column_names:
        return _component_table(ids, labels)
    weight = np.asarray(kept.column("adjusted_weight").to_numpy(zero_copy_only=False), float)
    floor = max(math.floor(np.nanmin(weight)), -1000)
    for cut in range(floor + 1, 1):  # raise the weakest edges' bar, bit by bit, to 0
        sizes = np.bincount(labels)
        big = sizes[labels] > limit  # records in an oversized component
        if not big.any():
            break
        inside = big[a] & big[b] & (labels[a] == labels[b]) & (weight >= cut)
        sub = _components(n, a[inside], b[inside])
        # records of oversized components take their part's label, shifted
        # past the labels in use; the others keep theirs
        labels = np.where(big, sub + labels.max() + 1, labels)
        labels = np.unique(labels, return_inverse=True)[1]
    return _component_table(ids, labels)


def _component_table(ids: np.ndarray, labels: np.ndarray) -> pa.Table:
    return pa.table({"unique_id": pa.array(ids.tolist(), pa.string()),
                     "tally_component": pa.array(labels.astype(np.int64))})


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes, edges ``a[i]``-``b[i]``."""
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def within_components(model: dict) -> dict:
    """The model with each blocking rule confined to one component of kept pairs.

    The same blocked pairs as the model's own rules, only those whose two
    records share a ``tally_component``; records in no component (NULL)
    meet no one. Plain SQL for DuckDB and Spark alike.
    """
    out = {k: v for k, v in model.items() if not k.startswith("tally_")}
    rules = []
    for rule in model.get("blocking_rules_to_generate_predictions", []):
        rule = {"blocking_rule": rule} if isinstance(rule, str) else dict(rule)
        rule["blocking_rule"] = (f"l.tally_component = r.tally_component AND "
                                 f"({rule['blocking_rule']})")
        rules.append(rule)
    out["blocking_rules_to_generate_predictions"] = rules
    return out
