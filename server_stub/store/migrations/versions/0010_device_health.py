"""Kiosk health: the last report of each kiosk, sent as query parameters of its pulls.

- device_health: one row per device (app version, queue depth, last sync, camera, clock skew,
  free disk, when it arrived); tenant-scoped, row-level security on PostgreSQL. No personal
  data.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server_stub.store.rls import protect

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "device_health",
        sa.Column(
            "tenant_id",
            sa.Text,
            sa.ForeignKey("tenants.tenant_id", name="fk_device_health_tenant_id_tenants"),
            nullable=False,
        ),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("reported_at", sa.Float, nullable=False),
        sa.Column("app_version", sa.Text),
        sa.Column("queue_depth", BigInt),
        sa.Column("last_sync_at", sa.Float),
        sa.Column("camera_ok", sa.Boolean),
        sa.Column("clock_skew_s", sa.Float),
        sa.Column("free_disk_bytes", BigInt),
        sa.PrimaryKeyConstraint("tenant_id", "device_id", name="pk_device_health"),
    )
    protect("device_health")


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
