"""Group evidence (tally.link.group): records that arrived together.

Hand-made records and scored pairs, so what is tested is what the group step
does with a model's scores, not the model: two lists each write the dead of
one incident on one day at one place (an arrival group).
"""

import math
from datetime import date

import pyarrow as pa

from tally.link.clustering import cluster_pairs
from tally.link.group import with_group_evidence
from tally.link.model import ScoredPairs
from tally.link.settings import LinkSettings


def features(rows):
    """rows: (id, list, day, place, thin)."""
    ids, lists, days, places, fathers = [], [], [], [], []
    for rid, lst, day, place, thin in rows:
        ids.append(rid)
        lists.append(lst)
        days.append(day)
        places.append(place)
        fathers.append(None if thin else "f_" + rid)
    n = len(rows)
    return pa.table({
        "unique_id": pa.array(ids, pa.string()),
        "source_id": pa.array(lists, pa.string()),
        "list_id": pa.array(lists, pa.string()),
        "unidentified": pa.array([False] * n),
        "father_key": pa.array(fathers, pa.string()),
        "grandfather_key": pa.array([None] * n, pa.string()),
        "date_start": pa.array(days, pa.date32()),
        "date_precision": pa.array(["day"] * n, pa.string()),
        "place_id": pa.array(places, pa.string()),
        "district_id": pa.array([None] * n, pa.string()),
        "governorate_id": pa.array(["G1"] * n, pa.string()),
    })


def scored(pairs, n):
    """pairs: (id, id, probability)."""
    weights = [math.log2(p / (1 - p)) for _, _, p in pairs]
    return ScoredPairs(pa.table({
        "unique_id_l": pa.array([a for a, _, _ in pairs], pa.string()),
        "unique_id_r": pa.array([b for _, b, _ in pairs], pa.string()),
        "match_weight": pa.array(weights, pa.float64()),
        "match_probability": pa.array([p for _, _, p in pairs], pa.float64()),
    }), {}, n, pa.table({"unique_id_l": pa.array([], pa.string()),
                         "unique_id_r": pa.array([], pa.string())}))


def persons(table, result, settings):
    clustering = cluster_pairs(table, result, settings, {})
    found = {}
    for rid, person in zip(clustering.ids, clustering.cluster_of):
        found.setdefault(person, set()).add(rid)
    return sorted(sorted(p) for p in found.values())


DAY = date(2025, 3, 1)

#: two sisters, Salma and Lama, killed together, on list A and on list B, and
#: a news report ("S. Hussein", given and family name only) that fits Salma on
#: A and Lama on B alike
SISTERS = [
    ("salma_a", "A", DAY, "P1", False), ("lama_a", "A", DAY, "P1", False),
    ("salma_b", "B", DAY, "P1", False), ("lama_b", "B", DAY, "P1", False),
    ("news", "C", date(2025, 3, 2), None, True),
]
SISTER_PAIRS = [
    ("news", "lama_b", 0.99), ("news", "salma_a", 0.99),
    ("salma_a", "salma_b", 0.97), ("lama_a", "lama_b", 0.9),
    ("lama_a", "salma_b", 0.85), ("salma_a", "lama_b", 0.8),
]


def test_each_sister_pairs_with_herself_not_her_sister():
    table = features(SISTERS)
    result = scored(SISTER_PAIRS, table.num_rows)
    off = LinkSettings(group_assignment=False)
    # pair by pair, the news report chains Salma on A to Lama on B, and Lama on
    # A then takes Salma on B: both sisters are wrong
    assert persons(table, with_group_evidence(table, result, off), off) == [
        ["lama_a", "salma_b"], ["lama_b", "news", "salma_a"]]
    on = LinkSettings()
    grouped = with_group_evidence(table, result, on)
    found = persons(table, grouped, on)
    assert ["lama_a", "lama_b"] in [sorted(set(p) - {"news"}) for p in found]
    assert ["salma_a", "salma_b"] in [sorted(set(p) - {"news"}) for p in found]
    # the rejected pairs now say two people, as stored and shown to reviewers
    probability = dict(zip(zip(grouped.pairs.column("unique_id_l").to_pylist(),
                               grouped.pairs.column("unique_id_r").to_pylist()),
                           grouped.pairs.column("match_probability").to_pylist()))
    assert probability[("salma_a", "lama_b")] <= 0.011
    assert probability[("lama_a", "salma_b")] <= 0.011
    assert probability[("salma_a", "salma_b")] == 0.97
    assert any("group assignment: 2 pairs" in n for n in grouped.model["tally_training_notes"])


def test_a_list_that_holds_one_person_twice_keeps_both():
    # list B entered Salma twice (re-spelled); the second entry finds no
    # partner of its own on A (her twin on B took Salma), so it is not demoted
    table = features([
        ("salma_a", "A", DAY, "P1", False), ("lama_a", "A", DAY, "P1", False),
        ("salma_b", "B", DAY, "P1", False), ("salma_b2", "B", DAY, "P1", False),
    ])
    pairs = [("salma_a", "salma_b", 0.99), ("salma_a", "salma_b2", 0.95),
             ("salma_b", "salma_b2", 0.9), ("lama_a", "salma_b2", 0.6)]
    settings = LinkSettings()
    grouped = with_group_evidence(table, scored(pairs, table.num_rows), settings)
    assert ["salma_a", "salma_b", "salma_b2"] in persons(table, grouped, settings)


def test_group_assignment_can_be_turned_off():
    table = features(SISTERS)
    result = scored(SISTER_PAIRS, table.num_rows)
    off = LinkSettings(group_assignment=False)
    assert with_group_evidence(table, result, off) is result
    assert LinkSettings().to_dict()["group_assignment"] is True


def test_an_unidentified_body_keeps_its_rival():
    # a morgue list's body (no name) fits Huda on list A and, less, her sister
    # Lama, who has her own record on the morgue list: the body's pairs are left
    # as scored, so the weaker fit stays a rival and the body waits for a reviewer
    table = features([
        ("huda_a", "A", DAY, "P1", False), ("lama_a", "A", DAY, "P1", False),
        ("body_m", "M", DAY, "P1", False), ("lama_m", "M", DAY, "P1", False),
    ])
    table = table.set_column(3, "unidentified", pa.array([False, False, True, False]))
    pairs = [("huda_a", "body_m", 0.63), ("lama_a", "body_m", 0.4),
             ("lama_a", "lama_m", 0.99), ("huda_a", "lama_m", 0.4)]
    settings = LinkSettings()
    grouped = with_group_evidence(table, scored(pairs, table.num_rows), settings)
    assert grouped.pairs.column("match_probability").to_pylist() == [0.63, 0.4, 0.99, 0.4]
    assert ["body_m"] in persons(table, grouped, settings)
