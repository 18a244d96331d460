"""Sensitive values of an encrypted project, sealed before they reach the store.

In an encrypted project a list's rows are mapped and checked in memory, then
each value of a sensitive field (:data:`tally.model.SENSITIVE_FIELDS`) and the
raw value of every column that holds one (or that the mapping marks
``sensitive``) is sealed with AES-256-GCM under the *document's* key (so
shredding the document shreds them) with the record id and field as associated
data (a sealed value copied to another record or field does not open). They go
to the record's ``sealed`` column (a JSON object: field -> token, ``raw:COLUMN``
for raw values); the plain columns stay NULL and the raw JSON keeps the column
with a null value. ``national_id`` keeps, in its column, a keyed hash of the
number (HMAC under a key derived from the data key), so linkage can still tell
equal numbers. A quarantined row's raw values are sealed whole.

Only sealed values are ever handed to DuckDB: nothing sensitive is in its file,
its WAL or a spill file in the clear.

    sealer = Sealer.for_document(project, sha, compiled.sensitive_columns)
    table = sealer.seal_records(staged)        # a pyarrow table, see _BatchWriter
    values = unseal_record(project, record_id, document_sha, sealed_json)
"""

from __future__ import annotations

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
    return crypto.subkey(data_key, "national_id equality")


def national_id_hash(key: bytes, value: str) -> str | None:
    """The keyed hash of an identity number as the linker compares it (its
    letters and digits, Arabic digits as Latin, upper case)."""
    text = _NOT_ALNUM.sub("", value.translate(_ARABIC_DIGITS).upper())
    return "h:" + crypto.keyed_hash(key, text)[:32] if text else None


@dataclass
class Sealer:
    sha256: str
    doc_key: bytes
    id_key: bytes
    raw_columns: tuple[str, ...]

    @classmethod
    def for_document(cls, project, sha256: str, raw_columns, stored: bool = True) -> "Sealer":
        """The sealer of document ``sha256`` (its key made when it has none yet;
        a throw-away key for a dry run, which stores nothing)."""
        key = project.objects.document_key(sha256, create=True) if stored else crypto.new_key()
        return cls(sha256, key, id_hash_key(project.data_key()), tuple(raw_columns))

    def seal_records(self, staged: pa.Table) -> pa.Table:
        """``staged`` (record_id, raw, the mapped columns, ok, ...) with the
        sensitive values sealed into a ``sealed`` column and blanked; rows not
        ``ok`` (quarantined) have their raw values sealed whole."""
        data = staged.to_pydict()
        n = staged.num_rows
        present = [c for c in SEALED_COLUMNS if c in data]
        raws, sealed = [], []
        for i in range(n):
            record_id = data["record_id"][i]
            raw_text = data["raw"][i]
            if not data["ok"][i]:
                sealed.append(None if raw_text is None else crypto.seal_text(
                    self.doc_key, str(raw_text), self.quarantine_aad(data["row_number"][i])))
                raws.append(None)
                continue
            box: dict[str, str] = {}
            for column in present:
                value = data[column][i]
                if value is None:
                    continue
                box[column] = crypto.seal_text(self.doc_key, value, f"{record_id}|{column}")
                data[column][i] = (national_id_hash(self.id_key, value)
                                   if column == "national_id" else None)
            if self.raw_columns and raw_text is not None:
                raw = json.loads(raw_text)
                for column in self.raw_columns:
                    value = raw.get(column)
                    if value is not None:
                        box["raw:" + column] = crypto.seal_text(
                            self.doc_key, value, f"{record_id}|raw:{column}")
                        raw[column] = None
                raw_text = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
            raws.append(raw_text)
            sealed.append(json.dumps(box, sort_keys=True, separators=(",", ":")) if box else None)
        out = staged
        for column in present:
            out = out.set_column(out.schema.get_field_index(column), column,
                                 pa.array(data[column], pa.string()))
        out = out.set_column(out.schema.get_field_index("raw"), "raw", pa.array(raws, pa.string()))
        return out.append_column("sealed", pa.array(sealed, pa.string()))

    def quarantine_aad(self, row_number: int) -> str:
        return f"{self.sha256}|{row_number}|raw"

    def seal_raw_text(self, row_number: int, text: str | None) -> str | None:
        """A row that could not be read as a row (kept as text), sealed whole."""
        return None if text is None else crypto.seal_text(
            self.doc_key, text, self.quarantine_aad(row_number))


def unseal_record(project, record_id: str, document_sha256: str, sealed: str | None) -> dict:
    """A record's sealed values in the clear (field -> value, ``raw:COLUMN`` ->
    raw value), in memory only; :class:`~tally.store.crypto.Tampered` when one
    does not open (changed, moved, or its document was forgotten)."""
    if not sealed:
        return {}
    key = project.objects.document_key(document_sha256)
    return {name: crypto.unseal_text(key, token, f"{record_id}|{name}")
            for name, token in json.loads(sealed).items()}
