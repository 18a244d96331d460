"""Checks on mapped values that flag, never refuse.

A value that looks wrong (an age that is no number, range or known word; a
date in no known shape) keeps its raw form and gets a problem note on the
record: casualty lists are messy and a typo must not cost a victim their
place in the count. Rows that cannot become records at all are decided in
:mod:`tally.ingest.pipeline` (quarantine).
"""

from __future__ import annotations

from tally.model import SEX_VALUES, STATUS_VALUES

_DIGIT = "[0-9٠-٩۰-۹]"
_AGE = (
    f"^({_DIGIT}{{1,3}}(\\.{_DIGIT}+)?|{_DIGIT}{{1,3}}\\s*[-–/]\\s*{_DIGIT}{{1,3}}"
    "|child|adult|elderly|infant|baby|teen|teenager|youth|old|minor)$"
)
_DATE_ONE = f"{_DIGIT}{{4}}(-{_DIGIT}{{1,2}}(-{_DIGIT}{{1,2}})?)?"
_DATE = f"^{_DATE_ONE}(/{_DATE_ONE})?$"
_YEAR = f"^{_DIGIT}{{4}}$"
_BIRTH = f"^({_DATE_ONE}|{_DIGIT}{{8}})$"

# (field, SQL condition that is TRUE when the value is suspect, note)
_RULES: tuple[tuple[str, str, str], ...] = (
    ("age", f"NOT regexp_matches(lower(age), '{_AGE}')",
     "age is not a number, a range or a known word"),
    ("date_of_death", f"NOT regexp_matches(date_of_death, '{_DATE}')",
     "date_of_death is not YYYY-MM-DD, YYYY-MM, YYYY or a start/end range"),
    ("birth_year", f"NOT regexp_matches(birth_year, '{_YEAR}')",
     "birth_year is not a four-digit year"),
    ("birth_date", f"NOT regexp_matches(birth_date, '{_BIRTH}')",
     "birth_date is not YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY"),
    ("sex", "lower(sex) NOT IN (" + ", ".join(f"'{v}'" for v in SEX_VALUES) + ")",
     "sex is not male, female or unknown"),
    ("status", "lower(status) NOT IN (" + ", ".join(f"'{v}'" for v in STATUS_VALUES) + ")",
     "status is not civilian, combatant or unknown"),
)


def problems_sql() -> str:
    """A SQL expression (over mapped columns) giving the list of problem notes."""
    items = ", ".join(
        f"CASE WHEN {column} IS NOT NULL AND {condition} THEN '{note}' END"
        for column, condition, note in _RULES
    )
    return f"list_filter([{items}], lambda x: x IS NOT NULL)"
