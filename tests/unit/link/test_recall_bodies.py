"""Recall (issue 15, helper LR): an unidentified body and the victims of its day."""

from tally.link.clustering import ClusterPolicy, Evidence, cluster_records

IDS = ["a1", "b1", "c1", "u1"]
LISTS = ["A", "B", "C", "M"]


def _attach(body_pairs):
    result = cluster_records(IDS, LISTS, Evidence(strong=[("a1", "b1", 12.0)], bodies={"u1"},
                                                  body_pairs=body_pairs),
                             ClusterPolicy(attach_unidentified=True, unidentified_threshold=0.3,
                                           rival_threshold=0.15, rival_ratio=0.5))
    return dict(zip(result.ids, result.cluster_of))


def test_a_body_that_fits_one_victim_joins_it_beside_a_neighbour_of_unknown_age():
    # a victim of the same day and village whose age no list gives scores ~0.15
    # against any body: not a rival of the victim the body fits at 0.7
    persons = _attach([("u1", "a1", 3.0, 0.7), ("u1", "c1", -2.0, 0.15)])
    assert persons["u1"] == persons["a1"] == persons["b1"] != persons["c1"]


def test_a_body_with_two_close_candidates_still_waits():
    persons = _attach([("u1", "a1", 3.0, 0.7), ("u1", "c1", 2.0, 0.4)])
    assert persons["u1"] not in (persons["a1"], persons["c1"])


def _blocked(body: dict, other: dict) -> bool:
    """Whether any prediction blocking rule pairs ``body`` (l) with ``other`` (r)."""
    import duckdb

    from tally.link.settings import blocking_rules

    cols = {"unique_id": "VARCHAR", "unidentified": "BOOLEAN", "date_start": "DATE",
            "place_id": "VARCHAR", "district_id": "VARCHAR", "place_day_count": "INTEGER"}
    con = duckdb.connect()
    con.execute("CREATE TABLE t (" + ", ".join(f"{c} {t}" for c, t in cols.items()) + ")")
    for rec in (body, other):
        con.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", [rec.get(c) for c in cols])
    body_rules = [r for r in blocking_rules() if isinstance(r, str) and "unidentified" in r]
    return any(con.execute(f"SELECT count(*) FROM t l JOIN t r ON l.unique_id = 'u' "
                           f"AND r.unique_id = 'v' AND ({rule})").fetchall()[0][0]
               for rule in body_rules)


def test_a_morgue_body_at_the_district_centre_meets_the_villages_of_its_district():
    import datetime as dt

    # the hospital's morgue gives its district as the place, two days after the
    # death; the victim's own list gives the village
    body = {"unique_id": "u", "unidentified": True, "date_start": dt.date(2025, 3, 12),
            "place_id": "SY0602", "district_id": "SY0602", "place_day_count": 3}
    victim = {"unique_id": "v", "unidentified": False, "date_start": dt.date(2025, 3, 10),
              "place_id": "SY060204", "district_id": "SY0602", "place_day_count": 5}
    assert _blocked(body, victim)
    assert not _blocked(body, {**victim, "district_id": "SY0603", "place_id": "SY060301"})
    assert not _blocked(body, {**victim, "date_start": dt.date(2025, 3, 13)})  # after the morgue
