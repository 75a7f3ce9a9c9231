"""Erasure and retention of visitors' personal data.

- visits gain erased_at (an erased visit stays as an id-only tombstone) and an index on
  (tenant_id, exp) for the retention purge;
- tenant_settings: per-tenant settings, for now the retention of visitors' personal data in
  days (30 unless set). Tenant-scoped, with row-level security on PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server_stub.store.rls import protect

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NAMES = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def upgrade() -> None:
    with op.batch_alter_table("visits", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("erased_at", sa.Float))
    op.create_index("visits_retention", "visits", ["tenant_id", "exp"])
    op.create_table(
        "tenant_settings",
        sa.Column(
            "tenant_id",
            sa.Text,
            sa.ForeignKey("tenants.tenant_id", name="fk_tenant_settings_tenant_id_tenants"),
            nullable=False,
        ),
        sa.Column("retention_days", sa.Integer, nullable=False, server_default="30"),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name="pk_tenant_settings"),
    )
    protect("tenant_settings")


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
