"""Disabling an account and changing a password, tried as a departed member, a thief
with a stolen session or token, and an admin about to lock everyone out would: what
must stop working stops on the very next check, and nothing secret reaches the chain."""

from __future__ import annotations

import threading

import pytest
from typer.testing import CliRunner

from tally.cli import app as cli_app
from tally.errors import TallyError, UsageError
from tally.store.accounts import (AccountError, all_users, authenticate, change_own_password,
                                  disable_user, enable_user, find_session, list_users, open_session,
                                  set_password, add_user)
from tally.store.api_tokens import create_token, token_user
from tally.store.audit import acting_as

PASSWORD = "correct horse battery"
NEW = "a brand new passphrase"


@pytest.fixture
def team(project):
    for name, role in (("boss", "admin"), ("rana", "analyst")):
        add_user(project, name, role, PASSWORD)
    return project


def _events(project, action: str) -> list[tuple[str, str, str]]:
    with project.connect(read_only=True) as con:
        return con.execute("SELECT actor, subject, details FROM audit_event WHERE action = ? "
                           "ORDER BY seq", [action]).fetchall()


def test_a_disabled_users_session_and_token_stop_at_once(team):
    user = authenticate(team, "rana", PASSWORD, "1.2.3.4")
    session = open_session(team, user)
    token = create_token(team, "rana", "nightly")
    assert find_session(team, session.id) and token_user(team, token)
    with acting_as("boss"):
        disable_user(team, "rana")
    assert find_session(team, session.id) is None
    assert token_user(team, token) is None
    with pytest.raises(AccountError):
        authenticate(team, "rana", PASSWORD, "1.2.3.4")
    assert [u.name for u in list_users(team)] == ["boss"]
    assert {u.name: u.disabled for u in all_users(team)} == {"boss": False, "rana": True}
    # enabled again: she signs in, but the old session and token stay dead
    with acting_as("boss"):
        enable_user(team, "rana")
    assert authenticate(team, "rana", PASSWORD, "1.2.3.4").name == "rana"
    assert find_session(team, session.id) is None and token_user(team, token) is None
    assert [(a, s) for a, s, _ in _events(team, "user.disabled")] == [("boss", "rana")]
    assert [(a, s) for a, s, _ in _events(team, "user.enabled")] == [("boss", "rana")]
    assert '"tokens_revoked":1' in _events(team, "user.disabled")[0][2]


def test_the_last_enabled_admin_cannot_be_disabled(team):
    with pytest.raises(UsageError, match="last enabled admin"):
        disable_user(team, "boss")
    add_user(team, "chief", "admin", PASSWORD)
    with acting_as("boss"):
        disable_user(team, "boss")  # another admin is left: allowed
    with pytest.raises(UsageError, match="last enabled admin"):
        disable_user(team, "chief")
    assert {u.name for u in list_users(team)} == {"chief", "rana"}


def test_two_admins_disabling_each_other_at_once_leave_one(team):
    add_user(team, "chief", "admin", PASSWORD)
    answers: list[str] = []

    def disable(actor: str, target: str) -> None:
        try:
            with acting_as(actor):
                disable_user(team, target)
            answers.append("ok")
        except TallyError as exc:
            answers.append(str(exc))

    threads = [threading.Thread(target=disable, args=("boss", "chief")),
               threading.Thread(target=disable, args=("chief", "boss"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers.count("ok") == 1, answers
    assert len([u for u in list_users(team) if u.role == "admin"]) == 1


def test_unknown_and_repeated_changes_are_refused_plainly(team):
    for call in (lambda: disable_user(team, "nobody"), lambda: enable_user(team, "rana"),
                 lambda: set_password(team, "nobody", NEW)):
        with pytest.raises(UsageError):
            call()
    disable_user(team, "rana")
    with pytest.raises(UsageError, match="already disabled"):
        disable_user(team, "rana")


def test_a_password_change_ends_every_old_session_and_opens_a_new_one(team):
    user = authenticate(team, "rana", PASSWORD, "1.2.3.4")
    team.config.setdefault("workspace", {})["single_session"] = False  # two at once
    stolen = open_session(team, user)
    mine = open_session(team, user)
    assert find_session(team, stolen.id) and find_session(team, mine.id)
    with pytest.raises(AccountError):  # the current password is checked first
        change_own_password(team, mine, "not the password", NEW, "1.2.3.4")
    with pytest.raises(UsageError, match="at least"):  # the rules of a new account
        change_own_password(team, mine, PASSWORD, "short", "1.2.3.4")
    assert find_session(team, mine.id)  # refusals change nothing
    with acting_as("rana"):
        renewed = change_own_password(team, mine, PASSWORD, NEW, "1.2.3.4")
    # the other session and this one (a copy of its cookie is a thief's) are over
    assert find_session(team, stolen.id) is None and find_session(team, mine.id) is None
    assert find_session(team, renewed.id).user.name == "rana" and renewed.fresh()
    with pytest.raises(AccountError):
        authenticate(team, "rana", PASSWORD, "1.2.3.4")
    assert authenticate(team, "rana", NEW, "1.2.3.4").name == "rana"
    (actor, subject, details), = _events(team, "user.password_changed")
    assert (actor, subject) == ("rana", "rana") and '"by_self":true' in details
    assert '"sessions_ended":2' in details


def test_guessing_the_current_password_on_the_change_form_locks_the_account(team):
    session = open_session(team, authenticate(team, "rana", PASSWORD, "1.2.3.4"))
    for _ in range(5):
        with pytest.raises(AccountError):
            change_own_password(team, session, "guess-guess-guess", NEW, "1.2.3.4")
    with pytest.raises(AccountError, match="locked"):
        change_own_password(team, session, PASSWORD, NEW, "1.2.3.4")


def test_no_password_or_hash_reaches_the_audit_chain(team):
    with team.connect(read_only=True) as con:
        old_hash = con.execute("SELECT password_hash FROM app_user WHERE name = 'rana'"
                               ).fetchall()[0][0]
    set_password(team, "rana", NEW)
    disable_user(team, "rana")
    enable_user(team, "rana")
    with team.connect(read_only=True) as con:
        new_hash = con.execute("SELECT password_hash FROM app_user WHERE name = 'rana'"
                               ).fetchall()[0][0]
        chain = " ".join(str(r) for r in con.execute("SELECT * FROM audit_event").fetchall())
    for secret in (PASSWORD, NEW, old_hash, new_hash, "$argon2"):
        assert secret not in chain


def _run(project, *args, input: str | None = None):
    return CliRunner().invoke(cli_app, ["-p", str(project.root), "user", *args], input=input)


def test_the_cli_disables_enables_and_resets_a_password(team, tmp_path):
    session = open_session(team, authenticate(team, "rana", PASSWORD, "1.2.3.4"))
    result = _run(team, "password", "rana", input=f"{NEW}\n{NEW}\n")
    assert result.exit_code == 0, result.output
    assert NEW not in result.output  # asked without echo
    assert find_session(team, session.id) is None  # an admin's reset ends every session
    assert authenticate(team, "rana", NEW, "1.2.3.4")
    differ = _run(team, "password", "rana", input=f"{NEW}\nsomething else!\n")
    assert differ.exit_code == 1 and "differ" in str(differ.exception)
    weak = tmp_path / "weak.txt"
    weak.write_text("short\n")
    assert _run(team, "password", "rana", "--password-file", str(weak)).exit_code == 1
    assert authenticate(team, "rana", NEW, "1.2.3.4")  # unchanged by the refusals
    assert _run(team, "disable", "rana").exit_code == 0
    with pytest.raises(AccountError):
        authenticate(team, "rana", NEW, "1.2.3.4")
    last = _run(team, "disable", "boss")
    assert last.exit_code == 1 and "last enabled admin" in str(last.exception)
    assert _run(team, "enable", "rana").exit_code == 0
    assert authenticate(team, "rana", NEW, "1.2.3.4")
