"""Encryption at rest: sealing, key slots, encrypted objects (tally.store.crypto, keys, objects)."""

from __future__ import annotations

import hashlib

import pytest

from tally.errors import ProjectError
from tally.project import Project
from tally.store import crypto
from tally.store.keys import KEYS_NAME, WrongKey, add_slot, list_slots, remove_slot, unlock
from tally.store.objects import ObjectStore

PASS = b"correct horse battery staple"


def test_a_sealed_value_opens_only_with_its_key_and_its_place():
    key = crypto.new_key()
    token = crypto.seal_text(key, "Umm Ahmad, +963 944 000 111", "rec-1|witness_contact")
    assert "963" not in token
    assert crypto.unseal_text(key, token, "rec-1|witness_contact") == "Umm Ahmad, +963 944 000 111"
    with pytest.raises(crypto.Tampered):  # copied to another record
        crypto.unseal_text(key, token, "rec-2|witness_contact")
    with pytest.raises(crypto.Tampered):  # another key
        crypto.unseal_text(crypto.new_key(), token, "rec-1|witness_contact")
    flipped = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    with pytest.raises(crypto.Tampered):
        crypto.unseal_text(key, flipped, "rec-1|witness_contact")
    # two seals of one value differ (fresh nonce): equal values are not visible as equal
    assert crypto.seal_text(key, "x", "a") != crypto.seal_text(key, "x", "a")


@pytest.fixture
def encrypted(tmp_path):
    return Project.init(tmp_path / "p", encrypt=True, passphrase=PASS)


def test_a_wrong_passphrase_is_refused_and_changes_nothing(encrypted):
    before = (encrypted.root / KEYS_NAME).read_bytes()
    with pytest.raises(WrongKey, match="wrong passphrase"):
        unlock(encrypted.root, b"not the passphrase at all")
    assert (encrypted.root / KEYS_NAME).read_bytes() == before
    assert unlock(encrypted.root, PASS) == encrypted.data_key()


def test_the_data_key_is_never_stored_in_the_clear(encrypted):
    key = encrypted.data_key()
    for path in encrypted.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert key not in data and key.hex().encode() not in data, path


def test_the_recovery_key_opens_the_project_and_slots_can_be_added_and_removed(encrypted):
    key = encrypted.data_key()
    assert unlock(encrypted.root, encrypted.recovery_key.lower().replace("-", " ").encode()) == key
    slot = add_slot(encrypted.root, key, b"another holder's words", "analyst")
    assert [s.id for s in list_slots(encrypted.root)] == [1, slot.id]
    assert unlock(encrypted.root, b"another holder's words") == key
    remove_slot(encrypted.root, slot.id)
    with pytest.raises(WrongKey):
        unlock(encrypted.root, b"another holder's words")
    with pytest.raises(ProjectError, match="last key slot"):
        remove_slot(encrypted.root, 1)


def test_an_encrypted_project_without_a_passphrase_says_how_to_give_one(encrypted, monkeypatch):
    monkeypatch.delenv("TALLY_PASSPHRASE_FILE", raising=False)
    project = Project.open(encrypted.root)
    with pytest.raises(ProjectError, match="--passphrase-file"):
        project.objects.put_bytes(b"a list")


def test_objects_are_encrypted_addressed_by_their_plaintext_and_checked(encrypted):
    data = "name,witness_name\nAhmad,Qzwitness\n".encode()
    sha = encrypted.objects.put_bytes(data)
    assert sha == hashlib.sha256(data).hexdigest()  # custody unchanged
    stored = encrypted.objects.path_for(sha).read_bytes()
    assert b"Qzwitness" not in stored and b"Ahmad" not in stored
    assert Project.open(encrypted.root, PASS).objects.read_bytes(sha) == data
    assert encrypted.objects.verify(sha) is None
    assert encrypted.objects.put_bytes(data) == sha  # storing again is a no-op

    path = encrypted.objects.path_for(sha)
    path.chmod(0o600)
    changed = bytearray(stored)
    changed[-20] ^= 1
    path.write_bytes(bytes(changed))
    assert "ciphertext was changed" in encrypted.objects.verify(sha)


def test_an_object_file_moved_under_another_name_does_not_open(encrypted):
    a = encrypted.objects.put_bytes(b"list a")
    b = encrypted.objects.put_bytes(b"list b")
    target = encrypted.objects.path_for(b)
    target.chmod(0o600)
    target.write_bytes(encrypted.objects.path_for(a).read_bytes())
    assert encrypted.objects.verify(b) is not None


def test_plain_projects_store_objects_as_before(tmp_path):
    store = ObjectStore(tmp_path / "objects")
    sha = store.put_bytes(b"plain bytes")
    assert store.path_for(sha).read_bytes() == b"plain bytes"
    assert not store.key_path_for(sha).exists()


def test_no_output_may_land_on_the_key_slots(encrypted):
    from tally.errors import UsageError
    from tally.store.layout import check_output_path

    with pytest.raises(UsageError, match="key slots"):
        check_output_path(encrypted.root / KEYS_NAME)


def test_sealing_many_values_at_once_opens_like_one_at_a_time():
    """Cipher.seal_texts (one nonce draw for a batch) gives values unseal_text opens,
    each with its own nonce; national_id_hashes equals national_id_hash value by value
    (linkage compares hashes made by both)."""
    from tally.ingest.sealing import national_id_hash, national_id_hashes
    from tally.store import crypto

    key = crypto.new_key()
    texts = ["one", None, "ثلاثة", "four"]
    aads = ["r1", "r2", "r3", "r4"]
    sealed = crypto.Cipher(key).seal_texts(texts, aads)
    assert sealed[1] is None
    assert [crypto.unseal_text(key, s, a) for s, a in zip(sealed, aads) if s] == \
        ["one", "ثلاثة", "four"]
    assert len({s[3:19] for s in sealed if s}) == 3  # distinct nonces
    values = ["12-34 ab", "٣٤٥٦", None, "", "--"]
    assert national_id_hashes(key, values) == \
        [national_id_hash(key, v) if v else None for v in values]


def test_a_raw_value_equal_to_its_field_is_sealed_once_and_opened_as_both():
    from tally.ingest.sealing import pack, unpack

    box = {"witness_name": "Qz Name", "raw:witness_name": "Qz Name", "notes": "n",
           "raw:notes": "other", "raw:Mobile": "+963"}
    text = pack(box)
    assert text.count("Qz Name") == 1 and '"raw:notes":"other"' in text
    assert unpack(text) == box
