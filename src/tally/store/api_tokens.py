"""Tokens for the workspace's HTTP API: made for a user, shown once, kept hashed.

    token = create_token(project, "rana", label="nightly export")   # tally user token rana
    user = token_user(project, token)                               # the API's check

A token is ``tally_<id>_<secret>``: ``id`` names it in lists and in the audit
chain, ``secret`` is 32 random bytes. Only the SHA-256 of the whole token is
stored (a random 256-bit secret needs no slow hash: there is nothing to guess),
and lookups compare hashes, so the table never holds a usable token. A token acts
with its user's current role; a disabled user's tokens stop working; revoking is
a timestamp (the row stays, for the record). Making and revoking one are audit
events; using one is not (it is the user's own reads and writes that are).
"""

from __future__ import annotations

import hashlib
import re
import secrets

from tally.errors import UsageError
from tally.store.accounts import User
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.transaction import transaction

PREFIX = "tally_"
_SHAPE = re.compile(r"^tally_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def create_token(project, user_name: str, label: str | None = None) -> str:
    """A new token for ``user_name``; returned once, never stored in the clear."""
    token_id = secrets.token_hex(4)
    token = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
    label = (label or "").strip()[:200] or None
    with project.connect() as con, transaction(con):
        if not con.execute("SELECT 1 FROM app_user WHERE name = ? AND NOT disabled",
                           [user_name]).fetchall():
            raise UsageError(f"no user {user_name!r} (add one with `tally user add`)")
        con.execute(
            "INSERT INTO api_token (id, user_name, token_sha256, label, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [token_id, user_name, _digest(token), label, utc_now(), current_actor()])
        append_event(con, "api_token.created", user_name, {"token_id": token_id, "label": label})
    return token


def token_user(project, token: str) -> User | None:
    """The (enabled) user a live token acts for, or None."""
    if not isinstance(token, str) or not _SHAPE.match(token):
        return None
    with project.connect(read_only=True) as con:
        row = con.execute(
            """SELECT u.name, u.role, u.language FROM api_token t
               JOIN app_user u ON u.name = t.user_name
               WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND NOT u.disabled""",
            [_digest(token)]).fetchall()
    return User(*row[0]) if row else None


def list_tokens(project, user_name: str | None = None) -> list[dict]:
    """Tokens (never their secret): id, user, label, made when and by whom, revoked when."""
    where, args = ("WHERE user_name = ?", [user_name]) if user_name else ("", [])
    with project.connect(read_only=True) as con:
        cur = con.execute(f"SELECT id, user_name, label, created_at, created_by, revoked_at "
                          f"FROM api_token {where} ORDER BY created_at", args)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


def revoke_token(project, token_id: str) -> None:
    with project.connect() as con, transaction(con):
        found = con.execute("SELECT user_name FROM api_token WHERE id = ? AND revoked_at IS NULL",
                            [token_id]).fetchall()
        if not found:
            raise UsageError(f"no live token {token_id!r}")
        con.execute("UPDATE api_token SET revoked_at = ? WHERE id = ?", [utc_now(), token_id])
        append_event(con, "api_token.revoked", found[0][0], {"token_id": token_id})
