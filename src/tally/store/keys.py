"""Key slots: the project's data key, stored only wrapped.

An encrypted project has one *data key* (32 random bytes) that every document
key and every sealed value hangs from. It is never written down in the clear:
``keys.json`` in the project folder holds it wrapped (AES-256-GCM) once per
*slot* — each key holder's passphrase, through Argon2id with its own salt —
and once by a *recovery key* (32 random bytes shown once, at ``tally init
--encrypt``, to be kept on paper away from the laptop). Like LUKS key slots:
adding or removing a holder rewrites this small file, never the data.

``keys.json`` is written through a temporary file and renamed (a killed
process leaves the old or the new file, never half of one), owner-only.
A wrong passphrase opens no slot: :class:`KeyError_` and nothing changes.

Rotation (``tally keys rotate``, :mod:`tally.store.rotation`) makes a new data
key in two steps, so a killed process leaves a project that opens either way:
:func:`begin_rotation` records the new key, sealed by the old one, under
``rotation`` in ``keys.json`` (the old slots still open the project; document
keys open with either key meanwhile), and :func:`commit_rotation` replaces the
file with slots, a recovery key and the identity-hash key wrapped by the new
data key only.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from tally.errors import ProjectError
from tally.store import crypto
from tally.store.atomic import atomic_write_text
from tally.store.audit import utc_now
from tally.store.layout import KEYS_NAME
PASSPHRASE_ENV = "TALLY_PASSPHRASE_FILE"
_WRAP_AAD = b"tally data key"
_NEXT_AAD = b"tally next data key"
_ID_HASH_AAD = b"tally identity-number hash key"
_RECOVERY_GROUP = 4


class WrongKey(ProjectError):
    """No key slot opens with what was given: nothing was read or changed."""


KeyError_ = WrongKey  # the name the module docstring uses


@dataclass(frozen=True)
class Slot:
    id: int
    label: str
    created_at: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def is_encrypted(root: str | os.PathLike) -> bool:
    return (Path(root) / KEYS_NAME).is_file()


def _read(root: Path) -> dict:
    try:
        return json.loads((root / KEYS_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError(f"{root} is not an encrypted project (no {KEYS_NAME})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{root / KEYS_NAME} is damaged: {exc}") from None


def _write(root: Path, data: dict) -> None:
    """Replace ``keys.json`` atomically, owner-only (the file and its folder fsynced)."""
    atomic_write_text(Path(root) / KEYS_NAME, json.dumps(data, indent=1))


def _passphrase_slot(slot_id: int, label: str, passphrase: bytes, data_key: bytes) -> dict:
    salt = os.urandom(16)
    kek = crypto.passphrase_key(passphrase, salt, **crypto.ARGON2)
    return {"id": slot_id, "label": label, "created_at": utc_now(), "kdf": "argon2id",
            **crypto.ARGON2, "salt": _b64(salt),
            "wrapped": _b64(crypto.seal(kek, data_key, _WRAP_AAD))}


def _recovery_kek(recovery: bytes) -> bytes:
    return crypto.subkey(recovery, "recovery key")


def format_recovery(recovery: bytes) -> str:
    """The recovery key as a person copies it: base32 in groups of four."""
    text = base64.b32encode(recovery).decode("ascii").rstrip("=")
    return "-".join(text[i:i + _RECOVERY_GROUP] for i in range(0, len(text), _RECOVERY_GROUP))


def _parse_recovery(text: str) -> bytes | None:
    cleaned = "".join(c for c in text.upper() if c.isalnum())
    if len(cleaned) != 52:
        return None
    try:
        return base64.b32decode(cleaned + "====")
    except ValueError:
        return None


def create_keys(root: str | os.PathLike, passphrase: bytes, label: str = "first holder"
                ) -> tuple[bytes, str]:
    """Make a new data key for the project at ``root``; store it wrapped by
    ``passphrase`` (slot 1) and by a new recovery key. Returns the data key and
    the recovery key as text (to show once; it is not kept)."""
    check_passphrase(passphrase)
    root = Path(root)
    data_key = crypto.new_key()
    recovery = crypto.new_key()
    _write(root, {
        "format": 1, "cipher": "AES-256-GCM",
        "slots": [_passphrase_slot(1, label, passphrase, data_key)],
        "recovery": {"created_at": utc_now(),
                     "wrapped": _b64(crypto.seal(_recovery_kek(recovery), data_key, _WRAP_AAD))},
    })
    return data_key, format_recovery(recovery)


def check_passphrase(passphrase: bytes) -> None:
    if len(passphrase.strip()) < 8:
        raise ProjectError("a passphrase needs at least 8 characters (a few words are best)")


def unlock(root: str | os.PathLike, passphrase: bytes) -> bytes:
    """The data key, from a passphrase of any slot or from the recovery key;
    :class:`WrongKey` when none opens (nothing is changed)."""
    data = _read(Path(root))
    for slot in data.get("slots", []):
        kek = crypto.passphrase_key(passphrase, _unb64(slot["salt"]), slot["time_cost"],
                                    slot["memory_cost"], slot["parallelism"])
        try:
            return crypto.unseal(kek, _unb64(slot["wrapped"]), _WRAP_AAD)
        except crypto.Tampered:
            continue
    recovery = _parse_recovery(passphrase.decode("utf-8", "replace"))
    if recovery is not None and data.get("recovery"):
        try:
            return crypto.unseal(_recovery_kek(recovery), _unb64(data["recovery"]["wrapped"]),
                                 _WRAP_AAD)
        except crypto.Tampered:
            pass
    raise WrongKey("wrong passphrase: no key slot of this project opens with it "
                   "(nothing was read or changed)")


def _not_rotating(data: dict) -> None:
    if data.get("rotation"):
        raise ProjectError("a key rotation is unfinished: run `tally keys rotate` to finish it "
                           "first (the project opens meanwhile, nothing is lost)")


def rotation_unfinished(root: str | os.PathLike) -> bool:
    return bool(_read(Path(root)).get("rotation"))


def list_slots(root: str | os.PathLike) -> list[Slot]:
    return [Slot(s["id"], s["label"], s["created_at"]) for s in _read(Path(root)).get("slots", [])]


def add_slot(root: str | os.PathLike, data_key: bytes, passphrase: bytes, label: str) -> Slot:
    """Let one more passphrase open the project (the data key stays the same)."""
    check_passphrase(passphrase)
    root = Path(root)
    data = _read(root)
    _not_rotating(data)
    slot_id = max((s["id"] for s in data["slots"]), default=0) + 1
    slot = _passphrase_slot(slot_id, label, passphrase, data_key)
    data["slots"].append(slot)
    _write(root, data)
    return Slot(slot_id, label, slot["created_at"])


def remove_slot(root: str | os.PathLike, slot_id: int) -> Slot:
    """Stop a passphrase from opening the project; the last slot is kept (the
    recovery key alone would be the only way in)."""
    root = Path(root)
    data = _read(root)
    _not_rotating(data)
    found = [s for s in data["slots"] if s["id"] == slot_id]
    if not found:
        raise ProjectError(f"no key slot {slot_id} (see `tally keys list`)")
    if len(data["slots"]) == 1:
        raise ProjectError("refusing to remove the last key slot: add another first")
    data["slots"] = [s for s in data["slots"] if s["id"] != slot_id]
    _write(root, data)
    return Slot(found[0]["id"], found[0]["label"], found[0]["created_at"])


def id_hash_key(root: str | os.PathLike, data_key: bytes) -> bytes:
    """The key of the identity numbers' keyed hashes (what linkage compares).

    Derived from the project's first data key, and kept (wrapped by the current
    data key) across rotations: rotating it would change every stored hash, so
    the records' digests the audit chain holds. See THREAT_MODEL.md."""
    wrapped = _read(Path(root)).get("id_hash_key")
    if wrapped is None:
        return crypto.subkey(data_key, "national_id equality")
    return crypto.unseal(data_key, _unb64(wrapped), _ID_HASH_AAD)


@dataclass(frozen=True)
class Rotation:
    id: str
    key: bytes  # the new data key (in memory only)


def pending_rotation(root: str | os.PathLike, data_key: bytes) -> Rotation | None:
    """The unfinished rotation's new key, opened with the current ``data_key``."""
    pending = _read(Path(root)).get("rotation")
    if not pending:
        return None
    return Rotation(pending["id"], crypto.unseal(data_key, _unb64(pending["wrapped"]), _NEXT_AAD))


def begin_rotation(root: str | os.PathLike, data_key: bytes) -> Rotation:
    """Record a new data key (sealed by the current one) as the rotation under
    way, or return the one an interrupted rotation recorded."""
    root = Path(root)
    found = pending_rotation(root, data_key)
    if found is not None:
        return found
    data = _read(root)
    rotation = Rotation(os.urandom(8).hex(), crypto.new_key())
    data["rotation"] = {"id": rotation.id, "started_at": utc_now(),
                        "wrapped": _b64(crypto.seal(data_key, rotation.key, _NEXT_AAD))}
    _write(root, data)
    return rotation


def holder_slot(root: str | os.PathLike, passphrase: bytes) -> dict | None:
    """The slot ``passphrase`` opens (None: it is the recovery key, or none)."""
    for slot in _read(Path(root)).get("slots", []):
        kek = crypto.passphrase_key(passphrase, _unb64(slot["salt"]), slot["time_cost"],
                                    slot["memory_cost"], slot["parallelism"])
        try:
            crypto.unseal(kek, _unb64(slot["wrapped"]), _WRAP_AAD)
            return slot
        except crypto.Tampered:
            continue
    return None


def commit_rotation(root: str | os.PathLike, old_key: bytes, rotation: Rotation,
                    passphrase: bytes) -> tuple[str, list[Slot]]:
    """Make the rotation's key the data key: ``keys.json`` replaced (atomically)
    by the slot of ``passphrase`` (its number and label kept), a new recovery key
    and the identity-hash key, each wrapped by the new key. Other holders'
    slots are dropped (their passphrases are not known here: add them again).
    Returns the new recovery key (to show once) and the dropped slots."""
    check_passphrase(passphrase)
    root = Path(root)
    data = _read(root)
    keep = holder_slot(root, passphrase)
    slot_id = keep["id"] if keep else max((s["id"] for s in data["slots"]), default=0) + 1
    label = keep["label"] if keep else "holder after rotation"
    hash_key = id_hash_key(root, old_key)
    recovery = crypto.new_key()
    dropped = [Slot(s["id"], s["label"], s["created_at"]) for s in data["slots"]
               if keep is None or s["id"] != keep["id"]]
    _write(root, {
        "format": 1, "cipher": "AES-256-GCM",
        "slots": [_passphrase_slot(slot_id, label, passphrase, rotation.key)],
        "recovery": {"created_at": utc_now(), "wrapped": _b64(
            crypto.seal(_recovery_kek(recovery), rotation.key, _WRAP_AAD))},
        "id_hash_key": _b64(crypto.seal(rotation.key, hash_key, _ID_HASH_AAD)),
        "rotated": {"id": rotation.id, "at": utc_now()},
    })
    return format_recovery(recovery), dropped


def read_passphrase(path: str | os.PathLike | None = None) -> bytes | None:
    """The passphrase in ``path`` or in the file ``TALLY_PASSPHRASE_FILE`` names
    (its first line, without the line end), or None when neither is given."""
    path = path or os.environ.get(PASSPHRASE_ENV)
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ProjectError(f"cannot read the passphrase file {path}: {exc.strerror}") from None
    line = data.splitlines()[0] if data.splitlines() else b""
    return line
