"""Sources: who documented what, and how far they are trusted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tally.errors import ProjectError
from tally.model import RELIABILITY_GRADES, SOURCE_KINDS
from tally.project import Project
from tally.store.audit import append_event, utc_now
from tally.store.transaction import transaction

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    reliability: str
    language: str | None = None
    notes: str | None = None
    created_at: str | None = None


def add_source(
    project: Project,
    source_id: str,
    *,
    name: str,
    kind: str,
    reliability: str,
    language: str | None = None,
    notes: str | None = None,
) -> Source:
    """Register a source; refuse unknown kinds, grades and duplicate ids."""
    if not _ID.match(source_id):
        raise ProjectError(
            f"source id {source_id!r}: use 1-64 letters, digits, '_', '-' or '.', "
            "starting with a letter or digit"
        )
    if kind not in SOURCE_KINDS:
        raise ProjectError(f"source kind {kind!r} is not one of: {', '.join(SOURCE_KINDS)}")
    grade = reliability.upper()
    if grade not in RELIABILITY_GRADES:
        raise ProjectError(
            f"reliability {reliability!r} is not an Admiralty grade A-F "
            f"({'; '.join(f'{k} {v}' for k, v in RELIABILITY_GRADES.items())})"
        )
    if not name.strip():
        raise ProjectError("a source needs a name")
    source = Source(source_id, name.strip(), kind, grade, language, notes, utc_now())
    with project.connect() as con:
        with transaction(con):
            if con.execute("SELECT 1 FROM source WHERE id = ?", [source_id]).fetchall():
                raise ProjectError(f"source {source_id!r} already exists")
            con.execute(
                "INSERT INTO source VALUES (?, ?, ?, ?, ?, ?, ?)",
                [source.id, source.name, source.kind, source.reliability,
                 source.language, source.notes, source.created_at],
            )
            append_event(
                con, "source.added", source_id,
                {"name": source.name, "kind": kind, "reliability": grade, "language": language},
            )
    return source


def list_sources(project: Project) -> list[Source]:
    with project.connect() as con:
        rows = con.execute(
            "SELECT id, name, kind, reliability, language, notes, created_at "
            "FROM source ORDER BY id"
        ).fetchall()
    return [Source(*row) for row in rows]


def get_source(con, source_id: str) -> Source:
    row = con.execute(
        "SELECT id, name, kind, reliability, language, notes, created_at FROM source WHERE id = ?",
        [source_id],
    ).fetchall()
    if not row:
        known = [r[0] for r in con.execute("SELECT id FROM source ORDER BY id").fetchall()]
        hint = f" (known: {', '.join(known)})" if known else " (add one with `tally source add`)"
        raise ProjectError(f"unknown source {source_id!r}{hint}")
    return Source(*row[0])
