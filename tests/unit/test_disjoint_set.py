"""The one union-find shared by clustering, incidents and attribution grading."""

from tally.disjoint_set import DisjointSet


def test_joined_elements_share_a_group_and_others_do_not():
    s = DisjointSet(5)
    s.union(0, 3)
    s.union(4, 3)
    assert s.same(0, 4)
    assert not s.same(0, 1)
    assert list(s.groups()) == [[0, 3, 4], [1], [2]]
    assert s.labels() == [0, 1, 2, 0, 0]
    assert s.size(4) == 3


def test_labels_do_not_depend_on_join_order():
    pairs = [(5, 1), (2, 5), (7, 6), (6, 0)]
    a, b = DisjointSet(8), DisjointSet(8)
    for x, y in pairs:
        a.union(x, y)
    for x, y in reversed(pairs):
        b.union(y, x)
    assert a.labels() == b.labels() == [0, 1, 1, 3, 4, 1, 0, 0]


def test_long_chain_stays_shallow():
    n = 20000
    s = DisjointSet(n)
    for i in range(n - 1):
        s.union(i, i + 1)
    assert s.size(0) == n
    assert s.find(n - 1) == s.find(0)
