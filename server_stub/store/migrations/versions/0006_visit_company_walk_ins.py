"""A visitor's company, and whether a site takes walk-ins.

- visits gain company (personal data: erased with the visit, like the visitor's name);
- sites gain walk_ins (true by default: the kiosk offers "I have no code").

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
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
        batch.add_column(sa.Column("company", sa.Text))
    with op.batch_alter_table("sites", naming_convention=NAMES) as batch:
        batch.add_column(
            sa.Column("walk_ins", sa.Boolean, nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
