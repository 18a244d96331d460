"""The prior (two random records are one person) is kept strictly inside (0, 1)."""

from tally.link.model import bounded_prior


def test_no_match_found_is_not_a_prior_of_zero():
    assert 0 < bounded_prior(0.0, 11) == 1 / (55 + 2)


def test_only_matches_found_is_not_a_prior_of_one():
    assert bounded_prior(1.0, 11) == 56 / 57 < 1
    assert 0 < bounded_prior(0.0, 2) < bounded_prior(1.0, 2) < 1


def test_an_estimate_inside_the_bounds_is_kept():
    assert bounded_prior(1e-4, 5000) == 1e-4
