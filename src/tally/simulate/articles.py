"""News articles about incidents: vague counts, cited sources, attribution.

Each article is plain English text. Its first sentence states how many were
killed, where and when, in the words a reporter would use ("dozens of
civilians", "at least 40 people"); the next sentence says who is alleged to
be responsible and on whose word. The claim an ideal extractor should read
from it (DESIGN.md's claims format) is returned with it, with the evidence
span as character offsets into the text.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tally.simulate import config
from tally.simulate.population import Incident

OUTLETS = ("Levant Daily", "Coastal Observer", "Mediterranean Wire", "Southern Syria News",
           "Euphrates Post", "The Damascus Letter")
CITED = ("the Syrian Documentation Collective", "Syria Casualty Watch", "a local medical source",
         "the Health Ministry", "local activists", "the regional monitoring network",
         "residents", "a hospital director")

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
_COMMUNITY = {"alawite": "Alawite", "druze": "Druze", "sunni": "Sunni", "christian": "Christian",
              "kurd": "Kurdish", "shia": "Shia", "ismaili": "Ismaili"}


@dataclass
class Article:
    article_id: str
    outlet: str
    published: dt.date
    text: str
    claims: list[dict]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count_phrase(rng: random.Random, reported: int) -> tuple[str, int | None, int | None, int | None]:
    """Words for a count and the (low, best, high) they state."""
    vague = rng.random() < config.ARTICLE_VAGUE
    if reported <= 2:
        return _WORDS[reported], reported, reported, reported
    if vague:
        if 13 <= reported <= 23:
            return "more than a dozen", 13, None, None
        if 24 <= reported <= 99:
            return rng.choice(("dozens of", "scores of")), 24, None, 99
        if 100 <= reported <= 199:
            return "more than a hundred", 101, None, None
        if reported >= 200:
            return "hundreds of", 200, None, 999
        if reported <= 9:
            return "several", 3, None, 9
        return "at least ten", 10, None, None
    style = rng.random()
    number = _WORDS.get(reported, f"{reported:,}")
    if style < 0.5:
        return f"at least {number}", reported, reported, None
    if style < 0.8 or reported < 10:
        return number, reported, reported, reported
    return f"some {round(reported, -1):,}", round(reported * 0.9), round(reported, -1), round(reported * 1.1)


def _group(incident: Incident) -> tuple[str, str, str]:
    """(words, victim_group, status) for the dead of an incident."""
    victims = incident.victims
    civ = sum(v.status == "civilian" for v in victims)
    communities = [v.community for v in victims]
    main = max(set(communities), key=lambda c: (communities.count(c), c))
    if civ == len(victims):
        status = "civilian"
        if communities.count(main) == len(victims) and main in ("alawite", "druze") and len(victims) > 2:
            return f"{_COMMUNITY[main]} civilians", f"{main} civilians", status
        return "civilians", "civilians", status
    if civ == 0:
        return "fighters", "combatants", "combatant"
    return "people", "people", "unknown"


def _date_words(rng: random.Random, incident: Incident, published: dt.date) -> tuple[str, dt.date, dt.date]:
    d = incident.date
    u = rng.random()
    if u < 0.6:
        return f"on {d.day} {d.strftime('%B')}", d, d
    if u < 0.85 and (published - d).days <= 6:
        return f"on {d.strftime('%A')}", d, d
    return "in recent days", published - dt.timedelta(days=7), published


def write_article(rng: random.Random, article_id: str, incident: Incident) -> Article:
    """One article about one incident, and its true claim."""
    n = len(incident.victims)
    reported = max(1, round(n * rng.lognormvariate(0.0, 0.15)))
    published = incident.date + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    count, low, best, high = _count_phrase(rng, reported)
    group_words, group, status = _group(incident)
    if reported == 1:
        group_words = {"civilians": "civilian", "fighters": "fighter", "people": "person"}.get(group_words, group_words)
        if group_words.endswith("civilians"):
            group_words = group_words[:-1]
    when, start, end = _date_words(rng, incident, published)
    place = incident.place
    where = f"{place.name}, in {place.governorate} governorate"
    verb = "was" if reported == 1 else "were"
    body = "body" if reported == 1 else "bodies"
    lead = rng.choice((
        f"{_cap(count)} {group_words} {verb} killed in {where}, {when}.",
        f"{_cap(when)}, {count} {group_words} {verb} killed in {where}.",
        f"The {body} of {count} {group_words} {verb} found in {where}, {when}.",
        f"{_cap(count)} {group_words} died in an attack on {where}, {when}.",
    ))
    cited = CITED[rng.randrange(len(CITED))]
    perpetrator = incident.perpetrator
    u = rng.random()
    if perpetrator in ("unidentified gunmen", "explosive remnants of war") or u > config.ARTICLE_ATTRIBUTED:
        attribution, claimed = "unknown", None
        attr_text = rng.choice(("It was not immediately clear who was responsible.",
                                "No group has claimed responsibility.",
                                f"{_cap(cited)} did not say who carried out the killings."))
    elif u < config.ARTICLE_ATTRIBUTED * 0.45:
        attribution, claimed = "alleged", perpetrator
        attr_text = rng.choice((
            f"Residents accused {perpetrator} of carrying out the killings, according to {cited}.",
            f"Witnesses told {cited} that members of {perpetrator} opened fire.",
            f"Relatives of the victims blamed {perpetrator}, {cited} said.",
        ))
    elif u < config.ARTICLE_ATTRIBUTED * 0.8:
        attribution, claimed = "claimed_by_source", perpetrator
        attr_text = rng.choice((
            f"{_cap(cited)} said {perpetrator} were responsible.",
            f"{_cap(cited)} attributed the killings to {perpetrator}.",
        ))
    else:
        attribution, claimed = "contested", perpetrator
        attr_text = rng.choice((
            f"{_cap(cited)} blamed {perpetrator}, who denied any involvement.",
            f"{_cap(cited)} accused {perpetrator}; a spokesman for the group rejected the accusation.",
        ))
    headline = f"{incident.type.capitalize()} in {place.name} leaves {count} dead"
    header = f"{headline}\n{outlet} — {published.isoformat()}\n\n"
    filler = ("Funerals were held the following day. "
              "The figures could not be independently verified.")
    text = f"{header}{lead} {attr_text} {filler}\n"
    start_at = len(header)
    claim = {
        "killed_low": low, "killed_best": best, "killed_high": high,
        "incident_count_low": 1, "incident_count_high": 1,
        "victim_group": group, "status": status, "place": place.name,
        "date_start": start.isoformat(), "date_end": end.isoformat(),
        "perpetrator": claimed, "attribution": attribution,
        "cited_source": cited if attribution in ("alleged", "claimed_by_source", "contested") else None,
        "evidence_text": lead, "evidence_start": start_at, "evidence_end": start_at + len(lead),
        # truth, beyond what the article says
        "article_id": article_id, "incident_ids": [incident.incident_id], "true_killed": n,
        "governorate": place.governorate,
    }
    assert text[claim["evidence_start"]:claim["evidence_end"]] == lead
    return Article(article_id, outlet, published, text, [claim])


def write_wave_summary(rng: random.Random, article_id: str, phase: str, governorate: str,
                       killed: int, incidents: int, start: dt.date, end: dt.date) -> Article:
    """An article giving the toll of a wave of killings in a governorate."""
    reported = max(1, round(killed * rng.lognormvariate(-0.1, 0.2)))
    count, low, best, high = _count_phrase(rng, reported)
    low_inc = max(1, incidents // 2)
    published = end + dt.timedelta(days=2)
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    cited = CITED[rng.randrange(len(CITED))]
    lead = (f"{count[0].upper()}{count[1:]} people were killed across {governorate} governorate "
            f"between {start.day} {start.strftime('%B')} and {end.day} {end.strftime('%B')}, "
            f"in more than {low_inc} separate attacks, according to {cited}.")
    header = f"Death toll rises in {governorate}\n{outlet} — {published.isoformat()}\n\n"
    text = f"{header}{lead} The toll is expected to rise as families search for the missing.\n"
    start_at = len(header)
    claim = {
        "killed_low": low, "killed_best": best, "killed_high": high,
        "incident_count_low": low_inc + 1, "incident_count_high": None,
        "victim_group": "people", "status": "unknown", "place": governorate,
        "date_start": start.isoformat(), "date_end": end.isoformat(),
        "perpetrator": None, "attribution": "unknown", "cited_source": cited,
        "evidence_text": lead, "evidence_start": start_at, "evidence_end": start_at + len(lead),
        "article_id": article_id, "incident_ids": [], "true_killed": killed,
        "true_incidents": incidents, "governorate": governorate, "phase": phase,
    }
    return Article(article_id, outlet, published, text, [claim])
