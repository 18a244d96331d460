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


def test_a_news_lists_second_report_joins_the_person_its_first_report_joined():
    """One outlet reported the victim twice, a day apart: the one-document rule
    (a list names a person once) kept the second report apart as a second
    person, although the window held one person of its name."""
    ids = ["news-1", "news-2", "a-1"]
    evidence = Evidence(thin=["news-1", "news-2"],
                        window_namesakes=[("news-1", ["a-1"]), ("news-2", ["a-1"])],
                        window_reports=[("news-1", "news-2")])
    clustering = cluster_records(ids, ["news", "news", "rights"], evidence, ClusterPolicy())
    persons = dict(zip(clustering.ids, clustering.cluster_of))
    assert persons["news-1"] == persons["news-2"] == persons["a-1"]


def test_same_list_reports_are_one_lists_thin_namesakes_within_the_window():
    import datetime as dt

    import pyarrow as pa

    from tally.link.namesakes import same_list_reports

    day = dt.date(2025, 3, 7)
    rows = [  # id, list, father, date offset, lags
        ("w1", "wire", None, 0, True), ("w2", "wire", None, 2, True),
        ("w3", "wire", None, 9, True),  # a week later: another death
        ("s1", "sahat", None, 1, True),  # another outlet: the window's business
        ("w4", "wire", "Ali", 1, True),  # a father: not a thin record
    ]
    features = pa.table({
        "unique_id": [r[0] for r in rows], "list_id": [r[1] for r in rows],
        "given_key": ["mhmd"] * 5, "family_key": ["hsn"] * 5,
        "father_key": [r[2] for r in rows], "grandfather_key": [None] * 5,
        "governorate_id": ["hama"] * 5,
        "date_start": [day + dt.timedelta(days=r[3]) for r in rows],
        "date_lags": [r[4] for r in rows], "unidentified": [False] * 5})
    assert same_list_reports(features) == [("w1", "w2")]
