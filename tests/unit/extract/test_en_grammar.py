"""English count grammar (issue 17, wave 3): the victims of one event as a coordinated
noun phrase, the scope of an aside, counts inside modifiers, coordinated verbs and long
subjects. Cases written for Tally before the rules, one group per construction; none is
taken from a labelled set."""

import datetime as dt

import pytest

from tally.extract import extract_claims, main_claim, total_killed

PUB = dt.date(2024, 6, 14)


def count(text):
    return total_killed(extract_claims(text, PUB))


@pytest.mark.parametrize("text,want", [
    # a list of victims after the verb: counts and single persons add up
    ("A drone strike killed a local judge allied with the rebels and six members of his family in Marib.", 7),
    ("The blast killed three children and a woman near the market.", 4),
    ("Rioting prisoners killed a dozen inmates and a female visitor.", 13),
    ("Gunmen killed a village elder and four other men on the road to Kano.", 5),
    ("The raid killed a former warlord and his bodyguard.", 2),
    ("Police shot dead seven protesters in Tehran and three in Zahedan.", 10),
    # ... and before it
    ("Seven labourers from a brick factory and two other men were found dead near Multan.", 9),
    ("The chief of the local council and a policeman have been killed by gunmen in Kunar.", 2),
    ("Four teachers and one pupil were killed when the school was shelled.", 5),
    ("Two traders and their driver were murdered on the highway.", 3),
    ("The mayor was killed along with his wife and three other people.", 5),
    # a list that restates its total is not added to it
    ("Six people, five local farmers and a visitor, were killed in the village.", 6),
    # animals are not victims
    ("Six herders and 40 goats were killed when the mine exploded.", 6),
    ("The killing of about 300 cattle led to clashes that left four people dead.", 4),
])
def test_victim_lists(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    # a count inside "including ..." is part of the total, however the list goes on
    ("Twelve people, including a French aid worker and two nurses, were killed in the raid.", 12),
    ("Nine soldiers - two of them officers - have been killed in the ambush.", 9),
    # a count inside a modifier of the subject is not the subject
    ("As many as 14 civilians from one extended family were killed in the strike.", 14),
    ("At least 8 members of a single family were killed in the strike.", 8),
])
def test_counts_inside_the_subject(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    # "hours after X, N were killed": the after-clause is the earlier event, the count is not in it
    ("Hours after a judge was shot dead in the capital, at least 30 people were killed in a bombing "
     "at the courthouse.", 30),
    ("Eleven civilians died in strikes on Ariha, a day after 18 were killed in Saraqeb.", 11),
])
def test_earlier_event(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    # one victim with a passive verb the lexicon knew only actively
    ("The editor of a local weekly has been slain in Cebu.", 1),
    ("A suspected thief was lynched by a mob in Kano.", 1),
    ("Gunmen killed the general secretary of the farmers' union in Oaxaca.", 1),
    # coordinated verbs: "were attacked and killed"
    ("15 villagers were attacked and killed by gunmen in Bassa.", 15),
    ("Three traders have been ambushed and murdered on the highway.", 3),
    ("Five alleged kidnappers were lynched by a mob in Taraba.", 5),
    # a long modifier or a relative clause between the subject and its verb
    ("At least 25 herders in a settlement near the river in the south of the district were feared "
     "killed on Sunday.", 25),
    ("At least 20 migrants who had fled the fighting in the north were killed in the shelling.", 20),
    # "an additional N", "also"
    ("Gunmen killed 12 villagers in Dogo. An additional 5 were killed in a nearby hamlet the next day.", 17),
])
def test_verbs_and_long_subjects(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text", [
    "Militants fired two rockets at a police post; no casualties were reported.",
    "An earthquake struck the border region, killing 4 people.",
])
def test_no_count(text):
    assert count(text) is None


@pytest.mark.parametrize("text,want", [
    # event coders count the civilians of a list that names them beside soldiers or police
    ("A roadside bomb killed nine civilians and three soldiers near Kirkuk.", 9),
    ("Six police officers and 11 shoppers were killed when the market was bombed.", 11),
    # ... but two single victims are two
    ("Militants shot dead a soldier and a village chief at the checkpoint.", 2),
    # parts of a total stay parts, however the aside is written
    ("The shelling killed at least 14 people, six of them children, in the old quarter.", 14),
    ("At least 15 people, including seven passengers in a minibus, have so far been killed in the bombing.", 15),
    ("Five traders, including the head of the market association, have been ambushed and killed near Jos.", 5),
    # a modifier's capitalised words and unknown nouns belong to their conjunct
    ("At least six local employees of the Norwegian Red Cross were killed on Wednesday.", 6),
    ("Two tribal leaders and two other men were killed when their car was hit.", 4),
    ("The strike killed 12 Iraqi administrators and engineers and four Iranian technicians.", 16),
    ("Four aid workers and at least seven civilians were killed by mortar fire.", 11),
    ("Jihadists have killed eight loggers near Kayamla village, 10 kilometres from the city.", 8),
    # an earlier event told with a phrase verb ("gunned down") is the after-clause
    ("Hours after a lawyer was gunned down in the city, at least 60 people were killed in a bombing at "
     "the hospital.", 60),
])
def test_lists_and_asides(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    # a total that names its civilians, or its soldiers and police, gives the civilians
    ("Clashes in the town killed at least 30 people, including 21 civilians, the mission said.", 21),
    ("A car bomb killed nine people, including three policemen, near the ministry.", 6),
    # other parts leave the total as it is
    ("The strike killed 12 people, including four children, in the camp.", 12),
    # "also" adds a later sentence's victims to the event's
    ("Gunmen killed nine farmers in Bokkos on Sunday. Two herders were also killed.", 11),
    ("A bomb killed 6 people at the market. A child was also killed.", 7),
])
def test_civilians_and_also(text, want):
    assert count(text) == want


def test_named_parts_are_no_claims_unless_they_are_the_count():
    # the incident stage reads every killed claim as a reading of the toll: a part stays out
    claims = extract_claims("The shelling killed 14 people, including five children and two women.", PUB)
    assert [c["count_stated"] for c in claims] == [14]
    claims = extract_claims("Clashes killed at least 30 people, including 21 civilians, the mission said.", PUB)
    assert sorted((c["count_stated"], c["scope"]) for c in claims) == [(21, "total"), (30, "part")]
    assert all(not k.startswith("_") for c in claims for k in c)


@pytest.mark.parametrize("text,want", [
    ("Soldiers shot dead Imam Musa Garba, a village preacher, and his driver near the mosque.", 2),
    ("Fighters shot dead a displaced man and his 10-year-old son at a checkpoint.", 2),
    ("Two sisters, aged 6 and 8, died when a shell they found exploded.", 2),
    ("Gunmen killed the head of the local council of Tell al-Sham and his two bodyguards in an ambush.", 3),
    ("Gunmen killed 9 residents of the village. Six more bodies were found in the fields on Monday.", 15),
    ("Assailants stabbed to death an elderly couple in their home in Homs.", 2),
    ("A couple of gunmen shot dead a guard at the gate.", 1),
])
def test_persons_in_lists(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    ("Seven people were burnt alive in their homes in the village.", 7),
    ("Militants set fire to the house, burning alive a family of six.", 6),
    ("Gunmen killed 7 villagers on Monday, the deadliest attack since March, when 40 people were killed "
     "in a mosque.", 7),
])
def test_more_phrasings(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text", [
    "A court sentenced 5 men to death for the bombing.",
    "It was the deadliest attack since 2019, when 40 people were killed in a mosque.",
    "Officials said the death toll could rise above 50.",
    "Hundreds could have been killed had the second bomb gone off.",
])
def test_no_killing_reported(text):
    assert count(text) is None


@pytest.mark.parametrize("text,want", [
    # who killed are no victims
    ("Two women blew themselves up at the market, killing themselves and five other people.", 5),
    ("Gunmen stormed the hotel, killing 12 guests. The three attackers were also killed.", 12),
])
def test_perpetrators_are_not_victims(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    # one victim told with a pronoun, a separated "to death", a passive "shot", "died of his wounds"
    ("Gunmen broke into the home of a local politician and shot him dead.", 1),
    ("Fighters kidnapped a village elder and later beheaded him.", 1),
    ("Militants hacked an elderly priest to death on his way to the temple.", 1),
    ("Miners kidnapped, tortured and beat to death a deputy minister.", 1),
    ("A rights activist was shot by unknown assailants outside her home.", 1),
    ("A mayoral candidate was shot in the head and killed by unidentified attackers.", 1),
    ("A party official was shot in front of his home and died of his wounds.", 1),
    ("Militants shot 41 civilians as they tried to flee the city.", 41),
    # ... but "shot" with wounds, "shot at", "shot down" are no killings
    ("A protester was shot in the leg and taken to hospital.", None),
    ("Soldiers shot at the crowd outside the stadium.", None),
    ("A helicopter was shot down over the mountains.", None),
    # more phrasings
    ("Police launched a hunt for the killers of five women in the village.", 5),
    ("Authorities have exhumed 45 corpses from mass graves since Sunday.", 45),
    ("Six decapitated bodies were discovered in the state capital.", 6),
    ("A baby and a 17-year-old boy were among six people shot dead at a house.", 6),
    ("Two adults and four children died in a hail of bullets at the restaurant.", 6),
    ("A rights activist and her U.S-born daughter have been killed in their home.", 2),
    ("Five children playing with an unexploded mortar round were killed.", 5),
    ("The civilian death toll from an attack late on Thursday by militants on a seaside restaurant in the "
     "capital has risen to 6, police said.", 6),
    ("Medics said five dead bodies and 85 injured people were brought to the hospital.", 5),
])
def test_single_victims_and_phrasings(text, want):
    assert count(text) == want


def _reading(text):
    m = main_claim(extract_claims(text, PUB))
    return None if m is None else (m["killed_low"], m["killed_best"], m["killed_high"])


@pytest.mark.parametrize("text,want", [
    ("8-10 people were killed in the raid.", (8, None, 10)),
    ("Some 20 to 30 villagers were killed.", (20, None, 30)),
    ("The number of dead was put at 15 to 20.", (15, None, 20)),
    ("Half a dozen soldiers were killed at the post.", (6, 6, 6)),
    ("Tens of people were killed in the shelling.", (20, None, 99)),
    ("A 10-year-old boy was killed by a sniper.", (1, 1, 1)),
])
def test_ranges_and_vague_counts(text, want):
    assert _reading(text) == want


@pytest.mark.parametrize("text,want", [
    # a period toll's one-day part is the day's event
    ("The monitor said 900 civilians had been killed in the enclave since the offensive began, including "
     "41 on Tuesday in Douma.", 41),
    # a follow-up strike on the same place adds to the event
    ("An air strike on a market in Ariha killed 8 people. Hours later a second strike on the same town "
     "killed 3 rescuers who had come to help.", 11),
    # "separately" does not
    ("A Russian air strike killed 7 people in Jisr al-Shughur, while separately 2 people died in shelling "
     "on Kansafra.", 7),
])
def test_periods_and_follow_ups(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    ("Thousands of Syrians could be killed if the fighting reaches the camps, the UN warned.", None),
    ("At least 31 people were killed in air strikes on a market on Monday, in one of the deadliest days "
     "since the offensive began in April. The monitor put the toll at 39.", 31),
    ("Boko Haram fighters killed 'many' villagers in Dapchi; residents counted 12 bodies in the street.", 12),
])
def test_projections_and_comparisons(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    ("The blast in the town, which has been hit repeatedly, killed a nurse, two doctors and a patient.", 4),
    ("The strike killed a fighter and destroyed a vehicle.", 1),
    ("More than 100 people have been killed in the region this month, including 12 in Tuesday's attack "
     "on a market.", 12),
])
def test_last_conjunct_and_month_tolls(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    ("A family of seven was wiped out when a missile struck their home.", 7),
    ("A car bomb killed at least 40 people on Tuesday. The toll rose to 46 on Wednesday after six of the "
     "wounded died.", 46),
])
def test_wiped_out_and_updates(text, want):
    assert count(text) == want


@pytest.mark.parametrize("text,want", [
    # another day's or another place's toll told with "also" is another event
    ("Barrel bombs killed 18 civilians in al-Bureij. Twenty-six civilians were also killed yesterday when "
     "jets pounded the neighbourhood of al-Maghayer.", 18),
    # "also" belongs to its own count, not to a later total in the same sentence
    ("Air strikes on a school killed 22 children, UNICEF said. Six teachers also died, while the monitor "
     "said that 35 people in total had died.", 28),
    # a number before a count is no modifier of it ("Get short URL 4016 At least 12 civilians ...")
    ("Get short URL 4016 At least 12 civilians were reportedly killed in coalition air strikes.", 12),
    # "last month" is a date, not a period toll
    ("After militias expelled jihadists last month, the jihadists attacked the town, killing 17.", 17),
    # mercenaries are combatants
    ("Some 120 extremists and 60 foreign mercenaries were killed in air strikes, the ministry said.", 180),
])
def test_news_articles(text, want):
    assert count(text) == want


def test_as_well_as_joins_a_list():
    assert count("The shelling killed three farmers as well as a shepherd and his son.") == 5
