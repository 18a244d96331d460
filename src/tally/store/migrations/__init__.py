"""Numbered schema migrations, applied in order and recorded in the database.

Each ``NNN_name.sql`` file beside this module is one migration. A project made
with an older Tally opens with a newer one: :func:`apply_migrations` runs the
missing ones, each in its own transaction, and records it in
``schema_migration`` with the SHA-256 of its text. A migration already applied
whose text has since changed is reported, never silently re-run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources

import duckdb

from tally.errors import StoreError
from tally.store.transaction import transaction

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def available_migrations() -> list[Migration]:
    """All migrations shipped with this version of Tally, in order."""
    found = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(
                Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8"))
            )
    found.sort(key=lambda m: m.version)
    return found


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """CREATE TABLE IF NOT EXISTS schema_migration (
               version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
               checksum VARCHAR NOT NULL, applied_at VARCHAR NOT NULL)"""
    )


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this database (0 for a new one)."""
    _ensure_table(con)
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migration").fetchall()[0]
    return int(row[0])


def apply_migrations(
    con: duckdb.DuckDBPyConnection, target: int | None = None
) -> list[int]:
    """Bring the schema up to ``target`` (default: the newest); return what ran."""
    _ensure_table(con)
    applied = dict(con.execute("SELECT version, checksum FROM schema_migration").fetchall())
    ran = []
    for migration in available_migrations():
        if target is not None and migration.version > target:
            break
        if migration.version in applied:
            if applied[migration.version] != migration.checksum:
                raise StoreError(
                    f"migration {migration.version:03d}_{migration.name} differs from the "
                    "one applied to this project; refusing to continue"
                )
            continue
        with transaction(con):
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migration VALUES (?, ?, ?, ?)",
                [
                    migration.version,
                    migration.name,
                    migration.checksum,
                    datetime.now(timezone.utc).isoformat(),
                ],
            )
        ran.append(migration.version)
    newest = max((m.version for m in available_migrations()), default=0)
    current = schema_version(con)
    if current > newest:
        raise StoreError(
            f"this project's schema (version {current}) is newer than this Tally "
            f"understands (version {newest}); upgrade Tally"
        )
    return ran
