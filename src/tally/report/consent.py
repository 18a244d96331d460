"""Which records a public export must leave out because the witness did not agree
to publication (issue 19 item 7; the Every Casualty standards' consent per purpose).

A record's ``consent`` lists the purposes its witness agreed to (storage,
publication, advocacy, legal; or ``none``). A record whose consent is recorded and
does not name ``publication`` is withheld from every public export, whoever makes
it. A record with no consent recorded (a list received from a rights group or an
official source, not testimony taken by the team) is the source's to publish and is
kept: mark a list's rows ``consent = storage`` to keep them out. In an encrypted
project the consent is sealed with the record's other sensitive values, so it is
opened in memory here; a record whose values cannot be opened (its document was
forgotten) is withheld too.
"""

from __future__ import annotations

_PUBLICATION = r"(^|[ ,;])publication([ ,;]|$)"


def withheld_from_publication(project, con) -> list[str]:
    """The ids of the records a public export must leave out (their witness's consent
    is recorded and does not include publication)."""
    ids = [r[0] for r in con.execute(
        "SELECT record_id FROM victim_record WHERE consent IS NOT NULL "
        "AND NOT regexp_matches(lower(consent), ?)", [_PUBLICATION]).fetchall()]
    if not getattr(project, "encrypted", False):
        return ids
    import json
    import re

    from tally.store.crypto import Tampered, unseal_text

    pattern = re.compile(_PUBLICATION)
    keys_of: dict[str, list] = {}  # a document's keys opened once, not once per record
    for record_id, sha, sealed in con.execute(
            "SELECT record_id, document_sha256, sealed FROM victim_record "
            "WHERE sealed IS NOT NULL AND consent IS NULL ORDER BY document_sha256").fetchall():
        try:  # the record's envelope (tally.ingest.sealing), bound to its id
            if sha not in keys_of:
                keys_of.clear()
                keys_of[sha] = project.objects.document_keys(sha)  # two while forgetting
            keys = keys_of[sha]
            consent = None
            for key in keys:
                try:
                    consent = json.loads(unseal_text(key, sealed, record_id)).get("consent")
                    break
                except Tampered:
                    if key is keys[-1]:
                        raise
        except (Tampered, OSError, ValueError, IndexError):
            ids.append(record_id)  # cannot be read, so cannot be shown to agree
            continue
        if consent is not None and not pattern.search(str(consent).lower()):
            ids.append(record_id)
    return ids
