"""Who was counted: the victim-group lexicon (communities with their spelling
variants, civilian/combatant nouns) and the kinds of counted nouns.

    >>> community_in("members of the Druse minority")
    'druze'
"""

from __future__ import annotations

import re

#: community → spelling variants (lower case, matched as whole words)
COMMUNITIES = {
    "alawite": ("alawite", "alawites", "alawi", "alawis", "alawiyya", "nusayri", "nusayris"),
    "druze": ("druze", "druzes", "druse", "druses"),
    "sunni": ("sunni", "sunnis", "sunnite"),
    "shia": ("shia", "shiite", "shiites", "shi'ite", "shi'ites", "shias"),
    "christian": ("christian", "christians"),
    "ismaili": ("ismaili", "ismailis"),
    "kurd": ("kurd", "kurds", "kurdish"),
    "bedouin": ("bedouin", "bedouins"),
    "yazidi": ("yazidi", "yazidis", "ezidi"),
}
_COMMUNITY_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(v) for vs in COMMUNITIES.values() for v in vs), key=len, reverse=True))
    + r")\b", re.IGNORECASE)
_COMMUNITY_OF = {v: k for k, vs in COMMUNITIES.items() for v in vs}

CIVILIAN_NOUNS = frozenset(
    "civilian civilians villager villagers resident residents worshippers worshipper women woman "
    "children child girls girl boys boy students student journalist journalists farmers farmer "
    "shepherd shepherds doctor doctors teacher teachers family families relatives pilgrims "
    "passengers passenger protesters protester demonstrators shoppers patients infants baby babies "
    "elderly displaced refugees migrants workers worker employees employee aid".split())
COMBATANT_NOUNS = frozenset(
    "soldier soldiers troops troop fighter fighters militants militant combatants combatant "
    "policemen policeman police officers officer personnel guards guard servicemen gunmen "
    "insurgents insurgent rebels rebel jihadists jihadist terrorists terrorist members member "
    "recruits conscripts militiamen militiaman mercenaries mercenary extremists extremist".split())
PEOPLE_NOUNS = frozenset(
    "people persons person individuals elders leaders officials chiefs inmates prisoners detainees men man others victims bodies body corpses "
    "inhabitants locals citizens nationals foreigners tourists".split()) | CIVILIAN_NOUNS | COMBATANT_NOUNS
#: nouns that make a count one of incidents rather than people
INCIDENT_NOUNS = frozenset(
    "episodes episode incidents incident attacks attack massacres massacre raids raid killings "
    "shootings bombings explosions ambushes assaults strikes airstrikes operations cases events".split())
#: nouns that make a count not a casualty count at all
DISTRACTOR_NOUNS = frozenset(
    "videos video photos photographs images pictures footage clips recordings witnesses witness "
    "interviews testimonies documents reports report statements years year months month weeks week "
    "days day hours hour minutes minute seconds km kilometres kilometers miles mile metres meters "
    "feet percent per cent dollars pounds euros liras times vehicles cars trucks buses homes houses "
    "buildings villages village towns town cities provinces districts neighbourhoods neighborhoods "
    "rockets missiles shells rounds bullets mortars drones tanks arrests "
    "checkpoints posts positions sites mosques churches schools hospitals articles pages "
    "journalists' outlets organisations organizations groups factions sources".split())
#: nouns of animals: their counts are never victims ("20 herdsmen and 83 cows were killed")
ANIMAL_NOUNS = frozenset("cattle cows cow goats goat sheep pigs pig camels camel livestock animals animal "
                         "horses horse donkeys donkey dogs dog chickens birds cats".split())
#: perpetrator nouns: a subject count of these is not a victim count when they act
ACTOR_NOUNS = frozenset("gunmen attackers assailants militants fighters troops soldiers forces "
                        "men insurgents rebels jihadists bombers".split())


def community_in(text: str) -> str | None:
    """The first community named in ``text`` (normalised key), or None."""
    m = _COMMUNITY_RE.search(text)
    return _COMMUNITY_OF[m.group(1).lower()] if m else None


def noun_kind(word: str) -> str | None:
    """``person``, ``incident``, ``distractor`` or None (unknown word)."""
    w = word.lower()
    if w in INCIDENT_NOUNS:
        return "incident"
    if w in DISTRACTOR_NOUNS or w in ANIMAL_NOUNS:
        return "distractor"
    if w in PEOPLE_NOUNS:
        return "person"
    return None


def status_of(words: list[str]) -> str:
    """civilian / combatant / mixed / unknown from the nouns describing the victims."""
    ws = {w.lower() for w in words}
    civ = bool(ws & CIVILIAN_NOUNS)
    com = bool(ws & (COMBATANT_NOUNS - {"members", "member"}))
    if civ and com:
        return "mixed"
    return "civilian" if civ else "combatant" if com else "unknown"


def victim_group(community: str | None, status: str) -> str:
    """The claim's ``victim_group`` label: "alawite civilians", "combatants", "people"."""
    noun = {"civilian": "civilians", "combatant": "combatants"}.get(status, "people")
    return f"{community} {noun}" if community else noun
