"""A single victim named by a bare role, with no article (news and headline style)."""

import pytest

from tests.unit.extract.main_count import main_count


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
