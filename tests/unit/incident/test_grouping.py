"""Grouping claims and records into incidents, on hand-made units."""

from __future__ import annotations

import datetime as dt

from tally.incident.grouping import (IncidentSettings, Unit, build_incident, group_units, killed_range,
                                      units_match)

D = dt.date


def claim(cid, start, end=None, place="tally:x", district="SY0601", gov="SY06", level=4, status="civilian",
          community=None, low=None, best=10, high=None, perp=None, source="wire", cited=None, attribution=None):
    c = {"claim_id": cid, "source_id": source, "killed_low": low, "killed_best": best, "killed_high": high,
         "perpetrator": perp, "cited_source": cited, "attribution": attribution or ("asserted" if perp else "unknown"),
         "evidence_text": ""}
    return Unit(cid, "claim", start, end or start, place, district, gov, level, status, community, claim=c)


def records(uid, day, n, place="tally:x", district="SY0601", gov="SY06", level=4, status="civilian",
            perp=None, source="list", first=0):
    recs = [{"record_id": f"{uid}-{k}", "person_id": f"p-{uid}-{k}", "source_id": source,
             "perpetrator_claimed": perp} for k in range(first, first + n)]
    return Unit(uid, "records", day, day, place, district, gov, level, status, None, records=recs)


def ids(groups):
    return sorted(sorted(u.uid for u in g) for g in groups)


def test_overlapping_reports_of_one_place_and_its_victims_are_one_incident():
    units = [claim("c1", D(2025, 3, 7), D(2025, 3, 9)), claim("c2", D(2025, 3, 10)),  # a day late
             records("r1", D(2025, 3, 8), 5), records("r2", D(2025, 3, 9), 3)]
    assert ids(group_units(units)) == [["c1", "c2", "r1", "r2"]]


def test_other_places_other_days_and_other_victims_stay_apart():
    units = [claim("c1", D(2025, 3, 7)),
             claim("c2", D(2025, 3, 7), place="tally:y"),                       # another village
             claim("c3", D(2025, 3, 20)),                                        # weeks later
             claim("c4", D(2025, 3, 7), status="combatant"),                     # fighters, not civilians
             claim("c5", D(2025, 3, 7), place="tally:z", district="SY0602"),     # another district
             records("r1", D(2025, 3, 8), 2), records("r2", D(2025, 3, 11), 2)]  # records join by day only
    assert ids(group_units(units)) == [["c1", "r1"], ["c2"], ["c3"], ["c4"], ["c5"], ["r2"]]


def test_district_and_governorate_reports_join_one_incident_within_their_area():
    units = [records("r1", D(2025, 3, 7), 20), records("r2", D(2025, 3, 7), 4, place="tally:y"),
             claim("cd", D(2025, 3, 7), place="SY0601", level=2),                 # "in Jableh district"
             claim("cg", D(2025, 3, 7), place="SY06", district=None, level=1),   # "in Lattakia"
             claim("other", D(2025, 3, 7), place="SY10", district=None, gov="SY10", level=1)]
    groups = ids(group_units(units))
    # the broad reports join the incident with the most documented victims, and never chain two places
    assert groups == [["cd", "cg", "r1"], ["other"], ["r2"]]
    assert not units_match(units[4], units[0])


def test_community_of_victims_must_agree():
    a = claim("a", D(2025, 7, 15), community="druze")
    b = claim("b", D(2025, 7, 15), community="bedouin")
    c = claim("c", D(2025, 7, 15))
    assert not units_match(a, b) and units_match(a, c) and units_match(b, c)


def test_a_persons_split_and_merge_bind_the_grouping():
    units = [claim("c1", D(2025, 3, 7)), records("r1", D(2025, 3, 7), 3), claim("c2", D(2025, 5, 1))]
    assert ids(group_units(units, decisions=[("split", "c1", "r1-0")])) == [["c1"], ["c2"], ["r1"]]
    assert ids(group_units(units, decisions=[("merge", "c1", "c2")])) == [["c1", "c2", "r1"]]
    # a split outranks a merge that would put the two together
    assert ids(group_units(units, decisions=[("split", "c1", "c2"), ("merge", "c1", "c2")])) == [
        ["c1", "r1"], ["c2"]]


def test_killed_range_uses_documented_victims_as_a_floor():
    assert killed_range([], 7) == (7, 7, 7)
    assert killed_range([], 0) == (None, None, None)
    claims = [{"killed_low": 20, "killed_best": 25, "killed_high": 30}, {"killed_best": 40},
              {"killed_low": 50, "killed_best": 60, "killed_high": 80}]
    assert killed_range(claims, 12) == (20, 40, 80)
    assert killed_range(claims, 45) == (45, 45, 80)
    assert killed_range([{"killed_best": 3}], 9) == (9, 9, 9)


def test_an_incident_grades_its_perpetrators_from_claims_and_lists():
    units = [claim("c1", D(2025, 3, 7), perp="Government forces", source="outlet-a", best=30),
             claim("c2", D(2025, 3, 7), perp="government forces", source="outlet-b", cited="SOHR", best=35),
             claim("c3", D(2025, 3, 7), perp="Government forces", source="outlet-c", cited="SOHR", best=28),
             records("r1", D(2025, 3, 7), 22, perp="Government forces", source="list-a")]
    inc = build_incident(group_units(units)[0])
    assert (inc.killed_low, inc.killed_best, inc.killed_high, inc.documented) == (28, 30, 35, 22)
    assert [(g.key, g.grade, g.origins) for g in inc.perpetrators] == [("government forces", "corroborated", 3)]
    units.append(claim("c4", D(2025, 3, 7), perp="Faction X", source="outlet-d"))
    inc = build_incident(group_units(units)[0])
    assert {g.key: g.grade for g in inc.perpetrators} == {"government forces": "contested",
                                                         "faction x": "contested"}


def test_long_windows_are_not_incidents_by_default():
    assert IncidentSettings().max_window_days == 7


def test_outlets_in_one_file_of_articles_are_independent_unless_one_quotes_the_other():
    from tally.incident.grades import grade_perpetrators
    from tally.incident.grouping import evidence_of

    def c(cid, outlet, cited=None):
        return {"claim_id": cid, "source_id": "feed", "source_name": "News feed", "outlet": outlet,
                "perpetrator": "tribal fighters", "attribution": "asserted", "cited_source": cited,
                "evidence_text": ""}

    two = grade_perpetrators(evidence_of([c("a", "Levant Daily"), c("b", "Coastal Observer")], []))
    assert [(g.grade, g.origins) for g in two] == [("corroborated", 2)]
    quoting = grade_perpetrators(evidence_of(
        [c("a", "Levant Daily"), c("b", "Coastal Observer", cited="Levant Daily")], []))
    assert [(g.grade, g.origins) for g in quoting] == [("single_source", 1)]
    same = grade_perpetrators(evidence_of([c("a", "Levant Daily"), c("b", " levant  daily")], []))
    assert [(g.grade, g.origins) for g in same] == [("single_source", 1)]
    no_outlet = grade_perpetrators(evidence_of([c("a", None), c("b", None)], []))
    assert [(g.grade, g.origins) for g in no_outlet] == [("single_source", 1)]


def test_a_person_moves_single_members_out_of_an_incident():
    def units():
        return [claim("c1", D(2025, 3, 7)), records("r1", D(2025, 3, 7), 3), claim("c2", D(2025, 3, 20))]

    assert ids(group_units(units())) == [["c1", "r1"], ["c2"]]
    # one victim record leaves the day-place unit it shared, and joins nothing by the rules
    groups = group_units(units(), decisions=[("detach", "r1-1", None)])
    assert ids(groups) == [["c1", "r1"], ["c2"], ["r1/r1-1"]]
    alone = next(g for g in groups if g[0].uid == "r1/r1-1")[0]
    assert [r["record_id"] for r in alone.records] == ["r1-1"]
    assert sorted(r["record_id"] for g in groups for u in g for r in u.records if u.uid == "r1") == ["r1-0", "r1-2"]
    # a claim detached stands alone; moved (detach + merge) it joins the other incident
    assert ids(group_units(units(), decisions=[("detach", "c1", None)])) == [["c1"], ["c2"], ["r1"]]
    assert ids(group_units(units(), decisions=[("detach", "r1-2", None), ("merge", "r1-2", "c2")])) == [
        ["c1", "r1"], ["c2", "r1/r1-2"]]
    # a split of two records of one unit gives the second a unit of its own, kept apart
    assert ids(group_units(units(), decisions=[("split", "r1-0", "r1-2")])) == [["c1", "r1"], ["c2"], ["r1/r1-2"]]


def test_a_record_moves_with_its_persons_other_records():
    u = records("r1", D(2025, 3, 7), 3)
    u.records[2]["person_id"] = u.records[1]["person_id"]  # two records of one victim
    groups = group_units([claim("c1", D(2025, 3, 7)), u], decisions=[("detach", "r1-1", None)])
    moved = next(x for g in groups for x in g if x.uid == "r1/r1-1")
    assert sorted(r["record_id"] for r in moved.records) == ["r1-1", "r1-2"]


def test_a_broad_report_between_two_equal_incidents_joins_the_one_listed_first_whatever_the_join_order():
    # a1, a2, a3 are one village's incident (3 reports); b is another village's 3 victims.
    # a1 and a2 are joined first (by id), so the shared union-find roots the village at a1,
    # which sits after b in the list; the district report must still join the village whose
    # first unit (a3) is listed first, as it always has.
    units = [claim("a3", D(2025, 3, 7)), records("b", D(2025, 3, 7), 3, place="tally:y"),
             claim("a1", D(2025, 3, 7)), claim("a2", D(2025, 3, 7)),
             claim("district", D(2025, 3, 7), place="SY0601", level=2)]
    assert ids(group_units(units)) == [["a1", "a2", "a3", "district"], ["b"]]
