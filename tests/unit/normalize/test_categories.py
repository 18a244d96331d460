"""Age, sex, status, community in Arabic and English."""

from __future__ import annotations

import pytest

from tally.normalize.categories import normalize_age, normalize_community, normalize_sex, normalize_status

AGES = [
    ("34", 34, 34, "adult", None), (34, 34, 34, "adult", None), (34.0, 34, 34, "adult", None),
    ("٣٤", 34, 34, "adult", None), ("34 years", 34, 34, "adult", None), ("34 yrs", 34, 34, "adult", None),
    ("34 years old", 34, 34, "adult", None), ("34 y.o.", 34, 34, "adult", None), ("٣٤ عاماً", 34, 34, "adult", None),
    ("34 عاما", 34, 34, "adult", None), ("34 سنة", 34, 34, "adult", None), ("عمره 34 سنة", 34, 34, "adult", None),
    ("age 34", 34, 34, "adult", None), ("about 40", 40, 40, "adult", None), ("حوالي 40", 40, 40, "adult", None),
    ("12", 12, 12, "child", None), ("17", 17, 17, "child", None), ("18", 18, 18, "adult", None),
    ("60", 60, 60, "elderly", None), ("85", 85, 85, "elderly", None), ("0", 0, 0, "child", None),
    ("30-40", 30, 40, "adult", None), ("30 - 40", 30, 40, "adult", None), ("٣٠-٤٠", 30, 40, "adult", None),
    ("40-30", 30, 40, "adult", None), ("30 to 40", 30, 40, "adult", None), ("30/40", 30, 40, "adult", None),
    ("10-15", 10, 15, "child", None), ("15-25", 15, 25, None, None), ("55-65", 55, 65, None, None),
    ("30s", 30, 39, "adult", None), ("in his 30s", 30, 39, "adult", None), ("70s", 70, 79, "elderly", None),
    ("under 18", 0, 17, "child", None), ("over 60", 61, None, "elderly", None), ("65+", 65, None, "elderly", None),
    ("8 months", 0, 0, "child", None), ("8 أشهر", 0, 0, "child", None), ("10 days", 0, 0, "child", None),
    ("child", 0, 17, "child", None), ("children", 0, 17, "child", None), ("minor", 0, 17, "child", None),
    ("boy", 0, 17, "child", "male"), ("girl", 0, 17, "child", "female"), ("baby", 0, 1, "child", None),
    ("infant", 0, 1, "child", None), ("teenager", 13, 19, None, None), ("adult", 18, None, "adult", None),
    ("man", 18, None, "adult", "male"), ("woman", 18, None, "adult", "female"), ("young man", 18, 35, "adult", "male"),
    ("elderly", 60, None, "elderly", None), ("Elderly", 60, None, "elderly", None),
    ("elderly woman", 60, None, "elderly", "female"), ("old man", 60, None, "elderly", "male"),
    ("طفل", 0, 17, "child", "male"), ("طفلة", 0, 17, "child", "female"), ("طفله", 0, 17, "child", "female"),
    ("رضيع", 0, 1, "child", "male"), ("رضيعة", 0, 1, "child", "female"), ("قاصر", 0, 17, "child", None),
    ("شاب", 18, 35, "adult", "male"), ("شابة", 18, 35, "adult", "female"), ("رجل", 18, None, "adult", "male"),
    ("امرأة", 18, None, "adult", "female"), ("إمرأة", 18, None, "adult", "female"), ("امراة", 18, None, "adult", "female"),
    ("سيدة", 18, None, "adult", "female"), ("مسن", 60, None, "elderly", "male"), ("مسنة", 60, None, "elderly", "female"),
    ("عجوز", 60, None, "elderly", None), ("رجل مسن", 60, None, "elderly", "male"), ("طفل رضيع", 0, 1, "child", "male"),
]


@pytest.mark.parametrize("text,low,high,cls,sex", AGES)
def test_age(text, low, high, cls, sex):
    r = normalize_age(text)
    assert (r.low, r.high, r.age_class, r.sex, r.problem) == (low, high, cls, sex, None), r


@pytest.mark.parametrize("text", ["", None, "abc", "200", "غير معروف", "unknown"])
def test_unreadable_age_is_a_problem(text):
    r = normalize_age(text)
    assert r.low is None and r.problem


SEX = [
    ("male", "male"), ("Male", "male"), ("M", "male"), ("m", "male"), ("man", "male"), ("boy", "male"),
    ("ذكر", "male"), ("ذ", "male"), ("رجل", "male"), ("طفل", "male"), ("شاب", "male"), ("مسن", "male"),
    ("female", "female"), ("Female", "female"), ("F", "female"), ("f", "female"), ("woman", "female"),
    ("girl", "female"), ("أنثى", "female"), ("انثى", "female"), ("انثي", "female"), ("امرأة", "female"),
    ("امراة", "female"), ("طفلة", "female"), ("شابة", "female"), ("سيدة", "female"), ("مسنة", "female"),
    ("بنت", "female"), ("daughter", "female"), ("son", "male"), ("wife", "female"), ("husband", "male"),
    (" Female ", "female"), ("FEMALE", "female"),
]


@pytest.mark.parametrize("text,value", SEX)
def test_sex(text, value):
    assert normalize_sex(text).value == value


@pytest.mark.parametrize("text", ["", None, "unknown", "غير معروف", "x", "?"])
def test_unknown_sex(text):
    r = normalize_sex(text)
    assert r.value is None and r.problem


STATUS = [
    ("civilian", "civilian"), ("Civilian", "civilian"), ("civilians", "civilian"), ("non-combatant", "civilian"),
    ("مدني", "civilian"), ("مدنية", "civilian"), ("مدنيين", "civilian"), ("غير مقاتل", "civilian"),
    ("combatant", "combatant"), ("fighter", "combatant"), ("soldier", "combatant"), ("military", "combatant"),
    ("armed group member", "combatant"), ("مقاتل", "combatant"), ("عسكري", "combatant"), ("جندي", "combatant"),
    ("مجند", "combatant"), ("ضابط", "combatant"), ("مسلح", "combatant"), ("عنصر في الأمن العام", "combatant"),
    ("unknown", "unknown"), ("Unknown", "unknown"), ("غير معروف", "unknown"), ("مجهول", "unknown"),
    ("", "unknown"), (None, "unknown"), ("police", "unknown"), ("شرطي", "unknown"), ("xyz", "unknown"),
]


@pytest.mark.parametrize("text,value", STATUS)
def test_status(text, value):
    assert normalize_status(text).value == value


def test_status_notes():
    assert normalize_status("civilian").problem is None
    assert "review" in normalize_status("police").problem
    assert "cannot read" in normalize_status("xyz").problem


COMMUNITY = [
    ("Alawite", "alawite"), ("alawite", "alawite"), ("Alawi", "alawite"), ("Alawites", "alawite"),
    ("Alaouite", "alawite"), ("علوي", "alawite"), ("علوية", "alawite"), ("العلويين", "alawite"),
    ("Druze", "druze"), ("Druse", "druze"), ("Druzes", "druze"), ("درزي", "druze"), ("درزية", "druze"),
    ("دروز", "druze"), ("الدروز", "druze"), ("موحد", "druze"), ("Sunni", "sunni"), ("Sunnite", "sunni"),
    ("سني", "sunni"), ("سنية", "sunni"), ("Christian", "christian"), ("مسيحي", "christian"),
    ("مسيحية", "christian"), ("Greek Orthodox", "christian"), ("Armenian", "christian"), ("Syriac", "christian"),
    ("سرياني", "christian"), ("Kurdish", "kurdish"), ("Kurd", "kurdish"), ("كردي", "kurdish"), ("كردية", "kurdish"),
    ("الأكراد", "kurdish"), ("Ismaili", "ismaili"), ("إسماعيلي", "ismaili"), ("اسماعيلي", "ismaili"),
    ("Shia", "shia"), ("Shiite", "shia"), ("شيعي", "shia"), ("Bedouin", "bedouin"), ("بدوي", "bedouin"),
    ("عشائر", "bedouin"), ("Turkmen", "turkmen"), ("تركماني", "turkmen"), ("Circassian", "circassian"),
    ("Yazidi", "yazidi"), ("Murshidi", "murshidi"), ("Alawite civilian", "alawite"),
]


@pytest.mark.parametrize("text,value", COMMUNITY)
def test_community(text, value):
    assert normalize_community(text).value == value


@pytest.mark.parametrize("text", ["", None, "Martian", "غير معروف"])
def test_unknown_community(text):
    r = normalize_community(text)
    assert r.value is None and r.problem


@pytest.mark.parametrize("text,low,high", [("mid-30s", 33, 36), ("early 40s", 40, 43), ("late 20s", 27, 29),
                                           ("in her late 50s", 57, 59)])
def test_parts_of_decades(text, low, high):
    r = normalize_age(text)
    assert (r.low, r.high) == (low, high)
