"""The victims of one killing as a coordinated noun phrase.

Event coders count every victim a sentence lists for the event: "a judge and seven
members of his family" is 8, "eight workers from an electric company and three other
people" 11, "the head of the council and a government employee" 2, "seven protesters in
Tehran and three in Zahedan" 10. A list is read token by token, one *conjunct* at a time:

- a count and its noun ("seven members", "a dozen inmates", "three in Zahedan");
- one person: a determiner and a person noun ("a local judge", "his bodyguard",
  "the general secretary") or a name ("Abdul Razzak");
- each followed by its modifiers: prepositional phrases ("from an electric company",
  "of the local council"), a participle with its phrase ("allied with the rebels"),
  an age (", 34,");

joined by "and" or commas. Counts inside a modifier ("16 civilians from one family") are
part of their conjunct, never conjuncts of their own; animals ("83 cows") add nothing;
a list whose later conjuncts add up to the first restates it ("six people, five farmers and
a visitor" is 6). Mentions are the ``_Mention`` objects of :mod:`.claims` (count, noun,
kind, end_i); this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tally.extract.groups import ANIMAL_NOUNS, CIVILIAN_NOUNS, COMBATANT_NOUNS
from tally.extract.numbers import Token

#: one person's head nouns (singular), for "a/the/his ... NOUN"
PERSON_HEADS = frozenset("""
man woman boy girl child warlord strongman patient cook waiter cleaner porter baby infant toddler newborn teenager youth youngster person individual
civilian resident villager farmer shepherd herder herdsman fisherman miner labourer laborer worker
employee staffer official officer policeman policewoman constable soldier fighter militant rebel
commander colonel captain lieutenant sergeant militiaman conscript recruit guard bodyguard
driver conductor trader merchant vendor shopkeeper grocer baker butcher tailor barber mechanic
electrician plumber carpenter engineer technician contractor translator interpreter pilot
journalist reporter photographer cameraman editor publisher producer announcer presenter
broadcaster blogger writer poet artist singer musician actor athlete footballer
lawyer attorney judge magistrate prosecutor doctor physician surgeon dentist pharmacist nurse
midwife paramedic medic volunteer rescuer teacher lecturer professor scholar researcher scientist
student pupil schoolboy schoolgirl imam cleric sheikh preacher muezzin priest pastor bishop
rabbi monk nun leader chief chieftain headman elder mukhtar ruler king emir prince
president chairman chairwoman chairperson secretary minister deputy ambassador envoy diplomat
governor mayor councillor councilor lawmaker legislator parliamentarian senator politician
candidate activist campaigner unionist dissident opponent critic defender
spokesman spokeswoman adviser advisor aide director manager administrator owner landlord
businessman businesswoman entrepreneur executive head commissioner inspector warden jailer
inmate prisoner detainee convict suspect informant collaborator defector veteran pensioner
widow widower orphan guest visitor tourist pilgrim worshipper passenger motorist cyclist
pedestrian passer-by passerby bystander national citizen foreigner refugee migrant member
wife husband son daughter mother father brother sister nephew niece cousin uncle aunt
grandson granddaughter grandfather grandmother fiance fiancee relative friend colleague
neighbour neighbor stepson stepdaughter mother-in-law father-in-law son-in-law daughter-in-law
""".split())
_COMBATANT_HEADS = frozenset("soldier fighter militant rebel policeman policewoman officer constable guard "
                             "militiaman conscript recruit commander colonel captain lieutenant sergeant".split())
_COMBATANT_NOUNS = COMBATANT_NOUNS - {"members", "member"}
_OTHER_PREDICATE = frozenset("injured wounded hurt dead killed missing arrested detained abducted kidnapped "
                             "displaced".split())
_SPEECH = frozenset("said say says told reported added stated confirmed claimed".split())
#: determiners that begin one person: "a", "his", "the"
SINGLE_DETERMINERS = frozenset("a an the his her their its one another".split())
_ATTACHING = frozenset("allied loyal close related linked affiliated attached belonging".split())
_PREPOSITIONS = frozenset("of from in at on near outside inside with for aboard belonging linked loyal "
                          "affiliated allied attached close related attending working serving travelling "
                          "traveling living staying employed based displaced".split())
#: a modifier stops at these
_STOP = frozenset("and or , ; . : ( ) - — – including among who whom whose which that when while as after "
                  "before because but said says told were was are is have has had been being be will would "
                  "could may might to by".split())
_NOT_NAMES = frozenset("the a an monday tuesday wednesday thursday friday saturday sunday january february "
                       "march april may june july august september october november december police army "
                       "government islamic state".split())


@dataclass
class Conjunct:
    low: int | None
    best: int | None
    high: int | None
    value: int | None
    start: int            # first token
    end: int              # token after the conjunct and its modifiers
    mentions: list = field(default_factory=list)  # mentions it holds (its own and its modifiers')
    single: bool = False
    animal: bool = False
    combatant: bool = False
    apposition: bool = False  # the list's first conjunct is followed by a comma
    dropped: list = field(default_factory=list)  # conjuncts the list names but does not count


def _mention_at(ms_at: dict, k: int):  # noqa: D103
    return ms_at.get(k)


def _modifiers(toks: list[Token], ms_at: dict, k: int, limit: int, held: list) -> int:
    """The token after the modifiers starting at ``k`` (prepositional phrases, a
    participle's phrase, an age), at most ``limit`` tokens; counts inside are ``held``."""
    start = k
    if k + 2 < len(toks) and toks[k].low == "," and toks[k + 1].text.isdigit() and toks[k + 2].low == ",":
        return k + 3  # ", 34,": an age
    if k in ms_at:
        return k  # "At least 12 ...": a count of its own, not a modifier
    if k >= len(toks) or not (toks[k].low in _PREPOSITIONS or (
            toks[k].low.endswith("ing") and len(toks[k].low) > 5 and toks[k].text.islower()
            and k + 1 < len(toks) and toks[k + 1].low in _PREPOSITIONS | {"the", "a", "an"})):
        return k  # "five children playing with a mortar round"
    if toks[k].low in _ATTACHING and k + 1 < len(toks) and toks[k + 1].low in ("to", "with", "by"):
        k += 1  # "allied to", "loyal to", "linked with"
    k += 1
    while k < len(toks) and k - start < limit:
        w = toks[k].low
        if w in ("-", "'", "’") and toks[k].start == toks[k - 1].end and k + 1 < len(toks) \
                and toks[k + 1].start == toks[k].end:
            k += 1  # "chair-lady": one word
            continue
        m = _mention_at(ms_at, k)
        if m is not None:
            if toks[k - 1].low not in _PREPOSITIONS and toks[k - 1].low not in SINGLE_DETERMINERS:
                break  # "... State on 5 July saw eight people": a new clause's count
            held.append(m)
            k = max(m.end_i, k + 1)
            continue
        if w in _STOP or (w.endswith("ed") and len(w) > 4 and toks[k].text[:1].islower()
                          and w not in _PREPOSITIONS and w not in ("armed", "united")
                          and toks[k - 1].low not in SINGLE_DETERMINERS):  # "with an unexploded round"
            break
        k += 1
    return k if k - start < limit else start


def conjunct_at(toks: list[Token], ms_at: dict, k: int, verbish, *, limit: int = 12,
                first: bool = True) -> Conjunct | None:
    """One conjunct of a victim list starting at token ``k``, or None."""
    if k >= len(toks):
        return None
    m = _mention_at(ms_at, k)
    if m is not None:
        if m.subtotal and not first:
            return None  # "14 people, six of them children": a part, not another group
        if m.kind == "incident" or (m.kind == "distractor" and (m.noun or "").lower() not in ANIMAL_NOUNS):
            return None
        animal = (m.noun or "").lower() in ANIMAL_NOUNS
        end = m.end_i
        # "two SDF commanders", "eight loggers", "four aid workers", "two other men": words the
        # noun lexicon does not know, or a second noun
        j = end
        while j < len(toks) and j - end < 3 and toks[j].text.isalpha() and toks[j].low not in _STOP \
                and toks[j].low not in _PREPOSITIONS and toks[j].low not in SINGLE_DETERMINERS \
                and (toks[j].low in ("other", "more") or not verbish(toks[j].low)) and j not in ms_at \
                and not (toks[j].low.endswith("ing") and len(toks[j].low) > 5):
            j += 1
        end = j
        words = {t.low for t in toks[m.count.j:end]}
        combatant = bool(words & _COMBATANT_NOUNS) and not words & CIVILIAN_NOUNS
        held: list = []
        end = _modifiers(toks, ms_at, end, limit, held)
        c = m.count
        if animal:
            return Conjunct(0, 0, 0, 0, k, end, [m] + held, animal=True)
        return Conjunct(c.low, c.best, c.high, c.value, k, end, [m] + held, combatant=combatant)
    w = toks[k].low
    if w in ("his", "her", "their", "its", "the") and k + 1 < len(toks) and k + 1 in ms_at:
        inner = conjunct_at(toks, ms_at, k + 1, verbish, limit=limit, first=first)  # "his two bodyguards"
        if inner is not None:
            inner.start = k
        return inner
    if w in SINGLE_DETERMINERS:
        for j in range(k + 1, min(k + 8, len(toks))):
            wj = toks[j].low
            if wj in ("-", ".") and toks[j].start == toks[j - 1].end:
                continue  # "his 10-year-old son", "her U.S-born daughter"
            if wj == "couple" and not (j + 1 < len(toks) and toks[j + 1].low == "of"):
                held = []
                end = _modifiers(toks, ms_at, j + 1, limit, held)
                return Conjunct(2, 2, 2, 2, k, end, held)  # "an elderly couple"
            if wj in PERSON_HEADS and not (j + 1 < len(toks) and toks[j + 1].low in PERSON_HEADS):
                held = []
                end = _modifiers(toks, ms_at, j + 1, limit, held)
                return Conjunct(1, 1, 1, 1, k, end, held, single=True, combatant=wj in _COMBATANT_HEADS)
            if not (wj.isalpha() or wj == "-" or wj.isdigit()) or wj in _STOP or _mention_at(ms_at, j) is not None:
                return None
        return None
    j = k
    while j < len(toks) and j - k < 4 and toks[j].text[:1].isupper() and toks[j].text.isalpha() \
            and toks[j].low not in _NOT_NAMES and toks[j].low not in _STOP and toks[j].low not in _PREPOSITIONS:
        j += 1
    if j - k >= 2:
        held = []
        end = _modifiers(toks, ms_at, j, limit, held)
        return Conjunct(1, 1, 1, 1, k, end, held, single=True)
    return None


_NON_PERSONS = frozenset("house home car vehicle building school hospital market shop mosque church village town "
                         "city area road checkpoint camp tent office base post position convoy bus truck".split())


def _unknown_single(toks: list[Token], ms_at: dict, k: int, verbish) -> Conjunct | None:
    """The last conjunct of a victim list when its noun is one the lexicon lacks: "a" or
    "an" and one to three lower-case words before the list's end ("... and a patient")."""
    if k >= len(toks) or toks[k].low not in ("a", "an"):
        return None
    j = k + 1
    while j < len(toks) and j - k <= 3 and toks[j].text.isalpha() and toks[j].text.islower() \
            and not verbish(toks[j].low) and toks[j].low not in _STOP and toks[j].low not in _PREPOSITIONS \
            and j not in ms_at:
        j += 1
    if j == k + 1 or toks[j - 1].low in _NON_PERSONS or toks[j - 1].low.endswith("s"):
        return None
    if j < len(toks) and not (toks[j].low in (".", ",", ";", "in", "on", "at", "near", "outside", "inside", "when",
                                              "who", "as", "while", "during") or toks[j].text[:1] in "\"'"):
        return None
    return Conjunct(1, 1, 1, 1, k, j, [], single=True)


_JOINERS = (("along", "with"), ("together", "with"), ("in", "addition", "to"), ("as", "well", "as"), ("and",))


def _joiner(toks: list[Token], j: int) -> int:
    """Tokens of the list joiner at ``j`` (0 when none)."""
    for words in _JOINERS:
        if tuple(t.low for t in toks[j:j + len(words)]) == words:
            return len(words)
    return 0


def _source_aside_end(toks: list[Token], ms_at: dict, j: int) -> int | None:
    """After a list's comma at ``j - 1``: the token after a source's aside that the list goes on
    past (", the monitor said, as well as 20 civilians"), else None. The aside holds no count
    and ends in a speech verb, a comma and a joiner."""
    for q in range(j + 1, min(j + 9, len(toks) - 2)):
        if toks[q].low in (",", ";", ".") or q in ms_at:
            return None
        if toks[q].low in _SPEECH and toks[q + 1].low == "," and _joiner(toks, q + 2):
            return q + 2
    return None


def victim_list(toks: list[Token], ms_at: dict, k: int, verbish, *, limit: int = 12) -> list[Conjunct]:
    """The conjuncts of the victim list starting at token ``k`` (empty when none starts there);
    ``verbish(word)`` says whether a word is a verb, auxiliary or clause word (it ends a noun),
    ``limit`` bounds each conjunct's modifiers in tokens."""
    first = conjunct_at(toks, ms_at, k, verbish, limit=limit)
    if first is None:
        return []
    out = [first]
    joined_by_and = [True]
    apposition = first.end < len(toks) and toks[first.end].low == ","
    while True:
        j = out[-1].end
        comma = j < len(toks) and toks[j].low == ","
        if comma:
            j += 1
            after = _source_aside_end(toks, ms_at, j)
            if after is not None:
                j = after  # "8 fighters, the monitor said, as well as 20 civilians": one list
        conj_and = j < len(toks) and toks[j].low == "and"
        if conj_and:
            j += 1
        elif [t.low for t in toks[j:j + 3]] == ["as", "well", "as"]:
            conj_and, j = True, j + 3  # "five soldiers as well as two civilians"
        elif comma and j > out[-1].end + 1 and _joiner(toks, j):
            conj_and, j = True, j + _joiner(toks, j)  # "..., the Observatory said, in addition to four rescuers"
        elif not comma:
            break
        if first.single and not first.mentions and toks[first.start].low not in SINGLE_DETERMINERS and comma:
            break  # "Gauri Lankesh, the editor of a weekly and a critic of ...": who the named victim is
        if conj_and and j + 1 < len(toks) and toks[j].text.isalpha() and toks[j].text[:1].islower() \
                and toks[j].low.endswith("s") and j not in ms_at and not verbish(toks[j].low) \
                and toks[j].low not in _STOP and toks[j].low not in _PREPOSITIONS \
                and not out[-1].single and toks[j + 1].low in ("and", ",", "in", "of", "from"):
            out[-1].end = _modifiers(toks, ms_at, j + 1, limit, out[-1].mentions)  # "12 administrators and engineers
            continue  # and four technicians", "12 displaced Iraqis and members of the PMF": one group
        nxt = conjunct_at(toks, ms_at, j, verbish, limit=limit, first=False)
        if nxt is None and conj_and:
            nxt = _unknown_single(toks, ms_at, j, verbish)  # "a nurse, two doctors and a patient"
        if nxt is not None and nxt.mentions and nxt.mentions[0].end_i < len(toks) \
                and toks[nxt.mentions[0].end_i].low in _OTHER_PREDICATE:
            break  # "five dead bodies and 85 injured individuals": another predicate's count
        if nxt is not None and nxt.single and toks[j].low not in SINGLE_DETERMINERS \
                and not (first.single and toks[first.start].low not in SINGLE_DETERMINERS):
            break  # a name joins only other names ("Abdul Razzak and Ali Khan")
        if nxt is None or (nxt.single and not first.single and not conj_and and nxt.mentions == []
                           and toks[j].text[:1].isupper() and toks[j].low not in SINGLE_DETERMINERS):
            break
        if nxt.single and nxt.mentions == [] and toks[j].low not in SINGLE_DETERMINERS and not first.single:
            break  # a name after a count is a place or a source ("in Sibe village, Tongomayel")
        out.append(nxt)
        joined_by_and.append(conj_and)
    # "A, B and C" is a list; "A, B" alone is an apposition or a source ("..., a police officer said")
    while len(out) > 1 and not joined_by_and[-1]:
        out.pop()
        joined_by_and.pop()
    if len(out) > 1 and out[-1].end < len(toks) and toks[out[-1].end].low in _SPEECH:
        out = out[:1]  # "... killed nine farmers, an aid worker and a resident said"
    if len(out) > 1:
        out[0].apposition = apposition
    whole = list(out)
    if len(out) > 1 and not first.single:
        # event coders add a lone soldier or policeman only to other single victims
        # ("eight civilians and a soldier" is eight; "a soldier and a local chief" two)
        out = [out[0]] + [c for c in out[1:] if not (c.single and c.combatant)]
    if any(not c.single and c.combatant for c in out) and any(not c.combatant for c in out):
        # and they count the civilians of a list that names them beside soldiers or police
        # ("15 civilians and eight policemen" is 15, "21 police officers and 20 civilians" 20)
        out = [c for c in out if c.single or not c.combatant]
    out[0].dropped = [c for c in whole if c not in out]
    return out


def total(conjuncts: list[Conjunct]) -> tuple[int | None, int | None, int | None, int | None]:
    """(low, best, high, value) of a list: the sum of its conjuncts, or the first one's when
    the others restate it ("six people, five farmers and a visitor")."""
    first, rest = conjuncts[0], conjuncts[1:]
    if rest and first.apposition and first.value is not None and not first.single \
            and all(c.value is not None for c in rest) \
            and sum(c.value for c in rest) == first.value:
        return first.low, first.best, first.high, first.value

    def add(key):
        vals = [getattr(c, key) for c in conjuncts]
        return sum(vals) if all(v is not None for v in vals) else None

    return add("low"), add("best"), add("high"), add("value")
