"""The shipped name table and gazetteer load, and hold what the simulator needs."""

from __future__ import annotations

from collections import Counter

from tally.normalize.names import canonical_name, load_name_table, select_names, token_key
from tally.normalize.places import children_of, load_gazetteer, place_by_id


def test_name_table_has_hundreds_of_curated_entries_across_communities():
    curated = [e for e in load_name_table() if e.origin == "tally"]
    assert len(curated) >= 500
    comms = Counter(c for e in curated for c in e.communities)
    for c in ("sunni", "alawite", "druze", "christian", "kurdish", "ismaili", "shia", "all"):
        assert comms[c] > 0, c
    assert {e.kind for e in curated} == {"given", "family", "both"}
    assert {e.gender for e in curated} == {"male", "female", "unknown"}


def test_every_curated_arabic_form_keys_to_its_row_key():
    bad = []
    for e in load_name_table(include_wikidata=False):
        if e.origin != "tally":
            continue
        for a in (e.arabic, *e.arabic_variants):
            if canonical_name(a) != e.key:
                bad.append((e.key, a, canonical_name(a)))
    # غنى (Ghina) and غني (Ghani) fold together (alef maqsura = ya): the heavier wins
    assert len(bad) <= 2, bad[:20]


def test_every_curated_latin_spelling_keys_to_its_row_key():
    bad = []
    for e in load_name_table(include_wikidata=False):
        for v in (e.latin, *e.latin_variants):
            if v.endswith("?"):
                continue
            if canonical_name(v) != e.key:
                bad.append((e.key, v, canonical_name(v)))
    # a few spellings are shared by two names (Hamid: حامد and حميد); the heavier one wins
    # some spellings are shared by two names (Hamid: حامد and حميد, Rashid: راشد and رشيد,
    # Daher: ضاهر and ظاهر); the heavier name wins
    assert len(bad) <= 10, bad


def test_spellings_of_a_curated_name_share_its_cross_script_key():
    bad = []
    for e in load_name_table(include_wikidata=False):
        k = token_key(e.arabic)
        for v in (e.latin, *e.latin_variants):
            if not v.endswith("?") and token_key(v) != k:
                bad.append((e.key, e.arabic, v, k, token_key(v)))
    assert len(bad) <= 6, bad


def test_select_names_for_sampling():
    rows = select_names(kind="given", gender="female", community="druze")
    assert rows and all(r.weight > 0 and r.gender in ("female", "unknown") for r in rows)
    fam = select_names(kind="family", community="alawite")
    assert any(r.key == "makhluf" for r in fam)


def test_gazetteer_levels_and_parents():
    g = load_gazetteer()
    levels = Counter(p.admin_level for p in g)
    assert levels[1] == 14 and levels[2] >= 60 and levels[3] >= 260 and levels[4] + levels[5] >= 150
    ids = {p.id for p in g}
    for p in g:
        assert p.lat is not None and p.lon is not None, p.id
        assert 32.0 < p.lat < 37.6 and 35.5 < p.lon < 42.5, p.id
        if p.admin_level > 1:
            assert p.parent_id in ids, p.id
            assert place_by_id(p.parent_id).admin_level < p.admin_level
        assert p.name_en, p.id
        if p.admin_level <= 3 or p.id.startswith("tally:"):
            assert p.name_ar, p.id
    assert {p.iso3166_2 for p in g if p.admin_level == 1} >= {"SY-DI", "SY-LA", "SY-SU"}
    assert [c.id for c in children_of("SY14")] == ["SY1400", "SY1402"]


def test_spellings_for_display_carry_no_markers():
    for e in load_name_table():
        for v in (e.latin, *e.latin_variants, *e.shared_variants):
            assert v and "?" not in v and v.strip() == v, (e.key, v)
