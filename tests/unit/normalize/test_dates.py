"""Dates: ISO, numeric with/without declared order, Arabic and English months, parts, ranges, relative."""

from __future__ import annotations

from datetime import date

import pytest

from tally.normalize.dates import DateResult, numeric_date_regex, parse_date

D = date
REF = D(2025, 3, 15)  # a Saturday

DAY = [
    ("2025-03-06", D(2025, 3, 6)), ("2025/03/06", D(2025, 3, 6)), ("2025.3.6", D(2025, 3, 6)),
    ("20250306", D(2025, 3, 6)), ("13/03/2025", D(2025, 3, 13)), ("13-03-2025", D(2025, 3, 13)),
    ("13.03.2025", D(2025, 3, 13)), ("03/13/2025", D(2025, 3, 13)), ("31/12/2024", D(2024, 12, 31)),
    ("06/06/2025", D(2025, 6, 6)), ("25/12/24", D(2024, 12, 25)), ("7/3/2025 ", D(2025, 3, 7)) if False else
    ("17/3/2025", D(2025, 3, 17)),
    ("6 March 2025", D(2025, 3, 6)), ("6 Mar 2025", D(2025, 3, 6)), ("March 6, 2025", D(2025, 3, 6)),
    ("March 6 2025", D(2025, 3, 6)), ("6th of March 2025", D(2025, 3, 6)), ("6th March, 2025", D(2025, 3, 6)),
    ("on 6 March 2025", D(2025, 3, 6)), ("Thursday 6 March 2025", D(2025, 3, 6)),
    ("الخميس 6 آذار 2025", D(2025, 3, 6)), ("06-Mar-2025", D(2025, 3, 6)),
    ("1 January 2025", D(2025, 1, 1)), ("Sept 9, 2024", D(2024, 9, 9)), ("9 September 2024", D(2024, 9, 9)),
    ("28 Feb 2025", D(2025, 2, 28)), ("29 February 2024", D(2024, 2, 29)), ("8 December 2024", D(2024, 12, 8)),
    ("17 July 2025", D(2025, 7, 17)), ("13 Jul 2025", D(2025, 7, 13)), ("2 Aug 2025", D(2025, 8, 2)),
    ("٦ آذار ٢٠٢٥", D(2025, 3, 6)), ("6 آذار 2025", D(2025, 3, 6)), ("٦ اذار ٢٠٢٥", D(2025, 3, 6)),
    ("7 آذار 2025م", D(2025, 3, 7)), ("٧ آذار ٢٠٢٥م", D(2025, 3, 7)), ("15 كانون الثاني 2025", D(2025, 1, 15)),
    ("3 شباط 2025", D(2025, 2, 3)), ("10 نيسان 2025", D(2025, 4, 10)), ("1 أيار 2025", D(2025, 5, 1)),
    ("1 ايار 2025", D(2025, 5, 1)), ("20 حزيران 2025", D(2025, 6, 20)), ("14 تموز 2025", D(2025, 7, 14)),
    ("١٤ تموز ٢٠٢٥", D(2025, 7, 14)), ("5 آب 2025", D(2025, 8, 5)), ("5 اب 2025", D(2025, 8, 5)),
    ("9 أيلول 2024", D(2024, 9, 9)), ("7 تشرين الأول 2023", D(2023, 10, 7)), ("7 تشرين الاول 2023", D(2023, 10, 7)),
    ("12 تشرين الثاني 2024", D(2024, 11, 12)), ("8 كانون الأول 2024", D(2024, 12, 8)),
    ("٨ كانون الاول ٢٠٢٤", D(2024, 12, 8)), ("12 يناير 2025", D(2025, 1, 12)), ("3 فبراير 2025", D(2025, 2, 3)),
    ("6 مارس 2025", D(2025, 3, 6)), ("٦ مارس ٢٠٢٥", D(2025, 3, 6)), ("10 أبريل 2025", D(2025, 4, 10)),
    ("10 ابريل 2025", D(2025, 4, 10)), ("1 مايو 2025", D(2025, 5, 1)), ("20 يونيو 2025", D(2025, 6, 20)),
    ("20 يونيه 2025", D(2025, 6, 20)), ("14 يوليو 2025", D(2025, 7, 14)), ("14 يوليه 2025", D(2025, 7, 14)),
    ("5 أغسطس 2025", D(2025, 8, 5)), ("5 اغسطس 2025", D(2025, 8, 5)), ("9 سبتمبر 2024", D(2024, 9, 9)),
    ("7 أكتوبر 2023", D(2023, 10, 7)), ("12 نوفمبر 2024", D(2024, 11, 12)), ("8 ديسمبر 2024", D(2024, 12, 8)),
    ("يوم 6 آذار 2025", D(2025, 3, 6)), ("بتاريخ ٦/٣/٢٠٢٥", None), ("2025-٠٣-٠٦", D(2025, 3, 6)),
    ("٢٠٢٥-٠٣-٠٦", D(2025, 3, 6)), ("في 14 تموز 2025", D(2025, 7, 14)),
]


@pytest.mark.parametrize("text,day", [c for c in DAY if c[1] is not None])
def test_single_days(text, day):
    r = parse_date(text)
    assert (r.start, r.end, r.precision, r.problem) == (day, day, "day", None), r


MONTH_YEAR = [
    ("2025-03", D(2025, 3, 1), D(2025, 3, 31), "month"), ("03/2025", D(2025, 3, 1), D(2025, 3, 31), "month"),
    ("March 2025", D(2025, 3, 1), D(2025, 3, 31), "month"), ("Mar 2025", D(2025, 3, 1), D(2025, 3, 31), "month"),
    ("آذار 2025", D(2025, 3, 1), D(2025, 3, 31), "month"), ("آذار ٢٠٢٥", D(2025, 3, 1), D(2025, 3, 31), "month"),
    ("مارس 2025", D(2025, 3, 1), D(2025, 3, 31), "month"), ("تموز 2025", D(2025, 7, 1), D(2025, 7, 31), "month"),
    ("يوليو 2025", D(2025, 7, 1), D(2025, 7, 31), "month"), ("February 2024", D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("شباط 2025", D(2025, 2, 1), D(2025, 2, 28), "month"), ("كانون الأول 2024", D(2024, 12, 1), D(2024, 12, 31), "month"),
    ("December 2024", D(2024, 12, 1), D(2024, 12, 31), "month"), ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("٢٠٢٥", D(2025, 1, 1), D(2025, 12, 31), "year"), ("عام 2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("in 2024", D(2024, 1, 1), D(2024, 12, 31), "year"), ("2025م", D(2025, 1, 1), D(2025, 12, 31), "year"),
]


@pytest.mark.parametrize("text,start,end,precision", MONTH_YEAR)
def test_months_and_years(text, start, end, precision):
    r = parse_date(text)
    assert (r.start, r.end, r.precision) == (start, end, precision), r


PARTS = [
    ("early March 2025", D(2025, 3, 1), D(2025, 3, 10)), ("beginning of March 2025", D(2025, 3, 1), D(2025, 3, 10)),
    ("mid-March 2025", D(2025, 3, 11), D(2025, 3, 20)), ("mid March 2025", D(2025, 3, 11), D(2025, 3, 20)),
    ("middle of March 2025", D(2025, 3, 11), D(2025, 3, 20)), ("late March 2025", D(2025, 3, 21), D(2025, 3, 31)),
    ("end of March 2025", D(2025, 3, 21), D(2025, 3, 31)), ("late February 2024", D(2024, 2, 21), D(2024, 2, 29)),
    ("أوائل آذار 2025", D(2025, 3, 1), D(2025, 3, 10)), ("مطلع آذار 2025", D(2025, 3, 1), D(2025, 3, 10)),
    ("بداية آذار 2025", D(2025, 3, 1), D(2025, 3, 10)), ("منتصف تموز 2025", D(2025, 7, 11), D(2025, 7, 20)),
    ("أواسط تموز ٢٠٢٥", D(2025, 7, 11), D(2025, 7, 20)), ("أواخر تموز 2025", D(2025, 7, 21), D(2025, 7, 31)),
    ("نهاية تموز 2025", D(2025, 7, 21), D(2025, 7, 31)), ("أواخر يوليو 2025", D(2025, 7, 21), D(2025, 7, 31)),
    ("early 2025", D(2025, 1, 1), D(2025, 4, 30)), ("mid-2025", D(2025, 5, 1), D(2025, 8, 31)),
    ("late 2024", D(2024, 9, 1), D(2024, 12, 31)), ("أواخر 2024", D(2024, 9, 1), D(2024, 12, 31)),
]


@pytest.mark.parametrize("text,start,end", PARTS)
def test_parts_of_months_and_years(text, start, end):
    r = parse_date(text)
    assert (r.start, r.end, r.precision) == (start, end, "range"), r


RANGES = [
    ("2025-03-06/2025-03-10", D(2025, 3, 6), D(2025, 3, 10)), ("2025-03/2025-04", D(2025, 3, 1), D(2025, 4, 30)),
    ("2024/2025", D(2024, 1, 1), D(2025, 12, 31)), ("6-8 March 2025", D(2025, 3, 6), D(2025, 3, 8)),
    ("6–8 March 2025", D(2025, 3, 6), D(2025, 3, 8)), ("6 to 8 March 2025", D(2025, 3, 6), D(2025, 3, 8)),
    ("between 6 and 9 March 2025", D(2025, 3, 6), D(2025, 3, 9)),
    ("6 March - 8 April 2025", D(2025, 3, 6), D(2025, 4, 8)), ("March - April 2025", D(2025, 3, 1), D(2025, 4, 30)),
    ("from 6 March 2025 to 10 March 2025", D(2025, 3, 6), D(2025, 3, 10)),
    ("من 6 آذار 2025 إلى 10 آذار 2025", D(2025, 3, 6), D(2025, 3, 10)),
    ("بين 13 و 17 تموز 2025", D(2025, 7, 13), D(2025, 7, 17)), ("13-17 تموز 2025", D(2025, 7, 13), D(2025, 7, 17)),
    ("١٣-١٧ تموز ٢٠٢٥", D(2025, 7, 13), D(2025, 7, 17)), ("2025-07-13 / 2025-07-17", D(2025, 7, 13), D(2025, 7, 17)),
    ("6 March 2025 – 10 March 2025", D(2025, 3, 6), D(2025, 3, 10)),
]


@pytest.mark.parametrize("text,start,end", RANGES)
def test_ranges(text, start, end):
    r = parse_date(text)
    assert (r.start, r.end) == (start, end), r
    assert r.precision in ("range", "month", "year")


AMBIGUOUS = [("06/03/2025", D(2025, 3, 6), D(2025, 6, 3)), ("٦/٣/٢٠٢٥", D(2025, 3, 6), D(2025, 6, 3)),
             ("01/02/2025", D(2025, 1, 2), D(2025, 2, 1)), ("3.7.2025", D(2025, 3, 7), D(2025, 7, 3)),
             ("12/11/2024", D(2024, 11, 12), D(2024, 12, 11))]


@pytest.mark.parametrize("text,start,end", AMBIGUOUS)
def test_ambiguous_numeric_dates_become_a_range_not_a_guess(text, start, end):
    r = parse_date(text)
    assert (r.start, r.end, r.precision) == (start, end, "range")
    assert "ambiguous" in r.problem


@pytest.mark.parametrize("text,order,day", [
    ("06/03/2025", "dmy", D(2025, 3, 6)), ("06/03/2025", "mdy", D(2025, 6, 3)), ("2025/03/06", "ymd", D(2025, 3, 6)),
    ("٦/٣/٢٠٢٥", "dmy", D(2025, 3, 6)), ("01/02/2025", "mdy", D(2025, 1, 2)), ("25/12/24", "dmy", D(2024, 12, 25)),
    ("12/11/24", "mdy", D(2024, 12, 11)), ("6.3.2025", "dmy", D(2025, 3, 6)),
])
def test_declared_order(text, order, day):
    r = parse_date(text, order=order)
    assert (r.start, r.end, r.precision, r.problem) == (day, day, "day", None)


def test_declared_order_that_does_not_fit_is_a_problem():
    r = parse_date("13/13/2025", order="dmy")
    assert r.start is None and "not a calendar date" in r.problem
    with pytest.raises(ValueError):
        parse_date("2025-01-01", order="yyy")


RELATIVE = [
    ("today", D(2025, 3, 15), D(2025, 3, 15)), ("yesterday", D(2025, 3, 14), D(2025, 3, 14)),
    ("last night", D(2025, 3, 14), D(2025, 3, 14)), ("the day before yesterday", D(2025, 3, 13), D(2025, 3, 13)),
    ("اليوم", D(2025, 3, 15), D(2025, 3, 15)), ("أمس", D(2025, 3, 14), D(2025, 3, 14)),
    ("البارحة", D(2025, 3, 14), D(2025, 3, 14)), ("أول أمس", D(2025, 3, 13), D(2025, 3, 13)),
    ("أول من أمس", D(2025, 3, 13), D(2025, 3, 13)), ("last week", D(2025, 3, 8), D(2025, 3, 14)),
    ("الأسبوع الماضي", D(2025, 3, 8), D(2025, 3, 14)), ("last month", D(2025, 2, 1), D(2025, 2, 28)),
    ("الشهر الماضي", D(2025, 2, 1), D(2025, 2, 28)), ("last year", D(2024, 1, 1), D(2024, 12, 31)),
    ("العام الماضي", D(2024, 1, 1), D(2024, 12, 31)), ("last December", D(2024, 12, 1), D(2024, 12, 31)),
    ("كانون الأول الماضي", D(2024, 12, 1), D(2024, 12, 31)), ("ديسمبر الماضي", D(2024, 12, 1), D(2024, 12, 31)),
    ("last March", D(2024, 3, 1), D(2024, 3, 31)), ("3 days ago", D(2025, 3, 12), D(2025, 3, 12)),
    ("three days ago", D(2025, 3, 12), D(2025, 3, 12)), ("قبل 3 أيام", D(2025, 3, 12), D(2025, 3, 12)),
    ("قبل ثلاثة أيام", D(2025, 3, 12), D(2025, 3, 12)), ("قبل يومين", D(2025, 3, 13), D(2025, 3, 13)),
    ("Friday", D(2025, 3, 14), D(2025, 3, 14)), ("on Friday", D(2025, 3, 14), D(2025, 3, 14)),
    ("last Friday", D(2025, 3, 14), D(2025, 3, 14)), ("الجمعة الماضية", D(2025, 3, 14), D(2025, 3, 14)),
    ("يوم الخميس", D(2025, 3, 13), D(2025, 3, 13)), ("Saturday", D(2025, 3, 15), D(2025, 3, 15)),
    ("March 6", D(2025, 3, 6), D(2025, 3, 6)), ("6 March", D(2025, 3, 6), D(2025, 3, 6)),
    ("6 آذار", D(2025, 3, 6), D(2025, 3, 6)), ("28 December", D(2024, 12, 28), D(2024, 12, 28)),
    ("early March", D(2025, 3, 1), D(2025, 3, 10)), ("أوائل آذار", D(2025, 3, 1), D(2025, 3, 10)),
    ("December", D(2024, 12, 1), D(2024, 12, 31)),
]


@pytest.mark.parametrize("text,start,end", RELATIVE)
def test_relative_phrases_against_a_reference(text, start, end):
    r = parse_date(text, reference=REF)
    assert (r.start, r.end) == (start, end), r


@pytest.mark.parametrize("text", ["yesterday", "أمس", "last week", "March 6", "3 days ago", "Friday"])
def test_relative_phrases_without_reference_are_problems(text):
    r = parse_date(text)
    assert r.start is None and r.precision is None and r.problem


BAD = ["", "   ", "hello", "2025-02-30", "32/01/2025", "13/13/2025", "1446 هـ", "15 رمضان 1446 هـ", "n/a",
       "2025-13", "10 Smarch 2025", "3000"]


@pytest.mark.parametrize("text", BAD)
def test_unreadable_values_keep_a_problem_and_never_raise(text):
    r = parse_date(text)
    assert r.start is None and r.end is None and r.precision is None and r.problem


def test_to_dict_is_json_ready():
    assert parse_date("2025-03").to_dict() == {"start": "2025-03-01", "end": "2025-03-31", "precision": "month",
                                               "problem": None}


@pytest.mark.parametrize("text,day", [
    ("2025-03-06 00:00:00", D(2025, 3, 6)), ("2025-03-06T10:30:00Z", D(2025, 3, 6)),
    ("2025-03-06T10:30:00+03:00", D(2025, 3, 6)), ("13/03/2025 14:30", D(2025, 3, 13)),
    ("13/03/2025 10:00 PM", D(2025, 3, 13)),
])
def test_spreadsheet_date_times(text, day):
    r = parse_date(text)
    assert (r.start, r.end, r.precision) == (day, day, "day")


def test_spreadsheet_serial_day_numbers_are_read_with_a_note():
    r = parse_date("45722")
    assert r.start == D(2025, 3, 6) and r.precision == "day" and "spreadsheet" in r.problem


def test_never_raises_on_junk():
    import random

    rng = random.Random(3)
    alphabet = "0123456789/-.: abcdefghijklmnopqrstuvwxyzآذارتموزكانونالثانيأمس٠١٢٣٤٥٦٧٨٩"
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        r = parse_date(s, reference=REF)
        assert (r.start is None) == (r.end is None)
        if r.start is not None:
            assert r.start <= r.end and r.precision in ("day", "month", "year", "range")


@pytest.mark.parametrize("text", ["March 34", "34 March", "Feb 30", "31 April 2025"])
def test_impossible_days_are_a_problem_note_not_an_exception(text):
    import datetime

    result = parse_date(text, reference=datetime.date(2025, 3, 10))
    assert result.start is None and "not a calendar date" in result.problem


@pytest.mark.parametrize("order", ["dmy", "mdy", "ymd"])
def test_numeric_date_regex_matches_what_the_declared_order_reads_as_one_day(order):
    import re
    from datetime import date, timedelta

    pattern = re.compile(numeric_date_regex(order))
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    day = date(2024, 1, 1)
    while day.year == 2024:  # every day of a leap year, padded or not, in both scripts
        for d, m, y in ((f"{day.day:02d}", f"{day.month:02d}", "24"), (str(day.day), str(day.month), "2024"),
                        (f"{day.day:02d}", str(day.month), "2024")):
            parts = {"dmy": (d, m, y), "mdy": (m, d, y), "ymd": (y, m, d)}[order]
            for text in ("/".join(parts), "-".join(parts), ".".join(parts).translate(arabic)):
                assert pattern.fullmatch(text), text
                assert parse_date(text, order=order) == DateResult(day, day, "day"), text
        day += timedelta(days=1)
    for text in ("13/13/2025", "00/05/2025", "32/01/2025", "2025/13/13", "2025/00/05", "2025/05/32",
                 "24/1/5", "2025-03", "March 2025", "6/3", "06/03/2025/1", "06 / 03 / 2025"):
        assert not pattern.fullmatch(text), text
    with pytest.raises(ValueError):
        numeric_date_regex("ydm")
