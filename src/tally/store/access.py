"""Access groups: which sources a user may read, one rule for the CLI and the web.

    add_group(project, "jableh-team")                     # tally group add
    add_member(project, "jableh-team", "rana")            # tally group member add
    restrict_source(project, "hospital-staff", "jableh-team")  # tally source restrict
    hidden = hidden_sources(project, "omar")              # what omar may not read

A source restricted to one or more groups is readable — its documents, their
records, every value in them, the claims and quarantined rows they gave — only by
members of at least one of its groups. Everyone else sees that it exists: the
source's row (marked restricted), counts, and "restricted" in place of each of its
records; never a name, a date, a place or a file name from it. Admins are not
exempt: an admin who must read a restricted source adds themselves to a group,
which is an audit event like every change here (``group.added``,
``group.member_added``, ``group.member_removed``, ``source.restricted``,
``source.unrestricted``).

A read refused by this rule (a person page, a document, a filtered search or an
export that asked for a restricted source) is logged as an ``access.denied`` event
in the audit chain by :func:`record_denied` — who, what kind of read, the subject
(a source, a person or a record id), never a value — and admins see those events
(:func:`denied_events`).

The rule is the shells' to apply: the operating-system user who runs the CLI
against the project folder holds the store (and, in an encrypted project, the
key), so the CLI's own reads and exports are that operator's act, audited as
such, not filtered. The workspace applies the rule to every signed-in user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from tally.errors import UsageError
from tally.store.audit import append_event, current_actor, utc_now
from tally.store.transaction import transaction

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
DENIED = "access.denied"


class Restricted(UsageError):
    """A read or a decision on something from a source hidden from the user."""


@dataclass(frozen=True)
class Group:
    name: str
    members: tuple[str, ...]
    sources: tuple[str, ...]


def _check_name(name: str) -> None:
    if not _NAME.match(name or ""):
        raise UsageError(f"group name {name!r}: use 1-64 letters, digits, '_', '.' or '-'")


def _exists(con, table: str, column: str, value: str) -> bool:
    return bool(con.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [value]).fetchall())


def add_group(project, name: str) -> Group:
    """Create an empty group (an audit event); refuses a taken or malformed name."""
    _check_name(name)
    with project.connect() as con, transaction(con):
        if _exists(con, "access_group", "name", name):
            raise UsageError(f"group {name!r} already exists")
        con.execute("INSERT INTO access_group VALUES (?, ?, ?)", [name, utc_now(), current_actor()])
        append_event(con, "group.added", name, {})
    return Group(name, (), ())


def _need_group(con, group: str) -> None:
    if not _exists(con, "access_group", "name", group):
        raise UsageError(f"no group {group!r}: add it first with `tally group add {group}`")


def add_member(project, group: str, user: str) -> None:
    """Make ``user`` (a workspace account) a member of ``group``."""
    with project.connect() as con, transaction(con):
        _need_group(con, group)
        if not _exists(con, "app_user", "name", user):
            raise UsageError(f"no user {user!r}")
        if con.execute("SELECT 1 FROM access_member WHERE group_name = ? AND user_name = ?",
                       [group, user]).fetchall():
            raise UsageError(f"{user!r} is already a member of {group!r}")
        con.execute("INSERT INTO access_member VALUES (?, ?, ?, ?)",
                    [group, user, utc_now(), current_actor()])
        append_event(con, "group.member_added", group, {"user": user})


def remove_member(project, group: str, user: str) -> None:
    with project.connect() as con, transaction(con):
        _need_group(con, group)
        gone = con.execute("DELETE FROM access_member WHERE group_name = ? AND user_name = ? "
                           "RETURNING user_name", [group, user]).fetchall()
        if not gone:
            raise UsageError(f"{user!r} is not a member of {group!r}")
        append_event(con, "group.member_removed", group, {"user": user})


def restrict_source(project, source_id: str, group: str) -> None:
    """Restrict ``source_id`` to ``group`` (a source may be restricted to several
    groups: a member of any of them reads it)."""
    with project.connect() as con, transaction(con):
        _need_group(con, group)
        if not _exists(con, "source", "id", source_id):
            raise UsageError(f"no source {source_id!r}")
        if con.execute("SELECT 1 FROM source_restriction WHERE source_id = ? AND group_name = ?",
                       [source_id, group]).fetchall():
            raise UsageError(f"source {source_id!r} is already restricted to {group!r}")
        con.execute("INSERT INTO source_restriction VALUES (?, ?, ?, ?)",
                    [source_id, group, utc_now(), current_actor()])
        append_event(con, "source.restricted", source_id, {"group": group})


def unrestrict_source(project, source_id: str, group: str) -> None:
    with project.connect() as con, transaction(con):
        gone = con.execute("DELETE FROM source_restriction WHERE source_id = ? AND group_name = ? "
                           "RETURNING source_id", [source_id, group]).fetchall()
        if not gone:
            raise UsageError(f"source {source_id!r} is not restricted to {group!r}")
        append_event(con, "source.unrestricted", source_id, {"group": group})


def list_groups(project) -> list[Group]:
    with project.connect(read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT name FROM access_group ORDER BY name").fetchall()]
        members = con.execute("SELECT group_name, user_name FROM access_member "
                              "ORDER BY user_name").fetchall()
        sources = con.execute("SELECT group_name, source_id FROM source_restriction "
                              "ORDER BY source_id").fetchall()
    return [Group(n, tuple(u for g, u in members if g == n), tuple(s for g, s in sources if g == n))
            for n in names]


# --------------------------------------------------------------------------- the rule

def hidden_sources_con(con, user: str | None) -> frozenset[str]:
    """The restricted sources ``user`` is in no group of (every restricted source for
    ``None``, someone unknown). One query; the tables exist from migration 019 on."""
    rows = con.execute(
        """SELECT DISTINCT r.source_id FROM source_restriction r
           WHERE NOT EXISTS (SELECT 1 FROM source_restriction r2
                             JOIN access_member m ON m.group_name = r2.group_name
                             WHERE r2.source_id = r.source_id AND m.user_name = ?)""",
        [user or ""]).fetchall()
    return frozenset(r[0] for r in rows)


def hidden_sources(project, user: str | None) -> frozenset[str]:
    with project.connect(read_only=True) as con:
        return hidden_sources_con(con, user)


def restricted_sources(project) -> dict[str, tuple[str, ...]]:
    """Every restricted source with its groups."""
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT source_id, group_name FROM source_restriction "
                           "ORDER BY source_id, group_name").fetchall()
    out: dict[str, list[str]] = {}
    for source, group in rows:
        out.setdefault(source, []).append(group)
    return {s: tuple(g) for s, g in out.items()}


def hidden_records(project, user: str | None, record_ids: Iterable[str]) -> set[str]:
    """Which of ``record_ids`` come from a source hidden from ``user``."""
    return hidden_rows(project, user, "victim_record", "record_id", record_ids)


def hidden_rows(project, user: str | None, table: str, id_column: str,
                ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` (values of ``table.id_column``, a table with ``source_id``:
    victim_record, claim, document) come from a source hidden from ``user``."""
    if (table, id_column) not in _SOURCED:
        raise ValueError(f"{table}.{id_column} is not a table with a source")
    ids = list(ids)
    if not ids:
        return set()
    with project.connect(read_only=True) as con:
        hidden = hidden_sources_con(con, user)
        if not hidden:
            return set()
        rows = con.execute(f"SELECT {id_column} FROM {table} WHERE {id_column} IN "
                           "(SELECT unnest(?)) AND source_id IN (SELECT unnest(?))",
                           [ids, sorted(hidden)]).fetchall()
    return {r[0] for r in rows}


_SOURCED = {("victim_record", "record_id"), ("claim", "claim_id"), ("document", "sha256")}


def document_source(project, sha256: str) -> str | None:
    with project.connect(read_only=True) as con:
        row = con.execute("SELECT source_id FROM document WHERE sha256 = ?", [sha256]).fetchall()
    return row[0][0] if row else None


def sql_hidden_filter(hidden: Iterable[str], column: str = "source_id") -> str:
    """``column NOT IN (...)`` over ``hidden`` as SQL literals (source ids are checked
    names, quoted anyway), or ``TRUE``: for exports that must leave hidden rows out."""
    values = sorted(hidden)
    if not values:
        return "TRUE"
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} NOT IN ({quoted})"


# --------------------------------------------------------------------------- denials

def record_denied(project, what: str, subject: str | None, sources: Iterable[str] = ()) -> str:
    """Append an ``access.denied`` event (its own transaction): the actor
    (:func:`current_actor`), the kind of read refused, its subject and the
    restricted sources it touched — never a value from them."""
    details = {"read": what, "sources": sorted(set(sources))}
    with project.connect() as con, transaction(con):
        return append_event(con, DENIED, subject, details)


def denied_events(project, limit: int = 200) -> list[dict]:
    """The latest refused reads, newest first (for admins)."""
    import json

    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT seq, occurred_at, actor, subject, details FROM audit_event "
                           "WHERE action = ? ORDER BY seq DESC LIMIT ?", [DENIED, limit]).fetchall()
    out = []
    for seq, at, actor, subject, details in rows:
        try:
            d = json.loads(details or "{}")
        except ValueError:
            d = {}
        out.append({"seq": seq, "at": at, "actor": actor, "subject": subject,
                    "read": d.get("read"), "sources": d.get("sources", [])})
    return out


def refuse_hidden(project, user: str, what: str, subject: str,
                  records: Iterable[str] = (), claims: Iterable[str] = ()) -> None:
    """Raise :class:`Restricted` (after logging ``access.denied`` as the current actor)
    when any of ``records`` or ``claims`` comes from a source hidden from ``user``.
    Call it inside the writer's lock: it appends to the chain."""
    records, claims = [r for r in records if r], [c for c in claims if c]
    hit = (hidden_rows(project, user, "victim_record", "record_id", records)
           | hidden_rows(project, user, "claim", "claim_id", claims))
    if hit:
        record_denied(project, what, subject, hidden_sources(project, user))
        raise Restricted("restricted: this comes from a source of an access group you are "
                         "not in")
