"""Issue 17, class 10: a report, investigation or tally names its maker as the cited source."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim

PUB = dt.date(2024, 6, 14)


@pytest.mark.parametrize("text,source", [
    ("According to an AFP tally, 23 people were killed in the fighting around Daraa al-Balad on Saturday.", "AFP"),
    ("Eight people were killed by shelling on Jisr al-Shughur, according to a tally by the Syrian Observatory "
     "for Human Rights.", "the Syrian Observatory for Human Rights"),
    ("A Reuters investigation found that 12 detainees were killed in custody in Saydnaya prison.", "Reuters"),
    ("A UN report said 31 civilians were killed in air strikes on Idlib province.", "UN"),
    ("Two people were killed in an explosion in Jarablus, according to a Syrian Civil Defence count.",
     "Syrian Civil Defence"),
    ("According to figures from the health ministry, 14 people died in the attack on Azaz.", "the health ministry"),
])
def test_the_maker_of_a_report_or_tally_is_the_cited_source(text, source):
    assert main_claim(extract_claims(text, PUB))["cited_source"] == source


def test_according_to_a_plain_source_still_works():
    m = main_claim(extract_claims("At least 40 people were killed in Baniyas, according to the Syrian "
                                  "Observatory for Human Rights.", PUB))
    assert m["cited_source"] == "the Syrian Observatory for Human Rights"
