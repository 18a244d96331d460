"""Encryption to a recipient's public key (age X25519): what a full export or a
backup sent to someone else is wrapped in (tally.store.recipients)."""

from __future__ import annotations

import os

import pytest

from tally.store import recipients

CANARY = b"Witness Zzyzx-Canary +963-999-424242\n"


def _keypair(tmp_path, name="key.txt"):
    secret, public = recipients.new_identity()
    path = tmp_path / name
    path.write_text(f"# created: test\n# public key: {public}\n{secret}\n", encoding="utf-8")
    return path, public


def test_a_file_encrypted_to_a_recipient_opens_only_with_its_identity(tmp_path):
    src = tmp_path / "export.csv"
    src.write_bytes(CANARY * 50_000)  # ~2 MB: several age chunks
    key, public = _keypair(tmp_path)
    other, _ = _keypair(tmp_path, "other.txt")
    out = recipients.encrypt_file_to(src, tmp_path / "export.csv.age", [public])

    blob = out.read_bytes()
    assert blob.startswith(recipients.AGE_MAGIC)  # a standard age file: `age -d` opens it
    assert b"Zzyzx" not in blob
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    back = recipients.decrypt_file(out, tmp_path / "back.csv", key)
    assert back.read_bytes() == src.read_bytes()
    with pytest.raises(recipients.NotForThisKey):
        recipients.decrypt_file(out, tmp_path / "nope.csv", other)
    assert not (tmp_path / "nope.csv").exists()


def test_a_changed_byte_or_a_cut_file_does_not_decrypt(tmp_path):
    src = tmp_path / "export.csv"
    src.write_bytes(CANARY * 10_000)
    key, public = _keypair(tmp_path)
    out = recipients.encrypt_file_to(src, tmp_path / "e.age", public)
    blob = bytearray(out.read_bytes())
    blob[len(blob) // 2] ^= 1
    (tmp_path / "changed.age").write_bytes(bytes(blob))
    (tmp_path / "cut.age").write_bytes(out.read_bytes()[:-100])
    for name in ("changed.age", "cut.age"):
        with pytest.raises(recipients.NotForThisKey):
            recipients.decrypt_file(tmp_path / name, tmp_path / "plain", key)
        assert not (tmp_path / "plain").exists()
        assert not [p for p in os.listdir(tmp_path) if p.startswith(".plain")]


def test_recipients_from_a_file_and_several_recipients(tmp_path):
    key1, public1 = _keypair(tmp_path, "k1.txt")
    key2, public2 = _keypair(tmp_path, "k2.txt")
    listed = tmp_path / "recipients.txt"
    listed.write_text(f"# the team's lawyers\n{public1}\n{public2}\n", encoding="utf-8")
    blob = recipients.encrypt_bytes(b"secret", [str(listed)])
    assert recipients.decrypt_bytes(blob, key1) == b"secret"
    assert recipients.decrypt_bytes(blob, key2) == b"secret"


def test_a_secret_key_or_garbage_is_refused_as_a_recipient(tmp_path):
    secret, _ = recipients.new_identity()
    with pytest.raises(recipients.RecipientError, match="secret identity"):
        recipients.parse_recipients(secret)
    with pytest.raises(recipients.RecipientError, match="not an age"):
        recipients.parse_recipients("age1notakey")
    (tmp_path / "empty.txt").write_text("# nothing\n")
    with pytest.raises(recipients.RecipientError):
        recipients.load_identities(tmp_path / "empty.txt")
