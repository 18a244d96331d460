"""A family name one letter from another is a misspelling only where one of the
two spellings is rare among the records (issue 15, item 2): Salem and Salman,
both common, are two families."""

from __future__ import annotations

from tests.unit.link.dedupe_rows import dedupe_persons

HEADER = ("record_id", "source", "name", "sex", "date_of_death", "place", "governorate")


def _persons(tmp_path, rows) -> dict[str, str]:
    return dedupe_persons(tmp_path, HEADER, rows)


def _fillers(family: str, n: int, tag: str) -> list[tuple]:
    return [(f"{tag}{i}", "C", f"{given} محمود {family}", "male", f"2024-0{i + 1}-10", "حماة", "حماة")
            for i, given in enumerate(["خالد", "عمر", "يوسف"][:n])]


def test_a_thin_record_does_not_meet_another_common_family_one_letter_away(tmp_path):
    # news: "Ahmad Salman", reported two days later, by governorate; the rights
    # group's Ahmad is of the Salem family (سالم / سلمان: keys one letter apart)
    rows = [("full", "A", "أحمد خالد سالم", "male", "2025-03-07", "جبلة", "اللاذقية"),
            ("news", "B", "أحمد سلمان", "", "2025-03-09", "اللاذقية", "")]
    rows += _fillers("سالم", 3, "s") + _fillers("سلمان", 3, "n")
    persons = _persons(tmp_path, rows)
    assert persons["full"] != persons["news"]
