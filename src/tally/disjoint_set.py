"""One disjoint-set (union-find) for every stage that groups things.

Persons (link clustering), incidents and the origin groups of attribution grading
all grow groups by joining pairs. They share this one structure so that a fix to
how groups are joined is made once.

    >>> s = DisjointSet(4)
    >>> s.union(0, 2); s.union(3, 2); s.find(3) == s.find(0)
    True

Roots: the larger group's root stays root (so members move from the smaller group,
and a chain of joins costs O(n log n)); between groups of one size the lower index
stays root, so grouping is reproducible whatever order ties come in.
"""

from __future__ import annotations

from collections.abc import Iterator


class DisjointSet:
    """Groups of the integers ``0..n-1``, joined pair by pair."""

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))
        self._members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def __len__(self) -> int:
        return len(self._parent)

    def find(self, i: int) -> int:
        """The root of ``i``'s group (paths are compressed on the way)."""
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def union(self, a: int, b: int) -> int:
        """Join the groups of ``a`` and ``b``; returns the root of the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self._members[ra]) < len(self._members[rb]) or (
            len(self._members[ra]) == len(self._members[rb]) and rb < ra
        ):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        return ra

    def members(self, i: int) -> list[int]:
        """Every member of ``i``'s group, in the order groups were joined."""
        return self._members[self.find(i)]

    def size(self, i: int) -> int:
        return len(self._members[self.find(i)])

    def groups(self) -> Iterator[list[int]]:
        """Each group's members, sorted, groups ordered by their lowest member."""
        for members in sorted((sorted(m) for m in self._members.values()), key=lambda m: m[0]):
            yield members

    def labels(self) -> list[int]:
        """For each element, the lowest member of its group (a stable group label)."""
        out = [0] * len(self._parent)
        for members in self.groups():
            for m in members:
                out[m] = members[0]
        return out
