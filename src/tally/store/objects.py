"""Content-addressed storage of received files, like git's objects.

A document's bytes live at ``objects/ab/cdef...`` named by their SHA-256, written
once (to a temporary name, then renamed, so a killed process never leaves a
half-written object under a real name) and made read-only, for its owner only
(witnesses' lists: folders 0700, files 0400, whatever the umask).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

_CHUNK = 1 << 20


def sha256_file(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ObjectStore:
    """The ``objects/`` folder of a project."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, path: str | os.PathLike, sha256: str | None = None) -> str:
        """Store a copy of ``path``'s bytes; return their SHA-256.

        Storing bytes already present is a no-op (after checking the stored
        copy is intact: a damaged object is replaced by the good bytes).
        """
        sha256 = sha256 or sha256_file(path)

        def copy(out) -> None:
            with open(path, "rb") as src:
                shutil.copyfileobj(src, out, _CHUNK)

        return self._install(sha256, copy, f"{path} changed while it was being stored")

    def put_bytes(self, data: bytes) -> str:
        """Store ``data`` (bytes Tally made, such as a web page's derived text); return its SHA-256."""
        return self._install(hashlib.sha256(data).hexdigest(), lambda out: out.write(data),
                             "the bytes written are not the bytes given")

    def _install(self, sha256: str, write, changed: str) -> str:
        """Write an object through a temporary file in its folder, check its
        hash, make it read-only and move it into place (atomically)."""
        target = self.path_for(sha256)
        if target.is_file() and sha256_file(target) == sha256:
            return sha256
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if target.parent.stat().st_mode & 0o077:
            os.chmod(target.parent, 0o700)
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            if sha256_file(tmp) != sha256:
                raise OSError(changed)
            os.chmod(tmp, 0o400)
            if target.exists():
                os.chmod(target, 0o600)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return sha256

    def read_bytes(self, sha256: str) -> bytes:
        """The stored bytes of an object."""
        return self.path_for(sha256).read_bytes()

    def verify(self, sha256: str) -> str | None:
        """None if the object is intact, else what is wrong with it."""
        target = self.path_for(sha256)
        if not target.is_file():
            return "object file is missing"
        actual = sha256_file(target)
        if actual != sha256:
            return f"object file's bytes changed (now hash to {actual[:12]}…)"
        return None
