"""`tally dedupe` on a few hand-made rows, read back as persons.

The link unit tests state each case as rows a reader of the lists would
decide at once; this writes them as an interchange-format file, links it as
`tally dedupe` does (the shipped priors: small files are not trained) and
returns record id -> cluster id, so every such test reads its persons one way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence

from tally.link import LinkSettings, dedupe_file


def dedupe_persons(tmp_path, header: Sequence[str], rows: Iterable[Sequence | Mapping],
                   settings: LinkSettings | None = None) -> dict[str, str]:
    """Rows are tuples in ``header``'s order or dicts (a field left out is empty)."""
    path, out = tmp_path / "records.csv", tmp_path / "clusters.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            w.writerow([row.get(h, "") for h in header] if isinstance(row, Mapping) else row)
    dedupe_file(path, out, settings=settings)
    with open(out, encoding="utf-8") as f:
        return {r["record_id"]: r["cluster_id"] for r in csv.DictReader(f)}
