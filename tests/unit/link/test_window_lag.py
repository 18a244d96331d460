"""A thin news record whose report window holds two namesake persons and no
pair that tells them apart (issue 15): left apart it is counted as a third
person, though it is almost always one of the two; it joins the one whose
dates its report lag makes likelier, the lags learnt from the run's own
one-person windows (tally.link.namesakes.link_window_by_lag)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from tally.link.clustering import ClusterPolicy, Evidence, cluster_records
from tally.link.namesakes import report_days

DAY = 20_000  # the target's report day, as a day number


def _persons(a_days_before: int, b_days_before: int, *, learnt: int = 8, learnt_lag: int = 1,
             dated: bool = True, b_records: int = 1, sexes: dict | None = None,
             **rest) -> dict[str, str]:
    """news-0 is the target (report day DAY); person A is one record dated
    ``a_days_before``, person B ``b_records`` records dated ``b_days_before``.
    ``learnt`` other news records each meet one namesake dated ``learnt_lag``
    days before their report (by default the day before)."""
    ids = ["news-0", "a-1"] + [f"b-{i}" for i in range(b_records)]
    lists = ["news", "rights"] + ["morgue" if i else "register" for i in range(b_records)]
    days = [DAY, DAY - a_days_before] + [DAY - b_days_before] * b_records
    windows = [("news-0", ["a-1"] + [f"b-{i}" for i in range(b_records)])]
    strong = [("b-0", f"b-{i}", 12.0) for i in range(1, b_records)]
    for k in range(learnt):  # other names, one person each in their window
        ids += [f"news-{k + 1}", f"x-{k}"]
        lists += ["news", "rights"]
        days += [DAY + 30 * (k + 1), DAY + 30 * (k + 1) - learnt_lag]
        windows.append((f"news-{k + 1}", [f"x-{k}"]))
    lags = [rid.startswith("news") for rid in ids]  # the news list dates by report
    sex = [(sexes or {}).get(rid) for rid in ids]
    evidence = Evidence(strong=strong, thin=[r for r in ids if r.startswith("news")],
                        window_namesakes=windows,
                        window_dates=(days, lags, sex) if dated else None, **rest)
    clustering = cluster_records(ids, lists, evidence, ClusterPolicy())
    return dict(zip(clustering.ids, clustering.cluster_of))


def test_a_thin_record_joins_the_window_person_its_report_lag_makes_likelier():
    persons = _persons(1, 3)  # A died the day before the report, B three days before
    assert persons["news-0"] == persons["a-1"]
    assert persons["b-0"] != persons["a-1"]
    # the other records joined their one window person, as before
    assert all(persons[f"news-{k + 1}"] == persons[f"x-{k}"] for k in range(8))


def test_the_lag_is_learnt_from_the_run_not_assumed():
    # the other reports came the day after the death: A (a day before) fits
    persons = _persons(1, 0)
    assert persons["news-0"] == persons["a-1"]
    # where news came out the same day, the same target joins B instead
    persons = _persons(1, 0, learnt_lag=0)
    assert persons["news-0"] == persons["b-0"]


def test_equal_lags_join_the_person_of_more_records():
    persons = _persons(1, 1, b_records=2)
    assert persons["news-0"] == persons["b-0"] == persons["b-1"]
    assert persons["a-1"] != persons["b-0"]


def test_without_dates_or_against_a_reviewer_it_stays_apart():
    persons = _persons(1, 3, dated=False)
    assert persons["news-0"] not in (persons["a-1"], persons["b-0"])
    persons = _persons(1, 3, cannot_link=[("news-0", "a-1")])
    assert persons["news-0"] != persons["a-1"]


def test_a_person_of_the_other_sex_is_not_a_candidate():
    # the lag prefers A, but A is a man and the news record a woman's: of the
    # window's persons only B is left, and it joins B
    persons = _persons(1, 3, sexes={"news-0": "female", "a-1": "male", "b-0": "female"})
    assert persons["news-0"] == persons["b-0"] != persons["a-1"]
    # where the news record gives no sex, the lag decides as before
    persons = _persons(1, 3, sexes={"a-1": "male", "b-0": "female"})
    assert persons["news-0"] == persons["a-1"]


def test_three_window_persons_leave_it_apart():
    ids = ["news-0", "a-1", "b-1", "c-1"]
    evidence = Evidence(thin=["news-0"], window_namesakes=[("news-0", ["a-1", "b-1", "c-1"])],
                        window_dates=([DAY, DAY - 1, DAY - 3, DAY - 2], [True, False, False, False],
                                      [None] * 4))
    clustering = cluster_records(ids, ["news", "rights", "morgue", "register"], evidence,
                                 ClusterPolicy())
    assert len(set(clustering.cluster_of)) == 4


def test_report_days_are_the_link_inputs_dates_as_day_numbers():
    features = pa.table({"unique_id": ["a", "b"],
                         "date_start": [dt.date(1970, 1, 11), None],
                         "date_lags": [True, None]})
    assert report_days(features) == ([10, None], [True, False], [None, None])
