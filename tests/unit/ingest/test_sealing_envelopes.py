"""An encrypted ingest's envelopes are built by DuckDB a column at a time
(tally.ingest.sealing.Sealer.staged_sql) and base64-encoded by it: what they hold
must be what the record-by-record Python path (pack) held, for values with
quotes, backslashes, newlines, tabs and Arabic; envelopes written
the old way still open; one changed byte is still refused."""

from __future__ import annotations

import base64
import csv

import pytest

from tally.ingest import ingest_file
from tally.ingest.sealing import pack, unpack, unseal_record
from tally.project import Project
from tally.sources import add_source
from tally.store import crypto

HEADER = ["record_id", "name", "sex", "age", "date_of_death", "place", "governorate", "status",
          "witness_name", "witness_contact", "consent", "national_id", "birth_date", "address",
          "notes"]
ODD = ['Qz "quoted" \\ back', "line one\nline two\ttab", "محمد الأحمد", "it's"]


def _rows():
    rows = []
    for i, odd in enumerate(ODD):
        rows.append([f"r{i}", f"Ahmad Ali {i}", "male", "30", "2025-03-07", "Baniyas", "Tartus",
                     "civilian", odd, f"+963-{i}", "storage", f"٣٤-{i}ab", "1970-01-02",
                     "" if i == 1 else f"Street {odd}", odd])
    rows.append(["r9", "", "", "", "", "", "", "", "", "", "", "", "", "", ""])  # quarantined
    return rows


@pytest.fixture()
def encrypted(tmp_path):
    listing = tmp_path / "list.csv"
    with listing.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(_rows())
    project = Project.init(tmp_path / "p", encrypt=True, passphrase=b"test passphrase")
    add_source(project, "w", name="W", kind="witness", reliability="B")
    report = ingest_file(project, listing, "w")
    assert report.records == 4 and report.quarantined == 1
    with project.connect(read_only=True) as con:
        records = con.execute("SELECT record_id, document_sha256, sealed, row_number "
                              "FROM victim_record ORDER BY row_number").fetchall()
        quarantined = con.execute("SELECT document_sha256, row_number, sealed "
                                  "FROM quarantine").fetchall()
    return project, records, quarantined


def test_envelopes_built_in_sql_hold_what_the_python_path_held(encrypted):
    project, records, quarantined = encrypted
    for (record_id, sha, sealed, _row), row in zip(records, _rows()):
        values = dict(zip(HEADER, row))
        expected = {"witness_name": values["witness_name"],
                    "witness_contact": values["witness_contact"],
                    "consent": values["consent"], "national_id": values["national_id"],
                    "birth_date": values["birth_date"], "notes": values["notes"]}
        if values["address"]:
            expected["address"] = values["address"]
        opened = unseal_record(project, record_id, sha, sealed)
        for field, value in expected.items():
            assert opened[field] == value, field
            assert opened["raw:" + field] == value, field  # raw kept once, opened as both
        text = crypto.unseal_text(project.objects.document_key(sha), sealed, record_id)
        assert unpack(text) == opened and unpack(pack(opened)) == opened
    sha, row, sealed = quarantined[0]
    key = project.objects.document_key(sha)
    assert '"record_id":"r9"' in crypto.unseal_text(key, sealed, f"{sha}|{row}|raw")


def test_an_envelope_written_the_old_way_still_opens(encrypted):
    project, records, _ = encrypted
    record_id, sha, _sealed, _row = records[0]
    key = project.objects.document_key(sha)
    box = {"witness_name": ODD[0], "raw:witness_name": ODD[0], "notes": "n"}
    old = crypto.seal_text(key, pack(box), record_id)  # Cipher.seal_text per record
    assert unseal_record(project, record_id, sha, old) == box
    old_spaced = crypto.seal_text(key, '{"notes": "n", "raw=": []}', record_id)
    assert unseal_record(project, record_id, sha, old_spaced) == {"notes": "n"}


def test_one_changed_byte_of_an_envelope_is_refused(encrypted):
    project, records, _ = encrypted
    record_id, sha, sealed, _row = records[1]
    blob = bytearray(base64.urlsafe_b64decode(sealed[3:]))
    for position in (0, 12, len(blob) // 2, len(blob) - 1):  # nonce, text, tag
        changed = bytearray(blob)
        changed[position] ^= 0x01
        token = "s1:" + base64.urlsafe_b64encode(bytes(changed)).decode("ascii")
        with pytest.raises(crypto.Tampered):
            unseal_record(project, record_id, sha, token)
    with pytest.raises(crypto.Tampered):  # moved to another record
        unseal_record(project, records[0][0], sha, sealed)


def test_sealed_blobs_are_the_tokens_seal_text_makes():
    """Cipher.seal_blobs + TOKEN_SQL (DuckDB's base64) give what seal_text gives:
    s1: + URL-safe base64 with padding, each message its own nonce."""
    import duckdb
    import pyarrow as pa

    key = crypto.new_key()
    texts = [b"a", None, "ثلاثة".encode(), b"x" * 61]
    aads = [b"r1", b"r2", b"r3", b"r4"]
    blobs = crypto.Cipher(key).seal_blobs(texts, aads)
    table = pa.table({"sealed": pa.array(blobs, pa.binary())})  # noqa: F841 (DuckDB reads it)
    con = duckdb.connect()
    con.register("sealed_table", table)
    tokens = [r[0] for r in con.execute(
        f"SELECT {crypto.TOKEN_SQL.format(column='sealed')} FROM sealed_table").fetchall()]
    assert tokens[1] is None
    for token, blob, text, aad in zip(tokens, blobs, texts, aads):
        if blob is None:
            continue
        assert token == "s1:" + base64.urlsafe_b64encode(blob).decode("ascii")
        assert crypto.unseal_text(key, token, aad.decode()) == text.decode()
    assert len({b[:12] for b in blobs if b}) == 3


def test_identity_hashes_of_plain_ascii_numbers_equal_the_normalised_ones():
    """national_id_hashes skips the normalisation for ASCII letters and digits:
    the hashes must be those national_id_hash gives (linkage compares both)."""
    from tally.ingest.sealing import national_id_hash, national_id_hashes

    key = crypto.new_key()
    values = ["12345678901", "ab12", "AB12", "12-34 ab", "٣٤٥٦", "١٢ab", "ß1", "ı7", "--", "",
              None, " 12 "]
    assert national_id_hashes(key, values) == \
        [national_id_hash(key, v) if v else None for v in values]
    assert national_id_hashes(key, ["ab12"]) == national_id_hashes(key, ["AB-12"])
