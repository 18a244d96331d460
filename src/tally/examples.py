"""The bundled example files, copied where a newcomer can use them.

The README's first session starts with `tally examples DIR` so that every
command it shows runs as written: a rights group's Arabic list (Windows-1256)
and an English list (UTF-16) with their mappings, a morgue register (XLSX), a
news article, a saved web page and a JSON-lines file of articles. Every name in
them is invented (src/tally/data/examples/README.md).
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from tally.errors import UsageError


def copy_examples(dest: str | Path) -> list[Path]:
    """Copy every bundled example file into ``dest`` (created if missing); return the
    copies. Refused when a file of the same name is already there: nothing is overwritten."""
    dest = Path(dest)
    bundled = sorted((f for f in resources.files("tally.data").joinpath("examples").iterdir()
                      if f.is_file() and not f.name.startswith((".", "_"))),
                     key=lambda f: f.name)
    clashes = [f.name for f in bundled if (dest / f.name).exists()]
    if clashes:
        raise UsageError(f"{dest} already holds {', '.join(clashes)}; nothing copied "
                         "(choose another folder)")
    dest.mkdir(parents=True, exist_ok=True)
    copies = []
    for f in bundled:
        with resources.as_file(f) as path:
            copies.append(Path(shutil.copyfile(path, dest / f.name)))
    return copies
