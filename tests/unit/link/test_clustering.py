"""Constrained clustering: transitivity never overrides a list or a reviewer."""

from tally.link.clustering import ClusterPolicy, Evidence, cluster_records

IDS = ["a1", "a2", "b1", "b2", "c1"]
LISTS = ["A", "A", "B", "B", "C"]


def cluster(ids, lists, strong, *, policy=ClusterPolicy(), **evidence):
    """cluster_records with the evidence given as keywords."""
    return cluster_records(ids, lists, Evidence(strong=strong, **evidence), policy)


def clusters(result):
    groups = {}
    for rid, c in zip(result.ids, result.cluster_of):
        groups.setdefault(c, set()).add(rid)
    return sorted(sorted(g) for g in groups.values())


def test_strong_edges_merge_across_lists():
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)])
    assert clusters(r) == [["a1", "b1", "c1"], ["a2"], ["b2"]]


def test_two_rows_of_one_list_join_only_on_their_own_evidence():
    # a2 matches b1, which already holds a1 from the same list A: a1 and a2 were
    # never matched with each other, so the list's two people stay two persons.
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0), ("a2", "b1", 8.0)])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]
    assert r.blocked_merges == 1
    # ...unless the list's two rows are themselves a match (a within-list duplicate)
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0), ("a2", "b1", 8.0), ("a1", "a2", 7.0)])
    assert clusters(r) == [["a1", "a2", "b1"], ["b2"], ["c1"]]


def test_reviewer_no_match_is_never_bridged_by_transitivity():
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)],
                        cannot_link=[("a1", "c1")])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]


def test_reviewer_match_holds_without_any_edge():
    r = cluster(IDS, LISTS, [], must_link=[("a2", "b2")])
    assert clusters(r) == [["a1"], ["a2", "b2"], ["b1"], ["c1"]]


def test_contradictory_verdicts_are_reported_not_applied():
    r = cluster(IDS, LISTS, [], must_link=[("a1", "b1"), ("b1", "c1")],
                        cannot_link=[("a1", "c1")])
    assert r.conflicts == [("b1", "c1")]
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]


def test_best_weight_is_the_strongest_accepted_link():
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)])
    assert dict(zip(r.ids, r.best_weight)) == {"a1": 12.0, "a2": None, "b1": 12.0,
                                               "b2": None, "c1": 9.0}


BODY_IDS = ["a1", "a2", "b1", "u1", "u2"]
BODY_LISTS = ["A", "A", "B", "M", "N"]


def _attach(body_edges, **kw):
    return cluster(BODY_IDS, BODY_LISTS, [("a1", "b1", 12.0)], bodies={"u1", "u2"},
                   body_pairs=body_edges, policy=ClusterPolicy(
                       attach_unidentified=True, unidentified_threshold=0.5,
                       rival_threshold=0.3), **kw)


def test_an_unidentified_body_joins_the_one_victim_that_fits_it():
    r = _attach([("u1", "a1", 3.0, 0.6), ("u1", "b1", 2.5, 0.55)])
    # a1 and b1 are one person: no rival, so the body joins that person
    assert clusters(r) == [["a1", "b1", "u1"], ["a2"], ["u2"]]


def test_an_unidentified_body_with_two_candidates_waits_for_a_reviewer():
    r = _attach([("u1", "a1", 3.0, 0.6), ("u1", "a2", 1.0, 0.35)])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["u1"], ["u2"]]


def test_a_weak_fit_is_not_attached():
    r = _attach([("u1", "a2", 0.0, 0.45)])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["u1"], ["u2"]]


def test_two_bodies_are_never_merged_with_each_other():
    r = _attach([("u1", "u2", 9.0, 0.99)])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["u1"], ["u2"]]


def test_a_reviewers_no_match_keeps_a_body_away():
    r = _attach([("u1", "a2", 3.0, 0.6)], cannot_link=[("u1", "a2")])
    assert ["u1"] in clusters(r)


def test_a_doubtful_pair_links_when_neither_side_has_another_candidate():
    r = cluster(IDS, LISTS, [], doubtful=[("a1", "b1", 1.0, 0.5)],
                policy=ClusterPolicy(clear_candidate_threshold=0.4, rival_threshold=0.3))
    assert ["a1", "b1"] in clusters(r)


def test_a_doubtful_pair_stays_apart_when_a_namesake_is_also_a_candidate():
    r = cluster(IDS, LISTS, [], doubtful=[("a1", "b1", 1.0, 0.5), ("a1", "c1", 0.5, 0.35)],
                policy=ClusterPolicy(clear_candidate_threshold=0.4, rival_threshold=0.3))
    assert clusters(r) == [["a1"], ["a2"], ["b1"], ["b2"], ["c1"]]


def test_a_pair_the_model_scored_as_two_people_is_not_joined_by_a_chain():
    # a1-b1 and b1-c1 are strong; a1 and c1 compared directly disagree (e.g. two
    # brothers each matching a thin record): c1 stays apart
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0), ("b1", "c1", 9.0)],
                        distinct=[("c1", "a1")])
    assert clusters(r) == [["a1", "b1"], ["a2"], ["b2"], ["c1"]]
    assert r.blocked_merges == 1


def test_a_reviewer_match_overrides_the_model_s_conflict():
    r = cluster(IDS, LISTS, [("a1", "b1", 12.0)], distinct=[("a1", "c1")],
                        must_link=[("a1", "c1")])
    assert clusters(r) == [["a1", "b1", "c1"], ["a2"], ["b2"]]


def test_the_policy_is_the_link_settings_thresholds():
    from tally.link import LinkSettings

    settings = LinkSettings(match_threshold=0.6, clear_candidate_threshold=0.2,
                            rival_threshold=0.25, unidentified_threshold=0.35,
                            attach_unidentified=False, rival_ratio=0.4)
    assert ClusterPolicy.from_settings(settings) == ClusterPolicy(
        match_threshold=0.6, clear_candidate_threshold=0.2, rival_threshold=0.25,
        unidentified_threshold=0.35, attach_unidentified=False, rival_ratio=0.4)


def test_scored_pairs_are_sorted_by_the_match_threshold_and_bodies_apart():
    evidence = Evidence.from_scored(
        [("a1", "b1", 3.0, 0.9), ("a2", "b2", -1.0, 0.3), ("u1", "a1", 5.0, 0.97)],
        {"u1"}, ClusterPolicy(match_threshold=0.5))
    assert evidence.strong == [("a1", "b1", 3.0)]
    assert evidence.doubtful == [("a2", "b2", -1.0, 0.3)]
    assert evidence.body_pairs == [("u1", "a1", 5.0, 0.97)]


def test_bodies_are_left_alone_when_the_policy_does_not_attach_them():
    r = cluster(BODY_IDS, BODY_LISTS, [], bodies={"u1"}, body_pairs=[("u1", "a1", 3.0, 0.9)],
                policy=ClusterPolicy(attach_unidentified=False, unidentified_threshold=0.5,
                                     rival_threshold=0.3))
    assert ["u1"] in clusters(r)


def test_three_records_that_are_each_others_candidates_join_as_one_group():
    # a news record, its list's re-entry and a rights group's record of one victim:
    # each pair doubtful, each the other's only other candidate
    doubtful = [("a1", "b1", 1.0, 0.35), ("a1", "c1", 1.0, 0.35), ("b1", "c1", 1.0, 0.35)]
    r = cluster(IDS, LISTS, [], doubtful=doubtful,
                policy=ClusterPolicy(clear_candidate_threshold=0.3, rival_threshold=0.3))
    assert ["a1", "b1", "c1"] in clusters(r)
    # two cousins of one name, not each other's candidates, stay rivals for the thin record
    r = cluster(IDS, LISTS, [], doubtful=doubtful[:2],
                policy=ClusterPolicy(clear_candidate_threshold=0.3, rival_threshold=0.3))
    assert clusters(r) == [["a1"], ["a2"], ["b1"], ["b2"], ["c1"]]


def test_a_list_s_re_entry_joins_its_first_entry_when_each_is_the_other_s_only_candidate():
    # a news list entered one victim twice, spelled afresh: a doubtful pair of two rows
    # of one list, with no other candidate, is its own evidence (no chain through a third)
    policy = ClusterPolicy(clear_candidate_threshold=0.3, rival_threshold=0.3)
    r = cluster(IDS, LISTS, [], doubtful=[("a1", "a2", 1.0, 0.4)], policy=policy)
    assert ["a1", "a2"] in clusters(r)
    # ...but a third row of that list, never compared with the two, is not chained in
    r = cluster(IDS + ["a3"], LISTS + ["A"], [("a2", "b1", 9.0)],
                doubtful=[("a1", "a2", 1.0, 0.4), ("a3", "b1", 1.0, 0.4)],
                policy=ClusterPolicy(clear_candidate_threshold=0.3, rival_threshold=0.9))
    assert ["a1", "a2", "b1"] in clusters(r) and ["a3"] in clusters(r)


def test_a_thin_record_joins_its_only_candidate_from_a_lower_probability():
    # "Ahmad Hussein, Latakia, reported 9 March": a news record can never gather the
    # weight of a full one; that no one else fits it is the evidence
    policy = ClusterPolicy(clear_candidate_threshold=0.15, rival_threshold=0.15,
                           thin_candidate_threshold=0.05)
    doubtful = [("a1", "b1", -3.0, 0.08)]
    r = cluster_records(IDS, LISTS, Evidence(doubtful=doubtful, thin={"b1"}), policy)
    assert ["a1", "b1"] in clusters(r)
    # two full records at that probability stay apart, and so does a thin record
    # with a second candidate
    r = cluster_records(IDS, LISTS, Evidence(doubtful=doubtful), policy)
    assert ["a1"] in clusters(r)
    r = cluster_records(IDS, LISTS, Evidence(doubtful=doubtful + [("c1", "b1", -2.0, 0.1)],
                                             thin={"b1"}), policy)
    assert ["b1"] in clusters(r)


def test_a_much_weaker_candidate_is_no_rival():
    # the thin record b1 fits a1 (0.4) far better than the namesake c1 (0.06): a1 is
    # its person; a namesake nearly as likely (0.3) still keeps the pair apart
    policy = ClusterPolicy(clear_candidate_threshold=0.15, rival_threshold=0.15,
                           thin_candidate_threshold=0.05, rival_ratio=0.5)
    doubtful = [("a1", "b1", -1.0, 0.4), ("c1", "b1", -4.0, 0.06)]
    r = cluster_records(IDS, LISTS, Evidence(doubtful=doubtful, thin={"b1"}), policy)
    assert ["a1", "b1"] in clusters(r) and ["c1"] in clusters(r)
    doubtful = [("a1", "b1", -1.0, 0.4), ("c1", "b1", -1.5, 0.3)]
    r = cluster_records(IDS, LISTS, Evidence(doubtful=doubtful, thin={"b1"}), policy)
    assert ["b1"] in clusters(r)


def test_a_thin_record_s_threshold_falls_with_the_prior():
    # more records, a smaller chance that two drawn at random are one person: the
    # same evidence is a lower probability, and the rival check counts namesakes
    from tally.link import LinkSettings

    s = LinkSettings()
    small, large = s.thin_threshold(1.7e-4), s.thin_threshold(1.1e-5)
    assert 0.03 < small < 0.15 and large < small / 5
    assert s.keep_from_for(1.1e-5) == large < s.keep_from
