"""Precision on hard news paragraphs (issue 17): what X1's held-out news half left."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim

PUB = dt.date(2024, 6, 14)


def main_count(text):
    m = main_claim(extract_claims(text, PUB))
    if m is None:
        return None
    return m["count_best"] if m["count_best"] is not None else m["count_stated"]


@pytest.mark.parametrize("text,want", [
    # a victim list interrupted by its source
    ("The strikes killed 8 fighters, the monitor said, as well as 20 civilians, among them six children.", 20),
    ("Government bombardment killed 15 civilians, the Observatory said, in addition to four rescue workers.", 19),
    ("Shelling killed 6 civilians, medics said, and two paramedics.", 8),
])
def test_a_list_interrupted_by_its_source_is_one_list(text, want):
    assert main_count(text) == want


def test_a_source_aside_that_ends_the_list_adds_nothing():
    assert main_count("Shelling killed 6 civilians, medics said, and the army denied it.") == 6
