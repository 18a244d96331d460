"""Sentence rules: which count is a casualty claim, of what, about whom, by whom."""

from __future__ import annotations

import datetime as dt

import pytest

from tally.extract import extract_claims, total_killed

PUB = dt.date(2025, 3, 12)


def _only(text: str, what: str = "killed") -> dict:
    found = [c for c in extract_claims(text, PUB) if c["what"] == what]
    assert len(found) == 1, found
    return found[0]


# real-world phrasings → (killed_low, killed_best, killed_high)
KILLED = [
    ("At least 13 people were killed when a suicide bomber struck the city.", (13, 13, None)),
    ("Seven employees of a TV channel were killed on Wednesday.", (7, 7, 7)),
    ("Gunmen ambushed a truck, killing 10 women.", (10, 10, 10)),
    ("Pair of twin truck bombings kill 512 in the capital.", (512, 512, 512)),
    ("An airstrike struck a wedding procession, killing at least 23 people.", (23, 23, None)),
    ("Dozens of civilians were killed in Baniyas, in Tartous governorate.", (24, None, 99)),
    ("Hundreds of civilians from the Alawite sect were killed in March.", (200, None, 999)),
    ("Thousands of combatants and civilians were killed in the fighting.", (2000, None, 9999)),
    ("Rights groups documented the violent deaths of nearly 10,000 people.", (9000, 10000, 10000)),
    ("Twenty-eight people were killed and 61 injured in a bomb attack.", (28, 28, 28)),
    ("The body of one civilian was found in Ar-Raqqa on 18 December.", (1, 1, 1)),
    ("The bodies of 12 men were found near the village.", (12, 12, 12)),
    ("Fighting left six inmates dead and another six wounded.", (6, 6, 6)),
    ("The death toll has risen to 35.", (35, 35, 35)),
    ("Suspected herdsmen on Tuesday killed eight residents in four villages.", (8, 8, 8)),
    ("Unknown gunmen have shot and killed a journalist in the capital.", (1, 1, 1)),
    ("Armed men shot dead the village chief of a village in the province.", (1, 1, 1)),
    ("Saleh was killed by Huthi rebels on Monday as he fled.", (1, 1, 1)),
    ("A man was shot dead at a checkpoint in Jableh.", (1, 1, 1)),
    ("At least 16 prisoners died in a fire on Thursday.", (16, 16, None)),
    ("An airstrike claimed the lives of at least ten people near the town.", (10, 10, None)),
    ("Gunmen killed nine men and four women in a rural community.", (13, 13, 13)),
    ("Five people were found burned to death in a van.", (5, 5, 5)),
    ("١٢ people were killed in the shelling.", (12, 12, 12)),
    ("Clashes have left 14 dead, security sources reported.", (14, 14, 14)),
    ("Gunmen have killed 12 Libyans a day after their release from jail.", (12, 12, 12)),
    ("Militants shot and killed three village elders, including a cleric.", (3, 3, 3)),
    ("Sources to Al-Jazeera TV: Five civilians have been killed in the bombardment.", (5, 5, 5)),
    ("A local leader was assassinated by armed men last night.", (1, 1, 1)),
    ("Eight fishermen were fatally shot by suspected pirates.", (8, 8, 8)),
    ("The group claimed the killing of a gay rights activist in Dhaka.", (1, 1, 1)),
    ("The body of the mayor was found on the side of a road.", (1, 1, 1)),
    ("A district governor has died after a bomb attack on his office.", (1, 1, 1)),
    ("The civilian death toll from an attack late on Thursday on a restaurant has risen to 6, police said.",
     (6, 6, 6)),
    ("Gunmen killed the head of a local radio station on Tuesday.", (1, 1, 1)),
]


@pytest.mark.parametrize("text,reading", KILLED)
def test_killed(text, reading):
    c = _only(text)
    assert (c["killed_low"], c["killed_best"], c["killed_high"]) == reading


def test_killed_and_wounded_are_assigned_to_their_own_verbs():
    claims = extract_claims("At least 16 people were killed and 44 more wounded Wednesday in two attacks.", PUB)
    by_what = {c["what"]: c for c in claims}
    assert by_what["killed"]["count_best"] == 16
    assert by_what["injured"]["count_best"] == 44
    assert by_what["injured"]["killed_best"] is None
    claims = extract_claims("A car bomb killed at least 16 people and wounded more than 30 at the gate.", PUB)
    assert {c["what"]: c["count_low"] for c in claims} == {"killed": 16, "injured": 31}


def test_other_kinds():
    assert _only("Militants executed 12 men in the square.", "executed")["count_best"] == 12
    assert _only("More than 20 people were put to death by ISIS.", "executed")["count_low"] == 21
    assert _only("Gunmen abducted five aid workers on the road.", "abducted")["count_best"] == 5
    assert _only("At least 30 people were injured by bullets.", "injured")["count_low"] == 30


def test_incident_counts():
    c = _only("The Times documented at least five separate episodes of summarily executing "
              "Druse civilians.", "incidents")
    assert (c["incident_count_low"], c["incident_count_high"]) == (5, None)
    assert c["killed_best"] is None
    c = _only("Dozens of people were killed across Latakia governorate in more than 3 separate attacks.")
    assert c["incident_count_low"] == 4


def test_a_subtotal_inside_the_noun_phrase_is_not_its_noun():
    text = "Syria regime bombing kills 21 including 8 children."
    c = _only(text)
    assert c["count_best"] == 21
    assert text[c["count_start"]:c["count_end"]] == "21"


def test_up_to_is_read_as_its_number_for_the_total():
    claims = extract_claims("Residents said up to 30 civilians died in an air strike.", PUB)
    assert (claims[0]["killed_low"], claims[0]["killed_high"]) == (None, 30)
    assert total_killed(claims) == 30
    assert total_killed(extract_claims("More than 20 people were killed.", PUB)) == 20


def test_subtotals_are_not_totals():
    claims = extract_claims("At least 29 people, including 10 foreigners, were killed in the attack.", PUB)
    assert total_killed(claims) == 29
    claims = extract_claims("At least 17 civilians — including 10 women and one girl — were killed.", PUB)
    assert total_killed(claims) == 17


@pytest.mark.parametrize("text", [
    "Activists shared hundreds of videos of the attack.",
    "Dozens of witnesses described the scene to reporters.",
    "Thousands of militants flooded into the area on Friday.",
    "Hundreds of videos showed men in uniform beating residents.",
    "Thousands of fighters were deployed to Sweida on 14 July.",
    "The 94-year-old woman fled in 2016 with her three children.",
    "The attack on four villages began at 10:30 on 3 January.",
    "Dozens of witnesses said the gunmen killed residents.",
])
def test_distractors_make_no_casualty_claim(text):
    assert [c for c in extract_claims(text, PUB) if c["killed_low"] is not None or c["killed_high"] is not None] == []


@pytest.mark.parametrize("text,group,status", [
    ("Hundreds of Alawite civilians were killed.", "alawite civilians", "civilian"),
    ("Dozens of Alawis were killed in the coastal villages.", "alawite people", "unknown"),
    ("At least 40 Druse civilians were killed in Sweida.", "druze civilians", "civilian"),
    ("At least 40 Druzes were killed in Sweida.", "druze people", "unknown"),
    ("Twelve soldiers were killed in an ambush.", "combatants", "combatant"),
    ("Thousands of combatants and civilians were killed.", "people", "mixed"),
    ("Five people were killed.", "people", "unknown"),
])
def test_victim_group(text, group, status):
    c = _only(text)
    assert (c["victim_group"], c["status"]) == (group, status)


@pytest.mark.parametrize("text,perpetrator,attribution,cited", [
    ("Ten people were killed in Jableh. The Syrian Network for Human Rights said government forces "
     "were responsible.", "government forces", "claimed_by_source", "The Syrian Network for Human Rights"),
    ("Ten people were killed in Jableh. Residents accused tribal fighters of carrying out the killings.",
     "tribal fighters", "alleged", None),
    ("Ten civilians were killed by militants affiliated with the Defence Ministry.",
     "the Defence Ministry", "affiliated", None),
    ("Suspected Fulani herdsmen killed eight residents.", "Fulani herdsmen", "suspected", None),
    ("Unidentified gunmen killed five people in Homs.", "Unidentified gunmen", "unidentified", None),
    ("Ten people were killed. Monitors blamed government forces, who denied any involvement.",
     "government forces", "contested", "Monitors"),
    ("Saleh was killed by Huthi rebels on Monday.", "Huthi rebels", "asserted", None),
    ("Government forces launched an offensive on the coast, killing hundreds of civilians from the Alawite "
     "sect in March.", "Government forces", "asserted", None),
    ("Seven people were killed in Homs. It was not immediately clear who was responsible.", None, "unknown", None),
    ("Seven people were killed in Homs. No group has claimed responsibility.", None, "unknown", None),
    ("Two bombings killed 12 people. Islamic State claimed responsibility.", "Islamic State", "asserted", None),
])
def test_attribution(text, perpetrator, attribution, cited):
    c = _only(text)
    assert (c["perpetrator"], c["attribution"]) == (perpetrator, attribution)
    if cited is not None:
        assert c["cited_source"] == cited
    if perpetrator is not None:
        assert text[c["perpetrator_start"]:c["perpetrator_end"]] == perpetrator


def test_cited_source_chain():
    text = "At least 40 people were killed in Baniyas, according to the Syrian Observatory for Human Rights."
    c = _only(text)
    assert c["cited_source"] == "the Syrian Observatory for Human Rights"
    assert text[c["cited_source_start"]:c["cited_source_end"]] == c["cited_source"]


@pytest.mark.parametrize("text,start,end", [
    ("Five people were killed in Baniyas on Sunday.", "2025-03-09", "2025-03-09"),
    ("Hundreds of Alawite civilians were killed in early March.", "2025-03-01", "2025-03-10"),
    ("Hundreds of civilians were killed in December.", "2024-12-01", "2024-12-31"),
    ("Dozens were killed in Sweida last week.", "2025-03-05", "2025-03-11"),
    ("More than 100 people were killed since December last year.", "2024-12-01", "2025-03-12"),
    ("Dozens of people were killed in Homs in recent days.", "2025-03-05", "2025-03-12"),
    ("People were killed between 3 March and 9 March: at least 40 people were killed.", "2025-03-03", "2025-03-09"),
])
def test_when_resolves_against_publication(text, start, end):
    c = [c for c in extract_claims(text, PUB) if c["what"] == "killed"][0]
    assert (c["date_start"], c["date_end"]) == (start, end)


def test_where():
    c = _only("Five people were killed in Baniyas, in Tartous governorate.")
    assert c["place"] == "Banyas" and c["place_admin_level"] == 3
    assert c["place_start"] is not None
    c = _only("Nearly 10,000 people were killed across Syria since December.")
    assert (c["place"], c["place_admin_level"]) == ("Syria", 0)


def test_every_claim_carries_design_keys_and_its_evidence():
    keys = {"killed_low", "killed_best", "killed_high", "incident_count_low", "incident_count_high",
            "victim_group", "status", "place", "date_start", "date_end", "perpetrator", "attribution",
            "cited_source", "evidence_text", "evidence_start", "evidence_end", "what", "qualifier",
            "lexicon_version"}
    text = "Headline: toll rises\n\nAt least 13 people were killed and 14 others wounded, police said."
    claims = extract_claims(text, PUB)
    assert claims
    for c in claims:
        assert keys <= set(c)
        assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
        if c["count_start"] is not None:
            assert c["count_start"] >= c["evidence_start"] and c["count_end"] <= c["evidence_end"]


def test_headline_restating_the_lead_is_one_claim():
    text = "Attack in Homs leaves five dead\nLevant Daily\n\nFive civilians were killed in Homs on Monday.\n"
    assert len([c for c in extract_claims(text, PUB) if c["what"] == "killed"]) == 1


def test_published_may_be_text():
    assert extract_claims("Five people were killed yesterday.", "2025-03-12")[0]["date_start"] == "2025-03-11"


# -- whole articles: patterns found by reading FA-KES news (tests/data/README.md) --------

def test_the_main_count_is_the_lead_event_not_the_war_toll_nor_a_later_event():
    from tally.extract import main_claim

    text = ("At least 15 civilians were killed in US airstrikes on Manbij on Thursday. "
            "Separately, 23 people were killed in Russian raids on Idlib the Observatory said. "
            "More than 300000 people have been killed since the conflict began in March 2011.")
    claims = extract_claims(text, PUB)
    assert total_killed(claims) == 15
    war = [c for c in claims if c["count_stated"] == 300000]
    assert war and war[0]["cumulative"] and not main_claim(claims)["cumulative"]
    # a vague lead gives way to the exact figure after it; a later update wins
    assert total_killed(extract_claims(
        "Dozens of people were killed in clashes. Officials say 69 were killed.", PUB)) == 69
    assert total_killed(extract_claims(
        "At least 11 people were killed on Wednesday. A later investigation increased the casualty "
        "figures to 37 dead.", PUB)) == 37


@pytest.mark.parametrize("text,killed,injured", [
    ("8 persons killed 58 others injured in terrorist rocket attacks on Aleppo city.", 8, 58),
    ("Three killed over 70 injured in attacks in Aleppo.", 3, 71),
    ("13 civilians killed 43 others injured due to rocket attacks.", 13, 43),
])
def test_headline_killed_and_injured_counts(text, killed, injured):
    by_what = {c["what"]: c for c in extract_claims(text, PUB)}
    assert by_what["killed"]["killed_best"] == killed
    assert by_what["injured"]["count_low"] == injured


def test_lives_lost_ranges_and_intentions():
    assert _only("After days of fighting that cost more than 500 lives a monitor said.")["count_stated"] == 500
    c = _only("The opposition accused the government of killing between 1000 and 1800 people.")
    assert (c["killed_low"], c["killed_best"], c["killed_high"], c["qualifier"]) == (1000, None, 1800, "range")
    assert not [c for c in extract_claims("The man had threatened to kill hundreds of people.", PUB)
                if c["what"] == "killed"]
    assert _only("A youth leader was killed on Sunday. Ricardo Campos, 30, died in Cumana.")["killed_best"] == 1


@pytest.mark.parametrize("text,perpetrator,attribution", [
    ("At least 30 people were killed by Russian airstrikes on Raqqa on Thursday.", "Russian airstrikes",
     "asserted"),
    ("Syrian regime or Russian air strikes in and around a town on Tuesday killed 26 people a monitoring "
     "group said.", "Syrian regime or Russian air strikes", "claimed_by_source"),
    ("At least six children were killed in rebel rocket attacks on west Aleppo.", "rebel rocket attacks",
     "asserted"),
    ("Israeli Strike on Syrian Town Kills 5 Soldiers.", "Israeli Strike", "asserted"),
    ("The Observatory said Kurdish forces killed at least 175 militants.", "Kurdish forces",
     "claimed_by_source"),
    ("A suspected gas attack believed to be by government jets killed at least 58 people.", "government jets",
     "suspected"),
    ("At least 18 civilians were killed the Observatory said blaming the attack on regime forces.",
     "regime forces", "alleged"),
    ("Air raids kill 29 civilians in a town.", None, "unknown"),
])
def test_attribution_in_news_wording(text, perpetrator, attribution):
    c = _only(text)
    assert (c["perpetrator"], c["attribution"]) == (perpetrator, attribution)
    if perpetrator:
        assert text[c["perpetrator_start"]:c["perpetrator_end"]] == perpetrator


def test_a_claim_of_responsibility_just_before_the_toll_names_the_perpetrator():
    text = "The Islamic State group claimed responsibility for the attack. Police put the death toll at 16."
    c = _only(text)
    assert (c["perpetrator"], c["attribution"]) == ("The Islamic State group", "asserted")
    assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"] == text  # the evidence quotes both


@pytest.mark.parametrize("text,place", [
    ("At least 18 civilians were killed in the northern Syrian city of Aleppo.", "Aleppo"),
    ("Air strikes on rebel-held Idlib killed 24 people.", "Idleb"),
    ("Russian jets pounded parts of eastern Aleppo killing 26 people.", "Aleppo"),
    ("Jets killed 304 militants on the eastern bank of the Euphrates near Deir ez-Zor.", "Deir-ez-Zor"),
    ("At least 15 civilians were killed in Syria on Thursday. They were in the town of Ghandoura.", "Ghandorah"),
])
def test_place_in_news_wording(text, place):
    c = [c for c in extract_claims(text, PUB) if c["what"] == "killed"][0]
    assert c["place"] == place
    assert text[c["place_start"]:c["place_end"]] in text


@pytest.mark.parametrize("text,place", [
    # "Hader" is Hadher in Aleppo and Hadar in Quneitra: the sentence's other place decides
    ("Five fighters were killed in Hader in Quneitra province.", "Hadar"),
    # nothing decides: no place rather than a guess in the wrong governorate
    ("Five fighters were killed in Hader on Wednesday.", None),
])
def test_a_name_shared_by_two_governorates_is_not_guessed(text, place):
    c = [c for c in extract_claims(text, PUB) if c["what"] == "killed"][0]
    assert c["place"] == place
