"""``tally keys rotate``: a new data key for an encrypted project, crash-safe.

The key hierarchy is data key → document keys → documents and sealed values.
Rotation replaces the top: a new data key is made, every document key is
re-wrapped by it (the documents and the sealed values in ``tally.duckdb`` are
not rewritten: they hang from their document keys, which do not change), and
``keys.json`` is replaced by one whose key slot, recovery key and
identity-hash key are wrapped by the new data key only. What that does and
does not protect against is in THREAT_MODEL.md ("Key rotation").

Steps, each of which a ``kill -9`` may interrupt:

1. the new key is recorded in ``keys.json`` sealed by the old one
   (:func:`tally.store.keys.begin_rotation`); the old slots still open the
   project, and a document key opens with either data key meanwhile;
2. each document key file is re-wrapped, one atomic rename at a time;
3. a ``keys.rotated`` audit event is committed (its ``rotation`` id makes a
   resumed run not append it twice);
4. ``keys.json`` is replaced atomically — the commit point.

Killed before step 4, the project opens and verifies as before (the old
passphrases, the old recovery key), and running ``tally keys rotate`` again
finishes the same rotation. Killed after, it is rotated. Nothing is lost either way:
no document key is ever unreadable by both keys at once.
The store is held (a read-write connection) throughout, so no other Tally
process writes meanwhile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tally.errors import ProjectError
from tally.store import keys
from tally.store.audit import append_event
from tally.store.crashpoints import crash_point
from tally.store.transaction import transaction

ACTION = "keys.rotated"


@dataclass(frozen=True)
class RotationReport:
    document_keys: int  # re-wrapped by this run
    recovery_key: str  # shown once
    dropped: list  # slots whose holders must be added again (keys.Slot)
    resumed: bool


def rotate_data_key(project, passphrase: bytes) -> RotationReport:
    """Give ``project`` a new data key; ``passphrase`` (which opened it) keeps
    its slot, other slots are dropped, a new recovery key is returned."""
    if not project.encrypted:
        raise ProjectError("only an encrypted project has a data key to rotate "
                           "(`tally encrypt` encrypts this one)")
    if passphrase is None:
        raise ProjectError("rotating needs the passphrase of a key slot "
                           "(--passphrase-file FILE or TALLY_PASSPHRASE_FILE=FILE)")
    old = project.data_key()
    root = project.root
    if any(project.objects.root.glob("*/*.next")):
        raise ProjectError("a `tally forget --witness` is unfinished: run it again to finish "
                           "it before rotating")
    if keys.holder_slot(root, passphrase) is None:
        raise ProjectError("rotate with a key holder's passphrase, not the recovery key "
                           "(the recovery key is replaced by the rotation)")
    with project.connect() as con:  # held throughout: no other writer meanwhile
        resumed = keys.rotation_unfinished(root)
        rotation = keys.begin_rotation(root, old)
        crash_point("rotate:begun")
        rewrapped = 0
        for sha in project.objects.key_files():
            if project.objects.rewrap_key(sha, old, rotation.key):
                rewrapped += 1
                if rewrapped == 1:
                    crash_point("rotate:one-rewrapped")
        crash_point("rotate:rewrapped")
        if not _recorded(con, rotation.id):
            with transaction(con):
                _reseal_totp(con, old, rotation.key)
                append_event(con, ACTION, None, {"rotation": rotation.id})
        crash_point("rotate:recorded")
        recovery, dropped = keys.commit_rotation(root, old, rotation, passphrase)
        crash_point("rotate:committed")
    project._data_key = rotation.key
    return RotationReport(rewrapped, recovery, dropped, resumed)


TOTP_PURPOSE = "totp"  # tally.store.accounts seals second-factor secrets under this subkey


def _reseal_totp(con, old: bytes, new: bytes) -> int:
    """The workspace users' TOTP secrets (sealed under a subkey of the data key by
    :mod:`tally.store.accounts`) sealed again under the new key's, in the caller's
    transaction — else rotating would lock every user with a second factor out.
    Killed after this commits and before ``keys.json`` is replaced, second factors
    fail until ``tally keys rotate`` is run again (sign-in with a recovery code works)."""
    from tally.store import crypto

    has = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                      "'app_user' AND column_name = 'totp_secret'").fetchall()[0][0]
    if not has:
        return 0
    old_key, new_key = crypto.subkey(old, TOTP_PURPOSE), crypto.subkey(new, TOTP_PURPOSE)
    changed = 0
    for name, stored in con.execute("SELECT name, totp_secret FROM app_user "
                                    "WHERE totp_secret IS NOT NULL").fetchall():
        try:
            secret = crypto.unseal_text(old_key, stored, f"totp:{name}")
        except crypto.Tampered:
            continue  # sealed under the new key already, or not openable: left as it is
        con.execute("UPDATE app_user SET totp_secret = ? WHERE name = ?",
                    [crypto.seal_text(new_key, secret, f"totp:{name}"), name])
        changed += 1
    return changed


def _recorded(con, rotation_id: str) -> bool:
    for (details,) in con.execute(
            "SELECT details FROM audit_event WHERE action = ?", [ACTION]).fetchall():
        if json.loads(details).get("rotation") == rotation_id:
            return True
    return False
