"""The count lexicon: number words, digits, qualifiers and vague plurals."""

from __future__ import annotations

import pytest

from tally.extract import LEXICON_VERSION, find_counts

CASES = [
    # text, (low, best, high), qualifier
    ("13 people", (13, 13, 13), "exact"),
    ("at least 13 people", (13, 13, None), "at least"),
    ("no fewer than 40", (40, 40, None), "at least"),
    ("more than 20", (21, None, None), "more than"),
    ("over 1,200", (1201, None, None), "more than"),
    ("more than a dozen", (13, None, None), "more than"),
    ("more than a hundred", (101, None, None), "more than"),
    ("nearly 10,000 people", (9000, 10000, 10000), "nearly"),
    ("almost 50", (45, 50, 50), "nearly"),
    ("about 100", (90, 100, 110), "about"),
    ("some 1,230 people", (1107, 1230, 1353), "about"),
    ("up to 30", (None, None, 30), "up to"),
    ("as many as 30", (None, None, 30), "up to"),
    ("dozens of civilians", (24, None, 99), "vague"),
    ("scores of", (24, None, 99), "vague"),
    ("hundreds of civilians", (200, None, 999), "vague"),
    ("thousands of combatants", (2000, None, 9999), "vague"),
    ("tens of thousands of people", (20000, None, 99999), "vague"),
    ("several people", (3, None, 9), "vague"),
    ("twenty-seven people", (27, 27, 27), "exact"),
    ("Forty-nine people", (49, 49, 49), "exact"),
    ("a hundred and twenty", (120, 120, 120), "exact"),
    ("two thousand five hundred", (2500, 2500, 2500), "exact"),
    ("a dozen", (12, 12, 12), "exact"),
    ("١٢ شخصا", (12, 12, 12), "exact"),
    ("١٬٢٠٠ قتيل", (1200, 1200, 1200), "exact"),
    ("1,500 people", (1500, 1500, 1500), "exact"),
    ("3 million", (3_000_000, 3_000_000, 3_000_000), "exact"),
]


@pytest.mark.parametrize("text,reading,qualifier", CASES)
def test_reading(text, reading, qualifier):
    c = find_counts(text)[0]
    assert (c.low, c.best, c.high) == reading
    assert c.qualifier == qualifier
    assert c.start == 0


@pytest.mark.parametrize("text", [
    "on 3 January", "January 3, 2016", "in 2016", "a 94-year-old woman", "the 27 year old",
    "aged 45", "at 10:30", "12%", "3.5 kilometres",
])
def test_dates_ages_measures_are_not_counts(text):
    assert [text[c.start:c.end] for c in find_counts(text)] == []


def test_spans_are_offsets():
    text = "Officials said at least 29 people died."
    c = find_counts(text)[0]
    assert text[c.start:c.end] == "at least 29"


def test_lexicon_is_versioned():
    assert LEXICON_VERSION.startswith("count-lexicon-")
