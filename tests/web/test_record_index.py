"""The records list's in-memory search (tally.web.record_index) returns what the
SQL over the joined records returns — the same rows in the same order, the same
count — for names across scripts, each filter, pages and restricted sources; and
it follows the store when records are added."""

from __future__ import annotations

import pytest

from tally.normalize import name_keys
from tally.web import record_index
from tally.web.queries import RecordSearch
from tests.web.review_project import review_project


def reference(project, search: RecordSearch, identities: bool, hidden=frozenset()):
    """The records list as one SQL statement (what the page ran before the index)."""
    where, args = ["TRUE"], []
    keys = list(name_keys(search.name)) if identities and search.name.strip() else []
    if keys:
        where.append("list_has_all(n.name_keys, ?)")
        args.append(keys)
    for value, sql in ((search.governorate, "n.governorate_id = ?"),
                       (search.status, "coalesce(n.status, v.status) = ?"),
                       (search.date_from, "n.date_end >= CAST(? AS DATE)"),
                       (search.date_to, "n.date_start <= CAST(? AS DATE)")):
        if value:
            where.append(sql)
            args.append(value)
    content = len(where) > 1
    hide = sorted(hidden) or [""]
    sql_where = (f"((NOT list_contains(?, v.source_id) AND {' AND '.join(where)}) "
                 f"OR (list_contains(?, v.source_id) AND {'FALSE' if content else 'TRUE'}))"
                 + (" AND v.source_id = ?" if search.source else ""))
    args = [hide, *args, hide] + ([search.source] if search.source else [])
    with project.connect(read_only=True) as con:
        run = con.execute("SELECT run_id FROM link_run ORDER BY started_at DESC, run_id DESC "
                          "LIMIT 1").fetchall()[0][0]
        base = (f"FROM victim_record v LEFT JOIN record_norm n USING (record_id) "
                f"LEFT JOIN person_record p ON p.record_id = v.record_id AND p.run_id = ? "
                f"WHERE {sql_where}")
        total = con.execute(f"SELECT count(*) {base}", [run, *args]).fetchall()[0][0]
        rows = con.execute(
            f"""SELECT v.record_id, v.source_id, p.person_id, list_contains(?, v.source_id)
                {base} ORDER BY v.source_id, v.document_sha256, v.row_number, v.record_id
                LIMIT ? OFFSET ?""",
            [hide, run, *args, search.per_page, (search.page - 1) * search.per_page]).fetchall()
    return total, [(None if r[3] else r[0], r[1], None if r[3] else r[2]) for r in rows]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = review_project(tmp_path_factory, "record-index")
    project.owns_store = True  # as the server: read connections share its database
    return project


@pytest.fixture(scope="module")
def samples(project):
    with project.connect(read_only=True) as con:
        names = [r[0] for r in con.execute(
            "SELECT name FROM victim_record WHERE name IS NOT NULL ORDER BY record_id "
            "LIMIT 12").fetchall()]
        arabic = [r[0] for r in con.execute(
            "SELECT name FROM victim_record WHERE regexp_matches(name, '[\u0600-\u06ff]') "
            "ORDER BY record_id LIMIT 4").fetchall()]
        gov = con.execute("SELECT governorate_id, count(*) FROM record_norm "
                          "WHERE governorate_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC "
                          "LIMIT 1").fetchall()[0][0]
        sources = [r[0] for r in con.execute(
            "SELECT DISTINCT source_id FROM victim_record ORDER BY 1").fetchall()]
    return {"names": names + arabic + ["Mohammed", "محمد", "nobody-at-all"], "gov": gov,
            "sources": sources}


def _cases(samples):
    for name in samples["names"]:
        yield RecordSearch(name=name)
        yield RecordSearch(name=name.split()[0])
    yield RecordSearch()
    yield RecordSearch(page=3, per_page=20)
    yield RecordSearch(governorate=samples["gov"])
    yield RecordSearch(governorate=samples["gov"], date_from="2024-03-01", date_to="2024-09-30")
    yield RecordSearch(status="civilian", source=samples["sources"][-1])
    yield RecordSearch(date_to="2023-01-31")
    yield RecordSearch(source=samples["sources"][0], page=2, per_page=25)


def _got(search: RecordSearch):
    return search.total, [(r["record_id"], r["source_id"], r["person_id"]) for r in search.rows]


def test_the_index_finds_what_the_sql_finds(project, samples):
    cases = list(_cases(samples))
    assert sum(1 for c in cases if reference(project, c, True)[0]) > len(cases) // 2
    for case in cases:
        for identities in (True, False):
            got = record_index.search_records(project, RecordSearch(**{
                k: getattr(case, k) for k in ("name", "governorate", "source", "status",
                                              "date_from", "date_to", "page", "per_page")}),
                identities=identities)
            assert _got(got) == reference(project, case, identities), (case, identities)
            if not identities:
                assert all(r["name"] is None for r in got.rows)


def test_restricted_sources_are_listed_blank_and_never_matched_by_content(project, samples):
    hidden = frozenset(samples["sources"][:1])
    for case in (RecordSearch(), RecordSearch(name=samples["names"][0]),
                 RecordSearch(governorate=samples["gov"]),
                 RecordSearch(source=samples["sources"][0])):
        got = record_index.search_records(project, case, identities=True, hidden=hidden)
        assert _got(got) == reference(project, case, True, hidden), case
        for row in got.rows:
            if row["restricted"]:
                assert row["name"] is None and row["source_id"] in hidden


def test_the_index_follows_new_records(project, tmp_path):
    from tally.ingest import ingest_file
    from tally.sources import add_source

    before = record_index.search_records(project, RecordSearch(name="Zaynab Qutrub"),
                                         identities=True).total
    add_source(project, "late", name="Late list", kind="rights_group_list", reliability="C")
    listed = tmp_path / "late.csv"
    listed.write_text("name,sex,date_of_death\nZaynab Qutrub,female,2024-05-02\n",
                      encoding="utf-8")
    assert ingest_file(project, listed, "late").records == 1
    after = record_index.search_records(project, RecordSearch(name="Zaynab Qutrub"),
                                        identities=True)
    assert after.total == before + 1
    assert _got(after) == reference(project, RecordSearch(name="Zaynab Qutrub"), True)
