"""The server's storage layer: one schema, SQLite or PostgreSQL, one unit of work per request.

- ``schema.py``: every table, declared once in SQLAlchemy Core ``metadata``, with portable
  types; ``GLOBAL_TABLES`` names the tables without a tenant and why.
- ``engine.py``: an engine from a database URL (SQLite in the data dir by default).
- ``uow.py``: ``Store.begin(tenant_id)`` (write) and ``Store.read(tenant_id)`` (one snapshot);
  ``bind_tenant`` is the one place that sets ``app.tenant_id`` for row-level security.
- ``migrate.py`` and ``migrations/``: Alembic, run from code (no alembic.ini).
- ``tenancy.py``, ``keys.py``, ``devices.py``, ``pairing.py``, ``visits.py``, ``ledger.py``:
  repositories. Each takes a connection (and its tenant id); none imports the service.

Adding a table (the one pattern):

1. Declare it in ``schema.py``. A tenant-scoped table gets ``_tenant_fk()`` (``tenant_id NOT
   NULL``) and tenant-first unique constraints; a global one must be added to
   ``GLOBAL_TABLES`` with its reason.
2. Add a revision in ``migrations/versions/`` (next number, ``down_revision`` = the current
   head) that creates exactly that table with ``op.create_table``. ``tests/server/
   test_migrations.py`` fails when the migrated schema and ``metadata`` differ.
3. Write a repository class in a module here taking ``(conn, tenant_id)``: SQLAlchemy Core
   statements only, every query filtered by ``tenant_id``, inserts that may collide through
   ``dialect.insert_ignore`` (``ON CONFLICT DO NOTHING``), never select-then-insert.
4. Compose it in the service inside ``store.begin(tenant_id)`` / ``store.read(tenant_id)``.
"""

from server_stub.store.engine import DB_NAME, StoreError, default_url
from server_stub.store.migrate import NotInitialised, WrongRevision
from server_stub.store.schema import GLOBAL_TABLES, metadata
from server_stub.store.uow import Store, bind_tenant

__all__ = [
    "DB_NAME",
    "GLOBAL_TABLES",
    "NotInitialised",
    "Store",
    "StoreError",
    "WrongRevision",
    "bind_tenant",
    "default_url",
    "metadata",
]
