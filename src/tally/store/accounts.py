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

Sign-in hardening (issue 19 item 6):

- a TOTP second factor (RFC 6238, pyotp): :func:`new_totp_secret` then
  :func:`enrol_totp` with a first code; the secret is kept sealed by the data
  key in an encrypted project. A code is accepted once: the time step of the
  last one accepted is kept, and a code of that step or an earlier one is
  refused (a code seen over a shoulder or in a proxy's log cannot be replayed).
  A wrong code is a failed sign-in (it counts towards the lock-out).
- ten recovery codes, shown once at enrolment, kept as SHA-256 (each is 80
  random bits: nobody guesses one, so a slow hash adds nothing), each usable once.
- roles that must use it: ``[workspace] totp_roles = ["admin", ...]`` in
  tally.toml (none by default); a signed-in user of such a role without a
  second factor can only enrol (:attr:`Session.must_enrol`).
- one active session per user (``[workspace] single_session``, default true):
  a new sign-in ends the others, so a stolen cookie dies at the owner's next
  sign-in.
- re-authentication: each session keeps when its user last proved who they
  are (``reauth_at``: the sign-in, or :func:`reauthenticate` with the password
  and a code); exports and key operations need it within :data:`FRESH_MINUTES`.

This is the store's side; the web shell (``tally.web``) holds the cookie and the
CSRF check. Adding a user is an audit event; sessions and attempts are not (they
change no evidence) but are kept for an admin to read.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import duckdb
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
FRESH_MINUTES = 5         # how recent a proof of identity exports and key operations need
RECOVERY_CODES = 10
TOTP_ISSUER = "Tally"

#: serialises the lock check with the write of the attempt it lets through
_ATTEMPTS = threading.Lock()
#: password hashes checked at once: each Argon2id check holds 64 MiB for about a second,
#: so forty sign-ins sent together took some 2.5 GB of the server's memory; beyond this
#: many, a sign-in waits its turn (2 cores gain nothing from more)
MAX_CONCURRENT_HASHES = 4
_HASHING = threading.BoundedSemaphore(MAX_CONCURRENT_HASHES)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
_HASHER = PasswordHasher()  # Argon2id
# verified when the name is unknown, so both answers take as long
_DUMMY = _HASHER.hash(secrets.token_hex(16))


def use_cheap_hashes_for_tests() -> None:
    """Hash new passwords with Argon2id's smallest costs (1 pass, 8 KiB, 1 lane).

    For the test suite only: tests/conftest.py calls it once per session, so the
    hundreds of accounts and sign-ins there take microseconds instead of about a
    second each on a loaded machine. Nothing in Tally calls it, and no setting,
    option or environment variable reaches it, so a deployment always hashes with
    argon2-cffi's defaults (tests/unit/store/test_password_costs.py checks them in a
    fresh process). A hash keeps its own costs: one made here still verifies, and
    :func:`authenticate` outside the tests rehashes it with the defaults."""
    global _HASHER, _DUMMY
    _HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    _DUMMY = _HASHER.hash(secrets.token_hex(16))


class AccountError(TallyError):
    """A sign-in refused (wrong name or password, locked, disabled) or a bad account."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    language: str | None = None
    disabled: bool = False


@dataclass(frozen=True)
class Session:
    id: str
    user: User
    csrf_token: str
    expires_at: str
    reauth_at: str | None = None  # the last proof of identity (sign-in, re-authentication)
    must_enrol: bool = False      # the role needs a second factor the user has not set up

    def fresh(self, minutes: int = FRESH_MINUTES) -> bool:
        """Whether the user proved who they are within ``minutes``."""
        if not self.reauth_at:
            return False
        return datetime.fromisoformat(self.reauth_at) >= _now() - timedelta(minutes=minutes)


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


def all_users(project) -> list[User]:
    """Every account, disabled ones too (the Users page, to enable them again)."""
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT name, role, language, disabled FROM app_user "
                           "ORDER BY name").fetchall()
    return [User(*r) for r in rows]


# --------------------------------------------------------------------------- disable, password

#: account changes one at a time in this process: "is another admin left?" is checked
#: and the change written with nothing in between (two admins disabling each other at
#: once each saw the other still enabled; DuckDB sees no conflict between two rows)
_CHANGES = threading.Lock()


def _end_sessions(con, name: str, keep: str | None = None) -> int:
    return len(con.execute(
        "UPDATE web_session SET ended_at = ? WHERE user_name = ? AND ended_at IS NULL "
        "AND id IS DISTINCT FROM ? RETURNING id", [utc_now(), name, keep]).fetchall())


def _role_of(con, name: str) -> tuple[str, bool]:
    row = con.execute("SELECT role, disabled FROM app_user WHERE name = ?", [name]).fetchall()
    if not row:
        raise UsageError(f"no user {name!r}")
    return row[0][0], bool(row[0][1])


def disable_user(project, name: str) -> None:
    """Stop ``name`` signing in: their sessions end now and their API tokens are
    revoked (enabling the account again brings neither back). The last enabled admin
    is never disabled: nobody would be left to enable anyone (a departed member's
    account must be disabled by another admin, or add one first). An audit event
    (``user.disabled``), by :func:`current_actor`."""
    with _CHANGES, project.connect() as con, transaction(con):
        role, disabled = _role_of(con, name)
        if disabled:
            raise UsageError(f"user {name!r} is already disabled")
        if role == "admin" and not con.execute(
                "SELECT 1 FROM app_user WHERE role = 'admin' AND NOT disabled AND name <> ?",
                [name]).fetchall():
            raise UsageError(f"{name} is the last enabled admin: add or enable another admin "
                             "first, or nobody could manage the workspace")
        con.execute("UPDATE app_user SET disabled = true WHERE name = ?", [name])
        sessions = _end_sessions(con, name)
        tokens = len(con.execute(
            "UPDATE api_token SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL "
            "RETURNING id", [utc_now(), name]).fetchall())
        append_event(con, "user.disabled", name, {"sessions_ended": sessions,
                                                  "tokens_revoked": tokens})


def enable_user(project, name: str) -> None:
    """Let a disabled account sign in again (with its old password and second factor;
    its API tokens stay revoked). An audit event (``user.enabled``)."""
    with _CHANGES, project.connect() as con, transaction(con):
        _role, disabled = _role_of(con, name)
        if not disabled:
            raise UsageError(f"user {name!r} is not disabled")
        con.execute("UPDATE app_user SET disabled = false WHERE name = ?", [name])
        append_event(con, "user.enabled", name, {})


def set_password(project, name: str, password: str, *, keep_session: str | None = None) -> int:
    """Give ``name`` a new password (the rules of :func:`add_user`), and end their
    sessions except ``keep_session`` (the one that changed it): a stolen session
    dies with the old password. The caller checked who asks (an admin's reset, or
    the user with their current password). Returns the sessions ended. An audit
    event (``user.password_changed``; neither password nor hash in it)."""
    check_password_rules(password)
    digest = _HASHER.hash(password)
    with _CHANGES, project.connect() as con, transaction(con):
        _role_of(con, name)
        con.execute("UPDATE app_user SET password_hash = ? WHERE name = ?", [digest, name])
        ended = _end_sessions(con, name, keep_session)
        append_event(con, "user.password_changed", name, {"sessions_ended": ended,
                                                          "by_self": current_actor() == name})
    return ended


def change_own_password(project, session: "Session", current: str, new: str, ip: str
                        ) -> "Session":
    """The signed-in user's own change: the current password first (a failure counts
    towards the sign-in lock, so the form is no way round it), then
    :func:`set_password`, which ends *every* session of the user, this one too; the
    user goes on in the new session returned (fresh: they just gave the password). A
    thief holding a copy of this very session's cookie is out with the others."""
    check_password_rules(new)
    user = authenticate(project, session.user.name, current, ip)
    set_password(project, user.name, new)
    return open_session(project, user)


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
        # the attempt is written as a failure *before* the slow hash, in the lock
        # check's transaction: a burst of guesses sent at once each passed the check
        # while the others were still hashing, and got as many tries as it had guesses
        # (one at a time in this process: a transaction alone would let each see a
        # snapshot without the others' rows; the workspace is the store's one writer)
        with _ATTEMPTS, transaction(con):
            attempt = utc_now()
            until = locked_until(con, name, ip)
            if not until:
                con.execute("INSERT INTO login_attempt VALUES (?, ?, ?, false)",
                            [attempt, name, ip])
        if until:
            raise AccountError(f"too many failed sign-ins: locked until {until} UTC")
        row = con.execute("SELECT role, password_hash, language, disabled, "
                          "totp_secret IS NOT NULL FROM app_user WHERE name = ?", [name]).fetchall()
        ok = False
        try:
            with _HASHING:
                ok = _HASHER.verify(row[0][1] if row else _DUMMY, password) and bool(row)
        except (VerificationError, InvalidHashError):
            ok = False
        ok = ok and not row[0][3]
        with transaction(con):
            # with a second factor, the password alone is not a success: only the code's
            # success resets the failures, so guessing codes cannot be reset by the password
            if ok:
                this = "WHERE attempted_at = ? AND user_name = ? AND ip = ? AND NOT ok"
                if row[0][4]:  # neither a failure nor a success: the code decides
                    con.execute(f"DELETE FROM login_attempt {this}", [attempt, name, ip])
                else:
                    con.execute(f"UPDATE login_attempt SET ok = true {this}", [attempt, name, ip])
            if ok and _HASHER.check_needs_rehash(row[0][1]):
                con.execute("UPDATE app_user SET password_hash = ? WHERE name = ?",
                            [_HASHER.hash(password), name])
    if not ok:
        raise AccountError("wrong user name or password")
    return User(name, row[0][0], row[0][2])


def workspace_setting(project, key: str, default):
    return dict(getattr(project, "config", {}) or {}).get("workspace", {}).get(key, default)


def totp_roles(project) -> frozenset[str]:
    """The roles that must sign in with a second factor (``[workspace] totp_roles``)."""
    roles = workspace_setting(project, "totp_roles", [])
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise UsageError(f"[workspace] totp_roles: unknown roles {sorted(unknown)}")
    return frozenset(roles)


def open_session(project, user: User) -> Session:
    """A new session; with ``[workspace] single_session`` (the default) the user's
    other sessions end here (a stolen cookie stops working at the next sign-in)."""
    sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (_now() + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")
    now = utc_now()
    with project.connect() as con, transaction(con):
        if workspace_setting(project, "single_session", True):
            con.execute("UPDATE web_session SET ended_at = ? WHERE user_name = ? "
                        "AND ended_at IS NULL", [now, user.name])
        con.execute("INSERT INTO web_session (id, user_name, csrf_token, created_at, expires_at, "
                    "reauth_at) VALUES (?, ?, ?, ?, ?, ?)", [sid, user.name, csrf, now, expires, now])
        enrolled = _has_totp(con, user.name)
    return Session(sid, user, csrf, expires, now,
                   user.role in totp_roles(project) and not enrolled)


def find_session(project, sid: str) -> Session | None:
    """The open, unexpired session with this id and its (enabled) user, or None."""
    with project.connect(read_only=True) as con:
        row = con.execute(
            """SELECT s.id, u.name, u.role, u.language, s.csrf_token, s.expires_at, s.reauth_at,
                      u.totp_secret IS NOT NULL
               FROM web_session s JOIN app_user u ON u.name = s.user_name
               WHERE s.id = ? AND s.ended_at IS NULL AND NOT u.disabled""", [sid]).fetchall()
    if not row or row[0][5] < _now().isoformat(timespec="seconds"):
        return None
    r = row[0]
    return Session(r[0], User(r[1], r[2], r[3]), r[4], r[5], r[6],
                   r[2] in totp_roles(project) and not r[7])


def end_session(project, sid: str) -> None:
    with project.connect() as con, transaction(con):
        con.execute("UPDATE web_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                    [utc_now(), sid])


def set_language(project, name: str, language: str) -> None:
    if language not in ("ar", "en"):
        raise UsageError("language must be ar or en")
    with project.connect() as con, transaction(con):
        con.execute("UPDATE app_user SET language = ? WHERE name = ?", [language, name])


# --------------------------------------------------------------------------- second factor

def _has_totp(con, name: str) -> bool:
    row = con.execute("SELECT totp_secret IS NOT NULL FROM app_user WHERE name = ?",
                      [name]).fetchall()
    return bool(row and row[0][0])


def has_totp(project, name: str) -> bool:
    with project.connect(read_only=True) as con:
        return _has_totp(con, name)


def _totp_key(project) -> bytes | None:
    if not getattr(project, "encrypted", False):
        return None
    from tally.store.crypto import subkey

    return subkey(project.data_key(), "totp")


def _seal_secret(project, name: str, secret: str) -> str:
    key = _totp_key(project)
    if key is None:
        return secret
    from tally.store.crypto import seal_text

    return seal_text(key, secret, f"totp:{name}")


def _open_secret(project, name: str, stored: str) -> str:
    key = _totp_key(project)
    if key is None:
        return stored
    from tally.store.crypto import unseal_text

    return unseal_text(key, stored, f"totp:{name}")


def new_totp_secret() -> str:
    import pyotp

    return pyotp.random_base32()


def totp_uri(name: str, secret: str, project_name: str | None = None) -> str:
    """The ``otpauth://`` URI an authenticator app reads (typed or from a QR code)."""
    import pyotp

    issuer = f"{TOTP_ISSUER} {project_name}" if project_name else TOTP_ISSUER
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=issuer)


def _matching_step(secret: str, code: str, after: int | None, at: datetime | None = None
                   ) -> int | None:
    """The time step (now, or one either side for clock drift) whose code is ``code``,
    when it is later than ``after`` (the last accepted: never the same code twice)."""
    import pyotp

    code = (code or "").strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(at or _now())
    for step in (now - 1, now, now + 1):
        if after is not None and step <= after:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().replace("-", "").lower().encode("ascii", "ignore")
                          ).hexdigest()


def enrol_totp(project, name: str, secret: str, code: str) -> list[str]:
    """Turn on the second factor for ``name`` with ``secret`` once ``code`` shows the
    authenticator has it; return the recovery codes (shown once, kept hashed; any
    earlier ones no longer work). An audit event (``user.totp_enrolled``)."""
    step = _matching_step(secret, code, None)
    if step is None:
        raise AccountError("the code does not match: check the authenticator's clock and "
                           "type the code it shows now")
    codes = [f"{secrets.token_hex(5)}-{secrets.token_hex(5)}" for _ in range(RECOVERY_CODES)]
    now = utc_now()
    with project.connect() as con, transaction(con):
        if not con.execute("SELECT 1 FROM app_user WHERE name = ?", [name]).fetchall():
            raise UsageError(f"no user {name!r}")
        con.execute("UPDATE app_user SET totp_secret = ?, totp_last_step = ? WHERE name = ?",
                    [_seal_secret(project, name, secret), step, name])
        con.execute("DELETE FROM recovery_code WHERE user_name = ?", [name])
        con.executemany("INSERT INTO recovery_code VALUES (?, ?, ?, NULL)",
                        [[name, _code_hash(c), now] for c in codes])
        append_event(con, "user.totp_enrolled", name, {"recovery_codes": len(codes)})
    return codes


def check_second_factor(project, name: str, code: str, ip: str) -> None:
    """Accept a TOTP code (never one already used) or an unused recovery code (then
    used up) for ``name``; else :class:`AccountError`. Every try is a sign-in attempt,
    so guessing codes locks the account like guessing passwords (one check at a time:
    a burst of guesses sent at once gets no more tries than the lock allows)."""
    with _ATTEMPTS, project.connect() as con:
        until = locked_until(con, name, ip)
        if until:
            raise AccountError(f"too many failed sign-ins: locked until {until} UTC")
        row = con.execute("SELECT totp_secret, totp_last_step FROM app_user WHERE name = ? "
                          "AND NOT disabled", [name]).fetchall()
        ok, step, recovery = False, None, None
        if row and row[0][0]:
            step = _matching_step(_open_secret(project, name, row[0][0]), code, row[0][1])
            ok = step is not None
            if not ok:
                hit = con.execute("SELECT rowid FROM recovery_code WHERE user_name = ? AND "
                                  "code_sha256 = ? AND used_at IS NULL",
                                  [name, _code_hash(code)]).fetchall()
                if hit:
                    ok, recovery = True, hit[0][0]
        try:
            with transaction(con):
                # the code is used up only if it still was unused here, inside the
                # transaction: the same code sent twice at once (a thief racing its
                # owner) is accepted once, and the other gets "already used"
                if step is not None:
                    ok = bool(con.execute(
                        "UPDATE app_user SET totp_last_step = ? WHERE name = ? AND "
                        "(totp_last_step IS NULL OR totp_last_step < ?) RETURNING name",
                        [step, name, step]).fetchall())
                if recovery is not None:
                    ok = bool(con.execute(
                        "UPDATE recovery_code SET used_at = ? WHERE rowid = ? AND used_at IS NULL "
                        "RETURNING code_sha256", [utc_now(), recovery]).fetchall())
                    if ok:
                        append_event(con, "user.recovery_code_used", name, {})
                con.execute("INSERT INTO login_attempt VALUES (?, ?, ?, ?)",
                            [utc_now(), name, ip, ok])
        except duckdb.TransactionException:  # a concurrent use of the same code won
            ok = False
    if not ok:
        raise AccountError("wrong or already used code")


def reauthenticate(project, session: Session, password: str, code: str | None, ip: str) -> Session:
    """Prove again who the session's user is (the password, and a code when the user
    has a second factor) before an export or a key operation; the session is then
    fresh for :data:`FRESH_MINUTES`."""
    user = authenticate(project, session.user.name, password, ip)
    if has_totp(project, user.name):
        check_second_factor(project, user.name, code or "", ip)
    now = utc_now()
    with project.connect() as con, transaction(con):
        con.execute("UPDATE web_session SET reauth_at = ? WHERE id = ? AND ended_at IS NULL",
                    [now, session.id])
    return Session(session.id, session.user, session.csrf_token, session.expires_at, now,
                   session.must_enrol)


def reset_totp(project, name: str) -> None:
    """Turn off ``name``'s second factor (a lost phone and lost recovery codes): the
    secret and recovery codes are deleted and the user's sessions end; they enrol
    again at their next sign-in. An audit event (``user.totp_reset``)."""
    with project.connect() as con, transaction(con):
        if not con.execute("SELECT 1 FROM app_user WHERE name = ?", [name]).fetchall():
            raise UsageError(f"no user {name!r}")
        con.execute("UPDATE app_user SET totp_secret = NULL, totp_last_step = NULL "
                    "WHERE name = ?", [name])
        con.execute("DELETE FROM recovery_code WHERE user_name = ?", [name])
        con.execute("UPDATE web_session SET ended_at = ? WHERE user_name = ? "
                    "AND ended_at IS NULL", [utc_now(), name])
        append_event(con, "user.totp_reset", name, {})
