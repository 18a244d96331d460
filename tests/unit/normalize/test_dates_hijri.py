"""Numeric Hijri dates become Gregorian intervals (family committees' lists).

Before, "29/7/1446 هـ" was refused with "Hijri calendar dates are not
converted", so the record had no date to meet the other lists' records with.
The arithmetical calendar differs from the calendar in use (Umm al-Qura, or
months begun by sighting) by a day, rarely two: the answer is the converted day
give or take one."""

from __future__ import annotations

from datetime import date

import pytest

from tally.normalize.dates import parse_date


@pytest.mark.parametrize("written, day", [
    ("1/9/1446 هـ", date(2025, 3, 1)),       # 1 Ramadan 1446 (Umm al-Qura: 1 March 2025)
    ("1446/9/1 هـ", date(2025, 3, 1)),
    ("١/١٠/١٤٤٥ هـ", date(2024, 4, 10)),     # 1 Shawwal 1445, Eid al-Fitr 2024
    ("1/1/1447هـ", date(2025, 6, 27)),      # 1 Muharram 1447 (Umm al-Qura: 26 June)
    ("29/7/1446 هـ", date(2025, 1, 29)),
])
def test_a_numeric_hijri_date_is_the_converted_day_give_or_take_one(written, day):
    r = parse_date(written)
    assert (r.start, r.end) == (date.fromordinal(day.toordinal() - 1),
                                date.fromordinal(day.toordinal() + 1))
    assert "Hijri" in r.problem


@pytest.mark.parametrize("written", ["1446 هـ", "15 رمضان 1446 هـ", "31/9/1446 هـ", "1/13/1446 هـ"])
def test_other_hijri_forms_are_still_refused_with_a_reason(written):
    r = parse_date(written)
    assert r.start is None and "Hijri" in r.problem
