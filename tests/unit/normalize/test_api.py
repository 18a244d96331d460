"""The public surface of tally.normalize."""

from __future__ import annotations

import random

import tally.normalize as normalize
from tally.normalize import normalizer_version, resolve_place


def test_all_names_are_importable():
    for name in normalize.__all__:
        assert getattr(normalize, name) is not None, name


def test_normalizer_version_names_rules_and_tables():
    v = normalizer_version()
    assert v.startswith(f"tally-normalize/{normalize.RULES_VERSION}+") and len(v.split("+")[1]) == 12


def test_place_resolution_never_raises_on_junk():
    rng = random.Random(9)
    alphabet = "abcdefghijklmnopqrstuvwxyz ,-/()'ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأ في ريف حي 0123"
    for _ in range(2000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        m = resolve_place(s)
        if m is not None:
            assert m.id and m.admin_level in (1, 2, 3, 4, 5)
    for s in ["في", "ريف", "حي", "city", "countryside", ",", "al-", "of in near"]:
        resolve_place(s)
