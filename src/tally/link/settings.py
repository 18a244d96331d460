"""What to compare and how to block: Tally's linkage model, defined once.

The settings name no SQL dialect beyond portable expressions, so the same
model runs on DuckDB (default) and Spark. Input columns are those of the
link input table built by :mod:`tally.link.features`.

Design choices, each answering a way textbook settings fail on Syrian lists:

* names are compared on Normalize's cross-script keys, so an Arabic-script
  record meets its Latin transliteration; exact key agreement is adjusted for
  how common the name is (every spelling of Mohammed pools into one key);
* a kunya ("Abu Ahmad") standing where a given name should be is its own
  level, not a disagreement;
* dates are intervals: a month-only date is compatible with any day in it;
* places are hierarchical: same unit, same district, same governorate, or a
  conflict;
* age ranges are compared by overlap, so "30-40" agrees with 34;
* pairs from the same source carry their own weight: lists rarely repeat a
  person, and the model should know it;
* unidentified bodies have no name keys, so no name-based blocking rule ever
  pairs them: they are never merged on a placeholder "name", only attached to
  the single victim of their day and village that fits them.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

import splink.comparison_library as cl


@dataclass
class LinkSettings:
    """Thresholds and training sizes; the comparisons themselves are fixed here."""

    #: pairs at or above this match probability are linked into one person:
    #: more likely one person than two. A missed link counts a victim twice and
    #: a false one erases a victim, equal harms to a count, so the even line is
    #: the threshold that makes the fewest expected errors (on simulated hard
    #: lists of 50,000 records it also gave the best F1: 0.945 against 0.941
    #: at 0.7, and no loss at 5,000 or on the standard profile)
    match_threshold: float = 0.5
    #: pairs between these probabilities are shown in the review queue: from
    #: the lowest probability at which a pair can link (``clear_candidate_threshold``),
    #: so every link made on doubtful evidence can be seen and overturned
    review_band: tuple[float, float] = (0.15, 0.98)
    #: a doubtful pair (below ``match_threshold``, at least this probable) is
    #: linked when neither record has any other candidate person at or above
    #: ``rival_threshold``: a thin record ("Ahmad Hussein, March, Latakia")
    #: joins the one person of that name, month and place, and stays apart
    #: when there are two. Scored alone such a pair is doubtful; that no one
    #: else on any list fits either record is evidence the pair's own score
    #: cannot see (on 50,000 simulated hard-profile records, pairs linked this
    #: way between 0.15 and 0.3 were as precise as the rest: pairwise F1 0.950
    #: at 0.3, 0.956 at 0.15, precision 0.982 both)
    clear_candidate_threshold: float = 0.15
    #: a doubtful pair where one record is thin (given and family name only,
    #: as news-derived lists write them) links, when neither side has a rival
    #: (``rival_threshold``, ``rival_ratio``), from this much evidence in bits:
    #: its weight less the prior's log-odds, so a probability that falls as
    #: the lists grow (about 0.07 at 5,000 independent-profile records, 0.005
    #: at 50,000; hard profile 0.15 and 0.01). Such a pair never gathers a full
    #: record's weight, and that no one else fits it is its evidence; as lists
    #: grow the prior falls with every pair's chance, while the rival check
    #: counts the namesakes really there. A fixed 0.05 cost recall with size
    #: (independent F1 0.882 at 5,000, 0.843 at 50,000); 8.3 bits gave 0.895
    #: and 0.854 (precision 0.850 there), 9.3 bits 0.888 and 0.859
    thin_candidate_evidence: float = 8.8
    #: two lists' arrival groups (one list's records of one day and place) that
    #: match as a group are solved as an assignment, each record paired with at
    #: most one of the other's; a pair it rejects where both records have a
    #: better partner there is two people (tally.link.group: relatives killed
    #: together; false merges of relatives on the development profiles fell by
    #: up to 6%, F1 +0.000-0.002, never lower)
    group_assignment: bool = True
    #: a thin pair of namesakes (same given name, family name and governorate,
    #: a father missing on one side) weighs log2 of the people estimated to
    #: carry the name there less (tally.link.namesakes). Off: measured, it
    #: traded recall for precision one for one (seed 1, pairwise F1 off -> on:
    #: audit 5k 0.898 -> 0.904, 50k 0.817 -> 0.820; field 5k 0.859 -> 0.855,
    #: 50k 0.688 -> 0.686; independent 5k 0.880 -> 0.870, 50k 0.844 -> 0.839;
    #: wave 7, mosaic 5k 0.871 -> 0.874, 50k 0.709 -> 0.707, precision +0.03 and
    #: recall -0.025 at 50k; 1M hard 0.918 -> 0.908): kept for a user who would
    #: rather miss a link than make one, not on by default
    namesake_density: bool = False
    #: a thin record dated by report joins the one person its namesakes of
    #: the governorate dated in its report window make, whatever the pair
    #: scored (tally.link.namesakes.window_namesakes); where two persons are
    #: there, the one its pairs make three times as likely as the other
    #: (tally.link.namesakes.link_window_likeliest)
    thin_window_namesakes: bool = True
    #: two records of one given and family name whose ages lie more than 10
    #: years apart, or whose sex differs, are two people whatever chain joins
    #: them (:data:`NAMESAKES_APART`, a conflict). Off in waves 5-6: it lost on
    #: ledger (5k F1 0.852 -> 0.841, recall 0.850 -> 0.810), because an age
    #: class ("adult") was read as a bound. Ages now count only where given to
    #: within 10 years, and it gains on every profile, mostly in precision
    #: against namesakes (in-sample, seed 1, F1 off -> on: mosaic 5k 0.871 ->
    #: 0.877, 50k 0.709 -> 0.720; ledger 5k 0.865 -> 0.873, 50k 0.722 -> 0.735;
    #: benchmarks/RESULTS.md, "Link II, wave 7")
    namesakes_apart: bool = True
    #: another candidate is a rival of a doubtful pair only when at least this
    #: share as probable as the pair: a thin record twice as likely to be one
    #: person as any other is that person (as namesakes grow with the lists,
    #: some weak namesake fits nearly every thin record). Independent profile
    #: F1 at 5,000 records 0.882 -> 0.895, at 50,000 0.832 -> 0.844; hard 5k
    #: unchanged
    rival_ratio: float = 0.5
    #: another candidate at or above this probability is a rival: with one,
    #: neither a doubtful pair nor an unidentified body links on its own
    rival_threshold: float = 0.15
    #: attach an unidentified body to the one named victim it fits (its day and
    #: village, age, sex), when no other victim is even a doubtful candidate
    #: (below ``rival_threshold``); otherwise it waits for a reviewer
    attach_unidentified: bool = True
    #: an unidentified body's best candidate needs at least this probability.
    #: Lower than ``match_threshold`` because a body has no name to agree on:
    #: its pairs can never gather the weight of a named pair (same day, same
    #: village, age and sex come to about 0.4), and the absence of any rival is
    #: required on top. On 50,000 simulated hard-profile records, 0.3 attached
    #: 971 bodies, 85% rightly; 0.5 attached 176, 87.5% rightly
    unidentified_threshold: float = 0.3
    #: a pair scored below this probability, with at least one field weighing
    #: ``conflict_field_weight`` bits or less, is two people: no chain of other
    #: links puts them in one person. Relatives killed together link to each
    #: other's records through one wrong edge, and their own pair, compared
    #: directly, says they differ (on 50,000 simulated hard-profile records
    #: this removed a fifth of the wrong links, most of them made by chains)
    conflict_probability: float = 0.01
    #: see ``conflict_probability``: -6 bits is a field 64 times likelier
    #: between two people than within one (at -3, FEBRL3's duplicates, each
    #: typed over differently, no longer all met through their original:
    #: pairwise F1 0.989 against 0.992)
    conflict_field_weight: float = -6.0
    #: a pair below ``match_threshold`` whose given name or lineage weighs this
    #: many bits or less is two people, whatever else agrees: only the name
    #: levels that separate relatives weigh so little (siblings' different given
    #: names, -13 bits; a different grandfather between otherwise equal names,
    #: -12 before term-frequency adjustment). None: off
    relative_field_weight: float | None = -8.0
    #: random pairs used to estimate u probabilities
    u_max_pairs: float = 2e6
    #: blocked pairs used in each EM training session (None: all)
    em_max_pairs: float | None = 2e6
    #: no level's m probability stays below this after training: one field's
    #: disagreement weighs at most log2(u / min_m) bits against a match
    min_m_probability: float = 0.001
    #: share of true matches assumed found by the deterministic rules (prior)
    deterministic_recall: float = 0.3
    #: memory DuckDB may use for scoring before it spills to disk
    memory_limit: str = "6GB"
    #: below this many records the shipped priors are the model (no training)
    min_records_to_train: int = 1000
    seed: int = 42
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # 0 turns conflicts off, whatever the thresholds
        if self.conflict_probability and not 0 < self.conflict_probability < min(
                self.match_threshold, self.clear_candidate_threshold):
            raise ValueError(
                f"conflict_probability ({self.conflict_probability}) must lie below the match "
                f"threshold ({self.match_threshold}) and the clear-candidate threshold "
                f"({self.clear_candidate_threshold}): a pair cannot both link and conflict")

    @property
    def keep_from(self) -> float:
        """Pairs below this probability are not kept: no threshold looks at them."""
        return min(self.review_band[0], self.clear_candidate_threshold, self.rival_threshold)

    @property
    def namesakes_apart_sql(self) -> str | None:
        """:data:`NAMESAKES_APART` where ``namesakes_apart`` is on (the conflicts'
        ``apart`` rule on either engine), else None."""
        return NAMESAKES_APART if self.namesakes_apart else None

    def thin_threshold(self, prior: float) -> float:
        """The probability from which a thin record's doubtful pair may link,
        under the model's ``prior`` (``thin_candidate_evidence``)."""
        odds = self.thin_candidate_evidence + math.log2(prior / (1 - prior))
        return 1.0 / (1.0 + 2.0 ** -odds)

    def keep_from_for(self, prior: float) -> float:
        """``keep_from``, lowered to the thin records' threshold under ``prior``."""
        return min(self.keep_from, self.thin_threshold(prior))

    def to_dict(self) -> dict:
        return {
            "match_threshold": self.match_threshold,
            "review_band": list(self.review_band),
            "clear_candidate_threshold": self.clear_candidate_threshold,
            "thin_candidate_evidence": self.thin_candidate_evidence,
            "group_assignment": self.group_assignment,
            "namesake_density": self.namesake_density,
            "thin_window_namesakes": self.thin_window_namesakes,
            "namesakes_apart": self.namesakes_apart,
            "rival_ratio": self.rival_ratio,
            "attach_unidentified": self.attach_unidentified,
            "unidentified_threshold": self.unidentified_threshold,
            "rival_threshold": self.rival_threshold,
            "conflict_probability": self.conflict_probability,
            "conflict_field_weight": self.conflict_field_weight,
            "relative_field_weight": self.relative_field_weight,
            "u_max_pairs": self.u_max_pairs,
            "em_max_pairs": self.em_max_pairs,
            "deterministic_recall": self.deterministic_recall,
            "min_m_probability": self.min_m_probability,
            "min_records_to_train": self.min_records_to_train,
            "memory_limit": self.memory_limit,
            "seed": self.seed,
            **self.extra,
        }


#: Levels that say strictly more than another level of the same comparison
#: (comparison, finer level, coarser level): after training, the finer one
#: weighs at least as much. EM estimates each level's m on its own, and a level
#: it seldom sees among likely matches can end below its coarser neighbour: on
#: 50,000 simulated records three agreeing lineage names weighed two bits less
#: than two, because few pairs of true matches both give a grandfather. More
#: agreement is never less evidence of a match.
MONOTONE_LEVELS: tuple[tuple[str, str, str], ...] = (
    ("lineage", "father, grandfather and family agree", "father and family agree"),
    ("event", "same day, same place", "same day, same district"),
    ("event", "same day, same district", "same day, same governorate"),
    ("event", "compatible dates, same district", "compatible dates, same governorate"),
    ("event", "same day, same district", "compatible dates, same district"),
    ("event", "within 3 days, same district", "within 3 days, same governorate"),
    ("event", "same day, same governorate", "compatible dates, same governorate"),
    ("event", "same day, one place given only as the governorate",
     "compatible dates, one place given only as the governorate"),
    ("event", "compatible dates, one place given only as the governorate",
     "within 3 days, one place given only as the governorate"),
    # a report 0-3 days after the death is one side of "within 3 days": never
    # less evidence. EM, which seldom sees those pairs among likely matches,
    # drove "a report ..., one place given only as the governorate" to the floor
    # (-4.1 bits) on one field draw of 5,000 records and to +3.7 on another;
    # held to its symmetric neighbour, field F1 on the first 0.796 -> 0.854
    ("event", "a report 0-3 days after, same district", "within 3 days, same district"),
    ("event", "a report 0-3 days after, one place given only as the governorate",
     "within 3 days, one place given only as the governorate"),
    ("event", "a report 0-3 days after, same governorate", "within 3 days, same governorate"),
)


#: A record that gives no father (the given and family name of a news-derived
#: list) says nothing about him: the list's format left him out, whoever the
#: victim is. So "family agrees, father missing on one side" weighs what the
#: family's agreement weighs where both records give a father (its m: the
#: share of matches with both fathers whose family agrees, from the trained
#: levels below), against its chance agreement (its u, from random pairs,
#: less the share of pairs with a father missing). EM cannot learn that level
#: itself: the sessions that estimate the lineage never pair a news record
#: (session 2 needs an age, which news lists seldom give), and on the held-out
#: field profile it came out at 2.7 bits where the truth shows 5.5 (5,000
#: records; independent 5.4 against 6.3, hard 4.7 against 4.9).
MISSING_FATHER_LEVEL = ("lineage", "family agrees, father missing on one side")
#: lineage levels where both records give a father and a family: those whose
#: family agrees, then the rest
BOTH_FATHERS_FAMILY_AGREES = (
    "father, grandfather and family agree", "father and family agree",
    "father and family agree, grandfather one letter apart",
    "father and family agree, grandfather differs", "family agrees, father differs",
    "same family, fathers of one key but two names (Mahmoud / Muhammad)")
BOTH_FATHERS_OTHER = ("father agrees, family differs", "one letter apart (typo)",
                      "All other comparisons")


#: Each level declares its starting (m, u) where it is declared, and a
#: comparison refuses a level without one (:func:`_comparison`). They come
#: from training on a simulated 6,000-record, five-list conflict (rounded, with
#: no level at exactly 0 or 1) and are refined by training wherever a project
#: or file has enough records; below ``LinkSettings.min_records_to_train`` they
#: are the model. m: how often a true match shows the level; u: how often two
#: different people do.


def _level(sql_condition: str, label: str, m: float, u: float):
    """A custom level written in DuckDB SQL (Splink translates it for Spark),
    with its starting m and u."""
    return _prior(cll.CustomLevel(sql_condition, label, base_dialect_str="duckdb"), m, u)


def _null(sql_condition: str, label: str):
    """A level that says nothing either way (a value missing): weight 0, no prior."""
    return cll.CustomLevel(sql_condition, label, base_dialect_str="duckdb").configure(
        is_null_level=True)


def _prior(level, m: float, u: float):
    """``level`` with its starting m and u."""
    return level.configure(m_probability=m, u_probability=u)


def _comparison(name: str, description: str, levels: list) -> ComparisonCreator:
    """Comparison ``name`` of ``levels``, each non-null one with its prior.

    Splink gives a level without m and u a default of its own, silently; here
    such a level is an error when the comparison is built (by every link run,
    and by the tests), so every level's starting weight is one Tally chose.
    """
    for level in levels:
        if level.is_null_level:
            continue
        m, u = getattr(level, "m_probability", None), getattr(level, "u_probability", None)
        if m is None or u is None or not (0 < m < 1 and 0 < u < 1):
            raise ValueError(f"linkage comparison {name!r}: level "
                             f"{level.create_label_for_charts()!r} declares no prior "
                             f"(m, u) strictly between 0 and 1")
    return cl.CustomComparison(output_column_name=name, comparison_levels=levels,
                               comparison_description=description)


def _read_family_first(a: str, b: str, *, father: str) -> str:
    """Record ``a``, read as written family-first, names the person ``b`` names.

    ``father`` is "agrees" (both give the father's name and it agrees: three
    parts) or "missing" (one side has none: only two parts agree).
    """
    rot = f"rot_given_key_{a} = given_key_{b} AND rot_family_key_{a} = family_key_{b}"
    if father == "agrees":
        return f"({rot} AND rot_father_key_{a} = father_key_{b})"
    return f"({rot} AND (rot_father_key_{a} IS NULL OR father_key_{b} IS NULL))"


#: one of the two records is the other's name written family-first, three
#: parts agreeing ("Qabbani Jasem Khaled" / "Jasem Khaled Qabbani"), or two
#: ("Hussein Hazem" / "Hazem Zakaria Hussein"). The rot_* columns hold that
#: reading (tally.link.features). Two crossed parts are weak evidence: "Mohammed
#: Hussein" and "Hussein Mohammed Shahin" are as often two men, one named after
#: the other's father, so that level earns its own, lower weight.
ROTATED_3 = (f"({_read_family_first('l', 'r', father='agrees')} "
             f"OR {_read_family_first('r', 'l', father='agrees')})")
ROTATED_2 = (f"({_read_family_first('l', 'r', father='missing')} "
             f"OR {_read_family_first('r', 'l', father='missing')})")
ROTATED = f"({ROTATED_3} OR {ROTATED_2})"


#: one of the two given-name keys is seen at most twice among the records
#: (``given_count``, tally.link.features): a misspelling, not another name
RARE_GIVEN = "least(given_count_l, given_count_r) <= 2"
#: the same for family-name keys
RARE_FAMILY = "least(family_count_l, family_count_r) <= 2"

#: Two records of the same given and family name that are clearly two people:
#: their ages lie more than 10 years apart, or their sex differs. Relatives
#: killed together carry one name: a grandfather and the grandson named after
#: him, cousins named after one grandfather, a brother and sister of one key.
#: Unconditioned, each weighs little (a far age -3 bits: EM takes relatives for
#: matches; a different sex -4: random pairs differ half the time), yet among
#: pairs that share the name it is what two people show: audit profile, 5,000
#: records, pairs of one name within 3 days in one governorate were one person
#: 0 times of 257 with far ages, 0 of 108 with different sex (field: 0 of 1,882,
#: 0 of 244). A thin record ("Hassan Muhb", no age, no sex) links to both; this
#: keeps the two apart (a conflict: :func:`tally.link.overlap.conflicts_sql`)
#: whatever chain joins them, and leaves the trained weights alone (as levels
#: of their own, weighed only after EM, they still moved it: field 5k F1 0.855
#: -> 0.825). Seed 1 F1: audit 5k 0.904 -> 0.908, 50k 0.809 -> 0.818; field 5k
#: 0.857 -> 0.860, 50k 0.684 -> 0.689 (benchmarks/RESULTS.md, wave 5, LF). Different
#: fathers (beyond a letter) were tried too: 8 of 344 such audit pairs one
#: person, but field's lists misplace fathers (61 of 3,863) and recall fell
#: (field 0.802 -> 0.781); held to pairs whose grandfathers differ too, it
#: changed nothing on either profile.
#: Ages count only where both records give one to within 10 years: an age
#: class ("adult", "a woman": 18 and over, read as 18-48) is no bound, and held
#: as one it called a man of 60 and the same man written "adult" two people
#: (ledger 5k, seed 1: 130 of the 501 conflicts it added were one person, recall
#: 0.877 -> 0.837; with the class left out 0.874, precision 0.853 -> 0.873).
NAMESAKES_APART = (
    "given_key_l = given_key_r AND family_key_l = family_key_r AND ("
    "(age_high_l - age_low_l <= 10 AND age_high_r - age_low_r <= 10 "
    "AND (age_low_l > age_high_r + 10 OR age_low_r > age_high_l + 10)) OR sex_l <> sex_r)")
#: the link input columns :data:`NAMESAKES_APART` reads
NAMESAKES_APART_COLUMNS = ("given_key", "family_key", "age_low", "age_high", "sex")

#: both given names are names of the table, different, one letter apart
KNOWN_NAMES_ONE_LETTER = ("given_std_l IS NOT NULL AND given_std_r IS NOT NULL AND given_std_l <> given_std_r "
                          "AND levenshtein(given_key_l, given_key_r) = 1")
KNOWN_SIBLINGS_LABEL = "two names one letter apart, same father and family (sisters, e.g. Salma / Lama)"

SIBLINGS = ("given_key_l IS NOT NULL AND given_key_r IS NOT NULL "
            "AND father_key_l = father_key_r AND family_key_l = family_key_r")
SIBLINGS_LABEL = "different given names, same father and family (siblings)"


#: both names were written in Arabic script: the name table reads each unit
#: exactly (up to a typo), so two readings of one key that differ are two names.
#: A Latin spelling blurs names of one key ("Samir" is written for سامر, "Salah"
#: for صالح): on kestrel 50,000 (in-sample) fathers of one key read as different
#: names were one person 6 times of 446 where both names were Arabic, 57 of 310
#: where one was Latin
ARABIC_NAMES = "name_script_l = 'arabic' AND name_script_r = 'arabic'"
#: the fathers' names share a key but are two names, both read from Arabic
#: (sons of محمود and of محمد)
FATHERS_NAMED_APART = ("father_key_l = father_key_r AND father_std_l <> father_std_r "
                       f"AND {ARABIC_NAMES}")
FATHERS_NAMED_APART_LABEL = "same family, fathers of one key but two names (Mahmoud / Muhammad)"
#: two given names of one key, both read from Arabic, with the same father and
#: family: brothers or sisters whose names rhyme (حسن / حسين, نور / نورا, علاء / علي)
SAME_KEY_SIBLINGS = (f"given_key_l = given_key_r AND given_std_l <> given_std_r AND {ARABIC_NAMES} "
                     "AND father_key_l = father_key_r AND family_key_l = family_key_r")
SAME_KEY_SIBLINGS_LABEL = ("two names of one key written in Arabic, same father and family "
                           "(brothers, e.g. Hasan / Husayn)")

#: one record's kunya names the other as its child: "أبو علي حسن سلوم" (Hasan, father of
#: Ali) and "علي حسن سلوم" (his son Ali, named after his grandfather as eldest sons are)
CHILD_IN_KUNYA = ("(kunya_key_l IS NOT NULL AND given_key_r IS NOT NULL "
                  "AND kunya_key_l IN ('abu_' || given_key_r, 'umm_' || given_key_r)) OR "
                  "(kunya_key_r IS NOT NULL AND given_key_l IS NOT NULL "
                  "AND kunya_key_r IN ('abu_' || given_key_l, 'umm_' || given_key_l))")
CHILD_IN_KUNYA_LABEL = "one is named in the other's kunya (Abu Ali / Ali: father and son)"


def given_name_comparison() -> ComparisonCreator:
    return _comparison("given_name", "given name: cross-script key, kunya and typo aware", [
        # Before every other level: what follows a kunya is read as the given name
        # (or stands for it), so "أبو علي علي سلوم" met his son "علي حسن سلوم" as
        # "same given name" and "Abu Ali Hasan Salloum" met "Ali Hasan Salloum" as
        # "kunya, then the other's father's name". Of such stored pairs at 50,000
        # records 7 of 293 were one person on mosaic, 34 of 804 on audit, 5 of 189 on
        # ledger, and 167 were linked, 17 rightly. Among pairs that agree on the
        # family this is what a father and his son show, which random pairs cannot
        # teach: m and u fixed, as for siblings
        _level(CHILD_IN_KUNYA, CHILD_IN_KUNYA_LABEL, 0.001, 0.5).configure(
            fix_m_probability=True, fix_u_probability=True),
        # A kunya standing where the given name would be ("Abu Ahmad Saleh")
        # cannot be compared with the other's given name: it says nothing
        # either way, so it is a missing given name (EM, seeing few such
        # pairs, had made it a weak disagreement on 50,000 records)
        _null(
            "(given_key_l IS NULL AND (kunya_key_l IS NULL OR kunya_key_r IS NULL)) OR "
            "(given_key_r IS NULL AND (kunya_key_r IS NULL OR kunya_key_l IS NULL)) OR "
            f"{ROTATED}",
            "given name missing, or written family-first (see lineage)",
        ),
        _level(
            "given_key_l = given_key_r AND (given_std_l = given_std_r OR given_std_l IS NULL "
            "OR given_std_r IS NULL)",
            "same given name", 0.90, 0.015,
        ).configure(tf_adjustment_column="given_key"),
        # Two such names written in Arabic, with the same father and family, are
        # brothers or sisters (Hasan / Husayn, Nour / Noura, Alaa / Ali): on
        # kestrel 50,000 (in-sample) 12 of 481 such stored pairs were one person,
        # and 112 wrong ones were linked at the level below. Weighed as siblings.
        # (a stored pair's level is named by its index, tally.link.levels, so it
        # may weigh what the siblings' level does)
        _level(SAME_KEY_SIBLINGS, SAME_KEY_SIBLINGS_LABEL, 0.0002, 0.95).configure(
            fix_m_probability=True, fix_u_probability=True),
        # Two names of the table that share a key (Mahmoud / Muhammad, Hasan /
        # Husayn: brothers' names rhyme) are mostly two people: of the stored pairs
        # at this level 1.4% were one person on ledger 50,000 (412 of 29,457) and
        # 5% on mosaic (214 of 4,075). EM, seeing brothers killed together, had
        # raised m until the level weighed +3.9 bits on ledger and linked 1,374
        # such pairs. m is fixed at what a true pair shows (0.9% and 0.4% of all
        # true pairs there), as for a different given name
        _level("given_key_l = given_key_r",
               "same key, different names (e.g. Mahmoud / Muhammad)", 0.006, 0.003).configure(
            fix_m_probability=True),
        # the kunya stands for a given name only where one record gives none:
        # two men who both give their own names and are both "Abu Ali" are
        # mostly brothers (each named his eldest son after their father): of
        # such pairs 16 of 94 were one person (mosaic, ledger, audit 50,000)
        # and 52 were linked at +12 bits, 9 rightly
        _level("kunya_key_l = kunya_key_r AND (given_key_l IS NULL OR given_key_r IS NULL)",
               "same kunya", 0.01, 1e-05),
        _level(
            "(kunya_key_l IS NOT NULL AND given_key_l = father_key_r) OR "
            "(kunya_key_r IS NOT NULL AND given_key_r = father_key_l)",
            "kunya, then the other's father's name", 0.02, 0.0005,
        ),
        # Until the priors were declared with the levels, these two never got
        # theirs (a table keyed by label missed them: Splink labels a level
        # before it is renamed) and ran on Splink's defaults, which made a
        # similar spelling weigh 2.3 bits AGAINST a match wherever the model is
        # not trained (under 1,000 records). With these values no person
        # changed on hard 800 and 5,000, standard 5,000 or FEBRL3.
        # One letter apart is a typo when one of the spellings is rare (seen
        # once or twice among the records): a slip of the pen is not repeated.
        # Two keys one letter apart that many records give are two names
        # (سلمى / لمى, Salma / Lama: sisters killed together, whose father and
        # family agree): on the independent profile at 5,000 records 184 of 388
        # such pairs in one family and governorate were one person where a
        # spelling was rare, 144 of 1,694 where both were common (hard: 26 of
        # 89, 6 of 1,594). One level for both had made sisters +1.7 bits
        # Two names of the table one letter apart, with the same father and
        # family, are sisters or brothers (سلمى / لمى), however rare one of the
        # names is among the records: weighed as siblings, so the pair is two
        # people (LinkSettings.relative_field_weight), not a typo
        _level(f"{KNOWN_NAMES_ONE_LETTER} AND {SIBLINGS}", KNOWN_SIBLINGS_LABEL, 0.0001, 0.95).configure(
            fix_m_probability=True, fix_u_probability=True),
        _level(f"levenshtein(given_key_l, given_key_r) <= 1 AND {RARE_GIVEN}",
               "one letter apart (typo)", 0.01, 0.038),
        _prior(cll.JaroWinklerLevel("given_sim_key", 0.9), 0.01, 0.0007).configure(
            label_for_charts="similar spelling (Jaro-Winkler >= 0.9)"),
        # Brothers and sisters killed together share father, family, day and
        # place; only the given name tells them apart. Among pairs that share
        # father and family, a different given name is what different people
        # almost always show and the same person almost never, which neither
        # random pairs (u) nor EM (m) can learn, so both are fixed here.
        _level(SIBLINGS, SIBLINGS_LABEL, 0.0001, 0.95).configure(
            fix_m_probability=True, fix_u_probability=True),
        _level("levenshtein(given_key_l, given_key_r) <= 1 AND family_key_l = family_key_r",
               "one letter apart, both names common, same family", 0.03, 0.95).configure(
            fix_m_probability=True, fix_u_probability=True),
        _level("levenshtein(given_key_l, given_key_r) <= 1",
               "one letter apart, both names common (e.g. Salma / Lama)", 0.005, 0.03),
        # A different given name. Its m is fixed: EM sees relatives killed
        # together (same family, day, village, similar ages) as matches and
        # raised it until a different given name weighed -3 bits instead of -6
        # (held-out profile, 5,000 records: 13 true pairs of 2,131 at this level)
        _prior(cll.ElseLevel(), 0.02, 0.94).configure(fix_m_probability=True),
    ])


def lineage_comparison() -> ComparisonCreator:
    """Father's, grandfather's and family names as ONE comparison.

    Relatives share them together, so counting each as independent evidence
    would add up three times what is one fact ("same family").
    """
    same_father = "father_key_l = father_key_r"
    same_family = "family_key_l = family_key_r"
    gf_missing = "(grandfather_key_l IS NULL OR grandfather_key_r IS NULL)"
    return _comparison("lineage", "father's, grandfather's and family names together", [
        _null(
            "(father_key_l IS NULL AND family_key_l IS NULL) OR "
            "(father_key_r IS NULL AND family_key_r IS NULL)",
            "father's and family names missing",
        ),
        # Sons of Mahmoud and sons of Muhammad share the father's key (mhmd):
        # read from Arabic, the two fathers are two men, as a different
        # grandfather says below (kestrel 50,000, in-sample: 6 of 446 such stored
        # pairs one person, 54 wrong ones linked as "father and family agree").
        # m and u fixed, as for siblings
        # (a stored pair's level is named by its index, tally.link.levels, so it
        # may weigh what "grandfather differs" does)
        _level(f"{FATHERS_NAMED_APART} AND {same_family}", FATHERS_NAMED_APART_LABEL,
               0.0002, 0.5).configure(fix_m_probability=True, fix_u_probability=True),
        _level(
            f"{same_father} AND {same_family} AND grandfather_key_l = grandfather_key_r",
            "father, grandfather and family agree", 0.25, 2e-06,
        ).configure(tf_adjustment_column="family_key"),
        _level(f"{same_father} AND {same_family} AND {gf_missing}",
               "father and family agree", 0.40, 0.0007).configure(
            tf_adjustment_column="family_key"),
        _level(f"{same_father} AND {same_family} "
               "AND levenshtein(grandfather_key_l, grandfather_key_r) <= 1",
               "father and family agree, grandfather one letter apart", 0.01, 2e-05),
        # Two records that agree on father and family but name different
        # grandfathers are two branches of one clan (a boy named after his
        # grandfather and his cousin named after theirs; sisters with the same
        # father's name and different grandfathers): a list that writes the
        # grandfather rarely writes him wrong beyond a letter. Among pairs that
        # share father and family this is what different people show, which
        # random pairs cannot teach, so m and u are fixed (as for siblings)
        _level(f"{same_father} AND {same_family}",
               "father and family agree, grandfather differs", 0.0001, 0.5).configure(
            fix_m_probability=True, fix_u_probability=True),
        _level(ROTATED_3, "whole name written family-first", 0.05, 1e-05).configure(
            tf_adjustment_column="family_key", tf_adjustment_weight=0.5),
        _level(ROTATED_2, "two parts written family-first, father missing on one side",
               0.02, 2e-04).configure(
            tf_adjustment_column="family_key", tf_adjustment_weight=0.5),
        _level(f"{same_family} AND (father_key_l IS NULL OR father_key_r IS NULL)",
               "family agrees, father missing on one side", 0.20, 0.016).configure(
            tf_adjustment_column="family_key"),
        _level(f"{same_father} AND (family_key_l IS NULL OR family_key_r IS NULL)",
               "father agrees, family missing on one side", 0.05, 0.01),
        _level(
            f"({same_family} AND levenshtein(father_key_l, father_key_r) <= 1) OR "
            f"({same_father} AND levenshtein(family_key_l, family_key_r) <= 1)",
            "one letter apart (typo)", 0.02, 0.0015,
        ),
        # a family name spelled past its key on one side ("Al-Ads" / "Das"), where
        # only one record gives a father: the thin records of news-derived lists
        # ... one spelling rare, as for given names (RARE_GIVEN): on the
        # independent profile at 5,000 records, pairs with the same given name
        # and governorate at this level were one person 219 times of 303 where
        # one family spelling was rare, 153 of 473 where both were common
        _level("levenshtein(family_key_l, family_key_r) <= 1 "
               f"AND (father_key_l IS NULL OR father_key_r IS NULL) AND {RARE_FAMILY}",
               "family one letter apart, father missing on one side", 0.03, 0.004),
        _level("levenshtein(family_key_l, family_key_r) <= 1 "
               "AND (father_key_l IS NULL OR father_key_r IS NULL)",
               "family one letter apart (both spellings common), father missing on one side",
               0.01, 0.01),
        # m fixed, as for a different given name: EM took relatives for matches
        # and made a different father 5 bits FOR a match (held-out profile: 87
        # true pairs of 1,173 at this level)
        _level(same_family, "family agrees, father differs", 0.005, 0.018).configure(
            fix_m_probability=True),
        _level(same_father, "father agrees, family differs", 0.003, 0.013).configure(
            fix_m_probability=True),
        _prior(cll.ElseLevel(), 0.01, 0.95),
    ])


def event_comparison() -> ComparisonCreator:
    """Date and place of death as ONE comparison (they move together: an
    incident fixes both), with dates as intervals and places as a hierarchy."""
    same_day = ("date_precision_l = 'day' AND date_precision_r = 'day' "
                "AND date_start_l = date_start_r")
    compatible = "date_start_l <= date_end_r AND date_start_r <= date_end_l"
    near = "abs(date_diff('day', date_start_l, date_start_r)) <= 3"
    month = "abs(date_diff('day', date_start_l, date_start_r)) <= 45"
    date_missing = "(date_start_l IS NULL OR date_start_r IS NULL)"
    # one record's list dates deaths by the day it reported (a news-derived
    # list) or received them (a morgue): the death lies 0-3 days before that
    # date, never after (tally.link.features.lagging_lists finds such lists).
    # Namesakes fall on either side alike; the same person, on this side
    # (field profile, 5,000 records: such pairs with the same given,
    # family name and governorate were one person 57-77% of the time at 0-3
    # days after, 0-25% at 1-3 days before). Two records of such lists are
    # two reports of the death, each 0-3 days after it: within 3 days either way
    lag = "date_diff('day', date_start_r, date_start_l)"
    reported = ("(date_precision_l = 'day' AND date_precision_r = 'day' AND ("
                f"(date_lags_l AND NOT date_lags_r AND {lag} BETWEEN 0 AND 3) OR "
                f"(date_lags_r AND NOT date_lags_l AND {lag} BETWEEN -3 AND 0) OR "
                f"(date_lags_l AND date_lags_r AND {lag} BETWEEN -3 AND 3)))")
    same_place = "place_id_l = place_id_r"
    same_district = "district_id_l = district_id_r"
    region_ok = ("(governorate_id_l = governorate_id_r OR governorate_id_l IS NULL "
                 "OR governorate_id_r IS NULL)")
    # the finest level both records name is the governorate: one of them gives
    # no district ("Hama province", "Idlib countryside"), so a village on the
    # other is no disagreement, unlike two different districts of one governorate
    coarse = ("governorate_id_l = governorate_id_r "
              "AND (district_id_l IS NULL OR district_id_r IS NULL)")
    return _comparison("event", "date of death (interval) and place (hierarchy) together", [
        _null(
            "(date_start_l IS NULL AND governorate_id_l IS NULL) OR "
            "(date_start_r IS NULL AND governorate_id_r IS NULL)",
            "date and place missing",
        ),
        _level(f"{same_day} AND {same_place}", "same day, same place", 0.45, 0.0015),
        _level(f"{same_day} AND {same_district}", "same day, same district", 0.20, 0.003),
        _level(f"{compatible} AND ({same_place} OR {same_district})",
               "compatible dates, same district", 0.13, 0.0036),
        # a morgue registers a body the day after death; a list may date a
        # death by the day it heard of it
        _level(f"{reported} AND ({same_place} OR {same_district})",
               "a report 0-3 days after, same district", 0.05, 0.001),
        _level(f"{near} AND ({same_place} OR {same_district})",
               "within 3 days, same district", 0.05, 0.002),
        _level(f"{same_day} AND {coarse}", "same day, one place given only as the governorate",
               0.06, 0.0025),
        _level(f"{compatible} AND {coarse}",
               "compatible dates, one place given only as the governorate", 0.03, 0.003),
        _level(f"{reported} AND {coarse}",
               "a report 0-3 days after, one place given only as the governorate", 0.05, 0.005),
        _level(f"{near} AND {coarse}", "within 3 days, one place given only as the governorate",
               0.02, 0.012),
        _level(f"{same_day} AND {region_ok}", "same day, same governorate", 0.10, 0.0042),
        _level(f"{compatible} AND {region_ok}",
               "compatible dates, same governorate", 0.03, 0.0054),
        _level(f"{reported} AND {region_ok}",
               "a report 0-3 days after, same governorate", 0.05, 0.01),
        _level(f"{near} AND {region_ok}", "within 3 days, same governorate", 0.05, 0.0285),
        _level(f"{date_missing} AND ({same_place} OR {same_district})",
               "date missing, same district", 0.02, 0.01),
        _level(f"{date_missing} AND {region_ok}", "date missing, same governorate",
               0.01, 0.05),
        _level(f"{month} AND {region_ok}", "within 45 days, same governorate", 0.003, 0.022),
        _prior(cll.ElseLevel(), 0.001, 0.93),
    ])


def age_comparison() -> ComparisonCreator:
    return _comparison("age", "age as a range", [
        _null("age_low_l IS NULL OR age_low_r IS NULL", "age missing"),
        _level("age_low_l <= age_high_r + 1 AND age_low_r <= age_high_l + 1",
               "age ranges overlap (±1 year)", 0.97, 0.12),
        _level("age_low_l <= age_high_r + 5 AND age_low_r <= age_high_l + 5",
               "within 5 years", 0.02, 0.107),
        _prior(cll.ElseLevel(), 0.01, 0.774),
    ])


def sex_comparison() -> ComparisonCreator:
    return _comparison("sex", "sex", [
        cll.NullLevel("sex"),
        _prior(cll.ExactMatchLevel("sex"), 0.98, 0.69),
        _prior(cll.ElseLevel(), 0.02, 0.31),
    ])


def status_comparison() -> ComparisonCreator:
    """Civilian or combatant. Sources do dispute a victim's status, so a
    disagreement is weighed as training finds it, not taken as proof."""
    return _comparison("status", "civilian or combatant", [
        cll.NullLevel("status"),
        _prior(cll.ExactMatchLevel("status"), 0.95, 0.75),
        _prior(cll.ElseLevel(), 0.05, 0.25),
    ])


def source_comparison() -> ComparisonCreator:
    return _comparison("same_source", "whether both records come from one source", [
        _level("source_id_l = source_id_r", "same source", 0.04, 0.159),
        _prior(cll.ElseLevel(), 0.96, 0.841),
    ])


def birth_date_comparison() -> ComparisonCreator:
    """Date of birth as its digits: a typed-over digit, or day and month
    swapped, is still close; a different year is a different person."""
    swapped = ("length(birth_digits_l) = 8 AND length(birth_digits_r) = 8 AND "
               "substr(birth_digits_l, 1, 4) = substr(birth_digits_r, 1, 4) AND "
               "substr(birth_digits_l, 5, 2) = substr(birth_digits_r, 7, 2) AND "
               "substr(birth_digits_l, 7, 2) = substr(birth_digits_r, 5, 2)")
    return _comparison("birth_date", "date of birth", [
        cll.NullLevel("birth_digits"),
        _level("birth_digits_l = birth_digits_r", "same date of birth", 0.85, 0.0005),
        _level("levenshtein(birth_digits_l, birth_digits_r) <= 1", "one digit apart (typo)",
               0.08, 0.004),
        _level(swapped, "day and month swapped", 0.02, 0.0002),
        _level("substr(birth_digits_l, 1, 4) = substr(birth_digits_r, 1, 4)", "same year",
               0.02, 0.015),
        _prior(cll.ElseLevel(), 0.03, 0.98),
    ])


def national_id_comparison() -> ComparisonCreator:
    """Identity document number: the same number is strong evidence of one
    person, and different numbers are evidence against, however close.

    There is no "one character apart (typo)" level: numbers are issued in
    sequence, so a father and his son registered together, or a family in one
    registration batch, hold numbers one digit apart. Scored as a typo (+13
    bits), such a pair outweighed a different given name and a 33-year age gap
    and merged a father and son killed the same day with no review. A real
    typo costs a true match only the few bits of "different document numbers";
    its names, birth date and address still link it.
    """
    return _comparison("national_id", "identity document number", [
        cll.NullLevel("id_key"),
        _level("id_key_l = id_key_r", "same document number", 0.85, 1e-06),
        _level("id_key_l <> id_key_r", "different document numbers", 0.15, 0.999999),
    ])


def address_comparison() -> ComparisonCreator:
    return _comparison("address", "address", [
        cll.NullLevel("address_key"),
        _level("address_key_l = address_key_r", "same address", 0.6, 0.0005),
        _prior(cll.JaroWinklerLevel("address_key", 0.92), 0.2, 0.002),
        _prior(cll.JaroWinklerLevel("address_key", 0.8), 0.1, 0.05),
        _prior(cll.ElseLevel(), 0.1, 0.95),
    ])


#: Identity fields (interchange name → link input column and its comparison),
#: compared only where the records have them.
IDENTITY_FIELDS = {
    "birth_date": ("birth_digits", birth_date_comparison),
    "national_id": ("id_key", national_id_comparison),
    "address": ("address_key", address_comparison),
}


def comparisons() -> list[ComparisonCreator]:
    return [
        given_name_comparison(),
        lineage_comparison(),
        event_comparison(),
        age_comparison(),
        sex_comparison(),
        status_comparison(),
        source_comparison(),
    ]


def identity_blocking_rules(identity: tuple[str, ...]) -> list[BlockingRuleCreator]:
    """Extra rules where identity fields exist: the same document number, or a
    date of birth with one name part (names there may lack any place)."""
    rules = []
    if "national_id" in identity:
        rules.append(block_on("id_key"))
    if "birth_date" in identity:
        rules += [block_on("birth_digits", "given_key"), block_on("birth_digits", "family_key")]
    if "address" in identity:
        rules += [block_on("address_key", "given_key"), block_on("address_key", "family_key")]
    if identity:
        rules.append(block_on("given_key", "family_key"))
    return rules


#: The rules that pair records on one agreeing name part (with the governorate
#: and a date within three days) stay off for a name that more than this many
#: records of the governorate and month give: there its namesakes are the
#: thin record's rivals, so the pair could not link, and the pairs such a
#: block makes grow with the square of the lists (on 100,000 hard-profile
#: records 7.5 million of 9 million blocked pairs, adding 342 true pairs;
#: at 1,000,000 records the run did not finish). The bound keeps these rules'
#: pairs under ``ONE_NAME_BLOCK_LIMIT`` per record. 60, not 20: a name 20-60
#: records of the month give is still rare enough for its thin record to have
#: no rival, and at 1,000,000 records 20 left about 3,600 true pairs (other
#: name part and father both differing) that no other rule finds, for 1.5
#: million more blocked pairs (hard 200,000: named F1 0.9498 -> 0.9501 with
#: ``DAY_BLOCK_LIMIT`` 100)
ONE_NAME_BLOCK_LIMIT = 60


def one_name_rule(part: str) -> str:
    """Pairs agreeing on the ``part`` ("given" or "family") name key, the
    governorate and the month, their dates within three days, where the name
    is rare there (:data:`ONE_NAME_BLOCK_LIMIT`)."""
    key, count = f"{part}_key", f"{part}_month_count"
    return (f"l.{key} = r.{key} AND l.governorate_id = r.governorate_id "
            f"AND l.date_month = r.date_month "
            f"AND l.{count} <= {ONE_NAME_BLOCK_LIMIT} AND r.{count} <= {ONE_NAME_BLOCK_LIMIT} "
            "AND l.date_start BETWEEN r.date_start - INTERVAL 3 DAY "
            "AND r.date_start + INTERVAL 3 DAY")


#: The family-first blocking rules meet only a given and family name that at
#: most this many records of the governorate give. A family-first record
#: shares neither name key with its other records, so no other rule finds its
#: pairs: at 1,000,000 hard-profile records, of 56,570 such true pairs the
#: rules found 36,575 at a limit of 20 (1.9 million pairs), 53,146 at 200
#: (13.5 million), all at no limit (44.8 million).
FAMILY_FIRST_LIMIT = 200


#: The rules that pair records on one name part, the same day and district
#: stay off where more than this many records of that day and district give
#: the name: a massacre's namesakes, each the others' rival (on 400,000
#: hard-profile records these rules made 9.6 of 28 million blocked pairs,
#: growing with the square of the lists). 100, not 30: at 1,000,000 records
#: 30 left about 2,700 true pairs unblocked, for 5 million more blocked pairs
#: (a few per cent of all; scoring is linear in them)
DAY_BLOCK_LIMIT = 100


def same_day_rule(part: str) -> str:
    """Pairs agreeing on the ``part`` ("given" or "family") name key, the
    date and the district, where the name is not crowded there
    (:data:`DAY_BLOCK_LIMIT`)."""
    key, count = f"{part}_key", f"{part}_day_count"
    return (f"l.{key} = r.{key} AND l.date_start = r.date_start "
            f"AND l.district_id = r.district_id AND l.{count} <= {DAY_BLOCK_LIMIT}")


#: Records known only through a relative (Normalize keys them ``relation:given:family``
#: in the kunya's place, with no name of their own) meet each other on that key.
RELATION_RULE = ("l.kunya_key = r.kunya_key AND l.kunya_key LIKE '%:%' "
                 "AND l.given_key IS NULL AND r.given_key IS NULL "
                 "AND l.governorate_id = r.governorate_id")


def blocking_rules() -> list[BlockingRuleCreator | str]:
    """Which pairs are scored at all.

    Each rule needs two agreeing name keys plus a place or a date, so that
    recall survives one wrong or missing part while a million records of a
    country full of Mohammeds do not make a billion pairs; no rule pairs
    records on placeholders, dates or places alone.
    """
    return [
        block_on("given_key", "family_key", "governorate_id"),
        block_on("given_key", "father_key", "governorate_id"),
        block_on("father_key", "family_key", "governorate_id"),
        block_on("kunya_key", "family_key"),
        # a record whose place no gazetteer entry resolves (a village the gazetteer
        # lacks, or one several governorates share in a list with no governorate
        # column) has no governorate for the rules above: given, father and family
        # names and the month of death instead (heron 5k: 508 of 1,347 missed
        # true pairs had such a record and were never scored)
        "(l.governorate_id IS NULL OR r.governorate_id IS NULL) AND l.given_key = r.given_key "
        "AND l.father_key = r.father_key AND l.family_key = r.family_key "
        "AND l.date_month = r.date_month",
        # a kunya in place of the given name: "Abu Ahmad Walid Mohammad" names
        # Walid's son of the Mohammad family, so its first name is the other's
        # father's name ("Nizar Walid Mohammad"); "Abu Ahmad Saleh" has only a
        # family name, met within the month and governorate
        "l.kunya_key IS NOT NULL AND l.given_key = r.father_key "
        "AND l.family_key = r.family_key AND l.governorate_id = r.governorate_id",
        "r.kunya_key IS NOT NULL AND r.given_key = l.father_key "
        "AND l.family_key = r.family_key AND l.governorate_id = r.governorate_id",
        "(l.kunya_key IS NOT NULL AND l.given_key IS NULL OR "
        "r.kunya_key IS NOT NULL AND r.given_key IS NULL) "
        "AND l.family_key = r.family_key AND l.governorate_id = r.governorate_id "
        "AND l.date_month = r.date_month",
        # two records that name a woman only by her husband ("زوجة علي حسن سلوم",
        # key wife:al:hsn:slm, tally.normalize.names), or a
        # mother by her son, in one governorate; their own names are unknown, so
        # no other rule meets them
        RELATION_RULE,
        # thin records (given and family name only, as news-derived lists write
        # them) whose other name part is spelled past its key ("Al-Shaikh" /
        # "Al-Sheih", a Latin and an Arabic spelling): one agreeing name, the
        # governorate and a date within three days (a report date trails the death).
        # Only where the name is rare in that governorate and month
        # (ONE_NAME_BLOCK_LIMIT), and within the month, so the rules pair by
        # equality: with a common name, a thin record's pair through it has as
        # many rivals as namesakes and cannot link (tally.link.clustering), and
        # 1,000,000 hard-profile records made about 10^9 such pairs
        one_name_rule("given"),
        one_name_rule("family"),
        # one agreeing name, the same day and district, where at most
        # DAY_BLOCK_LIMIT records of that day and district give it
        same_day_rule("given"),
        same_day_rule("family"),
        # a name written family-first: "Qabbani Jasem Khaled" against "Jasem Khaled
        # Qabbani", "Hussein Hazem" against "Hazem Zakaria Hussein"
        # Only against a name at most FAMILY_FIRST_LIMIT records of the
        # governorate give: a common one read family-first meets thousands
        # of namesakes (45 million pairs at 1,000,000 hard-profile records)
        "l.rot_given_key = r.given_key AND l.rot_family_key = r.family_key "
        f"AND l.governorate_id = r.governorate_id AND r.name_count <= {FAMILY_FIRST_LIMIT}",
        "r.rot_given_key = l.given_key AND r.rot_family_key = l.family_key "
        f"AND l.governorate_id = r.governorate_id AND l.name_count <= {FAMILY_FIRST_LIMIT}",
        # an unidentified body and the victims of its day and village: attached to
        # the one victim it clearly fits, otherwise shown to a reviewer; two
        # bodies are never merged with each other (tally.link.clustering);
        # ...and of the day before or after (a morgue registers the day it receives)
        *(body_rule(body, shift) for shift in (0, 1, -1) for body in ("l", "r")),
        # ...and a body a hospital's morgue registered at its district's centre,
        # with the victims of that district's villages 0-2 days before
        *(body_district_rule(body, shift) for shift in (0, -1, -2) for body in ("l", "r")),
    ]


#: An unidentified body meets the victims of a day and village only where
#: there are at most this many records of them: among more, several fit its
#: age and sex as well as any other (about one in eight share a 1-year age
#: range, half its sex), so it could not be attached anyway
#: (``LinkSettings.rival_threshold``), and such days made the body rules'
#: pairs grow with the square of the lists (14 of 42 million blocked pairs at
#: 400,000 hard-profile records).
BODY_BLOCK_LIMIT = 100


def body_rule(body: str, shift: int) -> str:
    """Pairs of the unidentified record on side ``body`` ("l" or "r") with the
    records of its village and of its day plus ``shift`` days
    (:data:`BODY_BLOCK_LIMIT`). One side per rule, so the database pairs the
    bodies with the records, not every two records of a day and place."""
    other = "r" if body == "l" else "l"
    day = f"{body}.date_start" + (f" + INTERVAL {shift} DAY" if shift > 0 else
                                  f" - INTERVAL {-shift} DAY" if shift < 0 else "")
    return (f"{body}.unidentified AND {day} = {other}.date_start "
            f"AND {body}.place_id = {other}.place_id "
            f"AND {other}.place_day_count <= {BODY_BLOCK_LIMIT}")


def body_district_rule(body: str, shift: int) -> str:
    """Pairs of the unidentified record on side ``body`` whose place is a
    district (a hospital's morgue, at the district's centre) with the records
    of the district's other places dated ``-shift`` days before it: a morgue
    registers a body 0-2 days after the death, and where the victim died is a
    village of the district, never the hospital, so :func:`body_rule` (the
    same place) never met them (audit profile, 5,000 records: 167 true pairs
    of a body unblocked; with this rule demo lists F1 0.947 -> 0.950, audit
    0.903 -> 0.905, hard all records 0.907 -> 0.908, for 5% more blocked pairs)."""
    other = "r" if body == "l" else "l"
    day = f"{body}.date_start" + (f" - INTERVAL {-shift} DAY" if shift < 0 else "")
    return (f"{body}.unidentified AND {day} = {other}.date_start "
            f"AND {body}.place_id = {body}.district_id AND {body}.district_id = {other}.district_id "
            f"AND {body}.place_id <> {other}.place_id "
            f"AND {other}.place_day_count <= {BODY_BLOCK_LIMIT}")


def training_blocks() -> list[BlockingRuleCreator]:
    """EM sessions. Each block estimates the comparisons it does not use.

    The first pairs records that agree on three name parts (mostly the same
    person: siblings differ in the given name) and learns date, place, age,
    sex and source. The second pairs records of one day and place with the same
    age, so relatives killed together (different ages) mostly stay out, and
    learns the names. The third pairs records with the same given and family
    name, whatever else they give, and learns date and place (with age, sex
    and source): the only session a thin record (given and family name, as
    news-derived lists write them: no father, no age, a governorate) enters,
    so the levels only such pairs show ("within 3 days, one place given only
    as the governorate") are learned from them, not left at their priors or
    estimated from the few full records that show them. Without it, on the
    independent profile at 5,000 records, that level's m came out 0.05 where
    the true pairs show it 0.25, and pairwise F1 was 0.779 (0.833 with it;
    the hard profile's persons unchanged).
    """
    return [
        block_on("given_key", "father_key", "family_key"),
        block_on("date_start", "place_id", "age_low"),
        block_on("given_key", "family_key"),
    ]


def identity_training_blocks(identity: tuple[str, ...]) -> list[BlockingRuleCreator]:
    """EM sessions where identity fields exist: pairs with the same document
    number learn everything else; pairs with the same name learn the number."""
    blocks = []
    if "national_id" in identity:
        blocks.append(block_on("id_key"))
    if identity:
        blocks.append(block_on("given_key", "family_key"))
    return blocks


#: the link input columns a pair's namesake density is read from
#: (tally.link.namesakes), retained in the predictions only where it is on
NAMESAKE_COLUMNS = ("name_gov", "name_count", "father_given")


def splink_settings(multi_source: bool = True, identity: tuple[str, ...] = (),
                    namesakes: bool = False) -> SettingsCreator:
    """The Splink settings for Tally's linkage model.

    ``multi_source`` False drops the "same source" comparison (one list only).
    ``identity`` names the identity fields (:data:`IDENTITY_FIELDS`) the
    records have: each adds its comparison and blocking rules. ``namesakes``
    retains :data:`NAMESAKE_COLUMNS` (``LinkSettings.namesake_density``).
    """
    chosen = comparisons()
    if not multi_source:
        chosen = chosen[:-1]
    chosen += [IDENTITY_FIELDS[f][1]() for f in identity]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=chosen,
        blocking_rules_to_generate_predictions=blocking_rules() + identity_blocking_rules(identity),
        retain_intermediate_calculation_columns=True,
        # Few iterations: long EM runs drive the m of unseen levels towards
        # zero until Splink refuses the underflowing value.
        max_iterations=10,
        retain_matching_columns=False,
        additional_columns_to_retain=["source_id", "list_id", "unidentified"]
        + (list(NAMESAKE_COLUMNS) if namesakes else []),
    )


def all_comparisons() -> list[ComparisonCreator]:
    """Every comparison the model may use: the fixed ones and each identity field's."""
    return comparisons() + [make() for _, make in IDENTITY_FIELDS.values()]


@functools.cache
def level_priors() -> dict[str, dict[str, tuple[float, float]]]:
    """Each comparison's starting (m, u) by level label, as Splink receives
    them from the levels (where they are declared); null levels have none."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for comparison in all_comparisons():
        levels = comparison.get_comparison("duckdb").as_dict()["comparison_levels"]
        out[comparison.create_output_column_name()] = {
            level["label_for_charts"]: (level["m_probability"], level["u_probability"])
            for level in levels if not level.get("is_null_level")}
    return out
