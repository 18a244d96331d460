"""The records list's search, kept in memory between requests.

``/records`` is a page of 50 records in list order (source, document, row) with the
count of those matching: by name across scripts (every name key of the query among
the record's keys), governorate, source, status and a date window. As SQL over the
joined records that is a count and an ORDER BY over every record for each request:
300-400 ms at 100,000 records on 2 cores, the most of the workspace's time under
load (benchmarks/web_load.py).

This index reads the searchable columns once, in list order, into arrays (a
position per record) with a posting list per name key (the positions of the
records holding it), so a search is an intersection of a few sorted arrays and
array filters: a millisecond or two. Only the page's 50 records are then read from
the store, by id. The index is read again when what it holds may have changed: the
store's data version (every document's records and the normalizer that keyed them,
:func:`tally.store.runs.data_version`) or the latest link run (the persons); it is
checked when the audit chain has grown (a verdict or a read does not change it, so
most checks are one small query).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import numpy as np

from tally.normalize import name_keys
from tally.store.runs import data_version, latest_run

#: a date that never passes a window's test (a record without a date of death)
_NO_END = np.iinfo(np.int32).min
_NO_START = np.iinfo(np.int32).max
_EPOCH = dt.date(1970, 1, 1)


def _day(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return (value - _EPOCH).days


@dataclass
class _Built:
    key: tuple
    ids: np.ndarray            # record id per position (object)
    source: np.ndarray         # source id per position (object)
    governorate: np.ndarray    # normalized governorate id or None (object)
    status: np.ndarray         # coalesce(normalized, as given) or None (object)
    start: np.ndarray          # int32 days, _NO_START where unknown
    end: np.ndarray            # int32 days, _NO_END where unknown
    postings: dict[str, np.ndarray]
    run_id: str | None
    sex: np.ndarray            # normalized sex or None (object)
    person: np.ndarray         # person id in the latest link run, or None (object)
    position: dict[str, int]   # record id -> position


class RecordIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: _Built | None = None
        self._seen_chain: int | None = None

    def current(self, con) -> _Built:
        """The index for the store as ``con`` sees it (read again if it changed)."""
        chain = con.execute("SELECT coalesce(max(seq), 0) FROM audit_event").fetchall()[0][0]
        with self._lock:
            if self._built is not None and chain == self._seen_chain:
                return self._built
            link = latest_run(con, "link_run")
            key = (data_version(con), link["run_id"] if link else None)
            if self._built is None or self._built.key != key:
                self._built = _build(con, key)
            self._seen_chain = chain
            return self._built

    def search(self, con, *, name: str = "", governorate: str = "", source: str = "",
               status: str = "", date_from: str = "", date_to: str = "",
               hidden: frozenset[str] = frozenset(), offset: int = 0,
               limit: int = 50) -> tuple[int, list[str], set[str], _Built]:
        """(how many match, the ids of the page's records in list order, which of
        those are restricted, the index they were found in).

        The same rows as the SQL it replaces: ``name`` every key among the record's
        keys; governorate, status and dates on the normalized values (status as given
        where not normalized); a date window overlapping the record's interval.
        Records of ``hidden`` sources are left out when any content filter is given,
        and otherwise listed as restricted (their existence and source only)."""
        built = self.current(con)
        n = len(built.ids)
        mask = np.ones(n, dtype=bool)
        keys = list(name_keys(name)) if name.strip() else []
        content = bool(keys or governorate or status or date_from or date_to)
        if keys:
            found = None
            for key in dict.fromkeys(keys):
                positions = built.postings.get(key)
                if positions is None:
                    found = np.empty(0, dtype=np.int64)
                    break
                found = positions if found is None else np.intersect1d(found, positions,
                                                                        assume_unique=True)
            mask[:] = False
            mask[found] = True
        if governorate:
            mask &= built.governorate == governorate
        if status:
            mask &= built.status == status
        if date_from:
            mask &= built.end >= _day(dt.date.fromisoformat(date_from))
        if date_to:
            mask &= built.start <= _day(dt.date.fromisoformat(date_to))
        restricted_mask = np.isin(built.source, list(hidden)) if hidden else None
        if restricted_mask is not None and content:
            mask &= ~restricted_mask
        if source:
            mask &= built.source == source
        positions = np.flatnonzero(mask)
        page = positions[offset:offset + limit]
        ids = [str(i) for i in built.ids[page]]
        restricted = ({str(i) for i in built.ids[page[restricted_mask[page]]]}
                      if restricted_mask is not None else set())
        return int(len(positions)), ids, restricted, built


def _build(con, key: tuple) -> _Built:
    table = con.execute(
        """SELECT v.record_id, v.source_id, n.governorate_id, coalesce(n.status, v.status),
                  n.date_start, n.date_end, n.sex, p.person_id
           FROM victim_record v LEFT JOIN record_norm n USING (record_id)
           LEFT JOIN person_record p ON p.record_id = v.record_id AND p.run_id = ?
           ORDER BY v.source_id, v.document_sha256, v.row_number, v.record_id""",
        [key[1]]).fetchall()
    ids = np.array([r[0] for r in table], dtype=object)
    start = np.array([_NO_START if r[4] is None else _day(r[4]) for r in table], dtype=np.int64)
    end = np.array([_NO_END if r[5] is None else _day(r[5]) for r in table], dtype=np.int64)
    postings: dict[str, np.ndarray] = {}
    for k, positions in con.execute(
        """WITH ordered AS (
               SELECT row_number() OVER (ORDER BY v.source_id, v.document_sha256,
                                                  v.row_number, v.record_id) - 1 AS pos,
                      n.name_keys
               FROM victim_record v LEFT JOIN record_norm n USING (record_id))
           SELECT k, list(DISTINCT pos ORDER BY pos) FROM (
               SELECT pos, unnest(name_keys) AS k FROM ordered) GROUP BY k""").fetchall():
        postings[k] = np.array(positions, dtype=np.int64)
    return _Built(key, ids, np.array([r[1] for r in table], dtype=object),
                  np.array([r[2] for r in table], dtype=object),
                  np.array([r[3] for r in table], dtype=object), start, end, postings, key[1],
                  np.array([r[6] for r in table], dtype=object),
                  np.array([r[7] for r in table], dtype=object),
                  {r[0]: i for i, r in enumerate(table)})


_MAKE = threading.Lock()


def record_index(project) -> RecordIndex:
    """The index of ``project`` (one per served project, made on first use)."""
    index = getattr(project, "_record_index", None)
    if index is None:
        with _MAKE:
            index = getattr(project, "_record_index", None)
            if index is None:
                index = project._record_index = RecordIndex()
    return index


#: a page's row, as the records list shows it (the order of tally.web.queries'
#: PUBLIC_COLUMNS + IDENTITY_COLUMNS, then whether the record is restricted)
_ROW_COLUMNS = ("record_id", "source_id", "sex", "age", "date_of_death", "governorate",
                "status", "person_id", "name")


def search_records(project, search, *, identities: bool,
                   hidden: frozenset[str] = frozenset()):
    """Fill ``search`` (a :class:`tally.web.queries.RecordSearch`) from the index:
    its total and its page's rows, read from the store by id. Without
    ``identities`` the name is neither searched nor returned; a restricted record
    (of a ``hidden`` source) shows its source only."""
    offset = (max(search.page, 1) - 1) * search.per_page
    with project.connect(read_only=True) as con:
        total, ids, restricted, built = record_index(project).search(
            con, name=search.name if identities else "", governorate=search.governorate,
            source=search.source, status=search.status, date_from=search.date_from,
            date_to=search.date_to, hidden=frozenset(hidden), offset=offset,
            limit=search.per_page)
        # the normalized values and persons are the index's; the rest read by id
        found = {r[0]: r for r in con.execute(
            """SELECT record_id, source_id, sex, age, date_of_death, name FROM victim_record
               WHERE record_id IN (SELECT unnest(?::VARCHAR[]))""", [ids]).fetchall()
        } if ids else {}
    search.total = total
    search.rows = []
    for record_id in ids:
        _, source_id, sex, age, died, name = found[record_id]
        at = built.position[record_id]
        norm_sex = built.sex[at]
        row = dict(zip(_ROW_COLUMNS, (
            record_id, source_id, sex if norm_sex is None else norm_sex, age, died,
            built.governorate[at], built.status[at], built.person[at], name)))
        row["restricted"] = record_id in restricted
        if row["restricted"]:  # that it exists, and its source
            row.update({c: None for c in _ROW_COLUMNS if c not in ("source_id",)})
        if not identities:
            row["name"] = None
        search.rows.append(row)
    return search
