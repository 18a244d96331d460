"""The decision tables' digests kept between events by a process that holds the store
(the workspace server): the same values as reading each table whole, after verdicts,
after a rolled-back one, and with `tally audit verify` passing."""

from __future__ import annotations

import pytest

from tally.store import digests
from tally.store.audit import append_event, verify_audit
from tally.store.transaction import transaction


@pytest.fixture
def held(tmp_path):
    from tally.project import Project

    project = Project.init(tmp_path / "proj")
    digests.hold_store(project.db_path)
    yield project
    digests._HELD.clear()


def _whole(con):
    kept = dict(digests._HELD)
    digests._HELD.clear()
    try:
        return digests.table_digests(con)
    finally:
        digests._HELD.update(kept)


def _decide(con, decision_id, note):
    con.execute("INSERT INTO review_decision VALUES (?, 'a', 'b', 'unsure', 'rana', "
                "'2026-01-01T00:00:00', ?, NULL)", [decision_id, note])


def test_kept_digests_equal_the_whole_tables_and_verify(held):
    with held.connect() as con:
        assert digests.table_digests(con) == _whole(con)
        for i in range(1, 4):
            with transaction(con):
                _decide(con, i, f"note {i}")
                append_event(con, "review.verdict", "a|b", {"decision_id": i, "verdict": "unsure",
                                                            "note": f"note {i}"})
            assert digests.table_digests(con) == _whole(con)
            assert digests.table_digests(con)["review_decision"][0] == i
        assert verify_audit(con, held.objects).ok


def test_a_rolled_back_decision_is_not_kept(held):
    with held.connect() as con:
        con.execute("BEGIN TRANSACTION")
        _decide(con, 1, "rolled back")
        digests.table_digests(con)  # the event's digests saw the row
        con.execute("ROLLBACK")
        _decide(con, 1, "kept")  # the next decision takes the same id
        assert digests.table_digests(con) == _whole(con)
        con.execute("DELETE FROM review_decision")
        assert digests.table_digests(con) == _whole(con) == {**_whole(con),
                                                             "review_decision": [0, None]}


def test_without_holding_the_store_nothing_is_kept(tmp_path):
    from tally.project import Project

    project = Project.init(tmp_path / "proj")
    with project.connect() as con:
        _decide(con, 1, "x")
        digests.table_digests(con)
    assert digests._HELD == {}
