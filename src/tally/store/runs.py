"""The stage run and the human decision: written the same way by every stage.

A re-runnable stage (normalize, link, incident, estimate) reads what earlier
stages wrote, computes, then in ONE transaction replaces its own tables, writes
its run row and appends one audit event naming the run and the data version it
read. :func:`stage_run` is that transaction::

    version = data_version(con)                  # read with the inputs
    ...compute...
    with stage_run(con, "link", prefix="link", run_table="link_run",
                   replaces=("record_pair", "person_record"), version=version) as run:
        run.insert("person_record", persons, run_id=run.run_id)
        run.row.update(settings=..., records=...)   # the run row, by column name
        run.details.update(records=...)             # the audit event's details

Rows are inserted by column name, never by position, so a column added by a
later migration cannot shift values into the wrong place.

A human decision (a review verdict, a claim decision, an incident merge or
split) is only ever appended: :func:`record_decision` takes the next id,
inserts the row and appends its audit event in one transaction.

A stored run names the data version it read; :func:`stale_runs` compares the
latest runs with the data as it is now, so a run made before the data changed
is named as stale wherever it is used (estimate, report, status).
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Sequence

import duckdb
import pyarrow as pa

from tally.store.audit import append_event, current_actor, utc_now
from tally.store.transaction import transaction

#: Columns every run table may carry; the skeleton fills those the table has.
RUN_COLUMNS = ("run_id", "started_at", "finished_at", "actor", "data_version")


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Digest of every document's victim records and of the normalizer that keyed them.

    Two reads with the same version saw the same records with the same
    normalized keys: what a run's output depends on. Documents that gave no
    records (an article, a web page, a list whose every row was quarantined)
    do not enter it: a news article received after `tally link` leaves the
    linkage current."""
    row = con.execute(
        """SELECT sha256(coalesce(string_agg(sha256 || ':' || records_digest, ','
                                     ORDER BY sha256), '')
                         || (SELECT coalesce(string_agg(DISTINCT normalizer, ','), '')
                             FROM record_norm))
           FROM document WHERE records_digest IS NOT NULL"""
    ).fetchall()
    return row[0][0]


def new_run_id(prefix: str) -> str:
    """``<prefix>-<UTC time to the second>-<6 hex>``: the time names the run for
    people; the suffix keeps two runs in one second apart."""
    return f"{prefix}-{utc_now()[:19].replace(':', '').replace('-', '')}-{uuid.uuid4().hex[:6]}"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall()]


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: pa.Table | Sequence[Mapping[str, Any]],
    **constants: Any,
) -> int:
    """Insert ``rows`` into ``table`` by column name; return how many.

    ``rows`` is an Arrow table (inserted set-based) or a sequence of dicts
    (all with the same keys); ``constants`` are columns with one value for
    every row (e.g. ``run_id=...``). A column the table lacks is an error
    (a programming error: refuse rather than drop a value)."""
    known = set(_table_columns(con, table))
    if isinstance(rows, pa.Table):
        names = list(rows.column_names)
        n = rows.num_rows
    else:
        rows = list(rows)
        names = list(rows[0]) if rows else []
        n = len(rows)
    columns = names + [c for c in constants if c not in names]
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"table {table} has no column {', '.join(unknown)}")
    if n == 0:
        return 0
    target = f"INSERT INTO {_quote(table)} ({', '.join(map(_quote, columns))}) "
    if isinstance(rows, pa.Table):
        view = f"_insert_{uuid.uuid4().hex[:8]}"
        con.register(view, rows)
        try:
            select = [_quote(c) for c in names] + ["?" for c in constants if c not in names]
            con.execute(target + f"SELECT {', '.join(select)} FROM {view}",
                        [v for c, v in constants.items() if c not in names])
        finally:
            con.unregister(view)
    else:
        extra = [v for c, v in constants.items() if c not in names]
        con.executemany(target + f"VALUES ({', '.join('?' * len(columns))})",
                        [[r[c] for c in names] + extra for r in rows])
    return n


@dataclass
class StageRun:
    """One run of a stage, open inside its transaction (see :func:`stage_run`)."""

    con: duckdb.DuckDBPyConnection
    stage: str
    run_id: str
    data_version: str
    started_at: str
    actor: str
    #: The run row's stage-specific columns (settings, counts ...), by name.
    row: dict[str, Any] = field(default_factory=dict)
    #: The audit event's details besides the data version.
    details: dict[str, Any] = field(default_factory=dict)

    def insert(self, table: str, rows, **constants: Any) -> int:
        """Insert rows of the stage's own output by column name."""
        return insert_rows(self.con, table, rows, **constants)

    def data_changed(self) -> bool:
        """Whether the data differs now from the version the run read (another
        writer committed while the stage computed): the run is stale at birth."""
        return data_version(self.con) != self.data_version


@contextmanager
def stage_run(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    *,
    prefix: str | None = None,
    run_table: str | None = None,
    replaces: Sequence[str] = (),
    version: str | None = None,
    run_id: str | None = None,
    started_at: str | None = None,
    action: str | None = None,
) -> Iterator[StageRun]:
    """One stage run as one transaction: the stage's own tables (``replaces``)
    emptied, the caller's rows inserted, the run row written to ``run_table``
    (the skeleton's columns where the table has them, then ``run.row``), one
    audit event ``action`` (default ``<stage>.run``) with the data version.

    ``version`` is the data version read with the inputs (read now when not
    given); ``started_at`` when the stage began reading (default: now).
    Anything raised inside rolls the whole run back."""
    with transaction(con):
        run = StageRun(
            con, stage, run_id or new_run_id(prefix or stage),
            version if version is not None else data_version(con),
            started_at or utc_now(), current_actor())
        for table in replaces:
            con.execute(f"DELETE FROM {_quote(table)}")
        yield run
        if run_table:
            columns = _table_columns(con, run_table)
            standard = {"run_id": run.run_id, "started_at": run.started_at,
                        "finished_at": utc_now(), "actor": run.actor,
                        "data_version": run.data_version}
            values = {k: v for k, v in standard.items() if k in columns}
            values.update(run.row)
            insert_rows(con, run_table, [values])
        append_event(con, action or f"{stage}.run", run.run_id,
                     {"data_version": run.data_version, **run.details})


def record_decision(
    con: duckdb.DuckDBPyConnection,
    table: str,
    values: Mapping[str, Any],
    *,
    action: str,
    subject: str | None,
    details: Mapping[str, Any] | None = None,
    decided_by: str | None = None,
) -> int:
    """Append one human decision to ``table`` and its audit event, in one
    transaction; return its ``decision_id`` (the next one of the table).

    ``values`` are the decision's own columns by name; ``decided_by``
    (default: the operating-system user) and ``decided_at`` are filled here,
    and the audit event is made in the decider's name with the decision id."""
    who = decided_by or current_actor()
    with transaction(con):
        decision_id = con.execute(
            f"SELECT coalesce(max(decision_id), 0) + 1 FROM {_quote(table)}").fetchall()[0][0]
        insert_rows(con, table, [{"decision_id": decision_id, **values,
                                  "decided_by": who, "decided_at": utc_now()}])
        append_event(con, action, subject, {"decision_id": decision_id, **(details or {})},
                     actor=who)
    return decision_id


# --------------------------------------------------------------------------- staleness

#: Stages whose latest run is compared with the data, their run table and remedy.
_RUN_TABLES = (
    ("link", "link_run", "tally link"),
    ("incidents", "incident_run", "tally incidents"),
)


@dataclass(frozen=True)
class StaleRun:
    """The latest run of a stage, made on data that has changed since."""

    stage: str
    run_id: str
    data_version: str | None
    current_version: str
    command: str
    #: Why, when it is not that the data changed (e.g. a newer link run).
    reason: str | None = None

    @property
    def message(self) -> str:
        made = (f"on data version {self.data_version[:12]}" if self.data_version
                else "with no data version recorded")
        why = self.reason or (f"it was made {made}, and the data has changed since "
                              f"(now {self.current_version[:12]})")
        return f"{self.stage} run {self.run_id} is stale: {why}; re-run `{self.command}`"


def latest_run(con: duckdb.DuckDBPyConnection, run_table: str) -> dict[str, Any] | None:
    """The newest row of ``run_table`` (``None`` when the stage never ran)."""
    columns = _table_columns(con, run_table)
    if not columns:
        return None
    version = "data_version" if "data_version" in columns else "NULL"
    rows = con.execute(
        f"SELECT run_id, {version} FROM {_quote(run_table)} "
        "ORDER BY started_at DESC, run_id DESC LIMIT 1").fetchall()
    return {"run_id": rows[0][0], "data_version": rows[0][1]} if rows else None


def stale_run(con: duckdb.DuckDBPyConnection, stage: str,
              current: str | None = None) -> StaleRun | None:
    """The latest run of ``stage`` ("link" or "incidents") when it is stale."""
    table, command = next((t, c) for s, t, c in _RUN_TABLES if s == stage)
    run = latest_run(con, table)
    if run is None:
        return None
    current = current or data_version(con)
    if run["data_version"] == current:
        return None
    return StaleRun(stage, run["run_id"], run["data_version"], current, command)


def stale_estimate(con: duckdb.DuckDBPyConnection, current: str | None = None) -> StaleRun | None:
    """The latest estimate run when it rests on other data than the store holds
    now, or on a link run that a newer one has replaced."""
    if not _table_columns(con, "estimate"):
        return None
    rows = con.execute(
        "SELECT estimate_run, any_value(data_version), any_value(link_run) FROM estimate "
        "GROUP BY estimate_run ORDER BY max(made_at) DESC, estimate_run DESC LIMIT 1").fetchall()
    if not rows:
        return None
    run_id, version, link_run = rows[0]
    current = current or data_version(con)
    link = latest_run(con, "link_run")
    if version == current and (link is None or link["run_id"] == link_run):
        return None
    reason = None
    if version == current:
        reason = f"it used link run {link_run}, and link run {link['run_id']} has replaced it"
    return StaleRun("estimate", run_id, version, current, "tally estimate", reason)


def stale_runs(con: duckdb.DuckDBPyConnection) -> list[StaleRun]:
    """Every stage whose latest run was made on other data than the store holds
    now (the latest estimate also when a newer link run replaced its linkage)."""
    current = data_version(con)
    found = [stale_run(con, stage, current) for stage, _t, _c in _RUN_TABLES]
    found.append(stale_estimate(con, current))
    return [s for s in found if s is not None]
