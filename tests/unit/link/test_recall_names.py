"""Names a list writes another way than the other list (issue 15, wave 6):
a child known by its father, an everyday diminutive, sisters one letter apart.

Each case is a pair a reader decides at once, linked with the shipped priors."""

from __future__ import annotations

from tests.unit.link.dedupe_rows import dedupe_persons

HEADER = ("record_id", "source", "name", "sex", "date_of_death", "place", "governorate")


def test_a_child_known_by_its_father_meets_the_named_child(tmp_path):
    # a community page writes "ابن حسين سلوم" (Hussein Salloum's son) where the rights
    # group names him; read as a relation with no name, no rule ever paired them
    persons = dedupe_persons(tmp_path, HEADER, [
        ("named", "A", "أحمد حسين سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
        ("child", "B", "ابن حسين سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
        ("other", "A", "عمر خالد سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
    ])
    assert persons["child"] == persons["named"] != persons["other"]


def test_an_everyday_diminutive_meets_the_formal_given_name(tmp_path):
    # Hammouda is what the page called Muhammad Abd al-Karim al-Qubt
    persons = dedupe_persons(tmp_path, HEADER, [
        ("formal", "A", "محمد عبدالكريم القبط", "male", "2025-01-10", "حماة", "حماة"),
        ("nick", "B", "حمودة عبدالكريم القبط", "male", "2025-01-10", "حماة", "حماة"),
    ])
    assert persons["formal"] == persons["nick"]


def test_sisters_one_letter_apart_stay_two_people_however_rare_one_name_is(tmp_path):
    # سلمى and لمى, daughters of Ahmad al-Hasan, killed together and each named
    # by two lists; لمى is given by one record only, which had made her name
    # "a typo" of her sister's (+2 bits) and merged the sisters
    rows = [("salma_a", "A", "سلمى أحمد الحسن", "female", "2025-03-06", "جبلة", "اللاذقية"),
            ("salma_b", "B", "سلمى أحمد الحسن", "female", "2025-03-06", "جبلة", "اللاذقية"),
            ("lama_b", "B", "لمى أحمد الحسن", "female", "2025-03-06", "جبلة", "اللاذقية")]
    rows += [(f"s{i}", "C", f"سلمى {father} {family}", "female", f"2025-0{i + 1}-12", "حماة", "حماة")
             for i, (father, family) in enumerate([("علي", "العلي"), ("خالد", "الخطيب"), ("محمود", "ديب")])]
    persons = dedupe_persons(tmp_path, HEADER, rows)
    assert persons["salma_a"] == persons["salma_b"] != persons["lama_b"]


def test_a_latin_slip_of_one_letter_between_two_lists_is_one_person(tmp_path):
    # "Mair Ghanim": Mahir with the h left out, the only record that spells it so
    persons = dedupe_persons(tmp_path, HEADER, [
        ("ar", "A", "ماهر أحمد غانم", "male", "2025-03-07", "بانياس", "طرطوس"),
        ("en", "B", "Mair Ahmad Ghanim", "male", "2025-03-07", "Baniyas", "Tartus"),
    ])
    assert persons["ar"] == persons["en"]


def test_two_brothers_both_called_abu_ali_stay_two_people(tmp_path):
    # each named his eldest son after their father Ali; both lists give the men's own
    # names, which differ: the shared kunya had weighed +10 bits and merged them
    persons = dedupe_persons(tmp_path, HEADER, [
        ("elder", "A", "أبو علي محمد حسن سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
        ("younger", "B", "أبو علي خالد حسن سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
        ("named", "B", "محمد حسن سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
    ])
    assert persons["elder"] != persons["younger"]


def test_a_father_known_by_his_sons_name_is_not_merged_with_that_son(tmp_path):
    # Hasan, "Abu Ali", and his eldest son Ali (named after Hasan's father Ali),
    # killed together; one list names the father by his kunya and his father
    persons = dedupe_persons(tmp_path, HEADER, [
        ("father", "A", "أبو علي علي سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
        ("son", "B", "علي حسن سلوم", "male", "2025-03-09", "جبلة", "اللاذقية"),
    ])
    assert persons["father"] != persons["son"]
