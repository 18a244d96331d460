"""Namesake density: a given and family name many people of one governorate
share is weak evidence that two of its records are one person (issue 15).

The model weighs a name's agreement by how common each part is over all the
records (term frequencies of the given name and of the family name, each on
its own). Names are local: a family lives in a few villages, and a given name
runs in it, so within a governorate a given + family name is shared by many
more people than the two global frequencies predict, and the more records the
lists hold, the more namesakes a thin record ("Hassan Muhb, Homs, March")
meets. On the audit profile (5,000 records), pairs with the same given,
family name and governorate were one person 97% of the time where at most 4
records of the governorate give that name, 90% at 5-8, 55% at 9-16 and 20-57%
beyond, while the model gave them 0.97, 0.96, 0.87 and 0.74-0.82.

So a pair of namesakes of one governorate has its weight lowered by log2 of
the number of people estimated to carry the name there, where it is more than
``MARGIN``, and where a father is missing on one side (when both give one
and it agrees, the name's namesakes are fewer than its given and family name
say): the records giving it (``name_count``, :mod:`tally.link.features`) over the mean records per
person. That mean comes from the model's own prior: a random pair is one
person with probability p, so a person's records make (r - 1) / 2 of the
N / 2 pairs each record has, r = 1 + p (N - 1) (audit 5k: 2.9 against the
true 2.6). A name one person carries is not touched. Off by default
(``LinkSettings.namesake_density``): on the development profiles it traded
recall for precision about one for one, no gain in F1 (see there).
"""

from __future__ import annotations

import math
from typing import Sequence

from tally.link.features import REPORT_LAG_DAYS

#: a name is weighed down only where more than this many people (estimated)
#: carry it: at 1 the loss of recall on field and independent was twice
#: (audit 5k F1 0.902, field 0.839 against 0.855 at 2)
MARGIN = 2.0


def records_per_person(prior: float, records: int) -> float:
    """The mean records per person the prior implies (at least 1)."""
    return max(1.0, 1.0 + float(prior) * max(records - 1, 0))


def namesake_shift_sql(per_person: float | None, alias: str = "p") -> str:
    """SQL (DuckDB and Spark): the pair's weight change in bits for its
    namesakes, over Splink's prediction columns (``name_gov``, ``name_count``
    retained); 0 where the pair's given name, family name or governorate
    differ or ``per_person`` is None (off)."""
    if per_person is None:
        return "0.0"
    r = float(per_person) * MARGIN
    if not math.isfinite(r) or r <= 0:
        return "0.0"
    count = f"greatest({alias}.name_count_l, {alias}.name_count_r)"
    return (f"CASE WHEN {alias}.name_gov_l = {alias}.name_gov_r "
            f"AND NOT ({alias}.father_given_l AND {alias}.father_given_r) AND {count} > {r!r} "
            f"THEN -log2({count} / {r!r}) ELSE 0.0 END")


#: how many days before its report date a reported death may have happened:
#: the link input's own report lag, so the window and the date comparison agree
WINDOW_DAYS = REPORT_LAG_DAYS

#: SQL: the week (days since 1970 over 7) of date expression ``d``
_WEEK = "(date_diff('day', DATE '1970-01-01', CAST({d} AS DATE)) // 7)"

#: the link input columns :func:`window_namesakes` reads
WINDOW_COLUMNS = ("unique_id", "source_id", "unidentified", "given_key", "family_key",
                  "father_key", "grandfather_key", "governorate_id", "date_start",
                  "date_precision", "date_lags")


def window_namesakes(features, memory_limit: str = "3GB") -> list[tuple[str, list[str]]]:
    """Each thin record of a list dated by report, with its window namesakes.

    A thin record (given and family name only, no father, as news-derived
    lists write them) has three things to match on: its name, its
    governorate and its report date. The name is weak among namesakes, the
    governorate too, but the date is not: the death lies in [report - 3,
    report]. Its *window namesakes* are the records of other lists with the
    same given-name key, family key and governorate whose death date falls in
    that window (within 3 days either way of another list dated by report).
    Where they are all one person, that person is the thin record's: measured
    against the truth (seed 1), a thin record whose window namesakes are one
    person in truth is that person 95-96% of the time at 50,000 records on the
    ledger, audit and field profiles and 97-99% at 5,000 (audit, hard), while
    its pair's own score, which sees only how common each name is over all
    the records, often fell below the floor (ledger 50k: 2,290 of 6,335 such
    pairs never stored, 1,608 more kept apart by a namesake outside the
    window).

    Another news list's thin record in the window is not one of them: it is
    another outlet's report of a death of those days (digests copy the wires),
    and counted as a person of its own it made two persons of one, so the
    rule never fired where two outlets reported a death. Left out, the thin
    record joins the one person the lists dated by the death (and the
    registers, full records dated by their day of receipt) hold there:
    in-sample, 50,000 records, seed 1, F1 mosaic 0.691 -> 0.709, ledger
    0.712 -> 0.722, field 0.716 -> 0.737, precision -0.001 to -0.002
    (benchmarks/RESULTS.md, "Link II, wave 7").

    ``features`` is the link input (an Arrow table, tally.link.features);
    one without dates or name keys has no window namesakes. ``memory_limit``
    bounds the join's DuckDB (``LinkSettings.memory_limit``).
    """
    import duckdb

    if not set(WINDOW_COLUMNS) <= set(features.column_names):
        return []
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.register("f", features)
        rows = con.execute(f"""
            WITH named AS (
                SELECT unique_id, source_id, given_key, family_key, governorate_id,
                       date_start, coalesce(date_lags, FALSE) AS lags,
                       father_key IS NULL AND grandfather_key IS NULL AS thin,
                       -- the week of the date: a thin record meets the namesakes of
                       -- the (at most two) weeks its window touches, so the join
                       -- grows with a name's namesakes of those weeks, not of
                       -- the whole conflict (a million records: thousands each)
                       {_WEEK.format(d="date_start")} AS week
                FROM f
                WHERE NOT coalesce(unidentified, FALSE) AND date_precision = 'day'
                  AND given_key IS NOT NULL AND family_key IS NOT NULL
                  AND governorate_id IS NOT NULL AND date_start IS NOT NULL),
            thin AS (
                SELECT DISTINCT * EXCLUDE (week), unnest([
                    {_WEEK.format(d=f"date_start - INTERVAL {WINDOW_DAYS} DAY")},
                    {_WEEK.format(d=f"date_start + INTERVAL {WINDOW_DAYS} DAY")}]) AS week
                FROM named WHERE thin AND lags)
            SELECT t.unique_id, list(DISTINCT o.unique_id ORDER BY o.unique_id)
            FROM thin t JOIN named o
              ON o.given_key = t.given_key AND o.family_key = t.family_key
             AND o.governorate_id = t.governorate_id AND o.week = t.week
             AND o.source_id IS DISTINCT FROM t.source_id
             -- another news list's thin record is no person of its own: it is
             -- another outlet's report of a death of the window, whose person
             -- (if any list dated by the death has it) is counted through that
             -- list's record; counted, it made two persons of one
             AND NOT (o.thin AND o.lags)
            WHERE (CASE WHEN o.lags
                  THEN abs(date_diff('day', o.date_start, t.date_start)) <= {WINDOW_DAYS}
                  ELSE date_diff('day', o.date_start, t.date_start) BETWEEN 0 AND {WINDOW_DAYS} END)
            GROUP BY t.unique_id ORDER BY t.unique_id""").fetchall()
    finally:
        con.close()
    return [(a, list(b)) for a, b in rows]


#: a thin record whose window holds exactly two persons may join the likelier
#: (:func:`link_window_likeliest`); at up to 4 persons (share 0.6) recall rose
#: more (kestrel 50k +0.012) but on mosaic 50k precision fell more than
#: recall rose (-0.017 / +0.014)
PICK_MAX_PERSONS = 2
#: ... when that person holds at least this share of the window's probability
#: (three times the other's): at 0.65 the same F1 within 0.0004 everywhere
PICK_SHARE = 0.75


def link_window_likeliest(partition, groups: Sequence[tuple[str, Sequence[str]]],
                          strong: Sequence[tuple[str, str, float]] = (),
                          doubtful: Sequence[tuple[str, str, float, float]] = (),
                          dates: tuple[Sequence[int | None], Sequence[bool],
                                       Sequence[str | None]] | None = None
                          ) -> None:
    """A thin record whose window namesakes (:func:`window_namesakes`) are two
    persons (:data:`PICK_MAX_PERSONS`) joins the one its pairs make likelier,
    where that one holds at least :data:`PICK_SHARE` of the window's
    probability (each person weighed by its record's best pair with the thin
    record: ``strong`` (id, id, weight) and ``doubtful`` (id, id, weight,
    probability) pairs; a namesake never scored weighs nothing).

    Runs on a :class:`tally.link.clustering.Partition` after the one-person
    window pass. Measured first (kestrel 50,000 records, seed 1, in-sample):
    of the thin records whose window holds 2+ persons 89% are one of them, so
    left apart a thin record is a second person almost always. The wrong
    namesakes there are mostly of the same day and place (a relative reported
    beside the thin record has a namesake of the same day and district in
    several window persons in 3,035 of 4,579 windows, exactly one right 236
    times, wrong 279), so no co-arrival tells them apart: only the pair's own
    date and place do. In-sample, 50,000 records, seed 1, F1 (precision /
    recall change): kestrel 0.782 -> 0.784 (-0.004 / +0.006), mosaic 0.725 ->
    0.727, ledger 0.747 -> 0.748, field 0.742 -> 0.746, precision falling less
    than recall rises on each; at 5,000 records within 0.0005 (kestrel 0.8962
    -> 0.8958); benchmarks/RESULTS.md, "Link II, wave 8".

    Where the pairs do not decide, the report lag does (``dates``: each
    record's day number and whether its list dates by report, in the
    partition's order, :func:`report_days`; without them this step is
    skipped): :func:`link_window_by_lag`."""
    index = partition.index
    best: dict[tuple[int, int], float] = {}

    def note(a: str, b: str, p: float) -> None:
        if a in index and b in index:
            for key in ((index[a], index[b]), (index[b], index[a])):
                if p > best.get(key, 0.0):
                    best[key] = p

    for a, b, w in strong:
        note(a, b, 1.0 / (1.0 + 2.0 ** -max(min(float(w), 60.0), -60.0)))
    for a, b, _, p in doubtful:
        note(a, b, float(p))
    for t, others in groups:
        if t not in index:
            continue
        ti = index[t]
        rt = partition.find(ti)
        persons: dict[int, float] = {}
        for o in others:
            if o in index:
                root = partition.find(index[o])
                persons[root] = max(persons.get(root, 0.0), best.get((ti, index[o]), 0.0))
        if rt in persons or not 2 <= len(persons) <= PICK_MAX_PERSONS:
            continue
        root, top = max(persons.items(), key=lambda kv: (kv[1], -kv[0]))
        if top <= 0.0 or top < PICK_SHARE * sum(persons.values()):
            continue
        if partition.allowed(rt, root):
            partition.merge(rt, root)
    if dates is not None:
        link_window_by_lag(partition, groups, dates)


def report_days(features) -> tuple[list[int | None], list[bool], list[str | None]]:
    """Each record's date as a day number (None where it has none), whether
    its list dates deaths by the day it reported them (``date_lags``) and its
    sex (None where not given), in the link input's order: what
    :func:`link_window_by_lag` reads."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = features.num_rows
    names = features.column_names
    days = (pc.cast(pc.cast(features.column("date_start"), pa.date32()), pa.int32()).to_pylist()
            if "date_start" in names else [None] * n)
    lags = features.column("date_lags").to_pylist() if "date_lags" in names else [False] * n
    sex = features.column("sex").to_pylist() if "sex" in names else [None] * n
    return days, [bool(x) for x in lags], sex


def lag_ratios(partition, known: Sequence[tuple[int, Sequence[int]]],
               days: Sequence[int | None], lags: Sequence[bool]) -> dict[tuple[int, bool], float]:
    """How much likelier each report lag is for a thin record's own person
    than for a namesake of its window, learnt from this run's own links.

    The lag is the thin record's report day minus a window namesake's day
    (0..3 for a list dated by the death, -3..3 for another list dated by
    report). Where the window holds one person and the thin record joined it,
    the namesake is its person; the share of each lag among those, smoothed by
    one, over the share a namesake of any day in the window would have
    (uniform over the window) is the ratio. kestrel 50,000 records, seed 1:
    0 / 1 / 2 / 3 days 1.30 / 1.33 / 0.87 / 0.49 (news is quick, not always
    the same day)."""
    counts: dict[tuple[int, bool], int] = {}
    for t, others in known:
        rt = partition.find(t)
        if days[t] is None or {partition.find(o) for o in others} != {rt}:
            continue
        for o in others:
            if days[o] is not None:
                key = (days[t] - days[o], lags[o])
                counts[key] = counts.get(key, 0) + 1
    ratios = {}
    for lagged in (False, True):
        span = range(-WINDOW_DAYS, WINDOW_DAYS + 1) if lagged else range(0, WINDOW_DAYS + 1)
        total = sum(counts.get((d, lagged), 0) + 1 for d in span)
        for d in span:
            ratios[(d, lagged)] = (counts.get((d, lagged), 0) + 1) / total * len(span)
    return ratios


def link_window_by_lag(partition, groups: Sequence[tuple[str, Sequence[str]]],
                       dates: tuple[Sequence[int | None], Sequence[bool],
                                    Sequence[str | None]]) -> None:
    """A thin record still apart whose window holds two persons
    (:data:`PICK_MAX_PERSONS`) joins the one whose dates its report lag makes
    likelier (:func:`lag_ratios`, each person weighed by its likeliest record;
    equal, the person of more records). A person another list gives the
    other sex than the thin record's is no candidate, so where one of two is,
    the other is joined.

    Measured first (kestrel 50,000 records, seed 1, in-sample): of the thin
    records left apart in windows of 2+ persons, 88% are one of them, and
    nothing but the report lag told them apart (co-arrivals, sex and the
    pairs' scores did not: most of those pairs are never stored). Left apart,
    the record is a second person whoever it is; joined to the likelier of
    two, it is right about half the time, and a link right about half the
    time raises pairwise F1 while it stays under 0.9 (a link right with
    chance q gains where q > F1 / 2). Nor is the count served by the extra
    person. Tried and not kept: up to 3 or 4 persons (the same F1, precision
    lower), a share threshold of 0.55 (half the gain), one-to-one per news
    list (a person holding the list's record is not a candidate: no gain,
    heron -0.001). In-sample, seed 1, F1 (precision / recall): kestrel 50k
    0.797 -> 0.801 (0.861 / 0.742 -> 0.848 / 0.758), heron 50k 0.629 ->
    0.636, mosaic 0.734 -> 0.737, field 0.755 -> 0.762, ledger 0.757 ->
    0.760; 5k within +0.001 but heron +0.006; benchmarks/RESULTS.md, "LT4 —
    thin records among namesakes (wave 9)"."""
    days, lags, sex = dates
    index = partition.index
    known = [(index[t], [index[o] for o in others if o in index])
             for t, others in groups if t in index]
    ratio = lag_ratios(partition, known, days, lags)
    for t, others in known:
        if days[t] is None:
            continue
        rt = partition.find(t)
        persons: dict[int, float] = {}
        other_sex: set[int] = set()
        for o in others:
            root = partition.find(o)
            like = ratio.get((days[t] - days[o], lags[o]), 0.0) if days[o] is not None else 0.0
            persons[root] = max(persons.get(root, 0.0), like)
            if sex[t] is not None and sex[o] is not None and sex[o] != sex[t]:
                other_sex.add(root)
        if rt in persons:
            continue
        # a person another list gives the other sex is not the thin record's
        # (kestrel 50k: 529 such namesakes in these windows, none its person)
        persons = {r: v for r, v in persons.items() if r not in other_sex}
        if not (1 if other_sex else 2) <= len(persons) <= PICK_MAX_PERSONS:
            continue
        root = max(persons, key=lambda r: (persons[r], partition.size(r), -r))
        if persons[root] > 0.0 and partition.allowed(rt, root):
            partition.merge(rt, root)


def same_list_reports(features, memory_limit: str = "3GB") -> list[tuple[str, str]]:
    """Pairs of thin records of one list dated by report with one given name,
    family name and governorate, reported within :data:`WINDOW_DAYS` of each
    other: perhaps one victim the list reported twice (a wire's update, a
    page's re-post), perhaps two namesakes of one incident.

    A list rarely names one person twice, so two of its rows join one person
    only on their own pair (tally.link.clustering's one-document rule); the
    window passes take these pairs as that evidence, so where the window
    holds the one person of that name, the second report joins it as the first
    did, and where it holds none nothing happens. Measured in-sample (seed 1),
    F1 kestrel 50k 0.784 -> 0.788 (P -0.004, R +0.010), 5k 0.896 -> 0.899;
    benchmarks/RESULTS.md, "Link II, wave 8"."""
    import duckdb

    need = {"unique_id", "list_id", "given_key", "family_key", "father_key",
            "grandfather_key", "governorate_id", "date_start", "date_lags", "unidentified"}
    if not need <= set(features.column_names):
        return []
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.register("f", features.select(sorted(need)))
        rows = con.execute(f"""
            WITH thin AS (
                SELECT unique_id, list_id, given_key, family_key, governorate_id, date_start
                FROM f
                WHERE father_key IS NULL AND grandfather_key IS NULL
                  AND coalesce(date_lags, FALSE) AND NOT coalesce(unidentified, FALSE)
                  AND list_id IS NOT NULL AND given_key IS NOT NULL AND family_key IS NOT NULL
                  AND governorate_id IS NOT NULL AND date_start IS NOT NULL),
            -- by week, as window_namesakes: the join grows with a name's reports
            -- of the weeks around each, not of the whole conflict
            weeks AS (SELECT *, {_WEEK.format(d="date_start")} AS week FROM thin)
            SELECT DISTINCT a.unique_id, b.unique_id
            FROM (SELECT *, unnest([week - 1, week, week + 1]) AS near FROM weeks) a
            JOIN weeks b
              ON a.list_id = b.list_id AND a.given_key = b.given_key
             AND a.family_key = b.family_key AND a.governorate_id = b.governorate_id
             AND b.week = a.near AND a.unique_id < b.unique_id
            WHERE abs(date_diff('day', a.date_start, b.date_start)) <= {WINDOW_DAYS}
            ORDER BY 1, 2""").fetchall()
    finally:
        con.close()
    return [(a, b) for a, b in rows]
