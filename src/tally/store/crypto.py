"""The few cryptographic operations an encrypted project needs, from ``cryptography``
and ``argon2-cffi`` (never a home-made cipher).

- :func:`seal` / :func:`unseal`: AES-256-GCM with a fresh 96-bit random nonce
  per message and *associated data* that binds the ciphertext to where it
  belongs (a document's SHA-256, a record id and field), so a ciphertext moved
  to another place fails to open, as does one changed by a single bit.
- :func:`seal_text` / :func:`unseal_text`: the same for text kept in a table
  (``s1:`` + URL-safe base64).
- :func:`passphrase_key`: Argon2id (memory-hard) from a passphrase and salt.
- :func:`subkey`: HKDF-SHA-256, one independent key per purpose from the data key.
- :func:`keyed_hash`: HMAC-SHA-256, for equality (linkage on an identity
  number) without storing the value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tally.errors import StoreError

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
TEXT_PREFIX = "s1:"

#: Argon2id settings for passphrases (RFC 9106's second recommended option:
#: 64 MiB, 3 passes), stored with each key slot so they can be raised later.
ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}


def use_cheap_costs_for_tests() -> None:
    """Give new key slots and passphrase backups Argon2id's smallest costs (1 pass,
    8 KiB, 1 lane). For the test suite only: tests/conftest.py calls it once per
    session, so each unlock takes microseconds instead of about a second on a loaded
    machine. Nothing in Tally calls it, and no setting, option or environment
    variable reaches it, so a deployment always uses :data:`ARGON2` as shipped
    (tests/unit/store/test_password_costs.py checks it in a fresh process). A slot
    and an archive keep the costs they were made with."""
    ARGON2.update(time_cost=1, memory_cost=8, parallelism=1)


class Tampered(StoreError):
    """A ciphertext that does not open with its key and associated data: it was
    changed, moved to another place, or the key is not its key."""


def new_key() -> bytes:
    """32 random bytes from the operating system's generator."""
    return os.urandom(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """``nonce || ciphertext || tag`` of ``plaintext`` under ``key``, bound to ``aad``."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """The plaintext :func:`seal` sealed; :class:`Tampered` if it does not open."""
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise Tampered("ciphertext is truncated")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise Tampered("ciphertext does not authenticate (changed, moved or another key)") from None


def seal_text(key: bytes, text: str, aad: str) -> str:
    """``text`` sealed for a table cell (ASCII)."""
    blob = seal(key, text.encode("utf-8"), aad.encode("utf-8"))
    return TEXT_PREFIX + base64.urlsafe_b64encode(blob).decode("ascii")


def unseal_text(key: bytes, token: str, aad: str) -> str:
    if not token.startswith(TEXT_PREFIX):
        raise Tampered("not a sealed value")
    try:
        blob = base64.urlsafe_b64decode(token[len(TEXT_PREFIX):].encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise Tampered("sealed value is not base64") from None
    return unseal(key, blob, aad.encode("utf-8")).decode("utf-8")


class Cipher:
    """:func:`seal_text` under one key, its AES-GCM context made once (for many values)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal_text(self, text: str, aad: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        blob = nonce + self._aead.encrypt(nonce, text.encode("utf-8"), aad.encode("utf-8"))
        return TEXT_PREFIX + base64.urlsafe_b64encode(blob).decode("ascii")

    def seal_texts(self, texts: list[str | None], aads: list[str]) -> list[str | None]:
        """:meth:`seal_text` of many (None stays None), the random nonces drawn from
        the operating system in one call rather than one each."""
        b64 = base64.urlsafe_b64encode
        return [None if blob is None else TEXT_PREFIX + b64(blob).decode("ascii")
                for blob in self.seal_blobs(
                    [None if t is None else t.encode("utf-8") for t in texts],
                    [a.encode("utf-8") for a in aads])]

    def seal_blobs(self, plaintexts: list[bytes | None], aads: list[bytes]
                   ) -> list[bytes | None]:
        """``nonce || ciphertext || tag`` of many (None stays None): what
        :meth:`seal_text` base64-encodes, for a caller that encodes a whole column
        at once (:data:`TOKEN_SQL`). Each message its own random 96-bit nonce, all
        drawn from the operating system in one call."""
        size = NONCE_BYTES
        nonces = os.urandom(size * len(plaintexts))
        encrypt = self._aead.encrypt
        return [None if text is None
                else nonces[i * size:(i + 1) * size]
                + encrypt(nonces[i * size:(i + 1) * size], text, aad)
                for i, (text, aad) in enumerate(zip(plaintexts, aads))]


#: DuckDB SQL giving, for a BLOB column ``{column}`` of :meth:`Cipher.seal_blobs`,
#: the table-cell token :func:`seal_text` makes (``s1:`` + URL-safe base64 with
#: padding): a whole column encoded by DuckDB instead of one Python call a value.
TOKEN_SQL = (f"'{TEXT_PREFIX}' || replace(replace(to_base64({{column}}), '+', '-'), '/', '_')")


def passphrase_key(passphrase: bytes, salt: bytes, time_cost: int = ARGON2["time_cost"],
                   memory_cost: int = ARGON2["memory_cost"],
                   parallelism: int = ARGON2["parallelism"]) -> bytes:
    """A 32-byte key-encryption key from a passphrase (Argon2id)."""
    return hash_secret_raw(passphrase, salt, time_cost=time_cost, memory_cost=memory_cost,
                           parallelism=parallelism, hash_len=KEY_BYTES, type=Type.ID)


def subkey(key: bytes, purpose: str) -> bytes:
    """An independent key for one ``purpose`` (HKDF-SHA-256 of ``key``)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=b"tally/" + purpose.encode("utf-8")).derive(key)


def keyed_hash(key: bytes, text: str) -> str:
    """HMAC-SHA-256 of ``text`` (hex): equal texts give equal hashes, and without
    ``key`` the hash tells nothing (an identity number cannot be guessed offline)."""
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()
