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
