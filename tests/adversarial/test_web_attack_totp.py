"""The second factor, raced: one code (read over a shoulder, or from a proxy's log)
sent by the thief at the same instant as by its owner, and one recovery code used
twice at once. "A code is accepted once" must hold under concurrency too."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pyotp
import pytest

from tally.project import Project
from tally.store.accounts import (AccountError, add_user, check_second_factor, enrol_totp,
                                  new_totp_secret)
from tests.web.conftest import PASSWORD

RACERS = 6


@pytest.fixture
def enrolled(tmp_path):
    project = Project.init(tmp_path / "p")
    add_user(project, "rana", "admin", PASSWORD)
    secret = new_totp_secret()
    totp = pyotp.TOTP(secret)
    earlier = totp.at(datetime.now(timezone.utc) - timedelta(seconds=30))
    codes = enrol_totp(project, "rana", secret, earlier)
    return project, totp, codes


def _race(project, code: str) -> list[str]:
    start, results = threading.Barrier(RACERS), []

    def one(i: int) -> None:
        start.wait()
        try:
            check_second_factor(project, "rana", code, f"192.0.2.{i}")
            results.append("accepted")
        except AccountError:
            results.append("refused")
        except Exception as exc:  # noqa: BLE001 - a crash is a failure of its own
            results.append(f"crashed: {type(exc).__name__}")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_one_totp_code_sent_at_once_from_several_places_is_accepted_once(enrolled):
    project, totp, _ = enrolled
    results = _race(project, totp.now())
    assert results.count("accepted") == 1 and not any(r.startswith("crash") for r in results), \
        results


def test_one_recovery_code_used_at_once_twice_is_accepted_once(enrolled):
    project, _, codes = enrolled
    results = _race(project, codes[0])
    assert results.count("accepted") == 1 and not any(r.startswith("crash") for r in results), \
        results
    with project.connect(read_only=True) as con:
        used = con.execute("SELECT count(*) FROM audit_event "
                           "WHERE action = 'user.recovery_code_used'").fetchall()[0][0]
    assert used == 1
