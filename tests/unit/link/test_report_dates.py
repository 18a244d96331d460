"""Lists dated by report or receipt (issue 15, item 2: report dates as an interval).

A news-derived list dates a death by the day it was reported, 0-3 days after
it; the linker finds such lists from the data (no source kind needed, so
`tally dedupe` of one file learns it too) and reads their dates that way.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from tally.link.features import lagging_lists

_COLUMNS = "source_id VARCHAR, given_key VARCHAR, family_key VARCHAR, governorate_id VARCHAR, " \
           "date_start DATE, date_precision VARCHAR"


def _table(rows) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({_COLUMNS})")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, 'day')", rows)
    return con


def _victims(n: int):
    day0 = dt.date(2025, 3, 1)
    for i in range(n):
        yield f"g{i}", f"f{i % 7}", "hama", day0 + dt.timedelta(days=3 * i)


def test_a_list_that_dates_by_report_is_found_and_one_dated_by_death_is_not():
    rows = []
    for i, (g, f, gov, day) in enumerate(_victims(30)):
        rows.append(("rights", g, f, gov, day))
        rows.append(("news", g, f, gov, day + dt.timedelta(days=1 + i % 3)))
        # a second list dated by death, a day off now and then either way
        rows.append(("registry", g, f, gov, day + dt.timedelta(days=(i % 5 == 0) - (i % 5 == 1))))
    assert lagging_lists(_table(rows), "t") == ["news"]


def test_namesakes_alone_mark_no_list():
    # two people of one name a day or two apart, on either side alike: no lead
    rows = []
    for i, (g, f, gov, day) in enumerate(_victims(40)):
        rows.append(("a", g, f, gov, day))
        rows.append(("b", g, f, gov, day + dt.timedelta(days=(1 if i % 2 else -1) * (1 + i % 3))))
    assert lagging_lists(_table(rows), "t") == []


def _level(l: dict, r: dict) -> str:
    """The event comparison's level for records ``l`` and ``r``."""
    from tally.link.settings import event_comparison

    levels = event_comparison().get_comparison("duckdb").as_dict()["comparison_levels"]
    con = duckdb.connect()
    cols = ("date_start DATE, date_end DATE, date_precision VARCHAR, date_lags BOOLEAN, "
            "place_id VARCHAR, district_id VARCHAR, governorate_id VARCHAR")
    names = [c.split()[0] for c in cols.split(", ")]
    select = ", ".join(f"?::{c.split()[1]} AS {c.split()[0]}_{side}"
                       for side in ("l", "r") for c in cols.split(", "))
    values = [rec.get(n) for rec in (l, r) for n in names]
    for level in levels:
        if con.execute(f"SELECT ({level['sql_condition']}) FROM (SELECT {select})",
                       values).fetchall()[0][0]:
            return level["label_for_charts"]
    return "?"


def _rec(day: int, lags: bool, district=None) -> dict:
    d = dt.date(2025, 3, day)
    return {"date_start": d, "date_end": d, "date_precision": "day", "date_lags": lags,
            "place_id": district, "district_id": district, "governorate_id": "hama"}


def test_a_report_counts_only_after_the_death_and_two_reports_either_way():
    death = _rec(10, False, district="hama-centre")
    assert _level(_rec(12, True), death).startswith("a report 0-3 days after")
    assert _level(death, _rec(12, True)).startswith("a report 0-3 days after")
    # reported two days *before* the death: a namesake's pattern, not a report's
    assert not _level(_rec(8, True), death).startswith("a report")
    # two reports of one death, 0-3 days after it each
    assert _level(_rec(9, True), _rec(12, True)).startswith("a report 0-3 days after")


def test_a_report_after_the_death_never_weighs_less_than_a_date_within_three_days():
    # EM seldom sees report pairs among likely matches and, on one simulated draw,
    # made the commonest level of true news pairs a -4 bit disagreement
    from tally.link.settings import MONOTONE_LEVELS, level_priors

    event = level_priors()["event"]
    for place in ("same district", "one place given only as the governorate",
                  "same governorate"):
        finer, coarser = f"a report 0-3 days after, {place}", f"within 3 days, {place}"
        assert finer in event and coarser in event
        assert ("event", finer, coarser) in MONOTONE_LEVELS
