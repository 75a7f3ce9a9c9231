"""E-mail: the outbox, visitor e-mail and language, site address, zone, language and webhook.

- outbox: one row per message to send (invitation, cancellation, host arrival notice), written
  in the transaction of the visit or check-in; recipients by reference, no body;
- visits gain visitor_email, language and host_id; sites gain address, timezone, language and
  an optional webhook (its URL and the secret of its signature).
The outbox is tenant-scoped and gets row-level security on PostgreSQL (the host directory it
notifies is the console's, from 0004).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server_stub.store.rls import protect

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NAMES = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _tenant_fk(table: str) -> sa.Column[str]:
    return sa.Column(
        "tenant_id",
        sa.Text,
        sa.ForeignKey("tenants.tenant_id", name=f"fk_{table}_tenant_id_tenants"),
        nullable=False,
    )


def upgrade() -> None:
    with op.batch_alter_table("sites", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("address", sa.Text))
        batch.add_column(sa.Column("timezone", sa.Text))
        batch.add_column(sa.Column("language", sa.Text))
        batch.add_column(sa.Column("webhook_url", sa.Text))
        batch.add_column(sa.Column("webhook_secret", sa.Text))
    with op.batch_alter_table("visits", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("visitor_email", sa.Text))
        batch.add_column(sa.Column("language", sa.Text))
        batch.add_column(sa.Column("host_id", sa.Text))
    op.create_table(
        "outbox",
        sa.Column("message_id", sa.Text, nullable=False),
        _tenant_fk("outbox"),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("visit_id", sa.Text, nullable=False),
        sa.Column("host_id", sa.Text),
        sa.Column("event_id", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("due_at", sa.Float, nullable=False),
        sa.Column("lease_until", sa.Float),
        sa.Column("sent_at", sa.Float),
        sa.Column("header_id", sa.Text),
        sa.PrimaryKeyConstraint("message_id", name="pk_outbox"),
    )
    op.create_index("outbox_due", "outbox", ["status", "due_at"])
    op.create_index("outbox_visit", "outbox", ["tenant_id", "visit_id"])
    protect("outbox")


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
