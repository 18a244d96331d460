"""Every number the report shows, computed by SQL in this one module.

The unit of counting is the *person* (a cluster of victim records from
`tally link`). Records that no link run has placed yet count as persons of
their own, so a project that was never linked still gets a report, labelled
as such. A person's attributes are taken from its records: the date window of
the record that dates the death most precisely (the earliest on ties),
the most frequent non-empty value of sex, status, community, governorate,
district, locality (a place below district level) and alleged perpetrator
(ties broken by the value's order, so the report is reproducible), and the
mean of the records' age midpoints. An alleged perpetrator is counted as the
actor it names in the shipped actor table (:mod:`tally.normalize.actors`:
"SDF" and "قسد" are one actor), or as written when the table does not know it.

    >>> with project.connect(read_only=True) as con:      # doctest: +SKIP
    ...     facts = collect_facts(con)
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

#: Age groups of the report: (label, lowest age, first age of the next group).
AGE_GROUPS: tuple[tuple[str, float, float], ...] = (
    ("0-4", 0, 5), ("5-17", 5, 18), ("18-29", 18, 30), ("30-44", 30, 45),
    ("45-59", 45, 60), ("60+", 60, 1000),
)

UNKNOWN = "unknown"

_AGE_CASE = "CASE " + " ".join(
    f"WHEN age < {hi} THEN '{label}'" for label, _lo, hi in AGE_GROUPS
) + f" ELSE '{UNKNOWN}' END"

_MODE_COLUMNS = ("sex", "status", "community", "governorate_id", "district_id", "locality_id",
                 "perpetrator")


def _persons_sql() -> str:
    modes = ",\n".join(
        f"""{c}_mode AS (SELECT person_id, first({c} ORDER BY k DESC, {c}) AS {c} FROM (
            SELECT person_id, {c}, count(*) AS k FROM r WHERE {c} IS NOT NULL AND {c} <> ''
            GROUP BY ALL) GROUP BY person_id)"""
        for c in _MODE_COLUMNS)
    joins = " ".join(f"LEFT JOIN {c}_mode USING (person_id)" for c in _MODE_COLUMNS)
    return f"""
CREATE OR REPLACE TEMP TABLE report_person AS
WITH r AS (
    SELECT coalesce(p.person_id, 'R-' || v.record_id) AS person_id, v.record_id,
           rs.label AS source_id,
           n.date_start, n.date_end, n.sex, n.status, n.community, n.governorate_id,
           n.district_id, CASE WHEN n.place_level >= 3 THEN n.place_id END AS locality_id,
           coalesce(n.unidentified, false) AS unidentified,
           (n.age_low + n.age_high) / 2 AS age_mid, ra.label AS perpetrator
    FROM victim_record v
    JOIN report_source rs ON rs.id = v.source_id
    LEFT JOIN person_record p USING (record_id)
    LEFT JOIN record_norm n USING (record_id)
    LEFT JOIN report_actor ra ON ra.raw = v.perpetrator_claimed
), m AS (
    SELECT person_id, count(*) AS records, list_sort(list(DISTINCT source_id)) AS sources,
           first(date_start ORDER BY date_end - date_start NULLS LAST, date_start) AS date_start,
           first(date_end ORDER BY date_end - date_start NULLS LAST, date_start) AS date_end,
           bool_and(unidentified) AS unidentified, avg(age_mid) AS age
    FROM r GROUP BY person_id
), {modes}
SELECT person_id, records, sources, date_start, date_end, unidentified, age,
       CASE WHEN age IS NULL THEN '{UNKNOWN}' ELSE {_AGE_CASE} END AS age_group,
       coalesce(sex, '{UNKNOWN}') AS sex, coalesce(status, '{UNKNOWN}') AS status,
       coalesce(community, '{UNKNOWN}') AS community,
       governorate_id, district_id, locality_id, coalesce(perpetrator, '{UNKNOWN}') AS perpetrator
FROM m {joins}
"""


BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("sex", "Sex"), ("age_group", "Age group"), ("status", "Status"),
    ("community", "Community"), ("perpetrator", "Alleged perpetrator (as claimed by the source)"),
)


#: Sources as the report may show them: a witness is never named, not even by the
#: id a recorder gave the source ("witness #1", "witness #2" ... in id order).
_SOURCES_SQL = """
CREATE OR REPLACE TEMP TABLE report_source AS
SELECT id,
       CASE WHEN kind = 'witness'
            THEN 'witness #' || row_number() OVER (PARTITION BY kind = 'witness' ORDER BY id)
            ELSE id END AS label,
       CASE WHEN kind = 'witness' THEN 'witness (identity withheld)' ELSE name END AS name,
       kind, reliability, language
FROM source
"""


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()[0][0])


def _rows(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def actor_label(text: str | None) -> str | None:
    """What the report calls an alleged perpetrator: the actor's display name, the text
    as written when the actor table does not know it, None when it names no one."""
    from tally.normalize.actors import NOT_KNOWN, normalize_actor

    m = normalize_actor(text)
    return None if not m.written or m.id == NOT_KNOWN else m.label


def _prepare_actors(con: duckdb.DuckDBPyConnection) -> None:
    """``report_actor``: each distinct perpetrator text of the records → its label."""
    import pyarrow as pa

    raw = [r[0] for r in con.execute(
        "SELECT DISTINCT perpetrator_claimed FROM victim_record "
        "WHERE perpetrator_claimed IS NOT NULL").fetchall()]
    table = pa.table({"raw": pa.array(raw, pa.string()),
                      "label": pa.array([actor_label(t) for t in raw], pa.string())})
    con.register("report_actor_arrow", table)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE report_actor AS SELECT * FROM report_actor_arrow")
    finally:
        con.unregister("report_actor_arrow")


def prepare_persons(con: duckdb.DuckDBPyConnection) -> None:
    """Build the temporary ``report_person`` table the other queries read."""
    con.execute(_SOURCES_SQL)
    _prepare_actors(con)
    con.execute(_persons_sql())


def headline(con) -> dict[str, Any]:
    row = _rows(con, """
        SELECT (SELECT count(*) FROM victim_record) AS records,
               (SELECT count(*) FROM person_record) AS linked_records,
               count(*) AS persons,
               count(*) FILTER (WHERE unidentified) AS unidentified,
               min(date_start) AS first_date, max(date_end) AS last_date
        FROM report_person""")[0]
    row["linked"] = row["linked_records"] > 0
    return row


def latest_estimates(con) -> list[dict[str, Any]]:
    """The latest estimate run of each stratification (the whole population first, then
    each set of strata the project was estimated by), one row per stratum.

    ``strata`` names the stratification (``[]`` for the whole population).
    """
    if not table_exists(con, "estimate"):
        return []
    latest: dict[tuple, str] = {}
    for run, settings in con.execute("""
            SELECT estimate_run, any_value(settings) FROM estimate GROUP BY estimate_run
            ORDER BY max(made_at) DESC, estimate_run DESC""").fetchall():
        try:
            strata = tuple(json.loads(settings or "{}").get("strata") or ())
        except (ValueError, AttributeError):
            strata = ()
        latest.setdefault(strata, run)
    if not latest:
        return []
    rows = _rows(con, f"""
        SELECT estimate_run, stratum, made_at, method, model, lists, n_observed, n_hat,
               lower, upper, reliable, warnings, refused, settings, data_version, link_run,
               capture_table
        FROM estimate WHERE estimate_run IN ({", ".join("?" * len(latest))})""",
                 list(latest.values()))
    strata_of = {run: list(k) for k, run in latest.items()}
    for r in rows:
        r["stratum"] = json.loads(r["stratum"] or "{}")
        r["lists"] = json.loads(r["lists"] or "[]")
        r["warnings"] = json.loads(r["warnings"] or "[]")
        r["strata"] = strata_of[r["estimate_run"]]
        try:  # e.g. "includes sparse strata: stratum:governorate=SY14"
            r["notes"] = [n.replace("stratum:", "")
                          for n in json.loads(r.pop("capture_table") or "{}").get("notes", [])]
        except (ValueError, AttributeError):
            r["notes"] = []
    details = estimate_run_details(con, list(latest.values()))
    for r in rows:
        r["run_details"] = details.get(r["estimate_run"], {})
    rows.sort(key=lambda r: (len(r["strata"]), r["strata"], r["stratum"] != {},
                             "(pooled)" in r["stratum"].values(),
                             json.dumps(r["stratum"], sort_keys=True)))
    return rows


def estimate_run_details(con, run_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What each estimate run said beyond its rows: the strata's total beside the
    unstratified estimate (``strata_total``) and the interval with linkage uncertainty
    (``linkage_uncertainty``). Both are kept in the run's audit event, the one record of
    the run that `tally audit verify` checks, so the report reads them from there."""
    if not run_ids or not table_exists(con, "audit_event"):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for subject, details in con.execute(
            f"""SELECT subject, details FROM audit_event
                WHERE action = 'estimate.run' AND subject IN ({", ".join("?" * len(run_ids))})""",
            run_ids).fetchall():
        try:
            d = json.loads(details)
        except ValueError:
            continue
        out[subject] = {k: d.get(k) for k in ("strata_total", "linkage_uncertainty", "pooled",
                                              "left_out", "scope")}
    return out


def weekly(con, by: str) -> dict[str, Any]:
    """Persons per week of death (dates known to within 7 days), split by ``by``."""
    assert by in ("status", "community")
    rows = _rows(con, f"""
        SELECT CAST(date_trunc('week', date_start) AS DATE) AS week, {by} AS grp,
               count(*) AS n
        FROM report_person
        WHERE date_start IS NOT NULL AND date_end - date_start <= 6
        GROUP BY ALL ORDER BY week, grp""")
    vague = con.execute("""
        SELECT count(*) FROM report_person
        WHERE date_start IS NULL OR date_end IS NULL OR date_end - date_start > 6""").fetchall()[0][0]
    return {"by": by, "rows": rows, "not_weekly": int(vague)}


def by_place(con, level: str) -> list[dict[str, Any]]:
    """Persons per governorate or district (p-code), most first."""
    col = {"governorate": "governorate_id", "district": "district_id"}[level]
    return _rows(con, f"""
        SELECT {col} AS place_id, count(*) AS n FROM report_person
        GROUP BY ALL ORDER BY n DESC, place_id NULLS LAST""")


def breakdown(con, column: str, limit: int = 12) -> list[dict[str, Any]]:
    """Counts and shares of persons by one attribute (the rest pooled as 'other')."""
    assert column in dict(BREAKDOWNS)
    rows = _rows(con, f"""
        SELECT {column} AS value, count(*) AS n,
               count(*) / sum(count(*)) OVER () AS share
        FROM report_person GROUP BY ALL ORDER BY n DESC, value""")
    if len(rows) > limit:
        rest = rows[limit - 1:]
        rows = rows[:limit - 1] + [{
            "value": f"other ({len(rest)} values)", "n": sum(r["n"] for r in rest),
            "share": sum(r["share"] for r in rest)}]
    return rows


def sources(con) -> list[dict[str, Any]]:
    """Per source: grade, kind, records, persons documented, persons only it documents.

    ``source_id`` is the source's label (witnesses are never named, see ``report_source``).
    """
    return _rows(con, """
        WITH per AS (SELECT unnest(sources) AS label, len(sources) AS k FROM report_person)
        SELECT s.label AS source_id, s.name, s.kind, s.reliability, s.language,
               (SELECT count(*) FROM victim_record v WHERE v.source_id = s.id) AS records,
               count(per.label) AS persons,
               count(per.label) FILTER (WHERE per.k = 1) AS unique_persons
        FROM report_source s LEFT JOIN per ON per.label = s.label
        GROUP BY ALL ORDER BY records DESC, s.label""")


def source_labels(con) -> dict[str, str]:
    """Source id → what the report and public exports may call it."""
    return dict(con.execute("SELECT id, label FROM report_source").fetchall())


def overlaps(con, limit: int = 15) -> list[dict[str, Any]]:
    """Persons per exact combination of sources (UpSet's bars), largest first."""
    return _rows(con, f"""
        SELECT sources, count(*) AS n FROM report_person
        GROUP BY sources ORDER BY n DESC, len(sources), CAST(sources AS VARCHAR) LIMIT {int(limit)}""")


def latest_link_run(con) -> dict[str, Any] | None:
    if not table_exists(con, "link_run"):
        return None
    rows = _rows(con, """
        SELECT run_id, started_at, finished_at, data_version, settings, records, persons,
               pairs_scored, verdicts_used
        FROM link_run ORDER BY started_at DESC, run_id DESC LIMIT 1""")
    return rows[0] if rows else None


def stale_runs(con) -> list[dict[str, Any]]:
    """The latest runs made on other data than the store holds now (a link run
    before an ingest): the report names each, with what to re-run."""
    from tally.store.runs import stale_runs as stale

    return [{"stage": r.stage, "run_id": r.run_id, "message": r.message} for r in stale(con)]


def records_digest(con) -> str:
    """One SHA-256 over every document's record digest: the version of the data."""
    import hashlib

    h = hashlib.sha256()
    for sha, digest in con.execute(
            "SELECT sha256, coalesce(records_digest, '') FROM document ORDER BY sha256").fetchall():
        h.update(f"{sha}:{digest}\n".encode())
    return h.hexdigest()


def incidents(con, limit: int = 20) -> list[dict[str, Any]] | None:
    """The largest incidents, when Extract has written them (else ``None``), each with
    its alleged perpetrators as ``[(label, grade, origins)]``."""
    if not table_exists(con, "incident"):
        return None
    rows = _rows(con, f"""
        SELECT incident_id, date_start, date_end, place_id, victim_group, killed_low,
               killed_best, killed_high, documented, claims, records
        FROM incident ORDER BY killed_best DESC NULLS LAST, date_start, incident_id
        LIMIT {int(limit)}""")
    if not rows:  # the table exists from migration 007 on; empty until `tally incidents` runs
        return None
    perps: dict[str, list] = {}
    for inc, perp, grade, origins in con.execute(f"""
            SELECT incident_id, perpetrator, grade, origins FROM incident_perpetrator
            WHERE incident_id IN ({", ".join("?" * len(rows))})
            ORDER BY origins DESC, perpetrator_key""", [r["incident_id"] for r in rows]).fetchall():
        perps.setdefault(inc, []).append((actor_label(perp) or perp, grade, int(origins)))
    for r in rows:
        r["perpetrators"] = perps.get(r["incident_id"], [])
    return rows


#: attribution grades from the strongest reading (Extract's attribution_grade)
GRADES = ("acknowledged", "corroborated", "contested", "single_source")


def incident_perpetrators(con) -> list[dict[str, Any]] | None:
    """Per alleged perpetrator (as the actor table names it) and attribution grade:
    incidents, and documented victims of those incidents (``None`` without incidents).

    A victim of an incident with two alleged perpetrators counts under both.
    """
    if not table_exists(con, "incident_perpetrator"):
        return None
    rows = con.execute("""
        SELECT p.perpetrator, p.grade, count(DISTINCT p.incident_id), sum(i.documented)
        FROM incident_perpetrator p JOIN incident i USING (incident_id)
        GROUP BY ALL""").fetchall()
    if not rows:
        return None
    out: dict[tuple[str, str], list[int]] = {}
    for perp, grade, n, documented in rows:
        acc = out.setdefault((actor_label(perp) or perp, grade), [0, 0])
        acc[0] += int(n)
        acc[1] += int(documented or 0)
    order = {g: i for i, g in enumerate(GRADES)}
    return sorted(({"perpetrator": p, "grade": g, "incidents": n, "documented": d}
                   for (p, g), (n, d) in out.items()),
                  key=lambda r: (-r["incidents"], r["perpetrator"], order.get(r["grade"], 9)))


def claims(con, limit: int = 20) -> dict[str, Any] | None:
    """Casualty claims from news text (Extract), when the store has them (else ``None``).

    ``largest``: the total claims of deaths with the largest best count;
    ``by_perpetrator``: claims and their deaths (sum of best counts, totals only) by
    alleged perpetrator and attribution strength. A reviewed claim counts with its
    reviewed values (``tally review claim``); a rejected one is left out of both.
    """
    if not table_exists(con, "claim"):
        return None
    from tally.extract.review import reviewed_claims_sql

    # reviewed values where a reviewer accepted or edited a claim; rejected claims are left out
    claim = f"({reviewed_claims_sql(con)}) AS claim_reviewed"
    n, documents, reviewed = con.execute(f"""
        SELECT count(*), count(DISTINCT (document_sha256, coalesce(article_id, ''))),
               count(*) FILTER (WHERE review_status <> 'proposed') FROM {claim}""").fetchall()[0]
    deaths_of = "review_status <> 'rejected' AND what IN ('killed', 'executed')"
    if not n:
        return None
    deaths = f"{deaths_of} AND coalesce(scope, 'total') = 'total'"
    largest = _rows(con, f"""
        SELECT claim_id, source_id, published, what, killed_low, killed_best, killed_high,
               victim_group, status, place, place_id, date_start, date_end, perpetrator,
               attribution, cited_source, evidence_text, review_status
        FROM {claim} WHERE {deaths}
        ORDER BY killed_best DESC NULLS LAST, killed_high DESC NULLS LAST, claim_id
        LIMIT {int(limit)}""")
    by_raw = _rows(con, f"""
        SELECT perpetrator, coalesce(attribution, '{UNKNOWN}') AS attribution,
               count(*) AS claims, sum(killed_best) AS killed_best
        FROM {claim} WHERE {deaths} GROUP BY ALL""")
    grouped: dict[tuple[str, str], list] = {}
    for r in by_raw:  # spellings of one actor count together
        acc = grouped.setdefault((actor_label(r["perpetrator"]) or UNKNOWN, r["attribution"]),
                                 [0, None])
        acc[0] += r["claims"]
        if r["killed_best"] is not None:
            acc[1] = (acc[1] or 0) + r["killed_best"]
    by_perpetrator = sorted(
        ({"perpetrator": p, "attribution": a, "claims": n, "killed_best": k}
         for (p, a), (n, k) in grouped.items()),
        key=lambda r: (-r["claims"], r["perpetrator"], r["attribution"]))
    return {"claims": int(n), "documents": int(documents), "reviewed": int(reviewed),
            "largest": largest, "by_perpetrator": by_perpetrator}
