"""Namesakes killed together are two people (issue 15, item 2): a record that
gives only the shared name ("Nour al-Hasan", no age, no sex) links to each of
them, and no such chain may put two records of one name in one person when,
compared directly, their sex differs or their ages lie more than 10 years
apart (tally.link.settings.NAMESAKES_APART, LinkSettings.namesakes_apart, on by
default since wave 7, when an age class stopped counting as an age)."""

from __future__ import annotations

from tally.link import LinkSettings
from tests.unit.link.dedupe_rows import dedupe_persons

HEADER = ("record_id", "source", "given_name", "father_name", "family_name", "sex", "age",
          "date_of_death", "place", "governorate")
DAY, PLACE, GOV = "2025-03-07", "جبلة", "اللاذقية"


def _persons(tmp_path, rows) -> dict[str, str]:
    return dedupe_persons(tmp_path, HEADER, rows)


def _others() -> list[tuple]:
    """Unrelated records of other places and months: a list is never two rows."""
    return [(f"other{i}", "D", given, "محمود", family, "male", str(30 + i),
             f"2024-0{i + 1}-15", "حماة", "حماة")
            for i, (given, family) in enumerate([("أحمد", "الخطيب"), ("علي", "العلي"),
                                                 ("عمر", "الشامي"), ("خالد", "النجار")])]


def test_brother_and_sister_of_one_name_stay_two_people(tmp_path):
    rows = [
        # cousins named Nour (a name for boys and girls), killed together
        ("nour_m", "A", "نور", "أحمد", "الحسن", "male", "", DAY, PLACE, GOV),
        ("nour_f", "B", "نور", "علي", "الحسن", "female", "", DAY, PLACE, GOV),
        # a news list's thin record: the name, the day, the place
        ("thin", "C", "نور", "", "الحسن", "", "", DAY, PLACE, GOV),
    ] + _others()
    persons = _persons(tmp_path, rows)
    assert persons["nour_m"] != persons["nour_f"]


def test_grandfather_and_grandson_of_one_name_stay_two_people(tmp_path):
    rows = [
        # a grandson named after his grandfather, killed with him
        ("hassan_70", "A", "حسن", "", "مهنا", "male", "70", DAY, PLACE, GOV),
        ("hassan_17", "B", "حسن", "", "مهنا", "male", "17", DAY, PLACE, GOV),
        ("thin", "C", "حسن", "", "مهنا", "", "", DAY, PLACE, GOV),
    ] + _others()
    persons = _persons(tmp_path, rows)
    assert persons["hassan_70"] != persons["hassan_17"]


def test_one_person_of_one_name_and_age_is_still_linked(tmp_path):
    rows = [
        ("hassan_a", "A", "حسن", "", "مهنا", "male", "40", DAY, PLACE, GOV),
        ("hassan_b", "B", "حسن", "", "مهنا", "male", "42", DAY, PLACE, GOV),
        ("thin", "C", "حسن", "", "مهنا", "", "", DAY, PLACE, GOV),
    ] + _others()
    persons = _persons(tmp_path, rows)
    assert persons["hassan_a"] == persons["hassan_b"] == persons["thin"]


def test_an_age_class_is_no_age_that_keeps_one_person_apart(tmp_path):
    """"A man" (18 and over, read as 18-48) and 60 are the same man written two
    ways: only ages given to within ten years can tell namesakes apart (ledger's
    rights list writes an age class; read as a bound it split 130 true pairs at
    5,000 records)."""
    rows = [
        ("hassan_class", "A", "حسن", "", "مهنا", "male", "رجل", DAY, PLACE, GOV),
        ("hassan_60", "B", "حسن", "", "مهنا", "male", "60", DAY, PLACE, GOV),
        ("thin", "C", "حسن", "", "مهنا", "", "", DAY, PLACE, GOV),
    ] + _others()
    persons = _persons(tmp_path, rows)
    assert persons["hassan_class"] == persons["hassan_60"] == persons["thin"]


def test_namesakes_apart_is_on_by_default():
    assert LinkSettings().namesakes_apart is True
