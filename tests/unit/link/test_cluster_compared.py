"""Two full records share a person only if they were compared at all.

A record that fits two namesakes' families (one "Ahmad Hussein son of Ali"
of a village, entered twice in ways that each meet one family) must not make
the two families one person when their own records never met: no blocking
rule paired them, or they scored below the floor, which is evidence that
they are two people (tally.link.clustering).
"""

from tally.link.clustering import Evidence, cluster_records

IDS = ["a1", "b1", "c1", "t1"]
LISTS = ["A", "B", "C", "T"]


def persons(ids, strong, **evidence):
    result = cluster_records(ids, LISTS[:len(ids)], Evidence(strong=strong, **evidence))
    groups = {}
    for rid, c in zip(result.ids, result.cluster_of):
        groups.setdefault(c, set()).add(rid)
    return sorted(sorted(g) for g in groups.values())


def test_a_bridge_record_does_not_join_two_full_records_never_compared():
    # b1 fits a1 and c1; a1 and c1 (both with a father's name) were never compared
    strong = [("a1", "b1", 12.0), ("b1", "c1", 9.0)]
    assert persons(IDS[:3], strong, full=["a1", "b1", "c1"]) == [["a1", "b1"], ["c1"]]


def test_two_full_records_compared_still_join_through_a_third():
    # compared, even weakly (a doubtful pair), they may share the person
    strong = [("a1", "b1", 12.0), ("b1", "c1", 9.0)]
    doubtful = [("a1", "c1", -2.0, 0.2)]
    assert persons(IDS[:3], strong, doubtful=doubtful,
                   full=["a1", "b1", "c1"]) == [["a1", "b1", "c1"]]


def test_thin_records_are_exempt():
    # a thin news record (t1: given and family name only) meets few records of
    # its person by any rule: it joins through the others as before
    strong = [("a1", "b1", 12.0), ("b1", "t1", 9.0)]
    assert persons(IDS, strong, full=["a1", "b1", "c1"]) == [["a1", "b1", "t1"], ["c1"]]


def test_a_reviewer_match_still_binds():
    strong = [("a1", "b1", 12.0), ("b1", "c1", 9.0)]
    assert persons(IDS[:3], strong, full=["a1", "b1", "c1"],
                   must_link=[("a1", "c1")]) == [["a1", "b1", "c1"]]
