"""Attribution grades on hand-made multi-source incidents."""

from __future__ import annotations

import pytest

from tally.incident.grades import Evidence, actor_key, grade_perpetrators, origins, stance_of


def grades(items):
    return {g.key: g.grade for g in grade_perpetrators(items)}


def test_one_source_naming_one_actor_is_single_source():
    assert grades([Evidence("c1", "outlet-a", "Government forces")]) == {"government forces": "single_source"}


def test_two_reports_from_one_source_are_still_single_source():
    items = [Evidence("c1", "outlet-a", "Government forces"), Evidence("c2", "outlet-a", "government forces")]
    g = grade_perpetrators(items)
    assert [(x.grade, x.origins) for x in g] == [("single_source", 1)]
    assert g[0].evidence_ids == ("c1", "c2")


def test_two_independent_sources_corroborate():
    items = [Evidence("c1", "outlet-a", "Government forces"),
             Evidence("r1", "rights-list", "the Government Forces", strength="asserted")]
    g = grade_perpetrators(items)
    assert [(x.grade, x.origins) for x in g] == [("corroborated", 2)]


def test_two_outlets_quoting_the_same_monitor_count_once():
    items = [Evidence("c1", "outlet-a", "Government forces", cited_source="SOHR", strength="claimed_by_source"),
             Evidence("c2", "outlet-b", "Government forces", cited_source="the SOHR", strength="claimed_by_source")]
    assert grades(items) == {"government forces": "single_source"}
    # ... and an outlet quoting the monitor is not independent of the monitor's own list
    items = [Evidence("c1", "outlet-a", "SDF", cited_source="SOHR"),
             Evidence("r1", "sohr", "SDF", source_name="SOHR")]
    assert grades(items) == {"sdf": "single_source"}
    # a third, unrelated source makes it corroborated
    items.append(Evidence("c3", "outlet-c", "SDF"))
    assert grades(items) == {"sdf": "corroborated"}


def test_quoting_chains_collapse_to_one_origin():
    # A quotes SOHR; B is A's own reporting; C quotes A: all one origin
    items = [Evidence("1", "a", "X", cited_source="SOHR"), Evidence("2", "a", "X"),
             Evidence("3", "c", "X", cited_source="a")]
    assert len(set(origins(items))) == 1
    assert grades(items) == {"x": "single_source"}


def test_sources_naming_different_perpetrators_contest_both():
    items = [Evidence("c1", "outlet-a", "Government forces"), Evidence("c2", "outlet-b", "Government forces"),
             Evidence("c3", "outlet-c", "Hayat Tahrir al-Sham")]
    g = {x.key: x for x in grade_perpetrators(items)}
    assert g["government forces"].grade == "contested"
    assert g["government forces"].contested_by == ("c3",)
    assert g["hts"].grade == "contested"
    assert set(g["hts"].contested_by) == {"c1", "c2"}


def test_one_source_naming_two_actors_together_does_not_contest_itself():
    items = [Evidence("c1", "outlet-a", "Faction A"), Evidence("c2", "outlet-a", "Faction B")]
    assert grades(items) == {"faction a": "single_source", "faction b": "single_source"}
    items.append(Evidence("c3", "outlet-b", "Faction A"))
    items.append(Evidence("c4", "outlet-b", "Faction B"))
    assert grades(items) == {"faction a": "corroborated", "faction b": "corroborated"}


def test_unidentified_gunmen_contest_nobody():
    items = [Evidence("c1", "outlet-a", "Government forces"), Evidence("c2", "outlet-b", "Government forces"),
             Evidence("c3", "outlet-c", "unidentified gunmen", strength="unidentified"),
             Evidence("c4", "outlet-d", None, strength="unknown")]
    assert grades(items) == {"government forces": "corroborated"}


def test_denial_by_the_accused_contests():
    items = [Evidence("c1", "outlet-a", "SDF"), Evidence("c2", "outlet-b", "SDF"),
             Evidence("c3", "outlet-c", "SDF", cited_source="SDF", stance="denies")]
    g = grade_perpetrators(items)
    assert g[0].grade == "contested" and g[0].contested_by == ("c3",)
    # the extractor's 'contested' strength (an accusation denied in the text) counts as a denial
    assert grades([Evidence("c1", "outlet-a", "SDF", strength="contested")]) == {"sdf": "contested"}


def test_acknowledgement_by_the_perpetrator_is_the_strongest():
    items = [Evidence("c1", "outlet-a", "Islamic State", stance="acknowledges"),
             Evidence("c2", "outlet-b", "Government forces")]
    assert grades(items) == {"isis": "acknowledged", "government forces": "contested"}
    # the actor quoted as the source of its own attribution acknowledges it
    assert grades([Evidence("c1", "outlet-a", "Islamic State", cited_source="the Islamic State")]) == {
        "isis": "acknowledged"}


def test_one_actor_under_its_names_in_two_languages():
    items = [Evidence("c1", "outlet-a", "the Syrian Democratic Forces"), Evidence("r1", "list-ar", "قسد")]
    assert grades(items) == {"sdf": "corroborated"}
    items = [Evidence("c1", "outlet-a", "SDF"), Evidence("r1", "list-ar", "مسلحون مجهولون"),
             Evidence("r2", "list-en", "Unidentified gunmen"), Evidence("r3", "list-x", "unknown")]
    assert grades(items) == {"sdf": "single_source"}


@pytest.mark.parametrize("a,b", [("Government forces", "Syrian Democratic Forces"),
                                 ("Syrian Democratic Forces", "Government forces")])
def test_the_rules_are_the_same_for_every_actor(a, b):
    items = [Evidence("1", "s1", a), Evidence("2", "s2", a), Evidence("3", "s3", b, cited_source="s9"),
             Evidence("4", "s4", b, cited_source="S9")]
    assert grades(items) == {actor_key(a): "contested", actor_key(b): "contested"}
    items = [Evidence("1", "s1", a), Evidence("2", "s2", a)]
    assert grades(items) == {actor_key(a): "corroborated"}


def test_stance_of_a_claim():
    assert stance_of("Islamic State", "asserted", "Islamic State claimed responsibility for the attack", None) \
        == "acknowledges"
    assert stance_of("the SDF", "contested", "The SDF denied any involvement", None) == "denies"
    assert stance_of("Government forces", "asserted", "killed by Government forces", None) == "accuses"
    assert stance_of("SDF", "claimed_by_source", "The SDF said its fighters killed 3", "SDF") == "acknowledges"
    assert stance_of("X", "asserted", "No group has claimed responsibility", None) == "accuses"


def test_one_actor_under_different_spellings_corroborates():
    items = [Evidence("c1", "outlet-a", "Hay'at Tahrir al-Sham"), Evidence("r1", "list-ar", "هيئة تحرير الشام")]
    g = grade_perpetrators(items)
    assert [(x.key, x.grade, x.origins) for x in g] == [("hts", "corroborated", 2)]
    assert g[0].perpetrator == "Hay'at Tahrir al-Sham (HTS)"  # the table's display name
    items = [Evidence("c1", "outlet-a", "Turkish-backed factions"), Evidence("r1", "list-ar", "الجيش الوطني السوري")]
    assert grades(items) == {"sna": "corroborated"}


def test_every_actor_of_the_table_corroborates_across_its_spellings():
    from tally.normalize.actors import load_actors

    for actor in load_actors():
        spellings = [(actor.aliases or actor.exact)[0], actor.name_ar, actor.name]
        items = [Evidence(f"e{i}", f"source-{i}", s) for i, s in enumerate(spellings)]
        if actor.names_someone:
            assert grades(items) == {actor.id: "corroborated"}, actor.id
        else:  # unidentified gunmen, 'not known', explosive remnants name nobody
            assert grades(items) == {}, actor.id


def test_a_component_and_its_whole_do_not_contest_each_other():
    items = [Evidence("c1", "outlet-a", "members of the General Security"),
             Evidence("c2", "outlet-b", "government forces")]
    g = {x.key: x for x in grade_perpetrators(items)}
    assert (g["general security"].grade, g["general security"].origins) == ("single_source", 1)
    assert (g["government forces"].grade, g["government forces"].origins) == ("corroborated", 2)
    # allied factions are not merged into government forces: naming them instead contests
    items.append(Evidence("c3", "outlet-c", "pro-government armed factions"))
    g = {x.key: x.grade for x in grade_perpetrators(items)}
    assert g == {"general security": "contested", "government forces": "contested",
                 "pro-government factions": "contested"}


def test_a_source_name_is_read_as_an_actor_only_when_it_is_the_whole_name():
    from tally.incident.grades import source_key

    assert source_key("the SDF") == "sdf" and source_key("Israel Hayom") == "israel hayom"
    items = [Evidence("c1", "outlet-a", "Israeli forces", cited_source="Israel Hayom")]
    assert grades(items) == {"israeli forces": "single_source"}   # quoted by an outlet, not acknowledged


def test_an_origin_is_named_by_its_first_item_even_when_a_larger_group_absorbs_it():
    items = [Evidence("c0", "outlet-a", "SDF"), Evidence("c1", "outlet-b", "SDF"),
             Evidence("c2", "outlet-b", "SDF"), Evidence("c3", "outlet-c", "SDF", cited_source="outlet-b"),
             Evidence("c4", "outlet-d", "SDF", cited_source="outlet-a"),
             Evidence("c5", "outlet-d", "SDF")]
    # outlet-b's group (c1, c2, c3) is the largest when c4 and c5 tie outlet-a to outlet-d
    assert origins(items) == [0, 1, 1, 1, 0, 0]
