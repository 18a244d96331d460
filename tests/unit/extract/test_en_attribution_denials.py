"""Issue 17, class 9: a denial is no attribution by the denier.

"The ministry denied any involvement and blamed outlaw groups": the ministry is not the
source the count is cited on, and the party it blames is at most a contested perpetrator.
"""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim

PUB = dt.date(2024, 6, 14)


def _main(text):
    return main_claim(extract_claims(text, PUB))


def test_deny_and_blame_in_the_next_sentence_keeps_the_events_source_and_contests_the_blamed():
    m = _main("Eleven people were killed when a bus was shelled near Maarat al-Numan on Monday, local "
              "activists said. The defence ministry denied any involvement and blamed outlaw groups for the attack.")
    assert m["count_stated"] == 11
    assert m["cited_source"] == "local activists"
    assert (m["perpetrator"], m["attribution"]) == ("outlaw groups", "contested")


def test_deny_and_blame_alone_gives_no_cited_source():
    m = _main("Nine people were killed in an attack on a village near Hama on Monday. "
              "The interior ministry denied any involvement and blamed outlaw groups.")
    assert m["cited_source"] is None
    assert (m["perpetrator"], m["attribution"]) == ("outlaw groups", "contested")


def test_the_denier_accusing_another_in_one_sentence_is_not_the_source():
    m = _main("The army denied responsibility for the deaths of 14 civilians in an air strike on Kafr Nabl "
              "and accused armed groups of staging the attack.")
    assert m["count_stated"] == 14
    assert m["attribution"] == "contested" and m["cited_source"] != "The army"


def test_an_accusation_rejected_in_the_next_sentence_is_contested():
    m = _main("Residents accused pro-government militias of killing seven farmers in a village east of Hama "
              "on Tuesday. A militia commander rejected the accusation and blamed rebels.")
    assert (m["perpetrator"], m["attribution"]) == ("pro-government militias", "contested")


@pytest.mark.parametrize("text", [
    "Police denied that officers had opened fire on protesters in Daraa, where a rights group said 6 people "
    "were shot dead on Wednesday.",
    "Turkish-backed fighters killed four civilians in Afrin, the Observatory said, an account the group "
    "dismissed as propaganda.",
])
def test_denial_phrasings_contest_the_attribution(text):
    assert _main(text)["attribution"] == "contested"


def test_a_plain_accusation_is_still_alleged():
    m = _main("Ten people were killed in Jableh. Residents accused tribal fighters of carrying out the killings.")
    assert (m["perpetrator"], m["attribution"]) == ("tribal fighters", "alleged")
