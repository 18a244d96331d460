"""Content-addressed storage of received files, like git's objects.

A document's bytes live at ``objects/ab/cdef...`` named by their SHA-256, written
once (to a temporary name, then renamed, so a killed process never leaves a
half-written object under a real name) and made read-only, for its owner only
(witnesses' lists: folders 0700, files 0400, whatever the umask).

In an encrypted project (``tally init --encrypt``) every object file is the
document's bytes sealed with AES-256-GCM under the document's own key, with the
document's SHA-256 as associated data (an object file moved under another name
does not open); the document key, sealed by the project's data key, sits beside
it in ``ab/cdef....key`` (destroying it shreds the document and the sealed
values of its records). The address stays the SHA-256 of the plaintext, so
custody is unchanged: reading decrypts, and :meth:`ObjectStore.verify` decrypts
and re-hashes. The plaintext is only ever in memory.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

from tally.store import crypto
from tally.store.atomic import atomic_writer, fsync_dir  # noqa: F401  (fsync_dir: callers import it here)

_CHUNK = 1 << 20
OBJECT_MAGIC = b"TALLY-OBJECT-AES256GCM-1\n"
KEY_MAGIC = b"TALLY-DOCKEY-AES256GCM-1\n"
KEY_SUFFIX = ".key"
#: a document's replacement object and key while a witness is being forgotten
#: (tally.ingest.forgetting): written first, moved into place last
NEXT_SUFFIX = ".next"
NO_BYTES = "-"  # document.held_sha256 when no bytes of the document are held


def sha256_file(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ObjectStore:
    """The ``objects/`` folder of a project."""

    def __init__(self, root: str | os.PathLike,
                 data_key: Callable[[], bytes] | None = None) -> None:
        """``data_key``: for an encrypted project, what gives the project's data
        key (called when first needed, so opening a project asks for no passphrase)."""
        self.root = Path(root)
        self._data_key = data_key

    @property
    def encrypted(self) -> bool:
        return self._data_key is not None

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def key_path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / (sha256[2:] + KEY_SUFFIX)

    def document_key(self, sha256: str, create: bool = False) -> bytes:
        """The document's own key (encrypted projects): unsealed from its key file,
        or made and stored when ``create`` and there is none that opens.
        :class:`~tally.store.crypto.Tampered` when it is missing (forgotten) or changed."""
        path = self.key_path_for(sha256)
        aad = b"document key|" + sha256.encode("ascii")
        try:
            blob = path.read_bytes()
            if not blob.startswith(KEY_MAGIC):
                raise crypto.Tampered("document key file is not a Tally key file")
            try:
                return crypto.unseal(self._data_key(), blob[len(KEY_MAGIC):], aad)
            except crypto.Tampered:
                rotating = self._rotation_key()  # a rotation under way: re-wrapped already?
                if rotating is None:
                    raise
                return crypto.unseal(rotating, blob[len(KEY_MAGIC):], aad)
        except (FileNotFoundError, crypto.Tampered) as exc:
            if not create:
                if isinstance(exc, FileNotFoundError):
                    raise crypto.Tampered("the document's key is missing") from None
                raise
        key = crypto.new_key()
        sealed = KEY_MAGIC + crypto.seal(self._data_key(), key, aad)
        self._write_file(path, lambda out: out.write(sealed))
        return key

    def _rotation_key(self) -> bytes | None:
        """The new data key of a key rotation under way (tally.store.rotation), if any."""
        from tally.store.keys import pending_rotation

        try:
            found = pending_rotation(self.root.parent, self._data_key())
        except Exception:  # no keys.json, or a damaged one: nothing more to try
            return None
        return found.key if found else None

    def rewrap_key(self, sha256: str, old: bytes, new: bytes) -> bool:
        """Seal the document key of ``sha256`` by data key ``new`` instead of ``old``
        (atomically: the old or the new file, never half); False when it is
        sealed by ``new`` already. :class:`~tally.store.crypto.Tampered` when
        neither opens it."""
        path = self.key_path_for(sha256)
        aad = b"document key|" + sha256.encode("ascii")
        blob = path.read_bytes()
        if not blob.startswith(KEY_MAGIC):
            raise crypto.Tampered(f"document key of {sha256[:12]} is not a Tally key file")
        try:
            crypto.unseal(new, blob[len(KEY_MAGIC):], aad)
            return False
        except crypto.Tampered:
            key = crypto.unseal(old, blob[len(KEY_MAGIC):], aad)
        sealed = KEY_MAGIC + crypto.seal(new, key, aad)
        self._write_file(path, lambda out: out.write(sealed))
        return True

    def key_files(self) -> list[str]:
        """SHA-256 of every document whose key file is present (encrypted projects)."""
        found = []
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()) if self.root.is_dir() else []:
            for path in sorted(folder.iterdir()):
                if path.name.endswith(KEY_SUFFIX) and not path.name.startswith("."):
                    found.append(folder.name + path.name[:-len(KEY_SUFFIX)])
        return found

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, path: str | os.PathLike, sha256: str | None = None) -> str:
        """Store a copy of ``path``'s bytes; return their SHA-256.

        Storing bytes already present is a no-op (after checking the stored
        copy is intact: a damaged object is replaced by the good bytes).
        """
        sha256 = sha256 or sha256_file(path)
        if self.encrypted:
            data = Path(path).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                raise OSError(f"{path} changed while it was being stored")
            return self._install_sealed(sha256, data)

        def copy(out) -> None:
            with open(path, "rb") as src:
                shutil.copyfileobj(src, out, _CHUNK)

        return self._install(sha256, copy, f"{path} changed while it was being stored")

    def put_bytes(self, data: bytes) -> str:
        """Store ``data`` (bytes Tally made, such as a web page's derived text); return its SHA-256."""
        if self.encrypted:
            return self._install_sealed(hashlib.sha256(data).hexdigest(), data)
        return self._install(hashlib.sha256(data).hexdigest(), lambda out: out.write(data),
                             "the bytes written are not the bytes given")

    def _install(self, sha256: str, write, changed: str) -> str:
        """Write an object through a temporary file in its folder, check its
        hash, make it read-only and move it into place (atomically)."""
        target = self.path_for(sha256)
        if target.is_file() and sha256_file(target) == sha256:
            return sha256

        def check(tmp: str) -> None:
            if sha256_file(tmp) != sha256:
                raise OSError(changed)

        self._write_file(target, write, check)
        return sha256

    def _install_sealed(self, sha256: str, data: bytes) -> str:
        """Seal ``data`` under the document's key and install it, unless an
        object that opens to these bytes is there already."""
        if self.verify(sha256) is None:
            return sha256
        key = self.document_key(sha256, create=True)
        sealed = OBJECT_MAGIC + crypto.seal(key, data, sha256.encode("ascii"))
        self._write_file(self.path_for(sha256), lambda out: out.write(sealed))
        return sha256

    def _write_file(self, target: Path, write, check=None) -> None:
        """Write ``target`` through a temporary file in its folder, read-only, atomically;
        ``check(tmp)`` may refuse the written bytes before they replace anything."""
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if target.parent.stat().st_mode & 0o077:
            os.chmod(target.parent, 0o700)
        with atomic_writer(target, mode=0o400, prefix=".incoming-", check=check) as out:
            write(out)

    def read_bytes(self, sha256: str) -> bytes:
        """The stored bytes of an object (decrypted, in an encrypted project)."""
        data = self.path_for(sha256).read_bytes()
        if not self.encrypted:
            return data
        if not data.startswith(OBJECT_MAGIC):
            raise crypto.Tampered(f"object {sha256[:12]} is not sealed")
        keys = self.document_keys(sha256)
        for key in keys[:-1]:
            try:
                return crypto.unseal(key, data[len(OBJECT_MAGIC):], sha256.encode("ascii"))
            except crypto.Tampered:
                continue
        return crypto.unseal(keys[-1], data[len(OBJECT_MAGIC):], sha256.encode("ascii"))

    # --- a document's replacement (forgetting one witness) --------------------

    def next_key_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / (sha256[2:] + KEY_SUFFIX + NEXT_SUFFIX)

    def next_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / (sha256[2:] + NEXT_SUFFIX)

    def document_keys(self, sha256: str) -> list[bytes]:
        """The document's key, and the replacement key of a forgetting under way
        (values sealed by either open while it finishes); :class:`Tampered` when none."""
        found = []
        try:
            found.append(self.document_key(sha256))
        except crypto.Tampered:
            pass
        try:
            blob = self.next_key_path(sha256).read_bytes()
            if blob.startswith(KEY_MAGIC):
                found.append(crypto.unseal(self._data_key(), blob[len(KEY_MAGIC):],
                                           b"document key|" + sha256.encode("ascii")))
        except (FileNotFoundError, crypto.Tampered):
            pass
        if not found:
            raise crypto.Tampered("the document's key is missing")
        return found

    def write_next(self, sha256: str, key: bytes, data: bytes | None) -> None:
        """Write the replacement key (sealed by the data key) and, unless ``data`` is
        None, the replacement object sealed by it, beside the current ones."""
        aad = b"document key|" + sha256.encode("ascii")
        sealed_key = KEY_MAGIC + crypto.seal(self._data_key(), key, aad)
        self._write_file(self.next_key_path(sha256), lambda out: out.write(sealed_key))
        if data is not None:
            sealed = OBJECT_MAGIC + crypto.seal(key, data, sha256.encode("ascii"))
            self._write_file(self.next_path(sha256), lambda out: out.write(sealed))

    def has_next(self, sha256: str) -> bool:
        return self.next_key_path(sha256).exists() or self.next_path(sha256).exists()

    def discard_next(self, sha256: str) -> None:
        """Remove a replacement that was never committed (it holds nothing the
        current object does not)."""
        for path in (self.next_path(sha256), self.next_key_path(sha256)):
            path.unlink(missing_ok=True)

    def install_next(self, sha256: str, held: str) -> None:
        """Make the replacement current: its object moved into place (or, when
        ``held`` is :data:`NO_BYTES`, the object overwritten and removed), then the
        old key overwritten and removed and the new one moved into place. Each step
        is one rename, and reads try both keys meanwhile: killed anywhere, it
        finishes when run again."""
        from tally.store.crashpoints import crash_point

        target, nxt = self.path_for(sha256), self.next_path(sha256)
        if nxt.exists():
            if target.exists():
                os.chmod(target, 0o600)
            os.replace(nxt, target)
        elif held == NO_BYTES and target.exists():
            shred_file(target)
        crash_point("forget-witness:object-installed")
        new_key = self.next_key_path(sha256)
        if new_key.exists():
            old_key = self.key_path_for(sha256)
            if old_key.exists():
                shred_file(old_key, remove=False)  # destroyed in place, then replaced
                crash_point("forget-witness:old-key-destroyed")
            os.replace(new_key, old_key)
        fsync_dir(target.parent)

    def verify_held(self, sha256: str, held: str) -> str | None:
        """For a document a witness was forgotten from: None when the bytes held
        (the object, or its replacement under way) hash to ``held``."""
        if held == NO_BYTES:
            return None if not self.path_for(sha256).exists() or self.has_next(sha256) else \
                "the document's bytes should be gone (a witness was forgotten) but are held"
        for path in (self.path_for(sha256), self.next_path(sha256)):
            try:
                blob = path.read_bytes()
            except FileNotFoundError:
                continue
            for key in self._keys_quietly(sha256):
                try:
                    data = crypto.unseal(key, blob[len(OBJECT_MAGIC):], sha256.encode("ascii"))
                except crypto.Tampered:
                    continue
                if hashlib.sha256(data).hexdigest() == held:
                    return None
        return ("object file does not hold the bytes recorded when a witness was forgotten "
                "(changed, replaced, or its key is missing)")

    def _keys_quietly(self, sha256: str) -> list[bytes]:
        try:
            return self.document_keys(sha256)
        except crypto.Tampered:
            return []

    def verify(self, sha256: str) -> str | None:
        """None if the object is intact, else what is wrong with it."""
        target = self.path_for(sha256)
        if not target.is_file():
            return "object file is missing"
        if self.encrypted:
            return self._verify_sealed(sha256)
        actual = sha256_file(target)
        if actual != sha256:
            return f"object file's bytes changed (now hash to {actual[:12]}…)"
        return None

    def _verify_sealed(self, sha256: str) -> str | None:
        if not self.key_path_for(sha256).is_file():
            return "the document's key is missing"
        try:
            data = self.read_bytes(sha256)
        except crypto.Tampered as exc:
            return f"object file's ciphertext was changed or replaced ({exc})"
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            return f"object file decrypts to other bytes (they hash to {actual[:12]}…)"
        return None


def shred_file(path: Path, remove: bool = True) -> None:
    """Overwrite ``path`` with random bytes in place (best effort: a flash disk or a
    copy-on-write file system may keep the old blocks), then remove it unless not ``remove``."""
    size = path.stat().st_size
    os.chmod(path, 0o600)
    with open(path, "r+b") as handle:
        left = size
        while left > 0:
            left -= handle.write(os.urandom(min(left, _CHUNK)))
        handle.flush()
        os.fsync(handle.fileno())
    if remove:
        path.unlink()
        fsync_dir(path.parent)
