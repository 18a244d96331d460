"""Sentence-level rules that turn article text into casualty claims.

    from tally.extract import extract_claims
    claims = extract_claims(text, published=date(2025, 3, 12))

A *trigger* is a casualty word (killed, died, executed, wounded, abducted,
"death toll", "bodies of"). Each trigger takes one count: the count right after
it ("killing 10 women", "death toll rose to 35"), else the nearest count before it
whose words up to the trigger are only auxiliaries and adverbs ("13 people were
killed", "12 dead"), else one person when a single victim is meant ("a man was shot
dead", "gunmen killed a journalist"). Counts of videos, witnesses, years or
villages never take a trigger, nor do dates and ages (see :mod:`.numbers`), and a
count of actors who *do* the killing ("gunmen killed...") is not a victim count.
Counts after "including"/"among them" are subtotals.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import replace as dc_replace

from tally.extract.attribution import attribution_in, denies
from tally.extract.context import about_syria, when_in, where_in
from tally.extract.groups import (
    ACTOR_NOUNS,
    CIVILIAN_NOUNS,
    COMBATANT_NOUNS,
    community_in,
    noun_kind,
    status_of,
    victim_group,
)
from tally.extract.numbers import LEXICON_VERSION, Count, Token, find_counts, tokenize
from tally.extract.sentences import Sentence, split_sentences
from tally.extract.victims import PERSON_HEADS, SINGLE_DETERMINERS, conjunct_at, victim_list
from tally.extract.victims import total as list_total

#: trigger word → what it counts; multi-word triggers are matched on tokens
_TRIGGERS = {
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed",
    "slain": "killed", "slaughtered": "killed", "massacred": "killed", "murdered": "killed",
    "died": "killed", "dead": "killed", "deaths": "killed", "perished": "killed",
    "lives": "killed", "bodies": "killed", "body": "killed", "corpses": "killed",
    "toll": "killed", "die": "killed", "dies": "killed", "fatalities": "killed",
    "assassinated": "killed", "assassinate": "killed", "assassinating": "killed",
    "assassination": "killed", "murder": "killed", "lynched": "killed", "hanged": "executed",
    "killers": "killed", "killer": "killed", "murderers": "killed", "beheads": "executed",
    "behead": "executed", "beheading": "executed",
    "executed": "executed", "execute": "executed", "executing": "executed", "executions": "executed",
    "beheaded": "executed", "decapitated": "executed", "execution": "executed", "decapitate": "executed",
    "slaying": "killed", "slayings": "killed", "killings": "killed", "murders": "killed",
    "injured": "injured", "wounded": "injured", "wounding": "injured",
    "injuring": "injured", "hurt": "injured", "injuries": "injured", "injuring.": "injured",
    "abducted": "abducted", "kidnapped": "abducted", "abducting": "abducted",
    "kidnapping": "abducted",
}
#: triggers that are transitive verbs: "killed five" has them before their count
_VERBS = frozenset("killed kill kills killing slaughtered massacred murdered executed execute decapitated lynched "
                   "assassinated assassinate assassinating hanged beheads behead "
                   "executing beheaded injured wounded wounding injuring hurt abducted kidnapped "
                   "abducting kidnapping".split())
#: triggers read before the count with a short gap: "death toll rose to 35", "the bodies of 12"
_FORWARD = {"toll": 6, "number": 6, "death": 2, "bodies": 3, "remains": 4, "body": 3, "corpses": 3, "deaths": 2, "executions": 2,
            "lives": 1, "fatalities": 2}
_AUX = frozenset("were was are is have has had been being be reportedly allegedly also all later "
                 "feared believed confirmed reported said known thought found shot summarily "
                 "brutally on in overnight yesterday today subsequently then more others other "
                 "people were, more, , ( ) - — so far earlier burned burnt stabbed beaten hacked tortured starved "
                 "crushed bludgeoned stoned to".split())
_IRREGULAR_PARTICIPLES = frozenset("shot beaten taken stabbed hit held seized caught bound thrown driven "
                                   "dragged".split())
_DETERMINERS = frozenset("a an the his her their its this that these those for after".split())
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_BREAK = frozenset("said say says told when after as while who which that because but ; . : if "
                   "where whom whose before".split())
#: "threatened to kill", "vowed to execute": an intention, not a killing
_INTENT = frozenset("threatened threatening threatens threaten vowed vows vow vowing plan plans planned "
                    "planning tried trying try attempted attempting attempt sought seeking intended intend "
                    "wanted want wants aimed aiming".split())
#: a modal before a casualty verb makes it a possibility: "thousands could die"
_MODALS = frozenset("could may might would will can cannot".split())
#: nouns of killing read with "of" and the count after it: "the killing of 7 farmers"
_OF_FORWARD = frozenset("killing killings slaying slayings massacre murder murders execution executions "
                        "deaths killers killer murderers".split())
#: what makes counted bodies dead people: "12 bodies were found"
_FOUND = frozenset("found discovered recovered retrieved unearthed pulled exhumed buried dumped counted "
                   "identified".split())
#: "no one was killed", "nobody died": nobody
_NOBODY = re.compile(r"\b(?:no\s+one|no-one|nobody|none|not\s+one|no\s+(?:one\s+else|casualties|deaths))\b[^.;]*$",
                     re.IGNORECASE)
#: a natural disaster's dead are not casualties of violence
_DISASTER = re.compile(r"\b(?:earthquakes?|quakes?|floods?|flooding|landslides?|avalanches?|hurricanes?|cyclones?|"
                       r"typhoons?|tsunamis?|storms?|tornado(?:es)?|heat\s?waves?)\b", re.IGNORECASE)
#: words before "N lives" that make them lost: "cost more than 500 lives"
_LIVES_VERBS = frozenset("cost costs costing claimed claiming claim claims took taking take takes lost "
                         "losing".split())
#: a toll of the whole war or of a long period, not of one event: "more than 300000 people have been
#: killed since the conflict began", "the war has killed", "in six years of conflict"
_CUMULATIVE = re.compile(
    r"\bsince\b[^.;]{0,60}?\b(?:conflict|war|uprising|revolt|revolution|crisis|protests|fighting|offensive|"
    r"campaign|bombardment|assault|siege)\b"
    r"|\bsince\s+(?:the\s+(?:start|beginning|outbreak)\b|(?:early\s+|mid-?\s*|late\s+)?(?:19|20)\d\d\b)"
    r"|\b(?:conflict|war|uprising|crisis)\b[^.;]{0,30}?\b(?:began|erupted|started|broke\s+out)\b"
    r"|\b(?:war|conflict|fighting)\s+(?:has|have|had)\s+(?:since\s+)?(?:killed|claimed|left|cost)\b"
    r"|\b(?:years?|months)\s+of\s+(?:war|conflict|turmoil|fighting|violence|civil\s+war)\b"
    r"|\b(?:during|throughout|in)\s+the\s+(?:[\w-]+\s+){0,2}(?:war|conflict)\b(?!\s+(?:monitor|zone))"
    r"|\bsince\s+(?:last\s+|early\s+|late\s+|mid-?\s*)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b"
    r"|\bbringing\s+(?:the\s+)?(?:total|(?:overall\s+|death\s+)?toll)\b"
    r"|\b(?:so\s+far\s+)?this\s+(?:month|year)\b(?!['’])|\bin\s+the\s+past\s+(?:\w+\s+)?(?:months?|years?)\b",
    re.IGNORECASE)
#: an earlier event's count beside the reported one: "a day after 18 died"
_EARLIER = re.compile(r"\b(?:days?|weeks?|hours?|months?)\s+(?:after|following)\b(?P<gap>[^.;\d]{0,120})$"
                      r"|\bsince\s+[^.;]{0,40}?\bwhen\b(?P<gap2>[^.;\d]{0,60})$", re.IGNORECASE)
#: a past event recalled: "five years after the attack that killed 1,400", "the anniversary of"
_ANNIVERSARY = re.compile(r"\b(?:years?\s+(?:after|since)|anniversary\s+of)\b[^.;\d]{0,120}$", re.IGNORECASE)
#: a later count in another place or incident adds nothing to the first: "in two more incidents"
_ELSEWHERE = re.compile(r"\b(?:another|other|more|separate|different)\s+(?:incidents?|attacks?|strikes?|raids?|"
                        r"places?|areas?|towns?|villages?|cities|provinces?)\b|\belsewhere\b|\bseparately\b",
                        re.IGNORECASE)
#: a count that adds to the one before it: "two more", "another two", "three others"
#: a later sentence's victims added to the event's: "Two children were also killed"
_ALSO = re.compile(r"\b(?:was|were|been|have|has|had)\s+also\s+(?:been\s+)?(?:killed|shot|found|murdered|executed)\b"
                   r"|\balso\s+(?:killed|died|shot\s+dead|executed|murdered)\b", re.IGNORECASE)
#: a follow-up strike of the same event: "Hours later a second strike on the same town killed 3 rescuers"
_FOLLOW_UP = re.compile(r"\ba\s+second\s+(?:air\s*strike|strike|raid|blast|explosion|bomb|shell|attack|"
                        r"missile|device)\b|\b(?:hours|minutes|moments)\s+later\b", re.IGNORECASE)
_OTHER_TIME = re.compile(r"\b(?:yesterday|earlier|last\s+(?:week|month|night)|the\s+day\s+before|the\s+previous\s+day|"
                         r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in\s+another|"
                         r"in\s+a\s+separate)\b", re.IGNORECASE)
_MORE_BEFORE = re.compile(r"\b(?:another|a\s+further|further|(?:an\s+)?additional)\s*$", re.IGNORECASE)
_MORE_AFTER = re.compile(r"^[\w,-]+(?:\s+[\w-]+)?\s+(?:more|others?)\b|^[\w,-]+\s+(?:more|others?)\b"
                         r"|^[\w,-]+(?:\s+[\w-]+)?\s+(?:later\s+died|died\s+later|(?:later\s+)?succumbed)\b"
                         r"|^[\w-]+\s+of\s+the\s+(?:wounded|injured)\b",
                         re.IGNORECASE)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10}
_ORDINAL = re.compile(r"\ba\s+(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
#: kin and other singular people in a list: "a woman and her three children", "a man, his wife and their sons"
_KIN = frozenset("wife husband son daughter mother father brother sister child baby infant nephew niece "
                 "cousin uncle aunt grandson granddaughter grandfather grandmother fiance fiancee".split())
_POSSESSIVE = frozenset("a an his her their the its local young".split())
#: one person's occupation or role, for lists of victims ("a doctor, a nurse and an ambulance driver")
_ROLES = frozenset("cameraman photographer nurse pharmacist paramedic medic engineer pilot mechanic baker tailor guard bodyguard "
                   "volunteer rescuer fighter militant rebel gunman prisoner detainee pupil neighbour neighbor "
                   "passer-by passerby relative friend colleague owner shopkeeper vendor employee dentist "
                   "nun monk pilgrim refugee soldier mukhtar".split())
#: capitalised words that begin no person's name after a verb ("killed Syrian soldiers")
_NOT_NAMES = frozenset("the a an syrian syrians kurdish turkish russian israeli iranian iraqi islamic state government "
                       "army police rebel rebels security regime opposition free democratic national monday tuesday "
                       "wednesday thursday friday saturday sunday january february march april may june july august "
                       "september october november december at least more dozens hundreds".split())
_AFTER_NAME = frozenset(", and . in on at outside near during inside while as after when ; who".split())
#: a later figure that updates the lead's: "the death toll rose to 20"
_UPDATE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|victims|fatalities)|casualty\s+figures?)\b[^.;]{0,40}?"
    r"\b(?:rose|risen|rising|rises|climbed|increased|reached|jumped|mounted|revised)\b"
    r"|\b(?:rose|risen|climbed|increased|raised|revised)\b[^.;]{0,40}?\bto\b"
    # Arabic: "وارتفعت حصيلة القتلى إلى 7"، "لترتفع الحصيلة إلى"، "ارتفاع عدد الضحايا"
    r"|(?:ارتفعت|ارتفع|لترتفع|ليرتفع|ترتفع|يرتفع|ارتفاع)\s+(?:ال)?(?:حصيلة|عدد)", re.IGNORECASE)
#: a sentence in which an actor claims an attack
_RESPONSIBILITY = re.compile(r"\bclaim(?:s|ed)?\s+(?:full\s+)?(?:responsibility\b|the\s+(?:[\w-]+\s+){0,4}?"
                             r"(?:attack|bombing|blast|explosion|assault)\b)", re.IGNORECASE)
#: a window longer than this is a tally over a period, not an event
_CUMULATIVE_DAYS = 62
_SUBTOTAL = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|incl\.)\s*$", re.IGNORECASE)
_SINGLE_AUX = re.compile(r"\b(?:was|has\s+been|had\s+been|is)\s+(?:\w+\s+){0,3}$"
                         r"|\b(?:was|has\s+been|had\s+been)\s+\w+ed\b[^.;,]{0,40}\band\s+(?:later\s+)?$", re.IGNORECASE)
_SINGULAR_NOUNS = frozenset(
    "man woman boy girl child journalist leader chief elder official officer soldier policeman "
    "activist doctor teacher student imam priest farmer shepherd mayor judge commander member "
    "physician lawyer man, civilian resident villager worker driver politician candidate "
    "businessman trader photographer reporter cleric sheikh son daughter father mother brother "
    "sister wife husband head governor director publisher president commissioner chairman "
    "professor scholar priest pastor bishop chieftain".split())


@dataclass
class _Mention:
    count: Count
    noun: str | None
    nouns: list[str]
    kind: str | None  # person / incident / distractor / None
    end_i: int        # token index after the counted noun phrase
    end: int          # character end of the counted noun phrase
    subtotal: bool
    bound: bool = False


def _mentions(text: str, toks: list[Token]) -> list[_Mention]:
    out = []
    for c in find_counts(text, toks):
        noun = kind = None
        nouns: list[str] = []
        k, end_i, end = c.j, c.j, c.end
        if k < len(toks) and toks[k].low == "of":
            k += 1
        if k < len(toks) and toks[k].low in ("the", "them"):
            k += 1
        for step in range(4):
            if k + step >= len(toks):
                break
            t = toks[k + step]
            kd = noun_kind(t.low)
            if kd == "distractor" and k + step + 1 < len(toks) and noun_kind(toks[k + step + 1].low) == "person":
                continue  # "village elders", "aid workers"
            if step == 0 and t.low in ("more", "other", "additional", "further"):
                continue  # "eight more bodies"
            if k + step + 1 < len(toks) and toks[k + step + 1].low in ("bodies", "corpses") and t.text.isalpha() \
                    and t.low != "dead":
                continue  # "six decapitated bodies", "11 charred bodies"
            if step > 0 and t.low in _DETERMINERS or t.low in ("including", "among") or t.text[:1].isdigit():
                break
            if kd is not None or t.low in ACTOR_NOUNS:
                noun, kind, end_i, end = t.text, kd or "person", k + step + 1, t.end
                nouns.append(t.low)
                # "combatants and civilians": the group is all of them
                while end_i + 1 < len(toks) and toks[end_i].low in ("and", ",", "or") and (
                        noun_kind(toks[end_i + 1].low) == "person" or toks[end_i + 1].low in ACTOR_NOUNS):
                    nouns.append(toks[end_i + 1].low)
                    end_i, end = end_i + 2, toks[end_i + 1].end
                break
            if t.low in _TRIGGERS or t.low in _AUX or t.low in _BREAK or not re.match(r"\w", t.text) \
                    or t.low in ("and", "or", "in", "of", "by", "to", "with", "from", "at", "near", "outside",
                                 "inside", "during", "across", "around", "between", "under", "for"):
                break
        prefix = text[max(0, c.start - 30):c.start]
        sub = bool(_SUBTOTAL.search(prefix)) or _in_subtotal_list(text, toks[0].start, c.start) or (
            [t.low for t in toks[c.j:c.j + 2]] in (["of", "them"], ["of", "whom"])
            and c.i > 0 and toks[c.i - 1].low in (",", "-", "—", "–", "("))  # "12 people, two of them children"
        if not sub and c.i > 0 and toks[c.i - 1].low in (",", "(", "-", "—", "–"):
            # "15 civilians, 3 children among them, killed": a part told before "among them"
            q = next((q for q in range(c.j, min(c.j + 4, len(toks) - 1)) if toks[q].low in (",", ")", "-", "—", "–")
                      or [t.low for t in toks[q:q + 2]] in (["among", "them"], ["among", "whom"])), None)
            sub = q is not None and [t.low for t in toks[q:q + 2]] in (["among", "them"], ["among", "whom"])
        if sub and _AFTER_CASUALTIES.search(text, max(0, c.start - 60), c.start):
            sub = False  # "12 casualties, including 4 dead": the dead are the death count, not a part of one
        if any(t.low in ("casualties", "casualty") for t in toks[k:k + 2]):
            kind = "distractor"  # dead and wounded together: no death count
        out.append(_Mention(c, noun, nouns, kind, end_i, end, sub))
    return out


#: the parts of a casualty count ("dead and wounded"): its dead are the event's death count
_AFTER_CASUALTIES = re.compile(r"\bcasualties,?\s+(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)"
                               r"\s+(?:at\s+least|some|about|around|nearly|more\s+than)?\s*$", re.IGNORECASE)


#: "including", "among them" opens a list of parts that runs to the end of the aside
_SUBTOTAL_OPEN = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|incl\.)\s"
                            r"(?P<rest>[^.;:()\u2013\u2014]{0,100})$", re.IGNORECASE)
_COMBATANTS = COMBATANT_NOUNS - {"members", "member"}
_PERPETRATORS = frozenset("attackers attacker assailants assailant gunmen gunman bombers bomber kidnappers "
                          "abductors raiders".split())
_CLAUSE_WORDS = frozenset("were was are is have has had said says who which when while".split())


def _in_subtotal_list(text: str, s_start: int, at: int) -> bool:
    """Whether the count at ``at`` is a later item of an "including ..." list ("eleven
    people, including a Colombian national and three minors, were killed": three is a part)."""
    m = _SUBTOTAL_OPEN.search(text, s_start, at)
    if m is None:
        return False
    words = re.findall(r"[\w'’-]+", m.group("rest").lower())
    return not any(w in _CLAUSE_WORDS or w in _TRIGGERS for w in words)


#: Casualty phrases of several words: first word → (the words after it, each a
#: set of alternatives; what the phrase asserts).
_PHRASES: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {
    "shot": [((frozenset({"dead"}),), "killed")],
    "put": [((frozenset({"to"}), frozenset({"death"})), "executed")],
    "lost": [((frozenset({"their"}), frozenset({"lives"})), "killed")],
    "fatally": [((frozenset({"shot", "wounded", "stabbed", "injured"}),), "killed")],
    "gunned": [((frozenset({"down"}),), "killed")],
    "wiped": [((frozenset({"out"}),), "killed")],
    **{w: [((frozenset({"to"}), frozenset({"death"})), "killed")]
       for w in ("stabbed", "beaten", "beat", "burned", "burnt", "tortured", "hacked", "bludgeoned", "stoned",
                 "starved")},
}


for _w in ("burned", "burnt", "burning", "buried", "burying"):
    _PHRASES.setdefault(_w, []).append(((frozenset({"alive"}),), "killed"))  # "burnt alive", "burning alive"


def _phrase_at(toks: list[Token], i: int) -> tuple[int, str] | None:
    """(length in tokens, what) of a casualty phrase starting at token ``i``."""
    for rest, what in _PHRASES.get(toks[i].low, ()):
        if i + len(rest) < len(toks) and all(
                toks[i + 1 + k].low in words for k, words in enumerate(rest)):
            return 1 + len(rest), what
    return None


def _triggers(toks: list[Token]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, what) of each casualty trigger."""
    out = []
    i = 0
    while i < len(toks):
        w = toks[i].low
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if i > 1 and toks[i - 1].low == "to" and toks[i - 2].low in _INTENT:
            i += 1  # "threatened to kill hundreds"
            continue
        if i > 0 and toks[i - 1].low in _MODALS or i > 1 and toks[i - 2].low in _MODALS and toks[i - 1].low == "be" \
                or i > 1 and toks[i - 2].low in ("could", "would") and toks[
                i - 1].low == "have" or i > 2 and toks[i - 3].low in ("could", "would") and toks[i - 2].low == "have" \
                and toks[i - 1].low == "been":
            i += 1  # "thousands could die", "hundreds could have been killed": a fear, not a death
            continue
        if w == "death" and i > 0 and toks[i - 1].low == "to" and any(
                t.low in ("sentenced", "sentence", "sentences", "condemned", "sentencing") for t in toks[max(0, i - 8):i]):
            i += 1  # "sentenced five men to death": a sentence, not a killing
            continue
        if w == "massacre" and nxt == "of":
            out.append((i, i + 1, "killed"))  # "the massacre of 12 villagers"
            i += 1
            continue
        if w == "lives" and nxt != "of" and _lost_lives(toks, i):
            out.append((i, i + 1, "killed"))
            i += 1
            continue
        phrase = _phrase_at(toks, i)
        if phrase:
            length, what = phrase
            out.append((i, i + length, what))
            i += length
            continue
        if w in _TO_DEATH_VERBS and any([t.low for t in toks[j:j + 2]] == ["to", "death"]
                                          for j in range(i + 2, min(i + 9, len(toks)))) \
                and not any(t.low in _BREAK for t in toks[i + 1:i + 8] if t.low not in ("to",)):
            out.append((i, i + 1, "killed"))  # "hacked an elderly priest to death"
            i += 1
            continue
        if w == "shot" and nxt in ("him", "her") and i + 2 < len(toks) and toks[i + 2].low == "dead":
            out.append((i, i + 3, "killed"))  # "shot him dead"
            i += 3
            continue
        if w == "shot" and _shot_is_killed(toks, i):
            out.append((i, i + 1, "killed"))  # "was shot by assailants", "ISIS shot 41 civilians"
            i += 1
            continue
        if w == "number" and nxt == "of" and i + 2 < len(toks) and toks[i + 2].low in (
                "dead", "deaths", "victims", "fatalities", "killed"):
            out.append((i, i + 3, "killed"))  # "the number of dead was put at 15 to 20": a toll
            i += 3
            continue
        if w == "number" and nxt == "of" and i + 3 < len(toks) and toks[i + 2].text.isalpha() \
                and toks[i + 3].low in ("killed", "dead") and toks[i + 2].low not in ("the", "those", "people's"):
            out.append((i, i + 4, "killed"))  # "raising the number of civilians killed since April to 230"
            i += 4
            continue
        if w == "remains" and nxt == "of":
            out.append((i, i + 1, "killed"))  # "the remains of 40 people"
        elif w in ("lives", "body", "bodies", "corpses", "death"):
            if nxt == "of" or (w == "death" and i > 0 and toks[i - 1].low == "to"):
                out.append((i, i + 1, "killed"))
        elif w == "toll":
            out.append((i, i + 1, "killed"))
        elif w in ("wounded", "injured") and i > 0 and toks[i - 1].low == "the" and nxt in (
                "died", "succumbed", "later", "have", "had"):
            pass  # "two of the wounded died": the wounded are who died
        elif w in _TRIGGERS and w not in ("lives",):
            if w == "dead" and i > 0 and toks[i - 1].low == "shot":
                pass
            else:
                out.append((i, i + 1, _TRIGGERS[w]))
        i += 1
    return out


_TO_DEATH_VERBS = frozenset("hacked beat beaten stabbed stoned tortured clubbed bludgeoned burned burnt "
                            "kicked whipped flogged".split())
_INJURY_WORDS = frozenset("wounded injured injuries injury hurt hospital hospitalised hospitalized survived "
                          "survive surviving critical stable treated treatment recovering wounds wound leg legs arm "
                          "arms foot feet hand hands shoulder knee knees thigh".split())


def _shot_is_killed(toks: list[Token], i: int) -> bool:
    """Whether "shot" at token ``i`` reports a killing: in event descriptions "was shot by
    assailants" and "ISIS shot 41 civilians" are deaths, unless the sentence speaks of wounds
    or hospitals ("was shot in the leg and taken to hospital"); never "shot at", "shot down"."""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if nxt in ("at", "down", "up", "himself", "herself", "themselves", "dead", "and", "a", "an", "video", "footage",
               "through", "into", "to", "him", "her", "them"):
        return False
    if any(t.low in _INJURY_WORDS for t in toks):
        return False
    prev = toks[i - 1].low if i else ""
    passive = prev in ("was", "were", "been", "reportedly", "fatally", "allegedly", "later", "also")
    active = nxt[:1].isdigit() or bool(find_counts(nxt)) if nxt else False
    return passive or active


def _lost_lives(toks: list[Token], i: int) -> bool:
    """Whether "lives" at token ``i`` ends "cost/claimed (the) (more than) N lives"."""
    for k in range(i - 1, max(-1, i - 6), -1):
        if toks[k].low in _LIVES_VERBS:
            return True
        if not (toks[k].text[:1].isdigit() or toks[k].low in ("the", "more", "than", "over", "at", "least",
                                                               "nearly", "about", "some", "almost", "of")
                or toks[k].low.isalpha() and find_counts(toks[k].text)):
            return False
    return False


def _subject_of_next(toks: list[Token], m: _Mention, trigs: list[tuple[int, int, str]]) -> bool:
    """Whether mention ``m`` is the subject of the trigger right after it
    ("killed 8, 58 others injured": 58 were injured, not killed)."""
    k = m.end_i
    while k < len(toks) and toks[k].low in ("others", "other", "more", "were", "are", "was", "have", "has",
                                             "been", "also"):
        k += 1
    return any(a == k for a, _, _ in trigs)


def _is_verb(toks: list[Token], a: int) -> bool:
    """Whether the trigger at token ``a`` is a transitive verb ("killed", "shot dead")."""
    return toks[a].low in _VERBS or toks[a].low in ("shot", "gunned", "put", "fatally", "stabbed", "beaten", "beat",
                                                     "burning",
                                                     "burying", "buried",
                                                     "burned", "burnt", "tortured", "hacked", "bludgeoned",
                                                     "stoned", "starved")


def _gap_ok(toks: list[Token], a: int, b: int) -> tuple[bool, bool]:
    """Whether tokens [a, b) may stand between a subject count and its trigger;
    and whether they hold an auxiliary (a passive: "were killed")."""
    if b - a > 12:
        return False, False
    if b - a >= 2 and toks[b - 1].low == "and":
        # "were attacked and killed", "have been ambushed, robbed and murdered": verbs coordinated
        # with the trigger share its subject
        q = b - 2
        while q >= a and (toks[q].low.endswith("ed") or toks[q].low in _IRREGULAR_PARTICIPLES or toks[q].low == ","):
            q -= 1
        if q < b - 2:
            b = q + 1
    aux = False
    depth = 0
    prev = ""
    for t in toks[a:b]:
        w = t.low
        if w in ("(", ","):
            depth += 1 if w == "(" else 0
        the_noun = w in ("wounded", "injured") and prev == "the"  # "two of the wounded died"
        prev = w
        if the_noun:
            continue
        if w in _BREAK or w in _TRIGGERS:
            return False, False
        if w in ("were", "was", "are", "is", "have", "has", "had", "been"):
            aux = True
        if w.endswith("ed") and len(w) > 4 and t.text[:1].islower() and w not in _AUX \
                and w not in ("alleged", "estimated", "suspected", "armed"):
            return False, False
    return True, aux


def _object_after(toks: list[Token], t_end: int, ms: list[_Mention], limit: int) -> _Mention | None:
    for m in ms:
        if t_end <= m.count.i <= t_end + limit and not m.bound and m.kind != "distractor":
            gap = [t.low for t in toks[t_end:m.count.i]]
            if any(w in _BREAK or w in _TRIGGERS for w in gap):
                return None
            return m
    return None


def _chain(toks: list[Token], ms: list[_Mention], m: _Mention, forward: bool) -> list[_Mention]:
    """``m`` with the counts coordinated with it: "nine men and four women"."""
    chain = [m]
    while True:
        edge = chain[-1] if forward else chain[0]
        nxt = None
        for x in ms:
            if x is edge or x.bound or x.kind in ("distractor", "incident") or x.subtotal:
                continue
            gap = [t.low for t in (toks[edge.end_i:x.count.i] if forward else toks[x.end_i:edge.count.i])]
            if gap in (["and"], [","]) and (x.count.i > edge.count.i) == forward:
                nxt = x
                break
        if nxt is None:
            return chain
        if forward:
            chain.append(nxt)
        else:
            chain.insert(0, nxt)


def _merge(chain: list[_Mention]) -> _Mention:
    if len(chain) == 1:
        return chain[0]
    first, rest = chain[0], chain[1:]
    cs = [x.count for x in chain]
    if all(c.value is not None for c in cs) and first.count.value == sum(c.value for c in cs[1:]):
        return first  # "six people, two Turks and four Somalis": the parts restate the whole
    low = sum(c.low for c in cs) if all(c.low is not None for c in cs) else None
    best = sum(c.best for c in cs) if all(c.best is not None for c in cs) else None
    high = sum(c.high for c in cs) if all(c.high is not None for c in cs) else None
    value = sum(c.value for c in cs) if all(c.value is not None for c in cs) else None
    c = Count(first.count.i, rest[-1].count.j, first.count.start, rest[-1].count.end, low, best, high,
              first.count.qualifier, value)
    return _Mention(c, rest[-1].noun, [n for x in chain for n in x.nouns], rest[-1].kind, rest[-1].end_i, rest[-1].end,
                    any(x.subtotal for x in chain))


def _person_at(toks: list[Token], k: int) -> int | None:
    """The token after "a man", "his wife", "a local chief" starting at ``k``, or None."""
    if k >= len(toks) or toks[k].low not in _POSSESSIVE:
        return None
    for j in range(k + 1, min(k + 4, len(toks))):
        w = toks[j].low
        if w in _SINGULAR_NOUNS or w in _KIN or w in _ROLES or w in PERSON_HEADS:
            return j + 1
        if not w.isalpha() or w in _TRIGGERS or w in ("and", "or") or noun_kind(w) is not None and not (
                j + 1 < len(toks) and toks[j + 1].low in PERSON_HEADS):  # "a village preacher"
            return None
    return None


def _singles_before(toks: list[Token], i: int) -> tuple[int, int]:
    """Singular people listed before the count at token ``i`` ("a woman and her three
    children": 1; "a man, his wife and their four sons": 2), and the first token of the list."""
    n, k, first, linked = 0, i - 1, i, False
    while k >= 0:
        w = toks[k].low
        if w in ("and", ",", "his", "her", "their"):
            linked = linked or w == "and"
            k -= 1
            continue
        if w in _SINGULAR_NOUNS or w in _KIN:
            j = next((j for j in range(k - 1, max(-1, k - 4), -1) if toks[j].low in _POSSESSIVE), None)
            if j is not None and _person_at(toks, j) == k + 1:
                n, first, k = n + 1, j, j - 1
                continue
        break
    return (n, first) if n and linked else (0, i)


def _singles_after(toks: list[Token], k: int, named: bool = False) -> tuple[int, int]:
    """More people listed after a single victim ending before token ``k`` ("a soldier and a
    local chief", "a doctor, a nurse and an ambulance driver"; after a name only with "and":
    "Ali Hassan, 34, and his brother", "Khaled Mansour, a pharmacist, and his son"), and the
    token after them."""
    n = 0
    while k < len(toks):
        if k + 2 < len(toks) and toks[k].low == "," and toks[k + 1].text.isdigit() and toks[k + 2].low == ",":
            k += 3  # ", 34,": an age
            continue
        if named and toks[k].low == "," and (after := _person_at(toks, k + 1)) is not None \
                and after < len(toks) and toks[after].low == ",":
            k = after + 1 if after + 1 < len(toks) and toks[after + 1].low == "and" else after
            if toks[k].low != "and":
                break
            continue  # ", a pharmacist,": who the named victim is
        if toks[k].low == "," and not named and _person_at(toks, k + 1) is not None:
            n, k = n + 1, _person_at(toks, k + 1)
            continue
        if toks[k].low != "and":
            break
        nxt = _person_at(toks, k + 1)
        if nxt is None:
            break
        n, k = n + 1, nxt
    return n, k


_DETERMINED = frozenset("a an his her their the its this that".split())  # not bare: read elsewhere
_ROLE_STOPS = frozenset("in on at near and or of with by from during after before as while for to".split())


def _bare_role_after(toks: list[Token], b: int, ms: list) -> int | None:
    """The token after a single victim told by a bare role right after a verb, with no
    article ("killed activist Omar Darwish", "shot dead local council member Ahmad Khalil",
    "murdered director of the water station"), or None. The role is a singular person noun,
    ending the phrase or followed by a name, "of" or what ends a name."""
    if any(x.count.i == b for x in ms):
        return None
    for j in range(b, min(b + 4, len(toks))):
        t = toks[j]
        if not t.text.isalpha() or not t.text[:1].islower() or t.low in _TRIGGERS or t.low in _ROLE_STOPS \
                or t.low in _DETERMINED or _verbish(t.low):
            return None
        if t.low not in PERSON_HEADS:
            continue
        k = j + 1
        if k < len(toks) and toks[k].text[:1].islower() and toks[k].text.isalpha() and toks[k].low not in _ROLE_STOPS:
            continue  # "rebel commander": the head is later
        while k < len(toks) and k - j <= 4 and toks[k].text[:1].isupper() and toks[k].low not in _NOT_NAMES \
                and re.fullmatch(r"[\w'’-]+", toks[k].text):
            k += 1  # the name after the role
        if k == len(toks) or toks[k].low in _AFTER_NAME or toks[k].low == "of":
            return k
        return None
    return None


def _bare_role_subject(toks: list[Token], a: int, ms: list) -> bool:
    """Whether the trigger at ``a`` follows a sentence-initial bare singular role, a
    headline's subject ("Army officer killed in ...", "Local journalist shot dead")."""
    if not 1 <= a <= 4 or any(x.count.i < a for x in ms) or toks[a - 1].low not in PERSON_HEADS:
        return False
    return toks[0].text[:1].isupper() and all(t.text.isalpha() and t.low not in _DETERMINED for t in toks[:a])


def _name_after(toks: list[Token], b: int) -> int | None:
    """The token after a person's name right after a verb ("killed Nour Aziz, a ..."), or None."""
    j = b
    while j < len(toks) and j - b < 4 and toks[j].text[:1].isupper() and toks[j].text.isalpha() \
            and toks[j].low not in _NOT_NAMES:
        j += 1
    if j - b < 2:
        return None
    return j if j == len(toks) or toks[j].low in _AFTER_NAME else None


def _appositive_gap(toks: list[Token], a: int, b: int, inner_counts: bool = False) -> bool:
    """Whether tokens [a, b) are an aside between a subject count and its passive verb:
    "8 people, they said, were killed"; "24 members of a family ..., most of them women, were killed"."""
    gap = toks[a:b]
    if not gap or len(gap) > 40 or gap[0].low not in (",", "of", "(", "from"):
        return False
    commas = [q for q, t in enumerate(gap) if t.low == ","]
    if not commas:
        return False
    tail = [t.low for t in gap[commas[-1] + 1:]]
    if not tail or not all(w in ("were", "was", "have", "has", "had", "been", "are", "is", "reportedly", "also",
                                 "all", "later") for w in tail) or not set(tail) & {"were", "was", "been"}:
        return False
    return not any(t.low in _TRIGGERS or (t.text[:1].isdigit() and not inner_counts) for t in gap)


@dataclass
class _Hit:
    what: str
    mention: _Mention | None  # None: one person, singular
    trig: tuple[int, int, str]
    sentence: tuple[int, int]
    named_part: bool = False  # a part a total names ("including 17 civilians"), kept only where it is read


def _verbish(w: str) -> bool:
    """Whether a word ends a noun phrase: a verb, auxiliary or clause word."""
    return w in _TRIGGERS or w in _AUX or w in _BREAK or w in _PHRASES or w in _INTENT


def _list_mention(toks: list[Token], conj: list) -> _Mention:
    """One mention for a list of victims (:func:`.victims.victim_list`), its members bound."""
    for c in conj + conj[0].dropped:
        for x in c.mentions:
            x.bound = True
    low, best, high, value = list_total(conj)
    first, last = conj[0], max(conj + conj[0].dropped, key=lambda c: c.end)
    own = [c.mentions[0] for c in conj if not c.single and c.mentions]
    q = own[0].count.qualifier if own and not first.single else "exact"
    cnt = Count(first.start, last.end, toks[first.start].start, toks[last.end - 1].end, low, best, high, q, value)
    nouns = [w for x in own for w in x.nouns]
    return _Mention(cnt, own[-1].noun if own else None, nouns, "person", last.end, toks[last.end - 1].end,
                    False, True)


def _sentence_hits(text: str, s_start: int, s_end: int) -> tuple[list[_Hit], list[_Mention]]:
    toks = tokenize(text, s_start, s_end)
    ms = _mentions(text, toks)
    ms_at = {m.count.i: m for m in ms}
    trigs = _triggers(toks)
    hits: list[_Hit] = []
    done: set[int] = set()
    # 0. counted bodies that were found: "12 bodies were found in a mass grave"
    for m in ms:
        if m.noun and m.noun.lower() in ("bodies", "corpses") and not m.bound and not m.subtotal and (any(
                t.low in _FOUND for t in toks[m.end_i:m.end_i + 10]) or any(
                t.low in _FOUND for t in toks[max(0, m.count.i - 8):m.count.i])):  # "exhumed 45 corpses"
            m.bound = True
            hits.append(_Hit("killed", m, (m.count.i, m.end_i, "killed"), (s_start, s_end)))
    # 1. the count right after a verb or a toll: "killed 12", "killing at least 10 women"
    for n, (a, b, what) in enumerate(trigs):
        w = toks[a].low
        limit = _FORWARD.get(w, 0 if _is_verb(toks, a) else -1)
        if w in ("body", "bodies", "corpses"):
            limit = 2
        if w in _OF_FORWARD and b < len(toks) and toks[b].low == "of":
            limit = 3  # "the killing of 7 farmers", "the massacre of at least 12"
        elif b < len(toks) and toks[b].low == "another" and _is_verb(toks, a):
            limit = 1  # "killed another two"
        elif [t.low for t in toks[b:b + 2]] in (["themselves", "and"], ["himself", "and"], ["herself", "and"]) \
                and _is_verb(toks, a):
            b, limit = b + 2, 1  # "killing themselves and five other people": the bombers are no victims
        elif [t.low for t in toks[b:b + 3]] == ["a", "family", "of"] and _is_verb(toks, a):
            limit = 3  # "executed a family of seven"
        if limit < 0:
            continue
        m = _object_after(toks, b, ms, limit)
        if m is not None and _subject_of_next(toks, m, trigs):
            m = None
        if w in ("toll", "number") and any(t.low in _MODALS or t.low in ("expected", "feared") for t in toks[b:b + 4]):
            continue  # "the toll could rise above 50": a projection
        if m is None and w in ("toll", "number"):
            m = next((x for x in ms if b < x.count.i <= b + 30 and not x.bound and x.kind != "distractor"
                      and toks[x.count.i - 1].low in ("to", "at", "of", "reached", "hit", "is", "was")
                      and not any(t.low in _BREAK for t in toks[b:x.count.i])), None)
        conj = victim_list(toks, ms_at, m.count.i, _verbish) if m is not None and m.kind != "incident" else []
        if (len(conj) > 1 or conj and conj[0].dropped) and not any(x.bound for c in conj for x in c.mentions):
            # "killed a dozen inmates and a female visitor", "seven protesters in Tehran and three in Zahedan"
            merged = _list_mention(toks, conj)
            hits.append(_Hit(what, merged, trigs[n], (s_start, s_end)))
            done.add(n)
            m = None
        elif conj:
            for x in conj[0].mentions[1:]:
                x.bound = True  # "19 people in one house": the house's count is no victim count
        if m is not None and m.kind != "incident":
            chain = _chain(toks, ms, m, forward=True)
            for x in chain:
                x.bound = True
            merged = _merge(chain)
            k = merged.end_i
            while k < len(toks) and k - merged.end_i < 2 and toks[k].text.isalpha() and (
                    toks[k].text[:1].isupper() or toks[k].low.endswith("s")) and toks[k].low not in _TRIGGERS \
                    and toks[k].low not in ("including", "among", "others"):
                k += 1  # "two SDF commanders": words the noun lexicon does not know
            extra = 0
            if k + 1 < len(toks) and toks[k].low == "and" and toks[k + 1].low in ("his", "her", "their"):
                # "killed two commanders and their driver" (the coders' "eight civilians and a
                # soldier" stays eight: a count's list adds only the victims' own kin and staff)
                extra, end_k = _singles_after(toks, k, named=True)
            if extra and merged.kind in ("person", None):
                c = merged.count
                add = (lambda v: None if v is None else v + extra)
                merged = _Mention(Count(c.i, end_k, c.start, toks[end_k - 1].end, add(c.low), add(c.best),
                                        add(c.high), c.qualifier, add(c.value)), merged.noun, merged.nouns,
                                  merged.kind, end_k, toks[end_k - 1].end, merged.subtotal, True)
            hits.append(_Hit(what, merged, trigs[n], (s_start, s_end)))
            done.add(n)
            if what == "injured" and a > 1 and toks[a - 1].low == "and" and toks[a - 2].low in ("killed", "killing"):
                # "killed and wounded 30": the dead are among the 30, at most 30
                k = next((q for q, t in enumerate(trigs) if t[0] == a - 2), None)
                c = merged.count
                upto = Count(c.i, c.j, c.start, c.end, None, None, c.high if c.high is not None else c.value,
                             "up to", c.value)
                hits.append(_Hit("killed", _Mention(upto, merged.noun, merged.nouns, merged.kind, merged.end_i,
                                                    merged.end, False, True), trigs[k] if k is not None else trigs[n],
                                 (s_start, s_end)))
                if k is not None:
                    done.add(k)
    # 2. the nearest subject count before it: "13 people were killed", "12 dead"
    for n, (a, b, what) in enumerate(trigs):
        if n in done:
            continue
        sub = _subject_list(toks, ms_at, trigs, a)
        if sub is not None:
            hits.append(_Hit(what, sub, trigs[n], (s_start, s_end)))
            done.add(n)
            continue
        for m in sorted((m for m in ms if m.end_i <= a), key=lambda m: -m.end_i):
            if m.subtotal or m.kind in ("distractor", "incident"):
                continue
            ok, aux = _gap_ok(toks, m.end_i, a)
            if not ok and _appositive_gap(toks, m.end_i, a):
                ok, aux = True, True
            if not ok:
                # "Thirteen people, among them a family of five who ..., were killed": the
                # count inside the aside is not the subject; the one before it may be
                outer = next((x for x in sorted(ms, key=lambda x: -x.end_i) if x.end_i <= m.count.i
                              and not x.bound and not x.subtotal and x.kind not in ("distractor", "incident")
                              and _appositive_gap(toks, x.end_i, a, inner_counts=True)), None)
                if outer is None:
                    break
                m, ok, aux = outer, True, True
            if m.bound:
                break
            acts = _is_verb(toks, a) and not aux and toks[a].low not in (
                "killed", "wounded", "injured", "hurt", "executed", "abducted", "kidnapped") and not (
                m.count.i > 0 and toks[m.count.i - 1].low == "among")  # "among six people shot dead"
            among = m.count.i > 0 and toks[m.count.i - 1].low == "among"  # "among six people shot dead"
            if not among and acts or (not among and not aux and _is_verb(toks, a) and b < len(toks) and (
                    toks[b].low in ("a", "an", "the", "his", "her", "their", "him", "them", "at")
                    or toks[b].low in _SINGULAR_NOUNS
                    or any(x.count.i == b and not _subject_of_next(toks, x, trigs) for x in ms))):
                break  # "gunmen killed a man": the count does the killing
            chain = _chain(toks, ms, m, forward=False)
            if any(x.subtotal for x in chain):
                continue
            for x in chain:
                x.bound = True
            merged = _merge(chain)
            extra, first = _singles_before(toks, merged.count.i)
            if extra:
                c = merged.count
                add = (lambda v: None if v is None else v + extra)
                merged = _Mention(Count(first, c.j, toks[first].start, c.end, add(c.low), add(c.best), add(c.high),
                                        c.qualifier, add(c.value)), merged.noun, merged.nouns, merged.kind,
                                  merged.end_i, merged.end, merged.subtotal, True)
            hits.append(_Hit(what, merged, trigs[n], (s_start, s_end)))
            done.add(n)
            break
    # 3. one victim: "a man was shot dead", "gunmen killed a journalist"
    for n, (a, b, what) in enumerate(trigs):
        if n in done or what == "injured" and False:
            continue
        w = toks[a].low
        before = text[max(s_start, toks[a].start - 40):toks[a].start]
        single = False
        verb = _is_verb(toks, a)
        if _NOBODY.search(before):
            continue  # "no one was killed"
        if verb or w in ("dead", "died", "slain"):
            if _SINGLE_AUX.search(before) and not re.search(r"\b(?:were|have|are)\b", before):
                single = True
            elif any(t.low in ("him", "her") for t in toks[a:b]) or verb and b < len(toks) and toks[b].low in (
                    "him", "her"):
                single = True  # "shot him dead", "later beheaded him"
            elif w == "died" and [t.low for t in toks[b:b + 3]] in (["of", "his", "wounds"], ["of", "her", "wounds"],
                                                                    ["of", "his", "injuries"], ["of", "her", "injuries"]):
                single = True  # "... was shot and died of his wounds"
            elif verb and b + 1 < len(toks) and toks[b].low in ("a", "an") and not any(
                    x.count.i == b for x in ms):
                single = True
            elif verb and b < len(toks) and toks[b].low == "the" and any(
                    t.low in _SINGULAR_NOUNS or t.low in PERSON_HEADS for t in toks[b + 1:b + 4]):
                single = True
        after = None
        nxt3 = [t.low for t in toks[b:b + 3]]
        if not single and nxt3[:1] == ["of"] and len(nxt3) > 1 and (
                nxt3[1] in ("a", "an") or nxt3[1] == "the" and len(nxt3) > 2 and nxt3[2] in _SINGULAR_NOUNS) \
                and w in ("death", "body", "bodies", "killing", "murder", "assassination", "beheading"):
            single = True  # "the killing of a journalist", "the body of the mayor"
            after = _person_at(toks, b + 1)  # "the bodies of a journalist and his cameraman"
        if not single and w in ("died", "dead") and re.search(
                r"(?:^|\b(?:a|an)\s+(?:[\w-]+\s+){0,3})(?:has|had|was)?\s*$", before, re.IGNORECASE) \
                and re.search(r"\b(?:a|an|has|had)\b", before, re.IGNORECASE) \
                and not any(x.end_i <= a and x.count.i >= a - 6 for x in ms):
            single = True  # "a teacher died", "the governor has died"
        named = False
        if not single and verb and (after := _name_after(toks, b)) is not None:
            single = named = True  # "killed Nour Aziz, a local council member"
        if not single and verb and (after := _bare_role_after(toks, b, ms)) is not None:
            single = named = True  # "killed activist Omar Darwish", "murdered director of the water station"
        if not single and (w in ("killed", "dead", "dies", "died", "murdered", "assassinated", "executed")
                           or w == "shot" and what == "killed") \
                and _bare_role_subject(toks, a, ms):
            single = True  # a headline's "Army officer killed in roadside bombing"
        conj = victim_list(toks, ms_at, b, _verbish) if single and verb and not named else []
        if (len(conj) > 1 or conj and (conj[0].dropped or conj[0].value != 1)) \
                and not any(x.bound for c in conj for x in c.mentions):
            # "killed a judge allied with the rebels and seven members of his family"
            hits.append(_Hit(what, _list_mention(toks, conj), trigs[n], (s_start, s_end)))
            done.add(n)
            continue
        if single:
            if after is None and verb and b < len(toks):
                after = _person_at(toks, b)
            extra, end_k = _singles_after(toks, after, named=named) if after is not None else (0, b)
            if extra:
                first_tok = toks[b]
                cnt = Count(b, end_k, first_tok.start, toks[end_k - 1].end, extra + 1, extra + 1, extra + 1,
                            "exact", extra + 1)
                hits.append(_Hit(what, _Mention(cnt, None, [], "person", end_k, toks[end_k - 1].end, False, True),
                                 trigs[n], (s_start, s_end)))
            else:
                hits.append(_Hit(what, None, trigs[n], (s_start, s_end)))
            done.add(n)
    hits = [_along_with(toks, ms_at, h) for h in hits]
    # 4. the parts a total names: "killed 22 people, including 17 civilians"
    for x in ms:
        if not x.subtotal or x.bound or x.kind in ("distractor", "incident"):
            continue
        owner = max((h for h in hits if h.mention is not None and h.mention.end_i <= x.count.i
                     and not h.mention.subtotal and h.what != "incidents"), key=lambda h: h.mention.end_i, default=None)
        start = max(owner.mention.end_i, owner.trig[1]) if owner is not None else 0
        if owner is None or x.count.i - start > 20 or any(
                t.low in _TRIGGERS or t.low in _CLAUSE_WORDS for t in toks[start:x.count.i]):
            continue
        x.bound = True
        hits.append(_Hit(owner.what, x, owner.trig, owner.sentence, named_part=True))
    return hits, ms


_ALONG = {("along", "with"): 2, ("together", "with"): 2, ("alongside",): 1, ("with",): 1}
_RELATIVE = frozenset("who that which".split())
_CLAUSE_START = frozenset("; : when after as while because but said says say told if before where".split())


def _along_with(toks: list[Token], ms_at: dict, h: _Hit) -> _Hit:
    """A hit with the victims killed "along with" its own added ("the mayor was killed along
    with his wife and three other people": 5; "killed Friday with four others": 5)."""
    a, b, what = h.trig
    if what not in ("killed", "executed") or h.trig[2] == "incidents":
        return h
    k = b
    while k < len(toks) and k - b < 4 and toks[k].low not in ("along", "together", "alongside", "with") \
            and toks[k].text.isalpha() and not _verbish(toks[k].low) and toks[k].low not in ("and", "by"):
        k += 1
    for words, size in _ALONG.items():
        if tuple(t.low for t in toks[k:k + size]) != words:
            continue
        conj = victim_list(toks, ms_at, k + size, _verbish)
        if not conj or any(x.bound for c in conj for x in c.mentions) or any(c.animal for c in conj):
            return h
        if words == ("with",) and not all(c.single or (c.mentions and c.mentions[0].kind == "person")
                                          for c in conj):
            return h  # "killed with two rifles"
        low, best, high, value = list_total(conj)
        for c in conj:
            for x in c.mentions:
                x.bound = True
        end = conj[-1].end
        if h.mention is None:
            cnt = Count(a, end, toks[a].start, toks[end - 1].end, 1 + (low or 0), None if best is None else 1 + best,
                        None if high is None else 1 + high, "exact", None if value is None else 1 + value)
            return _Hit(what, _Mention(cnt, None, [], "person", end, toks[end - 1].end, False, True), h.trig, h.sentence)
        c0 = h.mention.count
        add = (lambda x, y: None if x is None or y is None else x + y)
        cnt = Count(c0.i, end, c0.start, toks[end - 1].end, add(c0.low, low), add(c0.best, best), add(c0.high, high),
                    c0.qualifier, add(c0.value, value))
        return _Hit(what, _Mention(cnt, h.mention.noun, h.mention.nouns, h.mention.kind, end, toks[end - 1].end,
                                   h.mention.subtotal, True), h.trig, h.sentence)
    return h


_PAIRS = {",": ",", "(": ")", "-": "-", "—": "—", "–": "–"}


def _aside_end(toks: list[Token], ms_at: dict, e: int, a: int) -> int | None:
    """The token after an aside that starts at ``e`` ("five people, including the coordinator
    of ..., have been killed"; "nine soldiers (two of them officers) were killed"), or None."""
    if e >= a or toks[e].low not in _PAIRS:
        return None
    close = _PAIRS[toks[e].low]
    q = next((q for q in range(e + 1, a) if toks[q].low == close), None)
    if q is None or q - e > 25 or any(t.low in _TRIGGERS for t in toks[e + 1:q]):
        return None
    inner = [x for x in ms_at.values() if e < x.count.i < q]
    if inner and not (toks[e + 1].low in ("including", "among", "mostly", "mainly", "many", "all", "incl")
                      or all(x.subtotal for x in inner)):
        return None
    for x in inner:
        x.subtotal = True
    return q + 1


def _subject_list(toks: list[Token], ms_at: dict, trigs: list[tuple[int, int, str]], a: int) -> _Mention | None:
    """The victim list that is the subject of the passive or intransitive trigger at token
    ``a`` when it is more than one count ("eight workers from an electric company and three
    other people were found dead"), holds a count in a modifier ("16 civilians from one
    family were killed"), or reaches its verb across a long modifier or a relative clause
    ("at least 34 refugees who had fled the fighting were killed"); else None (the nearest
    count before the trigger is then its subject, as before)."""
    starts = {t[0] for t in trigs}
    c = 0
    for q in range(a - 1, -1, -1):
        if toks[q].low in _CLAUSE_START or q in starts:
            c = q + 1
            break
    for x in ms_at.values():
        if x.count.i < c < x.count.j:
            c = x.count.i  # "As many as 14 ...": the clause begins before the count's "as"
    at_start = conjunct_at(toks, ms_at, c, _verbish) is not None
    for p in range(c, a):
        if p == c and c > 0 and (c - 1) in starts:
            continue  # the object of the verb before: "killed 3 people and 5 were wounded"
        if any(t.low in ("including", "among", "incl") for t in toks[c:p]):
            break  # inside "including ...": parts of a total
        if p > c and at_start and any(t.low == "," for t in toks[c:p]):
            break  # "Gauri Lankesh, the editor of a weekly and a critic ...": an apposition
        if not (p in ms_at or toks[p].low in SINGLE_DETERMINERS or toks[p].text[:1].isupper()):
            continue
        conj = victim_list(toks, ms_at, p, _verbish, limit=14)
        if not conj:
            continue
        e = conj[-1].end
        ok, aux = _gap_ok(toks, e, a)
        relative = False
        if not ok and e < a and toks[e].low in _RELATIVE:
            for q in range(e + 2, a):
                if toks[q].low in ("were", "was", "have", "has", "had", "are", "is") \
                        and not any(t.low in _TRIGGERS or t.low in _CLAUSE_START for t in toks[e + 1:q]) \
                        and not any((e < x < q) for x in ms_at):
                    ok2, aux2 = _gap_ok(toks, q, a)
                    if ok2 and aux2:
                        ok, aux, relative = True, True, True
                        break
        aside = False
        if not ok:
            q = _aside_end(toks, ms_at, e, a)
            if q is not None:
                ok, aux = _gap_ok(toks, q, a)
                e, aside = (q, True) if ok else (e, False)
        if not ok or any(e <= x < a for x in ms_at):
            continue  # "three Nigerians and a Cameroonian were among five people killed"
        mentions = [x for cj in conj for x in cj.mentions]
        if any(x.bound for x in mentions) or (conj[0].mentions and conj[0].mentions[0].subtotal):
            return None
        if not aux and toks[a].low not in ("died", "dead", "die", "dies", "perished"):
            return None  # "gunmen killed ...": the subject acts
        held = bool(conj[0].mentions[1:]) if not conj[0].single else False
        long_mod = not conj[0].single and conj[0].end - (conj[0].mentions[0].end_i if conj[0].mentions else e) > 2
        if len(conj) > 1 or conj[0].dropped or held or relative or long_mod or aside:
            if all(cj.single for cj in conj) and len(conj) == 1 and not conj[0].dropped:
                return None
            return _list_mention(toks, conj)
        return None
    return None


def extract_claims(text: str, published: dt.date | str | None = None) -> list[dict]:
    """Casualty claims in ``text``: one dict per assertion, every slot with its span.

    The text's language (:func:`tally.extract.language.language_of`) picks the rules:
    Arabic text is read by :mod:`.arabic`, English (and text in no language Tally
    reads, which its caller warns about) by the rules below; a text with an Arabic
    part beside English is read by both. Every claim carries ``language``.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates. Each claim
    holds DESIGN.md's claim keys plus ``what``, ``qualifier``, ``scope`` (total /
    subtotal), ``lexicon_version`` and the character spans of its slots;
    ``text[evidence_start:evidence_end] == evidence_text`` always.
    """
    from tally.extract.arabic import extract_claims_ar
    from tally.extract.language import arabic_share, language_of

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    lang = language_of(text)
    if lang == "ar":
        claims = extract_claims_ar(text, published)
    else:
        claims = _extract_en(text, published)
        if arabic_share(text) >= 0.1:
            # a bilingual page: its Arabic part too, less what restates an English claim
            said = {(c["what"], c["count_stated"]) for c in claims}
            claims = sorted(claims + [c for c in extract_claims_ar(text, published)
                                      if (c["what"], c["count_stated"]) not in said],
                            key=lambda c: c["evidence_start"])
    for c in claims:
        c.setdefault("language", lang)
    return claims


def _extract_en(text: str, published: dt.date | None) -> list[dict]:
    """The English rules (see the module's docstring)."""
    sentences = split_sentences(text)
    syria = about_syria(text)
    claims: list[dict] = []
    for k, s in enumerate(sentences):
        hits, ms = _sentence_hits(text, s.start, s.end)
        if hits and _DISASTER.search(text, s.start, s.end):
            continue  # "an earthquake killed 12": not a casualty of violence
        incidents = [m for m in ms if m.kind == "incident" and not m.bound]
        if not hits and incidents and _triggers(tokenize(text, s.start, s.end)):
            for m in incidents:
                hits.append(_Hit("incidents", m, (0, 0, "incidents"), (s.start, s.end)))
        if not hits:
            continue
        # attribution and source: this sentence, else the next one (a lead's follow-up),
        # else a claim of responsibility just before ("IS claimed the attack. The toll rose to 16.")
        att = attribution_in(text, s.start, s.end)
        if att.strength == "unknown" and k + 1 < len(sentences) and not sentences[k + 1].headline:
            nxt = attribution_in(text, sentences[k + 1].start, sentences[k + 1].end)
            if nxt.strength != "unknown" or att.cited_source is None:
                if nxt.perpetrator and nxt.cited_source is None and att.cited_source is not None:
                    # "..., local activists said. The ministry denied ... and blamed X": the
                    # count stays on this sentence's source
                    nxt = dc_replace(nxt, cited_source=att.cited_source, cited_start=att.cited_start,
                                     cited_end=att.cited_end)
                att = nxt if nxt.perpetrator or nxt.cited_source else att
        elif (att.perpetrator and att.strength != "contested" and k + 1 < len(sentences)
              and not sentences[k + 1].headline and denies(text, sentences[k + 1].start, sentences[k + 1].end)):
            # "Residents accused militias of killing seven. A commander rejected the accusation."
            att = dc_replace(att, strength="contested")
        if att.perpetrator is None and k > 0 and _RESPONSIBILITY.search(
                text, sentences[k - 1].start, sentences[k - 1].end):
            prev = attribution_in(text, sentences[k - 1].start, sentences[k - 1].end)
            if prev.perpetrator is not None:
                att = prev
                s = Sentence(sentences[k - 1].start, s.end, s.headline)  # the evidence quotes both
        when = when_in(text, s.start, s.end, published)
        where = where_in(text, s.start, s.end, syria)
        if (where is None or where.admin_level == 0) and k + 1 < len(sentences) and not sentences[k + 1].headline:
            # a lead's "in Syria" made specific by the next sentence ("... in the town of Ghandoura")
            nxt_where = where_in(text, sentences[k + 1].start, sentences[k + 1].end, syria)
            if nxt_where is not None and nxt_where.admin_level:
                where = nxt_where
        sent_words = re.findall(r"[\w'’]+", text[s.start:s.end])
        made = [_claim(text, s, h, att, when, where, sent_words, incidents) for h in hits]
        _place_cumulative(text, made)
        claims.extend(made)
    out = _day_of_period(_civilians(_add_more(text, _drop_headline_repeats(claims))))
    # a named part stays a claim only where it became the event's count: the incident stage reads
    # every killed claim of an article as a reading of the incident's toll, parts included
    return [c for c in out if not (c.pop("_named_part", False) and c["scope"] == "subtotal")]


_ONE_DAY = re.compile(r"^[^.;]{0,25}?\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|"
                      r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)['’]s|"
                      r"yesterday|overnight|this\s+morning|on\s+\d{1,2}\s+[a-z]+|on\s+[a-z]+\s+\d{1,2})\b", re.IGNORECASE)


def _day_of_period(claims: list[dict]) -> list[dict]:
    """A period toll's part that one day holds is that day's event: "1,500 civilians killed
    since the offensive began, including 37 on Tuesday in Douma" gives the event 37."""
    for c in claims:
        if c["what"] not in ("killed", "executed") or c["scope"] != "total" or not c["cumulative"] \
                or c["count_end"] is None:
            continue
        for x in claims:
            if x["scope"] == "subtotal" and x["what"] == c["what"] and not x["cumulative"] \
                    and x["evidence_start"] == c["evidence_start"] and x["count_start"] is not None \
                    and x["count_start"] >= c["count_end"] \
                    and _ONE_DAY.search(x["evidence_text"][x["count_end"] - x["evidence_start"]:]):
                x["scope"] = "total"
    return claims


def _civilians(claims: list[dict]) -> list[dict]:
    """An event's civilians when its total names them beside soldiers or police, as event
    coders count them: "killed at least 22 people, including 17 civilians" gives 17;
    "killed seven people, including two soldiers" gives 5. The civilians' claim becomes the
    total and the all-people total a ``part``."""
    out = list(claims)
    for c in claims:
        if c["what"] not in ("killed", "executed") or c["scope"] != "total" or c["count_start"] is None \
                or c["cumulative"]:
            continue
        subs = [x for x in claims if x["scope"] == "subtotal" and x["what"] == c["what"]
                and x["evidence_start"] == c["evidence_start"] and x["count_start"] is not None
                and 0 <= x["count_start"] - c["count_end"] < 40]
        if not subs:
            continue
        def words(x: dict) -> set[str]:
            return set(re.findall(r"[a-z]+", x["evidence_text"][x["count_start"] - x["evidence_start"]:
                                                               x["count_end"] - x["evidence_start"]].lower()))

        civ = [x for x in subs if words(x) & {"civilian", "civilians"}]
        com = [x for x in subs if words(x) & _COMBATANTS and not words(x) & CIVILIAN_NOUNS]
        if civ and len(civ) == 1:
            civ[0]["scope"], c["scope"] = "total", "part"
        elif com and not civ and not words(c) & _COMBATANTS and c["killed_best"] is not None \
                and all(x["killed_best"] is not None for x in com):
            left = c["killed_best"] - sum(x["killed_best"] for x in com)
            if left <= 0:
                continue
            new = dict(c)
            for k in ("count_low", "count_best", "count_high", "count_stated", "killed_low", "killed_best",
                      "killed_high"):
                if new[k] is not None:
                    new[k] = left
            new.update(qualifier="civilians", status="civilian", victim_group="civilians")
            c["scope"] = "part"
            out.insert(out.index(c), new)
    return out


def _place_cumulative(text: str, made: list[dict]) -> None:
    """A sentence with a period toll and an event's count ("killed 14 people, bringing the toll
    to nearly 1,200 since December") flags only the count whose clause holds the period's
    words (else the count nearest them)."""
    ats = made[0].get("_cumulative_at") if made else None
    tot = [x for x in made if x["what"] in ("killed", "executed") and x["count_start"] is not None]
    if ats and len(tot) > 1:
        def clause(c: dict) -> tuple[int, int]:
            a = max(text.rfind(",", c["evidence_start"], c["count_start"]),
                    text.rfind(";", c["evidence_start"], c["count_start"]), c["evidence_start"])
            ends = [e for e in (text.find(",", c["count_end"], c["evidence_end"]),
                                text.find(";", c["count_end"], c["evidence_end"])) if e >= 0]
            return a, min(ends) if ends else c["evidence_end"]

        inside = [c for c in tot if any(clause(c)[0] <= at < clause(c)[1] for at in ats)]
        if not inside:
            inside = [min(tot, key=lambda x: min(abs(x["count_start"] - at) for at in ats))]
        for c in tot:
            if c not in inside:
                c["cumulative"] = False  # the sentence's long window is the period toll's too
    for c in made:
        c.pop("_cumulative_at", None)


def _add_more(text: str, claims: list[dict]) -> list[dict]:
    """A count that adds to the one before it ("Six soldiers died. Two more were found dead";
    "killed three ..., and two others were killed") gives a claim of their sum, which
    the article's main count takes; the parts stay, marked ``scope: "part"``."""
    out = list(claims)
    for c in claims:
        # "Four farmers were shot dead ... The body of a fifth man was recovered": five in all
        o = _ORDINAL.search(c["evidence_text"]) if c["qualifier"] == "singular" else None
        if o is None or c["what"] not in ("killed", "executed"):
            continue
        nth = _ORDINALS[o.group(1).lower()]
        prev = [p for p in claims if p["what"] in ("killed", "executed") and p["scope"] == "total"
                and p["killed_best"] == nth - 1 and p is not c and (p["evidence_start"] == c["evidence_start"] or (
                    p["evidence_end"] <= c["evidence_start"] and c["evidence_start"] - p["evidence_end"] < 3))]
        if prev:
            p = prev[-1]
            total = dict(p)
            for k in ("count_low", "count_best", "count_high", "count_stated", "killed_low", "killed_best",
                      "killed_high"):
                total[k] = nth
            total.update(qualifier="sum", evidence_end=c["evidence_end"],
                         evidence_text=text[p["evidence_start"]:c["evidence_end"]])
            p["scope"] = c["scope"] = "part"
            out.insert(out.index(p), total)
    claims = list(out)
    sums: dict[int, dict] = {}  # id of a part → the sum it is in
    for i, c in enumerate(claims):
        if c["what"] not in ("killed", "executed") or c["scope"] != "total" or c["cumulative"] \
                or c["killed_best"] is None:
            continue
        at = c["count_start"] if c["count_start"] is not None else c["evidence_start"]
        also = (_ALSO.search(text, c["count_start"], min(c["count_end"] + 40, c["evidence_end"])) if c["count_start"]
                is not None else _ALSO.search(c["evidence_text"])) is not None \
            and not _OTHER_TIME.search(c["evidence_text"])  # "26 were also killed yesterday when ...": another event
        if c["count_start"] is None and not also:
            continue
        if c["count_start"] is not None and set(re.findall(r"[a-z]+", text[c["count_start"]:c["count_end"]].lower())) \
                & _PERPETRATORS:
            continue  # "the four attackers were also killed": who killed are not victims
        follow_up = c["count_start"] is not None and _FOLLOW_UP.search(text, c["evidence_start"], c["count_start"])
        before = text[max(0, at - 14):at]
        if not (also or follow_up or _MORE_BEFORE.search(before) or _MORE_AFTER.match(text[at:(c["count_end"] or at) + 24])) \
                or _ELSEWHERE.search(c["evidence_text"]):
            continue
        prev = [p for p in claims if p is not c and p["what"] in ("killed", "executed") and p["scope"] in ("total", "part")
                and not p["cumulative"] and p["killed_best"] is not None and p["count_end"] is not None
                and p["count_end"] <= at and c["evidence_start"] - p["evidence_end"] < 3
                and (not also or p["evidence_end"] <= c["evidence_start"])]
        if not prev:
            continue
        p = max(prev, key=lambda p: p["count_end"])
        if p["evidence_start"] == c["evidence_start"] and _UPDATE.search(p["evidence_text"]):
            continue  # "the toll rose to 46 after six of the wounded died": the update holds them
        total = sums.get(id(p))
        if total is None:  # a new sum of p and c; else c adds to p's sum ("14 ... 20 more ... five later")
            total = dict(p)
            total.update(qualifier="sum", scope="total")
            out.insert(out.index(p), total)
            sums[id(p)] = total
        for k in ("count_low", "count_best", "count_high", "count_stated", "killed_low", "killed_best", "killed_high"):
            total[k] = total[k] + c[k] if total[k] is not None and c[k] is not None else None
        total.update(count_end=c["count_end"] if c["count_end"] is not None else total["count_end"],
                     evidence_end=c["evidence_end"],
                     evidence_text=text[total["evidence_start"]:c["evidence_end"]])
        p["scope"] = c["scope"] = "part"
        sums[id(c)] = total
    return out


def _claim(text, s, h: _Hit, att, when, where, sent_words, incidents) -> dict:
    m = h.mention
    if m is None:
        low = best = high = 1
        qualifier, scope, count_span, stated = "singular", "total", (None, None), 1
        noun_words = sent_words
    else:
        c = m.count
        low, best, high, qualifier, stated = c.low, c.best, c.high, c.qualifier, c.value
        scope = "subtotal" if m.subtotal else "total"
        if scope == "total" and ((e := _EARLIER.search(text, max(s.start, c.start - 140), c.start)) and not any(
                w.lower() in _TRIGGERS or w.lower() in _PHRASES
                for w in re.findall(r"[\w'’]+", e.group("gap") or e.group("gap2") or ""))
                or _ANNIVERSARY.search(text, max(s.start, c.start - 140), c.start)):
            scope = "earlier"  # "Eleven ... a day after 18 died": another event's toll
        count_span = (c.start, m.end)
        noun_words = m.nouns if m.nouns else sent_words
    community = community_in(text[count_span[0]:count_span[1]] if m is not None and m.noun else "") \
        or community_in(text[s.start:s.end])
    status = status_of(noun_words)
    inc_low = inc_high = None
    if h.what == "incidents":
        inc_low, inc_high = low, high
        killed = (None, None, None)
    else:
        killed = (low, best, high) if h.what == "killed" or h.what == "executed" else (None, None, None)
        if incidents:
            inc_low, inc_high = incidents[0].count.low, incidents[0].count.high
    ev = text[s.start:s.end]
    return {
        "what": h.what,
        "count_low": low, "count_best": best, "count_high": high,
        "count_stated": stated,
        "killed_low": killed[0], "killed_best": killed[1], "killed_high": killed[2],
        "qualifier": qualifier, "scope": scope,
        "count_start": count_span[0], "count_end": count_span[1],
        "incident_count_low": inc_low, "incident_count_high": inc_high,
        "victim_group": victim_group(community, status), "community": community, "status": status,
        "place": where.place if where else None, "place_id": where.place_id if where else None,
        "place_admin_level": where.admin_level if where else None,
        "place_start": where.span_start if where else None, "place_end": where.span_end if where else None,
        "date_start": when.start.isoformat() if when and when.start else None,
        "date_end": when.end.isoformat() if when and when.end else None,
        "date_precision": when.precision if when else None,
        "date_text_start": when.span_start if when else None, "date_text_end": when.span_end if when else None,
        "perpetrator": att.perpetrator, "attribution": att.strength,
        "perpetrator_start": att.perpetrator_start, "perpetrator_end": att.perpetrator_end,
        "cited_source": att.cited_source, "cited_source_start": att.cited_start,
        "cited_source_end": att.cited_end,
        "evidence_text": ev, "evidence_start": s.start, "evidence_end": s.end,
        "headline": s.headline,
        "cumulative": bool(_periods(ev)) or bool(
            when and when.start and when.end and (when.end - when.start).days > _CUMULATIVE_DAYS),
        "_cumulative_at": [s.start + at for at in _periods(ev)],
        "lexicon_version": LEXICON_VERSION,
        "_named_part": h.named_part,
    }


#: "the deadliest day since the offensive began": a comparison, not a period toll
_SUPERLATIVE = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|highest|heaviest|most\s+\w+)\b[^.;,]{0,40}$",
                          re.IGNORECASE)


def _periods(ev: str) -> list[int]:
    """Where the sentence ``ev`` names a long period (war-wide or period tolls), comparisons aside."""
    return [m.start() for m in _CUMULATIVE.finditer(ev) if not _SUPERLATIVE.search(ev, 0, m.start())]


def _drop_headline_repeats(claims: list[dict]) -> list[dict]:
    """A headline restates the lead: drop its claim when the body states the same
    number ("Gunmen kill 12" over "At least 12 civilians were killed")."""
    def key(c: dict) -> tuple:
        return (c["what"], c["count_stated"]) if c["count_stated"] is not None else \
            (c["what"], c["count_low"], c["count_best"], c["count_high"])

    body = {key(c) for c in claims if not c["headline"]}
    return [c for c in claims if not (c["headline"] and key(c) in body)]


def main_claim(claims: list[dict]) -> dict | None:
    """The claim stating the death toll of the article's main event, or None.

    Totals only (subtotals after "including" are parts of them), and tolls of
    one event before tolls of the whole war or a long period (``cumulative``).
    The main event is the first one reported: the largest total of the first
    sentence that states one. A vague lead ("dozens were killed") gives way to
    the first exact figure after it ("officials said 69 were killed"), and a
    later update ("the toll rose to 20") to the largest such update.
    """
    found = [c for c in claims
             if c["what"] in ("killed", "executed") and c["scope"] == "total"
             and _stated(c) is not None]
    found = [c for c in found if not c.get("cumulative")] or found
    if not found:
        return None
    first = min(c["evidence_start"] for c in found)
    lead = [c for c in found if c["evidence_start"] == first]
    lead = [c for c in lead if not _second_source(c, lead)] or lead
    main = max(lead, key=_stated)
    later = [c for c in found if c["evidence_start"] > first]
    if main["count_stated"] is None:
        exact = [c for c in later if c["count_stated"] is not None]
        if exact:
            main = min(exact, key=lambda c: c["evidence_start"])
    updates = [c for c in later if c["evidence_start"] >= main["evidence_start"] and _UPDATE.search(c["evidence_text"])
               and _stated(c) > _stated(main)]
    return max(updates, key=_stated) if updates else main


#: what introduces another source's figure for the same event, between the first figure and
#: the second: "..., while a medical group put the toll at 49", "; rebels gave a higher figure of 16"
_SECOND_SOURCE = re.compile(
    r"(?i)(?:(?:\b(?:while|whereas|but|and)\b|;)[^.;]{0,60}?\b(?:put|puts|placed|places|gave|gives|estimated|"
    r"estimates|set|sets|reported|cited)\s+(?:the|a|its|their)\s+(?:[\w-]+\s+){0,2}?(?:toll|figure|number|count|"
    r"tally)\s+(?:at|of|as)\s+(?:[\w-]+\s+){0,2}?"
    r"|\b(?:while|whereas|but)\b[^.;]{0,60}?\b(?:said|says|reported|claimed|counted)\s+(?:that\s+)?"
    r"(?:[\w-]+\s+){0,2}?)$")


def _second_source(c: dict, lead: list[dict]) -> bool:
    """Whether claim ``c`` gives another source's figure for an event an earlier claim of its
    sentence already counted ("Rescuers said 42 people died in Douma, while a medical group put
    the toll at 49": the event is told once, at its first figure)."""
    if c["count_start"] is None:
        return False
    before = [x for x in lead if x is not c and x["count_end"] is not None and x["count_end"] <= c["count_start"]]
    if not before:
        return False
    prev = max(before, key=lambda x: x["count_end"])
    ev = c["evidence_start"]
    between = c["evidence_text"][prev["count_end"] - ev:c["count_start"] - ev]
    return _SECOND_SOURCE.search(between) is not None


def _stated(c: dict) -> int | None:
    """A claim's one number: its best value, else the number as written ("more
    than 20": 20), else its low ("dozens": 24)."""
    for k in ("killed_best", "count_stated", "killed_low"):
        if c.get(k) is not None:
            return c[k]
    return None


def total_killed(claims: list[dict]) -> int | None:
    """The one death count an article states (:func:`main_claim`'s), or None."""
    c = main_claim(claims)
    return None if c is None else _stated(c)
