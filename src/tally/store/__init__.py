"""The project store: one DuckDB file, content-addressed objects, an audit chain.

Stages read and write tables through a :class:`duckdb.DuckDBPyConnection`
opened by :class:`tally.project.Project`; this package owns the schema
(numbered migrations), the object store and the audit log.
"""

from tally.store.audit import append_event, inputs_changed, verify_audit
from tally.store.migrations import apply_migrations, schema_version
from tally.store.objects import ObjectStore
from tally.store.transaction import transaction

__all__ = [
    "ObjectStore",
    "append_event",
    "apply_migrations",
    "inputs_changed",
    "schema_version",
    "transaction",
    "verify_audit",
]
