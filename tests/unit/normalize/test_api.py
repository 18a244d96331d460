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


def test_every_shipped_name_and_place_table_is_in_the_normalizer_version():
    # a project learns its normalized fields are stale only if the version changes
    # with every table the normalizers read (wave 6 added diminutives.csv and forgot it)
    from importlib import resources

    from tally.normalize.version import _TABLES

    for folder in ("names", "gazetteer"):
        shipped = {f.name for f in resources.files("tally.data").joinpath(folder).iterdir()
                   if f.name.endswith(".csv")}
        assert shipped <= {name for f, name in _TABLES if f == folder}, folder


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
