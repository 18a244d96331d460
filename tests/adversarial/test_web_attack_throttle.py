"""The sign-in throttle, raced: many wrong passwords sent at once for one account.
Each sign-in checked the lock, then spent the password hash's time (Argon2id, about
a second at its real costs), and only then wrote its failure — so every attempt of a
burst passed the check, and a burst of forty guesses got forty tries where the
lock-out allows five."""

from __future__ import annotations

import threading

import pytest
from argon2 import PasswordHasher

from tally.project import Project
from tally.store.accounts import MAX_FAILURES, AccountError, add_user, authenticate
from tests.web.conftest import PASSWORD

BURST = 10


@pytest.fixture
def target(tmp_path):
    project = Project.init(tmp_path / "p")
    add_user(project, "rana", "admin", PASSWORD)
    # the real costs for this one account (the suite hashes cheaply): the slow
    # verification is the race's window, as it is on a real server
    slow = PasswordHasher(time_cost=3, memory_cost=16384, parallelism=1).hash(PASSWORD)
    with project.connect() as con:
        con.execute("UPDATE app_user SET password_hash = ? WHERE name = 'rana'", [slow])
    return project


def test_a_burst_of_wrong_passwords_gets_no_more_tries_than_the_lock_allows(target):
    start, answers = threading.Barrier(BURST), []

    def guess(i: int) -> None:
        start.wait()
        try:
            authenticate(target, "rana", f"guess number {i}", f"198.51.100.{i}")
            answers.append("in")
        except AccountError as exc:
            answers.append("locked" if "locked" in str(exc) else "tried")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count("tried") <= MAX_FAILURES + 1, answers
    with pytest.raises(AccountError, match="locked"):
        authenticate(target, "rana", PASSWORD, "198.51.100.200")


def test_the_right_password_still_signs_in_and_resets_the_count(target):
    for i in range(MAX_FAILURES - 1):
        with pytest.raises(AccountError):
            authenticate(target, "rana", "wrong password!", "198.51.100.1")
    assert authenticate(target, "rana", PASSWORD, "198.51.100.1").name == "rana"
    for i in range(MAX_FAILURES - 1):  # the success reset the count: not locked yet
        with pytest.raises(AccountError, match="wrong"):
            authenticate(target, "rana", "wrong password!", "198.51.100.1")
    assert authenticate(target, "rana", PASSWORD, "198.51.100.1").name == "rana"


def test_a_burst_of_wrong_second_factor_codes_gets_no_more_tries_than_the_lock_allows(tmp_path):
    from tally.store.accounts import check_second_factor, enrol_totp, new_totp_secret
    import pyotp

    project = Project.init(tmp_path / "c")
    add_user(project, "omar", "admin", PASSWORD)
    secret = new_totp_secret()
    enrol_totp(project, "omar", secret, pyotp.TOTP(secret).now())
    start, answers = threading.Barrier(BURST * 2), []

    def guess(i: int) -> None:
        start.wait()
        try:
            check_second_factor(project, "omar", f"{i:06d}", f"198.51.100.{i}")
            answers.append("in")
        except AccountError as exc:
            answers.append("locked" if "locked" in str(exc) else "tried")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(BURST * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count("tried") + answers.count("in") <= MAX_FAILURES, answers


def test_a_burst_of_sign_ins_hashes_a_few_passwords_at_a_time(tmp_path):
    """Each Argon2id check holds 64 MiB for about a second: forty sign-ins sent at once
    for forty accounts all hashed together (some 2.5 GB). They now wait their turn."""
    from tally.store import accounts

    project = Project.init(tmp_path / "p")
    for i in range(12):
        add_user(project, f"user{i}", "viewer", PASSWORD)
    running, most, guard = [0], [0], threading.Lock()

    class Counting(PasswordHasher):
        """The suite's hasher, counting how many checks run at once."""

        def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
            with guard:
                running[0] += 1
                most[0] = max(most[0], running[0])
            try:
                import time

                time.sleep(0.05)  # a check's window, long enough for the others to arrive
                return super().verify(hash, password)
            finally:
                with guard:
                    running[0] -= 1

    original = accounts._HASHER
    accounts._HASHER = Counting(time_cost=1, memory_cost=8, parallelism=1)
    try:
        start = threading.Barrier(12)

        def sign_in(i: int) -> None:
            start.wait()
            authenticate(project, f"user{i}", PASSWORD, f"203.0.113.{i}")

        threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        accounts._HASHER = original
    assert 1 < most[0] <= accounts.MAX_CONCURRENT_HASHES
