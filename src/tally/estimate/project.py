"""`tally estimate` in a project: capture histories from linked persons, per stratum.

A person is "captured" by a source when at least one of the person's records
came from it. Stratum values of a person are the most common among its
records. Persons made only of unidentified bodies are left out of the tables
and counted apart: an unidentified body that is in truth a named victim on
another list would otherwise count twice and push every estimate up.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np

from tally.errors import EstimationError, ProjectError, UsageError
from tally.model import DEFAULT_METHOD, STRATA
from tally.estimate.api import estimate_strata
from tally.estimate.ensemble import BLIND_SPOT
from tally.estimate.tables import (
    CaptureTable,
    capture_histories,
    history_matrix,
    pool_strata,
    value_distance,
)
from tally.estimate.scope import check_scope
from tally.estimate.totals import sum_strata
from tally.normalize.places import place_by_id
from tally.store.runs import data_version, stage_run, stale_run
from tally.store.transaction import transaction

#: The SQL giving a person's value of each stratum a user may ask for
#: (:data:`tally.model.STRATA`, which the CLI's ``--by`` help lists): a new
#: stratum is a name there and its SQL here.
STRATA_SQL = {
    "governorate": "mode(n.governorate_id)",
    "period": "mode(strftime(n.date_start, '%Y-%m'))",
    "sex": "mode(n.sex)",
    "age_group": """mode(CASE WHEN n.age_low IS NULL THEN NULL
                             WHEN coalesce(n.age_high, n.age_low) < 18 THEN 'child'
                             WHEN n.age_low >= 60 THEN 'elderly' ELSE 'adult' END)""",
    "community": "mode(n.community)",
    "status": "mode(n.status)",
}
assert tuple(STRATA_SQL) == STRATA, "every stratum in tally.model.STRATA needs its SQL here"


@dataclass
class EstimateRun:
    run_id: str
    lists: list[str]
    persons_used: int
    unidentified_left_out: int
    rows: list[dict] = field(default_factory=list)  # one per stratum: result or refusal
    #: Things to say before any number: e.g. the link run used is stale.
    warnings: list[str] = field(default_factory=list)
    #: With strata: their total (``StrataTotal.to_dict()``), the sum of the strata's
    #: draws, and what was pooled; ``None`` for one table.
    total: dict | None = None
    pooled: list[str] = field(default_factory=list)
    #: Without strata and with ``linkage_draws``: the estimate pooled over clusterings
    #: drawn from the linker's pair probabilities (``LinkageUncertainty.to_dict()``).
    linkage: dict | None = None
    #: What no estimate here can see, in words (``ensemble.BLIND_SPOT``), said with every
    #: run whatever the method or the number of lists: a group that no list reaches well
    #: leaves no trace in the table, so no statistic of it can warn of that group.
    assumption: str = ""
    #: With ``leave_out``: the list left out at the user's request and how many identified
    #: persons only it held (they left the tables); ``None`` otherwise.
    left_out: dict | None = None
    #: Each list's records by status, over all its records and those of people only it
    #: names, with the warnings that says (``scope.ScopeCheck.to_dict()``); with
    #: ``exclude_status``, the persons that took out of the tables.
    scope: dict | None = None


def stratum_distance(key: str, a: str, b: str) -> float:
    """Nearness of two stratum values: governorates by the kilometres between their
    centres (Latakia's sparse months join Tartus before Daraa), others as
    :func:`tally.estimate.tables.value_distance` says."""
    if key.removeprefix("stratum:") == "governorate" and a != b:
        pa, pb = place_by_id(a), place_by_id(b)
        if pa and pb and None not in (pa.lat, pa.lon, pb.lat, pb.lon):
            return _km(pa.lat, pa.lon, pb.lat, pb.lon)
    return value_distance(key, a, b)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _persons(con, strata: list[str], leave_out: str | None = None, skip: set = frozenset()
             ) -> tuple[list[str], list[dict], int, int, int]:
    """The lists, one membership row per identified person, the persons made only of
    unidentified bodies, (with ``leave_out``) the persons only that list held: its
    records leave every person, and a person with no other record leaves the table; and
    the identified persons ``skip`` took out."""
    lists = [r[0] for r in con.execute(
        "SELECT DISTINCT source_id FROM victim_record ORDER BY 1").fetchall()]
    if leave_out is not None:
        if leave_out not in lists:
            raise UsageError(f"--leave-out {leave_out!r}: the project has no such list "
                             f"(its lists: {', '.join(lists)})")
        lists.remove(leave_out)
    cols = "".join(f", {STRATA_SQL[s]} AS {s}" for s in strata)
    rows = con.execute(
        f"""SELECT p.person_id, list(DISTINCT v.source_id) AS sources,
                   bool_and(n.unidentified) AS only_unidentified {cols}
            FROM person_record p JOIN victim_record v USING (record_id)
            JOIN record_norm n USING (record_id)
            WHERE v.source_id IS DISTINCT FROM ?
            GROUP BY p.person_id""", [leave_out]
    ).fetchall()
    persons, left_out = [], 0
    skipped = 0
    for row in rows:
        if row[2]:
            left_out += 1
            continue
        if row[0] in skip:  # out of scope by the statuses the user excluded
            skipped += 1
            continue
        person = {s: int(s in row[1]) for s in lists}
        for i, name in enumerate(strata):
            person[f"stratum:{name}"] = row[3 + i] if row[3 + i] is not None else "(unknown)"
        persons.append(person)
    alone = 0
    if leave_out is not None:  # identified persons whose only named records that list holds
        alone = con.execute(
            """SELECT count(*) FROM (
                   SELECT p.person_id FROM person_record p JOIN victim_record v USING (record_id)
                   JOIN record_norm n USING (record_id) GROUP BY p.person_id
                   HAVING bool_or(NOT n.unidentified)
                      AND NOT bool_or(v.source_id <> ? AND NOT n.unidentified))""",
            [leave_out]).fetchone()[0]
    return lists, persons, left_out, int(alone), skipped


def linkage_moves_estimate(n_hat: float, lower: float, upper: float,
                           linkage: dict | None) -> str | None:
    """A warning when the estimate over drawn clusterings falls outside the stored
    clustering's interval (``lower``-``upper``): the number then rests on linkage as much
    as on the lists. Missed links split one victim into several, each on fewer lists,
    which reads as many people missed (benchmarks/linkage_uncertainty.py: 1,640 and 1,940
    for a true 1,231 where linkage recall was poor), and the pooled interval carries
    linkage's spread, not that bias: so the warning says which way to read it."""
    if not linkage or linkage.get("n_hat") is None or lower <= linkage["n_hat"] <= upper:
        return None
    return (f"linkage's doubt moves the estimate beyond its interval: over clusterings drawn "
            f"from the linker's pair probabilities it reads {linkage['n_hat']:,.0f}, against "
            f"{n_hat:,.0f} ({lower:,.0f}-{upper:,.0f}) from the stored "
            "linkage. The number rests on who was matched to whom: links the linker missed "
            "make one victim several and push every estimate up, so review the doubtful pairs "
            "(`tally review`) before quoting it")


def _table_json(table: CaptureTable) -> str:
    return json.dumps({
        "lists": list(table.lists),
        "histories": ["".join(str(int(b)) for b in h) for h in history_matrix(len(table.lists))],
        "counts": [int(c) for c in np.asarray(table.counts)],
        "notes": list(table.notes),
    })


def estimate_project(
    project, *, strata: list[str] = (), method: str = DEFAULT_METHOD, min_observed: int = 50,
    linkage_draws: int = 0, leave_out: str | None = None,
    exclude_status: list[str] | None = None, **settings,
) -> EstimateRun:
    """Estimate the total killed per stratum from the latest linkage; store every result.

    With ``linkage_draws`` (and no strata) the estimate is also repeated over that many
    clusterings drawn from the linker's pair probabilities, so the interval carries
    linkage's own doubt (:mod:`tally.estimate.linkage_uncertainty`).

    ``leave_out`` names a list to estimate without (``tally mse --leave-out``'s mirror): a
    list the recorder knows publishes a death only once the others confirm it, which the
    table can only warn of at three lists. Its records leave every person; a person only
    it held leaves the tables, and the run counts them (``left_out``).

    Every run also counts each list's records by the status they carry
    (:mod:`tally.estimate.scope`) and warns where the people only one list names carry a
    status far more often than its others: fighters or unconfirmed deaths the other lists
    do not count. ``exclude_status`` (model statuses or words as written) leaves out the
    persons every status-bearing record of whom says one of them."""
    unknown = [s for s in strata if s not in STRATA_SQL]
    if unknown:
        raise ProjectError(
            f"unknown stratum {', '.join(unknown)}; use any of {', '.join(STRATA)}")
    with project.connect() as con:
        with transaction(con):  # one snapshot: persons, lists and the version they come from
            link = con.execute(
                "SELECT run_id FROM link_run ORDER BY started_at DESC LIMIT 1").fetchall()
            if not link:
                raise ProjectError("no linkage yet: run `tally link` first")
            scope, gone = check_scope(con, exclude_status)
            lists, persons, left_out, alone, skipped = _persons(con, list(strata), leave_out, gone)
            if scope.excluded is not None:
                scope.excluded["persons"] = skipped
            gone_records = {r[0] for r in con.execute(
                "SELECT record_id, person_id FROM person_record").fetchall()
                if r[1] in gone} if gone else set()
            version = data_version(con)
            stale = stale_run(con, "link", version)
    if len(lists) < 2:
        raise EstimationError(f"estimation needs records from several sources; found {lists}")
    stratum_cols = [f"stratum:{s}" for s in strata]
    tables = capture_histories(persons, lists, stratum_cols)
    if strata:
        tables = pool_strata(tables, min_observed=min_observed, distance=stratum_distance)
    results = estimate_strata(tables, method, **settings)
    total = None
    if strata and len(tables) > 1:
        total = sum_strata(tables, results).to_dict()
        # beside it, the unstratified estimate, so a reader sees both and why they differ
        whole = estimate_strata(capture_histories(persons, lists, []), method, **settings)[0]
        total["unstratified"] = (
            {"refused": str(whole)} if isinstance(whole, EstimationError) else
            {k: whole.to_dict()[k] for k in ("n_hat", "lower", "upper", "model", "reliable")})
    linkage = None
    if linkage_draws and not strata:
        from tally.estimate.linkage_uncertainty import estimate_with_linkage_uncertainty

        try:
            fitted = results[0]
            linkage = estimate_with_linkage_uncertainty(
                project, method=method, clusterings=linkage_draws, leave_out=leave_out,
                skip_records=gone_records,
                single=None if isinstance(fitted, EstimationError) else (tables[0], fitted),
                **settings).to_dict()
        except EstimationError as exc:
            linkage = {"refused": str(exc)}
    first = results[0] if results and not isinstance(results[0], EstimationError) else None
    linkage_warning = first and linkage_moves_estimate(first.n_hat, first.lower, first.upper, linkage)
    pooled = [n.removeprefix("pooled strata: ").replace("stratum:", "")
              for tb in tables for n in tb.notes if n.startswith("pooled strata: ")]
    link_run = link[0][0]
    with project.connect() as con:
        with stage_run(con, "estimate", prefix="est", version=version) as estimate:
            run = EstimateRun(estimate.run_id, lists, len(persons), left_out,
                              total=total, pooled=pooled, linkage=linkage,
                              assumption=BLIND_SPOT,
                              left_out=None if leave_out is None else
                              {"list": leave_out, "people_only_on_it": alone},
                              scope=scope.to_dict())
            if stale is not None:
                run.warnings.append(f"estimated from a stale linkage: {stale.message}")
            if linkage_warning:
                run.warnings.append(linkage_warning)
            run.warnings.extend(scope.warnings)
            stored = []
            for table, result in zip(tables, results):
                stratum = {k.removeprefix("stratum:"): v for k, v in table.stratum}
                if isinstance(result, EstimationError):
                    row = {"stratum": stratum, "n_observed": int(table.n), "refused": str(result),
                           "n_hat": None, "lower": None, "upper": None, "model": None,
                           "reliable": False, "warnings": []}
                    full = None
                else:
                    full = result.to_dict()
                    row = {"stratum": stratum, "n_observed": int(table.n), "refused": None,
                           "n_hat": full["n_hat"], "lower": full["lower"], "upper": full["upper"],
                           "model": full["model"], "reliable": bool(full["reliable"]),
                           "warnings": full["warnings"]}
                run.rows.append(row)
                stored.append({
                    "estimate_run": estimate.run_id,
                    "stratum": json.dumps(stratum, ensure_ascii=False),
                    "made_at": estimate.started_at, "made_by": estimate.actor,
                    "lists": json.dumps(lists), "capture_table": _table_json(table),
                    "method": method, "model": row["model"],
                    "settings": json.dumps({"strata": list(strata), "min_observed": min_observed,
                                            "leave_out": leave_out,
                                            "exclude_status": exclude_status,
                                            **{k: v for k, v in settings.items() if v is not None}}),
                    "n_observed": row["n_observed"], "n_hat": row["n_hat"],
                    "lower": row["lower"], "upper": row["upper"], "reliable": row["reliable"],
                    "warnings": json.dumps(row["warnings"]),
                    "result": json.dumps(full, default=str) if full else None,
                    "refused": row["refused"], "data_version": version, "link_run": link_run,
                })
            estimate.insert("estimate", stored)
            estimate.details.update(
                method=method, strata=list(strata), lists=lists, estimates=len(results),
                link_run=link_run, link_run_stale=stale is not None,
                unidentified_left_out=left_out, strata_total=total, pooled=pooled,
                linkage_uncertainty=linkage, left_out=run.left_out, scope=run.scope)
    return run
