"""Who is said to be responsible, how strongly, and on whose word.

Attribution strength, as the text gives it:

    asserted            the outlet states it in its own voice ("killed by police")
    claimed_by_source   a cited source states it ("X said P were responsible")
    alleged             accused / blamed by someone ("residents accused P")
    suspected           "suspected P", "believed to be P"
    affiliated          "militants affiliated with P", "P-affiliated"
    unidentified        "unidentified gunmen", "men in fatigues": no named actor
    contested           the accusation is denied or rejected in the text
    unknown             the text names no one

Every span is a ``(start, end)`` into the article's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = (r"((?:the\s+)?[\w'’-]+(?:\s+(?!(?:of|who|that|which|were|was|is|are|on|in|at|after|for|during|as|"
         r"when|said|says|and|but|to|killed|kill|killing|shot|attacked|opened|stormed|have|has|had|"
         r"carried|executed|ambushed|struck|abducted|kidnapped|yesterday|today|on|believed|thought|reportedly|"
         r"allegedly)\b)[\w'’-]+){0,5})")
_SRC = (r"((?:the\s+|a\s+|an\s+)?(?:[A-Z][\w'’-]*|local|regional|rights|human|medical|hospital|"
        r"health|security|military|government|residents|witnesses|activists|officials|police|"
        r"relatives|monitors?|sources?|state)(?:\s+(?!(?:said|says|told|reported|documented|"
        r"blamed|accused|attributed|did|that|who|were|was)\b)[\w'’-]+){0,6})")

_UNIDENTIFIED = re.compile(
    r"\b((?:unidentified|unknown|masked|armed|anonymous)\s+(?:gunmen|men|assailants|attackers|"
    r"fighters|people|individuals)|gunmen(?:\s+in\s+plainclothes)?|men\s+in\s+(?:military\s+)?"
    r"(?:fatigues|uniforms?|plainclothes))\b", re.IGNORECASE)
_DENY_AND_BLAME = re.compile(
    r"(?:^|[.;]\s+)((?:[Tt]he\s+|[Aa]n?\s+)?(?:[\w'’-]+\s+){0,3}?(?:ministry|government|army|military|police|forces|group|"
    r"authorities|officials?|spokes(?:man|woman|person)|command|commanders?|administration))\s+(?:denied|denies|rejected|rejects)\b[^.;]*?\b(?:and|,)\s+"
    r"(?:blamed|blames|accused|accuses|blaming|accusing)\b")
_DENIED = re.compile(r"\b(denied|denies|deny|rejected|rejects|dismissed|dismisses)\b[^.]*?\b"
                     r"(involvement|responsibility|accusations?|allegations?|claims?|charges?|reports?|accounts?)\b"
                     r"|\bdenied any\b|\brejected the accusation\b|\b(?:denied|denies)\s+that\b"
                     r"|\bdismiss(?:ed|es)\s+as\s+(?:propaganda|fabricat|false|lies|baseless)", re.IGNORECASE)

#: a weapon or attack named with its user: "Russian airstrikes", "regime air raids", "rebel rocket attacks"
_ACTOR_WORD = (r"(?:(?!(?:The|A|An|In|On|At|By|After|From|Air|Airstrikes?|Suicide|Car|Bomb|Barrel|Gas|Chemical|"
               r"Rocket|Mortar|Fresh|Heavy|New|Several|Many|Deadly|Two|Three|Four|Five|Ten|Dozens|Hundreds|"
               r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
               r"Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)"
               r"[A-Z][\w'’.-]*|regime|government|pro-government|pro-regime|rebel|opposition|terrorist|"
               r"coalition|jihadist|militant|insurgent|loyalist|army)")
_WEAPON = (r"(?i:air\s*strikes?|airstrikes?|air\s+raids?|raids?|strikes?|jets|warplanes|war\s*planes|planes|"
           r"aircrafts?|helicopters?|drones?|shelling|bombardment|bombing|barrel\s+bombs?|rocket\s+"
           r"(?:attacks?|fire|shells?)|rockets?|mortars?|artillery|attacks?|snipers?|soldiers\s+attacks?)")
_ACTORS = _ACTOR_WORD + r"(?:\s+" + _ACTOR_WORD + r"){0,2}"
_ACTOR_WEAPON = r"((?:the\s+)?" + _ACTORS + r"(?:\s+(?:or|and)\s+" + _ACTORS + r")?\s+" + _WEAPON + r")\b"
#: what names an attack, not an attacker: "Suspected gas attack", "the attack"
_NOT_ACTOR = re.compile(r"(?i)^(?:the\s+|a\s+|an\s+)?(?:(?:suspected|double|twin|deadly|gas|chemical|suicide|car|"
                        r"bomb|air|fresh|heavy|rocket|mortar|barrel)\s+)*(?:attacks?|bombings?|bombs?|strikes?|"
                        r"air\s*strikes?|airstrikes?|raids?|shelling|explosions?|blasts?|incident|killings?)$")

#: (pattern, strength, group holding the perpetrator, group holding the cited source or None)
_RULES: list[tuple[re.Pattern, str, int, int | None]] = [
    (re.compile(_SRC + r"\s+(?:said|say|says|stated|reported)\s+(?:that\s+)?" + _NAME
                + r"\s+(?:were|was|are|is)\s+(?:responsible|behind)"), "claimed_by_source", 2, 1),
    (re.compile(_SRC + r"\s+attributed\s+(?:the\s+)?(?:killings?|attacks?|deaths?|massacres?|"
                r"violence|incident)\s+to\s+" + _NAME), "claimed_by_source", 2, 1),
    (re.compile(r"\b(?:blamed|blaming|blame|blames)\s+(?:the\s+|this\s+|that\s+)?(?:\w+\s+){0,2}?on\s+" + _NAME),
     "alleged", 1, None),
    (re.compile(r"\b(?:accused|blamed|blaming|accusing|accuse|blame)\s+" + _NAME), "alleged", 1, None),
    (re.compile(_NAME + r"\s+(?:could|may|might|were\s+likely\s+to|was\s+likely\s+to)\s+(?:have\s+been|be)\s+"
                r"(?:responsible|behind)"), "suspected", 1, None),
    (re.compile(r"\bmembers\s+of\s+" + _NAME + r"\s+(?:opened\s+fire|shot|killed|attacked)"), "alleged", 1, None),
    (re.compile(r"\b(?:militants?|fighters?|gunmen|men|forces|groups?|factions?)\s+(?:affiliated|aligned|"
                r"linked|associated)\s+(?:with|to)\s+" + _NAME, re.IGNORECASE), "affiliated", 1, None),
    (re.compile(r"\b([\w'’-]+(?:\s+[\w'’-]+)?-(?:affiliated|aligned|linked|backed)\s+[\w'’-]+)"), "affiliated", 1, None),
    (re.compile(r"\bsuspected\s+(?:of\s+being\s+)?" + _NAME, re.IGNORECASE), "suspected", 1, None),
    (re.compile(r"\bbelieved\s+to\s+(?:be|have\s+been)\s+(?:carried\s+out\s+)?by\s+" + _NAME, re.IGNORECASE),
     "suspected", 1, None),
    (re.compile(r"\b(?:allegedly|reportedly)\s+(?:\w+\s+){0,3}?by\s+" + _NAME), "alleged", 1, None),
    (re.compile(r"\b(?i:killed|shot|executed|massacred|murdered|slain|wounded|abducted|kidnapped|massacre|"
                r"killings?|slayings?|decapitated|beheaded|"
                r"attacked|struck|hit|targeted|carried\s+out|death|dead|(?:air\s*)?strikes?|airstrikes|raids?|"
                r"shelling|bombardment|bombing|attacks?)\s+(?:\w+\s+){0,9}?by\s+" + _NAME),
     "asserted", 1, None),
    (re.compile(_NAME + r"\s+(?:has\s+|have\s+|had\s+)?claimed\s+responsibility"), "asserted", 1, None),
    (re.compile(_NAME + r"\s+(?:has\s+|have\s+|had\s+)?(?:claims|claimed)\s+the\s+(?:[\w-]+\s+){0,4}?"
                r"(?:attack|bombing|blast|explosion|assault|killings?|massacre)\b"), "asserted", 1, None),
    # the outlet's own voice, an armed actor as subject: "Government forces ... killing hundreds"
    (re.compile(r"^((?:[A-Z][\w'’-]*\s+){0,4}(?i:forces|fighters|militants|troops|army|police|soldiers|"
                r"rebels|jihadists|militias?|warplanes|aircraft|jets))\b[^.;]{0,80}?\b(?:killed|killing|"
                r"shot|executed|executing|massacred|opened\s+fire|decapitated|beheaded)\b"), "asserted", 1, None),
    # ... also after a dateline or a cited source: "The Observatory said Kurdish forces killed 175"
    (re.compile(r"(?<![\w-])((?:the\s+|The\s+)?(?:[A-Z][\w'’-]*\s+){1,4}(?i:forces|fighters|militants|troops|"
                r"army|soldiers|rebels|jihadists|militias?|warplanes|aircraft|jets|coalition|terrorists|"
                r"organizations|organisations))\b(?:(?!\b(?:were|was|been|being|are|is|said|says|of)\b)"
                r"[^.;]){0,80}?\b(?i:killed|killing|kill|kills|executed|executing|execute|executes|massacred)\b"),
     "asserted", 1, None),
    # a weapon with its user: "killed in Russian airstrikes", "Israeli Strike ... Kills 5"
    (re.compile(r"\b(?i:in|by|after|from|during|under|amid)\s+" + _ACTOR_WEAPON), "asserted", 1, None),
    (re.compile(r"(?:^|(?<=\s))" + _ACTOR_WEAPON + r"(?:\s+(?:[\w-]+\s+){0,12}?)?\s*(?i:killed|kills|kill|killing|"
                r"pounded|hit|struck|targeted)\b"), "asserted", 1, None),
]
#: words a rule cannot match without: rules that begin with a name or a source try every
#: word of a sentence, so they run only where their verb is
_NEEDS = {rx.pattern: need for rx, *_ in _RULES for prefix in (_NAME, _SRC) if rx.pattern.startswith(prefix)
          for key, need in (("responsible", ("responsible", "behind")), ("attributed", ("attributed",)),
                            ("claim", ("claim",)))
          if key in rx.pattern[len(prefix):]}

#: what a source publishes: its maker is the source cited
_DOCUMENT = (r"(?:tally|tallies|count|counts|report|reports|investigation|inquiry|figures|data|toll|statement|"
             r"analysis|documentation|database|records)")
_CITED = [
    # "A Reuters investigation found", "an Amnesty report said": the outlet or group that investigated
    re.compile(r"\b(?:[Aa]n?\s+|[Tt]he\s+)?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\s+(?:investigation|inquiry|"
               r"report|analysis|review|tally|count)\s+(?:found|finds|showed|shows|said|says|concluded|revealed|"
               r"documented)\b"),
    # "according to a tally by the Observatory", "according to figures from the health ministry"
    re.compile(r"\b[Aa]ccording\s+to\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?" + _DOCUMENT
               + r"\s+(?:by|from|of|compiled\s+by|issued\s+by|released\s+by)\s+" + _SRC),
    # "according to an AFP tally", "according to a Syrian Civil Defence count"
    re.compile(r"\b[Aa]ccording\s+to\s+(?:an?\s+|the\s+)?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4})\s+"
               + _DOCUMENT + r"\b"),
    re.compile(r"\b[Aa]ccording\s+to\s+" + _SRC),
    # "..., a monitoring group said", "... the Syrian Observatory for Human Rights said" (commas often lost)
    re.compile(r"\b((?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}?(?:monitor|monitoring\s+group|observatory|group|agency|"
               r"ministry|official|officials|source|sources|spokesman|spokeswoman|activists?|doctors?|medics?|"
               r"police|military|television|TV|channel|station|newspaper|website|media|network|committee|council|"
               r"service|correspondent|report))"
               r"\s+(?:said|says|reported|announced)\b(?![^.;]{0,5}\bthat\b)"),
    re.compile(r"\b(the\s+(?:[A-Z][\w'’-]*\s+){1,5}(?:(?:for|of)\s+(?:[A-Z][\w'’-]*\s+){1,4})?)"
               r"(?=(?:said|says|reported|announced)\b)"),
    re.compile(r"(?:^|[,;]\s*|\bthat\s+)" + _SRC + r"\s+(?:said|says|say|reported|told|documented|stated|"
               r"confirmed|recorded|estimated)\b"),
    re.compile(r"\b(?:told|said\s+to)\s+" + _SRC + r"\s+(?:that|on|in)\b"),
    re.compile(r"^" + _SRC + r"\s+(?:did\s+not\s+say|attributed|blamed|accused)\b"),
]
_STRIP_PERP = re.compile(r"(?:[\s,]+(?:of|who|that|on|in|at|for)\b.*|\s+(?:said|says)\b.*|[\s,.;]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    strength: str
    perpetrator: str | None
    perpetrator_start: int | None
    perpetrator_end: int | None
    cited_source: str | None
    cited_start: int | None
    cited_end: int | None


def _clean(span_text: str, start: int, strip: bool = True) -> tuple[str, int, int] | None:
    t = span_text
    t = re.sub(r"[\s,.;:]+$", "", t)
    t2 = _STRIP_PERP.sub("", t) if strip else t
    t = t2 or t
    if not t or t.lower() in ("the", "a", "them", "him", "her", "it", "they"):
        return None
    if strip and re.match(r"(?i)(?:no|none|nobody|neither)\b", t):
        return None  # "No group has claimed responsibility"
    if strip and _NOT_ACTOR.match(t):
        return None  # "Suspected gas attack": an attack, not who made it
    return t, start, start + len(t)


def cited_source_in(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The source a passage cites ("according to X", "X said"), first found."""
    seg = text[start:end]
    for rx in _CITED:
        m = rx.search(seg)
        if m:
            src = _clean(m.group(1), start + m.start(1), strip=False)
            if src and src[0].lower() not in ("it", "he", "she", "they", "who", "which", "that"):
                return src
    return None


def attribution_in(text: str, start: int, end: int) -> Attribution:
    """The strongest attribution stated in ``text[start:end]``."""
    seg = text[start:end]
    cited = cited_source_in(text, start, end)
    found: Attribution | None = None
    low = seg.lower()
    for rx, strength, pg, sg in _RULES:
        need = _NEEDS.get(rx.pattern)
        if need and not any(w in low for w in need):
            continue  # patterns that begin with a name scan every word: only where their verb is
        m = rx.search(seg)
        if not m:
            continue
        perp = _clean(m.group(pg), start + m.start(pg))
        if perp is None:
            continue
        src = cited
        if sg is not None:
            src = _clean(m.group(sg), start + m.start(sg), strip=False) or cited
        if strength == "asserted" and src is not None:
            strength = "claimed_by_source"
        found = Attribution(strength, perp[0], perp[1], perp[2], *(src or (None, None, None)))
        break
    if found is None:
        m = _UNIDENTIFIED.search(seg)
        if m:
            found = Attribution("unidentified", m.group(1), start + m.start(1), start + m.end(1),
                                *(cited or (None, None, None)))
    if found is None:
        return Attribution("unknown", None, None, None, *(cited or (None, None, None)))
    denier = _DENY_AND_BLAME.search(seg)
    if denier and found.strength == "alleged":
        # "The ministry denied any involvement and blamed outlaw groups": a party that denies
        # and blames another is neither the count's source nor a witness to who did it; the
        # party it blames is at most a contested perpetrator
        src = cited
        if src is not None and denier.start(1) <= src[1] - start <= denier.end(1):
            src = None
        if src is not None and src[0].lower() == denier.group(1).lower():
            src = None
        return Attribution("contested", found.perpetrator, found.perpetrator_start, found.perpetrator_end,
                           *(src or (None, None, None)))
    if found.strength in ("alleged", "claimed_by_source", "asserted", "suspected", "affiliated") and _DENIED.search(seg):
        found = Attribution("contested", *list(found.__dict__.values())[1:])
    return found


def denies(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` denies or rejects an accusation (the next sentence's
    "A commander rejected the accusation" contests the one before)."""
    return _DENIED.search(text, start, end) is not None
