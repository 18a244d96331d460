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
