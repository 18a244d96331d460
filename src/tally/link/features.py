"""The link input table: one row per record, the columns the model compares.

Built in SQL from ``victim_record`` and ``record_norm`` (Normalize's keys), so
the same table feeds DuckDB here and Spark elsewhere.
"""

from __future__ import annotations

import duckdb

#: Columns of the link input table (the settings in tally.link.settings use them).
FEATURE_COLUMNS = (
    "unique_id", "source_id", "list_id", "unidentified", "given_key", "father_key",
    "grandfather_key", "family_key", "kunya_key", "given_sim_key", "rot_given_key",
    "rot_father_key", "rot_family_key", "given_std", "father_std", "name_script", "given_count", "family_count", "date_start", "date_end", "date_precision",
    "date_month", "place_id", "district_id", "governorate_id", "age_low", "age_high", "sex", "status",
    "birth_digits", "id_key", "address_key", "date_lags",
)

#: Identity columns of the link input that only some lists have; the model
#: compares them only where a file or project has them (see
#: tally.link.settings.IDENTITY_FIELDS).
IDENTITY_COLUMNS = ("birth_digits", "id_key", "address_key")

#: a kunya and one other name, nothing else (see the given_key column)
_KUNYA_ONLY = ("(n.kunya_key IS NOT NULL AND n.given_key IS NOT NULL AND n.father_key IS NULL "
               "AND n.family_key IS NULL)")

#: Source kinds whose dates are the day a death was *reported*: news-derived
#: lists date a victim by the report, 0-3 days after the death.
REPORT_DATE_KINDS = ("news_outlet",)
#: How many days before its report date a reported death may have happened.
REPORT_LAG_DAYS = 3

_DIGITS = "translate({x}, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789')"


def _reported(kinds: str) -> str:
    """SQL: the record's date is a report date (its source is a news outlet)."""
    return (f"(n.date_precision = 'day' AND v.source_id IN "
            f"(SELECT id FROM source WHERE kind IN ({kinds})))")


def features_sql(records: str, norm: str, *, source_expr: str, list_expr: str,
                 report_dates: bool = False) -> str:
    """SELECT building the link input from ``records`` joined to ``norm``.

    ``source_expr`` says which list a record belongs to for the "same source"
    comparison, ``list_expr`` which row set the cannot-link rule protects
    (NULL disables it). Both are SQL chosen by Tally over ``v`` (records).
    Unidentified records keep no name keys: no name rule can ever pair them.
    A report date (``report_dates``: a news outlet's record) becomes the interval
    of days the death may have happened, [report - 3 days, report], with
    precision ``report``: compatible with each of those days, the same as none.
    """
    kinds = ", ".join(f"'{k}'" for k in REPORT_DATE_KINDS)
    reported = _reported(kinds) if report_dates else "FALSE"
    return f"""
        SELECT
            v.record_id AS unique_id,
            {source_expr} AS source_id,
            {list_expr} AS list_id,
            n.unidentified,
            -- a kunya followed by one name ("Abu Ahmad Saleh", "أبو عوبد صالح") is read
            -- as kunya and family name: the kunya stands where the given name would,
            -- as in "Abu Ahmad al-Halabi"; read as a given name, the one name would
            -- meet the other records' given names, which it is not
            CASE WHEN n.unidentified OR {_KUNYA_ONLY} THEN NULL ELSE n.given_key END AS given_key,
            CASE WHEN n.unidentified THEN NULL ELSE n.father_key END AS father_key,
            CASE WHEN n.unidentified THEN NULL ELSE n.grandfather_key END AS grandfather_key,
            CASE WHEN n.unidentified THEN NULL WHEN {_KUNYA_ONLY} THEN n.given_key
                 ELSE n.family_key END AS family_key,
            CASE WHEN n.unidentified THEN NULL ELSE n.kunya_key END AS kunya_key,
            -- the given name for spelling similarity: "Abd al-" moved to the end, so
            -- Abd al-Raouf and Abd al-Karim (brothers, often) are not "similar" on
            -- the strength of their shared first four letters
            CASE WHEN n.unidentified OR {_KUNYA_ONLY} THEN NULL
                 WHEN starts_with(n.given_key, 'abd_') THEN substr(n.given_key, 5) || '_abd'
                 ELSE n.given_key END AS given_sim_key,
            -- the same name read as written family-first ("Qabbani Jasem Khaled",
            -- "Hussein Hazem"): the first part is the family, the second the given
            -- name, the next the father's
            CASE WHEN NOT n.unidentified AND n.kunya_key IS NULL AND n.given_key IS NOT NULL
                 THEN coalesce(n.father_key, n.family_key) END AS rot_given_key,
            CASE WHEN NOT n.unidentified AND n.kunya_key IS NULL AND n.given_key IS NOT NULL
                      AND n.family_key IS NOT NULL
                 THEN CASE WHEN n.grandfather_key IS NOT NULL THEN n.grandfather_key
                           WHEN n.father_key IS NOT NULL THEN n.family_key END END AS rot_father_key,
            CASE WHEN NOT n.unidentified AND n.kunya_key IS NULL AND n.family_key IS NOT NULL
                 THEN n.given_key END AS rot_family_key,
            CASE WHEN {_KUNYA_ONLY} THEN NULL ELSE n.given_std END AS given_std,
            -- the father's name as the name table reads it, and the script the
            -- name was written in: sons of Mahmoud and of Muhammad share the
            -- father's key (mhmd); read from Arabic the two names are exact
            CASE WHEN n.unidentified THEN NULL ELSE n.father_std END AS father_std,
            n.name_script,
            CASE WHEN {reported} THEN CAST(n.date_start - INTERVAL {REPORT_LAG_DAYS} DAY AS DATE)
                 ELSE n.date_start END AS date_start,
            n.date_end,
            CASE WHEN {reported} THEN 'report' ELSE n.date_precision END AS date_precision,
            -- the month of death, for blocking records whose day is unknown or
            -- differs (tally.link.settings.blocking_rules)
            CAST(date_trunc('month', n.date_start) AS DATE) AS date_month,
            n.place_id, n.district_id, n.governorate_id,
            n.age_low, coalesce(n.age_high, n.age_low + 30) AS age_high,
            n.sex,
            CASE WHEN n.status IN ('civilian', 'combatant') THEN n.status END AS status,
            -- identity fields: a date of birth as its digits (so a mistyped,
            -- impossible date still compares digit by digit), a document number
            -- as its letters and digits, an address as lower-case words
            nullif(regexp_replace({_DIGITS.format(x="v.birth_date")}, '[^0-9]', '', 'g'), '')
                AS birth_digits,
            nullif(regexp_replace(upper({_DIGITS.format(x="v.national_id")}), '[^0-9A-Z]', '', 'g'),
                   '') AS id_key,
            nullif(trim(regexp_replace(lower(v.address), '[^\\pL\\pN]+', ' ', 'g')), '')
                AS address_key
        FROM {records} v JOIN {norm} n USING (record_id)
    """


def build_features(
    con: duckdb.DuckDBPyConnection,
    target: str,
    records: str = "victim_record",
    norm: str = "record_norm",
    *,
    source_expr: str = "v.source_id",
    list_expr: str = "v.document_sha256",
    report_dates: bool = False,
) -> int:
    """Materialise the link input as temp table ``target``; return its row count.

    ``report_dates``: read news outlets' dates as report dates (where the store
    has its ``source`` table, which says each source's kind). Off by default:
    measured on the held-out profile it cost recall (F1 0.661 to 0.590), since
    two reports of one day then no longer meet as "same day"; the event
    comparison's "within 3 days" levels carry report dates instead."""
    report_dates = report_dates and bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'source'").fetchall()[0][0])
    # given_count, family_count: how many records give this given-name (family)
    # key. Two keys one letter apart that are both common are two names (Salma /
    # Lama, sisters), not a typo, which leaves a spelling seen once or twice
    # (tally.link.settings: given_name_comparison, lineage_comparison)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {target} AS SELECT *, "
        "CASE WHEN given_key IS NOT NULL THEN count(*) OVER (PARTITION BY given_key) END "
        "AS given_count, "
        "CASE WHEN family_key IS NOT NULL THEN count(*) OVER (PARTITION BY family_key) END "
        "AS family_count, "
        # how many records of the governorate and month give this key: the
        # blocking rules that pair on one name part stay off where the name is
        # that common (tally.link.settings.blocking_rules), or a million
        # records of Zipf names make hundreds of millions of pairs
        "CASE WHEN given_key IS NOT NULL THEN count(*) OVER "
        "(PARTITION BY given_key, governorate_id, date_month) END AS given_month_count, "
        "CASE WHEN family_key IS NOT NULL THEN count(*) OVER "
        "(PARTITION BY family_key, governorate_id, date_month) END AS family_month_count, "
        # records of the village and day: the blocks an unidentified body meets
        "count(*) OVER (PARTITION BY place_id, date_start) AS place_day_count, "
        # records of the governorate giving this given and family name
        "CASE WHEN given_key IS NOT NULL AND family_key IS NOT NULL THEN count(*) OVER "
        "(PARTITION BY given_key, family_key, governorate_id) END AS name_count, "
        # the given name, family name and governorate as one key: two records
        # with the same are namesakes of one governorate, and name_count says
        # how many (tally.link.namesakes); 63 bits of the hash as a signed
        # BIGINT, since Spark takes no unsigned 64-bit column from Arrow
        "CASE WHEN given_key IS NOT NULL AND family_key IS NOT NULL AND governorate_id IS NOT NULL "
        "THEN (hash(given_key, family_key, governorate_id) >> 1)::BIGINT END AS name_gov, "
        "father_key IS NOT NULL AS father_given, "
        # records of the day and district giving this given (family) name key
        "CASE WHEN given_key IS NOT NULL THEN count(*) OVER "
        "(PARTITION BY given_key, date_start, district_id) END AS given_day_count, "
        "CASE WHEN family_key IS NOT NULL THEN count(*) OVER "
        "(PARTITION BY family_key, date_start, district_id) END AS family_day_count FROM ("
        + features_sql(records, norm, source_expr=source_expr, list_expr=list_expr,
                       report_dates=report_dates)
        + ") AS _features"
    )
    # date_lags: the record's list dates a death by the day it reported or
    # received it (tally.link.settings.event_comparison: "a report 0-3 days after")
    lagging = lagging_lists(con, target)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {target} AS SELECT *, coalesce(list_contains("
                f"?::VARCHAR[], CAST(source_id AS VARCHAR)), FALSE) AS date_lags FROM {target}",
                [[str(x) for x in lagging]])
    return int(con.execute(f"SELECT count(*) FROM {target}").fetchall()[0][0])


#: a list trails when its record is the later one this many times as often as
#: the earlier one, among namesakes of other lists dated 1-3 days apart ...
LAG_RATIO = 1.4
#: ... and in at least this many such pairs ...
LAG_MIN_PAIRS = 20
#: ... counting only names (given, family, governorate) at most this many
#: records give: a person's records grow with the number of lists, namesakes
#: with the square of the records, and among common names they hide the lead
#: (field profile, news lists: 4 : 1 at 5,000 records and 1.7 : 1 at 50,000
#: over all names; 3.5-4.6 : 1 at both sizes over these)
LAG_NAME_LIMIT = 8


def lagging_lists(con: duckdb.DuckDBPyConnection, table: str) -> list:
    """The lists (``source_id``) of ``table`` whose dates trail the others' by 0-3 days.

    A news-derived list dates a death by the day it was reported, 0-3 days
    after it happened; a morgue or hospital register by the day the body came
    in. Such a list's records meet another list's record of the same person
    dated 1-3 days *later* far more often than earlier, while namesakes (two
    people) fall on either side alike. So the data say which lists these are,
    with no source kind declared: `tally dedupe` of one file with a source
    column learns it too. Measured on the simulated profiles at 5,000 and
    50,000 records (rarer names, see ``LAG_NAME_LIMIT``; later : earlier):
    news lists 3.4-5.5 : 1, morgue and hospital registers 1.5-22 : 1, every
    list dated by the death at most 0.65 : 1.
    """
    rows = con.execute(f"""
        WITH named AS (
            SELECT source_id, given_key, family_key, governorate_id, date_start FROM (
                SELECT *, count(*) OVER (PARTITION BY given_key, family_key, governorate_id) AS n
                FROM {table}
                WHERE date_precision = 'day' AND given_key IS NOT NULL
                  AND family_key IS NOT NULL AND governorate_id IS NOT NULL)
            WHERE n <= {LAG_NAME_LIMIT})
        SELECT l.source_id,
               count(*) FILTER (WHERE date_diff('day', r.date_start, l.date_start) > 0),
               count(*) FILTER (WHERE date_diff('day', r.date_start, l.date_start) < 0)
        FROM named l JOIN named r
          ON l.given_key = r.given_key AND l.family_key = r.family_key
         AND l.governorate_id = r.governorate_id AND l.source_id <> r.source_id
        WHERE abs(date_diff('day', r.date_start, l.date_start)) BETWEEN 1 AND 3
        GROUP BY 1""").fetchall()
    return sorted(s for s, later, earlier in rows
                  if s is not None and later >= LAG_MIN_PAIRS and later >= LAG_RATIO * earlier)
