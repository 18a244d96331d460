"""A single victim named by a bare role, with no article (news and headline style)."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim

PUB = dt.date(2024, 6, 14)


def main_count(text):
    m = main_claim(extract_claims(text, PUB))
    if m is None:
        return None
    return m["count_best"] if m["count_best"] is not None else m["count_stated"]


@pytest.mark.parametrize("text", [
    "Gunmen shot dead local council member Ahmad Khalil in Jasim on Thursday.",
    "Unknown assailants murdered director of the Tafas water station on Monday night.",
    "Gunmen killed activist Omar Darwish in Saraqeb.",
    "Army officer killed in roadside bombing near Deraa",
    "Local journalist shot dead in Idlib city",
])
def test_a_bare_role_is_one_victim(text):
    assert main_count(text) == 1


@pytest.mark.parametrize("text", [
    "Government forces killed civilians in Homs, activists said.",
    "Airstrikes killed people in Douma on Monday.",
])
def test_a_bare_plural_is_no_single_victim(text):
    assert main_count(text) != 1
