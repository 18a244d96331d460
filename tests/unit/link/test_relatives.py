"""Relatives killed together are told apart by the name parts that differ
(issue 15, item 2): two sisters whose given names are one letter apart are two
names, not a typo, when both names are common among the records."""

from __future__ import annotations

from tests.unit.link.dedupe_rows import dedupe_persons

HEADER = ("record_id", "source", "given_name", "father_name", "family_name", "sex", "age",
          "date_of_death", "place", "governorate")


def _persons(tmp_path, rows) -> dict[str, str]:
    return dedupe_persons(tmp_path, HEADER, rows)


def test_sisters_salma_and_lama_killed_together_stay_two_people(tmp_path):
    day, place, gov = "2025-03-07", "جبلة", "اللاذقية"
    rows = [
        ("salma", "A", "سلمى", "أحمد", "الحسن", "female", "12", day, place, gov),
        ("lama", "B", "لمى", "أحمد", "الحسن", "female", "9", day, place, gov),
    ]
    # both names are common on these lists: other women of other families
    for i, (given, family) in enumerate([("سلمى", "الخطيب"), ("سلمى", "العلي"),
                                         ("لمى", "الشامي"), ("لمى", "النجار")]):
        rows.append((f"other{i}", "C", given, "محمود", family, "female", str(20 + i),
                     f"2024-0{i + 1}-15", "حماة", "حماة"))
    persons = _persons(tmp_path, rows)
    assert persons["salma"] != persons["lama"]
