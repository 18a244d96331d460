"""The one atomic write (tally.store.atomic): the target is either the old file or
the whole new one — never a half-written file, never a temporary file left beside
it — and it is owner-only whatever the umask."""

from __future__ import annotations

import os
import stat

import pytest

from tally.store.atomic import atomic_write_bytes, atomic_write_text, atomic_writer


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_litter(tmp_path):
    target = tmp_path / "archive.bin"
    target.write_bytes(b"the old archive")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as out:
            out.write(b"half of the new one")
            raise RuntimeError("killed")
    assert target.read_bytes() == b"the old archive"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.bin"]


def test_a_check_can_refuse_the_bytes_before_they_replace_anything(tmp_path):
    target = tmp_path / "object"
    target.write_bytes(b"good")

    def refuse(path: str) -> None:
        from pathlib import Path

        assert Path(path).read_bytes() == b"bad"  # the check reads the written file
        raise OSError("not the bytes given")

    with pytest.raises(OSError, match="not the bytes given"):
        with atomic_writer(target, check=refuse) as out:
            out.write(b"bad")
    assert target.read_bytes() == b"good" and len(list(tmp_path.iterdir())) == 1


def test_new_files_are_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        text = atomic_write_text(tmp_path / "a.txt", "نص عربي")
        blob = atomic_write_bytes(tmp_path / "b.bin", b"\x00\x01", mode=0o400)
    finally:
        os.umask(old)
    assert text.read_text(encoding="utf-8") == "نص عربي" and blob.read_bytes() == b"\x00\x01"
    assert stat.S_IMODE(text.stat().st_mode) == 0o600
    assert stat.S_IMODE(blob.stat().st_mode) == 0o400
    atomic_write_bytes(blob, b"replaced", mode=0o400)  # a read-only file is replaced too
    assert blob.read_bytes() == b"replaced"


def test_the_three_writers_share_it():
    """backup, recipients and objects once each had their own copy of this code."""
    import inspect

    from tally import backup
    from tally.store import objects, recipients

    for module in (backup, recipients, objects):
        source = inspect.getsource(module)
        assert "atomic_writer" in source and "mkstemp" not in source, module.__name__
