"""Walk-ins and check-out at the kiosk.

- visits gain kind (expected, walk_in) and walk_in_event_id (unique per tenant); pass and kid
  become nullable: a walk-in has no pass. Its jti stays NOT NULL and unique: the server gives
  it its own "walk-in:..." value, never one a pass can carry, so the single-use ledger
  (used_passes, keyed by jti) records a walk-in's check-in like any other and no pass can
  ever consume it;
- checkin_events gain kind (entry, exit, walk_in), visit_id and host_notified (the stored
  answers of exits and walk-ins);
- checkouts (reception's, by user) gain the device, kiosk name and exit event of a kiosk
  check-out; checked_out_by becomes nullable.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
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
        batch.alter_column("pass", existing_type=sa.Text, nullable=True)
        batch.alter_column("kid", existing_type=sa.Text, nullable=True)
        batch.add_column(
            sa.Column("kind", sa.Text, nullable=False, server_default="expected")
        )
        batch.add_column(sa.Column("walk_in_event_id", sa.Text))
        batch.create_unique_constraint(
            "uq_visits_tenant_id_walk_in_event_id", ["tenant_id", "walk_in_event_id"]
        )
    with op.batch_alter_table("checkin_events", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("kind", sa.Text, nullable=False, server_default="entry"))
        batch.add_column(sa.Column("visit_id", sa.Text))
        batch.add_column(sa.Column("host_notified", sa.Boolean))
    with op.batch_alter_table("checkouts", naming_convention=NAMES) as batch:
        batch.alter_column("checked_out_by", existing_type=sa.Text, nullable=True)
        batch.add_column(sa.Column("device_id", sa.Text))
        batch.add_column(sa.Column("kiosk_name", sa.Text))
        batch.add_column(sa.Column("event_id", sa.Text))


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
