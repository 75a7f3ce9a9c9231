"""Row-level security on PostgreSQL: a tenant-scoped table shows a transaction only the rows of
the tenant bound with ``app.tenant_id`` (see ``uow.bind_tenant``), whoever forgets a WHERE.

A migration that creates a tenant-scoped table calls ``protect(table)`` right after it;
``tests/server/test_rls.py`` checks from the catalogue that every table with a ``tenant_id``
column outside ``GLOBAL_TABLES`` is protected, so a table that is not fails the tests.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server_stub.store.engine import StoreError

TENANT_SETTING = "app.tenant_id"
POLICY = "tenant_isolation"
# current_setting(..., true) is NULL when the setting was never made in this session and ''
# after a transaction that made it ended: neither equals a tenant id, so no tenant sees nothing.
PREDICATE = f"tenant_id = current_setting('{TENANT_SETTING}', true)"


def protect_statements(table: str) -> list[str]:
    """ENABLE and FORCE (the owner too) row-level security, one policy for reads and writes."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY {POLICY} ON {table} USING ({PREDICATE}) WITH CHECK ({PREDICATE})",
    ]


def protect(table: str) -> None:
    """In a migration: protect ``table`` on PostgreSQL (SQLite has no row-level security)."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in protect_statements(table):
            op.execute(statement)


_ROLE = sa.text(
    "SELECT current_user, r.rolsuper OR r.rolbypassrls, "
    "EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relowner = r.oid) "
    "FROM pg_roles r WHERE r.rolname = current_user"
)


def check_server_role(conn: sa.Connection) -> None:
    """Refuse to serve as a role that could escape the policies: a superuser, a BYPASSRLS
    role, or the owner of the tables (who could switch FORCE off). The server runs as the
    application role; migrations run as the owner (README)."""
    if conn.dialect.name != "postgresql":
        return
    user, bypasses, owns = conn.execute(_ROLE).one()
    if bypasses or owns:
        why = "bypasses row-level security" if bypasses else "owns the tables"
        raise StoreError(
            f"the server must not connect as {user!r}, which {why}; "
            "connect as the application role (see README: PostgreSQL)"
        )
