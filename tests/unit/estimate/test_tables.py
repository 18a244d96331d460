"""Capture-history tables: the CSV contract of DESIGN.md and per-person tabulation."""

from __future__ import annotations

import numpy as np
import pytest

from tally.errors import EstimationError
from tally.estimate import (
    CaptureTable,
    capture_histories,
    history_matrix,
    pool_strata,
    read_capture_csv,
    read_capture_table,
)


def test_history_order_puts_first_list_in_the_most_significant_bit():
    h = history_matrix(3)
    assert h.shape == (7, 3)
    assert h[0].tolist() == [0, 0, 1]
    assert h[3].tolist() == [1, 0, 0]
    assert h[-1].tolist() == [1, 1, 1]


def test_rows_in_any_order_and_missing_rows_are_zero(write_csv):
    path = write_csv("B,A,C,count\n1,0,0,30\n0,0,1,20\n1,1,0,6\n0,1,0,40\n")
    tb = read_capture_table(path)
    assert tb.lists == ("B", "A", "C")
    assert tb.n == 96
    # canonical order over (B, A, C): 001, 010, 011, 100, 101, 110, 111
    assert tb.counts.tolist() == [20, 40, 0, 30, 0, 6, 0]
    assert tb.list_totals() == {"B": 36, "A": 46, "C": 20}


def test_reference_table_reads_with_its_documented_total(mse_table):
    tb = mse_table("kosovo")
    assert tb.lists == ("EXH", "ABA", "OSCE", "HRW")
    assert tb.n == 4400  # README: 4,400 documented killings


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("A,B,C,count\n0,0,0,5\n1,0,0,3\n", "row 1: the all-zero history"),
        ("A,B,C,count\n1,0,0,-3\n", "row 1, column 'count'"),
        ("A,B,C,count\n1,0,0,2.5\n", "not a whole number"),
        ("A,B,C,count\n1,0,0,3\n0,2,0,1\n", "row 2, column 'B': list membership must be 0 or 1"),
        ("A,B,C,count\n1,0,0,3\n1,0,1\n", "row 2: 3 fields but the header has 4"),
        ("A,B,C,n\n1,0,0,3\n", "no 'count' column"),
        ("A,B,C,count\n1,0,0,3\n1,0,0,4\n", "already appears on row 1"),
        ("A,B,C,count\n1,0,0,\n", "column 'count'"),
        ("A,B,A,count\n1,0,0,3\n", "repeated column"),
        ("A,B,C,count\n", "no data rows"),
    ],
)
def test_bad_tables_are_refused_with_file_row_and_column(write_csv, text, fragment):
    path = write_csv(text)
    with pytest.raises(EstimationError) as err:
        read_capture_csv(path)
    assert fragment in str(err.value)
    assert str(path) in str(err.value)


def test_missing_file_is_a_refusal(tmp_path):
    with pytest.raises(EstimationError, match="no such file"):
        read_capture_csv(tmp_path / "nope.csv")


def test_stratum_columns_split_the_table(write_csv):
    path = write_csv(
        "stratum_gov,A,B,C,count\n"
        "Latakia,1,0,0,10\nLatakia,0,1,0,12\nLatakia,1,1,0,4\n"
        "Tartus,1,0,0,7\nTartus,1,1,1,2\n"
    )
    tables = read_capture_csv(path)
    assert [t.stratum for t in tables] == [
        (("stratum_gov", "Latakia"),),
        (("stratum_gov", "Tartus"),),
    ]
    assert [t.n for t in tables] == [26, 9]
    # a stratum column named explicitly
    path2 = write_csv("gov,A,B,C,count\nX,1,0,0,1\nY,1,0,0,2\n", "t2.csv")
    assert len(read_capture_csv(path2, strata=["gov"])) == 2
    # without naming it, 'gov' is a list and its values are not 0/1
    with pytest.raises(EstimationError, match="column 'gov'"):
        read_capture_csv(path2)
    with pytest.raises(EstimationError, match="several|strata"):
        read_capture_table(path)


def test_capture_histories_from_persons_per_stratum():
    persons = [
        {"SNHR": 1, "VDC": 0, "SOHR": 1, "gov": "Latakia"},
        {"SNHR": 1, "VDC": 0, "SOHR": 1, "gov": "Latakia"},
        {"SNHR": 0, "VDC": 1, "SOHR": 0, "gov": "Latakia"},
        {"SNHR": True, "VDC": True, "SOHR": True, "gov": "Sweida"},
    ]
    tables = capture_histories(persons, ["SNHR", "VDC", "SOHR"], strata=["gov"])
    assert [t.stratum_label() for t in tables] == ["gov=Latakia", "gov=Sweida"]
    lat = tables[0]
    assert lat.counts[0b101 - 1] == 2 and lat.counts[0b010 - 1] == 1 and lat.n == 3
    assert tables[1].counts[-1] == 1
    with pytest.raises(EstimationError, match="person 1: on none of the lists"):
        capture_histories([{"A": 0, "B": 0, "C": 0}], ["A", "B", "C"])
    with pytest.raises(EstimationError, match="missing column 'C'"):
        capture_histories([{"A": 1, "B": 0}], ["A", "B", "C"])
    with pytest.raises(EstimationError, match="membership must be 0/1"):
        capture_histories([{"A": 2, "B": 0, "C": 0}], ["A", "B", "C"])


def test_from_histories_counts_people_and_refuses_the_unseen():
    tb = CaptureTable.from_histories(["A", "B"], [[1, 0], [1, 1], [1, 0]])
    assert tb.counts.tolist() == [0, 2, 1]  # 01, 10, 11
    with pytest.raises(EstimationError, match="all zeros"):
        CaptureTable.from_histories(["A", "B"], [[0, 0]])
    with pytest.raises(EstimationError, match="non-negative"):
        CaptureTable.from_counts(["A", "B"], [1, -1, 0])
    with pytest.raises(EstimationError, match="3 cell counts"):
        CaptureTable.from_counts(["A", "B"], [1, 1])


def test_pooling_keeps_every_person_and_names_what_was_pooled():
    lists = ("A", "B", "C")
    big = CaptureTable(lists, np.array([50, 40, 10, 60, 5, 8, 2]), stratum=(("g", "big"),))
    small1 = CaptureTable(lists, np.array([3, 2, 0, 1, 0, 0, 0]), stratum=(("g", "s1"),))
    small2 = CaptureTable(lists, np.array([2, 2, 1, 4, 0, 1, 0]), stratum=(("g", "s2"),))
    out = pool_strata([big, small1, small2], min_observed=50)
    assert sum(t.n for t in out) == big.n + small1.n + small2.n
    # s1 joins s2 (as near, and smaller than big); the pair (16 people) is still sparse
    assert len(out) == 1 and "g=big; g=s1; g=s2" in out[0].notes[0]
    out2 = pool_strata([big, small1, small2], min_observed=12)
    assert [t.stratum_label() for t in out2] == ["g=big", "g=s1+s2"]
    assert out2[1].n == small1.n + small2.n


def _stratum(lists, n_each, **values):
    counts = np.zeros(2 ** len(lists) - 1, dtype=int)
    counts[[0, 1, 2]] = n_each  # 001, 010, 011
    return CaptureTable(lists, counts, stratum=tuple((f"stratum:{k}", v) for k, v in values.items()))


def test_a_sparse_month_joins_the_month_beside_it_in_its_own_governorate():
    """Never one bucket of everything: March 2025 in Latakia, too small alone, joins
    Latakia's April, not Tartus' March nor Latakia's December."""
    lists = ("A", "B")
    tables = [
        _stratum(lists, 30, governorate="Latakia", period="2025-03"),
        _stratum(lists, 5, governorate="Latakia", period="2025-04"),
        _stratum(lists, 40, governorate="Latakia", period="2025-12"),
        _stratum(lists, 30, governorate="Tartus", period="2025-04"),
        _stratum(lists, 40, governorate="Tartus", period="2025-03"),
    ]
    out = pool_strata(tables, min_observed=50)
    labels = sorted(t.stratum_label() for t in out)
    assert "stratum:governorate=Latakia, stratum:period=2025-03..2025-04" in labels
    assert sum(t.n for t in out) == sum(t.n for t in tables)
    assert len(out) < len(tables) and len(out) > 1


def test_a_caller_says_which_governorates_are_near():
    lists = ("A", "B")
    tables = [
        _stratum(lists, 5, governorate="Latakia"),
        _stratum(lists, 30, governorate="Tartus"),
        _stratum(lists, 20, governorate="Daraa"),
    ]
    near = {frozenset(("Latakia", "Tartus")): 80.0, frozenset(("Latakia", "Daraa")): 380.0,
            frozenset(("Tartus", "Daraa")): 330.0}

    def km(key, a, b):
        return 0.0 if a == b else near[frozenset((a, b))]

    out = pool_strata(tables, min_observed=20, distance=km)
    assert sorted(t.stratum_label() for t in out) == [
        "stratum:governorate=Daraa", "stratum:governorate=Latakia+Tartus"]
