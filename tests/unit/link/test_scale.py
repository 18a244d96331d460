"""Linkage cost stays near-linear as namesakes grow (issue 15, item 5).

At 1,000,000 hard-profile records the blocked pairs of a few rules grew with
the square of the lists: one agreeing name within a governorate and a few
days, and the conflicts' second prediction over components that doubtful
pairs chained into thousands of records. These tests build such blocks
small and check that what each produces stays bounded.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pyarrow as pa

from tally.link.overlap import COMPONENT_LIMIT, kept_components
from tally.link.settings import ONE_NAME_BLOCK_LIMIT, one_name_rule


def _sizes(components: pa.Table) -> np.ndarray:
    return np.bincount(components.column("tally_component").to_numpy())


def test_doubtful_pairs_never_chain_a_component_past_the_limit():
    # 1,000 records in a chain of doubtful pairs (-5 to -1 bits), plus one strong pair
    n = 1000
    rng = np.random.default_rng(0)
    kept = pa.table({
        "unique_id_l": [f"r{i:04d}" for i in range(n - 1)] + ["s1"],
        "unique_id_r": [f"r{i + 1:04d}" for i in range(n - 1)] + ["s2"],
        "adjusted_weight": list(rng.uniform(-5.0, -1.0, n - 1)) + [12.0],
    })
    comps = kept_components(kept)
    sizes = _sizes(comps)
    assert comps.num_rows == n + 2
    assert sizes.max() <= COMPONENT_LIMIT
    comp = dict(zip(*comps.to_pydict().values()))
    assert comp["s1"] == comp["s2"]


def test_strong_pairs_are_never_cut_and_small_components_are_unchanged():
    n = COMPONENT_LIMIT + 50  # a chain of strong pairs longer than the limit
    strong = pa.table({
        "unique_id_l": [f"r{i:04d}" for i in range(n - 1)] + ["a", "b"],
        "unique_id_r": [f"r{i + 1:04d}" for i in range(n - 1)] + ["b", "c"],
        "adjusted_weight": [3.0] * (n - 1) + [-4.0, -6.0],
    })
    sizes = _sizes(kept_components(strong))
    assert sorted(sizes.tolist()) == [3, n]  # the weak a-b-c stays whole: it is small


def test_one_name_rule_pairs_stay_bounded_in_a_large_namesake_block():
    # 3,000 records named Mohammad in one governorate and month, each with its
    # own family name (spelled past the key), dates within a few days, plus
    # two rare-name records that should still meet
    n = 3000
    rows = {
        "unique_id": [f"m{i}" for i in range(n)] + ["x1", "x2"],
        "given_key": ["mhmd"] * n + ["zkry", "zkry"],
        "family_key": [f"f{i}" for i in range(n)] + ["shykh", "shyh"],
        "governorate_id": ["G1"] * (n + 2),
        "date_start": pa.array([dt.date(2013, 3, 10 + i % 5) for i in range(n)]
                               + [dt.date(2013, 3, 10), dt.date(2013, 3, 12)], pa.date32()),
    }
    con = duckdb.connect()
    con.register("raw", pa.table(rows))
    con.execute("""CREATE TABLE li AS SELECT *, CAST(date_trunc('month', date_start) AS DATE)
                   AS date_month FROM raw""")
    con.execute("""CREATE TABLE li2 AS SELECT *,
        count(*) OVER (PARTITION BY given_key, governorate_id, date_month) AS given_month_count,
        count(*) OVER (PARTITION BY family_key, governorate_id, date_month) AS family_month_count
        FROM li""")
    pairs = con.execute(f"""SELECT l.unique_id, r.unique_id FROM li2 l JOIN li2 r
        ON l.unique_id < r.unique_id AND ({one_name_rule('given')})""").fetchall()
    # without the bound: 3,000 namesakes within 5 days, about 4.5 million pairs
    assert pairs == [("x1", "x2")]
    assert ONE_NAME_BLOCK_LIMIT < 100


def test_body_rules_pair_bodies_only_and_skip_crowded_days():
    # a village-day with 500 named records and one body, another with 5 and one body
    from tally.link.settings import BODY_BLOCK_LIMIT, body_rule

    rows = []
    for place, named in (("crowded", 500), ("quiet", 5)):
        rows += [(f"{place}-v{i}", place, False) for i in range(named)]
        rows.append((f"{place}-body", place, True))
    con = duckdb.connect()
    con.register("raw", pa.table({
        "unique_id": [r[0] for r in rows], "place_id": [r[1] for r in rows],
        "unidentified": [r[2] for r in rows],
        "date_start": pa.array([dt.date(2013, 3, 10)] * len(rows), pa.date32())}))
    con.execute("""CREATE TABLE li AS SELECT *,
        count(*) OVER (PARTITION BY place_id, date_start) AS place_day_count FROM raw""")
    rules = " OR ".join(f"({body_rule(side, 0)})" for side in ("l", "r"))
    pairs = con.execute(f"""SELECT l.unique_id, r.unique_id FROM li l JOIN li r
        ON l.unique_id < r.unique_id AND ({rules})""").fetchall()
    # the quiet village's body meets its 5 victims; the crowded one (500 fit
    # nobody uniquely) meets no one; no two named records are paired
    assert sorted(pairs) == sorted((min(a, "quiet-body"), max(a, "quiet-body"))
                                   for a in [f"quiet-v{i}" for i in range(5)])
    assert BODY_BLOCK_LIMIT < 500


def test_family_first_rules_skip_names_hundreds_share():
    # 300 "Mohammad Hussein" of one governorate, and one record that reads as
    # that name family-first; a rare name and its family-first reading meet
    from tally.link.settings import blocking_rules

    rot = [r for r in blocking_rules() if isinstance(r, str) and "rot_given_key" in r]
    rows = [(f"m{i}", "mhmd", "hsyn", None, None) for i in range(300)]
    rows += [("rot1", "x", "y", "mhmd", "hsyn"), ("z1", "zkry", "qbny", None, None),
             ("rot2", "x", "y", "zkry", "qbny")]
    con = duckdb.connect()
    con.register("raw", pa.table({
        "unique_id": [r[0] for r in rows], "given_key": [r[1] for r in rows],
        "family_key": [r[2] for r in rows], "rot_given_key": [r[3] for r in rows],
        "rot_family_key": [r[4] for r in rows], "governorate_id": ["G1"] * len(rows)}))
    con.execute("""CREATE TABLE li AS SELECT *, count(*) OVER
        (PARTITION BY given_key, family_key, governorate_id) AS name_count FROM raw""")
    pairs = con.execute(f"""SELECT l.unique_id, r.unique_id FROM li l JOIN li r
        ON l.unique_id <> r.unique_id AND ({' OR '.join(f'({r})' for r in rot)})""").fetchall()
    assert sorted(pairs) == [("rot2", "z1"), ("z1", "rot2")]


def test_same_day_rules_skip_a_crowded_name_but_keep_a_rare_one():
    from tally.link.settings import DAY_BLOCK_LIMIT, same_day_rule

    n = 200  # 200 Mohammads killed on one day in one district, and two Zakarias
    rows = [(f"m{i}", "mhmd") for i in range(n)] + [("z1", "zkry"), ("z2", "zkry")]
    con = duckdb.connect()
    con.register("raw", pa.table({
        "unique_id": [r[0] for r in rows], "given_key": [r[1] for r in rows],
        "district_id": ["D1"] * len(rows),
        "date_start": pa.array([dt.date(2013, 3, 10)] * len(rows), pa.date32())}))
    con.execute("""CREATE TABLE li AS SELECT *, count(*) OVER
        (PARTITION BY given_key, date_start, district_id) AS given_day_count FROM raw""")
    pairs = con.execute(f"""SELECT l.unique_id, r.unique_id FROM li l JOIN li r
        ON l.unique_id < r.unique_id AND ({same_day_rule('given')})""").fetchall()
    assert pairs == [("z1", "z2")]  # not 19,900 pairs of Mohammads
    assert DAY_BLOCK_LIMIT < n


def test_tally_link_reports_each_phase_with_the_pairs_it_handles(tmp_path):
    # at 1M records a phase that grows faster than the lists must show where
    # the time goes: `tally link` prints each step with the seconds since start
    from tally.demo import ingest_simulation
    from tally.link import link_project
    from tally.project import Project
    from tally.simulate import simulate_conflict

    simulate_conflict(tmp_path / "sim", seed=3, size=1200)
    project = Project.init(tmp_path / "project")
    ingest_simulation(project, tmp_path / "sim")
    said: list[str] = []
    link_project(project, progress=said.append)
    text = "\n".join(said)
    for phase in ("training", "scoring the blocked pairs", "pairs scored from probability",
                  "pairs kept; conflicts", "each kept pair's detail", "clustering",
                  "calibrating and storing"):
        assert phase in text, text


def test_a_name_forty_records_of_the_month_give_still_pairs_a_thin_record():
    # A thin news record whose family name is spelled past its key ("Qabbany"
    # for "Qabbani") meets its full record only through the given name. At
    # 1,000,000 hard-profile records a limit of 20 records of the governorate
    # and month left 3,600 such true pairs unblocked; a name 40 records give
    # (the full record among them, all killed on one day in one district)
    # must still meet the thin one, by the month rule and by the same-day rule.
    from tally.link.settings import DAY_BLOCK_LIMIT, same_day_rule

    n = 40
    rows = [(f"z{i}", "zkry", f"f{i}", "D2", dt.date(2013, 3, 12)) for i in range(n - 2)]
    rows += [("full", "zkry", "qbny", "D2", dt.date(2013, 3, 12)),
             ("thin", "zkry", "qbnyy", "D2", dt.date(2013, 3, 12))]
    con = duckdb.connect()
    con.register("raw", pa.table({
        "unique_id": [r[0] for r in rows], "given_key": [r[1] for r in rows],
        "family_key": [r[2] for r in rows], "district_id": [r[3] for r in rows],
        "governorate_id": ["G1"] * len(rows),
        "date_start": pa.array([r[4] for r in rows], pa.date32())}))
    con.execute("""CREATE TABLE li AS SELECT *, CAST(date_trunc('month', date_start) AS DATE)
                   AS date_month FROM raw""")
    con.execute("""CREATE TABLE li2 AS SELECT *,
        count(*) OVER (PARTITION BY given_key, governorate_id, date_month) AS given_month_count,
        count(*) OVER (PARTITION BY given_key, date_start, district_id) AS given_day_count
        FROM li""")
    for rule in (one_name_rule("given"), same_day_rule("given")):
        pairs = con.execute(f"""SELECT l.unique_id, r.unique_id FROM li2 l JOIN li2 r
            ON l.unique_id < r.unique_id AND ({rule})""").fetchall()
        assert ("full", "thin") in pairs, rule
    assert ONE_NAME_BLOCK_LIMIT >= n and DAY_BLOCK_LIMIT >= n
