"""Issue 17, class 10: period and war-wide tolls are flagged ``cumulative``."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim

PUB = dt.date(2024, 6, 14)


@pytest.mark.parametrize("text,event,toll", [
    ("Russian air strikes killed 9 people in Khan Shaykhun on Wednesday, raising the number of civilians "
     "killed since late April to more than 230.", 9, 230),
    ("Shelling killed 4 people in Douma, pushing the death toll since early March to 310.", 4, 310),
    ("An air strike on a market in Idlib killed 14 people, bringing the toll of the offensive to nearly "
     "1,200 since December.", 14, 1200),
])
def test_a_running_toll_beside_the_event_is_flagged_and_the_event_is_main(text, event, toll):
    claims = extract_claims(text, PUB)
    flags = {c["count_stated"]: c["cumulative"] for c in claims if c["what"] == "killed"}
    assert flags == {event: False, toll: True}
    assert main_claim(claims)["count_stated"] == event


@pytest.mark.parametrize("text", [
    "Air strikes have killed 120 civilians in Idlib since mid-February, the monitor said.",
    "Government forces have killed 85 people in Daraa since late January, activists said.",
])
def test_since_part_of_a_month_is_a_period(text):
    (c,) = [c for c in extract_claims(text, PUB) if c["what"] == "killed"]
    assert c["cumulative"]


def test_a_days_toll_is_not_a_period():
    (c,) = [c for c in extract_claims("Air strikes killed 12 people in Idlib on Monday, the monitor said.", PUB)
            if c["what"] == "killed"]
    assert not c["cumulative"]


def test_raising_the_events_own_toll_is_no_period_toll():
    claims = extract_claims("Rescuers pulled 13 bodies from the rubble in Khan Sheikhoun after overnight raids, "
                            "raising the death toll there to 19, the civil defence said.", PUB)
    assert main_claim(claims)["count_stated"] == 19 and not main_claim(claims)["cumulative"]
