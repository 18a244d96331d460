"""Alleged perpetrators: spellings in both scripts → one actor of the shipped table."""

from __future__ import annotations

import pytest

from tally.normalize import load_actors, match_actor, normalize_actor
from tally.normalize.actors import actor_lineage, actors_in


@pytest.mark.parametrize("text,actor", [
    ("SDF", "sdf"), ("the Syrian Democratic Forces", "sdf"), ("قسد", "sdf"), ("قوات سوريا الديمقراطية", "sdf"),
    ("Hay'at Tahrir al-Sham", "hts"), ("Hayat Tahrir al Sham", "hts"), ("هيئة تحرير الشام", "hts"),
    ("General Security", "general security"), ("الأمن العام", "general security"),
    ("قوات الأمن العام", "general security"), ("members of the General Security", "general security"),
    ("Ministry of Defense forces", "ministry of defence forces"), ("وزارة الدفاع", "ministry of defence forces"),
    ("Turkish-backed factions", "sna"), ("الجيش الوطني السوري", "sna"), ("al-Amshat", "sultan suleiman shah division"),
    ("former-regime loyalist insurgents", "pro-assad insurgents"), ("فلول النظام", "pro-assad insurgents"),
    ("Druze armed groups", "druze armed factions"), ("حركة رجال الكرامة", "men of dignity"),
    ("Bedouin tribal fighters", "tribal fighters"), ("مقاتلو العشائر", "tribal fighters"),
    ("IDF", "israeli forces"), ("الجيش الإسرائيلي", "israeli forces"), ("an Israeli drone strike", "israeli forces"),
    ("Turkish drone", "turkish forces"), ("ISIS", "isis"), ("Daesh", "isis"), ("تنظيم الدولة", "isis"),
    ("unidentified gunmen", "unidentified"), ("مسلحون مجهولون", "unidentified"),
    ("unknown", "not known"), ("-", "not known"), ("explosive remnants of war", "no actor"),
])
def test_spellings_in_both_scripts_name_one_actor(text, actor):
    assert normalize_actor(text).id == actor


def test_an_unknown_name_is_kept_as_written():
    m = normalize_actor("  Kata'ib  Example ")
    assert (m.id, m.label, m.written, m.names_someone) == (None, "Kata'ib Example", "Kata'ib Example", True)
    assert normalize_actor("").label == "" and normalize_actor(None).id is None


def test_a_text_naming_two_actors_is_left_unmatched():
    assert match_actor("SDF and tribal fighters") is None
    assert actors_in("SDF and tribal fighters") == {"sdf", "tribal fighters"}


def test_the_more_specific_and_the_named_actor_win():
    assert normalize_actor("General Security forces").id == "general security"   # not government forces
    assert normalize_actor("gunmen affiliated with the General Security").id == "general security"
    assert normalize_actor("pro-government forces").id == "pro-government factions"  # not government forces
    assert actor_lineage("general security") == ("general security", "government forces")


def test_short_and_generic_spellings_match_only_the_whole_text():
    assert normalize_actor("Israel").id == "israeli forces"
    assert match_actor("Israel Hayom") is None and match_actor("this is a test") is None
    assert match_actor("SDF", inside=False).id == "sdf"
    assert match_actor("SDF spokesman", inside=False) is None


def test_display_names_say_who_without_judging():
    m = normalize_actor("فلول النظام")
    assert m.label == "Pro-Assad armed groups (former-regime loyalists)" and "فلول" not in m.label
    assert not normalize_actor("مسلحون مجهولون").names_someone


def test_the_table_is_consistent_and_even_handed():
    actors = load_actors()
    ids = [a.id for a in actors]
    assert len(ids) == len(set(ids))
    for a in actors:
        assert a.name and a.name_ar and a.kind, a.id
        for spelling in (*a.aliases, *a.exact, a.name, a.name_ar):
            assert match_actor(spelling).id == a.id, (a.id, spelling)
    named = {a.id for a in actors if a.names_someone}
    # every side of the conflicts since December 2024 is in the table
    assert {"government forces", "general security", "ministry of defence forces", "hts", "sna",
            "pro-assad insurgents", "sdf", "druze armed factions", "tribal fighters", "israeli forces",
            "turkish forces", "isis"} <= named
