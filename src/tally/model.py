"""Domain vocabulary shared by every stage: the closed lists and field names.

Kept in one place so that the store's CHECK constraints, the CLI's choices and
the readers all agree.
"""

from __future__ import annotations

#: Kinds of source (DESIGN.md, "source").
SOURCE_KINDS: tuple[str, ...] = (
    "rights_group_list",
    "news_outlet",
    "witness",
    "official",
    "social_media",
    "other",
)

#: Admiralty-scale source reliability grades: A completely reliable ... E
#: unreliable, F reliability cannot be judged.
RELIABILITY_GRADES: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

#: Columns of the victim record interchange CSV, in order (DESIGN.md).
RECORD_FIELDS: tuple[str, ...] = (
    "record_id",
    "source",
    "name",
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "sex",
    "age",
    "birth_year",
    "date_of_death",
    "place",
    "governorate",
    "district",
    "community",
    "status",
    "cause",
    "perpetrator_claimed",
    "notes",
    # identity fields a few lists carry; appended so older files keep their shape
    "birth_date",
    "national_id",
    "address",
    # who gave the testimony and what they agreed to (issue 19): sensitive
    "witness_name",
    "witness_contact",
    "consent",
)

#: The sensitive fields of the interchange format, named once for the whole of
#: Tally (DESIGN.md, "Sensitive columns"): never in a public export, never printed
#: by the CLI's person view, sealed (encrypted per value) in an encrypted project.
#: A mapping file can mark any other column of a list sensitive too
#: (``[options] sensitive = ["column", ...]``).
SENSITIVE_FIELDS: tuple[str, ...] = (
    "witness_name", "witness_contact", "consent", "national_id", "birth_date", "address", "notes",
)

#: Who gave testimony and how to reach them: never shown by any CLI output.
WITNESS_FIELDS: tuple[str, ...] = ("witness_name", "witness_contact")

#: The purposes a witness can consent to (Every Casualty standards), written in
#: ``consent`` as a list separated by commas, semicolons or spaces (or ``none``).
CONSENT_PURPOSES: tuple[str, ...] = ("storage", "publication", "advocacy", "legal")

#: Fields that describe a person. A row with none of them cannot become a
#: victim record (an unidentified body still has sex, age, place or date).
IDENTIFYING_FIELDS: tuple[str, ...] = tuple(
    f for f in RECORD_FIELDS
    if f not in ("record_id", "source", "community", "status", "cause", "perpetrator_claimed",
                 "notes", "address", "witness_name", "witness_contact", "consent")
)

#: Identity fields added to the interchange format after projects existed
#: (migration 008): the records digest takes them only when present, so the
#: digests of records ingested before them stay valid.
LATER_FIELDS: tuple[str, ...] = ("birth_date", "national_id", "address",
                                  "witness_name", "witness_contact", "consent")

#: How a mapped field is stored in the victim_record table: the interchange
#: ``record_id`` is the source's own identifier, kept as ``source_record_id``
#: (Tally gives every record its own id), and ``source`` as written in the
#: list is kept as ``source_label`` (the ingesting source is ``source_id``).
STORED_FIELD: dict[str, str] = {
    **{f: f for f in RECORD_FIELDS},
    "record_id": "source_record_id",
    "source": "source_label",
}

STATUS_VALUES: tuple[str, ...] = ("civilian", "combatant", "unknown")

#: Strata a project's estimate can be split by (``tally estimate --by``); each
#: has its SQL, a person's value, in :data:`tally.estimate.project.STRATA_SQL`.
STRATA: tuple[str, ...] = ("governorate", "period", "sex", "age_group", "community", "status")

#: Multiple systems estimation methods (:func:`tally.estimate.api.make_estimator` builds
#: each; ``tally mse`` and ``tally estimate`` list these in their help).
ESTIMATION_METHODS: tuple[str, ...] = ("auto", "loglinear", "lcmcr", "dga")
#: The default: model averaging cross-checked (tally.estimate.ensemble), chosen by the
#: coverage study in benchmarks/mse_misspecification.py over the old closedp choice.
DEFAULT_METHOD = "auto"
SEX_VALUES: tuple[str, ...] = ("male", "female", "unknown")
