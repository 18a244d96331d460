"""Relatives killed together whose names share a key (issue 15, wave 8): brothers
حسن / حسين, and cousins whose fathers are محمود and محمد. Read from Arabic the
names are exact, so the name part that differs tells two people apart; a Latin
spelling may blur such names ("Samir" for سامر) and still meets its record.

Each case is a pair a reader decides at once, linked with the shipped priors."""

from __future__ import annotations

from tests.unit.link.dedupe_rows import dedupe_persons

HEADER = ("record_id", "source", "name", "sex", "date_of_death", "place", "governorate")


def test_brothers_hasan_and_husayn_killed_together_stay_two_people(tmp_path):
    # one key (hsn), two names, the same father and family: brothers
    persons = dedupe_persons(tmp_path, HEADER, [
        ("hasan_a", "A", "حسن حيدر صقر", "male", "2025-03-07", "جبلة", "اللاذقية"),
        ("husayn_b", "B", "حسين حيدر صقر", "male", "2025-03-07", "جبلة", "اللاذقية"),
        ("hasan_b", "B", "حسن حيدر صقر", "male", "2025-03-07", "جبلة", "اللاذقية"),
    ])
    assert persons["hasan_a"] == persons["hasan_b"] != persons["husayn_b"]


def test_sons_of_mahmoud_and_of_muhammad_stay_two_people(tmp_path):
    # cousins, each Ali, one the son of Mahmoud and one of Muhammad: the fathers
    # share a key (mhmd) and had agreed as "father and family" at full weight
    persons = dedupe_persons(tmp_path, HEADER, [
        ("of_mahmud", "A", "علي محمود الخطيب", "male", "2025-03-08", "بانياس", "طرطوس"),
        ("of_muhammad", "B", "علي محمد الخطيب", "male", "2025-03-08", "بانياس", "طرطوس"),
        ("of_mahmud_b", "B", "علي محمود الخطيب", "male", "2025-03-08", "بانياس", "طرطوس"),
    ])
    assert persons["of_mahmud"] == persons["of_mahmud_b"] != persons["of_muhammad"]


def test_a_latin_spelling_of_a_father_of_one_key_still_meets_the_arabic_record(tmp_path):
    # "Samir" is written for سامر: a Latin spelling is no proof of another name
    persons = dedupe_persons(tmp_path, HEADER, [
        ("ar", "A", "رنا سامر النابلسي", "female", "2025-03-08", "جبلة", "اللاذقية"),
        ("en", "B", "Rana Samir al-Nabulsi", "female", "2025-03-08", "Jableh", "Latakia"),
    ])
    assert persons["ar"] == persons["en"]
