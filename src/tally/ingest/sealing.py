"""Sensitive values of an encrypted project, sealed before they reach the store.

In an encrypted project a list's rows are mapped and checked in memory, then
each value of a sensitive field (:data:`tally.model.SENSITIVE_FIELDS`) and the
raw value of every column that holds one (or that the mapping marks
``sensitive``) is sealed with AES-256-GCM under the *document's* key (so
shredding the document shreds them) with the record id as associated
data (sealed values copied to another record do not open). They go to the
record's ``sealed`` column: one envelope per record (AES-GCM over the JSON
object field -> value, ``raw:COLUMN`` -> raw value, so a value cannot move to
another field either: the field's name is inside what is authenticated); one
envelope rather than one per value because sealing costs per message (100k
rows: see benchmarks/RESULTS.md, "Protect"). The plain columns stay NULL and
the raw JSON keeps the column with a null value. ``national_id`` keeps, in its column, a keyed hash of the
number (HMAC under a key derived from the data key), so linkage can still tell
equal numbers. A quarantined row's raw values are sealed whole.

Only sealed values are ever handed to DuckDB: nothing sensitive is in its file,
its WAL or a spill file in the clear.

    sealer = Sealer.for_document(project, sha)
    table = sealer.seal_records(staged, fields, raw_aliases)   # see _BatchWriter
    values = unseal_record(project, record_id, document_sha, sealed_json)
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass

import pyarrow as pa

from tally.model import SENSITIVE_FIELDS, STORED_FIELD
from tally.store import crypto

#: Sensitive stored columns sealed per value (national_id also keeps a keyed hash).
SEALED_COLUMNS: tuple[str, ...] = tuple(STORED_FIELD[f] for f in SENSITIVE_FIELDS)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def id_hash_key(data_key: bytes) -> bytes:
    """The identity-hash key of a project whose data key was never rotated
    (:func:`tally.store.keys.id_hash_key` is the one to use: it follows rotations)."""
    return crypto.subkey(data_key, "national_id equality")


def national_id_hash(key: bytes, value: str) -> str | None:
    """The keyed hash of an identity number as the linker compares it (its
    letters and digits, Arabic digits as Latin, upper case)."""
    text = _NOT_ALNUM.sub("", value.translate(_ARABIC_DIGITS).upper())
    return "h:" + crypto.keyed_hash(key, text)[:32] if text else None


def national_id_hashes(key: bytes, values: list[str | None]) -> list[str | None]:
    """:func:`national_id_hash` of many values (one HMAC call each, in C). A value
    already of ASCII letters and digits only (most identity numbers) skips the
    translation and the regular expression: upper-casing is all they would do."""
    found: list[str | None] = []
    digest = hmac.digest
    for value in values:
        if not value:
            found.append(None)
            continue
        if value.isascii() and value.isalnum():
            text = value.upper()
        else:
            text = _NOT_ALNUM.sub("", value.translate(_ARABIC_DIGITS).upper())
            if not text:
                found.append(None)
                continue
        found.append("h:" + digest(key, text.encode("utf-8"), "sha256").hex()[:32])
    return found


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: in an envelope: the columns whose raw value is the value of the field of the same
#: name (an interchange list's witness_name column fills witness_name), kept once
SAME_AS_FIELD = "raw="


def pack(box: dict) -> str:
    """An envelope's JSON: raw values equal to their field's stored once (see
    :data:`SAME_AS_FIELD`); :func:`unpack` gives ``box`` back."""
    box = dict(box)
    same = [key[4:] for key in box if key.startswith("raw:") and box.get(key[4:]) == box[key]]
    for column in same:
        del box["raw:" + column]
    if same:
        box[SAME_AS_FIELD] = same
    return _ENCODER.encode(box)


def unpack(text: str) -> dict:
    """The values of an envelope's JSON, raw values stored once put back."""
    box = json.loads(text)
    for column in box.pop(SAME_AS_FIELD, None) or ():
        if column in box:
            box["raw:" + column] = box[column]
    return box


@dataclass
class Sealer:
    sha256: str
    doc_key: bytes
    id_key: bytes

    #: the stored columns sealed when a mapping fills them
    FIELDS = SEALED_COLUMNS

    @classmethod
    def for_document(cls, project, sha256: str, stored: bool = True) -> "Sealer":
        """The sealer of document ``sha256`` (its key made when it has none yet;
        a throw-away key for a dry run, which stores nothing)."""
        from tally.store.keys import id_hash_key as kept_id_hash_key

        key = project.objects.document_key(sha256, create=True) if stored else crypto.new_key()
        return cls(sha256, key, kept_id_hash_key(project.root, project.data_key()))

    def staged_sql(self, query: str, fields: list[str], raw_aliases: dict[str, str]) -> str:
        """``query`` with the columns :meth:`seal_records` needs, as SQL over its rows
        (record_id, row_number, ok, ``_full_raw``, the mapped fields, each sensitive
        column's raw value under its alias): ``_plain``, what a row's envelope seals
        (the JSON :func:`pack` writes: values by field, ``raw:COLUMN`` for raw
        values, a raw value equal to its field's kept once; a quarantined row's raw
        values whole), and ``_aad``, what it is bound to. DuckDB builds them a
        column at a time; they stay in memory (an Arrow table handed to Python to
        seal), never in a table."""
        def literal(text: str) -> str:
            return "'" + text.replace("'", "''") + "'"

        def key(name: str) -> str:  # a JSON key and its colon, as an SQL literal
            return literal(_ENCODER.encode(name) + ":")

        parts = [f"{key(f)} || to_json({f})" for f in fields]  # NULL when the value is
        twins = []
        for alias, column in raw_aliases.items():
            value = alias
            if column in fields:  # kept once when equal to the field of its name
                value = f"CASE WHEN {alias} = {column} THEN NULL ELSE {alias} END"
                twins.append(f"CASE WHEN {alias} = {column} THEN "
                             f"{literal(_ENCODER.encode(column))} END")
            parts.append(f"{key('raw:' + column)} || to_json({value})")
        if twins:  # concat_ws skips NULLs: no entry for an absent value or twin
            same = f"concat_ws(',', {', '.join(twins)})"
            parts.append(f"CASE WHEN {same} <> '' THEN "
                         f"{key(SAME_AS_FIELD)} || '[' || {same} || ']' END")
        box = f"'{{' || concat_ws(',', {', '.join(parts)}) || '}}'" if parts else "'{}'"
        return (f"SELECT *, CASE WHEN ok THEN nullif({box}, '{{}}') ELSE _full_raw END "
                f"AS _plain, CASE WHEN ok THEN record_id ELSE {literal(self.sha256)} || '|' || "
                f"row_number || '|raw' END AS _aad FROM ({query})")

    def seal_records(self, staged: pa.Table, fields: list[str]) -> pa.Table:
        """``staged`` (with the columns of :meth:`staged_sql`) with a ``sealed``
        column (BLOB; :meth:`token_sql` makes the stored text of it): one envelope
        per record holding its sensitive values, bound to the record id, or a
        quarantined row's raw values, bound to the document and row; the sensitive
        columns blanked (``national_id``: its keyed hash), ``_plain`` dropped."""
        cipher = crypto.Cipher(self.doc_key)
        sealed = cipher.seal_blobs(staged.column("_plain").cast(pa.binary()).to_pylist(),
                                   staged.column("_aad").cast(pa.binary()).to_pylist())
        out = staged.drop_columns(["_plain", "_aad"])
        blank = pa.nulls(len(out), pa.string())
        for field in fields:
            column = (pa.array(national_id_hashes(self.id_key, out.column(field).to_pylist()),
                               pa.string()) if field == "national_id" else blank)
            out = out.set_column(out.schema.get_field_index(field), field, column)
        return out.append_column("sealed", pa.array(sealed, pa.binary()))

    @staticmethod
    def token_sql(column: str = "sealed") -> str:
        """SQL for the stored text (``s1:...``) of :meth:`seal_records`' ``sealed``."""
        return crypto.TOKEN_SQL.format(column=column)

    def quarantine_aad(self, row_number: int) -> str:
        return f"{self.sha256}|{row_number}|raw"

    def seal_raw_text(self, row_number: int, text: str | None) -> str | None:
        """A row that could not be read as a row (kept as text), sealed whole."""
        return None if text is None else crypto.seal_text(
            self.doc_key, text, self.quarantine_aad(row_number))


def unseal_record(project, record_id: str, document_sha256: str, sealed: str | None) -> dict:
    """A record's sealed values in the clear (field -> value, ``raw:COLUMN`` ->
    raw value), in memory only; :class:`~tally.store.crypto.Tampered` when they
    do not open (changed, moved to another record, or the document was forgotten)."""
    if not sealed:
        return {}
    keys = project.objects.document_keys(document_sha256)  # two while a forgetting finishes
    for key in keys[:-1]:
        try:
            return unpack(crypto.unseal_text(key, sealed, record_id))
        except crypto.Tampered:
            continue
    return unpack(crypto.unseal_text(keys[-1], sealed, record_id))
