"""Row-level security on PostgreSQL for every tenant-scoped table (no change on SQLite).

Each table below gets ENABLE and FORCE ROW LEVEL SECURITY (FORCE: the owner role is bound by
it too) and the policy ``tenant_isolation``: rows are visible and writable only while
``app.tenant_id`` names their tenant. The global tables of ``schema.GLOBAL_TABLES`` get none.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from server_stub.store.rls import protect

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "sites",
    "users",
    "pass_keys",
    "devices",
    "visits",
    "revocation_counters",
    "revocations",
    "used_passes",
    "checkin_events",
)


def upgrade() -> None:
    for table in TENANT_TABLES:
        protect(table)


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
