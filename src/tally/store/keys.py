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
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tally.errors import ProjectError
from tally.store import crypto
from tally.store.audit import utc_now
from tally.store.layout import KEYS_NAME
PASSPHRASE_ENV = "TALLY_PASSPHRASE_FILE"
_WRAP_AAD = b"tally data key"
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
    """Replace ``keys.json`` atomically, owner-only."""
    fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, root / KEYS_NAME)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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


def list_slots(root: str | os.PathLike) -> list[Slot]:
    return [Slot(s["id"], s["label"], s["created_at"]) for s in _read(Path(root)).get("slots", [])]


def add_slot(root: str | os.PathLike, data_key: bytes, passphrase: bytes, label: str) -> Slot:
    """Let one more passphrase open the project (the data key stays the same)."""
    check_passphrase(passphrase)
    root = Path(root)
    data = _read(root)
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
    found = [s for s in data["slots"] if s["id"] == slot_id]
    if not found:
        raise ProjectError(f"no key slot {slot_id} (see `tally keys list`)")
    if len(data["slots"]) == 1:
        raise ProjectError("refusing to remove the last key slot: add another first")
    data["slots"] = [s for s in data["slots"] if s["id"] != slot_id]
    _write(root, data)
    return Slot(found[0]["id"], found[0]["label"], found[0]["created_at"])


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
