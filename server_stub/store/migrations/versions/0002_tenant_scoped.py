"""Per-tenant uniqueness, a login directory, per-address pairing throttle, ordered watermarks.

- single use is UNIQUE (tenant_id, jti) in used_passes (now its primary key), visits and
  revocations, instead of a jti unique across all tenants;
- users.email is unique per tenant; the global sign-in directory user_logins maps an e-mail
  to its tenant (e-mails stay unique server-wide there);
- revocations are numbered per tenant from revocation_counters (row-locked while a revocation
  commits), no longer by a global autoincrement;
- pairing codes lose wrong_guesses (a wrong guess counts against the guesser's address);
  failures record the address and the live codes they were exposed to; pairing_throttle keeps
  per-address state;
- tenants and sites get a creation sequence for a stable order; meta is gone (alembic_version
  tracks the schema).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NAMES = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _order_column(table: str) -> None:
    """A creation sequence; existing rows keep their insertion order (rowid on SQLite)."""
    op.add_column(table, sa.Column("seq", BigInt, nullable=False, server_default="0"))
    key = {"tenants": "tenant_id", "sites": "site_id"}[table]
    order = "created_at" if _postgresql() else "rowid"
    op.execute(
        f"UPDATE {table} SET seq = (SELECT n FROM (SELECT {key} AS k, "  # noqa: S608 (constants)
        f"ROW_NUMBER() OVER (ORDER BY {order}) AS n FROM {table}) o WHERE o.k = {table}.{key})"
    )


def upgrade() -> None:
    _order_column("tenants")
    _order_column("sites")

    with op.batch_alter_table("users", naming_convention=NAMES) as batch:
        batch.drop_constraint("uq_users_email", type_="unique")
        batch.create_unique_constraint("uq_users_tenant_id_email", ["tenant_id", "email"])
    op.create_table(
        "user_logins",
        sa.Column("email", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
    )
    op.execute(
        "INSERT INTO user_logins (email, tenant_id, user_id) "
        "SELECT email, tenant_id, user_id FROM users"
    )

    with op.batch_alter_table("visits", naming_convention=NAMES) as batch:
        batch.drop_constraint("uq_visits_jti", type_="unique")
        batch.create_unique_constraint("uq_visits_tenant_id_jti", ["tenant_id", "jti"])

    if _postgresql():
        op.alter_column("revocations", "watermark", server_default=None)
        op.execute("DROP SEQUENCE IF EXISTS revocations_watermark_seq")
    with op.batch_alter_table("revocations", naming_convention=NAMES) as batch:
        batch.drop_constraint("uq_revocations_jti", type_="unique")
        batch.drop_constraint("pk_revocations", type_="primary")
        batch.alter_column("watermark", type_=BigInt, existing_nullable=False)
        batch.create_primary_key("pk_revocations", ["tenant_id", "watermark"])
        batch.create_unique_constraint("uq_revocations_tenant_id_jti", ["tenant_id", "jti"])
        batch.create_foreign_key(
            "fk_revocations_tenant_id_tenants", "tenants", ["tenant_id"], ["tenant_id"]
        )
    op.create_table(
        "revocation_counters",
        sa.Column("tenant_id", sa.Text, sa.ForeignKey("tenants.tenant_id"), primary_key=True),
        sa.Column("last_watermark", BigInt, nullable=False),
    )
    op.execute(
        "INSERT INTO revocation_counters (tenant_id, last_watermark) "
        "SELECT t.tenant_id, COALESCE(MAX(r.watermark), 0) FROM tenants t "
        "LEFT JOIN revocations r ON r.tenant_id = t.tenant_id GROUP BY t.tenant_id"
    )

    with op.batch_alter_table("used_passes", naming_convention=NAMES) as batch:
        batch.drop_constraint("uq_used_passes_jti", type_="unique")
        batch.create_primary_key("pk_used_passes", ["tenant_id", "jti"])
        batch.create_foreign_key(
            "fk_used_passes_tenant_id_tenants", "tenants", ["tenant_id"], ["tenant_id"]
        )

    with op.batch_alter_table("checkin_events", naming_convention=NAMES) as batch:
        batch.create_foreign_key(
            "fk_checkin_events_tenant_id_tenants", "tenants", ["tenant_id"], ["tenant_id"]
        )
    op.create_index(
        "checkin_events_status", "checkin_events", ["tenant_id", "status", "received_at"]
    )

    with op.batch_alter_table("pairing_codes", naming_convention=NAMES) as batch:
        batch.drop_column("wrong_guesses")
    op.execute("DELETE FROM pairing_failures")  # throttle state only; the new rule starts afresh
    with op.batch_alter_table("pairing_failures", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("address", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("exposure", sa.Integer, nullable=False, server_default="1"))
    op.create_index("pairing_failures_at", "pairing_failures", ["at"])
    op.create_table(
        "pairing_throttle",
        sa.Column("address", sa.Text, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.Float, nullable=False),
        sa.Column("blocked_until", sa.Float, nullable=False),
    )
    op.drop_table("meta")


def downgrade() -> None:
    raise RuntimeError("migrations only go forward; restore a backup to go back")
