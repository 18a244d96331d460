"""A thin news record whose report window holds two namesakes (issue 15):
left apart it is counted as a third person, though it is almost always one
of the two; it joins the one its own pair makes clearly likelier
(tally.link.namesakes.link_window_likeliest), and stays apart where the two
are alike or a constraint forbids it."""

from __future__ import annotations

from tally.link.clustering import ClusterPolicy, Evidence, cluster_records

IDS = ["news-1", "a-1", "a-2", "b-1"]
LISTS = ["news", "rights", "morgue", "rights"]


def _persons(p_a: float, p_b: float, **rest) -> dict[str, str]:
    evidence = Evidence(
        strong=[("a-1", "a-2", 12.0)],  # person A: two lists' records
        doubtful=[("news-1", "a-1", -3.0, p_a), ("news-1", "b-1", -5.0, p_b)],
        thin=["news-1"], window_namesakes=[("news-1", ["a-1", "a-2", "b-1"])], **rest)
    clustering = cluster_records(IDS, LISTS, evidence, ClusterPolicy())
    return dict(zip(clustering.ids, clustering.cluster_of))


def test_a_thin_record_joins_the_clearly_likelier_of_two_window_namesakes():
    persons = _persons(0.12, 0.02)
    assert persons["news-1"] == persons["a-1"] == persons["a-2"]
    assert persons["b-1"] != persons["a-1"]
    assert len(set(persons.values())) == 2


def test_two_alike_namesakes_leave_the_thin_record_apart():
    persons = _persons(0.06, 0.04)
    assert persons["news-1"] not in (persons["a-1"], persons["b-1"])


def test_a_reviewers_no_match_keeps_it_apart():
    persons = _persons(0.12, 0.02, cannot_link=[("news-1", "a-2")])
    assert persons["news-1"] not in (persons["a-1"], persons["b-1"])
