"""Workspace accounts: users with a role, their sessions, and sign-in throttling.

    add_user(project, "rana", "documenter", password)      # tally user add
    user = authenticate(project, "rana", password, ip)     # sign in (or AccountError)
    session = open_session(project, user)                  # its id goes in a signed cookie

Passwords are kept only as Argon2id hashes (argon2-cffi's defaults, RFC 9106's
second recommended setting). An account that failed :data:`MAX_FAILURES`
times, or an address that failed :data:`MAX_FAILURES_PER_IP` times (any
accounts), within :data:`LOCK_MINUTES` is locked for that long (per account:
guessing one password; per address: trying many accounts); a success resets
the count. A locked sign-in is refused before the password is even checked, so
the lock also stops the guessing. The same message answers an unknown name and a wrong
password, so the form tells nobody which accounts exist.

This is the store's side; the web shell (``tally.web``) holds the cookie and the
CSRF check. Adding a user is an audit event; sessions and attempts are not (they
change no evidence) but are kept for an admin to read.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tally.errors import TallyError, UsageError
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.transaction import transaction

ROLES: tuple[str, ...] = ("admin", "analyst", "reviewer", "documenter", "viewer")
MAX_FAILURES = 5          # per account, within the window
MAX_FAILURES_PER_IP = 10  # above the per-account 5: an office signs in from one address
LOCK_MINUTES = 15
SESSION_HOURS = 12
MIN_PASSWORD = 10

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
_HASHER = PasswordHasher()  # Argon2id
# verified when the name is unknown, so both answers take as long
_DUMMY = _HASHER.hash(secrets.token_hex(16))


class AccountError(TallyError):
    """A sign-in refused (wrong name or password, locked, disabled) or a bad account."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    language: str | None = None


@dataclass(frozen=True)
class Session:
    id: str
    user: User
    csrf_token: str
    expires_at: str


def _now() -> datetime:
    return datetime.now(timezone.utc)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password needs at least {MIN_PASSWORD} characters")


def add_user(project, name: str, role: str, password: str, *, language: str | None = None) -> User:
    """Create an account; refuses a taken or malformed name, an unknown role, a short password."""
    if not _NAME.match(name):
        raise UsageError(f"user name {name!r}: use 1-64 letters, digits, '_', '.', '@' or '-'")
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    if language not in (None, "ar", "en"):
        raise UsageError("language must be ar or en")
    check_password_rules(password)
    digest = _HASHER.hash(password)
    with project.connect() as con, transaction(con):
        if con.execute("SELECT 1 FROM app_user WHERE name = ?", [name]).fetchall():
            raise UsageError(f"user {name!r} already exists")
        con.execute(
            "INSERT INTO app_user (name, role, password_hash, language, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?)", [name, role, digest, language, utc_now(), current_actor()])
        append_event(con, "user.added", name, {"role": role})
    return User(name, role, language)


def list_users(project) -> list[User]:
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT name, role, language FROM app_user WHERE NOT disabled "
                           "ORDER BY name").fetchall()
    return [User(*r) for r in rows]


def _failures(con, column: str, value: str, since: str) -> tuple[int, str | None]:
    """Failures of this account (or address) since ``since`` and after its last success."""
    row = con.execute(
        f"""SELECT count(*), max(attempted_at) FROM login_attempt
            WHERE {column} = ? AND NOT ok AND attempted_at >= ?
              AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempt
                                 WHERE {column} = ? AND ok), '')""",
        [value, since, value]).fetchall()[0]
    return int(row[0]), row[1]


def locked_until(con, name: str, ip: str) -> str | None:
    """When the lock on this account or address ends (ISO time), or None."""
    since = (_now() - timedelta(minutes=LOCK_MINUTES)).isoformat(timespec="microseconds")
    for column, value, limit in (("user_name", name, MAX_FAILURES),
                                 ("ip", ip, MAX_FAILURES_PER_IP)):
        count, last = _failures(con, column, value, since)
        if count >= limit and last:
            end = datetime.fromisoformat(last) + timedelta(minutes=LOCK_MINUTES)
            return end.isoformat(timespec="seconds")
    return None


def authenticate(project, name: str, password: str, ip: str) -> User:
    """The user, when the name and password are right and neither is locked."""
    with project.connect() as con:
        until = locked_until(con, name, ip)
        if until:
            raise AccountError(f"too many failed sign-ins: locked until {until} UTC")
        row = con.execute("SELECT role, password_hash, language, disabled FROM app_user "
                          "WHERE name = ?", [name]).fetchall()
        ok = False
        try:
            ok = _HASHER.verify(row[0][1] if row else _DUMMY, password) and bool(row)
        except (VerificationError, InvalidHashError):
            ok = False
        ok = ok and not row[0][3]
        with transaction(con):
            con.execute("INSERT INTO login_attempt VALUES (?, ?, ?, ?)", [utc_now(), name, ip, ok])
            if ok and _HASHER.check_needs_rehash(row[0][1]):
                con.execute("UPDATE app_user SET password_hash = ? WHERE name = ?",
                            [_HASHER.hash(password), name])
    if not ok:
        raise AccountError("wrong user name or password")
    return User(name, row[0][0], row[0][2])


def open_session(project, user: User) -> Session:
    sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (_now() + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")
    with project.connect() as con, transaction(con):
        now = utc_now()
        con.execute("INSERT INTO web_session (id, user_name, csrf_token, created_at, expires_at, "
                    "reauth_at) VALUES (?, ?, ?, ?, ?, ?)", [sid, user.name, csrf, now, expires, now])
    return Session(sid, user, csrf, expires)


def find_session(project, sid: str) -> Session | None:
    """The open, unexpired session with this id and its (enabled) user, or None."""
    with project.connect(read_only=True) as con:
        row = con.execute(
            """SELECT s.id, u.name, u.role, u.language, s.csrf_token, s.expires_at
               FROM web_session s JOIN app_user u ON u.name = s.user_name
               WHERE s.id = ? AND s.ended_at IS NULL AND NOT u.disabled""", [sid]).fetchall()
    if not row or row[0][5] < _now().isoformat(timespec="seconds"):
        return None
    r = row[0]
    return Session(r[0], User(r[1], r[2], r[3]), r[4], r[5])


def end_session(project, sid: str) -> None:
    with project.connect() as con, transaction(con):
        con.execute("UPDATE web_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                    [utc_now(), sid])


def set_language(project, name: str, language: str) -> None:
    if language not in ("ar", "en"):
        raise UsageError("language must be ar or en")
    with project.connect() as con, transaction(con):
        con.execute("UPDATE app_user SET language = ? WHERE name = ?", [language, name])
