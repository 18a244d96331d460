"""The reads the pages need that no stage function answers yet.

Each is one small function over the store, values bound as parameters; the
pages call these, never SQL of their own. When a stage grows the same read for
the CLI, the page should call that instead and the function here goes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from tally.normalize.places import load_gazetteer, place_by_id
from tally.store.runs import latest_run

#: Columns of a record as the records list shows it; names only for roles that may
#: see identities (``identities``), public fields for everyone else.
PUBLIC_COLUMNS = ("record_id", "source_id", "sex", "age", "date_of_death", "governorate",
                  "status", "person_id")
IDENTITY_COLUMNS = ("name",)
STATUSES = ("civilian", "combatant", "unknown")


_CACHE: dict[tuple[str, str], tuple[int, Any]] = {}
_CACHE_LOCK = threading.Lock()


#: actions that change nothing a cached page counts: reads (read.*), refused reads
#: (access.denied) and verdicts (the review queue's size is taken live, from the
#: page's kept queue). Under a team's load these are most of the chain's events.
UNCOUNTED = ("read.", "access.denied", "review.")


def last_change(project, ignore: tuple[str, ...] = ()) -> int:
    """The newest audit event's number, leaving out actions starting with one of
    ``ignore``: every write to the store that a page shows (ingest, a source, a
    run, a decision) appends one event, so an unchanged number means unchanged data."""
    where = " AND ".join("NOT starts_with(action, ?)" for _ in ignore) or "TRUE"
    with project.connect(read_only=True) as con:
        return int(con.execute(f"SELECT coalesce(max(seq), 0) FROM audit_event WHERE {where}",
                               list(ignore)).fetchall()[0][0])


def since_last_change(project, key: str, compute: Callable[[Any], Any],
                      ignore: tuple[str, ...] = ()) -> Any:
    """``compute(project)``, recomputed only when the store has changed since
    (events of the ``ignore`` actions aside)."""
    version = last_change(project, ignore)
    slot = (str(project.root), key)
    with _CACHE_LOCK:
        hit = _CACHE.get(slot)
    if hit and hit[0] == version:
        return hit[1]
    value = compute(project)
    with _CACHE_LOCK:
        _CACHE[slot] = (version, value)
    return value


def governorates() -> list[tuple[str, str, str]]:
    """(id, English name, Arabic name) of each governorate in the gazetteer."""
    return sorted(((p.id, p.name_en, p.name_ar) for p in load_gazetteer()
                   if p.admin_level == 1), key=lambda g: g[1])


def place_label(place_id: str | None, lang: str) -> str | None:
    place = place_by_id(place_id) if place_id else None
    if place is None:
        return None
    return place.name_ar if lang == "ar" else place.name_en


def places(query: str, limit: int = 30) -> list[tuple[str, str, str, int]]:
    """Gazetteer units whose English or Arabic name contains ``query`` (either script):
    (id, English, Arabic, admin level), governorates first."""
    q = query.strip().lower()
    if not q:
        return []
    found = [(p.id, p.name_en, p.name_ar, p.admin_level) for p in load_gazetteer()
             if q in p.name_en.lower() or q in p.name_ar
             or any(q in a.lower() for a in p.alt_names)]
    return sorted(found, key=lambda p: (p[3], p[1]))[:limit]


def overview(project) -> dict:
    """Counts the dashboard shows beside tally.status: persons and the latest runs."""
    with project.connect(read_only=True) as con:
        link = latest_run(con, "link_run")
        persons = con.execute(
            "SELECT count(DISTINCT person_id) FROM person_record WHERE run_id = ?",
            [link["run_id"]]).fetchall()[0][0] if link else 0
        runs = []
        for stage, table in (("link", "link_run"), ("incidents", "incident_run")):
            run = latest_run(con, table)
            if run:
                runs.append({"stage": stage, "run_id": run["run_id"]})
    return {"persons": persons, "runs": runs}


def documents(project, limit: int = 200) -> list[dict]:
    cols = ("sha256", "source_id", "original_name", "media_type", "encoding", "records",
            "quarantined", "received_at", "received_by")
    with project.connect(read_only=True) as con:
        rows = con.execute(
            """SELECT sha256, source_id, original_name, media_type, encoding, record_count,
                      quarantine_count, received_at, received_by
               FROM document ORDER BY received_at DESC LIMIT ?""", [limit]).fetchall()
    return [dict(zip(cols, r)) for r in rows]


@dataclass
class RecordSearch:
    name: str = ""
    governorate: str = ""
    source: str = ""
    status: str = ""
    date_from: str = ""   # YYYY-MM-DD: records whose date of death may fall on or after it
    date_to: str = ""     # ... on or before it (a record's date is an interval)
    page: int = 1
    per_page: int = 50
    total: int = 0
    rows: list[dict] = field(default_factory=list)


def search_records(project, search: RecordSearch, *, identities: bool,
                   hidden: frozenset[str] = frozenset()) -> RecordSearch:
    """Records whose name holds every token of ``search.name`` by its cross-script
    key (محمد الأحمد finds Mohammed al-Ahmad: both are mhmd ahmd), filtered by
    governorate (the normalized place's), source, status and a date window that
    overlaps the record's date interval (a month-precise date matches any day of
    its month). Without
    ``identities`` the name is neither searched nor returned.

    Records of ``hidden`` sources (tally.store.access: the user is in none of their
    groups) are rows marked ``restricted`` with every value but the source blank,
    and only when no filter on content is given (name, place, status, date): a
    search by content never matches them, so its count cannot tell whether a
    restricted record holds a name or a place."""
    from tally.web.record_index import search_records as from_index

    # kept in memory between requests (tally.web.record_index): the SQL this was,
    # a count and an ORDER BY over the joined records, cost 300-400 ms a page at
    # 100,000 records; tests/web/test_record_index.py holds both to the same rows
    return from_index(project, search, identities=identities, hidden=hidden)
