"""Encryption to a recipient's public key, in the age format (age-encryption.org/v1).

A full export or a backup that leaves the team's hands is encrypted to whoever
is meant to read it: the recipient's age X25519 public key (``age1...``), made
with ``age-keygen`` or :func:`new_identity`. Only the matching identity file
(``AGE-SECRET-KEY-1...``) opens it; the sender keeps no secret at all. The
format and the cipher are age's (X25519, HKDF-SHA-256, ChaCha20-Poly1305 in
64 KiB authenticated chunks) through ``pyrage`` (the Rust ``age`` crate), never a
home-made construction, so the recipient can open the file with the ``age``
command line anywhere: ``age -d -i key.txt -o export.csv export.csv.age``.

    encrypt_file_to("export.csv", "export.csv.age", ["age1..."])   # P2's exports
    decrypt_file("export.csv.age", "export.csv", "key.txt")
    wrapped = encrypt_bytes(archive_key, recipients)                # backups

Files are written through a temporary file beside the target and renamed into
place, so a killed process leaves no half-written file under the target's name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pyrage

from tally.errors import ProjectError, StoreError
from tally.store.atomic import atomic_writer

RECIPIENT_PREFIX = "age1"
IDENTITY_PREFIX = "AGE-SECRET-KEY-1"
AGE_MAGIC = b"age-encryption.org/v1\n"


class RecipientError(ProjectError):
    """A public key or identity file that is not a valid age X25519 key."""


class NotForThisKey(StoreError):
    """An age file that none of the given identities opens (another recipient's,
    changed or truncated): nothing was written."""


def parse_recipients(keys: str | Iterable[str]) -> list:
    """age X25519 recipients from ``age1...`` strings, or from files holding one
    per line (``#`` comments allowed, as ``age -R`` reads them)."""
    if isinstance(keys, str):
        keys = [keys]
    found = []
    for key in keys:
        key = str(key).strip()
        texts = [key]
        if not key.startswith(RECIPIENT_PREFIX) and Path(key).is_file():
            texts = [line.strip() for line in Path(key).read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.strip().startswith("#")]
        for text in texts:
            if text.startswith(IDENTITY_PREFIX):
                raise RecipientError("that is a secret identity, not a public key: give the "
                                     "recipient's age1... public key (age-keygen -y KEYFILE)")
            try:
                found.append(pyrage.x25519.Recipient.from_str(text))
            except pyrage.RecipientError:
                raise RecipientError(f"not an age X25519 public key: {text[:12]}… "
                                     "(expected age1...)") from None
    if not found:
        raise RecipientError("no recipient public key given")
    return found


def load_identities(path: str | os.PathLike) -> list:
    """The age X25519 identities in an identity file (``AGE-SECRET-KEY-1...``
    lines; comments and the public-key line ``age-keygen`` writes are skipped)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecipientError(f"cannot read the identity file {path}: {exc}") from None
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(IDENTITY_PREFIX):
            try:
                found.append(pyrage.x25519.Identity.from_str(line))
            except pyrage.IdentityError:
                raise RecipientError(f"{path}: a damaged age identity line") from None
    if not found:
        raise RecipientError(f"{path} holds no age identity (AGE-SECRET-KEY-1...)")
    return found


def new_identity() -> tuple[str, str]:
    """A new age X25519 key pair: (secret identity, public recipient), as text."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def encrypt_bytes(data: bytes, recipients: str | Iterable[str]) -> bytes:
    """``data`` as an age file readable by any of ``recipients``."""
    return pyrage.encrypt(data, parse_recipients(recipients))


def decrypt_bytes(blob: bytes, identity_file: str | os.PathLike) -> bytes:
    try:
        return pyrage.decrypt(blob, load_identities(identity_file))
    except pyrage.DecryptError:
        raise NotForThisKey("the identity does not open it (another recipient's key, or "
                            "the encrypted data was changed)") from None


def _write_through(target: Path, write) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(target) as out:
        write(out)
    return target


def encrypt_file_to(src: str | os.PathLike, dst: str | os.PathLike,
                    recipients: str | Iterable[str]) -> Path:
    """Encrypt the file ``src`` to ``recipients`` (age X25519 public keys, or
    files of them) as the age file ``dst``; streamed (memory does not grow with
    the file); ``dst`` appears only once whole. ``src`` is left as it is: the
    caller removes a plaintext it made. Returns ``dst``."""
    parsed = parse_recipients(recipients)
    target = Path(dst)
    with open(src, "rb") as source:
        return _write_through(target, lambda out: pyrage.encrypt_io(source, out, parsed))


def decrypt_file(src: str | os.PathLike, dst: str | os.PathLike,
                 identity_file: str | os.PathLike) -> Path:
    """The plaintext of the age file ``src`` written to ``dst`` (owner-only),
    with an identity from ``identity_file``; :class:`NotForThisKey` and no
    ``dst`` when it does not open or does not authenticate to its end."""
    identities = load_identities(identity_file)

    def write(out) -> None:
        with open(src, "rb") as source:
            try:
                pyrage.decrypt_io(source, out, identities)
            except (pyrage.DecryptError, OSError) as exc:
                # a chunk that fails to authenticate surfaces as an I/O error
                if isinstance(exc, OSError) and "decrypt" not in str(exc):
                    raise
                raise NotForThisKey(f"{src}: the identity does not open it (another "
                                    "recipient's key, or the file was changed or cut)") from None

    return _write_through(Path(dst), write)
